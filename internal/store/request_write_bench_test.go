package store_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/store/storetest"
)

// BenchmarkCenterRequestUpdate is the write cost of the requests' indexes
// and triggers on the demo center named by ALLY_BENCH_CENTER (PostgreSQL;
// the demo of BenchmarkCenterFiguresPeriods): one request updated as a
// volunteer's answer moves it (pending to accepted: state, its time, the
// first answer and its minutes, all indexed, so never a HOT update), and
// one whose message alone changes (no index holds it), and 200 answered
// or expired in one statement, each in a
// transaction rolled back, so that every run writes the same rows. The
// database is opened as it is, not migrated, so that one binary measures
// databases of several schemas (an index dropped or added on a copy).
// It reports the backends' CPU time (server-cpu-ms/op) beside the time
// taken.
func BenchmarkCenterRequestUpdate(b *testing.B) {
	dsn := benchCenterDSN(b)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		b.Skip("the write benchmark is PostgreSQL's: ", err)
	}
	b.Cleanup(func() { db.Close() })
	ctx := context.Background()
	var ids []int64
	rows, err := db.QueryContext(ctx, `SELECT id FROM requests WHERE state = 'pending' ORDER BY id LIMIT 200`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	if rows.Close(); len(ids) == 0 {
		b.Fatalf("no pending request: is %s the demo center?", dsn)
	}
	backends := serverCPU(b, &storetest.DB{Name: "postgres", DSN: dsn})
	at := time.Date(2026, 12, 5, 14, 0, 0, 0, time.UTC)
	answer := `UPDATE requests SET state = 'accepted', state_at = $2, answered_at = $2, accepted_at = $2,
			answer_minutes = CAST(EXTRACT(EPOCH FROM $2 - created_at) / 60 AS INTEGER) WHERE id = `
	for _, w := range []struct{ name, query string }{
		{"answer", answer + `$1`},
		{"message", `UPDATE requests SET message = message || ' ' WHERE id = $1 AND $2::timestamptz IS NOT NULL`},
		// 200 answers in one statement: the indexes' share of the work,
		// which one row's statement overhead hides in the noise.
		{"answer-200", answer + `ANY (SELECT id FROM requests WHERE state = 'pending' AND id >= $1 ORDER BY id LIMIT 200)`},
		// 200 expired at once, as the expiry tick does, which moves what
		// their students' requests came to (student_request_states).
		{"expire-200", `UPDATE requests SET state = 'expired', state_at = $2
			WHERE id = ANY (SELECT id FROM requests WHERE state = 'pending' AND id >= $1 ORDER BY id LIMIT 200)`},
	} {
		b.Run(w.name, func(b *testing.B) {
			var server time.Duration
			i := 0
			for b.Loop() {
				start := backends()
				tx, err := db.BeginTx(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := tx.ExecContext(ctx, w.query, ids[i%len(ids)], at); err != nil {
					b.Fatal(err)
				}
				if err := tx.Rollback(); err != nil {
					b.Fatal(err)
				}
				server += backendsSince(start, backends())
				i++
			}
			b.ReportMetric(float64(server)/float64(b.N)/1e6, "server-cpu-ms/op")
		})
	}
}
