package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// storedSettings is the settings column as the database holds it.
func storedSettings(t *testing.T, db *storetest.DB) string {
	t.Helper()
	var raw string
	if err := rawDB(t, db).QueryRow(`SELECT settings FROM users WHERE id = $1`, db.Owner).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	return raw
}

func savePassword(t *testing.T, sc *store.Scope, pw string) {
	t.Helper()
	ctx := context.Background()
	s, err := sc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.SMTPHost, s.SMTPPassword = "smtp.example.org", pw
	if err := sc.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
}

func readPassword(t *testing.T, sc *store.Scope) string {
	t.Helper()
	s, err := sc.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.SMTPPassword
}

// reopen opens db's database again as Ally would, with opts.
func reopen(t *testing.T, db *storetest.DB, opts ...store.Option) *store.Scope {
	t.Helper()
	st, err := store.Open(context.Background(), db.DSN, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st.For(db.Owner)
}

func testKey(db *storetest.DB) []store.Option {
	if db.Name == "postgres" {
		return []store.Option{store.WithSecretKey([]byte(storetest.PostgresSecretKey))}
	}
	return nil
}

func TestTheSMTPPasswordIsEncryptedAtRest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		sc := db.Scope()
		savePassword(t, sc, "hunter2-secret")
		raw := storedSettings(t, db)
		if strings.Contains(raw, "hunter2") || !strings.Contains(raw, `"smtp_password":"ally-sealed:v1:`) {
			t.Fatalf("stored settings: %s", raw)
		}
		if got := readPassword(t, sc); got != "hunter2-secret" {
			t.Fatalf("read back %q", got)
		}
		// Each save seals afresh (a new nonce), and the key is the same
		// after the database is opened again.
		savePassword(t, sc, "hunter2-secret")
		if again := storedSettings(t, db); again == raw {
			t.Error("two saves gave the same ciphertext")
		}
		if got := readPassword(t, reopen(t, db, testKey(db)...)); got != "hunter2-secret" {
			t.Fatalf("after reopening: %q", got)
		}
		// Forgetting the password stores nothing.
		savePassword(t, sc, "")
		if raw := storedSettings(t, db); !strings.Contains(raw, `"smtp_password":""`) {
			t.Fatalf("forgotten: %s", raw)
		}
	})
}

func TestAPlainTextPasswordStillReadsAndIsEncryptedAtOpen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		plain := `{"time_zone":"America/New_York","smtp_host":"smtp.example.org","smtp_password":"old-plain"}`
		if _, err := rawDB(t, db).Exec(`UPDATE users SET settings = $2 WHERE id = $1`, db.Owner, plain); err != nil {
			t.Fatal(err)
		}
		if got := readPassword(t, db.Scope()); got != "old-plain" {
			t.Fatalf("an older Ally's password reads as %q", got)
		}
		sc := reopen(t, db, testKey(db)...)
		raw := storedSettings(t, db)
		if strings.Contains(raw, "old-plain") || !strings.Contains(raw, "ally-sealed:v1:") || !strings.Contains(raw, `"time_zone":"America/New_York"`) {
			t.Fatalf("after opening: %s", raw)
		}
		if got := readPassword(t, sc); got != "old-plain" {
			t.Fatalf("after opening, the password reads as %q", got)
		}
	})
}

func TestPostgresWithoutASecretKeyRefusesToStoreAPassword(t *testing.T) {
	db := storetest.Postgres(t)
	plain := `{"smtp_host":"smtp.example.org","smtp_password":"old-plain"}`
	if _, err := rawDB(t, db).Exec(`UPDATE users SET settings = $2 WHERE id = $1`, db.Owner, plain); err != nil {
		t.Fatal(err)
	}
	sc := reopen(t, db) // no ALLY_SECRET_KEY: the old value is left alone
	if raw := storedSettings(t, db); raw != plain {
		t.Fatalf("opened without a key, the settings became %s", raw)
	}
	s, err := sc.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.SMTPPassword = "new-secret"
	err = sc.SaveSettings(context.Background(), s)
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field != "smtp_password" || !strings.Contains(err.Error(), "ALLY_SECRET_KEY") {
		t.Fatalf("saving a password without a key: %v", err)
	}
	if raw := storedSettings(t, db); strings.Contains(raw, "new-secret") {
		t.Fatalf("the refused password was stored: %s", raw)
	}
}

