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

// Cancelling a meeting less than a day away shows the method's advice and
// a message to adapt; two days ahead it does not.
func TestCancellingLateShowsTheEtiquette(t *testing.T) {
	b := newBrowser(t, false)
	ctx := context.Background()
	var ids []string
	for i, meeting := range []time.Time{pagesNow.Add(5 * time.Hour), pagesNow.Add(48 * time.Hour)} {
		p := &model.Person{Name: []string{"Dana Brown", "Eli Stone"}[i]}
		if err := b.sc.CreatePerson(ctx, p, pagesNow); err != nil {
			t.Fatal(err)
		}
		c := &model.Conversation{Person: model.Ref{ID: p.ID}, Channel: model.ChannelVideo, Minutes: 20}
		if err := b.sc.CreateConversation(ctx, c, pagesNow); err != nil {
			t.Fatal(err)
		}
		if _, err := b.sc.Step(ctx, c.ID, method.Step{To: model.StateScheduled, At: pagesNow.Add(-time.Hour), MeetingAt: meeting}, "", pagesNow); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, itoa(c.ID))
	}
	late := b.get("/conversations/" + ids[0] + "/step?to=cancelled")
	wantIn(t, "late", late.body, "Less than a day before the meeting", "Cancel this late only for an emergency", "Hi Dana,", "another time that suits you")
	early := b.get("/conversations/" + ids[1] + "/step?to=cancelled")
	if strings.Contains(early.body, "Less than a day before") {
		t.Errorf("a cancellation two days ahead shows the late advice")
	}
}
