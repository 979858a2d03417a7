package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/store"
)

// BenchmarkCenterFiguresPeriods counts the figures (store.CenterFigures,
// without the page around them) on the demo center with requests named by
// ALLY_BENCH_CENTER (a postgres:// URL or a SQLite file), filled with
//
//	ally demo --center --students 100000 --volunteers 20000 --requests 500000 --seed 1 --db "$DSN"
//
// for one term (about four months) and two years, without a grouping and
// by each: the issue asks for under 300 ms for a term, under 1 s for two
// years. It is skipped without ALLY_BENCH_CENTER.
func BenchmarkCenterFiguresPeriods(b *testing.B) {
	dsn := os.Getenv("ALLY_BENCH_CENTER")
	if dsn == "" {
		b.Skip("ALLY_BENCH_CENTER names no demo center")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
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
				for b.Loop() {
					f, err := st.CenterFigures(ctx, set, p.from, p.to, now, by)
					if err != nil {
						b.Fatal(err)
					}
					if f.RequestsSent == 0 {
						b.Fatalf("no requests sent from %s to %s: is %s the demo center?", p.from, p.to, dsn)
					}
				}
			})
		}
	}
}
