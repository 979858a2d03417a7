package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func guideIDs(g *store.Guide) []string {
	ids := make([]string, len(g.Questions))
	for i, q := range g.Questions {
		ids[i] = q.ID
	}
	return ids
}

func topicCount(g *store.Guide) map[questions.Topic]int {
	n := map[questions.Topic]int{}
	for _, q := range g.Questions {
		if !q.Closing {
			n[q.Topic]++
		}
	}
	return n
}

func TestGuideIsBuiltOnceAndSized(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		policy := mustField(t, sc, "Public policy")
		tests := []struct {
			minutes, topicQuestions int
		}{{10, 1}, {15, 3}, {20, 4}, {30, 7}, {60, 16}}
		for _, tt := range tests {
			c := mustConvo(t, sc, "Person "+string(rune('A'+tt.minutes/5)), tt.minutes, policy)
			g, err := sc.Guide(ctx, c.ID, now)
			if err != nil {
				t.Fatal(err)
			}
			body := 0
			for i, q := range g.Questions {
				if q.Closing {
					continue
				}
				body++
				if i > body-1 {
					t.Fatalf("%d minutes: topic question %s after a closing question", tt.minutes, q.ID)
				}
			}
			if body != tt.topicQuestions || g.Minutes != tt.minutes {
				t.Errorf("%d minutes: %d topic questions, want %d", tt.minutes, body, tt.topicQuestions)
			}
			closing := g.Questions[body:]
			if len(closing) == 0 || closing[0].ID != questions.WhoElseID {
				t.Errorf("%d minutes: closing questions %v should start with who-else", tt.minutes, guideIDs(g))
			}
		}

		// A read never writes: until kept, the guide follows the bank.
		c := mustConvo(t, sc, "Dana Brown", 20, policy)
		first, err := sc.Guide(ctx, c.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		if first.Saved || !first.CreatedAt.IsZero() {
			t.Fatalf("reading the guide saved it: %+v", first)
		}
		if again, err := sc.Guide(ctx, c.ID, now); err != nil || again.Saved {
			t.Fatalf("the first read stored the guide: saved %v, %v", again.Saved, err)
		}
		kept, err := sc.KeepGuide(ctx, c.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		if !kept.Saved || !kept.CreatedAt.Equal(now) || !slices.Equal(guideIDs(first), guideIDs(kept)) {
			t.Fatalf("keeping the guide: saved %v at %v, %v then %v", kept.Saved, kept.CreatedAt, guideIDs(first), guideIDs(kept))
		}
		// Kept: later bank changes leave it alone.
		if _, err := sc.FavouriteQuestion(ctx, "trends-technology", true, now); err != nil {
			t.Fatal(err)
		}
		second, err := sc.Guide(ctx, c.ID, now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(guideIDs(first), guideIDs(second)) || !second.CreatedAt.Equal(now) || !second.Saved {
			t.Fatalf("the kept guide changed on a second view: %v then %v", guideIDs(first), guideIDs(second))
		}
		// An unkept guide takes the favourite in at once.
		other := mustConvo(t, sc, "Eli Stone", 20, policy)
		if g, err := sc.Guide(ctx, other.ID, now); err != nil || !slices.Contains(guideIDs(g), "trends-technology") || g.Saved {
			t.Fatalf("an unkept guide after a new favourite: %v (saved %v, %v)", guideIDs(g), g.Saved, err)
		}
		// The first edit keeps it too.
		if _, err := sc.RemoveFromGuide(ctx, other.ID, "trends-technology", now); err != nil {
			t.Fatal(err)
		}
		if g, err := sc.Guide(ctx, other.ID, now); err != nil || !g.Saved || slices.Contains(guideIDs(g), "trends-technology") {
			t.Fatalf("the guide after its first edit: %v (saved %v, %v)", guideIDs(g), g.Saved, err)
		}
		// Rebuilding takes the favourite in.
		rebuilt, err := sc.RebuildGuide(ctx, c.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(guideIDs(rebuilt), "trends-technology") {
			t.Fatalf("rebuilt guide misses the favourite: %v", guideIDs(rebuilt))
		}
		if _, err := sc.Guide(ctx, 999, now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("guide of a missing conversation: %v", err)
		}
	})
}

func TestGuidePrefersFavouritesAndSkipsHidden(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		own := &questions.Question{Topic: questions.TopicLifestyle, Text: "How do you protect your evenings in budget season?", Favourite: true}
		if err := sc.AddQuestion(ctx, own, now); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"work-typical-day", "entry-story", "skills-success", questions.WhoElseID} {
			if _, err := sc.HideQuestion(ctx, id, true, now); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := sc.FavouriteQuestion(ctx, "trends-demand", true, now); err != nil {
			t.Fatal(err)
		}
		c := mustConvo(t, sc, "Dana Brown", 15)
		g, err := sc.Guide(ctx, c.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		ids := guideIDs(g)
		for _, want := range []string{own.ID, "trends-demand", questions.WhoElseID} {
			if !slices.Contains(ids, want) {
				t.Errorf("guide %v misses %s", ids, want)
			}
		}
		for _, hidden := range []string{"work-typical-day", "entry-story", "skills-success"} {
			if slices.Contains(ids, hidden) {
				t.Errorf("guide %v has hidden %s", ids, hidden)
			}
		}
	})
}

// TestGuidePrefersTopicsTheFieldHasNotCovered: two earlier conversations in
// the field covered the work and how people got in (one in its write-up,
// one in quick notes); the new guide goes elsewhere first.
func TestGuidePrefersTopicsTheFieldHasNotCovered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		policy := mustField(t, sc, "Public policy")
		ux := mustField(t, sc, "UX research")

		a := mustConvo(t, sc, "Samuel Adeyemi", 30, policy)
		hold(t, sc, a.ID, now.Add(-72*time.Hour))
		w, _ := sc.WriteUp(ctx, a.ID)
		w.Topics[0].Notes = "Reports, hearings."
		w.Topics[1].Notes = "Came from a campaign."
		if _, err := sc.SaveWriteUp(ctx, w, now); err != nil {
			t.Fatal(err)
		}
		b := mustConvo(t, sc, "Hannah Whitfield", 20, policy)
		hold(t, sc, b.ID, now.Add(-48*time.Hour))
		for _, qid := range []string{"work-decisions", "entry-attraction"} {
			if _, err := sc.SaveQuestionNote(ctx, &store.QuestionNote{ConversationID: b.ID, QuestionID: qid, Text: "noted"}, now); err != nil {
				t.Fatal(err)
			}
		}
		// Not held, and in another field: they count for nothing.
		idea := mustConvo(t, sc, "Beatriz Santos", 20, policy)
		if _, err := sc.SaveQuestionNote(ctx, &store.QuestionNote{ConversationID: idea.ID, QuestionID: "trends-changes", Text: "x"}, now); err != nil {
			t.Fatal(err)
		}
		elsewhere := mustConvo(t, sc, "Sofia Petrova", 20, ux)
		hold(t, sc, elsewhere.ID, now.Add(-24*time.Hour))
		if _, err := sc.SaveQuestionNote(ctx, &store.QuestionNote{ConversationID: elsewhere.ID, QuestionID: "skills-success", Text: "x"}, now); err != nil {
			t.Fatal(err)
		}

		c := mustConvo(t, sc, "Ruth Chen-Martinez", 20, policy)
		g, err := sc.Guide(ctx, c.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		want := map[questions.Topic]int{questions.TopicWork: 2, questions.TopicEntry: 2}
		if len(g.Covered) != 2 || g.Covered[questions.TopicWork] != 2 || g.Covered[questions.TopicEntry] != 2 {
			t.Fatalf("covered = %v, want %v", g.Covered, want)
		}
		n := topicCount(g)
		if n[questions.TopicWork] != 0 || n[questions.TopicEntry] != 0 || len(n) != 4 {
			t.Fatalf("guide topics = %v (%v), want four topics other than work and entry", n, guideIDs(g))
		}
		// In a field with no history the work comes first.
		fresh := mustConvo(t, sc, "Kenji Nakamura", 20, ux)
		g, _ = sc.Guide(ctx, fresh.ID, now)
		if topicCount(g)[questions.TopicWork] != 1 {
			t.Fatalf("fresh guide = %v", guideIDs(g))
		}
	})
}

