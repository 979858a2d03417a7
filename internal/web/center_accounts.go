package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// accountsPageSize is how many accounts one page lists.
const accountsPageSize = 50

// accountsPage is the advisors' list of accounts: a page of them, with a
// role filter and a search.
type accountsPage struct {
	page
	Accounts []model.Account
	Role     string
	Query    string
	Roles    []model.Role
	Total    int
	Page     int // from 1
	Prev     string
	Next     string
}

// accountsShow serves GET /center/accounts?role=&q=&page=.
func (s *server) accountsShow(w http.ResponseWriter, r *http.Request) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	n, err := queryInt(r, "page", 1, 1_000_000)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	n = max(n, 1)
	role, qs := r.URL.Query().Get("role"), strings.TrimSpace(r.URL.Query().Get("q"))
	var filter model.Role
	if role != "" {
		if filter, err = model.ParseRole(role); err != nil {
			s.pageError(w, r, badRequest{err.Error()})
			return
		}
	}
	as, total, err := s.Store.AccountPage(r.Context(), store.AccountQuery{Role: filter, Search: qs, Limit: accountsPageSize, Offset: (n - 1) * accountsPageSize})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &accountsPage{page: s.newPage("accounts", loc), Accounts: as, Role: string(filter), Query: qs, Roles: model.Roles(), Total: total, Page: n}
	link := func(p int) string {
		v := url.Values{}
		if filter != "" {
			v.Set("role", string(filter))
		}
		if qs != "" {
			v.Set("q", qs)
		}
		if p > 1 {
			v.Set("page", strconv.Itoa(p))
		}
		if len(v) == 0 {
			return "/center/accounts"
		}
		return "/center/accounts?" + v.Encode()
	}
	if n > 1 {
		data.Prev = link(n - 1)
	}
	if n*accountsPageSize < total {
		data.Next = link(n + 1)
	}
	s.render(w, r, http.StatusOK, "center_accounts", data)
}

// accountPage is one account as advisors see it: its roles, its status
// and its API tokens, never its personal records.
type accountPage struct {
	page
	Account model.Account
	Form    *form // the roles
	Tokens  []model.APIToken
	Self    bool // the advisor looks at their own account
	// Student is the student's profile, which advisors see (with the
	// roster's first-generation flag, shown to no one else); nil for an
	// account that is no student or has none.
	Student  *model.StudentProfile
	FirstGen string // the student's flag: Yes, No or center.NotRecorded
}

func (s *server) accountFor(r *http.Request) (model.Account, error) {
	id, err := pathID(r, "account")
	if err != nil {
		return model.Account{}, err
	}
	return s.Store.Account(r.Context(), id)
}

// accountShow serves GET /center/accounts/{id}.
func (s *server) accountShow(w http.ResponseWriter, r *http.Request) {
	acct, err := s.accountFor(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := newForm()
	roleFields(f, acct.Roles)
	s.renderAccount(w, r, http.StatusOK, acct, f)
}

func (s *server) renderAccount(w http.ResponseWriter, r *http.Request, status int, acct model.Account, f *form) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ts, err := s.Store.APITokens(r.Context(), acct.Email)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &accountPage{page: s.newPage("accounts", loc), Account: acct, Form: f, Tokens: ts, Self: acct.ID == s.ownerOf(r)}
	if acct.Has(model.RoleStudent) {
		p, found, err := s.Store.StudentProfile(r.Context(), acct.ID)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if found {
			data.Student, data.FirstGen = &p, center.NotRecorded
			if p.FirstGen != nil {
				data.FirstGen = map[bool]string{true: "Yes", false: "No"}[*p.FirstGen]
			}
		}
	}
	s.render(w, r, status, "center_account", data)
}

