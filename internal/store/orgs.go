package store

import (
	"context"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

const orgColumns = `o.id, o.name, o.website, o.notes, o.created_at, o.updated_at,
	(SELECT COUNT(*) FROM people p WHERE p.organization_id = o.id)`

func scanOrg(row interface{ Scan(...any) error }) (*model.Organization, error) {
	var o model.Organization
	var created, updated nullTime
	if err := row.Scan(&o.ID, &o.Name, &o.Website, &o.Notes, &created, &updated, &o.People); err != nil {
		return nil, err
	}
	o.CreatedAt, o.UpdatedAt = created.Time, updated.Time
	return &o, nil
}

// Organizations lists the owner's organizations by name.
func (sc *Scope) Organizations(ctx context.Context) ([]*model.Organization, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT `+orgColumns+` FROM organizations o WHERE o.owner_id = $1 ORDER BY lower(o.name)`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("list organizations: %w", err)
	}
	defer rows.Close()
	var out []*model.Organization
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Organization returns one organization.
func (sc *Scope) Organization(ctx context.Context, id int64) (*model.Organization, error) {
	o, err := scanOrg(sc.r.QueryRowContext(ctx, `SELECT `+orgColumns+` FROM organizations o WHERE o.owner_id = $1 AND o.id = $2`, sc.owner, id))
	if err != nil {
		return nil, noRows(err, "organization", id)
	}
	return o, nil
}

// CreateOrganization stores a new organization.
func (sc *Scope) CreateOrganization(ctx context.Context, o *model.Organization, now time.Time) error {
	if err := o.Validate(); err != nil {
		return err
	}
	o.CreatedAt, o.UpdatedAt = stored(now), stored(now)
	return sc.InTx(ctx, func(tx *Scope) error {
		err := tx.w.QueryRowContext(ctx, `INSERT INTO organizations (owner_id, name, website, notes, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, tx.owner, o.Name, o.Website, o.Notes, ts(o.CreatedAt), ts(o.UpdatedAt)).Scan(&o.ID)
		if isUniqueViolation(err) {
			return model.Invalid("name", "an organization named %q already exists", o.Name)
		}
		if err != nil {
			return fmt.Errorf("insert organization: %w", err)
		}
		return tx.index(ctx, kindOrganization, o.ID, o.Name, o.Website+"\n"+o.Notes)
	})
}

// UpdateOrganization replaces an organization's details.
func (sc *Scope) UpdateOrganization(ctx context.Context, o *model.Organization, now time.Time) error {
	if err := o.Validate(); err != nil {
		return err
	}
	o.UpdatedAt = stored(now)
	return sc.InTx(ctx, func(tx *Scope) error {
		res, err := tx.w.ExecContext(ctx, `UPDATE organizations SET name = $3, website = $4, notes = $5, updated_at = $6
			WHERE owner_id = $1 AND id = $2`, tx.owner, o.ID, o.Name, o.Website, o.Notes, ts(o.UpdatedAt))
		if isUniqueViolation(err) {
			return model.Invalid("name", "an organization named %q already exists", o.Name)
		}
		if err != nil {
			return fmt.Errorf("update organization: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("organization", o.ID)
		}
		if err := tx.index(ctx, kindOrganization, o.ID, o.Name, o.Website+"\n"+o.Notes); err != nil {
			return err
		}
		// People's documents carry their organization's name.
		ids, err := tx.idsWhere(ctx, `SELECT id FROM people WHERE owner_id = $1 AND organization_id = $2`, o.ID)
		if err != nil {
			return err
		}
		return tx.reindexPeople(ctx, ids)
	})
}

// DeleteOrganization removes an organization; its people stay, unlinked.
func (sc *Scope) DeleteOrganization(ctx context.Context, id int64) error {
	return sc.InTx(ctx, func(tx *Scope) error {
		ids, err := tx.idsWhere(ctx, `SELECT id FROM people WHERE owner_id = $1 AND organization_id = $2`, id)
		if err != nil {
			return err
		}
		res, err := tx.w.ExecContext(ctx, `DELETE FROM organizations WHERE owner_id = $1 AND id = $2`, tx.owner, id)
		if err != nil {
			return fmt.Errorf("delete organization: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("organization", id)
		}
		if err := tx.unindex(ctx, kindOrganization, id); err != nil {
			return err
		}
		return tx.reindexPeople(ctx, ids)
	})
}

// EnsureOrganization returns the organization with exactly this name,
// creating it when there is none.
func (sc *Scope) EnsureOrganization(ctx context.Context, name string, now time.Time) (model.Ref, bool, error) {
	return sc.ensure(ctx, orgsTable, name, func() (model.Ref, error) {
		v := &model.Organization{Name: name}
		err := sc.CreateOrganization(ctx, v, now)
		return model.Ref{ID: v.ID, Name: v.Name}, err
	})
}
