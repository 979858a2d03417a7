package cli

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/report"
)

// fieldReportCommand is `ally field report`.
func (a *app) fieldReportCommand() *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "report FIELD",
		Short: "What a field taught you: conversations side by side by topic, skill words, referrals (Markdown or HTML)",
		Long: `Report puts every held conversation of a field side by side, one row per
topic and one column per person, with the topics nobody covered yet, how many
perspectives you have against the field's target (one or two conversations
mislead), the skill words you heard (for your resume), the terms still to
clarify, the resources suggested and the referrals you were given, with what
became of them.

--format md (the default) reads well as plain text; --format html is a page
that prints well (landscape). --json prints the report's data.`,
		Example: `  ally field report "Public policy"
  ally field report "Public policy" --format html -o policy.html`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if format != "md" && format != "markdown" && format != "html" {
				return usageError{fmt.Errorf("--format must be md or html, not %q", format)}
			}
			if err := a.open(ctx); err != nil {
				return err
			}
			id, _, err := a.sc.ResolveField(ctx, as[0])
			if err != nil {
				return err
			}
			in, err := report.Load(ctx, a.sc, id, a.now(), a.loc)
			if err != nil {
				return err
			}
			r := report.Build(in)
			if a.jsonOut {
				return a.emit(r, nil)
			}
			var b bytes.Buffer
			if format == "html" {
				err = r.HTML(&b)
			} else {
				err = r.Markdown(&b)
			}
			if err != nil {
				return fmt.Errorf("write the report: %w", err)
			}
			if output == "" || output == "-" {
				_, err = a.env.Stdout.Write(b.Bytes())
				return err
			}
			if err := os.WriteFile(output, b.Bytes(), 0o644); err != nil {
				return model.Invalid("output", "%v", err)
			}
			fmt.Fprintf(a.env.Stdout, "Wrote the report on %s to %s.\n", in.Field.Name, output)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "md", "md or html")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	return cmd
}
