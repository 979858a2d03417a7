package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
)

// The advisors' care pages (issue 11, "Rosters"): the volunteers with
// what their requests say of them, pausing and removing one. What an
// advisor reads here is the table "Who sees what in a center" allows:
// accounts, profiles and the requests' metadata, never a message.

// VolunteerSort names the column the volunteer list is sorted by.
type VolunteerSort string

// The columns the volunteer list sorts by.
const (
	SortRequestsThisMonth VolunteerSort = "month" // the default, most first
	SortName              VolunteerSort = "name"
	SortCapacity          VolunteerSort = "capacity"
	SortAnswerTime        VolunteerSort = "answer"
	SortAcceptance        VolunteerSort = "acceptance"
	SortNoShows           VolunteerSort = "no_shows"
	SortPausedUntil       VolunteerSort = "paused"
)

// VolunteerSorts lists the sorts in the order of the list's columns.
func VolunteerSorts() []VolunteerSort {
	return []VolunteerSort{SortName, SortCapacity, SortRequestsThisMonth, SortAnswerTime, SortAcceptance, SortNoShows, SortPausedUntil}
}

// ParseVolunteerSort reads a sort's name ("" is the default).
func ParseVolunteerSort(s string) (VolunteerSort, error) {
	if s == "" {
		return SortRequestsThisMonth, nil
	}
	for _, v := range VolunteerSorts() {
		if string(v) == s {
			return v, nil
		}
	}
	return "", model.Invalid("sort", "%q is not a column to sort by", s)
}

// VolunteerQuery asks for a page of the advisors' volunteer list.
type VolunteerQuery struct {
	ID    int64  // one volunteer only (0: all)
	Field string // a career field the volunteer offers (center.Key compares)
	Text  string // in the name, the email or the employer
	Sort  VolunteerSort
	Asc   bool // smallest (or A) first; the default is largest first
	// Month bounds "requests this month"; From and To the period the
	// answer times, acceptances and no-shows count the requests sent in.
	MonthFrom, MonthTo time.Time
	From, To           time.Time
	Limit, Offset      int
}

// VolunteerCare is one volunteer as the advisors' list shows them.
type VolunteerCare struct {
	ID          int64
	Name        string
	Email       string
	HasProfile  bool
	Capacity    int        // conversations a month
	PausedUntil *time.Time // the day they take requests again, as kept
	// RequestsThisMonth counts the requests received in the month.
	RequestsThisMonth int
	// Over the period: the requests sent, the median minutes to a first
	// answer (nil: none answered), accepted, declined and expired ones,
	// acceptance = accepted ÷ (accepted + declined + expired) (nil: none of
	// those), and the students who did not come.
	Requests      int
	MedianMinutes *float64
	Accepted      int
	Declined      int
	Expired       int
	Acceptance    *float64
	NoShows       int
}

// careStats are the period's aggregates per volunteer, for a sort that
// needs them for every volunteer; %s and %s bound the period.
const careStats = `SELECT volunteer_id, COUNT(accepted_at) AS acc,
	SUM(CASE WHEN state = 'declined' THEN 1 ELSE 0 END) AS dec,
	SUM(CASE WHEN state = 'expired' THEN 1 ELSE 0 END) AS exp,
	SUM(CASE WHEN state = 'no_show' THEN 1 ELSE 0 END) AS ns,
	COUNT(*) AS sent
	FROM requests WHERE created_at >= %s AND created_at < %s%s GROUP BY volunteer_id`

// careMedians are the median minutes to a first answer per volunteer, by
// the rank of each answer (as figureTimes): both databases have window
// functions, not the same median. The last %s narrows the requests read.
const careMedians = `SELECT g, CAST(AVG(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN m END) AS DOUBLE PRECISION) AS med
	FROM (SELECT volunteer_id AS g, answer_minutes AS m,
		ROW_NUMBER() OVER (PARTITION BY volunteer_id ORDER BY answer_minutes) AS rn,
		COUNT(*) OVER (PARTITION BY volunteer_id) AS n
		FROM requests WHERE created_at >= %s AND created_at < %s AND answer_minutes IS NOT NULL%s) ranked
	GROUP BY g`

// careFrom is what the volunteer list reads: every account with the
// volunteer role, joined to its profile and user only when a sort or a
// filter needs them, so that the default list reads the roles' index, the
// month's requests and the few disabled accounts (00030), and details
// only the page's volunteers.
func careFrom(q VolunteerQuery) string {
	from := ` FROM account_roles r`
	if q.Sort == SortName || q.Sort == SortCapacity || q.Sort == SortPausedUntil || strings.TrimSpace(q.Text) != "" {
		from += ` LEFT JOIN volunteer_profiles v ON v.account_id = r.user_id`
	}
	if q.Sort == SortName || strings.TrimSpace(q.Text) != "" {
		from += ` JOIN users u ON u.id = r.user_id`
	}
	return from
}

