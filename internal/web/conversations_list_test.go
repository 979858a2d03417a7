package web

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

func TestConversationsListFiltersByStateAndField(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		lee := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
		ann := planned(t, b, "Ann Roe", "Data journalism", 20, model.StateHeld)
		planned(t, b, "Cy Dahl", "Urban planning", 20, model.StateHeld)
		planning := itoa(lee.Fields[0].ID)
		row := func(c *model.Conversation) string {
			return `<a href="/conversations/` + itoa(c.ID) + `">` + c.Person.Name + `</a>`
		}

		r := b.get("/conversations")
		if r.status != 200 {
			t.Fatalf("status %d", r.status)
		}
		wantIn(t, "list", r.body, row(lee), row(ann), "Cy Dahl", `<span class="badge">scheduled</span>`, "Data journalism",
			`<time datetime="`, `<form class="filters" method="get" action="/conversations"`, `href="/conversations" aria-current="page"`)
		wantIn(t, "list", readable(r.body), "3 conversations.")

		tests := []struct {
			name, query   string
			status        int
			want, notWant []string
		}{
			{"by state", "?state=held", 200, []string{row(ann), "Cy Dahl", "2 conversations."}, []string{row(lee)}},
			{"by field", "?field=" + planning, 200, []string{row(lee), "Cy Dahl"}, []string{row(ann)}},
			{"by both", "?state=held&field=" + planning, 200, []string{"Cy Dahl", "1 conversation."}, []string{row(lee), row(ann)}},
			{"none match", "?state=declined", 200, []string{"No conversation matches these filters."}, []string{row(lee)}},
			{"unknown state", "?state=partied", 422, []string{"State is not a conversation state.", `aria-invalid="true"`}, []string{row(lee)}},
			{"unknown field", "?field=99999", 422, []string{"Field is not one of your fields."}, []string{row(lee)}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := b.get("/conversations" + tt.query)
				if r.status != tt.status {
					t.Fatalf("status %d, want %d", r.status, tt.status)
				}
				page := r.body + readable(r.body)
				wantIn(t, tt.name, page, tt.want...)
				for _, s := range tt.notWant {
					if strings.Contains(r.body, s) {
						t.Errorf("%s: the page shows %q", tt.name, s)
					}
				}
			})
		}
	})
}

func TestNavigationReachesConversationsAndStatsAndTheFavicon(t *testing.T) {
	b := newBrowser(t, false)
	page := b.get("/people").body
	wantIn(t, "nav", page, `<a href="/conversations">Conversations</a>`, `<a href="/stats">Stats</a>`, `<link rel="icon" href="/static/favicon.svg?`)
	wantIn(t, "stats nav", b.get("/stats").body, `href="/stats" aria-current="page"`)
	start := strings.Index(page, `<link rel="icon" href="`) + len(`<link rel="icon" href="`)
	icon := b.get(strings.ReplaceAll(page[start:start+strings.Index(page[start:], `"`)], "&amp;", "&"))
	if icon.status != 200 || icon.header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(icon.body, "<svg") {
		t.Fatalf("favicon: %d %q", icon.status, icon.header.Get("Content-Type"))
	}
}

// Each row of the list says what the agenda asks next about that
// conversation, linked to where it is done; a conversation with nothing
// due says so.
func TestConversationsListShowsEachNextStep(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		held := planned(t, b, "Ann Roe", "Data journalism", 20, model.StateHeld)
		soon := planned(t, b, "Lee Park", "Urban planning", 20, model.StateScheduled)
		if _, err := b.sc.Step(context.Background(), soon.ID, method.Step{To: model.StateConfirmed, At: pagesNow}, "", pagesNow); err != nil {
			t.Fatal(err)
		}
		rows := map[string]string{}
		for _, tr := range regexp.MustCompile(`(?s)<tr>\s*<th scope="row">.*?</tr>`).FindAllString(b.get("/conversations").body, -1) {
			for _, name := range []string{"Ann Roe", "Lee Park"} {
				if strings.Contains(tr, ">"+name+"<") {
					rows[name] = tr
				}
			}
		}
		// Held: the notes come first (due at once), then the thank-you.
		wantIn(t, "held row", rows["Ann Roe"], `<a href="/conversations/`+itoa(held.ID)+`/writeup">Write up your notes</a>`, "due today")
		wantIn(t, "confirmed row", rows["Lee Park"], `<a href="/conversations/`+itoa(soon.ID)+`/guide">Prepare</a>`)
	})
}
