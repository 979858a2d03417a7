package config

import (
	"strings"
	"testing"
)

func TestLoadPrecedence(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name             string
		env              map[string]string
		dbFlag, addrFlag string
		wantDB, wantAddr string
		wantErr          bool
	}{
		{"defaults under HOME", map[string]string{"HOME": "/home/ann"}, "", "", "/home/ann/.local/share/ally/ally.db", DefaultAddr, false},
		{"XDG data home", map[string]string{"HOME": "/home/ann", "XDG_DATA_HOME": "/data"}, "", "", "/data/ally/ally.db", DefaultAddr, false},
		{"relative XDG ignored", map[string]string{"HOME": "/home/ann", "XDG_DATA_HOME": "data"}, "", "", "/home/ann/.local/share/ally/ally.db", DefaultAddr, false},
		{"environment", map[string]string{"ALLY_DB": "postgres://x/y", "ALLY_ADDR": ":9000"}, "", "", "postgres://x/y", ":9000", false},
		{"flags win", map[string]string{"ALLY_DB": "env.db", "ALLY_ADDR": ":9000"}, "flag.db", ":7000", "flag.db", ":7000", false},
		{"nowhere to put the database", map[string]string{}, "", "", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(env(tt.env), tt.dbFlag, tt.addrFlag)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if err == nil && (c.DB != tt.wantDB || c.Addr != tt.wantAddr) {
				t.Fatalf("got %+v", c)
			}
		})
	}
}

func TestLoadBaseURLAndSecretKey(t *testing.T) {
	key := "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" // base64 of 32 bytes
	tests := []struct {
		name     string
		env      map[string]string
		flag     string
		wantBase string
		wantKey  bool
		wantErr  string
	}{
		{"none given", map[string]string{"HOME": "/h"}, "", "", false, ""},
		{"environment", map[string]string{"HOME": "/h", "ALLY_BASE_URL": "https://Ally.Example.org/"}, "", "https://ally.example.org", false, ""},
		{"flag wins", map[string]string{"HOME": "/h", "ALLY_BASE_URL": "https://a.example"}, "http://127.0.0.1:9000", "http://127.0.0.1:9000", false, ""},
		{"a path is refused", map[string]string{"HOME": "/h"}, "https://a.example/ally", "", false, "--base-url"},
		{"not http", map[string]string{"HOME": "/h", "ALLY_BASE_URL": "ftp://a.example"}, "", "", false, "ALLY_BASE_URL"},
		{"secret key", map[string]string{"HOME": "/h", "ALLY_SECRET_KEY": key}, "", "", true, ""},
		{"short secret key", map[string]string{"HOME": "/h", "ALLY_SECRET_KEY": "c2hvcnQ="}, "", "", false, "ALLY_SECRET_KEY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadFlags(func(k string) string { return tt.env[k] }, Flags{BaseURL: tt.flag})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.BaseURL != tt.wantBase || (len(c.SecretKey) == SecretKeySize) != tt.wantKey {
				t.Fatalf("got base %q, key of %d bytes", c.BaseURL, len(c.SecretKey))
			}
		})
	}
}

func TestDefaultBaseURLAndLoopback(t *testing.T) {
	tests := []struct {
		addr, base string
		loopback   bool
	}{
		{"127.0.0.1:8080", "http://127.0.0.1:8080", true},
		{"127.3.4.5:80", "http://127.3.4.5:80", true},
		{"localhost:9000", "http://localhost:9000", true},
		{"[::1]:8080", "http://[::1]:8080", true},
		{":8080", "http://localhost:8080", false},
		{"0.0.0.0:8080", "http://localhost:8080", false},
		{"192.168.1.20:8080", "http://192.168.1.20:8080", false},
		{"ally.example.org:8080", "http://ally.example.org:8080", false},
		{"nonsense", "http://nonsense", false},
	}
	for _, tt := range tests {
		if got := DefaultBaseURL(tt.addr); got != tt.base {
			t.Errorf("DefaultBaseURL(%q) = %q, want %q", tt.addr, got, tt.base)
		}
		if got := IsLoopback(tt.addr); got != tt.loopback {
			t.Errorf("IsLoopback(%q) = %v", tt.addr, got)
		}
	}
}

