package e2e

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/jobs"
	"github.com/ally-dev/ally/internal/mailer/mailtest"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/web"
)

// mailingCenter is a center whose advisor Ada has a password and whose
// emails go to an SMTP sink; the server's links start with its own URL.
type mailingCenter struct {
	url  string
	st   *store.Store
	sink *mailtest.Sink
	now  func() method.Clock
}

func startMailingCenter(t *testing.T) *mailingCenter {
	t.Helper()
	ctx := context.Background()
	now, _ := storyNow(t)
	clock := method.FixedClock(now)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ally.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	hash, err := auth.NewHasher().Hash(e2eAdvisorPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.InitCenter(ctx, "Westlake Career Center", model.NewAccount{Email: "ada@westlake.edu", Name: "Ada Admin", PasswordHash: hash}, now); err != nil {
		t.Fatal(err)
	}
	k := mailtest.Start(t)
	if err := st.SetCenterSMTP(ctx, model.CenterSMTP{Host: k.Host, Port: k.Port, From: "Career Center <career@westlake.edu>", TLS: "none"}, false, model.CLIActor(), now); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	h := web.NewServer(web.Deps{Store: st, Clock: clock, BaseURL: base, ListenAddr: srv.Listener.Addr().String(), ImportRoot: t.TempDir()})
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		if err := h.Close(); err != nil {
			t.Error(err)
		}
	})
	return &mailingCenter{url: base, st: st, sink: k, now: func() method.Clock { return clock }}
}

var emailedLink = regexp.MustCompile(`https?://\S+/(?:reset|invite|signup)/allyl_\S+`)

// openEmailedLink runs the outbox as `ally serve` does each minute, and
// returns the link in the newest email to rcpt, which must start with the
// server's own URL.
func (c *mailingCenter) openEmailedLink(t *testing.T, rcpt string) string {
	t.Helper()
	if _, err := (&jobs.Runner{Store: c.st}).RunDue(context.Background(), c.now().Now()); err != nil {
		t.Fatal(err)
	}
	ms := c.sink.To(rcpt)
	if len(ms) == 0 {
		t.Fatalf("no email reached %s", rcpt)
	}
	link := emailedLink.FindString(ms[len(ms)-1].Body())
	if !strings.HasPrefix(link, c.url+"/") {
		t.Fatalf("the emailed link %q does not start with %s", link, c.url)
	}
	return link
}

