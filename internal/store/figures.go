package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
)

// AddTerm keeps a new term of the center (a name used once) and logs it.
func (s *Store) AddTerm(ctx context.Context, t center.Term, by model.Actor, now time.Time) (center.Term, error) {
	if err := t.Validate(); err != nil {
		return t, err
	}
	err := s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		err := q.QueryRowContext(ctx, `INSERT INTO center_terms (name, name_key, starts_on, ends_on) VALUES ($1, $2, $3, $4) RETURNING id`,
			t.Name, center.Key(t.Name), t.Start.String(), t.End.String()).Scan(&t.ID)
		if isUniqueViolation(err) {
			return model.Invalid("name", "there is already a term named %q", t.Name)
		}
		if err != nil {
			return fmt.Errorf("add term: %w", err)
		}
		return audit(ctx, q, entry(by, now, "center.term.add", "term "+t.Name, t.Start.String()+" to "+t.End.String()))
	})
	return t, err
}

// Terms lists the center's terms, earliest first.
func (s *Store) Terms(ctx context.Context) ([]center.Term, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, starts_on, ends_on FROM center_terms ORDER BY starts_on, id`)
	if err != nil {
		return nil, fmt.Errorf("read terms: %w", err)
	}
	defer rows.Close()
	var out []center.Term
	for rows.Next() {
		var t center.Term
		var start, end nullDate
		if err := rows.Scan(&t.ID, &t.Name, &start, &end); err != nil {
			return nil, fmt.Errorf("read terms: %w", err)
		}
		t.Start, t.End = center.Day{Time: *start.t}, center.Day{Time: *end.t}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RecordMilestone records when the conversation a request led to was
// held, thanked for or reported back on. The first record of each stands;
// a thank-you notes whether it came in time (center.ThankedInTime).
func (s *Store) RecordMilestone(ctx context.Context, requestID int64, m center.Milestone, at time.Time) error {
	return s.inTx(ctx, func(q queryer) error {
		return recordMilestone(ctx, q, `id = $1`, requestID, m, at)
	})
}

// recordMilestone records m at at on the requests where says (with $1 its
// argument).
func recordMilestone(ctx context.Context, q queryer, where string, arg any, m center.Milestone, at time.Time) error {
	var err error
	switch m {
	case center.MilestoneHeld:
		_, err = q.ExecContext(ctx, `UPDATE requests SET held_at = $2 WHERE `+where+` AND held_at IS NULL`, arg, ts(at))
	case center.MilestoneReportedBack:
		_, err = q.ExecContext(ctx, `UPDATE requests SET reported_back_at = $2 WHERE `+where+` AND reported_back_at IS NULL`, arg, ts(at))
	case center.MilestoneThanked:
		var rows *sql.Rows
		rows, err = q.QueryContext(ctx, `SELECT id, held_at FROM requests WHERE `+where+` AND thanked_at IS NULL`, arg)
		if err != nil {
			break
		}
		type one struct {
			id   int64
			held nullTime
		}
		var todo []one
		for rows.Next() {
			var o one
			if err = rows.Scan(&o.id, &o.held); err != nil {
				break
			}
			todo = append(todo, o)
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		for _, o := range todo {
			if err != nil {
				break
			}
			_, err = q.ExecContext(ctx, `UPDATE requests SET thanked_at = $2, thanked_in_time = $3 WHERE id = $1`,
				o.id, ts(at), center.ThankedInTime(o.held.Time, at))
		}
	default:
		return fmt.Errorf("%q is not a request milestone", m)
	}
	if err != nil {
		return fmt.Errorf("record %s: %w", m, err)
	}
	return nil
}

// stepMilestones records what a step on a request tells the figures: the
// minutes to the volunteer's first answer, and when the conversation was
// held (at its meeting time); a held conversation later found missed is
// no longer held.
func stepMilestones(ctx context.Context, q queryer, before, after center.Request) error {
	if before.AnsweredAt.IsZero() && !after.AnsweredAt.IsZero() {
		mins := int(after.AnsweredAt.Sub(after.CreatedAt) / time.Minute)
		if _, err := q.ExecContext(ctx, `UPDATE requests SET answer_minutes = $2 WHERE id = $1`, after.ID, mins); err != nil {
			return fmt.Errorf("record the answer time: %w", err)
		}
	}
	switch {
	case after.State == center.StateHeld && before.State != center.StateHeld:
		at := after.MeetingAt
		if at.IsZero() {
			at = after.StateAt
		}
		return recordMilestone(ctx, q, `id = $1`, after.ID, center.MilestoneHeld, at)
	case after.State == center.StateNoShow && before.State == center.StateHeld:
		if _, err := q.ExecContext(ctx, `UPDATE requests SET held_at = NULL, thanked_at = NULL, thanked_in_time = $2 WHERE id = $1`,
			after.ID, false); err != nil {
			return fmt.Errorf("record the no-show: %w", err)
		}
	}
	return nil
}

// conversationMilestones maps the states of a student's own conversation
// to the milestones its request records.
var conversationMilestones = map[model.State]center.Milestone{
	model.StateHeld:         center.MilestoneHeld,
	model.StateThanked:      center.MilestoneThanked,
	model.StateReportedBack: center.MilestoneReportedBack,
}

// reportToRequest passes a lifecycle step of a conversation born from a
// center request back to that request: its time, never its notes. Only
// the request's own student's conversation reports. Until the request
// carries the link (requests.conversation_id) there is nothing to report.
func reportToRequest(ctx context.Context, q queryer, d Dialect, conversationID int64, to model.State, at time.Time) error {
	m, ok := conversationMilestones[to]
	if !ok {
		return nil
	}
	linked, err := hasColumn(ctx, q, d, "requests", "conversation_id")
	if err != nil || !linked {
		return err
	}
	return recordMilestone(ctx, q, `conversation_id = $1 AND student_id = (SELECT owner_id FROM conversations WHERE id = $1)`,
		conversationID, m, at)
}

// hasColumn reports whether the table has the column.
func hasColumn(ctx context.Context, q queryer, d Dialect, table, column string) (bool, error) {
	query := `SELECT COUNT(*) FROM pragma_table_info($1) WHERE name = $2`
	if d == Postgres {
		query = `SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`
	}
	var n int
	if err := q.QueryRowContext(ctx, query, table, column).Scan(&n); err != nil {
		return false, fmt.Errorf("look for %s.%s: %w", table, column, err)
	}
	return n > 0, nil
}

// A figureSum is a figure that adds up across sets of requests: its
// column in figure_days (kept ahead, a row a day and field, by the
// triggers of migration 00046) and its aggregate over requests, which
// the triggers' sums must equal.
type figureSum struct{ col, expr string }

// figureSums are the figures of a set of the period's requests that add
// up across sets, in the order scanSums reads them.
var figureSums = append([]figureSum{
	{"sent", `COUNT(*)`},
	{"answered", `COUNT(answered_at)`},
	{"accepted", `COUNT(accepted_at)`},
	{"declined", `COUNT(*) FILTER (WHERE state = 'declined')`},
	{"expired", `COUNT(*) FILTER (WHERE state = 'expired')`},
	{"withdrawn", `COUNT(*) FILTER (WHERE state = 'withdrawn')`},
	{"held", `COUNT(held_at)`},
	{"no_shows", `COUNT(*) FILTER (WHERE state = 'no_show')`},
	{"late_cancels", `COUNT(*) FILTER (WHERE state = 'cancelled' AND late_cancel)`},
	{"thanked_in_time", `COUNT(*) FILTER (WHERE held_at IS NOT NULL AND thanked_in_time)`},
	{"reported_back", `COUNT(reported_back_at)`},
	{"student_ratings", `COUNT(student_rating)`},
	{"student_rating_sum", `SUM(student_rating)`},
	{"volunteer_ratings", `COUNT(volunteer_rating)`},
	{"volunteer_rating_sum", `SUM(volunteer_rating)`},
	{"flagged", `COUNT(*) FILTER (WHERE flagged)`},
}, declineSums()...)

// staleCount counts the stale requests of a set, which changes with time
// and so is never kept ahead: $3 is when an accepted request with no time
// agreed became stale.
const staleCount = `COUNT(*) FILTER (WHERE (state IN ('pending', 'more_info') AND reminded_at IS NOT NULL)
		OR (state = 'accepted' AND meeting_at IS NULL AND accepted_at < $3))`

// sumExprs are figureSums' aggregates over requests, separated by commas.
func sumExprs() string {
	var out []string
	for _, f := range figureSums {
		out = append(out, f.expr)
	}
	return strings.Join(out, ", ")
}

// declineSums count the declines by each reason a volunteer chooses from.
func declineSums() []figureSum {
	var out []figureSum
	for _, d := range center.DeclineReasons() {
		out = append(out, figureSum{"declined_" + string(d), `COUNT(*) FILTER (WHERE state = 'declined' AND decline_reason = '` + string(d) + `')`})
	}
	return out
}

// scanSums is where a row's figureSums go.
func scanSums(f *center.Figures) []any {
	dest := []any{&nullCount{&f.RequestsSent}, &nullCount{&f.Answered}, &nullCount{&f.Accepted}, &nullCount{&f.Declined},
		&nullCount{&f.Expired}, &nullCount{&f.Withdrawn}, &nullCount{&f.Held}, &nullCount{&f.NoShows}, &nullCount{&f.LateCancels},
		&nullCount{&f.ThankedInTime}, &nullCount{&f.ReportedBack}, &nullCount{&f.UsefulnessRatings},
		&nullCount{&f.UsefulnessSum}, &nullCount{&f.PreparednessRatings}, &nullCount{&f.PreparednessSum},
		&nullCount{&f.CheckerOverrides}}
	f.DeclinedByReason = map[string]int{}
	for _, d := range center.DeclineReasons() {
		n := new(int)
		dest = append(dest, &reasonCount{f.DeclinedByReason, string(d), n})
	}
	return dest
}

// reasonCount scans a count of declines by reason into the map, leaving
// out reasons no one gave.
type reasonCount struct {
	m      map[string]int
	reason string
	n      *int
}

func (c *reasonCount) Scan(v any) error {
	if err := (&nullCount{c.n}).Scan(v); err != nil {
		return err
	}
	if *c.n > 0 {
		c.m[c.reason] = *c.n
	}
	return nil
}

// A figureDim is a grouping of the figures: an SQL expression over the
// requests q (and what join adds) that is never NULL, and empty only for
// the students whose profile does not record the value (no recorded value
// is empty: center.NewGroup), and the label a group shows. join names the student's id %[1]s, so that the
// students of each group are counted by the same expression.
type figureDim struct {
	name, expr, label, join string
	// split has the students' majors split from their profiles at the
	// read (studentMajors) rather than read from those kept ahead in the
	// table student_majors (migration 00049), for the tests to check the
	// ones against the others.
	split bool
}

// joinOn is dim's join to the student whose id is the column student.
func (d *figureDim) joinOn(student string) string {
	if d.join == "" {
		return ""
	}
	return fmt.Sprintf(d.join, student)
}

// students is whether the grouping is by what the students' profiles say:
// the groups then count the students of each.
func (d *figureDim) students() bool {
	return d.name == center.ByGradYear || d.name == center.ByMajor || d.name == center.ByFirstGen
}

// figureDims is the grouping by names (nil: none); the months' bounds
// are its parameters from $4 on.
func (s *Store) figureDims(set center.Settings, from, to time.Time, by string) (*figureDim, []any) {
	var args []any
	switch by {
	case center.ByField:
		return &figureDim{name: center.ByField, expr: `q.field_key`, label: `q.field`}, nil
	case center.ByMonth:
		loc := set.Location()
		var expr strings.Builder
		expr.WriteString(`CASE`)
		for m := center.MonthOf(from, loc); m.Start(loc).Before(to); m = m.Next() {
			args = append(args, ts(m.End(loc)))
			fmt.Fprintf(&expr, ` WHEN q.created_at < $%d THEN '%04d-%02d'`, len(args)+3, m.Year, int(m.Month))
		}
		expr.WriteString(` ELSE '' END`)
		return &figureDim{name: center.ByMonth, expr: expr.String(), label: `''`}, args
	case center.ByGradYear, center.ByFirstGen, center.ByMajor:
		return studentDim(by), nil
	}
	return nil, nil
}

// studentDim is the grouping by what the students' profiles say (by is
// one of center.ByGradYear, ByFirstGen and ByMajor): the triggers of
// migration 00056 keep figure_group_days by the same expressions.
func studentDim(by string) *figureDim {
	switch by {
	case center.ByGradYear:
		return &figureDim{name: center.ByGradYear, expr: `COALESCE(CAST(sp.class_year AS TEXT), '')`, label: `''`,
			join: `LEFT JOIN student_profiles sp ON sp.account_id = %[1]s`}
	case center.ByFirstGen:
		return &figureDim{name: center.ByFirstGen, expr: `CASE WHEN sp.first_gen IS NULL THEN ''
			WHEN sp.first_gen THEN 'yes' ELSE 'no' END`, label: `''`,
			join: `LEFT JOIN student_profiles sp ON sp.account_id = %[1]s`}
	}
	// A student of two majors counts in both; one of none, in the group
	// not recorded.
	return &figureDim{name: center.ByMajor, expr: `COALESCE(LOWER(sm.major), '')`,
		label: `COALESCE(sm.major, '')`,
		join:  `LEFT JOIN student_majors sm ON sm.account_id = %[1]s`}
}

// studentMajors is a WITH clause naming each student's majors, one row
// each (the profile keeps them one a line), split from the profiles as
// the triggers of migration 00049 keep them in the table of that name:
// PostgreSQL splits the lines in one pass, SQLite one line at a time.
func (s *Store) studentMajors() string {
	if s.dialect == Postgres {
		return `student_majors AS (SELECT DISTINCT account_id, TRIM(m) AS major
		FROM student_profiles, unnest(string_to_array(majors, chr(10))) AS m WHERE TRIM(m) <> '')`
	}
	return `RECURSIVE split(account_id, major, rest) AS (
		SELECT account_id, '', majors || char(10) FROM student_profiles
		UNION ALL
		SELECT account_id, TRIM(substr(rest, 1, instr(rest, char(10)) - 1)), substr(rest, instr(rest, char(10)) + 1) FROM split WHERE rest <> ''),
	student_majors AS (SELECT DISTINCT account_id, major FROM split WHERE major <> '')`
}

// figuresStatement counts the figures of the requests sent in [$1, $2)
// in one pass over them (from the time index alone, requests_figures):
// as one row, or a row per group of dim. The distinct students and
// volunteers are counted in the same pass; PostgreSQL works out the
// median and 90th percentile (nearest rank) of the minutes to answer in
// it too, SQLite in answerTimes.
func (s *Store) figuresStatement(dim *figureDim) string {
	g, label, join, group := `''`, `''`, ``, ``
	if dim != nil {
		g, label, join, group = dim.expr, `MIN(`+dim.label+`)`, dim.joinOn(`q.student_id`), ` GROUP BY `+dim.expr
	}
	times := `, NULL, NULL`
	if s.dialect == Postgres {
		times = `, percentile_cont(0.5) WITHIN GROUP (ORDER BY answer_minutes),
		CAST(percentile_disc(0.9) WITHIN GROUP (ORDER BY answer_minutes) AS DOUBLE PRECISION)`
	}
	return s.dimWith(dim) + `SELECT ` + g + `, ` + label + `, ` + sumExprs() + `, ` + staleCount + `,
		COUNT(DISTINCT volunteer_id),
		COUNT(DISTINCT CASE WHEN answered_at IS NOT NULL THEN volunteer_id END),
		COUNT(DISTINCT CASE WHEN held_at IS NOT NULL THEN student_id END)` + times + `
		FROM requests q ` + join + ` WHERE q.created_at >= $1 AND q.created_at < $2` + group
}

// dimWith is the WITH clause dim's expression needs ("" for none): the
// students' majors split at the read when dim says so, else none (the
// table student_majors holds them).
func (s *Store) dimWith(dim *figureDim) string {
	if dim != nil && dim.name == center.ByMajor && dim.split {
		return `WITH ` + s.studentMajors() + ` `
	}
	return ``
}

// figureTimes are the median and the 90th percentile (nearest rank) of
// the minutes to a first answer per group, from how many answers took
// each number of minutes (a hash of the answered requests into far fewer
// rows than they are, rather than a sort of them all): a rank's value is
// the least number of minutes whose answers, with the quicker ones, reach
// that rank. The median is the mean of the values at ranks (n+1)/2 and
// (n+2)/2 and the 90th percentile the value at rank ceil(9n/10), as
// PostgreSQL's percentile_cont(0.5) and percentile_disc(0.9) have them.
// It is filled with the group's expression, the join and the group's
// GROUP BY, and follows a WITH clause (figureTimesWith).
const figureTimes = `h AS (SELECT %s AS g, answer_minutes AS m, COUNT(*) AS n FROM requests q %s
		WHERE q.created_at >= $1 AND q.created_at < $2 AND answer_minutes IS NOT NULL%s),
	c AS (SELECT g, m, CAST(SUM(n) OVER (PARTITION BY g ORDER BY m) AS BIGINT) AS cum, CAST(SUM(n) OVER (PARTITION BY g) AS BIGINT) AS tot FROM h)
	SELECT g, CAST(MIN(CASE WHEN cum >= (tot + 1) / 2 THEN m END) + MIN(CASE WHEN cum >= (tot + 2) / 2 THEN m END) AS DOUBLE PRECISION) / 2,
		CAST(MIN(CASE WHEN cum >= (9 * tot + 9) / 10 THEN m END) AS DOUBLE PRECISION)
	FROM c GROUP BY g`

// figureTimesStatement is figureTimes for the groups of dim (nil: one
// group, ""), after what dim's expression needs (dimWith).
func (s *Store) figureTimesStatement(dim *figureDim) string {
	g, join := `''`, ``
	if dim != nil {
		g, join = dim.expr, dim.joinOn(`q.student_id`)
	}
	with := s.dimWith(dim)
	if with == "" {
		with = `WITH `
	} else {
		with += `, `
	}
	return with + fmt.Sprintf(figureTimes, g, join, groupBy(g, `answer_minutes`))
}

// answerTimes reads the median and 90th percentile of the minutes to
// answer per group of dim (nil: one group, ""): on SQLite, which has no
// percentile aggregate, for every grouping; on PostgreSQL, for the whole
// period (its groups' are read in the sort that counts their distinct
// volunteers and students). SQLite lets args hold more than the
// statement reads.
func (s *Store) answerTimes(ctx context.Context, q queryer, dim *figureDim, args []any) (map[string][2]*float64, error) {
	rows, err := q.QueryContext(ctx, s.figureTimesStatement(dim), args...)
	if err != nil {
		return nil, fmt.Errorf("answer times: %w", err)
	}
	defer rows.Close()
	out := map[string][2]*float64{}
	for rows.Next() {
		var g string
		var med, p90 sql.NullFloat64
		if err := rows.Scan(&g, &med, &p90); err != nil {
			return nil, fmt.Errorf("answer times: %w", err)
		}
		if med.Valid {
			out[g] = [2]*float64{floatPtr(med), floatPtr(p90)}
		}
	}
	return out, rows.Err()
}

// askedListed is how many of the most and of the least asked volunteers
// the figures name.
const askedListed = 5

// CenterFigures counts what the program achieved with the requests sent
// in [from, to), with a row per group in By when by names a grouping
// (center.Groupings): every figure is an SQL aggregate, so the cost does
// not grow with rows read into Go. What adds up is read from the days
// kept ahead; the period's requests are read once for the volunteers
// asked (with who was asked most), once for the students helped and the
// answer times, and once per grouping (on PostgreSQL, beside the whole
// period's reads, on a second connection).
// now is when stale requests are judged.
func (s *Store) CenterFigures(ctx context.Context, set center.Settings, from, to, now time.Time, by string) (center.Figures, error) {
	by, err := center.ParseGrouping(by)
	if err != nil {
		return center.Figures{}, err
	}
	if s.dialect != Postgres {
		return s.centerFigures(ctx, s.r, set, from, to, now, by, false, nil)
	}
	return s.sharedFigures(ctx, set, from, to, now, by, nil)
}

// sharedFigures counts the figures on PostgreSQL, where the groups are
// read on a second connection at the same time as the whole period, from
// the same snapshot; afterSnapshot (the tests) runs once the snapshot is
// taken, before anything is read.
func (s *Store) sharedFigures(ctx context.Context, set center.Settings, from, to, now time.Time, by string, afterSnapshot func() error) (center.Figures, error) {
	tx, err := s.figuresTx(ctx, "")
	if err != nil {
		return center.Figures{}, err
	}
	defer tx.Rollback()
	var beside lane
	// A read takes a second connection only if one of the lanes is free
	// (else it reads its groups in turn): a read that waited for one
	// while holding its first could wait for ever once every connection
	// is held by such reads.
	if by != "" && tryAcquire(s.figureLanes) {
		defer func() { <-s.figureLanes }()
		// The snapshot is exported by this transaction, which stays open
		// until the groups are read, so that the whole period and the
		// groups count the same requests.
		var snapshot string
		if err := tx.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&snapshot); err != nil {
			return center.Figures{}, fmt.Errorf("count the figures: %w", err)
		}
		if afterSnapshot != nil {
			if err := afterSnapshot(); err != nil {
				return center.Figures{}, err
			}
		}
		beside = func(fn func(q queryer) error) func() error {
			done := make(chan error, 1)
			go func() {
				tx, err := s.figuresTx(ctx, snapshot)
				if err != nil {
					done <- err
					return
				}
				defer tx.Rollback()
				done <- fn(tx)
			}()
			return func() error { return <-done }
		}
	}
	return s.centerFigures(ctx, tx, set, from, to, now, by, false, beside)
}

// tryAcquire takes a slot of sem if one is free at once.
func tryAcquire(sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		return true
	default:
		return false
	}
}

// snapshotName is what pg_export_snapshot returns.
var snapshotName = regexp.MustCompile(`^[0-9A-Fa-f-]+$`)

// figuresTx begins a read of the figures on PostgreSQL: one snapshot for
// all its statements (repeatable read), snapshot's if it names one.
func (s *Store) figuresTx(ctx context.Context, snapshot string) (*sql.Tx, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return nil, fmt.Errorf("count the figures: %w", err)
	}
	var sets []string
	if snapshot != "" {
		if !snapshotName.MatchString(snapshot) {
			tx.Rollback()
			return nil, fmt.Errorf("count the figures: %q is no snapshot", snapshot)
		}
		sets = append(sets, `SET TRANSACTION SNAPSHOT '`+snapshot+`'`)
	}
	// The distinct counts and percentiles sort the period's rows, which
	// would spill to disk in the default 4 MB of working memory: the
	// figures get more, for this read only. Compiling the statements
	// (JIT) costs more than it saves here.
	sets = append(sets, `SET LOCAL work_mem = '64MB'`, `SET LOCAL jit = off`)
	for _, set := range sets {
		if _, err := tx.ExecContext(ctx, set); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("count the figures: %w", err)
		}
	}
	return tx, nil
}

// centerFigures counts the figures as CenterFigures says; fromRows counts
// them all from the period's requests, never from the days kept ahead
// (for the tests to check the ones against the others).
func (s *Store) centerFigures(ctx context.Context, q queryer, set center.Settings, from, to, now time.Time, by string, fromRows bool, beside lane) (center.Figures, error) {
	dim, monthArgs := s.figureDims(set, from, to, by)
	if dim != nil {
		dim.split = fromRows
	}
	args := append([]any{ts(from), ts(to), ts(set.StaleBefore(now))}, monthArgs...)
	// read counts the figures of dim's groups (nil: the whole period, one
	// group); keys maps each group's key (KeyText) to its SQL value.
	read := func(q queryer, dim *figureDim) ([]center.Group, map[string]string, error) {
		name := ""
		if dim != nil {
			name = dim.name
		}
		if g, ok := keptGrouping(set, from, to, name); ok && !fromRows {
			return s.readKept(ctx, q, g, dim == nil, from, to, set.StaleBefore(now))
		}
		stmtArgs := args
		if dim == nil || dim.name != center.ByMonth {
			stmtArgs = args[:3]
		}
		rows, err := q.QueryContext(ctx, s.figuresStatement(dim), stmtArgs...)
		if err != nil {
			return nil, nil, fmt.Errorf("count the figures: %w", err)
		}
		defer rows.Close()
		var out []center.Group
		keys := map[string]string{}
		for rows.Next() {
			var g center.Group
			var key, label string
			var med, p90 sql.NullFloat64
			dest := append([]any{&key, &label}, scanSums(&g.Figures)...)
			dest = append(dest, &nullCount{&g.Stale}, &nullCount{&g.VolunteersAsked}, &nullCount{&g.VolunteersActive}, &nullCount{&g.StudentsHelped}, &med, &p90)
			if err := rows.Scan(dest...); err != nil {
				return nil, nil, fmt.Errorf("count the figures: %w", err)
			}
			g.MedianMinutesToAnswer, g.P90MinutesToAnswer = floatPtr(med), floatPtr(p90)
			if dim != nil {
				named := center.NewGroup(cmp.Or(label, key), "")
				g.Key, g.Label = named.Key, named.Label
				keys[g.KeyText()] = key
			}
			out = append(out, g)
		}
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
		if s.dialect == Postgres {
			return out, keys, nil
		}
		times, err := s.answerTimes(ctx, q, dim, stmtArgs)
		if err != nil {
			return nil, nil, err
		}
		for i := range out {
			t := times[keys[out[i].KeyText()]]
			out[i].MedianMinutesToAnswer, out[i].P90MinutesToAnswer = t[0], t[1]
		}
		return out, keys, nil
	}
	// The groups are read beside the whole period (on PostgreSQL, on
	// another connection that sees the same snapshot: CenterFigures).
	var groups []center.Group
	var keys map[string]string
	wait := func() error { return nil }
	if dim != nil {
		if beside == nil {
			beside = inTurn(q)
		}
		wait = beside(func(q queryer) error {
			var err error
			groups, keys, err = read(q, dim)
			return err
		})
	}
	f, err := s.wholeFigures(ctx, q, set, from, to, by, fromRows, args, read)
	if err := cmp.Or(wait(), err); err != nil {
		return f, err
	}
	if by == center.ByField {
		if err := s.fieldSupply(ctx, q, set, &f, groups, from, to, true); err != nil {
			return f, err
		}
	}
	if by != "" && by != center.ByField {
		f.By = groups
		if err := s.groupRosters(ctx, q, set, &f, dim, keys, from, to); err != nil {
			return f, err
		}
	}
	f.Derive()
	return f, nil
}

// wholeFigures counts the figures of the whole period [from, to) (read
// with no grouping), with the roster's and, unless by is center.ByField
// (whose groups are the fields), the fields' demand and supply.
func (s *Store) wholeFigures(ctx context.Context, q queryer, set center.Settings, from, to time.Time, by string, fromRows bool, args []any,
	read func(queryer, *figureDim) ([]center.Group, map[string]string, error)) (center.Figures, error) {
	var f center.Figures
	all, _, err := read(q, nil)
	if err != nil {
		return f, err
	}
	f = all[0].Figures
	if fromRows {
		// The kept figures name the most asked with the volunteers
		// counted (keptFigures).
		if err := s.mostAsked(ctx, q, &f, args[:2], false); err != nil {
			return f, err
		}
	}
	if err := s.rosterFigures(ctx, q, set, &f, from, to, fromRows); err != nil {
		return f, err
	}
	if by == center.ByField {
		return f, nil
	}
	fieldDemand := s.fieldDemand
	if fromRows {
		fieldDemand = func(context.Context, queryer, center.Settings, time.Time, time.Time) ([]center.Group, error) {
			fields, _, err := read(q, &figureDim{name: center.ByField, expr: `q.field_key`, label: `q.field`})
			return fields, err
		}
	}
	fields, err := fieldDemand(ctx, q, set, from, to)
	if err != nil {
		return f, err
	}
	return f, s.fieldSupply(ctx, q, set, &f, fields, from, to, false)
}

// A lane runs fn on a queryer that reads what the caller's does, perhaps
// at the same time as the caller goes on; wait returns fn's error once
// fn has returned.
type lane func(fn func(q queryer) error) (wait func() error)

// inTurn is the lane that runs fn on q at once, before it returns.
func inTurn(q queryer) lane {
	return func(fn func(q queryer) error) func() error {
		err := fn(q)
		return func() error { return err }
	}
}

// readKept is keptFigures as read's groups (with one, maybe empty, for
// the whole period) and their keys.
func (s *Store) readKept(ctx context.Context, q queryer, g keptGroups, whole bool, from, to, staleBefore time.Time) ([]center.Group, map[string]string, error) {
	groups, err := s.keptFigures(ctx, q, g, from, to, staleBefore, false)
	if err != nil {
		return nil, nil, err
	}
	if whole {
		all := center.Group{}
		if groups[""] != nil {
			all.Figures = groups[""].Figures
		}
		return []center.Group{all}, nil, nil
	}
	var out []center.Group
	keys := map[string]string{}
	for key, f := range groups {
		keys[f.KeyText()] = key
		out = append(out, *f)
	}
	return out, keys, nil
}

// askedStatement ranks the volunteers asked in the period [$1, $2) by
// their requests there, most and least (of those asked at least once),
// and names the first $3 of each rank, a row each (a volunteer in both
// lists comes twice, $4 standing for the rank it does not have); each
// row also carries how many volunteers were asked in the period and how
// many of them answered one of its requests. One hash of the period's
// requests by volunteer (from the time index, requests_reach), rather
// than sorting them once for the ranks and again for each distinct
// count; the ranks keep the first $3 of the volunteers each way (a
// bounded sort) rather than sorting them all twice.
const askedStatement = `WITH v AS (SELECT volunteer_id, COUNT(*) AS n, MAX(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END) AS answered
		FROM requests WHERE created_at >= $1 AND created_at < $2 GROUP BY volunteer_id)
	SELECT x.volunteer_id, COALESCE(
		(SELECT vp.display_name FROM volunteer_profiles vp WHERE vp.account_id = x.volunteer_id),
		(SELECT u.name FROM users u WHERE u.id = x.volunteer_id), ''), x.n, x.hi, x.lo,
		(SELECT COUNT(*) FROM v), (SELECT COALESCE(SUM(answered), 0) FROM v) FROM (
	SELECT volunteer_id, n, ROW_NUMBER() OVER (ORDER BY n DESC, volunteer_id) AS hi, CAST($4 AS BIGINT) AS lo
		FROM (SELECT volunteer_id, n FROM v ORDER BY n DESC, volunteer_id LIMIT $3) most
	UNION ALL
	SELECT volunteer_id, n, CAST($4 AS BIGINT), ROW_NUMBER() OVER (ORDER BY n, volunteer_id)
		FROM (SELECT volunteer_id, n FROM v ORDER BY n, volunteer_id LIMIT $3) least) x
	ORDER BY x.hi, x.lo`

// mostAsked names the volunteers asked most and least (of those asked at
// least once) in the period [$1, $2); with counts, it also counts the
// volunteers asked and those who answered (f.VolunteersAsked and
// f.VolunteersActive), which the figures read from the requests alone
// count apart.
func (s *Store) mostAsked(ctx context.Context, q queryer, f *center.Figures, args []any, counts bool) error {
	// The names are looked up for the few volunteers listed only, not
	// joined to every volunteer asked.
	rows, err := q.QueryContext(ctx, askedStatement, args[0], args[1], askedListed, askedListed+1)
	if err != nil {
		return fmt.Errorf("the most asked volunteers: %w", err)
	}
	defer rows.Close()
	type ranked struct {
		center.Asked
		lo int
	}
	var least []ranked
	for rows.Next() {
		var a ranked
		var hi, asked, active int
		if err := rows.Scan(&a.VolunteerID, &a.Name, &a.Requests, &hi, &a.lo, &asked, &active); err != nil {
			return fmt.Errorf("the most asked volunteers: %w", err)
		}
		if counts {
			f.VolunteersAsked, f.VolunteersActive = asked, active
		}
		if hi <= askedListed {
			f.MostAsked = append(f.MostAsked, a.Asked)
		}
		if a.lo <= askedListed {
			least = append(least, a)
		}
	}
	slices.SortFunc(least, func(a, b ranked) int { return a.lo - b.lo })
	for _, a := range least {
		f.LeastAsked = append(f.LeastAsked, a.Asked)
	}
	return rows.Err()
}

// fieldDemand counts the requests sent per field in [from, to), from
// the days kept ahead.
func (s *Store) fieldDemand(ctx context.Context, q queryer, set center.Settings, from, to time.Time) ([]center.Group, error) {
	g, _ := keptGrouping(set, from, to, center.ByField)
	groups, err := s.keptFigures(ctx, q, g, from, to, time.Time{}, true)
	if err != nil {
		return nil, fmt.Errorf("count the requests by field: %w", err)
	}
	var out []center.Group
	for _, f := range groups {
		d := center.Group{Key: f.Key, Label: f.Label}
		d.RequestsSent = f.RequestsSent
		out = append(out, d)
	}
	return out, nil
}

// fieldSupply counts the capacity each field's volunteers offered over
// the period, for the fields where demand (requests sent) outran it;
// with byField, the field rows become f.By, each with its capacity, and
// with a row of zeros for each field the active volunteers offer that no
// request asked about.
func (s *Store) fieldSupply(ctx context.Context, q queryer, set center.Settings, f *center.Figures, fields []center.Group, from, to time.Time, byField bool) error {
	// Every field's volunteers and their capacity come from indexes
	// alone (volunteer_terms_kind, volunteer_profiles_capacity); the few
	// accounts not in the period's roster (those rosterGone selects) are
	// taken away rather than every volunteer's account read. A term's
	// volunteer has a profile, and so an account.
	// Joined (not EXISTS and NOT IN), so that PostgreSQL sees how many
	// rows each step keeps and merges the three indexes, all in account
	// order, rather than looking each field's volunteer up in turn.
	rows, err := q.QueryContext(ctx, `SELECT t.term, MIN(t.label), CAST(SUM(COALESCE(v.monthly_capacity, $2)) AS BIGINT)
		FROM volunteer_terms t JOIN account_roles r ON r.user_id = t.account_id AND r.role = 'volunteer'
			JOIN volunteer_profiles v ON v.account_id = t.account_id
		WHERE t.kind = 'field' AND NOT EXISTS (SELECT 1 FROM accounts g WHERE g.user_id = t.account_id AND (g.status <> 'active' OR g.created_at >= $1))
		GROUP BY t.term`, ts(to), set.DefaultMonthlyCapacity)
	if err != nil {
		return fmt.Errorf("count the fields' capacity: %w", err)
	}
	defer rows.Close()
	capacity := map[string]int{}
	var offered []center.Group // the volunteers' fields, as they name them
	for rows.Next() {
		var term, label string
		var n int
		if err := rows.Scan(&term, &label, &n); err != nil {
			return fmt.Errorf("count the fields' capacity: %w", err)
		}
		capacity[term] = n * center.MonthsTouched(from, to, set.Location())
		offered = append(offered, center.NewGroup(label, ""))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if byField {
		asked := map[string]bool{}
		for _, g := range fields {
			asked[center.Key(g.KeyText())] = true
		}
		for _, g := range offered {
			if !asked[center.Key(g.KeyText())] {
				fields = append(fields, g)
			}
		}
	}
	slices.SortFunc(fields, func(a, b center.Group) int {
		if a.RequestsSent != b.RequestsSent {
			return b.RequestsSent - a.RequestsSent
		}
		return strings.Compare(a.Label, b.Label)
	})
	f.DemandOutrunsSupply, f.DemandOutrunsSupplyOK = []center.Demand{}, true
	for i := range fields {
		c := capacity[center.Key(fields[i].KeyText())]
		fields[i].CapacityOffered = c
		if fields[i].RequestsSent > c {
			f.DemandOutrunsSupply = append(f.DemandOutrunsSupply, center.Demand{Field: fields[i].Label, Requests: fields[i].RequestsSent, Capacity: c})
		}
	}
	if byField {
		f.By = fields
	}
	return nil
}

// groupRosters counts, for each group of f.By, the active students of
// that graduation year, major or first-generation flag (the share of them
// reached), adding the groups of students who sent nothing in the period;
// or, by month, lists every month the period touches, each with the
// capacity the volunteers offered in it. And it orders the groups.
func (s *Store) groupRosters(ctx context.Context, q queryer, set center.Settings, f *center.Figures, dim *figureDim, keys map[string]string, from, to time.Time) error {
	if dim.name == center.ByMonth {
		loc := set.Location()
		monthly := f.CapacityOffered / max(1, center.MonthsTouched(from, to, loc))
		sent := map[string]center.Group{}
		for _, g := range f.By {
			sent[g.KeyText()] = g
		}
		var months []center.Group
		for m := center.MonthOf(from, loc); m.Start(loc).Before(to); m = m.Next() {
			key := fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
			g, ok := sent[key]
			if !ok {
				g = center.NewGroup(key, "")
			}
			g.CapacityOffered = monthly
			months = append(months, g)
		}
		f.By = months
		return nil
	}
	if !dim.students() {
		return nil
	}
	// Each group's students with the role kept ahead (student_group_counts,
	// migration 00056), a row per spelling of the label, less those of the
	// few accounts not in the period's roster (not active, or newer: a
	// bounded range of their indexes, migration 00050): the group's label
	// is the least spelling of the students left. dim.split (the tests)
	// counts the students' roles instead, less those accounts.
	query := `SELECT k.group_key, k.label, k.n - COALESCE(g.n, 0) FROM student_group_counts k LEFT JOIN (
			SELECT ` + dim.expr + ` AS gk, ` + dim.label + ` AS lb, COUNT(*) AS n FROM account_roles r JOIN accounts a ON a.user_id = r.user_id
			` + dim.joinOn(`r.user_id`) + `
			WHERE r.role = 'student' AND (a.status <> 'active' OR a.created_at >= $1)` + groupBy(dim.expr, dim.label) + `) g
		ON g.gk = k.group_key AND g.lb = k.label WHERE k.dim = $2`
	if dim.split {
		query = s.dimWith(dim) + `SELECT ` + dim.expr + `, ` + dim.label + `, COUNT(*) FROM account_roles r
		` + dim.joinOn(`r.user_id`) + `
		WHERE r.role = 'student' AND r.user_id NOT IN (` + rosterGone + `) AND $2 <> ''` + groupBy(dim.expr, dim.label)
	}
	type group struct {
		label string
		n     int
	}
	students := map[string]group{}
	var order []string
	err := eachRow(ctx, q, query, []any{ts(to), dim.name}, func(rows *sql.Rows) error {
		var key, label string
		var n int
		if err := rows.Scan(&key, &label, &n); err != nil {
			return err
		}
		if n <= 0 {
			return nil
		}
		g, ok := students[key]
		if !ok {
			order = append(order, key)
			g.label = label
		}
		g.label, g.n = min(g.label, label), g.n+n
		students[key] = g
		return nil
	})
	if err != nil {
		return fmt.Errorf("count the students by %s: %w", dim.name, err)
	}
	listed := map[string]bool{}
	for i := range f.By {
		key := keys[f.By[i].KeyText()]
		n := students[key].n
		f.By[i].Students = &n
		listed[key] = true
	}
	for _, key := range order {
		if !listed[key] {
			g := center.NewGroup("", "")
			if key != "" {
				g = center.NewGroup(cmp.Or(students[key].label, key), "")
			}
			n := students[key].n
			g.Students = &n
			f.By = append(f.By, g)
		}
	}
	slices.SortFunc(f.By, func(a, b center.Group) int {
		// The group not recorded comes last.
		if (a.Key == nil) != (b.Key == nil) {
			if a.Key == nil {
				return 1
			}
			return -1
		}
		switch dim.name {
		case center.ByGradYear:
			return strings.Compare(a.Label, b.Label)
		case center.ByFirstGen:
			rank := []string{"yes", "no"}
			return slices.Index(rank, a.KeyText()) - slices.Index(rank, b.KeyText())
		}
		if a.RequestsSent != b.RequestsSent {
			return b.RequestsSent - a.RequestsSent
		}
		return strings.Compare(a.Label, b.Label)
	})
	return nil
}

func floatPtr(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return &n.Float64
}

// rosterGone selects the accounts that are not in the roster of a period
// ending at $1: those not active, or that joined at or after its end. They
// are few, read from accounts_inactive and accounts_created (migration
// 00050).
const rosterGone = `SELECT g.user_id FROM accounts g WHERE g.status <> 'active' OR g.created_at >= $1`

// rosterFigures counts the center's students and volunteers with an
// active account at the period's end, the volunteers never asked before
// it and the capacity the volunteers offered over its months.
func (s *Store) rosterFigures(ctx context.Context, q queryer, set center.Settings, f *center.Figures, from, to time.Time, fromRows bool) error {
	var offered, students int
	// Nearly every account is active and older than the period: each
	// count is taken over all the roles (from their index, for the
	// students), less that of the roles of the few accounts that are not
	// (disabled, or newer), rather than every account joined to its
	// roles (the accounts taken away are a bounded range of their
	// indexes, migration 00050). Whether a volunteer was ever asked before the end
	// is read from when each was first asked, kept ahead
	// (volunteer_first_asks, migration 00051); fromRows looks into the
	// volunteer's requests instead (by time), for the tests to check the
	// one against the other.
	neverAsked := `NOT EXISTS (SELECT 1 FROM volunteer_first_asks fa WHERE fa.volunteer_id = r.user_id AND fa.first_at < $1)`
	if fromRows {
		neverAsked = `NOT EXISTS (SELECT 1 FROM requests q WHERE q.volunteer_id = r.user_id AND q.created_at < $1)`
	}
	const profiles = `LEFT JOIN volunteer_profiles v ON v.account_id = r.user_id`
	// Every student with the role is in one group of first-generation
	// flag, kept ahead (student_group_counts, migration 00056), so the
	// groups' counts add up to them; the volunteers, those never asked
	// and their capacity are counted in one pass over the volunteers'
	// roles, each joined to its profile and first ask. fromRows counts the
	// roles of each apart, as before.
	every := `SELECT (SELECT COALESCE(SUM(n), 0) FROM student_group_counts WHERE dim = 'first_gen') AS s, vol.v, vol.n, vol.c
		FROM (SELECT COUNT(*) AS v, COUNT(*) - COUNT(fa.volunteer_id) AS n, CAST(COALESCE(SUM(COALESCE(v.monthly_capacity, $2)), 0) AS BIGINT) AS c
			FROM account_roles r ` + profiles + `
			LEFT JOIN volunteer_first_asks fa ON fa.volunteer_id = r.user_id AND fa.first_at < $1
			WHERE r.role = 'volunteer') vol`
	if fromRows {
		every = `SELECT
			(SELECT COUNT(*) FROM account_roles WHERE role = 'student') AS s,
			(SELECT COUNT(*) FROM account_roles WHERE role = 'volunteer') AS v,
			(SELECT COUNT(*) FROM account_roles r WHERE r.role = 'volunteer' AND ` + neverAsked + `) AS n,
			(SELECT CAST(COALESCE(SUM(COALESCE(v.monthly_capacity, $2)), 0) AS BIGINT) FROM account_roles r ` + profiles + ` WHERE r.role = 'volunteer') AS c`
	}
	err := q.QueryRowContext(ctx, `SELECT every.s - gone.s, every.v - gone.v, every.n - gone.n, every.c - gone.c FROM (`+every+`) every,
		(SELECT COUNT(*) FILTER (WHERE r.role = 'student') AS s, COUNT(*) FILTER (WHERE r.role = 'volunteer') AS v,
			COUNT(*) FILTER (WHERE r.role = 'volunteer' AND `+neverAsked+`) AS n,
			CAST(COALESCE(SUM(COALESCE(v.monthly_capacity, $2)) FILTER (WHERE r.role = 'volunteer'), 0) AS BIGINT) AS c
		FROM account_roles r JOIN accounts a ON a.user_id = r.user_id `+profiles+`
		WHERE r.role IN ('student', 'volunteer') AND (a.status <> 'active' OR a.created_at >= $1)) gone`,
		ts(to), set.DefaultMonthlyCapacity).
		Scan(&students, &f.Volunteers, &f.VolunteersNeverAsked, &offered)
	if err != nil {
		return fmt.Errorf("count the roster: %w", err)
	}
	f.CapacityOffered = offered * center.MonthsTouched(from, to, set.Location())
	f.Students = &students
	return nil
}

// nullCount scans a SUM that is NULL over no rows as 0.
type nullCount struct{ n *int }

func (c *nullCount) Scan(v any) error {
	var n sql.NullInt64
	if err := n.Scan(v); err != nil {
		return err
	}
	*c.n = int(n.Int64)
	return nil
}

// FiguresPlan is PostgreSQL's plan (EXPLAIN, after ANALYZE) of the
// statements that read the most of a period's requests for its figures
// (what does not add up: the volunteers asked, askedStatement, the
// students helped, reachStatement, and the answer times, figureTimes; what does is kept
// ahead by day), one after the other, for the benchmarks to check that a
// term reads the requests through their time index rather than all of
// them.
func (s *Store) FiguresPlan(ctx context.Context, set center.Settings, from, to, now time.Time) (string, error) {
	if s.dialect != Postgres {
		return "", fmt.Errorf("figures plan: only on PostgreSQL")
	}
	if _, err := s.w.ExecContext(ctx, `ANALYZE requests`); err != nil {
		return "", fmt.Errorf("figures plan: %w", err)
	}
	g, _ := keptGrouping(set, from, to, "")
	// Planned in a transaction begun as the figures' own (figuresTx: its
	// working memory and no JIT), so that the plan is the one they run.
	tx, err := s.figuresTx(ctx, "")
	if err != nil {
		return "", fmt.Errorf("figures plan: %w", err)
	}
	defer tx.Rollback()
	var plan strings.Builder
	for _, st := range []struct {
		query string
		args  []any
	}{{askedStatement, []any{ts(from), ts(to), askedListed, askedListed + 1}}, {s.reachStatement(g), []any{ts(from), ts(to)}},
		{s.figureTimesStatement(nil), []any{ts(from), ts(to)}}} {
		if err := explainInto(ctx, tx, &plan, st.query, st.args); err != nil {
			return "", fmt.Errorf("figures plan: %w", err)
		}
	}
	return plan.String(), nil
}

// explainInto appends PostgreSQL's plan (EXPLAIN) of query with args to
// plan, a line a row.
func explainInto(ctx context.Context, q queryer, plan *strings.Builder, query string, args []any) error {
	return eachRow(ctx, q, `EXPLAIN `+query, args, func(rows *sql.Rows) error {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		plan.WriteString(line + "\n")
		return nil
	})
}
