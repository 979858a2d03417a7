package store_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// TestIncrementalDerivationStartsFromTheTouchedIDs checks SQLite's plan of
// every statement a write's derivation runs for a few touched records: it
// must start from their ids, never from the owner's index (every row of the
// owner, which SQLite, without statistics, takes for the fewer) nor from a
// scan of a table.
func TestIncrementalDerivationStartsFromTheTouchedIDs(t *testing.T) {
	db := storetest.SQLite(t)
	sc := db.Scope()
	ctx := context.Background()
	if _, err := sc.LoadBulk(ctx, demo.Synthetic(300, 1, storetest.Now), storetest.Now); err != nil {
		t.Fatal(err)
	}
	convos, err := sc.Conversations(ctx, store.ConversationFilter{Limit: 3})
	if err != nil || len(convos) < 3 {
		t.Fatalf("conversations: %d, %v", len(convos), err)
	}
	var cids, pids, fids []int64
	for _, c := range convos {
		cids = append(cids, c.ID)
		pids = append(pids, c.Person.ID)
		for _, f := range c.Fields {
			fids = append(fids, f.ID)
		}
	}
	plans, err := store.IncrementalPlans(ctx, sc, cids, pids, fids, fids)
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) < 10 {
		t.Fatalf("only %d statements planned: the derivation was not run for the ids", len(plans))
	}
	for q, p := range plans {
		for _, line := range strings.Split(p, "\n") {
			if ownerWide.MatchString(line) || strings.HasPrefix(line, "SCAN ") || strings.HasPrefix(line, "error") {
				t.Errorf("%s\nreads more than the ids: %s\nplan:\n%s", q, line, p)
				break
			}
		}
	}
}

// ownerWide is a plan's line that looks up every row of the owner (in
// some states): an index searched on owner_id alone, or with state.
var ownerWide = regexp.MustCompile(`\(owner_id=\?(\)| AND state=\?\))`)
