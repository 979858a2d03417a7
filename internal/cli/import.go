package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/store"
)

// listLimit is how many entries of each list an import prints as text;
// --json gives the first store.ImportListMax.
const listLimit = 20

func (a *app) importCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Bring contacts in (LinkedIn, vCard, Google) or restore a JSON export",
		Long: `Bring contacts in from LinkedIn's Connections.csv, a vCard file or a Google
Contacts CSV, or restore everything from an export made by "ally export json".

Contacts are matched with the people you have by profile address, then
e-mail, then name and organization: new people are added, known ones get
only the fields that change (an empty value in the file never erases
anything), and the same person twice in the file is listed once. A row or
card that cannot be read (no name, text that is not UTF-8...) is listed
with its line and left out. Nothing is written until the whole file has
been read; a file that cannot be imported (of another kind, or wholly in
another encoding than UTF-8) leaves everything as it was. Importing the
same file again changes nothing.

Use --dry-run first to see what an import would do.`,
	}
	for _, f := range store.ImportFormats() {
		cmd.AddCommand(a.importContactsCommand(f))
	}
	cmd.AddCommand(a.importJSONCommand())
	return cmd
}

func (a *app) importContactsCommand(f store.ImportFormat) *cobra.Command {
	var dryRun bool
	examples := map[store.ImportFormat]string{
		store.ImportLinkedIn: "  ally import linkedin ~/Downloads/Connections.csv --dry-run\n  ally import linkedin ~/Downloads/Connections.csv",
		store.ImportVCard:    "  ally import vcard contacts.vcf --dry-run",
		store.ImportGoogle:   "  ally import google contacts.csv --dry-run",
	}
	what := map[store.ImportFormat]string{
		store.ImportLinkedIn: `LinkedIn's Connections.csv (Settings › Data privacy › Get a copy of your
data). Company becomes the organization (made when unknown), Position the
role, Connected On a note "Connected on LinkedIn" on that day; the source is
social. LinkedIn's organization and position replace older ones, as jobs
change.`,
		store.ImportVCard: `a vCard file (2.1, 3.0 or 4.0, as phones, Outlook, Google and Apple write
them). CATEGORIES become tags; a photo is kept as the person's picture.`,
		store.ImportGoogle: `a Google Contacts CSV export (current or legacy format). Labels become
tags.`,
	}
	cmd := &cobra.Command{
		Use:     string(f) + " FILE",
		Short:   "Import " + f.Label() + " (FILE, or - for standard input)",
		Long:    "Import " + what[f],
		Example: examples[f],
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			name := as[0]
			r, done, err := a.openInput(name, "Reading "+filepath.Base(name))
			if err != nil {
				return err
			}
			defer done()
			run := a.sc.ApplyImport
			if dryRun {
				run = a.sc.PreviewImport
			}
			p, err := run(ctx, f, r, a.now())
			done()
			if err != nil {
				return fmt.Errorf("%s: %w", displayName(name), err)
			}
			return a.emit(p, func(w io.Writer) { printImport(w, displayName(name), p) })
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "show what the import would do, and change nothing")
	return cmd
}

func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

