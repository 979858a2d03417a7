package web

import (
	"bytes"
	"context"
	"html/template"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/ally-dev/ally/internal/report"
	"github.com/ally-dev/ally/internal/store"
)

// What each field taught: the report's section on the field page, and the
// whole report to download as Markdown or as an HTML page that prints well.

// fieldTaught draws the field report's section for the field page.
func (s *server) fieldTaught(ctx context.Context, sc *store.Scope, fieldID int64, loc *time.Location) (template.HTML, error) {
	in, err := report.Load(ctx, sc, fieldID, s.now(), loc)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := s.ui.report.Section(&b, report.Build(in)); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// reportCSP lets the downloaded report page use its own inline style
// sheet, and nothing else: it has no script and loads nothing.
const reportCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func (s *server) fieldReportMarkdown(w http.ResponseWriter, r *http.Request) {
	s.fieldReport(w, r, "md")
}

func (s *server) fieldReportHTML(w http.ResponseWriter, r *http.Request) {
	s.fieldReport(w, r, "html")
}

func (s *server) fieldReport(w http.ResponseWriter, r *http.Request, format string) {
	sc := s.scope(r)
	id, err := pathID(r, "field")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in, err := report.Load(r.Context(), sc, id, s.now(), loc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rep := report.Build(in)
	var b bytes.Buffer
	h := w.Header()
	if format == "html" {
		err = s.ui.report.Page(&b, rep)
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", reportCSP)
	} else {
		err = rep.Markdown(&b)
		h.Set("Content-Type", "text/markdown; charset=utf-8")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": reportFilename(in.Field.Name, format)}))
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	w.Write(b.Bytes())
}

// reportFilename names a field's report file: "what-public-policy-taught.md".
func reportFilename(field, ext string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(field) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	name := strings.TrimSuffix(b.String(), "-")
	if name == "" {
		name = "field"
	}
	return "what-" + name + "-taught." + ext
}
