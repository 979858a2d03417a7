package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/store"
)

// A first conversation that asks for more than 30 minutes is held back
// with a warning next to the minutes, the form keeps what was typed, and a
// tick keeps the time.
func TestPlanningALongConversationWarnsFirstAndKeepsItWhenAsked(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		form := url.Values{"person": {"Lee Park"}, "minutes": {"60"}, "place": {"Café Lola"}}
		r := b.post("/conversations", form)
		if r.status != 422 {
			t.Fatalf("status %d, want 422", r.status)
		}
		for _, want := range []string{"60 minutes is a lot for a first conversation; 20 is usual", `value="Café Lola"`, `value="60"`,
			"Ask for less, or tick “Keep it anyway” below to keep 60 minutes.",
			`name="keep_anyway"`, "Keep it anyway: I have read the advice and keep 60 minutes"} {
			if !strings.Contains(r.body, want) {
				t.Errorf("the form lacks %q:\n%s", want, readable(r.body))
			}
		}
		if n, err := b.sc.Conversations(t.Context(), store.ConversationFilter{}); err != nil || len(n) != 0 {
			t.Fatalf("a warned form stored something: %v, %v", n, err)
		}
		form.Set("keep_anyway", "on")
		page := b.follow("/conversations", form)
		if !strings.Contains(page.body, "60 minutes") {
			t.Errorf("the kept conversation does not show 60 minutes:\n%s", readable(page.body))
		}
		// keep_minutes, the box's older name, keeps it too.
		page = b.follow("/conversations", url.Values{"person": {"Ann Lee"}, "minutes": {"45"}, "keep_minutes": {"on"}})
		if !strings.Contains(page.body, "45 minutes") {
			t.Errorf("the kept conversation does not show 45 minutes:\n%s", readable(page.body))
		}
		// 30 minutes needs no tick.
		b.follow("/conversations", url.Values{"person": {"Ann Lee"}, "minutes": {"30"}})
	})
}
