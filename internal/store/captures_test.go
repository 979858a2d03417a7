package store_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestCaptures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		env := mustField(t, sc, "Environmental engineering")
		c := mustConvo(t, sc, "Priya Raman", 20, env)
		other := mustConvo(t, sc, "Tomás Herrera", 30)

		add := func(cp store.Capture) store.Capture {
			t.Helper()
			if err := sc.AddCapture(ctx, &cp, now); err != nil {
				t.Fatalf("add %s %q: %v", cp.Kind, cp.Text, err)
			}
			return cp
		}
		term := add(store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: " MS4 permit ", ClientKey: "k1"})
		add(store.Capture{ConversationID: c.ID, Kind: store.CaptureSkillWord, Text: "plan review"})
		res := add(store.Capture{ConversationID: c.ID, Kind: store.CaptureResource, Text: "MAWEA student chapter"})
		add(store.Capture{ConversationID: c.ID, Kind: store.CaptureResource, Text: "Stormwater magazine", ResourceKind: store.ResourcePublication})
		add(store.Capture{ConversationID: c.ID, Kind: store.CaptureNextStep, Text: "Watch the civil-service exam list", Note: "twice a year"})
		add(store.Capture{ConversationID: other.ID, Kind: store.CaptureSkillWord, Text: "inspection"})

		if term.Text != "MS4 permit" || term.ID == 0 || term.CreatedAt.IsZero() {
			t.Fatalf("term = %+v", term)
		}
		if res.ResourceKind != store.ResourceOther {
			t.Fatalf("a resource with no kind should be other, got %q", res.ResourceKind)
		}
		// The page retries the first capture: nothing new.
		retry := add(store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: "MS4 permit", ClientKey: "k1"})
		if retry.ID != term.ID {
			t.Fatalf("retry made capture %d, want the first (%d)", retry.ID, term.ID)
		}

		all, err := sc.Captures(ctx, store.CaptureFilter{ConversationID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, x := range all {
			kinds = append(kinds, string(x.Kind))
		}
		if strings.Join(kinds, ",") != "term,skill_word,resource,resource,next_step" {
			t.Fatalf("captures = %v", kinds)
		}
		if inField, _ := sc.Captures(ctx, store.CaptureFilter{FieldID: env.ID, Kind: store.CaptureSkillWord}); len(inField) != 1 || inField[0].Text != "plan review" {
			t.Fatalf("skill words in the field = %+v", inField)
		}

		done, err := sc.ResolveTerm(ctx, term.ID, true, now.Add(time.Hour))
		if err != nil || !done.Resolved {
			t.Fatalf("resolve: %+v %v", done, err)
		}
		if got, _ := sc.Capture(ctx, term.ID); !got.Resolved || !got.UpdatedAt.After(got.CreatedAt) {
			t.Fatalf("resolved term read back = %+v", got)
		}
		wantFieldError(t, func() error { _, err := sc.ResolveTerm(ctx, res.ID, true, now); return err }(), "id")

		res.Text, res.ResourceKind, res.Note = "MAWEA", store.ResourceAssociation, "student membership $25"
		if err := sc.UpdateCapture(ctx, &res, now); err != nil {
			t.Fatal(err)
		}
		if got, _ := sc.Capture(ctx, res.ID); got.Text != "MAWEA" || got.ResourceKind != store.ResourceAssociation || got.Note == "" {
			t.Fatalf("updated resource = %+v", got)
		}

		if err := sc.DeleteCapture(ctx, res.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.Capture(ctx, res.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deleted capture: %v", err)
		}
		if err := sc.DeleteCapture(ctx, res.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second delete: %v", err)
		}

		// Deleting the conversation takes its captures along.
		if err := sc.DeleteConversation(ctx, other.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.Captures(ctx, store.CaptureFilter{ConversationID: other.ID}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCaptureBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		c := mustConvo(t, sc, "Priya Raman", 20)
		tests := []struct {
			name  string
			c     store.Capture
			field string
		}{
			{"unknown kind", store.Capture{ConversationID: c.ID, Kind: "gossip", Text: "x"}, "kind"},
			{"referral without its person", store.Capture{ConversationID: c.ID, Kind: store.CaptureReferral, Text: "Dana"}, "kind"},
			{"blank text", store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: " "}, "text"},
			{"text too long", store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: strings.Repeat("x", model.MaxShort+1)}, "text"},
			{"unknown resource kind", store.Capture{ConversationID: c.ID, Kind: store.CaptureResource, Text: "x", ResourceKind: "podcast"}, "resource_kind"},
			{"resource kind on a term", store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: "x", ResourceKind: store.ResourceEvent}, "resource_kind"},
			{"resolved skill word", store.Capture{ConversationID: c.ID, Kind: store.CaptureSkillWord, Text: "x", Resolved: true}, "resolved"},
			{"may use name on a term", store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: "x", MayUseName: true}, "may_use_name"},
			{"missing conversation", store.Capture{ConversationID: 999, Kind: store.CaptureTerm, Text: "x"}, "conversation_id"},
			{"NUL in the text", store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: "a\x00b"}, "text"},
			{"NUL in the note", store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: "x", Note: "two\nlines\x00"}, "note"},
			{"client key too long", store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: "x", ClientKey: strings.Repeat("k", 101)}, "client_key"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				cp := tt.c
				wantFieldError(t, sc.AddCapture(ctx, &cp, now), tt.field)
			})
		}
		if all, _ := sc.Captures(ctx, store.CaptureFilter{ConversationID: c.ID}); len(all) != 0 {
			t.Fatalf("bad input made captures: %+v", all)
		}
		refTests := []struct {
			name  string
			r     store.Referral
			field string
		}{
			{"no name", store.Referral{ConversationID: c.ID, Name: "  "}, "name"},
			{"name too long", store.Referral{ConversationID: c.ID, Name: strings.Repeat("x", model.MaxShort+1)}, "name"},
			{"organization too long", store.Referral{ConversationID: c.ID, Name: "Dana", Organization: strings.Repeat("x", model.MaxName+1)}, "organization"},
			{"missing conversation", store.Referral{ConversationID: 999, Name: "Dana"}, "conversation_id"},
			{"missing person", store.Referral{ConversationID: c.ID, PersonID: 999}, "person_id"},
			{"themselves", store.Referral{ConversationID: c.ID, PersonID: c.Person.ID}, "person_id"},
		}
		for _, tt := range refTests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := sc.AddReferral(ctx, tt.r, now)
				wantFieldError(t, err, tt.field)
			})
		}
		if _, total, _ := sc.People(ctx, store.PeopleFilter{}); total != 1 {
			t.Fatalf("bad referrals made people: %d", total)
		}
	})
}

