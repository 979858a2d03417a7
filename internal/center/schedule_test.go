package center

import (
	"slices"
	"testing"
	"time"
)

// TestReminderAndExpiryKeepTheWallClock: sent at 09:00, reminded on day 10
// and expired on day 14 at 09:00 in the center's zone, across a clock
// change where the zone has one.
func TestReminderAndExpiryKeepTheWallClock(t *testing.T) {
	sent := map[string][3]time.Time{} // sent, reminder, expiry
	add := func(name string, y int, mo time.Month, d int, ry int, rmo time.Month, rd int, ey int, emo time.Month, ed int) {
		loc := zone(t, name)
		sent[name] = [3]time.Time{wall(loc, y, mo, d, 9, 0), wall(loc, ry, rmo, rd, 9, 0), wall(loc, ey, emo, ed, 9, 0)}
	}
	add("America/New_York", 2026, 10, 27, 2026, 11, 6, 2026, 11, 10) // daylight saving ends on 1 Nov
	add("Europe/Paris", 2026, 3, 20, 2026, 3, 30, 2026, 4, 3)        // starts on 29 Mar
	add("Asia/Kolkata", 2026, 12, 25, 2027, 1, 4, 2027, 1, 8)        // none; a new year
	add("Pacific/Auckland", 2026, 9, 20, 2026, 9, 30, 2026, 10, 4)   // starts on 27 Sep
	add("UTC", 2026, 2, 20, 2026, 3, 2, 2026, 3, 6)                  // February
	for _, name := range zones {
		s := centerIn(name)
		times := sent[name]
		r := Request{ID: 3, State: StatePending, CreatedAt: times[0]}
		if got := s.RemindAt(r); !got.Equal(times[1]) {
			t.Errorf("%s: reminder at %v, want %v", name, got, times[1])
		}
		if got := s.ExpiresAt(r); !got.Equal(times[2]) {
			t.Errorf("%s: expires at %v, want %v", name, got, times[2])
		}
	}
}

func TestDueJobsOfARequest(t *testing.T) {
	s := centerIn("America/New_York")
	ny := zone(t, "America/New_York")
	sent := wall(ny, 2026, 10, 27, 9, 0)
	remind := wall(ny, 2026, 11, 6, 9, 0)
	expire := wall(ny, 2026, 11, 10, 9, 0)
	meeting := wall(ny, 2026, 11, 12, 16, 0)
	ask := meeting.Add(20*time.Minute + time.Hour)
	pending := Request{ID: 3, State: StatePending, CreatedAt: sent, Minutes: 20}
	reminded := pending
	reminded.RemindedAt = remind.Add(time.Minute)
	question := pending
	question.State = StateMoreInfo
	accepted := Request{ID: 3, State: StateAccepted, CreatedAt: sent, AcceptedAt: sent.AddDate(0, 0, 2), MeetingAt: meeting, Minutes: 20}
	prompted := accepted
	prompted.PromptedAt = ask
	noTime := accepted
	noTime.MeetingAt = time.Time{}
	for _, tc := range []struct {
		name string
		r    Request
		now  time.Time
		want []JobKind
		next time.Time // zero: nothing more
	}{
		{"new", pending, sent, nil, remind},
		{"a second before day 10", pending, remind.Add(-time.Second), nil, remind},
		{"day 10", pending, remind, []JobKind{JobRemind}, remind},
		{"reminded", reminded, remind.Add(time.Hour), nil, expire},
		{"day 14", reminded, expire, []JobKind{JobExpire}, expire},
		{"day 14, the reminder never went", pending, expire.Add(time.Hour), []JobKind{JobExpire}, remind},
		{"a question waits on the student", question, remind, []JobKind{JobRemind}, remind},
		{"before the meeting ends", accepted, meeting.Add(20 * time.Minute), nil, ask},
		{"an hour after it ends", accepted, ask, []JobKind{JobAskOutcome}, ask},
		{"asked already", prompted, ask.Add(time.Hour), nil, time.Time{}},
		{"accepted with no time", noTime, expire, nil, time.Time{}},
		{"declined", Request{ID: 3, State: StateDeclined, CreatedAt: sent}, expire, nil, time.Time{}},
		{"held", Request{ID: 3, State: StateHeld, CreatedAt: sent, MeetingAt: meeting}, ask, nil, time.Time{}},
	} {
		var kinds []JobKind
		for _, j := range s.Due(tc.r, tc.now) {
			kinds = append(kinds, j.Kind)
			if j.RequestID != tc.r.ID || j.At.After(tc.now) {
				t.Errorf("%s: job %+v", tc.name, j)
			}
		}
		if !slices.Equal(kinds, tc.want) {
			t.Errorf("%s: Due = %v, want %v", tc.name, kinds, tc.want)
		}
		next, ok := s.NextDue(tc.r)
		if ok != !tc.next.IsZero() || !next.Equal(tc.next) {
			t.Errorf("%s: NextDue = %v %v, want %v", tc.name, next, ok, tc.next)
		}
	}
	if pending.WaitsOn() != ActorVolunteer || question.WaitsOn() != ActorStudent || accepted.WaitsOn() != "" {
		t.Error("WaitsOn names the wrong side")
	}
}

