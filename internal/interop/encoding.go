package interop

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Text that is not UTF-8.
//
// A row (a CSV line, a LinkedIn or roster row) or a vCard card holding a
// byte that is not UTF-8 is left out alone, with its line and where the
// byte is: "line 14: not valid UTF-8 (byte 0xE9 at column 7); ...". The
// other rows are read. A file that is wholly in another encoding is said
// once instead, as a *FormatError of kind ErrEncoding, rather than listing
// thousands of lines. The rule (encodingTally.fileError), decided once the
// whole file is read, calls a file "in another encoding" when
//
//   - most of its rows (more than half of the data rows or cards) are not
//     UTF-8, or
//   - at least legacyRows of them are not UTF-8 and no text in the file is
//     UTF-8 beyond plain ASCII: a Latin-1, Windows-1252 or Mac Roman export
//     breaks every accented name and has no valid one, whereas a UTF-8
//     file with a few damaged rows nearly always has accented names
//     elsewhere.
//
// UTF-16 with a byte-order mark (as Windows tools write it) is not an
// error at all: openText converts it to UTF-8. UTF-16 without one is
// refused by its NUL bytes before any row is read (see sniff).

// legacyRows is how many rows that are not UTF-8, in a file with no
// UTF-8 text beyond ASCII, make the file one in a legacy encoding.
const legacyRows = 10

// maxPendingBad bounds the bad bytes a utf8Scan holds before rows claim
// them; past it a row's byte is still found, without its column.
const maxPendingBad = 4096

// badUTF8 is where a byte that is not UTF-8 lies.
type badUTF8 struct {
	off  int64 // offset in the text read, for the row that claims it
	line int   // 1-based line of the byte
	col  int   // 1-based column, in characters; 0 when unknown
	b    byte
	in   string // where the byte is when there is no column ("the quoted-printable text")
}

// where says where the byte is, for a row or card starting on rowLine.
func (b badUTF8) where(rowLine int) string {
	switch {
	case b.col == 0 && b.in != "":
		return fmt.Sprintf("byte 0x%02X in %s on line %d", b.b, b.in, b.line)
	case b.col == 0:
		return fmt.Sprintf("byte 0x%02X", b.b)
	case b.line != rowLine:
		return fmt.Sprintf("byte 0x%02X at line %d, column %d", b.b, b.line, b.col)
	}
	return fmt.Sprintf("byte 0x%02X at column %d", b.b, b.col)
}

// rowNotUTF8 is the reason a row or card is left out, after "line N: ".
// skipped adds "skipped", as the contacts readers say of the rows they
// leave out.
func rowNotUTF8(rowLine int, b badUTF8, skipped bool) string {
	if skipped {
		return fmt.Sprintf("not valid UTF-8 (%s); skipped: save the file as UTF-8", b.where(rowLine))
	}
	return fmt.Sprintf("not valid UTF-8 (%s); save the file as UTF-8", b.where(rowLine))
}

