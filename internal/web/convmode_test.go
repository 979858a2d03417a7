package web

import (
	"context"
	"html/template"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// planned makes a conversation with a new person in a new field, taken to
// state to (idea, scheduled an hour from now, or held an hour ago).
func planned(t *testing.T, b *browser, person, field string, minutes int, to model.State) *model.Conversation {
	t.Helper()
	ctx := context.Background()
	p, _, err := b.sc.EnsurePerson(ctx, person, pagesNow)
	if err != nil {
		t.Fatal(err)
	}
	f, _, err := b.sc.EnsureField(ctx, field, pagesNow)
	if err != nil {
		t.Fatal(err)
	}
	c := &model.Conversation{Person: p, Fields: []model.Ref{f}, Channel: model.ChannelInPerson, Minutes: minutes}
	if err := b.sc.CreateConversation(ctx, c, pagesNow.Add(-72*time.Hour)); err != nil {
		t.Fatal(err)
	}
	step := func(st method.Step) {
		t.Helper()
		if c, err = b.sc.Step(ctx, c.ID, st, "", pagesNow); err != nil {
			t.Fatal(err)
		}
	}
	switch to {
	case model.StateScheduled:
		step(method.Step{To: model.StateScheduled, At: pagesNow.Add(-48 * time.Hour), MeetingAt: pagesNow.Add(time.Hour)})
	case model.StateHeld:
		step(method.Step{To: model.StateScheduled, At: pagesNow.Add(-48 * time.Hour), MeetingAt: pagesNow.Add(-time.Hour)})
		step(method.Step{To: model.StateHeld, At: pagesNow.Add(-time.Hour)})
	}
	return c
}

func convoPath(c *model.Conversation, rest string) string {
	return "/conversations/" + strconv.FormatInt(c.ID, 10) + rest
}

func TestConversationModeShowsTheGuideTimerAndCaptures(t *testing.T) {
	b := newBrowser(t, false)
	c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
	g, err := b.sc.Guide(context.Background(), c.ID, pagesNow)
	if err != nil {
		t.Fatal(err)
	}
	r := b.get(convoPath(c, "/live"))
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	wantIn(t, "live page", r.body, `data-live="`+itoa(c.ID)+`"`, `data-minutes="20"`, `data-start="2026-11-18T16:00:00Z"`,
		`data-now="2026-11-18T15:00:00Z"`, "Meeting at</span> <strong data-start-clock>11:00</strong>", "ends by <strong data-end-clock>11:20</strong>",
		"Stay within the time you asked", `action="`+convoPath(c, "/end")+`"`, "End: mark it held now", "live.js")
	for _, q := range g.Questions {
		wantIn(t, "live page", r.body, `value="`+q.ID+`"`, `id="n-`+q.ID+`-text"`, template.HTMLEscapeString(q.Text)+"</label>")
	}
	for _, k := range store.CaptureKinds() {
		wantIn(t, "capture "+string(k), r.body, `id="cap-`+string(k)+`"`, `name="kind" value="`+string(k)+`"`)
	}
	if n := strings.Count(r.body, `name="client_key" value="`); n != 5 {
		t.Errorf("%d client keys, want one per capture form", n)
	}
	// An idea cannot be ended from here; a held conversation leads on.
	idea := planned(t, b, "Ada Cole", "Urban planning", 15, model.StateIdea)
	wantIn(t, "idea", readable(b.get(convoPath(idea, "/live")).body), "Opened at 10:00", "it cannot be marked held from here")
	held := planned(t, b, "Ben Ode", "Urban planning", 15, model.StateHeld)
	wantIn(t, "held", b.get(convoPath(held, "/live")).body, `href="`+convoPath(held, "/writeup")+`"`)
	if r := b.get("/conversations/99999/live"); r.status != 404 {
		t.Errorf("an unknown conversation's live page: %d", r.status)
	}
}

func TestQuickNotesAreSavedAndRetriesAreSafe(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
		notes := convoPath(c, "/notes")
		stored := func() string {
			t.Helper()
			ns, err := b.sc.QuestionNotes(context.Background(), store.QuestionNoteFilter{ConversationID: c.ID})
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range ns {
				if n.QuestionID == "work-typical-day" {
					return n.Text
				}
			}
			return ""
		}
		tests := []struct {
			name            string
			htmx            bool
			form            url.Values
			status          int
			saved           string // X-Ally-Saved
			want, stored    string
			wantNot         string
			flash           string
			keepsTextOnPage bool
		}{
			{name: "plain post", form: url.Values{"question_id": {"work-typical-day"}, "text": {"Mondays are\r\nfor permits"}, "rev": {"0"}},
				status: 303, stored: "Mondays are\nfor permits", flash: "Saved your note."},
			{name: "htmx save", htmx: true, form: url.Values{"question_id": {"work-typical-day"}, "text": {"Mondays: permits"}, "rev": {"5"}},
				status: 200, saved: "true", want: "Saved", stored: "Mondays: permits"},
			{name: "a late, older retry changes nothing", htmx: true, form: url.Values{"question_id": {"work-typical-day"}, "text": {"Mon"}, "rev": {"4"}},
				status: 200, saved: "false", want: "A newer version is saved", stored: "Mondays: permits"},
			{name: "the same retry again", htmx: true, form: url.Values{"question_id": {"work-typical-day"}, "text": {"Mondays: permits"}, "rev": {"5"}},
				status: 200, saved: "true", stored: "Mondays: permits"},
			{name: "a rev from the page's clock", htmx: true, form: url.Values{"question_id": {"work-typical-day"}, "text": {"Mondays: permits; Fridays: sites"}, "rev": {"1795000000123"}},
				status: 200, saved: "true", stored: "Mondays: permits; Fridays: sites"},
			{name: "unknown question, htmx", htmx: true, form: url.Values{"question_id": {"no-such"}, "text": {"x"}, "rev": {"9"}},
				status: 422, saved: "false", want: "No question", stored: "Mondays: permits; Fridays: sites"},
			{name: "bad rev keeps the text", form: url.Values{"question_id": {"work-typical-day"}, "text": {"kept words"}, "rev": {"soon"}},
				status: 422, want: "&#34;soon&#34; is not a whole number", stored: "Mondays: permits; Fridays: sites", keepsTextOnPage: true},
			{name: "too long keeps the text", form: url.Values{"question_id": {"work-typical-day"}, "text": {"kept words " + strings.Repeat("x", model.MaxNotes)}},
				status: 422, want: "The note is too long", stored: "Mondays: permits; Fridays: sites", keepsTextOnPage: true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var r response
				if tt.htmx {
					r = b.htmxPost(notes, tt.form)
				} else {
					r = b.post(notes, tt.form)
				}
				if r.status != tt.status {
					t.Fatalf("status %d, want %d: %s", r.status, tt.status, readable(r.body))
				}
				if tt.htmx {
					if got := r.header.Get("X-Ally-Saved"); got != tt.saved {
						t.Errorf("X-Ally-Saved %q, want %q", got, tt.saved)
					}
					if got := r.header.Get("X-Ally-Rev"); got != tt.form.Get("rev") {
						t.Errorf("X-Ally-Rev %q, want %q", got, tt.form.Get("rev"))
					}
					if strings.Contains(r.body, "<html") {
						t.Errorf("htmx got a whole page")
					}
				}
				if tt.want != "" {
					wantIn(t, tt.name, r.body, tt.want)
				}
				if tt.keepsTextOnPage {
					wantIn(t, tt.name, r.body, "kept words", `aria-invalid="true"`)
				}
				if tt.status == 303 {
					if loc := r.header.Get("Location"); loc != convoPath(c, "/live")+"?saved=work-typical-day#n-work-typical-day" {
						t.Errorf("redirect to %q", loc)
					}
					back := b.get(r.header.Get("Location")).body
					wantIn(t, tt.name, readable(back), tt.flash)
					wantIn(t, tt.name, back, `data-status>Saved</span>`)
				}
				if got := stored(); got != tt.stored {
					t.Errorf("stored note %q, want %q", got, tt.stored)
				}
			})
		}
		// The page shows the saved note and its Rev for the script.
		page := b.get(convoPath(c, "/live")).body
		wantIn(t, "live page after saving", page, "Mondays: permits; Fridays: sites", `data-rev="1795000000123"`)
	})
}

