package web

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// upload posts the import form as a browser sends it: the kind, then the
// file under name (no file part at all when name is "-").
func (b *browser) upload(kind, name string, content []byte) response {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("kind", kind)
	if name != "-" {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			b.t.Fatal(err)
		}
		fw.Write(content)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.base+"/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func testdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "interop", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func (b *browser) peopleCount() int {
	b.t.Helper()
	_, n, err := b.sc.People(context.Background(), store.PeopleFilter{})
	if err != nil {
		b.t.Fatal(err)
	}
	return n
}

func TestImportUploadPreviewThenApplyImportsThePeople(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		for _, tt := range []struct {
			kind, file, name string
			people           int
			preview          []string
		}{
			{"linkedin", "linkedin/Connections.csv", "Connections.csv", 7,
				[]string{"Preview of Connections.csv", "7 contacts read", "Import 7 people", "New people", "5 Aisha Rahman Data Scientist, Acme Analytics",
					"Duplicates left out", "Line 10: Aisha Rahman is the same person as line 5", "Problems", "Line 9: row has only a date"}},
			{"vcard", "vcard/apple-3.0.vcf", "apple.vcf", 0, []string{"Preview of apple.vcf", "vCard contacts"}},
			{"google", "google/contacts.csv", "contacts.csv", 0, []string{"Preview of contacts.csv", "Google contacts"}},
		} {
			t.Run(tt.kind, func(t *testing.T) {
				before := b.peopleCount()
				if r := b.get("/import"); r.status != http.StatusOK || !strings.Contains(r.body, `enctype="multipart/form-data"`) {
					t.Fatalf("GET /import: %d", r.status)
				}
				r := b.upload(tt.kind, tt.name, testdata(t, tt.file))
				loc := r.header.Get("Location")
				if r.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/import/") {
					t.Fatalf("upload: status %d, location %q; body:\n%s", r.status, loc, readable(r.body))
				}
				pv := b.get(loc)
				if pv.status != http.StatusOK {
					t.Fatalf("preview: status %d", pv.status)
				}
				wantIn(t, "preview", readable(pv.body), tt.preview...)
				if n := b.peopleCount(); n != before {
					t.Fatalf("the preview changed the people: %d, then %d", before, n)
				}
				ap := b.post(loc, nil)
				if ap.status != http.StatusSeeOther || ap.header.Get("Location") != "/people" {
					t.Fatalf("apply: status %d, location %q", ap.status, ap.header.Get("Location"))
				}
				wantIn(t, "people after the import", readable(b.get("/people").body), "Imported "+tt.name+":")
				after := b.peopleCount()
				if after <= before || (tt.people > 0 && after != before+tt.people) {
					t.Errorf("people: %d before, %d after, want %d more", before, after, tt.people)
				}
				// The token is spent: the same button again imports nothing.
				again := b.post(loc, nil)
				if again.status != http.StatusNotFound {
					t.Errorf("apply twice: status %d, want 404", again.status)
				}
				wantIn(t, "a spent token", readable(again.body), "expired (files wait 30 minutes) or was already imported", "Choose the file again")
				if n := b.peopleCount(); n != after {
					t.Errorf("a spent token imported again: %d people, then %d", after, n)
				}
				// Importing the same file again changes nothing.
				r = b.upload(tt.kind, tt.name, testdata(t, tt.file))
				wantIn(t, "preview of the same file", readable(b.get(r.header.Get("Location")).body), "There is nothing to import")
			})
		}
	})
}

