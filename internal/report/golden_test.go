package report_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the demo story is told in New York, whatever the machine

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/report"
	"github.com/ally-dev/ally/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// demoNow is the fixed present the demo story is told at: a Monday morning
// in New York, as in the demo package's own tests.
func demoNow(t *testing.T) (time.Time, *time.Location) {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2026, 11, 23, 9, 0, 0, 0, loc), loc
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
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
		t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q\n(run go test ./internal/report -update if the change is intended)", path, i+1, g, w)
			}
		}
	}
}

// TestFieldReportsOnDemoData loads the demo story into a fresh database
// (SQLite and PostgreSQL give the same report) and compares each field's
// report to its golden file. The demo's notes are hand-written Markdown
// with headings such as "### Path": they land in their topics' rows.
func TestFieldReportsOnDemoData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		now, loc := demoNow(t)
		sc := db.Scope()
		s, err := sc.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s.TimeZone = loc.String()
		if err := sc.SaveSettings(ctx, s); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.LoadBulk(ctx, demo.Story(now, loc), now); err != nil {
			t.Fatal(err)
		}
		fields, err := sc.Fields(ctx)
		if err != nil || len(fields) != 4 {
			t.Fatalf("demo fields = %d, %v", len(fields), err)
		}
		h, err := report.NewHTMLRenderer()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fields {
			in, err := report.Load(ctx, sc, f.ID, now, loc)
			if err != nil {
				t.Fatal(err)
			}
			r := report.Build(in)
			slug := strings.ReplaceAll(strings.ToLower(f.Name), " ", "-")
			var md bytes.Buffer
			if err := r.Markdown(&md); err != nil {
				t.Fatal(err)
			}
			golden(t, slug+".md", md.Bytes())
			var html bytes.Buffer
			if err := h.Page(&html, r); err != nil {
				t.Fatal(err)
			}
			golden(t, slug+".html", html.Bytes())
		}
	})
}

// TestDemoReportShowsWhatEachFieldTaught checks the facts behind the
// golden files, so that an -update cannot quietly bless a broken report.
func TestDemoReportShowsWhatEachFieldTaught(t *testing.T) {
	ctx := context.Background()
	now, loc := demoNow(t)
	db := storetest.SQLite(t)
	sc := db.Scope()
	if _, err := sc.LoadBulk(ctx, demo.Story(now, loc), now); err != nil {
		t.Fatal(err)
	}
	load := func(name string) *report.Report {
		t.Helper()
		id, _, err := sc.ResolveField(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		in, err := report.Load(ctx, sc, id, now, loc)
		if err != nil {
			t.Fatal(err)
		}
		return report.Build(in)
	}

	env := load("Environmental engineering")
	var people []string
	for _, c := range env.Columns {
		people = append(people, c.Person)
	}
	if got := strings.Join(people, ", "); got != "Elena Vasquez, Marcus Okafor, Priya Raman, Tomás Herrera" {
		t.Errorf("environmental engineering columns = %s", got)
	}
	if env.Warning != "" || env.Perspectives != 4 {
		t.Errorf("four perspectives should not warn: %d %q", env.Perspectives, env.Warning)
	}
	var referrals []string
	for _, o := range env.Referrals {
		referrals = append(referrals, o.Name+" by "+o.By+": "+o.Became)
	}
	want := "Marcus Okafor by Elena Vasquez: reported back; Priya Raman by Marcus Okafor: thanked; Daniel Kim by Priya Raman: scheduled"
	if got := strings.Join(referrals, "; "); got != want {
		t.Errorf("referrals = %s\nwant %s", got, want)
	}
	if len(env.SkillWords) < 18 || env.SkillWords[0].Count != 1 {
		t.Errorf("skill words = %+v", env.SkillWords)
	}
	work := env.Rows[0]
	if work.Cells[0].Empty() || !strings.Contains(work.Cells[0].Notes, "Two courses") || !work.Cells[3].Empty() {
		t.Errorf("the work itself: %+v", work.Cells)
	}

	dj := load("Data journalism")
	if dj.Perspectives != 1 || !strings.Contains(dj.Warning, "don't let one conversation sway you") {
		t.Errorf("data journalism: %d perspectives, warning %q", dj.Perspectives, dj.Warning)
	}
	if len(dj.Uncovered) == 0 {
		t.Error("one conversation cannot have covered every topic")
	}
}

func TestDemoHTMLIsSelfContained(t *testing.T) {
	ctx := context.Background()
	now, loc := demoNow(t)
	db := storetest.SQLite(t)
	sc := db.Scope()
	if _, err := sc.LoadBulk(ctx, demo.Story(now, loc), now); err != nil {
		t.Fatal(err)
	}
	id, _, _ := sc.ResolveField(ctx, "Public policy")
	in, err := report.Load(ctx, sc, id, now, loc)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.Build(in).HTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{"<!DOCTYPE html>", "<style>", "@media print", "thead { display: table-header-group; }", "<h1>What I learned about Public policy</h1>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", "<link", "src=\"http", "<h3"} {
		if strings.Contains(page, bad) {
			t.Errorf("page has %q", bad)
		}
	}
}
