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
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/store"
	"github.com/jackc/pgx/v5/pgconn"
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

// SQLite opens a fresh SQLite database in t.TempDir(), its schema built:
// a copy of a file migrated once per schema (store.SchemaStamp).
func SQLite(t testing.TB) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ally.db")
	if err := copyFile(migratedSQLite(t), path); err != nil {
		t.Fatalf("copy the migrated SQLite database: %v", err)
	}
	return open(t, "sqlite", path)
}

var sqliteTemplate struct {
	once sync.Once
	path string
	err  error
}

// migratedSQLite returns the path of a SQLite file holding the schema of
// this build's migrations and nothing else, in the system's temporary
// folder. It is built once per process and per schema: under a temporary
// name, then renamed, so another process never copies half of one.
func migratedSQLite(t testing.TB) string {
	t.Helper()
	st := &sqliteTemplate
	st.once.Do(func() {
		st.path = filepath.Join(os.TempDir(), "ally-schema-"+store.SchemaStamp()+".db")
		if _, err := os.Stat(st.path); err == nil {
			return
		}
		dir, err := os.MkdirTemp(os.TempDir(), "ally-schema-")
		if err != nil {
			st.err = err
			return
		}
		defer os.RemoveAll(dir)
		building := filepath.Join(dir, "ally.db")
		s, err := store.Open(context.Background(), building)
		if err == nil {
			err = s.Close()
		}
		if fi, werr := os.Stat(building + "-wal"); err == nil && werr == nil && fi.Size() > 0 {
			err = errors.New("the write-ahead log was left after closing: the file alone lacks part of the schema")
		}
		if err == nil {
			err = os.Rename(building, st.path)
		}
		st.err = err
	})
	if st.err != nil {
		t.Fatalf("migrate a SQLite database: %v", st.err)
	}
	return st.path
}

// copyFile copies a database file, readable by its owner only.
func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}

// serverURL is ALLY_TEST_POSTGRES; without it the test skips, or fails
// under CI=true.
func serverURL(t testing.TB) string {
	t.Helper()
	server := os.Getenv("ALLY_TEST_POSTGRES")
	if server == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("ALLY_TEST_POSTGRES is not set: under CI=true the PostgreSQL half of the store tests must run")
		}
		t.Skip("ALLY_TEST_POSTGRES is not set; run ./scripts/test to include PostgreSQL")
	}
	return server
}

// MigratedPostgresURL creates a uniquely named database on the
// ALLY_TEST_POSTGRES server holding this build's schema, dropped when the
// test ends, and returns its URL: a copy of a database migrated once per
// schema (store.SchemaStamp) on the server, so a test does not run every
// migration again. Without a server it skips, or fails under CI=true.
func MigratedPostgresURL(t testing.TB) string {
	t.Helper()
	return postgresDB(t, true)
}

// EmptyPostgresURL is MigratedPostgresURL without the schema: for the
// tests of the migrations themselves.
func EmptyPostgresURL(t testing.TB) string {
	t.Helper()
	return postgresDB(t, false)
}

func postgresDB(t testing.TB, migrated bool) string {
	t.Helper()
	server := serverURL(t)
	ctx := context.Background()
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatalf("open %s: %v", server, err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "ally_test_" + hex.EncodeToString(b)
	// A template another process found idle and dropped (see
	// dropIdleTemplates) is built again, once.
	for try := 0; ; try++ {
		if !migrated {
			if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
				t.Fatalf("create test database on %s: %v", server, err)
			}
			break
		}
		tmpl, err := schemaTemplate(ctx, admin, server)
		if err != nil {
			t.Fatalf("migrated test database on %s: %v", server, err)
		}
		_, err = admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+tmpl)
		if err == nil {
			break
		}
		var pgErr *pgconn.PgError
		if try == 0 && errors.As(err, &pgErr) && pgErr.Code == "3D000" {
			templates.Delete(server)
			continue
		}
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
	dsn, err := databaseURL(server, name)
	if err != nil {
		t.Fatalf("ALLY_TEST_POSTGRES: %v", err)
	}
	return dsn
}

