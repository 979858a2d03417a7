package auth

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

	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// SAMLKeyStore keeps the center's SAML key pair where every instance
// finds it, made once.
type SAMLKeyStore interface {
	SAMLKeyPair(ctx context.Context, generate func() (keyPEM, certPEM string, err error), now time.Time) (keyPEM, certPEM string, err error)
}

// SAML signs people in through a SAML 2.0 identity provider (a
// university's Shibboleth, say), Ally being the service provider: requests
// by HTTP-Redirect, answers by HTTP-POST, each request's ID keying a flow
// in Flows. The identity provider's metadata and the key pair are loaded
// once, on first need, and kept: they describe the two parties, not any
// sign-in.
type SAML struct {
	cfg    config.SAML
	base   string // the base URL: the entity ID, metadata and ACS addresses start with it
	client *http.Client
	keys   SAMLKeyStore
	clock  method.Clock
	flows  *Flows

	mu   sync.Mutex
	idp  *saml.EntityDescriptor
	key  *rsa.PrivateKey
	cert *x509.Certificate
}

// NewSAML returns the service provider for the identity provider cfg
// names, at baseURL's /saml/metadata and /saml/acs.
func NewSAML(cfg config.SAML, baseURL string, client *http.Client, keys SAMLKeyStore, flows *Flows, clock method.Clock) *SAML {
	if cfg.Name == "" {
		cfg.Name = "your university"
	}
	return &SAML{cfg: cfg, base: baseURL, client: client, keys: keys, clock: clock, flows: flows}
}

// Name is the identity provider's name on the sign-in button.
func (c *SAML) Name() string { return c.cfg.Name }

// Via names the identity provider in the audit log.
func (c *SAML) Via() string { return model.FlowSAML + " " + c.cfg.IdPMetadata }

// keyPair returns the center's key pair, made once for all instances.
func (c *SAML) keyPair(ctx context.Context) (*rsa.PrivateKey, *x509.Certificate, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key != nil {
		return c.key, c.cert, nil
	}
	host := c.base
	if u, err := url.Parse(c.base); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	keyPEM, certPEM, err := c.keys.SAMLKeyPair(ctx, func() (string, string, error) { return NewSigningKeyPair(host, c.clock.Now()) }, c.clock.Now())
	if err != nil {
		return nil, nil, err
	}
	if c.key, c.cert, err = ParseSigningKeyPair(keyPEM, certPEM); err != nil {
		return nil, nil, fmt.Errorf("the stored SAML key pair: %w", err)
	}
	return c.key, c.cert, nil
}

// idpMetadata returns the identity provider's metadata, read from its
// address or file (a failure is tried again next time).
func (c *SAML) idpMetadata(ctx context.Context) (*saml.EntityDescriptor, error) {
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
		return nil, unreachable(fmt.Errorf("read the SAML identity provider's metadata from %s: %w", c.cfg.IdPMetadata, err))
	}
	c.idp = md
	return md, nil
}

func (c *SAML) url(path string) url.URL {
	u, _ := url.Parse(c.base + path)
	return *u
}

// sp is the service provider as of now; withIdP loads the identity
// provider's metadata too (the SP's own metadata does not need it).
func (c *SAML) sp(ctx context.Context, withIdP bool) (*saml.ServiceProvider, error) {
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

// Metadata is the service provider's metadata, as XML, for the identity
// provider's administrators to register Ally with.
func (c *SAML) Metadata(ctx context.Context) ([]byte, error) {
	sp, err := c.sp(ctx, false)
	if err != nil {
		return nil, err
	}
	out, err := xml.MarshalIndent(sp.Metadata(), "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

// Begin keeps a new flow, keyed by a new authentication request's ID, for
// the browser whose flow cookie is browser, and returns the identity
// provider's address to send it to, the request in it.
func (c *SAML) Begin(ctx context.Context, browser, next string) (string, error) {
	sp, err := c.sp(ctx, true)
	if err != nil {
		return "", err
	}
	req, err := sp.MakeAuthenticationRequest(sp.GetSSOBindingLocation(saml.HTTPRedirectBinding), saml.HTTPRedirectBinding, saml.HTTPPostBinding)
	if err != nil {
		return "", fmt.Errorf("make a SAML request: %w", err)
	}
	if err := c.flows.BeginSAML(ctx, req.ID, browser, next); err != nil {
		return "", err
	}
	u, err := req.Redirect("", sp)
	if err != nil {
		return "", fmt.Errorf("send a SAML request: %w", err)
	}
	return u.String(), nil
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

// Finish reads the identity provider's answer, the form r posts, in the
// browser whose flow cookie is browser: the request it answers must be a
// flow this browser began and nobody used, and the response must be
// signed by the identity provider, for this service provider, in time. It
// returns whom the identity provider vouches for (its email is taken as
// verified: the university's word) and where the flow was going, or a
// *Refusal, or an error matching ErrProviderDown.
func (c *SAML) Finish(ctx context.Context, r *http.Request, browser string) (Identity, string, error) {
	id := inResponseTo(r.PostForm.Get("SAMLResponse"))
	flow, err := finish(ctx, c.flows, model.FlowSAML, id, browser)
	if err != nil {
		return Identity{}, "/", err
	}
	sp, err := c.sp(ctx, true)
	if err != nil {
		return Identity{}, flow.Next, err
	}
	assertion, err := sp.ParseResponse(r, []string{id})
	if err != nil {
		detail := err.Error()
		var invalid *saml.InvalidResponseError
		if errors.As(err, &invalid) && invalid.PrivateErr != nil {
			detail = invalid.PrivateErr.Error()
		}
		return Identity{}, flow.Next, &Refusal{Why: "response refused: " + detail, Next: flow.Next, Err: ErrProviderAnswer}
	}
	email, name := samlPerson(assertion)
	return Identity{Kind: model.FlowSAML, Provider: c.cfg.IdPMetadata, Email: email, EmailVerified: true, Name: name}, flow.Next, nil
}

// The attributes Ally reads, by their names in the eduPerson and
// inetOrgPerson schemas and by their OIDs (urn:oid:…), as identity
// providers send either.
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
