package method

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// ActionKind is one kind of next action the method calls for.
type ActionKind string

// The next actions, in the order the method meets them.
const (
	ActContactAnother  ActionKind = "contact_another"
	ActFollowUp        ActionKind = "follow_up"
	ActMarkNoReply     ActionKind = "mark_no_reply"
	ActConfirm         ActionKind = "confirm"
	ActPrepare         ActionKind = "prepare"
	ActWriteNotes      ActionKind = "write_notes"
	ActThank           ActionKind = "thank"
	ActReportBack      ActionKind = "report_back"
	ActKeepInTouch     ActionKind = "keep_in_touch"
	ActFindPerspective ActionKind = "find_perspective"
	ActReachOut        ActionKind = "reach_out"
)

// ActionKinds lists every action kind.
func ActionKinds() []ActionKind {
	return []ActionKind{ActContactAnother, ActFollowUp, ActMarkNoReply, ActConfirm,
		ActPrepare, ActWriteNotes, ActThank, ActReportBack, ActKeepInTouch, ActFindPerspective, ActReachOut}
}

// Label is the action in a few plain words.
func (k ActionKind) Label() string {
	switch k {
	case ActContactAnother:
		return "Contact someone else"
	case ActFollowUp:
		return "Send a follow-up"
	case ActMarkNoReply:
		return "Close as no reply"
	case ActConfirm:
		return "Confirm the meeting"
	case ActPrepare:
		return "Prepare"
	case ActWriteNotes:
		return "Write up your notes"
	case ActThank:
		return "Send a thank-you"
	case ActReportBack:
		return "Report back to the referrer"
	case ActKeepInTouch:
		return "Keep in touch"
	case ActFindPerspective:
		return "Find another perspective"
	case ActReachOut:
		return "Write to someone new"
	}
	return string(k)
}

// Action is one entry of the agenda.
type Action struct {
	ID             string     `json:"id"`
	Kind           ActionKind `json:"kind"`
	Due            time.Time  `json:"due"`
	Overdue        bool       `json:"overdue"`
	Person         string     `json:"person,omitempty"`
	PersonID       int64      `json:"person_id,omitempty"`
	ConversationID int64      `json:"conversation_id,omitempty"`
	Field          string     `json:"field,omitempty"`
	FieldID        int64      `json:"field_id,omitempty"`
	Referrer       string     `json:"referrer,omitempty"`
	ReferrerID     int64      `json:"referrer_id,omitempty"`
	Reason         string     `json:"reason"`
	SnoozedUntil   *time.Time `json:"snoozed_until,omitempty"`
}

// ActionID names an action: its kind and the record it is about, e.g.
// "thank-c42", "keep_in_touch-p7", "find_perspective-f3".
func ActionID(kind ActionKind, prefix byte, id int64) string {
	return string(kind) + "-" + string(prefix) + strconv.FormatInt(id, 10)
}

// ParseActionID splits an action id into its kind, record prefix and record id.
func ParseActionID(s string) (ActionKind, byte, int64, error) {
	i := strings.LastIndexByte(s, '-')
	bad := model.Invalid("action", "%q is not an action id (like thank-c42, as the agenda lists them)", s)
	if i < 0 || i+2 >= len(s)+1 || len(s)-i < 3 {
		return "", 0, 0, bad
	}
	kind := ActionKind(s[:i])
	known := false
	for _, k := range ActionKinds() {
		known = known || k == kind
	}
	prefix := s[i+1]
	id, err := strconv.ParseInt(s[i+2:], 10, 64)
	if !known || err != nil || id <= 0 || (prefix != 'c' && prefix != 'p' && prefix != 'f') {
		return "", 0, 0, bad
	}
	return kind, prefix, id, nil
}

// ConvoFacts is what the agenda needs to know of one conversation.
type ConvoFacts struct {
	ID           int64
	PersonID     int64
	Person       string
	ReferrerID   int64
	Referrer     string
	Fields       []model.Ref
	State        model.State
	StateAt      time.Time
	RequestedAt  time.Time
	FollowedUpAt time.Time
	MeetingAt    time.Time
	HeldAt       time.Time
	Prepared     bool
	HasNotes     bool
	LastReplyAt  time.Time // the person's last reply_received activity
	// Thanked and ReportedBack say whether the thank-you and the report
	// to the referrer were logged since the meeting: they are independent
	// steps, so the state alone does not tell.
	Thanked, ReportedBack bool
}

