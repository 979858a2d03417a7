package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// instance is one `ally serve` of several sharing a database: its own
// store connection, its own server, its own address.
type instance struct {
	name string
	base string
}

func startInstance(t *testing.T, name string, st *store.Store) instance {
	t.Helper()
	srv, _ := ServeAtOwnURL(t, Deps{Store: st, Clock: method.FixedClock(pagesNow)})
	return instance{name: name, base: srv.URL}
}

// secondConnection opens db again, as another `ally serve` would.
func secondConnection(t *testing.T, db *storetest.DB) *store.Store {
	t.Helper()
	var opts []store.Option
	if db.Name == "postgres" {
		opts = append(opts, store.WithSecretKey([]byte(storetest.PostgresSecretKey)))
	}
	second, err := store.Open(context.Background(), db.DSN, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { second.Close() })
	return second
}

// send makes one request with the session cookie given (none when ""),
// never following a redirect.
func (in instance) send(t *testing.T, method, path, cookie string, form url.Values) (int, http.Header, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, in.base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: cookie})
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// signIn signs in on the instance and returns the session cookie's value.
func (in instance) signIn(t *testing.T, email, password string) string {
	t.Helper()
	status, h, body := in.send(t, "POST", "/signin", "", url.Values{"email": {email}, "password": {password}, "next": {"/"}})
	if status != http.StatusSeeOther {
		t.Fatalf("sign in as %s on %s: %d\n%s", email, in.name, status, readable(body))
	}
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == sessionCookie {
			return c.Value
		}
	}
	t.Fatalf("sign in on %s set no session cookie: %q", in.name, h.Values("Set-Cookie"))
	return ""
}

// TestTwoInstancesOnOneDatabaseServeOneJourney runs two servers, each over
// its own connection to the same database, as two `ally serve` processes
// behind a load balancer, and alternates a user's requests between them:
// nothing a request needs may live in one instance's memory.
func TestTwoInstancesOnOneDatabaseServeOneJourney(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := newCenterFixture(t, db)
		second := secondConnection(t, db)
		a, b := startInstance(t, "A", db.Store), startInstance(t, "B", second)

		// Sign in on A.
		cookie := a.signIn(t, "sam@westlake.edu", samPassword)

		// Write on B with A's cookie: a page form, then the API.
		status, h, body := b.send(t, "POST", "/people", cookie, url.Values{"name": {"Journey Contact"}, "email": {"journey@example.org"}})
		loc := h.Get("Location")
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/people/") {
			t.Fatalf("write on B with A's session: %d %q\n%s", status, loc, readable(body))
		}
		// A reads the page before B edits it: what A keeps drawn must not
		// outlive B's write.
		if status, _, body = a.send(t, "GET", loc, cookie, nil); status != http.StatusOK || strings.Contains(body, "Met at the B booth.") {
			t.Fatalf("read on A before the edit: %d\n%s", status, readable(body))
		}
		status, _, body = b.send(t, "POST", "/people"+strings.TrimPrefix(loc, "/people"), cookie, url.Values{"name": {"Journey Contact"}, "email": {"journey@example.org"}, "notes": {"Met at the B booth."}})
		if status != http.StatusSeeOther {
			t.Fatalf("edit on B: %d\n%s", status, readable(body))
		}

		// Read on A.
		status, _, body = a.send(t, "GET", loc, cookie, nil)
		if status != http.StatusOK || !strings.Contains(body, "Journey Contact") || !strings.Contains(body, "Met at the B booth.") {
			t.Fatalf("read on A what B wrote: %d\n%s", status, readable(body))
		}
		status, _, body = a.send(t, "GET", "/api/v1"+loc, cookie, nil)
		if status != http.StatusOK || !strings.Contains(body, `"Journey Contact"`) {
			t.Fatalf("read on A's API what B wrote: %d\n%s", status, body)
		}

		// Sign out on B; A refuses the session from then on.
		status, h, _ = b.send(t, "POST", "/signout", cookie, nil)
		if status != http.StatusSeeOther || h.Get("Location") != "/signin" {
			t.Fatalf("sign out on B: %d %q", status, h.Get("Location"))
		}
		for _, in := range []instance{a, b} {
			if status, h, _ := in.send(t, "GET", "/people", cookie, nil); status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/signin") {
				t.Errorf("%s after sign-out on B: %d %q, want the sign-in redirect", in.name, status, h.Get("Location"))
			}
			if status, _, _ := in.send(t, "GET", "/api/v1/people", cookie, nil); status != http.StatusUnauthorized {
				t.Errorf("%s's API after sign-out on B: %d, want 401", in.name, status)
			}
			if status, _, _ := in.send(t, "POST", "/people", cookie, url.Values{"name": {"After Sign-out"}}); status != http.StatusSeeOther {
				t.Errorf("%s: a write after sign-out: %d, want the sign-in redirect", in.name, status)
			}
		}
		if _, _, err := f.db.Store.For(f.samID).ResolvePerson(context.Background(), "After Sign-out"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a write after sign-out: %v, want it not stored", err)
		}

		// The per-account sign-in limit counts failures on every instance.
		for i := range 10 {
			in := []instance{a, b}[i%2]
			if status, _, _ := in.send(t, "POST", "/signin", "", url.Values{"email": {"sam@westlake.edu"}, "password": {"wrong guess " + itoa(int64(i))}}); status != http.StatusUnauthorized {
				t.Fatalf("failure %d on %s: %d", i+1, in.name, status)
			}
		}
		for _, in := range []instance{a, b} {
			if status, _, body := in.send(t, "POST", "/signin", "", url.Values{"email": {"sam@westlake.edu"}, "password": {samPassword}}); status != http.StatusTooManyRequests {
				t.Errorf("on %s after 10 failures spread over A and B: %d, want 429\n%s", in.name, status, readable(body))
			}
		}
	})
}
