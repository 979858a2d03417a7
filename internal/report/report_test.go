package report_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/report"
	"github.com/ally-dev/ally/internal/store"
)

var asOf = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

func convo(id, person int64, name string, heldDaysAgo int, notes string) report.Conversation {
	held := asOf.Add(-time.Duration(heldDaysAgo) * 24 * time.Hour)
	return report.Conversation{Conversation: &model.Conversation{ID: id, Person: model.Ref{ID: person, Name: name},
		State: model.StateThanked, HeldAt: &held, Notes: notes}}
}

func field(target int) model.Field { return model.Field{ID: 1, Name: "Public policy", Target: target} }

func TestPerspectivesWarning(t *testing.T) {
	tests := []struct {
		name   string
		convos []report.Conversation
		warn   string // what the warning starts with; "" for none
		n      int
	}{
		{"none held", nil, "No perspectives yet: talk to at least 3 people in Public policy", 0},
		{"one", []report.Conversation{convo(1, 1, "Ann", 3, "")}, "Only 1 perspective so far: don't let one conversation sway you", 1},
		{"two conversations with one person are one perspective", []report.Conversation{convo(1, 1, "Ann", 9, ""), convo(2, 1, "Ann", 3, "")}, "Only 1 perspective so far", 1},
		{"two", []report.Conversation{convo(1, 1, "Ann", 9, ""), convo(2, 2, "Ben", 3, "")}, "Only 2 perspectives so far: don't let one conversation sway you", 2},
		{"three", []report.Conversation{convo(1, 1, "Ann", 9, ""), convo(2, 2, "Ben", 3, ""), convo(3, 3, "Cy", 1, "")}, "", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := report.Build(report.Input{Field: field(5), Conversations: tt.convos, AsOf: asOf})
			if r.Perspectives != tt.n || (r.Warning != "") != (tt.warn != "") || !strings.HasPrefix(r.Warning, tt.warn) {
				t.Fatalf("perspectives %d, warning %q, want it to start %q", r.Perspectives, r.Warning, tt.warn)
			}
			if strings.Contains(r.Warning, "Only 0") {
				t.Fatalf("warning = %q", r.Warning)
			}
			if len(r.Columns) != len(tt.convos) || len(r.Rows) != 9 {
				t.Fatalf("%d columns, %d rows", len(r.Columns), len(r.Rows))
			}
		})
	}
}

func TestRowsColumnsAndCoverage(t *testing.T) {
	in := report.Input{
		Field: field(3),
		// Given newest first: the report puts them oldest first.
		Conversations: []report.Conversation{
			convo(2, 2, "Ben", 2, "## Lifestyle\nLong weeks.\n\n## Advice\nRead the budget."),
			convo(1, 1, "Ann", 9, "Kind and direct.\n\n## Career path\nCampaign, then council."),
		},
		QuestionNotes: []store.QuestionNote{
			{ConversationID: 1, QuestionID: "work-typical-day", Topic: questions.TopicWork, Question: "Could you walk me through a week?", Text: "Hearings on Tuesdays"},
			{ConversationID: 2, QuestionID: "trends-changes", Topic: questions.TopicTrends, Question: "What is changing?", Text: "  "},
			{ConversationID: 99, QuestionID: "entry-story", Topic: questions.TopicEntry, Question: "How did you start?", Text: "not in this field"},
		},
		AsOf: asOf,
	}
	r := report.Build(in)
	if r.Columns[0].Person != "Ann" || r.Columns[1].Person != "Ben" || r.Columns[0].Held != "11 Nov 2026" {
		t.Fatalf("columns = %+v", r.Columns)
	}
	cellOf := func(title string, col int) report.Cell {
		for _, row := range r.Rows {
			if row.Title == title {
				return row.Cells[col]
			}
		}
		t.Fatalf("no row %q", title)
		return report.Cell{}
	}
	if c := cellOf("The work itself", 0); len(c.Quick) != 1 || c.Quick[0].Note != "Hearings on Tuesdays" || c.Notes != "" {
		t.Errorf("Ann on the work = %+v", c)
	}
	if c := cellOf("Career path", 0); c.Notes != "Campaign, then council." {
		t.Errorf("Ann on her path = %+v", c)
	}
	if c := cellOf("Lifestyle", 1); c.Notes != "Long weeks." {
		t.Errorf("Ben on lifestyle = %+v", c)
	}
	if c := cellOf(report.GeneralTitle, 1); c.Notes != "## Advice\nRead the budget." {
		t.Errorf("Ben's other notes = %+v", c)
	}
	if c := cellOf("The field's trends and problems", 1); !c.Empty() {
		t.Errorf("a blank quick note should not count: %+v", c)
	}
	var uncovered []string
	for _, u := range r.Uncovered {
		uncovered = append(uncovered, string(u.Topic))
	}
	if got := strings.Join(uncovered, ","); got != "entry,skills,environment,trends,resources" {
		t.Errorf("uncovered = %s", got)
	}
}

