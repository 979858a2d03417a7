package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
)

// Enqueue puts an email in the outbox. queued is false when an email with
// the same dedupe key is there already (sent or not): one logical email is
// never queued twice.
func (s *Store) Enqueue(ctx context.Context, e model.Email, now time.Time) (queued bool, err error) {
	return enqueue(ctx, s.w, e, now)
}

// enqueue queues e in q, so that a change and its email commit together.
func enqueue(ctx context.Context, q queryer, e model.Email, now time.Time) (bool, error) {
	if err := e.Validate(); err != nil {
		return false, err
	}
	res, err := q.ExecContext(ctx, `INSERT INTO outbox (kind, dedupe_key, to_addr, subject, body, due_at, created_at, html, ics, account_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (dedupe_key) DO NOTHING`,
		e.Kind, e.DedupeKey, e.To, e.Subject, e.Body, ts(e.DueAt), ts(now), e.HTML, e.ICS, nullInt(e.AccountID))
	if err != nil {
		return false, fmt.Errorf("queue %s email: %w", e.Kind, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

const outboxColumns = `id, kind, to_addr, subject, body, due_at, attempts, sent_at, failed_at, last_error, created_at, html, ics, COALESCE(account_id, 0)`

const outboxSelect = `SELECT ` + outboxColumns + ` FROM outbox`

func scanOutbox(sc interface{ Scan(...any) error }) (model.OutboxMessage, error) {
	var m model.OutboxMessage
	var due, sent, failed, created nullTime
	err := sc.Scan(&m.ID, &m.Kind, &m.To, &m.Subject, &m.Body, &due, &m.Attempts, &sent, &failed, &m.LastError, &created,
		&m.HTML, &m.ICS, &m.AccountID)
	m.DueAt, m.SentAt, m.FailedAt, m.CreatedAt = due.Time, sent.ptr(), failed.ptr(), created.Time
	return m, err
}

func scanOutboxRows(ctx context.Context, q queryer, query string, args ...any) ([]model.OutboxMessage, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read the outbox: %w", err)
	}
	defer rows.Close()
	out := []model.OutboxMessage{}
	for rows.Next() {
		m, err := scanOutbox(rows)
		if err != nil {
			return nil, fmt.Errorf("read the outbox: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ClaimDue takes up to limit messages due at now that no other runner
// holds, for lease: each gets one more attempt and is skipped by every
// other runner until the lease ends. On PostgreSQL the rows are chosen
// with FOR UPDATE SKIP LOCKED, so that runners on several instances take
// different messages instead of queueing on the same ones; SQLite's
// single writer runs one claim at a time. A runner that dies holding a
// claim loses nothing: the message is claimable again when the lease ends.
//
// All of a center's emails together stay within its mail server's rate
// (CenterSMTPRate): a claim takes no more than the rate less the
// attempts claimed in the minute before now, by any runner. The claims
// of several instances are counted one at a time (a transaction lock on
// PostgreSQL), so that two runners cannot both take the same room. When
// the rate is reached ClaimDue returns nothing; the messages wait for a
// later run.
func (s *Store) ClaimDue(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]model.OutboxMessage, error) {
	var out []model.OutboxMessage
	err := s.inTx(ctx, func(q queryer) error {
		lock := ""
		if s.dialect == Postgres {
			lock = " FOR UPDATE SKIP LOCKED"
			if _, err := q.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, outboxRateLock); err != nil {
				return fmt.Errorf("wait for the outbox's rate: %w", err)
			}
		}
		room, err := rateRoom(ctx, q, now)
		if err != nil {
			return err
		}
		if room <= 0 {
			return nil
		}
		out, err = scanOutboxRows(ctx, q, `UPDATE outbox SET attempts = attempts + 1, claimed_until = $2, attempted_at = $1
			WHERE id IN (SELECT id FROM outbox
				WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
				ORDER BY due_at, id LIMIT $3`+lock+`)
			RETURNING `+outboxColumns,
			ts(now), ts(now.Add(lease)), min(limit, room))
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// outboxRateLock is the key of the PostgreSQL advisory lock that makes
// the outbox's claims one at a time ("ally" in ASCII, then 1).
const outboxRateLock int64 = 0x616c6c7901

// rateRoom is how many more emails the mail server may be handed in the
// minute ending at now: its rate less the attempts claimed since.
func rateRoom(ctx context.Context, q queryer, now time.Time) (int, error) {
	var rate, used int
	err := q.QueryRowContext(ctx, `SELECT COALESCE((SELECT smtp_per_minute FROM center WHERE id = 1), $2),
		(SELECT COUNT(*) FROM outbox WHERE attempted_at > $1)`,
		ts(now.Add(-time.Minute)), DefaultSMTPPerMinute).Scan(&rate, &used)
	if err != nil {
		return 0, fmt.Errorf("read the mail server's rate: %w", err)
	}
	return rate - used, nil
}

// OutboxRoom is how many more emails the outbox may hand to the mail
// server in the minute ending at now (ClaimDue's limit); zero or less
// when the rate is reached.
func (s *Store) OutboxRoom(ctx context.Context, now time.Time) (int, error) {
	return rateRoom(ctx, s.r, now)
}

// OutboxDue counts the messages due at now that no runner holds: those
// ClaimDue would take if the rate let it.
func (s *Store) OutboxDue(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox
		WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)`,
		ts(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count the emails due: %w", err)
	}
	return n, nil
}

// ErrLostClaim means a runner's lease on a message ran out and another
// runner claimed it: the result is not recorded twice.
var ErrLostClaim = fmt.Errorf("%w: the message was claimed again after the lease ran out", ErrConflict)

// finishClaim records what became of a claimed message, fenced by the
// attempt it was claimed with.
func (s *Store) finishClaim(ctx context.Context, m model.OutboxMessage, set string, args ...any) error {
	args = append([]any{m.ID, m.Attempts}, args...)
	res, err := s.w.ExecContext(ctx, `UPDATE outbox SET claimed_until = NULL, `+set+`
		WHERE id = $1 AND attempts = $2 AND sent_at IS NULL AND failed_at IS NULL`, args...)
	if err != nil {
		return fmt.Errorf("record email %d: %w", m.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrLostClaim
	}
	return nil
}

// MarkSent records that a claimed message was sent, and drops its body.
func (s *Store) MarkSent(ctx context.Context, m model.OutboxMessage, now time.Time) error {
	return s.finishClaim(ctx, m, `sent_at = $3, body = '', html = '', last_error = ''`, ts(now))
}

// MarkRetry records a temporary failure: the message is due again at due.
func (s *Store) MarkRetry(ctx context.Context, m model.OutboxMessage, due time.Time, why string) error {
	return s.finishClaim(ctx, m, `due_at = $3, last_error = $4`, ts(due), clip(why, 1000))
}

// MarkFailed records that a message will not be sent: the mail server
// refused it for good, or it failed too often.
func (s *Store) MarkFailed(ctx context.Context, m model.OutboxMessage, now time.Time, why string) error {
	return s.finishClaim(ctx, m, `failed_at = $3, last_error = $4`, ts(now), clip(why, 1000))
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// OutboxFilter chooses messages for Outbox.
type OutboxFilter struct {
	Status string // model.OutboxWaiting, OutboxSent, OutboxFailed; "" for all
	Limit  int    // 0 means 100
	Before int64  // only messages older than this id (to page back); 0 from the newest
}

// Outbox lists messages newest first, for advisors.
func (s *Store) Outbox(ctx context.Context, f OutboxFilter) ([]model.OutboxMessage, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	if f.Before <= 0 {
		f.Before = 1<<63 - 1
	}
	where := ""
	switch f.Status {
	case model.OutboxSent:
		where = ` AND sent_at IS NOT NULL`
	case model.OutboxFailed:
		where = ` AND failed_at IS NOT NULL`
	case model.OutboxWaiting:
		where = ` AND sent_at IS NULL AND failed_at IS NULL`
	case "":
	default:
		return nil, model.Invalid("status", "%q is not a status: use waiting, sent or failed", f.Status)
	}
	return scanOutboxRows(ctx, s.r, outboxSelect+` WHERE id < $1`+where+` ORDER BY id DESC LIMIT $2`, f.Before, f.Limit)
}

// OutboxMessage returns one message.
func (s *Store) OutboxMessage(ctx context.Context, id int64) (model.OutboxMessage, error) {
	m, err := scanOutbox(s.r.QueryRowContext(ctx, outboxSelect+` WHERE id = $1`, id))
	if err != nil {
		return m, noRows(err, "email", id)
	}
	return m, nil
}

// centerSMTPPasswordKey names the center's SMTP password for sealing.
const centerSMTPPasswordKey = "center_smtp_password"

// CenterSMTP returns the mail server the center sends through, its
// password decrypted; Configured is false when none is set.
func (s *Store) CenterSMTP(ctx context.Context) (model.CenterSMTP, error) {
	var c model.CenterSMTP
	err := s.r.QueryRowContext(ctx, `SELECT smtp_host, smtp_port, smtp_username, smtp_password, smtp_from, smtp_tls FROM center WHERE id = 1`).
		Scan(&c.Host, &c.Port, &c.Username, &c.Password, &c.From, &c.TLS)
	if isNoRows(err) {
		return c, ErrNotCenter
	}
	if err != nil {
		return c, fmt.Errorf("read the center's mail server: %w", err)
	}
	if c.Password, err = s.secrets.open(centerSMTPPasswordKey, c.Password); err != nil {
		return c, err
	}
	return c, nil
}

// SetCenterSMTP stores the mail server the center sends through, sealing
// its password. keepPassword keeps the stored password (c.Password is
// ignored), so that changing the host does not ask for it again.
func (s *Store) SetCenterSMTP(ctx context.Context, c model.CenterSMTP, keepPassword bool, by model.Actor, now time.Time) error {
	c.Host, c.From, c.Username = strings.TrimSpace(c.Host), strings.TrimSpace(c.From), strings.TrimSpace(c.Username)
	c.TLS = strings.ToLower(strings.TrimSpace(c.TLS))
	var es model.Errors
	if c.Port < 0 || c.Port > 65535 {
		es = append(es, &model.FieldError{Field: "smtp_port", Message: strconv.Itoa(c.Port) + " is not a port (1 to 65535)"})
	}
	switch c.TLS {
	case "", "starttls", "tls", "none":
	default:
		es = append(es, &model.FieldError{Field: "smtp_tls", Message: fmt.Sprintf("%q is not starttls, tls or none", c.TLS)})
	}
	if c.Host != "" && !model.ValidEmail(bareAddress(c.From)) {
		es = append(es, &model.FieldError{Field: "smtp_from", Message: "give the address the center's emails come from, like Career Center <career@westlake.edu>"})
	}
	if len(es) > 0 {
		return es
	}
	sealed, err := s.secrets.seal(centerSMTPPasswordKey, c.Password)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		pw := `, smtp_password = $6`
		args := []any{c.Host, c.Port, c.Username, c.From, c.TLS}
		if keepPassword {
			pw = ""
		} else {
			args = append(args, sealed)
		}
		if _, err := q.ExecContext(ctx, `UPDATE center SET smtp_host = $1, smtp_port = $2, smtp_username = $3, smtp_from = $4, smtp_tls = $5`+pw+` WHERE id = 1`, args...); err != nil {
			return fmt.Errorf("set the center's mail server: %w", err)
		}
		detail := "none"
		if c.Host != "" {
			detail = fmt.Sprintf("%s port %d from %s", c.Host, c.Port, c.From)
		}
		return audit(ctx, q, entry(by, now, "center.smtp", "center", detail))
	})
}

// bareAddress is the address in "Name <addr>", or s itself.
func bareAddress(s string) string {
	if i, j := strings.LastIndexByte(s, '<'), strings.LastIndexByte(s, '>'); i >= 0 && j > i {
		return strings.TrimSpace(s[i+1 : j])
	}
	return strings.TrimSpace(s)
}

// advisorMail is an advisor to tell of something by email.
type advisorMail struct {
	id    int64
	email string
}

// advisorRecipients are the center's active advisors to email, in the
// order of their accounts: not those whose address bounces, nor those who
// stopped these emails by their unsubscribe link (what they are told of
// stays in the console).
func advisorRecipients(ctx context.Context, q queryer) ([]advisorMail, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.id, u.email FROM users u JOIN accounts a ON a.user_id = u.id
		JOIN account_roles r ON r.user_id = u.id AND r.role = 'advisor'
		WHERE a.status = 'active' AND u.email <> '' AND a.bouncing_at IS NULL AND a.mail_opt_out_at IS NULL ORDER BY u.id`)
	if err != nil {
		return nil, fmt.Errorf("find the advisors: %w", err)
	}
	defer rows.Close()
	var advisors []advisorMail
	for rows.Next() {
		var a advisorMail
		if err := rows.Scan(&a.id, &a.email); err != nil {
			return nil, fmt.Errorf("find the advisors: %w", err)
		}
		advisors = append(advisors, a)
	}
	return advisors, rows.Err()
}

// tellAdvisors queues one email to each advisor to tell (advisorRecipients),
// its body ended by the advisor's own unsubscribe link when the center's
// base URL is known. dedupe is the email's key, made unique per advisor.
func (s *Store) tellAdvisors(ctx context.Context, q queryer, kind, dedupe, subject, body string, now time.Time) error {
	centerName, base, err := centerMailFacts(ctx, q)
	if err != nil {
		return err
	}
	advisors, err := advisorRecipients(ctx, q)
	if err != nil || len(advisors) == 0 {
		return err
	}
	var key []byte
	if base != "" {
		if key, err = s.requestLinkKey(ctx, q); err != nil {
			return err
		}
	}
	for _, a := range advisors {
		text := body
		if base != "" {
			text += fmt.Sprintf("\n--\nYou receive this as an advisor of %s. To stop these emails (the console still lists what they tell): %s/unsubscribe/%s\n",
				centerName, base, requestmail.SignAccount(key, a.id))
		}
		mail := model.Email{Kind: kind, To: a.email, DueAt: now, DedupeKey: dedupe + ":" + a.email, Subject: subject, Body: text, AccountID: a.id}
		if _, err := enqueue(ctx, q, mail, now); err != nil {
			return err
		}
	}
	return nil
}

// MarkBouncing records that the mail server refused an account's address
// for good: no more email goes to it (queueRequestMail skips it), and the
// center's advisors are told by email, in the same transaction, once.
func (s *Store) MarkBouncing(ctx context.Context, accountID int64, why string, now time.Time) error {
	return s.inTx(ctx, func(q queryer) error {
		res, err := q.ExecContext(ctx, `UPDATE accounts SET bouncing_at = $2 WHERE user_id = $1 AND bouncing_at IS NULL`, accountID, ts(now))
		if err != nil {
			return fmt.Errorf("mark the address bouncing: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		var name, email string
		if err := q.QueryRowContext(ctx, `SELECT name, email FROM users WHERE id = $1`, accountID).Scan(&name, &email); err != nil {
			return noRows(err, "account", accountID)
		}
		body := fmt.Sprintf("Hello,\n\nThe mail server refused email to %s <%s> for good:\n\n  %s\n\n"+
			"Ally sends nothing more to this address; their requests still wait in the app. "+
			"Please ask them for a working address.\n", name, email, clip(why, 500))
		if err := s.tellAdvisors(ctx, q, "bounce", fmt.Sprintf("bounce:%d:%s", accountID, ts(now)),
			fmt.Sprintf("Email to %s no longer arrives", name), body, now); err != nil {
			return err
		}
		return audit(ctx, q, entry(model.Actor{Name: "ally"}, now, "account.bouncing", fmt.Sprintf("account %d", accountID), clip(why, 500)))
	})
}
