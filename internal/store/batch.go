package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// batchInserter writes rows of one table with a prepared INSERT of a fixed
// number of rows, executed again for each full batch; the last rows go in
// one statement of their own. Next to an INSERT made for each batch (as
// inserter does), it parses the statement once and keeps both databases'
// work per statement small: on SQLite a statement of thousands of
// parameters costs more to prepare and free than to run. Imports use it.
type batchInserter struct {
	sc      *Scope
	table   string
	cols    []string
	per     int // rows per statement
	stmt    *sql.Stmt
	pending []any
	written int
	parent  *batchInserter // rows here refer to rows there, which are written first
	suffix  string         // what follows the rows, such as an ON CONFLICT clause
}

// batchParams is about how many parameters one statement binds.
const batchParams = 1000

// ftsBatchRows is how many rows one statement adds to SQLite's full-text
// index (7 parameters each, within SQLite's 32,766).
const ftsBatchRows = 4000

func (sc *Scope) batchInserter(table string, cols ...string) *batchInserter {
	return &batchInserter{sc: sc, table: table, cols: cols, per: max(1, batchParams/len(cols))}
}

// onConflict ends each statement of b with clause ("ON CONFLICT (id) DO
// UPDATE SET ..."): an upsert. A statement must not name one key twice.
func (b *batchInserter) onConflict(clause string) *batchInserter {
	b.suffix = " " + clause
	return b
}

// after makes b write parent's pending rows before its own.
func (b *batchInserter) after(parent *batchInserter) *batchInserter {
	b.parent = parent
	return b
}

func (b *batchInserter) statement(rows int) string {
	var s strings.Builder
	s.WriteString("INSERT INTO " + b.table + " (" + strings.Join(b.cols, ", ") + ") VALUES ")
	n := 0
	for r := range rows {
		if r > 0 {
			s.WriteString(", ")
		}
		s.WriteByte('(')
		for c := range b.cols {
			if c > 0 {
				s.WriteString(", ")
			}
			n++
			if b.sc.st.dialect == SQLite {
				// SQLite looks each $N up in a list; ? is positional.
				s.WriteByte('?')
			} else {
				s.WriteString("$" + strconv.Itoa(n))
			}
		}
		s.WriteByte(')')
	}
	s.WriteString(b.suffix)
	return s.String()
}

func (b *batchInserter) add(ctx context.Context, vals ...any) error {
	if len(vals) != len(b.cols) {
		return fmt.Errorf("insert into %s: %d values for %d columns", b.table, len(vals), len(b.cols))
	}
	b.pending = append(b.pending, vals...)
	if len(b.pending) == b.per*len(b.cols) {
		return b.write(ctx)
	}
	return nil
}

func (b *batchInserter) write(ctx context.Context) error {
	rows := len(b.pending) / len(b.cols)
	if rows == 0 {
		return nil
	}
	if b.parent != nil {
		if err := b.parent.flush(ctx); err != nil {
			return err
		}
	}
	var err error
	if rows == b.per {
		if b.stmt == nil {
			if b.stmt, err = b.sc.w.(preparer).PrepareContext(ctx, b.statement(b.per)); err != nil {
				return fmt.Errorf("insert into %s: %w", b.table, err)
			}
		}
		_, err = b.stmt.ExecContext(ctx, b.pending...)
	} else {
		_, err = b.sc.w.ExecContext(ctx, b.statement(rows), b.pending...)
	}
	if err != nil {
		return fmt.Errorf("insert into %s: %w", b.table, err)
	}
	b.written += rows
	clear(b.pending)
	b.pending = b.pending[:0]
	return nil
}

// flush writes the pending rows.
func (b *batchInserter) flush(ctx context.Context) error { return b.write(ctx) }

// close releases the prepared statement.
func (b *batchInserter) close() {
	if b.stmt != nil {
		b.stmt.Close()
		b.stmt = nil
	}
}

// preparer is what *sql.DB and *sql.Tx have to prepare statements.
type preparer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// searchBatch writes search documents with a batchInserter.
func (sc *Scope) searchBatch() *batchInserter {
	if sc.st.dialect == SQLite {
		b := sc.batchInserter("search_docs", "rowid", "owner_id", "kind", "ref_id", "title", "body")
		// The full-text index writes out what it holds at the end of each
		// statement, and merges what it wrote: its rows go in far larger
		// statements (50,000 people in 13 instead of 350).
		b.per = ftsBatchRows
		return b
	}
	return sc.batchInserter("search_docs", "doc_id", "owner_id", "kind", "ref_id", "title", "body")
}

// addDoc adds the search document of one record to a searchBatch.
func (b *batchInserter) addDoc(ctx context.Context, k docKind, id int64, title, body string) error {
	if b.sc.st.dialect == SQLite {
		rowid, err := b.sc.rowID(k, id)
		if err != nil {
			return fmt.Errorf("index %s %d: %w", docKindNames[k], id, err)
		}
		return b.add(ctx, rowid, b.sc.owner, docKindNames[k], id, title, body)
	}
	return b.add(ctx, docID(k, id), b.sc.owner, docKindNames[k], id, title, body)
}
