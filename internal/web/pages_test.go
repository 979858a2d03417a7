package web

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// pagesNow is a Wednesday morning in New York, the zone of the tests' user.
var pagesNow = time.Date(2026, 11, 18, 15, 0, 0, 0, time.UTC)

// browser is a test client that keeps cookies (the flash) and does not
// follow redirects, so that a test sees each 303.
type browser struct {
	t      *testing.T
	base   string
	client *http.Client
	sc     *store.Scope
	app    *Server
}

// newBrowser serves Ally on a fresh SQLite database; story loads the demo.
func newBrowser(t *testing.T, story bool) *browser {
	t.Helper()
	return browserOn(t, storetest.SQLite(t), story)
}

// eachDB runs a page test on SQLite and on PostgreSQL (when
// ALLY_TEST_POSTGRES names a server), like the store's tests.
func eachDB(t *testing.T, story bool, fn func(t *testing.T, b *browser)) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) { fn(t, browserOn(t, db, story)) })
}

func browserOn(t *testing.T, db *storetest.DB, story bool) *browser {
	t.Helper()
	sc := db.Scope()
	ctx := context.Background()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	st, _ := sc.Settings(ctx)
	st.TimeZone = loc.String()
	if err := sc.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	if story {
		if _, err := sc.LoadBulk(ctx, demo.Story(pagesNow, loc), pagesNow); err != nil {
			t.Fatal(err)
		}
	}
	srv, h := ServeAtOwnURL(t, Deps{Store: db.Store, Owner: db.Owner, Clock: method.FixedClock(pagesNow)})
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &browser{t: t, base: srv.URL, client: client, sc: sc, app: h}
}

type response struct {
	status int
	header http.Header
	body   string
}

func (b *browser) do(req *http.Request) response {
	b.t.Helper()
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(body)}
}

func (b *browser) get(path string) response {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.base+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) response {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// follow posts a form, expects a 303 and returns the page it leads to.
func (b *browser) follow(path string, form url.Values) response {
	b.t.Helper()
	r := b.post(path, form)
	if r.status != http.StatusSeeOther {
		b.t.Fatalf("POST %s: status %d, want 303; body:\n%s", path, r.status, readable(r.body))
	}
	return b.get(r.header.Get("Location"))
}

func (b *browser) id(kind, name string) string {
	b.t.Helper()
	ctx := context.Background()
	var id int64
	var err error
	switch kind {
	case "person":
		id, _, err = b.sc.ResolvePerson(ctx, name)
	case "field":
		id, _, err = b.sc.ResolveField(ctx, name)
	case "organization":
		id, _, err = b.sc.ResolveOrganization(ctx, name)
	}
	if err != nil {
		b.t.Fatal(err)
	}
	return itoa(id)
}

// readable is a page without its tags and with its entities read, for
// checking what a person would read.
func readable(html string) string {
	html = regexp.MustCompile(`(?s)<head>.*</head>|</?(?:p|li|dt|dd|h\d|div|br|tr|td|th|ul|ol|dl|section|nav|header|footer|main|form|label|option|fieldset|legend)\b[^>]*>`).ReplaceAllString(html, " ")
	html = regexp.MustCompile(`<[^>]+>`).ReplaceAllString(html, "")
	html = strings.NewReplacer("&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(html)
	return strings.Join(strings.Fields(html), " ")
}

func wantIn(t *testing.T, what, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("%s: missing %q in:\n%s", what, w, page)
		}
	}
}

