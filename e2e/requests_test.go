package e2e

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/jobs"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/web"
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

// movingClock is a clock the test moves forward while the server reads it.
type movingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movingClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *movingClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// pass moves the clock by d and runs the center's jobs due then, as
// `ally center tick --at` does; the sessions have ended meanwhile.
func pass(t *testing.T, app *App, clock *movingClock, d time.Duration) jobs.Report {
	t.Helper()
	clock.add(d)
	rep, err := (&jobs.Runner{Store: app.Store}).RunDue(context.Background(), clock.Now())
	if err != nil {
		t.Fatalf("run the jobs due at %s: %v", clock.Now(), err)
	}
	return rep
}

// pageStates keeps each page state's HTML, as the browser holds it, for
// one run of the Nu checker at the end.
type pageStates map[string][]byte

func (p pageStates) keep(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	p[name] = []byte("<!DOCTYPE html>\n" + eval[string](t, ctx, `document.documentElement.outerHTML`))
}

// checked runs axe and the width check on a desktop and a phone, and keeps
// the page for the Nu checker; the browser is left on a desktop.
func (p pageStates) checked(t *testing.T, ctx context.Context, shots, name string) {
	t.Helper()
	onDesktopAndPhone(t, ctx, shots, name)
	mustDo(t, ctx, Desktop())
	p.keep(t, ctx, name)
}

// submit clicks the submit button of the form sel and waits for the page.
func submit(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	navigating(t, ctx, chromedp.Click(sel+` button[type=submit]`))
}

// mainSays fails unless main's text holds every want.
func mainSays(t *testing.T, ctx context.Context, what string, wants ...string) string {
	t.Helper()
	text := mainText(t, ctx)
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: no %q in:\n%s", what, w, text)
		}
	}
	return text
}

// writeRequest writes a request to the volunteer through the composer,
// proposing one time, and returns the page it lands on: the request's
// when it was sent (sent), else the composer with why not.
func writeRequest(t *testing.T, ctx context.Context, app *App, volunteer int64, message string, at time.Time, sent bool) string {
	t.Helper()
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/directory/"+strconv.FormatInt(volunteer, 10)+"/request"),
		chromedp.SetValue(`#f-message`, message), chromedp.SetValue(`#f-time1`, at.UTC().Format("2006-01-02T15:04")))
	navigating(t, ctx, chromedp.Click(`#request-form button[type=submit]:not(.secondary)`))
	path := eval[string](t, ctx, `location.pathname`)
	if strings.HasPrefix(path, "/requests/") != sent {
		t.Fatalf("a request to volunteer %d landed on %s:\n%s", volunteer, path, mainText(t, ctx))
	}
	return path
}

// acceptAndMeet has the volunteer accept the request at path for its
// first proposed time; the meeting passes, and the volunteer answers "Did
// it happen?" with outcome.
func acceptAndMeet(t *testing.T, ctx context.Context, app *App, clock *movingClock, volunteer, path string, outcome center.Action) {
	t.Helper()
	signInAs(t, ctx, app, volunteer)
	mustDo(t, ctx, chromedp.Navigate(app.URL+path), chromedp.Click(`#s-choice-0`))
	submit(t, ctx, `#step-accept`)
	pass(t, app, clock, 50*time.Hour)
	signInAs(t, ctx, app, volunteer)
	mustDo(t, ctx, chromedp.Navigate(app.URL+path))
	submit(t, ctx, `#outcome #step-`+string(outcome))
}