// PersonFacts is what the agenda needs to know of a person to keep in touch with.
type PersonFacts struct {
	ID        int64
	Name      string
	Tags      []string
	LastTouch time.Time // last activity or lifecycle step of any kind
	// AdviceUpdate says a conversation with them was thanked (or reported
	// back) and not yet followed by a keep-in-touch note: the first note
	// tells them what the user did with their advice.
	AdviceUpdate bool
}

// FieldFacts is what the agenda needs to know of a field.
type FieldFacts struct {
	ID        int64
	Name      string
	Target    int
	Held      int // conversations held (or later)
	Booked    int // scheduled or confirmed
	CreatedAt time.Time
}

// Mark records that the user marked an action done or snoozed it. A mark
// applies only to the occurrence it was made for (same due time): when the
// underlying dates move, the action comes back.
type Mark struct {
	Due          time.Time
	Done         bool
	SnoozedUntil time.Time
}

// AgendaInput is everything the agenda is computed from.
type AgendaInput struct {
	Now      time.Time
	Settings Settings
	Convos   []ConvoFacts
	People   []PersonFacts // people with a conversation thanked or later
	Fields   []FieldFacts
	Marks    map[string]Mark
	// LastRequestInField is the latest request made in each field, across
	// every conversation (also those that moved on or closed). When nil it
	// is computed from Convos.
	LastRequestInField map[int64]time.Time
	// ReachOut are the people not yet asked for a conversation (see
	// ReachOutFacts).
	ReachOut []ReachOutFacts
}

// Pending is one action as the method's rules derive it from one record's
// facts, before the user's marks and the clock decide whether and how it
// shows. Each rule reads one conversation, person or field (and, for
// contact_another, the latest request in its fields), so a store can keep
// the pending actions and derive again only those of the records a write
// touched.
type Pending struct {
	Kind           ActionKind
	ID             string
	Due            time.Time
	Person         string
	PersonID       int64
	ConversationID int64
	Field          string
	FieldID        int64
	Referrer       string
	ReferrerID     int64
	// Since is the date the reason speaks of (requested, followed up, the
	// meeting, held, last in touch); N are the numbers it quotes, so the
	// reason can be written at any later time ("yesterday 10:30").
	Since time.Time
	N     [3]int
}

// Standing reports whether the action is a standing goal rather than a
// dated step: it is never overdue and goes after the dated actions.
func (k ActionKind) Standing() bool { return k == ActFindPerspective }

// ConvoActions derives a conversation's pending actions. lastRequestInField
// is the latest request made in each of its fields, across every
// conversation.
func ConvoActions(c ConvoFacts, lastRequestInField map[int64]time.Time, s Settings) []Pending {
	loc := s.Location()
	var out []Pending
	base := Pending{Person: c.Person, PersonID: c.PersonID, ConversationID: c.ID}
	if len(c.Fields) > 0 {
		base.Field, base.FieldID = c.Fields[0].Name, c.Fields[0].ID
	}
	add := func(kind ActionKind, due, since time.Time, n int) {
		a := base
		a.Kind, a.ID, a.Due, a.Since, a.N[0] = kind, ActionID(kind, 'c', c.ID), due, since, n
		out = append(out, a)
	}
	replied := !c.LastReplyAt.IsZero() && !c.LastReplyAt.Before(c.RequestedAt)
	switch c.State {
	case model.StateRequested:
		if replied {
			break
		}
		if !anotherRequested(c, lastRequestInField) {
			add(ActContactAnother, AddBusinessDays(c.RequestedAt, s.ContactAnotherBusinessDays, loc), c.RequestedAt, s.ContactAnotherBusinessDays)
		}
		add(ActFollowUp, AddBusinessDays(c.RequestedAt, s.FollowUpBusinessDays, loc), c.RequestedAt, s.FollowUpBusinessDays)
	case model.StateFollowedUp:
		if !c.LastReplyAt.IsZero() && !c.LastReplyAt.Before(c.FollowedUpAt) {
			break
		}
		add(ActMarkNoReply, AddBusinessDays(c.FollowedUpAt, s.NoReplyBusinessDays, loc), c.FollowedUpAt, s.NoReplyBusinessDays)
	case model.StateScheduled, model.StateConfirmed:
		if c.MeetingAt.IsZero() {
			break
		}
		// Confirming and preparing are work-day tasks: one that would fall
		// at the weekend moves to the Friday before.
		if c.State == model.StateScheduled {
			add(ActConfirm, OnBusinessDayOrBefore(c.MeetingAt.Add(-time.Duration(s.ConfirmHours)*time.Hour), loc), c.MeetingAt, s.ConfirmHours)
		}
		if !c.Prepared {
			add(ActPrepare, OnBusinessDayOrBefore(c.MeetingAt.Add(-time.Duration(s.PrepareHours)*time.Hour), loc), c.MeetingAt, 0)
		}
	}
	if c.State == model.StateHeld && !c.HasNotes {
		add(ActWriteNotes, c.HeldAt.Add(time.Duration(s.WriteNotesHours)*time.Hour), c.HeldAt, 0)
	}
	afterMeeting := c.State == model.StateHeld || c.State == model.StateThanked || c.State == model.StateReportedBack
	if afterMeeting && !c.Thanked && c.State != model.StateThanked {
		add(ActThank, c.HeldAt.Add(time.Duration(s.ThankHours)*time.Hour), c.HeldAt, s.ThankHours)
	}
	if afterMeeting && !c.ReportedBack && c.State != model.StateReportedBack && c.ReferrerID != 0 {
		add(ActReportBack, AddDays(c.HeldAt, s.ReportBackDays, loc), c.HeldAt, 0)
		out[len(out)-1].Referrer, out[len(out)-1].ReferrerID = c.Referrer, c.ReferrerID
	}
	return out
}

