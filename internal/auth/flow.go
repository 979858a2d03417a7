package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// FlowLifetime is how long a sign-in through a provider may take, from the
// button to the provider's answer.
const FlowLifetime = 10 * time.Minute

// ErrFlowUnknown refuses a provider's answer that matches no sign-in under
// way: forged, already used, expired, or begun in another browser. Each
// of these is said the same way, since the remedy is the same.
var ErrFlowUnknown = errors.New("This sign-in was already used, has expired or was not started here. Please start again with the button below.")

// FlowStore keeps the sign-ins under way where every instance sees them.
type FlowStore interface {
	CreateSignInFlow(ctx context.Context, f model.SignInFlow, now time.Time) error
	// ConsumeSignInFlow takes a flow out, atomically: found is true for
	// exactly one caller.
	ConsumeSignInFlow(ctx context.Context, kind, keyHash string) (model.SignInFlow, bool, error)
}

// Flows begins and finishes sign-ins through a provider.
type Flows struct {
	Store FlowStore
	Clock method.Clock
	Rand  io.Reader // nil means crypto/rand
}

// Begun is a flow just begun: what goes to the provider (the state, the
// nonce and the verifier's challenge) and what goes to the browser.
type Begun struct {
	Key      string // the OIDC state, or the SAML request's ID as given
	Nonce    string
	Verifier string // the PKCE code verifier
}

// Random returns a random value of 32 bytes in base64url, for states,
// nonces, verifiers and browser cookies.
func (f *Flows) Random() (string, error) {
	r := f.Rand
	if r == nil {
		r = rand.Reader
	}
	b := make([]byte, tokenBytes)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("random value: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// BeginOIDC keeps a new OIDC flow for the browser whose cookie is
// browser, to go to next once signed in, and returns its random state,
// nonce and PKCE verifier.
func (f *Flows) BeginOIDC(ctx context.Context, browser, next string) (Begun, error) {
	var b Begun
	for _, p := range []*string{&b.Key, &b.Nonce, &b.Verifier} {
		v, err := f.Random()
		if err != nil {
			return Begun{}, err
		}
		*p = v
	}
	return b, f.keep(ctx, model.FlowOIDC, b, browser, next)
}

// BeginSAML keeps a new SAML flow whose key is the ID of the
// authentication request the service provider made.
func (f *Flows) BeginSAML(ctx context.Context, requestID, browser, next string) error {
	return f.keep(ctx, model.FlowSAML, Begun{Key: requestID}, browser, next)
}

func (f *Flows) keep(ctx context.Context, kind string, b Begun, browser, next string) error {
	now := f.Clock.Now()
	err := f.Store.CreateSignInFlow(ctx, model.SignInFlow{Kind: kind, KeyHash: HashToken(b.Key), BrowserHash: HashToken(browser),
		Nonce: b.Nonce, Verifier: b.Verifier, Next: next, ExpiresAt: now.Add(FlowLifetime)}, now)
	if err != nil {
		return fmt.Errorf("begin %s sign-in: %w", kind, err)
	}
	return nil
}

// Finish takes the flow of kind whose key came back from the provider,
// for the browser whose cookie is browser. It is refused with
// ErrFlowUnknown, and a reason for the audit log, when there is no such
// flow (forged or used), when it expired or when another browser began it.
// Whatever the outcome, the flow cannot be used again.
func (f *Flows) Finish(ctx context.Context, kind, key, browser string) (flow model.SignInFlow, why string, err error) {
	if key == "" {
		return flow, "no state", ErrFlowUnknown
	}
	flow, found, err := f.Store.ConsumeSignInFlow(ctx, kind, HashToken(key))
	switch {
	case err != nil:
		return flow, "", fmt.Errorf("finish %s sign-in: %w", kind, err)
	case !found:
		return flow, "unknown or already used state", ErrFlowUnknown
	case !f.Clock.Now().Before(flow.ExpiresAt):
		return flow, "expired state", ErrFlowUnknown
	case subtle.ConstantTimeCompare([]byte(flow.BrowserHash), []byte(HashToken(browser))) != 1:
		return flow, "state begun in another browser", ErrFlowUnknown
	}
	return flow, "", nil
}
