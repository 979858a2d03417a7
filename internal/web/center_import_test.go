package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/store/storetest"
)

// uploadRoster posts the roster form as a browser sends it.
func (b *browser) uploadRoster(role, name string, content []byte) response {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("kind", role)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		b.t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.base+"/center/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// waitForImport loads the progress page until the import is over, as a
// browser does by itself, and returns the last page.
func (b *browser) waitForImport(path string) response {
	b.t.Helper()
	for range 600 {
		r := b.get(path)
		if r.status != http.StatusOK {
			b.t.Fatalf("GET %s: %d", path, r.status)
		}
		if r.header.Get("Refresh") == "" {
			return r
		}
		if !strings.Contains(r.body, `data-hx-trigger="every 1s"`) {
			b.t.Fatalf("a running import's page is not polled:\n%s", r.body)
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("the import at %s never finished", path)
	return response{}
}

func TestAnAdvisorImportsARosterMapsAColumnAndInvitesEveryone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		if r := ada.get("/center/import"); r.status != http.StatusOK || !strings.Contains(r.body, `enctype="multipart/form-data"`) {
			t.Fatalf("GET /center/import: %d", r.status)
		}
		r := ada.uploadRoster("volunteer", "alumni.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00"))
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(readable(r.body), "alumni.csv cannot be imported: this is a PNG image") {
			t.Fatalf("a picture: %d\n%s", r.status, r.body)
		}
		csv := "Correo,Full Name,Company,Alumni Number\nmaria@alumni.westlake.edu,Maria Lopez,Genentech,A1\nsam@alumni.westlake.edu,Sam Okafor,City Library,A2\nbad-email,Nobody,,A3\n"
		r = ada.uploadRoster("volunteer", "alumni.csv", []byte(csv))
		if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/center/import/") {
			t.Fatalf("upload: %d %s", r.status, r.header.Get("Location"))
		}
		preview := r.header.Get("Location")
		r = ada.get(preview)
		if r.status != http.StatusOK || !strings.Contains(readable(r.body), "Line 1: no column holds the email") {
			t.Fatalf("preview without an email column: %d\n%s", r.status, readable(r.body))
		}
		// Correo is column 0, Alumni Number column 3.
		r = ada.get(preview + "?col_0=email&col_3=external_id")
		body := readable(r.body)
		if r.status != http.StatusOK || !strings.Contains(body, "2 new, 0 updated, 0 unchanged, 1 cannot be imported") ||
			!strings.Contains(body, `"bad-email" is not an email address`) || !strings.Contains(body, "Maria Lopez") {
			t.Fatalf("mapped preview: %d\n%s", r.status, body)
		}
		// Imported with the row left out and everyone invited.
		form := url.Values{"col_0": {"email"}, "col_1": {"name"}, "col_2": {"employer"}, "col_3": {"external_id"}, "invite": {"1"}, "skip_rejected": {"1"}}
		r = ada.post(preview, form)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != preview+"/progress" {
			t.Fatalf("import: %d %s", r.status, r.header.Get("Location"))
		}
		r = ada.waitForImport(preview + "/progress")
		body = readable(r.body)
		if !strings.Contains(body, "Imported: 2 new, 0 updated, 0 unchanged, 1 left out") || !strings.Contains(body, "Invited 2") {
			t.Fatalf("outcome:\n%s", body)
		}
		// The upload is used: a second click finds nothing to import.
		if r := ada.post(preview, form); r.status != http.StatusConflict && r.status != http.StatusNotFound {
			t.Errorf("a second click: %d", r.status)
		}
		r = ada.get("/center/invitations")
		body = readable(r.body)
		if !strings.Contains(body, "maria@alumni.westlake.edu") || !strings.Contains(body, "Not invited yet: 0 volunteers") {
			t.Errorf("invitations:\n%s", body)
		}
		// Maria accepts through her email's link and chooses her password.
		link := c.lastLink(t, "maria@alumni.westlake.edu")
		maria := c.browser(t)
		if r := maria.post(link, url.Values{"name": {"Maria Lopez"}, "password": {"copper meadow lantern ninety"}}); r.status != http.StatusSeeOther {
			t.Fatalf("Maria accepts: %d\n%s", r.status, readable(r.body))
		}
		body = readable(ada.get("/center/invitations").body)
		if !strings.Contains(body, "Accepted") {
			t.Errorf("after Maria accepted:\n%s", body)
		}
		if r := ada.post("/center/invitations/rate", url.Values{"smtp_per_minute": {"0"}}); r.status != http.StatusUnprocessableEntity ||
			!strings.Contains(readable(r.body), "from 1 to") {
			t.Errorf("a rate of 0: %d", r.status)
		}
	})
}

// A roster row that is not UTF-8 is rejected on its line: the preview
// lists it, an import without "skip rejected" writes nothing and says
// why, and one with it imports the other rows.
func TestARosterRowNotUTF8IsRejectedOnItsLine(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newMailCenter(t, db)
		ada := c.signedIn(t, "ada@westlake.edu", adaPassword)
		csv := []byte("Email,Name\nmaria@alumni.westlake.edu,Maria\nsam@alumni.westlake.edu,Ren\xe9e\nlee@alumni.westlake.edu,Lee\n")
		const why = "by line Line Why 3 not valid UTF-8 (byte 0xE9 at column 28); save the file as UTF-8"
		for _, skip := range []bool{false, true} {
			r := ada.uploadRoster("volunteer", "alumni.csv", csv)
			preview := r.header.Get("Location")
			if r.status != http.StatusSeeOther || !strings.HasPrefix(preview, "/center/import/") {
				t.Fatalf("upload: %d %s", r.status, preview)
			}
			body := readable(ada.get(preview).body)
			if !strings.Contains(body, "1 cannot be imported") || !strings.Contains(body, why) ||
				!strings.Contains(body, "Import 2 rows, leaving out 1") {
				t.Fatalf("preview:\n%s", body)
			}
			form := url.Values{"col_0": {"email"}, "col_1": {"name"}}
			if skip {
				form.Set("skip_rejected", "1")
			}
			if r := ada.post(preview, form); r.status != http.StatusSeeOther {
				t.Fatalf("import: %d", r.status)
			}
			body = readable(ada.waitForImport(preview + "/progress").body)
			want := "line 3: not valid UTF-8 (byte 0xE9 at column 28); save the file as UTF-8; nothing was imported"
			if skip {
				want = "Imported: 2 new, 0 updated, 0 unchanged, 1 left out"
			}
			if !strings.Contains(strings.ToLower(body), strings.ToLower(want)) {
				t.Fatalf("skip %v, outcome:\n%s", skip, body)
			}
		}
	})
}
