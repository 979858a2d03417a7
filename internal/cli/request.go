package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// The requests of a career center (issue 10) as one of its users: the
// same store calls and the same JSON as the API's /api/v1/requests.

const requestAsHelp = `--as EMAIL acts as that user. It exists because the CLI connects to the
database itself, as an operator with direct access does; it is not part of
the API, where a user acts as themselves. Times (--at, --propose, --time)
are read, and shown, in that user's time zone.`

func (a *app) requestCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "request",
		Short: "A career center's requests to volunteers: send, answer and follow them as one of its users",
		Long: `A career center's requests: a student asks a volunteer for a short
conversation; the volunteer accepts, declines, or lets it expire; after the
meeting each side says how it went. The limits that protect volunteers
refuse a request with the rule that stopped it, as the API does.

` + requestAsHelp,
	}
	cmd.AddCommand(a.requestSendCommand(), a.requestListCommand(), a.requestShowCommand())
	for _, s := range requestSteps() {
		cmd.AddCommand(a.requestStepCommand(s))
	}
	cmd.AddCommand(a.requestFeedbackCommand())
	return cmd
}

// actAs opens the center and returns the active account --as names; from
// then on the command's times are read and shown in that account's zone.
func (a *app) actAs(cmd *cobra.Command, email string) (model.Account, error) {
	if strings.TrimSpace(email) == "" {
		return model.Account{}, usageError{fmt.Errorf("%s needs --as EMAIL: the user who acts", cmd.CommandPath())}
	}
	ctx := cmd.Context()
	if err := a.openCenter(ctx); err != nil {
		return model.Account{}, err
	}
	acct, _, err := a.accountByEmail(cmd, email)
	if err != nil {
		return acct, err
	}
	if !acct.Active() {
		return acct, model.Invalid("as", "%s's account is %s: it may do nothing until an advisor enables it", acct.Email, acct.Status)
	}
	if a.loc, err = a.st.AccountTimeZone(ctx, acct.ID); err != nil {
		return acct, err
	}
	return acct, nil
}

// fmtWhen shows a time in the acting user's zone, with the zone's name.
func (a *app) fmtWhen(t *time.Time) string {
	if t == nil || t.IsZero() {
		return "-"
	}
	return center.FormatTime(*t, a.loc)
}

