package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrNotFound is wrapped by every "no such record" error.
var ErrNotFound = errors.New("not found")

// NotFoundError says which record was not found.
type NotFoundError struct {
	Kind string // person, field, organization, conversation, activity, action
	Key  string // the id or name asked for
}

func (e *NotFoundError) Error() string {
	if _, err := strconv.ParseInt(e.Key, 10, 64); err == nil {
		return fmt.Sprintf("no %s with id %s", e.Kind, e.Key)
	}
	return fmt.Sprintf("no %s named %q", e.Kind, e.Key)
}

// Is makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

func notFound(kind string, id int64) error {
	return &NotFoundError{Kind: kind, Key: strconv.FormatInt(id, 10)}
}

// AmbiguousError says a name matched several records.
type AmbiguousError struct {
	Kind       string
	Key        string
	Candidates []string // "Name (id 4)"
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q matches %d %s: %s; use the id", e.Key, len(e.Candidates), plural(e.Kind), strings.Join(e.Candidates, ", "))
}

func plural(kind string) string {
	if kind == "person" {
		return "people"
	}
	return kind + "s"
}

// ErrConflict is wrapped when a write breaks a uniqueness rule.
var ErrConflict = errors.New("conflict")

// isUniqueViolation recognises both databases' unique-constraint errors
// without importing their driver packages' error types.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

// nullTime scans a nullable timestamp from either database. SQLite hands
// back text for computed columns, so text is parsed too.
type nullTime struct {
	Time  time.Time
	Valid bool
}

// timeLayout is how times are written: fixed width, UTC, microseconds —
// PostgreSQL's precision — so that text comparison is time comparison.
const timeLayout = "2006-01-02T15:04:05.000000Z"

var otherTimeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05"}

func (n *nullTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		n.Time, n.Valid = time.Time{}, false
		return nil
	case time.Time:
		n.Time, n.Valid = x.UTC(), true
		return nil
	case string:
		return n.parse(x)
	case []byte:
		return n.parse(string(x))
	}
	return fmt.Errorf("cannot scan %T into a time", v)
}

func (n *nullTime) parse(s string) error {
	if t, ok := parseFixed(s); ok {
		n.Time, n.Valid = t, true
		return nil
	}
	for _, l := range otherTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			n.Time, n.Valid = t.UTC(), true
			return nil
		}
	}
	return fmt.Errorf("cannot read %q as a time", s)
}

// parseFixed reads timeLayout without time.Parse's generality: the agenda
// reads thousands of times per call.
func parseFixed(s string) (time.Time, bool) {
	if len(s) != len(timeLayout) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[26] != 'Z' {
		return time.Time{}, false
	}
	num := func(from, to int) (int, bool) {
		v := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	var parts [7]int
	bounds := [7][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}, {20, 26}}
	for i, b := range bounds {
		v, ok := num(b[0], b[1])
		if !ok {
			return time.Time{}, false
		}
		parts[i] = v
	}
	t := time.Date(parts[0], time.Month(parts[1]), parts[2], parts[3], parts[4], parts[5], parts[6]*1000, time.UTC)
	if t.Day() != parts[2] || t.Month() != time.Month(parts[1]) {
		return time.Time{}, false
	}
	return t, true
}

func (n nullTime) ptr() *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time
	return &t
}

// ts is how every time is written: timeLayout text, which SQLite stores
// as is and PostgreSQL reads into a timestamptz; nil for the zero time.
func ts(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

// stored is t as it reads back from the database: UTC, to the microsecond.
func stored(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func tsPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return ts(*t)
}

func nullInt(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// placeholders returns "$start, $start+1, ..." for n values.
func placeholders(start, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(start + i))
	}
	return b.String()
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func noRows(err error, kind string, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(kind, id)
	}
	return err
}
