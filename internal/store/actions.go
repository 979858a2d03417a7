package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// The next actions are stored (table next_actions) and kept up to date by
// every write, in its own transaction: a write notes which conversations,
// people and fields it touched, and before the commit the method's rules
// derive again the actions of just those records (see refreshActions).
// Reading the agenda is then an indexed query of one page.

// touchedSet is what a write transaction changed that next actions derive from.
type touchedSet struct {
	all                    bool // settings, imports, restores: derive every action again
	bulk                   bool // an import or a restore: many rows written at once
	convos, people, fields map[int64]bool
	// lastTouch are people whose last touch alone moved (a touch logged
	// later than any they had; no reply moved): of all their facts it
	// counts toward their keep-in-touch only, so only that action is
	// derived again (unless they are in people, derived whole).
	lastTouch map[int64]bool
	// requests are the fields whose latest request may have moved: the
	// requested conversations there may owe, or no longer owe, a request
	// to someone else (contact_another).
	requests map[int64]bool
	// requestAt are fields given a new request no earlier than any their
	// conversation had: their latest request is the later of the kept one
	// and this, without counting the field's conversations again.
	requestAt map[int64]time.Time
	// stepped are conversations a lifecycle step moved (or created, or
	// moved between fields), and moved the running differences (held,
	// booked) they made to their fields' counts: those fields are not
	// counted again unless touched otherwise.
	stepped map[int64]bool
	moved   map[int64][2]int
	// retargeted are fields given a new target, with the one they had:
	// where that flips their coverage, their people's reach-outs rank anew.
	retargeted map[int64]int
	// page is what the write did that the home page may show.
	page pageChange
}

// retargeted notes a field's target changed from old.
func (sc *Scope) retargeted(field int64, old int) {
	t := sc.touches
	if t == nil || t.all {
		return
	}
	if t.retargeted == nil {
		t.retargeted = map[int64]int{}
	}
	if _, ok := t.retargeted[field]; !ok {
		t.retargeted[field] = old
	}
	sc.touched('f', field)
}

// fieldCounts is what a conversation in state adds to each of its
// fields' counts: held (or after) and booked.
func fieldCounts(state model.State) [2]int {
	switch state {
	case model.StateScheduled, model.StateConfirmed:
		return [2]int{0, 1}
	case model.StateHeld, model.StateThanked, model.StateReportedBack, model.StateKeepingInTouch:
		return [2]int{1, 0}
	}
	return [2]int{}
}

// steppedConvo notes a lifecycle step of c (now in its new state) from
// state from: its actions are derived again, and its fields' counts move
// by the difference. A request no earlier than the conversation's last
// (prevRequest, nil if none) moves its fields' latest request to it;
// an earlier one has them counted again.
func (sc *Scope) steppedConvo(c *model.Conversation, from model.State, prevRequest *time.Time) {
	t := sc.touches
	if t == nil || t.all {
		return
	}
	was, is := fieldCounts(from), fieldCounts(c.State)
	sc.movedCounts(c.ID, 0, [2]int{}) // derived again, in no field or some
	for _, f := range c.Fields {
		sc.movedCounts(c.ID, f.ID, [2]int{is[0] - was[0], is[1] - was[1]})
	}
	if c.State != model.StateRequested || c.RequestedAt == nil {
		return
	}
	for _, f := range c.Fields {
		if prevRequest != nil && c.RequestedAt.Before(*prevRequest) {
			sc.touched('r', f.ID)
		} else {
			sc.requestedIn(f.ID, *c.RequestedAt)
		}
	}
}

// movedCounts notes that conversation convo moved field's counts by d:
// the conversation's actions are derived again, the field's counts are
// the kept ones moved by d (field 0: none).
func (sc *Scope) movedCounts(convo, field int64, d [2]int) {
	t := sc.touches
	if t == nil || t.all {
		return
	}
	if t.stepped == nil {
		t.stepped, t.moved = map[int64]bool{}, map[int64][2]int{}
	}
	t.stepped[convo] = true
	if field == 0 {
		return
	}
	m := t.moved[field]
	t.moved[field] = [2]int{m[0] + d[0], m[1] + d[1]}
}

// requestedIn notes that field has a request made at: its latest request
// is now at least that.
func (sc *Scope) requestedIn(field int64, at time.Time) {
	t := sc.touches
	if t == nil || t.all {
		return
	}
	if t.requestAt == nil {
		t.requestAt = map[int64]time.Time{}
	}
	at = stored(at)
	if old, ok := t.requestAt[field]; !ok || old.Before(at) {
		t.requestAt[field] = at
	}
}

// touched notes records a write changed: subject 'c' (conversation), 'p'
// (person) or 'f' (field), 'k' for people whose last touch alone moved
// (their keep-in-touch), or 'r' for fields whose latest request may have
// moved. Outside a transaction it does nothing: every
// write to these records runs in one (see InTx).
func (sc *Scope) touched(subject byte, ids ...int64) {
	t := sc.touches
	if t == nil || t.all {
		return
	}
	var m *map[int64]bool
	switch subject {
	case 'c':
		m = &t.convos
	case 'p':
		m = &t.people
	case 'f':
		m = &t.fields
	case 'k':
		m = &t.lastTouch
	case 'r':
		m = &t.requests
	}
	if *m == nil {
		*m = map[int64]bool{}
	}
	for _, id := range ids {
		if id != 0 {
			(*m)[id] = true
		}
	}
}

// touchedAll notes that every action of the owner must be derived again.
func (sc *Scope) touchedAll() {
	if sc.touches != nil {
		sc.touches.all = true
	}
}

// touchedInBulk notes a bulk write (an import, a restore): every action is
// derived again, and PostgreSQL's planner statistics are brought up to date
// after the commit.
func (sc *Scope) touchedInBulk() {
	if sc.touches != nil {
		sc.touches.all, sc.touches.bulk = true, true
	}
}

