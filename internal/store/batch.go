package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
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
	parent  flusher // rows here refer to rows there, which are written first
	suffix  string  // what follows the rows, such as an ON CONFLICT clause
	// Columns whose value is the same in every row, written into the
	// statement as literals after the bound ones rather than bound again
	// for each row (each text bound on SQLite is copied into C memory and
	// freed).
	litCols []string
	lits    string // ", lit1, lit2": what ends each row's tuple
}

// flusher is what writes its pending rows.
type flusher interface {
	flush(ctx context.Context) error
}

// rowWriter is a batchInserter or a shapedInserter.
type rowWriter interface {
	flusher
	close()
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
func (b *batchInserter) after(parent flusher) *batchInserter {
	b.parent = parent
	return b
}

// literal makes col a column of every row holding v (nil, an int64 or a
// string), written into the statement: add takes the other columns' values.
func (b *batchInserter) literal(col string, v any) *batchInserter {
	b.litCols = append(b.litCols, col)
	b.lits += ", " + sqlLiteral(v)
	return b
}

// sqlLiteral writes v as an SQL literal, as both databases read it.
func sqlLiteral(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(x, 10)
	case string:
		return "'" + strings.ReplaceAll(x, "'", "''") + "'"
	}
	panic(fmt.Sprintf("sqlLiteral: %T", v))
}

func (b *batchInserter) statement(rows int) string {
	var s strings.Builder
	s.WriteString("INSERT INTO " + b.table + " (" + strings.Join(append(slices.Clone(b.cols), b.litCols...), ", ") + ") VALUES ")
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
		s.WriteString(b.lits)
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

// shapedInserter writes rows of one table some of whose text columns are
// mostly empty (a LinkedIn file has no phone, place or note, and most of
// its rows no e-mail): each row goes to the statement that leaves its
// empty ones out, so that they take the column's default, the empty text
// that binding "" stores, without an empty text bound for each row.
type shapedInserter struct {
	sc       *Scope
	table    string
	cols     []string
	optional []int // indexes in cols of the columns left out when ""
	bit      []int // for each column, its bit in a shape, -1 for none
	setup    func(*batchInserter) *batchInserter
	shapes   map[uint32]*batchInserter // by which optional columns are left out
	order    []*batchInserter          // the shapes as made, flushed in that order
	vals     []any
}

// shapedInserter returns a writer of rows of table's cols whose optional
// columns are left out of a row when "". setup, if not nil, sets each
// statement's literals and parent.
func (sc *Scope) shapedInserter(table string, cols, optional []string, setup func(*batchInserter) *batchInserter) *shapedInserter {
	s := &shapedInserter{sc: sc, table: table, cols: cols, setup: setup, shapes: map[uint32]*batchInserter{}}
	s.bit = make([]int, len(cols))
	for i := range s.bit {
		s.bit[i] = -1
	}
	for _, o := range optional {
		i := slices.Index(cols, o)
		if i < 0 {
			panic("shapedInserter: no column " + o)
		}
		s.bit[i] = len(s.optional)
		s.optional = append(s.optional, i)
	}
	return s
}

func (s *shapedInserter) add(ctx context.Context, vals ...any) error {
	if len(vals) != len(s.cols) {
		return fmt.Errorf("insert into %s: %d values for %d columns", s.table, len(vals), len(s.cols))
	}
	var shape uint32
	for bit, i := range s.optional {
		if v, ok := vals[i].(string); ok && v == "" {
			shape |= 1 << bit
		}
	}
	b := s.shapes[shape]
	if b == nil {
		var cols []string
		for i, c := range s.cols {
			if !s.leftOut(shape, i) {
				cols = append(cols, c)
			}
		}
		b = s.sc.batchInserter(s.table, cols...)
		if s.setup != nil {
			b = s.setup(b)
		}
		s.shapes[shape] = b
		s.order = append(s.order, b)
	}
	s.vals = s.vals[:0]
	for i, v := range vals {
		if !s.leftOut(shape, i) {
			s.vals = append(s.vals, v)
		}
	}
	return b.add(ctx, s.vals...)
}

// leftOut reports whether a row of the shape leaves column i out.
func (s *shapedInserter) leftOut(shape uint32, i int) bool {
	return s.bit[i] >= 0 && shape&(1<<s.bit[i]) != 0
}

func (s *shapedInserter) flush(ctx context.Context) error {
	for _, b := range s.order {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

// written is how many rows were written.
func (s *shapedInserter) written() int {
	n := 0
	for _, b := range s.order {
		n += b.written
	}
	return n
}

func (s *shapedInserter) close() {
	for _, b := range s.order {
		b.close()
	}
}
