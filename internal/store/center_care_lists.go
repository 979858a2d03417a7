package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
)

// The advisors' care pages, continued: the stale requests and the
// suggestions sent from them, the thank-you to volunteers, and the
// students to reach out to.

// CareRefusal is an advisor's action that cannot be done as things
// stand (suggestions already sent, nobody to suggest): a conflict.
type CareRefusal struct{ Message string }

func (e *CareRefusal) Error() string { return e.Message }

// Is makes errors.Is(err, ErrConflict) true.
func (e *CareRefusal) Is(target error) bool { return target == ErrConflict }

// StaleKind names one of the stale lists.
type StaleKind string

// The stale lists.
const (
	// StaleUnanswered: still waiting for the volunteer after their one reminder.
	StaleUnanswered StaleKind = "unanswered"
	// StaleUntimed: accepted center.StaleAcceptedDays ago or more, with no time agreed.
	StaleUntimed StaleKind = "untimed"
)

// staleWhere is the SQL of each stale list at now and its arguments; each
// list reads its own index (00030).
func staleWhere(set center.Settings, k StaleKind, now time.Time) (where, order string, args []any) {
	if k == StaleUntimed {
		return `q.state = 'accepted' AND q.meeting_at IS NULL AND q.accepted_at < $1`, `q.accepted_at, q.id`, []any{ts(set.StaleBefore(now))}
	}
	return `q.state = 'pending' AND q.reminded_at IS NOT NULL`, `q.reminded_at, q.id`, nil
}

// isStale says whether r is on a stale list at now.
func isStale(set center.Settings, r center.Request, now time.Time) bool {
	switch r.State {
	case center.StatePending:
		return !r.RemindedAt.IsZero()
	case center.StateAccepted:
		return r.MeetingAt.IsZero() && r.AcceptedAt.Before(set.StaleBefore(now))
	}
	return false
}

// StaleRequest is a stale request as advisors see it: its metadata.
type StaleRequest struct {
	ID          int64
	StudentID   int64
	Student     string
	VolunteerID int64
	Volunteer   string
	Field       string
	State       center.State
	SentAt      time.Time
	RemindedAt  time.Time  // StaleUnanswered
	AcceptedAt  time.Time  // StaleUntimed
	SuggestedAt *time.Time // when an advisor suggested other volunteers
}

