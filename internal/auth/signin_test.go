package auth

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

var t0 = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

type signinFixture struct {
	auth     *Authenticator
	verifier *recordingVerifier
	counters *memCounters
	audit    *memAudit
	clock    *clock
	hash     string
}

func newSigninFixture(t *testing.T) *signinFixture {
	t.Helper()
	h := cheap()
	hash, err := h.Hash("violet tractor harbour")
	if err != nil {
		t.Fatal(err)
	}
	accounts := memAccounts{
		"maria@westlake.edu": {ID: 1, Email: "Maria@westlake.edu", Name: "Maria", Roles: []model.Role{model.RoleStudent}, Status: model.StatusActive, PasswordHash: hash},
		"gone@westlake.edu":  {ID: 2, Email: "gone@westlake.edu", Name: "Gone", Roles: []model.Role{model.RoleStudent}, Status: model.StatusDisabled, PasswordHash: hash},
		"nopw@westlake.edu":  {ID: 3, Email: "nopw@westlake.edu", Name: "No Password", Roles: []model.Role{model.RoleStudent}, Status: model.StatusActive},
	}
	audit := &memAudit{}
	f := &signinFixture{verifier: &recordingVerifier{inner: h}, counters: newMemCounters(audit), audit: audit, clock: &clock{t0}, hash: hash}
	a, err := NewAuthenticator(accounts, h, f.counters, f.audit, f.clock)
	if err != nil {
		t.Fatal(err)
	}
	a.Verifier = f.verifier
	f.auth = a
	return f
}

func (f *signinFixture) try(email, password, addr string) (model.Account, error) {
	return f.auth.SignIn(context.Background(), Attempt{Email: email, Password: password, Address: addr})
}

func TestSignInSucceedsWithTheRightPassword(t *testing.T) {
	f := newSigninFixture(t)
	a, err := f.try("  MARIA@Westlake.edu ", "violet tractor harbour", "10.0.0.1")
	if err != nil || a.ID != 1 {
		t.Fatalf("SignIn = %+v, %v; want account 1", a, err)
	}
	if got := f.audit.actions(); !slices.Equal(got, []string{"signin"}) {
		t.Fatalf("audited %v, want [signin]", got)
	}
}

// SignInSession opens the session in the same call that records the
// sign-in (one transaction in the store), ending the browser's previous
// session; a refused attempt opens none.
func TestSignInSessionOpensTheSessionWithTheSignIn(t *testing.T) {
	f := newSigninFixture(t)
	sessions := &Sessions{Store: memSessions{}, Policy: DefaultSessionPolicy(), Clock: f.clock}
	ctx := context.Background()
	previous, _, err := NewToken(nil, SessionPrefix)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.auth.SignInSession(ctx, Attempt{Email: "maria@westlake.edu", Password: "wrong", Address: "10.0.0.1"}, sessions, previous); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("wrong password: %v", err)
	}
	if len(f.counters.opened) != 0 {
		t.Fatalf("a refused sign-in opened %+v", f.counters.opened)
	}
	a, token, err := f.auth.SignInSession(ctx, Attempt{Email: "maria@westlake.edu", Password: "violet tractor harbour", Address: "10.0.0.1"}, sessions, previous)
	if err != nil || a.ID != 1 || !WellFormed(token, SessionPrefix) || token == previous {
		t.Fatalf("SignInSession = %+v, %q, %v", a, token, err)
	}
	want := model.SessionOpening{Session: model.Session{TokenHash: HashToken(token), UserID: 1, CreatedAt: t0, LastSeenAt: t0}, EndHash: HashToken(previous)}
	if len(f.counters.opened) != 1 || f.counters.opened[0] != want {
		t.Fatalf("opened %+v, want %+v", f.counters.opened, want)
	}
	// A cookie that is not a session token ends nothing.
	if _, _, err := f.auth.SignInSession(ctx, Attempt{Email: "maria@westlake.edu", Password: "violet tractor harbour", Address: "10.0.0.1"}, sessions, "junk"); err != nil {
		t.Fatal(err)
	}
	if got := f.counters.opened[1].EndHash; got != "" {
		t.Fatalf("a malformed previous token asked to end %q", got)
	}
}

