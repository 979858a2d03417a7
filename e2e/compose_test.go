package e2e

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/store"
)

// composePages are the composer, the template editor and the statistics,
// for axe-core and vnu. Keisha Robinson's conversation is an idea: the
// composer writes her a first request naming Jamal Carter, who referred
// her.
func composePages(t testing.TB, app *App) []appPage {
	t.Helper()
	ctx := context.Background()
	sc := app.Scope()
	keisha, _, err := sc.ResolvePerson(ctx, "Keisha Robinson")
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
	return []appPage{
		{"compose", "/people/" + itoa(keisha) + "/compose?channel=email"},
		{"compose-report-back", "/people/" + itoa(priya) + "/compose?convo=" + itoa(convos[0].ID)},
		{"compose-pick", "/compose?field=" + itoa(field)},
		{"templates", "/templates"},
		{"template-edit", "/templates/email-referral"},
		{"template-new", "/templates/new"},
		{"stats", "/stats"},
	}
}

// TestComposerChecksAsYouType is the composer's journey: a message that
// asks for a job gets the job_ask finding, with the words marked, while
// the user types and without a page load; fixed, the finding clears.
func TestComposerChecksAsYouType(t *testing.T) {
	app := storyApp(t)
	pages := composePages(t, app)
	ctx := NewBrowser(t)
	mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+pages[0].path))
	wantText(t, ctx, "Write to Keisha Robinson: first request", "Jamal Carter suggested I contact you")
	if eval[bool](t, ctx, `document.querySelector("[data-copy]").hidden`) {
		t.Errorf("the Copy button stays hidden with JavaScript on")
	}
	jobAsk := `document.querySelector('#compose-check [data-rule="job_ask"]') !== null`
	if eval[bool](t, ctx, jobAsk) {
		t.Fatalf("Ally's own draft asks for a job")
	}

	mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](`window.__same = true`),
		clearField(`#f-body`), chromedp.Click(`#f-body`),
		Press("Hi Keisha, Jamal Carter suggested I write. Could you refer me for an opening on your team?"))
	waitFor(t, ctx, jobAsk, "the job_ask finding")
	marked := eval[[]string](t, ctx, `[...document.querySelectorAll("#compose-check .marked mark.error")].map(m => m.textContent)`)
	if !strings.Contains(strings.Join(marked, " "), "refer me for an opening") {
		t.Errorf("the marked words are %q, want the job ask", marked)
	}
	if s := eval[string](t, ctx, `document.querySelector("#check-status").textContent`); !strings.Contains(s, "error") {
		t.Errorf("the status says %q", s)
	}
	if href := eval[string](t, ctx, `document.querySelector("#mailto").getAttribute("href")`); !strings.Contains(href, "refer%20me%20for%20an%20opening") {
		t.Errorf("the mail app link did not follow the text: %s", href)
	}
	FitsWidth(t, ctx)
	Screenshot(t, ctx, filepath.Join(ScreenshotDir(t), "compose-job-ask.png"))

	mustDo(t, ctx, clearField(`#f-body`), chromedp.Click(`#f-body`),
		Press("Hi Keisha, Jamal Carter suggested I contact you. Would you have 20 minutes to tell me about your work in policy?"))
	waitFor(t, ctx, "!("+jobAsk+")", "the job_ask finding to clear")
	if !eval[bool](t, ctx, `window.__same === true`) {
		t.Errorf("the page reloaded: the check should swap the findings in place")
	}

	// The phone: the same page fits and still checks.
	mustDo(t, ctx, Mobile(), chromedp.Reload())
	FitsWidth(t, ctx)
	mustDo(t, ctx, clearField(`#f-body`), chromedp.Click(`#f-body`), Press("I am applying to your agency."))
	waitFor(t, ctx, jobAsk, "the job_ask finding on a phone")
	FitsWidth(t, ctx)
	Screenshot(t, ctx, filepath.Join(ScreenshotDir(t), "compose-phone.png"))
}

