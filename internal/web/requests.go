package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// The requests' pages: "My requests" for students, one request for its two
// parties (and its metadata for advisors) with the steps each may take now,
// as internal/center decides. Every step is a plain form post; htmx is not
// needed.

// requestRow is one request in a list.
type requestRow struct {
	ID      int64
	With    string // the other side's name
	Field   string
	State   center.State
	Label   string // the state in words
	Sent    string // when it was sent, in the reader's zone
	Meeting string // the agreed time, if any
	Flagged bool
}

// requestSection is the requests in some states, under a heading.
type requestSection struct {
	ID, Title string
	Rows      []requestRow
}

// sections of a list of requests, in the order a reader looks for them.
var requestGroups = []struct {
	id, title string
	states    []center.State
}{
	{"waiting", "Waiting for an answer", []center.State{center.StatePending, center.StateMoreInfo}},
	{"accepted", "Accepted", []center.State{center.StateAccepted}},
	{"declined", "Declined or referred", []center.State{center.StateDeclined, center.StateReferred}},
	{"expired", "Expired", []center.State{center.StateExpired}},
	{"withdrawn", "Withdrawn", []center.State{center.StateWithdrawn}},
	{"cancelled", "Cancelled", []center.State{center.StateCancelled}},
	{"past", "Held or missed", []center.State{center.StateHeld, center.StateNoShow}},
	{"reported", "Reported", []center.State{center.StateReported}},
}

// names reads accounts' names once each: a volunteer's display name when
// they wrote one, else the account's name.
type names struct {
	s     *server
	r     *http.Request
	known map[int64]string
}

func (s *server) names(r *http.Request) *names { return &names{s: s, r: r, known: map[int64]string{}} }

func (n *names) of(id int64) string {
	if name, ok := n.known[id]; ok {
		return name
	}
	name := ""
	if p, found, err := n.s.Store.VolunteerProfile(n.r.Context(), id); err == nil && found && p.DisplayName != "" {
		name = p.DisplayName
	} else if a, err := n.s.Store.Account(n.r.Context(), id); err == nil {
		name = a.Name
		if name == "" {
			name = a.Email
		}
	}
	if name == "" {
		name = "account " + strconv.FormatInt(id, 10)
	}
	n.known[id] = name
	return name
}

// sectionsOf groups requests for a list, newest first in each group; the
// other side of each is the volunteer (forStudent) or the student.
func sectionsOf(reqs []center.Request, n *names, forStudent bool, loc *time.Location) []requestSection {
	var out []requestSection
	for _, g := range requestGroups {
		sec := requestSection{ID: g.id, Title: g.title}
		for i := len(reqs) - 1; i >= 0; i-- {
			q := reqs[i]
			if !slices.Contains(g.states, q.State) {
				continue
			}
			other := q.StudentID
			if forStudent {
				other = q.VolunteerID
			}
			row := requestRow{ID: q.ID, With: n.of(other), Field: q.Field, State: q.State, Label: sentence(q.State.Label()),
				Sent: center.FormatTime(q.CreatedAt, loc), Flagged: q.Flagged}
			if !q.MeetingAt.IsZero() {
				row.Meeting = center.FormatTime(q.MeetingAt, loc)
			}
			sec.Rows = append(sec.Rows, row)
		}
		out = append(out, sec)
	}
	return out
}

// requestsPage is "My requests" (requests.html).
type requestsPage struct {
	page
	Sections []requestSection
	Waiting  int // open requests, against Limit
	Limit    int
	Blocked  string // why new requests are on hold, if they are
}

