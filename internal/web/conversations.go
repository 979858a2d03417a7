package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
)

// mainPath is the lifecycle's usual road, drawn as the stepper.
var mainPath = []model.State{model.StateIdea, model.StateRequested, model.StateFollowedUp, model.StateScheduled,
	model.StateConfirmed, model.StateHeld, model.StateThanked, model.StateReportedBack, model.StateKeepingInTouch}

// stepVerb is the button that takes a step.
func stepVerb(st model.State) string {
	switch st {
	case model.StateRequested:
		return "Request sent"
	case model.StateFollowedUp:
		return "Followed up"
	case model.StateScheduled:
		return "Schedule"
	case model.StateConfirmed:
		return "Confirmed"
	case model.StateHeld:
		return "Held"
	case model.StateThanked:
		return "Thank-you sent"
	case model.StateReportedBack:
		return "Reported back"
	case model.StateKeepingInTouch:
		return "Keeping in touch"
	case model.StateDeclined:
		return "They declined"
	case model.StateNoReply:
		return "No reply: close it"
	case model.StateCancelled:
		return "Cancelled"
	}
	return st.Label()
}

func channelLabel(c model.Channel) string {
	if c == model.ChannelInPerson {
		return "in person"
	}
	return string(c)
}

type stepperItem struct {
	State   model.State
	Done    bool
	Current bool
}

type stepButton struct {
	To    model.State
	Label string
	Close bool // ends the conversation: asked on the step's own page first
}

type checkItem struct {
	Text string
	Done bool
}

type convoPage struct {
	page
	C         *model.Conversation
	Person    *model.Person
	Notes     template.HTML
	Stepper   []stepperItem
	Steps     []stepButton
	Schedule  bool // scheduling is among the next steps
	Check     string
	Checklist []checkItem
	Timeline  []model.TimelineItem
}

