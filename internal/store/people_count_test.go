package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// peopleCounted counts an owner's people from scratch.
func peopleCounted(t *testing.T, raw *sql.DB, owner int64) int {
	t.Helper()
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM people WHERE owner_id = $1`, owner).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// peopleTotal is the total the people list shows without a filter.
func peopleTotal(t *testing.T, sc *store.Scope) int {
	t.Helper()
	_, total, err := sc.People(context.Background(), store.PeopleFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// The people list's total without a filter is a count kept by the writes
// (users.people_count). After each of a random sequence of writes to two
// owners — people made one by one, by a conversation with someone new, by
// a bulk load and by imports of new and known people; people deleted,
// with their conversations or refused; a transaction rolled back after
// adding someone — each owner's total equals their people counted from
// scratch.
func TestPeopleTotalIsTheCountAfterEveryWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		raw := rawDB(t, db)
		other, err := db.Store.NewUser(ctx, "Other", now)
		if err != nil {
			t.Fatal(err)
		}
		owners := []int64{db.Owner, other}
		check := func(step string) {
			t.Helper()
			for _, o := range owners {
				if got, want := peopleTotal(t, db.Store.For(o)), peopleCounted(t, raw, o); got != want {
					t.Fatalf("%s: owner %d's list shows %d people, counted %d", step, o, got, want)
				}
			}
		}
		check("empty")
		if _, err := db.Store.For(other).LoadBulk(ctx, demo.Synthetic(30, 3, now), now); err != nil {
			t.Fatal(err)
		}
		check("bulk load")
		ids := func(sc *store.Scope) []int64 {
			people, _, err := sc.People(ctx, store.PeopleFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, p := range people {
				out = append(out, p.ID)
			}
			return out
		}
		rng := rand.New(rand.NewPCG(15, 64))
		for i := range 60 {
			sc := db.Store.For(owners[rng.IntN(2)])
			var step string
			switch k := rng.IntN(6); k {
			case 0, 1:
				step = "create"
				mustPerson(t, sc, &model.Person{Name: fmt.Sprintf("Person %d", i)})
			case 2:
				known := ids(sc)
				if len(known) == 0 {
					continue
				}
				withConvos := rng.IntN(2) == 0
				step = fmt.Sprintf("delete (with conversations %v)", withConvos)
				var has *store.ErrHasConversations
				if err := sc.DeletePerson(ctx, known[rng.IntN(len(known))], withConvos); err != nil && !errors.As(err, &has) {
					t.Fatal(err)
				}
			case 3:
				step = "conversation with someone new"
				if err := sc.InTx(ctx, func(tx *store.Scope) error {
					ref, _, err := tx.EnsurePerson(ctx, fmt.Sprintf("New %d", i), now)
					if err != nil {
						return err
					}
					return tx.CreateConversation(ctx, &model.Conversation{Person: ref}, now)
				}); err != nil {
					t.Fatal(err)
				}
			case 4:
				step = "import"
				csv := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
					fmt.Sprintf("Imported,Number %d,,,,,01 Feb 2020\nPerson,%d,,,,,02 Feb 2020\n", i, i-1)
				if _, err := sc.ApplyImport(ctx, store.ImportLinkedIn, strings.NewReader(csv), now); err != nil {
					t.Fatal(err)
				}
			case 5:
				step = "rolled back"
				failed := errors.New("changed my mind")
				if err := sc.InTx(ctx, func(tx *store.Scope) error {
					if err := tx.CreatePerson(ctx, &model.Person{Name: "Gone"}, now); err != nil {
						return err
					}
					return failed
				}); !errors.Is(err, failed) {
					t.Fatalf("rolled back: %v", err)
				}
			}
			check(fmt.Sprintf("write %d, %s", i, step))
		}
	})
}

// Concurrent writes keep the count: 32 goroutines at once, half adding a
// person, the others deleting one of eight, two goroutines on each of
// those, so that one of each pair finds the person gone.
func TestPeopleCountKeptUnderConcurrentWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		raw := rawDB(t, db)
		var doomed []int64
		for i := range racers / 4 {
			doomed = append(doomed, mustPerson(t, db.Scope(), &model.Person{Name: fmt.Sprintf("Doomed %d", i)}).ID)
		}
		// SQLite gives a new row the highest id plus one: a person made
		// after the doomed keeps a racer's new person from taking the id
		// of the last doomed one when it goes first.
		mustPerson(t, db.Scope(), &model.Person{Name: "Keeper"})
		errs := race(func(i int) error {
			sc := db.Store.For(db.Owner)
			if i%2 == 0 {
				return sc.CreatePerson(ctx, &model.Person{Name: fmt.Sprintf("Racer %d", i)}, now)
			}
			return sc.DeletePerson(ctx, doomed[i/4], false)
		})
		deleted := 0
		for i, err := range errs {
			switch {
			case err == nil && i%2 == 1:
				deleted++
			case err != nil && (i%2 == 0 || !errors.Is(err, store.ErrNotFound)):
				t.Errorf("racer %d: %v", i, err)
			}
		}
		if deleted != len(doomed) {
			t.Errorf("%d deleted, want %d", deleted, len(doomed))
		}
		want := racers/2 + 1 // and the keeper
		if got, counted := peopleTotal(t, db.Scope()), peopleCounted(t, raw, db.Owner); got != counted || got != want {
			t.Fatalf("the list shows %d people, counted %d, want %d", got, counted, want)
		}
	})
}
