package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// agendaStates are the states in which a conversation may call for an action.
const agendaStates = `('requested', 'followed_up', 'scheduled', 'confirmed', 'held', 'thanked')`

// keepStates are the states after which the user keeps in touch with a person.
const keepStates = `('thanked', 'reported_back', 'keeping_in_touch')`

// agendaFacts are the records the agenda is computed from. They change only
// when the user writes, so they are kept per owner and reused while the
// owner's version stays the same: the agenda is read far more often than it
// changes, on every page view.
type agendaFacts struct {
	version     int64
	convos      []method.ConvoFacts
	people      []method.PersonFacts
	fields      []method.FieldFacts
	lastRequest map[int64]time.Time
}

// factsCache holds the latest agendaFacts of each owner. The facts are
// never changed once stored.
type factsCache struct {
	mu sync.Mutex
	m  map[int64]*agendaFacts
}

func (c *factsCache) get(owner, version int64) *agendaFacts {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f := c.m[owner]; f != nil && f.version == version {
		return f
	}
	return nil
}

func (c *factsCache) put(owner int64, f *agendaFacts) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[int64]*agendaFacts{}
	}
	c.m[owner] = f
}

// bumpVersion marks that the owner's records changed.
func (sc *Scope) bumpVersion(ctx context.Context) error {
	if _, err := sc.w.ExecContext(ctx, `UPDATE users SET version = version + 1 WHERE id = $1`, sc.owner); err != nil {
		return fmt.Errorf("bump version: %w", err)
	}
	return nil
}

// AgendaInput gathers what the method needs to compute the agenda at now.
func (sc *Scope) AgendaInput(ctx context.Context, now time.Time) (method.AgendaInput, error) {
	in := method.AgendaInput{Now: now, Settings: method.DefaultSettings()}
	// The version is read before the facts: facts newer than their version
	// are merely reloaded once more, never served stale.
	var version int64
	var raw string
	if err := sc.r.QueryRowContext(ctx, `SELECT version, settings FROM users WHERE id = $1`, sc.owner).Scan(&version, &raw); err != nil {
		return in, noRows(err, "user", sc.owner)
	}
	if err := json.Unmarshal([]byte(raw), &in.Settings); err != nil {
		return in, fmt.Errorf("read settings: %w", err)
	}
	facts := sc.st.facts.get(sc.owner, version)
	if facts == nil || sc.inTx {
		var err error
		if facts, err = sc.loadAgendaFacts(ctx, version, in.Settings.KeepInTouchByTag); err != nil {
			return in, err
		}
		if !sc.inTx {
			sc.st.facts.put(sc.owner, facts)
		}
	}
	in.Convos, in.People, in.Fields, in.LastRequestInField = facts.convos, facts.people, facts.fields, facts.lastRequest
	var err error
	in.Marks, err = sc.marks(ctx)
	return in, err
}

func (sc *Scope) loadAgendaFacts(ctx context.Context, version int64, byTag map[string]int) (*agendaFacts, error) {
	f := &agendaFacts{version: version}
	var err error
	if f.convos, err = sc.agendaConvos(ctx); err != nil {
		return nil, err
	}
	if f.people, err = sc.keepInTouchPeople(ctx, byTag); err != nil {
		return nil, err
	}
	if f.fields, err = sc.fieldFacts(ctx); err != nil {
		return nil, err
	}
	if f.lastRequest, err = sc.lastRequestByField(ctx); err != nil {
		return nil, err
	}
	return f, nil
}

