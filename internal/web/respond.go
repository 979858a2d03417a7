package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
	"github.com/ally-dev/ally/internal/store"
)

// The page a request email's one-click link opens (/respond/{token}):
// public, since the signed token is the credential, and good for one
// answer to the one request it names until the request expires. The GET
// shows the request and the form of the answer the link was made for,
// and writes nothing (a mail scanner following the link changes nothing);
// the POST takes the step through the same store path as the request's
// page, and records the link's use in its transaction.

// respondPage is respond.html.
type respondPage struct {
	page
	Center    string
	Req       center.Request
	Student   string
	About     []string
	Proposed  []string // in the volunteer's zone
	Expires   string
	Made      string // what the link was made for, as the email said it
	Form      requestStepForm
	RequestAt string // the request's page in the app

	// Done: the answer was taken; Thanks and Next say what follows.
	Done         bool
	Thanks, Next string
	StudentMail  string // once accepted
	Meeting      string
}

// linkStep is the step a link's action takes.
func linkStep(a requestmail.LinkAction) (center.Action, center.DeclineReason) {
	switch a {
	case requestmail.LinkNoTime:
		return center.ActDecline, center.DeclineNoTime
	case requestmail.LinkNotMine:
		return center.ActDecline, center.DeclineNotMyField
	}
	return center.ActAccept, ""
}

// errRequestAnswered: the link's request no longer takes the link's
// answer (answered, withdrawn, expired…).
var errRequestAnswered = errors.New("this request has been answered already")

// requestLink is an open one-click link: its claim, the request it names
// and the center's rules.
type requestLink struct {
	claim requestmail.Claim
	req   center.Request
	set   center.Settings
}

// openRequestLink reads the link of the address, or shows why it cannot
// be used: 404 for one Ally never made (or whose request or volunteer is
// gone), 410 for one used, expired, or whose request was answered.
func (s *server) openRequestLink(w http.ResponseWriter, r *http.Request) (requestLink, bool) {
	noStore(w)
	var l requestLink
	if !s.center {
		s.notFound(w, r)
		return l, false
	}
	ctx := r.Context()
	key, made, err := s.Store.RequestLinkKeyIfMade(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return l, false
	}
	if !made {
		s.requestLinkRefused(w, r, requestmail.ErrLinkTampered, nil)
		return l, false
	}
	l.claim, err = requestmail.Verify(key, r.PathValue("token"), s.now())
	if errors.Is(err, requestmail.ErrLinkTampered) {
		s.requestLinkRefused(w, r, err, nil)
		return l, false
	}
	expired := err
	l.req, err = s.Store.Request(ctx, l.claim.RequestID)
	if errors.Is(err, store.ErrNotFound) {
		s.requestLinkRefused(w, r, requestmail.ErrLinkTampered, nil)
		return l, false
	}
	if err != nil {
		s.pageError(w, r, err)
		return l, false
	}
	if expired != nil {
		s.requestLinkRefused(w, r, expired, &l.req)
		return l, false
	}
	acct, err := s.Store.Account(ctx, l.req.VolunteerID)
	if err != nil {
		s.pageError(w, r, err)
		return l, false
	}
	if !may(acct, actAnswerRequests) {
		s.requestLinkRefused(w, r, requestmail.ErrLinkTampered, nil)
		return l, false
	}
	if used, err := s.Store.RequestLinkUsed(ctx, l.claim.Nonce); err != nil {
		s.pageError(w, r, err)
		return l, false
	} else if used {
		s.requestLinkRefused(w, r, store.ErrLinkUsed, &l.req)
		return l, false
	}
	if l.set, err = s.Store.CenterRules(ctx); err != nil {
		s.pageError(w, r, err)
		return l, false
	}
	step, _ := linkStep(l.claim.Action)
	if !slices.Contains(l.set.Allowed(l.req, center.ActorVolunteer, s.now()), step) {
		s.requestLinkRefused(w, r, errRequestAnswered, &l.req)
		return l, false
	}
	return l, true
}

func (s *server) requestLinkRefused(w http.ResponseWriter, r *http.Request, err error, req *center.Request) {
	status, p, ok := requestLinkRefusal(err, req)
	if !ok {
		s.pageError(w, r, err)
		return
	}
	p.Center = s.centerName(r)
	s.render(w, r, status, "link_refused", &p)
}

