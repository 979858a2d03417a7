package web

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// keptHome loads 300 synthetic people and gives what serves them, a
// server that viewed the home page, and that page.
func keptHome(t *testing.T, db *storetest.DB) (Deps, *server, string) {
	t.Helper()
	deps := syntheticDeps(t, db)
	kept := newServer(deps)
	page, _ := getHome(t, kept)
	return deps, kept, page
}

// keptAfter is the due time of the last later action the page kept for
// the owner lists (agendaEntry.after).
func keptAfter(s *server, owner int64) time.Time {
	s.ui.agenda.mu.Lock()
	defer s.ui.agenda.mu.Unlock()
	return s.ui.agenda.entries[owner].after
}

// A touch that moves only a keep-in-touch falling due after the last
// later action the home page lists leaves the page as it was: the first
// view after it is served the page kept, not drawn again (keptUnchanged),
// and it is the page a server that kept nothing draws. A touch that moves
// an action the page lists (an overdue keep-in-touch, now months ahead),
// a touch that shows again a keep-in-touch done (the later actions'
// count moves), and a page more writes old than agenda_writes is read
// for, are drawn.
func TestHomeKeptAcrossATouchOffThePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx, now, sc := t.Context(), storetest.Now, db.Scope()
		deps, kept, before := keptHome(t, db)
		after := keptAfter(kept, db.Owner)
		if after.IsZero() {
			t.Fatal("the page lists every later action: the test does not test it")
		}
		all, err := sc.AgendaPage(ctx, now, nil, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var far, overdue *method.Action // a keep-in-touch after the page's last, one overdue
		for i, a := range all {
			if a.Kind != method.ActKeepInTouch {
				continue
			}
			if far == nil && a.Due.After(after) {
				far = &all[i]
			}
			if overdue == nil && a.Overdue {
				overdue = &all[i]
			}
		}
		if far == nil || overdue == nil {
			t.Fatalf("no keep-in-touch after %v (%v) or overdue (%v)", after, far, overdue)
		}
		touch := func(person int64, at time.Time) {
			t.Helper()
			if err := sc.AddActivity(ctx, &model.Activity{Person: model.Ref{ID: person}, Kind: model.ActUpdateSent, At: at}, now); err != nil {
				t.Fatal(err)
			}
		}
		view := func(what string, drawn bool) string {
			t.Helper()
			draws := kept.ui.agenda.draws.Load()
			got, etag := getHome(t, kept)
			want, wantTag := getHome(t, newServer(deps))
			if got != want || etag != wantTag {
				t.Fatalf("after %s the kept server serves another page (ETag %s) than a cold one (%s)", what, etag, wantTag)
			}
			if n := kept.ui.agenda.draws.Load() - draws; (n > 0) != drawn {
				t.Fatalf("after %s the page was drawn %d times, want drawn: %t", what, n, drawn)
			}
			return got
		}
		touch(far.PersonID, now.Add(-time.Minute))
		if got := view("a touch moving an action after the page's last", false); got != before {
			t.Fatal("the page kept changed")
		}
		if _, err := sc.MarkDone(ctx, far.ID, now); err != nil {
			t.Fatal(err)
		}
		done := view("a keep-in-touch off the page done", true)
		touch(far.PersonID, now.Add(-30*time.Second))
		if got := view("a touch showing a done keep-in-touch again, off the page", true); got == done {
			t.Fatal("the later actions' count did not change: the test does not test it")
		}
		touch(overdue.PersonID, now.Add(-time.Minute))
		if got := view("a touch moving an overdue action", true); got == before {
			t.Fatal("a touch moving an overdue action left the page as it was: the test does not test it")
		}
		for i := range 40 {
			touch(far.PersonID, now.Add(time.Duration(i-40)*time.Second))
		}
		view("40 touches off the page", true)
	})
}