// openInput opens FILE, or standard input for "-". On a terminal, a file
// large enough to take a while shows a progress bar on standard error as
// it is read. done closes the file and clears the bar; it may be called
// more than once.
func (a *app) openInput(name, label string) (io.Reader, func(), error) {
	if name == "-" {
		return a.env.Stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if st.IsDir() {
		f.Close()
		return nil, nil, fmt.Errorf("%s is a folder; give the file inside it", name)
	}
	closed := false
	var bar *progressbar.ProgressBar
	done := func() {
		if closed {
			return
		}
		closed = true
		if bar != nil {
			bar.Finish()
			bar.Clear()
		}
		f.Close()
	}
	const large = 1 << 20
	if st.Mode().IsRegular() && st.Size() >= large && isTerminal(a.env.Stderr) {
		bar = progressbar.NewOptions64(st.Size(),
			progressbar.OptionSetWriter(a.env.Stderr),
			progressbar.OptionSetDescription(label),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		r := progressbar.NewReader(f, bar)
		return &r, done, nil
	}
	return f, done, nil
}

// isTerminal reports whether w is a terminal (a character device), where a
// progress bar belongs; a file or a pipe gets none.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && f.Name() != os.DevNull
}

func printImport(w io.Writer, name string, p *store.ImportPreview) {
	if p.Applied {
		fmt.Fprintf(w, "Imported %s (%s): %s added, %s updated, %d unchanged.\n", name, p.Format.Label(),
			countWords(p.NewCount, "person", "people"), countWords(p.UpdateCount, "person", "people"), p.Unchanged)
	} else {
		fmt.Fprintf(w, "Preview of %s (%s); nothing was changed.\n", name, p.Format.Label())
		fmt.Fprintf(w, "  %s to add, %s to update, %d unchanged.\n",
			countWords(p.NewCount, "person", "people"), countWords(p.UpdateCount, "person", "people"), p.Unchanged)
	}
	var extra []string
	if n := len(p.NewOrganizations); n > 0 {
		extra = append(extra, countWords(n, "new organization", "new organizations"))
	}
	if p.Activities > 0 {
		extra = append(extra, countWords(p.Activities, `"`+store.LinkedInNote+`" note`, `"`+store.LinkedInNote+`" notes`))
	}
	if p.Photos > 0 {
		extra = append(extra, countWords(p.Photos, "photo", "photos"))
	}
	if p.DuplicateCount > 0 {
		extra = append(extra, countWords(p.DuplicateCount, "duplicate left out", "duplicates left out"))
	}
	if p.ProblemCount > 0 {
		extra = append(extra, countWords(p.ProblemCount, "problem", "problems"))
	}
	if len(extra) > 0 {
		fmt.Fprintf(w, "  %s.\n", strings.Join(extra, ", "))
	}
	more := func(listed, n int) {
		switch {
		case n <= listed:
		case n <= store.ImportListMax:
			fmt.Fprintf(w, "  … and %d more (--json lists them all)\n", n-listed)
		default:
			fmt.Fprintf(w, "  … and %d more (--json lists the first %d)\n", n-listed, store.ImportListMax)
		}
	}
	if !p.Applied && len(p.New) > 0 {
		fmt.Fprintln(w, "\nNew people:")
		for _, n := range p.New[:min(len(p.New), listLimit)] {
			job := strings.Join(nonEmpty(firstLine(n.Role), n.Organization), ", ")
			if job != "" {
				job = " — " + job
			}
			fmt.Fprintf(w, "  line %-6d %s%s\n", n.Line, n.Name, job)
		}
		more(min(len(p.New), listLimit), p.NewCount)
	}
	if len(p.Updates) > 0 {
		fmt.Fprintln(w, "\nUpdates:")
		for _, u := range p.Updates[:min(len(p.Updates), listLimit)] {
			var cs []string
			for _, c := range u.Changes {
				if c.From == "" {
					cs = append(cs, fmt.Sprintf("%s %s", c.Field, quoted(c.To)))
				} else {
					cs = append(cs, fmt.Sprintf("%s %s → %s", c.Field, quoted(c.From), quoted(c.To)))
				}
			}
			fmt.Fprintf(w, "  line %-6d %s (id %d, by %s): %s\n", u.Line, u.Name, u.ID, u.MatchedBy, strings.Join(cs, "; "))
		}
		more(min(len(p.Updates), listLimit), p.UpdateCount)
	}
	if len(p.Duplicates) > 0 {
		fmt.Fprintln(w, "\nDuplicates:")
		for _, d := range p.Duplicates[:min(len(p.Duplicates), listLimit)] {
			fmt.Fprintf(w, "  line %-6d %s\n", d.Line, d.Message)
		}
		more(min(len(p.Duplicates), listLimit), p.DuplicateCount)
	}
	if len(p.Problems) > 0 {
		fmt.Fprintln(w, "\nProblems:")
		for _, pr := range p.Problems {
			if pr.Line == 0 {
				fmt.Fprintf(w, "  %s\n", pr.Message)
			} else {
				fmt.Fprintf(w, "  line %-6d %s\n", pr.Line, pr.Message)
			}
		}
		more(len(p.Problems), p.ProblemCount)
	}
	if !p.Applied && p.NewCount+p.UpdateCount > 0 {
		fmt.Fprintf(w, "\nImport it with the same command without --dry-run.\n")
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// quoted shows a value in a change list, cut to a readable length.
func quoted(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > 50 {
		s = string(r[:50]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

func (a *app) importJSONCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "json FILE",
		Short: "Restore an export made by ally export json into an empty database",
		Long: `Restore every record of an "ally export json" document (FILE, or - for
standard input) into an empty database, in one transaction: people, fields,
organizations, conversations with their steps, activities, notes,
templates, questions, guides, captures, settings and the calendar feed.
Records keep their ids, and exported vCards and calendar entries keep their
UIDs. A database that already holds records is refused: restore into a new
one with --db.`,
		Example: "  ally export json -o backup.json\n  ally --db new.db import json backup.json",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			r, done, err := a.openInput(as[0], "Reading "+filepath.Base(as[0]))
			if err != nil {
				return err
			}
			defer done()
			counts, problems, err := a.sc.Restore(ctx, r, a.now())
			done()
			if err != nil {
				return fmt.Errorf("%s: %w", displayName(as[0]), err)
			}
			if a.jsonOut {
				// The counts stay the JSON document; what was changed on
				// the way in is said beside it.
				for _, p := range problems {
					fmt.Fprintf(a.env.Stderr, "ally: %s\n", p)
				}
			}
			return a.emit(counts, func(w io.Writer) { printRestore(w, displayName(as[0]), a.cfg.DB, counts, problems) })
		},
	}
}

func printRestore(w io.Writer, name, db string, counts store.RestoreCounts, problems []store.ImportProblem) {
	fmt.Fprintf(w, "Restored %s into %s:\n", name, db)
	var tables []string
	for t := range counts {
		tables = append(tables, t)
	}
	sort.Slice(tables, func(i, j int) bool {
		return slices.Index(store.ExportedTables(), tables[i]) < slices.Index(store.ExportedTables(), tables[j])
	})
	for _, t := range tables {
		if counts[t] > 0 && t != "search_docs" {
			fmt.Fprintf(w, "  %-20s %d\n", strings.ReplaceAll(t, "_", " "), counts[t])
		}
	}
	if len(problems) > 0 {
		fmt.Fprintln(w, "\nProblems:")
		for _, p := range problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
}
