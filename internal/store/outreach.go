package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
)

// Message is one message the user sent, or marked as sent: to whom, on
// which channel, what it said, and the lifecycle step and activity it
// logged.
type Message struct {
	ID             int64             `json:"id"`
	Person         model.Ref         `json:"person"` // the recipient (the referrer, for a report-back)
	ConversationID int64             `json:"conversation_id,omitempty"`
	EventID        int64             `json:"event_id,omitempty"`
	ActivityID     int64             `json:"activity_id,omitempty"`
	Kind           etiquette.Kind    `json:"kind"`
	Channel        etiquette.Channel `json:"channel"`
	TemplateID     string            `json:"template_id,omitempty"`
	Recipient      string            `json:"recipient,omitempty"` // the address it went to, if known
	Subject        string            `json:"subject,omitempty"`
	Body           string            `json:"body,omitempty"`
	Via            string            `json:"via"` // ViaManual or ViaSMTP
	SentAt         time.Time         `json:"sent_at"`
	CreatedAt      time.Time         `json:"created_at"`
}

// How a message left: the user sent it themselves, or Ally sent it by SMTP.
const (
	ViaManual = "manual"
	ViaSMTP   = "smtp"
)

// MessageFilter narrows a message list. Zero values mean "any".
type MessageFilter struct {
	PersonID       int64
	ConversationID int64
	Limit          int
}

const messageColumns = `m.id, m.person_id, p.name, m.conversation_id, m.event_id, m.activity_id, m.kind, m.channel,
	m.template_id, m.recipient, m.subject, m.body, m.via, m.sent_at, m.created_at`

func scanMessage(row interface{ Scan(...any) error }) (*Message, error) {
	var m Message
	var cid, eid, aid sql.NullInt64
	var sent, created nullTime
	if err := row.Scan(&m.ID, &m.Person.ID, &m.Person.Name, &cid, &eid, &aid, &m.Kind, &m.Channel,
		&m.TemplateID, &m.Recipient, &m.Subject, &m.Body, &m.Via, &sent, &created); err != nil {
		return nil, err
	}
	m.ConversationID, m.EventID, m.ActivityID = cid.Int64, eid.Int64, aid.Int64
	m.SentAt, m.CreatedAt = sent.Time, created.Time
	return &m, nil
}

