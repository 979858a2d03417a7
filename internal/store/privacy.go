package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
)

// DeletedName stands for a deleted account wherever a request it took
// part in still shows: the other side's lists, the advisors' pages, the
// emails about it.
const DeletedName = "A former member"

// AccountExportFormat and AccountExportVersion identify the document
// ExportAccount writes (docs/export-format.md, "Account export").
const (
	AccountExportFormat  = "ally-account-export"
	AccountExportVersion = 1
)

// ExportFor says whose eyes an account export is for.
type ExportFor string

// The two account exports.
const (
	// ExportForUser is the person's own: everything Ally holds about
	// them, their personal records and their requests' words included.
	ExportForUser ExportFor = "user"
	// ExportForCenter is what an advisor may hand over on the person's
	// request: what the center holds (account, profiles, the requests'
	// metadata, the audit log), never their personal records, which
	// only they can export.
	ExportForCenter ExportFor = "center"
)

// accountFacts is the account as an export shows it: no password hash.
type accountFacts struct {
	ID           int64        `json:"id"`
	Email        string       `json:"email"`
	Name         string       `json:"name"`
	Roles        []model.Role `json:"roles"`
	Status       string       `json:"status"`
	CreatedAt    time.Time    `json:"created_at"`
	LastSignInAt *time.Time   `json:"last_signin_at"`
	MailOptOutAt *time.Time   `json:"mail_opt_out_at"` // unsubscribed from what is not essential
	BouncingAt   *time.Time   `json:"bouncing_at"`     // the mail server refused the address for good
}

// givenFeedback is one rating the person gave after a conversation, with
// their note: never a rating about them.
type givenFeedback struct {
	RequestID int64     `json:"request_id"`
	As        string    `json:"as"` // student or volunteer
	Rating    int       `json:"rating"`
	Note      string    `json:"note"`
	GivenAt   time.Time `json:"given_at"`
}

// accountExport is the document ExportAccount writes; the user's own
// ends with "personal", their personal export (Scope.Export).
type accountExport struct {
	Format           string                  `json:"format"`
	Version          int                     `json:"version"`
	ExportedAt       string                  `json:"exported_at"`
	For              ExportFor               `json:"for"`
	Account          accountFacts            `json:"account"`
	StudentProfile   *model.StudentProfile   `json:"student_profile"`
	VolunteerProfile *model.VolunteerProfile `json:"volunteer_profile"`
	VolunteerContact *model.VolunteerContact `json:"volunteer_contact"`
	VolunteerPhoto   []byte                  `json:"volunteer_photo"` // the directory photo's JPEG, base64
	// ProfileAttributes are the roster's columns kept on the profile
	// as the university's file gave them (ally center import).
	ProfileAttributes []ProfileAttribute `json:"profile_attributes"`
	Requests          []RequestItem      `json:"requests"`
	FeedbackGiven     []givenFeedback    `json:"feedback_given,omitempty"`
	APITokens         []model.APIToken   `json:"api_tokens"`
	Audit             []model.AuditEntry `json:"audit"`
}

// ExportAccount writes, as one JSON document, what Ally holds about the
// center account id, for whose eyes: the person's own export, or the
// center's (ExportFor). Both read one snapshot. A deleted account is not
// found.
func (s *Store) ExportAccount(ctx context.Context, w io.Writer, id int64, whose ExportFor, now time.Time) error {
	if whose != ExportForUser && whose != ExportForCenter {
		return fmt.Errorf("export account: unknown export %q", whose)
	}
	set, err := s.CenterRules(ctx)
	if err != nil {
		return err
	}
	if _, found, err := oneAccountIn(ctx, s.r, `a.user_id = $1`, id); err != nil || !found {
		if err == nil {
			err = notFound("account", id)
		}
		return err
	}
	sc := s.For(id)
	if whose == ExportForUser {
		// The personal export's keys are made before the snapshot, which
		// must not write.
		if _, err := sc.keys(ctx); err != nil {
			return err
		}
	}
	return sc.readTx(ctx, func(tx *Scope) error {
		doc, err := readAccountExport(ctx, tx.r, set, id, whose, now)
		if err != nil {
			return err
		}
		b, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			return err
		}
		if whose == ExportForCenter {
			_, err = w.Write(append(b, '\n'))
			return err
		}
		// The personal export is streamed in as the last key.
		b = bytes.TrimSuffix(b, []byte("\n}"))
		if _, err := w.Write(append(b, []byte(",\n  \"personal\": ")...)); err != nil {
			return err
		}
		if err := tx.export(ctx, w, now); err != nil {
			return err
		}
		_, err = io.WriteString(w, "}\n")
		return err
	})
}

