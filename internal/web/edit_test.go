package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// Edits and deletions through the pages and the API: each changes what
// it names and nothing else, and bad input comes back with the problem.

// selected is the value of the select named name in a page, "" if none
// is selected.
func selected(page, name string) string {
	sel := regexp.MustCompile(`(?s)<select[^>]*name="` + regexp.QuoteMeta(name) + `".*?</select>`).FindString(page)
	m := regexp.MustCompile(`<option value="([^"]*)" selected>`).FindStringSubmatch(sel)
	if m == nil {
		return ""
	}
	return m[1]
}

func TestConversationEditAndDeletePages(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		ctx := context.Background()
		p := &model.Person{Name: "Dana Brown"}
		if err := b.sc.CreatePerson(ctx, p, pagesNow); err != nil {
			t.Fatal(err)
		}
		c := &model.Conversation{Person: model.Ref{ID: p.ID}, Minutes: 20, Place: "Café Lune"}
		if err := b.sc.CreateConversation(ctx, c, pagesNow); err != nil {
			t.Fatal(err)
		}
		path := "/conversations/" + itoa(c.ID)

		page := b.follow(path, url.Values{"minutes": {"30"}, "place": {"the library"}, "channel": {"video"},
			"notes": {"Ask about\r\nthe budget."}, "usefulness": {"3"}})
		wantIn(t, "after saving", readable(page.body), "Saved the conversation with Dana Brown.", "the library")
		got, err := b.sc.Conversation(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Minutes != 30 || got.Place != "the library" || got.Channel != model.ChannelVideo || got.Notes != "Ask about\nthe budget." ||
			got.Person.ID != p.ID {
			t.Errorf("saved conversation: %+v", got)
		}

		// Bad minutes: 422 with the typed values and the problem, nothing saved.
		r := b.post(path, url.Values{"minutes": {"soon"}, "place": {"a park"}})
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("bad minutes: status %d", r.status)
		}
		wantIn(t, "the refused form", r.body, `value="soon"`, `value="a park"`, `aria-invalid="true"`)
		if again, _ := b.sc.Conversation(ctx, c.ID); again.Place != "the library" || again.Minutes != 30 {
			t.Errorf("a refused edit changed the conversation: %+v", again)
		}
		if r := b.post("/conversations/9999", url.Values{"minutes": {"20"}}); r.status != http.StatusNotFound {
			t.Errorf("editing an unknown conversation: status %d", r.status)
		}

		// Delete leads to the person, and the conversation is gone.
		r = b.post(path+"/delete", nil)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/people/"+itoa(p.ID) {
			t.Fatalf("delete: status %d to %q", r.status, r.header.Get("Location"))
		}
		wantIn(t, "after deleting", readable(b.get(r.header.Get("Location")).body), "Deleted the conversation with Dana Brown.")
		if _, err := b.sc.Conversation(ctx, c.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("after delete the conversation reads back: %v", err)
		}
		if _, err := b.sc.Person(ctx, p.ID); err != nil {
			t.Errorf("deleting the conversation touched the person: %v", err)
		}
		if r := b.post(path+"/delete", nil); r.status != http.StatusNotFound {
			t.Errorf("deleting it again: status %d", r.status)
		}
	})
}

