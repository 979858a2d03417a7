package center

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestMonthOfIsTheCentersCalendarMonth(t *testing.T) {
	instant := time.Date(2026, 12, 1, 3, 30, 0, 0, time.UTC) // 30 Nov 22:30 in New York
	want := map[string]Month{
		"America/New_York": {2026, time.November},
		"Europe/Paris":     {2026, time.December},
		"Asia/Kolkata":     {2026, time.December},
		"Pacific/Auckland": {2026, time.December},
		"UTC":              {2026, time.December},
	}
	for _, name := range zones {
		loc := zone(t, name)
		m := MonthOf(instant, loc)
		if m != want[name] {
			t.Errorf("%s: MonthOf = %v, want %v", name, m, want[name])
		}
		if start, end := m.Start(loc), m.End(loc); instant.Before(start) || !instant.Before(end) {
			t.Errorf("%s: %v is not within [%v, %v)", name, instant, start, end)
		}
	}
	if got := (Month{2026, time.December}).Next(); got != (Month{2027, time.January}) {
		t.Errorf("the month after December 2026 is %v", got)
	}
	if got := (Month{2026, time.March}).String(); got != "March 2026" {
		t.Errorf("String = %q", got)
	}
	// A month in a zone that changes its clocks is still whole: March in
	// Paris runs from 1 March 00:00 CET to 1 April 00:00 CEST.
	paris := zone(t, "Europe/Paris")
	m := Month{2026, time.March}
	if d := m.End(paris).Sub(m.Start(paris)); d != 31*24*time.Hour-time.Hour {
		t.Errorf("March 2026 in Paris lasts %v", d)
	}
}

// TestCapacityCountsAcceptedByMeetingMonth: an accepted request counts in
// the month of its meeting, or while none is agreed in the month it was
// accepted; a cancellation frees the slot, a no-show does not.
func TestCapacityCountsAcceptedByMeetingMonth(t *testing.T) {
	for _, name := range zones {
		s := centerIn(name)
		loc := zone(t, name)
		nov, dec := Month{2026, time.November}, Month{2026, time.December}
		accepted := wall(loc, 2026, 11, 10, 9, 0)
		reqs := []Request{
			{ID: 1, State: StateAccepted, AcceptedAt: accepted, MeetingAt: wall(loc, 2026, 11, 12, 10, 0)},                                              // Nov
			{ID: 2, State: StateAccepted, AcceptedAt: accepted, MeetingAt: wall(loc, 2026, 12, 1, 0, 30)},                                               // Dec, just after midnight
			{ID: 3, State: StateAccepted, AcceptedAt: wall(loc, 2026, 11, 30, 23, 59)},                                                                  // Nov: no time agreed yet
			{ID: 4, State: StateHeld, AcceptedAt: accepted, MeetingAt: wall(loc, 2026, 11, 3, 10, 0)},                                                   // Nov
			{ID: 5, State: StateNoShow, AcceptedAt: accepted, MeetingAt: wall(loc, 2026, 11, 4, 10, 0)},                                                 // Nov: the time was spent
			{ID: 6, State: StateCancelled, AcceptedAt: accepted, MeetingAt: wall(loc, 2026, 11, 5, 10, 0)},                                              // freed
			{ID: 7, State: StateCancelled, AcceptedAt: accepted, MeetingAt: wall(loc, 2026, 11, 6, 10, 0), LateCancel: true, CancelledBy: ActorStudent}, // freed too
			{ID: 8, State: StatePending, CreatedAt: accepted},
			{ID: 9, State: StateDeclined, CreatedAt: accepted},
			{ID: 10, State: StateReported, AcceptedAt: accepted, MeetingAt: wall(loc, 2026, 11, 7, 10, 0)},
			{ID: 11, State: StateAccepted, AcceptedAt: wall(loc, 2026, 10, 31, 23, 0), MeetingAt: wall(loc, 2026, 11, 2, 10, 0)}, // accepted in Oct, meets in Nov
		}
		if got := s.CapacityUsed(reqs, nov, 0); got != 5 {
			t.Errorf("%s: November uses %d, want 5 (requests 1, 3, 4, 5, 11)", name, got)
		}
		if got := s.CapacityUsed(reqs, dec, 0); got != 1 {
			t.Errorf("%s: December uses %d, want 1", name, got)
		}
		if got := s.CapacityUsed(reqs, Month{2026, time.October}, 0); got != 0 {
			t.Errorf("%s: October uses %d, want 0", name, got)
		}
		if got := s.CapacityUsed(reqs, nov, 4); got != 4 {
			t.Errorf("%s: November leaving request 4 out uses %d, want 4", name, got)
		}
	}
}

