package method

import (
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// FeelerGate says whether the feeler note (a resume, "if you hear of
// possibilities") may be written to someone yet, and if not, why. The
// method allows it only for a field the user pursues, and much later: at
// least FeelerDays after the thank-you.
type FeelerGate struct {
	OK bool
	// Reason is why not, in words that name no command or page; empty
	// when OK.
	Reason string
	// From is the first moment the note may go, once the thank-you is
	// logged; zero without one.
	From time.Time
}

// Feeler decides the feeler gate. pursuing says whether the conversation
// (or the person, without one) belongs to a field the user marked as one
// they pursue; thanked is when the thank-you was logged, zero when it was
// not. Days are counted as calendar days in loc.
func Feeler(pursuing bool, thanked time.Time, days int, now time.Time, loc *time.Location) FeelerGate {
	var g FeelerGate
	if !thanked.IsZero() {
		t := thanked.In(loc)
		g.From = time.Date(t.Year(), t.Month(), t.Day()+days, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	}
	switch {
	case !pursuing:
		g.Reason = "a feeler note is only for a field you are pursuing: mark the field as one you pursue once you have decided to"
	case thanked.IsZero():
		g.Reason = fmt.Sprintf("a feeler note comes much later: at least %d days after your thank-you, and none is logged yet", days)
	case now.Before(g.From):
		g.Reason = fmt.Sprintf("a feeler note comes much later: at least %d days after your thank-you, so not before %s", days, g.From.Format("2 January 2006"))
	default:
		g.OK = true
	}
	return g
}

// ThankedAt is when the thank-you for c's last meeting was logged: the
// last thanked step since it was last held, or zero.
func ThankedAt(c *model.Conversation) time.Time {
	if c == nil {
		return time.Time{}
	}
	var at time.Time
	for _, e := range c.Events {
		switch e.Step {
		case model.StateHeld:
			at = time.Time{}
		case model.StateThanked:
			at = e.At
		}
	}
	return at
}
