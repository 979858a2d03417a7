package demo

import (
	"reflect"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

func TestSyntheticIsDeterministicAndSized(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	a, b := Synthetic(500, 7, now), Synthetic(500, 7, now)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave two datasets")
	}
	if c := Synthetic(500, 8, now); reflect.DeepEqual(a, c) {
		t.Fatal("another seed gave the same dataset")
	}
	if len(a.People) != 500 || len(a.Conversations) != 200 || len(a.Activities) != 2000 {
		t.Fatalf("sizes: %d people, %d conversations, %d activities", len(a.People), len(a.Conversations), len(a.Activities))
	}
}

func TestSyntheticHistoriesFollowTheLifecycle(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	data := Synthetic(300, 1, now)
	seen := map[model.State]bool{}
	for _, c := range data.Conversations {
		replay := &model.Conversation{State: model.StateIdea}
		for _, e := range c.Events {
			st := method.Step{To: e.Step, At: e.At}
			if e.MeetingAt != nil {
				st.MeetingAt = *e.MeetingAt
			}
			if err := method.CheckStep(replay, st, now); err != nil {
				t.Fatalf("conversation %d (%s): step %s: %v", c.ID, c.State, e.Step, err)
			}
			method.Apply(replay, st)
		}
		if replay.State != c.State || replay.FollowUps != c.FollowUps {
			t.Fatalf("conversation %d: replayed to %s, stored %s", c.ID, replay.State, c.State)
		}
		seen[c.State] = true
	}
	for _, s := range model.States() {
		if !seen[s] {
			t.Errorf("no conversation in state %s", s)
		}
	}
}
