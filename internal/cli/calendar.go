package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/web"
)

// baseURL is where the links Ally prints point: --base-url, else
// ALLY_BASE_URL, else the address the last `ally serve` on this database
// ran with, else the default address.
func (a *app) baseURL(ctx context.Context, flag string) (string, error) {
	if flag != "" {
		u, err := config.ParseBaseURL(flag)
		if err != nil {
			return "", model.Invalid("base-url", "%v", err)
		}
		return u, nil
	}
	if a.cfg.BaseURL != "" {
		return a.cfg.BaseURL, nil
	}
	u, err := a.st.RecordedBaseURL(ctx)
	if err != nil || u != "" {
		return u, err
	}
	return config.DefaultBaseURL(a.cfg.Addr), nil
}

func (a *app) calendarCommand() *cobra.Command {
	var out, base string
	cmd := &cobra.Command{
		Use:   "calendar CONVO_ID",
		Short: "An .ics file of a conversation's meeting, and the private calendar feed",
		Long: `Write an iCalendar (.ics) file for one conversation's meeting, for any
calendar: the time asked for, the place, the person and a link to the guide,
with reminders 48 hours before (confirm the meeting) and 15 minutes before
(arrive early). "ally calendar feed" makes a private address calendars
subscribe to instead.`,
		Example: "  ally calendar 12 -o interview.ics\n  ally calendar feed --new",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			id, err := parseID("conversation", as[0])
			if err != nil {
				return err
			}
			if err := a.open(ctx); err != nil {
				return err
			}
			b, err := a.baseURL(ctx, base)
			if err != nil {
				return err
			}
			e, loc, err := a.sc.ConversationEvent(ctx, id, web.GuideLink(b), a.now())
			if err != nil {
				return err
			}
			return a.writeExport(out, 0, func(w io.Writer) error {
				return interop.WriteICS(w, web.CalendarName, loc, []interop.Event{e}, nil)
			})
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().StringVar(&base, "base-url", "", "where Ally's web pages are, for the links (default $ALLY_BASE_URL, else the address ally serve last ran at)")
	cmd.AddCommand(a.calendarFeedCommand())
	return cmd
}

// FeedOut is the calendar feed as `ally calendar feed` prints it.
type FeedOut struct {
	URL       string     `json:"url,omitempty"`
	CreatedAt *time.Time `json:"created_at,omitempty"`
	Revoked   bool       `json:"revoked,omitempty"`
}

func (a *app) calendarFeedCommand() *cobra.Command {
	var makeNew, revoke bool
	var base string
	cmd := &cobra.Command{
		Use:   "feed",
		Short: "Show, make or revoke the private calendar feed address",
		Long: `A private address that calendar apps subscribe to: your scheduled
conversations, and the agenda's next actions as all-day entries, refreshed
by the calendar itself. Anyone with the address can read it: --new makes a
new address (the old one stops working), --revoke ends the feed.`,
		Example: "  ally calendar feed --new\n  ally calendar feed --revoke",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if makeNew && revoke {
				return usageError{fmt.Errorf("--new and --revoke go one at a time")}
			}
			if err := a.open(ctx); err != nil {
				return err
			}
			b, err := a.baseURL(ctx, base)
			if err != nil {
				return err
			}
			if revoke {
				had, err := a.sc.RevokeCalendarFeed(ctx)
				if err != nil {
					return err
				}
				return a.emit(FeedOut{Revoked: had}, func(w io.Writer) {
					if had {
						fmt.Fprintln(w, "Revoked the calendar feed: its address answers \"not found\" from now on.")
					} else {
						fmt.Fprintln(w, "There was no calendar feed to revoke.")
					}
				})
			}
			feed, err := a.sc.CalendarFeed(ctx)
			if makeNew {
				feed, err = a.sc.NewCalendarFeed(ctx, a.now())
			}
			if err != nil {
				return err
			}
			if feed == nil {
				return a.emit(FeedOut{}, func(w io.Writer) {
					fmt.Fprintln(w, "No calendar feed yet. Make one with: ally calendar feed --new")
				})
			}
			o := FeedOut{URL: web.CalendarFeedURL(b, feed.Secret), CreatedAt: &feed.CreatedAt}
			return a.emit(o, func(w io.Writer) {
				if makeNew {
					fmt.Fprintln(w, "Made a new calendar feed; any earlier address stops working.")
				}
				fmt.Fprintf(w, "Subscribe to this address in your calendar (keep it private; ally serve must be running):\n  %s\n", o.URL)
				fmt.Fprintf(w, "Made %s. A new one: ally calendar feed --new; none: ally calendar feed --revoke\n", a.fmtTime(feed.CreatedAt))
			})
		},
	}
	cmd.Flags().BoolVar(&makeNew, "new", false, "make a new secret address (the old one stops working)")
	cmd.Flags().BoolVar(&revoke, "revoke", false, "end the feed")
	cmd.Flags().StringVar(&base, "base-url", "", "where Ally's web server is reached, for the address (default $ALLY_BASE_URL, else the address ally serve last ran at)")
	return cmd
}
