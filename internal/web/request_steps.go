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
)

// The steps on one request (requests.go draws the page): each is a plain
// form posting to /requests/{id}/step with its "action". What the reader
// typed wrong comes back next to the field, with everything typed kept
// (422); a step the request no longer allows, or a limit, above the form
// (409).

// requestStepForm is one step the reader may take on a request now, with
// what they typed when it was refused.
type requestStepForm struct {
	RequestID int64
	Post      string // where the form posts: the request's step, or an email link's page
	Action    center.Action
	Title     string // the button's words
	Hint      string
	Choice    *field // radios: one of the proposed times (accept)
	Time      *field // a time to write (accept, schedule, held without a time)
	Reason    *field // radios: the decline's reason
	Suggest   *field // the name with "I'd suggest someone else"
	Refer     *field // radios: colleagues in the directory
	Colleague *field // a colleague to find in the directory by name
	Text      *field // a question, an answer, a reason…; nil when the step takes none
	Problem   string // why the step was refused, when no field is to blame
	Primary   bool
}

// referChoices is how many colleagues in the request's field a referral
// offers before the volunteer searches by name.
const referChoices = 6

// stepFormFor is the form of one step, empty; ok is false for a step the
// page does not offer.
func (s *server) stepFormFor(r *http.Request, a center.Action, req center.Request, party center.Actor, student model.StudentProfile,
	loc *time.Location) (requestStepForm, bool, error) {
	id := "s-" + string(a)
	text := func(label, hint string) *field {
		return &field{ID: id + "-text", Name: "text", Label: label, Hint: hint, Rows: 3}
	}
	when := func(label string) *field {
		return &field{ID: id + "-time", Name: "time", Label: label, Type: "datetime-local"}
	}
	f := requestStepForm{RequestID: req.ID, Post: fmt.Sprintf("/requests/%d/step", req.ID), Action: a}
	switch a {
	case center.ActAccept:
		f.Title, f.Primary = "Accept", true
		if len(req.ProposedTimes) > 0 {
			f.Choice = &field{ID: "s-choice", Name: "choice", Label: "A time the student proposed"}
			for _, t := range req.ProposedTimes {
				f.Choice.Options = append(f.Choice.Options, option{t.UTC().Format(time.RFC3339), center.FormatTime(t, loc)})
			}
		}
		f.Time = when("Another time")
		f.Hint = "Choose one of the times proposed, or write another one; leave both empty to agree on a time later."
	case center.ActDecline:
		f.Title = "Decline"
		f.Reason = &field{ID: "s-reason", Name: "reason", Label: "Reason"}
		for _, d := range center.DeclineReasons() {
			f.Reason.Options = append(f.Reason.Options, option{string(d), declineLabels[d]})
		}
		f.Suggest = &field{ID: id + "-suggest", Name: "suggest", Label: "Who you suggest", Hint: "With “I’d suggest someone else”."}
		f.Text = text("Your own words", "With “in my own words”: the student reads them.")
	case center.ActRefer:
		f.Title = "Refer to a colleague"
		page, err := s.Store.Directory(r.Context(), model.DirectoryQuery{Field: req.Field, Available: true, PerPage: referChoices + 1}, student, s.now())
		if err != nil {
			return f, false, err
		}
		f.Refer = &field{ID: id + "-to", Name: "refer_to", Label: "Colleagues in " + req.Field + " with room this month",
			Options: colleagueOptions(page.Cards, req, referChoices)}
		f.Colleague = &field{ID: id + "-colleague", Name: "colleague", Label: "Or find a colleague by name", Autocomplete: "off",
			Hint: "A name, an employer or a role, as in the directory."}
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
		if !req.MeetingAt.IsZero() {
			f.Title = "Change the time"
		}
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
		f.Title, f.Primary = "Tell us what happened", true
		f.Hint = "Missed conversations and late cancellations put new requests on hold after a while; advisors read your words if yours are."
		f.Text = text("What happened", "")
	default:
		return f, false, nil
	}
	return f, true, nil
}

// colleagueOptions are the cards a request may be referred to, at most
// max: not its volunteer.
func colleagueOptions(cards []model.DirectoryCard, req center.Request, max int) []option {
	var out []option
	for _, c := range cards {
		if c.ID == req.VolunteerID || c.ID == req.StudentID || len(out) == max {
			continue
		}
		label := c.Name
		switch {
		case c.Title != "" && c.Employer != "":
			label += ", " + c.Title + " at " + c.Employer
		case c.Title != "" || c.Employer != "":
			label += ", " + c.Title + c.Employer
		}
		out = append(out, option{strconv.FormatInt(c.ID, 10), label})
	}
	return out
}

