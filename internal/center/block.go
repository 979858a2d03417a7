package center

import (
	"slices"
	"time"

	"github.com/ally-dev/ally/internal/method"
)

// StrikeAt is when a request counted against the student: the meeting
// time of a no-show, or the time of a late cancellation by the student.
// ok is false for any other request.
func StrikeAt(r Request) (t time.Time, ok bool) {
	switch {
	case r.State == StateNoShow:
		return r.MeetingAt, true
	case r.State == StateCancelled && r.LateCancel && r.CancelledBy == ActorStudent:
		return r.StateAt, true
	}
	return time.Time{}, false
}

// Strikes lists the strikes of a student's requests, oldest first.
func Strikes(reqs []Request) []time.Time {
	var out []time.Time
	for _, r := range reqs {
		if t, ok := StrikeAt(r); ok {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, time.Time.Compare)
	return out
}

// BlockedSince tells whether a student is blocked from sending requests:
// BlockAfter strikes (no-shows or late cancellations) within
// BlockWindowDays of each other, all after the last time an advisor
// cleared a block (zero: never). The block does not lapse with time: it
// stays until an advisor clears it. since is the strike that made it.
func (s Settings) BlockedSince(strikes []time.Time, clearedAt time.Time) (since time.Time, blocked bool) {
	var counted []time.Time
	for _, t := range strikes {
		if t.After(clearedAt) {
			counted = append(counted, t)
		}
	}
	slices.SortFunc(counted, time.Time.Compare)
	n := s.BlockAfter
	for i := n - 1; i < len(counted); i++ {
		first := counted[i-n+1]
		if !counted[i].After(method.AddDays(first, s.BlockWindowDays, s.Location())) {
			return counted[i], true
		}
	}
	return time.Time{}, false
}
