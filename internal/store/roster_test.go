package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func importRoster(t *testing.T, st *store.Store, csv string, opt store.RosterOptions) (*store.RosterResult, error) {
	t.Helper()
	if opt.Role == "" {
		opt.Role = model.RoleVolunteer
	}
	return st.ImportRoster(context.Background(), strings.NewReader(csv), opt, cli, now)
}

// accountCount counts the center's accounts, to show that a refused
// import wrote none.
func accountCount(t *testing.T, st *store.Store) int {
	t.Helper()
	as, err := st.Accounts(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return len(as)
}

func TestRosterImportMakesAccountsWithProfilesFromCommonHeaders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		csv := "E-mail,First Name,Last Name,Class Year,Major,Degree,Company,Job Title,City,Career Field,LinkedIn,Favourite Food\n" +
			"maria@alumni.westlake.edu,Maria,Lopez,2015,Biology; Chemistry,BS,Genentech,Research Scientist,South San Francisco,Biotech,linkedin.com/in/marialopez,Tacos\n" +
			"\n" +
			"sam@alumni.westlake.edu,Sam,Okafor,2010,History,BA,City Library,Archivist,Boston,Libraries,,\n"
		dry, err := importRoster(t, db.Store, csv, store.RosterOptions{DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		if dry.Applied || dry.NewCount != 2 || dry.Rows != 2 || accountCount(t, db.Store) != 1 {
			t.Fatalf("dry run: %+v with %d accounts; want 2 new, nothing written", dry, accountCount(t, db.Store))
		}
		if dry.New[0].Line != 2 || dry.New[1].Line != 4 || dry.New[0].Name != "Maria Lopez" {
			t.Errorf("new rows %+v; want lines 2 and 4, Maria Lopez first", dry.New)
		}
		fields := map[string]interop.RosterField{}
		for _, c := range dry.Columns {
			fields[c.Header] = c.Field
		}
		if fields["Class Year"] != interop.RosterGradYear || fields["Company"] != interop.RosterEmployer || fields["Favourite Food"] != interop.RosterAttribute {
			t.Errorf("columns %+v", dry.Columns)
		}
		res, err := importRoster(t, db.Store, csv, store.RosterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Applied || res.NewCount != 2 || len(res.AccountIDs) != 2 {
			t.Fatalf("import: %+v", res)
		}
		a, found, err := db.Store.AccountByEmail(ctx, "MARIA@alumni.westlake.edu")
		if err != nil || !found || !a.Has(model.RoleVolunteer) || a.Name != "Maria Lopez" || a.PasswordHash != "" {
			t.Fatalf("Maria's account %+v, %v, %v", a, found, err)
		}
		p, found, err := db.Store.VolunteerProfile(ctx, a.ID)
		if err != nil || !found {
			t.Fatalf("profile %v %v", found, err)
		}
		if p.GradYear != 2015 || p.Employer != "Genentech" || p.Title != "Research Scientist" || p.City != "South San Francisco" ||
			strings.Join(p.Majors, "|") != "Biology|Chemistry" || strings.Join(p.Fields, "|") != "Biotech" || p.DisplayName != "Maria Lopez" {
			t.Errorf("profile %+v", p)
		}
		c, err := db.Store.VolunteerContact(ctx, a.ID)
		if err != nil || c.LinkedIn != "https://linkedin.com/in/marialopez" {
			t.Errorf("contact %+v %v", c, err)
		}
		attrs, err := db.Store.ProfileAttributes(ctx, a.ID)
		if err != nil || len(attrs) != 1 || attrs[0].Name != "Favourite Food" || attrs[0].Value != "Tacos" {
			t.Errorf("attributes %+v %v", attrs, err)
		}
		var doc bytes.Buffer
		if err := db.Store.ExportAccount(ctx, &doc, a.ID, store.ExportForCenter, now); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(doc.String(), `"profile_attributes": [`) || !strings.Contains(doc.String(), `"value": "Tacos"`) {
			t.Errorf("Maria's account export lacks her roster attributes:\n%s", doc.String())
		}
		page, err := db.Store.Directory(ctx, model.DirectoryQuery{Field: "biotech"}, model.StudentProfile{}, now)
		if err != nil || page.Total != 1 {
			t.Errorf("the directory finds %d biotech volunteers (%v); want Maria", page.Total, err)
		}
	})
}

func TestRosterReimportByExternalIDUpdatesAChangedEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		m := map[string]interop.RosterField{"Student Number": interop.RosterExternalID}
		first := "Student Number,Name,Email,Class Year,Major\nS-1,Jo Park,jo@westlake.edu,2027,Economics\nS-2,Ann Lee,ann@westlake.edu,2026,Art\n"
		if _, err := importRoster(t, db.Store, first, store.RosterOptions{Role: model.RoleStudent, Map: m}); err != nil {
			t.Fatal(err)
		}
		again := "Student Number,Name,Email,Class Year,Major\nS-1,Jo Park,jo.park@westlake.edu,2027,Economics\nS-2,Ann Lee,ann@westlake.edu,2026,Art\n"
		res, err := importRoster(t, db.Store, again, store.RosterOptions{Role: model.RoleStudent, Map: m})
		if err != nil {
			t.Fatal(err)
		}
		if res.NewCount != 0 || res.UpdateCount != 1 || res.Unchanged != 1 || res.Updated[0].MatchedBy != "external_id" ||
			strings.Join(res.Updated[0].Changes, ",") != "email" {
			t.Fatalf("re-import %+v", res)
		}
		if n := accountCount(t, db.Store); n != 3 {
			t.Errorf("%d accounts; want the advisor and the two students", n)
		}
		a, found, err := db.Store.AccountByEmail(ctx, "jo.park@westlake.edu")
		if err != nil || !found {
			t.Fatalf("Jo by the new email: %v %v", found, err)
		}
		if _, found, _ := db.Store.AccountByEmail(ctx, "jo@westlake.edu"); found {
			t.Error("the old email still finds an account")
		}
		p, _, err := db.Store.StudentProfile(ctx, a.ID)
		if err != nil || p.ClassYear != 2027 || strings.Join(p.Majors, ",") != "Economics" {
			t.Errorf("student profile %+v %v", p, err)
		}
		// Without the id column, rows match by email; an empty cell keeps
		// what is there.
		third := "Email,Major,Graduation Year\njo.park@westlake.edu,Economics; Statistics,\n"
		res, err = importRoster(t, db.Store, third, store.RosterOptions{Role: model.RoleStudent})
		if err != nil || res.UpdateCount != 1 || res.Updated[0].MatchedBy != "email" {
			t.Fatalf("by email: %+v %v", res, err)
		}
		p, _, _ = db.Store.StudentProfile(ctx, a.ID)
		if p.ClassYear != 2027 || strings.Join(p.Majors, ",") != "Economics,Statistics" {
			t.Errorf("after the third file %+v", p)
		}
		if res, err := importRoster(t, db.Store, third, store.RosterOptions{Role: model.RoleStudent}); err != nil || res.Unchanged != 1 || res.UpdateCount != 0 {
			t.Errorf("the same file again: %+v %v; want unchanged", res, err)
		}
	})
}

