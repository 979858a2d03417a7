package web

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// ServeAtOwnURL starts d on httptest with its base URL set to the
// server's own address, as `ally serve` does, for tests that check the
// links Ally builds.
func ServeAtOwnURL(t testing.TB, d Deps) (*httptest.Server, *Server) {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	d.BaseURL = "http://" + srv.Listener.Addr().String()
	d.ListenAddr = srv.Listener.Addr().String()
	if d.ImportRoot == "" {
		d.ImportRoot = t.TempDir()
	}
	h := NewServer(d)
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		if err := h.Close(); err != nil {
			t.Error(err)
		}
	})
	return srv, h
}

func TestRequestsForAnotherHostAreRefused(t *testing.T) {
	db := storetest.SQLite(t)
	h := NewServer(Deps{Store: db.Store, Owner: db.Owner, Clock: method.FixedClock(apiNow),
		BaseURL: "http://127.0.0.1:8080", ListenAddr: "127.0.0.1:8080"})
	tests := []struct {
		name, method, path, host, body string
		want                           int
	}{
		{"a page", "GET", "/", "evil.example", "", http.StatusMisdirectedRequest},
		{"a page, rebound on the same port", "GET", "/people", "evil.example:8080", "", http.StatusMisdirectedRequest},
		{"the JSON export", "GET", "/export/ally-backup.json", "evil.example:8080", "", http.StatusMisdirectedRequest},
		{"an API read", "GET", "/api/v1/people", "evil.example:8080", "", http.StatusMisdirectedRequest},
		{"an API write", "POST", "/api/v1/people", "evil.example:8080", `{"name":"Mallory"}`, http.StatusMisdirectedRequest},
		{"a form post", "POST", "/people", "evil.example:8080", "name=Mallory", http.StatusMisdirectedRequest},
		{"no host at all", "GET", "/", "", "", http.StatusMisdirectedRequest},
		{"loopback on another port", "GET", "/", "127.0.0.1:9999", "", http.StatusMisdirectedRequest},
		{"a name that only starts like ours", "GET", "/", "localhost.evil.example:8080", "", http.StatusMisdirectedRequest},
		{"the base URL's host", "GET", "/api/v1/people", "127.0.0.1:8080", "", http.StatusOK},
		{"localhost", "GET", "/export/ally-backup.json", "localhost:8080", "", http.StatusOK},
		{"LOCALHOST in capitals", "GET", "/", "LOCALHOST:8080", "", http.StatusOK},
		{"IPv6 loopback", "GET", "/api/v1/people", "[::1]:8080", "", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, "http://127.0.0.1:8080"+tt.path, strings.NewReader(tt.body))
			req.Host = tt.host
			if strings.HasPrefix(tt.body, "{") {
				req.Header.Set("Content-Type", "application/json")
			} else if tt.body != "" {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Fatalf("%s %s with Host %q: %d, want %d: %.200s", tt.method, tt.path, tt.host, rec.Code, tt.want, rec.Body)
			}
			if tt.want != http.StatusMisdirectedRequest {
				return
			}
			body := rec.Body.String()
			if strings.Contains(body, "Mallory") || strings.Contains(body, `"people"`) || !strings.Contains(body, "http://127.0.0.1:8080") {
				t.Errorf("the refusal says %q", body)
			}
			if strings.HasPrefix(tt.path, "/api/") {
				var e apiError
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
					t.Errorf("an API refusal is not a JSON error: %q", body)
				}
			}
		})
	}
	if _, n, err := db.Scope().People(context.Background(), store.PeopleFilter{}); err != nil || n != 0 {
		t.Fatalf("a refused write was stored: %d people, %v", n, err)
	}
}

