package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// Bulk is a whole set of records to load at once (demo data, generated
// datasets, restores). Ids inside a Bulk are local keys: references between
// its records use them, and the loader maps them to new database ids.
type Bulk struct {
	Organizations []model.Organization
	Fields        []model.Field
	People        []model.Person
	Conversations []model.Conversation // with their Events
	Activities    []model.Activity
}

// BulkCounts says how many rows a load wrote, table by table.
type BulkCounts struct {
	Organizations, Fields, People, Conversations, Events, Activities, Links, SearchDocs int
}

// Rows is every row written.
func (c BulkCounts) Rows() int {
	return c.Organizations + c.Fields + c.People + c.Conversations + c.Events + c.Activities + c.Links + c.SearchDocs
}

// idBase returns the highest id in a table, so that loaded records can take
// the ids above it. On PostgreSQL the table is locked against concurrent
// inserts until the transaction ends.
func (sc *Scope) idBase(ctx context.Context, table string) (int64, error) {
	if sc.st.dialect == Postgres {
		if _, err := sc.w.ExecContext(ctx, "LOCK TABLE "+table+" IN EXCLUSIVE MODE"); err != nil {
			return 0, err
		}
	}
	var base int64
	err := sc.w.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+table).Scan(&base)
	return base, err
}

// syncSequence moves PostgreSQL's id sequence past ids written explicitly.
func (sc *Scope) syncSequence(ctx context.Context, table string) error {
	if sc.st.dialect != Postgres {
		return nil
	}
	_, err := sc.w.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence('"+table+"', 'id'), GREATEST((SELECT MAX(id) FROM "+table+"), 1))")
	return err
}

// LoadBulk writes every record of b in one transaction: all or nothing.
// Records are validated as by the single-record methods.
func (sc *Scope) LoadBulk(ctx context.Context, b *Bulk, now time.Time) (BulkCounts, error) {
	var counts BulkCounts
	err := sc.InTx(ctx, func(tx *Scope) error {
		tx.touchedInBulk()
		var err error
		counts, err = tx.loadBulk(ctx, b, now)
		return err
	})
	return counts, err
}

