package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// getHome serves GET / and returns the page and its ETag.
func getHome(t *testing.T, s *server) (string, string) {
	t.Helper()
	w := httptest.NewRecorder()
	s.handler.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://localhost/", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("GET /: %d\n%s", w.Code, w.Body)
	}
	return w.Body.String(), w.Header().Get("ETag")
}

// syntheticDeps loads 300 synthetic people into db and gives what serves them.
func syntheticDeps(t *testing.T, db *storetest.DB) Deps {
	t.Helper()
	if _, err := db.Scope().LoadBulk(t.Context(), demo.Synthetic(300, 1, storetest.Now), storetest.Now); err != nil {
		t.Fatal(err)
	}
	return Deps{Store: db.Store, Owner: db.Owner, Clock: method.FixedClock(storetest.Now)}
}

// The home page drawn after a write, by a server that kept the page drawn
// before it (and reuses what did not change: the compressed bytes of a page
// drawn the same, the actions drawn already), is byte for byte the page a
// server that kept nothing draws, for each kind of write: a touch that
// moves an action off the page, the same touch again (nothing shown
// changes), an action done, an action snoozed, a meeting booked, a person
// renamed, a field's target and the settings changed.
func TestHomeAfterEachWriteIsAColdRender(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := t.Context()
		now := storetest.Now
		sc := db.Scope()
		deps := syntheticDeps(t, db)
		kept := newServer(deps)
		before, _ := getHome(t, kept)
		first := func() method.Action {
			t.Helper()
			actions, err := sc.AgendaPage(ctx, now, nil, nil, 1)
			if err != nil || len(actions) == 0 {
				t.Fatalf("no action on the agenda: %v", err)
			}
			return actions[0]
		}
		convos, err := sc.Conversations(ctx, store.ConversationFilter{States: []model.State{model.StateRequested}, Limit: 1})
		if err != nil || len(convos) == 0 {
			t.Fatalf("no requested conversation: %v", err)
		}
		touch := func() error {
			return sc.AddActivity(ctx, &model.Activity{Person: convos[0].Person, Kind: model.ActUpdateSent, At: now.Add(-time.Hour)}, now)
		}
		writes := []struct {
			name    string
			write   func() error
			changes bool // the page shows something else after it
		}{
			{"touch", touch, false},
			{"the same touch again", touch, false},
			{"an action done", func() error { _, err := sc.MarkDone(ctx, first().ID, now); return err }, true},
			{"an action snoozed", func() error { _, err := sc.Snooze(ctx, first().ID, now.Add(48*time.Hour), now); return err }, true},
			{"a meeting booked", func() error {
				_, err := sc.Step(ctx, convos[0].ID, method.Step{To: model.StateScheduled, At: now.Add(-time.Minute), MeetingAt: now.Add(24 * time.Hour)}, "", now)
				return err
			}, true},
			{"a person on the page renamed", func() error {
				a := first()
				p, err := sc.Person(ctx, a.PersonID)
				if err != nil {
					return err
				}
				p.Name += " Renamed"
				return sc.UpdatePerson(ctx, p, now)
			}, true},
			{"a field's target", func() error {
				fields, err := sc.FieldProgress(ctx)
				if err != nil || len(fields) == 0 {
					t.Fatalf("no field: %v", err)
				}
				return sc.UpdateField(ctx, &model.Field{ID: fields[0].ID, Name: fields[0].Name, Target: 7}, now)
			}, true},
			{"the settings", func() error {
				_, err := sc.UpdateSettings(ctx, func(s *method.Settings) error {
					s.TimeZone = "America/New_York"
					s.TargetPerspectives = 5
					return nil
				})
				return err
			}, true},
		}
		for _, w := range writes {
			if err := w.write(); err != nil {
				t.Fatalf("%s: %v", w.name, err)
			}
			got, etag := getHome(t, kept)
			want, wantTag := getHome(t, newServer(deps))
			if got != want || etag != wantTag {
				t.Fatalf("after %s the kept server draws another page (ETag %s) than a cold one (%s)", w.name, etag, wantTag)
			}
			if again, _ := getHome(t, kept); again != got {
				t.Fatalf("after %s the page kept is not the page drawn", w.name)
			}
			if w.changes && got == before {
				t.Fatalf("after %s the page is unchanged: the test does not test it", w.name)
			}
			before = got
		}
	})
}

// The home page joins each group's drawn actions (agendaGroup.List) as
// agenda.html's loop over them draws them, and its other sections drawn
// apart (agendaSections) are what the page draws in place.
func TestAgendaListJoinedAsLooped(t *testing.T) {
	db := storetest.SQLite(t)
	now := storetest.Now
	s := newServer(syntheticDeps(t, db))
	sc := db.Scope()
	settings, err := sc.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	data, err := s.agendaData(context.Background(), sc, now, settings)
	if err != nil {
		t.Fatal(err)
	}
	draw := func() []byte {
		var b bytes.Buffer
		if err := s.ui.pages["agenda"].ExecuteTemplate(&b, "layout", data); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	joined, shown := draw(), 0
	for i := range data.Groups {
		shown += len(data.Groups[i].Actions)
		data.Groups[i].List = ""
	}
	if shown == 0 || len(data.Upcoming) == 0 || len(data.Progress) == 0 || data.UpcomingHTML == "" || data.ProgressHTML == "" {
		t.Fatalf("%d actions, %d meetings, %d fields shown: the test does not test them all", shown, len(data.Upcoming), len(data.Progress))
	}
	data.UpcomingHTML, data.ProgressHTML = "", ""
	if looped := draw(); !bytes.Equal(joined, looped) {
		t.Fatalf("the joined actions draw another page:\n%s\n----\n%s", joined, looped)
	}
}

// Under concurrent writes the home page is drawn once at a time from the
// latest records (agendaCache.join), yet a view never gets a page older
// than what it saw: 32 clients each mark one action of the page done and
// then view the page, at once, and none sees its action still there.
func TestHomeAfterConcurrentWritesShowsEach(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		now := storetest.Now
		deps := syntheticDeps(t, db)
		s := newServer(deps)
		page, _ := getHome(t, s)
		var ids []string
		for _, m := range regexp.MustCompile(`action="/agenda/([^/"]+)/done"`).FindAllStringSubmatch(page, -1) {
			ids = append(ids, m[1])
		}
		const clients = 32
		if len(ids) < clients {
			t.Fatalf("the page shows %d actions, want %d", len(ids), clients)
		}
		var wg sync.WaitGroup
		errs := make(chan string, clients)
		for _, id := range ids[:clients] {
			wg.Go(func() {
				if _, err := db.Scope().MarkDone(context.Background(), id, now); err != nil {
					errs <- err.Error()
					return
				}
				w := httptest.NewRecorder()
				s.handler.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://localhost/", nil))
				if w.Code != http.StatusOK {
					errs <- "GET /: " + w.Body.String()
				} else if strings.Contains(w.Body.String(), "/agenda/"+id+"/done") {
					errs <- "the page viewed after marking " + id + " done still shows it"
				}
			})
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		got, _ := getHome(t, s)
		if want, _ := getHome(t, newServer(deps)); got != want {
			t.Error("after the writes the kept page is not a cold render")
		}
	})
}