func (a *app) requestSendCommand() *cobra.Command {
	var as, field, purpose, messageFile, channel, at, override string
	var minutes int
	var propose []string
	cmd := &cobra.Command{
		Use:   "send VOLUNTEER_EMAIL",
		Short: "Send a student's request to a volunteer, checked by the etiquette checker and the limits",
		Long: `Send a request from the student --as to a volunteer: the career field, the
minutes asked (15, 20 or 30), how to talk (--channel: video, phone, in person
or email; default the first the volunteer offers), up to three --propose
times or none for "at your convenience", and the message read from --message
FILE ("-" reads standard input).

The etiquette checker reads the message first. If it asks for a job or
offers a resume the request is refused (rule "checker"), unless
--checker-wrong says in a word why the checker is wrong here: it then goes
out flagged for an advisor's review. A limit that protects volunteers
refuses it with its rule (pending_limit, one_per_volunteer, capacity, full,
paused, blocked, reported), and the exit code is 1.

` + requestAsHelp,
		Example: `  ally request send dana@example.com --as sam@westlake.edu --field "Public policy" --minutes 20 --message request.txt \
      --propose "2026-12-08 10:00" --propose "2026-12-09 15:30"
  ally request send dana@example.com --as sam@westlake.edu --field Law --minutes 15 --message - --channel phone --json < request.txt`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ctx := cmd.Context()
			if messageFile == "" {
				return usageError{errors.New(`request send needs --message FILE: the message to the volunteer ("-" reads standard input)`)}
			}
			student, err := a.actAs(cmd, as)
			if err != nil {
				return err
			}
			if !student.Has(model.RoleStudent) {
				return model.Invalid("as", "%s is not a student: only the center's students send requests", student.Email)
			}
			vol, _, err := a.accountByEmail(cmd, argv[0])
			if err != nil {
				return err
			}
			if !vol.Has(model.RoleVolunteer) {
				return model.Invalid("volunteer", "%s is not a volunteer: requests go to the center's volunteers", vol.Email)
			}
			now, err := a.parseTime("at", at)
			if err != nil {
				return err
			}
			message, err := a.readMessage(messageFile)
			if err != nil {
				return err
			}
			d := center.Draft{StudentID: student.ID, VolunteerID: vol.ID, Field: field, Purpose: purpose, Message: message,
				Minutes: minutes, Channel: channel, Override: override}
			for _, raw := range propose {
				t, err := method.ParseTime(raw, now, a.loc)
				if err != nil {
					return model.Invalid("propose", "%v", err)
				}
				d.ProposedTimes = append(d.ProposedTimes, t)
			}
			if d.Channel == "" {
				p, _, err := a.st.VolunteerProfile(ctx, vol.ID)
				if err != nil {
					return err
				}
				d.Channel = string(model.Channels()[0])
				if len(p.Channels) > 0 {
					d.Channel = string(p.Channels[0])
				}
			}
			set, err := a.st.CenterRules(ctx)
			if err != nil {
				return err
			}
			findings := center.CheckDraft(d, vol.Name)
			sent, err := a.st.SendRequest(ctx, set, d, findings, now)
			if err != nil {
				return err
			}
			item, err := a.st.RequestFor(ctx, set, sent.ID, student.ID, false)
			if err != nil {
				return err
			}
			return a.emit(item, func(w io.Writer) {
				when := "at their convenience"
				if len(item.ProposedTimes) > 0 {
					when = "proposing " + a.fmtTimes(item.ProposedTimes)
				}
				fmt.Fprintf(w, "Sent request %d to %s: %s, %d minutes by %s, %s.\n", item.ID, item.Volunteer.Name, item.Field, item.Minutes,
					strings.ReplaceAll(item.Channel, "_", " "), when)
				fmt.Fprintf(w, "It waits for an answer until %s.\n", a.fmtWhen(item.ExpiresAt))
				if item.Flagged {
					fmt.Fprintln(w, "It goes out flagged for an advisor's review, with your word on why the checker is wrong here.")
				}
				var warnings []etiquette.Finding
				for _, f := range findings {
					if f.Severity != etiquette.Error {
						warnings = append(warnings, f)
					}
				}
				if len(warnings) > 0 {
					fmt.Fprintln(w, "The checker's advice for next time:")
					printFindings(w, message, warnings)
				}
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&as, "as", "", "the student who sends it")
	fl.StringVar(&field, "field", "", "the career field to learn about")
	fl.StringVar(&purpose, "purpose", "", "what the student hopes to learn, in a line")
	fl.IntVar(&minutes, "minutes", 20, "the minutes asked: 15, 20 or 30")
	fl.StringVar(&messageFile, "message", "", `the file holding the message ("-": standard input)`)
	fl.StringVar(&channel, "channel", "", "video, phone, in person or email (default: the first the volunteer offers)")
	fl.StringArrayVar(&propose, "propose", nil, "a time to propose (repeat, up to three; none: at the volunteer's convenience)")
	fl.StringVar(&at, "at", "", "send it as of this time (default now)")
	fl.StringVar(&override, "checker-wrong", "", "why the etiquette checker's error is wrong here: the request goes out flagged for an advisor")
	return cmd
}

// maxMessage is the largest message read from a file, as the API's body.
const maxMessage = 1 << 20

// readMessage reads the request's message from a file or standard input.
func (a *app) readMessage(name string) (string, error) {
	in, done, err := a.openInput(name, "message")
	if err != nil {
		return "", model.Invalid("message", "%v", err)
	}
	defer done()
	b, err := io.ReadAll(io.LimitReader(in, maxMessage+1))
	if err != nil {
		return "", model.Invalid("message", "read %s: %v", name, err)
	}
	if len(b) > maxMessage {
		return "", model.Invalid("message", "%s is over 1 MiB: a request is a short message", name)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n"), nil
}

// fmtTimes shows times in the acting user's zone, with "; " between.
func (a *app) fmtTimes(ts []time.Time) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = center.FormatTime(t, a.loc)
	}
	return strings.Join(out, "; ")
}

// requestView is the view a list is read with: the one asked for, or the
// first of student, volunteer and advisor the account's roles allow (as
// the API's GET /api/v1/requests chooses).
func requestView(acct model.Account, asked string) (store.RequestView, error) {
	roles := map[store.RequestView]model.Role{store.ViewStudent: model.RoleStudent, store.ViewVolunteer: model.RoleVolunteer,
		store.ViewAdvisor: model.RoleAdvisor}
	order := []store.RequestView{store.ViewStudent, store.ViewVolunteer, store.ViewAdvisor}
	if asked == "" {
		for _, v := range order {
			if acct.Has(roles[v]) {
				return v, nil
			}
		}
		return "", model.Invalid("as", "%s is not a student, a volunteer nor an advisor: they have no requests to list", acct.Email)
	}
	v := store.RequestView(asked)
	role, ok := roles[v]
	if !ok {
		return "", model.Invalid("view", "%q is not a view; views are student, volunteer and advisor", asked)
	}
	if !acct.Has(role) {
		return "", model.Invalid("view", "%s is not %s of the center", acct.Email, article(string(role)))
	}
	return v, nil
}

func (a *app) requestListCommand() *cobra.Command {
	var as, view, state string
	var page, perPage int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the requests a user sees: a student's own, a volunteer's, or every request's metadata for an advisor",
		Long: `List, newest first, the requests the user --as sees: the requests a student
sent, those sent to a volunteer, or (--view advisor) every request's metadata.
The default view is the first of student, volunteer and advisor the user's
roles allow. A side's email shows only where the user may see it: their
own, and the other side's once the volunteer accepted. --json prints the
same keys as the API's GET /api/v1/requests.

` + requestAsHelp,
		Example: "  ally request list --as sam@westlake.edu\n  ally request list --as dana@example.com --state pending --json",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			acct, err := a.actAs(cmd, as)
			if err != nil {
				return err
			}
			q := store.RequestQuery{ViewerID: acct.ID, Page: page, PerPage: perPage}
			if q.View, err = requestView(acct, view); err != nil {
				return err
			}
			if state != "" {
				if q.State, err = center.ParseState(state); err != nil {
					return err
				}
			}
			if page < 1 || perPage < 1 || perPage > store.MaxRequestsPerPage {
				return usageError{fmt.Errorf("--page must be 1 or more and --per-page between 1 and %d", store.MaxRequestsPerPage)}
			}
			set, err := a.st.CenterRules(ctx)
			if err != nil {
				return err
			}
			list, err := a.st.ListRequests(ctx, set, q, a.now())
			if err != nil {
				return err
			}
			return a.emit(list, func(w io.Writer) { a.printRequests(w, q.View, list) })
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&as, "as", "", "the user whose requests to list")
	fl.StringVar(&view, "view", "", "student, volunteer or advisor (default: the first the user's roles allow)")
	fl.StringVar(&state, "state", "", "only requests in this state ("+strings.Join(stateNames(), ", ")+")")
	fl.IntVar(&page, "page", 1, "which page")
	fl.IntVar(&perPage, "per-page", store.DefaultRequestsPerPage, "requests a page")
	return cmd
}