func (sc *Scope) loadBulk(ctx context.Context, b *Bulk, now time.Time) (BulkCounts, error) {
	var n BulkCounts
	bases := map[string]int64{}
	for _, t := range []string{"organizations", "fields", "people", "conversations"} {
		base, err := sc.idBase(ctx, t)
		if err != nil {
			return n, fmt.Errorf("bulk load: %w", err)
		}
		bases[t] = base
	}
	orgName := map[int64]string{}
	fieldName := map[int64]string{}
	personName := map[int64]string{}
	docs := sc.searchBatch()
	defer docs.close()

	orgs := sc.batchInserter("organizations", "id", "owner_id", "name", "website", "notes", "created_at", "updated_at")
	defer orgs.close()
	for i := range b.Organizations {
		o := b.Organizations[i]
		if err := o.Validate(); err != nil {
			return n, fmt.Errorf("organization %q: %w", o.Name, err)
		}
		id := bases["organizations"] + o.ID
		orgName[o.ID] = o.Name
		if err := orgs.add(ctx, id, sc.owner, o.Name, o.Website, o.Notes, ts(orDefault(o.CreatedAt, now)), ts(orDefault(o.UpdatedAt, now))); err != nil {
			return n, err
		}
		if err := docs.addDoc(ctx, kindOrganization, id, o.Name, o.Website+"\n"+o.Notes); err != nil {
			return n, err
		}
	}
	if err := orgs.flush(ctx); err != nil {
		return n, err
	}
	n.Organizations = orgs.written

	fields := sc.batchInserter("fields", "id", "owner_id", "name", "why", "notes", "target", "pursuing", "created_at", "updated_at")
	defer fields.close()
	for i := range b.Fields {
		f := b.Fields[i]
		if f.Target == 0 {
			f.Target = model.DefaultTarget
		}
		if err := f.Validate(); err != nil {
			return n, fmt.Errorf("field %q: %w", f.Name, err)
		}
		id := bases["fields"] + f.ID
		fieldName[f.ID] = f.Name
		if err := fields.add(ctx, id, sc.owner, f.Name, f.Why, f.Notes, f.Target, f.Pursuing, ts(orDefault(f.CreatedAt, now)), ts(orDefault(f.UpdatedAt, now))); err != nil {
			return n, err
		}
		if err := docs.addDoc(ctx, kindField, id, f.Name, f.Why+"\n"+f.Notes); err != nil {
			return n, err
		}
	}
	if err := fields.flush(ctx); err != nil {
		return n, err
	}
	n.Fields = fields.written

	// Touch times come from the activities and events loaded with the people.
	lastTouch := map[int64]time.Time{}
	lastReply := map[int64]time.Time{}
	later := func(m map[int64]time.Time, id int64, t time.Time) {
		if t.After(m[id]) {
			m[id] = t
		}
	}
	convPerson := map[int64]int64{}
	for _, c := range b.Conversations {
		convPerson[c.ID] = c.Person.ID
		for _, e := range c.Events {
			if e.Step != model.StateNoReply {
				later(lastTouch, c.Person.ID, e.At)
			}
		}
	}
	for _, a := range b.Activities {
		later(lastTouch, a.Person.ID, a.At)
		if a.Kind == model.ActReplyReceived {
			later(lastReply, a.Person.ID, a.At)
		}
	}

	for i := range b.People {
		personName[b.People[i].ID] = b.People[i].Name
	}
	order, err := referrersFirst(b.People)
	if err != nil {
		return n, err
	}
	people := sc.batchInserter("people", "id", "owner_id", "name", "organization_id", "role", "emails", "phone", "url", "location",
		"source", "commonality", "referred_by_id", "notes", "do_not_contact", "last_touch_at", "last_reply_at", "created_at", "updated_at", "name_permission")
	defer people.close()
	pfields := sc.batchInserter("person_fields", "person_id", "field_id").after(people)
	defer pfields.close()
	ptags := sc.batchInserter("person_tags", "person_id", "tag").after(people)
	defer ptags.close()
	for _, i := range order {
		p := b.People[i]
		p.Normalize()
		if err := p.Validate(); err != nil {
			return n, fmt.Errorf("person %q: %w", p.Name, err)
		}
		id := bases["people"] + p.ID
		var org, ref any
		if p.Organization != nil && p.Organization.ID != 0 {
			if _, ok := orgName[p.Organization.ID]; !ok {
				return n, fmt.Errorf("person %q: unknown organization key %d", p.Name, p.Organization.ID)
			}
			org = bases["organizations"] + p.Organization.ID
			p.Organization.Name = orgName[p.Organization.ID]
		}
		if p.ReferredBy != nil && p.ReferredBy.ID != 0 {
			if _, ok := personName[p.ReferredBy.ID]; !ok || p.ReferredBy.ID == p.ID {
				return n, fmt.Errorf("person %q: bad referrer key %d", p.Name, p.ReferredBy.ID)
			}
			ref = bases["people"] + p.ReferredBy.ID
		}
		if err := people.add(ctx, id, sc.owner, p.Name, org, p.Role, strings.Join(p.Emails, "\n"), p.Phone, p.URL, p.Location,
			string(p.Source), p.Commonality, ref, p.Notes, p.DoNotContact, ts(lastTouch[p.ID]), ts(lastReply[p.ID]),
			ts(orDefault(p.CreatedAt, now)), ts(orDefault(p.UpdatedAt, now)), string(p.NamePermission)); err != nil {
			return n, err
		}
		for _, f := range p.Fields {
			if _, ok := fieldName[f.ID]; !ok {
				return n, fmt.Errorf("person %q: unknown field key %d", p.Name, f.ID)
			}
			if err := pfields.add(ctx, id, bases["fields"]+f.ID); err != nil {
				return n, err
			}
		}
		for _, t := range p.Tags {
			if err := ptags.add(ctx, id, t); err != nil {
				return n, err
			}
		}
		title, body := personDoc(&p)
		if err := docs.addDoc(ctx, kindPerson, id, title, body); err != nil {
			return n, err
		}
	}
	for _, in := range []*batchInserter{people, pfields, ptags} {
		if err := in.flush(ctx); err != nil {
			return n, err
		}
	}
	n.People = people.written
	if err := sc.addPeople(ctx, int64(people.written)); err != nil {
		return n, err
	}
	n.Links += pfields.written + ptags.written

	convos := sc.batchInserter("conversations", "id", "owner_id", "person_id", "state", "state_at", "channel", "minutes", "place",
		"who_pays", "meeting_at", "requested_at", "followed_up_at", "held_at", "follow_ups", "prepared", "notes", "summary",
		"usefulness", "created_at", "updated_at")
	defer convos.close()
	cfields := sc.batchInserter("conversation_fields", "conversation_id", "field_id").after(convos)
	defer cfields.close()
	events := sc.batchInserter("events", "owner_id", "conversation_id", "step", "at", "meeting_at", "note", "created_at").after(convos)
	defer events.close()
	for i := range b.Conversations {
		c := b.Conversations[i]
		if c.Channel == "" {
			c.Channel = model.ChannelInPerson
		}
		if c.Minutes == 0 {
			c.Minutes = model.DefaultMinutes
		}
		if c.State == "" {
			c.State = model.StateIdea
		}
		if err := c.Validate(); err != nil {
			return n, fmt.Errorf("conversation %d: %w", c.ID, err)
		}
		name, ok := personName[c.Person.ID]
		if !ok {
			return n, fmt.Errorf("conversation %d: unknown person key %d", c.ID, c.Person.ID)
		}
		id := bases["conversations"] + c.ID
		if err := convos.add(ctx, id, sc.owner, bases["people"]+c.Person.ID, string(c.State), ts(c.StateAt), string(c.Channel),
			c.Minutes, c.Place, c.WhoPays, tsPtr(c.MeetingAt), tsPtr(c.RequestedAt), tsPtr(c.FollowedUpAt), tsPtr(c.HeldAt),
			c.FollowUps, c.Prepared, c.Notes, c.Summary, c.Usefulness, ts(orDefault(c.CreatedAt, now)), ts(orDefault(c.UpdatedAt, now))); err != nil {
			return n, err
		}
		for _, f := range c.Fields {
			if _, ok := fieldName[f.ID]; !ok {
				return n, fmt.Errorf("conversation %d: unknown field key %d", c.ID, f.ID)
			}
			if err := cfields.add(ctx, id, bases["fields"]+f.ID); err != nil {
				return n, err
			}
		}
		for _, e := range c.Events {
			if err := events.add(ctx, sc.owner, id, string(e.Step), ts(e.At), tsPtr(e.MeetingAt), e.Note, ts(e.At)); err != nil {
				return n, err
			}
		}
		title, body := conversationDoc(name, &c)
		if err := docs.addDoc(ctx, kindConversation, id, title, body); err != nil {
			return n, err
		}
	}
	for _, in := range []*batchInserter{convos, cfields, events} {
		if err := in.flush(ctx); err != nil {
			return n, err
		}
	}
	n.Conversations, n.Events = convos.written, events.written
	n.Links += cfields.written

	acts := sc.batchInserter("activities", "owner_id", "person_id", "conversation_id", "kind", "at", "note", "created_at")
	defer acts.close()
	for i := range b.Activities {
		a := b.Activities[i]
		if err := a.Validate(); err != nil {
			return n, fmt.Errorf("activity %d: %w", a.ID, err)
		}
		if _, ok := personName[a.Person.ID]; !ok {
			return n, fmt.Errorf("activity %d: unknown person key %d", a.ID, a.Person.ID)
		}
		var conv any
		if a.ConversationID != 0 {
			if convPerson[a.ConversationID] != a.Person.ID {
				return n, fmt.Errorf("activity %d: conversation key %d is not with person key %d", a.ID, a.ConversationID, a.Person.ID)
			}
			conv = bases["conversations"] + a.ConversationID
		}
		if err := acts.add(ctx, sc.owner, bases["people"]+a.Person.ID, conv, string(a.Kind), ts(a.At), a.Note, ts(orDefault(a.CreatedAt, a.At))); err != nil {
			return n, err
		}
	}
	if err := acts.flush(ctx); err != nil {
		return n, err
	}
	n.Activities = acts.written
	if err := docs.flush(ctx); err != nil {
		return n, err
	}
	n.SearchDocs = docs.written
	for _, t := range []string{"organizations", "fields", "people", "conversations", "events", "activities"} {
		if err := sc.syncSequence(ctx, t); err != nil {
			return n, fmt.Errorf("bulk load: %w", err)
		}
	}
	return n, nil
}

func orDefault(t, def time.Time) time.Time {
	if t.IsZero() {
		return def
	}
	return t
}

// referrersFirst orders people so that everyone comes after their referrer:
// foreign keys are checked statement by statement and cannot be deferred
// on PostgreSQL. A referral loop is an error.
func referrersFirst(people []model.Person) ([]int, error) {
	index := make(map[int64]int, len(people))
	for i, p := range people {
		index[p.ID] = i
	}
	const (
		unseen = iota
		visiting
		done
	)
	state := make([]int8, len(people))
	order := make([]int, 0, len(people))
	for start := range people {
		// Walk up the referral chain iteratively; chains can be long.
		var chain []int
		for i := start; state[i] == unseen; {
			state[i] = visiting
			chain = append(chain, i)
			r := people[i].ReferredBy
			if r == nil || r.ID == 0 {
				break
			}
			j, ok := index[r.ID]
			if !ok {
				break // reported as an unknown referrer when written
			}
			if state[j] == visiting {
				return nil, fmt.Errorf("person %q: referral loop", people[j].Name)
			}
			i = j
		}
		for k := len(chain) - 1; k >= 0; k-- {
			state[chain[k]] = done
			order = append(order, chain[k])
		}
	}
	return order, nil
}
