package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
)

const day = 24 * time.Hour

// A dayCover splits a period into the whole UTC days whose figures are
// kept ahead (figure_days, days first to last, last excluded, but for
// skip) and the stretches of time read from the requests themselves: the
// period's ragged ends, and the days a grouping's bound cuts in two (a
// month that ends at a midnight other than UTC's).
type dayCover struct {
	first, last string
	skip        []string
	raw         [][2]time.Time
}

// coverDays covers [from, to), whose groups change at the instants cuts.
func coverDays(from, to time.Time, cuts []time.Time) dayCover {
	var c dayCover
	first := from.UTC().Truncate(day)
	if first.Before(from) {
		first = first.Add(day)
	}
	last := to.UTC().Truncate(day)
	if !first.Before(last) {
		c.raw = [][2]time.Time{{from, to}}
		return c
	}
	c.first, c.last = first.Format(time.DateOnly), last.Format(time.DateOnly)
	if from.Before(first) {
		c.raw = append(c.raw, [2]time.Time{from, first})
	}
	for _, t := range cuts {
		d := t.UTC().Truncate(day)
		if d.Equal(t) || d.Before(first) || !d.Before(last) {
			continue
		}
		if k := d.Format(time.DateOnly); len(c.skip) == 0 || c.skip[len(c.skip)-1] != k {
			c.skip = append(c.skip, k)
			c.raw = append(c.raw, [2]time.Time{d, d.Add(day)})
		}
	}
	if last.Before(to) {
		c.raw = append(c.raw, [2]time.Time{last, to})
	}
	return c
}

// keptGroups is a grouping the kept figures serve: its expression over
// its table's days (figure_days, or figure_group_days for a grouping by
// what the students' profiles say, whose rows of the grouping dayWhere
// picks) and over requests q (with join, naming the student %[1]s), and
// its label over each; month's bounds are the ends of the months but the
// last, and its cuts those of them inside the period; months are a
// grouping by month's keys (SQL literals), a month a cut apart.
type keptGroups struct {
	day, dayLabel, raw, rawLabel string
	table, dayWhere, join        string
	cuts                         []time.Time
	months                       []string
}

// rawJoin is g's join onto the requests q ("" for none).
func (g keptGroups) rawJoin() string {
	if g.join == "" {
		return ""
	}
	return " " + fmt.Sprintf(g.join, "q.student_id")
}

// monthRanges is whether g groups by month, each month but the last
// ending at a cut, so that a month's requests are those between two
// cuts (the period's ends first and last).
func (g keptGroups) monthRanges() bool {
	return len(g.months) > 0 && len(g.cuts) == len(g.months)-1
}

// keptGrouping is by's grouping of the kept figures; ok is false for a
// grouping that none serves.
func keptGrouping(set center.Settings, from, to time.Time, by string) (keptGroups, bool) {
	switch by {
	case center.ByGradYear, center.ByFirstGen, center.ByMajor:
		// A row's label is the least spelling of those its requests
		// still hold (none when they all moved away).
		d := studentDim(by)
		return keptGroups{table: `figure_group_days`, dayWhere: `dim = '` + by + `' AND `, day: `group_key`,
			dayLabel: `CASE WHEN sent > 0 THEN label END`, raw: d.expr, rawLabel: d.label, join: d.join}, true
	case "":
		return keptGroups{day: `''`, dayLabel: `''`, raw: `''`, rawLabel: `''`}, true
	case center.ByField:
		return keptGroups{day: `field_key`, dayLabel: `field`, raw: `q.field_key`, rawLabel: `q.field`}, true
	case center.ByMonth:
		loc := set.Location()
		var day, raw strings.Builder
		var cuts []time.Time
		var months []string
		day.WriteString(`CASE`)
		raw.WriteString(`CASE`)
		for m := center.MonthOf(from, loc); m.Start(loc).Before(to); m = m.Next() {
			end, label := m.End(loc), fmt.Sprintf(`'%04d-%02d'`, m.Year, int(m.Month))
			// A whole UTC day before the month's end starts before the
			// UTC day the end falls on.
			fmt.Fprintf(&day, ` WHEN day < '%s' THEN %s`, end.UTC().Format(time.DateOnly), label)
			fmt.Fprintf(&raw, ` WHEN q.created_at < '%s' THEN %s`, ts(end), label)
			months = append(months, label)
			if end.Before(to) {
				cuts = append(cuts, end)
			}
		}
		day.WriteString(` ELSE '' END`)
		raw.WriteString(` ELSE '' END`)
		return keptGroups{day: day.String(), dayLabel: `''`, raw: raw.String(), rawLabel: `''`, cuts: cuts, months: months}, true
	}
	return keptGroups{}, false
}

