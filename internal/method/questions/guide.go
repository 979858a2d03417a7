package questions

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Input is what the guide builder needs for one conversation.
type Input struct {
	// Minutes is the length of the conversation the user asked for.
	Minutes int
	// Questions is the bank to choose from: usually BuiltIns followed by the
	// user's own questions, with Favourite and Hidden set from the user's
	// choices. Order matters: within a topic, earlier questions are picked
	// first. When two questions share an id, the first one wins, so a caller
	// can override a built-in by listing its edited copy earlier.
	Questions []Question
	// Covered counts, per topic, how many earlier held conversations in the
	// same field already covered it. The method asks for every topic to be
	// covered across at least three perspectives, so less covered topics are
	// preferred. Missing topics count as zero.
	Covered map[Topic]int
	// Opening is the opening statement, usually from OpeningStatement.
	Opening string
}

// Guide is the question guide for one conversation.
type Guide struct {
	Minutes int
	Opening string
	// Questions are in the order to ask them; the closing questions always
	// come last, the who-else question (WhoElseID) first among them.
	Questions []Question
}

// Count returns how many topic questions fit in a conversation of the given
// minutes: one per 3.5 minutes, less one slot. That slot holds the greeting,
// the opening statement and the closing referral questions, which are short
// and asked whatever the length, so they are not part of the count. Hence
// floor(minutes/3.5) - 1:
//
//	minutes  10  15  20  25  30  45  60
//	count     1   3   4   6   7  11  16
//
// Count is 0 for conversations shorter than 7 minutes, zero or negative
// minutes, and grows without overflow for huge values (the guide is then
// limited by the size of the bank).
func Count(minutes int) int {
	if minutes <= 0 {
		return 0
	}
	// floor(2m/7) written so that 2m cannot overflow.
	slots := minutes/7*2 + minutes%7*2/7
	return max(slots-1, 0)
}

// Build makes the guide for one conversation from the user's bank.
//
// The guide holds Count(in.Minutes) topic questions (fewer if the bank has
// fewer visible ones) followed by the closing questions. Topic questions are
// chosen one at a time, each time taking the best remaining question by,
// in order:
//
//  1. favourites before other questions;
//  2. topics with fewer questions already in this guide, to spread the
//     conversation over distinct topics;
//  3. topics less covered by earlier conversations in the field (in.Covered);
//  4. topic order (Topics), then the question's position in in.Questions.
//
// Hidden questions, questions without an id and questions with blank text
// are never chosen. The chosen questions are then put in a natural flow:
// "early" hints first, "closing" hints last, topic order within each group.
//
// The closing questions are every visible closing question of the bank, in
// bank order, after the who-else question (WhoElseID). The who-else question
// is always included, even if hidden or missing from the bank (then the
// built-in one is used), because the method never ends a conversation
// without asking for further people to talk to.
//
// Build is deterministic and never shares memory with in: the guide's slice
// is new.
func Build(in Input) Guide {
	bank := usable(in.Questions)

	var pool, closing []Question
	whoElse, haveWhoElse := Question{}, false
	for _, q := range bank {
		switch {
		case q.ID == WhoElseID:
			whoElse, haveWhoElse = q, true
		case q.Hidden:
		case q.Closing:
			closing = append(closing, q)
		default:
			pool = append(pool, q)
		}
	}
	if !haveWhoElse {
		whoElse = builtIn(WhoElseID)
	}
	// Whatever the bank says, the referral question ends the guide.
	whoElse.Closing, whoElse.Hidden = true, false

	questions := pick(pool, Count(in.Minutes), in.Covered)
	questions = append(questions, whoElse)
	questions = append(questions, closing...)
	return Guide{Minutes: max(in.Minutes, 0), Opening: in.Opening, Questions: questions}
}

// usable drops the questions that cannot be asked or referred to (no id,
// blank text) and the later copies of a repeated id.
func usable(qs []Question) []Question {
	seen := make(map[string]bool, len(qs))
	out := make([]Question, 0, len(qs))
	for _, q := range qs {
		if q.ID == "" || strings.TrimSpace(q.Text) == "" || seen[q.ID] {
			continue
		}
		seen[q.ID] = true
		out = append(out, q)
	}
	return out
}

// builtIn returns the built-in question with the given id; it panics if
// there is none, which only a broken bank can cause (and tests catch).
func builtIn(id string) Question {
	for _, q := range BuiltIns() {
		if q.ID == id {
			return q
		}
	}
	panic("questions: no built-in question " + id)
}

