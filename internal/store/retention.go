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
		res, err := s.w.ExecContext(ctx, `UPDATE requests SET message = '', purpose = '', question = '', answer = '', reason = '',
				student_why = '', override = ''
			WHERE id IN (SELECT id FROM requests WHERE created_at < $1
				AND state NOT IN ('pending', 'more_info', 'accepted')
				AND (message <> '' OR purpose <> '' OR question <> '' OR answer <> '' OR reason <> '' OR student_why <> '' OR override <> '')
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