func TestPagesShowTheStory(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		priya, policy, tidewater := b.id("person", "Priya Raman"), b.id("field", "Public policy"), b.id("organization", "Tidewater")
		convos, err := b.sc.Conversations(context.Background(), store.ConversationFilter{PersonID: mustInt(priya)})
		if err != nil || len(convos) == 0 {
			t.Fatal(err)
		}
		convo := itoa(convos[0].ID)
		tests := []struct {
			path   string
			status int
			want   []string
		}{
			{"/", 200, []string{"Agenda", "Overdue", "Coming up", "Perspectives per field", "Public policy: 3 of 3 perspectives"}},
			{"/agenda/later", 200, []string{"Later", "Keep in touch"}},
			{"/agenda/someday", 404, []string{"Page not found"}},
			{"/people", 200, []string{"30 people", "Priya Raman", "Stormwater program engineer, Tidewater Water Authority"}},
			{"/people?q=stormwater", 200, []string{"Priya Raman", "stormwater"}},
			{"/people?source=family", 200, []string{"Samuel Adeyemi"}},
			{"/people?field=" + policy + "&sort=recent", 200, []string{"Samuel Adeyemi"}},
			{"/people?org=nowhere-at-all", 200, []string{"No organization named", "0 people"}},
			{"/people?state=bogus", 200, []string{"is not a conversation state"}},
			{"/people/" + priya, 200, []string{"Priya Raman", "Referred by", "Marcus Okafor", "Conversations", "Timeline"}},
			{"/people/" + b.id("person", "Marcus Okafor"), 200, []string{"Referred you to", "Priya Raman"}},
			{"/people/0", 404, []string{"Page not found"}},
			{"/people/abc", 404, []string{"Page not found"}},
			{"/people/99999", 404, []string{"No person with id 99999."}},
			{"/people/new", 200, []string{"Add a person", "Referred by"}},
			{"/people/" + priya + "/edit", 200, []string{"Edit Priya Raman", `value="Priya Raman"`}},
			{"/people/" + priya + "/delete", 200, []string{"Delete Priya Raman?", "Also delete 1 conversation"}},
			{"/people/" + priya + "/activities/new?kind=update_sent", 200, []string{"Log a touch with Priya Raman", `value="update_sent" selected`}},
			{"/fields", 200, []string{"Career fields", "Public policy"}},
			{"/fields/" + policy, 200, []string{"Public policy", "perspectives heard", "Research notes", "Samuel Adeyemi"}},
			{"/fields/new", 200, []string{"Add a field", `value="3"`}},
			{"/orgs", 200, []string{"Organizations", "Tidewater Water Authority"}},
			{"/orgs/" + tidewater, 200, []string{"Tidewater Water Authority", "Priya Raman"}},
			{"/conversations/" + convo, 200, []string{"Conversation with Priya Raman", "Where it stands", "Keeping the relationship", "Meeting", "Notes", "Timeline"}},
			{"/conversations/" + convo + "/edit", 200, []string{"Edit the conversation with Priya Raman"}},
			{"/conversations/" + convo + "/step?to=reported_back", 200, []string{"Reported back: Priya Raman"}},
			{"/conversations/new?person=" + priya, 200, []string{"Plan a conversation with Priya Raman"}},
			{"/search?q=stormwater", 200, []string{"Priya Raman", "<mark>"}},
			{"/search", 200, []string{"Type a name"}},
			{"/guide", 200, []string{"How to learn a field"}},
			{"/settings", 200, []string{"Settings", "Time zone", "America/New_York"}},
			{"/no/such/page", 404, []string{"Page not found"}},
		}
		for _, tt := range tests {
			t.Run(tt.path, func(t *testing.T) {
				r := b.get(tt.path)
				if r.status != tt.status {
					t.Fatalf("status %d, want %d:\n%s", r.status, tt.status, readable(r.body))
				}
				if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
				if !strings.Contains(r.header.Get("Content-Security-Policy"), "script-src 'self'") {
					t.Errorf("no Content-Security-Policy")
				}
				page := r.body
				if w := strings.Join(tt.want, ""); !strings.Contains(w, "<") && !strings.Contains(w, `="`) {
					page = readable(r.body)
				}
				wantIn(t, tt.path, page, tt.want...)
			})
		}
	})
}

