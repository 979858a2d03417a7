package cli

import (
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// FieldDetail is a field as `field show` prints it.
type FieldDetail struct {
	*model.Field
	PeopleList    []*model.Person       `json:"people_list"`
	Conversations []*model.Conversation `json:"conversations"`
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

// pursuingUsage explains --pursuing on field add and edit.
const pursuingUsage = "you have decided to pursue this field: only then does Ally offer the feeler note, long after the thank-you"

func (a *app) fieldCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "field", Aliases: []string{"fields"}, Short: "Career fields you explore"}
	var why, notes, name string
	var target int
	var pursuing bool
	addCmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a career field",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			if !cmd.Flags().Changed("target") {
				target = a.settings.TargetPerspectives
			}
			f := &model.Field{Name: as[0], Why: why, Notes: notes, Target: target, Pursuing: pursuing}
			if err := a.sc.CreateField(ctx, f, a.now()); err != nil {
				return err
			}
			return a.emit(f, func(w io.Writer) {
				fmt.Fprintf(w, "Added field %s (id %d), aiming for %d perspectives.\n", f.Name, f.ID, f.Target)
			})
		},
	}
	addCmd.Flags().StringVar(&why, "why", "", "why it interests you")
	addCmd.Flags().StringVar(&notes, "notes", "", "research notes (Markdown)")
	addCmd.Flags().IntVar(&target, "target", 0, "how many perspectives to gather (default from settings, 3)")
	addCmd.Flags().BoolVar(&pursuing, "pursuing", false, pursuingUsage)

	editCmd := &cobra.Command{
		Use:   "edit FIELD",
		Short: "Change a field (only the flags you give)",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			id, _, err := a.sc.ResolveField(ctx, as[0])
			if err != nil {
				return err
			}
			f, err := a.sc.Field(ctx, id)
			if err != nil {
				return err
			}
			set := cmd.Flags().Changed
			if set("name") {
				f.Name = name
			}
			if set("why") {
				f.Why = why
			}
			if set("notes") {
				f.Notes = notes
			}
			if set("target") {
				f.Target = target
			}
			if set("pursuing") {
				f.Pursuing = pursuing
			}
			if err := a.sc.UpdateField(ctx, f, a.now()); err != nil {
				return err
			}
			return a.emit(f, func(w io.Writer) { fmt.Fprintf(w, "Saved field %s (id %d).\n", f.Name, f.ID) })
		},
	}
	editCmd.Flags().StringVar(&name, "name", "", "new name")
	editCmd.Flags().StringVar(&why, "why", "", "why it interests you")
	editCmd.Flags().StringVar(&notes, "notes", "", "research notes (Markdown)")
	editCmd.Flags().IntVar(&target, "target", 0, "how many perspectives to gather")
	editCmd.Flags().BoolVar(&pursuing, "pursuing", false, pursuingUsage+" (--pursuing=false to take it back)")

	listCmd := &cobra.Command{
		Use:   "list",
		Short: "List fields with their progress",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			fields, err := a.sc.Fields(ctx)
			if err != nil {
				return err
			}
			if fields == nil {
				fields = []*model.Field{}
			}
			return a.emit(fields, func(w io.Writer) {
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tFIELD\tPEOPLE\tHELD")
				for _, f := range fields {
					fmt.Fprintf(tw, "%d\t%s\t%d\t%d of %d\n", f.ID, f.Name, f.People, f.Held, f.Target)
				}
				tw.Flush()
			})
		},
	}

	showCmd := &cobra.Command{
		Use:   "show FIELD",
		Short: "Show a field with its people, conversations and progress",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			id, _, err := a.sc.ResolveField(ctx, as[0])
			if err != nil {
				return err
			}
			d := FieldDetail{}
			if d.Field, err = a.sc.Field(ctx, id); err != nil {
				return err
			}
			if d.PeopleList, _, err = a.sc.People(ctx, store.PeopleFilter{FieldID: id}); err != nil {
				return err
			}
			if d.Conversations, err = a.sc.Conversations(ctx, store.ConversationFilter{FieldID: id}); err != nil {
				return err
			}
			if d.PeopleList == nil {
				d.PeopleList = []*model.Person{}
			}
			if d.Conversations == nil {
				d.Conversations = []*model.Conversation{}
			}
			return a.emit(d, func(w io.Writer) {
				f := d.Field
				fmt.Fprintf(w, "%s (id %d) — held %d of %d perspectives\n", f.Name, f.ID, f.Held, f.Target)
				if f.Held < f.Target {
					fmt.Fprintln(w, "  One or two conversations can mislead: keep going until you reach the target.")
				}
				if f.Pursuing {
					fmt.Fprintln(w, "  You are pursuing this field: a feeler note may follow a thank-you after a while.")
				}
				if f.Why != "" {
					fmt.Fprintf(w, "\nWhy:\n%s\n", indent(f.Why))
				}
				if f.Notes != "" {
					fmt.Fprintf(w, "\nResearch:\n%s\n", indent(f.Notes))
				}
				fmt.Fprintln(w, "\nPeople:")
				for _, p := range d.PeopleList {
					fmt.Fprintf(w, "  %d  %s  %s\n", p.ID, p.Name, refName(p.Organization))
				}
				fmt.Fprintln(w, "\nConversations:")
				for _, c := range d.Conversations {
					fmt.Fprintf(w, "  #%d  %s  %s\n", c.ID, c.Person.Name, c.State.Label())
				}
			})
		},
	}
	cmd.AddCommand(addCmd, listCmd, showCmd, editCmd, a.fieldReportCommand())
	return cmd
}

