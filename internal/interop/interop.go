// Package interop reads contacts from the files other tools export
// (LinkedIn's Connections.csv, vCard 2.1/3.0/4.0, Google Contacts CSV) and
// writes Ally's data back out in standard formats (vCard 4.0, CSV, iCalendar).
//
// Everything here is a pure function over io.Reader or io.Writer with its own
// plain types: the rest of the application maps them to its models, decides
// what is new, changed or a duplicate, and applies an import in one
// transaction.
//
// Readers stream. They call a function for each contact as soon as it is
// read, so a 50,000-row file never sits in memory, and they bound every
// line, row and card they hold (see [ErrTooLarge]). A problem that concerns
// one row or card (among them text that is not UTF-8) is collected as a
// [Problem] and reading goes on; a problem that makes the whole file
// unusable (wrong kind of file, empty, no header, wholly in another
// encoding, a line too long) ends reading with one [*FormatError]. Problems
// that can be seen in the first bytes or the header are reported before
// anything is emitted; the others (say, a line too long on line 40,000, or
// a file found at its end to be in another encoding: see encoding.go) can
// only be found once earlier contacts have gone out, which is why a caller
// must treat a non-nil error as "discard everything": the application does
// so by applying an import inside one transaction.
package interop

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// A Contact is one person read from an external file.
type Contact struct {
	// Line is the 1-based line in the source where the person starts (the CSV
	// row or the vCard's BEGIN line), for messages to the user.
	Line int

	// Name is the display name. When the source has none it is built from
	// the parts, so it is never empty. FirstName and LastName are only what
	// the source gave as structured parts (a vCard 4.0 may give none).
	FirstName, LastName, Name string

	Organization, Role, Location, Notes string

	Emails, Phones, URLs []Labeled

	// Tags are the source's groups or categories (vCard CATEGORIES, Google
	// labels), without system groups such as Google's "myContacts".
	Tags []string

	// ProfileURL is the person's LinkedIn profile address as given in the
	// source (it may also be among URLs). Compare addresses with
	// NormalizeProfileURL.
	ProfileURL string

	// ConnectedOn is the day a LinkedIn connection was made; zero if unknown.
	ConnectedOn time.Time

	// Photo is a decoded JPEG, PNG, GIF or WebP picture and PhotoType its
	// media type ("image/jpeg"). Pictures that are only links, too large or
	// not one of those images are left out, with a Problem.
	Photo     []byte
	PhotoType string

	// UID is the vCard's UID, if any: a stable identity across re-imports.
	UID string
}

// Labeled is an e-mail address, phone number or web address with the label
// its source gave it: "work", "home", "mobile", or a user's own label such as
// Apple's "Other". The label may be empty.
type Labeled struct {
	Value, Label string
}

// A Problem is a row or card that was skipped, or something in one that was
// left out or guessed. Line is 1-based, or 0 for a note about the whole file.
type Problem struct {
	Line    int
	Message string
	Skipped bool // true when the whole row or card was left out
	// SameAs is the line of an earlier row this one repeats, when that is
	// why it was skipped; 0 otherwise. An import lists such rows as
	// duplicates rather than as problems.
	SameAs int
	// More and MoreSame are set on the last Problem (line 0) of a file with
	// more problems than a reader lists (1,000), which stands for those it
	// found but did not list: More counts the rows repeating an earlier
	// one apart, in MoreSame, so that an import can count its duplicates.
	More, MoreSame int
}

// String gives the problem as "line N: message", for a list shown to the
// user.
func (p Problem) String() string {
	if p.Line == 0 {
		return p.Message
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Message)
}

// The kinds of FormatError, for errors.Is. Each means nothing of the file
// should be kept.
var (
	ErrWrongKind = errors.New("wrong kind of file")
	ErrEmpty     = errors.New("empty file")
	ErrNoHeader  = errors.New("no known header")
	ErrEncoding  = errors.New("not UTF-8 text")
	ErrTooLarge  = errors.New("line or record too large")
)

