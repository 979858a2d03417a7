package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// sessionCookie holds the session token in a center.
const sessionCookie = "ally_session"

// signedIn is the request's user in a center, put in the request's
// context by requireSignIn.
type signedInKey struct{}

// signedInAccountKey holds the signed-in user's model.Account as read with
// their session, when it was.
type signedInAccountKey struct{}

// ownerOf is whose records the request may touch: the signed-in user in a
// center, and personal mode's single user otherwise. In a center a request
// without a user gets owner 0, which owns nothing, so a public route that
// reached for a scope by mistake would find no records rather than the
// first advisor's.
func (s *server) ownerOf(r *http.Request) int64 {
	if id, ok := r.Context().Value(signedInKey{}).(int64); ok {
		return id
	}
	if s.center {
		return 0
	}
	return s.Owner
}

// signIn is what a center's sign-in needs, made once by newServer.
type signIn struct {
	hasher   *auth.Hasher
	auth     *auth.Authenticator
	sessions *auth.Sessions
	flows    *auth.Flows    // sign-ins through a provider under way (sso.go)
	external *auth.External // accounts on a provider's word (sso.go)
	oidc     *auth.OIDC     // nil when no OIDC provider is configured
	saml     *auth.SAML     // nil when no SAML identity provider is configured (saml.go)
	links    *auth.Links    // one-time links and their emails (links.go)
}

// isCenter asks the database once, at start, whether it is a center. A
// database that cannot say is treated as one: closed is the safe side.
func (s *server) isCenter() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, found, err := s.Store.Center(ctx)
	if err != nil {
		s.Logger.Error("cannot tell whether the database is a center; requiring sign-in", "err", err)
		return true
	}
	return found
}

func (s *server) newSignIn() (*signIn, error) {
	h := auth.NewHasher()
	a, err := auth.NewAuthenticator(s.Store, h, s.Store, s.Store, s.Clock)
	if err != nil {
		return nil, err
	}
	si := &signIn{hasher: h, auth: a, sessions: &auth.Sessions{Store: s.Store, Policy: auth.DefaultSessionPolicy(), Clock: s.Clock},
		flows: &auth.Flows{Store: s.Store, Clock: s.Clock}, external: &auth.External{Store: s.Store, Audit: s.Store, Clock: s.Clock},
		links: &auth.Links{Store: s.Store, Clock: s.Clock, BaseURL: s.BaseURL}}
	client := s.ProviderClient
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	if s.OIDC.Enabled() {
		si.oidc = auth.NewOIDC(s.OIDC, s.BaseURL, client, si.flows, s.Clock)
	}
	if s.SAML.Enabled() {
		si.saml = auth.NewSAML(s.SAML, s.BaseURL, client, s.Store, si.flows, s.Clock)
	}
	return si, nil
}