// StaleCounts counts the requests on each stale list at now.
func (s *Store) StaleCounts(ctx context.Context, set center.Settings, now time.Time) (map[StaleKind]int, error) {
	out := map[StaleKind]int{}
	for _, k := range []StaleKind{StaleUnanswered, StaleUntimed} {
		where, _, args := staleWhere(set, k, now)
		var n int
		if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM requests q WHERE `+where, args...).Scan(&n); err != nil {
			return nil, fmt.Errorf("count stale requests: %w", err)
		}
		out[k] = n
	}
	return out, nil
}

// StaleRequests lists a page of one stale list at now, the longest
// waiting first.
func (s *Store) StaleRequests(ctx context.Context, set center.Settings, k StaleKind, now time.Time, limit, offset int) ([]StaleRequest, error) {
	where, order, args := staleWhere(set, k, now)
	page := fmt.Sprintf(` LIMIT $%d OFFSET $%d`, len(args)+1, len(args)+2)
	rows, err := s.r.QueryContext(ctx, `SELECT q.id, q.student_id, su.name, q.volunteer_id, COALESCE(v.display_name, vu.name), q.field, q.state,
		q.created_at, q.reminded_at, q.accepted_at, q.suggested_at
		FROM requests q JOIN users su ON su.id = q.student_id JOIN users vu ON vu.id = q.volunteer_id
		LEFT JOIN volunteer_profiles v ON v.account_id = q.volunteer_id
		WHERE `+where+` ORDER BY `+order+page, append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("list stale requests: %w", err)
	}
	defer rows.Close()
	var out []StaleRequest
	for rows.Next() {
		var r StaleRequest
		var state string
		var sent, reminded, accepted, suggested nullTime
		if err := rows.Scan(&r.ID, &r.StudentID, &r.Student, &r.VolunteerID, &r.Volunteer, &r.Field, &state,
			&sent, &reminded, &accepted, &suggested); err != nil {
			return nil, fmt.Errorf("list stale requests: %w", err)
		}
		r.State, r.SentAt, r.RemindedAt, r.AcceptedAt, r.SuggestedAt = center.State(state), sent.Time, reminded.Time, accepted.Time, suggested.ptr()
		out = append(out, r)
	}
	return out, rows.Err()
}

// SuggestVolunteers sends, as an advisor, the student of a stale request
// an email with other volunteers with room in its field (the same choice
// as after a decline or an expiry), once per request; the volunteer is not
// written to (their one reminder stands). It happens under both accounts'
// locks, so that of several advisors clicking at once one email goes. It
// returns the volunteers suggested.
func (s *Store) SuggestVolunteers(ctx context.Context, set center.Settings, id int64, by model.Actor, now time.Time) ([]requestmail.Suggestion, error) {
	var out []requestmail.Suggestion
	err := s.inTx(ctx, func(q queryer) error {
		var student, volunteer int64
		err := q.QueryRowContext(ctx, `SELECT student_id, volunteer_id FROM requests WHERE id = $1`, id).Scan(&student, &volunteer)
		if err != nil {
			return noRows(err, "request", id)
		}
		if err := lockAccounts(ctx, q, student, volunteer); err != nil {
			return err
		}
		r, err := requestByID(ctx, q, id)
		if err != nil {
			return err
		}
		var suggested nullTime
		if err := q.QueryRowContext(ctx, `SELECT suggested_at FROM requests WHERE id = $1`, id).Scan(&suggested); err != nil {
			return fmt.Errorf("read request %d: %w", id, err)
		}
		if suggested.Valid {
			return &CareRefusal{fmt.Sprintf("Other volunteers were already suggested for this request on %s.", center.FormatTime(suggested.Time, set.Location()))}
		}
		if !isStale(set, r, now) {
			return &CareRefusal{"This request is no longer stale: it is " + r.State.Label() + "."}
		}
		who, err := s.mailPartyOf(ctx, q, set, student)
		if err != nil {
			return err
		}
		if who.Email == "" {
			return &CareRefusal{"This student’s account was deleted: there is nobody to write to."}
		}
		if who.bouncing || who.optOut {
			return &CareRefusal{who.Name + " has stopped the center’s emails or their address bounces: write to them yourself."}
		}
		_, base, err := centerMailFacts(ctx, q)
		if err != nil {
			return err
		}
		if out, err = similarVolunteers(ctx, q, set, r, base, now); err != nil {
			return err
		}
		if len(out) == 0 {
			return &CareRefusal{"No other volunteer in " + r.Field + " has room this month: there is nobody to suggest yet."}
		}
		if _, err := q.ExecContext(ctx, `UPDATE requests SET suggested_at = $2 WHERE id = $1`, id, ts(now)); err != nil {
			return fmt.Errorf("record the suggestion: %w", err)
		}
		if err := s.queueRequestMail(ctx, q, set, r, now, mailJob{requestmail.Suggested, center.ActorStudent}); err != nil {
			return err
		}
		names := make([]string, len(out))
		for i, sg := range out {
			names[i] = sg.Name
		}
		return audit(ctx, q, entry(by, now, "request.suggest", "request "+strconv.FormatInt(id, 10), strings.Join(names, ", ")))
	})
	return out, err
}

// ThanksPlan is what a thank-you to the volunteers of a period would do.
type ThanksPlan struct {
	ToWrite     int // volunteers who held a conversation and will be written to
	Thanked     int // already thanked for this period
	Unreachable int // who stopped the center's emails, or whose address bounces
}

// thanksKey is the outbox's dedupe key of a period's thank-you, to which
// the volunteer's id is added: one email each, however often it is sent.
func thanksKey(p center.Period) string {
	return "volunteer-thanks:" + p.First.String() + ":" + p.Last.String() + ":"
}

// thanksRows are the active volunteers who held a conversation in the
// period ($1, $2), with their count (n), whether they are already
// thanked (thanked; $3 is the start of the dedupe key) and whether they
// stopped the center's email or their address bounces (away).
const thanksRows = `SELECT h.volunteer_id AS id, h.n AS n, COALESCE(v.display_name, u.name) AS name, u.email AS email,
	CASE WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = $3 || CAST(h.volunteer_id AS TEXT)) THEN 1 ELSE 0 END AS thanked,
	CASE WHEN a.mail_opt_out_at IS NOT NULL OR a.bouncing_at IS NOT NULL THEN 1 ELSE 0 END AS away
	FROM (SELECT volunteer_id, COUNT(*) AS n FROM requests WHERE held_at >= $1 AND held_at < $2 GROUP BY volunteer_id) h
	JOIN accounts a ON a.user_id = h.volunteer_id AND a.status = 'active'
	JOIN account_roles r ON r.user_id = h.volunteer_id AND r.role = 'volunteer'
	JOIN users u ON u.id = h.volunteer_id
	LEFT JOIN volunteer_profiles v ON v.account_id = h.volunteer_id`

// PlanThanks counts what ThankVolunteers would do for the period.
func (s *Store) PlanThanks(ctx context.Context, p center.Period) (ThanksPlan, error) {
	var plan ThanksPlan
	err := s.r.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN f.thanked = 0 AND f.away = 0 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(f.thanked), 0), COALESCE(SUM(CASE WHEN f.thanked = 0 THEN f.away ELSE 0 END), 0) FROM (`+thanksRows+`) f`,
		ts(p.From), ts(p.To), thanksKey(p)).Scan(&plan.ToWrite, &plan.Thanked, &plan.Unreachable)
	if err != nil {
		return plan, fmt.Errorf("count the volunteers to thank: %w", err)
	}
	return plan, nil
}

