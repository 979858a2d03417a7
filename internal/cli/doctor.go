package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// doctorReport is what `ally doctor` found.
type doctorReport struct {
	StaleActions []string `json:"stale_actions"`
	Rebuilt      bool     `json:"rebuilt"`
}

func (a *app) doctorCommand() *cobra.Command {
	var rebuild bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check that the stored next actions match your records, and rebuild them",
		Long: `Ally keeps your next actions stored and updates them with every change you
make. Doctor computes them again from your records and says whether any stored
action differs; --rebuild-actions derives every one of them again (after a
restore by hand, or when doctor finds a difference). Exits 1 when a difference
is left.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			var rep doctorReport
			if rebuild {
				if err := a.sc.RebuildActions(ctx); err != nil {
					return err
				}
				rep.Rebuilt = true
			}
			stale, err := a.sc.CheckActions(ctx, a.now())
			if err != nil {
				return err
			}
			rep.StaleActions = append([]string{}, stale...)
			if err := a.emit(rep, func(w io.Writer) { printDoctor(w, rep) }); err != nil {
				return err
			}
			if len(stale) > 0 {
				return fmt.Errorf("%d stored next actions differ from your records; run: ally doctor --rebuild-actions", len(stale))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&rebuild, "rebuild-actions", false, "derive every next action again from your records")
	return cmd
}

func printDoctor(w io.Writer, rep doctorReport) {
	if rep.Rebuilt {
		fmt.Fprintln(w, "Rebuilt the next actions from your records.")
	}
	if len(rep.StaleActions) == 0 {
		fmt.Fprintln(w, "The stored next actions match your records.")
		return
	}
	fmt.Fprintf(w, "Stored next actions that differ from your records: %s\n", strings.Join(rep.StaleActions, ", "))
}
