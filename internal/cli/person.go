package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// Created names a record an add or edit command created along the way
// (a referrer, field or organization named but not yet known).
type Created struct {
	Kind string `json:"kind"`
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// PersonOut is a person as add and edit print it.
type PersonOut struct {
	*model.Person
	Created []Created `json:"created,omitempty"`
}

// PersonDetail is a person as `person show` prints it.
type PersonDetail struct {
	*model.Person
	Referrals     []model.Ref           `json:"referrals"`
	Conversations []*model.Conversation `json:"conversations"`
	Timeline      []model.TimelineItem  `json:"timeline"`
}

type personFlags struct {
	org, role, phone, url, location, source, commonality, referredBy, notes string
	mayUseName                                                              string
	emails, fields, tags                                                    []string
	doNotContact                                                            bool
}

func (f *personFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.org, "org", "", "organization (created if unknown; \"\" to clear)")
	fl.StringVar(&f.role, "role", "", "their role")
	fl.StringSliceVar(&f.emails, "email", nil, "email address (repeat for several)")
	fl.StringVar(&f.phone, "phone", "", "phone number")
	fl.StringVar(&f.url, "url", "", "LinkedIn or profile URL")
	fl.StringVar(&f.location, "location", "", "where they are")
	fl.StringSliceVar(&f.fields, "field", nil, "career field (repeat; created if unknown)")
	fl.StringVar(&f.source, "source", "", "how you know them: "+sourceList())
	fl.StringVar(&f.commonality, "commonality", "", "what you have in common")
	fl.StringVar(&f.referredBy, "referred-by", "", "who referred you (created if unknown; \"\" to clear)")
	fl.StringVar(&f.mayUseName, "may-use-name", "", "the referrer's answer to \"may I use your name?\": yes, no (\"\" when not asked)")
	fl.StringSliceVar(&f.tags, "tag", nil, "tag (repeat for several)")
	fl.StringVar(&f.notes, "notes", "", "private notes (Markdown)")
	fl.BoolVar(&f.doNotContact, "do-not-contact", false, "never suggest contacting them")
}

func sourceList() string {
	var s []string
	for _, v := range model.Sources() {
		s = append(s, string(v))
	}
	return strings.Join(s, ", ")
}

// apply copies the flags the user set onto p, creating unknown referrers,
// fields and organizations inside the caller's transaction.
func (f *personFlags) apply(ctx context.Context, a *app, sc *store.Scope, cmd *cobra.Command, p *model.Person) ([]Created, error) {
	var created []Created
	set := cmd.Flags().Changed
	if set("org") {
		p.Organization = nil
		if strings.TrimSpace(f.org) != "" {
			ref, isNew, err := sc.EnsureOrganization(ctx, f.org, a.now())
			if err != nil {
				return nil, err
			}
			if isNew {
				created = append(created, Created{"organization", ref.ID, ref.Name})
			}
			p.Organization = &ref
		}
	}
	if set("referred-by") {
		p.ReferredBy = nil
		if strings.TrimSpace(f.referredBy) != "" {
			ref, isNew, err := ensureReferrer(ctx, a, sc, f.referredBy)
			if err != nil {
				return nil, err
			}
			if isNew {
				created = append(created, Created{"person", ref.ID, ref.Name})
			}
			p.ReferredBy = &ref
		}
	}
	if set("field") {
		var err error
		if p.Fields, err = ensureFields(ctx, a, sc, f.fields, &created); err != nil {
			return nil, err
		}
	}
	str := map[string]*string{"role": &p.Role, "phone": &p.Phone, "url": &p.URL, "location": &p.Location,
		"commonality": &p.Commonality, "notes": &p.Notes}
	vals := map[string]string{"role": f.role, "phone": f.phone, "url": f.url, "location": f.location,
		"commonality": f.commonality, "notes": f.notes}
	for name, dst := range str {
		if set(name) {
			*dst = vals[name]
		}
	}
	if set("source") {
		p.Source = model.Source(f.source)
	}
	if set("email") {
		p.Emails = f.emails
	}
	if set("tag") {
		p.Tags = f.tags
	}
	if set("do-not-contact") {
		p.DoNotContact = f.doNotContact
	}
	if set("may-use-name") {
		p.NamePermission = model.NamePermission(strings.TrimSpace(f.mayUseName))
		if !p.NamePermission.Valid() {
			return nil, model.Invalid("may-use-name", "%q is not an answer (yes, no, or \"\" when not asked)", f.mayUseName)
		}
	}
	return created, nil
}

// ensureReferrer finds a referrer by id or unambiguous name, or creates a
// person with that name when nobody matches.
func ensureReferrer(ctx context.Context, a *app, sc *store.Scope, key string) (model.Ref, bool, error) {
	id, name, err := sc.ResolvePerson(ctx, key)
	if err == nil {
		return model.Ref{ID: id, Name: name}, false, nil
	}
	if _, isNum := parseID("person", key); isNum == nil || !isNotFound(err) {
		return model.Ref{}, false, model.Invalid("referred_by", "%v", err)
	}
	return sc.EnsurePerson(ctx, key, a.now())
}

