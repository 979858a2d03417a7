package auth

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// SessionPolicy says how long a session lives.
type SessionPolicy struct {
	Idle     time.Duration // unused this long, it ends
	Absolute time.Duration // this long after sign-in, it ends anyway
	Touch    time.Duration // last-seen is written at most this often, to spare the database
}

// DefaultSessionPolicy: 12 hours idle, 30 days at most.
func DefaultSessionPolicy() SessionPolicy {
	return SessionPolicy{Idle: 12 * time.Hour, Absolute: 30 * 24 * time.Hour, Touch: time.Minute}
}

// Valid reports whether the session may still be used at now.
func (p SessionPolicy) Valid(s model.Session, now time.Time) bool {
	return now.Before(s.LastSeenAt.Add(p.Idle)) && now.Before(s.CreatedAt.Add(p.Absolute)) && !now.Before(s.CreatedAt)
}

// NeedsTouch reports whether the session's last-seen time is old enough
// to be worth writing again.
func (p SessionPolicy) NeedsTouch(s model.Session, now time.Time) bool {
	return now.Sub(s.LastSeenAt) >= p.Touch
}

// SessionStore keeps sessions where every server instance sees them.
type SessionStore interface {
	CreateSession(ctx context.Context, s model.Session) error
	// SessionByHash finds a session of an active account; found is false
	// for none.
	SessionByHash(ctx context.Context, hash string) (s model.Session, found bool, err error)
	TouchSession(ctx context.Context, hash string, now time.Time) error
	DeleteSession(ctx context.Context, hash string) error
}

// Sessions starts, resolves and ends browser sessions.
type Sessions struct {
	Store  SessionStore
	Policy SessionPolicy
	Clock  method.Clock
	Rand   io.Reader // nil means crypto/rand
}

// Start opens a session for the user and returns its token, for the
// cookie. Each sign-in makes a new token, so a token planted before
// sign-in is worth nothing after it.
func (s *Sessions) Start(ctx context.Context, userID int64) (string, error) {
	token, open, err := s.opening(userID, "")
	if err != nil {
		return "", err
	}
	if err := s.Store.CreateSession(ctx, open.Session); err != nil {
		return "", fmt.Errorf("start session: %w", err)
	}
	return token, nil
}

// opening makes a new session's token and the row to store for it; the
// previous token, when well formed, is the session it replaces.
func (s *Sessions) opening(userID int64, previous string) (string, *model.SessionOpening, error) {
	token, hash, err := NewToken(s.Rand, SessionPrefix)
	if err != nil {
		return "", nil, err
	}
	now := s.Clock.Now()
	open := &model.SessionOpening{Session: model.Session{TokenHash: hash, UserID: userID, CreatedAt: now, LastSeenAt: now}}
	if WellFormed(previous, SessionPrefix) {
		open.EndHash = HashToken(previous)
	}
	return token, open, nil
}

// Resolve returns the user a session token belongs to; ok is false for a
// malformed, unknown or expired token (an expired one is deleted).
func (s *Sessions) Resolve(ctx context.Context, token string) (userID int64, ok bool, err error) {
	sess, ok, err := s.ResolveSession(ctx, token)
	return sess.UserID, ok, err
}

// ResolveSession is Resolve returning the session itself, with its
// account when the store reads it with the session.
func (s *Sessions) ResolveSession(ctx context.Context, token string) (model.Session, bool, error) {
	if !WellFormed(token, SessionPrefix) {
		return model.Session{}, false, nil
	}
	hash := HashToken(token)
	sess, found, err := s.Store.SessionByHash(ctx, hash)
	if err != nil || !found {
		return model.Session{}, false, err
	}
	now := s.Clock.Now()
	if !s.Policy.Valid(sess, now) {
		return model.Session{}, false, s.Store.DeleteSession(ctx, hash)
	}
	if s.Policy.NeedsTouch(sess, now) {
		if err := s.Store.TouchSession(ctx, hash, now); err != nil {
			return model.Session{}, false, err
		}
	}
	return sess, true, nil
}

// End signs a session out. An unknown token is not an error: signing out
// twice is harmless.
func (s *Sessions) End(ctx context.Context, token string) error {
	if !WellFormed(token, SessionPrefix) {
		return nil
	}
	return s.Store.DeleteSession(ctx, HashToken(token))
}
