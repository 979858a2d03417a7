package web

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/model"
)

// flowCookie ties a sign-in through a provider to the browser that began
// it: the flow's row keeps the cookie's hash, and the provider's answer is
// refused in any other browser, so that nobody can sign a victim in to
// the attacker's account by sending them a link (login CSRF).
const flowCookie = "ally_signin_flow"

// Refusals said on the sign-in page when a provider's answer is not one
// Ally can act on.
var (
	errProviderAnswer = errors.New("The answer from your sign-in provider could not be trusted, so Ally did not sign you in. Please start again with the button below.")
	errProviderDown   = errors.New("Ally could not reach your sign-in provider just now. Please try again in a moment, or sign in with your password.")
)

// providerButton is one "Sign in with …" button on the sign-in page.
type providerButton struct {
	Action string // where the button leads: a link, since the provider is another site, where a form's redirect would break the page's form-action policy
	Name   string
}

// providers are the buttons the sign-in page shows: one per configured
// provider.
func (s *server) providers() []providerButton {
	var out []providerButton
	if s.signIn == nil {
		return nil
	}
	if s.signIn.oidc != nil {
		out = append(out, providerButton{Action: "/signin/oidc", Name: s.signIn.oidc.cfg.Name})
	}
	if s.signIn.saml != nil {
		out = append(out, providerButton{Action: "/signin/saml", Name: s.signIn.saml.cfg.Name})
	}
	return out
}

// oidcClient is the configured OpenID Connect provider. Its discovery
// document is fetched once, on first use, and kept: it is the provider's
// description, not part of any sign-in.
type oidcClient struct {
	cfg      config.OIDC
	redirect string // the callback, from the base URL
	client   *http.Client

	mu       sync.Mutex
	provider *oidc.Provider
}

func newOIDCClient(cfg config.OIDC, baseURL string, client *http.Client) *oidcClient {
	return &oidcClient{cfg: cfg, redirect: baseURL + "/signin/oidc/callback", client: client}
}

// ctx carries the HTTP client the OIDC and OAuth2 packages use.
func (o *oidcClient) ctx(ctx context.Context) context.Context {
	return oidc.ClientContext(ctx, o.client)
}

// discover returns the provider, fetching its discovery document if it
// was not fetched yet (a failure is tried again next time). The keys are
// fetched later with the server's own context, not the request's.
func (o *oidcClient) discover() (*oidc.Provider, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider != nil {
		return o.provider, nil
	}
	p, err := oidc.NewProvider(o.ctx(context.Background()), o.cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("discover the OIDC provider %s: %w", o.cfg.Issuer, err)
	}
	o.provider = p
	return p, nil
}

func (o *oidcClient) oauth(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, Endpoint: p.Endpoint(),
		RedirectURL: o.redirect, Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
}

// browserFlowCookie returns the browser's flow cookie, making one when it
// has none, and sets it to last the new flow's lifetime. One value serves
// all the flows a browser begins, so that two tabs may sign in at once.
// The cookie goes with the provider's answer: Lax suffices for OIDC's
// redirect back (a top-level GET); SAML's answer is a cross-site POST,
// which carries only a SameSite=None cookie, and browsers keep those over
// TLS only.
func (s *server) browserFlowCookie(w http.ResponseWriter, r *http.Request) (string, error) {
	v := ""
	if c, err := r.Cookie(flowCookie); err == nil && len(c.Value) == 43 {
		v = c.Value
	} else if v, err = s.signIn.flows.Random(); err != nil {
		return "", err
	}
	secure := s.overTLS(r) || strings.HasPrefix(s.BaseURL, "https://")
	same := http.SameSiteLaxMode
	if secure {
		same = http.SameSiteNoneMode
	}
	http.SetCookie(w, &http.Cookie{Name: flowCookie, Value: v, Path: "/", MaxAge: int(auth.FlowLifetime / time.Second),
		HttpOnly: true, Secure: secure, SameSite: same})
	return v, nil
}

func flowCookieValue(r *http.Request) string {
	if c, err := r.Cookie(flowCookie); err == nil {
		return c.Value
	}
	return ""
}

// oidcBegin (GET, from the sign-in page's link) sends the browser to the
// provider with a new flow's state, nonce and PKCE challenge.
func (s *server) oidcBegin(w http.ResponseWriter, r *http.Request) {
	if s.signIn == nil || s.signIn.oidc == nil {
		s.notFound(w, r)
		return
	}
	next := localPath(r.URL.Query().Get("next"))
	o := s.signIn.oidc
	p, err := o.discover()
	if err != nil {
		s.Logger.Error("OIDC sign-in", "err", err)
		s.signinProblem(w, r, http.StatusBadGateway, errProviderDown, next)
		return
	}
	browser, err := s.browserFlowCookie(w, r)
	if err != nil {
		s.signinFailed(w, r, err, next)
		return
	}
	b, err := s.signIn.flows.BeginOIDC(r.Context(), browser, next)
	if err != nil {
		s.signinFailed(w, r, err, next)
		return
	}
	http.Redirect(w, r, o.oauth(p).AuthCodeURL(b.Key, oidc.Nonce(b.Nonce), oauth2.S256ChallengeOption(b.Verifier)), http.StatusSeeOther)
}

// oidcClaims are the ID token's claims Ally reads. Some providers send
// email_verified as a string.
type oidcClaims struct {
	Email             string          `json:"email"`
	EmailVerified     json.RawMessage `json:"email_verified"`
	Name              string          `json:"name"`
	PreferredUsername string          `json:"preferred_username"`
}

