package web

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// requestCenter is the directory fixture (Sam the student, Dana and Eli
// the volunteers, Ada the advisor) plus Tina, another student, served on
// a clock the test moves.
type requestCenter struct {
	*centerFixture
	dana, eli int64
	clock     *stepClock
	base      string
}

func newRequestCenter(t *testing.T, db *storetest.DB) *requestCenter {
	t.Helper()
	f, dana, eli := directoryFixture(t, db)
	hash, err := auth.NewHasher().Hash(samPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store.AddAccount(context.Background(), model.NewAccount{Email: "tina@westlake.edu", Name: "Tina Ortiz",
		Roles: []model.Role{model.RoleStudent}, PasswordHash: hash}, model.CLIActor(), pagesNow); err != nil {
		t.Fatal(err)
	}
	c := &requestCenter{centerFixture: f, dana: dana, eli: eli, clock: &stepClock{t: pagesNow}}
	srv, _ := ServeAtOwnURL(t, Deps{Store: db.Store, Clock: c.clock})
	c.base = srv.URL
	return c
}

// as is a browser signed in as email.
func (c *requestCenter) as(t *testing.T, email string) *browser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &browser{t: t, base: c.base, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	pw := samPassword
	if email == "ada@westlake.edu" {
		pw = adaPassword
	}
	if r := b.post("/signin", url.Values{"email": {email}, "password": {pw}, "next": {"/"}}); r.status != http.StatusSeeOther {
		t.Fatalf("sign in as %s: %d\n%s", email, r.status, readable(r.body))
	}
	return b
}

const (
	jobRequest = "Hello Dana, I also studied Economics. Do you have any openings on your team? I would be glad to send you my resume. Could we talk for 20 minutes?"
	goodAsk    = "Hello Dana, I also studied Economics and I am exploring public policy. Could I ask you about your path into it, for 20 minutes at a time that suits you? Thank you."
	dateInput  = "2006-01-02T15:04"
)

// send posts a request that goes through and returns its id.
func send(t *testing.T, b *browser, volunteer int64, form url.Values) int64 {
	t.Helper()
	r := b.post("/directory/"+strconv.FormatInt(volunteer, 10)+"/request", form)
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/requests/") {
		t.Fatalf("send a request: %d %q\n%s", r.status, loc, readable(r.body))
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/requests/"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func requestValues(message string, times ...time.Time) url.Values {
	v := url.Values{"field": {"Public policy"}, "purpose": {"How policy careers start"}, "message": {message},
		"minutes": {"20"}, "channel": {"video"}}
	for i, at := range times {
		v.Set("time"+strconv.Itoa(i+1), at.In(time.UTC).Format(dateInput))
	}
	return v
}

func TestAStudentFixesWhatTheCheckerFindsBeforeSending(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		sam := c.as(t, "sam@westlake.edu")
		path := "/directory/" + strconv.FormatInt(c.dana, 10) + "/request"
		if r := sam.get("/directory/" + strconv.FormatInt(c.dana, 10)); !strings.Contains(r.body, `href="`+path+`"`) {
			t.Fatalf("Dana's card has no link to the composer:\n%s", readable(r.body))
		}
		r := sam.get(path)
		if r.status != http.StatusOK || !strings.Contains(readable(r.body), "Ask Dana Brown for a conversation") || !strings.Contains(r.body, `data-hx-post="`+path+`/check"`) {
			t.Fatalf("the composer: %d\n%s", r.status, readable(r.body))
		}
		// As the student types, htmx gets the findings alone.
		r = sam.htmxPost(path+"/check", requestValues(jobRequest))
		if r.status != http.StatusOK || strings.Contains(r.body, "<html") || !strings.Contains(r.body, `data-rule="job_ask"`) {
			t.Fatalf("the check for htmx: %d\n%s", r.status, r.body)
		}
		// Sending it is refused, and what was typed stays.
		soon := pagesNow.Add(72 * time.Hour).Truncate(time.Hour)
		form := requestValues(jobRequest, soon)
		r = sam.post(path, form)
		if r.status != http.StatusConflict || !strings.Contains(r.body, `data-rule="checker"`) || !strings.Contains(readable(r.body), "asks for a job") ||
			!strings.Contains(r.body, "Do you have any openings on your team?") || !strings.Contains(r.body, soon.Format(dateInput)) {
			t.Fatalf("a job ask: %d\n%s", r.status, readable(r.body))
		}
		// "The checker is wrong here" wants a word why.
		form.Set("override", "on")
		r = sam.post(path, form)
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(readable(r.body), "Say in a word why the checker is wrong here") {
			t.Fatalf("an override without a reason: %d\n%s", r.status, readable(r.body))
		}
		// A time gone by is refused next to the times.
		past := requestValues(goodAsk, pagesNow.Add(-24*time.Hour))
		r = sam.post(path, past)
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(readable(r.body), "has already passed") || !strings.Contains(r.body, "I am exploring public policy") {
			t.Fatalf("a past time: %d\n%s", r.status, readable(r.body))
		}
		// Fixed, it goes.
		id := send(t, sam, c.dana, requestValues(goodAsk, soon))
		page := readable(sam.get("/requests/" + strconv.FormatInt(id, 10)).body)
		wantIn(t, "Sam's request", page, "Your request to Dana Brown", "Waiting for an answer", "I am exploring public policy")
		if strings.Contains(page, "555 0142") {
			t.Error("Sam reads Dana's phone before she accepted")
		}
		// A second one to Dana is refused by the limit, with what to do.
		r = sam.post(path, requestValues(goodAsk))
		if r.status != http.StatusConflict || !strings.Contains(r.body, `data-rule="one_per_volunteer"`) || !strings.Contains(r.body, `href="/requests"`) ||
			!strings.Contains(r.body, "I am exploring public policy") {
			t.Fatalf("a second request to Dana: %d\n%s", r.status, readable(r.body))
		}
		// To Eli, over the checker with a reason: sent, flagged.
		eli := requestValues(strings.ReplaceAll(jobRequest, "Dana", "Eli"))
		eli.Set("field", "Urban planning")
		eli.Set("convenience", "on")
		eli.Set("override", "on")
		eli.Set("override_why", "Eli invited me to apply")
		id = send(t, sam, c.eli, eli)
		q, err := db.Store.Request(context.Background(), id)
		if err != nil || !q.Flagged || q.Override != "Eli invited me to apply" || len(q.ProposedTimes) != 0 {
			t.Fatalf("the request over the checker: %+v %v", q, err)
		}
		r = sam.get("/requests")
		wantIn(t, "My requests", readable(r.body), "2 of 5 requests waiting for an answer", "Dana Brown", "Eli Novak", "For an advisor’s review")
	})
}

