package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

var now = storetest.Now

func mustPerson(t *testing.T, sc *store.Scope, p *model.Person) *model.Person {
	t.Helper()
	if err := sc.CreatePerson(context.Background(), p, now); err != nil {
		t.Fatalf("create person %q: %v", p.Name, err)
	}
	return p
}

func mustField(t *testing.T, sc *store.Scope, name string) model.Ref {
	t.Helper()
	r, _, err := sc.EnsureField(context.Background(), name, now)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPeopleCreateReadUpdateDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		org, created, err := sc.EnsureOrganization(ctx, "State Department", now)
		if err != nil || !created {
			t.Fatalf("ensure org: %v %v", created, err)
		}
		policy := mustField(t, sc, "Public policy")
		joe := mustPerson(t, sc, &model.Person{Name: "Joe Serra", Source: model.SourceProfessor})
		dana := mustPerson(t, sc, &model.Person{
			Name: "  Dana Brown ", Organization: &model.Ref{ID: org.ID}, Role: "Policy advisor",
			Emails: []string{"Dana@Example.org", "", "dana@example.org"}, Source: model.SourceAlumni,
			ReferredBy: &model.Ref{ID: joe.ID}, Fields: []model.Ref{{ID: policy.ID}}, Tags: []string{"Mentor", "mentor", "dc"},
			Notes: "Works on **trade**.", URL: "https://www.linkedin.com/in/dana",
		})
		got, err := sc.Person(ctx, dana.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Dana Brown" || got.Organization == nil || got.Organization.Name != "State Department" ||
			got.ReferredBy == nil || got.ReferredBy.Name != "Joe Serra" || len(got.Fields) != 1 || got.Fields[0].Name != "Public policy" {
			t.Fatalf("person read back wrong: %+v", got)
		}
		if strings.Join(got.Emails, ",") != "dana@example.org" || strings.Join(got.Tags, ",") != "dc,mentor" {
			t.Fatalf("emails %v tags %v", got.Emails, got.Tags)
		}
		refs, err := sc.Referrals(ctx, joe.ID)
		if err != nil || len(refs) != 1 || refs[0].ID != dana.ID {
			t.Fatalf("referrals of Joe = %v, %v", refs, err)
		}

		for _, f := range []store.PeopleFilter{{FieldID: policy.ID}, {Source: model.SourceAlumni}, {Tag: "MENTOR"}, {OrganizationID: org.ID}} {
			list, total, err := sc.People(ctx, f)
			if err != nil || total != 1 || len(list) != 1 || list[0].ID != dana.ID {
				t.Errorf("People(%+v) = %d people (total %d), %v", f, len(list), total, err)
			}
		}
		all, total, err := sc.People(ctx, store.PeopleFilter{Limit: 1})
		if err != nil || total != 2 || len(all) != 1 || all[0].Name != "Dana Brown" {
			t.Fatalf("paged list = %v total %d err %v", all, total, err)
		}

		got.Role = "Senior policy advisor"
		got.Tags = []string{"mentor"}
		if err := sc.UpdatePerson(ctx, got, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		again, _ := sc.Person(ctx, dana.ID)
		if again.Role != "Senior policy advisor" || len(again.Tags) != 1 || !again.UpdatedAt.After(again.CreatedAt) {
			t.Fatalf("update lost: %+v", again)
		}

		if err := sc.DeletePerson(ctx, joe.ID, false); err != nil {
			t.Fatal(err)
		}
		again, _ = sc.Person(ctx, dana.ID)
		if again.ReferredBy != nil {
			t.Fatalf("referrer should be cleared when deleted, got %+v", again.ReferredBy)
		}
		if _, err := sc.Person(ctx, joe.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deleted person still readable: %v", err)
		}
	})
}

func TestPeopleBadInputChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		a := mustPerson(t, sc, &model.Person{Name: "Ann"})
		b := mustPerson(t, sc, &model.Person{Name: "Ben", ReferredBy: &model.Ref{ID: a.ID}})
		c := mustPerson(t, sc, &model.Person{Name: "Cy", ReferredBy: &model.Ref{ID: b.ID}})
		tests := []struct {
			name  string
			p     model.Person
			field string
		}{
			{"empty name", model.Person{Name: "  "}, "name"},
			{"name too long", model.Person{Name: strings.Repeat("x", model.MaxName+1)}, "name"},
			{"bad email", model.Person{Name: "X", Emails: []string{"not-an-email"}}, "emails"},
			{"bad url", model.Person{Name: "X", URL: "linkedin.com/in/x"}, "url"},
			{"unknown source", model.Person{Name: "X", Source: "astrology"}, "source"},
			{"unknown referrer", model.Person{Name: "X", ReferredBy: &model.Ref{ID: 99999}}, "referred_by"},
			{"unknown field", model.Person{Name: "X", Fields: []model.Ref{{ID: 99999}}}, "fields"},
			{"self referral", model.Person{ID: a.ID, Name: "Ann", ReferredBy: &model.Ref{ID: a.ID}}, "referred_by"},
			{"referral loop", model.Person{ID: a.ID, Name: "Ann", ReferredBy: &model.Ref{ID: c.ID}}, "referred_by"},
		}
		for _, tt := range tests {
			p := tt.p
			var err error
			if p.ID != 0 {
				err = sc.UpdatePerson(ctx, &p, now)
			} else {
				err = sc.CreatePerson(ctx, &p, now)
			}
			es := model.AsErrors(err)
			if es == nil || es.For(tt.field) == "" {
				t.Errorf("%s: error %v, want one on field %q", tt.name, err, tt.field)
			}
		}
		_, total, _ := sc.People(ctx, store.PeopleFilter{})
		if total != 3 {
			t.Fatalf("bad input changed the people count to %d", total)
		}
		ann, _ := sc.Person(ctx, a.ID)
		if ann.ReferredBy != nil {
			t.Fatalf("refused update was saved: %+v", ann.ReferredBy)
		}
	})
}

func TestResolveByIDOrUnambiguousName(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		dana := mustPerson(t, sc, &model.Person{Name: "Dana Brown"})
		mustPerson(t, sc, &model.Person{Name: "Dana Li"})
		mustPerson(t, sc, &model.Person{Name: "Danab"})
		cases := []struct {
			key     string
			want    int64
			wantErr string
		}{
			{"dana brown", dana.ID, ""},
			{"Brown", dana.ID, ""},
			{"1", dana.ID, ""},
			{"Dana", 0, `"Dana" matches 3 people`},
			{"Zed", 0, `no person named "Zed"`},
			{"4242", 0, "no person with id 4242"},
			{"", 0, "no person given"},
			{"100%", 0, "no person named"},
		}
		for _, c := range cases {
			id, _, err := sc.ResolvePerson(ctx, c.key)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Errorf("ResolvePerson(%q) error = %v, want %q", c.key, err, c.wantErr)
				}
				continue
			}
			if err != nil || id != c.want {
				t.Errorf("ResolvePerson(%q) = %d, %v", c.key, id, err)
			}
		}
	})
}

func TestOwnersSeeOnlyTheirOwnRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		mine := mustPerson(t, db.Scope(), &model.Person{Name: "Mine"})
		other := db.Store.For(db.Owner + 1000)
		if _, err := other.Person(ctx, mine.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("another owner read my person: %v", err)
		}
		if list, total, _ := other.People(ctx, store.PeopleFilter{}); total != 0 || len(list) != 0 {
			t.Fatalf("another owner lists %d people", total)
		}
		if res, _ := results(other.Search(ctx, "mine", 10)); len(res) != 0 {
			t.Fatalf("another owner finds %v", res)
		}
	})
}

