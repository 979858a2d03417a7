package web

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// flightTimeout bounds a shared computation that nobody waits for any more.
const flightTimeout = time.Minute

// flight shares one computation among the concurrent callers that ask for
// the same key, so that a burst of requests after a write costs one
// computation, not one each. The computation runs detached from the
// request that started it: a client that gives up leaves it to finish for
// the others (and for the cache), and each caller stops waiting when its
// own request ends.
type flight[K comparable] struct {
	mu    sync.Mutex
	calls map[K]*flightCall
}

type flightCall struct {
	done    chan struct{}
	val     any
	err     error
	callers int // how many asked for it (under flight.mu)
}

func (f *flight[K]) do(ctx context.Context, key K, fn func(context.Context) (any, error)) (any, error) {
	f.mu.Lock()
	if f.calls == nil {
		f.calls = map[K]*flightCall{}
	}
	c, ok := f.calls[key]
	if !ok {
		c = &flightCall{done: make(chan struct{})}
		f.calls[key] = c
		go f.run(context.WithoutCancel(ctx), key, c, fn)
	}
	c.callers++
	f.mu.Unlock()
	select {
	case <-c.done:
		return c.val, c.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (f *flight[K]) run(ctx context.Context, key K, c *flightCall, fn func(context.Context) (any, error)) {
	ctx, cancel := context.WithTimeout(ctx, flightTimeout)
	defer func() {
		if p := recover(); p != nil {
			c.val, c.err = nil, fmt.Errorf("shared computation panicked: %v", p)
		}
		cancel()
		f.mu.Lock()
		delete(f.calls, key)
		f.mu.Unlock()
		close(c.done)
	}()
	c.val, c.err = fn(ctx)
}

// callers says how many callers asked for the computation of key under
// way, 0 when none is.
func (f *flight[K]) callers(key K) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c := f.calls[key]; c != nil {
		return c.callers
	}
	return 0
}