// Whatever the writes, a home page kept across them is the page drawn
// from scratch: random touches (with people on the page and off it, at
// times that move their keep-in-touch or not), touches changed and
// deleted, and now and then another write (an action done, a person
// renamed), each followed by a view or not, on both databases. Some views
// must be served the page kept across a write, and some drawn again.
func TestHomeKeptAcrossRandomTouchesIsAColdRender(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx, now, sc := t.Context(), storetest.Now, db.Scope()
		deps, kept, _ := keptHome(t, db)
		people, _, err := sc.People(ctx, store.PeopleFilter{Limit: 300})
		if err != nil || len(people) == 0 {
			t.Fatalf("no people: %v", err)
		}
		// Mostly people the agenda holds actions of: their touches and
		// replies move them (a keep-in-touch ahead, a follow-up gone).
		all, err := sc.AgendaPage(ctx, now, nil, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var withActions []int64
		for _, a := range all {
			if a.PersonID != 0 {
				withActions = append(withActions, a.PersonID)
			}
		}
		rng := rand.New(rand.NewPCG(15, 8))
		var activities []int64
		var served, drawn int
		view := func(step int) {
			t.Helper()
			draws := kept.ui.agenda.draws.Load()
			got, etag := getHome(t, kept)
			if kept.ui.agenda.draws.Load() == draws {
				served++
			} else {
				drawn++
			}
			if want, wantTag := getHome(t, newServer(deps)); got != want || etag != wantTag {
				t.Fatalf("step %d: the kept server serves another page than a cold one", step)
			}
		}
		for step := range 160 {
			p := people[rng.IntN(len(people))]
			if rng.IntN(3) > 0 {
				if p, err = sc.Person(ctx, withActions[rng.IntN(len(withActions))]); err != nil {
					t.Fatal(err)
				}
			}
			kind := model.ActUpdateSent
			if rng.IntN(4) == 0 {
				kind = model.ActReplyReceived
			}
			at := now.Add(-time.Duration(rng.IntN(400*24)) * time.Hour)
			if rng.IntN(3) == 0 {
				at = now.Add(-time.Duration(rng.IntN(3600)) * time.Second)
			}
			switch r := rng.IntN(20); {
			case r < 14 || len(activities) == 0:
				a := &model.Activity{Person: model.Ref{ID: p.ID}, Kind: kind, At: at}
				if err = sc.AddActivity(ctx, a, now); err == nil {
					activities = append(activities, a.ID)
				}
			case r < 16:
				i := rng.IntN(len(activities))
				err = sc.DeleteActivity(ctx, activities[i])
				activities = append(activities[:i], activities[i+1:]...)
			case r < 18:
				err = sc.UpdateActivity(ctx, &model.Activity{ID: activities[rng.IntN(len(activities))], Person: model.Ref{ID: p.ID},
					Kind: model.ActReplyReceived, At: at})
			case r < 19:
				// An action done, and then its person touched: a
				// keep-in-touch done shows again, months ahead.
				var page []method.Action
				if page, err = sc.AgendaPage(ctx, now, nil, nil, 0); err == nil && len(page) > 0 {
					a := page[rng.IntN(len(page))]
					if _, err = sc.MarkDone(ctx, a.ID, now); err == nil && a.PersonID != 0 {
						view(step)
						err = sc.AddActivity(ctx, &model.Activity{Person: model.Ref{ID: a.PersonID}, Kind: model.ActUpdateSent,
							At: now.Add(-time.Duration(rng.IntN(3600)) * time.Second)}, now)
					}
				}
			default:
				var q *model.Person
				if q, err = sc.Person(ctx, p.ID); err == nil {
					q.Name += " R"
					err = sc.UpdatePerson(ctx, q, now)
				}
			}
			if err != nil {
				t.Fatalf("step %d: %v", step, err)
			}
			if rng.IntN(3) > 0 { // else the next write follows before any view
				view(step)
			}
		}
		if served == 0 || drawn == 0 {
			t.Fatalf("%d views served the page kept, %d drew it: the test does not test both", served, drawn)
		}
		t.Logf("%d views served the page kept across writes, %d drew it", served, drawn)
	})
}
