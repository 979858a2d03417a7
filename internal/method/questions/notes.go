package questions

import (
	"strings"
	"unicode"
)

// Notes split by topic.
//
// A conversation's write-up is one Markdown text (the conversation's notes),
// so that search, the agenda's "write your notes up" rule and every export
// keep working on a single column. The write-up page and the field report
// need it per topic: SplitNotes reads the topic sections back out of it and
// JoinNotes writes them in. Notes written by hand (in the CLI, or before
// Ally had a write-up page) split too, as long as their headings say what
// they are about: "### A typical day" goes to the work itself, "## Path" to
// the career path, "What makes someone successful" to skills.

// Sections is a conversation's notes split by topic.
type Sections struct {
	// General is everything outside a topic section: text before the first
	// heading, and sections whose heading names no topic ("Advice", "To
	// look up"), headings included.
	General string
	// Topics holds the text of each topic's sections, headings removed;
	// topics without notes are absent.
	Topics map[Topic]string
}

// Covered returns the topics that have notes, in Topics order.
func (s Sections) Covered() []Topic {
	var out []Topic
	for _, t := range Topics() {
		if strings.TrimSpace(s.Topics[t]) != "" {
			out = append(out, t)
		}
	}
	return out
}

// SplitNotes splits Markdown notes into topic sections.
//
// A heading (ATX style, "#" to "######") that HeadingTopic recognises starts
// a section of that topic; its heading line is dropped, since the topic says
// it. A heading that names no topic starts a general section and is kept in
// General. Inside a topic section, deeper headings are the section's own
// sub-headings and stay in it whatever they say. Several sections of one
// topic are joined with a blank line. Headings inside fenced code blocks are
// text.
//
// SplitNotes(JoinNotes(general, topics)) gives back general and topics,
// trimmed, when general has no topic headings of its own.
func SplitNotes(md string) Sections {
	s := Sections{Topics: map[Topic]string{}}
	var general strings.Builder
	parts := map[Topic][]string{}
	var cur *strings.Builder // the open topic section; nil in general text
	var curTopic Topic
	curLevel := 0
	closeSection := func() {
		if cur != nil {
			if text := strings.TrimSpace(cur.String()); text != "" {
				parts[curTopic] = append(parts[curTopic], text)
			}
			cur = nil
		}
	}
	fence := ""
	for _, line := range strings.SplitAfter(md, "\n") {
		if f := fenceOf(line); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(f, fence):
				fence = ""
			}
		} else if fence == "" {
			if level, title := atxHeading(line); level > 0 && (cur == nil || level <= curLevel) {
				closeSection()
				if t, ok := HeadingTopic(title); ok {
					cur, curTopic, curLevel = &strings.Builder{}, t, level
					continue
				}
			}
		}
		if cur != nil {
			cur.WriteString(line)
		} else {
			general.WriteString(line)
		}
	}
	closeSection()
	s.General = strings.TrimSpace(general.String())
	for t, texts := range parts {
		s.Topics[t] = strings.Join(texts, "\n\n")
	}
	return s
}

// JoinNotes writes general text and topic sections as one Markdown text:
// general first, then one "## <topic title>" section per topic with notes,
// in Topics order, then any unknown topics in name order.
func JoinNotes(general string, topics map[Topic]string) string {
	var b strings.Builder
	add := func(s string) {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(s)
	}
	if g := strings.TrimSpace(general); g != "" {
		add(g)
	}
	for _, t := range Topics() {
		if text := strings.TrimSpace(topics[t]); text != "" {
			add("## " + t.Title() + "\n\n" + text)
		}
	}
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	return b.String()
}

// atxHeading returns the level and text of a Markdown ATX heading line, or
// level 0 when line is not one.
func atxHeading(line string) (int, string) {
	line = strings.TrimRight(line, "\r\n")
	trimmed := strings.TrimLeft(line, " ")
	if len(line)-len(trimmed) > 3 {
		return 0, "" // indented code
	}
	level := 0
	for level < len(trimmed) && trimmed[level] == '#' {
		level++
	}
	if level == 0 || level > 6 {
		return 0, ""
	}
	rest := trimmed[level:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return 0, "" // "#hashtag" is not a heading
	}
	rest = strings.TrimSpace(rest)
	rest = strings.TrimSpace(strings.TrimRight(rest, "#")) // closing hashes
	return level, rest
}

// fenceOf returns the fence (``` or ~~~, as long as written) a line opens or
// closes, or "".
func fenceOf(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 {
		return ""
	}
	c := t[0]
	if c != '`' && c != '~' {
		return ""
	}
	n := 0
	for n < len(t) && t[n] == c {
		n++
	}
	if n < 3 {
		return ""
	}
	return t[:n]
}

// headingWords are the words (or word beginnings, ending in "*") and
// phrases that tie a heading to a topic. Topics are tried in Topics order
// and the first match wins, so "Motivation and path" is about entry.
func headingWords(t Topic) []string {
	switch t {
	case TopicWork:
		return []string{"typical", "daily", "weekly", "routine", "tasks", "responsibilities", "job",
			"reward*", "frustrat*", "decision*", "the work", "work itself", "day to day", "day-to-day"}
	case TopicEntry:
		return []string{"motivation*", "entry", "getting in", "got in", "breaking in", "attract*",
			"why this field", "how they started", "how she started", "how he started", "first job"}
	case TopicSkills:
		return []string{"skill*", "success*", "preparation", "prepare", "education", "training",
			"qualif*", "degree*", "credential*", "certif*", "courses"}
	case TopicPath:
		return []string{"path*", "career", "advancement", "promotion*", "trajector*", "background"}
	case TopicLifestyle:
		return []string{"lifestyle", "pay", "salary", "salaries", "compensation", "hours", "travel",
			"balance", "flexib*", "security", "stress", "pressure", "benefits"}
	case TopicEnvironment:
		return []string{"environment", "culture", "colleague*", "setting", "workplace", "office",
			"team*", "clients", "structure"}
	case TopicTrends:
		return []string{"trend*", "future", "outlook", "changes", "changing", "industry", "problems", "challenges"}
	case TopicResources:
		return []string{"resource*", "names", "people", "who else", "contacts", "referral*",
			"reading", "association*", "events", "books"}
	}
	return nil
}

// HeadingTopic tells which topic a note heading is about: its exact title
// ("Career path") or id ("path"), else a word the topic is known by ("A
// typical week" is the work itself, "What makes someone successful" skills,
// "Names" resources and people). Headings such as "Advice" or "To look up"
// belong to no topic.
func HeadingTopic(heading string) (Topic, bool) {
	words := strings.FieldsFunc(strings.ToLower(heading), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
	if len(words) == 0 {
		return "", false
	}
	norm := " " + strings.Join(words, " ") + " "
	for _, t := range Topics() {
		if norm == " "+strings.ToLower(t.Title())+" " || norm == " "+string(t)+" " {
			return t, true
		}
	}
	for _, t := range Topics() {
		for _, w := range headingWords(t) {
			if prefix, ok := strings.CutSuffix(w, "*"); ok {
				if strings.Contains(norm, " "+prefix) {
					return t, true
				}
			} else if strings.Contains(norm, " "+w+" ") {
				return t, true
			}
		}
	}
	return "", false
}

// SkillWordsIn returns the skill words written in notes on a line that
// starts with "Skill words:" (after any list marker or emphasis), the way
// the method asks to jot them down: "Skill words: *GIS*, *technical
// writing*". When the line emphasises its words, the emphasised phrases are
// the words; otherwise the line is split at commas and semicolons. Words
// come in the order written, without duplicates (ignoring case).
func SkillWordsIn(md string) []string {
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(md, "\n") {
		rest, ok := skillLine(line)
		if !ok {
			continue
		}
		var words []string
		if em := emphasised(rest); len(em) > 0 {
			words = em
		} else {
			words = strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ';' })
		}
		for _, w := range words {
			w = strings.TrimSpace(strings.Trim(strings.TrimSpace(w), "*_`."))
			if w == "" || seen[strings.ToLower(w)] {
				continue
			}
			seen[strings.ToLower(w)] = true
			out = append(out, w)
		}
	}
	return out
}

// skillLine reports whether line is a "Skill words:" line and returns what
// follows the label.
func skillLine(line string) (string, bool) {
	s := strings.TrimSpace(line)
	s = strings.TrimLeft(s, "-*+> ")
	s = strings.TrimLeft(s, "*_")
	const label = "skill words"
	if len(s) < len(label) || !strings.EqualFold(s[:len(label)], label) {
		return "", false
	}
	s = strings.TrimLeft(s[len(label):], "*_ ")
	rest, ok := strings.CutPrefix(s, ":")
	if !ok {
		return "", false
	}
	// The end of a bold label ("**Skill words:** ...") is not emphasis.
	if r, ok := strings.CutPrefix(rest, "**"); ok {
		rest = r
	} else if r, ok := strings.CutPrefix(rest, "__"); ok {
		rest = r
	}
	return strings.TrimSpace(rest), true
}

// emphasised returns the *starred* or _underscored_ phrases of s.
func emphasised(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexAny(s, "*_")
		if i < 0 {
			break
		}
		mark := s[i]
		j := i
		for j < len(s) && s[j] == mark {
			j++
		}
		open := s[i:j]
		end := strings.Index(s[j:], open)
		if end < 0 {
			break
		}
		if phrase := strings.TrimSpace(s[j : j+end]); phrase != "" {
			out = append(out, phrase)
		}
		s = s[j+end+len(open):]
	}
	return out
}
