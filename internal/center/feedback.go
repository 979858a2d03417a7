package center

import (
	"fmt"
	"strings"
)

// ActFeedback is giving feedback on a held conversation. It changes no
// state, so it is not among Actions.
const ActFeedback Action = "feedback"

// Feedback is one side's word after a held conversation. It is private to
// the advisors and shown only in aggregate, except the student's
// thank-you note, which the volunteer reads.
type Feedback struct {
	By     Actor
	Rating int    // 1–5: how useful it was (the student), how prepared the student was (the volunteer)
	Note   string // the student's thank-you note, or the volunteer's word for the advisors
}

// CheckFeedback checks feedback on a request: only after a held
// conversation, only from its two sides, once each (given: this side has
// already given theirs), with a rating from 1 to 5. It tidies the note.
func CheckFeedback(r Request, f *Feedback, given bool) error {
	refuse := func(format string, args ...any) error {
		return &StepError{Action: ActFeedback, From: r.State, By: f.By, Reason: fmt.Sprintf(format, args...)}
	}
	f.Note = strings.TrimSpace(f.Note)
	switch {
	case f.By != ActorStudent && f.By != ActorVolunteer:
		return refuse("Only the student or the volunteer can give feedback on their conversation.")
	case r.State != StateHeld:
		return refuse("Feedback comes after a conversation that was held; the request is %s.", r.State.Label())
	case given:
		return refuse("You have already given your feedback on this conversation; thank you.")
	case f.Rating < 1 || f.Rating > 5:
		if f.By == ActorStudent {
			return refuse("Rate how useful the conversation was, from 1 (not much) to 5 (very).")
		}
		return refuse("Rate how prepared the student was, from 1 (not much) to 5 (very).")
	}
	return nil
}
