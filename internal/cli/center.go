package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

func (a *app) centerCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "center",
		Short: "Run Ally as a career center: many accounts, everyone signs in",
	}
	cmd.AddCommand(a.centerInitCommand(), a.centerShowCommand(), a.centerSetCommand(), a.centerAuditCommand(), a.centerPruneCommand())
	return cmd
}

// CenterInitOut is what `ally center init --json` prints.
type CenterInitOut struct {
	Center  model.Center  `json:"center"`
	Advisor model.Account `json:"advisor"`
}

func (a *app) centerInitCommand() *cobra.Command {
	var name, email, adminName string
	var pwStdin bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Turn this database into a career center, with a first advisor",
		Long: `Turn an empty or personal database into a career center. The first account
is an advisor: it is the personal user, with all of their records, or a new
user on an empty database. Give the advisor's password on standard input with
--admin-password-stdin (at least 10 characters, not easy to guess).`,
		Example: `  printf '%s\n' "$PASSWORD" | ally center init --name "Westlake University Career Center" --admin-email ada@westlake.edu --admin-password-stdin`,
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if strings.TrimSpace(name) == "" || strings.TrimSpace(email) == "" {
				return usageError{errors.New("center init needs --name and --admin-email")}
			}
			if adminName == "" {
				adminName = strings.SplitN(strings.TrimSpace(email), "@", 2)[0]
			}
			n := model.NewAccount{Email: email, Name: adminName}
			if err := a.readPassword(pwStdin, &n); err != nil {
				return err
			}
			if err := a.open(ctx); err != nil {
				return err
			}
			acct, err := a.st.InitCenter(ctx, name, n, a.now())
			if err != nil {
				return err
			}
			c, _, err := a.st.Center(ctx)
			if err != nil {
				return err
			}
			return a.emit(CenterInitOut{Center: c, Advisor: acct}, func(w io.Writer) {
				fmt.Fprintf(w, "This database is now %s. %s is its first advisor; the personal records are theirs.\n", c.Name, acct.Email)
				// The server learns the mode when it starts.
				fmt.Fprintln(w, "If `ally serve` is running on this database, restart it: from then on everyone signs in.")
				if n.PasswordHash == "" {
					fmt.Fprintf(w, "No password is set yet: run `ally user set %s --password-stdin` before signing in.\n", acct.Email)
				}
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&name, "name", "", "the center's name, e.g. \"Westlake University Career Center\"")
	fl.StringVar(&email, "admin-email", "", "the first advisor's email")
	fl.StringVar(&adminName, "admin-name", "", "the first advisor's name (default: the email before @)")
	fl.BoolVar(&pwStdin, "admin-password-stdin", false, "read the first advisor's password from the first line of standard input")
	return cmd
}

// readPassword reads a password from stdin's first line when asked, checks
// it against the policy with the account's own name and email, and puts
// its hash in n.
func (a *app) readPassword(fromStdin bool, n *model.NewAccount) error {
	if !fromStdin {
		return nil
	}
	line, err := bufio.NewReader(a.env.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return model.Invalid("password", "standard input is empty: give the password on its first line")
	}
	if err := auth.CheckPassword(pw, n.Name, n.Email); err != nil {
		return model.Invalid("password", "%s", err.Error())
	}
	n.PasswordHash, err = auth.NewHasher().Hash(pw)
	return err
}

func (a *app) printCenter(c model.Center) error {
	return a.emit(c, func(w io.Writer) {
		domains := "nobody (off)"
		if len(c.SignupDomains) > 0 {
			domains = strings.Join(c.SignupDomains, ", ")
		}
		fmt.Fprintf(w, "%s: a career center since %s. Who may sign up alone: %s.\n", c.Name, a.fmtTime(c.CreatedAt), domains)
	})
}

func (a *app) centerShowCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "show",
		Short: "The center's name and settings",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			c, _, err := a.st.Center(ctx)
			if err != nil {
				return err
			}
			return a.printCenter(c)
		},
	}
}