func readAccountExport(ctx context.Context, q queryer, set center.Settings, id int64, whose ExportFor, now time.Time) (*accountExport, error) {
	doc := &accountExport{Format: AccountExportFormat, Version: AccountExportVersion, ExportedAt: now.UTC().Format(timeLayout), For: whose,
		Requests: []RequestItem{}, APITokens: []model.APIToken{}, Audit: []model.AuditEntry{}}
	acct, found, err := oneAccountIn(ctx, q, `a.user_id = $1`, id)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, notFound("account", id)
	}
	var optOut, bouncing nullTime
	if err := q.QueryRowContext(ctx, `SELECT mail_opt_out_at, bouncing_at FROM accounts WHERE user_id = $1`, id).Scan(&optOut, &bouncing); err != nil {
		return nil, fmt.Errorf("read the account: %w", err)
	}
	doc.Account = accountFacts{ID: acct.ID, Email: acct.Email, Name: acct.Name, Roles: acct.Roles, Status: acct.Status,
		CreatedAt: acct.CreatedAt, LastSignInAt: acct.LastSignInAt, MailOptOutAt: optOut.ptr(), BouncingAt: bouncing.ptr()}
	if sp, found, err := studentProfile(ctx, q, id); err != nil {
		return nil, err
	} else if found {
		doc.StudentProfile = &sp
	}
	if vp, found, err := volunteerProfile(ctx, q, id); err != nil {
		return nil, err
	} else if found {
		doc.VolunteerProfile = &vp
		c, err := readVolunteerContact(ctx, q, id)
		if err != nil {
			return nil, err
		}
		doc.VolunteerContact = &c
	}
	if err := q.QueryRowContext(ctx, `SELECT jpeg FROM volunteer_photos WHERE account_id = $1`, id).Scan(&doc.VolunteerPhoto); err != nil && !isNoRows(err) {
		return nil, fmt.Errorf("read the photo: %w", err)
	}
	if doc.ProfileAttributes, err = profileAttributes(ctx, q, id); err != nil {
		return nil, err
	}
	if doc.Requests, err = exportRequests(ctx, q, set, id, whose); err != nil {
		return nil, err
	}
	if whose == ExportForUser {
		if doc.FeedbackGiven, err = feedbackGivenBy(ctx, q, id); err != nil {
			return nil, err
		}
	}
	tokens, err := q.QueryContext(ctx, tokenSelect+` WHERE t.user_id = $1 ORDER BY t.id`, id)
	if err != nil {
		return nil, fmt.Errorf("read API tokens: %w", err)
	}
	defer tokens.Close()
	for tokens.Next() {
		t, err := scanToken(tokens)
		if err != nil {
			return nil, fmt.Errorf("read API tokens: %w", err)
		}
		doc.APITokens = append(doc.APITokens, t)
	}
	if err := tokens.Err(); err != nil {
		return nil, err
	}
	if doc.Audit, err = auditAbout(ctx, q, id, model.EmailKey(acct.Email)); err != nil {
		return nil, err
	}
	return doc, nil
}

// exportRequests are the requests the account took part in, oldest
// first, each as whose eyes may see it: the person's own side with its
// words, or the advisors' view of its metadata.
func exportRequests(ctx context.Context, q queryer, set center.Settings, id int64, whose ExportFor) ([]RequestItem, error) {
	rows, err := q.QueryContext(ctx, namedRequests+` WHERE requests.student_id = $1 OR requests.volunteer_id = $1
		ORDER BY requests.created_at, requests.id`, id)
	if err != nil {
		return nil, fmt.Errorf("read the requests: %w", err)
	}
	var ns []namedRequest
	for rows.Next() {
		n, err := scanNamed(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("read the requests: %w", err)
		}
		ns = append(ns, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]RequestItem, 0, len(ns))
	for _, n := range ns {
		viewer, advisor := id, false
		if whose == ExportForCenter {
			viewer, advisor = 0, true
		}
		item, err := requestFor(ctx, q, set, n, viewer, advisor)
		if err != nil {
			return nil, err
		}
		out = append(out, item)
	}
	return out, nil
}

