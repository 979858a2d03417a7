package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestForwardedHeadersAreReadOnlyBehindATrustedProxy(t *testing.T) {
	tests := []struct {
		name        string
		trust       bool
		remote      string
		forwarded   []string // X-Forwarded-For lines
		proto       string
		wantAddr    string
		wantOverTLS bool
	}{
		{"no proxy: the connection's address", false, "192.0.2.7:5123", nil, "", "192.0.2.7", false},
		{"untrusted headers are ignored", false, "192.0.2.7:5123", []string{"203.0.113.9"}, "https", "192.0.2.7", false},
		{"trusted: the address the proxy saw", true, "10.0.0.2:5123", []string{"203.0.113.9"}, "https", "203.0.113.9", true},
		{"trusted: what the client wrote before it is not read", true, "10.0.0.2:5123", []string{"198.51.100.1, 203.0.113.9"}, "http", "203.0.113.9", false},
		{"trusted: the last of several lines", true, "10.0.0.2:5123", []string{"198.51.100.1", "203.0.113.9"}, "", "203.0.113.9", false},
		{"trusted: IPv6", true, "10.0.0.2:5123", []string{"2001:db8::7"}, "HTTPS", "2001:db8::7", true},
		{"trusted: a chain of protos, the client's first", true, "10.0.0.2:5123", nil, "https, http", "10.0.0.2", true},
		{"trusted but garbled: the connection's address", true, "10.0.0.2:5123", []string{"not-an-address"}, "", "10.0.0.2", false},
		{"trusted without the header: the connection's address", true, "10.0.0.2:5123", nil, "", "10.0.0.2", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &server{Deps: Deps{TrustProxy: tt.trust}}
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			for _, f := range tt.forwarded {
				r.Header.Add("X-Forwarded-For", f)
			}
			if tt.proto != "" {
				r.Header.Set("X-Forwarded-Proto", tt.proto)
			}
			if got := s.clientAddress(r); got != tt.wantAddr {
				t.Errorf("client address %q, want %q", got, tt.wantAddr)
			}
			if got := s.overTLS(r); got != tt.wantOverTLS {
				t.Errorf("over TLS %v, want %v", got, tt.wantOverTLS)
			}
		})
	}
}

// proxied sends a request to h as a proxy in front of Ally would pass it on.
func proxied(h http.Handler, method, path, host string, form url.Values, header http.Header) *httptest.ResponseRecorder {
	var r *http.Request
	if form != nil {
		r = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r = httptest.NewRequest(method, path, nil)
	}
	r.Host = host
	r.RemoteAddr = "10.0.0.2:40000"
	for k, vs := range header {
		r.Header[k] = vs
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestSignInRecordsTheForwardedAddressAndSchemeOnlyWithTrustProxy(t *testing.T) {
	f := newCenterFixture(t, storetest.SQLite(t))
	for _, tt := range []struct {
		name       string
		trust      bool
		wantAddr   string
		wantSecure bool
	}{
		{"without --trust-proxy", false, "10.0.0.2", false},
		{"with --trust-proxy", true, "203.0.113.9", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := NewServer(Deps{Store: f.db.Store, Clock: method.FixedClock(pagesNow), BaseURL: "http://ally.example.org", TrustProxy: tt.trust, ImportRoot: t.TempDir()})
			defer h.Close()
			w := proxied(h, "POST", "/signin", "ally.example.org", url.Values{"email": {"sam@westlake.edu"}, "password": {samPassword}},
				http.Header{"X-Forwarded-For": {"198.51.100.1, 203.0.113.9"}, "X-Forwarded-Proto": {"https"}})
			if w.Code != http.StatusSeeOther {
				t.Fatalf("sign in: %d\n%s", w.Code, readable(w.Body.String()))
			}
			if secure := strings.Contains(w.Header().Get("Set-Cookie"), "; Secure"); secure != tt.wantSecure {
				t.Errorf("cookie %q: Secure %v, want %v", w.Header().Get("Set-Cookie"), secure, tt.wantSecure)
			}
			log, err := f.db.Store.AuditLog(context.Background(), 1, 0)
			if err != nil || len(log) != 1 || log[0].Action != "signin" || log[0].Detail != "address "+tt.wantAddr {
				t.Fatalf("audit log %+v, %v; want a sign-in from %s", log, err, tt.wantAddr)
			}
		})
	}
}

func TestHSTSOnEveryResponseWhenTheBaseURLIsHTTPS(t *testing.T) {
	f := newCenterFixture(t, storetest.SQLite(t))
	for _, tt := range []struct {
		base string
		want string
	}{
		{"https://ally.example.org", "max-age=31536000"},
		{"http://ally.example.org", ""},
	} {
		h := NewServer(Deps{Store: f.db.Store, Clock: method.FixedClock(pagesNow), BaseURL: tt.base, ImportRoot: t.TempDir()})
		defer h.Close()
		for _, rq := range []struct{ method, path, host string }{
			{"GET", "/signin", "ally.example.org"},        // a page
			{"GET", "/people", "ally.example.org"},        // the redirect to sign in
			{"GET", "/api/v1/people", "ally.example.org"}, // the API's 401
			{"GET", "/healthz", "ally.example.org"},
			{"GET", "/static/app.css", "ally.example.org"},
			{"POST", "/signin", "ally.example.org"}, // a refused sign-in
			{"GET", "/signin", "evil.example"},      // another host, refused
		} {
			w := proxied(h, rq.method, rq.path, rq.host, nil, nil)
			if got := w.Header().Get("Strict-Transport-Security"); got != tt.want {
				t.Errorf("base %s, %s %s (Host %s, status %d): Strict-Transport-Security %q, want %q", tt.base, rq.method, rq.path, rq.host, w.Code, got, tt.want)
			}
		}
	}
}
