package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// A thank-you logged more than 12 hours after the meeting is flagged on
// the conversation and counted as not on time on the stats page; one sent
// the same day is neither; every meeting counts, requested in writing or
// not (issue 12 §4).
func TestALateThankYouIsFlaggedAndCounted(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		ctx := context.Background()
		thank := func(person string, held, thanked time.Duration, requested bool) *model.Conversation {
			t.Helper()
			c := planned(t, b, person, "Urban planning", 20, model.StateIdea)
			var err error
			steps := []method.Step{
				{To: model.StateScheduled, At: pagesNow.Add(held - 48*time.Hour), MeetingAt: pagesNow.Add(held)},
				{To: model.StateHeld, At: pagesNow.Add(held)},
				{To: model.StateThanked, At: pagesNow.Add(thanked)},
			}
			if requested {
				steps = append([]method.Step{{To: model.StateRequested, At: pagesNow.Add(held - 72*time.Hour)}}, steps...)
			}
			for _, st := range steps {
				if c, err = b.sc.Step(ctx, c.ID, st, "", pagesNow); err != nil {
					t.Fatal(err)
				}
			}
			return c
		}
		late := thank("Lee Park", -72*time.Hour, -24*time.Hour, true) // two days after
		prompt := thank("Ann Roe", -10*time.Hour, -8*time.Hour, true) // two hours after
		// A meeting asked for in person, scheduled straight from the idea,
		// counts too.
		thank("Cy Dahl", -30*time.Hour, -29*time.Hour, false)
		flag := "Thank-you sent, though later than the 12 hours the method asks for: next time, send it the same day."
		wantIn(t, "late", readable(b.get(convoPath(late, "")).body), flag)
		if page := readable(b.get(convoPath(prompt, "")).body); strings.Contains(page, "later than the 12 hours") || !strings.Contains(page, "Thank-you sent.") {
			t.Errorf("a thank-you on time is flagged, or not shown as sent:\n%s", page)
		}
		wantIn(t, "stats", readable(b.get("/stats").body), "Thank-yous", "3 of 3 meetings thanked; 2 within 12 hours, as the method asks.",
			"A thank-you sent the same day shows you valued their time.")
	})
}
