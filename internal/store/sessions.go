package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// CreateSession stores a new signed-in session, and records the sign-in
// as the account's last (a directory card says when a volunteer was last
// active), whichever way the user signed in.
func (s *Store) CreateSession(ctx context.Context, sess model.Session) error {
	return s.inTx(ctx, func(q queryer) error { return insertSession(ctx, q, sess) })
}

// insertSession stores a new session and records it as its account's
// last sign-in.
func insertSession(ctx context.Context, q queryer, sess model.Session) error {
	_, err := q.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)`,
		sess.TokenHash, sess.UserID, ts(sess.CreatedAt), ts(sess.LastSeenAt))
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	if _, err := q.ExecContext(ctx, `UPDATE accounts SET last_signin_at = $2 WHERE user_id = $1`, sess.UserID, ts(sess.CreatedAt)); err != nil {
		return fmt.Errorf("record sign-in: %w", err)
	}
	return nil
}

// SessionByHash finds a session of an active account by its token's hash;
// found is false for none (or a disabled account's). The account, roles
// included, is read in the same statement (sess.Account): every signed-in
// request needs it for the policy and the page's header. So are the
// user's write counter and settings (sess.Version, sess.Settings), which
// the pages of a read ask for next (WithSnapshot).
func (s *Store) SessionByHash(ctx context.Context, hash string) (model.Session, bool, error) {
	var sess model.Session
	rows, err := s.r.QueryContext(ctx, `SELECT s.token_hash, s.user_id, s.created_at, s.last_seen_at, a.deleted_at IS NULL,
		u.email, u.name, a.password_hash, a.status, a.created_at, a.last_signin_at, COALESCE(r.role, ''),
		u.version, u.settings
		FROM sessions s JOIN accounts a ON a.user_id = s.user_id JOIN users u ON u.id = a.user_id
		LEFT JOIN account_roles r ON r.user_id = a.user_id
		WHERE s.token_hash = $1 AND a.status = 'active'`, hash)
	if err != nil {
		return sess, false, fmt.Errorf("find session: %w", err)
	}
	defer rows.Close()
	var acct model.Account
	var live, found bool
	for rows.Next() {
		var created, seen, acctCreated, signin nullTime
		var role string
		if err := rows.Scan(&sess.TokenHash, &sess.UserID, &created, &seen, &live,
			&acct.Email, &acct.Name, &acct.PasswordHash, &acct.Status, &acctCreated, &signin, &role,
			&sess.Version, &sess.Settings); err != nil {
			return sess, false, fmt.Errorf("find session: %w", err)
		}
		if !found {
			found = true
			sess.CreatedAt, sess.LastSeenAt = created.Time, seen.Time
			acct.ID, acct.CreatedAt, acct.LastSignInAt = sess.UserID, acctCreated.Time, signin.ptr()
			acct.Roles = []model.Role{}
		}
		if role != "" {
			acct.Roles = append(acct.Roles, model.Role(role))
		}
	}
	if err := rows.Err(); err != nil {
		return sess, false, fmt.Errorf("find session: %w", err)
	}
	if found && live {
		// A deleted account's tombstone is never an account (Account
		// finds none), so its session carries none.
		acct.Roles = model.SortRoles(acct.Roles)
		sess.Account = &acct
	}
	return sess, found, nil
}

// TouchSession records that the session was used at now.
func (s *Store) TouchSession(ctx context.Context, hash string, now time.Time) error {
	if _, err := s.w.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1`, hash, ts(now)); err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// DeleteSession ends one session (signing out); an unknown one is no error.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	if _, err := s.w.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// EndSessions ends every session of an account ("sign out everywhere") and
// returns how many there were.
func (s *Store) EndSessions(ctx context.Context, email string, by model.Actor, now time.Time) (int, error) {
	var n int64
	err := s.inTx(ctx, func(q queryer) error {
		id, err := accountID(ctx, q, email)
		if err != nil {
			return err
		}
		res, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id)
		if err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		n, _ = res.RowsAffected()
		return audit(ctx, q, entry(by, now, "sessions.end", model.EmailKey(email), fmt.Sprintf("%d sessions ended", n)))
	})
	return int(n), err
}