// firstBad returns the first byte of b that is not UTF-8 and its offset,
// or -1.
func firstBad(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// hasMultibyte reports whether b holds a byte beyond ASCII.
func hasMultibyte(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// encodingTally counts the rows of a file and those that are not UTF-8,
// to tell a file with a few damaged rows from one in another encoding.
type encodingTally struct {
	rows, bad int
	first     badUTF8 // the first bad row's byte
	firstLine int     // and the row's line
	sawUTF8   bool    // some text was UTF-8 beyond ASCII
}

// row counts a row; bad is nil when it is UTF-8.
func (t *encodingTally) row(line int, bad *badUTF8) {
	t.rows++
	if bad == nil {
		return
	}
	if t.bad == 0 {
		t.first, t.firstLine = *bad, line
	}
	t.bad++
}

// fileError is the error for a whole file in another encoding (see the
// rule above), or nil; what names its rows ("rows", "cards").
func (t *encodingTally) fileError(what string) error {
	most := t.bad*2 > t.rows
	legacy := t.bad >= legacyRows && !t.sawUTF8
	if t.bad == 0 || (!most && !legacy) {
		return nil
	}
	where := fmt.Sprintf("not valid UTF-8 (%s)", t.first.where(t.firstLine))
	if t.bad == 1 {
		return formatErr(t.firstLine, ErrEncoding, "%s; save the file as UTF-8 and import it again", where)
	}
	also := ""
	if !most {
		also = ", and none is UTF-8 beyond plain ASCII"
	}
	verb := "are"
	if t.bad == 2 {
		verb = "is"
	}
	return formatErr(t.firstLine, ErrEncoding,
		"%s, nor %s %d more of the %d %s%s: the file was saved in another encoding (Latin-1 or Windows-1252?); save it as UTF-8 and import it again",
		where, verb, t.bad-1, t.rows, what, also)
}

// utf8Scan follows a stream of text, as a CSV reader consumes it, and
// notes the first byte that is not UTF-8 on each line with its offset,
// line and column, for the rows to claim. Valid chunks take the fast path
// of utf8.Valid.
type utf8Scan struct {
	off     int64  // offset of the next byte
	line    int    // line of the next byte, from 1
	col     int    // characters before the next byte on its line
	pend    []byte // the start of a character cut by the end of the last chunk, at off
	sawUTF8 bool   // a character beyond ASCII was seen
	bad     []badUTF8
	lost    int // bad bytes not noted, past maxPendingBad
}

func newUTF8Scan() *utf8Scan { return &utf8Scan{line: 1} }

// write scans the next chunk of the stream.
func (s *utf8Scan) write(b []byte) {
	for len(b) > 0 {
		if len(s.pend) == 0 {
			cut := cutTail(b)
			s.block(b[:len(b)-cut])
			s.pend = append(s.pend, b[len(b)-cut:]...)
			return
		}
		// Complete the character cut at the end of the last chunk.
		k := 0
		for !utf8.FullRune(s.pend) && k < len(b) {
			s.pend = append(s.pend, b[k])
			k++
		}
		if !utf8.FullRune(s.pend) {
			return
		}
		size := s.char(s.pend)
		rest := len(s.pend) - size
		fromB := min(k, rest)
		b = b[k-fromB:]
		s.pend = append(s.pend[:0], s.pend[size:len(s.pend)-fromB]...)
	}
}

// end notes a character cut by the end of the stream.
func (s *utf8Scan) end() {
	for len(s.pend) > 0 {
		size := s.char(s.pend)
		s.pend = s.pend[size:]
	}
}

// cutTail is how many bytes at the end of b start a character that b
// does not hold whole.
func cutTail(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if b[i] >= 0xC0 && !utf8.FullRune(b[i:]) {
				return len(b) - i
			}
			return 0
		}
	}
	return 0
}

// block scans b, which ends on a whole character (or an invalid byte).
func (s *utf8Scan) block(b []byte) {
	if utf8.Valid(b) {
		if !s.sawUTF8 && hasMultibyte(b) {
			s.sawUTF8 = true
		}
		if nl := bytes.LastIndexByte(b, '\n'); nl >= 0 {
			s.line += bytes.Count(b, []byte{'\n'})
			s.col = utf8.RuneCount(b[nl+1:])
		} else {
			s.col += utf8.RuneCount(b)
		}
		s.off += int64(len(b))
		return
	}
	for len(b) > 0 {
		b = b[s.char(b):]
	}
}

// char scans the character at the start of b and returns its size.
func (s *utf8Scan) char(b []byte) int {
	c := b[0]
	if c < utf8.RuneSelf {
		if c == '\n' {
			s.line++
			s.col = 0
		} else {
			s.col++
		}
		s.off++
		return 1
	}
	r, size := utf8.DecodeRune(b)
	if r == utf8.RuneError && size == 1 {
		s.note(c)
	} else {
		s.sawUTF8 = true
	}
	s.col++
	s.off += int64(size)
	return size
}

// note records the bad byte c at the scan's position, the first of its
// line only.
func (s *utf8Scan) note(c byte) {
	if n := len(s.bad); n > 0 && s.bad[n-1].line == s.line {
		return
	}
	if len(s.bad) >= maxPendingBad {
		s.lost++
		return
	}
	s.bad = append(s.bad, badUTF8{off: s.off, line: s.line, col: s.col + 1, b: c})
}

// claim returns the first bad byte noted in [start, end), if any, and
// forgets every one before end.
func (s *utf8Scan) claim(start, end int64) (badUTF8, bool) {
	var found badUTF8
	ok := false
	i := 0
	for ; i < len(s.bad) && s.bad[i].off < end; i++ {
		if !ok && s.bad[i].off >= start {
			found, ok = s.bad[i], true
		}
	}
	s.bad = s.bad[:copy(s.bad, s.bad[i:])]
	return found, ok
}
