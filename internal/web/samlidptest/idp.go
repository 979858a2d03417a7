// Package samlidptest runs a SAML 2.0 identity provider inside a test,
// for Ally's service provider to sign people in through: crewjam/saml's
// IdentityProvider, which signs real responses, with the people who sign
// in queued by the test instead of typed into a login form.
package samlidptest

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/crewjam/saml"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/ally-dev/ally/internal/auth"
)

// Person is who signs in at the identity provider next.
type Person struct {
	Email       string // sent as mail (by its OID) and eduPersonPrincipalName
	DisplayName string // sent as displayName (by its OID), when set
}

// IdP is a running identity provider.
type IdP struct {
	URL string // where it serves: URL+"/metadata" is its metadata
	IDP *saml.IdentityProvider

	mu       sync.Mutex
	sps      map[string]*saml.EntityDescriptor
	queue    []Person
	audience string
}

// Start serves an identity provider whose clock stands at now, until the
// test ends.
func Start(t testing.TB, now time.Time) *IdP {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	keyPEM, certPEM, err := auth.NewSigningKeyPair("idp.test", now)
	if err != nil {
		t.Fatal(err)
	}
	key, cert, err := auth.ParseSigningKeyPair(keyPEM, certPEM)
	if err != nil {
		t.Fatal(err)
	}
	at := func(path string) url.URL {
		u, _ := url.Parse(base + path)
		return *u
	}
	i := &IdP{URL: base, sps: map[string]*saml.EntityDescriptor{}}
	i.IDP = &saml.IdentityProvider{Key: key, Certificate: cert, MetadataURL: at("/metadata"), SSOURL: at("/sso"),
		ServiceProviderProvider: i, SessionProvider: i, Clock: dsig.NewFakeClockAt(now)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metadata", i.IDP.ServeMetadata)
	mux.HandleFunc("/sso", i.IDP.ServeSSO)
	srv.Config.Handler = mux
	srv.Start()
	t.Cleanup(srv.Close)
	return i
}

// MetadataURL is the address of the identity provider's metadata.
func (i *IdP) MetadataURL() string { return i.URL + "/metadata" }

// MetadataFile writes the identity provider's metadata to a file in dir
// and returns its path.
func (i *IdP) MetadataFile(t testing.TB, dir string) string {
	t.Helper()
	out, err := xml.MarshalIndent(i.IDP.Metadata(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := dir + "/idp-metadata.xml"
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Register trusts the service provider whose metadata is at metadataURL,
// as an identity provider's administrator does.
func (i *IdP) Register(t testing.TB, metadataURL string) {
	t.Helper()
	resp, err := http.Get(metadataURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the service provider's metadata: %d %v\n%s", resp.StatusCode, err, raw)
	}
	var md saml.EntityDescriptor
	if err := xml.Unmarshal(raw, &md); err != nil {
		t.Fatalf("the service provider's metadata: %v\n%s", err, raw)
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	i.sps[md.EntityID] = &md
}

// Queue has p sign in at the next request.
func (i *IdP) Queue(p Person) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.queue = append(i.queue, p)
}

// AddressTo makes the responses from now on name entityID as their
// audience instead of the service provider that asked ("" undoes it).
func (i *IdP) AddressTo(entityID string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.audience = entityID
}

// GetServiceProvider implements saml.ServiceProviderProvider.
func (i *IdP) GetServiceProvider(_ *http.Request, id string) (*saml.EntityDescriptor, error) {
	i.mu.Lock()
	defer i.mu.Unlock()
	md, ok := i.sps[id]
	if !ok {
		return nil, os.ErrNotExist
	}
	if i.audience != "" {
		other := *md
		other.EntityID = i.audience
		return &other, nil
	}
	return md, nil
}

// GetSession implements saml.SessionProvider: the next queued person is
// signed in; with nobody queued the request is refused.
func (i *IdP) GetSession(w http.ResponseWriter, _ *http.Request, req *saml.IdpAuthnRequest) *saml.Session {
	i.mu.Lock()
	defer i.mu.Unlock()
	if len(i.queue) == 0 {
		http.Error(w, "nobody is queued to sign in", http.StatusForbidden)
		return nil
	}
	p := i.queue[0]
	i.queue = i.queue[1:]
	s := &saml.Session{ID: fmt.Sprintf("session-%d", len(i.queue)), CreateTime: req.Now, ExpireTime: req.Now.Add(time.Hour),
		Index: "1", NameID: p.Email, NameIDFormat: string(saml.EmailAddressNameIDFormat), UserEmail: p.Email}
	if p.DisplayName != "" {
		s.CustomAttributes = append(s.CustomAttributes, saml.Attribute{FriendlyName: "displayName", Name: "urn:oid:2.16.840.1.113730.3.1.241",
			NameFormat: "urn:oasis:names:tc:SAML:2.0:attrname-format:uri", Values: []saml.AttributeValue{{Type: "xs:string", Value: p.DisplayName}}})
	}
	return s
}
