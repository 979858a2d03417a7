package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"

	"github.com/ally-dev/ally/internal/markdown"
)

//go:embed templates/report.html
var templates embed.FS

// HTMLRenderer writes reports as HTML. It is safe for concurrent use; make
// one and keep it (a server would put it in its dependencies).
type HTMLRenderer struct {
	md   *markdown.Renderer
	tmpl *template.Template
}

// NewHTMLRenderer parses the report's template.
func NewHTMLRenderer() (*HTMLRenderer, error) {
	h := &HTMLRenderer{md: markdown.New(markdown.Bold)}
	var err error
	h.tmpl, err = template.New("report.html").Funcs(template.FuncMap{
		"notes": h.Notes,
		"add":   func(a, b int) int { return a + b },
		"list":  func(v ...any) []any { return v },
		"yesno": func(b *bool) string {
			switch {
			case b == nil:
				return "—"
			case *b:
				return "yes"
			}
			return "no"
		},
	}).ParseFS(templates, "templates/report.html")
	if err != nil {
		return nil, fmt.Errorf("report template: %w", err)
	}
	return h, nil
}

// Notes renders the user's Markdown notes as safe HTML; their headings
// become bold paragraphs, since notes sit inside the report's sections.
func (h *HTMLRenderer) Notes(md string) template.HTML { return h.md.HTML(md) }

// Page writes the report as a self-contained HTML page, with its own small
// style sheet made for printing (landscape, table headers repeated on every
// page, rows kept whole).
func (h *HTMLRenderer) Page(w io.Writer, r *Report) error {
	return h.tmpl.ExecuteTemplate(w, "page", r)
}

// Section writes the report's body alone, without page or style sheet, for
// a page that shows it among other things (the field page). Its headings
// start at h2.
func (h *HTMLRenderer) Section(w io.Writer, r *Report) error {
	return h.tmpl.ExecuteTemplate(w, "section", r)
}

// HTML writes the report as a self-contained HTML page (see
// HTMLRenderer.Page).
func (r *Report) HTML(w io.Writer) error {
	h, err := NewHTMLRenderer()
	if err != nil {
		return err
	}
	return h.Page(w, r)
}
