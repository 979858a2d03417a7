package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
)

// ConversationOut is a conversation as add and edit print it.
type ConversationOut struct {
	*model.Conversation
	Created []Created `json:"created,omitempty"`
}

type convoFlags struct {
	fields                  []string
	channel, place, whoPays string
	notes, summary          string
	minutes, usefulness     int
	prepared                bool
	keepAnyway              bool // keep a long ask (over 30 minutes) anyway
}

func (f *convoFlags) register(cmd *cobra.Command, details bool) {
	fl := cmd.Flags()
	fl.StringSliceVar(&f.fields, "field", nil, "career field (repeat; created if unknown)")
	fl.StringVar(&f.channel, "channel", "in_person", "in_person, video, phone or email")
	fl.IntVar(&f.minutes, "minutes", model.DefaultMinutes, "minutes asked for (15–20 typical, 30 at most for a first request)")
	fl.StringVar(&f.place, "place", "", "where you meet")
	fl.StringVar(&f.whoPays, "who-pays", "", "who pays (whoever invites pays: usually you)")
	fl.StringVar(&f.notes, "notes", "", "conversation notes (Markdown)")
	if details {
		fl.StringVar(&f.summary, "summary", "", "a one-line summary")
		fl.IntVar(&f.usefulness, "usefulness", 0, "how useful it was, 1–5")
		fl.BoolVar(&f.prepared, "prepared", false, "research and questions are ready")
	}
}

func (f *convoFlags) apply(ctx context.Context, a *app, sc *store.Scope, cmd *cobra.Command, c *model.Conversation) ([]Created, error) {
	set := cmd.Flags().Changed
	var created []Created
	if set("field") {
		var err error
		if c.Fields, err = ensureFields(ctx, a, sc, f.fields, &created); err != nil {
			return nil, err
		}
	}
	if set("channel") || c.ID == 0 {
		c.Channel = model.Channel(f.channel)
	}
	if set("minutes") || c.ID == 0 {
		c.Minutes = f.minutes
	}
	if set("place") {
		c.Place = f.place
	}
	if set("who-pays") {
		c.WhoPays = f.whoPays
	}
	if set("notes") {
		c.Notes = f.notes
	}
	if set("summary") {
		c.Summary = f.summary
	}
	if set("usefulness") {
		if err := model.CheckUsefulness(f.usefulness); err != nil {
			return nil, err
		}
		c.Usefulness = f.usefulness
	}
	if set("prepared") {
		c.Prepared = f.prepared
	}
	return created, nil
}

func (a *app) convoCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "convo", Aliases: []string{"conversation", "convos"}, Short: "Informational interviews, one per person"}
	var add convoFlags
	addCmd := &cobra.Command{
		Use:   "add PERSON",
		Short: "Start a conversation with a person (as an idea; move it with `ally log`)",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			if err := method.KeepAnyway(method.MinutesCaution(add.minutes), add.keepAnyway, method.ViaCLI); err != nil {
				return err
			}
			c := &model.Conversation{}
			var created []Created
			err := a.sc.InTx(ctx, func(tx *store.Scope) error {
				id, name, err := tx.ResolvePerson(ctx, as[0])
				if err != nil {
					return err
				}
				c.Person = model.Ref{ID: id, Name: name}
				if created, err = add.apply(ctx, a, tx, cmd, c); err != nil {
					return err
				}
				if !cmd.Flags().Changed("field") {
					// A conversation is about the fields you know the person for.
					p, err := tx.Person(ctx, id)
					if err != nil {
						return err
					}
					c.Fields = p.Fields
				}
				return tx.CreateConversation(ctx, c, a.now())
			})
			if err != nil {
				return err
			}
			return a.emit(ConversationOut{c, created}, func(w io.Writer) {
				fmt.Fprintf(w, "Added conversation #%d with %s (%s, %d minutes).\n", c.ID, c.Person.Name, c.Channel, c.Minutes)
				printCreated(w, created)
				fmt.Fprintf(w, "Next: write the request, then `ally log %d requested`.\n", c.ID)
			})
		},
	}
	add.register(addCmd, false)
	keepAnywayFlag(addCmd.Flags(), &add.keepAnyway, "keep more than 30 minutes asked for (the professional offered it)")

	var edit convoFlags
	editCmd := &cobra.Command{
		Use:   "edit CONVO_ID",
		Short: "Change a conversation's details (only the flags you give)",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			id, err := parseID("conversation", as[0])
			if err != nil {
				return err
			}
			var c *model.Conversation
			var created []Created
			err = a.sc.InTx(ctx, func(tx *store.Scope) error {
				if c, err = tx.Conversation(ctx, id); err != nil {
					return err
				}
				if created, err = edit.apply(ctx, a, tx, cmd, c); err != nil {
					return err
				}
				return tx.UpdateConversation(ctx, c, a.now())
			})
			if err != nil {
				return err
			}
			return a.emit(ConversationOut{c, created}, func(w io.Writer) {
				fmt.Fprintf(w, "Saved conversation #%d with %s.\n", c.ID, c.Person.Name)
				printCreated(w, created)
			})
		},
	}
	edit.register(editCmd, true)

	var filter struct{ person, field, state string }
	listCmd := &cobra.Command{
		Use:   "list",
		Short: "List conversations, most recent first",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			var f store.ConversationFilter
			var err error
			if filter.person != "" {
				if f.PersonID, _, err = a.sc.ResolvePerson(ctx, filter.person); err != nil {
					return err
				}
			}
			if filter.field != "" {
				if f.FieldID, _, err = a.sc.ResolveField(ctx, filter.field); err != nil {
					return err
				}
			}
			if filter.state != "" {
				s := model.State(filter.state)
				if !s.Valid() {
					return model.Invalid("state", "%q is not a lifecycle state", filter.state)
				}
				f.States = []model.State{s}
			}
			cs, err := a.sc.Conversations(ctx, f)
			if err != nil {
				return err
			}
			if cs == nil {
				cs = []*model.Conversation{}
			}
			return a.emit(cs, func(w io.Writer) {
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tPERSON\tSTATE\tSINCE\tMEETING\tFIELDS")
				for _, c := range cs {
					meeting := ""
					if c.MeetingAt != nil {
						meeting = a.fmtTime(*c.MeetingAt)
					}
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Person.Name, c.State.Label(), a.fmtTime(c.StateAt), meeting, refNames(c.Fields))
				}
				tw.Flush()
			})
		},
	}
	listCmd.Flags().StringVar(&filter.person, "person", "", "only with this person")
	listCmd.Flags().StringVar(&filter.field, "field", "", "only in this field")
	listCmd.Flags().StringVar(&filter.state, "state", "", "only in this state")

	showCmd := &cobra.Command{
		Use:   "show CONVO_ID",
		Short: "Show a conversation with its lifecycle and the steps allowed next",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			id, err := parseID("conversation", as[0])
			if err != nil {
				return err
			}
			c, err := a.sc.Conversation(ctx, id)
			if err != nil {
				return err
			}
			out := struct {
				*model.Conversation
				Allowed []model.State `json:"allowed_steps"`
			}{c, method.Allowed(c.State, c.FollowUps)}
			if out.Allowed == nil {
				out.Allowed = []model.State{}
			}
			return a.emit(out, func(w io.Writer) { a.printConvo(w, c, out.Allowed) })
		},
	}
	cmd.AddCommand(addCmd, listCmd, showCmd, editCmd)
	return cmd
}

