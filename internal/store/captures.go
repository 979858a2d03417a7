package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
)

// CaptureKind is what the user jotted down while listening.
type CaptureKind string

// The things the method asks the user to catch during a conversation.
const (
	CaptureReferral  CaptureKind = "referral"   // someone else to talk to (see AddReferral)
	CaptureTerm      CaptureKind = "term"       // a term to clarify afterwards
	CaptureSkillWord CaptureKind = "skill_word" // vocabulary for the user's resume
	CaptureResource  CaptureKind = "resource"   // an association, publication or event to look at
	CaptureNextStep  CaptureKind = "next_step"  // something they advised the user to do
)

// CaptureKinds lists the capture kinds in the order pages show them.
func CaptureKinds() []CaptureKind {
	return []CaptureKind{CaptureReferral, CaptureTerm, CaptureSkillWord, CaptureResource, CaptureNextStep}
}

// Valid reports whether k is a known capture kind.
func (k CaptureKind) Valid() bool {
	for _, v := range CaptureKinds() {
		if v == k {
			return true
		}
	}
	return false
}

// ResourceKind says what a suggested resource is.
type ResourceKind string

// Resource kinds.
const (
	ResourceAssociation ResourceKind = "association"
	ResourcePublication ResourceKind = "publication"
	ResourceEvent       ResourceKind = "event"
	ResourceOther       ResourceKind = "other"
)

// ResourceKinds lists the resource kinds.
func ResourceKinds() []ResourceKind {
	return []ResourceKind{ResourceAssociation, ResourcePublication, ResourceEvent, ResourceOther}
}

// Valid reports whether k is a known resource kind.
func (k ResourceKind) Valid() bool {
	for _, v := range ResourceKinds() {
		if v == k {
			return true
		}
	}
	return false
}

