package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
)

// The question bank of one owner is Ally's built-in questions followed by
// the owner's own, each with the owner's hidden and favourite choices. Own
// questions have ids "u<row id>"; built-in ids are "<topic>-<slug>", so the
// two never meet.

// ownQuestionPrefix starts the id of every question the user wrote.
const ownQuestionPrefix = "u"

// MaxQuestion is the longest question text accepted.
const MaxQuestion = model.MaxShort

func ownQuestionID(rowID int64) string { return ownQuestionPrefix + strconv.FormatInt(rowID, 10) }

// ownQuestionRow returns the row id of an own question's id, or 0 when id is
// not one.
func ownQuestionRow(id string) int64 {
	rest, ok := strings.CutPrefix(id, ownQuestionPrefix)
	if !ok {
		return 0
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	if err != nil || n <= 0 || strconv.FormatInt(n, 10) != rest {
		return 0
	}
	return n
}

func questionNotFound(id string) error { return &NotFoundError{Kind: "question", Key: id} }

// Questions returns the owner's question bank: the built-in questions in
// their order, then the owner's own in the order written, with Hidden and
// Favourite set from the owner's choices. Hidden questions are included;
// the guide builder skips them.
func (sc *Scope) Questions(ctx context.Context) ([]questions.Question, error) {
	prefs, err := sc.questionPrefs(ctx)
	if err != nil {
		return nil, err
	}
	bank := questions.BuiltIns()
	own, err := sc.ownQuestions(ctx, 0)
	if err != nil {
		return nil, err
	}
	bank = append(bank, own...)
	for i := range bank {
		if p, ok := prefs[bank[i].ID]; ok {
			bank[i].Hidden, bank[i].Favourite = p.hidden, p.favourite
		}
	}
	return bank, nil
}

// Question returns one question of the owner's bank by id.
func (sc *Scope) Question(ctx context.Context, id string) (questions.Question, error) {
	var q questions.Question
	if row := ownQuestionRow(id); row != 0 {
		own, err := sc.ownQuestions(ctx, row)
		if err != nil {
			return q, err
		}
		if len(own) == 0 {
			return q, questionNotFound(id)
		}
		q = own[0]
	} else {
		found := false
		for _, b := range questions.BuiltIns() {
			if b.ID == id {
				q, found = b, true
				break
			}
		}
		if !found {
			return q, questionNotFound(id)
		}
	}
	var hidden, fav bool
	err := sc.r.QueryRowContext(ctx, `SELECT hidden, favourite FROM question_prefs WHERE owner_id = $1 AND question_id = $2`,
		sc.owner, id).Scan(&hidden, &fav)
	if err != nil && !isNoRows(err) {
		return q, fmt.Errorf("read question %s: %w", id, err)
	}
	q.Hidden, q.Favourite = hidden, fav
	return q, nil
}

type questionPref struct{ hidden, favourite bool }

func (sc *Scope) questionPrefs(ctx context.Context) (map[string]questionPref, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT question_id, hidden, favourite FROM question_prefs WHERE owner_id = $1`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("read question choices: %w", err)
	}
	defer rows.Close()
	out := map[string]questionPref{}
	for rows.Next() {
		var id string
		var p questionPref
		if err := rows.Scan(&id, &p.hidden, &p.favourite); err != nil {
			return nil, fmt.Errorf("read question choices: %w", err)
		}
		out[id] = p
	}
	return out, rows.Err()
}

// ownQuestions reads the owner's questions, or only the one with row id
// when row is not 0.
func (sc *Scope) ownQuestions(ctx context.Context, row int64) ([]questions.Question, error) {
	q := `SELECT id, topic, text, notes, ask_when, closing, skill_words FROM questions WHERE owner_id = $1`
	args := []any{sc.owner}
	if row != 0 {
		q += ` AND id = $2`
		args = append(args, row)
	}
	rows, err := sc.r.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read own questions: %w", err)
	}
	defer rows.Close()
	var out []questions.Question
	for rows.Next() {
		var id int64
		var q questions.Question
		if err := rows.Scan(&id, &q.Topic, &q.Text, &q.Notes, &q.When, &q.Closing, &q.SkillWords); err != nil {
			return nil, fmt.Errorf("read own questions: %w", err)
		}
		q.ID = ownQuestionID(id)
		out = append(out, q)
	}
	return out, rows.Err()
}

// checkQuestion tidies and validates an own question.
func checkQuestion(q *questions.Question) error {
	q.Text = strings.TrimSpace(q.Text)
	q.Topic = questions.Topic(strings.TrimSpace(string(q.Topic)))
	q.When = strings.TrimSpace(q.When)
	var errs model.Errors
	add := func(field, format string, args ...any) {
		errs = append(errs, &model.FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if q.Text == "" {
		add("text", "is required")
	} else if n := len([]rune(q.Text)); n > MaxQuestion {
		add("text", "is too long (%d characters, at most %d)", n, MaxQuestion)
	}
	if !q.Topic.Valid() {
		names := make([]string, 0, 8)
		for _, t := range questions.Topics() {
			names = append(names, string(t))
		}
		add("topic", "%q is not a topic (one of %s)", q.Topic, strings.Join(names, ", "))
	}
	switch q.When {
	case "", questions.WhenEarly, questions.WhenMiddle, questions.WhenClosing:
	default:
		add("when", "%q is not a hint (early, middle, closing or empty)", q.When)
	}
	if n := len([]rune(q.Notes)); n > model.MaxNotes {
		add("notes", "is too long (%d characters, at most %d)", n, model.MaxNotes)
	}
	for _, fe := range []*model.FieldError{model.ControlIn("text", q.Text, true), model.ControlIn("notes", q.Notes, true)} {
		if fe != nil {
			errs = append(errs, fe)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// AddQuestion stores a question the user wrote and sets q.ID ("u7").
// Checking its wording (questions.IsOpenEnded, etiquette.CheckQuestion) is
// the caller's business: the store keeps what the user decided to keep.
func (sc *Scope) AddQuestion(ctx context.Context, q *questions.Question, now time.Time) error {
	if err := checkQuestion(q); err != nil {
		return err
	}
	q.BuiltIn = false
	return sc.InTx(ctx, func(tx *Scope) error {
		var row int64
		err := tx.w.QueryRowContext(ctx, `INSERT INTO questions (owner_id, topic, text, notes, ask_when, closing, skill_words, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			tx.owner, string(q.Topic), q.Text, q.Notes, q.When, q.Closing, q.SkillWords, ts(now)).Scan(&row)
		if err != nil {
			return fmt.Errorf("insert question: %w", err)
		}
		q.ID = ownQuestionID(row)
		if q.Hidden || q.Favourite {
			return tx.setQuestionPref(ctx, q.ID, q.Hidden, q.Favourite, now)
		}
		return nil
	})
}

