package web

import (
	"bytes"
	"context"
	"hash/fnv"
	"net/http"
	"strconv"
	"sync"
)

// Pages read far more often than anything changes (the people list, a
// person's page) are kept drawn and compressed like the agenda page: by
// owner, the version of their records, time zone and minute, and the
// address asked for, and the links of the header (they follow the user's
// roles). The version is read from the database on every
// request, so a write made through another server is seen at once.

// listKey names one drawn list.
type listKey struct {
	agendaKey
	uri     string
	partial bool // htmx asked for the results alone
}

// pageKey is the key of a page kept per owner: it names the version of
// the owner's records (and the zone and minute) it was drawn from.
type pageKey interface {
	comparable
	base() agendaKey
}

func (k agendaKey) base() agendaKey { return k }

// pagesKept bounds the pages kept for one owner.
const pagesKept = 32

// ownerPages keeps, per owner, up to pagesKept pages drawn from one version
// of their records: a page of a newer version replaces them all, one of an
// older version than those kept is not kept. Concurrent draws of one page
// share one computation (flight). The kept lists and the API's agenda
// pages are two of these.
type ownerPages[K pageKey, V any] struct {
	mu      sync.Mutex
	entries map[int64]ownerEntry[K, V] // by owner
	flight  flight[K]
}

type ownerEntry[K pageKey, V any] struct {
	key   agendaKey
	pages map[K]V
}

func (c *ownerPages[K, V]) get(k K) (v V, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, found := c.entries[k.base().owner]; found && e.key == k.base() {
		v, ok = e.pages[k]
	}
	return v, ok
}

func (c *ownerPages[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[int64]ownerEntry[K, V]{}
	}
	b := k.base()
	e, ok := c.entries[b.owner]
	if !ok || e.key != b || len(e.pages) >= pagesKept {
		if ok && e.key.version > b.version {
			return // drawn from older records than those kept
		}
		e = ownerEntry[K, V]{key: b, pages: map[K]V{}}
	}
	e.pages[k] = v
	c.entries[b.owner] = e
}

// kept is how many pages are kept for one owner.
func (c *ownerPages[K, V]) kept(owner int64) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries[owner].pages)
}

// forget drops every kept page.
func (c *ownerPages[K, V]) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = nil
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
	var nav page
	s.fillNav(r, &nav)
	key := listKey{agendaKey: agendaKey{owner: sc.Owner(), version: version, zone: settings.TimeZone, minute: s.now().Unix() / 60, nav: nav.navStamp()},
		uri: r.URL.RequestURI(), partial: isPartial(r)}
	c := &s.ui.agenda.lists
	if p, ok := c.get(key); ok {
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