// respondView is the page of an open link, its form empty.
func (s *server) respondView(r *http.Request, l requestLink) (*respondPage, error) {
	ctx := r.Context()
	loc, err := s.Store.AccountTimeZone(ctx, l.req.VolunteerID)
	if err != nil {
		return nil, err
	}
	p := &respondPage{page: s.newPage("", loc), Center: s.centerName(r), Req: l.req, Student: s.names(r).of(l.req.StudentID),
		Proposed: center.FormatProposal(l.req.ProposedTimes, loc), Expires: center.FormatTime(l.set.ExpiresAt(l.req), loc),
		Made: l.claim.Label(center.FormatProposal(l.req.ProposedTimes, loc)), RequestAt: fmt.Sprintf("/requests/%d", l.req.ID)}
	var student model.StudentProfile
	if p.About, student, err = s.aboutStudent(r, l.req); err != nil {
		return nil, err
	}
	step, reason := linkStep(l.claim.Action)
	if p.Form, _, err = s.stepFormFor(r, step, l.req, center.ActorVolunteer, student, loc); err != nil {
		return nil, err
	}
	p.Form.Post = "/respond/" + r.PathValue("token")
	if p.Form.Reason != nil {
		p.Form.Reason.Value = string(reason)
	}
	if i := l.claim.TimeIndex; step == center.ActAccept && p.Form.Choice != nil && i >= 1 && i <= len(p.Form.Choice.Options) {
		p.Form.Choice.Value = p.Form.Choice.Options[i-1].Value
	}
	if step == center.ActAccept {
		p.Form.Title = "Yes, I accept"
	} else {
		p.Form.Title = "Decline kindly"
	}
	return p, nil
}

// respondShow serves GET /respond/{token}.
func (s *server) respondShow(w http.ResponseWriter, r *http.Request) {
	l, ok := s.openRequestLink(w, r)
	if !ok {
		return
	}
	p, err := s.respondView(r, l)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "respond", p)
}

// respondSubmit serves POST /respond/{token}: the link's answer, as its
// volunteer. A refusal comes back next to the form with what was typed.
func (s *server) respondSubmit(w http.ResponseWriter, r *http.Request) {
	l, ok := s.openRequestLink(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx := r.Context()
	loc, err := s.Store.AccountTimeZone(ctx, l.req.VolunteerID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := r.PostForm
	st, problem, wrong := stepOfForm(v, l.req, center.ActorVolunteer, s.now(), loc)
	st.Action, _ = linkStep(l.claim.Action)
	status := http.StatusUnprocessableEntity
	if problem == "" {
		done, _, err := s.Store.StepRequestByLink(ctx, l.set, l.claim, st)
		switch {
		case err == nil:
			s.respondDone(w, r, l, done)
			return
		case errors.Is(err, store.ErrLinkUsed):
			s.requestLinkRefused(w, r, err, &l.req)
			return
		}
		if problem, wrong, status, ok = stepRefused(err, l.set, l.req, st); !ok {
			s.pageError(w, r, err)
			return
		}
	}
	p, err := s.respondView(r, l)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p.Form.keep(v, nil)
	p.Form.blame(wrong, problem)
	s.render(w, r, status, "respond", p)
}

// respondDone thanks the volunteer and says what follows.
func (s *server) respondDone(w http.ResponseWriter, r *http.Request, l requestLink, done center.Request) {
	p, err := s.respondView(r, requestLink{claim: l.claim, req: done, set: l.set})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p.Done = true
	first := firstName(p.Student)
	if done.State == center.StateAccepted {
		a, err := s.Store.Account(r.Context(), done.StudentID)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		p.StudentMail = a.Email
		p.Thanks = "Thank you: you said yes to " + p.Student + "."
		if done.MeetingAt.IsZero() {
			p.Next = "No time is set yet: write to " + first + " to agree on one, then set it on the request’s page in Ally."
		} else {
			p.Meeting = center.FormatTime(done.MeetingAt, p.Loc)
			p.Next = "You will both receive a calendar invitation. " + first + " will confirm a couple of days before."
		}
	} else {
		p.Thanks = "Thank you for answering."
		p.Next = first + " reads your reason and is shown other volunteers with room this month."
	}
	s.render(w, r, http.StatusOK, "respond", p)
}

// firstName is the first word of a name, to address its person.
func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}
