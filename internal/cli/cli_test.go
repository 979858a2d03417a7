package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testNow is a Monday morning in New York.
var testNow = time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)

// harness runs CLI commands against one database with a fixed clock.
type harness struct {
	t   *testing.T
	db  string
	now time.Time
}

func newHarness(t *testing.T, db string) *harness {
	h := &harness{t: t, db: db, now: testNow}
	// The zone is fixed so that text output and business days do not
	// depend on the machine running the tests.
	h.run(0, "settings", "--set", "time_zone=America/New_York")
	return h
}

func sqliteDB(t *testing.T) string { return filepath.Join(t.TempDir(), "ally.db") }

func (h *harness) exec(args ...string) (stdout, stderr string, code int) {
	h.t.Helper()
	var out, errb bytes.Buffer
	env := Env{
		Getenv: func(k string) string {
			if k == "HOME" {
				return h.t.TempDir()
			}
			return ""
		},
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Clock: method.FixedClock(h.now),
	}
	code = Run(context.Background(), append([]string{"--db", h.db}, args...), env)
	return out.String(), errb.String(), code
}

// run runs a command that must exit with want and returns its stdout.
func (h *harness) run(want int, args ...string) string {
	h.t.Helper()
	out, errOut, code := h.exec(args...)
	if code != want {
		h.t.Fatalf("ally %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, want, out, errOut)
	}
	return out
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

// TestJourneyJSONOutput walks the method from adding a person to the
// report-back, checking every --json output against golden files, on
// SQLite and PostgreSQL.
func TestJourneyJSONOutput(t *testing.T) {
	dbs := map[string]func(*testing.T) string{"sqlite": sqliteDB, "postgres": func(t *testing.T) string { return storetest.MigratedPostgresURL(t) }}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, dbs[name](t))
			var transcript bytes.Buffer
			step := func(args ...string) {
				t.Helper()
				out := h.run(0, append([]string{"--json"}, args...)...)
				if !json.Valid([]byte(out)) {
					t.Fatalf("ally %v printed invalid JSON: %s", args, out)
				}
				transcript.WriteString("$ ally --json " + strings.Join(args, " ") + "\n" + out)
			}
			step("person", "add", "Dana Brown", "--org", "State Department", "--role", "Policy advisor",
				"--source", "alumni", "--referred-by", "Joe Serra", "--field", "Public policy", "--email", "dana@example.org")
			step("field", "add", "UX research", "--why", "I like watching people use things", "--target", "4")
			step("convo", "add", "Dana", "--minutes", "20", "--place", "Café Lune")
			h.now = testNow.Add(-10 * 24 * time.Hour)
			step("log", "1", "requested")
			h.now = testNow
			step("next")
			step("log", "1", "scheduled", "--for", "2026-11-25 10:30")
			h.now = time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC)
			step("log", "1", "held", "--at", "2026-11-25 10:30")
			step("next")
			step("activity", "add", "Dana", "thank_you_sent", "--note", "Thanked her for the tip about the fellowship")
			step("log", "1", "thanked")
			step("done", "report_back-c1")
			step("next")
			step("person", "show", "Dana Brown")
			step("field", "show", "Public policy")
			step("search", "fellowship")
			golden(t, "journey", transcript.Bytes())
		})
	}
}

func TestNextAtGivesTheAgendaAsOfThatTime(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	h.run(0, "person", "add", "Dana Brown", "--field", "Public policy")
	h.run(0, "convo", "add", "Dana Brown")
	h.run(0, "log", "1", "requested", "--at", "2026-11-20 09:00") // a Friday
	var actions []map[string]any
	out := h.run(0, "--json", "next", "--at", "2026-12-01T09:00:00-05:00")
	if err := json.Unmarshal([]byte(out), &actions); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"contact_another": true, "follow_up": true, "find_perspective": true}
	for _, a := range actions {
		kind := a["kind"].(string)
		if !want[kind] {
			t.Errorf("unexpected action %v", a)
		}
		delete(want, kind)
		for _, key := range []string{"id", "kind", "due", "overdue", "reason"} {
			if _, ok := a[key]; !ok {
				t.Errorf("action %v lacks %q", a["id"], key)
			}
		}
		if kind == "follow_up" && (a["due"] != "2026-12-01T14:00:00Z" || a["overdue"] != false) {
			t.Errorf("follow-up = %v", a)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing actions %v in %s", want, out)
	}
}

