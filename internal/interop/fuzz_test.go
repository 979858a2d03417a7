package interop

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// addSeeds adds the testdata files matching pattern, and a few small
// inputs, to a fuzz corpus.
func addSeeds(f *testing.F, pattern string, extra ...string) {
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds for %s: %v", pattern, err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// checkReaderResult checks what any reader must ensure whatever its input:
// one FormatError and nothing else on failure; otherwise named contacts in
// line order, with UTF-8 text.
func checkReaderResult(t *testing.T, cs []Contact, ps []Problem, err error) {
	if err != nil {
		var fe *FormatError
		if !errors.As(err, &fe) || fe.Detail == "" {
			t.Fatalf("error %v (%T) is not a FormatError", err, err)
		}
		if ps != nil {
			t.Fatalf("problems along with the error: %v", ps)
		}
		return
	}
	if len(ps) > maxProblems+1 {
		t.Fatalf("%d problems", len(ps))
	}
	for _, p := range ps {
		if !utf8.ValidString(p.Message) {
			t.Fatalf("problem %q is not UTF-8", p.Message)
		}
	}
	last := 0
	for _, c := range cs {
		if c.Name == "" || c.Line <= last {
			t.Fatalf("contact %+v after line %d", c, last)
		}
		last = c.Line
		for _, s := range []string{c.Name, c.FirstName, c.LastName, c.Organization, c.Role, c.Notes, c.Location, c.ProfileURL, c.UID} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q in %+v", s, c)
			}
		}
		if c.Photo != nil && imageType(c.Photo) != c.PhotoType {
			t.Fatalf("photo type %q for %x", c.PhotoType, c.Photo[:min(8, len(c.Photo))])
		}
	}
}

// checkUTF8Found checks that a CSV reader finds text that is not UTF-8
// only in a file that holds some.
func checkUTF8Found(t *testing.T, data []byte, ps []Problem, err error) {
	if !utf8.Valid(data) {
		return
	}
	if errors.Is(err, ErrEncoding) {
		t.Fatalf("a UTF-8 file refused: %v", err)
	}
	for _, p := range ps {
		if strings.Contains(p.Message, "not valid UTF-8") {
			t.Fatalf("a UTF-8 file has %q", p)
		}
	}
}

func FuzzReadLinkedIn(f *testing.F) {
	addSeeds(f, "testdata/linkedin/*.csv",
		"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\"a\"\"b\",c,,,,,\n",
		"Notes:\n\"x\n\nFirst Name,Last Name,Connected On\r\n,,\r\nA,B,1 Jan 2000",
		"\xef\xbb\xbfFirst Name,Last Name,Connected On\nA,\"B\nC\",x\n",
		"First Name,Last Name,Connected On\nZoë,B,x\nRen\xe9e,\"C\n\xc3\",x\nD,E\xe2\x82\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, ps, err := readAll(ReadLinkedIn, bytes.NewReader(data))
		checkReaderResult(t, cs, ps, err)
		checkUTF8Found(t, data, ps, err)
		seen := map[string]bool{}
		for _, c := range cs {
			if k := NormalizeProfileURL(c.ProfileURL); k != "" {
				if seen[k] {
					t.Fatalf("profile %q emitted twice", k)
				}
				seen[k] = true
			}
		}
	})
}

func FuzzReadGoogleCSV(f *testing.F) {
	addSeeds(f, "testdata/google/*.csv",
		"First Name,Last Name,E-mail 1 - Value,E-mail 1 - Label,Labels\nA,B,x@y ::: z@w,* Work ::: Home,* myContacts ::: X\n",
		"Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value\n,,,,,\n",
		"First Name,Last Name,Labels\nA,B\xff,\"x\ny\"\nC,D,\xf0\x9f\x98\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, ps, err := readAll(ReadGoogleCSV, bytes.NewReader(data))
		checkReaderResult(t, cs, ps, err)
		checkUTF8Found(t, data, ps, err)
	})
}

