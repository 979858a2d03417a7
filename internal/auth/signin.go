package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// ErrBadCredentials is the one answer for an unknown email and for a wrong
// password, so that sign-in does not tell which emails have accounts.
var ErrBadCredentials = errors.New("That email and password do not match an account.")

// ErrDisabled refuses the right password of a disabled account. It is
// said only after the password matched, so it tells nothing to a guesser.
var ErrDisabled = errors.New("This account is disabled; ask the career center to enable it.")

// PasswordVerifier checks a password against a stored hash (Hasher does).
type PasswordVerifier interface {
	Verify(encoded, password string) (bool, error)
}

// AccountFinder finds an account by email; found is false for none.
type AccountFinder interface {
	AccountByEmail(ctx context.Context, email string) (a model.Account, found bool, err error)
}

// Counters keep failure counts shared by every server instance.
type Counters interface {
	// CountAttempt adds one failure to each key, all in one transaction,
	// each atomically, and returns the counts in order.
	CountAttempt(ctx context.Context, hits []model.FailureHit, now time.Time) ([]model.FailureCount, error)
	// RecordSignIn, in one transaction, clears resetKey's failures, takes
	// one back from forgiveKey (never below zero), audits e and, when open
	// is not nil, opens its session (ending the one it replaces).
	RecordSignIn(ctx context.Context, resetKey, forgiveKey string, e model.AuditEntry, open *model.SessionOpening) error
}

// Auditor records what happened.
type Auditor interface {
	Audit(ctx context.Context, e model.AuditEntry) error
}

// Authenticator signs people in with a password.
type Authenticator struct {
	Accounts   AccountFinder
	Verifier   PasswordVerifier
	Counters   Counters
	Audit      Auditor
	Clock      method.Clock
	PerAccount Rule
	PerAddress Rule
	// DummyHash is verified when the email has no account, so that an
	// unknown email costs the same work as a wrong password. It must be a
	// hash with the same parameters as real ones.
	DummyHash string
}

// NewAuthenticator returns an authenticator with the default rules and a
// dummy hash made by hasher (one hash's work, once).
func NewAuthenticator(accounts AccountFinder, hasher *Hasher, counters Counters, audit Auditor, clock method.Clock) (*Authenticator, error) {
	dummy, err := hasher.Hash("no account has this password")
	if err != nil {
		return nil, err
	}
	return &Authenticator{Accounts: accounts, Verifier: hasher, Counters: counters, Audit: audit, Clock: clock,
		PerAccount: PerAccount(), PerAddress: PerAddress(), DummyHash: dummy}, nil
}

// Attempt is one sign-in as typed, with the client's address.
type Attempt struct {
	Email    string
	Password string
	Address  string // the client's IP address, as the server trusts it
}

// SignIn checks an attempt. It returns the account, or ErrBadCredentials,
// ErrDisabled or a *LimitedError; every outcome is audited.
//
// Each attempt is counted as a failure before the password is checked, in
// one atomic step, and taken back when it succeeds: so concurrent attempts
// on any number of instances get at most the rule's number of password
// checks, where reading the count first and adding to it after would let
// a burst through between the two.
func (a *Authenticator) SignIn(ctx context.Context, at Attempt) (model.Account, error) {
	return a.signIn(ctx, at, nil)
}

// SignInSession is SignIn that also opens a browser session for the
// account and returns its token. The session starts in the transaction
// that records the sign-in, so a sign-in costs two writes (the attempt
// counted before the password is checked, and this) rather than three.
// previous is the browser's current session token, if any: it ends, so a
// token planted before sign-in is worth nothing after it.
func (a *Authenticator) SignInSession(ctx context.Context, at Attempt, sessions *Sessions, previous string) (model.Account, string, error) {
	var token string
	acct, err := a.signIn(ctx, at, func(userID int64) (*model.SessionOpening, error) {
		t, open, err := sessions.opening(userID, previous)
		token = t
		return open, err
	})
	if err != nil {
		return model.Account{}, "", err
	}
	return acct, token, nil
}

