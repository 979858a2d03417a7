package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/auth"
)

// flowCookie ties a sign-in through a provider to the browser that began
// it: the flow's row keeps the cookie's hash, and the provider's answer is
// refused in any other browser, so that nobody can sign a victim in to
// the attacker's account by sending them a link (login CSRF).
const flowCookie = "ally_signin_flow"

// providerButton is one "Sign in with …" button on the sign-in page.
type providerButton struct {
	// Action is where the button leads: a link, since the provider is
	// another site, where a form's redirect would break the page's
	// form-action policy.
	Action string
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
		out = append(out, providerButton{Action: "/signin/oidc", Name: s.signIn.oidc.Name()})
	}
	if s.signIn.saml != nil {
		out = append(out, providerButton{Action: "/signin/saml", Name: s.signIn.saml.Name()})
	}
	return out
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
// OIDC provider with a new flow's state, nonce and PKCE challenge.
func (s *server) oidcBegin(w http.ResponseWriter, r *http.Request) {
	if s.signIn == nil || s.signIn.oidc == nil {
		s.notFound(w, r)
		return
	}
	s.ssoBegin(w, r, s.signIn.oidc.Begin)
}

// oidcCallback is where the OIDC provider sends the browser back.
func (s *server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	if s.signIn == nil || s.signIn.oidc == nil {
		s.notFound(w, r)
		return
	}
	id, next, err := s.signIn.oidc.Finish(r.Context(), r.URL.Query(), flowCookieValue(r))
	s.ssoFinish(w, r, s.signIn.oidc.Via(), id, next, err)
}

// ssoBegin begins a flow with begin, for this browser, and sends the
// browser to the provider.
func (s *server) ssoBegin(w http.ResponseWriter, r *http.Request, begin func(ctx context.Context, browser, next string) (string, error)) {
	next := localPath(r.URL.Query().Get("next"))
	browser, err := s.browserFlowCookie(w, r)
	if err != nil {
		s.signinFailed(w, r, err, next)
		return
	}
	to, err := begin(r.Context(), browser, next)
	if errors.Is(err, auth.ErrProviderDown) {
		s.logFailure(r, "sign-in provider", err)
		s.signinProblem(w, r, http.StatusBadGateway, auth.ErrProviderDown, next)
		return
	}
	if err != nil {
		s.signinFailed(w, r, err, next)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// ssoFinish acts on a provider's answer as Finish read it: a refusal is
// audited and said on the sign-in page; otherwise the person the provider
// vouched for is signed in, as a password sign-in does.
func (s *server) ssoFinish(w http.ResponseWriter, r *http.Request, via string, id auth.Identity, next string, err error) {
	var refusal *auth.Refusal
	switch {
	case errors.As(err, &refusal):
		if err := s.signIn.external.Refuse(r.Context(), refusal.Email, via, refusal.Why, s.clientAddress(r), refusal.Err); !errors.Is(err, refusal.Err) {
			s.signinFailed(w, r, err, refusal.Next)
			return
		}
		s.signinProblem(w, r, http.StatusBadRequest, refusal.Err, refusal.Next)
		return
	case errors.Is(err, auth.ErrProviderDown):
		s.logFailure(r, "sign-in provider", err)
		s.signinProblem(w, r, http.StatusBadGateway, auth.ErrProviderDown, next)
		return
	case err != nil:
		s.signinFailed(w, r, err, next)
		return
	}
	acct, err := s.signIn.external.SignIn(r.Context(), id, s.clientAddress(r))
	switch {
	case errors.Is(err, auth.ErrDisabled), errors.Is(err, auth.ErrEmailUnverified), errors.Is(err, auth.ErrNoEmail), errors.Is(err, auth.ErrNoSignup):
		s.signinProblem(w, r, http.StatusForbidden, err, next)
		return
	case err != nil:
		s.signinFailed(w, r, err, next)
		return
	}
	s.signInAndGo(w, r, acct, next, s.signinForm(""))
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