func FuzzReadVCard(f *testing.F) {
	addSeeds(f, "testdata/vcard/*.vcf",
		"BEGIN:VCARD\nVERSION:2.1\nNOTE;QUOTED-PRINTABLE:=C3=\n=A9=\nEND:VCARD\n",
		"BEGIN:VCARD\r\nVERSION:2.1\r\nPHOTO;BASE64:/9j/\r\nAAAA\r\n\r\nFN:x\r\nEND:VCARD\r\n",
		"BEGIN:VCARD\nitem1.X-ABLabel:_$!<A>!$_\nitem1.EMAIL:a\nN:\\;;\\\nEND:VCARD",
		"BEGIN:VCARD\nFN;CHARSET=shift_jis;ENCODING=QUOTED-PRINTABLE:=82=A0\nEND:VCARD",
		"BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:B\xe9\nNOTE:x\n \xc3\nEND:VCARD\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, ps, err := readAll(ReadVCard, bytes.NewReader(data))
		checkReaderResult(t, cs, ps, err)
	})
}

func FuzzVCardRoundTrip(f *testing.F) {
	for _, c := range trickyCards {
		f.Add(c.UID, c.Name, c.FirstName, c.LastName, c.Organization, c.Role, c.Notes, strings.Join(c.Emails, "|"), strings.Join(c.Phones, "|"), strings.Join(c.URLs, "|"), strings.Join(c.Tags, "|"))
	}
	f.Add("x", "", "", "", "", "", "\\", ",;", "tel:+1", " ", "myContacts|\x01")
	f.Fuzz(func(t *testing.T, uid, name, first, last, org, role, notes, emails, phones, urls, tags string) {
		split := func(s string) []string { return strings.Split(s, "|") }
		in := Card{
			UID: "u" + uid, Name: name, FirstName: first, LastName: last, Organization: org, Role: role, Notes: notes,
			Emails: split(emails), Phones: split(phones), URLs: split(urls), Tags: split(tags),
		}
		var buf bytes.Buffer
		if err := WriteVCards(&buf, []Card{in, in}); err != nil {
			t.Fatal(err)
		}
		checkContentLines(t, buf.Bytes())
		cs, ps, err := readAll(ReadVCard, &buf)
		if err != nil || len(ps) != 0 || len(cs) != 2 {
			t.Fatalf("read back %d cards, %v, %v from\n%s", len(cs), ps, err, buf.Bytes())
		}
		checkCardRoundTrip(t, in, cs[1])
	})
}

func FuzzICSWrite(f *testing.F) {
	f.Add("conv-1", "Coffee with Zoë; Acme, Inc.", "Café, Paris", "Guide: https://x\nBring paper.", "https://ally.example/c/1", 20, int64(1742477400), false, true)
	f.Add("x", "", "", "\\n", "", 0, int64(1761438600), true, false)
	f.Add("y", strings.Repeat("東", 100), "\r\n", "\x00\x01", " a b ", 90, int64(1761442200), false, true)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		paris = time.FixedZone("CET", 3600)
	}
	f.Fuzz(func(t *testing.T, uid, summary, location, description, url string, minutes int, unix int64, allDay, alarms bool) {
		const from, span = 31536000, 4000000000 // 1971 to 2097
		start := time.Unix(from+(unix%span+span)%span, 0).In(paris)
		minutes = (minutes%10000 + 10000) % 10000
		stamp := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		e := Event{UID: "u" + uid, Start: start, Minutes: minutes, AllDay: allDay, Summary: summary, Location: location,
			Description: description, URL: url, Stamp: stamp, Alarms: alarms}
		todo := Todo{UID: "t" + uid, Due: start, AllDay: allDay, Summary: summary, Description: description, Stamp: stamp}
		var buf bytes.Buffer
		if err := WriteICS(&buf, summary, paris, []Event{e}, []Todo{todo}); err != nil {
			t.Fatal(err)
		}
		checkContentLines(t, buf.Bytes())
		checkICSParses(t, buf.Bytes(), []Event{e}, []Todo{todo})
		if !allDay {
			checkVTimezone(t, buf.String(), paris, []time.Time{start, start.Add(time.Duration(minutes) * time.Minute)})
		}
	})
}
