package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// postJSON posts a JSON body ("" for none).
func (b *browser) postJSON(path, body string) response {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return b.do(req)
}

// apiRefusal is a 409's body: the error and the rule.
func apiRefusal(t *testing.T, r response) (status int, rule string) {
	t.Helper()
	var e struct{ Error, Rule string }
	if err := json.Unmarshal([]byte(r.body), &e); err != nil || e.Error == "" {
		t.Errorf("not a JSON error: %d %s", r.status, r.body)
	}
	return r.status, e.Rule
}

func decodeAs[T any](t *testing.T, r response, status int) T {
	t.Helper()
	var v T
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("%v: %s", err, r.body)
	}
	return v
}

const jobAskMessage = "Dear Dana, I am a junior at Westlake studying economics. Could you refer me for an opening on your team? I would be grateful for 20 minutes."

func TestTheRequestsAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		dana, eli := addDirectory(t, db, c.samID)
		sam := c.signedIn(t, "sam@westlake.edu", samPassword)
		danaB := c.signedIn(t, "dana@example.com", samPassword)
		eliB := c.signedIn(t, "eli@example.com", samPassword)
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		ctx := context.Background()
		st, err := db.Store.For(c.samID).Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st.TimeZone = "America/New_York"
		if err := db.Store.For(c.samID).SaveSettings(ctx, st); err != nil {
			t.Fatal(err)
		}

		// The checker's error refuses the request, with its rule; an
		// override with a word why sends it, flagged for an advisor.
		body := func(to int64, message, extra string) string {
			m, _ := json.Marshal(message)
			return fmt.Sprintf(`{"volunteer_id":%d,"field":"Public policy","purpose":"how policy work goes","message":%s,"minutes":20,"channel":"video"%s}`, to, m, extra)
		}
		if st, rule := apiRefusal(t, sam.postJSON("/api/v1/requests", body(dana, jobAskMessage, ""))); st != http.StatusConflict || rule != string(center.RuleChecker) {
			t.Errorf("a job ask: %d %q", st, rule)
		}
		toDana := decodeAs[store.RequestItem](t, sam.postJSON("/api/v1/requests", body(dana, jobAskMessage, `,"override_checker":"I ask how hiring works, not for a job"`)), http.StatusCreated)
		if !toDana.Flagged || toDana.State != center.StatePending || toDana.Volunteer.Email != "" || toDana.Detail == nil || toDana.Detail.Override == "" {
			t.Errorf("the overridden request: %+v", toDana)
		}
		if st, rule := apiRefusal(t, sam.postJSON("/api/v1/requests", body(dana, "Dear Dana, may I ask you about your work?", ""))); st != http.StatusConflict || rule != string(center.RuleOnePerVolunteer) {
			t.Errorf("a second request to Dana: %d %q", st, rule)
		}
		// Bad input: 4xx JSON naming what is wrong.
		for _, bad := range []struct {
			body   string
			status int
			field  string
		}{
			{`{"volunteer_id":`, http.StatusBadRequest, ""},
			{`{"volunteer_id":"Eli"}`, http.StatusUnprocessableEntity, "volunteer_id"},
			{strings.Replace(body(eli, "Dear Eli, may I ask about planning?", ""), `"minutes":20`, `"minutes":17`, 1), http.StatusUnprocessableEntity, "minutes"},
			{body(eli, "Dear Eli, may I ask about planning?", `,"proposed_times":["someday"]`), http.StatusUnprocessableEntity, "proposed_times"},
			{body(eli, "Dear Eli, may I ask about planning?", `,"proposed_times":["2026-11-01 10:00"]`), http.StatusUnprocessableEntity, "proposed_times"},
			{body(999999, "Dear Eli, may I ask about planning?", ""), http.StatusNotFound, ""},
		} {
			r := sam.postJSON("/api/v1/requests", bad.body)
			var e struct{ Error, Field string }
			if r.status != bad.status || json.Unmarshal([]byte(r.body), &e) != nil || e.Error == "" || e.Field != bad.field {
				t.Errorf("%s: %d %s, want %d on %q", bad.body, r.status, r.body, bad.status, bad.field)
			}
		}
		toEli := decodeAs[store.RequestItem](t, sam.postJSON("/api/v1/requests", strings.Replace(body(eli, "Dear Eli, may I ask you about planning for 20 minutes?",
			`,"proposed_times":["2026-11-20 10:00","2026-11-21 16:30"]`), "Public policy", "Urban planning", 1)), http.StatusCreated)
		if len(toEli.ProposedTimes) != 2 || !toEli.ProposedTimes[0].Equal(time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)) || toEli.Flagged {
			t.Errorf("times in Sam's zone (New York): %+v", toEli)
		}

		// Who may do what: a volunteer does not send, a student does not
		// answer, nobody lists another's view.
		if r := danaB.postJSON("/api/v1/requests", body(eli, "Hello", "")); r.status != http.StatusForbidden {
			t.Errorf("a volunteer sent a request: %d", r.status)
		}
		if r := sam.postJSON(fmt.Sprintf("/api/v1/requests/%d/accept", toDana.ID), ""); r.status != http.StatusForbidden {
			t.Errorf("a student accepted: %d", r.status)
		}
		if r := eliB.postJSON(fmt.Sprintf("/api/v1/requests/%d/accept", toDana.ID), ""); r.status != http.StatusNotFound {
			t.Errorf("Eli accepted Dana's request: %d", r.status)
		}
		if r := eliB.get(fmt.Sprintf("/api/v1/requests/%d", toDana.ID)); r.status != http.StatusNotFound {
			t.Errorf("Eli read Dana's request: %d", r.status)
		}
		for _, path := range []string{"/api/v1/requests?view=advisor", "/api/v1/requests?view=volunteer"} {
			if r := sam.get(path); r.status != http.StatusForbidden {
				t.Errorf("Sam %s: %d", path, r.status)
			}
		}
		for _, path := range []string{"/api/v1/requests?state=lost", "/api/v1/requests?view=mine", "/api/v1/requests?per_page=1000"} {
			if r := sam.get(path); r.status != http.StatusUnprocessableEntity {
				t.Errorf("Sam %s: %d", path, r.status)
			}
		}

		// Dana's list: the request without Sam's email, until she accepts.
		list := decodeAs[store.RequestList](t, danaB.get("/api/v1/requests"), http.StatusOK)
		if list.Total != 1 || list.Requests[0].ID != toDana.ID || list.Requests[0].Student.Email != "" || list.Requests[0].Flagged || list.Limit != 0 {
			t.Errorf("Dana's list: %+v", list)
		}
		if r := danaB.postJSON(fmt.Sprintf("/api/v1/requests/%d/accept", toDana.ID), `{"meeting_at":"later"}`); r.status != http.StatusUnprocessableEntity {
			t.Errorf("accept at no time: %d %s", r.status, r.body)
		}
		accepted := decodeAs[store.RequestItem](t, danaB.postJSON(fmt.Sprintf("/api/v1/requests/%d/accept", toDana.ID), `{"meeting_at":"2026-11-20T15:00:00Z"}`), http.StatusOK)
		if accepted.State != center.StateAccepted || accepted.Student.Email != "sam@westlake.edu" || accepted.MeetingAt == nil {
			t.Errorf("accepted: %+v", accepted)
		}
		mine := decodeAs[store.RequestList](t, sam.get("/api/v1/requests?state=accepted"), http.StatusOK)
		if mine.Total != 1 || mine.Requests[0].Volunteer.Email != "dana@example.com" || mine.Limit != 5 || mine.Pending != 1 || mine.Counts[center.StatePending] != 1 {
			t.Errorf("Sam's accepted requests: %+v", mine)
		}
		// Steps the state does not allow are 409s.
		if st, _ := apiRefusal(t, danaB.postJSON(fmt.Sprintf("/api/v1/requests/%d/no-show", toDana.ID), "")); st != http.StatusConflict {
			t.Errorf("a no-show before the meeting: %d", st)
		}
		if st, _ := apiRefusal(t, sam.postJSON(fmt.Sprintf("/api/v1/requests/%d/feedback", toDana.ID), `{"rating":5}`)); st != http.StatusConflict {
			t.Errorf("feedback before the meeting: %d", st)
		}
		// Eli declines with a ready-made reason.
		declined := decodeAs[store.RequestItem](t, eliB.postJSON(fmt.Sprintf("/api/v1/requests/%d/decline", toEli.ID), `{"reason":"no_time"}`), http.StatusOK)
		if declined.State != center.StateDeclined || declined.DeclineReason != "no_time" {
			t.Errorf("declined: %+v", declined)
		}

		// The meeting passes; it was held; feedback once a side.
		c.clock.add(3 * 24 * time.Hour)
		sam, danaB, eliB, ada = c.signedIn(t, "sam@westlake.edu", samPassword), c.signedIn(t, "dana@example.com", samPassword),
			c.signedIn(t, "eli@example.com", samPassword), c.signedIn(t, "ada@westlake.edu", adaPassword)
		if r := danaB.postJSON(fmt.Sprintf("/api/v1/requests/%d/held", toDana.ID), ""); r.status != http.StatusOK {
			t.Fatalf("held: %d %s", r.status, r.body)
		}
		// A rating off the scale is the rating's fault: 422, naming the
		// field and the scale (not 409: nothing refuses the step itself).
		for bad, says := range map[string]string{`{"rating":"five"}`: "must be a", `{"rating":9}`: "from 1 (not much) to 5 (very)",
			`{}`: "from 1 (not much) to 5 (very)", `{"rating":0,"note":"Thanks"}`: "from 1 (not much) to 5 (very)"} {
			r := sam.postJSON(fmt.Sprintf("/api/v1/requests/%d/feedback", toDana.ID), bad)
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `"field": "rating"`) || !strings.Contains(r.body, says) {
				t.Errorf("feedback %s: %d, want 422 on the rating saying %q: %s", bad, r.status, says, r.body)
			}
		}
		if r := sam.postJSON(fmt.Sprintf("/api/v1/requests/%d/feedback", toDana.ID), `{"rating":5,"note":"`+strings.Repeat("Thanks ", 300)+`"}`); r.status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.body, `"field": "note"`) {
			t.Errorf("a note of 2,100 characters: %d %s", r.status, r.body)
		}
		fb := sam.postJSON(fmt.Sprintf("/api/v1/requests/%d/feedback", toDana.ID), `{"rating":5,"note":"Thank you for the hour!"}`)
		if fb.status != http.StatusCreated || strings.Contains(fb.body, "rating") {
			t.Errorf("Sam's feedback: %d %s", fb.status, fb.body)
		}
		if st, _ := apiRefusal(t, sam.postJSON(fmt.Sprintf("/api/v1/requests/%d/feedback", toDana.ID), `{"rating":1}`)); st != http.StatusConflict {
			t.Errorf("a second feedback: %d", st)
		}
		if r := eliB.postJSON(fmt.Sprintf("/api/v1/requests/%d/feedback", toDana.ID), `{"rating":1}`); r.status != http.StatusNotFound {
			t.Errorf("Eli's feedback on Dana's conversation: %d", r.status)
		}
		seen := decodeAs[store.RequestItem](t, danaB.get(fmt.Sprintf("/api/v1/requests/%d", toDana.ID)), http.StatusOK)
		if seen.Detail == nil || seen.Detail.ThankYou != "Thank you for the hour!" || seen.Detail.Override != "" || strings.Contains(danaB.get(fmt.Sprintf("/api/v1/requests/%d", toDana.ID)).body, "rating") {
			t.Errorf("Dana's view of the held conversation: %+v", seen)
		}

		// The advisors: every request's metadata, never its message.
		all := decodeAs[store.RequestList](t, ada.get("/api/v1/requests"), http.StatusOK)
		if all.Total != 2 || all.Requests[1].Student.Email != "sam@westlake.edu" || all.Requests[1].Volunteer.Email != "dana@example.com" {
			t.Errorf("the advisors' list: %+v", all)
		}
		one := ada.get(fmt.Sprintf("/api/v1/requests/%d", toDana.ID))
		if one.status != http.StatusOK || strings.Contains(one.body, "refer me") || !strings.Contains(one.body, "hiring works") {
			t.Errorf("an advisor's view of a flagged request: %d %s", one.status, one.body)
		}
		// The keys are the documented ones.
		var item map[string]any
		if err := json.Unmarshal([]byte(one.body), &item); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Components struct {
				Schemas map[string]struct {
					Required   []string
					Properties map[string]any
				}
			}
		}
		if err := json.Unmarshal(openAPISpec, &doc); err != nil {
			t.Fatal(err)
		}
		schema := doc.Components.Schemas["Request"]
		for _, k := range schema.Required {
			if _, ok := item[k]; !ok {
				t.Errorf("the answer has no %q", k)
			}
		}
		for k := range item {
			if _, ok := schema.Properties[k]; !ok {
				t.Errorf("%q is not in the Request schema", k)
			}
		}
		if !slices.Contains(schema.Required, "decline_reason") {
			t.Errorf("the Request schema: %+v", schema)
		}
	})
}

func TestPersonalModeHasNoRequests(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		b := browserOn(t, db, false)
		if r := b.get("/api/v1/requests"); r.status != http.StatusNotFound {
			t.Errorf("GET /api/v1/requests in personal mode: %d", r.status)
		}
		if r := b.postJSON("/api/v1/requests/1/cancel", ""); r.status != http.StatusNotFound {
			t.Errorf("a cancel in personal mode: %d", r.status)
		}
	})
}
