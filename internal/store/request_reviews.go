package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/ally-dev/ally/internal/center"
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
// newest first), those not reported since: advisors review the word and
// the request's metadata, not its message.
func (s *Store) FlaggedRequests(ctx context.Context) ([]center.Request, error) {
	reqs, err := queryRequests(ctx, s.r, `id IN (SELECT id FROM requests WHERE flagged AND state <> 'reported'
		ORDER BY created_at DESC, id DESC LIMIT $1)`, MaxFlaggedListed)
	slices.Reverse(reqs)
	return reqs, err
}
