package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

const (
	adaPassword = "violet tractor harbour seventeen"
	samPassword = "quiet lantern orchard ninety"
)

// centerFixture is a center with an advisor (the local user, who owns
// "Priya Patel") and a student, Sam (who owns "Sam's Contact").
type centerFixture struct {
	db         *storetest.DB
	b          *browser
	samID      int64
	samPerson  int64
	adaPerson  int64
	adaAccount model.Account
}

func newCenterFixture(t *testing.T, db *storetest.DB) *centerFixture {
	t.Helper()
	ctx := context.Background()
	h := auth.NewHasher()
	hash := func(pw string) string {
		s, err := h.Hash(pw)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	f := &centerFixture{db: db}
	p := &model.Person{Name: "Priya Patel"}
	if err := db.Scope().CreatePerson(ctx, p, pagesNow); err != nil {
		t.Fatal(err)
	}
	f.adaPerson = p.ID
	var err error
	f.adaAccount, err = db.Store.InitCenter(ctx, "Westlake Career Center", model.NewAccount{Email: "ada@westlake.edu", Name: "Ada Admin", PasswordHash: hash(adaPassword)}, pagesNow)
	if err != nil {
		t.Fatal(err)
	}
	sam, err := db.Store.AddAccount(ctx, model.NewAccount{Email: "sam@westlake.edu", Name: "Sam Lee", Roles: []model.Role{model.RoleStudent}, PasswordHash: hash(samPassword)}, model.CLIActor(), pagesNow)
	if err != nil {
		t.Fatal(err)
	}
	f.samID = sam.ID
	sp := &model.Person{Name: "Sams Contact"}
	if err := db.Store.For(sam.ID).CreatePerson(ctx, sp, pagesNow); err != nil {
		t.Fatal(err)
	}
	f.samPerson = sp.ID
	f.b = browserOn(t, db, false)
	return f
}

func (f *centerFixture) signIn(t *testing.T, email, password, next string) response {
	t.Helper()
	return f.b.post("/signin", url.Values{"email": {email}, "password": {password}, "next": {next}})
}

func TestCenterPagesAndAPINeedASignedInUser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := newCenterFixture(t, db)
		b := f.b
		for _, tc := range []struct {
			path, location string
		}{
			{"/", "/signin"},
			{"/people", "/signin?next=%2Fpeople"},
			{"/people/" + strconv.FormatInt(f.adaPerson, 10) + "?x=1", "/signin?next=%2Fpeople%2F" + strconv.FormatInt(f.adaPerson, 10) + "%3Fx%3D1"},
			{"/settings", "/signin?next=%2Fsettings"},
			{"/export/ally-backup.json", "/signin?next=%2Fexport%2Fally-backup.json"},
		} {
			r := b.get(tc.path)
			if r.status != http.StatusSeeOther || r.header.Get("Location") != tc.location {
				t.Errorf("anonymous GET %s: %d to %q, want 303 to %q", tc.path, r.status, r.header.Get("Location"), tc.location)
			}
		}
		if r := b.post("/people", url.Values{"name": {"Intruder"}}); r.status != http.StatusSeeOther || r.header.Get("Location") != "/signin" {
			t.Errorf("anonymous POST /people: %d %q", r.status, r.header.Get("Location"))
		}
		for _, path := range []string{"/api/v1/people", "/api/v1/people/" + strconv.FormatInt(f.adaPerson, 10), "/api/v1/openapi.json"} {
			r := b.get(path)
			var body apiError
			if r.status != http.StatusUnauthorized || json.Unmarshal([]byte(r.body), &body) != nil || body.Error == "" || r.header.Get("WWW-Authenticate") == "" {
				t.Errorf("anonymous GET %s: %d %q", path, r.status, r.body)
			}
		}
		if r := b.get("/healthz"); r.status != http.StatusOK {
			t.Errorf("/healthz: %d", r.status)
		}
		r := b.get("/signin")
		if r.status != http.StatusOK || !strings.Contains(r.body, "Sign in to Westlake Career Center") || strings.Contains(r.body, "Sign out") ||
			strings.Contains(r.body, `class="site-nav"`) || strings.Contains(r.body, `role="search"`) {
			t.Errorf("/signin: %d\n%s", r.status, readable(r.body))
		}
		if people, _, _ := f.db.Store.For(f.samID).People(context.Background(), store.PeopleFilter{}); len(people) != 1 {
			t.Errorf("an anonymous post changed Sam's records: %d people", len(people))
		}
	})
}

