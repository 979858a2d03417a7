package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// Each owner's search finds only their records, and the owner's token in
// the index is no word a query can find.
func TestSearchKeepsToTheOwner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		other, err := db.Store.NewUser(ctx, "Other", now)
		if err != nil {
			t.Fatal(err)
		}
		mine := mustPerson(t, db.Scope(), &model.Person{Name: "Dana Grants"})
		mustPerson(t, db.Store.For(other), &model.Person{Name: "Eli Grants"})
		res, err := db.Scope().Search(ctx, "grants", 10)
		if err != nil || len(res) != 1 || res[0].ID != mine.ID {
			t.Fatalf("my search for grants = %+v, %v; want Dana alone", res, err)
		}
		for _, q := range []string{"o1", "o2", "owner", store.OwnerWord(db.Owner)} {
			if res, err := db.Scope().Search(ctx, q, 10); err != nil || len(res) != 0 {
				t.Errorf("search for %q = %+v, %v; want nothing", q, res, err)
			}
		}
	})
}

// A word in half the records is ranked among a bounded number of its
// matches, the newest, and still fills the page; with a second word that
// narrows it to one record, that record is found.
func TestSearchRanksABoundedSetOfACommonWord(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		if _, err := sc.LoadBulk(ctx, demo.Synthetic(3000, 1, now), now); err != nil {
			t.Fatal(err)
		}
		all, err := sc.Search(ctx, "fieldwork", 200)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 200 {
			t.Fatalf("a common word gave %d results, want a full page of 200", len(all))
		}
		first := mustPerson(t, sc, &model.Person{Name: "Zebulon Oldfield", Notes: "fieldwork"})
		found, err := sc.Search(ctx, "fieldwork zebulon", 10)
		if err != nil || len(found) != 1 || found[0].ID != first.ID {
			t.Fatalf("fieldwork zebulon = %+v, %v", found, err)
		}
		if db.Name != "postgres" {
			return
		}
		// The indexes can serve the query: the owner's matches are read
		// through the full-text index and only the bounded set is ranked. At this size a scan of the table is the
		// planner's cheaper choice, so it is ruled out here to see the
		// plan it takes on a large table.
		raw, err := sql.Open("pgx", db.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.ExecContext(ctx, "ANALYZE search_docs"); err != nil {
			t.Fatal(err)
		}
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
			t.Fatal(err)
		}
		for _, word := range []string{"fieldwork:*", "zebulon:*"} {
			rows, err := tx.QueryContext(ctx, "EXPLAIN "+store.SearchQueryPostgres, word, db.Owner, 20, store.RankCandidates)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var line string
				if err := rows.Scan(&line); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, line)
			}
			rows.Close()
			text := strings.Join(plan, "\n")
			if strings.Contains(text, "Seq Scan on search_docs") || strings.Count(text, "Limit") != 2 {
				t.Errorf("plan for %s scans the table or ranks an unbounded set:\n%s", word, text)
			}
		}
	})
}
