package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// recentFirst lists the names of people, the most recently touched first.
func recentFirst(t *testing.T, sc *store.Scope) []string {
	t.Helper()
	ps, _, err := sc.People(context.Background(), store.PeopleFilter{Sort: "recent"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	return names
}

func TestUpdateActivity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		c := mustConvo(t, sc, "Dana Brown", 20)
		dana := c.Person.ID
		joe := mustPerson(t, sc, &model.Person{Name: "Joe Serra"}).ID
		early, late := now.Add(-72*time.Hour), now.Add(-24*time.Hour)
		a := &model.Activity{Person: model.Ref{ID: dana}, Kind: model.ActEmailSent, At: early, Note: "first note"}
		if err := sc.AddActivity(ctx, a, now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		other := &model.Activity{Person: model.Ref{ID: joe}, Kind: model.ActCall, At: late.Add(-time.Hour)}
		if err := sc.AddActivity(ctx, other, now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		created := a.CreatedAt
		if got := recentFirst(t, sc); len(got) != 2 || got[0] != "Joe Serra" {
			t.Fatalf("before the update, recent first: %v", got)
		}

		// Kind, time, note and conversation change; the person is kept
		// when none is given; the creation time never changes.
		up := &model.Activity{ID: a.ID, ConversationID: c.ID, Kind: model.ActReplyReceived, At: late, Note: "she replied"}
		if err := sc.UpdateActivity(ctx, up); err != nil {
			t.Fatal(err)
		}
		got, err := sc.Activity(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Person.ID != dana || got.Person.Name != "Dana Brown" || got.ConversationID != c.ID || got.Kind != model.ActReplyReceived ||
			!got.At.Equal(late) || got.Note != "she replied" || !got.CreatedAt.Equal(created) {
			t.Errorf("after the update: %+v (created %v)", got, created)
		}
		// The later touch moves Dana ahead of Joe.
		if got := recentFirst(t, sc); len(got) != 2 || got[0] != "Dana Brown" {
			t.Errorf("after moving Dana's touch later, recent first: %v", got)
		}

		// Moved to another person, both people's last touch is counted again.
		moved := &model.Activity{ID: a.ID, Person: model.Ref{ID: joe}, Kind: model.ActNote, At: late}
		if err := sc.UpdateActivity(ctx, moved); err != nil {
			t.Fatal(err)
		}
		if acts, err := sc.Activities(ctx, store.ActivityFilter{PersonID: dana}); err != nil || len(acts) != 0 {
			t.Errorf("Dana keeps %d activities (%v)", len(acts), err)
		}
		if got := recentFirst(t, sc); len(got) != 2 || got[0] != "Joe Serra" {
			t.Errorf("after moving the touch to Joe, recent first: %v", got)
		}

		// Refused changes change nothing.
		before, err := sc.Activity(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name  string
			a     *model.Activity
			field string
		}{
			{"a conversation with someone else", &model.Activity{ID: a.ID, ConversationID: c.ID, Kind: model.ActNote, At: late}, "conversation_id"},
			{"an unknown conversation", &model.Activity{ID: a.ID, ConversationID: 9999, Kind: model.ActNote, At: late}, "conversation_id"},
			{"an unknown person", &model.Activity{ID: a.ID, Person: model.Ref{ID: 9999}, Kind: model.ActNote, At: late}, "person"},
		} {
			err := sc.UpdateActivity(ctx, tt.a)
			var fe *model.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("%s: error %v, want one on %s", tt.name, err, tt.field)
			}
		}
		if err := sc.UpdateActivity(ctx, &model.Activity{ID: 9999, Kind: model.ActNote, At: late}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("updating an unknown activity: %v", err)
		}
		after, err := sc.Activity(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *after != *before {
			t.Errorf("refused updates changed the activity: %+v, was %+v", after, before)
		}
	})
}

// TestRenamedPersonIsFoundByTheNewNameInConversations: a conversation's
// search document carries the person's name, so renaming the person
// indexes their conversations again.
func TestRenamedPersonIsFoundByTheNewNameInConversations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		c := mustConvo(t, sc, "Dana Brown", 20)
		convos := func(q string) []string {
			t.Helper()
			res, err := results(sc.Search(ctx, q, 20))
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, r := range res {
				if r.Kind == "conversation" && r.ID == c.ID {
					titles = append(titles, r.Title)
				}
			}
			return titles
		}
		if got := convos("Brown"); len(got) != 1 {
			t.Fatalf("before the rename, the conversation is not found by the name: %v", got)
		}
		p, err := sc.Person(ctx, c.Person.ID)
		if err != nil {
			t.Fatal(err)
		}
		p.Name = "Dana Okafor"
		if err := sc.UpdatePerson(ctx, p, now); err != nil {
			t.Fatal(err)
		}
		if got := convos("Okafor"); len(got) != 1 || got[0] != "Conversation with Dana Okafor" {
			t.Errorf("after the rename, a search for the new name finds the conversation as %v", got)
		}
		if got := convos("Brown"); len(got) != 0 {
			t.Errorf("after the rename, the old name still finds the conversation: %v", got)
		}
	})
}
