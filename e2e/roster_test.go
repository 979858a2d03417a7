package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// An advisor imports a roster in a browser: the upload, the preview
// (with its column mapping) and the progress page that follows the
// import pass axe on a desktop and on a phone, and the Nu checker.
func TestRosterImportPagesInABrowser(t *testing.T) {
	c := startMailingCenter(t)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	file := filepath.Join(t.TempDir(), "alumni.csv")
	roster := "Email,Full Name,Company,Career Field,Alumni Number\n" +
		"maria@alumni.westlake.edu,Maria Lopez,Genentech,Biotech,A1\n" +
		"sam@alumni.westlake.edu,Sam Okafor,City Library,Libraries,A2\n" +
		"not-an-email,Nobody,,,A3\n"
	if err := os.WriteFile(file, []byte(roster), 0o600); err != nil {
		t.Fatal(err)
	}
	// The page's own markup, fetched again with the session's cookie.
	source := func() []byte {
		html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(location.href).then(r => r.text())`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		return []byte(html)
	}
	pages := map[string][]byte{}
	mustDo(t, ctx, Desktop(), ColorScheme("light"), chromedp.Navigate(c.url+"/signin"),
		chromedp.SendKeys(`#f-email`, "ada@westlake.edu"), chromedp.SendKeys(`#f-password`, e2eAdvisorPassword))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	navigating(t, ctx, chromedp.Navigate(c.url+"/center/import"))
	onDesktopAndPhone(t, ctx, shots, "roster-upload")
	pages["/center/import"] = source()
	mustDo(t, ctx, Desktop(), chromedp.SetUploadFiles(`#f-file`, []string{file}))
	navigating(t, ctx, chromedp.Click(`main form[action="/center/import"] button[type=submit]`))
	if text := eval[string](t, ctx, `document.querySelector('main').innerText`); !strings.Contains(text, "2 new, 0 updated, 0 unchanged, 1 cannot be imported") {
		t.Fatalf("the preview:\n%s", text)
	}
	// The alumni number becomes the university's id.
	mustDo(t, ctx, chromedp.SetValue(`#col_4`, "external_id"))
	navigating(t, ctx, chromedp.Click(`main form[method=get] button[type=submit]`))
	if v := eval[string](t, ctx, `document.querySelector('#col_4').value`); v != "external_id" {
		t.Fatalf("the mapping came back as %q", v)
	}
	onDesktopAndPhone(t, ctx, shots, "roster-preview")
	pages["/center/import/{token}"] = source()
	mustDo(t, ctx, Desktop(), chromedp.Click(`#invite`))
	navigating(t, ctx, chromedp.Click(`main form[method=post] button[type=submit]`))
	waitUntil(t, 30*time.Second, "the import to finish", func() bool {
		return strings.Contains(eval[string](t, ctx, `document.querySelector('main').innerText`), "Imported: 2 new")
	})
	// htmx swapped the outcome in, but the page's own Refresh header (for
	// browsers without JavaScript) may still reload it under the
	// screenshots: load the finished page, which asks for no refresh.
	progress := eval[string](t, ctx, `location.pathname`)
	navigating(t, ctx, chromedp.Navigate(c.url+progress))
	wantText(t, ctx, "Imported: 2 new")
	onDesktopAndPhone(t, ctx, shots, "roster-progress")
	pages["/center/import/{token}/progress"] = source()
	navigating(t, ctx, chromedp.Navigate(c.url+"/center/invitations"))
	pages["/center/invitations"] = source()
	VNUPages(t, pages)
}
