package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func mustOrg(t *testing.T, sc *store.Scope, name string) int64 {
	t.Helper()
	r, _, err := sc.EnsureOrganization(context.Background(), name, now)
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func openTestdata(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "interop", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func importFile(t *testing.T, sc *store.Scope, f store.ImportFormat, name string, apply bool) *store.ImportPreview {
	t.Helper()
	ctx := context.Background()
	run := sc.PreviewImport
	if apply {
		run = sc.ApplyImport
	}
	p, err := run(ctx, f, openTestdata(t, name), now)
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return p
}

// snapshot is the owner's whole export, to see that nothing changed.
func snapshot(t *testing.T, sc *store.Scope) string {
	t.Helper()
	var b bytes.Buffer
	if err := sc.Export(context.Background(), &b, now); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestImportLinkedInPreviewApplyAndReimport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		empty := snapshot(t, sc)
		pre := importFile(t, sc, store.ImportLinkedIn, "linkedin/Connections.csv", false)
		if pre.Applied || len(pre.New) != 7 || len(pre.Updates) != 0 || pre.Activities != 5 || len(pre.NewOrganizations) != 6 {
			t.Fatalf("preview: %+v", pre)
		}
		if got := snapshot(t, sc); got != empty {
			t.Fatal("a preview changed the database")
		}
		if len(pre.Duplicates) != 1 || pre.Duplicates[0].Line != 10 || pre.Duplicates[0].SameAs != 5 {
			t.Errorf("duplicates: %+v", pre.Duplicates)
		}
		var lines []int
		for _, p := range pre.Problems {
			lines = append(lines, p.Line)
		}
		if !slices.Equal(lines, []int{8, 9, 11, 13, 16}) {
			t.Errorf("problem lines %v, want 8 9 11 13 16: %+v", lines, pre.Problems)
		}

		got := importFile(t, sc, store.ImportLinkedIn, "linkedin/Connections.csv", true)
		if !got.Applied || len(got.New) != 7 || got.New[0].ID == 0 {
			t.Fatalf("apply: %+v", got)
		}
		tom, err := sc.Person(ctx, got.New[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if tom.Name != "Tom O'Brien" || tom.Organization == nil || tom.Organization.Name != "Smith, Jones & Partners, LLP" ||
			tom.Role != `Director, "Special" Projects` || tom.Source != model.SourceSocial ||
			!slices.Equal(tom.Emails, []string{"tom.obrien@example.com"}) || tom.URL != "https://www.linkedin.com/in/tom-obrien-4a1b2c" {
			t.Fatalf("Tom read back wrong: %+v", tom)
		}
		// The day connected is noon of that day in the user's zone (the
		// machine's here): read back in UTC, it must be seen there.
		settings, err := sc.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		acts, err := sc.Activities(ctx, store.ActivityFilter{PersonID: tom.ID})
		if err != nil || len(acts) != 1 || acts[0].Kind != model.ActNote || acts[0].Note != store.LinkedInNote ||
			acts[0].At.In(settings.Location()).Format("2006-01-02 15:04") != "2021-03-17 12:00" {
			t.Fatalf("Tom's activities: %+v, %v", acts, err)
		}
		if res, err := results(sc.Search(ctx, "Natarajan", 5)); err != nil || len(res) != 1 {
			t.Errorf("imported people are not searchable: %v %v", res, err)
		}

		before := snapshot(t, sc)
		again := importFile(t, sc, store.ImportLinkedIn, "linkedin/Connections.csv", true)
		if len(again.New) != 0 || len(again.Updates) != 0 || again.Unchanged != 7 || again.Activities != 0 || len(again.NewOrganizations) != 0 {
			t.Fatalf("re-import: %+v", again)
		}
		if after := snapshot(t, sc); after != before {
			t.Fatalf("re-importing the same file changed the database:\n%s", diffLines(before, after))
		}
	})
}

// diffLines shows the lines of b that are not in a.
func diffLines(a, b string) string {
	al := map[string]bool{}
	for _, l := range strings.Split(a, "\n") {
		al[l] = true
	}
	var out []string
	for _, l := range strings.Split(b, "\n") {
		if !al[l] {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

func TestImportUpdatesOnlyWhatChangesAndKeepsUserData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		acme, _, _ := sc.EnsureOrganization(ctx, "ACME ANALYTICS", now)
		// Matched by profile URL, written differently.
		aisha := mustPerson(t, sc, &model.Person{Name: "Aisha R.", URL: "http://linkedin.com/in/AishaRahman/", Role: "Analyst",
			Notes: "Met at the data meetup.", Source: model.SourceEvent, Phone: "555-0100", Tags: []string{"mentor"}})
		// Matched by e-mail; has an organization the file does not know.
		tom := mustPerson(t, sc, &model.Person{Name: "Thomas O'Brien", Emails: []string{"TOM.OBRIEN@example.com"}, Organization: &model.Ref{ID: acme.ID}})
		// Not matched: the same name, but the file gives an organization.
		mustPerson(t, sc, &model.Person{Name: "sam lee 🚀"})
		// Matched by name and organization.
		ngozi := mustPerson(t, sc, &model.Person{Name: "NGOZI EZE", Organization: &model.Ref{ID: mustOrg(t, sc, "bbc")}})
		kim := mustPerson(t, sc, &model.Person{Name: "Kim Park", URL: "https://www.linkedin.com/in/kimpark", Role: "Designer", Location: "Oslo"})

		p := importFile(t, sc, store.ImportLinkedIn, "linkedin/Connections.csv", true)
		byID := map[int64]store.ImportUpdate{}
		for _, u := range p.Updates {
			byID[u.ID] = u
		}
		changes := func(id int64) map[string]store.ImportChange {
			m := map[string]store.ImportChange{}
			for _, c := range byID[id].Changes {
				m[c.Field] = c
			}
			return m
		}
		a := changes(aisha.ID)
		if byID[aisha.ID].MatchedBy != "profile URL" || a["role"].From != "Analyst" || a["role"].To != "Data Scientist" ||
			a["organization"].To != "ACME ANALYTICS" || a["activity"].To == "" || len(a) != 3 {
			t.Errorf("Aisha's changes: %+v", byID[aisha.ID])
		}
		tc := changes(tom.ID)
		if byID[tom.ID].MatchedBy != "email" || tc["organization"].From != "ACME ANALYTICS" || tc["organization"].To != "Smith, Jones & Partners, LLP" {
			t.Errorf("Tom's changes: %+v", byID[tom.ID])
		}
		// Kim's row has only a name and a URL: nothing erased, the unknown
		// source filled in.
		if k := changes(kim.ID); len(k) != 1 || k["source"].To != "social" {
			t.Errorf("Kim's changes: %+v", byID[kim.ID])
		}
		if n := byID[ngozi.ID]; n.MatchedBy != "name and organization" || len(changes(ngozi.ID)) != 4 {
			t.Errorf("Ngozi's changes: %+v", n) // role, url, source, activity
		}
		got, _ := sc.Person(ctx, aisha.ID)
		if got.Name != "Aisha R." || got.Notes != "Met at the data meetup." || got.Source != model.SourceEvent || got.Phone != "555-0100" ||
			got.Role != "Data Scientist" || got.Organization == nil || got.Organization.ID != acme.ID || !slices.Equal(got.Tags, []string{"mentor"}) {
			t.Errorf("Aisha after import: %+v", got)
		}
		got, _ = sc.Person(ctx, kim.ID)
		if got.Role != "Designer" || got.Location != "Oslo" {
			t.Errorf("Kim after import: %+v", got)
		}
		people, total, _ := sc.People(ctx, store.PeopleFilter{})
		if total != 5+3 { // José, Priya and the Sam of Rocket Co are new
			var names []string
			for _, p := range people {
				names = append(names, p.Name)
			}
			t.Errorf("%d people: %v", total, names)
		}
	})
}

func TestImportVCardKeepsCategoriesPhotosAndReportsDuplicates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		p := importFile(t, sc, store.ImportVCard, "vcard/apple-3.0.vcf", true)
		if len(p.New) == 0 || p.Photos == 0 {
			t.Fatalf("apple import: %+v", p)
		}
		chidi, err := sc.Person(ctx, p.New[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if chidi.Name != "Chidi Okafor" || !slices.Equal(chidi.Tags, []string{"healthcare", "mentors"}) ||
			chidi.URL != "https://www.linkedin.com/in/chidi-okafor" || chidi.Phone != "(555) 010-2233" ||
			!strings.Contains(chidi.Notes, "fellowships; night shifts") || chidi.Organization == nil || chidi.Organization.Name != "Riverside Hospital, Cardiology" {
			t.Errorf("Chidi: %+v", chidi)
		}
		if !strings.Contains(snapshot(t, sc), `"media_type": "image/jpeg"`) {
			t.Error("the photo was not kept")
		}
		// The vCard export carries it back out.
		cards, err := sc.Cards(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		photos := 0
		for _, c := range cards {
			if len(c.Photo) > 0 {
				photos++
				if c.Name != "Chidi Okafor" || c.PhotoType != "image/jpeg" {
					t.Errorf("a photo on %s (%s)", c.Name, c.PhotoType)
				}
			}
		}
		if photos != p.Photos {
			t.Errorf("%d cards carry a photo, %d were imported", photos, p.Photos)
		}
		before := snapshot(t, sc)
		again := importFile(t, sc, store.ImportVCard, "vcard/apple-3.0.vcf", true)
		if len(again.New)+len(again.Updates) != 0 || snapshot(t, sc) != before {
			t.Errorf("re-import changed things: %+v", again)
		}

		// The same person twice in one file, by e-mail: the second is a duplicate.
		twice := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lee Chan\r\nEMAIL:lee@example.org\r\nCATEGORIES:a\\,b,c\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lee W. Chan\r\nEMAIL:LEE@example.org\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:nobody@example.org\r\nEND:VCARD\r\n"
		d, err := sc.ApplyImport(ctx, store.ImportVCard, strings.NewReader(twice), now)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.New) != 1 || len(d.Duplicates) != 1 || d.Duplicates[0].Line != 7 || d.Duplicates[0].SameAs != 1 {
			t.Errorf("duplicates: %+v", d)
		}
		if len(d.Problems) != 1 || !d.Problems[0].Skipped || d.Problems[0].Line != 12 {
			t.Errorf("a card with no name: %+v", d.Problems)
		}
		lee, _ := sc.Person(ctx, d.New[0].ID)
		if !slices.Equal(lee.Tags, []string{"a b", "c"}) {
			t.Errorf("tags with a comma: %q", lee.Tags)
		}
	})
}

func TestImportGoogleCSV(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		p := importFile(t, sc, store.ImportGoogle, "google/contacts.csv", true)
		if len(p.New) < 2 {
			t.Fatalf("google import: %+v", p)
		}
		maria, _ := sc.Person(ctx, p.New[0].ID)
		if maria.Name != "María González" || !slices.Equal(maria.Emails, []string{"maria@horizonte.example", "mgonzalez@horizonte.example", "maria.g@mail.example"}) ||
			!slices.Equal(maria.Tags, []string{"alumni", "mentors"}) || maria.Location != "San Francisco, CA, US" {
			t.Errorf("María: %+v", maria)
		}
		found := false
		for _, pr := range p.Problems {
			found = found || strings.Contains(pr.Message, "one phone number")
		}
		if !found {
			t.Errorf("a second phone number left out silently: %+v", p.Problems)
		}
		legacy := importFile(t, sc, store.ImportGoogle, "google/legacy-utf16.csv", false)
		if len(legacy.New)+len(legacy.Updates)+legacy.Unchanged == 0 {
			t.Errorf("legacy file: %+v", legacy)
		}
	})
}

