package center

import (
	"fmt"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// LoadZone reads an IANA zone name. Every user of a center has one, so an
// empty name is refused, and so is "Local": the server's zone is nobody's.
func LoadZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, model.Invalid("time_zone", "choose a time zone, such as America/New_York")
	}
	if strings.EqualFold(name, "local") {
		return nil, model.Invalid("time_zone", "%q is the server's zone, not a place: choose one such as America/New_York", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, model.Invalid("time_zone", "%q is not a time zone (use a name such as America/New_York)", name)
	}
	return loc, nil
}

// FormatTime shows an instant in a reader's zone: "Tue 3 Mar 2026, 09:30 EST".
// A zone known only by its offset shows it: "UTC+5:30".
func FormatTime(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return t.Format("Mon 2 Jan 2006, 15:04") + " " + zoneLabel(t)
}

// FormatDate shows the day of an instant in a reader's zone: "Tue 3 Mar 2026".
func FormatDate(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2 Jan 2006")
}

// FormatForBoth shows a meeting time to one side in their zone and, when
// the other side's clock reads differently, what it reads for them:
// "Tue 3 Mar 2026, 09:30 EST (15:30 CET for Dana)", with the other day
// named when it differs ("Wed 4 Mar, 01:30 NZDT for Ari").
func FormatForBoth(t time.Time, mine, theirs *time.Location, theirName string) string {
	out := FormatTime(t, mine)
	a, b := t.In(mine), t.In(theirs)
	_, offA := a.Zone()
	_, offB := b.Zone()
	if offA == offB {
		return out
	}
	other := b.Format("15:04") + " " + zoneLabel(b)
	if a.Format("20060102") != b.Format("20060102") {
		other = b.Format("Mon 2 Jan, ") + other
	}
	if theirName = strings.TrimSpace(theirName); theirName == "" {
		theirName = "them"
	}
	return out + " (" + other + " for " + theirName + ")"
}

// FormatProposal lists the times a student proposed, in the reader's zone,
// or says there are none to choose from.
func FormatProposal(times []time.Time, loc *time.Location) []string {
	if len(times) == 0 {
		return []string{"At your convenience"}
	}
	out := make([]string, len(times))
	for i, t := range times {
		out[i] = FormatTime(t, loc)
	}
	return out
}

// zoneLabel is the zone's abbreviation when it has letters (EST, CET), or
// its offset from UTC when the zone database gives only numbers ("+04").
func zoneLabel(t time.Time) string {
	name, off := t.Zone()
	if name != "" && strings.ContainsFunc(name, func(r rune) bool { return r >= 'A' && r <= 'Z' }) {
		return name
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m := off/3600, off%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}
