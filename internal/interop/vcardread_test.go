package interop

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestReadVCardAsExportersWriteThem(t *testing.T) {
	tests := []struct {
		file     string
		want     []Contact
		problems []wantProblem
	}{{
		file: "testdata/vcard/outlook-2.1.vcf",
		want: []Contact{{
			Line: 1, FirstName: "Jürgen", LastName: "Müller", Name: "Jürgen Müller",
			Organization: "Contoso GmbH, Vertrieb", Role: "Vertriebsleiter", Location: "Berlin, Deutschland",
			// "Caf=C3=" "=A9": the soft line break falls inside é.
			Notes:  "Treffen im Café am Markt.\nZweite Zeile, mit Komma; und Semikolon. Sehr lange Notiz, die Outlook umbricht.",
			Emails: labeled("juergen.mueller@contoso.example", ""),
			// Bare 2.1 type words: TEL;WORK;VOICE, TEL;CELL;VOICE, TEL;WORK;FAX.
			Phones: labeled("+49 30 1234567", "work", "+49 170 7654321", "mobile", "+49 30 1234568", "work fax"),
		}, {
			Line: 19, FirstName: "François", LastName: "Lefèvre", Name: "François Lefèvre",
			Organization: "Société Exemple", Role: "Directeur", Emails: labeled("francois.lefevre@exemple.example", ""),
		}, {
			Line: 27, FirstName: "Zoë", LastName: "Brûlé", Name: "Zoë Brûlé", Notes: "Crème brûlée expert",
		}},
		problems: []wantProblem{{29, false, "read as Windows-1252"}},
	}, {
		file: "testdata/vcard/apple-3.0.vcf",
		want: []Contact{{
			Line: 1, FirstName: "Chidi", LastName: "Okafor", Name: "Chidi Okafor",
			Organization: "Riverside Hospital, Cardiology", Role: "Nurse Practitioner", Location: "Springfield, IL, United States",
			Notes:  "Knows everyone in cardiology.\nAsked about: residency, fellowships; night shifts.",
			Emails: labeled("chidi.okafor@riverside.example", "Other", "c.okafor@riverside.example", "work"),
			// item2's label comes before its value.
			Phones:     labeled("(555) 010-2233", "mobile", "+1 555 010 4455", "Pager desk"),
			URLs:       labeled("https://www.linkedin.com/in/chidi-okafor", "Home Page"),
			Tags:       []string{"Mentors", "Healthcare"},
			ProfileURL: "https://www.linkedin.com/in/chidi-okafor",
			PhotoType:  "image/jpeg",
			UID:        "3F1A6F0B-6C4D-4E7A-9D61-0E5B3B7A2C11:ABPerson",
		}, {
			Line: 53, FirstName: "Hana", LastName: "Sato", Name: "Hana Sato",
		}},
		problems: []wantProblem{
			{36, true, `"Riverside Hospital" describes an organization`},
			// Its broken PHOTO is not mentioned: the card is skipped anyway.
			{45, true, `no name (FN or N), only "someone@nowhere.example"`},
			{57, false, "PHOTO is not a JPEG, PNG, GIF or WebP image"},
		},
	}, {
		file: "testdata/vcard/android-2.1.vcf",
		want: []Contact{{
			Line: 1, FirstName: "小明", LastName: "王", Name: "王小明", Organization: "Example Tech", Role: "Engineer",
			Notes:     "在会议上认识的，请教过产品经理的工作。", // a soft break inside 产 (=E4= / =BA=A7)
			Emails:    labeled("xiaoming.wang@example.cn", "work"),
			Phones:    labeled("+86 138 0013 8000", "mobile", "010-12345678", "work"),
			PhotoType: "image/jpeg", // 2.1 base64 on indented lines up to a blank one
		}, {
			Line: 27, FirstName: "Ngozi", LastName: "Okonkwo", Name: "Ngozi Okonkwo", Organization: "Lagos Fintech",
			Emails: labeled("ngozi@okonkwo.example", "home", "n.okonkwo@lagos-fintech.example", "work"),
			Phones: labeled("+234 803 000 0000", "home"),
			URLs:   labeled("http://ngozi.example", ""),
		}},
	}, {
		file: "testdata/vcard/google-3.0.vcf",
		want: []Contact{{
			Line: 1, FirstName: "Ana", LastName: "García", Name: "Ana García", Organization: "Banco Ejemplo", Role: "Analista",
			Location: "Madrid, España",
			// Folded at 75 octets, once through the middle of "—".
			Notes:      "Met at the Madrid fintech meetup, 2023.\nAsk about: risk; compliance; the move from banking to a start-up — and whether she would talk to my classmates too.",
			Emails:     labeled("ana.garcia@example.es", "work", "ana@mail.example", ""),
			Phones:     labeled("+34 600 000 000", "mobile"),
			URLs:       labeled("https://www.linkedin.com/in/anagarcia", "LinkedIn"),
			Tags:       []string{"Fintech"}, // not Google's "myContacts"
			ProfileURL: "https://www.linkedin.com/in/anagarcia",
		}, {
			Line: 26, FirstName: "Bob", LastName: "Smith", Name: "Bob Smith", Phones: labeled("+1 212 555 0142", "work"),
		}},
		problems: []wantProblem{{19, true, `no name (FN or N), only "recruiter-noreply@bigcorp.example"`}},
	}, {
		file: "testdata/vcard/v4.0.vcf",
		want: []Contact{{
			Line: 1, FirstName: "Wei", LastName: "Li", Name: "Li Wei", Organization: "Example Corp, Ltd., Product", Role: "Product Manager",
			Notes:     "Prefers WeChat, mornings; 早上好",
			Emails:    labeled("li.wei@example.cn", "work"),
			Phones:    labeled("+86-10-5555-0100", "mobile", "+86-10-5555-0199;ext=12", "work"),
			URLs:      labeled("https://example.cn/~liwei?lang=zh,en", "home"),
			Tags:      []string{"mentor", "product,design"},
			PhotoType: "image/png",
			UID:       "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
		}},
		problems: []wantProblem{{20, true, `"Example Corp" describes an organization`}},
	}, {
		file: "testdata/vcard/crcrlf.vcf",
		want: []Contact{{
			Line: 1, FirstName: "Yuki", LastName: "Nakamura", Name: "Yuki Nakamura",
			Notes:  "This note was folded by the writer and then the whole file was converted once more on Windows.",
			Emails: labeled("yuki@nakamura.example", ""),
		}, {
			Line: 9, FirstName: "Giulia", LastName: "Rossi", Name: "Giulia Rossi", Phones: labeled("+39 333 000 0000", "mobile"),
		}},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			cs, ps := readFile(t, ReadVCard, tt.file)
			if len(cs) != len(tt.want) {
				t.Fatalf("got %d contacts, want %d:\n%+v\n%s", len(cs), len(tt.want), cs, problemList(ps))
			}
			for i := range tt.want {
				checkContact(t, cs[i], tt.want[i])
			}
			checkProblems(t, ps, tt.problems)
		})
	}
}

