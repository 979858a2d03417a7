package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
)

// addNotice records, in q, a request event for the account's agenda: every
// event that emails its reader, whether or not the email goes (the app is
// where an unsubscribed reader finds it), but the calendar invitation,
// which repeats the acceptance.
func addNotice(ctx context.Context, q queryer, account, request int64, kind requestmail.Kind, sugg []requestmail.Suggestion, now time.Time) error {
	if kind == requestmail.Invitation {
		return nil
	}
	var js string
	if len(sugg) > 0 {
		out := make([]model.NoticeSuggestion, 0, len(sugg))
		for _, s := range sugg {
			out = append(out, model.NoticeSuggestion{ID: s.ID, Name: s.Name, Common: s.Common})
		}
		b, err := json.Marshal(out)
		if err != nil {
			return err
		}
		js = string(b)
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO request_notices (account_id, request_id, kind, suggestions, created_at) VALUES ($1, $2, $3, $4, $5)`,
		account, request, string(kind), js, ts(now)); err != nil {
		return fmt.Errorf("note the request's event: %w", err)
	}
	return nil
}

// waitingKinds are the notices that ask their reader to act on the
// request: once it no longer waits on them, they go by themselves.
var waitingKinds = map[center.Actor][]requestmail.Kind{
	center.ActorVolunteer: {requestmail.Sent, requestmail.Answered, requestmail.Reminder},
	center.ActorStudent:   {requestmail.AskedMore, requestmail.Reminder},
}

// settleNotices puts away, in q, the notices of request r that asked a
// side to act when the request no longer waits on that side (it was
// answered, withdrawn, expired…), and the "did it happen?" prompts once
// the outcome is recorded.
func settleNotices(ctx context.Context, q queryer, r center.Request, now time.Time) error {
	for side, kinds := range waitingKinds {
		if r.State.Open() && r.WaitsOn() == side {
			continue
		}
		id := r.VolunteerID
		if side == center.ActorStudent {
			id = r.StudentID
		}
		for _, k := range kinds {
			if err := dismissKind(ctx, q, r, id, k, now); err != nil {
				return err
			}
		}
	}
	if r.State != center.StateAccepted {
		for _, id := range []int64{r.StudentID, r.VolunteerID} {
			if err := dismissKind(ctx, q, r, id, requestmail.AskOutcome, now); err != nil {
				return err
			}
		}
	}
	return nil
}

func dismissKind(ctx context.Context, q queryer, r center.Request, account int64, k requestmail.Kind, now time.Time) error {
	if _, err := q.ExecContext(ctx, `UPDATE request_notices SET dismissed_at = $4
		WHERE request_id = $1 AND account_id = $2 AND kind = $3 AND dismissed_at IS NULL`, r.ID, account, string(k), ts(now)); err != nil {
		return fmt.Errorf("settle the request's notices: %w", err)
	}
	return nil
}

// Notices lists the account's notices not put away, newest first, at
// most limit.
func (s *Store) Notices(ctx context.Context, account int64, limit int) ([]model.Notice, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT n.id, n.request_id, n.kind, n.suggestions, n.created_at, r.field, r.student_id, r.volunteer_id
		FROM request_notices n JOIN requests r ON r.id = n.request_id
		WHERE n.account_id = $1 AND n.dismissed_at IS NULL ORDER BY n.created_at DESC, n.id DESC LIMIT $2`, account, limit)
	if err != nil {
		return nil, fmt.Errorf("read the notices: %w", err)
	}
	defer rows.Close()
	var out []model.Notice
	for rows.Next() {
		var n model.Notice
		var sugg string
		var at nullTime
		if err := rows.Scan(&n.ID, &n.RequestID, &n.Kind, &sugg, &at, &n.Field, &n.StudentID, &n.VolunteerID); err != nil {
			return nil, fmt.Errorf("read the notices: %w", err)
		}
		n.CreatedAt = at.Time
		if sugg != "" {
			if err := json.Unmarshal([]byte(sugg), &n.Suggestions); err != nil {
				return nil, fmt.Errorf("notice %d: %w", n.ID, err)
			}
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// NoticesStamp changes whenever the account's notices do (one added, one
// put away): the home page's cache keys on it.
func (s *Store) NoticesStamp(ctx context.Context, account int64) (string, error) {
	var n, last int64
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(id), 0) FROM request_notices WHERE account_id = $1 AND dismissed_at IS NULL`,
		account).Scan(&n, &last)
	if err != nil {
		return "", fmt.Errorf("read the notices: %w", err)
	}
	return strconv.FormatInt(n, 10) + "." + strconv.FormatInt(last, 10), nil
}

// DismissNotice puts away one of the account's notices at now; another
// account's is not found.
func (s *Store) DismissNotice(ctx context.Context, account, id int64, now time.Time) error {
	res, err := s.w.ExecContext(ctx, `UPDATE request_notices SET dismissed_at = COALESCE(dismissed_at, $3) WHERE id = $1 AND account_id = $2`,
		id, account, ts(now))
	if err != nil {
		return fmt.Errorf("put the notice away: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return notFound("notice", id)
	}
	return nil
}
