package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// racers is how many goroutines each race test sets on one record: more
// than PostgreSQL's pool of connections, so some wait for one.
const racers = 32

// race runs fn from racers goroutines released at once and returns each
// one's error.
func race(fn func(i int) error) []error { return raceN(racers, fn) }

// oneWins checks that exactly one of a race's errors is nil and that every
// other one is lost.
func oneWins(t *testing.T, what string, errs []error, lost error) {
	t.Helper()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, lost):
			t.Errorf("%s: a loser got %v, want %v", what, err, lost)
		}
	}
	if won != 1 {
		t.Fatalf("%s: %d won, want exactly 1", what, won)
	}
}

// raceN runs fn from n goroutines released at once.
func raceN(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			errs[i] = fn(i)
		}()
	}
	start.Done()
	done.Wait()
	return errs
}

// The method never sends more than two follow-ups: of 32 concurrent
// follow-ups on one requested conversation exactly two are recorded, the
// others are refused as a step the state no longer allows, and the
// events agree with the counter.
func TestStepFollowUpRaceKeepsTheLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		dana := mustPerson(t, sc, &model.Person{Name: "Dana"})
		c := &model.Conversation{Person: model.Ref{ID: dana.ID}}
		if err := sc.CreateConversation(ctx, c, now.Add(-10*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: now.Add(-9 * 24 * time.Hour)}, "", now); err != nil {
			t.Fatal(err)
		}
		errs := race(func(int) error {
			_, err := db.Store.For(db.Owner).Step(ctx, c.ID, method.Step{To: model.StateFollowedUp, At: now.Add(-time.Hour)}, "", now)
			return err
		})
		ok, refused := 0, 0
		for _, err := range errs {
			var se *method.StepError
			switch {
			case err == nil:
				ok++
			case errors.As(err, &se):
				refused++
			default:
				t.Errorf("follow-up failed with something other than a refused step: %v", err)
			}
		}
		if ok != method.MaxFollowUps || refused != racers-method.MaxFollowUps {
			t.Errorf("%d follow-ups recorded and %d refused; want %d and %d", ok, refused, method.MaxFollowUps, racers-method.MaxFollowUps)
		}
		got, err := sc.Conversation(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		events := 0
		for _, e := range got.Events {
			if e.Step == model.StateFollowedUp {
				events++
			}
		}
		if got.FollowUps != method.MaxFollowUps || events != method.MaxFollowUps {
			t.Errorf("follow_ups = %d with %d followed_up events; want %d of each", got.FollowUps, events, method.MaxFollowUps)
		}
	})
}

// An action marked done from 32 requests at once is marked once: the
// others find it gone from the agenda.
func TestMarkDoneRaceMarksOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		dana := mustPerson(t, sc, &model.Person{Name: "Dana"})
		c := &model.Conversation{Person: model.Ref{ID: dana.ID}}
		if err := sc.CreateConversation(ctx, c, now.Add(-10*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: now.Add(-9 * 24 * time.Hour)}, "", now); err != nil {
			t.Fatal(err)
		}
		id := method.ActionID(method.ActFollowUp, 'c', c.ID)
		errs := race(func(int) error {
			_, err := db.Store.For(db.Owner).MarkDone(ctx, id, now)
			return err
		})
		ok, gone := 0, 0
		for _, err := range errs {
			var nf *store.NotFoundError
			switch {
			case err == nil:
				ok++
			case errors.As(err, &nf):
				gone++
			default:
				t.Errorf("mark done failed with something other than not found: %v", err)
			}
		}
		if ok != 1 || gone != racers-1 {
			t.Errorf("%d marks made and %d found the action gone; want 1 and %d", ok, gone, racers-1)
		}
		if _, err := sc.FindAction(ctx, id, now); !errors.As(err, new(*store.NotFoundError)) {
			t.Errorf("the action is still on the agenda after it was marked done: %v", err)
		}
	})
}

// Settings changed from 32 requests at once lose none of the changes.
func TestUpdateSettingsRaceLosesNoChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		before, err := db.Scope().Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		errs := race(func(int) error {
			_, err := db.Store.For(db.Owner).UpdateSettings(ctx, func(s *method.Settings) error {
				s.KeepInTouchDays++
				return nil
			})
			return err
		})
		for _, err := range errs {
			if err != nil {
				t.Errorf("update settings: %v", err)
			}
		}
		after, err := db.Scope().Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if after.KeepInTouchDays != before.KeepInTouchDays+racers {
			t.Errorf("keep in touch every %d days after %d increments from %d; want %d",
				after.KeepInTouchDays, racers, before.KeepInTouchDays, before.KeepInTouchDays+racers)
		}
	})
}
