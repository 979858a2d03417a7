package interop

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// tricky holds values that break careless writers: separators, escapes,
// newlines, non-ASCII, emoji and lines far past 75 octets.
var trickyCards = []Card{{
	UID:  "urn:uuid:5b0c4c1e-8d6a-4f1b-9a57-3c6f2e1d9a10",
	Name: "Zoë O'Connor-Nakamura, PhD", FirstName: "Zoë", LastName: "O'Connor-Nakamura, PhD",
	Organization: "Smith; Jones, & Partners \\ LLP",
	Role:         "Director of \"Special\" Projects; Research, Europe",
	Notes:        "Line one, with a comma; and a semicolon.\nLine two: C:\\path\\n is not a newline.\r\nLine three (CRLF before it) — 東京で会いました 🎉. " + strings.Repeat("Long é text ", 20),
	Emails:       []string{"zoe@example.com", "zoë.work@exämple.de"},
	Phones:       []string{"+1 (555) 010-2233", "+81 3-0000-0000;ext=2"},
	URLs:         []string{"https://www.linkedin.com/in/zoe-oconnor", "https://example.org/a,b;c?x=1&y=2"},
	Tags:         []string{"Mentors", "Tokyo, Japan", "a;b", `back\slash`},
	Updated:      time.Date(2025, 2, 3, 4, 5, 6, 0, time.UTC),
}, {
	UID:       "person-42",
	FirstName: "Li", LastName: "Wei",
	Notes: strings.Repeat("早上好", 60),
}, {
	UID:  "person 43; with text",
	Name: "Single Name",
}}

// checkContentLines checks what vCard and iCalendar share: CRLF line ends
// and nothing else, at most 75 octets a line, and no line ending inside a
// UTF-8 sequence.
func checkContentLines(t *testing.T, out []byte) {
	t.Helper()
	if !bytes.HasSuffix(out, []byte("\r\n")) {
		t.Error("output does not end with CRLF")
	}
	for i, line := range bytes.Split(bytes.TrimSuffix(out, []byte("\r\n")), []byte("\r\n")) {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if !utf8.Valid(line) {
			t.Errorf("line %d is folded inside a UTF-8 sequence: %q", i+1, line)
		}
	}
}

func TestWriteVCardsRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteVCards(&buf, trickyCards); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	checkContentLines(t, out)
	if n := bytes.Count(out, []byte("\r\nUID")); n != len(trickyCards) {
		t.Errorf("%d UIDs for %d cards", n, len(trickyCards))
	}
	for _, want := range []string{"VERSION:4.0", "UID;VALUE=text:person-42", "UID:urn:uuid:", "REV:20250203T040506Z", "ORG:Smith\\; Jones\\, & Partners \\\\ LLP",
		// Outside compound values a semicolon is not escaped (RFC 6350 §3.4).
		`TITLE:Director of "Special" Projects; Research\, Europe`, `CATEGORIES:Mentors,Tokyo\, Japan,a;b,back\\slash`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	cs, ps, err := readAll(ReadVCard, &buf)
	if err != nil || len(ps) != 0 || len(cs) != len(trickyCards) {
		t.Fatalf("read back %d cards, %v, %v", len(cs), ps, err)
	}
	for i, c := range cs {
		checkCardRoundTrip(t, trickyCards[i], c)
	}
}

// checkCardRoundTrip compares a Card with what ReadVCard made of it: values
// cleaned and trimmed as the writer does, empty ones left out, and
// Google's system group dropped from tags.
func checkCardRoundTrip(t *testing.T, in Card, got Contact) {
	t.Helper()
	norm := func(s string) string { return strings.TrimSpace(cleanText(s)) }
	eq := func(field, want, got string) {
		if want != got {
			t.Errorf("%s: wrote %q, read %q", field, want, got)
		}
	}
	eq("name", norm(in.displayName()), got.Name)
	eq("first name", norm(in.FirstName), got.FirstName)
	eq("last name", norm(in.LastName), got.LastName)
	eq("organization", norm(in.Organization), got.Organization)
	eq("role", norm(in.Role), got.Role)
	eq("notes", norm(in.Notes), got.Notes)
	eq("uid", norm(in.UID), got.UID)
	list := func(field string, want []string, got []Labeled, clean func(string) string) {
		var w, g []string
		for _, v := range want {
			if v = clean(v); v != "" {
				w = append(w, v)
			}
		}
		for _, v := range got {
			g = append(g, v.Value)
		}
		eq(field, strings.Join(w, "\x00"), strings.Join(g, "\x00"))
	}
	list("emails", in.Emails, got.Emails, norm)
	list("phones", in.Phones, got.Phones, norm)
	list("urls", in.URLs, got.URLs, uriValue)
	var tags []Labeled
	for _, tag := range got.Tags {
		tags = append(tags, Labeled{Value: tag})
	}
	list("tags", in.Tags, tags, func(s string) string {
		if s = norm(s); isSystemGroup(s) {
			return ""
		}
		return s
	})
}

