package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/method"
)

// The journeys (a)–(e), walked in Chromium against a real Ally on
// a temporary SQLite database. Every step clicks and types the way a person
// does; the checks read the page, never the database, except to find ids.

// storyNow is the harness's instant (TestNow): by default a Wednesday
// morning, when the story has overdue actions, some due today, this week
// and later; ALLY_TEST_NOW moves it.
func storyNow(t testing.TB) (time.Time, *time.Location) {
	t.Helper()
	return TestNow(t)
}

// fixedApp is Ally with no data, at the harness's instant.
func fixedApp(t testing.TB) *App {
	t.Helper()
	now, _ := storyNow(t)
	return StartApp(t, method.FixedClock(now))
}

// mustDo runs browser actions and stops the test on the first error.
func mustDo(t testing.TB, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("on %s: %v", loc, err)
	}
}

func eval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// navigating runs an action that loads a new page (a click on a link or a
// submit button) and waits until the new page has loaded: the old
// document is marked first, so a check cannot read the page it left.
func navigating(t testing.TB, ctx context.Context, act chromedp.Action[chromedp.Void]) {
	t.Helper()
	mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](`window.__leaving = true`), act)
	waitFor(t, ctx, `!window.__leaving && document.readyState === "complete"`, "the next page to load")
}

// waitFor polls a JavaScript condition until it holds, for up to 10 s.
func waitFor(t testing.TB, ctx context.Context, cond, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			t.Fatalf("waited 10 s for %s on %s (%s)", what, loc, cond)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func pageText(t testing.TB, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `document.body.innerText`)
}

func wantText(t testing.TB, ctx context.Context, want ...string) {
	t.Helper()
	text := pageText(t, ctx)
	for _, w := range want {
		if !strings.Contains(text, w) {
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			t.Fatalf("%s does not say %q; it says:\n%s", loc, w, text)
		}
	}
}

func flash(t testing.TB, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `(document.querySelector("#flash .flash") || {textContent: ""}).textContent`)
}

// clickNav follows a link of the site's navigation, opening the menu it
// folds into on a phone first, as a user would.
func clickNav(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	if eval[bool](t, ctx, `getComputedStyle(document.querySelector(".site-menu > summary")).display !== "none" && !document.querySelector(".site-menu").open`) {
		mustDo(t, ctx, chromedp.Click(`.site-menu > summary`))
	}
	navigating(t, ctx, chromedp.Click(fmt.Sprintf(`//nav//a[normalize-space()=%q]`, name)))
}

// actionJS finds the agenda action whose heading contains the text.
func actionJS(heading string) string {
	return fmt.Sprintf(`[...document.querySelectorAll("li.action")].find(li => li.querySelector("h3").textContent.includes(%q))`, heading)
}

// clickInAction clicks the link or button named label inside the agenda
// action whose heading contains heading, opening its "More" menu first when
// the label is in it.
func clickInAction(t testing.TB, ctx context.Context, heading, label string) {
	t.Helper()
	js := fmt.Sprintf(`(() => {
		const li = %s;
		if (!li) return "no action " + %q;
		const el = [...li.querySelectorAll("a, button")].find(e => e.textContent.trim() === %q);
		if (!el) return "no " + %q + " in " + %q;
		const more = el.closest("details");
		if (more && !more.open) more.querySelector("summary").click(); // as a user opens "More"
		el.click();
		return "";
	})()`, actionJS(heading), heading, label, label, heading)
	var problem string
	navigating(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		var err error
		problem, err = chromedp.Evaluate[string](js)(ctx, tg)
		if err == nil && problem != "" {
			return fmt.Errorf("%s", problem)
		}
		return err
	}))
}

