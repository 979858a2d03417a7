package interop

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestReadLinkedInCurrentExport(t *testing.T) {
	cs, ps := readFile(t, ReadLinkedIn, "testdata/linkedin/Connections.csv")
	want := []Contact{
		{Line: 5, FirstName: "Aisha", LastName: "Rahman", Name: "Aisha Rahman", Organization: "Acme Analytics", Role: "Data Scientist",
			ProfileURL: "https://www.linkedin.com/in/aisharahman", ConnectedOn: day(2019, time.January, 3)},
		{Line: 6, FirstName: "Tom", LastName: "O'Brien", Name: "Tom O'Brien",
			Organization: "Smith, Jones & Partners, LLP", Role: `Director, "Special" Projects`,
			Emails: labeled("tom.obrien@example.com", ""), ProfileURL: "https://www.linkedin.com/in/tom-obrien-4a1b2c", ConnectedOn: day(2021, time.March, 17)},
		{Line: 7, FirstName: "José", LastName: "Álvarez Núñez", Name: "José Álvarez Núñez", Organization: "Hospital Clínic", Role: "Médico residente",
			ProfileURL: "https://www.linkedin.com/in/jos%C3%A9-%C3%A1lvarez", ConnectedOn: day(2022, time.February, 28)},
		// A quoted field over two lines: the next row's line number must still be right.
		{Line: 11, FirstName: "Priya", LastName: "Natarajan", Name: "Priya Natarajan", Organization: "Greenfield Labs",
			Role: "Founder\nAdvisor to two nonprofits", Emails: labeled("priya@example.org", ""), ProfileURL: "https://www.linkedin.com/in/priya-natarajan"},
		{Line: 14, FirstName: "Sam", LastName: "Lee 🚀", Name: "Sam Lee 🚀", Organization: "Rocket Co", Role: "Growth Lead",
			Emails: labeled("sam.lee@example.net", ""), ProfileURL: "https://www.linkedin.com/in/samlee", ConnectedOn: day(2023, time.December, 9)},
		// A row cut short keeps what it has.
		{Line: 15, FirstName: "Kim", LastName: "Park", Name: "Kim Park", ProfileURL: "https://www.linkedin.com/in/kimpark"},
		{Line: 16, FirstName: "Ngozi", LastName: "Eze", Name: "Ngozi Eze", Organization: "BBC", Role: "Producer",
			ProfileURL: "https://uk.linkedin.com/in/ngozieze", ConnectedOn: day(2018, time.July, 1)},
	}
	if len(cs) != len(want) {
		t.Fatalf("got %d contacts, want %d: %+v", len(cs), len(want), cs)
	}
	for i := range want {
		checkContact(t, cs[i], want[i])
	}
	checkProblems(t, ps, []wantProblem{
		{8, true, "empty row"},
		{9, true, `only a date ("14 Feb 2020")`},
		{10, true, "Aisha Rahman is the same person as line 5"},
		{11, false, `"sometime in 2020" is not a date`},
		{13, true, "no name"},
		{16, false, `"not-an-email" is not an e-mail address`},
	})
	for _, p := range ps {
		if want := map[int]int{10: 5}[p.Line]; p.SameAs != want {
			t.Errorf("problem on line %d: SameAs = %d, want %d", p.Line, p.SameAs, want)
		}
	}
}

func TestReadLinkedInOlderExportWithoutURLColumn(t *testing.T) {
	cs, ps := readFile(t, ReadLinkedIn, "testdata/linkedin/Connections-2018.csv")
	want := []Contact{
		{Line: 7, FirstName: "Mei", LastName: "Tanaka", Name: "Mei Tanaka", Organization: "Sakura Design", Role: "Art Director",
			Emails: labeled("mei.tanaka@example.jp", ""), ConnectedOn: day(2018, time.March, 21)},
		{Line: 8, FirstName: "Lars", LastName: "Eriksson", Name: "Lars Eriksson", Organization: "Nordic Energy AB", Role: "Engineer, Wind",
			ConnectedOn: day(2017, time.November, 2)},
	}
	if len(cs) != len(want) {
		t.Fatalf("got %d contacts, want %d: %+v", len(cs), len(want), cs)
	}
	for i := range want {
		checkContact(t, cs[i], want[i])
	}
	// Without profile URLs, the same e-mail in another case tells a duplicate.
	checkProblems(t, ps, []wantProblem{{9, true, "Mei Tanaka is the same person as line 7"}})
	if len(ps) == 1 && ps[0].SameAs != 7 {
		t.Errorf("SameAs = %d, want 7", ps[0].SameAs)
	}
}

func TestReadLinkedInFindsHeaderAfterAnyPreamble(t *testing.T) {
	for _, preamble := range []string{
		"",
		"Notes:\n",
		"Notes:\n\"one\"\n\"two, with a comma\"\n\n\n",
		"Notes:\nan unquoted note with a \"stray\" quote\n\n",
	} {
		in := preamble + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lovelace,https://linkedin.com/in/ada,,Engines,Analyst,10 Dec 2015\n"
		cs, ps, err := readAll(ReadLinkedIn, strings.NewReader(in))
		if err != nil || len(cs) != 1 || cs[0].Name != "Ada Lovelace" || len(ps) != 0 {
			t.Errorf("preamble %q: got %+v, %v, %v", preamble, cs, ps, err)
		}
	}
}

func TestReadLinkedInStopsOnCallbackError(t *testing.T) {
	stop := errors.New("database is closed")
	n := 0
	_, err := ReadLinkedIn(strings.NewReader("First Name,Last Name,Connected On\nA,B,\nC,D,\n"), func(Contact) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("got %v after %d calls, want the callback's error after 1", err, n)
	}
}

func TestNormalizeProfileURL(t *testing.T) {
	same := []string{
		"https://www.linkedin.com/in/jane-doe-123abc",
		"https://www.linkedin.com/in/Jane-Doe-123ABC/",
		"http://linkedin.com/in/jane-doe-123abc//",
		"www.linkedin.com/in/jane-doe-123abc?trk=public_profile",
		"https://de.linkedin.com/in/jane-doe-123abc#about",
		"  HTTPS://M.LINKEDIN.COM/in/jane-doe-123abc/  ",
		"linkedin.com/in/jane-doe-123abc",
	}
	for _, u := range same {
		if got := NormalizeProfileURL(u); got != "linkedin.com/in/jane-doe-123abc" {
			t.Errorf("NormalizeProfileURL(%q) = %q", u, got)
		}
	}
	for in, want := range map[string]string{
		"":    "",
		"   ": "",
		"https://www.linkedin.com/in/jos%C3%A9-%C3%A1lvarez": "linkedin.com/in/josé-álvarez",
		"https://www.linkedin.com/in/José-Álvarez/":          "linkedin.com/in/josé-álvarez",
		"https://github.com/JaneDoe/":                        "github.com/janedoe",
		"https://example.com":                                "example.com",
		"not a url":                                          "not a url",
	} {
		if got := NormalizeProfileURL(in); got != want {
			t.Errorf("NormalizeProfileURL(%q) = %q, want %q", in, got, want)
		}
	}
	if NormalizeProfileURL("https://linkedin.com/in/jane") == NormalizeProfileURL("https://linkedin.com/in/janet") {
		t.Error("different profiles compare equal")
	}
}
