// Package auth answers "who is this request?": password hashing and policy,
// sign-in with rate limits, sessions and API tokens, and sign-in through an
// OpenID Connect provider or a SAML identity provider (oidc.go, saml.go),
// whose trips there and back are flows kept in the database (flow.go) and
// whose identities become accounts by verified email (external.go). Its rules are pure
// functions over values and an injected clock; what it reads and writes goes
// through small interfaces that the store implements.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters. They are written into every hash,
// so they can be raised later: old hashes still verify, and NeedsRehash
// tells when to store a new one.
type Params struct {
	Memory     uint32 // KiB
	Iterations uint32
	Threads    uint8
	SaltLen    uint32
	KeyLen     uint32
}

// DefaultParams are OWASP's recommended minimum for argon2id: 19 MiB of
// memory, 2 iterations, 1 thread. A hash costs a few tens of milliseconds,
// which is the point: a stolen table of hashes is slow to attack.
func DefaultParams() Params {
	return Params{Memory: 19 * 1024, Iterations: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// ErrBadHash means a stored hash is not one this package wrote.
var ErrBadHash = errors.New("stored password hash is not a valid argon2id hash")

// A Hasher makes and checks argon2id password hashes in the PHC string
// form: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>.
type Hasher struct {
	Params Params
	Rand   io.Reader // the salt's source; nil means crypto/rand
}

// NewHasher returns a hasher with DefaultParams.
func NewHasher() *Hasher { return &Hasher{Params: DefaultParams()} }

// Hash returns the encoded hash of password with a new random salt.
func (h *Hasher) Hash(password string) (string, error) {
	p := h.Params
	salt := make([]byte, p.SaltLen)
	r := h.Rand
	if r == nil {
		r = rand.Reader
	}
	if _, err := io.ReadFull(r, salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Iterations, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Iterations, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether password matches the encoded hash, with the
// parameters the hash carries. The comparison takes constant time.
func (h *Hasher) Verify(encoded, password string) (bool, error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Iterations, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether encoded was made with other parameters than
// the hasher's, so that a successful sign-in should store a new hash.
func (h *Hasher) NeedsRehash(encoded string) bool {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return true
	}
	want := h.Params
	return p.Memory != want.Memory || p.Iterations != want.Iterations || p.Threads != want.Threads ||
		uint32(len(salt)) != want.SaltLen || uint32(len(key)) != want.KeyLen
}

func decodeHash(encoded string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(encoded, "$")
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, key
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, ErrBadHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, fmt.Errorf("%w: unknown version %q", ErrBadHash, parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Iterations, &p.Threads); err != nil {
		return p, nil, nil, fmt.Errorf("%w: parameters %q", ErrBadHash, parts[3])
	}
	// Bounds keep a corrupted row from asking for gigabytes or forever.
	if p.Memory < 8 || p.Memory > 1<<21 || p.Iterations < 1 || p.Iterations > 64 || p.Threads < 1 {
		return p, nil, nil, fmt.Errorf("%w: parameters %q out of range", ErrBadHash, parts[3])
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, fmt.Errorf("%w: salt", ErrBadHash)
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 {
		return p, nil, nil, fmt.Errorf("%w: key", ErrBadHash)
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}
