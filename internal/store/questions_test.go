package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// wantFieldError fails unless err carries a field error on field.
func wantFieldError(t *testing.T, err error, field string) {
	t.Helper()
	es := model.AsErrors(err)
	if es == nil || es.For(field) == "" {
		t.Fatalf("want a field error on %q, got %v", field, err)
	}
}

// mustConvo creates a conversation with a new person in the given fields.
func mustConvo(t *testing.T, sc *store.Scope, person string, minutes int, fields ...model.Ref) *model.Conversation {
	t.Helper()
	p := mustPerson(t, sc, &model.Person{Name: person, Fields: fields})
	c := &model.Conversation{Person: model.Ref{ID: p.ID}, Fields: fields, Minutes: minutes}
	if err := sc.CreateConversation(context.Background(), c, now); err != nil {
		t.Fatalf("create conversation with %s: %v", person, err)
	}
	return c
}

// hold moves a conversation from idea to held, at.
func hold(t *testing.T, sc *store.Scope, id int64, at time.Time) {
	t.Helper()
	ctx := context.Background()
	if _, err := sc.Step(ctx, id, method.Step{To: model.StateRequested, At: at.Add(-time.Hour)}, "", now); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.Step(ctx, id, method.Step{To: model.StateHeld, At: at}, "", now); err != nil {
		t.Fatal(err)
	}
}

func TestQuestionBank(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		bank, err := sc.Questions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(bank) != len(questions.BuiltIns()) {
			t.Fatalf("a new user's bank has %d questions, want the %d built-ins", len(bank), len(questions.BuiltIns()))
		}

		q := &questions.Question{Topic: questions.TopicTrends, Text: "  What will change in your work with the new permit rules? ",
			Notes: "Ask after the story.", When: questions.WhenMiddle, Favourite: true}
		if err := sc.AddQuestion(ctx, q, now); err != nil {
			t.Fatal(err)
		}
		if q.ID != "u1" || q.Text != "What will change in your work with the new permit rules?" {
			t.Fatalf("added question = %+v", q)
		}
		got, err := sc.Question(ctx, q.ID)
		if err != nil || got.Text != q.Text || got.Topic != questions.TopicTrends || !got.Favourite || got.BuiltIn || got.Notes != "Ask after the story." {
			t.Fatalf("Question(%s) = %+v, %v", q.ID, got, err)
		}

		got.Text, got.Topic, got.Closing = "How do you see the permit rules changing your work?", questions.TopicWork, true
		if err := sc.UpdateQuestion(ctx, &got, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		again, _ := sc.Question(ctx, q.ID)
		if again.Text != got.Text || again.Topic != questions.TopicWork || !again.Closing || !again.Favourite {
			t.Fatalf("update lost: %+v", again)
		}

		if _, err := sc.HideQuestion(ctx, "work-typical-day", true, now); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.FavouriteQuestion(ctx, "entry-story", true, now); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.FavouriteQuestion(ctx, q.ID, false, now); err != nil {
			t.Fatal(err)
		}
		bank, _ = sc.Questions(ctx)
		flags := map[string][2]bool{}
		for _, b := range bank {
			flags[b.ID] = [2]bool{b.Hidden, b.Favourite}
		}
		if len(bank) != len(questions.BuiltIns())+1 || bank[len(bank)-1].ID != q.ID {
			t.Fatalf("own questions come after the built-ins: %d questions, last %s", len(bank), bank[len(bank)-1].ID)
		}
		if flags["work-typical-day"] != [2]bool{true, false} || flags["entry-story"] != [2]bool{false, true} || flags[q.ID] != [2]bool{false, false} {
			t.Fatalf("choices not applied: %v %v %v", flags["work-typical-day"], flags["entry-story"], flags[q.ID])
		}
		if _, err := sc.HideQuestion(ctx, "work-typical-day", false, now); err != nil {
			t.Fatal(err)
		}
		if b, _ := sc.Question(ctx, "work-typical-day"); b.Hidden || !b.BuiltIn {
			t.Fatalf("unhide: %+v", b)
		}

		// Another owner sees none of it.
		other, err := db.Store.NewUser(ctx, "Other", now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.For(other).Question(ctx, q.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("another owner reads u1: %v", err)
		}
		if b, _ := db.Store.For(other).Question(ctx, "entry-story"); b.Favourite {
			t.Fatal("another owner sees the favourite")
		}

		if err := sc.DeleteQuestion(ctx, q.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.Question(ctx, q.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deleted question still there: %v", err)
		}
		if err := sc.DeleteQuestion(ctx, q.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second delete: %v", err)
		}
	})
}

func TestQuestionBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		tests := []struct {
			name  string
			q     questions.Question
			field string
		}{
			{"blank text", questions.Question{Topic: questions.TopicWork, Text: "  "}, "text"},
			{"text too long", questions.Question{Topic: questions.TopicWork, Text: strings.Repeat("why ", 200)}, "text"},
			{"unknown topic", questions.Question{Topic: "astrology", Text: "What is your sign?"}, "topic"},
			{"no topic", questions.Question{Text: "What do you do?"}, "topic"},
			{"unknown hint", questions.Question{Topic: questions.TopicWork, Text: "What do you do?", When: "lunch"}, "when"},
			{"notes too long", questions.Question{Topic: questions.TopicWork, Text: "What do you do?", Notes: strings.Repeat("x", model.MaxNotes+1)}, "notes"},
			{"NUL in the text", questions.Question{Topic: questions.TopicWork, Text: "What\x00?"}, "text"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				q := tt.q
				wantFieldError(t, sc.AddQuestion(ctx, &q, now), tt.field)
			})
		}
		bank, _ := sc.Questions(ctx)
		if len(bank) != len(questions.BuiltIns()) {
			t.Fatalf("bad input added questions: %d", len(bank))
		}

		builtin, _ := sc.Question(ctx, "work-typical-day")
		builtin.Text = "Mine now"
		wantFieldError(t, sc.UpdateQuestion(ctx, &builtin, now), "id")
		wantFieldError(t, sc.DeleteQuestion(ctx, "work-typical-day"), "id")
		for _, id := range []string{"u99", "nope", "u0", "u01", ""} {
			missing := questions.Question{ID: id, Topic: questions.TopicWork, Text: "What?"}
			if err := sc.UpdateQuestion(ctx, &missing, now); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("update %q: %v, want not found", id, err)
			}
			if _, err := sc.HideQuestion(ctx, id, true, now); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("hide %q: %v, want not found", id, err)
			}
		}
		if b, _ := sc.Question(ctx, "work-typical-day"); b.Text == "Mine now" {
			t.Fatal("a built-in question was edited")
		}
	})
}

