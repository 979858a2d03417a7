// Package cli is Ally's command line: one cobra command per verb, all
// working through the store and the method engine. Every command accepts
// --db and --json; errors are one line on stderr (a JSON object under
// --json) and a non-zero exit.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// Env is everything a run of the CLI takes from the outside world.
type Env struct {
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Clock  method.Clock
}

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // the command failed: bad input, not found, refused
	ExitUsage = 2 // the command line itself is wrong
)

// Main runs the CLI with the real clock; cmd/ally calls it.
func Main(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	return Run(ctx, args, Env{Getenv: getenv, Stdin: stdin, Stdout: stdout, Stderr: stderr, Clock: method.SystemClock{}})
}

// usageError marks a mistake in the command line itself.
type usageError struct{ error }

// app is the state one run of the CLI shares between its commands.
type app struct {
	env      Env
	dbFlag   string
	jsonOut  bool
	cfg      config.Config
	st       *store.Store
	sc       *store.Scope
	settings method.Settings
	loc      *time.Location
}

// Run runs the CLI with args (without the program name) and returns the
// exit code.
func Run(ctx context.Context, args []string, env Env) int {
	a := &app{env: env}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.ExecuteContext(ctx)
	if a.st != nil {
		a.st.Close()
	}
	if err == nil {
		return ExitOK
	}
	if slices.Contains(args, "--json") {
		// Cobra reports some mistakes before it parses flags.
		a.jsonOut = true
	}
	a.printError(err)
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") {
		return ExitUsage
	}
	return ExitError
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "ally",
		Short: "Ally helps you run informational interviews, from the first request to a relationship kept warm",
		Long: `Ally helps you run informational interviews: short conversations with
professionals, asked for to learn what a career field is really like — never
to ask for a job. It keeps your people and fields, moves each conversation
through the method, and tells you what to do next.

Times (--at, --for, --until) accept ` + method.TimeHelp + `.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.PersistentFlags().StringVar(&a.dbFlag, "db", "", "database: a SQLite file or a postgres:// URL (default $ALLY_DB, else ~/.local/share/ally/ally.db)")
	root.PersistentFlags().BoolVar(&a.jsonOut, "json", false, "print JSON (stable keys) instead of text")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(a.personCommand(), a.fieldCommand(), a.orgCommand(), a.convoCommand(), a.logCommand(),
		a.activityCommand(), a.nextCommand(), a.doneCommand(), a.snoozeCommand(), a.searchCommand(),
		a.demoCommand(), a.serveCommand(), a.settingsCommand())
	root.AddCommand(a.checkCommand(), a.draftCommand(), a.sentCommand(), a.statsCommand(), a.templateCommand(), a.networkCommand())
	root.AddCommand(a.guideCommand(), a.questionCommand())
	root.AddCommand(a.importCommand(), a.exportCommand(), a.calendarCommand(), a.doctorCommand())
	root.AddCommand(a.centerCommand(), a.userCommand(), a.volunteerCommand(), a.directoryCommand(), a.requestCommand())
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

// args wraps a cobra argument check so that its failure is a usage error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, as []string) error {
		if err := check(cmd, as); err != nil {
			return usageError{fmt.Errorf("%s: %w (see ally %s --help)", cmd.CommandPath(), err, cmd.Name())}
		}
		return nil
	}
}

// open opens the database and the local user's scope, once per run.
func (a *app) open(ctx context.Context) error {
	if a.sc != nil {
		return nil
	}
	cfg, err := config.Load(a.env.Getenv, a.dbFlag, "")
	if err != nil {
		return err
	}
	a.cfg = cfg
	st, err := store.Open(ctx, cfg.DB, store.WithSecretKey(cfg.SecretKey))
	if err != nil {
		return err
	}
	owner, err := st.LocalUser(ctx, "Me", a.env.Clock.Now())
	if err != nil {
		st.Close()
		return err
	}
	a.st, a.sc = st, st.For(owner)
	if a.settings, err = a.sc.Settings(ctx); err != nil {
		return err
	}
	a.loc = a.settings.Location()
	return nil
}

func (a *app) now() time.Time { return a.env.Clock.Now() }

// parseTime reads a time flag in the user's time zone; "" gives now.
func (a *app) parseTime(flag, s string) (time.Time, error) {
	if s == "" {
		return a.now(), nil
	}
	t, err := method.ParseTime(s, a.now(), a.loc)
	if err != nil {
		return t, model.Invalid(flag, "%v", err)
	}
	return t, nil
}

// emit prints v as JSON under --json, else calls text.
func (a *app) emit(v any, text func(w io.Writer)) error {
	if a.jsonOut {
		enc := json.NewEncoder(a.env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	text(a.env.Stdout)
	return nil
}

// printError writes err as one line: {"error": ..., "field": ...} under
// --json, "ally: ..." otherwise. A limit that refused a request names its
// rule, as the API's 409 does: {"error": ..., "rule": ...}, or
// "ally: ... (rule: pending_limit)".
func (a *app) printError(err error) {
	msg := err.Error()
	field, rule := "", ""
	if es := model.AsErrors(err); len(es) == 1 {
		field = es[0].Field
	}
	if ref := (*center.Refusal)(nil); errors.As(err, &ref) {
		rule = string(ref.Rule)
	}
	if a.jsonOut {
		out := map[string]string{"error": msg}
		if field != "" {
			out["field"] = field
		}
		if rule != "" {
			out["rule"] = rule
		}
		b, _ := json.Marshal(out)
		fmt.Fprintln(a.env.Stderr, string(b))
		return
	}
	if rule != "" {
		msg += " (rule: " + rule + ")"
	}
	fmt.Fprintln(a.env.Stderr, "ally: "+strings.ReplaceAll(msg, "\n", " "))
}

// fmtTime shows a time in the user's zone.
func (a *app) fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(a.loc).Format("Mon 2 Jan 2006 15:04")
}

// parseID reads a record's id from an argument: a positive number.
func parseID(kind, s string) (int64, error) {
	var id int64
	if _, err := fmt.Sscan(s, &id); err != nil || id <= 0 || fmt.Sprint(id) != strings.TrimSpace(s) {
		return 0, model.Invalid("id", "%q is not %s id (a positive number)", s, article(kind))
	}
	return id, nil
}

// article puts "a" or "an" before a noun, by its first letter ("an API
// token", "an activity", "a conversation").
func article(noun string) string {
	if noun != "" && strings.ContainsRune("AEIOUaeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
