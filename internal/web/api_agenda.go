package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
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
	ctx := r.Context()
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
	afterRaw := r.URL.Query().Get("after")
	after, err := parseAgendaCursor(afterRaw)
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	version, settings, err := sc.AgendaVersion(ctx)
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	// Pages are kept like the home page, until a write or the minute
	// turns; a page read at a given time (the Link header's) is kept for
	// that time.
	key := apiAgendaKey{agendaKey: agendaKey{owner: sc.Owner(), version: version, zone: settings.TimeZone, minute: at.Unix() / 60},
		limit: limit, after: afterRaw}
	if r.URL.Query().Get("at") != "" {
		key.minute, key.at = 0, at.UnixMicro()
	}
	p, ok := s.ui.agenda.api.get(key)
	if !ok {
		// Concurrent requests share one reading, which finishes (and is
		// kept) even when the client that started it goes away.
		res, err := s.ui.agenda.api.flight.do(ctx, key, func(ctx context.Context) (any, error) {
			p, err := s.apiAgendaPage(ctx, sc, r.URL.Path, at, settings.Location(), after, limit)
			if err == nil {
				s.ui.agenda.api.put(key, p)
			}
			return p, err
		})
		if err != nil {
			s.writeAPIError(w, r, err)
			return
		}
		p = res.(*apiPage)
	}
	p.serve(w, r)
}

// apiAgendaKey names one page of the API's agenda as kept.
type apiAgendaKey struct {
	agendaKey
	at    int64 // the time asked for, in microseconds; 0: now, to the minute
	limit int
	after string
}

// apiPage is one page of the API's agenda, encoded.
type apiPage struct {
	body, gz []byte
	link     string
}

// apiAgendaPage reads and encodes a page of the agenda, in the owner's
// time zone loc.
func (s *server) apiAgendaPage(ctx context.Context, sc *store.Scope, path string, at time.Time, loc *time.Location, after *method.Action, limit int) (*apiPage, error) {
	actions, err := sc.AgendaPage(ctx, at, loc, after, limit+1)
	if err != nil {
		return nil, err
	}
	p := &apiPage{}
	if len(actions) > limit {
		actions = actions[:limit]
		q := url.Values{}
		q.Set("at", at.UTC().Format(time.RFC3339Nano))
		q.Set("limit", strconv.Itoa(limit))
		q.Set("after", agendaCursor(actions[len(actions)-1]))
		p.link = "<" + path + "?" + q.Encode() + `>; rel="next"`
	}
	if p.body, err = json.Marshal(actions); err != nil {
		return nil, err
	}
	p.body = append(p.body, '\n')
	p.gz = gzipBytes(p.body)
	return p, nil
}

func (p *apiPage) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	if p.link != "" {
		h.Set("Link", p.link)
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Vary", "Accept-Encoding")
	body := p.body
	if acceptsGzip(r) {
		body = p.gz
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
