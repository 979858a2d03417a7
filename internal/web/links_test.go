package web

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/jobs"
	"github.com/ally-dev/ally/internal/mailer/mailtest"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// stepClock is a clock a test moves forward.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *stepClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// mailCenter is the center fixture served on a clock the test moves, with
// its emails going to a sink.
type mailCenter struct {
	*centerFixture
	clock *stepClock
	base  string
	sink  *mailtest.Sink
}

func newMailCenter(t *testing.T, db *storetest.DB) *mailCenter {
	t.Helper()
	f := newCenterFixture(t, db)
	k := mailtest.Start(t)
	if err := db.Store.SetCenterSMTP(context.Background(), model.CenterSMTP{Host: k.Host, Port: k.Port, From: "Career Center <career@westlake.edu>", TLS: "none"}, false, model.CLIActor(), pagesNow); err != nil {
		t.Fatal(err)
	}
	c := &mailCenter{centerFixture: f, clock: &stepClock{t: pagesNow}, sink: k}
	srv, _ := ServeAtOwnURL(t, Deps{Store: db.Store, Clock: c.clock})
	c.base = srv.URL
	f.b = c.browser(t)
	return c
}

func (c *mailCenter) browser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: c.base, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signedIn is a browser signed in as email.
func (c *mailCenter) signedIn(t *testing.T, email, password string) *browser {
	t.Helper()
	b := c.browser(t)
	if r := b.post("/signin", url.Values{"email": {email}, "password": {password}, "next": {"/"}}); r.status != http.StatusSeeOther {
		t.Fatalf("%s signs in: %d", email, r.status)
	}
	return b
}

// deliver runs the outbox as `ally serve` does each minute.
func (c *mailCenter) deliver(t *testing.T) {
	t.Helper()
	if _, err := (&jobs.Runner{Store: c.db.Store}).RunDue(context.Background(), c.clock.Now()); err != nil {
		t.Fatal(err)
	}
}

var linkInBody = regexp.MustCompile(`https?://\S+/(?:reset|invite|signup)/allyl_\S+`)

// lastLink delivers the outbox and returns the path of the link in the
// newest email to rcpt, checking that it is absolute from the base URL.
func (c *mailCenter) lastLink(t *testing.T, rcpt string) string {
	t.Helper()
	c.deliver(t)
	ms := c.sink.To(rcpt)
	if len(ms) == 0 {
		t.Fatalf("no email to %s", rcpt)
	}
	link := linkInBody.FindString(ms[len(ms)-1].Body())
	if !strings.HasPrefix(link, c.base+"/") {
		t.Fatalf("the email's link %q does not start with the base URL %s:\n%s", link, c.base, ms[len(ms)-1].Body())
	}
	return strings.TrimPrefix(link, c.base)
}

const newPassword = "amber kettle sunrise forty"

