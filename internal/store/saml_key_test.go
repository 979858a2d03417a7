package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ally-dev/ally/internal/store/storetest"
)

// Of 32 instances that need the SAML key pair at once, each may make
// one, but all get the same, kept sealed.
func TestTheSAMLKeyPairIsMadeOnceAndSealed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		var made atomic.Int32
		keys := make([]string, racers)
		errs := race(func(i int) error {
			k, c, err := db.Store.SAMLKeyPair(ctx, func() (string, string, error) {
				made.Add(1)
				return fmt.Sprintf("PRIVATE KEY %d", i), fmt.Sprintf("CERTIFICATE %d", i), nil
			}, now)
			if err == nil && strings.TrimPrefix(k, "PRIVATE KEY ") != strings.TrimPrefix(c, "CERTIFICATE ") {
				err = fmt.Errorf("key %q with certificate %q", k, c)
			}
			keys[i] = k
			return err
		})
		for i, err := range errs {
			if err != nil {
				t.Fatalf("racer %d: %v", i, err)
			}
		}
		for i, k := range keys {
			if k != keys[0] {
				t.Fatalf("racer %d got %q, racer 0 %q", i, k, keys[0])
			}
		}
		if made.Load() < 1 {
			t.Fatal("no key pair was made")
		}
		k, _, err := db.Store.SAMLKeyPair(ctx, func() (string, string, error) { return "", "", fmt.Errorf("made again") }, now)
		if err != nil || k != keys[0] {
			t.Fatalf("read again: %q, %v", k, err)
		}
		var stored string
		if err := rawDB(t, db).QueryRowContext(ctx, `SELECT private_key FROM saml_sp_key`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(stored, "PRIVATE KEY") {
			t.Errorf("the private key is kept as %q, want it sealed", stored)
		}
	})
}
