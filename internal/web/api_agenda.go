package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// agendaPageSize is how many actions GET /api/v1/agenda answers unless
// ?limit= says otherwise; agendaPageMax is the most it answers at once.
const (
	agendaPageSize = 100
	agendaPageMax  = 1000
)

// apiAgenda serves the agenda a page at a time: the body is an array of
// actions (with the ids that /agenda/{id}/done and snooze take), in compact
// JSON, compressed when the client accepts gzip; the next page's address
// is in a Link header (rel="next"), which holds the time of reading so
// that every page is read at the same time.
func (s *server) apiAgenda(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	at, err := s.queryTime(r, sc, "at")
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	limit, err := queryInt(r, "limit", agendaPageSize, agendaPageMax)
	if err == nil && limit == 0 {
		err = model.Invalid("limit", "must be a number from 1 to %d", agendaPageMax)
	}
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	after, err := parseAgendaCursor(r.URL.Query().Get("after"))
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	actions, err := sc.AgendaPage(r.Context(), at, after, limit+1)
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	h := w.Header()
	if len(actions) > limit {
		actions = actions[:limit]
		q := url.Values{}
		q.Set("at", at.UTC().Format(time.RFC3339Nano))
		q.Set("limit", strconv.Itoa(limit))
		q.Set("after", agendaCursor(actions[len(actions)-1]))
		h.Set("Link", "<"+r.URL.Path+"?"+q.Encode()+`>; rel="next"`)
	}
	body, err := json.Marshal(actions)
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	body = append(body, '\n')
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.DefaultCompression)
		zw.Write(body)
		zw.Close()
		body = gz.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// agendaCursor names the place of an action in the agenda's order: its id
// and due time (in microseconds, as stored).
func agendaCursor(a method.Action) string {
	return a.ID + "." + strconv.FormatInt(a.Due.UnixMicro(), 10)
}

func parseAgendaCursor(s string) (*method.Action, error) {
	if s == "" {
		return nil, nil
	}
	bad := model.Invalid("after", "%q is not a place in the agenda; follow the Link header of the previous page", s)
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return nil, bad
	}
	kind, _, _, err := method.ParseActionID(s[:i])
	if err != nil {
		return nil, bad
	}
	micros, err := strconv.ParseInt(s[i+1:], 10, 64)
	if err != nil {
		return nil, bad
	}
	return &method.Action{ID: s[:i], Kind: kind, Due: time.UnixMicro(micros).UTC()}, nil
}
