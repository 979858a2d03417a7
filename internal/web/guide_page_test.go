package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

func guideIDs(t *testing.T, b *browser, id int64) []string {
	t.Helper()
	g, err := b.sc.Guide(context.Background(), id, pagesNow)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, q := range g.Questions {
		ids = append(ids, q.ID)
	}
	return ids
}

func TestGuidePageShowsOpeningQuestionsResearchAndBank(t *testing.T) {
	b := newBrowser(t, false)
	c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
	r := b.get(convoPath(c, "/guide"))
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	ids := guideIDs(t, b, c.ID)
	if len(ids) < questions.Count(20)+1 {
		t.Fatalf("the guide holds %v", ids)
	}
	page := readable(r.body)
	wantIn(t, "guide", page, "Guide for Lee Park", "20 minutes asked", "Opening", "Drafted from your settings",
		"Questions", "Before you leave, always ask:", "Research", "field Urban planning", "person Lee Park",
		"Nothing noted yet.", "Add from your bank", "not covered yet in this field", "Conversation mode")
	wantIn(t, "guide markup", r.body, `id="g-`+ids[0]+`"`, `value="`+questions.WhoElseID+`"`, `action="`+convoPath(c, "/guide/add")+`"`)
	// The first question cannot go up, the who-else question cannot go.
	first := r.body[strings.Index(r.body, `id="g-`+ids[0]+`"`):]
	first = first[:strings.Index(first, "</li>")]
	wantIn(t, "first question", first, `value="up" class="secondary" disabled`, "Remove")
	who := r.body[strings.Index(r.body, `id="g-`+questions.WhoElseID+`"`):]
	who = who[:strings.Index(who, "</li>")]
	if strings.Contains(who, "Remove") {
		t.Errorf("the who-else question offers Remove")
	}
	if r := b.get("/conversations/99999/guide"); r.status != 404 {
		t.Errorf("unknown conversation: %d", r.status)
	}
}

func TestGuideEditsComeBackToTheQuestion(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
		before := guideIDs(t, b, c.ID)
		first, second := before[0], before[1]
		var added string
		bank, _ := b.sc.Questions(context.Background())
		for _, q := range bank {
			if !q.Closing && !strings.Contains(strings.Join(before, " "), q.ID) {
				added = q.ID
				break
			}
		}
		tests := []struct {
			name     string
			path     string
			form     url.Values
			location string
			flash    string
			check    func(ids []string) bool
		}{
			{"move down", "/guide/move", url.Values{"question_id": {first}, "dir": {"down"}}, "#g-" + first, "",
				func(ids []string) bool { return ids[0] == second && ids[1] == first }},
			{"move up", "/guide/move", url.Values{"question_id": {first}, "dir": {"up"}}, "#g-" + first, "",
				func(ids []string) bool { return ids[0] == first && ids[1] == second }},
			{"move past the top", "/guide/move", url.Values{"question_id": {first}, "dir": {"up"}}, "#g-" + first, "cannot move further",
				func(ids []string) bool { return ids[0] == first }},
			{"move the who-else question among the topics", "/guide/move", url.Values{"question_id": {questions.WhoElseID}, "dir": {"up"}},
				"#g-" + questions.WhoElseID, "the closing questions stay last", nil},
			{"add from the bank", "/guide/add", url.Values{"question_id": {added}}, "#g-" + added, "Added “",
				func(ids []string) bool { return strings.Contains(strings.Join(ids, " "), added) }},
			{"add it twice", "/guide/add", url.Values{"question_id": {added}}, "#bank", "listed twice", nil},
			{"add an unknown question", "/guide/add", url.Values{"question_id": {"no-such"}}, "#bank", "No question", nil},
			{"remove", "/guide/remove", url.Values{"question_id": {second}}, "#questions", "It is still in your bank below.",
				func(ids []string) bool { return !strings.Contains(strings.Join(ids, " "), second) }},
			{"remove the who-else question", "/guide/remove", url.Values{"question_id": {questions.WhoElseID}}, "#g-" + questions.WhoElseID,
				"ends every conversation; it stays", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := b.post(convoPath(c, tt.path), tt.form)
				if r.status != 303 {
					t.Fatalf("status %d: %s", r.status, readable(r.body))
				}
				if want := convoPath(c, "/guide") + tt.location; r.header.Get("Location") != want {
					t.Errorf("back to %q, want %q", r.header.Get("Location"), want)
				}
				page := readable(b.get(r.header.Get("Location")).body)
				if tt.flash != "" {
					wantIn(t, tt.name, page, tt.flash)
				}
				ids := guideIDs(t, b, c.ID)
				if tt.check != nil && !tt.check(ids) {
					t.Errorf("guide after %s: %v", tt.name, ids)
				}
				if ids[len(ids)-1] != questions.WhoElseID && !strings.HasPrefix(ids[len(ids)-1], "resources-") {
					last, _ := b.sc.Question(context.Background(), ids[len(ids)-1])
					if !last.Closing {
						t.Errorf("the guide no longer ends with a closing question: %v", ids)
					}
				}
			})
		}
		// Rebuild asks first, then builds afresh.
		wantIn(t, "rebuild confirm", readable(b.get(convoPath(c, "/guide/rebuild")).body), "Rebuild the guide for Lee Park?", "Your opening statement and your notes stay.")
		page := b.follow(convoPath(c, "/guide/rebuild"), nil)
		wantIn(t, "rebuilt", readable(page.body), "Rebuilt the guide:", "for 20 minutes.")
		if got := guideIDs(t, b, c.ID); strings.Join(got, " ") != strings.Join(before, " ") {
			t.Errorf("the rebuilt guide %v differs from the first build %v", got, before)
		}
	})
}

