package auth

import (
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// A Rule limits failures: at most Limit in a window of Window that opens
// with the first failure. Past the limit, attempts are refused until the
// window closes. The window is [since, since+Window).
type Rule struct {
	Limit  int
	Window time.Duration
}

// PerAccount is strict: ten wrong passwords for one email in 15 minutes,
// then a wait. It is keyed by the email typed, known or not, so the answer
// does not tell which emails have accounts.
func PerAccount() Rule { return Rule{Limit: 10, Window: 15 * time.Minute} }

// PerAddress is loose: a campus NAT or a proxy puts many people behind one
// address, so only a flood from one address is slowed.
func PerAddress() Rule { return Rule{Limit: 300, Window: 15 * time.Minute} }

// A Count is how many failures a key has had since its window opened.
type Count = model.FailureCount

// Current is c as seen at now: a window that has closed counts nothing.
func (r Rule) Current(c Count, now time.Time) Count {
	if c.N == 0 || !now.Before(c.Since.Add(r.Window)) {
		return Count{}
	}
	return c
}

// Wait returns how long an attempt must wait when c, counting that
// attempt, is the key's count; zero when it may go ahead.
func (r Rule) Wait(c Count, now time.Time) time.Duration {
	c = r.Current(c, now)
	if c.N <= r.Limit {
		return 0
	}
	return c.Since.Add(r.Window).Sub(now)
}

// LimitedError refuses an attempt and says how long to wait.
type LimitedError struct {
	Wait time.Duration
	What string // what there was too much of; "" means failed sign-ins
}

func (e *LimitedError) Error() string {
	what := e.What
	if what == "" {
		what = "Too many failed sign-ins"
	}
	return what + ". Try again in " + humanWait(e.Wait) + "."
}

// humanWait rounds up, so that trying again when told never fails.
func humanWait(d time.Duration) string {
	if d <= time.Minute {
		s := int((d + time.Second - 1) / time.Second)
		if s <= 1 {
			return "1 second"
		}
		return fmt.Sprintf("%d seconds", s)
	}
	m := int((d + time.Minute - 1) / time.Minute)
	return fmt.Sprintf("%d minutes", m)
}
