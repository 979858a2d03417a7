package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/model"
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

// BenchmarkAgenda reads the whole agenda (every action, not one page) as
// `ally next` and the calendar feed do: nothing was written since the last
// read.
func BenchmarkAgenda(b *testing.B) {
	benchAgenda(b, false)
}

// BenchmarkAgendaCold reads the whole agenda right after a write: each
// round logs a touch with a person who has conversations (which derives
// that person's and their conversations' actions again) and then reads.
// The figure is the write and the read together.
func BenchmarkAgendaCold(b *testing.B) {
	benchAgenda(b, true)
}

func benchAgenda(b *testing.B, cold bool) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		sc := loaded(b, db)
		ctx := context.Background()
		convos, err := sc.Conversations(ctx, store.ConversationFilter{Limit: 1})
		if err != nil || len(convos) == 0 {
			b.Fatalf("no conversation to write to: %v", err)
		}
		person := convos[0].Person
		n := 0
		for b.Loop() {
			if cold {
				a := &model.Activity{Person: person, Kind: model.ActUpdateSent, At: storetest.Now.Add(-time.Hour)}
				if err := sc.AddActivity(ctx, a, storetest.Now); err != nil {
					b.Fatal(err)
				}
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
		var elapsed time.Duration
		for i := 0; i < b.N; i++ {
			owner, err := db.Store.NewUser(ctx, "bench", storetest.Now)
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			counts, err := db.Store.For(owner).LoadBulk(ctx, data, storetest.Now)
			elapsed += time.Since(start)
			if err != nil {
				b.Fatal(err)
			}
			rows += counts.Rows()
		}
		b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
	})
}
