package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

//go:embed templates/report.html
var templates embed.FS

// HTMLRenderer writes reports as HTML. It is safe for concurrent use; make
// one and keep it (a server would put it in its dependencies).
type HTMLRenderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
	tmpl   *template.Template
}

// NewHTMLRenderer parses the report's template.
func NewHTMLRenderer() (*HTMLRenderer, error) {
	h := &HTMLRenderer{
		// goldmark leaves raw HTML out of the notes and bluemonday's
		// policy for user content removes anything else that could run
		// script: two locks, not one.
		md: goldmark.New(
			goldmark.WithExtensions(extension.GFM),
			goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(headingsToBold{}, 100))),
		),
		policy: bluemonday.UGCPolicy().RequireNoReferrerOnLinks(true),
	}
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
func (h *HTMLRenderer) Notes(md string) template.HTML {
	if md == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := h.md.Convert([]byte(md), &buf); err != nil {
		// goldmark fails only when writing fails, which a buffer does
		// not; keep the notes as escaped text rather than lose them.
		return template.HTML("<p>" + template.HTMLEscapeString(md) + "</p>")
	}
	return template.HTML(h.policy.SanitizeBytes(buf.Bytes()))
}

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

// headingsToBold turns the headings of the user's notes into bold
// paragraphs.
type headingsToBold struct{}

func (headingsToBold) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			headings = append(headings, h)
		}
		return ast.WalkContinue, nil
	})
	for _, h := range headings {
		p := ast.NewParagraph()
		strong := ast.NewEmphasis(2)
		for c := h.FirstChild(); c != nil; {
			next := c.NextSibling()
			strong.AppendChild(strong, c)
			c = next
		}
		p.AppendChild(p, strong)
		h.Parent().ReplaceChild(h.Parent(), h, p)
	}
}
