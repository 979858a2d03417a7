package web

import (
	"errors"
	"net/http"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
	"github.com/ally-dev/ally/internal/store"
)

// The unsubscribe link of every request email (/unsubscribe/{token}):
// public, the signed token naming the account is the credential, and it
// never expires (an old email's link must still work). The GET asks to
// confirm and writes nothing; the POST stops the account's non-essential
// email, or turns it back on.

// unsubscribePage is unsubscribe.html.
type unsubscribePage struct {
	page
	Center    string
	Email     string
	OptedOut  bool
	Since     string // when they unsubscribed, in their zone
	Volunteer bool   // they can also turn email back on from "Requests to me"
	Advisor   bool   // they are emailed of reports and bounces
	Post      string
}

// unsubscribeAccount finds the account of the address's token, or shows
// a 404 page for a token Ally did not make.
func (s *server) unsubscribeAccount(w http.ResponseWriter, r *http.Request) (model.Account, bool) {
	noStore(w)
	if !s.center {
		s.notFound(w, r)
		return model.Account{}, false
	}
	key, made, err := s.Store.RequestLinkKeyIfMade(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return model.Account{}, false
	}
	err = requestmail.ErrLinkTampered
	var acctID int64
	if made {
		acctID, err = requestmail.VerifyAccount(key, r.PathValue("token"))
	}
	var acct model.Account
	if err == nil {
		acct, err = s.Store.Account(r.Context(), acctID)
	}
	if err != nil {
		if errors.Is(err, requestmail.ErrLinkTampered) || errors.Is(err, store.ErrNotFound) {
			s.render(w, r, http.StatusNotFound, "link_refused", &linkRefusedPage{Title: "Ally does not know this link", Center: s.centerName(r),
				What:    "No email Ally sent has this unsubscribe link. It may have been cut short when it was copied: click the link in the email itself.",
				Next:    "Signed in, a volunteer can also choose how Ally emails them on their list of requests.",
				Actions: []linkAction{{"/requests/to-me", "Open Requests to me (you may be asked to sign in)"}}})
			return acct, false
		}
		s.pageError(w, r, err)
		return acct, false
	}
	return acct, true
}

func (s *server) unsubscribeView(r *http.Request, acct model.Account) (*unsubscribePage, error) {
	prefs, err := s.Store.MailPrefs(r.Context(), acct.ID)
	if err != nil {
		return nil, err
	}
	loc, err := s.Store.AccountTimeZone(r.Context(), acct.ID)
	if err != nil {
		return nil, err
	}
	p := &unsubscribePage{page: s.newPage("", loc), Center: s.centerName(r), Email: acct.Email, OptedOut: prefs.OptedOut(),
		Volunteer: acct.Has(model.RoleVolunteer), Advisor: acct.Has(model.RoleAdvisor), Post: "/unsubscribe/" + r.PathValue("token")}
	if p.OptedOut {
		p.Since = prefs.OptedOutAt.In(loc).Format("Mon 2 Jan 2006")
	}
	return p, nil
}

// unsubscribeShow serves GET /unsubscribe/{token}.
func (s *server) unsubscribeShow(w http.ResponseWriter, r *http.Request) {
	acct, ok := s.unsubscribeAccount(w, r)
	if !ok {
		return
	}
	p, err := s.unsubscribeView(r, acct)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "unsubscribe", p)
}

// unsubscribeSubmit serves POST /unsubscribe/{token}: emails=off stops
// the account's non-essential email, emails=on turns it back on.
func (s *server) unsubscribeSubmit(w http.ResponseWriter, r *http.Request) {
	acct, ok := s.unsubscribeAccount(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	var flash string
	switch r.PostForm.Get("emails") {
	case "off":
		flash = "Done: Ally sends you only what concerns a conversation you agreed to."
	case "on":
		flash = "Welcome back: Ally emails you about requests again."
	default:
		p, err := s.unsubscribeView(r, acct)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		p.Flash, p.FlashError = "Press one of the buttons: stop the emails, or keep them.", true
		s.render(w, r, http.StatusUnprocessableEntity, "unsubscribe", p)
		return
	}
	if err := s.Store.SetMailOptOut(r.Context(), acct.ID, r.PostForm.Get("emails") == "off", s.now()); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, "/unsubscribe/"+r.PathValue("token"), flash)
}
