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

// wallClock reads "2006-01-02 15:04" times in loc, failing the test on a
// typo.
func wallClock(t testing.TB, loc *time.Location) func(string) time.Time {
	return func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestAddBusinessDaysSkipsWeekendsAndKeepsWallClock(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	at := wallClock(t, ny)
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

func TestOnBusinessDayOrBeforeMovesTheWeekendToFriday(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	at := wallClock(t, ny)
	tests := []struct{ name, in, want string }{
		{"a Friday stays", "2026-11-20 10:30", "2026-11-20 10:30"},
		{"a Monday stays", "2026-11-23 08:00", "2026-11-23 08:00"},
		{"Saturday goes to Friday", "2026-11-21 10:30", "2026-11-20 10:30"},
		{"Sunday goes to Friday", "2026-11-22 23:59", "2026-11-20 23:59"},
		{"across the autumn clock change the wall-clock time holds", "2026-11-01 11:00", "2026-10-30 11:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := OnBusinessDayOrBefore(at(tt.in), ny)
			if !got.Equal(at(tt.want)) {
				t.Errorf("OnBusinessDayOrBefore(%s) = %s, want %s", tt.in, got.In(ny).Format("Mon 2006-01-02 15:04"), tt.want)
			}
		})
	}
	// Saturday in Tokyo is still Friday in New York: the zone decides.
	tokyo := mustLoc(t, "Asia/Tokyo")
	fri := at("2026-11-20 20:00") // Saturday 10:00 in Tokyo
	if got := OnBusinessDayOrBefore(fri, tokyo); !got.Equal(fri.Add(-24 * time.Hour)) {
		t.Errorf("in Tokyo, %s should move a day back, got %s", fri.In(tokyo), got.In(tokyo))
	}
	if got := OnBusinessDayOrBefore(fri, ny); !got.Equal(fri) {
		t.Errorf("in New York, a Friday should stay, got %s", got.In(ny))
	}
}
