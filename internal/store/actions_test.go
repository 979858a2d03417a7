package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// The stored next actions are derived again only for the records a write
// touched. After any sequence of writes they must equal what the method's
// rules compute from scratch from every record: this test makes random
// sequences of every kind of write (fixed seeds, so a failure replays) and
// compares after each one, at several times of reading.
//
// A path of the derivation is tested only if the writes take it: a field's
// new target matters only where it moves the field's coverage for people
// who owe a reach-out. So the writer aims some target changes at such
// fields; a request fulfils contact_another only beside another person's
// open request in its field, so the writer aims some requests there (and
// some replies at people asked). The test fails if too few of its target
// changes changed a reach-out, too few imports merged details into a
// known person, or too few requests took another's contact_another away.
func TestStoredActionsEqualTheRulesAfterRandomWrites(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3, 4, 5, 6} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *storetest.DB) {
				w := &writer{t: t, sc: db.Scope(), rnd: rand.New(rand.NewPCG(seed, 15)), clock: now.Add(-200 * 24 * time.Hour),
					moved: map[string]int{}}
				for i := range 160 {
					before := w.reachOuts()
					op := w.step()
					w.check(fmt.Sprintf("after write %d (%s)", i, op))
					if kind, _, _ := strings.Cut(op, " "); kind == "retarget" || kind == "delete-field" || kind == "merge" {
						if after := w.reachOuts(); after != before {
							w.moved[kind]++
						}
					}
				}
				if w.fulfilled < 2 {
					t.Errorf("only %d requests fulfilled another's contact_another in their field", w.fulfilled)
				}
				if w.moved["retarget"] < 2 {
					t.Errorf("only %d target changes changed a reach-out: the sequence tests too little of that path (%v)", w.moved["retarget"], w.moved)
				}
				if w.merges < 2 {
					t.Errorf("only %d imports merged details into a known person", w.merges)
				}
			})
		})
	}
}

// reachOuts is the stored reach-outs with their reasons (which say whether
// the person's fields have their perspectives), as one string to compare.
func (w *writer) reachOuts() string {
	agenda, err := w.sc.Agenda(w.ctx(), w.clock)
	if err != nil {
		w.t.Fatal(err)
	}
	var b strings.Builder
	for _, a := range agenda {
		if a.Kind == method.ActReachOut {
			fmt.Fprintf(&b, "%s %s %s|", a.ID, a.Due.Format(time.RFC3339), a.Reason)
		}
	}
	return b.String()
}

// writer makes random writes through the store's public API.
type writer struct {
	t     *testing.T
	sc    *store.Scope
	rnd   *rand.Rand
	clock time.Time
	// moved counts, by kind, the writes that changed a reach-out;
	// merges the imports that updated a known person.
	moved  map[string]int
	merges int
	// fulfilled counts the requests beside another in its field that took
	// that one's contact_another away.
	fulfilled int
}

func (w *writer) ctx() context.Context { return context.Background() }

func (w *writer) ids(q func() ([]int64, error)) []int64 {
	ids, err := q()
	if err != nil {
		w.t.Fatal(err)
	}
	return ids
}

func (w *writer) people() []int64 {
	return w.ids(func() ([]int64, error) {
		list, _, err := w.sc.People(w.ctx(), store.PeopleFilter{})
		var out []int64
		for _, p := range list {
			out = append(out, p.ID)
		}
		return out, err
	})
}

func (w *writer) fields() []int64 {
	return w.ids(func() ([]int64, error) {
		list, err := w.sc.Fields(w.ctx())
		var out []int64
		for _, f := range list {
			out = append(out, f.ID)
		}
		return out, err
	})
}

func (w *writer) convos() []*model.Conversation {
	list, err := w.sc.Conversations(w.ctx(), store.ConversationFilter{})
	if err != nil {
		w.t.Fatal(err)
	}
	return list
}

func pick[T any](r *rand.Rand, s []T) (T, bool) {
	var zero T
	if len(s) == 0 {
		return zero, false
	}
	return s[r.IntN(len(s))], true
}

var tags = []string{"mentor", "dc", "alumni"}