func TestRosterBadInputsSayWhyByLineAndWriteNothing(t *testing.T) {
	big := strings.Repeat("x", 10<<20)
	tests := []struct {
		name, csv string
		line      int
		phrase    string
	}{
		{"missing email column", "Name,Major\nJo,Art\n", 1, "no column holds the email"},
		{"duplicate emails", "Email,Name\na@westlake.edu,A\nb@westlake.edu,B\nA@Westlake.edu,A again\n", 4, "also on line 2"},
		{"a role that does not exist", "Email,Name,Role\na@westlake.edu,A,student\nb@westlake.edu,B,alumnus\n", 3, `"alumnus" is not a role`},
		{"a 10 MB cell", "Email,Name,Notes\na@westlake.edu,A,ok\nb@westlake.edu,B," + big + "\n", 3, "longer than 1 MiB"},
		{"a binary file", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", 0, "PNG image"},
		{"a spreadsheet", "PK\x03\x04\x14\x00\x06\x00", 0, "ZIP archive"},
		// All or nothing: a row that is not UTF-8 stops the import.
		{"a row not UTF-8", "Email,Name\na@westlake.edu,A\nb@westlake.edu,Jos\xe9\nc@westlake.edu,C\n", 3, "line 3: not valid UTF-8 (byte 0xE9 at column 19); save the file as UTF-8; nothing was imported"},
		{"a file in Latin-1", "Email,Name\na@westlake.edu,Jos\xe9\nb@westlake.edu,Ren\xe9e\n", 2, "nor is 1 more of the 2 rows: the file was saved in another encoding"},
		{"a bad year", "Email,Name,Class Year\na@westlake.edu,A,twenty\n", 2, "not a graduation year"},
		{"a bad email", "Email,Name\nnot-an-email,A\n", 2, "not an email address"},
		{"a quote never closed", "Email,Name\na@westlake.edu,\"A\nb@westlake.edu,B\n", 2, "not well-formed CSV"},
	}
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		initCenter(t, db)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := accountCount(t, db.Store)
				_, err := importRoster(t, db.Store, tt.csv, store.RosterOptions{})
				if err == nil {
					t.Fatal("imported")
				}
				var fe *interop.FormatError
				var re *store.RosterRejectedError
				line := -1
				switch {
				case errors.As(err, &fe):
					line = fe.Line
				case errors.As(err, &re):
					line = re.First.Line
				}
				if line != tt.line || !strings.Contains(err.Error(), tt.phrase) {
					t.Errorf("got %q (line %d); want line %d and %q", err, line, tt.line, tt.phrase)
				}
				if tt.line > 0 && !strings.Contains(err.Error(), fmt.Sprintf("line %d", tt.line)) {
					t.Errorf("%q does not name line %d", err, tt.line)
				}
				if after := accountCount(t, db.Store); after != before {
					t.Errorf("%d accounts after, %d before", after, before)
				}
			})
		}
	})
}

