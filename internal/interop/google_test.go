package interop

import (
	"strings"
	"testing"
)

func TestReadGoogleCSVCurrentFormat(t *testing.T) {
	cs, ps := readFile(t, ReadGoogleCSV, "testdata/google/contacts.csv")
	want := []Contact{{
		Line: 2, FirstName: "María", LastName: "González", Name: "María González",
		Organization: "Fundación Horizonte", Role: "Program Director", Location: "San Francisco, CA, US",
		Notes: "Met at the alumni panel, spring 2024.\nAsk about grant writing.",
		// " ::: " joins two addresses under one label; the star marks the primary one.
		Emails:     labeled("maria@horizonte.example", "Work", "mgonzalez@horizonte.example", "Work", "maria.g@mail.example", "Home"),
		Phones:     labeled("+1 415-555-0101", "Mobile"),
		URLs:       labeled("https://www.linkedin.com/in/mariagonzalez", "Profile"),
		Tags:       []string{"Mentors", "Alumni"},
		ProfileURL: "https://www.linkedin.com/in/mariagonzalez",
	}, {
		Line: 5, FirstName: "Kwame", LastName: "Mensah", Name: "Kwame A. Mensah", Organization: "Accra Civic Tech", Role: "CTO",
		Phones: labeled("+233 30 000 0000", "Work", "+233 20 000 0000", "Work"),
		Tags:   []string{"starred"},
	}, {
		Line: 7, Name: "DJ", Notes: "Only a nickname; music industry contact", Tags: []string{"Music"},
	}}
	if len(cs) != len(want) {
		t.Fatalf("got %d contacts, want %d: %+v", len(cs), len(want), cs)
	}
	for i := range want {
		checkContact(t, cs[i], want[i])
	}
	checkProblems(t, ps, []wantProblem{
		{4, true, `no name (only "recruiting-noreply@bigcorp.example")`},
		{6, true, "empty row"},
	})
}

func TestReadGoogleCSVLegacyFormatInUTF16(t *testing.T) {
	cs, ps := readFile(t, ReadGoogleCSV, "testdata/google/legacy-utf16.csv")
	want := []Contact{{
		Line: 2, FirstName: "Elena", LastName: "Petrova", Name: "Dr. Elena Petrova",
		Organization: "Moscow State University", Role: "Professor", Location: "Moscow, Russia",
		Notes:  `Physics professor; knows the "quantum" people`,
		Emails: labeled("e.petrova@uni.example", "Work"),
		Phones: labeled("+7 495 000-00-00", "Work"),
		URLs:   labeled("https://petrova.example/blog", "Blog"),
		Tags:   []string{"Professors"},
	}, {
		Line: 3, FirstName: "Omar", LastName: "Haddad", Name: "Omar Haddad", Emails: labeled("omar@haddad.example", "Home"),
	}}
	if len(cs) != len(want) {
		t.Fatalf("got %d contacts, want %d: %+v", len(cs), len(want), cs)
	}
	for i := range want {
		checkContact(t, cs[i], want[i])
	}
	checkProblems(t, ps, nil)
}

func TestReadGoogleCSVHeaderWithExtraSpacesAndBOM(t *testing.T) {
	in := "\uFEFFFirst Name , Last Name,E-mail 1 - Value,Organization Name\r\nAda,Lovelace,ada@engines.example,Analytical Engines\r\n"
	cs, _, err := readAll(ReadGoogleCSV, strings.NewReader(in))
	if err != nil || len(cs) != 1 || cs[0].Name != "Ada Lovelace" || cs[0].Emails[0].Value != "ada@engines.example" {
		t.Errorf("got %+v, %v", cs, err)
	}
}
