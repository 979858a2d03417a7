package cli

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

func (a *app) nextCommand() *cobra.Command {
	var at string
	var limit int
	cmd := &cobra.Command{
		Use:   "next",
		Short: "What the method says to do next, overdue first",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			when, err := a.parseTime("at", at)
			if err != nil {
				return err
			}
			actions, err := a.sc.Agenda(ctx, when)
			if err != nil {
				return err
			}
			if limit > 0 && len(actions) > limit {
				actions = actions[:limit]
			}
			if actions == nil {
				actions = []method.Action{}
			}
			return a.emit(actions, func(w io.Writer) {
				if len(actions) == 0 {
					fmt.Fprintln(w, "Nothing to do. Add a field you want to explore: ally field add NAME")
					return
				}
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ACTION\tDUE\tWHAT\tWHO")
				for _, x := range actions {
					due := dueWords(x.Due, when, a.loc)
					if x.Overdue {
						due = "overdue: " + due
					}
					if x.Kind == method.ActFindPerspective {
						due = "ongoing"
					}
					who := x.Person
					switch {
					case x.Kind == method.ActReachOut && x.Referrer != "":
						who = x.Person + " (suggested by " + x.Referrer + ")"
					case x.Referrer != "":
						who = x.Referrer + " (about " + x.Person + ")"
					}
					if who == "" {
						who = x.Field
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", x.ID, due, x.Kind.Label(), who)
				}
				tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&at, "at", "", "as of this time (default now)")
	cmd.Flags().IntVar(&limit, "limit", 0, "show at most this many")
	return cmd
}

func (a *app) doneCommand() *cobra.Command {
	var at string
	cmd := &cobra.Command{
		Use:   "done ACTION_ID",
		Short: "Mark an action from `ally next` done",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			when, err := a.parseTime("at", at)
			if err != nil {
				return err
			}
			act, err := a.sc.MarkDone(ctx, as[0], when)
			if err != nil {
				return err
			}
			return a.emit(act, func(w io.Writer) { fmt.Fprintf(w, "Done: %s.\n", strings.ToLower(act.Kind.Label())) })
		},
	}
	cmd.Flags().StringVar(&at, "at", "", "as of this time (default now)")
	return cmd
}

func (a *app) snoozeCommand() *cobra.Command {
	var until, at string
	cmd := &cobra.Command{
		Use:     "snooze ACTION_ID --until TIME",
		Short:   "Hide an action from `ally next` until a later time",
		Example: "  ally snooze thank-c4 --until tomorrow\n  ally snooze keep_in_touch-p7 --until +1w",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			if until == "" {
				return usageError{fmt.Errorf("snooze needs --until TIME, e.g. --until tomorrow or --until +1w")}
			}
			when, err := a.parseTime("at", at)
			if err != nil {
				return err
			}
			u, err := a.parseTime("until", until)
			if err != nil {
				return err
			}
			act, err := a.sc.Snooze(ctx, as[0], u, when)
			if err != nil {
				return err
			}
			return a.emit(act, func(w io.Writer) {
				fmt.Fprintf(w, "Snoozed %s until %s.\n", strings.ToLower(act.Kind.Label()), a.fmtTime(u))
			})
		},
	}
	cmd.Flags().StringVar(&until, "until", "", "when to show it again")
	cmd.Flags().StringVar(&at, "at", "", "as of this time (default now)")
	return cmd
}

func (a *app) searchCommand() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search people, notes, conversations and field research",
		Args:  args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			hits, err := a.sc.Search(ctx, strings.Join(as, " "), limit)
			if err != nil {
				return err
			}
			return a.emit(hits.Results, func(w io.Writer) {
				if len(hits.Results) == 0 {
					fmt.Fprintln(w, "No matches.")
				}
				for _, r := range hits.Results {
					fmt.Fprintf(w, "%s %d  %s\n", r.Kind, r.ID, r.Title)
					if r.Snippet != "" {
						fmt.Fprintf(w, "    %s\n", plainSnippet(r.Snippet))
					}
				}
				if hits.Ranked > 0 {
					fmt.Fprintf(w, "More records match: these are the best of %d of them. Add a word to narrow the search.\n", hits.Ranked)
				}
			})
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 20, "show at most this many")
	return cmd
}

// plainSnippet turns the HTML snippet into terminal text with the matches
// in [brackets].
func plainSnippet(s string) string {
	s = strings.NewReplacer("<mark>", "[", "</mark>", "]").Replace(s)
	return html.UnescapeString(s)
}

