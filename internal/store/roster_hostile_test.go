package store_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// A control character in a cell no profile field checks (a student's
// name, the university's id, a kept column) rejects its row with the line,
// as any other bad cell does: PostgreSQL refused the whole import with a
// driver error, and SQLite kept a NUL that could never move.
func TestRosterRejectsControlCharactersOnTheirLine(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		initCenter(t, db)
		for _, role := range []model.Role{model.RoleStudent, model.RoleVolunteer} {
			for _, tt := range []struct{ csv, want string }{
				{"Email,Name,Food\nx@example.edu,Ma\x00ria,Tacos\n", "line 2: the name has a control character (U+0000)"},
				{"Email,Name,Food\n\nx@example.edu,Maria,Ta\x00cos\n", `line 3: the "Food" cell has a control character (U+0000)`},
				{"Email,Name,External ID\nx@example.edu,Maria,x\x1b[31m\n", "line 2: the id has a control character (U+001B)"},
				{"Email,Name,Job Title\nx@example.edu,Maria,Boss\x00\n", "line 2: the job title has a control character (U+0000)"},
			} {
				_, err := importRoster(t, db.Store, tt.csv, store.RosterOptions{Role: role})
				var rej *store.RosterRejectedError
				if !errors.As(err, &rej) || !strings.HasPrefix(err.Error(), tt.want) {
					t.Errorf("%s %q: %v, want %s", role, tt.csv, err, tt.want)
				}
			}
			// A kept column's header loses its control characters: the
			// header is no row's fault.
			res, err := importRoster(t, db.Store, "Email,Name,Fo\x00od\n"+string(role)+"@example.edu,Maria,Tacos\n", store.RosterOptions{Role: role})
			if err != nil || len(res.AccountIDs) != 1 {
				t.Fatalf("%s: a header with a NUL: %+v %v", role, res, err)
			}
			attrs, err := db.Store.ProfileAttributes(context.Background(), res.AccountIDs[0])
			if err != nil || len(attrs) != 1 || attrs[0].Name != "Food" {
				t.Errorf("%s: attributes %+v %v", role, attrs, err)
			}
		}
	})
}

// FuzzImportRoster imports any file into one SQLite database: a file is
// refused as a whole with its line, or each row is imported or rejected
// with its line; what is imported holds only text PostgreSQL takes.
func FuzzImportRoster(f *testing.F) {
	for _, s := range []string{
		"E-mail,First Name,Last Name,Class Year,Major,Degree,Company,Job Title,City,Career Field,LinkedIn,Favourite Food\n" +
			"maria@alumni.westlake.edu,Maria,Lopez,2015,Biology; Chemistry,BS,Genentech,Research Scientist,South San Francisco,Biotech,linkedin.com/in/marialopez,Tacos\n\n" +
			"sam@alumni.westlake.edu,Sam,Okafor,2010,History,BA,City Library,Archivist,Boston,Libraries,,\n",
		"Email;Name;Role;External ID\nmaria@alumni.westlake.edu;Maria;volunteers;A1\nMARIA@alumni.westlake.edu;M;student;A2\nx@y;;advisor;A1\n",
		"Email,Name,Food\nx@example.edu,Ma\x00ria,Ta\x00cos\n",
		"email\tclass of\tlinkedin\na@b.edu\t19x9\tjavascript:alert(1)\n",
	} {
		f.Add([]byte(s), false)
	}
	db := storetest.SQLite(f)
	ctx := context.Background()
	if _, err := db.Store.InitCenter(ctx, "Westlake Career Center", model.NewAccount{Email: "admin@westlake.edu", Name: "Ada Admin"}, now); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, student bool) {
		role := model.RoleVolunteer
		if student {
			role = model.RoleStudent
		}
		lines := bytes.Count(data, []byte{'\n'}) + 1
		res, err := db.Store.ImportRoster(ctx, bytes.NewReader(data), store.RosterOptions{Role: role, SkipRejected: true}, cli, now)
		if err != nil {
			var fe *interop.FormatError
			if !errors.As(err, &fe) || fe.Line < 0 || fe.Line > lines {
				t.Fatalf("error %v (%T): not a FormatError with a line in 0..%d", err, err, lines)
			}
			return
		}
		if res.NewCount+res.UpdateCount+res.Unchanged+res.RejectedCount != res.Rows {
			t.Fatalf("%d rows: %d new, %d updated, %d unchanged, %d rejected", res.Rows, res.NewCount, res.UpdateCount, res.Unchanged, res.RejectedCount)
		}
		for _, r := range res.Rejected {
			if r.Line < 1 || r.Line > lines || r.Message == "" {
				t.Fatalf("rejected %+v in a file of %d lines", r, lines)
			}
		}
		for _, e := range append(res.New, res.Updated...) {
			if e.Line < 1 || e.Line > lines || !model.ValidEmail(e.Email) {
				t.Fatalf("imported %+v in a file of %d lines", e, lines)
			}
		}
		for _, id := range res.AccountIDs {
			a, err := db.Store.Account(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			attrs, err := db.Store.ProfileAttributes(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			texts := []string{a.Name, a.Email}
			for _, at := range attrs {
				texts = append(texts, at.Name, at.Value)
			}
			for _, s := range texts {
				if !utf8.ValidString(s) || model.ControlIn("", s, true) != nil {
					t.Fatalf("account %d holds %q", id, s)
				}
			}
		}
	})
}
