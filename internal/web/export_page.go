package web

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/store"
)

// feedView is the calendar feed as the settings page shows it; a zero
// URL means there is none.
type feedView struct {
	URL     string
	Created time.Time
}

// calendarFeedView reads the user's feed for the settings page.
func (s *server) calendarFeedView(r *http.Request, sc *store.Scope) (feedView, error) {
	feed, err := sc.CalendarFeed(r.Context())
	if err != nil || feed == nil {
		return feedView{}, err
	}
	return feedView{URL: CalendarFeedURL(s.BaseURL, feed.Secret), Created: feed.CreatedAt}, nil
}

// download sends a file made by write as an attachment. It is written to
// a temporary file first, so that a failure is an error page rather than
// half a file, and a large export is never held in memory.
func (s *server) download(w http.ResponseWriter, r *http.Request, name, contentType string, write func(io.Writer) error) {
	tmp, err := os.CreateTemp("", "ally-export-*")
	if err != nil {
		s.pageError(w, r, fmt.Errorf("export: %w", err))
		return
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if err := write(tmp); err != nil {
		s.pageError(w, r, err)
		return
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		s.pageError(w, r, fmt.Errorf("export: %w", err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	h.Set("Cache-Control", "no-store") // the user's own data: no copy kept on the way
	if _, err := io.Copy(w, tmp); err != nil {
		s.logFailure(r, "send export", err, "file", name)
	}
}

// exportJSON serves GET /export/ally-backup.json: everything the user has,
// the document `ally import json` restores.
func (s *server) exportJSON(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	name := "ally-backup-" + s.now().In(loc).Format("2006-01-02") + ".json"
	s.download(w, r, name, "application/json", func(out io.Writer) error { return sc.Export(r.Context(), out, s.now()) })
}

// exportVCards serves GET /export/people.vcf: the people as vCard 4.0,
// only those of one career field with ?field=ID.
func (s *server) exportVCards(w http.ResponseWriter, r *http.Request) {
	s.exportCards(w, r, "people.vcf", "text/vcard; charset=utf-8", interop.WriteVCards)
}

// exportCSV serves GET /export/people.csv: the people as a spreadsheet
// with Google Contacts' columns, one row each.
func (s *server) exportCSV(w http.ResponseWriter, r *http.Request) {
	s.exportCards(w, r, "people.csv", "text/csv; charset=utf-8", interop.WriteCSV)
}

func (s *server) exportCards(w http.ResponseWriter, r *http.Request, name, contentType string, write func(io.Writer, []interop.Card) error) {
	var fieldID int64
	if v := r.URL.Query().Get("field"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			s.pageError(w, r, badRequest{fmt.Sprintf("%q is not a field id", v)})
			return
		}
		fieldID = id
	}
	cards, err := s.scope(r).Cards(r.Context(), fieldID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.download(w, r, name, contentType, func(out io.Writer) error { return write(out, cards) })
}

// feedCreate serves POST /settings/calendar-feed: a new secret address for
// the calendar feed; any earlier one stops working.
func (s *server) feedCreate(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	had, err := sc.CalendarFeed(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if _, err := sc.NewCalendarFeed(r.Context(), s.now()); err != nil {
		s.pageError(w, r, err)
		return
	}
	msg := "Made your calendar feed. Copy its address into your calendar app."
	if had != nil {
		msg = "Made a new calendar feed address; the old one no longer works."
	}
	s.redirect(w, r, "/settings#calendar-feed", msg)
}

// feedRevokeConfirm serves GET /settings/calendar-feed/revoke.
func (s *server) feedRevokeConfirm(w http.ResponseWriter, r *http.Request) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "confirm", &confirmPage{page: s.newPage("settings", loc),
		Title:   "Turn off the calendar feed?",
		Intro:   "Calendars subscribed to its address stop getting your conversations and actions; the address answers “not found” from now on.",
		Details: []string{"You can make a new feed at any time, with a new address."},
		Action:  "/settings/calendar-feed/revoke", Button: "Turn off the feed", Cancel: "/settings#calendar-feed"})
}

// feedRevoke serves POST /settings/calendar-feed/revoke.
func (s *server) feedRevoke(w http.ResponseWriter, r *http.Request) {
	had, err := s.scope(r).RevokeCalendarFeed(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	msg := "There was no calendar feed to turn off."
	if had {
		msg = "Turned off the calendar feed: its address no longer works."
	}
	s.redirect(w, r, "/settings#calendar-feed", msg)
}
