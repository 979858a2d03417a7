package store_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

var cli = model.CLIActor()

// initCenter makes db a center whose first advisor is the local user.
func initCenter(t *testing.T, db *storetest.DB) model.Account {
	t.Helper()
	a, err := db.Store.InitCenter(context.Background(), "Westlake Career Center",
		model.NewAccount{Email: "Admin@Westlake.edu", Name: "Ada Admin"}, now)
	if err != nil {
		t.Fatalf("init center: %v", err)
	}
	return a
}

func mustAccount(t *testing.T, db *storetest.DB, email string, roles ...model.Role) model.Account {
	t.Helper()
	a, err := db.Store.AddAccount(context.Background(), model.NewAccount{Email: email, Name: "User " + email, Roles: roles}, cli, now)
	if err != nil {
		t.Fatalf("add %s: %v", email, err)
	}
	return a
}

func auditActions(t *testing.T, st *store.Store) []string {
	t.Helper()
	es, err := st.AuditLog(context.Background(), 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(es) - 1; i >= 0; i-- {
		out = append(out, es[i].Action)
	}
	return out
}

func TestInitCenterGivesThePersonalUsersRecordsToTheFirstAdvisor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		p := mustPerson(t, db.Scope(), &model.Person{Name: "Priya Patel"})
		c, found, err := db.Store.Center(ctx)
		if err != nil || found || c.Mode != model.ModePersonal {
			t.Fatalf("a new database: center %+v, %v, %v; want personal", c, found, err)
		}
		if _, err := db.Store.AddAccount(ctx, model.NewAccount{Email: "s@westlake.edu", Name: "S", Roles: []model.Role{model.RoleStudent}}, cli, now); !errors.Is(err, store.ErrNotCenter) {
			t.Fatalf("add account to a personal database: %v, want ErrNotCenter", err)
		}

		a := initCenter(t, db)
		if a.ID != db.Owner || a.Email != "Admin@Westlake.edu" || a.Name != "Ada Admin" || !slices.Equal(a.Roles, []model.Role{model.RoleAdvisor}) || !a.Active() {
			t.Fatalf("first account %+v; want the local user %d as an active advisor", a, db.Owner)
		}
		if got, err := db.Store.For(a.ID).Person(ctx, p.ID); err != nil || got.Name != "Priya Patel" {
			t.Fatalf("the personal user's person is not the advisor's: %v %v", got, err)
		}
		c, found, err = db.Store.Center(ctx)
		if err != nil || !found || c.Name != "Westlake Career Center" || c.Mode != model.ModeCenter || !c.CreatedAt.Equal(now) || len(c.SignupDomains) != 0 {
			t.Fatalf("center %+v, %v, %v", c, found, err)
		}
		_, err = db.Store.InitCenter(ctx, "Again", model.NewAccount{Email: "x@westlake.edu", Name: "X"}, now)
		if !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second init: %v, want ErrConflict", err)
		}
		if got := auditActions(t, db.Store); !slices.Equal(got, []string{"center.init"}) {
			t.Fatalf("audit %v", got)
		}
	})
}

func TestUpdateCenter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		if _, err := db.Store.UpdateCenter(ctx, "X", nil, cli, now); !errors.Is(err, store.ErrNotCenter) {
			t.Fatalf("update a personal database: %v", err)
		}
		initCenter(t, db)
		c, err := db.Store.UpdateCenter(ctx, "", []string{"alumni.westlake.edu", "westlake.edu"}, cli, now)
		if err != nil || c.Name != "Westlake Career Center" || !slices.Equal(c.SignupDomains, []string{"alumni.westlake.edu", "westlake.edu"}) {
			t.Fatalf("set domains: %+v %v", c, err)
		}
		c, err = db.Store.UpdateCenter(ctx, "Westlake Careers", nil, cli, now)
		if err != nil || c.Name != "Westlake Careers" || len(c.SignupDomains) != 2 {
			t.Fatalf("rename: %+v %v", c, err)
		}
		c, err = db.Store.UpdateCenter(ctx, "", []string{}, cli, now)
		if err != nil || len(c.SignupDomains) != 0 || c.SignupDomains == nil {
			t.Fatalf("turn sign-up off: %+v %v", c, err)
		}
		if got := auditActions(t, db.Store); !slices.Equal(got, []string{"center.init", "center.update", "center.update", "center.update"}) {
			t.Fatalf("audit %v", got)
		}
	})
}

func TestInitCenterRefusesBadInputAndChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		for _, tc := range []struct {
			name, center, email, field string
		}{
			{"no name", "  ", "a@westlake.edu", "name"},
			{"bad email", "Center", "not an email", "email"},
		} {
			_, err := db.Store.InitCenter(ctx, tc.center, model.NewAccount{Email: tc.email, Name: "A"}, now)
			if es := model.AsErrors(err); len(es) != 1 || es[0].Field != tc.field {
				t.Errorf("%s: %v, want an error on %s", tc.name, err, tc.field)
			}
		}
		if _, found, _ := db.Store.Center(ctx); found {
			t.Fatal("a refused init made a center")
		}
	})
}

func TestAddAccountKeepsEmailsUniqueInAnyCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		s := mustAccount(t, db, "Sam.Lee@Westlake.edu", model.RoleVolunteer, model.RoleStudent, model.RoleStudent)
		if !slices.Equal(s.Roles, []model.Role{model.RoleStudent, model.RoleVolunteer}) || s.Status != model.StatusActive || s.PasswordHash != "" {
			t.Fatalf("account %+v", s)
		}
		_, err := db.Store.AddAccount(ctx, model.NewAccount{Email: "sam.lee@westlake.EDU", Name: "Twin", Roles: []model.Role{model.RoleStudent}}, cli, now)
		if !errors.Is(err, store.ErrConflict) {
			t.Fatalf("same email in other case: %v, want ErrConflict", err)
		}
		got, found, err := db.Store.AccountByEmail(ctx, " SAM.LEE@westlake.edu ")
		if err != nil || !found || got.ID != s.ID {
			t.Fatalf("AccountByEmail in other case: %+v %v %v", got, found, err)
		}
		if _, found, err := db.Store.AccountByEmail(ctx, "nobody@westlake.edu"); found || err != nil {
			t.Fatalf("unknown email found: %v %v", found, err)
		}
		if _, err := db.Store.Account(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Account(9999): %v", err)
		}
		if _, err := db.Store.AddAccount(ctx, model.NewAccount{Email: "x@westlake.edu", Name: "X"}, cli, now); model.AsErrors(err) == nil {
			t.Fatalf("an account without a role: %v", err)
		}
		if got := auditActions(t, db.Store); !slices.Equal(got, []string{"center.init", "user.add"}) {
			t.Fatalf("audit %v (a refused add must not be audited as done)", got)
		}
	})
}

func TestAccountsListsByRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		mustAccount(t, db, "zoe@westlake.edu", model.RoleStudent)
		mustAccount(t, db, "bo@westlake.edu", model.RoleVolunteer, model.RoleStudent)
		mustAccount(t, db, "al@westlake.edu", model.RoleVolunteer)
		for _, tc := range []struct {
			role model.Role
			want []string
		}{
			{"", []string{"Admin@Westlake.edu", "al@westlake.edu", "bo@westlake.edu", "zoe@westlake.edu"}},
			{model.RoleStudent, []string{"bo@westlake.edu", "zoe@westlake.edu"}},
			{model.RoleVolunteer, []string{"al@westlake.edu", "bo@westlake.edu"}},
			{model.RoleAdvisor, []string{"Admin@Westlake.edu"}},
		} {
			as, err := db.Store.Accounts(ctx, tc.role)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range as {
				got = append(got, a.Email)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("role %q: %v, want %v", tc.role, got, tc.want)
			}
			for _, a := range as {
				if a.Email == "bo@westlake.edu" && !slices.Equal(a.Roles, []model.Role{model.RoleStudent, model.RoleVolunteer}) {
					t.Errorf("role %q: bo's roles %v (a filter must not hide the account's other roles)", tc.role, a.Roles)
				}
			}
		}
	})
}

