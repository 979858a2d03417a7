package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The method's chain in a browser: a referral caught in conversation mode
// with "No" to "may I use your name?" becomes a reach-out on the agenda,
// whose link opens a first request that does not name the referrer; the
// network page then shows the chain from Sam Okafor to Tom Becker, and
// passes axe on a desktop and at 375 px and the Nu checker.
func TestReferralBecomesAReachOutAndADraftWithoutTheName(t *testing.T) {
	app := fixedApp(t)
	c := scheduledConvo(t, app, "Sam Okafor", "Urban planning", 20, app.Clock.Now())
	ctx := NewBrowser(t)
	mustDo(t, ctx, chromedp.Navigate(convoURL(app, c, "/live")))
	waitFor(t, ctx, `document.querySelector(".live").classList.contains("js-live")`, "live.js to start")
	mustDo(t, ctx, chromedp.Click(`#cap-referral > summary`),
		chromedp.Click(`#c-referral-name`), Press("Tom Becker"),
		chromedp.Click(`#c-referral-may-use-name-no`),
		chromedp.Click(`//form[@data-capture]//button[normalize-space()="Add the person"]`))
	waitFor(t, ctx, `document.querySelector("#cap-referral-status").textContent.includes("Added Tom Becker")`, "the referral to be added")

	mustDo(t, ctx, chromedp.Navigate(app.URL+"/"))
	wantText(t, ctx, "Write to Tom Becker — suggested by Sam Okafor")
	mustDo(t, ctx, chromedp.Click(`//li[contains(@class,"action")][.//h3[contains(., "Tom Becker")]]//a[normalize-space()="Write the request"]`))
	waitFor(t, ctx, `!!document.querySelector("textarea[name=body]")`, "the composer")
	body := eval[string](t, ctx, `document.querySelector("textarea[name=body]").value`)
	if strings.Contains(body, "Sam Okafor") || !strings.Contains(body, "through a colleague") {
		t.Errorf("the draft should not name the referrer who said no:\n%s", body)
	}
	wantText(t, ctx, "Suggested by Sam Okafor. May you use their name? no, do not use their name.")

	// The network page draws the chain: Sam Okafor suggested Tom Becker.
	clickNav(t, ctx, "Network")
	chain := eval[bool](t, ctx, `[...document.querySelectorAll(".chains li")].some(li =>
		li.firstElementChild && li.firstElementChild.textContent === "Sam Okafor" &&
		[...li.querySelectorAll(":scope > ul > li > a")].some(a => a.textContent === "Tom Becker"))`)
	if !chain {
		t.Errorf("the network's chains do not show Tom Becker under Sam Okafor:\n%s", pageText(t, ctx))
	}
	if !eval[bool](t, ctx, `[...document.querySelectorAll(".network-picture svg text")].some(t => t.textContent.includes("Tom Becker"))`) {
		t.Errorf("the network's picture does not draw Tom Becker")
	}
	// With the chain drawn, the page passes axe and fits at desktop and
	// 375 px, and its markup passes the Nu checker.
	onDesktopAndPhone(t, ctx, ScreenshotDir(t), "network-after-referral")
	VNU(t, GetHTML(t, app.URL+"/network", http.StatusOK))
}