// PruneSessions deletes sessions unused since idleBefore or made before
// createdBefore; expired sessions are refused anyway, this only frees room.
func (s *Store) PruneSessions(ctx context.Context, idleBefore, createdBefore time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2`, ts(idleBefore), ts(createdBefore))
	if err != nil {
		return 0, fmt.Errorf("prune sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// MaxTokenName bounds an API token's label.
const MaxTokenName = 100

// CreateAPIToken stores a new API token's hash for an account.
func (s *Store) CreateAPIToken(ctx context.Context, email, name, hash string, by model.Actor, now time.Time) (model.APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.APIToken{}, model.Invalid("name", "give the token a name that says what uses it")
	}
	if len(name) > MaxTokenName {
		return model.APIToken{}, model.Invalid("name", "the token's name is too long (at most %d characters)", MaxTokenName)
	}
	t := model.APIToken{Name: name, CreatedAt: stored(now)}
	err := s.inTx(ctx, func(q queryer) error {
		var err error
		if t.UserID, err = accountID(ctx, q, email); err != nil {
			return err
		}
		err = q.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
			t.UserID, name, hash, ts(now)).Scan(&t.ID)
		if err != nil {
			return fmt.Errorf("create API token: %w", err)
		}
		return audit(ctx, q, entry(by, now, "token.create", model.EmailKey(email), fmt.Sprintf("token %d %q", t.ID, name)))
	})
	return t, err
}

const tokenSelect = `SELECT t.id, t.user_id, t.name, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t`

func scanToken(sc interface{ Scan(...any) error }) (model.APIToken, error) {
	var t model.APIToken
	var created, used, revoked nullTime
	err := sc.Scan(&t.ID, &t.UserID, &t.Name, &created, &used, &revoked)
	t.CreatedAt, t.LastUsedAt, t.RevokedAt = created.Time, used.ptr(), revoked.ptr()
	return t, err
}

// APITokens lists an account's tokens, revoked ones included, oldest first.
func (s *Store) APITokens(ctx context.Context, email string) ([]model.APIToken, error) {
	id, err := accountID(ctx, s.r, email)
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, tokenSelect+` WHERE t.user_id = $1 ORDER BY t.id`, id)
	if err != nil {
		return nil, fmt.Errorf("list API tokens: %w", err)
	}
	defer rows.Close()
	out := []model.APIToken{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("read API token: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// APITokenByHash finds an unrevoked token of an active account by its
// hash; found is false for none.
func (s *Store) APITokenByHash(ctx context.Context, hash string) (model.APIToken, bool, error) {
	t, err := scanToken(s.r.QueryRowContext(ctx, tokenSelect+` JOIN accounts a ON a.user_id = t.user_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.status = 'active'`, hash))
	if isNoRows(err) {
		return t, false, nil
	}
	if err != nil {
		return t, false, fmt.Errorf("find API token: %w", err)
	}
	return t, true, nil
}

// TouchAPIToken records that the token was used at now.
func (s *Store) TouchAPIToken(ctx context.Context, id int64, now time.Time) error {
	if _, err := s.w.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, id, ts(now)); err != nil {
		return fmt.Errorf("touch API token: %w", err)
	}
	return nil
}

// RevokeAPIToken stops a token working, for good.
func (s *Store) RevokeAPIToken(ctx context.Context, id int64, by model.Actor, now time.Time) (model.APIToken, error) {
	var t model.APIToken
	err := s.inTx(ctx, func(q queryer) error {
		var err error
		t, err = scanToken(q.QueryRowContext(ctx, tokenSelect+` WHERE t.id = $1`, id))
		if err != nil {
			return noRows(err, "API token", id)
		}
		if t.RevokedAt != nil {
			return fmt.Errorf("%w: API token %d was already revoked", ErrConflict, id)
		}
		if _, err := q.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1`, id, ts(now)); err != nil {
			return fmt.Errorf("revoke API token: %w", err)
		}
		at := stored(now)
		t.RevokedAt = &at
		var email string
		if err := q.QueryRowContext(ctx, `SELECT email_key FROM accounts WHERE user_id = $1`, t.UserID).Scan(&email); err != nil {
			return fmt.Errorf("revoke API token: %w", err)
		}
		return audit(ctx, q, entry(by, now, "token.revoke", email, fmt.Sprintf("token %d %q", t.ID, t.Name)))
	})
	return t, err
}

