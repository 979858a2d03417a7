package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// The statements that count a field's held and booked conversations, and
// its latest request, from every conversation of the field.
const (
	countsHeldBooked    = "GROUP BY cf.field_id, c.state"
	countsLatestRequest = "MAX(c.requested_at)"
)

// ran runs a write and returns its statements joined, for a look for one.
func ran(t *testing.T, sc *store.Scope, write func(*store.Scope) error) string {
	t.Helper()
	stmts, err := store.WriteStatements(context.Background(), sc, write)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(stmts, "\n;\n")
}

// keptEqualsCounted fails unless the fields' kept progress and latest
// requests are what counting the conversations gives, and the stored
// agenda the rules'.
func keptEqualsCounted(t *testing.T, sc *store.Scope, at time.Time) {
	t.Helper()
	ctx := context.Background()
	in, err := sc.AgendaInput(ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	progress, err := sc.FieldProgress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(progress, in.Fields) {
		t.Errorf("kept progress %+v, counted %+v", progress, in.Fields)
	}
	kept, counted, err := store.LastRequests(ctx, sc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(kept, counted) {
		t.Errorf("kept latest requests %v, counted %v", kept, counted)
	}
	got, err := sc.Agenda(ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	if want := method.Agenda(in); !reflect.DeepEqual(got, want) {
		t.Errorf("stored agenda %s\nrules' %s", brief(got), brief(want))
	}
}

// twoFieldsAndDana makes the fields Policy and Grants, and Dana.
func twoFieldsAndDana(t *testing.T, sc *store.Scope) (policy, grants model.Ref, dana *model.Person) {
	t.Helper()
	return mustField(t, sc, "Policy"), mustField(t, sc, "Grants"), mustPerson(t, sc, &model.Person{Name: "Dana"})
}

// A lifecycle step moves its fields' held and booked counts by the
// difference it makes, and a new request moves their latest request to
// it, without counting the fields' conversations again.
func TestAStepMovesItsFieldsCountsWithoutCountingThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		policy, grants, dana := twoFieldsAndDana(t, sc)
		at := now.Add(-100 * time.Hour)
		var convos []*model.Conversation
		for range 3 {
			c := &model.Conversation{Person: model.Ref{ID: dana.ID}, Fields: []model.Ref{policy, grants}}
			if err := sc.CreateConversation(ctx, c, at); err != nil {
				t.Fatal(err)
			}
			convos = append(convos, c)
		}
		for i, st := range []struct {
			c  int
			to model.State
		}{{0, model.StateRequested}, {1, model.StateRequested}, {0, model.StateScheduled}, {0, model.StateHeld},
			{1, model.StateHeld}, {0, model.StateThanked}, {2, model.StateRequested}, {1, model.StateThanked}} {
			at = at.Add(time.Hour)
			step := method.Step{To: st.to, At: at}
			if st.to == model.StateScheduled {
				step.MeetingAt = at.Add(time.Hour)
			}
			stmts := ran(t, sc, func(tx *store.Scope) error {
				_, err := tx.Step(ctx, convos[st.c].ID, step, "", at)
				return err
			})
			for _, q := range []string{countsHeldBooked, countsLatestRequest} {
				if strings.Contains(stmts, q) {
					t.Errorf("step %d (%s) counted the fields again: %s", i, st.to, q)
				}
			}
			keptEqualsCounted(t, sc, at)
		}
	})
}

// A request earlier than the conversation's last (its dates imported, so
// that the latest request in its fields may go back) counts the fields'
// latest request again.
func TestAnEarlierRequestCountsTheFieldsLatestRequestAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		policy, _, dana := twoFieldsAndDana(t, sc)
		requested := now.Add(-10 * time.Hour)
		c := &model.Conversation{Person: model.Ref{ID: dana.ID}, Fields: []model.Ref{policy}, State: model.StateIdea,
			RequestedAt: &requested}
		if err := sc.CreateConversation(ctx, c, now.Add(-20*time.Hour)); err != nil {
			t.Fatal(err)
		}
		keptEqualsCounted(t, sc, now)
		stmts := ran(t, sc, func(tx *store.Scope) error {
			_, err := tx.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: now.Add(-15 * time.Hour)}, "", now)
			return err
		})
		if !strings.Contains(stmts, countsLatestRequest) {
			t.Errorf("an earlier request did not count its fields' latest request again")
		}
		keptEqualsCounted(t, sc, now)
	})
}

