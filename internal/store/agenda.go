package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// agendaStates are the states in which a conversation may call for an action.
const agendaStates = `('requested', 'followed_up', 'scheduled', 'confirmed', 'held', 'thanked', 'reported_back')`

// tookSinceHeld is an SQL expression: whether conversation c logged the
// step (a constant: "thanked", "reported_back") at or after it was last
// held, as method.TookSinceHeld decides from the events.
func tookSinceHeld(step string) string {
	took := `EXISTS (SELECT 1 FROM events e WHERE e.conversation_id = c.id AND e.step = '` + step +
		`' AND (c.held_at IS NULL OR e.at >= c.held_at))`
	// A conversation loaded without its history: its state tells, as
	// method.TookSinceHeld decides too.
	untold := `(NOT EXISTS (SELECT 1 FROM events e WHERE e.conversation_id = c.id) AND c.state IN ` + map[string]string{
		"thanked":       `('thanked', 'reported_back', 'keeping_in_touch')`,
		"reported_back": `('reported_back')`,
	}[step] + `)`
	return "(" + took + " OR " + untold + ")"
}

// keepStates are the states after which the user keeps in touch with a person.
const keepStates = `('thanked', 'reported_back', 'keeping_in_touch')`

// bumpVersion marks that the owner's records changed, and gives their
// new version (0 for a scope of no user: a center's).
func (sc *Scope) bumpVersion(ctx context.Context) (int64, error) {
	// A write not declared off the home page may change what it shows:
	// its version is the shown one too (see notePageChange).
	q := `UPDATE users SET version = version + 1, shown_version = version + 1 WHERE id = $1 RETURNING version`
	if sc.touches != nil && sc.touches.page.offPage {
		q = `UPDATE users SET version = version + 1 WHERE id = $1 RETURNING version`
	}
	var v int64
	err := sc.w.QueryRowContext(ctx, q, sc.owner).Scan(&v)
	if err != nil && !isNoRows(err) {
		return 0, fmt.Errorf("bump version: %w", err)
	}
	return v, nil
}

// AgendaInput gathers the facts of every record the agenda is derived
// from, to compute it from scratch at now. The agenda itself is read from
// the stored next actions (see Agenda); this is what they must equal.
func (sc *Scope) AgendaInput(ctx context.Context, now time.Time) (method.AgendaInput, error) {
	in := method.AgendaInput{Now: now}
	var err error
	if in.Settings, err = sc.Settings(ctx); err != nil {
		return in, err
	}
	if in.Convos, err = sc.agendaConvos(ctx, nil); err != nil {
		return in, err
	}
	if in.People, err = sc.keepInTouchPeople(ctx, in.Settings.KeepInTouchByTag, nil); err != nil {
		return in, err
	}
	if in.Fields, err = sc.fieldFacts(ctx, nil); err != nil {
		return in, err
	}
	if in.ReachOut, err = sc.reachOutFacts(ctx, nil, in.Settings, false); err != nil {
		return in, err
	}
	if in.LastRequestInField, err = sc.countLastRequests(ctx); err != nil {
		return in, err
	}
	in.Marks, err = sc.marks(ctx, nil)
	return in, err
}

// inIDs narrows a query to the records ids names: nil means every record
// of the owner. It appends the ids to args.
func inIDs(col string, ids []int64, args *[]any) string {
	if ids == nil {
		return ""
	}
	if len(ids) == 0 {
		return " AND 1 = 0"
	}
	return " AND " + inList(col, ids, args)
}

// inList is "col IN ($n, ...)", the ids appended to args.
func inList(col string, ids []int64, args *[]any) string {
	first := len(*args) + 1
	for _, id := range ids {
		*args = append(*args, id)
	}
	return col + " IN (" + placeholders(first, len(ids)) + ")"
}

