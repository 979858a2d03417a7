package e2e

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/web"
)

// Prepare, hold and write up in the browser: the guide, conversation mode
// on a phone (timer, quick notes that survive a dropped connection,
// captures, End) and the write-up.

// droppableApp is Ally served on a listener the test can close and open
// again on the same address, as when a phone loses its connection.
type droppableApp struct {
	*App
	handler http.Handler
	addr    string
	srv     *http.Server
}

func startDroppableApp(t *testing.T, clock method.Clock) *droppableApp {
	t.Helper()
	app := StartApp(t, clock)
	d := &droppableApp{App: app, handler: web.NewServer(web.Deps{Store: app.Store, Owner: app.Owner, Clock: app.Clock})}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d.addr = l.Addr().String()
	d.URL = "http://" + d.addr
	d.serve(l)
	t.Cleanup(func() { d.srv.Close() })
	return d
}

func (d *droppableApp) serve(l net.Listener) {
	d.srv = &http.Server{Handler: d.handler}
	go func(s *http.Server) {
		if err := s.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			panic(err)
		}
	}(d.srv)
}

// drop closes the listener and every open connection: requests fail.
func (d *droppableApp) drop(t *testing.T) {
	t.Helper()
	if err := d.srv.Close(); err != nil {
		t.Fatal(err)
	}
}

// restore listens on the same address again.
func (d *droppableApp) restore(t *testing.T) {
	t.Helper()
	var l net.Listener
	var err error
	for range 50 {
		if l, err = net.Listen("tcp", d.addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("listen again on %s: %v", d.addr, err)
	}
	d.serve(l)
}

// scheduledConvo makes a conversation with a new person in a new field,
// scheduled for meeting, asking for minutes.
func scheduledConvo(t testing.TB, app *App, person, field string, minutes int, meeting time.Time) *model.Conversation {
	t.Helper()
	ctx := context.Background()
	sc := app.Scope()
	now := app.Clock.Now()
	p, _, err := sc.EnsurePerson(ctx, person, now)
	if err != nil {
		t.Fatal(err)
	}
	f, _, err := sc.EnsureField(ctx, field, now)
	if err != nil {
		t.Fatal(err)
	}
	c := &model.Conversation{Person: p, Fields: []model.Ref{f}, Channel: model.ChannelInPerson, Minutes: minutes}
	if err := sc.CreateConversation(ctx, c, now.Add(-48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if c, err = sc.Step(ctx, c.ID, method.Step{To: model.StateScheduled, At: now.Add(-24 * time.Hour), MeetingAt: meeting}, "", now); err != nil {
		t.Fatal(err)
	}
	return c
}

func convoURL(app *App, c *model.Conversation, rest string) string {
	return fmt.Sprintf("%s/conversations/%d%s", app.URL, c.ID, rest)
}

func storedNote(t testing.TB, app *App, convo int64, qid string) string {
	t.Helper()
	ns, err := app.Scope().QuestionNotes(context.Background(), store.QuestionNoteFilter{ConversationID: convo})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range ns {
		if n.QuestionID == qid {
			return n.Text
		}
	}
	return ""
}

// waitUntil polls a Go condition for up to d.
func waitUntil(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", d, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// pageClock stops time in every page the tab loads from now on at the
// instant at (live.js reads window.allyTestNow); advancePage moves it on.
// The timer's checks then hold on a fast or a loaded machine alike.
func pageClock(at time.Time) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: fmt.Sprintf("window.allyTestNow = %d;", at.UnixMilli()),
		})
		return err
	})
}

func advancePage(t testing.TB, ctx context.Context, d time.Duration) {
	t.Helper()
	mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("window.allyTestNow += %d", d.Milliseconds())))
}

// waitForClock waits until the timer reads want (it ticks every second).
func waitForClock(t testing.TB, ctx context.Context, want string) {
	t.Helper()
	waitFor(t, ctx, fmt.Sprintf(`(document.querySelector(".timer-clock") || {}).textContent === %q`, want), "the timer to read "+want)
}