// A FormatError says why a whole file cannot be imported, in words meant for
// the person who chose the file.
type FormatError struct {
	Line   int   // 1-based line where it was found, 0 for the file as a whole
	Kind   error // ErrWrongKind, ErrEmpty, ErrNoHeader, ErrEncoding or ErrTooLarge
	Detail string
}

// Error gives the message, after "line N: " when the line is known.
func (e *FormatError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Detail)
	}
	return e.Detail
}

// Unwrap returns the kind, so that errors.Is(err, ErrWrongKind) works.
func (e *FormatError) Unwrap() error { return e.Kind }

func formatErr(line int, kind error, format string, args ...any) error {
	return &FormatError{Line: line, Kind: kind, Detail: fmt.Sprintf(format, args...)}
}

// Limits on what a reader holds at once. A hostile or damaged file (a
// 100 MB line, an unterminated quote, a card that never ends) meets one of
// them instead of exhausting memory.
const (
	// maxRecord bounds one CSV row and the text of one vCard.
	maxRecord = 1 << 20
	// maxPicture bounds one encoded vCard picture; a larger one is dropped
	// with a Problem, and so bounds one physical vCard line.
	maxPicture = 4 << 20
	// maxProblems bounds the problem list: past it a file is so broken that
	// more lines of the same would not help the reader.
	maxProblems = 1000
	// maxNotes is how many characters of notes a reader gathers for one
	// contact: as many as a person's notes hold (model.MaxNotes), and the
	// importer cuts to that, saying so. Past it, more NOTE lines are not
	// even joined.
	maxNotes = 100_000
)

// problems collects Problems up to maxProblems and counts the rest.
type problems struct {
	list                 []Problem
	dropped, droppedSame int
}

func (p *problems) add(line int, skipped bool, format string, args ...any) {
	if len(p.list) >= maxProblems {
		p.dropped++
		return
	}
	p.list = append(p.list, Problem{Line: line, Message: fmt.Sprintf(format, args...), Skipped: skipped})
}

// addSame records a row skipped because it repeats the row on line before.
func (p *problems) addSame(line, before int, format string, args ...any) {
	if len(p.list) >= maxProblems {
		p.droppedSame++
		return
	}
	p.add(line, true, format, args...)
	p.list[len(p.list)-1].SameAs = before
}

func (p *problems) result() []Problem {
	if n := p.dropped + p.droppedSame; n > 0 {
		return append(p.list, Problem{Message: fmt.Sprintf("%d more problems not listed", n), More: p.dropped, MoreSame: p.droppedSame})
	}
	return p.list
}

// Fingerprint is a 64-bit FNV-1a hash of s. Readers and the importer
// remember the keys of the rows they have seen (profile addresses,
// e-mails) by fingerprint rather than by text, which keeps a set of
// 850,000 keys in tens of megabytes instead of hundreds. Two different keys
// share a fingerprint with a chance of about one in 50 million for a file
// of a million rows; the hash is fixed, so that a preview and the import
// that follows it always agree.
func Fingerprint(s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var b strings.Builder
	for _, s := range parts {
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
	return b.String()
}

// quoteShort quotes s for a message, cut to a readable length.
func quoteShort(s string) string {
	const max = 60
	if len(s) > max {
		cut := max
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// linkedInProfile reports whether u is a LinkedIn profile address.
func linkedInProfile(u string) bool {
	n := NormalizeProfileURL(u)
	return strings.HasPrefix(n, "linkedin.com/in/") || strings.HasPrefix(n, "linkedin.com/pub/")
}

// isSystemGroup reports whether a Google label or category is one Google adds
// to every contact, which would make a useless tag.
func isSystemGroup(label string) bool {
	l := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(label), "* ")))
	return l == "mycontacts" || l == "my contacts"
}
