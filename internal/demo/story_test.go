package demo

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// storyZone is the zone the story tests tell it in.
const storyZone = "America/New_York"

// storyClock returns the story tests' fixed present: a Monday morning in
// New York, the week of Thanksgiving.
func storyClock(t *testing.T) (time.Time, *time.Location) {
	t.Helper()
	loc, err := time.LoadLocation(storyZone)
	if err != nil {
		t.Fatalf("load %s: %v", storyZone, err)
	}
	return time.Date(2026, 11, 23, 9, 0, 0, 0, loc), loc
}

func TestStoryIsDeterministic(t *testing.T) {
	now, loc := storyClock(t)
	a, b := Story(now, loc), Story(now, loc)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls with the same now gave two stories")
	}
	if later := Story(now.Add(7*24*time.Hour), loc); reflect.DeepEqual(a, later) {
		t.Fatal("the story does not move with now")
	}
}

// TestStoryHistoriesFollowTheLifecycle replays every conversation's events
// through method.CheckStep, at several presents including weekends,
// midnight and daylight-saving changes, and checks that the stored dates are
// what the replay derives and that nothing happens in the future.
func TestStoryHistoriesFollowTheLifecycle(t *testing.T) {
	ny, _ := time.LoadLocation(storyZone)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		now  time.Time
	}{
		{"Monday morning", time.Date(2026, 11, 23, 9, 0, 0, 0, ny)},
		{"Friday evening", time.Date(2026, 11, 20, 17, 30, 0, 0, ny)},
		{"Saturday noon", time.Date(2026, 11, 21, 12, 0, 0, 0, ny)},
		{"Sunday late", time.Date(2026, 11, 22, 23, 59, 0, 0, ny)},
		{"just after midnight", time.Date(2026, 11, 24, 0, 5, 0, 0, ny)},
		{"day after spring forward", time.Date(2027, 3, 9, 8, 0, 0, 0, ny)},
		{"day of fall back", time.Date(2026, 11, 1, 15, 0, 0, 0, ny)},
		{"UTC", time.Date(2026, 6, 10, 14, 0, 0, 0, time.UTC)},
		{"Tokyo", time.Date(2026, 1, 5, 7, 0, 0, 0, tokyo)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := tt.now.Location()
			b := Story(tt.now, loc)
			seen := map[model.State]bool{}
			for _, c := range b.Conversations {
				seen[c.State] = true
				replay := &model.Conversation{State: model.StateIdea, StateAt: c.CreatedAt}
				for i, e := range c.Events {
					st := method.Step{To: e.Step, At: e.At}
					if e.MeetingAt != nil {
						st.MeetingAt = *e.MeetingAt
					}
					if err := method.CheckStep(replay, st, tt.now); err != nil {
						t.Fatalf("conversation %d (%s), event %d (%s): %v", c.ID, c.State, i, e.Step, err)
					}
					method.Apply(replay, st)
					checkWorkingTime(t, "conversation event", e.At, loc)
				}
				got := []any{c.State, c.StateAt, c.FollowUps, c.RequestedAt, c.FollowedUpAt, c.HeldAt, c.MeetingAt}
				want := []any{replay.State, replay.StateAt, replay.FollowUps, replay.RequestedAt, replay.FollowedUpAt, replay.HeldAt, replay.MeetingAt}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("conversation %d: stored %v, replay gives %v", c.ID, got, want)
				}
				if (c.State == model.StateScheduled || c.State == model.StateConfirmed) && !c.MeetingAt.After(tt.now) {
					t.Errorf("conversation %d is %s for a meeting in the past (%s)", c.ID, c.State, c.MeetingAt)
				}
				if c.HeldAt != nil && c.Notes == "" && c.State != model.StateHeld {
					t.Errorf("conversation %d is %s without notes", c.ID, c.State)
				}
				if c.CreatedAt.After(tt.now) || c.UpdatedAt.Before(c.CreatedAt) || c.UpdatedAt.After(tt.now) {
					t.Errorf("conversation %d: created %s, updated %s", c.ID, c.CreatedAt, c.UpdatedAt)
				}
			}
			for _, s := range model.States() {
				if !seen[s] {
					t.Errorf("no conversation is %s", s)
				}
			}
			for _, a := range b.Activities {
				if a.At.After(tt.now) {
					t.Errorf("activity %d (%s) is in the future: %s", a.ID, a.Kind, a.At)
				}
				checkWorkingTime(t, "activity", a.At, loc)
			}
			for _, p := range b.People {
				if p.CreatedAt.After(tt.now) {
					t.Errorf("%s is created in the future", p.Name)
				}
			}
		})
	}
}

