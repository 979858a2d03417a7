package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/method"
)

// The reach_out action (method.ReachOutActions) is a person's, like
// keep_in_touch: derived again whenever the person or one of their
// conversations changes, and ranked anew (rerankReachOuts) when one of
// their fields' coverage flips.

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
	// Every person of the owner (people nil) is narrowed first to the
	// candidates, read from the index of referred people and the
	// conversations at idea, rather than each person looked at in turn:
	// an owner of 50,000 imported people has a handful.
	filter := inIDs("p.id", people, &args)
	if people == nil {
		filter = ` AND p.id IN (SELECT id FROM people WHERE owner_id = $1 AND referred_by_id IS NOT NULL
			UNION SELECT person_id FROM conversations WHERE owner_id = $1 AND state = 'idea')`
	}
	rows, err := sc.r.QueryContext(ctx, `SELECT p.id, p.name, p.referred_by_id, r.name, p.created_at, p.do_not_contact,
		(SELECT MIN(c.created_at) FROM conversations c WHERE c.person_id = p.id AND c.state = 'idea'),
		EXISTS (SELECT 1 FROM conversations c WHERE c.person_id = p.id AND c.state <> 'idea')
		FROM people p LEFT JOIN people r ON r.id = p.referred_by_id
		WHERE +p.owner_id = $1 AND (p.referred_by_id IS NOT NULL
			OR EXISTS (SELECT 1 FROM conversations c WHERE c.person_id = p.id AND c.state = 'idea'))`+
		filter+` ORDER BY p.id`, args...)
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
// one of the fields' perspectives.
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
// field about to be deleted: once it is gone, nothing links them to it. (A
// field whose coverage flips has its reach-outs ranked anew instead:
// rerankReachOuts.)
func (sc *Scope) touchedReachOutsOfField(ctx context.Context, field int64) error {
	people := map[int64]bool{}
	if err := sc.touchedReachOutsInFields(ctx, people, map[int64]bool{field: true}); err != nil {
		return err
	}
	sc.touched('p', keys(people)...)
	return nil
}

// rerankReachOuts sets again, for the stored reach-outs of the people in
// the fields named (whose coverage flipped), whether all of the person's
// fields have their perspectives, from the counts and targets the fields
// keep: the only fact of a reach-out a field's coverage moves. Where it
// moved, the action falls due again by the rule (method.ReachOutActions),
// and a mark applies only if made at that due time. Thousands of people
// in a field take thousands of small updates, not a new agenda.
func (sc *Scope) rerankReachOuts(ctx context.Context, s method.Settings, fields map[int64]bool) error {
	if len(fields) == 0 {
		return nil
	}
	args := []any{sc.owner, s.TargetPerspectives}
	in := placeholders(3, len(fields))
	for _, id := range keys(fields) {
		args = append(args, id)
	}
	rows, err := sc.r.QueryContext(ctx, `SELECT a.id, a.subject_id, a.since, a.due, a.n0, a.done, m.due, m.done_at, m.snoozed_until,
		NOT EXISTS (SELECT 1 FROM fields f WHERE f.held + f.booked < CASE WHEN f.target > 0 THEN f.target ELSE $2 END
			AND f.id IN (SELECT pf.field_id FROM person_fields pf WHERE pf.person_id = a.subject_id
				UNION SELECT cf.field_id FROM conversations c JOIN conversation_fields cf ON cf.conversation_id = c.id
				WHERE c.person_id = a.subject_id AND c.state = 'idea'))
		FROM next_actions a LEFT JOIN action_marks m ON m.owner_id = a.owner_id AND m.action_id = a.id
		WHERE a.owner_id = $1 AND a.subject = 'p' AND a.kind = 'reach_out' AND a.subject_id IN (
			SELECT pf.person_id FROM person_fields pf WHERE pf.field_id IN (`+in+`)
			UNION SELECT c.person_id FROM conversations c JOIN conversation_fields cf ON cf.conversation_id = c.id
			WHERE c.state = 'idea' AND cf.field_id IN (`+in+`))`, args...)
	if err != nil {
		return fmt.Errorf("rerank reach-outs: %w", err)
	}
	type change struct {
		id      string
		due     time.Time
		n0      int
		done    bool
		snoozed any
	}
	var changes []change
	days := actionDays{}
	for rows.Next() {
		var id string
		var person int64
		var since, due, markDue, doneAt, snoozed nullTime
		var n0 int
		var done, covered bool
		if err := rows.Scan(&id, &person, &since, &due, &n0, &done, &markDue, &doneAt, &snoozed, &covered); err != nil {
			rows.Close()
			return fmt.Errorf("rerank reach-outs: %w", err)
		}
		if covered == (n0 == 1) {
			continue
		}
		p := method.ReachOutActions(method.ReachOutFacts{ID: person, Since: since.Time, Idea: true, FieldsCovered: covered}, s)
		if len(p) != 1 {
			continue
		}
		c := change{id: id, due: p[0].Due, n0: p[0].N[0]}
		if m := (method.Mark{Due: markDue.Time, Done: doneAt.Valid, SnoozedUntil: snoozed.Time}); markDue.Valid && p[0].Applies(m) {
			c.done, c.snoozed = m.Done, ts(m.SnoozedUntil)
		}
		days.add(due.Time, false, done, -1)
		days.add(c.due, false, c.done, 1)
		changes = append(changes, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("rerank reach-outs: %w", err)
	}
	if len(changes) > 0 {
		sc.pageShown()
	}
	for _, c := range changes {
		if _, err := sc.w.ExecContext(ctx, `UPDATE next_actions SET due = $3, n0 = $4, done = $5, snoozed_until = $6
			WHERE owner_id = $1 AND id = $2`, sc.owner, c.id, ts(c.due), c.n0, c.done, c.snoozed); err != nil {
			return fmt.Errorf("rerank reach-outs: %w", err)
		}
	}
	return sc.keepActionDays(ctx, days)
}
