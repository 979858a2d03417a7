package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestAStudentCannotReachTheAccountPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		sam := c.signedIn(t, "sam@westlake.edu", samPassword)
		ada := itoa(c.adaAccount.ID)
		for _, p := range []string{"/center/accounts", "/center/accounts/" + ada, "/center/outbox"} {
			if r := sam.get(p); r.status != http.StatusForbidden || !strings.Contains(readable(r.body), "Only the career center’s advisors may manage the center’s accounts") {
				t.Errorf("a student GET %s: %d", p, r.status)
			}
		}
		for p, form := range map[string]url.Values{
			"/center/accounts/" + itoa(c.samID) + "/roles":  {"role_advisor": {"advisor"}},
			"/center/accounts/" + ada + "/status":           {"status": {"disabled"}},
			"/center/accounts/" + ada + "/tokens/1/revoke":  nil,
			"/center/accounts/" + itoa(c.samID) + "/status": {"status": {"active"}},
			"/center/invitations":                           {"email": {"x@westlake.edu"}, "role_advisor": {"advisor"}},
		} {
			if r := sam.post(p, form); r.status != http.StatusForbidden {
				t.Errorf("a student POST %s: %d", p, r.status)
			}
		}
		if r := sam.get("/"); strings.Contains(r.body, `href="/center/accounts"`) {
			t.Error("a student's nav links to the account pages")
		}
		acct, _ := db.Store.Account(context.Background(), c.samID)
		if acct.Has(model.RoleAdvisor) {
			t.Fatal("the student made himself an advisor")
		}
	})
}

func TestAdvisorsListFindAndPageAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		ctx := context.Background()
		for i := range accountsPageSize + 5 {
			if _, err := db.Store.AddAccount(ctx, model.NewAccount{Email: fmt.Sprintf("v%03d@westlake.edu", i), Name: fmt.Sprintf("Volunteer %03d", i),
				Roles: []model.Role{model.RoleVolunteer}}, model.CLIActor(), pagesNow); err != nil {
				t.Fatal(err)
			}
		}
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		r := ada.get("/center/accounts")
		page := readable(r.body)
		if r.status != 200 || !strings.Contains(page, "57 accounts") || !strings.Contains(r.body, `href="/center/accounts?page=2"`) ||
			!strings.Contains(page, "ada@westlake.edu") || strings.Contains(page, "v054@westlake.edu") {
			t.Fatalf("the first page: %d\n%s", r.status, page)
		}
		// Ada signed in just now; Sam never did.
		if !strings.Contains(page, "Ada Admin ada@westlake.edu advisor Active "+pagesNow.In(loc(t)).Format("Mon 2 Jan 2006")) || !strings.Contains(page, "sam@westlake.edu student Active Never") {
			t.Errorf("no last sign-in on the list:\n%s", page)
		}
		if page := readable(ada.get("/center/accounts?page=2").body); !strings.Contains(page, "v054@westlake.edu") || !strings.Contains(page, "Previous page") {
			t.Fatalf("the second page:\n%s", page)
		}
		if page := readable(ada.get("/center/accounts?role=student").body); !strings.Contains(page, "sam@westlake.edu") || strings.Contains(page, "ada@westlake.edu") || !strings.Contains(page, "1 account") {
			t.Fatalf("the students:\n%s", page)
		}
		r = ada.get("/center/accounts?q=SAM+LEE")
		if page := readable(r.body); !strings.Contains(page, "sam@westlake.edu") || !strings.Contains(page, "1 account") || !strings.Contains(r.body, `value="SAM LEE"`) {
			t.Fatalf("a search:\n%s", page)
		}
		if r := ada.get("/center/accounts?role=owner"); r.status != http.StatusBadRequest {
			t.Fatalf("an unknown role: %d", r.status)
		}
	})
}

