package center

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// A State is where a request from a student to a volunteer stands.
type State string

// The states of a request. Pending and more_info are open: they wait for
// the volunteer's answer and count against the limits.
const (
	StatePending   State = "pending"   // sent, waiting for the volunteer
	StateMoreInfo  State = "more_info" // the volunteer asked the student a question
	StateAccepted  State = "accepted"  // the volunteer said yes; a time may still be open
	StateDeclined  State = "declined"  // the volunteer said no, with a reason
	StateReferred  State = "referred"  // the volunteer pointed to a colleague
	StateExpired   State = "expired"   // no answer in time
	StateWithdrawn State = "withdrawn" // by the student, or after another in its field was accepted
	StateCancelled State = "cancelled" // an accepted conversation called off by either side
	StateHeld      State = "held"      // the conversation happened
	StateNoShow    State = "no_show"   // the student did not come
	StateReported  State = "reported"  // the volunteer reported it to the advisors
)

// States lists every state in the order of a request's life.
func States() []State {
	return []State{StatePending, StateMoreInfo, StateAccepted, StateDeclined, StateReferred, StateExpired,
		StateWithdrawn, StateCancelled, StateHeld, StateNoShow, StateReported}
}

// ParseState reads a state name, refusing any other word.
func ParseState(s string) (State, error) {
	st := State(strings.TrimSpace(s))
	if slices.Contains(States(), st) {
		return st, nil
	}
	return "", model.Invalid("state", "%q is not a request state; states are: %s", s, joinStrings(States()))
}

// Open reports whether the request waits for the volunteer's answer.
func (s State) Open() bool { return s == StatePending || s == StateMoreInfo }

// Label says the state in words, after "the request is".
func (s State) Label() string {
	switch s {
	case StatePending:
		return "waiting for an answer"
	case StateMoreInfo:
		return "waiting for the student's answer to a question"
	case StateReferred:
		return "referred to a colleague"
	case StateHeld:
		return "marked held"
	case StateNoShow:
		return "marked as a no-show"
	}
	return string(s)
}

// An Actor is who takes a step on a request.
type Actor string

// The actors. Ally itself acts when time passes (expiry) and as the
// consequence of another step (the withdrawals that follow an acceptance).
const (
	ActorStudent   Actor = "student"
	ActorVolunteer Actor = "volunteer"
	ActorAdvisor   Actor = "advisor"
	ActorAlly      Actor = "ally"
)

func (a Actor) words() string {
	switch a {
	case ActorStudent:
		return "the student"
	case ActorVolunteer:
		return "the volunteer"
	case ActorAdvisor:
		return "an advisor"
	case ActorAlly:
		return "Ally"
	}
	return string(a)
}

// PartyOf tells which side of the request an account is: the student, the
// volunteer, or "" for anyone else (whose rights, such as an advisor's,
// the caller's policy decides).
func (r Request) PartyOf(accountID int64) Actor {
	switch accountID {
	case r.StudentID:
		return ActorStudent
	case r.VolunteerID:
		return ActorVolunteer
	}
	return ""
}

// CancelAction is what a side's "cancel" does to a request, as the API
// and the CLI take it: a student's cancel of a request still waiting for
// an answer withdraws it; any other cancel cancels the conversation.
func (r Request) CancelAction(by Actor) Action {
	if by == ActorStudent && r.State.Open() {
		return ActWithdraw
	}
	return ActCancel
}

// A DeclineReason is why a volunteer said no: one of the ready-made,
// kind reasons, or their own words.
type DeclineReason string

// The decline reasons.
const (
	DeclineNotMyField DeclineReason = "not_my_field"
	DeclineNoTime     DeclineReason = "no_time"
	DeclineSuggest    DeclineReason = "suggest_someone" // with the name of someone better placed
	DeclineOwn        DeclineReason = "own"             // the volunteer's own words
)

// DeclineReasons lists the reasons a volunteer chooses from.
func DeclineReasons() []DeclineReason {
	return []DeclineReason{DeclineNotMyField, DeclineNoTime, DeclineSuggest, DeclineOwn}
}

// Words is what the student reads for a decline; text is the suggested
// person's name or the volunteer's own words.
func (d DeclineReason) Words(text string) string {
	switch d {
	case DeclineNotMyField:
		return "This is not really my field, so I would not be the most useful person to talk to. Good luck with your search."
	case DeclineNoTime:
		return "I have no time for a conversation this month, and I would rather tell you now than keep you waiting. Good luck!"
	case DeclineSuggest:
		return fmt.Sprintf("I think %s would be a better person to talk to about this; you could write to them.", text)
	}
	return text
}

