package web

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// chunked hides a reader's length, so that the request goes out chunked
// and only reading the body finds its size.
type chunked struct{ io.Reader }

// TestEveryRouteRefusesABodyOverItsLimit sends every route that takes a
// body one a byte over the form limit, its length declared: each answers
// 413 with the error page, or the API's JSON error, before any handler
// reads it. The uploads, which take more, are tested below.
func TestEveryRouteRefusesABodyOverItsLimit(t *testing.T) {
	b := newBrowser(t, false)
	big := strings.Repeat("a", maxFormBytes+1)
	params := strings.NewReplacer("{id}", "1", "{tid}", "1", "{cid}", "1", "{token}", "x")
	n := 0
	for _, rt := range b.app.s.routes() {
		if rt.Method == http.MethodGet {
			continue
		}
		req, _ := http.NewRequest(rt.Method, b.base+params.Replace(rt.Pattern), strings.NewReader(big))
		if limit, upload := bodyLimit(req); upload {
			if limit <= maxFormBytes {
				t.Errorf("%s %s: an upload limited to %d bytes", rt.Method, rt.Pattern, limit)
			}
			continue
		}
		n++
		api := strings.HasPrefix(rt.Pattern, "/api/")
		if api {
			req.Header.Set("Content-Type", "application/json")
		} else {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		r := b.do(req)
		switch {
		case r.status != http.StatusRequestEntityTooLarge:
			t.Errorf("%s %s: status %d, want 413", rt.Method, rt.Pattern, r.status)
		case api && (!strings.HasPrefix(r.header.Get("Content-Type"), "application/json") || !strings.Contains(r.body, `"error": "request body too large`)):
			t.Errorf("%s %s: %s %s", rt.Method, rt.Pattern, r.header.Get("Content-Type"), r.body)
		case !api && (!strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !strings.Contains(readable(r.body), "Request body too large (at most 2.1 MiB).")):
			t.Errorf("%s %s: %s %s", rt.Method, rt.Pattern, r.header.Get("Content-Type"), readable(r.body))
		}
	}
	if n < 100 {
		t.Errorf("only %d routes take a body", n)
	}
}

// A body sent without its length (chunked) is cut at the limit when read:
// the form and the API answer 413 too, and nothing is saved.
func TestChunkedBodiesOverTheLimitAreRefused(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		form := url.Values{"name": {"Ana Big"}, "notes": {strings.Repeat("n", maxFormBytes)}}.Encode()
		req, _ := http.NewRequest(http.MethodPost, b.base+"/people", chunked{strings.NewReader(form)})
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if r := b.do(req); r.status != http.StatusRequestEntityTooLarge || !strings.Contains(readable(r.body), "Request body too large") {
			t.Errorf("a chunked form: %d %s", r.status, readable(r.body))
		}
		req, _ = http.NewRequest(http.MethodPost, b.base+"/api/v1/people", chunked{strings.NewReader(`{"name": "Ana Big", "notes": "` + strings.Repeat("n", maxFormBytes) + `"}`)})
		req.Header.Set("Content-Type", "application/json")
		if r := b.do(req); r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.body, `"error": "request body too large`) {
			t.Errorf("a chunked API call: %d %s", r.status, r.body)
		}
		// A multipart form is cut at the limit rather than spooled to disk,
		// and refused rather than read as empty: the person stays.
		b.follow("/people", url.Values{"name": {"Ana Small"}})
		ana := b.id("person", "Ana Small")
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("with_conversations", "big.bin")
		fw.Write(bytes.Repeat([]byte{'x'}, 2*maxFormBytes))
		mw.Close()
		req, _ = http.NewRequest(http.MethodPost, b.base+"/people/"+ana+"/delete", chunked{&body})
		req.Header.Set("Content-Type", mw.FormDataContentType())
		if r := b.do(req); r.status != http.StatusRequestEntityTooLarge {
			t.Errorf("a chunked multipart form: %d %s", r.status, readable(r.body))
		}
		if r := b.get("/people/" + ana); r.status != http.StatusOK {
			t.Errorf("a refused delete deleted: %d", r.status)
		}
		if page := b.get("/people"); strings.Contains(page.body, "Ana Big") {
			t.Error("a refused body saved a person")
		}
	})
}

// A picture over the upload limit comes back on the profile page with 413
// and the reason.
func TestAnUploadOverItsLimitIsRefused(t *testing.T) {
	f, _, _ := directoryFixture(t, storetest.SQLite(t))
	f.signIn(t, "dana@example.com", samPassword, "/")
	r := f.b.uploadPhoto("huge.png", bytes.Repeat([]byte{0x89}, maxPhotoUpload))
	if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(readable(r.body), "That file weighs more than 8 MB") {
		t.Errorf("a 9 MB picture: %d %s", r.status, readable(r.body))
	}
}

// TestTheLongestNoteOfFourByteCharactersSaves: a note as long as a note
// may be (model.MaxNotes characters), every character 4 bytes (12 once
// percent-encoded, 12 as a JSON surrogate pair), is not refused as a
// body, by the form or the API; a body a byte over the limit still is.
func TestTheLongestNoteOfFourByteCharactersSaves(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		ctx := context.Background()
		note := strings.Repeat("😀", model.MaxNotes)
		saved := func(name string) {
			t.Helper()
			id, err := strconv.ParseInt(b.id("person", name), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			p, err := b.sc.Person(ctx, id)
			if err != nil || p.Notes != note {
				t.Errorf("%s's note: %d characters saved (%v); want %d", name, utf8.RuneCountInString(p.Notes), err, model.MaxNotes)
			}
		}
		form := url.Values{"name": {"Ana Long"}, "notes": {note}}.Encode()
		if len(form) < 12*model.MaxNotes || len(form) > maxFormBytes {
			t.Fatalf("the form is %d bytes; want the note's %d and under the limit %d", len(form), 12*model.MaxNotes, maxFormBytes)
		}
		req, _ := http.NewRequest(http.MethodPost, b.base+"/people", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if r := b.do(req); r.status != http.StatusSeeOther {
			t.Fatalf("the form: %d %s", r.status, readable(r.body))
		}
		saved("Ana Long")

		doc := `{"name": "Bo Long", "notes": "` + strings.Repeat(`\ud83d\ude00`, model.MaxNotes) + `"}`
		req, _ = http.NewRequest(http.MethodPost, b.base+"/api/v1/people", strings.NewReader(doc))
		req.Header.Set("Content-Type", "application/json")
		if r := b.do(req); r.status != http.StatusCreated {
			t.Fatalf("the API: %d %.500s", r.status, r.body)
		}
		saved("Bo Long")

		over := url.Values{"name": {"Cy Long"}, "notes": {note}, "pad": {strings.Repeat("x", maxFormBytes-len(form))}}.Encode()
		req, _ = http.NewRequest(http.MethodPost, b.base+"/people", strings.NewReader(over))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if r := b.do(req); len(over) <= maxFormBytes || r.status != http.StatusRequestEntityTooLarge {
			t.Errorf("a form of %d bytes (limit %d): %d", len(over), maxFormBytes, r.status)
		}
		req, _ = http.NewRequest(http.MethodPost, b.base+"/people", chunked{strings.NewReader(over)})
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if r := b.do(req); r.status != http.StatusRequestEntityTooLarge {
			t.Errorf("the same form chunked: %d", r.status)
		}
		if _, _, err := b.sc.ResolvePerson(ctx, "Cy Long"); err == nil {
			t.Error("a refused body saved a person")
		}
	})
}
