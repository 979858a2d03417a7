package method

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// TimeHelp lists the forms ParseTime accepts, for error messages and help.
const TimeHelp = "2026-12-01T14:30:00-05:00 (RFC 3339), 2026-12-01 14:30, 2026-12-01, now, today 10:00, tomorrow 10:00, yesterday, monday 10:00, +2d, -3h, +1w, +30m"

// ParseTime reads a time as people type it. Dates without a zone are in
// loc; relative forms count from now.
func ParseTime(s string, now time.Time, loc *time.Location) (time.Time, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return time.Time{}, fmt.Errorf("no time given; use %s", TimeHelp)
	}
	if t, err := time.Parse(time.RFC3339, in); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, in, loc); err == nil {
			return t, nil
		} else if looksLike(in, layout) {
			return time.Time{}, fmt.Errorf("%q is not a real date or time (%s)", in, plainParseError(err))
		}
	}
	lower := strings.ToLower(in)
	if lower == "now" {
		return now, nil
	}
	if t, ok, err := parseRelative(lower, now); ok {
		return t, err
	}
	if t, ok, err := parseDayWord(lower, now, loc); ok {
		return t, err
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time; use %s", in, TimeHelp)
}

// looksLike reports whether s has the shape of layout, so that "2026-02-30"
// is reported as an impossible date rather than as an unknown form.
func looksLike(s, layout string) bool {
	if len(s) != len(layout) {
		return false
	}
	for i := 0; i < len(s); i++ {
		l, c := layout[i], s[i]
		isDigit := c >= '0' && c <= '9'
		if (l >= '0' && l <= '9') != isDigit || (!isDigit && l != c) {
			return false
		}
	}
	return true
}

func plainParseError(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

func parseRelative(s string, now time.Time) (time.Time, bool, error) {
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') {
		return time.Time{}, false, nil
	}
	unit := s[len(s)-1]
	n, err := strconv.Atoi(s[1 : len(s)-1])
	if err != nil || n > 100000 {
		return time.Time{}, true, fmt.Errorf("cannot read %q as a relative time; use forms like +2d, -3h, +1w, +30m", s)
	}
	if s[0] == '-' {
		n = -n
	}
	switch unit {
	case 'm':
		return now.Add(time.Duration(n) * time.Minute), true, nil
	case 'h':
		return now.Add(time.Duration(n) * time.Hour), true, nil
	case 'd':
		return now.AddDate(0, 0, n), true, nil
	case 'w':
		return now.AddDate(0, 0, 7*n), true, nil
	}
	return time.Time{}, true, fmt.Errorf("cannot read %q: the unit must be m, h, d or w (as in +2d)", s)
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// parseDayWord reads "today", "tomorrow 10:00", "yesterday 14:30" and
// "monday 10:00" (the next such day). Without a clock time the day starts
// at 09:00 for future days and now's clock for today.
func parseDayWord(s string, now time.Time, loc *time.Location) (time.Time, bool, error) {
	word, clock, _ := strings.Cut(s, " ")
	clock = strings.TrimSpace(clock)
	n := now.In(loc)
	var day time.Time
	switch word {
	case "today":
		day = n
	case "tomorrow":
		day = AddDays(n, 1, loc)
	case "yesterday":
		day = AddDays(n, -1, loc)
	default:
		wd, ok := weekdays[word]
		if !ok {
			return time.Time{}, false, nil
		}
		ahead := (int(wd) - int(n.Weekday()) + 7) % 7
		if ahead == 0 {
			ahead = 7
		}
		day = AddDays(n, ahead, loc)
	}
	if clock == "" {
		if word == "today" || word == "yesterday" {
			return day, true, nil
		}
		y, m, d := day.Date()
		return time.Date(y, m, d, 9, 0, 0, 0, loc), true, nil
	}
	c, err := time.Parse("15:04", clock)
	if err != nil {
		return time.Time{}, true, fmt.Errorf("cannot read %q as a clock time; use 24-hour HH:MM like 14:30", clock)
	}
	y, m, d := day.Date()
	return time.Date(y, m, d, c.Hour(), c.Minute(), 0, 0, loc), true, nil
}
