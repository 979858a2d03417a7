package web

import (
	"net/http"
	"slices"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// An act is something only some of a center's roles may do. Personal
// records need no act: the store is scoped to the signed-in user, so a
// user reaches their own records and nobody else's, whatever their roles
// (an advisor included: "anyone's personal records" is in the advisor's
// "never sees" column). What is shared across users is gated here.
type act int

const (
	// actReadAudit is reading the audit log: sign-ins, failed sign-ins,
	// role changes, tokens and advisor actions.
	actReadAudit act = iota + 1
	// actSearchDirectory is searching the volunteer directory and reading
	// its cards: a volunteer's profile without contact details.
	actSearchDirectory
	// actReadProfiles is reading profiles in full, beyond the cards: a
	// volunteer's capacity and pause.
	actReadProfiles
	// actEditProfile is writing one's own student or volunteer profile.
	actEditProfile
	// actSeeContact is reading a volunteer's email, phone and LinkedIn. A
	// student may once that volunteer accepted their request; requests do
	// not exist yet, so nobody may. The requests will decide it per
	// volunteer (mayContact below is where).
	actSeeContact
	// actManageAccounts is the advisors' account pages: listing and
	// inviting accounts, changing roles, disabling, revoking API tokens,
	// exporting what the center holds about someone and deleting an
	// account on their request, and the outbox of the center's emails.
	actManageAccounts
	// actSendRequest is writing a request to a volunteer from the
	// directory and following one's own requests ("My requests").
	actSendRequest
	// actAnswerRequests is a volunteer's side: the requests to them,
	// accepting, declining, referring, asking for more, reporting, and
	// their capacity and pause.
	actAnswerRequests
	// actReviewRequests is the advisors' view of every request's metadata
	// (never its message unless it was reported), reported requests, the
	// no-show blocks they clear, and ratings in aggregate.
	actReviewRequests
	// actRunProgram is the advisors' console: rosters, terms, the program
	// settings and the figures.
	actRunProgram
	// actOwnAccount is one's own account: downloading everything Ally
	// holds about oneself, and deleting the account.
	actOwnAccount
)

// String names the act for the audit log and the refusal.
func (a act) String() string {
	switch a {
	case actReadAudit:
		return "read the audit log"
	case actSearchDirectory:
		return "search the volunteer directory"
	case actReadProfiles:
		return "read profiles in full"
	case actEditProfile:
		return "write a student or volunteer profile"
	case actSeeContact:
		return "see a volunteer’s contact details"
	case actManageAccounts:
		return "manage the center’s accounts"
	case actSendRequest:
		return "send requests to volunteers"
	case actAnswerRequests:
		return "answer requests"
	case actReviewRequests:
		return "review the center’s requests"
	case actRunProgram:
		return "run the center’s program"
	case actOwnAccount:
		return "export or delete their own account"
	}
	return "an unknown act"
}

// who says, for a refusal, who may do the act.
func (a act) who() string {
	switch a {
	case actSearchDirectory:
		return "the center’s students and advisors"
	case actEditProfile:
		return "the center’s students and volunteers"
	case actSeeContact:
		return "a student whose request the volunteer accepted"
	case actSendRequest:
		return "the center’s students"
	case actAnswerRequests:
		return "the center’s volunteers"
	case actOwnAccount:
		return "the account’s owner, signed in,"
	}
	return "the career center’s advisors"
}

// may is the one place that says who does what in a center: the table
// "Who sees what in a center" in PRODUCT.md. A disabled account may do
// nothing (its sessions end when it is disabled; this holds even for a
// request already past the sign-in check).
func may(acct model.Account, a act) bool {
	if acct.Status != model.StatusActive {
		return false
	}
	switch a {
	case actReadAudit, actReadProfiles, actManageAccounts, actReviewRequests, actRunProgram:
		return acct.Has(model.RoleAdvisor)
	case actSearchDirectory:
		return acct.Has(model.RoleStudent) || acct.Has(model.RoleAdvisor)
	case actEditProfile:
		return acct.Has(model.RoleStudent) || acct.Has(model.RoleVolunteer)
	case actSeeContact:
		return mayContact(acct)
	case actSendRequest:
		return acct.Has(model.RoleStudent)
	case actAnswerRequests:
		return acct.Has(model.RoleVolunteer)
	case actOwnAccount:
		return true // every active account, on itself only: the handlers name no other
	}
	return false
}

// mayContact is the seam for the requests of issue 10: a volunteer's
// contact details are shown to a student only once the volunteer accepted
// their request. Until requests exist nobody has one accepted, advisors
// included ("nobody sees contact details yet"), so it is false.
func mayContact(model.Account) bool { return false }

// mayGrant says whether acct may give a role to someone (an invitation, a
// role change): only advisors grant roles, any of them.
func mayGrant(acct model.Account, r model.Role) bool {
	return acct.Active() && acct.Has(model.RoleAdvisor) && slices.Contains(model.Roles(), r)
}

// only serves h to a center's users whom may allows a; everyone else gets
// a 403 page, and the refusal goes to the audit log. In personal mode
// there is no center, and the route does not exist (404).
func (s *server) only(a act, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.center {
			s.notFound(w, r)
			return
		}
		acct, err := s.account(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if !may(acct, a) {
			s.auditRefusal(r, acct, a)
			s.render(w, r, http.StatusForbidden, "error", &errorPage{Status: http.StatusForbidden, Message: refusal(a)})
			return
		}
		h(w, r)
	}
}

// inCenter serves h in a center only (404 in personal mode): a page whose
// handler decides who reads each record, such as a request, which only
// its two parties and advisors find.
func (s *server) inCenter(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.center {
			s.notFound(w, r)
			return
		}
		h(w, r)
	}
}

