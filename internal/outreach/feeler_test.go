package outreach_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// thankedConversation stores a conversation in field f, held and thanked
// on the given day, and returns its target.
func thankedConversation(t *testing.T, sc *store.Scope, f *model.Field, thanked time.Time) outreach.Target {
	t.Helper()
	ctx := context.Background()
	p := &model.Person{Name: "Dana Ortiz", Emails: []string{"dana@example.org"}, Fields: []model.Ref{{ID: f.ID}}}
	if err := sc.CreatePerson(ctx, p, thanked.AddDate(0, -1, 0)); err != nil {
		t.Fatal(err)
	}
	c := &model.Conversation{Person: model.Ref{ID: p.ID}, Fields: []model.Ref{{ID: f.ID}}, Minutes: 20}
	if err := sc.CreateConversation(ctx, c, thanked.AddDate(0, -1, 0)); err != nil {
		t.Fatal(err)
	}
	for i, st := range []model.State{model.StateRequested, model.StateHeld, model.StateThanked} {
		at := thanked.Add(time.Duration(i-2) * time.Hour)
		if _, err := sc.Step(ctx, c.ID, method.Step{To: st, At: at}, "", at); err != nil {
			t.Fatal(err)
		}
	}
	return outreach.Target{ConversationID: c.ID}
}

// The feeler note is written only for a field the user pursues and from
// 60 days after the thank-you; before, the composer writes a keep-in-touch
// note, says why, and checks the text as one: a resume is flagged.
func TestFeelerWaitsForAPursuedFieldAndSixtyDays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		withProfile(t, sc) // days are counted in New York
		thanked := time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC)
		f := &model.Field{Name: "Urban planning"}
		if err := sc.CreateField(ctx, f, thanked); err != nil {
			t.Fatal(err)
		}
		target := thankedConversation(t, sc, f, thanked)
		feeler := func(now time.Time) *outreach.Draft {
			t.Helper()
			d, err := outreach.Prepare(ctx, sc, target, outreach.Request{Kind: etiquette.Feeler, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		later := thanked.AddDate(0, 3, 0)
		notYet := func(d *outreach.Draft, why string) {
			t.Helper()
			if d.Kind != etiquette.KeepInTouch {
				t.Fatalf("kind %s, want keep_in_touch", d.Kind)
			}
			if !slices.ContainsFunc(d.Notes, func(n string) bool { return strings.Contains(n, why) }) {
				t.Errorf("notes %q do not say %q", d.Notes, why)
			}
			d.Recheck(d.Subject, d.Body+"\n\nI have enclosed my resume.")
			if !slices.ContainsFunc(d.Findings, func(f etiquette.Finding) bool { return f.Rule == etiquette.RuleResumeOffer }) {
				t.Errorf("a resume in a note before the feeler is due was not flagged: %v", d.Findings)
			}
		}
		notYet(feeler(later), "field you are pursuing")

		f.Pursuing = true
		if err := sc.UpdateField(ctx, f, thanked); err != nil {
			t.Fatal(err)
		}
		notYet(feeler(thanked.AddDate(0, 0, 59)), "not before 31 July 2026")

		d := feeler(thanked.AddDate(0, 0, 60))
		if d.Kind != etiquette.Feeler || !strings.Contains(d.Body, "resume") {
			t.Fatalf("60 days after the thank-you, in a pursued field: kind %s, body %q", d.Kind, d.Body)
		}
		if slices.ContainsFunc(d.Findings, func(f etiquette.Finding) bool { return f.Rule == etiquette.RuleResumeOffer }) {
			t.Errorf("the feeler's own resume line was flagged: %v", d.Findings)
		}
	})
}
