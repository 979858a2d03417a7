package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// "Contact someone else" lists the people of a field not asked yet:
// referrals first, then those with something in common, then the rest by
// name; never someone already asked or marked do-not-contact.
func TestProspectsAreThePeopleNotAskedYetBestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		law := mustField(t, sc, "Law")
		other := mustField(t, sc, "Nursing")
		in := []model.Ref{{ID: law.ID}}
		joe := mustPerson(t, sc, &model.Person{Name: "Joe Serra", Fields: in})
		mustPerson(t, sc, &model.Person{Name: "Zoe Adams", Fields: in})
		mustPerson(t, sc, &model.Person{Name: "Yan Bo", Fields: in, Commonality: "same college"})
		mustPerson(t, sc, &model.Person{Name: "Xia Chen", Fields: in, ReferredBy: &model.Ref{ID: joe.ID}})
		mustPerson(t, sc, &model.Person{Name: "Amy Do", Fields: in, DoNotContact: true})
		mustPerson(t, sc, &model.Person{Name: "Ben Eze", Fields: []model.Ref{{ID: other.ID}}})
		idea := mustPerson(t, sc, &model.Person{Name: "Cal Fox", Fields: in})
		asked := mustPerson(t, sc, &model.Person{Name: "Dee Gale", Fields: in})
		for _, p := range []*model.Person{idea, asked} {
			c := &model.Conversation{Person: model.Ref{ID: p.ID}, Channel: model.ChannelVideo, Minutes: 20}
			if err := sc.CreateConversation(ctx, c, now); err != nil {
				t.Fatal(err)
			}
			if p == asked {
				if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: now}, "", now); err != nil {
					t.Fatal(err)
				}
			}
		}
		people, total, err := sc.People(ctx, store.PeopleFilter{FieldID: law.ID, Prospects: true, Sort: "best"})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range people {
			names = append(names, p.Name)
		}
		want := []string{"Xia Chen", "Yan Bo", "Cal Fox", "Joe Serra", "Zoe Adams"}
		if !slices.Equal(names, want) || total != len(want) {
			t.Errorf("prospects = %v (total %d), want %v", names, total, want)
		}
	})
}