func mustInt(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

func TestWelcomeThenDemo(t *testing.T) {
	b := newBrowser(t, false)
	r := b.get("/")
	wantIn(t, "empty home", readable(r.body), "Welcome to Ally", "Load demo data", "Add the first person")
	page := b.follow("/demo", nil)
	wantIn(t, "after the demo", readable(page.body), "Loaded the demo: 30 people", "Overdue")
	if strings.Contains(readable(b.get("/").body), "Loaded the demo") {
		t.Errorf("the flash shows twice")
	}
	page = b.follow("/demo", nil)
	wantIn(t, "second demo", readable(page.body), "Ally already holds data")
}

func TestFormsKeepInputAndSayWhatIsWrong(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		priya := b.id("person", "Priya Raman")
		convos, _ := b.sc.Conversations(context.Background(), store.ConversationFilter{PersonID: mustInt(priya)})
		convo := itoa(convos[0].ID)
		tests := []struct {
			name   string
			path   string
			form   url.Values
			status int
			want   []string
		}{
			{"person without a name", "/people", url.Values{"role": {"Analyst"}, "emails": {"a@b.org"}}, 422,
				[]string{"Name is required.", `value="Analyst"`, `value="a@b.org"`}},
			{"NUL in a name", "/people", url.Values{"name": {"a\x00b"}, "role": {"Analyst"}, "notes": {"two\nlines\tand a tab"}}, 422,
				[]string{"Name has a control character (U&#43;0000), which text cannot hold; remove it.", `aria-describedby="f-name-error"`, "value=\"a\uFFFDb\"",
					`value="Analyst"`, "two\nlines\tand a tab</textarea>"}},
			{"control character in notes", "/people", url.Values{"name": {"Ana"}, "notes": {"ring\abell"}}, 422,
				[]string{"Private notes has a control character (U&#43;0007)", "ring\abell</textarea>"}},
			{"bad email and address", "/people", url.Values{"name": {"Ana"}, "emails": {"ana@example"}, "url": {"example.org/ana"}}, 422,
				[]string{"Please check these 2 fields", "&#34;ana@example&#34; is not an email address", `value="example.org/ana"`, `aria-invalid="true"`}},
			{"unknown source", "/people", url.Values{"name": {"Ana"}, "source": {"telepathy"}}, 422,
				[]string{"is not a source"}},
			{"referred by themselves", "/people/" + priya, url.Values{"name": {"Priya Raman"}, "referred_by": {"priya raman"}}, 422,
				[]string{"cannot be referred by themselves"}},
			{"referral loop", "/people/" + b.id("person", "Marcus Okafor"), url.Values{"name": {"Marcus Okafor"}, "referred_by": {"Priya Raman"}}, 422,
				[]string{"referral loop"}},
			{"unknown field", "/people", url.Values{"name": {"Ana"}, "field": {"99999"}}, 422,
				[]string{"No field with id 99999."}},
			{"field without a target", "/fields", url.Values{"name": {"Law"}, "target": {"lots"}}, 422,
				[]string{"&#34;lots&#34; is not a whole number", `value="lots"`}},
			{"duplicate field", "/fields", url.Values{"name": {"Public policy"}, "target": {"3"}}, 422,
				[]string{"already exists"}},
			{"organization with a bad site", "/orgs", url.Values{"name": {"Acme"}, "website": {"acme"}}, 422,
				[]string{"is not a web address", `value="acme"`}},
			{"conversation without anyone", "/conversations", url.Values{"minutes": {"20"}}, 422,
				[]string{"With is required."}},
			{"conversation too long", "/conversations", url.Values{"person": {"Priya Raman"}, "minutes": {"600"}, "place": {"Café Lola"}}, 422,
				[]string{"must be between 5 and 240", `value="Café Lola"`}},
			{"ambiguous person", "/conversations", url.Values{"person": {"a"}, "minutes": {"20"}}, 422,
				[]string{"use the id"}},
			{"step that is not allowed", "/conversations/" + convo + "/steps", url.Values{"to": {"requested"}}, 422,
				[]string{"Cannot go from thanked to requested"}},
			{"step in the future", "/conversations/" + convo + "/steps", url.Values{"to": {"reported_back"}, "at": {"2027-01-01T10:00"}, "note": {"told him"}}, 422,
				[]string{"is in the future", "told him"}},
			{"impossible date", "/conversations/" + convo + "/steps", url.Values{"to": {"reported_back"}, "at": {"2026-02-30 10:00"}}, 422,
				[]string{"is not a real date"}},
			{"touch without a kind", "/people/" + priya + "/activities", url.Values{"kind": {""}, "note": {"hello"}}, 422,
				[]string{"is not an activity kind", "hello"}},
			{"settings out of range", "/settings", url.Values{"time_zone": {"Mars/Olympus"}, "thank_hours": {"12"}}, 422,
				[]string{"is not a time zone", `value="Mars/Olympus"`}},
			{"settings not a number", "/settings", url.Values{"time_zone": {""}, "thank_hours": {"soon"}}, 422,
				[]string{"&#34;soon&#34; is not a whole number"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := b.post(tt.path, tt.form)
				if r.status != tt.status {
					t.Fatalf("status %d, want %d:\n%s", r.status, tt.status, readable(r.body))
				}
				wantIn(t, tt.name, r.body, tt.want...)
			})
		}
		// Nothing was saved by any of them.
		people, _, err := b.sc.People(context.Background(), store.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range people {
			if p.Name == "Ana" {
				t.Errorf("a refused form saved Ana")
			}
		}
		if _, _, err := b.sc.ResolveOrganization(context.Background(), "Acme"); err == nil {
			t.Errorf("a refused form saved Acme")
		}
	})
}

