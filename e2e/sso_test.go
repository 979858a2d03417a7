package e2e

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/oauth2-proxy/mockoidc"

	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/web"
	"github.com/ally-dev/ally/internal/web/samlidptest"
)

var mockClockOnce sync.Once

// startOIDCCenterApp serves the center of startCenterApp with a real
// OpenID Connect provider on this machine, whose tokens are issued at the
// app's clock; westlake.edu may sign up alone.
func startOIDCCenterApp(t *testing.T) (*App, *mockoidc.MockOIDC) {
	t.Helper()
	now, _ := storyNow(t)
	mockClockOnce.Do(func() { mockoidc.NowFunc = func() time.Time { return now } })
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	app := startCenterApp(t, func(d *web.Deps) {
		d.OIDC = config.OIDC{Issuer: m.Issuer(), ClientID: m.ClientID, ClientSecret: m.ClientSecret, Name: "Westlake Login"}
	})
	if _, err := app.Store.UpdateCenter(context.Background(), "", []string{"westlake.edu"}, model.CLIActor(), now); err != nil {
		t.Fatal(err)
	}
	return app, m
}

// The whole OIDC dance in Chromium: the sign-in page's button, the
// provider, the way back, the page asked for; then a refusal said on the
// sign-in page. Every page on the way is axe-clean.
func TestOIDCSignInInABrowser(t *testing.T) {
	app, provider := startOIDCCenterApp(t)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	mustDo(t, ctx, Desktop(), ColorScheme("light"), chromedp.Navigate(app.URL+"/people"))
	button := `main a[href^="/signin/oidc"]`
	if label := eval[string](t, ctx, `document.querySelector('`+button+`')?.textContent ?? ''`); label != "Sign in with Westlake Login" {
		t.Fatalf("the sign-in page's OIDC button reads %q", label)
	}
	Axe(t, ctx)
	onDesktopAndPhone(t, ctx, shots, "signin-with-provider")

	provider.QueueUser(&mockoidc.MockUser{Subject: "sam-1", Email: "sam@westlake.edu", EmailVerified: true})
	mustDo(t, ctx, Desktop())
	navigating(t, ctx, chromedp.Click(button))
	if loc := eval[string](t, ctx, `location.pathname`); loc != "/people" {
		t.Fatalf("after the provider: %s, want /people (the page asked for)", loc)
	}
	text := eval[string](t, ctx, `document.querySelector('main').innerText`)
	if !strings.Contains(text, "Sams Contact") || strings.Contains(text, "Advisor Contact") {
		t.Fatalf("Sam's people page after OIDC shows:\n%s", text)
	}
	Axe(t, ctx)
	navigating(t, ctx, chromedp.Click(`header form[action="/signout"] button`))

	// A stranger whose domain may not sign up is told so, and stays out.
	provider.QueueUser(&mockoidc.MockUser{Subject: "eve-1", Email: "eve@elsewhere.org", EmailVerified: true})
	navigating(t, ctx, chromedp.Click(button))
	msg := eval[string](t, ctx, `document.querySelector('main [role=alert]')?.textContent ?? ''`)
	if !strings.Contains(msg, "does not let addresses like it sign up") {
		t.Fatalf("a stranger's sign-in says %q", msg)
	}
	Axe(t, ctx)
	Screenshot(t, ctx, filepath.Join(shots, "desktop-signin-provider-refused.png"))
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/people"))
	if loc := eval[string](t, ctx, `location.pathname`); loc != "/signin" {
		t.Fatalf("after a refused sign-in /people shows %s", loc)
	}
	if _, found, _ := app.Store.AccountByEmail(context.Background(), "eve@elsewhere.org"); found {
		t.Fatal("the refused stranger got an account")
	}
}

func TestSignInPageWithAProviderHasValidMarkup(t *testing.T) {
	app, _ := startOIDCCenterApp(t)
	VNUPages(t, map[string][]byte{
		"/signin with OIDC":             GetHTML(t, app.URL+"/signin?next=%2Fpeople", http.StatusOK),
		"/signin/oidc/callback refused": GetHTML(t, app.URL+"/signin/oidc/callback?state=forged", http.StatusBadRequest),
	})
}

// The SAML journey in Chromium: the button, the identity provider, its
// page posting the answer back from its own site, the page asked for; then
// a refusal said on the sign-in page, axe-clean.
func TestSAMLSignInInABrowser(t *testing.T) {
	now, _ := storyNow(t)
	idp := samlidptest.Start(t, now)
	app := startCenterApp(t, func(d *web.Deps) {
		d.SAML = config.SAML{IdPMetadata: idp.MetadataURL(), Name: "Westlake SSO"}
	})
	idp.Register(t, app.URL+"/saml/metadata")
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	mustDo(t, ctx, Desktop(), ColorScheme("light"), chromedp.Navigate(app.URL+"/people"))
	button := `main a[href^="/signin/saml"]`
	if label := eval[string](t, ctx, `document.querySelector('`+button+`')?.textContent ?? ''`); label != "Sign in with Westlake SSO" {
		t.Fatalf("the sign-in page's SAML button reads %q", label)
	}
	Axe(t, ctx)

	idp.Queue(samlidptest.Person{Email: "sam@westlake.edu", DisplayName: "Sam Lee"})
	mustDo(t, ctx, chromedp.Click(button))
	waitFor(t, ctx, `location.origin + location.pathname === '`+app.URL+`/people' && document.readyState === 'complete'`, "the identity provider's answer to lead to /people")
	text := eval[string](t, ctx, `document.querySelector('main').innerText`)
	if !strings.Contains(text, "Sams Contact") || strings.Contains(text, "Advisor Contact") {
		t.Fatalf("Sam's people page after SAML shows:\n%s", text)
	}
	Axe(t, ctx)
	navigating(t, ctx, chromedp.Click(`header form[action="/signout"] button`))

	idp.Queue(samlidptest.Person{Email: "eve@elsewhere.org"})
	mustDo(t, ctx, chromedp.Click(button))
	waitFor(t, ctx, `location.origin + location.pathname === '`+app.URL+`/saml/acs' && document.readyState === 'complete'`, "the refusal")
	msg := eval[string](t, ctx, `document.querySelector('main [role=alert]')?.textContent ?? ''`)
	if !strings.Contains(msg, "does not let addresses like it sign up") {
		t.Fatalf("a stranger's SAML sign-in says %q", msg)
	}
	Axe(t, ctx)
	onDesktopAndPhone(t, ctx, shots, "signin-saml-refused")
	if _, found, _ := app.Store.AccountByEmail(context.Background(), "eve@elsewhere.org"); found {
		t.Fatal("the refused stranger got an account")
	}
}
