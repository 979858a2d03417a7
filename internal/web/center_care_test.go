package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// staleCenter adds to the mail center (Vera's conversation with Sam
// held) Walt and Xena, who both talk about Urban planning, and Sam's
// request to Walt, sent on 7 November and reminded on the 17th: stale.
func staleCareCenter(t *testing.T, c *mailCenter) (vera, walt int64, stale int64) {
	t.Helper()
	ctx := context.Background()
	st := c.db.Store
	vera = heldRequest(t, c)
	for _, p := range []model.VolunteerProfile{
		{DisplayName: "Walt Green", MonthlyCapacity: 2, Fields: []string{"Urban planning"}},
		{DisplayName: "Xena Ruiz", MonthlyCapacity: 2, Fields: []string{"Urban planning"}},
	} {
		email := strings.ToLower(strings.Fields(p.DisplayName)[0]) + "@example.com"
		a, err := st.AddAccount(ctx, model.NewAccount{Email: email, Name: p.DisplayName, Roles: []model.Role{model.RoleVolunteer}}, model.CLIActor(), pagesNow)
		if err != nil {
			t.Fatal(err)
		}
		p.AccountID = a.ID
		if err := st.SaveVolunteerProfile(ctx, &p, nil, pagesNow); err != nil {
			t.Fatal(err)
		}
		if walt == 0 {
			walt = a.ID
		}
	}
	set, err := st.CenterRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.SendRequest(ctx, set, center.Draft{StudentID: c.samID, VolunteerID: walt, Field: "Urban planning", Purpose: "the work",
		Message: "Dear Walt, I study planning at Westlake. Could I ask you about your work for 20 minutes, at your convenience?",
		Minutes: 20, Channel: "video"}, nil, time.Date(2026, 11, 7, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if _, jobs, err := st.RunRequestJobs(ctx, set, r.ID, time.Date(2026, 11, 17, 10, 0, 0, 0, time.UTC)); err != nil || len(jobs) != 1 {
		t.Fatalf("Walt's reminder: %v %v", jobs, err)
	}
	return vera, walt, r.ID
}

func TestAdvisorsCareForVolunteers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		vera, walt, _ := staleCareCenter(t, c)
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		sam := c.signedIn(t, "sam@westlake.edu", samPassword)
		for _, p := range []string{"/center/volunteers", "/center/volunteers/thanks", "/center/stale", "/center/students", "/center/volunteers/" + itoa(vera)} {
			if r := sam.get(p); r.status != http.StatusForbidden {
				t.Errorf("Sam GET %s: %d", p, r.status)
			}
		}
		if r := sam.get("/"); strings.Contains(r.body, `href="/center/volunteers"`) {
			t.Error("Sam's nav links to the console")
		}

		r := ada.get("/center/volunteers")
		if r.status != http.StatusOK {
			t.Fatalf("the list: %d", r.status)
		}
		// Vera answered Sam after 3 hours and accepted: 100%; Walt has
		// Sam's request this month; nobody has answered or paused.
		wantIn(t, "the list", readable(r.body), "3 active volunteers", "Vera V", "vera@example.com", "3.0 hours", "100% of 1", "Walt Green")
		wantIn(t, "the list", r.body, `aria-sort="descending"><a href="/center/volunteers?dir=asc&amp;sort=month">Requests this month`, `href="/center/volunteers"`)
		if strings.Index(r.body, "Walt Green") > strings.Index(r.body, "Xena Ruiz") {
			t.Error("Walt, with a request this month, comes after Xena, with none")
		}
		r = ada.get("/center/volunteers?sort=name&dir=asc&q=ruiz")
		wantIn(t, "the search", r.body, `aria-sort="ascending"><a href="/center/volunteers?dir=desc&amp;q=ruiz&amp;sort=name">Volunteer`, "Xena Ruiz", `value="ruiz"`)
		if strings.Contains(r.body, "Walt Green") {
			t.Error("the search for ruiz shows Walt")
		}
		if r := ada.get("/center/volunteers?sort=mood"); r.status != http.StatusBadRequest {
			t.Errorf("an unknown sort: %d", r.status)
		}

		// A pause with a bad day keeps what was typed; a good one shows.
		page := "/center/volunteers/" + itoa(vera)
		r = ada.post(page+"/pause", url.Values{"paused_until": {"soon"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `value="soon"`) || !strings.Contains(r.body, `id="f-paused-until-error"`) {
			t.Fatalf("a bad pause: %d %s", r.status, readable(r.body))
		}
		r = ada.post(page+"/pause", url.Values{"paused_until": {"2026-11-18"}})
		wantIn(t, "a pause from today", readable(r.body), "Choose a day to come")
		if r := ada.post(page+"/pause", url.Values{"paused_until": {"2026-12-01"}}); r.status != http.StatusSeeOther || r.header.Get("Location") != page {
			t.Fatalf("pause: %d %s", r.status, r.header.Get("Location"))
		}
		wantIn(t, "the paused volunteer", readable(ada.get(page).body), "Paused Vera V: no new requests until Tue 1 Dec 2026.", "until Tue 1 Dec 2026", "End the pause now")
		if r := ada.post(page+"/pause", url.Values{"resume": {"1"}}); r.status != http.StatusSeeOther {
			t.Fatalf("resume: %d", r.status)
		}
		wantIn(t, "the resumed volunteer", readable(ada.get(page).body), "Vera V takes requests again.")

		// The thank-you: a preview of the count, then one email, once.
		wantIn(t, "the preview", readable(ada.get("/center/volunteers/thanks").body), "This sends 1 email", "Send 1 thank-you")
		r = ada.post("/center/volunteers/thanks", url.Values{"note": {strings.Repeat("Thanks! ", 300)}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(readable(r.body), "under 2,000 characters") {
			t.Fatalf("a long note: %d", r.status)
		}
		if r := ada.post("/center/volunteers/thanks", url.Values{"note": {"The dean sends her thanks too."}}); r.status != http.StatusSeeOther {
			t.Fatalf("thanks: %d", r.status)
		}
		wantIn(t, "after the thanks", readable(ada.get("/center/volunteers/thanks").body), "Queued 1 thank-you", "Nobody is waiting", "1 volunteer was thanked")
		ada.post("/center/volunteers/thanks", nil)
		msgs, err := db.Store.Outbox(context.Background(), store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range msgs {
			if m.Kind == "volunteer.thanks" {
				n++
				if m.To != "vera@example.com" || !strings.Contains(m.Body, "The dean sends her thanks too.") {
					t.Errorf("the thank-you: %+v", m)
				}
			}
		}
		if n != 1 {
			t.Errorf("%d thank-yous, want 1", n)
		}

		// Removing Walt takes him off the list; his request stays.
		if r := ada.post("/center/volunteers/"+itoa(walt)+"/remove", nil); r.status != http.StatusSeeOther || r.header.Get("Location") != "/center/volunteers" {
			t.Fatalf("remove: %d", r.status)
		}
		r = ada.get("/center/volunteers")
		wantIn(t, "after the removal", readable(r.body), "Walt Green is no longer a volunteer", "1 request still waits", "2 active volunteers")
		if r := ada.get("/center/volunteers/" + itoa(walt)); r.status != http.StatusNotFound {
			t.Errorf("the removed volunteer's page: %d", r.status)
		}
	})
}

func TestAdvisorsSuggestOtherVolunteersFromTheStaleList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		_, _, stale := staleCareCenter(t, c)
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		r := ada.get("/center/stale")
		wantIn(t, "the stale list", readable(r.body), "Unanswered after the reminder (1)", "Accepted, no time agreed (0)", "Sam Lee", "Walt Green",
			"Urban planning", "Sat 7 Nov 2026", "Tue 17 Nov 2026", "Email Sam Lee other volunteers")
		wantIn(t, "the stale list", r.body, `action="/center/stale/`+itoa(stale)+`/suggest"`)
		path := "/center/stale/" + itoa(stale) + "/suggest"
		r = ada.post(path, url.Values{"back": {"/center/stale"}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/center/stale" {
			t.Fatalf("suggest: %d %s", r.status, r.header.Get("Location"))
		}
		wantIn(t, "after suggesting", readable(ada.get("/center/stale").body), "Emailed the student 1 volunteer with room: Xena Ruiz.", "Sent Wed 18 Nov 2026")
		ada.post(path, nil)
		wantIn(t, "a second suggestion", readable(ada.get("/center/stale").body), "already suggested")
		if r := ada.get("/center/stale?list=untimed"); !strings.Contains(readable(r.body), "every request on this list is moving") {
			t.Errorf("the untimed list: %s", readable(r.body))
		}
		if r := ada.get("/center/stale?list=all"); r.status != http.StatusBadRequest {
			t.Errorf("an unknown list: %d", r.status)
		}
	})
}

func TestAdvisorsSeeTheStudentsToReachOutTo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		ctx := context.Background()
		if _, err := db.Store.AddAccount(ctx, model.NewAccount{Email: "quinn@westlake.edu", Name: "Quinn Park", Roles: []model.Role{model.RoleStudent}},
			model.CLIActor(), pagesNow); err != nil {
			t.Fatal(err)
		}
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		wantIn(t, "the students", readable(ada.get("/center/students").body), "No student is on hold", "Sent nothing yet (", "Every request expired (0)")
		r := ada.get("/center/students?list=silent")
		wantIn(t, "the silent students", readable(r.body), "Quinn Park", "quinn@westlake.edu", "Never")
		if r := ada.get("/center/students?list=everyone"); r.status != http.StatusBadRequest {
			t.Errorf("an unknown list: %d", r.status)
		}
	})
}
