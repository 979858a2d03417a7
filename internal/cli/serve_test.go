package cli_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/cli"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestServeRefusesAddressesOtherMachinesReach(t *testing.T) {
	a := sqliteAlly(t)
	for _, addr := range []string{"0.0.0.0:8080", ":8080", "192.168.1.20:8080", "[::]:8080", "ally.example.org:8080"} {
		out, errOut, code := a.exec("", "serve", "--addr", addr)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != cli.ExitError || out != "" || len(lines) != 1 ||
			!strings.Contains(errOut, addr) || !strings.Contains(errOut, "no sign-in") || !strings.Contains(errOut, "ally center init") {
			t.Errorf("serve --addr %s: exit %d, stdout %q, stderr %q", addr, code, out, errOut)
		}
	}
}

// TestServeRecordsItsBaseURLForTheCLI starts `ally serve` on a free
// loopback port, checks it answers at its own address and refuses another
// host, stops it, and checks that the CLI's links then use its address.
func TestServeRecordsItsBaseURLForTheCLI(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		ctx, cancel := context.WithCancel(context.Background())
		type result struct {
			out, errOut string
			code        int
		}
		done := make(chan result, 1)
		go func() {
			out, errOut, code := a.execContext(ctx, "", "serve", "--addr", "127.0.0.1:0")
			done <- result{out, errOut, code}
		}()
		base := waitForBaseURL(t, a.db)
		if !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
			t.Fatalf("recorded base URL %q", base)
		}
		for host, want := range map[string]int{"": http.StatusOK, "evil.example": http.StatusMisdirectedRequest} {
			req, err := http.NewRequest("GET", base+"/api/v1/people", nil)
			if err != nil {
				t.Fatal(err)
			}
			if host != "" {
				req.Host = host
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != want {
				t.Errorf("Host %q: %d, want %d", host, res.StatusCode, want)
			}
		}
		cancel()
		r := <-done
		if r.code != cli.ExitOK || !strings.Contains(r.out, "Ally is running at "+base+"/") {
			t.Fatalf("serve: exit %d\n%s%s", r.code, r.out, r.errOut)
		}

		var feed cli.FeedOut
		a.json(&feed, "calendar", "feed", "--new")
		if !strings.HasPrefix(feed.URL, base+"/calendar/") {
			t.Errorf("the feed address %q is not under the server's %s", feed.URL, base)
		}
		a.json(&feed, "calendar", "feed", "--base-url", "https://ally.example.org/")
		if !strings.HasPrefix(feed.URL, "https://ally.example.org/calendar/") {
			t.Errorf("--base-url did not win: %q", feed.URL)
		}
	})
}

// waitForBaseURL polls the database until `ally serve` has recorded its
// address.
func waitForBaseURL(t *testing.T, db string) string {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for range 1000 {
		if u, err := st.RecordedBaseURL(context.Background()); err != nil || u != "" {
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("ally serve did not start within 10 s")
	return ""
}

// A center on PostgreSQL without ALLY_SECRET_KEY cannot keep the secrets
// of a sign-in through a provider: `ally serve` says so and stops, rather
// than failing at the first sign-in.
func TestServeWithAProviderNeedsASecretKeyOnPostgres(t *testing.T) {
	a := newAlly(t, storetest.MigratedPostgresURL(t))
	initCenterCLI(a)
	for _, env := range []map[string]string{
		{"ALLY_SAML_IDP_METADATA": "/etc/ally/idp.xml"},
		{"ALLY_OIDC_ISSUER": "https://login.westlake.edu", "ALLY_OIDC_CLIENT_ID": "ally", "ALLY_OIDC_CLIENT_SECRET": "s"},
	} {
		a.env = env
		out, errOut, code := a.exec("", "serve", "--addr", "127.0.0.1:0")
		if code != cli.ExitError || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "OIDC or SAML") || !strings.Contains(errOut, "ALLY_SECRET_KEY") {
			t.Errorf("%v: exit %d, %q %q", env, code, out, errOut)
		}
	}
}
