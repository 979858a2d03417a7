package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method/questions"
)

// htmxPost posts a form as htmx does.
func (b *browser) htmxPost(path string, form url.Values) response {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	return b.do(req)
}

func TestQuestionBankListsBuiltInsByTopicAndOwnQuestions(t *testing.T) {
	b := newBrowser(t, false)
	r := b.get("/questions")
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	page := readable(r.body)
	for _, tp := range questions.Topics() {
		wantIn(t, "bank", r.body, `id="t-`+string(tp)+`"`)
		wantIn(t, "bank", page, tp.Title())
	}
	wantIn(t, "bank", page, "Your questions 0", "None yet.", "Put it in your words", "Hide from guides")
	wantIn(t, "bank", r.body, `aria-current="page">Questions</a>`, `id="q-`+questions.WhoElseID+`"`, `aria-pressed="false"`)
	if strings.Contains(r.body, "/questions/"+questions.WhoElseID+"/edit") {
		t.Errorf("a built-in question offers Edit")
	}
}

func TestOwnQuestionsAreCheckedAndKeepInput(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		tests := []struct {
			name   string
			form   url.Values
			status int
			want   []string
		}{
			{"empty", url.Values{"text": {"  "}, "topic": {"work"}, "notes": {"listen for tools"}}, 422,
				[]string{"Question is required.", "listen for tools"}},
			{"no topic", url.Values{"text": {"How do permits move through your office?"}, "topic": {""}}, 422,
				[]string{"is not a topic", "How do permits move through your office?"}},
			{"bad hint", url.Values{"text": {"How do permits move through your office?"}, "topic": {"work"}, "when": {"lunch"}}, 422,
				[]string{"is not a hint"}},
			{"asks for a job", url.Values{"text": {"Are there any openings on your team I could apply for?"}, "topic": {"path"}, "closing": {"on"}}, 422,
				[]string{"Please check this field", "Problem:", "Rephrase it, or tick “Keep it anyway” below to keep this wording.",
					`name="keep_anyway"`, "Keep it anyway: I have read the advice and keep this wording",
					"Are there any openings on your team I could apply for?", `name="closing" value="on" checked`}},
			{"asks for a job, kept on purpose", url.Values{"text": {"Are there any openings on your team I could apply for?"}, "topic": {"path"}, "keep_anyway": {"on"}}, 303,
				[]string{"Added your question."}},
			{"asks for a job, kept under the box's older name", url.Values{"text": {"Could I send you my resume for an opening?"}, "topic": {"path"}, "keep": {"on"}}, 303,
				[]string{"Added your question."}},
			{"closed question: saved with advice", url.Values{"text": {"Do you like your job?"}, "topic": {"work"}, "favourite": {"on"}}, 303,
				[]string{"Added your question. The checker has a remark:", "yes or no", "Advice:"}},
			{"a good question", url.Values{"text": {"How do permits move through your office?"}, "topic": {"work"}, "skill_words": {"on"}}, 303,
				[]string{"Added your question.", "How do permits move through your office?"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := b.post("/questions", tt.form)
				if r.status != tt.status {
					t.Fatalf("status %d, want %d: %s", r.status, tt.status, readable(r.body))
				}
				page := r.body
				if r.status == 303 {
					if loc := r.header.Get("Location"); !strings.HasPrefix(loc, "/questions#q-u") {
						t.Errorf("back to %q", loc)
					}
					page = b.get(r.header.Get("Location")).body
				}
				if w := strings.Join(tt.want, ""); !strings.Contains(w, `="`) {
					page = readable(page)
				}
				wantIn(t, tt.name, page, tt.want...)
			})
		}
		bank, err := b.sc.Questions(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var own []questions.Question
		for _, q := range bank {
			if !q.BuiltIn {
				own = append(own, q)
			}
		}
		if len(own) != 4 || !own[2].Favourite || !own[3].SkillWords {
			t.Fatalf("own questions: %+v", own)
		}
		// Edit keeps input on a problem, saves otherwise.
		edit := "/questions/" + own[3].ID
		wantIn(t, "edit form", b.get(edit+"/edit").body, `value="work" selected`, "How do permits move through your office?")
		r := b.post(edit, url.Values{"text": {""}, "topic": {"skills"}, "notes": {"my notes"}})
		if r.status != 422 || !strings.Contains(r.body, `value="skills" selected`) || !strings.Contains(r.body, "my notes") {
			t.Errorf("edit with no text: %d", r.status)
		}
		page := b.follow(edit, url.Values{"text": {"What slows a permit down?"}, "topic": {"skills"}})
		wantIn(t, "edited", readable(page.body), "Saved your question.", "What slows a permit down?")
		// Delete asks first.
		wantIn(t, "delete confirm", readable(b.get(edit+"/delete").body), "Delete your question?", "What slows a permit down?")
		page = b.follow(edit+"/delete", nil)
		wantIn(t, "deleted", readable(page.body), "Deleted “What slows a permit down?”.")
		if _, err := b.sc.Question(context.Background(), own[3].ID); err == nil {
			t.Errorf("the deleted question is still there")
		}
	})
}

