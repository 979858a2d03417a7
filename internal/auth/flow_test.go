package auth

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// memFlows is FlowStore in memory.
type memFlows struct {
	mu sync.Mutex
	m  map[string]model.SignInFlow
}

func (s *memFlows) CreateSignInFlow(_ context.Context, f model.SignInFlow, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[f.Kind+f.KeyHash] = f
	return nil
}

func (s *memFlows) ConsumeSignInFlow(_ context.Context, kind, keyHash string) (model.SignInFlow, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.m[kind+keyHash]
	delete(s.m, kind+keyHash)
	return f, ok, nil
}

func TestAFlowIsFinishedOnceByItsBrowserWithinTenMinutes(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c := &clock{t: start}
	store := &memFlows{m: map[string]model.SignInFlow{}}
	flows := &Flows{Store: store, Clock: c}
	b, err := flows.BeginOIDC(ctx, "browser-1", "/people")
	if err != nil {
		t.Fatal(err)
	}
	if b.Key == "" || b.Nonce == "" || b.Verifier == "" || b.Key == b.Nonce || b.Nonce == b.Verifier {
		t.Fatalf("begun %+v: want three different random values", b)
	}
	for kh, f := range store.m {
		if f.KeyHash == b.Key || f.Nonce != b.Nonce || f.BrowserHash == "browser-1" || f.Next != "/people" || !f.ExpiresAt.Equal(start.Add(FlowLifetime)) {
			t.Errorf("kept %s as %+v: want the state and the browser hashed, the nonce and next kept, ten minutes", kh, f)
		}
	}
	c.t = start.Add(FlowLifetime - time.Second)
	f, _, err := flows.Finish(ctx, model.FlowOIDC, b.Key, "browser-1")
	if err != nil || f.Verifier != b.Verifier {
		t.Fatalf("finish: %+v, %v", f, err)
	}
	if _, why, err := flows.Finish(ctx, model.FlowOIDC, b.Key, "browser-1"); !errors.Is(err, ErrFlowUnknown) || why != "unknown or already used state" {
		t.Errorf("finished twice: %q, %v", why, err)
	}

	other, _ := flows.BeginOIDC(ctx, "browser-1", "/")
	if _, why, err := flows.Finish(ctx, model.FlowOIDC, other.Key, "browser-2"); !errors.Is(err, ErrFlowUnknown) || why != "state begun in another browser" {
		t.Errorf("finished in another browser: %q, %v", why, err)
	}
	if _, _, err := flows.Finish(ctx, model.FlowOIDC, other.Key, "browser-1"); !errors.Is(err, ErrFlowUnknown) {
		t.Errorf("a flow refused once was still there: %v", err)
	}

	late, _ := flows.BeginOIDC(ctx, "browser-1", "/")
	c.t = c.t.Add(FlowLifetime)
	if _, why, err := flows.Finish(ctx, model.FlowOIDC, late.Key, "browser-1"); !errors.Is(err, ErrFlowUnknown) || why != "expired state" {
		t.Errorf("finished after ten minutes: %q, %v", why, err)
	}
	if _, why, err := flows.Finish(ctx, model.FlowOIDC, "", "browser-1"); !errors.Is(err, ErrFlowUnknown) || why != "no state" {
		t.Errorf("no state: %q, %v", why, err)
	}
}
