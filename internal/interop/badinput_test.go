package interop

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
)

func TestBadInputGivesOneClearErrorAndEmitsNothing(t *testing.T) {
	file := func(path string) func() io.Reader {
		return func() io.Reader {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			return strings.NewReader(string(b))
		}
	}
	text := func(s string) func() io.Reader { return func() io.Reader { return strings.NewReader(s) } }
	const (
		linkedInHeader = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
		googleHeader   = "First Name,Middle Name,Last Name,Organization Name,Organization Title,E-mail 1 - Value,Labels\n"
	)
	tests := []struct {
		name   string
		read   reader
		in     func() io.Reader
		kind   error
		line   int
		phrase string // a part of the message the user reads
	}{
		{"PDF named .csv, as LinkedIn", ReadLinkedIn, file("testdata/bad/Connections-really-a-pdf.csv"), ErrWrongKind, 0, "this is a PDF document"},
		{"PDF named .csv, as Google", ReadGoogleCSV, file("testdata/bad/Connections-really-a-pdf.csv"), ErrWrongKind, 0, "this is a PDF document"},
		{"PDF as vCard", ReadVCard, file("testdata/bad/Connections-really-a-pdf.csv"), ErrWrongKind, 0, "this is a PDF document"},
		{"the whole LinkedIn ZIP archive", ReadLinkedIn, text("PK\x03\x04\x14\x00\x08\x00"), ErrWrongKind, 0, "unzip it"},
		{"an .ics given as vCard", ReadVCard, file("testdata/bad/meeting.ics"), ErrWrongKind, 0, "iCalendar"},
		{"an .ics given as LinkedIn", ReadLinkedIn, file("testdata/bad/meeting.ics"), ErrWrongKind, 0, "iCalendar"},
		{"a vCard given as LinkedIn CSV", ReadLinkedIn, file("testdata/vcard/google-3.0.vcf"), ErrWrongKind, 0, "this is a vCard file"},
		{"a vCard given as Google CSV", ReadGoogleCSV, file("testdata/vcard/apple-3.0.vcf"), ErrWrongKind, 0, "this is a vCard file"},
		{"a CSV given as vCard", ReadVCard, file("testdata/linkedin/Connections.csv"), ErrWrongKind, 1, `should start with BEGIN:VCARD, not "Notes:"`},
		{"a Google CSV given as LinkedIn", ReadLinkedIn, file("testdata/google/contacts.csv"), ErrWrongKind, 1, "Google Contacts CSV"},
		{"a LinkedIn CSV given as Google", ReadGoogleCSV, text(linkedInHeader + "A,B,,,,,\n"), ErrWrongKind, 1, "LinkedIn"},
		{"LinkedIn's preamble given as Google", ReadGoogleCSV, file("testdata/linkedin/Connections.csv"), ErrWrongKind, 1, "LinkedIn"},
		// A stray NUL in text is read, to be removed by the importer; text
		// full of them is not text.
		{"UTF-16 without a byte-order mark", ReadLinkedIn, text(strings.Join(strings.Split(linkedInHeader, ""), "\x00")), ErrWrongKind, 0, "UTF-16 text without a byte-order mark"},
		{"binary data", ReadVCard, text("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00"), ErrWrongKind, 0, "binary data"},
		{"a web page", ReadLinkedIn, text("<!DOCTYPE html>\n<html><body>Sign in</body></html>"), ErrWrongKind, 0, "web page"},
		{"an empty file, LinkedIn", ReadLinkedIn, file("testdata/bad/empty.csv"), ErrEmpty, 0, "empty"},
		{"an empty file, Google", ReadGoogleCSV, text(""), ErrEmpty, 0, "empty"},
		{"an empty file, vCard", ReadVCard, text(""), ErrEmpty, 0, "empty"},
		{"only blank lines", ReadVCard, text("\r\n \r\n\t\n"), ErrEmpty, 0, "empty"},
		{"a header that matches nothing, LinkedIn", ReadLinkedIn, file("testdata/bad/unknown-header.csv"), ErrNoHeader, 0, "no LinkedIn header"},
		{"a header that matches nothing, Google", ReadGoogleCSV, file("testdata/bad/unknown-header.csv"), ErrNoHeader, 1, "neither Google Contacts format"},
		{"columns re-saved with semicolons", ReadLinkedIn, text("First Name;Last Name;URL;Email Address;Company;Position;Connected On\nA;B;;;;;\n"), ErrNoHeader, 0, "semicolons"},
		// A row that is not UTF-8 is skipped alone (see encoding_test.go);
		// a file whose rows all are is refused as a whole.
		{"LinkedIn, its only row not UTF-8", ReadLinkedIn, file("testdata/bad/latin1.csv"), ErrEncoding, 2, "not valid UTF-8 (byte 0xE9 at column 4); save the file as UTF-8"},
		{"a vCard 3.0, its only card not UTF-8", ReadVCard, text("BEGIN:VCARD\nVERSION:3.0\nFN:Jos\xe9\nEND:VCARD\n"), ErrEncoding, 1, "byte 0xE9 at line 3, column 7"},
		{"a Google header not UTF-8", ReadGoogleCSV, text("First Name,Last Name,E-mail 1 - Valu\xe9\nAna,Ruiz,\n"), ErrEncoding, 1, "the header is not valid UTF-8 (byte 0xE9 at column 37)"},
		{"an unterminated quote runs on", ReadLinkedIn, func() io.Reader {
			return io.MultiReader(text(linkedInHeader+"A,\"B\n")(), &repeatReader{c: 'x', n: 3 * maxRecord})
		}, ErrTooLarge, 3, "a quote that is never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			emitted := 0
			ps, err := tt.read(tt.in(), func(Contact) error { emitted++; return nil })
			var fe *FormatError
			if !errors.As(err, &fe) || !errors.Is(err, tt.kind) {
				t.Fatalf("got %v (%T), want a FormatError of kind %v", err, err, tt.kind)
			}
			if fe.Line != tt.line || !strings.Contains(err.Error(), tt.phrase) {
				t.Errorf("got %q at line %d, want line %d and %q", err, fe.Line, tt.line, tt.phrase)
			}
			if emitted != 0 || ps != nil {
				t.Errorf("emitted %d contacts and %d problems along with the error", emitted, len(ps))
			}
		})
	}
}

