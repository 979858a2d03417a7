package interop

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzReadRoster(f *testing.F) {
	for _, s := range []string{
		"Email,First Name,Last Name,Class Year,Major,Company,Favourite Food\nmaria@example.edu,Maria,Lopez,2015,Biology; Chemistry,Genentech,Tacos\n\nsam@example.edu,Sam,,,,,\n",
		"E-mail;Name;Role\r\na@example.edu;\"A; B\";volunteer\r\n",
		"email\tname\nx@y\t\"multi\nline\"\n",
		"Name,City\nAda,London\n",
		"\xef\xbb\xbfEmail,Email Address\na@b,c@d\n",
		"\xff\xfeE\x00m\x00a\x00i\x00l\x00\n\x00a\x00@\x00b\x00\n\x00",
		"Email,\"Notes\na,\"b\"\"\n",
		",,,\n,,\nEmail\n",
		"BEGIN:VCARD\nEND:VCARD\n",
		"Email,Name\na@b,Zoë\nc@d,Ren\xe9e\ne@f,\"x\n\xc3\"\n",
	} {
		f.Add([]byte(s), "")
	}
	f.Add([]byte("Contact,Nom\nx@y,Zoë\n"), "Contact")
	f.Fuzz(func(t *testing.T, data []byte, emailHeader string) {
		var mapping map[string]RosterField
		if emailHeader != "" {
			mapping = map[string]RosterField{emailHeader: RosterEmail}
		}
		lines := bytes.Count(data, []byte{'\n'}) + 1
		var rows []RosterRow
		cols, err := ReadRoster(bytes.NewReader(data), mapping, func(r RosterRow) error {
			rows = append(rows, r)
			return nil
		})
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) || fe.Detail == "" || fe.Line < 0 || fe.Line > lines {
				t.Fatalf("error %v (%T) is not a FormatError with a line in 1..%d", err, err, lines)
			}
			if errors.Is(err, ErrNoEmailColumn) && len(cols) == 0 {
				t.Fatalf("no columns offered with %v", err)
			}
		}
		emailCols := 0
		for _, c := range cols {
			if c.Field == RosterEmail {
				emailCols++
			}
		}
		if len(rows) > 0 && emailCols != 1 {
			t.Fatalf("%d rows read with %d email columns: %+v", len(rows), emailCols, cols)
		}
		last := 0
		for _, r := range rows {
			if r.Line <= last || r.Line > lines {
				t.Fatalf("row on line %d after line %d (the file has %d)", r.Line, last, lines)
			}
			last = r.Line
			if r.Reject != "" {
				if utf8.Valid(data) || r.Email != "" || !utf8.ValidString(r.Reject) {
					t.Fatalf("row %d rejected as %q in a file valid %v, email %q", r.Line, r.Reject, utf8.Valid(data), r.Email)
				}
				continue
			}
			values := []string{r.Email, r.Name, r.Role, r.GradYear, r.Major, r.Degree, r.Employer, r.JobTitle, r.Location, r.Fields, r.LinkedIn, r.ExternalID}
			for _, a := range r.Attributes {
				if a.Value == "" {
					t.Fatalf("an empty attribute %q kept", a.Name)
				}
				values = append(values, a.Name, a.Value)
			}
			for _, v := range values {
				if !utf8.ValidString(v) {
					t.Fatalf("invalid UTF-8 %q on line %d", v, r.Line)
				}
				if v != strings.TrimSpace(v) {
					t.Fatalf("untrimmed %q on line %d", v, r.Line)
				}
			}
		}
	})
}

// FuzzRosterRoundTrip writes a roster as a spreadsheet would and checks
// that ReadRoster gives back every cell, trimmed, on its line.
func FuzzRosterRoundTrip(f *testing.F) {
	f.Add("maria@example.edu", "Maria Lopez", "Tacos", "sam@example.edu", " Sam\tOkafor ", "")
	f.Add("a@b", "Zoë \"Z\" O'Brien, Jr.", "line one\nline two", "c@d", "", "=1+1")
	f.Add("x@y", "", "", "", "", "\r\n")
	f.Fuzz(func(t *testing.T, email1, name1, note1, email2, name2, note2 string) {
		people := [][]string{{email1, name1, note1}, {email2, name2, note2}}
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		_ = cw.Write([]string{"Email", "Name", "Notes"})
		for _, p := range people {
			for _, v := range p {
				if !utf8.ValidString(v) || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' }) {
					t.Skip("not text a spreadsheet writes")
				}
			}
			_ = cw.Write(p)
		}
		cw.Flush()
		var rows []RosterRow
		_, err := ReadRoster(bytes.NewReader(buf.Bytes()), nil, func(r RosterRow) error {
			rows = append(rows, r)
			return nil
		})
		if err != nil {
			t.Fatalf("%v reading\n%s", err, buf.Bytes())
		}
		var want [][]string
		line, lines := 2, []int{}
		for _, p := range people {
			tp := []string{strings.TrimSpace(p[0]), strings.TrimSpace(p[1]), strings.TrimSpace(p[2])}
			if tp[0] != "" || tp[1] != "" || tp[2] != "" {
				want = append(want, tp)
				lines = append(lines, line)
			}
			line += 1 + strings.Count(strings.Join(p, ""), "\n")
		}
		if len(rows) != len(want) {
			t.Fatalf("%d rows, want %d, from\n%q", len(rows), len(want), buf.Bytes())
		}
		for i, r := range rows {
			note := ""
			if len(r.Attributes) == 1 && r.Attributes[0].Name == "Notes" {
				note = r.Attributes[0].Value
			}
			if got := []string{r.Email, r.Name, note}; strings.Join(got, "\x00") != strings.Join(want[i], "\x00") || r.Line != lines[i] {
				t.Errorf("row %d: %q on line %d, want %q on line %d", i, got, r.Line, want[i], lines[i])
			}
		}
	})
}
