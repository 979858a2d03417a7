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

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/web"
)

// directoryCenter adds to the center app Sam's student profile and two
// volunteers: Dana, who studied Economics as Sam does, and Eli. with
// changes the server's dependencies (startCenterApp).
func directoryCenter(t *testing.T, with ...func(*web.Deps)) (*App, int64) {
	t.Helper()
	app := startCenterApp(t, with...)
	ctx := context.Background()
	now := app.Clock.Now()
	sp := model.StudentProfile{AccountID: app.Owner, Majors: []string{"Economics"}, Clubs: []string{"Debate Society"}}
	if err := app.Store.SaveStudentProfile(ctx, &sp, now); err != nil {
		t.Fatal(err)
	}
	hash, err := auth.NewHasher().Hash(e2eSamPassword)
	if err != nil {
		t.Fatal(err)
	}
	var dana int64
	for _, p := range []model.VolunteerProfile{
		{DisplayName: "Dana Brown", Employer: "State Department", Title: "Policy advisor", Fields: []string{"Public policy"},
			Majors: []string{"Economics"}, Clubs: []string{"Debate Society"}, City: "Washington", Country: "USA", MonthlyCapacity: 2,
			Channels: []model.Channel{model.ChannelVideo, model.ChannelPhone}, AskMeAbout: "Fellowships and the foreign service exam"},
		{DisplayName: "Eli Novak", Employer: "City of Chicago", Title: "Planner", Fields: []string{"Urban planning"},
			City: "Chicago", Country: "USA", MonthlyCapacity: 1},
	} {
		email := strings.ToLower(strings.Fields(p.DisplayName)[0]) + "@example.com"
		a, err := app.Store.AddAccount(ctx, model.NewAccount{Email: email, Name: p.DisplayName, Roles: []model.Role{model.RoleVolunteer},
			PasswordHash: hash}, model.CLIActor(), now)
		if err != nil {
			t.Fatal(err)
		}
		p.AccountID = a.ID
		if err := app.Store.SaveVolunteerProfile(ctx, &p, &model.VolunteerContact{Phone: "+1 555 0142"}, now); err != nil {
			t.Fatal(err)
		}
		if dana == 0 {
			dana = a.ID
		}
	}
	return app, dana
}

// A student finds the directory from the nav, searches it by career field
// and sees a card saying what they have in common with the volunteer; the
// directory, the volunteer's page and the profile editor pass axe on a
// desktop and on a phone.
func TestStudentSearchesTheDirectoryByField(t *testing.T) {
	app, dana := directoryCenter(t)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	mustDo(t, ctx, Desktop(), ColorScheme("light"), chromedp.Navigate(app.URL+"/signin"),
		chromedp.SendKeys(`#f-email`, "sam@westlake.edu"), chromedp.SendKeys(`#f-password`, e2eSamPassword))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	navigating(t, ctx, chromedp.Click(`nav.site-nav a[href="/directory"]`))
	mustDo(t, ctx, chromedp.Click(`main details summary`), chromedp.SendKeys(`#f-field`, "Public policy"))
	navigating(t, ctx, chromedp.Click(`main form[role=search] button[type=submit]`))
	text := eval[string](t, ctx, `document.querySelector('main').innerText`)
	for _, want := range []string{"Dana Brown", "Policy advisor at State Department", "In common: Also studied Economics; Also in Debate Society",
		"Has room this month", "Has not signed in yet", "1 volunteer matches"} {
		if !strings.Contains(text, want) {
			t.Errorf("the search by field lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Eli Novak") || strings.Contains(text, "555") {
		t.Errorf("the search shows another field's volunteer or a phone number:\n%s", text)
	}
	onDesktopAndPhone(t, ctx, shots, "directory")

	navigating(t, ctx, chromedp.Click(`main a[href="/directory/`+strconv.FormatInt(dana, 10)+`"]`))
	text = eval[string](t, ctx, `document.querySelector('main').innerText`)
	if !strings.Contains(text, "What you have in common") || !strings.Contains(text, "foreign service exam") || strings.Contains(text, "555") {
		t.Errorf("Dana's page:\n%s", text)
	}
	onDesktopAndPhone(t, ctx, shots, "volunteer")

	// The profile editor, after a mistake: the error is next to its field.
	mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+"/profile"), chromedp.SetValue(`#f-s-class-year`, "27"))
	navigating(t, ctx, chromedp.Click(`main form button[type=submit]`))
	if msg := eval[string](t, ctx, `document.querySelector('#f-s-class-year-error')?.innerText || ""`); !strings.Contains(msg, "2019") {
		t.Errorf("the class year's error: %q", msg)
	}
	onDesktopAndPhone(t, ctx, shots, "profile")
}

// The directory's pages are valid HTML, as the server sends them.
func TestDirectoryPagesHaveValidMarkup(t *testing.T) {
	app, dana := directoryCenter(t)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.PostForm(app.URL+"/signin", url.Values{"email": {"sam@westlake.edu"}, "password": {e2eSamPassword}, "next": {"/"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	pages := map[string][]byte{}
	for _, path := range []string{"/directory", "/directory?field=Public+policy&grad_year=soon", "/directory/" + strconv.FormatInt(dana, 10), "/profile"} {
		resp, err := client.Get(app.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || !strings.Contains(string(body), "Sign out") {
			t.Fatalf("GET %s as Sam: %d %v", path, resp.StatusCode, err)
		}
		pages[path] = body
	}
	VNUPages(t, pages)
}
