package web

import (
	"context"
	"database/sql"
	"encoding/base64"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
	"github.com/ally-dev/ally/internal/web/samlidptest"
)

// samlAnswer is the identity provider's answer as its page would post it.
type samlAnswer struct {
	acs  *url.URL
	form url.Values
}

var hiddenInput = regexp.MustCompile(`name="(SAMLResponse|RelayState)" value="([^"]*)"`)
var formAction = regexp.MustCompile(`<form method="post" action="([^"]*)"`)

// samlToIdP presses "Sign in with …" (SAML) on b, lets p sign in at the
// identity provider, and returns the answer its page would post back.
func samlToIdP(t *testing.T, b *browser, idp *samlidptest.IdP, next string, p samlidptest.Person) samlAnswer {
	t.Helper()
	r := b.get("/signin/saml?next=" + url.QueryEscape(next))
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), idp.URL+"/sso?SAMLRequest=") {
		t.Fatalf("begin SAML sign-in: %d to %q\n%s", r.status, r.header.Get("Location"), readable(r.body))
	}
	idp.Queue(p)
	req, _ := http.NewRequest(http.MethodGet, r.header.Get("Location"), nil)
	page := b.do(req)
	action := formAction.FindStringSubmatch(page.body)
	if page.status != http.StatusOK || action == nil {
		t.Fatalf("the identity provider answered %d:\n%s", page.status, page.body)
	}
	a := samlAnswer{form: url.Values{}}
	a.acs, _ = url.Parse(html.UnescapeString(action[1]))
	for _, m := range hiddenInput.FindAllStringSubmatch(page.body, -1) {
		a.form.Set(m[1], html.UnescapeString(m[2]))
	}
	if a.form.Get("SAMLResponse") == "" {
		t.Fatalf("no SAMLResponse in the identity provider's page:\n%s", page.body)
	}
	return a
}

// post sends the answer to Ally at base (whatever host the ACS names).
func (a samlAnswer) post(t *testing.T, b *browser, base string) response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+a.acs.RequestURI(), strings.NewReader(a.form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func TestSAMLSignInReadsTheUniversitysAttributes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newSSOCenter(t, db)
		ctx := context.Background()
		b := newBrowserAt(t, c.base)
		if r := b.get("/signin"); !strings.Contains(readable(r.body), "Sign in with Westlake SSO") || !strings.Contains(readable(r.body), "Sign in with Westlake Login") {
			t.Fatalf("the sign-in page lacks a provider's button:\n%s", readable(r.body))
		}
		a := samlToIdP(t, b, c.idp, "/people", samlidptest.Person{Email: "Tina@westlake.edu"})
		if a.acs.String() != c.base+"/saml/acs" {
			t.Errorf("the identity provider posts to %s, want the base URL's /saml/acs", a.acs)
		}
		r := a.post(t, b, c.base)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/people" || sessionSet(r) == "" {
			t.Fatalf("ACS: %d to %q\n%s", r.status, r.header.Get("Location"), readable(r.body))
		}
		if r := b.get("/people"); r.status != http.StatusOK {
			t.Fatalf("/people after SAML sign-in: %d", r.status)
		}
		if e := lastAudit(t, db.Store); e.Action != "signin" || e.Actor != "tina@westlake.edu" || !strings.Contains(e.Detail, "saml ") {
			t.Errorf("audited %+v", e)
		}

		// A newcomer from an allowed domain becomes a student, named by
		// displayName.
		b = newBrowserAt(t, c.base)
		r = samlToIdP(t, b, c.idp, "/", samlidptest.Person{Email: "omar@westlake.edu", DisplayName: "Omar Haddad"}).post(t, b, c.base)
		if r.status != http.StatusSeeOther || sessionSet(r) == "" {
			t.Fatalf("a newcomer: %d\n%s", r.status, readable(r.body))
		}
		omar, found, err := db.Store.AccountByEmail(ctx, "omar@westlake.edu")
		if err != nil || !found || omar.Name != "Omar Haddad" || len(omar.Roles) != 1 || !omar.Has(model.RoleStudent) {
			t.Errorf("Omar's account: %+v %v %v", omar, found, err)
		}
	})
}

