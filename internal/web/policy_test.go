package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestPolicySaysWhoMayDoWhat(t *testing.T) {
	acct := func(status string, roles ...model.Role) model.Account {
		return model.Account{ID: 7, Email: "x@westlake.edu", Roles: roles, Status: status}
	}
	active := model.StatusActive
	tests := []struct {
		name string
		acct model.Account
		act  act
		want bool
	}{
		{"an advisor reads the audit log", acct(active, model.RoleAdvisor), actReadAudit, true},
		{"an advisor who also explores", acct(active, model.RoleStudent, model.RoleAdvisor), actReadAudit, true},
		{"a student does not", acct(active, model.RoleStudent), actReadAudit, false},
		{"a volunteer does not", acct(active, model.RoleVolunteer), actReadAudit, false},
		{"a student and volunteer does not", acct(active, model.RoleStudent, model.RoleVolunteer), actReadAudit, false},
		{"an account without roles does not", acct(active), actReadAudit, false},
		{"a disabled advisor does not", acct(model.StatusDisabled, model.RoleAdvisor), actReadAudit, false},
		{"an account of unknown status does not", acct("", model.RoleAdvisor), actReadAudit, false},
		{"a student sends requests", acct(active, model.RoleStudent), actSendRequest, true},
		{"a volunteer who does not explore does not send", acct(active, model.RoleVolunteer), actSendRequest, false},
		{"an advisor does not send", acct(active, model.RoleAdvisor), actSendRequest, false},
		{"a volunteer answers requests", acct(active, model.RoleVolunteer), actAnswerRequests, true},
		{"a student does not answer", acct(active, model.RoleStudent), actAnswerRequests, false},
		{"a disabled volunteer does not answer", acct(model.StatusDisabled, model.RoleVolunteer), actAnswerRequests, false},
		{"an advisor reviews requests", acct(active, model.RoleAdvisor), actReviewRequests, true},
		{"a volunteer does not review requests", acct(active, model.RoleVolunteer), actReviewRequests, false},
		{"an advisor runs the program", acct(active, model.RoleAdvisor), actRunProgram, true},
		{"a student does not run the program", acct(active, model.RoleStudent), actRunProgram, false},
		{"a student exports or deletes their own account", acct(active, model.RoleStudent), actOwnAccount, true},
		{"an account without roles owns itself too", acct(active), actOwnAccount, true},
		{"a disabled account does not", acct(model.StatusDisabled, model.RoleVolunteer), actOwnAccount, false},
		{"an advisor deletes accounts on request", acct(active, model.RoleAdvisor), actManageAccounts, true},
		{"a volunteer does not delete others' accounts", acct(active, model.RoleVolunteer), actManageAccounts, false},
		{"an act the policy does not know is nobody's", acct(active, model.RoleAdvisor), act(0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := may(tt.acct, tt.act); got != tt.want {
				t.Errorf("may(%v, %s) = %v, want %v", tt.acct.Roles, tt.act, got, tt.want)
			}
		})
	}
}

func TestTheAuditLogIsForAdvisorsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := newCenterFixture(t, db)
		ctx := context.Background()
		// Sam, a student, is refused, with a clear word, and the refusal
		// is recorded; his nav has no link to the log.
		if r := f.signIn(t, "sam@westlake.edu", samPassword, "/"); r.status != http.StatusSeeOther {
			t.Fatalf("Sam signs in: %d", r.status)
		}
		if r := f.b.get("/"); strings.Contains(r.body, `href="/center/audit"`) {
			t.Error("a student's nav links to the audit log")
		}
		r := f.b.get("/center/audit")
		if r.status != http.StatusForbidden || !strings.Contains(readable(r.body), "Only the career center’s advisors may read the audit log.") {
			t.Fatalf("Sam reads the audit log: %d\n%s", r.status, readable(r.body))
		}
		log, err := db.Store.AuditLog(ctx, 1, 0)
		if err != nil || len(log) != 1 || log[0].Action != "access.denied" || log[0].Actor != "sam@westlake.edu" || log[0].Target != "GET /center/audit" {
			t.Fatalf("the refusal is not in the audit log: %+v, %v", log, err)
		}
		// More than a page of entries: the advisor pages back through them.
		for i := range 120 {
			e := model.AuditEntry{At: pagesNow.Add(time.Duration(i) * time.Minute), Actor: "cli", Action: "user.add", Target: "user" + strconv.Itoa(i) + "@westlake.edu"}
			if err := db.Store.Audit(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		if r := f.signIn(t, "ada@westlake.edu", adaPassword, "/center/audit"); r.status != http.StatusSeeOther || r.header.Get("Location") != "/center/audit" {
			t.Fatalf("Ada signs in: %d %q", r.status, r.header.Get("Location"))
		}
		r = f.b.get("/center/audit")
		page := readable(r.body)
		if r.status != http.StatusOK || !strings.Contains(r.body, `href="/center/audit" aria-current="page"`) {
			t.Fatalf("Ada reads the audit log: %d\n%s", r.status, page)
		}
		// 125 entries, newest first: Ada's own sign-in and user119 to
		// user21 on the first page; user20 to the center's making on the
		// second, the last.
		wantIn(t, "the first page", page, "Latest entries", "ada@westlake.edu signin ada@westlake.edu", "user.add user119@westlake.edu", "Older entries")
		if strings.Index(page, "user119@") > strings.Index(page, "user118@") || strings.Contains(page, "user20@") || strings.Contains(page, "access.denied") {
			t.Errorf("the first page is not the newest 100 entries:\n%s", page)
		}
		older := f.b.get(olderLink(t, r.body))
		wantIn(t, "the second page", readable(older.body), "Older entries", "user20@", "user0@", "access.denied", "sam@westlake.edu signin", "Latest entries")
		if strings.Contains(older.body, "user21@") || strings.Contains(older.body, "?before=") {
			t.Errorf("the second page repeats the first or offers a third:\n%s", readable(older.body))
		}
		if r := f.b.get("/center/audit?before=-3"); r.status != http.StatusBadRequest && r.status != http.StatusUnprocessableEntity {
			t.Errorf("a negative ?before=: %d", r.status)
		}
	})
}

// olderLink is the page's link to older entries.
func olderLink(t *testing.T, body string) string {
	t.Helper()
	_, after, ok := strings.Cut(body, `<a href="/center/audit?before=`)
	if !ok {
		t.Fatal("no link to older entries")
	}
	n, _, _ := strings.Cut(after, `"`)
	return "/center/audit?before=" + n
}

func TestTheAuditLogIsNotInPersonalMode(t *testing.T) {
	b := newBrowser(t, false)
	if r := b.get("/center/audit"); r.status != http.StatusNotFound {
		t.Fatalf("personal mode's /center/audit: %d", r.status)
	}
	if r := b.get("/"); strings.Contains(r.body, "/center/audit") {
		t.Error("personal mode's nav links to an audit log")
	}
}
