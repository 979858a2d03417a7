package store

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
)

// Template is a message template as the user sees it: one of Ally's
// built-ins, a built-in the user edited, or one of the user's own.
type Template struct {
	etiquette.Template
	// Edited marks a built-in the user changed; deleting the edit brings
	// back Ally's words.
	Edited    bool       `json:"edited"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
}

// UserTemplatePrefix starts the id of every template the user adds, so
// that it can never take the id of a present or future built-in.
const UserTemplatePrefix = "my-"

// Length limits for templates.
const (
	maxTemplateID   = 60
	maxTemplateBody = 20000
)

var templateIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

const templateColumns = `slug, name, kind, channel, subject, body, updated_at`

func scanTemplate(row interface{ Scan(...any) error }) (Template, error) {
	var t Template
	var updated nullTime
	if err := row.Scan(&t.ID, &t.Name, &t.Kind, &t.Channel, &t.Subject, &t.Body, &updated); err != nil {
		return t, err
	}
	t.UpdatedAt = updated.ptr()
	return t, nil
}

func builtIn(id string) (etiquette.Template, bool) {
	for _, b := range etiquette.BuiltIns() {
		if b.ID == id {
			return b, true
		}
	}
	return etiquette.Template{}, false
}

// Templates lists every template the owner can use: Ally's built-ins in
// their usual order, each replaced by the owner's edit when there is one,
// then the owner's own templates by kind (in lifecycle order) and name.
func (sc *Scope) Templates(ctx context.Context) ([]Template, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT `+templateColumns+` FROM templates WHERE owner_id = $1`, sc.owner)
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	defer rows.Close()
	stored := map[string]Template{}
	var own []Template
	for rows.Next() {
		t, err := scanTemplate(rows)
		if err != nil {
			return nil, fmt.Errorf("list templates: %w", err)
		}
		if _, ok := builtIn(t.ID); ok {
			stored[t.ID] = t
		} else {
			own = append(own, t)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	var out []Template
	for _, b := range etiquette.BuiltIns() {
		out = append(out, mergeBuiltIn(b, stored))
	}
	kindOrder := func(k etiquette.Kind) int { return slices.Index(etiquette.Kinds(), k) }
	slices.SortFunc(own, func(x, y Template) int {
		if d := kindOrder(x.Kind) - kindOrder(y.Kind); d != 0 {
			return d
		}
		return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name))
	})
	return append(out, own...), nil
}

// mergeBuiltIn returns the built-in b with the owner's edit, if any. An
// edit changes the name, subject and body; the kind and channel are the
// built-in's, so that Pick still finds it for its stage.
func mergeBuiltIn(b etiquette.Template, stored map[string]Template) Template {
	t := Template{Template: b}
	if e, ok := stored[b.ID]; ok {
		t.Name, t.Subject, t.Body = e.Name, e.Subject, e.Body
		t.Edited, t.UpdatedAt = true, e.UpdatedAt
	}
	return t
}

// Template returns one template by id: a built-in (with the owner's edit)
// or one of the owner's own.
func (sc *Scope) Template(ctx context.Context, id string) (Template, error) {
	id = strings.TrimSpace(id)
	t, err := scanTemplate(sc.r.QueryRowContext(ctx, `SELECT `+templateColumns+` FROM templates WHERE owner_id = $1 AND slug = $2`, sc.owner, id))
	if err != nil && !isNoRows(err) {
		return Template{}, fmt.Errorf("read template %q: %w", id, err)
	}
	found := err == nil
	if b, ok := builtIn(id); ok {
		stored := map[string]Template{}
		if found {
			stored[id] = t
		}
		return mergeBuiltIn(b, stored), nil
	}
	if !found {
		return Template{}, &NotFoundError{Kind: "template", Key: id}
	}
	return t, nil
}

