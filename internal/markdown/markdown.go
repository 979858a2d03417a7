// Package markdown turns the user's Markdown notes into safe HTML, for the
// web pages and the field report alike. goldmark leaves raw HTML out, and
// bluemonday's policy for user content then removes anything that could
// still run script or restyle the page: two locks, not one.
package markdown

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Headings says what becomes of the headings in the notes, which sit
// inside a page's own sections.
type Headings int

const (
	// FromH3 moves the headings down so that the highest is an h3: notes
	// sit under a page's h2, and "# Ideas" must not become a second page
	// title nor skip a level.
	FromH3 Headings = iota
	// Bold turns headings into bold paragraphs, for a report whose
	// structure is its own.
	Bold
)

// Renderer renders notes. It is safe for concurrent use; make one and keep
// it.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// New makes a renderer that treats headings as h says.
func New(h Headings) *Renderer {
	var tr parser.ASTTransformer = headingShift{}
	if h == Bold {
		tr = headingsToBold{}
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(tr, 100))),
	)
	policy := bluemonday.UGCPolicy()
	policy.AllowAttrs("type", "checked", "disabled").OnElements("input") // task lists
	policy.RequireNoReferrerOnLinks(true)
	return &Renderer{md: md, policy: policy}
}

// HTML returns the notes as safe HTML; empty notes give "".
func (r *Renderer) HTML(src string) template.HTML {
	if src == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(src), &buf); err != nil {
		// goldmark fails only on write errors, which a buffer does not make;
		// fall back to the escaped text rather than lose the notes.
		return template.HTML("<p>" + template.HTMLEscapeString(src) + "</p>")
	}
	return template.HTML(r.policy.SanitizeBytes(buf.Bytes()))
}

type headingShift struct{}

func (headingShift) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	top := 7
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			top = min(top, h.Level)
		}
		return ast.WalkContinue, nil
	})
	if top > 6 {
		return
	}
	shift := 3 - top
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(6, max(3, h.Level+shift))
		}
		return ast.WalkContinue, nil
	})
}

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