func stateNames() []string {
	var out []string
	for _, s := range center.States() {
		out = append(out, string(s))
	}
	return out
}

// party shows a side of a request: the name, with the email when shown.
func party(p store.RequestParty) string {
	if p.Email != "" {
		return p.Name + " <" + p.Email + ">"
	}
	return p.Name
}

// printRequests writes a page of requests as a table.
func (a *app) printRequests(w io.Writer, view store.RequestView, list store.RequestList) {
	switch view {
	case store.ViewStudent:
		fmt.Fprintf(w, "%d of your requests waiting for an answer (at most %d).\n", list.Pending, list.Limit)
	case store.ViewVolunteer:
		fmt.Fprintf(w, "%s waiting for your answer.\n", countWords(list.Pending, "request", "requests"))
	}
	if list.Total == 0 {
		fmt.Fprintln(w, "No requests.")
		return
	}
	with := map[store.RequestView]string{store.ViewStudent: "VOLUNTEER", store.ViewVolunteer: "STUDENT", store.ViewAdvisor: "STUDENT → VOLUNTEER"}[view]
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\tSTATE\t%s\tFIELD\tMINUTES\tCHANNEL\tMEETING\tSENT\tEXPIRES\n", with)
	for _, r := range list.Requests {
		other := party(r.Volunteer)
		switch view {
		case store.ViewVolunteer:
			other = party(r.Student)
		case store.ViewAdvisor:
			other = party(r.Student) + " → " + party(r.Volunteer)
		}
		meeting := a.fmtWhen(r.MeetingAt)
		if r.MeetingAt == nil {
			meeting = "their convenience"
			if len(r.ProposedTimes) > 0 {
				meeting = "proposed " + a.fmtTimes(r.ProposedTimes)
			}
			if !r.State.Open() && r.State != center.StateAccepted {
				meeting = "-"
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", r.ID, r.State, other, r.Field, r.Minutes, strings.ReplaceAll(r.Channel, "_", " "),
			meeting, a.fmtWhen(&r.CreatedAt), a.fmtWhen(r.ExpiresAt))
	}
	tw.Flush()
	fmt.Fprintf(w, "Page %d of %d (%s).\n", list.Page, list.Pages, countWords(list.Total, "request", "requests"))
}

// requestAs is the account --as names and the request raw names, with
// the account's side on it: its student, its volunteer, or an advisor;
// anyone else finds no such request (as the API answers them).
func (a *app) requestAs(cmd *cobra.Command, as, raw string) (model.Account, center.Request, center.Actor, error) {
	id, err := parseID("request", raw)
	if err != nil {
		return model.Account{}, center.Request{}, "", err
	}
	acct, err := a.actAs(cmd, as)
	if err != nil {
		return acct, center.Request{}, "", err
	}
	req, err := a.st.Request(cmd.Context(), id)
	if err != nil {
		return acct, req, "", err
	}
	if by := req.PartyOf(acct.ID); by != "" {
		return acct, req, by, nil
	}
	if acct.Has(model.RoleAdvisor) {
		return acct, req, center.ActorAdvisor, nil
	}
	return acct, req, "", &store.NotFoundError{Kind: "request", Key: fmt.Sprint(id)}
}

func (a *app) requestShowCommand() *cobra.Command {
	var as string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "One request as the user sees it, with its words where they may read them",
		Long: `One request as the user --as sees it. Its two sides read its words; an
advisor reads its metadata, and its words only once it was reported. --json
prints the same keys as the API's GET /api/v1/requests/{id}.

` + requestAsHelp,
		Example: "  ally request show 12 --as dana@example.com",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			acct, req, by, err := a.requestAs(cmd, as, args[0])
			if err != nil {
				return err
			}
			return a.showRequest(cmd, req.ID, acct, by, "")
		},
	}
	cmd.Flags().StringVar(&as, "as", "", "the user who reads it")
	return cmd
}

