package web

import (
	"net/http"
	"slices"

	"github.com/ally-dev/ally/internal/model"
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
	// actManageAccounts is the advisors' account pages: listing and
	// inviting accounts, changing roles, disabling, revoking API tokens,
	// and the outbox of the center's emails.
	actManageAccounts
)

// String names the act for the audit log and the refusal.
func (a act) String() string {
	switch a {
	case actReadAudit:
		return "read the audit log"
	case actManageAccounts:
		return "manage the center’s accounts"
	}
	return "an unknown act"
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
	case actReadAudit, actManageAccounts:
		return acct.Has(model.RoleAdvisor)
	}
	return false
}

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
		acct, err := s.Store.Account(r.Context(), s.ownerOf(r))
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if !may(acct, a) {
			e := model.AuditEntry{At: s.now(), ActorID: acct.ID, Actor: acct.Email, Action: "access.denied", Target: r.Method + " " + r.URL.Path,
				Detail: "may not " + a.String()}
			if err := s.Store.Audit(r.Context(), e); err != nil {
				s.logFailure(r, "audit a refusal", err)
			}
			s.render(w, r, http.StatusForbidden, "error", &errorPage{Status: http.StatusForbidden,
				Message: "Only the career center’s advisors may " + a.String() + "."})
			return
		}
		h(w, r)
	}
}
