package model

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FieldError says what is wrong with one input field. The web shows it next
// to the field, the API returns it as {"error", "field"}, the CLI prints it.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// Invalid builds a *FieldError.
func Invalid(field, format string, args ...any) error {
	return &FieldError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// Errors is every problem found in one record, in field order.
type Errors []*FieldError

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// For returns the message for one field, or "".
func (es Errors) For(field string) string {
	for _, e := range es {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// Unwrap lets errors.As find the first *FieldError.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// AsErrors returns every field error inside err (nil if there is none).
func AsErrors(err error) Errors {
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return Errors{fe}
	}
	return nil
}

type checker struct{ errs Errors }

func (c *checker) add(field, format string, args ...any) {
	c.errs = append(c.errs, &FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return c.errs
}

func (c *checker) required(field, v string, max int) {
	if strings.TrimSpace(v) == "" {
		c.add(field, "is required")
		return
	}
	c.maxLen(field, v, max)
}

// maxLen checks one line of text: valid UTF-8, at most max characters,
// no control characters but tab.
func (c *checker) maxLen(field, v string, max int) {
	c.text(field, v, max, false)
}

// multiLine checks text that may hold several lines (notes): as maxLen,
// with line ends allowed.
func (c *checker) multiLine(field, v string, max int) {
	c.text(field, v, max, true)
}

func (c *checker) text(field, v string, max int, multiline bool) {
	if !utf8.ValidString(v) {
		c.add(field, "is not valid UTF-8 text")
		return
	}
	if fe := ControlIn(field, v, multiline); fe != nil {
		c.errs = append(c.errs, fe)
		return
	}
	if n := utf8.RuneCountInString(v); n > max {
		c.add(field, "is too long (%d characters, at most %d)", n, max)
	}
}

// control reports whether r is a control character that text fields may
// not hold: NUL (which PostgreSQL refuses in text, so that a SQLite
// database holding one could never move) and every other C0 or C1 control
// and DEL, but tab, and line ends in multi-line text.
func control(r rune, multiline bool) bool {
	switch {
	case r == '\t':
		return false
	case r == '\n' || r == '\r':
		return !multiline
	}
	return unicode.IsControl(r)
}

// ControlIn returns the error for a control character in v that a text
// field may not hold, or nil. Validation outside this package (captures,
// questions, templates) calls it too, so that every text Ally stores can
// move between SQLite and PostgreSQL.
func ControlIn(field, v string, multiline bool) *FieldError {
	r, ok := firstControl(v, multiline)
	if !ok {
		return nil
	}
	return &FieldError{Field: field, Message: fmt.Sprintf("has a control character (%U), which text cannot hold; remove it", r)}
}

func firstControl(s string, multiline bool) (rune, bool) {
	for _, r := range s {
		if control(r, multiline) {
			return r, true
		}
	}
	return 0, false
}

// StripControl returns s without the control characters a text field may
// not hold (see Validate), and whether it removed any; imports use it on
// what other tools wrote. In one-line text, a line end becomes a space.
func StripControl(s string, multiline bool) (string, bool) {
	if _, ok := firstControl(s, multiline); !ok {
		return s, false
	}
	removed := false
	out := strings.Map(func(r rune) rune {
		switch {
		case !control(r, multiline):
			return r
		case r == '\n' || r == '\r':
			return ' '
		}
		removed = true
		return -1
	}, s)
	return out, removed
}

func (c *checker) url(field, v string) {
	if v == "" {
		return
	}
	c.maxLen(field, v, MaxURL)
	if !ValidURL(v) {
		c.add(field, "%q is not a web address (it should start with http:// or https://)", v)
	}
}

// ValidURL reports whether s is an absolute http(s) URL with a host.
func ValidURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\n")
}

// ValidEmail reports whether s is a bare email address (no display name).
func ValidEmail(s string) bool {
	if len(s) > MaxEmail || strings.ContainsAny(s, " \t\r\n<>") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// Normalize trims the person's text fields, drops empty emails and tags,
// and removes duplicate tags. Validate expects a normalized person.
func (p *Person) Normalize() {
	p.Name = strings.TrimSpace(p.Name)
	p.Role = strings.TrimSpace(p.Role)
	p.Phone = strings.TrimSpace(p.Phone)
	p.URL = strings.TrimSpace(p.URL)
	p.Location = strings.TrimSpace(p.Location)
	p.Commonality = strings.TrimSpace(p.Commonality)
	p.Emails = cleanList(p.Emails, strings.ToLower)
	p.Tags = cleanList(p.Tags, strings.ToLower)
}

func cleanList(in []string, norm func(string) string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range in {
		s = norm(strings.TrimSpace(s))
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// Validate checks a person's own fields (not references to other records).
func (p *Person) Validate() error {
	var c checker
	c.required("name", p.Name, MaxName)
	c.maxLen("role", p.Role, MaxShort)
	c.maxLen("phone", p.Phone, 50)
	c.maxLen("location", p.Location, MaxShort)
	c.maxLen("commonality", p.Commonality, MaxShort)
	c.multiLine("notes", p.Notes, MaxNotes)
	c.url("url", p.URL)
	for _, e := range p.Emails {
		if !ValidEmail(e) {
			c.add("emails", "%q is not an email address", e)
			break
		}
	}
	if !p.Source.Valid() {
		c.add("source", "%q is not a source (one of %s)", p.Source, joinValues(Sources()))
	}
	if !p.NamePermission.Valid() {
		c.add("name_permission", "%q is not an answer (yes, no, or empty when not asked)", p.NamePermission)
	}
	if len(p.Tags) > MaxTags {
		c.add("tags", "too many tags (%d, at most %d)", len(p.Tags), MaxTags)
	}
	for _, t := range p.Tags {
		if r, ctl := firstControl(t, false); ctl && r != '\n' {
			c.add("tags", "tag %q has a control character (%U), which text cannot hold; remove it", t, r)
			break
		}
		if utf8.RuneCountInString(t) > 50 || strings.ContainsAny(t, ",\n") {
			c.add("tags", "tag %q is too long or contains a comma", t)
			break
		}
	}
	return c.err()
}

// Validate checks a field.
func (f *Field) Validate() error {
	f.Name = strings.TrimSpace(f.Name)
	var c checker
	c.required("name", f.Name, MaxName)
	c.multiLine("why", f.Why, MaxShort*4)
	c.multiLine("notes", f.Notes, MaxNotes)
	if f.Target < 1 || f.Target > 100 {
		c.add("target", "must be between 1 and 100 perspectives")
	}
	return c.err()
}

// Validate checks an organization.
func (o *Organization) Validate() error {
	o.Name = strings.TrimSpace(o.Name)
	o.Website = strings.TrimSpace(o.Website)
	var c checker
	c.required("name", o.Name, MaxName)
	c.url("website", o.Website)
	c.multiLine("notes", o.Notes, MaxNotes)
	return c.err()
}

// Validate checks a conversation's own fields.
func (cv *Conversation) Validate() error {
	cv.Place = strings.TrimSpace(cv.Place)
	cv.WhoPays = strings.TrimSpace(cv.WhoPays)
	var c checker
	if cv.Person.ID == 0 {
		c.add("person", "is required")
	}
	if !cv.Channel.Valid() {
		c.add("channel", "%q is not a channel (one of %s)", cv.Channel, joinValues(Channels()))
	}
	if cv.Minutes < MinMinutes || cv.Minutes > MaxMinutes {
		c.add("minutes", "must be between %d and %d (a first request asks for 15–30)", MinMinutes, MaxMinutes)
	}
	c.maxLen("place", cv.Place, MaxShort)
	c.maxLen("who_pays", cv.WhoPays, 100)
	c.multiLine("notes", cv.Notes, MaxNotes)
	c.maxLen("summary", cv.Summary, MaxShort*2)
	if cv.Usefulness < 0 || cv.Usefulness > 5 {
		c.add("usefulness", UsefulnessRange)
	}
	return c.err()
}

// UsefulnessRange is the problem with a usefulness rating outside 1–5.
const UsefulnessRange = "must be between 1 and 5"

// CheckUsefulness refuses a usefulness rating the user gave that is not 1
// to 5. A stored 0 means "not rated", but a 0 typed or sent is a mistake:
// leaving the rating out is how one says "not rated".
func CheckUsefulness(n int) error {
	if n < 1 || n > 5 {
		return Invalid("usefulness", "%s (%d given); leave it out when not rated", UsefulnessRange, n)
	}
	return nil
}

// Validate checks an activity's own fields.
func (a *Activity) Validate() error {
	var c checker
	if a.Person.ID == 0 {
		c.add("person", "is required")
	}
	if !a.Kind.Valid() {
		c.add("kind", "%q is not an activity kind (one of %s)", a.Kind, joinValues(ActivityKinds()))
	}
	if a.At.IsZero() {
		c.add("at", "is required")
	}
	c.multiLine("note", a.Note, MaxNotes)
	return c.err()
}

func joinValues[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}
