package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// signInAs signs the browser out, then in as email.
func signInAs(t *testing.T, ctx context.Context, app *App, email string) {
	t.Helper()
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/signin"))
	if eval[bool](t, ctx, `!!document.querySelector('form[action="/signout"]')`) {
		navigating(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('form[action="/signout"]').submit()`))
		mustDo(t, ctx, chromedp.Navigate(app.URL+"/signin"))
	}
	mustDo(t, ctx, chromedp.SendKeys(`#f-email`, email), chromedp.SendKeys(`#f-password`, e2eSamPassword))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
}

func mainText(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `document.querySelector('main').innerText`)
}

// A student finds a volunteer by field, writes a request that asks for a
// job, sees the checker's error, fixes it and sends it; the volunteer
// accepts one of the proposed times; both then read each other's contact
// details. Every page passes axe on a desktop and on a phone.
func TestAStudentAsksAVolunteerForAConversation(t *testing.T) {
	app, dana := directoryCenter(t)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	mustDo(t, ctx, Desktop(), ColorScheme("light"))
	signInAs(t, ctx, app, "sam@westlake.edu")
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/directory?field=Public+policy"))
	navigating(t, ctx, chromedp.Click(`main a[href="/directory/`+strconv.FormatInt(dana, 10)+`"]`))
	navigating(t, ctx, chromedp.Click(`main a[href="/directory/`+strconv.FormatInt(dana, 10)+`/request"]`))
	onDesktopAndPhone(t, ctx, shots, "request-new")
	mustDo(t, ctx, Desktop())

	when := app.Clock.Now().Add(72 * time.Hour).Truncate(time.Hour)
	job := "Hello Dana, I also studied Economics. Do you have any openings on your team? Could we talk for 20 minutes at your convenience?"
	mustDo(t, ctx, chromedp.SetValue(`#f-message`, job), chromedp.SetValue(`#f-time1`, when.UTC().Format("2006-01-02T15:04")))
	navigating(t, ctx, chromedp.Click(`#request-form button[type=submit]:not(.secondary)`))
	if text := mainText(t, ctx); !strings.Contains(text, "Your request was not sent") || !strings.Contains(text, "asks for a job") {
		t.Fatalf("a job ask was not refused:\n%s", text)
	}
	if !eval[bool](t, ctx, `!!document.querySelector('#compose-check [data-rule="job_ask"]')`) {
		t.Error("the checker's job_ask finding is not shown")
	}
	if v := eval[string](t, ctx, `document.querySelector('#f-message').value`); !strings.Contains(v, "any openings") {
		t.Errorf("the message was not kept: %q", v)
	}
	onDesktopAndPhone(t, ctx, shots, "request-refused")
	mustDo(t, ctx, Desktop())

	good := "Hello Dana, I also studied Economics and I am exploring public policy. Could I ask you about your path into it, for 20 minutes at a time that suits you? Thank you."
	mustDo(t, ctx, chromedp.SetValue(`#f-message`, good))
	navigating(t, ctx, chromedp.Click(`#request-form button[type=submit]:not(.secondary)`))
	if text := mainText(t, ctx); !strings.Contains(text, "Your request to Dana Brown") || !strings.Contains(text, "Waiting for an answer") {
		t.Fatalf("the request was not sent:\n%s", text)
	}
	reqPath := eval[string](t, ctx, `location.pathname`)
	onDesktopAndPhone(t, ctx, shots, "request")
	mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+"/requests"))
	if text := mainText(t, ctx); !strings.Contains(text, "1 of 5 requests waiting") {
		t.Errorf("My requests:\n%s", text)
	}
	onDesktopAndPhone(t, ctx, shots, "requests")

	// Dana accepts the time Sam proposed.
	mustDo(t, ctx, Desktop())
	signInAs(t, ctx, app, "dana@example.com")
	navigating(t, ctx, chromedp.Click(`nav.site-nav a[href="/requests/to-me"]`))
	if text := mainText(t, ctx); !strings.Contains(text, "0 of 2 conversations used") || !strings.Contains(text, "Sam Lee") {
		t.Errorf("Requests to me:\n%s", text)
	}
	onDesktopAndPhone(t, ctx, shots, "requests-to-me")
	mustDo(t, ctx, Desktop())
	navigating(t, ctx, chromedp.Click(`main a[href="`+reqPath+`"]`))
	onDesktopAndPhone(t, ctx, shots, "request-to-me")
	mustDo(t, ctx, Desktop(), chromedp.Click(`#s-choice-0`))
	navigating(t, ctx, chromedp.Click(`#step-accept button[type=submit]`))
	if text := mainText(t, ctx); !strings.Contains(text, "sam@westlake.edu") || !strings.Contains(text, "Agreed time") {
		t.Fatalf("Dana after accepting:\n%s", text)
	}

	// Sam reads Dana's details.
	signInAs(t, ctx, app, "sam@westlake.edu")
	mustDo(t, ctx, chromedp.Navigate(app.URL+reqPath))
	if text := mainText(t, ctx); !strings.Contains(text, "dana@example.com") || !strings.Contains(text, "555 0142") {
		t.Errorf("Sam after the acceptance:\n%s", text)
	}
	onDesktopAndPhone(t, ctx, shots, "request-accepted")
}