func TestCapturesKeepInputAndAddOnce(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
		path := convoPath(c, "/captures")
		tests := []struct {
			name   string
			form   url.Values
			status int
			want   []string
		}{
			{"term", url.Values{"kind": {"term"}, "text": {"entitlement"}, "note": {"land use approval?"}, "client_key": {"k1"}}, 303,
				[]string{"Added the term “entitlement” to clarify later."}},
			{"skill word", url.Values{"kind": {"skill_word"}, "text": {"facilitation"}, "client_key": {"k2"}}, 303,
				[]string{"Added the skill word “facilitation”."}},
			{"resource", url.Values{"kind": {"resource"}, "resource_kind": {"association"}, "text": {"APA"}, "client_key": {"k3"}}, 303,
				[]string{"Added the association “APA”."}},
			{"next step", url.Values{"kind": {"next_step"}, "text": {"Attend a council meeting"}, "client_key": {"k4"}}, 303,
				[]string{"Added the next step “Attend a council meeting”."}},
			{"the same next step posted again", url.Values{"kind": {"next_step"}, "text": {"Attend a council meeting"}, "client_key": {"k4"}}, 303,
				[]string{"Added the next step"}},
			{"term without text", url.Values{"kind": {"term"}, "note": {"something about zoning"}, "client_key": {"k5"}}, 422,
				[]string{"Term is required.", "something about zoning", `value="k5"`, `<details class="capture" id="cap-term" open>`}},
			{"resource of an unknown kind", url.Values{"kind": {"resource"}, "resource_kind": {"podcast"}, "text": {"Planning Pod"}, "client_key": {"k6"}}, 422,
				[]string{"is not a resource kind", `value="Planning Pod"`}},
			{"referral without a name", url.Values{"kind": {"referral"}, "organization": {"City Hall"}, "may_use_name": {"yes"}, "client_key": {"k7"}}, 422,
				[]string{"Name is required.", `value="City Hall"`, `value="yes" checked`}},
			{"referral with a bad answer", url.Values{"kind": {"referral"}, "name": {"Ana Ruiz"}, "may_use_name": {"perhaps"}, "client_key": {"k8"}}, 422,
				[]string{"must be yes, no or not asked", `value="Ana Ruiz"`}},
			{"unknown kind", url.Values{"kind": {"gossip"}, "text": {"x"}}, 400, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := b.post(path, tt.form)
				if r.status != tt.status {
					t.Fatalf("status %d, want %d: %s", r.status, tt.status, readable(r.body))
				}
				page := r.body
				if r.status == 303 {
					kind := tt.form.Get("kind")
					if loc := r.header.Get("Location"); loc != convoPath(c, "/live?added="+kind+"#cap-"+kind) {
						t.Errorf("back to %q", loc)
					}
					back := b.get(r.header.Get("Location")).body
					wantIn(t, tt.name, back, `<details class="capture" id="cap-`+kind+`" open>`, `id="cap-`+kind+`-status" role="status">Added.</p>`)
					page = readable(back)
				}
				wantIn(t, tt.name, page, tt.want...)
			})
		}
		caps, err := b.sc.Captures(context.Background(), store.CaptureFilter{ConversationID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(caps) != 4 {
			t.Errorf("%d captures, want 4 (the repeated post adds nothing): %+v", len(caps), caps)
		}
		if live := readable(b.get(convoPath(c, "/live")).body); !strings.Contains(live, "Term entitlement — land use approval?") {
			t.Errorf("the live page does not list the term: %s", live)
		}
	})
}

