package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// The budget: on the 5,000-person dataset (demo.Synthetic(5000, 1),
// about 2,000 conversations and 20,000 activities, on SQLite) the agenda and
// the people list render server-side in under 5 ms. Run with
//
//	go test -run '^$' -bench Page -benchtime 2s ./internal/web/
//
// Each benchmark serves the real handler, middleware included, without
// gzip (the client does not ask for it) into a recorder.
func benchServer(b *testing.B) *server {
	return benchServerOf(b, 5000)
}

// benchServerOf serves the synthetic dataset of n people.
func benchServerOf(b *testing.B, n int) *server {
	b.Helper()
	db := storetest.SQLite(b)
	if _, err := db.Scope().LoadBulk(context.Background(), demo.Synthetic(n, 1, storetest.Now), storetest.Now); err != nil {
		b.Fatal(err)
	}
	return newServer(Deps{Store: db.Store, Owner: db.Owner, Clock: method.FixedClock(storetest.Now)})
}

func serve(b *testing.B, s *server, path string, before func()) {
	serveAfter(b, s, path, before, false)
}

// serveAfter serves path after before each time; with untimed, before is
// left out of the figure.
func serveAfter(b *testing.B, s *server, path string, before func(), untimed bool) {
	b.Helper()
	n := 0
	var cpu time.Duration
	for b.Loop() {
		if before != nil {
			if untimed {
				b.StopTimer()
			}
			before()
			if untimed {
				b.StartTimer()
			}
		}
		start := cpuTime()
		w := httptest.NewRecorder()
		s.handler.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://localhost"+path, nil))
		cpu += cpuTime() - start
		if w.Code != http.StatusOK {
			b.Fatalf("GET %s: %d\n%s", path, w.Code, w.Body)
		}
		n = w.Body.Len()
	}
	b.ReportMetric(float64(n), "bytes")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// BenchmarkAgendaPage: "rendered" computes the agenda from the store's
// cached facts and renders the page, as on the first view after a change;
// "kept" is every later view, served from the page cache until something
// changes or the minute turns.
func BenchmarkAgendaPage(b *testing.B) {
	s := benchServer(b)
	b.Run("rendered", func(b *testing.B) {
		serve(b, s, "/", func() {
			s.ui.agenda.mu.Lock()
			s.ui.agenda.entries = nil
			s.ui.agenda.mu.Unlock()
		})
	})
	b.Run("kept", func(b *testing.B) { serve(b, s, "/", nil) })
}

// BenchmarkPeoplePage lists the first 50 of 5,000 people by name, then
// searches a word in half the dataset and a rarer one, filters by field and
// shows the tenth page: each view after the first is served from the kept
// list; the "-drawn" ones draw the list every time.
func BenchmarkPeoplePage(b *testing.B) {
	s := benchServer(b)
	for _, tt := range []struct{ name, path string }{
		{"list", "/people"},
		{"search", "/people?q=fieldwork"},
		{"search-rare", "/people?q=dana"},
		{"field", "/people?field=2"},
		{"page10", "/people?page=10"},
	} {
		b.Run(tt.name, func(b *testing.B) { serve(b, s, tt.path, nil) })
	}
	// Drawn again each time (as on the first view after a change): the
	// kept lists are dropped before each view, untimed.
	for _, tt := range []struct{ name, path string }{
		{"list-drawn", "/people"},
		{"search-drawn", "/people?q=fieldwork"},
		{"page10-drawn", "/people?page=10"},
	} {
		b.Run(tt.name, func(b *testing.B) {
			serveAfter(b, s, tt.path, func() {
				s.ui.agenda.lists.forget()
			}, true)
		})
	}
}

// BenchmarkAgendaCompute is the store's and the method's share of a
// rendered agenda page: the facts (cached by the store) and the rules.
func BenchmarkAgendaCompute(b *testing.B) {
	s := benchServer(b)
	sc := s.Store.For(s.Owner)
	for b.Loop() {
		if _, err := sc.Agenda(context.Background(), storetest.Now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstViewAfterWrite is the first view of the agenda, the
// people list and the API's agenda after a write at 5,000 and at 50,000
// people: each
// round logs a touch with a person who has conversations (which derives
// their actions again and makes every kept page stale), then serves the
// page. The figure is the write and the view together; the "view-"
// benchmarks time the view alone.
func BenchmarkFirstViewAfterWrite(b *testing.B) {
	for _, n := range []int{5000, 50000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchFirstViewAfterWrite(b, n) })
	}
}

func benchFirstViewAfterWrite(b *testing.B, people int) {
	s := benchServerOf(b, people)
	sc := s.Store.For(s.Owner)
	convos, err := sc.Conversations(context.Background(), store.ConversationFilter{Limit: 1})
	if err != nil || len(convos) == 0 {
		b.Fatalf("no conversation to write to: %v", err)
	}
	write := func() {
		a := &model.Activity{Person: convos[0].Person, Kind: model.ActUpdateSent, At: storetest.Now.Add(-time.Hour)}
		if err := sc.AddActivity(context.Background(), a, storetest.Now); err != nil {
			b.Fatal(err)
		}
	}
	for _, path := range []string{"/", "/people", "/api/v1/agenda"} {
		name := strings.TrimPrefix(strings.ReplaceAll(path, "/", "-"), "-")
		if name == "" {
			name = "home"
		}
		b.Run(name, func(b *testing.B) { serve(b, s, path, write) })
		b.Run("view-"+name, func(b *testing.B) { serveAfter(b, s, path, write, true) })
	}
	b.Run("write", func(b *testing.B) {
		for b.Loop() {
			write()
		}
	})
}

// BenchmarkAPITouch is the write of scripts/bench-web.sh's mix served by
// the real handler: POST /api/v1/activities, a touch with a person who
// has conversations, at 5,000 and at 50,000 people. The clock moves a
// second before each, so that each touch is the person's latest, as in
// the mix. cpu-ns/op is this process's CPU per write (SQLite's included).
func BenchmarkAPITouch(b *testing.B) {
	for _, n := range []int{5000, 50000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			s := benchServerOf(b, n)
			clock := &stepClock{t: storetest.Now}
			s.Clock = clock
			convos, err := s.Store.For(s.Owner).Conversations(context.Background(), store.ConversationFilter{Limit: 1})
			if err != nil || len(convos) == 0 {
				b.Fatalf("no conversation to write to: %v", err)
			}
			body := `{"person_id": ` + strconv.FormatInt(convos[0].Person.ID, 10) + `, "kind": "update_sent", "note": "bench"}`
			var cpu time.Duration
			for b.Loop() {
				clock.add(time.Second)
				start := cpuTime()
				w := httptest.NewRecorder()
				r := httptest.NewRequest(http.MethodPost, "http://localhost/api/v1/activities", strings.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				s.handler.ServeHTTP(w, r)
				cpu += cpuTime() - start
				if w.Code != http.StatusCreated {
					b.Fatalf("POST: %d\n%s", w.Code, w.Body)
				}
			}
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}