func TestImportAmbiguousMatchIsSkipped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		sc := db.Scope()
		mustPerson(t, sc, &model.Person{Name: "Kim Park"})
		mustPerson(t, sc, &model.Person{Name: "kim park"})
		csv := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nKim,Park,,,,,01 Feb 2020\n"
		for range 2 {
			p, err := sc.ApplyImport(context.Background(), store.ImportLinkedIn, strings.NewReader(csv), now)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.New)+len(p.Updates) != 0 || len(p.Problems) != 1 || !strings.Contains(p.Problems[0].Message, "matches 2 people") {
				t.Fatalf("ambiguous: %+v", p)
			}
		}
	})
}

// repeatReader gives n bytes of b repeated, without holding them.
type repeatReader struct {
	b    []byte
	n, i int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && r.n > 0 {
		p[k] = r.b[r.i%int64(len(r.b))]
		k++
		r.i++
		r.n--
	}
	return k, nil
}

func TestImportBadFilesChangeNothing(t *testing.T) {
	goodRows := strings.Repeat("Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,Engineer,01 Jan 2020\n", 1)
	header := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
	tests := []struct {
		name   string
		format store.ImportFormat
		r      func(t *testing.T) io.Reader
		kind   error
		text   string
	}{
		{"a PDF named .csv", store.ImportLinkedIn, func(t *testing.T) io.Reader { return openTestdata(t, "bad/Connections-really-a-pdf.csv") }, interop.ErrWrongKind, "PDF"},
		{"an .ics given as vCard", store.ImportVCard, func(t *testing.T) io.Reader { return openTestdata(t, "bad/meeting.ics") }, interop.ErrWrongKind, "iCalendar"},
		{"empty", store.ImportGoogle, func(t *testing.T) io.Reader { return openTestdata(t, "bad/empty.csv") }, interop.ErrEmpty, "empty"},
		{"header that matches nothing", store.ImportLinkedIn, func(t *testing.T) io.Reader { return openTestdata(t, "bad/unknown-header.csv") }, interop.ErrNoHeader, "header"},
		{"invalid UTF-8", store.ImportLinkedIn, func(t *testing.T) io.Reader { return openTestdata(t, "bad/latin1.csv") }, interop.ErrEncoding, "UTF-8"},
		{"a 100 MB line", store.ImportLinkedIn, func(*testing.T) io.Reader {
			return io.MultiReader(strings.NewReader(header+goodRows+"Zed,"), &repeatReader{b: []byte("x"), n: 100 << 20})
		}, interop.ErrTooLarge, "longer than"},
		{"a Google file given as LinkedIn", store.ImportLinkedIn, func(t *testing.T) io.Reader { return openTestdata(t, "google/contacts.csv") }, interop.ErrWrongKind, "Google"},
	}
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		sc := db.Scope()
		empty := snapshot(t, sc)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				for _, run := range []func(context.Context, store.ImportFormat, io.Reader, time.Time) (*store.ImportPreview, error){sc.PreviewImport, sc.ApplyImport} {
					_, err := run(context.Background(), tt.format, tt.r(t), now)
					var fe *interop.FormatError
					if !errors.As(err, &fe) || !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.text) {
						t.Fatalf("error %v, want a %v mentioning %q", err, tt.kind, tt.text)
					}
				}
				if snapshot(t, sc) != empty {
					t.Fatal("a failed import left records behind")
				}
			})
		}
	})
}

