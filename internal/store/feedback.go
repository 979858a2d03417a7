package store

import (
	"context"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/center"
)

// GiveFeedback keeps one side's feedback on a held conversation
// (center.CheckFeedback): actorID must be the side f.By names. It reads
// whether that side has already given theirs and writes it in one
// transaction that holds both accounts, and the table's key allows one
// row a side, so of two submissions at once exactly one is kept; the
// other gets a *center.StepError. It returns the feedback as kept.
func (s *Store) GiveFeedback(ctx context.Context, id, actorID int64, f center.Feedback, now time.Time) (center.Feedback, error) {
	err := s.inTx(ctx, func(q queryer) error {
		var student, volunteer int64
		err := q.QueryRowContext(ctx, `SELECT student_id, volunteer_id FROM requests WHERE id = $1`, id).Scan(&student, &volunteer)
		if err != nil {
			return noRows(err, "request", id)
		}
		if err := lockAccounts(ctx, q, student, volunteer); err != nil {
			return err
		}
		r, err := requestByID(ctx, q, id)
		if err != nil {
			return err
		}
		if r.PartyOf(actorID) != f.By || f.By == "" {
			return &center.StepError{Action: center.ActFeedback, From: r.State, By: f.By, Reason: "This conversation is not yours to give feedback on."}
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM request_feedback WHERE request_id = $1 AND side = $2`, id, string(f.By)).Scan(&n); err != nil {
			return fmt.Errorf("read feedback: %w", err)
		}
		if err := center.CheckFeedback(r, &f, n > 0); err != nil {
			return err
		}
		_, err = q.ExecContext(ctx, `INSERT INTO request_feedback (request_id, side, rating, note, given_at) VALUES ($1, $2, $3, $4, $5)`,
			id, string(f.By), f.Rating, f.Note, ts(now))
		if isUniqueViolation(err) {
			return center.CheckFeedback(r, &f, true)
		}
		if err != nil {
			return fmt.Errorf("save feedback: %w", err)
		}
		return nil
	})
	return f, err
}

// FeedbackReceipt is what the side who gave feedback reads back, from the
// API and from `ally request feedback --json`: never a rating.
type FeedbackReceipt struct {
	RequestID int64     `json:"request_id"`
	By        string    `json:"by"`
	Note      string    `json:"note"`
	GivenAt   time.Time `json:"given_at"`
}

// ReceiptOf is the receipt of feedback f on request id, kept at now.
func ReceiptOf(id int64, f center.Feedback, now time.Time) FeedbackReceipt {
	return FeedbackReceipt{RequestID: id, By: string(f.By), Note: f.Note, GivenAt: now.UTC()}
}

// FeedbackGiven is what the two sides of a request may know of its
// feedback: whether each gave theirs, and the student's thank-you note,
// which the volunteer reads. It holds no rating: those are the advisors'
// and only in aggregate (FeedbackSummary).
type FeedbackGiven struct {
	Student   bool
	Volunteer bool
	ThankYou  string    // the student's note to the volunteer; empty: none
	ThankedAt time.Time // when the student gave it
}

// RequestFeedback tells what the sides of a request may know of its feedback.
func (s *Store) RequestFeedback(ctx context.Context, id int64) (FeedbackGiven, error) {
	var g FeedbackGiven
	rows, err := s.r.QueryContext(ctx, `SELECT side, note, given_at FROM request_feedback WHERE request_id = $1`, id)
	if err != nil {
		return g, fmt.Errorf("read feedback: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var side, note string
		var at nullTime
		if err := rows.Scan(&side, &note, &at); err != nil {
			return g, fmt.Errorf("read feedback: %w", err)
		}
		switch center.Actor(side) {
		case center.ActorStudent:
			g.Student, g.ThankYou, g.ThankedAt = true, note, at.Time
		case center.ActorVolunteer:
			g.Volunteer = true
		}
	}
	return g, rows.Err()
}

// RatingSummary sums up the ratings one side gave.
type RatingSummary struct {
	Count  int
	Mean   float64 // 0 when Count is 0
	Counts [5]int  // how many gave 1, 2, 3, 4 and 5
}

// AdvisorWord is a volunteer's word for the advisors after a conversation.
type AdvisorWord struct {
	RequestID int64
	Note      string
	GivenAt   time.Time
}

// FeedbackSummary is the feedback of a period as advisors see it: the
// ratings in aggregate only, and the volunteers' words to them.
type FeedbackSummary struct {
	Usefulness   RatingSummary // the students' ratings of their conversations
	Preparedness RatingSummary // the volunteers' ratings of how prepared the students were
	Words        []AdvisorWord // newest first
}

// FeedbackSummary sums up the feedback given in [from, to) (a zero bound:
// open). Only advisors read it (actReviewRequests).
func (s *Store) FeedbackSummary(ctx context.Context, from, to time.Time) (FeedbackSummary, error) {
	var sum FeedbackSummary
	where, args := `1 = 1`, []any{}
	if !from.IsZero() {
		args = append(args, ts(from))
		where += fmt.Sprintf(` AND given_at >= $%d`, len(args))
	}
	if !to.IsZero() {
		args = append(args, ts(to))
		where += fmt.Sprintf(` AND given_at < $%d`, len(args))
	}
	rows, err := s.r.QueryContext(ctx, `SELECT side, rating, COUNT(*) FROM request_feedback WHERE `+where+` GROUP BY side, rating`, args...)
	if err != nil {
		return sum, fmt.Errorf("sum up feedback: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var side string
		var rating, n int
		if err := rows.Scan(&side, &rating, &n); err != nil {
			return sum, fmt.Errorf("sum up feedback: %w", err)
		}
		rs := &sum.Usefulness
		if center.Actor(side) == center.ActorVolunteer {
			rs = &sum.Preparedness
		}
		if rating >= 1 && rating <= 5 {
			rs.Counts[rating-1] += n
		}
	}
	if err := rows.Err(); err != nil {
		return sum, err
	}
	for _, rs := range []*RatingSummary{&sum.Usefulness, &sum.Preparedness} {
		total := 0
		for i, n := range rs.Counts {
			rs.Count += n
			total += (i + 1) * n
		}
		if rs.Count > 0 {
			rs.Mean = float64(total) / float64(rs.Count)
		}
	}
	words, err := s.r.QueryContext(ctx, `SELECT request_id, note, given_at FROM request_feedback WHERE `+where+
		` AND side = 'volunteer' AND note <> '' ORDER BY given_at DESC, request_id DESC`, args...)
	if err != nil {
		return sum, fmt.Errorf("read the volunteers' words: %w", err)
	}
	defer words.Close()
	for words.Next() {
		var w AdvisorWord
		var at nullTime
		if err := words.Scan(&w.RequestID, &w.Note, &at); err != nil {
			return sum, fmt.Errorf("read the volunteers' words: %w", err)
		}
		w.GivenAt = at.Time
		sum.Words = append(sum.Words, w)
	}
	return sum, words.Err()
}
