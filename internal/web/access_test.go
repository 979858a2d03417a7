package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
	"github.com/ally-dev/ally/internal/web/samlidptest"
)

// accessPassword is every account's password in the access tests; the
// hash is computed once, as argon2id is slow by design.
const accessPassword = "copper meadow lantern ninety"

// accessCenter is a center whose student Sam owns the records every route
// is tried against; Tina (another student), Vic (a volunteer) and Ada (the
// advisor who made the center) each own a record of their own.
type accessCenter struct {
	db    *storetest.DB
	base  string
	ids   map[string]string // {person}, {field}, ... as they appear in the table's paths
	sam   int64             // the owner's id
	vic   int64             // the volunteer's id
	email string            // the owner's email
}

// roles the walk signs in as, besides anonymous and the owner.
var accessOthers = []string{"tina@westlake.edu", "vic@westlake.edu", "ada@westlake.edu"}

func newAccessCenter(t *testing.T, db *storetest.DB, hash string) *accessCenter {
	t.Helper()
	ctx := context.Background()
	// The personal user's records become the advisor's.
	if err := db.Scope().CreatePerson(ctx, &model.Person{Name: "Ada's contact"}, pagesNow); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store.InitCenter(ctx, "Westlake Career Center", model.NewAccount{Email: "ada@westlake.edu", Name: "Ada Admin", PasswordHash: hash}, pagesNow); err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		email, name string
		role        model.Role
	}{
		{"tina@westlake.edu", "Tina Ortiz", model.RoleStudent},
		{"vic@westlake.edu", "Vic Alvarez", model.RoleVolunteer},
	} {
		acct, err := db.Store.AddAccount(ctx, model.NewAccount{Email: a.email, Name: a.name, Roles: []model.Role{a.role}, PasswordHash: hash}, model.CLIActor(), pagesNow)
		if err != nil {
			t.Fatal(err)
		}
		// The others own records too, so a leak would show theirs or let
		// them reach Sam's through their own.
		if err := db.Store.For(acct.ID).CreatePerson(ctx, &model.Person{Name: a.name + "'s contact"}, pagesNow); err != nil {
			t.Fatal(err)
		}
		if a.role == model.RoleVolunteer {
			vp := model.VolunteerProfile{AccountID: acct.ID, DisplayName: a.name, Fields: []string{"Public policy"}, MonthlyCapacity: 2}
			if err := db.Store.SaveVolunteerProfile(ctx, &vp, &model.VolunteerContact{Phone: "+1 555 0199"}, pagesNow); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Sign-in providers are configured, so that their routes answer.
	srv, _ := ServeAtOwnURL(t, Deps{Store: db.Store, Clock: method.FixedClock(pagesNow), OIDC: mockOIDCConfig(startMockOIDC(t)),
		SAML: config.SAML{IdPMetadata: samlidptest.Start(t, pagesNow).MetadataURL()}})
	c := &accessCenter{db: db, base: srv.URL}
	return c.newOwner(t, "sam@westlake.edu", hash)
}

// newOwner adds a student to the center with the demo story for records,
// and returns the center seen with them as the owner whose ids the table
// names.
func (c *accessCenter) newOwner(t *testing.T, email, hash string) *accessCenter {
	t.Helper()
	ctx := context.Background()
	acct, err := c.db.Store.AddAccount(ctx, model.NewAccount{Email: email, Name: "Sam Lee", Roles: []model.Role{model.RoleStudent}, PasswordHash: hash}, model.CLIActor(), pagesNow)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	sc := c.db.Store.For(acct.ID)
	st, _ := sc.Settings(ctx)
	st.TimeZone = loc.String()
	if err := sc.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.LoadBulk(ctx, demo.Story(pagesNow, loc), pagesNow); err != nil {
		t.Fatal(err)
	}
	o := &accessCenter{db: c.db, base: c.base, sam: acct.ID, email: email, ids: map[string]string{}}
	o.collectIDs(t)
	return o
}

// collectIDs finds one of Sam's records of every kind, making through
// his own session those the demo lacks (a template, a question, a
// capture, an uploaded contacts file, a calendar feed).
func (c *accessCenter) collectIDs(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	sc := c.db.Store.For(c.sam)
	priya, _, err := sc.ResolvePerson(ctx, "Priya Raman")
	if err != nil {
		t.Fatal(err)
	}
	c.ids["{person}"] = itoa(priya)
	vic, _, err := c.db.Store.AccountByEmail(ctx, "vic@westlake.edu")
	if err != nil {
		t.Fatal(err)
	}
	c.ids["{volunteer}"] = itoa(vic.ID)
	c.vic = vic.ID
	c.restorePhoto(t)
	lone := &model.Person{Name: "Lone Contact"}
	if err := sc.CreatePerson(ctx, lone, pagesNow); err != nil {
		t.Fatal(err)
	}
	c.ids["{loneperson}"] = itoa(lone.ID)
	convos, err := sc.Conversations(ctx, store.ConversationFilter{PersonID: priya})
	if err != nil || len(convos) == 0 {
		t.Fatalf("Priya's conversations: %v", err)
	}
	c.ids["{conversation}"] = itoa(convos[0].ID)
	fields, err := sc.Fields(ctx)
	if err != nil || len(fields) == 0 {
		t.Fatalf("fields: %v", err)
	}
	c.ids["{field}"] = itoa(fields[0].ID)
	orgs, err := sc.Organizations(ctx)
	if err != nil || len(orgs) == 0 {
		t.Fatalf("organizations: %v", err)
	}
	c.ids["{org}"] = itoa(orgs[0].ID)
	acts, err := sc.Activities(ctx, store.ActivityFilter{PersonID: priya})
	if err != nil || len(acts) == 0 {
		t.Fatalf("activities: %v", err)
	}
	c.ids["{activity}"] = itoa(acts[0].ID)
	agenda, err := sc.Agenda(ctx, pagesNow)
	if err != nil || len(agenda) == 0 {
		t.Fatalf("agenda: %v", err)
	}
	c.ids["{action}"] = agenda[0].ID
	// The same kind of action on a record that does not exist.
	c.ids["{missing}"] = missingID
	c.ids["{missingaction}"] = agenda[0].ID[:strings.LastIndexByte(agenda[0].ID, '-')+2] + missingID
	k := &store.Capture{ConversationID: convos[0].ID, Kind: store.CaptureTerm, Text: "TIF"}
	if err := sc.AddCapture(ctx, k, pagesNow); err != nil {
		t.Fatal(err)
	}
	c.ids["{capture}"] = itoa(k.ID)
	g, err := sc.Guide(ctx, convos[0].ID, pagesNow)
	if err != nil || len(g.Questions) == 0 {
		t.Fatalf("the conversation's guide: %v", err)
	}
	c.ids["{guideq}"] = g.Questions[0].ID

	b := c.as(t, c.email)
	r := b.post("/templates", url.Values{"name": {"Sam's thanks"}, "kind": {"thank_you"}, "channel": {"social"}, "body": {"{{.Hi}} thank you for your time today; I learned a lot. {{.UserName}}"}})
	c.ids["{template}"] = lastSegment(t, r, "/templates/")
	r = b.post("/questions", url.Values{"text": {"Which part of your week do you look forward to most?"}, "topic": {"lifestyle"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("Sam's question: %d\n%s", r.status, readable(r.body))
	}
	qs, err := sc.Questions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if strings.HasPrefix(q.Text, "Which part of your week") {
			c.ids["{question}"] = q.ID
		}
	}
	if c.ids["{question}"] == "" {
		t.Fatal("Sam's question is not in his bank")
	}
	r = b.upload("google", "contacts.csv", testdata(t, "google/contacts.csv"))
	c.ids["{token}"] = lastSegment(t, r, "/import/")
	feed, err := sc.NewCalendarFeed(ctx, pagesNow)
	if err != nil {
		t.Fatal(err)
	}
	c.ids["{feed}"] = feed.Secret + ".ics"
	// Sam's request to Vic: its two parties and the advisors read it.
	// Only the first owner sends one, so that Vic's room is not used up
	// by the owners the walk adds.
	if c.email == "sam@westlake.edu" {
		set, err := c.db.Store.CenterRules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		req, err := c.db.Store.SendRequest(ctx, set, center.Draft{StudentID: c.sam, VolunteerID: c.vic, Field: "Public policy",
			Message: "Could I ask you about your path into public policy? Twenty minutes at a time that suits you.", Minutes: 20,
			Channel: "video"}, nil, pagesNow)
		if err != nil {
			t.Fatal(err)
		}
		c.ids["{request}"] = itoa(req.ID)
	}
}

func lastSegment(t *testing.T, r response, prefix string) string {
	t.Helper()
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("want a 303 to %s…, got %d %q\n%s", prefix, r.status, loc, readable(r.body))
	}
	return strings.TrimPrefix(loc, prefix)
}

// as is a browser signed in as email ("" stays anonymous).
func (c *accessCenter) as(t *testing.T, email string) *browser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &browser{t: t, base: c.base, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	if email != "" {
		if r := b.post("/signin", url.Values{"email": {email}, "password": {accessPassword}, "next": {"/"}}); r.status != http.StatusSeeOther || r.header.Get("Location") != "/" {
			t.Fatalf("sign in as %s: %d\n%s", email, r.status, readable(r.body))
		}
	}
	return b
}

// snapshot is everything Sam owns, as his backup writes it.
// restorePhoto gives Vic a directory photo (again, after he removed it).
func (c *accessCenter) restorePhoto(t *testing.T) {
	t.Helper()
	if err := c.db.Store.SetVolunteerPhoto(context.Background(), c.vic, []byte("\xff\xd8 a photo"), pagesNow); err != nil {
		t.Fatal(err)
	}
}

func (c *accessCenter) snapshot(t *testing.T) string {
	t.Helper()
	var buf bytes.Buffer
	if err := c.db.Store.For(c.sam).Export(context.Background(), &buf, pagesNow); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// access is one route of routes.go as the walk tries it.
type access struct {
	path string // with {person}, {field}, ... standing for Sam's ids
	body string // a form for pages, JSON for the API
	// owner is Sam's status. others is the status of another signed-in
	// user (another student, a volunteer, the advisor): 404 for Sam's
	// personal records, whatever their own space answers otherwise.
	owner, others int
	// advisor, when set, is the advisor's status where it differs from
	// the others' (a page the policy gives advisors only); volunteer, the
	// volunteer's (Vic has no student role).
	advisor, volunteer int
	// changes marks a request after which the owner's next ones would
	// find another state (a deletion, a step): a student of its own, with
	// the same records as Sam, makes it.
	changes bool
	// public routes answer the anonymous as anyone (anon is their status).
	public bool
	anon   int
	// unknown, when set, is the same request naming a record that does
	// not exist (in its path or in its body): it must get exactly the
	// answer another user gets for Sam's, so that it tells nothing about
	// Sam's records.
	unknown *access
}

// accessTable is every route, by "METHOD pattern". A route added to
// routes.go without a line here fails TestEveryRouteKeepsSamsRecordsHis.
func accessTable() map[string]access {
	const nf = http.StatusNotFound
	return map[string]access{
		"GET /api/v1/openapi.json": {path: "/api/v1/openapi.json", owner: 200, others: 200},

		"GET /api/v1/people":                    {path: "/api/v1/people", owner: 200, others: 200},
		"POST /api/v1/people":                   {path: "/api/v1/people", body: `{"name":"Nadia Rahman"}`, owner: 201, others: 201},
		"GET /api/v1/people/{id}":               {path: "/api/v1/people/{person}", owner: 200, others: nf},
		"PUT /api/v1/people/{id}":               {path: "/api/v1/people/{person}", body: `{"name":"Renamed"}`, owner: 200, others: nf},
		"DELETE /api/v1/people/{id}":            {path: "/api/v1/people/{loneperson}", owner: 204, others: nf, changes: true},
		"GET /api/v1/people/{id}/timeline":      {path: "/api/v1/people/{person}/timeline", owner: 200, others: nf},
		"GET /api/v1/fields":                    {path: "/api/v1/fields", owner: 200, others: 200},
		"POST /api/v1/fields":                   {path: "/api/v1/fields", body: `{"name":"Forestry"}`, owner: 201, others: 201},
		"GET /api/v1/fields/{id}":               {path: "/api/v1/fields/{field}", owner: 200, others: nf},
		"PUT /api/v1/fields/{id}":               {path: "/api/v1/fields/{field}", body: `{"name":"Renamed","target":3}`, owner: 200, others: nf},
		"DELETE /api/v1/fields/{id}":            {path: "/api/v1/fields/{field}", owner: 204, others: nf, changes: true},
		"GET /api/v1/organizations":             {path: "/api/v1/organizations", owner: 200, others: 200},
		"POST /api/v1/organizations":            {path: "/api/v1/organizations", body: `{"name":"Acme Forestry"}`, owner: 201, others: 201},
		"GET /api/v1/organizations/{id}":        {path: "/api/v1/organizations/{org}", owner: 200, others: nf},
		"PUT /api/v1/organizations/{id}":        {path: "/api/v1/organizations/{org}", body: `{"name":"Renamed"}`, owner: 200, others: nf},
		"DELETE /api/v1/organizations/{id}":     {path: "/api/v1/organizations/{org}", owner: 204, others: nf, changes: true},
		"GET /api/v1/conversations":             {path: "/api/v1/conversations", owner: 200, others: 200},
		"POST /api/v1/conversations":            {path: "/api/v1/conversations", body: `{"person_id":{person},"channel":"video","minutes":20}`, owner: 201, others: nf, unknown: &access{path: "/api/v1/conversations", body: `{"person_id":{missing},"channel":"video","minutes":20}`}},
		"GET /api/v1/conversations/{id}":        {path: "/api/v1/conversations/{conversation}", owner: 200, others: nf},
		"PUT /api/v1/conversations/{id}":        {path: "/api/v1/conversations/{conversation}", body: `{"person_id":{person},"channel":"phone","minutes":25}`, owner: 200, others: nf},
		"DELETE /api/v1/conversations/{id}":     {path: "/api/v1/conversations/{conversation}", owner: 204, others: nf, changes: true},
		"POST /api/v1/conversations/{id}/steps": {path: "/api/v1/conversations/{conversation}/steps", body: `{"step":"reported_back"}`, owner: 200, others: nf, changes: true},
		"GET /api/v1/activities":                {path: "/api/v1/activities", owner: 200, others: 200},
		"POST /api/v1/activities":               {path: "/api/v1/activities", body: `{"person_id":{person},"kind":"call","note":"called"}`, owner: 201, others: nf, unknown: &access{path: "/api/v1/activities", body: `{"person_id":{missing},"kind":"call","note":"called"}`}},
		"GET /api/v1/activities/{id}":           {path: "/api/v1/activities/{activity}", owner: 200, others: nf},
		"PUT /api/v1/activities/{id}":           {path: "/api/v1/activities/{activity}", body: `{"person_id":{person},"kind":"call","note":"changed"}`, owner: 200, others: nf},
		"DELETE /api/v1/activities/{id}":        {path: "/api/v1/activities/{activity}", owner: 204, others: nf, changes: true},
		"GET /api/v1/agenda":                    {path: "/api/v1/agenda", owner: 200, others: 200},
		"POST /api/v1/agenda/{id}/done":         {path: "/api/v1/agenda/{action}/done", owner: 200, others: nf, changes: true},
		"POST /api/v1/agenda/{id}/snooze":       {path: "/api/v1/agenda/{action}/snooze", body: `{"until":"2026-12-20"}`, owner: 200, others: nf, changes: true},
		"GET /api/v1/search":                    {path: "/api/v1/search?q=Priya", owner: 200, others: 200},
		"GET /api/v1/directory":                 {path: "/api/v1/directory?field=Public+policy", owner: 200, others: 200, volunteer: 403},
		"GET /api/v1/settings":                  {path: "/api/v1/settings", owner: 200, others: 200},
		// A center's requests: each side sees its own, an advisor every
		// request's metadata; only students send, only volunteers answer.
		"GET /api/v1/requests": {path: "/api/v1/requests", owner: 200, others: 200},
		"POST /api/v1/requests": {path: "/api/v1/requests", body: `{"volunteer_id":{volunteer},"field":"Public policy","minutes":20,"channel":"video","message":"Dear Vic, may I ask you about your work in policy for 20 minutes?"}`,
			owner: 201, others: 201, volunteer: 403, advisor: 403, changes: true},
		"GET /api/v1/requests/{id}":           {path: "/api/v1/requests/{request}", owner: 200, others: nf, volunteer: 200, advisor: 200},
		"POST /api/v1/requests/{id}/accept":   {path: "/api/v1/requests/{missing}/accept", owner: 403, others: 403, volunteer: nf},
		"POST /api/v1/requests/{id}/decline":  {path: "/api/v1/requests/{missing}/decline", owner: 403, others: 403, volunteer: nf},
		"POST /api/v1/requests/{id}/cancel":   {path: "/api/v1/requests/{missing}/cancel", owner: nf, others: nf},
		"POST /api/v1/requests/{id}/no-show":  {path: "/api/v1/requests/{missing}/no-show", owner: nf, others: nf},
		"POST /api/v1/requests/{id}/held":     {path: "/api/v1/requests/{missing}/held", owner: nf, others: nf},
		"POST /api/v1/requests/{id}/feedback": {path: "/api/v1/requests/{missing}/feedback", body: `{"rating":5}`, owner: nf, others: nf},
		"PUT /api/v1/settings":                {path: "/api/v1/settings", body: `{"time_zone":"Europe/Paris"}`, owner: 200, others: 200},
		"GET /api/":                           {path: "/api/v2/nothing", owner: nf, others: nf},
		"GET /healthz":                        {path: "/healthz", public: true, anon: 200, owner: 200, others: 200},

		"GET /signin":       {path: "/signin", public: true, anon: 200, owner: 200, others: 200},
		"POST /signin":      {path: "/signin", body: "email=sam%40westlake.edu&password=wrong+wrong+wrong", public: true, anon: 401, owner: 401, others: 401},
		"GET /center/audit": {path: "/center/audit", owner: 403, others: 403, advisor: 200},
		"POST /signout":     {path: "/signout", owner: 303, others: 303, changes: true},
		// Sign-in through a provider: anyone may begin one (to the
		// provider) and come back; a return without a flow is refused.
		"GET /signin/oidc":          {path: "/signin/oidc?next=%2Fpeople", public: true, anon: 303, owner: 303, others: 303},
		"GET /signin/oidc/callback": {path: "/signin/oidc/callback?code=x&state=y", public: true, anon: 400, owner: 400, others: 400},
		"GET /saml/metadata":        {path: "/saml/metadata", public: true, anon: 200, owner: 200, others: 200},
		"GET /signin/saml":          {path: "/signin/saml?next=%2Fpeople", public: true, anon: 303, owner: 303, others: 303},
		"POST /saml/acs":            {path: "/saml/acs", body: "SAMLResponse=bm90IFNBTUw%3D", public: true, anon: 400, owner: 400, others: 400},
		// Students and advisors search the directory; a volunteer who is
		// not a student does not. Nobody sees contact details yet.
		"GET /directory":      {path: "/directory?q=Vic&field=Public+policy", owner: 200, others: 200, volunteer: 403},
		"GET /directory/{id}": {path: "/directory/{volunteer}", owner: 200, others: 200, volunteer: 403},
		// Students and volunteers write their own profiles; an advisor has none.
		"GET /profile":  {path: "/profile", owner: 200, others: 200, advisor: 403},
		"POST /profile": {path: "/profile", body: "s_class_year=2027&s_majors=Economics&v_display_name=Vic+Alvarez&v_monthly_capacity=2", owner: 303, others: 303, advisor: 403},
		// Only a volunteer has a photo: students find no such page, and
		// a form without a file comes back to Vic with the problem.
		"POST /profile/photo":        {path: "/profile/photo", body: "photo=not+a+file", owner: nf, others: nf, volunteer: 422, advisor: 403},
		"POST /profile/photo/delete": {path: "/profile/photo/delete", owner: nf, others: nf, volunteer: 303, advisor: 403},
		"GET /directory/{id}/photo":  {path: "/directory/{volunteer}/photo", owner: 200, others: 200, volunteer: 403},
		// Requests: students write them and follow their own; a request is
		// read by its student, its volunteer and the advisors, and 404 for
		// anyone else; a step another side may not take is refused (409).
		"GET /directory/{id}/request":        {path: "/directory/{volunteer}/request", owner: 200, others: 200, advisor: 403, volunteer: 403},
		"POST /directory/{id}/request/check": {path: "/directory/{volunteer}/request/check", body: "message=Could+we+talk%3F", owner: 200, others: 200, advisor: 403, volunteer: 403},
		"POST /directory/{id}/request":       {path: "/directory/{volunteer}/request", body: "field=Public+policy&minutes=20&channel=video", owner: 422, others: 422, advisor: 403, volunteer: 403},
		"GET /requests":                      {path: "/requests", owner: 200, others: 200, advisor: 403, volunteer: 403},
		"GET /requests/to-me":                {path: "/requests/to-me", owner: 403, others: 403, volunteer: 200},
		"POST /requests/to-me/pause":         {path: "/requests/to-me/pause", body: "resume=1", owner: 403, others: 403, volunteer: 303},
		"POST /requests/to-me/mail":          {path: "/requests/to-me/mail", body: "mail=digest", owner: 403, others: 403, volunteer: 303},
		"POST /notices/{id}/dismiss":         {path: "/notices/{missing}/dismiss", owner: nf, others: nf},
		"GET /requests/{id}":                 {path: "/requests/{request}", owner: 200, others: nf, advisor: 200, volunteer: 200},
		"POST /requests/{id}/step":           {path: "/requests/{request}/step", body: "action=answer&text=Hello", owner: 409, others: nf, advisor: 409, volunteer: 409},
		"POST /requests/{id}/feedback":       {path: "/requests/{request}/feedback", body: "rating=5", owner: 409, others: nf, advisor: 409, volunteer: 409},
		"GET /center/blocks":                 {path: "/center/blocks", owner: 403, others: 403, advisor: 200},
		"POST /center/blocks/{id}/clear":     {path: "/center/blocks/{missing}/clear", body: "note=Talked+it+over", owner: 403, others: 403, advisor: nf},
		"GET /center/reported":               {path: "/center/reported", owner: 403, others: 403, advisor: 200},
		// Only a request sent over the checker can be marked reviewed.
		"POST /center/reported/{id}/reviewed": {path: "/center/reported/{request}/reviewed", owner: 403, others: 403, advisor: 409},
		// The advisors' care pages: a missing volunteer or request is not
		// found; nobody held a conversation, so there is nobody to thank.
		"GET /center/volunteers":              {path: "/center/volunteers?field=Public+policy&sort=acceptance&dir=asc", owner: 403, others: 403, advisor: 200},
		"GET /center/volunteers/thanks":       {path: "/center/volunteers/thanks", owner: 403, others: 403, advisor: 200},
		"POST /center/volunteers/thanks":      {path: "/center/volunteers/thanks", body: "note=Thank+you", owner: 403, others: 403, advisor: 303},
		"GET /center/volunteers/{id}":         {path: "/center/volunteers/{volunteer}", owner: 403, others: 403, advisor: 200},
		"POST /center/volunteers/{id}/pause":  {path: "/center/volunteers/{missing}/pause", body: "paused_until=2026-12-30", owner: 403, others: 403, advisor: nf},
		"POST /center/volunteers/{id}/remove": {path: "/center/volunteers/{missing}/remove", owner: 403, others: 403, advisor: nf},
		"GET /center/stale":                   {path: "/center/stale?list=untimed", owner: 403, others: 403, advisor: 200},
		"POST /center/stale/{id}/suggest":     {path: "/center/stale/{missing}/suggest", owner: 403, others: 403, advisor: nf},
		"GET /center/students":                {path: "/center/students?list=silent", owner: 403, others: 403, advisor: 200},

		// One-time links: asking for one with a malformed email, and a
		// link Ally never made, are refused the same for everyone; the
		// center takes no sign-ups, so its sign-up pages are not there.
		"GET /signin/forgot":   {path: "/signin/forgot", public: true, anon: 200, owner: 200, others: 200},
		"POST /signin/forgot":  {path: "/signin/forgot", body: "email=nope", public: true, anon: 422, owner: 422, others: 422},
		"GET /reset/{token}":   {path: "/reset/" + forgedLink, public: true, anon: nf, owner: nf, others: nf},
		"POST /reset/{token}":  {path: "/reset/" + forgedLink, body: "password=copper+meadow+lantern+ninety", public: true, anon: nf, owner: nf, others: nf},
		"GET /invite/{token}":  {path: "/invite/" + forgedLink, public: true, anon: nf, owner: nf, others: nf},
		"POST /invite/{token}": {path: "/invite/" + forgedLink, body: "name=X&password=copper+meadow+lantern+ninety", public: true, anon: nf, owner: nf, others: nf},
		// A request email's answer and unsubscribe links: the signed
		// token is the credential, so a forged one is unknown to all.
		"GET /respond/{token}":      {path: "/respond/" + forgedLink, public: true, anon: nf, owner: nf, others: nf},
		"POST /respond/{token}":     {path: "/respond/" + forgedLink, body: "action=accept", public: true, anon: nf, owner: nf, others: nf},
		"GET /unsubscribe/{token}":  {path: "/unsubscribe/" + forgedLink, public: true, anon: nf, owner: nf, others: nf},
		"POST /unsubscribe/{token}": {path: "/unsubscribe/" + forgedLink, body: "emails=off", public: true, anon: nf, owner: nf, others: nf},
		"GET /signup":               {path: "/signup", public: true, anon: nf, owner: nf, others: nf},
		"POST /signup":              {path: "/signup", body: "email=ana%40westlake.edu", public: true, anon: nf, owner: nf, others: nf},
		"GET /signup/{token}":       {path: "/signup/" + forgedLink, public: true, anon: nf, owner: nf, others: nf},
		"POST /signup/{token}":      {path: "/signup/" + forgedLink, body: "name=X&password=copper+meadow+lantern+ninety", public: true, anon: nf, owner: nf, others: nf},

		// The advisors' account pages (policy.go: actManageAccounts).
		"GET /center/accounts":                           {path: "/center/accounts", owner: 403, others: 403, advisor: 200},
		"GET /center/accounts/{id}":                      {path: "/center/accounts/{missing}", owner: 403, others: 403, advisor: nf},
		"POST /center/accounts/{id}/roles":               {path: "/center/accounts/{missing}/roles", body: "role_student=student", owner: 403, others: 403, advisor: nf},
		"POST /center/accounts/{id}/status":              {path: "/center/accounts/{missing}/status", body: "status=disabled", owner: 403, others: 403, advisor: nf},
		"POST /center/accounts/{id}/tokens/{tid}/revoke": {path: "/center/accounts/{missing}/tokens/1/revoke", owner: 403, others: 403, advisor: nf},
		"POST /center/accounts/{id}/export":              {path: "/center/accounts/{missing}/export", owner: 403, others: 403, advisor: nf},
		"GET /center/accounts/{id}/delete":               {path: "/center/accounts/{missing}/delete", owner: 403, others: 403, advisor: nf},
		"POST /center/accounts/{id}/delete":              {path: "/center/accounts/{missing}/delete", body: "email=nobody%40westlake.edu", owner: 403, others: 403, advisor: nf},
		// One's own account: each reads and deletes only their own; a
		// wrong password deletes nothing.
		"GET /account/export.json":      {path: "/account/export.json", owner: 200, others: 200},
		"GET /account/delete":           {path: "/account/delete", owner: 200, others: 200},
		"POST /account/delete":          {path: "/account/delete", body: "password=not+my+password", owner: 422, others: 422},
		"GET /center/outbox":            {path: "/center/outbox", owner: 403, others: 403, advisor: 200},
		"GET /center/invitations":       {path: "/center/invitations", owner: 403, others: 403, advisor: 200},
		"POST /center/invitations/bulk": {path: "/center/invitations/bulk", body: "role=volunteer", owner: 403, others: 403, advisor: 303},
		"POST /center/invitations/rate": {path: "/center/invitations/rate", body: "smtp_per_minute=60", owner: 403, others: 403, advisor: 303},
		"GET /center/import":            {path: "/center/import", owner: 403, others: 403, advisor: 200},
		// A form that is not multipart is refused as the upload it is not.
		"POST /center/import":                  {path: "/center/import", body: "kind=volunteer", owner: 403, others: 403, advisor: 400},
		"GET /center/import/{token}":           {path: "/center/import/no-such-upload", owner: 403, others: 403, advisor: nf},
		"POST /center/import/{token}":          {path: "/center/import/no-such-upload", owner: 403, others: 403, advisor: nf},
		"GET /center/import/{token}/progress":  {path: "/center/import/no-such-upload/progress", owner: 403, others: 403, advisor: nf},
		"POST /center/invitations":             {path: "/center/invitations", body: "email=new%40westlake.edu&role_student=student", owner: 403, others: 403, advisor: 303},
		"POST /center/invitations/{id}/resend": {path: "/center/invitations/{missing}/resend", owner: 403, others: 403, advisor: nf},
		"POST /center/invitations/{id}/expire": {path: "/center/invitations/{missing}/expire", owner: 403, others: 403, advisor: nf},

		// The advisors' console (policy.go: actRunProgram): students and
		// volunteers are refused.
		"GET /center/figures":        {path: "/center/figures", owner: 403, others: 403, advisor: 200},
		"POST /center/terms":         {path: "/center/terms", body: "name=Fall+2026&start=2026-09-01&end=2026-12-20", owner: 403, others: 403, advisor: 303},
		"GET /api/v1/center/figures": {path: "/api/v1/center/figures?by=field", owner: 403, others: 403, advisor: 200},

		"GET /{$}":                        {path: "/", owner: 200, others: 200},
		"POST /demo":                      {path: "/demo", owner: 303, others: 303},
		"GET /agenda/{group}":             {path: "/agenda/later", owner: 200, others: 200},
		"POST /agenda/{id}/done":          {path: "/agenda/{action}/done", owner: 303, others: nf, changes: true, unknown: &access{path: "/agenda/{missingaction}/done"}},
		"GET /agenda/{id}/snooze":         {path: "/agenda/{action}/snooze", owner: 200, others: nf},
		"POST /agenda/{id}/snooze":        {path: "/agenda/{action}/snooze", body: "until=2026-12-20", owner: 303, others: nf, changes: true, unknown: &access{path: "/agenda/{missingaction}/snooze", body: "until=2026-12-20"}},
		"GET /people":                     {path: "/people", owner: 200, others: 200},
		"GET /people/new":                 {path: "/people/new", owner: 200, others: 200},
		"POST /people":                    {path: "/people", body: "name=Omar+Haddad", owner: 303, others: 303},
		"GET /people/{id}":                {path: "/people/{person}", owner: 200, others: nf},
		"GET /people/{id}/edit":           {path: "/people/{person}/edit", owner: 200, others: nf},
		"POST /people/{id}":               {path: "/people/{person}", body: "name=Renamed", owner: 303, others: nf},
		"GET /people/{id}/delete":         {path: "/people/{loneperson}/delete", owner: 200, others: nf},
		"POST /people/{id}/delete":        {path: "/people/{loneperson}/delete", owner: 303, others: nf, changes: true},
		"GET /people/{id}/activities/new": {path: "/people/{person}/activities/new", owner: 200, others: nf},
		"POST /people/{id}/activities":    {path: "/people/{person}/activities", body: "kind=call&note=called", owner: 303, others: nf},
		"GET /activities/{id}/delete":     {path: "/activities/{activity}/delete", owner: 200, others: nf},
		"POST /activities/{id}/delete":    {path: "/activities/{activity}/delete", owner: 303, others: nf, changes: true},

		"GET /fields":                  {path: "/fields", owner: 200, others: 200},
		"GET /fields/new":              {path: "/fields/new", owner: 200, others: 200},
		"POST /fields":                 {path: "/fields", body: "name=Fisheries", owner: 303, others: 303},
		"GET /fields/{id}":             {path: "/fields/{field}", owner: 200, others: nf},
		"GET /fields/{id}/edit":        {path: "/fields/{field}/edit", owner: 200, others: nf},
		"POST /fields/{id}":            {path: "/fields/{field}", body: "name=Renamed", owner: 303, others: nf},
		"GET /fields/{id}/delete":      {path: "/fields/{field}/delete", owner: 200, others: nf},
		"POST /fields/{id}/delete":     {path: "/fields/{field}/delete", owner: 303, others: nf, changes: true},
		"GET /fields/{id}/report.md":   {path: "/fields/{field}/report.md", owner: 200, others: nf},
		"GET /fields/{id}/report.html": {path: "/fields/{field}/report.html", owner: 200, others: nf},
		"GET /orgs":                    {path: "/orgs", owner: 200, others: 200},
		"GET /orgs/new":                {path: "/orgs/new", owner: 200, others: 200},
		"POST /orgs":                   {path: "/orgs", body: "name=Acme+Fisheries", owner: 303, others: 303},
		"GET /orgs/{id}":               {path: "/orgs/{org}", owner: 200, others: nf},
		"GET /orgs/{id}/edit":          {path: "/orgs/{org}/edit", owner: 200, others: nf},
		"POST /orgs/{id}":              {path: "/orgs/{org}", body: "name=Renamed", owner: 303, others: nf},
		"GET /orgs/{id}/delete":        {path: "/orgs/{org}/delete", owner: 200, others: nf},
		"POST /orgs/{id}/delete":       {path: "/orgs/{org}/delete", owner: 303, others: nf, changes: true},

		"GET /questions":                 {path: "/questions", owner: 200, others: 200},
		"GET /questions/new":             {path: "/questions/new", owner: 200, others: 200},
		"POST /questions":                {path: "/questions", body: "topic=entry&text=What+surprised+you+most+in+your+first+year%3F", owner: 303, others: 303},
		"POST /questions/check":          {path: "/questions/check", body: "text=What+surprised+you%3F", owner: 200, others: 200},
		"GET /questions/{id}/edit":       {path: "/questions/{question}/edit", owner: 200, others: nf},
		"POST /questions/{id}":           {path: "/questions/{question}", body: "topic=lifestyle&text=Which+part+of+your+month+do+you+look+forward+to+most%3F", owner: 303, others: nf},
		"GET /questions/{id}/delete":     {path: "/questions/{question}/delete", owner: 200, others: nf},
		"POST /questions/{id}/delete":    {path: "/questions/{question}/delete", owner: 303, others: nf, changes: true},
		"POST /questions/{id}/favourite": {path: "/questions/{question}/favourite", body: "favourite=true", owner: 303, others: nf},
		"POST /questions/{id}/hide":      {path: "/questions/{question}/hide", body: "hidden=true", owner: 303, others: nf},

		"GET /conversations/new":                          {path: "/conversations/new?person={person}", owner: 200, others: nf},
		"POST /conversations":                             {path: "/conversations", body: "person_id={person}&person=Priya+Raman&channel=video&minutes=20", owner: 303, others: 303},
		"GET /conversations/{id}":                         {path: "/conversations/{conversation}", owner: 200, others: nf},
		"GET /conversations/{id}/edit":                    {path: "/conversations/{conversation}/edit", owner: 200, others: nf},
		"POST /conversations/{id}":                        {path: "/conversations/{conversation}", body: "channel=phone&minutes=25", owner: 303, others: nf},
		"GET /conversations/{id}/delete":                  {path: "/conversations/{conversation}/delete", owner: 200, others: nf},
		"POST /conversations/{id}/delete":                 {path: "/conversations/{conversation}/delete", owner: 303, others: nf, changes: true},
		"GET /conversations/{id}/guide":                   {path: "/conversations/{conversation}/guide", owner: 200, others: nf},
		"POST /conversations/{id}/guide/opening":          {path: "/conversations/{conversation}/guide/opening", body: "opening=Thank+you+for+making+time.", owner: 303, others: nf},
		"POST /conversations/{id}/guide/move":             {path: "/conversations/{conversation}/guide/move", body: "question_id={guideq}&dir=down", owner: 303, others: nf},
		"POST /conversations/{id}/guide/add":              {path: "/conversations/{conversation}/guide/add", body: "question_id={question}", owner: 303, others: nf},
		"POST /conversations/{id}/guide/remove":           {path: "/conversations/{conversation}/guide/remove", body: "question_id={question}", owner: 303, others: nf},
		"GET /conversations/{id}/guide/rebuild":           {path: "/conversations/{conversation}/guide/rebuild", owner: 200, others: nf},
		"POST /conversations/{id}/guide/rebuild":          {path: "/conversations/{conversation}/guide/rebuild", owner: 303, others: nf},
		"GET /conversations/{id}/live":                    {path: "/conversations/{conversation}/live", owner: 200, others: nf},
		"POST /conversations/{id}/notes":                  {path: "/conversations/{conversation}/notes", body: "question_id={guideq}&text=She+mentioned+TIF.", owner: 303, others: nf},
		"POST /conversations/{id}/captures":               {path: "/conversations/{conversation}/captures", body: "kind=term&text=LEED", owner: 303, others: nf},
		"POST /conversations/{id}/captures/{cid}/delete":  {path: "/conversations/{conversation}/captures/{capture}/delete", owner: 303, others: nf, changes: true},
		"GET /conversations/{id}/captures/{cid}/edit":     {path: "/conversations/{conversation}/captures/{capture}/edit", owner: 200, others: nf},
		"POST /conversations/{id}/captures/{cid}":         {path: "/conversations/{conversation}/captures/{capture}", body: "text=TIF+financing", owner: 303, others: nf},
		"POST /conversations/{id}/captures/{cid}/resolve": {path: "/conversations/{conversation}/captures/{capture}/resolve", body: "resolved=yes", owner: 303, others: nf},
		"POST /conversations/{id}/guide/keep":             {path: "/conversations/{conversation}/guide/keep", owner: 303, others: nf},
		"GET /conversations":                              {path: "/conversations", owner: 200, others: 200},
		"POST /conversations/{id}/end":                    {path: "/conversations/{conversation}/end", owner: 303, others: nf, changes: true},
		"GET /conversations/{id}/writeup":                 {path: "/conversations/{conversation}/writeup", owner: 200, others: nf},
		"POST /conversations/{id}/writeup":                {path: "/conversations/{conversation}/writeup", body: "summary=Useful.", owner: 303, others: nf, changes: true},
		"GET /conversations/{id}/step":                    {path: "/conversations/{conversation}/step?to=reported_back", owner: 200, others: nf},
		"POST /conversations/{id}/steps":                  {path: "/conversations/{conversation}/steps", body: "to=reported_back", owner: 303, others: nf, changes: true},
		"POST /conversations/{id}/prepared":               {path: "/conversations/{conversation}/prepared", body: "prepared=true", owner: 303, others: nf},
		"GET /conversations/{id}/calendar.ics":            {path: "/conversations/{conversation}/calendar.ics", owner: 200, others: nf},
		// The feed's address is its secret: whoever holds it reads it,
		// signed in or not, which is what a calendar application does.
		"GET /calendar/{file}": {path: "/calendar/{feed}", public: true, anon: 200, owner: 200, others: 200},

		"GET /people/{id}/compose":        {path: "/people/{person}/compose", owner: 200, others: nf},
		"POST /people/{id}/compose/check": {path: "/people/{person}/compose/check", body: "body=Hello", owner: 200, others: nf},
		"POST /people/{id}/compose/sent":  {path: "/people/{person}/compose/sent", body: "convo={conversation}&kind=report_back&body=Hello", owner: 303, others: nf, changes: true},
		// Sam reaches the sender; it refuses for want of an SMTP server (sending
		// itself is settings_smtp_test.go\'s).
		"POST /people/{id}/compose/send": {path: "/people/{person}/compose/send", body: "convo={conversation}&kind=report_back&body=Hello", owner: 409, others: nf, changes: true},
		"GET /compose":                   {path: "/compose", owner: 200, others: 200},

		"GET /templates":              {path: "/templates", owner: 200, others: 200},
		"GET /templates/new":          {path: "/templates/new", owner: 200, others: 200},
		"POST /templates":             {path: "/templates", body: "name=Short+thanks&kind=thank_you&channel=social&body=%7B%7B.Hi%7D%7D+thank+you+for+your+time+today%3B+I+learned+a+lot.+%7B%7B.UserName%7D%7D", owner: 303, others: 303},
		"GET /templates/{id}":         {path: "/templates/{template}", owner: 200, others: nf},
		"POST /templates/{id}":        {path: "/templates/{template}", body: "name=Renamed&kind=thank_you&channel=social&body=%7B%7B.Hi%7D%7D+thank+you+for+your+time+today%3B+I+learned+a+lot.+%7B%7B.UserName%7D%7D", owner: 303, others: nf},
		"GET /templates/{id}/delete":  {path: "/templates/{template}/delete", owner: 200, others: nf},
		"POST /templates/{id}/delete": {path: "/templates/{template}/delete", owner: 303, others: nf, changes: true},

		"GET /stats":   {path: "/stats", owner: 200, others: 200},
		"GET /network": {path: "/network?field={field}", owner: 200, others: 200},

		"GET /import":          {path: "/import", owner: 200, others: 200},
		"POST /import":         {path: "/import", body: "kind=csv", owner: 400, others: 400},
		"GET /import/{token}":  {path: "/import/{token}", owner: 200, others: nf, unknown: &access{path: "/import/no-such-upload"}},
		"POST /import/{token}": {path: "/import/{token}", owner: 303, others: nf, changes: true, unknown: &access{path: "/import/no-such-upload"}},

		"GET /export/ally-backup.json":        {path: "/export/ally-backup.json", owner: 200, others: 200},
		"GET /export/people.vcf":              {path: "/export/people.vcf", owner: 200, others: 200},
		"GET /export/people.csv":              {path: "/export/people.csv", owner: 200, others: 200},
		"POST /settings/calendar-feed":        {path: "/settings/calendar-feed", owner: 303, others: 303, changes: true},
		"GET /settings/calendar-feed/revoke":  {path: "/settings/calendar-feed/revoke", owner: 200, others: 200},
		"POST /settings/calendar-feed/revoke": {path: "/settings/calendar-feed/revoke", owner: 303, others: 303, changes: true},

		"GET /search":        {path: "/search?q=Priya", owner: 200, others: 200},
		"GET /guide":         {path: "/guide", owner: 200, others: 200},
		"GET /settings":      {path: "/settings", owner: 200, others: 200},
		"POST /settings":     {path: "/settings", body: "time_zone=Europe%2FParis", owner: 303, others: 303},
		"GET /static/{file}": {path: "/static/app.css", public: true, anon: 200, owner: 200, others: 200},
		"GET /":              {path: "/no/such/page", owner: nf, others: nf},
	}
}

// forgedLink is a well-formed one-time link token Ally never made.
const forgedLink = "allyl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

// missingID is the id of a record nobody has.
const missingID = "987654321"

// samsMarkers are names only Sam's records carry: a page another user
// sees must show none of them.
var samsMarkers = []string{"Tidewater", "Marcus Okafor", "Sam's thanks", "Which part of your week"}

func (c *accessCenter) request(t *testing.T, b *browser, method string, a access) response {
	t.Helper()
	path, body := a.path, a.body
	for k, v := range c.ids {
		path = strings.ReplaceAll(path, k, v)
		body = strings.ReplaceAll(body, k, v)
	}
	var rd *strings.Reader
	if body != "" || method == http.MethodPost || method == http.MethodPut {
		rd = strings.NewReader(body)
	}
	var req *http.Request
	if rd != nil {
		req, _ = http.NewRequest(method, c.base+path, rd)
	} else {
		req, _ = http.NewRequest(method, c.base+path, nil)
	}
	switch {
	case strings.HasPrefix(path, "/api/") && body != "":
		req.Header.Set("Content-Type", "application/json")
	case body != "" || method == http.MethodPost:
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return b.do(req)
}

func TestEveryRouteKeepsSamsRecordsHis(t *testing.T) {
	hash, err := auth.NewHasher().Hash(accessPassword)
	if err != nil {
		t.Fatal(err)
	}
	table := accessTable()
	var keys []string
	for _, rt := range (&server{}).routes() {
		key := rt.Method + " " + rt.Pattern
		if _, ok := table[key]; !ok {
			t.Errorf("route %s is not in the access table: say who may use it", key)
		}
		keys = append(keys, key)
	}
	if len(keys) != len(table) {
		t.Errorf("the access table has %d routes, routes.go %d", len(table), len(keys))
	}
	sort.Strings(keys)
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newAccessCenter(t, db, hash)
		before := c.snapshot(t)
		for _, who := range append([]string{""}, accessOthers...) {
			b := c.as(t, who)
			for _, key := range keys {
				a := table[key]
				method, _, _ := strings.Cut(key, " ")
				r := c.request(t, b, method, a)
				switch {
				case who == "" && a.public:
					if r.status != a.anon {
						t.Errorf("anonymous %s: %d, want %d", key, r.status, a.anon)
					}
				case who == "" && strings.HasPrefix(a.path, "/api/"):
					if r.status != http.StatusUnauthorized {
						t.Errorf("anonymous %s: %d, want 401", key, r.status)
					}
				case who == "":
					if loc := r.header.Get("Location"); r.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/signin") {
						t.Errorf("anonymous %s: %d to %q, want 303 to /signin", key, r.status, loc)
					}
				default:
					want := a.others
					if who == "ada@westlake.edu" && a.advisor != 0 {
						want = a.advisor
					}
					if who == "vic@westlake.edu" && a.volunteer != 0 {
						want = a.volunteer
					}
					if r.status != want {
						t.Errorf("%s %s: %d, want %d\n%.300s", who, key, r.status, want, readable(r.body))
					}
					if a.unknown != nil {
						u := c.request(t, b, method, *a.unknown)
						// An error may name the id it was given; that is all
						// that may differ.
						same := strings.ReplaceAll(r.body, "id "+c.ids["{person}"], "id "+missingID)
						if u.status != r.status || u.header.Get("Location") != r.header.Get("Location") || u.body != same {
							t.Errorf("%s %s: Sam's record and a missing one get different answers: %d %q %q and %d %q %q",
								who, key, r.status, r.header.Get("Location"), r.body, u.status, u.header.Get("Location"), u.body)
						}
					}
					if a.path != "/calendar/{feed}" {
						for _, m := range samsMarkers {
							if strings.Contains(r.body, m) || strings.Contains(readable(r.body), m) {
								t.Errorf("%s %s shows Sam's %q", who, key, m)
							}
						}
					}
				}
				if key == "POST /signout" && who != "" {
					b = c.as(t, who)
				}
				if key == "POST /profile/photo/delete" {
					c.restorePhoto(t)
				}
			}
			if after := c.snapshot(t); after != before {
				t.Fatalf("%q's requests changed Sam's records", who)
			}
			if who != "" {
				c.ownRecordsOnly(t, who)
			}
		}
		// Sam himself: every route answers him. A request that changes
		// what later ones find is made by a student of its own, with the
		// same records.
		b := c.as(t, c.email)
		for i, key := range keys {
			a := table[key]
			method, _, _ := strings.Cut(key, " ")
			cc, bb := c, b
			if a.changes {
				cc = c.newOwner(t, fmt.Sprintf("sam%d@westlake.edu", i), hash)
				bb = cc.as(t, cc.email)
			}
			if r := cc.request(t, bb, method, a); r.status != a.owner {
				t.Errorf("Sam %s: %d, want %d\n%s", key, r.status, a.owner, readable(r.body))
			}
		}
	})
}

// ownRecordsOnly checks that what the user's writes made names only the
// user's own people: a conversation or activity created with Sam's
// person's id must not have reached Sam's person.
func (c *accessCenter) ownRecordsOnly(t *testing.T, email string) {
	t.Helper()
	ctx := context.Background()
	acct, found, err := c.db.Store.AccountByEmail(ctx, email)
	if err != nil || !found {
		t.Fatalf("account %s: %v", email, err)
	}
	sc := c.db.Store.For(acct.ID)
	convos, err := sc.Conversations(ctx, store.ConversationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	acts, err := sc.Activities(ctx, store.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	people := map[int64]bool{}
	for _, cv := range convos {
		people[cv.Person.ID] = true
	}
	for _, a := range acts {
		people[a.Person.ID] = true
	}
	for id := range people {
		if _, err := sc.Person(ctx, id); err != nil {
			t.Errorf("%s has a conversation or activity with person %d, who is not theirs: %v", email, id, err)
		}
	}
}
