package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// CenterImportOut is what `ally center import --json` prints.
type CenterImportOut struct {
	*store.RosterResult
	Invited *store.InviteReport `json:"invited,omitempty"`
}

// progressEvery is how many rows apart the plain progress lines are, and
// the size of a roster below which none are printed.
const progressEvery = 10_000

func (a *app) centerImportCommand() *cobra.Command {
	var role string
	var maps []string
	var dryRun, invite, skip bool
	fieldNames := make([]string, 0, len(interop.RosterFieldList()))
	for _, f := range interop.RosterFieldList() {
		fieldNames = append(fieldNames, string(f))
	}
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import students or volunteers from a roster CSV (FILE, or - for standard input)",
		Long: `Import the students or alumni volunteers of a CSV file the university's
systems export: one account a row, with its role and profile.

Common headers are recognised: Email/E-mail, Name/Full Name or First Name
and Last Name, Class Year/Graduation Year, Major, Degree, Employer/Company,
Job Title/Title/Position, City/Location, Career Field/Industry, LinkedIn,
First Generation/First-Gen/First Gen Student (yes or no: also true/false,
y/n, 1/0; "unknown" forgets a flag recorded before, and an empty cell, as
everywhere, keeps it). Other columns are kept as profile attributes. --map "Header=field" chooses
a column's field; the fields are ` + strings.Join(fieldNames, ", ") + `.
A role column (student or volunteer) overrides --role for its row.

A row is matched to an account by external_id when a column is mapped to
it, so that a re-run after a changed email updates the account instead of
making another; otherwise by email. An empty cell changes nothing.

Everything is written in one transaction: a row that cannot be imported
(a bad email, a role that does not exist, the same email twice, text
that is not UTF-8...) stops the import, and nothing is written, unless
--skip-rejected. Use --dry-run first to see what it would do. --invite then
sends each imported account that cannot sign in yet an invitation to choose
a password, at the mail server's rate (ally center set --smtp-per-minute).`,
		Example: "  ally center import alumni.csv --role volunteer --dry-run\n" +
			"  ally center import students.csv --role student --map \"Student ID=external_id\" --map \"Programme=major\" --invite",
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			r, err := model.ParseRole(role)
			if err != nil || (r != model.RoleStudent && r != model.RoleVolunteer) {
				return usageError{fmt.Errorf("--role must be student or volunteer, not %q", role)}
			}
			if invite && dryRun {
				return usageError{errors.New("--invite and --dry-run do not go together: a dry run writes nothing")}
			}
			mapping := map[string]interop.RosterField{}
			for _, m := range maps {
				col, field, ok := strings.Cut(m, "=")
				if !ok || strings.TrimSpace(col) == "" {
					return usageError{fmt.Errorf("--map %q: write it as \"Column header=field\"", m)}
				}
				f, err := interop.ParseRosterField(field)
				if err != nil {
					return usageError{fmt.Errorf("--map %q: %w", m, err)}
				}
				mapping[strings.TrimSpace(col)] = f
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			name := as[0]
			in, done, err := a.openInput(name, "Reading "+filepath.Base(name))
			if err != nil {
				return err
			}
			defer done()
			prog := a.rosterProgress()
			res, err := a.st.ImportRoster(ctx, in, store.RosterOptions{Role: r, Map: mapping, DryRun: dryRun, SkipRejected: skip,
				Progress: func(p store.RosterProgress) {
					if p.Phase == store.RosterWriting {
						done() // the file is read: its bar makes way
					}
					prog.show(p)
				}}, model.CLIActor(), a.now())
			prog.finish()
			done()
			if err != nil {
				var re *store.RosterRejectedError
				if errors.As(err, &re) {
					return fmt.Errorf("%s: %w (fix the file, or add --skip-rejected to leave such rows out)", displayName(name), err)
				}
				return fmt.Errorf("%s: %w", displayName(name), err)
			}
			out := CenterImportOut{RosterResult: res}
			if invite {
				base, err := a.baseURL(ctx, "")
				if err != nil {
					return err
				}
				c, _, err := a.st.Center(ctx)
				if err != nil {
					return err
				}
				links := &auth.Links{Store: a.st, Clock: a.env.Clock, BaseURL: base}
				rep, err := links.InviteAccounts(ctx, c.Name, res.AccountIDs, model.CLIActor(), "")
				if err != nil {
					return err
				}
				out.Invited = &rep
			}
			return a.emit(out, func(w io.Writer) { a.printRoster(w, displayName(name), out) })
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&role, "role", "", "volunteer or student: the role of rows without a role column (required)")
	fl.StringArrayVar(&maps, "map", nil, "\"Column header=field\": what a column holds (again for more columns)")
	fl.BoolVar(&dryRun, "dry-run", false, "show what the import would do, and change nothing")
	fl.BoolVar(&invite, "invite", false, "invite the imported accounts that cannot sign in yet, by email")
	fl.BoolVar(&skip, "skip-rejected", false, "import the other rows when some cannot be")
	return cmd
}

