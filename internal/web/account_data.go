package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// deletePage asks before an account is deleted: what goes, what stays,
// and a field that proves the deletion is meant (the person's password,
// or their email typed out).
type deletePage struct {
	page
	Title  string
	Intro  string
	Action string
	Button string
	Cancel string
	Form   *form
}

// deleteIntro says what a deletion does, for both deletion pages.
func deleteIntro(whose string) string {
	return "This deletes " + whose + " for good: name, email, password, sign-ins, API tokens, profile and photo, and every personal " +
		"record (people, conversations, notes). The requests " + whose + " took part in stay in the center’s figures, without a name or " +
		"their words; any still open is cancelled and the other side told. It cannot be undone."
}

// accountExportOwn serves GET /account/export.json: everything Ally holds
// about the signed-in person.
func (s *server) accountExportOwn(w http.ResponseWriter, r *http.Request) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	id := s.ownerOf(r)
	name := "ally-my-data-" + s.now().In(loc).Format("2006-01-02") + ".json"
	s.download(w, r, name, "application/json", func(out io.Writer) error {
		return s.Store.ExportAccount(r.Context(), out, id, store.ExportForUser, s.now())
	})
}

// ownDeleteForm is the field that confirms one's own deletion: the
// password, or for an account that signs in through a provider, the
// email typed out.
func ownDeleteForm(acct model.Account, value string) *form {
	f := newForm()
	if acct.PasswordHash != "" {
		f.add("password", "Your password", value).kind("password").auto("current-password").required().
			hint("To be sure it is you.")
	} else {
		f.add("email", "Your email", value).kind("email").auto("off").required().
			hint("Type " + acct.Email + " to confirm.")
	}
	return f
}

func (s *server) renderOwnDelete(w http.ResponseWriter, r *http.Request, status int, f *form) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "account_delete", &deletePage{page: s.newPage("settings", loc), Title: "Delete your account",
		Intro: deleteIntro("your account"), Action: "/account/delete", Button: "Delete my account", Cancel: "/settings", Form: f})
}

// accountDeleteConfirm serves GET /account/delete.
func (s *server) accountDeleteConfirm(w http.ResponseWriter, r *http.Request) {
	acct, _, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderOwnDelete(w, r, http.StatusOK, ownDeleteForm(acct, ""))
}

// accountDeleteOwn serves POST /account/delete: with the password (or
// the email) right, the account goes and the browser is signed out.
func (s *server) accountDeleteOwn(w http.ResponseWriter, r *http.Request) {
	acct, by, err := s.caller(r)
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := ownDeleteForm(acct, "")
	if acct.PasswordHash != "" {
		ok, err := s.signIn.hasher.Verify(acct.PasswordHash, r.PostForm.Get("password"))
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if !ok {
			f.invalid("password", "That is not your password.")
		}
	} else {
		typed := r.PostForm.Get("email")
		f.F["email"].Value = typed
		if model.EmailKey(typed) != model.EmailKey(acct.Email) {
			f.invalid("email", "Type your own email, "+acct.Email+", exactly.")
		}
	}
	if !f.ok() {
		s.renderOwnDelete(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if _, err := s.deleteAccount(r, acct.ID, by); errors.Is(err, store.ErrLastAdvisor) {
		f.Problem = "You are the center’s only active advisor: make someone else an advisor first, so that the center can still be run."
		s.renderOwnDelete(w, r, http.StatusConflict, f)
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.SetCookie(w, s.sessionCookie(r, "", -1))
	s.redirect(w, r, "/signin", "Your account is deleted, with everything that was yours. Thank you for the conversations you took part in.")
}

// deleteAccount deletes account id under the center's rules.
func (s *server) deleteAccount(r *http.Request, id int64, by model.Actor) (store.DeletedAccount, error) {
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		return store.DeletedAccount{}, err
	}
	return s.Store.DeleteAccount(r.Context(), set, id, by, s.now())
}

// accountExportCenter serves POST /center/accounts/{id}/export: what the
// center holds about the account, for an advisor to hand over on the
// person's request. A POST, since the export is written to the audit log.
func (s *server) accountExportCenter(w http.ResponseWriter, r *http.Request) {
	acct, err := s.accountFor(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, by, err := s.caller(r)
	if err == nil {
		err = s.Store.LogExport(r.Context(), acct.ID, store.ExportForCenter, by, s.now())
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	name := fmt.Sprintf("ally-account-%d-center-%s.json", acct.ID, s.now().UTC().Format("2006-01-02"))
	s.download(w, r, name, "application/json", func(out io.Writer) error {
		return s.Store.ExportAccount(r.Context(), out, acct.ID, store.ExportForCenter, s.now())
	})
}

func centerDeleteForm(acct model.Account, value string) *form {
	f := newForm()
	f.add("email", "Their email", value).kind("email").auto("off").required().hint("Type " + acct.Email + " to confirm.")
	return f
}

func (s *server) renderCenterDelete(w http.ResponseWriter, r *http.Request, status int, acct model.Account, f *form) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	whose := acct.Name + "’s account"
	if acct.ID == s.ownerOf(r) {
		whose = "your own account"
	}
	s.render(w, r, status, "account_delete", &deletePage{page: s.newPage("accounts", loc), Title: "Delete " + whose,
		Intro:  deleteIntro(whose) + " Do it only on their request, and download what the center holds about them first if they asked for it.",
		Action: accountPath(acct) + "/delete", Button: "Delete " + whose, Cancel: accountPath(acct), Form: f})
}

// accountDeleteAsk serves GET /center/accounts/{id}/delete.
func (s *server) accountDeleteAsk(w http.ResponseWriter, r *http.Request) {
	acct, err := s.accountFor(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderCenterDelete(w, r, http.StatusOK, acct, centerDeleteForm(acct, ""))
}

// accountDelete serves POST /center/accounts/{id}/delete: an advisor
// deletes an account on the person's request, typing its email to
// confirm.
func (s *server) accountDelete(w http.ResponseWriter, r *http.Request) {
	acct, err := s.accountFor(r)
	if err == nil {
		err = parseForm(w, r)
	}
	_, by, cerr := s.caller(r)
	if err = errors.Join(err, cerr); err != nil {
		s.pageError(w, r, err)
		return
	}
	typed := r.PostForm.Get("email")
	f := centerDeleteForm(acct, typed)
	if model.EmailKey(typed) != model.EmailKey(acct.Email) {
		f.invalid("email", "Type the account’s email, "+acct.Email+", exactly.")
		f.collect()
		s.renderCenterDelete(w, r, http.StatusUnprocessableEntity, acct, f)
		return
	}
	gone, err := s.deleteAccount(r, acct.ID, by)
	if errors.Is(err, store.ErrLastAdvisor) {
		f.Problem = sentence(err.Error())
		s.renderCenterDelete(w, r, http.StatusConflict, acct, f)
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	msg := "Deleted " + acct.Name + "’s account (" + acct.Email + "). " + strconv.Itoa(gone.Requests) +
		" of their requests stay in the figures without their words."
	if acct.ID == by.ID {
		http.SetCookie(w, s.sessionCookie(r, "", -1))
		s.redirect(w, r, "/signin", msg)
		return
	}
	s.redirect(w, r, "/center/accounts", msg)
}