// feedbackGivenBy is the feedback the account gave on its requests, each
// from its own side: never the other side's rating of them.
func feedbackGivenBy(ctx context.Context, q queryer, id int64) ([]givenFeedback, error) {
	rows, err := q.QueryContext(ctx, `SELECT f.request_id, f.side, f.rating, f.note, f.given_at FROM request_feedback f
		JOIN requests r ON r.id = f.request_id
		WHERE (f.side = 'student' AND r.student_id = $1) OR (f.side = 'volunteer' AND r.volunteer_id = $1)
		ORDER BY f.given_at, f.request_id`, id)
	if err != nil {
		return nil, fmt.Errorf("read feedback given: %w", err)
	}
	defer rows.Close()
	out := []givenFeedback{}
	for rows.Next() {
		var g givenFeedback
		var at nullTime
		if err := rows.Scan(&g.RequestID, &g.As, &g.Rating, &g.Note, &at); err != nil {
			return nil, fmt.Errorf("read feedback given: %w", err)
		}
		g.GivenAt = at.Time
		out = append(out, g)
	}
	return out, rows.Err()
}

// auditAbout is the audit log's entries about an account, oldest first:
// what they did, and what was done to them (by email or by id).
func auditAbout(ctx context.Context, q queryer, id int64, key string) ([]model.AuditEntry, error) {
	return readAudit(ctx, q, `WHERE actor_id = $1 OR LOWER(actor) = $2 OR LOWER(target) = $2 OR target = $3 ORDER BY id`,
		id, key, "account "+strconv.FormatInt(id, 10))
}

// DeletedAccount is what DeleteAccount did.
type DeletedAccount struct {
	// Tombstone is the account that stands for the person in the
	// requests kept.
	Tombstone int64 `json:"tombstone_id"`
	// Requests is how many requests they took part in, kept for the
	// figures without their words; Cancelled how many of them were still
	// open and were cancelled.
	Requests  int `json:"requests_kept"`
	Cancelled int `json:"requests_cancelled"`
	Sessions  int `json:"sessions_ended"`
}

