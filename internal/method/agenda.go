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
)

// ActionKinds lists every action kind.
func ActionKinds() []ActionKind {
	return []ActionKind{ActContactAnother, ActFollowUp, ActMarkNoReply, ActConfirm,
		ActPrepare, ActWriteNotes, ActThank, ActReportBack, ActKeepInTouch, ActFindPerspective}
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
	bad := model.Invalid("action", "%q is not an action id (like thank-c42; see `ally next`)", s)
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
}

// PersonFacts is what the agenda needs to know of a person to keep in touch with.
type PersonFacts struct {
	ID        int64
	Name      string
	Tags      []string
	LastTouch time.Time // last activity or lifecycle step of any kind
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
}

// Agenda returns the next actions as of in.Now, overdue first, then by due time.
func Agenda(in AgendaInput) []Action {
	s := in.Settings
	loc := s.Location()
	out := make([]Action, 0, 2*len(in.Convos)+len(in.People)+len(in.Fields))
	add := func(a Action) {
		if m, ok := in.Marks[a.ID]; ok && m.Due.Equal(a.Due) {
			if m.Done {
				return
			}
			if m.SnoozedUntil.After(in.Now) {
				return
			}
			if !m.SnoozedUntil.IsZero() {
				until := m.SnoozedUntil.UTC()
				a.SnoozedUntil = &until
			}
		}
		a.Overdue = a.Kind != ActFindPerspective && a.Due.Before(in.Now)
		a.Due = a.Due.UTC()
		out = append(out, a)
	}

	// For contact_another: the latest request made in each field. A request
	// to someone else in the same field after this one fulfils the rule.
	lastRequestInField := in.LastRequestInField
	if lastRequestInField == nil {
		lastRequestInField = map[int64]time.Time{}
		for _, c := range in.Convos {
			for _, f := range c.Fields {
				if c.RequestedAt.After(lastRequestInField[f.ID]) {
					lastRequestInField[f.ID] = c.RequestedAt
				}
			}
		}
	}

	for _, c := range in.Convos {
		base := Action{Person: c.Person, PersonID: c.PersonID, ConversationID: c.ID}
		if len(c.Fields) > 0 {
			base.Field, base.FieldID = c.Fields[0].Name, c.Fields[0].ID
		}
		replied := !c.LastReplyAt.IsZero() && !c.LastReplyAt.Before(c.RequestedAt)
		switch c.State {
		case model.StateRequested:
			if replied {
				break
			}
			if due := AddBusinessDays(c.RequestedAt, s.ContactAnotherBusinessDays, loc); !anotherRequested(c, lastRequestInField) {
				a := base
				a.Kind, a.ID, a.Due = ActContactAnother, ActionID(ActContactAnother, 'c', c.ID), due
				a.Reason = fmt.Sprintf("Requested %s with no reply — after %d business days, reach out to someone else%s in parallel",
					When(c.RequestedAt, in.Now, loc), s.ContactAnotherBusinessDays, inField(base.Field))
				add(a)
			}
			a := base
			a.Kind, a.ID = ActFollowUp, ActionID(ActFollowUp, 'c', c.ID)
			a.Due = AddBusinessDays(c.RequestedAt, s.FollowUpBusinessDays, loc)
			a.Reason = fmt.Sprintf("Requested %s with no reply — one polite follow-up is due after %d business days",
				When(c.RequestedAt, in.Now, loc), s.FollowUpBusinessDays)
			add(a)
		case model.StateFollowedUp:
			if !c.LastReplyAt.IsZero() && !c.LastReplyAt.Before(c.FollowedUpAt) {
				break
			}
			a := base
			a.Kind, a.ID = ActMarkNoReply, ActionID(ActMarkNoReply, 'c', c.ID)
			a.Due = AddBusinessDays(c.FollowedUpAt, s.NoReplyBusinessDays, loc)
			a.Reason = fmt.Sprintf("Followed up %s and still no reply after %d business days — close it kindly and talk to someone else",
				When(c.FollowedUpAt, in.Now, loc), s.NoReplyBusinessDays)
			add(a)
		case model.StateScheduled, model.StateConfirmed:
			if c.MeetingAt.IsZero() {
				break
			}
			if c.State == model.StateScheduled {
				a := base
				a.Kind, a.ID = ActConfirm, ActionID(ActConfirm, 'c', c.ID)
				a.Due = c.MeetingAt.Add(-time.Duration(s.ConfirmHours) * time.Hour)
				a.Reason = fmt.Sprintf("Meeting %s — confirm about %d hours before", When(c.MeetingAt, in.Now, loc), s.ConfirmHours)
				add(a)
			}
			if !c.Prepared {
				a := base
				a.Kind, a.ID = ActPrepare, ActionID(ActPrepare, 'c', c.ID)
				a.Due = c.MeetingAt.Add(-time.Duration(s.PrepareHours) * time.Hour)
				a.Reason = fmt.Sprintf("Meeting %s — research the field, the organization and the person, and ready your questions", When(c.MeetingAt, in.Now, loc))
				add(a)
			}
		}
		if c.State == model.StateHeld && !c.HasNotes {
			a := base
			a.Kind, a.ID = ActWriteNotes, ActionID(ActWriteNotes, 'c', c.ID)
			a.Due = c.HeldAt.Add(time.Duration(s.WriteNotesHours) * time.Hour)
			a.Reason = fmt.Sprintf("Held %s — write your notes up while they are fresh", When(c.HeldAt, in.Now, loc))
			add(a)
		}
		if c.State == model.StateHeld {
			a := base
			a.Kind, a.ID = ActThank, ActionID(ActThank, 'c', c.ID)
			a.Due = c.HeldAt.Add(time.Duration(s.ThankHours) * time.Hour)
			a.Reason = fmt.Sprintf("Held %s — a thank-you is due within %d hours", When(c.HeldAt, in.Now, loc), s.ThankHours)
			add(a)
		}
		if (c.State == model.StateHeld || c.State == model.StateThanked) && c.ReferrerID != 0 {
			a := base
			a.Kind, a.ID = ActReportBack, ActionID(ActReportBack, 'c', c.ID)
			a.Referrer, a.ReferrerID = c.Referrer, c.ReferrerID
			a.Due = AddDays(c.HeldAt, s.ReportBackDays, loc)
			a.Reason = fmt.Sprintf("Held %s — tell %s, who referred you, how it went", When(c.HeldAt, in.Now, loc), c.Referrer)
			add(a)
		}
	}

	for _, p := range in.People {
		if p.LastTouch.IsZero() {
			continue
		}
		days := s.KeepInTouchFor(p.Tags)
		a := Action{Kind: ActKeepInTouch, ID: ActionID(ActKeepInTouch, 'p', p.ID), Person: p.Name, PersonID: p.ID}
		a.Due = AddDays(p.LastTouch, days, loc)
		a.Reason = fmt.Sprintf("Last in touch %s — share an article or an update every %d days", When(p.LastTouch, in.Now, loc), days)
		add(a)
	}

	for _, f := range in.Fields {
		target := f.Target
		if target <= 0 {
			target = s.TargetPerspectives
		}
		if f.Held+f.Booked >= target {
			continue
		}
		a := Action{Kind: ActFindPerspective, ID: ActionID(ActFindPerspective, 'f', f.ID), Field: f.Name, FieldID: f.ID, Due: f.CreatedAt}
		a.Reason = fmt.Sprintf("%s: %d of %d perspectives held — one or two conversations can mislead, find %s",
			f.Name, f.Held, target, plural(target-f.Held-f.Booked, "another person", "%d more people"))
		add(a)
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
