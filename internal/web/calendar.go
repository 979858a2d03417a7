package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/store"
)

// CalendarName is the name calendars show for Ally's feed.
const CalendarName = "Ally: informational interviews"

// GuideURL is the address of a conversation's question guide under base
// (a scheme and host, no trailing slash): calendar entries link to it, so
// the guide is one tap away when the meeting starts.
func GuideURL(base string, id int64) string {
	return fmt.Sprintf("%s/conversations/%d/guide", base, id)
}

// CalendarFeedURL is the address of the private calendar feed with this
// secret under base.
func CalendarFeedURL(base, secret string) string { return base + "/calendar/" + secret + ".ics" }

// GuideLink returns the store's link maker for entries written under base.
func GuideLink(base string) store.GuideLink {
	return func(id int64) string { return GuideURL(base, id) }
}

// writeICS sends an iCalendar file, written in full first so that an error
// is a clean 500 rather than a cut file.
func (s *server) writeICS(w http.ResponseWriter, r *http.Request, filename string, loc *time.Location, events []interop.Event) {
	var buf bytes.Buffer
	if err := interop.WriteICS(&buf, CalendarName, loc, events, nil); err != nil {
		s.pageError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	if filename != "" {
		h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	}
	w.Write(buf.Bytes())
}

// calendarFeed serves GET /calendar/{secret}.ics: the private subscription
// feed of scheduled conversations and due actions. Calendar apps fetch it
// without a session; the secret in the address is the only key, so an
// unknown or revoked one answers 404, like any address that is not there.
func (s *server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	secret, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok {
		s.notFound(w, r)
		return
	}
	owner, err := s.Store.CalendarFeedOwner(r.Context(), secret)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	events, loc, err := s.Store.For(owner).CalendarFeedEvents(r.Context(), GuideLink(s.BaseURL), s.now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	h := w.Header()
	// The address is a secret: keep it out of other sites' logs, search
	// engines and shared caches; a revocation takes effect at once.
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Robots-Tag", "noindex")
	h.Set("Cache-Control", "private, no-cache")
	s.writeICS(w, r, "", loc, events)
}

// conversationICS serves GET /conversations/{id}/calendar.ics: "add to
// calendar" for one conversation's meeting.
func (s *server) conversationICS(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	e, loc, err := s.scope(r).ConversationEvent(r.Context(), id, GuideLink(s.BaseURL), s.now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.writeICS(w, r, fmt.Sprintf("conversation-%d.ics", id), loc, []interop.Event{e})
}
