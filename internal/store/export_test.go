package store

import (
	"context"
	"database/sql"
	"fmt"
	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// ForceSchemaVersion pretends a newer Ally migrated the database.
func ForceSchemaVersion(ctx context.Context, s *Store, v int64) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES ($1, TRUE)`, v)
	return err
}

// SeedDueActions makes owners users with perOwner dated next actions each,
// due over the day from now, for benchmarks of the reminder query, and
// returns the first owner's id (the others follow it). The rows are
// written directly, with the owners' counts by day (action_days) that the
// writes would keep: making them through the records would take far
// longer than the query under test.
func SeedDueActions(ctx context.Context, s *Store, owners, perOwner int, now time.Time) (int64, error) {
	first, err := s.NewUser(ctx, "seed", now)
	if err != nil {
		return 0, err
	}
	sc := s.For(first)
	return first + 1, sc.InTx(ctx, func(tx *Scope) error {
		users := tx.batchInserter("users", "id", "name", "email", "settings", "created_at")
		acts := tx.batchInserter("next_actions", "owner_id", "subject", "subject_id", "kind", "id", "due").after(users)
		counts := tx.batchInserter("action_days", "owner_id", "day", "n").after(users)
		defer users.close()
		defer acts.close()
		defer counts.close()
		for o := range owners {
			owner := first + 1 + int64(o)
			if err := users.add(ctx, owner, "seed", "", "{}", ts(now)); err != nil {
				return err
			}
			days := actionDays{}
			for a := range perOwner {
				id := int64(o*perOwner + a + 1)
				due := now.Add(time.Duration(id*7919%(24*60)) * time.Minute)
				days.add(due, false, false, 1)
				if err := acts.add(ctx, owner, "c", id, "thank", fmt.Sprintf("thank-c%d", id), ts(due)); err != nil {
					return err
				}
			}
			for _, day := range slices.Sorted(maps.Keys(days)) {
				if err := counts.add(ctx, owner, day, days[day]); err != nil {
					return err
				}
			}
		}
		if err := users.flush(ctx); err != nil {
			return err
		}
		if err := acts.flush(ctx); err != nil {
			return err
		}
		return counts.flush(ctx)
	})
}

// SearchQueryPostgres is the ranked search query on PostgreSQL, for a
// test of its plan.
const SearchQueryPostgres = searchQueryPostgres

// RankCandidates is how many matches a search ranks at most on the
// database named (storetest.DB.Name).
func RankCandidates(database string) int {
	if database == "postgres" {
		return rankCandidatesPostgres
	}
	return rankCandidates
}

// SearchQuerySQLite is the query that reads a search's candidates on
// SQLite, for a test to check its plan.
const SearchQuerySQLite = searchQuerySQLite

// OwnerRowIDs is the range of SQLite rowids of an owner's search documents.
func OwnerRowIDs(sc *Scope) (lo, hi int64) {
	lo, hi, _ = sc.ownerRowIDs()
	return lo, hi
}

// IncrementalPlans derives again, as a write that touched them would, the
// next actions of the conversations, people and fields named (and of the
// fields whose latest request moved: requests), and returns SQLite's plan
// (EXPLAIN QUERY PLAN) of every statement the derivation read or deleted
// with, by statement.
func IncrementalPlans(ctx context.Context, sc *Scope, convos, people, fields, requests []int64) (map[string]string, error) {
	plans := map[string]string{}
	err := sc.InTx(ctx, func(tx *Scope) error {
		e := explaining{tx.w, plans}
		in := &Scope{st: tx.st, owner: tx.owner, r: e, w: e, inTx: true, touches: &touchedSet{}}
		in.touched('c', convos...)
		in.touched('p', people...)
		in.touched('f', fields...)
		in.touched('r', requests...)
		for _, f := range fields {
			if err := in.touchedReachOutsOfField(ctx, f); err != nil {
				return err
			}
		}
		return in.refreshActions(ctx)
	})
	return plans, err
}

// explaining is a queryer that records the plan of each statement it runs
// (inserts aside) before running it.
type explaining struct {
	queryer
	plans map[string]string
}

func (e explaining) explain(ctx context.Context, q string, args []any) {
	if strings.HasPrefix(strings.TrimSpace(q), "INSERT") {
		return
	}
	plan, err := queryPlan(ctx, e.queryer, q, args)
	if err != nil {
		plan = "error: " + err.Error()
	}
	e.plans[q] = plan
}

// queryPlan is SQLite's plan of a statement (EXPLAIN QUERY PLAN), a line
// a step.
func queryPlan(ctx context.Context, q queryer, stmt string, args []any) (string, error) {
	rows, err := q.QueryContext(ctx, "EXPLAIN QUERY PLAN "+stmt, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		lines = append(lines, detail)
	}
	return strings.Join(lines, "\n"), rows.Err()
}

func (e explaining) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	e.explain(ctx, q, args)
	return e.queryer.QueryContext(ctx, q, args...)
}

func (e explaining) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	e.explain(ctx, q, args)
	return e.queryer.QueryRowContext(ctx, q, args...)
}

func (e explaining) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	e.explain(ctx, q, args)
	return e.queryer.ExecContext(ctx, q, args...)
}

// LastRequests returns each field's latest request as kept on the fields
// and as counted from the conversations, which must be the same.
func LastRequests(ctx context.Context, sc *Scope) (kept, counted map[int64]time.Time, err error) {
	if kept, err = sc.lastRequestByField(ctx, nil); err != nil {
		return nil, nil, err
	}
	counted, err = sc.countLastRequests(ctx)
	return kept, counted, err
}

// WriteStatements runs write in one write transaction, as the store's
// writes run, and returns every statement it and the derivation of its
// next actions ran, in order.
func WriteStatements(ctx context.Context, sc *Scope, write func(*Scope) error) ([]string, error) {
	var stmts []string
	err := sc.InTx(ctx, func(tx *Scope) error {
		rec := recording{tx.w, &stmts}
		in := &Scope{st: tx.st, owner: tx.owner, r: rec, w: rec, inTx: true, touches: tx.touches}
		if err := write(in); err != nil {
			return err
		}
		if err := in.refreshActions(ctx); err != nil {
			return err
		}
		tx.touches = &touchedSet{} // derived already
		return nil
	})
	return stmts, err
}

// recording is a queryer that notes each statement it runs.
type recording struct {
	queryer
	stmts *[]string
}

func (r recording) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	*r.stmts = append(*r.stmts, q)
	return r.queryer.QueryContext(ctx, q, args...)
}

func (r recording) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	*r.stmts = append(*r.stmts, q)
	return r.queryer.QueryRowContext(ctx, q, args...)
}

func (r recording) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	*r.stmts = append(*r.stmts, q)
	return r.queryer.ExecContext(ctx, q, args...)
}

func (r recording) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	*r.stmts = append(*r.stmts, q)
	return r.queryer.(preparer).PrepareContext(ctx, q)
}

// ReachOutCandidates reads the reach-out facts of every person of the
// owner twice: as the agenda's rebuild does (from the candidates the
// indexes give) and naming each person of the owner by id.
func ReachOutCandidates(ctx context.Context, sc *Scope) (all, byID []method.ReachOutFacts, err error) {
	settings, err := sc.Settings(ctx)
	if err != nil {
		return nil, nil, err
	}
	ids, err := sc.idsWhere(ctx, `SELECT id FROM people WHERE owner_id = $1 ORDER BY id`)
	if err != nil {
		return nil, nil, err
	}
	if all, err = sc.reachOutFacts(ctx, nil, settings, false); err != nil {
		return nil, nil, err
	}
	byID, err = sc.reachOutFacts(ctx, ids, settings, false)
	return all, byID, err
}

// SearchDocs lists the owner's search documents as stored, then as the
// records make them again (reindexAll, in a transaction rolled back).
func SearchDocs(ctx context.Context, sc *Scope) (stored, rebuilt []string, err error) {
	list := func(q queryer) ([]string, error) {
		rows, err := q.QueryContext(ctx, `SELECT kind, ref_id, title, body FROM search_docs WHERE owner_id = $1 ORDER BY kind, ref_id`, sc.owner)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var kind, title, body string
			var ref int64
			if err := rows.Scan(&kind, &ref, &title, &body); err != nil {
				return nil, err
			}
			out = append(out, fmt.Sprintf("%s %d %q %q", kind, ref, title, body))
		}
		return out, rows.Err()
	}
	if stored, err = list(sc.r); err != nil {
		return nil, nil, err
	}
	errRollBack := fmt.Errorf("rolled back")
	err = sc.InTx(ctx, func(tx *Scope) error {
		if _, err := tx.reindexAll(ctx); err != nil {
			return err
		}
		if rebuilt, err = list(tx.w); err != nil {
			return err
		}
		return errRollBack
	})
	if err != errRollBack {
		return nil, nil, err
	}
	return stored, rebuilt, nil
}

// ActivityPeople lists the people of the owner's activities of a kind, in
// the order the activities were numbered.
func ActivityPeople(ctx context.Context, sc *Scope, kind string) ([]int64, error) {
	return sc.idsWhere(ctx, `SELECT person_id FROM activities WHERE owner_id = $1 AND kind = $2 ORDER BY id`, kind)
}

// ImportPlans is SQLite's plan (EXPLAIN QUERY PLAN) of the statements an
// import writes its new people's activities and search documents with.
func ImportPlans(ctx context.Context, sc *Scope) (map[string]string, error) {
	plans := map[string]string{}
	for name, q := range map[string]string{"activities": newActivitiesQuery,
		"search documents": newDocsQuery("rowid", "", true), "search documents without tags": newDocsQuery("rowid", "", false)} {
		plan, err := queryPlan(ctx, sc.r, q, []any{sc.owner, 0, 10, 0, "x", "\n"})
		if err != nil {
			return nil, err
		}
		plans[name] = plan
	}
	return plans, nil
}

// AgendaPageQuery is the statement reading the first limit dated actions
// of the agenda at now (the page of AgendaPage), with its arguments.
func AgendaPageQuery(sc *Scope, now time.Time, limit int) (string, []any) {
	return sc.actionsQuery(now, ActionRange{Limit: limit})
}

// PagePlans is SQLite's plan (EXPLAIN QUERY PLAN) of each statement the
// people list reads a page's fields and tags with, and its people's
// standing (Scope.Standing), for the people ids names.
func PagePlans(ctx context.Context, sc *Scope, ids []int64) (map[string]string, error) {
	plans := map[string]string{}
	e := explaining{sc.r, plans}
	in := &Scope{st: sc.st, owner: sc.owner, r: e, w: e}
	people := make([]*model.Person, len(ids))
	for i, id := range ids {
		people[i] = &model.Person{ID: id}
	}
	if err := in.attachFieldsAndTags(ctx, people); err != nil {
		return nil, err
	}
	_, err := in.Standing(ctx, ids)
	return plans, err
}

// BlocksFromEveryStrike is Blocks as it was counted before the blocks
// were read in SQL: every strike of every student read into Go and the
// rule (center.Settings.BlockedSince) applied to each student's. The
// tests' reference.
func BlocksFromEveryStrike(ctx context.Context, s *Store, set center.Settings) ([]Block, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.student_id, u.name, u.email, r.strike_at,
		(SELECT MAX(c.cleared_at) FROM request_block_clearings c WHERE c.student_id = r.student_id)
		FROM requests r JOIN users u ON u.id = r.student_id
		WHERE r.strike_at IS NOT NULL ORDER BY r.student_id, r.strike_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var students []*Block
	strikes := map[int64][]time.Time{}
	cleared := map[int64]time.Time{}
	for rows.Next() {
		var b Block
		var at, clearedAt nullTime
		if err := rows.Scan(&b.StudentID, &b.Name, &b.Email, &at, &clearedAt); err != nil {
			return nil, err
		}
		if _, seen := strikes[b.StudentID]; !seen {
			students = append(students, &b)
		}
		strikes[b.StudentID] = append(strikes[b.StudentID], at.Time)
		cleared[b.StudentID] = clearedAt.Time
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []Block
	for _, b := range students {
		since, blocked := set.BlockedSince(strikes[b.StudentID], cleared[b.StudentID])
		if !blocked {
			continue
		}
		b.Since = since
		for _, t := range strikes[b.StudentID] {
			if t.After(cleared[b.StudentID]) {
				b.Strikes = append(b.Strikes, t)
			}
		}
		out = append(out, *b)
	}
	slices.SortStableFunc(out, func(a, b Block) int { return b.Since.Compare(a.Since) })
	return out, nil
}

// StudentCareCountsFromRows counts the students on each list from the
// lists' own statements (the roles, the accounts and the request states),
// as StudentCareCounts did before the counts were kept; kept is
// StudentCareCounts.
func StudentCareCountsFromRows(ctx context.Context, s *Store) (kept, rows map[StudentList]int, err error) {
	if kept, err = s.StudentCareCounts(ctx); err != nil {
		return nil, nil, err
	}
	rows = map[StudentList]int{}
	for _, l := range []StudentList{StudentsSilent, StudentsExpired} {
		ids, _ := studentIDs(l)
		var n int
		if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM (`+ids+`) c`).Scan(&n); err != nil {
			return nil, nil, err
		}
		rows[l] = n
	}
	return kept, rows, nil
}

// BindEveryColumnOnImport makes imports bind every column of each new
// person (no shapes, no literals), or not; the test's end puts it back.
func BindEveryColumnOnImport(t testing.TB, on bool) {
	importBindEveryColumn = on
	t.Cleanup(func() { importBindEveryColumn = false })
}

// PeopleRows lists every column of the owner's people but their ids and
// owner (the organization by name, the referrer as whether there is one),
// in id order, each value with its Go type as the driver reads it.
func PeopleRows(ctx context.Context, sc *Scope) ([]string, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT p.name, o.name, p.role, p.emails, p.phone, p.url, p.location, p.source,
		p.commonality, p.referred_by_id IS NULL, p.notes, p.do_not_contact, p.last_touch_at, p.last_reply_at, p.created_at,
		p.updated_at, p.name_permission, (SELECT COUNT(*) FROM person_tags t WHERE t.person_id = p.id)
		FROM people p LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.owner_id = $1 ORDER BY p.id`, sc.owner)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		vals := make([]any, 18)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		var line []string
		for _, v := range vals {
			line = append(line, fmt.Sprintf("%T(%v)", v, v))
		}
		out = append(out, strings.Join(line, " "))
	}
	return out, rows.Err()
}
