package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// groupMajors are majors lists as a profile keeps them, one a line: two
// spellings of one major, blank lines, none.
var groupMajors = []string{"", "Law", "law", "Law\nNursing", " nursing \n\nUrban planning", "Urban Planning\nlaw\nLaw"}

// randomProfileChanges are writes to the students' profiles that move
// their requests between the groups of the figures by graduation year,
// first-generation flag and major: one profile or many at a time, a
// profile deleted and written again, and a request moved to another
// student.
func randomProfileChanges(rng *rand.Rand, students []int64) []struct {
	query string
	args  []any
} {
	var out []struct {
		query string
		args  []any
	}
	add := func(query string, args ...any) {
		out = append(out, struct {
			query string
			args  []any
		}{query, args})
	}
	firstGen := func() any {
		switch rng.IntN(3) {
		case 0:
			return nil
		case 1:
			return true
		}
		return false
	}
	for range 10 {
		s := students[rng.IntN(len(students))]
		switch rng.IntN(9) {
		case 0:
			add(`UPDATE student_profiles SET class_year = $2 WHERE account_id = $1`, s, 2025+rng.IntN(4))
		case 1:
			add(`UPDATE student_profiles SET first_gen = $2 WHERE account_id = $1`, s, firstGen())
		case 2:
			add(`UPDATE student_profiles SET majors = $2 WHERE account_id = $1`, s, groupMajors[rng.IntN(len(groupMajors))])
		case 3:
			add(`DELETE FROM student_profiles WHERE account_id = $1`, s)
		case 4:
			add(`INSERT INTO student_profiles (account_id, class_year, majors, updated_at, first_gen) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (account_id) DO UPDATE SET class_year = excluded.class_year, majors = excluded.majors, first_gen = excluded.first_gen`,
				s, 2025+rng.IntN(4), groupMajors[rng.IntN(len(groupMajors))], now.UTC().Format("2006-01-02T15:04:05.000000Z"), firstGen())
		case 5:
			add(`UPDATE student_profiles SET class_year = class_year + 1, first_gen = NOT first_gen, majors = majors || $2 WHERE account_id % 2 = $1`,
				rng.IntN(2), "\nLaw")
		case 6:
			add(`UPDATE requests SET student_id = $2 WHERE id = (SELECT id FROM requests ORDER BY id LIMIT 1 OFFSET $1)`, rng.IntN(40), s)
		case 7:
			add(`DELETE FROM account_roles WHERE user_id = $1 AND role = 'student'`, s)
		case 8:
			add(`INSERT INTO account_roles (user_id, role) VALUES ($1, 'student') ON CONFLICT DO NOTHING`, s)
		}
	}
	return out
}

// TestGroupFiguresKeptEqualTheRowsOverRandomHistories checks the counts
// kept ahead a day and group of students (figure_group_days) against
// the same recounted from scratch from the requests and the students'
// profiles, after random histories of requests and of profiles written
// one row and many at a time; and the figures by graduation year,
// first-generation flag and major read from them against the same
// counted from the requests alone, for random periods in three zones.
func TestGroupFiguresKeptEqualTheRowsOverRandomHistories(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		students, volunteers := figureAccounts(t, db, 6, 4)
		// Some students have a profile before any request, some never.
		for i, s := range students[:4] {
			if err := store.ExecForTest(ctx, db.Store, `INSERT INTO student_profiles (account_id, class_year, majors, updated_at, first_gen) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (account_id) DO UPDATE SET class_year = excluded.class_year, majors = excluded.majors, first_gen = excluded.first_gen`,
				s, 2025+i%3, groupMajors[i%len(groupMajors)], now.UTC().Format("2006-01-02T15:04:05.000000Z"), i%2 == 0); err != nil {
				t.Fatal(err)
			}
		}
		check := func(history int, what string) {
			t.Helper()
			kept, rows, err := store.FigureGroupDaysForTest(ctx, db.Store)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(kept, rows) {
				t.Fatalf("history %d, %s: the groups' days kept ahead hold\n%v\nthe requests count\n%v", history, what, kept, rows)
			}
			if kept, rows, err := store.StudentGroupCountsForTest(ctx, db.Store); err != nil || !slices.Equal(kept, rows) {
				t.Fatalf("history %d, %s: the students counted ahead by group are\n%v\nthe roles count\n%v (%v)", history, what, kept, rows, err)
			}
		}
		for history := range 4 {
			rng := rand.New(rand.NewPCG(uint64(history), 56))
			if _, err := db.Store.LoadCenterRequests(ctx, set, slices.Values(randomRequests(rng, 60, students, volunteers)),
				model.CLIActor(), now); err != nil {
				t.Fatal(err)
			}
			check(history, "after the load")
			changes := append(randomChanges(rng), randomProfileChanges(rng, students)...)
			rng.Shuffle(len(changes), func(i, j int) { changes[i], changes[j] = changes[j], changes[i] })
			for i, c := range changes {
				if err := store.ExecForTest(ctx, db.Store, c.query, c.args...); err != nil {
					t.Fatalf("%s %v: %v", c.query, c.args, err)
				}
				if i%5 == 0 {
					check(history, fmt.Sprintf("after %s %v", c.query, c.args))
				}
			}
			check(history, "after the changes")
			for _, zone := range []string{set.TimeZone, "America/New_York", "Asia/Kathmandu"} {
				zoned := set
				zoned.TimeZone = zone
				for range 3 {
					from := now.Add(time.Duration(rng.IntN(30*24)-24*24) * time.Hour)
					if rng.IntN(2) == 0 {
						from = from.Add(time.Duration(rng.IntN(3600)) * time.Second)
					}
					to := from.Add(time.Duration(rng.IntN(30*24)) * time.Hour)
					at := now.Add(time.Duration(rng.IntN(20*24)) * time.Hour)
					for _, by := range []string{center.ByGradYear, center.ByFirstGen, center.ByMajor} {
						if kept, rows := keptAndRowFigures(t, db.Store, zoned, from, to, at, by); kept != rows {
							t.Fatalf("history %d, %s, %s to %s by %q:\nkept %s\nrows %s", history, zone, from, to, by, kept, rows)
						}
					}
				}
			}
		}
	})
}

