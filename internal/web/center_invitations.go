package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// invitationsPage lists who was invited, who has accepted and who has
// not, with the form that invites.
type invitationsPage struct {
	page
	Form        *form
	Invitations []model.Link
	// Uninvited counts the students and volunteers who cannot sign in
	// yet and have no open invitation (imported ones, say), by role.
	Uninvited map[string]int
	// Rate is the form of how many emails a minute the mail server takes.
	Rate *form
}

// caller is the signed-in advisor as the audit log names them.
func (s *server) caller(r *http.Request) (model.Account, model.Actor, error) {
	acct, err := s.Store.Account(r.Context(), s.ownerOf(r))
	return acct, model.Actor{ID: acct.ID, Name: acct.Email}, err
}

// roleFields adds one checkbox a role to f, ticked for the chosen ones.
func roleFields(f *form, chosen []model.Role) {
	labels := map[model.Role]string{
		model.RoleStudent:   "Student: explores careers in a private space",
		model.RoleVolunteer: "Volunteer: talks to students",
		model.RoleAdvisor:   "Advisor: manages the center’s accounts",
	}
	for _, r := range model.Roles() {
		f.add("role_"+string(r), labels[r], string(r)).checked(slices.Contains(chosen, r))
	}
}

// readRoles reads the ticked roles, refusing any the caller may not grant
// and an empty choice; the error goes next to the first checkbox.
func readRoles(f *form, r *http.Request, caller model.Account) []model.Role {
	var out []model.Role
	for _, role := range model.Roles() {
		if r.PostForm.Get("role_"+string(role)) == "" {
			continue
		}
		if !mayGrant(caller, role) {
			f.invalid("role_"+string(role), "You may not give the "+string(role)+" role.")
			continue
		}
		out = append(out, role)
	}
	for k := range r.PostForm {
		if name, ok := strings.CutPrefix(k, "role_"); ok {
			if _, err := model.ParseRole(name); err != nil {
				f.Problem = sentence(err.Error())
			}
		}
	}
	if len(out) == 0 && f.F["role_student"].Error == "" {
		f.invalid("role_student", "Choose at least one role.")
	}
	for _, role := range model.Roles() {
		f.F["role_"+string(role)].Checked = slices.Contains(out, role)
	}
	return out
}

func inviteForm(email, name string, roles []model.Role) *form {
	f := newForm()
	f.add("email", "Email", email).kind("email").required().auto("off")
	f.add("name", "Name", name).auto("off").hint("Optional: the invitee can change it.")
	roleFields(f, roles)
	return f
}

// invitationsShow serves GET /center/invitations.
func (s *server) invitationsShow(w http.ResponseWriter, r *http.Request) {
	s.renderInvitations(w, r, http.StatusOK, inviteForm("", "", []model.Role{model.RoleStudent}))
}

func (s *server) renderInvitations(w http.ResponseWriter, r *http.Request, status int, f *form) {
	s.renderInvitationsWith(w, r, status, f, nil)
}

func rateForm(n string) *form {
	f := newForm()
	f.add("smtp_per_minute", "Emails a minute", n).kind("number").required().
		hint("As many as the center’s mail server takes: all of the center’s emails together go out no faster, and invitations sent together are spread at this rate.")
	return f
}

func (s *server) renderInvitationsWith(w http.ResponseWriter, r *http.Request, status int, f, rate *form) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	invs, err := s.Store.Invitations(r.Context(), 200)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := &invitationsPage{page: s.newPage("accounts", loc), Form: f, Invitations: invs, Uninvited: map[string]int{}, Rate: rate}
	for _, role := range []model.Role{model.RoleStudent, model.RoleVolunteer} {
		ids, err := s.Store.UninvitedAccounts(r.Context(), role, s.now())
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		d.Uninvited[string(role)] = len(ids)
	}
	if d.Rate == nil {
		n, err := s.Store.CenterSMTPRate(r.Context())
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		d.Rate = rateForm(strconv.Itoa(n))
	}
	s.render(w, r, status, "center_invitations", d)
}

// invitationsBulk serves POST /center/invitations/bulk: every student or
// volunteer (role) who cannot sign in yet and has no open invitation is
// invited, the emails spread at the mail server's rate.
func (s *server) invitationsBulk(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	acct, by, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	role := model.Role(r.PostForm.Get("role"))
	if role != model.RoleStudent && role != model.RoleVolunteer {
		s.redirectError(w, r, "/center/invitations", "Choose students or volunteers to invite.")
		return
	}
	ids, err := s.Store.UninvitedAccounts(r.Context(), role, s.now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rep, err := s.signIn.links.InviteAccounts(r.Context(), s.centerName(r), ids, by, acct.Name)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if rep.Invited == 0 {
		s.redirect(w, r, "/center/invitations", "Nobody was left to invite.")
		return
	}
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, "/center/invitations", fmt.Sprintf("Invited %s. The emails go out at the mail server’s rate, the last about %s.",
		plural(rep.Invited, "person", "people"), rep.LastDue.In(loc).Format("Jan 2 at 15:04")))
}

