package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// The "contact someone else" card is about the field: it must not put the
// person who has not replied where the card says whom to write to, and its
// link lists the people of the field not asked yet.
func TestContactSomeoneElseNamesTheFieldNotThePersonWhoHasNotReplied(t *testing.T) {
	b := newBrowser(t, false)
	ctx := context.Background()
	law, _, err := b.sc.EnsureField(ctx, "Environmental law", pagesNow)
	if err != nil {
		t.Fatal(err)
	}
	in := []model.Ref{{ID: law.ID}}
	dana := &model.Person{Name: "Dana Brown", Fields: in}
	eli := &model.Person{Name: "Eli Stone", Fields: in, Commonality: "same college"}
	for _, p := range []*model.Person{dana, eli} {
		if err := b.sc.CreatePerson(ctx, p, pagesNow); err != nil {
			t.Fatal(err)
		}
	}
	c := &model.Conversation{Person: model.Ref{ID: dana.ID}, Fields: in, Channel: model.ChannelEmail, Minutes: 20}
	if err := b.sc.CreateConversation(ctx, c, pagesNow); err != nil {
		t.Fatal(err)
	}
	sent := pagesNow.Add(-6 * 24 * time.Hour) // Thursday the week before: 4 business days
	if _, err := b.sc.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: sent}, "", pagesNow); err != nil {
		t.Fatal(err)
	}
	home := b.get("/")
	wantIn(t, "/", home.body, "Contact someone else in <a href=\"/fields/", ">Environmental law</a></h3>", ">Dana Brown</a> has not replied yet")
	if strings.Contains(home.body, "Contact someone else: <a") {
		t.Errorf("the card names a person as the one to contact:\n%s", readable(home.body))
	}
	pick := b.get("/compose?field=" + itoa(law.ID))
	wantIn(t, "pick", readable(pick.body), "Write a first request to Eli Stone", "in common: same college")
	if strings.Contains(readable(pick.body), "Write a first request to Dana Brown") {
		t.Errorf("the pick lists Dana, who was already asked:\n%s", readable(pick.body))
	}
}
