package method

import (
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// Warmth is how warm a contact is: how long since the last touch,
// measured against that person's keep-in-touch cadence. It is the one
// definition the person page, the people list and the network share.
type Warmth string

// The warmths, hottest first.
const (
	WarmthHot     Warmth = "hot"     // last touch within a third of the cadence
	WarmthWarm    Warmth = "warm"    // within the cadence
	WarmthCooling Warmth = "cooling" // within twice the cadence
	WarmthCold    Warmth = "cold"    // longer ago, or never touched
)

// Warmths lists the warmths, hottest first.
func Warmths() []Warmth { return []Warmth{WarmthHot, WarmthWarm, WarmthCooling, WarmthCold} }

// Rank is the warmth's place, 0 for hot to 3 for cold.
func (w Warmth) Rank() int {
	for i, x := range Warmths() {
		if x == w {
			return i
		}
	}
	return len(Warmths()) - 1
}

// WarmthBounds are, as of one moment and for one cadence, the earliest
// last touch that is still hot, warm and cooling. A store sorts by them
// without knowing the rule.
type WarmthBounds struct {
	Hot, Warm, Cooling time.Time
}

// WarmthBoundsAt computes the bounds at now for a cadence of days,
// counting calendar days in loc as the keep-in-touch action does: a
// person stays warm until keeping in touch is due.
func WarmthBoundsAt(now time.Time, days int, loc *time.Location) WarmthBounds {
	warm := AddDays(now, -days, loc)
	return WarmthBounds{Hot: now.Add(-now.Sub(warm) / 3), Warm: warm, Cooling: AddDays(now, -2*days, loc)}
}

// Of is the warmth of a last touch. A touch on a bound is still inside
// it; a touch in the future (a meeting logged ahead) is hot.
func (b WarmthBounds) Of(last time.Time) Warmth {
	switch {
	case last.IsZero():
		return WarmthCold
	case !last.Before(b.Hot):
		return WarmthHot
	case !last.Before(b.Warm):
		return WarmthWarm
	case !last.Before(b.Cooling):
		return WarmthCooling
	}
	return WarmthCold
}

// WarmthOf is the warmth at now of a person with these tags last touched
// at last (zero: never).
func (s Settings) WarmthOf(last, now time.Time, tags []string) Warmth {
	return WarmthBoundsAt(now, s.KeepInTouchFor(tags), s.Location()).Of(last)
}

// Stage is the furthest a person's conversations have gone, shown beside
// the warmth and never mixed into it.
type Stage string

// The stages, in order. StageNone is a person with no conversation.
const (
	StageNone           Stage = ""
	StageIdea           Stage = "idea"
	StageRequested      Stage = "requested"
	StageHeld           Stage = "held"
	StageKeepingInTouch Stage = "keeping_in_touch"
)

// Label is the stage in plain words.
func (s Stage) Label() string {
	switch s {
	case StageNone:
		return "no conversation"
	case StageKeepingInTouch:
		return "keeping in touch"
	}
	return string(s)
}

func (s Stage) rank() int {
	switch s {
	case StageIdea:
		return 1
	case StageRequested:
		return 2
	case StageHeld:
		return 3
	case StageKeepingInTouch:
		return 4
	}
	return 0
}

// StageOf is the stage a conversation in state st reached. A request that
// was declined, went unanswered or was cancelled still reached requested.
func StageOf(st model.State) Stage {
	switch st {
	case model.StateIdea:
		return StageIdea
	case model.StateHeld, model.StateThanked, model.StateReportedBack:
		return StageHeld
	case model.StateKeepingInTouch:
		return StageKeepingInTouch
	case "":
		return StageNone
	}
	return StageRequested
}

// StageReached is the furthest stage of a person's conversations.
func StageReached(states []model.State) Stage {
	best := StageNone
	for _, st := range states {
		if s := StageOf(st); s.rank() > best.rank() {
			best = s
		}
	}
	return best
}
