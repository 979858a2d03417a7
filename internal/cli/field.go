package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

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
	addCmd, editCmd := fieldKind.commands(a)

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
	addCmd, editCmd := orgKind.commands(a)

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

// fieldKind is how field add and edit read their flags and save.
var fieldKind = recordKind[model.Field]{
	noun: "field", short: "Add a career field", editShort: "Change a field (only the flags you give)",
	flags: func(fs *pflag.FlagSet, f *model.Field, edit bool) {
		if edit {
			fs.StringVar(&f.Name, "name", f.Name, "new name")
		}
		fs.StringVar(&f.Why, "why", f.Why, "why it interests you")
		fs.StringVar(&f.Notes, "notes", f.Notes, "research notes (Markdown)")
		target, pursuing := "how many perspectives to gather (default from settings, 3)", pursuingUsage
		if edit {
			target, pursuing = "how many perspectives to gather", pursuingUsage+" (--pursuing=false to take it back)"
		}
		fs.IntVar(&f.Target, "target", f.Target, target)
		fs.BoolVar(&f.Pursuing, "pursuing", f.Pursuing, pursuing)
	},
	fresh: func(a *app, name string) *model.Field {
		return &model.Field{Name: name, Target: a.settings.TargetPerspectives}
	},
	load:   loadBy((*store.Scope).ResolveField, (*store.Scope).Field),
	create: func(ctx context.Context, a *app, f *model.Field) error { return a.sc.CreateField(ctx, f, a.now()) },
	update: func(ctx context.Context, a *app, f *model.Field) error { return a.sc.UpdateField(ctx, f, a.now()) },
	said: func(w io.Writer, f *model.Field, added bool) {
		if added {
			fmt.Fprintf(w, "Added field %s (id %d), aiming for %d perspectives.\n", f.Name, f.ID, f.Target)
			return
		}
		fmt.Fprintf(w, "Saved field %s (id %d).\n", f.Name, f.ID)
	},
}

// orgKind is how org add and edit read their flags and save.
var orgKind = recordKind[model.Organization]{
	noun: "org", short: "Add an organization", editShort: "Change an organization (only the flags you give)",
	flags: func(fs *pflag.FlagSet, o *model.Organization, edit bool) {
		if edit {
			fs.StringVar(&o.Name, "name", o.Name, "new name")
		}
		fs.StringVar(&o.Website, "website", o.Website, "website (https://...)")
		fs.StringVar(&o.Notes, "notes", o.Notes, "research notes (Markdown)")
	},
	fresh: func(_ *app, name string) *model.Organization { return &model.Organization{Name: name} },
	load:  loadBy((*store.Scope).ResolveOrganization, (*store.Scope).Organization),
	create: func(ctx context.Context, a *app, o *model.Organization) error {
		return a.sc.CreateOrganization(ctx, o, a.now())
	},
	update: func(ctx context.Context, a *app, o *model.Organization) error {
		return a.sc.UpdateOrganization(ctx, o, a.now())
	},
	said: func(w io.Writer, o *model.Organization, added bool) {
		verb := "Saved"
		if added {
			verb = "Added"
		}
		fmt.Fprintf(w, "%s organization %s (id %d).\n", verb, o.Name, o.ID)
	},
}