// analyze refreshes PostgreSQL's statistics of the tables bulk writes
// fill, so that the next queries are planned for the rows now there
// rather than for the near-empty tables autovacuum last saw (a search or
// an agenda page planned as a scan of thousands of rows). Statistics only
// guide the planner, so a failure here is no failure of the write.
func (s *Store) analyze(ctx context.Context) {
	if s.dialect != Postgres {
		return
	}
	_, _ = s.w.ExecContext(ctx, `ANALYZE people, conversations, conversation_fields, activities, search_docs, next_actions`)
}

// convoFields lists the fields a conversation is in.
func (sc *Scope) convoFields(ctx context.Context, convo int64) ([]int64, error) {
	ids, err := sc.idsWhere(ctx, `SELECT cf.field_id FROM conversation_fields cf JOIN conversations c ON c.id = cf.conversation_id
		WHERE c.owner_id = $1 AND c.id = $2`, convo)
	if err != nil {
		return nil, fmt.Errorf("fields of conversation %d: %w", convo, err)
	}
	return ids, nil
}

// touchedConvoFields notes the fields a conversation is in now, and that
// their latest request may move: call it before deleting the conversation
// or after a new request.
func (sc *Scope) touchedConvoFields(ctx context.Context, convo int64) error {
	ids, err := sc.convoFields(ctx, convo)
	sc.touched('f', ids...)
	sc.touched('r', ids...)
	return err
}

// maxIncremental bounds the records derived again one by one; past it a
// write (an import, a field with thousands of requests) derives the whole
// agenda again, which is cheaper than thousands of lookups.
const maxIncremental = 400

// refreshActions derives again the next actions of what the transaction
// touched and stores them.
func (sc *Scope) refreshActions(ctx context.Context) error {
	t := sc.touches
	if t == nil || (!t.all && len(t.convos) == 0 && len(t.people) == 0 && len(t.fields) == 0 && len(t.requests) == 0 &&
		len(t.stepped) == 0 && len(t.lastTouch) == 0) {
		return nil
	}
	if t.all {
		return sc.rebuildActions(ctx)
	}
	convos, people, fields := t.convos, t.people, t.fields
	if convos == nil {
		convos = map[int64]bool{}
	}
	if people == nil {
		people = map[int64]bool{}
	}
	if fields == nil {
		fields = map[int64]bool{}
	}
	add := func(m map[int64]bool, q string, ids map[int64]bool) error {
		if len(ids) == 0 || len(ids) > maxIncremental {
			return nil
		}
		args := make([]any, 0, len(ids))
		for id := range ids {
			args = append(args, id)
		}
		found, err := sc.idsWhere(ctx, q+" IN ("+placeholders(2, len(args))+")", args...)
		if err != nil {
			return err
		}
		for _, id := range found {
			m[id] = true
		}
		return nil
	}
	// A conversation's state and fields count toward its fields'
	// perspectives: the fields of the conversations the write touched
	// (not of those reached through a person, whose facts count toward
	// no field).
	if err := add(fields, `SELECT cf.field_id FROM conversation_fields cf JOIN conversations c ON c.id = cf.conversation_id
		WHERE +c.owner_id = $1 AND cf.conversation_id`, convos); err != nil {
		return err
	}
	// A stepped conversation's fields move by the steps' differences
	// (moved), unless touched otherwise and so counted again above.
	moved := map[int64][2]int{}
	for id, d := range t.moved {
		if !fields[id] {
			moved[id] = d
		}
	}
	for id := range t.stepped {
		convos[id] = true
	}
	// A new request fulfils contact_another for the earlier requests in
	// its fields that still owed it (a latest request moving later takes
	// the action away and never gives it); a latest request counted again
	// may also give it back, to any request in the field.
	requests, advanced := maps.Clone(t.requests), map[int64]bool{}
	if requests == nil {
		requests = map[int64]bool{}
	}
	for id := range t.requestAt {
		if !requests[id] {
			advanced[id] = true
		}
	}
	// A person's facts (name aside, which is read when shown) are part of
	// their conversations' facts: the referrer and the last reply.
	touched := maps.Clone(convos)
	if err := add(convos, `SELECT id FROM conversations WHERE +owner_id = $1 AND person_id`, people); err != nil {
		return err
	}
	// A conversation's state counts toward its person's keep-in-touch:
	// the people of the conversations touched (those just added through
	// their people are of people counted already).
	if err := add(people, `SELECT person_id FROM conversations WHERE +owner_id = $1 AND id`, touched); err != nil {
		return err
	}
	// A request in a field fulfils contact_another for the earlier requests there.
	if err := add(convos, `SELECT cf.conversation_id FROM conversation_fields cf JOIN conversations c ON c.id = cf.conversation_id
		WHERE +c.owner_id = $1 AND c.state = 'requested' AND cf.field_id`, requests); err != nil {
		return err
	}
	if err := add(convos, `SELECT cf.conversation_id FROM conversation_fields cf JOIN conversations c ON c.id = cf.conversation_id
		WHERE +c.owner_id = $1 AND c.state = 'requested' AND EXISTS (SELECT 1 FROM next_actions a
			WHERE a.owner_id = $1 AND a.subject = 'c' AND a.subject_id = c.id AND a.kind = 'contact_another') AND cf.field_id`, advanced); err != nil {
		return err
	}
	// People whose last touch alone moved, and not derived whole.
	keepers := map[int64]bool{}
	for id := range t.lastTouch {
		if !people[id] {
			keepers[id] = true
		}
	}
	if len(convos) > maxIncremental || len(people)+len(keepers) > maxIncremental || len(fields)+len(moved) > maxIncremental ||
		len(requests)+len(advanced) > maxIncremental {
		return sc.rebuildActions(ctx)
	}
	if len(t.requests) > 0 {
		if err := sc.keepLastRequests(ctx, keys(t.requests)); err != nil {
			return err
		}
	}
	if err := sc.advanceLastRequests(ctx, t.requestAt, t.requests); err != nil {
		return err
	}
	settings, err := sc.Settings(ctx)
	if err != nil {
		return err
	}
	// The fields are counted again first: a reach-out ranks by whether its
	// person's fields have their perspectives, so only where a field's
	// coverage changed are the reach-outs there derived again.
	facts, stored, err := sc.countFields(ctx, keys(fields), moved)
	if err != nil {
		return err
	}
	for id := range moved {
		fields[id] = true
	}
	flipped := map[int64]bool{}
	for _, f := range facts {
		was := method.FieldFacts{Target: f.Target, Held: stored[f.ID][0], Booked: stored[f.ID][1]}
		if old, ok := t.retargeted[f.ID]; ok {
			was.Target = old
		}
		if covered(f, settings) != covered(was, settings) {
			flipped[f.ID] = true
		}
	}
	if err := sc.deriveActions(ctx, settings, derivation{keys(convos), keys(people), keys(fields), keys(keepers)},
		&countedFields{facts, stored}); err != nil {
		return err
	}
	// Then the reach-outs of the fields whose coverage flipped, now that
	// the fields keep their new counts.
	return sc.rerankReachOuts(ctx, settings, flipped)
}

