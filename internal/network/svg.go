package network

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/ally-dev/ally/internal/method"
)

// Colours are the warmths' fills. Each has a contrast of at least 3:1
// with the page in the light and the dark scheme alike (and with white),
// so one set serves both; the text beside each node says the warmth too.
var Colours = map[method.Warmth]string{
	method.WarmthHot:     "#d9482b",
	method.WarmthWarm:    "#a86e00",
	method.WarmthCooling: "#2f8a9e",
	method.WarmthCold:    "#6f7f95",
}

// The layout: one column per depth, left to right, one row per person.
const (
	colWidth  = 250
	rowHeight = 48
	margin    = 24
	labelMax  = 26 // characters of a name drawn; the title has it whole
	youWidth  = 64 // from you to the people you reached: no label between
)

// layout places the nodes as a tree turned on its side: one column per
// depth, one row per person, each person's suggestions on the rows below
// them, so no two edges cross and no edge runs under a name. You are on
// the first row, a short step left of the people you reached. It returns
// the number of rows and the number of columns after yours.
func (g *Graph) layout() (rows, cols int) {
	rows, cols = 1, 0
	var place func(n *Node)
	place = func(n *Node) {
		n.x = float64(margin + youWidth + (n.Depth-1)*colWidth)
		n.y = float64(margin + rows*rowHeight)
		rows++
		cols = max(cols, n.Depth)
		for _, c := range n.Suggested {
			place(c)
		}
	}
	for _, n := range g.People {
		place(n)
	}
	return rows, cols
}

// radius grows with the conversations had with a person.
func radius(n *Node) float64 { return 7 + 2*float64(min(n.Conversations, 5)) }

// SVGOptions says how the picture is written.
type SVGOptions struct {
	// Standalone writes a file of its own: the XML namespace, a white
	// background and dark text. Without it the picture is meant to sit
	// inside an HTML page, drawn in the page's text colour.
	Standalone bool
	// Link is where a person's node points; nil draws no links.
	Link func(id int64) string
}

// WriteSVG draws the graph: you on the left, each column a step further
// along the suggestions; a node's colour and its second line say its
// warmth, its shape the stage reached, its size how many conversations.
func (g *Graph) WriteSVG(w io.Writer, o SVGOptions) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	rows, cols := g.layout()
	width := margin*2 + youWidth + cols*colWidth
	height := margin + rows*rowHeight
	fmt.Fprintf(bw, `<svg class="network-svg" viewBox="0 0 %d %d" width="%d" height="%d" font-family="system-ui, sans-serif" font-size="14"`, width, height, width, height)
	if o.Standalone {
		bw.WriteString(` xmlns="http://www.w3.org/2000/svg" color="#1d2327" role="img" aria-labelledby="network-title"><title id="network-title">`)
		bw.WriteString(esc("Who led to whom: " + g.You + "’s network"))
		bw.WriteString(`</title><rect width="100%" height="100%" fill="#fff"/>`)
	} else {
		// The list beside the picture says the same to screen readers
		// and keyboards; the picture is for the eyes.
		bw.WriteString(` aria-hidden="true">`)
	}
	bw.WriteString(`<defs><marker id="suggested-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="currentColor"/></marker></defs>`)
	youX, youY := float64(margin), float64(margin)
	// Edges first, so the nodes sit on top of them.
	bw.WriteString(`<g fill="none" stroke="currentColor" stroke-width="1.5">`)
	// An edge leaves a node downwards and turns right into the person
	// it leads to.
	edge := func(x1, y1 float64, parentR float64, c *Node, dashed bool, title string) {
		fmt.Fprintf(bw, `<path d="M%s %sV%sH%s"`, num(x1), num(y1+parentR), num(c.y), num(c.x-radius(c)-2))
		if dashed {
			bw.WriteString(` stroke-dasharray="4 4"`)
		} else {
			bw.WriteString(` marker-end="url(#suggested-arrow)"`)
		}
		bw.WriteString(`><title>`)
		bw.WriteString(esc(title))
		bw.WriteString(`</title></path>`)
	}
	for _, n := range g.People {
		edge(youX, youY, 9, n, true, g.You+" → "+n.Name)
	}
	walk(g.People, func(n *Node) {
		for _, c := range n.Suggested {
			edge(n.x, n.y, radius(n), c, false, n.Name+" suggested "+c.Name)
		}
	})
	bw.WriteString(`</g>`)
	fmt.Fprintf(bw, `<g><circle cx="%s" cy="%s" r="9" fill="currentColor"/><text x="%s" y="%s" font-weight="bold" fill="currentColor">%s</text></g>`,
		num(youX), num(youY), num(youX+16), num(youY+5), esc(g.You))
	walk(g.People, func(n *Node) {
		href := ""
		if o.Link != nil {
			href = o.Link(n.ID)
		}
		switch {
		case href != "" && o.Standalone:
			fmt.Fprintf(bw, `<a href="%s">`, esc(href))
		case href != "":
			// Out of the tab order, as the picture is hidden from
			// screen readers: the list beside it has the same links.
			fmt.Fprintf(bw, `<a href="%s" tabindex="-1">`, esc(href))
		}
		cls := "node warmth-" + string(n.Warmth)
		if !n.InField {
			cls += " elsewhere"
		}
		fmt.Fprintf(bw, `<g class="%s"><title>%s</title>`, cls, esc(n.Name+": "+describe(n)))
		fill := Colours[n.Warmth]
		if !n.InField {
			fill = "none" // drawn only as the way to someone in the field
		}
		shape(bw, n, fill)
		tx := num(n.x + radius(n) + 6)
		fmt.Fprintf(bw, `<text x="%s" y="%s" fill="currentColor">%s</text>`, tx, num(n.y-2), esc(short(n.Name)))
		fmt.Fprintf(bw, `<text x="%s" y="%s" fill="currentColor" font-size="12">%s</text></g>`, tx, num(n.y+14), esc(subline(n)))
		if href != "" {
			bw.WriteString(`</a>`)
		}
	})
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

