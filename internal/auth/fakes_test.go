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
	mu    sync.Mutex
	calls []string
}

func (v *recordingVerifier) Verify(encoded, password string) (bool, error) {
	v.mu.Lock()
	v.calls = append(v.calls, encoded)
	v.mu.Unlock()
	return v.inner.Verify(encoded, password)
}

// memCounters is Counters in memory, with the store's window rule.
type memCounters struct {
	mu     sync.Mutex
	m      map[string]Count
	audit  *memAudit // where RecordSignIn audits, like the store's one transaction
	opened []model.SessionOpening
}

func newMemCounters(audit *memAudit) *memCounters {
	return &memCounters{m: map[string]Count{}, audit: audit}
}

func (c *memCounters) failures(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key].N
}

func (c *memCounters) CountAttempt(_ context.Context, hits []model.FailureHit, now time.Time) ([]Count, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []Count
	for _, h := range hits {
		v := c.m[h.Key]
		if v.N == 0 || !v.Since.After(h.WindowStart) {
			v = Count{Since: now}
		}
		v.N++
		c.m[h.Key] = v
		out = append(out, v)
	}
	return out, nil
}

func (c *memCounters) RecordSignIn(_ context.Context, resetKey, forgiveKey string, e model.AuditEntry, open *model.SessionOpening) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, resetKey)
	if v := c.m[forgiveKey]; v.N > 0 {
		v.N--
		c.m[forgiveKey] = v
	}
	if open != nil {
		c.opened = append(c.opened, *open)
	}
	return c.audit.Audit(context.Background(), e)
}

type memAudit struct {
	mu      sync.Mutex
	entries []model.AuditEntry
}

func (a *memAudit) Audit(_ context.Context, e model.AuditEntry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
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
