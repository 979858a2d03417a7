package interop

import (
	"bytes"
	"strings"
	"testing"
	"time"
	// The calendar tests need real zones (Europe/Paris) on any machine,
	// with or without a zoneinfo directory; only the test binary grows.
	_ "time/tzdata"

	"github.com/emersion/go-ical"
)

// checkICSParses reads WriteICS output back with an independent parser,
// github.com/emersion/go-ical, and checks that every entry and its text
// and times survive.
func checkICSParses(t *testing.T, data []byte, events []Event, todos []Todo) {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the calendar: %v\n%s", err, data)
	}
	for _, name := range []string{ical.PropVersion, ical.PropProductID} {
		if cal.Props.Get(name) == nil {
			t.Errorf("calendar has no %s", name)
		}
	}
	norm := func(s string) string { return strings.TrimSpace(cleanText(s)) }
	text := func(c *ical.Component, name string) string {
		p := c.Props.Get(name)
		if p == nil {
			return ""
		}
		s, err := p.Text()
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		return s
	}
	byUID := map[string]*ical.Component{}
	for _, c := range cal.Children {
		if c.Name == ical.CompEvent || c.Name == ical.CompToDo {
			byUID[text(c, ical.PropUID)] = c
		}
	}
	if len(byUID) != len(events)+len(todos) {
		t.Errorf("%d entries read back, %d written", len(byUID), len(events)+len(todos))
	}
	for _, e := range events {
		c := byUID[norm(e.UID)]
		if c == nil {
			t.Errorf("event %q missing", e.UID)
			continue
		}
		for name, want := range map[string]string{
			ical.PropSummary: e.Summary, ical.PropLocation: e.Location, ical.PropDescription: e.Description,
		} {
			if got := text(c, name); got != norm(want) {
				t.Errorf("event %q %s = %q, want %q", e.UID, name, got, norm(want))
			}
		}
		if got, want := c.Props.Get(ical.PropURL), uriValue(e.URL); want != "" && (got == nil || got.Value != want) {
			t.Errorf("event %q URL = %v, want %q", e.UID, got, want)
		}
		if _, err := c.Props.DateTime(ical.PropDateTimeStamp, nil); err != nil {
			t.Errorf("event %q DTSTAMP: %v", e.UID, err)
		}
		start, err := c.Props.DateTime(ical.PropDateTimeStart, e.Start.Location())
		if err != nil {
			t.Errorf("event %q DTSTART: %v", e.UID, err)
			continue
		}
		if e.AllDay {
			if start.Format("20060102") != e.Start.Format("20060102") {
				t.Errorf("event %q starts on %v, want %v", e.UID, start, e.Start)
			}
			continue
		}
		if !start.Equal(e.Start) {
			t.Errorf("event %q starts %v, want %v", e.UID, start, e.Start)
		}
		if e.Minutes > 0 {
			end, err := c.Props.DateTime(ical.PropDateTimeEnd, nil)
			if err != nil || end.Sub(start) != time.Duration(e.Minutes)*time.Minute {
				t.Errorf("event %q ends %v (%v), want %d minutes after %v", e.UID, end, err, e.Minutes, start)
			}
		}
		alarms := 0
		for _, a := range c.Children {
			if a.Name == ical.CompAlarm {
				alarms++
				if text(a, ical.PropAction) != "DISPLAY" || a.Props.Get(ical.PropTrigger) == nil || text(a, ical.PropDescription) == "" {
					t.Errorf("event %q has an incomplete VALARM: %+v", e.UID, a.Props)
				}
			}
		}
		if want := 2 * btoi(e.Alarms); alarms != want {
			t.Errorf("event %q has %d alarms, want %d", e.UID, alarms, want)
		}
	}
	for _, td := range todos {
		c := byUID[norm(td.UID)]
		if c == nil {
			t.Errorf("to-do %q missing", td.UID)
			continue
		}
		if got := text(c, ical.PropSummary); got != norm(td.Summary) {
			t.Errorf("to-do %q SUMMARY = %q", td.UID, got)
		}
		if td.Due.IsZero() {
			continue
		}
		due, err := c.Props.DateTime(ical.PropDue, td.Due.Location())
		if err != nil || (td.AllDay && due.Format("20060102") != td.Due.Format("20060102")) || (!td.AllDay && !due.Equal(td.Due)) {
			t.Errorf("to-do %q due %v (%v), want %v", td.UID, due, err, td.Due)
		}
	}
}
