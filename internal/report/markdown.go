package report

import (
	"fmt"
	"io"
	"strings"
)

// Markdown writes the report as Markdown that reads well as plain text: a
// table of who the user talked to, a topic-by-person grid of who covered
// what, then each topic with what each person said, and the lists. The
// notes are the user's own Markdown; their headings become bold lines so
// that they cannot break the report's outline.
func (r *Report) Markdown(w io.Writer) error {
	// The document is a list of blocks (paragraphs, lists, tables)
	// separated by blank lines.
	var blocks []string
	add := func(format string, args ...any) { blocks = append(blocks, fmt.Sprintf(format, args...)) }
	var t strings.Builder // a block built line by line
	line := func(format string, args ...any) { fmt.Fprintf(&t, format+"\n", args...) }
	flush := func() {
		if t.Len() > 0 {
			blocks = append(blocks, strings.TrimRight(t.String(), "\n"))
			t.Reset()
		}
	}

	add("# What I learned about %s", oneLine(r.Field.Name))
	meta := fmt.Sprintf("As of %s · %s heard", r.AsOf.Format("2 January 2006"), plural(r.Perspectives, "perspective"))
	if r.Target > 0 {
		meta += fmt.Sprintf(" of %d wanted", r.Target)
	}
	add("%s.", meta)
	if r.Warning != "" {
		add("> **Warning:** %s", r.Warning)
	}

	if len(r.Columns) == 0 {
		add("No conversation in this field is held yet: the report fills in as you talk to people.")
	} else {
		add("## Who I talked to")
		line("| # | Person | Role and organization | Held | Useful | In one line |")
		line("|--:|---|---|---|:-:|---|")
		for i, c := range r.Columns {
			useful := "—"
			if c.Usefulness > 0 {
				useful = fmt.Sprintf("%d/5", c.Usefulness)
			}
			line("| %d | %s | %s | %s | %s | %s |", i+1, cell(c.Person), cell(orDash(join(c.Role, c.Organization))), c.Held, useful, cell(orDash(c.Summary)))
		}
		flush()

		add("## Side by side")
		add("Which topics each conversation covered (✓), numbered as above.")
		head, rule := "| Topic |", "|---|"
		for i := range r.Columns {
			head += fmt.Sprintf(" %d |", i+1)
			rule += ":-:|"
		}
		line("%s", head)
		line("%s", rule)
		for _, row := range r.Rows {
			if row.Topic.Topic == "" {
				continue
			}
			marks := ""
			for _, c := range row.Cells {
				marks += map[bool]string{true: " — |", false: " ✓ |"}[c.Empty()]
			}
			line("| %s |%s", row.Title, marks)
		}
		flush()

		add("## What each person said")
		for _, row := range r.Rows {
			add("### %s", row.Title)
			said := false
			for i, c := range row.Cells {
				if c.Empty() {
					continue
				}
				said = true
				col := r.Columns[i]
				who := "**" + inline(col.Person) + "**"
				if col.Organization != "" {
					who += " (" + inline(col.Organization) + ")"
				}
				add("%s", who)
				if notes := flattenHeadings(c.Notes); notes != "" {
					add("%s", notes)
				}
				for _, q := range c.Quick {
					line("- *%s* — %s", inline(q.Question), indentMore(q.Note))
				}
				flush()
			}
			switch {
			case said:
			case row.Topic.Topic == "":
				add("Nothing else noted.")
			default:
				add("*Nobody has covered this topic yet.*")
			}
		}
	}

	add("## Topics nobody covered yet")
	if len(r.Uncovered) == 0 {
		add("None: every topic has been covered at least once.")
	}
	for _, u := range r.Uncovered {
		line("- %s", u.Title)
	}
	flush()

	add("## Skill words for your resume")
	if len(r.SkillWords) == 0 {
		add("None yet. Listen for them when you ask what makes someone successful here.")
	} else {
		line("| Skill word | Heard | From |")
		line("|---|--:|---|")
		for _, s := range r.SkillWords {
			line("| %s | %d | %s |", cell(s.Word), s.Count, cell(strings.Join(s.People, ", ")))
		}
		flush()
	}

	list := func(title, none string, items []Item) {
		add("## %s", title)
		if len(items) == 0 {
			add("%s", none)
		}
		for _, it := range items {
			item := "- "
			if it.Kind != "" {
				item += strings.ToUpper(it.Kind[:1]) + it.Kind[1:] + ": "
			}
			item += "**" + inline(it.Text) + "** — from " + inline(it.Person)
			if it.Note != "" {
				item += ": " + indentMore(it.Note)
			}
			line("%s", item)
		}
		flush()
	}
	list("Terms to clarify", "None open.", r.OpenTerms)
	list("Resources suggested", "None yet.", r.Resources)
	list("Next steps advised", "None yet.", r.NextSteps)

	add("## Referrals")
	if len(r.Referrals) == 0 {
		add("None yet. End every conversation by asking who else you should talk to.")
	} else {
		line("| Referred to | By | May use the name | What became of it |")
		line("|---|---|:-:|---|")
		for _, o := range r.Referrals {
			may := "—"
			if o.MayUseName != nil {
				may = map[bool]string{true: "yes", false: "no"}[*o.MayUseName]
			}
			name := o.Name
			if o.Organization != "" {
				name += " (" + o.Organization + ")"
			}
			if o.Note != "" {
				name += ": " + o.Note
			}
			line("| %s | %s | %s | %s |", cell(name), cell(o.By), may, cell(o.Became))
		}
		flush()
	}
	_, err := io.WriteString(w, strings.Join(blocks, "\n\n")+"\n")
	return err
}

// cell makes text safe inside a Markdown table cell: one line, pipes escaped.
func cell(s string) string { return strings.ReplaceAll(oneLine(s), "|", `\|`) }

// inline makes text safe inside emphasis on one line.
func inline(s string) string { return strings.NewReplacer("*", `\*`, "_", `\_`).Replace(oneLine(s)) }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ", " + b
}

// indentMore indents the lines after the first so a multi-line note stays
// inside its list item.
func indentMore(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n  ")
}

// flattenHeadings turns the headings of the user's notes into bold lines,
// outside code fences, and trims the notes.
func flattenHeadings(md string) string {
	lines := strings.Split(strings.TrimSpace(md), "\n")
	fence := ""
	for i, line := range lines {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			switch {
			case fence == "":
				fence = t[:3]
			case strings.HasPrefix(t, fence):
				fence = ""
			}
			continue
		}
		if fence != "" || !strings.HasPrefix(t, "#") || len(line)-len(strings.TrimLeft(line, " ")) > 3 {
			continue
		}
		text := strings.TrimLeft(t, "#")
		if text != "" && text[0] != ' ' {
			continue // #hashtag
		}
		if text = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(text), "#")); text != "" {
			lines[i] = "**" + text + "**"
		}
	}
	return strings.Join(lines, "\n")
}
