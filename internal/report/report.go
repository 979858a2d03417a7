// Package report tells what each career field taught the user: every held
// conversation side by side by topic, the topics nobody covered yet, the
// number of perspectives against the field's target, the skill words heard
// (for a resume), the terms still to clarify, the resources suggested and
// the referrals obtained with what became of them.
//
// Build is pure: it turns an Input into a Report. Load gathers the Input
// from the store; Markdown and HTMLRenderer write the report out.
package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// MinPerspectives is the number of perspectives under which the report
// warns: one or two conversations mislead, whatever the field's target.
const MinPerspectives = 3

// Input is everything a field's report is made from.
type Input struct {
	Field model.Field
	// Conversations are the field's held conversations (held or a later
	// step), oldest first.
	Conversations []Conversation
	// QuestionNotes are the quick notes of those conversations.
	QuestionNotes []store.QuestionNote
	// Captures are the captures of those conversations.
	Captures []store.Capture
	// Referrals are the people the professionals of those conversations
	// referred the user to.
	Referrals []Referral
	// AsOf is when the report is made; dates are shown in Location.
	AsOf     time.Time
	Location *time.Location
}

// Conversation is one held conversation with who it was with.
type Conversation struct {
	*model.Conversation
	Organization string // the person's organization, if known
	Role         string // the person's role, if known
}

// Referral is a person the user was referred to, with what became of it.
type Referral struct {
	Person       model.Ref
	Organization string
	By           model.Ref // the professional who referred them
	// State is the state of the user's latest conversation with the
	// referred person; empty when there is none yet.
	State model.State
}

// Report is what one field taught the user.
type Report struct {
	Field model.Ref `json:"field"`
	AsOf  time.Time `json:"as_of"`
	// Columns are the held conversations, oldest first: one column each.
	Columns []Column `json:"columns"`
	// Rows are the eight topics in order, then the notes outside any topic
	// (Topic ""): one row each, one cell per column.
	Rows []Row `json:"rows"`
	// Uncovered are the topics no conversation has notes on yet.
	Uncovered []Topic `json:"uncovered"`
	// Perspectives counts the different people the user heard; Target is
	// the field's goal; Warning is set under MinPerspectives.
	Perspectives int    `json:"perspectives"`
	Target       int    `json:"target"`
	Warning      string `json:"warning,omitempty"`
	// SkillWords are counted across conversations, most heard first.
	SkillWords []SkillWord `json:"skill_words"`
	OpenTerms  []Item      `json:"open_terms"`
	Resources  []Item      `json:"resources"`
	NextSteps  []Item      `json:"next_steps"`
	Referrals  []Outcome   `json:"referrals"`
}

// Column is one held conversation.
type Column struct {
	ConversationID int64     `json:"conversation_id"`
	PersonID       int64     `json:"person_id"`
	Person         string    `json:"person"`
	Organization   string    `json:"organization,omitempty"`
	Role           string    `json:"role,omitempty"`
	HeldAt         time.Time `json:"held_at"`
	Held           string    `json:"held"` // the date, as shown
	Summary        string    `json:"summary,omitempty"`
	Usefulness     int       `json:"usefulness,omitempty"`
}

// Topic names a topic for display.
type Topic struct {
	Topic questions.Topic `json:"topic"`
	Title string          `json:"title"`
}

// Row is one topic across the conversations.
type Row struct {
	Topic
	// Cells has one entry per column.
	Cells []Cell `json:"cells"`
}

// Cell is what one person said on one topic.
type Cell struct {
	// Notes is the written-up notes on the topic (Markdown).
	Notes string `json:"notes,omitempty"`
	// Quick are the notes typed under questions of the topic.
	Quick []Quick `json:"quick,omitempty"`
}

// Empty reports whether the person said nothing noted on the topic.
func (c Cell) Empty() bool { return strings.TrimSpace(c.Notes) == "" && len(c.Quick) == 0 }

// Quick is a quick note under one question.
type Quick struct {
	Question string `json:"question"`
	Note     string `json:"note"`
}

// SkillWord is a skill word and who used it.
type SkillWord struct {
	Word   string   `json:"word"`
	Count  int      `json:"count"` // conversations it came up in
	People []string `json:"people"`
}

// Item is a term to clarify, a resource or a next step, with who suggested it.
type Item struct {
	Text           string `json:"text"`
	Kind           string `json:"kind,omitempty"` // a resource's kind
	Note           string `json:"note,omitempty"`
	Person         string `json:"person"`
	ConversationID int64  `json:"conversation_id"`
}

// Outcome is a referral obtained and what became of it.
type Outcome struct {
	PersonID     int64  `json:"person_id,omitempty"` // 0 if the person was deleted since
	Name         string `json:"name"`
	Organization string `json:"organization,omitempty"`
	By           string `json:"by"`
	// MayUseName is the answer to "may I mention your name?", when it was
	// captured.
	MayUseName *bool  `json:"may_use_name,omitempty"`
	Note       string `json:"note,omitempty"`
	State      string `json:"state,omitempty"` // the latest conversation's state; "" if none
	// Became says it in words: "not contacted yet", "requested", "held".
	Became string `json:"became"`
}

