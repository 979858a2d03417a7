package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/interop/clienttest"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
	"github.com/ally-dev/ally/internal/web"
)

// calNow is a Monday morning in New York.
var calNow = time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)

// calendarServer serves the demo story on a real listener on 127.0.0.1.
func calendarServer(t *testing.T, db *storetest.DB) (*httptest.Server, *store.Scope) {
	t.Helper()
	ctx := context.Background()
	sc := db.Scope()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sc.LoadBulk(ctx, demo.Story(calNow, ny), calNow); err != nil {
		t.Fatal(err)
	}
	s, _ := sc.Settings(ctx)
	s.TimeZone = "America/New_York"
	if err := sc.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	srv, _ := web.ServeAtOwnURL(t, web.Deps{Store: db.Store, Owner: db.Owner, Clock: method.FixedClock(calNow)})
	return srv, sc
}

func get(t *testing.T, url string) (int, http.Header, []byte) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, body
}

func TestCalendarFeedAnswersOnlyItsLiveSecret(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		srv, sc := calendarServer(t, db)
		feed, err := sc.NewCalendarFeed(ctx, calNow)
		if err != nil {
			t.Fatal(err)
		}
		url := web.CalendarFeedURL(srv.URL, feed.Secret)
		status, h, body := get(t, url)
		if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/calendar") ||
			h.Get("Referrer-Policy") != "no-referrer" || !strings.Contains(h.Get("Cache-Control"), "no-cache") {
			t.Fatalf("feed: %d %v\n%s", status, h, body)
		}
		if n := bytes.Count(body, []byte("BEGIN:VEVENT")); n < 5 {
			t.Errorf("the feed has %d entries", n)
		}
		if !bytes.Contains(body, []byte("URL:"+srv.URL+"/conversations/")) || !bytes.Contains(body, []byte("/guide\r\n")) {
			t.Error("the entries do not link to their guides")
		}
		// Same feed a minute later: the same UIDs.
		uids := func(b []byte) []string {
			var out []string
			for _, l := range strings.Split(string(b), "\r\n") {
				if strings.HasPrefix(l, "UID:") {
					out = append(out, l)
				}
			}
			slices.Sort(out)
			return out
		}
		_, _, again := get(t, url)
		if !slices.Equal(uids(body), uids(again)) {
			t.Error("UIDs changed between two refreshes")
		}

		renewed, err := sc.NewCalendarFeed(ctx, calNow)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{
			url,                                     // replaced by a new one
			srv.URL + "/calendar/" + renewed.Secret, // without .ics
			srv.URL + "/calendar/" + strings.Repeat("A", 43) + ".ics",
			srv.URL + "/calendar/.ics",
		} {
			if status, _, _ := get(t, bad); status != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", bad, status)
			}
		}
		if status, _, _ := get(t, web.CalendarFeedURL(srv.URL, renewed.Secret)); status != http.StatusOK {
			t.Errorf("the new address: %d", status)
		}
		if _, err := sc.RevokeCalendarFeed(ctx); err != nil {
			t.Fatal(err)
		}
		if status, _, _ := get(t, web.CalendarFeedURL(srv.URL, renewed.Secret)); status != http.StatusNotFound {
			t.Errorf("a revoked feed: %d, want 404", status)
		}
	})
}

