package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/mailer"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
)

// splitSubject separates an email's leading "Subject:" line from its body.
func splitSubject(text string) (subject, body string) {
	text = strings.TrimLeft(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	first, rest, _ := strings.Cut(text, "\n")
	if len(first) >= len("subject:") && strings.EqualFold(first[:len("subject:")], "subject:") {
		return strings.TrimSpace(first[len("subject:"):]), strings.TrimSpace(rest)
	}
	return "", strings.TrimSpace(text)
}

func (a *app) sentCommand() *cobra.Command {
	var kind, channel, at, person, file, note string
	var s outreach.Sent
	var send bool
	cmd := &cobra.Command{
		Use:   "sent [CONVO_ID]",
		Short: "Log a message you sent (or --send it by SMTP): the activity, and the lifecycle step it means",
		Long: `Sent logs a message to a person and moves their conversation along, in one go:

  first_request  → requested          thank_you      → thanked (thank_you_sent)
  follow_up      → followed_up        report_back    → reported_back (with the referrer)
  confirm        → confirmed          keep_in_touch  → keeping_in_touch after a thank-you
  feeler         → no step            (update_sent, or article_shared with --article)

A step the conversation cannot take now is refused and nothing is logged. Give
the text you sent with --file (an email may start with its Subject line) to keep
it with the conversation. With --send, Ally sends it by email through your SMTP
server first (ally settings --set smtp_host=... smtp_from=... smtp_username=...
smtp_password=...): the text of --file, or else the draft for the kind; a
message the checker finds an error in is not sent.`,
		Example: `  ally sent 4 --kind first_request
  ally sent 4 --kind thank_you --at "yesterday 18:30" --file thanks.txt
  ally sent --person "Elena Vasquez" --kind keep_in_touch --article
  ally draft --convo 4 > msg.txt && ally sent 4 --kind first_request --file msg.txt --send`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			var err error
			if kind == "" {
				return usageError{errors.New("ally sent: say which message with --kind (first_request, follow_up, confirm, thank_you, report_back, keep_in_touch or feeler)")}
			}
			if s.Kind, s.Channel, err = parseKindChannel(kind, channel); err != nil {
				return err
			}
			if err := a.open(ctx); err != nil {
				return err
			}
			convo := ""
			if len(as) == 1 {
				convo = as[0]
			}
			var pa []string
			if person != "" {
				pa = []string{person}
			}
			if s.Target, err = a.target(cmd, pa, convo); err != nil {
				return err
			}
			if s.At, err = a.parseTime("at", at); err != nil {
				return err
			}
			s.Note = note
			if file != "" {
				text, err := a.readText(file)
				if err != nil {
					return err
				}
				s.Subject, s.Body = splitSubject(text)
			}
			var res *outreach.SentResult
			if send {
				res, err = a.sendMail(cmd, s, file != "")
			} else {
				res, err = outreach.MarkSent(ctx, a.sc, s, a.now())
			}
			if err != nil {
				return err
			}
			return a.emit(res, func(w io.Writer) { a.printSent(w, s, res) })
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&kind, "kind", "", "the message: first_request, follow_up, confirm, thank_you, report_back, keep_in_touch or feeler (required)")
	fl.StringVar(&channel, "channel", "email", "how it went: email, letter, phone (a call) or social")
	fl.StringVar(&at, "at", "", "when it was sent (default now)")
	fl.StringVar(&person, "person", "", "the person, for a keep-in-touch or feeler note without a conversation")
	fl.StringVar(&file, "file", "", "the text you sent (- for standard input)")
	fl.StringVar(&note, "note", "", "a note for the step and the activity (default: what was sent)")
	fl.StringVar(&s.TemplateID, "template", "", "the template it came from")
	fl.BoolVar(&s.Article, "article", false, "a keep-in-touch note that shares an article")
	fl.BoolVar(&send, "send", false, "send it by email through your SMTP server first")
	return cmd
}

// sendMail sends through the configured SMTP server, with the draft for
// the kind when no text was given.
func (a *app) sendMail(cmd *cobra.Command, s outreach.Sent, haveText bool) (*outreach.SentResult, error) {
	ctx := cmd.Context()
	cfg, ok := mailer.ConfigFromSettings(a.settings)
	if !ok {
		return nil, errors.New("no SMTP server is set, so Ally cannot send: set smtp_host, smtp_from, smtp_username and smtp_password with ally settings --set, or send it from your mail app and run ally sent without --send")
	}
	sender, err := mailer.NewSMTP(cfg, a.env.Clock)
	if err != nil {
		return nil, fmt.Errorf("%w (change it with ally settings --set KEY=VALUE)", err)
	}
	if !haveText {
		d, err := outreach.Prepare(ctx, a.sc, s.Target, outreach.Request{Kind: s.Kind, Channel: s.Channel, TemplateID: s.TemplateID, Now: a.now()})
		if err != nil {
			return nil, err
		}
		s.Subject, s.Body, s.TemplateID, s.Channel = d.Subject, d.Body, d.TemplateID, d.Channel
	}
	return outreach.Send(ctx, a.sc, sender, s, a.now())
}

func (a *app) printSent(w io.Writer, s outreach.Sent, res *outreach.SentResult) {
	verb := "Logged"
	if res.Message.Via == store.ViaSMTP {
		verb = "Sent and logged"
	}
	fmt.Fprintf(w, "%s the %s to %s (%s, activity %d).\n", verb, outreach.KindLabel(s.Kind), res.Message.Person.Name,
		strings.ReplaceAll(string(res.Activity.Kind), "_", " "), res.Activity.ID)
	if c := res.Conversation; c != nil {
		if res.Step != "" {
			fmt.Fprintf(w, "Conversation #%d with %s is now %s.\n", c.ID, c.Person.Name, c.State.Label())
			if tip := stepTip(c.State); tip != "" {
				fmt.Fprintln(w, tip)
			}
		} else {
			fmt.Fprintf(w, "Conversation #%d with %s stays %s.\n", c.ID, c.Person.Name, c.State.Label())
		}
	}
}
