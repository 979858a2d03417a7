package method

import (
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	now := time.Date(2026, 11, 20, 15, 4, 0, 0, ny) // a Friday
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026-12-01T09:00:00-05:00", time.Date(2026, 12, 1, 9, 0, 0, 0, ny)},
		{"2026-12-01T14:00:00Z", time.Date(2026, 12, 1, 9, 0, 0, 0, ny)},
		{"2026-12-01 14:30", time.Date(2026, 12, 1, 14, 30, 0, 0, ny)},
		{"2026-12-01T14:30", time.Date(2026, 12, 1, 14, 30, 0, 0, ny)},
		{"2026-12-01", time.Date(2026, 12, 1, 0, 0, 0, 0, ny)},
		{"now", now},
		{" NOW ", now},
		{"+2d", time.Date(2026, 11, 22, 15, 4, 0, 0, ny)},
		{"-3h", now.Add(-3 * time.Hour)},
		{"+1w", time.Date(2026, 11, 27, 15, 4, 0, 0, ny)},
		{"+30m", now.Add(30 * time.Minute)},
		{"tomorrow 10:00", time.Date(2026, 11, 21, 10, 0, 0, 0, ny)},
		{"tomorrow", time.Date(2026, 11, 21, 9, 0, 0, 0, ny)},
		{"yesterday 14:30", time.Date(2026, 11, 19, 14, 30, 0, 0, ny)},
		{"today 08:15", time.Date(2026, 11, 20, 8, 15, 0, 0, ny)},
		{"monday 10:00", time.Date(2026, 11, 23, 10, 0, 0, 0, ny)},
		{"friday", time.Date(2026, 11, 27, 9, 0, 0, 0, ny)},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in, now, ny)
		if err != nil {
			t.Errorf("ParseTime(%q): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) {
			t.Errorf("ParseTime(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseTimeRejectsImpossibleAndUnknownForms(t *testing.T) {
	now := time.Date(2026, 11, 20, 15, 4, 0, 0, time.UTC)
	tests := []struct{ in, wantInMsg string }{
		{"", "no time given"},
		{"2026-02-30", "not a real date"},
		{"2026-13-01 10:00", "not a real date"},
		{"2026-12-01 25:00", "not a real date"},
		{"next blue moon", "cannot read"},
		{"+2y", "unit must be"},
		{"+xd", "relative time"},
		{"tomorrow 9pm", "clock time"},
	}
	for _, tt := range tests {
		_, err := ParseTime(tt.in, now, time.UTC)
		if err == nil {
			t.Errorf("ParseTime(%q) succeeded, want an error", tt.in)
			continue
		}
		if !strings.Contains(err.Error(), tt.wantInMsg) {
			t.Errorf("ParseTime(%q) error %q does not say %q", tt.in, err, tt.wantInMsg)
		}
	}
}
