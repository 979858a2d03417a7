package interop

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
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
	// enc counts the data rows and those that are not UTF-8; a reader
	// starts it over once past its header (see startData).
	enc encodingTally
}

// newCSVFile starts reading CSV from br, as openText returned it.
func newCSVFile(br *bufio.Reader) *csvFile {
	lim := &rowLimiter{r: br, scan: newUTF8Scan()}
	cr := csv.NewReader(lim)
	cr.FieldsPerRecord = -1 // preambles, blank rows and ragged rows are dealt with here
	cr.ReuseRecord = true
	return &csvFile{cr: cr, lim: lim}
}

// A notUTF8Error is a row holding a byte that is not UTF-8. Reading goes
// on after it.
type notUTF8Error struct {
	line int
	at   badUTF8
}

func (e *notUTF8Error) Error() string {
	return fmt.Sprintf("line %d: %s", e.line, rowNotUTF8(e.line, e.at, false))
}

// next returns the next row, valid until the following call, or io.EOF. A
// row that is not well-formed CSV comes back as a *csv.ParseError, and one
// that is not UTF-8 as a *notUTF8Error, after which reading can go on.
// Other errors are final.
func (f *csvFile) next() ([]string, error) {
	rec, err := f.cr.Read()
	start, end := f.lim.mark, f.cr.InputOffset()
	f.lim.mark = end
	bad, found := f.lim.scan.claim(start, end)
	if err != nil {
		if errors.Is(err, errRowTooLong) {
			return nil, formatErr(f.lim.scan.line, ErrTooLarge,
				"a row longer than %d MiB (or a quote that is never closed); this is not a contacts export, or it is damaged", maxRecord>>20)
		}
		return nil, err
	}
	f.line, _ = f.cr.FieldPos(0)
	if !found {
		// The scan notes at most maxPendingBad bytes at once; the fields
		// tell the rest, without a column.
		for i, field := range rec {
			if !utf8.ValidString(field) {
				line, _ := f.cr.FieldPos(i)
				bad, found = badUTF8{line: line, b: field[firstBad([]byte(field))]}, true
				break
			}
		}
	}
	if found {
		f.enc.row(f.line, &bad)
		return nil, &notUTF8Error{line: f.line, at: bad}
	}
	if !blankRow(rec) {
		f.enc.row(f.line, nil)
	}
	return rec, nil
}

// headerError is the error for a header row that is not UTF-8: without
// its header, no row of the file can be read.
func (e *notUTF8Error) headerError() error {
	return formatErr(e.line, ErrEncoding, "the header is %s", rowNotUTF8(e.line, e.at, false))
}

// skipBad notes, as a skipped row, a row next could not give: one that is
// not well-formed CSV or not UTF-8. It reports whether err was one.
func skipBad(p *problems, err error) bool {
	if err == nil {
		return false // without the two allocations of errors.As, on every row
	}
	var perr *csv.ParseError
	var uerr *notUTF8Error
	switch {
	case errors.As(err, &perr):
		p.add(perr.StartLine, true, "not a well-formed CSV row (%v); skipped", perr.Err)
	case errors.As(err, &uerr):
		p.add(uerr.line, true, "%s", rowNotUTF8(uerr.line, uerr.at, true))
	default:
		return false
	}
	return true
}

// startData starts counting rows over, for the rows after a header.
func (f *csvFile) startData() { f.enc.rows, f.enc.bad = 0, 0 }

// end checks, once every row is read, that the file as a whole is not in
// another encoding.
func (f *csvFile) end() error {
	f.enc.sawUTF8 = f.lim.scan.sawUTF8
	return f.enc.fileError("rows")
}

var errRowTooLong = errors.New("row too long")

// rowLimiter stops a csv.Reader from holding more than maxRecord bytes of
// one row: encoding/csv would otherwise keep appending to a 100 MB line or
// an unterminated quoted field until memory runs out. mark is the input
// offset where the current row started; the reader may be ahead of it by
// its buffer, which the check allows for.
// It also passes what it delivers through scan, which notes the bytes
// that are not UTF-8 and counts the lines.
type rowLimiter struct {
	r          io.Reader
	read, mark int64
	scan       *utf8Scan
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.read-l.mark > maxRecord {
		return 0, errRowTooLong
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	l.scan.write(p[:n])
	if err != nil {
		l.scan.end()
	}
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