func TestFieldsAndOrganizations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		f := &model.Field{Name: "UX research", Why: "I like people", Notes: "Read about *usability*."}
		if err := sc.CreateField(ctx, f, now); err != nil {
			t.Fatal(err)
		}
		if f.Target != 3 {
			t.Fatalf("default target = %d", f.Target)
		}
		dup := &model.Field{Name: "ux RESEARCH"}
		if err := sc.CreateField(ctx, dup, now); model.AsErrors(err).For("name") == "" {
			t.Fatalf("duplicate field: %v", err)
		}
		f.Target = 0
		if err := sc.UpdateField(ctx, f, now); model.AsErrors(err).For("target") == "" {
			t.Fatalf("zero target accepted: %v", err)
		}
		f.Target = 5
		if err := sc.UpdateField(ctx, f, now); err != nil {
			t.Fatal(err)
		}
		got, err := sc.Field(ctx, f.ID)
		if err != nil || got.Target != 5 || got.Why != "I like people" {
			t.Fatalf("field = %+v, %v", got, err)
		}
		o := &model.Organization{Name: "Acme", Website: "https://acme.example"}
		if err := sc.CreateOrganization(ctx, o, now); err != nil {
			t.Fatal(err)
		}
		if err := sc.CreateOrganization(ctx, &model.Organization{Name: "Bad", Website: "ftp://x"}, now); model.AsErrors(err).For("website") == "" {
			t.Fatalf("bad website accepted: %v", err)
		}
		mustPerson(t, sc, &model.Person{Name: "Ann", Organization: &model.Ref{ID: o.ID}})
		o.Name = "Acme Corporation"
		if err := sc.UpdateOrganization(ctx, o, now); err != nil {
			t.Fatal(err)
		}
		res, err := results(sc.Search(ctx, "corporation", 10))
		if err != nil || len(res) != 2 {
			t.Fatalf("search after org rename = %+v, %v (want the org and its person)", res, err)
		}
		if err := sc.DeleteOrganization(ctx, o.ID); err != nil {
			t.Fatal(err)
		}
		list, _, _ := sc.People(ctx, store.PeopleFilter{})
		if len(list) != 1 || list[0].Organization != nil {
			t.Fatalf("person after org delete: %+v", list)
		}
		if err := sc.DeleteField(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		if err := sc.DeleteField(ctx, f.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second delete: %v", err)
		}
	})
}