// A row that is not UTF-8, even after 3,000 good ones, is left out alone
// with its line and why; the others are imported.
func TestImportLeavesOutARowNotUTF8(t *testing.T) {
	var b strings.Builder
	b.WriteString("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "P%d,Q,https://www.linkedin.com/in/p%d,,Org %d,Role,01 Jan 2020\n", i, i, i%10)
	}
	b.WriteString("Caf\xe9,X,,,,,\n")
	b.WriteString("Zoë,Müller,https://www.linkedin.com/in/zoe,,Acme,Role,01 Jan 2020\n")
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		sc := db.Scope()
		for _, run := range []func(context.Context, store.ImportFormat, io.Reader, time.Time) (*store.ImportPreview, error){sc.PreviewImport, sc.ApplyImport} {
			p, err := run(context.Background(), store.ImportLinkedIn, strings.NewReader(b.String()), now)
			if err != nil {
				t.Fatal(err)
			}
			want := []store.ImportProblem{{Line: 3002, Message: "not valid UTF-8 (byte 0xE9 at column 4); skipped: save the file as UTF-8", Skipped: true}}
			if p.NewCount != 3001 || p.ProblemCount != 1 || fmt.Sprint(p.Problems) != fmt.Sprint(want) {
				t.Fatalf("applied %v: %d new, problems %v", p.Applied, p.NewCount, p.Problems)
			}
		}
	})
}

