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
// a spreadsheet would run as a formula (starting with =, +, - or @) and is
// not a phone number gets a leading apostrophe; ReadGoogleCSV removes it.
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
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
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
			row[j] = guardCell(cleanText(row[j]))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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

// guardCell keeps a spreadsheet from running a cell as a formula ("CSV
// injection"): imported contacts are text other people wrote.
func guardCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@", rune(s[0])) || phoneLike(s) {
		return s
	}
	return "'" + s
}

// phoneLike reports whether s could be a phone number, which may start with
// + and is no formula.
func phoneLike(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case '0' <= r && r <= '9':
			digits++
		case strings.ContainsRune(" +-().#*/", r):
		default:
			return false
		}
	}
	return digits > 0
}
