package method

import (
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

func TestWarmthByCadence(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	s := DefaultSettings()
	s.TimeZone = "UTC"
	s.KeepInTouchByTag = map[string]int{"mentor": 30, "rare": 365}
	day := 24 * time.Hour
	cases := []struct {
		name string
		last time.Time
		tags []string
		want Warmth
	}{
		{"never touched", time.Time{}, nil, WarmthCold},
		{"touched today", now.Add(-time.Hour), nil, WarmthHot},
		{"a touch logged ahead", now.Add(day), nil, WarmthHot},
		{"exactly a third of 90 days", now.Add(-30 * day), nil, WarmthHot},
		{"just past a third", now.Add(-30*day - time.Second), nil, WarmthWarm},
		{"exactly the cadence: keeping in touch is due", now.Add(-90 * day), nil, WarmthWarm},
		{"a day past the cadence", now.Add(-91 * day), nil, WarmthCooling},
		{"exactly twice the cadence", now.Add(-180 * day), nil, WarmthCooling},
		{"past twice the cadence", now.Add(-181 * day), nil, WarmthCold},
		{"a mentor every 30 days: 20 days is warm", now.Add(-20 * day), []string{"mentor"}, WarmthWarm},
		{"a mentor: 45 days is cooling", now.Add(-45 * day), []string{"mentor"}, WarmthCooling},
		{"a longer tag does not stretch the default", now.Add(-100 * day), []string{"rare"}, WarmthCooling},
		{"the shortest cadence wins", now.Add(-61 * day), []string{"rare", "mentor"}, WarmthCold},
	}
	for _, c := range cases {
		if got := s.WarmthOf(c.last, now, c.tags); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	// Calendar days in the user's zone, as the keep-in-touch action
	// counts them: 90 days before a date after the clocks went back is
	// still 90 days at the same wall-clock hour.
	s.TimeZone = ny.String()
	now = time.Date(2026, 11, 20, 9, 0, 0, 0, ny)
	if got := s.WarmthOf(time.Date(2026, 8, 22, 9, 0, 0, 0, ny), now, nil); got != WarmthWarm {
		t.Errorf("90 calendar days across the time change: %s, want warm", got)
	}
	if got := s.WarmthOf(time.Date(2026, 8, 22, 8, 59, 0, 0, ny), now, nil); got != WarmthCooling {
		t.Errorf("a minute before: %s, want cooling", got)
	}
}

func TestStageReachedIsTheFurthest(t *testing.T) {
	cases := []struct {
		states []model.State
		want   Stage
	}{
		{nil, StageNone},
		{[]model.State{model.StateIdea}, StageIdea},
		{[]model.State{model.StateIdea, model.StateDeclined}, StageRequested},
		{[]model.State{model.StateScheduled}, StageRequested},
		{[]model.State{model.StateThanked, model.StateRequested}, StageHeld},
		{[]model.State{model.StateReportedBack}, StageHeld},
		{[]model.State{model.StateHeld, model.StateKeepingInTouch}, StageKeepingInTouch},
		{[]model.State{model.StateCancelled, model.StateNoReply}, StageRequested},
	}
	for _, c := range cases {
		if got := StageReached(c.states); got != c.want {
			t.Errorf("%v: %q, want %q", c.states, got, c.want)
		}
	}
	if WarmthCold.Rank() != 3 || WarmthHot.Rank() != 0 {
		t.Error("ranks run from hot (0) to cold (3)")
	}
}