// A Request is a student's request for a conversation with a volunteer.
// A zero time means "not yet" (or "not agreed" for MeetingAt).
type Request struct {
	ID          int64
	StudentID   int64
	VolunteerID int64

	Field         string // the career field the student explores
	Purpose       string // what the student hopes to learn, in a line
	Message       string // the student's message, as the checker saw it
	Minutes       int    // 15, 20 or 30
	Channel       model.Channel
	ProposedTimes []time.Time // none: at the volunteer's convenience

	State      State
	CreatedAt  time.Time
	StateAt    time.Time // when it took its current state
	AnsweredAt time.Time // the volunteer's first answer (a question, yes, no, a referral, a report)
	AcceptedAt time.Time
	MeetingAt  time.Time // the agreed time; zero until one is agreed

	Question      string // the volunteer's question (more_info)
	Answer        string // the student's one answer to it
	DeclineReason DeclineReason
	Reason        string // the words given with a decline, a referral, a cancellation or a report
	ReferredTo    int64  // the colleague a referred request points to
	CancelledBy   Actor
	LateCancel    bool   // the student cancelled under LateCancelHours before the meeting
	OutcomeBy     Actor  // who said the conversation was held or missed
	StudentWhy    string // the student's word on a no-show or a late cancellation

	Flagged  bool   // sent over the checker's errors: an advisor reviews it
	Override string // the student's word on why the checker was wrong here

	RemindedAt time.Time // the volunteer (or the student, in more_info) was reminded
	PromptedAt time.Time // both sides were asked "did it happen?"
}

// ExpiresAt is when an open request with no answer expires: ExpiryDays
// after it was sent, at the same wall-clock time in the center's zone. A
// question from the volunteer does not stop the clock.
func (s Settings) ExpiresAt(r Request) time.Time {
	return method.AddDays(r.CreatedAt, s.ExpiryDays, s.Location())
}

// RemindAt is when the one reminder of an open request is due.
func (s Settings) RemindAt(r Request) time.Time {
	return method.AddDays(r.CreatedAt, s.ReminderDays, s.Location())
}

// MeetingEnd is when the agreed conversation should be over.
func (r Request) MeetingEnd() time.Time {
	return r.MeetingAt.Add(time.Duration(r.Minutes) * time.Minute)
}

// An Action is a step someone takes on a request.
type Action string

// The actions, as the package doc's table lists them.
const (
	ActAskMore   Action = "ask_more"
	ActAnswer    Action = "answer"
	ActAccept    Action = "accept"
	ActDecline   Action = "decline"
	ActRefer     Action = "refer"
	ActReport    Action = "report"
	ActWithdraw  Action = "withdraw"
	ActSupersede Action = "supersede"
	ActExpire    Action = "expire"
	ActSchedule  Action = "schedule"
	ActCancel    Action = "cancel"
	ActHeld      Action = "held"
	ActNoShow    Action = "no_show"
	ActExplain   Action = "explain"
)

// Actions lists every action in the order Allowed returns them.
func Actions() []Action {
	return []Action{ActAskMore, ActAnswer, ActAccept, ActDecline, ActRefer, ActReport, ActWithdraw, ActSupersede,
		ActExpire, ActSchedule, ActCancel, ActHeld, ActNoShow, ActExplain}
}

// openStates are the states that wait for the volunteer's answer.
var openStates = []State{StatePending, StateMoreInfo}

// steps says, for each action, the state it leads to ("" keeps the state)
// and, for each actor who may take it, the states it may start from.
var steps = map[Action]struct {
	to   State
	from map[Actor][]State
	verb string // what the step does, after "can" or "cannot"
}{
	ActAskMore:   {StateMoreInfo, map[Actor][]State{ActorVolunteer: {StatePending}}, "ask the student a question"},
	ActAnswer:    {StatePending, map[Actor][]State{ActorStudent: {StateMoreInfo}}, "answer the volunteer's question"},
	ActAccept:    {StateAccepted, map[Actor][]State{ActorVolunteer: openStates}, "accept this request"},
	ActDecline:   {StateDeclined, map[Actor][]State{ActorVolunteer: openStates}, "decline this request"},
	ActRefer:     {StateReferred, map[Actor][]State{ActorVolunteer: openStates}, "refer this request to a colleague"},
	ActReport:    {StateReported, map[Actor][]State{ActorVolunteer: {StatePending, StateMoreInfo, StateAccepted}}, "report this request"},
	ActWithdraw:  {StateWithdrawn, map[Actor][]State{ActorStudent: openStates}, "withdraw this request"},
	ActSupersede: {StateWithdrawn, map[Actor][]State{ActorAlly: openStates}, "withdraw this request for another one accepted in its field"},
	ActExpire:    {StateExpired, map[Actor][]State{ActorAlly: openStates}, "let this request expire"},
	ActSchedule:  {"", map[Actor][]State{ActorStudent: {StateAccepted}, ActorVolunteer: {StateAccepted}}, "set the meeting time"},
	ActCancel: {StateCancelled, map[Actor][]State{ActorStudent: {StateAccepted}, ActorVolunteer: {StateAccepted},
		ActorAdvisor: {StatePending, StateMoreInfo, StateAccepted}}, "cancel this conversation"},
	// The volunteer confirms a "held" the student logged; an advisor
	// corrects a no-show that was a mistake.
	ActHeld: {StateHeld, map[Actor][]State{ActorStudent: {StateAccepted}, ActorVolunteer: {StateAccepted, StateHeld},
		ActorAdvisor: {StateAccepted, StateNoShow}}, "say the conversation was held"},
	// The volunteer's word on whether the student came outweighs the
	// student's own log; an advisor may correct either.
	ActNoShow: {StateNoShow, map[Actor][]State{ActorVolunteer: {StateAccepted, StateHeld}, ActorAdvisor: {StateAccepted, StateHeld}},
		"say the student did not come"},
	ActExplain: {"", map[Actor][]State{ActorStudent: {StateNoShow, StateCancelled}}, "explain what happened"},
}

