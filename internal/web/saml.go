package web

import (
	"net/http"

	"github.com/ally-dev/ally/internal/auth"
)

// samlMetadata serves Ally's SAML service provider metadata, for the
// identity provider's administrators to register Ally with.
func (s *server) samlMetadata(w http.ResponseWriter, r *http.Request) {
	if s.signIn == nil || s.signIn.saml == nil {
		s.notFound(w, r)
		return
	}
	md, err := s.signIn.saml.Metadata(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/samlmetadata+xml")
	_, _ = w.Write(md)
}

// samlBegin (GET, from the sign-in page's link) sends the browser to the
// identity provider with a new authentication request.
func (s *server) samlBegin(w http.ResponseWriter, r *http.Request) {
	if s.signIn == nil || s.signIn.saml == nil {
		s.notFound(w, r)
		return
	}
	s.ssoBegin(w, r, s.signIn.saml.Begin)
}

// samlACS receives the identity provider's answer, a form it posts from
// its own site (the cross-origin check lets this one route through:
// server.go), and signs the person in.
func (s *server) samlACS(w http.ResponseWriter, r *http.Request) {
	if s.signIn == nil || s.signIn.saml == nil {
		s.notFound(w, r)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.ssoFinish(w, r, s.signIn.saml.Via(), auth.Identity{}, "/", &auth.Refusal{Why: "unreadable form: " + err.Error(), Next: "/", Err: auth.ErrProviderAnswer})
		return
	}
	id, next, err := s.signIn.saml.Finish(r.Context(), r, flowCookieValue(r))
	s.ssoFinish(w, r, s.signIn.saml.Via(), id, next, err)
}