// connections writes a LinkedIn export of n rows as LinkedIn writes it.
func connections(w io.Writer, n int) {
	fmt.Fprint(w, "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n")
	fmt.Fprint(w, "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
	firsts := []string{"Aisha", "José", "Mei", "Lars", "Ngozi", "Priya", "Tom", "Zoë"}
	lasts := []string{"Rahman", "Álvarez", "Tanaka", "Eriksson", "Eze", "Natarajan", "O'Brien", "Müller"}
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		email := ""
		if i%7 == 0 {
			email = fmt.Sprintf("person%d@example.com", i)
		}
		fmt.Fprintf(w, "%s,%s,https://www.linkedin.com/in/person-%d-%x,%s,\"Company %d, Inc.\",\"Senior \"\"Lead\"\" Engineer, Team %d\",%s\n",
			firsts[i%len(firsts)], lasts[i/len(firsts)%len(lasts)], i, i*7919, email, i%500, i%40, day.AddDate(0, 0, i%3000).Format("02 Jan 2006"))
	}
}

func connectionsFile(t testing.TB, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "Connections.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	connections(f, n)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// peakHeap samples the heap while fn runs and returns the most it held
// above what it held before. runtime/metrics reads without stopping the
// world, so sampling does not slow fn down.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	peak := base
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	fn()
	close(done)
	wg.Wait()
	return peak - base
}

// TestImportLinkedIn50kRows imports the 50,000-row file whole.
// Its budgets (2 s on SQLite, 100 MB of heap) are figures, measured by
// BenchmarkImportLinkedIn50k, never asserted in a test.
func TestImportLinkedIn50kRows(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 50,000 rows")
	}
	path := connectionsFile(t, 50000)
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		p, err := db.Scope().ApplyImport(context.Background(), store.ImportLinkedIn, f, now)
		if err != nil {
			t.Fatal(err)
		}
		if p.NewCount != 50000 || p.Activities != 50000 || len(p.NewOrganizations) != 500 {
			t.Fatalf("imported %d people, %d activities, %d organizations", p.NewCount, p.Activities, len(p.NewOrganizations))
		}
	})
}

// BenchmarkImportLinkedIn50k imports 50,000 LinkedIn rows into an empty
// database per iteration. Run with:
//
//	go test -run '^$' -bench ImportLinkedIn50k -benchtime 3x ./internal/store/
func BenchmarkImportLinkedIn50k(b *testing.B) {
	path := connectionsFile(b, 50000)
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		ctx := context.Background()
		var heap uint64
		var cpu, server time.Duration
		backends := serverCPU(b, db)
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			owner, err := db.Store.NewUser(ctx, "bench", now)
			if err != nil {
				b.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			heap = max(heap, peakHeap(func() {
				start, serverStart := cpuTime(), backends()
				if _, err := db.Store.For(owner).ApplyImport(ctx, store.ImportLinkedIn, f, now); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - start
				server += backendsSince(serverStart, backends())
			}))
			f.Close()
		}
		b.ReportMetric(float64(heap)/1e6, "peak-heap-MB")
		// This process's CPU time: on SQLite the import's whole cost, on
		// PostgreSQL the client's share only.
		b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
		if db.Name == "postgres" {
			b.ReportMetric(float64(server)/float64(b.N)/1e6, "server-cpu-ms/op")
		}
	})
}

// serverCPU returns a function reading the CPU time of each PostgreSQL
// backend serving db (from /proc: the server runs on this machine in the
// benchmarks), or nothing on SQLite.
func serverCPU(b *testing.B, db *storetest.DB) func() map[int]time.Duration {
	if db.Name != "postgres" {
		return func() map[int]time.Duration { return nil }
	}
	raw, err := sql.Open("pgx", db.DSN)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { raw.Close() })
	return func() map[int]time.Duration {
		rows, err := raw.Query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		out := map[int]time.Duration{}
		for rows.Next() {
			var pid int
			if err := rows.Scan(&pid); err != nil {
				b.Fatal(err)
			}
			stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
			if err != nil {
				continue // not on this machine, or gone
			}
			// utime and stime, in clock ticks of 10 ms, follow the
			// command name's closing parenthesis as fields 14 and 15.
			f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
			var user, sys int64
			if len(f) > 12 {
				fmt.Sscan(f[11], &user)
				fmt.Sscan(f[12], &sys)
			}
			out[pid] = time.Duration(user+sys) * 10 * time.Millisecond
		}
		return out
	}
}

// backendsSince is the CPU time the backends used between two readings of
// serverCPU; a backend that started in between counts whole.
func backendsSince(before, after map[int]time.Duration) time.Duration {
	var d time.Duration
	for pid, t := range after {
		d += t - before[pid]
	}
	return d
}

