package interop

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// csvFile reads CSV rows with bounded memory, the line of each row and a
// UTF-8 check, on top of encoding/csv.
type csvFile struct {
	cr   *csv.Reader
	lim  *rowLimiter
	line int // line of the row last returned
}

// newCSVFile starts reading CSV from br, as openText returned it. It first
// checks that the start of the file (as much as br holds) is UTF-8: a file
// in another encoding then fails before any row has gone out, as it usually
// shows on the first accented name.
func newCSVFile(br *bufio.Reader) (*csvFile, error) {
	head, _ := br.Peek(br.Size())
	if bad := invalidUTF8At(head, len(head) == br.Size()); bad >= 0 {
		return nil, formatErr(bytes.Count(head[:bad], []byte{'\n'})+1, ErrEncoding, notUTF8CSV)
	}
	lim := &rowLimiter{r: br}
	cr := csv.NewReader(lim)
	cr.FieldsPerRecord = -1 // preambles, blank rows and ragged rows are dealt with here
	cr.ReuseRecord = true
	return &csvFile{cr: cr, lim: lim}, nil
}

const notUTF8CSV = "the text is not UTF-8 (was the file saved in another encoding? save or export it again as UTF-8 CSV)"

// invalidUTF8At returns the offset of the first byte of b that is not UTF-8,
// or -1. When more follows b, a sequence cut at its end is not an error.
func invalidUTF8At(b []byte, more bool) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if more && !utf8.FullRune(b[i:]) {
				return -1
			}
			return i
		}
		i += size
	}
	return -1
}

// next returns the next row, valid until the following call, or io.EOF. A
// row that is not well-formed CSV comes back as a *csv.ParseError, after
// which reading can go on. Other errors are final.
func (f *csvFile) next() ([]string, error) {
	rec, err := f.cr.Read()
	f.lim.mark = f.cr.InputOffset()
	if err != nil {
		if errors.Is(err, errRowTooLong) {
			return nil, formatErr(f.lim.lines+1, ErrTooLarge,
				"a row longer than %d MiB (or a quote that is never closed); this is not a contacts export, or it is damaged", maxRecord>>20)
		}
		return nil, err
	}
	f.line, _ = f.cr.FieldPos(0)
	for i, field := range rec {
		if !utf8.ValidString(field) {
			line, _ := f.cr.FieldPos(i)
			return nil, formatErr(line, ErrEncoding, notUTF8CSV)
		}
	}
	return rec, nil
}

var errRowTooLong = errors.New("row too long")

// rowLimiter stops a csv.Reader from holding more than maxRecord bytes of
// one row: encoding/csv would otherwise keep appending to a 100 MB line or
// an unterminated quoted field until memory runs out. mark is the input
// offset where the current row started; the reader may be ahead of it by
// its buffer, which the check allows for.
type rowLimiter struct {
	r          io.Reader
	read, mark int64
	lines      int // newlines delivered, to place an error
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.read-l.mark > maxRecord {
		return 0, errRowTooLong
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	l.lines += bytes.Count(p[:n], []byte{'\n'})
	return n, err
}

// headerKey reduces a column name to lower-case letters and digits, so that
// "E-mail 1 - Value", "Email Address " and "email address" compare as their
// words.
func headerKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			b.WriteRune(r)
		case 'A' <= r && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		}
	}
	return b.String()
}

// columns maps header keys to their column index.
type columns map[string]int

func newColumns(header []string) columns {
	c := make(columns, len(header))
	for i, h := range header {
		k := headerKey(h)
		if _, dup := c[k]; !dup && k != "" {
			c[k] = i
		}
	}
	return c
}

// index returns the column of the first key present, or -1.
func (c columns) index(keys ...string) int {
	for _, k := range keys {
		if i, ok := c[k]; ok {
			return i
		}
	}
	return -1
}

func (c columns) has(keys ...string) bool {
	for _, k := range keys {
		if _, ok := c[k]; !ok {
			return false
		}
	}
	return true
}

// Kinds of CSV header.
const (
	headerUnknown = iota
	headerLinkedIn
	headerGoogle // current or legacy Google Contacts
)

func classifyHeader(c columns) int {
	switch {
	case c.has("firstname", "lastname", "connectedon"):
		return headerLinkedIn
	case c.has("firstname", "lastname") && (c.has("email1value") || c.has("organizationname") || c.has("labels")):
		return headerGoogle
	case c.has("givenname", "familyname"), c.has("name", "groupmembership"):
		return headerGoogle
	}
	return headerUnknown
}

// semicolonHeader reports whether a one-column row is really a header whose
// columns a spreadsheet joined with semicolons, to say so in the error.
func semicolonHeader(rec []string) bool {
	return len(rec) == 1 && strings.Contains(strings.ToLower(rec[0]), "first name;")
}

// field returns the trimmed value in column i of rec, or "" when the row is
// too short or the column is absent (i < 0).
func field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

func blankRow(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// checkEmail drops an address without an "@", with a Problem: a LinkedIn or
// Google row sometimes has a phone number or a note in that column.
func checkEmail(p *problems, line int, e string) []Labeled {
	if e == "" {
		return nil
	}
	if !strings.Contains(e, "@") {
		p.add(line, false, "%s is not an e-mail address; left out", quoteShort(e))
		return nil
	}
	return []Labeled{{Value: e}}
}
