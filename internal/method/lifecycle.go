package method

import (
	"fmt"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// transitions lists, for each state, the steps that may follow it.
// A conversation can go straight from a request to being held because a
// professional may answer "call me now"; a cancelled or declined one may be
// requested again; a no-reply stays closed so nobody is chased a third time.
var transitions = map[model.State][]model.State{
	model.StateIdea:       {model.StateRequested, model.StateScheduled, model.StateCancelled},
	model.StateRequested:  {model.StateFollowedUp, model.StateScheduled, model.StateHeld, model.StateDeclined, model.StateNoReply, model.StateCancelled},
	model.StateFollowedUp: {model.StateFollowedUp, model.StateScheduled, model.StateHeld, model.StateDeclined, model.StateNoReply, model.StateCancelled},
	model.StateScheduled:  {model.StateScheduled, model.StateConfirmed, model.StateHeld, model.StateCancelled},
	model.StateConfirmed:  {model.StateScheduled, model.StateHeld, model.StateCancelled},
	// The thank-you and the report to the referrer are independent: either
	// may come first, and each is logged once (CheckStep).
	model.StateHeld:           {model.StateThanked, model.StateReportedBack},
	model.StateThanked:        {model.StateReportedBack, model.StateKeepingInTouch},
	model.StateReportedBack:   {model.StateThanked, model.StateKeepingInTouch},
	model.StateKeepingInTouch: {},
	model.StateDeclined:       {model.StateRequested},
	model.StateNoReply:        {},
	model.StateCancelled:      {model.StateRequested, model.StateScheduled},
}

// MaxFollowUps is the method's hard limit: never more than two follow-ups.
const MaxFollowUps = 2

// Allowed returns the steps that may follow state, given how many
// follow-ups were already sent.
func Allowed(state model.State, followUps int) []model.State {
	var out []model.State
	for _, s := range transitions[state] {
		if s == model.StateFollowedUp && followUps >= MaxFollowUps {
			continue
		}
		out = append(out, s)
	}
	return out
}

// Next returns the steps that may follow now in c: Allowed, less the
// thank-you or the report-back already logged since it was held.
func Next(c *model.Conversation) []model.State {
	var out []model.State
	for _, s := range Allowed(c.State, c.FollowUps) {
		if (s == model.StateThanked || s == model.StateReportedBack) && TookSinceHeld(c, s) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// TookSinceHeld reports whether c took the step st after it was last held:
// whether the thank-you (or the report-back) of this meeting was logged.
// It reads c.Events, oldest first, as the store gives them.
func TookSinceHeld(c *model.Conversation, st model.State) bool {
	if len(c.Events) == 0 {
		// A record without its history (built in code, or loaded in bulk):
		// its state tells, as when the steps could come in one order only.
		switch st {
		case model.StateThanked:
			return c.State == model.StateThanked || c.State == model.StateReportedBack || c.State == model.StateKeepingInTouch
		case model.StateReportedBack:
			return c.State == model.StateReportedBack
		}
		return c.State == st
	}
	took := false
	for _, e := range c.Events {
		switch e.Step {
		case model.StateHeld:
			took = false
		case st:
			took = true
		}
	}
	return took
}

// StepError explains why a lifecycle step was refused.
type StepError struct {
	From    model.State
	To      model.State
	Allowed []model.State
	Reason  string
}

func (e *StepError) Error() string {
	if e.Reason != "" {
		return e.Reason
	}
	if len(e.Allowed) == 0 {
		return fmt.Sprintf("a conversation that is %s takes no further step", e.From.Label())
	}
	names := make([]string, len(e.Allowed))
	for i, s := range e.Allowed {
		names[i] = string(s)
	}
	return fmt.Sprintf("cannot go from %s to %s; allowed next steps: %s", e.From, e.To, strings.Join(names, ", "))
}

// Step is a lifecycle step someone wants to record.
type Step struct {
	To        model.State
	At        time.Time
	MeetingAt time.Time // required for scheduled
}

// CheckStep validates a step against the conversation's current state and
// the time of its last step. now bounds backdating: a step cannot be logged
// in the future.
func CheckStep(c *model.Conversation, st Step, now time.Time) error {
	if !st.To.Valid() {
		return &StepError{From: c.State, To: st.To, Reason: fmt.Sprintf("%q is not a step; steps are: %s", st.To, stateList(model.States()))}
	}
	allowed := Next(c)
	if (st.To == model.StateThanked || st.To == model.StateReportedBack) && TookSinceHeld(c, st.To) {
		what := "the thank-you was"
		if st.To == model.StateReportedBack {
			what = "the report to the referrer was"
		}
		return &StepError{From: c.State, To: st.To, Allowed: allowed, Reason: what + " already logged for this conversation"}
	}
	ok := false
	for _, s := range allowed {
		if s == st.To {
			ok = true
		}
	}
	if !ok {
		if st.To == model.StateFollowedUp && c.FollowUps >= MaxFollowUps {
			return &StepError{From: c.State, To: st.To, Allowed: allowed,
				Reason: fmt.Sprintf("already followed up %d times; the method never sends more than %d follow-ups — mark it no_reply and try someone else", c.FollowUps, MaxFollowUps)}
		}
		return &StepError{From: c.State, To: st.To, Allowed: allowed}
	}
	if st.At.After(now.Add(time.Minute)) {
		return &StepError{From: c.State, To: st.To, Reason: fmt.Sprintf("the step time %s is in the future; log a step when it has happened", st.At.Format(time.RFC3339))}
	}
	// An idea has no date that matters: a request may be logged as sent
	// before the conversation was entered.
	if c.State != model.StateIdea && !c.StateAt.IsZero() && st.At.Before(c.StateAt) {
		return &StepError{From: c.State, To: st.To, Reason: fmt.Sprintf("the step time %s is before the conversation's last step (%s at %s)",
			st.At.Format(time.RFC3339), c.State, c.StateAt.Format(time.RFC3339))}
	}
	if st.To == model.StateScheduled && st.MeetingAt.IsZero() {
		return &StepError{From: c.State, To: st.To, Reason: "scheduling needs the meeting time"}
	}
	if st.To != model.StateScheduled && !st.MeetingAt.IsZero() {
		return &StepError{From: c.State, To: st.To, Reason: "a meeting time goes only with the scheduled step"}
	}
	return nil
}

// Apply moves the conversation to the step's state and updates the
// derived dates. Call CheckStep first.
func Apply(c *model.Conversation, st Step) {
	c.State = st.To
	c.StateAt = st.At
	at := st.At
	switch st.To {
	case model.StateFollowedUp:
		c.FollowUps++
		c.FollowedUpAt = &at
	case model.StateRequested:
		// A new request starts a new attempt: nothing of the last one holds.
		c.FollowUps = 0
		c.RequestedAt = &at
		c.FollowedUpAt, c.MeetingAt, c.HeldAt = nil, nil, nil
	case model.StateHeld:
		c.HeldAt = &at
	case model.StateScheduled:
		m := st.MeetingAt
		c.MeetingAt = &m
	}
}

func stateList(ss []model.State) string {
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// LateCancelHours is how close to the meeting a cancellation is late: the
// professional has set the time aside, so the method cancels that late only
// for an emergency, and offers new times at once.
const LateCancelHours = 24

// CancelIsLate reports whether cancelling at at a meeting set for meetingAt
// is late: less than LateCancelHours before it (and not after it).
func CancelIsLate(meetingAt, at time.Time) bool {
	if meetingAt.IsZero() || !at.Before(meetingAt) {
		return false
	}
	return meetingAt.Sub(at) < LateCancelHours*time.Hour
}

// ThankedLate reports whether the thank-you for c's last meeting was logged
// more than s.ThankHours after it (the method asks for it the same day).
func ThankedLate(c *model.Conversation, s Settings) bool {
	var held, thanked time.Time
	for _, e := range c.Events {
		switch e.Step {
		case model.StateHeld:
			held, thanked = e.At, time.Time{}
		case model.StateThanked:
			thanked = e.At
		}
	}
	return !held.IsZero() && !thanked.IsZero() && thanked.Sub(held) > time.Duration(s.ThankHours)*time.Hour
}
