package method

import (
	"testing"
	"time"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

func TestAddBusinessDaysSkipsWeekendsAndKeepsWallClock(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ny)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		{"monday plus three is thursday", "2026-11-16 10:00", 3, "2026-11-19 10:00"},
		{"wednesday plus three crosses the weekend", "2026-11-18 10:00", 3, "2026-11-23 10:00"},
		{"friday plus three is wednesday", "2026-11-20 10:00", 3, "2026-11-25 10:00"},
		{"friday plus one is monday", "2026-11-20 17:30", 1, "2026-11-23 17:30"},
		{"saturday counts from monday", "2026-11-21 10:00", 3, "2026-11-25 10:00"},
		{"sunday plus one is monday", "2026-11-22 08:00", 1, "2026-11-23 08:00"},
		{"friday plus seven is the tuesday after next", "2026-11-20 10:00", 7, "2026-12-01 10:00"},
		{"zero days is the same instant", "2026-11-21 10:00", 0, "2026-11-21 10:00"},
		// 1 November 2026 is the end of daylight saving time in New York.
		{"across the autumn daylight-saving change", "2026-10-30 10:00", 3, "2026-11-04 10:00"},
		// 8 March 2026 is the start of daylight saving time.
		{"across the spring daylight-saving change", "2026-03-06 09:00", 1, "2026-03-09 09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AddBusinessDays(at(tt.start), tt.n, ny)
			if want := at(tt.want); !got.Equal(want) {
				t.Errorf("AddBusinessDays(%s, %d) = %s, want %s", tt.start, tt.n, got, want)
			}
		})
	}
}

func TestAddDaysAcrossDaylightSavingKeepsClockTime(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	start := time.Date(2026, 10, 31, 10, 0, 0, 0, ny)
	got := AddDays(start, 2, ny)
	if want := time.Date(2026, 11, 2, 10, 0, 0, 0, ny); !got.Equal(want) {
		t.Fatalf("got %s, want %s", got, want)
	}
	if got.Sub(start) != 49*time.Hour {
		t.Fatalf("two wall-clock days across the change should be 49 hours, got %s", got.Sub(start))
	}
}