// refusal says in a sentence who may do a.
func refusal(a act) string { return "Only " + a.who() + " may " + a.String() + "." }

// auditRefusal records that acct was refused a.
func (s *server) auditRefusal(r *http.Request, acct model.Account, a act) {
	e := model.AuditEntry{At: s.now(), ActorID: acct.ID, Actor: acct.Email, Action: "access.denied", Target: r.Method + " " + r.URL.Path,
		Detail: "may not " + a.String()}
	if err := s.Store.Audit(r.Context(), e); err != nil {
		s.logFailure(r, "audit a refusal", err)
	}
}

// errForbidden is a refusal by the policy, for the API (403).
type errForbidden struct{ msg string }

func (e errForbidden) Error() string { return e.msg }

// apiOnly is only for the API: the refusal is a 403 JSON error, and in
// personal mode the route does not exist (404).
func (s *server) apiOnly(a act, fn apiFunc) http.HandlerFunc {
	return s.apiAs(a, func(r *http.Request, sc *store.Scope, _ model.Account) (int, any, error) { return fn(r, sc) })
}

// accountFunc handles an API call of a center for the signed-in account.
type accountFunc func(r *http.Request, sc *store.Scope, acct model.Account) (int, any, error)

// apiAs is apiOnly for a handler that needs the account.
func (s *server) apiAs(a act, fn accountFunc) http.HandlerFunc {
	return s.apiAccount(func(r *http.Request, sc *store.Scope, acct model.Account) (int, any, error) {
		if err := s.mayAPI(r, acct, a); err != nil {
			return 0, nil, err
		}
		return fn(r, sc, acct)
	})
}

// apiAccount is for the API of a center: fn gets the signed-in account
// (and decides with mayAPI what it may do); a personal database has no
// such route (404).
func (s *server) apiAccount(fn accountFunc) http.HandlerFunc {
	return s.api(func(r *http.Request, sc *store.Scope) (int, any, error) {
		if !s.center {
			return 0, nil, &store.NotFoundError{Kind: "API route", Key: r.URL.Path}
		}
		acct, err := s.account(r)
		if err != nil {
			return 0, nil, err
		}
		return fn(r, sc, acct)
	})
}

// mayAPI is nil when acct may do a, or the API's 403 refusal (audited).
func (s *server) mayAPI(r *http.Request, acct model.Account, a act) error {
	if !may(acct, a) {
		s.auditRefusal(r, acct, a)
		return errForbidden{refusal(a)}
	}
	return nil
}
