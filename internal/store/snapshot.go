package store

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"sync"
	"sync/atomic"

	"github.com/ally-dev/ally/internal/method"
)

// A read-only request of a center reads its user's write counter and
// settings with the session (SessionByHash), then asks for them again for
// the page: whether a kept page is still good (AgendaVersion), the time
// zone (Settings). WithSnapshot hands what the session's statement read to
// the rest of the request, so that these answer without a statement. It is
// what the database held when the request began, as if the request had
// asked then; a write transaction of the request's own (InTx) puts it
// aside, so that the request reads its own writes.

type snapshotKey struct{}

// snapshot is one owner's counter and settings as a request began.
type snapshot struct {
	owner   int64
	version int64
	raw     string
	stale   atomic.Bool
	once    sync.Once
	parsed  method.Settings
	err     error
}

// WithSnapshot returns ctx carrying owner's write counter and stored
// settings (JSON) as just read, for AgendaVersion and Settings to answer
// from while nothing in the request writes.
func WithSnapshot(ctx context.Context, owner, version int64, settings string) context.Context {
	return context.WithValue(ctx, snapshotKey{}, &snapshot{owner: owner, version: version, raw: settings})
}

// Fresh returns ctx without a snapshot: what is read with it is read from
// the database (a computation that runs later than the request's start and
// must see the records as they are then).
func Fresh(ctx context.Context) context.Context {
	if ctx.Value(snapshotKey{}) == nil {
		return ctx
	}
	return context.WithValue(ctx, snapshotKey{}, (*snapshot)(nil))
}

// snapshotOf is ctx's snapshot of owner, nil when there is none (or it was
// put aside by a write).
func snapshotOf(ctx context.Context, owner int64) *snapshot {
	s, _ := ctx.Value(snapshotKey{}).(*snapshot)
	if s == nil || s.owner != owner || s.stale.Load() {
		return nil
	}
	return s
}

// dropSnapshot puts ctx's snapshot aside: the request wrote.
func dropSnapshot(ctx context.Context) {
	if s, _ := ctx.Value(snapshotKey{}).(*snapshot); s != nil {
		s.stale.Store(true)
	}
}

// settings are the snapshot's settings over the method's defaults, read
// once for the request; each caller gets its own copy.
func (s *snapshot) settings() (method.Settings, error) {
	s.once.Do(func() {
		s.parsed = method.DefaultSettings()
		if err := json.Unmarshal([]byte(s.raw), &s.parsed); err != nil {
			s.err = fmt.Errorf("read settings: %w", err)
		}
	})
	out := s.parsed
	out.KeepInTouchByTag = maps.Clone(s.parsed.KeepInTouchByTag)
	return out, s.err
}
