package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestCalendarFeedSecretMadeReplacedAndRevoked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		if f, err := sc.CalendarFeed(ctx); f != nil || err != nil {
			t.Fatalf("a feed before any was made: %v %v", f, err)
		}
		first, err := sc.NewCalendarFeed(ctx, now)
		if err != nil || len(first.Secret) != 43 {
			t.Fatalf("new feed: %+v %v", first, err)
		}
		if owner, err := db.Store.CalendarFeedOwner(ctx, first.Secret); err != nil || owner != db.Owner {
			t.Fatalf("owner of the feed: %d %v", owner, err)
		}
		second, err := sc.NewCalendarFeed(ctx, now.Add(time.Hour))
		if err != nil || second.Secret == first.Secret {
			t.Fatalf("a new feed kept the secret: %v", err)
		}
		if got, _ := sc.CalendarFeed(ctx); got == nil || got.Secret != second.Secret || !got.CreatedAt.Equal(now.Add(time.Hour)) {
			t.Fatalf("feed: %+v", got)
		}
		for _, secret := range []string{first.Secret, "", "x", strings.Repeat("a", 43), second.Secret + "'", "../" + second.Secret} {
			if _, err := db.Store.CalendarFeedOwner(ctx, secret); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("secret %q: %v, want not found", secret, err)
			}
		}
		if ok, err := sc.RevokeCalendarFeed(ctx); !ok || err != nil {
			t.Fatalf("revoke: %v %v", ok, err)
		}
		if _, err := db.Store.CalendarFeedOwner(ctx, second.Secret); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a revoked secret still works: %v", err)
		}
		if ok, err := sc.RevokeCalendarFeed(ctx); ok || err != nil {
			t.Errorf("revoking twice: %v %v", ok, err)
		}
	})
}

func guideLink(id int64) string {
	return fmt.Sprintf("http://127.0.0.1:8080/conversations/%d/guide", id)
}

func TestConversationEventAndFeed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := storyDB(t, db)
		convos, err := sc.Conversations(ctx, store.ConversationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var scheduled, idea, cancelled *model.Conversation
		for _, c := range convos {
			switch {
			case c.State == model.StateScheduled && c.MeetingAt != nil && c.MeetingAt.After(now) && scheduled == nil:
				scheduled = c
			case c.MeetingAt == nil && idea == nil:
				idea = c
			case c.State == model.StateCancelled && cancelled == nil:
				cancelled = c
			}
		}
		if scheduled == nil || idea == nil {
			t.Fatal("the story has no upcoming scheduled conversation, or none without a meeting")
		}
		e, loc, err := sc.ConversationEvent(ctx, scheduled.ID, guideLink, now)
		if err != nil {
			t.Fatal(err)
		}
		if loc.String() != "America/New_York" || !e.Start.Equal(*scheduled.MeetingAt) || e.Minutes != scheduled.Minutes || !e.Alarms ||
			!strings.HasPrefix(e.UID, "urn:uuid:") || !strings.Contains(e.Description, scheduled.Person.Name) ||
			!strings.Contains(e.Description, guideLink(scheduled.ID)) || e.URL != guideLink(scheduled.ID) || e.Location == "" {
			t.Errorf("event: %+v in %v", e, loc)
		}
		again, _, _ := sc.ConversationEvent(ctx, scheduled.ID, guideLink, now.Add(24*time.Hour))
		if again.UID != e.UID {
			t.Errorf("UID changed: %s, then %s", e.UID, again.UID)
		}
		if _, _, err := sc.ConversationEvent(ctx, idea.ID, nil, now); model.AsErrors(err) == nil {
			t.Errorf("a conversation without a meeting: %v", err)
		}
		if _, _, err := sc.ConversationEvent(ctx, 99999, nil, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an unknown conversation: %v", err)
		}

		feed, _, err := sc.CalendarFeedEvents(ctx, guideLink, now)
		if err != nil {
			t.Fatal(err)
		}
		uids := map[string]bool{}
		var meetings, allDay int
		for _, f := range feed {
			if uids[f.UID] {
				t.Errorf("UID %s twice in the feed", f.UID)
			}
			uids[f.UID] = true
			if f.AllDay {
				allDay++
			} else {
				meetings++
			}
			if cancelled != nil && strings.Contains(f.Summary, "interview with "+cancelled.Person.Name) && !f.AllDay {
				t.Errorf("a cancelled conversation is in the feed: %+v", f)
			}
		}
		if !uids[e.UID] || meetings == 0 || allDay == 0 {
			t.Errorf("feed of %d entries: %d meetings, %d all-day, has the scheduled one: %v", len(feed), meetings, allDay, uids[e.UID])
		}
		later, _, err := sc.CalendarFeedEvents(ctx, guideLink, now.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range later {
			if !uids[f.UID] {
				t.Errorf("a refresh gave %q a new UID", f.Summary)
			}
		}
	})
}
