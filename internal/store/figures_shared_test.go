package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// TestSharedFiguresReadOneSnapshot: on PostgreSQL the groups are read on
// a second connection beside the whole period; a request written once the
// read's snapshot is taken is counted by neither, so that the figures
// by each grouping equal those read before it was written, and the next
// read counts it
// (fails when either connection reads a snapshot of its own).
func TestSharedFiguresReadOneSnapshot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		if db.Name != "postgres" {
			t.Skip("SQLite reads the groups in turn, on one connection")
		}
		ctx := context.Background()
		c := newFiguresCenter(t, db)
		from, to := c.period()
		at := now.Add(16 * 24 * time.Hour)
		read := func(by string, write func() error) string {
			t.Helper()
			f, err := store.SharedFiguresForTest(ctx, db.Store, c.set, from, to, at, by, write)
			if err != nil {
				t.Fatalf("by %q: %v", by, err)
			}
			b, _ := json.Marshal(f)
			return string(b)
		}
		for i, by := range center.Groupings() {
			before := read(by, nil)
			during := read(by, func() error {
				r := store.LoadedRequest{Request: center.Request{StudentID: c.kim, VolunteerID: c.farah, Field: fmt.Sprintf("Field %d", i),
					Purpose: "learn", Message: "Hello", Minutes: 20, Channel: model.ChannelVideo, State: center.StatePending,
					CreatedAt: now, StateAt: now}}
				_, err := db.Store.LoadCenterRequests(ctx, c.set, slices.Values([]store.LoadedRequest{r}), model.CLIActor(), now)
				return err
			})
			if during != before {
				t.Errorf("by %q, a request written after the snapshot is counted:\nbefore %s\nduring %s", by, before, during)
			}
			if after := read(by, nil); after == before {
				t.Errorf("by %q, the request written is never counted: %s", by, after)
			}
		}
	})
}

// TestSharedFiguresManyAtOnce has racers goroutines read the figures by
// a grouping at once, more than the connections a store opens: each read
// holds one connection while its groups are read on another, and every
// read ends (with the figures read alone) rather than all of them
// waiting for a second connection that none gives back.
func TestSharedFiguresManyAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newFiguresCenter(t, db)
		from, to := c.period()
		at := now.Add(16 * 24 * time.Hour)
		want, err := db.Store.CenterFigures(ctx, c.set, from, to, at, center.ByField)
		if err != nil {
			t.Fatal(err)
		}
		wantJSON, _ := json.Marshal(want)
		errs := race(func(int) error {
			f, err := db.Store.CenterFigures(ctx, c.set, from, to, at, center.ByField)
			if err != nil {
				return err
			}
			if got, _ := json.Marshal(f); string(got) != string(wantJSON) {
				return fmt.Errorf("figures %s, want %s", got, wantJSON)
			}
			return nil
		})
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}