// covered reports whether a field has its target perspectives, held or
// booked: its people's reach-outs then rank lower.
func covered(f method.FieldFacts, s method.Settings) bool {
	target := f.Target
	if target <= 0 {
		target = s.TargetPerspectives
	}
	return f.Held+f.Booked >= target
}

// countedFields are fields counted again (countFields), with the counts
// they had stored.
type countedFields struct {
	facts  []method.FieldFacts
	stored map[int64][2]int
}

// keys lists a set's ids in order; never nil, which would mean "all".
func keys(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// RebuildActions derives every next action of the owner again from the
// records (`ally doctor --rebuild-actions`).
func (sc *Scope) RebuildActions(ctx context.Context) error {
	return sc.InTx(ctx, func(tx *Scope) error {
		tx.touchedAll()
		return nil
	})
}

func (sc *Scope) rebuildActions(ctx context.Context) error {
	settings, err := sc.Settings(ctx)
	if err != nil {
		return err
	}
	if err := sc.keepLastRequests(ctx, nil); err != nil {
		return err
	}
	return sc.deriveActions(ctx, settings, derivation{}, nil)
}

// derivation names the records whose actions a write derives again: all
// nil, every record's. keepers are people whose keep-in-touch alone is
// derived again (their last touch moved, nothing else of theirs).
type derivation struct {
	convos, people, fields, keepers []int64
}

// deriveActions replaces the stored actions of the given conversations,
// people and fields (all nil: of every record), and the keep-in-touch of
// the keepers, with what the method's rules derive from their facts now.
// counted, when not nil, are the fields already counted again.
func (sc *Scope) deriveActions(ctx context.Context, settings method.Settings, d derivation, counted *countedFields) error {
	convos, people, fields := d.convos, d.people, d.fields
	in := method.AgendaInput{Settings: settings}
	var err error
	// The fields first: the reach-outs read the counts they keep.
	if fields == nil || len(fields) > 0 {
		if counted == nil {
			counted = &countedFields{}
			if counted.facts, counted.stored, err = sc.countFields(ctx, fields, nil); err != nil {
				return err
			}
		}
		in.Fields = counted.facts
		if err := sc.storeFieldProgress(ctx, in.Fields, counted.stored); err != nil {
			return err
		}
	}
	if convos == nil || len(convos) > 0 {
		if in.Convos, err = sc.agendaConvos(ctx, convos); err != nil {
			return err
		}
		var inFields []int64 // nil: every field
		if convos != nil {
			// The latest request in a field is asked for by the requested
			// conversations there only (contact_another).
			inFields = []int64{}
			seen := map[int64]bool{}
			for _, c := range in.Convos {
				if c.State != model.StateRequested {
					continue
				}
				for _, f := range c.Fields {
					if !seen[f.ID] {
						seen[f.ID] = true
						inFields = append(inFields, f.ID)
					}
				}
			}
		}
		if in.LastRequestInField, err = sc.lastRequestByField(ctx, inFields); err != nil {
			return err
		}
	}
	if people == nil || len(people) > 0 {
		if in.People, err = sc.keepInTouchPeople(ctx, settings.KeepInTouchByTag, people); err != nil {
			return err
		}
		if in.ReachOut, err = sc.reachOutFacts(ctx, people, settings, true); err != nil {
			return err
		}
	}
	if convos != nil && len(d.keepers) > 0 {
		keep, err := sc.keepInTouchPeople(ctx, settings.KeepInTouchByTag, d.keepers)
		if err != nil {
			return err
		}
		in.People = append(in.People, keep...)
	}
	pending := method.PendingActions(in)
	var ids []string
	if convos != nil {
		ids = make([]string, 0, len(pending))
		for _, p := range pending {
			ids = append(ids, p.ID)
		}
	}
	marks, err := sc.marks(ctx, ids)
	if err != nil {
		return err
	}

	days := actionDays{}
	// kept are the stored rows of the records derived again, by id (nil
	// when deriving everything): a row the rules give again unchanged is
	// left in place, so a write rewrites only the actions it moved, and
	// its pages written to the log are as few.
	var kept map[string]actionRow
	if convos == nil {
		sc.pageShown()
		if _, err := sc.w.ExecContext(ctx, `DELETE FROM next_actions WHERE owner_id = $1`, sc.owner); err != nil {
			return fmt.Errorf("clear next actions: %w", err)
		}
		if _, err := sc.w.ExecContext(ctx, `DELETE FROM action_days WHERE owner_id = $1`, sc.owner); err != nil {
			return fmt.Errorf("clear next actions: %w", err)
		}
	} else if kept, err = sc.storedRows(ctx, d); err != nil {
		return err
	}
	type derived struct {
		p       method.Pending
		row     actionRow
		snoozed any
	}
	write := make([]derived, 0, len(pending))
	for _, p := range pending {
		row := actionRow{due: micros(p.Due), since: micros(p.Since), standing: p.Kind.Standing(),
			person: p.PersonID, convo: p.ConversationID, field: p.FieldID, referrer: p.ReferrerID, n: p.N}
		var snoozed any
		if m, ok := marks[p.ID]; ok && p.Applies(m) {
			row.done, row.snoozed, snoozed = m.Done, micros(m.SnoozedUntil), ts(m.SnoozedUntil)
		}
		if old, ok := kept[p.ID]; ok && old == row {
			delete(kept, p.ID)
			continue
		}
		write = append(write, derived{p, row, snoozed})
	}
	// What is left of kept is gone or changed: deleted, and the changed
	// written again.
	for _, r := range kept {
		sc.pageMoved(r, -1)
	}
	for _, d := range write {
		sc.pageMoved(d.row, 1)
	}
	if err := sc.deleteRows(ctx, kept, days); err != nil {
		return err
	}
	b := sc.batchInserter("next_actions", "owner_id", "subject", "subject_id", "kind", "id", "due", "standing",
		"person_id", "conversation_id", "field_id", "referrer_id", "since", "n0", "n1", "n2", "done", "snoozed_until")
	defer b.close()
	for _, d := range write {
		p := d.p
		_, subject, id, err := method.ParseActionID(p.ID)
		if err != nil {
			return err
		}
		days.add(p.Due, d.row.standing, d.row.done, 1)
		if err := b.add(ctx, sc.owner, string(subject), id, string(p.Kind), p.ID, ts(p.Due), d.row.standing,
			nullInt(p.PersonID), nullInt(p.ConversationID), nullInt(p.FieldID), nullInt(p.ReferrerID), ts(p.Since),
			p.N[0], p.N[1], p.N[2], d.row.done, d.snoozed); err != nil {
			return err
		}
	}
	if err := b.flush(ctx); err != nil {
		return err
	}
	return sc.keepActionDays(ctx, days)
}

// actionRow is what a derivation writes of a stored action besides its
// id: times in microseconds since 1970 (0: NULL), ids (0: NULL).
type actionRow struct {
	due, since, snoozed            int64
	standing, done                 bool
	person, convo, field, referrer int64
	n                              [3]int
}

// micros is t in microseconds since 1970, as stored; 0 for the zero time.
func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

// storedRows reads the stored actions a derivation derives again, by id:
// one statement, a part for each kind of subject (and the keepers'
// keep-in-touch).
func (sc *Scope) storedRows(ctx context.Context, d derivation) (map[string]actionRow, error) {
	out := map[string]actionRow{}
	args := []any{sc.owner}
	var parts []string
	for _, s := range []struct {
		subject, kind string
		ids           []int64
	}{{"c", "", d.convos}, {"p", "", d.people}, {"f", "", d.fields}, {"p", string(method.ActKeepInTouch), d.keepers}} {
		if len(s.ids) == 0 {
			continue
		}
		args = append(args, s.subject)
		part := `SELECT id, due, standing, person_id, conversation_id, field_id, referrer_id,
			since, n0, n1, n2, done, snoozed_until FROM next_actions WHERE owner_id = $1 AND subject = $` + strconv.Itoa(len(args))
		if s.kind != "" {
			args = append(args, s.kind)
			part += ` AND kind = $` + strconv.Itoa(len(args))
		}
		parts = append(parts, part+inIDs("subject_id", s.ids, &args))
	}
	if len(parts) == 0 {
		return out, nil
	}
	rows, err := sc.w.QueryContext(ctx, strings.Join(parts, " UNION ALL "), args...)
	if err != nil {
		return nil, fmt.Errorf("read next actions: %w", err)
	}
	if err := scanRows(rows, out); err != nil {
		return nil, fmt.Errorf("read next actions: %w", err)
	}
	return out, nil
}

// scanRows adds the rows storedRows reads to out.
func scanRows(rows *sql.Rows, out map[string]actionRow) error {
	defer rows.Close()
	for rows.Next() {
		var id string
		var r actionRow
		var due, since, snoozed nullTime
		var person, convo, field, referrer sql.NullInt64
		if err := rows.Scan(&id, &due, &r.standing, &person, &convo, &field, &referrer, &since,
			&r.n[0], &r.n[1], &r.n[2], &r.done, &snoozed); err != nil {
			return err
		}
		r.due, r.since, r.snoozed = micros(due.Time), micros(since.Time), micros(snoozed.Time)
		r.person, r.convo, r.field, r.referrer = person.Int64, convo.Int64, field.Int64, referrer.Int64
		out[id] = r
	}
	return rows.Err()
}

// deleteRows deletes the stored actions of gone (by id), and takes them
// from days.
func (sc *Scope) deleteRows(ctx context.Context, gone map[string]actionRow, days actionDays) error {
	subjectIDs, ids := map[string][]int64{}, map[string][]any{}
	for _, id := range slices.Sorted(maps.Keys(gone)) {
		_, subject, sid, err := method.ParseActionID(id)
		if err != nil {
			return err
		}
		r := gone[id]
		days.add(time.UnixMicro(r.due), r.standing, r.done, -1)
		subjectIDs[string(subject)] = append(subjectIDs[string(subject)], sid)
		ids[string(subject)] = append(ids[string(subject)], id)
	}
	for _, subject := range slices.Sorted(maps.Keys(ids)) {
		args := []any{sc.owner, subject}
		q := `DELETE FROM next_actions WHERE owner_id = $1 AND subject = $2` + inIDs("subject_id", subjectIDs[subject], &args)
		q += " AND id IN (" + placeholders(len(args)+1, len(ids[subject])) + ")"
		args = append(args, ids[subject]...)
		if _, err := sc.w.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("clear next actions: %w", err)
		}
	}
	return nil
}

