package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// apiNow is a Monday afternoon.
var apiNow = time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)

type apiClient struct {
	t   *testing.T
	srv *httptest.Server
}

func newAPI(t *testing.T, db *storetest.DB) *apiClient {
	h := NewServer(Deps{Store: db.Store, Owner: db.Owner, Clock: method.FixedClock(apiNow)})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &apiClient{t: t, srv: srv}
}

// do sends a request with a raw body and decodes the JSON answer into out.
func (c *apiClient) do(method, path, body string, wantStatus int, out any) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.srv.URL+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.srv.Client().Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, wantStatus, raw)
	}
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			c.t.Fatalf("%s %s: %v in %s", method, path, err, raw)
		}
	}
}

func jsonBody(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestAPIJourney(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newAPI(t, db)
		var field, org struct{ ID int64 }
		c.do("POST", "/api/v1/fields", `{"name": "Public policy", "why": "I care about trade"}`, 201, &field)
		c.do("POST", "/api/v1/organizations", `{"name": "State Department", "website": "https://state.example.gov"}`, 201, &org)
		var joe, dana map[string]any
		c.do("POST", "/api/v1/people", `{"name": "Joe Serra", "source": "professor"}`, 201, &joe)
		c.do("POST", "/api/v1/people", jsonBody(map[string]any{
			"name": "Dana Brown", "role": "Policy advisor", "emails": []string{"dana@example.org"},
			"organization": map[string]any{"id": org.ID}, "referred_by": map[string]any{"id": joe["id"]},
			"fields": []any{map[string]any{"id": field.ID}}, "notes": "Works on export **controls**.",
		}), 201, &dana)
		if dana["referred_by"].(map[string]any)["name"] != "Joe Serra" {
			t.Fatalf("created person: %v", dana)
		}
		danaID := int64(dana["id"].(float64))

		// A GET → PUT round trip keeps everything.
		var got map[string]any
		c.do("GET", "/api/v1/people/"+itoa(danaID), "", 200, &got)
		got["role"] = "Senior policy advisor"
		c.do("PUT", "/api/v1/people/"+itoa(danaID), jsonBody(got), 200, &got)
		if got["role"] != "Senior policy advisor" || got["organization"].(map[string]any)["name"] != "State Department" {
			t.Fatalf("after put: %v", got)
		}

		var page struct {
			Items []map[string]any
			Total int
		}
		c.do("GET", "/api/v1/people?field_id="+itoa(field.ID), "", 200, &page)
		if page.Total != 1 || page.Items[0]["name"] != "Dana Brown" {
			t.Fatalf("people in field: %+v", page)
		}

		var convo map[string]any
		c.do("POST", "/api/v1/conversations", jsonBody(map[string]any{"person_id": danaID, "field_ids": []int64{field.ID}, "minutes": 20}), 201, &convo)
		cid := itoa(int64(convo["id"].(float64)))
		c.do("POST", "/api/v1/conversations/"+cid+"/steps", `{"step": "requested", "at": "2026-11-16 09:00"}`, 200, nil)
		c.do("POST", "/api/v1/conversations/"+cid+"/steps", `{"step": "scheduled", "at": "2026-11-18 10:00", "meeting_at": "2026-11-23T09:00:00-05:00"}`, 200, nil)
		c.do("POST", "/api/v1/conversations/"+cid+"/steps", `{"step": "held", "at": "2026-11-23T09:00:00-05:00"}`, 200, &convo)
		if convo["state"] != "held" || len(convo["events"].([]any)) != 3 {
			t.Fatalf("after steps: %v", convo)
		}

		var agenda []map[string]any
		c.do("GET", "/api/v1/agenda", "", 200, &agenda)
		kinds := map[string]map[string]any{}
		for _, a := range agenda {
			kinds[a["kind"].(string)] = a
		}
		if kinds["thank"] == nil || kinds["report_back"]["referrer"] != "Joe Serra" {
			t.Fatalf("agenda: %v", agenda)
		}
		var done map[string]any
		c.do("POST", "/api/v1/agenda/thank-c"+cid+"/done", "", 200, &done)
		c.do("POST", "/api/v1/agenda/write_notes-c"+cid+"/snooze", `{"until": "+1d"}`, 200, nil)
		c.do("GET", "/api/v1/agenda?at=2026-11-23T16:00:00Z", "", 200, &agenda)
		for _, a := range agenda {
			if a["kind"] == "thank" || a["kind"] == "write_notes" {
				t.Fatalf("%v still on the agenda", a["id"])
			}
		}

		var act map[string]any
		c.do("POST", "/api/v1/activities", jsonBody(map[string]any{"person_id": danaID, "kind": "thank_you_sent", "note": "card"}), 201, &act)
		var acts []map[string]any
		c.do("GET", "/api/v1/activities?person_id="+itoa(danaID), "", 200, &acts)
		if len(acts) != 1 {
			t.Fatalf("activities: %v", acts)
		}
		var timeline []map[string]any
		c.do("GET", "/api/v1/people/"+itoa(danaID)+"/timeline", "", 200, &timeline)
		if len(timeline) != 4 {
			t.Fatalf("timeline: %v", timeline)
		}

		var hits []map[string]any
		c.do("GET", "/api/v1/search?q=export+contr", "", 200, &hits)
		if len(hits) != 1 || !strings.Contains(hits[0]["snippet"].(string), "<mark>") {
			t.Fatalf("search: %v", hits)
		}

		var settings map[string]any
		c.do("PUT", "/api/v1/settings", `{"thank_hours": 6, "time_zone": "America/Chicago"}`, 200, &settings)
		if settings["thank_hours"].(float64) != 6 || settings["keep_in_touch_days"].(float64) != 90 {
			t.Fatalf("settings: %v", settings)
		}
		c.do("PUT", "/api/v1/settings", `{"smtp_password": "hunter2"}`, 200, &settings)
		if settings["smtp_password"] != "(set)" {
			t.Fatalf("the API handed the SMTP password back: %v", settings["smtp_password"])
		}
		settings["thank_hours"] = 8
		c.do("PUT", "/api/v1/settings", jsonBody(settings), 200, &settings)
		if stored, _ := db.Scope().Settings(context.Background()); stored.SMTPPassword != "hunter2" || stored.ThankHours != 8 {
			t.Fatalf("a GET → PUT round trip lost the password: %+v", stored)
		}

		c.do("DELETE", "/api/v1/activities/"+itoa(int64(act["id"].(float64))), "", 204, nil)
		c.do("DELETE", "/api/v1/people/"+itoa(danaID), "", 409, nil)
		c.do("DELETE", "/api/v1/people/"+itoa(danaID)+"?with_conversations=true", "", 204, nil)
		c.do("GET", "/api/v1/conversations/"+cid, "", 404, nil)
	})
}

func TestAPIBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newAPI(t, db)
		var a, b map[string]any
		c.do("POST", "/api/v1/people", `{"name": "Ann"}`, 201, &a)
		c.do("POST", "/api/v1/people", jsonBody(map[string]any{"name": "Ben", "referred_by": map[string]any{"id": a["id"]}}), 201, &b)
		var convo map[string]any
		c.do("POST", "/api/v1/conversations", jsonBody(map[string]any{"person_id": a["id"]}), 201, &convo)
		aid, cid := itoa(int64(a["id"].(float64))), itoa(int64(convo["id"].(float64)))
		tests := []struct {
			name, method, path, body string
			status                   int
			field                    string
		}{
			{"malformed JSON", "POST", "/api/v1/people", `{"name": `, 400, ""},
			{"two JSON values", "POST", "/api/v1/people", `{"name": "X"} {}`, 400, ""},
			{"unknown key", "POST", "/api/v1/people", `{"name": "X", "nmae": "Y"}`, 400, ""},
			{"wrong type", "POST", "/api/v1/people", `{"name": 42}`, 422, "name"},
			{"empty name", "POST", "/api/v1/people", `{"name": "  "}`, 422, "name"},
			{"name too long", "POST", "/api/v1/people", jsonBody(map[string]string{"name": strings.Repeat("é", 201)}), 422, "name"},
			{"NUL in a name", "POST", "/api/v1/people", `{"name":"a\u0000b"}`, 422, "name"},
			{"line end in a role", "POST", "/api/v1/people", `{"name": "X", "role": "a\nb"}`, 422, "role"},
			{"control character in notes", "POST", "/api/v1/people", `{"name": "X", "notes": "fine\nlines\u001b[31m"}`, 422, "notes"},
			{"NUL in an organization", "POST", "/api/v1/organizations", `{"name": "O\u0000"}`, 422, "name"},
			{"NUL in a conversation's notes", "POST", "/api/v1/conversations", jsonBody(map[string]any{"person_id": a["id"], "notes": "a\x00"}), 422, "notes"},
			{"invalid email", "POST", "/api/v1/people", `{"name": "X", "emails": ["x@"]}`, 422, "emails"},
			{"invalid url", "POST", "/api/v1/people", `{"name": "X", "url": "javascript:alert(1)"}`, 422, "url"},
			{"unknown referrer", "POST", "/api/v1/people", `{"name": "X", "referred_by": {"id": 999}}`, 422, "referred_by"},
			{"self referral", "PUT", "/api/v1/people/" + aid, jsonBody(map[string]any{"name": "Ann", "referred_by": map[string]any{"id": a["id"]}}), 422, "referred_by"},
			{"referral loop", "PUT", "/api/v1/people/" + aid, jsonBody(map[string]any{"name": "Ann", "referred_by": map[string]any{"id": b["id"]}}), 422, "referred_by"},
			{"unknown person", "GET", "/api/v1/people/999", "", 404, ""},
			{"non-numeric id", "GET", "/api/v1/people/abc", "", 404, ""},
			{"unknown route", "GET", "/api/v1/nothing", "", 404, ""},
			{"zero target", "POST", "/api/v1/fields", `{"name": "F", "target": -1}`, 422, "target"},
			{"bad website", "POST", "/api/v1/organizations", `{"name": "O", "website": "not a url"}`, 422, "website"},
			{"conversation without person", "POST", "/api/v1/conversations", `{"minutes": 20}`, 422, "person"},
			{"bad channel", "POST", "/api/v1/conversations", jsonBody(map[string]any{"person_id": a["id"], "channel": "pigeon"}), 422, "channel"},
			{"usefulness zero", "POST", "/api/v1/conversations", jsonBody(map[string]any{"person_id": a["id"], "usefulness": 0}), 422, "usefulness"},
			{"too many minutes", "POST", "/api/v1/conversations", jsonBody(map[string]any{"person_id": a["id"], "minutes": 600}), 422, "minutes"},
			{"a long ask without keep_anyway", "POST", "/api/v1/conversations", jsonBody(map[string]any{"person_id": a["id"], "minutes": 60}), 422, "minutes"},
			{"illegal step", "POST", "/api/v1/conversations/" + cid + "/steps", `{"step": "held"}`, 409, ""},
			{"unknown step", "POST", "/api/v1/conversations/" + cid + "/steps", `{"step": "celebrated"}`, 409, ""},
			{"impossible date", "POST", "/api/v1/conversations/" + cid + "/steps", `{"step": "requested", "at": "2026-02-30"}`, 422, "at"},
			{"unreadable date", "GET", "/api/v1/agenda?at=someday", "", 422, "at"},
			{"step on unknown conversation", "POST", "/api/v1/conversations/999/steps", `{"step": "requested"}`, 404, ""},
			{"activity kind", "POST", "/api/v1/activities", jsonBody(map[string]any{"person_id": a["id"], "kind": "telepathy"}), 422, "kind"},
			{"unknown action", "POST", "/api/v1/agenda/thank-c999/done", "", 404, ""},
			{"bad action id", "POST", "/api/v1/agenda/nonsense/done", "", 422, ""},
			{"snooze in the past", "POST", "/api/v1/agenda/thank-c1/snooze", `{"until": "-1d"}`, 422, "until"},
			{"bad setting", "PUT", "/api/v1/settings", `{"thank_hours": 0}`, 422, "thank_hours"},
			{"bad limit", "GET", "/api/v1/people?limit=-5", "", 422, "limit"},
			{"bad state filter", "GET", "/api/v1/conversations?state=party", "", 422, "state"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var e struct{ Error, Field string }
				c := &apiClient{t: t, srv: c.srv}
				c.do(tt.method, tt.path, tt.body, tt.status, &e)
				if e.Error == "" {
					t.Errorf("no error message")
				}
				if tt.field != "" && e.Field != tt.field {
					t.Errorf("field = %q, want %q (error %q)", e.Field, tt.field, e.Error)
				}
			})
		}
		var page struct{ Total int }
		c.do("GET", "/api/v1/people", "", 200, &page)
		if page.Total != 2 {
			t.Fatalf("bad input changed the people: %d", page.Total)
		}
		var after map[string]any
		c.do("GET", "/api/v1/conversations/"+cid, "", 200, &after)
		if after["state"] != "idea" {
			t.Fatalf("bad steps changed the conversation: %v", after["state"])
		}
	})
}

