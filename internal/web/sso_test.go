package web

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oauth2-proxy/mockoidc"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
	"github.com/ally-dev/ally/internal/web/samlidptest"
)

var mockClockOnce sync.Once

// startMockOIDC starts a real OpenID Connect provider on this machine,
// whose tokens are issued at pagesNow, the servers' clock.
func startMockOIDC(t testing.TB) *mockoidc.MockOIDC {
	t.Helper()
	mockClockOnce.Do(func() { mockoidc.NowFunc = func() time.Time { return pagesNow } })
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	return m
}

func mockOIDCConfig(m *mockoidc.MockOIDC) config.OIDC {
	return config.OIDC{Issuer: m.Issuer(), ClientID: m.ClientID, ClientSecret: m.ClientSecret, Name: "Westlake Login"}
}

// ssoCenter is a center that lets westlake.edu sign up alone, with Ada
// (advisor), Tina (a student without a password) and Dan (disabled).
type ssoCenter struct {
	db   *storetest.DB
	oidc *mockoidc.MockOIDC
	idp  *samlidptest.IdP
	base string
}

func newSSOCenter(t *testing.T, db *storetest.DB) *ssoCenter {
	t.Helper()
	ctx := context.Background()
	if _, err := db.Store.InitCenter(ctx, "Westlake Career Center", model.NewAccount{Email: "ada@westlake.edu", Name: "Ada Admin"}, pagesNow); err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"tina@westlake.edu", "dan@westlake.edu"} {
		if _, err := db.Store.AddAccount(ctx, model.NewAccount{Email: email, Name: email[:3], Roles: []model.Role{model.RoleStudent}}, model.CLIActor(), pagesNow); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Store.SetStatus(ctx, "dan@westlake.edu", model.StatusDisabled, model.CLIActor(), pagesNow); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store.UpdateCenter(ctx, "", []string{"westlake.edu"}, model.CLIActor(), pagesNow); err != nil {
		t.Fatal(err)
	}
	c := &ssoCenter{db: db, oidc: startMockOIDC(t), idp: samlidptest.Start(t, pagesNow)}
	srv, _ := ServeAtOwnURL(t, Deps{Store: db.Store, Clock: method.FixedClock(pagesNow), OIDC: mockOIDCConfig(c.oidc),
		SAML: config.SAML{IdPMetadata: c.idp.MetadataURL(), Name: "Westlake SSO"}})
	c.base = srv.URL
	c.idp.Register(t, c.base+"/saml/metadata")
	return c
}

// newBrowserAt is a browser with its own cookies, following no redirect.
func newBrowserAt(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// beginOIDC presses "Sign in with …" and returns where Ally sends the
// browser: the provider's authorization endpoint.
func beginOIDC(t *testing.T, b *browser, next string) *url.URL {
	t.Helper()
	r := b.get("/signin/oidc?next=" + url.QueryEscape(next))
	if r.status != http.StatusSeeOther {
		t.Fatalf("begin OIDC sign-in: %d\n%s", r.status, readable(r.body))
	}
	u, err := url.Parse(r.header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// atProvider signs user in at the provider and returns the address the
// provider sends the browser back to.
func atProvider(t *testing.T, b *browser, m *mockoidc.MockOIDC, authorize *url.URL, user *mockoidc.MockUser) *url.URL {
	t.Helper()
	m.QueueUser(user)
	req, _ := http.NewRequest(http.MethodGet, authorize.String(), nil)
	r := b.do(req)
	if r.status != http.StatusFound {
		t.Fatalf("the provider's authorization: %d %s", r.status, r.body)
	}
	u, err := url.Parse(r.header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// back follows the provider's redirect to Ally (at base, whatever host
// the callback names: a load balancer's view).
func back(t *testing.T, b *browser, base string, callback *url.URL) response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+callback.RequestURI(), nil)
	return b.do(req)
}

func student(email string, verified bool) *mockoidc.MockUser {
	return &mockoidc.MockUser{Subject: "sub-" + email, Email: email, EmailVerified: verified, PreferredUsername: strings.Split(email, "@")[0]}
}

func sessionSet(r response) string {
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == sessionCookie && c.MaxAge >= 0 && c.Value != "" {
			return c.Value
		}
	}
	return ""
}

func lastAudit(t *testing.T, st *store.Store) model.AuditEntry {
	t.Helper()
	log, err := st.AuditLog(context.Background(), 1, 0)
	if err != nil || len(log) == 0 {
		t.Fatalf("audit log: %v", err)
	}
	return log[0]
}

func TestOIDCSignInMatchesAVerifiedEmailAndRenewsTheSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newSSOCenter(t, db)
		b := newBrowserAt(t, c.base)
		if r := b.get("/signin?next=%2Fpeople"); !strings.Contains(readable(r.body), "Sign in with Westlake Login") {
			t.Fatalf("the sign-in page offers no OIDC button:\n%s", readable(r.body))
		}
		authorize := beginOIDC(t, b, "/people")
		q := authorize.Query()
		if q.Get("redirect_uri") != c.base+"/signin/oidc/callback" || q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" ||
			q.Get("nonce") == "" || q.Get("state") == "" || q.Get("client_id") != c.oidc.ClientID || !strings.Contains(q.Get("scope"), "email") {
			t.Fatalf("the provider was asked %s", authorize)
		}
		r := back(t, b, c.base, atProvider(t, b, c.oidc, authorize, student("Tina@Westlake.edu", true)))
		first := sessionSet(r)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/people" || first == "" {
			t.Fatalf("callback: %d to %q, session %q\n%s", r.status, r.header.Get("Location"), first, readable(r.body))
		}
		if r := b.get("/people"); r.status != http.StatusOK {
			t.Fatalf("/people after OIDC sign-in: %d", r.status)
		}
		if e := lastAudit(t, db.Store); e.Action != "signin" || e.Actor != "tina@westlake.edu" || !strings.Contains(e.Detail, "oidc "+c.oidc.Issuer()) {
			t.Errorf("audited %+v", e)
		}

		// Signing in again in the same browser ends the first session and
		// makes a new token, as a password sign-in does.
		r = back(t, b, c.base, atProvider(t, b, c.oidc, beginOIDC(t, b, "/"), student("tina@westlake.edu", true)))
		second := sessionSet(r)
		if r.status != http.StatusSeeOther || second == "" || second == first {
			t.Fatalf("second sign-in: %d, token renewed: %v", r.status, second != first)
		}
		old := newBrowserAt(t, c.base)
		req, _ := http.NewRequest(http.MethodGet, c.base+"/people", nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: first})
		if r := old.do(req); r.status != http.StatusSeeOther {
			t.Errorf("the first session still works after the second sign-in: %d", r.status)
		}
		accounts, _ := db.Store.Accounts(context.Background(), "")
		if len(accounts) != 3 {
			t.Errorf("%d accounts after signing in an existing one, want 3", len(accounts))
		}
	})
}