func TestImportRefusesFilesItCannotRead(t *testing.T) {
	b := newBrowser(t, true)
	before := b.peopleCount()
	for _, tt := range []struct {
		name, kind, file string
		content          []byte
		want             string
	}{
		{"a PDF named .csv", "linkedin", "Connections.csv", testdata(t, "bad/Connections-really-a-pdf.csv"),
			"Connections.csv cannot be imported: this is a PDF document, not a LinkedIn"},
		{"an empty file", "linkedin", "Connections.csv", nil, "Connections.csv cannot be imported: the file is empty"},
		{"an empty vCard", "vcard", "contacts.vcf", []byte{}, "contacts.vcf cannot be imported: the file is empty"},
		{"an iCalendar file as vCard", "vcard", "meeting.vcf", testdata(t, "bad/meeting.ics"), "meeting.vcf cannot be imported"},
		{"a header that matches nothing", "google", "contacts.csv", testdata(t, "bad/unknown-header.csv"), "contacts.csv cannot be imported"},
		{"a kind Ally does not know", "outlook", "contacts.pst", []byte("x"), "Choose the kind of file"},
		{"no kind", "", "Connections.csv", testdata(t, "linkedin/Connections.csv"), "Choose the kind of file"},
		{"no file chosen", "linkedin", "", nil, "Choose a file to import"},
		{"no file part", "linkedin", "-", nil, "Choose a file to import"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := b.upload(tt.kind, tt.file, tt.content)
			if r.status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422; body:\n%s", r.status, readable(r.body))
			}
			page := readable(r.body)
			wantIn(t, tt.name, page, tt.want, "Please check this field")
			if strings.Count(page, tt.want) != 2 { // the summary and the field
				t.Errorf("the message shows %d times, want in the summary and at the field", strings.Count(page, tt.want))
			}
			if n := b.peopleCount(); n != before {
				t.Errorf("%d people, want %d", n, before)
			}
		})
	}
	if r := b.get("/import/not-a-token"); r.status != http.StatusNotFound || !strings.Contains(readable(r.body), "Choose the file again") {
		t.Errorf("an unknown token: status %d\n%s", r.status, readable(r.body))
	}
	if r := b.post("/import/not-a-token", nil); r.status != http.StatusNotFound {
		t.Errorf("applying an unknown token: status %d", r.status)
	}
	if r := b.get("/import?kind=vcard"); !strings.Contains(r.body, `<option value="vcard" selected>`) {
		t.Errorf("?kind=vcard does not choose vCard")
	}
}

func TestImportPreviewListsUpdatesFieldByField(t *testing.T) {
	b := newBrowser(t, false)
	header := "Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
	first := header + "Aisha,Rahman,https://www.linkedin.com/in/aisharahman,,Acme Analytics,Data Scientist,03 Jan 2019\n"
	r := b.upload("linkedin", "Connections.csv", []byte(first))
	b.post(r.header.Get("Location"), nil)
	later := header + "Aisha,Rahman,https://www.linkedin.com/in/AishaRahman/,aisha@example.com,Acme Analytics,Lead Data Scientist,03 Jan 2019\n"
	r = b.upload("linkedin", "Connections.csv", []byte(later))
	page := readable(b.get(r.header.Get("Location")).body)
	wantIn(t, "preview", page, "0 people to add", "1 person to update", "Updates", "Aisha Rahman line 4, found by profile URL",
		"Lead Data Scientist (was Data Scientist)", "aisha@example.com", "Import 1 person")
	b.post(r.header.Get("Location"), nil)
	wantIn(t, "after", readable(b.get("/people").body), "0 people added, 1 person updated, 0 unchanged")
}

func TestImportBeyondTheParseBoundIsBusy(t *testing.T) {
	b := newBrowser(t, false)
	file := testdata(t, "linkedin/Connections.csv")
	hold := func() (release func()) {
		parses := b.app.s.imports.parses
		for range cap(parses) {
			parses <- struct{}{}
		}
		return func() {
			for range cap(parses) {
				<-parses
			}
		}
	}
	busy := func(what string, r response) {
		t.Helper()
		if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
			t.Errorf("%s: status %d, Retry-After %q; want 503 with Retry-After", what, r.status, r.header.Get("Retry-After"))
		}
		wantIn(t, what, readable(r.body), "Ally is busy reading other contacts files; try again in a moment.")
		if strings.Contains(r.body, "ran into a problem") {
			t.Errorf("%s: a busy server says it failed", what)
		}
	}

	release := hold()
	r := b.upload("linkedin", "Connections.csv", file)
	busy("upload while busy", r)
	// The form comes back with the kind chosen, for the file to be sent again.
	if !strings.Contains(r.body, `<option value="linkedin" selected>`) {
		t.Errorf("the busy form lost the kind of file")
	}
	release()

	r = b.upload("linkedin", "Connections.csv", file)
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/import/") {
		t.Fatalf("upload: status %d", r.status)
	}
	release = hold()
	busy("preview while busy", b.get(loc))
	before := b.peopleCount()
	busy("import while busy", b.post(loc, nil))
	if n := b.peopleCount(); n != before {
		t.Errorf("a busy import changed the people: %d, then %d", before, n)
	}
	release()
	// The upload waited: the preview and the import go through now.
	if r := b.get(loc); r.status != http.StatusOK {
		t.Errorf("preview after the wait: status %d", r.status)
	}
	if r := b.post(loc, nil); r.status != http.StatusSeeOther || r.header.Get("Location") != "/people" {
		t.Errorf("import after the wait: status %d, location %q", r.status, r.header.Get("Location"))
	}
}

