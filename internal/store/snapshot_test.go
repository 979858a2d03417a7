package store_test

import (
	"context"
	"testing"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// A request's snapshot (what the session's statement read) answers
// AgendaVersion and Settings for its owner only, until the request writes;
// Fresh reads the database again. The snapshot here says what the
// database does not, so that an answer shows where it came from.
func TestASnapshotAnswersUntilTheRequestWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		dana := mustPerson(t, sc, &model.Person{Name: "Dana"})
		stored, settings, err := sc.AgendaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if settings.TimeZone == "Pacific/Auckland" {
			t.Fatal("the test's snapshot must differ from the stored settings")
		}
		snap := store.WithSnapshot(ctx, sc.Owner(), stored+100,
			`{"time_zone":"Pacific/Auckland","keep_in_touch_by_tag":{"mentor":30}}`)

		v, s, err := sc.AgendaVersion(snap)
		if err != nil || v != stored+100 || s.TimeZone != "Pacific/Auckland" {
			t.Fatalf("AgendaVersion with a snapshot = %d, %q, %v; want the snapshot's %d, Pacific/Auckland", v, s.TimeZone, err, stored+100)
		}
		s.KeepInTouchByTag["mentor"] = 1 // a caller's copy: the next one is not changed
		s, err = sc.Settings(snap)
		if err != nil || s.TimeZone != "Pacific/Auckland" || s.KeepInTouchByTag["mentor"] != 30 {
			t.Fatalf("Settings with a snapshot = %q %v, %v; want the snapshot's", s.TimeZone, s.KeepInTouchByTag, err)
		}
		if s.FollowUpBusinessDays == 0 {
			t.Error("the snapshot's settings lost the method's defaults")
		}

		// Another owner's scope, and Fresh, read the database.
		other := db.Store.For(sc.Owner() + 1)
		if _, s, _ := other.AgendaVersion(snap); s.TimeZone == "Pacific/Auckland" {
			t.Error("another owner was answered from this owner's snapshot")
		}
		if v, s, err := sc.AgendaVersion(store.Fresh(snap)); err != nil || v != stored || s.TimeZone == "Pacific/Auckland" {
			t.Errorf("Fresh read %d, %q, %v; want the database's %d", v, s.TimeZone, err, stored)
		}

		// A write of the request puts the snapshot aside: it reads its own writes.
		if err := sc.AddActivity(snap, &model.Activity{Person: model.Ref{ID: dana.ID}, Kind: model.ActArticleShared, At: now}, now); err != nil {
			t.Fatal(err)
		}
		v, s, err = sc.AgendaVersion(snap)
		if err != nil || v <= stored || v == stored+100 || s.TimeZone == "Pacific/Auckland" {
			t.Errorf("after the request's write AgendaVersion = %d, %q, %v; want the database's, past %d", v, s.TimeZone, err, stored)
		}
		if s, err := sc.Settings(snap); err != nil || s.TimeZone == "Pacific/Auckland" {
			t.Errorf("after the request's write Settings = %q, %v; want the database's", s.TimeZone, err)
		}
	})
}
