package web

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

// markdown turns the user's notes into safe HTML. goldmark leaves raw HTML
// out, and bluemonday's policy for user content then removes anything that
// could still run script or restyle the page: two locks, not one.
type markdown struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

func newMarkdown() *markdown {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(headingShift{}, 100))),
	)
	policy := bluemonday.UGCPolicy()
	policy.AllowAttrs("type", "checked", "disabled").OnElements("input")
	policy.RequireNoReferrerOnLinks(true)
	return &markdown{md: md, policy: policy}
}

// render returns the notes as HTML; empty notes give "".
func (m *markdown) render(src string) template.HTML {
	if src == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := m.md.Convert([]byte(src), &buf); err != nil {
		// goldmark fails only on write errors, which a buffer does not make;
		// fall back to the escaped text rather than lose the notes.
		return template.HTML("<p>" + template.HTMLEscapeString(src) + "</p>")
	}
	return template.HTML(m.policy.SanitizeBytes(buf.Bytes()))
}

// headingShift moves the notes' headings down so that the highest is an
// h3: notes sit under a page's h2, and "# Ideas" must not become a second
// page title nor skip a level.
type headingShift struct{}

func (headingShift) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	top := 7
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			top = min(top, h.Level)
		}
		return ast.WalkContinue, nil
	})
	if top > 6 {
		return
	}
	shift := 3 - top
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(6, max(3, h.Level+shift))
		}
		return ast.WalkContinue, nil
	})
}
