package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// ActivityFilter narrows an activity list.
type ActivityFilter struct {
	PersonID int64
	Limit    int
	Offset   int
}

const activityColumns = `a.id, a.person_id, p.name, a.conversation_id, a.kind, a.at, a.note, a.created_at`

func scanActivity(row interface{ Scan(...any) error }) (*model.Activity, error) {
	var a model.Activity
	var cid sql.NullInt64
	var at, created nullTime
	if err := row.Scan(&a.ID, &a.Person.ID, &a.Person.Name, &cid, &a.Kind, &at, &a.Note, &created); err != nil {
		return nil, err
	}
	a.ConversationID, a.At, a.CreatedAt = cid.Int64, at.Time, created.Time
	return &a, nil
}

// Activities lists activities, newest first.
func (sc *Scope) Activities(ctx context.Context, f ActivityFilter) ([]*model.Activity, error) {
	q := `SELECT ` + activityColumns + ` FROM activities a JOIN people p ON p.id = a.person_id WHERE a.owner_id = $1`
	args := []any{sc.owner}
	if f.PersonID != 0 {
		args = append(args, f.PersonID)
		q += fmt.Sprintf(" AND a.person_id = $%d", len(args))
	}
	q += " ORDER BY a.at DESC, a.id DESC"
	if f.Limit > 0 {
		args = append(args, f.Limit, f.Offset)
		q += fmt.Sprintf(" LIMIT $%d OFFSET $%d", len(args)-1, len(args))
	}
	rows, err := sc.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	defer rows.Close()
	var out []*model.Activity
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Activity returns one activity.
func (sc *Scope) Activity(ctx context.Context, id int64) (*model.Activity, error) {
	a, err := scanActivity(sc.r.QueryRowContext(ctx, `SELECT `+activityColumns+` FROM activities a JOIN people p ON p.id = a.person_id
		WHERE a.owner_id = $1 AND a.id = $2`, sc.owner, id))
	if err != nil {
		return nil, noRows(err, "activity", id)
	}
	return a, nil
}

func (sc *Scope) checkActivity(ctx context.Context, a *model.Activity) error {
	if err := a.Validate(); err != nil {
		return err
	}
	_, name, err := sc.resolve(ctx, peopleTable, fmt.Sprint(a.Person.ID))
	if err != nil {
		return model.Invalid("person", "%v", err)
	}
	a.Person.Name = name
	if a.ConversationID != 0 {
		var pid int64
		err := sc.r.QueryRowContext(ctx, `SELECT person_id FROM conversations WHERE owner_id = $1 AND id = $2`, sc.owner, a.ConversationID).Scan(&pid)
		if err != nil {
			return model.Invalid("conversation_id", "%v", noRows(err, "conversation", a.ConversationID))
		}
		if pid != a.Person.ID {
			return model.Invalid("conversation_id", "conversation %d is with someone else", a.ConversationID)
		}
	}
	return nil
}

// AddActivity logs a touch with a person. A touch shows on the home page
// only through the next actions it moves (inTxOffPage), as does a change
// or deletion of one.
func (sc *Scope) AddActivity(ctx context.Context, a *model.Activity, now time.Time) error {
	return sc.inTxOffPage(ctx, func(tx *Scope) error {
		if err := tx.checkActivity(ctx, a); err != nil {
			return err
		}
		a.CreatedAt = stored(now)
		err := tx.w.QueryRowContext(ctx, `INSERT INTO activities (owner_id, person_id, conversation_id, kind, at, note, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			tx.owner, a.Person.ID, nullInt(a.ConversationID), string(a.Kind), ts(a.At), a.Note, ts(a.CreatedAt)).Scan(&a.ID)
		if err != nil {
			return fmt.Errorf("insert activity: %w", err)
		}
		a.At = stored(a.At)
		return tx.touch(ctx, a.Person.ID, a.At, a.Kind == model.ActReplyReceived)
	})
}

// UpdateActivity replaces an activity's kind, time, note and conversation.
func (sc *Scope) UpdateActivity(ctx context.Context, a *model.Activity) error {
	return sc.inTxOffPage(ctx, func(tx *Scope) error {
		old, err := tx.Activity(ctx, a.ID)
		if err != nil {
			return err
		}
		if a.Person.ID == 0 {
			a.Person = old.Person
		}
		if err := tx.checkActivity(ctx, a); err != nil {
			return err
		}
		a.CreatedAt = old.CreatedAt
		if _, err := tx.w.ExecContext(ctx, `UPDATE activities SET person_id = $3, conversation_id = $4, kind = $5, at = $6, note = $7
			WHERE owner_id = $1 AND id = $2`, tx.owner, a.ID, a.Person.ID, nullInt(a.ConversationID), string(a.Kind), ts(a.At), a.Note); err != nil {
			return fmt.Errorf("update activity: %w", err)
		}
		if err := tx.retouch(ctx, old.Person.ID); err != nil {
			return err
		}
		return tx.retouch(ctx, a.Person.ID)
	})
}

// DeleteActivity removes an activity.
func (sc *Scope) DeleteActivity(ctx context.Context, id int64) error {
	return sc.inTxOffPage(ctx, func(tx *Scope) error {
		a, err := tx.Activity(ctx, id)
		if err != nil {
			return err
		}
		if _, err := tx.w.ExecContext(ctx, `DELETE FROM activities WHERE owner_id = $1 AND id = $2`, tx.owner, id); err != nil {
			return fmt.Errorf("delete activity: %w", err)
		}
		return tx.retouch(ctx, a.Person.ID)
	})
}
