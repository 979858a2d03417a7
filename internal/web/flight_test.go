package web

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// Concurrent callers with one key share one computation; it finishes for
// the others when the caller that started it gives up, and a panic in it
// is an error, not a crash.
func TestFlightSharesOneComputationThatOutlivesItsCaller(t *testing.T) {
	var f flight[int]
	var runs atomic.Int32
	release := make(chan struct{})
	started := make(chan struct{})
	compute := func(ctx context.Context) (any, error) {
		if runs.Add(1) == 1 {
			close(started)
		}
		<-release
		return "page", ctx.Err()
	}

	first, cancel := context.WithCancel(context.Background())
	firstErr := make(chan error, 1)
	go func() {
		_, err := f.do(first, 1, compute)
		firstErr <- err
	}()
	<-started
	var wg sync.WaitGroup
	results := make([]any, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := f.do(context.Background(), 1, compute)
			if err != nil {
				t.Errorf("caller %d: %v", i, err)
			}
			results[i] = v
		}()
	}
	for f.callers(1) < 1+len(results) {
		runtime.Gosched() // until every caller waits on the one computation
	}
	// The first caller goes away: the others still get the page.
	cancel()
	if err := <-firstErr; !errors.Is(err, context.Canceled) {
		t.Errorf("the caller that gave up got %v, want context.Canceled", err)
	}
	close(release)
	wg.Wait()
	for i, v := range results {
		if v != "page" {
			t.Errorf("caller %d got %v", i, v)
		}
	}
	if n := runs.Load(); n != 1 {
		t.Errorf("computed %d times, want once", n)
	}

	_, err := f.do(context.Background(), 2, func(context.Context) (any, error) { panic("boom") })
	if err == nil {
		t.Error("a panicking computation gave no error")
	}
}