// audit writes one audit entry in q, so that it commits with the change.
func audit(ctx context.Context, q queryer, e model.AuditEntry) error {
	_, err := q.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
		ts(e.At), nullInt(e.ActorID), e.Actor, e.Action, e.Target, e.Detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// Audit records one entry on its own (a sign-in, a failed one).
func (s *Store) Audit(ctx context.Context, e model.AuditEntry) error { return audit(ctx, s.w, e) }

// AuditLog returns up to limit entries, newest first, older than the entry
// with id before (0: from the newest).
func (s *Store) AuditLog(ctx context.Context, limit int, before int64) ([]model.AuditEntry, error) {
	if limit <= 0 {
		limit = 100
	}
	if before <= 0 {
		before = 1<<63 - 1
	}
	return readAudit(ctx, s.r, `WHERE id < $1 ORDER BY id DESC LIMIT $2`, before, limit)
}

// readAudit reads the audit entries the rest of a query after FROM
// audit_log chooses (its WHERE, ORDER BY and LIMIT).
func readAudit(ctx context.Context, q queryer, rest string, args ...any) ([]model.AuditEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, at, COALESCE(actor_id, 0), actor, action, target, detail FROM audit_log `+rest, args...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	out := []model.AuditEntry{}
	for rows.Next() {
		var e model.AuditEntry
		var at nullTime
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.Actor, &e.Action, &e.Target, &e.Detail); err != nil {
			return nil, fmt.Errorf("read audit log: %w", err)
		}
		e.At = at.Time
		out = append(out, e)
	}
	return out, rows.Err()
}

// Failures returns a key's failed sign-ins since its window opened.
func (s *Store) Failures(ctx context.Context, key string) (int, time.Time, error) {
	var n int
	var since nullTime
	err := s.r.QueryRowContext(ctx, `SELECT failures, window_start FROM auth_failures WHERE key = $1`, key).Scan(&n, &since)
	if isNoRows(err) {
		return 0, time.Time{}, nil
	}
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("read sign-in failures: %w", err)
	}
	return n, since.Time, nil
}

// CountAttempt counts one more failed sign-in for each key, in one
// transaction (one commit for the attempt, not one per key), each in one
// statement so that concurrent attempts on any instance are all counted.
// A window that opened at or before the hit's WindowStart is over: the
// count starts again at now. Callers give keys in one fixed order (the
// account's, then the address's), so two attempts never wait on each other
// in a cycle.
func (s *Store) CountAttempt(ctx context.Context, hits []model.FailureHit, now time.Time) ([]model.FailureCount, error) {
	out := make([]model.FailureCount, 0, len(hits))
	err := s.inTx(ctx, func(q queryer) error {
		out = out[:0]
		for _, h := range hits {
			var c model.FailureCount
			var since nullTime
			err := q.QueryRowContext(ctx, `INSERT INTO auth_failures (key, failures, window_start) VALUES ($1, 1, $3)
				ON CONFLICT (key) DO UPDATE SET
					failures = CASE WHEN auth_failures.window_start <= $2 THEN 1 ELSE auth_failures.failures + 1 END,
					window_start = CASE WHEN auth_failures.window_start <= $2 THEN excluded.window_start ELSE auth_failures.window_start END
				RETURNING failures, window_start`, h.Key, ts(h.WindowStart), ts(now)).Scan(&c.N, &since)
			if err != nil {
				return fmt.Errorf("count sign-in attempt: %w", err)
			}
			c.Since = since.Time
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// RecordSignIn records a successful sign-in in one transaction: resetKey's
// failures (the account's) are forgotten, one of forgiveKey's (the
// address's, counted before the password was checked) is taken back, the
// account's last sign-in (e.ActorID's) is e.At, and e is audited. When
// open is not nil its session starts in the same transaction (and the
// session it replaces ends), so that a sign-in costs one commit here.
func (s *Store) RecordSignIn(ctx context.Context, resetKey, forgiveKey string, e model.AuditEntry, open *model.SessionOpening) error {
	return s.inTx(ctx, func(q queryer) error {
		if open != nil {
			if open.EndHash != "" {
				if _, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, open.EndHash); err != nil {
					return fmt.Errorf("end the previous session: %w", err)
				}
			}
			if err := insertSession(ctx, q, open.Session); err != nil {
				return err
			}
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM auth_failures WHERE key = $1`, resetKey); err != nil {
			return fmt.Errorf("reset sign-in failures: %w", err)
		}
		if _, err := q.ExecContext(ctx, `UPDATE auth_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0`, forgiveKey); err != nil {
			return fmt.Errorf("forgive sign-in failure: %w", err)
		}
		// The sign-in time itself is recorded when its session starts
		// (CreateSession), whichever way the user signed in.
		return audit(ctx, q, e)
	})
}

// PruneFailures deletes counters whose window opened before cutoff; they
// count nothing any more.
func (s *Store) PruneFailures(ctx context.Context, cutoff time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM auth_failures WHERE window_start < $1`, ts(cutoff))
	if err != nil {
		return 0, fmt.Errorf("prune sign-in failures: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
