// Package method is the informational-interview method as pure code: the
// conversation lifecycle, the next-action rules and their timings, business
// days and the reading of times people type. It does no I/O; the current
// time always comes from a Clock so that every rule is tested on fixed dates.
package method

import "time"

// A Clock tells the current time.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// FixedClock always returns the same instant; tests and `--at` use it.
type FixedClock time.Time

// Now returns the fixed instant.
func (c FixedClock) Now() time.Time { return time.Time(c) }