// Capture is one thing caught during a conversation.
type Capture struct {
	ID             int64       `json:"id"`
	ConversationID int64       `json:"conversation_id"`
	Kind           CaptureKind `json:"kind"`
	// Text is the term, the skill word, the resource's name, the step
	// advised, or the referred person's name as given.
	Text string `json:"text"`
	Note string `json:"note,omitempty"`
	// ResourceKind is set for resources only (other when not said).
	ResourceKind ResourceKind `json:"resource_kind,omitempty"`
	// Person is the person a referral created or linked; nil if they were
	// deleted since.
	Person *model.Ref `json:"person,omitempty"`
	// MayUseName is the answer to "may I mention your name?" (referrals).
	MayUseName bool `json:"may_use_name"`
	// Resolved marks a term the user has since clarified.
	Resolved bool `json:"resolved"`
	// ClientKey, when set, makes adding idempotent: adding a capture with a
	// key already used returns the first one and creates nothing.
	ClientKey string    `json:"client_key,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// CaptureFilter narrows Captures. Zero values mean "any"; a conversation or
// a field is required.
type CaptureFilter struct {
	ConversationID int64
	FieldID        int64 // captures of conversations in this field
	Kind           CaptureKind
}

// Referral is a person the professional suggested the user talk to, as
// captured during the conversation.
type Referral struct {
	ConversationID int64
	// PersonID links someone already in the user's people instead of
	// creating a new person; Name and Organization are then ignored.
	PersonID     int64
	Name         string
	Organization string // found by exact name or created; may be empty
	// NamePermission is the answer to "may I use your name?"; MayUseName
	// true stands for yes when it is empty.
	NamePermission model.NamePermission
	MayUseName     bool
	Note           string
	ClientKey      string
	// New adds a new person even when someone of that name (and
	// organization) is already in the user's people; otherwise such a
	// referral returns a *SamePersonError offering them.
	New bool
}

// SamePersonError offers the people already known by a referral's name
// (and organization, when given), instead of adding a duplicate.
type SamePersonError struct {
	Name    string
	Matches []model.Ref
}

func (e *SamePersonError) Error() string {
	return fmt.Sprintf("%s is already in your people: link them (person %d) or add a new person anyway", e.Name, e.Matches[0].ID)
}

// SameNamedPeople lists the people whose name is name (whatever the case)
// and, when org is not empty, who are at an organization of that name.
func (sc *Scope) SameNamedPeople(ctx context.Context, name, org string) ([]model.Ref, error) {
	q := `SELECT p.id, p.name FROM people p LEFT JOIN organizations o ON o.id = p.organization_id
		WHERE p.owner_id = $1 AND lower(p.name) = lower($2)`
	args := []any{sc.owner, strings.Join(strings.Fields(name), " ")}
	if org = strings.TrimSpace(org); org != "" {
		q += ` AND lower(o.name) = lower($3)`
		args = append(args, org)
	}
	out, err := sc.refs(ctx, q+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("people named %q: %w", name, err)
	}
	return out, nil
}

const maxClientKey = 100

func (c *Capture) check() error {
	c.Text = strings.TrimSpace(c.Text)
	c.ClientKey = strings.TrimSpace(c.ClientKey)
	var errs model.Errors
	add := func(field, format string, args ...any) {
		errs = append(errs, &model.FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if !c.Kind.Valid() {
		add("kind", "%q is not a capture kind (one of %s)", c.Kind, joinEnum(CaptureKinds()))
	}
	if c.Text == "" {
		add("text", "is required")
	} else if n := len([]rune(c.Text)); n > model.MaxShort {
		add("text", "is too long (%d characters, at most %d)", n, model.MaxShort)
	}
	if n := len([]rune(c.Note)); n > model.MaxNotes {
		add("note", "is too long (%d characters, at most %d)", n, model.MaxNotes)
	}
	for _, fe := range []*model.FieldError{model.ControlIn("text", c.Text, true), model.ControlIn("note", c.Note, true)} {
		if fe != nil {
			errs = append(errs, fe)
		}
	}
	switch {
	case c.Kind == CaptureResource && c.ResourceKind == "":
		c.ResourceKind = ResourceOther
	case c.Kind == CaptureResource && !c.ResourceKind.Valid():
		add("resource_kind", "%q is not a resource kind (one of %s)", c.ResourceKind, joinEnum(ResourceKinds()))
	case c.Kind != CaptureResource && c.ResourceKind != "":
		add("resource_kind", "goes only with a resource")
	}
	if c.Kind != CaptureTerm && c.Resolved {
		add("resolved", "goes only with a term to clarify")
	}
	if c.Kind != CaptureReferral && c.MayUseName {
		add("may_use_name", "goes only with a referral")
	}
	if len(c.ClientKey) > maxClientKey {
		add("client_key", "is too long (at most %d bytes)", maxClientKey)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func joinEnum[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

const captureColumns = `k.id, k.conversation_id, k.kind, k.text, k.note, k.resource_kind, k.person_id, p.name,
	k.may_use_name, k.resolved, k.client_key, k.created_at, k.updated_at`

const captureFrom = `FROM captures k LEFT JOIN people p ON p.id = k.person_id`

func scanCapture(row interface{ Scan(...any) error }) (*Capture, error) {
	var c Capture
	var pid sql.NullInt64
	var pname sql.NullString
	var created, updated nullTime
	if err := row.Scan(&c.ID, &c.ConversationID, &c.Kind, &c.Text, &c.Note, &c.ResourceKind, &pid, &pname,
		&c.MayUseName, &c.Resolved, &c.ClientKey, &created, &updated); err != nil {
		return nil, err
	}
	if pid.Valid {
		c.Person = &model.Ref{ID: pid.Int64, Name: pname.String}
	}
	c.CreatedAt, c.UpdatedAt = created.Time, updated.Time
	return &c, nil
}

// Capture returns one capture.
func (sc *Scope) Capture(ctx context.Context, id int64) (*Capture, error) {
	c, err := scanCapture(sc.r.QueryRowContext(ctx, `SELECT `+captureColumns+` `+captureFrom+` WHERE k.owner_id = $1 AND k.id = $2`, sc.owner, id))
	if err != nil {
		return nil, noRows(err, "capture", id)
	}
	return c, nil
}

// Captures lists captures in the order they were made.
func (sc *Scope) Captures(ctx context.Context, f CaptureFilter) ([]Capture, error) {
	where, args := []string{"k.owner_id = $1"}, []any{sc.owner}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.ConversationID == 0 && f.FieldID == 0 {
		return nil, fmt.Errorf("captures: a conversation or a field is required")
	}
	if f.ConversationID != 0 {
		where = append(where, "k.conversation_id = "+arg(f.ConversationID))
	}
	if f.FieldID != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM conversation_fields cf WHERE cf.conversation_id = k.conversation_id AND cf.field_id = "+arg(f.FieldID)+")")
	}
	if f.Kind != "" {
		where = append(where, "k.kind = "+arg(string(f.Kind)))
	}
	rows, err := sc.r.QueryContext(ctx, `SELECT `+captureColumns+` `+captureFrom+` WHERE `+strings.Join(where, " AND ")+` ORDER BY k.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list captures: %w", err)
	}
	defer rows.Close()
	out := []Capture{}
	for rows.Next() {
		c, err := scanCapture(rows)
		if err != nil {
			return nil, fmt.Errorf("list captures: %w", err)
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

// byClientKey returns the capture made with key, or nil.
func (sc *Scope) byClientKey(ctx context.Context, key string) (*Capture, error) {
	if key == "" {
		return nil, nil
	}
	c, err := scanCapture(sc.r.QueryRowContext(ctx, `SELECT `+captureColumns+` `+captureFrom+` WHERE k.owner_id = $1 AND k.client_key = $2`, sc.owner, key))
	if isNoRows(err) {
		return nil, nil
	}
	return c, err
}

// AddCapture stores a term, skill word, resource or next step caught during
// a conversation; referrals go through AddReferral, which also makes the
// person. When c.ClientKey was used before, c becomes that earlier capture
// and nothing is added.
func (sc *Scope) AddCapture(ctx context.Context, c *Capture, now time.Time) error {
	if c.Kind == CaptureReferral {
		return model.Invalid("kind", "a referral is captured with its person (AddReferral)")
	}
	if err := c.check(); err != nil {
		return err
	}
	err := sc.InTx(ctx, func(tx *Scope) error {
		if done, err := tx.byClientKey(ctx, c.ClientKey); err != nil || done != nil {
			if done != nil {
				*c = *done
			}
			return err
		}
		if err := tx.owns(ctx, conversationsTable, c.ConversationID); err != nil {
			return model.Invalid("conversation_id", "%v", err)
		}
		c.Person = nil
		return tx.insertCapture(ctx, c, now)
	})
	if done := sc.sameKeyAfterConflict(ctx, err, c.ClientKey); done != nil {
		*c = *done
		return nil
	}
	return err
}

// sameKeyAfterConflict returns the capture a concurrent request saved with
// the same client key, when err says one did; nil otherwise.
func (sc *Scope) sameKeyAfterConflict(ctx context.Context, err error, key string) *Capture {
	if key == "" || !errors.Is(err, ErrConflict) {
		return nil
	}
	done, _ := sc.byClientKey(ctx, key)
	return done
}

func (sc *Scope) insertCapture(ctx context.Context, c *Capture, now time.Time) error {
	c.CreatedAt, c.UpdatedAt = stored(now), stored(now)
	var pid int64
	if c.Person != nil {
		pid = c.Person.ID
	}
	err := sc.w.QueryRowContext(ctx, `INSERT INTO captures (owner_id, conversation_id, kind, text, note, resource_kind, person_id,
		may_use_name, resolved, client_key, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
		sc.owner, c.ConversationID, string(c.Kind), c.Text, c.Note, string(c.ResourceKind), nullInt(pid),
		c.MayUseName, c.Resolved, c.ClientKey, ts(now)).Scan(&c.ID)
	if isUniqueViolation(err) {
		return fmt.Errorf("capture %q was just saved by another request: %w", c.ClientKey, ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("insert capture: %w", err)
	}
	return nil
}

// AddReferral captures a referral: it creates the person (with the
// organization, made if unknown, and the conversation's fields), referred by
// the person the conversation is with, or links an existing person given
// by r.PersonID (whose referrer is set only if they had none). Once a
// conversation with the referred person is held, the agenda asks the user
// to report back to the referrer.
//
// With a ClientKey already used, it returns the earlier capture and
// creates nobody.
func (sc *Scope) AddReferral(ctx context.Context, r Referral, now time.Time) (*Capture, error) {
	if r.NamePermission == model.NameNotAsked && r.MayUseName {
		r.NamePermission = model.NameYes
	}
	if !r.NamePermission.Valid() {
		return nil, model.Invalid("name_permission", "%q is not an answer (yes, no, or empty when not asked)", r.NamePermission)
	}
	c := &Capture{ConversationID: r.ConversationID, Kind: CaptureReferral, Text: r.Name, Note: r.Note,
		MayUseName: r.NamePermission == model.NameYes, ClientKey: r.ClientKey}
	if r.PersonID != 0 {
		c.Text = "-" // replaced by the person's name below
	}
	if err := c.check(); err != nil {
		if es := model.AsErrors(err); es != nil && es.For("text") != "" {
			return nil, model.Invalid("name", "%s", es.For("text"))
		}
		return nil, err
	}
	if n := len([]rune(strings.TrimSpace(r.Organization))); n > model.MaxName {
		return nil, model.Invalid("organization", "is too long (%d characters, at most %d)", n, model.MaxName)
	}
	if fe := model.ControlIn("organization", r.Organization, false); fe != nil {
		return nil, fe
	}
	err := sc.InTx(ctx, func(tx *Scope) error {
		if done, err := tx.byClientKey(ctx, c.ClientKey); err != nil || done != nil {
			if done != nil {
				*c = *done
			}
			return err
		}
		convo, err := tx.Conversation(ctx, r.ConversationID)
		if err != nil {
			return model.Invalid("conversation_id", "%v", err)
		}
		referrer := model.Ref{ID: convo.Person.ID, Name: convo.Person.Name}
		var p *model.Person
		if r.PersonID != 0 {
			if p, err = tx.Person(ctx, r.PersonID); err != nil {
				return model.Invalid("person_id", "%v", err)
			}
			if p.ID == referrer.ID {
				return model.Invalid("person_id", "%s cannot refer you to themselves", p.Name)
			}
			if p.ReferredBy == nil || p.ReferredBy.ID == referrer.ID {
				p.ReferredBy, p.NamePermission = &referrer, r.NamePermission
				if err := tx.UpdatePerson(ctx, p, now); err != nil {
					return err
				}
			}
		} else {
			if !r.New {
				same, err := tx.SameNamedPeople(ctx, r.Name, r.Organization)
				if err != nil {
					return err
				}
				if len(same) > 0 {
					return &SamePersonError{Name: same[0].Name, Matches: same}
				}
			}
			p = &model.Person{Name: r.Name, ReferredBy: &referrer, Fields: convo.Fields, Notes: r.Note,
				Source: model.SourceReferral, NamePermission: r.NamePermission}
			if org := strings.TrimSpace(r.Organization); org != "" {
				ref, _, err := tx.EnsureOrganization(ctx, org, now)
				if err != nil {
					return err
				}
				p.Organization = &ref
			}
			if err := tx.CreatePerson(ctx, p, now); err != nil {
				return err
			}
		}
		c.Text = p.Name
		c.Person = &model.Ref{ID: p.ID, Name: p.Name}
		return tx.insertCapture(ctx, c, now)
	})
	if done := sc.sameKeyAfterConflict(ctx, err, c.ClientKey); done != nil {
		return done, nil // the other request's person stands; this one's was rolled back
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// UpdateCapture saves a capture's text, note, resource kind, "may use the
// name" answer and resolved flag. Its kind, conversation and person stay;
// renaming a referral does not rename the person.
func (sc *Scope) UpdateCapture(ctx context.Context, c *Capture, now time.Time) error {
	return sc.InTx(ctx, func(tx *Scope) error {
		old, err := tx.Capture(ctx, c.ID)
		if err != nil {
			return err
		}
		c.Kind, c.ConversationID, c.Person, c.ClientKey, c.CreatedAt = old.Kind, old.ConversationID, old.Person, old.ClientKey, old.CreatedAt
		if err := c.check(); err != nil {
			return err
		}
		c.UpdatedAt = stored(now)
		_, err = tx.w.ExecContext(ctx, `UPDATE captures SET text = $3, note = $4, resource_kind = $5, may_use_name = $6,
			resolved = $7, updated_at = $8 WHERE owner_id = $1 AND id = $2`,
			tx.owner, c.ID, c.Text, c.Note, string(c.ResourceKind), c.MayUseName, c.Resolved, ts(now))
		if err != nil {
			return fmt.Errorf("update capture %d: %w", c.ID, err)
		}
		return nil
	})
}

// ResolveTerm marks a term to clarify as clarified, or as open again.
func (sc *Scope) ResolveTerm(ctx context.Context, id int64, resolved bool, now time.Time) (*Capture, error) {
	var c *Capture
	err := sc.InTx(ctx, func(tx *Scope) error {
		var err error
		if c, err = tx.Capture(ctx, id); err != nil {
			return err
		}
		if c.Kind != CaptureTerm {
			return model.Invalid("id", "capture %d is a %s, not a term to clarify", id, strings.ReplaceAll(string(c.Kind), "_", " "))
		}
		c.Resolved = resolved
		return tx.UpdateCapture(ctx, c, now)
	})
	return c, err
}

// DeleteCapture removes a capture. The person a referral made stays.
func (sc *Scope) DeleteCapture(ctx context.Context, id int64) error {
	res, err := sc.w.ExecContext(ctx, `DELETE FROM captures WHERE owner_id = $1 AND id = $2`, sc.owner, id)
	if err != nil {
		return fmt.Errorf("delete capture %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("capture", id)
	}
	return nil
}

// EndConversation marks a conversation held at the moment the user ends it
// on the conversation page: the lifecycle step held, at now.
func (sc *Scope) EndConversation(ctx context.Context, id int64, now time.Time) (*model.Conversation, error) {
	return sc.Step(ctx, id, method.Step{To: model.StateHeld, At: now}, "", now)
}

// WriteUp is the notes of a held conversation as the write-up page edits
// them: per topic, a one-line summary and how useful it was. It is stored
// in the conversation's notes, summary and usefulness; the topic sections
// are "## <topic title>" sections of the notes (see questions.SplitNotes).
type WriteUp struct {
	ConversationID int64  `json:"conversation_id"`
	Summary        string `json:"summary"`
	Usefulness     int    `json:"usefulness"` // 1–5, 0 when not rated
	// General is the notes outside any topic section.
	General string `json:"general"`
	// Topics has one entry per topic, in questions.Topics order.
	Topics []TopicWriteUp `json:"topics"`
}

// TopicWriteUp is one topic of a write-up.
type TopicWriteUp struct {
	Topic questions.Topic `json:"topic"`
	Title string          `json:"title"`
	Notes string          `json:"notes"`
	// Quick are the notes typed during the conversation under questions of
	// this topic, to write up from; SaveWriteUp ignores them.
	Quick []QuestionNote `json:"quick"`
}

// WriteUp returns a conversation's write-up, its notes split by topic,
// with the quick notes of each topic.
func (sc *Scope) WriteUp(ctx context.Context, id int64) (*WriteUp, error) {
	c, err := sc.Conversation(ctx, id)
	if err != nil {
		return nil, err
	}
	quick, err := sc.QuestionNotes(ctx, QuestionNoteFilter{ConversationID: id})
	if err != nil {
		return nil, err
	}
	sec := questions.SplitNotes(c.Notes)
	w := &WriteUp{ConversationID: id, Summary: c.Summary, Usefulness: c.Usefulness, General: sec.General}
	for _, t := range questions.Topics() {
		tw := TopicWriteUp{Topic: t, Title: t.Title(), Notes: sec.Topics[t], Quick: []QuestionNote{}}
		for _, n := range quick {
			if n.Topic == t {
				tw.Quick = append(tw.Quick, n)
			}
		}
		w.Topics = append(w.Topics, tw)
	}
	return w, nil
}

// SaveWriteUp stores a write-up into the conversation's notes, summary and
// usefulness. Topics may list any subset of the topics; topics left out
// lose their notes. The summary is one line: line breaks become spaces.
func (sc *Scope) SaveWriteUp(ctx context.Context, w *WriteUp, now time.Time) (*model.Conversation, error) {
	byTopic := map[questions.Topic]string{}
	for _, t := range w.Topics {
		if !t.Topic.Valid() {
			return nil, model.Invalid("topics", "%q is not a topic", t.Topic)
		}
		if strings.TrimSpace(t.Notes) != "" {
			byTopic[t.Topic] = t.Notes
		}
	}
	var c *model.Conversation
	err := sc.InTx(ctx, func(tx *Scope) error {
		var err error
		if c, err = tx.Conversation(ctx, w.ConversationID); err != nil {
			return err
		}
		c.Notes = questions.JoinNotes(w.General, byTopic)
		c.Summary = strings.Join(strings.Fields(w.Summary), " ")
		c.Usefulness = w.Usefulness
		return tx.UpdateConversation(ctx, c, now)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}
