package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestLoadBulkWritesEverythingOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		mustPerson(t, sc, &model.Person{Name: "Already here"}) // loaded ids must not collide
		data := demo.Synthetic(300, 5, now)
		n, err := sc.LoadBulk(ctx, data, now)
		if err != nil {
			t.Fatal(err)
		}
		if n.People != 300 || n.Conversations != 120 || n.Activities != 1200 || n.SearchDocs == 0 {
			t.Fatalf("counts %+v", n)
		}
		_, total, _ := sc.People(ctx, store.PeopleFilter{})
		if total != 301 {
			t.Fatalf("%d people after load", total)
		}
		// Ids continue after a load: the next insert must not collide.
		p := mustPerson(t, sc, &model.Person{Name: "After the load"})
		if p.ID <= 301 {
			t.Fatalf("new id %d collides with loaded ones", p.ID)
		}
		// A referrer later in the list than the person it referred.
		var referred int
		list, _, _ := sc.People(ctx, store.PeopleFilter{})
		for _, p := range list {
			if p.ReferredBy != nil {
				referred++
			}
		}
		if referred == 0 {
			t.Fatal("no referral survived the load")
		}
		if _, err := sc.Agenda(ctx, now); err != nil {
			t.Fatal(err)
		}
	})
}

func TestLoadBulkIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		base := func() *store.Bulk {
			return &store.Bulk{
				Fields: []model.Field{{ID: 1, Name: "Policy"}},
				People: []model.Person{
					{ID: 2, Name: "Referred", ReferredBy: &model.Ref{ID: 1}, Fields: []model.Ref{{ID: 1}}},
					{ID: 1, Name: "Referrer"},
				},
				Conversations: []model.Conversation{{ID: 1, Person: model.Ref{ID: 2}, State: model.StateIdea}},
				Activities:    []model.Activity{{ID: 1, Person: model.Ref{ID: 2}, Kind: model.ActNote, At: now.Add(-time.Hour)}},
			}
		}
		tests := []struct {
			name    string
			mutate  func(b *store.Bulk)
			wantErr string
		}{
			{"referral loop", func(b *store.Bulk) { b.People[1].ReferredBy = &model.Ref{ID: 2} }, "referral loop"},
			{"unknown referrer", func(b *store.Bulk) { b.People[0].ReferredBy = &model.Ref{ID: 9} }, "bad referrer"},
			{"unknown field", func(b *store.Bulk) { b.People[0].Fields = []model.Ref{{ID: 9}} }, "unknown field"},
			{"invalid person", func(b *store.Bulk) { b.People[1].Emails = []string{"nope"} }, "not an email"},
			{"conversation of nobody", func(b *store.Bulk) { b.Conversations[0].Person.ID = 9 }, "unknown person"},
			{"activity on another's conversation", func(b *store.Bulk) {
				b.Activities[0].Person.ID = 1
				b.Activities[0].ConversationID = 1
			}, "is not with person"},
		}
		for _, tt := range tests {
			b := base()
			tt.mutate(b)
			_, err := sc.LoadBulk(ctx, b, now)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.wantErr)
			}
			if empty, _ := sc.Empty(ctx); !empty {
				t.Fatalf("%s: a failed load left records behind", tt.name)
			}
		}
		if _, err := sc.LoadBulk(ctx, base(), now); err != nil {
			t.Fatalf("the unmodified bulk: %v", err)
		}
		list, _, _ := sc.People(ctx, store.PeopleFilter{})
		if len(list) != 2 || list[0].Name != "Referred" || list[0].ReferredBy == nil || list[0].ReferredBy.Name != "Referrer" {
			t.Fatalf("loaded people: %+v", list)
		}
	})
}
