package method

import "time"

// AddBusinessDays returns the instant n business days (Monday to Friday in
// loc) after t, at the same wall-clock time. A start on a weekend counts from
// the next Monday, so a request sent on Saturday morning is three business
// days old on Wednesday morning, as it would be had it been sent on Monday.
// Wall-clock arithmetic keeps "10:00" at 10:00 across a daylight-saving change.
func AddBusinessDays(t time.Time, n int, loc *time.Location) time.Time {
	d := t.In(loc)
	for added := 0; added < n; {
		d = addDays(d, 1, loc)
		if isBusinessDay(d.Weekday()) {
			added++
		}
	}
	return d
}

// AddDays adds calendar days in loc keeping the wall-clock time.
func AddDays(t time.Time, n int, loc *time.Location) time.Time {
	return addDays(t.In(loc), n, loc)
}

func addDays(d time.Time, n int, loc *time.Location) time.Time {
	y, m, day := d.Date()
	return time.Date(y, m, day+n, d.Hour(), d.Minute(), d.Second(), d.Nanosecond(), loc)
}

// OnBusinessDayOrBefore moves t, when it falls on a Saturday or a Sunday in
// loc, back to the Friday before at the same wall-clock time: a reminder
// due at the weekend is better done on the working day before it than on
// the Monday after, which may be too late (a Monday meeting's confirmation).
func OnBusinessDayOrBefore(t time.Time, loc *time.Location) time.Time {
	d := t.In(loc)
	for !isBusinessDay(d.Weekday()) {
		d = addDays(d, -1, loc)
	}
	return d
}

func isBusinessDay(w time.Weekday) bool {
	return w != time.Saturday && w != time.Sunday
}

// StartOfDay is midnight of t's day in loc.
func StartOfDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}
