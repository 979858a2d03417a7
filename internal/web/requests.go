package web

import (
	"fmt"
	"net/http"
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
	if blocked, err := s.Store.Blocked(r.Context(), set, me); err != nil {
		s.pageError(w, r, err)
		return
	} else if blocked {
		data.Blocked = fmt.Sprintf("You missed or cancelled late %d conversations within %d days, so new requests are on hold until an advisor clears them; talk to your career center.",
			set.BlockAfter, set.BlockWindowDays)
	}
	s.render(w, r, http.StatusOK, "requests", data)
}

// requestPage is one request (request.html).
type requestPage struct {
	page
	Req        center.Request
	Party      center.Actor // the reader's side; "" for an advisor
	Student    string
	Volunteer  string
	StateLabel string
	Proposed   []string
	Meeting    string // the agreed time for the reader, and for the other side when it differs
	Expires    string
	Decline    string // the decline's words, as the student reads them; its kind alone for advisors
	ReferredTo string
	ReferredID int64 // the colleague's directory card, for the student
	// ShowWords is whether the reader reads what the two sides wrote (the
	// message, the purpose, the question and its answer, the reasons):
	// its two sides do; advisors only once it was reported (PRODUCT.md's
	// table), not when it merely went over the checker.
	ShowWords   bool
	Contact     *model.VolunteerContact // the volunteer's details, for the student once accepted
	StudentMail string                  // the student's email, for the volunteer once accepted
	About       []string                // what the volunteer reads of the student
	Steps       []requestStepForm
	// Outcome holds the steps that answer "Did it happen?" once the
	// meeting time has come: held, the student did not come, I had to
	// cancel (the volunteer); we talked (the student).
	Outcome []requestStepForm
	// WriteUp is the student's conversation in their personal space, where
	// they log it: notes, the thank-you (0: none).
	WriteUp  int64
	Feedback *feedbackForm // the reader's feedback form, while theirs is due
	// FeedbackGiven is that the reader gave their feedback; ThankYou the
	// student's note, which the volunteer reads. No page shows a rating.
	FeedbackGiven bool
	ThankYou      string
	// SlowToAnswer: the volunteer stopped the request emails, so reads
	// this request in the app only (told to the student while it waits).
	SlowToAnswer bool
}

// aboutStudent is what the volunteer of req reads of its student
// (PRODUCT.md's table): class year, majors, what they have in common;
// and the student's profile, which the volunteer's steps rank by.
func (s *server) aboutStudent(r *http.Request, req center.Request) ([]string, model.StudentProfile, error) {
	var about []string
	sp, _, err := s.Store.StudentProfile(r.Context(), req.StudentID)
	if err != nil {
		return nil, sp, err
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
	return about, sp, nil
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
func (s *server) requestView(r *http.Request, req center.Request, party center.Actor, set center.Settings) (*requestPage, error) {
	ctx := r.Context()
	loc, err := s.Store.AccountTimeZone(r.Context(), s.ownerOf(r))
	if err != nil {
		return nil, err
	}
	now := s.now()
	n := s.names(r)
	p := &requestPage{page: s.newPage("requests", loc), Req: req, Party: party, Student: n.of(req.StudentID), Volunteer: n.of(req.VolunteerID),
		StateLabel: sentence(req.State.Label()), Proposed: center.FormatProposal(req.ProposedTimes, loc)}
	p.ShowWords = party != center.ActorAdvisor || req.State == center.StateReported
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
		if !p.ShowWords {
			p.Decline = declineLabels[req.DeclineReason]
		}
	}
	if req.ReferredTo != 0 {
		p.ReferredTo = n.of(req.ReferredTo)
		if party == center.ActorStudent {
			p.ReferredID = req.ReferredTo
		}
	}
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
	var student model.StudentProfile
	if party == center.ActorVolunteer {
		if p.About, student, err = s.aboutStudent(r, req); err != nil {
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
	// "Did it happen?" is asked once the meeting time has come.
	asked := (req.State == center.StateAccepted || req.State == center.StateHeld) && !req.MeetingAt.IsZero() && !now.Before(req.MeetingAt)
	for _, a := range set.Allowed(req, party, now) {
		f, ok, err := s.stepFormFor(r, a, req, party, student, loc)
		if err != nil {
			return nil, err
		}
		switch {
		case !ok:
		case asked && party != center.ActorAdvisor && slices.Contains([]center.Action{center.ActHeld, center.ActNoShow, center.ActCancel}, a):
			p.Outcome = append(p.Outcome, outcomeForm(f, party))
		default:
			p.Steps = append(p.Steps, f)
		}
	}
	if party == center.ActorStudent && (asked || req.State == center.StateHeld) {
		if p.WriteUp, err = s.Store.RequestConversation(ctx, req.ID); err != nil {
			return nil, err
		}
	}
	if err := s.feedbackView(r, p); err != nil {
		return nil, err
	}
	return p, nil
}

// declineLabels name the decline reasons, as the volunteer chooses them
// and as advisors read them (the kind, not the words).
var declineLabels = map[center.DeclineReason]string{center.DeclineNotMyField: "Not my field", center.DeclineNoTime: "No time this month",
	center.DeclineSuggest: "I’d suggest someone else", center.DeclineOwn: "In my own words"}

// outcomeForm words a step for the "Did it happen?" question.
func outcomeForm(f requestStepForm, party center.Actor) requestStepForm {
	switch f.Action {
	case center.ActHeld:
		f.Title, f.Hint = "Yes, it happened", ""
		if party == center.ActorStudent {
			f.Title = "Yes, we talked"
		}
	case center.ActNoShow:
		f.Hint = "We ask the student what happened."
	case center.ActCancel:
		f.Title, f.Hint = "I had to cancel", ""
		f.Text.Label, f.Text.Hint = "Why", "The student reads it."
	}
	return f
}

// requestFor reads the request of the address (loadRequest) and the
// center's rules, after the posted form for a POST; ok is false when the
// error page was served instead.
func (s *server) requestFor(w http.ResponseWriter, r *http.Request) (req center.Request, acct model.Account, party center.Actor, set center.Settings, ok bool) {
	var err error
	if r.Method == http.MethodPost {
		err = parseForm(w, r)
	}
	if err == nil {
		req, acct, party, err = s.loadRequest(r)
	}
	if err == nil {
		set, err = s.Store.CenterRules(r.Context())
	}
	if err != nil {
		s.pageError(w, r, err)
		return req, acct, party, set, false
	}
	return req, acct, party, set, true
}

// requestShow serves GET /requests/{id}.
func (s *server) requestShow(w http.ResponseWriter, r *http.Request) {
	req, _, party, set, ok := s.requestFor(w, r)
	if !ok {
		return
	}
	data, err := s.requestView(r, req, party, set)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "request", data)
}
