// Package questions holds Ally's question bank and builds the question guide
// for one informational interview.
//
// The method (PRODUCT.md §2) asks the user to walk in with open-ended
// questions organised by topic, sized to the time they asked for, and to
// always close by asking for other people to talk to. This package encodes
// those rules as pure functions: it does no I/O and keeps no state, so the
// store, the CLI and the web pages can all share it.
package questions

// Topic is one of the eight question topics of the method. Every built-in
// question belongs to exactly one of them; the field report groups what
// people said by topic and shows which topics nobody has covered yet.
//
// The values are stable identifiers stored with user data: never rename them.
type Topic string

// The eight topics, in the order PRODUCT.md §2 lists them. That order is also
// the natural order of a conversation: the work first, resources and people
// last.
const (
	TopicWork        Topic = "work"
	TopicEntry       Topic = "entry"
	TopicSkills      Topic = "skills"
	TopicPath        Topic = "path"
	TopicLifestyle   Topic = "lifestyle"
	TopicEnvironment Topic = "environment"
	TopicTrends      Topic = "trends"
	TopicResources   Topic = "resources"
)

// Topics returns the eight topics in PRODUCT.md order. The slice is new on
// every call, so callers may modify it.
func Topics() []Topic {
	return []Topic{
		TopicWork, TopicEntry, TopicSkills, TopicPath,
		TopicLifestyle, TopicEnvironment, TopicTrends, TopicResources,
	}
}

// Valid reports whether t is one of the eight topics.
func (t Topic) Valid() bool { return t.rank() < len(Topics()) }

// Title returns the heading shown to users for the topic, such as
// "The work itself". An unknown topic returns its raw value so that a
// mistyped topic is still visible rather than silently blank.
func (t Topic) Title() string {
	switch t {
	case TopicWork:
		return "The work itself"
	case TopicEntry:
		return "Motivation and entry"
	case TopicSkills:
		return "Skills and preparation"
	case TopicPath:
		return "Career path"
	case TopicLifestyle:
		return "Lifestyle"
	case TopicEnvironment:
		return "Work environment"
	case TopicTrends:
		return "The field's trends and problems"
	case TopicResources:
		return "Resources and people"
	}
	return string(t)
}

// rank is the topic's position in Topics; unknown topics rank after all
// known ones so that a user's question with an odd topic still has a place
// in the flow instead of being dropped. A switch rather than a lookup in
// Topics because the guide builder calls it in its inner loop.
func (t Topic) rank() int {
	switch t {
	case TopicWork:
		return 0
	case TopicEntry:
		return 1
	case TopicSkills:
		return 2
	case TopicPath:
		return 3
	case TopicLifestyle:
		return 4
	case TopicEnvironment:
		return 5
	case TopicTrends:
		return 6
	case TopicResources:
		return 7
	}
	return 8
}
