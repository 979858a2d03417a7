package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// heldRequest is a request from a new student to a new volunteer, sent at
// now, accepted for the next day and held: the ids of the request, the
// student and the volunteer, and when it was held.
func heldRequest(t *testing.T, db *storetest.DB, set center.Settings) (id, student, vol int64, heldAt time.Time) {
	t.Helper()
	ctx := context.Background()
	student = studentAccount(t, db, "sam@westlake.edu")
	vol = volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 2})
	r, err := db.Store.SendRequest(ctx, set, draftTo(student, vol, "Urban planning"), nil, now)
	if err != nil {
		t.Fatal(err)
	}
	meeting := now.Add(26 * time.Hour)
	if _, _, err := db.Store.StepRequest(ctx, set, r.ID, vol, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(time.Hour), MeetingAt: meeting}); err != nil {
		t.Fatal(err)
	}
	heldAt = meeting.Add(time.Hour)
	if _, _, err := db.Store.StepRequest(ctx, set, r.ID, vol, center.Step{Action: center.ActHeld, By: center.ActorVolunteer, At: heldAt}); err != nil {
		t.Fatal(err)
	}
	return r.ID, student, vol, heldAt
}

func TestFeedbackOncePerSideAndOnlyInAggregate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		id, sam, dana, heldAt := heldRequest(t, db, set)
		at := heldAt.Add(time.Hour)

		// Before it was held, nobody gives feedback.
		eli := volunteer(t, db, "eli@example.com", model.VolunteerProfile{DisplayName: "Eli Novak", MonthlyCapacity: 2})
		open, err := db.Store.SendRequest(ctx, set, draftTo(sam, eli, "Data science"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		var se *center.StepError
		if _, err := db.Store.GiveFeedback(ctx, open.ID, sam, center.Feedback{By: center.ActorStudent, Rating: 4}, at); !errors.As(err, &se) {
			t.Errorf("feedback on a pending request: %v", err)
		}
		// Only the side it names, with a rating from 1 to 5.
		if _, err := db.Store.GiveFeedback(ctx, id, dana, center.Feedback{By: center.ActorStudent, Rating: 4}, at); !errors.As(err, &se) {
			t.Errorf("the volunteer gave the student's feedback: %v", err)
		}
		if _, err := db.Store.GiveFeedback(ctx, id, eli, center.Feedback{By: center.ActorVolunteer, Rating: 4}, at); !errors.As(err, &se) {
			t.Errorf("another volunteer gave feedback: %v", err)
		}
		if _, err := db.Store.GiveFeedback(ctx, id, sam, center.Feedback{By: center.ActorStudent, Rating: 6}, at); len(model.AsErrors(err)) != 1 || model.AsErrors(err)[0].Field != "rating" {
			t.Errorf("a rating of 6: %v", err)
		}
		if _, err := db.Store.GiveFeedback(ctx, 999999, sam, center.Feedback{By: center.ActorStudent, Rating: 4}, at); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("feedback on no request: %v", err)
		}
		if g, err := db.Store.RequestFeedback(ctx, id); err != nil || g.Student || g.Volunteer {
			t.Errorf("refused feedback was kept: %+v, %v", g, err)
		}

		f, err := db.Store.GiveFeedback(ctx, id, sam, center.Feedback{By: center.ActorStudent, Rating: 5, Note: "  Thank you for the hour on zoning!  "}, at)
		if err != nil {
			t.Fatal(err)
		}
		if f.Note != "Thank you for the hour on zoning!" {
			t.Errorf("the note was not tidied: %q", f.Note)
		}
		if _, err := db.Store.GiveFeedback(ctx, id, sam, center.Feedback{By: center.ActorStudent, Rating: 1}, at); !errors.As(err, &se) {
			t.Errorf("a second student feedback: %v", err)
		}
		if _, err := db.Store.GiveFeedback(ctx, id, dana, center.Feedback{By: center.ActorVolunteer, Rating: 3, Note: "Had not read my profile."}, at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		g, err := db.Store.RequestFeedback(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !g.Student || !g.Volunteer || g.ThankYou != "Thank you for the hour on zoning!" || !g.ThankedAt.Equal(at) {
			t.Errorf("what the sides know: %+v", g)
		}

		sum, err := db.Store.FeedbackSummary(ctx, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		want := store.FeedbackSummary{
			Usefulness:   store.RatingSummary{Count: 1, Mean: 5, Counts: [5]int{0, 0, 0, 0, 1}},
			Preparedness: store.RatingSummary{Count: 1, Mean: 3, Counts: [5]int{0, 0, 1, 0, 0}},
		}
		if sum.Usefulness != want.Usefulness || sum.Preparedness != want.Preparedness ||
			len(sum.Words) != 1 || sum.Words[0].RequestID != id || sum.Words[0].Note != "Had not read my profile." {
			t.Errorf("summary %+v, want %+v with Dana's word", sum, want)
		}
		if sum, err := db.Store.FeedbackSummary(ctx, at.Add(time.Minute), time.Time{}); err != nil || sum.Usefulness.Count != 0 || sum.Preparedness.Count != 1 {
			t.Errorf("summary since after the student's feedback: %+v, %v", sum, err)
		}
		if sum, err := db.Store.FeedbackSummary(ctx, time.Time{}, at.Add(time.Minute)); err != nil || sum.Usefulness.Count != 1 || sum.Preparedness.Count != 0 || len(sum.Words) != 0 {
			t.Errorf("summary until before the volunteer's feedback: %+v, %v", sum, err)
		}
	})
}

// 32 submissions of the student's feedback at once: exactly one is kept.
func TestFeedbackRaceKeepsOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		id, sam, _, heldAt := heldRequest(t, db, set)
		warmPool(t, db)
		errs := race(func(i int) error {
			_, err := db.Store.GiveFeedback(ctx, id, sam, center.Feedback{By: center.ActorStudent, Rating: 1 + i%5}, heldAt.Add(time.Hour))
			return err
		})
		kept := 0
		for _, err := range errs {
			var se *center.StepError
			switch {
			case err == nil:
				kept++
			case !errors.As(err, &se):
				t.Errorf("a submission failed with something other than a refusal: %v", err)
			}
		}
		sum, err := db.Store.FeedbackSummary(ctx, time.Time{}, time.Time{})
		if kept != 1 || err != nil || sum.Usefulness.Count != 1 {
			t.Errorf("%d submissions kept, %d stored (%v); want 1", kept, sum.Usefulness.Count, err)
		}
	})
}