func TestCapturesWithHTMXSwapTheFormAndTheList(t *testing.T) {
	b := newBrowser(t, false)
	c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
	path := convoPath(c, "/captures")
	r := b.htmxPost(path, url.Values{"kind": {"skill_word"}, "text": {"negotiation"}, "client_key": {"h1"}})
	if r.status != 200 || strings.Contains(r.body, "<html") {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	wantIn(t, "htmx capture", r.body, `name="kind" value="skill_word"`, `id="cap-skill_word-status" data-hx-swap-oob="innerHTML">Added the skill word “negotiation”.`,
		`id="captured" data-hx-swap-oob="innerHTML"`, "negotiation")
	if strings.Contains(r.body, `value="h1"`) || strings.Contains(r.body, `value="negotiation"`) {
		t.Errorf("the fresh form kept the old key or text:\n%s", r.body)
	}
	r = b.htmxPost(path, url.Values{"kind": {"skill_word"}, "text": {"  "}, "client_key": {"h2"}})
	if r.status != 422 {
		t.Fatalf("an empty skill word: %d", r.status)
	}
	wantIn(t, "htmx refusal", r.body, "Skill word is required.", `value="h2"`)
	if strings.Contains(r.body, `id="captured"`) {
		t.Errorf("a refusal redraws the list")
	}
	// Removing one: htmx gets the list back.
	caps, _ := b.sc.Captures(context.Background(), store.CaptureFilter{ConversationID: c.ID})
	r = b.htmxPost(convoPath(c, "/captures/"+itoa(caps[0].ID)+"/delete"), nil)
	if r.status != 200 || strings.Contains(r.body, "negotiation") || !strings.Contains(r.body, "Nothing yet") {
		t.Errorf("remove with htmx: %d %s", r.status, r.body)
	}
	// Another conversation's capture is not this one's to remove.
	other := planned(t, b, "Ada Cole", "Urban planning", 20, model.StateScheduled)
	k := &store.Capture{ConversationID: other.ID, Kind: store.CaptureTerm, Text: "TIF"}
	if err := b.sc.AddCapture(context.Background(), k, pagesNow); err != nil {
		t.Fatal(err)
	}
	if r := b.post(convoPath(c, "/captures/"+itoa(k.ID)+"/delete"), nil); r.status != 404 {
		t.Errorf("removing another conversation's capture: %d", r.status)
	}
	if r := b.post(convoPath(other, "/captures/"+itoa(k.ID)+"/delete"), nil); r.status != 303 {
		t.Errorf("removing a capture: %d", r.status)
	}
}

func TestReferralCaptureMakesThePersonAndTheReportBack(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		ctx := context.Background()
		c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
		form := url.Values{"kind": {"referral"}, "name": {"Ana Ruiz"}, "organization": {"City Hall"}, "may_use_name": {"yes"},
			"note": {"Runs the zoning desk"}, "client_key": {"ref-1"}}
		page := b.follow(convoPath(c, "/captures"), form)
		wantIn(t, "referral", readable(page.body), "Added Ana Ruiz to your people, referred by Lee Park. You may use Lee Park’s name.",
			"Person Ana Ruiz · may use the name")
		// A retry of the same form makes nobody new.
		b.follow(convoPath(c, "/captures"), form)
		people, _, err := b.sc.People(ctx, store.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var ana *model.Person
		for _, p := range people {
			if p.Name == "Ana Ruiz" {
				if ana != nil {
					t.Fatalf("the retry made a second Ana Ruiz")
				}
				ana = p
			}
		}
		if ana == nil {
			t.Fatal("no Ana Ruiz among the people")
		}
		ana, _ = b.sc.Person(ctx, ana.ID)
		if ana.ReferredBy == nil || ana.ReferredBy.ID != c.Person.ID {
			t.Errorf("Ana Ruiz is referred by %v, want Lee Park", ana.ReferredBy)
		}
		if ana.Organization == nil || ana.Organization.Name != "City Hall" || len(ana.Fields) != 1 || ana.Fields[0].Name != "Urban planning" {
			t.Errorf("Ana Ruiz: organization %v, fields %v", ana.Organization, ana.Fields)
		}
		wantIn(t, "Lee Park's page", readable(b.get("/people/"+itoa(c.Person.ID)).body), "Referred you to Ana Ruiz")

		// End the conversation with Lee, then hold one with Ana: the agenda
		// asks to tell Lee how it went.
		end := b.post(convoPath(c, "/end"), nil)
		if end.status != 303 || end.header.Get("Location") != convoPath(c, "/writeup") {
			t.Fatalf("End: %d to %q", end.status, end.header.Get("Location"))
		}
		withAna := &model.Conversation{Person: model.Ref{ID: ana.ID}, Channel: model.ChannelPhone, Minutes: 20}
		if err := b.sc.CreateConversation(ctx, withAna, pagesNow); err != nil {
			t.Fatal(err)
		}
		b.follow(convoPath(withAna, "/steps"), url.Values{"to": {"requested"}, "at": {"2026-11-18T08:00"}})
		if r := b.post(convoPath(withAna, "/end"), nil); r.status != 303 {
			t.Fatalf("holding the conversation with Ana: %d %s", r.status, readable(r.body))
		}
		agenda := readable(b.get("/").body)
		wantIn(t, "agenda", agenda, "Report back to the referrer: Lee Park", "tell Lee Park, who referred you, how it went")
	})
}