// PersonActions derives the keep-in-touch action of a person the user has
// thanked (or more).
func PersonActions(p PersonFacts, s Settings) []Pending {
	if p.LastTouch.IsZero() {
		return nil
	}
	days := s.KeepInTouchFor(p.Tags)
	advice := 0
	if p.AdviceUpdate {
		advice = 1
	}
	return []Pending{{Kind: ActKeepInTouch, ID: ActionID(ActKeepInTouch, 'p', p.ID), Person: p.Name, PersonID: p.ID,
		Due: AddDays(p.LastTouch, days, s.Location()), Since: p.LastTouch, N: [3]int{days, advice}}}
}

// FieldActions derives a field's standing goal: enough perspectives.
func FieldActions(f FieldFacts, s Settings) []Pending {
	target := f.Target
	if target <= 0 {
		target = s.TargetPerspectives
	}
	if f.Held+f.Booked >= target {
		return nil
	}
	return []Pending{{Kind: ActFindPerspective, ID: ActionID(ActFindPerspective, 'f', f.ID), Field: f.Name, FieldID: f.ID,
		Due: f.CreatedAt, N: [3]int{f.Held, target, f.Booked}}}
}

// Applies reports whether a mark was made for this occurrence of the
// action: a mark made for another due time no longer holds.
func (p Pending) Applies(m Mark) bool { return m.Due.Equal(p.Due) }

// Action is the pending action as the agenda shows it at now, or false
// when the mark hides it (done, or snoozed until after now).
func (p Pending) Action(now time.Time, loc *time.Location, m Mark) (Action, bool) {
	a := Action{ID: p.ID, Kind: p.Kind, Due: p.Due.UTC(), Person: p.Person, PersonID: p.PersonID,
		ConversationID: p.ConversationID, Field: p.Field, FieldID: p.FieldID, Referrer: p.Referrer, ReferrerID: p.ReferrerID}
	if p.Applies(m) {
		if m.Done || m.SnoozedUntil.After(now) {
			return a, false
		}
		if !m.SnoozedUntil.IsZero() {
			until := m.SnoozedUntil.UTC()
			a.SnoozedUntil = &until
		}
	}
	a.Overdue = !p.Kind.Standing() && p.Due.Before(now)
	a.Reason = p.Reason(now, loc)
	return a, true
}

// Reason says why the action is due, as of now.
func (p Pending) Reason(now time.Time, loc *time.Location) string {
	when := When(p.Since, now, loc)
	switch p.Kind {
	case ActContactAnother:
		return fmt.Sprintf("Requested %s with no reply — after %d business days, reach out to someone else%s in parallel",
			when, p.N[0], inField(p.Field))
	case ActFollowUp:
		return fmt.Sprintf("Requested %s with no reply — one polite follow-up is due after %d business days", when, p.N[0])
	case ActMarkNoReply:
		return fmt.Sprintf("Followed up %s and still no reply after %d business days — close it kindly and talk to someone else", when, p.N[0])
	case ActConfirm:
		return fmt.Sprintf("Meeting %s — confirm about %d hours before", when, p.N[0])
	case ActPrepare:
		return fmt.Sprintf("Meeting %s — research the field, the organization and the person, and ready your questions", when)
	case ActWriteNotes:
		return fmt.Sprintf("Held %s — write your notes up while they are fresh", when)
	case ActThank:
		return fmt.Sprintf("Held %s — a thank-you is due within %d hours", when, p.N[0])
	case ActReportBack:
		return fmt.Sprintf("Held %s — tell %s, who referred you, how it went", when, p.Referrer)
	case ActKeepInTouch:
		if p.N[1] == 1 {
			return fmt.Sprintf("Last in touch %s — tell them what you did with their advice; then an article or an update every %d days", when, p.N[0])
		}
		return fmt.Sprintf("Last in touch %s — share an article or an update every %d days", when, p.N[0])
	case ActReachOut:
		return reachOutReason(p, when)
	case ActFindPerspective:
		held, target, booked := p.N[0], p.N[1], p.N[2]
		return fmt.Sprintf("%s: %d of %d perspectives held — one or two conversations can mislead, find %s",
			p.Field, held, target, plural(target-held-booked, "another person", "%d more people"))
	}
	return ""
}