func TestSignInShowsOnlyTheUsersOwnRecordsAndSignOutEndsTheSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := newCenterFixture(t, db)
		b := f.b
		r := f.signIn(t, "SAM@westlake.edu", samPassword, "/people")
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/people" {
			t.Fatalf("sign in: %d %q\n%s", r.status, r.header.Get("Location"), readable(r.body))
		}
		cookie := r.header.Get("Set-Cookie")
		for _, want := range []string{sessionCookie + "=" + auth.SessionPrefix, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=2592000"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("session cookie %q lacks %q", cookie, want)
			}
		}
		page := b.get("/people")
		if page.status != http.StatusOK || !strings.Contains(page.body, "Sams Contact") || strings.Contains(page.body, "Priya Patel") || !strings.Contains(page.body, "Sign out") {
			t.Fatalf("Sam's people page: %d\n%s", page.status, readable(page.body))
		}
		if r := b.get("/people/" + strconv.FormatInt(f.adaPerson, 10)); r.status != http.StatusNotFound {
			t.Errorf("Sam reading the advisor's person: %d, want 404", r.status)
		}
		if r := b.get("/api/v1/people/" + strconv.FormatInt(f.adaPerson, 10)); r.status != http.StatusNotFound {
			t.Errorf("Sam reading the advisor's person through the API with a cookie: %d, want 404", r.status)
		}
		if r := b.get("/api/v1/people/" + strconv.FormatInt(f.samPerson, 10)); r.status != http.StatusOK {
			t.Errorf("Sam reading his person through the API with a cookie: %d", r.status)
		}
		u, _ := url.Parse(b.base)
		old := b.client.Jar.Cookies(u)
		if r := b.post("/signout", nil); r.status != http.StatusSeeOther || r.header.Get("Location") != "/signin" {
			t.Fatalf("sign out: %d %q", r.status, r.header.Get("Location"))
		}
		if r := b.get("/people"); r.status != http.StatusSeeOther {
			t.Errorf("after sign-out: %d, want 303", r.status)
		}
		// The old cookie, replayed, is worth nothing: the session is gone
		// from the database, not only from the browser.
		b.client.Jar.SetCookies(u, old)
		if r := b.get("/people"); r.status != http.StatusSeeOther {
			t.Errorf("a replayed cookie after sign-out: %d, want 303", r.status)
		}
	})
}

func TestSignInRefusalsKeepTheEmailAndSayWhy(t *testing.T) {
	b := newCenterFixture(t, storetest.SQLite(t))
	for _, tc := range []struct {
		name, email, password string
		status                int
		says                  string
	}{
		{"wrong password", "sam@westlake.edu", "not the password", http.StatusUnauthorized, "That email and password do not match an account."},
		{"unknown email", "nobody@westlake.edu", "not the password", http.StatusUnauthorized, "That email and password do not match an account."},
		{"empty", "", "", http.StatusUnauthorized, "That email and password do not match an account."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := b.signIn(t, tc.email, tc.password, "/")
			if r.status != tc.status || !strings.Contains(r.body, tc.says) || !strings.Contains(r.body, `value="`+tc.email+`"`) {
				t.Fatalf("%d\n%s", r.status, readable(r.body))
			}
			if tc.password != "" && strings.Contains(r.body, tc.password) {
				t.Fatal("the password was written back into the page")
			}
			if strings.Contains(r.header.Get("Set-Cookie"), sessionCookie+"="+auth.SessionPrefix) {
				t.Fatal("a refused sign-in set a session cookie")
			}
		})
	}
}

func TestSignInIsLimitedPerAccount(t *testing.T) {
	f := newCenterFixture(t, storetest.SQLite(t))
	for range 10 {
		f.signIn(t, "sam@westlake.edu", "guess guess guess", "/")
	}
	r := f.signIn(t, "sam@westlake.edu", samPassword, "/")
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") != "900" || !strings.Contains(r.body, "Try again in 15 minutes.") {
		t.Fatalf("11th attempt: %d, Retry-After %q\n%s", r.status, r.header.Get("Retry-After"), readable(r.body))
	}
}