// publicPath reports whether a center serves path to anyone: the sign-in
// pages (a password forgotten, a sign-up) and the ways back from sign-in
// providers, the pages one-time links open (request emails' answers and
// unsubscribe links included), the health check, static files
// and the calendar feed (which has its own secret in the address).
func publicPath(path string) bool {
	switch path {
	case "/signin", "/signup", "/healthz":
		return true
	}
	for _, p := range []string{"/signin/", "/saml/", "/static/", "/calendar/", "/reset/", "/invite/", "/signup/", "/respond/", "/unsubscribe/"} {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// requireSignIn lets a center's request through only with a signed-in
// user: a session cookie, or for the API also an Authorization: Bearer
// token. Pages without one redirect to the sign-in page; the API answers
// 401. Personal mode passes everything through.
func (s *server) requireSignIn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.center || publicPath(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		api := strings.HasPrefix(r.URL.Path, "/api/")
		id, sess, ok, err := s.identify(r, api)
		if err != nil {
			s.Logger.Error("identify request", "path", r.URL.Path, "err", err)
			http.Error(w, "something went wrong on our side; the error is logged", http.StatusInternalServerError)
			return
		}
		if !ok {
			if api {
				w.Header().Set("WWW-Authenticate", `Bearer realm="ally"`)
				s.writeJSON(w, http.StatusUnauthorized, apiError{Error: "sign in first: send Authorization: Bearer with an API token"})
				return
			}
			dest := "/signin"
			if r.Method == http.MethodGet && r.URL.Path != "/" {
				dest += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			if r.Header.Get("HX-Request") == "true" {
				// A redirect would be followed inside htmx's request and
				// the sign-in page swapped into a fragment; HX-Redirect
				// makes htmx load it as the whole page.
				w.Header().Set("HX-Redirect", dest)
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			http.Redirect(w, r, dest, http.StatusSeeOther)
			return
		}
		ctx := context.WithValue(r.Context(), signedInKey{}, id)
		if acct := sess.Account; acct != nil {
			ctx = context.WithValue(ctx, signedInAccountKey{}, *acct)
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				// A read's pages ask for the user's write counter and
				// settings: the session's statement read them.
				ctx = store.WithSnapshot(ctx, id, sess.Version, sess.Settings)
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// identify finds the request's user, with the session when there is one
// (its Account is the account when it was read with the session, nil
// otherwise). A bearer token that is sent must be good: a bad one is
// refused even with a good cookie, so that a script's mistake is never
// hidden by a browser's session.
func (s *server) identify(r *http.Request, api bool) (int64, model.Session, bool, error) {
	if h := r.Header.Get("Authorization"); h != "" && api {
		token, found := strings.CutPrefix(h, "Bearer ")
		if !found {
			return 0, model.Session{}, false, nil
		}
		id, ok, err := auth.ResolveAPIToken(r.Context(), s.Store, s.Clock, strings.TrimSpace(token))
		return id, model.Session{}, ok, err
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return 0, model.Session{}, false, nil
	}
	sess, ok, err := s.signIn.sessions.ResolveSession(r.Context(), c.Value)
	return sess.UserID, sess, ok, err
}

// account is the signed-in user's account. The one read with the session
// at the start of the request serves the whole request (one statement
// fewer for each page's policy check and header); the database is asked
// when there is none (an API token). A request that changes the account
// and then shows it asks the database itself (fillNav does for writes).
func (s *server) account(r *http.Request) (model.Account, error) {
	id := s.ownerOf(r)
	if a, ok := r.Context().Value(signedInAccountKey{}).(model.Account); ok && a.ID == id {
		return a, nil
	}
	return s.Store.Account(r.Context(), id)
}

// signinPage is the sign-in form.
type signinPage struct {
	page
	Form       *form
	Next       string
	Center     string
	Providers  []providerButton // "Sign in with …", one per configured provider (sso.go)
	SignupOpen bool             // the center lets some email domains sign up alone
}

func (s *server) signinForm(email string) *form {
	f := newForm()
	f.add("email", "Email", email).kind("email").required().auto("username")
	f.add("password", "Password", "").kind("password").required().auto("current-password")
	return f
}

func (s *server) signinShow(w http.ResponseWriter, r *http.Request) {
	if !s.center {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.renderSignin(w, r, http.StatusOK, s.signinForm(""), localPath(r.URL.Query().Get("next")))
}

func (s *server) renderSignin(w http.ResponseWriter, r *http.Request, status int, f *form, next string) {
	c, _, err := s.Store.Center(r.Context())
	if err != nil {
		s.Logger.Warn("read center", "err", err)
	}
	s.render(w, r, status, "signin", &signinPage{Form: f, Next: next, Center: c.Name, Providers: s.providers(), SignupOpen: len(c.SignupDomains) > 0})
}

func (s *server) signinSubmit(w http.ResponseWriter, r *http.Request) {
	if !s.center {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.renderSignin(w, r, http.StatusBadRequest, s.signinForm(""), "/")
		return
	}
	email, next := strings.TrimSpace(r.PostForm.Get("email")), localPath(r.PostForm.Get("next"))
	f := s.signinForm(email)
	// The session opens in the transaction that records the sign-in, and
	// ends the browser's previous one (startSession's rules, in one write).
	var previous string
	if c, err := r.Cookie(sessionCookie); err == nil {
		previous = c.Value
	}
	acct, token, err := s.signIn.auth.SignInSession(r.Context(),
		auth.Attempt{Email: email, Password: r.PostForm.Get("password"), Address: s.clientAddress(r)}, s.signIn.sessions, previous)
	var limited *auth.LimitedError
	switch {
	case errors.As(err, &limited):
		w.Header().Set("Retry-After", retryAfter(limited.Wait))
		f.Problem = limited.Error()
		s.renderSignin(w, r, http.StatusTooManyRequests, f, next)
		return
	case errors.Is(err, auth.ErrBadCredentials), errors.Is(err, auth.ErrDisabled):
		f.Problem = err.Error()
		s.renderSignin(w, r, http.StatusUnauthorized, f, next)
		return
	case err != nil:
		s.Logger.Error("sign in", "err", err)
		f.Problem = "Something went wrong on our side; the error is logged. Try again in a moment."
		s.renderSignin(w, r, http.StatusInternalServerError, f, next)
		return
	}
	s.rehashIfOld(r.Context(), acct, r.PostForm.Get("password"))
	s.setSessionCookie(w, r, token)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// signInAndGo signs acct in on this browser, by password or through a
// provider alike (startSession: the browser's previous session ends, a new
// token is made, so a token planted before sign-in is worth nothing after
// it), and goes on to next. f is the form shown if that fails.
func (s *server) signInAndGo(w http.ResponseWriter, r *http.Request, acct model.Account, next string, f *form) {
	if err := s.startSession(w, r, acct.ID); err != nil {
		s.Logger.Error("start session", "err", err)
		f.Problem = "Something went wrong on our side; the error is logged. Try again in a moment."
		s.renderSignin(w, r, http.StatusInternalServerError, f, next)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// rehashIfOld stores a new hash when the account's was made with older
// parameters; a failure only means trying again next time.
func (s *server) rehashIfOld(ctx context.Context, acct model.Account, password string) {
	if !s.signIn.hasher.NeedsRehash(acct.PasswordHash) {
		return
	}
	h, err := s.signIn.hasher.Hash(password)
	if err == nil {
		err = s.Store.RehashPassword(ctx, acct.ID, acct.PasswordHash, h)
	}
	if err != nil {
		s.Logger.Warn("rehash password", "account", acct.ID, "err", err)
	}
}

func (s *server) signout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.signIn.sessions.End(r.Context(), c.Value); err != nil {
			s.Logger.Error("sign out", "err", err)
			http.Error(w, "something went wrong on our side; the error is logged", http.StatusInternalServerError)
			return
		}
	}
	http.SetCookie(w, s.sessionCookie(r, "", -1))
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// sessionCookie is the cookie that carries a session: never readable by
// scripts, not sent on cross-site posts, and only over TLS when people
// reach Ally over TLS (the base URL says so even when a proxy ends TLS).
func (s *server) sessionCookie(r *http.Request, token string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.overTLS(r) || strings.HasPrefix(s.BaseURL, "https://")}
}

// localPath keeps a post-sign-in destination on this site: a path, never
// "//host" or a scheme, which would make the sign-in page an open redirect.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, `/\`) || strings.ContainsAny(p, "\r\n") {
		return "/"
	}
	return p
}

// clientAddress is the client's IP address: the one the connection came
// from, or behind a trusted proxy (--trust-proxy) the last one in
// X-Forwarded-For. The proxy appends the address it saw to whatever the
// client sent, so the entries before the last are the client's own claims
// and never read. Without --trust-proxy the header is ignored: anyone can
// write it, and a guesser would give each attempt a fresh address.
func (s *server) clientAddress(r *http.Request) string {
	if s.TrustProxy {
		if fwd := r.Header.Values("X-Forwarded-For"); len(fwd) > 0 {
			list := strings.Split(fwd[len(fwd)-1], ",")
			if ip := net.ParseIP(strings.TrimSpace(list[len(list)-1])); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// overTLS reports whether the client reached Ally over TLS: on this
// connection, or behind a trusted proxy as its X-Forwarded-Proto says.
func (s *server) overTLS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	if !s.TrustProxy {
		return false
	}
	// A chain of proxies may list several; the first is the client's.
	proto, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Proto"), ",")
	return strings.EqualFold(strings.TrimSpace(proto), "https")
}

// retryAfter is the Retry-After header's value in whole seconds, rounded up.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(int((d + time.Second - 1) / time.Second))
}