// LastRequestInField is the latest request in each field over convos.
func LastRequestInField(convos []ConvoFacts) map[int64]time.Time {
	out := map[int64]time.Time{}
	for _, c := range convos {
		for _, f := range c.Fields {
			if c.RequestedAt.After(out[f.ID]) {
				out[f.ID] = c.RequestedAt
			}
		}
	}
	return out
}

// PendingActions derives every pending action of the input's records.
func PendingActions(in AgendaInput) []Pending {
	s := in.Settings
	lastRequestInField := in.LastRequestInField
	if lastRequestInField == nil {
		lastRequestInField = LastRequestInField(in.Convos)
	}
	out := make([]Pending, 0, 2*len(in.Convos)+len(in.People)+len(in.Fields))
	for _, c := range in.Convos {
		out = append(out, ConvoActions(c, lastRequestInField, s)...)
	}
	for _, p := range in.People {
		out = append(out, PersonActions(p, s)...)
	}
	for _, f := range in.Fields {
		out = append(out, FieldActions(f, s)...)
	}
	for _, r := range in.ReachOut {
		out = append(out, ReachOutActions(r, s)...)
	}
	return out
}

// Agenda returns the next actions as of in.Now, overdue first, then by due time.
func Agenda(in AgendaInput) []Action {
	loc := in.Settings.Location()
	pending := PendingActions(in)
	out := make([]Action, 0, len(pending))
	for _, p := range pending {
		if a, ok := p.Action(in.Now, loc, in.Marks[p.ID]); ok {
			out = append(out, a)
		}
	}
	SortActions(out)
	return out
}

// SortActions orders actions overdue first, then by due time, then by id so
// the order is stable. It sorts pointers and moves each action once: an
// Action is large and agendas run to thousands of them.
func SortActions(as []Action) {
	ptrs := make([]*Action, len(as))
	for i := range as {
		ptrs[i] = &as[i]
	}
	slices.SortFunc(ptrs, compareActions)
	sorted := make([]Action, len(as))
	for i, p := range ptrs {
		sorted[i] = *p
	}
	copy(as, sorted)
}

func compareActions(a, b *Action) int {
	if a.Overdue != b.Overdue {
		if a.Overdue {
			return -1
		}
		return 1
	}
	// Standing goals go after dated actions.
	if ga, gb := a.Kind == ActFindPerspective, b.Kind == ActFindPerspective; ga != gb {
		if gb {
			return -1
		}
		return 1
	}
	if c := a.Due.Compare(b.Due); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func anotherRequested(c ConvoFacts, last map[int64]time.Time) bool {
	for _, f := range c.Fields {
		if last[f.ID].After(c.RequestedAt) {
			return true
		}
	}
	return false
}

func inField(name string) string {
	if name == "" {
		return ""
	}
	return " in " + name
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}

// When says when t was or will be, relative to now, in loc: "today 10:30",
// "yesterday 10:30", "tomorrow 09:00", "Mon 10:30" within a week, else
// "3 Nov 10:30" (with the year when it differs).
func When(t, now time.Time, loc *time.Location) string {
	t, now = t.In(loc), now.In(loc)
	days := int(StartOfDay(t, loc).Sub(StartOfDay(now, loc)).Round(24*time.Hour) / (24 * time.Hour))
	clock := t.Format("15:04")
	switch {
	case days == 0:
		return "today " + clock
	case days == -1:
		return "yesterday " + clock
	case days == 1:
		return "tomorrow " + clock
	case days > 1 && days < 7:
		return t.Format("Mon") + " " + clock
	case t.Year() != now.Year():
		return t.Format("2 Jan 2006 15:04")
	}
	return t.Format("2 Jan 15:04")
}