// careWhere is the list's WHERE: active volunteers matching q's filters.
func careWhere(f *directoryFilter, q VolunteerQuery) string {
	where := []string{`r.role = 'volunteer'`, `r.user_id NOT IN (SELECT x.user_id FROM accounts x WHERE x.status <> 'active')`}
	if q.ID != 0 {
		where = append(where, `r.user_id = `+f.arg(q.ID))
	}
	if k := center.Key(q.Field); k != "" {
		where = append(where, `r.user_id IN (SELECT t.account_id FROM volunteer_terms t WHERE t.kind = `+f.arg(termField)+` AND t.term = `+f.arg(k)+`)`)
	}
	if text := strings.ToLower(strings.TrimSpace(q.Text)); text != "" {
		p := f.arg(likeArg(text))
		match := `LOWER(COALESCE(v.display_name, u.name)) LIKE ` + p + ` ESCAPE '\' OR LOWER(u.email) LIKE ` + p + ` ESCAPE '\'`
		if k := center.Key(text); k != "" {
			match += ` OR v.employer_key LIKE ` + f.arg(likeArg(k)) + ` ESCAPE '\'`
		}
		where = append(where, `(`+match+`)`)
	}
	return ` WHERE ` + strings.Join(where, " AND ")
}

// VolunteerCarePage lists a page of the center's active volunteers with
// their load and how their requests went, and how many match in all.
// Every figure is an SQL aggregate: the list query counts this month's
// requests for the sort, and the period's figures are read for the page's
// volunteers only, unless the sort needs them for all. Volunteers who tie
// come in the order they joined (names, when sorted by name).
func (s *Store) VolunteerCarePage(ctx context.Context, set center.Settings, q VolunteerQuery) ([]VolunteerCare, int, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	var total int
	cf := &directoryFilter{}
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*)`+careFrom(q)+careWhere(cf, q), cf.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count volunteers: %w", err)
	}
	f := &directoryFilter{}
	joins := ` LEFT JOIN (SELECT volunteer_id, COUNT(*) AS n FROM requests WHERE created_at >= ` + f.arg(ts(q.MonthFrom)) +
		` AND created_at < ` + f.arg(ts(q.MonthTo)) + ` GROUP BY volunteer_id) mo ON mo.volunteer_id = r.user_id`
	dir := " DESC"
	if q.Asc {
		dir = ""
	}
	// nullsLast keeps the volunteers with nothing to sort by at the end,
	// whichever the direction (the databases disagree on where NULL sorts).
	nullsLast := func(expr string) string {
		return `CASE WHEN ` + expr + ` IS NULL THEN 1 ELSE 0 END, ` + expr + dir
	}
	stats := func() {
		joins += ` LEFT JOIN (` + fmt.Sprintf(careStats, f.arg(ts(q.From)), f.arg(ts(q.To)), "") + `) st ON st.volunteer_id = r.user_id`
	}
	var order string
	switch q.Sort {
	case SortName:
		order = `LOWER(COALESCE(v.display_name, u.name))` + dir
	case SortCapacity:
		order = `COALESCE(v.monthly_capacity, ` + f.arg(set.DefaultMonthlyCapacity) + `)` + dir
	case SortAnswerTime:
		joins += ` LEFT JOIN (` + fmt.Sprintf(careMedians, f.arg(ts(q.From)), f.arg(ts(q.To)), "") + `) md ON md.g = r.user_id`
		order = nullsLast("md.med")
	case SortAcceptance:
		stats()
		order = nullsLast(`CAST(st.acc AS DOUBLE PRECISION) / NULLIF(st.acc + st.dec + st.exp, 0)`)
	case SortNoShows:
		stats()
		order = `COALESCE(st.ns, 0)` + dir
	case SortPausedUntil:
		order = nullsLast("v.paused_until")
	default:
		order = `COALESCE(mo.n, 0)` + dir
	}
	list := `SELECT r.user_id, COALESCE(mo.n, 0)` + careFrom(q) + joins + careWhere(f, q) +
		` ORDER BY ` + order + `, r.user_id LIMIT ` + f.arg(q.Limit) + ` OFFSET ` + f.arg(q.Offset)
	rows, err := s.r.QueryContext(ctx, list, f.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list volunteers: %w", err)
	}
	defer rows.Close()
	var out []VolunteerCare
	for rows.Next() {
		var v VolunteerCare
		if err := rows.Scan(&v.ID, &v.RequestsThisMonth); err != nil {
			return nil, 0, fmt.Errorf("list volunteers: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	if err := s.careDetails(ctx, set, out); err != nil {
		return nil, 0, err
	}
	return out, total, s.careFigures(ctx, out, q.From, q.To)
}

// careDetails fills in the names, capacities and pauses of the page's
// volunteers vs.
func (s *Store) careDetails(ctx context.Context, set center.Settings, vs []VolunteerCare) error {
	if len(vs) == 0 {
		return nil
	}
	f := &directoryFilter{}
	capacity := f.arg(set.DefaultMonthlyCapacity)
	marks := make([]string, len(vs))
	byID := map[int64]*VolunteerCare{}
	for i := range vs {
		marks[i] = f.arg(vs[i].ID)
		byID[vs[i].ID] = &vs[i]
	}
	rows, err := s.r.QueryContext(ctx, `SELECT u.id, COALESCE(v.display_name, u.name), u.email, CASE WHEN v.account_id IS NULL THEN 0 ELSE 1 END,
		COALESCE(v.monthly_capacity, `+capacity+`), v.paused_until
		FROM users u LEFT JOIN volunteer_profiles v ON v.account_id = u.id WHERE u.id IN (`+strings.Join(marks, ", ")+`)`, f.args...)
	if err != nil {
		return fmt.Errorf("read volunteers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var d VolunteerCare
		var paused nullDate
		var profile int
		if err := rows.Scan(&id, &d.Name, &d.Email, &profile, &d.Capacity, &paused); err != nil {
			return fmt.Errorf("read volunteers: %w", err)
		}
		if v := byID[id]; v != nil {
			v.Name, v.Email, v.HasProfile, v.Capacity, v.PausedUntil = d.Name, d.Email, profile == 1, d.Capacity, paused.t
		}
	}
	return rows.Err()
}

// careFigures fills in the period's figures of the volunteers vs, read
// for them alone.
func (s *Store) careFigures(ctx context.Context, vs []VolunteerCare, from, to time.Time) error {
	if len(vs) == 0 {
		return nil
	}
	byID := map[int64]*VolunteerCare{}
	ids := make([]int64, len(vs))
	for i := range vs {
		ids[i] = vs[i].ID
		byID[vs[i].ID] = &vs[i]
	}
	stats, medians, args := careFigureStatements(ids, from, to)
	rows, err := s.r.QueryContext(ctx, stats, args...)
	if err != nil {
		return fmt.Errorf("count the volunteers' requests: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c VolunteerCare
		if err := rows.Scan(&id, &c.Accepted, &nullCount{&c.Declined}, &nullCount{&c.Expired}, &nullCount{&c.NoShows}, &c.Requests); err != nil {
			return fmt.Errorf("count the volunteers' requests: %w", err)
		}
		if v := byID[id]; v != nil {
			v.Requests, v.Accepted, v.Declined, v.Expired, v.NoShows = c.Requests, c.Accepted, c.Declined, c.Expired, c.NoShows
			v.Acceptance = share(v.Accepted, v.Accepted+v.Declined+v.Expired)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	med, err := s.r.QueryContext(ctx, medians, args...)
	if err != nil {
		return fmt.Errorf("the volunteers' answer times: %w", err)
	}
	defer med.Close()
	for med.Next() {
		var id int64
		var m sql.NullFloat64
		if err := med.Scan(&id, &m); err != nil {
			return fmt.Errorf("the volunteers' answer times: %w", err)
		}
		if v := byID[id]; v != nil {
			v.MedianMinutes = floatPtr(m)
		}
	}
	return med.Err()
}

// careFigureStatements are careFigures' two statements for the
// volunteers ids over [from, to), and their arguments. Both read the
// volunteers' own index (requests_volunteer_list, which carries the
// columns they count: 00063), not the period's requests of everyone.
func careFigureStatements(ids []int64, from, to time.Time) (stats, medians string, args []any) {
	f := &directoryFilter{}
	first, last := f.arg(ts(from)), f.arg(ts(to))
	marks := make([]string, len(ids))
	for i, id := range ids {
		marks[i] = f.arg(id)
	}
	in := ` AND volunteer_id IN (` + strings.Join(marks, ", ") + `)`
	return fmt.Sprintf(careStats, first, last, in), fmt.Sprintf(careMedians, first, last, in), f.args
}

// VolunteerCarePlan is PostgreSQL's plan (EXPLAIN) of the period's
// figures of the volunteers on the first page of q, after ANALYZE: a
// benchmark checks on the demo center that they are read through the
// volunteers' index alone.
func (s *Store) VolunteerCarePlan(ctx context.Context, set center.Settings, q VolunteerQuery) (string, error) {
	if s.dialect != Postgres {
		return "", fmt.Errorf("volunteer care plan: only on PostgreSQL")
	}
	if _, err := s.w.ExecContext(ctx, `ANALYZE requests`); err != nil {
		return "", fmt.Errorf("volunteer care plan: %w", err)
	}
	page, _, err := s.VolunteerCarePage(ctx, set, q)
	if err != nil {
		return "", fmt.Errorf("volunteer care plan: %w", err)
	}
	ids := make([]int64, len(page))
	for i, v := range page {
		ids[i] = v.ID
	}
	stats, medians, args := careFigureStatements(ids, q.From, q.To)
	var plan strings.Builder
	for _, query := range []string{stats, medians} {
		if err := explainInto(ctx, s.r, &plan, query, args); err != nil {
			return "", fmt.Errorf("volunteer care plan: %w", err)
		}
	}
	return plan.String(), nil
}

func share(n, of int) *float64 {
	if of <= 0 {
		return nil
	}
	v := float64(n) / float64(of)
	return &v
}

// careVolunteer reads, in q, an active volunteer's name and email and
// whether they have a profile; another account is not found.
func careVolunteer(ctx context.Context, q queryer, id int64) (name, email string, hasProfile bool, err error) {
	var profile int
	err = q.QueryRowContext(ctx, `SELECT COALESCE(v.display_name, u.name), u.email, CASE WHEN v.account_id IS NULL THEN 0 ELSE 1 END
		FROM account_roles r JOIN accounts a ON a.user_id = r.user_id JOIN users u ON u.id = r.user_id
		LEFT JOIN volunteer_profiles v ON v.account_id = r.user_id
		WHERE r.user_id = $1 AND r.role = 'volunteer' AND a.status = 'active'`, id).Scan(&name, &email, &profile)
	if err != nil {
		return "", "", false, noRows(err, "volunteer", id)
	}
	return name, email, profile == 1, nil
}

// PauseVolunteer pauses a volunteer until a day (they take requests again
// on it), or ends their pause (until nil), as an advisor, and logs it.
// Requests already sent still wait for their answer. A volunteer without
// a profile is not in the directory, so there is nothing to pause.
func (s *Store) PauseVolunteer(ctx context.Context, set center.Settings, id int64, until *time.Time, by model.Actor, now time.Time) (string, error) {
	if until != nil && !center.PausedOn(*until, now, set.Location()) {
		return "", model.Invalid("paused_until", "choose a day to come: the day they take requests again")
	}
	var name string
	err := s.inTx(ctx, func(q queryer) error {
		if err := lockAccounts(ctx, q, id); err != nil {
			return err
		}
		var email string
		var hasProfile bool
		var err error
		if name, email, hasProfile, err = careVolunteer(ctx, q, id); err != nil {
			return err
		}
		if !hasProfile {
			return model.Invalid("paused_until", "%s has not written a profile yet: students cannot find them in the directory, so there is nothing to pause", name)
		}
		if _, err := q.ExecContext(ctx, `UPDATE volunteer_profiles SET paused_until = $2, updated_at = $3 WHERE account_id = $1`,
			id, dateArg(until), ts(now)); err != nil {
			return fmt.Errorf("pause %s: %w", name, err)
		}
		if until == nil {
			return audit(ctx, q, entry(by, now, "volunteer.resume", email, ""))
		}
		return audit(ctx, q, entry(by, now, "volunteer.pause", email, "until "+until.Format(time.DateOnly)))
	})
	return name, err
}

// RemoveVolunteer takes the volunteer role off an account, as an
// advisor, and logs it: they leave the directory and the lists of those
// who answer requests, and their sessions end (their rights changed).
// Their requests stay, for the figures; it returns how many still wait
// for their answer (those close by themselves on their day).
func (s *Store) RemoveVolunteer(ctx context.Context, id int64, by model.Actor, now time.Time) (name string, open int, err error) {
	err = s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		if err := lockAccounts(ctx, q, id); err != nil {
			return err
		}
		var email string
		var err error
		if name, email, _, err = careVolunteer(ctx, q, id); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM account_roles WHERE user_id = $1 AND role = 'volunteer'`, id); err != nil {
			return fmt.Errorf("remove %s: %w", name, err)
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM requests WHERE volunteer_id = $1 AND `+openStates, id).Scan(&open); err != nil {
			return fmt.Errorf("count %s's open requests: %w", name, err)
		}
		return audit(ctx, q, entry(by, now, "volunteer.remove", email, fmt.Sprintf("volunteer role taken off; %d requests still waiting", open)))
	})
	return name, open, err
}