func TestSAMLMetadataNamesTheBaseURLAndOneKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newSSOCenter(t, db)
		b := newBrowserAt(t, c.base)
		r := b.get("/saml/metadata")
		if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/samlmetadata+xml" ||
			!strings.Contains(r.body, `entityID="`+c.base+`/saml/metadata"`) || !strings.Contains(r.body, `Location="`+c.base+`/saml/acs"`) ||
			!strings.Contains(r.body, "X509Certificate") {
			t.Fatalf("metadata: %d %s\n%s", r.status, r.header.Get("Content-Type"), r.body)
		}
		driver := map[string]string{"sqlite": "sqlite", "postgres": "pgx"}[db.Name]
		raw, err := sql.Open(driver, db.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		var stored string
		if err := raw.QueryRowContext(context.Background(), `SELECT private_key FROM saml_sp_key`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(stored, "PRIVATE KEY") {
			t.Errorf("the SP's private key is not sealed: %.40s…", stored)
		}
	})
}

func TestSAMLRefusalsSayWhyChangeNothingAndAreAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newSSOCenter(t, db)
		defer accountsUnchanged(t, db.Store)()
		used, untrusted := refusedUsed, refusedUntrusted
		tina := samlidptest.Person{Email: "tina@westlake.edu"}

		t.Run("replayed response", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			a := samlToIdP(t, b, c.idp, "/", tina)
			if r := a.post(t, b, c.base); r.status != http.StatusSeeOther {
				t.Fatalf("first use: %d", r.status)
			}
			refusedSignIn(t, db.Store, a.post(t, b, c.base), used, "signin.refused")
		})
		t.Run("another browser", func(t *testing.T) {
			a := samlToIdP(t, newBrowserAt(t, c.base), c.idp, "/", tina)
			refusedSignIn(t, db.Store, a.post(t, newBrowserAt(t, c.base), c.base), used, "signin.refused")
		})
		t.Run("no response", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			refusedSignIn(t, db.Store, b.post("/saml/acs", url.Values{"SAMLResponse": {"bm90IFNBTUw="}}), used, "signin.refused")
		})
		t.Run("bad signature", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			a := samlToIdP(t, b, c.idp, "/", tina)
			raw, err := base64.StdEncoding.DecodeString(a.form.Get("SAMLResponse"))
			issued := regexp.MustCompile(`IssueInstant="[^"]*"`)
			if err != nil || !issued.Match(raw) {
				t.Fatalf("the response: %v\n%s", err, raw)
			}
			// The signed response, said to be issued at another time.
			forged := issued.ReplaceAllLiteral(raw, []byte(`IssueInstant="`+pagesNow.Add(-time.Minute).UTC().Format(time.RFC3339)+`"`))
			a.form.Set("SAMLResponse", base64.StdEncoding.EncodeToString(forged))
			refusedSignIn(t, db.Store, a.post(t, b, c.base), untrusted, "signin.refused")
			if e := lastAudit(t, db.Store); !strings.Contains(strings.ToLower(e.Detail), "signature") {
				t.Errorf("audited %+v, want the signature named", e)
			}
		})
		t.Run("another audience", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			c.idp.AddressTo("https://other-app.westlake.edu/saml/metadata")
			a := samlToIdP(t, b, c.idp, "/", tina)
			c.idp.AddressTo("")
			refusedSignIn(t, db.Store, a.post(t, b, c.base), untrusted, "signin.refused")
			if e := lastAudit(t, db.Store); !strings.Contains(strings.ToLower(e.Detail), "audience") {
				t.Errorf("audited %+v, want the audience named", e)
			}
		})
		t.Run("domain may not sign up", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			r := samlToIdP(t, b, c.idp, "/", samlidptest.Person{Email: "eve@elsewhere.org"}).post(t, b, c.base)
			refusedSignIn(t, db.Store, r, "does not let addresses like it sign up", "signin.refused")
		})
		t.Run("disabled account", func(t *testing.T) {
			b := newBrowserAt(t, c.base)
			r := samlToIdP(t, b, c.idp, "/", samlidptest.Person{Email: "dan@westlake.edu"}).post(t, b, c.base)
			refusedSignIn(t, db.Store, r, "This account is disabled", "signin.disabled")
		})
	})
}