// A student finds a volunteer by field and what they have in common,
// writes a request that asks for a job, sees the checker's error, fixes it
// and sends it; the volunteer accepts the proposed time from her email's
// link; both then read each other's contact details, and the student's
// other request in that field is withdrawn, its volunteer told kindly.
// The meeting passes; the volunteer says the student did not come, and the
// student says why; a second no-show puts the student's requests on hold
// until an advisor clears it with a note; the student writes again, talks
// with a volunteer, and both give their feedback. Every page state passes
// axe on a desktop and on a phone, and the Nu checker.
func TestAStudentAsksAVolunteerForAConversation(t *testing.T) {
	now, _ := storyNow(t)
	clock := &movingClock{t: now}
	app, dana := directoryCenter(t, func(d *web.Deps) { d.Clock = clock })
	app.Clock = clock
	flo, eli := addFloAndAda(t, app)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	pages := pageStates{}
	sink := centerMail(t, app)
	mustDo(t, ctx, Desktop(), ColorScheme("light"))
	signInAs(t, ctx, app, "sam@westlake.edu")
	// Sam finds Dana by field; her card says what they have in common.
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/directory?field=Public+policy"))
	mainSays(t, ctx, "the directory by field", "Dana Brown", "In common: Also studied Economics; Also in Debate Society")
	navigating(t, ctx, chromedp.Click(`main a[href="/directory/`+strconv.FormatInt(dana, 10)+`"]`))
	navigating(t, ctx, chromedp.Click(`main a[href="/directory/`+strconv.FormatInt(dana, 10)+`/request"]`))
	pages.checked(t, ctx, shots, "request-new")

	when := clock.Now().Add(72 * time.Hour).Truncate(time.Hour)
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
	pages.checked(t, ctx, shots, "request-refused")

	good := "Hello Dana, I also studied Economics and I am exploring public policy. Could I ask you about your path into it, for 20 minutes at a time that suits you? Thank you."
	mustDo(t, ctx, chromedp.SetValue(`#f-message`, good))
	navigating(t, ctx, chromedp.Click(`#request-form button[type=submit]:not(.secondary)`))
	if text := mainText(t, ctx); !strings.Contains(text, "Your request to Dana Brown") || !strings.Contains(text, "Waiting for an answer") {
		t.Fatalf("the request was not sent:\n%s", text)
	}
	reqPath := eval[string](t, ctx, `location.pathname`)
	pages.checked(t, ctx, shots, "request")
	// Sam also wrote to Flo, in the same field, over the checker's error:
	// Flo asked for his resume at the fair.
	toFlo := sendDirect(t, app, flo, "Public policy", "Hello Flo, I am exploring public policy. I would be glad to send you my resume. Could I ask you about your work for 20 minutes? Thank you.",
		"Flo asked for my resume at the career fair")
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/requests"))
	mainSays(t, ctx, "My requests", "2 of 5 requests waiting")
	pages.checked(t, ctx, shots, "requests")

	// Dana reads it in the app, then accepts the time Sam proposed from
	// the link of her email, signed out.
	signInAs(t, ctx, app, "dana@example.com")
	navigating(t, ctx, chromedp.Click(`nav.site-nav a[href="/requests/to-me"]`))
	mainSays(t, ctx, "Requests to me", "0 of 2 conversations used", "Sam Lee")
	pages.checked(t, ctx, shots, "requests-to-me")
	navigating(t, ctx, chromedp.Click(`main a[href="`+reqPath+`"]`))
	pages.checked(t, ctx, shots, "request-to-me")
	navigating(t, ctx, chromedp.Click(`header form[action="/signout"] button`))
	pass(t, app, clock, 0) // the outbox sends Dana's email
	mustDo(t, ctx, chromedp.Navigate(respondLinks(t, app, sink, "dana@example.com")[0]))
	mainSays(t, ctx, "the email link’s page", "Request from Sam Lee")
	if !eval[bool](t, ctx, `document.querySelector('#s-choice-0')?.checked ?? false`) {
		t.Error("the link's page does not have the proposed time chosen")
	}
	pages.checked(t, ctx, shots, "respond")
	submit(t, ctx, `#step-accept`)
	mainSays(t, ctx, "Dana after accepting from the link", "Thank you: you said yes to Sam Lee.", "sam@westlake.edu")
	pages.checked(t, ctx, shots, "respond-done")
	// Flo is told, kindly, that Sam's request to her is closed.
	pass(t, app, clock, 0)
	if got := sink.To("flo@example.com"); len(got) != 2 || !strings.Contains(plainText(t, got[1]), "Another volunteer has already agreed to talk with Sam Lee") {
		t.Errorf("the emails to Flo: %d", len(got))
	}

	// Sam reads Dana's details; his request to Flo was withdrawn.
	signInAs(t, ctx, app, "sam@westlake.edu")
	mustDo(t, ctx, chromedp.Navigate(app.URL+reqPath))
	mainSays(t, ctx, "Sam after the acceptance", "dana@example.com", "555 0142")
	pages.checked(t, ctx, shots, "request-accepted")
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/requests"))
	mainSays(t, ctx, "My requests after the acceptance", "0 of 5 requests waiting", "Withdrawn (1)")
	if got := eval[string](t, ctx, `document.querySelector('#withdrawn a[href="/requests/`+strconv.FormatInt(toFlo, 10)+`"]')?.innerText ?? ""`); got != "Flo Park" {
		t.Errorf("the request to Flo is not among the withdrawn: %q", got)
	}
	pages.checked(t, ctx, shots, "requests-withdrawn")

	// The meeting passes: both are asked whether it happened. Dana says
	// Sam did not come; Sam is asked why.
	if rep := pass(t, app, clock, 80*time.Hour); rep.Prompted != 1 {
		t.Errorf("the jobs after the meeting: %+v", rep)
	}
	signInAs(t, ctx, app, "dana@example.com")
	mustDo(t, ctx, chromedp.Navigate(app.URL+reqPath))
	mainSays(t, ctx, "Dana after the meeting", "Did it happen?", "Yes, it happened", "The student did not come", "I had to cancel")
	pages.checked(t, ctx, shots, "request-did-it-happen")
	submit(t, ctx, `#step-no_show`)
	mainSays(t, ctx, "Dana after the no-show", "Marked as a no-show")
	signInAs(t, ctx, app, "sam@westlake.edu")
	mustDo(t, ctx, chromedp.Navigate(app.URL+reqPath))
	mainSays(t, ctx, "Sam after the no-show", "Dana Brown said you did not come", "Tell us what happened")
	pages.checked(t, ctx, shots, "request-no-show")
	mustDo(t, ctx, chromedp.SetValue(`#s-explain-text`, "My train was cancelled and I had no way to reach Dana."))
	submit(t, ctx, `#step-explain`)
	mainSays(t, ctx, "Sam after explaining", "Thank you for explaining", "My train was cancelled")

	// A second request, accepted, and a second no-show: Sam is on hold.
	second := clock.Now().Add(48 * time.Hour).Truncate(time.Hour)
	path2 := writeRequest(t, ctx, app, dana, good, second, true)
	acceptAndMeet(t, ctx, app, clock, "dana@example.com", path2, center.ActNoShow)
	signInAs(t, ctx, app, "sam@westlake.edu")
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/requests"))
	mainSays(t, ctx, "Sam's requests on hold", "new requests are on hold until an advisor clears them")
	pages.checked(t, ctx, shots, "requests-on-hold")
	urban := "Hello Eli, I am exploring urban planning. Could I ask you how you came to it, for 20 minutes at a time that suits you? Thank you."
	writeRequest(t, ctx, app, eli, urban, clock.Now().Add(48*time.Hour).Truncate(time.Hour), false)
	mainSays(t, ctx, "a request while on hold", "Your request was not sent", "new requests are on hold until an advisor clears them")
	if rule := eval[string](t, ctx, `document.querySelector('#refusal')?.dataset.rule ?? ""`); rule != string(center.RuleBlocked) {
		t.Errorf("the refusal's rule: %q", rule)
	}
	pages.checked(t, ctx, shots, "request-blocked")

	// An advisor clears the block, with a note.
	signInAs(t, ctx, app, "ada@westlake.edu")
	navigating(t, ctx, chromedp.Click(`nav.site-nav a[href="/center/blocks"]`))
	mainSays(t, ctx, "the blocks", "Students on hold", "Sam Lee", "sam@westlake.edu")
	pages.checked(t, ctx, shots, "center-blocks")
	block := `#block-` + strconv.FormatInt(app.Owner, 10)
	submit(t, ctx, block+` form`)
	mainSays(t, ctx, "clearing without a note", "Write a note")
	pages.checked(t, ctx, shots, "center-blocks-note-missing")
	mustDo(t, ctx, chromedp.SetValue(block+` textarea`, "Talked it over: Sam will write ahead when he cannot come."))
	submit(t, ctx, block+` form`)
	mainSays(t, ctx, "after clearing", "may send requests again", "No student is on hold")
	// The advisors' review lists Sam's request to Flo, sent over the checker.
	mustDo(t, ctx, chromedp.Navigate(app.URL+"/center/reported"))
	mainSays(t, ctx, "the advisors' review", "No request was reported.", "Sent over the checker", "Sam Lee to Flo Park", "Flo asked for my resume at the career fair")
	pages.checked(t, ctx, shots, "center-reported")
	submit(t, ctx, `#flagged form`)
	mainSays(t, ctx, "after marking it reviewed", "Marked reviewed", "1 marked reviewed is no longer listed", "No request was sent over the checker that is still to review.")
	pages.checked(t, ctx, shots, "center-reported-reviewed")

	// Sam may write again; Eli accepts, they talk, and both give feedback.
	signInAs(t, ctx, app, "sam@westlake.edu")
	third := clock.Now().Add(48 * time.Hour).Truncate(time.Hour)
	path3 := writeRequest(t, ctx, app, eli, urban, third, true)
	mainSays(t, ctx, "the request after the block", "Your request to Eli Novak", "Waiting for an answer")
	acceptAndMeet(t, ctx, app, clock, "eli@example.com", path3, center.ActHeld)
	signInAs(t, ctx, app, "sam@westlake.edu")
	mustDo(t, ctx, chromedp.Navigate(app.URL+path3))
	mainSays(t, ctx, "Sam's feedback form", "How useful was it?", "Eli Novak never sees it")
	mustDo(t, ctx, chromedp.SetValue(`#fb-note`, "Thank you for the walk through the zoning code!"))
	submit(t, ctx, `#feedback form`)
	mainSays(t, ctx, "feedback without a rating", "Rate how useful the conversation was")
	if v := eval[string](t, ctx, `document.querySelector('#fb-note').value`); !strings.Contains(v, "zoning code") {
		t.Errorf("the note was not kept: %q", v)
	}
	pages.checked(t, ctx, shots, "request-feedback-refused")
	mustDo(t, ctx, chromedp.Click(`#fb-rating-4`))
	submit(t, ctx, `#feedback form`)
	mainSays(t, ctx, "Sam after his feedback", "your note went to Eli Novak", "You gave your feedback")
	pages.checked(t, ctx, shots, "request-feedback-given")
	signInAs(t, ctx, app, "eli@example.com")
	mustDo(t, ctx, chromedp.Navigate(app.URL+path3))
	mainSays(t, ctx, "Eli's page", "Sam Lee thanks you", "zoning code", "How prepared was Sam Lee?")
	pages.checked(t, ctx, shots, "request-thanked")
	mustDo(t, ctx, chromedp.Click(`#fb-rating-3`), chromedp.SetValue(`#fb-note`, "Came with good questions."))
	submit(t, ctx, `#feedback form`)
	mainSays(t, ctx, "Eli after his feedback", "Thank you: your feedback went to the advisors")
	sum, err := app.Store.FeedbackSummary(context.Background(), time.Time{}, time.Time{})
	if err != nil || sum.Usefulness.Mean != 5 || sum.Preparedness.Mean != 4 {
		t.Errorf("the feedback kept: %+v %v", sum, err)
	}
	VNUPages(t, pages)
}

