package auth

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

func TestRuleWait(t *testing.T) {
	r := Rule{Limit: 10, Window: 15 * time.Minute}
	for _, tc := range []struct {
		name string
		c    Count
		at   time.Duration // after t0
		want time.Duration
	}{
		{"none", Count{}, 0, 0},
		{"under the limit", Count{N: 9, Since: t0}, time.Minute, 0},
		{"the tenth attempt", Count{N: 10, Since: t0}, time.Minute, 0},
		{"the eleventh attempt", Count{N: 11, Since: t0}, time.Minute, 14 * time.Minute},
		{"over the limit", Count{N: 40, Since: t0}, 14*time.Minute + 30*time.Second, 30 * time.Second},
		{"window closed", Count{N: 40, Since: t0}, 15 * time.Minute, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.Wait(tc.c, t0.Add(tc.at)); got != tc.want {
				t.Fatalf("Wait = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLimitedErrorRoundsTheWaitUp(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{500 * time.Millisecond, "1 second"},
		{30*time.Second + time.Millisecond, "31 seconds"},
		{time.Minute, "60 seconds"},
		{time.Minute + time.Second, "2 minutes"},
		{15 * time.Minute, "15 minutes"},
	} {
		if got := (&LimitedError{Wait: tc.d}).Error(); !strings.Contains(got, "in "+tc.want+".") {
			t.Errorf("%v: %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestSessionPolicy(t *testing.T) {
	p := DefaultSessionPolicy()
	for _, tc := range []struct {
		name              string
		created, lastSeen time.Duration // after t0
		now               time.Duration
		valid             bool
	}{
		{"fresh", 0, 0, time.Minute, true},
		{"idle just under 12 hours", 0, 0, 12*time.Hour - time.Second, true},
		{"idle 12 hours", 0, 0, 12 * time.Hour, false},
		{"used daily for 29 days", 0, 29 * 24 * time.Hour, 29*24*time.Hour + time.Hour, true},
		{"used daily for 30 days", 0, 30*24*time.Hour - time.Hour, 30 * 24 * time.Hour, false},
		{"from the future", time.Hour, time.Hour, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := model.Session{CreatedAt: t0.Add(tc.created), LastSeenAt: t0.Add(tc.lastSeen)}
			if got := p.Valid(s, t0.Add(tc.now)); got != tc.valid {
				t.Fatalf("Valid = %v, want %v", got, tc.valid)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tok, hash, err := NewToken(bytes.NewReader(make([]byte, 32)), APITokenPrefix)
	if err != nil {
		t.Fatal(err)
	}
	if tok != "allyt_"+strings.Repeat("A", 43) {
		t.Fatalf("token %q", tok)
	}
	if hash != HashToken(tok) || len(hash) != 64 {
		t.Fatalf("hash %q", hash)
	}
	// SHA-256 of "abc", so the stored form is a known, portable one.
	if got := HashToken("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("HashToken(abc) = %s", got)
	}
	a, _, _ := NewToken(nil, SessionPrefix)
	b, _, _ := NewToken(nil, SessionPrefix)
	if a == b {
		t.Fatal("two random tokens are equal")
	}
	for s, want := range map[string]bool{
		a:                                  true,
		tok:                                false, // an API token is not a session token
		"allys_":                           false,
		a + "x":                            false,
		"allys_" + strings.Repeat("!", 43): false,
	} {
		if got := WellFormed(s, SessionPrefix); got != want {
			t.Errorf("WellFormed(%q) = %v, want %v", s, got, want)
		}
	}
}

// memSessions is a SessionStore in memory.
type memSessions map[string]model.Session

func (m memSessions) CreateSession(_ context.Context, s model.Session) error {
	m[s.TokenHash] = s
	return nil
}
func (m memSessions) SessionByHash(_ context.Context, h string) (model.Session, bool, error) {
	s, ok := m[h]
	return s, ok, nil
}
func (m memSessions) TouchSession(_ context.Context, h string, now time.Time) error {
	s := m[h]
	s.LastSeenAt = now
	m[h] = s
	return nil
}
func (m memSessions) DeleteSession(_ context.Context, h string) error {
	delete(m, h)
	return nil
}

func TestSessionsStartResolveEnd(t *testing.T) {
	ctx := context.Background()
	store := memSessions{}
	c := &clock{t0}
	s := &Sessions{Store: store, Policy: DefaultSessionPolicy(), Clock: c}
	tok, err := s.Start(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if _, kept := store[tok]; kept {
		t.Fatal("the token itself was stored, not its hash")
	}
	// Used every 11 hours, the session outlives the idle timeout...
	for i := 1; i <= 3; i++ {
		c.t = t0.Add(time.Duration(i*11) * time.Hour)
		if id, ok, err := s.Resolve(ctx, tok); !ok || id != 7 || err != nil {
			t.Fatalf("after %d h: %v %v %v", i*11, id, ok, err)
		}
	}
	// ...and ends 12 idle hours later, and is deleted.
	c.t = c.t.Add(12 * time.Hour)
	if _, ok, err := s.Resolve(ctx, tok); ok || err != nil {
		t.Fatalf("idle session resolved: %v %v", ok, err)
	}
	if len(store) != 0 {
		t.Fatal("the expired session was not deleted")
	}
	tok2, _ := s.Start(ctx, 7)
	if err := s.End(ctx, tok2); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Resolve(ctx, tok2); ok {
		t.Fatal("a session signed out still resolves")
	}
	if _, ok, err := s.Resolve(ctx, "garbage"); ok || err != nil {
		t.Fatal("garbage resolved")
	}
}
