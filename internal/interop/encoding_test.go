package interop

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

const (
	utf8LinkedIn = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
	utf8Google   = "First Name,Middle Name,Last Name,Organization Name,Organization Title,E-mail 1 - Value,Labels\n"
)

// readBothWays reads in with read, also one byte at a time (so that every
// character is cut between two reads), and checks that both ways agree.
func readBothWays(t *testing.T, read reader, in string) ([]Contact, []Problem, error) {
	t.Helper()
	var cs, cs1 []Contact
	ps, err := read(strings.NewReader(in), func(c Contact) error { cs = append(cs, c); return nil })
	ps1, err1 := read(iotest.OneByteReader(strings.NewReader(in)), func(c Contact) error { cs1 = append(cs1, c); return nil })
	if fmt.Sprint(cs, ps, err) != fmt.Sprint(cs1, ps1, err1) {
		t.Fatalf("read whole: %v %v %v\nread byte by byte: %v %v %v", cs, ps, err, cs1, ps1, err1)
	}
	return cs, ps, err
}

// A row or card with a byte that is not UTF-8 in the middle of a file is
// skipped alone, with its line and where the byte is; the others are read.
func TestARowNotUTF8IsSkippedAlone(t *testing.T) {
	tests := []struct {
		name  string
		read  reader
		in    string
		names []string
		want  string
	}{
		{"LinkedIn", ReadLinkedIn,
			"Notes:\n\"When exporting your connection data...\"\n\n" + utf8LinkedIn +
				"José,Álvarez,,,Acme,Engineer,03 Jan 2019\nRen\xe9e,Dupont,,,Acme,Analyst,03 Jan 2019\nMei,Tanaka,,,Acme,Lead,03 Jan 2019\n",
			[]string{"José Álvarez", "Mei Tanaka"}, "line 6: not valid UTF-8 (byte 0xE9 at column 4); skipped: save the file as UTF-8"},
		{"Google", ReadGoogleCSV,
			utf8Google + "Ana,,Ruiz,,,,\n\"Zoë\",,\"Caf\xe9 \"\"Owner\"\"\",,,,\nLars,,Eriksson,,,,\n",
			[]string{"Ana Ruiz", "Lars Eriksson"}, "line 3: not valid UTF-8 (byte 0xE9 at column 12); skipped: save the file as UTF-8"},
		{"Google, the byte on the second line of a quoted cell", ReadGoogleCSV,
			utf8Google + "Ana,,Ruiz,,,,\r\nBo,,Lee,\"Acme\r\nCaf\xe9\",,,\r\nLars,,Eriksson,,,,\r\n",
			[]string{"Ana Ruiz", "Lars Eriksson"}, "line 3: not valid UTF-8 (byte 0xE9 at line 4, column 4); skipped: save the file as UTF-8"},
		{"vCard 3.0", ReadVCard,
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Müller\r\nEND:VCARD\r\n" +
				"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ren\xe9e Dupont\r\nNOTE:caf\xe9\r\nEND:VCARD\r\n" +
				"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mei Tanaka\r\nEND:VCARD\r\n",
			[]string{"Zoë Müller", "Mei Tanaka"}, "line 5: card not valid UTF-8 (byte 0xE9 at line 7, column 7); skipped: save the file as UTF-8"},
		{"vCard 4.0, folded", ReadVCard,
			"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Ruiz\r\nEND:VCARD\r\n" +
				"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo Lee\r\nNOTE:met at the\r\n  caf\xe9\r\nEND:VCARD\r\n" +
				"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Mei Tanaka\r\nEND:VCARD\r\n",
			[]string{"Ana Ruiz", "Mei Tanaka"}, "line 5: card not valid UTF-8 (byte 0xE9 at line 9, column 6); skipped: save the file as UTF-8"},
		{"vCard 3.0, quoted-printable", ReadVCard,
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nEND:VCARD\r\n" +
				"BEGIN:VCARD\r\nVERSION:3.0\r\nFN;ENCODING=QUOTED-PRINTABLE:Ren=E9e\r\nEND:VCARD\r\n" +
				"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mei Tanaka\r\nEND:VCARD\r\n",
			[]string{"Ana Ruiz", "Mei Tanaka"}, "line 5: card not valid UTF-8 (byte 0xE9 in the quoted-printable FN on line 7); skipped: save the file as UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, ps, err := readBothWays(t, tt.read, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, c := range cs {
				names = append(names, c.Name)
			}
			if fmt.Sprint(names) != fmt.Sprint(tt.names) {
				t.Errorf("read %q, want %q", names, tt.names)
			}
			if len(ps) != 1 || ps[0].String() != tt.want || !ps[0].Skipped {
				t.Errorf("problems %q, want one skipped: %q", ps, tt.want)
			}
		})
	}
}