// pick chooses up to n questions from pool (see Build for the preferences)
// and returns them in conversation order.
func pick(pool []Question, n int, covered map[Topic]int) []Question {
	n = min(n, len(pool))
	inGuide := make(map[Topic]int)
	taken := make([]bool, len(pool))
	chosen := make([]int, 0, n)

	// better reports whether pool[a] should be chosen before pool[b]; a
	// tie falls to the earlier question because the loop keeps the first.
	better := func(a, b int) bool {
		qa, qb := pool[a], pool[b]
		return cmp.Or(
			cmp.Compare(boolRank(!qa.Favourite), boolRank(!qb.Favourite)),
			cmp.Compare(inGuide[qa.Topic], inGuide[qb.Topic]),
			cmp.Compare(max(covered[qa.Topic], 0), max(covered[qb.Topic], 0)),
			cmp.Compare(qa.Topic.rank(), qb.Topic.rank()),
			cmp.Compare(qa.Topic, qb.Topic),
		) < 0
	}
	for len(chosen) < n {
		best := -1
		for i := range pool {
			if !taken[i] && (best < 0 || better(i, best)) {
				best = i
			}
		}
		taken[best] = true
		inGuide[pool[best].Topic]++
		chosen = append(chosen, best)
	}

	// Natural flow: warm-up first, wrap-up last, topics in method order,
	// and within a topic the bank's order.
	slices.SortFunc(chosen, func(a, b int) int {
		qa, qb := pool[a], pool[b]
		return cmp.Or(
			cmp.Compare(whenRank(qa.When), whenRank(qb.When)),
			cmp.Compare(qa.Topic.rank(), qb.Topic.rank()),
			cmp.Compare(qa.Topic, qb.Topic),
			cmp.Compare(a, b),
		)
	})
	out := make([]Question, 0, n+4) // room for the closing questions
	for _, i := range chosen {
		out = append(out, pool[i])
	}
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// OpeningStatement drafts the opening statement the user says at the start
// of the conversation: who they are and their interest, in about ten seconds
// (some 25 words). For example
//
//	OpeningStatement("Dana Brown", "a history junior at UMass Amherst", "public policy", "")
//
// gives "I'm Dana Brown, a history junior at UMass Amherst. I'm exploring a
// career in public policy and would like to learn from your experience."
//
// program is a short phrase that reads after the name (what the user studies
// or does now); intro is an optional sentence of the user's own about their
// interest, placed in the middle. Any part may be empty; whitespace is
// tidied but the user's words are kept as written. An intro that starts by
// saying who the user is ("I'm Maya, a biology junior at State") takes the
// place of the generated "I'm <name>, <program>." rather than repeating it.
// Keep intro to one short sentence, or the statement stops fitting in ten
// seconds.
func OpeningStatement(userName, program, field, intro string) string {
	userName = tidy(userName)
	program = strings.TrimRight(tidy(program), ".")
	field = strings.TrimRight(tidy(field), ".")
	intro = tidy(intro)

	var parts []string
	switch {
	case introducesSelf(intro) && (userName == "" || strings.Contains(strings.ToLower(intro), strings.ToLower(strings.Fields(userName)[0]))):
		// The intro already says who the user is ("I'm Maya, a biology
		// junior at State"): saying it again would repeat it.
	case introducesSelf(intro):
		parts = append(parts, "I'm "+userName+".")
	case userName != "" && program != "":
		parts = append(parts, "I'm "+userName+", "+program+".")
	case userName != "":
		parts = append(parts, "I'm "+userName+".")
	case program != "":
		parts = append(parts, "I'm "+program+".")
	}
	if intro != "" {
		parts = append(parts, sentence(intro))
	}
	if field != "" {
		parts = append(parts, "I'm exploring a career in "+field+" and would like to learn from your experience.")
	} else {
		parts = append(parts, "I'd like to learn from your experience.")
	}
	return strings.Join(parts, " ")
}

// introducesSelf reports whether the user's own intro starts by saying who
// they are, so that the opening statement does not say it twice.
func introducesSelf(intro string) bool {
	l := strings.ToLower(intro)
	for _, p := range []string{"i'm ", "i’m ", "i am ", "my name is ", "my name's ", "this is "} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// tidy collapses runs of white space (including line breaks from a profile
// text box) into single spaces.
func tidy(s string) string { return strings.Join(strings.Fields(s), " ") }

// sentence capitalises s and ends it with a full stop unless it already ends
// with punctuation.
func sentence(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[size:]
	if !strings.ContainsAny(s[len(s)-1:], ".!?") {
		s += "."
	}
	return s
}
