package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ally-dev/ally/internal/method"
)

// The reach_out action (method.ReachOutActions) is a person's, like
// keep_in_touch: derived again whenever the person, one of their
// conversations, or one of their fields' perspectives changes.

// reachOutInFields finds, among the fields named after it (IN …), the
// people still owing a reach-out whose rank depends on those fields'
// perspectives: the people of the field and those with a conversation
// still at idea there.
const reachOutInFields = `SELECT p.id FROM people p WHERE +p.owner_id = $1 AND p.do_not_contact = FALSE
	AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.person_id = p.id AND c.state <> 'idea')
	AND p.id IN (SELECT pf.person_id FROM person_fields pf WHERE pf.field_id IN (%[1]s)
		UNION SELECT c.person_id FROM conversations c JOIN conversation_fields cf ON cf.conversation_id = c.id
		WHERE c.state = 'idea' AND cf.field_id IN (%[1]s))`

// reachOutFacts reads the facts of the people (nil: every person) who may
// owe a reach-out: suggested by someone, or with a conversation at idea.
// With kept, their fields' perspectives are the counts the fields keep
// (up to date once the write stored them); without, they are counted from
// the conversations.
func (sc *Scope) reachOutFacts(ctx context.Context, people []int64, s method.Settings, kept bool) ([]method.ReachOutFacts, error) {
	args := []any{sc.owner}
	rows, err := sc.r.QueryContext(ctx, `SELECT p.id, p.name, p.referred_by_id, r.name, p.created_at, p.do_not_contact,
		(SELECT MIN(c.created_at) FROM conversations c WHERE c.person_id = p.id AND c.state = 'idea'),
		EXISTS (SELECT 1 FROM conversations c WHERE c.person_id = p.id AND c.state <> 'idea')
		FROM people p LEFT JOIN people r ON r.id = p.referred_by_id
		WHERE `+ownerOf("p", people)+` = $1 AND (p.referred_by_id IS NOT NULL
			OR EXISTS (SELECT 1 FROM conversations c WHERE c.person_id = p.id AND c.state = 'idea'))`+
		inIDs("p.id", people, &args)+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("agenda reach-outs: %w", err)
	}
	var out []method.ReachOutFacts
	var ids []int64
	for rows.Next() {
		var f method.ReachOutFacts
		var ref sql.NullInt64
		var refName sql.NullString
		var created, idea nullTime
		if err := rows.Scan(&f.ID, &f.Name, &ref, &refName, &created, &f.DoNotContact, &idea, &f.Requested); err != nil {
			rows.Close()
			return nil, fmt.Errorf("agenda reach-outs: %w", err)
		}
		f.ReferrerID, f.Referrer, f.Suggested, f.Idea = ref.Int64, refName.String, ref.Valid, idea.Valid
		switch {
		case f.Suggested && (!f.Idea || created.Time.Before(idea.Time)):
			f.Since = created.Time
		default:
			f.Since = idea.Time
		}
		if f.Requested || f.DoNotContact {
			continue // nothing to derive: skip their fields
		}
		out = append(out, f)
		ids = append(ids, f.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	return out, sc.markCoveredFields(ctx, out, ids, s, kept)
}

// markCoveredFields sets FieldsCovered on the people all of whose fields
// (theirs and their idea conversations') have their target perspectives.
func (sc *Scope) markCoveredFields(ctx context.Context, facts []method.ReachOutFacts, ids []int64, s method.Settings, kept bool) error {
	args := []any{sc.owner}
	in := inIDs("pf.person_id", ids, &args)
	rows, err := sc.r.QueryContext(ctx, `SELECT pf.person_id, pf.field_id FROM person_fields pf JOIN people p ON p.id = pf.person_id
		WHERE +p.owner_id = $1`+in+`
		UNION SELECT c.person_id, cf.field_id FROM conversations c JOIN conversation_fields cf ON cf.conversation_id = c.id
		WHERE +c.owner_id = $1 AND c.state = 'idea' AND c.person_id IN (`+placeholders(2, len(ids))+`)`, args...)
	if err != nil {
		return fmt.Errorf("agenda reach-out fields: %w", err)
	}
	byPerson := map[int64][]int64{}
	var fieldIDs []int64
	seen := map[int64]bool{}
	for rows.Next() {
		var pid, fid int64
		if err := rows.Scan(&pid, &fid); err != nil {
			rows.Close()
			return fmt.Errorf("agenda reach-out fields: %w", err)
		}
		byPerson[pid] = append(byPerson[pid], fid)
		if !seen[fid] {
			seen[fid] = true
			fieldIDs = append(fieldIDs, fid)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(fieldIDs) == 0 {
		return err
	}
	var fields []method.FieldFacts
	if kept {
		fields, err = sc.keptFieldProgress(ctx, fieldIDs)
	} else {
		fields, err = sc.fieldFacts(ctx, fieldIDs)
	}
	if err != nil {
		return err
	}
	isCovered := map[int64]bool{}
	for _, f := range fields {
		isCovered[f.ID] = covered(f, s)
	}
	for i := range facts {
		fs := byPerson[facts[i].ID]
		all := len(fs) > 0
		for _, f := range fs {
			all = all && isCovered[f]
		}
		facts[i].FieldsCovered = all
	}
	return nil
}

// touchedReachOutsInFields adds to people those whose reach-out ranks by
// one of the fields' perspectives (a conversation there booked or held, a
// target changed).
func (sc *Scope) touchedReachOutsInFields(ctx context.Context, people, fields map[int64]bool) error {
	if len(fields) == 0 || len(fields) > maxIncremental {
		return nil
	}
	args := make([]any, 0, len(fields))
	for id := range fields {
		args = append(args, id)
	}
	found, err := sc.idsWhere(ctx, fmt.Sprintf(reachOutInFields, placeholders(2, len(args))), args...)
	if err != nil {
		return fmt.Errorf("reach-outs in fields: %w", err)
	}
	for _, id := range found {
		people[id] = true
	}
	return nil
}

// touchedReachOutsOfField notes the people whose reach-out ranks by a
// field about to be deleted (once it is gone, nothing links them to it)
// or given another target.
func (sc *Scope) touchedReachOutsOfField(ctx context.Context, field int64) error {
	people := map[int64]bool{}
	if err := sc.touchedReachOutsInFields(ctx, people, map[int64]bool{field: true}); err != nil {
		return err
	}
	sc.touched('p', keys(people)...)
	return nil
}
