package e2e

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// uploadContacts posts the import form as a browser does and returns the
// status, the Location (the preview's address) and the page.
func uploadContacts(t testing.TB, app *App, kind, name string, content []byte) (int, string, []byte) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("kind", kind)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, app.URL+"/import", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Location"), page
}

func interopFile(t testing.TB, name string) (string, []byte) {
	t.Helper()
	path := filepath.Join(RepoRoot(t), "internal", "interop", "testdata", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

// importPages are the import page, previews of a LinkedIn and a vCard
// file (new people, duplicates, problems), the settings page with a
// calendar feed and the question before it is turned off.
func importPages(t testing.TB, app *App) []appPage {
	t.Helper()
	if _, err := app.Scope().NewCalendarFeed(context.Background(), app.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	preview := func(kind, file string) string {
		_, data := interopFile(t, file)
		status, loc, page := uploadContacts(t, app, kind, filepath.Base(file), data)
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/import/") {
			t.Fatalf("upload %s: status %d, location %q\n%s", file, status, loc, page)
		}
		return loc
	}
	return []appPage{
		{"import", "/import"},
		{"import-preview-linkedin", preview("linkedin", "linkedin/Connections.csv")},
		{"import-preview-vcard", preview("vcard", "vcard/apple-3.0.vcf")},
		{"settings-with-feed", "/settings"},
		{"feed-revoke", "/settings/calendar-feed/revoke"},
	}
}

// uploadsInTempDir keeps the test's uploads in its own folder: previews
// never imported wait for an expiry the test does not reach. Call it after
// NewBrowser: Chromium's socket path in a test's folder is too long.
func uploadsInTempDir(t *testing.T) { t.Setenv("TMPDIR", t.TempDir()) }

func TestImportPagesHaveValidMarkup(t *testing.T) {
	app := storyApp(t)
	uploadsInTempDir(t)
	html := map[string][]byte{}
	for _, p := range importPages(t, app) {
		html[p.name+" "+p.path] = GetHTML(t, app.URL+p.path, http.StatusOK)
	}
	// A PDF named .csv, sent back with its one message.
	_, pdf := interopFile(t, "bad/Connections-really-a-pdf.csv")
	status, _, page := uploadContacts(t, app, "linkedin", "Connections.csv", pdf)
	if status != http.StatusUnprocessableEntity {
		t.Errorf("a PDF: status %d, want 422", status)
	}
	html["POST /import (a PDF)"] = page
	VNUPages(t, html)
}

func TestImportPagesAreAccessibleOnDesktopAndPhone(t *testing.T) {
	app := storyApp(t)
	ctx := NewBrowser(t)
	uploadsInTempDir(t)
	pages := importPages(t, app)
	shots := ScreenshotDir(t)
	for _, v := range []struct {
		name  string
		setup chromedp.Action[chromedp.Void]
	}{{"desktop", Desktop()}, {"phone", Mobile()}} {
		for _, p := range pages {
			t.Run(v.name+"-"+p.name, func(t *testing.T) {
				mustDo(t, ctx, v.setup, ColorScheme("light"), chromedp.Navigate(app.URL+p.path))
				Axe(t, ctx)
				FitsWidth(t, ctx)
				Screenshot(t, ctx, filepath.Join(shots, v.name+"-"+p.name+".png"))
			})
		}
	}
}

// TestJourneyImportLinkedInConnections uploads a Connections.csv in the
// browser on a phone, reads the preview and imports it; the people list
// says what happened.
func TestJourneyImportLinkedInConnections(t *testing.T) {
	app := storyApp(t)
	ctx := NewBrowser(t)
	uploadsInTempDir(t)
	path, _ := interopFile(t, "linkedin/Connections.csv")
	// Sent, the form says it is busy and will not send twice (the test
	// keeps the page from leaving, to read it).
	mustDo(t, ctx, Mobile(), ColorScheme("light"), chromedp.Navigate(app.URL+"/import"))
	busy := eval[[]string](t, ctx, `(() => {
		const f = document.querySelector("form[data-busy]");
		let sent = 0;
		f.addEventListener("submit", e => { if (!e.defaultPrevented) sent++; e.preventDefault(); });
		f.requestSubmit();
		f.requestSubmit();
		return [document.querySelector(".busy").textContent, f.querySelector("button").getAttribute("aria-disabled"), String(sent)];
	})()`)
	if want := []string{"Uploading and reading the file…", "true", "1"}; strings.Join(busy, "|") != strings.Join(want, "|") {
		t.Errorf("sent twice, the form shows %q, want %q", busy, want)
	}
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/people"))
	navigating(t, ctx, chromedp.Click(`//a[normalize-space()="Import contacts"]`))
	mustDo(t, ctx, chromedp.SetValue(`#f-kind`, "linkedin"), chromedp.SetUploadFiles(`#f-file`, []string{path}))
	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="Upload and preview"]`))
	wantText(t, ctx, "Preview of Connections.csv", "7 contacts read", "Aisha Rahman", "Line 10: Aisha Rahman is the same person as line 5", "Line 9: row has only a date")
	Axe(t, ctx)
	FitsWidth(t, ctx)
	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="Import 7 people"]`))
	if f := flash(t, ctx); !strings.Contains(f, "Imported Connections.csv: 7 people added") {
		t.Errorf("the flash says %q", f)
	}
	wantText(t, ctx, "Aisha Rahman")
}