func TestImportRowMatchingAnAddressAddedEarlierInTheFileIsADuplicate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		sc := db.Scope()
		dana := mustPerson(t, sc, &model.Person{Name: "Dana Brown", URL: "https://www.linkedin.com/in/danab"})
		vcf := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Brown\r\nURL:https://linkedin.com/in/DanaB/\r\nEMAIL:dana@example.org\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:D. Brown\r\nEMAIL:Dana@Example.org\r\nTEL:555-0101\r\nEND:VCARD\r\n"
		p, err := sc.ApplyImport(context.Background(), store.ImportVCard, strings.NewReader(vcf), now)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.New) != 0 || len(p.Updates) != 1 || p.Updates[0].ID != dana.ID || len(p.Duplicates) != 1 || p.Duplicates[0].SameAs != 1 {
			t.Fatalf("import: %+v", p)
		}
	})
}

// BenchmarkPreviewLinkedIn850k previews the 98.5 MB LinkedIn file
// (850,000 rows) and reports the most heap the preview held above what was
// held before it (peak-heap-MB; the target is under 150 MB). Run with:
//
//	go test -run '^$' -bench PreviewLinkedIn850k -benchtime 1x ./internal/store/
func BenchmarkPreviewLinkedIn850k(b *testing.B) {
	path := connectionsFile(b, 850_000)
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		var heap uint64
		for b.Loop() {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			heap = max(heap, peakHeap(func() {
				p, err := sc.PreviewImport(ctx, store.ImportLinkedIn, f, now)
				if err != nil {
					b.Fatal(err)
				}
				if p.Contacts != 850_000 {
					b.Fatalf("previewed %d contacts", p.Contacts)
				}
			}))
			f.Close()
		}
		b.ReportMetric(float64(heap)/1e6, "peak-heap-MB")
	})
}

// previewCounts are the figures a preview shows, to compare with what the
// import then did.
func previewCounts(p *store.ImportPreview) []int {
	return []int{p.Contacts, p.NewCount, p.UpdateCount, p.Unchanged, p.DuplicateCount, p.ProblemCount,
		len(p.NewOrganizations), p.Activities, p.Photos}
}

func TestImportPreviewCountsAreWhatTheImportDoes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		sc := db.Scope()
		ctx := context.Background()
		mustPerson(t, sc, &model.Person{Name: "Dana Whitfield", URL: "https://www.linkedin.com/in/dana-whitfield"})
		mustPerson(t, sc, &model.Person{Name: "Omar Haddad", Emails: []string{"omar@example.com"}, Role: "Analyst", Source: model.SourceSocial})
		var csv strings.Builder
		csv.WriteString("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
		csv.WriteString("Dana,Whitfield,https://www.linkedin.com/in/dana-whitfield,,Acme,Engineer,03 Jan 2019\n") // update
		csv.WriteString("Omar,Haddad,,omar@example.com,,Analyst,\n")                                              // unchanged
		csv.WriteString("Lee,Chen,https://www.linkedin.com/in/lee-chen,,Beta,Designer,04 Jan 2019\n")             // new
		csv.WriteString("Lee,Chen,https://www.linkedin.com/in/Lee-Chen/,,Beta,Designer,04 Jan 2019\n")            // duplicate
		csv.WriteString(",,,,,,05 Jan 2019\n")                                                                    // problem: only a date
		csv.WriteString("Ana,Lima,,not-an-email,Gamma,,someday\n")                                                // new, two problems
		before := snapshot(t, sc)
		pre, err := sc.PreviewImport(ctx, store.ImportLinkedIn, strings.NewReader(csv.String()), now)
		if err != nil {
			t.Fatal(err)
		}
		if snapshot(t, sc) != before {
			t.Fatal("the preview changed the records")
		}
		// contacts, new, updated, unchanged, duplicates, problems, new
		// organizations, activities, photos
		want := []int{4, 2, 1, 1, 1, 3, 3, 2, 0}
		if got := previewCounts(pre); !slices.Equal(got, want) {
			t.Errorf("preview counts %v, want %v", got, want)
		}
		if len(pre.New) != pre.NewCount || len(pre.Updates) != pre.UpdateCount || len(pre.Duplicates) != pre.DuplicateCount ||
			len(pre.Problems) != pre.ProblemCount {
			t.Errorf("a small file's lists are cut: %+v", pre)
		}
		_, people, err := sc.People(ctx, store.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		done, err := sc.ApplyImport(ctx, store.ImportLinkedIn, strings.NewReader(csv.String()), now)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := previewCounts(done), previewCounts(pre); !slices.Equal(got, want) {
			t.Errorf("the import did %v, its preview said %v", got, want)
		}
		_, after, err := sc.People(ctx, store.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if after != people+pre.NewCount {
			t.Errorf("people: %d before, %d after; the preview said %d new", people, after, pre.NewCount)
		}
	})
}

