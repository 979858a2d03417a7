package web

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/crewjam/saml"
	"github.com/crewjam/saml/samlsp"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// samlClient is Ally as a SAML 2.0 service provider of the configured
// identity provider (a university's Shibboleth, say). The identity
// provider's metadata and the center's key pair are loaded once, on first
// need, and kept: they describe the two parties, not any sign-in. The key
// pair itself lives in the database, shared by every instance.
type samlClient struct {
	cfg    config.SAML
	base   string // the base URL: the entity ID, metadata and ACS addresses start with it
	client *http.Client
	store  *store.Store
	clock  method.Clock

	mu   sync.Mutex
	idp  *saml.EntityDescriptor
	key  *rsa.PrivateKey
	cert *x509.Certificate
}

func newSAMLClient(cfg config.SAML, base string, client *http.Client, st *store.Store, clock method.Clock) *samlClient {
	if cfg.Name == "" {
		cfg.Name = "your university"
	}
	return &samlClient{cfg: cfg, base: base, client: client, store: st, clock: clock}
}

// keyPair returns the center's key pair, made once for all instances.
func (c *samlClient) keyPair(ctx context.Context) (*rsa.PrivateKey, *x509.Certificate, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key != nil {
		return c.key, c.cert, nil
	}
	host := c.base
	if u, err := url.Parse(c.base); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	keyPEM, certPEM, err := c.store.SAMLKeyPair(ctx, func() (string, string, error) { return auth.NewSigningKeyPair(host, c.clock.Now()) }, c.clock.Now())
	if err != nil {
		return nil, nil, err
	}
	if c.key, c.cert, err = auth.ParseSigningKeyPair(keyPEM, certPEM); err != nil {
		return nil, nil, fmt.Errorf("the stored SAML key pair: %w", err)
	}
	return c.key, c.cert, nil
}

// idpMetadata returns the identity provider's metadata, read from its
// address or file (a failure is tried again next time).
func (c *samlClient) idpMetadata(ctx context.Context) (*saml.EntityDescriptor, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.idp != nil {
		return c.idp, nil
	}
	var md *saml.EntityDescriptor
	var err error
	if u, perr := url.Parse(c.cfg.IdPMetadata); perr == nil && (u.Scheme == "https" || u.Scheme == "http") {
		ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		md, err = samlsp.FetchMetadata(ctx, c.client, *u)
	} else {
		var raw []byte
		if raw, err = os.ReadFile(c.cfg.IdPMetadata); err == nil {
			md, err = samlsp.ParseMetadata(raw)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("read the SAML identity provider's metadata from %s: %w", c.cfg.IdPMetadata, err)
	}
	c.idp = md
	return md, nil
}

func (c *samlClient) url(path string) url.URL {
	u, _ := url.Parse(c.base + path)
	return *u
}

// sp is the service provider as of now; withIdP loads the identity
// provider's metadata too (the SP's own metadata does not need it).
func (c *samlClient) sp(ctx context.Context, withIdP bool) (*saml.ServiceProvider, error) {
	key, cert, err := c.keyPair(ctx)
	if err != nil {
		return nil, err
	}
	sp := &saml.ServiceProvider{EntityID: c.base + "/saml/metadata", Key: key, Certificate: cert,
		MetadataURL: c.url("/saml/metadata"), AcsURL: c.url("/saml/acs"), HTTPClient: c.client,
		AssertionConsumerServiceBindings: []string{saml.HTTPPostBinding}, Clock: dsig.NewFakeClockAt(c.clock.Now())}
	if withIdP {
		if sp.IDPMetadata, err = c.idpMetadata(ctx); err != nil {
			return nil, err
		}
	}
	return sp, nil
}

// samlMetadata serves the service provider's metadata, for the identity
// provider's administrators to register Ally with.
func (s *server) samlMetadata(w http.ResponseWriter, r *http.Request) {
	if s.signIn == nil || s.signIn.saml == nil {
		s.notFound(w, r)
		return
	}
	sp, err := s.signIn.saml.sp(r.Context(), false)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	out, err := xml.MarshalIndent(sp.Metadata(), "", "  ")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/samlmetadata+xml")
	_, _ = w.Write(append([]byte(xml.Header), out...))
}

// samlBegin (GET, from the sign-in page's link) sends the browser to the
// identity provider with a new authentication request, whose ID keys the
// flow (HTTP-Redirect binding; the answer comes back by HTTP-POST).
func (s *server) samlBegin(w http.ResponseWriter, r *http.Request) {
	if s.signIn == nil || s.signIn.saml == nil {
		s.notFound(w, r)
		return
	}
	next := localPath(r.URL.Query().Get("next"))
	sp, err := s.signIn.saml.sp(r.Context(), true)
	if err != nil {
		s.logFailure(r, "SAML sign-in", err)
		s.signinProblem(w, r, http.StatusBadGateway, errProviderDown, next)
		return
	}
	req, err := sp.MakeAuthenticationRequest(sp.GetSSOBindingLocation(saml.HTTPRedirectBinding), saml.HTTPRedirectBinding, saml.HTTPPostBinding)
	if err != nil {
		s.signinFailed(w, r, fmt.Errorf("make a SAML request: %w", err), next)
		return
	}
	browser, err := s.browserFlowCookie(w, r)
	if err == nil {
		err = s.signIn.flows.BeginSAML(r.Context(), req.ID, browser, next)
	}
	if err != nil {
		s.signinFailed(w, r, err, next)
		return
	}
	u, err := req.Redirect("", sp)
	if err != nil {
		s.signinFailed(w, r, fmt.Errorf("send a SAML request: %w", err), next)
		return
	}
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}

// inResponseTo reads which request a SAML response answers, before
// anything in it is trusted: only to find the flow, whose ID the
// signature check then requires the response to carry.
func inResponseTo(encoded string) string {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(encoded))
	if err != nil {
		return ""
	}
	var resp struct {
		InResponseTo string `xml:"InResponseTo,attr"`
	}
	if xml.Unmarshal(raw, &resp) != nil {
		return ""
	}
	return resp.InResponseTo
}