func TestReadVCardPhotosAreDecoded(t *testing.T) {
	for _, file := range []string{"testdata/vcard/apple-3.0.vcf", "testdata/vcard/android-2.1.vcf", "testdata/vcard/v4.0.vcf"} {
		cs, _ := readFile(t, ReadVCard, file)
		if imageType(cs[0].Photo) != cs[0].PhotoType || len(cs[0].Photo) < 50 {
			t.Errorf("%s: photo of %d bytes, type %q", file, len(cs[0].Photo), cs[0].PhotoType)
		}
	}
}

func TestReadVCardManyCards(t *testing.T) {
	var b strings.Builder
	const n = 2000
	for i := range n {
		fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person%d;Test;;;\r\nFN:Test Person%d\r\nEMAIL:p%d@example.com\r\nEND:VCARD\r\n", i, i, i)
	}
	var got int
	ps, err := ReadVCard(strings.NewReader(b.String()), func(c Contact) error {
		if want := fmt.Sprintf("Test Person%d", got); c.Name != want || c.Line != 6*got+1 {
			t.Fatalf("card %d: %q at line %d", got, c.Name, c.Line)
		}
		got++
		return nil
	})
	if err != nil || len(ps) != 0 || got != n {
		t.Fatalf("read %d of %d cards, problems %v, error %v", got, n, ps, err)
	}
}

