package store

import (
	"context"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
)

// RequestLinkKeyIfMade is the key that signs request links, or ok false
// when none was made yet (so no link can be good): unlike RequestLinkKey
// it never writes, for the pages a GET opens.
func (s *Store) RequestLinkKeyIfMade(ctx context.Context) (key []byte, ok bool, err error) {
	return s.readLinkKey(ctx, s.r)
}

// RequestLinkUsed says whether the one-click link with this nonce has
// acted already.
func (s *Store) RequestLinkUsed(ctx context.Context, nonce string) (bool, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM request_link_uses WHERE nonce = $1`, nonce).Scan(&n); err != nil {
		return false, fmt.Errorf("read the link's use: %w", err)
	}
	return n > 0, nil
}

// StepRequestByLink takes the step st on the request a verified one-click
// link names, as its volunteer, exactly as StepRequest does, and records
// the link's use in the same transaction: of several uses of one link at
// once, one acts and the others get ErrLinkUsed. A refused step records
// nothing, so the link still works for another answer.
func (s *Store) StepRequestByLink(ctx context.Context, set center.Settings, c requestmail.Claim, st center.Step) (center.Request, []center.Request, error) {
	var r center.Request
	var withdrawn []center.Request
	err := s.inTx(ctx, func(q queryer) error {
		res, err := q.ExecContext(ctx, `INSERT INTO request_link_uses (nonce, request_id, action, used_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (nonce) DO NOTHING`, c.Nonce, c.RequestID, string(c.Action), ts(st.At))
		if err != nil {
			return fmt.Errorf("record the link's use: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrLinkUsed
		}
		var volunteer int64
		if err := q.QueryRowContext(ctx, `SELECT volunteer_id FROM requests WHERE id = $1`, c.RequestID).Scan(&volunteer); err != nil {
			return noRows(err, "request", c.RequestID)
		}
		st.By = center.ActorVolunteer
		r, withdrawn, err = s.stepRequestIn(ctx, q, set, c.RequestID, volunteer, st)
		return err
	})
	return r, withdrawn, err
}

// MailPrefs is how the account id takes the center's email.
func (s *Store) MailPrefs(ctx context.Context, id int64) (model.MailPrefs, error) {
	var p model.MailPrefs
	var out, bounce nullTime
	err := s.r.QueryRowContext(ctx, `SELECT mail_mode, mail_opt_out_at, bouncing_at FROM accounts WHERE user_id = $1`, id).
		Scan(&p.Mode, &out, &bounce)
	if err != nil {
		return p, noRows(err, "account", id)
	}
	p.OptedOutAt, p.BouncingAt = out.Time, bounce.Time
	return p, nil
}

// SetMailOptOut stops (out) or restarts the account's non-essential
// email at now. Stopping twice keeps the first date.
func (s *Store) SetMailOptOut(ctx context.Context, id int64, out bool, now time.Time) error {
	query := `UPDATE accounts SET mail_opt_out_at = NULL WHERE user_id = $1`
	args := []any{id}
	if out {
		query = `UPDATE accounts SET mail_opt_out_at = COALESCE(mail_opt_out_at, $2) WHERE user_id = $1`
		args = append(args, ts(now))
	}
	res, err := s.w.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("change the account's email: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return notFound("account", id)
	}
	return nil
}

// SetMailMode sets how the account takes the emails of new requests. A
// digest starts at now: the first, due the next morning in the account's
// zone, lists the requests that come after.
func (s *Store) SetMailMode(ctx context.Context, id int64, mode model.MailMode, now time.Time) error {
	if _, err := model.ParseMailMode(string(mode)); err != nil {
		return err
	}
	loc, err := s.AccountTimeZone(ctx, id)
	if err != nil {
		return err
	}
	var next any
	if mode == model.MailDigest {
		next = ts(requestmail.NextDigest(now, loc))
	}
	// Choosing the mode one has changes nothing.
	res, err := s.w.ExecContext(ctx, `UPDATE accounts SET mail_mode = $2, last_digest_at = $3, next_digest_at = $4
		WHERE user_id = $1 AND mail_mode <> $2`, id, string(mode), ts(now), next)
	if err != nil {
		return fmt.Errorf("change how the account takes email: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		if _, err := s.MailPrefs(ctx, id); err != nil {
			return err
		}
	}
	return nil
}