func TestConversationModeTimerTurnsAmberThenRed(t *testing.T) {
	now, loc := storyNow(t)
	app := StartApp(t, method.FixedClock(now))
	// Six minutes asked, begun 54 seconds ago: 5:06 left, no colour yet.
	c := scheduledConvo(t, app, "Lee Park", "Urban planning", 6, now.Add(-54*time.Second))
	ctx := NewBrowser(t)
	mustDo(t, ctx, pageClock(now), Mobile(), chromedp.Navigate(convoURL(app, c, "/live")))
	waitForClock(t, ctx, "5:06 left of 6 minutes")
	coloured := `["is-amber", "is-red"].some(c => document.querySelector("#timer").classList.contains(c))`
	if eval[bool](t, ctx, coloured) {
		t.Errorf("with 5:06 left the timer is coloured: %q", eval[string](t, ctx, `document.querySelector("#timer").className`))
	}
	// Five minutes left is still plain; one second later it turns amber.
	advancePage(t, ctx, 6*time.Second)
	waitForClock(t, ctx, "5:00 left")
	advancePage(t, ctx, time.Second)
	waitForClock(t, ctx, "4:59 left")
	if !eval[bool](t, ctx, `document.querySelector("#timer").classList.contains("is-amber")`) {
		t.Errorf("with 4:59 left the timer is not amber: %q", eval[string](t, ctx, `document.querySelector("#timer").className`))
	}
	wantText(t, ctx, "Less than 5 minutes left")
	if c := eval[string](t, ctx, `getComputedStyle(document.querySelector(".timer-clock")).color`); c != "rgb(138, 70, 0)" {
		t.Errorf("the amber clock is drawn in %s", c)
	}
	Axe(t, ctx)
	FitsWidth(t, ctx)

	// Started by hand 5 min 58 s ago (the reload stops the page's clock at
	// now again): 2 s left, then red at the end.
	mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`localStorage.setItem("ally.live.%d.start", String(%d))`, c.ID, now.Add(-358*time.Second).UnixMilli())),
		chromedp.Reload())
	waitForClock(t, ctx, "0:02 left")
	advancePage(t, ctx, 2*time.Second)
	waitForClock(t, ctx, "0:00 over the 6 minutes")
	if !eval[bool](t, ctx, `document.querySelector("#timer").classList.contains("is-red")`) {
		t.Errorf("at the end the timer is not red")
	}
	if eval[bool](t, ctx, `document.querySelector("#timer").classList.contains("is-amber")`) {
		t.Errorf("the red timer is still amber")
	}
	msg := eval[string](t, ctx, `document.querySelector(".timer-msg").textContent`)
	if !strings.Contains(msg, "stay within the time you asked") {
		t.Errorf("at the end the timer says %q", msg)
	}
	advancePage(t, ctx, 75*time.Second)
	waitForClock(t, ctx, "1:15 over the 6 minutes")
	Axe(t, ctx)
	Screenshot(t, ctx, filepath.Join(ScreenshotDir(t), "live-timer-red.png"))

	// Restart from now: a fresh six minutes, exactly.
	mustDo(t, ctx, chromedp.Click(`.timer-start`))
	waitForClock(t, ctx, "6:00 left of 6 minutes")
	if eval[bool](t, ctx, coloured) {
		t.Errorf("the restarted timer is still coloured")
	}
	if got := eval[string](t, ctx, `document.querySelector(".timer-start").textContent`); got != "Restart from now" {
		t.Errorf("after a restart the button says %q", got)
	}
	// The static line moves with the restart: it started 77 s after now
	// and ends six minutes later, in the user's zone.
	restarted := now.Add(77 * time.Second)
	if zone := eval[string](t, ctx, `document.querySelector("#timer").dataset.zone`); zone != loc.String() {
		t.Fatalf("the timer's zone is %q, want %q", zone, loc)
	}
	static := eval[string](t, ctx, `document.querySelector(".timer-static").textContent`)
	for _, want := range []string{"Started at " + restarted.In(loc).Format("15:04"), "ends by " + restarted.Add(6*time.Minute).In(loc).Format("15:04")} {
		if !strings.Contains(static, want) {
			t.Errorf("after a restart the timer's line reads %q, want %q in it", static, want)
		}
	}
}