func (a *app) orgCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "org", Aliases: []string{"orgs", "organization"}, Short: "Organizations and your research on them"}
	var website, notes, name string
	addCmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add an organization",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			o := &model.Organization{Name: as[0], Website: website, Notes: notes}
			if err := a.sc.CreateOrganization(ctx, o, a.now()); err != nil {
				return err
			}
			return a.emit(o, func(w io.Writer) { fmt.Fprintf(w, "Added organization %s (id %d).\n", o.Name, o.ID) })
		},
	}
	addCmd.Flags().StringVar(&website, "website", "", "website (https://...)")
	addCmd.Flags().StringVar(&notes, "notes", "", "research notes (Markdown)")

	editCmd := &cobra.Command{
		Use:   "edit ORG",
		Short: "Change an organization (only the flags you give)",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			id, _, err := a.sc.ResolveOrganization(ctx, as[0])
			if err != nil {
				return err
			}
			o, err := a.sc.Organization(ctx, id)
			if err != nil {
				return err
			}
			set := cmd.Flags().Changed
			if set("name") {
				o.Name = name
			}
			if set("website") {
				o.Website = website
			}
			if set("notes") {
				o.Notes = notes
			}
			if err := a.sc.UpdateOrganization(ctx, o, a.now()); err != nil {
				return err
			}
			return a.emit(o, func(w io.Writer) { fmt.Fprintf(w, "Saved organization %s (id %d).\n", o.Name, o.ID) })
		},
	}
	editCmd.Flags().StringVar(&name, "name", "", "new name")
	editCmd.Flags().StringVar(&website, "website", "", "website (https://...)")
	editCmd.Flags().StringVar(&notes, "notes", "", "research notes (Markdown)")

	listCmd := &cobra.Command{
		Use:   "list",
		Short: "List organizations",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			orgs, err := a.sc.Organizations(ctx)
			if err != nil {
				return err
			}
			if orgs == nil {
				orgs = []*model.Organization{}
			}
			return a.emit(orgs, func(w io.Writer) {
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tORGANIZATION\tPEOPLE\tWEBSITE")
				for _, o := range orgs {
					fmt.Fprintf(tw, "%d\t%s\t%d\t%s\n", o.ID, o.Name, o.People, o.Website)
				}
				tw.Flush()
			})
		},
	}
	showCmd := &cobra.Command{
		Use:   "show ORG",
		Short: "Show an organization with its people",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			id, _, err := a.sc.ResolveOrganization(ctx, as[0])
			if err != nil {
				return err
			}
			o, err := a.sc.Organization(ctx, id)
			if err != nil {
				return err
			}
			people, _, err := a.sc.People(ctx, store.PeopleFilter{OrganizationID: id})
			if err != nil {
				return err
			}
			if people == nil {
				people = []*model.Person{}
			}
			out := struct {
				*model.Organization
				PeopleList []*model.Person `json:"people_list"`
			}{o, people}
			return a.emit(out, func(w io.Writer) {
				fmt.Fprintf(w, "%s (id %d)\n", o.Name, o.ID)
				if o.Website != "" {
					fmt.Fprintf(w, "  Website: %s\n", o.Website)
				}
				if o.Notes != "" {
					fmt.Fprintf(w, "\nResearch:\n%s\n", indent(o.Notes))
				}
				fmt.Fprintln(w, "\nPeople:")
				for _, p := range people {
					fmt.Fprintf(w, "  %d  %s  %s\n", p.ID, p.Name, p.Role)
				}
			})
		},
	}
	cmd.AddCommand(addCmd, listCmd, showCmd, editCmd)
	return cmd
}