func TestReadVCardDetails(t *testing.T) {
	tests := []struct {
		name, in string
		check    func(Contact) bool
	}{
		{"2.1 folding keeps the white space",
			"BEGIN:VCARD\nVERSION:2.1\nN:Doe;Jane\nNOTE:one\n two\nEND:VCARD\n",
			func(c Contact) bool { return c.Notes == "one two" }},
		{"3.0 folding drops one space",
			"BEGIN:VCARD\nVERSION:3.0\nN:Doe;Jane\nNOTE:one\n  two\nEND:VCARD\n",
			func(c Contact) bool { return c.Notes == "one two" }},
		{"lower-case names and bare QUOTED-PRINTABLE",
			"begin:vcard\nversion:2.1\nfn;quoted-printable:Ren=C3=A9e\nend:vcard\n",
			func(c Contact) bool { return c.Name == "Renée" }},
		{"no FN: name from N parts",
			"BEGIN:VCARD\nVERSION:3.0\nN:van der Berg;Anna;Maria;Dr.;PhD\nEND:VCARD\n",
			func(c Contact) bool {
				return c.Name == "Dr. Anna Maria van der Berg PhD" && c.FirstName == "Anna" && c.LastName == "van der Berg"
			}},
		{"escaped separators in N stay in their part",
			`BEGIN:VCARD` + "\nVERSION:3.0\n" + `N:Smith\; Jones;Jo\,Anne;;;` + "\nEND:VCARD\n",
			func(c Contact) bool { return c.LastName == "Smith; Jones" && c.FirstName == "Jo,Anne" }},
		{"a backslash that escapes nothing stays",
			"BEGIN:VCARD\nVERSION:2.1\nFN:A\nNOTE:C:\\Users\\a\nEND:VCARD\n",
			func(c Contact) bool { return c.Notes == `C:\Users\a` }},
		{"quoted parameter values may hold colons",
			"BEGIN:VCARD\nVERSION:4.0\nFN:A\nEMAIL;LABEL=\"a:b;c\";TYPE=home:a@b.example\nEND:VCARD\n",
			func(c Contact) bool {
				return len(c.Emails) == 1 && c.Emails[0].Value == "a@b.example" && c.Emails[0].Label == "home"
			}},
		{"CHARSET names a legacy encoding",
			"BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=KOI8-R;ENCODING=QUOTED-PRINTABLE:=E9=D7=C1=CE\nEND:VCARD\n",
			func(c Contact) bool { return c.Name == "Иван" }},
		{"several NOTEs are kept",
			"BEGIN:VCARD\nVERSION:3.0\nFN:A\nNOTE:one\nNOTE:two\nEND:VCARD\n",
			func(c Contact) bool { return c.Notes == "one\n\ntwo" }},
		{"2.1 CATEGORIES with semicolons",
			"BEGIN:VCARD\nVERSION:2.1\nFN:A\nCATEGORIES:Work;VIP,Mentor\nEND:VCARD\n",
			func(c Contact) bool { return strings.Join(c.Tags, "|") == "Work|VIP|Mentor" }},
		{"a blank line and a BOM do not matter",
			"\uFEFF\r\n\r\nBEGIN:VCARD\r\nVERSION:3.0\r\n\r\nFN:A\r\nEND:VCARD",
			func(c Contact) bool { return c.Name == "A" && c.Line == 3 }},
	}
	for _, tt := range tests {
		cs, ps, err := readAll(ReadVCard, strings.NewReader(tt.in))
		if err != nil || len(cs) != 1 || !tt.check(cs[0]) {
			t.Errorf("%s: got %+v, %v, %v", tt.name, cs, ps, err)
		}
	}
}