func TestWriteVCardsRefusesACardWithoutUIDAndWritesNothing(t *testing.T) {
	var buf bytes.Buffer
	err := WriteVCards(&buf, []Card{{UID: "a", Name: "Fine"}, {Name: "Ada Lovelace"}})
	if err == nil || !strings.Contains(err.Error(), "card 2 (Ada Lovelace) has no UID") || buf.Len() != 0 {
		t.Errorf("got %v and %d bytes", err, buf.Len())
	}
}

func TestWriteVCardsNameFallsBack(t *testing.T) {
	for _, tt := range []struct {
		card Card
		fn   string
	}{
		{Card{UID: "1", FirstName: "Ada", LastName: "Lovelace"}, "FN:Ada Lovelace"},
		{Card{UID: "2", Organization: "Engines Ltd"}, "FN:Engines Ltd"},
		{Card{UID: "3", Emails: []string{"", "x@example.com"}}, "FN:x@example.com"},
		{Card{UID: "4"}, "FN:(no name)"},
	} {
		var buf bytes.Buffer
		if err := WriteVCards(&buf, []Card{tt.card}); err != nil || !strings.Contains(buf.String(), "\r\n"+tt.fn+"\r\n") {
			t.Errorf("%+v: want %q in\n%s", tt.card, tt.fn, buf.String())
		}
	}
}

func TestWriteCSVReadsBackAsGoogleContacts(t *testing.T) {
	cards := append([]Card{{
		UID: "5", FirstName: "Eve", LastName: "Formula",
		Notes:  "=HYPERLINK(\"http://evil.example\",\"click\")",
		Role:   "@risk manager",
		Phones: []string{"+1 555 0100", "-5"},
	}}, trickyCards...)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, cards); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFFFirst Name,Middle Name,Last Name,File As,Organization Name,Organization Title,Notes,Labels,E-mail 1 - Value,E-mail 2 - Value,Phone 1 - Value,Phone 2 - Value,Website 1 - Value,Website 2 - Value\r\n") {
		t.Errorf("header: %q", out[:min(len(out), 200)])
	}
	for _, want := range []string{`"'=HYPERLINK(""http://evil.example"",""click"")"`, ",'@risk manager,", ",+1 555 0100,", ",-5,"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	cs, ps, err := readAll(ReadGoogleCSV, &buf)
	if err != nil || len(ps) != 0 || len(cs) != len(cards) {
		t.Fatalf("read back %d rows, %v, %v", len(cs), ps, err)
	}
	if cs[0].Notes != cards[0].Notes || cs[0].Role != "@risk manager" {
		t.Errorf("formula guard not undone: %+v", cs[0])
	}
	for i, c := range cs[1:] {
		in := cards[i+1]
		in.UID = "" // CSV has no place for it
		if c.Name != strings.TrimSpace(in.displayName()) && in.FirstName == "" {
			t.Errorf("name %q, want %q", c.Name, in.displayName())
		}
		in.Name = c.Name // File As carries it only when the parts do not make it
		checkCardRoundTrip(t, in, c)
	}
}

