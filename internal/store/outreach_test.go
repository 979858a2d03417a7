package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestMessagesAndOutreachFacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		joe := mustPerson(t, sc, &model.Person{Name: "Joe Serra"})
		dana := mustPerson(t, sc, &model.Person{Name: "Dana Brown", ReferredBy: &model.Ref{ID: joe.ID}, Source: model.SourceAlumni, Commonality: "RSU '14"})
		idle := mustPerson(t, sc, &model.Person{Name: "Idle Idea"})
		c := &model.Conversation{Person: model.Ref{ID: dana.ID}}
		if err := sc.CreateConversation(ctx, c, now.Add(-72*time.Hour)); err != nil {
			t.Fatal(err)
		}
		never := &model.Conversation{Person: model.Ref{ID: idle.ID}}
		if err := sc.CreateConversation(ctx, never, now.Add(-72*time.Hour)); err != nil {
			t.Fatal(err)
		}
		req := now.Add(-48 * time.Hour)
		var m *store.Message
		err := sc.InTx(ctx, func(tx *store.Scope) error {
			got, err := tx.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: req}, "Email", now)
			if err != nil {
				return err
			}
			a := &model.Activity{Person: model.Ref{ID: dana.ID}, ConversationID: c.ID, Kind: model.ActEmailSent, At: req}
			if err := tx.AddActivity(ctx, a, now); err != nil {
				return err
			}
			m = &store.Message{Person: model.Ref{ID: dana.ID}, ConversationID: c.ID, EventID: got.Events[0].ID, ActivityID: a.ID,
				Kind: etiquette.FirstRequest, Channel: etiquette.Social, Subject: "Hi", Body: "Would you have 20 minutes?", SentAt: req}
			return tx.AddMessage(ctx, m, now)
		})
		if err != nil {
			t.Fatal(err)
		}
		reply := &model.Activity{Person: model.Ref{ID: dana.ID}, ConversationID: c.ID, Kind: model.ActReplyReceived, At: now.Add(-24 * time.Hour)}
		if err := sc.AddActivity(ctx, reply, now); err != nil {
			t.Fatal(err)
		}
		// A note without a conversation is not an outreach fact.
		if err := sc.AddActivity(ctx, &model.Activity{Person: model.Ref{ID: dana.ID}, Kind: model.ActReplyReceived, At: now}, now); err != nil {
			t.Fatal(err)
		}

		msgs, err := sc.Messages(ctx, store.MessageFilter{PersonID: dana.ID})
		if err != nil || len(msgs) != 1 {
			t.Fatalf("messages: %v, %v", msgs, err)
		}
		got := msgs[0]
		if got.ID != m.ID || got.Person.Name != "Dana Brown" || got.Via != store.ViaManual || !got.SentAt.Equal(req) || got.EventID == 0 ||
			got.ActivityID == 0 || got.Channel != etiquette.Social || got.Body != m.Body || !got.CreatedAt.Equal(now) {
			t.Errorf("message read back: %+v", got)
		}
		if none, _ := sc.Messages(ctx, store.MessageFilter{ConversationID: never.ID}); len(none) != 0 {
			t.Errorf("filter by conversation: %+v", none)
		}
		other, err := db.Store.NewUser(ctx, "Other", now)
		if err != nil {
			t.Fatal(err)
		}
		if theirs, _ := db.Store.For(other).Messages(ctx, store.MessageFilter{}); len(theirs) != 0 {
			t.Errorf("another owner sees %d messages", len(theirs))
		}
		for _, bad := range []store.Message{
			{Person: model.Ref{ID: dana.ID}, Kind: "nope", Channel: etiquette.Email, SentAt: now},
			{Person: model.Ref{ID: dana.ID}, Kind: etiquette.Confirm, Channel: "fax", SentAt: now},
			{Person: model.Ref{ID: dana.ID}, Kind: etiquette.Confirm, Channel: etiquette.Email},
			{Person: model.Ref{ID: dana.ID}, Kind: etiquette.Confirm, Channel: etiquette.Email, SentAt: now, Via: "pigeon"},
			{Person: model.Ref{ID: 9999}, Kind: etiquette.Confirm, Channel: etiquette.Email, SentAt: now},
			{Person: model.Ref{ID: dana.ID}, ConversationID: 9999, Kind: etiquette.Confirm, Channel: etiquette.Email, SentAt: now},
		} {
			if err := sc.AddMessage(ctx, &bad, now); model.AsErrors(err) == nil {
				t.Errorf("%+v: %v", bad, err)
			}
		}

		facts, err := sc.OutreachFacts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(facts) != 1 {
			t.Fatalf("%d conversations with requests, want 1", len(facts))
		}
		f := facts[0]
		if f.ConversationID != c.ID || f.PersonID != dana.ID || !f.Referred || f.Source != model.SourceAlumni || f.Commonality != "RSU '14" {
			t.Errorf("facts: %+v", f)
		}
		if len(f.Events) != 1 || f.Events[0].Step != model.StateRequested || !f.Events[0].At.Equal(req) || f.Events[0].Note != "Email" || f.Events[0].Channel != etiquette.Social {
			t.Errorf("events: %+v", f.Events)
		}
		if len(f.Activities) != 2 || f.Activities[0].Kind != model.ActEmailSent || f.Activities[1].Kind != model.ActReplyReceived || !f.Activities[1].At.Equal(reply.At) {
			t.Errorf("activities: %+v", f.Activities)
		}
		// Deleting the person's conversation keeps the message, unlinked.
		if err := sc.DeleteConversation(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		msgs, _ = sc.Messages(ctx, store.MessageFilter{PersonID: dana.ID})
		if len(msgs) != 1 || msgs[0].ConversationID != 0 || msgs[0].EventID != 0 {
			t.Errorf("after deleting the conversation: %+v", msgs)
		}
		if err := sc.DeletePerson(ctx, dana.ID, true); err != nil {
			t.Fatal(err)
		}
		if msgs, _ = sc.Messages(ctx, store.MessageFilter{}); len(msgs) != 0 {
			t.Errorf("a deleted person's messages remain: %+v", msgs)
		}
	})
}
