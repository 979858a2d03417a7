package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// PeopleFilter narrows and orders a people list. Zero values mean "any".
type PeopleFilter struct {
	FieldID        int64
	OrganizationID int64
	Source         model.Source
	Tag            string
	State          model.State // has a conversation in this state
	// Prospects keeps the people one could still write to: not asked yet
	// (no conversation beyond an idea) and not marked do-not-contact.
	Prospects bool
	// Sort is name (default), recent (last touch), created, warmth, or
	// best (whom to ask first: referrals, then people with something in
	// common, then by name).
	Sort   string
	Limit  int // 0 means no limit
	Offset int
	// Warmth is what the warmth sort needs; without it, warmth sorts by
	// the last touch alone.
	Warmth *WarmthSort
}

const personColumns = `p.id, p.name, p.organization_id, o.name, p.role, p.emails, p.phone, p.url,
	p.location, p.source, p.commonality, p.referred_by_id, r.name, p.notes, p.do_not_contact,
	p.created_at, p.updated_at, p.name_permission`

const personFrom = `FROM people p
	LEFT JOIN organizations o ON o.id = p.organization_id
	LEFT JOIN people r ON r.id = p.referred_by_id`

func scanPerson(row interface{ Scan(...any) error }) (*model.Person, error) {
	var p model.Person
	var orgID, refID sql.NullInt64
	var orgName, refName sql.NullString
	var emails string
	var created, updated nullTime
	if err := row.Scan(&p.ID, &p.Name, &orgID, &orgName, &p.Role, &emails, &p.Phone, &p.URL,
		&p.Location, &p.Source, &p.Commonality, &refID, &refName, &p.Notes, &p.DoNotContact,
		&created, &updated, &p.NamePermission); err != nil {
		return nil, err
	}
	if orgID.Valid {
		p.Organization = &model.Ref{ID: orgID.Int64, Name: orgName.String}
	}
	if refID.Valid {
		p.ReferredBy = &model.Ref{ID: refID.Int64, Name: refName.String}
	}
	p.Emails = splitList(emails)
	p.Fields, p.Tags = []model.Ref{}, []string{}
	p.CreatedAt, p.UpdatedAt = created.Time, updated.Time
	return &p, nil
}

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, "\n")
}