// A conversation already held runs no timer ("4128:50 over") and shows the
// notes taken.
func TestConversationModeOfAHeldConversationShowsNotesAndNoTimer(t *testing.T) {
	now, _ := storyNow(t)
	app := StartApp(t, method.FixedClock(now))
	c := scheduledConvo(t, app, "Lee Park", "Urban planning", 20, now.Add(-3*time.Hour))
	ctx := context.Background()
	sc := app.Scope()
	held, err := sc.Step(ctx, c.ID, method.Step{To: model.StateHeld, At: now.Add(-2 * time.Hour)}, "", now)
	if err != nil {
		t.Fatal(err)
	}
	held.Notes = "Permits take **six weeks**."
	if err := sc.UpdateConversation(ctx, held, now); err != nil {
		t.Fatal(err)
	}
	bctx := NewBrowser(t)
	mustDo(t, bctx, pageClock(now), Mobile(), chromedp.Navigate(convoURL(app, c, "/live")))
	wantText(t, bctx, "marked held", "no timer runs", "Permits take six weeks")
	if eval[bool](t, bctx, `document.querySelector(".timer-clock, [data-timer]") !== null`) {
		t.Errorf("a held conversation runs a timer: %q", eval[string](t, bctx, `document.querySelector("main").textContent`))
	}
	Axe(t, bctx)
}

func TestQuickNotesSurviveADroppedConnection(t *testing.T) {
	now, _ := storyNow(t)
	app := startDroppableApp(t, method.FixedClock(now))
	c := scheduledConvo(t, app.App, "Lee Park", "Urban planning", 20, app.Clock.Now())
	g, err := app.Scope().Guide(context.Background(), c.ID, app.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	qid := g.Questions[0].ID
	area := "#n-" + qid + "-text"
	status := `document.querySelector("#n-` + qid + ` [data-status]").textContent`
	ctx := NewBrowser(t)
	mustDo(t, ctx, Mobile(), chromedp.Navigate(convoURL(app.App, c, "/live")))
	waitFor(t, ctx, `document.querySelector(".live").classList.contains("js-live")`, "live.js to start")
	if eval[bool](t, ctx, `getComputedStyle(document.querySelector(".note-save")).display !== "none"`) {
		t.Errorf("with the script running, the note's Save button still shows")
	}

	// Saved as it is typed.
	mustDo(t, ctx, chromedp.Click(area), Press("Permits on Mondays"))
	waitFor(t, ctx, status+` === "saved"`, "the note to be saved")
	if got := storedNote(t, app.App, c.ID, qid); got != "Permits on Mondays" {
		t.Fatalf("stored note %q", got)
	}

	// The connection drops: the text stays in the page and in localStorage,
	// and the page says it will retry.
	app.drop(t)
	mustDo(t, ctx, Press(", site visits on Fridays"))
	waitFor(t, ctx, status+` === "offline — will retry"`, "the page to say it is offline")
	kept := eval[string](t, ctx, fmt.Sprintf(`(JSON.parse(localStorage.getItem("ally.live.%d.note.%s")) || {}).text`, c.ID, qid))
	if kept != "Permits on Mondays, site visits on Fridays" {
		t.Errorf("localStorage keeps %q", kept)
	}
	if got := storedNote(t, app.App, c.ID, qid); got != "Permits on Mondays" {
		t.Fatalf("while offline the store changed to %q", got)
	}
	// The page tries again, later each time: wait until a retry has failed
	// too, counted in the page, rather than for a guessed while.
	failed := fmt.Sprintf(`window.__failedSaves = 0;
		document.querySelector("#n-%s").addEventListener("htmx:afterRequest", e => { if (e.detail.xhr.status === 0) window.__failedSaves++; });`, qid)
	mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](failed))
	waitFor(t, ctx, `window.__failedSaves >= 1`, "a retry to fail while offline")
	wantText(t, ctx, "offline — will retry")

	// Back online: the retry gets through.
	app.restore(t)
	waitUntil(t, 20*time.Second, "the retried note to reach the store", func() bool {
		return storedNote(t, app.App, c.ID, qid) == "Permits on Mondays, site visits on Fridays"
	})
	waitFor(t, ctx, status+` === "saved"`, "the page to say saved")
	if eval[bool](t, ctx, fmt.Sprintf(`localStorage.getItem("ally.live.%d.note.%s") !== null`, c.ID, qid)) {
		t.Errorf("the confirmed note is still kept in localStorage")
	}

	// Text kept from a visit that never got through goes out on the next
	// visit.
	other := g.Questions[1].ID
	mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`localStorage.setItem("ally.live.%d.note.%s", JSON.stringify({text: "kept from before"}))`, c.ID, other)),
		chromedp.Reload())
	waitUntil(t, 10*time.Second, "the kept note to be sent", func() bool {
		return storedNote(t, app.App, c.ID, other) == "kept from before"
	})
	if v := eval[string](t, ctx, `document.querySelector("#n-`+other+`-text").value`); v != "kept from before" {
		t.Errorf("the page shows %q under the second question", v)
	}
}

