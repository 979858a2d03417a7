package web

import (
	"context"
	"errors"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strings"
)

// loopbackNames are the names of this machine a request may use besides
// the base URL's host.
var loopbackNames = []string{"localhost", "127.0.0.1", "::1"}

// hostPolicy says which Host headers the server answers: the base URL's
// host and port, and this machine's loopback names on the listening port.
type hostPolicy struct {
	base        string // the base URL as given, for the refusal message
	host, port  string // the base URL's host and port (the scheme's default when it names none)
	defaultPort string // the base URL's scheme's port: a Host without a port means it
	listenPort  string // "" accepts the loopback names on any port
}

func newHostPolicy(base, listenAddr string) hostPolicy {
	p := hostPolicy{base: base, defaultPort: "80"}
	scheme, hostport, _ := strings.Cut(base, "://")
	if scheme == "https" {
		p.defaultPort = "443"
	}
	p.host, p.port = splitHost(hostport)
	if p.port == "" {
		p.port = p.defaultPort
	}
	if _, port, err := net.SplitHostPort(listenAddr); err == nil && port != "0" {
		p.listenPort = port
	}
	return p
}

// splitHost splits a Host header into a lower-case host (IPv6 without
// brackets) and its port, "" when it names none.
func splitHost(hostport string) (host, port string) {
	hostport = strings.ToLower(hostport)
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		return h, p
	}
	return strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), ""
}

func (p hostPolicy) allows(r *http.Request, overTLS bool) bool {
	host, port := splitHost(r.Host)
	if host == "" {
		return false
	}
	// Behind a proxy that ends TLS, a request for https://ally.example.org
	// arrives as plain HTTP with "Host: ally.example.org": no port means
	// the base URL's scheme's.
	if host == p.host && (port == p.port || port == "" && p.port == p.defaultPort) {
		return true
	}
	if port == "" {
		port = "80"
		if overTLS {
			port = "443"
		}
	}
	for _, name := range loopbackNames {
		if host == name && (p.listenPort == "" || port == p.listenPort) {
			return true
		}
	}
	return false
}

// checkHost refuses a request that names a host other than Ally's own.
// A page on evil.example whose name is rebound to 127.0.0.1 is
// same-origin with Ally in the browser, so the cross-origin check lets it
// through; its requests still say "Host: evil.example", and that is where
// they stop (DNS rebinding).
func (s *server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.hosts.allows(r, s.overTLS(r)) {
			next.ServeHTTP(w, r)
			return
		}
		s.Logger.Debug("refused a request for another host", "host", r.Host, "path", r.URL.Path)
		msg := "This Ally server answers only at " + s.hosts.base + " and on localhost; the address asked for names another host."
		if isAPI(r) {
			s.writeJSON(w, http.StatusMisdirectedRequest, apiError{Error: msg})
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		http.Error(w, msg, http.StatusMisdirectedRequest)
	})
}

// strictTransport tells browsers, on every response, to come back only
// over TLS when people reach Ally at an https base URL (HSTS): after the
// first visit a network attacker can no longer strip TLS from the
// address. A plain http base URL (this machine, a test) gets no such
// header, which would lock the browser out of it.
func (s *server) strictTransport(next http.Handler) http.Handler {
	if !strings.HasPrefix(s.BaseURL, "https://") {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Strict-Transport-Security", "max-age=31536000")
		next.ServeHTTP(w, r)
	})
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// requireJSON refuses an API write whose body is not declared as JSON: a
// body sent as text/plain or a form is one a page on another site can
// send without asking the browser first, and it was never meant for us.
func (s *server) requireJSON(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isAPI(r) && r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions && hasBody(r) {
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "application/json" {
				s.writeJSON(w, http.StatusUnsupportedMediaType, apiError{Error: "send the body as JSON, with Content-Type: application/json"})
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// hasBody reports whether the request carries a body: a length above zero
// or an unknown one (chunked).
func hasBody(r *http.Request) bool {
	return r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0
}

// logFailure logs an error that ends a request. When the client has gone
// (its request's context is cancelled), whatever failed on the way —
// "context canceled", "driver: bad connection", a broken pipe — is the
// disconnect and not a fault, so it is logged at debug level.
func (s *server) logFailure(r *http.Request, msg string, err error, args ...any) {
	level := slog.LevelError
	if errors.Is(err, context.Canceled) || r.Context().Err() != nil {
		level = slog.LevelDebug
		msg += " (the client went away)"
	}
	s.Logger.Log(r.Context(), level, msg, append([]any{"method", r.Method, "path", r.URL.Path, "err", err}, args...)...)
}