// People lists people matching f, with the total count before paging.
func (sc *Scope) People(ctx context.Context, f PeopleFilter) ([]*model.Person, int, error) {
	where := []string{"p.owner_id = $1"}
	args := []any{sc.owner}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.FieldID != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM person_fields pf WHERE pf.person_id = p.id AND pf.field_id = "+arg(f.FieldID)+")")
	}
	if f.OrganizationID != 0 {
		where = append(where, "p.organization_id = "+arg(f.OrganizationID))
	}
	if f.Source != "" {
		where = append(where, "p.source = "+arg(string(f.Source)))
	}
	if f.Tag != "" {
		where = append(where, "EXISTS (SELECT 1 FROM person_tags pt WHERE pt.person_id = p.id AND pt.tag = "+arg(strings.ToLower(f.Tag))+")")
	}
	if f.State != "" {
		where = append(where, "EXISTS (SELECT 1 FROM conversations c WHERE c.person_id = p.id AND c.state = "+arg(string(f.State))+")")
	}
	if f.Prospects {
		where = append(where, "NOT p.do_not_contact", "NOT EXISTS (SELECT 1 FROM conversations c WHERE c.person_id = p.id AND c.state <> 'idea')")
	}
	cond := strings.Join(where, " AND ")
	// Unfiltered, the total is the owner's count kept by the writes
	// (addPeople): counting thousands of people at each drawing cost more
	// than the page.
	countQ := "SELECT COUNT(*) FROM people p WHERE " + cond
	if len(where) == 1 {
		countQ = "SELECT people_count FROM users WHERE id = $1"
	}
	var total int
	if err := sc.r.QueryRowContext(ctx, countQ, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count people: %w", noRows(err, "user", sc.owner))
	}
	order := "lower(p.name), p.id"
	switch f.Sort {
	case "recent":
		order = "p.last_touch_at IS NULL, p.last_touch_at DESC, p.id DESC"
	case "created":
		order = "p.created_at DESC, p.id DESC"
	case "best":
		order = "p.referred_by_id IS NULL, p.commonality = '', lower(p.name), p.id"
	case "warmth":
		order = "p.last_touch_at IS NULL, p.last_touch_at DESC, p.id DESC"
		if f.Warmth != nil {
			order = warmthOrder(*f.Warmth, arg)
		}
	}
	q := "SELECT " + personColumns + " " + personFrom + " WHERE " + cond + " ORDER BY " + order
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit) + " OFFSET " + arg(f.Offset)
	}
	rows, err := sc.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	var out []*model.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list people: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list people: %w", err)
	}
	if err := sc.attachFieldsAndTags(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// attachFieldsAndTags loads the fields and tags of the given people.
func (sc *Scope) attachFieldsAndTags(ctx context.Context, people []*model.Person) error {
	if len(people) == 0 {
		return nil
	}
	byID := make(map[int64]*model.Person, len(people))
	ids := make([]int64, 0, len(people))
	for _, p := range people {
		byID[p.ID] = p
		ids = append(ids, p.ID)
	}
	// A page starts from its people's ids (which are the owner's: they
	// were read through the scope); a large page reads the owner's whole
	// link tables, which beats a huge IN list.
	fieldsQ := `SELECT x.person_id, f.id, f.name FROM person_fields x
		JOIN fields f ON f.id = x.field_id WHERE f.owner_id = $1 ORDER BY lower(f.name)`
	tagsQ := `SELECT x.person_id, x.tag FROM person_tags x JOIN people p ON p.id = x.person_id WHERE p.owner_id = $1 ORDER BY x.tag`
	args := []any{sc.owner}
	if len(ids) <= 200 {
		args = args[:0]
		in := sc.pageIDs("x.person_id", ids, &args)
		fieldsQ = `SELECT x.person_id, f.id, f.name FROM person_fields x JOIN fields f ON f.id = x.field_id
			WHERE ` + in + ` ORDER BY lower(f.name)`
		tagsQ = `SELECT x.person_id, x.tag FROM person_tags x WHERE ` + in + ` ORDER BY x.tag`
	}
	rows, err := sc.r.QueryContext(ctx, fieldsQ, args...)
	if err != nil {
		return fmt.Errorf("load person fields: %w", err)
	}
	for rows.Next() {
		var pid int64
		var r model.Ref
		if err := rows.Scan(&pid, &r.ID, &r.Name); err != nil {
			rows.Close()
			return err
		}
		if p := byID[pid]; p != nil {
			p.Fields = append(p.Fields, r)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = sc.r.QueryContext(ctx, tagsQ, args...)
	if err != nil {
		return fmt.Errorf("load person tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pid int64
		var tag string
		if err := rows.Scan(&pid, &tag); err != nil {
			return err
		}
		if p := byID[pid]; p != nil {
			p.Tags = append(p.Tags, tag)
		}
	}
	return rows.Err()
}

// Person returns one person.
func (sc *Scope) Person(ctx context.Context, id int64) (*model.Person, error) {
	row := sc.r.QueryRowContext(ctx, "SELECT "+personColumns+" "+personFrom+" WHERE p.owner_id = $1 AND p.id = $2", sc.owner, id)
	p, err := scanPerson(row)
	if err != nil {
		return nil, noRows(err, "person", id)
	}
	if err := sc.attachFieldsAndTags(ctx, []*model.Person{p}); err != nil {
		return nil, err
	}
	return p, nil
}

// Referrals lists the people this person referred the user to.
func (sc *Scope) Referrals(ctx context.Context, id int64) ([]model.Ref, error) {
	return sc.refs(ctx, `SELECT id, name FROM people WHERE owner_id = $1 AND referred_by_id = $2 ORDER BY lower(name)`, sc.owner, id)
}

func (sc *Scope) refs(ctx context.Context, q string, args ...any) ([]model.Ref, error) {
	rows, err := sc.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.Ref{}
	for rows.Next() {
		var r model.Ref
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CreatePerson validates and stores a new person; p.ID and the timestamps
// are set. References (organization, referrer, fields) must exist.
func (sc *Scope) CreatePerson(ctx context.Context, p *model.Person, now time.Time) error {
	return sc.InTx(ctx, func(tx *Scope) error {
		if err := tx.checkPerson(ctx, p); err != nil {
			return err
		}
		p.CreatedAt, p.UpdatedAt = stored(now), stored(now)
		err := tx.w.QueryRowContext(ctx, `INSERT INTO people (owner_id, name, organization_id, role, emails, phone, url,
			location, source, commonality, referred_by_id, notes, do_not_contact, created_at, updated_at, name_permission)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
			tx.owner, p.Name, nullInt(refOf(p.Organization)), p.Role, strings.Join(p.Emails, "\n"), p.Phone, p.URL,
			p.Location, string(p.Source), p.Commonality, nullInt(refOf(p.ReferredBy)), p.Notes, p.DoNotContact,
			ts(p.CreatedAt), ts(p.UpdatedAt), string(p.NamePermission)).Scan(&p.ID)
		if err != nil {
			return fmt.Errorf("insert person: %w", err)
		}
		tx.touched('p', p.ID) // a person suggested to the user owes a reach-out
		if err := tx.addPeople(ctx, 1); err != nil {
			return err
		}
		return tx.savePersonLinks(ctx, p)
	})
}

// addPeople moves the owner's count of people (users.people_count, the
// people list's total) by n, in the transaction that added or removed
// them: an increment of the row, so concurrent writes add up on both
// databases.
func (sc *Scope) addPeople(ctx context.Context, n int64) error {
	if n == 0 {
		return nil
	}
	if _, err := sc.w.ExecContext(ctx, `UPDATE users SET people_count = people_count + $2 WHERE id = $1`, sc.owner, n); err != nil {
		return fmt.Errorf("count people: %w", err)
	}
	return nil
}

// UpdatePerson replaces a person's details.
func (sc *Scope) UpdatePerson(ctx context.Context, p *model.Person, now time.Time) error {
	return sc.InTx(ctx, func(tx *Scope) error {
		old, err := tx.Person(ctx, p.ID)
		if err != nil {
			return err
		}
		if err := tx.checkPerson(ctx, p); err != nil {
			return err
		}
		p.CreatedAt, p.UpdatedAt = old.CreatedAt, stored(now)
		tx.touched('p', p.ID)
		_, err = tx.w.ExecContext(ctx, `UPDATE people SET name = $3, organization_id = $4, role = $5, emails = $6,
			phone = $7, url = $8, location = $9, source = $10, commonality = $11, referred_by_id = $12, notes = $13,
			do_not_contact = $14, updated_at = $15, name_permission = $16 WHERE owner_id = $1 AND id = $2`,
			tx.owner, p.ID, p.Name, nullInt(refOf(p.Organization)), p.Role, strings.Join(p.Emails, "\n"), p.Phone, p.URL,
			p.Location, string(p.Source), p.Commonality, nullInt(refOf(p.ReferredBy)), p.Notes, p.DoNotContact, ts(p.UpdatedAt),
			string(p.NamePermission))
		if err != nil {
			return fmt.Errorf("update person: %w", err)
		}
		if _, err := tx.w.ExecContext(ctx, `DELETE FROM person_fields WHERE person_id = $1`, p.ID); err != nil {
			return err
		}
		if _, err := tx.w.ExecContext(ctx, `DELETE FROM person_tags WHERE person_id = $1`, p.ID); err != nil {
			return err
		}
		if err := tx.savePersonLinks(ctx, p); err != nil {
			return err
		}
		if old.Name != p.Name {
			// Conversation documents carry the person's name.
			return tx.reindexConversationsOf(ctx, p.ID)
		}
		return nil
	})
}

func refOf(r *model.Ref) int64 {
	if r == nil {
		return 0
	}
	return r.ID
}

// checkPerson validates the person and the records it points to, filling
// in their names.
func (sc *Scope) checkPerson(ctx context.Context, p *model.Person) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Organization != nil {
		if p.Organization.ID == 0 {
			p.Organization = nil
		} else if _, name, err := sc.resolve(ctx, orgsTable, fmt.Sprint(p.Organization.ID)); err != nil {
			return model.Invalid("organization", "%v", err)
		} else {
			p.Organization.Name = name
		}
	}
	if p.ReferredBy != nil && p.ReferredBy.ID == 0 {
		p.ReferredBy = nil
	}
	if p.ReferredBy != nil && p.Source == "" {
		p.Source = model.SourceReferral
	}
	if p.ReferredBy != nil {
		if p.ID != 0 && p.ReferredBy.ID == p.ID {
			return model.Invalid("referred_by", "a person cannot be referred by themselves")
		}
		ref, err := sc.Person(ctx, p.ReferredBy.ID)
		if err != nil {
			return model.Invalid("referred_by", "%v", err)
		}
		p.ReferredBy.Name = ref.Name
		if p.ID != 0 {
			if err := sc.checkReferralLoop(ctx, p.ID, p.ReferredBy.ID); err != nil {
				return err
			}
		}
	}
	seen := map[int64]bool{}
	fields := []model.Ref{}
	for _, f := range p.Fields {
		if seen[f.ID] {
			continue
		}
		seen[f.ID] = true
		_, name, err := sc.resolve(ctx, fieldsTable, fmt.Sprint(f.ID))
		if err != nil {
			return model.Invalid("fields", "%v", err)
		}
		fields = append(fields, model.Ref{ID: f.ID, Name: name})
	}
	sort.Slice(fields, func(i, j int) bool { return strings.ToLower(fields[i].Name) < strings.ToLower(fields[j].Name) })
	p.Fields = fields
	return nil
}

// checkReferralLoop refuses to make person id referred by referrer when
// referrer was itself referred, directly or through others, by id.
func (sc *Scope) checkReferralLoop(ctx context.Context, id, referrer int64) error {
	cur := referrer
	for steps := 0; steps < 10000; steps++ {
		var next sql.NullInt64
		if err := sc.r.QueryRowContext(ctx, `SELECT referred_by_id FROM people WHERE owner_id = $1 AND id = $2`, sc.owner, cur).Scan(&next); err != nil {
			return noRows(err, "person", cur)
		}
		if !next.Valid {
			return nil
		}
		if next.Int64 == id {
			return model.Invalid("referred_by", "that would make a referral loop: this person already led, directly or through others, to the referrer")
		}
		cur = next.Int64
	}
	return model.Invalid("referred_by", "the referral chain is too long")
}

func (sc *Scope) savePersonLinks(ctx context.Context, p *model.Person) error {
	for _, f := range p.Fields {
		if _, err := sc.w.ExecContext(ctx, `INSERT INTO person_fields (person_id, field_id) VALUES ($1, $2)`, p.ID, f.ID); err != nil {
			return fmt.Errorf("link field: %w", err)
		}
	}
	for _, t := range p.Tags {
		if _, err := sc.w.ExecContext(ctx, `INSERT INTO person_tags (person_id, tag) VALUES ($1, $2)`, p.ID, t); err != nil {
			return fmt.Errorf("tag person: %w", err)
		}
	}
	return sc.indexPerson(ctx, p)
}

// ErrHasConversations is returned when deleting a person who has
// conversations without asking to delete them too.
type ErrHasConversations struct{ Count int }

func (e *ErrHasConversations) Error() string {
	return fmt.Sprintf("this person has %d conversation(s); delete them too (--with-conversations) or keep the person", e.Count)
}

// DeletePerson removes a person with their activities. Their conversations
// go too only when withConversations is set; otherwise a person with
// conversations is kept and an *ErrHasConversations returned.
func (sc *Scope) DeletePerson(ctx context.Context, id int64, withConversations bool) error {
	return sc.InTx(ctx, func(tx *Scope) error {
		if err := tx.owns(ctx, peopleTable, id); err != nil {
			return err
		}
		convos, err := tx.idsWhere(ctx, `SELECT id FROM conversations WHERE owner_id = $1 AND person_id = $2`, id)
		if err != nil {
			return err
		}
		if len(convos) > 0 && !withConversations {
			return &ErrHasConversations{Count: len(convos)}
		}
		for _, cid := range convos {
			if err := tx.touchedConvoFields(ctx, cid); err != nil {
				return err
			}
			if err := tx.unindex(ctx, kindConversation, cid); err != nil {
				return err
			}
		}
		// The people they referred lose their referrer.
		referred, err := tx.idsWhere(ctx, `SELECT id FROM people WHERE owner_id = $1 AND referred_by_id = $2`, id)
		if err != nil {
			return err
		}
		tx.touched('c', convos...)
		tx.touched('p', id)
		tx.touched('p', referred...)
		res, err := tx.w.ExecContext(ctx, `DELETE FROM people WHERE owner_id = $1 AND id = $2`, tx.owner, id)
		if err != nil {
			return fmt.Errorf("delete person: %w", err)
		}
		gone, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("delete person: %w", err)
		}
		if err := tx.addPeople(ctx, -gone); err != nil {
			return err
		}
		return tx.unindex(ctx, kindPerson, id)
	})
}

func (sc *Scope) idsWhere(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := sc.r.QueryContext(ctx, q, append([]any{sc.owner}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// EnsurePerson returns the person with exactly this name, creating them
// (with nothing but the name) when there is none.
func (sc *Scope) EnsurePerson(ctx context.Context, name string, now time.Time) (model.Ref, bool, error) {
	return sc.ensure(ctx, peopleTable, name, func() (model.Ref, error) {
		v := &model.Person{Name: name}
		err := sc.CreatePerson(ctx, v, now)
		return model.Ref{ID: v.ID, Name: v.Name}, err
	})
}

// Timeline returns a person's activities and lifecycle steps, newest first.
func (sc *Scope) Timeline(ctx context.Context, personID int64) ([]model.TimelineItem, error) {
	if err := sc.owns(ctx, peopleTable, personID); err != nil {
		return nil, err
	}
	var items []model.TimelineItem
	rows, err := sc.r.QueryContext(ctx, `SELECT id, kind, at, note, conversation_id FROM activities
		WHERE owner_id = $1 AND person_id = $2`, sc.owner, personID)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	for rows.Next() {
		var it model.TimelineItem
		var at nullTime
		var cid sql.NullInt64
		if err := rows.Scan(&it.ActivityID, &it.Kind, &at, &it.Note, &cid); err != nil {
			rows.Close()
			return nil, err
		}
		it.At, it.ConversationID = at.Time, cid.Int64
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = sc.r.QueryContext(ctx, `SELECT e.step, e.at, e.note, e.conversation_id FROM events e
		JOIN conversations c ON c.id = e.conversation_id
		WHERE e.owner_id = $1 AND c.person_id = $2`, sc.owner, personID)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	defer rows.Close()
	// A message marked as sent from the composer is logged twice at one
	// instant: as the activity (an email sent, a call) and as the step it
	// moved the conversation to. The timeline shows it once, as the step,
	// which keeps the activity's id (to delete it) and its note when the
	// step has none.
	type sameMoment struct {
		convo int64
		at    int64
	}
	sent := map[sameMoment]int{} // index in items of a message activity
	for i, it := range items {
		if it.ConversationID != 0 {
			sent[sameMoment{it.ConversationID, it.At.UnixNano()}] = i
		}
	}
	merged := map[int]bool{}
	for rows.Next() {
		it := model.TimelineItem{Kind: "step"}
		var at nullTime
		if err := rows.Scan(&it.Step, &at, &it.Note, &it.ConversationID); err != nil {
			return nil, err
		}
		it.At = at.Time
		if i, ok := sent[sameMoment{it.ConversationID, it.At.UnixNano()}]; ok && !merged[i] {
			merged[i] = true
			it.ActivityID = items[i].ActivityID
			if it.Note == "" {
				it.Note = items[i].Note
			}
		}
		items = append(items, it)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(merged) > 0 {
		kept := items[:0]
		for i, it := range items {
			if !merged[i] {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].At.After(items[j].At) })
	return items, nil
}

// touch records that the user was in touch with a person at a time, for the
// keep-in-touch rule; a reply also silences the follow-up rules. What it
// moved is derived again: a later last touch moves the person's
// keep-in-touch only, a later last reply their conversations' actions too;
// a touch no later than those they had moves nothing.
func (sc *Scope) touch(ctx context.Context, personID int64, at time.Time, reply bool) error {
	moved, err := sc.execMoved(ctx, `UPDATE people SET last_touch_at = $2
		WHERE id = $1 AND (last_touch_at IS NULL OR last_touch_at < $2)`, personID, ts(at))
	if err == nil && moved {
		sc.touched('k', personID)
	}
	if err == nil && reply {
		if moved, err = sc.execMoved(ctx, `UPDATE people SET last_reply_at = $2
			WHERE id = $1 AND (last_reply_at IS NULL OR last_reply_at < $2)`, personID, ts(at)); moved {
			sc.touched('p', personID)
		}
	}
	if err != nil {
		return fmt.Errorf("record touch: %w", err)
	}
	return nil
}

// execMoved runs a write and tells whether it changed any row.
func (sc *Scope) execMoved(ctx context.Context, q string, args ...any) (bool, error) {
	res, err := sc.w.ExecContext(ctx, q, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// retouch recomputes a person's last touch and last reply after a deletion
// or a change, and notes what moved as touch does.
func (sc *Scope) retouch(ctx context.Context, personID int64) error {
	var oldLast, oldReply nullTime
	err := sc.w.QueryRowContext(ctx, `SELECT last_touch_at, last_reply_at FROM people WHERE id = $1`, personID).Scan(&oldLast, &oldReply)
	if isNoRows(err) {
		sc.touched('p', personID)
		return nil
	}
	if err != nil {
		return err
	}
	var last, reply time.Time
	latest := func(q string, dst *time.Time) error {
		var t nullTime
		err := sc.w.QueryRowContext(ctx, q, personID).Scan(&t)
		if err != nil && !isNoRows(err) {
			return err
		}
		if t.Time.After(*dst) {
			*dst = t.Time
		}
		return nil
	}
	for _, q := range []string{
		`SELECT at FROM activities WHERE person_id = $1 ORDER BY at DESC LIMIT 1`,
		`SELECT e.at FROM events e JOIN conversations c ON c.id = e.conversation_id WHERE c.person_id = $1 ORDER BY e.at DESC LIMIT 1`,
	} {
		if err := latest(q, &last); err != nil {
			return err
		}
	}
	if err := latest(`SELECT at FROM activities WHERE person_id = $1 AND kind = 'reply_received' ORDER BY at DESC LIMIT 1`, &reply); err != nil {
		return err
	}
	if last.Equal(oldLast.Time) && reply.Equal(oldReply.Time) {
		return nil
	}
	if !reply.Equal(oldReply.Time) {
		sc.touched('p', personID)
	} else {
		sc.touched('k', personID)
	}
	_, err = sc.w.ExecContext(ctx, `UPDATE people SET last_touch_at = $2, last_reply_at = $3 WHERE id = $1`, personID, ts(last), ts(reply))
	return err
}
