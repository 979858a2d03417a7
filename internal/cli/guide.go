package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/store"
)

// GuideOut is what `ally guide --json` prints: the minutes asked for, the
// opening statement, the questions in order (closing ones last) and the
// user's research.
type GuideOut struct {
	Minutes   int                `json:"minutes"`
	Opening   string             `json:"opening"`
	Questions []GuideQuestionOut `json:"questions"`
	Research  []ResearchOut      `json:"research"`
}

// GuideQuestionOut is one question of a guide.
type GuideQuestionOut struct {
	ID      string `json:"id"`
	Topic   string `json:"topic"`
	Text    string `json:"text"`
	Closing bool   `json:"closing"`
}

// ResearchOut is what the user noted on the field, the organization or the person.
type ResearchOut struct {
	Kind  string `json:"kind"`
	Name  string `json:"name"`
	Notes string `json:"notes"`
}

func guideOut(g *store.Guide) GuideOut {
	out := GuideOut{Minutes: g.Minutes, Opening: g.Opening, Questions: []GuideQuestionOut{}, Research: []ResearchOut{}}
	for _, q := range g.Questions {
		out.Questions = append(out.Questions, GuideQuestionOut{ID: q.ID, Topic: string(q.Topic), Text: q.Text, Closing: q.Closing})
	}
	for _, r := range g.Research {
		out.Research = append(out.Research, ResearchOut{Kind: r.Kind, Name: r.Name, Notes: r.Notes})
	}
	return out
}

// pageLines is what fits on one printed page; the guide trims its research
// notes to stay within it.
const pageLines = 60

// guideWidth is the width the text guide wraps at.
const guideWidth = 78