// databaseURL is the server's URL naming another database.
func databaseURL(server, name string) (string, error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

// The advisory lock the processes building or dropping templates take.
const (
	lockBuilders   = `SELECT pg_advisory_lock(7413001)`
	unlockBuilders = `SELECT pg_advisory_unlock(7413001)`
)

// templates holds, per server, the name of the migrated database test
// databases are copied from, once this process has made sure of it.
var templates sync.Map // server URL → database name

// schemaTemplate returns the name of a database on the server that holds
// the schema of this build's migrations and nothing else, making it if
// there is none. Test processes running at once (go test runs packages in
// parallel) agree through an advisory lock; the template is built under
// another name and renamed when complete, so a process that died half way
// leaves nothing another would copy. Nobody stays connected to it, as
// CREATE DATABASE … TEMPLATE requires.
func schemaTemplate(ctx context.Context, admin *sql.DB, server string) (string, error) {
	if name, ok := templates.Load(server); ok {
		return name.(string), nil
	}
	name := "ally_schema_" + store.SchemaStamp()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, lockBuilders); err != nil {
		return "", err
	}
	defer conn.ExecContext(context.Background(), unlockBuilders)
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil {
		return "", err
	}
	if n == 0 {
		building := name + "_building"
		if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)"); err != nil {
			return "", err
		}
		if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
			return "", err
		}
		dsn, err := databaseURL(server, building)
		if err != nil {
			return "", err
		}
		st, err := store.Open(ctx, dsn, store.WithSecretKey([]byte(PostgresSecretKey)))
		if err != nil {
			return "", err
		}
		if err := st.Close(); err != nil {
			return "", err
		}
		if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
			return "", err
		}
	}
	if err := dropIdleTemplates(ctx, conn, name); err != nil {
		return "", err
	}
	templates.Store(server, name)
	return name, nil
}

// templateIdle is how long a template of another schema (another branch's,
// or one older than this build's migrations) stays on the server unused.
const templateIdle = "1 day"

// dropIdleTemplates notes on the template in use that it was used now (its
// comment holds the server's time), and drops the templates of other
// schemas that no test process has used for templateIdle, and any left
// half built by a process that died. The caller holds the builders' advisory lock. A process that
// still meant to copy one that goes builds it again (postgresDB).
func dropIdleTemplates(ctx context.Context, conn *sql.Conn, inUse string) error {
	// The one in use is stamped now; so is one found without a stamp (made
	// before templates were stamped), which is then dropped a day later.
	if _, err := conn.ExecContext(ctx, `DO $$ DECLARE d text; BEGIN
		FOR d IN SELECT x.datname FROM pg_database x
			LEFT JOIN pg_shdescription c ON c.objoid = x.oid AND c.classoid = 'pg_database'::regclass
			WHERE x.datname = '`+inUse+`' OR (x.datname LIKE 'ally\_schema\_%' AND x.datname NOT LIKE '%\_building'
				AND (c.description IS NULL OR c.description !~ '^[0-9]{4}-'))
		LOOP EXECUTE format('COMMENT ON DATABASE %I IS %L', d, now()::text); END LOOP; END $$`); err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, `SELECT d.datname FROM pg_database d
		LEFT JOIN pg_shdescription c ON c.objoid = d.oid AND c.classoid = 'pg_database'::regclass
		WHERE d.datname LIKE 'ally\_schema\_%' AND d.datname <> $1
		AND CASE WHEN d.datname LIKE '%\_building' THEN true
			WHEN c.description ~ '^[0-9]{4}-' THEN c.description::timestamptz < now() - $2::interval END`, inUse, templateIdle)
	if err != nil {
		return err
	}
	var idle []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		idle = append(idle, name)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, name := range idle {
		// Without FORCE: a database someone is connected to is left for
		// next time.
		_, _ = conn.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+name+`"`)
	}
	return rows.Err()
}

// Postgres opens a fresh PostgreSQL database, its schema built (see
// MigratedPostgresURL).
func Postgres(t testing.TB) *DB {
	t.Helper()
	return open(t, "postgres", MigratedPostgresURL(t), store.WithSecretKey([]byte(PostgresSecretKey)))
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
