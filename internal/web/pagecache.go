package web

import (
	"bytes"
	"context"
	"hash/fnv"
	"net/http"
	"strconv"
	"sync"
)

// Lists read far more often than anything changes (the people list) are
// kept drawn and compressed like the agenda page: by owner, the version
// of their records, time zone and minute, and the address asked for. The
// version is read from the database on every request, so a write made
// through another server is seen at once.

// listKey names one drawn list.
type listKey struct {
	agendaKey
	uri     string
	partial bool // htmx asked for the results alone
}

// listPagesKept bounds the lists kept for one owner.
const listPagesKept = 32

type listCache struct {
	mu      sync.Mutex
	entries map[int64]listEntry // by owner
	flight  flight[listKey]
}

type listEntry struct {
	key   agendaKey
	pages map[listKey]*cachedPage
}

func (c *listCache) get(k listKey) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[k.owner]; ok && e.key == k.agendaKey {
		return e.pages[k]
	}
	return nil
}

func (c *listCache) put(k listKey, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[int64]listEntry{}
	}
	e, ok := c.entries[k.owner]
	if !ok || e.key != k.agendaKey || len(e.pages) >= listPagesKept {
		if ok && e.key.version > k.version {
			return // drawn from older records than those kept
		}
		e = listEntry{key: k.agendaKey, pages: map[listKey]*cachedPage{}}
	}
	e.pages[k] = p
	c.entries[k.owner] = e
}

// keptList serves a GET of a list from what is kept, or draws it with
// draw (once for concurrent requests, to the end even when the client
// that asked goes away) and keeps it when it drew a page (200).
func (s *server) keptList(w http.ResponseWriter, r *http.Request, draw http.HandlerFunc) {
	if r.Method != http.MethodGet || hasFlash(r) {
		draw(w, r)
		return
	}
	sc := s.scope(r)
	version, settings, err := sc.AgendaVersion(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	key := listKey{agendaKey: agendaKey{owner: sc.Owner(), version: version, zone: settings.TimeZone, minute: s.now().Unix() / 60},
		uri: r.URL.RequestURI(), partial: isPartial(r)}
	c := &s.ui.agenda.lists
	if p := c.get(key); p != nil {
		p.serve(w, r)
		return
	}
	res, err := c.flight.do(r.Context(), key, func(ctx context.Context) (any, error) {
		rec := &capture{header: http.Header{}, status: http.StatusOK}
		draw(rec, r.WithContext(ctx))
		if rec.status != http.StatusOK {
			return rec, nil
		}
		p := newCachedPage(rec.body.Bytes(), rec.header)
		c.put(key, p)
		return p, nil
	})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	switch res := res.(type) {
	case *cachedPage:
		res.serve(w, r)
	case *capture:
		res.replay(w)
	}
}

// newCachedPage keeps a drawn page with its compressed bytes and the
// headers its handler set beyond the page's own.
func newCachedPage(body []byte, header http.Header) *cachedPage {
	h := fnv.New64a()
	h.Write(body)
	extra := header.Clone()
	for _, k := range []string{"Content-Type", "Content-Length", "Cache-Control"} {
		extra.Del(k)
	}
	return &cachedPage{body: body, gz: gzipBytes(body), etag: `"l` + strconv.FormatUint(h.Sum64(), 36) + `"`, header: extra}
}

// capture records what a handler writes, to keep it.
type capture struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (c *capture) Header() http.Header { return c.header }

func (c *capture) WriteHeader(status int) {
	if !c.wrote {
		c.status, c.wrote = status, true
	}
}

func (c *capture) Write(b []byte) (int, error) {
	c.wrote = true
	return c.body.Write(b)
}

// replay sends what was captured as it was written.
func (c *capture) replay(w http.ResponseWriter) {
	for k, v := range c.header {
		w.Header()[k] = v
	}
	w.WriteHeader(c.status)
	w.Write(c.body.Bytes())
}
