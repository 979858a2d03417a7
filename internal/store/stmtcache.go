package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"
)

// On SQLite every query the driver is handed as text is parsed and
// planned again: for the short reads of a page that is a good part of
// their cost. The statements the store runs again and again are therefore
// prepared once per connection and kept (PostgreSQL's driver keeps its
// own). A transaction runs the kept statement on its own connection.

// stmtCacheMax bounds the statements kept: texts that vary with their
// arguments (a list of ids) past it are run as text.
const (
	stmtCacheMax     = 400
	stmtCacheMaxArgs = 16
)

type stmtCache struct {
	db    *sql.DB
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
	full  bool
	// wanted are texts a transaction ran that are not kept yet: SQLite's
	// writer is one connection, which the transaction holds, so they are
	// prepared once it ends (see prepareWanted).
	wanted map[string]bool
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}, wanted: map[string]bool{}}
}

// get returns the kept statement of q, preparing it on first use (in a
// transaction: once the transaction ends); nil when q is not to be kept
// or not yet. No lock is held while preparing: on SQLite's writer that
// waits for the one connection, which a transaction may hold while it
// asks for a statement itself.
func (c *stmtCache) get(ctx context.Context, q string, nargs int, inTx bool) *sql.Stmt {
	if c == nil || nargs > stmtCacheMaxArgs {
		return nil
	}
	c.mu.RLock()
	st, full := c.stmts[q], c.full
	c.mu.RUnlock()
	if st != nil || full || !keepable(q) {
		return st
	}
	if inTx {
		c.mu.Lock()
		if len(c.wanted) < stmtCacheMax {
			c.wanted[q] = true
		}
		c.mu.Unlock()
		return nil
	}
	return c.prepare(ctx, q)
}

// prepare prepares q and keeps it, unless another caller did first.
func (c *stmtCache) prepare(ctx context.Context, q string) *sql.Stmt {
	st, err := c.db.PrepareContext(ctx, q)
	if err != nil {
		return nil // run as text, which reports the error as it is
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if kept := c.stmts[q]; kept != nil || c.full {
		st.Close()
		return kept
	}
	c.stmts[q] = st
	c.full = len(c.stmts) >= stmtCacheMax
	return st
}

// prepareWanted keeps the statements transactions asked for.
func (c *stmtCache) prepareWanted(ctx context.Context) {
	if c == nil {
		return
	}
	c.mu.Lock()
	var qs []string
	for q := range c.wanted {
		if c.stmts[q] == nil {
			qs = append(qs, q)
		}
	}
	clear(c.wanted)
	full := c.full
	c.mu.Unlock()
	if full {
		return
	}
	for _, q := range qs {
		c.prepare(ctx, q)
	}
}

// keepable says whether q may be prepared ahead: one statement, and no
// PRAGMA, which SQLite may carry out when preparing it.
func keepable(q string) bool {
	q = strings.TrimSpace(q)
	return !strings.Contains(q, ";") && !(len(q) >= 6 && strings.EqualFold(q[:6], "PRAGMA"))
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts, c.full = map[string]*sql.Stmt{}, true
}

// cachedDB runs the kept statements on a pool.
type cachedDB struct {
	*sql.DB
	cache *stmtCache
}

func (d cachedDB) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := d.cache.get(ctx, q, len(args), false); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return d.DB.ExecContext(ctx, q, args...)
}

func (d cachedDB) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := d.cache.get(ctx, q, len(args), false); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return d.DB.QueryContext(ctx, q, args...)
}

func (d cachedDB) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := d.cache.get(ctx, q, len(args), false); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return d.DB.QueryRowContext(ctx, q, args...)
}

// cachedTx runs the kept statements of the writer in a transaction.
type cachedTx struct {
	*sql.Tx
	cache *stmtCache
}

func (t cachedTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := t.cache.get(ctx, q, len(args), true); st != nil {
		return t.Tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, q, args...)
}

func (t cachedTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := t.cache.get(ctx, q, len(args), true); st != nil {
		return t.Tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, q, args...)
}

func (t cachedTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := t.cache.get(ctx, q, len(args), true); st != nil {
		return t.Tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, q, args...)
}