func TestAdvisorsChangeRolesDisableAndRevokeTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		ctx := context.Background()
		sam := c.signedIn(t, "sam@westlake.edu", samPassword)
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		samPage := "/center/accounts/" + itoa(c.samID)
		adaPage := "/center/accounts/" + itoa(c.adaAccount.ID)
		if r := ada.get(samPage); r.status != 200 || !strings.Contains(r.body, "Sam Lee") || strings.Contains(r.body, "Sams Contact") {
			t.Fatalf("Sam's account page: %d (it must never show his records)", r.status)
		}
		// No role at all is refused next to the roles; nothing changes.
		if r := ada.post(samPage+"/roles", url.Values{}); r.status != 422 || !strings.Contains(r.body, "f-role-student-error") {
			t.Fatalf("no roles: %d\n%s", r.status, readable(r.body))
		}
		if r := ada.post(samPage+"/roles", url.Values{"role_student": {"student"}, "role_overlord": {"x"}}); r.status != 422 || !strings.Contains(readable(r.body), "not a role") {
			t.Fatalf("a role that does not exist: %d\n%s", r.status, readable(r.body))
		}
		if r := ada.post(samPage+"/roles", url.Values{"role_student": {"student"}, "role_volunteer": {"volunteer"}}); r.status != http.StatusSeeOther {
			t.Fatalf("new roles: %d\n%s", r.status, readable(r.body))
		}
		if acct, _ := db.Store.Account(ctx, c.samID); !acct.Has(model.RoleVolunteer) || !acct.Has(model.RoleStudent) {
			t.Fatalf("Sam's roles: %v", acct.Roles)
		}
		if r := sam.get("/"); r.status != http.StatusSeeOther {
			t.Fatalf("Sam's session outlived his change of roles: %d", r.status)
		}
		// The last active advisor stays one.
		r := ada.post(adaPage+"/roles", url.Values{"role_student": {"student"}})
		if r.status != http.StatusConflict || !strings.Contains(readable(r.body), "at least one active advisor") || !strings.Contains(r.body, "f-role-advisor-error") {
			t.Fatalf("Ada drops her own advisor role: %d\n%s", r.status, readable(r.body))
		}
		if r := ada.post(adaPage+"/status", url.Values{"status": {"disabled"}}); r.status != http.StatusSeeOther {
			t.Fatalf("Ada disables herself: %d", r.status)
		}
		if page := readable(ada.get(adaPage).body); !strings.Contains(page, "at least one active advisor") {
			t.Fatalf("no word on disabling the last advisor:\n%s", page)
		}
		// Disable and enable Sam.
		sam.post("/signin", url.Values{"email": {"sam@westlake.edu"}, "password": {samPassword}, "next": {"/"}})
		if r := ada.post(samPage+"/status", url.Values{"status": {"disabled"}}); r.status != http.StatusSeeOther {
			t.Fatalf("disable Sam: %d", r.status)
		}
		if r := sam.get("/"); r.status != http.StatusSeeOther {
			t.Fatalf("a disabled account's session lives: %d", r.status)
		}
		if page := readable(ada.get("/center/accounts?role=student").body); !strings.Contains(page, "Disabled") {
			t.Fatalf("the list does not say Sam is disabled:\n%s", page)
		}
		if r := ada.post(samPage+"/status", url.Values{"status": {"sleeping"}}); r.status != http.StatusSeeOther {
			t.Fatalf("a status that does not exist: %d", r.status)
		}
		if r := ada.post(samPage+"/status", url.Values{"status": {"active"}}); r.status != http.StatusSeeOther {
			t.Fatalf("enable Sam: %d", r.status)
		}
		// API tokens: listed, revoked once, only through their own account.
		_, hash, _ := auth.NewToken(nil, auth.APITokenPrefix)
		tok, err := db.Store.CreateAPIToken(ctx, "sam@westlake.edu", "sync script", hash, model.CLIActor(), pagesNow)
		if err != nil {
			t.Fatal(err)
		}
		if page := readable(ada.get(samPage).body); !strings.Contains(page, "sync script") {
			t.Fatalf("Sam's tokens:\n%s", page)
		}
		if r := ada.post(adaPage+"/tokens/"+itoa(tok.ID)+"/revoke", nil); r.status != http.StatusNotFound {
			t.Fatalf("revoking Sam's token through Ada's page: %d", r.status)
		}
		if r := ada.post(samPage+"/tokens/"+itoa(tok.ID)+"/revoke", nil); r.status != http.StatusSeeOther {
			t.Fatalf("revoke: %d", r.status)
		}
		if _, ok, _ := db.Store.APITokenByHash(ctx, hash); ok {
			t.Fatal("the revoked token still works")
		}
		if r := ada.post(samPage+"/tokens/"+itoa(tok.ID)+"/revoke", nil); r.status != http.StatusSeeOther {
			t.Fatalf("revoke twice: %d", r.status)
		}
		es, _ := db.Store.AuditLog(ctx, 100, 0)
		byAda := map[string]bool{}
		for _, e := range es {
			if e.Actor == "ada@westlake.edu" {
				byAda[e.Action] = true
			}
		}
		for _, a := range []string{"user.roles", "user.disable", "user.enable", "token.revoke"} {
			if !byAda[a] {
				t.Errorf("Ada's %s is not in the audit log: %v", a, byAda)
			}
		}
	})
}

// A message the mail server refused for good shows on the outbox page,
// and on the invitations page, with the server's words.
func TestAdvisorsSeeEmailsThatFailed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		c.sink.Refuse("gone@westlake.edu", 550, 0)
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		ada.post("/center/invitations", url.Values{"email": {"gone@westlake.edu"}, "role_student": {"student"}})
		if page := readable(ada.get("/center/invitations").body); !strings.Contains(page, "waiting to go out") {
			t.Fatalf("the invitation before the outbox ran:\n%s", page)
		}
		c.deliver(t)
		if page := readable(ada.get("/center/outbox?status=failed").body); !strings.Contains(page, "gone@westlake.edu") || !strings.Contains(page, "550") {
			t.Fatalf("the failed emails:\n%s", page)
		}
		if page := readable(ada.get("/center/invitations").body); !strings.Contains(page, "could not be sent") || !strings.Contains(page, "550") {
			t.Fatalf("the invitation whose email failed:\n%s", page)
		}
		if r := ada.get("/center/outbox?status=lost"); r.status != http.StatusBadRequest {
			t.Fatalf("an unknown status: %d", r.status)
		}
	})
}

func loc(t *testing.T) *time.Location {
	t.Helper()
	l, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return l
}