// shape draws a node's mark: a circle before any conversation, a triangle
// for an idea, a diamond once requested, a square once held, a hexagon
// while keeping in touch.
func shape(w *bufio.Writer, n *Node, fill string) {
	r, x, y := radius(n), n.x, n.y
	stroke := `stroke="currentColor" stroke-width="1.5"`
	switch n.Stage {
	case method.StageIdea:
		fmt.Fprintf(w, `<path d="M%s %sL%s %sL%s %sz" fill="%s" %s/>`, num(x-r), num(y-r), num(x+r), num(y), num(x-r), num(y+r), fill, stroke)
	case method.StageRequested:
		fmt.Fprintf(w, `<path d="M%s %sL%s %sL%s %sL%s %sz" fill="%s" %s/>`, num(x), num(y-r), num(x+r), num(y), num(x), num(y+r), num(x-r), num(y), fill, stroke)
	case method.StageHeld:
		s := r * 0.85
		fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" %s/>`, num(x-s), num(y-s), num(2*s), num(2*s), fill, stroke)
	case method.StageKeepingInTouch:
		h := r * 0.866
		fmt.Fprintf(w, `<path d="M%s %sL%s %sL%s %sL%s %sL%s %sL%s %sz" fill="%s" %s/>`,
			num(x-r), num(y), num(x-r/2), num(y-h), num(x+r/2), num(y-h), num(x+r), num(y), num(x+r/2), num(y+h), num(x-r/2), num(y+h), fill, stroke)
	default:
		fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="%s" fill="%s" %s/>`, num(x), num(y), num(r*0.85), fill, stroke)
	}
}

// subline is the node's second line: warmth and stage in words.
func subline(n *Node) string {
	s := string(n.Warmth) + " · " + n.Stage.Label()
	if !n.InField {
		s += " · other field"
	}
	return s
}

// describe says everything a node shows, in words.
func describe(n *Node) string {
	s := subline(n)
	switch n.Conversations {
	case 0:
	case 1:
		s += " · 1 conversation"
	default:
		s += " · " + strconv.Itoa(n.Conversations) + " conversations"
	}
	if k := len(n.Suggested); k > 0 {
		s += " · suggested " + strconv.Itoa(k)
	}
	return s
}

// Describe is a person's line in words, as the list beside the picture
// and the CLI print it.
func (n *Node) Describe() string { return describe(n) }

func short(s string) string {
	if utf8.RuneCountInString(s) <= labelMax {
		return s
	}
	r := []rune(s)
	return string(r[:labelMax-1]) + "…"
}

func esc(s string) string { return html.EscapeString(s) }

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