func TestSignInNeverRedirectsOffSite(t *testing.T) {
	for _, next := range []string{"//evil.example/x", "https://evil.example/", `/\evil.example`, "javascript:alert(1)", ""} {
		if got := localPath(next); got != "/" {
			t.Errorf("localPath(%q) = %q, want /", next, got)
		}
	}
	if got := localPath("/people/4?tab=notes"); got != "/people/4?tab=notes" {
		t.Errorf("a local path was changed: %q", got)
	}
	f := newCenterFixture(t, storetest.SQLite(t))
	if r := f.signIn(t, "sam@westlake.edu", samPassword, "//evil.example/"); r.header.Get("Location") != "/" {
		t.Fatalf("sign-in with an off-site next went to %q", r.header.Get("Location"))
	}
}

func TestDisablingAnAccountEndsItsSessionAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := newCenterFixture(t, db)
		if r := f.signIn(t, "sam@westlake.edu", samPassword, "/"); r.status != http.StatusSeeOther {
			t.Fatal(r.status)
		}
		if r := f.b.get("/people"); r.status != http.StatusOK {
			t.Fatalf("signed in: %d", r.status)
		}
		if _, err := db.Store.SetStatus(context.Background(), "sam@westlake.edu", model.StatusDisabled, model.CLIActor(), pagesNow); err != nil {
			t.Fatal(err)
		}
		if r := f.b.get("/people"); r.status != http.StatusSeeOther {
			t.Fatalf("after disabling: %d, want 303 to sign in", r.status)
		}
		if r := f.signIn(t, "sam@westlake.edu", samPassword, "/"); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "disabled") {
			t.Fatalf("a disabled account signing in: %d\n%s", r.status, readable(r.body))
		}
	})
}

func TestAPITakesBearerTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		f := newCenterFixture(t, db)
		token, hash, err := auth.NewToken(nil, auth.APITokenPrefix)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := db.Store.CreateAPIToken(ctx, "sam@westlake.edu", "script", hash, model.CLIActor(), pagesNow)
		if err != nil {
			t.Fatal(err)
		}
		call := func(path, authz string) response {
			req, _ := http.NewRequest(http.MethodGet, f.b.base+path, nil)
			if authz != "" {
				req.Header.Set("Authorization", authz)
			}
			return f.b.do(req)
		}
		r := call("/api/v1/people", "Bearer "+token)
		var people struct{ Items []model.Person }
		if r.status != http.StatusOK || json.Unmarshal([]byte(r.body), &people) != nil || len(people.Items) != 1 || people.Items[0].Name != "Sams Contact" {
			t.Fatalf("GET /api/v1/people with Sam's token: %d %s", r.status, r.body)
		}
		if r := call("/api/v1/people/"+strconv.FormatInt(f.adaPerson, 10), "Bearer "+token); r.status != http.StatusNotFound {
			t.Errorf("Sam's token reading the advisor's person: %d, want 404", r.status)
		}
		for name, authz := range map[string]string{
			"malformed":         "Bearer nonsense",
			"another scheme":    "Basic " + token,
			"a session token":   "Bearer " + auth.SessionPrefix + strings.TrimPrefix(token, auth.APITokenPrefix),
			"no header, in URL": "",
		} {
			path := "/api/v1/people"
			if authz == "" {
				path += "?access_token=" + url.QueryEscape(token)
			}
			if r := call(path, authz); r.status != http.StatusUnauthorized {
				t.Errorf("%s: %d, want 401", name, r.status)
			}
		}
		list, _ := db.Store.APITokens(ctx, "sam@westlake.edu")
		if list[0].LastUsedAt == nil || !list[0].LastUsedAt.Equal(pagesNow) {
			t.Errorf("last use not recorded: %+v", list[0])
		}
		if _, err := db.Store.RevokeAPIToken(ctx, tok.ID, model.CLIActor(), pagesNow); err != nil {
			t.Fatal(err)
		}
		if r := call("/api/v1/people", "Bearer "+token); r.status != http.StatusUnauthorized {
			t.Errorf("a revoked token: %d, want 401", r.status)
		}
		// Pages do not take tokens: a stolen API token is no browser session.
		if r := call("/people", "Bearer "+token); r.status != http.StatusSeeOther {
			t.Errorf("a page with a bearer token: %d, want 303 to sign in", r.status)
		}
	})
}

func TestPersonalModeNeedsNoSignIn(t *testing.T) {
	b := newBrowser(t, false)
	if r := b.get("/people"); r.status != http.StatusOK || strings.Contains(r.body, "Sign out") {
		t.Fatalf("personal /people: %d", r.status)
	}
	if r := b.get("/signin"); r.status != http.StatusSeeOther || r.header.Get("Location") != "/" {
		t.Fatalf("personal /signin: %d %q", r.status, r.header.Get("Location"))
	}
}