// keptFigures counts the figures of [from, to) per group of g (one group,
// "", for none), keyed by the group's expression, each a center.Group
// named as read names its groups (center.NewGroup of its label or key):
// the sums from the days kept ahead and the requests of the stretches
// around them, then (unless sumsOnly) what does not add up (the distinct
// volunteers and students, the answer times) and the stale requests from
// the period's requests, each through an index that holds just what it
// reads.
func (s *Store) keptFigures(ctx context.Context, q queryer, g keptGroups, from, to, staleBefore time.Time, sumsOnly bool) (map[string]*center.Group, error) {
	c := coverDays(from, to, g.cuts)
	out := map[string]*center.Group{}
	group := func(key string) *center.Group {
		if out[key] == nil {
			g := center.NewGroup(key, "")
			out[key] = &g
		}
		return out[key]
	}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	var parts []string
	if c.first != "" {
		cols := make([]string, len(figureSums))
		for i, f := range figureSums {
			cols[i] = f.col
		}
		where := g.dayWhere + `day >= ` + arg(c.first) + ` AND day < ` + arg(c.last)
		for _, d := range c.skip {
			where += ` AND day <> ` + arg(d)
		}
		parts = append(parts, `SELECT `+g.day+` AS g, `+g.dayLabel+` AS label, `+strings.Join(cols, ", ")+` FROM `+cmp.Or(g.table, `figure_days`)+` WHERE `+where)
	}
	if len(c.raw) > 0 {
		named := make([]string, len(figureSums))
		for i, f := range figureSums {
			named[i] = f.expr + ` AS ` + f.col
		}
		var ors []string
		for _, r := range c.raw {
			ors = append(ors, `(q.created_at >= `+arg(ts(r[0]))+` AND q.created_at < `+arg(ts(r[1]))+`)`)
		}
		parts = append(parts, `SELECT `+g.raw+` AS g, MIN(`+g.rawLabel+`) AS label, `+strings.Join(named, ", ")+` FROM requests q`+g.rawJoin()+` WHERE `+strings.Join(ors, " OR ")+
			groupBy(g.raw))
	}
	sums := make([]string, len(figureSums))
	for i, f := range figureSums {
		sums[i] = `SUM(` + f.col + `)`
	}
	rows, err := q.QueryContext(ctx, `SELECT g, COALESCE(MIN(label), ''), `+strings.Join(sums, ", ")+` FROM (`+strings.Join(parts, " UNION ALL ")+`) x GROUP BY g`, args...)
	if err != nil {
		return nil, fmt.Errorf("count the figures: %w", err)
	}
	for rows.Next() {
		var key, label string
		var f center.Figures
		if err := rows.Scan(append([]any{&key, &label}, scanSums(&f)...)...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("count the figures: %w", err)
		}
		if f.RequestsSent == 0 {
			continue // a day whose requests all moved away
		}
		g := center.NewGroup(cmp.Or(label, key), "")
		g.Figures = f
		out[key] = &g
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count the figures: %w", err)
	}
	if sumsOnly {
		return out, nil
	}

	period := []any{ts(from), ts(to)}
	if g.raw == `''` {
		// The whole period's volunteers asked and answering, with those
		// asked most and least.
		f := &center.Figures{}
		if err = s.mostAsked(ctx, q, f, period, true); err != nil {
			return nil, fmt.Errorf("count the figures: %w", err)
		}
		if f.VolunteersAsked > 0 {
			all := group("")
			all.VolunteersAsked, all.VolunteersActive, all.MostAsked, all.LeastAsked = f.VolunteersAsked, f.VolunteersActive, f.MostAsked, f.LeastAsked
		}
	}
	// The students helped, (PostgreSQL, per group) the answer times and,
	// per group, the volunteers asked and answering, in one read of the
	// period's requests.
	reachArgs := period
	if g.monthRanges() {
		reachArgs = slices.Clone(period)
		for _, c := range g.cuts {
			reachArgs = append(reachArgs, ts(c))
		}
	}
	err = eachRow(ctx, q, s.reachStatement(g), reachArgs, func(rows *sql.Rows) error {
		var key string
		var n [3]sql.NullInt64
		var med, p90 sql.NullFloat64
		if err := rows.Scan(&key, &n[0], &n[1], &n[2], &med, &p90); err != nil {
			return err
		}
		if n[0].Int64 == 0 && n[2].Int64 == 0 && !med.Valid {
			return nil // nothing to count (one row without a grouping)
		}
		f := group(key)
		if n[0].Valid {
			f.VolunteersAsked, f.VolunteersActive = int(n[0].Int64), int(n[1].Int64)
		}
		f.StudentsHelped = int(n[2].Int64)
		if med.Valid {
			f.MedianMinutesToAnswer, f.P90MinutesToAnswer = floatPtr(med), floatPtr(p90)
		}
		return nil
	})
	if err == nil {
		err = eachRow(ctx, q, `SELECT `+g.raw+`, `+staleCount+` FROM requests q`+g.rawJoin()+` WHERE q.created_at >= $1 AND q.created_at < $2
			AND ((state IN ('pending', 'more_info') AND reminded_at IS NOT NULL) OR (state = 'accepted' AND meeting_at IS NULL))
			`+groupBy(g.raw), append(period, ts(staleBefore)), func(rows *sql.Rows) error {
			var key string
			var n sql.NullInt64
			if err := rows.Scan(&key, &n); err != nil {
				return err
			}
			group(key).Stale = int(n.Int64)
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("count the figures: %w", err)
	}
	if s.dialect == Postgres && g.raw != `''` {
		return out, nil // the groups' times came with their distinct counts
	}
	times, err := s.answerTimes(ctx, q, &figureDim{expr: g.raw, join: g.join}, period)
	if err != nil {
		return nil, err
	}
	for key, t := range times {
		f := group(key)
		f.MedianMinutesToAnswer, f.P90MinutesToAnswer = t[0], t[1]
	}
	return out, nil
}

// groupTimes are PostgreSQL's median and 90th percentile (nearest rank)
// of the minutes to a first answer of a group, as percentile_cont(0.5)
// and percentile_disc(0.9) of answer_minutes have them: both order the
// same expression (the minutes as double precision, which percentile_cont
// orders by in any case), so that they share one sort of the group's
// answers rather than sorting them twice.
const groupTimes = `, percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST(answer_minutes AS DOUBLE PRECISION)),
		percentile_disc(0.9) WITHIN GROUP (ORDER BY CAST(answer_minutes AS DOUBLE PRECISION))`

// reachStatement counts per group of g what does not add up across
// days: the distinct volunteers asked in [$1, $2) and those of them who
// answered (for the whole period NULL: askedStatement counts them), the
// distinct students helped (a conversation held), and on PostgreSQL the
// median and 90th percentile (nearest rank) of the minutes to a first
// answer of each group (groupTimes; SQLite, and the whole period: NULL,
// answerTimes reads them, from a hash of the answers by minutes that
// costs less than the sort of them all; a group's, sorted already, cost
// less here). One read of the period's requests, from the time index that
// holds just what it reads (requests_reach): on the demo, sorting them
// once per group for the distinct counts and percentiles takes about a
// third of the time of hashing the volunteers and students of a
// materialised copy, and a group's volunteers counted in its sort cost
// less than hashed apart. On PostgreSQL the fields are read one at a
// time instead (fieldReach), from the index by field and time.
func (s *Store) reachStatement(g keptGroups) string {
	times := `, NULL, NULL`
	if s.dialect == Postgres && g.raw != `''` {
		times = groupTimes
	}
	volunteers := `NULL, NULL`
	if g.raw != `''` {
		volunteers = `COUNT(DISTINCT volunteer_id), COUNT(DISTINCT CASE WHEN answered_at IS NOT NULL THEN volunteer_id END)`
	}
	counts := volunteers + `,
		COUNT(DISTINCT CASE WHEN held_at IS NOT NULL THEN student_id END)` + times + `
		FROM requests q` + g.rawJoin()
	if s.dialect == Postgres && g.raw == `q.field_key` {
		return fmt.Sprintf(fieldReach, counts)
	}
	if !g.monthRanges() {
		return `SELECT ` + g.raw + `, ` + counts + ` WHERE q.created_at >= $1 AND q.created_at < $2` + groupBy(g.raw)
	}
	// By month, each month's requests are a range of the time index read
	// apart (the month's cuts are $3 on), rather than the period's sorted
	// by the month each falls in, worked out for every request.
	parts := make([]string, len(g.months))
	for i, month := range g.months {
		from, to := `$1`, `$2`
		if i > 0 {
			from = fmt.Sprintf(`$%d`, i+2)
		}
		if i < len(g.months)-1 {
			to = fmt.Sprintf(`$%d`, i+3)
		}
		parts[i] = `SELECT ` + month + `, ` + counts + ` WHERE q.created_at >= ` + from + ` AND q.created_at < ` + to
	}
	return strings.Join(parts, ` UNION ALL `)
}

// fieldReach is reachStatement by field on PostgreSQL, filled with its
// counts and FROM clause: the fields ever asked in (f: each the next
// after the last, one probe of requests_field_reach a field, 00066), then
// for each its requests of the period [$1, $2), a range of that index read
// in place, counted with no sort but their own distinct values' and
// answer times' (on the demo, two years by field: 0.3 s of server CPU
// against 0.9 s for the period's requests sorted by field from the time
// index; a term, 35 ms against 130 ms). A field with no request in the
// period has no row, as with GROUP BY.
const fieldReach = `WITH RECURSIVE f(k) AS (SELECT MIN(field_key) FROM requests
		UNION ALL SELECT (SELECT MIN(r.field_key) FROM requests r WHERE r.field_key > f.k) FROM f WHERE f.k IS NOT NULL)
	SELECT f.k, x.* FROM f CROSS JOIN LATERAL (SELECT %s
		WHERE q.field_key = f.k AND q.created_at >= $1 AND q.created_at < $2 HAVING COUNT(*) > 0) x`

// groupBy groups by the expressions that are not the empty string
// constant (which PostgreSQL does not group by), or by nothing.
func groupBy(exprs ...string) string {
	var by []string
	for _, e := range exprs {
		if e != `''` {
			by = append(by, e)
		}
	}
	if len(by) == 0 {
		return ""
	}
	return ` GROUP BY ` + strings.Join(by, ", ")
}
