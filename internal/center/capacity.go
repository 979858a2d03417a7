package center

import (
	"fmt"
	"time"
)

// A Month is a calendar month in the center's zone: the unit of a
// volunteer's capacity.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf is the month t falls in, in loc.
func MonthOf(t time.Time, loc *time.Location) Month {
	y, m, _ := t.In(loc).Date()
	return Month{y, m}
}

// Start is the first instant of the month in loc.
func (m Month) Start(loc *time.Location) time.Time {
	return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, loc)
}

// End is the first instant of the next month in loc: a request counts in
// the month when Start <= its counted time < End.
func (m Month) End(loc *time.Location) time.Time { return m.Next().Start(loc) }

// Next is the month after.
func (m Month) Next() Month {
	if m.Month == time.December {
		return Month{m.Year + 1, time.January}
	}
	return Month{m.Year, m.Month + 1}
}

// String is "November 2026".
func (m Month) String() string { return fmt.Sprintf("%s %d", m.Month, m.Year) }

// CountingStates are the states in which a request uses a volunteer's
// capacity: accepted, and after the meeting held or missed (the
// volunteer's time was spent either way). A cancellation by either side
// frees the slot.
func CountingStates() []State { return []State{StateAccepted, StateHeld, StateNoShow} }

// CountedAt is the instant that places a request in a capacity month: its
// agreed meeting time, or, while none is agreed, the time it was accepted.
// ok is false when the request does not use capacity.
func CountedAt(r Request) (t time.Time, ok bool) {
	switch r.State {
	case StateAccepted, StateHeld, StateNoShow:
		if !r.MeetingAt.IsZero() {
			return r.MeetingAt, true
		}
		return r.AcceptedAt, true
	}
	return time.Time{}, false
}

// CapacityUsed counts the volunteer's requests that use capacity in month
// m (in the center's zone), leaving out the request with id except (0:
// none), which is the one being accepted or moved.
func (s Settings) CapacityUsed(reqs []Request, m Month, except int64) int {
	loc := s.Location()
	n := 0
	for _, r := range reqs {
		if t, ok := CountedAt(r); ok && r.ID != except && MonthOf(t, loc) == m {
			n++
		}
	}
	return n
}

// Remaining is the room left in a month: capacity minus what is used,
// never below zero (a volunteer may lower their capacity after accepting).
func Remaining(capacity, used int) int { return max(0, capacity-used) }

// PendingRoom is how many open requests a volunteer may hold this month
// before showing as "full for now": FullFactor × their remaining capacity.
func (s Settings) PendingRoom(capacity, used int) int {
	return s.FullFactor * Remaining(capacity, used)
}

// CheckCapacity is the limit at the moment a volunteer accepts a request
// or moves its time: the month the request would count in (MonthOf its
// CountedAt after the step) must have room once the request itself is left
// out of used. by is who took the step (the volunteer accepting, or either
// side moving the time) and volunteer the volunteer's name, for the message.
func (s Settings) CheckCapacity(capacity, used int, m Month, by Actor, volunteer string) error {
	if used < capacity {
		return nil
	}
	if by == ActorVolunteer {
		return &Refusal{Rule: RuleCapacity, Message: fmt.Sprintf(
			"You have already accepted %s in %s, the most you chose to offer; decline or refer this one, or raise your monthly capacity.",
			plural(used, "one conversation", "%d conversations"), m)}
	}
	return &Refusal{Rule: RuleCapacity, Message: fmt.Sprintf(
		"%s has no room left in %s; choose a time in another month, or cancel and write to someone with room.", nameOr(volunteer, "The volunteer"), m)}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}