// step makes one random write and names it. Refused writes (an illegal
// step, a person with conversations) are part of the test: they must
// leave the stored actions as they were.
func (w *writer) step() string {
	ctx, r := w.ctx(), w.rnd
	w.clock = w.clock.Add(time.Duration(r.IntN(72)+1) * time.Hour)
	at := w.clock
	fieldRefs := func() []model.Ref {
		var out []model.Ref
		for _, f := range w.fields() {
			if r.IntN(3) == 0 {
				out = append(out, model.Ref{ID: f})
			}
		}
		return out
	}
	refer := func() *model.Ref {
		if p, ok := pick(r, w.people()); ok && r.IntN(2) == 0 {
			return &model.Ref{ID: p}
		}
		return nil
	}
	var err error
	op := ""
	switch n := r.IntN(120); {
	case n >= 100:
		// rarer writes, below
	case n < 10:
		op = "create person"
		n := r.IntN(1000)
		err = w.sc.CreatePerson(ctx, &model.Person{Name: fmt.Sprint("Person ", n), ReferredBy: refer(),
			URL: fmt.Sprintf("https://www.linkedin.com/in/person%d", n), Tags: []string{tags[r.IntN(len(tags))]}, Fields: fieldRefs()}, at)
	case n < 15:
		op = "update person"
		if id, ok := pick(r, w.people()); ok {
			p, e := w.sc.Person(ctx, id)
			if e != nil {
				w.t.Fatal(e)
			}
			p.Name += "'"
			p.Tags = []string{tags[r.IntN(len(tags))]}
			p.DoNotContact = r.IntN(4) == 0
			if r.IntN(3) == 0 {
				p.Fields = fieldRefs() // a reach-out ranks by its fields' perspectives
			}
			if r.IntN(2) == 0 {
				p.ReferredBy = refer()
				if p.ReferredBy != nil && p.ReferredBy.ID == id {
					p.ReferredBy = nil
				}
			}
			err = w.sc.UpdatePerson(ctx, p, at)
		}
	case n < 18:
		op = "delete person"
		if id, ok := pick(r, w.people()); ok {
			err = w.sc.DeletePerson(ctx, id, r.IntN(2) == 0)
		}
	case n < 23:
		op = "create field"
		err = w.sc.CreateField(ctx, &model.Field{Name: fmt.Sprint("Field ", r.IntN(1000)), Target: r.IntN(4) + 1}, at)
	case n < 26:
		op = "update field"
		if id, ok := pick(r, w.fields()); ok {
			f, e := w.sc.Field(ctx, id)
			if e != nil {
				w.t.Fatal(e)
			}
			f.Name += "'"
			f.Target = r.IntN(4) + 1
			err = w.sc.UpdateField(ctx, f, at)
		}
	case n < 28:
		op = "delete-field"
		if id, ok := pick(r, w.fields()); ok {
			err = w.sc.DeleteField(ctx, id)
		}
	case n < 36:
		op, err = w.beside(at)
	case n < 40:
		op = "create conversation"
		if id, ok := pick(r, w.people()); ok {
			err = w.sc.CreateConversation(ctx, &model.Conversation{Person: model.Ref{ID: id}, Fields: fieldRefs()}, at)
		}
	case n < 45:
		op = "update conversation"
		if c, ok := pick(r, w.convos()); ok {
			c.Fields = fieldRefs()
			c.Prepared = r.IntN(2) == 0
			c.Notes = []string{"", "Talked about grants."}[r.IntN(2)]
			err = w.sc.UpdateConversation(ctx, c, at)
		}
	case n < 47:
		op = "delete conversation"
		if c, ok := pick(r, w.convos()); ok {
			err = w.sc.DeleteConversation(ctx, c.ID)
		}
	case n < 72:
		op = "step"
		if c, ok := pick(r, w.convos()); ok {
			to, ok := pick(r, method.Allowed(c.State, c.FollowUps))
			if !ok {
				break
			}
			st := method.Step{To: to, At: at}
			if to == model.StateScheduled {
				st.MeetingAt = at.Add(time.Duration(r.IntN(200)-50) * time.Hour)
			}
			op += " " + string(to)
			_, err = w.sc.Step(ctx, c.ID, st, "", at)
		}
	case n < 79:
		// A referral captured in a conversation: a new person (or one
		// already known, offered back), or someone linked.
		op = "referral"
		if c, ok := pick(r, w.convos()); ok {
			ref := store.Referral{ConversationID: c.ID, Name: fmt.Sprint("Person ", r.IntN(1000)), New: r.IntN(2) == 0,
				NamePermission: []model.NamePermission{model.NameYes, model.NameNo, model.NameNotAsked}[r.IntN(3)]}
			if id, ok := pick(r, w.people()); ok && r.IntN(3) == 0 {
				ref.PersonID = id
			}
			_, err = w.sc.AddReferral(ctx, ref, at)
		}
	case n < 82:
		op = "activity"
		people := w.people()
		if r.IntN(2) == 0 {
			// Half the time someone asked: a reply takes their request's actions away.
			people = people[:0]
			for _, c := range w.convos() {
				if c.State == model.StateRequested {
					people = append(people, c.Person.ID)
				}
			}
		}
		if id, ok := pick(r, people); ok {
			kind := []model.ActivityKind{model.ActReplyReceived, model.ActUpdateSent, model.ActCall}[r.IntN(3)]
			op += " " + string(kind)
			err = w.sc.AddActivity(ctx, &model.Activity{Person: model.Ref{ID: id}, Kind: kind, At: at.Add(-time.Duration(r.IntN(300)) * time.Hour)}, at)
		}
	case n < 85:
		op = "delete activity"
		if id, ok := pick(r, w.people()); ok {
			list, e := w.sc.Activities(ctx, store.ActivityFilter{PersonID: id})
			if e != nil {
				w.t.Fatal(e)
			}
			if a, ok := pick(r, list); ok {
				err = w.sc.DeleteActivity(ctx, a.ID)
			}
		}
	case n < 95:
		agenda, e := w.sc.Agenda(ctx, at)
		if e != nil {
			w.t.Fatal(e)
		}
		if a, ok := pick(r, agenda); ok {
			if r.IntN(2) == 0 {
				op = "done " + a.ID
				_, err = w.sc.MarkDone(ctx, a.ID, at)
			} else {
				op = "snooze " + a.ID
				_, err = w.sc.Snooze(ctx, a.ID, at.Add(time.Duration(r.IntN(200)+1)*time.Hour), at)
			}
		}
	default:
		op = "settings"
		_, err = w.sc.UpdateSettings(ctx, func(s *method.Settings) error {
			s.FollowUpBusinessDays = r.IntN(10) + 1
			s.KeepInTouchDays = r.IntN(100) + 30
			s.KeepInTouchByTag = map[string]int{tags[r.IntN(len(tags))]: r.IntN(30) + 7}
			s.TargetPerspectives = r.IntN(4) + 1
			s.ReachOutBusinessDays = r.IntN(5) + 1
			s.TimeZone = []string{"America/New_York", "Europe/Paris", "UTC"}[r.IntN(3)]
			return nil
		})
	}
	if op == "" {
		op, err = w.rarer(at)
	}
	var se *method.StepError
	var has *store.ErrHasConversations
	var same *store.SamePersonError
	var inv *model.FieldError
	var invs model.Errors
	if err != nil && !errors.As(err, &se) && !errors.As(err, &has) && !errors.As(err, &same) && !errors.As(err, &inv) && !errors.As(err, &invs) {
		w.t.Fatalf("%s: %v", op, err)
	}
	return op
}

