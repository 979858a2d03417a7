package network

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/ally-dev/ally/internal/method"
)

// dotShapes are Graphviz's names for the stages' shapes in the SVG.
var dotShapes = map[method.Stage]string{
	method.StageNone:           "circle",
	method.StageIdea:           "triangle",
	method.StageRequested:      "diamond",
	method.StageHeld:           "box",
	method.StageKeepingInTouch: "hexagon",
}

// WriteDOT writes the graph for Graphviz (`dot -Tpng`), left to right as
// on the page, with the same colours and shapes; link, when not nil,
// gives each person's URL.
func (g *Graph) WriteDOT(w io.Writer, link func(id int64) string) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("digraph network {\n\trankdir=LR;\n\tnode [style=filled, fontname=\"sans-serif\", fontsize=11];\n")
	fmt.Fprintf(bw, "\tyou [label=%s, shape=doublecircle, fillcolor=\"#1d2327\", fontcolor=\"#ffffff\"];\n", quote(g.You))
	walk(g.People, func(n *Node) {
		fill := Colours[n.Warmth]
		style := "filled"
		if !n.InField {
			style = "dashed"
		}
		fmt.Fprintf(bw, "\tp%d [label=%s, shape=%s, style=%s, fillcolor=%q", n.ID, quote(n.Name+"\n"+subline(n)), dotShapes[n.Stage], style, fill)
		if link != nil {
			fmt.Fprintf(bw, ", URL=%s", quote(link(n.ID)))
		}
		bw.WriteString("];\n")
	})
	for _, n := range g.People {
		fmt.Fprintf(bw, "\tyou -> p%d [style=dashed];\n", n.ID)
	}
	walk(g.People, func(n *Node) {
		for _, c := range n.Suggested {
			fmt.Fprintf(bw, "\tp%d -> p%d [label=\"suggested\"];\n", n.ID, c.ID)
		}
	})
	bw.WriteString("}\n")
	return bw.Flush()
}

// quote is a DOT string: quotes and backslashes escaped, line breaks as \n.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "", "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