func (a *app) demoCommand() *cobra.Command {
	var people, students, volunteers, requests int
	var seed uint64
	var asCenter bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Fill an empty database with a demo story (or --people N synthetic people, or --center)",
		Long: `Fill an empty database with a demo story, or with --people N synthetic
people. With --center it makes a career center instead (or adds to this one):
--students and --volunteers accounts with varied profiles, all with the
password "` + demo.DemoPassword + `". With --requests, the students send that many
requests to the volunteers over the last two years, in every state, with
their answers, meetings, thank-yous, report-backs and ratings.`,
		Example: "  ally demo\n  ally demo --center --students 100000 --volunteers 20000 --requests 500000 --seed 1 --db postgres://localhost/ally",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			if asCenter {
				return a.demoCenter(ctx, students, volunteers, requests, seed)
			}
			empty, err := a.sc.Empty(ctx)
			if err != nil {
				return err
			}
			if !empty {
				return fmt.Errorf("the database %s already has data; demo data goes only into an empty one (try --db demo.db)", a.cfg.DB)
			}
			if people < 0 || people > 1_000_000 {
				return model.Invalid("people", "must be between 1 and 1000000")
			}
			start := time.Now()
			data := demo.Story(a.now(), a.loc)
			if people > 0 {
				data = demo.Synthetic(people, seed, a.now())
			} else {
				settings := a.settings
				demo.StoryProfile(&settings)
				if err := a.sc.SaveSettings(ctx, settings); err != nil {
					return err
				}
			}
			n, err := a.sc.LoadBulk(ctx, data, a.now())
			if err != nil {
				return err
			}
			took := time.Since(start)
			return a.emit(map[string]any{"people": n.People, "fields": n.Fields, "organizations": n.Organizations,
				"conversations": n.Conversations, "events": n.Events, "activities": n.Activities, "rows": n.Rows()}, func(w io.Writer) {
				fmt.Fprintf(w, "Loaded %d people, %d fields, %d organizations, %d conversations and %d activities in %s.\n",
					n.People, n.Fields, n.Organizations, n.Conversations, n.Activities, took.Round(time.Millisecond))
				fmt.Fprintln(w, "See what to do next: ally next")
			})
		},
	}
	cmd.Flags().IntVar(&people, "people", 0, "generate N synthetic people instead of the story")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "seed for --people and --center (the same seed gives the same data)")
	cmd.Flags().BoolVar(&asCenter, "center", false, "make a demo career center of students and volunteers")
	cmd.Flags().IntVar(&students, "students", 200, "with --center: how many students")
	cmd.Flags().IntVar(&volunteers, "volunteers", 50, "with --center: how many volunteers")
	cmd.Flags().IntVar(&requests, "requests", 0, "with --center: how many requests the students send over two years")
	return cmd
}

func (a *app) settingsCommand() *cobra.Command {
	var sets []string
	cmd := &cobra.Command{
		Use:     "settings",
		Short:   "Show or change the method's timings, your time zone and profile",
		Example: "  ally settings --set time_zone=America/New_York --set thank_hours=12\n  ally settings --set 'keep_in_touch_by_tag={\"mentor\":30}'",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			s := a.settings
			// The changes apply to the settings as they are in the
			// transaction that saves them, which derives the owner's
			// actions again once.
			change := func(s *method.Settings) error {
				raw, err := json.Marshal(s)
				if err != nil {
					return err
				}
				var m map[string]json.RawMessage
				if err := json.Unmarshal(raw, &m); err != nil {
					return err
				}
				for _, kv := range sets {
					k, v, ok := strings.Cut(kv, "=")
					if !ok {
						return usageError{fmt.Errorf("--set takes KEY=VALUE, got %q", kv)}
					}
					if _, known := m[k]; !known && k != "keep_in_touch_by_tag" {
						return model.Invalid(k, "%q is not a setting; settings are shown by `ally settings --json`", k)
					}
					if !json.Valid([]byte(v)) {
						quoted, _ := json.Marshal(v) // a string always marshals
						v = string(quoted)
					}
					m[k] = json.RawMessage(v)
				}
				raw, _ = json.Marshal(m)
				*s = method.DefaultSettings()
				if err := json.Unmarshal(raw, s); err != nil {
					return fmt.Errorf("settings: %w", err)
				}
				return nil
			}
			if len(sets) > 0 {
				var err error
				if s, err = a.sc.UpdateSettings(ctx, change); err != nil {
					return err
				}
			}
			rows, err := shownSettings(s)
			if err != nil {
				return err
			}
			return a.emit(settingsJSON(rows), func(w io.Writer) { writeSettingsTable(w, rows) })
		},
	}
	cmd.Flags().StringArrayVar(&sets, "set", nil, "KEY=VALUE to change (repeat)")
	return cmd
}