func TestSkillWordsTermsResourcesAndSteps(t *testing.T) {
	in := report.Input{
		Field: field(3),
		Conversations: []report.Conversation{
			convo(1, 1, "Ann", 9, "Skill words: *GIS*, *budgeting*"),
			convo(2, 2, "Ben", 3, "## Skills\nSkill words: *gis*, *testimony*"),
			convo(3, 3, "Cy", 1, ""),
		},
		QuestionNotes: []store.QuestionNote{
			{ConversationID: 3, QuestionID: "skills-success", Topic: questions.TopicSkills, Question: "What makes someone successful?", Text: "skill words: Budgeting, listening"},
		},
		Captures: []store.Capture{
			{ID: 1, ConversationID: 1, Kind: store.CaptureSkillWord, Text: "GIS"}, // once per conversation
			{ID: 2, ConversationID: 3, Kind: store.CaptureSkillWord, Text: "GIS"},
			{ID: 3, ConversationID: 2, Kind: store.CaptureTerm, Text: "PAYGO"},
			{ID: 4, ConversationID: 1, Kind: store.CaptureTerm, Text: "CBO score", Resolved: true},
			{ID: 5, ConversationID: 1, Kind: store.CaptureTerm, Text: "markup"},
			{ID: 6, ConversationID: 2, Kind: store.CaptureResource, Text: "Governing magazine", ResourceKind: store.ResourcePublication},
			{ID: 7, ConversationID: 3, Kind: store.CaptureResource, Text: "APPAM", ResourceKind: store.ResourceAssociation, Note: "student rate"},
			{ID: 8, ConversationID: 2, Kind: store.CaptureNextStep, Text: "Read the state budget summary"},
			{ID: 9, ConversationID: 42, Kind: store.CaptureTerm, Text: "from another field"},
		},
		AsOf: asOf,
	}
	r := report.Build(in)
	var words []string
	for _, s := range r.SkillWords {
		words = append(words, s.Word+"×"+string(rune('0'+s.Count))+" "+strings.Join(s.People, "/"))
	}
	want := "GIS×3 Ann/Ben/Cy; budgeting×2 Ann/Cy; listening×1 Cy; testimony×1 Ben"
	if got := strings.Join(words, "; "); got != want {
		t.Errorf("skill words = %s\nwant %s", got, want)
	}
	text := func(items []report.Item) string {
		var s []string
		for _, it := range items {
			s = append(s, it.Text+" ("+it.Person+")")
		}
		return strings.Join(s, "; ")
	}
	if got := text(r.OpenTerms); got != "markup (Ann); PAYGO (Ben)" {
		t.Errorf("open terms = %s", got)
	}
	if got := text(r.Resources); got != "APPAM (Cy); Governing magazine (Ben)" {
		t.Errorf("resources (associations first) = %s", got)
	}
	if got := text(r.NextSteps); got != "Read the state budget summary (Ben)" {
		t.Errorf("next steps = %s", got)
	}
}