// AddMessage records a sent message. Log its step and activity first (in
// the same transaction, see Scope.InTx) and set EventID and ActivityID.
func (sc *Scope) AddMessage(ctx context.Context, m *Message, now time.Time) error {
	if m.Via == "" {
		m.Via = ViaManual
	}
	if m.Via != ViaManual && m.Via != ViaSMTP {
		return model.Invalid("via", "%q is not manual or smtp", m.Via)
	}
	if _, err := etiquette.ParseKind(string(m.Kind)); err != nil || m.Kind == "" {
		return model.Invalid("kind", "%q is not a kind of message", m.Kind)
	}
	if _, err := etiquette.ParseChannel(string(m.Channel)); err != nil || m.Channel == "" {
		return model.Invalid("channel", "%q is not a channel", m.Channel)
	}
	if m.SentAt.IsZero() {
		return model.Invalid("sent_at", "is required")
	}
	return sc.InTx(ctx, func(tx *Scope) error {
		_, name, err := tx.resolve(ctx, peopleTable, fmt.Sprint(m.Person.ID))
		if err != nil {
			return model.Invalid("person", "%v", err)
		}
		m.Person.Name = name
		if m.ConversationID != 0 {
			if err := tx.owns(ctx, named{"conversations", "conversation"}, m.ConversationID); err != nil {
				return model.Invalid("conversation_id", "%v", err)
			}
		}
		m.CreatedAt = now.UTC()
		err = tx.w.QueryRowContext(ctx, `INSERT INTO messages (owner_id, person_id, conversation_id, event_id, activity_id, kind, channel,
			template_id, recipient, subject, body, via, sent_at, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			tx.owner, m.Person.ID, nullInt(m.ConversationID), nullInt(m.EventID), nullInt(m.ActivityID), string(m.Kind), string(m.Channel),
			m.TemplateID, m.Recipient, m.Subject, m.Body, m.Via, ts(m.SentAt), ts(m.CreatedAt)).Scan(&m.ID)
		if err != nil {
			return fmt.Errorf("insert message: %w", err)
		}
		return nil
	})
}

// Messages lists sent messages, newest first.
func (sc *Scope) Messages(ctx context.Context, f MessageFilter) ([]*Message, error) {
	q := `SELECT ` + messageColumns + ` FROM messages m JOIN people p ON p.id = m.person_id WHERE m.owner_id = $1`
	args := []any{sc.owner}
	if f.PersonID != 0 {
		args = append(args, f.PersonID)
		q += fmt.Sprintf(" AND m.person_id = $%d", len(args))
	}
	if f.ConversationID != 0 {
		args = append(args, f.ConversationID)
		q += fmt.Sprintf(" AND m.conversation_id = $%d", len(args))
	}
	q += " ORDER BY m.sent_at DESC, m.id DESC"
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q += fmt.Sprintf(" LIMIT $%d", len(args))
	}
	rows, err := sc.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	defer rows.Close()
	out := []*Message{}
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("list messages: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// OutreachConvo is what outreach statistics need of one conversation that
// was requested at least once: how the user knows the person, and the
// conversation's steps and touches in time order.
type OutreachConvo struct {
	ConversationID int64
	PersonID       int64
	Source         model.Source
	Referred       bool   // the person has a referrer
	Commonality    string // what the user shares with them
	Events         []OutreachEvent
	Activities     []OutreachActivity // sent messages, calls and replies logged on the conversation
}

// OutreachEvent is one lifecycle step.
type OutreachEvent struct {
	Step model.State
	At   time.Time
	Note string
	// Channel is the channel of the message logged with this step by
	// "mark as sent", or "" when the step was logged by hand.
	Channel etiquette.Channel
}

// OutreachActivity is one touch on the conversation.
type OutreachActivity struct {
	Kind model.ActivityKind
	At   time.Time
}

// OutreachFacts returns every conversation of the owner that was ever
// requested or held, with its steps and its sent, call and reply
// activities: requests count towards reply rates, meetings (asked for in
// person and scheduled straight away too) towards the thank-yous.
func (sc *Scope) OutreachFacts(ctx context.Context) ([]*OutreachConvo, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT c.id, c.person_id, p.source, p.referred_by_id IS NOT NULL, p.commonality
		FROM conversations c JOIN people p ON p.id = c.person_id
		WHERE c.owner_id = $1 AND EXISTS (SELECT 1 FROM events e WHERE e.conversation_id = c.id AND e.step IN ('requested', 'held'))
		ORDER BY c.id`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("outreach facts: %w", err)
	}
	var out []*OutreachConvo
	byID := map[int64]*OutreachConvo{}
	for rows.Next() {
		c := &OutreachConvo{}
		if err := rows.Scan(&c.ConversationID, &c.PersonID, &c.Source, &c.Referred, &c.Commonality); err != nil {
			rows.Close()
			return nil, fmt.Errorf("outreach facts: %w", err)
		}
		out = append(out, c)
		byID[c.ConversationID] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outreach facts: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	rows, err = sc.r.QueryContext(ctx, `SELECT e.conversation_id, e.step, e.at, e.note,
			COALESCE((SELECT m.channel FROM messages m WHERE m.event_id = e.id ORDER BY m.id LIMIT 1), '')
		FROM events e WHERE e.owner_id = $1 ORDER BY e.conversation_id, e.at, e.id`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("outreach steps: %w", err)
	}
	for rows.Next() {
		var cid int64
		var e OutreachEvent
		var at nullTime
		if err := rows.Scan(&cid, &e.Step, &at, &e.Note, &e.Channel); err != nil {
			rows.Close()
			return nil, fmt.Errorf("outreach steps: %w", err)
		}
		e.At = at.Time
		if c := byID[cid]; c != nil {
			c.Events = append(c.Events, e)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outreach steps: %w", err)
	}
	kinds := []string{string(model.ActEmailSent), string(model.ActCall), string(model.ActReplyReceived)}
	rows, err = sc.r.QueryContext(ctx, `SELECT conversation_id, kind, at FROM activities
		WHERE owner_id = $1 AND conversation_id IS NOT NULL AND kind IN (`+placeholders(2, len(kinds))+`)
		ORDER BY conversation_id, at, id`, sc.owner, kinds[0], kinds[1], kinds[2])
	if err != nil {
		return nil, fmt.Errorf("outreach activities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var a OutreachActivity
		var at nullTime
		if err := rows.Scan(&cid, &a.Kind, &at); err != nil {
			return nil, fmt.Errorf("outreach activities: %w", err)
		}
		a.At = at.Time
		if c := byID[cid]; c != nil {
			c.Activities = append(c.Activities, a)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outreach activities: %w", err)
	}
	return out, nil
}