// DeleteAccount deletes a center account, on the person's own wish (by is
// them) or an advisor's, in one transaction. The person, their sign-ins,
// tokens, profiles, photo and every personal record go. The requests they
// took part in stay for the figures, counted as before, under a tombstone
// account with no name, email or password (DeletedName); their words and
// the feedback notes on them are emptied, and any still open is cancelled
// with a word to the other side. The audit log keeps its entries about
// them under the tombstone's label instead of their email. The last
// active advisor cannot be deleted (ErrLastAdvisor).
func (s *Store) DeleteAccount(ctx context.Context, set center.Settings, id int64, by model.Actor, now time.Time) (DeletedAccount, error) {
	var out DeletedAccount
	now = stored(now)
	err := s.inTx(ctx, func(q queryer) error {
		out = DeletedAccount{}
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		gone, found, err := s.oneAccount(ctx, q, `a.user_id = $1`, id)
		if err != nil {
			return err
		}
		if !found {
			return notFound("account", id)
		}
		// Every change of a request holds its two accounts: holding this
		// one lets none start or move while the account goes.
		if err := lockAccounts(ctx, q, id); err != nil {
			return err
		}
		tomb, err := insertTombstone(ctx, q, gone, now)
		if err != nil {
			return err
		}
		out.Tombstone = tomb
		label := TombstoneLabel(tomb)
		key := model.EmailKey(gone.Email)
		if err := forgetEmails(ctx, q, id, key); err != nil {
			return err
		}
		if out.Requests, out.Cancelled, err = s.keepRequests(ctx, q, set, id, tomb, now); err != nil {
			return err
		}
		if err := rewriteAudit(ctx, q, id, gone, label); err != nil {
			return err
		}
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions WHERE user_id = $1`, id).Scan(&out.Sessions); err != nil {
			return fmt.Errorf("count sessions: %w", err)
		}
		if err := deleteUser(ctx, q, s.dialect, id); err != nil {
			return err
		}
		if err := checkAdvisorLeft(ctx, q); err != nil {
			return err
		}
		e := entry(by, now, "user.delete", label, fmt.Sprintf("requests kept without their words: %d; open ones cancelled: %d; sessions ended: %d",
			out.Requests, out.Cancelled, out.Sessions))
		if by.ID == id {
			e.ActorID, e.Actor, e.Detail = 0, label, "by their own wish; "+e.Detail
		}
		return audit(ctx, q, e)
	})
	return out, err
}

// TombstoneLabel is how the audit log names a deleted account.
func TombstoneLabel(tomb int64) string { return "deleted account " + strconv.FormatInt(tomb, 10) }

// insertTombstone adds the account that stands for gone in the requests
// kept: no name (DeletedName), no email, no password, disabled, with
// gone's roles and the day their account was made, so that the figures
// read the requests as before.
func insertTombstone(ctx context.Context, q queryer, gone model.Account, now time.Time) (int64, error) {
	var tomb int64
	if err := q.QueryRowContext(ctx, `INSERT INTO users (name, email, settings, created_at) VALUES ($1, '', '{}', $2) RETURNING id`,
		DeletedName, ts(now)).Scan(&tomb); err != nil {
		return 0, fmt.Errorf("add the tombstone: %w", err)
	}
	// The key is unique and can never be typed as an email: nobody signs
	// in as a tombstone, nor is one found by email.
	if _, err := q.ExecContext(ctx, `INSERT INTO accounts (user_id, email_key, password_hash, status, created_at, deleted_at)
		VALUES ($1, $2, '', 'disabled', $3, $4)`, tomb, "deleted:"+strconv.FormatInt(tomb, 10), ts(gone.CreatedAt), ts(now)); err != nil {
		return 0, fmt.Errorf("add the tombstone: %w", err)
	}
	if err := setRoles(ctx, q, tomb, gone.Roles); err != nil {
		return 0, err
	}
	return tomb, nil
}

// forgetEmails deletes the center's emails to the person and the links
// made for their address; the emails about their requests go with the
// requests' words (keepRequests).
func forgetEmails(ctx context.Context, q queryer, id int64, key string) error {
	like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(key) + "%"
	for _, del := range []struct {
		what, query string
		args        []any
	}{
		{"emails", `DELETE FROM outbox WHERE account_id = $1 OR LOWER(to_addr) LIKE $2 ESCAPE '\'`, []any{id, like}},
		{"links", `DELETE FROM one_time_links WHERE user_id = $1 OR email_key = $2`, []any{id, key}},
		{"sign-in counters", `DELETE FROM auth_failures WHERE key = $1`, []any{"account:" + key}},
	} {
		if _, err := q.ExecContext(ctx, del.query, del.args...); err != nil {
			return fmt.Errorf("delete the account's %s: %w", del.what, err)
		}
	}
	return nil
}

// keepRequests moves the requests id took part in to the tombstone,
// cancels those still open (telling the other side), and empties their
// words, the notes of their feedback, the advisors' notes on the
// person's blocks and the emails about them. The figures count every
// request as before: only the cancelled ones change state, and none of
// them counted as answered, declined, expired or withdrawn.
func (s *Store) keepRequests(ctx context.Context, q queryer, set center.Settings, id, tomb int64, now time.Time) (kept, cancelled int, err error) {
	for _, col := range []string{"student_id", "volunteer_id", "referred_to"} {
		if _, err := q.ExecContext(ctx, `UPDATE requests SET `+col+` = $2 WHERE `+col+` = $1`, id, tomb); err != nil {
			return 0, 0, fmt.Errorf("keep the requests: %w", err)
		}
	}
	for _, col := range []string{"student_id", "cleared_by"} {
		if _, err := q.ExecContext(ctx, `UPDATE request_block_clearings SET `+col+` = $2, note = '' WHERE `+col+` = $1`, id, tomb); err != nil {
			return 0, 0, fmt.Errorf("keep the block clearings: %w", err)
		}
	}
	rs, err := queryRequests(ctx, q, `student_id = $1 OR volunteer_id = $1`, tomb)
	if err != nil {
		return 0, 0, err
	}
	for _, r := range rs {
		if _, err := q.ExecContext(ctx, `DELETE FROM outbox WHERE dedupe_key LIKE $1`, "request:"+strconv.FormatInt(r.ID, 10)+":%"); err != nil {
			return 0, 0, fmt.Errorf("delete the emails about request %d: %w", r.ID, err)
		}
		if r.State.Open() || r.State == center.StateAccepted {
			st := center.Step{Action: center.ActCancel, By: center.ActorAdvisor, At: now, Text: "They have left the center and deleted their account."}
			next, err := set.Apply(r, st)
			if err != nil {
				return 0, 0, fmt.Errorf("cancel request %d: %w", r.ID, err)
			}
			if err := updateRequest(ctx, q, set, next); err != nil {
				return 0, 0, err
			}
			// The tombstone has no email: only the other side is told.
			if err := s.requestEffects(ctx, q, set, r, next, st, nil); err != nil {
				return 0, 0, err
			}
			cancelled++
		}
	}
	if _, err := q.ExecContext(ctx, `UPDATE requests SET `+emptyRequestTexts+` WHERE (student_id = $1 OR volunteer_id = $1) AND `+hasRequestTexts, tomb); err != nil {
		return 0, 0, fmt.Errorf("empty the requests' words: %w", err)
	}
	if _, err := q.ExecContext(ctx, `UPDATE request_feedback SET note = '' WHERE note <> ''
		AND request_id IN (SELECT id FROM requests WHERE student_id = $1 OR volunteer_id = $1)`, tomb); err != nil {
		return 0, 0, fmt.Errorf("empty the feedback notes: %w", err)
	}
	return len(rs), cancelled, nil
}

// rewriteAudit names the tombstone instead of the person in the audit
// log: as the actor, as the target, and in the details that quote their
// email.
func rewriteAudit(ctx context.Context, q queryer, id int64, gone model.Account, label string) error {
	key := model.EmailKey(gone.Email)
	like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(key) + "%"
	for _, u := range []struct {
		query string
		args  []any
	}{
		{`UPDATE audit_log SET actor = $3, actor_id = NULL WHERE actor_id = $1 OR LOWER(actor) = $2`, []any{id, key, label}},
		{`UPDATE audit_log SET target = $3 WHERE LOWER(target) = $1 OR target = $2`, []any{key, "account " + strconv.FormatInt(id, 10), label}},
		{`UPDATE audit_log SET detail = REPLACE(REPLACE(detail, $2, $3), $4, $3) WHERE LOWER(detail) LIKE $1 ESCAPE '\'`, []any{like, gone.Email, label, key}},
	} {
		if _, err := q.ExecContext(ctx, u.query, u.args...); err != nil {
			return fmt.Errorf("rewrite the audit log: %w", err)
		}
	}
	return nil
}

// deleteUser deletes the user row; the database's cascades take their
// account, roles, sessions, tokens, profiles, photo and personal records.
// Full-text indexes have no foreign keys and are emptied by hand first.
func deleteUser(ctx context.Context, q queryer, d Dialect, id int64) error {
	stmts := []string{`DELETE FROM search_docs WHERE owner_id = $1`,
		// Explicitly, so that the directory's version moves on every database.
		`DELETE FROM volunteer_profiles WHERE account_id = $1`,
		`DELETE FROM student_profiles WHERE account_id = $1`}
	if d == SQLite {
		stmts = append(stmts, `DELETE FROM volunteer_search WHERE rowid = $1`)
	}
	stmts = append(stmts, `DELETE FROM users WHERE id = $1`)
	for _, st := range stmts {
		if _, err := q.ExecContext(ctx, st, id); err != nil {
			return fmt.Errorf("delete the account: %w", err)
		}
	}
	return nil
}

// LogExport records in the audit log that by exported account id's data
// for whose eyes: an advisor or the operator handing it over on request.
func (s *Store) LogExport(ctx context.Context, id int64, whose ExportFor, by model.Actor, now time.Time) error {
	acct, found, err := oneAccountIn(ctx, s.r, `a.user_id = $1`, id)
	if err != nil {
		return err
	}
	if !found {
		return notFound("account", id)
	}
	detail := "what the center holds about them"
	if whose == ExportForUser {
		detail = "everything Ally holds about them, their personal records too"
	}
	return audit(ctx, s.w, entry(by, now, "user.export", model.EmailKey(acct.Email), detail))
}