func TestBuiltInQuestionsAreRewordedNotEdited(t *testing.T) {
	b := newBrowser(t, false)
	id := questions.WhoElseID
	r := b.get("/questions/" + id + "/edit")
	if r.status != 303 || r.header.Get("Location") != "/questions/new?from="+id {
		t.Fatalf("editing a built-in: %d to %q", r.status, r.header.Get("Location"))
	}
	form := b.get(r.header.Get("Location"))
	wantIn(t, "reword form", readable(form.body), "Put a question in your own words", "Ally’s wording:", "Hide Ally’s wording from new guides")
	wantIn(t, "reword form", form.body, `name="from" value="`+id+`"`, `value="resources" selected`)
	page := b.follow("/questions", url.Values{"text": {"Who else would you suggest I talk to, and may I say you sent me?"},
		"topic": {"resources"}, "closing": {"on"}, "from": {id}, "hide_original": {"on"}})
	wantIn(t, "reworded", readable(page.body), "Added your question.")
	orig, _ := b.sc.Question(context.Background(), id)
	if !orig.Hidden {
		t.Errorf("Ally's wording is not hidden")
	}
	if r := b.get("/questions/" + id + "/delete"); r.status != http.StatusUnprocessableEntity {
		t.Errorf("deleting a built-in: %d", r.status)
	}
	if r := b.get("/questions/no-such/edit"); r.status != 404 {
		t.Errorf("an unknown question: %d", r.status)
	}
}

func TestQuestionTogglesWithAndWithoutHTMX(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		id := "work-typical-day"
		page := b.follow("/questions/"+id+"/favourite", url.Values{"on": {"1"}})
		wantIn(t, "favourite", readable(page.body), "A favourite now, picked first for new guides")
		q, _ := b.sc.Question(context.Background(), id)
		if !q.Favourite {
			t.Errorf("not a favourite")
		}
		r := b.htmxPost("/questions/"+id+"/hide", url.Values{"on": {"1"}})
		if r.status != 200 || strings.Contains(r.body, "<html") {
			t.Fatalf("htmx hide: %d %s", r.status, r.body)
		}
		wantIn(t, "htmx hide", r.body, `<li id="q-`+id+`" class="question is-hidden">`, `id="hide-`+id+`" class="secondary toggle" aria-pressed="true"`,
			`id="fav-`+id+`" class="secondary toggle" aria-pressed="true"`, `name="on" value="0"`)
		q, _ = b.sc.Question(context.Background(), id)
		if !q.Hidden || !q.Favourite {
			t.Errorf("after hiding: hidden %v favourite %v", q.Hidden, q.Favourite)
		}
		page = b.follow("/questions/"+id+"/hide", url.Values{"on": {"0"}})
		wantIn(t, "shown", readable(page.body), "Shown in new guides again")
		if r := b.post("/questions/no-such/favourite", url.Values{"on": {"1"}}); r.status != 404 {
			t.Errorf("an unknown question: %d", r.status)
		}
	})
}

func TestQuestionCheckAnswersAsYouType(t *testing.T) {
	b := newBrowser(t, false)
	r := b.htmxPost("/questions/check", url.Values{"text": {"Can I send you my resume?"}})
	if r.status != 200 || strings.Contains(r.body, "<html") {
		t.Fatalf("check: %d %s", r.status, r.body)
	}
	wantIn(t, "check", readable(r.body), "The checker says:", "Problem:")
	if r := b.htmxPost("/questions/check", url.Values{"text": {"What surprised you most in your first year?"}}); strings.TrimSpace(r.body) != "" {
		t.Errorf("a good question gets %q", r.body)
	}
}