func TestReferralCaptureOnAPhone(t *testing.T) {
	app := fixedApp(t)
	c := scheduledConvo(t, app, "Lee Park", "Urban planning", 20, app.Clock.Now())
	ctx := NewBrowser(t)
	mustDo(t, ctx, Mobile(), chromedp.Navigate(convoURL(app, c, "/live")))
	waitFor(t, ctx, `document.querySelector(".live").classList.contains("js-live")`, "live.js to start")
	mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](`window.__same = true`),
		chromedp.Click(`#cap-referral > summary`),
		chromedp.Click(`#c-referral-name`), Press("Ana Ruiz"),
		chromedp.Click(`#c-referral-organization`), Press("City Hall"),
		chromedp.Click(`#c-referral-may-use-name`),
		chromedp.Click(`#c-referral-note`), Press("Runs the zoning desk"),
		chromedp.Click(`//form[@data-capture]//button[normalize-space()="Add the person"]`))
	waitFor(t, ctx, `document.querySelector("#cap-referral-status").textContent.includes("Added Ana Ruiz")`, "the referral to be added")
	if !eval[bool](t, ctx, `window.__same === true`) {
		t.Errorf("the page reloaded: the capture should post with htmx")
	}
	wantText(t, ctx, "Added Ana Ruiz to your people, referred by Lee Park. You may use Lee Park’s name.")
	if got := eval[string](t, ctx, `document.querySelector("#captured").innerText`); !strings.Contains(got, "Ana Ruiz") {
		t.Errorf("the captured list shows %q", got)
	}
	if v := eval[string](t, ctx, `document.querySelector("#c-referral-name").value`); v != "" {
		t.Errorf("the form still holds %q for the next person", v)
	}
	FitsWidth(t, ctx)
	ana, _, err := app.Scope().ResolvePerson(context.Background(), "Ana Ruiz")
	if err != nil {
		t.Fatal(err)
	}
	p, err := app.Scope().Person(context.Background(), ana)
	if err != nil {
		t.Fatal(err)
	}
	if p.ReferredBy == nil || p.ReferredBy.ID != c.Person.ID || p.Organization == nil || p.Organization.Name != "City Hall" {
		t.Errorf("Ana Ruiz: referred by %v, organization %v", p.ReferredBy, p.Organization)
	}

	// A refused capture comes back with the problem, in place.
	mustDo(t, ctx, chromedp.Click(`#cap-term > summary`),
		chromedp.Click(`//form[@data-capture]//button[normalize-space()="Add the term"]`))
	waitFor(t, ctx, `!!document.querySelector("#c-term-text-error")`, "the term's error")
	if msg := eval[string](t, ctx, `document.querySelector("#c-term-text-error").textContent`); msg != "Term is required." {
		t.Errorf("the term's error says %q", msg)
	}
}