func TestAddPersonWithNewReferrerLinksBothWays(t *testing.T) {
	b := newBrowser(t, false)
	page := b.follow("/people", url.Values{"name": {"Nadia Flores"}, "org": {"Riverside Health"}, "referred_by": {"Omar Haddad"},
		"new_fields": {"Health care administration, Nursing"}, "tags": {"Mentor, alumni"}, "notes": {"Met at **the fair**.\n\n<script>alert(1)</script>"},
		"emails": {"nadia@example.org; n.flores@example.org"}})
	wantIn(t, "new person", page.body, "Added Nadia Flores, and added the organization Riverside Health and Omar Haddad, who referred them and the field Health care administration and the field Nursing.",
		"<strong>the fair</strong>", "mentor", "alumni", "n.flores@example.org")
	if strings.Contains(page.body, "<script>alert") {
		t.Errorf("the notes' script reached the page")
	}
	omar := b.get("/people/" + b.id("person", "Omar Haddad"))
	wantIn(t, "referrer", readable(omar.body), "Referred you to Nadia Flores")
	// Editing keeps the referrer and organization; a new referrer name adds one.
	nadia := b.id("person", "Nadia Flores")
	page = b.follow("/people/"+nadia, url.Values{"name": {"Nadia Flores"}, "org": {"riverside health"}, "referred_by": {"Omar Haddad"}})
	wantIn(t, "edit", readable(page.body), "Saved Nadia Flores.", "Riverside Health", "Omar Haddad")
	if strings.Contains(page.body, "and added") {
		t.Errorf("editing with the same names added records:\n%s", readable(page.body))
	}
}

func TestConversationLifecycleDrivesTheAgenda(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		page := b.follow("/conversations", url.Values{"person": {"Lee Park"}, "minutes": {"20"}, "channel": {"video"}})
		wantIn(t, "planned", readable(page.body), "Added Lee Park to your people and planned a conversation.", "idea")
		convo := regexp.MustCompile(`action="/conversations/(\d+)/steps"`).FindStringSubmatch(page.body)
		if convo == nil {
			t.Fatalf("no step form on the conversation page:\n%s", page.body)
		}
		steps := "/conversations/" + convo[1] + "/steps"
		wantIn(t, "idea buttons", page.body, `value="requested"`, `name="meeting_at"`)
		page = b.follow(steps, url.Values{"to": {"requested"}, "at": {"2026-11-17T09:00"}})
		wantIn(t, "requested", readable(page.body), "Logged: Lee Park, requested.", "Followed up")
		r := b.post(steps, url.Values{"to": {"scheduled"}})
		if r.status != 422 || !strings.Contains(r.body, "Meeting date and time is required to schedule") {
			t.Errorf("scheduling without a time: %d\n%s", r.status, readable(r.body))
		}
		page = b.follow(steps, url.Values{"to": {"scheduled"}, "meeting_at": {"2026-11-18T08:30"}})
		wantIn(t, "scheduled", readable(page.body), "Scheduled with Lee Park for Wed 18 Nov 2026, 08:30.", "Before the meeting")
		r = b.post(steps, url.Values{"to": {"held"}, "at": {"2026-11-18T09:00"}})
		if r.status != 422 || !strings.Contains(readable(r.body), "is before the conversation's last step") {
			t.Errorf("holding it before it was scheduled: %d %s", r.status, readable(r.body))
		}
		page = b.follow(steps, url.Values{"to": {"held"}})
		wantIn(t, "held", readable(page.body), "After the meeting")
		agenda := readable(b.get("/").body)
		wantIn(t, "agenda after held", agenda, "Send a thank-you: Lee Park", "Held today 10:00 — a thank-you is due within 12 hours", "Log the thank-you")
		if !strings.Contains(b.get("/").body, "/conversations/"+convo[1]+"/step?to=thanked") {
			t.Errorf("the thank-you's do-it does not open the thanked step")
		}
	})
}