// TestReferralCapture follows the method: a referral caught during a held
// conversation becomes a person referred by the professional; once the
// conversation with that person is held, the agenda asks the user to report
// back to the professional who referred them.
func TestReferralCapture(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		env := mustField(t, sc, "Environmental engineering")
		c := mustConvo(t, sc, "Marcus Okafor", 30, env)
		heldAt := now.Add(-10 * 24 * time.Hour)
		hold(t, sc, c.ID, heldAt)

		ref := store.Referral{ConversationID: c.ID, Name: "Priya Raman", Organization: "Tidewater Water Authority",
			MayUseName: true, Note: "Wait until her permit season is over.", ClientKey: "ref-1"}
		cp, err := sc.AddReferral(ctx, ref, now.Add(-10*24*time.Hour+time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if cp.Kind != store.CaptureReferral || cp.Person == nil || cp.Text != "Priya Raman" || !cp.MayUseName {
			t.Fatalf("capture = %+v", cp)
		}
		p, err := sc.Person(ctx, cp.Person.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.ReferredBy == nil || p.ReferredBy.ID != c.Person.ID || p.Organization == nil || p.Organization.Name != "Tidewater Water Authority" ||
			len(p.Fields) != 1 || p.Fields[0].ID != env.ID || p.Notes != ref.Note {
			t.Fatalf("referred person = %+v (referred by %+v)", p, p.ReferredBy)
		}
		// A retry creates nobody.
		again, err := sc.AddReferral(ctx, ref, now)
		if err != nil || again.ID != cp.ID {
			t.Fatalf("retry = %+v, %v", again, err)
		}
		if _, total, _ := sc.People(ctx, store.PeopleFilter{}); total != 2 {
			t.Fatalf("people after the retry = %d, want 2", total)
		}
		refs, _ := sc.Referrals(ctx, c.Person.ID)
		if len(refs) != 1 || refs[0].ID != p.ID {
			t.Fatalf("Marcus's referrals = %+v", refs)
		}

		// The user talks to Priya; once held, report back to Marcus.
		pc := &model.Conversation{Person: model.Ref{ID: p.ID}, Fields: p.Fields}
		if err := sc.CreateConversation(ctx, pc, now); err != nil {
			t.Fatal(err)
		}
		reportBack := func() *method.Action {
			acts, err := sc.Agenda(ctx, now)
			if err != nil {
				t.Fatal(err)
			}
			for i, a := range acts {
				if a.Kind == method.ActReportBack && a.ConversationID == pc.ID {
					return &acts[i]
				}
			}
			return nil
		}
		if a := reportBack(); a != nil {
			t.Fatalf("report_back before the conversation is held: %+v", a)
		}
		if _, err := sc.Step(ctx, pc.ID, method.Step{To: model.StateRequested, At: now.Add(-3 * time.Hour)}, "", now); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.EndConversation(ctx, pc.ID, now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		a := reportBack()
		if a == nil || a.ReferrerID != c.Person.ID || a.Referrer != "Marcus Okafor" {
			t.Fatalf("report_back = %+v", a)
		}

		// Linking someone already known sets their referrer if they had none.
		known := mustPerson(t, sc, &model.Person{Name: "Daniel Kim"})
		linked, err := sc.AddReferral(ctx, store.Referral{ConversationID: c.ID, PersonID: known.ID, Name: "ignored"}, now)
		if err != nil {
			t.Fatal(err)
		}
		if linked.Text != "Daniel Kim" || linked.Person.ID != known.ID {
			t.Fatalf("linked = %+v", linked)
		}
		if k, _ := sc.Person(ctx, known.ID); k.ReferredBy == nil || k.ReferredBy.ID != c.Person.ID {
			t.Fatalf("Daniel's referrer = %+v", k.ReferredBy)
		}
		// Deleting the capture keeps the person.
		if err := sc.DeleteCapture(ctx, linked.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.Person(ctx, known.ID); err != nil {
			t.Fatal(err)
		}
	})
}

func TestEndConversationAndWriteUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		c := mustConvo(t, sc, "Hannah Whitfield", 20)
		if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateScheduled, At: now.Add(-48 * time.Hour), MeetingAt: now.Add(-time.Hour)}, "", now); err != nil {
			t.Fatal(err)
		}
		ended := now.Add(-time.Minute)
		held, err := sc.EndConversation(ctx, c.ID, ended)
		if err != nil {
			t.Fatal(err)
		}
		if held.State != model.StateHeld || held.HeldAt == nil || !held.HeldAt.Equal(ended) {
			t.Fatalf("ended conversation = %s at %v", held.State, held.HeldAt)
		}
		if _, err := sc.EndConversation(ctx, c.ID, now); err == nil {
			t.Fatal("ending a held conversation again should be refused")
		}
		if _, err := sc.SaveQuestionNote(ctx, &store.QuestionNote{ConversationID: c.ID, QuestionID: "lifestyle-hours", Text: "Session weeks: 60 hours"}, now); err != nil {
			t.Fatal(err)
		}

		w, err := sc.WriteUp(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Topics) != 8 || w.Topics[4].Topic != questions.TopicLifestyle || len(w.Topics[4].Quick) != 1 || len(w.Topics[0].Quick) != 0 {
			t.Fatalf("write-up before writing = %+v", w)
		}
		w.Topics[3].Notes = "Campaign → district office → Capitol."
		w.Topics[4].Notes = "Long session weeks; quiet summers."
		w.General = "Called between committee meetings."
		w.Summary = "Staff work rewards discretion\nand fast memos."
		w.Usefulness = 4
		saved, err := sc.SaveWriteUp(ctx, w, now)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Summary != "Staff work rewards discretion and fast memos." || saved.Usefulness != 4 ||
			!strings.Contains(saved.Notes, "## Career path\n\nCampaign") || !strings.HasPrefix(saved.Notes, "Called between") {
			t.Fatalf("saved conversation = %q / %q / %d", saved.Notes, saved.Summary, saved.Usefulness)
		}
		back, _ := sc.WriteUp(ctx, c.ID)
		if back.General != w.General || back.Topics[3].Notes != w.Topics[3].Notes || back.Topics[4].Notes != w.Topics[4].Notes || back.Topics[0].Notes != "" {
			t.Fatalf("write-up read back = %+v", back)
		}
		// Written up: the agenda no longer asks for notes; the thank-you is due.
		acts, _ := sc.Agenda(ctx, now)
		var kinds []method.ActionKind
		for _, a := range acts {
			if a.ConversationID == c.ID {
				kinds = append(kinds, a.Kind)
			}
		}
		if len(kinds) != 1 || kinds[0] != method.ActThank {
			t.Fatalf("agenda after the write-up = %v, want only thank", kinds)
		}

		bad := []struct {
			name  string
			edit  func(w *store.WriteUp)
			field string
		}{
			{"usefulness above 5", func(w *store.WriteUp) { w.Usefulness = 6 }, "usefulness"},
			{"negative usefulness", func(w *store.WriteUp) { w.Usefulness = -1 }, "usefulness"},
			{"summary too long", func(w *store.WriteUp) { w.Summary = strings.Repeat("x", 1001) }, "summary"},
			{"unknown topic", func(w *store.WriteUp) { w.Topics = append(w.Topics, store.TopicWriteUp{Topic: "gossip", Notes: "x"}) }, "topics"},
			{"notes too long", func(w *store.WriteUp) { w.General = strings.Repeat("x", model.MaxNotes+1) }, "notes"},
			{"NUL in the notes", func(w *store.WriteUp) { w.General = "a\x00b" }, "notes"},
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				w, _ := sc.WriteUp(ctx, c.ID)
				tt.edit(w)
				_, err := sc.SaveWriteUp(ctx, w, now)
				wantFieldError(t, err, tt.field)
			})
		}
		if after, _ := sc.Conversation(ctx, c.ID); after.Usefulness != 4 {
			t.Fatalf("bad write-ups changed the conversation: %+v", after)
		}
		if _, err := sc.WriteUp(ctx, 999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("write-up of a missing conversation: %v", err)
		}
	})
}