// requestsMine serves GET /requests: a student's requests by state, with
// the count of those waiting against the limit.
func (s *server) requestsMine(w http.ResponseWriter, r *http.Request) {
	loc, err := s.Store.AccountTimeZone(r.Context(), s.ownerOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	me := s.ownerOf(r)
	all, err := s.Store.RequestsOf(r.Context(), me)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var mine []center.Request
	waiting := 0
	for _, q := range all {
		if q.StudentID == me {
			mine = append(mine, q)
			if q.State.Open() {
				waiting++
			}
		}
	}
	data := &requestsPage{page: s.newPage("requests", loc), Sections: sectionsOf(mine, s.names(r), true, loc),
		Waiting: waiting, Limit: set.MaxPendingPerStudent}
	if blocks, err := s.Store.Blocks(r.Context(), set); err == nil {
		for _, b := range blocks {
			if b.StudentID == me {
				data.Blocked = fmt.Sprintf("You missed or cancelled late %d conversations within %d days, so new requests are on hold until an advisor clears them; talk to your career center.",
					set.BlockAfter, set.BlockWindowDays)
			}
		}
	} else {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "requests", data)
}

// requestStepForm is one step the reader may take on a request now, with what
// they typed when it was refused.
type requestStepForm struct {
	Action  center.Action
	Post    string // where the form posts
	Title   string // the button's words
	Hint    string
	Text    *field // a question, an answer, a reason…; nil when the step takes none
	Time    *field // a time to choose (accept, schedule, held without a time)
	Choices []option
	Choice  string // the chosen proposed time
	Reasons []option
	Reason  string
	Suggest *field // the name with "I'd suggest someone else"
	Refer   *field // the colleague to refer to
	Problem string // why the step was refused
	Primary bool
}

// requestPage is one request (request.html).
type requestPage struct {
	page
	Req         center.Request
	Party       center.Actor // the reader's side; "" for an advisor
	Student     string
	Volunteer   string
	StateLabel  string
	Proposed    []string
	Meeting     string // the agreed time for the reader, and for the other side when it differs
	Expires     string
	Decline     string // the decline's words, as the student reads them
	ReferredTo  string
	ShowMessage bool
	Contact     *model.VolunteerContact // the volunteer's details, for the student once accepted
	StudentMail string                  // the student's email, for the volunteer once accepted
	About       []string                // what the volunteer reads of the student
	Steps       []requestStepForm
	// SlowToAnswer: the volunteer stopped the request emails, so reads
	// this request in the app only (told to the student while it waits).
	SlowToAnswer bool
}

// contactStates are the states in which the two sides read each other's
// contact details: the volunteer accepted (PRODUCT.md's table).
var contactStates = []center.State{center.StateAccepted, center.StateHeld, center.StateNoShow}

// loadRequest reads the request of the address for the signed-in user:
// its parties read it, advisors its metadata; anyone else finds nothing.
func (s *server) loadRequest(r *http.Request) (center.Request, model.Account, center.Actor, error) {
	var req center.Request
	id, err := pathID(r, "request")
	if err != nil {
		return req, model.Account{}, "", err
	}
	acct, err := s.Store.Account(r.Context(), s.ownerOf(r))
	if err != nil {
		return req, acct, "", err
	}
	req, err = s.Store.Request(r.Context(), id)
	if err != nil {
		return req, acct, "", err
	}
	party := req.PartyOf(acct.ID)
	switch {
	case party == center.ActorStudent && may(acct, actSendRequest), party == center.ActorVolunteer && may(acct, actAnswerRequests):
	case may(acct, actReviewRequests):
		party = center.ActorAdvisor
	default:
		return center.Request{}, acct, "", &store.NotFoundError{Kind: "request", Key: strconv.FormatInt(id, 10)}
	}
	return req, acct, party, nil
}

// requestView builds the page of a request for its reader.
func (s *server) requestView(r *http.Request, req center.Request, acct model.Account, party center.Actor, set center.Settings) (*requestPage, error) {
	ctx := r.Context()
	loc, err := s.Store.AccountTimeZone(r.Context(), s.ownerOf(r))
	if err != nil {
		return nil, err
	}
	n := s.names(r)
	p := &requestPage{page: s.newPage("requests", loc), Req: req, Party: party, Student: n.of(req.StudentID), Volunteer: n.of(req.VolunteerID),
		StateLabel: sentence(req.State.Label()), Proposed: center.FormatProposal(req.ProposedTimes, loc)}
	if party == center.ActorAdvisor {
		p.Nav = "review"
	}
	if !req.MeetingAt.IsZero() {
		other, otherName := req.VolunteerID, p.Volunteer
		if party == center.ActorVolunteer {
			other, otherName = req.StudentID, p.Student
		}
		theirs, err := s.Store.AccountTimeZone(ctx, other)
		if err != nil {
			return nil, err
		}
		p.Meeting = center.FormatForBoth(req.MeetingAt, loc, theirs, otherName)
	}
	if req.State.Open() {
		p.Expires = center.FormatTime(set.ExpiresAt(req), loc)
	}
	if req.State == center.StateDeclined {
		p.Decline = req.DeclineReason.Words(req.Reason)
	}
	if req.ReferredTo != 0 {
		p.ReferredTo = n.of(req.ReferredTo)
	}
	p.ShowMessage = party != center.ActorAdvisor || req.State == center.StateReported || req.Flagged
	if slices.Contains(contactStates, req.State) {
		switch party {
		case center.ActorStudent:
			c, err := s.Store.VolunteerContact(ctx, req.VolunteerID)
			if err != nil {
				return nil, err
			}
			p.Contact = &c
		case center.ActorVolunteer:
			a, err := s.Store.Account(ctx, req.StudentID)
			if err != nil {
				return nil, err
			}
			p.StudentMail = a.Email
		}
	}
	if party == center.ActorVolunteer {
		if p.About, err = s.aboutStudent(r, req); err != nil {
			return nil, err
		}
	}
	if party == center.ActorStudent && req.State.Open() {
		prefs, err := s.Store.MailPrefs(ctx, req.VolunteerID)
		if err != nil {
			return nil, err
		}
		p.SlowToAnswer = prefs.OptedOut()
	}
	for _, a := range set.Allowed(req, party, s.now()) {
		if f, ok := s.stepFormFor(r, a, req, party, loc); ok {
			f.Post = fmt.Sprintf("/requests/%d/step", req.ID)
			p.Steps = append(p.Steps, f)
		}
	}
	return p, nil
}

// aboutStudent is what the volunteer of req reads of its student
// (PRODUCT.md's table): class year, majors, what they have in common.
func (s *server) aboutStudent(r *http.Request, req center.Request) ([]string, error) {
	var about []string
	sp, _, err := s.Store.StudentProfile(r.Context(), req.StudentID)
	if err != nil {
		return nil, err
	}
	if sp.ClassYear != 0 {
		about = append(about, "Class of "+strconv.Itoa(sp.ClassYear))
	}
	if len(sp.Majors) > 0 {
		about = append(about, "Studies "+strings.Join(sp.Majors, ", "))
	}
	if card, found, err := s.Store.DirectoryCard(r.Context(), req.VolunteerID, sp, s.now()); err == nil && found {
		for _, c := range card.InCommon {
			about = append(about, c.Text)
		}
	}
	return about, nil
}

// stepFormFor is the form of one step, empty.
func (s *server) stepFormFor(r *http.Request, a center.Action, req center.Request, party center.Actor, loc *time.Location) (requestStepForm, bool) {
	id := "s-" + string(a)
	text := func(label, hint string) *field {
		return &field{ID: id + "-text", Name: "text", Label: label, Hint: hint, Rows: 3}
	}
	when := func(label string) *field {
		return &field{ID: id + "-time", Name: "time", Label: label, Type: "datetime-local"}
	}
	f := requestStepForm{Action: a}
	switch a {
	case center.ActAccept:
		f.Title, f.Primary = "Accept", true
		for _, t := range req.ProposedTimes {
			f.Choices = append(f.Choices, option{t.UTC().Format(time.RFC3339), center.FormatTime(t, loc)})
		}
		f.Time = when("Another time")
		f.Hint = "Choose one of the times proposed, or another one; leave both empty to agree on a time later."
	case center.ActDecline:
		f.Title = "Decline"
		f.Reasons = []option{{string(center.DeclineNotMyField), "Not my field"}, {string(center.DeclineNoTime), "No time this month"},
			{string(center.DeclineSuggest), "I’d suggest someone else"}, {string(center.DeclineOwn), "In my own words"}}
		f.Suggest = &field{ID: id + "-suggest", Name: "suggest", Label: "Who you suggest", Hint: "With “I’d suggest someone else”."}
		f.Text = text("Your own words", "With “in my own words”: the student reads them.")
	case center.ActRefer:
		f.Title = "Refer to a colleague"
		colleagues, err := s.Store.Accounts(r.Context(), model.RoleVolunteer)
		if err != nil {
			return f, false
		}
		var opts []option
		for _, c := range colleagues {
			if c.ID != req.VolunteerID && c.ID != req.StudentID && c.Active() {
				opts = append(opts, option{strconv.FormatInt(c.ID, 10), c.Name})
			}
		}
		if len(opts) == 0 {
			return f, false
		}
		f.Refer = &field{ID: id + "-to", Name: "refer_to", Label: "Colleague", Options: opts, Required: true}
		f.Text = text("A word for the student", "Optional.")
	case center.ActAskMore:
		f.Title = "Ask for more"
		f.Text = text("Your question", "The student answers once; the request still expires on time.")
	case center.ActAnswer:
		f.Title, f.Primary = "Send my answer", true
		f.Text = text("Your answer", "You answer once.")
	case center.ActReport:
		f.Title = "Report"
		f.Text = text("What is wrong", "Advisors read the request and your words; the student cannot write to you again.")
	case center.ActWithdraw:
		f.Title = "Withdraw"
		f.Text = text("Why, in a word", "Optional.")
	case center.ActCancel:
		f.Title = "Cancel the conversation"
		f.Text = text("Why", "The other side reads it.")
		if party == center.ActorStudent && !req.MeetingAt.IsZero() {
			f.Hint = "Cancelling in the last day before the meeting counts as a late cancellation."
		}
	case center.ActSchedule:
		f.Title = "Set the time"
		f.Time = when("Meeting time")
	case center.ActHeld:
		f.Title, f.Primary = "It happened", true
		if party == center.ActorStudent {
			f.Title = "We talked"
		}
		if req.MeetingAt.IsZero() {
			f.Time = when("When it took place")
		}
	case center.ActNoShow:
		f.Title = "The student did not come"
	case center.ActExplain:
		f.Title = "Explain what happened"
		f.Text = text("What happened", "Advisors read it if your requests are put on hold.")
	default:
		return f, false
	}
	return f, true
}

// requestShow serves GET /requests/{id}.
func (s *server) requestShow(w http.ResponseWriter, r *http.Request) {
	req, acct, party, err := s.loadRequest(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data, err := s.requestView(r, req, acct, party, set)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "request", data)
}

// requestStep serves POST /requests/{id}/step: one step (the form's
// "action") by the reader's side. A refusal comes back next to the step's
// form, with what was typed.
func (s *server) requestStep(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	req, acct, party, err := s.loadRequest(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	loc, err := s.Store.AccountTimeZone(r.Context(), s.ownerOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := r.PostForm
	st, problem := stepOfForm(v, req, party, s.now(), loc)
	if problem == "" {
		var withdrawn []center.Request
		if _, withdrawn, err = s.Store.StepRequest(r.Context(), set, req.ID, acct.ID, st); err == nil {
			s.redirect(w, r, fmt.Sprintf("/requests/%d", req.ID), stepFlash(st.Action, len(withdrawn)))
			return
		}
		var ok bool
		if problem, ok = stepProblem(err); !ok {
			s.pageError(w, r, err)
			return
		}
	}
	data, err := s.requestView(r, req, acct, party, set)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !keepTyped(data.Steps, st.Action, problem, v) {
		data.Flash, data.FlashError = problem, true
	}
	s.render(w, r, http.StatusConflict, "request", data)
}

// stepOfForm reads a step's form, posted by party's reader in zone loc
// at now: the step, or the problem with what was typed.
func stepOfForm(v url.Values, req center.Request, party center.Actor, now time.Time, loc *time.Location) (center.Step, string) {
	st := center.Step{Action: center.Action(v.Get("action")), By: party, At: now, Text: v.Get("text"),
		DeclineReason: center.DeclineReason(v.Get("reason"))}
	var problem string
	if st.Action == center.ActDecline && st.DeclineReason == center.DeclineSuggest {
		st.Text = v.Get("suggest")
	}
	if raw := strings.TrimSpace(v.Get("refer_to")); raw != "" {
		var err error
		if st.ReferTo, err = strconv.ParseInt(raw, 10, 64); err != nil {
			problem = "Choose the colleague from the list."
		}
	}
	if raw := strings.TrimSpace(v.Get("choice")); raw != "" {
		t, err := time.Parse(time.RFC3339, raw)
		if err != nil || !slices.ContainsFunc(req.ProposedTimes, t.Equal) {
			problem = "Choose one of the times the student proposed, or write another."
		}
		st.MeetingAt = t
	}
	if raw := strings.TrimSpace(v.Get("time")); raw != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", raw, loc)
		if err != nil {
			problem = fmt.Sprintf("%q is not a date and time; use the picker, or write it as 2026-03-05T14:30.", raw)
		}
		st.MeetingAt = t
	}
	return st, problem
}

// stepProblem is what to say next to a step's form about err, the step's
// refusal; ok is false for a failure of ours.
func stepProblem(err error) (string, bool) {
	var se *center.StepError
	var ref *center.Refusal
	switch {
	case errors.As(err, &se), errors.As(err, &ref):
		return err.Error(), true
	case model.AsErrors(err) != nil:
		return sentence(model.AsErrors(err)[0].Message), true
	}
	return "", false
}

// keepTyped puts a refused step's problem and what was typed back on its
// form among forms; false when no form is that step's.
func keepTyped(forms []requestStepForm, a center.Action, problem string, v url.Values) bool {
	kept := false
	for i := range forms {
		f := &forms[i]
		if f.Action != a {
			continue
		}
		kept = true
		f.Problem = problem
		if f.Text != nil {
			f.Text.Value = v.Get("text")
		}
		if f.Time != nil {
			f.Time.Value, f.Time.Type = v.Get("time"), "text"
		}
		if f.Suggest != nil {
			f.Suggest.Value = v.Get("suggest")
		}
		if f.Refer != nil {
			f.Refer.Value = v.Get("refer_to")
		}
		f.Choice, f.Reason = v.Get("choice"), v.Get("reason")
	}
	return kept
}

// stepFlash says what a step did.
func stepFlash(a center.Action, withdrawn int) string {
	switch a {
	case center.ActAccept:
		msg := "Accepted: you now see each other’s contact details."
		if withdrawn > 0 {
			msg += " The student’s other " + plural(withdrawn, "request", "requests") + " in this field " +
				map[bool]string{true: "was", false: "were"}[withdrawn == 1] + " withdrawn."
		}
		return msg
	case center.ActDecline:
		return "Declined; the student reads your reason."
	case center.ActRefer:
		return "Referred to your colleague."
	case center.ActAskMore:
		return "Your question went to the student."
	case center.ActAnswer:
		return "Your answer went to the volunteer."
	case center.ActReport:
		return "Reported to the advisors. Thank you for telling us."
	case center.ActWithdraw:
		return "Withdrawn."
	case center.ActCancel:
		return "Cancelled; the other side is told."
	case center.ActSchedule:
		return "The time is set."
	case center.ActHeld:
		return "Marked as held. Thank you."
	case center.ActNoShow:
		return "Marked as a no-show."
	case center.ActExplain:
		return "Thank you for explaining."
	}
	return "Done."
}