func TestEndLeadsToTheWriteUpAndTheThankYou(t *testing.T) {
	app := fixedApp(t)
	c := scheduledConvo(t, app, "Lee Park", "Urban planning", 20, app.Clock.Now())
	ctx := NewBrowser(t)
	mustDo(t, ctx, Desktop(), chromedp.Navigate(convoURL(app, c, "/live")))
	waitFor(t, ctx, `document.querySelector(".live").classList.contains("js-live")`, "live.js to start")
	// The note typed last is sent before the conversation ends.
	mustDo(t, ctx, chromedp.Click(`#n-work-typical-day-text`), Press("Permits on Mondays"))
	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="End: mark it held now"]`))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, fmt.Sprintf("/conversations/%d/writeup", c.ID)) {
		t.Fatalf("End led to %s", loc)
	}
	if f := flash(t, ctx); !strings.HasPrefix(f, "Marked held at ") {
		t.Errorf("flash after End: %q", f)
	}
	got, err := app.Scope().Conversation(context.Background(), c.ID)
	if err != nil || got.State != model.StateHeld {
		t.Fatalf("after End the conversation is %v (%v)", got.State, err)
	}
	if v := eval[string](t, ctx, `document.querySelector("#f-topic-work").value`); !strings.Contains(v, "Permits on Mondays") {
		t.Errorf("the write-up of the work itself starts from %q", v)
	}
	mustDo(t, ctx, chromedp.Click(`#f-summary`), Press("Planning is politics with maps."),
		chromedp.Click(`label[for="f-usefulness-4"]`))
	navigating(t, ctx, chromedp.Click(`//button[normalize-space()="Save the write-up"]`))
	if f := flash(t, ctx); f != "Saved your write-up. Next: the thank-you." {
		t.Errorf("flash after saving: %q", f)
	}
	// The thank-you is due 12 hours after End, said the way the page says
	// it at the harness's instant: "today 22:00" on the default morning,
	// "tomorrow 11:59" at 23:59.
	now, loc := storyNow(t)
	wantText(t, ctx, "Next: the thank-you", "Due "+method.When(now.Add(12*time.Hour), now, loc)+".")
	href := eval[string](t, ctx, `document.querySelector("#thank-you a.button").getAttribute("href")`)
	if want := fmt.Sprintf("/people/%d/compose?kind=thank_you&convo=%d", c.Person.ID, c.ID); href != want {
		t.Errorf("the thank-you links %q, want %q", href, want)
	}
	got, _ = app.Scope().Conversation(context.Background(), c.ID)
	if got.Usefulness != 4 || got.Summary != "Planning is politics with maps." || !strings.Contains(got.Notes, "Permits on Mondays") {
		t.Errorf("saved write-up: %d %q\n%s", got.Usefulness, got.Summary, got.Notes)
	}
}

