package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

func TestWriteUpStartsFromTheQuickNotes(t *testing.T) {
	b := newBrowser(t, false)
	c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateHeld)
	ctx := context.Background()
	for _, n := range []store.QuestionNote{
		{ConversationID: c.ID, QuestionID: "work-typical-day", Text: "Permits on Mondays,\nsite visits on Fridays"},
		{ConversationID: c.ID, QuestionID: "skills-success", Text: "patience"},
	} {
		if _, err := b.sc.SaveQuestionNote(ctx, &n, pagesNow); err != nil {
			t.Fatal(err)
		}
	}
	r := b.get(convoPath(c, "/writeup"))
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	wantIn(t, "write-up", r.body, `id="f-topic-work"`, "Permits on Mondays,\n  site visits on Fridays", "patience",
		"Started from what you typed under this topic’s questions", `<fieldset class="field rating">`, "<legend>How useful was it?</legend>",
		`type="radio" name="usefulness" id="f-usefulness" value="1"`, `id="f-usefulness-none" value="" checked`,
		`href="/people/`+itoa(c.Person.ID)+`/compose?kind=thank_you&amp;convo=`+itoa(c.ID)+`"`, `href="`+convoPath(c, "/step?to=thanked")+`"`)
	wantIn(t, "write-up", readable(r.body), "Next: the thank-you", "Due today 21:00")
}

func TestWriteUpSavesAndKeepsInputOnProblems(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateHeld)
		path := convoPath(c, "/writeup")
		tests := []struct {
			name   string
			form   url.Values
			status int
			want   []string
		}{
			{"usefulness out of range", url.Values{"summary": {"Planning is politics"}, "usefulness": {"9"}, "topic_work": {"permits"}}, 422,
				[]string{"How useful was it? must be between 1 and 5.", `value="Planning is politics"`, ">\npermits</textarea>", `aria-describedby="f-usefulness-error"`}},
			{"usefulness zero", url.Values{"summary": {"Planning is politics"}, "usefulness": {"0"}}, 422,
				[]string{"How useful was it? must be between 1 and 5.", `value="Planning is politics"`}},
			{"usefulness not a number", url.Values{"summary": {"x"}, "usefulness": {"lots"}, "general": {"met at city hall"}}, 422,
				[]string{"is not a whole number", "met at city hall"}},
			{"summary too long", url.Values{"summary": {strings.Repeat("long ", 250)}, "usefulness": {"3"}, "topic_trends": {"housing"}}, 422,
				[]string{"is too long", ">\nhousing</textarea>", `value="3" checked`}},
			{"not rated", url.Values{"summary": {"Planning is politics"}, "usefulness": {""}}, 303,
				[]string{"Saved your write-up.", `value="" checked`}},
			{"saved", url.Values{"summary": {"Planning is\r\npolitics"}, "usefulness": {"4"}, "topic_work": {"Permits on Mondays"},
				"topic_trends": {"Housing pressure"}, "general": {"Met at city hall."}}, 303,
				[]string{"Saved your write-up. Next: the thank-you.", "Permits on Mondays", "Housing pressure", `value="4" checked`}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := b.post(path, tt.form)
				if r.status != tt.status {
					t.Fatalf("status %d, want %d: %s", r.status, tt.status, readable(r.body))
				}
				page := r.body
				if r.status == 303 {
					if loc := r.header.Get("Location"); loc != path+"#thank-you" {
						t.Errorf("back to %q", loc)
					}
					page = b.get(r.header.Get("Location")).body
					page = page + readable(page)
				}
				wantIn(t, tt.name, page, tt.want...)
			})
		}
		got, err := b.sc.Conversation(context.Background(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Summary != "Planning is politics" || got.Usefulness != 4 || !strings.Contains(got.Notes, "## The work itself\n\nPermits on Mondays") ||
			!strings.Contains(got.Notes, "Met at city hall.") {
			t.Errorf("saved: summary %q, usefulness %d, notes:\n%s", got.Summary, got.Usefulness, got.Notes)
		}
		// The agenda no longer asks for the notes to be written up.
		if strings.Contains(readable(b.get("/").body), "Write up your notes: Lee Park") {
			t.Errorf("the agenda still asks for the write-up")
		}
	})
}
