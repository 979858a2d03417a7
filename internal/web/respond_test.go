package web

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// anonymous is a browser signed in as nobody: a volunteer clicking a link
// in an email on a phone that never signed in.
func (c *requestCenter) anonymous(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: c.base, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// mailedTo returns the paths of the links (after the base) of the last
// email of kind to the address.
func (c *requestCenter) mailedTo(t *testing.T, db *storetest.DB, kind, to, prefix string) []string {
	t.Helper()
	box, err := db.Store.Outbox(context.Background(), store.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var body string
	var newest int64
	for _, m := range box {
		if m.Kind == kind && m.To == to && m.ID > newest {
			body, newest = m.Body, m.ID
		}
	}
	var paths []string
	for _, l := range regexp.MustCompile(regexp.QuoteMeta(c.base)+prefix+`[A-Za-z0-9_.-]+`).FindAllString(body, -1) {
		paths = append(paths, strings.TrimPrefix(l, c.base))
	}
	if len(paths) == 0 {
		t.Fatalf("no %s link in the %s email to %s:\n%s", prefix, kind, to, body)
	}
	return paths
}

func TestAVolunteerAnswersFromTheEmailsLinksOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newRequestCenter(t, db)
		if err := db.Store.RecordBaseURL(ctx, c.base); err != nil {
			t.Fatal(err)
		}
		// Dana lives in Paris; Sam proposes times in his own zone.
		paris, _ := time.LoadLocation("Europe/Paris")
		dz := db.Store.For(c.dana)
		st, _ := dz.Settings(ctx)
		st.TimeZone = paris.String()
		if err := dz.SaveSettings(ctx, st); err != nil {
			t.Fatal(err)
		}
		sam := c.as(t, "sam@westlake.edu")
		t1, t2 := pagesNow.Add(72*time.Hour).Truncate(time.Hour), pagesNow.Add(96*time.Hour).Truncate(time.Hour)
		id := send(t, sam, c.dana, requestValues(goodAsk, t1, t2))
		links := c.mailedTo(t, db, "request.sent", "dana@example.com", "/respond/")
		if len(links) != 5 {
			t.Fatalf("links in the email: %v", links)
		}
		first, notMine := links[0], links[4]

		// The page shows the request in Dana's zone, the time of the link
		// chosen, and writes nothing.
		dana := c.anonymous(t)
		r := dana.get(first)
		if r.status != http.StatusOK || r.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("the link's page: %d\n%s", r.status, readable(r.body))
		}
		wantIn(t, "the link's page", readable(r.body), "Request from Sam Lee", "Public policy", "How policy careers start", "20 minutes",
			center.FormatTime(t1, paris), center.FormatTime(t2, paris), "I am exploring public policy", "Yes, I accept")
		wantIn(t, "the chosen time", r.body, `value="`+t1.UTC().Format(time.RFC3339)+`" checked`)
		if q, err := db.Store.Request(ctx, id); err != nil || q.State != center.StatePending {
			t.Fatalf("after the GET: %v, %v", q.State, err)
		}

		// A time that is not one keeps what was typed, next to the form.
		r = dana.post(first, url.Values{"action": {"accept"}, "time": {"next tuesday"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `value="next tuesday"`) || !strings.Contains(r.body, `aria-invalid="true"`) || !strings.Contains(r.body, `class="field-error"`) {
			t.Fatalf("a bad time: %d\n%s", r.status, readable(r.body))
		}
		// She picks the second time instead: accepted, through the same
		// path as the request's page.
		r = dana.post(first, url.Values{"action": {"accept"}, "choice": {t2.UTC().Format(time.RFC3339)}})
		if r.status != http.StatusOK {
			t.Fatalf("accepting: %d\n%s", r.status, readable(r.body))
		}
		wantIn(t, "the thanks", readable(r.body), "Thank you: you said yes to Sam Lee.", "sam@westlake.edu", center.FormatTime(t2, paris))
		q, err := db.Store.Request(ctx, id)
		if err != nil || q.State != center.StateAccepted || !q.MeetingAt.Equal(t2) {
			t.Fatalf("after the answer: %s at %v, %v", q.State, q.MeetingAt, err)
		}
		if convo, err := db.Store.RequestConversation(ctx, id); err != nil || convo == 0 {
			t.Errorf("no conversation in Sam's space: %d, %v", convo, err)
		}
		c.mailedTo(t, db, "request.invitation", "sam@westlake.edu", "/requests/")

		// The link is spent; the email's other links find it answered.
		if r = dana.post(first, url.Values{"action": {"accept"}, "choice": {t1.UTC().Format(time.RFC3339)}}); r.status != http.StatusGone ||
			!strings.Contains(readable(r.body), "This link has been used already") {
			t.Errorf("the link again: %d\n%s", r.status, readable(r.body))
		}
		if r = dana.get(notMine); r.status != http.StatusGone || !strings.Contains(readable(r.body), "This request has been answered already") {
			t.Errorf("another link of the email: %d\n%s", r.status, readable(r.body))
		}
		// A link cut short or changed is unknown.
		if r = dana.get(first[:len(first)-3] + "AAA"); r.status != http.StatusNotFound || !strings.Contains(readable(r.body), "Ally does not know this link") {
			t.Errorf("a changed link: %d\n%s", r.status, readable(r.body))
		}

		// Tina's request to Dana goes unanswered: its decline link, the
		// reason chosen, stops at the expiry.
		tina := c.as(t, "tina@westlake.edu")
		send(t, tina, c.dana, requestValues(goodAsk, t1))
		noTime := c.mailedTo(t, db, "request.sent", "dana@example.com", "/respond/")[2]
		r = dana.get(noTime)
		if r.status != http.StatusOK || !strings.Contains(r.body, `value="no_time" checked`) || !strings.Contains(readable(r.body), "Decline kindly") {
			t.Fatalf("a decline link: %d\n%s", r.status, readable(r.body))
		}
		c.clock.add(15 * 24 * time.Hour)
		if r = dana.get(noTime); r.status != http.StatusGone || !strings.Contains(readable(r.body), "This request has closed") {
			t.Errorf("after the expiry: %d\n%s", r.status, readable(r.body))
		}
	})
}

