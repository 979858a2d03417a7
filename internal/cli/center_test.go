package cli_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/cli"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

const goodPassword = "violet tractor harbour seventeen"

// fails runs a command that must exit with want and print one line on
// stderr containing msg, and nothing on stdout.
func (a *ally) fails(want int, msg, stdin string, args ...string) {
	a.t.Helper()
	out, errOut, code := a.exec(stdin, args...)
	if code != want || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, msg) {
		a.t.Fatalf("ally %s: exit %d, stdout %q, stderr %q; want exit %d and one line saying %q",
			strings.Join(args, " "), code, out, errOut, want, msg)
	}
}

func (a *ally) runIn(stdin string, args ...string) string {
	a.t.Helper()
	out, errOut, code := a.exec(stdin, args...)
	if code != 0 {
		a.t.Fatalf("ally %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func (a *ally) openStore() *store.Store {
	a.t.Helper()
	st, err := store.Open(context.Background(), a.db)
	if err != nil {
		a.t.Fatal(err)
	}
	a.t.Cleanup(func() { st.Close() })
	return st
}

func initCenterCLI(a *ally) {
	a.t.Helper()
	a.runIn(goodPassword+"\n", "center", "init", "--name", "Westlake Career Center", "--admin-email", "ada@westlake.edu",
		"--admin-name", "Ada Admin", "--admin-password-stdin")
}

func TestCenterInitTurnsAPersonalDatabaseIntoACenter(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		a.run(0, "person", "add", "Priya Patel")
		a.fails(cli.ExitError, "personal, not a career center", "", "user", "list")
		a.fails(cli.ExitUsage, "needs --name and --admin-email", "", "center", "init", "--name", "X")
		a.fails(cli.ExitError, "too easy to guess", "adaadmin2026\n", "center", "init", "--name", "Westlake Career Center",
			"--admin-email", "ada@westlake.edu", "--admin-name", "Ada Admin", "--admin-password-stdin")
		a.fails(cli.ExitError, "too short", "short\n", "center", "init", "--name", "W", "--admin-email", "ada@westlake.edu", "--admin-password-stdin")
		a.fails(cli.ExitError, "standard input is empty", "", "center", "init", "--name", "W", "--admin-email", "ada@westlake.edu", "--admin-password-stdin")
		a.fails(cli.ExitError, "email", "", "center", "init", "--name", "W", "--admin-email", "not-an-email")
		a.fails(cli.ExitError, "personal, not a career center", "", "user", "list") // refusals changed nothing

		var out cli.CenterInitOut
		a.json(&out, "center", "init", "--name", "Westlake Career Center", "--admin-email", "Ada@Westlake.edu", "--admin-name", "Ada Admin")
		if out.Center.Name != "Westlake Career Center" || out.Center.Mode != model.ModeCenter || out.Advisor.Email != "Ada@Westlake.edu" ||
			!slices.Equal(out.Advisor.Roles, []model.Role{model.RoleAdvisor}) {
			t.Fatalf("center init: %+v", out)
		}
		if people := a.run(0, "person", "list"); !strings.Contains(people, "Priya Patel") {
			t.Fatalf("the personal user's records are gone after center init:\n%s", people)
		}
		a.fails(cli.ExitError, "already the center", "", "center", "init", "--name", "Again", "--admin-email", "b@westlake.edu")
		text := a.run(0, "user", "list")
		if !strings.Contains(text, "Ada@Westlake.edu") || !strings.Contains(text, "advisor") {
			t.Fatalf("user list:\n%s", text)
		}
	})
}

