package interop

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// An Event is a calendar entry: a scheduled conversation, or a due action
// shown as an all-day entry (calendars that subscribe to a feed often
// ignore to-dos).
type Event struct {
	// UID must stay the same for the same conversation across downloads
	// and feed refreshes, so calendars update the entry instead of adding
	// another.
	UID string

	// Start is when it begins; with AllDay, only its date counts, taken in
	// Start's own location.
	Start  time.Time
	AllDay bool

	// Minutes is the length asked for. Zero or less writes no end, which
	// calendars show as a moment.
	Minutes int

	Summary, Location, Description string
	URL                            string // a link back to the conversation in Ally

	// Stamp is when the information was last changed (DTSTAMP). Required:
	// a writer without a clock cannot make it up.
	Stamp time.Time

	// Alarms adds two reminders: 48 hours before, to confirm the meeting,
	// and 15 minutes before, to arrive early.
	Alarms bool
}

// A Todo is a due action from the agenda, as a VTODO.
type Todo struct {
	UID string
	// Due is when it is due; with AllDay, only its date counts, taken in
	// Due's own location. Zero for no due date.
	Due    time.Time
	AllDay bool

	Summary, Description string
	Stamp                time.Time // as Event.Stamp
}

// WriteICS writes an iCalendar file (RFC 5545) named calName with events
// and todos: CRLF line ends, lines folded at 75 octets, text escaped.
//
// Times are written in loc with a VTIMEZONE describing it over the span
// the entries cover, so a calendar in another zone still shows the right
// moment and the right local time; with loc nil, UTC or time.Local (whose
// name means nothing elsewhere), they are written in UTC. It checks every
// entry before writing anything, so an error leaves w untouched.
func WriteICS(w io.Writer, calName string, loc *time.Location, events []Event, todos []Todo) error {
	for i := range events {
		e := &events[i]
		switch {
		case tidy(e.UID) == "":
			return fmt.Errorf("ics export: event %d (%s) has no UID", i+1, e.Summary)
		case e.Start.IsZero():
			return fmt.Errorf("ics export: event %q has no start", e.UID)
		case e.Stamp.IsZero():
			return fmt.Errorf("ics export: event %q has no stamp", e.UID)
		}
	}
	for i := range todos {
		t := &todos[i]
		switch {
		case tidy(t.UID) == "":
			return fmt.Errorf("ics export: to-do %d (%s) has no UID", i+1, t.Summary)
		case t.Stamp.IsZero():
			return fmt.Errorf("ics export: to-do %q has no stamp", t.UID)
		}
	}
	// time.Local is recognised by identity, not by name: Go names it
	// "Local" when it comes from /etc/localtime but after $TZ when that is
	// set, and either way it is the machine's zone, not a choice the user made.
	if loc == nil || loc == time.UTC || loc == time.Local || loc.String() == "UTC" || loc.String() == "Local" || loc.String() == "" {
		loc = nil
	}

	lw := newLineWriter(w)
	lw.line("BEGIN:VCALENDAR")
	lw.line("VERSION:2.0")
	lw.line("PRODID:-//Ally//Ally//EN")
	lw.line("CALSCALE:GREGORIAN")
	lw.line("METHOD:PUBLISH")
	if name := tidy(calName); name != "" {
		lw.prop("NAME", name)         // RFC 7986
		lw.prop("X-WR-CALNAME", name) // what Apple, Google and Outlook read
	}
	if loc != nil {
		if from, to, ok := timedSpan(events, todos); ok {
			lw.prop("X-WR-TIMEZONE", loc.String())
			writeVTimezone(lw, loc, from, to)
		} else {
			loc = nil
		}
	}
	for i := range events {
		writeEvent(lw, &events[i], loc)
	}
	for i := range todos {
		writeTodo(lw, &todos[i], loc)
	}
	lw.line("END:VCALENDAR")
	return lw.flush()
}

func writeEvent(lw *lineWriter, e *Event, loc *time.Location) {
	lw.line("BEGIN:VEVENT")
	lw.prop("UID", tidy(e.UID))
	lw.line("DTSTAMP:" + utcStamp(e.Stamp))
	if e.AllDay {
		lw.line("DTSTART;VALUE=DATE:" + e.Start.Format("20060102"))
		lw.line("DTEND;VALUE=DATE:" + e.Start.AddDate(0, 0, 1).Format("20060102"))
	} else {
		lw.line("DTSTART" + timeValue(e.Start, loc))
		if e.Minutes > 0 {
			lw.line("DTEND" + timeValue(e.Start.Add(time.Duration(e.Minutes)*time.Minute), loc))
		}
	}
	summary := tidy(e.Summary)
	lw.prop("SUMMARY", summary)
	if v := tidy(e.Location); v != "" {
		lw.prop("LOCATION", v)
	}
	if v := tidy(e.Description); v != "" {
		lw.prop("DESCRIPTION", v)
	}
	if v := uriValue(e.URL); v != "" {
		lw.line("URL:" + v)
	}
	if e.Alarms {
		writeAlarm(lw, "-PT48H", "In 48 hours; confirm the meeting: "+summary)
		writeAlarm(lw, "-PT15M", "In 15 minutes; be there early: "+summary)
	}
	lw.line("END:VEVENT")
}