// UpdateQuestion replaces the text, topic, notes, hint and flags of one of
// the user's own questions. Built-in questions cannot be edited: hide one
// and add your own wording instead. Hidden and Favourite are left as they
// are; see HideQuestion and FavouriteQuestion.
func (sc *Scope) UpdateQuestion(ctx context.Context, q *questions.Question, now time.Time) error {
	row := ownQuestionRow(q.ID)
	if row == 0 {
		if _, err := sc.Question(ctx, q.ID); err != nil {
			return err
		}
		return model.Invalid("id", "%s is one of Ally's questions and cannot be edited; hide it and add your own wording", q.ID)
	}
	if err := checkQuestion(q); err != nil {
		return err
	}
	res, err := sc.w.ExecContext(ctx, `UPDATE questions SET topic = $3, text = $4, notes = $5, ask_when = $6, closing = $7,
		skill_words = $8, updated_at = $9 WHERE owner_id = $1 AND id = $2`,
		sc.owner, row, string(q.Topic), q.Text, q.Notes, q.When, q.Closing, q.SkillWords, ts(now))
	if err != nil {
		return fmt.Errorf("update question %s: %w", q.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return questionNotFound(q.ID)
	}
	return nil
}

// DeleteQuestion removes one of the user's own questions with the user's
// choices about it. Guides that listed it drop it; notes taken on it keep
// the question's text and topic.
func (sc *Scope) DeleteQuestion(ctx context.Context, id string) error {
	row := ownQuestionRow(id)
	if row == 0 {
		if _, err := sc.Question(ctx, id); err != nil {
			return err
		}
		return model.Invalid("id", "%s is one of Ally's questions and cannot be removed; hide it instead", id)
	}
	return sc.InTx(ctx, func(tx *Scope) error {
		res, err := tx.w.ExecContext(ctx, `DELETE FROM questions WHERE owner_id = $1 AND id = $2`, tx.owner, row)
		if err != nil {
			return fmt.Errorf("delete question %s: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return questionNotFound(id)
		}
		_, err = tx.w.ExecContext(ctx, `DELETE FROM question_prefs WHERE owner_id = $1 AND question_id = $2`, tx.owner, id)
		return err
	})
}

// HideQuestion hides a question from automatically built guides, or shows
// it again. The who-else question (questions.WhoElseID) ends every guide
// whatever this says.
func (sc *Scope) HideQuestion(ctx context.Context, id string, hidden bool, now time.Time) (questions.Question, error) {
	return sc.updateQuestionPref(ctx, id, now, func(q *questions.Question) { q.Hidden = hidden })
}

// FavouriteQuestion marks a question as a favourite, which guides pick
// first, or unmarks it.
func (sc *Scope) FavouriteQuestion(ctx context.Context, id string, favourite bool, now time.Time) (questions.Question, error) {
	return sc.updateQuestionPref(ctx, id, now, func(q *questions.Question) { q.Favourite = favourite })
}

func (sc *Scope) updateQuestionPref(ctx context.Context, id string, now time.Time, change func(*questions.Question)) (questions.Question, error) {
	var q questions.Question
	err := sc.InTx(ctx, func(tx *Scope) error {
		var err error
		if q, err = tx.Question(ctx, id); err != nil {
			return err
		}
		change(&q)
		return tx.setQuestionPref(ctx, id, q.Hidden, q.Favourite, now)
	})
	return q, err
}

func (sc *Scope) setQuestionPref(ctx context.Context, id string, hidden, favourite bool, now time.Time) error {
	_, err := sc.w.ExecContext(ctx, `INSERT INTO question_prefs (owner_id, question_id, hidden, favourite, updated_at)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (owner_id, question_id) DO UPDATE SET hidden = excluded.hidden, favourite = excluded.favourite,
			updated_at = excluded.updated_at`, sc.owner, id, hidden, favourite, ts(now))
	if err != nil {
		return fmt.Errorf("save question choice %s: %w", id, err)
	}
	return nil
}

// QuestionNote is a quick note typed under one question of a guide during
// the conversation.
type QuestionNote struct {
	ConversationID int64           `json:"conversation_id"`
	QuestionID     string          `json:"question_id"`
	Topic          questions.Topic `json:"topic"`
	// Question is the question's text when the note was last saved.
	Question string `json:"question"`
	Text     string `json:"text"`
	// Rev orders the saves of one note: a save whose Rev is lower than the
	// stored one is an old retry and changes nothing. 0 always saves.
	Rev       int64     `json:"rev"`
	UpdatedAt time.Time `json:"updated_at"`
}

// QuestionNoteFilter narrows QuestionNotes. Zero values mean "any"; one of
// the two is required.
type QuestionNoteFilter struct {
	ConversationID int64
	FieldID        int64 // conversations in this field
}

// SaveQuestionNote saves the quick note under one question of a
// conversation: created on the first save, replaced on later ones, so a
// page may resend it as often as it likes. Saving blank text clears the
// note. saved is false when the stored note has a higher Rev than n (an old
// retry arriving late), in which case nothing changes.
//
// The question must be in the owner's bank; its topic and text are stored
// with the note.
func (sc *Scope) SaveQuestionNote(ctx context.Context, n *QuestionNote, now time.Time) (saved bool, err error) {
	if n.Rev < 0 {
		return false, model.Invalid("rev", "must not be negative")
	}
	if strings.TrimSpace(n.Text) == "" {
		n.Text = ""
	}
	if c := len([]rune(n.Text)); c > model.MaxNotes {
		return false, model.Invalid("text", "is too long (%d characters, at most %d)", c, model.MaxNotes)
	}
	if fe := model.ControlIn("text", n.Text, true); fe != nil {
		return false, fe
	}
	if err := sc.owns(ctx, conversationsTable, n.ConversationID); err != nil {
		return false, err
	}
	q, err := sc.Question(ctx, n.QuestionID)
	if isNotFound(err) {
		return false, model.Invalid("question_id", "%v", err)
	}
	if err != nil {
		return false, err
	}
	n.Topic, n.Question, n.UpdatedAt = q.Topic, q.Text, stored(now)
	res, err := sc.w.ExecContext(ctx, `INSERT INTO question_notes (conversation_id, question_id, owner_id, topic, question, note, rev,
			created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
		ON CONFLICT (conversation_id, question_id) DO UPDATE SET topic = excluded.topic, question = excluded.question,
			note = excluded.note, updated_at = excluded.updated_at,
			rev = CASE WHEN excluded.rev = 0 THEN question_notes.rev ELSE excluded.rev END
		WHERE excluded.rev = 0 OR question_notes.rev <= excluded.rev`,
		n.ConversationID, n.QuestionID, sc.owner, string(n.Topic), n.Question, n.Text, n.Rev, ts(now))
	if err != nil {
		return false, fmt.Errorf("save note on %s: %w", n.QuestionID, err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return false, nil
	}
	return true, nil
}

// QuestionNotes lists the non-blank quick notes of one conversation, or of
// every conversation in a field, by conversation and then by the time
// written.
func (sc *Scope) QuestionNotes(ctx context.Context, f QuestionNoteFilter) ([]QuestionNote, error) {
	where, args := []string{"n.owner_id = $1", "n.note <> ''"}, []any{sc.owner}
	if f.ConversationID != 0 {
		args = append(args, f.ConversationID)
		where = append(where, fmt.Sprintf("n.conversation_id = $%d", len(args)))
	}
	if f.FieldID != 0 {
		args = append(args, f.FieldID)
		where = append(where, fmt.Sprintf("EXISTS (SELECT 1 FROM conversation_fields cf WHERE cf.conversation_id = n.conversation_id AND cf.field_id = $%d)", len(args)))
	}
	if len(args) == 1 {
		return nil, fmt.Errorf("question notes: a conversation or a field is required")
	}
	rows, err := sc.r.QueryContext(ctx, `SELECT n.conversation_id, n.question_id, n.topic, n.question, n.note, n.rev, n.updated_at
		FROM question_notes n WHERE `+strings.Join(where, " AND ")+` ORDER BY n.conversation_id, n.created_at, n.question_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read question notes: %w", err)
	}
	defer rows.Close()
	out := []QuestionNote{}
	for rows.Next() {
		var n QuestionNote
		var updated nullTime
		if err := rows.Scan(&n.ConversationID, &n.QuestionID, &n.Topic, &n.Question, &n.Text, &n.Rev, &updated); err != nil {
			return nil, fmt.Errorf("read question notes: %w", err)
		}
		n.UpdatedAt = updated.Time
		out = append(out, n)
	}
	return out, rows.Err()
}

// conversationsTable lets owns check a conversation id.
var conversationsTable = named{"conversations", "conversation"}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