// ThankVolunteers queues, as an advisor, one thank-you to each active
// volunteer who held a conversation in the period, with the advisor's
// note, and logs it. A volunteer already thanked for the period is not
// written to again (the outbox's dedupe key), so a second click, or two
// advisors at once, send nothing more. It returns how many were queued.
func (s *Store) ThankVolunteers(ctx context.Context, set center.Settings, p center.Period, periodName, note string, by model.Actor, now time.Time) (int, error) {
	note = strings.TrimSpace(note)
	if len([]rune(note)) > 2000 {
		return 0, model.Invalid("note", "keep the note under 2,000 characters: it goes to every volunteer")
	}
	sent := 0
	err := s.inTx(ctx, func(q queryer) error {
		centerName, base, err := centerMailFacts(ctx, q)
		if err != nil {
			return err
		}
		key, err := s.requestLinkKey(ctx, q)
		if err != nil {
			return err
		}
		type one struct {
			id    int64
			held  int
			party requestmail.Party
		}
		rows, err := q.QueryContext(ctx, `SELECT f.id, f.n, f.name, f.email, f.thanked, f.away FROM (`+thanksRows+`) f ORDER BY f.id`,
			ts(p.From), ts(p.To), thanksKey(p))
		if err != nil {
			return fmt.Errorf("read the volunteers to thank: %w", err)
		}
		var todo []one
		for rows.Next() {
			var o one
			var thanked, away int
			if err := rows.Scan(&o.id, &o.held, &o.party.Name, &o.party.Email, &thanked, &away); err != nil {
				rows.Close()
				return fmt.Errorf("read the volunteers to thank: %w", err)
			}
			if thanked == 0 && away == 0 {
				todo = append(todo, o)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, o := range todo {
			t := requestmail.Thanks{Center: centerName, Volunteer: o.party, Held: o.held, Period: periodName, Note: note}
			if base != "" {
				t.Unsubscribe = base + "/unsubscribe/" + requestmail.SignAccount(key, o.id)
			}
			e, err := requestmail.RenderThanks(t)
			if err != nil {
				return err
			}
			mail := e.ToEmail("volunteer.thanks", thanksKey(p)+strconv.FormatInt(o.id, 10), now)
			mail.AccountID = o.id
			queued, err := enqueue(ctx, q, mail, now)
			if err != nil {
				return err
			}
			if queued {
				sent++
			}
		}
		if sent == 0 {
			return nil
		}
		return audit(ctx, q, entry(by, now, "center.thanks", periodName, fmt.Sprintf("%d volunteers thanked", sent)))
	})
	return sent, err
}

// StudentList names one of the advisors' lists of students.
type StudentList string

// The students' lists (besides the blocked ones, Blocks).
const (
	StudentsSilent  StudentList = "silent"  // have sent no request yet
	StudentsExpired StudentList = "expired" // every request they sent expired
)

// studentIDs is the SQL of a list's students as (id, expired, last
// expired), in the list's order. Each reads what every student's requests
// came to (student_request_states, kept by 00067's triggers) rather than
// the requests: those who sent nothing are the students' role (00006)
// with no row there, merged in account order; those whose requests all
// expired, its rows with none that is not expired, from their own index
// in the list's order. The details are read for the page alone
// (studentDetails).
func studentIDs(l StudentList) (query, order string) {
	const active = ` AND %[1]s NOT IN (SELECT x.user_id FROM accounts x WHERE x.status <> 'active')`
	if l == StudentsExpired {
		return `SELECT e.student_id, e.expired, e.last_expired FROM student_request_states e WHERE e.unexpired = 0
			AND e.student_id IN (SELECT s.user_id FROM account_roles s WHERE s.role = 'student')` + fmt.Sprintf(active, "e.student_id"),
			` ORDER BY e.last_expired DESC, e.student_id`
	}
	return `SELECT r.user_id, 0, NULL FROM account_roles r WHERE r.role = 'student'` + fmt.Sprintf(active, "r.user_id") +
		` AND NOT EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = r.user_id)`, ` ORDER BY r.user_id`
}

// StudentCare is a student as the advisors' lists show them: their
// account and profile, and for those whose requests all expired, how many
// and the last.
type StudentCare struct {
	ID            int64
	Name          string
	Email         string
	ClassYear     int
	Majors        []string
	JoinedAt      time.Time
	LastSignInAt  *time.Time
	Expired       int
	LastExpiredAt *time.Time
}

// StudentCareCounts counts the students on each list: kept
// (student_care_counts, by 00068's triggers in the statements that write
// the roles, the accounts' status and the students' request states).
func (s *Store) StudentCareCounts(ctx context.Context) (map[StudentList]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT list, n FROM student_care_counts`)
	if err != nil {
		return nil, fmt.Errorf("count students: %w", err)
	}
	defer rows.Close()
	out := map[StudentList]int{StudentsSilent: 0, StudentsExpired: 0}
	for rows.Next() {
		var l string
		var n int
		if err := rows.Scan(&l, &n); err != nil {
			return nil, fmt.Errorf("count students: %w", err)
		}
		out[StudentList(l)] = n
	}
	return out, rows.Err()
}

// StudentCarePage lists a page of one list: the students who sent
// nothing, those who joined first first; those whose requests all
// expired, the latest expiry first.
func (s *Store) StudentCarePage(ctx context.Context, l StudentList, limit, offset int) ([]StudentCare, error) {
	ids, order := studentIDs(l)
	rows, err := s.r.QueryContext(ctx, ids+order+` LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("list students: %w", err)
	}
	defer rows.Close()
	var out []StudentCare
	for rows.Next() {
		var c StudentCare
		var expired nullTime
		if err := rows.Scan(&c.ID, &c.Expired, &expired); err != nil {
			return nil, fmt.Errorf("list students: %w", err)
		}
		c.LastExpiredAt = expired.ptr()
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, s.studentDetails(ctx, out)
}

// studentDetails fills in the accounts and profiles of the page's students.
func (s *Store) studentDetails(ctx context.Context, cs []StudentCare) error {
	if len(cs) == 0 {
		return nil
	}
	f := &directoryFilter{}
	marks := make([]string, len(cs))
	byID := map[int64]*StudentCare{}
	for i := range cs {
		marks[i] = f.arg(cs[i].ID)
		byID[cs[i].ID] = &cs[i]
	}
	rows, err := s.r.QueryContext(ctx, `SELECT u.id, u.name, u.email, p.class_year, COALESCE(p.majors, ''), a.created_at, a.last_signin_at
		FROM users u JOIN accounts a ON a.user_id = u.id LEFT JOIN student_profiles p ON p.account_id = u.id
		WHERE u.id IN (`+strings.Join(marks, ", ")+`)`, f.args...)
	if err != nil {
		return fmt.Errorf("read students: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var year *int64
		var name, email, majors string
		var joined, signin nullTime
		if err := rows.Scan(&id, &name, &email, &year, &majors, &joined, &signin); err != nil {
			return fmt.Errorf("read students: %w", err)
		}
		c := byID[id]
		if c == nil {
			continue
		}
		c.Name, c.Email, c.Majors, c.JoinedAt, c.LastSignInAt = name, email, splitLines(majors), joined.Time, signin.ptr()
		if year != nil {
			c.ClassYear = int(*year)
		}
	}
	return rows.Err()
}

// StudentCarePlan is PostgreSQL's plan (EXPLAIN) of the lists' kept
// counts and of a list's first page, after ANALYZE: a benchmark checks on the demo center
// that neither reads the requests.
func (s *Store) StudentCarePlan(ctx context.Context, l StudentList) (string, error) {
	if s.dialect != Postgres {
		return "", fmt.Errorf("student care plan: only on PostgreSQL")
	}
	if _, err := s.w.ExecContext(ctx, `ANALYZE student_request_states`); err != nil {
		return "", fmt.Errorf("student care plan: %w", err)
	}
	ids, order := studentIDs(l)
	var plan strings.Builder
	for _, query := range []string{`SELECT list, n FROM student_care_counts`, ids + order + ` LIMIT 50 OFFSET 0`} {
		if err := explainInto(ctx, s.r, &plan, query, nil); err != nil {
			return "", fmt.Errorf("student care plan: %w", err)
		}
	}
	return plan.String(), nil
}