func TestSigningInAgainEndsThePreviousSession(t *testing.T) {
	f := newCenterFixture(t, storetest.SQLite(t))
	if r := f.signIn(t, "sam@westlake.edu", samPassword, "/"); r.status != http.StatusSeeOther {
		t.Fatal(r.status)
	}
	u, _ := url.Parse(f.b.base)
	first := f.b.client.Jar.Cookies(u)
	if r := f.signIn(t, "ada@westlake.edu", adaPassword, "/"); r.status != http.StatusSeeOther {
		t.Fatal(r.status)
	}
	if page := f.b.get("/people"); !strings.Contains(page.body, "Priya Patel") || strings.Contains(page.body, "Sams Contact") {
		t.Fatalf("after Ada signed in on Sam's browser:\n%s", readable(page.body))
	}
	f.b.client.Jar.SetCookies(u, first)
	if r := f.b.get("/people"); r.status != http.StatusSeeOther {
		t.Fatalf("Sam's earlier session still works after another sign-in on the browser: %d", r.status)
	}
}

func TestHtmxRequestsAreSentToSignIn(t *testing.T) {
	f := newCenterFixture(t, storetest.SQLite(t))
	req, _ := http.NewRequest(http.MethodGet, f.b.base+"/search?q=a", nil)
	req.Header.Set("HX-Request", "true")
	r := f.b.do(req)
	if r.status != http.StatusUnauthorized || r.header.Get("HX-Redirect") != "/signin?next=%2Fsearch%3Fq%3Da" {
		t.Fatalf("htmx request: %d, HX-Redirect %q", r.status, r.header.Get("HX-Redirect"))
	}
}

