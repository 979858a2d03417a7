package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// Why a one-time link was refused. None of them says whose it was.
var (
	ErrLinkUnknown = errors.New("this link is not one Ally made: check that it was copied whole")
	ErrLinkUsed    = errors.New("this link has been used already: each link works once")
	ErrLinkExpired = errors.New("this link has expired")
)

// MaxNameLength bounds a person's name typed on an invitation or sign-up.
const MaxNameLength = 200

const linkSelect = `SELECT id, purpose, email, name, roles, COALESCE(user_id, 0), COALESCE(created_by, 0), created_at, expires_at, used_at FROM one_time_links`

// scanLink reads a row of linkSelect, and into more any columns after it.
func scanLink(sc interface{ Scan(...any) error }, more ...any) (model.Link, error) {
	var l model.Link
	var roles string
	var created, expires, used nullTime
	err := sc.Scan(append([]any{&l.ID, &l.Purpose, &l.Email, &l.Name, &roles, &l.UserID, &l.CreatedBy, &created, &expires, &used}, more...)...)
	l.CreatedAt, l.ExpiresAt, l.UsedAt = created.Time, expires.Time, used.ptr()
	l.Roles = []model.Role{}
	for _, r := range splitList(roles) {
		l.Roles = append(l.Roles, model.Role(r))
	}
	return l, err
}