// GeneralTitle is the title of the row of notes outside any topic.
const GeneralTitle = "Other notes"

// Build makes the report. It reads the conversations' notes split by topic
// (questions.SplitNotes), so notes written by hand with headings such as
// "### Path" land in their topic's row and the rest in "Other notes".
func Build(in Input) *Report {
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	convos := slices.Clone(in.Conversations)
	slices.SortStableFunc(convos, func(a, b Conversation) int {
		return cmp.Or(heldAt(a).Compare(heldAt(b)), cmp.Compare(a.ID, b.ID))
	})
	r := &Report{Field: model.Ref{ID: in.Field.ID, Name: in.Field.Name}, AsOf: in.AsOf, Target: in.Field.Target,
		Columns: []Column{}, Uncovered: []Topic{}, SkillWords: []SkillWord{}, OpenTerms: []Item{},
		Resources: []Item{}, NextSteps: []Item{}, Referrals: []Outcome{}}
	col := map[int64]int{} // conversation id → column
	people := map[int64]bool{}
	sections := make([]questions.Sections, len(convos))
	for i, c := range convos {
		col[c.ID] = i
		people[c.Person.ID] = true
		sections[i] = questions.SplitNotes(c.Notes)
		held := heldAt(c)
		r.Columns = append(r.Columns, Column{ConversationID: c.ID, PersonID: c.Person.ID, Person: c.Person.Name,
			Organization: c.Organization, Role: c.Role, HeldAt: held, Held: held.In(loc).Format("2 Jan 2006"),
			Summary: c.Summary, Usefulness: c.Usefulness})
	}
	r.Perspectives = len(people)
	switch {
	case r.Perspectives == 0:
		r.Warning = fmt.Sprintf("No perspectives yet: talk to at least %d people in %s before you draw conclusions.", MinPerspectives, in.Field.Name)
	case r.Perspectives < MinPerspectives:
		r.Warning = fmt.Sprintf("Only %s so far: don't let one conversation sway you. Talk to at least %d people in %s before you draw conclusions.",
			plural(r.Perspectives, "perspective"), MinPerspectives, in.Field.Name)
	}

	quick := map[int64]map[questions.Topic][]Quick{}
	for _, n := range in.QuestionNotes {
		if _, ok := col[n.ConversationID]; !ok || strings.TrimSpace(n.Text) == "" {
			continue
		}
		if quick[n.ConversationID] == nil {
			quick[n.ConversationID] = map[questions.Topic][]Quick{}
		}
		quick[n.ConversationID][n.Topic] = append(quick[n.ConversationID][n.Topic], Quick{Question: n.Question, Note: strings.TrimSpace(n.Text)})
	}
	for _, t := range questions.Topics() {
		row := Row{Topic: Topic{Topic: t, Title: t.Title()}, Cells: make([]Cell, len(convos))}
		covered := false
		for i, c := range convos {
			notes := sections[i].Topics[t]
			row.Cells[i] = Cell{Notes: notes, Quick: notWrittenUp(quick[c.ID][t], notes)}
			covered = covered || !row.Cells[i].Empty()
		}
		if !covered {
			r.Uncovered = append(r.Uncovered, row.Topic)
		}
		r.Rows = append(r.Rows, row)
	}
	general := Row{Topic: Topic{Title: GeneralTitle}, Cells: make([]Cell, len(convos))}
	for i := range convos {
		general.Cells[i] = Cell{Notes: sections[i].General}
	}
	r.Rows = append(r.Rows, general)

	r.SkillWords = skillWords(convos, in.QuestionNotes, in.Captures, col)
	r.OpenTerms, r.Resources, r.NextSteps = items(convos, in.Captures, col)
	r.Referrals = outcomes(convos, in.Referrals, in.Captures, col)
	return r
}

// notWrittenUp keeps the quick notes the write-up does not already hold: a
// write-up prefilled from the quick notes carries their text, and the report
// would show it twice.
func notWrittenUp(quick []Quick, notes string) []Quick {
	if len(quick) == 0 || strings.TrimSpace(notes) == "" {
		return quick
	}
	written := strings.Join(strings.Fields(notes), " ")
	var out []Quick
	for _, q := range quick {
		if !strings.Contains(written, strings.Join(strings.Fields(q.Note), " ")) {
			out = append(out, q)
		}
	}
	return out
}