func TestConversationCalendarDownload(t *testing.T) {
	srv, sc := calendarServer(t, storetest.SQLite(t))
	convos, err := sc.Conversations(context.Background(), store.ConversationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var withMeeting, without int64
	for _, c := range convos {
		if c.MeetingAt != nil && withMeeting == 0 {
			withMeeting = c.ID
		}
		if c.MeetingAt == nil && without == 0 {
			without = c.ID
		}
	}
	path := func(id int64) string {
		return srv.URL + "/conversations/" + strconv.FormatInt(id, 10) + "/calendar.ics"
	}
	status, h, body := get(t, path(withMeeting))
	if status != http.StatusOK || !strings.Contains(h.Get("Content-Disposition"), "attachment") ||
		bytes.Count(body, []byte("BEGIN:VEVENT")) != 1 || !bytes.Contains(body, []byte("TZID=America/New_York")) {
		t.Fatalf("download: %d %v\n%s", status, h, body)
	}
	if status, _, _ := get(t, path(without)); status != http.StatusUnprocessableEntity {
		t.Errorf("a conversation with no meeting: %d, want 422", status)
	}
	if status, _, _ := get(t, path(99999)); status != http.StatusNotFound {
		t.Errorf("an unknown conversation: %d, want 404", status)
	}
}

// TestCalendarFeedReadByRealClients subscribes real clients to the feed
// served on 127.0.0.1: ical.js parses it, vobject validates it, and
// vdirsyncer syncs it into a folder with one file per entry, twice, as a
// calendar refreshing its subscription would.
func TestCalendarFeedReadByRealClients(t *testing.T) {
	ctx := context.Background()
	srv, sc := calendarServer(t, storetest.SQLite(t))
	feed, err := sc.NewCalendarFeed(ctx, calNow)
	if err != nil {
		t.Fatal(err)
	}
	url := web.CalendarFeedURL(srv.URL, feed.Secret)
	want, _, err := sc.CalendarFeedEvents(ctx, web.GuideLink(srv.URL), calNow)
	if err != nil {
		t.Fatal(err)
	}
	_, _, body := get(t, url)

	t.Run("ical.js", func(t *testing.T) {
		comps := clienttest.ICALJS(t, body)
		if len(comps) != 1 {
			t.Fatalf("%d top-level components", len(comps))
		}
		events := comps[0].All("vevent")
		if len(events) != len(want) {
			t.Fatalf("ical.js reads %d entries, want %d", len(events), len(want))
		}
		for i, e := range events {
			w := want[i]
			if e.First("uid") != w.UID || e.AllDay != w.AllDay || e.Start == nil {
				t.Errorf("entry %d: %+v, want %s", i, e.Props, w.UID)
				continue
			}
			if !w.AllDay && *e.Start != float64(w.Start.Unix()) {
				t.Errorf("%s starts at %v, want %v", w.Summary, time.Unix(int64(*e.Start), 0).UTC(), w.Start.UTC())
			}
			if w.AllDay && time.Unix(int64(*e.Start), 0).UTC().Format("2006-01-02") != w.Start.Format("2006-01-02") {
				t.Errorf("%s is on %v, want %s", w.Summary, time.Unix(int64(*e.Start), 0).UTC(), w.Start.Format("2006-01-02"))
			}
		}
	})

	t.Run("vobject", func(t *testing.T) {
		counts := clienttest.Vobject(t, body, "ics")
		if counts["VEVENT"] != len(want) || counts["VTIMEZONE"] != 1 {
			t.Errorf("vobject: %v, want %d events", counts, len(want))
		}
	})

	t.Run("vdirsyncer", func(t *testing.T) {
		// vdirsyncer's http storage replaces every UID with a hash of the
		// entry (it distrusts feeds' UIDs), so an entry's file stays the
		// same only while its bytes do: a refresh must leave every
		// unchanged entry byte for byte as it was.
		dir := t.TempDir()
		files, _ := clienttest.Vdirsyncer(t, url, dir)
		if len(files) != len(want) {
			t.Fatalf("vdirsyncer wrote %d files, want one per entry (%d)", len(files), len(want))
		}
		var got, wantSummaries []string
		for name, f := range files {
			if n := bytes.Count(f, []byte("BEGIN:VEVENT")); n != 1 {
				t.Errorf("%s holds %d events", name, n)
			}
			got = append(got, summaryOf(f))
		}
		for _, w := range want {
			wantSummaries = append(wantSummaries, w.Summary)
		}
		slices.Sort(got)
		slices.Sort(wantSummaries)
		if !slices.Equal(got, wantSummaries) {
			t.Errorf("synced summaries %q, want %q", got, wantSummaries)
		}

		convos, _ := sc.Conversations(ctx, store.ConversationFilter{States: []model.State{model.StateScheduled}})
		if len(convos) == 0 {
			t.Fatal("no scheduled conversation")
		}
		c := convos[0]
		c.Place = "A new café, table by the window"
		if err := sc.UpdateConversation(ctx, c, calNow); err != nil {
			t.Fatal(err)
		}
		again, out := clienttest.Vdirsyncer(t, url, dir)
		var gone, added []string
		for name, f := range files {
			if g, ok := again[name]; !ok {
				gone = append(gone, name)
			} else if !bytes.Equal(g, f) {
				t.Errorf("%s changed on a refresh", name)
			}
		}
		for name, f := range again {
			if _, ok := files[name]; !ok {
				added = append(added, name)
				if !bytes.Contains(bytes.ReplaceAll(f, []byte("\r\n "), nil), []byte("A new café")) {
					t.Errorf("the entry that changed is not the one updated:\n%s", f)
				}
			}
		}
		if len(gone) != 1 || len(added) != 1 {
			t.Errorf("a refresh after one change removed %d and added %d entries, want 1 and 1\n%s", len(gone), len(added), out)
		}
	})
}

// summaryOf returns the SUMMARY of an iCalendar entry, unfolded and
// unescaped.
func summaryOf(ics []byte) string {
	text := strings.ReplaceAll(string(ics), "\r\n ", "")
	for _, line := range strings.Split(text, "\r\n") {
		if v, ok := strings.CutPrefix(line, "SUMMARY:"); ok {
			return strings.NewReplacer(`\,`, ",", `\;`, ";", `\n`, "\n", `\\`, `\`).Replace(v)
		}
	}
	return ""
}
