package questions

import (
	"fmt"
	"strings"
)

// Error is the type of the errors this package returns. The sentinel errors
// are constants, so no caller can reassign them; test for them with
// errors.Is, since the returned errors wrap them with the question's id.
type Error string

func (e Error) Error() string { return string(e) }

// Errors returned when editing a guide.
const (
	ErrUnknownQuestion   Error = "question not in the guide"
	ErrDuplicateQuestion Error = "question listed twice"
	ErrMissingQuestion   Error = "question left out of the new order"
	ErrNoID              Error = "question has no id"
	ErrBlankText         Error = "question has no text"
	ErrRequiredQuestion  Error = "question must stay in the guide"
)

// Reorder returns g with its questions in the order of ids, as when the user
// drags questions around.
//
// ids must name every topic (non-closing) question of g exactly once and
// nothing outside g. It may also name closing questions: they still go
// last, because the referral questions end every conversation, but in the
// order given; closing questions it leaves out keep their current order after
// those it names. g is not modified.
func Reorder(g Guide, ids []string) (Guide, error) {
	byID := make(map[string]Question, len(g.Questions))
	for _, q := range g.Questions {
		byID[q.ID] = q
	}
	listed := make(map[string]bool, len(ids))
	qs := make([]Question, 0, len(g.Questions))
	for _, id := range ids {
		q, ok := byID[id]
		if !ok {
			return g, fmt.Errorf("reorder %q: %w", id, ErrUnknownQuestion)
		}
		if listed[id] {
			return g, fmt.Errorf("reorder %q: %w", id, ErrDuplicateQuestion)
		}
		listed[id] = true
		qs = append(qs, q)
	}
	var missing []string
	for _, q := range g.Questions {
		if listed[q.ID] {
			continue
		}
		if !q.Closing {
			missing = append(missing, q.ID)
		}
		qs = append(qs, q) // an unlisted closing question, kept in order
	}
	if len(missing) > 0 {
		return g, fmt.Errorf("reorder: %q: %w", strings.Join(missing, ", "), ErrMissingQuestion)
	}
	g.Questions = closingLast(qs)
	return g, nil
}

// Add returns g with q added: a topic question after the other topic
// questions, a closing question after the other closing questions. The user
// may add any question, even one hidden from automatic guides, but each id
// only once. g is not modified.
func Add(g Guide, q Question) (Guide, error) {
	switch {
	case q.ID == "":
		return g, fmt.Errorf("add: %w", ErrNoID)
	case strings.TrimSpace(q.Text) == "":
		return g, fmt.Errorf("add %q: %w", q.ID, ErrBlankText)
	}
	for _, have := range g.Questions {
		if have.ID == q.ID {
			return g, fmt.Errorf("add %q: %w", q.ID, ErrDuplicateQuestion)
		}
	}
	qs := make([]Question, 0, len(g.Questions)+1)
	qs = append(qs, g.Questions...)
	g.Questions = closingLast(append(qs, q))
	return g, nil
}

// Remove returns g without the question with the given id. The who-else
// question (WhoElseID) cannot be removed: the method never ends a
// conversation without asking for further people to talk to. g is not
// modified.
func Remove(g Guide, id string) (Guide, error) {
	if id == WhoElseID {
		return g, fmt.Errorf("remove %q: %w", id, ErrRequiredQuestion)
	}
	qs := make([]Question, 0, len(g.Questions))
	found := false
	for _, q := range g.Questions {
		if q.ID == id {
			found = true
			continue
		}
		qs = append(qs, q)
	}
	if !found {
		return g, fmt.Errorf("remove %q: %w", id, ErrUnknownQuestion)
	}
	g.Questions = closingLast(qs)
	return g, nil
}

// closingLast moves the closing questions after the others, keeping the
// relative order within each group, so every edit leaves a guide that ends
// with its referral questions even if it was handed a malformed one. It
// works in place on qs, which the callers have freshly allocated.
func closingLast(qs []Question) []Question {
	closing := make([]Question, 0, 4)
	n := 0
	for _, q := range qs {
		if q.Closing {
			closing = append(closing, q)
			continue
		}
		qs[n] = q
		n++
	}
	return append(qs[:n], closing...)
}
