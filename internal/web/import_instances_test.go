package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// TestImportPreviewOnOneInstanceImportsOnAnother uploads a contacts file
// on A, previews it on B and imports it on A: the file waits in the
// database, not in either process.
func TestImportPreviewOnOneInstanceImportsOnAnother(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := newCenterFixture(t, db)
		a, b := startInstance(t, "A", db.Store), startInstance(t, "B", secondConnection(t, db))
		cookie := a.signIn(t, "sam@westlake.edu", samPassword)
		count := func() int {
			_, n, err := db.Store.For(f.samID).People(context.Background(), store.PeopleFilter{})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()

		var form bytes.Buffer
		mw := multipart.NewWriter(&form)
		mw.WriteField("kind", "linkedin")
		fw, _ := mw.CreateFormFile("file", "Connections.csv")
		fw.Write(testdata(t, "linkedin/Connections.csv"))
		mw.Close()
		req, _ := http.NewRequest("POST", a.base+"/import", &form)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: cookie})
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/import/") {
			t.Fatalf("upload on A: %d %q", resp.StatusCode, loc)
		}

		status, _, body := b.send(t, "GET", loc, cookie, nil)
		if status != http.StatusOK || !strings.Contains(readable(body), "Import 7 people") {
			t.Fatalf("preview on B of A's upload: %d\n%s", status, readable(body))
		}
		// Ada, signed in on B, does not reach Sam's upload.
		ada := b.signIn(t, "ada@westlake.edu", adaPassword)
		if status, _, _ := b.send(t, "POST", loc, ada, url.Values{}); status != http.StatusNotFound {
			t.Errorf("Ada's import of Sam's upload: %d, want 404", status)
		}

		status, h, body := a.send(t, "POST", loc, cookie, url.Values{})
		if status != http.StatusSeeOther || h.Get("Location") != "/people" {
			t.Fatalf("import on A: %d %q\n%s", status, h.Get("Location"), readable(body))
		}
		if n := count(); n != before+7 {
			t.Errorf("people: %d before, %d after, want 7 more", before, n)
		}
		// The button again, on B: spent.
		if status, _, body := b.send(t, "POST", loc, cookie, url.Values{}); status != http.StatusNotFound || !strings.Contains(readable(body), "already imported") {
			t.Errorf("import again on B: %d\n%s", status, readable(body))
		}
		if n := count(); n != before+7 {
			t.Errorf("a spent upload imported again: %d people", n)
		}
	})
}