func TestWriteICS(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	stamp := time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)
	events := []Event{{
		UID: "conv-1@ally", Start: time.Date(2025, 3, 20, 14, 30, 0, 0, paris), Minutes: 20,
		Summary:     "Informational interview: Zoë O'Connor, Acme; Research",
		Location:    "Café de Flore, 172 Bd Saint-Germain, Paris",
		Description: "Guide: https://ally.example/conversations/1/guide\nPerson: Zoë O'Connor — asked for 20 minutes.\n" + strings.Repeat("Prepare questions. ", 10),
		URL:         "https://ally.example/conversations/1", Stamp: stamp, Alarms: true,
	}, {
		// After the switch to summer time.
		UID: "conv-2@ally", Start: time.Date(2025, 4, 2, 9, 0, 0, 0, paris), Minutes: 30, Summary: "Call with Li Wei", Stamp: stamp,
	}, {
		UID: "due-3@ally", Start: time.Date(2025, 3, 21, 0, 0, 0, 0, time.UTC), AllDay: true, Summary: "Send a thank-you to Zoë", Stamp: stamp,
	}}
	todos := []Todo{
		{UID: "todo-1@ally", Due: time.Date(2025, 3, 27, 0, 0, 0, 0, time.UTC), AllDay: true, Summary: "Follow up with Ngozi", Description: "No reply after 7 business days.", Stamp: stamp},
		{UID: "todo-2@ally", Due: time.Date(2025, 3, 28, 17, 0, 0, 0, paris), Summary: "Report back to the referrer", Stamp: stamp},
	}
	var buf bytes.Buffer
	if err := WriteICS(&buf, "Ally — conversations", paris, events, todos); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	checkContentLines(t, buf.Bytes())

	depth, alarms := map[string]int{}, 0
	for _, line := range strings.Split(out, "\r\n") {
		if v, ok := strings.CutPrefix(line, "BEGIN:"); ok {
			depth[v]++
			alarms += btoi(v == "VALARM")
		}
		if v, ok := strings.CutPrefix(line, "END:"); ok {
			depth[v]--
		}
	}
	for comp, d := range depth {
		if d != 0 {
			t.Errorf("BEGIN/END:%s unbalanced by %d", comp, d)
		}
	}
	if alarms != 2 {
		t.Errorf("%d VALARMs, want 2", alarms)
	}
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Ally//Ally//EN\r\n",
		"X-WR-CALNAME:Ally — conversations\r\n",
		"TZID:Europe/Paris\r\n",
		"DTSTART;TZID=Europe/Paris:20250320T143000\r\n",
		"DTEND;TZID=Europe/Paris:20250320T145000\r\n",
		"DTSTAMP:20250110T090000Z\r\n",
		"DTSTART;VALUE=DATE:20250321\r\nDTEND;VALUE=DATE:20250322\r\n",
		"DUE;VALUE=DATE:20250327\r\n",
		"DUE;TZID=Europe/Paris:20250328T170000\r\n",
		"TRIGGER:-PT15M\r\n", "TRIGGER:-PT48H\r\n",
		`SUMMARY:Informational interview: Zoë O'Connor\, Acme\; Research`,
		"END:VCALENDAR\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	checkVTimezone(t, out, paris, []time.Time{events[0].Start, events[1].Start, todos[1].Due})
	checkICSParses(t, buf.Bytes(), events, todos)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkVTimezone checks that the VTIMEZONE gives, for each moment, the
// offset Go knows for it: the observance in force is the one with the
// latest DTSTART not after the local time.
func checkVTimezone(t *testing.T, ics string, loc *time.Location, moments []time.Time) {
	t.Helper()
	start := strings.Index(ics, "BEGIN:VTIMEZONE")
	end := strings.Index(ics, "END:VTIMEZONE")
	if start < 0 || end < start {
		t.Fatal("no VTIMEZONE")
	}
	type observance struct {
		start  string
		offset string
	}
	var obs []observance
	var cur observance
	for _, line := range strings.Split(ics[start:end], "\r\n") {
		switch {
		case strings.HasPrefix(line, "DTSTART:"):
			cur.start = strings.TrimPrefix(line, "DTSTART:")
		case strings.HasPrefix(line, "TZOFFSETTO:"):
			cur.offset = strings.TrimPrefix(line, "TZOFFSETTO:")
		case line == "END:STANDARD" || line == "END:DAYLIGHT":
			obs = append(obs, cur)
		}
	}
	for _, m := range moments {
		local := m.In(loc).Format("20060102T150405")
		var in observance
		for _, o := range obs {
			if o.start <= local && o.start >= in.start {
				in = o
			}
		}
		_, off := m.In(loc).Zone()
		if in.offset != utcOffset(off) {
			t.Errorf("at %s the VTIMEZONE says %q, Go says %s (observances %+v)", local, in.offset, utcOffset(off), obs)
		}
	}
}

func TestWriteICSInUTC(t *testing.T) {
	stamp := time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)
	ny := time.FixedZone("EST", -5*3600)
	for _, loc := range []*time.Location{nil, time.UTC, time.Local} {
		var buf bytes.Buffer
		ev := Event{UID: "u1", Start: time.Date(2025, 3, 20, 9, 30, 0, 0, ny), Minutes: 15, Summary: "Coffee", Stamp: stamp}
		if err := WriteICS(&buf, "", loc, []Event{ev}, nil); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !strings.Contains(out, "DTSTART:20250320T143000Z\r\nDTEND:20250320T144500Z\r\n") || strings.Contains(out, "VTIMEZONE") {
			t.Errorf("loc %v:\n%s", loc, out)
		}
		checkICSParses(t, buf.Bytes(), []Event{ev}, nil)
	}
}

