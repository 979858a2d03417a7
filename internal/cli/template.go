package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// formatTemplate writes a template as `ally template show` prints it and
// `ally template edit` reads it back.
func formatTemplate(t store.Template) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ID: %s\nName: %s\nKind: %s\nChannel: %s\n", t.ID, t.Name, t.Kind, t.Channel)
	if t.Channel == etiquette.Email {
		fmt.Fprintf(&b, "Subject: %s\n", t.Subject)
	}
	b.WriteString("\n" + t.Body + "\n")
	return b.String()
}

// parseTemplate reads a template file: optional "Name:", "Kind:",
// "Channel:", "Subject:" (and "ID:") lines, a blank line, then the body. A
// file that does not start with such a line is all body. set tells which
// headers were present.
func parseTemplate(text string) (t etiquette.Template, set map[string]bool) {
	text = strings.TrimLeft(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	set = map[string]bool{}
	lines := strings.Split(text, "\n")
	i := 0
	for ; i < len(lines); i++ {
		k, v, ok := strings.Cut(lines[i], ":")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || !slices.Contains([]string{"id", "name", "kind", "channel", "subject"}, k) {
			break
		}
		v = strings.TrimSpace(v)
		set[k] = true
		switch k {
		case "id":
			t.ID = v
		case "name":
			t.Name = v
		case "kind":
			t.Kind = etiquette.Kind(v)
		case "channel":
			t.Channel = etiquette.Channel(v)
		case "subject":
			t.Subject = v
		}
	}
	if len(set) == 0 {
		return etiquette.Template{Body: strings.TrimSpace(text)}, set
	}
	t.Body = strings.TrimSpace(strings.Join(lines[i:], "\n"))
	return t, set
}

const placeholderHelp = `Templates use Go's text/template: {{.PersonName}}, and optional parts in
{{if .ReferrerName}}…{{end}}. Placeholders:

  {{.Greeting}} "Dear Maria Lopez," or "Hello,"   {{.Hi}} "Hi Maria," or "Hello,"
  {{.Intro}}    "My name is …, and I am a junior at …"   {{.About}} the same without the name
  {{.UserName}} {{.UserSchool}} {{.UserYear}} {{.UserIntro}}          (your profile: ally settings)
  {{.PersonName}} {{.PersonFirstName}} {{.Organization}} {{.Role}}
  {{.ReferrerName}} {{.ReferrerFirstName}} {{.Commonality}} {{.Field}}
  {{.Minutes}} {{.MeetingTime}} {{.Place}}                          (the conversation)
  {{.LearnedThing}} {{.Article}}                                    (ally draft --learned, --article)

A template file starts with header lines (Name:, Kind:, Channel:, Subject:), a
blank line, then the body; ally template show prints one to start from.`

func (a *app) templateCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "template",
		Aliases: []string{"templates"},
		Short:   "Message templates: Ally's, your edits of them, and your own",
		Long:    "Message templates: Ally's, your edits of them, and your own.\n\n" + placeholderHelp,
	}
	listCmd := &cobra.Command{
		Use:   "list",
		Short: "List the templates",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			ts, err := a.sc.Templates(ctx)
			if err != nil {
				return err
			}
			return a.emit(ts, func(w io.Writer) {
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tKIND\tCHANNEL\tNAME")
				for _, t := range ts {
					name := t.Name
					switch {
					case t.Edited:
						name += " (edited)"
					case !t.BuiltIn:
						name += " (yours)"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.ID, t.Kind, t.Channel, name)
				}
				tw.Flush()
			})
		},
	}
	showCmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print a template in the form edit and add read",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			t, err := a.sc.Template(ctx, as[0])
			if err != nil {
				return err
			}
			return a.emit(t, func(w io.Writer) { fmt.Fprint(w, formatTemplate(t)) })
		},
	}

	var editFile string
	editCmd := &cobra.Command{
		Use:   "edit ID --file FILE",
		Short: "Change a template (an edit of Ally's is kept beside its words: rm brings them back)",
		Example: `  ally template show email-cold > cold.txt   # change it, then:
  ally template edit email-cold --file cold.txt`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			text, err := a.readText(editFile)
			if err != nil {
				return err
			}
			old, err := a.sc.Template(ctx, as[0])
			if err != nil {
				return err
			}
			t, set := parseTemplate(text)
			if set["id"] && t.ID != old.ID {
				return model.Invalid("id", "the file is for template %q, not %q", t.ID, old.ID)
			}
			t.ID = old.ID
			if !set["name"] {
				t.Name = old.Name
			}
			if !set["kind"] {
				t.Kind = old.Kind
			}
			if !set["channel"] {
				t.Channel = old.Channel
			}
			if !set["subject"] && len(set) == 0 {
				t.Subject = old.Subject // a bare body keeps the subject
			}
			saved, err := a.sc.UpdateTemplate(ctx, t, a.now())
			if err != nil {
				return err
			}
			return a.emit(saved, func(w io.Writer) {
				fmt.Fprintf(w, "Saved template %s.\n", saved.ID)
				if saved.Edited {
					fmt.Fprintf(w, "Ally's words are kept: ally template rm %s brings them back.\n", saved.ID)
				}
			})
		},
	}
	editCmd.Flags().StringVar(&editFile, "file", "-", "the template file (- for standard input)")

	var addFile string
	var add etiquette.Template
	var addKind, addChannel string
	addCmd := &cobra.Command{
		Use:   "add --file FILE",
		Short: "Add a template of your own",
		Example: `  ally template add --file alumni-note.txt
  ally template add --name "Short alumni note" --kind first_request --channel social --file -`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			text, err := a.readText(addFile)
			if err != nil {
				return err
			}
			t, _ := parseTemplate(text)
			set := cmd.Flags().Changed
			if set("id") {
				t.ID = add.ID
			}
			if set("name") {
				t.Name = add.Name
			}
			if set("subject") {
				t.Subject = add.Subject
			}
			if set("kind") || t.Kind == "" {
				t.Kind = etiquette.Kind(addKind)
			}
			if set("channel") || t.Channel == "" {
				t.Channel = etiquette.Channel(addChannel)
			}
			saved, err := a.sc.CreateTemplate(ctx, t, a.now())
			if err != nil {
				return err
			}
			return a.emit(saved, func(w io.Writer) {
				fmt.Fprintf(w, "Added template %s. Use it: ally draft PERSON --template %s\n", saved.ID, saved.ID)
			})
		},
	}
	af := addCmd.Flags()
	af.StringVar(&addFile, "file", "-", "the template file (- for standard input)")
	af.StringVar(&add.ID, "id", "", "its id, starting with my- (default: made from the name)")
	af.StringVar(&add.Name, "name", "", "its name")
	af.StringVar(&addKind, "kind", "first_request", "the kind of message")
	af.StringVar(&addChannel, "channel", "email", "email, letter, phone or social")
	af.StringVar(&add.Subject, "subject", "", "the subject (email)")

	rmCmd := &cobra.Command{
		Use:   "rm ID",
		Short: "Remove a template of your own, or your edit of one of Ally's",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			reverted, err := a.sc.DeleteTemplate(ctx, as[0])
			if err != nil {
				return err
			}
			return a.emit(map[string]any{"id": as[0], "reverted": reverted}, func(w io.Writer) {
				if reverted {
					fmt.Fprintf(w, "Template %s is back to Ally's words.\n", as[0])
				} else {
					fmt.Fprintf(w, "Removed template %s.\n", as[0])
				}
			})
		},
	}
	cmd.AddCommand(listCmd, showCmd, editCmd, addCmd, rmCmd)
	return cmd
}