func (a *app) printConvo(w io.Writer, c *model.Conversation, allowed []model.State) {
	fmt.Fprintf(w, "Conversation #%d with %s — %s\n", c.ID, c.Person.Name, c.State.Label())
	fmt.Fprintf(w, "  %s, %d minutes asked", strings.ReplaceAll(string(c.Channel), "_", " "), c.Minutes)
	if c.Place != "" {
		fmt.Fprintf(w, ", at %s", c.Place)
	}
	fmt.Fprintln(w)
	if c.MeetingAt != nil {
		fmt.Fprintf(w, "  Meeting: %s\n", a.fmtTime(*c.MeetingAt))
	}
	if len(c.Fields) > 0 {
		fmt.Fprintf(w, "  Fields: %s\n", refNames(c.Fields))
	}
	if c.WhoPays != "" {
		fmt.Fprintf(w, "  Who pays: %s\n", c.WhoPays)
	}
	fmt.Fprintln(w, "\nSteps:")
	for _, e := range c.Events {
		fmt.Fprintf(w, "  %s  %s", a.fmtTime(e.At), e.Step.Label())
		if e.MeetingAt != nil {
			fmt.Fprintf(w, " for %s", a.fmtTime(*e.MeetingAt))
		}
		fmt.Fprintln(w)
	}
	if len(allowed) > 0 {
		names := make([]string, len(allowed))
		for i, s := range allowed {
			names[i] = string(s)
		}
		fmt.Fprintf(w, "\nNext steps: %s (ally log %d STEP)\n", strings.Join(names, ", "), c.ID)
	}
	if c.Notes != "" {
		fmt.Fprintf(w, "\nNotes:\n%s\n", indent(c.Notes))
	}
}

