package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ally-dev/ally/internal/model"
)

// sealedPrefix starts every secret Ally has encrypted. The version names
// the scheme — AES-256-GCM, a random 12-byte nonce before the ciphertext,
// the secret's name as additional data, base64url without padding — so
// that a later scheme can be told apart and old values still read.
const sealedPrefix = "ally-sealed:v1:"

// secretKeySize is the length of the key (AES-256).
const secretKeySize = 32

// errNoSecretKey means a secret was to be stored in a PostgreSQL database
// whose key was not given: there is no folder beside the database to keep
// a key file in, and the key must never be in the database it protects.
var errNoSecretKey = errors.New("no secret key to encrypt secrets with: set ALLY_SECRET_KEY to 32 random bytes in base64 (openssl rand -base64 32) and start Ally again")

// Option changes how Open opens a database.
type Option func(*Store)

// WithSecretKey gives the key (32 bytes, from ALLY_SECRET_KEY) that
// encrypts the secrets kept in the database. Without it a SQLite database
// keeps its key in a file beside it, made on first need; a PostgreSQL
// database refuses to store a secret.
func WithSecretKey(key []byte) Option {
	return func(s *Store) { s.secrets.key = key }
}

// secretBox seals and opens the secrets kept in users.settings with a
// key kept outside the database.
type secretBox struct {
	key     []byte // given by the configuration, or read from keyFile
	keyFile string // beside a SQLite database; "" on PostgreSQL

	mu   sync.Mutex
	aead cipher.AEAD
}

// KeyFilePath is where a SQLite database at dbPath keeps its secret key
// when ALLY_SECRET_KEY is not set: beside it, ally.db giving ally.key.
func KeyFilePath(dbPath string) string {
	p := strings.TrimSuffix(dbPath, filepath.Ext(dbPath)) + ".key"
	if p == dbPath {
		p += ".key"
	}
	return p
}

// cipher returns the AEAD, reading the key file, or when create is set
// making it if it is not there yet.
func (b *secretBox) cipher(create bool) (cipher.AEAD, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.aead != nil {
		return b.aead, nil
	}
	key := b.key
	if key == nil {
		if b.keyFile == "" {
			return nil, errNoSecretKey
		}
		var err error
		if key, err = readKeyFile(b.keyFile); errors.Is(err, fs.ErrNotExist) && create {
			key, err = makeKeyFile(b.keyFile)
		}
		if err != nil {
			return nil, err
		}
	}
	if len(key) != secretKeySize {
		return nil, fmt.Errorf("the secret key is %d bytes, not %d", len(key), secretKeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	if b.aead, err = cipher.NewGCM(block); err != nil {
		return nil, err
	}
	return b.aead, nil
}

func readKeyFile(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the secret key: %w", err)
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil || len(key) != secretKeySize {
		return nil, fmt.Errorf("%s does not hold a secret key (32 bytes in base64)", path)
	}
	return key, nil
}

// makeKeyFile writes a new random key, readable by its owner only. The
// key is written in full to a temporary file that is then linked into
// place, so another process making the key at the same moment either
// wins (and its key is read here) or loses: never two keys, never half
// of one.
func makeKeyFile(path string) ([]byte, error) {
	key := make([]byte, secretKeySize)
	rand.Read(key)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ally-key-*")
	if err != nil {
		return nil, fmt.Errorf("make the secret key file: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	if err = errors.Join(err, tmp.Chmod(0o600), tmp.Sync(), tmp.Close()); err != nil {
		return nil, fmt.Errorf("make the secret key file: %w", err)
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
		return readKeyFile(path)
	} else if err != nil {
		return nil, fmt.Errorf("make the secret key file: %w", err)
	}
	return key, nil
}

// seal encrypts the secret called name; an empty secret stays empty.
func (b *secretBox) seal(name, plain string) (string, error) {
	if plain == "" {
		return "", nil
	}
	aead, err := b.cipher(true)
	if errors.Is(err, errNoSecretKey) {
		return "", model.Invalid(name, "Ally cannot keep this password in a PostgreSQL database without ALLY_SECRET_KEY, the key that encrypts it: set it to 32 random bytes in base64 (openssl rand -base64 32) and start Ally again")
	}
	if err != nil {
		return "", fmt.Errorf("encrypt %s: %w", name, err)
	}
	nonce := make([]byte, aead.NonceSize())
	rand.Read(nonce)
	sealed := aead.Seal(nonce, nonce, []byte(plain), []byte(name))
	return sealedPrefix + base64.RawURLEncoding.EncodeToString(sealed), nil
}

// open decrypts a sealed secret. A value without the prefix was stored
// before secrets were encrypted and is returned as it is (the next save
// encrypts it).
func (b *secretBox) open(name, stored string) (string, error) {
	rest, ok := strings.CutPrefix(stored, sealedPrefix)
	if !ok {
		return stored, nil
	}
	aead, err := b.cipher(false)
	if err != nil {
		return "", fmt.Errorf("decrypt %s: %w", name, err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil || len(raw) < aead.NonceSize() {
		return "", fmt.Errorf("decrypt %s: the stored value is damaged", name)
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(name))
	if err != nil {
		return "", fmt.Errorf("decrypt %s: the secret key is not the one it was stored with", name)
	}
	return string(plain), nil
}

// CanKeepSecrets reports, as an error saying what to do, whether secrets
// can be sealed: always with a key or on SQLite (whose key file is made on
// first need), never on PostgreSQL without ALLY_SECRET_KEY. Sign-in through
// a provider keeps secrets, so `ally serve` asks before it starts.
func (s *Store) CanKeepSecrets() error {
	if s.secrets.key == nil && s.secrets.keyFile == "" {
		return errNoSecretKey
	}
	return nil
}
