package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// BenchmarkCenterFiguresPeriods counts the figures (store.CenterFigures,
// without the page around them) on the demo center with requests named by
// ALLY_BENCH_CENTER (a postgres:// URL or a SQLite file), filled with
//
//	ally demo --center --students 100000 --volunteers 20000 --requests 500000 --seed 1 --db "$DSN"
//
// for one term (about four months) and two years, without a grouping and
// by each: the issue asks for under 300 ms for a term, under 1 s for two
// years. It is skipped without ALLY_BENCH_CENTER. On PostgreSQL it also
// reports the backends' CPU time (server-cpu-ms/op).
func BenchmarkCenterFiguresPeriods(b *testing.B) {
	dsn := benchCenterDSN(b)
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	// The CPU time of the PostgreSQL backends serving the figures, which
	// the machine's load does not stretch as it does the time taken (a
	// parallel worker that comes and goes within a read is not counted:
	// set max_parallel_workers_per_gather to 0 on the demo to count all).
	backends := func() map[int]time.Duration { return nil }
	if st.Dialect() == store.Postgres {
		backends = serverCPU(b, &storetest.DB{Name: "postgres", DSN: dsn})
	}
	set, err := st.CenterRules(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// Any time after the demo was filled will do, as long as it stands still.
	now := time.Date(2026, 12, 5, 14, 0, 0, 0, time.UTC)
	periods := []struct {
		name     string
		from, to time.Time
	}{
		{"term", time.Date(2026, 8, 24, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)},
		{"two-years", time.Date(2024, 12, 5, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)},
	}
	for _, p := range periods {
		for _, by := range append([]string{""}, center.Groupings()...) {
			b.Run(p.name+"/by="+by, func(b *testing.B) {
				var server time.Duration
				for b.Loop() {
					start := backends()
					f, err := st.CenterFigures(ctx, set, p.from, p.to, now, by)
					if err != nil {
						b.Fatal(err)
					}
					server += backendsSince(start, backends())
					if f.RequestsSent == 0 {
						b.Fatalf("no requests sent from %s to %s: is %s the demo center?", p.from, p.to, dsn)
					}
				}
				if st.Dialect() == store.Postgres {
					b.ReportMetric(float64(server)/float64(b.N)/1e6, "server-cpu-ms/op")
				}
			})
		}
	}
}

// benchCenterDSN is the demo center ALLY_BENCH_CENTER names; the benchmark
// is skipped without one.
func benchCenterDSN(b *testing.B) string {
	dsn := os.Getenv("ALLY_BENCH_CENTER")
	if dsn == "" {
		b.Skip("ALLY_BENCH_CENTER names no demo center")
	}
	return dsn
}
