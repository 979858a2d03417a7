package model

import "time"

// Kinds of sign-in through another site.
const (
	FlowOIDC = "oidc"
	FlowSAML = "saml"
)

// A SignInFlow is one trip to a sign-in provider and back, from the
// sign-in button to the provider's answer. It is kept in the database so
// that any server instance can finish it, and used once.
type SignInFlow struct {
	Kind        string    // FlowOIDC or FlowSAML
	KeyHash     string    // SHA-256 of the OIDC state or the SAML request's ID
	BrowserHash string    // SHA-256 of the cookie of the browser that began it
	Nonce       string    // OIDC: the nonce the ID token must carry
	Verifier    string    // OIDC: the PKCE code verifier (sealed at rest)
	Next        string    // where to go once signed in: a local path
	ExpiresAt   time.Time // refused from then on
}