func heldAt(c Conversation) time.Time {
	if c.HeldAt != nil {
		return *c.HeldAt
	}
	return c.StateAt
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// skillWords counts skill words over the conversations: captured ones and
// those written on "Skill words:" lines of the notes and quick notes. Each
// conversation counts once per word; case does not matter.
func skillWords(convos []Conversation, notes []store.QuestionNote, caps []store.Capture, col map[int64]int) []SkillWord {
	type tally struct {
		word  string
		first int // order of first mention, for stable output
		in    map[int64]bool
	}
	words := map[string]*tally{}
	order := 0
	add := func(convo int64, w string) {
		w = strings.Join(strings.Fields(w), " ")
		if w == "" {
			return
		}
		key := strings.ToLower(w)
		t := words[key]
		if t == nil {
			t = &tally{word: w, first: order, in: map[int64]bool{}}
			order++
			words[key] = t
		}
		t.in[convo] = true
	}
	for _, c := range convos {
		for _, w := range questions.SkillWordsIn(c.Notes) {
			add(c.ID, w)
		}
	}
	for _, n := range notes {
		if _, ok := col[n.ConversationID]; ok {
			for _, w := range questions.SkillWordsIn(n.Text) {
				add(n.ConversationID, w)
			}
		}
	}
	for _, k := range caps {
		if _, ok := col[k.ConversationID]; ok && k.Kind == store.CaptureSkillWord {
			add(k.ConversationID, k.Text)
		}
	}
	out := make([]SkillWord, 0, len(words))
	firsts := map[string]int{}
	for _, t := range words {
		sw := SkillWord{Word: t.word, Count: len(t.in)}
		for _, c := range convos {
			if t.in[c.ID] {
				sw.People = append(sw.People, c.Person.Name)
			}
		}
		firsts[t.word] = t.first
		out = append(out, sw)
	}
	slices.SortFunc(out, func(a, b SkillWord) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(strings.ToLower(a.Word), strings.ToLower(b.Word)), cmp.Compare(firsts[a.Word], firsts[b.Word]))
	})
	return out
}

// items returns the open terms, the resources (by kind) and the next steps
// captured in the conversations, in column order.
func items(convos []Conversation, caps []store.Capture, col map[int64]int) (terms, resources, steps []Item) {
	terms, resources, steps = []Item{}, []Item{}, []Item{}
	sorted := slices.Clone(caps)
	slices.SortStableFunc(sorted, func(a, b store.Capture) int {
		return cmp.Or(cmp.Compare(col[a.ConversationID], col[b.ConversationID]), cmp.Compare(a.ID, b.ID))
	})
	for _, k := range sorted {
		i, ok := col[k.ConversationID]
		if !ok {
			continue
		}
		it := Item{Text: k.Text, Note: k.Note, Person: convos[i].Person.Name, ConversationID: k.ConversationID}
		switch k.Kind {
		case store.CaptureTerm:
			if !k.Resolved {
				terms = append(terms, it)
			}
		case store.CaptureResource:
			it.Kind = string(k.ResourceKind)
			resources = append(resources, it)
		case store.CaptureNextStep:
			steps = append(steps, it)
		}
	}
	kindRank := func(k string) int {
		return slices.Index(store.ResourceKinds(), store.ResourceKind(k))
	}
	slices.SortStableFunc(resources, func(a, b Item) int { return cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)) })
	return terms, resources, steps
}

// outcomes lists the referrals obtained from the professionals of the
// conversations, in column order, with the captured details when the
// referral was captured during a conversation.
func outcomes(convos []Conversation, refs []Referral, caps []store.Capture, col map[int64]int) []Outcome {
	captured := map[int64]store.Capture{} // person id → referral capture
	var orphans []store.Capture           // referral captures whose person was deleted
	for _, k := range caps {
		if _, ok := col[k.ConversationID]; !ok || k.Kind != store.CaptureReferral {
			continue
		}
		if k.Person == nil {
			orphans = append(orphans, k)
		} else if _, seen := captured[k.Person.ID]; !seen {
			captured[k.Person.ID] = k
		}
	}
	byPerson := map[int64]int{} // professional → first column
	for i := len(convos) - 1; i >= 0; i-- {
		byPerson[convos[i].Person.ID] = i
	}
	sorted := slices.Clone(refs)
	slices.SortStableFunc(sorted, func(a, b Referral) int {
		return cmp.Or(cmp.Compare(byPerson[a.By.ID], byPerson[b.By.ID]), cmp.Compare(strings.ToLower(a.Person.Name), strings.ToLower(b.Person.Name)))
	})
	out := []Outcome{}
	seen := map[int64]bool{}
	for _, ref := range sorted {
		if seen[ref.Person.ID] {
			continue
		}
		seen[ref.Person.ID] = true
		o := Outcome{PersonID: ref.Person.ID, Name: ref.Person.Name, Organization: ref.Organization, By: ref.By.Name,
			State: string(ref.State), Became: became(ref.State)}
		if k, ok := captured[ref.Person.ID]; ok {
			may := k.MayUseName
			o.MayUseName, o.Note = &may, k.Note
		}
		out = append(out, o)
	}
	for _, k := range orphans {
		may := k.MayUseName
		out = append(out, Outcome{Name: k.Text, By: convos[col[k.ConversationID]].Person.Name, MayUseName: &may, Note: k.Note,
			Became: "no longer in your people"})
	}
	return out
}

// became says what became of a referral, from the state of the latest
// conversation with the referred person.
func became(s model.State) string {
	if s == "" {
		return "not contacted yet"
	}
	if s == model.StateIdea {
		return "planned (not requested yet)"
	}
	return s.Label()
}
