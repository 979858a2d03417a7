package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/web"
)

const e2eSamPassword = "quiet lantern orchard ninety"

// startCenterApp serves a career center with one student, Sam, who owns
// one person; the first advisor (the local user) owns another. It serves
// at its own address as its base URL (where sign-in providers send the
// browser back); with changes the server's Deps before it starts.
func startCenterApp(t *testing.T, with ...func(*web.Deps)) *App {
	t.Helper()
	ctx := context.Background()
	now, _ := storyNow(t)
	clock := method.FixedClock(now)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ally.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	owner, err := st.LocalUser(ctx, "E2E", now)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.For(owner).CreatePerson(ctx, &model.Person{Name: "Advisor Contact"}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := st.InitCenter(ctx, "Westlake Career Center", model.NewAccount{Email: "ada@westlake.edu", Name: "Ada"}, now); err != nil {
		t.Fatal(err)
	}
	hash, err := auth.NewHasher().Hash(e2eSamPassword)
	if err != nil {
		t.Fatal(err)
	}
	sam, err := st.AddAccount(ctx, model.NewAccount{Email: "sam@westlake.edu", Name: "Sam Lee", Roles: []model.Role{model.RoleStudent}, PasswordHash: hash}, model.CLIActor(), now)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.For(sam.ID).CreatePerson(ctx, &model.Person{Name: "Sams Contact"}, now); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	d := web.Deps{Store: st, Owner: owner, Clock: clock, ImportRoot: t.TempDir(), BaseURL: "http://" + srv.Listener.Addr().String()}
	for _, f := range with {
		f(&d)
	}
	h := web.NewServer(d)
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		if err := h.Close(); err != nil {
			t.Error(err)
		}
	})
	return &App{URL: srv.URL, Store: st, Owner: sam.ID, Clock: clock}
}

func TestSignInAndOutInABrowser(t *testing.T) {
	app := startCenterApp(t)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	mustDo(t, ctx, Desktop(), ColorScheme("light"), chromedp.Navigate(app.URL+"/people"))
	if loc := eval[string](t, ctx, `location.pathname + location.search`); loc != "/signin?next=%2Fpeople" {
		t.Fatalf("an anonymous visit to /people landed on %s", loc)
	}
	onDesktopAndPhone(t, ctx, shots, "signin")
	mustDo(t, ctx, Desktop(), chromedp.SendKeys(`#f-email`, "sam@westlake.edu"), chromedp.SendKeys(`#f-password`, "not my password"))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	if msg := eval[string](t, ctx, `document.querySelector('main [role=alert]')?.textContent ?? ''`); !strings.Contains(msg, "do not match an account") {
		t.Fatalf("after a wrong password the page says %q", msg)
	}
	if kept := eval[string](t, ctx, `document.querySelector('#f-email').value`); kept != "sam@westlake.edu" {
		t.Fatalf("the email typed was not kept: %q", kept)
	}
	Axe(t, ctx)
	Screenshot(t, ctx, filepath.Join(shots, "desktop-signin-refused.png"))

	mustDo(t, ctx, chromedp.SendKeys(`#f-password`, e2eSamPassword))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	if loc := eval[string](t, ctx, `location.pathname`); loc != "/people" {
		t.Fatalf("after signing in: %s, want /people (the page asked for)", loc)
	}
	text := eval[string](t, ctx, `document.querySelector('main').innerText`)
	if !strings.Contains(text, "Sams Contact") || strings.Contains(text, "Advisor Contact") {
		t.Fatalf("Sam's people page shows:\n%s", text)
	}
	if js := eval[bool](t, ctx, `document.cookie.includes('ally_session')`); js {
		t.Fatal("the session cookie is readable by scripts")
	}
	Axe(t, ctx)
	navigating(t, ctx, chromedp.Click(`header form[action="/signout"] button`))
	if loc := eval[string](t, ctx, `location.pathname`); loc != "/signin" {
		t.Fatalf("after signing out: %s", loc)
	}
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/people"))
	if loc := eval[string](t, ctx, `location.pathname`); loc != "/signin" {
		t.Fatalf("after signing out /people shows %s", loc)
	}
}

func TestSignInPageHasValidMarkup(t *testing.T) {
	app := startCenterApp(t)
	status, refused := postForm(t, app, "/signin", map[string][]string{"email": {"sam@westlake.edu"}, "password": {"wrong"}})
	if status != http.StatusUnauthorized {
		t.Fatalf("a wrong password: status %d", status)
	}
	VNUPages(t, map[string][]byte{
		"/signin":          GetHTML(t, app.URL+"/signin?next=%2Fpeople", http.StatusOK),
		"POST /signin 401": refused,
	})
}
