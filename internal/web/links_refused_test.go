package web

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// Each refused link says what happened in its heading and what to do,
// with a link that does it: an unknown, a used and an expired link read
// differently, for each kind of link.
func TestRefusedLinksSayWhatHappenedAndWhatToDo(t *testing.T) {
	purposes := []model.LinkPurpose{model.LinkReset, model.LinkInvite, model.LinkSignup}
	errs := []struct {
		err    error
		status int
		title  string
	}{
		{store.ErrLinkUnknown, http.StatusNotFound, "Ally does not know this link"},
		{store.ErrLinkUsed, http.StatusGone, "This link has been used already"},
		{store.ErrLinkExpired, http.StatusGone, "This link has expired"},
	}
	lasts := map[model.LinkPurpose]string{model.LinkReset: "one hour", model.LinkInvite: "7 days", model.LinkSignup: "one day"}
	ttl := map[model.LinkPurpose]time.Duration{model.LinkReset: time.Hour, model.LinkInvite: 7 * 24 * time.Hour, model.LinkSignup: 24 * time.Hour}
	for _, p := range purposes {
		if auth.LinkTTL(p) != ttl[p] {
			t.Errorf("a %s link lasts %s, but its expired page says %s", p, auth.LinkTTL(p), lasts[p])
		}
		texts := map[string]bool{}
		for _, e := range errs {
			status, page, ok := linkRefusal(p, e.err)
			if !ok || status != e.status || page.Title != e.title {
				t.Errorf("%s %v: %v %d %q, want %d %q", p, e.err, ok, status, page.Title, e.status, e.title)
			}
			if page.What == "" || page.Next == "" || len(page.Actions) == 0 {
				t.Errorf("%s %v: what happened %q, what to do %q, links %v", p, e.err, page.What, page.Next, page.Actions)
			}
			if e.err == store.ErrLinkExpired && !strings.Contains(page.What, lasts[p]) {
				t.Errorf("an expired %s link does not say how long one lasts: %q", p, page.What)
			}
			body := page.What + page.Next
			if texts[body] {
				t.Errorf("%s %v: the same words as another case", p, e.err)
			}
			texts[body] = true
		}
	}
	if _, _, ok := linkRefusal(model.LinkReset, errors.New("database down")); ok {
		t.Error("another error is taken for a refused link")
	}
}
