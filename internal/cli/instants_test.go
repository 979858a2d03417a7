package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// TestAgendaAtAnyHour runs the heart of the journey (request, hold, the
// agenda after) at each of storetest.Instants, with the clock stopped
// there: the thank-you, the notes and the report-back fall due by the
// method's timings, in the user's zone, whatever the hour, the weekday or
// a daylight-saving change; and the text output says when in those words.
func TestAgendaAtAnyHour(t *testing.T) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range storetest.Instants() {
		t.Run(in.Name, func(t *testing.T) {
			now := in.At
			h := newHarness(t, sqliteDB(t))
			h.now = now
			h.run(0, "person", "add", "Dana Brown", "--referred-by", "Joe Serra", "--field", "Public policy")
			h.run(0, "convo", "add", "Dana")
			h.run(0, "log", "1", "requested", "--at", now.Add(-72*time.Hour).Format(time.RFC3339))
			h.run(0, "log", "1", "held", "--at", now.Format(time.RFC3339))

			due := map[string]method.Action{}
			next := func(args ...string) {
				t.Helper()
				var actions []method.Action
				out := h.run(0, append([]string{"--json", "next"}, args...)...)
				if err := json.Unmarshal([]byte(out), &actions); err != nil {
					t.Fatalf("next: %v in %s", err, out)
				}
				clear(due)
				for _, a := range actions {
					due[a.ID] = a
				}
			}
			next()
			y, m, d := now.Date()
			for id, want := range map[string]time.Time{
				"write_notes-c1": now.Add(time.Hour),
				"thank-c1":       now.Add(12 * time.Hour),
				// Two calendar days later at the same wall-clock time.
				"report_back-c1": time.Date(y, m, d+2, now.Hour(), now.Minute(), 0, 0, loc),
			} {
				a, ok := due[id]
				if !ok {
					t.Errorf("at %s the agenda lacks %s: %v", now, id, due)
					continue
				}
				if !a.Due.Equal(want) || a.Overdue {
					t.Errorf("%s: due %s (overdue %v), want %s, not overdue", id, a.Due.In(loc), a.Overdue, want)
				}
			}
			if r := due["thank-c1"].Reason; !strings.Contains(r, "Held today "+now.Format("15:04")) {
				t.Errorf("the thank-you's reason %q does not say it was held today at %s", r, now.Format("15:04"))
			}

			// The text output names the thank-you's time in the user's words.
			out := h.run(0, "next")
			if want := method.When(now.Add(12*time.Hour), now, loc); !strings.Contains(out, want) {
				t.Errorf("next does not say %q:\n%s", want, out)
			}

			// A minute after its due time, the thank-you is overdue.
			next("--at", now.Add(12*time.Hour+time.Minute).Format(time.RFC3339))
			if a := due["thank-c1"]; !a.Overdue {
				t.Errorf("a minute after its due time the thank-you is %+v", a)
			}
		})
	}
}
