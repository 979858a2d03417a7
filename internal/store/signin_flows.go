package store

import (
	"context"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// flowVerifierSecret names the PKCE verifier when it is sealed.
const flowVerifierSecret = "signin_flows.verifier"

// CreateSignInFlow keeps a sign-in under way until its provider answers,
// sealing its PKCE verifier. Flows that expired before now are deleted on
// the way, so the table holds only the last few minutes' sign-ins.
func (s *Store) CreateSignInFlow(ctx context.Context, f model.SignInFlow, now time.Time) error {
	verifier, err := s.secrets.seal(flowVerifierSecret, f.Verifier)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(q queryer) error {
		if _, err := q.ExecContext(ctx, `DELETE FROM signin_flows WHERE expires_at < $1`, ts(now)); err != nil {
			return fmt.Errorf("prune sign-in flows: %w", err)
		}
		_, err := q.ExecContext(ctx, `INSERT INTO signin_flows (key_hash, kind, browser_hash, nonce, verifier, next_path, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, f.KeyHash, f.Kind, f.BrowserHash, f.Nonce, verifier, f.Next, ts(f.ExpiresAt))
		if isUniqueViolation(err) {
			return fmt.Errorf("%w: a sign-in with this key is already under way", ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("keep sign-in flow: %w", err)
		}
		return nil
	})
}

// ConsumeSignInFlow takes the flow of kind with keyHash out of the table
// and returns it; found is false when there is none (never made, or
// already used). Taking is one DELETE … RETURNING statement, so of any
// number of concurrent requests on any instances exactly one gets the
// flow. An expired flow is returned too (and deleted): the caller refuses it.
func (s *Store) ConsumeSignInFlow(ctx context.Context, kind, keyHash string) (model.SignInFlow, bool, error) {
	f := model.SignInFlow{Kind: kind, KeyHash: keyHash}
	var expires nullTime
	var verifier string
	err := s.w.QueryRowContext(ctx, `DELETE FROM signin_flows WHERE key_hash = $1 AND kind = $2
		RETURNING browser_hash, nonce, verifier, next_path, expires_at`, keyHash, kind).
		Scan(&f.BrowserHash, &f.Nonce, &verifier, &f.Next, &expires)
	if isNoRows(err) {
		return f, false, nil
	}
	if err != nil {
		return f, false, fmt.Errorf("take sign-in flow: %w", err)
	}
	f.ExpiresAt = expires.Time
	if f.Verifier, err = s.secrets.open(flowVerifierSecret, verifier); err != nil {
		return f, false, err
	}
	return f, true, nil
}
