package questions

import (
	"strings"
	"unicode"
)

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

// IsOpenEnded reports whether text is phrased as an open-ended question,
// one that invites the professional to talk rather than to answer yes or no.
// The method asks for open questions because people enjoy reflecting on
// their work, and a yes/no question stalls the conversation.
//
// The rule, applied to the main clause:
//
//   - It starts with an interrogative word (what, how, why, which, who,
//     where, when): open.
//   - It starts with an invitation to talk (tell, describe, walk, share,
//     explain, ...): open.
//   - It starts with can/could/would/will + "you" + such a verb ("Could you
//     tell me about...", "Can you walk me through..."): open, because it is
//     a polite request for a story, unless "if" or "whether" follows, which
//     turns it back into a yes/no question.
//   - It starts with any other auxiliary (is, are, do, did, have, may,
//     should, ...): closed.
//
// The main clause is the first clause (clauses are split at commas,
// semicolons, colons, dashes and brackets) that starts with one of those
// words, so lead-ins such as "Looking back, what..." or "If you were starting
// again, how..." are skipped. A leading "When you ..." clause in normal word
// order is a lead-in too ("When you hire, do you..." is closed). Leading
// "and", "but", "so" are ignored. Text with no such clause is not open-ended.
func IsOpenEnded(text string) bool {
	clauses := strings.FieldsFunc(text, func(r rune) bool {
		return strings.ContainsRune(",;:—–()", r)
	})
	for i, clause := range clauses {
		words := clauseWords(clause)
		if len(words) == 0 {
			continue
		}
		first := words[0]
		// "When you hire, ..." sets the scene; "When did you ..." asks.
		if (first == "when" || first == "where") && i < len(clauses)-1 &&
			len(words) > 1 && !isAuxiliary(words[1]) {
			continue
		}
		switch {
		case isInterrogative(first), isInvitation(first):
			return true
		case isAuxiliary(first):
			return isPoliteRequest(words)
		}
	}
	return false
}

// clauseWords lower-cases a clause and splits it into words, keeping
// apostrophes inside words and dropping leading conjunctions.
func clauseWords(clause string) []string {
	words := strings.FieldsFunc(strings.ToLower(clause), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	})
	for i, w := range words {
		words[i] = normaliseWord(w)
	}
	for len(words) > 0 && (words[0] == "and" || words[0] == "but" || words[0] == "so") {
		words = words[1:]
	}
	return words
}

// normaliseWord folds contractions so that "what's" reads as "what" and
// "don't" as "do": the first word is what decides open or closed.
func normaliseWord(w string) string {
	w = strings.ReplaceAll(w, "’", "'")
	switch w {
	case "can't":
		return "can"
	case "won't":
		return "will"
	case "shan't":
		return "shall"
	}
	w = strings.TrimSuffix(w, "n't")
	if i := strings.IndexByte(w, '\''); i > 0 {
		w = w[:i]
	}
	return w
}

func isInterrogative(w string) bool {
	switch w {
	case "what", "how", "why", "which", "who", "whom", "whose", "where", "when":
		return true
	}
	return false
}

func isInvitation(w string) bool {
	switch w {
	case "tell", "describe", "walk", "take", "share", "explain", "talk",
		"say", "give", "outline", "paint", "suggest", "recommend", "name":
		return true
	}
	return false
}

func isAuxiliary(w string) bool {
	switch w {
	case "am", "is", "are", "was", "were", "do", "does", "did",
		"have", "has", "had", "can", "could", "will", "would",
		"shall", "should", "may", "might", "must":
		return true
	}
	return false
}

// isPoliteRequest reports whether words (a clause starting with an
// auxiliary) is a request to talk, such as "could you describe ...".
func isPoliteRequest(words []string) bool {
	if len(words) < 3 || words[1] != "you" || !isInvitation(words[2]) {
		return false
	}
	switch words[0] {
	case "can", "could", "would", "will":
	default:
		return false
	}
	for _, w := range words[3:] {
		if w == "if" || w == "whether" {
			return false
		}
	}
	return true
}