// issue5Pages are the pages this work added, on the demo story plus a
// scheduled conversation with notes and captures.
func issue5Pages(t testing.TB, app *App) []appPage {
	t.Helper()
	ctx := context.Background()
	sc := app.Scope()
	now := app.Clock.Now()
	c := scheduledConvo(t, app, "Lee Park", "Public policy", 30, now.Add(10*time.Minute))
	if _, err := sc.SetGuideOpening(ctx, c.ID, "I study public policy at Riverbend and want to learn how analysts spend their weeks.", now); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.SaveQuestionNote(ctx, &store.QuestionNote{ConversationID: c.ID, QuestionID: "work-typical-day", Text: "Briefs on Mondays"}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.AddReferral(ctx, store.Referral{ConversationID: c.ID, Name: "Ana Ruiz", Organization: "City Hall", MayUseName: true}, now); err != nil {
		t.Fatal(err)
	}
	if err := sc.AddCapture(ctx, &store.Capture{ConversationID: c.ID, Kind: store.CaptureResource, ResourceKind: store.ResourceAssociation, Text: "APPAM"}, now); err != nil {
		t.Fatal(err)
	}
	own := &questions.Question{Topic: questions.TopicWork, Text: "How do you decide which briefs to write first?"}
	if err := sc.AddQuestion(ctx, own, now); err != nil {
		t.Fatal(err)
	}
	priya, _, err := sc.ResolvePerson(ctx, "Priya Raman")
	if err != nil {
		t.Fatal(err)
	}
	held, err := sc.Conversations(ctx, store.ConversationFilter{PersonID: priya})
	if err != nil {
		t.Fatal(err)
	}
	field, _, err := sc.ResolveField(ctx, "Public policy")
	if err != nil {
		t.Fatal(err)
	}
	id, h, f := itoa(c.ID), itoa(held[0].ID), itoa(field)
	return []appPage{
		{"live", "/conversations/" + id + "/live"},
		{"guide", "/conversations/" + id + "/guide"},
		{"guide-rebuild", "/conversations/" + id + "/guide/rebuild"},
		{"writeup", "/conversations/" + h + "/writeup"},
		{"writeup-scheduled", "/conversations/" + id + "/writeup"},
		{"questions", "/questions"},
		{"question-new", "/questions/new?from=work-typical-day"},
		{"question-edit", "/questions/" + own.ID + "/edit"},
		{"field-taught", "/fields/" + f},
		{"conversation-scheduled", "/conversations/" + id},
	}
}

func TestIssue5PagesHaveValidMarkup(t *testing.T) {
	app := storyApp(t)
	pages := map[string][]byte{}
	list := issue5Pages(t, app)
	for _, p := range list {
		pages[p.path] = GetHTML(t, app.URL+p.path, http.StatusOK)
	}
	var live, guide string
	for _, p := range list {
		switch p.name {
		case "live":
			live = p.path
		case "guide":
			guide = p.path
		}
	}
	convo := strings.TrimSuffix(live, "/live")
	for _, f := range []struct {
		path string
		form url.Values
	}{
		{"/questions", url.Values{"text": {"Could you refer me to an opening on your team?"}, "topic": {"path"}}},
		{"/questions", url.Values{"text": {""}, "topic": {""}, "when": {"lunch"}}},
		{convo + "/captures", url.Values{"kind": {"referral"}, "organization": {"City Hall"}, "may_use_name": {"maybe"}}},
		{convo + "/notes", url.Values{"question_id": {"work-typical-day"}, "text": {"x"}, "rev": {"soon"}}},
		{convo + "/writeup", url.Values{"summary": {"s"}, "usefulness": {"9"}}},
		{strings.TrimSuffix(guide, "/guide") + "/guide/opening", url.Values{"opening": {strings.Repeat("word ", 250)}}},
	} {
		status, body := postForm(t, app, f.path, f.form)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("POST %s with bad input: status %d, want 422", f.path, status)
		}
		pages["POST "+f.path+" "+f.form.Encode()[:10]] = body
	}
	VNUPages(t, pages)
}

func TestIssue5PagesAreAccessibleOnDesktopAndPhone(t *testing.T) {
	app := storyApp(t)
	list := issue5Pages(t, app)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	views := []struct {
		name   string
		setup  chromedp.Action[chromedp.Void]
		scheme string
	}{
		{"desktop", Desktop(), "light"},
		{"phone", Mobile(), "light"},
		{"phone-dark", Mobile(), "dark"},
	}
	for _, v := range views {
		for _, p := range list {
			t.Run(v.name+"-"+p.name, func(t *testing.T) {
				mustDo(t, ctx, v.setup, ColorScheme(v.scheme), chromedp.Navigate(app.URL+p.path))
				if p.name == "live" {
					// Open every capture form: their fields are checked too.
					waitFor(t, ctx, `document.querySelector(".timer-clock") !== null`, "the timer")
					mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("details").forEach(d => d.open = true)`))
				}
				Axe(t, ctx)
				FitsWidth(t, ctx)
				Screenshot(t, ctx, filepath.Join(shots, "issue5-"+v.name+"-"+p.name+".png"))
			})
		}
	}
}

// TestGuidePrintsOnOnePage prints the guide of a 30-minute conversation,
// with research notes on the field, to PDF and counts the pages.
func TestGuidePrintsOnOnePage(t *testing.T) {
	app := storyApp(t)
	var guide string
	for _, p := range issue5Pages(t, app) {
		if p.name == "guide" {
			guide = p.path
		}
	}
	ctx := NewBrowser(t)
	mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+guide), Media("print"))
	shown := eval[[]string](t, ctx, `[".site-header", "#bank", "form", "button", ".q-hint"]
		.filter(s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== "none"))`)
	if len(shown) > 0 {
		t.Errorf("the printed guide still shows %v", shown)
	}
	mustDo(t, ctx, Media(""))
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{})
	if err != nil {
		t.Fatal(err)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(res.Data, -1))
	if pages != 1 {
		t.Errorf("the guide prints on %d pages, want 1", pages)
	}
}