func TestQuestionNotesAreSavedIdempotently(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		policy := mustField(t, sc, "Public policy")
		c := mustConvo(t, sc, "Dana Brown", 20, policy)
		other := mustConvo(t, sc, "Joe Serra", 20)

		save := func(qid, text string, rev int64) bool {
			t.Helper()
			saved, err := sc.SaveQuestionNote(ctx, &store.QuestionNote{ConversationID: c.ID, QuestionID: qid, Text: text, Rev: rev}, now)
			if err != nil {
				t.Fatalf("save %s %q: %v", qid, text, err)
			}
			return saved
		}
		// The page sends the same text three times (retries) and then more.
		for range 3 {
			save("work-typical-day", "Meetings in the morning", 0)
		}
		save("entry-story", "Campaign work", 1)
		save("entry-story", "Campaign work, then council staff", 3)
		if save("entry-story", "Campaign", 2) {
			t.Error("an old retry (rev 2 after rev 3) was saved")
		}
		if !save("entry-story", "Campaign work, then council staff.", 3) {
			t.Error("a save with the same rev should apply")
		}
		save("path-story", "", 0) // blank: nothing to keep

		notes, err := sc.QuestionNotes(ctx, store.QuestionNoteFilter{ConversationID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(notes) != 2 {
			t.Fatalf("got %d notes, want 2: %+v", len(notes), notes)
		}
		byQ := map[string]store.QuestionNote{}
		for _, n := range notes {
			byQ[n.QuestionID] = n
		}
		if n := byQ["work-typical-day"]; n.Text != "Meetings in the morning" || n.Topic != questions.TopicWork || !strings.HasPrefix(n.Question, "Could you walk me") {
			t.Errorf("work note = %+v", n)
		}
		if n := byQ["entry-story"]; n.Text != "Campaign work, then council staff." || n.Rev != 3 {
			t.Errorf("entry note = %+v", n)
		}
		// Clearing keeps the rev, so a late retry of the old text stays out.
		if !save("work-typical-day", "   ", 5) || save("work-typical-day", "Meetings in the morning", 4) {
			t.Error("clearing or the late retry went wrong")
		}
		notes, _ = sc.QuestionNotes(ctx, store.QuestionNoteFilter{ConversationID: c.ID})
		if len(notes) != 1 {
			t.Fatalf("after clearing: %+v", notes)
		}
		byField, err := sc.QuestionNotes(ctx, store.QuestionNoteFilter{FieldID: policy.ID})
		if err != nil || len(byField) != 1 || byField[0].ConversationID != c.ID {
			t.Fatalf("notes by field = %+v, %v", byField, err)
		}
		if n, _ := sc.QuestionNotes(ctx, store.QuestionNoteFilter{ConversationID: other.ID}); len(n) != 0 {
			t.Fatalf("notes leak to another conversation: %+v", n)
		}

		// A note keeps its question's words after the question is gone.
		own := &questions.Question{Topic: questions.TopicTrends, Text: "What worries you about the next budget?"}
		if err := sc.AddQuestion(ctx, own, now); err != nil {
			t.Fatal(err)
		}
		save(own.ID, "Pension costs", 0)
		if err := sc.DeleteQuestion(ctx, own.ID); err != nil {
			t.Fatal(err)
		}
		notes, _ = sc.QuestionNotes(ctx, store.QuestionNoteFilter{ConversationID: c.ID})
		if i := slices.IndexFunc(notes, func(n store.QuestionNote) bool { return n.QuestionID == own.ID }); i < 0 ||
			notes[i].Question != own.Text || notes[i].Topic != questions.TopicTrends {
			t.Fatalf("note on a deleted question = %+v", notes)
		}

		bad := []struct {
			name  string
			n     store.QuestionNote
			field string
		}{
			{"unknown question", store.QuestionNote{ConversationID: c.ID, QuestionID: "work-nope", Text: "x"}, "question_id"},
			{"no question", store.QuestionNote{ConversationID: c.ID, Text: "x"}, "question_id"},
			{"too long", store.QuestionNote{ConversationID: c.ID, QuestionID: "work-typical-day", Text: strings.Repeat("x", model.MaxNotes+1)}, "text"},
			{"NUL", store.QuestionNote{ConversationID: c.ID, QuestionID: "work-typical-day", Text: "a\x00b"}, "text"},
			{"negative rev", store.QuestionNote{ConversationID: c.ID, QuestionID: "work-typical-day", Text: "x", Rev: -1}, "rev"},
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				_, err := sc.SaveQuestionNote(ctx, &tt.n, now)
				wantFieldError(t, err, tt.field)
			})
		}
		if _, err := sc.SaveQuestionNote(ctx, &store.QuestionNote{ConversationID: 999, QuestionID: "work-typical-day", Text: "x"}, now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("note on a missing conversation: %v", err)
		}
	})
}