// pageIDs is "col IN (...)" for a page of ids (not empty), as inIDs
// writes it, except on SQLite, where the ids are one argument, a JSON
// array read by json_each: the statement's text is then the same however
// many ids the page holds, so it is prepared once and kept (the statement
// cache keeps no text of more than stmtCacheMaxArgs arguments, and a list
// of placeholders differs with its length). PostgreSQL's driver keeps its
// prepared statements by text itself.
func (sc *Scope) pageIDs(col string, ids []int64, args *[]any) string {
	if sc.st.dialect != SQLite {
		return inList(col, ids, args)
	}
	b := make([]byte, 0, 2+8*len(ids))
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	*args = append(*args, string(append(b, ']')))
	return col + " IN (SELECT value FROM json_each($" + strconv.Itoa(len(*args)) + "))"
}

// inPage is inIDs for a page of ids (see pageIDs).
func (sc *Scope) inPage(col string, ids []int64, args *[]any) string {
	if len(ids) == 0 {
		return inIDs(col, ids, args)
	}
	return " AND " + sc.pageIDs(col, ids, args)
}

// ownerOf is the owner column of table alias t, for a query narrowed to
// ids (inIDs). With ids the column is written +t.owner_id: the same value,
// which SQLite's planner cannot look up in an index, so it starts from the
// ids (a page of them) rather than from every row of the owner, which it
// takes for the fewer without statistics. PostgreSQL, which has them,
// plans by the ids either way.
func ownerOf(t string, ids []int64) string {
	if ids == nil {
		return t + ".owner_id"
	}
	return "+" + t + ".owner_id"
}

// lastRequestByField is the latest request in each field over every
// conversation, whatever became of it, as kept on the fields (see
// keepLastRequests) for the fields ids names (nil: all).
func (sc *Scope) lastRequestByField(ctx context.Context, fields []int64) (map[int64]time.Time, error) {
	if fields != nil && len(fields) == 0 {
		return map[int64]time.Time{}, nil // no field asked for: no statement
	}
	args := []any{sc.owner}
	rows, err := sc.r.QueryContext(ctx, `SELECT id, last_request_at FROM fields
		WHERE owner_id = $1 AND last_request_at IS NOT NULL`+inIDs("id", fields, &args), args...)
	if err != nil {
		return nil, fmt.Errorf("agenda requests: %w", err)
	}
	return scanLastRequests(rows)
}