func TestBadInputGivesOneLineAndChangesNothing(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	h.run(0, "person", "add", "Ann Lee")
	h.run(0, "person", "add", "Ann Park")
	h.run(0, "convo", "add", "Ann Lee")
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"empty name", []string{"person", "add", " "}, 1, "name: is required"},
		{"long name", []string{"person", "add", strings.Repeat("x", 201)}, 1, "too long"},
		{"bad email", []string{"person", "add", "Bo", "--email", "bo@"}, 1, "not an email address"},
		{"bad url", []string{"person", "add", "Bo", "--url", "example.com"}, 1, "not a web address"},
		{"bad source", []string{"person", "add", "Bo", "--source", "tarot"}, 1, "is not a source"},
		{"ambiguous name", []string{"person", "show", "Ann"}, 1, `"Ann" matches 2 people`},
		{"unknown name", []string{"person", "show", "Zed"}, 1, `no person named "Zed"`},
		{"unknown id", []string{"convo", "show", "99"}, 1, "no conversation with id 99"},
		{"not an id", []string{"convo", "show", "abc"}, 1, "not a conversation id"},
		{"usefulness zero", []string{"convo", "edit", "1", "--usefulness", "0"}, 1, "usefulness: must be between 1 and 5 (0 given)"},
		{"a long ask", []string{"convo", "add", "Ann Park", "--minutes", "60"}, 1, "minutes: 60 minutes is a lot for a first conversation; 20 is usual and 30 the most to ask for; ask for less, or add --keep-anyway to keep 60 minutes"},
		{"usefulness six", []string{"convo", "edit", "1", "--usefulness", "6"}, 1, "usefulness: must be between 1 and 5 (6 given)"},
		{"self referral", []string{"person", "edit", "Ann Lee", "--referred-by", "Ann Lee"}, 1, "referred by themselves"},
		{"illegal step", []string{"log", "1", "held"}, 1, "allowed next steps: requested, scheduled, cancelled"},
		{"unknown step", []string{"log", "1", "partied"}, 1, "is not a step"},
		{"scheduled without time", []string{"log", "1", "scheduled"}, 1, "needs the meeting time"},
		{"impossible date", []string{"log", "1", "requested", "--at", "2026-02-30"}, 1, "not a real date"},
		{"unreadable date", []string{"log", "1", "requested", "--at", "someday"}, 1, "cannot read"},
		{"future step", []string{"log", "1", "requested", "--at", "+2d"}, 1, "in the future"},
		{"unknown action", []string{"done", "thank-c1"}, 1, "no action on the agenda"},
		{"bad action id", []string{"done", "hug-c1"}, 1, "not an action id"},
		{"snooze without until", []string{"snooze", "thank-c1"}, 2, "needs --until"},
		{"rm without yes", []string{"person", "rm", "Ann Park"}, 2, "--yes"},
		{"missing argument", []string{"person", "add"}, 2, "accepts 1 arg"},
		{"unknown flag", []string{"person", "add", "Bo", "--nope"}, 2, "unknown flag"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"bad setting", []string{"settings", "--set", "thank_hours=0"}, 1, "thank_hours"},
		{"bad time zone", []string{"settings", "--set", "time_zone=Mars/Base"}, 1, "not a time zone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := h.exec(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr %q does not say %q", errOut, tt.wantErr)
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.HasPrefix(errOut, "ally: ") {
				t.Errorf("want one line starting with 'ally: ', got %q", errOut)
			}
			if out != "" {
				t.Errorf("a failed command printed to stdout: %q", out)
			}
			_, errJSON, _ := h.exec(append([]string{"--json"}, tt.args...)...)
			var obj map[string]string
			if err := json.Unmarshal([]byte(errJSON), &obj); err != nil || obj["error"] == "" {
				t.Errorf("--json error is not {\"error\": ...}: %q", errJSON)
			}
		})
	}
	out := h.run(0, "--json", "person", "list")
	var people []map[string]any
	if err := json.Unmarshal([]byte(out), &people); err != nil || len(people) != 2 {
		t.Fatalf("bad input changed the people: %s", out)
	}
	out = h.run(0, "--json", "convo", "show", "1")
	if !strings.Contains(out, `"state": "idea"`) {
		t.Fatalf("bad steps changed the conversation: %s", out)
	}
}

func TestOpeningSomethingThatIsNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("my notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, db: path, now: testNow}
	_, errOut, code := h.exec("person", "list")
	if code != 1 || !strings.Contains(errOut, "not an Ally database") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestDemoFillsOnlyAnEmptyDatabase(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	out := h.run(0, "--json", "demo")
	var counts map[string]int
	if err := json.Unmarshal([]byte(out), &counts); err != nil || counts["people"] < 25 || counts["fields"] != 4 {
		t.Fatalf("demo counts: %s", out)
	}
	_, errOut, code := h.exec("demo")
	if code != 1 || !strings.Contains(errOut, "already has data") {
		t.Fatalf("second demo: exit %d, %q", code, errOut)
	}
	if settings := h.run(0, "--json", "settings"); !strings.Contains(settings, `"user_name": "Sam Rivera"`) {
		t.Errorf("the demo did not set the explorer's profile: %s", settings)
	}
	next := h.run(0, "--json", "next")
	if !strings.Contains(next, `"overdue": true`) {
		t.Fatalf("the demo agenda has nothing overdue: %s", next)
	}

	big := newHarness(t, sqliteDB(t))
	out = big.run(0, "--json", "demo", "--people", "200", "--seed", "3")
	if err := json.Unmarshal([]byte(out), &counts); err != nil || counts["people"] != 200 || counts["conversations"] != 80 || counts["activities"] != 800 {
		t.Fatalf("synthetic counts: %s", out)
	}
}

func TestTextOutputReadsWell(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	out := h.run(0, "person", "add", "Dana Brown", "--referred-by", "Joe Serra", "--field", "Public policy", "--notes", "Knows the trade desk well.")
	for _, want := range []string{"Added Dana Brown (id 2).", `Created person "Joe Serra" (id 1).`, `Created field "Public policy" (id 1).`} {
		if !strings.Contains(out, want) {
			t.Errorf("person add output lacks %q:\n%s", want, out)
		}
	}
	h.run(0, "convo", "add", "Dana")
	h.run(0, "log", "1", "requested", "--at", "2026-11-16 09:00")
	h.run(0, "log", "1", "held", "--at", "2026-11-23 08:00")
	out = h.run(0, "next")
	for _, want := range []string{"thank-c1", "Send a thank-you", "report_back-c1", "Joe Serra (about Dana Brown)"} {
		if !strings.Contains(out, want) {
			t.Errorf("next output lacks %q:\n%s", want, out)
		}
	}
	out = h.run(0, "search", "trade")
	if !strings.Contains(out, "[trade]") {
		t.Errorf("search output does not bracket the match:\n%s", out)
	}
}

// A search for a word in more records than a search ranks ends with a
// line saying the hits are the best of those it ranked.
func TestSearchSaysWhenItRankedOnlySomeOfTheMatches(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	h.run(0, "demo", "--people", "1500")
	cut := "More records match: these are the best of 300 of them. Add a word to narrow the search."
	if out := h.run(0, "search", "fieldwork"); !strings.Contains(out, cut) {
		t.Errorf("a common word's search does not say it was cut:\n%s", out)
	}
	if out := h.run(0, "search", "fieldwork", "dana", "br"); strings.Contains(out, cut) || !strings.Contains(out, "Dana Brown") {
		t.Errorf("a narrow search says it was cut, or finds no Dana Brown:\n%s", out)
	}
}

func TestSettingsSetChangesOnlyWhatIsNamed(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	out := h.run(0, "--json", "settings", "--set", "user_name=Ann Lee", "--set", "thank_hours=6", "--set", `keep_in_touch_by_tag={"mentor":30}`)
	var s map[string]any
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s["user_name"] != "Ann Lee" || s["thank_hours"].(float64) != 6 || s["keep_in_touch_days"].(float64) != 90 ||
		s["time_zone"] != "America/New_York" || s["keep_in_touch_by_tag"].(map[string]any)["mentor"].(float64) != 30 {
		t.Fatalf("settings after set: %s", out)
	}
	_, errOut, code := h.exec("settings", "--set", "colour=blue")
	if code != 1 || !strings.Contains(errOut, "not a setting") {
		t.Fatalf("unknown setting: %d %q", code, errOut)
	}
}

func TestConvoAddKeepsALongAskOnlyWhenKeptAnyway(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	h.run(0, "person", "add", "Ann Lee")
	_, errOut, code := h.exec("convo", "add", "Ann Lee", "--minutes", "45")
	if code != 1 || !strings.Contains(errOut, "45 minutes is a lot") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Fatalf("exit %d, stderr %q: want one line saying 45 minutes is a lot", code, errOut)
	}
	if out := h.run(0, "convo", "list"); strings.Contains(out, "Ann Lee") {
		t.Fatalf("a refused ask was stored:\n%s", out)
	}
	if out := h.run(0, "convo", "add", "Ann Lee", "--minutes", "45", "--keep-anyway"); !strings.Contains(out, "45 minutes") {
		t.Errorf("--keep-anyway did not keep 45 minutes:\n%s", out)
	}
	// --force, the flag's older name, still keeps it.
	if out := h.run(0, "convo", "add", "Ann Lee", "--minutes", "50", "--force"); !strings.Contains(out, "50 minutes") {
		t.Errorf("--force did not keep 50 minutes:\n%s", out)
	}
	h.run(0, "convo", "add", "Ann Lee", "--minutes", "30") // 30 needs no --keep-anyway
}

func TestCancellingLessThanADayBeforeGivesTheEtiquetteAndANote(t *testing.T) {
	h := newHarness(t, sqliteDB(t)) // now: Monday 2026-11-23 09:00 in New York
	h.run(0, "person", "add", "Dana Brown")
	h.run(0, "person", "add", "Eli Stone")
	h.run(0, "convo", "add", "Dana Brown")
	h.run(0, "convo", "add", "Eli Stone")
	h.run(0, "log", "1", "scheduled", "--at", "2026-11-22 09:00", "--for", "2026-11-23 16:00")
	h.run(0, "log", "2", "scheduled", "--at", "2026-11-22 09:00", "--for", "2026-11-25 16:00")
	out := h.run(0, "log", "1", "cancelled")
	for _, want := range []string{"Cancel this late only for an emergency", "Hi Dana,", "our meeting on Monday, November 23 at 16:00", "another time that suits you"} {
		if !strings.Contains(out, want) {
			t.Errorf("a late cancellation lacks %q:\n%s", want, out)
		}
	}
	if out := h.run(0, "log", "2", "cancelled"); strings.Contains(out, "emergency") {
		t.Errorf("a cancellation two days ahead is not late:\n%s", out)
	}
}
