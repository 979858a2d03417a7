package auth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// Answers from a provider that cannot be acted on, as the sign-in page
// says them.
var (
	ErrProviderAnswer = errors.New("The answer from your sign-in provider could not be trusted, so Ally did not sign you in. Please start again with the button below.")
	ErrProviderDown   = errors.New("Ally could not reach your sign-in provider just now. Please try again in a moment, or sign in with your password.")
)

// A Refusal is a provider's answer refused: Err is what the person is
// told, Why what the audit log says, Email whom the answer named, if
// anyone, and Next where the refused flow was going.
type Refusal struct {
	Email, Why, Next string
	Err              error
}

func (r *Refusal) Error() string { return r.Err.Error() }
func (r *Refusal) Unwrap() error { return r.Err }

// unreachable wraps why a provider could not be reached so that it
// matches ErrProviderDown and keeps the cause for the log.
func unreachable(err error) error { return fmt.Errorf("%w (%w)", ErrProviderDown, err) }

// finish takes a flow for the answer and turns the flow's refusal into a
// Refusal.
func finish(ctx context.Context, flows *Flows, kind, key, browser string) (model.SignInFlow, error) {
	flow, why, err := flows.Finish(ctx, kind, key, browser)
	if errors.Is(err, ErrFlowUnknown) {
		return flow, &Refusal{Why: why, Next: "/", Err: err}
	}
	return flow, err
}

// OIDC signs people in through an OpenID Connect provider: the code flow
// with PKCE, a state and a nonce, each flow kept in Flows. The provider's
// discovery document is fetched once, on first use, and kept: it is the
// provider's description, not part of any sign-in.
type OIDC struct {
	cfg      config.OIDC
	redirect string // the callback, from the base URL
	client   *http.Client
	clock    method.Clock
	flows    *Flows

	mu       sync.Mutex
	provider *oidc.Provider
}

// NewOIDC returns the provider cfg names, answering at baseURL's
// /signin/oidc/callback.
func NewOIDC(cfg config.OIDC, baseURL string, client *http.Client, flows *Flows, clock method.Clock) *OIDC {
	return &OIDC{cfg: cfg, redirect: baseURL + "/signin/oidc/callback", client: client, clock: clock, flows: flows}
}

// Name is the provider's name on the sign-in button.
func (o *OIDC) Name() string { return o.cfg.Name }

// Via names the provider in the audit log.
func (o *OIDC) Via() string { return model.FlowOIDC + " " + o.cfg.Issuer }

// discover returns the provider, fetching its discovery document if it
// was not fetched yet (a failure is tried again next time). go-oidc keeps
// the context only for its HTTP client, never for its cancellation.
func (o *OIDC) discover(ctx context.Context) (*oidc.Provider, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider != nil {
		return o.provider, nil
	}
	ctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, o.client), 20*time.Second)
	defer cancel()
	p, err := oidc.NewProvider(ctx, o.cfg.Issuer)
	if err != nil {
		return nil, unreachable(fmt.Errorf("discover the OIDC provider %s: %w", o.cfg.Issuer, err))
	}
	o.provider = p
	return p, nil
}

func (o *OIDC) oauth(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, Endpoint: p.Endpoint(),
		RedirectURL: o.redirect, Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
}

// Begin keeps a new flow for the browser whose flow cookie is browser and
// returns the provider's address to send it to.
func (o *OIDC) Begin(ctx context.Context, browser, next string) (string, error) {
	p, err := o.discover(ctx)
	if err != nil {
		return "", err
	}
	b, err := o.flows.BeginOIDC(ctx, browser, next)
	if err != nil {
		return "", err
	}
	return o.oauth(p).AuthCodeURL(b.Key, oidc.Nonce(b.Nonce), oauth2.S256ChallengeOption(b.Verifier)), nil
}

// oidcClaims are the ID token's claims Ally reads. Some providers send
// email_verified as a string.
type oidcClaims struct {
	Email             string          `json:"email"`
	EmailVerified     json.RawMessage `json:"email_verified"`
	Name              string          `json:"name"`
	PreferredUsername string          `json:"preferred_username"`
}

// Finish reads the provider's answer q, in the browser whose flow cookie
// is browser: the state must be a flow this browser began and nobody
// used, the code is exchanged with the flow's verifier, and the ID token
// must be signed by the provider for this client, in time, and carry the
// flow's nonce. It returns who the provider vouches for and where the
// flow was going, or a *Refusal, or an error matching ErrProviderDown.
func (o *OIDC) Finish(ctx context.Context, q url.Values, browser string) (Identity, string, error) {
	flow, err := finish(ctx, o.flows, model.FlowOIDC, q.Get("state"), browser)
	if err != nil {
		return Identity{}, "/", err
	}
	refuse := func(email, why string, err error) (Identity, string, error) {
		return Identity{}, flow.Next, &Refusal{Email: email, Why: why, Next: flow.Next, Err: err}
	}
	if e := q.Get("error"); e != "" {
		// The person cancelled, or the provider would not sign them in.
		why := "the provider answered " + e
		if d := q.Get("error_description"); d != "" {
			why += ": " + d
		}
		return refuse("", why, fmt.Errorf("%s did not sign you in. Please try again, or sign in with your password.", o.cfg.Name))
	}
	p, err := o.discover(ctx)
	if err != nil {
		return Identity{}, flow.Next, err
	}
	ctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, o.client), 20*time.Second)
	defer cancel()
	tok, err := o.oauth(p).Exchange(ctx, q.Get("code"), oauth2.VerifierOption(flow.Verifier))
	if err != nil {
		return refuse("", "code exchange failed: "+err.Error(), ErrProviderAnswer)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return refuse("", "no ID token", ErrProviderAnswer)
	}
	idt, err := p.Verifier(&oidc.Config{ClientID: o.cfg.ClientID, Now: o.clock.Now}).Verify(ctx, raw)
	if err != nil {
		return refuse("", "ID token refused: "+err.Error(), ErrProviderAnswer)
	}
	var claims oidcClaims
	if err := idt.Claims(&claims); err != nil {
		return refuse("", "ID token claims unreadable: "+err.Error(), ErrProviderAnswer)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(flow.Nonce)) != 1 {
		return refuse(model.EmailKey(claims.Email), "wrong nonce", ErrProviderAnswer)
	}
	name := claims.Name
	if name == "" {
		name = claims.PreferredUsername
	}
	verified := strings.Trim(string(claims.EmailVerified), `"`) == "true"
	return Identity{Kind: model.FlowOIDC, Provider: o.cfg.Issuer, Email: claims.Email, EmailVerified: verified, Name: name}, flow.Next, nil
}