// check compares the stored agenda with the rules' from-scratch agenda,
// read now, a little later and much later (overdue is decided when read).
func (w *writer) check(when string) {
	w.t.Helper()
	for _, later := range []time.Duration{0, 30 * time.Hour, 400 * time.Hour} {
		at := w.clock.Add(later)
		in, err := w.sc.AgendaInput(w.ctx(), at)
		if err != nil {
			w.t.Fatal(err)
		}
		// The fields' kept progress is what counting the conversations gives.
		progress, err := w.sc.FieldProgress(w.ctx())
		if err != nil {
			w.t.Fatal(err)
		}
		if len(progress) != len(in.Fields) || (len(progress) > 0 && !reflect.DeepEqual(progress, in.Fields)) {
			w.t.Fatalf("%s: the fields' kept progress differs from the conversations'\nkept:    %+v\ncounted: %+v", when, progress, in.Fields)
		}
		// So is each field's kept latest request.
		kept, counted, err := store.LastRequests(w.ctx(), w.sc)
		if err != nil {
			w.t.Fatal(err)
		}
		if len(kept) != len(counted) || (len(kept) > 0 && !reflect.DeepEqual(kept, counted)) {
			w.t.Fatalf("%s: the fields' kept latest requests differ from the conversations'\nkept:    %v\ncounted: %v", when, kept, counted)
		}
		want := method.Agenda(in)
		got, err := w.sc.Agenda(w.ctx(), at)
		if err != nil {
			w.t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			w.t.Fatalf("%s, read at +%s: the stored agenda differs from the rules'\nstored: %s\nrules:  %s", when, later, brief(got), brief(want))
		}
		// Page by page, the same list.
		var paged []method.Action
		var after *method.Action
		for {
			page, err := w.sc.AgendaPage(w.ctx(), at, nil, after, 4)
			if err != nil {
				w.t.Fatal(err)
			}
			paged = append(paged, page...)
			if len(page) < 4 {
				break
			}
			after = &page[len(page)-1]
		}
		if len(paged) != len(got) {
			w.t.Fatalf("%s: pages of 4 hold %d actions, the agenda %d", when, len(paged), len(got))
		}
		for i := range paged {
			if paged[i].ID != got[i].ID {
				w.t.Fatalf("%s: action %d is %s on its page, %s in the agenda", when, i, paged[i].ID, got[i].ID)
			}
		}
		counts, err := w.sc.ActionCounts(w.ctx(), at, at.Add(24*time.Hour))
		if err != nil {
			w.t.Fatal(err)
		}
		overdue := 0
		for _, a := range got {
			if a.Overdue {
				overdue++
			}
		}
		if len(counts) != 4 || counts[0] != overdue || counts[0]+counts[1]+counts[2]+counts[3] != len(got) {
			w.t.Fatalf("%s: counts %v for %d actions, %d overdue", when, counts, len(got), overdue)
		}
	}
}

