package web

import (
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/model"
)

// A referral caught in conversation mode becomes "Write to … — suggested
// by …" on the agenda, leading to the first request; a second referral of
// the same name offers the person already there; a "no" to "may I use
// your name?" keeps the referrer out of the draft.
func TestReferralBecomesAReachOutAndRespectsTheAnswer(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		c := planned(t, b, "Sam Okafor", "Urban planning", 20, model.StateHeld)
		path := convoPath(c, "/captures")
		b.follow(path, url.Values{"kind": {"referral"}, "name": {"Tom Becker"}, "organization": {"City Hall"},
			"may_use_name": {"no"}, "client_key": {"r1"}})
		tom := b.id("person", "Tom Becker")

		home := html.UnescapeString(b.get("/").body)
		wantIn(t, "agenda", readable(home), "Write to Tom Becker — suggested by Sam Okafor")
		composer := "/people/" + tom + "/compose?kind=first_request"
		wantIn(t, "agenda links", home, `href="`+composer+`"`)

		person := readable(b.get("/people/" + tom).body)
		wantIn(t, "person page", person, "May you use their name?", "no, do not use their name", "referral")

		draft := readable(b.get(composer).body)
		wantIn(t, "composer", draft, "Suggested by Sam Okafor", "through a colleague", "The checker finds nothing to change.")
		if strings.Contains(draft, "Sam Okafor suggested") {
			t.Errorf("the draft names the referrer who said no:\n%s", draft)
		}

		// The same name again, in another case: offered, not duplicated.
		r := b.post(path, url.Values{"kind": {"referral"}, "name": {"tom becker"}, "organization": {"city hall"},
			"may_use_name": {"yes"}, "client_key": {"r2"}})
		if r.status != 422 {
			t.Fatalf("status %d, want 422", r.status)
		}
		wantIn(t, "offer", readable(r.body), "is already in your people", "Link Tom Becker (person "+tom+")", "Add a new person with that name")
		b.follow(path, url.Values{"kind": {"referral"}, "name": {"tom becker"}, "organization": {"city hall"},
			"may_use_name": {"yes"}, "client_key": {"r2"}, "same": {tom}})
		list, err := b.sc.SameNamedPeople(t.Context(), "Tom Becker", "")
		if err != nil || len(list) != 1 {
			t.Fatalf("people named Tom Becker: %v, %v", list, err)
		}
		// Linked again by the same referrer, now with a yes: the draft names them.
		wantIn(t, "composer after yes", readable(b.get(composer).body), "Sam Okafor suggested I contact you")
	})
}