func TestCenterInitStoresTheAdminsPasswordHashed(t *testing.T) {
	a := sqliteAlly(t)
	out := a.runIn(goodPassword+"\r\n", "center", "init", "--name", "Westlake", "--admin-email", "ada@westlake.edu", "--admin-password-stdin")
	if strings.Contains(out, "No password") {
		t.Fatalf("a password was given: %s", out)
	}
	acct, found, err := a.openStore().AccountByEmail(context.Background(), "ada@westlake.edu")
	if err != nil || !found {
		t.Fatal(found, err)
	}
	if !strings.HasPrefix(acct.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(acct.PasswordHash, goodPassword) {
		t.Fatalf("stored hash %q", acct.PasswordHash)
	}
	ok, err := auth.NewHasher().Verify(acct.PasswordHash, goodPassword)
	if err != nil || !ok {
		t.Fatalf("the stored hash does not verify the password given (CR LF must be cut): %v %v", ok, err)
	}
}

func TestUserCommands(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		initCenterCLI(a)
		var sam model.Account
		a.json(&sam, "user", "add", "sam@westlake.edu", "--name", "Sam Lee", "--role", "student")
		if sam.Email != "sam@westlake.edu" || !slices.Equal(sam.Roles, []model.Role{model.RoleStudent}) {
			t.Fatalf("user add: %+v", sam)
		}
		if got := a.run(0, "user", "add", "kim@example.com", "--name", "Kim Ortiz", "--role", "volunteer,student"); got != "Added kim@example.com (Kim Ortiz) as student, volunteer.\n" {
			t.Fatalf("user add text: %q", got)
		}
		a.fails(cli.ExitError, "already exists", "", "user", "add", "SAM@westlake.edu", "--name", "Twin", "--role", "student")
		a.fails(cli.ExitError, `"teacher" is not a role`, "", "user", "add", "t@westlake.edu", "--name", "T", "--role", "teacher")
		a.fails(cli.ExitError, "at least one role", "", "user", "add", "t@westlake.edu", "--name", "T")
		a.fails(cli.ExitError, "email", "", "user", "add", "not an email", "--name", "T", "--role", "student")
		a.fails(cli.ExitError, "name", "", "user", "add", "t@westlake.edu", "--role", "student")
		a.fails(cli.ExitError, "your name or email", "tomtomkins1\n", "user", "add", "tom@westlake.edu", "--name", "Tom Tomkins", "--role", "student", "--password-stdin")
		a.fails(cli.ExitUsage, "accepts 1 arg", "", "user", "add")

		var list []model.Account
		a.json(&list, "user", "list")
		if len(list) != 3 {
			t.Fatalf("user list: %+v", list)
		}
		a.json(&list, "user", "list", "--role", "volunteer")
		if len(list) != 1 || list[0].Email != "kim@example.com" {
			t.Fatalf("user list --role volunteer: %+v", list)
		}
		a.fails(cli.ExitError, "is not a role", "", "user", "list", "--role", "dean")

		var got model.Account
		a.json(&got, "user", "set", "Sam@Westlake.edu", "--role", "student", "--role", "volunteer")
		if !slices.Equal(got.Roles, []model.Role{model.RoleStudent, model.RoleVolunteer}) {
			t.Fatalf("user set --role: %+v", got)
		}
		a.fails(cli.ExitUsage, "one of --role, --disable", "", "user", "set", "sam@westlake.edu")
		a.fails(cli.ExitUsage, "one of --role, --disable", "", "user", "set", "sam@westlake.edu", "--disable", "--enable")
		a.fails(cli.ExitError, "at least one active advisor", "", "user", "set", "ada@westlake.edu", "--disable")
		a.fails(cli.ExitError, "at least one active advisor", "", "user", "set", "ada@westlake.edu", "--role", "student")
		a.fails(cli.ExitError, "no account", "", "user", "set", "nobody@westlake.edu", "--disable")
		if out := a.run(0, "user", "set", "sam@westlake.edu", "--disable"); !strings.Contains(out, "Disabled sam@westlake.edu; their sessions have ended.") {
			t.Fatalf("disable: %q", out)
		}
		a.json(&got, "user", "set", "sam@westlake.edu", "--enable")
		if !got.Active() {
			t.Fatalf("enable: %+v", got)
		}
		if out := a.runIn(goodPassword+"\n", "user", "set", "sam@westlake.edu", "--password-stdin"); !strings.Contains(out, "Set the password") {
			t.Fatalf("set password: %q", out)
		}
		st := a.openStore()
		acct, _, _ := st.AccountByEmail(context.Background(), "sam@westlake.edu")
		if ok, _ := auth.NewHasher().Verify(acct.PasswordHash, goodPassword); !ok {
			t.Fatal("user set --password-stdin did not store the password's hash")
		}
	})
}

