package web

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// TestFiguresByFirstGenerationFromAnImportedRoster: an advisor imports a
// roster whose First-Gen Student column is recognised (a value that is no
// yes or no is refused by line), and sees the figures by it in the page,
// its CSV and the API: Sam (yes) held a conversation, Leo (no) and Kai
// (not known) sent nothing and are still listed.
func TestFiguresByFirstGenerationFromAnImportedRoster(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		heldRequest(t, c)
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		roster := "Email,Name,First-Gen Student\nsam@westlake.edu,,Yes\nnia@westlake.edu,Nia Diaz,maybe\nleo@westlake.edu,Leo Grant,N\nkai@westlake.edu,Kai Moss,\n"
		r := ada.uploadRoster("student", "students.csv", []byte(roster))
		if r.status != http.StatusSeeOther {
			t.Fatalf("upload: %d\n%s", r.status, readable(r.body))
		}
		preview := r.header.Get("Location")
		r = ada.get(preview)
		body := readable(r.body)
		if r.status != http.StatusOK || !strings.Contains(r.body, `<option value="first_gen" selected>`) ||
			!strings.Contains(body, "2 new, 1 updated, 0 unchanged, 1 cannot be imported") ||
			!strings.Contains(body, `Rows that cannot be imported, by line Line Why 3 "maybe" is not a first-generation flag`) {
			t.Fatalf("preview: %d\n%s", r.status, body)
		}
		form := url.Values{"col_0": {"email"}, "col_1": {"name"}, "col_2": {"first_gen"}, "skip_rejected": {"1"}}
		if r := ada.post(preview, form); r.status != http.StatusSeeOther {
			t.Fatalf("import: %d\n%s", r.status, readable(r.body))
		}
		if body := readable(ada.waitForImport(preview + "/progress").body); !strings.Contains(body, "Imported: 2 new, 1 updated, 0 unchanged, 1 left out") {
			t.Fatalf("outcome:\n%s", body)
		}

		// The advisor sees the flag on the student's profile, in the
		// account's page (advisors only: the access table).
		if body := readable(ada.get("/center/accounts/" + strconv.FormatInt(c.samID, 10)).body); !strings.Contains(body,
			"Student profile") || !strings.Contains(body, "First-generation student Yes") {
			t.Errorf("Sam's account page does not show his first-generation flag:\n%s", body)
		}
		kai, found, err := c.db.Store.AccountByEmail(t.Context(), "kai@westlake.edu")
		if err != nil || !found {
			t.Fatalf("Kai: %v %v", found, err)
		}
		if body := readable(ada.get("/center/accounts/" + strconv.FormatInt(kai.ID, 10)).body); !strings.Contains(body,
			"First-generation student Not recorded") {
			t.Errorf("Kai's account page does not say his flag is not recorded:\n%s", body)
		}

		r = ada.get("/center/figures?by=first_gen")
		page := readable(r.body)
		for _, want := range []string{"By first-generation status", "First-generation student", "yes", "no", "Not recorded",
			`<option value="first_gen" selected>`} {
			if !strings.Contains(page, want) && !strings.Contains(r.body, want) {
				t.Errorf("the figures by first generation lack %q:\n%s", want, page)
			}
		}
		if r.status != http.StatusOK || !strings.Contains(r.body, "<svg") {
			t.Errorf("the page by first generation: %d, chart %v", r.status, strings.Contains(r.body, "<svg"))
		}

		r = ada.get("/center/figures?by=first_gen&format=csv")
		rows, err := csv.NewReader(strings.NewReader(r.body)).ReadAll()
		if err != nil || r.status != http.StatusOK || len(rows) != 5 {
			t.Fatalf("CSV: %d %v %q", r.status, err, r.body)
		}
		reached := slices.Index(rows[0], "Students reached")
		var got [][3]string
		for _, row := range rows {
			got = append(got, [3]string{row[0], row[1], row[reached]})
		}
		want := [][3]string{{"First-generation student", "Requests sent", "Students reached"}, {"yes", "1", "100%"}, {"no", "0", "0%"},
			{"Not recorded", "0", "0%"}, {"All students", "1", "33%"}}
		if !slices.Equal(got, want) {
			t.Errorf("CSV rows %q; want %q", got, want)
		}

		r = ada.get("/api/v1/center/figures?by=first_gen")
		var out struct {
			By []map[string]any `json:"by"`
		}
		if err := json.Unmarshal([]byte(r.body), &out); err != nil || r.status != http.StatusOK {
			t.Fatalf("API: %d %s", r.status, r.body)
		}
		var keys, labels []any
		for _, g := range out.By {
			keys, labels = append(keys, g["key"]), append(labels, g["label"])
		}
		if !slices.Equal(keys, []any{"yes", "no", nil}) || !slices.Equal(labels, []any{"yes", "no", "Not recorded"}) || out.By[0]["students_reached_share"] != 1.0 ||
			out.By[1]["students_reached_share"] != 0.0 || out.By[2]["students"] != 1.0 {
			t.Errorf("API by first_gen: %s", r.body)
		}
		figuresRowsAgreeWithTheDocs(t, out.By)
		// By graduation year, no one has one: every student is in the
		// group not recorded, whose key is null.
		r = ada.get("/api/v1/center/figures?by=grad_year")
		if err := json.Unmarshal([]byte(r.body), &out); err != nil || len(out.By) != 1 || out.By[0]["key"] != nil ||
			out.By[0]["label"] != "Not recorded" ||
			out.By[0]["students"] != 3.0 {
			t.Errorf("API by grad_year: %s", r.body)
		}
	})
}