func TestImportPreviewKeepsCountsAndTheFirstRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		sc := db.Scope()
		const rows = store.ImportListMax + 500
		var csv strings.Builder
		csv.WriteString("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
		for i := range rows {
			// Each row a new person with one problem, and a duplicate of it.
			fmt.Fprintf(&csv, "P%d,Q,https://www.linkedin.com/in/p%d,nomail,,,\n", i, i)
			fmt.Fprintf(&csv, "P%d,Q,https://www.linkedin.com/in/p%d,,,,\n", i, i)
		}
		p, err := sc.PreviewImport(context.Background(), store.ImportLinkedIn, strings.NewReader(csv.String()), now)
		if err != nil {
			t.Fatal(err)
		}
		// The reader lists its first 1,000 problems and duplicates and
		// counts the rest; the importer counts them all.
		if p.NewCount != rows || p.ProblemCount != rows || p.DuplicateCount != rows || p.Contacts != rows {
			t.Errorf("counted %d new, %d problems, %d duplicates of %d contacts; want %d each",
				p.NewCount, p.ProblemCount, p.DuplicateCount, p.Contacts, rows)
		}
		if len(p.New) != store.ImportListMax {
			t.Errorf("new lists %d, want the first %d", len(p.New), store.ImportListMax)
		}
		for i, n := range p.New {
			if n.Line != 2+2*i {
				t.Fatalf("new[%d] is line %d, want %d: not the first rows", i, n.Line, 2+2*i)
			}
		}
		// The reader listed 1,000 problems and duplicates together; the
		// preview lists them, the first ones of each.
		if len(p.Problems) == 0 || len(p.Duplicates) == 0 || len(p.Problems)+len(p.Duplicates) != store.ImportListMax {
			t.Errorf("lists %d problems and %d duplicates", len(p.Problems), len(p.Duplicates))
		}
		for i, pr := range p.Problems {
			if pr.Line != 2+2*i {
				t.Fatalf("problem %d is line %d, want %d: not the first rows", i, pr.Line, 2+2*i)
			}
		}
		for i, d := range p.Duplicates {
			if d.Line != 3+2*i || d.SameAs != 2+2*i {
				t.Fatalf("duplicate %d is line %d (same as %d), want %d: not the first rows", i, d.Line, d.SameAs, 3+2*i)
			}
		}
	})
}

func TestImportStripsControlCharactersWithAProblemPerLine(t *testing.T) {
	const nul = "\x00"
	tests := []struct {
		name   string
		format store.ImportFormat
		file   string
		line   int
		fields string
	}{
		{"LinkedIn", store.ImportLinkedIn,
			"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
				"Ana,Lima,,,Acme,Nurse,\n" +
				"Bo" + nul + "b,Smith,,,Acme" + nul + ",Analyst,\n", 3, "name, organization"},
		{"vCard", store.ImportVCard,
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEND:VCARD\r\n" +
				"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo" + nul + "b Smith\r\nNOTE:first\\nsecond" + nul + "\r\nORG:Acme\r\nEND:VCARD\r\n", 5, "name, notes"},
		{"Google", store.ImportGoogle,
			"First Name,Last Name,Organization Name,Notes\nAna,Lima,Acme,\nBo" + nul + "b,Smith,Acme,ring\abell\n", 3, "name, notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *storetest.DB) {
				sc := db.Scope()
				p, err := sc.ApplyImport(context.Background(), tt.format, strings.NewReader(tt.file), now)
				if err != nil {
					t.Fatal(err)
				}
				if p.NewCount != 2 || len(p.Problems) != 1 || p.Problems[0].Line != tt.line || p.Problems[0].Skipped ||
					!strings.Contains(p.Problems[0].Message, "control characters (such as NUL) removed from the "+tt.fields) {
					t.Fatalf("imported %d, problems %v; want 2 and one at line %d naming %s", p.NewCount, p.Problems, tt.line, tt.fields)
				}
				people, _, err := sc.People(context.Background(), store.PeopleFilter{})
				if err != nil {
					t.Fatal(err)
				}
				var bob *model.Person
				for i := range people {
					if strings.HasPrefix(people[i].Name, "Bob") {
						bob = people[i]
					}
				}
				if bob == nil || bob.Name != "Bob Smith" || strings.ContainsAny(bob.Notes+orgOfPerson(bob), nul+"\a") {
					t.Fatalf("stored %+v", bob)
				}
				if tt.format == store.ImportVCard && bob.Notes != "first\nsecond" {
					t.Errorf("notes %q, want the line end kept", bob.Notes)
				}
			})
		})
	}
}

func orgOfPerson(p *model.Person) string {
	if p.Organization == nil {
		return ""
	}
	return p.Organization.Name
}

func TestRestoreStripsControlCharactersWithAProblemPerRecord(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		mustPerson(t, db.Scope(), &model.Person{Name: "Ana Lima", Notes: "two\nlines"})
		var doc bytes.Buffer
		if err := db.Scope().Export(ctx, &doc, now); err != nil {
			t.Fatal(err)
		}
		data := doc.String()
		// A SQLite database of an older Ally could hold a NUL.
		if !strings.Contains(data, `"Ana Lima"`) {
			t.Fatalf("no Ana Lima in the export")
		}
		data = strings.Replace(data, `"Ana Lima"`, `"Ana\u0000 Lima"`, 1)
		line := strings.Count(data[:strings.Index(data, `"Ana\u0000`)], "\n") + 1
		target := fresh(t, db)
		counts, problems, err := target.Scope().Restore(ctx, strings.NewReader(data), now)
		if err != nil {
			t.Fatal(err)
		}
		if counts["people"] != 1 || len(problems) != 1 || !strings.Contains(problems[0].Message, "people[0]: control characters (such as NUL) removed from name") {
			t.Fatalf("restored %v with problems %v", counts, problems)
		}
		// The problem names the record's first line, the name a few lines on.
		if problems[0].Line < 1 || problems[0].Line > line {
			t.Errorf("problem at line %d, the name is on line %d", problems[0].Line, line)
		}
		people, _, err := target.Scope().People(ctx, store.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(people) != 1 || people[0].Name != "Ana Lima" || people[0].Notes != "two\nlines" {
			t.Errorf("restored %+v", people)
		}
	})
}