func (a *Authenticator) signIn(ctx context.Context, at Attempt, opening func(userID int64) (*model.SessionOpening, error)) (model.Account, error) {
	now := a.Clock.Now()
	email := model.EmailKey(at.Email)
	accountKey, addressKey := "account:"+email, "address:"+at.Address
	wait, err := a.count(ctx, now, accountKey, addressKey)
	if err != nil {
		return model.Account{}, err
	}
	if wait > 0 {
		if err := a.audit(ctx, now, 0, email, "signin.limited", fmt.Sprintf("address %s; wait %s", at.Address, wait.Round(time.Second))); err != nil {
			return model.Account{}, err
		}
		return model.Account{}, &LimitedError{Wait: wait}
	}
	if len(at.Password) > MaxPasswordLength {
		// Not worth hashing; counted like any wrong password.
		return model.Account{}, a.fail(ctx, now, email, at.Address, "password too long")
	}
	acct, found, err := a.Accounts.AccountByEmail(ctx, email)
	if err != nil {
		return model.Account{}, fmt.Errorf("sign in: %w", err)
	}
	hash := acct.PasswordHash
	if !found || hash == "" {
		hash = a.DummyHash
	}
	ok, err := a.Verifier.Verify(hash, at.Password)
	if err != nil {
		return model.Account{}, fmt.Errorf("sign in %s: %w", email, err)
	}
	if !found || acct.PasswordHash == "" || !ok {
		why := "wrong password"
		if !found {
			why = "no such account"
		} else if acct.PasswordHash == "" {
			why = "account has no password"
		}
		return model.Account{}, a.fail(ctx, now, email, at.Address, why)
	}
	if !acct.Active() {
		if err := a.audit(ctx, now, acct.ID, email, "signin.disabled", "address "+at.Address); err != nil {
			return model.Account{}, err
		}
		return model.Account{}, ErrDisabled
	}
	e := model.AuditEntry{At: now, ActorID: acct.ID, Actor: email, Action: "signin", Target: email, Detail: "address " + at.Address}
	var open *model.SessionOpening
	if opening != nil {
		if open, err = opening(acct.ID); err != nil {
			return model.Account{}, err
		}
	}
	if err := a.Counters.RecordSignIn(ctx, accountKey, addressKey, e, open); err != nil {
		return model.Account{}, fmt.Errorf("sign in: %w", err)
	}
	return acct, nil
}

// count adds the attempt to both keys and returns the longer wait their
// rules impose (zero: go ahead).
func (a *Authenticator) count(ctx context.Context, now time.Time, accountKey, addressKey string) (time.Duration, error) {
	wait, err := countHits(ctx, a.Counters, now, []limitedKey{{accountKey, a.PerAccount}, {addressKey, a.PerAddress}})
	if err != nil {
		return 0, fmt.Errorf("sign-in limits: %w", err)
	}
	return wait, nil
}

// A limitedKey is a counter's key and the rule it is held to.
type limitedKey struct {
	key  string
	rule Rule
}

// countHits adds one to each key, atomically and in the order given, and
// returns the longest wait their rules impose (zero: go ahead).
func countHits(ctx context.Context, c Counters, now time.Time, keys []limitedKey) (time.Duration, error) {
	hits := make([]model.FailureHit, len(keys))
	for i, k := range keys {
		hits[i] = model.FailureHit{Key: k.key, WindowStart: now.Add(-k.rule.Window)}
	}
	counts, err := c.CountAttempt(ctx, hits, now)
	if err != nil {
		return 0, err
	}
	var wait time.Duration
	for i, n := range counts {
		wait = max(wait, keys[i].rule.Wait(n, now))
	}
	return wait, nil
}

// fail audits a failed attempt (already counted) and gives the one answer.
func (a *Authenticator) fail(ctx context.Context, now time.Time, email, address, why string) error {
	if err := a.audit(ctx, now, 0, email, "signin.failed", why+"; address "+address); err != nil {
		return err
	}
	return ErrBadCredentials
}

// audit records an entry. A sign-in that cannot be audited fails: the log
// is the only trace of an attack.
func (a *Authenticator) audit(ctx context.Context, now time.Time, actorID int64, email, action, detail string) error {
	err := a.Audit.Audit(ctx, model.AuditEntry{At: now, ActorID: actorID, Actor: email, Action: action, Target: email, Detail: detail})
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}