// A field's new target that flips its coverage ranks its people's
// reach-outs anew from the counts the fields keep: it derives none of
// their other facts again and never the whole agenda, however many they
// are (more than 400 rebuilt it).
func TestATargetChangeRanksTheFieldsReachOutsAnew(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		if _, err := sc.LoadBulk(ctx, demo.Synthetic(400, 1, now), now); err != nil {
			t.Fatal(err)
		}
		progress, err := sc.FieldProgress(ctx)
		if err != nil {
			t.Fatal(err)
		}
		w := &writer{t: t, sc: sc, clock: now}
		flips := 0
		for _, p := range progress {
			if p.Held+p.Booked == 0 {
				continue
			}
			f, err := sc.Field(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, target := range []int{p.Held + p.Booked + 1, p.Held + p.Booked} { // not covered, then covered
				before := w.reachOuts()
				f.Target = target
				stmts := ran(t, sc, func(tx *store.Scope) error { return tx.UpdateField(ctx, f, now) })
				if strings.Contains(stmts, "\n;\nDELETE FROM next_actions WHERE owner_id = $1\n;\n") {
					t.Errorf("field %d, target %d: the whole agenda derived again", f.ID, target)
				}
				if strings.Contains(stmts, "SELECT MIN(c.created_at) FROM conversations c") {
					t.Errorf("field %d, target %d: people's reach-outs derived again from their records", f.ID, target)
				}
				if w.reachOuts() != before {
					flips++
				}
				keptEqualsCounted(t, sc, now)
			}
		}
		if flips < 2 {
			t.Errorf("only %d target changes moved a reach-out", flips)
		}
	})
}

// A conversation joining a field brings its request, if it has one: the
// field's latest request is the later of the two, not counted again; a
// conversation leaving a field with its request has the field counted
// again, and one without a request moves no latest request. The fields'
// held and booked counts move by what its state counts, uncounted.
func TestAConversationJoiningAFieldBringsItsRequest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		policy, grants, dana := twoFieldsAndDana(t, sc)
		requested := now.Add(-10 * time.Hour)
		for i, c := range []*model.Conversation{
			{Person: model.Ref{ID: dana.ID}, Fields: []model.Ref{policy}, State: model.StateRequested, RequestedAt: &requested},
			{Person: model.Ref{ID: dana.ID}, Fields: []model.Ref{policy}},
		} {
			stmts := ran(t, sc, func(tx *store.Scope) error { return tx.CreateConversation(ctx, c, now.Add(-20*time.Hour)) })
			for _, q := range []string{countsHeldBooked, countsLatestRequest} {
				if strings.Contains(stmts, q) {
					t.Errorf("conversation %d: created in a field, counted it again: %s", i, q)
				}
			}
			keptEqualsCounted(t, sc, now)
			for _, fields := range [][]model.Ref{{policy, grants}, {grants}, {}} {
				c.Fields = fields
				stmts := ran(t, sc, func(tx *store.Scope) error { return tx.UpdateConversation(ctx, c, now) })
				left := len(fields) < 2
				if counted := strings.Contains(stmts, countsLatestRequest); counted != (left && c.RequestedAt != nil) {
					t.Errorf("conversation %d moved to fields %v: latest request counted again %v", i, fields, counted)
				}
				if strings.Contains(stmts, countsHeldBooked) {
					t.Errorf("conversation %d moved to fields %v: held and booked counted again", i, fields)
				}
				keptEqualsCounted(t, sc, now)
			}
		}
	})
}

