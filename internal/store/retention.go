package store

import (
	"context"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/center"
)

// pruneBatch is how many requests one statement of PruneRequestTexts
// empties, so that no write holds the database for long.
const pruneBatch = 500

// emptyRequestTexts empties (in an UPDATE's SET) every column of a
// request that holds what someone wrote: the message, the question and
// answer, the reasons, the student's explanation and their word on an
// override. What the figures count (states, times, the decline reason's
// kind, the flags) stays. hasRequestTexts finds the requests that still
// hold any. Retention (PruneRequestTexts) and a deleted account
// (DeleteAccount) both use them.
const (
	emptyRequestTexts = `message = '', purpose = '', question = '', answer = '', reason = '', student_why = '', override = ''`
	hasRequestTexts   = `(message <> '' OR purpose <> '' OR question <> '' OR answer <> '' OR reason <> '' OR student_why <> '' OR override <> '')`
)

// PruneRequestTexts deletes what people wrote in the requests created
// more than set.RetentionDays before now that are closed (neither
// waiting for an answer nor accepted): the message, the question and
// answer, the reasons, the student's explanation and their word on an
// override. Everything the figures count stays (states, times, the
// decline reason's kind, the flag that counts overrides). It returns how many requests it emptied.
func (s *Store) PruneRequestTexts(ctx context.Context, set center.Settings, now time.Time) (int, error) {
	cutoff := now.AddDate(0, 0, -set.RetentionDays)
	total := 0
	for {
		res, err := s.w.ExecContext(ctx, `UPDATE requests SET `+emptyRequestTexts+`
			WHERE id IN (SELECT id FROM requests WHERE created_at < $1
				AND state NOT IN ('pending', 'more_info', 'accepted')
				AND `+hasRequestTexts+`
				LIMIT $2)`, ts(cutoff), pruneBatch)
		if err != nil {
			return total, fmt.Errorf("delete old request texts: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, err
		}
		total += int(n)
		if n < pruneBatch {
			return total, nil
		}
	}
}

// retentionFact names, in instance_facts, the last day (UTC, as
// YYYY-MM-DD) the retention of request texts ran.
const retentionFact = "retention_ran_on"

// ClaimRetention reports whether the daily retention work is to run at
// now: once a UTC day, however many instances ask. Each asks by one
// update that moves the stored day on only if it is earlier, so of
// several at once exactly one finds it moved.
func (s *Store) ClaimRetention(ctx context.Context, now time.Time) (bool, error) {
	day := now.UTC().Format(time.DateOnly)
	if _, err := s.w.ExecContext(ctx, `INSERT INTO instance_facts (name, value) VALUES ($1, '') ON CONFLICT (name) DO NOTHING`, retentionFact); err != nil {
		return false, fmt.Errorf("claim the retention run: %w", err)
	}
	res, err := s.w.ExecContext(ctx, `UPDATE instance_facts SET value = $2 WHERE name = $1 AND value < $2`, retentionFact, day)
	if err != nil {
		return false, fmt.Errorf("claim the retention run: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
