package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/spf13/cobra"
)

func (a *app) centerFiguresCommand() *cobra.Command {
	var term, from, to, by string
	cmd := &cobra.Command{
		Use:   "figures",
		Short: "What the program achieved with the requests sent in a term or between two days",
		Long: `Count the requests students sent in the period and what came of them:
answered, accepted, declined, expired, withdrawn, held, no-shows, the time to a
first answer, thank-yous within 12 hours, report-backs, students reached and
volunteers asked (most and least), ratings both ways, and the fields where
requests outran the volunteers' capacity. --by adds a row per field (every
field the volunteers offer, also one no request asked about), major,
graduation year, first-generation flag (first_gen: yes or no) or month (every
month of the period). By major, graduation year or first_gen each row has the
students of its group and the share reached, and the students whose profile
does not record it are a row of their own, "Not recorded" (its key is null in
--json, so that no major or year can share it). The period is a term (` + "`ally center term list`" + `), or --from and
--to days (both included), or by default the current term, else the last 90 days.`,
		Example: "  ally center figures\n  ally center figures --term \"Fall 2026\" --by field --json\n  ally center figures --from 2026-09-01 --to 2026-09-30",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if _, err := center.ParseGrouping(by); err != nil {
				return usageError{fmt.Errorf("--by takes %s, not %q", strings.Join(center.Groupings(), ", "), by)}
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			set, err := a.st.CenterRules(ctx)
			if err != nil {
				return err
			}
			terms, err := a.st.Terms(ctx)
			if err != nil {
				return err
			}
			p, err := center.ChoosePeriod(terms, term, from, to, a.now(), set.Location())
			if err != nil {
				return err
			}
			f, err := a.st.CenterFigures(ctx, set, p.From, p.To, a.now(), by)
			if err != nil {
				return err
			}
			return a.emit(center.Report{Period: p, Figures: f}, func(w io.Writer) {
				title := p.First.String() + " to " + p.Last.String()
				if p.Term != "" {
					title = p.Term + ": " + title
				}
				fmt.Fprintln(w, title)
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				for _, c := range append(center.FigureColumns(), center.RosterColumns()...) {
					fmt.Fprintf(tw, "  %s\t%s\n", c.Head, c.Value(f))
				}
				tw.Flush()
				for _, l := range []struct {
					head string
					as   []center.Asked
				}{{"Most asked", f.MostAsked}, {"Least asked", f.LeastAsked}} {
					if len(l.as) == 0 {
						continue
					}
					names := make([]string, len(l.as))
					for i, a := range l.as {
						names[i] = fmt.Sprintf("%s (%d)", a.Name, a.Requests)
					}
					fmt.Fprintf(w, "  %s: %s\n", l.head, strings.Join(names, ", "))
				}
				if len(f.DemandOutrunsSupply) > 0 {
					short := make([]string, len(f.DemandOutrunsSupply))
					for i, d := range f.DemandOutrunsSupply {
						short[i] = fmt.Sprintf("%s (%d requests, room for %d)", d.Field, d.Requests, d.Capacity)
					}
					fmt.Fprintf(w, "  Demand outruns supply: %s\n", strings.Join(short, ", "))
				}
				if len(f.By) == 0 {
					return
				}
				fmt.Fprintln(w)
				tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				// The figures shown per group (the JSON has them all).
				byFieldHeads := []string{"Requests sent", "Accepted", "Held", "Median hours to answer", "Thanked within 12 h", "Students reached"}
				var cols []center.FigureColumn
				for _, c := range center.FigureColumns() {
					if slices.Contains(byFieldHeads, c.Head) {
						cols = append(cols, c)
					}
				}
				fmt.Fprint(tw, center.GroupingLabel(by))
				for _, c := range cols {
					fmt.Fprintf(tw, "\t%s", c.Head)
				}
				fmt.Fprintln(tw)
				for _, g := range f.By {
					fmt.Fprint(tw, g.Label)
					for _, c := range cols {
						fmt.Fprintf(tw, "\t%s", c.Value(g.Figures))
					}
					fmt.Fprintln(tw)
				}
				tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&term, "term", "", "a term's name")
	cmd.Flags().StringVar(&from, "from", "", "the first day (YYYY-MM-DD)")
	cmd.Flags().StringVar(&to, "to", "", "the last day, included (YYYY-MM-DD; default today)")
	cmd.Flags().StringVar(&by, "by", "", "field, major, grad_year, first_gen or month: a row of figures per group")
	return cmd
}

func (a *app) centerTermCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "term",
		Short: "The center's terms, which figures are counted over",
	}
	var start, end string
	add := &cobra.Command{
		Use:     "add NAME --start DAY --end DAY",
		Short:   "Add a term: its name, first and last day",
		Example: "  ally center term add \"Fall 2026\" --start 2026-09-01 --end 2026-12-20",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ctx := cmd.Context()
			if start == "" || end == "" {
				return usageError{fmt.Errorf("term add needs --start and --end (YYYY-MM-DD)")}
			}
			t := center.Term{Name: argv[0]}
			var err error
			if t.Start, err = center.ParseDay("start", start); err != nil {
				return err
			}
			if t.End, err = center.ParseDay("end", end); err != nil {
				return err
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			if t, err = a.st.AddTerm(ctx, t, model.CLIActor(), a.now()); err != nil {
				return err
			}
			return a.emit(t, func(w io.Writer) { fmt.Fprintf(w, "Added the term %s: %s to %s.\n", t.Name, t.Start, t.End) })
		},
	}
	add.Flags().StringVar(&start, "start", "", "the first day (YYYY-MM-DD)")
	add.Flags().StringVar(&end, "end", "", "the last day, included (YYYY-MM-DD)")
	list := &cobra.Command{
		Use:   "list",
		Short: "List the terms, earliest first",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			terms, err := a.st.Terms(ctx)
			if err != nil {
				return err
			}
			if terms == nil {
				terms = []center.Term{}
			}
			return a.emit(terms, func(w io.Writer) {
				if len(terms) == 0 {
					fmt.Fprintln(w, "No term yet: add one with `ally center term add NAME --start DAY --end DAY`.")
					return
				}
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "NAME\tFIRST DAY\tLAST DAY")
				for _, t := range terms {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Name, t.Start, t.End)
				}
				tw.Flush()
			})
		},
	}
	cmd.AddCommand(add, list)
	return cmd
}
