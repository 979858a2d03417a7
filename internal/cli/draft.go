package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/outreach"
)

// target reads PERSON (an id or a name) and --convo into an outreach target.
func (a *app) target(cmd *cobra.Command, as []string, convo string) (outreach.Target, error) {
	var t outreach.Target
	var err error
	if convo != "" {
		if t.ConversationID, err = parseID("conversation", convo); err != nil {
			return t, err
		}
	}
	if len(as) == 1 {
		if t.PersonID, _, err = a.sc.ResolvePerson(cmd.Context(), as[0]); err != nil {
			return t, err
		}
	}
	if t.PersonID == 0 && t.ConversationID == 0 {
		return t, usageError{fmt.Errorf("%s: name a person or give --convo ID", cmd.CommandPath())}
	}
	return t, nil
}

func (a *app) draftCommand() *cobra.Command {
	var kind, channel, convo string
	var r outreach.Request
	cmd := &cobra.Command{
		Use:   "draft [PERSON]",
		Short: "Write the message for a person's stage from your templates, filled and checked",
		Long: `Draft fills the right template for a person and their conversation: a first
request (through their referrer, something in common, or cold), a follow-up, a
confirmation, a thank-you, a report-back to the referrer or a keep-in-touch
note, as the conversation's stage calls for (--kind chooses another). It is
filled from the person, their referrer, organization, role and field, the
conversation's minutes, meeting time and place, and your profile (ally settings
--set user_name=... school=... year=... intro=...).

The first keep-in-touch note after a conversation tells them what you did with
their advice (--did "joined the budget officers' association"); later ones
share an article (--article) or an update.

The message goes to standard output (an email starts with its Subject line, so
it pipes into ally check); who it is for, the template used and the checker's
findings go to standard error. --json prints all of it with a mailto: link.`,
		Example: `  ally draft "Dana Brown"
  ally draft --convo 4 --kind thank_you --learned "how budget memos are written"
  ally draft "Joe Serra" --channel phone
  ally draft "Dana Brown" --kind keep_in_touch --did "joined the state budget officers' association"
  ally draft "Dana Brown" --json`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			var err error
			if kind != "" {
				if r.Kind, err = etiquette.ParseKind(kind); err != nil {
					return usageError{err}
				}
			}
			if channel != "" {
				if r.Channel, err = etiquette.ParseChannel(channel); err != nil {
					return usageError{err}
				}
			}
			if err := a.open(ctx); err != nil {
				return err
			}
			t, err := a.target(cmd, as, convo)
			if err != nil {
				return err
			}
			r.Now = a.now()
			d, err := outreach.Prepare(ctx, a.sc, t, r)
			var se *outreach.StageError
			if errors.As(err, &se) {
				return fmt.Errorf("%w (or pass --kind to write anyway)", err)
			}
			if err != nil {
				return err
			}
			if a.settings.UserName == "" {
				d.Notes = append(d.Notes, "your name is not set, so the message is unsigned: ally settings --set user_name='Your Name'")
			}
			return a.emit(d, func(w io.Writer) {
				fmt.Fprintln(w, d.Text())
				a.printDraftInfo(a.env.Stderr, d)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&convo, "convo", "", "the conversation (default: the person's most recent one)")
	fl.StringVar(&kind, "kind", "", "first_request, follow_up, confirm, thank_you, report_back, keep_in_touch or feeler (default: what the stage calls for)")
	fl.StringVar(&channel, "channel", "", "email, letter, phone or social (default: email if they have an address, else phone, else social)")
	fl.StringVar(&r.TemplateID, "template", "", "a template id (see ally template list)")
	fl.StringVar(&r.Learned, "learned", "", "one specific thing you learned (thank-you, report-back, keep in touch)")
	fl.StringVar(&r.Article, "article", "", "an article to share (keep in touch)")
	fl.StringVar(&r.AdviceTaken, "did", "", "what you did with their advice, completing \"Since then, I …\" (the first keep-in-touch note)")
	return cmd
}

// printDraftInfo says who a draft is for, how it was made and what the
// checker found.
func (a *app) printDraftInfo(w io.Writer, d *outreach.Draft) {
	to := d.To.Name
	if len(d.Addresses) > 0 {
		to += " <" + d.Addresses[0] + ">"
	}
	fmt.Fprintf(w, "\n-- %s to %s, %s template %s", outreach.KindLabel(d.Kind), to, d.Channel, d.TemplateID)
	if d.ConversationID != 0 {
		fmt.Fprintf(w, ", conversation #%d", d.ConversationID)
	}
	fmt.Fprintln(w)
	for _, n := range d.Notes {
		fmt.Fprintf(w, "-- note: %s\n", n)
	}
	if len(d.Findings) == 0 {
		fmt.Fprintln(w, "-- the checker found nothing to change")
	}
	text := d.Text()
	for _, f := range d.Findings {
		line, col := etiquette.LineCol(text, f.Start)
		fmt.Fprintf(w, "-- %d:%d %s [%s] %s\n", line, col, f.Rule, f.Severity, f.Message)
	}
	if d.ConversationID != 0 {
		fmt.Fprintf(w, "-- once sent: ally sent %d --kind %s%s\n", d.ConversationID, d.Kind, channelFlag(d.Channel))
	}
}

func channelFlag(ch etiquette.Channel) string {
	if ch == etiquette.Email {
		return ""
	}
	return " --channel " + string(ch)
}