// TestJourneyFirstRunLoadsDemo is journey (a): a first run shows the
// welcome page; loading the demo leads to an agenda with overdue actions.
func TestJourneyFirstRunLoadsDemo(t *testing.T) {
	app := fixedApp(t)
	ctx := NewBrowser(t)
	mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+"/"))
	wantText(t, ctx, "Welcome to Ally", "Load demo data")
	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="Load demo data"]`))
	if f := flash(t, ctx); !strings.Contains(f, "Loaded the demo") {
		t.Errorf("flash after loading the demo = %q", f)
	}
	wantText(t, ctx, "Agenda", "Overdue")
	overdue := eval[int](t, ctx, `document.querySelectorAll("#g-overdue ~ ol li.action .badge.overdue").length`)
	if overdue == 0 {
		t.Fatalf("the agenda shows no overdue action after loading the demo:\n%s", pageText(t, ctx))
	}
	// Every overdue action says who and why, and offers to do it.
	bad := eval[[]string](t, ctx, `[...document.querySelectorAll("li.action.is-overdue")]
		.filter(li => !li.querySelector("h3 a") || !li.querySelector(".why").textContent.trim() || !li.querySelector("form.do a.button"))
		.map(li => li.querySelector("h3").textContent)`)
	if len(bad) > 0 {
		t.Errorf("overdue actions without who, why or do-it: %v", bad)
	}
	// The demo goes only into an empty Ally.
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/people"))
	if n := eval[int](t, ctx, `document.querySelectorAll("ul.people > li").length`); n < 20 {
		t.Errorf("people list shows %d people after the demo, want the story's ~30", n)
	}
}

// TestJourneyConversationOnDesktop is journey (b).
func TestJourneyConversationOnDesktop(t *testing.T) {
	conversationJourney(t, false)
}

// TestJourneyConversationOnPhone is journey (e): journey (b) on a 375×812
// phone, where no page may scroll sideways.
func TestJourneyConversationOnPhone(t *testing.T) {
	conversationJourney(t, true)
}

// conversationJourney adds a person with a new referrer, plans a
// conversation, requests, schedules and holds it, sees the thank-you due
// on the agenda, logs it, sees the report-back to the referrer due and
// marks it done.
func conversationJourney(t *testing.T, phone bool) {
	now, loc := storyNow(t)
	app := StartApp(t, method.FixedClock(now))
	ctx := NewBrowser(t)
	view := Desktop()
	if phone {
		view = Mobile()
	}
	fits := func() {
		if phone {
			FitsWidth(t, ctx)
		}
	}
	mustDo(t, ctx, view, chromedp.Navigate(app.URL+"/people/new"))
	fits()
	mustDo(t, ctx,
		chromedp.SendKeys(`#f-name`, "Nadia Flores"),
		chromedp.SendKeys(`#f-org`, "Riverside Health"),
		chromedp.SendKeys(`#f-role`, "Clinic manager"),
		chromedp.SetValue(`#f-source`, "friend"),
		chromedp.SendKeys(`#f-referred-by`, "Omar Haddad"),
		chromedp.SendKeys(`#f-new-fields`, "Health care administration"),
	)
	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="Add person"]`))
	fits()
	if f := flash(t, ctx); !strings.Contains(f, "Added Nadia Flores") || !strings.Contains(f, "Omar Haddad, who referred them") {
		t.Errorf("flash after adding = %q", f)
	}
	wantText(t, ctx, "Nadia Flores", "Clinic manager", "Riverside Health", "Referred by")

	// The referral links both ways.
	navigating(t, ctx, chromedp.Click(`//dd/a[normalize-space()="Omar Haddad"]`))
	wantText(t, ctx, "Omar Haddad", "Referred you to")
	navigating(t, ctx, chromedp.Click(`//dd/a[normalize-space()="Nadia Flores"]`))
	fits()

	navigating(t, ctx, chromedp.Click(`//a[normalize-space()="Plan a conversation"]`))
	fits()
	if v := eval[string](t, ctx, `document.querySelector("#f-person").value`); v != "Nadia Flores" {
		t.Errorf("the conversation form names %q, want Nadia Flores", v)
	}
	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="Save the idea"]`))
	wantText(t, ctx, "Conversation with Nadia Flores")
	current := func() string {
		return eval[string](t, ctx, `document.querySelector('.stepper [aria-current="step"]').textContent`)
	}
	if c := current(); c != "idea" {
		t.Fatalf("a new conversation is %q, want idea", c)
	}
	fits()

	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="Request sent"]`))
	if c := current(); c != "requested" {
		t.Fatalf("after logging the request the conversation is %q", c)
	}
	meeting := now.In(loc).Format("2006-01-02T15:04")
	mustDo(t, ctx, chromedp.SetValue(`#meeting-at`, meeting))
	navigating(t, ctx, chromedp.Click(`//form[@class="schedule"]//button[normalize-space()="Schedule"]`))
	if c := current(); c != "scheduled" {
		t.Fatalf("after scheduling the conversation is %q:\n%s", c, pageText(t, ctx))
	}
	wantText(t, ctx, "Before the meeting", "Confirm about 48 hours before")
	fits()
	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="Held"]`))
	if c := current(); c != "held" {
		t.Fatalf("after holding it the conversation is %q", c)
	}
	wantText(t, ctx, "After the meeting", "Send a thank-you within 12 hours")

	// The agenda asks for the thank-you; "do it" opens the step's form.
	clickNav(t, ctx, "Agenda")
	fits()
	if eval[bool](t, ctx, "!"+actionJS("Send a thank-you: Nadia Flores")) {
		t.Fatalf("the agenda does not ask for the thank-you:\n%s", pageText(t, ctx))
	}
	clickInAction(t, ctx, "Send a thank-you: Nadia Flores", "Log the thank-you")
	fits()
	wantText(t, ctx, "Thank-you sent: Nadia Flores")
	mustDo(t, ctx, chromedp.SendKeys(`#f-note`, "Thanked her by email for the clinic tour tips."))
	navigating(t, ctx, chromedp.Click(`//form//button[normalize-space()="Thank-you sent"]`))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/") {
		t.Errorf("after logging the thank-you the browser is on %s, want the agenda", loc)
	}
	if f := flash(t, ctx); !strings.Contains(f, "Nadia Flores, thanked") {
		t.Errorf("flash after the thank-you = %q", f)
	}
	if eval[bool](t, ctx, "!!"+actionJS("Send a thank-you: Nadia Flores")) {
		t.Errorf("the thank-you is still due after logging it")
	}

	// Now the referrer is due a report; mark it done.
	heading := "Report back to the referrer: Omar Haddad"
	if eval[bool](t, ctx, "!"+actionJS(heading)) {
		t.Fatalf("the agenda does not ask to report back to Omar Haddad:\n%s", pageText(t, ctx))
	}
	clickInAction(t, ctx, heading, "Mark done, log nothing")
	fits()
	if f := flash(t, ctx); !strings.Contains(f, "Done: Report back to the referrer") {
		t.Errorf("flash after done = %q", f)
	}
	if eval[bool](t, ctx, "!!"+actionJS(heading)) {
		t.Errorf("the report-back is still on the agenda after marking it done")
	}
}

