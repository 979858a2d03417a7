package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
)

// careCenter is the directory center with an advisor, Lee, a third
// volunteer, Fay (Public policy, as Dana), and Sam's request to Dana sent
// eleven days ago and reminded yesterday: stale.
func careCenter(t *testing.T) (*App, int64) {
	t.Helper()
	app, dana := directoryCenter(t)
	ctx := context.Background()
	now := app.Clock.Now()
	hash, err := auth.NewHasher().Hash(e2eSamPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Store.AddAccount(ctx, model.NewAccount{Email: "lee@westlake.edu", Name: "Lee Advisor", Roles: []model.Role{model.RoleAdvisor},
		PasswordHash: hash}, model.CLIActor(), now); err != nil {
		t.Fatal(err)
	}
	fay, err := app.Store.AddAccount(ctx, model.NewAccount{Email: "fay@example.com", Name: "Fay Lin", Roles: []model.Role{model.RoleVolunteer},
		PasswordHash: hash}, model.CLIActor(), now)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Store.SaveVolunteerProfile(ctx, &model.VolunteerProfile{AccountID: fay.ID, DisplayName: "Fay Lin", Fields: []string{"Public policy"},
		MonthlyCapacity: 2}, nil, now); err != nil {
		t.Fatal(err)
	}
	set, err := app.Store.CenterRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r, err := app.Store.SendRequest(ctx, set, center.Draft{StudentID: app.Owner, VolunteerID: dana, Field: "Public policy",
		Message: "Dear Dana, I study economics at Westlake. Could I ask you about your path into policy for 20 minutes, at your convenience?",
		Minutes: 20, Channel: "video"}, nil, now.Add(-11*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, jobs, err := app.Store.RunRequestJobs(ctx, set, r.ID, now.Add(-24*time.Hour)); err != nil || len(jobs) != 1 {
		t.Fatalf("the reminder: %v %v", jobs, err)
	}
	return app, dana
}

// carePages are the advisor's console pages the checks visit.
func carePages(dana int64) []appPage {
	return []appPage{
		{"care-volunteers", "/center/volunteers"},
		{"care-volunteers-sorted", "/center/volunteers?sort=acceptance&dir=asc&field=Public+policy"},
		{"care-volunteer", "/center/volunteers/" + strconv.FormatInt(dana, 10)},
		{"care-thanks", "/center/volunteers/thanks"},
		{"care-stale", "/center/stale"},
		{"care-stale-untimed", "/center/stale?list=untimed"},
		{"care-students", "/center/students"},
		{"care-students-silent", "/center/students?list=silent"},
		{"care-students-expired", "/center/students?list=expired"},
	}
}

// An advisor opens the console from the nav, reads the volunteers, the
// stale requests and the students, and suggests other volunteers to Sam;
// every page passes axe and fits on a desktop and at 375 px.
func TestAdvisorCaresForTheProgramInABrowser(t *testing.T) {
	app, dana := careCenter(t)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	mustDo(t, ctx, Desktop(), ColorScheme("light"))
	signInAs(t, ctx, app, "lee@westlake.edu")
	navigating(t, ctx, chromedp.Click(`nav.site-nav a[href="/center/volunteers"]`))
	text := mainText(t, ctx)
	for _, want := range []string{"Volunteers", "Dana Brown", "Eli Novak", "Fay Lin", "3 active volunteers"} {
		if !strings.Contains(text, want) {
			t.Errorf("the volunteers lack %q:\n%s", want, text)
		}
	}
	for _, p := range carePages(dana) {
		t.Run(p.name, func(t *testing.T) {
			mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+p.path))
			onDesktopAndPhone(t, ctx, shots, p.name)
		})
	}
	mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+"/center/stale"))
	navigating(t, ctx, chromedp.Click(`main form[action$="/suggest"] button`))
	if text := mainText(t, ctx); !strings.Contains(text, "Emailed the student 1 volunteer with room: Fay Lin.") || !strings.Contains(text, "Sent ") {
		t.Errorf("after suggesting:\n%s", text)
	}
}

// The console's pages are valid HTML, as the server sends them.
func TestCarePagesHaveValidMarkup(t *testing.T) {
	app, dana := careCenter(t)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.PostForm(app.URL+"/signin", url.Values{"email": {"lee@westlake.edu"}, "password": {e2eSamPassword}, "next": {"/"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	pages := map[string][]byte{}
	for _, p := range carePages(dana) {
		resp, err := client.Get(app.URL + p.path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s as Lee: %d %v", p.path, resp.StatusCode, err)
		}
		pages[p.path] = body
	}
	// A pause with a bad day comes back with the problem next to the field.
	resp, err = client.PostForm(app.URL+"/center/volunteers/"+strconv.FormatInt(dana, 10)+"/pause", url.Values{"paused_until": {"soon"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a bad pause: %d", resp.StatusCode)
	}
	pages["POST pause"] = body
	VNUPages(t, pages)
}