func TestSetRolesAndStatusKeepAnActiveAdvisor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		mustAccount(t, db, "sam@westlake.edu", model.RoleStudent)
		if _, err := db.Store.SetRoles(ctx, "admin@westlake.edu", []model.Role{model.RoleStudent}, cli, now); !errors.Is(err, store.ErrLastAdvisor) {
			t.Fatalf("demote the only advisor: %v", err)
		}
		if _, err := db.Store.SetStatus(ctx, "admin@westlake.edu", model.StatusDisabled, cli, now); !errors.Is(err, store.ErrLastAdvisor) {
			t.Fatalf("disable the only advisor: %v", err)
		}
		sam, _, _ := db.Store.AccountByEmail(ctx, "sam@westlake.edu")
		if err := db.Store.CreateSession(ctx, model.Session{TokenHash: "sam-1", UserID: sam.ID, CreatedAt: now, LastSeenAt: now}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.SetRoles(ctx, "sam@westlake.edu", []model.Role{model.RoleStudent}, cli, now); err != nil {
			t.Fatal(err)
		}
		if _, found, _ := db.Store.SessionByHash(ctx, "sam-1"); !found {
			t.Fatal("setting the same roles ended the session")
		}
		a, err := db.Store.SetRoles(ctx, "SAM@westlake.edu", []model.Role{model.RoleAdvisor, model.RoleStudent}, cli, now)
		if err != nil || !slices.Equal(a.Roles, []model.Role{model.RoleStudent, model.RoleAdvisor}) {
			t.Fatalf("SetRoles: %+v %v", a, err)
		}
		if _, found, _ := db.Store.SessionByHash(ctx, "sam-1"); found {
			t.Fatal("a role change left the session signed in with the old roles")
		}
		if _, err := db.Store.SetStatus(ctx, "admin@westlake.edu", model.StatusDisabled, cli, now); err != nil {
			t.Fatalf("disable one of two advisors: %v", err)
		}
		if _, err := db.Store.SetRoles(ctx, "nobody@westlake.edu", []model.Role{model.RoleStudent}, cli, now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown account: %v", err)
		}
		if _, err := db.Store.SetStatus(ctx, "sam@westlake.edu", "asleep", cli, now); model.AsErrors(err) == nil {
			t.Fatalf("bad status: %v", err)
		}
		a, err = db.Store.SetStatus(ctx, "admin@westlake.edu", model.StatusActive, cli, now)
		if err != nil || !a.Active() {
			t.Fatalf("enable: %+v %v", a, err)
		}
		want := []string{"center.init", "user.add", "user.roles", "user.roles", "user.disable", "user.enable"}
		if got := auditActions(t, db.Store); !slices.Equal(got, want) {
			t.Fatalf("audit %v, want %v", got, want)
		}
	})
}

// Two advisors disable each other from 32 goroutines at once: the rule
// "one active advisor remains" holds whatever the interleaving.
func TestDisablingAdvisorsConcurrentlyLeavesOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		mustAccount(t, db, "b@westlake.edu", model.RoleAdvisor)
		var wg sync.WaitGroup
		errs := make(chan error, 32)
		for i := range 32 {
			wg.Go(func() {
				email := []string{"admin@westlake.edu", "b@westlake.edu"}[i%2]
				if _, err := db.Store.SetStatus(ctx, email, model.StatusDisabled, cli, now); err != nil && !errors.Is(err, store.ErrLastAdvisor) {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		as, err := db.Store.Accounts(ctx, model.RoleAdvisor)
		if err != nil {
			t.Fatal(err)
		}
		active := 0
		for _, a := range as {
			if a.Active() {
				active++
			}
		}
		if active != 1 {
			t.Fatalf("%d active advisors after the race, want 1", active)
		}
	})
}

func TestSessionsEndWhenTheAccountIsDisabled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		sam := mustAccount(t, db, "sam@westlake.edu", model.RoleStudent)
		later := now.Add(time.Hour)
		for _, h := range []string{"h1", "h2"} {
			if err := db.Store.CreateSession(ctx, model.Session{TokenHash: h, UserID: sam.ID, CreatedAt: now, LastSeenAt: now}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Store.CreateSession(ctx, model.Session{TokenHash: "h1", UserID: sam.ID, CreatedAt: now, LastSeenAt: now}); err == nil {
			t.Fatal("two sessions with one token hash")
		}
		if err := db.Store.TouchSession(ctx, "h1", later); err != nil {
			t.Fatal(err)
		}
		s, found, err := db.Store.SessionByHash(ctx, "h1")
		if err != nil || !found || s.UserID != sam.ID || !s.CreatedAt.Equal(now) || !s.LastSeenAt.Equal(later) {
			t.Fatalf("session %+v %v %v", s, found, err)
		}
		if err := db.Store.DeleteSession(ctx, "h1"); err != nil {
			t.Fatal(err)
		}
		if _, found, _ := db.Store.SessionByHash(ctx, "h1"); found {
			t.Fatal("a signed-out session is still found")
		}
		if _, err := db.Store.SetStatus(ctx, "sam@westlake.edu", model.StatusDisabled, cli, now); err != nil {
			t.Fatal(err)
		}
		if _, found, _ := db.Store.SessionByHash(ctx, "h2"); found {
			t.Fatal("a disabled account's session is still found")
		}
		// Enabling again does not bring old sessions back.
		if _, err := db.Store.SetStatus(ctx, "sam@westlake.edu", model.StatusActive, cli, now); err != nil {
			t.Fatal(err)
		}
		if _, found, _ := db.Store.SessionByHash(ctx, "h2"); found {
			t.Fatal("disabling did not delete the session")
		}
	})
}

