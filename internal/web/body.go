package web

import (
	"net/http"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/photo"
)

// The most a request body may hold. A form or a JSON document carries at
// most one long text (a note, up to model.MaxNotes characters) beside
// short fields; only the routes that take a file read more, each up to
// its file's limit and a little for the rest of the form.
const (
	// maxTextEncoded is the longest text a field allows as a form or a
	// JSON document sends it at worst: a 4-byte character is 12 bytes
	// percent-encoded (%F0%9F%98%80), and 12 as a JSON surrogate pair
	// (\ud83d\ude00).
	maxTextEncoded = 12 * model.MaxNotes
	// maxFormBytes is that text and 1 MiB for the rest of the form, so
	// that a note the note's own limit allows is never refused as a body.
	maxFormBytes   = maxTextEncoded + 1<<20
	maxImportBody  = maxImportBytes + 1<<20
	maxPhotoUpload = photo.MaxUpload + 64<<10
)

// bodyLimit is the most r's body may hold, and whether r is an upload,
// whose handler says what is wrong on its own form.
func bodyLimit(r *http.Request) (limit int64, upload bool) {
	if r.Method == http.MethodPost {
		switch r.URL.Path {
		case "/import", "/center/import":
			return maxImportBody, true
		case "/profile/photo":
			return maxPhotoUpload, true
		}
	}
	return maxFormBytes, false
}

// limitBodies reads every request's body through http.MaxBytesReader, so
// that no handler can be made to read (or to spool to disk, as
// Request.FormValue does with a multipart body) more than its route takes.
// A body declared larger than that is refused at once with 413 and the
// usual error page or JSON; a chunked one fails when read past the limit,
// which parseForm and decodeJSON answer with 413 too.
func (s *server) limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hasBody(r) {
			limit, upload := bodyLimit(r)
			if r.ContentLength > limit && !upload {
				if isAPI(r) {
					s.writeAPIError(w, r, errTooLarge)
				} else {
					s.pageError(w, r, errTooLarge)
				}
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}