func (c oidcClaims) verified() bool {
	v := strings.Trim(string(c.EmailVerified), `"`)
	return v == "true"
}

// oidcCallback finishes a flow: the state must be one this browser began
// and nobody used, the code is exchanged with the verifier, the ID token
// must be signed by the provider for this client and carry the flow's
// nonce, and the email must be verified. Then the session starts as a
// password sign-in's does.
func (s *server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	if s.signIn == nil || s.signIn.oidc == nil {
		s.notFound(w, r)
		return
	}
	o := s.signIn.oidc
	q := r.URL.Query()
	via := model.FlowOIDC + " " + o.cfg.Issuer
	address := s.clientAddress(r)
	flow, ok := s.finishFlow(w, r, model.FlowOIDC, q.Get("state"), via, address)
	if !ok {
		return
	}
	if e := q.Get("error"); e != "" {
		// The person cancelled, or the provider would not sign them in.
		why := "the provider answered " + e
		if d := q.Get("error_description"); d != "" {
			why += ": " + d
		}
		s.ssoRefused(w, r, "", via, why, address, fmt.Errorf("%s did not sign you in. Please try again, or sign in with your password.", o.cfg.Name), flow.Next)
		return
	}
	p, err := o.discover()
	if err != nil {
		s.Logger.Error("OIDC sign-in", "err", err)
		s.signinProblem(w, r, http.StatusBadGateway, errProviderDown, flow.Next)
		return
	}
	ctx, cancel := context.WithTimeout(o.ctx(r.Context()), 20*time.Second)
	defer cancel()
	tok, err := o.oauth(p).Exchange(ctx, q.Get("code"), oauth2.VerifierOption(flow.Verifier))
	if err != nil {
		s.ssoRefused(w, r, "", via, "code exchange failed: "+err.Error(), address, errProviderAnswer, flow.Next)
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		s.ssoRefused(w, r, "", via, "no ID token", address, errProviderAnswer, flow.Next)
		return
	}
	idt, err := p.Verifier(&oidc.Config{ClientID: o.cfg.ClientID, Now: s.Clock.Now}).Verify(ctx, raw)
	if err != nil {
		s.ssoRefused(w, r, "", via, "ID token refused: "+err.Error(), address, errProviderAnswer, flow.Next)
		return
	}
	var claims oidcClaims
	if err := idt.Claims(&claims); err != nil {
		s.ssoRefused(w, r, "", via, "ID token claims unreadable: "+err.Error(), address, errProviderAnswer, flow.Next)
		return
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(flow.Nonce)) != 1 {
		s.ssoRefused(w, r, model.EmailKey(claims.Email), via, "wrong nonce", address, errProviderAnswer, flow.Next)
		return
	}
	name := claims.Name
	if name == "" {
		name = claims.PreferredUsername
	}
	s.ssoSignIn(w, r, auth.Identity{Kind: model.FlowOIDC, Provider: o.cfg.Issuer, Email: claims.Email, EmailVerified: claims.verified(), Name: name}, flow.Next)
}

// finishFlow takes the flow a provider's answer names by key; when there
// is none for this browser it says so (audited) and ok is false.
func (s *server) finishFlow(w http.ResponseWriter, r *http.Request, kind, key, via, address string) (flow model.SignInFlow, ok bool) {
	flow, why, err := s.signIn.flows.Finish(r.Context(), kind, key, flowCookieValue(r))
	if errors.Is(err, auth.ErrFlowUnknown) {
		s.ssoRefused(w, r, "", via, why, address, err, "/")
		return flow, false
	}
	if err != nil {
		s.signinFailed(w, r, err, "/")
		return flow, false
	}
	return flow, true
}

// ssoSignIn signs in the person a provider vouched for, or says why not.
func (s *server) ssoSignIn(w http.ResponseWriter, r *http.Request, id auth.Identity, next string) {
	acct, err := s.signIn.external.SignIn(r.Context(), id, s.clientAddress(r))
	switch {
	case errors.Is(err, auth.ErrDisabled), errors.Is(err, auth.ErrEmailUnverified), errors.Is(err, auth.ErrNoEmail), errors.Is(err, auth.ErrNoSignup):
		s.signinProblem(w, r, http.StatusForbidden, err, next)
		return
	case err != nil:
		s.signinFailed(w, r, err, next)
		return
	}
	s.startSession(w, r, acct, next, s.signinForm(""))
}

// ssoRefused audits a refused answer from a provider and says why on the
// sign-in page; nothing else changes.
func (s *server) ssoRefused(w http.ResponseWriter, r *http.Request, email, via, why, address string, refusal error, next string) {
	if err := s.signIn.external.Refuse(r.Context(), email, via, why, address, refusal); !errors.Is(err, refusal) {
		s.signinFailed(w, r, err, next)
		return
	}
	s.signinProblem(w, r, http.StatusBadRequest, refusal, next)
}

// signinProblem shows the sign-in page with problem said above the form.
func (s *server) signinProblem(w http.ResponseWriter, r *http.Request, status int, problem error, next string) {
	f := s.signinForm("")
	f.Problem = problem.Error()
	s.renderSignin(w, r, status, f, next)
}

// signinFailed logs an error on our side and says so on the sign-in page.
func (s *server) signinFailed(w http.ResponseWriter, r *http.Request, err error, next string) {
	s.logFailure(r, "sign in", err)
	s.signinProblem(w, r, http.StatusInternalServerError, errOurSide, next)
}

var errOurSide = errors.New("Something went wrong on our side; the error is logged. Try again in a moment.")