func TestReferralOutcomes(t *testing.T) {
	in := report.Input{
		Field: field(3),
		Conversations: []report.Conversation{
			convo(1, 1, "Ann", 9, ""),
			convo(2, 2, "Ben", 3, ""),
		},
		Referrals: []report.Referral{
			{Person: model.Ref{ID: 12, Name: "Zoe"}, By: model.Ref{ID: 2, Name: "Ben"}},
			{Person: model.Ref{ID: 2, Name: "Ben"}, By: model.Ref{ID: 1, Name: "Ann"}, State: model.StateThanked},
			{Person: model.Ref{ID: 11, Name: "Dana"}, Organization: "State Dept", By: model.Ref{ID: 1, Name: "Ann"}, State: model.StateIdea},
			{Person: model.Ref{ID: 11, Name: "Dana"}, By: model.Ref{ID: 1, Name: "Ann"}, State: model.StateIdea}, // listed twice
		},
		Captures: []store.Capture{
			{ID: 1, ConversationID: 1, Kind: store.CaptureReferral, Text: "Dana", Person: &model.Ref{ID: 11, Name: "Dana"}, MayUseName: true, Note: "after the budget"},
			{ID: 2, ConversationID: 2, Kind: store.CaptureReferral, Text: "Gone Person", Note: "deleted since"},
		},
		AsOf: asOf,
	}
	r := report.Build(in)
	var got []string
	for _, o := range r.Referrals {
		may := "?"
		if o.MayUseName != nil {
			may = map[bool]string{true: "yes", false: "no"}[*o.MayUseName]
		}
		got = append(got, o.Name+" by "+o.By+" may="+may+" → "+o.Became)
	}
	want := []string{
		"Ben by Ann may=? → thanked",
		"Dana by Ann may=yes → planned (not requested yet)",
		"Zoe by Ben may=? → not contacted yet",
		"Gone Person by Ben may=no → no longer in your people",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("referrals:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestUserTextIsSafe: notes, names and summaries are the user's text; the
// HTML report escapes or sanitises every bit of it, and the Markdown report
// keeps table cells on one line.
func TestUserTextIsSafe(t *testing.T) {
	evil := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	c := convo(1, 1, "Ann <b>|</b>", 3, "## Path\n"+evil+"\n\n[click](javascript:alert(3))\n\n# Big heading\n")
	c.Summary = "one | two\nthree " + evil
	c.Organization = `"Quote" & Co`
	in := report.Input{
		Field:         model.Field{ID: 1, Name: "Policy <i>", Target: 3},
		Conversations: []report.Conversation{c},
		QuestionNotes: []store.QuestionNote{{ConversationID: 1, Topic: questions.TopicWork, Question: "Q " + evil, Text: evil}},
		Captures:      []store.Capture{{ID: 1, ConversationID: 1, Kind: store.CaptureTerm, Text: evil}},
		AsOf:          asOf,
	}
	r := report.Build(in)
	var h bytes.Buffer
	if err := r.HTML(&h); err != nil {
		t.Fatal(err)
	}
	page := h.String()
	for _, bad := range []string{"<script>", "<img", "onerror=alert(2)>", "javascript:", "<b>|</b>", "<i>", "<h1>Big heading"} {
		if strings.Contains(page, bad) {
			t.Errorf("HTML report contains %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;") || !strings.Contains(page, "<strong>Big heading</strong>") {
		t.Error("user text should be escaped, and note headings shown as bold")
	}

	var m bytes.Buffer
	if err := r.Markdown(&m); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(m.String(), "\n") {
		if strings.HasPrefix(line, "| 1 |") && !strings.Contains(line, `one \| two three`) {
			t.Errorf("summary cell not kept on one line with its pipe escaped: %q", line)
		}
		if strings.HasPrefix(line, "# ") && !strings.HasPrefix(line, "# What I learned") {
			t.Errorf("a note heading leaked into the outline: %q", line)
		}
	}
}

func TestEmptyFieldReport(t *testing.T) {
	r := report.Build(report.Input{Field: field(3), AsOf: asOf})
	if len(r.Uncovered) != 8 || len(r.SkillWords) != 0 || r.Referrals == nil {
		t.Fatalf("empty report = %+v", r)
	}
	var m, h bytes.Buffer
	if err := r.Markdown(&m); err != nil {
		t.Fatal(err)
	}
	if err := r.HTML(&h); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{m.String(), h.String()} {
		if !strings.Contains(out, "No conversation in this field is held yet") {
			t.Errorf("empty report should say so:\n%s", out)
		}
	}
}

// A write-up prefilled from the quick notes holds their text: the report
// shows it once, keeping only quick notes the write-up does not hold.
func TestQuickNotesTheWriteUpHoldsShowOnce(t *testing.T) {
	in := report.Input{
		Field: field(3),
		Conversations: []report.Conversation{
			convo(1, 1, "Ann", 9, "## The work itself\n- *Could you walk me through a week?* Hearings on\n  Tuesdays, briefings on Fridays\n\nMostly reading."),
		},
		QuestionNotes: []store.QuestionNote{
			{ConversationID: 1, QuestionID: "work-typical-day", Topic: questions.TopicWork, Question: "Could you walk me through a week?", Text: "Hearings on Tuesdays, briefings on Fridays"},
			{ConversationID: 1, QuestionID: "work-best", Topic: questions.TopicWork, Question: "What do you like best?", Text: "The people"},
		},
		AsOf: asOf,
	}
	r := report.Build(in)
	for _, row := range r.Rows {
		if row.Topic.Topic != questions.TopicWork {
			continue
		}
		c := row.Cells[0]
		if len(c.Quick) != 1 || c.Quick[0].Note != "The people" || !strings.Contains(c.Notes, "Mostly reading") {
			t.Errorf("the work cell = %+v, want the write-up and only the quick note it lacks", c)
		}
		return
	}
	t.Fatal("no row for the work itself")
}
