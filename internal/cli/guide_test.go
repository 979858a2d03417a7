package cli

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func jsonKeys(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	return slices.Sorted(maps.Keys(m))
}

// TestGuideCommand prints and edits a conversation's guide on SQLite and
// PostgreSQL: the JSON keeps exactly the documented keys, the text fits a
// page, edits persist and bad edits are field errors.
func TestGuideCommand(t *testing.T) {
	dbs := map[string]func(*testing.T) string{"sqlite": sqliteDB, "postgres": func(t *testing.T) string { return storetest.MigratedPostgresURL(t) }}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			dsn := dbs[name](t)
			h := newHarness(t, dsn)
			setProfile(t, dsn, func(s *method.Settings) {
				s.UserName, s.School, s.Year = "Maya Lin", "Riverbend State University", "senior"
			})
			h.run(0, "org", "add", "Keystone Policy Institute", "--notes", "Publishes the transit report every spring.")
			h.run(0, "field", "add", "Public policy", "--notes", "## Think tanks\n- research, then testimony\n- funded by foundations")
			h.run(0, "person", "add", "Samuel Adeyemi", "--org", "Keystone Policy Institute", "--field", "Public policy",
				"--notes", "Reads everything on congestion pricing.")
			h.run(0, "convo", "add", "Samuel Adeyemi", "--minutes", "20")

			out := h.run(0, "--json", "guide", "1")
			var g struct {
				Minutes   int               `json:"minutes"`
				Opening   string            `json:"opening"`
				Questions []json.RawMessage `json:"questions"`
				Research  []ResearchOut     `json:"research"`
			}
			if err := json.Unmarshal([]byte(out), &g); err != nil {
				t.Fatal(err)
			}
			if keys := jsonKeys(t, json.RawMessage(out)); !slices.Equal(keys, []string{"minutes", "opening", "questions", "research"}) {
				t.Fatalf("guide keys = %v", keys)
			}
			if g.Minutes != 20 || len(g.Questions) != 7 || len(g.Research) != 3 {
				t.Fatalf("guide = %d minutes, %d questions, %d research", g.Minutes, len(g.Questions), len(g.Research))
			}
			if want := "I'm Maya Lin, a senior at Riverbend State University. I'm exploring a career in public policy and would like to learn from your experience."; g.Opening != want {
				t.Fatalf("opening = %q", g.Opening)
			}
			var qs []GuideQuestionOut
			for i, raw := range g.Questions {
				if keys := jsonKeys(t, raw); !slices.Equal(keys, []string{"closing", "id", "text", "topic"}) {
					t.Fatalf("question %d keys = %v", i, keys)
				}
				var q GuideQuestionOut
				_ = json.Unmarshal(raw, &q)
				qs = append(qs, q)
			}
			if qs[4].ID != "resources-who-else" || !qs[4].Closing || qs[3].Closing || !qs[6].Closing {
				t.Fatalf("closing questions should be the last three: %+v", qs)
			}

			text := h.run(0, "guide", "1")
			if n := strings.Count(text, "\n"); n > pageLines {
				t.Errorf("the guide runs to %d lines, more than a page", n)
			}
			for _, line := range strings.Split(text, "\n") {
				if len([]rune(line)) > guideWidth {
					t.Errorf("line wider than %d: %q", guideWidth, line)
				}
			}
			golden(t, "guide", []byte(text)) // the same on both databases

			// Edits persist, in one go.
			h.run(0, "guide", "1", "--remove", qs[0].ID, "--add", "lifestyle-pay-range", "--order", qs[2].ID+",lifestyle-pay-range,"+qs[1].ID+","+qs[3].ID,
				"--opening", "I'm Maya, and policy data is my thing.")
			if err := json.Unmarshal([]byte(h.run(0, "--json", "guide", "1")), &g); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, raw := range g.Questions {
				var q GuideQuestionOut
				_ = json.Unmarshal(raw, &q)
				ids = append(ids, q.ID)
			}
			want := []string{qs[2].ID, "lifestyle-pay-range", qs[1].ID, qs[3].ID, "resources-who-else", "resources-mention-name", "resources-keep-in-touch"}
			if !slices.Equal(ids, want) || g.Opening != "I'm Maya, and policy data is my thing." {
				t.Fatalf("after edits: %v %q", ids, g.Opening)
			}

			// Refused edits change nothing and name the flag's field.
			for _, bad := range [][]string{
				{"--remove", "resources-who-else"},
				{"--add", "no-such-question"},
				{"--add", "lifestyle-travel", "--order", "lifestyle-travel"},
			} {
				_, errOut, code := h.exec(append([]string{"--json", "guide", "1"}, bad...)...)
				var e map[string]string
				if code != ExitError || json.Unmarshal([]byte(errOut), &e) != nil || e["field"] == "" {
					t.Errorf("guide %v: exit %d, stderr %s", bad, code, errOut)
				}
			}
			if err := json.Unmarshal([]byte(h.run(0, "--json", "guide", "1")), &g); err != nil || len(g.Questions) != len(want) {
				t.Fatalf("a refused edit changed the guide: %d questions", len(g.Questions))
			}
			h.run(0, "guide", "1", "--rebuild", "--opening", "")
			_, _, code := h.exec("guide", "99")
			if code != ExitError {
				t.Errorf("guide of a missing conversation: exit %d", code)
			}
			_, _, code = h.exec("guide", "one")
			if code != ExitError {
				t.Errorf("guide with a bad id: exit %d", code)
			}
		})
	}
}