// insertLink stores a new link with its token's hash and queues the email
// that carries it, in q: the link exists only with its email.
func insertLink(ctx context.Context, q queryer, l model.Link, hash string, mail model.Email, now time.Time) (int64, error) {
	roles := make([]string, len(l.Roles))
	for i, r := range l.Roles {
		roles[i] = string(r)
	}
	var id int64
	err := q.QueryRowContext(ctx, `INSERT INTO one_time_links (token_hash, purpose, email_key, email, name, roles, user_id, created_by, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		hash, string(l.Purpose), model.EmailKey(l.Email), strings.TrimSpace(l.Email), l.Name, strings.Join(roles, "\n"),
		nullInt(l.UserID), nullInt(l.CreatedBy), ts(now), ts(l.ExpiresAt)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("make a %s link: %w", l.Purpose, err)
	}
	if _, err := enqueue(ctx, q, mail, now); err != nil {
		return 0, err
	}
	return id, nil
}

// LinkByHash finds an open link of purpose by its token's hash, without
// using it: the page a link opens shows its form. The error says why a
// link cannot be used.
func (s *Store) LinkByHash(ctx context.Context, hash string, purpose model.LinkPurpose, now time.Time) (model.Link, error) {
	l, err := scanLink(s.r.QueryRowContext(ctx, linkSelect+` WHERE token_hash = $1 AND purpose = $2`, hash, string(purpose)))
	if isNoRows(err) {
		return l, ErrLinkUnknown
	}
	if err != nil {
		return l, fmt.Errorf("find link: %w", err)
	}
	return l, linkUsable(l, now)
}

func linkUsable(l model.Link, now time.Time) error {
	switch l.State(now) {
	case model.LinkUsed:
		return ErrLinkUsed
	case model.LinkExpired:
		return ErrLinkExpired
	}
	return nil
}

// consumeLink uses a link of purpose, in q: one statement sets used_at
// where it is still unset, so of any number of concurrent uses on any
// instances exactly one gets the link and the others ErrLinkUsed.
func consumeLink(ctx context.Context, q queryer, hash string, purpose model.LinkPurpose, now time.Time) (model.Link, error) {
	l, err := scanLink(q.QueryRowContext(ctx, `UPDATE one_time_links SET used_at = $3
		WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
		RETURNING id, purpose, email, name, roles, COALESCE(user_id, 0), COALESCE(created_by, 0), created_at, expires_at, used_at`,
		hash, string(purpose), ts(now)))
	if err == nil {
		return l, nil
	}
	if !isNoRows(err) {
		return l, fmt.Errorf("use link: %w", err)
	}
	l, err = scanLink(q.QueryRowContext(ctx, linkSelect+` WHERE token_hash = $1 AND purpose = $2`, hash, string(purpose)))
	if isNoRows(err) {
		return l, ErrLinkUnknown
	}
	if err != nil {
		return l, fmt.Errorf("use link: %w", err)
	}
	if err := linkUsable(l, now); err != nil {
		return l, err
	}
	return l, ErrLinkUsed
}

// RequestReset makes a password-reset link for the active account with
// email and queues mail, which carries it. found is false, and nothing is
// made, when no active account has the email: the caller answers the
// same either way.
func (s *Store) RequestReset(ctx context.Context, email, hash string, expires time.Time, mail model.Email, address string, now time.Time) (found bool, err error) {
	err = s.inTx(ctx, func(q queryer) error {
		acct, ok, err := s.oneAccount(ctx, q, `a.email_key = $1`, model.EmailKey(email))
		if err != nil {
			return err
		}
		if !ok || !acct.Active() {
			return audit(ctx, q, model.AuditEntry{At: now, Actor: model.EmailKey(email), Action: "password.reset.request",
				Target: model.EmailKey(email), Detail: "no active account; nothing sent; address " + address})
		}
		found = true
		mail.To = acct.Email
		if _, err := insertLink(ctx, q, model.Link{Purpose: model.LinkReset, Email: acct.Email, UserID: acct.ID, ExpiresAt: expires}, hash, mail, now); err != nil {
			return err
		}
		return audit(ctx, q, model.AuditEntry{At: now, Actor: model.EmailKey(email), Action: "password.reset.request",
			Target: acct.Email, Detail: "link sent; address " + address})
	})
	return found, err
}

// ResetPassword uses a reset link: the account's password becomes hash
// and every session of the account ends, in one transaction.
func (s *Store) ResetPassword(ctx context.Context, linkHash, passwordHash string, now time.Time) (model.Account, error) {
	var id int64
	err := s.inTx(ctx, func(q queryer) error {
		l, err := consumeLink(ctx, q, linkHash, model.LinkReset, now)
		if err != nil {
			return err
		}
		id = l.UserID
		res, err := q.ExecContext(ctx, `UPDATE accounts SET password_hash = $2, last_signin_at = $3 WHERE user_id = $1 AND status = 'active'`, id, passwordHash, ts(now))
		if err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrLinkExpired // the account was disabled or deleted since
		}
		ended, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id)
		if err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		n, _ := ended.RowsAffected()
		return audit(ctx, q, model.AuditEntry{At: now, ActorID: id, Actor: model.EmailKey(l.Email), Action: "password.reset",
			Target: model.EmailKey(l.Email), Detail: fmt.Sprintf("%d sessions ended", n)})
	})
	if err != nil {
		return model.Account{}, err
	}
	return s.Account(ctx, id)
}

// Invite makes an invitation link for email with the roles and name the
// advisor gave, and queues mail, which carries it. Older invitations of
// the same email that are still open are withdrawn: the newest link is the
// one that works.
func (s *Store) Invite(ctx context.Context, l model.Link, hash string, mail model.Email, by model.Actor, now time.Time) (model.Link, error) {
	l.Purpose, l.CreatedBy, l.Email, l.Name = model.LinkInvite, by.ID, strings.TrimSpace(l.Email), strings.TrimSpace(l.Name)
	n := model.NewAccount{Email: l.Email, Name: l.Name, Roles: l.Roles}
	if l.Name == "" {
		n.Name = "-" // the invitee may give their name themselves
	}
	if err := n.Validate(); err != nil {
		return l, err
	}
	if len(l.Name) > MaxNameLength {
		return l, model.Invalid("name", "the name is too long (at most %d characters)", MaxNameLength)
	}
	l.Roles = n.Roles
	err := s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		if _, err := accountID(ctx, q, l.Email); err == nil {
			return model.Invalid("email", "%s already has an account", l.Email)
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		res, err := q.ExecContext(ctx, `UPDATE one_time_links SET expires_at = $3
			WHERE purpose = 'invite' AND email_key = $1 AND used_at IS NULL AND expires_at > $2`, model.EmailKey(l.Email), ts(now), ts(now))
		if err != nil {
			return fmt.Errorf("withdraw older invitations: %w", err)
		}
		detail := "roles " + joinRoles(l.Roles)
		if n, _ := res.RowsAffected(); n > 0 {
			detail += "; sent again, the older link withdrawn"
		}
		mail.To = l.Email
		if l.ID, err = insertLink(ctx, q, l, hash, mail, now); err != nil {
			return err
		}
		return audit(ctx, q, entry(by, now, "user.invite", model.EmailKey(l.Email), detail))
	})
	l.CreatedAt = stored(now)
	return l, err
}

// Invitation returns one invitation by id.
func (s *Store) Invitation(ctx context.Context, id int64) (model.Link, error) {
	l, err := scanLink(s.r.QueryRowContext(ctx, linkSelect+` WHERE id = $1 AND purpose = 'invite'`, id))
	if err != nil {
		return l, noRows(err, "invitation", id)
	}
	return l, nil
}

// ExpireInvite withdraws an open invitation: its link stops working.
func (s *Store) ExpireInvite(ctx context.Context, id int64, by model.Actor, now time.Time) (model.Link, error) {
	var l model.Link
	err := s.inTx(ctx, func(q queryer) error {
		res, err := q.ExecContext(ctx, `UPDATE one_time_links SET expires_at = $2
			WHERE id = $1 AND purpose = 'invite' AND used_at IS NULL AND expires_at > $2`, id, ts(now))
		if err != nil {
			return fmt.Errorf("withdraw invitation: %w", err)
		}
		if l, err = scanLink(q.QueryRowContext(ctx, linkSelect+` WHERE id = $1 AND purpose = 'invite'`, id)); err != nil {
			return noRows(err, "invitation", id)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("%w: the invitation of %s is %s already", ErrConflict, l.Email, l.State(now))
		}
		return audit(ctx, q, entry(by, now, "user.invite.expire", model.EmailKey(l.Email), fmt.Sprintf("invitation %d", id)))
	})
	return l, err
}

// Invitations lists the newest invitation of each invited email, newest
// first: with its state, who has accepted and who has not.
func (s *Store) Invitations(ctx context.Context, limit int) ([]model.Link, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.r.QueryContext(ctx, `SELECT l.id, l.purpose, l.email, l.name, l.roles, COALESCE(l.user_id, 0), COALESCE(l.created_by, 0),
			l.created_at, l.expires_at, l.used_at,
			CASE WHEN o.sent_at IS NOT NULL THEN 'sent' WHEN o.failed_at IS NOT NULL THEN 'failed' ELSE 'waiting' END, COALESCE(o.last_error, '')
		FROM one_time_links l LEFT JOIN outbox o ON o.dedupe_key = 'invite:' || l.token_hash
		WHERE l.purpose = 'invite'
		AND l.id = (SELECT MAX(m.id) FROM one_time_links m WHERE m.purpose = 'invite' AND m.email_key = l.email_key)
		ORDER BY l.id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("list invitations: %w", err)
	}
	defer rows.Close()
	out := []model.Link{}
	for rows.Next() {
		var mail, mailErr string
		l, err := scanLink(rows, &mail, &mailErr)
		l.Mail, l.MailError = mail, mailErr
		if err != nil {
			return nil, fmt.Errorf("read invitation: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// AcceptInvite uses an invitation link: the account is made with the
// invitation's roles, the name the invitee gave and their password hash.
func (s *Store) AcceptInvite(ctx context.Context, linkHash, name, passwordHash string, now time.Time) (model.Account, error) {
	return s.createFromLink(ctx, linkHash, model.LinkInvite, name, passwordHash, now, func(q queryer, l model.Link) ([]model.Role, error) {
		return l.Roles, nil
	})
}

// CompleteSignup uses a sign-up link: a student account is made for its
// email, if the email's domain is still one the center lets sign up.
func (s *Store) CompleteSignup(ctx context.Context, linkHash, name, passwordHash string, now time.Time) (model.Account, error) {
	return s.createFromLink(ctx, linkHash, model.LinkSignup, name, passwordHash, now, func(q queryer, l model.Link) ([]model.Role, error) {
		var domains string
		if err := q.QueryRowContext(ctx, `SELECT signup_domains FROM center WHERE id = 1`).Scan(&domains); err != nil {
			return nil, fmt.Errorf("read sign-up domains: %w", err)
		}
		if !model.SignupAllowed(splitList(domains), l.Email) {
			return nil, ErrLinkExpired // the center stopped taking sign-ups from this domain
		}
		return []model.Role{model.RoleStudent}, nil
	})
}

func (s *Store) createFromLink(ctx context.Context, linkHash string, purpose model.LinkPurpose, name, passwordHash string, now time.Time,
	roles func(queryer, model.Link) ([]model.Role, error)) (model.Account, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.Account{}, model.Invalid("name", "enter your name")
	}
	if len(name) > MaxNameLength {
		return model.Account{}, model.Invalid("name", "the name is too long (at most %d characters)", MaxNameLength)
	}
	var id int64
	err := s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		l, err := consumeLink(ctx, q, linkHash, purpose, now)
		if err != nil {
			return err
		}
		if l.UserID != 0 && purpose == model.LinkInvite {
			// An invitation of an account made already (by a roster
			// import): the invitee chooses its password and name.
			id = l.UserID
			res, err := q.ExecContext(ctx, `UPDATE accounts SET password_hash = $2, last_signin_at = $3 WHERE user_id = $1 AND status = 'active'`,
				id, passwordHash, ts(now))
			if err != nil {
				return fmt.Errorf("set password: %w", err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return ErrLinkExpired // the account was disabled or deleted since
			}
			if _, err := q.ExecContext(ctx, `UPDATE users SET name = $2 WHERE id = $1`, id, name); err != nil {
				return fmt.Errorf("set name: %w", err)
			}
			return audit(ctx, q, model.AuditEntry{At: now, ActorID: id, Actor: model.EmailKey(l.Email), Action: "user.invite.accept",
				Target: model.EmailKey(l.Email), Detail: "imported account; password chosen"})
		}
		rs, err := roles(q, l)
		if err != nil {
			return err
		}
		n := model.NewAccount{Email: l.Email, Name: name, Roles: rs, PasswordHash: passwordHash}
		if err := n.Validate(); err != nil {
			return err
		}
		if id, err = insertUser(ctx, q, n, now); err != nil {
			return err
		}
		if err := insertAccount(ctx, q, id, n, now); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `UPDATE accounts SET last_signin_at = $2 WHERE user_id = $1`, id, ts(now)); err != nil {
			return fmt.Errorf("record the sign-in: %w", err)
		}
		action := "user.invite.accept"
		if purpose == model.LinkSignup {
			action = "user.signup"
		}
		return audit(ctx, q, model.AuditEntry{At: now, ActorID: id, Actor: model.EmailKey(l.Email), Action: action,
			Target: model.EmailKey(l.Email), Detail: "roles " + joinRoles(n.Roles)})
	})
	if err != nil {
		return model.Account{}, err
	}
	return s.Account(ctx, id)
}

// RequestSignup makes a sign-up link for email and queues mail, which
// carries it. When the email has an account already, no link is made and
// exists is queued instead (it points to the password reset): the person
// who typed the address learns nothing, its owner learns what to do.
func (s *Store) RequestSignup(ctx context.Context, email, hash string, expires time.Time, mail, exists model.Email, address string, now time.Time) error {
	email = strings.TrimSpace(email)
	return s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		detail := "link sent"
		if _, err := accountID(ctx, q, email); err == nil {
			detail = "has an account; told so"
			exists.To = email
			if _, err := enqueue(ctx, q, exists, now); err != nil {
				return err
			}
		} else if !errors.Is(err, ErrNotFound) {
			return err
		} else {
			mail.To = email
			if _, err := insertLink(ctx, q, model.Link{Purpose: model.LinkSignup, Email: email, ExpiresAt: expires}, hash, mail, now); err != nil {
				return err
			}
		}
		return audit(ctx, q, model.AuditEntry{At: now, Actor: model.EmailKey(email), Action: "signup.request",
			Target: model.EmailKey(email), Detail: detail + "; address " + address})
	})
}

// PruneLinks deletes links that expired before cutoff; they work no more.
func (s *Store) PruneLinks(ctx context.Context, cutoff time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM one_time_links WHERE expires_at < $1 AND purpose <> 'invite'`, ts(cutoff))
	if err != nil {
		return 0, fmt.Errorf("prune links: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