// A session is read with its account, roles included, as Account reads
// it: a signed-in request learns who it is and what they may do in one
// statement.
func TestASessionIsReadWithItsAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		sam := mustAccount(t, db, "sam@westlake.edu", model.RoleVolunteer, model.RoleStudent)
		check := func(when, hash string) {
			t.Helper()
			if err := db.Store.CreateSession(ctx, model.Session{TokenHash: hash, UserID: sam.ID, CreatedAt: now, LastSeenAt: now}); err != nil {
				t.Fatal(err)
			}
			want, err := db.Store.Account(ctx, sam.ID)
			if err != nil {
				t.Fatal(err)
			}
			s, found, err := db.Store.SessionByHash(ctx, hash)
			if err != nil || !found || s.Account == nil {
				t.Fatalf("%s: session %+v %v %v", when, s, found, err)
			}
			if !reflect.DeepEqual(*s.Account, want) {
				t.Fatalf("%s: the session's account is\n%+v\nAccount reads\n%+v", when, *s.Account, want)
			}
		}
		check("two roles", "h1")
		// A role change ends the sessions; the next one reads the new roles.
		if _, err := db.Store.SetRoles(ctx, "sam@westlake.edu", []model.Role{model.RoleAdvisor}, cli, now); err != nil {
			t.Fatal(err)
		}
		check("after a role change", "h2")
	})
}

// A password sign-in opens its session in the transaction that records
// it: the previous session ends, the new one resolves, the account's last
// sign-in moves, all in one commit.
func TestRecordSignInOpensTheSessionInTheSameTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		sam := mustAccount(t, db, "sam@westlake.edu", model.RoleStudent)
		if err := db.Store.CreateSession(ctx, model.Session{TokenHash: "old", UserID: sam.ID, CreatedAt: now, LastSeenAt: now}); err != nil {
			t.Fatal(err)
		}
		later := now.Add(time.Hour)
		e := model.AuditEntry{At: later, ActorID: sam.ID, Actor: "sam@westlake.edu", Action: "signin", Target: "sam@westlake.edu"}
		open := &model.SessionOpening{Session: model.Session{TokenHash: "new", UserID: sam.ID, CreatedAt: later, LastSeenAt: later}, EndHash: "old"}
		if err := db.Store.RecordSignIn(ctx, "account:sam@westlake.edu", "address:192.0.2.1", e, open); err != nil {
			t.Fatal(err)
		}
		if _, found, _ := db.Store.SessionByHash(ctx, "old"); found {
			t.Fatal("the previous session still works")
		}
		if got, found, err := db.Store.SessionByHash(ctx, "new"); err != nil || !found || got.UserID != sam.ID {
			t.Fatalf("new session %+v %v %v", got, found, err)
		}
		acct, _, err := db.Store.AccountByEmail(ctx, "sam@westlake.edu")
		if err != nil || acct.LastSignInAt == nil || !acct.LastSignInAt.Equal(later) {
			t.Fatalf("last sign-in %v (%v)", acct.LastSignInAt, err)
		}
		// A session that cannot be stored (its token hash is taken) undoes
		// the whole sign-in: nothing is audited.
		before := len(auditActions(t, db.Store))
		if err := db.Store.RecordSignIn(ctx, "account:sam@westlake.edu", "address:192.0.2.1", e, open); err == nil {
			t.Fatal("a second session with the same token hash was stored")
		}
		if got := len(auditActions(t, db.Store)); got != before {
			t.Fatalf("a failed sign-in left %d audit entries, had %d", got, before)
		}
	})
}

func TestEndAndPruneSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		sam := mustAccount(t, db, "sam@westlake.edu", model.RoleStudent)
		kim := mustAccount(t, db, "kim@westlake.edu", model.RoleStudent)
		add := func(h string, id int64, created, seen time.Time) {
			if err := db.Store.CreateSession(ctx, model.Session{TokenHash: h, UserID: id, CreatedAt: created, LastSeenAt: seen}); err != nil {
				t.Fatal(err)
			}
		}
		add("s1", sam.ID, now, now)
		add("s2", sam.ID, now, now)
		add("k-idle", kim.ID, now.Add(-48*time.Hour), now.Add(-13*time.Hour))
		add("k-old", kim.ID, now.Add(-31*24*time.Hour), now)
		add("k-ok", kim.ID, now.Add(-time.Hour), now)
		n, err := db.Store.EndSessions(ctx, "sam@westlake.edu", cli, now)
		if err != nil || n != 2 {
			t.Fatalf("EndSessions = %d, %v; want 2", n, err)
		}
		n, err = db.Store.PruneSessions(ctx, now.Add(-12*time.Hour), now.Add(-30*24*time.Hour))
		if err != nil || n != 2 {
			t.Fatalf("PruneSessions = %d, %v; want 2", n, err)
		}
		if _, found, _ := db.Store.SessionByHash(ctx, "k-ok"); !found {
			t.Fatal("a live session was pruned")
		}
		if got := auditActions(t, db.Store); got[len(got)-1] != "sessions.end" {
			t.Fatalf("audit %v", got)
		}
	})
}

func TestAPITokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		sam := mustAccount(t, db, "sam@westlake.edu", model.RoleStudent)
		if _, err := db.Store.CreateAPIToken(ctx, "sam@westlake.edu", " ", "x", cli, now); model.AsErrors(err) == nil {
			t.Fatalf("a token without a name: %v", err)
		}
		if _, err := db.Store.CreateAPIToken(ctx, "nobody@westlake.edu", "laptop", "x", cli, now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a token for nobody: %v", err)
		}
		tok, err := db.Store.CreateAPIToken(ctx, "Sam@westlake.edu", "laptop", "hash-1", cli, now)
		if err != nil || tok.ID == 0 || tok.UserID != sam.ID || tok.Name != "laptop" {
			t.Fatalf("CreateAPIToken: %+v %v", tok, err)
		}
		if _, err := db.Store.CreateAPIToken(ctx, "sam@westlake.edu", "phone", "hash-2", cli, now); err != nil {
			t.Fatal(err)
		}
		got, found, err := db.Store.APITokenByHash(ctx, "hash-1")
		if err != nil || !found || got.ID != tok.ID || got.LastUsedAt != nil {
			t.Fatalf("APITokenByHash: %+v %v %v", got, found, err)
		}
		used := now.Add(time.Hour)
		if err := db.Store.TouchAPIToken(ctx, tok.ID, used); err != nil {
			t.Fatal(err)
		}
		r, err := db.Store.RevokeAPIToken(ctx, tok.ID, cli, used)
		if err != nil || r.RevokedAt == nil || !r.RevokedAt.Equal(used) {
			t.Fatalf("revoke: %+v %v", r, err)
		}
		if _, found, _ := db.Store.APITokenByHash(ctx, "hash-1"); found {
			t.Fatal("a revoked token is still found")
		}
		if _, err := db.Store.RevokeAPIToken(ctx, tok.ID, cli, used); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("revoke twice: %v", err)
		}
		if _, err := db.Store.RevokeAPIToken(ctx, 9999, cli, used); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("revoke unknown: %v", err)
		}
		list, err := db.Store.APITokens(ctx, "sam@westlake.edu")
		if err != nil || len(list) != 2 || list[0].Name != "laptop" || list[0].LastUsedAt == nil || !list[0].LastUsedAt.Equal(used) || list[1].RevokedAt != nil {
			t.Fatalf("APITokens: %+v %v", list, err)
		}
		if _, err := db.Store.SetStatus(ctx, "sam@westlake.edu", model.StatusDisabled, cli, now); err != nil {
			t.Fatal(err)
		}
		if _, found, _ := db.Store.APITokenByHash(ctx, "hash-2"); found {
			t.Fatal("a disabled account's token still works")
		}
		want := []string{"center.init", "user.add", "token.create", "token.create", "token.revoke", "user.disable"}
		if got := auditActions(t, db.Store); !slices.Equal(got, want) {
			t.Fatalf("audit %v, want %v", got, want)
		}
	})
}

func TestAuditLogPagesNewestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		for i := range 5 {
			e := model.AuditEntry{At: now.Add(time.Duration(i) * time.Minute), ActorID: db.Owner, Actor: "me", Action: "a", Target: string(rune('a' + i)), Detail: "d"}
			if err := db.Store.Audit(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		page, err := db.Store.AuditLog(ctx, 2, 0)
		if err != nil || len(page) != 2 || page[0].Target != "e" || page[1].Target != "d" || page[0].ActorID != db.Owner || !page[0].At.Equal(now.Add(4*time.Minute)) {
			t.Fatalf("first page %+v %v", page, err)
		}
		page, err = db.Store.AuditLog(ctx, 10, page[1].ID)
		if err != nil || len(page) != 3 || page[0].Target != "c" || page[2].Target != "a" {
			t.Fatalf("second page %+v %v", page, err)
		}
	})
}

// 32 failures at once, as from several instances: each is counted once,
// and each sees a different count.
func TestCountAttemptCountsConcurrentAttemptsExactly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		var mu sync.Mutex
		var seen []int
		var wg sync.WaitGroup
		errs := make(chan error, 32)
		for range 32 {
			wg.Go(func() {
				cs, err := db.Store.CountAttempt(ctx, []model.FailureHit{{Key: "account:sam@westlake.edu", WindowStart: now.Add(-15 * time.Minute)}}, now)
				n := 0
				if err == nil {
					n = cs[0].N
				}
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				seen = append(seen, n)
				mu.Unlock()
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		slices.Sort(seen)
		for i, n := range seen {
			if n != i+1 {
				t.Fatalf("counts seen %v, want 1..32 each once", seen)
			}
		}
		n, since, err := db.Store.Failures(ctx, "account:sam@westlake.edu")
		if err != nil || n != 32 || !since.Equal(now) {
			t.Fatalf("Failures = %d, %v, %v; want 32 since now", n, since, err)
		}
	})
}

func TestCountAttemptOpensANewWindowWhenTheOldOneClosed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		key := "address:192.0.2.1"
		w := 15 * time.Minute
		for i, tc := range []struct {
			at    time.Duration
			n     int
			since time.Duration
		}{
			{0, 1, 0},
			{10 * time.Minute, 2, 0},
			{15*time.Minute - time.Microsecond, 3, 0},
			{15 * time.Minute, 1, 15 * time.Minute}, // the window is [since, since+15m)
			{16 * time.Minute, 2, 15 * time.Minute},
		} {
			at := now.Add(tc.at)
			cs, err := db.Store.CountAttempt(ctx, []model.FailureHit{{Key: "other", WindowStart: at.Add(-w)}, {Key: key, WindowStart: at.Add(-w)}}, at)
			if err != nil || cs[1].N != tc.n || !cs[1].Since.Equal(now.Add(tc.since)) {
				t.Fatalf("failure %d: %+v (%v); want %d since %v", i+1, cs, err, tc.n, now.Add(tc.since))
			}
		}
		// A sign-in from the address takes its attempt back, and forgets
		// the account's failures.
		e := model.AuditEntry{At: now, Actor: "sam@westlake.edu", Action: "signin", Target: "sam@westlake.edu"}
		if err := db.Store.RecordSignIn(ctx, "other", key, e, nil); err != nil {
			t.Fatal(err)
		}
		if n, _, _ := db.Store.Failures(ctx, key); n != 1 {
			t.Fatalf("after forgiving one of 2: %d", n)
		}
		if n, _, _ := db.Store.Failures(ctx, "other"); n != 0 {
			t.Fatalf("after reset: %d", n)
		}
		if got := auditActions(t, db.Store); !slices.Equal(got, []string{"signin"}) {
			t.Fatalf("audit %v", got)
		}
		if _, err := db.Store.CountAttempt(ctx, []model.FailureHit{{Key: "old", WindowStart: now.Add(-2 * time.Hour)}}, now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n, err := db.Store.PruneFailures(ctx, now.Add(-w)); err != nil || n != 1 {
			t.Fatalf("PruneFailures = %d, %v; want 1", n, err)
		}
	})
}

