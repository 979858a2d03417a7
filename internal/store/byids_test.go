package store_test

import (
	"context"
	"testing"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// The reads that replace one query per record: people by id, referrals of
// several referrers with the latest state, conversations of an
// organization's people. Another owner's records never show.
func TestReadsBySetOfIDs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		org, _, err := sc.EnsureOrganization(ctx, "Keystone", now)
		if err != nil {
			t.Fatal(err)
		}
		sam := mustPerson(t, sc, &model.Person{Name: "Sam Adeyemi", Organization: &model.Ref{ID: org.ID}})
		joe := mustPerson(t, sc, &model.Person{Name: "Joe Serra"})
		hana := mustPerson(t, sc, &model.Person{Name: "Hana White", ReferredBy: &model.Ref{ID: sam.ID}, Organization: &model.Ref{ID: org.ID}})
		mustPerson(t, sc, &model.Person{Name: "Ari Bell", ReferredBy: &model.Ref{ID: sam.ID}})
		mustPerson(t, sc, &model.Person{Name: "Zed Cole", ReferredBy: &model.Ref{ID: joe.ID}})
		c := &model.Conversation{Person: model.Ref{ID: hana.ID}, Channel: model.ChannelVideo, Minutes: 20}
		if err := sc.CreateConversation(ctx, c, now); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: now}, "", now); err != nil {
			t.Fatal(err)
		}

		people, err := sc.PeopleByID(ctx, []int64{sam.ID, hana.ID, 99999})
		if err != nil || len(people) != 2 || people[hana.ID].ReferredBy == nil || people[sam.ID].Organization == nil {
			t.Fatalf("PeopleByID = %v, %v", people, err)
		}
		leads, err := sc.ReferralsBy(ctx, []int64{joe.ID, sam.ID, joe.ID})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range leads {
			got = append(got, l.By.Name+">"+l.Person.Name+"|"+l.Organization+"|"+string(l.State))
		}
		want := []string{"Joe Serra>Zed Cole||", "Sam Adeyemi>Ari Bell||", "Sam Adeyemi>Hana White|Keystone|requested"}
		if len(got) != len(want) {
			t.Fatalf("ReferralsBy = %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("ReferralsBy[%d] = %s, want %s", i, got[i], want[i])
			}
		}
		convos, err := sc.Conversations(ctx, store.ConversationFilter{OrganizationID: org.ID})
		if err != nil || len(convos) != 1 || convos[0].ID != c.ID {
			t.Fatalf("conversations at Keystone = %v, %v", convos, err)
		}
		second, err := db.Store.NewUser(ctx, "Second", now)
		if err != nil {
			t.Fatal(err)
		}
		other := db.Store.For(second)
		if ps, err := other.PeopleByID(ctx, []int64{sam.ID}); err != nil || len(ps) != 0 {
			t.Errorf("another owner reads %v, %v", ps, err)
		}
		if ls, err := other.ReferralsBy(ctx, []int64{sam.ID}); err != nil || len(ls) != 0 {
			t.Errorf("another owner reads referrals %v, %v", ls, err)
		}
	})
}