// A request fulfils contact_another for the earlier requests in its
// fields, of other people too: theirs still owing it are derived again.
func TestARequestFulfilsContactAnotherInItsField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		policy, _, dana := twoFieldsAndDana(t, sc)
		sam := mustPerson(t, sc, &model.Person{Name: "Sam"})
		at := now.Add(-200 * time.Hour)
		var ids []int64
		for _, p := range []*model.Person{dana, sam, sam} {
			c := &model.Conversation{Person: model.Ref{ID: p.ID}, Fields: []model.Ref{policy}}
			if err := sc.CreateConversation(ctx, c, at); err != nil {
				t.Fatal(err)
			}
			at = at.Add(time.Hour)
			if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: at}, "", at); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
			keptEqualsCounted(t, sc, now)
		}
		owing, err := sc.NextActions(ctx, now, ids, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range owing {
			if a.Kind == method.ActContactAnother && a.ConversationID != ids[2] {
				t.Errorf("%s still owed after a later request in its field", a.ID)
			}
		}
	})
}

// A write that derives a person's actions again and leaves them as they
// were (details saved unchanged) writes no stored action; a step writes
// only the action it moved, and the agenda and its counts stay the rules'.
func TestADerivationWritesOnlyTheActionsItMoved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		policy, grants, dana := twoFieldsAndDana(t, sc)
		var convos []*model.Conversation
		for range 2 {
			c := &model.Conversation{Person: model.Ref{ID: dana.ID}, Fields: []model.Ref{policy, grants}}
			if err := sc.CreateConversation(ctx, c, now.Add(-50*time.Hour)); err != nil {
				t.Fatal(err)
			}
			convos = append(convos, c)
		}
		if _, err := sc.Step(ctx, convos[0].ID, method.Step{To: model.StateRequested, At: now.Add(-40 * time.Hour)}, "", now); err != nil {
			t.Fatal(err)
		}
		before, err := sc.Agenda(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(before) < 2 {
			t.Fatalf("want at least two actions to keep, got %s", brief(before))
		}
		p, err := sc.Person(ctx, dana.ID)
		if err != nil {
			t.Fatal(err)
		}
		stmts := ran(t, sc, func(tx *store.Scope) error { return tx.UpdatePerson(ctx, p, now) })
		if !strings.Contains(stmts, "FROM next_actions WHERE owner_id = $1 AND subject = $2") {
			t.Fatalf("saving Dana did not derive her actions again:\n%s", stmts)
		}
		for _, q := range []string{"INSERT INTO next_actions", "DELETE FROM next_actions"} {
			if strings.Contains(stmts, q) {
				t.Errorf("saving Dana unchanged rewrote her actions (%s)", q)
			}
		}
		keptEqualsCounted(t, sc, now)
		stmts = ran(t, sc, func(tx *store.Scope) error {
			_, err := tx.Step(ctx, convos[1].ID, method.Step{To: model.StateRequested, At: now.Add(-time.Hour)}, "", now)
			return err
		})
		for _, q := range []string{"INSERT INTO next_actions", "DELETE FROM next_actions"} {
			if !strings.Contains(stmts, q) {
				t.Errorf("a request wrote no %s", q)
			}
		}
		keptEqualsCounted(t, sc, now)
		after, err := sc.Agenda(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		counts, err := sc.ActionCounts(ctx, now, now.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range counts {
			n += c
		}
		if n != len(after) {
			t.Errorf("counts %v add up to %d, the agenda holds %d", counts, n, len(after))
		}
	})
}

