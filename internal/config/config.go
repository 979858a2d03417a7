// Package config reads Ally's settings from flags and the environment into
// one Config that is passed down explicitly. It is the only package that
// looks at environment variables, and it does so through a getenv function
// so that tests control them.
package config

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strings"
)

// Config is how this run of Ally is set up.
type Config struct {
	// DB is a SQLite file path or a postgres:// URL.
	DB string
	// Addr is where `ally serve` listens.
	Addr string
	// BaseURL is where people reach Ally (scheme and host, no trailing
	// slash), given with --base-url or ALLY_BASE_URL; empty when neither
	// was given (see DefaultBaseURL).
	BaseURL string
	// SecretKey encrypts secrets kept in the database (the SMTP password):
	// 32 bytes from ALLY_SECRET_KEY, nil when it is not set (then a SQLite
	// database keeps its key in a file beside it).
	SecretKey []byte
	// TrustProxy says a reverse proxy stands in front of Ally and sets
	// X-Forwarded-For and X-Forwarded-Proto (--trust-proxy or
	// ALLY_TRUST_PROXY). Without it those headers are ignored: anyone can
	// write them, and the per-address sign-in limit would count whatever
	// address a client claimed.
	TrustProxy bool
	// OIDC is the OpenID Connect provider a center's users may sign in
	// with; its zero value means none.
	OIDC OIDC
	// SAML is the SAML 2.0 identity provider (a university's Shibboleth)
	// a center's users may sign in with; its zero value means none.
	SAML SAML
}

// OIDC says which OpenID Connect provider to trust, from
// ALLY_OIDC_ISSUER, ALLY_OIDC_CLIENT_ID and ALLY_OIDC_CLIENT_SECRET (all
// three or none), and ALLY_OIDC_NAME, the name on the sign-in button
// (default: the issuer's host).
type OIDC struct {
	Issuer, ClientID, ClientSecret, Name string
}

// Enabled reports whether a provider is configured.
func (o OIDC) Enabled() bool { return o.Issuer != "" }

// SAML says which SAML identity provider to trust: ALLY_SAML_IDP_METADATA
// is the address (http or https) or the file path of its metadata, and
// ALLY_SAML_NAME the name on the sign-in button (default: the identity
// provider's host).
type SAML struct {
	IdPMetadata, Name string
}

// Enabled reports whether an identity provider is configured.
func (s SAML) Enabled() bool { return s.IdPMetadata != "" }

// Flags are the command-line values Config reads; empty means not given.
type Flags struct {
	DB, Addr, BaseURL string
	// TrustProxy is --trust-proxy's value; nil when the flag was not given.
	TrustProxy *bool
}

// DefaultAddr is where `ally serve` listens unless told otherwise: only
// this machine can reach it.
const DefaultAddr = "127.0.0.1:8080"

// Load builds the Config from the --db and --addr flag values (empty when
// not given) and the environment; see LoadFlags.
func Load(getenv func(string) string, dbFlag, addrFlag string) (Config, error) {
	return LoadFlags(getenv, Flags{DB: dbFlag, Addr: addrFlag})
}

// LoadFlags builds the Config from flag values and the environment: a flag
// wins over ALLY_DB / ALLY_ADDR / ALLY_BASE_URL, which win over the
// defaults. ALLY_SECRET_KEY has no flag, so that it stays out of process
// listings and shell history.
func LoadFlags(getenv func(string) string, f Flags) (Config, error) {
	c := Config{DB: f.DB, Addr: f.Addr}
	if c.DB == "" {
		c.DB = getenv("ALLY_DB")
	}
	if c.DB == "" {
		p, err := DefaultDBPath(getenv)
		if err != nil {
			return c, err
		}
		c.DB = p
	}
	if c.Addr == "" {
		c.Addr = getenv("ALLY_ADDR")
	}
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	base, from := f.BaseURL, "--base-url"
	if base == "" {
		base, from = getenv("ALLY_BASE_URL"), "ALLY_BASE_URL"
	}
	if base != "" {
		b, err := ParseBaseURL(base)
		if err != nil {
			return c, fmt.Errorf("%s: %w", from, err)
		}
		c.BaseURL = b
	}
	switch {
	case f.TrustProxy != nil:
		c.TrustProxy = *f.TrustProxy
	case getenv("ALLY_TRUST_PROXY") != "":
		v, err := ParseBool(getenv("ALLY_TRUST_PROXY"))
		if err != nil {
			return c, fmt.Errorf("ALLY_TRUST_PROXY: %w", err)
		}
		c.TrustProxy = v
	}
	if k := getenv("ALLY_SECRET_KEY"); k != "" {
		key, err := ParseSecretKey(k)
		if err != nil {
			return c, err
		}
		c.SecretKey = key
	}
	var err error
	if c.OIDC, err = loadOIDC(getenv); err != nil {
		return c, err
	}
	c.SAML = SAML{IdPMetadata: strings.TrimSpace(getenv("ALLY_SAML_IDP_METADATA")), Name: strings.TrimSpace(getenv("ALLY_SAML_NAME"))}
	return c, nil
}

