package center

import (
	"slices"
	"time"
)

// A JobKind is a piece of time-driven work on a request.
type JobKind string

// The time-driven work. The job runner sends the messages; the package
// says what is due and when.
const (
	// JobRemind is the one reminder, ReminderDays after the request was
	// sent, to the side it waits on (WaitsOn): the volunteer, or the student
	// when the volunteer asked them a question.
	JobRemind JobKind = "remind"
	// JobExpire closes a request left without an answer for ExpiryDays
	// (Apply with ActExpire by ActorAlly); the student is told and shown
	// similar volunteers with room.
	JobExpire JobKind = "expire"
	// JobAskOutcome asks both sides "did it happen?", OutcomePromptHours
	// after the agreed conversation should have ended.
	JobAskOutcome JobKind = "ask_outcome"
)

// A Job is one piece of work on one request, due at At.
type Job struct {
	Kind      JobKind
	RequestID int64
	At        time.Time
}

// WaitsOn is the side an open request waits on: the volunteer, or the
// student while the volunteer's question is unanswered. "" when closed.
func (r Request) WaitsOn() Actor {
	switch r.State {
	case StatePending:
		return ActorVolunteer
	case StateMoreInfo:
		return ActorStudent
	}
	return ""
}

// Jobs lists the work still to do on a request, whenever due, earliest
// first. A step (an answer, a new meeting time) changes the list, so the
// store recomputes it, or at least NextDue, after each one.
func (s Settings) Jobs(r Request) []Job {
	var out []Job
	add := func(k JobKind, at time.Time) { out = append(out, Job{Kind: k, RequestID: r.ID, At: at}) }
	switch {
	case r.State.Open():
		if r.RemindedAt.IsZero() {
			add(JobRemind, s.RemindAt(r))
		}
		add(JobExpire, s.ExpiresAt(r))
	case r.State == StateAccepted && !r.MeetingAt.IsZero() && r.PromptedAt.IsZero():
		add(JobAskOutcome, r.MeetingEnd().Add(time.Duration(s.OutcomePromptHours)*time.Hour))
	}
	slices.SortStableFunc(out, func(a, b Job) int { return a.At.Compare(b.At) })
	return out
}

// Due lists the jobs due at now: the pure function the job runner calls
// for each request whose NextDue has come. A reminder whose request is
// expiring anyway is left out: the runner was late, and the request closes.
func (s Settings) Due(r Request, now time.Time) []Job {
	var due []Job
	for _, j := range s.Jobs(r) {
		if !j.At.After(now) {
			due = append(due, j)
		}
	}
	if slices.ContainsFunc(due, func(j Job) bool { return j.Kind == JobExpire }) {
		due = slices.DeleteFunc(due, func(j Job) bool { return j.Kind == JobRemind })
	}
	return due
}

// NextDue is when the request's next job falls due (ok false: none), for
// the store to keep in a due_at column that the runner polls.
func (s Settings) NextDue(r Request) (at time.Time, ok bool) {
	if js := s.Jobs(r); len(js) > 0 {
		return js[0].At, true
	}
	return time.Time{}, false
}

// Done records that a reminder or an outcome prompt went out at at, so
// that it is never sent twice. An expiry is recorded by its step instead.
func Done(r Request, j Job, at time.Time) Request {
	switch j.Kind {
	case JobRemind:
		r.RemindedAt = at
	case JobAskOutcome:
		r.PromptedAt = at
	}
	return r
}

// SameField reports whether two requests are for one career field, as
// people write it: compared by Key, as the directory compares fields.
func SameField(a, b string) bool { return Key(a) == Key(b) }

// WithdrawOthers returns, after the supersede step, the student's other
// open requests in the field of the one just accepted: a student looking
// for a conversation in a field needs one yes, and each volunteer who
// would have answered is told kindly. others may hold any requests; those
// of other students, other fields or already closed are left out.
func (s Settings) WithdrawOthers(accepted Request, others []Request) []Request {
	var out []Request
	for _, r := range others {
		if r.ID == accepted.ID || r.StudentID != accepted.StudentID || !SameField(r.Field, accepted.Field) {
			continue
		}
		w, err := s.Apply(r, Step{Action: ActSupersede, By: ActorAlly, At: accepted.AcceptedAt})
		if err != nil {
			continue // closed already: nothing to withdraw
		}
		out = append(out, w)
	}
	return out
}
