package store

import (
	"context"
	"fmt"

	"github.com/ally-dev/ally/internal/model"
)

// PeopleByID reads the owner's people with the given ids in one query,
// with their fields and tags; ids that are not the owner's are left out.
func (sc *Scope) PeopleByID(ctx context.Context, ids []int64) (map[int64]*model.Person, error) {
	out := make(map[int64]*model.Person, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{sc.owner}
	rows, err := sc.r.QueryContext(ctx, "SELECT "+personColumns+" "+personFrom+" WHERE p.owner_id = $1"+inIDs("p.id", ids, &args), args...)
	if err != nil {
		return nil, fmt.Errorf("people by id: %w", err)
	}
	defer rows.Close()
	var list []*model.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, fmt.Errorf("people by id: %w", err)
		}
		out[p.ID] = p
		list = append(list, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("people by id: %w", err)
	}
	rows.Close()
	if err := sc.attachFieldsAndTags(ctx, list); err != nil {
		return nil, err
	}
	return out, nil
}

// ReferralLead is a person someone referred the user to, with where they
// work and the state of the user's latest conversation with them (empty
// when there is none).
type ReferralLead struct {
	By           model.Ref
	Person       model.Ref
	Organization string
	State        model.State
}

// ReferralsBy lists, in one query, the people each of the given people
// referred the user to, by referrer in the order given, then by name.
func (sc *Scope) ReferralsBy(ctx context.Context, referrers []int64) ([]ReferralLead, error) {
	if len(referrers) == 0 {
		return nil, nil
	}
	args := []any{sc.owner}
	rows, err := sc.r.QueryContext(ctx, `SELECT r.id, r.name, p.id, p.name, COALESCE(o.name, ''),
		COALESCE((SELECT c.state FROM conversations c WHERE c.person_id = p.id ORDER BY COALESCE(c.state_at, c.created_at) DESC, c.id DESC LIMIT 1), '')
		FROM people p
		JOIN people r ON r.id = p.referred_by_id
		LEFT JOIN organizations o ON o.id = p.organization_id
		WHERE p.owner_id = $1`+inIDs("p.referred_by_id", referrers, &args)+`
		ORDER BY lower(p.name), p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("referrals: %w", err)
	}
	defer rows.Close()
	byReferrer := map[int64][]ReferralLead{}
	for rows.Next() {
		var l ReferralLead
		var state string
		if err := rows.Scan(&l.By.ID, &l.By.Name, &l.Person.ID, &l.Person.Name, &l.Organization, &state); err != nil {
			return nil, fmt.Errorf("referrals: %w", err)
		}
		l.State = model.State(state)
		byReferrer[l.By.ID] = append(byReferrer[l.By.ID], l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("referrals: %w", err)
	}
	var out []ReferralLead
	for _, id := range referrers {
		out = append(out, byReferrer[id]...)
		delete(byReferrer, id) // a referrer named twice is listed once
	}
	return out, nil
}