// TestJobsRunOnce: a job marked done, or the step it leads to, is never
// due again; a new meeting time brings the "did it happen?" back.
func TestJobsRunOnce(t *testing.T) {
	s := centerIn("Pacific/Auckland")
	akl := zone(t, "Pacific/Auckland")
	sent := wall(akl, 2026, 9, 20, 9, 0)
	r := Request{ID: 8, State: StatePending, CreatedAt: sent, Minutes: 30}
	now := s.RemindAt(r)
	for _, j := range s.Due(r, now) {
		r = Done(r, j, now)
	}
	if due := s.Due(r, now.Add(time.Hour)); len(due) != 0 {
		t.Fatalf("after the reminder, due: %v", due)
	}
	now = s.ExpiresAt(r)
	for _, j := range s.Due(r, now) {
		if j.Kind != JobExpire {
			t.Fatalf("unexpected job %v", j)
		}
		next, err := s.Apply(r, Step{Action: ActExpire, By: ActorAlly, At: now})
		if err != nil {
			t.Fatal(err)
		}
		r = next
	}
	if r.State != StateExpired || len(s.Due(r, now.AddDate(0, 1, 0))) != 0 {
		t.Errorf("after expiry: %s, due %v", r.State, s.Due(r, now.AddDate(0, 1, 0)))
	}

	meeting := wall(akl, 2026, 10, 1, 18, 0)
	a := Request{ID: 9, State: StateAccepted, CreatedAt: sent, AcceptedAt: sent.Add(time.Hour), MeetingAt: meeting, Minutes: 30}
	now = meeting.Add(3 * time.Hour)
	for _, j := range s.Due(a, now) {
		a = Done(a, j, now)
	}
	if a.PromptedAt.IsZero() || len(s.Due(a, now.Add(time.Hour))) != 0 {
		t.Fatalf("the prompt is due again: %v", s.Due(a, now.Add(time.Hour)))
	}
	later := wall(akl, 2026, 10, 8, 18, 0)
	a, err := s.Apply(a, Step{Action: ActSchedule, By: ActorVolunteer, At: now, MeetingAt: later})
	if err != nil {
		t.Fatal(err)
	}
	if next, ok := s.NextDue(a); !ok || !next.Equal(later.Add(90*time.Minute)) {
		t.Errorf("after a new time, NextDue = %v %v", next, ok)
	}
}

func TestAcceptanceWithdrawsOtherRequestsInTheSameField(t *testing.T) {
	s := centerIn("Europe/Paris")
	paris := zone(t, "Europe/Paris")
	sent := wall(paris, 2026, 11, 2, 9, 0)
	acceptedAt := wall(paris, 2026, 11, 4, 18, 0)
	accepted := Request{ID: 1, StudentID: 10, VolunteerID: 20, Field: "Urban Planning", State: StateAccepted, CreatedAt: sent, AcceptedAt: acceptedAt}
	others := []Request{
		accepted,
		{ID: 2, StudentID: 10, VolunteerID: 21, Field: " urban   planning", State: StatePending, CreatedAt: sent},
		{ID: 3, StudentID: 10, VolunteerID: 22, Field: "Urban planning", State: StateMoreInfo, CreatedAt: sent, Question: "Which city?"},
		{ID: 4, StudentID: 10, VolunteerID: 23, Field: "Architecture", State: StatePending, CreatedAt: sent},
		{ID: 5, StudentID: 11, VolunteerID: 21, Field: "Urban planning", State: StatePending, CreatedAt: sent},
		{ID: 6, StudentID: 10, VolunteerID: 24, Field: "Urban planning", State: StateDeclined, CreatedAt: sent},
		{ID: 7, StudentID: 10, VolunteerID: 25, Field: "Urban planning", State: StateAccepted, CreatedAt: sent},
	}
	got := s.WithdrawOthers(accepted, others)
	var ids []int64
	for _, r := range got {
		ids = append(ids, r.ID)
		if r.State != StateWithdrawn || !r.StateAt.Equal(acceptedAt) {
			t.Errorf("request %d: %s at %v", r.ID, r.State, r.StateAt)
		}
	}
	if !slices.Equal(ids, []int64{2, 3}) {
		t.Errorf("withdrawn %v, want [2 3]", ids)
	}
	if SameField("Urban planning", "Urban planning (transport)") {
		t.Error("two fields taken for one")
	}
}
