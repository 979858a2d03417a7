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
	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/jobs"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

func (a *app) centerCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "center",
		Short: "Run Ally as a career center: many accounts, everyone signs in",
	}
	cmd.AddCommand(a.centerInitCommand(), a.centerShowCommand(), a.centerSetCommand(), a.centerAuditCommand(), a.centerPruneCommand(), a.centerTickCommand(),
		a.centerFiguresCommand(), a.centerTermCommand(), a.centerImportCommand())
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
	pw, err := a.readSecretLine("password")
	if err != nil {
		return err
	}
	if err := auth.CheckPassword(pw, n.Name, n.Email); err != nil {
		return model.Invalid("password", "%s", err.Error())
	}
	n.PasswordHash, err = auth.NewHasher().Hash(pw)
	return err
}

// CenterOut is what `ally center show --json` prints.
type CenterOut struct {
	model.Center
	SMTP          model.CenterSMTP `json:"smtp"`
	SMTPPerMinute int              `json:"smtp_per_minute"`
	Rules         center.Settings  `json:"rules"`
}

func (a *app) printCenter(ctx context.Context, c model.Center) error {
	smtp, err := a.st.CenterSMTP(ctx)
	if err != nil {
		return err
	}
	rules, err := a.st.CenterRules(ctx)
	if err != nil {
		return err
	}
	rate, err := a.st.CenterSMTPRate(ctx)
	if err != nil {
		return err
	}
	return a.emit(CenterOut{Center: c, SMTP: smtp, SMTPPerMinute: rate, Rules: rules}, func(w io.Writer) {
		domains := "nobody (off)"
		if len(c.SignupDomains) > 0 {
			domains = strings.Join(c.SignupDomains, ", ")
		}
		fmt.Fprintf(w, "%s: a career center since %s. Who may sign up alone: %s.\n", c.Name, a.fmtTime(c.CreatedAt), domains)
		if smtp.Configured() {
			fmt.Fprintf(w, "Its emails go through %s from %s, at most %d a minute.\n", smtp.Host, smtp.From, rate)
		} else {
			fmt.Fprintln(w, "It has no mail server: invitations and password resets wait in the outbox (ally center set --smtp-host).")
		}
		fmt.Fprintf(w, "Requests: at most %d waiting per student; volunteers offer %d conversations a month unless they choose, and are full for now at %d × their room left; "+
			"a request expires after %d days, with one reminder on day %d; %d no-shows or late cancellations (under %d hours) within %d days block a student; texts of closed requests are deleted after %d days. Times in %s.\n",
			rules.MaxPendingPerStudent, rules.DefaultMonthlyCapacity, rules.FullFactor, rules.ExpiryDays, rules.ReminderDays,
			rules.BlockAfter, rules.LateCancelHours, rules.BlockWindowDays, rules.RetentionDays, rules.TimeZone)
	})
}

func (a *app) centerTickCommand() *cobra.Command {
	var at string
	cmd := &cobra.Command{
		Use:   "tick",
		Short: "Run the center's due work now: send the emails waiting in the outbox",
		Long: `Do the requests' timed work (reminders, expiries, "did it happen?"), make the
volunteers' daily digests that are due, and send every email due as of --at
(default now) that no running server is sending. ` + "`ally serve`" + ` on a center does this every minute by itself; tick is for
a server stopped for a while, or for cron without one.`,
		Example: "  ally center tick\n  ally center tick --at \"2026-12-01 09:00\" --json",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			t, err := a.parseTime("at", at)
			if err != nil {
				return err
			}
			rep, err := (&jobs.Runner{Store: a.st}).RunDue(ctx, t)
			if err != nil {
				return err
			}
			return a.emit(rep, func(w io.Writer) {
				if rep.Reminded+rep.Expired+rep.Prompted > 0 {
					fmt.Fprintf(w, "Requests: %d reminded, %d expired, %d asked whether the conversation happened.\n", rep.Reminded, rep.Expired, rep.Prompted)
				}
				if rep.Digests > 0 {
					fmt.Fprintf(w, "Daily digests: %d queued.\n", rep.Digests)
				}
				if rep.Problem != "" {
					fmt.Fprintf(w, "Nothing sent: %s.\n", rep.Problem)
					return
				}
				fmt.Fprintf(w, "Sent %s; %d to try again later; %d failed for good.\n", countWords(rep.Sent, "email", "emails"), rep.Retrying, rep.Failed)
				if rep.Held > 0 {
					fmt.Fprintf(w, "Held back by the mail server's rate (`ally center show`): %s, sent in the coming minutes.\n", countWords(rep.Held, "email", "emails"))
				}
			})
		},
	}
	cmd.Flags().StringVar(&at, "at", "", "run what is due as of this time (default now)")
	return cmd
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
			return a.printCenter(ctx, c)
		},
	}
}