// A vCard 2.1 that is not UTF-8 is still read as Windows-1252, Outlook's
// habit, not skipped.
func TestAVCard21NotUTF8IsStillGuessed(t *testing.T) {
	cs, ps, err := readBothWays(t, ReadVCard, "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ren\xe9e Dupont\r\nEND:VCARD\r\n")
	if err != nil || len(cs) != 1 || cs[0].Name != "Renée Dupont" || len(ps) != 1 || ps[0].Skipped {
		t.Errorf("got %v, %v, %v", cs, ps, err)
	}
}

func TestARosterRowNotUTF8IsRejectedAlone(t *testing.T) {
	in := "Email;Name;Major\r\na@westlake.edu;Zoë;Art\r\nb@westlake.edu;Ren\xe9e;Law\r\nc@westlake.edu;Mei;Math\r\n"
	for _, r := range []io.Reader{strings.NewReader(in), iotest.OneByteReader(strings.NewReader(in))} {
		var rows []RosterRow
		if _, err := ReadRoster(r, nil, func(row RosterRow) error { rows = append(rows, row); return nil }); err != nil {
			t.Fatal(err)
		}
		want := `[{2 "" a@westlake.edu Zoë} {3 "not valid UTF-8 (byte 0xE9 at column 19); save the file as UTF-8"  } {4 "" c@westlake.edu Mei}]`
		var got []string
		for _, row := range rows {
			got = append(got, fmt.Sprintf("{%d %q %s %s}", row.Line, row.Reject, row.Email, row.Name))
		}
		if fmt.Sprint(got) != want {
			t.Errorf("got %s\nwant %s", got, want)
		}
	}
}

// latin1 encodes s as Latin-1, as an old spreadsheet saves it.
func latin1(t *testing.T, s string) string {
	b, err := charmap.ISO8859_1.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A file wholly in another encoding is refused once, not row by row.
func TestAFileInAnotherEncodingIsRefusedOnce(t *testing.T) {
	var latinRows, fewBad, manyBadAmongUTF8 strings.Builder
	for i := range 40 {
		// One row in four has an accent, as in a list of English names.
		name := fmt.Sprintf("Ann%d,Lee", i)
		if i%4 == 1 {
			name = fmt.Sprintf("Renée%d,Dupont", i)
		}
		fmt.Fprintf(&latinRows, "%s,,,Café Société,Owner,03 Jan 2019\n", name)
		if i < 9 {
			fmt.Fprintf(&fewBad, "Ren\xe9e%d,Dupont,,,,,\n", i)
		} else {
			fmt.Fprintf(&fewBad, "Ann%d,Lee,,,,,\n", i)
		}
		if i%2 == 0 {
			fmt.Fprintf(&manyBadAmongUTF8, "Zoë%d,Müller,,,,,\n", i)
		} else {
			fmt.Fprintf(&manyBadAmongUTF8, "Ren\xe9e%d,Dupont,,,,,\n", i)
		}
	}
	tests := []struct {
		name    string
		read    reader
		in      string
		refused string // the error's text, or "" when the bad rows are skipped alone
		skipped int
	}{
		// Every row has a Latin-1 "é" in its company: most rows are bad.
		{"Latin-1, most rows", ReadLinkedIn, latin1(t, utf8LinkedIn+latinRows.String()), "line 2: not valid UTF-8 (byte 0xE9 at column 15), nor are 39 more of the 40 rows: the file was saved in another encoding (Latin-1 or Windows-1252?); save it as UTF-8 and import it again", 0},
		// A quarter of the rows have accents: not most, but none is UTF-8.
		{"Latin-1, a quarter of the rows", ReadLinkedIn, latin1(t, utf8LinkedIn+strings.ReplaceAll(latinRows.String(), "Café Société", "Acme")), "line 3: not valid UTF-8 (byte 0xE9 at column 4), nor are 9 more of the 40 rows, and none is UTF-8 beyond plain ASCII: the file was saved in another encoding", 0},
		{"Latin-1 Google file", ReadGoogleCSV, latin1(t, utf8Google+"Renée,,Dupont,,,,\nAnn,,Lee,,,,\nJosé,,Ruiz,,,,\n"), "line 2: not valid UTF-8 (byte 0xE9 at column 4), nor is 1 more of the 3 rows: the file was saved", 0},
		{"Latin-1 vCard 3.0", ReadVCard, latin1(t, strings.Repeat("BEGIN:VCARD\nVERSION:3.0\nFN:Renée\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEND:VCARD\n", 10)), "line 1: not valid UTF-8 (byte 0xE9 at line 3, column 7), nor are 9 more of the 20 cards, and none is UTF-8 beyond plain ASCII", 0},
		// Fewer than legacyRows bad rows: each is listed.
		{"9 bad rows of 40", ReadLinkedIn, utf8LinkedIn + fewBad.String(), "", 9},
		// Half the rows bad, but the others are UTF-8 with accents: a
		// damaged UTF-8 file, its bad rows listed.
		{"half the rows bad among UTF-8 ones", ReadLinkedIn, utf8LinkedIn + manyBadAmongUTF8.String(), "", 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps, err := readBothWays(t, tt.read, tt.in)
			if tt.refused == "" {
				skipped := 0
				for _, p := range ps {
					if p.Skipped && strings.Contains(p.Message, "not valid UTF-8") {
						skipped++
					}
				}
				if err != nil || skipped != tt.skipped {
					t.Errorf("got %v and %d rows skipped, want %d", err, skipped, tt.skipped)
				}
				return
			}
			var fe *FormatError
			if !errors.As(err, &fe) || !errors.Is(err, ErrEncoding) || !strings.HasPrefix(err.Error(), tt.refused) || ps != nil {
				t.Errorf("got %v, %d problems\nwant %q", err, len(ps), tt.refused)
			}
		})
	}
}