func (s *server) convoShow(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	st, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := sc.Conversation(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := sc.Person(ctx, c.Person.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	tl, err := sc.Timeline(ctx, p.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &convoPage{page: s.newPage("people", loc), C: c, Person: p, Notes: s.ui.md.render(c.Notes)}
	for _, it := range tl {
		if it.ConversationID == c.ID {
			data.Timeline = append(data.Timeline, it)
		}
	}
	reached := map[model.State]bool{}
	for _, e := range c.Events {
		reached[e.Step] = true
	}
	for _, stt := range mainPath {
		data.Stepper = append(data.Stepper, stepperItem{State: stt, Done: reached[stt] && stt != c.State, Current: stt == c.State})
	}
	switch c.State {
	case model.StateDeclined, model.StateNoReply, model.StateCancelled:
		data.Stepper = append(data.Stepper, stepperItem{State: c.State, Current: true})
	}
	for _, next := range method.Allowed(c.State, c.FollowUps) {
		if next == model.StateScheduled {
			data.Schedule = true
			continue
		}
		closes := next == model.StateDeclined || next == model.StateNoReply || next == model.StateCancelled
		data.Steps = append(data.Steps, stepButton{To: next, Label: stepVerb(next), Close: closes})
	}
	data.Check, data.Checklist = checklist(c, p, st, s.now(), loc)
	s.render(w, r, http.StatusOK, "conversation", data)
}

// checklist is the method's list for the conversation's current stage,
// with what Ally knows to be done ticked.
func checklist(c *model.Conversation, p *model.Person, st method.Settings, now time.Time, loc *time.Location) (string, []checkItem) {
	referrer := ""
	if p.ReferredBy != nil {
		referrer = p.ReferredBy.Name
	}
	switch c.State {
	case model.StateIdea:
		items := []checkItem{
			{Text: "Look up the field, the organization and " + p.Name + ", so that your questions go beyond what is easy to find."},
			{Text: "Name your connection in the first line: who referred you, or what you have in common.", Done: referrer != "" || p.Commonality != ""},
			{Text: "Keep the request under 100 words: who you are, that you want to learn about their work (not a job), and a question."},
			{Text: fmt.Sprintf("Ask for %d minutes at their convenience, and offer a phone call instead.", c.Minutes)},
		}
		if referrer != "" {
			items[1].Text = "Start with the referral: “" + referrer + " suggested I contact you”."
		}
		return "Before you ask", items
	case model.StateRequested, model.StateFollowedUp:
		return "While you wait", []checkItem{
			{Text: fmt.Sprintf("No reply after %d business days? Ask someone else in the same field, in parallel.", st.ContactAnotherBusinessDays)},
			{Text: fmt.Sprintf("After %d business days, send one short, polite follow-up.", st.FollowUpBusinessDays), Done: c.FollowUps > 0},
			{Text: fmt.Sprintf("Never more than %d follow-ups; then close it kindly.", method.MaxFollowUps)},
		}
	case model.StateScheduled, model.StateConfirmed:
		return "Before the meeting", []checkItem{
			{Text: "Research done: the field, the organization and the person.", Done: c.Prepared},
			{Text: "Open questions ready, grouped by topic, ending with who else to talk to.", Done: c.Prepared},
			{Text: "Practice run: say your opening out loud to a friend, and have a short answer ready for “Tell me about yourself”."},
			{Text: fmt.Sprintf("Confirm about %d hours before.", st.ConfirmHours), Done: c.State == model.StateConfirmed},
			{Text: "Arrive about 15 minutes early; dress one step below interview clothes, or as they do."},
			{Text: "Bring paper, your contact details, and a resume to show only if they ask."},
			{Text: fmt.Sprintf("Stay within the %d minutes you asked for, unless they offer more.", c.Minutes)},
			{Text: "You invited, so you pay for the coffee."},
		}
	case model.StateHeld, model.StateThanked, model.StateReportedBack, model.StateKeepingInTouch:
		// The thank-you and the report to the referrer are independent:
		// each shows as done or due, whichever came first; once thanked,
		// what is left is the report (if due) and keeping the relationship.
		thanked := c.State == model.StateKeepingInTouch || method.TookSinceHeld(c, model.StateThanked)
		reported := method.TookSinceHeld(c, model.StateReportedBack)
		if thanked {
			items := []checkItem{
				{Text: "Thank-you sent.", Done: true},
				{Text: fmt.Sprintf("Keep in touch every %d days or so: an article, an update on what you did with their advice.", st.KeepInTouchFor(p.Tags))},
				{Text: "Only if you pursue the field, a short note with your resume may follow, much later."},
			}
			if method.ThankedLate(c, st) {
				items[0].Text = fmt.Sprintf("Thank-you sent, though later than the %d hours the method asks for: next time, send it the same day.", st.ThankHours)
			}
			if referrer != "" {
				items = append(items[:1], append([]checkItem{{Text: "Told " + referrer + " how it went.", Done: reported}}, items[1:]...)...)
			}
			return "Keeping the relationship", items
		}
		items := []checkItem{
			{Text: fmt.Sprintf("Write your notes up within %s: terms, names, the skill words they used.", plural(st.WriteNotesHours, "hour", "hours")), Done: c.Notes != ""},
			{Text: fmt.Sprintf("Send a thank-you within %d hours, even if it helped little.", st.ThankHours), Done: thanked},
			{Text: "Add the people they suggested, and note whether you may use their name."},
		}
		if referrer != "" {
			items = append(items, checkItem{Text: fmt.Sprintf("Tell %s, who referred you, how it went (within %s).", referrer, plural(st.ReportBackDays, "day", "days")),
				Done: reported})
		}
		return "After the meeting", items
	case model.StateDeclined, model.StateNoReply, model.StateCancelled:
		return "Next", []checkItem{
			{Text: "Thank them for their time anyway; a kind close keeps the door open."},
			{Text: "Ask someone else in the same field: one or two voices can mislead anyway."},
		}
	}
	return "", nil
}

// convoPrepared ticks "research done and questions ready" in one click.
func (s *server) convoPrepared(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := sc.Conversation(r.Context(), id)
	if err == nil {
		c.Prepared = true
		err = sc.UpdateConversation(r.Context(), c, s.now())
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, fmt.Sprintf("/conversations/%d", id), "Prepared for "+c.Person.Name+": research done, questions ready.")
}

// Add and edit.

type convoFormPage struct {
	page
	Title, Action, Cancel, Submit string
	Form                          *form
	Fields                        []fieldChoice
	PersonID                      int64
	New                           bool
	// Keep, when set, offers to keep anyway a long ask (over 30 minutes)
	// the user was just warned about.
	Keep *method.Caution
}

type convoFormInput struct {
	c        model.Conversation
	person   string
	fieldIDs []int64
	minutes  string
	useful   string
}

func convoForm(in convoFormInput, isNew bool) *form {
	f := newForm()
	if isNew {
		f.add("person", "With", in.person).required().auto("off").hint("Their name. Someone new is added to your people.")
	}
	channels := []option{}
	for _, ch := range model.Channels() {
		channels = append(channels, option{string(ch), channelLabel(ch)})
	}
	f.add("fields", "Fields", "")
	f.add("channel", "How", string(in.c.Channel)).options(channels)
	f.add("minutes", "Minutes asked for", in.minutes).kind("number").hint("15–20 is typical; 30 at most for a first request.")
	f.add("place", "Place or link", in.c.Place).auto("off")
	f.add("who_pays", "Who pays", in.c.WhoPays).hint("Whoever invites pays for the coffee.").auto("off")
	if !isNew {
		f.add("prepared", "Prepared: research done and questions ready", "on").checked(in.c.Prepared)
		f.add("summary", "Summary", in.c.Summary).hint("One or two sentences: what you learned.")
		f.add("usefulness", "How useful was it?", in.useful).options([]option{{"", "Not rated"}, {"1", "1 — little"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {"5", "5 — very"}})
	}
	f.add("notes", "Notes", in.c.Notes).rows(10).hint("Special points, terms to look up, names mentioned, skill words. Markdown works.")
	return f
}

func (s *server) renderConvoForm(w http.ResponseWriter, r *http.Request, status int, data *convoFormPage, in convoFormInput) {
	ctx := r.Context()
	sc := s.scope(r)
	opts, err := s.fieldOptions(ctx, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	checked := map[int64]bool{}
	for _, id := range in.fieldIDs {
		checked[id] = true
	}
	for _, o := range opts {
		id, _ := strconv.ParseInt(o.Value, 10, 64)
		data.Fields = append(data.Fields, fieldChoice{ID: id, Name: o.Label, Checked: checked[id]})
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data.page = s.newPage("people", loc)
	s.render(w, r, status, "conversation_form", data)
}

func (s *server) convoNew(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	q := r.URL.Query()
	in := convoFormInput{c: model.Conversation{Channel: model.ChannelInPerson}, minutes: strconv.Itoa(model.DefaultMinutes)}
	data := &convoFormPage{Title: "Plan a conversation", Action: "/conversations", Cancel: "/", Submit: "Save the idea", New: true}
	if id, err := strconv.ParseInt(q.Get("person"), 10, 64); err == nil {
		p, err := sc.Person(r.Context(), id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		in.person, data.PersonID, data.Cancel = p.Name, p.ID, fmt.Sprintf("/people/%d", p.ID)
		data.Title = "Plan a conversation with " + p.Name
		for _, f := range p.Fields {
			in.fieldIDs = append(in.fieldIDs, f.ID)
		}
	}
	if id, err := strconv.ParseInt(q.Get("field"), 10, 64); err == nil {
		in.fieldIDs = append(in.fieldIDs, id)
	}
	data.Form = convoForm(in, true)
	s.renderConvoForm(w, r, http.StatusOK, data, in)
}

func (s *server) convoEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := s.scope(r).Conversation(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in := convoFormInput{c: *c, minutes: strconv.Itoa(c.Minutes), useful: ratingText(c.Usefulness)}
	for _, f := range c.Fields {
		in.fieldIDs = append(in.fieldIDs, f.ID)
	}
	url := fmt.Sprintf("/conversations/%d", id)
	s.renderConvoForm(w, r, http.StatusOK, &convoFormPage{Title: "Edit the conversation with " + c.Person.Name, Action: url,
		Cancel: url, Submit: "Save changes", Form: convoForm(in, false)}, in)
}

func readConvo(r *http.Request) convoFormInput {
	v := r.PostForm
	in := convoFormInput{c: model.Conversation{Channel: model.Channel(v.Get("channel")), Place: v.Get("place"), WhoPays: v.Get("who_pays"),
		Notes: strings.ReplaceAll(v.Get("notes"), "\r\n", "\n"), Summary: v.Get("summary"), Prepared: v.Get("prepared") != ""},
		person: strings.TrimSpace(v.Get("person")), minutes: v.Get("minutes"), useful: v.Get("usefulness")}
	for _, raw := range v["field"] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil && id > 0 {
			in.fieldIDs = append(in.fieldIDs, id)
			in.c.Fields = append(in.c.Fields, model.Ref{ID: id})
		}
	}
	return in
}

func (s *server) convoCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	sc := s.scope(r)
	ctx := r.Context()
	now := s.now()
	in := readConvo(r)
	f := convoForm(in, true)
	in.c.Minutes = f.intValue("minutes", model.DefaultMinutes)
	personID, _ := strconv.ParseInt(r.PostFormValue("person_id"), 10, 64)
	if in.person == "" {
		f.invalid("person", "is required")
	}
	keep := keepAnyway(f, method.MinutesCaution(in.c.Minutes), r.PostForm)
	created := false
	var err error
	if f.ok() {
		err = sc.InTx(ctx, func(tx *store.Scope) error {
			if personID != 0 {
				if p, err := tx.Person(ctx, personID); err == nil && strings.EqualFold(p.Name, in.person) {
					in.c.Person = model.Ref{ID: p.ID, Name: p.Name}
				}
			}
			if in.c.Person.ID == 0 {
				id, name, err := tx.ResolvePerson(ctx, in.person)
				if errors.Is(err, store.ErrNotFound) {
					var ref model.Ref
					ref, created, err = tx.EnsurePerson(ctx, in.person, now)
					id, name = ref.ID, ref.Name
				}
				if err != nil {
					return reField("person", err)
				}
				in.c.Person = model.Ref{ID: id, Name: name}
			}
			return tx.CreateConversation(ctx, &in.c, now)
		})
		if err == nil {
			msg := "Planned a conversation with " + in.c.Person.Name + "."
			if created {
				msg = "Added " + in.c.Person.Name + " to your people and planned a conversation."
			}
			s.redirect(w, r, fmt.Sprintf("/conversations/%d", in.c.ID), msg+" Log the request once you have sent it.")
			return
		}
		var amb *store.AmbiguousError
		if errors.As(err, &amb) {
			err = model.Invalid("person", "%v", err)
		}
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
	}
	s.renderConvoForm(w, r, http.StatusUnprocessableEntity, &convoFormPage{Title: "Plan a conversation", Action: "/conversations",
		Cancel: "/", Submit: "Save the idea", Form: f, PersonID: personID, New: true, Keep: keep}, in)
}

func (s *server) convoUpdate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	sc := s.scope(r)
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	old, err := sc.Conversation(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in := readConvo(r)
	in.c.ID = id
	f := convoForm(in, false)
	in.c.Minutes = f.intValue("minutes", old.Minutes)
	in.c.Usefulness = f.usefulnessValue()
	if f.ok() {
		if err = sc.UpdateConversation(r.Context(), &in.c, s.now()); err == nil {
			s.redirect(w, r, fmt.Sprintf("/conversations/%d", id), "Saved the conversation with "+old.Person.Name+".")
			return
		}
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
	}
	url := fmt.Sprintf("/conversations/%d", id)
	s.renderConvoForm(w, r, http.StatusUnprocessableEntity, &convoFormPage{Title: "Edit the conversation with " + old.Person.Name,
		Action: url, Cancel: url, Submit: "Save changes", Form: f}, in)
}

func (s *server) convoDeleteConfirm(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := sc.Conversation(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "confirm", &confirmPage{page: s.newPage("people", loc),
		Title:  "Delete the conversation with " + c.Person.Name + "?",
		Intro:  "This removes the conversation, its " + plural(len(c.Events), "lifecycle step", "lifecycle steps") + " and its notes. It cannot be undone.",
		Action: fmt.Sprintf("/conversations/%d/delete", id), Button: "Delete the conversation", Cancel: fmt.Sprintf("/conversations/%d", id)})
}

func (s *server) convoDelete(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := sc.Conversation(r.Context(), id)
	if err == nil {
		err = sc.DeleteConversation(r.Context(), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, fmt.Sprintf("/people/%d", c.Person.ID), "Deleted the conversation with "+c.Person.Name+".")
}

// Lifecycle steps.

type stepFormPage struct {
	page
	C      *model.Conversation
	To     model.State
	Verb   string
	Form   *form
	Back   string
	Action string
	// Late is set when the step cancels a meeting less than a day away:
	// the method's advice and a message to adapt.
	Late *lateCancelView
}

type lateCancelView struct{ Advice, Note string }

// lateCancel is the advice shown when to cancels c's meeting late, or nil.
func lateCancel(c *model.Conversation, to model.State, st method.Settings, now time.Time) *lateCancelView {
	if to != model.StateCancelled || c.MeetingAt == nil || (c.State != model.StateScheduled && c.State != model.StateConfirmed) ||
		!method.CancelIsLate(*c.MeetingAt, now) {
		return nil
	}
	return &lateCancelView{Advice: outreach.LateCancelAdvice,
		Note: outreach.LateCancelNote(c.Person.Name, outreach.MeetingTime(*c.MeetingAt, st.Location()), st.UserName)}
}

func stepForm(to model.State, at, meeting, note string) *form {
	f := newForm()
	f.add("at", "When did it happen?", at).kind("datetime-local").hint("Leave empty for now; pick an earlier time to log it late.")
	if to == model.StateScheduled {
		f.add("meeting_at", "Meeting date and time", meeting).kind("datetime-local").required()
	}
	f.add("note", "Note", note).rows(3)
	return f
}

func (s *server) stepFormShow(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := sc.Conversation(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	st, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	to := model.State(r.URL.Query().Get("to"))
	if !to.Valid() {
		s.pageError(w, r, &store.NotFoundError{Kind: "lifecycle step", Key: string(to)})
		return
	}
	f := stepForm(to, "", "", "")
	if err := method.CheckStep(c, method.Step{To: to, At: s.now(), MeetingAt: s.now()}, s.now()); err != nil {
		var se *method.StepError
		if errors.As(err, &se) && se.Reason == "" {
			f.Problem = sentence(err.Error())
		}
	}
	s.render(w, r, http.StatusOK, "step_form", &stepFormPage{page: s.newPage("people", loc), C: c, To: to, Verb: stepVerb(to), Form: f,
		Back: backTo(r, fmt.Sprintf("/conversations/%d", id)), Action: fmt.Sprintf("/conversations/%d/steps", id),
		Late: lateCancel(c, to, st, s.now())})
}

// stepCreate records a lifecycle step: from a button on the conversation
// page (now), from the step form (any earlier time), or from the agenda.
func (s *server) stepCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	sc := s.scope(r)
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := r.PostForm
	now := s.now()
	to := model.State(v.Get("to"))
	f := stepForm(to, v.Get("at"), v.Get("meeting_at"), v.Get("note"))
	st := method.Step{To: to}
	st.At = f.timeValue("at", now, loc, now)
	if to == model.StateScheduled {
		if strings.TrimSpace(v.Get("meeting_at")) == "" {
			f.invalid("meeting_at", "is required to schedule")
		} else {
			st.MeetingAt = f.timeValue("meeting_at", now, loc, time.Time{})
		}
	}
	back := backTo(r, fmt.Sprintf("/conversations/%d", id))
	if f.ok() {
		c, err := sc.Step(r.Context(), id, st, strings.ReplaceAll(v.Get("note"), "\r\n", "\n"), now)
		if err == nil {
			msg := fmt.Sprintf("Logged: %s, %s.", c.Person.Name, to.Label())
			if to == model.StateScheduled {
				msg = fmt.Sprintf("Scheduled with %s for %s.", c.Person.Name, formatTime(st.MeetingAt, loc))
			}
			s.redirect(w, r, back, msg)
			return
		}
		var se *method.StepError
		switch {
		case errors.As(err, &se) && strings.Contains(se.Reason, "step time"):
			f.invalid("at", se.Reason)
		case !f.fail(err):
			s.pageError(w, r, err)
			return
		}
	}
	c, err := sc.Conversation(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusUnprocessableEntity, "step_form", &stepFormPage{page: s.newPage("people", loc), C: c, To: to,
		Verb: stepVerb(to), Form: f, Back: back, Action: fmt.Sprintf("/conversations/%d/steps", id)})
}