func TestWriteICSChecksEveryEntryFirst(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		events []Event
		todos  []Todo
		want   string
	}{
		{[]Event{{UID: "a", Start: now, Stamp: now}, {Start: now, Stamp: now, Summary: "x"}}, nil, "event 2 (x) has no UID"},
		{[]Event{{UID: "a", Stamp: now}}, nil, `event "a" has no start`},
		{[]Event{{UID: "a", Start: now}}, nil, `event "a" has no stamp`},
		{nil, []Todo{{Stamp: now}}, "to-do 1 () has no UID"},
		{nil, []Todo{{UID: "t"}}, `to-do "t" has no stamp`},
	} {
		var buf bytes.Buffer
		err := WriteICS(&buf, "x", nil, tt.events, tt.todos)
		if err == nil || !strings.Contains(err.Error(), tt.want) || buf.Len() != 0 {
			t.Errorf("got %v and %d bytes, want %q and nothing written", err, buf.Len(), tt.want)
		}
	}
}

func TestWriteICSWithNothingScheduledIsStillACalendar(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	var buf bytes.Buffer
	if err := WriteICS(&buf, "Empty", paris, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); !strings.HasPrefix(got, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(got, "END:VCALENDAR\r\n") || strings.Contains(got, "VTIMEZONE") {
		t.Errorf("got\n%s", got)
	}
}

func TestFoldingNeverSplitsACharacter(t *testing.T) {
	for n := range 8 {
		// Shift multibyte characters across the fold point.
		value := strings.Repeat("a", n) + strings.Repeat("é🎉東", 40)
		var buf bytes.Buffer
		lw := newLineWriter(&buf)
		lw.prop("NOTE", value)
		if err := lw.flush(); err != nil {
			t.Fatal(err)
		}
		checkContentLines(t, buf.Bytes())
		unfolded := strings.ReplaceAll(buf.String(), "\r\n ", "")
		if unfolded != "NOTE:"+value+"\r\n" {
			t.Errorf("unfolds to %q", unfolded)
		}
	}
}

func TestWriteICSAmbiguousLocalTimeAfterClocksGoBack(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	// On 26 Oct 2025, 02:30 happens twice in Paris: at 00:30 UTC (summer
	// time) and at 01:30 UTC (winter time).
	first := time.Date(2025, 10, 26, 0, 30, 0, 0, time.UTC)
	second := time.Date(2025, 10, 26, 1, 30, 0, 0, time.UTC)
	stamp := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	events := []Event{{UID: "first", Start: first, Minutes: 10, Stamp: stamp}, {UID: "second", Start: second, Minutes: 10, Stamp: stamp}}
	var buf bytes.Buffer
	if err := WriteICS(&buf, "", paris, events, nil); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// Readers disagree on which one a local 02:30 means, so both go in UTC.
	for _, want := range []string{"DTSTART:20251026T003000Z\r\n", "DTSTART:20251026T013000Z\r\n", "DTEND:20251026T004000Z\r\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	checkICSParses(t, buf.Bytes(), events, nil)
}

func TestWriteVCardsCarriesThePhoto(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 1, 2, 3}, 60)...)
	var buf bytes.Buffer
	cards := []Card{{UID: "p-1", Name: "Ann Lee", Photo: png, PhotoType: "image/png"}, {UID: "p-2", Name: "No Picture"},
		{UID: "p-3", Name: "Odd Type", Photo: png, PhotoType: "text/html"}}
	if err := WriteVCards(&buf, cards); err != nil {
		t.Fatal(err)
	}
	checkContentLines(t, buf.Bytes())
	if n := bytes.Count(buf.Bytes(), []byte("PHOTO:data:image/png;base64,")); n != 1 {
		t.Fatalf("%d PHOTO lines, want 1:\n%s", n, buf.Bytes())
	}
	cs, ps, err := readAll(ReadVCard, &buf)
	if err != nil || len(ps) != 0 || len(cs) != 3 {
		t.Fatalf("read back %d cards, %v, %v", len(cs), ps, err)
	}
	if !bytes.Equal(cs[0].Photo, png) || cs[0].PhotoType != "image/png" || cs[1].Photo != nil || cs[2].Photo != nil {
		t.Errorf("photos read back: %q %q, %v, %v", cs[0].PhotoType, cs[0].Photo, cs[1].Photo, cs[2].Photo)
	}
}
