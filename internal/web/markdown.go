package web

import (
	"html/template"

	mdown "github.com/ally-dev/ally/internal/markdown"
)

// markdown renders the user's notes on the pages, headings from h3 (see
// internal/markdown, which the field report shares).
type markdown struct{ r *mdown.Renderer }

func newMarkdown() *markdown { return &markdown{r: mdown.New(mdown.FromH3)} }

// render returns the notes as safe HTML; empty notes give "".
func (m *markdown) render(src string) template.HTML { return m.r.HTML(src) }