func (a *app) guideCommand() *cobra.Command {
	var add, remove, order []string
	var opening string
	var rebuild bool
	cmd := &cobra.Command{
		Use:   "guide CONVO_ID",
		Short: "Print the question guide for a conversation (built on first use; edit it with the flags)",
		Long: `Guide prints what to take into a conversation, on one page: the opening
statement, the questions sized to the minutes asked (about 3.5 minutes each),
ending with the referral questions, and your research on the field, the
organization and the person.

The first guide of a conversation is built from your question bank:
favourites first, hidden questions left out, and topics the field's earlier
conversations covered least preferred. It is kept as you edit it: --add and
--remove questions (ids from ally question list), --order the topic
questions, --rebuild from the bank, or set your own --opening ("" for the
drafted one).`,
		Example: `  ally guide 4
  ally guide 4 --add lifestyle-pay-range --remove work-cycles
  ally guide 4 --order skills-success,work-typical-day,path-story
  ally guide 4 --json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			id, err := parseID("conversation", as[0])
			if err != nil {
				return err
			}
			var g *store.Guide
			edit := func(tx *store.Scope) error {
				now := a.now()
				var err error
				if rebuild {
					if _, err = tx.RebuildGuide(ctx, id, now); err != nil {
						return err
					}
				}
				for _, q := range remove {
					if _, err = tx.RemoveFromGuide(ctx, id, strings.TrimSpace(q), now); err != nil {
						return err
					}
				}
				for _, q := range add {
					if _, err = tx.AddToGuide(ctx, id, strings.TrimSpace(q), now); err != nil {
						return err
					}
				}
				if cmd.Flags().Changed("order") {
					if _, err = tx.ReorderGuide(ctx, id, trimAll(order), now); err != nil {
						return err
					}
				}
				if cmd.Flags().Changed("opening") {
					if _, err = tx.SetGuideOpening(ctx, id, opening, now); err != nil {
						return err
					}
				}
				g, err = tx.Guide(ctx, id, now)
				return err
			}
			set := cmd.Flags().Changed
			if rebuild || set("add") || set("remove") || set("order") || set("opening") {
				// All the edits or none.
				err = a.sc.InTx(ctx, edit)
			} else {
				err = edit(a.sc)
			}
			if err != nil {
				return err
			}
			return a.emit(guideOut(g), func(w io.Writer) { printGuide(w, g) })
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&add, "add", nil, "add a question by id (repeat)")
	fl.StringSliceVar(&remove, "remove", nil, "remove a question by id (repeat)")
	fl.StringSliceVar(&order, "order", nil, "the topic questions' ids in the order to ask them, comma-separated")
	fl.BoolVar(&rebuild, "rebuild", false, "build the questions afresh from your bank, dropping your edits")
	fl.StringVar(&opening, "opening", "", "your own opening statement (\"\" for the one drafted from your profile)")
	return cmd
}

func trimAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// printGuide writes the guide to fit one printed page.
func printGuide(w io.Writer, g *store.Guide) {
	var lines []string
	add := func(s ...string) { lines = append(lines, s...) }

	who := g.Person.Name
	if g.Organization != nil {
		who += ", " + g.Organization.Name
	}
	add(fmt.Sprintf("Guide for conversation #%d with %s", g.ConversationID, who))
	about := fmt.Sprintf("%d minutes asked — about 3.5 minutes a question; stay within the time you asked for.", g.Minutes)
	if len(g.Fields) > 0 {
		about = refNames(g.Fields) + " · " + about
	}
	add(wrap(about, "", "")...)
	add("", "Opening (about ten seconds)")
	add(wrap(g.Opening, "  ", "  ")...)
	add(wrap("Practise it out loud to a friend, and have a short answer ready for \"Tell me about yourself\".", "  ", "  ")...)
	add("", "Questions")
	closing := false
	for i, q := range g.Questions {
		if q.Closing && !closing {
			closing = true
			add("  Closing — always ask before you leave:")
		}
		num := fmt.Sprintf("%3d. ", i+1)
		text := q.Text
		if !q.Closing {
			text = "[" + q.Topic.Title() + "] " + text
		}
		add(wrap(text, "  "+num, strings.Repeat(" ", 2+len(num)))...)
	}

	add("", "Research")
	// Whatever room is left on the page goes to the research notes.
	room := pageLines - len(lines) - 2*len(g.Research) - 2
	per := min(6, max(2, room/max(1, len(g.Research))))
	for _, r := range g.Research {
		add(fmt.Sprintf("  %s — %s", strings.ToUpper(r.Kind[:1])+r.Kind[1:], r.Name))
		if strings.TrimSpace(r.Notes) == "" {
			add("    Nothing noted yet: look them up before you go.")
			continue
		}
		var body []string
		for _, l := range strings.Split(strings.TrimSpace(r.Notes), "\n") {
			l = strings.TrimSpace(l)
			if h := strings.TrimLeft(l, "#"); h != l && strings.HasPrefix(h, " ") {
				l = strings.TrimSpace(h) // a Markdown heading reads as a plain line on paper
			}
			rest := "    "
			if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ") {
				rest = "      " // under the item's text, not its bullet
			}
			if l != "" {
				body = append(body, wrap(l, "    ", rest)...)
			}
		}
		if len(body) > per {
			body = append(body[:per-1], "    …")
		}
		add(body...)
	}
	add("")
	add(wrap("Listen far more than you talk; jot down names, terms to clarify and skill words.", "", "")...)
	fmt.Fprintln(w, strings.Join(lines, "\n"))
}

// wrap breaks text into lines of at most guideWidth runes, the first
// starting with first and the others with rest.
func wrap(text, first, rest string) []string {
	words := strings.Fields(text)
	if len(words) == 0 {
		return []string{strings.TrimRight(first, " ")}
	}
	var out []string
	line := first
	n := utf8.RuneCountInString(first)
	empty := true
	for _, word := range words {
		wn := utf8.RuneCountInString(word)
		if !empty && n+1+wn > guideWidth {
			out = append(out, line)
			line, n, empty = rest, utf8.RuneCountInString(rest), true
		}
		if !empty {
			line += " "
			n++
		}
		line += word
		n += wn
		empty = false
	}
	return append(out, line)
}