func TestCrossSiteRequestsCannotUseOrMakeASession(t *testing.T) {
	f := newCenterFixture(t, storetest.SQLite(t))
	crossSite := func(path string, form url.Values) response {
		req, _ := http.NewRequest(http.MethodPost, f.b.base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		return f.b.do(req)
	}
	// Login CSRF: another site cannot sign this browser in as someone else.
	if r := crossSite("/signin", url.Values{"email": {"sam@westlake.edu"}, "password": {samPassword}}); r.status != http.StatusForbidden {
		t.Fatalf("a cross-site sign-in: %d, want 403", r.status)
	}
	if r := f.signIn(t, "sam@westlake.edu", samPassword, "/"); r.status != http.StatusSeeOther {
		t.Fatal(r.status)
	}
	if r := crossSite("/people", url.Values{"name": {"Planted"}}); r.status != http.StatusForbidden {
		t.Fatalf("a cross-site post with Sam's cookie: %d, want 403", r.status)
	}
	if r := crossSite("/signout", nil); r.status != http.StatusForbidden {
		t.Fatalf("a cross-site sign-out: %d, want 403", r.status)
	}
	if people, _, _ := f.db.Store.For(f.samID).People(context.Background(), store.PeopleFilter{}); len(people) != 1 {
		t.Fatalf("a cross-site post changed Sam's records: %d people", len(people))
	}
}

// An uploaded contacts file waiting for its import is its uploader's:
// another user holding the address gets nothing.
func TestImportUploadsBelongToTheirUploader(t *testing.T) {
	f := newCenterFixture(t, storetest.SQLite(t))
	if r := f.signIn(t, "sam@westlake.edu", samPassword, "/"); r.status != http.StatusSeeOther {
		t.Fatal(r.status)
	}
	r := f.b.upload("linkedin", "Connections.csv", testdata(t, "linkedin/Connections.csv"))
	preview := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(preview, "/import/") {
		t.Fatalf("upload: %d %q", r.status, preview)
	}
	if r := f.b.get(preview); r.status != http.StatusOK {
		t.Fatalf("Sam's own preview: %d", r.status)
	}
	jar, _ := cookiejar.New(nil)
	ada := &browser{t: t, base: f.b.base, sc: f.db.Scope(), client: &http.Client{Jar: jar, CheckRedirect: f.b.client.CheckRedirect}}
	if r := ada.post("/signin", url.Values{"email": {"ada@westlake.edu"}, "password": {adaPassword}, "next": {"/"}}); r.status != http.StatusSeeOther {
		t.Fatal(r.status)
	}
	if r := ada.get(preview); r.status != http.StatusNotFound {
		t.Fatalf("Ada opening Sam's upload: %d, want 404", r.status)
	}
	if r := ada.post(preview, nil); r.status != http.StatusNotFound {
		t.Fatalf("Ada importing Sam's upload: %d, want 404", r.status)
	}
	if n := ada.peopleCount(); n != 1 {
		t.Fatalf("Ada has %d people after trying Sam's upload, want her 1", n)
	}
}

// A hash made with older, cheaper parameters is replaced at the next
// successful sign-in, so raising the parameters reaches every account.
func TestSignInUpgradesAnOldPasswordHash(t *testing.T) {
	f := newCenterFixture(t, storetest.SQLite(t))
	ctx := context.Background()
	old := &auth.Hasher{Params: auth.Params{Memory: 64, Iterations: 1, Threads: 1, SaltLen: 16, KeyLen: 32}}
	hash, err := old.Hash(samPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.Store.SetPassword(ctx, "sam@westlake.edu", hash, model.CLIActor(), pagesNow); err != nil {
		t.Fatal(err)
	}
	if r := f.signIn(t, "sam@westlake.edu", samPassword, "/"); r.status != http.StatusSeeOther {
		t.Fatalf("sign in with an old hash: %d", r.status)
	}
	acct, _, _ := f.db.Store.AccountByEmail(ctx, "sam@westlake.edu")
	if !strings.HasPrefix(acct.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("the hash was not upgraded: %s", acct.PasswordHash)
	}
	if r := f.b.get("/people"); r.status != http.StatusOK {
		t.Fatalf("the upgrade ended the new session: %d", r.status)
	}
}

func TestSessionCookieIsSecureWhenTheBaseURLIsHTTPS(t *testing.T) {
	f := newCenterFixture(t, storetest.SQLite(t))
	h := NewServer(Deps{Store: f.db.Store, Owner: f.db.Owner, Clock: method.FixedClock(pagesNow), BaseURL: "https://ally.westlake.edu", ImportRoot: t.TempDir()})
	t.Cleanup(func() { h.Close() })
	form := url.Values{"email": {"sam@westlake.edu"}, "password": {samPassword}, "next": {"/"}}
	req := httptest.NewRequest(http.MethodPost, "https://ally.westlake.edu/signin", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.TLS = nil // a proxy ended TLS in front of Ally
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if c := rec.Header().Get("Set-Cookie"); rec.Code != http.StatusSeeOther || !strings.Contains(c, "; Secure") {
		t.Fatalf("sign-in behind an https base URL: %d, cookie %q", rec.Code, c)
	}
	if c := f.signIn(t, "sam@westlake.edu", samPassword, "/").header.Get("Set-Cookie"); strings.Contains(c, "Secure") {
		t.Fatalf("over plain http the cookie %q is Secure, and the browser would drop it", c)
	}
}

// The agenda, the people list and a person's page are kept drawn; their
// header follows the user's roles at once, not a minute later, though
// the records the pages show have not changed.
func TestKeptPagesShowTheHeaderOfTheUsersRolesAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := newCenterFixture(t, db)
		if r := f.signIn(t, "sam@westlake.edu", samPassword, "/"); r.status != http.StatusSeeOther {
			t.Fatalf("sign in: %d\n%s", r.status, readable(r.body))
		}
		paths := []string{"/", "/people", "/people/" + strconv.FormatInt(f.samPerson, 10)}
		for _, p := range paths {
			if r := f.b.get(p); r.status != http.StatusOK || strings.Contains(r.body, `href="/requests/to-me"`) {
				t.Fatalf("GET %s as a student: %d, or it links to the requests to a volunteer\n%s", p, r.status, readable(r.body))
			}
		}
		if _, err := db.Store.SetRoles(context.Background(), "sam@westlake.edu", []model.Role{model.RoleStudent, model.RoleVolunteer}, model.CLIActor(), pagesNow); err != nil {
			t.Fatal(err)
		}
		// The change of roles ended Sam's session; Sam signs in again.
		if r := f.signIn(t, "sam@westlake.edu", samPassword, "/"); r.status != http.StatusSeeOther {
			t.Fatalf("sign in again: %d\n%s", r.status, readable(r.body))
		}
		for _, p := range paths {
			if r := f.b.get(p); r.status != http.StatusOK || !strings.Contains(r.body, `href="/requests/to-me"`) {
				t.Errorf("GET %s in the same minute, now a volunteer too: %d, no link to the requests to them\n%s", p, r.status, readable(r.body))
			}
		}
	})
}
