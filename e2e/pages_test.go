package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "write the README's agenda screenshot to docs/agenda.png")

type appPage struct{ name, path string }

// storyApp is Ally with the demo story, on a fixed Wednesday morning so
// that pages and the screenshot come out the same on every run.
func storyApp(t testing.TB) *App {
	t.Helper()
	now, loc := storyNow(t)
	app := StartApp(t, method.FixedClock(now))
	app.LoadStory(t, loc)
	return app
}

// issuePages are the pages the issue names for axe-core and vnu (welcome
// aside, which needs an empty Ally), then others with forms and lists.
func issuePages(t testing.TB, app *App) (named, more []appPage) {
	t.Helper()
	ctx := context.Background()
	sc := app.Scope()
	// Samuel Adeyemi was referred, has tags, notes and a conversation;
	// Priya Raman's conversation is held, with long notes.
	person, _, err := sc.ResolvePerson(ctx, "Samuel Adeyemi")
	if err != nil {
		t.Fatal(err)
	}
	priya, _, err := sc.ResolvePerson(ctx, "Priya Raman")
	if err != nil {
		t.Fatal(err)
	}
	convos, err := sc.Conversations(ctx, store.ConversationFilter{PersonID: priya})
	if err != nil || len(convos) == 0 {
		t.Fatalf("Priya Raman's conversations: %v", err)
	}
	field, _, err := sc.ResolveField(ctx, "Public policy")
	if err != nil {
		t.Fatal(err)
	}
	org, _, err := sc.ResolveOrganization(ctx, "Tidewater")
	if err != nil {
		t.Fatal(err)
	}
	p, c, f, o := itoa(person), itoa(convos[0].ID), itoa(field), itoa(org)
	named = []appPage{
		{"agenda", "/"},
		{"people", "/people"},
		{"person", "/people/" + p},
		{"conversation", "/conversations/" + c},
		{"field", "/fields/" + f},
		{"search", "/search?q=policy"},
		{"guide", "/guide"},
		{"settings", "/settings"},
	}
	more = []appPage{
		{"people-filtered", "/people?q=engineer&field=" + f + "&sort=recent"},
		{"person-new", "/people/new"},
		{"person-edit", "/people/" + p + "/edit"},
		{"person-delete", "/people/" + p + "/delete"},
		{"activity-new", "/people/" + p + "/activities/new"},
		{"conversation-new", "/conversations/new?person=" + p},
		{"conversation-edit", "/conversations/" + c + "/edit"},
		{"step", "/conversations/" + c + "/step?to=scheduled"},
		{"fields", "/fields"},
		{"field-edit", "/fields/" + f + "/edit"},
		{"orgs", "/orgs"},
		{"org", "/orgs/" + o},
		{"agenda-later", "/agenda/later"},
		{"not-found", "/people/99999"},
	}
	return named, more
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// postForm posts a form as a browser would and returns the page it gets
// back, without following a redirect.
func postForm(t testing.TB, app *App, path string, form url.Values) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, app.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

func TestAppPagesHaveValidMarkup(t *testing.T) {
	app := storyApp(t)
	named, more := issuePages(t, app)
	pages := map[string][]byte{"/ (welcome)": GetHTML(t, fixedApp(t).URL+"/", http.StatusOK)}
	for _, p := range append(named, more...) {
		status := http.StatusOK
		if p.name == "not-found" {
			status = http.StatusNotFound
		}
		pages[p.path] = GetHTML(t, app.URL+p.path, status)
	}
	// Forms sent back with problems.
	for _, f := range []struct {
		path string
		form url.Values
	}{
		{"/people", url.Values{"name": {""}, "emails": {"x@y"}, "url": {"nope"}, "field": {"999"}}},
		{"/settings", url.Values{"time_zone": {"Mars/Base"}, "thank_hours": {"soon"}}},
		{"/fields", url.Values{"name": {""}, "target": {"0"}}},
	} {
		status, body := postForm(t, app, f.path, f.form)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("POST %s with bad input: status %d, want 422", f.path, status)
		}
		pages["POST "+f.path] = body
	}
	VNUPages(t, pages)
}