// A SAML sign-in begun on instance A ends on instance B, and both publish
// the same key in their metadata.
func TestSAMLSignInBegunOnOneInstanceEndsOnAnother(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newSSOCenter(t, db)
		second := secondConnection(t, db)
		const base = "http://ally.westlake.test"
		serve := func(st *store.Store) string {
			h := NewServer(Deps{Store: st, Clock: method.FixedClock(pagesNow), BaseURL: base, ImportRoot: t.TempDir(),
				SAML: config.SAML{IdPMetadata: c.idp.MetadataURL()}})
			srv := httptest.NewServer(h)
			t.Cleanup(func() { srv.Close(); h.Close() })
			return srv.URL
		}
		a, bURL := serve(db.Store), serve(second)
		metaA, metaB := newBrowserAt(t, a).get("/saml/metadata"), newBrowserAt(t, bURL).get("/saml/metadata")
		if metaA.status != http.StatusOK || metaA.body != metaB.body {
			t.Fatalf("A and B publish different metadata:\n%s\n%s", metaA.body, metaB.body)
		}
		c.idp.Register(t, a+"/saml/metadata")
		b := newBrowserAt(t, a)
		answer := samlToIdP(t, b, c.idp, "/people", samlidptest.Person{Email: "tina@westlake.edu"})
		if answer.acs.Host != "ally.westlake.test" {
			t.Fatalf("the identity provider posts to %s, want the base URL", answer.acs)
		}
		r := answer.post(t, b, bURL)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/people" || sessionSet(r) == "" {
			t.Fatalf("the ACS on B: %d %q\n%s", r.status, r.header.Get("Location"), readable(r.body))
		}
	})
}

// ALLY_SAML_IDP_METADATA may name a file; a missing one is said on the
// sign-in page and logged, and the sign-in page still works.
func TestSAMLMetadataFromAFile(t *testing.T) {
	db := storetest.SQLite(t)
	newCenterFixture(t, db)
	idp := samlidptest.Start(t, pagesNow)
	dir := t.TempDir()
	for path, want := range map[string]int{idp.MetadataFile(t, dir): http.StatusSeeOther, dir + "/missing.xml": http.StatusBadGateway} {
		srv, _ := ServeAtOwnURL(t, Deps{Store: db.Store, Clock: method.FixedClock(pagesNow), SAML: config.SAML{IdPMetadata: path}})
		r := newBrowserAt(t, srv.URL).get("/signin/saml")
		if r.status != want {
			t.Errorf("metadata %s: %d, want %d\n%s", path, r.status, want, readable(r.body))
		}
		if want == http.StatusSeeOther && !strings.HasPrefix(r.header.Get("Location"), idp.URL+"/sso?") {
			t.Errorf("metadata %s: to %q", path, r.header.Get("Location"))
		}
		if want != http.StatusSeeOther && !strings.Contains(readable(r.body), "could not reach your sign-in provider") {
			t.Errorf("metadata %s: the page says\n%s", path, readable(r.body))
		}
	}
}

// Over TLS the flow's cookie is SameSite=None and Secure, so that the
// identity provider's cross-site POST carries it; over plain http it is
// Lax. It is never readable by scripts.
func TestTheFlowCookieCrossesSitesOnlyOverTLS(t *testing.T) {
	db := storetest.SQLite(t)
	newCenterFixture(t, db)
	idp := samlidptest.Start(t, pagesNow)
	for base, want := range map[string]http.SameSite{"https://ally.westlake.edu": http.SameSiteNoneMode, "http://127.0.0.1:8080": http.SameSiteLaxMode} {
		h := NewServer(Deps{Store: db.Store, Clock: method.FixedClock(pagesNow), BaseURL: base, ImportRoot: t.TempDir(), SAML: config.SAML{IdPMetadata: idp.MetadataURL()}})
		t.Cleanup(func() { h.Close() })
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/signin/saml", nil))
		var flow *http.Cookie
		for _, c := range rec.Result().Cookies() {
			if c.Name == flowCookie {
				flow = c
			}
		}
		if rec.Code != http.StatusSeeOther || flow == nil || flow.SameSite != want || flow.Secure != (want == http.SameSiteNoneMode) || !flow.HttpOnly || flow.MaxAge != 600 {
			t.Errorf("%s: %d, cookie %+v", base, rec.Code, flow)
		}
	}
}
