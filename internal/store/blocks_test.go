package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// The blocks read in SQL (the strikes within a window and its slack,
// decided in Go; the page's students alone in full) are the blocks of
// every strike read into Go and the rule applied to each student's, over
// random strikes and clearings, rules and time zones (one that moves its
// clocks inside the strikes' weeks, one that moved its date line).
func TestBlocksEqualTheRuleOverEveryStrike(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set, rng, loaded := randomCenter(t, db, 12, 3, 80, 13, 68)
		var students []int64
		for _, r := range loaded {
			if !slices.Contains(students, r.StudentID) {
				students = append(students, r.StudentID)
			}
		}
		nth := `(SELECT id FROM requests ORDER BY id LIMIT 1 OFFSET $1)`
		// Strikes over five weeks around a change of the clocks each way (8
		// March and 1 November 2026 in New York), whole days apart give or
		// take an hour or half, so that pairs fall exactly on a window's end
		// and either side of it.
		bases := []time.Time{time.Date(2026, 2, 20, 12, 0, 0, 0, time.UTC), time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)}
		at := func() time.Time {
			return bases[rng.IntN(2)].AddDate(0, 0, rng.IntN(35)).Add(time.Duration(rng.IntN(5)-2) * 30 * time.Minute)
		}
		zones := []string{"UTC", "America/New_York", "America/New_York", "Pacific/Apia", "Australia/Lord_Howe"}
		for step := range 16 {
			for range 8 {
				k := rng.IntN(len(loaded))
				if rng.IntN(2) == 0 {
					err := store.ExecForTest(ctx, db.Store, `UPDATE requests SET strike_at = NULL WHERE id = `+nth, k)
					if err != nil {
						t.Fatal(err)
					}
					continue
				}
				err := store.ExecForTest(ctx, db.Store, `UPDATE requests SET strike_at = $2 WHERE id = `+nth, k, at().Format("2006-01-02T15:04:05.000000Z"))
				if err != nil {
					t.Fatal(err)
				}
			}
			if rng.IntN(3) == 0 {
				if err := db.Store.ClearBlock(ctx, students[rng.IntN(len(students))], "We talked.", model.CLIActor(), at()); err != nil {
					t.Fatal(err)
				}
			}
			set.BlockAfter, set.BlockWindowDays, set.TimeZone = 1+rng.IntN(3), 1+rng.IntN(10), zones[rng.IntN(len(zones))]
			want, err := store.BlocksFromEveryStrike(ctx, db.Store, set)
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("step %d (%d strikes within %d days in %s)", step, set.BlockAfter, set.BlockWindowDays, set.TimeZone)
			got, err := db.Store.Blocks(ctx, set)
			if err != nil {
				t.Fatal(err)
			}
			if !blocksEqual(got, want) {
				t.Fatalf("%s: blocks %+v, want %+v", name, got, want)
			}
			size := 1 + rng.IntN(4)
			for from := 0; from <= len(want)+1; from += size {
				page, total, err := db.Store.BlockPage(ctx, set, size, from)
				if err != nil {
					t.Fatal(err)
				}
				if wp := want[min(from, len(want)):min(from+size, len(want))]; total != len(want) || !blocksEqual(page, wp) {
					t.Fatalf("%s: page from %d of %d: %d blocks %+v, want %d %+v", name, from, size, total, page, len(want), wp)
				}
			}
			for _, id := range students {
				b, blocked, err := db.Store.BlockOf(ctx, set, id)
				if err != nil {
					t.Fatal(err)
				}
				i := slices.IndexFunc(want, func(b store.Block) bool { return b.StudentID == id })
				if blocked != (i >= 0) || blocked && !blocksEqual([]store.Block{b}, want[i:i+1]) {
					t.Fatalf("%s: student %d's block %v %+v, want %+v", name, id, blocked, b, want)
				}
				if only, err := db.Store.Blocked(ctx, set, id); err != nil || only != blocked {
					t.Fatalf("%s: student %d blocked %v, %v; want %v", name, id, only, err, blocked)
				}
			}
		}
	})
}

func blocksEqual(a, b []store.Block) bool {
	return slices.EqualFunc(a, b, func(x, y store.Block) bool {
		return x.StudentID == y.StudentID && x.Name == y.Name && x.Email == y.Email && x.Since.Equal(y.Since) &&
			slices.EqualFunc(x.Strikes, y.Strikes, time.Time.Equal)
	})
}

// A window of days is the center's calendar: over New York's change of
// the clocks in November a week is 169 hours, and two strikes 169 hours
// apart make a block there (not in UTC).
func TestBlockWindowIsTheCentersCalendar(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set, _, loaded := randomCenter(t, db, 1, 1, 2, 13, 69)
		first := time.Date(2026, 10, 30, 12, 0, 0, 0, time.UTC)                        // 08:00 in New York (EDT)
		for i, at := range []time.Time{first, first.Add(7*24*time.Hour + time.Hour)} { // 08:00 EST, a week on
			err := store.ExecForTest(ctx, db.Store, `UPDATE requests SET strike_at = $2 WHERE id = (SELECT id FROM requests ORDER BY id LIMIT 1 OFFSET $1)`,
				i, at.Format("2006-01-02T15:04:05.000000Z"))
			if err != nil {
				t.Fatal(err)
			}
		}
		set.BlockAfter, set.BlockWindowDays = 2, 7
		for zone, want := range map[string]bool{"America/New_York": true, "UTC": false} {
			set.TimeZone = zone
			blocked, err := db.Store.Blocked(ctx, set, loaded[0].StudentID)
			if err != nil || blocked != want {
				t.Errorf("%s: blocked %v, %v; want %v", zone, blocked, err, want)
			}
		}
	})
}