// loadOIDC reads the OIDC provider's settings: all three of issuer,
// client id and secret, or none of them.
func loadOIDC(getenv func(string) string) (OIDC, error) {
	o := OIDC{Issuer: strings.TrimSpace(getenv("ALLY_OIDC_ISSUER")), ClientID: strings.TrimSpace(getenv("ALLY_OIDC_CLIENT_ID")),
		ClientSecret: getenv("ALLY_OIDC_CLIENT_SECRET"), Name: strings.TrimSpace(getenv("ALLY_OIDC_NAME"))}
	if o.Issuer == "" && o.ClientID == "" && o.ClientSecret == "" {
		return OIDC{}, nil
	}
	if o.Issuer == "" || o.ClientID == "" || o.ClientSecret == "" {
		return OIDC{}, errors.New("OIDC sign-in needs all three of ALLY_OIDC_ISSUER, ALLY_OIDC_CLIENT_ID and ALLY_OIDC_CLIENT_SECRET")
	}
	u, err := url.Parse(o.Issuer)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return OIDC{}, fmt.Errorf("ALLY_OIDC_ISSUER: %q is not an issuer address like https://login.westlake.edu", o.Issuer)
	}
	if o.Name == "" {
		o.Name = u.Hostname()
	}
	return o, nil
}

// ParseBool reads a yes-or-no setting from the environment: 1, true, yes
// or on; 0, false, no or off (any case).
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false (1, true, yes, on / 0, false, no, off)", s)
}

// DefaultBaseURL is the base URL of a server listening on addr when none
// is given: http:// and the address, with "localhost" for an address that
// names no host (":8080").
func DefaultBaseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// ParseBaseURL checks a base URL (http or https, a host, no path, query
// or fragment) and returns it without a trailing slash.
func ParseBaseURL(s string) (string, error) {
	s = strings.TrimRight(strings.TrimSpace(s), "/")
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("%q is not a base address like https://ally.example.org or http://127.0.0.1:8080", s)
	}
	return u.Scheme + "://" + strings.ToLower(u.Host), nil
}

// SecretKeySize is the length of the key that encrypts secrets (AES-256).
const SecretKeySize = 32

// ParseSecretKey reads a secret key written in base64 (as `openssl rand
// -base64 32` prints it): it must hold exactly 32 bytes.
func ParseSecretKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil && len(k) == SecretKeySize {
			return k, nil
		}
	}
	return nil, errors.New("ALLY_SECRET_KEY must be 32 random bytes in base64 (make one with: openssl rand -base64 32)")
}

// DefaultDBPath is $XDG_DATA_HOME/ally/ally.db, else ~/.local/share/ally/ally.db.
func DefaultDBPath(getenv func(string) string) (string, error) {
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "ally", "ally.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("cannot find a place for the database: set HOME, XDG_DATA_HOME or ALLY_DB, or pass --db")
	}
	return filepath.Join(home, ".local", "share", "ally", "ally.db"), nil
}

// IsLoopback reports whether addr (host:port, as --addr takes it) listens
// only on this machine: 127.x, ::1 or localhost. An address without a host
// (":8080") listens on every interface, so it is not.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
