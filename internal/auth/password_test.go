package auth

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// cheap keeps tests fast; the format and checks are the same at any cost.
func cheap() *Hasher {
	return &Hasher{Params: Params{Memory: 64, Iterations: 1, Threads: 1, SaltLen: 16, KeyLen: 32}}
}

func TestHashWritesOWASPParametersAndVerifies(t *testing.T) {
	h := NewHasher()
	enc, err := h.Hash("a long enough passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not carry OWASP's argon2id parameters", enc)
	}
	for _, tc := range []struct {
		password string
		want     bool
	}{{"a long enough passphrase", true}, {"a long enough passphrasE", false}, {"", false}} {
		ok, err := h.Verify(enc, tc.password)
		if err != nil || ok != tc.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", tc.password, ok, err, tc.want)
		}
	}
}

func TestHashSaltsEveryHash(t *testing.T) {
	h := cheap()
	a, _ := h.Hash("same password here")
	b, _ := h.Hash("same password here")
	if a == b {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	fixed := &Hasher{Params: h.Params, Rand: bytes.NewReader(make([]byte, 64))}
	c, _ := fixed.Hash("same password here")
	if !strings.Contains(c, "$AAAAAAAAAAAAAAAAAAAAAA$") {
		t.Fatalf("hash %q does not use the salt read from Rand", c)
	}
}

func TestVerifyUsesTheHashsOwnParameters(t *testing.T) {
	old := cheap()
	enc, _ := old.Hash("an older passphrase")
	now := NewHasher()
	ok, err := now.Verify(enc, "an older passphrase")
	if err != nil || !ok {
		t.Fatalf("a hash made with older parameters no longer verifies: %v %v", ok, err)
	}
	if !now.NeedsRehash(enc) {
		t.Error("a hash with older parameters should be rehashed")
	}
	if old.NeedsRehash(enc) {
		t.Error("a hash with the current parameters should not be rehashed")
	}
}

func TestVerifyRefusesMalformedHashes(t *testing.T) {
	h := cheap()
	good, _ := h.Hash("whatever it is")
	parts := strings.Split(good, "$")
	for name, enc := range map[string]string{
		"empty":          "",
		"bcrypt":         "$2a$10$abcdefghijklmnopqrstuv",
		"argon2i":        strings.Replace(good, "argon2id", "argon2i", 1),
		"version":        strings.Replace(good, "v=19", "v=16", 1),
		"params":         strings.Replace(good, parts[3], "m=x,t=1,p=1", 1),
		"huge memory":    strings.Replace(good, parts[3], "m=99999999,t=1,p=1", 1),
		"zero threads":   strings.Replace(good, parts[3], "m=64,t=1,p=0", 1),
		"salt not b64":   strings.Replace(good, parts[4], "!!!", 1),
		"short key":      strings.Replace(good, parts[5], "AAAA", 1),
		"missing fields": "$argon2id$v=19$m=64,t=1,p=1",
	} {
		t.Run(name, func(t *testing.T) {
			ok, err := h.Verify(enc, "whatever it is")
			if ok || !errors.Is(err, ErrBadHash) {
				t.Fatalf("Verify(%q) = %v, %v; want false, ErrBadHash", enc, ok, err)
			}
		})
	}
}

// BenchmarkHash is the cost of one argon2id hash with DefaultParams: what
// every sign-in pays on purpose, and an attacker per guess.
func BenchmarkHash(b *testing.B) {
	h := NewHasher()
	for b.Loop() {
		if _, err := h.Hash("violet tractor harbour seventeen"); err != nil {
			b.Fatal(err)
		}
	}
}