func TestImportUploadsLiveInAFolderOfTheServersOwn(t *testing.T) {
	db := storetest.SQLite(t)
	root := t.TempDir()
	now := pagesNow
	entries := []struct {
		name   string
		dir    bool
		age    time.Duration
		swept  bool
		reason string
	}{
		{"ally-import-101-abc", true, importTTL + time.Minute, true, "an old process's folder"},
		{"ally-import-3456789", false, 2 * time.Hour, true, "a loose upload of an older version"},
		{"ally-import-202-def", true, importTTL - time.Minute, false, "a running process's folder"},
		{"other-old-file", false, 2 * time.Hour, false, "a file that is not Ally's"},
	}
	for _, e := range entries {
		path := filepath.Join(root, e.name)
		if e.dir {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(path, "upload-1"), []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		at := now.Add(-e.age)
		if err := os.Chtimes(path, at, at); err != nil {
			t.Fatal(err)
		}
	}

	h := NewServer(Deps{Store: db.Store, Owner: db.Owner, Clock: method.FixedClock(now), ImportRoot: root})
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, e := range entries {
		_, err := os.Stat(filepath.Join(root, e.name))
		if gone := os.IsNotExist(err); gone != e.swept {
			t.Errorf("%s (%s): swept %v, want %v", e.name, e.reason, gone, e.swept)
		}
	}

	b := &browser{t: t, base: srv.URL, sc: db.Scope(), app: h,
		client: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	if r := b.upload("linkedin", "Connections.csv", testdata(t, "linkedin/Connections.csv")); r.status != http.StatusSeeOther {
		t.Fatalf("upload: status %d", r.status)
	}
	own, err := filepath.Glob(filepath.Join(root, fmt.Sprintf("ally-import-%d-*", os.Getpid())))
	if err != nil || len(own) != 1 {
		t.Fatalf("the server's own folder: %v, %v", own, err)
	}
	// The waiting upload is in the database, for any instance: the file
	// received into the folder went with its request.
	if files, _ := os.ReadDir(own[0]); len(files) != 0 {
		t.Errorf("the received file outlived its request: %v", files)
	}

	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(own[0]); !os.IsNotExist(err) {
		t.Errorf("the server's folder outlived Close: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "ally-import-202-def")); err != nil {
		t.Errorf("Close removed another process's folder: %v", err)
	}
}

// A row that is not UTF-8 is a problem on its line of the preview and the
// others are imported; a file wholly in another encoding is refused once,
// the form keeping the kind chosen.
func TestImportPreviewListsARowNotUTF8(t *testing.T) {
	b := newBrowser(t, true)
	before := b.peopleCount()
	csv := []byte("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Ruiz,,,,,\nRen\xe9e,Dupont,,,,,\nMei,Tanaka,,,,,\n")
	r := b.upload("linkedin", "Connections.csv", csv)
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/import/") {
		t.Fatalf("upload: status %d; body:\n%s", r.status, readable(r.body))
	}
	wantIn(t, "preview", readable(b.get(loc).body), "Import 2 people", "Problems",
		"Line 3: not valid UTF-8 (byte 0xE9 at column 4); skipped: save the file as UTF-8")
	if ap := b.post(loc, nil); ap.status != http.StatusSeeOther {
		t.Fatalf("apply: status %d", ap.status)
	}
	if n := b.peopleCount(); n != before+2 {
		t.Errorf("people: %d before, %d after, want 2 more", before, n)
	}

	latin1 := []byte("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nRen\xe9e,Dupont,,,,,\nJos\xe9,Ruiz,,,,,\n")
	r = b.upload("linkedin", "contacts.csv", latin1)
	page := readable(r.body)
	wantIn(t, "a Latin-1 file", page, "contacts.csv cannot be imported: line 2: not valid UTF-8 (byte 0xE9 at column 4), nor is 1 more of the 2 rows")
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `<option value="linkedin" selected>`) {
		t.Errorf("status %d, want 422 with the kind kept:\n%s", r.status, page)
	}
}
