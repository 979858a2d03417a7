package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
)

// A Block is a student whose no-shows and late cancellations stop their
// new requests until an advisor clears them.
type Block struct {
	StudentID int64
	Name      string
	Email     string
	Since     time.Time   // the strike that made the block
	Strikes   []time.Time // the strikes that count (after the last clearing), oldest first
}

// Blocks lists the students blocked now (center.Settings.BlockedSince),
// the most recent block first: the advisors' list of blocks to clear.
func (s *Store) Blocks(ctx context.Context, set center.Settings) ([]Block, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.student_id, u.name, u.email, r.strike_at,
		(SELECT MAX(c.cleared_at) FROM request_block_clearings c WHERE c.student_id = r.student_id)
		FROM requests r JOIN users u ON u.id = r.student_id
		WHERE r.strike_at IS NOT NULL ORDER BY r.student_id, r.strike_at`)
	if err != nil {
		return nil, fmt.Errorf("read blocks: %w", err)
	}
	defer rows.Close()
	var students []*Block
	strikes := map[int64][]time.Time{}
	cleared := map[int64]time.Time{}
	for rows.Next() {
		var b Block
		var at, clearedAt nullTime
		if err := rows.Scan(&b.StudentID, &b.Name, &b.Email, &at, &clearedAt); err != nil {
			return nil, fmt.Errorf("read blocks: %w", err)
		}
		if _, seen := strikes[b.StudentID]; !seen {
			students = append(students, &b)
		}
		strikes[b.StudentID] = append(strikes[b.StudentID], at.Time)
		cleared[b.StudentID] = clearedAt.Time
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []Block
	for _, b := range students {
		since, blocked := set.BlockedSince(strikes[b.StudentID], cleared[b.StudentID])
		if !blocked {
			continue
		}
		b.Since = since
		for _, t := range strikes[b.StudentID] {
			if t.After(cleared[b.StudentID]) {
				b.Strikes = append(b.Strikes, t)
			}
		}
		out = append(out, *b)
	}
	slices.SortStableFunc(out, func(a, b Block) int { return b.Since.Compare(a.Since) }) // newest block first
	return out, nil
}

// ReportedRequests lists the requests volunteers reported, the latest
// first: advisors read them with their message.
func (s *Store) ReportedRequests(ctx context.Context) ([]center.Request, error) {
	reqs, err := queryRequests(ctx, s.r, `state = 'reported'`)
	slices.Reverse(reqs)
	return reqs, err
}

// MaxFlaggedListed is how many requests sent over the checker the
// advisors' review lists, the latest first.
const MaxFlaggedListed = 50

// FlaggedRequests lists the latest requests students sent over the
// etiquette checker's error with a word why (at most MaxFlaggedListed,
// newest first), those neither reported since nor marked reviewed by an
// advisor: advisors review the word and the request's metadata, not its
// message. reviewed counts those already marked reviewed (and not
// reported), so the page can say the list is not all there was.
func (s *Store) FlaggedRequests(ctx context.Context) (reqs []center.Request, reviewed int, err error) {
	reqs, err = queryRequests(ctx, s.r, `id IN (SELECT id FROM requests WHERE flagged AND state <> 'reported'
		AND NOT EXISTS (SELECT 1 FROM request_reviews v WHERE v.request_id = requests.id)
		ORDER BY created_at DESC, id DESC LIMIT $1)`, MaxFlaggedListed)
	if err != nil {
		return nil, 0, err
	}
	slices.Reverse(reqs)
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM request_reviews v JOIN requests r ON r.id = v.request_id
		WHERE r.state <> 'reported'`).Scan(&reviewed); err != nil {
		return nil, 0, fmt.Errorf("count the reviewed requests: %w", err)
	}
	return reqs, reviewed, nil
}

// ErrNotFlagged is returned (wrapping ErrConflict) when an advisor marks
// reviewed a request that was not sent over the checker.
var ErrNotFlagged = fmt.Errorf("the request was not sent over the checker, so there is nothing to review: %w", ErrConflict)

// MarkReviewed records that an advisor looked at a request sent over the
// checker's error: it leaves the review list. Marking it again (another
// advisor at the same moment, a second click) changes nothing and is not
// an error; only the first mark is audited.
func (s *Store) MarkReviewed(ctx context.Context, requestID int64, by model.Actor, now time.Time) error {
	return s.inTx(ctx, func(q queryer) error {
		var flagged bool
		err := q.QueryRowContext(ctx, `SELECT flagged FROM requests WHERE id = $1`, requestID).Scan(&flagged)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("request", requestID)
		}
		if err != nil {
			return fmt.Errorf("mark request %d reviewed: %w", requestID, err)
		}
		if !flagged {
			return ErrNotFlagged
		}
		res, err := q.ExecContext(ctx, `INSERT INTO request_reviews (request_id, reviewed_at, reviewed_by) VALUES ($1, $2, $3)
			ON CONFLICT (request_id) DO NOTHING`, requestID, ts(now), nullInt(by.ID))
		if err != nil {
			return fmt.Errorf("mark request %d reviewed: %w", requestID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return audit(ctx, q, entry(by, now, "request.review", fmt.Sprintf("request %d", requestID), "sent over the checker: reviewed"))
	})
}
