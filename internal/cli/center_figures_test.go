package cli_test

import (
	"encoding/json"
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
		if out := a.runIn("", "center", "figures", "--from", "2026-10-01", "--to", "2026-10-31"); !strings.Contains(out, "2026-10-01 to 2026-10-31") ||
			!strings.Contains(out, "Requests sent") {
			t.Errorf("figures as text: %q", out)
		}
		a.fails(cli.ExitError, "there is no term", "", "center", "figures", "--term", "Spring 1999")
		a.fails(cli.ExitUsage, "--by takes field, major, grad_year, month", "", "center", "figures", "--by", "club")
	})
}
