package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
)

// DueDigests lists the accounts whose daily digest is due at now, at most
// limit, earliest first: what the job runner works on.
func (s *Store) DueDigests(ctx context.Context, now time.Time, limit int) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT user_id FROM accounts WHERE next_digest_at <= $1 AND mail_mode = 'digest'
		ORDER BY next_digest_at, user_id LIMIT $2`, ts(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due digests: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("due digests: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// RunDigest makes the daily digest of account id if it is due at now: one
// email listing the requests to them still waiting that came since the
// last digest, each with its one-click links, queued with a key of its
// day. Under the account's lock it moves the next digest to the next
// morning, so that of several runners one makes it; it returns how many
// requests the email listed (0: none came, or not due, or another runner
// made it). A volunteer who unsubscribed, or whose address bounces, gets
// none, but the day still passes.
func (s *Store) RunDigest(ctx context.Context, set center.Settings, id int64, now time.Time) (int, error) {
	listed := 0
	err := s.inTx(ctx, func(q queryer) error {
		listed = 0
		if err := lockAccounts(ctx, q, id); err != nil {
			return err
		}
		var mode, status string
		var last, next nullTime
		err := q.QueryRowContext(ctx, `SELECT mail_mode, status, last_digest_at, next_digest_at FROM accounts WHERE user_id = $1`, id).
			Scan(&mode, &status, &last, &next)
		if err != nil {
			return noRows(err, "account", id)
		}
		now = stored(now)
		if model.MailMode(mode) != model.MailDigest || !next.Valid || next.Time.After(now) {
			return nil
		}
		v, err := s.mailPartyOf(ctx, q, set, id)
		if err != nil {
			return err
		}
		since := last.Time
		if !last.Valid {
			since = now.Add(-24 * time.Hour)
		}
		if _, err := q.ExecContext(ctx, `UPDATE accounts SET last_digest_at = $2, next_digest_at = $3 WHERE user_id = $1`,
			id, ts(now), ts(requestmail.NextDigest(now, v.Zone))); err != nil {
			return fmt.Errorf("move the digest: %w", err)
		}
		if v.optOut || v.bouncing || v.Email == "" || status != model.StatusActive {
			return nil
		}
		reqs, err := queryRequests(ctx, q, `volunteer_id = $1 AND `+openStates+` AND created_at > $2`, id, ts(since))
		if err != nil || len(reqs) == 0 {
			return err
		}
		centerName, base, err := centerMailFacts(ctx, q)
		if err != nil {
			return err
		}
		key, err := s.requestLinkKey(ctx, q)
		if err != nil {
			return err
		}
		d := requestmail.Digest{Center: centerName, Volunteer: v.Party, ExpiresAt: set.ExpiresAt}
		if base != "" {
			d.Unsubscribe = base + "/unsubscribe/" + requestmail.SignAccount(key, id)
			d.Settings = base + "/requests/to-me"
		}
		for _, r := range reqs {
			student, err := s.mailPartyOf(ctx, q, set, r.StudentID)
			if err != nil {
				return err
			}
			it := requestmail.DigestItem{Request: r, Student: student.Name}
			if base != "" {
				it.RequestURL = base + "/requests/" + strconv.FormatInt(r.ID, 10)
				if it.Actions, err = requestLinks(key, base, r, set.ExpiresAt(r), v.Zone); err != nil {
					return err
				}
			}
			d.Items = append(d.Items, it)
		}
		e, err := requestmail.RenderDigest(d)
		if err != nil {
			return err
		}
		mail := e.ToEmail("request.digest", fmt.Sprintf("digest:%d:%s", id, now.In(v.Zone).Format("2006-01-02")), now)
		mail.AccountID = id
		if _, err := enqueue(ctx, q, mail, now); err != nil {
			return err
		}
		listed = len(d.Items)
		return nil
	})
	return listed, err
}
