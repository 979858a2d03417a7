package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// ErrNotCenter refuses account work on a personal database.
var ErrNotCenter = errors.New("this database is personal, not a career center: run `ally center init` first")

// ErrLastAdvisor refuses a change that would leave a center without an
// active advisor, since nobody could then manage its accounts.
var ErrLastAdvisor = errors.New("a center needs at least one active advisor: make someone else an advisor first")

// inTx runs fn in one transaction on the writer.
func (s *Store) inTx(ctx context.Context, fn func(q queryer) error) error {
	dropSnapshot(ctx) // the request reads its own writes (WithSnapshot)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// lockCenter makes the account changes of a center one at a time: on
// PostgreSQL the no-op update holds the center row's lock until the
// transaction ends; SQLite's single writer already queues them. It
// reports whether the database is a center.
func lockCenter(ctx context.Context, q queryer) (bool, error) {
	res, err := q.ExecContext(ctx, `UPDATE center SET name = name WHERE id = 1 AND mode = 'center'`)
	if err != nil {
		return false, fmt.Errorf("lock center: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Center returns the center this database serves; found is false for a
// personal database.
func (s *Store) Center(ctx context.Context) (c model.Center, found bool, err error) {
	var domains string
	var created nullTime
	err = s.r.QueryRowContext(ctx, `SELECT name, mode, signup_domains, created_at FROM center WHERE id = 1`).
		Scan(&c.Name, &c.Mode, &domains, &created)
	if isNoRows(err) {
		return model.Center{Mode: model.ModePersonal}, false, nil
	}
	if err != nil {
		return c, false, fmt.Errorf("read center: %w", err)
	}
	c.CreatedAt = created.Time
	c.SignupDomains = splitList(domains)
	return c, true, nil
}

// UpdateCenter renames the center (name "" keeps it) and, when domains is
// not nil, sets the email domains allowed to sign up alone (empty: none).
func (s *Store) UpdateCenter(ctx context.Context, name string, domains []string, by model.Actor, now time.Time) (model.Center, error) {
	name = strings.TrimSpace(name)
	if len(name) > 200 {
		return model.Center{}, model.Invalid("name", "the center's name is too long (at most 200 characters)")
	}
	err := s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		var details []string
		if name != "" {
			if _, err := q.ExecContext(ctx, `UPDATE center SET name = $1 WHERE id = 1`, name); err != nil {
				return fmt.Errorf("rename center: %w", err)
			}
			details = append(details, "name "+name)
		}
		if domains != nil {
			if _, err := q.ExecContext(ctx, `UPDATE center SET signup_domains = $1 WHERE id = 1`, strings.Join(domains, "\n")); err != nil {
				return fmt.Errorf("set sign-up domains: %w", err)
			}
			details = append(details, "sign-up domains "+strings.Join(domains, ", "))
		}
		return audit(ctx, q, entry(by, now, "center.update", "center", strings.Join(details, "; ")))
	})
	if err != nil {
		return model.Center{}, err
	}
	c, _, err := s.Center(ctx)
	return c, err
}

// InitCenter turns a personal (or empty) database into a center named
// name. Its first user — the personal user, with all their records, or a
// new one on an empty database — becomes the advisor admin.
func (s *Store) InitCenter(ctx context.Context, name string, admin model.NewAccount, now time.Time) (model.Account, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.Account{}, model.Invalid("name", "give the center a name, like \"Westlake University Career Center\"")
	}
	if len(name) > 200 {
		return model.Account{}, model.Invalid("name", "the center's name is too long (at most 200 characters)")
	}
	admin.Roles = []model.Role{model.RoleAdvisor}
	if err := admin.Validate(); err != nil {
		return model.Account{}, err
	}
	var id int64
	err := s.inTx(ctx, func(q queryer) error {
		var existing string
		err := q.QueryRowContext(ctx, `SELECT name FROM center WHERE id = 1`).Scan(&existing)
		if err == nil {
			return fmt.Errorf("%w: this database is already the center %q", ErrConflict, existing)
		}
		if !isNoRows(err) {
			return fmt.Errorf("read center: %w", err)
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO center (id, name, mode, signup_domains, created_at) VALUES (1, $1, 'center', '', $2)`,
			name, ts(now)); err != nil {
			return fmt.Errorf("create center: %w", err)
		}
		err = q.QueryRowContext(ctx, `SELECT id FROM users ORDER BY id LIMIT 1`).Scan(&id)
		switch {
		case isNoRows(err):
			id, err = insertUser(ctx, q, admin, now)
			if err != nil {
				return err
			}
		case err != nil:
			return fmt.Errorf("find the personal user: %w", err)
		default:
			if _, err := q.ExecContext(ctx, `UPDATE users SET name = $2, email = $3 WHERE id = $1`, id, admin.Name, admin.Email); err != nil {
				return fmt.Errorf("name the admin: %w", err)
			}
		}
		if err := insertAccount(ctx, q, id, admin, now); err != nil {
			return err
		}
		return audit(ctx, q, model.AuditEntry{At: now, Actor: model.CLIActor().Name, Action: "center.init", Target: name,
			Detail: "first advisor " + admin.Email})
	})
	if err != nil {
		return model.Account{}, err
	}
	return s.Account(ctx, id)
}

func insertUser(ctx context.Context, q queryer, n model.NewAccount, now time.Time) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `INSERT INTO users (name, email, settings, created_at) VALUES ($1, $2, '{}', $3) RETURNING id`,
		n.Name, n.Email, ts(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create user: %w", err)
	}
	return id, nil
}

func insertAccount(ctx context.Context, q queryer, id int64, n model.NewAccount, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO accounts (user_id, email_key, password_hash, status, created_at) VALUES ($1, $2, $3, 'active', $4)`,
		id, model.EmailKey(n.Email), n.PasswordHash, ts(now))
	if isUniqueViolation(err) {
		return fmt.Errorf("%w: an account with the email %s already exists", ErrConflict, n.Email)
	}
	if err != nil {
		return fmt.Errorf("create account: %w", err)
	}
	return setRoles(ctx, q, id, n.Roles)
}

func setRoles(ctx context.Context, q queryer, id int64, roles []model.Role) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM account_roles WHERE user_id = $1`, id); err != nil {
		return fmt.Errorf("set roles: %w", err)
	}
	for _, r := range roles {
		if _, err := q.ExecContext(ctx, `INSERT INTO account_roles (user_id, role) VALUES ($1, $2)`, id, string(r)); err != nil {
			return fmt.Errorf("set roles: %w", err)
		}
	}
	return nil
}

// AddAccount creates an account (and its user) in a center.
func (s *Store) AddAccount(ctx context.Context, n model.NewAccount, by model.Actor, now time.Time) (model.Account, error) {
	if err := n.Validate(); err != nil {
		return model.Account{}, err
	}
	var id int64
	err := s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		var err error
		if id, err = insertUser(ctx, q, n, now); err != nil {
			return err
		}
		if err := insertAccount(ctx, q, id, n, now); err != nil {
			return err
		}
		detail := "roles " + joinRoles(n.Roles)
		if n.PasswordHash != "" {
			detail += "; password set"
		}
		return audit(ctx, q, entry(by, now, "user.add", n.Email, detail))
	})
	if err != nil {
		return model.Account{}, err
	}
	return s.Account(ctx, id)
}

func requireCenter(ctx context.Context, q queryer) error {
	ok, err := lockCenter(ctx, q)
	if err != nil {
		return err
	}
	if !ok {
		return ErrNotCenter
	}
	return nil
}

func joinRoles(rs []model.Role) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = string(r)
	}
	return strings.Join(parts, ", ")
}

func entry(by model.Actor, now time.Time, action, target, detail string) model.AuditEntry {
	return model.AuditEntry{At: now, ActorID: by.ID, Actor: by.Name, Action: action, Target: target, Detail: detail}
}

const accountSelect = `SELECT u.id, u.email, u.name, a.password_hash, a.status, a.created_at, a.last_signin_at, COALESCE(r.role, '')
	FROM accounts a JOIN users u ON u.id = a.user_id LEFT JOIN account_roles r ON r.user_id = a.user_id`

// scanAccounts folds the rows of accountSelect (one per role, ordered by
// account) into accounts.
func scanAccounts(rows *sql.Rows) ([]model.Account, error) {
	defer rows.Close()
	var out []model.Account
	for rows.Next() {
		var a model.Account
		var created, signin nullTime
		var role string
		if err := rows.Scan(&a.ID, &a.Email, &a.Name, &a.PasswordHash, &a.Status, &created, &signin, &role); err != nil {
			return nil, fmt.Errorf("read account: %w", err)
		}
		if n := len(out); n > 0 && out[n-1].ID == a.ID {
			out[n-1].Roles = append(out[n-1].Roles, model.Role(role))
			continue
		}
		a.CreatedAt, a.LastSignInAt = created.Time, signin.ptr()
		a.Roles = []model.Role{}
		if role != "" {
			a.Roles = append(a.Roles, model.Role(role))
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read accounts: %w", err)
	}
	for i := range out {
		out[i].Roles = model.SortRoles(out[i].Roles)
	}
	return out, nil
}

func (s *Store) oneAccount(ctx context.Context, q queryer, where string, arg any) (model.Account, bool, error) {
	return oneAccountIn(ctx, q, where, arg)
}

// oneAccountIn finds the account where says, in q; a deleted account's
// tombstone is never found.
func oneAccountIn(ctx context.Context, q queryer, where string, arg any) (model.Account, bool, error) {
	rows, err := q.QueryContext(ctx, accountSelect+` WHERE a.deleted_at IS NULL AND (`+where+`) ORDER BY u.id`, arg)
	if err != nil {
		return model.Account{}, false, fmt.Errorf("find account: %w", err)
	}
	as, err := scanAccounts(rows)
	if err != nil || len(as) == 0 {
		return model.Account{}, false, err
	}
	return as[0], true, nil
}

// AccountByEmail finds an account by email, in any case; found is false
// for none.
func (s *Store) AccountByEmail(ctx context.Context, email string) (model.Account, bool, error) {
	return s.oneAccount(ctx, s.r, `a.email_key = $1`, model.EmailKey(email))
}

// Account returns the account of user id.
func (s *Store) Account(ctx context.Context, id int64) (model.Account, error) {
	a, found, err := s.oneAccount(ctx, s.r, `a.user_id = $1`, id)
	if err == nil && !found {
		err = notFound("account", id)
	}
	return a, err
}

// accountID finds the user id of an account by email, in q.
func accountID(ctx context.Context, q queryer, email string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT user_id FROM accounts WHERE email_key = $1 AND deleted_at IS NULL`, model.EmailKey(email)).Scan(&id)
	if isNoRows(err) {
		return 0, &NotFoundError{Kind: "account", Key: email}
	}
	if err != nil {
		return 0, fmt.Errorf("find account %s: %w", email, err)
	}
	return id, nil
}

// Accounts lists the center's accounts by email; role "" lists all.
func (s *Store) Accounts(ctx context.Context, role model.Role) ([]model.Account, error) {
	where, args := " WHERE a.deleted_at IS NULL", []any{}
	if role != "" {
		where += ` AND EXISTS (SELECT 1 FROM account_roles f WHERE f.user_id = a.user_id AND f.role = $1)`
		args = append(args, string(role))
	}
	rows, err := s.r.QueryContext(ctx, accountSelect+where+` ORDER BY a.email_key, u.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	return scanAccounts(rows)
}

// AccountQuery chooses a page of accounts for the advisors' list.
type AccountQuery struct {
	Role   model.Role // "" for every role
	Search string     // a part of the name or email, in any case; "" for all
	Limit  int        // 0 means 50
	Offset int
}

// AccountPage lists a page of the accounts q chooses, by email, and how
// many it chooses in all.
func (s *Store) AccountPage(ctx context.Context, q AccountQuery) ([]model.Account, int, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	where, args := []string{"a.deleted_at IS NULL"}, []any{}
	if q.Role != "" {
		args = append(args, string(q.Role))
		where = append(where, fmt.Sprintf(`EXISTS (SELECT 1 FROM account_roles f WHERE f.user_id = a.user_id AND f.role = $%d)`, len(args)))
	}
	if term := strings.ToLower(strings.TrimSpace(q.Search)); term != "" {
		args = append(args, "%"+strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(term)+"%")
		where = append(where, fmt.Sprintf(`(LOWER(u.name) LIKE $%[1]d ESCAPE '\' OR a.email_key LIKE $%[1]d ESCAPE '\')`, len(args)))
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM accounts a JOIN users u ON u.id = a.user_id WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count accounts: %w", err)
	}
	page := append(args, q.Limit, q.Offset)
	rows, err := s.r.QueryContext(ctx, accountSelect+` WHERE a.user_id IN (SELECT a.user_id FROM accounts a JOIN users u ON u.id = a.user_id WHERE `+cond+
		fmt.Sprintf(` ORDER BY a.email_key, a.user_id LIMIT $%d OFFSET $%d)`, len(args)+1, len(args)+2)+` ORDER BY a.email_key, u.id`, page...)
	if err != nil {
		return nil, 0, fmt.Errorf("list accounts: %w", err)
	}
	as, err := scanAccounts(rows)
	return as, total, err
}

// checkAdvisorLeft refuses, inside the change's transaction, a change that
// left no active advisor.
func checkAdvisorLeft(ctx context.Context, q queryer) error {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM account_roles r JOIN accounts a ON a.user_id = r.user_id
		WHERE r.role = 'advisor' AND a.status = 'active'`).Scan(&n)
	if err != nil {
		return fmt.Errorf("count advisors: %w", err)
	}
	if n == 0 {
		return ErrLastAdvisor
	}
	return nil
}

// SetRoles replaces an account's roles. When they change, the account's
// sessions end.
func (s *Store) SetRoles(ctx context.Context, email string, roles []model.Role, by model.Actor, now time.Time) (model.Account, error) {
	roles = model.SortRoles(roles)
	if len(roles) == 0 {
		return model.Account{}, model.Invalid("role", "give at least one role: student, volunteer or advisor")
	}
	var id int64
	err := s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		var err error
		if id, err = accountID(ctx, q, email); err != nil {
			return err
		}
		before, _, err := s.oneAccount(ctx, q, `a.user_id = $1`, id)
		if err != nil {
			return err
		}
		if err := setRoles(ctx, q, id, roles); err != nil {
			return err
		}
		if err := checkAdvisorLeft(ctx, q); err != nil {
			return err
		}
		detail := joinRoles(before.Roles) + " → " + joinRoles(roles)
		if !slices.Equal(before.Roles, roles) {
			// A session keeps the rights it was signed in with no longer
			// than the roles last: the user signs in again, with a new token.
			res, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id)
			if err != nil {
				return fmt.Errorf("end sessions: %w", err)
			}
			n, _ := res.RowsAffected()
			detail += fmt.Sprintf("; %d sessions ended", n)
		}
		return audit(ctx, q, entry(by, now, "user.roles", before.Email, detail))
	})
	if err != nil {
		return model.Account{}, err
	}
	return s.Account(ctx, id)
}

// SetStatus enables or disables an account. Disabling ends all of its
// sessions at once; its API tokens stop working while it is disabled.
func (s *Store) SetStatus(ctx context.Context, email, status string, by model.Actor, now time.Time) (model.Account, error) {
	if status != model.StatusActive && status != model.StatusDisabled {
		return model.Account{}, model.Invalid("status", "%q is not a status: use active or disabled", status)
	}
	var id int64
	err := s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		var err error
		if id, err = accountID(ctx, q, email); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `UPDATE accounts SET status = $2 WHERE user_id = $1`, id, status); err != nil {
			return fmt.Errorf("set status: %w", err)
		}
		action := "user.enable"
		detail := ""
		if status == model.StatusDisabled {
			action = "user.disable"
			if err := checkAdvisorLeft(ctx, q); err != nil {
				return err
			}
			res, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id)
			if err != nil {
				return fmt.Errorf("end sessions: %w", err)
			}
			n, _ := res.RowsAffected()
			detail = fmt.Sprintf("%d sessions ended", n)
		}
		return audit(ctx, q, entry(by, now, action, model.EmailKey(email), detail))
	})
	if err != nil {
		return model.Account{}, err
	}
	return s.Account(ctx, id)
}

// SetPassword stores a new password hash for an account and ends its
// sessions, so that whoever knew the old password is signed out.
func (s *Store) SetPassword(ctx context.Context, email, hash string, by model.Actor, now time.Time) error {
	return s.inTx(ctx, func(q queryer) error {
		id, err := accountID(ctx, q, email)
		if err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `UPDATE accounts SET password_hash = $2 WHERE user_id = $1`, id, hash); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		return audit(ctx, q, entry(by, now, "user.password", model.EmailKey(email), ""))
	})
}

// RehashPassword replaces a hash made with older parameters after a
// successful sign-in; unlike SetPassword it keeps the sessions, since the
// password itself did not change.
func (s *Store) RehashPassword(ctx context.Context, id int64, oldHash, newHash string) error {
	_, err := s.w.ExecContext(ctx, `UPDATE accounts SET password_hash = $3 WHERE user_id = $1 AND password_hash = $2`, id, oldHash, newHash)
	if err != nil {
		return fmt.Errorf("rehash password: %w", err)
	}
	return nil
}
