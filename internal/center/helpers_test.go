package center

import (
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine
)

// zone loads a named zone; tests never use the machine's.
func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// wall is a wall-clock time in loc.
func wall(loc *time.Location, y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, loc)
}

// centerIn is the default settings of a center in the named zone.
func centerIn(name string) Settings {
	s := DefaultSettings()
	s.TimeZone = name
	return s
}

// zones are the centers the rules are tried in: both sides of UTC, both
// hemispheres' daylight-saving changes, a half-hour offset and none.
var zones = []string{"America/New_York", "Europe/Paris", "Asia/Kolkata", "Pacific/Auckland", "UTC"}