// requestStep serves POST /requests/{id}/step: one step (the form's
// "action") by the reader's side.
func (s *server) requestStep(w http.ResponseWriter, r *http.Request) {
	req, acct, party, set, ok := s.requestFor(w, r)
	if !ok {
		return
	}
	loc, err := s.Store.AccountTimeZone(r.Context(), s.ownerOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := r.PostForm
	st, problem, wrong := stepOfForm(v, req, party, s.now(), loc)
	var matches []option
	if st.Action == center.ActRefer && problem == "" {
		st.ReferTo, matches, problem, wrong, err = s.referee(r, req, v)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	status := http.StatusUnprocessableEntity
	if problem == "" {
		done, withdrawn, err := s.Store.StepRequest(r.Context(), set, req.ID, acct.ID, st)
		if err == nil {
			s.redirect(w, r, fmt.Sprintf("/requests/%d", req.ID), stepFlash(done, st.Action, len(withdrawn)))
			return
		}
		var ok bool
		if problem, wrong, status, ok = stepRefused(err, set, req, st); !ok {
			s.pageError(w, r, err)
			return
		}
	}
	data, err := s.requestView(r, req, party, set)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	found := false
	for _, forms := range [][]requestStepForm{data.Steps, data.Outcome} {
		for i := range forms {
			if f := &forms[i]; f.Action == st.Action {
				found = true
				f.keep(v, matches)
				f.blame(wrong, problem)
			}
		}
	}
	if !found {
		data.Flash, data.FlashError = problem, true
	}
	s.render(w, r, status, "request", data)
}

// stepOfForm reads a step of party's from a step's form: its action, its
// words, the decline's reason, the time chosen or written (in loc). A
// problem with what was typed comes back with the field to blame.
func stepOfForm(v url.Values, req center.Request, party center.Actor, now time.Time, loc *time.Location) (st center.Step, problem, wrong string) {
	st = center.Step{Action: center.Action(v.Get("action")), By: party, At: now, Text: v.Get("text"),
		DeclineReason: center.DeclineReason(v.Get("reason"))}
	if st.Action == center.ActDecline && st.DeclineReason == center.DeclineSuggest {
		st.Text = v.Get("suggest")
	}
	choice, other := strings.TrimSpace(v.Get("choice")), strings.TrimSpace(v.Get("time"))
	switch {
	case choice != "" && other != "":
		return st, "Choose one of the times the student proposed, or write another, not both.", "time"
	case choice != "":
		t, err := time.Parse(time.RFC3339, choice)
		if err != nil || !slices.ContainsFunc(req.ProposedTimes, t.Equal) {
			return st, "Choose one of the times the student proposed, or write another.", "choice"
		}
		st.MeetingAt = t
	case other != "":
		t, err := time.ParseInLocation("2006-01-02T15:04", other, loc)
		if err != nil {
			return st, fmt.Sprintf("%q is not a date and time; use the picker, or write it as 2026-03-05T14:30.", other), "time"
		}
		st.MeetingAt = t
	}
	return st, "", ""
}

// stepRefused words the store's refusal of step st: a limit, or a step
// the request no longer allows, above the form (409); what was typed,
// next to its field (422). ok is false for an error that is no refusal.
func stepRefused(err error, set center.Settings, req center.Request, st center.Step) (problem, wrong string, status int, ok bool) {
	var se *center.StepError
	var ref *center.Refusal
	switch {
	case errors.As(err, &ref):
		return err.Error(), "", http.StatusConflict, true
	case errors.As(err, &se):
		if !slices.Contains(set.Allowed(req, st.By, st.At), st.Action) {
			return err.Error(), "", http.StatusConflict, true // the request moved on: nothing typed is to blame
		}
		return err.Error(), stepBlame(st), http.StatusUnprocessableEntity, true
	case model.AsErrors(err) != nil:
		return sentence(model.AsErrors(err)[0].Message), "", http.StatusUnprocessableEntity, true
	}
	return "", "", 0, false
}

// keep puts back what was typed in the step's form, and the colleagues a
// name matched in place of the ones offered first.
func (f *requestStepForm) keep(v url.Values, matches []option) {
	for _, fl := range []*field{f.Choice, f.Time, f.Reason, f.Suggest, f.Refer, f.Colleague, f.Text} {
		if fl != nil {
			fl.Value = v.Get(fl.Name)
		}
	}
	if f.Time != nil && f.Time.Value != "" {
		f.Time.Type = "text" // a browser's picker would empty what it cannot read
	}
	if f.Refer != nil && len(matches) > 0 {
		f.Refer.Label, f.Refer.Options = "Colleagues who match", matches
	}
}

// blame shows the problem next to the field named wrong, or above the
// form when no field is.
func (f *requestStepForm) blame(wrong, problem string) {
	if wrong == "refer_to" && f.Refer != nil && len(f.Refer.Options) == 0 {
		wrong = "colleague" // no colleague was offered: the search is to blame
	}
	for _, fl := range []*field{f.Choice, f.Time, f.Reason, f.Suggest, f.Refer, f.Colleague, f.Text} {
		if fl != nil && fl.Name == wrong {
			fl.Error = problem
			return
		}
	}
	f.Problem = problem
}

// stepBlame names the field a step's input refusal (center's checkInput)
// is about.
func stepBlame(st center.Step) string {
	switch st.Action {
	case center.ActDecline:
		switch st.DeclineReason {
		case center.DeclineSuggest:
			return "suggest"
		case center.DeclineOwn:
			return "text"
		}
		return "reason"
	case center.ActRefer:
		return "refer_to"
	case center.ActAccept, center.ActSchedule, center.ActHeld:
		return "time"
	}
	return "text"
}

// referee finds the colleague a referral names: one chosen among those
// offered, or found by name in the directory. Only a colleague who can
// take the request now is referred to (the directory's "has room this
// month": not taking a break, room left, not full for now); one who
// cannot is refused next to the field. Several matches come back as
// choices, with a problem to choose one.
func (s *server) referee(r *http.Request, req center.Request, v url.Values) (id int64, matches []option, problem, wrong string, err error) {
	if raw := strings.TrimSpace(v.Get("refer_to")); raw != "" {
		id, perr := strconv.ParseInt(raw, 10, 64)
		if perr == nil {
			card, found, err := s.Store.DirectoryCard(r.Context(), id, model.StudentProfile{}, s.now())
			switch {
			case err != nil:
				return 0, nil, "", "", err
			case found && id != req.VolunteerID && !card.HasRoom:
				return 0, nil, noRoomToRefer(card), "refer_to", nil
			case found && id != req.VolunteerID:
				return id, nil, "", "", nil
			}
		}
		return 0, nil, "Choose a colleague from the list: they must be in the directory.", "refer_to", nil
	}
	name := strings.TrimSpace(v.Get("colleague"))
	if name == "" {
		return 0, nil, "Choose the colleague to refer the student to, or find one by name.", "refer_to", nil
	}
	search := func(available bool) ([]option, error) {
		page, err := s.Store.Directory(r.Context(), model.DirectoryQuery{Text: name, Available: available, PerPage: referChoices + 1}, model.StudentProfile{}, s.now())
		return colleagueOptions(page.Cards, req, referChoices), err
	}
	if matches, err = search(true); err != nil {
		return 0, nil, "", "", err
	}
	switch len(matches) {
	case 0:
		anyone, err := search(false)
		if err != nil || len(anyone) > 0 {
			return 0, nil, fmt.Sprintf("Nobody who matches “%s” can take a request now: they have no room this month or are taking a break. Choose a colleague with room.", name), "colleague", err
		}
		return 0, nil, fmt.Sprintf("Nobody else in the directory matches “%s”; try a surname or an employer.", name), "colleague", nil
	case 1:
		id, _ := strconv.ParseInt(matches[0].Value, 10, 64)
		return id, nil, "", "", nil
	}
	return 0, matches, fmt.Sprintf("Several colleagues match “%s”: choose one.", name), "refer_to", nil
}

// noRoomToRefer says why a colleague chosen for a referral cannot take
// the request now.
func noRoomToRefer(c model.DirectoryCard) string {
	if c.Paused {
		return fmt.Sprintf("%s is taking a break: choose a colleague who can take the request now.", c.Name)
	}
	return fmt.Sprintf("%s has no room for a request now: choose a colleague who can take it.", c.Name)
}

// stepFlash says what a step did.
func stepFlash(r center.Request, a center.Action, withdrawn int) string {
	switch a {
	case center.ActAccept:
		msg := "Accepted: you now see each other’s contact details."
		switch {
		case withdrawn == 1:
			msg += " The student’s other request in this field was withdrawn."
		case withdrawn > 1:
			msg += " The student’s " + strconv.Itoa(withdrawn) + " other requests in this field were withdrawn."
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
		if r.LateCancel {
			return "Cancelled. Less than a day before the meeting, it counts as a late cancellation: please tell us below what happened."
		}
		return "Cancelled; the other side is told."
	case center.ActSchedule:
		return "The time is set."
	case center.ActHeld:
		return "Marked as held. Thank you."
	case center.ActNoShow:
		return "Marked as a no-show; we ask the student what happened."
	case center.ActExplain:
		return "Thank you for explaining."
	}
	return "Done."
}