// The decline link takes a reason of Dana's own too; a refused decline
// (no words with "in my own words") keeps the choice.
func TestAVolunteerDeclinesFromTheEmailInHerOwnWords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newRequestCenter(t, db)
		if err := db.Store.RecordBaseURL(ctx, c.base); err != nil {
			t.Fatal(err)
		}
		sam := c.as(t, "sam@westlake.edu")
		id := send(t, sam, c.dana, requestValues(goodAsk))
		links := c.mailedTo(t, db, "request.sent", "dana@example.com", "/respond/")
		notMine := links[len(links)-1]
		// The request is on Dana's agenda too.
		r := c.as(t, "dana@example.com").get("/")
		wantIn(t, "Dana's agenda", readable(r.body), "Sam Lee asks you for a conversation about Public policy.")
		dana := c.anonymous(t)
		r = dana.post(notMine, url.Values{"action": {"decline"}, "reason": {"own"}, "text": {""}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `value="own" checked`) {
			t.Fatalf("own words without words: %d\n%s", r.status, readable(r.body))
		}
		// An "accept" posted to a decline link still declines: the link
		// decides the answer.
		r = dana.post(notMine, url.Values{"action": {"accept"}, "reason": {"own"}, "text": {"I moved to another ministry last spring."}})
		if r.status != http.StatusOK || !strings.Contains(readable(r.body), "Thank you for answering.") {
			t.Fatalf("declining: %d\n%s", r.status, readable(r.body))
		}
		q, err := db.Store.Request(ctx, id)
		if err != nil || q.State != center.StateDeclined || q.Reason != "I moved to another ministry last spring." {
			t.Fatalf("after the decline: %s %q, %v", q.State, q.Reason, err)
		}
		r = sam.get("/requests/" + itoa(id))
		wantIn(t, "Sam's page", readable(r.body), "I moved to another ministry last spring.")
		// Sam's agenda says so, beside the email; he puts it away.
		r = sam.get("/")
		wantIn(t, "Sam's agenda", readable(r.body), "From the career center", "Dana Brown cannot take your request on Public policy.")
		m := regexp.MustCompile(`action="(/notices/\d+/dismiss)"`).FindStringSubmatch(r.body)
		if m == nil {
			t.Fatalf("no way to put the notice away:\n%s", r.body)
		}
		if r = c.as(t, "tina@westlake.edu").post(m[1], url.Values{}); r.status != http.StatusNotFound {
			t.Errorf("Tina putting away Sam's notice: %d", r.status)
		}
		if r = sam.post(m[1], url.Values{}); r.status != http.StatusSeeOther {
			t.Fatalf("putting it away: %d", r.status)
		}
		if r = sam.get("/"); strings.Contains(r.body, "cannot take your request") {
			t.Errorf("the notice is still on the agenda")
		}
	})
}