func brief(as []method.Action) string {
	s := ""
	for _, a := range as {
		s += fmt.Sprintf("\n  %s due %s overdue=%v %q/%q/%q %q", a.ID, a.Due.Format(time.RFC3339), a.Overdue, a.Person, a.Field, a.Referrer, a.Reason)
		if a.SnoozedUntil != nil {
			s += " snoozed until " + a.SnoozedUntil.Format(time.RFC3339)
		}
	}
	return s
}

// The reminders' query: every owner's actions falling due in a window,
// by due time, without the done, the snoozed and the standing goals.
func TestDueBetweenListsEveryOwnersActionsInTheWindow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		second, err := db.Store.NewUser(ctx, "Second", now)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for i, owner := range []int64{db.Owner, second} {
			sc := db.Store.For(owner)
			dana := mustPerson(t, sc, &model.Person{Name: "Dana"})
			mustField(t, sc, "Policy") // a standing goal, never listed
			for j, held := range []time.Duration{70 * time.Hour, 30 * time.Hour, 10 * time.Hour} {
				c := &model.Conversation{Person: model.Ref{ID: dana.ID}}
				if err := sc.CreateConversation(ctx, c, now.Add(-100*time.Hour)); err != nil {
					t.Fatal(err)
				}
				at := now.Add(-held - time.Duration(i)*time.Minute)
				if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: at.Add(-time.Hour)}, "", now); err != nil {
					t.Fatal(err)
				}
				if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateHeld, At: at}, "", now); err != nil {
					t.Fatal(err)
				}
				// Held: write notes due an hour after, thank twelve hours
				// after; the window is from 40 hours ago to 10 hours ahead.
				switch j {
				case 0:
					// Both before the window.
				case 1:
					want = append(want, fmt.Sprint(owner, " ", method.ActionID(method.ActThank, 'c', c.ID)))
					if _, err := sc.MarkDone(ctx, method.ActionID(method.ActWriteNotes, 'c', c.ID), now); err != nil {
						t.Fatal(err)
					}
				case 2:
					want = append(want, fmt.Sprint(owner, " ", method.ActionID(method.ActWriteNotes, 'c', c.ID)))
					if _, err := sc.Snooze(ctx, method.ActionID(method.ActThank, 'c', c.ID), now.Add(48*time.Hour), now); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		due, err := db.Store.DueBetween(ctx, now.Add(-40*time.Hour), now.Add(10*time.Hour), 100)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for i, d := range due {
			got = append(got, fmt.Sprint(d.Owner, " ", d.ID))
			if i > 0 && d.Due.Before(due[i-1].Due) {
				t.Errorf("not by due time: %v", due)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("due in the window: %v, want %v", got, want)
		}
	})
}

