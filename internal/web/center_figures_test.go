package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// heldRequest gives the center a volunteer, Vera, and a conversation Sam
// asked her for (sent two days before pagesNow, answered after 3 hours)
// and held.
func heldRequest(t *testing.T, c *mailCenter) int64 {
	t.Helper()
	ctx := context.Background()
	st := c.db.Store
	vera, err := st.AddAccount(ctx, model.NewAccount{Email: "vera@example.com", Name: "Vera Volunteer", Roles: []model.Role{model.RoleVolunteer}},
		model.CLIActor(), pagesNow.Add(-72*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveVolunteerProfile(ctx, &model.VolunteerProfile{AccountID: vera.ID, DisplayName: "Vera V", MonthlyCapacity: 2}, nil, pagesNow); err != nil {
		t.Fatal(err)
	}
	set, err := st.CenterRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sent := pagesNow.Add(-48 * time.Hour)
	r, err := st.SendRequest(ctx, set, center.Draft{StudentID: c.samID, VolunteerID: vera.ID, Field: "Urban planning", Purpose: "the work",
		Message: "Dear Vera, I study planning at Westlake. Could I ask you about your work for 20 minutes, at your convenience?",
		Minutes: 20, Channel: "video"}, nil, sent)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		by center.Actor
		id int64
		st center.Step
	}{
		{center.ActorVolunteer, vera.ID, center.Step{Action: center.ActAccept, At: sent.Add(3 * time.Hour), MeetingAt: sent.Add(24 * time.Hour)}},
		{center.ActorStudent, c.samID, center.Step{Action: center.ActHeld, At: sent.Add(25 * time.Hour)}},
	} {
		step.st.By = step.by
		if _, _, err := st.StepRequest(ctx, set, r.ID, step.id, step.st); err != nil {
			t.Fatalf("%s: %v", step.st.Action, err)
		}
	}
	return vera.ID
}

func TestAdvisorsSeeTheFiguresOfATerm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		heldRequest(t, c)
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)

		// A term with a bad day keeps what was typed and says what is wrong.
		r := ada.post("/center/terms", url.Values{"name": {"Fall 2026"}, "start": {"2026-09-31"}, "end": {"2026-12-20"}})
		if page := readable(r.body); r.status != http.StatusUnprocessableEntity || !strings.Contains(page, "Write the first day as YYYY-MM-DD") ||
			!strings.Contains(r.body, `value="2026-09-31"`) || !strings.Contains(r.body, `value="Fall 2026"`) {
			t.Fatalf("a bad term: %d %s", r.status, page)
		}
		if r := ada.post("/center/terms", url.Values{"name": {"Fall 2026"}, "start": {"2026-09-01"}, "end": {"2026-12-20"}}); r.status != http.StatusSeeOther {
			t.Fatalf("add a term: %d", r.status)
		}
		if r := ada.post("/center/terms", url.Values{"name": {"fall 2026"}, "start": {"2026-09-01"}, "end": {"2026-12-20"}}); r.status != http.StatusUnprocessableEntity ||
			!strings.Contains(readable(r.body), "already a term named") {
			t.Errorf("the same term twice: %d", r.status)
		}

		// The figures open on the current term.
		r = ada.get("/center/figures")
		page := readable(r.body)
		for _, want := range []string{"Fall 2026: 2026-09-01 to 2026-12-20", "Requests sent 1", "Held 1", "Acceptance rate 100%",
			"Median hours to answer 3.0", "Urban planning", `href="/center/figures"`} {
			if !strings.Contains(page, want) && !strings.Contains(r.body, want) {
				t.Errorf("the figures page lacks %q:\n%s", want, page)
			}
		}
		if !strings.Contains(r.body, "<svg") {
			t.Error("no chart")
		}

		// Its table as CSV.
		r = ada.get("/center/figures?term=Fall+2026&format=csv")
		lines := strings.Split(strings.TrimSpace(r.body), "\n")
		if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") || len(lines) != 3 ||
			!strings.HasPrefix(lines[0], "Field,Requests sent,Sent over the checker,Answered,Accepted") || !strings.HasPrefix(lines[1], "Urban planning,1,0,1,1") ||
			!strings.HasPrefix(lines[2], "All fields,1,0,1,1") {
			t.Errorf("CSV: %d %q", r.status, r.body)
		}

		// By month, a line chart; who was asked and where demand outran
		// supply, each as a table with its CSV.
		r = ada.get("/center/figures?term=Fall+2026&by=month")
		page = readable(r.body)
		for _, want := range []string{"By month", "2026-11", "Who was asked", "Most asked", "Fields where demand outruns supply"} {
			if !strings.Contains(page, want) {
				t.Errorf("the figures by month lack %q:\n%s", want, page)
			}
		}
		if !strings.Contains(r.body, "<polyline") {
			t.Error("no monthly line")
		}
		if r := ada.get("/center/figures?term=Fall+2026&format=csv&table=asked"); !strings.HasPrefix(r.body, "List,Volunteer,Requests\nMost asked,") {
			t.Errorf("the asked CSV: %q", r.body)
		}
		if r := ada.get("/center/figures?term=Fall+2026&format=csv&table=demand"); !strings.HasPrefix(r.body, "Field,Requests,Capacity offered\n") {
			t.Errorf("the demand CSV: %q", r.body)
		}
		if r := ada.get("/center/figures?by=club"); r.status != http.StatusUnprocessableEntity {
			t.Errorf("the page by club: %d", r.status)
		}

		// Days the wrong way round are refused next to the field.
		r = ada.get("/center/figures?from=2026-11-02&to=2026-11-01")
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(readable(r.body), "comes before the first") {
			t.Errorf("days the wrong way round: %d", r.status)
		}

		// The API has the keys.
		r = ada.get("/api/v1/center/figures?term=Fall+2026&by=field")
		var out map[string]any
		if err := json.Unmarshal([]byte(r.body), &out); err != nil || r.status != http.StatusOK {
			t.Fatalf("API: %d %s", r.status, r.body)
		}
		for _, k := range []string{"requests_sent", "accepted", "declined", "expired", "withdrawn", "acceptance_rate", "median_hours_to_answer",
			"held", "no_shows", "volunteer_utilisation", "students_reached_share", "by", "period", "declined_by_reason", "p90_hours_to_answer",
			"thanked_in_time_share", "no_show_share", "reported_back", "volunteers_asked_share", "usefulness_ratings", "usefulness_average",
			"preparedness_ratings", "preparedness_average", "most_asked", "least_asked"} {
			if _, ok := out[k]; !ok {
				t.Errorf("the API's figures lack %q: %s", k, r.body)
			}
		}
		if out["requests_sent"] != 1.0 || out["students_reached_share"] != 1.0 {
			t.Errorf("API figures: %s", r.body)
		}
		if r := ada.get("/api/v1/center/figures?by=club"); r.status != http.StatusBadRequest && r.status != http.StatusUnprocessableEntity {
			t.Errorf("by club: %d %s", r.status, r.body)
		}

		// A period before anyone joined writes every key openapi.json
		// requires, the counts of none as 0 (not left out).
		r = ada.get("/api/v1/center/figures?from=2020-01-01&to=2020-01-31")
		out = nil
		if err := json.Unmarshal([]byte(r.body), &out); err != nil || r.status != http.StatusOK {
			t.Fatalf("API, an empty period: %d %s", r.status, r.body)
		}
		var doc struct {
			Components struct {
				Schemas map[string]struct{ Required []string }
			}
		}
		if err := json.Unmarshal(openAPISpec, &doc); err != nil {
			t.Fatalf("openapi.json: %v", err)
		}
		required := doc.Components.Schemas["CenterFigures"].Required
		for _, k := range append([]string{"volunteers", "capacity_offered"}, required...) {
			if _, ok := out[k]; !ok {
				t.Errorf("the figures of an empty period lack %q: %s", k, r.body)
			}
		}
		if !slices.Contains(required, "volunteers") || !slices.Contains(required, "capacity_offered") {
			t.Errorf("openapi.json does not require volunteers and capacity_offered: %v", required)
		}
		if out["volunteers"] != 0.0 || out["capacity_offered"] != 0.0 || out["requests_sent"] != 0.0 {
			t.Errorf("API, an empty period: %s", r.body)
		}
	})
}

func TestOnlyAdvisorsSeeTheFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		heldRequest(t, c)
		sam := c.signedIn(t, "sam@westlake.edu", samPassword)
		for _, p := range []string{"/center/figures", "/api/v1/center/figures", "/center/figures?format=csv"} {
			if r := sam.get(p); r.status != http.StatusForbidden {
				t.Errorf("a student GET %s: %d", p, r.status)
			}
		}
		if r := sam.get("/"); strings.Contains(r.body, `href="/center/figures"`) {
			t.Error("a student's nav links to the figures")
		}
		if r := sam.post("/center/terms", url.Values{"name": {"Mine"}, "start": {"2026-09-01"}, "end": {"2026-12-20"}}); r.status != http.StatusForbidden {
			t.Errorf("a student adds a term: %d", r.status)
		}
	})
}