func TestUserTokenCommands(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		initCenterCLI(a)
		a.run(0, "user", "add", "sam@westlake.edu", "--name", "Sam Lee", "--role", "student")
		out, errOut, code := a.exec("", "user", "token", "sam@westlake.edu", "--name", "laptop")
		token := strings.TrimSpace(out)
		if code != 0 || !auth.WellFormed(token, auth.APITokenPrefix) || !strings.Contains(errOut, "not shown again") {
			t.Fatalf("user token: exit %d, %q, %q", code, out, errOut)
		}
		var made cli.TokenOut
		a.json(&made, "user", "token", "sam@westlake.edu")
		if made.Name != "api" || !auth.WellFormed(made.Token, auth.APITokenPrefix) || made.Token == token {
			t.Fatalf("user token --json: %+v", made)
		}
		st := a.openStore()
		found, ok, err := st.APITokenByHash(context.Background(), auth.HashToken(token))
		if err != nil || !ok || found.Name != "laptop" {
			t.Fatalf("the printed token is not the stored one: %+v %v %v", found, ok, err)
		}
		listed := a.run(0, "--json", "user", "tokens", "sam@westlake.edu")
		if strings.Contains(listed, token) || strings.Contains(listed, auth.HashToken(token)) {
			t.Fatal("user tokens shows a token or its hash")
		}
		var ts []model.APIToken
		a.json(&ts, "user", "tokens", "sam@westlake.edu")
		if len(ts) != 2 || ts[0].Name != "laptop" || ts[0].RevokedAt != nil {
			t.Fatalf("user tokens: %+v", ts)
		}
		id := strconv.FormatInt(ts[0].ID, 10)
		if out := a.run(0, "user", "revoke-token", id); out != "Revoked API token "+id+" (laptop).\n" {
			t.Fatalf("revoke: %q", out)
		}
		if _, ok, _ := st.APITokenByHash(context.Background(), auth.HashToken(token)); ok {
			t.Fatal("a revoked token still works")
		}
		a.fails(cli.ExitError, "already revoked", "", "user", "revoke-token", id)
		a.fails(cli.ExitError, "no API token with id 999", "", "user", "revoke-token", "999")
		a.fails(cli.ExitError, "is not an API token id", "", "user", "revoke-token", "laptop")
		a.fails(cli.ExitError, "no account", "", "user", "token", "nobody@westlake.edu")
		a.fails(cli.ExitError, "no account", "", "user", "tokens", "nobody@westlake.edu")
	})
}

func TestCenterAuditListsEveryChange(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		a.fails(cli.ExitError, "personal, not a career center", "", "center", "audit")
		initCenterCLI(a)
		a.run(0, "user", "add", "sam@westlake.edu", "--name", "Sam Lee", "--role", "student")
		a.run(0, "user", "set", "sam@westlake.edu", "--role", "volunteer")
		a.run(0, "user", "set", "sam@westlake.edu", "--disable")
		a.run(0, "user", "set", "sam@westlake.edu", "--enable")
		a.run(0, "user", "token", "sam@westlake.edu")
		a.run(0, "user", "revoke-token", "1")
		a.fails(cli.ExitError, "already exists", "", "user", "add", "sam@westlake.edu", "--name", "Sam", "--role", "student")
		var es []model.AuditEntry
		a.json(&es, "center", "audit")
		var got []string
		for i := len(es) - 1; i >= 0; i-- {
			got = append(got, es[i].Action+" "+es[i].Target)
			if es[i].Actor != "cli" {
				t.Errorf("entry %+v: actor %q, want cli", es[i], es[i].Actor)
			}
		}
		want := []string{"center.init Westlake Career Center", "user.add sam@westlake.edu", "user.roles sam@westlake.edu",
			"user.disable sam@westlake.edu", "user.enable sam@westlake.edu", "token.create sam@westlake.edu", "token.revoke sam@westlake.edu"}
		if !slices.Equal(got, want) {
			t.Fatalf("audit:\n%v\nwant\n%v", got, want)
		}
		a.json(&es, "center", "audit", "--limit", "2")
		if len(es) != 2 || es[0].Action != "token.revoke" {
			t.Fatalf("audit --limit 2: %+v", es)
		}
		a.fails(cli.ExitUsage, "--limit must be", "", "center", "audit", "--limit", "0")
	})
}

func TestUserSignoutAndCenterPruneEndSessions(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		initCenterCLI(a)
		a.run(0, "user", "add", "sam@westlake.edu", "--name", "Sam Lee", "--role", "student")
		st := a.openStore()
		ctx := context.Background()
		sam, _, _ := st.AccountByEmail(ctx, "sam@westlake.edu")
		for i, created := range []time.Time{ixNow, ixNow.Add(-time.Hour), ixNow.Add(-31 * 24 * time.Hour)} {
			s := model.Session{TokenHash: "s" + strconv.Itoa(i), UserID: sam.ID, CreatedAt: created, LastSeenAt: ixNow}
			if err := st.CreateSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		var pruned cli.PruneOut
		a.json(&pruned, "center", "prune")
		if pruned.Sessions != 1 {
			t.Fatalf("center prune: %+v, want the 31-day-old session deleted", pruned)
		}
		if out := a.run(0, "user", "signout", "SAM@westlake.edu"); out != "Ended 2 sessions of SAM@westlake.edu.\n" {
			t.Fatalf("user signout: %q", out)
		}
		if _, found, _ := st.SessionByHash(ctx, "s0"); found {
			t.Fatal("a session survived user signout")
		}
		a.fails(cli.ExitError, "no account", "", "user", "signout", "nobody@westlake.edu")
		var es []model.AuditEntry
		a.json(&es, "center", "audit", "--limit", "1")
		if es[0].Action != "sessions.end" || es[0].Detail != "2 sessions ended" {
			t.Fatalf("audit: %+v", es[0])
		}
	})
}

