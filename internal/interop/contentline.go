package interop

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"
)

// lineWriter writes vCard and iCalendar content lines, which share their
// rules (RFC 6350 §3.2, RFC 5545 §3.1): CRLF line ends, and lines folded so
// that none exceeds 75 octets, continued after a CRLF and one space. It
// never folds inside a UTF-8 sequence, which would leave invalid text on
// both lines for readers that decode before unfolding. The first write
// error sticks, so callers check once at the end.
type lineWriter struct {
	w   *bufio.Writer
	err error
}

func newLineWriter(w io.Writer) *lineWriter {
	return &lineWriter{w: bufio.NewWriter(w)}
}

const foldAt = 75

// line writes one content line, "NAME;PARAMS:value" already escaped.
func (lw *lineWriter) line(s string) {
	if lw.err != nil {
		return
	}
	limit := foldAt
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 {
			cut = limit
		}
		lw.w.WriteString(s[:cut])
		lw.w.WriteString("\r\n ")
		s = s[cut:]
		limit = foldAt - 1 // the leading space counts
	}
	lw.w.WriteString(s)
	_, lw.err = lw.w.WriteString("\r\n")
}

// prop writes NAME:value with value escaped as text.
func (lw *lineWriter) prop(name, value string) {
	lw.line(name + ":" + escapeText(value))
}

func (lw *lineWriter) flush() error {
	if lw.err != nil {
		return lw.err
	}
	return lw.w.Flush()
}

// cleanText makes s fit a content line: valid UTF-8, CRLF and CR as LF, and
// no other control characters than tab and LF, which readers reject or
// mistake for line ends.
func cleanText(s string) string {
	clean := utf8.ValidString(s)
	for i := 0; clean && i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f {
			clean = false
		}
	}
	if clean {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

// tidy is a value as the writers write it: cleaned, then trimmed, so that
// a value of control characters and spaces counts as empty.
func tidy(s string) string { return strings.TrimSpace(cleanText(s)) }

// escapeText cleans s and escapes it as an iCalendar TEXT value, or a
// component of a compound vCard value (N, ORG): backslash, comma,
// semicolon and newline.
func escapeText(s string) string { return escape(s, ";") }

// escapeVCardText cleans s and escapes it as a vCard TEXT value, where a
// semicolon is not escaped: RFC 6350 §3.4 allows it only in compound values
// and strict readers (ical.js) keep the backslash.
func escapeVCardText(s string) string { return escape(s, "") }

func escape(s, semicolon string) string {
	s = cleanText(s)
	special := "\\,\n" + semicolon
	if !strings.ContainsAny(s, special) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n':
			b.WriteString(`\n`)
		case strings.IndexByte(special, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// uriValue cleans a URI value, which is written unescaped: no white space
// or control character belongs in one.
func uriValue(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD")))
}