// checkWorkingTime fails when a step or touch falls on a weekend or at an
// hour when nobody sends email.
func checkWorkingTime(t *testing.T, what string, at time.Time, loc *time.Location) {
	t.Helper()
	at = at.In(loc)
	if at.Weekday() == time.Saturday || at.Weekday() == time.Sunday || at.Hour() < 7 || at.Hour() > 22 {
		t.Errorf("%s at %s", what, at.Format("Mon 2 Jan 2006 15:04"))
	}
}

func TestStoryLoadsWithEveryFeature(t *testing.T) {
	now, loc := storyClock(t)
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		settings, err := sc.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		settings.TimeZone = storyZone
		if err := sc.SaveSettings(ctx, settings); err != nil {
			t.Fatal(err)
		}
		counts, err := sc.LoadBulk(ctx, Story(now, loc), now)
		if err != nil {
			t.Fatalf("load the story: %v", err)
		}
		t.Logf("loaded %+v", counts)

		t.Run("people", func(t *testing.T) { checkStoryPeople(ctx, t, sc) })
		t.Run("fields and organizations", func(t *testing.T) { checkStoryFields(ctx, t, sc) })
		t.Run("conversations", func(t *testing.T) { checkStoryConversations(ctx, t, sc, now) })
		t.Run("agenda", func(t *testing.T) { checkStoryAgenda(ctx, t, sc, now) })
		t.Run("search", func(t *testing.T) {
			for _, q := range []string{"stormwater", "fellowship", "Okafor"} {
				hits, err := sc.Search(ctx, q, 10)
				if err != nil {
					t.Fatal(err)
				}
				if len(hits.Results) == 0 {
					t.Errorf("search %q finds nothing", q)
				}
			}
		})
	})
}

