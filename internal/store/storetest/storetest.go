// Package storetest opens throwaway databases for tests: a SQLite file in a
// temporary folder always, and a uniquely named PostgreSQL database when
// ALLY_TEST_POSTGRES names a server. Under CI=true a missing server fails
// the test instead of skipping it.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/store"
)

// Now is the fixed instant store tests treat as the present.
var Now = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

// DB is one database under test.
type DB struct {
	Name  string // "sqlite" or "postgres"
	DSN   string
	Store *store.Store
	Owner int64
}

// Scope is the local user's scope.
func (d *DB) Scope() *store.Scope { return d.Store.For(d.Owner) }

// Each runs fn once on SQLite and once on PostgreSQL (when configured).
//
// ALLY_TEST_DATABASES=sqlite leaves PostgreSQL out on purpose: scripts/test
// sets it for its second pass (another time zone, under the race
// detector), whose subject is Ally's own Go code; the first pass has run
// every test on both databases already.
func Each(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	if os.Getenv("ALLY_TEST_DATABASES") == "sqlite" {
		return
	}
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a fresh SQLite database in t.TempDir().
func SQLite(t testing.TB) *DB {
	t.Helper()
	return open(t, "sqlite", filepath.Join(t.TempDir(), "ally.db"))
}

// PostgresURL creates a uniquely named database on the ALLY_TEST_POSTGRES
// server, dropped when the test ends, and returns its URL. Without a server
// it skips, or fails under CI=true.
func PostgresURL(t testing.TB) string {
	t.Helper()
	server := os.Getenv("ALLY_TEST_POSTGRES")
	if server == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("ALLY_TEST_POSTGRES is not set: under CI=true the PostgreSQL half of the store tests must run")
		}
		t.Skip("ALLY_TEST_POSTGRES is not set; run ./scripts/test to include PostgreSQL")
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatalf("open %s: %v", server, err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "ally_test_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database on %s: %v", server, err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", server)
		if err != nil {
			t.Errorf("drop %s: %v", name, err)
			return
		}
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("ALLY_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// Postgres opens a fresh PostgreSQL database (see PostgresURL).
func Postgres(t testing.TB) *DB {
	t.Helper()
	return open(t, "postgres", PostgresURL(t), store.WithSecretKey([]byte(PostgresSecretKey)))
}

// PostgresSecretKey is the ALLY_SECRET_KEY of the test PostgreSQL
// databases (a SQLite test database keeps a key file beside it instead).
const PostgresSecretKey = "storetest: 32-byte test-only key"

func open(t testing.TB, name, dsn string, opts ...store.Option) *DB {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, opts...)
	if err != nil {
		t.Fatalf("open %s store: %v", name, err)
	}
	t.Cleanup(func() { st.Close() })
	owner, err := st.LocalUser(ctx, "Test User", Now)
	if err != nil {
		t.Fatalf("local user: %v", err)
	}
	return &DB{Name: name, DSN: dsn, Store: st, Owner: owner}
}

// Another opens db again, as a second `ally serve` on the same database
// would (with the same secret key); it is closed when the test ends.
func (db *DB) Another(t testing.TB) *store.Store {
	t.Helper()
	var opts []store.Option
	if db.Name == "postgres" {
		opts = append(opts, store.WithSecretKey([]byte(PostgresSecretKey)))
	}
	st, err := store.Open(context.Background(), db.DSN, opts...)
	if err != nil {
		t.Fatalf("open %s again: %v", db.Name, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
