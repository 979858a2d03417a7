package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
)

// Guide is the question guide of one conversation: what the user says
// first, the questions in the order to ask them, and their research on the
// field, the organization and the person.
type Guide struct {
	ConversationID int64       `json:"conversation_id"`
	Person         model.Ref   `json:"person"`
	Organization   *model.Ref  `json:"organization,omitempty"`
	Fields         []model.Ref `json:"fields"`
	// Minutes is the time the conversation asks for.
	Minutes int `json:"minutes"`
	// Opening is the opening statement: the user's own (OpeningEdited) or
	// one drafted from their profile and the conversation's field.
	Opening       string `json:"opening"`
	OpeningEdited bool   `json:"opening_edited"`
	// Questions end with the closing (referral) questions.
	Questions []questions.Question `json:"questions"`
	Research  []Research           `json:"research"`
	// Covered counts, per topic, the other held conversations in the
	// conversation's fields whose notes cover it; the guide was built to
	// prefer the least covered topics.
	Covered map[questions.Topic]int `json:"covered"`
	// Saved tells a guide kept in the database from one drafted for this
	// reading only: a read never writes, so a guide is stored on its first
	// edit (or KeepGuide) and until then follows the bank as it changes.
	Saved     bool      `json:"saved"`
	CreatedAt time.Time `json:"created_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Research is what the user noted on one thing to know before the
// conversation.
type Research struct {
	Kind  string `json:"kind"` // field, organization or person
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Notes string `json:"notes"` // Markdown; empty when nothing is noted yet
}

// MaxOpening is the longest opening statement accepted; the method wants
// about ten seconds of speech.
const MaxOpening = 1000

// Guide returns a conversation's question guide. A guide not saved yet is
// drafted with questions.Build — sized to the conversation's minutes,
// favourites first, hidden questions left out, topics the field's other
// held conversations covered least preferred — and returned unsaved: a read
// never writes. The first edit (or KeepGuide) saves it, so that it then
// stays as the user edits it even when the bank or the field's notes change.
func (sc *Scope) Guide(ctx context.Context, id int64, now time.Time) (*Guide, error) {
	return sc.guide(ctx, id, now, false)
}

// KeepGuide saves a conversation's guide as drafted now, unless it is saved
// already, and returns it.
func (sc *Scope) KeepGuide(ctx context.Context, id int64, now time.Time) (*Guide, error) {
	return sc.guide(ctx, id, now, true)
}

func (sc *Scope) guide(ctx context.Context, id int64, now time.Time, keep bool) (*Guide, error) {
	c, err := sc.Conversation(ctx, id)
	if err != nil {
		return nil, err
	}
	g, err := sc.assembleGuide(ctx, c)
	if err != nil {
		return nil, err
	}
	bank, err := sc.Questions(ctx)
	if err != nil {
		return nil, err
	}
	ids, opening, created, updated, found, err := sc.guideRow(ctx, id)
	if err != nil {
		return nil, err
	}
	if !found {
		built := questions.Build(questions.Input{Minutes: g.Minutes, Questions: bank, Covered: g.Covered, Opening: g.Opening})
		ids = questionIDs(built.Questions)
	}
	if !found && keep {
		// A concurrent first edit may have saved its own build: keep the first.
		if _, err := sc.w.ExecContext(ctx, `INSERT INTO guides (conversation_id, owner_id, question_ids, opening, created_at, updated_at)
			VALUES ($1, $2, $3, '', $4, $4) ON CONFLICT (conversation_id) DO NOTHING`,
			id, sc.owner, strings.Join(ids, "\n"), ts(now)); err != nil {
			return nil, fmt.Errorf("save guide of conversation %d: %w", id, err)
		}
		if ids, opening, created, updated, found, err = sc.guideRow(ctx, id); err != nil {
			return nil, err
		}
	}
	byID := make(map[string]questions.Question, len(bank))
	for _, q := range bank {
		byID[q.ID] = q
	}
	g.Questions = make([]questions.Question, 0, len(ids))
	for _, qid := range ids {
		// A question the user deleted since drops out of the guide.
		if q, ok := byID[qid]; ok {
			if qid == questions.WhoElseID {
				q.Closing = true
			}
			g.Questions = append(g.Questions, q)
		}
	}
	if opening != "" {
		g.Opening, g.OpeningEdited = opening, true
	}
	g.Saved, g.CreatedAt, g.UpdatedAt = found, created, updated
	return g, nil
}

func (sc *Scope) guideRow(ctx context.Context, id int64) (ids []string, opening string, created, updated time.Time, found bool, err error) {
	var raw string
	var c, u nullTime
	err = sc.r.QueryRowContext(ctx, `SELECT question_ids, opening, created_at, updated_at FROM guides WHERE owner_id = $1 AND conversation_id = $2`,
		sc.owner, id).Scan(&raw, &opening, &c, &u)
	if isNoRows(err) {
		return nil, "", time.Time{}, time.Time{}, false, nil
	}
	if err != nil {
		return nil, "", time.Time{}, time.Time{}, false, fmt.Errorf("read guide of conversation %d: %w", id, err)
	}
	if raw != "" {
		ids = strings.Split(raw, "\n")
	}
	return ids, opening, c.Time, u.Time, true, nil
}

func questionIDs(qs []questions.Question) []string {
	ids := make([]string, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	return ids
}

// assembleGuide fills in everything of a guide but its questions: the
// person, organization and fields, the drafted opening statement, the
// research and the topic coverage.
func (sc *Scope) assembleGuide(ctx context.Context, c *model.Conversation) (*Guide, error) {
	g := &Guide{ConversationID: c.ID, Person: c.Person, Fields: c.Fields, Minutes: c.Minutes, Research: []Research{}}
	settings, err := sc.Settings(ctx)
	if err != nil {
		return nil, err
	}
	p, err := sc.Person(ctx, c.Person.ID)
	if err != nil {
		return nil, err
	}
	g.Organization = p.Organization
	fieldName := ""
	for _, f := range c.Fields {
		field, err := sc.Field(ctx, f.ID)
		if err != nil {
			return nil, err
		}
		if fieldName == "" {
			fieldName = field.Name
		}
		g.Research = append(g.Research, Research{Kind: "field", ID: field.ID, Name: field.Name, Notes: field.Notes})
	}
	if p.Organization != nil {
		o, err := sc.Organization(ctx, p.Organization.ID)
		if err != nil {
			return nil, err
		}
		g.Research = append(g.Research, Research{Kind: "organization", ID: o.ID, Name: o.Name, Notes: o.Notes})
	}
	g.Research = append(g.Research, Research{Kind: "person", ID: p.ID, Name: p.Name, Notes: p.Notes})
	g.Opening = questions.OpeningStatement(settings.UserName, program(settings.School, settings.Year), inSentence(fieldName), settings.Intro)
	if g.Covered, err = sc.fieldCoverage(ctx, c); err != nil {
		return nil, err
	}
	return g, nil
}

// fieldCoverage counts, per topic, the held conversations in c's fields
// (other than c) whose notes cover the topic: a write-up section of that
// topic, or a quick note under one of its questions.
func (sc *Scope) fieldCoverage(ctx context.Context, c *model.Conversation) (map[questions.Topic]int, error) {
	covered := map[questions.Topic]int{}
	topicsOf := map[int64]map[questions.Topic]bool{}
	for _, f := range c.Fields {
		held, err := sc.Conversations(ctx, ConversationFilter{FieldID: f.ID, States: heldStateList()})
		if err != nil {
			return nil, err
		}
		for _, h := range held {
			if h.ID == c.ID || topicsOf[h.ID] != nil {
				continue
			}
			topics := map[questions.Topic]bool{}
			for _, t := range questions.SplitNotes(h.Notes).Covered() {
				topics[t] = true
			}
			topicsOf[h.ID] = topics
		}
		notes, err := sc.QuestionNotes(ctx, QuestionNoteFilter{FieldID: f.ID})
		if err != nil {
			return nil, err
		}
		for _, n := range notes {
			if topics := topicsOf[n.ConversationID]; topics != nil {
				topics[n.Topic] = true
			}
		}
	}
	for _, topics := range topicsOf {
		for t := range topics {
			covered[t]++
		}
	}
	return covered, nil
}

// heldStateList is heldStates as values: the states of a conversation
// that took place.
func heldStateList() []model.State {
	return []model.State{model.StateHeld, model.StateThanked, model.StateReportedBack, model.StateKeepingInTouch}
}

// program is how the opening statement says what the user does now, from
// their profile: "a senior at Riverbend State University", "a student at
// Riverbend State University, class of 2027".
func program(school, year string) string {
	school, year = strings.TrimSpace(school), strings.TrimSpace(year)
	digits := year != "" && strings.IndexFunc(year, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
	switch {
	case year == "" && school == "":
		return ""
	case year == "":
		return "a student at " + school
	case digits && school == "":
		return "a student, class of " + year
	case digits:
		return "a student at " + school + ", class of " + year
	}
	phrase := year
	if lower := strings.ToLower(year); !strings.HasPrefix(lower, "a ") && !strings.HasPrefix(lower, "an ") && !strings.HasPrefix(lower, "the ") {
		phrase = article(year) + " " + year
	}
	if school == "" {
		return phrase
	}
	return phrase + " at " + school
}

func article(phrase string) string {
	r, size := utf8.DecodeRuneInString(phrase)
	next, _ := utf8.DecodeRuneInString(phrase[size:])
	vowels := "aeiouAEIOU"
	if unicode.IsUpper(r) && (next == '.' || unicode.IsUpper(next)) {
		vowels = "AEFHILMNORSX" // spelt out: "an M.S. student", "an MBA"
	}
	if strings.ContainsRune(vowels, r) {
		return "an"
	}
	return "a"
}

// inSentence lower-cases a field's name for the middle of a sentence
// ("Public policy" → "public policy") unless it starts with an acronym
// ("UX research").
func inSentence(name string) string {
	r, size := utf8.DecodeRuneInString(name)
	if size == 0 || !unicode.IsUpper(r) {
		return name
	}
	if next, _ := utf8.DecodeRuneInString(name[size:]); unicode.IsUpper(next) {
		return name
	}
	return string(unicode.ToLower(r)) + name[size:]
}

// saveGuide stores a guide's question order (and keeps its opening).
func (sc *Scope) saveGuide(ctx context.Context, id int64, qs []questions.Question, now time.Time) error {
	_, err := sc.w.ExecContext(ctx, `UPDATE guides SET question_ids = $3, updated_at = $4 WHERE owner_id = $1 AND conversation_id = $2`,
		sc.owner, id, strings.Join(questionIDs(qs), "\n"), ts(now))
	if err != nil {
		return fmt.Errorf("save guide of conversation %d: %w", id, err)
	}
	return nil
}

// editGuide applies one edit of the questions package to a conversation's
// guide (built first if needed) and saves the result.
func (sc *Scope) editGuide(ctx context.Context, id int64, now time.Time, edit func(tx *Scope, g questions.Guide) (questions.Guide, error)) (*Guide, error) {
	var out *Guide
	err := sc.InTx(ctx, func(tx *Scope) error {
		g, err := tx.KeepGuide(ctx, id, now)
		if err != nil {
			return err
		}
		edited, err := edit(tx, questions.Guide{Minutes: g.Minutes, Opening: g.Opening, Questions: g.Questions})
		if err != nil {
			return err
		}
		if err := tx.saveGuide(ctx, id, edited.Questions, now); err != nil {
			return err
		}
		g.Questions, g.UpdatedAt = edited.Questions, stored(now)
		out = g
		return nil
	})
	return out, err
}

// guideError turns an edit refused by the questions package into a field
// error on the given input field.
func guideError(field string, err error) error {
	var qe questions.Error
	if errors.As(err, &qe) {
		return model.Invalid(field, "%v", err)
	}
	return err
}

// RebuildGuide builds a conversation's guide afresh from the bank, the
// conversation's minutes and the field's coverage as they are now,
// replacing the user's edits to its questions (not their opening).
func (sc *Scope) RebuildGuide(ctx context.Context, id int64, now time.Time) (*Guide, error) {
	return sc.editGuide(ctx, id, now, func(tx *Scope, _ questions.Guide) (questions.Guide, error) {
		c, err := tx.Conversation(ctx, id)
		if err != nil {
			return questions.Guide{}, err
		}
		cov, err := tx.fieldCoverage(ctx, c)
		if err != nil {
			return questions.Guide{}, err
		}
		bank, err := tx.Questions(ctx)
		if err != nil {
			return questions.Guide{}, err
		}
		return questions.Build(questions.Input{Minutes: c.Minutes, Questions: bank, Covered: cov}), nil
	})
}

// ReorderGuide puts a guide's questions in the order of ids (see
// questions.Reorder: every topic question once; the closing questions stay
// last). A bad list is a field error on "ids".
func (sc *Scope) ReorderGuide(ctx context.Context, id int64, ids []string, now time.Time) (*Guide, error) {
	return sc.editGuide(ctx, id, now, func(_ *Scope, g questions.Guide) (questions.Guide, error) {
		g, err := questions.Reorder(g, ids)
		return g, guideError("ids", err)
	})
}

// AddToGuide adds a question of the owner's bank to a guide, after the
// other topic questions (or closing questions, for a closing one). Hidden
// questions may be added by hand. An unknown or repeated question is a
// field error on "question_id".
func (sc *Scope) AddToGuide(ctx context.Context, id int64, questionID string, now time.Time) (*Guide, error) {
	return sc.editGuide(ctx, id, now, func(tx *Scope, g questions.Guide) (questions.Guide, error) {
		q, err := tx.Question(ctx, questionID)
		if isNotFound(err) {
			return g, model.Invalid("question_id", "%v", err)
		}
		if err != nil {
			return g, err
		}
		g, err = questions.Add(g, q)
		return g, guideError("question_id", err)
	})
}

// RemoveFromGuide takes a question out of a guide. The who-else question
// stays: a field error on "question_id", as is a question not in the guide.
func (sc *Scope) RemoveFromGuide(ctx context.Context, id int64, questionID string, now time.Time) (*Guide, error) {
	return sc.editGuide(ctx, id, now, func(_ *Scope, g questions.Guide) (questions.Guide, error) {
		g, err := questions.Remove(g, questionID)
		return g, guideError("question_id", err)
	})
}

// SetGuideOpening stores the user's own opening statement for a
// conversation; blank text goes back to the one drafted from their profile.
func (sc *Scope) SetGuideOpening(ctx context.Context, id int64, opening string, now time.Time) (*Guide, error) {
	opening = strings.Join(strings.Fields(opening), " ")
	if n := utf8.RuneCountInString(opening); n > MaxOpening {
		return nil, model.Invalid("opening", "is too long (%d characters, at most %d): keep it to about ten seconds", n, MaxOpening)
	}
	if fe := model.ControlIn("opening", opening, false); fe != nil {
		return nil, fe
	}
	var out *Guide
	err := sc.InTx(ctx, func(tx *Scope) error {
		if _, err := tx.KeepGuide(ctx, id, now); err != nil {
			return err
		}
		if _, err := tx.w.ExecContext(ctx, `UPDATE guides SET opening = $3, updated_at = $4 WHERE owner_id = $1 AND conversation_id = $2`,
			tx.owner, id, opening, ts(now)); err != nil {
			return fmt.Errorf("save opening of conversation %d: %w", id, err)
		}
		var err error
		out, err = tx.Guide(ctx, id, now)
		return err
	})
	return out, err
}