// TestJourneySearchAsYouType is journey (c): typing in the people list's
// search box finds a person by a word in their notes, without a page load.
func TestJourneySearchAsYouType(t *testing.T) {
	now, loc := storyNow(t)
	app := StartApp(t, method.FixedClock(now))
	app.LoadStory(t, loc)
	ctx := NewBrowser(t)
	mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+"/people"))
	// "congestion" is in Samuel Adeyemi's notes and no one else's.
	mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](`window.__same = true`), chromedp.Click(`#f-q`), Press("congest"))
	waitFor(t, ctx, `document.querySelector("#people-results [role=status]").textContent.includes("congest")`, "the results of the search")
	if !eval[bool](t, ctx, `window.__same === true`) {
		t.Errorf("the page reloaded: search as you type should swap the results in place")
	}
	names := eval[[]string](t, ctx, `[...document.querySelectorAll("#people-results ul.people > li > a")].map(a => a.textContent)`)
	if len(names) != 1 || names[0] != "Samuel Adeyemi" {
		t.Errorf("the search for a word in Samuel Adeyemi's notes lists %v", names)
	}
	if m := eval[string](t, ctx, `(document.querySelector("#people-results mark") || {textContent: ""}).textContent`); !strings.HasPrefix(strings.ToLower(m), "congest") {
		t.Errorf("the snippet highlights %q, want the typed word", m)
	}
	if u, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(u, "/people?q=congest") {
		t.Errorf("the address is %s; it should carry the search so that a reload keeps it", u)
	}
}