// NextActions reads, for some conversations and people, the agenda's own
// actions: those of the conversations, and the people's actions that
// belong to no conversation, in the agenda's order.
func TestNextActionsAreTheAgendasForTheGivenRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		if _, err := sc.LoadBulk(ctx, demo.Synthetic(60, 3, storetest.Now), storetest.Now); err != nil {
			t.Fatal(err)
		}
		agenda, err := sc.Agenda(ctx, storetest.Now)
		if err != nil {
			t.Fatal(err)
		}
		convos, err := sc.Conversations(ctx, store.ConversationFilter{Limit: 25})
		if err != nil || len(convos) == 0 {
			t.Fatal(len(convos), err)
		}
		var cids, pids []int64
		for _, c := range convos {
			cids, pids = append(cids, c.ID), append(pids, c.Person.ID)
		}
		var want []string
		personLevel := 0
		for _, a := range agenda {
			if slices.Contains(cids, a.ConversationID) || a.ConversationID == 0 && slices.Contains(pids, a.PersonID) {
				want = append(want, a.ID)
				if a.ConversationID == 0 {
					personLevel++
				}
			}
		}
		got, err := sc.NextActions(ctx, storetest.Now, cids, pids)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, a := range got {
			ids = append(ids, a.ID)
		}
		if len(want) == 0 || !slices.Equal(ids, want) {
			t.Errorf("NextActions = %v\nwant the agenda's %v", ids, want)
		}
		if personLevel == 0 {
			t.Logf("no keep-in-touch or reach-out among these people")
		}
		if none, err := sc.NextActions(ctx, storetest.Now, nil, nil); err != nil || len(none) != 0 {
			t.Errorf("NextActions of nothing = %v, %v", none, err)
		}
	})
}

// Keeping in touch after a thank-you first asks for the advice update; once
// a keep-in-touch note moved the conversation on, the stored action asks
// for an article or an update, as the rules derive from scratch.
func TestTheStoredKeepInTouchAsksForTheAdviceUpdateFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		start := storetest.Now.Add(-120 * 24 * time.Hour)
		p, _, err := sc.EnsurePerson(ctx, "Dana Brown", start)
		if err != nil {
			t.Fatal(err)
		}
		c := &model.Conversation{Person: p, Channel: model.ChannelVideo, Minutes: 20}
		if err := sc.CreateConversation(ctx, c, start); err != nil {
			t.Fatal(err)
		}
		for _, st := range []method.Step{
			{To: model.StateRequested, At: start.Add(time.Hour)},
			{To: model.StateScheduled, At: start.Add(2 * time.Hour), MeetingAt: start.Add(48 * time.Hour)},
			{To: model.StateHeld, At: start.Add(49 * time.Hour)},
			{To: model.StateThanked, At: start.Add(50 * time.Hour)},
		} {
			if _, err := sc.Step(ctx, c.ID, st, "", storetest.Now); err != nil {
				t.Fatal(err)
			}
		}
		reason := func() string {
			t.Helper()
			a, err := sc.FindAction(ctx, method.ActionID(method.ActKeepInTouch, 'p', p.ID), storetest.Now)
			if err != nil {
				t.Fatal(err)
			}
			return a.Reason
		}
		if r := reason(); !strings.Contains(r, "tell them what you did with their advice") {
			t.Errorf("after the thank-you: %q, want the advice update", r)
		}
		if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateKeepingInTouch, At: start.Add(60 * 24 * time.Hour)}, "", storetest.Now); err != nil {
			t.Fatal(err)
		}
		if r := reason(); !strings.Contains(r, "share an article or an update") {
			t.Errorf("after a keep-in-touch note: %q, want an article or an update", r)
		}
		if bad, err := sc.CheckActions(ctx, storetest.Now); err != nil || len(bad) > 0 {
			t.Errorf("stored actions differ from the rules: %v %v", bad, err)
		}
	})
}

