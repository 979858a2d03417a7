package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
)

// Feedback after a held conversation, on the request's page: the student
// rates how useful it was and may thank the volunteer, who reads the
// note; the volunteer rates how prepared the student was and may add a
// word for the advisors. Once a side. Ratings go to the advisors, in
// aggregate: no page shows one, not even to whoever gave it.

// feedbackForm is a side's feedback form.
type feedbackForm struct {
	Title   string
	Hint    string
	Rating  *field // radios, 1 to 5
	Note    *field
	Problem string // why it was refused, when no field is to blame
}

func newFeedbackForm(party center.Actor, other string) *feedbackForm {
	f := &feedbackForm{Rating: &field{ID: "fb-rating", Name: "rating", Required: true},
		Note: &field{ID: "fb-note", Name: "note", Rows: 4}}
	low, high := "not much", "very"
	if party == center.ActorStudent {
		f.Title = "How useful was it?"
		f.Hint = "Only the advisors read your rating, and only with everyone else’s: " + other + " never sees it."
		f.Rating.Label = "How useful the conversation was"
		f.Note.Label, f.Note.Hint = "A thank-you note for "+other, "Optional; "+other+" reads it. Your own thank-you, by email, is still due."
	} else {
		f.Title = "How prepared was " + other + "?"
		f.Hint = "Only the advisors read your rating, and only with everyone else’s: " + other + " never sees it."
		f.Rating.Label = "How prepared " + other + " was"
		f.Note.Label, f.Note.Hint = "A word for the advisors", "Optional; only the advisors read it."
		low, high = "not at all", "very well"
	}
	for i := 1; i <= 5; i++ {
		label := strconv.Itoa(i)
		switch i {
		case 1:
			label += " (" + low + ")"
		case 5:
			label += " (" + high + ")"
		}
		f.Rating.Options = append(f.Rating.Options, option{strconv.Itoa(i), label})
	}
	return f
}

// feedbackView adds to a held conversation's page what its reader may
// know of the feedback, and their form while theirs is due.
func (s *server) feedbackView(r *http.Request, p *requestPage) error {
	if p.Req.State != center.StateHeld || p.Party == center.ActorAdvisor {
		return nil
	}
	g, err := s.Store.RequestFeedback(r.Context(), p.Req.ID)
	if err != nil {
		return err
	}
	other := p.Volunteer
	if p.Party == center.ActorStudent {
		p.FeedbackGiven = g.Student
	} else {
		p.FeedbackGiven, p.ThankYou, other = g.Volunteer, g.ThankYou, p.Student
	}
	if !p.FeedbackGiven {
		p.Feedback = newFeedbackForm(p.Party, other)
	}
	return nil
}

// requestFeedback serves POST /requests/{id}/feedback: the reader's
// side's rating and note. A rating off the scale comes back next to it
// (422) with the note kept; feedback that cannot be given now, above
// the page (409).
func (s *server) requestFeedback(w http.ResponseWriter, r *http.Request) {
	req, acct, party, set, ok := s.requestFor(w, r)
	if !ok {
		return
	}
	rawRating, note := strings.TrimSpace(r.PostForm.Get("rating")), r.PostForm.Get("note")
	rating, perr := strconv.Atoi(rawRating)
	if perr != nil {
		rating = 0 // no rating, or not a number: center.CheckFeedback says what the scale is
	}
	status, msg := http.StatusConflict, ""
	var es model.Errors
	if party == center.ActorAdvisor {
		msg = "Only the student and the volunteer give feedback on their conversation."
	} else {
		_, err := s.Store.GiveFeedback(r.Context(), req.ID, acct.ID, center.Feedback{By: party, Rating: rating, Note: note}, s.now())
		if err == nil {
			done := "Thank you: your feedback went to the advisors."
			if party == center.ActorStudent && strings.TrimSpace(note) != "" {
				done = "Thank you: your note went to " + s.names(r).of(req.VolunteerID) + ", your rating to the advisors."
			}
			s.redirect(w, r, fmt.Sprintf("/requests/%d", req.ID), done)
			return
		}
		if !errors.As(err, new(*center.StepError)) && model.AsErrors(err) == nil {
			s.pageError(w, r, err)
			return
		}
		msg, es = err.Error(), model.AsErrors(err)
	}
	data, err := s.requestView(r, req, party, set)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	switch f := data.Feedback; {
	case f != nil && len(es) > 0:
		status = http.StatusUnprocessableEntity
		f.Rating.Value, f.Note.Value = rawRating, note
		for _, e := range es {
			if fl := map[string]*field{"rating": f.Rating, "note": f.Note}[e.Field]; fl != nil {
				fl.Error = sentence(e.Message)
			}
		}
	default:
		data.Flash, data.FlashError = sentence(msg), true
	}
	s.render(w, r, status, "request", data)
}