// The work done for an unknown email is the same as for a wrong password:
// exactly one verification, against the dummy hash.
func TestSignInVerifiesTheDummyHashForAnUnknownEmail(t *testing.T) {
	for _, tc := range []struct {
		name, email string
		wantHash    func(f *signinFixture) string
	}{
		{"unknown email", "nobody@westlake.edu", func(f *signinFixture) string { return f.auth.DummyHash }},
		{"account without password", "nopw@westlake.edu", func(f *signinFixture) string { return f.auth.DummyHash }},
		{"wrong password", "maria@westlake.edu", func(f *signinFixture) string { return f.hash }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newSigninFixture(t)
			_, err := f.try(tc.email, "not the password at all", "10.0.0.1")
			if !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("err = %v, want ErrBadCredentials", err)
			}
			if want := tc.wantHash(f); len(f.verifier.calls) != 1 || f.verifier.calls[0] != want {
				t.Fatalf("verifier calls %q, want exactly one with %q", f.verifier.calls, want)
			}
			if got := f.audit.actions(); !slices.Equal(got, []string{"signin.failed"}) {
				t.Fatalf("audited %v", got)
			}
		})
	}
	f := newSigninFixture(t)
	if f.auth.DummyHash == "" || f.auth.DummyHash == f.hash {
		t.Fatal("the dummy hash must be a real hash of its own")
	}
	if f.verifier.inner.NeedsRehash(f.auth.DummyHash) {
		t.Fatal("the dummy hash must use the same parameters as real hashes, or the work differs")
	}
}

func TestSignInRefusesADisabledAccountOnlyAfterItsPasswordMatched(t *testing.T) {
	f := newSigninFixture(t)
	if _, err := f.try("gone@westlake.edu", "wrong wrong wrong", "10.0.0.1"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("wrong password of a disabled account: %v, want ErrBadCredentials", err)
	}
	if _, err := f.try("gone@westlake.edu", "violet tractor harbour", "10.0.0.1"); !errors.Is(err, ErrDisabled) {
		t.Fatalf("right password of a disabled account: %v, want ErrDisabled", err)
	}
}

func TestSignInLimitsFailuresPerAccount(t *testing.T) {
	f := newSigninFixture(t)
	for i := range 10 {
		f.clock.t = t0.Add(time.Duration(i) * time.Minute)
		if _, err := f.try("maria@westlake.edu", "guess", "10.0.0."+string(rune('1'+i%5))); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	calls := len(f.verifier.calls)
	f.clock.t = t0.Add(11 * time.Minute)
	_, err := f.try("maria@westlake.edu", "violet tractor harbour", "10.9.9.9")
	var le *LimitedError
	if !errors.As(err, &le) || le.Wait != 4*time.Minute {
		t.Fatalf("11th attempt: %v, want a 4-minute wait", err)
	}
	if le.Error() != "Too many failed sign-ins. Try again in 4 minutes." {
		t.Fatalf("message %q", le.Error())
	}
	if len(f.verifier.calls) != calls {
		t.Fatal("a limited attempt must not cost a password check")
	}
	// Another account is not affected.
	if _, err := f.try("gone@westlake.edu", "x", "10.9.9.9"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("other account: %v", err)
	}
	// When the window closes the right password works, and clears the count.
	f.clock.t = t0.Add(15 * time.Minute)
	if _, err := f.try("maria@westlake.edu", "violet tractor harbour", "10.9.9.9"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	if n := f.counters.failures("account:maria@westlake.edu"); n != 0 {
		t.Fatalf("a successful sign-in left %d failures counted", n)
	}
	if !slices.Contains(f.audit.actions(), "signin.limited") {
		t.Fatal("the refused attempt was not audited")
	}
}

func TestSignInLimitsFailuresPerAddressLoosely(t *testing.T) {
	f := newSigninFixture(t)
	f.auth.PerAddress = Rule{Limit: 3, Window: time.Hour}
	for i := range 3 {
		f.try("user"+string(rune('a'+i))+"@westlake.edu", "guess", "192.0.2.7")
	}
	var le *LimitedError
	if _, err := f.try("maria@westlake.edu", "violet tractor harbour", "192.0.2.7"); !errors.As(err, &le) {
		t.Fatalf("from a flooding address: %v, want a wait", err)
	}
	if _, err := f.try("maria@westlake.edu", "violet tractor harbour", "192.0.2.8"); err != nil {
		t.Fatalf("from another address: %v", err)
	}
	// Successful sign-ins do not count against the address.
	f.auth.PerAddress = Rule{Limit: 2, Window: time.Hour}
	for i := range 4 {
		if _, err := f.try("maria@westlake.edu", "violet tractor harbour", "192.0.2.9"); err != nil {
			t.Fatalf("success %d from one address: %v", i+1, err)
		}
	}
	if d := PerAddress(); d.Limit <= 10*PerAccount().Limit {
		t.Fatalf("the address rule (%d) should be far looser than the account rule", d.Limit)
	}
}

// 32 wrong passwords at once get exactly the rule's 10 password checks:
// the count is taken before the check, atomically.
func TestSignInLimitHoldsUnderConcurrency(t *testing.T) {
	f := newSigninFixture(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	limited := 0
	for range 32 {
		wg.Go(func() {
			_, err := f.try("maria@westlake.edu", "guess", "10.0.0.1")
			var le *LimitedError
			if errors.As(err, &le) {
				mu.Lock()
				limited++
				mu.Unlock()
			} else if !errors.Is(err, ErrBadCredentials) {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(f.verifier.calls) != 10 || limited != 22 {
		t.Fatalf("%d password checks and %d refusals, want 10 and 22", len(f.verifier.calls), limited)
	}
}