// samlACS receives the identity provider's answer (a form it posts from
// its own site): the request it answers must be a flow this browser began
// and nobody used; the response must be signed by the identity provider,
// for this service provider, in time. Then the person is signed in on the
// email the identity provider gives, as through OIDC.
func (s *server) samlACS(w http.ResponseWriter, r *http.Request) {
	if s.signIn == nil || s.signIn.saml == nil {
		s.notFound(w, r)
		return
	}
	via := model.FlowSAML + " " + s.SAML.IdPMetadata
	address := s.clientAddress(r)
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		s.ssoRefused(w, r, "", via, "unreadable form: "+err.Error(), address, errProviderAnswer, "/")
		return
	}
	id := inResponseTo(r.PostForm.Get("SAMLResponse"))
	flow, ok := s.finishFlow(w, r, model.FlowSAML, id, via, address)
	if !ok {
		return
	}
	sp, err := s.signIn.saml.sp(r.Context(), true)
	if err != nil {
		s.logFailure(r, "SAML sign-in", err)
		s.signinProblem(w, r, http.StatusBadGateway, errProviderDown, flow.Next)
		return
	}
	assertion, err := sp.ParseResponse(r, []string{id})
	if err != nil {
		detail := err.Error()
		var invalid *saml.InvalidResponseError
		if errors.As(err, &invalid) && invalid.PrivateErr != nil {
			detail = invalid.PrivateErr.Error()
		}
		s.ssoRefused(w, r, "", via, "response refused: "+detail, address, errProviderAnswer, flow.Next)
		return
	}
	email, name := samlPerson(assertion)
	// A university's identity provider vouches for the address it gives.
	s.ssoSignIn(w, r, auth.Identity{Kind: model.FlowSAML, Provider: s.SAML.IdPMetadata, Email: email, EmailVerified: true, Name: name}, flow.Next)
}

// The attributes Ally reads, by their names in the eduPerson and inetOrgPerson
// schemas and by their OIDs (urn:oid:…), as identity providers send either.
var (
	samlEmailAttrs = [][]string{
		{"mail", "urn:oid:0.9.2342.19200300.100.1.3", "email", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"},
		{"eduPersonPrincipalName", "urn:oid:1.3.6.1.4.1.5923.1.1.1.6"},
	}
	samlNameAttrs = [][]string{
		{"displayName", "urn:oid:2.16.840.1.113730.3.1.241"},
		{"cn", "urn:oid:2.5.4.3"},
	}
)

// samlPerson reads the email (mail, else an eduPersonPrincipalName that
// is an address) and the display name (displayName, else cn) from an
// assertion's attributes, matched by name or friendly name.
func samlPerson(a *saml.Assertion) (email, name string) {
	values := map[string]string{}
	for _, st := range a.AttributeStatements {
		for _, at := range st.Attributes {
			if len(at.Values) == 0 {
				continue
			}
			v := strings.TrimSpace(at.Values[0].Value)
			for _, k := range []string{at.Name, at.FriendlyName} {
				if k != "" && values[strings.ToLower(k)] == "" {
					values[strings.ToLower(k)] = v
				}
			}
		}
	}
	first := func(groups [][]string, ok func(string) bool) string {
		for _, names := range groups {
			for _, n := range names {
				if v := values[strings.ToLower(n)]; v != "" && ok(v) {
					return v
				}
			}
		}
		return ""
	}
	email = first(samlEmailAttrs, model.ValidEmail)
	name = first(samlNameAttrs, func(string) bool { return true })
	return email, name
}