func TestImportVCardKeepsTheUID(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		card := func(name, email string) string {
			return "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:6f1c9a52-0d3e-4b8e-9a41-2b7f5c0e1d22\r\nFN:" + name + "\r\nEMAIL:" + email + "\r\nEND:VCARD\r\n"
		}
		first, err := sc.ApplyImport(ctx, store.ImportVCard, strings.NewReader(card("Lee Chan", "lee@example.org")), now)
		if err != nil || len(first.New) != 1 {
			t.Fatalf("first import: %+v %v", first, err)
		}
		id := first.New[0].ID
		// The same card again, its name and e-mail changed on the phone:
		// the UID finds the person, who gains the new address.
		again, err := sc.ApplyImport(ctx, store.ImportVCard, strings.NewReader(card("Lee W. Chan", "lchan@example.com")), now)
		if err != nil || len(again.New) != 0 || len(again.Updates) != 1 || again.Updates[0].ID != id || again.Updates[0].MatchedBy != "vCard UID" {
			t.Fatalf("re-import: %+v %v", again, err)
		}
		p, err := sc.Person(ctx, id)
		if err != nil || !slices.Contains(p.Emails, "lchan@example.com") {
			t.Fatalf("the person after the re-import: %+v %v", p, err)
		}
		// Twice in one file by UID: the second is a duplicate.
		twice := strings.ReplaceAll(card("Ann Roe", "ann@example.org"), "6f1c9a52", "7a2d0b63") + strings.ReplaceAll(card("Ann B. Roe", "roe@example.org"), "6f1c9a52", "7a2d0b63")
		d, err := sc.ApplyImport(ctx, store.ImportVCard, strings.NewReader(twice), now)
		if err != nil || len(d.New) != 1 || len(d.Duplicates) != 1 || !strings.Contains(d.Duplicates[0].Message, "same vCard UID") {
			t.Fatalf("the same UID twice: %+v %v", d, err)
		}
		// The export writes the card's own UID back; others keep theirs.
		other, _, err := sc.EnsurePerson(ctx, "Cy Dahl", now)
		if err != nil {
			t.Fatal(err)
		}
		cards, err := sc.Cards(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		uids := map[string]string{}
		for _, c := range cards {
			uids[c.Name] = c.UID
		}
		if uids["Lee Chan"] != "urn:uuid:6f1c9a52-0d3e-4b8e-9a41-2b7f5c0e1d22" || uids["Ann Roe"] != "urn:uuid:7a2d0b63-0d3e-4b8e-9a41-2b7f5c0e1d22" ||
			uids["Cy Dahl"] == "" || strings.Contains(uids["Cy Dahl"], "6f1c9a52") {
			t.Fatalf("exported UIDs: %v (Cy Dahl is %d)", uids, other.ID)
		}
	})
}

// TestImportWritesTheSearchDocumentsAndActivitiesTheRecordsMake: an
// import writes its new people's search documents and connection days from
// the rows it wrote (one statement each). The documents must be those the
// records give when indexed again — the organization as known, tags in
// byte order, empty fields left out — and the activities numbered in the
// file's order, new people's and known people's alike.
func TestImportWritesTheSearchDocumentsAndActivitiesTheRecordsMake(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		acme := &model.Organization{Name: "Acme"}
		if err := sc.CreateOrganization(ctx, acme, now); err != nil {
			t.Fatal(err)
		}
		dana := mustPerson(t, sc, &model.Person{Name: "Dana Brown", URL: "https://www.linkedin.com/in/danab", Organization: &model.Ref{ID: acme.ID}})
		vcf := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nORG:ACME\r\nTITLE:Data lead\r\nADR:;;1 Main St;Springfield;;;USA\r\n" +
			"NOTE:Met at the fair\\nlikes maps\r\nCATEGORIES:zeta,Alpha,émile,Émile,beta\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bare Name\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Only Tags\r\nCATEGORIES:b,a\r\nNOTE:n\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:New Org Person\r\nORG:Brand New Co\r\nTITLE:Chef\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Brown\r\nURL:https://linkedin.com/in/DanaB/\r\nCATEGORIES:mentor\r\nEND:VCARD\r\n"
		if _, err := sc.ApplyImport(ctx, store.ImportVCard, strings.NewReader(vcf), now); err != nil {
			t.Fatal(err)
		}
		csv := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
			"Ann,One,https://www.linkedin.com/in/ann1,,Acme,Engineer,01 Jan 2020\n" +
			"Dana,Brown,https://www.linkedin.com/in/danab,,Acme,Manager,02 Feb 2021\n" +
			"Bob,Two,https://www.linkedin.com/in/bob2,,,,03 Mar 2022\n" +
			"Cy,Three,https://www.linkedin.com/in/cy3,,Other Co,,\n" +
			"Di,Four,https://www.linkedin.com/in/di4,,,Analyst,04 Apr 2023\n"
		p, err := sc.ApplyImport(ctx, store.ImportLinkedIn, strings.NewReader(csv), now)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.New) != 4 || len(p.Updates) != 1 || p.Activities != 4 {
			t.Fatalf("import: %+v", p)
		}
		stored, rebuilt, err := store.SearchDocs(ctx, sc)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(stored, rebuilt) {
			t.Errorf("search documents as imported:\n%s\nas the records make them:\n%s", strings.Join(stored, "\n"), strings.Join(rebuilt, "\n"))
		}
		if len(stored) != 3+9 { // Acme, Brand New Co and Other Co; Dana and eight new people
			t.Errorf("%d documents: %v", len(stored), stored)
		}
		order, err := store.ActivityPeople(ctx, sc, string(model.ActNote))
		if err != nil {
			t.Fatal(err)
		}
		want := []int64{p.New[0].ID, dana.ID, p.New[1].ID, p.New[3].ID}
		if !slices.Equal(order, want) {
			t.Errorf("connection days logged for people %v, want %v (the file's order)", order, want)
		}
	})
}