func TestLoadTrustProxy(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name    string
		env     string
		flag    *bool
		want    bool
		wantErr string
	}{
		{"off unless asked", "", nil, false, ""},
		{"environment", "true", nil, true, ""},
		{"environment, other words", " YES ", nil, true, ""},
		{"environment says no", "0", nil, false, ""},
		{"the flag wins", "false", &yes, true, ""},
		{"the flag wins the other way", "on", &no, false, ""},
		{"a word that is neither", "maybe", nil, false, "ALLY_TRUST_PROXY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"HOME": "/h", "ALLY_TRUST_PROXY": tt.env}
			c, err := LoadFlags(func(k string) string { return env[k] }, Flags{TrustProxy: tt.flag})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil || c.TrustProxy != tt.want {
				t.Fatalf("TrustProxy = %v, %v; want %v", c.TrustProxy, err, tt.want)
			}
		})
	}
}

func TestLoadSignInProviders(t *testing.T) {
	env := func(m map[string]string) func(string) string {
		m["HOME"] = "/home/ann"
		return func(k string) string { return m[k] }
	}
	c, err := LoadFlags(env(map[string]string{}), Flags{})
	if err != nil || c.OIDC.Enabled() || c.SAML.Enabled() {
		t.Fatalf("no settings: %+v, %v", c, err)
	}
	c, err = LoadFlags(env(map[string]string{"ALLY_OIDC_ISSUER": " https://login.westlake.edu/ ", "ALLY_OIDC_CLIENT_ID": "ally", "ALLY_OIDC_CLIENT_SECRET": "s3cret"}), Flags{})
	if err != nil || c.OIDC != (OIDC{Issuer: "https://login.westlake.edu/", ClientID: "ally", ClientSecret: "s3cret", Name: "login.westlake.edu"}) {
		t.Fatalf("OIDC: %+v, %v", c.OIDC, err)
	}
	c, err = LoadFlags(env(map[string]string{"ALLY_OIDC_ISSUER": "https://login.westlake.edu", "ALLY_OIDC_CLIENT_ID": "ally", "ALLY_OIDC_CLIENT_SECRET": "s", "ALLY_OIDC_NAME": "Westlake Login"}), Flags{})
	if err != nil || c.OIDC.Name != "Westlake Login" {
		t.Fatalf("OIDC name: %+v, %v", c.OIDC, err)
	}
	for name, m := range map[string]map[string]string{
		"no secret":     {"ALLY_OIDC_ISSUER": "https://login.westlake.edu", "ALLY_OIDC_CLIENT_ID": "ally"},
		"no issuer":     {"ALLY_OIDC_CLIENT_ID": "ally", "ALLY_OIDC_CLIENT_SECRET": "s"},
		"not an issuer": {"ALLY_OIDC_ISSUER": "login.westlake.edu", "ALLY_OIDC_CLIENT_ID": "ally", "ALLY_OIDC_CLIENT_SECRET": "s"},
	} {
		if _, err := LoadFlags(env(m), Flags{}); err == nil || !strings.Contains(err.Error(), "ALLY_OIDC_") {
			t.Errorf("%s: %v, want an error naming the setting", name, err)
		}
	}
	c, err = LoadFlags(env(map[string]string{"ALLY_SAML_IDP_METADATA": "https://idp.westlake.edu/metadata"}), Flags{})
	if err != nil || !c.SAML.Enabled() || c.SAML.IdPMetadata != "https://idp.westlake.edu/metadata" {
		t.Fatalf("SAML: %+v, %v", c.SAML, err)
	}
}