// actionDays is, by UTC day ("2006-01-02"), how many open dated actions
// falling due that day a write added (or, negative, removed): the counts
// kept in action_days.
type actionDays map[string]int

func (d actionDays) add(due time.Time, standing, done bool, n int) {
	if !standing && !done {
		d[due.UTC().Format(time.DateOnly)] += n
	}
}

// scan adds n for each action rows (due, standing, done) names.
func (d actionDays) scan(rows *sql.Rows, n int) error {
	defer rows.Close()
	for rows.Next() {
		var due nullTime
		var standing, done bool
		if err := rows.Scan(&due, &standing, &done); err != nil {
			return err
		}
		d.add(due.Time, standing, done, n)
	}
	return rows.Err()
}

// keepActionDays adds a write's changes to the owner's counts by day.
func (sc *Scope) keepActionDays(ctx context.Context, days actionDays) error {
	b := sc.batchInserter("action_days", "owner_id", "day", "n").
		onConflict(`ON CONFLICT (owner_id, day) DO UPDATE SET n = action_days.n + excluded.n`)
	defer b.close()
	args := []any{sc.owner}
	var emptied []string
	for _, day := range slices.Sorted(maps.Keys(days)) {
		n := days[day]
		if n == 0 {
			continue
		}
		if err := b.add(ctx, sc.owner, day, n); err != nil {
			return fmt.Errorf("count next actions: %w", err)
		}
		if n < 0 {
			args = append(args, day)
			emptied = append(emptied, fmt.Sprintf("$%d", len(args)))
		}
	}
	if err := b.flush(ctx); err != nil {
		return fmt.Errorf("count next actions: %w", err)
	}
	// A day left with none is dropped, as a rebuild would not write it.
	if len(emptied) > 0 {
		if _, err := sc.w.ExecContext(ctx, `DELETE FROM action_days WHERE owner_id = $1 AND day IN (`+
			strings.Join(emptied, ", ")+`) AND n = 0`, args...); err != nil {
			return fmt.Errorf("count next actions: %w", err)
		}
	}
	return nil
}

