package interop

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// WriteCSV writes cs as a CSV spreadsheet, one person a row after a header
// row. The columns are those of a Google Contacts export (First Name,
// Middle Name, Last Name, File As, Organization Name, Organization Title,
// Notes, Labels, then numbered E-mail, Phone and Website value columns, as
// many as the fullest card needs), so Google Contacts and Outlook import the
// file and ReadGoogleCSV reads it back; File As carries a display name that
// is not just the first and last names.
//
// The file starts with a UTF-8 byte-order mark, without which Excel shows
// non-ASCII names garbled, and ends lines with CRLF (RFC 4180). A cell that
// a spreadsheet would run as a formula gets a leading apostrophe (see
// SheetWriter); ReadGoogleCSV removes it.
func WriteCSV(w io.Writer, cs []Card) error {
	var nEmails, nPhones, nURLs int
	for i := range cs {
		nEmails = max(nEmails, len(nonEmpty(cs[i].Emails)))
		nPhones = max(nPhones, len(nonEmpty(cs[i].Phones)))
		nURLs = max(nURLs, len(nonEmpty(cs[i].URLs)))
	}
	nEmails, nPhones, nURLs = max(nEmails, 1), max(nPhones, 1), max(nURLs, 1)

	header := []string{"First Name", "Middle Name", "Last Name", "File As", "Organization Name", "Organization Title", "Notes", "Labels"}
	numbered := func(kind string, n int) {
		for i := 1; i <= n; i++ {
			header = append(header, kind+" "+strconv.Itoa(i)+" - Value")
		}
	}
	numbered("E-mail", nEmails)
	numbered("Phone", nPhones)
	numbered("Website", nURLs)

	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := NewSheetWriter(w, true)
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, 0, len(header))
	for i := range cs {
		c := &cs[i]
		first, last := tidy(c.FirstName), tidy(c.LastName)
		fileAs := c.displayName()
		if fileAs == joinNonEmpty(" ", first, last) {
			fileAs = ""
		}
		var tags []string
		for _, t := range c.Tags {
			if t = tidy(t); t != "" {
				tags = append(tags, t)
			}
		}
		row = append(row[:0], first, "", last, fileAs,
			tidy(c.Organization), tidy(c.Role), tidy(c.Notes),
			strings.Join(tags, googleSep))
		row = appendPadded(row, nonEmpty(c.Emails), nEmails)
		row = appendPadded(row, nonEmpty(c.Phones), nPhones)
		row = appendPadded(row, nonEmpty(c.URLs), nURLs)
		for j := range row {
			row[j] = cleanText(row[j])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// nonEmpty returns the trimmed non-empty values of vs.
func nonEmpty(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = tidy(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func appendPadded(row, vs []string, n int) []string {
	row = append(row, vs...)
	for range n - len(vs) {
		row = append(row, "")
	}
	return row
}

// A SheetWriter writes CSV meant to be opened in a spreadsheet. Every
// CSV file Ally writes goes through one, so that no cell of user text runs
// as a formula ("CSV injection", OWASP): a cell that starts with =, +, -,
// @, a tab or a carriage return, or with spaces before one of those, gets
// a leading apostrophe, which spreadsheets show as text and do not
// display. Cells made only of digits, spaces and + - ( ) . , # * / % (a
// number such as -3 or 45%, or a phone number such as +1 555-0100) are
// left alone: without letters, quotes or ! they can neither call a
// function nor refer to a cell or another program, and figures and phone
// numbers stay usable as they are.
type SheetWriter struct {
	cw  *csv.Writer
	row []string
}

// NewSheetWriter writes CSV to w, ending lines with CRLF when crlf is
// set (RFC 4180) and LF otherwise.
func NewSheetWriter(w io.Writer, crlf bool) *SheetWriter {
	cw := csv.NewWriter(w)
	cw.UseCRLF = crlf
	return &SheetWriter{cw: cw}
}

// Write writes one row, each cell guarded. It does not keep row.
func (s *SheetWriter) Write(row []string) error {
	s.row = s.row[:0]
	for _, c := range row {
		s.row = append(s.row, GuardCell(c))
	}
	return s.cw.Write(s.row)
}

// Flush writes out what is buffered and returns the first error met.
func (s *SheetWriter) Flush() error {
	s.cw.Flush()
	return s.cw.Error()
}

// GuardCell returns s with a leading apostrophe if a spreadsheet could run
// it as a formula; see SheetWriter for the rule. ReadGoogleCSV undoes it.
func GuardCell(s string) string {
	if !formulaStart(s) || numberLike(s) {
		return s
	}
	return "'" + s
}

// formulaStart reports whether s starts with a character spreadsheets
// take as the start of a formula, or with a tab or carriage return (which
// some strip before looking), possibly after spaces or line breaks.
func formulaStart(s string) bool {
	t := strings.TrimLeft(s, " \n")
	return t != "" && strings.IndexByte("=+-@\t\r", t[0]) >= 0
}

// numberLike reports whether s could be a number or a phone number, which
// may start with + or - and is no formula.
func numberLike(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case '0' <= r && r <= '9':
			digits++
		case strings.ContainsRune(" +-().,#*/%", r):
		default:
			return false
		}
	}
	return digits > 0
}
