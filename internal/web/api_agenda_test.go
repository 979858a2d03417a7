package web

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// The API's agenda comes a page at a time, each page an array of actions,
// the next page's address in the Link header; the pages together are the
// whole agenda. The JSON is compact and compressed when asked.
func TestAPIAgendaPagesFollowTheLinkHeader(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newAPI(t, db)
		sc := db.Scope()
		ctx := t.Context()
		for i := range 7 {
			p := &model.Person{Name: "Person " + itoa(int64(i))}
			if err := sc.CreatePerson(ctx, p, apiNow); err != nil {
				t.Fatal(err)
			}
			convo := &model.Conversation{Person: model.Ref{ID: p.ID}}
			if err := sc.CreateConversation(ctx, convo, apiNow.Add(-30*24*time.Hour)); err != nil {
				t.Fatal(err)
			}
			at := apiNow.Add(-time.Duration(20-i) * 24 * time.Hour)
			if _, err := sc.Step(ctx, convo.ID, method.Step{To: model.StateRequested, At: at}, "", apiNow); err != nil {
				t.Fatal(err)
			}
		}
		var all []method.Action
		c.do("GET", "/api/v1/agenda", "", 200, &all)
		if len(all) != 14 {
			t.Fatalf("the agenda holds %d actions, want 14 (two per request)", len(all))
		}

		var ids []string
		next, pages := "/api/v1/agenda?limit=4", 0
		for next != "" {
			resp := get(t, c, next, nil)
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || strings.Contains(string(raw), "\n  ") {
				t.Fatalf("GET %s: %d, want 200 and compact JSON: %s", next, resp.StatusCode, raw)
			}
			var page []method.Action
			if err := json.Unmarshal(raw, &page); err != nil {
				t.Fatal(err)
			}
			for _, a := range page {
				ids = append(ids, a.ID)
			}
			pages++
			next = ""
			if m := regexp.MustCompile(`^<([^>]+)>; rel="next"$`).FindStringSubmatch(resp.Header.Get("Link")); m != nil {
				next = m[1]
			}
		}
		if pages != 4 || len(ids) != len(all) {
			t.Fatalf("%d pages of %d actions, want 4 pages of the agenda's %d", pages, len(ids), len(all))
		}
		for i := range ids {
			if ids[i] != all[i].ID {
				t.Fatalf("action %d is %s in the pages, %s in the agenda", i, ids[i], all[i].ID)
			}
		}
		// The ids work for done, as before.
		c.do("POST", "/api/v1/agenda/"+ids[5]+"/done", "", 200, nil)

		resp := get(t, c, "/api/v1/agenda", map[string]string{"Accept-Encoding": "gzip"})
		defer resp.Body.Close()
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("asked for gzip, got Content-Encoding %q", resp.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		var zipped []method.Action
		if err := json.NewDecoder(zr).Decode(&zipped); err != nil || len(zipped) != len(all)-1 {
			t.Fatalf("gzip body: %d actions, %v", len(zipped), err)
		}

		for _, bad := range []string{"limit=0", "limit=1001", "limit=x", "after=nonsense", "after=thank-c1.x", "after=.5"} {
			field := strings.SplitN(bad, "=", 2)[0]
			var e map[string]any
			c.do("GET", "/api/v1/agenda?"+bad, "", 422, &e)
			if e["field"] != field {
				t.Errorf("?%s: error %v, want one about %s", bad, e, field)
			}
		}
	})
}

// get sends a GET with headers; the transport's own gzip handling is off
// so the test sees the response as sent.
func get(t *testing.T, c *apiClient, path string, headers map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest("GET", c.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	tr := &http.Transport{DisableCompression: true}
	t.Cleanup(tr.CloseIdleConnections)
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// A page of the API's agenda is kept like the home page: a second request
// is served from what the first read, and a write (here from another
// process's point of view: straight to the store) is seen at once.
func TestAPIAgendaPageIsKeptUntilAWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		sc := db.Scope()
		ctx := t.Context()
		for i := range 3 {
			p := &model.Person{Name: "Person " + itoa(int64(i))}
			if err := sc.CreatePerson(ctx, p, apiNow); err != nil {
				t.Fatal(err)
			}
			convo := &model.Conversation{Person: model.Ref{ID: p.ID}}
			if err := sc.CreateConversation(ctx, convo, apiNow.Add(-30*24*time.Hour)); err != nil {
				t.Fatal(err)
			}
			if _, err := sc.Step(ctx, convo.ID, method.Step{To: model.StateRequested, At: apiNow.Add(-20 * 24 * time.Hour)}, "", apiNow); err != nil {
				t.Fatal(err)
			}
		}
		s := newServer(Deps{Store: db.Store, Owner: db.Owner, Clock: method.FixedClock(apiNow)})
		read := func() []method.Action {
			t.Helper()
			w := httptest.NewRecorder()
			s.handler.ServeHTTP(w, httptest.NewRequest("GET", "http://localhost/api/v1/agenda?limit=2", nil))
			var page []method.Action
			if w.Code != 200 || json.Unmarshal(w.Body.Bytes(), &page) != nil {
				t.Fatalf("GET: %d %s", w.Code, w.Body)
			}
			return page
		}
		first := read()
		kept := func() int {
			s.ui.agenda.mu.Lock()
			defer s.ui.agenda.mu.Unlock()
			return s.ui.agenda.api.kept(db.Owner)
		}
		if n := kept(); n != 1 {
			t.Fatalf("%d pages kept after one read, want 1", n)
		}
		if again := read(); !reflect.DeepEqual(again, first) || kept() != 1 {
			t.Fatalf("a second read differs or was not served from the kept page: %v, %v", brief(again), brief(first))
		}
		if _, err := sc.MarkDone(ctx, first[0].ID, apiNow); err != nil {
			t.Fatal(err)
		}
		if after := read(); len(after) != 2 || after[0].ID == first[0].ID {
			t.Fatalf("after marking %s done the first page is %v", first[0].ID, brief(after))
		}
	})
}

func brief(actions []method.Action) []string {
	var out []string
	for _, a := range actions {
		out = append(out, a.ID)
	}
	return out
}
