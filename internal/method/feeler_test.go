package method

import (
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

func TestFeelerGate(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	thanked := time.Date(2026, 3, 2, 21, 0, 0, 0, time.UTC) // 2 March, 16:00 in New York
	for _, tc := range []struct {
		name     string
		pursuing bool
		thanked  time.Time
		now      time.Time
		ok       bool
		reason   string
	}{
		{"not pursuing, long after", false, thanked, thanked.AddDate(1, 0, 0), false, "field you are pursuing"},
		{"pursuing, no thank-you", true, time.Time{}, thanked, false, "none is logged yet"},
		{"pursuing, the day after", true, thanked, thanked.Add(24 * time.Hour), false, "not before 1 May 2026"},
		{"pursuing, one second short of 60 days", true, thanked, time.Date(2026, 5, 1, 19, 59, 59, 0, time.UTC), false, "not before 1 May 2026"},
		{"pursuing, exactly 60 days", true, thanked, time.Date(2026, 5, 1, 20, 0, 0, 0, time.UTC), true, ""},
		{"pursuing, a year later", true, thanked, thanked.AddDate(1, 0, 0), true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := Feeler(tc.pursuing, tc.thanked, 60, tc.now, ny)
			if g.OK != tc.ok {
				t.Fatalf("OK = %v, want %v (%q)", g.OK, tc.ok, g.Reason)
			}
			if tc.ok && g.Reason != "" {
				t.Errorf("allowed with a reason: %q", g.Reason)
			}
			if !strings.Contains(g.Reason, tc.reason) {
				t.Errorf("reason %q, want it to say %q", g.Reason, tc.reason)
			}
		})
	}
	// Sixty calendar days in the user's zone: across the March change to
	// summer time the hour on the clock stays 16:00 in New York.
	g := Feeler(true, thanked, 60, thanked, ny)
	if want := time.Date(2026, 5, 1, 16, 0, 0, 0, ny); !g.From.Equal(want) {
		t.Errorf("From = %v, want %v", g.From, want)
	}
}

func TestThankedAtIsTheLastMeetingsThankYou(t *testing.T) {
	at := func(d int) time.Time { return time.Date(2026, 1, d, 12, 0, 0, 0, time.UTC) }
	c := &model.Conversation{Events: []model.Event{
		{Step: model.StateHeld, At: at(1)}, {Step: model.StateThanked, At: at(2)},
	}}
	if got := ThankedAt(c); !got.Equal(at(2)) {
		t.Errorf("ThankedAt = %v, want %v", got, at(2))
	}
	c.Events = append(c.Events, model.Event{Step: model.StateHeld, At: at(20)})
	if got := ThankedAt(c); !got.IsZero() {
		t.Errorf("held again without a thank-you: ThankedAt = %v, want zero", got)
	}
	if got := ThankedAt(nil); !got.IsZero() {
		t.Errorf("no conversation: ThankedAt = %v", got)
	}
}