func TestConversationLifecycleAndTimeline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		field := mustField(t, sc, "Public policy")
		joe := mustPerson(t, sc, &model.Person{Name: "Joe"})
		dana := mustPerson(t, sc, &model.Person{Name: "Dana", ReferredBy: &model.Ref{ID: joe.ID}})
		c := &model.Conversation{Person: model.Ref{ID: dana.ID}, Fields: []model.Ref{{ID: field.ID}}}
		if err := sc.CreateConversation(ctx, c, now.Add(-10*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if c.State != model.StateIdea || c.Minutes != 20 || c.Channel != model.ChannelInPerson {
			t.Fatalf("defaults: %+v", c)
		}
		t0 := now.Add(-9 * 24 * time.Hour)
		steps := []method.Step{
			{To: model.StateRequested, At: t0},
			{To: model.StateScheduled, At: t0.Add(24 * time.Hour), MeetingAt: now.Add(-2 * time.Hour)},
			{To: model.StateHeld, At: now.Add(-time.Hour)},
		}
		for _, st := range steps {
			if _, err := sc.Step(ctx, c.ID, st, "", now); err != nil {
				t.Fatalf("step %s: %v", st.To, err)
			}
		}
		_, err := sc.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: now}, "", now)
		var se *method.StepError
		if !errors.As(err, &se) {
			t.Fatalf("illegal step error = %v", err)
		}
		got, err := sc.Conversation(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != model.StateHeld || len(got.Events) != 3 || got.HeldAt == nil || got.MeetingAt == nil || got.RequestedAt == nil {
			t.Fatalf("after steps: %+v", got)
		}
		if len(got.Fields) != 1 || got.Fields[0].Name != "Public policy" {
			t.Fatalf("fields: %+v", got.Fields)
		}
		// The agenda now wants notes, a thank-you and a report back to Joe.
		actions, err := sc.Agenda(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[method.ActionKind]method.Action{}
		for _, a := range actions {
			kinds[a.Kind] = a
		}
		if _, ok := kinds[method.ActThank]; !ok {
			t.Fatalf("no thank action in %+v", actions)
		}
		if rb := kinds[method.ActReportBack]; rb.Referrer != "Joe" {
			t.Fatalf("report back = %+v", rb)
		}
		if _, ok := kinds[method.ActFindPerspective]; !ok {
			t.Fatalf("1 of 3 held should ask for another perspective: %+v", actions)
		}
		if _, err := sc.MarkDone(ctx, "write_notes-c"+itoa(c.ID), now); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.Snooze(ctx, "thank-c"+itoa(c.ID), now.Add(time.Hour), now); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.MarkDone(ctx, "confirm-c"+itoa(c.ID), now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("marking an action not on the agenda: %v", err)
		}
		actions, _ = sc.Agenda(ctx, now)
		for _, a := range actions {
			if a.Kind == method.ActWriteNotes || a.Kind == method.ActThank {
				t.Fatalf("%s still on the agenda", a.ID)
			}
		}
		later, _ := sc.Agenda(ctx, now.Add(2*time.Hour))
		found := false
		for _, a := range later {
			found = found || a.Kind == method.ActThank
		}
		if !found {
			t.Fatal("thank-you did not come back after the snooze")
		}

		a := &model.Activity{Person: model.Ref{ID: dana.ID}, Kind: model.ActThankYouSent, At: now, Note: "Sent a card", ConversationID: c.ID}
		if err := sc.AddActivity(ctx, a, now); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateThanked, At: now}, "", now); err != nil {
			t.Fatal(err)
		}
		// The card and the step it took are one moment: shown once, as the
		// step, with the card's note and its activity (to delete it).
		tl, err := sc.Timeline(ctx, dana.ID)
		if err != nil || len(tl) != 4 {
			t.Fatalf("timeline = %+v, %v", tl, err)
		}
		if tl[0].Step != model.StateThanked || tl[0].ActivityID != a.ID || tl[0].Note != "Sent a card" {
			t.Fatalf("the thank-you is not one item: %+v", tl[0])
		}
		if tl[len(tl)-1].Step != model.StateRequested {
			t.Fatalf("timeline not newest first: %+v", tl)
		}
		if err := sc.AddActivity(ctx, &model.Activity{Person: model.Ref{ID: joe.ID}, Kind: model.ActNote, At: now, ConversationID: c.ID}, now); model.AsErrors(err).For("conversation_id") == "" {
			t.Fatalf("activity on someone else's conversation: %v", err)
		}
		if err := sc.AddActivity(ctx, &model.Activity{Person: model.Ref{ID: joe.ID}, Kind: "telepathy", At: now}, now); model.AsErrors(err).For("kind") == "" {
			t.Fatalf("bad kind: %v", err)
		}
		if err := sc.DeletePerson(ctx, dana.ID, false); err == nil {
			t.Fatal("deleting a person with conversations without asking should be refused")
		}
		if err := sc.DeletePerson(ctx, dana.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.Conversation(ctx, c.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("conversation survived its person: %v", err)
		}
	})
}

func TestKeepInTouchCountsFromTheLastTouch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		p := mustPerson(t, sc, &model.Person{Name: "Dana"})
		c := &model.Conversation{Person: model.Ref{ID: p.ID}}
		if err := sc.CreateConversation(ctx, c, now); err != nil {
			t.Fatal(err)
		}
		held := now.Add(-200 * 24 * time.Hour)
		for _, st := range []method.Step{{To: model.StateRequested, At: held.Add(-48 * time.Hour)}, {To: model.StateHeld, At: held}, {To: model.StateThanked, At: held.Add(time.Hour)}} {
			if _, err := sc.Step(ctx, c.ID, st, "", now); err != nil {
				t.Fatal(err)
			}
		}
		find := func() *method.Action {
			actions, err := sc.Agenda(ctx, now)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range actions {
				if a.Kind == method.ActKeepInTouch {
					return &a
				}
			}
			return nil
		}
		a := find()
		if a == nil || !a.Overdue {
			t.Fatalf("keep in touch = %+v", a)
		}
		touch := &model.Activity{Person: model.Ref{ID: p.ID}, Kind: model.ActArticleShared, At: now.Add(-24 * time.Hour)}
		if err := sc.AddActivity(ctx, touch, now); err != nil {
			t.Fatal(err)
		}
		if a := find(); a == nil || a.Overdue || !a.Due.After(now.Add(80*24*time.Hour)) {
			t.Fatalf("after a touch, keep in touch = %+v", a)
		}
		if err := sc.DeleteActivity(ctx, touch.ID); err != nil {
			t.Fatal(err)
		}
		if a := find(); a == nil || !a.Overdue {
			t.Fatalf("after deleting the touch, keep in touch = %+v", a)
		}
	})
}

