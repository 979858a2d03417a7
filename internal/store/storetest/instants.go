package storetest

import (
	"fmt"
	"time"
)

// An Instant is a moment at which the rules about hours and days are
// easy to get wrong; tests run their journeys at each (see Instants).
type Instant struct {
	Name string
	At   time.Time // in America/New_York
}

// Instants are the moments the tests prove the hour does not matter at, in
// America/New_York: just after midnight, either side of noon, a minute
// before midnight, a Friday evening and night, a Saturday, and both
// daylight-saving changes. e2e takes them one at a time from
// ALLY_TEST_NOW (scripts/test lists some); the CLI tests take all.
func Instants() []Instant {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(fmt.Sprintf("the tests need the zone database: %v", err))
	}
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t.In(loc)
	}
	return []Instant{
		{"wednesday 00:30", at("2026-11-18T00:30:00-05:00")},
		{"wednesday 11:59", at("2026-11-18T11:59:00-05:00")},
		{"wednesday 12:01", at("2026-11-18T12:01:00-05:00")},
		{"wednesday 23:59", at("2026-11-18T23:59:00-05:00")},
		{"friday evening", at("2026-11-20T18:30:00-05:00")},
		{"friday 23:59", at("2026-03-06T23:59:00-05:00")},
		{"saturday", at("2026-11-21T10:00:00-05:00")},
		{"half an hour before clocks go forward", at("2026-03-08T01:30:00-05:00")},
		{"the second 01:30 as clocks go back", at("2026-11-01T01:30:00-05:00")},
	}
}