func TestGuideOpeningKeepsWhatWasTyped(t *testing.T) {
	b := newBrowser(t, false)
	c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateIdea)
	long := "I am Jo. " + strings.Repeat("Really ", store.MaxOpening/7+1)
	r := b.post(convoPath(c, "/guide/opening"), url.Values{"opening": {long}})
	if r.status != 422 {
		t.Fatalf("a long opening: %d", r.status)
	}
	wantIn(t, "long opening", r.body, "Please check this field", "is too long", "I am Jo. Really", `aria-invalid="true"`, "<details class=\"no-print\" open>")
	page := b.follow(convoPath(c, "/guide/opening"), url.Values{"opening": {"  I am Jo,\r\n a planning student. "}})
	wantIn(t, "saved opening", readable(page.body), "Saved your opening statement.", "I am Jo, a planning student.")
	if strings.Contains(page.body, "Drafted from your settings") {
		t.Errorf("an own opening is still called drafted")
	}
	page = b.follow(convoPath(c, "/guide/opening"), url.Values{"opening": {""}})
	wantIn(t, "drafted again", readable(page.body), "Back to the opening statement drafted from your settings.", "Drafted from your settings")
}

func TestReadingAGuideNeverStoresIt(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
		saved := func() bool {
			t.Helper()
			g, err := b.sc.Guide(context.Background(), c.ID, pagesNow)
			if err != nil {
				t.Fatal(err)
			}
			return g.Saved
		}
		for _, path := range []string{"/guide", "/live"} {
			if r := b.get(convoPath(c, path)); r.status != 200 {
				t.Fatalf("GET %s: %d", path, r.status)
			}
		}
		if saved() {
			t.Fatal("a GET of the guide stored it")
		}
		wantIn(t, "unkept guide", readable(b.get(convoPath(c, "/guide")).body), "Drafted from your question bank as it is now", "Keep this guide")
		page := b.follow(convoPath(c, "/guide/keep"), url.Values{})
		wantIn(t, "kept", readable(page.body), "Kept the guide")
		if strings.Contains(page.body, "Keep this guide") || !saved() {
			t.Fatal("Keep this guide did not keep it")
		}
	})
}
