package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestExportsDownloadWithTheRightTypes(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		settings := b.get("/settings").body
		for _, tt := range []struct {
			path, contentType, filename string
			check                       func(body string) bool
		}{
			{"/export/ally-backup.json", "application/json", `attachment; filename="ally-backup-2026-11-18.json"`, func(body string) bool {
				var doc map[string]any
				return json.Unmarshal([]byte(body), &doc) == nil && doc["people"] != nil
			}},
			{"/export/people.vcf", "text/vcard; charset=utf-8", `attachment; filename="people.vcf"`, func(body string) bool {
				return strings.HasPrefix(body, "BEGIN:VCARD\r\nVERSION:4.0\r\n") && strings.Contains(body, "FN:Samuel Adeyemi\r\n")
			}},
			{"/export/people.csv", "text/csv; charset=utf-8", `attachment; filename="people.csv"`, func(body string) bool {
				return strings.Contains(strings.SplitN(body, "\n", 2)[0], "First Name") && strings.Contains(body, "Samuel")
			}},
		} {
			t.Run(tt.path, func(t *testing.T) {
				if p := strings.Split(tt.path, "?")[0]; !strings.Contains(settings, `href="`+p+`"`) {
					t.Errorf("the settings page has no link to %s", p)
				}
				r := b.get(tt.path)
				if r.status != http.StatusOK {
					t.Fatalf("status %d", r.status)
				}
				if got := r.header.Get("Content-Type"); got != tt.contentType {
					t.Errorf("Content-Type %q, want %q", got, tt.contentType)
				}
				if got := r.header.Get("Content-Disposition"); got != tt.filename {
					t.Errorf("Content-Disposition %q, want %q", got, tt.filename)
				}
				if got := r.header.Get("Cache-Control"); got != "no-store" {
					t.Errorf("Cache-Control %q", got)
				}
				if !tt.check(r.body) {
					t.Errorf("unexpected body:\n%.400s", r.body)
				}
			})
		}
		all := strings.Count(b.get("/export/people.vcf").body, "BEGIN:VCARD")
		policy := b.id("field", "Public policy")
		fieldVCF := "/export/people.vcf?field=" + policy
		// The field page links its people's vCard.
		wantIn(t, "field page", b.get("/fields/"+policy).body, `href="`+fieldVCF+`"`)
		some := strings.Count(b.get(fieldVCF).body, "BEGIN:VCARD")
		if some == 0 || some >= all {
			t.Errorf("one field's people: %d cards of %d", some, all)
		}
		if r := b.get("/export/people.csv?field=x"); r.status != http.StatusBadRequest {
			t.Errorf("a bad field id: status %d, want 400", r.status)
		}
	})
}

var feedURLRe = regexp.MustCompile(`id="feed-url"[^>]* value="([^"]+)"`)

// feedPath is the path of the feed address the settings page shows, or "".
func (b *browser) feedPath() string {
	b.t.Helper()
	m := feedURLRe.FindStringSubmatch(b.get("/settings").body)
	if m == nil {
		return ""
	}
	u, err := url.Parse(m[1])
	if err != nil || !strings.HasPrefix(u.String(), b.base+"/calendar/") {
		b.t.Fatalf("feed address %q is not under %s/calendar/", m[1], b.base)
	}
	return u.Path
}

func TestCalendarFeedIsMadeReplacedAndRevokedInSettings(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		if p := b.feedPath(); p != "" {
			t.Fatalf("a feed before any was made: %s", p)
		}
		wantIn(t, "settings without a feed", readable(b.get("/settings").body), "Make a calendar feed")

		page := b.follow("/settings/calendar-feed", nil)
		wantIn(t, "settings with a feed", readable(page.body), "Made your calendar feed", "Feed address", "Copy the address", "Turn off the feed")
		first := b.feedPath()
		if r := b.get(first); r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("GET %s: status %d, %s", first, r.status, r.header.Get("Content-Type"))
		}

		wantIn(t, "a new address", readable(b.follow("/settings/calendar-feed", nil).body), "the old one no longer works")
		second := b.feedPath()
		if second == first {
			t.Fatalf("a new address is the old one")
		}
		if r := b.get(first); r.status != http.StatusNotFound {
			t.Errorf("the replaced address answers %d, want 404", r.status)
		}

		confirm := b.get("/settings/calendar-feed/revoke")
		if confirm.status != http.StatusOK {
			t.Fatalf("the confirm page: status %d", confirm.status)
		}
		wantIn(t, "confirm", readable(confirm.body), "Turn off the calendar feed?", "Turn off the feed")
		if r := b.get(second); r.status != http.StatusOK {
			t.Errorf("asking to revoke revoked the feed: status %d", r.status)
		}
		wantIn(t, "revoked", readable(b.follow("/settings/calendar-feed/revoke", nil).body), "Turned off the calendar feed", "Make a calendar feed")
		if r := b.get(second); r.status != http.StatusNotFound {
			t.Errorf("the revoked address answers %d, want 404", r.status)
		}
		if p := b.feedPath(); p != "" {
			t.Errorf("settings still shows %s", p)
		}
		wantIn(t, "revoking twice", readable(b.follow("/settings/calendar-feed/revoke", nil).body), "There was no calendar feed")
	})
}

func TestConversationWithAMeetingOffersAddToCalendar(t *testing.T) {
	b := newBrowser(t, false)
	page := b.follow("/conversations", url.Values{"person": {"Lee Park"}, "minutes": {"20"}})
	id := regexp.MustCompile(`action="/conversations/(\d+)/steps"`).FindStringSubmatch(page.body)[1]
	link := `href="/conversations/` + id + `/calendar.ics"`
	if strings.Contains(page.body, link) {
		t.Errorf("a conversation with no meeting offers to add it to a calendar")
	}
	page = b.follow("/conversations/"+id+"/steps", url.Values{"to": {"scheduled"}, "meeting_at": {"2026-11-20T10:00"}})
	wantIn(t, "scheduled", page.body, link)
	wantIn(t, "scheduled", readable(page.body), "Add to calendar")
	r := b.get("/conversations/" + id + "/calendar.ics")
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "text/calendar; charset=utf-8" || !strings.Contains(r.body, "BEGIN:VEVENT") {
		t.Errorf("the calendar file: status %d, %s", r.status, r.header.Get("Content-Type"))
	}
}
