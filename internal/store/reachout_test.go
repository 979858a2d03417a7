package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// TestReachOutCandidatesAreEveryPersonWhoMayOweOne: the agenda's rebuild
// reads the people who may owe a reach-out from the index of referred
// people and the conversations at idea (migration 00054) rather than
// looking at each person; it must find exactly the people that looking
// at each person finds, another owner's aside, imported people among
// them.
func TestReachOutCandidatesAreEveryPersonWhoMayOweOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		other, err := db.Store.NewUser(ctx, "Other", now)
		if err != nil {
			t.Fatal(err)
		}
		osc := db.Store.For(other)
		oref := mustPerson(t, osc, &model.Person{Name: "Their Referrer"})
		mustPerson(t, osc, &model.Person{Name: "Their Referred", ReferredBy: &model.Ref{ID: oref.ID}})
		if err := osc.CreateConversation(ctx, &model.Conversation{Person: model.Ref{ID: oref.ID}, Minutes: 20}, now); err != nil {
			t.Fatal(err)
		}

		csv := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
			"Ann,Lee,https://www.linkedin.com/in/annlee,,Acme,Engineer,01 Jan 2020\n" +
			"Bo,Kim,https://www.linkedin.com/in/bokim,,Acme,Analyst,02 Jan 2020\n"
		if _, err := sc.ApplyImport(ctx, store.ImportLinkedIn, strings.NewReader(csv), now); err != nil {
			t.Fatal(err)
		}
		sam := mustPerson(t, sc, &model.Person{Name: "Sam Referrer"})
		mustPerson(t, sc, &model.Person{Name: "Hana Referred", ReferredBy: &model.Ref{ID: sam.ID}})
		mustPerson(t, sc, &model.Person{Name: "Dee Not Contact", ReferredBy: &model.Ref{ID: sam.ID}, DoNotContact: true})
		mustConvo(t, sc, "Ida Idea", 20)
		held := mustConvo(t, sc, "Hal Held", 20)
		hold(t, sc, held.ID, now)
		both := mustPerson(t, sc, &model.Person{Name: "Bea Both", ReferredBy: &model.Ref{ID: sam.ID}})
		if err := sc.CreateConversation(ctx, &model.Conversation{Person: model.Ref{ID: both.ID}, Minutes: 30}, now); err != nil {
			t.Fatal(err)
		}

		all, byID, err := store.ReachOutCandidates(ctx, sc)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) < 3 || !reflect.DeepEqual(all, byID) {
			t.Fatalf("reach-out facts from the candidates:\n%+v\nfrom every person:\n%+v", all, byID)
		}
	})
}
