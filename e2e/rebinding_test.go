package e2e

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store"
)

// fetchResult is what a script on a page learns from one fetch.
type fetchResult struct {
	Status int    `json:"status"`
	Body   string `json:"body"`
}

// fetchFrom runs fetch(path, init) in the page and returns its status and
// body.
func fetchFrom(t testing.TB, ctx context.Context, path, init string) fetchResult {
	t.Helper()
	js := `fetch(` + "`" + path + "`" + `, ` + init + `).then(async r => ({status: r.status, body: await r.text()}))`
	v, err := chromedp.Run(ctx, chromedp.Evaluate[fetchResult](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch %s: %v", path, err)
	}
	return v
}

// TestARebindingPageGetsNothing plays a hostile page on evil.example whose
// name now resolves to 127.0.0.1, where Ally runs: to the browser it is
// same-origin with Ally, so only the Host check stands between it and the
// user's data.
func TestARebindingPageGetsNothing(t *testing.T) {
	app := StartApp(t, method.FixedClock(time.Date(2026, 12, 2, 14, 0, 0, 0, time.UTC)))
	ctx := context.Background()
	sc := app.Scope()
	st, err := sc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.SMTPHost, st.SMTPUsername, st.SMTPPassword = "smtp.example.org", "jordan", "hunter2-secret"
	if err := sc.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(app.URL)
	if err != nil {
		t.Fatal(err)
	}
	evil := "http://evil.example:" + u.Port()
	bctx := NewBrowser(t,
		chromedp.Flag("host-resolver-rules", "MAP evil.example 127.0.0.1"),
		// Keep Chromium from trying https:// first for a name that is not localhost.
		chromedp.Flag("disable-features", "HttpsUpgrades,HttpsFirstBalancedModeAutoEnable"))

	// The control: at Ally's own address the same script reads the backup.
	mustDo(t, bctx, chromedp.Navigate(app.URL+"/"))
	if r := fetchFrom(t, bctx, "/export/ally-backup.json", "{}"); r.Status != 200 || !strings.Contains(r.Body, `"people"`) {
		t.Fatalf("the control fetch at %s: %d %.200s", app.URL, r.Status, r.Body)
	}

	mustDo(t, bctx, chromedp.Navigate(evil+"/"))
	if loc := eval[string](t, bctx, `location.origin`); loc != evil {
		t.Fatalf("the hostile page is at %s, not %s", loc, evil)
	}
	page := eval[string](t, bctx, `document.body.innerText`)
	if !strings.Contains(page, "answers only at") || strings.Contains(page, "Agenda") {
		t.Fatalf("the page at %s shows: %.300s", evil, page)
	}
	reads := []string{"/export/ally-backup.json", "/api/v1/people", "/api/v1/settings", "/people", "/settings"}
	for _, path := range reads {
		r := fetchFrom(t, bctx, path, "{}")
		if r.Status != 421 || strings.Contains(r.Body, "hunter2") || strings.Contains(r.Body, "smtp.example.org") {
			t.Errorf("GET %s from %s: %d %.200s", path, evil, r.Status, r.Body)
		}
	}
	write := `{method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({name: "Mallory"})}`
	if r := fetchFrom(t, bctx, "/api/v1/people", write); r.Status != 421 {
		t.Errorf("POST /api/v1/people from %s: %d %.200s", evil, r.Status, r.Body)
	}
	form := `{method: "POST", body: new URLSearchParams({name: "Mallory"})}`
	if r := fetchFrom(t, bctx, "/people", form); r.Status != 421 {
		t.Errorf("POST /people from %s: %d %.200s", evil, r.Status, r.Body)
	}
	if _, n, err := sc.People(ctx, store.PeopleFilter{}); err != nil || n != 0 {
		t.Errorf("the hostile page's writes stored %d people (%v)", n, err)
	}
}
