package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// NetworkPerson is one person as the network picture and the warmth
// read them.
type NetworkPerson struct {
	ID           int64
	Name         string
	ReferredByID int64 // 0: nobody referred them
	Source       model.Source
	Commonality  string
	LastTouch    time.Time // zero: never in touch
	Tags         []string
	States       []model.State // one per conversation with them
	// InField is whether they belong to the field asked for: listed in
	// it, or with a conversation in it. Always true without a field.
	InField bool
}

// NetworkFacts reads every person of the owner for the network picture,
// in four queries whatever their number (three without a field).
func (sc *Scope) NetworkFacts(ctx context.Context, fieldID int64) ([]*NetworkPerson, error) {
	people, byID, err := sc.networkPeople(ctx, nil)
	if err != nil || fieldID == 0 {
		return people, err
	}
	rows, err := sc.r.QueryContext(ctx, `SELECT pf.person_id FROM person_fields pf JOIN people p ON p.id = pf.person_id
		WHERE p.owner_id = $1 AND pf.field_id = $2
		UNION SELECT c.person_id FROM conversation_fields cf JOIN conversations c ON c.id = cf.conversation_id
		WHERE c.owner_id = $1 AND cf.field_id = $2`, sc.owner, fieldID)
	if err != nil {
		return nil, fmt.Errorf("network field: %w", err)
	}
	defer rows.Close()
	for _, p := range people {
		p.InField = false
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		if p := byID[id]; p != nil {
			p.InField = true
		}
	}
	return people, rows.Err()
}

// Standing reads what the warmth and the stage of the given people are
// computed from, in three queries.
func (sc *Scope) Standing(ctx context.Context, ids []int64) (map[int64]*NetworkPerson, error) {
	if ids == nil {
		ids = []int64{}
	}
	_, byID, err := sc.networkPeople(ctx, ids)
	return byID, err
}

// networkPeople reads the people ids names (nil: all), with their tags
// and their conversations' states.
func (sc *Scope) networkPeople(ctx context.Context, ids []int64) ([]*NetworkPerson, map[int64]*NetworkPerson, error) {
	args := []any{sc.owner}
	rows, err := sc.r.QueryContext(ctx, `SELECT p.id, p.name, p.referred_by_id, p.source, p.commonality, p.last_touch_at
		FROM people p WHERE `+ownerOf("p", ids)+` = $1`+sc.inPage("p.id", ids, &args)+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("network people: %w", err)
	}
	var out []*NetworkPerson
	byID := map[int64]*NetworkPerson{}
	for rows.Next() {
		p := &NetworkPerson{InField: true, Tags: []string{}}
		var ref sql.NullInt64
		var last nullTime
		if err := rows.Scan(&p.ID, &p.Name, &ref, &p.Source, &p.Commonality, &last); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("network people: %w", err)
		}
		p.ReferredByID, p.LastTouch = ref.Int64, last.Time
		out = append(out, p)
		byID[p.ID] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if len(out) == 0 {
		return out, byID, nil
	}
	args = args[:1]
	rows, err = sc.r.QueryContext(ctx, `SELECT t.person_id, t.tag FROM person_tags t JOIN people p ON p.id = t.person_id
		WHERE `+ownerOf("p", ids)+` = $1`+sc.inPage("t.person_id", ids, &args)+` ORDER BY t.tag`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("network tags: %w", err)
	}
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if p := byID[id]; p != nil {
			p.Tags = append(p.Tags, tag)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	args = args[:1]
	rows, err = sc.r.QueryContext(ctx, `SELECT c.person_id, c.state FROM conversations c
		WHERE `+ownerOf("c", ids)+` = $1`+sc.inPage("c.person_id", ids, &args)+` ORDER BY c.id`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("network conversations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var st model.State
		if err := rows.Scan(&id, &st); err != nil {
			return nil, nil, err
		}
		if p := byID[id]; p != nil {
			p.States = append(p.States, st)
		}
	}
	return out, byID, rows.Err()
}

// WarmthSort orders a people list by warmth as of Now, with the
// keep-in-touch cadences of Settings.
type WarmthSort struct {
	Now      time.Time
	Settings method.Settings
}

// warmthOrder is an ORDER BY that puts the hottest first and, within a
// warmth, the latest touch first. Each person's warmth is decided by the
// same bounds method.WarmthOf uses: their cadence is the shortest of
// their tags' that beats the default.
func warmthOrder(w WarmthSort, arg func(any) string) string {
	s := w.Settings
	loc := s.Location()
	bucket := func(days int) string {
		b := method.WarmthBoundsAt(w.Now, days, loc)
		return fmt.Sprintf("CASE WHEN p.last_touch_at >= %s THEN 0 WHEN p.last_touch_at >= %s THEN 1 WHEN p.last_touch_at >= %s THEN 2 ELSE 3 END",
			arg(ts(b.Hot)), arg(ts(b.Warm)), arg(ts(b.Cooling)))
	}
	byDays := map[int][]string{}
	for tag, d := range s.KeepInTouchByTag {
		if d < s.KeepInTouchDays {
			byDays[d] = append(byDays[d], tag)
		}
	}
	days := make([]int, 0, len(byDays))
	for d := range byDays {
		days = append(days, d)
	}
	sort.Ints(days)
	var b strings.Builder
	b.WriteString("CASE WHEN p.last_touch_at IS NULL THEN 3")
	for _, d := range days {
		tags := byDays[d]
		sort.Strings(tags)
		ph := make([]string, len(tags))
		for i, t := range tags {
			ph[i] = arg(t)
		}
		fmt.Fprintf(&b, " WHEN EXISTS (SELECT 1 FROM person_tags wt WHERE wt.person_id = p.id AND wt.tag IN (%s)) THEN (%s)",
			strings.Join(ph, ", "), bucket(d))
	}
	fmt.Fprintf(&b, " ELSE (%s) END, p.last_touch_at IS NULL, p.last_touch_at DESC, p.id DESC", bucket(s.KeepInTouchDays))
	return b.String()
}
