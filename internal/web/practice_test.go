package web

import (
	"testing"

	"github.com/ally-dev/ally/internal/model"
)

// Preparing includes a practice run, in the conversation's checklist and
// on its guide; the settings say what the ten-second introduction holds
// (issue 12 §4).
func TestPreparationAsksForAPracticeRunAndTheIntroHintSaysWhatItHolds(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
		path := "/conversations/" + itoa(c.ID)
		wantIn(t, "checklist", readable(b.get(path).body), "Before the meeting",
			"Practice run: say your opening out loud to a friend, and have a short answer ready for “Tell me about yourself”.")
		wantIn(t, "guide", readable(b.get(path+"/guide").body),
			"Practise it: say it out loud to a friend until it takes about ten seconds, and have a short answer ready for “Tell me about yourself”.")
		wantIn(t, "settings", readable(b.get("/settings").body), "Your ten-second introduction",
			"what you study or do now, and what about the field makes you curious", "unless you start with “I'm…”")
	})
}