// A write derives a field's reach-outs again only where the field's
// coverage (its target perspectives held or booked) changed: a held
// conversation that gives the field its perspectives, a new target that
// takes them away or gives them back. Each must move the reach-out of a
// person in the field whom the write does not otherwise touch.
func TestAReachOutFollowsItsFieldsCoverage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		start := storetest.Now.Add(-30 * 24 * time.Hour)
		f := &model.Field{Name: "Public policy", Target: 1}
		if err := sc.CreateField(ctx, f, start); err != nil {
			t.Fatal(err)
		}
		sam, _, err := sc.EnsurePerson(ctx, "Sam Okafor", start)
		if err != nil {
			t.Fatal(err)
		}
		tom := &model.Person{Name: "Tom Becker", ReferredBy: &sam, Fields: []model.Ref{{ID: f.ID}}}
		if err := sc.CreatePerson(ctx, tom, start); err != nil {
			t.Fatal(err)
		}
		covered := func(want bool, when string) {
			t.Helper()
			a, err := sc.FindAction(ctx, method.ActionID(method.ActReachOut, 'p', tom.ID), storetest.Now)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(a.Reason, "has its perspectives already"); got != want {
				t.Errorf("%s: reach-out %q, want covered %v", when, a.Reason, want)
			}
			if bad, err := sc.CheckActions(ctx, storetest.Now); err != nil || len(bad) > 0 {
				t.Errorf("%s: stored actions differ from the rules: %v %v", when, bad, err)
			}
		}
		covered(false, "no conversation yet")
		c := &model.Conversation{Person: sam, Fields: []model.Ref{{ID: f.ID}}}
		if err := sc.CreateConversation(ctx, c, start); err != nil {
			t.Fatal(err)
		}
		for _, st := range []method.Step{
			{To: model.StateRequested, At: start.Add(time.Hour)},
			{To: model.StateScheduled, At: start.Add(2 * time.Hour), MeetingAt: start.Add(48 * time.Hour)},
		} {
			if _, err := sc.Step(ctx, c.ID, st, "", storetest.Now); err != nil {
				t.Fatal(err)
			}
		}
		covered(true, "one booked of a target of 1")
		for _, step := range []struct {
			target int
			want   bool
		}{{3, false}, {1, true}} {
			target, want := step.target, step.want
			f.Target = target
			if err := sc.UpdateField(ctx, f, storetest.Now); err != nil {
				t.Fatal(err)
			}
			covered(want, fmt.Sprintf("target %d", target))
		}
		if err := sc.DeleteConversation(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		covered(false, "its conversation deleted")
	})
}

