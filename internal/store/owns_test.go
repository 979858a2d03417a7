package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// Owns answers as Person, Conversation and Field do: nil for the owner's
// own records, a not-found error naming the first that is someone else's
// or no one's.
func TestOwnsChecksEachReferenceOfTheOwner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		mine := db.Scope()
		field := mustField(t, mine, "Hydrology")
		c := mustConvo(t, mine, "Ana Ruiz", 20, field)
		other, err := db.Store.NewUser(ctx, "other", now)
		if err != nil {
			t.Fatal(err)
		}
		theirs := db.Store.For(other)
		theirField := mustField(t, theirs, "Forestry")
		tc := mustConvo(t, theirs, "Ben Ode", 20, theirField)

		if err := mine.Owns(ctx, c.Person.ID, c.ID, []int64{field.ID}); err != nil {
			t.Fatalf("own records: %v", err)
		}
		if err := mine.Owns(ctx, 0, 0, nil); err != nil {
			t.Fatalf("no references: %v", err)
		}
		for _, tt := range []struct {
			name          string
			person, convo int64
			fields        []int64
			want          string
		}{
			{"their person", tc.Person.ID, 0, nil, "person"},
			{"their conversation", c.Person.ID, tc.ID, nil, "conversation"},
			{"their field", c.Person.ID, c.ID, []int64{field.ID, theirField.ID}, "field"},
			{"no such person", 999999, 0, nil, "person"},
		} {
			err := mine.Owns(ctx, tt.person, tt.convo, tt.fields)
			if !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: %v, want a not-found error for the %s", tt.name, err, tt.want)
			}
		}
	})
}