// Sign-in over the store, through two Store values on one database as two
// server instances would be: failures counted on one limit the other.
func TestSignInLimitsAreSharedByInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		h := &auth.Hasher{Params: auth.Params{Memory: 64, Iterations: 1, Threads: 1, SaltLen: 16, KeyLen: 32}}
		hash, err := h.Hash("violet tractor harbour")
		if err != nil {
			t.Fatal(err)
		}
		initCenter(t, db)
		if _, err := db.Store.AddAccount(ctx, model.NewAccount{Email: "sam@westlake.edu", Name: "Sam", Roles: []model.Role{model.RoleStudent}, PasswordHash: hash}, cli, now); err != nil {
			t.Fatal(err)
		}
		other, err := store.Open(ctx, db.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		clock := method.FixedClock(now)
		instances := make([]*auth.Authenticator, 2)
		for i, st := range []*store.Store{db.Store, other} {
			if instances[i], err = auth.NewAuthenticator(st, h, st, st, clock); err != nil {
				t.Fatal(err)
			}
		}
		for i := range 10 {
			_, err := instances[i%2].SignIn(ctx, auth.Attempt{Email: "sam@westlake.edu", Password: "guess", Address: "192.0.2.1"})
			if !errors.Is(err, auth.ErrBadCredentials) {
				t.Fatalf("failure %d: %v", i+1, err)
			}
		}
		var le *auth.LimitedError
		for i, a := range instances {
			if _, err := a.SignIn(ctx, auth.Attempt{Email: "SAM@westlake.edu", Password: "violet tractor harbour", Address: "192.0.2.2"}); !errors.As(err, &le) {
				t.Fatalf("instance %d after 10 failures: %v, want a wait", i, err)
			}
		}
		if _, err := instances[0].SignIn(ctx, auth.Attempt{Email: "admin@westlake.edu", Password: "whatever", Address: "192.0.2.1"}); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("another account: %v", err)
		}
		late := auth.Authenticator(*instances[1])
		late.Clock = method.FixedClock(now.Add(15 * time.Minute))
		a, err := late.SignIn(ctx, auth.Attempt{Email: "sam@westlake.edu", Password: "violet tractor harbour", Address: "192.0.2.2"})
		if err != nil || a.Email != "sam@westlake.edu" {
			t.Fatalf("after the window: %+v %v", a, err)
		}
		got := auditActions(t, db.Store)
		if n := countOf(got, "signin.failed"); n != 11 {
			t.Fatalf("%d failed sign-ins audited, want 11: %v", n, got)
		}
		if countOf(got, "signin.limited") != 2 || got[len(got)-1] != "signin" {
			t.Fatalf("audit %v", got)
		}
	})
}

// 32 wrong passwords at once, over the store: exactly 10 are checked and
// 22 refused, on both databases.
func TestSignInLimitHoldsUnderConcurrencyOnTheDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		h := &auth.Hasher{Params: auth.Params{Memory: 64, Iterations: 1, Threads: 1, SaltLen: 16, KeyLen: 32}}
		hash, _ := h.Hash("violet tractor harbour")
		initCenter(t, db)
		if _, err := db.Store.AddAccount(ctx, model.NewAccount{Email: "sam@westlake.edu", Name: "Sam", Roles: []model.Role{model.RoleStudent}, PasswordHash: hash}, cli, now); err != nil {
			t.Fatal(err)
		}
		a, err := auth.NewAuthenticator(db.Store, h, db.Store, db.Store, method.FixedClock(now))
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for range 32 {
			wg.Go(func() {
				_, err := a.SignIn(ctx, auth.Attempt{Email: "sam@westlake.edu", Password: "guess", Address: "192.0.2.1"})
				var le *auth.LimitedError
				if !errors.Is(err, auth.ErrBadCredentials) && !errors.As(err, &le) {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		got := auditActions(t, db.Store)
		if f, l := countOf(got, "signin.failed"), countOf(got, "signin.limited"); f != 10 || l != 22 {
			t.Fatalf("%d password checks failed and %d attempts refused, want 10 and 22", f, l)
		}
	})
}

func countOf(xs []string, x string) int {
	n := 0
	for _, v := range xs {
		if v == x {
			n++
		}
	}
	return n
}
