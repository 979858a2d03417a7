package store_test

import (
	"bytes"
	"context"
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
		if res, err := sc.Search(ctx, "Natarajan", 5); err != nil || len(res) != 1 {
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
	var manyThenBad strings.Builder
	manyThenBad.WriteString(header)
	for i := range 3000 {
		fmt.Fprintf(&manyThenBad, "P%d,Q,https://www.linkedin.com/in/p%d,,Org %d,Role,01 Jan 2020\n", i, i, i%10)
	}
	manyThenBad.WriteString("Caf\xe9,X,,,,,\n")
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
		{"invalid UTF-8 after 3000 good rows", store.ImportLinkedIn, func(*testing.T) io.Reader { return strings.NewReader(manyThenBad.String()) }, interop.ErrEncoding, "line 3002"},
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
		if len(p.New) != 50000 || p.Activities != 50000 || len(p.NewOrganizations) != 500 {
			t.Fatalf("imported %d people, %d activities, %d organizations", len(p.New), p.Activities, len(p.NewOrganizations))
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
				if _, err := db.Store.For(owner).ApplyImport(ctx, store.ImportLinkedIn, f, now); err != nil {
					b.Fatal(err)
				}
			}))
			f.Close()
		}
		b.ReportMetric(float64(heap)/1e6, "peak-heap-MB")
	})
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