func TestTheBaseURLsHostIsAnsweredBehindAProxy(t *testing.T) {
	tests := []struct {
		base, listen, host string
		want               bool
	}{
		{"https://ally.example.org", "127.0.0.1:8080", "ally.example.org", true},
		{"https://ally.example.org", "127.0.0.1:8080", "ally.example.org:443", true},
		{"https://ally.example.org", "127.0.0.1:8080", "Ally.Example.Org", true},
		{"https://ally.example.org", "127.0.0.1:8080", "ally.example.org:8080", false},
		{"https://ally.example.org", "127.0.0.1:8080", "localhost:8080", true},
		{"https://ally.example.org", "127.0.0.1:8080", "localhost", false},
		{"http://ally.example.org:8443", "127.0.0.1:8080", "ally.example.org", false},
		{"http://ally.example.org:8443", "127.0.0.1:8080", "ally.example.org:8443", true},
		{"http://127.0.0.1:80", "127.0.0.1:80", "127.0.0.1", true},
		{"http://127.0.0.1:80", "127.0.0.1:80", "localhost", true},
		{"http://[::1]:8080", "[::1]:8080", "[::1]:8080", true},
		{"http://[::1]:8080", "[::1]:8080", "[::1]", false},
		{"https://ally.example.org", "127.0.0.1:8080", "evil.example", false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = tt.host
		if got := newHostPolicy(tt.base, tt.listen).allows(r, false); got != tt.want {
			t.Errorf("base %s, listening on %s, Host %q: allowed %v, want %v", tt.base, tt.listen, tt.host, got, tt.want)
		}
	}
}

func TestAPIWritesMustBeJSON(t *testing.T) {
	c := newAPI(t, storetest.SQLite(t))
	tests := []struct {
		name, method, path, contentType string
		want                            int
	}{
		{"text/plain", "POST", "/api/v1/people", "text/plain", http.StatusUnsupportedMediaType},
		{"a form", "POST", "/api/v1/people", "application/x-www-form-urlencoded", http.StatusUnsupportedMediaType},
		{"none", "POST", "/api/v1/people", "", http.StatusUnsupportedMediaType},
		{"PUT as text", "PUT", "/api/v1/settings", "text/plain;charset=utf-8", http.StatusUnsupportedMediaType},
		{"a look-alike", "POST", "/api/v1/people", "application/jsonp", http.StatusUnsupportedMediaType},
		{"JSON", "POST", "/api/v1/people", "application/json", http.StatusCreated},
		{"JSON with a charset", "POST", "/api/v1/people", "Application/JSON; charset=utf-8", http.StatusCreated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, c.srv.URL+tt.path, strings.NewReader(`{"name": "Ann"}`))
			if err != nil {
				t.Fatal(err)
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			resp, err := c.srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e apiError
			decodeErr := json.NewDecoder(resp.Body).Decode(&e)
			if resp.StatusCode != tt.want {
				t.Fatalf("%s: %d, want %d (%v)", tt.contentType, resp.StatusCode, tt.want, e)
			}
			if tt.want == http.StatusUnsupportedMediaType && (decodeErr != nil || !strings.Contains(e.Error, "application/json")) {
				t.Fatalf("the 415 is not a JSON error naming the type: %v %v", e, decodeErr)
			}
		})
	}
	// A write without a body names no type and needs none.
	c.do("POST", "/api/v1/people", "", http.StatusBadRequest, nil)
}

func TestDisconnectsAreLoggedAtDebugNotError(t *testing.T) {
	db := storetest.SQLite(t)
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := NewServer(Deps{Store: db.Store, Owner: db.Owner, Clock: method.FixedClock(apiNow), Logger: logger})
	for _, path := range []string{"/api/v1/people", "/people", "/export/ally-backup.json"} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // the client has gone before the store is asked
		req := httptest.NewRequest("GET", "http://127.0.0.1:8080"+path, nil).WithContext(ctx)
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	logged := buf.String()
	if strings.Contains(logged, "level=ERROR") {
		t.Fatalf("a disconnect was logged as an error:\n%s", logged)
	}
	if !strings.Contains(logged, "level=DEBUG") || !strings.Contains(logged, "the client went away") {
		t.Fatalf("the disconnects were not logged at debug:\n%s", logged)
	}

	// A real failure while the client waits is still an error.
	buf.Reset()
	req := httptest.NewRequest("GET", "http://127.0.0.1:8080/api/v1/people", nil)
	db.Store.Close()
	h.ServeHTTP(httptest.NewRecorder(), req)
	if !strings.Contains(buf.String(), "level=ERROR") {
		t.Fatalf("a failure with the client still there was not logged as an error:\n%s", buf.String())
	}
}