func (a *app) printRoster(w io.Writer, name string, out CenterImportOut) {
	res := out.RosterResult
	if res.Applied {
		fmt.Fprintf(w, "Imported %s (%s): %s new, %d updated, %d unchanged", name, res.Role, countWords(res.NewCount, "account", "accounts"),
			res.UpdateCount, res.Unchanged)
	} else {
		fmt.Fprintf(w, "Preview of %s (%s); nothing was changed: %s to add, %d to update, %d unchanged", name, res.Role,
			countWords(res.NewCount, "account", "accounts"), res.UpdateCount, res.Unchanged)
	}
	if res.RejectedCount > 0 {
		fmt.Fprintf(w, ", %s left out", countWords(res.RejectedCount, "row", "rows"))
	}
	fmt.Fprintln(w, ".")
	fmt.Fprintln(w, "\nColumns:")
	for _, c := range res.Columns {
		how := "recognised"
		if c.Mapped {
			how = "mapped"
		}
		fmt.Fprintf(w, "  %-24s → %s (%s)\n", c.Header, c.Field, how)
	}
	if !res.Applied && len(res.New) > 0 {
		fmt.Fprintln(w, "\nNew:")
		for _, e := range res.New[:min(len(res.New), listLimit)] {
			fmt.Fprintf(w, "  line %-6d %s <%s>\n", e.Line, e.Name, e.Email)
		}
		if res.NewCount > listLimit {
			fmt.Fprintf(w, "  … and %d more (--json lists up to %d)\n", res.NewCount-listLimit, store.RosterListMax)
		}
	}
	if len(res.Updated) > 0 {
		fmt.Fprintln(w, "\nUpdated:")
		for _, e := range res.Updated[:min(len(res.Updated), listLimit)] {
			fmt.Fprintf(w, "  line %-6d %s <%s> (by %s): %s\n", e.Line, e.Name, e.Email, strings.ReplaceAll(e.MatchedBy, "_", " "), strings.Join(e.Changes, ", "))
		}
		if res.UpdateCount > listLimit {
			fmt.Fprintf(w, "  … and %d more (--json lists up to %d)\n", res.UpdateCount-listLimit, store.RosterListMax)
		}
	}
	if len(res.Rejected) > 0 {
		fmt.Fprintln(w, "\nCannot be imported:")
		for _, r := range res.Rejected[:min(len(res.Rejected), listLimit)] {
			fmt.Fprintf(w, "  line %-6d %s\n", r.Line, r.Message)
		}
		if res.RejectedCount > listLimit {
			fmt.Fprintf(w, "  … and %d more (--json lists up to %d)\n", res.RejectedCount-listLimit, store.RosterListMax)
		}
	}
	if inv := out.Invited; inv != nil {
		fmt.Fprintf(w, "\nInvited %s", countWords(inv.Invited, "account", "accounts"))
		if inv.Skipped > 0 {
			fmt.Fprintf(w, " (%d can sign in already)", inv.Skipped)
		}
		if inv.Invited > 0 {
			fmt.Fprintf(w, "; the emails go out from %s to %s, at the mail server's rate", a.fmtTime(inv.FirstDue), a.fmtTime(inv.LastDue))
		}
		fmt.Fprintln(w, ".")
	}
	if !res.Applied && res.NewCount+res.UpdateCount > 0 {
		fmt.Fprintln(w, "\nImport it with the same command without --dry-run.")
	}
}

// rosterProgress shows an import's progress on standard error: a bar on
// a terminal, else a line every progressEvery rows of a large roster.
type rosterProgress struct {
	w    io.Writer
	tty  bool
	bar  *progressbar.ProgressBar
	last int
}

func (a *app) rosterProgress() *rosterProgress {
	return &rosterProgress{w: a.env.Stderr, tty: isTerminal(a.env.Stderr)}
}

func (p *rosterProgress) show(s store.RosterProgress) {
	if s.Phase != store.RosterWriting || s.Total < progressEvery {
		return
	}
	if p.tty {
		if p.bar == nil {
			p.bar = progressbar.NewOptions(s.Total, progressbar.OptionSetWriter(p.w), progressbar.OptionSetDescription("Writing rows"),
				progressbar.OptionSetWidth(30), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionShowCount(),
				progressbar.OptionClearOnFinish())
		}
		p.bar.Set(s.Done)
		return
	}
	if s.Done == 0 || s.Done-p.last >= progressEvery || s.Done == s.Total {
		fmt.Fprintf(p.w, "Writing rows: %d of %d\n", s.Done, s.Total)
		p.last = s.Done
	}
}

func (p *rosterProgress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Clear()
	}
}