// rarer makes one of the writes that reach a path of the derivation the
// common ones seldom do: a field given the target that moves its coverage
// (covered to not, or back) where someone owes a reach-out, and an import
// that merges details into a known person (a new referrer, another field,
// do not contact).
func (w *writer) rarer(at time.Time) (string, error) {
	ctx, r := w.ctx(), w.rnd
	if r.IntN(3) > 0 {
		progress, err := w.sc.FieldProgress(ctx)
		if err != nil {
			w.t.Fatal(err)
		}
		// Mostly a field of someone who owes a reach-out.
		aimed := map[int64]bool{}
		agenda, err := w.sc.Agenda(ctx, at)
		if err != nil {
			w.t.Fatal(err)
		}
		for _, a := range agenda {
			if a.Kind == method.ActReachOut && a.PersonID != 0 {
				p, err := w.sc.Person(ctx, a.PersonID)
				if err != nil {
					w.t.Fatal(err)
				}
				for _, f := range p.Fields {
					aimed[f.ID] = true
				}
			}
		}
		if r.IntN(4) > 0 {
			progress = slices.DeleteFunc(progress, func(f method.FieldFacts) bool { return !aimed[f.ID] })
		}
		f, ok := pick(r, progress)
		if !ok {
			return "retarget (no field)", nil
		}
		field, err := w.sc.Field(ctx, f.ID)
		if err != nil {
			w.t.Fatal(err)
		}
		have := f.Held + f.Booked
		if field.Target <= have {
			field.Target = have + 1 + r.IntN(2) // no longer covered
		} else {
			field.Target = max(1, have-r.IntN(2)) // covered, if it has any
		}
		return fmt.Sprintf("retarget field %d to %d (%d held or booked)", f.ID, field.Target, have), w.sc.UpdateField(ctx, field, at)
	}
	people, _, err := w.sc.People(ctx, store.PeopleFilter{})
	if err != nil {
		w.t.Fatal(err)
	}
	people = slices.DeleteFunc(people, func(p *model.Person) bool { return p.URL == "" })
	p, ok := pick(r, people)
	if !ok {
		return "merge (no person with a URL)", nil
	}
	// vCard's ORG, NOTE and URL: the URL names the known person, whose
	// details the import updates; a second card is someone new.
	vcf := fmt.Sprintf("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nORG:Org %d\r\nURL:%s\r\nEMAIL:p%d@example.org\r\nEND:VCARD\r\n"+
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:New %d\r\nEND:VCARD\r\n", p.Name, r.IntN(5), p.URL, p.ID, r.IntN(100000))
	preview, err := w.sc.ApplyImport(ctx, store.ImportVCard, strings.NewReader(vcf), at)
	if err == nil && len(preview.Updates) > 0 {
		w.merges++
	}
	return fmt.Sprintf("merge into person %d", p.ID), err
}

// beside makes a request in a field that already holds someone else's
// open request, the collision in which a later request fulfils the
// earlier one's contact_another (the derivation looks up only the earlier
// requests still owing it). The request is another person's conversation
// asked for (one that may be, or a new one), or one already asked for
// joining the field; some are dated before the open one, which then
// fulfils theirs (the field's latest request does not move).
func (w *writer) beside(at time.Time) (string, error) {
	ctx, r := w.ctx(), w.rnd
	convos, owed := w.convos(), w.contactAnother()
	var open, owing []*model.Conversation
	for _, c := range convos {
		if c.State == model.StateRequested && len(c.Fields) > 0 {
			open = append(open, c)
			if owed[c.ID] {
				owing = append(owing, c)
			}
		}
	}
	if len(owing) > 0 && r.IntN(4) > 0 {
		open = owing // mostly one still owing contact_another
	}
	op := ""
	o, ok := pick(r, open)
	if !ok {
		// None yet: the first, in some field, of someone, then the one beside it.
		field, ok := pick(r, w.fields())
		if !ok {
			f := &model.Field{Name: fmt.Sprint("Field ", r.IntN(1000)), Target: r.IntN(4) + 1}
			if err := w.sc.CreateField(ctx, f, at); err != nil {
				return "beside: a first field", err
			}
			field = f.ID
		}
		c := &model.Conversation{Person: model.Ref{ID: w.someone(0, at)}, Fields: []model.Ref{{ID: field}}}
		if err := w.sc.CreateConversation(ctx, c, at); err != nil {
			return "beside: a first conversation", err
		}
		if _, err := w.sc.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: at.Add(-time.Hour)}, "", at); err != nil {
			return "beside: a first request", err
		}
		var err error
		if o, err = w.sc.Conversation(ctx, c.ID); err != nil {
			w.t.Fatal(err)
		}
		op = "a first request, then "
		owed[o.ID] = true
	}
	f, _ := pick(r, o.Fields)
	var others []*model.Conversation
	for _, c := range convos {
		if c.Person.ID != o.Person.ID && (c.State == model.StateRequested || slices.Contains(method.Allowed(c.State, c.FollowUps), model.StateRequested)) {
			others = append(others, c)
		}
	}
	c, ok := pick(r, others)
	if !ok || r.IntN(3) == 0 {
		c = &model.Conversation{Person: model.Ref{ID: w.someone(o.Person.ID, at)}, Fields: []model.Ref{{ID: f.ID}}}
		if err := w.sc.CreateConversation(ctx, c, at); err != nil {
			return "beside: create", err
		}
	}
	op += fmt.Sprintf("beside conversation %d in field %d: conversation %d", o.ID, f.ID, c.ID)
	if !slices.ContainsFunc(c.Fields, func(x model.Ref) bool { return x.ID == f.ID }) {
		op += " joins"
		c.Fields = append(c.Fields, model.Ref{ID: f.ID})
		if err := w.sc.UpdateConversation(ctx, c, at); err != nil {
			return op, err
		}
	}
	if c.State != model.StateRequested {
		st := method.Step{To: model.StateRequested, At: at}
		if c.State == model.StateIdea && r.IntN(4) == 0 {
			st.At = o.RequestedAt.Add(-time.Duration(r.IntN(48)+1) * time.Hour) // before the open one
		}
		op += " asked for at " + st.At.Format(time.RFC3339)
		if _, err := w.sc.Step(ctx, c.ID, st, "", at); err != nil {
			return op, err
		}
	}
	still := w.contactAnother()
	for id := range owed {
		if id != c.ID && !still[id] {
			w.fulfilled++
			break
		}
	}
	return op, nil
}