func (a *app) centerSetCommand() *cobra.Command {
	rules := centerRules()
	var name, domains, zone string
	var smtp model.CenterSMTP
	var smtpPwStdin bool
	var smtpRate int
	cmd := &cobra.Command{
		Use:   "set",
		Short: "Rename the center, choose who may sign up alone, or set the mail server it sends from",
		Long: `Rename the center with --name, or set --signup-domains: the email domains
whose people may make their own (student) account. "" turns self sign-up off,
as it is at first.

The center sends its own emails (invitations, sign-up links, password
resets) through the mail server --smtp-host names, from --smtp-from. Its
password is read from the first line of standard input with
--smtp-password-stdin and kept encrypted, like the personal SMTP password.
--smtp-host "" turns sending off: emails then wait in the outbox.

The rules that protect volunteers are numbers the center may change
(--max-pending, --default-capacity, --full-factor, --expiry-days,
--reminder-days, --late-cancel-hours, --block-after, --block-window-days,
--suggestions, --retention-days); those not given keep their value.`,
		Example: "  ally center set --signup-domains westlake.edu,alumni.westlake.edu\n  ally center set --signup-domains \"\"\n" +
			"  ally center set --max-pending 3 --expiry-days 21 --reminder-days 14\n" +
			"  printf '%s\\n' \"$SMTP_PASSWORD\" | ally center set --smtp-host smtp.westlake.edu --smtp-user career --smtp-password-stdin --smtp-from \"Career Center <career@westlake.edu>\"",
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			fl := cmd.Flags()
			setDomains := fl.Changed("signup-domains")
			setZone := fl.Changed("time-zone")
			setSMTP := smtpPwStdin
			for _, f := range []string{"smtp-host", "smtp-port", "smtp-user", "smtp-from", "smtp-tls"} {
				setSMTP = setSMTP || fl.Changed(f)
			}
			setRules := false
			for _, r := range rules {
				setRules = setRules || fl.Changed(r.flag)
			}
			setRate := fl.Changed("smtp-per-minute")
			if !setDomains && !setZone && !fl.Changed("name") && !setSMTP && !setRules && !setRate {
				return usageError{errors.New("center set takes --name, --signup-domains, --time-zone, the --smtp- settings or the request rules (see --help)")}
			}
			if fl.Changed("name") && strings.TrimSpace(name) == "" {
				return model.Invalid("name", "give the center a name")
			}
			var ds []string
			if setDomains {
				var err error
				if ds, err = model.ParseDomains(domains); err != nil {
					return err
				}
			}
			if smtpPwStdin {
				pw, err := a.readSecretLine("smtp-password")
				if err != nil {
					return err
				}
				smtp.Password = pw
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			if setRate {
				if err := a.st.SetCenterSMTPRate(ctx, smtpRate, model.CLIActor(), a.now()); err != nil {
					return err
				}
			}
			if setZone {
				if err := a.st.SetCenterTimeZone(ctx, zone, model.CLIActor(), a.now()); err != nil {
					return err
				}
			}
			if setRules {
				// Numbers not given keep their value.
				set, err := a.st.CenterRules(ctx)
				if err != nil {
					return err
				}
				for _, r := range rules {
					if fl.Changed(r.flag) {
						*r.field(&set) = *r.value
					}
				}
				if err := a.st.SetCenterRules(ctx, set, model.CLIActor(), a.now()); err != nil {
					return err
				}
			}
			c, _, err := a.st.Center(ctx)
			if err != nil {
				return err
			}
			if setDomains || fl.Changed("name") {
				if c, err = a.st.UpdateCenter(ctx, name, ds, model.CLIActor(), a.now()); err != nil {
					return err
				}
			}
			if setSMTP {
				// Settings not given keep their value.
				old, err := a.st.CenterSMTP(ctx)
				if err != nil {
					return err
				}
				for _, k := range []struct {
					flag string
					dst  *string
					old  string
				}{{"smtp-host", &smtp.Host, old.Host}, {"smtp-user", &smtp.Username, old.Username}, {"smtp-from", &smtp.From, old.From}, {"smtp-tls", &smtp.TLS, old.TLS}} {
					if !fl.Changed(k.flag) {
						*k.dst = k.old
					}
				}
				if !fl.Changed("smtp-port") {
					smtp.Port = old.Port
				}
				if err := a.st.SetCenterSMTP(ctx, smtp, !smtpPwStdin, model.CLIActor(), a.now()); err != nil {
					return err
				}
			}
			return a.printCenter(ctx, c)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&name, "name", "", "the center's new name")
	fl.StringVar(&domains, "signup-domains", "", "email domains allowed to sign up alone, with commas (\"\" for none)")
	fl.StringVar(&smtp.Host, "smtp-host", "", "the mail server the center sends its emails through (\"\" for none)")
	fl.IntVar(&smtp.Port, "smtp-port", 0, "its port (default 587, or 465 with --smtp-tls tls)")
	fl.StringVar(&smtp.Username, "smtp-user", "", "the user name to sign in to it with")
	fl.BoolVar(&smtpPwStdin, "smtp-password-stdin", false, "read its password from the first line of standard input")
	fl.StringVar(&smtp.From, "smtp-from", "", "the address the center's emails come from, like \"Career Center <career@westlake.edu>\"")
	fl.StringVar(&smtp.TLS, "smtp-tls", "", "starttls (default), tls, or none for a relay on this machine")
	fl.IntVar(&smtpRate, "smtp-per-minute", 0, "how many emails a minute the mail server takes (default 60): all of the center's emails together go out no faster")
	fl.StringVar(&zone, "time-zone", "", "the center's time zone (IANA, e.g. America/New_York): the months volunteers' capacity counts in")
	for _, r := range rules {
		fl.IntVar(r.value, r.flag, 0, r.usage)
	}
	return cmd
}

// centerRule is one number of the center's request rules that
// `ally center set` changes.
type centerRule struct {
	flag, usage string
	field       func(*center.Settings) *int
	value       *int
}

// centerRules are the request rules' numbers, each a flag of
// `ally center set` (defaults: PRODUCT.md §2, "Protecting volunteers").
func centerRules() []centerRule {
	rules := []centerRule{
		{"max-pending", "requests a student may have waiting for an answer at once (default 5)",
			func(s *center.Settings) *int { return &s.MaxPendingPerStudent }, nil},
		{"default-capacity", "conversations a month a volunteer offers until they choose (default 2)",
			func(s *center.Settings) *int { return &s.DefaultMonthlyCapacity }, nil},
		{"full-factor", "a volunteer is full for now at this many times their remaining capacity waiting (default 3)",
			func(s *center.Settings) *int { return &s.FullFactor }, nil},
		{"expiry-days", "days a request waits for an answer before it expires (default 14)",
			func(s *center.Settings) *int { return &s.ExpiryDays }, nil},
		{"reminder-days", "day of the volunteer's one reminder (default 10)",
			func(s *center.Settings) *int { return &s.ReminderDays }, nil},
		{"late-cancel-hours", "a student's cancellation closer than this to the meeting counts as late (default 24)",
			func(s *center.Settings) *int { return &s.LateCancelHours }, nil},
		{"block-after", "no-shows or late cancellations that block new requests (default 2)...",
			func(s *center.Settings) *int { return &s.BlockAfter }, nil},
		{"block-window-days", "...within this many days (default 90)",
			func(s *center.Settings) *int { return &s.BlockWindowDays }, nil},
		{"suggestions", "similar volunteers with room shown after an expiry or a decline (default 5)",
			func(s *center.Settings) *int { return &s.Suggestions }, nil},
		{"retention-days", "days after which a closed request's texts are deleted, its counts kept (default 365)",
			func(s *center.Settings) *int { return &s.RetentionDays }, nil},
	}
	for i := range rules {
		rules[i].value = new(int)
	}
	return rules
}

// readSecretLine reads a secret from the first line of standard input.
func (a *app) readSecretLine(flag string) (string, error) {
	line, err := bufio.NewReader(a.env.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read %s: %w", flag, err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", model.Invalid(flag, "standard input is empty: give the password on its first line")
	}
	return pw, nil
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
	Links    int `json:"links"`
	Uploads  int `json:"import_uploads"`
	// RequestTexts counts the closed requests whose texts were deleted
	// for being older than the center's retention_days.
	RequestTexts int `json:"request_texts"`
}

func (a *app) centerPruneCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "prune",
		Short: "Delete expired sessions, finished sign-in failure counts, expired links and uploads, old request texts",
		Long: `Delete sessions past their idle (12 hours) or absolute (30 days) limit,
sign-in failure counts whose window has closed, password-reset and
sign-up links that have expired (invitations stay, for the advisors' list),
and contacts files uploaded for an import more than 30 minutes ago.
All are refused anyway once expired; pruning only frees room. Run it daily,
e.g. from cron.

It also deletes what people wrote in closed requests older than the
center's retention (--retention-days, 365 by default), keeping what the
figures count; ` + "`ally serve` and `ally center tick`" + ` do that once a day too.`,
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
			if out.Links, err = a.st.PruneLinks(ctx, now); err != nil {
				return err
			}
			uploads, err := a.st.SweepImportUploads(ctx, now)
			if err != nil {
				return err
			}
			out.Uploads = int(uploads)
			set, err := a.st.CenterRules(ctx)
			if err != nil {
				return err
			}
			if out.RequestTexts, err = a.st.PruneRequestTexts(ctx, set, now); err != nil {
				return err
			}
			return a.emit(out, func(w io.Writer) {
				fmt.Fprintf(w, "Deleted %s, %s, %s and %s; emptied the texts of %s.\n", countWords(out.Sessions, "expired session", "expired sessions"),
					countWords(out.Counters, "finished failure count", "finished failure counts"),
					countWords(out.Links, "expired reset or sign-up link", "expired reset or sign-up links"),
					countWords(out.Uploads, "expired upload", "expired uploads"),
					countWords(out.RequestTexts, "old closed request", "old closed requests"))
			})
		},
	}
}