func TestAgendaActionsDoneAndSnoozed(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		actions, err := b.sc.Agenda(context.Background(), pagesNow)
		if err != nil || len(actions) < 3 {
			t.Fatal(err)
		}
		done, day, week := actions[0], actions[1], actions[2]
		page := b.follow("/agenda/"+done.ID+"/done", nil)
		wantIn(t, "done", readable(page.body), "Done: "+done.Kind.Label())
		if strings.Contains(page.body, `id="a-`+done.ID+`"`) {
			t.Errorf("%s is still on the agenda", done.ID)
		}
		page = b.follow("/agenda/"+day.ID+"/snooze", url.Values{"for": {"1d"}})
		wantIn(t, "snoozed", readable(page.body), "Snoozed until tomorrow")
		page = b.follow("/agenda/"+week.ID+"/snooze", url.Values{"until": {"2026-12-01"}})
		wantIn(t, "snoozed to a date", readable(page.body), "Snoozed until 1 Dec 00:00")
		for _, id := range []string{day.ID, week.ID} {
			if strings.Contains(page.body, `id="a-`+id+`"`) {
				t.Errorf("%s is still on the agenda", id)
			}
		}
		// Done twice: the action is gone, and the user is told.
		page = b.post("/agenda/"+done.ID+"/done", nil)
		if page.status != http.StatusNotFound {
			t.Errorf("done twice: %d, want 404", page.status)
		}
		wantIn(t, "done twice", readable(page.body), "it may have been done already", "Your agenda shows what is left")
		// The pick-a-date form.
		form := b.get("/agenda/" + actions[3].ID + "/snooze")
		wantIn(t, "snooze form", readable(form.body), "Snooze:", "Show it again on")
		r := b.post("/agenda/"+actions[3].ID+"/snooze", url.Values{"until": {"2026-11-10"}})
		if r.status != 422 || !strings.Contains(r.body, "The snooze must end in the future.") {
			t.Errorf("a snooze into the past: %d %s", r.status, readable(r.body))
		}
	})
}

func TestDestructiveActionsAskFirst(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		priya := b.id("person", "Priya Raman")
		// The confirm page deletes nothing.
		wantIn(t, "confirm", readable(b.get("/people/"+priya+"/delete").body), "Delete Priya Raman?", "cannot be undone")
		if _, err := b.sc.Person(context.Background(), mustInt(priya)); err != nil {
			t.Fatal("the confirm page deleted the person")
		}
		// With conversations and without the box ticked, nothing goes.
		r := b.post("/people/"+priya+"/delete", nil)
		if r.status != http.StatusConflict || !strings.Contains(readable(r.body), "tick this box") {
			t.Errorf("delete with conversations: %d %s", r.status, readable(r.body))
		}
		page := b.follow("/people/"+priya+"/delete", url.Values{"with_conversations": {"on"}})
		wantIn(t, "deleted", readable(page.body), "Deleted Priya Raman.")
		if r := b.get("/people/" + priya); r.status != 404 {
			t.Errorf("the deleted person's page answers %d", r.status)
		}
		for _, tt := range []struct{ confirm, post, flash string }{
			{"/fields/" + b.id("field", "UX research") + "/delete", "", "Deleted the field UX research."},
			{"/orgs/" + b.id("organization", "Tidewater") + "/delete", "", "Deleted Tidewater Water Authority."},
		} {
			wantIn(t, tt.confirm, readable(b.get(tt.confirm).body), "cannot be undone")
			wantIn(t, tt.confirm, readable(b.follow(tt.confirm, nil).body), tt.flash)
		}
	})
}

func TestSettingsSaveAndApply(t *testing.T) {
	b := newBrowser(t, false)
	form := url.Values{"user_name": {"Jordan Lee"}, "school": {"Riverbend State"}, "time_zone": {"Europe/Paris"},
		"thank_hours": {"10"}, "keep_in_touch_by_tag": {"Mentor = 30\n\nfriend=60"}}
	for _, tt := range settingsTimings {
		if form.Get(tt.name) == "" {
			form.Set(tt.name, itoa(int64(*tt.get(ptrDefaults()))))
		}
	}
	page := b.follow("/settings", form)
	wantIn(t, "saved", page.body, "Saved your settings.", `value="Jordan Lee"`, `value="Europe/Paris"`, `value="10"`, "friend = 60\nmentor = 30")
	st, _ := b.sc.Settings(context.Background())
	if st.ThankHours != 10 || st.KeepInTouchByTag["mentor"] != 30 || st.TimeZone != "Europe/Paris" {
		t.Errorf("saved settings = %+v", st)
	}
	r := b.post("/settings", url.Values{"keep_in_touch_by_tag": {"mentor thirty"}})
	if r.status != 422 || !strings.Contains(r.body, "cannot read &#34;mentor thirty&#34;") {
		t.Errorf("bad tag line: %d %s", r.status, readable(r.body))
	}
}

