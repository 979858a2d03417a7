package store_test

import (
	"context"
	"testing"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// The benchmark dataset: 5,000 people, 2,000 conversations and
// 20,000 activities. Run with:
//
//	ALLY_TEST_POSTGRES=postgres://... go test -run '^$' -bench . ./internal/store/
const benchPeople = 5000

func benchDBs(b *testing.B, fn func(b *testing.B, db *storetest.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, storetest.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, storetest.Postgres(b)) })
}

func loaded(b *testing.B, db *storetest.DB) *store.Scope {
	b.Helper()
	sc := db.Scope()
	if _, err := sc.LoadBulk(context.Background(), demo.Synthetic(benchPeople, 1, storetest.Now), storetest.Now); err != nil {
		b.Fatal(err)
	}
	return sc
}

// BenchmarkAgenda computes the agenda as a page view does: nothing was
// written since the last computation, so the records come from the cache.
func BenchmarkAgenda(b *testing.B) {
	benchAgenda(b, false)
}

// BenchmarkAgendaCold computes the agenda right after a write: every
// record is read from the database.
func BenchmarkAgendaCold(b *testing.B) {
	benchAgenda(b, true)
}

func benchAgenda(b *testing.B, cold bool) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		sc := loaded(b, db)
		ctx := context.Background()
		n := 0
		for b.Loop() {
			if cold {
				store.ForgetAgendaFacts(db.Store)
			}
			actions, err := sc.Agenda(ctx, storetest.Now)
			if err != nil {
				b.Fatal(err)
			}
			n = len(actions)
		}
		b.ReportMetric(float64(n), "actions")
	})
}

func BenchmarkSearch(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		sc := loaded(b, db)
		ctx := context.Background()
		queries := []string{"fieldwork", "grants deadlines", "Dana", "mentoring conf"}
		i, hits := 0, 0
		for b.Loop() {
			res, err := sc.Search(ctx, queries[i%len(queries)], 20)
			if err != nil {
				b.Fatal(err)
			}
			hits += len(res)
			i++
		}
		b.ReportMetric(float64(hits)/float64(i), "hits/op")
	})
}

func BenchmarkBulkLoad(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		data := demo.Synthetic(benchPeople, 1, storetest.Now)
		ctx := context.Background()
		rows := 0
		for i := 0; i < b.N; i++ {
			b.StopTimer() // only the load counts
			owner, err := db.Store.NewUser(ctx, "bench", storetest.Now)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			counts, err := db.Store.For(owner).LoadBulk(ctx, data, storetest.Now)
			if err != nil {
				b.Fatal(err)
			}
			rows += counts.Rows()
		}
		b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	})
}