func TestPasswordResetWorksOnceForAnHourAndEndsTheSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		other := c.browser(t) // Sam's other device, signed in before the reset
		if r := other.post("/signin", url.Values{"email": {"sam@westlake.edu"}, "password": {samPassword}, "next": {"/"}}); r.status != http.StatusSeeOther {
			t.Fatalf("Sam signs in: %d", r.status)
		}
		b := c.browser(t)
		if r := b.get("/signin"); !strings.Contains(r.body, `href="/signin/forgot"`) {
			t.Fatal("the sign-in page does not offer a reset")
		}
		known := b.post("/signin/forgot", url.Values{"email": {"Sam@Westlake.edu"}})
		unknown := b.post("/signin/forgot", url.Values{"email": {"nobody@westlake.edu"}})
		if known.status != 200 || unknown.status != 200 || readable(known.body) != readable(unknown.body) || !strings.Contains(known.body, "on its way") {
			t.Fatalf("a known and an unknown email get different answers: %d %d\n%s\n%s", known.status, unknown.status, readable(known.body), readable(unknown.body))
		}
		if r := b.post("/signin/forgot", url.Values{"email": {"sam@"}}); r.status != 422 || !strings.Contains(r.body, `value="sam@"`) || !strings.Contains(r.body, "f-email-error") {
			t.Fatalf("a malformed email: %d\n%s", r.status, readable(r.body))
		}
		path := c.lastLink(t, "sam@westlake.edu")
		if len(c.sink.To("nobody@westlake.edu")) != 0 {
			t.Fatal("an email without an account was sent a link")
		}
		if !strings.HasPrefix(path, "/reset/") {
			t.Fatalf("the reset link %q", path)
		}
		if r := b.get(path); r.status != 200 || !strings.Contains(r.body, `autocomplete="new-password"`) || r.header.Get("Referrer-Policy") != "no-referrer" {
			t.Fatalf("the reset page: %d %v\n%s", r.status, r.header, readable(r.body))
		}
		if r := b.post(path, url.Values{"password": {"samlee2026"}}); r.status != 422 || !strings.Contains(readable(r.body), "too") {
			t.Fatalf("a weak password: %d\n%s", r.status, readable(r.body))
		}
		r := b.post(path, url.Values{"password": {newPassword}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/" {
			t.Fatalf("the new password: %d\n%s", r.status, readable(r.body))
		}
		if r := b.get("/"); r.status != 200 || !strings.Contains(r.body, "new password is saved") {
			t.Fatalf("after the reset Sam is not signed in: %d", r.status)
		}
		if r := other.get("/"); r.status != http.StatusSeeOther {
			t.Fatalf("Sam's other session lives on after the reset: %d", r.status)
		}
		if r := c.browser(t).post("/signin", url.Values{"email": {"sam@westlake.edu"}, "password": {newPassword}, "next": {"/"}}); r.status != http.StatusSeeOther {
			t.Fatalf("signing in with the new password: %d", r.status)
		}
		// Used, forged, junk and expired links are refused, each with a way on.
		if r := b.post(path, url.Values{"password": {"another fine password here"}}); r.status != http.StatusGone || !strings.Contains(readable(r.body), "used already") {
			t.Fatalf("a used link: %d\n%s", r.status, readable(r.body))
		}
		forged, _, _ := auth.NewToken(nil, auth.LinkPrefix)
		for _, p := range []string{"/reset/" + forged, "/reset/nonsense", "/invite/" + strings.TrimPrefix(path, "/reset/")} {
			if r := b.get(p); r.status != http.StatusNotFound || !strings.Contains(readable(r.body), "Ally does not know this link") {
				t.Fatalf("GET %s: %d\n%s", p, r.status, readable(r.body))
			}
		}
		b.post("/signin/forgot", url.Values{"email": {"sam@westlake.edu"}})
		late := c.lastLink(t, "sam@westlake.edu")
		c.clock.add(time.Hour)
		if r := b.get(late); r.status != http.StatusGone || !strings.Contains(readable(r.body), "expired") {
			t.Fatalf("a link an hour old: %d\n%s", r.status, readable(r.body))
		}
		if r := b.post(late, url.Values{"password": {newPassword + " again"}}); r.status != http.StatusGone {
			t.Fatalf("posting to a link an hour old: %d", r.status)
		}
	})
}

// The forgot form is limited per email: a mailbox cannot be flooded.
func TestTheForgotFormIsRateLimited(t *testing.T) {
	db := storetest.SQLite(t)
	c := newMailCenter(t, db)
	b := c.browser(t)
	for i := range auth.MailPerEmail().Limit {
		if r := b.post("/signin/forgot", url.Values{"email": {"sam@westlake.edu"}}); r.status != 200 {
			t.Fatalf("request %d: %d", i+1, r.status)
		}
	}
	r := b.post("/signin/forgot", url.Values{"email": {"sam@westlake.edu"}})
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" || !strings.Contains(readable(r.body), "Too many requests") ||
		!strings.Contains(r.body, `value="sam@westlake.edu"`) {
		t.Fatalf("one request too many: %d %v\n%s", r.status, r.header, readable(r.body))
	}
	c.deliver(t)
	if n := len(c.sink.To("sam@westlake.edu")); n != auth.MailPerEmail().Limit {
		t.Fatalf("%d emails, want %d", n, auth.MailPerEmail().Limit)
	}
	c.clock.add(auth.MailPerEmail().Window)
	if r := b.post("/signin/forgot", url.Values{"email": {"sam@westlake.edu"}}); r.status != 200 {
		t.Fatalf("after the window: %d", r.status)
	}
}

func TestInvitationsFromTheAdvisorsPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		ctx := context.Background()
		sam := c.signedIn(t, "sam@westlake.edu", samPassword)
		for _, p := range []string{"/center/invitations"} {
			if r := sam.get(p); r.status != http.StatusForbidden {
				t.Fatalf("a student GET %s: %d", p, r.status)
			}
		}
		if r := sam.post("/center/invitations", url.Values{"email": {"kim@westlake.edu"}, "role_advisor": {"advisor"}}); r.status != http.StatusForbidden {
			t.Fatalf("a student invites: %d", r.status)
		}
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		if r := ada.get("/center/invitations"); r.status != 200 || !strings.Contains(r.body, `href="/center/accounts" aria-current="page"`) {
			t.Fatalf("the invitations page: %d", r.status)
		}
		// Mistakes keep what was typed and say what is wrong by the field.
		r := ada.post("/center/invitations", url.Values{"email": {"kim@westlake"}, "name": {"Kim Ortiz"}})
		if r.status != 422 || !strings.Contains(r.body, `value="kim@westlake"`) || !strings.Contains(r.body, `value="Kim Ortiz"`) ||
			!strings.Contains(r.body, "f-email-error") || !strings.Contains(r.body, "f-role-student-error") {
			t.Fatalf("a bad invitation: %d\n%s", r.status, readable(r.body))
		}
		if r := ada.post("/center/invitations", url.Values{"email": {"sam@westlake.edu"}, "role_student": {"student"}}); r.status != 422 || !strings.Contains(readable(r.body), "already has an account") {
			t.Fatalf("inviting an account: %d\n%s", r.status, readable(r.body))
		}
		if r := ada.post("/center/invitations", url.Values{"email": {"kim@westlake.edu"}, "role_owner": {"owner"}, "role_volunteer": {"volunteer"}}); r.status != 422 || !strings.Contains(readable(r.body), "not a role") {
			t.Fatalf("a role that does not exist: %d\n%s", r.status, readable(r.body))
		}
		if r := ada.post("/center/invitations", url.Values{"email": {"Kim@Westlake.edu"}, "name": {"Kim Ortiz"}, "role_volunteer": {"volunteer"}}); r.status != http.StatusSeeOther {
			t.Fatalf("the invitation: %d\n%s", r.status, readable(r.body))
		}
		first := c.lastLink(t, "Kim@Westlake.edu")
		if m := c.sink.To("Kim@Westlake.edu")[0]; !strings.Contains(m.Subject(), "Ada Admin invites you") || !strings.Contains(m.Body(), "as a volunteer") {
			t.Fatalf("the invitation email: %q\n%s", m.Subject(), m.Body())
		}
		invs, _ := db.Store.Invitations(ctx, 10)
		if r := ada.post("/center/invitations/"+itoa(invs[0].ID)+"/resend", nil); r.status != http.StatusSeeOther {
			t.Fatalf("resend: %d", r.status)
		}
		path := c.lastLink(t, "Kim@Westlake.edu")
		if r := ada.get(first); r.status != http.StatusGone {
			t.Fatalf("the link of the first invitation, after a resend: %d", r.status)
		}
		if page := readable(ada.get("/center/invitations").body); !strings.Contains(page, "Not accepted yet") {
			t.Fatalf("the invitations page before Kim accepts:\n%s", page)
		}
		kim := c.browser(t)
		if r := kim.get(path); r.status != 200 || !strings.Contains(r.body, `value="Kim Ortiz"`) {
			t.Fatalf("the invitation page: %d\n%s", r.status, readable(r.body))
		}
		if _, found, _ := db.Store.AccountByEmail(ctx, "kim@westlake.edu"); found {
			t.Fatal("opening the link made the account: a GET wrote")
		}
		if r := kim.post(path, url.Values{"name": {""}, "password": {"short"}}); r.status != 422 || !strings.Contains(r.body, "f-name-error") || !strings.Contains(r.body, "f-password-error") {
			t.Fatalf("an empty name and a short password: %d\n%s", r.status, readable(r.body))
		}
		if r := kim.post(path, url.Values{"name": {"Kim Ortiz"}, "password": {newPassword}}); r.status != http.StatusSeeOther {
			t.Fatalf("accepting: %d\n%s", r.status, readable(r.body))
		}
		if r := kim.get("/"); r.status != 200 || !strings.Contains(r.body, "Welcome to Ally") {
			t.Fatalf("Kim is not signed in: %d", r.status)
		}
		acct, found, _ := db.Store.AccountByEmail(ctx, "kim@westlake.edu")
		if !found || !acct.Has(model.RoleVolunteer) || acct.Has(model.RoleStudent) || acct.Name != "Kim Ortiz" {
			t.Fatalf("Kim's account: %+v", acct)
		}
		if page := readable(ada.get("/center/invitations").body); !strings.Contains(page, "Accepted") {
			t.Fatalf("the invitations page after Kim accepted:\n%s", page)
		}
		if r := ada.post("/center/invitations/"+itoa(invs[0].ID)+"/resend", nil); r.status != http.StatusSeeOther {
			t.Fatalf("resending an accepted invitation: %d", r.status)
		}
		// Withdrawn and week-old invitations stop working.
		ada.post("/center/invitations", url.Values{"email": {"lee@westlake.edu"}, "role_student": {"student"}})
		ada.post("/center/invitations", url.Values{"email": {"mo@westlake.edu"}, "role_student": {"student"}})
		lee, mo := c.lastLink(t, "lee@westlake.edu"), c.lastLink(t, "mo@westlake.edu")
		invs, _ = db.Store.Invitations(ctx, 10)
		for _, l := range invs {
			if l.Email == "lee@westlake.edu" {
				if r := ada.post("/center/invitations/"+itoa(l.ID)+"/expire", nil); r.status != http.StatusSeeOther {
					t.Fatalf("withdraw: %d", r.status)
				}
				if r := ada.post("/center/invitations/"+itoa(l.ID)+"/expire", nil); r.status != http.StatusConflict {
					t.Fatalf("withdraw twice: %d", r.status)
				}
			}
		}
		if r := c.browser(t).get(lee); r.status != http.StatusGone {
			t.Fatalf("a withdrawn invitation: %d", r.status)
		}
		c.clock.add(7*24*time.Hour - time.Minute)
		if r := c.browser(t).get(mo); r.status != 200 {
			t.Fatalf("an invitation a minute before its week is up: %d", r.status)
		}
		c.clock.add(time.Minute)
		if r := c.browser(t).get(mo); r.status != http.StatusGone {
			t.Fatalf("an invitation a week old: %d", r.status)
		}
		if got := auditActions(t, db.Store); !containsAll(got, "user.invite", "user.invite.accept", "user.invite.expire", "access.denied") {
			t.Fatalf("the audit log: %v", got)
		}
	})
}

func TestSelfSignupForTheCentersDomainsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		ctx := context.Background()
		b := c.browser(t)
		if r := b.get("/signup"); r.status != http.StatusNotFound || !strings.Contains(readable(r.body), "invitation") {
			t.Fatalf("sign-up while off: %d", r.status)
		}
		if r := b.post("/signup", url.Values{"email": {"ana@westlake.edu"}}); r.status != http.StatusNotFound {
			t.Fatalf("posting a sign-up while off: %d", r.status)
		}
		if _, err := db.Store.UpdateCenter(ctx, "", []string{"westlake.edu"}, model.CLIActor(), pagesNow); err != nil {
			t.Fatal(err)
		}
		if r := b.get("/signin"); !strings.Contains(r.body, `href="/signup"`) {
			t.Fatal("the sign-in page does not offer sign-up")
		}
		r := b.post("/signup", url.Values{"email": {"ana@gmail.com"}})
		if r.status != 422 || !strings.Contains(readable(r.body), "Only addresses at westlake.edu can sign up here") || !strings.Contains(r.body, `value="ana@gmail.com"`) {
			t.Fatalf("a sign-up from another domain: %d\n%s", r.status, readable(r.body))
		}
		if r := b.post("/signup", url.Values{"email": {"ana@westlake.edu"}}); r.status != 200 || !strings.Contains(r.body, "on its way") {
			t.Fatalf("a sign-up: %d\n%s", r.status, readable(r.body))
		}
		if r := b.post("/signup", url.Values{"email": {"sam@westlake.edu"}}); r.status != 200 || !strings.Contains(r.body, "on its way") {
			t.Fatalf("a sign-up of an account: %d", r.status)
		}
		path := c.lastLink(t, "ana@westlake.edu")
		if m := c.sink.To("sam@westlake.edu"); len(m) != 1 || !strings.Contains(m[0].Body(), c.base+"/signin/forgot") || linkInBody.MatchString(m[0].Body()) {
			t.Fatalf("Sam, who has an account, was told: %+v", m)
		}
		if r := b.get(path); r.status != 200 {
			t.Fatalf("the sign-up link: %d", r.status)
		}
		if r := b.get(path); r.status != 200 {
			t.Fatalf("the sign-up link opened twice (a GET must not use it): %d", r.status)
		}
		if r := b.post(path, url.Values{"name": {"Ana Ruiz"}, "password": {newPassword}}); r.status != http.StatusSeeOther {
			t.Fatalf("finishing the sign-up: %d\n%s", r.status, readable(r.body))
		}
		acct, found, _ := db.Store.AccountByEmail(ctx, "ana@westlake.edu")
		if !found || len(acct.Roles) != 1 || !acct.Has(model.RoleStudent) {
			t.Fatalf("Ana's account: %+v", acct)
		}
		if r := c.browser(t).post(path, url.Values{"name": {"Ana Ruiz"}, "password": {newPassword}}); r.status != http.StatusGone {
			t.Fatalf("the sign-up link used twice: %d", r.status)
		}
	})
}

// In personal mode none of these pages exists.
func TestLinkPagesDoNotExistInPersonalMode(t *testing.T) {
	b := browserOn(t, storetest.SQLite(t), false)
	forged, _, _ := auth.NewToken(nil, auth.LinkPrefix)
	for _, p := range []string{"/signin/forgot", "/signup", "/reset/" + forged, "/invite/" + forged, "/signup/" + forged} {
		if r := b.get(p); r.status != http.StatusNotFound {
			t.Errorf("personal GET %s: %d", p, r.status)
		}
	}
}

func auditActions(t *testing.T, st *store.Store) []string {
	t.Helper()
	es, err := st.AuditLog(context.Background(), 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Action)
	}
	return out
}

func containsAll(have []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			return false
		}
	}
	return true
}