func TestSQLiteKeepsItsKeyInAPrivateFileBesideTheDatabase(t *testing.T) {
	db := storetest.SQLite(t)
	keyFile := filepath.Join(filepath.Dir(db.DSN), "ally.key")
	if store.KeyFilePath(db.DSN) != keyFile {
		t.Fatalf("key file %s", store.KeyFilePath(db.DSN))
	}
	if _, err := os.Stat(keyFile); !os.IsNotExist(err) {
		t.Fatalf("a key file before any secret was stored: %v", err)
	}
	savePassword(t, db.Scope(), "hunter2-secret")
	fi, err := os.Stat(keyFile)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	// ALLY_SECRET_KEY, when given, is the key: this one is not the file's,
	// so the password cannot be read and reads as unset.
	other := reopen(t, db, store.WithSecretKey(bytes.Repeat([]byte{7}, 32)))
	if got := readPassword(t, other); got != "" {
		t.Fatalf("read with the wrong key: %q", got)
	}
	// Without its key file the password is lost, not garbage.
	if err := os.Remove(keyFile); err != nil {
		t.Fatal(err)
	}
	if got := readPassword(t, reopen(t, db)); got != "" {
		t.Fatalf("read without the key file: %q", got)
	}
}

func TestExportsNeverCarryTheSMTPPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		savePassword(t, db.Scope(), "hunter2-secret")
		doc := export(t, db.Scope())
		if !bytes.Contains(doc, []byte(`"smtp_password":""`)) || bytes.Contains(doc, []byte("hunter2")) || bytes.Contains(doc, []byte("ally-sealed")) || !bytes.Contains(doc, []byte("smtp.example.org")) {
			t.Fatalf("the export's user: %s", doc[:bytes.IndexByte(doc, '\n')+300])
		}
		// A backup an older Ally wrote carries the password in plain
		// text: the restore leaves it unset.
		old := bytes.Replace(doc, []byte(`"smtp_password":""`), []byte(`"smtp_password":"from-an-old-backup"`), 1)
		target := fresh(t, db)
		if _, _, err := target.Scope().Restore(ctx, bytes.NewReader(old), now); err != nil {
			t.Fatal(err)
		}
		if got := readPassword(t, target.Scope()); got != "" {
			t.Fatalf("the restore took the password %q", got)
		}
		if raw := storedSettings(t, target); strings.Contains(raw, "from-an-old-backup") || !strings.Contains(raw, "smtp.example.org") {
			t.Fatalf("restored settings: %s", raw)
		}
	})
}

// TestConcurrentFirstSecretsShareOneKey has 32 stores on one new SQLite
// database (as the server and CLI commands are) store a password at the
// same moment, when no key file exists yet: all must end up with the one
// key, so that each reads what the last one wrote.
func TestConcurrentFirstSecretsShareOneKey(t *testing.T) {
	db := storetest.SQLite(t)
	scopes := make([]*store.Scope, 32)
	for i := range scopes {
		scopes[i] = reopen(t, db)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(scopes))
	for i, sc := range scopes {
		wg.Go(func() {
			s, err := sc.Settings(context.Background())
			if err == nil {
				s.SMTPPassword = fmt.Sprintf("secret-%d", i)
				err = sc.SaveSettings(context.Background(), s)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	want := readPassword(t, db.Scope())
	if !strings.HasPrefix(want, "secret-") {
		t.Fatalf("the last password reads as %q", want)
	}
	for i, sc := range scopes {
		if got := readPassword(t, sc); got != want {
			t.Fatalf("store %d reads %q, store 0 %q: two keys were made", i, got, want)
		}
	}
	if leftover, _ := filepath.Glob(filepath.Join(filepath.Dir(db.DSN), ".ally-key-*")); len(leftover) > 0 {
		t.Errorf("temporary key files left behind: %v", leftover)
	}
}
