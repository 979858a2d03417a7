package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// The pages one-time links open (a password reset, an invitation, a
// sign-up's email check) and the forms that send them: public in a
// center, absent (404) in personal mode. A GET only reads: the page's
// form posts, so that a mail scanner following the link uses nothing.

// askPage asks for an email: "forgot my password" and "sign up".
type askPage struct {
	page
	Form    *form
	Title   string
	Lead    string
	Action  string
	Button  string
	Sent    bool   // the request was taken: check your email
	SentMsg string // what to expect
	Center  string
}

// linkPage is the form a link opens: a name (invitation, sign-up) and a
// new password.
type linkPage struct {
	page
	Form   *form
	Title  string
	Lead   string
	Button string
	Center string
}

func (s *server) centerName(r *http.Request) string {
	c, _, err := s.Store.Center(r.Context())
	if err != nil {
		s.Logger.Warn("read center", "err", err)
	}
	return c.Name
}

// noStore keeps a link's page out of caches and its address out of
// Referer headers.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
}

func emailForm(email string) *form {
	f := newForm()
	f.add("email", "Email", email).kind("email").required().auto("email")
	return f
}

// forgotShow serves GET /signin/forgot.
func (s *server) forgotShow(w http.ResponseWriter, r *http.Request) {
	if !s.center {
		s.notFound(w, r)
		return
	}
	s.renderForgot(w, r, http.StatusOK, emailForm(""), false)
}

func (s *server) renderForgot(w http.ResponseWriter, r *http.Request, status int, f *form, sent bool) {
	s.render(w, r, status, "ask_email", &askPage{Form: f, Title: "Forgot your password?", Action: "/signin/forgot", Button: "Send me a link",
		Lead:    "Type the email you sign in with. If it has an account, we will send it a link to choose a new password. The link works for an hour.",
		SentMsg: "If that email has an account here, a link to choose a new password is on its way. It works once, for an hour. Nothing arriving? Check the spam folder, or ask the career center.",
		Sent:    sent, Center: s.centerName(r)})
}