// actionColumns reads a stored action with the names it shows, joined
// when read so that renaming a person or a field touches no action.
const actionColumns = `SELECT a.id, a.kind, a.due, a.person_id, p.name, a.conversation_id, a.field_id, f.name,
	a.referrer_id, r.name, a.since, a.n0, a.n1, a.n2, a.snoozed_until
	FROM next_actions a LEFT JOIN people p ON p.id = a.person_id LEFT JOIN fields f ON f.id = a.field_id
	LEFT JOIN people r ON r.id = a.referrer_id`

// shown is the condition for an action on the agenda at $2: not done,
// not snoozed past then.
const shown = ` a.done = FALSE AND (a.snoozed_until IS NULL OR a.snoozed_until <= $2)`

// agendaOrder is the agenda's order: overdue first and then by due time
// is, for dated actions, simply by due time; standing goals go last.
const agendaOrder = ` ORDER BY a.standing, a.due, a.id`

func (sc *Scope) scanActions(rows *sql.Rows, now time.Time, loc *time.Location) ([]method.Action, error) {
	defer rows.Close()
	out := []method.Action{}
	for rows.Next() {
		var r storedAction
		if err := scanAction(rows, &r); err != nil {
			return nil, err
		}
		a, ok := r.p.Action(now, loc, method.Mark{Due: r.p.Due, SnoozedUntil: r.snoozed})
		if !ok {
			continue
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// scanAction reads one row of actionColumns (every row read is of an
// action not done).
func scanAction(rows *sql.Rows, r *storedAction) error {
	p := &r.p
	var kind string
	var due, since, snoozed nullTime
	var person, convo, field, referrer sql.NullInt64
	var personName, fieldName, referrerName sql.NullString
	if err := rows.Scan(&p.ID, &kind, &due, &person, &personName, &convo, &field, &fieldName,
		&referrer, &referrerName, &since, &p.N[0], &p.N[1], &p.N[2], &snoozed); err != nil {
		return fmt.Errorf("read next actions: %w", err)
	}
	p.Kind, p.Due, p.Since = method.ActionKind(kind), due.Time, since.Time
	p.PersonID, p.Person, p.ConversationID = person.Int64, personName.String, convo.Int64
	p.FieldID, p.Field, p.ReferrerID, p.Referrer = field.Int64, fieldName.String, referrer.Int64, referrerName.String
	r.snoozed = snoozed.Time
	return nil
}

// ActionRange picks part of the agenda: dated actions due in [From, To)
// (a zero bound is open), or the standing goals.
type ActionRange struct {
	From, To time.Time
	Standing bool
	// After continues a list after this action (the last of the previous page).
	After  *method.Action
	Limit  int // 0: no limit
	Offset int
	// Loc is the owner's time zone, when the caller has read it already.
	Loc *time.Location
}

func (r ActionRange) where(args *[]any) string {
	var b strings.Builder
	arg := func(v any) string {
		*args = append(*args, v)
		return fmt.Sprintf("$%d", len(*args))
	}
	fmt.Fprintf(&b, " AND a.standing = %s", arg(r.Standing))
	if !r.From.IsZero() {
		b.WriteString(" AND a.due >= " + arg(ts(r.From)))
	}
	if !r.To.IsZero() {
		b.WriteString(" AND a.due < " + arg(ts(r.To)))
	}
	if r.After != nil {
		due, id := arg(ts(r.After.Due)), arg(r.After.ID)
		fmt.Fprintf(&b, " AND (a.due > %s OR (a.due = %s AND a.id > %s))", due, due, id)
	}
	return b.String()
}

// Actions lists the actions of the agenda at now in one range, in the
// agenda's order.
func (sc *Scope) Actions(ctx context.Context, now time.Time, r ActionRange) ([]method.Action, error) {
	if r.Loc != nil {
		return sc.actions(ctx, now, r.Loc, r)
	}
	settings, err := sc.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return sc.actions(ctx, now, settings.Location(), r)
}

func (sc *Scope) actions(ctx context.Context, now time.Time, loc *time.Location, r ActionRange) ([]method.Action, error) {
	q, args := sc.actionsQuery(now, r)
	rows, err := sc.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("agenda: %w", err)
	}
	return sc.scanActions(rows, now, loc)
}

// actionsQuery is the statement reading one range of the agenda at now.
func (sc *Scope) actionsQuery(now time.Time, r ActionRange) (string, []any) {
	args := []any{sc.owner, ts(now)}
	q := actionColumns + ` WHERE a.owner_id = $1 AND` + shown + r.where(&args) + agendaOrder
	if r.Limit > 0 {
		if sc.st.dialect == Postgres {
			// PostgreSQL's generic plan of a LIMIT (or OFFSET) given as a
			// parameter reckons with a tenth of the owner's actions, dearer
			// than the page's own plan, so a page was planned again at each
			// read (0.8 ms at load 8): the limit is written in the text, and
			// the offset only when there is one, and the plan is kept.
			q += " LIMIT " + strconv.Itoa(r.Limit)
		} else {
			args = append(args, r.Limit)
			q += fmt.Sprintf(" LIMIT $%d", len(args))
		}
		if r.Offset > 0 {
			args = append(args, r.Offset)
			q += fmt.Sprintf(" OFFSET $%d", len(args))
		}
	}
	return q, args
}

// Agenda lists the next actions at now, overdue first, then by due time,
// standing goals last.
//
// The whole list (`ally next`, the calendar feed) is read from the stored
// actions once per version of the owner's records: the rows are kept in
// memory under the version they were read at, and a later read that finds
// the same version (one indexed query, so every process sees a write made
// by another) only decides again what is due, overdue or snoozed at now.
func (sc *Scope) Agenda(ctx context.Context, now time.Time) ([]method.Action, error) {
	if sc.inTx {
		return sc.AgendaPage(ctx, now, nil, nil, 0)
	}
	// The version is read before the rows: rows read after a later write
	// are newer than their version says, never older, and nobody asks
	// for an older version again.
	version, settings, err := sc.AgendaVersion(ctx)
	if err != nil {
		return nil, err
	}
	rows, ok := sc.st.agendaRows.get(sc.owner, version)
	if !ok {
		if rows, err = sc.storedActions(ctx); err != nil {
			return nil, err
		}
		sc.st.agendaRows.put(sc.owner, version, rows, 1)
	}
	loc := settings.Location()
	out := make([]method.Action, 0, len(rows))
	for i := range rows {
		r := &rows[i]
		a, ok := r.p.Action(now, loc, method.Mark{Due: r.p.Due, SnoozedUntil: r.snoozed})
		if !ok {
			continue
		}
		out = append(out, a)
	}
	return out, nil
}

// storedAction is a stored action not done, as read.
type storedAction struct {
	p       method.Pending
	snoozed time.Time
}

// storedActions reads every stored action of the owner not done, in the
// agenda's order.
func (sc *Scope) storedActions(ctx context.Context) ([]storedAction, error) {
	rows, err := sc.r.QueryContext(ctx, actionColumns+` WHERE a.owner_id = $1 AND a.done = FALSE`+agendaOrder, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("agenda: %w", err)
	}
	defer rows.Close()
	out := []storedAction{}
	for rows.Next() {
		var r storedAction
		if err := scanAction(rows, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// agendaMemoOwners bounds the owners whose agenda is kept.
const agendaMemoOwners = 16

// AgendaPage lists up to limit (0: every) actions of the agenda at now,
// after the given one (nil: from the start). loc is the owner's time zone
// when the caller has read it already (as AgendaVersion gives it; nil:
// read here).
func (sc *Scope) AgendaPage(ctx context.Context, now time.Time, loc *time.Location, after *method.Action, limit int) ([]method.Action, error) {
	if loc == nil {
		settings, err := sc.Settings(ctx)
		if err != nil {
			return nil, err
		}
		loc = settings.Location()
	}
	var out []method.Action
	var err error
	dated := ActionRange{After: after, Limit: limit}
	if after != nil && after.Kind.Standing() {
		dated.Limit = -1 // the dated ones are all before
	}
	if dated.Limit >= 0 {
		if out, err = sc.actions(ctx, now, loc, dated); err != nil {
			return nil, err
		}
	}
	if limit > 0 && len(out) >= limit {
		return out, nil
	}
	standing := ActionRange{Standing: true, Limit: limit - len(out)}
	if limit == 0 {
		standing.Limit = 0
	}
	if after != nil && after.Kind.Standing() {
		standing.After = after
	}
	more, err := sc.actions(ctx, now, loc, standing)
	if err != nil {
		return nil, err
	}
	return append(out, more...), nil
}

// ActionCounts counts the agenda's actions at now by when they fall due:
// overdue, then due before each of the bounds in turn (which follow now),
// then the later dated actions, and last the standing goals.
//
// The dated actions are not counted one by one (at 50,000 people
// thousands are overdue): the counts kept by UTC day (action_days) are
// added up for the whole days before each bound, the actions of the day a
// bound cuts are counted in the agenda's index up to the bound, and the
// few snoozed past now, which the agenda leaves out, are taken away.
func (sc *Scope) ActionCounts(ctx context.Context, now time.Time, bounds ...time.Time) ([]int, error) {
	points := append([]time.Time{now}, bounds...)
	args := []any{sc.owner, ts(now)}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	// The owner's days are added up in one pass, for every bound at once;
	// the standing goals and the hours of the cut days are counted beside.
	sums := []string{`COALESCE(SUM(n), 0)`}
	counts := []string{`(SELECT COUNT(*) FROM next_actions a WHERE a.owner_id = $1 AND a.standing = TRUE AND` + shown + `)`}
	for _, p := range points {
		day := p.UTC().Truncate(24 * time.Hour)
		sums = append(sums, `COALESCE(SUM(CASE WHEN day < `+arg(day.Format(time.DateOnly))+` THEN n ELSE 0 END), 0)`)
		counts = append(counts, `(SELECT COUNT(*) FROM next_actions a WHERE a.owner_id = $1 AND a.done = FALSE AND a.standing = FALSE AND a.due >= `+
			arg(ts(day))+` AND a.due < `+arg(ts(p))+`)`)
	}
	// n is the sums (the total, then before each point's day), then the
	// counts (the standing goals, then each cut day up to its point).
	n := make([]int, len(sums)+len(counts))
	dst := make([]any, len(n))
	for i := range n {
		dst[i] = &n[i]
	}
	if err := sc.r.QueryRowContext(ctx, `SELECT `+strings.Join(append(sums, counts...), ", ")+
		` FROM action_days WHERE owner_id = $1`, args...).Scan(dst...); err != nil {
		return nil, fmt.Errorf("count actions: %w", err)
	}
	standing, cut := n[len(sums)], n[len(sums)+1:]
	// before[i] is how many open dated actions fall due before points[i].
	total, before := n[0], make([]int, len(points))
	for i := range points {
		before[i] = n[1+i] + cut[i]
	}
	rows, err := sc.r.QueryContext(ctx, `SELECT a.due FROM next_actions a WHERE a.owner_id = $1 AND a.done = FALSE
		AND a.snoozed_until IS NOT NULL AND a.snoozed_until > $2 AND NOT a.standing`, sc.owner, ts(now))
	if err != nil {
		return nil, fmt.Errorf("count actions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var due nullTime
		if err := rows.Scan(&due); err != nil {
			return nil, fmt.Errorf("count actions: %w", err)
		}
		total--
		for i, p := range points {
			if due.Time.Before(p) {
				before[i]--
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count actions: %w", err)
	}
	out := make([]int, 0, len(points)+2)
	prev := 0
	for _, b := range before {
		out = append(out, b-prev)
		prev = b
	}
	return append(out, total-prev, standing), nil
}

// AgendaVersion is the owner's write counter, which every write
// transaction moves (a mark included), with the settings: what a cached
// agenda page depends on besides the clock. A request's snapshot
// (WithSnapshot) answers without a statement.
func (sc *Scope) AgendaVersion(ctx context.Context) (int64, method.Settings, error) {
	if snap := snapshotOf(ctx, sc.owner); snap != nil {
		s, err := snap.settings()
		if err != nil {
			return 0, s, err
		}
		return snap.version, s, nil
	}
	s := method.DefaultSettings()
	var version int64
	var raw string
	if err := sc.r.QueryRowContext(ctx, `SELECT version, settings FROM users WHERE id = $1`, sc.owner).Scan(&version, &raw); err != nil {
		return 0, s, noRows(err, "user", sc.owner)
	}
	s, err := sc.st.decoded.decode(raw)
	if err != nil {
		return 0, s, err
	}
	return version, s, nil
}

// FieldProgress lists every field with how many conversations it has
// held and booked, by id: the counts the writes keep with the next
// actions (see storeFieldProgress).
func (sc *Scope) FieldProgress(ctx context.Context) ([]method.FieldFacts, error) {
	return sc.keptFieldProgress(ctx, nil)
}

// keptFieldProgress is FieldProgress of the fields ids names (nil: all).
func (sc *Scope) keptFieldProgress(ctx context.Context, ids []int64) ([]method.FieldFacts, error) {
	args := []any{sc.owner}
	rows, err := sc.r.QueryContext(ctx, `SELECT id, name, target, created_at, held, booked FROM fields WHERE owner_id = $1`+
		inIDs("id", ids, &args)+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("field progress: %w", err)
	}
	defer rows.Close()
	var out []method.FieldFacts
	for rows.Next() {
		var f method.FieldFacts
		var created nullTime
		if err := rows.Scan(&f.ID, &f.Name, &f.Target, &created, &f.Held, &f.Booked); err != nil {
			return nil, fmt.Errorf("field progress: %w", err)
		}
		f.CreatedAt = created.Time
		out = append(out, f)
	}
	return out, rows.Err()
}

// storeFieldProgress keeps the counts of the fields just counted again
// (facts) where they moved.
func (sc *Scope) storeFieldProgress(ctx context.Context, facts []method.FieldFacts, stored map[int64][2]int) error {
	for _, f := range facts {
		if stored[f.ID] == [2]int{f.Held, f.Booked} {
			continue
		}
		sc.pageShown() // the page lists each field's progress
		if _, err := sc.w.ExecContext(ctx, `UPDATE fields SET held = $3, booked = $4 WHERE owner_id = $1 AND id = $2`,
			sc.owner, f.ID, f.Held, f.Booked); err != nil {
			return fmt.Errorf("field progress: %w", err)
		}
	}
	return nil
}

// Meeting is a scheduled or confirmed conversation.
type Meeting struct {
	ConversationID int64
	Person         string
	PersonID       int64
	At             time.Time
	Confirmed      bool
}

// UpcomingMeetings lists up to limit scheduled or confirmed conversations
// meeting at since or later, soonest first.
func (sc *Scope) UpcomingMeetings(ctx context.Context, since time.Time, limit int) ([]Meeting, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT c.id, p.name, p.id, c.meeting_at, c.state FROM conversations c
		JOIN people p ON p.id = c.person_id
		WHERE c.owner_id = $1 AND c.state IN ('scheduled', 'confirmed') AND c.meeting_at >= $2
		ORDER BY c.meeting_at, c.id LIMIT $3`, sc.owner, ts(since), limit)
	if err != nil {
		return nil, fmt.Errorf("upcoming meetings: %w", err)
	}
	defer rows.Close()
	var out []Meeting
	for rows.Next() {
		var m Meeting
		var at nullTime
		var state string
		if err := rows.Scan(&m.ConversationID, &m.Person, &m.PersonID, &at, &state); err != nil {
			return nil, fmt.Errorf("upcoming meetings: %w", err)
		}
		m.At, m.Confirmed = at.Time, state == string(model.StateConfirmed)
		out = append(out, m)
	}
	return out, rows.Err()
}

// FindAction returns the action with this id on the agenda at now.
func (sc *Scope) FindAction(ctx context.Context, id string, now time.Time) (method.Action, error) {
	kind, subject, sid, err := method.ParseActionID(id)
	if err != nil {
		return method.Action{}, err
	}
	settings, err := sc.Settings(ctx)
	if err != nil {
		return method.Action{}, err
	}
	rows, err := sc.r.QueryContext(ctx, actionColumns+` WHERE a.owner_id = $1 AND`+shown+
		` AND a.subject = $3 AND a.subject_id = $4 AND a.kind = $5`, sc.owner, ts(now), string(subject), sid, string(kind))
	if err != nil {
		return method.Action{}, fmt.Errorf("find action: %w", err)
	}
	found, err := sc.scanActions(rows, now, settings.Location())
	if err != nil {
		return method.Action{}, err
	}
	if len(found) == 0 {
		return method.Action{}, &NotFoundError{Kind: "action on the agenda", Key: id}
	}
	return found[0], nil
}

// MarkDone marks an action on the agenda done.
func (sc *Scope) MarkDone(ctx context.Context, id string, now time.Time) (method.Action, error) {
	return sc.mark(ctx, id, now, now, time.Time{})
}

// Snooze hides an action on the agenda until a later time.
func (sc *Scope) Snooze(ctx context.Context, id string, until, now time.Time) (method.Action, error) {
	if !until.After(now) {
		return method.Action{}, model.Invalid("until", "the snooze must end in the future")
	}
	a, err := sc.mark(ctx, id, now, time.Time{}, until)
	if err != nil {
		return a, err
	}
	u := until
	a.SnoozedUntil = &u
	return a, nil
}

// mark records a mark (done at doneAt, or snoozed until) on an action on
// the agenda at now, in the mark's table and on the stored action.
func (sc *Scope) mark(ctx context.Context, id string, now, doneAt, until time.Time) (method.Action, error) {
	var a method.Action
	err := sc.InTx(ctx, func(tx *Scope) error {
		var err error
		if a, err = tx.FindAction(ctx, id, now); err != nil {
			return err
		}
		_, err = tx.w.ExecContext(ctx, `INSERT INTO action_marks (owner_id, action_id, due, done_at, snoozed_until)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (owner_id, action_id) DO UPDATE SET due = excluded.due, done_at = excluded.done_at, snoozed_until = excluded.snoozed_until`,
			tx.owner, id, ts(a.Due), ts(doneAt), ts(until))
		if err != nil {
			return fmt.Errorf("mark %s: %w", id, err)
		}
		kind, subject, sid, _ := method.ParseActionID(id)
		rows, err := tx.w.QueryContext(ctx, `UPDATE next_actions SET done = $5, snoozed_until = $6
			WHERE owner_id = $1 AND subject = $2 AND subject_id = $3 AND kind = $4 RETURNING due, standing, FALSE`,
			tx.owner, string(subject), sid, string(kind), !doneAt.IsZero(), ts(until))
		if err != nil {
			return fmt.Errorf("mark %s: %w", id, err)
		}
		// The action was open (FindAction): done, it counts no more.
		days := actionDays{}
		if err := days.scan(rows, -1); err != nil {
			return fmt.Errorf("mark %s: %w", id, err)
		}
		if doneAt.IsZero() {
			return nil
		}
		return tx.keepActionDays(ctx, days)
	})
	return a, err
}

// DueAction is one owner's action falling due, for reminders.
type DueAction struct {
	Owner int64
	ID    string
	Kind  method.ActionKind
	Due   time.Time
}

// DueBetween lists every owner's dated, open actions falling due in
// [from, to), by due time: one indexed query however many owners there
// are (the career center's reminders). Snoozed actions are left out until
// their snooze ends.
func (s *Store) DueBetween(ctx context.Context, from, to time.Time, limit int) ([]DueAction, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT owner_id, id, kind, due FROM next_actions
		WHERE done = FALSE AND standing = FALSE AND due >= $1 AND due < $2
		AND (snoozed_until IS NULL OR snoozed_until <= $1) ORDER BY due LIMIT $3`, ts(from), ts(to), limit)
	if err != nil {
		return nil, fmt.Errorf("actions due: %w", err)
	}
	defer rows.Close()
	var out []DueAction
	for rows.Next() {
		var d DueAction
		var due nullTime
		if err := rows.Scan(&d.Owner, &d.ID, &d.Kind, &due); err != nil {
			return nil, fmt.Errorf("actions due: %w", err)
		}
		d.Due = due.Time
		out = append(out, d)
	}
	return out, rows.Err()
}

// CheckActions compares the stored next actions with what the method's
// rules compute from scratch at now, and returns the ids of the actions
// that differ: missing, extra or changed (`ally doctor`).
func (sc *Scope) CheckActions(ctx context.Context, now time.Time) ([]string, error) {
	in, err := sc.AgendaInput(ctx, now)
	if err != nil {
		return nil, err
	}
	stored, err := sc.Agenda(ctx, now)
	if err != nil {
		return nil, err
	}
	want := map[string]method.Action{}
	for _, a := range method.Agenda(in) {
		want[a.ID] = a
	}
	var out []string
	for _, a := range stored {
		w, ok := want[a.ID]
		delete(want, a.ID)
		if !ok || !sameAction(a, w) {
			out = append(out, a.ID)
		}
	}
	for id := range want {
		out = append(out, id)
	}
	slices.Sort(out)
	return out, nil
}

func sameAction(a, b method.Action) bool {
	if !a.Due.Equal(b.Due) || (a.SnoozedUntil == nil) != (b.SnoozedUntil == nil) ||
		(a.SnoozedUntil != nil && !a.SnoozedUntil.Equal(*b.SnoozedUntil)) {
		return false
	}
	a.Due, b.Due, a.SnoozedUntil, b.SnoozedUntil = time.Time{}, time.Time{}, nil, nil
	return a == b
}

// NextActions lists, in the agenda's order, the actions shown at now for
// the conversations convos, and the actions of the people people that
// belong to no conversation (keeping in touch, writing to someone
// suggested): what the conversations list shows as each row's next step.
func (sc *Scope) NextActions(ctx context.Context, now time.Time, convos, people []int64) ([]method.Action, error) {
	if len(convos) == 0 && len(people) == 0 {
		return []method.Action{}, nil
	}
	settings, err := sc.Settings(ctx)
	if err != nil {
		return nil, err
	}
	args := []any{sc.owner, ts(now)}
	var or []string
	if len(convos) > 0 {
		or = append(or, "a.conversation_id IN ("+placeholders(len(args)+1, len(convos))+")")
		for _, id := range convos {
			args = append(args, id)
		}
	}
	if len(people) > 0 {
		or = append(or, "(a.conversation_id IS NULL AND a.person_id IN ("+placeholders(len(args)+1, len(people))+"))")
		for _, id := range people {
			args = append(args, id)
		}
	}
	rows, err := sc.r.QueryContext(ctx, actionColumns+` WHERE a.owner_id = $1 AND`+shown+
		` AND (`+strings.Join(or, " OR ")+`)`+agendaOrder, args...)
	if err != nil {
		return nil, fmt.Errorf("next actions: %w", err)
	}
	return sc.scanActions(rows, now, settings.Location())
}