func TestCenterShowAndSet(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		a.fails(cli.ExitError, "personal, not a career center", "", "center", "show")
		initCenterCLI(a)
		if out := a.run(0, "center", "show"); !strings.Contains(out, "Westlake Career Center: a career center since") || !strings.Contains(out, "nobody (off)") {
			t.Fatalf("center show: %q", out)
		}
		var c model.Center
		a.json(&c, "center", "set", "--signup-domains", "Westlake.edu, alumni.westlake.edu")
		if !slices.Equal(c.SignupDomains, []string{"alumni.westlake.edu", "westlake.edu"}) {
			t.Fatalf("center set: %+v", c)
		}
		a.fails(cli.ExitUsage, "takes --name, --signup-domains, --time-zone, the --smtp- settings or the request rules", "", "center", "set")
		a.fails(cli.ExitError, `"west lake.edu" is not an email domain`, "", "center", "set", "--signup-domains", "west lake.edu")
		a.fails(cli.ExitError, "give the center a name", "", "center", "set", "--name", " ")
		a.json(&c, "center", "set", "--signup-domains", "", "--name", "Westlake Careers")
		if c.Name != "Westlake Careers" || len(c.SignupDomains) != 0 {
			t.Fatalf("center set off: %+v", c)
		}

		// The request rules: the defaults, then the numbers given, the
		// others kept; a number out of range changes nothing.
		var out cli.CenterOut
		a.json(&out, "center", "show")
		if out.Rules.MaxPendingPerStudent != 5 || out.Rules.ExpiryDays != 14 || out.Rules.ReminderDays != 10 {
			t.Fatalf("default rules: %+v", out.Rules)
		}
		a.json(&out, "center", "set", "--max-pending", "3", "--expiry-days", "21", "--reminder-days", "14")
		if out.Rules.MaxPendingPerStudent != 3 || out.Rules.ExpiryDays != 21 || out.Rules.ReminderDays != 14 || out.Rules.FullFactor != 3 {
			t.Fatalf("rules set: %+v", out.Rules)
		}
		a.fails(cli.ExitError, "reminder_days", "", "center", "set", "--reminder-days", "30")
		a.fails(cli.ExitError, "max_pending_per_student", "", "center", "set", "--max-pending", "0")
		if txt := a.run(0, "center", "show"); !strings.Contains(txt, "at most 3 waiting per student") || !strings.Contains(txt, "expires after 21 days, with one reminder on day 14") {
			t.Fatalf("center show: %q", txt)
		}
	})
}

// A center signs everyone in, so unlike the personal app it may listen
// where other machines reach it.
func TestServeOnACenterListensBeyondLoopback(t *testing.T) {
	a := sqliteAlly(t)
	initCenterCLI(a)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan string, 1)
	go func() {
		out, errOut, _ := a.execContext(ctx, "", "serve", "--addr", "0.0.0.0:0", "--base-url", "http://ally.westlake.test")
		done <- out + errOut
	}()
	if base := waitForBaseURL(t, a.db); base != "http://ally.westlake.test" {
		t.Fatalf("recorded base URL %q", base)
	}
	cancel()
	if out := <-done; !strings.Contains(out, "Ally is running at http://ally.westlake.test/") {
		t.Fatalf("serve on a center: %s", out)
	}
}

func TestServeRefusesAnUnclearTrustProxySetting(t *testing.T) {
	a := sqliteAlly(t)
	initCenterCLI(a)
	a.env = map[string]string{"ALLY_TRUST_PROXY": "maybe"}
	_, errOut, code := a.exec("", "serve", "--addr", "127.0.0.1:0")
	if code != 2 || !strings.Contains(errOut, "ALLY_TRUST_PROXY") || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("ALLY_TRUST_PROXY=maybe: exit %d, %q", code, errOut)
	}
}