func TestEndMarksTheConversationHeldNow(t *testing.T) {
	b := newBrowser(t, false)
	c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
	r := b.post(convoPath(c, "/end"), nil)
	if r.status != 303 || r.header.Get("Location") != convoPath(c, "/writeup") {
		t.Fatalf("End: %d to %q", r.status, r.header.Get("Location"))
	}
	page := readable(b.get(r.header.Get("Location")).body)
	wantIn(t, "after End", page, "Marked held at 10:00.", "the thank-you is due within 12 hours", "Next: the thank-you")
	got, err := b.sc.Conversation(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != model.StateHeld || got.HeldAt == nil || !got.HeldAt.Equal(pagesNow) {
		t.Errorf("after End: %s at %v, want held at %v", got.State, got.HeldAt, pagesNow)
	}
	// Ending twice changes nothing; an idea cannot end.
	r = b.post(convoPath(c, "/end"), nil)
	if r.status != 303 || !strings.Contains(readable(b.get(r.header.Get("Location")).body), "marked held already") {
		t.Errorf("ending twice: %d", r.status)
	}
	idea := planned(t, b, "Ada Cole", "Urban planning", 20, model.StateIdea)
	r = b.post(convoPath(idea, "/end"), nil)
	if r.status != 303 || r.header.Get("Location") != convoPath(idea, "/live") {
		t.Fatalf("ending an idea: %d to %q", r.status, r.header.Get("Location"))
	}
	wantIn(t, "ending an idea", readable(b.get(convoPath(idea, "/live")).body), "Cannot go from idea to held")
}

func TestConversationPageLinksTheStage(t *testing.T) {
	b := newBrowser(t, false)
	links := regexp.MustCompile(`href="/conversations/\d+/(guide|live|writeup)"`)
	for _, tt := range []struct {
		state model.State
		want  string
	}{
		{model.StateIdea, "guide"},
		{model.StateScheduled, "live guide"},
		{model.StateHeld, "writeup"},
	} {
		c := planned(t, b, "Person "+string(tt.state), "Urban planning", 20, tt.state)
		var got []string
		for _, m := range links.FindAllStringSubmatch(b.get(convoPath(c, "")).body, -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("a %s conversation links %v, want %s", tt.state, got, tt.want)
		}
	}
}