func TestFieldAndOrganizationEditPages(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		ctx := context.Background()
		f := &model.Field{Name: "Public policy", Target: 3}
		if err := b.sc.CreateField(ctx, f, pagesNow); err != nil {
			t.Fatal(err)
		}
		page := b.follow("/fields/"+itoa(f.ID), url.Values{"name": {"Trade policy"}, "why": {"I care\r\nabout trade"}, "target": {"5"}})
		wantIn(t, "after saving the field", readable(page.body), "Saved the field Trade policy.")
		got, err := b.sc.Field(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Trade policy" || got.Why != "I care\nabout trade" || got.Target != 5 {
			t.Errorf("saved field: %+v", got)
		}
		r := b.post("/fields/"+itoa(f.ID), url.Values{"name": {""}, "target": {"5"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `aria-invalid="true"`) {
			t.Errorf("a field without a name: status %d", r.status)
		}
		if again, _ := b.sc.Field(ctx, f.ID); again.Name != "Trade policy" {
			t.Errorf("a refused edit renamed the field to %q", again.Name)
		}
		// A refused form keeps the box as it was ticked.
		r = b.post("/fields/"+itoa(f.ID), url.Values{"name": {""}, "target": {"5"}, "pursuing": {"on"}})
		wantIn(t, "a refused form with the box ticked", r.body, `name="pursuing" value="on" checked`)

		// Ticking "I am pursuing this field" marks it; unticking takes it back.
		page = b.follow("/fields/"+itoa(f.ID), url.Values{"name": {"Trade policy"}, "target": {"5"}, "pursuing": {"on"}})
		wantIn(t, "a pursued field's page", readable(page.body), "You are pursuing this field")
		if got, _ := b.sc.Field(ctx, f.ID); !got.Pursuing {
			t.Errorf("the ticked box was not saved: %+v", got)
		}
		if r := b.get("/fields/" + itoa(f.ID) + "/edit"); !strings.Contains(r.body, `name="pursuing" value="on" checked`) {
			t.Errorf("the edit form of a pursued field does not show the box ticked")
		}
		b.follow("/fields/"+itoa(f.ID), url.Values{"name": {"Trade policy"}, "target": {"5"}})
		if got, _ := b.sc.Field(ctx, f.ID); got.Pursuing {
			t.Errorf("unticking the box kept the mark")
		}

		// The empty organization form, then adding and editing one.
		r = b.get("/orgs/new")
		if r.status != http.StatusOK {
			t.Fatalf("GET /orgs/new: %d", r.status)
		}
		wantIn(t, "the new organization form", r.body, `action="/orgs"`, `name="name"`, `name="website"`, "Add organization")
		if strings.Contains(r.body, `aria-invalid="true"`) {
			t.Errorf("the empty form already shows a problem")
		}
		o := &model.Organization{Name: "State Department"}
		if err := b.sc.CreateOrganization(ctx, o, pagesNow); err != nil {
			t.Fatal(err)
		}
		page = b.follow("/orgs/"+itoa(o.ID), url.Values{"name": {"Department of State"}, "website": {"https://state.example.gov"}, "notes": {"Hiring in spring."}})
		wantIn(t, "after saving the organization", readable(page.body), "Saved Department of State.")
		gotOrg, err := b.sc.Organization(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if gotOrg.Name != "Department of State" || gotOrg.Website != "https://state.example.gov" || gotOrg.Notes != "Hiring in spring." {
			t.Errorf("saved organization: %+v", gotOrg)
		}
		r = b.post("/orgs/"+itoa(o.ID), url.Values{"name": {""}, "website": {"https://state.example.gov"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `value="https://state.example.gov"`) {
			t.Errorf("an organization without a name: status %d", r.status)
		}
		if again, _ := b.sc.Organization(ctx, o.ID); again.Name != "Department of State" {
			t.Errorf("a refused edit renamed the organization to %q", again.Name)
		}
		wantIn(t, "a refused organization edit", readable(r.body), "Edit the organization")

		// Both kinds go through one set of handlers: add, edit page, refusal.
		wantIn(t, "added organization", readable(b.follow("/orgs", url.Values{"name": {"Tidewater Institute"}}).body), "Added Tidewater Institute.")
		wantIn(t, "added field", readable(b.follow("/fields", url.Values{"name": {"Urban planning"}, "target": {"4"}}).body), "Added the field Urban planning.")
		wantIn(t, "organization edit page", readable(b.get("/orgs/"+itoa(o.ID)+"/edit").body), "Edit Department of State", "Save changes")
		wantIn(t, "field edit page", readable(b.get("/fields/"+itoa(f.ID)+"/edit").body), "Edit Trade policy", "Save changes")
		r = b.post("/fields", url.Values{"name": {""}, "target": {"0"}})
		if r.status != http.StatusUnprocessableEntity {
			t.Errorf("a new field without a name: status %d", r.status)
		}
		wantIn(t, "a refused new field", readable(r.body), "Add a field", "Add field")
		if r := b.get("/orgs/99999/edit"); r.status != http.StatusNotFound {
			t.Errorf("editing a missing organization: %d", r.status)
		}
	})
}

func TestActivityDeletePage(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		ctx := context.Background()
		p := &model.Person{Name: "Dana Brown"}
		if err := b.sc.CreatePerson(ctx, p, pagesNow); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, note := range []string{"the card", "the call"} {
			a := &model.Activity{Person: model.Ref{ID: p.ID}, Kind: model.ActNote, At: pagesNow.Add(-time.Hour), Note: note}
			if err := b.sc.AddActivity(ctx, a, pagesNow); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		r := b.post("/activities/"+itoa(ids[0])+"/delete", nil)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/people/"+itoa(p.ID) {
			t.Fatalf("delete: status %d to %q", r.status, r.header.Get("Location"))
		}
		wantIn(t, "after deleting", readable(b.get(r.header.Get("Location")).body), "Deleted the activity.")
		acts, err := b.sc.Activities(ctx, store.ActivityFilter{PersonID: p.ID})
		if err != nil || len(acts) != 1 || acts[0].ID != ids[1] {
			t.Errorf("after deleting one of two activities: %+v (%v)", acts, err)
		}
		if r := b.post("/activities/"+itoa(ids[0])+"/delete", nil); r.status != http.StatusNotFound {
			t.Errorf("deleting it again: status %d", r.status)
		}
	})
}

func TestNewTemplateFormTakesTheKindAsked(t *testing.T) {
	b := newBrowser(t, false)
	for _, tt := range []struct{ query, kind string }{
		{"", "first_request"},
		{"?kind=thank_you", "thank_you"},
		{"?kind=report_back", "report_back"},
		{"?kind=nonsense", "first_request"},
	} {
		r := b.get("/templates/new" + tt.query)
		if r.status != http.StatusOK {
			t.Fatalf("GET /templates/new%s: %d", tt.query, r.status)
		}
		if got := selected(r.body, "kind"); got != tt.kind {
			t.Errorf("/templates/new%s selects the kind %q, want %q", tt.query, got, tt.kind)
		}
		if got := selected(r.body, "channel"); got != "email" {
			t.Errorf("/templates/new%s selects the channel %q, want email", tt.query, got)
		}
		wantIn(t, "the new template form", r.body, `action="/templates"`, "Add the template", `name="body"`)
	}
}

func TestAPIUpdatesConversationAndActivityAndReadsSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newAPI(t, db)
		var dana, joe, field struct{ ID int64 }
		c.do("POST", "/api/v1/people", `{"name": "Dana Brown"}`, 201, &dana)
		c.do("POST", "/api/v1/people", `{"name": "Joe Serra"}`, 201, &joe)
		c.do("POST", "/api/v1/fields", `{"name": "Public policy"}`, 201, &field)
		var convo map[string]any
		c.do("POST", "/api/v1/conversations", jsonBody(map[string]any{"person_id": dana.ID, "minutes": 20}), 201, &convo)
		cid := itoa(int64(convo["id"].(float64)))

		c.do("PUT", "/api/v1/conversations/"+cid, jsonBody(map[string]any{"person_id": dana.ID, "field_ids": []int64{field.ID},
			"minutes": 45, "place": "Café Lune", "channel": "in_person", "summary": "Talked trade"}), 200, &convo)
		var got map[string]any
		c.do("GET", "/api/v1/conversations/"+cid, "", 200, &got)
		fields, _ := got["fields"].([]any)
		if got["minutes"].(float64) != 45 || got["place"] != "Café Lune" || got["summary"] != "Talked trade" || len(fields) != 1 ||
			got["state"] != "idea" {
			t.Errorf("after PUT the conversation reads %v", got)
		}
		c.do("PUT", "/api/v1/conversations/"+cid, jsonBody(map[string]any{"person_id": dana.ID, "minutes": -5}), 422, nil)
		c.do("PUT", "/api/v1/conversations/"+cid, `{"minutes": `, 400, nil)
		c.do("PUT", "/api/v1/conversations/9999", jsonBody(map[string]any{"person_id": dana.ID, "minutes": 20}), 404, nil)
		c.do("GET", "/api/v1/conversations/"+cid, "", 200, &got)
		if got["minutes"].(float64) != 45 {
			t.Errorf("a refused PUT changed the minutes to %v", got["minutes"])
		}

		var act map[string]any
		c.do("POST", "/api/v1/activities", jsonBody(map[string]any{"person_id": dana.ID, "kind": "email_sent", "at": "2026-11-20T09:00:00Z", "note": "asked"}), 201, &act)
		aid := itoa(int64(act["id"].(float64)))
		c.do("PUT", "/api/v1/activities/"+aid, jsonBody(map[string]any{"person_id": dana.ID, "conversation_id": convo["id"],
			"kind": "reply_received", "at": "2026-11-21T10:00:00Z", "note": "she replied"}), 200, &act)
		var acts []map[string]any
		c.do("GET", "/api/v1/activities?person_id="+itoa(dana.ID), "", 200, &acts)
		if len(acts) != 1 || acts[0]["kind"] != "reply_received" || acts[0]["note"] != "she replied" || acts[0]["at"] != "2026-11-21T10:00:00Z" ||
			acts[0]["conversation_id"] != convo["id"] {
			t.Errorf("after PUT the activities read %v", acts)
		}
		// A conversation with someone else is refused, and nothing changes.
		c.do("PUT", "/api/v1/activities/"+aid, jsonBody(map[string]any{"person_id": joe.ID, "conversation_id": convo["id"], "kind": "note"}), 422, nil)
		c.do("PUT", "/api/v1/activities/"+aid, jsonBody(map[string]any{"person_id": dana.ID, "kind": "carrier_pigeon"}), 422, nil)
		c.do("PUT", "/api/v1/activities/9999", jsonBody(map[string]any{"person_id": dana.ID, "kind": "note"}), 404, nil)
		c.do("GET", "/api/v1/activities?person_id="+itoa(dana.ID), "", 200, &acts)
		if len(acts) != 1 || acts[0]["kind"] != "reply_received" {
			t.Errorf("refused PUTs changed the activity: %v", acts)
		}

		// Settings read back as saved, the password never handed out.
		var settings map[string]any
		c.do("GET", "/api/v1/settings", "", 200, &settings)
		if settings["thank_hours"].(float64) != 12 || settings["keep_in_touch_days"].(float64) != 90 || settings["smtp_password"] != "" {
			t.Errorf("default settings read %v", settings)
		}
		st, err := db.Scope().Settings(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		st.ThankHours, st.TimeZone, st.SMTPPassword = 6, "Asia/Kolkata", "hunter2"
		if err := db.Scope().SaveSettings(context.Background(), st); err != nil {
			t.Fatal(err)
		}
		c.do("GET", "/api/v1/settings", "", 200, &settings)
		if settings["thank_hours"].(float64) != 6 || settings["time_zone"] != "Asia/Kolkata" || settings["smtp_password"] != passwordSet {
			t.Errorf("saved settings read %v", settings)
		}
	})
}