func TestOIDCSignUpMakesAStudentOnlyForAllowedDomains(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newSSOCenter(t, db)
		ctx := context.Background()
		b := newBrowserAt(t, c.base)
		r := back(t, b, c.base, atProvider(t, b, c.oidc, beginOIDC(t, b, "/"), &mockoidc.MockUser{Subject: "n1", Email: "nora@westlake.edu", EmailVerified: true, PreferredUsername: "nora"}))
		if r.status != http.StatusSeeOther || sessionSet(r) == "" {
			t.Fatalf("a new westlake.edu student: %d\n%s", r.status, readable(r.body))
		}
		nora, found, err := db.Store.AccountByEmail(ctx, "nora@westlake.edu")
		if err != nil || !found || !nora.Has(model.RoleStudent) || len(nora.Roles) != 1 || nora.Name != "nora" || nora.PasswordHash != "" {
			t.Fatalf("Nora's account: %+v %v %v", nora, found, err)
		}
	})
}

// refusedSignIn checks that a refused sign-in says want on the sign-in
// page, sets no session, and was audited as action.
func refusedSignIn(t *testing.T, st *store.Store, r response, want, action string) {
	t.Helper()
	if r.status < 400 || r.status >= 500 || !strings.Contains(readable(r.body), want) || !strings.Contains(r.body, `role="alert"`) {
		t.Errorf("%d, want a 4xx sign-in page saying %q:\n%s", r.status, want, readable(r.body))
	}
	if tok := sessionSet(r); tok != "" {
		t.Errorf("a refused sign-in set a session")
	}
	if e := lastAudit(t, st); e.Action != action {
		t.Errorf("audited %+v, want %s", e, action)
	}
}

