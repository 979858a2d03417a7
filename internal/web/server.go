// Package web serves Ally over HTTP: the JSON API under /api/v1 and the
// server-rendered pages. Handlers are thin: decode, validate, call the
// store and the method engine, render.
package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// Deps is everything the server needs.
type Deps struct {
	Store  *store.Store
	Owner  int64 // personal mode's single user
	Clock  method.Clock
	Logger *slog.Logger
	// BaseURL is where people reach Ally (scheme and host, no trailing
	// slash), as `ally serve --base-url` gives it: every absolute link
	// Ally builds starts with it, never with the request's Host, and a
	// request naming another host is refused. Empty means
	// http://127.0.0.1:8080, the default address.
	BaseURL string
	// ListenAddr is the address the server listens on: requests to
	// localhost, 127.0.0.1 or [::1] are answered on its port. Empty (as in
	// tests on httptest's random port) answers them on any port.
	ListenAddr string
	// TrustProxy says a reverse proxy in front of Ally sets
	// X-Forwarded-For (the client's address, for the per-address sign-in
	// limit and the audit log) and X-Forwarded-Proto (whether the client
	// came over TLS). Without it both are ignored, as anyone can send them.
	TrustProxy bool
	// ImportRoot is the folder under which the server keeps uploaded
	// contacts files in a folder of its own (default: the temp dir).
	ImportRoot string
	// OIDC and SAML are the sign-in providers a center offers besides
	// passwords (sso.go, saml.go); zero values offer none.
	OIDC config.OIDC
	SAML config.SAML
	// ProviderClient reaches the sign-in providers (default: a client
	// with a 20-second timeout).
	ProviderClient *http.Client
	// ImportParses bounds the contacts files read at once (default 2).
	ImportParses int
}

type server struct {
	Deps
	mux     *http.ServeMux
	ui      *ui
	handler http.Handler   // mux wrapped in the middleware
	hosts   hostPolicy     // the Host headers answered (guard.go)
	imports *importUploads // contacts files between preview and import (import_page.go)
	center  bool           // the database is a career center: everyone signs in (signin.go)
	signIn  *signIn        // a center's sign-in; nil in personal mode
	// rosterRuns counts the roster imports running in the background
	// (center_import.go); Close waits for them.
	rosterRuns sync.WaitGroup
}

// Server is Ally's HTTP handler. Close deletes what it keeps on disk.
type Server struct{ s *server }

// NewServer returns Ally's HTTP handler. Call Close when done serving.
func NewServer(d Deps) *Server {
	return &Server{s: newServer(d)}
}

func (sv *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { sv.s.handler.ServeHTTP(w, r) }

// Close deletes the contacts files waiting to be imported, with their
// folder. Call it once the server has stopped serving.
func (sv *Server) Close() error {
	sv.s.rosterRuns.Wait()
	return sv.s.imports.close()
}

func newServer(d Deps) *server {
	if d.Clock == nil {
		d.Clock = method.SystemClock{}
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.BaseURL == "" {
		d.BaseURL = config.DefaultBaseURL(config.DefaultAddr)
	}
	u, err := newUI()
	if err != nil {
		// The templates and static files are embedded: they fail to load
		// only when the build itself is broken, which a test catches.
		panic(err)
	}
	s := &server{Deps: d, mux: http.NewServeMux(), ui: u, hosts: newHostPolicy(d.BaseURL, d.ListenAddr),
		imports: newImportUploads(d.ImportRoot, d.ImportParses, d.Clock.Now(), d.Logger)}
	if s.center = s.isCenter(); s.center {
		if s.signIn, err = s.newSignIn(); err != nil {
			panic(err) // only when the system's random source fails
		}
	}
	for _, rt := range s.routes() {
		s.mux.HandleFunc(rt.Method+" "+rt.Pattern, rt.Handler)
	}
	var h http.Handler = s.mux
	h = s.limitBodies(h)
	h = s.requireSignIn(h)
	h = s.pageHeaders(h)
	h = s.requireJSON(h)
	cop := http.NewCrossOriginProtection()
	// The SAML identity provider posts its answer from its own site, by
	// design; the answer's signature and its flow, tied to this browser's
	// cookie, are what protect it (saml.go).
	cop.AddInsecureBypassPattern("POST /saml/acs")
	h = cop.Handler(h)
	h = s.checkHost(h)
	h = s.strictTransport(h)
	h = s.recoverPanics(h)
	h = s.logRequests(h)
	s.handler = h
	return s
}

// scope is the store seen by the request's user.
func (s *server) scope(r *http.Request) *store.Scope { return s.Store.For(s.ownerOf(r)) }

func (s *server) now() time.Time { return s.Clock.Now() }

// statusFor maps an error to its HTTP status: the one place that does.
func statusFor(err error) int {
	var se *method.StepError
	var amb *store.AmbiguousError
	var has *store.ErrHasConversations
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound
	case errors.As(err, &se), errors.As(err, &has), errors.Is(err, store.ErrConflict),
		errors.As(err, new(*center.StepError)), errors.As(err, new(*center.Refusal)):
		return http.StatusConflict
	case model.AsErrors(err) != nil:
		return http.StatusUnprocessableEntity
	case errors.As(err, &amb), errors.As(err, &syn), errors.As(err, &typ), errors.As(err, new(badRequest)):
		return http.StatusBadRequest
	case errors.Is(err, errTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.As(err, new(errForbidden)):
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// badRequest is a request the client got wrong that is not a field error.
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

var errTooLarge = fmt.Errorf("request body too large (at most %.1f MiB)", float64(maxFormBytes)/(1<<20))

// apiError is the JSON body of every API error.
type apiError struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
	// Rule names the limit that refused a request (center.Rule).
	Rule center.Rule `json:"rule,omitempty"`
}

func (s *server) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		s.Logger.Warn("write json", "err", err)
	}
}

func (s *server) writeAPIError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusFor(err)
	body := apiError{Error: err.Error()}
	if es := model.AsErrors(err); len(es) > 0 {
		body.Field = es[0].Field
	}
	if ref := (*center.Refusal)(nil); errors.As(err, &ref) {
		body.Rule = ref.Rule
	}
	if status == http.StatusInternalServerError {
		s.logFailure(r, "request failed", err)
		body = apiError{Error: "something went wrong on our side; the error is logged"}
	}
	s.writeJSON(w, status, body)
}

// decodeJSON reads a JSON body into v, refusing unknown fields, trailing
// data and bodies over maxFormBytes.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	return decodeJSONFrom(r.Body, v)
}

// decodeJSONFrom reads one JSON value into v as decodeJSON does.
func decodeJSONFrom(body io.Reader, v any) error {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			return errTooLarge
		case errors.Is(err, context.Canceled):
			return err
		}
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return &model.FieldError{Field: typ.Field, Message: fmt.Sprintf("must be a %s", typ.Type)}
		}
		return badRequest{"malformed JSON: " + err.Error()}
	}
	if dec.More() {
		return badRequest{"malformed JSON: more than one value in the body"}
	}
	return nil
}

func (s *server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		s.Logger.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "took", time.Since(start))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (s *server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.Error("panic", "path", r.URL.Path, "value", v, "stack", string(debug.Stack()))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