// ensureFields resolves field names (or ids), creating the unknown ones
// and noting them in created.
func ensureFields(ctx context.Context, a *app, sc *store.Scope, names []string, created *[]Created) ([]model.Ref, error) {
	var refs []model.Ref
	for _, name := range names {
		if strings.TrimSpace(name) == "" {
			continue
		}
		ref, isNew, err := ensureField(ctx, a, sc, name)
		if err != nil {
			return nil, err
		}
		if isNew {
			*created = append(*created, Created{"field", ref.ID, ref.Name})
		}
		refs = append(refs, ref)
	}
	return refs, nil
}

func ensureField(ctx context.Context, a *app, sc *store.Scope, key string) (model.Ref, bool, error) {
	id, name, err := sc.ResolveField(ctx, key)
	if err == nil {
		return model.Ref{ID: id, Name: name}, false, nil
	}
	if _, isNum := parseID("field", key); isNum == nil || !isNotFound(err) {
		return model.Ref{}, false, model.Invalid("fields", "%v", err)
	}
	return sc.EnsureField(ctx, key, a.now())
}

func (a *app) personCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "person", Aliases: []string{"people"}, Short: "Add, list, show, edit and remove people"}
	var add personFlags
	var addNew bool
	addCmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a person",
		Example: `  ally person add "Dana Brown" --org "State Department" --role "Policy advisor" \
    --source alumni --referred-by "Joe Serra" --field "Public policy"`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			p := &model.Person{Name: as[0]}
			var created []Created
			err := a.sc.InTx(ctx, func(tx *store.Scope) error {
				if !addNew && strings.TrimSpace(add.referredBy) != "" {
					// A referral of someone already known: offer them.
					same, err := tx.SameNamedPeople(ctx, as[0], add.org)
					if err != nil {
						return err
					}
					if len(same) > 0 {
						return model.Invalid("name", "%s is already in your people (id %d): `ally person edit %d --referred-by %q` links them, or pass --new to add another",
							same[0].Name, same[0].ID, same[0].ID, add.referredBy)
					}
				}
				var err error
				if created, err = add.apply(ctx, a, tx, cmd, p); err != nil {
					return err
				}
				return tx.CreatePerson(ctx, p, a.now())
			})
			if err != nil {
				return err
			}
			return a.emit(PersonOut{p, created}, func(w io.Writer) {
				fmt.Fprintf(w, "Added %s (id %d).\n", p.Name, p.ID)
				printCreated(w, created)
			})
		},
	}
	add.register(addCmd)
	addCmd.Flags().BoolVar(&addNew, "new", false, "add them even when someone of that name (at that organization) is already in your people")

	var edit personFlags
	var name string
	editCmd := &cobra.Command{
		Use:   "edit PERSON",
		Short: "Change a person's details (only the flags you give)",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			var p *model.Person
			var created []Created
			err := a.sc.InTx(ctx, func(tx *store.Scope) error {
				id, _, err := tx.ResolvePerson(ctx, as[0])
				if err != nil {
					return err
				}
				if p, err = tx.Person(ctx, id); err != nil {
					return err
				}
				if cmd.Flags().Changed("name") {
					p.Name = name
				}
				if created, err = edit.apply(ctx, a, tx, cmd, p); err != nil {
					return err
				}
				return tx.UpdatePerson(ctx, p, a.now())
			})
			if err != nil {
				return err
			}
			return a.emit(PersonOut{p, created}, func(w io.Writer) {
				fmt.Fprintf(w, "Saved %s (id %d).\n", p.Name, p.ID)
				printCreated(w, created)
			})
		},
	}
	edit.register(editCmd)
	editCmd.Flags().StringVar(&name, "name", "", "new name")

	var filter struct {
		field, source, tag, org, state, sort string
		limit                                int
	}
	listCmd := &cobra.Command{
		Use:   "list",
		Short: "List people",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			f := store.PeopleFilter{Source: model.Source(filter.source), Tag: filter.tag, State: model.State(filter.state),
				Sort: filter.sort, Limit: filter.limit}
			if !f.Source.Valid() {
				return model.Invalid("source", "%q is not a source (one of %s)", filter.source, sourceList())
			}
			if f.State != "" && !f.State.Valid() {
				return model.Invalid("state", "%q is not a lifecycle state", filter.state)
			}
			var err error
			if filter.field != "" {
				if f.FieldID, _, err = a.sc.ResolveField(ctx, filter.field); err != nil {
					return err
				}
			}
			if filter.org != "" {
				if f.OrganizationID, _, err = a.sc.ResolveOrganization(ctx, filter.org); err != nil {
					return err
				}
			}
			people, total, err := a.sc.People(ctx, f)
			if err != nil {
				return err
			}
			if people == nil {
				people = []*model.Person{}
			}
			return a.emit(people, func(w io.Writer) {
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tORGANIZATION\tROLE\tFIELDS\tSOURCE")
				for _, p := range people {
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", p.ID, p.Name, refName(p.Organization), p.Role, refNames(p.Fields), p.Source)
				}
				tw.Flush()
				if len(people) < total {
					fmt.Fprintf(w, "(%d of %d shown)\n", len(people), total)
				}
			})
		},
	}
	lf := listCmd.Flags()
	lf.StringVar(&filter.field, "field", "", "only people in this field")
	lf.StringVar(&filter.source, "source", "", "only people from this source")
	lf.StringVar(&filter.tag, "tag", "", "only people with this tag")
	lf.StringVar(&filter.org, "org", "", "only people at this organization")
	lf.StringVar(&filter.state, "state", "", "only people with a conversation in this state")
	lf.StringVar(&filter.sort, "sort", "name", "order: name, recent (last touch) or created")
	lf.IntVar(&filter.limit, "limit", 0, "show at most this many")

	showCmd := &cobra.Command{
		Use:   "show PERSON",
		Short: "Show a person with their conversations and timeline",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			id, _, err := a.sc.ResolvePerson(ctx, as[0])
			if err != nil {
				return err
			}
			d := PersonDetail{}
			if d.Person, err = a.sc.Person(ctx, id); err != nil {
				return err
			}
			if d.Referrals, err = a.sc.Referrals(ctx, id); err != nil {
				return err
			}
			if d.Conversations, err = a.sc.Conversations(ctx, store.ConversationFilter{PersonID: id}); err != nil {
				return err
			}
			if d.Conversations == nil {
				d.Conversations = []*model.Conversation{}
			}
			if d.Timeline, err = a.sc.Timeline(ctx, id); err != nil {
				return err
			}
			if d.Timeline == nil {
				d.Timeline = []model.TimelineItem{}
			}
			return a.emit(d, func(w io.Writer) { a.printPerson(w, d) })
		},
	}

	var yes, withConvos bool
	rmCmd := &cobra.Command{
		Use:   "rm PERSON",
		Short: "Remove a person (asks for --yes)",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			id, name, err := a.sc.ResolvePerson(ctx, as[0])
			if err != nil {
				return err
			}
			if !yes {
				return usageError{fmt.Errorf("this removes %s and their activities for good; run again with --yes", name)}
			}
			if err := a.sc.DeletePerson(ctx, id, withConvos); err != nil {
				return err
			}
			return a.emit(map[string]any{"deleted": model.Ref{ID: id, Name: name}}, func(w io.Writer) {
				fmt.Fprintf(w, "Removed %s.\n", name)
			})
		},
	}
	rmCmd.Flags().BoolVar(&yes, "yes", false, "really remove")
	rmCmd.Flags().BoolVar(&withConvos, "with-conversations", false, "also remove their conversations")

	cmd.AddCommand(addCmd, listCmd, showCmd, editCmd, rmCmd)
	return cmd
}

