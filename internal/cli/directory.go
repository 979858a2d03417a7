package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/photo"
)

func (a *app) volunteerCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "volunteer",
		Short: "A career center's volunteers: their directory profiles",
	}
	cmd.AddCommand(a.volunteerSetCommand())
	return cmd
}

// splitLocation reads "City, Country" (the last comma parts them); one
// word without a comma is a city.
func splitLocation(s string) (city, country string) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, ","); i >= 0 {
		return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	}
	return s, ""
}

// volunteerFlags are the profile's flags of volunteer set.
var volunteerFlags = []string{"name", "employer", "title", "degree", "location", "bio", "ask-me-about", "field", "major", "language",
	"industry", "grad-year", "capacity", "channel", "pause-until", "photo", "no-photo"}

func (a *app) volunteerSetCommand() *cobra.Command {
	var name, employer, title, location, pauseUntil, bio, ask, degree, photoFile, mail string
	var noPhoto bool
	var fields, majors, channels, languages, industries []string
	var gradYear, capacity int
	cmd := &cobra.Command{
		Use:   "set EMAIL",
		Short: "Write or change a volunteer's directory profile",
		Long: `Write or change a volunteer's directory profile. Only the flags given change;
a list flag (--field, --major, --channel, --language, --industry) replaces
the list, and takes several values with commas or by repeating it.
--location is "City, Country". --pause-until DATE stops new requests until
that day ("" ends a pause). A new profile takes the account's name and a
capacity of 2 conversations a month. --photo FILE sets the directory photo
(a JPEG, PNG or GIF, made 320 pixels and at most 200 KB); --no-photo
removes it. --mail immediate|digest says how new requests are emailed: one
email each as it arrives, or one a day (in the morning, in the volunteer's
time zone) listing those that came since the last.`,
		Example: `  ally volunteer set dana@example.com --field "Public policy" --employer "State Department" --title "Policy advisor" \
      --location "Washington, USA" --major Economics --grad-year 2012 --capacity 3
  ally volunteer set dana@example.com --pause-until 2027-01-10
  ally volunteer set dana@example.com --mail digest`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			fl := cmd.Flags()
			changes := 0
			for _, n := range volunteerFlags {
				if fl.Changed(n) {
					changes++
				}
			}
			var mode model.MailMode
			if fl.Changed("mail") {
				var err error
				if mode, err = model.ParseMailMode(mail); err != nil {
					return err
				}
			}
			if changes == 0 && mode == "" {
				return usageError{errors.New("volunteer set needs at least one thing to change, like --field or --capacity")}
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			acct, _, err := a.accountByEmail(cmd, as[0])
			if err != nil {
				return err
			}
			if !acct.Has(model.RoleVolunteer) {
				return model.Invalid("email", "%s is not a volunteer: give them the role first (ally user set %s --role %s)",
					acct.Email, acct.Email, strings.ReplaceAll(rolesText(model.SortRoles(append(acct.Roles, model.RoleVolunteer))), " ", ""))
			}
			if changes == 0 {
				// Only --mail: the profile stays as it is.
				if err := a.st.SetMailMode(ctx, acct.ID, mode, a.now()); err != nil {
					return err
				}
				prefs, err := a.st.MailPrefs(ctx, acct.ID)
				if err != nil {
					return err
				}
				return a.emit(prefs, func(w io.Writer) { fmt.Fprintf(w, "%s now receives %s.\n", acct.Email, mailWords(mode)) })
			}
			p, found, err := a.st.VolunteerProfile(ctx, acct.ID)
			if err != nil {
				return err
			}
			if !found {
				p.DisplayName = acct.Name
			}
			set := func(flag string, apply func() error) error {
				if !fl.Changed(flag) {
					return nil
				}
				return apply()
			}
			list := func(v []string) []string { return model.SplitList(strings.Join(v, ",")) }
			steps := []struct {
				flag  string
				apply func() error
			}{
				{"name", func() error { p.DisplayName = name; return nil }},
				{"employer", func() error { p.Employer = employer; return nil }},
				{"title", func() error { p.Title = title; return nil }},
				{"degree", func() error { p.Degree = degree; return nil }},
				{"location", func() error { p.City, p.Country = splitLocation(location); return nil }},
				{"bio", func() error { p.Bio = bio; return nil }},
				{"ask-me-about", func() error { p.AskMeAbout = ask; return nil }},
				{"field", func() error { p.Fields = list(fields); return nil }},
				{"major", func() error { p.Majors = list(majors); return nil }},
				{"language", func() error { p.Languages = list(languages); return nil }},
				{"industry", func() error { p.Industries = list(industries); return nil }},
				{"grad-year", func() error { p.GradYear = gradYear; return nil }},
				{"capacity", func() error { p.MonthlyCapacity = capacity; return nil }},
				{"channel", func() error {
					p.Channels = nil
					for _, c := range list(channels) {
						ch, err := model.ParseChannel(c)
						if err != nil {
							return err
						}
						p.Channels = append(p.Channels, ch)
					}
					return nil
				}},
				{"pause-until", func() error {
					d, err := model.ParseDate("pause_until", pauseUntil)
					p.PausedUntil = d
					return err
				}},
			}
			for _, s := range steps {
				if err := set(s.flag, s.apply); err != nil {
					return err
				}
			}
			var jpeg []byte
			if fl.Changed("photo") {
				if noPhoto {
					return usageError{errors.New("give --photo or --no-photo, not both")}
				}
				in, done, err := a.openInput(photoFile, "photo")
				if err != nil {
					return model.Invalid("photo", "%v", err)
				}
				jpeg, err = photo.Prepare(in)
				done()
				if err != nil {
					return model.Invalid("photo", "%s: %v", photoFile, err)
				}
			}
			if err := a.st.SaveVolunteerProfile(ctx, &p, nil, a.now()); err != nil {
				return err
			}
			if mode != "" {
				if err := a.st.SetMailMode(ctx, acct.ID, mode, a.now()); err != nil {
					return err
				}
			}
			switch {
			case jpeg != nil:
				if err := a.st.SetVolunteerPhoto(ctx, acct.ID, jpeg, a.now()); err != nil {
					return err
				}
				p.HasPhoto = true
			case noPhoto:
				if err := a.st.DeleteVolunteerPhoto(ctx, acct.ID); err != nil {
					return err
				}
				p.HasPhoto = false
			}
			return a.emit(p, func(w io.Writer) {
				fmt.Fprintf(w, "Saved %s's profile: %s.\n", p.DisplayName, volunteerSummary(p))
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&name, "name", "", "the name shown in the directory")
	fl.StringSliceVar(&fields, "field", nil, "career fields (several with commas)")
	fl.StringVar(&employer, "employer", "", "where they work")
	fl.StringVar(&title, "title", "", "their role there")
	fl.StringVar(&degree, "degree", "", "their degree, e.g. BA")
	fl.StringVar(&location, "location", "", `"City, Country"`)
	fl.StringSliceVar(&majors, "major", nil, "their majors (several with commas)")
	fl.IntVar(&gradYear, "grad-year", 0, "the year they graduated")
	fl.IntVar(&capacity, "capacity", model.DefaultCapacity, "conversations a month they offer")
	fl.StringVar(&pauseUntil, "pause-until", "", `take no requests until this day (YYYY-MM-DD; "" ends the pause)`)
	fl.StringSliceVar(&channels, "channel", nil, "video, phone, in person, email (several with commas)")
	fl.StringSliceVar(&languages, "language", nil, "languages they speak")
	fl.StringSliceVar(&industries, "industry", nil, "industries")
	fl.StringVar(&bio, "bio", "", "a short bio")
	fl.StringVar(&ask, "ask-me-about", "", "what students may ask them about")
	fl.StringVar(&photoFile, "photo", "", "a picture for the directory (JPEG, PNG or GIF)")
	fl.BoolVar(&noPhoto, "no-photo", false, "remove the directory photo")
	fl.StringVar(&mail, "mail", "", "how new requests are emailed: immediate (each) or digest (one a day)")
	return cmd
}

// mailWords says a mail mode.
func mailWords(m model.MailMode) string {
	if m == model.MailDigest {
		return "one email a day listing the new requests"
	}
	return "an email for each new request"
}

// volunteerSummary says a profile in one line.
func volunteerSummary(p model.VolunteerProfile) string {
	var parts []string
	if p.Title != "" || p.Employer != "" {
		parts = append(parts, strings.TrimSpace(strings.Join([]string{p.Title, p.Employer}, " at ")))
	}
	if len(p.Fields) > 0 {
		parts = append(parts, strings.Join(p.Fields, ", "))
	}
	if l := p.Location(); l != "" {
		parts = append(parts, l)
	}
	parts = append(parts, countWords(p.MonthlyCapacity, "conversation", "conversations")+" a month")
	if p.PausedUntil != nil {
		parts = append(parts, "paused until "+p.PausedUntil.Format("2006-01-02"))
	}
	return strings.Join(parts, "; ")
}

func (a *app) directoryCommand() *cobra.Command {
	var q model.DirectoryQuery
	var as, channel string
	cmd := &cobra.Command{
		Use:   "directory [QUERY]",
		Short: "Search a career center's volunteer directory as a student sees it",
		Long: `Search the volunteer directory as the student --as sees it: volunteers with
room this month first, then those with the most in common with the student,
then those asked least this month. QUERY looks in names, employers, roles,
bios and "ask me about". Contact details are never shown.`,
		Example: `  ally directory --field "Public policy" --available --as sam@westlake.edu
  ally directory fellowships --location Chicago --as sam@westlake.edu --json`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if as == "" {
				return usageError{errors.New("directory needs --as EMAIL: the student whose search it is")}
			}
			if len(args) == 1 {
				q.Text = args[0]
			}
			if channel != "" {
				ch, err := model.ParseChannel(channel)
				if err != nil {
					return err
				}
				q.Channel = ch
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			acct, _, err := a.accountByEmail(cmd, as)
			if err != nil {
				return err
			}
			student, _, err := a.st.StudentProfile(ctx, acct.ID)
			if err != nil {
				return err
			}
			page, err := a.st.Directory(ctx, q, student, a.now())
			if err != nil {
				return err
			}
			return a.emit(page, func(w io.Writer) {
				if page.Total == 0 {
					fmt.Fprintln(w, "No volunteer matches; try fewer filters.")
					return
				}
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tROLE\tFIELDS\tLOCATION\tROOM\tIN COMMON\tLAST ACTIVE")
				for _, c := range page.Cards {
					room := "yes"
					switch {
					case c.Paused:
						room = "paused"
					case !c.HasRoom:
						room = "full"
					}
					var common []string
					for _, cm := range c.InCommon {
						common = append(common, cm.Text)
					}
					last := "never"
					if c.LastActive != nil {
						last = a.fmtTime(*c.LastActive)
					}
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Name, strings.TrimSpace(strings.Join([]string{c.Title, c.Employer}, " at ")),
						strings.Join(c.Fields, ", "), c.Location(), room, strings.Join(common, "; "), last)
				}
				tw.Flush()
				fmt.Fprintf(w, "Page %d of %d (%s).\n", page.Page, page.Pages, countWords(page.Total, "volunteer", "volunteers"))
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&as, "as", "", "the student searching (their profile decides what is in common)")
	fl.StringVar(&q.Field, "field", "", "only this career field")
	fl.StringVar(&q.Location, "location", "", "only where the city or country holds this")
	fl.StringVar(&q.Employer, "employer", "", "only where the employer's name holds this")
	fl.StringVar(&q.Role, "role", "", "only where the role holds this")
	fl.StringVar(&q.Major, "major", "", "only this major")
	fl.IntVar(&q.GradYear, "grad-year", 0, "only this graduation year")
	fl.StringVar(&channel, "channel", "", "only those offering video, phone, in person or email")
	fl.BoolVar(&q.Available, "available", false, "only those with room this month")
	fl.IntVar(&q.Page, "page", 1, "which page")
	fl.IntVar(&q.PerPage, "per-page", model.DefaultPerPage, "volunteers a page")
	return cmd
}