// demoCenter makes this database a demo career center (when it is empty)
// or adds demo students and volunteers to its center.
func (a *app) demoCenter(ctx context.Context, students, volunteers, requests int, seed uint64) error {
	if students < 0 || students > 1_000_000 {
		return model.Invalid("students", "must be between 0 and 1000000")
	}
	if volunteers < 0 || volunteers > 1_000_000 {
		return model.Invalid("volunteers", "must be between 0 and 1000000")
	}
	if requests < 0 || requests > 10_000_000 {
		return model.Invalid("requests", "must be between 0 and 10000000")
	}
	if requests > 0 && (students == 0 || volunteers == 0) {
		return model.Invalid("requests", "requests need students to send them and volunteers to receive them")
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
	joined := a.now()
	if requests > 0 {
		// The members joined before the requests they send and receive.
		joined = joined.AddDate(0, 0, -demo.CenterRequestDays-1)
	}
	if err := a.st.LoadCenterMembers(ctx, ms, model.CLIActor(), joined); err != nil {
		return err
	}
	if requests > 0 {
		set, err := a.st.CenterRules(ctx)
		if err != nil {
			return err
		}
		if _, err := a.st.LoadCenterRequests(ctx, set, demo.CenterRequests(requests, ms, set, seed, a.now()), model.CLIActor(), a.now()); err != nil {
			return err
		}
	}
	took := time.Since(start)
	return a.emit(map[string]any{"students": students, "volunteers": volunteers, "requests": requests, "password": demo.DemoPassword}, func(w io.Writer) {
		fmt.Fprintf(w, "Loaded %d students, %d volunteers and %d requests in %s.\n", students, volunteers, requests, took.Round(time.Millisecond))
		fmt.Fprintf(w, "Sign in as advisor@demo.westlake.edu, student1@demo.westlake.edu or volunteer1@demo.westlake.edu with the password %q.\n", demo.DemoPassword)
	})
}
