package store

import (
	"context"
	"database/sql"
	"fmt"
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

// figureCounts are the counts of the requests sent in the period, as one
// row or one row per field: $1 and $2 bound the period, $3 is when an
// accepted request with no time agreed became stale.
const figureCounts = `SELECT %s
	COUNT(*),
	COUNT(answered_at),
	COUNT(accepted_at),
	SUM(CASE WHEN state = 'declined' THEN 1 ELSE 0 END),
	SUM(CASE WHEN state = 'expired' THEN 1 ELSE 0 END),
	SUM(CASE WHEN state = 'withdrawn' THEN 1 ELSE 0 END),
	COUNT(held_at),
	SUM(CASE WHEN state = 'no_show' THEN 1 ELSE 0 END),
	SUM(CASE WHEN state = 'cancelled' AND late_cancel THEN 1 ELSE 0 END),
	SUM(CASE WHEN held_at IS NOT NULL AND thanked_in_time THEN 1 ELSE 0 END),
	COUNT(reported_back_at),
	SUM(CASE WHEN (state IN ('pending', 'more_info') AND reminded_at IS NOT NULL)
		OR (state = 'accepted' AND meeting_at IS NULL AND accepted_at < $3) THEN 1 ELSE 0 END),
	COUNT(DISTINCT CASE WHEN held_at IS NOT NULL THEN student_id END),
	COUNT(DISTINCT volunteer_id),
	COUNT(DISTINCT CASE WHEN answered_at IS NOT NULL THEN volunteer_id END)
	FROM requests WHERE created_at >= $1 AND created_at < $2 %s`

// figureTimes are the median and the 90th percentile (nearest rank) of
// the minutes to a first answer, from the rank of each answer in its
// group: both databases have window functions, neither the same
// percentile function.
const figureTimes = `SELECT g,
	CAST(AVG(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN m END) AS DOUBLE PRECISION),
	CAST(MIN(CASE WHEN rn >= (9 * n + 9) / 10 THEN m END) AS DOUBLE PRECISION)
	FROM (SELECT %s AS g, answer_minutes AS m,
		ROW_NUMBER() OVER (PARTITION BY %[1]s ORDER BY answer_minutes) AS rn,
		COUNT(*) OVER (PARTITION BY %[1]s) AS n
		FROM requests WHERE created_at >= $1 AND created_at < $2 AND answer_minutes IS NOT NULL) ranked
	GROUP BY g`

// CenterFigures counts what the program achieved with the requests sent
// in [from, to), with a row per field when byField: every figure is an
// SQL aggregate, so the cost does not grow with rows read into Go. now is
// when stale requests are judged.
func (s *Store) CenterFigures(ctx context.Context, set center.Settings, from, to, now time.Time, byField bool) (center.Figures, error) {
	var f center.Figures
	args := []any{ts(from), ts(to), ts(set.StaleBefore(now))}
	scanCounts := func(row interface{ Scan(...any) error }, f *center.Figures, key *string) error {
		dest := []any{&f.RequestsSent, &f.Answered, &f.Accepted, &nullCount{&f.Declined}, &nullCount{&f.Expired},
			&nullCount{&f.Withdrawn}, &f.Held, &nullCount{&f.NoShows}, &nullCount{&f.LateCancels}, &nullCount{&f.ThankedInTime},
			&f.ReportedBack, &nullCount{&f.Stale}, &f.StudentsHelped, &f.VolunteersAsked, &f.VolunteersActive}
		if key != nil {
			dest = append([]any{key}, dest...)
		}
		return row.Scan(dest...)
	}
	if err := scanCounts(s.r.QueryRowContext(ctx, fmt.Sprintf(figureCounts, "", ""), args...), &f, nil); err != nil {
		return f, fmt.Errorf("count the figures: %w", err)
	}
	if err := s.rosterFigures(ctx, set, &f, from, to); err != nil {
		return f, err
	}
	times, err := s.answerTimes(ctx, "SUBSTR(field_key, 1, 0)", from, to)
	if err != nil {
		return f, err
	}
	f.MedianMinutesToAnswer, f.P90MinutesToAnswer = times[""][0], times[""][1]
	if f.DeclinedByReason, err = s.declinedByReason(ctx, from, to); err != nil {
		return f, err
	}
	if byField {
		if f.By, err = s.figuresByField(ctx, args, scanCounts, from, to); err != nil {
			return f, err
		}
	}
	f.Derive()
	return f, nil
}

func (s *Store) figuresByField(ctx context.Context, args []any,
	scanCounts func(interface{ Scan(...any) error }, *center.Figures, *string) error, from, to time.Time) ([]center.Figures, error) {
	rows, err := s.r.QueryContext(ctx, fmt.Sprintf(figureCounts, "MIN(field),", "GROUP BY field_key ORDER BY COUNT(*) DESC, MIN(field)"), args...)
	if err != nil {
		return nil, fmt.Errorf("count the figures by field: %w", err)
	}
	defer rows.Close()
	var out []center.Figures
	for rows.Next() {
		var g center.Figures
		if err := scanCounts(rows, &g, &g.Key); err != nil {
			return nil, fmt.Errorf("count the figures by field: %w", err)
		}
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	times, err := s.answerTimes(ctx, "field_key", from, to)
	if err != nil {
		return nil, err
	}
	for i := range out {
		t := times[center.Key(out[i].Key)]
		out[i].MedianMinutesToAnswer, out[i].P90MinutesToAnswer = t[0], t[1]
	}
	return out, nil
}

// answerTimes reads the median and 90th percentile of the minutes to
// answer per group (group is an SQL expression over requests).
func (s *Store) answerTimes(ctx context.Context, group string, from, to time.Time) (map[string][2]*float64, error) {
	rows, err := s.r.QueryContext(ctx, fmt.Sprintf(figureTimes, group), ts(from), ts(to))
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
		out[g] = [2]*float64{floatPtr(med), floatPtr(p90)}
	}
	return out, rows.Err()
}

func floatPtr(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return &n.Float64
}

func (s *Store) declinedByReason(ctx context.Context, from, to time.Time) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT decline_reason, COUNT(*) FROM requests
		WHERE created_at >= $1 AND created_at < $2 AND state = 'declined' GROUP BY decline_reason ORDER BY decline_reason`, ts(from), ts(to))
	if err != nil {
		return nil, fmt.Errorf("declines by reason: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var reason string
		var n int
		if err := rows.Scan(&reason, &n); err != nil {
			return nil, fmt.Errorf("declines by reason: %w", err)
		}
		out[reason] = n
	}
	return out, rows.Err()
}

// rosterFigures counts the center's students and volunteers with an
// active account at the period's end, the volunteers never asked before
// it and the capacity the volunteers offered over its months.
func (s *Store) rosterFigures(ctx context.Context, set center.Settings, f *center.Figures, from, to time.Time) error {
	var capacity int
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM accounts a JOIN account_roles r ON r.user_id = a.user_id AND r.role = 'student'
			WHERE a.status = 'active' AND a.created_at < $1),
		(SELECT COUNT(*) FROM accounts a JOIN account_roles r ON r.user_id = a.user_id AND r.role = 'volunteer'
			WHERE a.status = 'active' AND a.created_at < $1),
		(SELECT COUNT(*) FROM accounts a JOIN account_roles r ON r.user_id = a.user_id AND r.role = 'volunteer'
			WHERE a.status = 'active' AND a.created_at < $1
			AND NOT EXISTS (SELECT 1 FROM requests q WHERE q.volunteer_id = a.user_id AND q.created_at < $1)),
		(SELECT COALESCE(SUM(COALESCE(v.monthly_capacity, $2)), 0) FROM accounts a
			JOIN account_roles r ON r.user_id = a.user_id AND r.role = 'volunteer'
			LEFT JOIN volunteer_profiles v ON v.account_id = a.user_id
			WHERE a.status = 'active' AND a.created_at < $1)`, ts(to), set.DefaultMonthlyCapacity).
		Scan(&f.Students, &f.Volunteers, &f.VolunteersNeverAsked, &capacity)
	if err != nil {
		return fmt.Errorf("count the roster: %w", err)
	}
	f.CapacityOffered = capacity * center.MonthsTouched(from, to, set.Location())
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
