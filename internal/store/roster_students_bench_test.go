package store_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// BenchmarkRosterImportStudents100k is BenchmarkRosterImport100k for a
// roster of students, whose profiles (class year, major) the figures'
// groups of students are kept by (migration 00056): 100,000 new
// students, then the same file with every email changed.
func BenchmarkRosterImportStudents100k(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		ctx := context.Background()
		const n = 100_000
		m := map[string]interop.RosterField{"Alumni ID": interop.RosterExternalID}
		first, second := rosterCSV(n, "s"), rosterCSV(n, "t")
		if _, err := db.Store.InitCenter(ctx, "Bench Center", model.NewAccount{Email: "admin@bench.edu", Name: "Admin"}, storetest.Now); err != nil {
			b.Fatal(err)
		}
		round := 0
		for b.Loop() {
			file := first
			if round%2 == 1 {
				file = second
			}
			res, err := db.Store.ImportRoster(ctx, bytes.NewReader(file), store.RosterOptions{Role: model.RoleStudent, Map: m}, model.CLIActor(), storetest.Now)
			if err != nil {
				b.Fatal(err)
			}
			if res.NewCount+res.UpdateCount != n {
				b.Fatalf("round %d: %d new, %d updated", round, res.NewCount, res.UpdateCount)
			}
			round++
		}
	})
}
