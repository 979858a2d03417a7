package auth

import (
	"context"
	"sync"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// memAccounts finds accounts in a map keyed by email.
type memAccounts map[string]model.Account

func (m memAccounts) AccountByEmail(_ context.Context, email string) (model.Account, bool, error) {
	a, ok := m[email]
	return a, ok, nil
}

// recordingVerifier records every hash it is asked to check.
type recordingVerifier struct {
	inner *Hasher
	calls []string
}

func (v *recordingVerifier) Verify(encoded, password string) (bool, error) {
	v.calls = append(v.calls, encoded)
	return v.inner.Verify(encoded, password)
}

// memCounters is Counters in memory, with the store's window rule.
type memCounters struct {
	mu sync.Mutex
	m  map[string]Count
}

func newMemCounters() *memCounters { return &memCounters{m: map[string]Count{}} }

func (c *memCounters) Failures(_ context.Context, key string) (int, time.Time, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.m[key]
	return v.N, v.Since, nil
}

func (c *memCounters) AddFailure(_ context.Context, key string, windowStart, now time.Time) (int, time.Time, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.m[key]
	if v.N == 0 || v.Since.Before(windowStart) {
		v = Count{Since: now}
	}
	v.N++
	c.m[key] = v
	return v.N, v.Since, nil
}

func (c *memCounters) ResetFailures(_ context.Context, key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, key)
	return nil
}

type memAudit struct{ entries []model.AuditEntry }

func (a *memAudit) Audit(_ context.Context, e model.AuditEntry) error {
	a.entries = append(a.entries, e)
	return nil
}

func (a *memAudit) actions() []string {
	var out []string
	for _, e := range a.entries {
		out = append(out, e.Action)
	}
	return out
}

// clock is a settable method.Clock.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }
