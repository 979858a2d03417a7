package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// ConversationFilter narrows a conversation list. Zero values mean "any".
type ConversationFilter struct {
	PersonID       int64
	OrganizationID int64 // with people of this organization
	FieldID        int64
	States         []model.State
	Limit          int
	Offset         int
}

const convoColumns = `c.id, c.person_id, p.name, c.state, c.state_at, c.channel, c.minutes, c.place, c.who_pays,
	c.meeting_at, c.requested_at, c.followed_up_at, c.held_at, c.follow_ups, c.prepared, c.notes, c.summary,
	c.usefulness, c.created_at, c.updated_at`

const convoFrom = `FROM conversations c JOIN people p ON p.id = c.person_id`

func scanConvo(row interface{ Scan(...any) error }) (*model.Conversation, error) {
	var c model.Conversation
	var stateAt, meeting, requested, followed, held, created, updated nullTime
	if err := row.Scan(&c.ID, &c.Person.ID, &c.Person.Name, &c.State, &stateAt, &c.Channel, &c.Minutes, &c.Place, &c.WhoPays,
		&meeting, &requested, &followed, &held, &c.FollowUps, &c.Prepared, &c.Notes, &c.Summary,
		&c.Usefulness, &created, &updated); err != nil {
		return nil, err
	}
	c.StateAt = stateAt.Time
	c.MeetingAt, c.RequestedAt, c.FollowedUpAt, c.HeldAt = meeting.ptr(), requested.ptr(), followed.ptr(), held.ptr()
	c.CreatedAt, c.UpdatedAt = created.Time, updated.Time
	c.Fields = []model.Ref{}
	return &c, nil
}

