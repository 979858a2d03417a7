package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// DefaultSMTPPerMinute is how many emails a minute the center's mail
// server takes until an advisor says otherwise (00029).
const DefaultSMTPPerMinute = 60

// CenterSMTPRate is how many emails a minute the center's mail server
// takes: all of its emails together go out no faster (ClaimDue), and
// invitations sent in bulk are spread at that rate.
func (s *Store) CenterSMTPRate(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT smtp_per_minute FROM center WHERE id = 1`).Scan(&n)
	if isNoRows(err) {
		return DefaultSMTPPerMinute, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read the mail server's rate: %w", err)
	}
	return n, nil
}

// MaxSMTPPerMinute bounds the rate an advisor may set.
const MaxSMTPPerMinute = 10000

// SetCenterSMTPRate sets how many emails a minute the center's mail
// server takes.
func (s *Store) SetCenterSMTPRate(ctx context.Context, perMinute int, by model.Actor, now time.Time) error {
	if perMinute < 1 || perMinute > MaxSMTPPerMinute {
		return model.Invalid("smtp_per_minute", "give a number of emails a minute from 1 to %d", MaxSMTPPerMinute)
	}
	return s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `UPDATE center SET smtp_per_minute = $1 WHERE id = 1`, perMinute); err != nil {
			return fmt.Errorf("set the mail server's rate: %w", err)
		}
		return audit(ctx, q, entry(by, now, "center.smtp", "center", fmt.Sprintf("%d emails a minute", perMinute)))
	})
}

// An AccountInvite is the invitation ComposeInvite makes for an account:
// its link (the hash of its token) and the email that carries it.
type AccountInvite struct {
	Link model.Link
	Hash string
	Mail model.Email
}

// ComposeInvite writes the invitation of one account.
type ComposeInvite func(a model.Account) (AccountInvite, error)

// InviteReport says what InviteAccounts did.
type InviteReport struct {
	Invited int `json:"invited"`
	// Skipped have signed in or have a password already, or are disabled:
	// they need no invitation.
	Skipped int `json:"skipped"`
	// FirstDue and LastDue are when the first and last email go out: the
	// emails are spread at the mail server's rate.
	FirstDue time.Time `json:"first_due"`
	LastDue  time.Time `json:"last_due"`
}

// InviteAccounts invites the accounts ids (made by an import, say) that
// cannot sign in yet, in one transaction: each gets a link that lets
// them choose their password (their older open invitations stop
// working), and the email that carries it. The emails are due one after
// another at the center's rate (CenterSMTPRate), after those of earlier
// bulk invitations still waiting: the outbox sends each when due.
func (s *Store) InviteAccounts(ctx context.Context, ids []int64, compose ComposeInvite, by model.Actor, now time.Time) (InviteReport, error) {
	var rep InviteReport
	err := s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		var rate int
		var last nullTime
		if err := q.QueryRowContext(ctx, `SELECT c.smtp_per_minute, (SELECT MAX(o.due_at) FROM outbox o
				WHERE o.kind = 'invite' AND o.sent_at IS NULL AND o.failed_at IS NULL)
			FROM center c WHERE c.id = 1`).Scan(&rate, &last); err != nil {
			return fmt.Errorf("read the mail server's rate: %w", err)
		}
		gap := time.Minute / time.Duration(max(rate, 1))
		due := now
		if last.Valid && !last.Time.Before(now) {
			due = last.Time.Add(gap)
		}
		sc := &Scope{st: s, r: q, w: q, inTx: true, touches: &touchedSet{}}
		links := sc.batchInserter("one_time_links", "token_hash", "purpose", "email_key", "email", "name", "roles", "user_id",
			"created_by", "created_at", "expires_at")
		mails := sc.batchInserter("outbox", "kind", "dedupe_key", "to_addr", "subject", "body", "due_at", "created_at", "account_id")
		defer links.close()
		defer mails.close()
		const per = 500
		for start := 0; start < len(ids); start += per {
			chunk := ids[start:min(len(ids), start+per)]
			args := make([]any, len(chunk))
			for i, id := range chunk {
				args[i] = id
			}
			rows, err := q.QueryContext(ctx, accountSelect+` WHERE a.user_id IN (`+placeholders(1, len(chunk))+`) ORDER BY u.id`, args...)
			if err != nil {
				return fmt.Errorf("read the accounts to invite: %w", err)
			}
			as, err := scanAccounts(rows)
			if err != nil {
				return err
			}
			var keys []any
			for _, a := range as {
				if !a.Active() || a.PasswordHash != "" || a.LastSignInAt != nil {
					rep.Skipped++
					continue
				}
				inv, err := compose(a)
				if err != nil {
					return err
				}
				inv.Mail.To, inv.Mail.DueAt, inv.Mail.AccountID = a.Email, due, a.ID
				if err := inv.Mail.Validate(); err != nil {
					return err
				}
				if rep.Invited == 0 {
					rep.FirstDue = stored(due)
				}
				rep.LastDue = stored(due)
				rep.Invited++
				keys = append(keys, model.EmailKey(a.Email))
				roles := ""
				for i, r := range a.Roles {
					if i > 0 {
						roles += "\n"
					}
					roles += string(r)
				}
				if err := links.add(ctx, inv.Hash, string(model.LinkInvite), model.EmailKey(a.Email), a.Email, a.Name, roles, a.ID,
					nullInt(by.ID), ts(now), ts(inv.Link.ExpiresAt)); err != nil {
					return err
				}
				if err := mails.add(ctx, inv.Mail.Kind, inv.Mail.DedupeKey, inv.Mail.To, inv.Mail.Subject, inv.Mail.Body, ts(due), ts(now), a.ID); err != nil {
					return err
				}
				due = due.Add(gap)
			}
			if len(keys) > 0 {
				// The older open invitations stop working before the new
				// links are written.
				if _, err := q.ExecContext(ctx, `UPDATE one_time_links SET expires_at = $1 WHERE purpose = 'invite' AND used_at IS NULL
					AND expires_at > $1 AND email_key IN (`+placeholders(2, len(keys))+`)`, append([]any{ts(now)}, keys...)...); err != nil {
					return fmt.Errorf("withdraw older invitations: %w", err)
				}
			}
			if err := links.flush(ctx); err != nil {
				return err
			}
			if err := mails.flush(ctx); err != nil {
				return err
			}
		}
		return audit(ctx, q, entry(by, now, "user.invite.bulk", "center",
			fmt.Sprintf("%d invited, %d skipped; %d emails a minute", rep.Invited, rep.Skipped, rate)))
	})
	return rep, err
}

// UninvitedAccounts lists the accounts of role ("" for students and
// volunteers) that cannot sign in yet (no password, never signed in) and
// have no open invitation: those a bulk invitation is for.
func (s *Store) UninvitedAccounts(ctx context.Context, role model.Role, now time.Time) ([]int64, error) {
	args := []any{ts(now)}
	cond := `r.role IN ('student', 'volunteer')`
	if role != "" {
		args = append(args, string(role))
		cond = `r.role = $2`
	}
	var ids []int64
	err := eachRow(ctx, s.r, `SELECT DISTINCT a.user_id FROM accounts a JOIN account_roles r ON r.user_id = a.user_id
		WHERE `+cond+` AND a.status = 'active' AND a.password_hash = '' AND a.last_signin_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM one_time_links l WHERE l.purpose = 'invite' AND l.email_key = a.email_key
			AND l.used_at IS NULL AND l.expires_at > $1)
		ORDER BY a.user_id`, args, func(rs *sql.Rows) error {
		var id int64
		if err := rs.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find the accounts to invite: %w", err)
	}
	return ids, nil
}
