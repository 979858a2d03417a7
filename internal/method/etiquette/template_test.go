package etiquette

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// sampleData are realistic profiles: a student with a referrer, an alumna
// reaching a fellow graduate, a career changer writing cold, a graduate
// student who found an author, and a user who filled in almost nothing.
var sampleData = map[string]Data{
	"student with referrer": {
		UserName: "Dana Brown", UserSchool: "UMass Amherst", UserYear: "junior",
		PersonName: "Maria Lopez", Organization: "the State Department", Role: "Foreign Service Officer",
		ReferrerName: "Joe Serra", Field: "public policy", Minutes: 15,
		MeetingTime: "Thursday, March 12 at 10:00", Place: "your office",
		LearnedThing: "how much of policy work is writing short memos for busy readers",
		Article:      "a piece in Governing on how state budget offices use forecasts",
	},
	"alumna through commonality": {
		UserName: "Priya Shah", UserSchool: "Rutgers School of Nursing", UserYear: "2024 graduate",
		PersonName: "Dr. Aisha Khan", Organization: "Robert Wood Johnson University Hospital", Role: "Clinical Nurse Specialist",
		Commonality: "our shared Rutgers nursing background", Field: "clinical nursing research", Minutes: 20,
		MeetingTime: "Monday, April 6 at 12:30", Place: "the hospital cafeteria",
		LearnedThing: "that research nurses still spend part of every week on the floor",
	},
	"career changer, cold": {
		UserName:   "Marcus Lee",
		UserIntro:  "after eight years managing retail stores, I am exploring a move into UX research",
		PersonName: "Sam Rivera", Organization: "Duolingo", Role: "Senior UX Researcher",
		Field: "UX research", Minutes: 20,
		MeetingTime: "Tuesday, May 5 at 16:00",
		Article:     "an essay on running diary studies with small budgets",
	},
	"author of an article": {
		UserName: "Léa Martin", UserSchool: "Columbia University", UserYear: "MPH student",
		PersonName: "Tom O'Brien", Organization: "Partners In Health",
		Commonality: "your article on rural clinics in The Nation's Health", Field: "global health", Minutes: 30,
		LearnedThing: "why supply chains decide more than clinical skill in rural clinics",
	},
	"almost empty": {UserName: "Alex"},
}

// filled returns the template filled with d as the checker reads it: an
// email carries its subject as a first line.
func filled(t *testing.T, tp Template, d Data) string {
	t.Helper()
	subject, body, err := tp.Fill(d)
	if err != nil {
		t.Fatalf("%s: Fill: %v", tp.ID, err)
	}
	if tp.Channel == Email {
		if subject == "" {
			t.Errorf("%s: email template filled with an empty subject", tp.ID)
		}
		return "Subject: " + subject + "\n\n" + body
	}
	if subject != "" {
		t.Errorf("%s: a %s template should have no subject, got %q", tp.ID, tp.Channel, subject)
	}
	return body
}

func TestBuiltInsPassCheck(t *testing.T) {
	for name, d := range sampleData {
		for _, tp := range BuiltIns() {
			// A first-request email is chosen by the connection; the others
			// adapt to it. Only check the template Ally would pick.
			if tp.Kind == FirstRequest && tp.Channel == Email &&
				Pick(tp.Kind, tp.Channel, d.ReferrerName != "", d.Commonality != "").ID != tp.ID {
				continue
			}
			text := filled(t, tp, d)
			ctx := Context{Channel: tp.Channel, Kind: tp.Kind, ContactName: d.PersonName,
				ReferrerName: d.ReferrerName, Commonality: d.Commonality, Minutes: d.Minutes}
			for _, f := range Check(text, ctx) {
				t.Errorf("%s with %q: %s on %q: %s\n%s", tp.ID, name, f.Rule, text[f.Start:f.End], f.Message, text)
			}
		}
	}
}

func TestFillLeavesNoTrace(t *testing.T) {
	for name, d := range sampleData {
		for _, tp := range BuiltIns() {
			subject, body, err := tp.Fill(d)
			if err != nil {
				t.Fatalf("%s with %q: %v", tp.ID, name, err)
			}
			for _, s := range []string{subject, body} {
				for _, bad := range []string{"<no value>", "  ", " ,", " .", "..", ",,", "\n\n\n", "{{", "()", " \n", "\n "} {
					if strings.Contains(s, bad) {
						t.Errorf("%s with %q: %q in\n%s", tp.ID, name, bad, s)
					}
				}
			}
		}
	}
}