func TestSearchRanksAndHighlights(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		mustPerson(t, sc, &model.Person{Name: "Dana Brown", Notes: "Met at the <b>beekeeping</b> fair; loves pollinators."})
		mustPerson(t, sc, &model.Person{Name: "Eli Beekeeper", Role: "Apiarist"})
		f := &model.Field{Name: "Agriculture", Notes: "Beekeeping associations publish salary surveys."}
		if err := sc.CreateField(ctx, f, now); err != nil {
			t.Fatal(err)
		}
		res, err := results(sc.Search(ctx, "beekeep", 10))
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 3 {
			t.Fatalf("want 3 hits, got %+v", res)
		}
		var dana *model.SearchResult
		for i := range res {
			if res[i].Title == "Dana Brown" {
				dana = &res[i]
			}
		}
		if dana == nil || dana.Kind != "person" || !strings.Contains(dana.Snippet, "<mark>") || strings.Contains(dana.Snippet, "<b>") {
			t.Fatalf("snippet not highlighted and escaped: %+v", dana)
		}
		for _, q := range []string{`"`, `*`, `AND OR NOT`, `(`, `dana" OR "x`, `  `, `:*`, `'`} {
			if _, err := results(sc.Search(ctx, q, 10)); err != nil {
				t.Errorf("Search(%q) failed: %v", q, err)
			}
		}
		two, err := results(sc.Search(ctx, "dana pollinators", 10))
		if err != nil || len(two) != 1 {
			t.Fatalf("all words must match: %+v %v", two, err)
		}
	})
}

func TestSettingsRoundTripAndValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		s, err := sc.Settings(ctx)
		if err != nil || s.ThankHours != 12 || s.KeepInTouchDays != 90 {
			t.Fatalf("defaults = %+v, %v", s, err)
		}
		s.TimeZone = "Europe/Paris"
		s.KeepInTouchByTag = map[string]int{"mentor": 30}
		if err := sc.SaveSettings(ctx, s); err != nil {
			t.Fatal(err)
		}
		got, _ := sc.Settings(ctx)
		if got.TimeZone != "Europe/Paris" || got.KeepInTouchByTag["mentor"] != 30 {
			t.Fatalf("settings = %+v", got)
		}
		got.TimeZone = "Mars/Olympus"
		if err := sc.SaveSettings(ctx, got); err == nil {
			t.Fatal("bad time zone accepted")
		}
	})
}

func TestOpenRefusesFilesThatAreNotAllyDatabases(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte("just some notes, not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(ctx, notDB)
	if err == nil || !strings.Contains(err.Error(), "not an Ally database") {
		t.Fatalf("open text file: %v", err)
	}
	if b, _ := os.ReadFile(notDB); !strings.HasPrefix(string(b), "just some notes") {
		t.Fatal("the file was changed")
	}
	if _, err := store.Open(ctx, dir); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Fatalf("open folder: %v", err)
	}
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		if err := store.ForceSchemaVersion(ctx, db.Store, 9999); err != nil {
			t.Fatal(err)
		}
		db.Store.Close()
		_, err := store.Open(ctx, db.DSN)
		if !errors.Is(err, store.ErrSchemaTooNew) || !strings.Contains(err.Error(), "9999") {
			t.Fatalf("open newer schema: %v", err)
		}
	})
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func TestEnsureReturnsTheStoredName(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		first, created, err := sc.EnsureField(ctx, "Public Policy", now)
		if err != nil || !created {
			t.Fatal(created, err)
		}
		again, created, err := sc.EnsureField(ctx, "  public policy ", now)
		if err != nil || created || again.ID != first.ID || again.Name != "Public Policy" {
			t.Fatalf("second ensure = %+v created=%v err=%v", again, created, err)
		}
	})
}
