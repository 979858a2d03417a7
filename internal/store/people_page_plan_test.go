package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// A page of the people list reads its people's fields, tags and
// standing by their ids, given on SQLite as one JSON argument (so that
// the statements are prepared once whatever the page's length): each
// statement looks the ids up in an index, reading no table whole.
func TestPeoplePageReadsByTheIDsOfThePage(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := context.Background()
	sc := db.Scope()
	if _, err := sc.LoadBulk(ctx, demo.Synthetic(300, 2, now), now); err != nil {
		t.Fatal(err)
	}
	people, _, err := sc.People(ctx, store.PeopleFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, p := range people {
		ids = append(ids, p.ID)
	}
	plans, err := store.PagePlans(ctx, sc, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) != 5 {
		t.Errorf("%d statements, want 5: %v", len(plans), plans)
	}
	for q, plan := range plans {
		if !strings.Contains(q, "json_each($") {
			t.Errorf("the ids are not one argument:\n%s", q)
		}
		for _, line := range strings.Split(plan, "\n") {
			if strings.HasPrefix(line, "SCAN ") && !strings.HasPrefix(line, "SCAN json_each") {
				t.Errorf("%s\nreads a table whole:\n%s", q, plan)
			}
		}
		t.Logf("%s\n%s", q, plan)
	}
}