func (a *app) centerSetCommand() *cobra.Command {
	var name, domains, zone string
	cmd := &cobra.Command{
		Use:   "set",
		Short: "Rename the center, or choose the email domains whose people may sign up alone",
		Long: `Rename the center with --name, or set --signup-domains: the email domains
whose people may make their own (student) account. "" turns self sign-up off,
as it is at first.`,
		Example: "  ally center set --signup-domains westlake.edu,alumni.westlake.edu\n  ally center set --signup-domains \"\"",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			setDomains := cmd.Flags().Changed("signup-domains")
			setZone := cmd.Flags().Changed("time-zone")
			if !setDomains && !setZone && !cmd.Flags().Changed("name") {
				return usageError{errors.New("center set takes --name, --signup-domains or --time-zone")}
			}
			if cmd.Flags().Changed("name") && strings.TrimSpace(name) == "" {
				return model.Invalid("name", "give the center a name")
			}
			var ds []string
			if setDomains {
				var err error
				if ds, err = model.ParseDomains(domains); err != nil {
					return err
				}
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			if setZone {
				if err := a.st.SetCenterTimeZone(ctx, zone, model.CLIActor(), a.now()); err != nil {
					return err
				}
			}
			if !setDomains && !cmd.Flags().Changed("name") {
				c, _, err := a.st.Center(ctx)
				if err != nil {
					return err
				}
				return a.printCenter(c)
			}
			c, err := a.st.UpdateCenter(ctx, name, ds, model.CLIActor(), a.now())
			if err != nil {
				return err
			}
			return a.printCenter(c)
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "the center's new name")
	cmd.Flags().StringVar(&domains, "signup-domains", "", "email domains allowed to sign up alone, with commas (\"\" for none)")
	cmd.Flags().StringVar(&zone, "time-zone", "", "the center's time zone (IANA, e.g. America/New_York): the months volunteers' capacity counts in")
	return cmd
}

func (a *app) centerAuditCommand() *cobra.Command {
	var limit int
	var before int64
	cmd := &cobra.Command{
		Use:     "audit",
		Short:   "The audit log: sign-ins, failed sign-ins, account and token changes, newest first",
		Example: "  ally center audit --json\n  ally center audit --limit 50 --before 1200",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if limit < 1 || limit > 10000 {
				return usageError{fmt.Errorf("--limit must be between 1 and 10000, not %d", limit)}
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			es, err := a.st.AuditLog(ctx, limit, before)
			if err != nil {
				return err
			}
			return a.emit(es, func(w io.Writer) {
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tWHEN\tWHO\tACTION\tTARGET\tDETAIL")
				for _, e := range es {
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", e.ID, a.fmtTime(e.At), e.Actor, e.Action, e.Target, e.Detail)
				}
				tw.Flush()
			})
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 100, "how many entries at most")
	cmd.Flags().Int64Var(&before, "before", 0, "only entries older than this id (to page back)")
	return cmd
}

// openCenter opens the database and refuses a personal one.
func (a *app) openCenter(ctx context.Context) error {
	if err := a.open(ctx); err != nil {
		return err
	}
	if _, found, err := a.st.Center(ctx); err != nil {
		return err
	} else if !found {
		return store.ErrNotCenter
	}
	return nil
}

// PruneOut is what `ally center prune --json` prints.
type PruneOut struct {
	Sessions int `json:"sessions"`
	Counters int `json:"failure_counters"`
}

func (a *app) centerPruneCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "prune",
		Short: "Delete expired sessions and finished sign-in failure counts",
		Long: `Delete sessions past their idle (12 hours) or absolute (30 days) limit and
sign-in failure counts whose window has closed. Both are refused anyway once
expired; pruning only frees room. Run it daily, e.g. from cron.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			p, now := auth.DefaultSessionPolicy(), a.now()
			var out PruneOut
			var err error
			if out.Sessions, err = a.st.PruneSessions(ctx, now.Add(-p.Idle), now.Add(-p.Absolute)); err != nil {
				return err
			}
			window := max(auth.PerAccount().Window, auth.PerAddress().Window)
			if out.Counters, err = a.st.PruneFailures(ctx, now.Add(-window)); err != nil {
				return err
			}
			return a.emit(out, func(w io.Writer) {
				fmt.Fprintf(w, "Deleted %s and %s.\n", countWords(out.Sessions, "expired session", "expired sessions"),
					countWords(out.Counters, "finished failure count", "finished failure counts"))
			})
		},
	}
}

// demoCenter makes this database a demo career center (when it is empty)
// or adds demo students and volunteers to its center.
func (a *app) demoCenter(ctx context.Context, students, volunteers int, seed uint64) error {
	if students < 0 || students > 1_000_000 {
		return model.Invalid("students", "must be between 0 and 1000000")
	}
	if volunteers < 0 || volunteers > 1_000_000 {
		return model.Invalid("volunteers", "must be between 0 and 1000000")
	}
	start := time.Now()
	// One hash for every demo account: argon2id is slow on purpose.
	hash, err := auth.NewHasher().Hash(demo.DemoPassword)
	if err != nil {
		return err
	}
	_, isCenter, err := a.st.Center(ctx)
	if err != nil {
		return err
	}
	if !isCenter {
		empty, err := a.sc.Empty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return fmt.Errorf("the database %s already has personal data; a demo center goes only into an empty one or a center (try --db demo.db)", a.cfg.DB)
		}
		if _, err := a.st.InitCenter(ctx, "Westlake University Career Center (demo)",
			model.NewAccount{Email: "advisor@demo.westlake.edu", Name: "Ada Advisor", PasswordHash: hash}, a.now()); err != nil {
			return err
		}
	}
	ms := demo.CenterMembers(students, volunteers, seed, a.now(), hash)
	if err := a.st.LoadCenterMembers(ctx, ms, model.CLIActor(), a.now()); err != nil {
		return err
	}
	took := time.Since(start)
	return a.emit(map[string]any{"students": students, "volunteers": volunteers, "password": demo.DemoPassword}, func(w io.Writer) {
		fmt.Fprintf(w, "Loaded %d students and %d volunteers in %s.\n", students, volunteers, took.Round(time.Millisecond))
		fmt.Fprintf(w, "Sign in as advisor@demo.westlake.edu, student1@demo.westlake.edu or volunteer1@demo.westlake.edu with the password %q.\n", demo.DemoPassword)
	})
}
