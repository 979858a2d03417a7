package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// Sam downloads everything Ally holds about him from his settings, then
// deletes his account: a wrong password keeps what he typed out and
// deletes nothing; the right one ends his session and his records.
func TestAUserExportsAndDeletesTheirOwnAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		ctx := context.Background()
		sam := c.signedIn(t, "sam@westlake.edu", samPassword)
		other := c.signedIn(t, "sam@westlake.edu", samPassword) // his phone

		settings := sam.get("/settings")
		if settings.status != 200 || !strings.Contains(settings.body, `href="/account/export.json"`) || !strings.Contains(settings.body, `href="/account/delete"`) {
			t.Fatalf("Sam's settings lack his account's data: %d", settings.status)
		}
		r := sam.get("/account/export.json")
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment;") {
			t.Fatalf("Sam's export: %d %v", r.status, r.header)
		}
		var doc struct {
			For     string `json:"for"`
			Account struct {
				Email string `json:"email"`
			} `json:"account"`
			Personal struct {
				People []struct {
					Name string `json:"name"`
				} `json:"people"`
			} `json:"personal"`
		}
		if err := json.Unmarshal([]byte(r.body), &doc); err != nil {
			t.Fatalf("Sam's export is not JSON: %v", err)
		}
		if doc.For != "user" || doc.Account.Email != "sam@westlake.edu" || len(doc.Personal.People) != 1 || doc.Personal.People[0].Name != "Sams Contact" {
			t.Errorf("Sam's export: %+v", doc)
		}

		if r := sam.get("/account/delete"); r.status != 200 || !strings.Contains(r.body, `autocomplete="current-password"`) {
			t.Fatalf("the deletion page: %d\n%s", r.status, readable(r.body))
		}
		r = sam.post("/account/delete", url.Values{"password": {"not my password"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "f-password-error") || !strings.Contains(readable(r.body), "That is not your password.") {
			t.Fatalf("a wrong password: %d\n%s", r.status, readable(r.body))
		}
		if _, err := db.Store.Account(ctx, c.samID); err != nil {
			t.Fatalf("a wrong password deleted Sam: %v", err)
		}
		r = sam.post("/account/delete", url.Values{"password": {samPassword}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/signin" {
			t.Fatalf("delete with the password: %d\n%s", r.status, readable(r.body))
		}
		if page := readable(sam.get("/signin").body); !strings.Contains(page, "Your account is deleted") {
			t.Errorf("no word after the deletion:\n%s", page)
		}
		for name, b := range map[string]*browser{"this browser": sam, "his phone": other} {
			if r := b.get("/people"); r.status != http.StatusSeeOther {
				t.Errorf("%s is still signed in: %d", name, r.status)
			}
		}
		if r := c.browser(t).post("/signin", url.Values{"email": {"sam@westlake.edu"}, "password": {samPassword}, "next": {"/"}}); r.status == http.StatusSeeOther {
			t.Error("Sam signs in after deleting his account")
		}
		if _, err := db.Store.Account(ctx, c.samID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Sam's account after the deletion: %v", err)
		}
		// The only advisor may not leave the center without one.
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		r = ada.post("/account/delete", url.Values{"password": {adaPassword}})
		if r.status != http.StatusConflict || !strings.Contains(readable(r.body), "only active advisor") {
			t.Fatalf("the last advisor deletes herself: %d\n%s", r.status, readable(r.body))
		}
	})
}

// An advisor exports what the center holds about Sam (never his own
// records) and deletes his account on his request; both are in the audit
// log.
func TestAnAdvisorExportsAndDeletesAnAccountOnRequest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		ctx := context.Background()
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		sam := c.signedIn(t, "sam@westlake.edu", samPassword)
		samPage := "/center/accounts/" + itoa(c.samID)
		page := ada.get(samPage)
		if page.status != 200 || !strings.Contains(page.body, `action="`+samPage+`/export"`) || !strings.Contains(page.body, `href="`+samPage+`/delete"`) {
			t.Fatalf("Sam's account page lacks his data's actions: %d", page.status)
		}
		r := ada.post(samPage+"/export", url.Values{})
		if r.status != 200 || !strings.Contains(r.body, `"for": "center"`) || !strings.Contains(r.body, "sam@westlake.edu") || strings.Contains(r.body, "Sams Contact") {
			t.Fatalf("the center's export of Sam: %d\n%s", r.status, r.body)
		}
		if r := sam.post(samPage+"/export", url.Values{}); r.status != http.StatusForbidden {
			t.Errorf("Sam exports through the advisors' page: %d", r.status)
		}

		if r := ada.get(samPage + "/delete"); r.status != 200 || !strings.Contains(r.body, "Type sam@westlake.edu to confirm.") {
			t.Fatalf("the deletion page: %d\n%s", r.status, readable(r.body))
		}
		r = ada.post(samPage+"/delete", url.Values{"email": {"sam@westlake.ed"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "f-email-error") || !strings.Contains(r.body, `value="sam@westlake.ed"`) {
			t.Fatalf("a mistyped email: %d\n%s", r.status, readable(r.body))
		}
		if _, err := db.Store.Account(ctx, c.samID); err != nil {
			t.Fatalf("a mistyped email deleted Sam: %v", err)
		}
		r = ada.post(samPage+"/delete", url.Values{"email": {"Sam@Westlake.edu"}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/center/accounts" {
			t.Fatalf("delete Sam: %d\n%s", r.status, readable(r.body))
		}
		if r := sam.get("/people"); r.status != http.StatusSeeOther {
			t.Errorf("Sam's session outlived his account: %d", r.status)
		}
		if flash := readable(ada.get("/center/accounts").body); !strings.Contains(flash, "Deleted Sam Lee’s account") {
			t.Errorf("no word on the deletion:\n%s", flash)
		}
		if list := ada.get("/center/accounts"); strings.Contains(list.body, "sam@westlake.edu") || strings.Contains(list.body, store.DeletedName) {
			t.Error("the accounts list shows Sam or his tombstone")
		}
		if r := ada.get(samPage); r.status != http.StatusNotFound {
			t.Errorf("Sam's account page after the deletion: %d", r.status)
		}
		es, err := db.Store.AuditLog(ctx, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		byAction := map[string]model.AuditEntry{}
		for _, e := range es {
			if _, seen := byAction[e.Action]; !seen {
				byAction[e.Action] = e
			}
		}
		del, exp := byAction["user.delete"], byAction["user.export"]
		if del.Actor != "ada@westlake.edu" || !strings.HasPrefix(del.Target, "deleted account ") || exp.Actor != "ada@westlake.edu" || exp.Target != del.Target {
			t.Errorf("the audit log's deletion %+v and export %+v", del, exp)
		}
		// Ada may delete her own account only while another advisor stays.
		adaPage := "/center/accounts/" + itoa(c.adaAccount.ID)
		r = ada.post(adaPage+"/delete", url.Values{"email": {"ada@westlake.edu"}})
		if r.status != http.StatusConflict || !strings.Contains(readable(r.body), "at least one active advisor") {
			t.Fatalf("the last advisor deletes herself: %d\n%s", r.status, readable(r.body))
		}
		if _, err := db.Store.AddAccount(ctx, model.NewAccount{Email: "ben@westlake.edu", Name: "Ben Advisor", Roles: []model.Role{model.RoleAdvisor}}, model.CLIActor(), pagesNow); err != nil {
			t.Fatal(err)
		}
		r = ada.post(adaPage+"/delete", url.Values{"email": {"ada@westlake.edu"}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/signin" {
			t.Fatalf("Ada deletes herself with Ben left: %d\n%s", r.status, readable(r.body))
		}
	})
}