func ptrDefaults() *method.Settings {
	s := method.DefaultSettings()
	return &s
}

func TestStaticFilesAreFingerprintedAndCompressed(t *testing.T) {
	b := newBrowser(t, false)
	home := b.get("/").body
	m := regexp.MustCompile(`href="(/static/app.css\?v=[0-9a-f]+)"`).FindStringSubmatch(home)
	if m == nil {
		t.Fatalf("no fingerprinted stylesheet in the page")
	}
	req, _ := http.NewRequest(http.MethodGet, b.base+m[1], nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") ||
		resp.Header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("fingerprinted CSS headers: %v", resp.Header)
	}
	r := b.get("/static/app.css")
	if r.header.Get("Cache-Control") != "no-cache" || r.header.Get("ETag") == "" {
		t.Errorf("unversioned CSS headers: %v", r.header)
	}
	req, _ = http.NewRequest(http.MethodGet, b.base+"/static/app.css", nil)
	req.Header.Set("If-None-Match", r.header.Get("ETag"))
	if r := b.do(req); r.status != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", r.status)
	}
	if r := b.get("/static/nope.js"); r.status != 404 {
		t.Errorf("unknown static file: %d", r.status)
	}
}

func TestHTMLIsCompressedAndTheAPIIsNot(t *testing.T) {
	b := newBrowser(t, true)
	for _, tt := range []struct {
		path string
		gzip bool
	}{{"/people", true}, {"/", true}, {"/api/v1/people", false}} {
		req, _ := http.NewRequest(http.MethodGet, b.base+tt.path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		body := resp.Body
		if got := resp.Header.Get("Content-Encoding") == "gzip"; got != tt.gzip {
			t.Errorf("%s: gzip %v, want %v", tt.path, got, tt.gzip)
		} else if got {
			zr, err := gzip.NewReader(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			plain, _ := io.ReadAll(zr)
			if !strings.HasPrefix(string(plain), "<!doctype html>") {
				t.Errorf("%s: decompressed body starts %.40q", tt.path, plain)
			}
		}
		body.Close()
	}
}

func TestAgendaPageIsKeptUntilSomethingChanges(t *testing.T) {
	b := newBrowser(t, true)
	first := b.get("/")
	second := b.get("/")
	if first.body != second.body || first.header.Get("ETag") == "" || first.header.Get("ETag") != second.header.Get("ETag") {
		t.Fatalf("two views of an unchanged agenda differ")
	}
	req, _ := http.NewRequest(http.MethodGet, b.base+"/", nil)
	req.Header.Set("If-None-Match", first.header.Get("ETag"))
	if r := b.do(req); r.status != http.StatusNotModified {
		t.Errorf("revalidating the agenda: %d, want 304", r.status)
	}
	// A mark changes the page (and the marks do not change the version).
	actions, _ := b.sc.Agenda(context.Background(), pagesNow)
	if _, err := b.sc.MarkDone(context.Background(), actions[0].ID, pagesNow); err != nil {
		t.Fatal(err)
	}
	if third := b.get("/"); third.body == first.body {
		t.Errorf("the agenda did not change after an action was marked done")
	}
	// So does a new record.
	before := b.get("/").body
	p := &model.Person{Name: "New Person"}
	if err := b.sc.CreatePerson(context.Background(), p, pagesNow); err != nil {
		t.Fatal(err)
	}
	f := &model.Field{Name: "Forestry"}
	if err := b.sc.CreateField(context.Background(), f, pagesNow); err != nil {
		t.Fatal(err)
	}
	if after := b.get("/").body; after == before || !strings.Contains(after, "Forestry") {
		t.Errorf("the agenda did not show a new field")
	}
}

func TestSearchAsYouTypeAnswersWithTheResultsOnly(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		for _, path := range []string{"/people?q=congest&field=&sort=", "/search?q=congest"} {
			req, _ := http.NewRequest(http.MethodGet, b.base+path, nil)
			req.Header.Set("HX-Request", "true")
			r := b.do(req)
			if strings.Contains(r.body, "<html") || !strings.Contains(r.body, "Samuel Adeyemi") || !strings.Contains(r.body, "<mark>congestion</mark>") {
				t.Errorf("%s: the partial answer is:\n%s", path, r.body)
			}
			if push := r.header.Get("HX-Push-Url"); push != strings.Split(path, "&")[0] {
				t.Errorf("%s: HX-Push-Url %q", path, push)
			}
			if vary := strings.Join(r.header.Values("Vary"), ", "); !strings.Contains(vary, "HX-Request") {
				t.Errorf("%s: Vary %q", path, vary)
			}
		}
		// Without htmx, the same address is a whole page.
		wantIn(t, "plain GET", b.get("/people?q=congest").body, "<!doctype html>", "Samuel Adeyemi")
	})
}