// countLastRequests is lastRequestByField of every field counted from the
// conversations themselves: what the kept ones must equal.
func (sc *Scope) countLastRequests(ctx context.Context) (map[int64]time.Time, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT cf.field_id, MAX(c.requested_at) FROM conversation_fields cf
		JOIN conversations c ON c.id = cf.conversation_id
		WHERE c.owner_id = $1 AND c.requested_at IS NOT NULL GROUP BY cf.field_id`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("agenda requests: %w", err)
	}
	return scanLastRequests(rows)
}

func scanLastRequests(rows *sql.Rows) (map[int64]time.Time, error) {
	defer rows.Close()
	out := map[int64]time.Time{}
	for rows.Next() {
		var id int64
		var t nullTime
		if err := rows.Scan(&id, &t); err != nil {
			return nil, fmt.Errorf("agenda requests: %w", err)
		}
		out[id] = t.Time
	}
	return out, rows.Err()
}

// keepLastRequests counts again the latest request of the fields ids
// names (nil: all) and keeps it on them, in the write's transaction. Only
// the writes that note the field's latest request may have moved ('r')
// count it: a request, a conversation joining or leaving the field, or
// deleted.
func (sc *Scope) keepLastRequests(ctx context.Context, ids []int64) error {
	args := []any{sc.owner}
	owner := "owner_id"
	if ids != nil {
		owner = "+owner_id" // from the ids, as ownerOf
	}
	if _, err := sc.w.ExecContext(ctx, `UPDATE fields SET last_request_at = (SELECT MAX(c.requested_at)
		FROM conversation_fields cf JOIN conversations c ON c.id = cf.conversation_id WHERE cf.field_id = fields.id)
		WHERE `+owner+` = $1`+inIDs("id", ids, &args), args...); err != nil {
		return fmt.Errorf("latest requests: %w", err)
	}
	return nil
}

// advanceLastRequests moves the latest request of the fields at names to
// the time given where that is later than the kept one (a new request),
// except for the fields counted again (recounted).
func (sc *Scope) advanceLastRequests(ctx context.Context, at map[int64]time.Time, recounted map[int64]bool) error {
	byTime := map[time.Time][]int64{}
	for id, t := range at {
		if !recounted[id] {
			byTime[t] = append(byTime[t], id)
		}
	}
	for t, ids := range byTime {
		args := []any{sc.owner, ts(t)}
		if _, err := sc.w.ExecContext(ctx, `UPDATE fields SET last_request_at = $2 WHERE +owner_id = $1`+inIDs("id", ids, &args)+
			` AND (last_request_at IS NULL OR last_request_at < $2)`, args...); err != nil {
			return fmt.Errorf("latest requests: %w", err)
		}
	}
	return nil
}

// agendaConvos reads the facts of the conversations ids names (nil: all)
// that are in a state that may call for an action.
func (sc *Scope) agendaConvos(ctx context.Context, ids []int64) ([]method.ConvoFacts, error) {
	args := []any{sc.owner}
	filter := inIDs("c.id", ids, &args)
	rows, err := sc.r.QueryContext(ctx, `SELECT c.id, c.person_id, p.name, p.referred_by_id, r.name, c.state, c.state_at,
		c.requested_at, c.followed_up_at, c.meeting_at, c.held_at, c.prepared, c.notes <> '', p.last_reply_at,
		`+tookSinceHeld("thanked")+`, `+tookSinceHeld("reported_back")+`
		FROM conversations c JOIN people p ON p.id = c.person_id LEFT JOIN people r ON r.id = p.referred_by_id
		WHERE `+ownerOf("c", ids)+` = $1 AND c.state IN `+agendaStates+filter+` ORDER BY c.id`, args...)
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
			&requested, &followed, &meeting, &held, &c.Prepared, &c.HasNotes, &reply, &c.Thanked, &c.ReportedBack); err != nil {
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
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	rows, err = sc.r.QueryContext(ctx, `SELECT cf.conversation_id, f.id, f.name FROM conversation_fields cf
		JOIN conversations c ON c.id = cf.conversation_id JOIN fields f ON f.id = cf.field_id
		WHERE `+ownerOf("c", ids)+` = $1 AND c.state IN `+agendaStates+filter+` ORDER BY f.id`, args...)
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

// keepInTouchPeople reads the facts of the people ids names (nil: all)
// the user keeps in touch with.
func (sc *Scope) keepInTouchPeople(ctx context.Context, byTag map[string]int, ids []int64) ([]method.PersonFacts, error) {
	args := []any{sc.owner}
	filter := inIDs("p.id", ids, &args)
	// From the conversations: far fewer than the people of a large network.
	// A conversation still at thanked or reported_back has had no
	// keep-in-touch note yet: the first one reports on the advice.
	rows, err := sc.r.QueryContext(ctx, `SELECT p.id, p.name, p.last_touch_at,
		MAX(CASE WHEN c.state IN ('thanked', 'reported_back') THEN 1 ELSE 0 END)
		FROM conversations c JOIN people p ON p.id = c.person_id
		WHERE `+ownerOf("c", ids)+` = $1 AND c.state IN `+keepStates+` AND p.do_not_contact = FALSE`+filter+`
		GROUP BY p.id, p.name, p.last_touch_at ORDER BY p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("agenda people: %w", err)
	}
	var out []method.PersonFacts
	index := map[int64]int{}
	for rows.Next() {
		var p method.PersonFacts
		var last nullTime
		var advice int
		if err := rows.Scan(&p.ID, &p.Name, &last, &advice); err != nil {
			rows.Close()
			return nil, err
		}
		p.LastTouch, p.AdviceUpdate = last.Time, advice == 1
		index[p.ID] = len(out)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 || len(byTag) == 0 {
		// Tags matter only where a tag has an interval of its own.
		return out, err
	}
	args = args[:1]
	filter = inIDs("p.id", ids, &args)
	first := len(args) + 1
	for t := range byTag {
		args = append(args, t)
	}
	rows, err = sc.r.QueryContext(ctx, `SELECT t.person_id, t.tag FROM person_tags t JOIN people p ON p.id = t.person_id
		WHERE `+ownerOf("p", ids)+` = $1`+filter+` AND t.tag IN (`+placeholders(first, len(byTag))+`) ORDER BY t.tag`, args...)
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

// fieldFacts reads the fields ids names (nil: all) with how many
// conversations each has held and booked, counted from the conversations.
func (sc *Scope) fieldFacts(ctx context.Context, ids []int64) ([]method.FieldFacts, error) {
	out, _, err := sc.countFields(ctx, ids, nil)
	return out, err
}

// countFields is fieldFacts, with the counts each field has stored (held,
// booked) by id. The fields moved names besides ids (when ids is not nil)
// are not counted: their counts are the stored ones moved by the
// differences given.
func (sc *Scope) countFields(ctx context.Context, ids []int64, moved map[int64][2]int) ([]method.FieldFacts, map[int64][2]int, error) {
	args := []any{sc.owner}
	read := ids
	if ids != nil && len(moved) > 0 {
		read = slices.Clone(ids)
		for id := range moved {
			if !slices.Contains(ids, id) {
				read = append(read, id)
			}
		}
		slices.Sort(read)
	}
	if read != nil && len(read) == 0 {
		return nil, map[int64][2]int{}, nil // no field to count: no statement
	}
	rows, err := sc.r.QueryContext(ctx, `SELECT id, name, target, created_at, held, booked FROM fields WHERE owner_id = $1`+
		inIDs("id", read, &args)+` ORDER BY id`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("agenda fields: %w", err)
	}
	var out []method.FieldFacts
	index := map[int64]int{}
	stored := map[int64][2]int{}
	for rows.Next() {
		var f method.FieldFacts
		var created nullTime
		var held, booked int
		if err := rows.Scan(&f.ID, &f.Name, &f.Target, &created, &held, &booked); err != nil {
			rows.Close()
			return nil, nil, err
		}
		f.CreatedAt = created.Time
		index[f.ID] = len(out)
		stored[f.ID] = [2]int{held, booked}
		if d, ok := moved[f.ID]; ok && ids != nil && !slices.Contains(ids, f.ID) {
			f.Held, f.Booked = held+d[0], booked+d[1]
		}
		out = append(out, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 || (ids != nil && len(ids) == 0) {
		return out, stored, err
	}
	args = args[:1]
	rows, err = sc.r.QueryContext(ctx, `SELECT cf.field_id, c.state, COUNT(*) FROM conversations c
		JOIN conversation_fields cf ON cf.conversation_id = c.id
		WHERE `+ownerOf("c", ids)+` = $1 AND c.state IN ('scheduled', 'confirmed', 'held', 'thanked', 'reported_back', 'keeping_in_touch')`+
		inIDs("cf.field_id", ids, &args)+` GROUP BY cf.field_id, c.state`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("agenda field counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var fid int64
		var state model.State
		var n int
		if err := rows.Scan(&fid, &state, &n); err != nil {
			return nil, nil, err
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
	return out, stored, rows.Err()
}

// marks reads the user's marks on the actions ids names (nil: all).
func (sc *Scope) marks(ctx context.Context, ids []string) (map[string]method.Mark, error) {
	args := []any{sc.owner}
	filter := ""
	if ids != nil {
		if len(ids) == 0 {
			return map[string]method.Mark{}, nil
		}
		for _, id := range ids {
			args = append(args, id)
		}
		filter = " AND action_id IN (" + placeholders(2, len(ids)) + ")"
	}
	rows, err := sc.r.QueryContext(ctx, `SELECT action_id, due, done_at, snoozed_until FROM action_marks WHERE owner_id = $1`+filter, args...)
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
