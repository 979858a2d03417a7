package center

import (
	"slices"
	"testing"
	"time"
)

func TestBlockAfterTwoStrikesWithin90Days(t *testing.T) {
	ny := zone(t, "America/New_York")
	d := func(mo time.Month, day, h, mi int) time.Time { return wall(ny, 2026, mo, day, h, mi) }
	for _, tc := range []struct {
		name    string
		edit    func(*Settings)
		strikes []time.Time
		cleared time.Time
		blocked bool
		since   time.Time
	}{
		{"none", nil, nil, time.Time{}, false, time.Time{}},
		{"one", nil, []time.Time{d(3, 1, 10, 0)}, time.Time{}, false, time.Time{}},
		{"two a week apart", nil, []time.Time{d(3, 1, 10, 0), d(3, 8, 10, 0)}, time.Time{}, true, d(3, 8, 10, 0)},
		{"given out of order", nil, []time.Time{d(3, 8, 10, 0), d(3, 1, 10, 0)}, time.Time{}, true, d(3, 8, 10, 0)},
		{"91 days apart", nil, []time.Time{d(1, 1, 10, 0), d(4, 2, 10, 0)}, time.Time{}, false, time.Time{}},
		// 90 calendar days in the center's zone: 10 Aug to 8 Nov crosses
		// the end of daylight saving, so it is 90 days and an hour.
		{"exactly 90 days across a clock change", nil, []time.Time{d(8, 10, 10, 0), d(11, 8, 10, 0)}, time.Time{}, true, d(11, 8, 10, 0)},
		{"90 days and half an hour", nil, []time.Time{d(8, 10, 10, 0), d(11, 8, 10, 30)}, time.Time{}, false, time.Time{}},
		{"the later pair counts", nil, []time.Time{d(1, 1, 10, 0), d(6, 1, 10, 0), d(7, 1, 10, 0)}, time.Time{}, true, d(7, 1, 10, 0)},
		{"cleared after both", nil, []time.Time{d(3, 1, 10, 0), d(3, 8, 10, 0)}, d(3, 9, 9, 0), false, time.Time{}},
		{"a new strike after clearing", nil, []time.Time{d(3, 1, 10, 0), d(3, 8, 10, 0), d(3, 20, 10, 0)}, d(3, 9, 9, 0), false, time.Time{}},
		{"two new strikes after clearing", nil, []time.Time{d(3, 1, 10, 0), d(3, 8, 10, 0), d(3, 20, 10, 0), d(4, 2, 10, 0)}, d(3, 9, 9, 0), true, d(4, 2, 10, 0)},
		{"a strike at the clearing time is cleared", nil, []time.Time{d(3, 8, 10, 0), d(3, 20, 10, 0)}, d(3, 8, 10, 0), false, time.Time{}},
		{"a center blocking at three", func(s *Settings) { s.BlockAfter = 3 }, []time.Time{d(3, 1, 10, 0), d(3, 8, 10, 0)}, time.Time{}, false, time.Time{}},
		{"three at three", func(s *Settings) { s.BlockAfter = 3 }, []time.Time{d(3, 1, 10, 0), d(3, 8, 10, 0), d(5, 1, 10, 0)}, time.Time{}, true, d(5, 1, 10, 0)},
		{"a 30-day window", func(s *Settings) { s.BlockWindowDays = 30 }, []time.Time{d(3, 1, 10, 0), d(4, 8, 10, 0)}, time.Time{}, false, time.Time{}},
	} {
		s := centerIn("America/New_York")
		if tc.edit != nil {
			tc.edit(&s)
		}
		since, blocked := s.BlockedSince(tc.strikes, tc.cleared)
		if blocked != tc.blocked || !since.Equal(tc.since) {
			t.Errorf("%s: blocked %v since %v, want %v since %v", tc.name, blocked, since, tc.blocked, tc.since)
		}
	}
}

func TestStrikesAreNoShowsAndLateCancellationsByTheStudent(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	meeting := wall(paris, 2026, 5, 4, 14, 0)
	cancelAt := wall(paris, 2026, 5, 4, 9, 0)
	reqs := []Request{
		{ID: 1, State: StateNoShow, MeetingAt: meeting, StateAt: meeting.Add(2 * time.Hour)},
		{ID: 2, State: StateCancelled, CancelledBy: ActorStudent, LateCancel: true, MeetingAt: meeting.AddDate(0, 0, -30), StateAt: cancelAt.AddDate(0, 0, -30)},
		{ID: 3, State: StateCancelled, CancelledBy: ActorStudent, MeetingAt: meeting, StateAt: cancelAt.AddDate(0, 0, -3)},
		{ID: 4, State: StateCancelled, CancelledBy: ActorVolunteer, MeetingAt: meeting, StateAt: cancelAt},
		{ID: 5, State: StateHeld, MeetingAt: meeting},
		{ID: 6, State: StateExpired},
	}
	want := []time.Time{cancelAt.AddDate(0, 0, -30), meeting}
	if got := Strikes(reqs); !slices.EqualFunc(got, want, time.Time.Equal) {
		t.Errorf("Strikes = %v, want %v", got, want)
	}
}
