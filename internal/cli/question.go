package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
)

// QuestionOut is a question as the question commands print it under
// --json. Findings are the etiquette checker's remarks on its wording.
type QuestionOut struct {
	ID         string              `json:"id"`
	Topic      questions.Topic     `json:"topic"`
	Text       string              `json:"text"`
	When       string              `json:"when,omitempty"`
	Notes      string              `json:"notes,omitempty"`
	Closing    bool                `json:"closing"`
	SkillWords bool                `json:"skill_words"`
	BuiltIn    bool                `json:"built_in"`
	Hidden     bool                `json:"hidden"`
	Favourite  bool                `json:"favourite"`
	Findings   []etiquette.Finding `json:"findings,omitempty"`
}

func questionOut(q questions.Question) QuestionOut {
	return QuestionOut{ID: q.ID, Topic: q.Topic, Text: q.Text, When: q.When, Notes: q.Notes, Closing: q.Closing,
		SkillWords: q.SkillWords, BuiltIn: q.BuiltIn, Hidden: q.Hidden, Favourite: q.Favourite}
}

// parseTopic accepts a topic's id ("path") or title ("Career path"), in any
// case; anything else is passed on for the store to refuse with the list.
func parseTopic(s string) questions.Topic {
	s = strings.TrimSpace(s)
	for _, t := range questions.Topics() {
		if strings.EqualFold(s, string(t)) || strings.EqualFold(s, t.Title()) {
			return t
		}
	}
	return questions.Topic(s)
}

func topicList() string {
	var names []string
	for _, t := range questions.Topics() {
		names = append(names, string(t))
	}
	return strings.Join(names, ", ")
}

// checkWording runs the etiquette checker on a question: findings to show,
// and an error when one of them is an error and the user does not keep it
// anyway.
func checkWording(text string, keepAnyway bool) ([]etiquette.Finding, error) {
	fs := etiquette.CheckQuestion(text)
	return fs, method.KeepAnyway(method.QuestionCaution(fs), keepAnyway, method.ViaCLI)
}