// An advisor invites a volunteer; the volunteer opens the emailed link,
// chooses a password and is signed in; later the volunteer forgets the
// password and sets a new one from the emailed reset link. Every page on
// the way passes axe, on a desktop and on a phone.
func TestInvitationAndPasswordResetInABrowser(t *testing.T) {
	c := startMailingCenter(t)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	mustDo(t, ctx, Desktop(), ColorScheme("light"), chromedp.Navigate(c.url+"/signin"),
		chromedp.SendKeys(`#f-email`, "ada@westlake.edu"), chromedp.SendKeys(`#f-password`, e2eAdvisorPassword))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	navigating(t, ctx, chromedp.Click(`nav.site-nav a[href="/center/accounts"]`))
	onDesktopAndPhone(t, ctx, shots, "accounts")
	mustDo(t, ctx, Desktop())
	navigating(t, ctx, chromedp.Click(`main a[href="/center/invitations"]`))
	// A mistake first: the form keeps what was typed and says what is wrong.
	mustDo(t, ctx, chromedp.SendKeys(`#f-email`, "kim@westlake"), chromedp.SendKeys(`#f-name`, "Kim Ortiz"),
		chromedp.Click(`#f-role-student`), chromedp.Click(`#f-role-volunteer`))
	navigating(t, ctx, chromedp.Click(`main form[action="/center/invitations"] button[type=submit]`))
	if msg := eval[string](t, ctx, `document.querySelector('#f-email-error')?.textContent ?? ''`); !strings.Contains(msg, "email address") {
		t.Fatalf("a bad email: the field says %q", msg)
	}
	if kept := eval[string](t, ctx, `document.querySelector('#f-name').value + '|' + document.querySelector('#f-role-volunteer').checked`); kept != "Kim Ortiz|true" {
		t.Fatalf("the form lost what was typed: %q", kept)
	}
	onDesktopAndPhone(t, ctx, shots, "invitations-refused")
	mustDo(t, ctx, Desktop(), clearField(`#f-email`), chromedp.SendKeys(`#f-email`, "kim@westlake.edu"))
	navigating(t, ctx, chromedp.Click(`main form[action="/center/invitations"] button[type=submit]`))
	if text := eval[string](t, ctx, `document.querySelector('main').innerText`); !strings.Contains(text, "Invited kim@westlake.edu") || !strings.Contains(text, "Not accepted yet") {
		t.Fatalf("after inviting:\n%s", text)
	}
	onDesktopAndPhone(t, ctx, shots, "invitations")
	mustDo(t, ctx, Desktop())
	navigating(t, ctx, chromedp.Click(`header form[action="/signout"] button`))

	// Kim opens the emailed link, keeps the name and chooses a password.
	navigating(t, ctx, chromedp.Navigate(c.openEmailedLink(t, "kim@westlake.edu")))
	if name := eval[string](t, ctx, `document.querySelector('#f-name').value`); name != "Kim Ortiz" {
		t.Fatalf("the invitation page's name: %q", name)
	}
	onDesktopAndPhone(t, ctx, shots, "invitation-accept")
	mustDo(t, ctx, Desktop(), chromedp.SendKeys(`#f-password`, "kimortiz2026"))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	if msg := eval[string](t, ctx, `document.querySelector('#f-password-error')?.textContent ?? ''`); !strings.Contains(msg, "easy to guess") {
		t.Fatalf("a weak password: the field says %q", msg)
	}
	Axe(t, ctx)
	mustDo(t, ctx, chromedp.SendKeys(`#f-password`, "harbor violet compass ninety"))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	if loc, text := eval[string](t, ctx, `location.pathname`), eval[string](t, ctx, `document.querySelector('main').innerText`); loc != "/" || !strings.Contains(text, "Welcome to Ally") {
		t.Fatalf("after accepting: %s\n%s", loc, text)
	}
	acct, found, err := c.st.AccountByEmail(context.Background(), "kim@westlake.edu")
	if err != nil || !found || !acct.Has(model.RoleVolunteer) || acct.Has(model.RoleStudent) {
		t.Fatalf("Kim's account: %+v %v", acct, err)
	}
	navigating(t, ctx, chromedp.Click(`header form[action="/signout"] button`))

	// Kim forgets the password.
	navigating(t, ctx, chromedp.Click(`main a[href="/signin/forgot"]`))
	mustDo(t, ctx, chromedp.SendKeys(`#f-email`, "kim@westlake.edu"))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	if text := eval[string](t, ctx, `document.querySelector('main').innerText`); !strings.Contains(text, "on its way") {
		t.Fatalf("after asking for a reset:\n%s", text)
	}
	onDesktopAndPhone(t, ctx, shots, "forgot-sent")
	link := c.openEmailedLink(t, "kim@westlake.edu")
	mustDo(t, ctx, Desktop())
	navigating(t, ctx, chromedp.Navigate(link))
	onDesktopAndPhone(t, ctx, shots, "reset")
	mustDo(t, ctx, Desktop(), chromedp.SendKeys(`#f-password`, "meadow lantern copper seven"))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	if loc, text := eval[string](t, ctx, `location.pathname`), eval[string](t, ctx, `document.querySelector('main').innerText`); loc != "/" || !strings.Contains(text, "new password is saved") {
		t.Fatalf("after the reset: %s\n%s", loc, text)
	}
	// The link worked once.
	navigating(t, ctx, chromedp.Navigate(link))
	if text := eval[string](t, ctx, `document.querySelector('main').innerText`); !strings.Contains(text, "used already") {
		t.Fatalf("the reset link opened again:\n%s", text)
	}
	Axe(t, ctx)
}

func TestLinkPagesHaveValidMarkup(t *testing.T) {
	c := startMailingCenter(t)
	ctx := context.Background()
	if _, err := c.st.UpdateCenter(ctx, "", []string{"westlake.edu"}, model.CLIActor(), c.now().Now()); err != nil {
		t.Fatal(err)
	}
	links := &auth.Links{Store: c.st, Clock: c.now(), BaseURL: c.url}
	if err := links.RequestReset(ctx, "Westlake Career Center", "ada@westlake.edu", "192.0.2.7"); err != nil {
		t.Fatal(err)
	}
	if _, err := links.Invite(ctx, "Westlake Career Center", model.Link{Email: "kim@westlake.edu", Name: "Kim", Roles: []model.Role{model.RoleVolunteer}}, model.CLIActor(), ""); err != nil {
		t.Fatal(err)
	}
	reset, invite := c.openEmailedLink(t, "ada@westlake.edu"), c.openEmailedLink(t, "kim@westlake.edu")
	forged, _, _ := auth.NewToken(nil, auth.LinkPrefix)
	VNUPages(t, map[string][]byte{
		"/signin":         GetHTML(t, c.url+"/signin", 200),
		"/signin/forgot":  GetHTML(t, c.url+"/signin/forgot", 200),
		"/signup":         GetHTML(t, c.url+"/signup", 200),
		"/reset/{token}":  GetHTML(t, reset, 200),
		"/invite/{token}": GetHTML(t, invite, 200),
		"a forged link":   GetHTML(t, c.url+"/reset/"+forged, 404),
		"an expired link": GetHTML(t, expiredLink(t, c), 410),
	})
}

// expiredLink is a password-reset link for Ada sent two hours before the
// center's now: past its hour.
func expiredLink(t *testing.T, c *mailingCenter) string {
	t.Helper()
	sent := method.FixedClock(c.now().Now().Add(-2 * time.Hour))
	links := &auth.Links{Store: c.st, Clock: sent, BaseURL: c.url}
	if err := links.RequestReset(context.Background(), "Westlake Career Center", "ada@westlake.edu", "192.0.2.7"); err != nil {
		t.Fatal(err)
	}
	return c.openEmailedLink(t, "ada@westlake.edu")
}
