package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"image/png"
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
	// A term caught in Priya Raman's conversation, for the capture's edit page.
	term := &store.Capture{ConversationID: convos[0].ID, Kind: store.CaptureTerm, Text: "mark-up", Note: "a bill's line-by-line revision"}
	if err := sc.AddCapture(ctx, term, convos[0].UpdatedAt); err != nil {
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
		{"network", "/network"},
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
		{"conversations", "/conversations"},
		{"conversations-filtered", "/conversations?state=held&field=" + f},
		{"capture-edit", "/conversations/" + c + "/captures/" + itoa(term.ID) + "/edit"},
		{"writeup", "/conversations/" + c + "/writeup"},
		{"stats", "/stats"},
		{"network-field", "/network?field=" + f},
		{"people-warmth", "/people?sort=warmth"},
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
		// Held back with the method's advice and the "Keep it anyway" box.
		{"/conversations", url.Values{"person": {"Lee Park"}, "minutes": {"60"}}},
		{"/questions", url.Values{"text": {"Are you hiring interns this summer?"}, "topic": {"work"}}},
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
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	checkAgendaScreenshot(t, ctx, shot)
	path := filepath.Join(ScreenshotDir(t), "agenda.png")
	if *updateScreenshot {
		path = filepath.Join(RepoRoot(t), "docs", "agenda.png")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", path, len(shot))
}

// checkAgendaScreenshot checks the picture shows what the README says it
// does: the agenda at 1280×1000, its overdue group first and in view, and
// the first overdue action's badge drawn in the badge's colour where the
// page says it is (so the picture is of the page, not blank or cut off).
func checkAgendaScreenshot(t *testing.T, ctx context.Context, shot []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 1000 {
		t.Errorf("the screenshot is %d×%d, want 1280×1000", b.Dx(), b.Dy())
	}
	groups := eval[[]string](t, ctx, `[...document.querySelectorAll("h2[id^='g-']")].map(h => h.id)`)
	if len(groups) < 2 || groups[0] != "g-overdue" {
		t.Errorf("the agenda's groups are %v, want the overdue ones first", groups)
	}
	first := eval[[]string](t, ctx, `[...document.querySelectorAll("li.action")].slice(0, 3).map(li => li.className)`)
	for _, c := range first {
		if !strings.Contains(c, "is-overdue") {
			t.Errorf("the first actions are %v, want overdue ones first", first)
			break
		}
	}
	badge := `document.querySelector("li.action.is-overdue .badge.overdue")`
	box := eval[[]float64](t, ctx, `(() => { const r = `+badge+`.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()`)
	if box[0] < 0 || box[1] < 0 || box[2] > 1280 || box[3] > 1000 || box[2]-box[0] < 10 {
		t.Fatalf("the first overdue badge is at %v, outside the picture", box)
	}
	var want [3]int
	bg := eval[string](t, ctx, `getComputedStyle(`+badge+`).backgroundColor`)
	if _, err := fmt.Sscanf(bg, "rgb(%d, %d, %d)", &want[0], &want[1], &want[2]); err != nil {
		t.Fatalf("the badge's background %q: %v", bg, err)
	}
	// Most of the badge is its background (about 70%); the rest is its text.
	same, all := 0, 0
	for y := int(box[1]) + 2; y < int(box[3])-2; y++ {
		for x := int(box[0]) + 2; x < int(box[2])-2; x++ {
			all++
			r, g, b, _ := img.At(x, y).RGBA()
			if near(int(r>>8), want[0]) && near(int(g>>8), want[1]) && near(int(b>>8), want[2]) {
				same++
			}
		}
	}
	if all == 0 || same*2 < all {
		t.Errorf("only %d of %d pixels of the overdue badge are its colour %s: the picture is not of the page", same, all, bg)
	}
}

func near(a, b int) bool { return a-b <= 6 && b-a <= 6 }

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
	if len(assets) != 4 {
		t.Errorf("the agenda loads %d static files, want favicon.svg, app.css, htmx.min.js and app.js", len(assets))
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
