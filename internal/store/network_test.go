package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestNetworkFactsReadTheOwnersChainsInFewQueries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		other, err := db.Store.NewUser(ctx, "Other", now)
		if err != nil {
			t.Fatal(err)
		}
		mustPerson(t, db.Store.For(other), &model.Person{Name: "Eli Elsewhere"})
		policy := mustField(t, sc, "Public policy")
		law := mustField(t, sc, "Law")
		joe := mustPerson(t, sc, &model.Person{Name: "Joe Serra", Source: model.SourceProfessor, Tags: []string{"mentor"}})
		dana := mustPerson(t, sc, &model.Person{Name: "Dana Brown", ReferredBy: &model.Ref{ID: joe.ID}, Fields: []model.Ref{policy}})
		ann := mustPerson(t, sc, &model.Person{Name: "Ann Lee", ReferredBy: &model.Ref{ID: dana.ID}})
		c := &model.Conversation{Person: model.Ref{ID: ann.ID}, Fields: []model.Ref{law}, Channel: model.ChannelVideo, Minutes: 20}
		if err := sc.CreateConversation(ctx, c, now); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: now.Add(-time.Hour)}, "Email", now); err != nil {
			t.Fatal(err)
		}

		people, err := sc.NetworkFacts(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(people) != 3 {
			t.Fatalf("%d people, want the owner's 3", len(people))
		}
		got := map[string]*store.NetworkPerson{}
		for _, p := range people {
			got[p.Name] = p
			if !p.InField {
				t.Errorf("%s: without a field everyone is in", p.Name)
			}
		}
		if got["Dana Brown"].ReferredByID != joe.ID || got["Ann Lee"].ReferredByID != dana.ID || got["Joe Serra"].ReferredByID != 0 {
			t.Errorf("referrals: %+v", people)
		}
		if a := got["Ann Lee"]; len(a.States) != 1 || a.States[0] != model.StateRequested || !a.LastTouch.Equal(now.Add(-time.Hour)) {
			t.Errorf("Ann: states %v, last touch %v", a.States, a.LastTouch)
		}
		if j := got["Joe Serra"]; len(j.Tags) != 1 || j.Tags[0] != "mentor" || !j.LastTouch.IsZero() || j.Source != model.SourceProfessor {
			t.Errorf("Joe: %+v", j)
		}

		// A field: Dana is listed in it; Ann has a conversation in Law.
		for _, tc := range []struct {
			field model.Ref
			in    string
		}{{policy, "Dana Brown"}, {law, "Ann Lee"}} {
			people, err := sc.NetworkFacts(ctx, tc.field.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range people {
				if p.InField != (p.Name == tc.in) {
					t.Errorf("%s: %s in field = %v", tc.field.Name, p.Name, p.InField)
				}
			}
		}
		// Another owner's field finds nobody of mine.
		people, err = db.Store.For(other).NetworkFacts(ctx, policy.ID)
		if err != nil || len(people) != 1 || people[0].InField {
			t.Errorf("the other owner with my field: %+v, %v", people, err)
		}

		st, err := sc.Standing(ctx, []int64{ann.ID, joe.ID})
		if err != nil || len(st) != 2 || st[ann.ID].States[0] != model.StateRequested || st[joe.ID].Tags[0] != "mentor" {
			t.Errorf("standing: %+v, %v", st, err)
		}
		if st, err := db.Store.For(other).Standing(ctx, []int64{ann.ID}); err != nil || len(st) != 0 {
			t.Errorf("another owner's standing of my person: %+v, %v", st, err)
		}
	})
}

func TestPeopleSortByWarmth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		day := 24 * time.Hour
		touch := func(p *model.Person, ago time.Duration) {
			a := &model.Activity{Person: model.Ref{ID: p.ID}, Kind: model.ActNote, At: now.Add(-ago)}
			if err := sc.AddActivity(ctx, a, now); err != nil {
				t.Fatal(err)
			}
		}
		never := mustPerson(t, sc, &model.Person{Name: "A Never"})
		cooling := mustPerson(t, sc, &model.Person{Name: "B Cooling"})
		touch(cooling, 120*day)
		mentor := mustPerson(t, sc, &model.Person{Name: "C Mentor", Tags: []string{"mentor"}})
		touch(mentor, 50*day) // cooling for a mentor every 30 days, warm for others
		warm := mustPerson(t, sc, &model.Person{Name: "D Warm"})
		touch(warm, 60*day)
		hot := mustPerson(t, sc, &model.Person{Name: "E Hot"})
		touch(hot, 2*day)
		cold := mustPerson(t, sc, &model.Person{Name: "F Cold"})
		touch(cold, 400*day)

		s := method.DefaultSettings()
		s.TimeZone = "UTC"
		s.KeepInTouchByTag = map[string]int{"mentor": 30, "rare": 500}
		people, _, err := sc.People(ctx, store.PeopleFilter{Sort: "warmth", Warmth: &store.WarmthSort{Now: now, Settings: s}})
		if err != nil {
			t.Fatal(err)
		}
		want := []*model.Person{hot, warm, mentor, cooling, cold, never}
		for i, p := range people {
			if p.ID != want[i].ID {
				t.Fatalf("place %d: %s, want %s", i, p.Name, want[i].Name)
			}
			if i > 0 {
				st, _ := sc.Standing(ctx, []int64{p.ID, people[i-1].ID})
				a, b := st[people[i-1].ID], st[p.ID]
				if s.WarmthOf(a.LastTouch, now, a.Tags).Rank() > s.WarmthOf(b.LastTouch, now, b.Tags).Rank() {
					t.Errorf("%s before %s is colder", a.Name, b.Name)
				}
			}
		}
	})
}