func TestAPIRejectsOversizedBodies(t *testing.T) {
	c := newAPI(t, storetest.SQLite(t))
	big := `{"name": "` + strings.Repeat("x", maxFormBytes) + `"}` // a byte and more over the limit
	c.do("POST", "/api/v1/people", big, http.StatusRequestEntityTooLarge, nil)
}

func TestAPICrossSiteWritesAreRefused(t *testing.T) {
	c := newAPI(t, storetest.SQLite(t))
	req, _ := http.NewRequest("POST", c.srv.URL+"/api/v1/people", bytes.NewBufferString(`{"name": "X"}`))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := c.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site POST: %d", resp.StatusCode)
	}
}

// TestEveryAPIRouteIsDocumented keeps openapi.json in step with routes.go.
func TestEveryAPIRouteIsDocumented(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]json.RawMessage
	}
	if err := json.Unmarshal(openAPISpec, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	s := &server{}
	documented := map[string]bool{}
	for _, rt := range s.routes() {
		if !rt.API {
			continue
		}
		ops, ok := doc.Paths[rt.Pattern]
		if !ok {
			t.Errorf("%s %s is not in openapi.json", rt.Method, rt.Pattern)
			continue
		}
		if _, ok := ops[strings.ToLower(rt.Method)]; !ok {
			t.Errorf("%s %s: the method is not in openapi.json", rt.Method, rt.Pattern)
		}
		documented[strings.ToLower(rt.Method)+" "+rt.Pattern] = true
	}
	methodRE := regexp.MustCompile(`^(get|post|put|delete|patch)$`)
	for path, ops := range doc.Paths {
		for m := range ops {
			if methodRE.MatchString(m) && !documented[m+" "+path] {
				t.Errorf("openapi.json documents %s %s, which routes.go does not serve", strings.ToUpper(m), path)
			}
		}
	}
}