func TestAppPagesAreAccessibleOnDesktopAndPhone(t *testing.T) {
	app := storyApp(t)
	named, more := issuePages(t, app)
	welcome := fixedApp(t)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	views := []struct {
		name   string
		setup  chromedp.Action[chromedp.Void]
		scheme string
		pages  []appPage
	}{
		{"desktop", Desktop(), "light", append(named, more...)},
		{"phone", Mobile(), "light", append(named, more...)},
		{"phone-dark", Mobile(), "dark", named},
	}
	for _, v := range views {
		pages := append([]appPage{{"welcome", welcome.URL + "/"}}, v.pages...)
		for _, p := range pages {
			t.Run(v.name+"-"+p.name, func(t *testing.T) {
				u := p.path
				if strings.HasPrefix(u, "/") {
					u = app.URL + u
				}
				mustDo(t, ctx, v.setup, ColorScheme(v.scheme), chromedp.Navigate(u))
				Axe(t, ctx)
				FitsWidth(t, ctx)
				Screenshot(t, ctx, filepath.Join(shots, v.name+"-"+p.name+".png"))
			})
		}
	}
}

// TestPrintedPersonAndFieldPagesAreDocuments checks the print styles: no
// navigation, no buttons or forms, the notes kept.
func TestPrintedPersonAndFieldPagesAreDocuments(t *testing.T) {
	app := storyApp(t)
	named, _ := issuePages(t, app)
	ctx := NewBrowser(t)
	for _, p := range named {
		if p.name != "person" && p.name != "field" {
			continue
		}
		mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+p.path), Media("print"))
		shown := eval[[]string](t, ctx, `[".site-header", ".site-footer", "#flash", ".no-print", "form", "a.button", "button"]
			.filter(s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== "none"))`)
		if len(shown) > 0 {
			t.Errorf("printed %s page still shows %v", p.name, shown)
		}
		if !eval[bool](t, ctx, `!!document.querySelector(".prose") && getComputedStyle(document.querySelector(".prose")).display !== "none"`) {
			t.Errorf("printed %s page lost its notes", p.name)
		}
		Screenshot(t, ctx, filepath.Join(ScreenshotDir(t), "print-"+p.name+".png"))
		mustDo(t, ctx, Media(""))
	}
}

// TestAgendaScreenshot takes the README's picture of the agenda. Run
//
//	go test ./e2e -run TestAgendaScreenshot -update-screenshot
//
// to write docs/agenda.png; without the flag the picture goes to the
// screenshot folder only.
func TestAgendaScreenshot(t *testing.T) {
	app := storyApp(t)
	ctx := NewBrowser(t)
	mustDo(t, ctx, chromedp.EmulateViewport(1280, 1000), ColorScheme("light"), chromedp.Navigate(app.URL+"/"),
		chromedp.WaitVisible(`#g-overdue`))
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(ScreenshotDir(t), "agenda.png")
	if *updateScreenshot {
		path = filepath.Join(RepoRoot(t), "docs", "agenda.png")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", path, len(png))
}

// TestAgendaPageWeight checks the issue's budget: the agenda with its CSS
// and JavaScript under 60 KB as a browser receives them, gzip-compressed
// (htmx.min.js alone is 52 KB before compression). Every byte is counted
// as sent by the real server.
func TestAgendaPageWeight(t *testing.T) {
	app := storyApp(t)
	get := func(path string) (raw, sent int, headers http.Header) {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, app.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s is not gzip-compressed", path)
			return len(body), len(body), resp.Header
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(zr)
		return len(plain), len(body), resp.Header
	}
	raw, sent, _ := get("/")
	page := GetHTML(t, app.URL+"/", http.StatusOK)
	t.Logf("%-40s %6d bytes, %6d sent", "agenda", raw, sent)
	totalRaw, totalSent := raw, sent
	assets := regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(string(page), -1)
	if len(assets) != 3 {
		t.Errorf("the agenda loads %d static files, want app.css, htmx.min.js and app.js", len(assets))
	}
	for _, m := range assets {
		path := strings.ReplaceAll(m[1], "&amp;", "&")
		raw, sent, h := get(path)
		if cc := h.Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control %q, want a year, immutable", path, cc)
		}
		t.Logf("%-40s %6d bytes, %6d sent", path, raw, sent)
		totalRaw += raw
		totalSent += sent
	}
	t.Logf("%-40s %6d bytes, %6d sent (gzip)", "total", totalRaw, totalSent)
	if totalSent > 60*1024 {
		t.Errorf("the agenda weighs %d bytes as sent, budget 60 KB", totalSent)
	}
}