// TestCaptureRetriesRacingEachOther: a page that lost its connection may
// send the same capture several times at once; one capture and one person
// come of it.
func TestCaptureRetriesRacingEachOther(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		c := mustConvo(t, sc, "Marcus Okafor", 30)
		const n = 6
		ids := make(chan int64, 2*n)
		errs := make(chan error, 2*n)
		var wg sync.WaitGroup
		for range n {
			wg.Add(2)
			go func() {
				defer wg.Done()
				cp, err := sc.AddReferral(ctx, store.Referral{ConversationID: c.ID, Name: "Priya Raman", ClientKey: "race-ref"}, now)
				if err != nil {
					errs <- err
					return
				}
				ids <- cp.ID
			}()
			go func() {
				defer wg.Done()
				cp := store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: "SWMM", ClientKey: "race-term"}
				if err := sc.AddCapture(ctx, &cp, now); err != nil {
					errs <- err
					return
				}
				ids <- cp.ID
			}()
		}
		wg.Wait()
		close(ids)
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		distinct := map[int64]bool{}
		for id := range ids {
			distinct[id] = true
		}
		if len(distinct) != 2 {
			t.Fatalf("%d captures from two racing retries, want 2", len(distinct))
		}
		if _, total, _ := sc.People(ctx, store.PeopleFilter{}); total != 2 {
			t.Fatalf("%d people, want Marcus and one Priya", total)
		}
	})
}