// TestComposerWorksWithoutJavaScript checks the page with scripts off: the
// Check button posts the form and the findings come back with the page.
func TestComposerWorksWithoutJavaScript(t *testing.T) {
	app := storyApp(t)
	pages := composePages(t, app)
	ctx := NewBrowser(t)
	mustDo(t, ctx, Desktop(), scriptsOff(), chromedp.Navigate(app.URL+pages[0].path))
	if eval[bool](t, ctx, `!document.querySelector("[data-copy]").hidden`) {
		t.Errorf("the Copy button shows without JavaScript")
	}
	mustDo(t, ctx, chromedp.SetValue(`#f-body`, "Could you refer me for an opening on your team?"))
	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="Check"]`))
	wantText(t, ctx, "Asks for a job", "refer me for an opening")
	if v := eval[string](t, ctx, `document.querySelector("#f-body").value`); !strings.Contains(v, "refer me for an opening") {
		t.Errorf("the text was not kept: %q", v)
	}
}

func TestComposerPagesHaveValidMarkup(t *testing.T) {
	app := storyApp(t)
	html := map[string][]byte{}
	for _, p := range composePages(t, app) {
		html[p.path] = GetHTML(t, app.URL+p.path, http.StatusOK)
	}
	// The composer with findings, as the Check button returns it, and a
	// template form sent back with a problem.
	keisha := composePages(t, app)[0].path
	person := strings.TrimSuffix(strings.Split(keisha, "?")[0], "/compose")
	status, body := postForm(t, app, person+"/compose/check", url.Values{"kind": {"first_request"}, "channel": {"email"},
		"subject": {"Hello"}, "body": {"I am applying to your agency; may I send you my resume? Could you pass my name along?"}})
	if status != http.StatusOK {
		t.Errorf("check: status %d", status)
	}
	html["POST compose/check"] = body
	status, body = postForm(t, app, "/templates", url.Values{"name": {""}, "kind": {"thank_you"}, "channel": {"email"}, "body": {"Hi {{.Nobody}}"}})
	if status != http.StatusUnprocessableEntity {
		t.Errorf("a bad template: status %d", status)
	}
	html["POST /templates"] = body
	VNUPages(t, html)
}

func TestComposerPagesAreAccessibleOnDesktopAndPhone(t *testing.T) {
	app := storyApp(t)
	pages := composePages(t, app)
	ctx := NewBrowser(t)
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
		// With findings on the page, after typing a job ask.
		t.Run(v.name+"-compose-findings", func(t *testing.T) {
			mustDo(t, ctx, v.setup, chromedp.Navigate(app.URL+pages[0].path), clearField(`#f-body`),
				chromedp.Click(`#f-body`), Press("Could you refer me for an opening? I attach my resume."))
			waitFor(t, ctx, `document.querySelector('#compose-check [data-rule="job_ask"]') !== null`, "the findings")
			Axe(t, ctx)
			FitsWidth(t, ctx)
			Screenshot(t, ctx, filepath.Join(shots, v.name+"-compose-findings.png"))
		})
	}
	mustDo(t, ctx, Mobile(), ColorScheme("dark"), chromedp.Navigate(app.URL+pages[0].path))
	Axe(t, ctx)
	mustDo(t, ctx, ColorScheme(""))
}

// scriptsOff turns the page's own JavaScript off, as a user may; the test
// can still read and fill the page through the DevTools protocol.
func scriptsOff() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
}

// clearField empties a text field without a key event, as selecting all and
// deleting would, so that the typing after it is what triggers the check.
func clearField(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`document.querySelector(` + "`" + sel + "`" + `).value = ""`)
}

// TestComposerChecksPastedText: a paste or a browser's autofill changes the
// text with an input event and no key at all; the checker must run then too.
func TestComposerChecksPastedText(t *testing.T) {
	app := storyApp(t)
	pages := composePages(t, app)
	ctx := NewBrowser(t)
	mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+pages[0].path))
	mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const body = document.querySelector("#f-body");
		body.value = "Hi Keisha, Jamal Carter suggested I write. Could you put my name forward for the opening on your team?";
		body.dispatchEvent(new Event("input", {bubbles: true}));
	})()`))
	waitFor(t, ctx, `document.querySelector('#compose-check [data-rule="job_ask"]') !== null`, "the job_ask finding after a paste")
}
