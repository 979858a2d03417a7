package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/method"
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

// blockSlackDays is how many days past the center's window a pair of
// strikes may be apart in absolute time and still make a block in its
// time zone: a calendar day is 23 to 25 hours, and a zone that moved its
// date line skipped or repeated one; the reading below keeps every pair
// within the window and a day or two more, and the rule in Go
// (center.Settings.BlockedSince) decides.
const blockSlackDays = 2

// blockSince reads when each student blocked now was blocked (the strike
// that made it), without their strikes: the strikes that count (after
// the student's last clearing) each with the one BlockAfter-1 before it
// (the first of a window that may block), kept only when the two are
// within the window and its slack, in the order of requests_strikes. The
// first pair of a student that is within the window by the center's
// calendar is the block's (as BlockedSince walks the strikes). students
// limits it to some students (nil: all).
func (s *Store) blockSince(ctx context.Context, set center.Settings, students []int64) (map[int64]time.Time, error) {
	within := `w.strike_at <= w.first_at + CAST($2 AS BIGINT) * INTERVAL '1 day'`
	if s.dialect == SQLite {
		within = `julianday(w.strike_at) <= julianday(w.first_at) + $2`
	}
	args := []any{set.BlockAfter - 1, set.BlockWindowDays + blockSlackDays}
	only := ``
	if students != nil {
		if len(students) == 0 {
			return map[int64]time.Time{}, nil
		}
		only = ` AND r.student_id IN (` + placeholders(3, len(students)) + `)`
		for _, id := range students {
			args = append(args, id)
		}
	}
	rows, err := s.r.QueryContext(ctx, `SELECT w.student_id, w.strike_at, w.first_at FROM (
		SELECT r.student_id, r.strike_at, LAG(r.strike_at, $1) OVER (PARTITION BY r.student_id ORDER BY r.strike_at) AS first_at
		FROM requests r LEFT JOIN (SELECT c.student_id, MAX(c.cleared_at) AS cleared_at FROM request_block_clearings c GROUP BY c.student_id) k
			ON k.student_id = r.student_id
		WHERE r.strike_at IS NOT NULL AND (k.cleared_at IS NULL OR r.strike_at > k.cleared_at)`+only+`) w
		WHERE w.first_at IS NOT NULL AND `+within+` ORDER BY w.student_id, w.strike_at`, args...)
	if err != nil {
		return nil, fmt.Errorf("read blocks: %w", err)
	}
	defer rows.Close()
	loc := set.Location()
	out := map[int64]time.Time{}
	for rows.Next() {
		var id int64
		var at, first nullTime
		if err := rows.Scan(&id, &at, &first); err != nil {
			return nil, fmt.Errorf("read blocks: %w", err)
		}
		if _, done := out[id]; done {
			continue
		}
		if !at.Time.After(method.AddDays(first.Time, set.BlockWindowDays, loc)) {
			out[id] = at.Time
		}
	}
	return out, rows.Err()
}

// BlockPage counts the students blocked now (center.Settings.BlockedSince)
// and lists a page of them, the most recent block first (ties by
// account): the advisors' list of blocks to clear. Only the page's
// students' strikes and names are read.
func (s *Store) BlockPage(ctx context.Context, set center.Settings, limit, offset int) (page []Block, total int, err error) {
	since, err := s.blockSince(ctx, set, nil)
	if err != nil {
		return nil, 0, err
	}
	all := make([]Block, 0, len(since))
	for id, t := range since {
		all = append(all, Block{StudentID: id, Since: t})
	}
	slices.SortFunc(all, func(a, b Block) int {
		if c := b.Since.Compare(a.Since); c != 0 { // newest block first
			return c
		}
		return cmp.Compare(a.StudentID, b.StudentID)
	})
	total = len(all)
	if offset > len(all) {
		offset = len(all)
	}
	if limit >= 0 && offset+limit < len(all) {
		all = all[:offset+limit]
	}
	page = all[offset:]
	return page, total, s.blockDetails(ctx, page)
}

// Blocks lists every student blocked now, the most recent block first.
func (s *Store) Blocks(ctx context.Context, set center.Settings) ([]Block, error) {
	page, _, err := s.BlockPage(ctx, set, -1, 0)
	return page, err
}

// BlockOf is the student's block now; ok is false when they are not
// blocked.
func (s *Store) BlockOf(ctx context.Context, set center.Settings, studentID int64) (b Block, ok bool, err error) {
	since, err := s.blockSince(ctx, set, []int64{studentID})
	if err != nil {
		return Block{}, false, err
	}
	t, ok := since[studentID]
	if !ok {
		return Block{}, false, nil
	}
	bs := []Block{{StudentID: studentID, Since: t}}
	if err := s.blockDetails(ctx, bs); err != nil {
		return Block{}, false, err
	}
	return bs[0], true, nil
}

// Blocked tells whether the student is blocked now.
func (s *Store) Blocked(ctx context.Context, set center.Settings, studentID int64) (bool, error) {
	since, err := s.blockSince(ctx, set, []int64{studentID})
	return len(since) > 0, err
}

// blockDetails fills in the blocked students' names and the strikes that
// count (after their last clearing), oldest first.
func (s *Store) blockDetails(ctx context.Context, bs []Block) error {
	if len(bs) == 0 {
		return nil
	}
	args := make([]any, len(bs))
	byID := make(map[int64]*Block, len(bs))
	for i := range bs {
		args[i] = bs[i].StudentID
		byID[bs[i].StudentID] = &bs[i]
	}
	rows, err := s.r.QueryContext(ctx, `SELECT r.student_id, u.name, u.email, r.strike_at
		FROM requests r JOIN users u ON u.id = r.student_id
		WHERE r.strike_at IS NOT NULL AND r.student_id IN (`+placeholders(1, len(bs))+`)
			AND NOT EXISTS (SELECT 1 FROM request_block_clearings c WHERE c.student_id = r.student_id AND c.cleared_at >= r.strike_at)
		ORDER BY r.student_id, r.strike_at`, args...)
	if err != nil {
		return fmt.Errorf("read blocks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name, email string
		var at nullTime
		if err := rows.Scan(&id, &name, &email, &at); err != nil {
			return fmt.Errorf("read blocks: %w", err)
		}
		b := byID[id]
		b.Name, b.Email = name, email
		b.Strikes = append(b.Strikes, at.Time)
	}
	return rows.Err()
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
