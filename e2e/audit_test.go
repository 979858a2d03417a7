package e2e

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/model"
)

const e2eAdvisorPassword = "amber quarry whistle forty"

// An advisor finds the audit log from the nav, reads it on a desktop and
// on a phone, and the page passes axe.
func TestAdvisorReadsTheAuditLogInABrowser(t *testing.T) {
	app := startCenterApp(t)
	hash, err := auth.NewHasher().Hash(e2eAdvisorPassword)
	if err != nil {
		t.Fatal(err)
	}
	now := app.Clock.Now()
	if _, err := app.Store.AddAccount(context.Background(), model.NewAccount{Email: "lee@westlake.edu", Name: "Lee Advisor",
		Roles: []model.Role{model.RoleAdvisor}, PasswordHash: hash}, model.CLIActor(), now); err != nil {
		t.Fatal(err)
	}
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	mustDo(t, ctx, Desktop(), ColorScheme("light"), chromedp.Navigate(app.URL+"/signin"),
		chromedp.SendKeys(`#f-email`, "lee@westlake.edu"), chromedp.SendKeys(`#f-password`, e2eAdvisorPassword))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	navigating(t, ctx, chromedp.Click(`nav.site-nav a[href="/center/audit"]`))
	if loc := eval[string](t, ctx, `location.pathname`); loc != "/center/audit" {
		t.Fatalf("the nav's audit link led to %s", loc)
	}
	text := eval[string](t, ctx, `document.querySelector('main').innerText`)
	for _, want := range []string{"Audit log", "lee@westlake.edu", "signin", "user.add", "sam@westlake.edu"} {
		if !strings.Contains(text, want) {
			t.Errorf("the audit log lacks %q:\n%s", want, text)
		}
	}
	onDesktopAndPhone(t, ctx, shots, "audit")
}

// onDesktopAndPhone checks the page in the browser on a desktop and on a
// phone: axe finds nothing, nothing overflows the width, and a screenshot
// named <size>-<name>.png goes to shots.
func onDesktopAndPhone(t *testing.T, ctx context.Context, shots, name string) {
	t.Helper()
	for _, v := range []struct {
		size  string
		setup chromedp.Action[chromedp.Void]
	}{{"desktop", Desktop()}, {"phone", Mobile()}} {
		mustDo(t, ctx, v.setup)
		Axe(t, ctx)
		FitsWidth(t, ctx)
		Screenshot(t, ctx, filepath.Join(shots, v.size+"-"+name+".png"))
	}
}