func TestReferralSubjectIsExact(t *testing.T) {
	subject, _, err := Pick(FirstRequest, Email, true, false).Fill(sampleData["student with referrer"])
	if err != nil {
		t.Fatal(err)
	}
	if want := "Joe Serra suggested I contact you"; subject != want {
		t.Errorf("subject = %q, want %q", subject, want)
	}
}

func TestSocialNoteFitsAConnectionRequest(t *testing.T) {
	tp := Pick(FirstRequest, Social, false, false)
	for name, d := range sampleData {
		_, body, err := tp.Fill(d)
		if err != nil {
			t.Fatal(err)
		}
		if n := utf8.RuneCountInString(body); n >= 300 {
			t.Errorf("social note with %q is %d characters, want under 300:\n%s", name, n, body)
		}
	}
}

func TestThankYouMentionsWhatWasLearned(t *testing.T) {
	for _, ch := range []Channel{Email, Letter} {
		d := sampleData["alumna through commonality"]
		_, body, err := Pick(ThankYou, ch, false, true).Fill(d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(body, d.LearnedThing) {
			t.Errorf("%s thank-you does not mention what was learned:\n%s", ch, body)
		}
	}
}

func TestFillDegradesGracefully(t *testing.T) {
	_, body, err := Pick(FirstRequest, Email, false, false).Fill(Data{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(body, "Hello,\n\n") || !strings.Contains(body, "20 minutes") || !strings.Contains(body, "your field") {
		t.Errorf("empty data should give a generic greeting, 20 minutes and 'your field':\n%s", body)
	}
}

func TestPick(t *testing.T) {
	tests := []struct {
		kind        Kind
		ch          Channel
		ref, common bool
		wantID      string
		wantKind    Kind
		wantChannel Channel
	}{
		{FirstRequest, Email, true, true, "email-referral", FirstRequest, Email},
		{FirstRequest, Email, false, true, "email-commonality", FirstRequest, Email},
		{FirstRequest, Email, false, false, "email-cold", FirstRequest, Email},
		{"", "", false, false, "email-cold", FirstRequest, Email},
		{FirstRequest, Letter, true, false, "letter-request", FirstRequest, Letter},
		{FirstRequest, Phone, false, false, "phone-script", FirstRequest, Phone},
		{FirstRequest, Social, true, false, "social-note", FirstRequest, Social},
		{FollowUp, Email, true, false, "follow-up", FollowUp, Email},
		{FollowUp, Phone, true, false, "follow-up", FollowUp, Email},
		{Confirm, Email, false, false, "confirm", Confirm, Email},
		{ThankYou, Email, false, false, "thank-you", ThankYou, Email},
		{ThankYou, Letter, false, false, "thank-you-letter", ThankYou, Letter},
		{ReportBack, Email, true, false, "report-back", ReportBack, Email},
		{KeepInTouch, Social, false, false, "keep-in-touch", KeepInTouch, Email},
		{Feeler, Email, false, false, "feeler", Feeler, Email},
	}
	for _, tt := range tests {
		got := Pick(tt.kind, tt.ch, tt.ref, tt.common)
		if got.ID != tt.wantID || got.Kind != tt.wantKind || got.Channel != tt.wantChannel || !got.BuiltIn {
			t.Errorf("Pick(%q, %q, %v, %v) = %s (%s/%s, built-in %v), want %s", tt.kind, tt.ch, tt.ref, tt.common,
				got.ID, got.Kind, got.Channel, got.BuiltIn, tt.wantID)
		}
	}
}

func TestBuiltInsCoverEveryStage(t *testing.T) {
	ids := map[string]bool{}
	kinds := map[Kind]bool{}
	for _, tp := range BuiltIns() {
		if ids[tp.ID] {
			t.Errorf("duplicate template id %s", tp.ID)
		}
		ids[tp.ID] = true
		kinds[tp.Kind] = true
		if tp.Name == "" || !tp.BuiltIn || tp.Validate() != nil {
			t.Errorf("template %s: name %q, built-in %v, validate %v", tp.ID, tp.Name, tp.BuiltIn, tp.Validate())
		}
	}
	for _, k := range Kinds() {
		if !kinds[k] {
			t.Errorf("no built-in template for %s", k)
		}
	}
	b := BuiltIns()
	b[0].Body = "changed"
	if BuiltIns()[0].Body == "changed" {
		t.Error("BuiltIns() must return a copy")
	}
}

func TestUserTemplates(t *testing.T) {
	ok := Template{ID: "mine", Kind: ThankYou, Channel: Email, Subject: "Thanks, {{.PersonFirstName}}", Body: "{{.Hi}}\n\nThank you , {{.PersonFirstName}} !"}
	subject, body, err := ok.Fill(Data{PersonName: "Dr. Aisha Khan"})
	if err != nil {
		t.Fatal(err)
	}
	if subject != "Thanks, Aisha" || body != "Hi Aisha,\n\nThank you, Aisha!" {
		t.Errorf("Fill = %q, %q", subject, body)
	}
	for _, bad := range []Template{
		{ID: "unknown-field", Body: "Hello {{.Nickname}}"},
		{ID: "bad-syntax", Body: "Hello {{.PersonName"},
		{ID: "bad-subject", Subject: "{{if}}", Body: "x"},
	} {
		if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), bad.ID) {
			t.Errorf("Validate(%s) = %v, want an error naming the template", bad.ID, err)
		}
	}
}

func TestIntroPhrasing(t *testing.T) {
	tests := []struct {
		d    Data
		want string
	}{
		{Data{UserName: "Dana", UserSchool: "UMass", UserYear: "junior"}, "My name is Dana, and I am a junior at UMass."},
		{Data{UserName: "Léa", UserSchool: "Columbia", UserYear: "MPH student"}, "My name is Léa, and I am an MPH student at Columbia."},
		{Data{UserName: "Priya", UserSchool: "Rutgers", UserYear: "2024 graduate"}, "My name is Priya, and I am a 2024 graduate of Rutgers."},
		{Data{UserName: "Ana", UserSchool: "Reed"}, "My name is Ana, and I am a student at Reed."},
		{Data{UserName: "Ana", UserYear: "undergraduate"}, "My name is Ana, and I am an undergraduate."},
		{Data{UserName: "Marcus", UserIntro: "i manage retail stores", UserSchool: "ignored"}, "My name is Marcus. I manage retail stores."},
		{Data{UserName: "Alex"}, "My name is Alex."},
		{Data{UserYear: "senior"}, "I am a senior."},
		{Data{}, ""},
	}
	for _, tt := range tests {
		if got := newView(tt.d).Intro; got != tt.want {
			t.Errorf("Intro(%+v) = %q, want %q", tt.d, got, tt.want)
		}
	}
	if v := newView(Data{PersonName: "Dr. Aisha Khan", ReferrerName: "Prof. Joe Serra"}); v.PersonFirstName != "Aisha" || v.ReferrerFirstName != "Joe" || v.Hi != "Hi Aisha," {
		t.Errorf("first names: %q, %q, %q", v.PersonFirstName, v.ReferrerFirstName, v.Hi)
	}
}

func TestTidy(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello  world .", "Hello world."},
		{"a ,b", "a,b"},
		{"done..", "done."},
		{"wait...", "wait..."},
		{"( note ) x", "(note) x"},
		{"empty () here", "empty here"},
		{"\n\nA\n\n\n\nB \n\n", "A\n\nB"},
		{"x ,.", "x."},
	}
	for _, tt := range tests {
		if got := tidy(tt.in); got != tt.want {
			t.Errorf("tidy(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Someone the user knows gets the "someone you know" request; someone
// suggested by a referrer who may not be named gets the cold one with a
// neutral line. Both fill to a message the checker finds nothing in.
func TestKnownAndUnnamedReferralRequestsPassCheck(t *testing.T) {
	if got := PickKnown(FirstRequest, Email, false, false, true).ID; got != "email-known" {
		t.Fatalf("a friend's request is %s, want email-known", got)
	}
	if got := PickKnown(FirstRequest, Phone, false, false, true).ID; got != "phone-script" {
		t.Fatalf("a friend's phone request is %s, want phone-script", got)
	}
	for name, d := range sampleData {
		known := PickKnown(FirstRequest, Email, false, false, true)
		d.ReferrerName, d.ReferrerFirstName, d.Commonality = "", "", ""
		unnamed := d
		unnamed.ReferrerName, unnamed.ReferrerFirstName, unnamed.Commonality, unnamed.Suggested = "", "", "", true
		cold := Pick(FirstRequest, Email, false, false)
		for _, c := range []struct {
			tp Template
			d  Data
		}{{known, d}, {cold, unnamed}} {
			text := filled(t, c.tp, c.d)
			ctx := Context{Channel: Email, Kind: FirstRequest, ContactName: c.d.PersonName,
				ReferrerName: c.d.ReferrerName, Commonality: c.d.Commonality, Minutes: c.d.Minutes}
			for _, f := range Check(text, ctx) {
				t.Errorf("%s with %q: %s on %q: %s\n%s", c.tp.ID, name, f.Rule, text[f.Start:f.End], f.Message, text)
			}
			if c.d.Suggested && !strings.Contains(text, "through a colleague") {
				t.Errorf("%s with %q: no neutral line\n%s", c.tp.ID, name, text)
			}
		}
	}
}