// TestJourneyBadInputKeepsValues is journey (d): a form with bad input
// comes back with what was typed and the problem next to the field.
func TestJourneyBadInputKeepsValues(t *testing.T) {
	app := fixedApp(t)
	ctx := NewBrowser(t)
	mustDo(t, ctx, Mobile(), chromedp.Navigate(app.URL+"/people/new"),
		chromedp.SendKeys(`#f-name`, "Ana Ruiz"),
		chromedp.SendKeys(`#f-emails`, "ana@example"),
		chromedp.SendKeys(`#f-url`, "linkedin.com/in/ana"),
		chromedp.SendKeys(`#f-notes`, "Met at the *alumni* evening."),
	)
	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="Add person"]`))
	for sel, want := range map[string]string{
		"#f-name":   "Ana Ruiz",
		"#f-emails": "ana@example",
		"#f-url":    "linkedin.com/in/ana",
		"#f-notes":  "Met at the *alumni* evening.",
	} {
		if got := eval[string](t, ctx, `document.querySelector("`+sel+`").value`); got != want {
			t.Errorf("%s = %q after the failed submit, want %q", sel, got, want)
		}
	}
	for _, id := range []string{"f-emails", "f-url"} {
		msg := eval[string](t, ctx, `(document.getElementById("`+id+`-error") || {textContent: ""}).textContent`)
		if msg == "" {
			t.Errorf("no error next to #%s", id)
		}
		if eval[string](t, ctx, `document.getElementById("`+id+`").getAttribute("aria-invalid")`) != "true" {
			t.Errorf("#%s is not marked invalid", id)
		}
	}
	wantText(t, ctx, "Please check these 2 fields", `"ana@example" is not an email address`)
	FitsWidth(t, ctx)
	// Fixing the input saves the person.
	mustDo(t, ctx, chromedp.SetValue(`#f-emails`, "ana@example.org"), chromedp.SetValue(`#f-url`, "https://linkedin.com/in/ana"))
	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="Add person"]`))
	wantText(t, ctx, "Added Ana Ruiz", "ana@example.org")
	if got := eval[string](t, ctx, `document.querySelector(".prose em").textContent`); got != "alumni" {
		t.Errorf("the notes' Markdown renders %q in <em>, want alumni", got)
	}
}

// TestShortcutsOnAgendaAndPeople: "/" focuses the page's search box and
// "n" opens the add form, on the agenda and on the people list.
func TestShortcutsOnAgendaAndPeople(t *testing.T) {
	app := storyApp(t)
	ctx := NewBrowser(t)
	active := `document.activeElement ? document.activeElement.id : ""`
	for _, tt := range []struct{ path, search string }{{"/", "site-q"}, {"/people", "f-q"}} {
		mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+tt.path), chromedp.WaitReady("body"), Press("/"))
		if id := eval[string](t, ctx, active); id != tt.search {
			t.Errorf("%s: after / the focus is on %q, want #%s", tt.path, id, tt.search)
		}
		mustDo(t, ctx, chromedp.Blur("#"+tt.search))
		navigating(t, ctx, Press("n"))
		if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/people/new") {
			t.Errorf("%s: n leads to %s, want the add-person form", tt.path, loc)
		}
	}
}