// TestGroupFiguresRaceKeepsEveryCount has racers goroutines at once send
// and answer requests while others change the same students' class
// years, flags and majors (moving their requests between groups): the
// counts kept ahead end equal to those recounted from scratch.
func TestGroupFiguresRaceKeepsEveryCount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set, volunteers, students := raceCenter(t, db)
		stamp := now.UTC().Format("2006-01-02T15:04:05.000000Z")
		for i, s := range students {
			if err := store.ExecForTest(ctx, db.Store, `INSERT INTO student_profiles (account_id, class_year, majors, updated_at, first_gen) VALUES ($1, $2, $3, $4, $5)`,
				s, 2026, groupMajors[i%len(groupMajors)], stamp, i%2 == 0); err != nil {
				t.Fatal(err)
			}
		}
		sent := 0
		errs := race(func(i int) error {
			// Pairs of racers meet on one student: the even one writes a
			// request, the odd one the student's profile.
			s := students[i-i%2]
			if i%2 == 1 {
				if err := store.ExecForTest(ctx, db.Store, `UPDATE student_profiles SET class_year = $2, first_gen = NOT first_gen, majors = $3 WHERE account_id = $1`,
					s, 2027+i%3, groupMajors[(i+1)%len(groupMajors)]); err != nil {
					return err
				}
				if err := store.ExecForTest(ctx, db.Store, `UPDATE student_profiles SET majors = $2 WHERE account_id IN ($1, $3)`,
					s, groupMajors[(i+3)%len(groupMajors)], students[(i+3)%len(students)]); err != nil {
					return err
				}
				if i%4 == 3 {
					// A role taken and given back while the profile moves.
					if err := store.ExecForTest(ctx, db.Store, `DELETE FROM account_roles WHERE user_id = $1 AND role = 'student'`, students[(i+5)%len(students)]); err != nil {
						return err
					}
					return store.ExecForTest(ctx, db.Store, `INSERT INTO account_roles (user_id, role) VALUES ($1, 'student') ON CONFLICT DO NOTHING`, students[(i+5)%len(students)])
				}
				return nil
			}
			v := volunteers[i%len(volunteers)]
			r, err := db.Store.SendRequest(ctx, set, draftTo(s, v, "Law"), nil, now)
			if err != nil {
				return err
			}
			st := center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(time.Hour)}
			if i%3 == 0 {
				st = center.Step{Action: center.ActDecline, By: center.ActorVolunteer, At: now.Add(time.Hour), DeclineReason: center.DeclineNoTime}
			}
			_, _, err = db.Store.StepRequest(ctx, set, r.ID, v, st)
			return err
		})
		for i, err := range errs {
			var refusal *center.Refusal
			if err != nil && !errors.As(err, &refusal) {
				t.Fatal(err)
			}
			if err == nil && i%2 == 0 {
				sent++
			}
		}
		if sent == 0 {
			t.Fatal("no request went through")
		}
		kept, rows, err := store.FigureGroupDaysForTest(ctx, db.Store)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(kept, rows) || len(rows) == 0 {
			t.Fatalf("after %d requests raced with profile changes: the groups' days kept ahead hold\n%v\nthe requests count\n%v", sent, kept, rows)
		}
		if kept, rows, err := store.StudentGroupCountsForTest(ctx, db.Store); err != nil || !slices.Equal(kept, rows) {
			t.Fatalf("after %d racers: the students counted ahead by group are\n%v\nthe roles count\n%v (%v)", racers, kept, rows, err)
		}
	})
}