func writeAlarm(lw *lineWriter, trigger, text string) {
	lw.line("BEGIN:VALARM")
	lw.line("ACTION:DISPLAY")
	lw.line("TRIGGER:" + trigger)
	lw.prop("DESCRIPTION", text)
	lw.line("END:VALARM")
}

func writeTodo(lw *lineWriter, t *Todo, loc *time.Location) {
	lw.line("BEGIN:VTODO")
	lw.prop("UID", tidy(t.UID))
	lw.line("DTSTAMP:" + utcStamp(t.Stamp))
	switch {
	case t.Due.IsZero():
	case t.AllDay:
		lw.line("DUE;VALUE=DATE:" + t.Due.Format("20060102"))
	default:
		lw.line("DUE" + timeValue(t.Due, loc))
	}
	lw.prop("SUMMARY", tidy(t.Summary))
	if v := tidy(t.Description); v != "" {
		lw.prop("DESCRIPTION", v)
	}
	lw.line("END:VTODO")
}

func utcStamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// timeValue returns ";TZID=zone:local-time", or ":utc-timeZ" without loc.
//
// A local time in the hour repeated when clocks go back is ambiguous, and
// readers disagree on it: RFC 5545 §3.3.5 takes the first occurrence, Go's
// time.Date (and so Go readers) the second. Such a moment is written in
// UTC, which every reader takes the same way.
func timeValue(t time.Time, loc *time.Location) string {
	if loc == nil || ambiguousLocal(t.In(loc)) {
		return ":" + utcStamp(t)
	}
	return ";TZID=" + tzid(loc) + ":" + t.In(loc).Format("20060102T150405")
}

// ambiguousLocal reports whether t's wall-clock time occurs twice in its
// location: just after clocks went back, or just before they go back.
func ambiguousLocal(t time.Time) bool {
	start, end := t.ZoneBounds()
	_, offset := t.Zone()
	if !start.IsZero() {
		if _, before := start.Add(-time.Second).Zone(); before > offset && t.Sub(start) < time.Duration(before-offset)*time.Second {
			return true
		}
	}
	if !end.IsZero() {
		if _, after := end.Zone(); after < offset && end.Sub(t) <= time.Duration(offset-after)*time.Second {
			return true
		}
	}
	return false
}

// tzid is loc's name as a parameter value, quoted if it holds a character
// that ends one.
func tzid(loc *time.Location) string {
	name := strings.ReplaceAll(uriValue(loc.String()), `"`, "")
	if strings.ContainsAny(name, ";:,") {
		return `"` + name + `"`
	}
	return name
}

// timedSpan returns the earliest and latest timed (not all-day) moments.
func timedSpan(events []Event, todos []Todo) (from, to time.Time, ok bool) {
	see := func(t time.Time) {
		if !ok || t.Before(from) {
			from = t
		}
		if !ok || t.After(to) {
			to = t
		}
		ok = true
	}
	for i := range events {
		if e := &events[i]; !e.AllDay {
			see(e.Start)
			see(e.Start.Add(time.Duration(max(e.Minutes, 0)) * time.Minute))
		}
	}
	for i := range todos {
		if t := &todos[i]; !t.AllDay && !t.Due.IsZero() {
			see(t.Due)
		}
	}
	return from, to, ok
}

// writeVTimezone describes loc from the offset period holding from to the
// one holding to, one observance per period with its exact start, so any
// reader gets each time right without knowing the zone's rules (Go does
// not expose them, only the transitions).
func writeVTimezone(lw *lineWriter, loc *time.Location, from, to time.Time) {
	lw.line("BEGIN:VTIMEZONE")
	lw.line("TZID:" + strings.Trim(tzid(loc), `"`))
	t := from.In(loc)
	// A bound on periods keeps a far-future date from writing thousands;
	// two a year for a century covers any feed.
	for n := 0; n < 200; n++ {
		start, end := t.ZoneBounds()
		name, offset := t.Zone()
		from := offset
		dtstart := "19700101T000000"
		if !start.IsZero() {
			_, from = start.Add(-time.Second).Zone()
			dtstart = start.In(time.FixedZone("", from)).Format("20060102T150405")
		}
		kind := "STANDARD"
		if t.IsDST() {
			kind = "DAYLIGHT"
		}
		lw.line("BEGIN:" + kind)
		lw.line("DTSTART:" + dtstart)
		lw.line("TZOFFSETFROM:" + utcOffset(from))
		lw.line("TZOFFSETTO:" + utcOffset(offset))
		if name != "" {
			lw.prop("TZNAME", name)
		}
		lw.line("END:" + kind)
		if end.IsZero() || end.After(to) {
			break
		}
		t = end.In(loc)
	}
	lw.line("END:VTIMEZONE")
}

// utcOffset formats seconds east of UTC as ±HHMM, or ±HHMMSS when needed.
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	s := fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
