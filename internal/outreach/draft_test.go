package outreach_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

var now = storetest.Now

func newYork(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// withProfile sets the explorer's profile as the demo story tells it.
func withProfile(t testing.TB, sc *store.Scope) {
	t.Helper()
	ctx := context.Background()
	s, err := sc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.TimeZone, s.UserName, s.School, s.Year = "America/New_York", "Jordan Lee", "Riverbend State University", "senior"
	if err := sc.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
}

// loadStory loads the demo story with the explorer's profile.
func loadStory(t testing.TB, db *storetest.DB) *store.Scope {
	t.Helper()
	sc := db.Scope()
	if _, err := sc.LoadBulk(context.Background(), demo.Story(now, newYork(t)), now); err != nil {
		t.Fatal(err)
	}
	withProfile(t, sc)
	return sc
}

func personID(t testing.TB, sc *store.Scope, name string) int64 {
	t.Helper()
	id, _, err := sc.ResolvePerson(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestStageKindFollowsTheLifecycle(t *testing.T) {
	tests := []struct {
		state     model.State
		followUps int
		referrer  bool
		want      etiquette.Kind // "" for a StageError
	}{
		{model.StateIdea, 0, false, etiquette.FirstRequest},
		{model.StateRequested, 0, false, etiquette.FollowUp},
		{model.StateFollowedUp, 1, false, etiquette.FollowUp},
		{model.StateFollowedUp, 2, false, ""},
		{model.StateScheduled, 0, false, etiquette.Confirm},
		{model.StateConfirmed, 0, false, etiquette.ThankYou},
		{model.StateHeld, 0, false, etiquette.ThankYou},
		{model.StateThanked, 0, true, etiquette.ReportBack},
		{model.StateThanked, 0, false, etiquette.KeepInTouch},
		{model.StateReportedBack, 0, true, etiquette.KeepInTouch},
		{model.StateKeepingInTouch, 0, false, etiquette.KeepInTouch},
		{model.StateDeclined, 0, false, etiquette.FirstRequest},
		{model.StateCancelled, 0, false, etiquette.FirstRequest},
		{model.StateNoReply, 1, false, ""},
	}
	for _, tc := range tests {
		got, err := outreach.StageKind(&model.Conversation{ID: 1, State: tc.state, FollowUps: tc.followUps}, tc.referrer)
		var se *outreach.StageError
		if got != tc.want || (tc.want == "") != errors.As(err, &se) {
			t.Errorf("%s (%d follow-ups, referrer %v): %q, %v; want %q", tc.state, tc.followUps, tc.referrer, got, err, tc.want)
		}
	}
	if k, err := outreach.StageKind(nil, false); k != etiquette.FirstRequest || err != nil {
		t.Errorf("no conversation: %q, %v", k, err)
	}
}

func TestPhrasesReadInsideASentence(t *testing.T) {
	commonality := map[string]string{
		"":                                      "",
		"our shared Riverbend background.":      "our shared Riverbend background",
		"Your article on rural clinics":         "your article on rural clinics",
		"the MAWEA mentoring program":           "the MAWEA mentoring program",
		"RSU '14, also a statistics minor":      "our connection: RSU '14, also a statistics minor",
		"  Met at  Philly UX Night  ":           "our connection: Met at Philly UX Night",
		"membership in the Data Viz Society":    "membership in the Data Viz Society",
		"Took her Water Resources course; fall": "our connection: Took her Water Resources course; fall",
	}
	for in, want := range commonality {
		if got := outreach.CommonalityPhrase(in); got != want {
			t.Errorf("CommonalityPhrase(%q) = %q, want %q", in, got, want)
		}
	}
	fields := map[string]string{
		"Public policy":             "public policy",
		"UX research":               "UX research",
		"Environmental engineering": "environmental engineering",
		"Foreign Service":           "Foreign Service",
		"Law":                       "law",
		"AI":                        "AI",
		"McKinsey consulting":       "McKinsey consulting",
		"data  journalism":          "data journalism",
	}
	for in, want := range fields {
		if got := outreach.FieldPhrase(in); got != want {
			t.Errorf("FieldPhrase(%q) = %q, want %q", in, got, want)
		}
	}
	learned := map[string]string{
		"": "",
		"Budget memos are written in a day. Then they wait.": "that budget memos are written in a day",
		"  how permits shape a design!":                      "how permits shape a design",
		"What a plan reviewer actually checks":               "what a plan reviewer actually checks",
		"McKinsey hires generalists more than specialists":   "that McKinsey hires generalists more than specialists",
		"Most of the job is field work, not the office; ...": "that most of the job is field work, not the office",
	}
	for in, want := range learned {
		if got := outreach.LearnedPhrase(in); got != want {
			t.Errorf("LearnedPhrase(%q) = %q, want %q", in, got, want)
		}
	}
	if got := outreach.MeetingTime(time.Date(2026, 12, 3, 15, 30, 0, 0, time.UTC), newYork(t)); got != "Thursday, December 3 at 10:30" {
		t.Errorf("MeetingTime = %q", got)
	}
}

func TestDefaultChannelFollowsTheContactDetails(t *testing.T) {
	tests := []struct {
		p    model.Person
		want etiquette.Channel
	}{
		{model.Person{Emails: []string{"a@example.org"}, Phone: "1", URL: "https://x"}, etiquette.Email},
		{model.Person{Phone: "215-555-0190", URL: "https://x"}, etiquette.Phone},
		{model.Person{URL: "https://example.com/in/x"}, etiquette.Social},
		{model.Person{}, etiquette.Email},
	}
	for _, tc := range tests {
		if got := outreach.DefaultChannel(&tc.p); got != tc.want {
			t.Errorf("DefaultChannel(%+v) = %s, want %s", tc.p, got, tc.want)
		}
	}
}

// TestComposeFillsFromThePersonReferrerConversationAndProfile checks each
// placeholder's source on a hand-made set of facts.
func TestComposeFillsFromThePersonReferrerConversationAndProfile(t *testing.T) {
	meeting := time.Date(2026, 12, 3, 15, 30, 0, 0, time.UTC)
	settings := method.DefaultSettings()
	settings.TimeZone, settings.UserName, settings.School, settings.Year = "America/New_York", "Jordan Lee", "Riverbend State University", "senior"
	f := outreach.Facts{
		Person: &model.Person{ID: 2, Name: "Marcus Okafor", Organization: &model.Ref{ID: 1, Name: "Hollis & Grant Engineering"},
			Emails: []string{"mokafor@example.com"}, ReferredBy: &model.Ref{ID: 1, Name: "Dr. Elena Vasquez"}, NamePermission: model.NameYes,
			Fields: []model.Ref{{ID: 1, Name: "Environmental engineering"}}},
		Referrer: &model.Person{ID: 1, Name: "Dr. Elena Vasquez", Emails: []string{"elena@example.org"}},
		Conversation: &model.Conversation{ID: 7, State: model.StateScheduled, Minutes: 15, Channel: model.ChannelInPerson,
			Place: "his office", MeetingAt: &meeting, Fields: []model.Ref{{ID: 1, Name: "Environmental engineering"}}},
		Settings:  settings,
		Templates: nil,
	}
	tests := []struct {
		req      outreach.Request
		kind     etiquette.Kind
		template string
		to       string
		contains []string
	}{
		{outreach.Request{}, etiquette.Confirm, "confirm", "Marcus Okafor",
			[]string{"Hi Marcus,", "15-minute conversation on Thursday, December 3 at 10:30 at his office", "work in environmental engineering", "Jordan Lee"}},
		{outreach.Request{Kind: etiquette.FirstRequest}, etiquette.FirstRequest, "email-referral", "Marcus Okafor",
			[]string{"Subject: Dr. Elena Vasquez suggested I contact you", "My name is Jordan Lee, and I am a senior at Riverbend State University.",
				"your experience at Hollis & Grant Engineering", "Would you have 15 minutes"}},
		{outreach.Request{Kind: etiquette.ThankYou, Learned: "how permits shape a design."}, etiquette.ThankYou, "thank-you", "Marcus Okafor",
			[]string{"I especially valued learning how permits shape a design.", "I will also tell Elena how helpful"}},
		{outreach.Request{Kind: etiquette.ReportBack}, etiquette.ReportBack, "report-back", "Dr. Elena Vasquez",
			[]string{"Hi Elena,", "I spoke with Marcus Okafor at Hollis & Grant Engineering"}},
		{outreach.Request{Kind: etiquette.FirstRequest, Channel: etiquette.Phone}, etiquette.FirstRequest, "phone-script", "Marcus Okafor",
			[]string{"this is Jordan Lee. Dr. Elena Vasquez suggested I call you."}},
	}
	// The write-up's "In short" line fills a thank-you when the user names
	// nothing else, and the user's own words win over it.
	held := *f.Conversation
	held.State, held.Summary = model.StateHeld, "Permits decide half of a design. The rest is budget."
	withSummary := f
	withSummary.Conversation = &held
	for _, tc := range []struct {
		req  outreach.Request
		want string
	}{
		{outreach.Request{Kind: etiquette.ThankYou}, "I especially valued learning that permits decide half of a design."},
		{outreach.Request{Kind: etiquette.ThankYou, Learned: "how bids are priced"}, "I especially valued learning how bids are priced."},
	} {
		d, err := outreach.Compose(withSummary, tc.req)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(d.Text(), tc.want) {
			t.Errorf("thank-you with a summary lacks %q:\n%s", tc.want, d.Text())
		}
	}
	for _, tc := range tests {
		d, err := outreach.Compose(f, tc.req)
		if err != nil {
			t.Fatalf("%+v: %v", tc.req, err)
		}
		if d.Kind != tc.kind || d.TemplateID != tc.template || d.To.Name != tc.to || d.ConversationID != 7 {
			t.Errorf("%+v: kind %s template %s to %s convo %d", tc.req, d.Kind, d.TemplateID, d.To.Name, d.ConversationID)
		}
		for _, s := range tc.contains {
			if !strings.Contains(d.Text(), s) {
				t.Errorf("%s draft lacks %q:\n%s", d.Kind, s, d.Text())
			}
		}
		if len(d.Findings) != 0 {
			t.Errorf("%s draft has findings %+v:\n%s", d.Kind, d.Findings, d.Text())
		}
		if d.Channel == etiquette.Email && !strings.HasPrefix(d.Mailto, "mailto:") {
			t.Errorf("%s draft: mailto %q", d.Kind, d.Mailto)
		}
	}

	// A report-back goes to the referrer's address.
	d, _ := outreach.Compose(f, outreach.Request{Kind: etiquette.ReportBack})
	if strings.Join(d.Addresses, ",") != "elena@example.org" || !strings.HasPrefix(d.Mailto, "mailto:elena@example.org?subject=") {
		t.Errorf("report-back addressed to %v (%s)", d.Addresses, d.Mailto)
	}
	// The user's edit of a built-in replaces Ally's words.
	edited := store.Template{Template: etiquette.Pick(etiquette.Confirm, etiquette.Email, false, false), Edited: true}
	edited.Body = "Hi {{.PersonFirstName}}, see you {{.MeetingTime}}. {{.UserName}}"
	f.Templates = []store.Template{edited}
	if d, err := outreach.Compose(f, outreach.Request{}); err != nil || d.Body != "Hi Marcus, see you Thursday, December 3 at 10:30. Jordan Lee" {
		t.Errorf("edited template: %q, %v", d.Body, err)
	}
	// A template asked for by id wins over the stage.
	own := store.Template{Template: etiquette.Template{ID: "my-short", Kind: etiquette.KeepInTouch, Channel: etiquette.Social, Body: "{{.Hi}} thinking of you. {{.UserName}}"}}
	f.Templates = append(f.Templates, own)
	if d, err := outreach.Compose(f, outreach.Request{TemplateID: "my-short"}); err != nil || d.Kind != etiquette.KeepInTouch || d.Body != "Hi Marcus, thinking of you. Jordan Lee" || d.Mailto != "" {
		t.Errorf("own template: %+v, %v", d, err)
	}
	if _, err := outreach.Compose(f, outreach.Request{TemplateID: "my-nothing"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown template: %v", err)
	}
	// Nobody is written to against their wish, and a report-back needs a referrer.
	f.Person.DoNotContact = true
	if _, err := outreach.Compose(f, outreach.Request{}); err == nil {
		t.Error("drafted for a person marked do not contact")
	}
	f.Person.DoNotContact, f.Person.ReferredBy, f.Referrer = false, nil, nil
	if _, err := outreach.Compose(f, outreach.Request{Kind: etiquette.ReportBack}); model.AsErrors(err) == nil {
		t.Errorf("report-back without a referrer: %v", err)
	}
}

// TestDemoDraftsAreClean fills every built-in for every person of the demo
// story, with their conversation, and checks that the checker finds
// nothing: what the issue asks of the templates.
func TestDemoDraftsAreClean(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := loadStory(t, db)
		people, _, err := sc.People(ctx, store.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		drafts := 0
		for _, p := range people {
			if p.DoNotContact {
				continue
			}
			for _, tp := range etiquette.BuiltIns() {
				if tp.Kind == etiquette.ReportBack && p.ReferredBy == nil {
					continue
				}
				// The three email first requests are each for one kind of
				// connection; the others adapt to it.
				fits := etiquette.Pick(etiquette.FirstRequest, etiquette.Email, p.ReferredBy != nil, p.Commonality != "")
				if tp.Kind == etiquette.FirstRequest && tp.Channel == etiquette.Email && tp.ID != fits.ID {
					continue
				}
				d, err := outreach.Prepare(ctx, sc, outreach.Target{PersonID: p.ID}, outreach.Request{TemplateID: tp.ID,
					Learned: "how much of the work is explaining data to people who did not ask for it"})
				if err != nil {
					t.Errorf("%s, %s: %v", p.Name, tp.ID, err)
					continue
				}
				drafts++
				if len(d.Findings) > 0 || strings.Contains(d.Text(), "<no value>") {
					t.Errorf("%s, %s: findings %+v in\n%s", p.Name, tp.ID, d.Findings, d.Text())
				}
			}
			// And the draft for the stage the person is at.
			d, err := outreach.Prepare(ctx, sc, outreach.Target{PersonID: p.ID}, outreach.Request{})
			var se *outreach.StageError
			if errors.As(err, &se) {
				continue
			}
			if err != nil || len(d.Findings) > 0 {
				t.Errorf("%s, stage draft: %v %+v", p.Name, err, d)
			}
		}
		if drafts < 250 {
			t.Errorf("only %d drafts checked", drafts)
		}
	})
}

func TestPrepareChoosesByStageAndContactDetails(t *testing.T) {
	db := storetest.SQLite(t)
	sc := loadStory(t, db)
	ctx := context.Background()
	tests := []struct {
		person   string
		kind     etiquette.Kind
		channel  etiquette.Channel
		template string
	}{
		{"Keisha Robinson", etiquette.FirstRequest, etiquette.Email, "email-referral"}, // referred, no address
		{"Anita Desai", etiquette.FirstRequest, etiquette.Email, "email-commonality"},
		{"Grace Liu", etiquette.FirstRequest, etiquette.Email, "email-cold"}, // association, nothing noted
		{"David Park", etiquette.FirstRequest, etiquette.Social, "social-note"},
		{"Aisha Bello", etiquette.FollowUp, etiquette.Email, "follow-up"},
		{"Daniel Kim", etiquette.Confirm, etiquette.Email, "confirm"},
		{"Ngozi Eze", etiquette.ThankYou, etiquette.Email, "thank-you"},
		{"Priya Raman", etiquette.ReportBack, etiquette.Email, "report-back"},
		{"Elena Vasquez", etiquette.KeepInTouch, etiquette.Email, "keep-in-touch"},
	}
	for _, tc := range tests {
		d, err := outreach.Prepare(ctx, sc, outreach.Target{PersonID: personID(t, sc, tc.person)}, outreach.Request{})
		if err != nil {
			t.Errorf("%s: %v", tc.person, err)
			continue
		}
		if d.Kind != tc.kind || d.Channel != tc.channel || d.TemplateID != tc.template {
			t.Errorf("%s: %s %s %s, want %s %s %s", tc.person, d.Kind, d.Channel, d.TemplateID, tc.kind, tc.channel, tc.template)
		}
	}
	// The phone script for someone known only by phone.
	d, err := outreach.Prepare(ctx, sc, outreach.Target{PersonID: personID(t, sc, "Joe Serra")}, outreach.Request{Kind: etiquette.FirstRequest})
	if err != nil || d.TemplateID != "phone-script" || d.Subject != "" || d.Mailto != "" || !strings.Contains(d.Body, "I am calling because of our connection: We climb at the same gym") {
		t.Errorf("Joe Serra: %+v, %v", d, err)
	}
	// Closed with no reply: nothing to write unless asked.
	zhang := personID(t, sc, "Wei Zhang")
	var se *outreach.StageError
	if _, err := outreach.Prepare(ctx, sc, outreach.Target{PersonID: zhang}, outreach.Request{}); !errors.As(err, &se) {
		t.Errorf("no_reply: %v", err)
	}
	if _, err := outreach.Prepare(ctx, sc, outreach.Target{PersonID: zhang}, outreach.Request{Kind: etiquette.KeepInTouch}); err != nil {
		t.Errorf("no_reply with a kind: %v", err)
	}
	// A conversation and a person that do not go together.
	if _, err := outreach.Prepare(ctx, sc, outreach.Target{PersonID: zhang, ConversationID: 1}, outreach.Request{}); err == nil {
		t.Error("mismatched person and conversation accepted")
	}
	// Check: the composer's live check knows the referrer.
	fs, err := outreach.Check(ctx, sc, outreach.Target{PersonID: personID(t, sc, "Keisha Robinson")}, "", "",
		"Subject: Hello\n\nHi Keisha, I am a senior. Could I have 20 minutes at your convenience to learn about your work? A call works too.\nJordan")
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range fs {
		rules = append(rules, f.Rule)
	}
	if got := strings.Join(rules, ","); got != "subject_not_referrer,no_referrer" {
		t.Errorf("live check found %s", got)
	}
}

// The first keep-in-touch note after a conversation is the method's "here
// is what I did with your advice" update; later notes, or one sharing an
// article, are the ordinary keep-in-touch note.
func TestTheFirstKeepInTouchNoteTellsWhatWasDoneWithTheAdvice(t *testing.T) {
	settings := method.DefaultSettings()
	settings.UserName = "Jordan Lee"
	facts := func(st model.State) outreach.Facts {
		return outreach.Facts{
			Person:       &model.Person{ID: 2, Name: "Marcus Okafor", Emails: []string{"m@example.com"}, Organization: &model.Ref{ID: 1, Name: "Hollis & Grant"}},
			Conversation: &model.Conversation{ID: 7, State: st, Minutes: 20, Fields: []model.Ref{{ID: 1, Name: "Environmental engineering"}}},
			Settings:     settings,
		}
	}
	tests := []struct {
		name     string
		state    model.State
		req      outreach.Request
		template string
		contains []string
	}{
		{"thanked, in the user's words", model.StateThanked, outreach.Request{AdviceTaken: "joined the state water association and went to its spring meeting."},
			etiquette.AdviceUpdateID, []string{"Subject: What I did with your advice", "When we spoke about environmental engineering, I promised to let you know what came of your advice.",
				"Since then, I joined the state water association and went to its spring meeting.", "everyone at Hollis & Grant"}},
		{"reported back, no words yet", model.StateReportedBack, outreach.Request{},
			etiquette.AdviceUpdateID, []string{"Since then, I have followed up on your suggestions"}},
		{"with an article to share", model.StateThanked, outreach.Request{Article: "a piece on stormwater permits"},
			"keep-in-touch", []string{"I came across a piece on stormwater permits"}},
		{"keeping in touch already", model.StateKeepingInTouch, outreach.Request{AdviceTaken: "joined the association"},
			"keep-in-touch", []string{"A quick update"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := outreach.Compose(facts(tt.state), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if d.Kind != etiquette.KeepInTouch || d.TemplateID != tt.template {
				t.Errorf("%s with %s, want a keep-in-touch note with %s", d.Kind, d.TemplateID, tt.template)
			}
			for _, w := range tt.contains {
				if !strings.Contains(d.Text(), w) {
					t.Errorf("the draft does not say %q:\n%s", w, d.Text())
				}
			}
			if etiquette.HasErrors(d.Findings) {
				t.Errorf("the checker finds errors in Ally's own draft: %+v", d.Findings)
			}
		})
	}
	if !outreach.AdviceUpdateDue(&model.Conversation{State: model.StateThanked}) || outreach.AdviceUpdateDue(&model.Conversation{State: model.StateHeld}) || outreach.AdviceUpdateDue(nil) {
		t.Error("AdviceUpdateDue: only a conversation thanked or reported back, before any keep-in-touch note")
	}
}
