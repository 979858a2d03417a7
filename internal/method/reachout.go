package method

import (
	"fmt"
	"time"
)

// ReachOutFacts is what the agenda needs to know of a person the user has
// not asked for a conversation yet: someone suggested to them (captured as
// a referral, or added with a referrer), or someone with a conversation
// still at idea.
type ReachOutFacts struct {
	ID         int64
	Name       string
	ReferrerID int64
	Referrer   string
	// Since is when the chain reached them: the person added with a
	// referrer, or the first conversation still at idea created, whichever
	// came first.
	Since time.Time
	// Suggested reports a referrer; Idea a conversation still at idea.
	Suggested, Idea bool
	// Requested reports a request sent to them (a conversation past idea,
	// closed ones included); DoNotContact that the user marked them so.
	Requested, DoNotContact bool
	// FieldsCovered reports that every field they are in already has its
	// target perspectives: more voices still help, so the action stays,
	// but it ranks lower.
	FieldsCovered bool
}

// reachOutLater is how much later a reach-out falls due when its fields
// already have their perspectives: after the ones still needed.
const reachOutLater = 5

// ReachOutActions derives the reach_out action of a person: write to
// them, one business day (a setting) after the chain reached them, until a
// request is sent or they are marked do-not-contact.
func ReachOutActions(r ReachOutFacts, s Settings) []Pending {
	if r.Requested || r.DoNotContact || (!r.Suggested && !r.Idea) || r.Since.IsZero() {
		return nil
	}
	days, covered := s.ReachOutBusinessDays, 0
	if r.FieldsCovered {
		days, covered = days+reachOutLater, 1
	}
	p := Pending{Kind: ActReachOut, ID: ActionID(ActReachOut, 'p', r.ID), Person: r.Name, PersonID: r.ID,
		Due: AddBusinessDays(r.Since, days, s.Location()), Since: r.Since, N: [3]int{covered}}
	if r.Suggested {
		p.Referrer, p.ReferrerID = r.Referrer, r.ReferrerID
	}
	return []Pending{p}
}

func reachOutReason(p Pending, when string) string {
	why := fmt.Sprintf("Noted %s as someone to talk to", when)
	if p.ReferrerID != 0 {
		why = fmt.Sprintf("Suggested by %s %s", p.Referrer, when)
	}
	if p.N[0] == 1 {
		return why + " — the field has its perspectives already, yet one more voice still helps; ask for 20 minutes when you can"
	}
	return why + " — write while the suggestion is fresh and ask for 20 minutes"
}

// Title is the action as a card heads it: "Write to Tom Becker —
// suggested by Sam Okafor" for a reach-out, else the kind's label.
func (a Action) Title() string {
	if a.Kind != ActReachOut {
		return a.Kind.Label()
	}
	if a.Referrer != "" {
		return fmt.Sprintf("Write to %s — suggested by %s", a.Person, a.Referrer)
	}
	return "Write to " + a.Person
}