// lastRequestByField is the latest request in each field over every
// conversation, whatever became of it.
func (sc *Scope) lastRequestByField(ctx context.Context) (map[int64]time.Time, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT cf.field_id, MAX(c.requested_at) FROM conversation_fields cf
		JOIN conversations c ON c.id = cf.conversation_id
		WHERE c.owner_id = $1 AND c.requested_at IS NOT NULL GROUP BY cf.field_id`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("agenda requests: %w", err)
	}
	defer rows.Close()
	out := map[int64]time.Time{}
	for rows.Next() {
		var id int64
		var t nullTime
		if err := rows.Scan(&id, &t); err != nil {
			return nil, err
		}
		out[id] = t.Time
	}
	return out, rows.Err()
}

// Agenda computes the next actions at now.
func (sc *Scope) Agenda(ctx context.Context, now time.Time) ([]method.Action, error) {
	in, err := sc.AgendaInput(ctx, now)
	if err != nil {
		return nil, fmt.Errorf("agenda: %w", err)
	}
	return method.Agenda(in), nil
}

func (sc *Scope) agendaConvos(ctx context.Context) ([]method.ConvoFacts, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT c.id, c.person_id, p.name, p.referred_by_id, r.name, c.state, c.state_at,
		c.requested_at, c.followed_up_at, c.meeting_at, c.held_at, c.prepared, c.notes <> '', p.last_reply_at
		FROM conversations c JOIN people p ON p.id = c.person_id LEFT JOIN people r ON r.id = p.referred_by_id
		WHERE c.owner_id = $1 AND c.state IN `+agendaStates+` ORDER BY c.id`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("agenda conversations: %w", err)
	}
	var out []method.ConvoFacts
	index := map[int64]int{}
	for rows.Next() {
		var c method.ConvoFacts
		var refID sql.NullInt64
		var refName sql.NullString
		var stateAt, requested, followed, meeting, held, reply nullTime
		if err := rows.Scan(&c.ID, &c.PersonID, &c.Person, &refID, &refName, &c.State, &stateAt,
			&requested, &followed, &meeting, &held, &c.Prepared, &c.HasNotes, &reply); err != nil {
			rows.Close()
			return nil, fmt.Errorf("agenda conversations: %w", err)
		}
		c.ReferrerID, c.Referrer = refID.Int64, refName.String
		c.StateAt, c.RequestedAt, c.FollowedUpAt = stateAt.Time, requested.Time, followed.Time
		c.MeetingAt, c.HeldAt, c.LastReplyAt = meeting.Time, held.Time, reply.Time
		index[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = sc.r.QueryContext(ctx, `SELECT cf.conversation_id, f.id, f.name FROM conversation_fields cf
		JOIN conversations c ON c.id = cf.conversation_id JOIN fields f ON f.id = cf.field_id
		WHERE c.owner_id = $1 AND c.state IN `+agendaStates+` ORDER BY f.id`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("agenda conversation fields: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var f model.Ref
		if err := rows.Scan(&cid, &f.ID, &f.Name); err != nil {
			return nil, err
		}
		if i, ok := index[cid]; ok {
			out[i].Fields = append(out[i].Fields, f)
		}
	}
	return out, rows.Err()
}

func (sc *Scope) keepInTouchPeople(ctx context.Context, byTag map[string]int) ([]method.PersonFacts, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT DISTINCT p.id, p.name, p.last_touch_at
		FROM conversations c JOIN people p ON p.id = c.person_id
		WHERE c.owner_id = $1 AND c.state IN `+keepStates+` AND p.do_not_contact = FALSE`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("agenda people: %w", err)
	}
	var out []method.PersonFacts
	index := map[int64]int{}
	for rows.Next() {
		var p method.PersonFacts
		var last nullTime
		if err := rows.Scan(&p.ID, &p.Name, &last); err != nil {
			rows.Close()
			return nil, err
		}
		p.LastTouch = last.Time
		index[p.ID] = len(out)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 || len(byTag) == 0 {
		// Tags matter only where a tag has an interval of its own.
		return out, err
	}
	tags := make([]any, 0, len(byTag)+1)
	tags = append(tags, sc.owner)
	for t := range byTag {
		tags = append(tags, t)
	}
	rows, err = sc.r.QueryContext(ctx, `SELECT t.person_id, t.tag FROM person_tags t JOIN people p ON p.id = t.person_id
		WHERE p.owner_id = $1 AND t.tag IN (`+placeholders(2, len(tags)-1)+`)`, tags...)
	if err != nil {
		return nil, fmt.Errorf("agenda tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pid int64
		var tag string
		if err := rows.Scan(&pid, &tag); err != nil {
			return nil, err
		}
		if i, ok := index[pid]; ok {
			out[i].Tags = append(out[i].Tags, tag)
		}
	}
	return out, rows.Err()
}

func (sc *Scope) fieldFacts(ctx context.Context) ([]method.FieldFacts, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT id, name, target, created_at FROM fields WHERE owner_id = $1 ORDER BY id`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("agenda fields: %w", err)
	}
	var out []method.FieldFacts
	index := map[int64]int{}
	for rows.Next() {
		var f method.FieldFacts
		var created nullTime
		if err := rows.Scan(&f.ID, &f.Name, &f.Target, &created); err != nil {
			rows.Close()
			return nil, err
		}
		f.CreatedAt = created.Time
		index[f.ID] = len(out)
		out = append(out, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	rows, err = sc.r.QueryContext(ctx, `SELECT cf.field_id, c.state, COUNT(*) FROM conversations c
		JOIN conversation_fields cf ON cf.conversation_id = c.id
		WHERE c.owner_id = $1 AND c.state IN ('scheduled', 'confirmed', 'held', 'thanked', 'reported_back', 'keeping_in_touch')
		GROUP BY cf.field_id, c.state`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("agenda field counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var fid int64
		var state model.State
		var n int
		if err := rows.Scan(&fid, &state, &n); err != nil {
			return nil, err
		}
		i, ok := index[fid]
		if !ok {
			continue
		}
		if state == model.StateScheduled || state == model.StateConfirmed {
			out[i].Booked += n
		} else {
			out[i].Held += n
		}
	}
	return out, rows.Err()
}

func (sc *Scope) marks(ctx context.Context) (map[string]method.Mark, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT action_id, due, done_at, snoozed_until FROM action_marks WHERE owner_id = $1`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("agenda marks: %w", err)
	}
	defer rows.Close()
	out := map[string]method.Mark{}
	for rows.Next() {
		var id string
		var due, done, snoozed nullTime
		if err := rows.Scan(&id, &due, &done, &snoozed); err != nil {
			return nil, err
		}
		out[id] = method.Mark{Due: due.Time, Done: done.Valid, SnoozedUntil: snoozed.Time}
	}
	return out, rows.Err()
}

// FindAction returns the action with this id on the agenda at now.
func (sc *Scope) FindAction(ctx context.Context, id string, now time.Time) (method.Action, error) {
	if _, _, _, err := method.ParseActionID(id); err != nil {
		return method.Action{}, err
	}
	actions, err := sc.Agenda(ctx, now)
	if err != nil {
		return method.Action{}, err
	}
	for _, a := range actions {
		if a.ID == id {
			return a, nil
		}
	}
	return method.Action{}, &NotFoundError{Kind: "action on the agenda", Key: id}
}

// MarkDone marks an action on the agenda done.
func (sc *Scope) MarkDone(ctx context.Context, id string, now time.Time) (method.Action, error) {
	var a method.Action
	err := sc.InTx(ctx, func(tx *Scope) error {
		var err error
		if a, err = tx.FindAction(ctx, id, now); err != nil {
			return err
		}
		_, err = tx.w.ExecContext(ctx, `INSERT INTO action_marks (owner_id, action_id, due, done_at, snoozed_until)
			VALUES ($1, $2, $3, $4, NULL)
			ON CONFLICT (owner_id, action_id) DO UPDATE SET due = excluded.due, done_at = excluded.done_at, snoozed_until = NULL`,
			tx.owner, id, ts(a.Due), ts(now))
		if err != nil {
			return fmt.Errorf("mark done: %w", err)
		}
		return nil
	})
	return a, err
}

// Snooze hides an action on the agenda until a later time.
func (sc *Scope) Snooze(ctx context.Context, id string, until, now time.Time) (method.Action, error) {
	if !until.After(now) {
		return method.Action{}, model.Invalid("until", "the snooze must end in the future")
	}
	var a method.Action
	err := sc.InTx(ctx, func(tx *Scope) error {
		var err error
		if a, err = tx.FindAction(ctx, id, now); err != nil {
			return err
		}
		_, err = tx.w.ExecContext(ctx, `INSERT INTO action_marks (owner_id, action_id, due, done_at, snoozed_until)
			VALUES ($1, $2, $3, NULL, $4)
			ON CONFLICT (owner_id, action_id) DO UPDATE SET due = excluded.due, done_at = NULL, snoozed_until = excluded.snoozed_until`,
			tx.owner, id, ts(a.Due), ts(until))
		if err != nil {
			return fmt.Errorf("snooze: %w", err)
		}
		return nil
	})
	if err != nil {
		return a, err
	}
	u := until
	a.SnoozedUntil = &u
	return a, nil
}