// Conversations lists conversations, the most recently changed first.
func (sc *Scope) Conversations(ctx context.Context, f ConversationFilter) ([]*model.Conversation, error) {
	where := []string{"c.owner_id = $1"}
	args := []any{sc.owner}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.PersonID != 0 {
		where = append(where, "c.person_id = "+arg(f.PersonID))
	}
	if f.OrganizationID != 0 {
		where = append(where, "p.organization_id = "+arg(f.OrganizationID))
	}
	if f.FieldID != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM conversation_fields cf WHERE cf.conversation_id = c.id AND cf.field_id = "+arg(f.FieldID)+")")
	}
	if len(f.States) > 0 {
		ph := make([]string, len(f.States))
		for i, s := range f.States {
			ph[i] = arg(string(s))
		}
		where = append(where, "c.state IN ("+strings.Join(ph, ", ")+")")
	}
	q := "SELECT " + convoColumns + " " + convoFrom + " WHERE " + strings.Join(where, " AND ") +
		" ORDER BY COALESCE(c.state_at, c.created_at) DESC, c.id DESC"
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit) + " OFFSET " + arg(f.Offset)
	}
	rows, err := sc.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list conversations: %w", err)
	}
	defer rows.Close()
	var out []*model.Conversation
	for rows.Next() {
		c, err := scanConvo(rows)
		if err != nil {
			return nil, fmt.Errorf("list conversations: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, sc.attachConvoFields(ctx, out)
}

func (sc *Scope) attachConvoFields(ctx context.Context, cs []*model.Conversation) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[int64]*model.Conversation, len(cs))
	ids := make([]any, 0, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
		ids = append(ids, c.ID)
	}
	filter, args := "", []any{sc.owner}
	if len(ids) <= 200 {
		filter = " AND x.conversation_id IN (" + placeholders(2, len(ids)) + ")"
		args = append(args, ids...)
	}
	rows, err := sc.r.QueryContext(ctx, `SELECT x.conversation_id, f.id, f.name FROM conversation_fields x
		JOIN fields f ON f.id = x.field_id WHERE f.owner_id = $1`+filter+` ORDER BY lower(f.name)`, args...)
	if err != nil {
		return fmt.Errorf("load conversation fields: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var r model.Ref
		if err := rows.Scan(&cid, &r.ID, &r.Name); err != nil {
			return err
		}
		if c := byID[cid]; c != nil {
			c.Fields = append(c.Fields, r)
		}
	}
	return rows.Err()
}

// Conversation returns one conversation with its fields and lifecycle events.
func (sc *Scope) Conversation(ctx context.Context, id int64) (*model.Conversation, error) {
	c, err := scanConvo(sc.r.QueryRowContext(ctx, "SELECT "+convoColumns+" "+convoFrom+" WHERE c.owner_id = $1 AND c.id = $2", sc.owner, id))
	if err != nil {
		return nil, noRows(err, "conversation", id)
	}
	if err := sc.attachConvoFields(ctx, []*model.Conversation{c}); err != nil {
		return nil, err
	}
	rows, err := sc.r.QueryContext(ctx, `SELECT id, step, at, meeting_at, note FROM events
		WHERE owner_id = $1 AND conversation_id = $2 ORDER BY at, id`, sc.owner, id)
	if err != nil {
		return nil, fmt.Errorf("load events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e := model.Event{ConversationID: id}
		var at, meeting nullTime
		if err := rows.Scan(&e.ID, &e.Step, &at, &meeting, &e.Note); err != nil {
			return nil, err
		}
		e.At, e.MeetingAt = at.Time, meeting.ptr()
		c.Events = append(c.Events, e)
	}
	return c, rows.Err()
}

// checkConvo validates a conversation and the records it points to.
func (sc *Scope) checkConvo(ctx context.Context, c *model.Conversation) error {
	if c.Channel == "" {
		c.Channel = model.ChannelInPerson
	}
	if c.Minutes == 0 {
		c.Minutes = model.DefaultMinutes
	}
	if err := c.Validate(); err != nil {
		return err
	}
	_, name, err := sc.resolve(ctx, peopleTable, fmt.Sprint(c.Person.ID))
	if err != nil {
		return model.Invalid("person", "%v", err)
	}
	c.Person.Name = name
	seen := map[int64]bool{}
	fields := []model.Ref{}
	for _, f := range c.Fields {
		if seen[f.ID] {
			continue
		}
		seen[f.ID] = true
		_, name, err := sc.resolve(ctx, fieldsTable, fmt.Sprint(f.ID))
		if err != nil {
			return model.Invalid("fields", "%v", err)
		}
		fields = append(fields, model.Ref{ID: f.ID, Name: name})
	}
	c.Fields = fields
	return nil
}

// CreateConversation stores a new conversation in the idea state, or in
// c.State when the caller already moved it along (imports, demo data).
func (sc *Scope) CreateConversation(ctx context.Context, c *model.Conversation, now time.Time) error {
	if c.State == "" {
		c.State = model.StateIdea
	}
	return sc.InTx(ctx, func(tx *Scope) error {
		if err := tx.checkConvo(ctx, c); err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt = stored(now), stored(now)
		if c.StateAt.IsZero() {
			c.StateAt = c.CreatedAt // the idea was noted then
		}
		err := tx.w.QueryRowContext(ctx, `INSERT INTO conversations (owner_id, person_id, state, state_at, channel, minutes,
			place, who_pays, meeting_at, requested_at, followed_up_at, held_at, follow_ups, prepared, notes, summary,
			usefulness, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
			tx.owner, c.Person.ID, string(c.State), ts(c.StateAt), string(c.Channel), c.Minutes, c.Place, c.WhoPays,
			tsPtr(c.MeetingAt), tsPtr(c.RequestedAt), tsPtr(c.FollowedUpAt), tsPtr(c.HeldAt), c.FollowUps, c.Prepared,
			c.Notes, c.Summary, c.Usefulness, ts(c.CreatedAt), ts(c.UpdatedAt)).Scan(&c.ID)
		if err != nil {
			return fmt.Errorf("insert conversation: %w", err)
		}
		if err := tx.saveConvoFields(ctx, c); err != nil {
			return err
		}
		return tx.indexConversation(ctx, c)
	})
}

func (sc *Scope) saveConvoFields(ctx context.Context, c *model.Conversation) error {
	// The fields it joins count it from now, those it leaves no more (by
	// the difference its state makes), and the latest request of those
	// fields moves with its request, if it has one: to it in those it
	// joins, counted again in those it leaves.
	old, err := sc.convoFields(ctx, c.ID)
	if err != nil {
		return err
	}
	counts := fieldCounts(c.State)
	sc.movedCounts(c.ID, 0, [2]int{}) // derived again in any case
	for _, f := range c.Fields {
		if !slices.Contains(old, f.ID) {
			sc.movedCounts(c.ID, f.ID, counts)
			if c.RequestedAt != nil {
				sc.requestedIn(f.ID, *c.RequestedAt)
			}
		}
	}
	for _, id := range old {
		if !slices.ContainsFunc(c.Fields, func(f model.Ref) bool { return f.ID == id }) {
			sc.movedCounts(c.ID, id, [2]int{-counts[0], -counts[1]})
			if c.RequestedAt != nil {
				sc.touched('r', id)
			}
		}
	}
	if _, err := sc.w.ExecContext(ctx, `DELETE FROM conversation_fields WHERE conversation_id = $1`, c.ID); err != nil {
		return err
	}
	for _, f := range c.Fields {
		if _, err := sc.w.ExecContext(ctx, `INSERT INTO conversation_fields (conversation_id, field_id) VALUES ($1, $2)`, c.ID, f.ID); err != nil {
			return fmt.Errorf("link field: %w", err)
		}
	}
	return nil
}

// UpdateConversation saves a conversation's details: channel, minutes,
// place, who pays, preparation, notes, summary, usefulness and fields. The
// lifecycle moves only through Step.
func (sc *Scope) UpdateConversation(ctx context.Context, c *model.Conversation, now time.Time) error {
	return sc.InTx(ctx, func(tx *Scope) error {
		old, err := tx.Conversation(ctx, c.ID)
		if err != nil {
			return err
		}
		c.Person = old.Person
		if err := tx.checkConvo(ctx, c); err != nil {
			return err
		}
		c.State, c.StateAt, c.FollowUps = old.State, old.StateAt, old.FollowUps
		c.MeetingAt, c.RequestedAt, c.FollowedUpAt, c.HeldAt = old.MeetingAt, old.RequestedAt, old.FollowedUpAt, old.HeldAt
		c.CreatedAt, c.UpdatedAt, c.Events = old.CreatedAt, stored(now), old.Events
		_, err = tx.w.ExecContext(ctx, `UPDATE conversations SET channel = $3, minutes = $4, place = $5, who_pays = $6,
			prepared = $7, notes = $8, summary = $9, usefulness = $10, updated_at = $11 WHERE owner_id = $1 AND id = $2`,
			tx.owner, c.ID, string(c.Channel), c.Minutes, c.Place, c.WhoPays, c.Prepared, c.Notes, c.Summary, c.Usefulness, ts(c.UpdatedAt))
		if err != nil {
			return fmt.Errorf("update conversation: %w", err)
		}
		if err := tx.saveConvoFields(ctx, c); err != nil {
			return err
		}
		return tx.indexConversation(ctx, c)
	})
}

// DeleteConversation removes a conversation and its events.
func (sc *Scope) DeleteConversation(ctx context.Context, id int64) error {
	return sc.InTx(ctx, func(tx *Scope) error {
		c, err := tx.Conversation(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.touchedConvoFields(ctx, id); err != nil {
			return err
		}
		// The person's keep-in-touch and reach-out count their
		// conversations, which no longer name them once deleted.
		tx.touched('c', id)
		tx.touched('p', c.Person.ID)
		if _, err := tx.w.ExecContext(ctx, `DELETE FROM conversations WHERE owner_id = $1 AND id = $2`, tx.owner, id); err != nil {
			return fmt.Errorf("delete conversation: %w", err)
		}
		if err := tx.unindex(ctx, kindConversation, id); err != nil {
			return err
		}
		return tx.retouch(ctx, c.Person.ID)
	})
}

// Step records one lifecycle step. An illegal step returns a
// *method.StepError and changes nothing.
func (sc *Scope) Step(ctx context.Context, id int64, st method.Step, note string, now time.Time) (*model.Conversation, error) {
	var out *model.Conversation
	err := sc.InTx(ctx, func(tx *Scope) error {
		c, err := tx.Conversation(ctx, id)
		if err != nil {
			return err
		}
		if err := method.CheckStep(c, st, now); err != nil {
			return err
		}
		from, prevRequest := c.State, c.RequestedAt
		method.Apply(c, st)
		c.UpdatedAt = stored(now)
		tx.steppedConvo(c, from, prevRequest)
		_, err = tx.w.ExecContext(ctx, `UPDATE conversations SET state = $3, state_at = $4, meeting_at = $5, requested_at = $6,
			followed_up_at = $7, held_at = $8, follow_ups = $9, updated_at = $10 WHERE owner_id = $1 AND id = $2`,
			tx.owner, c.ID, string(c.State), ts(c.StateAt), tsPtr(c.MeetingAt), tsPtr(c.RequestedAt), tsPtr(c.FollowedUpAt),
			tsPtr(c.HeldAt), c.FollowUps, ts(c.UpdatedAt))
		if err != nil {
			return fmt.Errorf("update conversation: %w", err)
		}
		if _, err := tx.w.ExecContext(ctx, `INSERT INTO events (owner_id, conversation_id, step, at, meeting_at, note, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, tx.owner, c.ID, string(st.To), ts(st.At), ts(st.MeetingAt), note, ts(now)); err != nil {
			return fmt.Errorf("insert event: %w", err)
		}
		if err := tx.touchForStep(ctx, c.Person.ID, st); err != nil {
			return err
		}
		if err := reportToRequest(ctx, tx.w, tx.st.dialect, c.ID, st.To, st.At); err != nil {
			return err
		}
		// Read it back so that every time comes out as stored.
		out, err = tx.Conversation(ctx, id)
		return err
	})
	return out, err
}

// touchForStep records who the user was in touch with by taking a step:
// the person, except that reporting back is a message to their referrer
// and giving up (no_reply) is no contact at all.
func (sc *Scope) touchForStep(ctx context.Context, personID int64, st method.Step) error {
	switch st.To {
	case model.StateNoReply:
		return nil
	case model.StateReportedBack:
		var ref sql.NullInt64
		if err := sc.r.QueryRowContext(ctx, `SELECT referred_by_id FROM people WHERE id = $1`, personID).Scan(&ref); err != nil {
			return err
		}
		if !ref.Valid {
			return nil
		}
		personID = ref.Int64
	}
	return sc.touch(ctx, personID, st.At, false)
}