// checkTemplate cleans and validates a template the owner wrote: known kind
// and channel, a name, a body, a subject only for email, and text that
// fills (Template.Validate).
func checkTemplate(t *etiquette.Template) error {
	t.Name = strings.Join(strings.Fields(t.Name), " ")
	t.Subject = strings.TrimSpace(t.Subject)
	t.Body = strings.TrimSpace(strings.ReplaceAll(t.Body, "\r\n", "\n"))
	var errs model.Errors
	add := func(field, format string, args ...any) {
		errs = append(errs, &model.FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	switch {
	case t.Name == "":
		add("name", "is required")
	case len(t.Name) > model.MaxName:
		add("name", "is longer than %d characters", model.MaxName)
	}
	if !slices.Contains(etiquette.Kinds(), t.Kind) {
		add("kind", "%q is not a kind of message (want one of %s)", t.Kind, joinKinds())
	}
	if !slices.Contains(etiquette.Channels(), t.Channel) {
		add("channel", "%q is not a channel (want email, letter, phone or social)", t.Channel)
	}
	if t.Subject != "" && t.Channel != etiquette.Email {
		add("subject", "only an email has a subject; put the first words in the body instead")
	}
	if len(t.Subject) > model.MaxShort {
		add("subject", "is longer than %d characters", model.MaxShort)
	}
	switch {
	case t.Body == "":
		add("body", "is required")
	case len(t.Body) > maxTemplateBody:
		add("body", "is longer than %d characters", maxTemplateBody)
	}
	for _, fe := range []*model.FieldError{model.ControlIn("name", t.Name, false), model.ControlIn("subject", t.Subject, false),
		model.ControlIn("body", t.Body, true)} {
		if fe != nil {
			errs = append(errs, fe)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	if err := t.Validate(); err != nil {
		field := "body"
		if strings.Contains(err.Error(), ".subject") {
			field = "subject"
		}
		return model.Invalid(field, "%v (see `ally template --help` for the placeholders)", err)
	}
	return nil
}

func joinKinds() string {
	names := make([]string, 0, len(etiquette.Kinds()))
	for _, k := range etiquette.Kinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

// CreateTemplate stores a new template of the owner's own. An empty id is
// made from the name ("my-" and its words, numbered if taken); a given id
// must start with "my-" and be free. The stored template is returned.
func (sc *Scope) CreateTemplate(ctx context.Context, t etiquette.Template, now time.Time) (Template, error) {
	t.ID = strings.TrimSpace(t.ID)
	t.BuiltIn = false
	if err := checkTemplate(&t); err != nil {
		return Template{}, err
	}
	if t.ID != "" {
		if !strings.HasPrefix(t.ID, UserTemplatePrefix) || !templateIDPattern.MatchString(t.ID) || len(t.ID) > maxTemplateID {
			return Template{}, model.Invalid("id", "%q: a template id of your own starts with %q and has only lowercase letters, digits and single dashes, up to %d characters", t.ID, UserTemplatePrefix, maxTemplateID)
		}
	}
	var out Template
	err := sc.InTx(ctx, func(tx *Scope) error {
		id := t.ID
		if id == "" {
			var err error
			if id, err = tx.freeTemplateID(ctx, t.Name); err != nil {
				return err
			}
		} else if taken, err := tx.templateExists(ctx, id); err != nil {
			return err
		} else if taken {
			return fmt.Errorf("%w: a template with id %q already exists; edit it instead", ErrConflict, id)
		}
		_, err := tx.w.ExecContext(ctx, `INSERT INTO templates (owner_id, slug, name, kind, channel, subject, body, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`, tx.owner, id, t.Name, string(t.Kind), string(t.Channel), t.Subject, t.Body, ts(now))
		if err != nil {
			return fmt.Errorf("insert template: %w", err)
		}
		t.ID = id
		u := stored(now)
		out = Template{Template: t, UpdatedAt: &u}
		return nil
	})
	return out, err
}

// UpdateTemplate saves the owner's changes to a template: for a built-in,
// an edit kept beside Ally's words (its kind and channel cannot change;
// zero values keep them); for one of the owner's own, the new name, kind,
// channel, subject and body.
func (sc *Scope) UpdateTemplate(ctx context.Context, t etiquette.Template, now time.Time) (Template, error) {
	t.ID = strings.TrimSpace(t.ID)
	b, isBuiltIn := builtIn(t.ID)
	if isBuiltIn {
		if t.Kind != "" && t.Kind != b.Kind || t.Channel != "" && t.Channel != b.Channel {
			return Template{}, model.Invalid("kind", "%s is Ally's %s template for %s; its kind and channel stay (add a template of your own for another)", b.ID, b.Kind, b.Channel)
		}
		t.Kind, t.Channel, t.BuiltIn = b.Kind, b.Channel, true
		if strings.TrimSpace(t.Name) == "" {
			t.Name = b.Name
		}
	} else {
		t.BuiltIn = false
	}
	if err := checkTemplate(&t); err != nil {
		return Template{}, err
	}
	var out Template
	err := sc.InTx(ctx, func(tx *Scope) error {
		exists, err := tx.templateExists(ctx, t.ID)
		if err != nil {
			return err
		}
		switch {
		case exists:
			_, err = tx.w.ExecContext(ctx, `UPDATE templates SET name = $3, kind = $4, channel = $5, subject = $6, body = $7, updated_at = $8
				WHERE owner_id = $1 AND slug = $2`, tx.owner, t.ID, t.Name, string(t.Kind), string(t.Channel), t.Subject, t.Body, ts(now))
		case isBuiltIn:
			_, err = tx.w.ExecContext(ctx, `INSERT INTO templates (owner_id, slug, name, kind, channel, subject, body, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`, tx.owner, t.ID, t.Name, string(t.Kind), string(t.Channel), t.Subject, t.Body, ts(now))
		default:
			return &NotFoundError{Kind: "template", Key: t.ID}
		}
		if err != nil {
			return fmt.Errorf("save template %s: %w", t.ID, err)
		}
		u := stored(now)
		out = Template{Template: t, Edited: isBuiltIn, UpdatedAt: &u}
		return nil
	})
	return out, err
}

// DeleteTemplate removes one of the owner's own templates, or the owner's
// edit of a built-in, which brings Ally's words back (reverted is then
// true). A built-in that was never edited cannot be deleted.
func (sc *Scope) DeleteTemplate(ctx context.Context, id string) (reverted bool, err error) {
	id = strings.TrimSpace(id)
	_, isBuiltIn := builtIn(id)
	err = sc.InTx(ctx, func(tx *Scope) error {
		res, err := tx.w.ExecContext(ctx, `DELETE FROM templates WHERE owner_id = $1 AND slug = $2`, tx.owner, id)
		if err != nil {
			return fmt.Errorf("delete template %s: %w", id, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		switch {
		case n > 0:
			return nil
		case isBuiltIn:
			return model.Invalid("id", "%s is one of Ally's templates and has no edit to undo; it cannot be removed", id)
		}
		return &NotFoundError{Kind: "template", Key: id}
	})
	return err == nil && isBuiltIn, err
}

func (sc *Scope) templateExists(ctx context.Context, id string) (bool, error) {
	var one int
	err := sc.r.QueryRowContext(ctx, `SELECT 1 FROM templates WHERE owner_id = $1 AND slug = $2`, sc.owner, id).Scan(&one)
	if isNoRows(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("find template %s: %w", id, err)
	}
	return true, nil
}

// freeTemplateID makes an id from a template's name: "my-" and its words
// in lowercase, numbered when taken.
func (sc *Scope) freeTemplateID(ctx context.Context, name string) (string, error) {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= maxTemplateID-len(UserTemplatePrefix)-4 {
			break
		}
	}
	base := UserTemplatePrefix + strings.TrimSuffix(b.String(), "-")
	if base == UserTemplatePrefix {
		base += "template"
	}
	for n := 1; n < 1000; n++ {
		id := base
		if n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		taken, err := sc.templateExists(ctx, id)
		if err != nil {
			return "", err
		}
		if !taken {
			return id, nil
		}
	}
	return "", fmt.Errorf("%w: too many templates named like %q", ErrConflict, name)
}