func TestRosterSkipRejectedImportsTheOtherRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		initCenter(t, db)
		csv := "Email,Name,Role\na@westlake.edu,A,volunteer\nb@westlake.edu,B,mentor\nc@westlake.edu,C,Students\n"
		res, err := importRoster(t, db.Store, csv, store.RosterOptions{SkipRejected: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.NewCount != 2 || res.RejectedCount != 1 || res.Rejected[0].Line != 3 || accountCount(t, db.Store) != 3 {
			t.Fatalf("%+v", res)
		}
		c, found, _ := db.Store.AccountByEmail(context.Background(), "c@westlake.edu")
		if !found || !c.Has(model.RoleStudent) || c.Has(model.RoleVolunteer) {
			t.Errorf("the row's own role: %+v", c)
		}
	})
}

// With SkipRejected, a row that is not UTF-8 is left out alone, with its
// line and why, and the others are imported.
func TestRosterSkipRejectedLeavesOutARowNotUTF8(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		initCenter(t, db)
		csv := "Email,Name\r\na@westlake.edu,Zoë\r\nb@westlake.edu,Ren\xe9e\r\nc@westlake.edu,C\r\n"
		for _, dry := range []bool{true, false} {
			res, err := importRoster(t, db.Store, csv, store.RosterOptions{SkipRejected: true, DryRun: dry})
			if err != nil {
				t.Fatal(err)
			}
			want := []store.RosterReject{{Line: 3, Message: "not valid UTF-8 (byte 0xE9 at column 19); save the file as UTF-8"}}
			if res.NewCount != 2 || res.RejectedCount != 1 || fmt.Sprint(res.Rejected) != fmt.Sprint(want) {
				t.Fatalf("dry run %v: %+v", dry, res)
			}
		}
		if _, found, _ := db.Store.AccountByEmail(context.Background(), "b@westlake.edu"); found {
			t.Error("the row that is not UTF-8 was imported")
		}
		if a, found, _ := db.Store.AccountByEmail(context.Background(), "a@westlake.edu"); !found || a.Name != "Zoë" {
			t.Errorf("the good rows: %+v", a)
		}
	})
}

func TestRosterMappingChoosesColumnsAndUTF16IsRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		initCenter(t, db)
		text := "Correo;Nombre;Empresa\r\nluis@westlake.edu;Luis Díaz;Acme\r\n"
		var b bytes.Buffer
		b.Write([]byte{0xFF, 0xFE})
		for _, r := range text {
			b.WriteByte(byte(r))
			b.WriteByte(byte(r >> 8))
		}
		m := map[string]interop.RosterField{"correo": interop.RosterEmail, "Nombre": interop.RosterName, "Empresa": interop.RosterEmployer}
		res, err := db.Store.ImportRoster(context.Background(), &b, store.RosterOptions{Role: model.RoleVolunteer, Map: m}, cli, now)
		if err != nil || res.NewCount != 1 || res.New[0].Name != "Luis Díaz" {
			t.Fatalf("%+v %v", res, err)
		}
	})
}

// Imports of the same roster at once make each account once: the plan
// and the writes share one transaction under the center's lock.
func TestRosterImportsAtOnceMakeEachAccountOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		initCenter(t, db)
		csv := "Email,Name,External ID\na@westlake.edu,A,1\nb@westlake.edu,B,2\nc@westlake.edu,C,3\n"
		m := map[string]interop.RosterField{"External ID": interop.RosterExternalID}
		var wg sync.WaitGroup
		news := make([]int, 32)
		for i := range news {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := db.Store.ImportRoster(context.Background(), strings.NewReader(csv), store.RosterOptions{Role: model.RoleStudent, Map: m}, cli, now)
				if err != nil {
					t.Error(err)
					return
				}
				news[i] = res.NewCount
			}()
		}
		wg.Wait()
		total := 0
		for _, n := range news {
			total += n
		}
		if total != 3 || accountCount(t, db.Store) != 4 {
			t.Errorf("%d made in all, %d accounts; want 3 made once", total, accountCount(t, db.Store))
		}
	})
}
