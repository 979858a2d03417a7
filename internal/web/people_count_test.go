package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// getPage serves path and gives the body.
func getPage(t *testing.T, s *server, path string) string {
	t.Helper()
	w := httptest.NewRecorder()
	s.handler.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://localhost"+path, nil))
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, w.Code, w.Body)
	}
	return w.Body.String()
}

// The people list's total is the owner's count kept by the writes: views
// interleaved with writes that add and remove people (one by one, with
// their conversations, by an import) and with touches show, at each view,
// the number of people listed from scratch, and the page a server that
// kept nothing draws.
func TestPeopleListAfterEachWriteShowsEveryone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx, now, sc := t.Context(), storetest.Now, db.Scope()
		if _, err := sc.LoadBulk(ctx, demo.Synthetic(60, 1, now), now); err != nil {
			t.Fatal(err)
		}
		deps := Deps{Store: db.Store, Owner: db.Owner, Clock: method.FixedClock(now)}
		kept, cold := newServer(deps), newServer(deps)
		people, _, err := sc.People(ctx, store.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		writes := []func() error{
			func() error { return sc.CreatePerson(ctx, &model.Person{Name: "Aaron Abbot"}, now) },
			func() error {
				return sc.AddActivity(ctx, &model.Activity{Person: model.Ref{ID: people[0].ID}, Kind: model.ActUpdateSent, At: now}, now)
			},
			func() error { return sc.DeletePerson(ctx, people[1].ID, true) },
			func() error { return sc.DeletePerson(ctx, people[2].ID, true) },
			func() error {
				_, err := sc.ApplyImport(ctx, store.ImportLinkedIn, strings.NewReader("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"+
					"Abe,Aardvark,,,,,01 Feb 2020\nAda,Aalto,,,,,02 Feb 2020\n"), now)
				return err
			},
			func() error { return sc.CreatePerson(ctx, &model.Person{Name: "Zed Zimmer"}, now) },
		}
		for i, write := range append([]func() error{func() error { return nil }}, writes...) {
			if err := write(); err != nil {
				t.Fatalf("write %d: %v", i, err)
			}
			all, _, err := sc.People(ctx, store.PeopleFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{"/people", "/people?page=2"} {
				got := getPage(t, kept, path)
				if want := fmt.Sprintf("%d people", len(all)); !strings.Contains(got, want) {
					t.Errorf("after write %d, %s does not say %q", i, path, want)
				}
				cold.ui.agenda.lists.forget()
				if drawn := getPage(t, cold, path); got != drawn {
					t.Errorf("after write %d, %s is not what a server that kept nothing draws", i, path)
				}
			}
		}
	})
}
