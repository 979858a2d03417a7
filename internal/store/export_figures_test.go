package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
)

// HasColumnForTest lets the tests see whether a migration has run.
func HasColumnForTest(ctx context.Context, s *Store, table, column string) (bool, error) {
	return hasColumn(ctx, s.r, s.dialect, table, column)
}

// ExecForTest runs a statement the tests need and no API offers.
func ExecForTest(ctx context.Context, s *Store, query string, args ...any) error {
	_, err := s.w.ExecContext(ctx, query, args...)
	return err
}

// CenterFiguresFromRowsForTest counts the figures as CenterFigures does,
// but every one from the period's requests, none from the days kept ahead.
func CenterFiguresFromRowsForTest(ctx context.Context, s *Store, set center.Settings, from, to, now time.Time, by string) (center.Figures, error) {
	return s.centerFigures(ctx, s.r, set, from, to, now, by, true, nil)
}

// SharedFiguresForTest counts the figures on PostgreSQL as CenterFigures
// does, with write run once the snapshot the whole period and the groups
// share is taken, before they are read.
func SharedFiguresForTest(ctx context.Context, s *Store, set center.Settings, from, to, now time.Time, by string, write func() error) (center.Figures, error) {
	return s.sharedFigures(ctx, set, from, to, now, by, write)
}

// FigureDaysForTest totals the counts kept ahead (figure_days), for
// whole days and fields, against the same counts of the requests.
func FigureDaysForTest(ctx context.Context, s *Store) (kept, rows []int64, err error) {
	cols := make([]string, len(figureSums))
	exprs := make([]string, len(figureSums))
	for i, f := range figureSums {
		cols[i], exprs[i] = `COALESCE(SUM(`+f.col+`), 0)`, `COALESCE(`+f.expr+`, 0)`
	}
	read := func(query string) ([]int64, error) {
		out := make([]int64, len(figureSums))
		dest := make([]any, len(out))
		for i := range out {
			dest[i] = &out[i]
		}
		return out, s.r.QueryRowContext(ctx, query).Scan(dest...)
	}
	if kept, err = read(`SELECT ` + strings.Join(cols, ", ") + ` FROM figure_days`); err != nil {
		return nil, nil, err
	}
	rows, err = read(`SELECT ` + strings.Join(exprs, ", ") + ` FROM requests`)
	return kept, rows, err
}

// StudentMajorsForTest lists the students' majors kept ahead (the table
// student_majors) and the same split from the profiles at the read, each
// as "account_id major" lines in order.
func StudentMajorsForTest(ctx context.Context, s *Store) (kept, split []string, err error) {
	read := func(query string) ([]string, error) {
		var out []string
		err := eachRow(ctx, s.r, query, nil, func(rows *sql.Rows) error {
			var id int64
			var major string
			if err := rows.Scan(&id, &major); err != nil {
				return err
			}
			out = append(out, fmt.Sprintf("%d %q", id, major))
			return nil
		})
		return out, err
	}
	const list = ` SELECT account_id, major FROM student_majors ORDER BY account_id, major`
	if kept, err = read(list); err != nil {
		return nil, nil, err
	}
	split, err = read(`WITH ` + s.studentMajors() + list)
	return kept, split, err
}

// VolunteerFirstAsksForTest lists when each volunteer was first asked,
// kept ahead (volunteer_first_asks) and read from the requests, each as
// "volunteer_id time" lines in order.
func VolunteerFirstAsksForTest(ctx context.Context, s *Store) (kept, rows []string, err error) {
	read := func(query string) ([]string, error) {
		var out []string
		err := eachRow(ctx, s.r, query, nil, func(rows *sql.Rows) error {
			var id int64
			var at nullTime
			if err := rows.Scan(&id, &at); err != nil {
				return err
			}
			out = append(out, fmt.Sprintf("%d %s", id, at.Time.UTC().Format(time.RFC3339Nano)))
			return nil
		})
		return out, err
	}
	if kept, err = read(`SELECT volunteer_id, first_at FROM volunteer_first_asks ORDER BY volunteer_id`); err != nil {
		return nil, nil, err
	}
	rows, err = read(`SELECT volunteer_id, MIN(created_at) FROM requests GROUP BY volunteer_id ORDER BY volunteer_id`)
	return kept, rows, err
}

