package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// randomMajors is a profile's majors as they may be stored, one a line:
// spellings that differ in case and spaces, blank lines, and what a JSON
// or a line split could trip on (a backslash before an n, quotes, tabs, a
// carriage return).
func randomMajors(rng *rand.Rand) string {
	spellings := []string{"Law", "law", " Law ", "Urban planning", "", "  ", `a\nb`, `q"x`, "tab\tx", "Économie", `back\`, "Nursing\r", `\\`, "Law"}
	var lines []string
	for range rng.IntN(5) {
		lines = append(lines, spellings[rng.IntN(len(spellings))])
	}
	return strings.Join(lines, "\n")
}

// TestStudentMajorsKeptEqualTheProfilesSplit checks the majors kept ahead
// (student_majors, by the triggers of migration 00049) against the same
// split from the profiles at the read, over random profiles saved,
// rewritten one or many at a time, and deleted; and the figures by major,
// graduation year and first-generation flag read through them against
// those with the majors split at the read, for random periods.
func TestStudentMajorsKeptEqualTheProfilesSplit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		var students, volunteers []int64
		for i := range 10 {
			students = append(students, studentAccount(t, db, fmt.Sprintf("s%d@westlake.edu", i)))
		}
		for i := range 3 {
			volunteers = append(volunteers, volunteer(t, db, fmt.Sprintf("v%d@example.com", i),
				model.VolunteerProfile{DisplayName: fmt.Sprintf("V %d", i), MonthlyCapacity: 2, Fields: []string{"Law"}}))
		}
		for round := range 4 {
			rng := rand.New(rand.NewPCG(uint64(round), 49))
			if round == 0 {
				if _, err := db.Store.LoadCenterRequests(ctx, set, slices.Values(randomRequests(rng, 200, students, volunteers)),
					model.CLIActor(), now); err != nil {
					t.Fatal(err)
				}
			}
			for range 15 {
				id := students[rng.IntN(len(students))]
				var err error
				switch rng.IntN(6) {
				case 0, 1:
					p := model.StudentProfile{AccountID: id, ClassYear: 2026 + rng.IntN(2), Majors: strings.Split(randomMajors(rng), "\n")}
					err = db.Store.SaveStudentProfile(ctx, &p, now)
				case 2:
					err = store.ExecForTest(ctx, db.Store, `UPDATE student_profiles SET majors = $2 WHERE account_id = $1`, id, randomMajors(rng))
				case 3:
					err = store.ExecForTest(ctx, db.Store, `UPDATE student_profiles SET majors = $2 WHERE account_id % 2 = $1`, rng.IntN(2), randomMajors(rng))
				case 4:
					var gen any
					if k := rng.IntN(3); k < 2 {
						gen = k == 0
					}
					err = store.ExecForTest(ctx, db.Store, `UPDATE student_profiles SET degree = 'BA', first_gen = $2 WHERE account_id = $1`, id, gen)
				case 5:
					err = store.ExecForTest(ctx, db.Store, `DELETE FROM student_profiles WHERE account_id = $1`, id)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			// A student of two spellings of one major is twice in its
			// group.
			if err := store.ExecForTest(ctx, db.Store, `UPDATE student_profiles SET majors = $2 WHERE account_id = $1`,
				students[round], "Law\nlaw\n Law "); err != nil {
				t.Fatal(err)
			}
			kept, split, err := store.StudentMajorsForTest(ctx, db.Store)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(kept, split) {
				t.Fatalf("round %d: the majors kept ahead are\n%v\nthe profiles split say\n%v", round, kept, split)
			}
			for range 3 {
				from := now.Add(time.Duration(rng.IntN(30*24)-24*24) * time.Hour)
				to := from.Add(time.Duration(1+rng.IntN(30*24)) * time.Hour)
				for _, by := range []string{center.ByMajor, center.ByGradYear, center.ByFirstGen} {
					if kept, rows := keptAndRowFigures(t, db.Store, set, from, to, now, by); kept != rows {
						t.Fatalf("round %d, %s to %s by %s:\nkept %s\nrows %s", round, from, to, by, kept, rows)
					}
				}
			}
		}
	})
}

// TestStudentMajorsRaceKeepsEveryMajor saves the profiles of racers
// students at once, each twice over (its majors changed): the majors kept
// ahead end equal to those the profiles say, none lost or left behind
// between the writers.
func TestStudentMajorsRaceKeepsEveryMajor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		requestRules(t, db)
		students := make([]int64, racers)
		for i := range students {
			students[i] = studentAccount(t, db, fmt.Sprintf("s%d@westlake.edu", i))
		}
		errs := race(func(i int) error {
			for n, majors := range [][]string{{"Law", "History"}, {"Law", fmt.Sprintf("Major %d", i%4)}} {
				// Every second racer writes another's profile too, so that
				// writers of one profile meet.
				for _, id := range []int64{students[i], students[(i+1+n)%racers]} {
					p := model.StudentProfile{AccountID: id, Majors: majors}
					if err := db.Store.SaveStudentProfile(ctx, &p, now); err != nil {
						return err
					}
				}
			}
			return nil
		})
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		kept, split, err := store.StudentMajorsForTest(ctx, db.Store)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(kept, split) || len(kept) != 2*racers {
			t.Fatalf("after %d racers: the majors kept ahead are\n%v\nthe profiles split say\n%v", racers, kept, split)
		}
	})
}