// figuresRowsAgreeWithTheDocs checks `by` rows of the figures' JSON
// against openapi.json: every key written is documented, every required
// one is there, a null key is one the docs allow, and students is written
// even when 0.
func figuresRowsAgreeWithTheDocs(t *testing.T, rows []map[string]any) {
	t.Helper()
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					Items struct {
						Required   []string
						Properties map[string]struct {
							Type any
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(openAPISpec, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	by := doc.Components.Schemas["CenterFigures"].Properties["by"].Items
	nullable := func(name string) bool {
		types, _ := by.Properties[name].Type.([]any)
		return slices.Contains(types, "null")
	}
	for _, row := range rows {
		for k, v := range row {
			if _, ok := by.Properties[k]; !ok {
				t.Errorf("a by row has %q, which openapi.json does not document", k)
			}
			if v == nil && !nullable(k) {
				t.Errorf("a by row's %q is null, which openapi.json does not allow", k)
			}
		}
		for _, k := range by.Required {
			if _, ok := row[k]; !ok {
				t.Errorf("a by row lacks %q, which openapi.json requires: %v", k, row)
			}
		}
		if _, ok := row["students"]; !ok {
			t.Errorf("a group of students lacks students: %v", row)
		}
	}
}

// TestOnlyAdvisorsSeeTheFirstGenerationFlag: the roster's flag is on the
// student's profile as advisors see it; the volunteer reading the
// student's request (name, class year, major) does not see it.
func TestOnlyAdvisorsSeeTheFirstGenerationFlag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		// The flag comes from the roster only (a profile saved keeps it).
		roster := "Email,Class Year,Major,First Gen\nsam@westlake.edu,2027,Economics,yes\n"
		if _, err := db.Store.ImportRoster(t.Context(), strings.NewReader(roster), store.RosterOptions{Role: model.RoleStudent},
			model.CLIActor(), pagesNow); err != nil {
			t.Fatal(err)
		}
		sam, dana, ada := c.as(t, "sam@westlake.edu"), c.as(t, "dana@example.com"), c.as(t, "ada@westlake.edu")
		rp := "/requests/" + strconv.FormatInt(send(t, sam, c.dana, requestValues(goodAsk, pagesNow.Add(72*time.Hour).Truncate(time.Hour))), 10)
		page := readable(dana.get(rp).body)
		wantIn(t, "Dana's view of Sam's request", page, "Sam Lee", "2027", "Economics")
		if strings.Contains(page, "irst-generation") || strings.Contains(page, "irst generation") {
			t.Errorf("the volunteer sees the student's first-generation flag:\n%s", page)
		}
		wantIn(t, "the advisor's view of Sam's account", readable(ada.get("/center/accounts/"+strconv.FormatInt(c.samID, 10)).body),
			"Student profile", "Class of 2027", "Majors Economics", "First-generation student Yes")
	})
}
