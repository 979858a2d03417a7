package center

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ally-dev/ally/internal/model"
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

// MaxFeedbackNote is the longest note that goes with a rating, in
// characters: a thank-you or a word for the advisors, not a letter.
const MaxFeedbackNote = 2000

// CheckFeedback checks feedback on a request: only after a held
// conversation, only from its two sides, once each (given: this side has
// already given theirs), with a rating from 1 to 5. It tidies the note.
// What cannot be given now is a *StepError; a rating out of the scale or
// a note too long is a *model.FieldError naming "rating" or "note", for
// the form to show next to its field.
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
			return model.Invalid("rating", "rate how useful the conversation was, from 1 (not much) to 5 (very)")
		}
		return model.Invalid("rating", "rate how prepared the student was, from 1 (not much) to 5 (very)")
	case utf8.RuneCountInString(f.Note) > MaxFeedbackNote:
		return model.Invalid("note", "the note has %d characters; keep it under %d", utf8.RuneCountInString(f.Note), MaxFeedbackNote)
	}
	return nil
}
