package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// Token prefixes tell a session cookie from an API token at a glance and
// let secret scanners recognise a leaked API token.
const (
	SessionPrefix  = "allys_"
	APITokenPrefix = "allyt_"
)

// tokenBytes of randomness: 256 bits, beyond guessing.
const tokenBytes = 32

// NewToken returns a new random token with prefix and the hash to store.
// The token itself is given to the user once and never stored.
func NewToken(r io.Reader, prefix string) (token, hash string, err error) {
	if r == nil {
		r = rand.Reader
	}
	b := make([]byte, tokenBytes)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", "", fmt.Errorf("new token: %w", err)
	}
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken is the form a token is stored and looked up in: SHA-256, hex.
// A fast hash is enough because the token is random and long; a stolen
// table of hashes gives nobody a token that works.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// WellFormed reports whether s could be a token with prefix, so that junk
// is refused before the database is asked.
func WellFormed(s, prefix string) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || len(rest) != base64.RawURLEncoding.EncodedLen(tokenBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}

// TokenStore finds API tokens by hash.
type TokenStore interface {
	// APITokenByHash finds an unrevoked token of an active account; found
	// is false for none.
	APITokenByHash(ctx context.Context, hash string) (t model.APIToken, found bool, err error)
	TouchAPIToken(ctx context.Context, id int64, now time.Time) error
}

// ResolveAPIToken returns the user an API token acts for; ok is false for
// a malformed, unknown or revoked token.
func ResolveAPIToken(ctx context.Context, ts TokenStore, clock method.Clock, token string) (userID int64, ok bool, err error) {
	if !WellFormed(token, APITokenPrefix) {
		return 0, false, nil
	}
	t, found, err := ts.APITokenByHash(ctx, HashToken(token))
	if err != nil || !found {
		return 0, false, err
	}
	now := clock.Now()
	// Like sessions, last-used is written at most once a minute.
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= time.Minute {
		if err := ts.TouchAPIToken(ctx, t.ID, now); err != nil {
			return 0, false, err
		}
	}
	return t.UserID, true, nil
}
