package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// careWrite is a random write that moves students on or off the care
// lists: a request expired, revived, moved or deleted, a role of student
// taken or given, an account disabled or enabled. one keeps each to one
// row of requests (two statements each updating a student's requests
// may lock them in two orders and deadlock, with or without the counts).
func careWrite(rng *rand.Rand, students []int64, one bool) (query string, args []any) {
	nth := `(SELECT id FROM requests ORDER BY id LIMIT 1 OFFSET $1)`
	st := students[rng.IntN(len(students))]
	switch rng.IntN(8) {
	case 0:
		return `UPDATE requests SET state = 'expired', state_at = $2 WHERE id = ` + nth, []any{rng.IntN(60), "2026-03-01T10:00:00.000000Z"}
	case 1:
		if one {
			return `UPDATE requests SET state = 'pending' WHERE id = ` + nth, []any{rng.IntN(60)}
		}
		return `UPDATE requests SET state = 'pending' WHERE student_id = $1`, []any{st}
	case 2:
		return `UPDATE requests SET student_id = $2 WHERE id = ` + nth + ` AND EXISTS (SELECT 1 FROM accounts WHERE user_id = $2)`,
			[]any{rng.IntN(60), st}
	case 3:
		return `DELETE FROM requests WHERE id = ` + nth + ` AND id NOT IN (SELECT request_id FROM request_feedback)`, []any{rng.IntN(60)}
	case 4:
		return `DELETE FROM account_roles WHERE user_id = $1 AND role = 'student'`, []any{st}
	case 5:
		return `INSERT INTO account_roles (user_id, role) SELECT $1, 'student' WHERE EXISTS (SELECT 1 FROM accounts WHERE user_id = $1)
			ON CONFLICT DO NOTHING`, []any{st}
	case 6:
		return `UPDATE accounts SET status = CASE WHEN status = 'active' THEN 'disabled' ELSE 'active' END WHERE user_id = $1`, []any{st}
	default:
		if one {
			return `UPDATE requests SET state = 'expired', state_at = $2 WHERE id = ` + nth, []any{rng.IntN(60), "2026-03-02T10:00:00.000000Z"}
		}
		return `UPDATE requests SET state = CASE WHEN state = 'expired' THEN 'declined' ELSE 'expired' END, state_at = $2 WHERE student_id = $1`,
			[]any{st, "2026-03-02T10:00:00.000000Z"}
	}
}

// The kept counts of the students who sent nothing and of those whose
// every request expired equal the lists' statements after each of 60
// random writes, students added and deleted among them.
func TestStudentCareCountsKeptEqualTheRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		_, rng, loaded := randomCenter(t, db, 8, 3, 60, 3, 68)
		var students []int64
		for _, r := range loaded {
			students = append(students, r.StudentID)
		}
		check := func(step int, what string) {
			t.Helper()
			kept, rows, err := store.StudentCareCountsFromRows(ctx, db.Store)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(kept, rows) {
				t.Fatalf("step %d, after %s: kept %v, the lists count %v", step, what, kept, rows)
			}
		}
		check(0, "the load")
		for step := range 60 {
			query, args := careWrite(rng, students, false)
			switch rng.IntN(10) {
			case 0: // a new student, who has sent nothing
				students = append(students, studentAccount(t, db, fmt.Sprintf("new%d@westlake.edu", step)))
				check(step, "a new student")
				continue
			case 1: // a student deleted whole, with their requests
				query, args = `DELETE FROM accounts WHERE user_id = $1 AND NOT EXISTS (SELECT 1 FROM requests q JOIN request_feedback f ON f.request_id = q.id
					WHERE q.student_id = $1 OR q.volunteer_id = $1)`, []any{students[rng.IntN(len(students))]}
			}
			if err := store.ExecForTest(ctx, db.Store, query, args...); err != nil {
				t.Fatalf("%s %v: %v", query, args, err)
			}
			check(step, fmt.Sprint(query, args))
		}
	})
}

// 32 writers at once, about the same few students, leave the kept counts
// equal to the lists' statements.
func TestStudentCareCountsKeptUnderRacingWriters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		_, _, loaded := randomCenter(t, db, 5, 3, 60, 4, 68)
		students := []int64{studentAccount(t, db, "quiet@westlake.edu")}
		for _, r := range loaded {
			students = append(students, r.StudentID)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 32)
		for g := range 32 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(uint64(g), 68))
				for range 6 {
					query, args := careWrite(rng, students, true)
					if err := store.ExecForTest(ctx, db.Store, query, args...); err != nil {
						errs <- fmt.Errorf("%s %v: %w", query, args, err)
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		kept, rows, err := store.StudentCareCountsFromRows(ctx, db.Store)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(kept, rows) {
			t.Fatalf("kept %v, the lists count %v", kept, rows)
		}
	})
}

// A student's first request and the loss of their role, at once: the
// role's statement waits for the request's transaction (both lock the
// student's account) and then sees the student has sent something, so
// the student leaves the silent count once, not twice. PostgreSQL only
// (SQLite has one writer).
func TestStudentCareCountsFirstRequestBesideARoleTaken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		if db.Name != "postgres" {
			t.Skip("one writer at a time")
		}
		ctx := context.Background()
		randomCenter(t, db, 2, 1, 4, 5, 68)
		quiet := studentAccount(t, db, "quiet@westlake.edu")
		raw, err := sql.Open("pgx", db.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET student_id = $1 WHERE id = (SELECT MIN(id) FROM requests)`, quiet); err != nil {
			t.Fatal(err)
		}
		taken := make(chan error, 1)
		go func() {
			taken <- store.ExecForTest(ctx, db.Store, `DELETE FROM account_roles WHERE user_id = $1 AND role = 'student'`, quiet)
		}()
		// Until the role's statement waits for a lock, or is done.
		for waiting := false; !waiting; {
			select {
			case err := <-taken:
				taken <- err
				waiting = true
			default:
				if err := raw.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
					AND wait_event_type = 'Lock')`).Scan(&waiting); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-taken; err != nil {
			t.Fatal(err)
		}
		kept, rows, err := store.StudentCareCountsFromRows(ctx, db.Store)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(kept, rows) {
			t.Fatalf("kept %v, the lists count %v", kept, rows)
		}
	})
}