// showRequest prints request id as acct sees it, after a line saying what
// was done (none: "").
func (a *app) showRequest(cmd *cobra.Command, id int64, acct model.Account, by center.Actor, done string) error {
	ctx := cmd.Context()
	set, err := a.st.CenterRules(ctx)
	if err != nil {
		return err
	}
	item, err := a.st.RequestFor(ctx, set, id, acct.ID, by == center.ActorAdvisor)
	if err != nil {
		return err
	}
	return a.emit(item, func(w io.Writer) {
		if done != "" {
			fmt.Fprintln(w, done)
		}
		fmt.Fprintf(w, "Request %d is %s.\n", item.ID, item.State.Label())
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		row := func(k, v string) {
			if v != "" {
				fmt.Fprintf(tw, "%s:\t%s\n", k, v)
			}
		}
		row("Student", party(item.Student))
		row("Volunteer", party(item.Volunteer))
		row("Field", item.Field)
		row("Asked", fmt.Sprintf("%d minutes by %s", item.Minutes, strings.ReplaceAll(item.Channel, "_", " ")))
		if len(item.ProposedTimes) > 0 {
			row("Proposed", a.fmtTimes(item.ProposedTimes))
		}
		if item.MeetingAt != nil {
			row("Meeting", a.fmtWhen(item.MeetingAt))
		}
		row("Sent", a.fmtWhen(&item.CreatedAt))
		if item.AnsweredAt != nil {
			row("Answered", a.fmtWhen(item.AnsweredAt))
		}
		if item.ExpiresAt != nil {
			row("Expires", a.fmtWhen(item.ExpiresAt))
		}
		row("Declined", item.DeclineReason)
		if item.Flagged {
			row("Review", "sent over the checker, for an advisor to review")
		}
		if d := item.Detail; d != nil {
			row("Purpose", d.Purpose)
			row("Override", d.Override)
			row("Question", d.Question)
			row("Answer", d.Answer)
			row("Reason", d.Reason)
			row("Thank-you", d.ThankYou)
		}
		tw.Flush()
		if d := item.Detail; d != nil && d.Message != "" {
			fmt.Fprintf(w, "\n%s\n", d.Message)
		}
	})
}

// requestStep is one of the steps `ally request` takes on a request, as
// the API's POST /api/v1/requests/{id}/STEP.
type requestStep struct {
	use, short, long string
	action           center.Action
	time, reason     bool // takes --time, --reason
}

