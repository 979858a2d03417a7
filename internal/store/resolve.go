package store

import (
	"context"

	"fmt"
	"github.com/ally-dev/ally/internal/model"
	"strconv"
	"strings"
)

// named describes a table whose records people name: resolve finds them by
// id or by name.
type named struct {
	table string
	kind  string
}

var (
	peopleTable = named{"people", "person"}
	fieldsTable = named{"fields", "field"}
	orgsTable   = named{"organizations", "organization"}
)

// resolve finds one record by id or by an unambiguous name: an exact
// (case-insensitive) name wins, else a unique name containing key.
func (sc *Scope) resolve(ctx context.Context, t named, key string) (int64, string, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return 0, "", fmt.Errorf("no %s given", t.kind)
	}
	if id, err := strconv.ParseInt(key, 10, 64); err == nil {
		var name string
		err := sc.r.QueryRowContext(ctx, `SELECT name FROM `+t.table+` WHERE owner_id = $1 AND id = $2`, sc.owner, id).Scan(&name)
		if err == nil {
			return id, name, nil
		}
		if err := noRows(err, t.kind, id); err != nil {
			return 0, "", err
		}
	}
	find := func(cond, arg string) ([]int64, []string, error) {
		rows, err := sc.r.QueryContext(ctx, `SELECT id, name FROM `+t.table+` WHERE owner_id = $1 AND `+cond+` ORDER BY id LIMIT 11`, sc.owner, arg)
		if err != nil {
			return nil, nil, err
		}
		defer rows.Close()
		var ids []int64
		var names []string
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				return nil, nil, err
			}
			ids, names = append(ids, id), append(names, name)
		}
		return ids, names, rows.Err()
	}
	ids, names, err := find(`lower(name) = lower($2)`, key)
	if err != nil {
		return 0, "", fmt.Errorf("find %s %q: %w", t.kind, key, err)
	}
	if len(ids) == 0 {
		ids, names, err = find(`lower(name) LIKE $2 ESCAPE '\'`, "%"+likeEscape(strings.ToLower(key))+"%")
		if err != nil {
			return 0, "", fmt.Errorf("find %s %q: %w", t.kind, key, err)
		}
	}
	switch len(ids) {
	case 0:
		return 0, "", &NotFoundError{Kind: t.kind, Key: key}
	case 1:
		return ids[0], names[0], nil
	}
	cands := make([]string, len(ids))
	for i := range ids {
		cands[i] = fmt.Sprintf("%s (id %d)", names[i], ids[i])
	}
	return 0, "", &AmbiguousError{Kind: t.kind, Key: key, Candidates: cands}
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ResolvePerson finds a person by id or unambiguous name.
func (sc *Scope) ResolvePerson(ctx context.Context, key string) (int64, string, error) {
	return sc.resolve(ctx, peopleTable, key)
}

// ResolveField finds a field by id or unambiguous name.
func (sc *Scope) ResolveField(ctx context.Context, key string) (int64, string, error) {
	return sc.resolve(ctx, fieldsTable, key)
}

// ResolveOrganization finds an organization by id or unambiguous name.
func (sc *Scope) ResolveOrganization(ctx context.Context, key string) (int64, string, error) {
	return sc.resolve(ctx, orgsTable, key)
}

// ensure returns the record of kind t named exactly name (ignoring case),
// with its stored name, or makes it with create; created says which.
func (sc *Scope) ensure(ctx context.Context, t named, name string, create func() (model.Ref, error)) (model.Ref, bool, error) {
	var r model.Ref
	err := sc.r.QueryRowContext(ctx, `SELECT id, name FROM `+t.table+` WHERE owner_id = $1 AND lower(name) = lower($2) ORDER BY id LIMIT 1`,
		sc.owner, strings.TrimSpace(name)).Scan(&r.ID, &r.Name)
	if err == nil || !isNoRows(err) {
		return r, false, err
	}
	r, err = create()
	return r, err == nil, err
}

// owns checks that a record id belongs to the scope's owner.
func (sc *Scope) owns(ctx context.Context, t named, id int64) error {
	var one int
	err := sc.r.QueryRowContext(ctx, `SELECT 1 FROM `+t.table+` WHERE owner_id = $1 AND id = $2`, sc.owner, id).Scan(&one)
	return noRows(err, t.kind, id)
}

// Owns returns nil when the person, the conversation and every field named
// (an id of 0 names none) are the owner's, else the not-found error of the
// first that is not, as Person, Conversation and Field would: a check for
// a request's references that reads one indexed row each and loads
// nothing.
func (sc *Scope) Owns(ctx context.Context, personID, conversationID int64, fieldIDs []int64) error {
	check := func(table, kind string, id int64) error {
		var one int
		err := sc.r.QueryRowContext(ctx, `SELECT 1 FROM `+table+` WHERE owner_id = $1 AND id = $2`, sc.owner, id).Scan(&one)
		return noRows(err, kind, id)
	}
	if personID != 0 {
		if err := check("people", "person", personID); err != nil {
			return err
		}
	}
	if conversationID != 0 {
		if err := check("conversations", "conversation", conversationID); err != nil {
			return err
		}
	}
	for _, id := range fieldIDs {
		if err := check("fields", "field", id); err != nil {
			return err
		}
	}
	return nil
}