func (a *app) questionCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "question", Aliases: []string{"questions", "q"}, Short: "Your question bank: Ally's questions and your own, hidden or favourite"}

	var topic string
	var mine, hiddenOnly bool
	listCmd := &cobra.Command{
		Use:   "list",
		Short: "List the question bank by topic (* favourite, - hidden)",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			bank, err := a.sc.Questions(ctx)
			if err != nil {
				return err
			}
			var want questions.Topic
			if topic != "" {
				if want = parseTopic(topic); !want.Valid() {
					return model.Invalid("topic", "%q is not a topic (one of %s)", topic, topicList())
				}
			}
			out := []QuestionOut{}
			for _, q := range bank {
				if (want != "" && q.Topic != want) || (mine && q.BuiltIn) || (hiddenOnly && !q.Hidden) {
					continue
				}
				out = append(out, questionOut(q))
			}
			return a.emit(out, func(w io.Writer) {
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "\tID\tTOPIC\tQUESTION")
				for _, q := range out {
					mark := " "
					switch {
					case q.Hidden:
						mark = "-"
					case q.Favourite:
						mark = "*"
					}
					text := q.Text
					if q.Closing {
						text += " (closing)"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", mark, q.ID, q.Topic, text)
				}
				tw.Flush()
				fmt.Fprintf(w, "%s. * favourite (picked first), - hidden (never picked).\n", countWords(len(out), "question", "questions"))
			})
		},
	}
	listCmd.Flags().StringVar(&topic, "topic", "", "only this topic: "+topicList())
	listCmd.Flags().BoolVar(&mine, "mine", false, "only the questions you wrote")
	listCmd.Flags().BoolVar(&hiddenOnly, "hidden", false, "only hidden questions")

	var q questions.Question
	var qtopic string
	var keepAnyway bool
	register := func(c *cobra.Command, edit bool) {
		fl := c.Flags()
		fl.StringVar(&qtopic, "topic", "", "topic: "+topicList())
		fl.StringVar(&q.Notes, "notes", "", "your notes: what to listen for")
		fl.StringVar(&q.When, "when", "", "when to ask it: early, middle or closing")
		fl.BoolVar(&q.Closing, "closing", false, "a referral question that ends every guide")
		fl.BoolVar(&q.SkillWords, "skill-words", false, "its answers carry skill words for your resume")
		keepAnywayFlag(fl, &keepAnyway, "keep it even if the checker finds it asks for a job")
		if edit {
			fl.StringVar(&q.Text, "text", "", "the new wording")
		} else {
			fl.BoolVar(&q.Favourite, "favourite", false, "pick it first in guides")
		}
	}
	printSaved := func(verb string, out QuestionOut) func(io.Writer) {
		return func(w io.Writer) {
			fmt.Fprintf(w, "%s question %s (%s): %s\n", verb, out.ID, questions.Topic(out.Topic).Title(), out.Text)
			if len(out.Findings) > 0 {
				printFindings(w, out.Text, out.Findings)
			}
		}
	}
	addCmd := &cobra.Command{
		Use:   "add TEXT",
		Short: "Add a question of your own (checked: no job asks, nothing a quick search answers, open-ended)",
		Example: `  ally question add "How has the new permit rule changed your week?" --topic work
  ally question add "What would you read first in my place?" --topic resources --favourite`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			q.Text, q.Topic = as[0], parseTopic(qtopic)
			fs, err := checkWording(q.Text, keepAnyway)
			if err != nil {
				return err
			}
			if err := a.sc.AddQuestion(ctx, &q, a.now()); err != nil {
				return err
			}
			out := questionOut(q)
			out.Findings = fs
			return a.emit(out, printSaved("Added", out))
		},
	}
	register(addCmd, false)

	editCmd := &cobra.Command{
		Use:   "edit ID",
		Short: "Change one of your questions (only the flags you give)",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			cur, err := a.sc.Question(ctx, as[0])
			if err != nil {
				return err
			}
			set := cmd.Flags().Changed
			if set("text") {
				cur.Text = q.Text
			}
			if set("topic") {
				cur.Topic = parseTopic(qtopic)
			}
			if set("notes") {
				cur.Notes = q.Notes
			}
			if set("when") {
				cur.When = q.When
			}
			if set("closing") {
				cur.Closing = q.Closing
			}
			if set("skill-words") {
				cur.SkillWords = q.SkillWords
			}
			var fs []etiquette.Finding
			if set("text") {
				if fs, err = checkWording(cur.Text, keepAnyway); err != nil {
					return err
				}
			}
			if err := a.sc.UpdateQuestion(ctx, &cur, a.now()); err != nil {
				return err
			}
			out := questionOut(cur)
			out.Findings = fs
			return a.emit(out, printSaved("Saved", out))
		},
	}
	register(editCmd, true)

	var undo bool
	choice := func(use, short, done, undone string, set func(ctx context.Context, id string, on bool) (questions.Question, error)) *cobra.Command {
		c := &cobra.Command{
			Use:   use + " ID",
			Short: short,
			Args:  args(cobra.ExactArgs(1)),
			RunE: func(cmd *cobra.Command, as []string) error {
				if err := a.open(cmd.Context()); err != nil {
					return err
				}
				got, err := set(cmd.Context(), as[0], !undo)
				if err != nil {
					return err
				}
				verb := done
				if undo {
					verb = undone
				}
				out := questionOut(got)
				return a.emit(out, func(w io.Writer) { fmt.Fprintf(w, "%s %s: %s\n", verb, out.ID, out.Text) })
			},
		}
		c.Flags().BoolVar(&undo, "undo", false, "take the choice back")
		return c
	}
	hideCmd := choice("hide", "Hide a question from the guides Ally builds (--undo to show it again)", "Hidden", "Shown again",
		func(ctx context.Context, id string, on bool) (questions.Question, error) {
			return a.sc.HideQuestion(ctx, id, on, a.now())
		})
	favCmd := choice("fav", "Mark a question as a favourite, picked first in guides (--undo to unmark)", "Favourite", "No longer a favourite",
		func(ctx context.Context, id string, on bool) (questions.Question, error) {
			return a.sc.FavouriteQuestion(ctx, id, on, a.now())
		})
	favCmd.Aliases = []string{"favourite", "favorite"}

	var yes bool
	rmCmd := &cobra.Command{
		Use:   "rm ID",
		Short: "Remove one of your questions (asks for --yes); notes taken on it stay",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			if _, err := a.sc.Question(ctx, as[0]); err != nil {
				return err
			}
			if !yes {
				return usageError{fmt.Errorf("this removes question %s for good; run again with --yes", as[0])}
			}
			if err := a.sc.DeleteQuestion(ctx, as[0]); err != nil {
				return err
			}
			return a.emit(map[string]string{"deleted": as[0]}, func(w io.Writer) { fmt.Fprintf(w, "Removed question %s.\n", as[0]) })
		},
	}
	rmCmd.Flags().BoolVar(&yes, "yes", false, "really remove")

	checkCmd := &cobra.Command{
		Use:   "check TEXT",
		Short: "Check a question's wording without saving it (exit 1 on an error)",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			fs := etiquette.CheckQuestion(as[0])
			if fs == nil {
				fs = []etiquette.Finding{}
			}
			if err := a.emit(CheckOut{Findings: fs}, func(w io.Writer) { printFindings(w, as[0], fs) }); err != nil {
				return err
			}
			if etiquette.HasErrors(fs) {
				return fmt.Errorf("the question has %s: rephrase %s", countWords(countErrors(fs), "error", "errors"), pluralIt(countErrors(fs)))
			}
			return nil
		},
	}
	cmd.AddCommand(listCmd, addCmd, editCmd, hideCmd, favCmd, rmCmd, checkCmd)
	return cmd
}