// UTF-16 with a byte-order mark is converted, not refused.
func TestUTF16WithAByteOrderMarkIsRead(t *testing.T) {
	u16 := []byte{0xFF, 0xFE}
	for _, r := range utf8LinkedIn + "Renée,Dupont,,,Café,Owner,03 Jan 2019\n" {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	cs, ps, err := readBothWays(t, ReadLinkedIn, string(u16))
	if err != nil || len(ps) != 0 || len(cs) != 1 || cs[0].Name != "Renée Dupont" {
		t.Errorf("got %v, %v, %v", cs, ps, err)
	}
}

// The scan notes the same bytes, lines and columns however the stream is
// cut into reads.
func TestUTF8ScanAgreesAcrossReads(t *testing.T) {
	pieces := []string{"a", "\n", "é", "日本", "😀", "\xe9", "\xc3", "\xe2\x82", "\xf0\x9f\x98", "\xff", "\x80", ",", "\r\n"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in := b.String()
		// What the scan should find: the first bad byte of each line.
		var want []badUTF8
		line, col, seen := 1, 0, false
		for i := 0; i < len(in); {
			r, size := utf8.DecodeRuneInString(in[i:])
			switch {
			case r == '\n':
				line, col = line+1, 0
				i++
				continue
			case r == utf8.RuneError && size == 1 && (len(want) == 0 || want[len(want)-1].line != line):
				want = append(want, badUTF8{off: int64(i), line: line, col: col + 1, b: in[i]})
			case r != utf8.RuneError && size > 1:
				seen = true
			}
			col++
			i += size
		}
		for _, cuts := range [][]int{{len(in)}, {1}, {2}, {3}, {rng.IntN(7) + 1}} {
			s := newUTF8Scan()
			for i, k := 0, 0; i < len(in); k++ {
				n := min(cuts[k%len(cuts)], len(in)-i)
				s.write([]byte(in[i : i+n]))
				i += n
			}
			s.end()
			if fmt.Sprint(s.bad) != fmt.Sprint(want) || s.sawUTF8 != seen || s.line != line {
				t.Fatalf("%q cut every %v: noted %v (UTF-8 seen %v, line %d), want %v (%v, %d)", in, cuts, s.bad, s.sawUTF8, s.line, want, seen, line)
			}
		}
	}
}