func printCreated(w io.Writer, created []Created) {
	for _, c := range created {
		fmt.Fprintf(w, "Created %s %q (id %d).\n", c.Kind, c.Name, c.ID)
	}
}

func refName(r *model.Ref) string {
	if r == nil {
		return ""
	}
	return r.Name
}

func refNames(rs []model.Ref) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}

func (a *app) printPerson(w io.Writer, d PersonDetail) {
	p := d.Person
	fmt.Fprintf(w, "%s (id %d)\n", p.Name, p.ID)
	line := func(label, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-13s %s\n", label+":", v)
		}
	}
	line("Organization", refName(p.Organization))
	line("Role", p.Role)
	line("Emails", strings.Join(p.Emails, ", "))
	line("Phone", p.Phone)
	line("Profile", p.URL)
	line("Location", p.Location)
	line("Fields", refNames(p.Fields))
	line("Source", string(p.Source))
	line("Commonality", p.Commonality)
	line("Referred by", refName(p.ReferredBy))
	if p.ReferredBy != nil {
		line("May use their name", p.NamePermission.Label())
	}
	line("Referred you", refNames(d.Referrals))
	line("Tags", strings.Join(p.Tags, ", "))
	if p.DoNotContact {
		line("Contact", "do not contact")
	}
	if p.Notes != "" {
		fmt.Fprintf(w, "\nNotes:\n%s\n", indent(p.Notes))
	}
	if len(d.Conversations) > 0 {
		fmt.Fprintln(w, "\nConversations:")
		for _, c := range d.Conversations {
			fmt.Fprintf(w, "  #%d  %s  %s\n", c.ID, c.State.Label(), a.fmtTime(c.StateAt))
		}
	}
	if len(d.Timeline) > 0 {
		fmt.Fprintln(w, "\nTimeline:")
		for _, it := range d.Timeline {
			what := strings.ReplaceAll(it.Kind, "_", " ")
			if it.Kind == "step" {
				what = "conversation #" + fmt.Sprint(it.ConversationID) + " " + it.Step.Label()
			}
			fmt.Fprintf(w, "  %s  %s", a.fmtTime(it.At), what)
			if it.Note != "" {
				fmt.Fprintf(w, " — %s", firstLine(it.Note))
			}
			fmt.Fprintln(w)
		}
	}
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