func itoa(id int64) string { return strings.TrimSpace(jsonBody(id)) }

func TestAPIKeepsALongAskWhenTold(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newAPI(t, db)
		var a, convo map[string]any
		c.do("POST", "/api/v1/people", `{"name": "Ann"}`, 201, &a)
		var e struct{ Error, Field string }
		c.do("POST", "/api/v1/conversations", jsonBody(map[string]any{"person_id": a["id"], "minutes": 45}), 422, &e)
		if want := `ask for less, or send "keep_anyway": true to keep 45 minutes`; e.Field != "minutes" || !strings.Contains(e.Error, want) {
			t.Errorf("the refusal is %q on %q, want %q on minutes", e.Error, e.Field, want)
		}
		c.do("POST", "/api/v1/conversations", jsonBody(map[string]any{"person_id": a["id"], "minutes": 45, "keep_anyway": true}), 201, &convo)
		if convo["minutes"] != float64(45) {
			t.Errorf("minutes = %v, want 45", convo["minutes"])
		}
		// keep_minutes, the key's older name, keeps it too.
		c.do("POST", "/api/v1/conversations", jsonBody(map[string]any{"person_id": a["id"], "minutes": 50, "keep_minutes": true}), 201, &convo)
		if convo["minutes"] != float64(50) {
			t.Errorf("minutes = %v, want 50", convo["minutes"])
		}
	})
}