func requestSteps() []requestStep {
	return []requestStep{
		{use: "accept", action: center.ActAccept, time: true, short: "Accept a request, as its volunteer: you then see each other's contact details",
			long: `Accept the request, as its volunteer. --time is the meeting time: one of the
student's proposed times, or another (none leaves it to agree later). It
must fit in this month's capacity; the student's other requests waiting in
the same field are withdrawn.`},
		{use: "decline", action: center.ActDecline, reason: true, short: "Decline a request, as its volunteer, with a kind reason",
			long: `Decline the request, as its volunteer. --reason is one of not_my_field,
no_time or suggest_someone (with --text naming who), or your own words.`},
		{use: "cancel", action: center.ActCancel, reason: true, short: "Cancel a conversation, or withdraw a request still waiting (a student)",
			long: `Cancel the conversation with --reason. A student's cancel of a request still
waiting for an answer withdraws it; a student's cancel under the center's
limit (24 hours) before the meeting counts as late.`},
		{use: "no-show", action: center.ActNoShow, short: "Say the student did not come to the conversation, as its volunteer",
			long: `Say the student did not come, as the request's volunteer (or correct it, as
an advisor). No-shows and late cancellations block new requests once there
are too many.`},
		{use: "held", action: center.ActHeld, time: true, short: "Say the conversation happened",
			long: `Say the conversation was held, as either side (or correct a no-show, as an
advisor). --time gives when, if no time was agreed.`},
	}
}

func (a *app) requestStepCommand(s requestStep) *cobra.Command {
	var as, at, when, reason, text string
	cmd := &cobra.Command{
		Use:     s.use + " ID",
		Short:   s.short,
		Long:    s.long + "\n\n" + requestAsHelp,
		Example: fmt.Sprintf("  ally request %s 12 --as dana@example.com", s.use),
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			acct, req, by, err := a.requestAs(cmd, as, args[0])
			if err != nil {
				return err
			}
			now, err := a.parseTime("at", at)
			if err != nil {
				return err
			}
			st := center.Step{Action: s.action, By: by, At: now, Text: reason}
			if when != "" {
				if st.MeetingAt, err = method.ParseTime(when, now, a.loc); err != nil {
					return model.Invalid("time", "%v", err)
				}
			}
			switch s.action {
			case center.ActDecline:
				st.DeclineReason, st.Text = center.ParseDecline(reason, text)
			case center.ActCancel:
				st.Action = req.CancelAction(by)
			}
			set, err := a.st.CenterRules(ctx)
			if err != nil {
				return err
			}
			_, withdrawn, err := a.st.StepRequest(ctx, set, req.ID, acct.ID, st)
			if err != nil {
				return err
			}
			done := ""
			if len(withdrawn) > 0 {
				done = "The student's other request in this field was withdrawn; its volunteer is told."
				if len(withdrawn) > 1 {
					done = fmt.Sprintf("The student's %d other requests in this field were withdrawn; each volunteer is told.", len(withdrawn))
				}
			}
			return a.showRequest(cmd, req.ID, acct, by, done)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&as, "as", "", "the user who takes the step")
	fl.StringVar(&at, "at", "", "take it as of this time (default now)")
	if s.time {
		fl.StringVar(&when, "time", "", "the meeting time")
	}
	if s.reason {
		fl.StringVar(&reason, "reason", "", "why")
	}
	if s.action == center.ActDecline {
		fl.StringVar(&text, "text", "", "with --reason suggest_someone: who; otherwise more words")
	}
	return cmd
}

func (a *app) requestFeedbackCommand() *cobra.Command {
	var as, at, note string
	var rating int
	cmd := &cobra.Command{
		Use:   "feedback ID",
		Short: "Rate a conversation that was held, once, privately to the advisors",
		Long: `Give feedback on a held conversation, once, as either side: the student
rates how useful it was (1-5) and may write a thank-you note the volunteer
reads; the volunteer rates how prepared the student was (1-5) and may add a
word for the advisors. Nobody ever sees a rating about them: the advisors
see ratings only in aggregate.

` + requestAsHelp,
		Example: `  ally request feedback 12 --as sam@westlake.edu --rating 5 --note "Thank you for the hour on budgets."`,
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			acct, req, by, err := a.requestAs(cmd, as, args[0])
			if err != nil {
				return err
			}
			if by == center.ActorAdvisor {
				return &store.NotFoundError{Kind: "request", Key: args[0]}
			}
			now, err := a.parseTime("at", at)
			if err != nil {
				return err
			}
			f, err := a.st.GiveFeedback(cmd.Context(), req.ID, acct.ID, center.Feedback{By: by, Rating: rating, Note: note}, now)
			if err != nil {
				return err
			}
			return a.emit(store.ReceiptOf(req.ID, f, now), func(w io.Writer) {
				fmt.Fprintf(w, "Thank you: your feedback on request %d is kept. Ratings go to the advisors only, in aggregate.\n", req.ID)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&as, "as", "", "the student or volunteer who gives it")
	fl.IntVar(&rating, "rating", 0, "1 to 5")
	fl.StringVar(&note, "note", "", "the student's thank-you note, or the volunteer's word for the advisors")
	fl.StringVar(&at, "at", "", "as of this time (default now)")
	return cmd
}