// A touch derives again only what it moved: a touch later than the
// person's last moves their keep-in-touch and nothing of their
// conversations or reach-out; one no later moves nothing; a reply later
// than their last moves their conversations' actions too, and deleting
// it moves them back. Each time the stored agenda is the rules'.
func TestATouchDerivesOnlyWhatItMoved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		policy, _, dana := twoFieldsAndDana(t, sc)
		held := now.Add(-30 * 24 * time.Hour)
		var asked, thanked model.Conversation
		for _, c := range []*model.Conversation{&asked, &thanked} {
			*c = model.Conversation{Person: model.Ref{ID: dana.ID}, Fields: []model.Ref{policy}}
			if err := sc.CreateConversation(ctx, c, held.Add(-72*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		for _, st := range []method.Step{{To: model.StateRequested, At: held.Add(-48 * time.Hour)},
			{To: model.StateHeld, At: held}, {To: model.StateThanked, At: held.Add(time.Hour)}} {
			if _, err := sc.Step(ctx, thanked.ID, st, "", now); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := sc.Step(ctx, asked.ID, method.Step{To: model.StateRequested, At: now.Add(-40 * time.Hour)}, "", now); err != nil {
			t.Fatal(err)
		}
		keepDue := func() time.Time {
			t.Helper()
			agenda, err := sc.Agenda(ctx, now)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range agenda {
				if a.ID == method.ActionID(method.ActKeepInTouch, 'p', dana.ID) {
					return a.Due
				}
			}
			t.Fatalf("Dana has no keep-in-touch: %s", brief(agenda))
			return time.Time{}
		}
		has := func(id string) bool {
			t.Helper()
			agenda, err := sc.Agenda(ctx, now)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range agenda {
				if a.ID == id {
					return true
				}
			}
			return false
		}
		followUp := method.ActionID(method.ActFollowUp, 'c', asked.ID)
		if !has(followUp) {
			t.Fatal("the request asks for no follow-up")
		}
		const (
			convoFacts   = "c.requested_at, c.followed_up_at"
			reachOut     = "p.created_at, p.do_not_contact"
			storedAction = "FROM next_actions WHERE owner_id = $1 AND subject = $2"
		)
		add := func(kind model.ActivityKind, at time.Time) (string, *model.Activity) {
			a := &model.Activity{Person: model.Ref{ID: dana.ID}, Kind: kind, At: at}
			return ran(t, sc, func(tx *store.Scope) error { return tx.AddActivity(ctx, a, now) }), a
		}

		due := keepDue()
		stmts, _ := add(model.ActUpdateSent, now.Add(-2*time.Hour))
		if !strings.Contains(stmts, storedAction) || strings.Contains(stmts, convoFacts) || strings.Contains(stmts, reachOut) {
			t.Errorf("a touch later than Dana's last should derive her keep-in-touch alone:\n%s", stmts)
		}
		if got := keepDue(); !got.After(due) {
			t.Errorf("the touch left her keep-in-touch due %v (was %v)", got, due)
		}
		keptEqualsCounted(t, sc, now)

		stmts, early := add(model.ActCall, now.Add(-20*24*time.Hour))
		if strings.Contains(stmts, "next_actions") {
			t.Errorf("a touch earlier than Dana's last moved nothing, yet derived her actions:\n%s", stmts)
		}
		keptEqualsCounted(t, sc, now)

		stmts, reply := add(model.ActReplyReceived, now.Add(-time.Hour))
		if !strings.Contains(stmts, convoFacts) {
			t.Errorf("a reply did not derive Dana's conversations again:\n%s", stmts)
		}
		if has(followUp) {
			t.Error("a reply to the request left its follow-up")
		}
		keptEqualsCounted(t, sc, now)

		stmts = ran(t, sc, func(tx *store.Scope) error { return tx.DeleteActivity(ctx, early.ID) })
		if strings.Contains(stmts, storedAction) {
			t.Errorf("deleting a touch older than her last derived her actions:\n%s", stmts)
		}
		keptEqualsCounted(t, sc, now)
		stmts = ran(t, sc, func(tx *store.Scope) error { return tx.DeleteActivity(ctx, reply.ID) })
		if !strings.Contains(stmts, convoFacts) {
			t.Errorf("deleting the reply did not derive Dana's conversations again:\n%s", stmts)
		}
		if !has(followUp) {
			t.Error("the follow-up did not come back with the reply deleted")
		}
		keptEqualsCounted(t, sc, now)
	})
}
