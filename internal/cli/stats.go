package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/outreach"
)

func (a *app) statsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: "How your requests fare: sent, reply rate and median days to reply, by source and channel",
		Long: `Stats counts every request you logged (each requested step; asking again after
a decline is a new request). A request is answered by the first reply logged on
its conversation, or by it being scheduled, held or declined; it is awaiting
while the conversation is still requested or followed up. Days to reply are
calendar days.

Sources: referral (someone referred you), commonality (you noted something in
common, or know them as a friend, relative, classmate, professor, supervisor,
coworker, fellow alumnus, association member, author you read or someone met at
an event), cold (everyone else). Channels come from "ally sent", else from the
step's note ("Email", "LinkedIn message", "asked in person").`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			st, err := outreach.LoadStats(ctx, a.sc)
			if err != nil {
				return err
			}
			return a.emit(st, func(w io.Writer) { printStats(w, st) })
		},
	}
}

func printStats(w io.Writer, st outreach.Stats) {
	if st.All.Sent == 0 {
		fmt.Fprintln(w, "No requests logged yet. When you send one: ally sent CONVO_ID --kind first_request")
		return
	}
	fmt.Fprintf(w, "%s sent, %d answered (%s), %d awaiting; %s.\n", countWords(st.All.Sent, "request", "requests"),
		st.All.Replied, percent(st.All.ReplyRate), st.All.Awaiting, medianWords(st.All))
	for _, part := range []struct {
		title  string
		groups []outreach.Group
	}{{"SOURCE", st.BySource}, {"CHANNEL", st.ByChannel}} {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "%s\tSENT\tANSWERED\tRATE\tAWAITING\tMEDIAN DAYS\n", part.title)
		for _, g := range part.groups {
			median := "-"
			if g.MedianDaysToReply != nil {
				median = fmt.Sprintf("%.1f", *g.MedianDaysToReply)
			}
			rate := "-"
			if g.Sent > 0 {
				rate = percent(g.ReplyRate)
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%s\n", g.Key, g.Sent, g.Replied, rate, g.Awaiting, median)
		}
		tw.Flush()
	}
	if t := st.ThankYous; t.Held > 0 {
		fmt.Fprintf(w, "\nThank-yous: %d of %s thanked, %d within %d hours (on time).\n", t.Thanked, countWords(t.Held, "meeting", "meetings"), t.OnTime, t.Hours)
	}
}

func percent(r float64) string { return fmt.Sprintf("%.0f%%", r*100) }

func medianWords(g outreach.Group) string {
	if g.MedianDaysToReply == nil {
		return "no answer yet"
	}
	return fmt.Sprintf("median %.1f days to an answer", *g.MedianDaysToReply)
}
