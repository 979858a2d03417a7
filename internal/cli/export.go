package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/interop"
)

func (a *app) exportCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Give your data back: vCard or CSV contacts, or everything as JSON",
		Long: `Write your people as vCard 4.0 or as a CSV spreadsheet, or every record
you have as one JSON document (see docs/export-format.md) that "ally import
json" restores. Output goes to standard output, or with -o to a file,
written whole or not at all.`,
	}
	cmd.AddCommand(a.exportCardsCommand("vcard", "Your people as vCard 4.0, for phones and address books",
		"  ally export vcard -o ally.vcf\n  ally export vcard --field \"Public policy\" -o policy.vcf", interop.WriteVCards))
	cmd.AddCommand(a.exportCardsCommand("csv", "Your people as a CSV spreadsheet, one row each (Google Contacts columns)",
		"  ally export csv -o people.csv", interop.WriteCSV))
	cmd.AddCommand(a.exportJSONCommand())
	return cmd
}

// exportOut is what an export to a file prints.
type exportOut struct {
	File   string `json:"file"`
	People int    `json:"people,omitempty"`
	Bytes  int    `json:"bytes"`
}

func (a *app) exportCardsCommand(name, short, example string, write func(io.Writer, []interop.Card) error) *cobra.Command {
	var field, out string
	cmd := &cobra.Command{
		Use:     name,
		Short:   short,
		Example: example,
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
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
			cards, err := a.sc.Cards(ctx, fieldID)
			if err != nil {
				return err
			}
			return a.writeExport(out, len(cards), func(w io.Writer) error { return write(w, cards) })
		},
	}
	cmd.Flags().StringVar(&field, "field", "", "only the people in this career field")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	return cmd
}

func (a *app) exportJSONCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "json",
		Short: "Everything you have in Ally as one JSON document, for backups and moving",
		Long: `Write every record you have in Ally as one versioned JSON document:
people with their fields, tags and photos, organizations, career fields,
conversations with their steps, activities, notes, agenda marks, templates
and sent messages, questions, guides and captures, your settings and your
calendar feed. "ally import json" restores it into an empty database
exactly. The format is described in docs/export-format.md.`,
		Example: "  ally export json -o backup.json",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			return a.writeExport(out, 0, func(w io.Writer) error { return a.sc.Export(ctx, w, a.now()) })
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	return cmd
}

// writeExport writes to standard output, or to the file out: into a
// temporary file beside it that replaces it only once complete, so a
// failed export never leaves half a file or spoils an earlier one.
func (a *app) writeExport(out string, people int, write func(io.Writer) error) error {
	if out == "" || out == "-" {
		return write(a.env.Stdout)
	}
	n, err := writeFileAtomic(out, write)
	if err != nil {
		return err
	}
	o := exportOut{File: out, People: people, Bytes: n}
	return a.emit(o, func(w io.Writer) {
		if people > 0 {
			fmt.Fprintf(w, "Wrote %s to %s.\n", countWords(people, "person", "people"), out)
		} else {
			fmt.Fprintf(w, "Wrote %s (%d bytes).\n", out, n)
		}
	})
}

func writeFileAtomic(path string, write func(io.Writer) error) (int, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	cw := &countingWriter{w: tmp}
	if err := write(cw); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	return cw.n, nil
}

type countingWriter struct {
	w io.Writer
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}