// The unsubscribe link asks first, then stops all but the essential
// emails; the student is told the volunteer answers in the app.
func TestTheUnsubscribeLinkStopsAllButTheEssentialEmails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newRequestCenter(t, db)
		if err := db.Store.RecordBaseURL(ctx, c.base); err != nil {
			t.Fatal(err)
		}
		sam := c.as(t, "sam@westlake.edu")
		id := send(t, sam, c.dana, requestValues(goodAsk))
		unsub := c.mailedTo(t, db, "request.sent", "dana@example.com", "/unsubscribe/")[0]
		dana := c.anonymous(t)
		r := dana.get(unsub)
		if r.status != http.StatusOK || !strings.Contains(readable(r.body), "Stop the emails Ally sends dana@example.com about requests?") {
			t.Fatalf("the unsubscribe page: %d\n%s", r.status, readable(r.body))
		}
		if p, err := db.Store.MailPrefs(ctx, c.dana); err != nil || p.OptedOut() {
			t.Fatalf("the GET unsubscribed: %+v, %v", p, err)
		}
		if r = dana.post(unsub, url.Values{}); r.status != http.StatusUnprocessableEntity {
			t.Errorf("no button: %d", r.status)
		}
		if r = dana.post(unsub, url.Values{"emails": {"off"}}); r.status != http.StatusSeeOther {
			t.Fatalf("unsubscribing: %d\n%s", r.status, readable(r.body))
		}
		r = dana.get(unsub)
		wantIn(t, "after unsubscribing", readable(r.body), "Done: Ally sends you only what concerns a conversation you agreed to.", "Email me about requests again")
		if p, err := db.Store.MailPrefs(ctx, c.dana); err != nil || !p.OptedOut() {
			t.Fatalf("after the POST: %+v, %v", p, err)
		}
		// Sam's waiting request says Dana answers in the app.
		r = sam.get("/requests/" + itoa(id))
		wantIn(t, "Sam's request", r.body, `id="slow-to-answer"`)
		if r = dana.get("/unsubscribe/" + strings.TrimPrefix(unsub, "/unsubscribe/") + "x"); r.status != http.StatusNotFound {
			t.Errorf("a changed unsubscribe link: %d", r.status)
		}
		// Back on from her requests, signed in; there she also chooses a
		// daily digest.
		signed := c.as(t, "dana@example.com")
		r = signed.get("/requests/to-me")
		wantIn(t, "Requests to me, unsubscribed", r.body, `id="mail-off"`, `name="emails" value="on"`)
		if r = signed.post("/requests/to-me/mail", url.Values{"emails": {"on"}}); r.status != http.StatusSeeOther {
			t.Fatalf("re-subscribing: %d\n%s", r.status, readable(r.body))
		}
		if p, err := db.Store.MailPrefs(ctx, c.dana); err != nil || p.OptedOut() {
			t.Fatalf("after re-subscribing: %+v, %v", p, err)
		}
		if r = signed.post("/requests/to-me/mail", url.Values{"mail": {"weekly"}}); r.status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.body, `id="mail-problem"`) {
			t.Errorf("an unknown mode: %d\n%s", r.status, readable(r.body))
		}
		if r = signed.post("/requests/to-me/mail", url.Values{"mail": {"digest"}}); r.status != http.StatusSeeOther {
			t.Fatalf("choosing the digest: %d", r.status)
		}
		r = signed.get("/requests/to-me")
		wantIn(t, "Requests to me, digest", r.body, `value="digest" checked`, "One email a day")
	})
}

