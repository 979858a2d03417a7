package cli_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/cli"
)

func TestCenterTermsAndFigures(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		initCenterCLI(a)
		if out := a.runIn("", "center", "term", "list"); !strings.Contains(out, "No term yet") {
			t.Errorf("no terms: %q", out)
		}
		a.fails(cli.ExitUsage, "needs --start and --end", "", "center", "term", "add", "Fall 2026")
		a.fails(cli.ExitError, "is not a day", "", "center", "term", "add", "Fall 2026", "--start", "2026-09-31", "--end", "2026-12-20")
		a.fails(cli.ExitError, "comes before the first", "", "center", "term", "add", "Fall 2026", "--start", "2026-12-01", "--end", "2026-09-01")
		if out := a.runIn("", "center", "term", "add", "Fall 2026", "--start", "2026-09-01", "--end", "2026-12-20"); !strings.Contains(out, "Added the term Fall 2026") {
			t.Errorf("add: %q", out)
		}
		a.fails(cli.ExitError, "already a term named", "", "center", "term", "add", "FALL 2026", "--start", "2026-09-01", "--end", "2026-12-20")
		if out := a.runIn("", "center", "term", "list"); !strings.Contains(out, "Fall 2026  2026-09-01  2026-12-20") {
			t.Errorf("list: %q", out)
		}

		var rep map[string]any
		out := a.runIn("", "center", "figures", "--term", "fall 2026", "--by", "field", "--json")
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("figures JSON: %v %q", err, out)
		}
		period, _ := rep["period"].(map[string]any)
		if rep["requests_sent"] != 0.0 || period["term"] != "Fall 2026" || period["first"] != "2026-09-01" || period["last"] != "2026-12-20" {
			t.Errorf("figures: %s", out)
		}
		// A center of no volunteers writes its counts of none, not
		// leaves them out.
		for _, k := range []string{"volunteers", "capacity_offered", "volunteer_utilisation", "students_reached_share"} {
			if _, ok := rep[k]; !ok {
				t.Errorf("the figures lack %q: %s", k, out)
			}
		}
		if rep["volunteers"] != 0.0 || rep["capacity_offered"] != 0.0 {
			t.Errorf("figures of no volunteers: %s", out)
		}
		if out := a.runIn("", "center", "figures", "--from", "2026-10-01", "--to", "2026-10-31"); !strings.Contains(out, "2026-10-01 to 2026-10-31") ||
			!strings.Contains(out, "Requests sent") {
			t.Errorf("figures as text: %q", out)
		}
		a.fails(cli.ExitError, "there is no term", "", "center", "figures", "--term", "Spring 1999")
		a.fails(cli.ExitUsage, "--by takes field, major, grad_year, first_gen, month", "", "center", "figures", "--by", "club")
	})
}

func TestCenterFiguresByFirstGenerationFromAnImportedRoster(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		initCenterCLI(a)
		bad := writeRoster(t, "Email,Name,Gen\nann@westlake.edu,Ann Bell,yes\nbo@westlake.edu,Bo Chen,sometimes\n")
		a.fails(cli.ExitError, `line 3: "sometimes" is not a first-generation flag`, "", "center", "import", bad, "--role", "student", "--map", "Gen=first_gen")
		if help := a.runIn("", "center", "import", "--help"); !strings.Contains(help, `"unknown" forgets a flag recorded before`) ||
			!strings.Contains(help, "an empty cell, as\neverywhere, keeps it") {
			t.Errorf("the import help does not say how to forget a first-generation flag:\n%s", help)
		}
		file := writeRoster(t, "Email,Name,Gen\nann@westlake.edu,Ann Bell,yes\nbo@westlake.edu,Bo Chen,false\ncy@westlake.edu,Cy Diaz,\ndee@westlake.edu,Dee Ek,Y\n")
		if out := a.runIn("", "center", "import", file, "--role", "student", "--map", "Gen=first_gen"); !strings.Contains(out, "4 accounts new") {
			t.Fatalf("import:\n%s", out)
		}
		var rep struct {
			Students int `json:"students"`
			By       []struct {
				Key          *string  `json:"key"`
				Label        string   `json:"label"`
				RequestsSent int      `json:"requests_sent"`
				Students     int      `json:"students"`
				Reached      *float64 `json:"students_reached_share"`
			} `json:"by"`
		}
		a.json(&rep, "center", "figures", "--by", "first_gen")
		var got []string
		for _, g := range rep.By {
			if g.Reached == nil || *g.Reached != 0 || g.RequestsSent != 0 {
				t.Errorf("%s: %+v; want no request and none reached", g.Label, g)
			}
			key := "null"
			if g.Key != nil {
				key = *g.Key
			}
			got = append(got, fmt.Sprintf("%s=%s %d", key, g.Label, g.Students))
		}
		if want := "yes=yes 2, no=no 1, null=Not recorded 1"; rep.Students != 4 || strings.Join(got, ", ") != want {
			t.Errorf("by first_gen: %d students, groups %q; want %s", rep.Students, got, want)
		}
		out := a.runIn("", "center", "figures", "--by", "first_gen")
		if !strings.Contains(out, "First-generation student") || !strings.Contains(out, "Not recorded") {
			t.Errorf("figures by first_gen as text:\n%s", out)
		}
	})
}

// TestDemoCenterStudentsCarryAFirstGenerationFlag: the demo center's
// students are first-generation or not, some not known, and the figures
// count every group.
func TestDemoCenterStudentsCarryAFirstGenerationFlag(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		a.run(0, "demo", "--center", "--students", "60", "--volunteers", "10", "--requests", "100", "--seed", "1")
		var rep struct {
			By []struct {
				Label    string `json:"label"`
				Students int    `json:"students"`
			} `json:"by"`
		}
		a.json(&rep, "center", "figures", "--by", "first_gen")
		total := 0
		var keys []string
		for _, g := range rep.By {
			if g.Students == 0 {
				t.Errorf("no student is %s", g.Label)
			}
			total += g.Students
			keys = append(keys, g.Label)
		}
		if strings.Join(keys, ",") != "yes,no,Not recorded" || total != 60 {
			t.Errorf("by first_gen: %+v; want yes, no and not recorded, 60 students in all", rep.By)
		}
	})
}