func TestNotesAreRenderedSafely(t *testing.T) {
	m := newMarkdown()
	tests := []struct{ in, want, not string }{
		{"**bold** and [a link](https://example.org)", `<strong>bold</strong>`, ""},
		{"<script>alert(1)</script>", "", "<script"},
		{`<img src=x onerror="alert(1)">`, "", "onerror"},
		{"[click](javascript:alert(1))", "", "javascript:"},
		{"# Title\n\n## Part", "<h3", "<h1"},
		{"- [x] researched", `type="checkbox"`, ""},
		{"<div style=\"position:fixed\">x</div>", "", "style="},
	}
	for _, tt := range tests {
		got := string(m.render(tt.in))
		if tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("render(%q) = %q, want %q in it", tt.in, got, tt.want)
		}
		if tt.not != "" && strings.Contains(got, tt.not) {
			t.Errorf("render(%q) = %q, which has %q", tt.in, got, tt.not)
		}
	}
}

func TestFlashMessagesCannotBeForged(t *testing.T) {
	b := newBrowser(t, false)
	req, _ := http.NewRequest(http.MethodGet, b.base+"/guide", nil)
	req.AddCookie(&http.Cookie{Name: flashCookie, Value: "o.SGFja2Vk.AAAA"})
	if r := b.do(req); strings.Contains(r.body, "Hacked") {
		t.Errorf("a forged flash was shown")
	}
}

