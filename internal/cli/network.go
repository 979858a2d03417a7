package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/network"
)

func (a *app) networkCommand() *cobra.Command {
	var field, format, out, base string
	cmd := &cobra.Command{
		Use:   "network",
		Short: "Who led to whom: your referral chains, each person's warmth and stage",
		Long: `Network shows the people you reached yourself, whom each of them suggested,
and so on, the same graph as the web's network page. Each person has a
warmth (hot: in touch within a third of your keep-in-touch interval; warm:
within it; cooling: within twice it; cold: longer, or never) and the stage
their conversations reached (idea, requested, held, keeping in touch).

--format text (the default) prints the chains as an indented tree with the
figures; svg draws the picture (links point to --base-url, else the address
"ally serve" last ran at); dot writes it for Graphviz ("dot -Tpng"); json is
the graph as data, as --json gives it.`,
		Example: "  ally network\n  ally network --field \"Public policy\" --format svg -o policy.svg\n  ally network --format dot | dot -Tpng -o network.png",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			switch format {
			case "text", "svg", "dot", "json":
			default:
				return usageError{fmt.Errorf("--format must be text, svg, dot or json, not %q", format)}
			}
			if err := a.open(ctx); err != nil {
				return err
			}
			var fieldID int64
			if field != "" {
				id, _, err := a.sc.ResolveField(ctx, field)
				if err != nil {
					return err
				}
				fieldID = id
			}
			g, err := network.Load(ctx, a.sc, fieldID, a.now())
			if err != nil {
				return err
			}
			if a.jsonOut && out == "" {
				format = "json"
			}
			var link func(int64) string
			if format == "svg" || format == "dot" {
				u, err := a.baseURL(ctx, base)
				if err != nil {
					return err
				}
				link = func(id int64) string { return strings.TrimSuffix(u, "/") + "/people/" + strconv.FormatInt(id, 10) }
			}
			return a.writeExport(out, 0, func(w io.Writer) error {
				switch format {
				case "svg":
					return g.WriteSVG(w, network.SVGOptions{Standalone: true, Link: link})
				case "dot":
					return g.WriteDOT(w, link)
				case "json":
					enc := json.NewEncoder(w)
					enc.SetIndent("", "  ")
					return enc.Encode(g)
				}
				printNetwork(w, g)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&field, "field", "", "only the people of this career field, and those who lead to them")
	cmd.Flags().StringVar(&format, "format", "text", "text, svg, dot or json")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().StringVar(&base, "base-url", "", "where the picture's links point (default: where ally serve last ran)")
	return cmd
}

// printNetwork writes the chains as an indented tree, then the figures.
func printNetwork(w io.Writer, g *network.Graph) {
	if len(g.People) == 0 {
		if g.Field != "" {
			fmt.Fprintf(w, "Nobody in %s yet.\n", g.Field)
		} else {
			fmt.Fprintln(w, `No people yet. Add someone you could talk to: ally person add "NAME"`)
		}
		return
	}
	fmt.Fprintln(w, g.You)
	var tree func(nodes []*network.Node, indent string)
	tree = func(nodes []*network.Node, indent string) {
		for i, n := range nodes {
			branch, next := "├─ ", "│  "
			if i == len(nodes)-1 {
				branch, next = "└─ ", "   "
			}
			fmt.Fprintf(w, "%s%s%s (#%d): %s\n", indent, branch, n.Name, n.ID, n.Describe())
			tree(n.Suggested, indent+next)
		}
	}
	tree(g.People, "")
	if g.Quiet > 0 {
		fmt.Fprintf(w, "…and %s you know directly, with no conversation yet and who suggested nobody.\n", countWords(g.Quiet, "person", "people"))
	}
	f := g.Figures
	fmt.Fprintf(w, "\nReferral depth: %s in a row at most", countWords(f.ReferralDepth, "suggestion", "suggestions"))
	if f.Held > 0 {
		fmt.Fprintf(w, "; a conversation held %s from you", countWords(f.HeldDepth, "step", "steps"))
	}
	fmt.Fprintf(w, ".\nConversations held: %d", f.Held)
	if f.Held > 0 {
		for i, sh := range f.HeldBySource {
			sep := ", "
			if i == 0 {
				sep = " ("
			}
			fmt.Fprintf(w, "%s%s %d (%s)", sep, sh.Group, sh.Count, percent(sh.Share))
		}
		fmt.Fprint(w, ")")
	}
	fmt.Fprintln(w, ".")
	fmt.Fprintln(w)
	printStats(w, f.Outreach)
}