func TestOIDCRefusalsSayWhyChangeNothingAndAreAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newSSOCenter(t, db)
		defer accountsUnchanged(t, db.Store)()
		used, untrusted := refusedUsed, refusedUntrusted

		t.Run("forged state", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			beginOIDC(t, b, "/")
			r := b.get("/signin/oidc/callback?code=abc&state=" + strings.Repeat("A", 43))
			refusedSignIn(t, db.Store, r, used, "signin.refused")
		})
		t.Run("no state", func(t *testing.T) {
			refusedSignIn(t, db.Store, newBrowserAt(t, c.base).get("/signin/oidc/callback?code=abc"), used, "signin.refused")
		})
		t.Run("replayed state", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			cb := atProvider(t, b, c.oidc, beginOIDC(t, b, "/"), student("tina@westlake.edu", true))
			if r := back(t, b, c.base, cb); r.status != http.StatusSeeOther {
				t.Fatalf("first use: %d", r.status)
			}
			refusedSignIn(t, db.Store, back(t, b, c.base, cb), used, "signin.refused")
		})
		t.Run("another browser", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			cb := atProvider(t, b, c.oidc, beginOIDC(t, b, "/"), student("tina@westlake.edu", true))
			refusedSignIn(t, db.Store, back(t, newBrowserAt(t, c.base), c.base, cb), used, "signin.refused")
			// The flow is spent: its own browser cannot use it after that.
			refusedSignIn(t, db.Store, back(t, b, c.base, cb), used, "signin.refused")
		})
		t.Run("wrong nonce", func(t *testing.T) {
			// Flow 1's request to the provider (its nonce) comes back with
			// flow 2's state: the ID token's nonce is not flow 2's. The
			// PKCE challenge is left out, so that only the nonce differs.
			b := newBrowserAt(t, c.base)
			one, two := beginOIDC(t, b, "/"), beginOIDC(t, b, "/")
			q := one.Query()
			q.Set("state", two.Query().Get("state"))
			q.Del("code_challenge")
			q.Del("code_challenge_method")
			one.RawQuery = q.Encode()
			r := back(t, b, c.base, atProvider(t, b, c.oidc, one, student("tina@westlake.edu", true)))
			refusedSignIn(t, db.Store, r, untrusted, "signin.refused")
			if e := lastAudit(t, db.Store); !strings.Contains(e.Detail, "wrong nonce") {
				t.Errorf("audited %+v", e)
			}
		})
		t.Run("unverified email", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			r := back(t, b, c.base, atProvider(t, b, c.oidc, beginOIDC(t, b, "/"), student("tina@westlake.edu", false)))
			refusedSignIn(t, db.Store, r, "has not confirmed your email address", "signin.refused")
		})
		t.Run("domain may not sign up", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			r := back(t, b, c.base, atProvider(t, b, c.oidc, beginOIDC(t, b, "/"), student("eve@elsewhere.org", true)))
			refusedSignIn(t, db.Store, r, "does not let addresses like it sign up", "signin.refused")
		})
		t.Run("disabled account", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			r := back(t, b, c.base, atProvider(t, b, c.oidc, beginOIDC(t, b, "/"), student("dan@westlake.edu", true)))
			refusedSignIn(t, db.Store, r, auth.ErrDisabled.Error(), "signin.disabled")
		})
		t.Run("the provider says no", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			state := beginOIDC(t, b, "/").Query().Get("state")
			r := b.get("/signin/oidc/callback?error=access_denied&state=" + url.QueryEscape(state))
			refusedSignIn(t, db.Store, r, "Westlake Login did not sign you in", "signin.refused")
		})
		t.Run("a forged code", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			state := beginOIDC(t, b, "/").Query().Get("state")
			r := b.get("/signin/oidc/callback?code=forged&state=" + url.QueryEscape(state))
			refusedSignIn(t, db.Store, r, untrusted, "signin.refused")
		})
	})
}

// The refusals' words, as the sign-in page says them.
const (
	refusedUsed      = "already used, has expired or was not started here"
	refusedUntrusted = "could not be trusted"
)

// accountsUnchanged returns a check, for the end of a test of refusals,
// that no account was made meanwhile.
func accountsUnchanged(t *testing.T, st *store.Store) func() {
	t.Helper()
	before, err := st.Accounts(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return func() {
		after, _ := st.Accounts(context.Background(), "")
		if len(after) != len(before) {
			t.Errorf("refused sign-ins made accounts: %d before, %d after", len(before), len(after))
		}
	}
}

func TestWithoutAProviderTheSignInPageOffersNone(t *testing.T) {
	db := storetest.SQLite(t)
	f := newCenterFixture(t, db)
	r := f.b.get("/signin")
	if r.status != http.StatusOK || strings.Contains(readable(r.body), "Sign in with") {
		t.Errorf("/signin without a provider: %d\n%s", r.status, readable(r.body))
	}
	if r := f.b.get("/signin/oidc"); r.status != http.StatusNotFound {
		t.Errorf("GET /signin/oidc without a provider: %d, want 404", r.status)
	}
}

// A sign-in begun on instance A ends on instance B: the two serve one
// base URL behind a load balancer, each with its own connection.
func TestOIDCSignInBegunOnOneInstanceEndsOnAnother(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newSSOCenter(t, db)
		second := secondConnection(t, db)
		const base = "http://ally.westlake.test"
		serve := func(st *store.Store) string {
			h := NewServer(Deps{Store: st, Clock: method.FixedClock(pagesNow), BaseURL: base, OIDC: mockOIDCConfig(c.oidc), ImportRoot: t.TempDir()})
			srv := httptest.NewServer(h)
			t.Cleanup(func() { srv.Close(); h.Close() })
			return srv.URL
		}
		a, bURL := serve(db.Store), serve(second)
		b := newBrowserAt(t, a)
		authorize := beginOIDC(t, b, "/people")
		cb := atProvider(t, b, c.oidc, authorize, student("tina@westlake.edu", true))
		if cb.Host != "ally.westlake.test" || cb.Path != "/signin/oidc/callback" {
			t.Fatalf("the provider sends the browser back to %s, want the base URL's callback", cb)
		}
		r := back(t, b, bURL, cb)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/people" || sessionSet(r) == "" {
			t.Fatalf("the callback on B: %d %q\n%s", r.status, r.header.Get("Location"), readable(r.body))
		}
		b.base = a
		if r := b.get("/people"); r.status != http.StatusOK {
			t.Errorf("A with the session B started: %d", r.status)
		}
	})
}
