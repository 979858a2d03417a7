package method

import (
	"strings"
	"testing"
	"time"
)

// Reach-outs on fixed dates in New York: Thursday 19 and Friday 20
// November 2026, and the weekend after.
func TestReachOutRules(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	d := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ny)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	s := DefaultSettings()
	s.TimeZone = "America/New_York"
	slow := s
	slow.ReachOutBusinessDays = 3
	tom := ReachOutFacts{ID: 7, Name: "Tom Becker", ReferrerID: 3, Referrer: "Sam Okafor", Suggested: true, Since: d("2026-11-19 15:00")}
	tests := []struct {
		name     string
		facts    ReachOutFacts
		settings Settings
		due      string // "" when there is no action
		title    string
		reason   string
	}{
		{"suggested on a Thursday: due Friday", tom, s, "2026-11-20 15:00", "Write to Tom Becker — suggested by Sam Okafor", "Suggested by Sam Okafor"},
		{"suggested on a Friday: due Monday", with(tom, func(f *ReachOutFacts) { f.Since = d("2026-11-20 10:00") }), s, "2026-11-23 10:00", "", ""},
		{"the setting counts", tom, slow, "2026-11-24 15:00", "", ""},
		{"an idea without a referrer", ReachOutFacts{ID: 8, Name: "Ana Ruiz", Idea: true, Since: d("2026-11-19 15:00")}, s, "2026-11-20 15:00", "Write to Ana Ruiz", "Noted"},
		{"a request sent ends it", with(tom, func(f *ReachOutFacts) { f.Requested = true }), s, "", "", ""},
		{"do-not-contact ends it", with(tom, func(f *ReachOutFacts) { f.DoNotContact = true }), s, "", "", ""},
		{"neither suggested nor an idea: nothing", with(tom, func(f *ReachOutFacts) { f.Suggested = false }), s, "", "", ""},
		{"fields with their perspectives: it stays, a week later", with(tom, func(f *ReachOutFacts) { f.FieldsCovered = true }), s, "2026-11-27 15:00", "", "one more voice still helps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ReachOutActions(tt.facts, tt.settings)
			if tt.due == "" {
				if len(got) != 0 {
					t.Fatalf("got %+v, want no action", got)
				}
				return
			}
			if len(got) != 1 || !got[0].Due.Equal(d(tt.due)) || got[0].ID != ActionID(ActReachOut, 'p', tt.facts.ID) {
				t.Fatalf("got %+v, want one reach_out due %s", got, tt.due)
			}
			a, ok := got[0].Action(d("2026-11-21 09:00"), ny, Mark{})
			if !ok {
				t.Fatal("not shown")
			}
			if tt.title != "" && a.Title() != tt.title {
				t.Errorf("title %q, want %q", a.Title(), tt.title)
			}
			if !strings.Contains(a.Reason, tt.reason) {
				t.Errorf("reason %q lacks %q", a.Reason, tt.reason)
			}
			// Done for this occurrence hides it, as for any action.
			if _, ok := got[0].Action(d("2026-11-21 09:00"), ny, Mark{Due: got[0].Due, Done: true}); ok {
				t.Error("a reach-out marked done still shows")
			}
		})
	}
	// On the agenda, with the other actions.
	in := AgendaInput{Now: d("2026-11-21 09:00"), Settings: s, ReachOut: []ReachOutFacts{tom}}
	if ag := Agenda(in); len(ag) != 1 || ag[0].Kind != ActReachOut || !ag[0].Overdue {
		t.Fatalf("agenda %+v, want the reach-out, overdue", ag)
	}
	if _, _, _, err := ParseActionID("reach_out-p7"); err != nil {
		t.Fatal(err)
	}
	bad := s
	bad.ReachOutBusinessDays = 0
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "reach_out_business_days") {
		t.Fatalf("0 business days validated: %v", err)
	}
}

func with(f ReachOutFacts, change func(*ReachOutFacts)) ReachOutFacts {
	change(&f)
	return f
}