// accountRoles serves POST /center/accounts/{id}/roles: a role the caller
// may not give is refused, and so is leaving the center without an active
// advisor.
func (s *server) accountRoles(w http.ResponseWriter, r *http.Request) {
	acct, err := s.accountFor(r)
	if err == nil {
		err = parseForm(w, r)
	}
	caller, by, cerr := s.caller(r)
	if err = errors.Join(err, cerr); err != nil {
		s.pageError(w, r, err)
		return
	}
	f := newForm()
	roleFields(f, nil)
	roles := readRoles(f, r, caller)
	if !f.ok() {
		s.renderAccount(w, r, http.StatusUnprocessableEntity, acct, f)
		return
	}
	updated, err := s.Store.SetRoles(r.Context(), acct.Email, roles, by, s.now())
	switch {
	case errors.Is(err, store.ErrLastAdvisor):
		f.invalid("role_advisor", err.Error())
		f.collect()
		s.renderAccount(w, r, http.StatusConflict, acct, f)
		return
	case err != nil:
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, accountPath(acct), updated.Name+" is now "+roleWordsPlain(updated.Roles)+". Their sessions ended if the roles changed.")
}

func roleWordsPlain(rs []model.Role) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = string(r)
	}
	return strings.Join(parts, " and ")
}

// accountStatus serves POST /center/accounts/{id}/status with status
// "disabled" or "active".
func (s *server) accountStatus(w http.ResponseWriter, r *http.Request) {
	acct, err := s.accountFor(r)
	if err == nil {
		err = parseForm(w, r)
	}
	_, by, cerr := s.caller(r)
	if err = errors.Join(err, cerr); err != nil {
		s.pageError(w, r, err)
		return
	}
	to := accountPath(acct)
	updated, err := s.Store.SetStatus(r.Context(), acct.Email, r.PostForm.Get("status"), by, s.now())
	switch {
	case errors.Is(err, store.ErrLastAdvisor):
		s.redirectError(w, r, to, sentence(err.Error()))
	case model.AsErrors(err) != nil:
		s.redirectError(w, r, to, sentence(model.AsErrors(err)[0].Message))
	case err != nil:
		s.pageError(w, r, err)
	case updated.Active():
		s.redirect(w, r, to, updated.Name+" may sign in again.")
	default:
		s.redirect(w, r, to, updated.Name+" is disabled: every session has ended and their API tokens stop working.")
	}
}

// accountTokenRevoke serves POST /center/accounts/{id}/tokens/{tid}/revoke.
func (s *server) accountTokenRevoke(w http.ResponseWriter, r *http.Request) {
	acct, err := s.accountFor(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	tid, err := strconv.ParseInt(r.PathValue("tid"), 10, 64)
	if err != nil || tid <= 0 {
		s.notFound(w, r)
		return
	}
	ts, err := s.Store.APITokens(r.Context(), acct.Email)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	i := slices.IndexFunc(ts, func(t model.APIToken) bool { return t.ID == tid })
	if i < 0 {
		s.notFound(w, r) // not this account's token
		return
	}
	_, by, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	to := accountPath(acct)
	if _, err := s.Store.RevokeAPIToken(r.Context(), tid, by, s.now()); errors.Is(err, store.ErrConflict) {
		s.redirectError(w, r, to, "That API token was revoked already.")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, to, "Revoked the API token “"+ts[i].Name+"”: programs using it are refused from now on.")
}

func accountPath(a model.Account) string { return "/center/accounts/" + strconv.FormatInt(a.ID, 10) }

// outboxPage is the center's emails as advisors see them: what went out,
// what waits and what failed, with the mail server's words.
type outboxPage struct {
	page
	Messages []model.OutboxMessage
	Status   string
	Older    int64
}

// outboxShow serves GET /center/outbox?status=&before=.
func (s *server) outboxShow(w http.ResponseWriter, r *http.Request) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	before, err := queryInt(r, "before", 0, 1<<31-1)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	status := r.URL.Query().Get("status")
	ms, err := s.Store.Outbox(r.Context(), store.OutboxFilter{Status: status, Limit: auditPageSize + 1, Before: int64(before)})
	if err != nil {
		if model.AsErrors(err) != nil {
			err = badRequest{err.Error()}
		}
		s.pageError(w, r, err)
		return
	}
	data := &outboxPage{page: s.newPage("accounts", loc), Status: status}
	if len(ms) > auditPageSize {
		ms = ms[:auditPageSize]
		data.Older = ms[len(ms)-1].ID
	}
	data.Messages = ms
	s.render(w, r, http.StatusOK, "center_outbox", data)
}