func checkStoryPeople(ctx context.Context, t *testing.T, sc *store.Scope) {
	people, total, err := sc.People(ctx, store.PeopleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total < 28 || total > 32 {
		t.Errorf("%d people, want about 30", total)
	}
	referrer := map[int64]int64{}
	sources := map[model.Source]bool{}
	tags := map[string]bool{}
	dnc, withNotes := 0, 0
	for _, p := range people {
		sources[p.Source] = true
		if p.ReferredBy != nil {
			referrer[p.ID] = p.ReferredBy.ID
		}
		if p.DoNotContact {
			dnc++
		}
		if p.Notes != "" {
			withNotes++
		}
		full, err := sc.Person(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range full.Tags {
			tags[tag] = true
		}
	}
	for _, s := range model.Sources() {
		if !sources[s] {
			t.Errorf("no person comes from source %s", s)
		}
	}
	for _, tag := range []string{"mentor", "alumni-db", "met-at-conference"} {
		if !tags[tag] {
			t.Errorf("nobody is tagged %s", tag)
		}
	}
	if dnc != 1 {
		t.Errorf("%d people are do-not-contact, want 1", dnc)
	}
	if withNotes < 5 {
		t.Errorf("%d people have private notes, want several", withNotes)
	}
	deepest := 0
	for id := range referrer {
		depth := 0
		for r, ok := referrer[id]; ok; r, ok = referrer[r] {
			depth++
		}
		deepest = max(deepest, depth)
	}
	if deepest < 3 {
		t.Errorf("the longest referral chain is %d deep, want 3 (A referred B who referred C who referred D)", deepest)
	}
}

func checkStoryFields(ctx context.Context, t *testing.T, sc *store.Scope) {
	fields, err := sc.Fields(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(fields) != 4 {
		t.Errorf("%d fields, want 4", len(fields))
	}
	targets := map[int]int{}
	for _, f := range fields {
		targets[f.Target]++
		if f.Why == "" || f.Notes == "" {
			t.Errorf("field %s lacks why or research notes", f.Name)
		}
	}
	if targets[3] != 3 || targets[4] != 1 {
		t.Errorf("targets %v, want three fields at 3 and one at 4", targets)
	}
	orgs, err := sc.Organizations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) < 8 || len(orgs) > 12 {
		t.Errorf("%d organizations, want about 10", len(orgs))
	}
	for _, o := range orgs {
		if o.Website == "" || o.Notes == "" {
			t.Errorf("organization %s lacks a website or notes", o.Name)
		}
	}
}

func checkStoryConversations(ctx context.Context, t *testing.T, sc *store.Scope, now time.Time) {
	convos, err := sc.Conversations(ctx, store.ConversationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[model.State]int{}
	upcoming := 0
	for _, c := range convos {
		states[c.State]++
		if c.MeetingAt != nil && c.MeetingAt.After(now) && c.MeetingAt.Before(now.AddDate(0, 0, 7)) {
			upcoming++
		}
	}
	for _, s := range model.States() {
		if states[s] == 0 {
			t.Errorf("no conversation is %s", s)
		}
	}
	if upcoming < 2 {
		t.Errorf("%d conversations in the coming week, want a few", upcoming)
	}
	// Events come back from the database in the order they were walked.
	for _, c := range convos {
		full, err := sc.Conversation(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		replay := &model.Conversation{State: model.StateIdea}
		for _, e := range full.Events {
			st := method.Step{To: e.Step, At: e.At}
			if e.MeetingAt != nil {
				st.MeetingAt = *e.MeetingAt
			}
			if err := method.CheckStep(replay, st, now); err != nil {
				t.Fatalf("stored conversation %d: %v", c.ID, err)
			}
			method.Apply(replay, st)
		}
		if replay.State != full.State || replay.FollowUps != full.FollowUps {
			t.Errorf("stored conversation %d is %s, its events lead to %s", c.ID, full.State, replay.State)
		}
	}
}

func checkStoryAgenda(ctx context.Context, t *testing.T, sc *store.Scope, now time.Time) {
	actions, err := sc.Agenda(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	overdue := map[method.ActionKind]int{}
	all := map[method.ActionKind]int{}
	thisWeek, later := 0, 0
	for _, a := range actions {
		all[a.Kind]++
		switch {
		case a.Overdue:
			overdue[a.Kind]++
		case a.Kind == method.ActFindPerspective:
		case a.Due.Before(now.AddDate(0, 0, 7)):
			thisWeek++
		default:
			later++
		}
	}
	t.Logf("agenda: %d actions; overdue %v; all %v; %d due within a week, %d later", len(actions), overdue, all, thisWeek, later)
	tests := []struct {
		kind    method.ActionKind
		overdue bool
	}{
		{method.ActThank, true},
		{method.ActFollowUp, true},
		{method.ActContactAnother, true},
		{method.ActConfirm, true},
		{method.ActPrepare, false},
		{method.ActReportBack, true},
		{method.ActKeepInTouch, true},
		{method.ActWriteNotes, true},
		{method.ActMarkNoReply, true},
		// A standing goal: the method never marks it overdue.
		{method.ActFindPerspective, false},
	}
	for _, tt := range tests {
		if tt.overdue && overdue[tt.kind] == 0 {
			t.Errorf("no overdue %s on the agenda", tt.kind)
		}
		if all[tt.kind] == 0 {
			t.Errorf("no %s on the agenda", tt.kind)
		}
	}
	if thisWeek < 3 || later < 3 {
		t.Errorf("%d actions due within a week and %d later, want some of each", thisWeek, later)
	}
}
