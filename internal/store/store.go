// Package store keeps Ally's records in SQLite (the embedded default) or
// PostgreSQL (for a server with many users). Every SQL statement lives here;
// both databases run the same SQL text except for migrations and full-text
// search. Every personal record belongs to an owner, and every query made
// through a Scope is limited to that owner.
package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations
var migrations embed.FS

// SchemaStamp names the schema the migrations build: a hash of every
// migration file of both databases. Two binaries with the same stamp build
// the same tables (the tests keep one migrated database per stamp to copy).
func SchemaStamp() string {
	h := sha256.New()
	_ = fs.WalkDir(migrations, "migrations", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrations.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", path, len(b))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Dialect names the database behind a Store.
type Dialect string

// The two supported databases.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is Ally's database.
type Store struct {
	w       *sql.DB // the writer; on SQLite a single connection so writes queue in Go, not in busy loops
	r       *sql.DB // readers; the same pool as w on PostgreSQL
	dialect Dialect
	dsn     string
	secrets secretBox // seals the secrets kept in users.settings (secrets.go)
	// SQLite's kept statements, of the writer and of the readers (nil on
	// PostgreSQL, whose driver keeps its own).
	wCache, rCache *stmtCache
	// agendaRows keeps whole agendas read, by the owner's version (Agenda).
	agendaRows memo[int64, []storedAction]
	// directoryRows keeps the matches of recent directory searches, by
	// the directory's version (Directory).
	directoryRows memo[string, directoryRows]
	// figureLanes are the second connections the figures' reads may hold
	// at once, each beside its first (sharedFigures); half the pool, so
	// that the reads holding a first connection while waiting for a
	// second can always get one as others give theirs back (nil on
	// SQLite).
	figureLanes chan struct{}
	// decoded keeps the users' settings decoded, by their stored text
	// (decodeSettings).
	decoded settingsKept
}

// postgresConns is how many connections a store opens to PostgreSQL.
const postgresConns = 20

// ErrSchemaTooNew means the database was written by a newer Ally.
var ErrSchemaTooNew = errors.New("database schema is newer than this ally")

// IsPostgresURL reports whether dsn names a PostgreSQL server.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens (creating if needed) the database named by dsn — a file path
// for SQLite or a postgres:// URL — brings its schema up to date and
// encrypts any secret an older Ally stored in plain text.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	var s *Store
	var err error
	if IsPostgresURL(dsn) {
		s, err = openPostgres(ctx, dsn)
	} else {
		s, err = openSQLite(ctx, dsn)
	}
	if err != nil {
		return nil, err
	}
	if s.dialect == SQLite {
		s.secrets.keyFile = KeyFilePath(dsn)
	}
	s.agendaRows.max = agendaMemoOwners
	s.directoryRows.max, s.directoryRows.budget = directoryMemoSearches, directoryMemoHits
	for _, o := range opts {
		o(s)
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.sealPlaintextSecrets(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(postgresConns)
	db.SetMaxIdleConns(postgresConns)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	return &Store{w: db, r: db, dialect: Postgres, dsn: dsn, figureLanes: make(chan struct{}, postgresConns/2)}, nil
}

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

func openSQLite(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("no database path given")
	}
	if err := checkSQLiteFile(path); err != nil {
		return nil, err
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	name := "file:" + strings.NewReplacer("?", "%3f", "#", "%23").Replace(path)
	pragmas := "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32000)&_pragma=temp_store(MEMORY)"
	w, err := sql.Open("sqlite", name+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	// A new file's first connection turns on the write-ahead log, which
	// SQLite answers "busy" without waiting when another process does the
	// same at that moment: the connection is tried again.
	err = w.PingContext(ctx)
	for try := 0; err != nil && strings.Contains(err.Error(), "SQLITE_BUSY") && try < 100; try++ {
		select {
		case <-ctx.Done():
		case <-time.After(20 * time.Millisecond):
		}
		err = w.PingContext(ctx)
	}
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// Readers keep a smaller page cache than the writer: after every write
	// SQLite drops each reader's whole cache, and freeing it page by page
	// costs more than reading the few pages a page view needs again (at
	// 50,000 people under writes, a third more views a second).
	r, err := sql.Open("sqlite", name+pragmas+"&_pragma=query_only(1)&_pragma=cache_size(-4000)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	n := max(4, runtime.NumCPU())
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	r.SetConnMaxLifetime(0)
	return &Store{w: w, r: r, dialect: SQLite, dsn: path, wCache: newStmtCache(w), rCache: newStmtCache(r)}, nil
}

// createPrivate makes a new database file readable by its owner only,
// whatever the umask, before the driver opens it: SQLite gives the -wal
// and -shm files it makes the database file's mode. An existing file is
// left as it is.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := errors.Join(f.Chmod(0o600), f.Close()); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return nil
}

// checkSQLiteFile refuses a file that exists, is not empty and is not a
// SQLite database, before the driver can say something obscure about it.
func checkSQLiteFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a folder, not a database file", path)
	}
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil
	}
	if !bytes.Equal(head[:n], sqliteMagic) {
		return fmt.Errorf("%s is not an Ally database (it is not a SQLite file)", path)
	}
	return nil
}

func (s *Store) migrate(ctx context.Context) error {
	dir, dialect := "migrations/sqlite", goose.DialectSQLite3
	if s.dialect == Postgres {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
	}
	sub, err := fs.Sub(migrations, dir)
	if err != nil {
		return err
	}
	// Migrations are numbered as features are planned, not as they land:
	// a database may have a later one (00009) before an earlier (00008).
	// Each adds its own tables, so an earlier one applies after.
	opts := []goose.ProviderOption{goose.WithAllowOutofOrder(true)}
	if s.dialect == Postgres {
		// Two `ally serve` started at once on one database (a center
		// upgraded behind a load balancer) take turns: the second waits
		// for the first's migrations, then finds nothing left to do.
		// The lock is the database's own, polled every second for up to
		// ten minutes.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 600))
		if err != nil {
			return fmt.Errorf("migrations: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, s.w, sub, opts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	sources := p.ListSources()
	known := int64(0)
	if len(sources) > 0 {
		known = sources[len(sources)-1].Version
	}
	if current > known {
		return fmt.Errorf("%w: the database is at schema version %d, this ally knows up to %d; upgrade ally", ErrSchemaTooNew, current, known)
	}
	for {
		before := current
		_, err := p.Up(ctx)
		if err == nil {
			return nil
		}
		// SQLite has no lock to share between processes: another one
		// opening the same new file at once applies the same migration
		// first, and this one's fails. When the schema moved on meanwhile,
		// it looks again; a migration that fails on its own does not.
		if s.dialect != SQLite {
			return fmt.Errorf("migrate: %w", err)
		}
		if current, _ = p.GetDBVersion(ctx); current <= before {
			return fmt.Errorf("migrate: %w", err)
		}
	}
}

// Dialect reports which database this is.
func (s *Store) Dialect() Dialect { return s.dialect }

// Close closes the database.
func (s *Store) Close() error {
	s.wCache.close()
	s.rCache.close()
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.r.PingContext(ctx) }

// queryer is what *sql.DB and *sql.Tx have in common.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Scope is the store seen by one owner: every record it reads or writes
// belongs to that owner.
type Scope struct {
	st    *Store
	owner int64
	r, w  queryer
	inTx  bool
	// touches collects, in a write transaction, what the next actions
	// must be derived again for before the commit.
	touches *touchedSet
}

// For returns the store scoped to one owner.
func (s *Store) For(owner int64) *Scope {
	if s.wCache != nil {
		return &Scope{st: s, owner: owner, r: cachedDB{s.r, s.rCache}, w: cachedDB{s.w, s.wCache}}
	}
	return &Scope{st: s, owner: owner, r: s.r, w: s.w}
}

// Owner is the scope's owner id.
func (sc *Scope) Owner() int64 { return sc.owner }

// InTx runs fn in one transaction: all of its writes happen or none do.
// A nested call joins the outer transaction.
func (sc *Scope) InTx(ctx context.Context, fn func(*Scope) error) error {
	return sc.inTxOn(ctx, false, fn)
}

// inTxOffPage is InTx for a write that changes nothing the home page
// shows other than through the next actions it moves (a touch logged):
// see notePageChange. Nested in another write, it is that write's part.
func (sc *Scope) inTxOffPage(ctx context.Context, fn func(*Scope) error) error {
	return sc.inTxOn(ctx, true, fn)
}

func (sc *Scope) inTxOn(ctx context.Context, offPage bool, fn func(*Scope) error) error {
	if sc.inTx {
		return fn(sc)
	}
	tx, err := sc.st.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	var q queryer = tx
	if sc.st.wCache != nil {
		q = cachedTx{tx, sc.st.wCache}
		defer sc.st.wCache.prepareWanted(ctx)
	}
	inner := &Scope{st: sc.st, owner: sc.owner, r: q, w: q, inTx: true, touches: &touchedSet{page: pageChange{offPage: offPage}}}
	// The request's snapshot no longer holds from here: its own writes
	// are read from the database.
	dropSnapshot(ctx)
	if err := inner.run(ctx, fn); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if inner.touches.bulk {
		sc.st.analyze(ctx)
	}
	return nil
}

// run runs fn in the transaction the scope already holds, bracketed as
// every write of an owner's records is.
func (sc *Scope) run(ctx context.Context, fn func(*Scope) error) error {
	// The version is bumped first, not last: on PostgreSQL the update takes
	// the owner's row lock for the whole transaction, so every
	// read-decide-write of one owner (a lifecycle step against the
	// follow-up limit, a mark against the action's due time, the stored
	// next actions against the records they derive from) sees the previous
	// writer's committed result instead of racing it. On SQLite the single
	// writer connection and BEGIN IMMEDIATE already serialize them.
	version, err := sc.bumpVersion(ctx)
	if err != nil {
		return err
	}
	if err := fn(sc); err != nil {
		return err
	}
	if err := sc.refreshActions(ctx); err != nil {
		return fmt.Errorf("next actions: %w", err)
	}
	return sc.notePageChange(ctx, version)
}

// scopeIn runs fn on owner's records inside the store transaction q, so
// that a center's step and its effect on a personal space commit together.
func (s *Store) scopeIn(ctx context.Context, q queryer, owner int64, fn func(*Scope) error) error {
	return (&Scope{st: s, owner: owner, r: q, w: q, inTx: true, touches: &touchedSet{}}).run(ctx, fn)
}
