package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// firstGen reads a student's first-generation flag as text: yes, no or
// unknown.
func firstGen(t *testing.T, st *store.Store, email string) string {
	t.Helper()
	ctx := context.Background()
	a, found, err := st.AccountByEmail(ctx, email)
	if err != nil || !found {
		t.Fatalf("account %s: %v %v", email, found, err)
	}
	p, _, err := st.StudentProfile(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case p.FirstGen == nil:
		return "unknown"
	case *p.FirstGen:
		return "yes"
	}
	return "no"
}

func TestRosterReadsTheFirstGenerationFlagUnderItsCommonHeaders(t *testing.T) {
	for _, header := range []string{"First Generation", "First-Gen", "first_gen", "First Gen Student", "First Generation Student"} {
		t.Run(header, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *storetest.DB) {
				initCenter(t, db)
				csv := "Email,Name," + header + "\n" +
					"a@westlake.edu,Ann,yes\nb@westlake.edu,Bo,No\nc@westlake.edu,Cy,TRUE\nd@westlake.edu,Di,false\n" +
					"e@westlake.edu,Ed,1\nf@westlake.edu,Fa,0\ng@westlake.edu,Gu, Y \nh@westlake.edu,Hu,n\ni@westlake.edu,Io,\n"
				res, err := importRoster(t, db.Store, csv, store.RosterOptions{Role: model.RoleStudent})
				if err != nil {
					t.Fatal(err)
				}
				if res.NewCount != 9 || res.Columns[2].Field != interop.RosterFirstGen {
					t.Fatalf("import %+v", res)
				}
				want := map[string]string{"a": "yes", "b": "no", "c": "yes", "d": "no", "e": "yes", "f": "no", "g": "yes", "h": "no", "i": "unknown"}
				for who, flag := range want {
					if got := firstGen(t, db.Store, who+"@westlake.edu"); got != flag {
						t.Errorf("%s is first-generation %s; want %s", who, got, flag)
					}
				}
			})
		})
	}
}

func TestRosterRejectsAFirstGenerationValueThatIsNotYesOrNoByLine(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		initCenter(t, db)
		before := accountCount(t, db.Store)
		csv := "Email,Name,Generation\na@westlake.edu,Ann,yes\nb@westlake.edu,Bo,maybe\nc@westlake.edu,Cy,no\nd@westlake.edu,Di,2\n"
		m := map[string]interop.RosterField{"Generation": interop.RosterFirstGen}
		_, err := importRoster(t, db.Store, csv, store.RosterOptions{Role: model.RoleStudent, Map: m})
		var rejected *store.RosterRejectedError
		if !errors.As(err, &rejected) || rejected.Count != 2 || rejected.First.Line != 3 ||
			!strings.Contains(rejected.First.Message, `"maybe" is not a first-generation flag`) {
			t.Fatalf("import of a bad flag: %v; want line 3 rejected and one more", err)
		}
		if n := accountCount(t, db.Store); n != before {
			t.Errorf("%d accounts after a refused import; want %d", n, before)
		}
		res, err := importRoster(t, db.Store, csv, store.RosterOptions{Role: model.RoleStudent, Map: m, SkipRejected: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.NewCount != 2 || res.RejectedCount != 2 || res.Rejected[0].Line != 3 || res.Rejected[1].Line != 5 ||
			!strings.Contains(res.Rejected[1].Message, `"2" is not a first-generation flag`) {
			t.Fatalf("import skipping rejected rows: %+v", res)
		}
	})
}

func TestRosterReimportChangesTheFlagOnlyWhereTheCellSaysSo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		initCenter(t, db)
		first := "Email,Name,First Gen\na@westlake.edu,Ann,yes\nb@westlake.edu,Bo,no\nc@westlake.edu,Cy,\n"
		if _, err := importRoster(t, db.Store, first, store.RosterOptions{Role: model.RoleStudent}); err != nil {
			t.Fatal(err)
		}
		again := "Email,Name,First Gen\na@westlake.edu,Ann,\nb@westlake.edu,Bo,yes\nc@westlake.edu,Cy,no\n"
		res, err := importRoster(t, db.Store, again, store.RosterOptions{Role: model.RoleStudent})
		if err != nil {
			t.Fatal(err)
		}
		if res.UpdateCount != 2 || res.Unchanged != 1 {
			t.Fatalf("re-import %+v; want Bo and Cy updated, Ann unchanged", res)
		}
		for who, flag := range map[string]string{"a": "yes", "b": "yes", "c": "no"} {
			if got := firstGen(t, db.Store, who+"@westlake.edu"); got != flag {
				t.Errorf("%s is first-generation %s; want %s", who, got, flag)
			}
		}
	})
}

func TestRosterKeepsAVolunteersFirstGenerationFlagAsAnAttribute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		if _, err := importRoster(t, db.Store, "Email,Name,First-Gen\nv@alumni.westlake.edu,Val,Y\n", store.RosterOptions{}); err != nil {
			t.Fatal(err)
		}
		a, _, err := db.Store.AccountByEmail(ctx, "v@alumni.westlake.edu")
		if err != nil {
			t.Fatal(err)
		}
		attrs, err := db.Store.ProfileAttributes(ctx, a.ID)
		if err != nil || len(attrs) != 1 || attrs[0].Name != "First generation" || attrs[0].Value != "yes" {
			t.Errorf("attributes %+v %v; want First generation: yes", attrs, err)
		}
	})
}

// TestRosterReimportKeepsTheFirstGenerationFlagOnAnEmptyCellAndForgetsItOnUnknown:
// a later file without the fact (an empty cell) keeps the flag, as an
// empty cell keeps every value; the word unknown (or not recorded, any
// case) is how a file says the flag is no longer known.
func TestRosterReimportKeepsTheFirstGenerationFlagOnAnEmptyCellAndForgetsItOnUnknown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		initCenter(t, db)
		opts := store.RosterOptions{Role: model.RoleStudent}
		steps := []struct {
			csv     string
			updated int
			want    map[string]string
		}{
			{"Email,Name,First Gen\na@westlake.edu,Ann,yes\nb@westlake.edu,Bo,no\nc@westlake.edu,Cy,yes\n", 0,
				map[string]string{"a": "yes", "b": "no", "c": "yes"}},
			{"Email,Name,First Gen\na@westlake.edu,Ann,\nb@westlake.edu,Bo,\nc@westlake.edu,Cy,\n", 0,
				map[string]string{"a": "yes", "b": "no", "c": "yes"}},
			{"Email,Name,First Gen\na@westlake.edu,Ann,Unknown\nb@westlake.edu,Bo, not  recorded \nc@westlake.edu,Cy,\n", 2,
				map[string]string{"a": "unknown", "b": "unknown", "c": "yes"}},
			{"Email,Name,First Gen\na@westlake.edu,Ann,unknown\nb@westlake.edu,Bo,\nc@westlake.edu,Cy,no\n", 1,
				map[string]string{"a": "unknown", "b": "unknown", "c": "no"}},
		}
		for i, st := range steps {
			res, err := importRoster(t, db.Store, st.csv, opts)
			if err != nil {
				t.Fatalf("import %d: %v", i+1, err)
			}
			if i > 0 && res.UpdateCount != st.updated {
				t.Errorf("import %d: %d updated; want %d", i+1, res.UpdateCount, st.updated)
			}
			for who, flag := range st.want {
				if got := firstGen(t, db.Store, who+"@westlake.edu"); got != flag {
					t.Errorf("after import %d, %s is first-generation %s; want %s", i+1, who, got, flag)
				}
			}
		}
	})
}
