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

// results is the hits of a search, for tests that look at them alone.
func results(hits model.SearchHits, err error) ([]model.SearchResult, error) {
	return hits.Results, err
}

// Each owner's search finds only their records, and what numbers the
// owners in the index is no word a query can find.
func TestSearchKeepsToTheOwner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		other, err := db.Store.NewUser(ctx, "Other", now)
		if err != nil {
			t.Fatal(err)
		}
		mine := mustPerson(t, db.Scope(), &model.Person{Name: "Dana Grants"})
		theirs := mustPerson(t, db.Store.For(other), &model.Person{Name: "Eli Grants"})
		for _, c := range []struct {
			sc   *store.Scope
			want int64
		}{{db.Scope(), mine.ID}, {db.Store.For(other), theirs.ID}} {
			res, err := results(c.sc.Search(ctx, "grants", 10))
			if err != nil || len(res) != 1 || res[0].ID != c.want {
				t.Fatalf("a search for grants = %+v, %v; want person %d alone", res, err, c.want)
			}
		}
		for _, q := range []string{"o1", "o2", "owner"} {
			if res, err := results(db.Scope().Search(ctx, q, 10)); err != nil || len(res) != 0 {
				t.Errorf("search for %q = %+v, %v; want nothing", q, res, err)
			}
		}
	})
}

// The best match comes first: the word in the name before the word twice
// in a short note, before the word once in a long one.
func TestSearchRanksTheBestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		long := mustPerson(t, sc, &model.Person{Name: "Lou Long", Notes: "Met at the county fair; talked about " +
			"orchards, cider presses, the weather, her daughter's school, and at last the beekeeper she buys from."})
		twice := mustPerson(t, sc, &model.Person{Name: "Tess Twice", Notes: "Beekeeper. A beekeeper's daughter."})
		named := mustPerson(t, sc, &model.Person{Name: "Bea Beekeeper"})
		for _, q := range []string{"beekeeper", "beekeep"} {
			hits, err := sc.Search(ctx, q, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, h := range hits.Results {
				got = append(got, h.ID)
			}
			want := []int64{named.ID, twice.ID, long.ID}
			if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || hits.Ranked != 0 {
				t.Errorf("%s: found %v (ranked %d of more); want %v, every match ranked", q, got, hits.Ranked, want)
			}
			for i := 1; i < len(hits.Results); i++ {
				if hits.Results[i].Rank > hits.Results[i-1].Rank {
					t.Errorf("%s: ranks %v and %v out of order", q, hits.Results[i-1].Rank, hits.Results[i].Rank)
				}
			}
		}
	})
}

// A word in half the records is ranked among a bounded number of its
// matches, still fills the page, and says that more matched; with a
// second word that narrows it to one record, that record is found, and
// every match was ranked.
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
		if len(all.Results) != 200 || all.Ranked != store.RankCandidates(db.Name) {
			t.Fatalf("a common word gave %d results, the best of %d; want a full page of 200, the best of %d",
				len(all.Results), all.Ranked, store.RankCandidates(db.Name))
		}
		first := mustPerson(t, sc, &model.Person{Name: "Zebulon Oldfield", Notes: "fieldwork"})
		found, err := sc.Search(ctx, "fieldwork zebulon", 10)
		if err != nil || len(found.Results) != 1 || found.Results[0].ID != first.ID || found.Ranked != 0 {
			t.Fatalf("fieldwork zebulon = %+v, %v", found, err)
		}
		if db.Name == "postgres" {
			checkSearchPlanPostgres(ctx, t, db)
		} else {
			checkSearchPlanSQLite(ctx, t, db)
		}
	})
}

// checkSearchPlanPostgres checks that the indexes can serve the query: the
// owner's matches are read through the full-text index and only the
// bounded set is ranked. At this size a scan of the table is the
// planner's cheaper choice, so it is ruled out here to see the plan it
// takes on a large table.
func checkSearchPlanPostgres(ctx context.Context, t *testing.T, db *storetest.DB) {
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
		text := plan(ctx, t, tx, "EXPLAIN "+store.SearchQueryPostgres, word, db.Owner, 20, store.RankCandidates(db.Name))
		if strings.Contains(text, "Seq Scan on search_docs") || strings.Count(text, "Limit") != 2 {
			t.Errorf("plan for %s scans the table or ranks an unbounded set:\n%s", word, text)
		}
	}
}

// checkSearchPlanSQLite checks that the full-text index is given both the
// words and the owner's range of rowids, and hands the matches over newest
// first, with no sort of its own.
func checkSearchPlanSQLite(ctx context.Context, t *testing.T, db *storetest.DB) {
	raw, err := sql.Open("sqlite", db.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	lo, hi := store.OwnerRowIDs(db.Scope())
	text := plan(ctx, t, raw, "EXPLAIN QUERY PLAN "+store.SearchQuerySQLite, `"fieldwork"*`, lo, hi, store.RankCandidates(db.Name)+1)
	// FTS5 says what it was given: 192 is its order by rowid (64),
	// descending (128); after the colon, M for the MATCH and > and < for
	// the two bounds of the rowid.
	_, given, _ := strings.Cut(text, "VIRTUAL TABLE INDEX 192:M")
	if !strings.Contains(given, ">") || !strings.Contains(given, "<") || strings.Contains(text, "B-TREE") {
		t.Errorf("the search's plan does not seek the owner's documents in the index:\n%s", text)
	}
}

// plan is the text of a query plan, one line of the plan a line.
func plan(ctx context.Context, t *testing.T, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args ...any) string {
	t.Helper()
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for rows.Next() {
		vals := scanRow(t, rows, len(cols))
		// EXPLAIN QUERY PLAN's last column is the line; EXPLAIN's only.
		lines = append(lines, strings.TrimSpace(toString(vals[len(vals)-1])))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// scanRow reads the current row's n columns, whatever their types.
func scanRow(t *testing.T, rows *sql.Rows, n int) []any {
	t.Helper()
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	return vals
}

func toString(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	s, _ := v.(string)
	return s
}