func TestARequestIsReadOnlyByItsTwoSidesAndAdvisors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		sam := c.as(t, "sam@westlake.edu")
		soon := pagesNow.Add(72 * time.Hour).Truncate(time.Hour)
		id := send(t, sam, c.dana, requestValues(goodAsk, soon, soon.Add(24*time.Hour)))
		rp := "/requests/" + strconv.FormatInt(id, 10)

		tina, eli, ada, dana := c.as(t, "tina@westlake.edu"), c.as(t, "eli@example.com"), c.as(t, "ada@westlake.edu"), c.as(t, "dana@example.com")
		for who, b := range map[string]*browser{"Tina": tina, "Eli": eli} {
			if r := b.get(rp); r.status != http.StatusNotFound || strings.Contains(r.body, "public policy") {
				t.Errorf("%s reads Sam's request: %d", who, r.status)
			}
			if r := b.post(rp+"/step", url.Values{"action": {"withdraw"}}); r.status != http.StatusNotFound {
				t.Errorf("%s steps on Sam's request: %d", who, r.status)
			}
		}
		if r := tina.get("/requests"); strings.Contains(r.body, "Dana Brown") {
			t.Error("Tina's requests list Sam's")
		}
		if r := eli.get("/requests/to-me"); strings.Contains(r.body, "Sam Lee") {
			t.Error("Eli's requests list one to Dana")
		}
		// The advisor reads the metadata, not the message.
		r := ada.get(rp)
		if page := readable(r.body); r.status != http.StatusOK || !strings.Contains(page, "Request from Sam Lee to Dana Brown") || strings.Contains(page, "exploring public policy") {
			t.Errorf("the advisor's view: %d\n%s", r.status, page)
		}
		// Dana sees it, and what Sam shares with her.
		r = dana.get("/requests/to-me")
		wantIn(t, "Dana's requests", readable(r.body), "0 of 2 conversations used", "1 request waits", "Sam Lee")
		r = dana.get(rp)
		wantIn(t, "Dana's view", readable(r.body), "Request from Sam Lee", "Also studied Economics", "I am exploring public policy", "Accept", "Decline", "Ask for more", "Report")
		if strings.Contains(r.body, "sam@westlake.edu") {
			t.Error("Dana reads Sam's email before accepting")
		}
		// A decline for someone else without a name is refused next to the
		// name, with the choice kept.
		r = dana.post(rp+"/step", url.Values{"action": {"decline"}, "reason": {"suggest_someone"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `<p class="field-error" id="s-decline-suggest-error">Give the name of the person you suggest.</p>`) ||
			!strings.Contains(r.body, `aria-invalid="true" aria-describedby="s-decline-suggest-hint s-decline-suggest-error"`) ||
			!strings.Contains(r.body, `value="suggest_someone" checked`) {
			t.Fatalf("a decline without a name: %d\n%s", r.status, readable(r.body))
		}
		// Dana accepts the second time; both read each other's details.
		second := soon.Add(24 * time.Hour).UTC().Format(time.RFC3339)
		r = dana.follow(rp+"/step", url.Values{"action": {"accept"}, "choice": {second}})
		wantIn(t, "Dana after accepting", readable(r.body), "Accepted", "sam@westlake.edu", "Agreed time")
		r = sam.get(rp)
		wantIn(t, "Sam after the acceptance", readable(r.body), "How to reach Dana Brown", "dana@example.com", "555 0142")
		// Sam cannot cancel after the time; Dana says he did not come.
		c.clock.add(100 * time.Hour)
		sam, dana = c.as(t, "sam@westlake.edu"), c.as(t, "dana@example.com") // the sessions ended while time passed
		r = sam.post(rp+"/step", url.Values{"action": {"cancel"}, "text": {"ill"}})
		if r.status != http.StatusConflict {
			t.Errorf("a cancellation after the time: %d", r.status)
		}
		dana.follow(rp+"/step", url.Values{"action": {"no_show"}})
		r = sam.get(rp)
		wantIn(t, "Sam after the no-show", readable(r.body), "Marked as a no-show", "Dana Brown said you did not come to the conversation. Please tell us below what happened.", "Tell us what happened")
		r = sam.post(rp+"/step", url.Values{"action": {"explain"}, "text": {"  "}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="s-explain-text-error">Tell us in a word what happened`) {
			t.Errorf("an empty explanation: %d\n%s", r.status, readable(r.body))
		}
		sam.follow(rp+"/step", url.Values{"action": {"explain"}, "text": {"My bus broke down"}})
	})
}

func TestTwoNoShowsBlockAStudentUntilAnAdvisorClearsIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		var sam *browser
		for _, v := range []int64{c.dana, c.eli} {
			// Each time, everyone signs in again: sessions end while time passes.
			sam = c.as(t, "sam@westlake.edu")
			vols := map[int64]*browser{c.dana: c.as(t, "dana@example.com"), c.eli: c.as(t, "eli@example.com")}
			at := c.clock.Now().Add(48 * time.Hour).Truncate(time.Hour)
			form := requestValues(goodAsk, at)
			if v == c.eli {
				form.Set("field", "Urban planning")
				form.Set("message", strings.ReplaceAll(goodAsk, "Dana", "Eli"))
			}
			id := send(t, sam, v, form)
			rp := "/requests/" + strconv.FormatInt(id, 10)
			vols[v].follow(rp+"/step", url.Values{"action": {"accept"}, "choice": {at.UTC().Format(time.RFC3339)}})
			c.clock.add(72 * time.Hour)
			vols = map[int64]*browser{c.dana: c.as(t, "dana@example.com"), c.eli: c.as(t, "eli@example.com")}
			vols[v].follow(rp+"/step", url.Values{"action": {"no_show"}})
		}
		sam, ada := c.as(t, "sam@westlake.edu"), c.as(t, "ada@westlake.edu")
		r := sam.post("/directory/"+strconv.FormatInt(c.dana, 10)+"/request", requestValues(goodAsk))
		if r.status != http.StatusConflict || !strings.Contains(r.body, `data-rule="blocked"`) || !strings.Contains(r.body, "I am exploring public policy") {
			t.Fatalf("a blocked student's request: %d\n%s", r.status, readable(r.body))
		}
		if r := sam.get("/center/blocks"); r.status != http.StatusForbidden {
			t.Errorf("a student reads the blocks: %d", r.status)
		}
		r = ada.get("/")
		if !strings.Contains(r.body, `href="/center/blocks"`) || strings.Contains(r.body, `href="/requests/to-me"`) {
			t.Errorf("the advisor's nav: no link to the blocks, or one to a volunteer's page: %d\n%s", r.status, readable(r.body))
		}
		r = ada.get("/center/blocks")
		wantIn(t, "the blocks", readable(r.body), "Sam Lee", "sam@westlake.edu")
		clear := "/center/blocks/" + strconv.FormatInt(c.samID, 10) + "/clear"
		if r := ada.post(clear, url.Values{"note": {" "}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(readable(r.body), "Write a note") {
			t.Fatalf("clearing without a note: %d\n%s", r.status, readable(r.body))
		}
		r = ada.follow(clear, url.Values{"note": {"Talked it over; he will write ahead if he cannot come."}})
		wantIn(t, "after clearing", readable(r.body), "No student is on hold")
		if r := ada.post(clear, url.Values{"note": {"again"}}); r.status != http.StatusNotFound {
			t.Errorf("clearing a block that is not there: %d", r.status)
		}
		send(t, sam, c.dana, requestValues(goodAsk))
	})
}

func TestAVolunteerPausesAndReportsAndAdvisorsReadTheReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		sam, dana, eli, ada := c.as(t, "sam@westlake.edu"), c.as(t, "dana@example.com"), c.as(t, "eli@example.com"), c.as(t, "ada@westlake.edu")
		if r := dana.get("/"); !strings.Contains(r.body, `href="/requests/to-me"`) || strings.Contains(r.body, `href="/requests"`) {
			t.Error("a volunteer's nav: no link to the requests to them, or one to a student's")
		}
		if r := dana.post("/requests/to-me/pause", url.Values{"paused_until": {"yesterday"}}); r.status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.body, `value="yesterday"`) {
			t.Fatalf("a pause that is no date: %d\n%s", r.status, readable(r.body))
		}
		until := pagesNow.AddDate(0, 0, 10).Format("2006-01-02")
		r := dana.follow("/requests/to-me/pause", url.Values{"paused_until": {until}})
		wantIn(t, "paused", readable(r.body), "You are paused until")
		r = sam.post("/directory/"+strconv.FormatInt(c.dana, 10)+"/request", requestValues(goodAsk))
		if r.status != http.StatusConflict || !strings.Contains(r.body, `data-rule="paused"`) || !strings.Contains(readable(r.body), "taking a break") {
			t.Fatalf("a request to a paused volunteer: %d\n%s", r.status, readable(r.body))
		}
		dana.follow("/requests/to-me/pause", url.Values{"resume": {"1"}})
		// Eli reports a request; advisors read it with its message.
		form := requestValues(strings.ReplaceAll(jobRequest, "Dana", "Eli"))
		form.Set("field", "Urban planning")
		form.Set("override", "on")
		form.Set("override_why", "not a job ask")
		id := send(t, sam, c.eli, form)
		eli.follow("/requests/"+strconv.FormatInt(id, 10)+"/step", url.Values{"action": {"report"}, "text": {"Asks me for a job"}})
		r = ada.get("/center/reported")
		wantIn(t, "the reports", readable(r.body), "Sam Lee to Eli Novak", "Asks me for a job", "Do you have any openings on your team?")
		r = sam.post("/directory/"+strconv.FormatInt(c.eli, 10)+"/request", form)
		if r.status != http.StatusConflict || !strings.Contains(r.body, `data-rule="reported"`) {
			t.Errorf("writing again to a volunteer who reported: %d", r.status)
		}
		// The capacity counts the accepted conversation of the month.
		id = send(t, sam, c.dana, requestValues(goodAsk))
		dana.follow("/requests/"+strconv.FormatInt(id, 10)+"/step", url.Values{"action": {"accept"}})
		wantIn(t, "Dana's capacity", readable(dana.get("/requests/to-me").body), "1 of 2 conversations used in "+center.MonthOf(pagesNow, time.UTC).String())
	})
}

// A volunteer reads of the student what PRODUCT.md's table allows: the
// name, class year, major, what they have in common and the message; not
// the rest of the student's profile, nor the student's email until she
// accepts.
func TestAVolunteerReadsOnlyWhatTheTableAllowsOfTheStudent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		sp := model.StudentProfile{AccountID: c.samID, ClassYear: 2027, Degree: "BA", Majors: []string{"Economics"}, HomeTown: "Dayton",
			Clubs: []string{"Chess Club"}, PastEmployers: []string{"Acme Diner"}, Interests: []string{"Jazz piano"}}
		if err := db.Store.SaveStudentProfile(context.Background(), &sp, pagesNow); err != nil {
			t.Fatal(err)
		}
		sam, dana := c.as(t, "sam@westlake.edu"), c.as(t, "dana@example.com")
		id := send(t, sam, c.dana, requestValues(goodAsk))
		rp := "/requests/" + strconv.FormatInt(id, 10)
		private := []string{"Dayton", "Chess Club", "Acme Diner", "Jazz piano"}
		page := readable(dana.get(rp).body)
		wantIn(t, "Dana's view of Sam's request", page, "Sam Lee", "Class of 2027", "Studies Economics", "Also studied Economics", "exploring public policy")
		for _, w := range append(private, "sam@westlake.edu") {
			if strings.Contains(page, w) {
				t.Errorf("Dana reads %q of Sam before accepting:\n%s", w, page)
			}
		}
		dana.follow(rp+"/step", url.Values{"action": {"accept"}})
		page = readable(dana.get(rp).body)
		wantIn(t, "Dana's view once she accepted", page, "sam@westlake.edu", "Class of 2027")
		for _, w := range private {
			if strings.Contains(page, w) {
				t.Errorf("Dana reads %q of Sam after accepting:\n%s", w, page)
			}
		}
	})
}