// FigureGroupDaysForTest lists the counts kept ahead a day and group of
// students (figure_group_days) and the same counted from the requests
// joined to their students' profiles and majors now, by the figures'
// expressions, each row as a "day dim key label counts" line in order; a
// row of zeros is as good as none.
func FigureGroupDaysForTest(ctx context.Context, s *Store) (kept, rows []string, err error) {
	cols := make([]string, len(figureSums))
	exprs := make([]string, len(figureSums))
	for i, f := range figureSums {
		cols[i], exprs[i] = f.col, `COALESCE(`+f.expr+`, 0)`
	}
	read := func(query string) ([]string, error) {
		var out []string
		err := eachRow(ctx, s.r, query, nil, func(r *sql.Rows) error {
			var day, dim, key, label string
			n := make([]int64, len(figureSums))
			dest := []any{&day, &dim, &key, &label}
			for i := range n {
				dest = append(dest, &n[i])
			}
			if err := r.Scan(dest...); err != nil {
				return err
			}
			for _, v := range n {
				if v != 0 {
					out = append(out, fmt.Sprintf("%s %s %q %q %v", day, dim, key, label, n))
					break
				}
			}
			return nil
		})
		return out, err
	}
	const order = ` ORDER BY 1, 2, 3, 4`
	if kept, err = read(`SELECT day, dim, group_key, label, ` + strings.Join(cols, ", ") + ` FROM figure_group_days` + order); err != nil {
		return nil, nil, err
	}
	day := `substr(created_at, 1, 10)`
	if s.dialect == Postgres {
		day = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
	}
	var parts []string
	for _, by := range []string{center.ByGradYear, center.ByFirstGen, center.ByMajor} {
		d := studentDim(by)
		parts = append(parts, `SELECT q.*, '`+by+`' AS dim, `+d.expr+` AS gk, `+d.label+` AS lb FROM requests q `+d.joinOn(`q.student_id`))
	}
	rows, err = read(`SELECT ` + day + `, dim, gk, lb, ` + strings.Join(exprs, ", ") + ` FROM (` + strings.Join(parts, " UNION ALL ") + `) x GROUP BY 1, 2, 3, 4` + order)
	return kept, rows, err
}

// StudentGroupCountsForTest lists the students counted ahead by group
// (student_group_counts) and the same counted from the roles and profiles
// now, each as a "dim key label n" line in order; a count of zero is as
// good as none.
func StudentGroupCountsForTest(ctx context.Context, s *Store) (kept, rows []string, err error) {
	read := func(query string) ([]string, error) {
		var out []string
		err := eachRow(ctx, s.r, query, nil, func(r *sql.Rows) error {
			var dim, key, label string
			var n int64
			if err := r.Scan(&dim, &key, &label, &n); err != nil {
				return err
			}
			if n != 0 {
				out = append(out, fmt.Sprintf("%s %q %q %d", dim, key, label, n))
			}
			return nil
		})
		return out, err
	}
	const order = ` ORDER BY 1, 2, 3`
	if kept, err = read(`SELECT dim, group_key, label, n FROM student_group_counts` + order); err != nil {
		return nil, nil, err
	}
	var parts []string
	for _, by := range []string{center.ByGradYear, center.ByFirstGen, center.ByMajor} {
		d := studentDim(by)
		parts = append(parts, `SELECT '`+by+`' AS dim, `+d.expr+` AS gk, `+d.label+` AS lb FROM account_roles r `+d.joinOn(`r.user_id`)+` WHERE r.role = 'student'`)
	}
	rows, err = read(`SELECT dim, gk, lb, COUNT(*) FROM (` + strings.Join(parts, " UNION ALL ") + `) x GROUP BY 1, 2, 3` + order)
	return kept, rows, err
}

// StudentRequestStatesForTest lists what each student's requests came to
// as kept ahead (student_request_states) and as the requests count it,
// each as a "student unexpired expired last-expired" line in order.
func StudentRequestStatesForTest(ctx context.Context, s *Store) (kept, rows []string, err error) {
	read := func(query string) ([]string, error) {
		var out []string
		err := eachRow(ctx, s.r, query, nil, func(rows *sql.Rows) error {
			var id, unexpired, expired int64
			var at nullTime
			if err := rows.Scan(&id, &unexpired, &expired, &at); err != nil {
				return err
			}
			out = append(out, fmt.Sprintf("%d %d %d %s", id, unexpired, expired, at.Time.UTC().Format(time.RFC3339Nano)))
			return nil
		})
		return out, err
	}
	if kept, err = read(`SELECT student_id, unexpired, expired, last_expired FROM student_request_states ORDER BY student_id`); err != nil {
		return nil, nil, err
	}
	rows, err = read(`SELECT student_id, SUM(CASE WHEN state <> 'expired' THEN 1 ELSE 0 END), SUM(CASE WHEN state = 'expired' THEN 1 ELSE 0 END),
		MAX(CASE WHEN state = 'expired' THEN state_at END) FROM requests GROUP BY student_id ORDER BY student_id`)
	return kept, rows, err
}