// A 100 MB line must meet a limit, not be read into memory.
func TestA100MBLineIsRefusedWithBoundedMemory(t *testing.T) {
	const size = 100 << 20
	tests := []struct {
		name string
		read reader
		head string
		line int
	}{
		{"LinkedIn", ReadLinkedIn, "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,", 2},
		{"LinkedIn, no newline at all", ReadLinkedIn, "", 1},
		{"Google", ReadGoogleCSV, "First Name,Last Name,E-mail 1 - Value\nAda,Lovelace,", 2},
		{"vCard", ReadVCard, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nNOTE:", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			in := io.MultiReader(strings.NewReader(tt.head), &repeatReader{c: 'x', n: size}, strings.NewReader("\n"))
			emitted := 0
			_, err := tt.read(in, func(Contact) error { emitted++; return nil })
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("got %v, want ErrTooLarge", err)
			}
			var fe *FormatError
			if errors.As(err, &fe); fe.Line != tt.line {
				t.Errorf("error %q at line %d, want %d", err, fe.Line, tt.line)
			}
			if emitted != 0 {
				t.Errorf("emitted %d contacts", emitted)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 24<<20 {
				t.Errorf("allocated %d MiB to refuse the line", alloc>>20)
			}
		})
	}
}

// Past the start of a file, a row that is not UTF-8 is skipped alone,
// with its line, and the rows around it are read.
func TestInvalidUTF8FarIntoAFileIsReportedWithItsLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
	for b.Len() < 200<<10 {
		b.WriteString("Ada,Lovelace,,,Engines,Analyst,10 Dec 2015\n")
	}
	lines := strings.Count(b.String(), "\n")
	b.WriteString("Ren\xe9,Descartes,,,,,\n")
	b.WriteString("Blaise,Pascal,,,,,\n")
	n := 0
	ps, err := ReadLinkedIn(strings.NewReader(b.String()), func(Contact) error { n++; return nil })
	want := fmt.Sprintf("line %d: not valid UTF-8 (byte 0xE9 at column 4); skipped: save the file as UTF-8", lines+1)
	if err != nil || len(ps) != 1 || ps[0].String() != want || !ps[0].Skipped || n != lines {
		t.Errorf("got %d contacts, %v, %v; want %d and %q", n, ps, err, lines, want)
	}
}
