package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// A first ask of 60 minutes is held back with the method's advice and the
// one "Keep it anyway" box, which passes axe on a desktop and at 375 px;
// ticking it keeps the 60 minutes (issue 12 §6: one keep-anyway).
func TestALongAskIsKeptAnywayFromTheForm(t *testing.T) {
	app := fixedApp(t)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+"/conversations/new"),
		chromedp.Click(`#f-person`), Press("Lee Park"))
	mustDo(t, ctx, chromedp.SetValue(`#f-minutes`, "60"))
	navigating(t, ctx, chromedp.Click(`//form//button[normalize-space()="Save the idea"]`))
	wantText(t, ctx, "60 minutes is a lot for a first conversation", "Ask for less, or tick “Keep it anyway” below to keep 60 minutes.",
		"Keep it anyway: I have read the advice and keep 60 minutes")
	onDesktopAndPhone(t, ctx, shots, "keep-anyway")
	mustDo(t, ctx, Desktop(), chromedp.Click(`#f-keep-anyway`))
	navigating(t, ctx, chromedp.Click(`//form//button[normalize-space()="Save the idea"]`))
	wantText(t, ctx, "Added Lee Park to your people and planned a conversation.", "60 minutes")
}