// invitationsRate serves POST /center/invitations/rate.
func (s *server) invitationsRate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	_, by, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := strings.TrimSpace(r.PostForm.Get("smtp_per_minute"))
	f := rateForm(v)
	n, err := strconv.Atoi(v)
	if err != nil {
		f.invalid("smtp_per_minute", fmt.Sprintf("Enter a number of emails a minute from 1 to %d.", store.MaxSMTPPerMinute))
	} else if err := s.Store.SetCenterSMTPRate(r.Context(), n, by, s.now()); err != nil && !f.fail(err) {
		s.pageError(w, r, err)
		return
	}
	if !f.ok() {
		s.renderInvitationsWith(w, r, http.StatusUnprocessableEntity, inviteForm("", "", []model.Role{model.RoleStudent}), f)
		return
	}
	s.redirect(w, r, "/center/invitations", fmt.Sprintf("Invitations now go out at most %d a minute.", n))
}

// invitationCreate serves POST /center/invitations: the invitation's
// email goes out through the outbox.
func (s *server) invitationCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	acct, by, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	email, name := strings.TrimSpace(r.PostForm.Get("email")), strings.TrimSpace(r.PostForm.Get("name"))
	f := inviteForm(email, name, nil)
	roles := readRoles(f, r, acct)
	if !model.ValidEmail(email) {
		f.invalid("email", "Enter an email address like name@example.edu.")
	}
	if !f.ok() {
		s.renderInvitations(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	inv, err := s.signIn.links.Invite(r.Context(), s.centerName(r), model.Link{Email: email, Name: name, Roles: roles}, by, acct.Name)
	if f.fail(err) {
		s.renderInvitations(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, "/center/invitations", "Invited "+inv.Email+". The email goes out within a minute; the link works for 7 days.")
}

// invitationAction serves a POST on one invitation, with the advisor who
// acts.
func (s *server) invitationAction(act func(w http.ResponseWriter, r *http.Request, id int64, acct model.Account, by model.Actor) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "invitation")
		if err == nil {
			var acct model.Account
			var by model.Actor
			if acct, by, err = s.caller(r); err == nil {
				err = act(w, r, id, acct, by)
			}
		}
		if err != nil {
			s.pageError(w, r, err)
		}
	}
}

// invitationResend serves POST /center/invitations/{id}/resend: a new
// link, the old one withdrawn.
func (s *server) invitationResend(w http.ResponseWriter, r *http.Request, id int64, acct model.Account, by model.Actor) error {
	old, err := s.Store.Invitation(r.Context(), id)
	if err != nil {
		return err
	}
	if old.UsedAt != nil {
		s.redirectError(w, r, "/center/invitations", old.Email+" has accepted already: there is nothing to send again.")
		return nil
	}
	if old.UserID != 0 {
		// An imported account's invitation.
		rep, err := s.signIn.links.InviteAccounts(r.Context(), s.centerName(r), []int64{old.UserID}, by, acct.Name)
		if err != nil {
			return err
		}
		if rep.Invited == 0 {
			s.redirectError(w, r, "/center/invitations", old.Email+" can sign in already: there is nothing to send again.")
			return nil
		}
		s.redirect(w, r, "/center/invitations", "Sent "+old.Email+" a new invitation; the older link no longer works.")
		return nil
	}
	_, err = s.signIn.links.Invite(r.Context(), s.centerName(r), model.Link{Email: old.Email, Name: old.Name, Roles: old.Roles}, by, acct.Name)
	if es := model.AsErrors(err); len(es) > 0 {
		s.redirectError(w, r, "/center/invitations", sentence(es[0].Message))
		return nil
	}
	if err != nil {
		return err
	}
	s.redirect(w, r, "/center/invitations", "Sent "+old.Email+" a new invitation; the older link no longer works.")
	return nil
}

// invitationExpire serves POST /center/invitations/{id}/expire.
func (s *server) invitationExpire(w http.ResponseWriter, r *http.Request, id int64, _ model.Account, by model.Actor) error {
	l, err := s.Store.ExpireInvite(r.Context(), id, by, s.now())
	if err != nil {
		return err
	}
	s.redirect(w, r, "/center/invitations", "The invitation of "+l.Email+" no longer works.")
	return nil
}