func TestQuestionCommands(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	var q QuestionOut
	out := h.run(0, "--json", "question", "add", "Do you like the work?", "--topic", "The work itself", "--favourite")
	if err := json.Unmarshal([]byte(out), &q); err != nil {
		t.Fatal(err)
	}
	if q.ID != "u1" || q.Topic != "work" || !q.Favourite || len(q.Findings) != 1 || q.Findings[0].Rule != "closed_question" {
		t.Fatalf("added = %+v", q)
	}
	text := h.run(0, "question", "add", "How many employees does your company have?", "--topic", "environment")
	if !strings.Contains(text, "Added question u2") || !strings.Contains(text, "easy_lookup [warning]") {
		t.Fatalf("add with a warning:\n%s", text)
	}

	// A job ask is refused unless kept anyway.
	_, errOut, code := h.exec("question", "add", "Are you hiring interns this summer?", "--topic", "work")
	if code != ExitError || !strings.Contains(errOut, "job_ask") || !strings.Contains(errOut, "rephrase it, or add --keep-anyway to keep this wording") {
		t.Fatalf("job ask: exit %d, %s", code, errOut)
	}
	var mine []QuestionOut
	if err := json.Unmarshal([]byte(h.run(0, "--json", "question", "list", "--mine")), &mine); err != nil || len(mine) != 2 {
		t.Fatalf("own questions = %+v, %v", mine, err)
	}
	h.run(0, "question", "add", "Are you hiring interns this summer?", "--topic", "work", "--keep-anyway")
	// --force, the flag's older name, keeps it too.
	h.run(0, "question", "add", "Could I send you my resume for an opening?", "--topic", "work", "--force")

	h.run(0, "question", "edit", "u1", "--text", "What do you enjoy most about the work?", "--notes", "listen for rewards")
	if err := json.Unmarshal([]byte(h.run(0, "--json", "question", "hide", "work-typical-day")), &q); err != nil || !q.Hidden || !q.BuiltIn {
		t.Fatalf("hide = %+v, %v", q, err)
	}
	h.run(0, "question", "fav", "u1", "--undo")
	var work []QuestionOut
	if err := json.Unmarshal([]byte(h.run(0, "--json", "question", "list", "--topic", "work")), &work); err != nil {
		t.Fatal(err)
	}
	byID := map[string]QuestionOut{}
	for _, x := range work {
		byID[x.ID] = x
	}
	if u1 := byID["u1"]; u1.Text != "What do you enjoy most about the work?" || u1.Favourite || u1.Notes != "listen for rewards" || !byID["work-typical-day"].Hidden {
		t.Fatalf("after edit, hide and unfavourite: %+v %+v", u1, byID["work-typical-day"])
	}
	list := h.run(0, "question", "list", "--hidden")
	if !strings.Contains(list, "-  work-typical-day") || !strings.Contains(list, "\n1 question.") {
		t.Fatalf("hidden list:\n%s", list)
	}

	for _, bad := range []struct {
		args []string
		code int
	}{
		{[]string{"question", "edit", "work-typical-day", "--text", "Mine now?"}, ExitError},
		{[]string{"question", "add", "What?", "--topic", "astrology"}, ExitError},
		{[]string{"question", "add", "  ", "--topic", "work"}, ExitError},
		{[]string{"question", "list", "--topic", "astrology"}, ExitError},
		{[]string{"question", "hide", "u99"}, ExitError},
		{[]string{"question", "rm", "u1"}, ExitUsage},
		{[]string{"question", "check", "Could you pass my resume to HR?"}, ExitError},
	} {
		if _, errOut, code := h.exec(bad.args...); code != bad.code {
			t.Errorf("ally %v: exit %d, want %d (%s)", bad.args, code, bad.code, errOut)
		}
	}
	if out := h.run(0, "question", "check", "What surprised you most about this work?"); !strings.Contains(out, "No findings.") {
		t.Errorf("a good question: %s", out)
	}
	h.run(0, "question", "rm", "u1", "--yes")
	if _, _, code := h.exec("question", "edit", "u1", "--text", "x?"); code != ExitError {
		t.Errorf("edit of a removed question: exit %d", code)
	}
}

func TestFieldReportCommand(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	h.run(0, "demo")
	md := h.run(0, "field", "report", "Data journalism")
	for _, want := range []string{"# What I learned about Data journalism", "don't let one conversation sway you",
		"## Skill words for your resume", "| Aisha Bello (The Ledger-Dispatch) | Maria Gonzalez | — | requested |"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown report lacks %q", want)
		}
	}
	path := filepath.Join(t.TempDir(), "policy.html")
	if out := h.run(0, "field", "report", "Public policy", "--format", "html", "-o", path); !strings.Contains(out, "Wrote the report on Public policy") {
		t.Errorf("html to a file: %s", out)
	}
	page, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(page), "<!DOCTYPE html>") || !strings.Contains(string(page), "@media print") {
		t.Fatalf("html page: %v\n%.200s", err, page)
	}
	var r struct {
		Columns      []json.RawMessage `json:"columns"`
		Perspectives int               `json:"perspectives"`
		Target       int               `json:"target"`
	}
	if err := json.Unmarshal([]byte(h.run(0, "--json", "field", "report", "Environmental engineering")), &r); err != nil || len(r.Columns) != 4 || r.Target != 4 {
		t.Fatalf("json report: %+v, %v", r, err)
	}
	if _, _, code := h.exec("field", "report", "Public policy", "--format", "pdf"); code != ExitUsage {
		t.Errorf("--format pdf: exit %d", code)
	}
	if _, _, code := h.exec("field", "report", "Astrology"); code != ExitError {
		t.Errorf("unknown field: exit %d", code)
	}
}