func (a *app) logCommand() *cobra.Command {
	var at, meeting, note string
	cmd := &cobra.Command{
		Use:   "log CONVO_ID STEP",
		Short: "Record a lifecycle step: requested, followed_up, scheduled, confirmed, held, thanked, reported_back, keeping_in_touch, declined, no_reply, cancelled",
		Example: `  ally log 4 requested
  ally log 4 scheduled --for "2026-12-03 10:30"
  ally log 4 held --at "yesterday 10:30"`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			id, err := parseID("conversation", as[0])
			if err != nil {
				return err
			}
			st := method.Step{To: model.State(as[1])}
			if st.At, err = a.parseTime("at", at); err != nil {
				return err
			}
			if meeting != "" {
				if st.MeetingAt, err = a.parseTime("for", meeting); err != nil {
					return err
				}
			}
			before, err := a.sc.Conversation(ctx, id)
			if err != nil {
				return err
			}
			c, err := a.sc.Step(ctx, id, st, note, a.now())
			if err != nil {
				return err
			}
			return a.emit(c, func(w io.Writer) {
				fmt.Fprintf(w, "Conversation #%d with %s is now %s.\n", c.ID, c.Person.Name, c.State.Label())
				if tip := stepTip(c.State); tip != "" {
					fmt.Fprintln(w, tip)
				}
				if c.State == model.StateCancelled && (before.State == model.StateScheduled || before.State == model.StateConfirmed) &&
					before.MeetingAt != nil && method.CancelIsLate(*before.MeetingAt, c.StateAt) {
					st, _ := a.sc.Settings(ctx)
					fmt.Fprintf(w, "%s\n\nA message you can adapt:\n\n%s\n", outreach.LateCancelAdvice,
						outreach.LateCancelNote(c.Person.Name, outreach.MeetingTime(*before.MeetingAt, st.Location()), st.UserName))
				}
			})
		},
	}
	cmd.Flags().StringVar(&at, "at", "", "when it happened (default now)")
	cmd.Flags().StringVar(&meeting, "for", "", "the meeting time (required with scheduled)")
	cmd.Flags().StringVar(&note, "note", "", "a note on this step")
	return cmd
}

// stepTip reminds the user what the method says comes next.
func stepTip(s model.State) string {
	switch s {
	case model.StateRequested:
		return "If there is no reply in 3 business days, reach out to someone else too; after 7, send one polite follow-up."
	case model.StateScheduled:
		return "Confirm about 48 hours before, research them and ready your questions, and arrive 15 minutes early."
	case model.StateHeld:
		return "Write your notes up now, and send a thank-you within 12 hours."
	case model.StateThanked:
		return "If someone referred you, tell them how it went."
	}
	return ""
}

func (a *app) activityCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "activity", Aliases: []string{"activities"}, Short: "Touches with people: emails, calls, articles shared..."}
	var at, note, convo string
	addCmd := &cobra.Command{
		Use:   "add PERSON KIND",
		Short: "Log a touch: email_sent, reply_received, call, meeting, note, article_shared, update_sent, thank_you_sent",
		Args:  args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			pid, name, err := a.sc.ResolvePerson(ctx, as[0])
			if err != nil {
				return err
			}
			act := &model.Activity{Person: model.Ref{ID: pid, Name: name}, Kind: model.ActivityKind(as[1]), Note: note}
			if act.At, err = a.parseTime("at", at); err != nil {
				return err
			}
			if convo != "" {
				if act.ConversationID, err = parseID("conversation", convo); err != nil {
					return err
				}
			}
			if err := a.sc.AddActivity(ctx, act, a.now()); err != nil {
				return err
			}
			return a.emit(act, func(w io.Writer) {
				fmt.Fprintf(w, "Logged %s with %s (activity %d).\n", strings.ReplaceAll(string(act.Kind), "_", " "), name, act.ID)
			})
		},
	}
	addCmd.Flags().StringVar(&at, "at", "", "when (default now)")
	addCmd.Flags().StringVar(&note, "note", "", "a note")
	addCmd.Flags().StringVar(&convo, "convo", "", "the conversation it belongs to")

	var limit int
	listCmd := &cobra.Command{
		Use:   "list [PERSON]",
		Short: "List activities, newest first",
		Args:  args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			f := store.ActivityFilter{Limit: limit}
			if len(as) == 1 {
				var err error
				if f.PersonID, _, err = a.sc.ResolvePerson(ctx, as[0]); err != nil {
					return err
				}
			}
			acts, err := a.sc.Activities(ctx, f)
			if err != nil {
				return err
			}
			if acts == nil {
				acts = []*model.Activity{}
			}
			return a.emit(acts, func(w io.Writer) {
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tWHEN\tPERSON\tKIND\tNOTE")
				for _, x := range acts {
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", x.ID, a.fmtTime(x.At), x.Person.Name, x.Kind, firstLine(x.Note))
				}
				tw.Flush()
			})
		},
	}
	listCmd.Flags().IntVar(&limit, "limit", 50, "show at most this many (0 for all)")

	var yes bool
	rmCmd := &cobra.Command{
		Use:   "rm ACTIVITY_ID",
		Short: "Remove an activity (asks for --yes)",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			id, err := parseID("activity", as[0])
			if err != nil {
				return err
			}
			if !yes {
				return usageError{fmt.Errorf("this removes activity %d for good; run again with --yes", id)}
			}
			if err := a.sc.DeleteActivity(ctx, id); err != nil {
				return err
			}
			return a.emit(map[string]int64{"deleted": id}, func(w io.Writer) { fmt.Fprintf(w, "Removed activity %d.\n", id) })
		},
	}
	rmCmd.Flags().BoolVar(&yes, "yes", false, "really remove")
	cmd.AddCommand(addCmd, listCmd, rmCmd)
	return cmd
}

// dueWords says when an action is due relative to now.
func dueWords(due, now time.Time, loc *time.Location) string {
	return method.When(due, now, loc)
}