func TestReadVCardBrokenStructure(t *testing.T) {
	in := "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Short\n" + // line 1: no END
		"BEGIN:VCARD\nVERSION:3.0\nFN:Whole\nthis is no property\nEND:VCARD\n" + // line 4
		"stray text\nEND:VCARD\n" +
		"BEGIN:VCARD\nVERSION:3.0\nFN:At the end" // line 11: the file stops
	cs, ps, err := readAll(ReadVCard, strings.NewReader(in))
	if err != nil || len(cs) != 1 || cs[0].Name != "Whole" {
		t.Fatalf("got %+v, %v", cs, err)
	}
	checkProblems(t, ps, []wantProblem{
		{1, true, "no END:VCARD before line 4"},
		{7, false, "not a vCard property"},
		{9, false, "text between cards"},
		{10, false, "END:VCARD without BEGIN:VCARD"},
		{11, true, "cut short"},
	})
}

// repeatReader yields n bytes of c without holding them.
type repeatReader struct {
	c byte
	n int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	m := min(int64(len(p)), r.n)
	for i := range p[:m] {
		p[i] = r.c
	}
	r.n -= m
	return int(m), nil
}

func TestReadVCardDropsAnOversizedPhotoAndKeepsTheCard(t *testing.T) {
	for _, folded := range []bool{false, true} {
		var photo io.Reader = &repeatReader{c: 'A', n: maxPicture + 10}
		if folded {
			photo = bytes.NewReader(bytes.Repeat([]byte("\r\n AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), maxPicture/70))
		}
		in := io.MultiReader(
			strings.NewReader("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Picture\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/"),
			photo,
			strings.NewReader("\r\nEMAIL:big@example.com\r\nEND:VCARD\r\n"))
		cs, ps, err := readAll(ReadVCard, in)
		if err != nil || len(cs) != 1 || cs[0].Photo != nil || len(cs[0].Emails) != 1 {
			t.Fatalf("folded %v: got %+v, %v", folded, cs, err)
		}
		checkProblems(t, ps, []wantProblem{{4, false, "PHOTO is larger than 4 MiB"}})
	}
}

func TestReadVCardJoinsNotesUpToTheNotesLimit(t *testing.T) {
	tests := []struct {
		name      string
		notes     int
		wantNotes int // NOTE texts kept
		wantCut   bool
	}{
		{"a few notes are all joined", 3, 3, false},
		{"notes past the limit are left out, said once", 20_000, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Contact
			ps, err := ReadVCard(bytes.NewReader(notesCard(tt.notes)), func(c Contact) error { got = append(got, c); return nil })
			if err != nil || len(got) != 1 {
				t.Fatalf("read %d cards, %v", len(got), err)
			}
			notes := got[0].Notes
			kept := strings.Count(notes, "note ")
			if !strings.HasPrefix(notes, "note 0\n\nnote 1") {
				t.Errorf("notes start %q", notes[:min(len(notes), 30)])
			}
			if tt.wantCut {
				// The note that crosses the limit is kept, so that the
				// importer sees it is too long and says it cut it.
				if n := len([]rune(notes)); n <= maxNotes || n > maxNotes+20 || kept >= tt.notes {
					t.Errorf("kept %d notes, %d characters; want just past %d", kept, n, maxNotes)
				}
				if len(ps) != 1 || !strings.Contains(ps[0].Message, "notes are longer than 100000 characters") || ps[0].Skipped {
					t.Errorf("problems %v", ps)
				}
			} else if kept != tt.wantNotes || len(ps) != 0 {
				t.Errorf("kept %d notes (want %d), problems %v", kept, tt.wantNotes, ps)
			}
		})
	}
}