// A Step is what someone asks to do to a request, and when.
type Step struct {
	Action Action
	By     Actor
	At     time.Time // now

	// MeetingAt is the agreed time: chosen when accepting (one of the
	// proposed times or another; zero leaves it open), required to
	// schedule, and asked when marking held a request that had none.
	MeetingAt time.Time
	// Text is the question (ask_more), the answer (answer), the reason
	// (decline in own words, cancel, report), the suggested person's name
	// (decline with suggest_someone), a word for the student (refer) or the
	// student's explanation (explain).
	Text          string
	DeclineReason DeclineReason // decline
	ReferTo       int64         // refer: the colleague's account
}

// StepError explains why a step on a request was refused, in words the
// person who tried can act on.
type StepError struct {
	Action Action
	From   State
	By     Actor
	Reason string
}

func (e *StepError) Error() string { return e.Reason }

// Apply checks a step against the request and the rules and returns the
// request after it, or a *StepError. Limits that need other requests
// (capacity at acceptance) are CheckCapacity's; the caller applies both
// in one transaction.
func (s Settings) Apply(r Request, st Step) (Request, error) {
	if err := s.permitted(r, st.Action, st.By, st.At); err != nil {
		return r, err
	}
	if err := s.checkInput(r, st); err != nil {
		return r, err
	}
	text := strings.TrimSpace(st.Text)
	if st.By == ActorVolunteer && r.State.Open() && r.AnsweredAt.IsZero() {
		r.AnsweredAt = st.At // the first answer: a question, yes, no, a referral or a report
	}
	if to := steps[st.Action].to; to != "" {
		r.State, r.StateAt = to, st.At
	}
	switch st.Action {
	case ActAskMore:
		r.Question = text
	case ActAnswer:
		r.Answer = text
	case ActAccept:
		r.AcceptedAt, r.MeetingAt = st.At, st.MeetingAt
	case ActDecline:
		r.DeclineReason, r.Reason = st.DeclineReason, text
	case ActRefer:
		r.ReferredTo, r.Reason = st.ReferTo, text
	case ActReport:
		r.Reason = text
	case ActSchedule:
		if !r.MeetingAt.Equal(st.MeetingAt) {
			r.MeetingAt, r.PromptedAt = st.MeetingAt, time.Time{}
		}
	case ActCancel:
		r.CancelledBy, r.Reason = st.By, text
		r.LateCancel = st.By == ActorStudent && !r.MeetingAt.IsZero() &&
			r.MeetingAt.Sub(st.At) < time.Duration(s.LateCancelHours)*time.Hour
	case ActHeld, ActNoShow:
		r.OutcomeBy = st.By
		if r.MeetingAt.IsZero() {
			r.MeetingAt = st.MeetingAt
		}
	case ActExplain:
		r.StudentWhy = text
	}
	return r, nil
}

// Allowed lists the actions by may take on the request at now, leaving
// aside what they would have to type (a reason, a time).
func (s Settings) Allowed(r Request, by Actor, now time.Time) []Action {
	var out []Action
	for _, a := range Actions() {
		if s.permitted(r, a, by, now) == nil {
			out = append(out, a)
		}
	}
	return out
}

// mayTake checks who may take the action and from which state: the
// table in the package doc.
func mayTake(a Action, by Actor, from State) error {
	refuse := func(format string, args ...any) error {
		return &StepError{Action: a, From: from, By: by, Reason: fmt.Sprintf(format, args...)}
	}
	rule, ok := steps[a]
	if !ok {
		return refuse("%q is not a step on a request; steps are: %s", a, joinStrings(Actions()))
	}
	states, ok := rule.from[by]
	if !ok {
		var who []string
		for _, actor := range []Actor{ActorStudent, ActorVolunteer, ActorAdvisor, ActorAlly} {
			if _, ok := rule.from[actor]; ok {
				who = append(who, actor.words())
			}
		}
		return refuse("Only %s can %s.", strings.Join(who, " or "), rule.verb)
	}
	if !slices.Contains(states, from) {
		return refuse("You cannot %s now: the request is %s.", rule.verb, from.Label())
	}
	return nil
}