// someone is a person other than not: one known, or a new one.
func (w *writer) someone(not int64, at time.Time) int64 {
	people := slices.DeleteFunc(w.people(), func(id int64) bool { return id == not })
	if id, ok := pick(w.rnd, people); ok && w.rnd.IntN(4) > 0 {
		return id
	}
	p := &model.Person{Name: fmt.Sprint("Person ", w.rnd.IntN(1000))}
	if err := w.sc.CreatePerson(w.ctx(), p, at); err != nil {
		w.t.Fatal(err)
	}
	return p.ID
}

// contactAnother is the conversations whose contact_another is stored.
func (w *writer) contactAnother() map[int64]bool {
	agenda, err := w.sc.Agenda(w.ctx(), w.clock)
	if err != nil {
		w.t.Fatal(err)
	}
	out := map[int64]bool{}
	for _, a := range agenda {
		if a.Kind == method.ActContactAnother {
			out[a.ConversationID] = true
		}
	}
	return out
}

// The reminders' benchmark seeds its actions directly; the owners' counts
// by day (action_days) must come with them, as the writes would keep them,
// so that ActionCounts over seeded rows is what the rows give.
func TestSeededDueActionsAreCounted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		const owners, per = 3, 40
		first, err := store.SeedDueActions(ctx, db.Store, owners, per, now)
		if err != nil {
			t.Fatal(err)
		}
		for o := range owners {
			sc := db.Store.For(first + int64(o))
			from, cut := now.Add(-time.Minute), now.Add(12*time.Hour)
			want := []int{0, 0, 0, 0} // overdue, before cut, later, standing
			for a := range per {
				id := int64(o*per + a + 1)
				due := now.Add(time.Duration(id*7919%(24*60)) * time.Minute)
				if due.Before(cut) {
					want[1]++
				} else {
					want[2]++
				}
			}
			got, err := sc.ActionCounts(ctx, from, cut)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("owner %d: counts %v, want %v", o, got, want)
			}
		}
	})
}

// TestAgendaPageReadsTheAgendaIndexInOrder: the page of the agenda is one
// read of the agenda's index in its order, from the owner's first action
// (no sort, no scan of the owner's actions), with one look-up by key for
// each name shown. On PostgreSQL the plan checked is the generic one the
// kept statement runs with.
func TestAgendaPageReadsTheAgendaIndexInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		if _, err := sc.LoadBulk(ctx, demo.Synthetic(1000, 1, storetest.Now), storetest.Now); err != nil {
			t.Fatal(err)
		}
		q, args := store.AgendaPageQuery(sc, storetest.Now, 100)
		raw, err := sql.Open(map[string]string{"sqlite": "sqlite", "postgres": "pgx"}[db.Name], db.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		var text string
		if db.Name == "sqlite" {
			text = plan(ctx, t, raw, "EXPLAIN QUERY PLAN "+q, args...)
			if !strings.Contains(text, "SEARCH a USING INDEX next_actions_agenda (owner_id=? AND standing=?)") || strings.Contains(text, "B-TREE") ||
				strings.Count(text, "USING INTEGER PRIMARY KEY (rowid=?)") != 3 {
				t.Errorf("the agenda page's plan:\n%s", text)
			}
			return
		}
		if _, err := raw.ExecContext(ctx, "ANALYZE next_actions, people, fields"); err != nil {
			t.Fatal(err)
		}
		conn, err := raw.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SET plan_cache_mode = force_generic_plan"); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, "PREPARE agenda_page AS "+q); err != nil {
			t.Fatal(err)
		}
		// EXECUTE takes its arguments written out: the owner, now, not standing.
		if len(args) != 3 {
			t.Fatalf("the page's arguments: %v", args)
		}
		text = plan(ctx, t, conn, fmt.Sprintf("EXPLAIN EXECUTE agenda_page(%d, '%s', %v)", args...))
		if !strings.Contains(text, "Index Scan using next_actions_agenda on next_actions a") || strings.Contains(text, "Sort") ||
			strings.Contains(text, "Seq Scan") || strings.Count(text, "Index Cond: (id = a.") != 3 {
			t.Errorf("the agenda page's generic plan:\n%s", text)
		}
	})
}
