package store

import (
	"context"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// heldStates are the states of a conversation that took place.
const heldStates = `('held', 'thanked', 'reported_back', 'keeping_in_touch')`

const fieldColumns = `f.id, f.name, f.why, f.notes, f.target, f.pursuing, f.created_at, f.updated_at,
	(SELECT COUNT(*) FROM conversation_fields cf JOIN conversations c ON c.id = cf.conversation_id
		WHERE cf.field_id = f.id AND c.state IN ` + heldStates + `),
	(SELECT COUNT(*) FROM person_fields pf WHERE pf.field_id = f.id)`

func scanField(row interface{ Scan(...any) error }) (*model.Field, error) {
	var f model.Field
	var created, updated nullTime
	if err := row.Scan(&f.ID, &f.Name, &f.Why, &f.Notes, &f.Target, &f.Pursuing, &created, &updated, &f.Held, &f.People); err != nil {
		return nil, err
	}
	f.CreatedAt, f.UpdatedAt = created.Time, updated.Time
	return &f, nil
}

// Fields lists the owner's career fields by name.
func (sc *Scope) Fields(ctx context.Context) ([]*model.Field, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT `+fieldColumns+` FROM fields f WHERE f.owner_id = $1 ORDER BY lower(f.name)`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("list fields: %w", err)
	}
	defer rows.Close()
	var out []*model.Field
	for rows.Next() {
		f, err := scanField(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Field returns one field.
func (sc *Scope) Field(ctx context.Context, id int64) (*model.Field, error) {
	f, err := scanField(sc.r.QueryRowContext(ctx, `SELECT `+fieldColumns+` FROM fields f WHERE f.owner_id = $1 AND f.id = $2`, sc.owner, id))
	if err != nil {
		return nil, noRows(err, "field", id)
	}
	return f, nil
}

// CreateField stores a new field. A zero target takes the method's default.
func (sc *Scope) CreateField(ctx context.Context, f *model.Field, now time.Time) error {
	if f.Target == 0 {
		f.Target = model.DefaultTarget
	}
	if err := f.Validate(); err != nil {
		return err
	}
	f.CreatedAt, f.UpdatedAt = stored(now), stored(now)
	return sc.InTx(ctx, func(tx *Scope) error {
		err := tx.w.QueryRowContext(ctx, `INSERT INTO fields (owner_id, name, why, notes, target, pursuing, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			tx.owner, f.Name, f.Why, f.Notes, f.Target, f.Pursuing, ts(f.CreatedAt), ts(f.UpdatedAt)).Scan(&f.ID)
		if isUniqueViolation(err) {
			return model.Invalid("name", "a field named %q already exists", f.Name)
		}
		if err != nil {
			return fmt.Errorf("insert field: %w", err)
		}
		tx.touched('f', f.ID)
		return tx.index(ctx, kindField, f.ID, f.Name, f.Why+"\n"+f.Notes)
	})
}

// UpdateField replaces a field's details.
func (sc *Scope) UpdateField(ctx context.Context, f *model.Field, now time.Time) error {
	if err := f.Validate(); err != nil {
		return err
	}
	f.UpdatedAt = stored(now)
	return sc.InTx(ctx, func(tx *Scope) error {
		// A new target may give the field its perspectives, or take them
		// away: the reach-outs there rank by it.
		var target int
		err := tx.w.QueryRowContext(ctx, `SELECT target FROM fields WHERE owner_id = $1 AND id = $2`, tx.owner, f.ID).Scan(&target)
		if err != nil {
			return noRows(err, "field", f.ID)
		}
		if target != f.Target {
			tx.retargeted(f.ID, target)
		}
		res, err := tx.w.ExecContext(ctx, `UPDATE fields SET name = $3, why = $4, notes = $5, target = $6, pursuing = $7, updated_at = $8
			WHERE owner_id = $1 AND id = $2`, tx.owner, f.ID, f.Name, f.Why, f.Notes, f.Target, f.Pursuing, ts(f.UpdatedAt))
		if isUniqueViolation(err) {
			return model.Invalid("name", "a field named %q already exists", f.Name)
		}
		if err != nil {
			return fmt.Errorf("update field: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("field", f.ID)
		}
		tx.touched('f', f.ID)
		return tx.index(ctx, kindField, f.ID, f.Name, f.Why+"\n"+f.Notes)
	})
}

// DeleteField removes a field; people and conversations stay, unlinked.
func (sc *Scope) DeleteField(ctx context.Context, id int64) error {
	return sc.InTx(ctx, func(tx *Scope) error {
		// Its conversations may now be in another field first.
		convos, err := tx.idsWhere(ctx, `SELECT cf.conversation_id FROM conversation_fields cf JOIN fields f ON f.id = cf.field_id
			WHERE f.owner_id = $1 AND f.id = $2`, id)
		if err != nil {
			return fmt.Errorf("delete field: %w", err)
		}
		tx.touched('c', convos...)
		tx.touched('f', id)
		if err := tx.touchedReachOutsOfField(ctx, id); err != nil {
			return err
		}
		res, err := tx.w.ExecContext(ctx, `DELETE FROM fields WHERE owner_id = $1 AND id = $2`, tx.owner, id)
		if err != nil {
			return fmt.Errorf("delete field: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("field", id)
		}
		return tx.unindex(ctx, kindField, id)
	})
}

// FieldNames lists the owner's fields by name, for a choice of field.
func (sc *Scope) FieldNames(ctx context.Context) ([]model.Ref, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT id, name FROM fields WHERE owner_id = $1 ORDER BY lower(name), id`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("field names: %w", err)
	}
	defer rows.Close()
	out := []model.Ref{}
	for rows.Next() {
		var r model.Ref
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, fmt.Errorf("field names: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// EnsureField returns the field with exactly this name, creating it when
// there is none; created says which.
func (sc *Scope) EnsureField(ctx context.Context, name string, now time.Time) (model.Ref, bool, error) {
	return sc.ensure(ctx, fieldsTable, name, func() (model.Ref, error) {
		v := &model.Field{Name: name}
		err := sc.CreateField(ctx, v, now)
		return model.Ref{ID: v.ID, Name: v.Name}, err
	})
}

// PursuedFieldIDs lists the owner's fields marked as ones they pursue.
func (sc *Scope) PursuedFieldIDs(ctx context.Context) ([]int64, error) {
	return sc.idsWhere(ctx, `SELECT id FROM fields WHERE owner_id = $1 AND pursuing ORDER BY id`)
}