// TestImportWritesThePeopleAsBindingEveryColumnDid: an import leaves
// out of its statements the text columns a row has empty (a statement for
// each set of them) and writes the owner and times as literals. The same
// files imported by an owner with every column bound (as imports did
// before) must give the same people, column by column (empty text, not
// NULL; the same times), the same search documents and connection days,
// the same count, and a search must find them.
func TestImportWritesThePeopleAsBindingEveryColumnDid(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		vcf := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nORG:Acme\r\nTITLE:Data lead\r\nADR:;;1 Main St;Springfield;;;USA\r\n" +
			"TEL:555-0100\r\nEMAIL:zoe@example.org\r\nNOTE:Met at the fair\r\nCATEGORIES:zeta,Alpha\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bare Name\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Only Phone\r\nTEL:555-0101\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Only Note\r\nNOTE:it's a note\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Place And Mail\r\nADR:;;;Oslo;;;Norway\r\nEMAIL:pm@example.org\r\nEND:VCARD\r\n"
		csv := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
			"Ann,One,https://www.linkedin.com/in/ann1,ann@example.org,Acme,Engineer,01 Jan 2020\n" +
			"Bob,Two,https://www.linkedin.com/in/bob2,,,,03 Mar 2022\n" +
			"Cy,O'Three,https://www.linkedin.com/in/cy3,,Other Co,,\n" +
			"Di,Four,https://www.linkedin.com/in/di4,,New Co,Analyst,04 Apr 2023\n" +
			"Zoë,Ångström,https://www.linkedin.com/in/zoe,zoe@example.org,Acme,Data lead,05 May 2024\n"
		type imported struct {
			people, docs, stored []string
			acts                 []int64
			count                int
		}
		load := func(sc *store.Scope) imported {
			for _, f := range []struct {
				format store.ImportFormat
				text   string
			}{{store.ImportVCard, vcf}, {store.ImportLinkedIn, csv}} {
				if _, err := sc.ApplyImport(ctx, f.format, strings.NewReader(f.text), now); err != nil {
					t.Fatal(err)
				}
			}
			var in imported
			var err error
			if in.people, err = store.PeopleRows(ctx, sc); err != nil {
				t.Fatal(err)
			}
			var rebuilt []string
			if in.stored, rebuilt, err = store.SearchDocs(ctx, sc); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(in.stored, rebuilt) {
				t.Errorf("search documents as imported:\n%s\nas the records make them:\n%s", strings.Join(in.stored, "\n"), strings.Join(rebuilt, "\n"))
			}
			// The documents without their ids, which differ between owners.
			for _, d := range in.stored {
				kind, rest, _ := strings.Cut(d, " ")
				_, rest, _ = strings.Cut(rest, " ")
				in.docs = append(in.docs, kind+" "+rest)
			}
			if in.acts, err = store.ActivityPeople(ctx, sc, string(model.ActNote)); err != nil {
				t.Fatal(err)
			}
			in.count = peopleTotal(t, sc)
			hits, err := sc.Search(ctx, "Springfield", 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits.Results) != 1 {
				t.Errorf("search for Springfield: %+v", hits.Results)
			}
			return in
		}
		bound, err := db.Store.NewUser(ctx, "bound", now)
		if err != nil {
			t.Fatal(err)
		}
		store.BindEveryColumnOnImport(t, true)
		want := load(db.Store.For(bound))
		store.BindEveryColumnOnImport(t, false)
		got := load(db.Scope())
		if !slices.Equal(got.people, want.people) {
			t.Errorf("people as imported:\n%s\nwith every column bound:\n%s", strings.Join(got.people, "\n"), strings.Join(want.people, "\n"))
		}
		if !slices.Equal(got.docs, want.docs) {
			t.Errorf("documents as imported:\n%s\nwith every column bound:\n%s", strings.Join(got.docs, "\n"), strings.Join(want.docs, "\n"))
		}
		if len(got.people) != 9 || got.count != 9 || want.count != 9 || len(got.acts) != 4 || len(want.acts) != 4 {
			t.Errorf("%d people, counted %d (%d with every column bound), %d connection days (%d)",
				len(got.people), got.count, want.count, len(got.acts), len(want.acts))
		}
	})
}

// TestImportReadsTheNewPeopleByTheirIDs: the statements writing the new
// people's activities and search documents read the range of their ids,
// not every person of the owner in name order (which cost more than the
// rows bound one by one did).
func TestImportReadsTheNewPeopleByTheirIDs(t *testing.T) {
	db := storetest.SQLite(t)
	plans, err := store.ImportPlans(context.Background(), db.Scope())
	if err != nil {
		t.Fatal(err)
	}
	for name, plan := range plans {
		if !strings.Contains(plan, "SEARCH p USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)") &&
			!strings.Contains(plan, "SEARCH people USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)") ||
			strings.Contains(plan, "people_owner") || strings.Contains(plan, "TEMP B-TREE FOR ORDER BY") {
			t.Errorf("the %s' plan does not read the new people by their ids:\n%s", name, plan)
		}
	}
	if len(plans) != 3 {
		t.Errorf("plans: %v", plans)
	}
}