func TestGuideEdits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		c := mustConvo(t, sc, "Dana Brown", 15)
		g, err := sc.Guide(ctx, c.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		ids := guideIDs(g) // 3 topic questions, then 3 closing
		if len(ids) != 6 {
			t.Fatalf("15-minute guide = %v", ids)
		}
		order := []string{ids[2], ids[0], ids[1]}
		g, err = sc.ReorderGuide(ctx, c.ID, order, now)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(guideIDs(g)[:3], order) {
			t.Fatalf("reordered = %v", guideIDs(g))
		}
		own := &questions.Question{Topic: questions.TopicTrends, Text: "What does the press get wrong about your field?"}
		if err := sc.AddQuestion(ctx, own, now); err != nil {
			t.Fatal(err)
		}
		if g, err = sc.AddToGuide(ctx, c.ID, own.ID, now); err != nil {
			t.Fatal(err)
		}
		if g.Questions[3].ID != own.ID || !g.Questions[4].Closing {
			t.Fatalf("added question should go after the topic questions: %v", guideIDs(g))
		}
		if g, err = sc.RemoveFromGuide(ctx, c.ID, order[0], now); err != nil {
			t.Fatal(err)
		}
		want := []string{order[1], order[2], own.ID, questions.WhoElseID, "resources-mention-name", "resources-keep-in-touch"}
		// Edits persist.
		g, _ = sc.Guide(ctx, c.ID, now)
		if !slices.Equal(guideIDs(g), want) {
			t.Fatalf("after edits = %v, want %v", guideIDs(g), want)
		}
		// Deleting an own question takes it out of guides.
		if err := sc.DeleteQuestion(ctx, own.ID); err != nil {
			t.Fatal(err)
		}
		g, _ = sc.Guide(ctx, c.ID, now)
		if slices.Contains(guideIDs(g), own.ID) {
			t.Fatalf("deleted question still in the guide: %v", guideIDs(g))
		}

		bad := []struct {
			name  string
			edit  func() error
			field string
		}{
			{"remove who-else", func() error { _, err := sc.RemoveFromGuide(ctx, c.ID, questions.WhoElseID, now); return err }, "question_id"},
			{"remove a question not in the guide", func() error { _, err := sc.RemoveFromGuide(ctx, c.ID, "lifestyle-travel", now); return err }, "question_id"},
			{"add an unknown question", func() error { _, err := sc.AddToGuide(ctx, c.ID, "u42", now); return err }, "question_id"},
			{"add a question twice", func() error { _, err := sc.AddToGuide(ctx, c.ID, order[1], now); return err }, "question_id"},
			{"reorder leaving one out", func() error { _, err := sc.ReorderGuide(ctx, c.ID, []string{order[1]}, now); return err }, "ids"},
			{"reorder with a stranger", func() error {
				_, err := sc.ReorderGuide(ctx, c.ID, []string{order[1], order[2], "lifestyle-travel"}, now)
				return err
			}, "ids"},
			{"opening too long", func() error {
				_, err := sc.SetGuideOpening(ctx, c.ID, strings.Repeat("word ", 300), now)
				return err
			}, "opening"},
			{"NUL in the opening", func() error {
				_, err := sc.SetGuideOpening(ctx, c.ID, "I'm Maya\x00", now)
				return err
			}, "opening"},
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) { wantFieldError(t, tt.edit(), tt.field) })
		}
		after, _ := sc.Guide(ctx, c.ID, now)
		if !slices.Equal(guideIDs(after), guideIDs(g)) {
			t.Fatalf("refused edits changed the guide: %v", guideIDs(after))
		}
	})
}

func TestGuideOpeningAndResearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		s, _ := sc.Settings(ctx)
		s.UserName, s.School, s.Year = "Maya Lin", "Riverbend State University", "senior"
		if err := sc.SaveSettings(ctx, s); err != nil {
			t.Fatal(err)
		}
		f := &model.Field{Name: "Public policy", Notes: "Think tanks vs. government staff."}
		if err := sc.CreateField(ctx, f, now); err != nil {
			t.Fatal(err)
		}
		org := &model.Organization{Name: "Keystone Policy Institute", Notes: "Publishes the transit report."}
		if err := sc.CreateOrganization(ctx, org, now); err != nil {
			t.Fatal(err)
		}
		p := mustPerson(t, sc, &model.Person{Name: "Samuel Adeyemi", Organization: &model.Ref{ID: org.ID}, Notes: "Reads everything on congestion pricing."})
		c := &model.Conversation{Person: model.Ref{ID: p.ID}, Fields: []model.Ref{{ID: f.ID}}, Minutes: 30}
		if err := sc.CreateConversation(ctx, c, now); err != nil {
			t.Fatal(err)
		}
		g, err := sc.Guide(ctx, c.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		wantOpening := "I'm Maya Lin, a senior at Riverbend State University. I'm exploring a career in public policy and would like to learn from your experience."
		if g.Opening != wantOpening || g.OpeningEdited {
			t.Fatalf("opening = %q", g.Opening)
		}
		var research []string
		for _, r := range g.Research {
			research = append(research, r.Kind+": "+r.Name+": "+r.Notes)
		}
		wantResearch := []string{
			"field: Public policy: Think tanks vs. government staff.",
			"organization: Keystone Policy Institute: Publishes the transit report.",
			"person: Samuel Adeyemi: Reads everything on congestion pricing.",
		}
		if !slices.Equal(research, wantResearch) {
			t.Fatalf("research = %q", research)
		}
		if g.Organization == nil || g.Organization.Name != org.Name || g.Person.Name != p.Name {
			t.Fatalf("guide header = %+v %+v", g.Person, g.Organization)
		}

		g, err = sc.SetGuideOpening(ctx, c.ID, "  I'm Maya,\n studying environmental science. ", now)
		if err != nil || g.Opening != "I'm Maya, studying environmental science." || !g.OpeningEdited {
			t.Fatalf("own opening = %q %v, %v", g.Opening, g.OpeningEdited, err)
		}
		if g, _ = sc.SetGuideOpening(ctx, c.ID, "", now); g.Opening != wantOpening || g.OpeningEdited {
			t.Fatalf("reset opening = %q", g.Opening)
		}
	})
}