func TestCrossSitePostsAreRefused(t *testing.T) {
	b := newBrowser(t, false)
	req, _ := http.NewRequest(http.MethodPost, b.base+"/demo", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if r := b.do(req); r.status != http.StatusForbidden {
		t.Errorf("a cross-site POST /demo: %d, want 403", r.status)
	}
	if empty, _ := b.sc.Empty(context.Background()); !empty {
		t.Errorf("a cross-site post loaded the demo")
	}
}

func TestOneClickHelpersOnTheConversationPage(t *testing.T) {
	b := newBrowser(t, false)
	page := b.follow("/conversations", url.Values{"person": {"Lee Park"}, "minutes": {"20"}})
	id := regexp.MustCompile(`action="/conversations/(\d+)/steps"`).FindStringSubmatch(page.body)[1]
	// Closing steps are links to their own page, which asks before it ends
	// the conversation; the others are buttons.
	wantIn(t, "idea", page.body, `href="/conversations/`+id+`/step?to=cancelled"`, `name="to" value="requested"`)
	if strings.Contains(page.body, `value="cancelled"`) {
		t.Errorf("cancelling is a one-click button")
	}
	b.follow("/conversations/"+id+"/steps", url.Values{"to": {"scheduled"}, "meeting_at": {"2026-11-20T10:00"}})
	page = b.get("/conversations/" + id)
	wantIn(t, "scheduled", page.body, `action="/conversations/`+id+`/prepared"`)
	page = b.follow("/conversations/"+id+"/prepared", nil)
	wantIn(t, "prepared", readable(page.body), "Prepared for Lee Park", "Prepared yes")
	if strings.Contains(page.body, "/prepared\"") {
		t.Errorf("the prepared button is still offered")
	}
}

// The thank-you and the report to the referrer are independent steps:
// reporting back first leaves the thank-you due, and each shows as done.
func TestReportingBackBeforeTheThankYouLeavesTheThankYouDue(t *testing.T) {
	b := newBrowser(t, false)
	b.follow("/people", url.Values{"name": {"Lee Park"}, "referred_by": {"Ada Cole"}})
	page := b.follow("/conversations", url.Values{"person": {"Lee Park"}, "minutes": {"20"}})
	id := regexp.MustCompile(`action="/conversations/(\d+)/steps"`).FindStringSubmatch(page.body)[1]
	b.follow("/conversations/"+id+"/steps", url.Values{"to": {"requested"}, "at": {"2026-11-16T09:00"}})
	b.follow("/conversations/"+id+"/steps", url.Values{"to": {"held"}, "at": {"2026-11-16T11:00"}})
	agenda := b.get("/").body
	wantIn(t, "agenda", agenda, `href="/conversations/`+id+`/step?to=reported_back&amp;back=%2F"`, `id="a-thank-c`+id+`"`)
	page = b.follow("/conversations/"+id+"/steps", url.Values{"to": {"reported_back"}, "note": {"Told Ada it went well."}, "back": {"/"}})
	if strings.Contains(page.body, `id="a-report_back-c`+id+`"`) || !strings.Contains(page.body, `id="a-thank-c`+id+`"`) {
		t.Errorf("after the report, the agenda should ask for the thank-you only:\n%s", readable(page.body))
	}
	convo := readable(b.get("/conversations/" + id).body)
	wantIn(t, "conversation", convo, "After the meeting")
	page = b.follow("/conversations/"+id+"/steps", url.Values{"to": {"thanked"}, "back": {"/"}})
	if strings.Contains(page.body, `id="a-thank-c`+id+`"`) || strings.Contains(page.body, `id="a-report_back-c`+id+`"`) {
		t.Errorf("both are done, yet the agenda asks for one:\n%s", readable(page.body))
	}
	if r := b.post("/conversations/"+id+"/steps", url.Values{"to": {"reported_back"}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.body, "already logged") {
		t.Errorf("a second report-back: %d\n%s", r.status, readable(r.body))
	}
}

func TestAgendaGroupPagesReturnToThemselves(t *testing.T) {
	b := newBrowser(t, true)
	page := b.get("/agenda/later")
	ms := regexp.MustCompile(`action="/agenda/([^/"]+)/done">\s*<input type="hidden" name="back" value="/agenda/later">`).FindAllStringSubmatch(page.body, -1)
	if len(ms) < 3 {
		t.Fatalf("the later page's actions do not return to it:\n%s", page.body)
	}
	// Each back on an action of its own: a snoozed action is off the agenda.
	for i, back := range []string{"/agenda/later", "//evil.example/", "https://evil.example/"} {
		r := b.post("/agenda/"+ms[i][1]+"/snooze", url.Values{"for": {"1w"}, "back": {back}})
		want := back
		if strings.Contains(back, "evil") {
			want = "/"
		}
		if loc := r.header.Get("Location"); r.status != http.StatusSeeOther || loc != want {
			t.Errorf("snooze with back=%s: %d to %q, want %q", back, r.status, loc, want)
		}
	}
}

// An agenda card offers one thing to do; done, snooze, a date and logging a
// message already sent wait under "More", so "Done" is never mistaken for
// logging the step.
func TestAgendaCardHasOnePrimaryActionAndAMoreMenu(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		body := b.get("/").body
		cards := regexp.MustCompile(`(?s)<li class="action[^"]*">.*?</li>`).FindAllString(body, -1)
		if len(cards) < 3 {
			t.Fatalf("%d agenda cards, want several:\n%s", len(cards), readable(body))
		}
		primary := regexp.MustCompile(`class="button"`)
		logged := 0
		for _, card := range cards {
			i := strings.Index(card, `<details class="more">`)
			if i < 0 {
				t.Errorf("a card without its More menu:\n%s", card)
				continue
			}
			head, more := card[:i], card[i:]
			if n := len(primary.FindAllString(head, -1)); n != 1 || strings.Contains(head, "<button") {
				t.Errorf("a card shows %d primary actions (want 1) and no other button before More:\n%s", n, card)
			}
			wantIn(t, "more menu", readable(more), "Mark done, log nothing", "Snooze 1 day", "Snooze 1 week", "Pick a date")
			if strings.Contains(more, `/step?to=`) {
				logged++ // a message's card: write it first, or log it under More
				if !strings.Contains(head, "/compose") {
					t.Errorf("a card logs a step under More but writes nothing first:\n%s", card)
				}
			}
		}
		if logged == 0 {
			t.Errorf("no card offers to log a message already sent under More:\n%s", readable(body))
		}
	})
}