// An advisor's email of a report ends with their own unsubscribe link: the
// page speaks to an advisor, and once they stop, the next report emails
// the other advisors only.
func TestAnAdvisorStopsTheReportEmailsByTheirLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newRequestCenter(t, db)
		if err := db.Store.RecordBaseURL(ctx, c.base); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.AddAccount(ctx, model.NewAccount{Email: "bea@westlake.edu", Name: "Bea Advisor", Roles: []model.Role{model.RoleAdvisor}},
			model.CLIActor(), pagesNow); err != nil {
			t.Fatal(err)
		}
		sam, dana := c.as(t, "sam@westlake.edu"), c.as(t, "dana@example.com")
		report := func(id int64) {
			t.Helper()
			dana.follow("/requests/"+itoa(id)+"/step", url.Values{"action": {"report"}, "text": {"Rude to me"}})
		}
		report(send(t, sam, c.dana, requestValues(goodAsk)))
		unsub := c.mailedTo(t, db, "request.reported", "ada@westlake.edu", "/unsubscribe/")[0]
		ada := c.anonymous(t)
		r := ada.get(unsub)
		wantIn(t, "an advisor's unsubscribe page", readable(r.body), "Stop the emails Ally sends ada@westlake.edu about requests and reports?",
			"when a volunteer reports a request")
		if strings.Contains(r.body, "Students writing to you") {
			t.Errorf("an advisor is told of students writing to them:\n%s", readable(r.body))
		}
		if r = ada.post(unsub, url.Values{"emails": {"off"}}); r.status != http.StatusSeeOther {
			t.Fatalf("unsubscribing: %d", r.status)
		}
		box, err := db.Store.Outbox(ctx, store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var before int64
		for _, m := range box {
			before = max(before, m.ID)
		}
		tina := c.as(t, "tina@westlake.edu")
		report(send(t, tina, c.dana, requestValues(goodAsk)))
		if box, err = db.Store.Outbox(ctx, store.OutboxFilter{}); err != nil {
			t.Fatal(err)
		}
		told := 0
		for _, m := range box {
			switch {
			case m.ID <= before || m.Kind != "request.reported":
			case m.To == "ada@westlake.edu":
				t.Errorf("an advisor who stopped the emails is emailed a report:\n%s", m.Body)
			default:
				told++
			}
		}
		if told == 0 {
			t.Error("no other advisor is told of the second report")
		}
	})
}

// Of 32 posts of one link at once (a double tap, a scanner, two
// instances), exactly one answers; the others find the link spent or the
// request answered.
func TestARequestLinkPostedAtOnceAnswersOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newRequestCenter(t, db)
		if err := db.Store.RecordBaseURL(ctx, c.base); err != nil {
			t.Fatal(err)
		}
		t1 := pagesNow.Add(72 * time.Hour).Truncate(time.Hour)
		id := send(t, c.as(t, "sam@westlake.edu"), c.dana, requestValues(goodAsk, t1))
		yes := c.mailedTo(t, db, "request.sent", "dana@example.com", "/respond/")[0]
		const racers = 32
		statuses := make([]int, racers)
		var wg sync.WaitGroup
		for i := range racers {
			wg.Go(func() {
				statuses[i] = c.anonymous(t).post(yes, url.Values{"action": {"accept"}, "choice": {t1.UTC().Format(time.RFC3339)}}).status
			})
		}
		wg.Wait()
		won := 0
		for _, st := range statuses {
			switch st {
			case http.StatusOK:
				won++
			case http.StatusGone:
			default:
				t.Errorf("a post got %d", st)
			}
		}
		if won != 1 {
			t.Fatalf("posts that answered: %d, want 1 (%v)", won, statuses)
		}
		box, err := db.Store.Outbox(ctx, store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		accepted := 0
		for _, m := range box {
			if m.Kind == "request.accepted" {
				accepted++
			}
		}
		if q, err := db.Store.Request(ctx, id); err != nil || q.State != center.StateAccepted || accepted != 1 {
			t.Errorf("after the race: %s, %d acceptance emails, %v", q.State, accepted, err)
		}
	})
}