// permitted checks who may take the action, from which state, and when.
func (s Settings) permitted(r Request, a Action, by Actor, now time.Time) error {
	if err := mayTake(a, by, r.State); err != nil {
		return err
	}
	refuse := func(format string, args ...any) error {
		return &StepError{Action: a, From: r.State, By: by, Reason: fmt.Sprintf(format, args...)}
	}
	switch a {
	case ActAskMore:
		if r.Question != "" {
			return refuse("You have already asked this student a question; please decide with what you have.")
		}
	case ActExpire:
		if at := s.ExpiresAt(r); now.Before(at) {
			return refuse("This request does not expire before %s.", FormatTime(at, s.Location()))
		}
	case ActCancel:
		if by == ActorStudent && !r.MeetingAt.IsZero() && !now.Before(r.MeetingAt) {
			return refuse("The conversation was due to start at %s, so it can no longer be cancelled; say instead whether it happened.",
				FormatTime(r.MeetingAt, s.Location()))
		}
	case ActHeld, ActNoShow:
		if r.State == StateHeld && by == ActorVolunteer && r.OutcomeBy != ActorStudent {
			return refuse("You have already said this conversation was held.")
		}
		if !r.MeetingAt.IsZero() && now.Before(r.MeetingAt) {
			return refuse("The conversation is planned for %s; say whether it happened once that time has come.",
				FormatTime(r.MeetingAt, s.Location()))
		}
		if a == ActNoShow && r.MeetingAt.IsZero() {
			return refuse("No meeting time was agreed, so nobody can have missed it; set the time first, or cancel.")
		}
	case ActExplain:
		if r.State == StateCancelled && !(r.LateCancel && r.CancelledBy == ActorStudent) {
			return refuse("Only a late cancellation or a missed conversation needs explaining.")
		}
		if r.StudentWhy != "" {
			return refuse("You have already explained what happened; thank you.")
		}
	}
	return nil
}

// checkInput checks what the person typed or chose for the step.
func (s Settings) checkInput(r Request, st Step) error {
	refuse := func(format string, args ...any) error {
		return &StepError{Action: st.Action, From: r.State, By: st.By, Reason: fmt.Sprintf(format, args...)}
	}
	text := strings.TrimSpace(st.Text)
	loc := s.Location()
	switch st.Action {
	case ActAskMore:
		if text == "" {
			return refuse("Write the question you would like the student to answer.")
		}
	case ActAnswer:
		if text == "" {
			return refuse("Write your answer to the volunteer's question.")
		}
	case ActAccept:
		if !st.MeetingAt.IsZero() && st.MeetingAt.Before(st.At) {
			return refuse("%s has already passed; choose a time to come.", FormatTime(st.MeetingAt, loc))
		}
	case ActSchedule:
		if st.MeetingAt.IsZero() {
			return refuse("Choose the meeting time.")
		}
		if st.MeetingAt.Before(st.At) {
			return refuse("%s has already passed; choose a time to come.", FormatTime(st.MeetingAt, loc))
		}
	case ActDecline:
		switch st.DeclineReason {
		case DeclineNotMyField, DeclineNoTime:
		case DeclineSuggest:
			if text == "" {
				return refuse("Give the name of the person you suggest.")
			}
		case DeclineOwn:
			if text == "" {
				return refuse("Write a word for the student, or choose one of the ready-made reasons.")
			}
		default:
			return refuse("Choose a reason: not my field, no time this month, I'd suggest someone else, or your own words.")
		}
	case ActRefer:
		if st.ReferTo == 0 {
			return refuse("Choose the colleague to refer the student to.")
		}
		if st.ReferTo == r.VolunteerID || st.ReferTo == r.StudentID {
			return refuse("Refer the student to someone else, a colleague in the directory.")
		}
	case ActCancel:
		if text == "" {
			return refuse("Say why, in a word: the other side will read it.")
		}
	case ActHeld:
		if r.MeetingAt.IsZero() {
			if st.MeetingAt.IsZero() {
				return refuse("Say when the conversation took place.")
			}
			if st.MeetingAt.After(st.At) {
				return refuse("%s is still to come; say it was held once it has happened.", FormatTime(st.MeetingAt, loc))
			}
		}
	case ActExplain:
		if text == "" {
			return refuse("Tell us in a word what happened.")
		}
	}
	return nil
}

func joinStrings[T ~string](xs []T) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return strings.Join(out, ", ")
}