// addFloAndAda adds Flo, a third volunteer in Sam's field, and gives Ada
// the advisor the browser tests' password: Flo's and Eli's ids.
func addFloAndAda(t *testing.T, app *App) (int64, int64) {
	t.Helper()
	ctx := context.Background()
	now := app.Clock.Now()
	hash, err := auth.NewHasher().Hash(e2eSamPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Store.SetPassword(ctx, "ada@westlake.edu", hash, model.CLIActor(), now); err != nil {
		t.Fatal(err)
	}
	a, err := app.Store.AddAccount(ctx, model.NewAccount{Email: "flo@example.com", Name: "Flo Park", Roles: []model.Role{model.RoleVolunteer},
		PasswordHash: hash}, model.CLIActor(), now)
	if err != nil {
		t.Fatal(err)
	}
	p := model.VolunteerProfile{AccountID: a.ID, DisplayName: "Flo Park", Employer: "Brookings", Title: "Fellow", Fields: []string{"Public policy"},
		City: "Washington", Country: "USA", MonthlyCapacity: 2}
	if err := app.Store.SaveVolunteerProfile(ctx, &p, &model.VolunteerContact{}, now); err != nil {
		t.Fatal(err)
	}
	eli, found, err := app.Store.AccountByEmail(ctx, "eli@example.com")
	if err != nil || !found {
		t.Fatalf("Eli: %v %v", found, err)
	}
	return a.ID, eli.ID
}

// sendDirect sends Sam's request to a volunteer through the store, as the
// composer would, over the checker's errors with the word override: its id.
func sendDirect(t *testing.T, app *App, volunteer int64, field, message, override string) int64 {
	t.Helper()
	ctx := context.Background()
	set, err := app.Store.CenterRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d := center.Draft{StudentID: app.Owner, VolunteerID: volunteer, Field: field, Message: message, Minutes: 20,
		Channel: string(model.ChannelVideo), Override: override}
	r, err := app.Store.SendRequest(ctx, set, d, center.CheckDraft(d, ""), app.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}