// TestCapacityMonthFollowsTheCentersZone: one meeting at 30 Nov 21:00 in
// New York is in November for a New York center and in December for a
// center in UTC (1 Dec 02:00).
func TestCapacityMonthFollowsTheCentersZone(t *testing.T) {
	r := Request{ID: 1, State: StateAccepted, AcceptedAt: time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC),
		MeetingAt: wall(zone(t, "America/New_York"), 2026, 11, 30, 21, 0)}
	for name, want := range map[string]time.Month{"America/New_York": time.November, "UTC": time.December, "Pacific/Auckland": time.December} {
		s := centerIn(name)
		at, ok := CountedAt(r)
		if !ok {
			t.Fatal("an accepted request does not count")
		}
		if got := MonthOf(at, s.Location()).Month; got != want {
			t.Errorf("%s: counts in %v, want %v", name, got, want)
		}
	}
}

func TestCountingStatesAreTheOnesCountedAt(t *testing.T) {
	at := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	counting := map[State]bool{}
	for _, st := range CountingStates() {
		counting[st] = true
	}
	for _, st := range States() {
		_, ok := CountedAt(Request{State: st, AcceptedAt: at})
		if ok != counting[st] {
			t.Errorf("%s: CountedAt says %v, CountingStates says %v", st, ok, counting[st])
		}
	}
}

func TestPendingRoomIsThreeTimesTheRoomLeft(t *testing.T) {
	s := DefaultSettings()
	for _, tc := range []struct{ capacity, used, room int }{
		{2, 0, 6}, {2, 1, 3}, {2, 2, 0}, {1, 0, 3}, {1, 3, 0}, {0, 0, 0},
	} {
		if got := s.PendingRoom(tc.capacity, tc.used); got != tc.room {
			t.Errorf("capacity %d, used %d: room for %d pending, want %d", tc.capacity, tc.used, got, tc.room)
		}
	}
}

// TestCheckCapacityAtAcceptance: a volunteer with one slot left accepts
// three requests one after the other; only the first fits.
func TestCheckCapacityAtAcceptance(t *testing.T) {
	s := centerIn("Asia/Kolkata")
	loc := s.Location()
	now := wall(loc, 2026, 11, 20, 10, 0)
	month := MonthOf(now, loc)
	reqs := []Request{
		{ID: 1, State: StateHeld, AcceptedAt: now.AddDate(0, 0, -10), MeetingAt: now.AddDate(0, 0, -5)},
		{ID: 2, State: StatePending, CreatedAt: now.AddDate(0, 0, -3)},
		{ID: 3, State: StatePending, CreatedAt: now.AddDate(0, 0, -2)},
		{ID: 4, State: StatePending, CreatedAt: now.AddDate(0, 0, -1)},
	}
	won := 0
	for i := 1; i < len(reqs); i++ {
		next, err := s.Apply(reqs[i], Step{Action: ActAccept, By: ActorVolunteer, At: now})
		if err != nil {
			t.Fatal(err)
		}
		at, _ := CountedAt(next)
		m := MonthOf(at, loc)
		if m != month {
			t.Fatalf("accepted with no time counts in %v, want %v", m, month)
		}
		err = s.CheckCapacity(2, s.CapacityUsed(reqs, m, next.ID), m, ActorVolunteer, "Dana Reyes")
		if err == nil {
			won++
			reqs[i] = next
			continue
		}
		var ref *Refusal
		if !errors.As(err, &ref) || ref.Rule != RuleCapacity || !strings.Contains(ref.Message, "You have already accepted 2 conversations in November 2026") {
			t.Errorf("refusal %v", err)
		}
	}
	if won != 1 {
		t.Errorf("%d acceptances fit in one slot", won)
	}
	// Moving a meeting into a full month is refused, in words for the
	// student who moves it.
	err := s.CheckCapacity(2, 2, Month{2026, time.December}, ActorStudent, "Dana Reyes")
	if err == nil || !strings.Contains(err.Error(), "Dana Reyes has no room left in December 2026") {
		t.Errorf("CheckCapacity for the student = %v", err)
	}
}