// forgotSubmit serves POST /signin/forgot: the same answer whether or not
// the email has an account, limited per email and per client address.
func (s *server) forgotSubmit(w http.ResponseWriter, r *http.Request) {
	if !s.center {
		s.notFound(w, r)
		return
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	email := strings.TrimSpace(r.PostForm.Get("email"))
	f := emailForm(email)
	if !model.ValidEmail(email) {
		f.invalid("email", "Enter an email address like name@example.edu.")
		f.collect()
		s.renderForgot(w, r, http.StatusUnprocessableEntity, f, false)
		return
	}
	err := s.signIn.links.RequestReset(r.Context(), s.centerName(r), email, s.clientAddress(r))
	if status, ok := s.askFailed(w, r, f, err); !ok {
		s.renderForgot(w, r, status, f, false)
		return
	}
	s.renderForgot(w, r, http.StatusOK, emailForm(""), true)
}

// askFailed puts a request's failure on f: ok is true when there was
// none.
func (s *server) askFailed(w http.ResponseWriter, r *http.Request, f *form, err error) (int, bool) {
	var limited *auth.LimitedError
	switch {
	case err == nil:
		return 0, true
	case errors.As(err, &limited):
		w.Header().Set("Retry-After", retryAfter(limited.Wait))
		f.Problem = limited.Error()
		return http.StatusTooManyRequests, false
	case f.fail(err):
		return http.StatusUnprocessableEntity, false
	}
	s.logFailure(r, "send a link", err)
	f.Problem = "Something went wrong on our side; the error is logged. Try again in a moment."
	return http.StatusInternalServerError, false
}

// signupShow serves GET /signup: off (404) unless the center lets some
// email domains sign up alone.
func (s *server) signupShow(w http.ResponseWriter, r *http.Request) {
	c, ok := s.signupCenter(w, r)
	if !ok {
		return
	}
	s.renderSignup(w, r, http.StatusOK, c, emailForm(""), false)
}

func (s *server) signupCenter(w http.ResponseWriter, r *http.Request) (model.Center, bool) {
	if !s.center {
		s.notFound(w, r)
		return model.Center{}, false
	}
	c, _, err := s.Store.Center(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return c, false
	}
	if len(c.SignupDomains) == 0 {
		s.render(w, r, http.StatusNotFound, "error", &errorPage{Status: http.StatusNotFound,
			Message: c.Name + " does not take sign-ups on this page. Ask the career center for an invitation."})
		return c, false
	}
	return c, true
}

func (s *server) renderSignup(w http.ResponseWriter, r *http.Request, status int, c model.Center, f *form, sent bool) {
	s.render(w, r, status, "ask_email", &askPage{Form: f, Title: "Sign up", Action: "/signup", Button: "Send me a link", Center: c.Name,
		Lead:    "Students with an address at " + strings.Join(c.SignupDomains, " or ") + " can make their own account. Type your email: we will send it a link to finish, which works for a day.",
		SentMsg: "A link to finish signing up is on its way to that address. It works once, for a day. Nothing arriving? Check the spam folder.",
		Sent:    sent})
}

// signupSubmit serves POST /signup: an address outside the center's
// domains is told so; any other gets the same answer, account or not.
func (s *server) signupSubmit(w http.ResponseWriter, r *http.Request) {
	c, ok := s.signupCenter(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	email := strings.TrimSpace(r.PostForm.Get("email"))
	f := emailForm(email)
	switch {
	case !model.ValidEmail(email):
		f.invalid("email", "Enter an email address like name@"+c.SignupDomains[0]+".")
	case !model.SignupAllowed(c.SignupDomains, email):
		f.invalid("email", "Only addresses at "+strings.Join(c.SignupDomains, " or ")+" can sign up here. With another address, ask the career center for an invitation.")
	}
	if !f.ok() {
		s.renderSignup(w, r, http.StatusUnprocessableEntity, c, f, false)
		return
	}
	err := s.signIn.links.RequestSignup(r.Context(), c.Name, email, s.clientAddress(r))
	if status, ok := s.askFailed(w, r, f, err); !ok {
		s.renderSignup(w, r, status, c, f, false)
		return
	}
	s.renderSignup(w, r, http.StatusOK, c, emailForm(""), true)
}

// linkKind is what one purpose of link shows and does.
type linkKind struct {
	purpose model.LinkPurpose
	title   string
	lead    string
	button  string
	askName bool
	// use uses the link with what was typed, and returns the account to
	// sign in.
	use func(s *server, r *http.Request, hash, name, pwHash string) (model.Account, error)
	// who is the name and email the password must not be made of.
	who  func(s *server, r *http.Request, l model.Link, typedName string) (name, email string, err error)
	done string // the flash once signed in
}

func resetLink() linkKind {
	return linkKind{purpose: model.LinkReset, title: "Choose a new password", button: "Save and sign in",
		lead: "Choose a new password for your account. Saving it signs you out on every other device.",
		use: func(s *server, r *http.Request, hash, _, pw string) (model.Account, error) {
			return s.Store.ResetPassword(r.Context(), hash, pw, s.now())
		},
		who: func(s *server, r *http.Request, l model.Link, _ string) (string, string, error) {
			a, err := s.Store.Account(r.Context(), l.UserID)
			return a.Name, a.Email, err
		},
		done: "Your new password is saved, and you are signed in. Every other session has ended."}
}

// newAccountLink is a link that makes an account: the person gives their
// name and a password, and create makes the account.
func newAccountLink(p model.LinkPurpose, title, lead string,
	create func(st *store.Store, ctx context.Context, hash, name, pwHash string, now time.Time) (model.Account, error)) linkKind {
	return linkKind{purpose: p, title: title, lead: lead, button: "Make my account", askName: true,
		use: func(s *server, r *http.Request, hash, name, pw string) (model.Account, error) {
			return create(s.Store, r.Context(), hash, name, pw, s.now())
		},
		who:  typedWho,
		done: "Welcome to Ally! Your account is ready and you are signed in."}
}

func inviteLink() linkKind {
	return newAccountLink(model.LinkInvite, "Accept your invitation", "Welcome! Check your name and choose a password to make your account.",
		(*store.Store).AcceptInvite)
}

func signupLink() linkKind {
	return newAccountLink(model.LinkSignup, "Finish signing up", "Your email is confirmed. Give your name and choose a password to make your student account.",
		(*store.Store).CompleteSignup)
}

func typedWho(_ *server, _ *http.Request, l model.Link, typed string) (string, string, error) {
	return typed, l.Email, nil
}

func (k linkKind) form(name string) *form {
	f := newForm()
	if k.askName {
		f.add("name", "Your name", name).required().auto("name")
	}
	f.add("password", "New password", "").kind("password").required().auto("new-password").
		hint("At least 10 characters. A few unrelated words make a strong one that is easy to remember.")
	return f
}

// linkOpen finds the open link the address names, or shows why it cannot
// be used: 404 for one Ally never made, 410 for one used or expired.
func (s *server) linkOpen(w http.ResponseWriter, r *http.Request, k linkKind) (model.Link, string, bool) {
	noStore(w)
	if !s.center {
		s.notFound(w, r)
		return model.Link{}, "", false
	}
	hash, ok := auth.LinkToken(r.PathValue("token"))
	var l model.Link
	err := store.ErrLinkUnknown
	if ok {
		l, err = s.Store.LinkByHash(r.Context(), hash, k.purpose, s.now())
	}
	if err != nil {
		s.linkRefused(w, r, k, err)
		return l, "", false
	}
	return l, hash, true
}

func (s *server) linkRefused(w http.ResponseWriter, r *http.Request, k linkKind, err error) {
	status, p, ok := linkRefusal(k.purpose, err)
	if !ok {
		s.pageError(w, r, err)
		return
	}
	p.Center = s.centerName(r)
	s.render(w, r, status, "link_refused", &p)
}

func (s *server) linkShow(k linkKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		l, _, ok := s.linkOpen(w, r, k)
		if !ok {
			return
		}
		s.renderLink(w, r, http.StatusOK, k, k.form(l.Name))
	}
}

func (s *server) renderLink(w http.ResponseWriter, r *http.Request, status int, k linkKind, f *form) {
	s.render(w, r, status, "link_form", &linkPage{Form: f, Title: k.title, Lead: k.lead, Button: k.button, Center: s.centerName(r)})
}

func (s *server) linkSubmit(k linkKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		l, hash, ok := s.linkOpen(w, r, k)
		if !ok {
			return
		}
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		typed := strings.TrimSpace(r.PostForm.Get("name"))
		pw := r.PostForm.Get("password")
		f := k.form(typed)
		if k.askName && typed == "" {
			f.invalid("name", "Enter your name.")
		}
		name, email, err := k.who(s, r, l, typed)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if err := auth.CheckPassword(pw, name, email); err != nil {
			f.invalid("password", err.Error())
		}
		if !f.ok() {
			s.renderLink(w, r, http.StatusUnprocessableEntity, k, f)
			return
		}
		pwHash, err := s.signIn.hasher.Hash(pw)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		acct, err := k.use(s, r, hash, typed, pwHash)
		switch {
		case errors.Is(err, store.ErrLinkUnknown), errors.Is(err, store.ErrLinkUsed), errors.Is(err, store.ErrLinkExpired):
			s.linkRefused(w, r, k, err)
			return
		case f.fail(err):
			s.renderLink(w, r, http.StatusUnprocessableEntity, k, f)
			return
		case errors.Is(err, store.ErrConflict):
			f.Problem = "This email has an account already: sign in, or choose a new password on the “Forgot your password?” page."
			s.renderLink(w, r, http.StatusConflict, k, f)
			return
		case err != nil:
			s.pageError(w, r, err)
			return
		}
		if err := s.startSession(w, r, acct.ID); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, "/", k.done)
	}
}

// startSession signs the browser in as the account: the session it had
// before (perhaps another user's) ends rather than living on beside the
// new one.
func (s *server) startSession(w http.ResponseWriter, r *http.Request, id int64) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.signIn.sessions.End(r.Context(), c.Value); err != nil {
			s.Logger.Warn("end the previous session", "err", err)
		}
	}
	token, err := s.signIn.sessions.Start(r.Context(), id)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, r, token)
	return nil
}

// setSessionCookie gives the browser a new session's token.
func (s *server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, s.sessionCookie(r, token, int(auth.DefaultSessionPolicy().Absolute/time.Second)))
}
