package questions

// Hints for when in the conversation a question works best. They only shape
// the order of a guide; an empty hint means "anywhere", treated as middle.
const (
	WhenEarly   = "early"   // warm-up questions: let them tell their story
	WhenMiddle  = "middle"  // the body of the conversation
	WhenClosing = "closing" // wrap-up: advice, next steps, referrals
)

// Question is one question of the bank: built in, or written by the user.
type Question struct {
	// ID is stable across releases because notes, favourites and guides
	// refer to it. Built-in ids read "<topic>-<slug>", e.g. "work-typical-day".
	ID    string
	Topic Topic
	// Text is the question as the user asks it aloud.
	Text string
	// When is an optional hint: WhenEarly, WhenMiddle, WhenClosing or "".
	When string
	// Notes is advice on asking the question or on what to listen for
	// (built-ins), or the user's own notes (their questions).
	Notes string

	// Closing marks the referral questions that end every guide: who else
	// to talk to, whether the user may mention the professional's name, how
	// to keep in touch.
	Closing bool
	// SkillWords marks questions whose answers carry skill vocabulary the
	// user should jot down for their resume later.
	SkillWords bool
	// BuiltIn is true for questions that ship with Ally.
	BuiltIn bool

	// Favourite and Hidden are the user's choices; the guide builder picks
	// favourites first and never picks hidden questions.
	Favourite bool
	Hidden    bool
}

// whenRank orders hints in the conversation flow: early, then unmarked or
// middle, then closing.
func whenRank(when string) int {
	switch when {
	case WhenEarly:
		return 0
	case WhenClosing:
		return 2
	}
	return 1
}
