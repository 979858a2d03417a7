package questions

import (
	"math"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// closingIDs are the built-in closing questions in the order a guide asks them.
var closingIDs = []string{WhoElseID, "resources-mention-name", "resources-keep-in-touch"}

func ids(qs []Question) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.ID
	}
	return out
}

// split returns the topic questions and the closing questions of g, and
// fails the test if a closing question comes before a topic question.
func split(t *testing.T, g Guide) (body, closing []Question) {
	t.Helper()
	for i, q := range g.Questions {
		if q.Closing {
			closing = append(closing, q)
			continue
		}
		if len(closing) > 0 {
			t.Fatalf("topic question %s at %d comes after a closing question: %v", q.ID, i, ids(g.Questions))
		}
		body = append(body, q)
	}
	return body, closing
}

func bankWith(edit func(q *Question)) []Question {
	qs := BuiltIns()
	for i := range qs {
		edit(&qs[i])
	}
	return qs
}

func TestCount(t *testing.T) {
	// Every minute count from 10 to 60, written out rather than recomputed,
	// so a change to the formula shows up here. Anchors from the method:
	// 15 → 3, 20 → 4, 30 → 7.
	want := map[int]int{
		10: 1, 11: 2, 12: 2, 13: 2, 14: 3, 15: 3, 16: 3, 17: 3, 18: 4, 19: 4,
		20: 4, 21: 5, 22: 5, 23: 5, 24: 5, 25: 6, 26: 6, 27: 6, 28: 7, 29: 7,
		30: 7, 31: 7, 32: 8, 33: 8, 34: 8, 35: 9, 36: 9, 37: 9, 38: 9, 39: 10,
		40: 10, 41: 10, 42: 11, 43: 11, 44: 11, 45: 11, 46: 12, 47: 12, 48: 12,
		49: 13, 50: 13, 51: 13, 52: 13, 53: 14, 54: 14, 55: 14, 56: 15, 57: 15,
		58: 15, 59: 15, 60: 16,
		// Short, empty and nonsensical lengths.
		0: 0, -1: 0, -60: 0, math.MinInt: 0, 1: 0, 6: 0, 7: 1, 9: 1,
	}
	for m, n := range want {
		if got := Count(m); got != n {
			t.Errorf("Count(%d) = %d, want %d", m, got, n)
		}
	}
	for m := 10; m <= 60; m++ {
		if _, ok := want[m]; !ok {
			t.Errorf("table misses %d minutes", m)
		}
	}
	// Huge values do not overflow: floor(2m/7) - 1 computed exactly.
	exact := new(big.Int).Mul(big.NewInt(math.MaxInt), big.NewInt(2))
	exact.Div(exact, big.NewInt(7)).Sub(exact, big.NewInt(1))
	if got := Count(math.MaxInt); big.NewInt(int64(got)).Cmp(exact) != 0 {
		t.Errorf("Count(MaxInt) = %d, want %s", got, exact)
	}
	for m := 1; m < 10000; m++ {
		if Count(m) < Count(m-1) {
			t.Fatalf("Count decreases at %d minutes", m)
		}
	}
}

func TestBuildSizing(t *testing.T) {
	for m := 10; m <= 60; m++ {
		g := Build(Input{Minutes: m, Questions: BuiltIns()})
		body, closing := split(t, g)
		if len(body) != Count(m) {
			t.Errorf("%d minutes: %d topic questions, want %d", m, len(body), Count(m))
		}
		if got := ids(closing); !slices.Equal(got, closingIDs) {
			t.Errorf("%d minutes: closing questions %v, want %v", m, got, closingIDs)
		}
		if g.Minutes != m {
			t.Errorf("%d minutes: guide says %d", m, g.Minutes)
		}
	}
}

func TestBuildEdgeLengths(t *testing.T) {
	for _, m := range []int{0, -5, 3, math.MinInt} {
		g := Build(Input{Minutes: m, Questions: BuiltIns()})
		if got := ids(g.Questions); !slices.Equal(got, closingIDs) {
			t.Errorf("%d minutes: %v, want only the closing questions", m, got)
		}
		if g.Minutes < 0 {
			t.Errorf("%d minutes: guide minutes %d is negative", m, g.Minutes)
		}
	}
	// A huge length takes every visible topic question once, no more.
	g := Build(Input{Minutes: math.MaxInt, Questions: BuiltIns()})
	body, closing := split(t, g)
	if want := len(BuiltIns()) - len(closingIDs); len(body) != want {
		t.Errorf("huge length: %d topic questions, want all %d", len(body), want)
	}
	if len(closing) != len(closingIDs) {
		t.Errorf("huge length: closing %v", ids(closing))
	}
	// An empty bank still ends with the referral question.
	g = Build(Input{Minutes: 30})
	if got := ids(g.Questions); !slices.Equal(got, []string{WhoElseID}) {
		t.Errorf("empty bank: %v, want only %s", got, WhoElseID)
	}
}

func TestBuildSpreadsTopics(t *testing.T) {
	g := Build(Input{Minutes: 30, Questions: BuiltIns()})
	body, _ := split(t, g)
	want := []string{"work-typical-day", "entry-story", "skills-success", "path-story",
		"lifestyle-hours", "environment-culture", "trends-changes"}
	if got := ids(body); !slices.Equal(got, want) {
		t.Errorf("30 minutes, nothing covered: %v, want %v", got, want)
	}

	// With twice as many slots as topics, every topic gets two.
	g = Build(Input{Minutes: 60, Questions: BuiltIns()})
	body, _ = split(t, g)
	perTopic := map[Topic]int{}
	for _, q := range body {
		perTopic[q.Topic]++
	}
	for _, tp := range Topics() {
		if perTopic[tp] != 2 {
			t.Errorf("60 minutes: topic %s has %d questions, want 2 (%v)", tp, perTopic[tp], ids(body))
		}
	}
}

func TestBuildPrefersUncoveredTopics(t *testing.T) {
	covered := map[Topic]int{
		TopicWork: 3, TopicEntry: 3, TopicSkills: 2, TopicPath: 2,
		TopicLifestyle: 1, TopicEnvironment: 0, TopicTrends: 0, TopicResources: 2,
	}
	g := Build(Input{Minutes: 15, Questions: BuiltIns(), Covered: covered})
	body, _ := split(t, g)
	topics := map[Topic]bool{}
	for _, q := range body {
		topics[q.Topic] = true
	}
	for _, tp := range []Topic{TopicLifestyle, TopicEnvironment, TopicTrends} {
		if !topics[tp] {
			t.Errorf("least covered topic %s missing from %v", tp, ids(body))
		}
	}

	// One slot goes to the only topic nobody has covered yet.
	covered = map[Topic]int{}
	for _, tp := range Topics() {
		covered[tp] = 1
	}
	covered[TopicResources] = 0
	g = Build(Input{Minutes: 10, Questions: BuiltIns(), Covered: covered})
	body, _ = split(t, g)
	if got := ids(body); !slices.Equal(got, []string{"resources-associations"}) {
		t.Errorf("10 minutes, only resources uncovered: %v", got)
	}

	// Spreading still wins over coverage once every uncovered topic has a
	// question: a second perspective on a covered topic beats a second
	// question on the same topic.
	covered = map[Topic]int{TopicWork: 5}
	g = Build(Input{Minutes: 60, Questions: BuiltIns(), Covered: covered})
	body, _ = split(t, g)
	if n := countTopic(body, TopicWork); n != 2 {
		t.Errorf("60 minutes, work covered: %d work questions, want 2", n)
	}
	g = Build(Input{Minutes: 32, Questions: BuiltIns(), Covered: covered}) // 8 slots
	body, _ = split(t, g)
	if n := countTopic(body, TopicWork); n != 1 {
		t.Errorf("8 slots, work covered: %d work questions, want 1 (%v)", n, ids(body))
	}
	g = Build(Input{Minutes: 28, Questions: BuiltIns(), Covered: covered}) // 7 slots
	body, _ = split(t, g)
	if n := countTopic(body, TopicWork); n != 0 {
		t.Errorf("7 slots, work covered: %d work questions, want 0 (%v)", n, ids(body))
	}
}

func countTopic(qs []Question, tp Topic) int {
	n := 0
	for _, q := range qs {
		if q.Topic == tp {
			n++
		}
	}
	return n
}

func TestBuildFavouritesFirst(t *testing.T) {
	favs := map[string]bool{"trends-disagreements": true, "lifestyle-tradeoffs": true, "work-cycles": true}
	bank := bankWith(func(q *Question) { q.Favourite = favs[q.ID] })

	// Favourites beat coverage, spread and bank order.
	covered := map[Topic]int{TopicTrends: 9}
	g := Build(Input{Minutes: 15, Questions: bank, Covered: covered})
	body, _ := split(t, g)
	got := ids(body)
	slices.Sort(got)
	want := []string{"lifestyle-tradeoffs", "trends-disagreements", "work-cycles"}
	if !slices.Equal(got, want) {
		t.Errorf("15 minutes, three favourites: %v, want %v", got, want)
	}

	// With fewer slots than favourites, the favourites compete among
	// themselves by the usual rules: work comes first in topic order.
	g = Build(Input{Minutes: 10, Questions: bank})
	body, _ = split(t, g)
	if got := ids(body); !slices.Equal(got, []string{"work-cycles"}) {
		t.Errorf("10 minutes: %v, want the work favourite", got)
	}

	// More slots than favourites: all favourites, then the usual choice.
	g = Build(Input{Minutes: 30, Questions: bank})
	body, _ = split(t, g)
	for id := range favs {
		if !slices.Contains(ids(body), id) {
			t.Errorf("30 minutes: favourite %s missing from %v", id, ids(body))
		}
	}
}

func TestBuildExcludesHidden(t *testing.T) {
	bank := bankWith(func(q *Question) {
		q.Hidden = q.Topic == TopicWork || q.ID == "resources-mention-name"
	})
	g := Build(Input{Minutes: 60, Questions: bank})
	body, closing := split(t, g)
	for _, q := range body {
		if q.Hidden || q.Topic == TopicWork {
			t.Errorf("hidden question %s chosen", q.ID)
		}
	}
	if got, want := ids(closing), []string{WhoElseID, "resources-keep-in-touch"}; !slices.Equal(got, want) {
		t.Errorf("closing with mention-name hidden: %v, want %v", got, want)
	}

	// A hidden favourite stays hidden.
	bank = bankWith(func(q *Question) { q.Hidden, q.Favourite = q.ID == "trends-changes", q.ID == "trends-changes" })
	for m := 10; m <= 60; m++ {
		if slices.Contains(ids(Build(Input{Minutes: m, Questions: bank}).Questions), "trends-changes") {
			t.Fatalf("%d minutes: hidden favourite chosen", m)
		}
	}

	// The referral question cannot be hidden from a guide.
	bank = bankWith(func(q *Question) { q.Hidden = q.Closing })
	g = Build(Input{Minutes: 20, Questions: bank})
	_, closing = split(t, g)
	if got := ids(closing); !slices.Equal(got, []string{WhoElseID}) {
		t.Errorf("all closing hidden: %v, want only %s", got, WhoElseID)
	}
	if closing[0].Hidden {
		t.Error("who-else question kept its Hidden flag in the guide")
	}
}

func TestBuildUserQuestions(t *testing.T) {
	mine := Question{ID: "u-42", Topic: TopicTrends, Text: "How is the new state law changing your caseload?", Favourite: true}
	myClosing := Question{ID: "u-43", Topic: TopicResources, Text: "What would you like to hear back from me?", Closing: true}
	plain := Question{ID: "u-44", Topic: TopicEnvironment, Text: "What is the office like on a Friday?"}
	bank := append(BuiltIns(), mine, myClosing, plain)

	g := Build(Input{Minutes: 10, Questions: bank})
	body, closing := split(t, g)
	if got := ids(body); !slices.Equal(got, []string{"u-42"}) {
		t.Errorf("10 minutes with a favourite of mine: %v, want [u-42]", got)
	}
	if got, want := ids(closing), append(slices.Clone(closingIDs), "u-43"); !slices.Equal(got, want) {
		t.Errorf("closing with one of mine: %v, want %v", got, want)
	}

	// A user question competes normally when it is not a favourite: it comes
	// after the built-ins of its topic, and is picked once they are hidden.
	bank = bankWith(func(q *Question) { q.Hidden = q.Topic == TopicEnvironment })
	bank = append(bank, plain)
	g = Build(Input{Minutes: 30, Questions: bank, Covered: map[Topic]int{TopicWork: 1}})
	if !slices.Contains(ids(g.Questions), "u-44") {
		t.Errorf("user question for an uncovered topic missing: %v", ids(g.Questions))
	}

	// Only the user's questions: the built-in referral question is added,
	// and topic order puts environment (u-44) before trends (u-42).
	g = Build(Input{Minutes: 15, Questions: []Question{mine, plain}})
	if got, want := ids(g.Questions), []string{"u-44", "u-42", WhoElseID}; !slices.Equal(got, want) {
		t.Errorf("user-only bank: %v, want %v", got, want)
	}

	// The user's edited copy of a built-in, listed first, replaces it.
	edited := BuiltIns()[0]
	edited.Text = "What did yesterday look like for you, from start to finish?"
	g = Build(Input{Minutes: 10, Questions: append([]Question{edited}, BuiltIns()...)})
	if g.Questions[0].Text != edited.Text {
		t.Errorf("edited built-in not used: %q", g.Questions[0].Text)
	}

	// Questions that cannot be asked or referred to are skipped.
	g = Build(Input{Minutes: 60, Questions: []Question{
		{ID: "", Topic: TopicWork, Text: "What is it like?"},
		{ID: "blank", Topic: TopicWork, Text: "  "},
	}})
	if got := ids(g.Questions); !slices.Equal(got, []string{WhoElseID}) {
		t.Errorf("unusable questions chosen: %v", got)
	}
}

func TestBuildFlowOrder(t *testing.T) {
	g := Build(Input{Minutes: 60, Questions: BuiltIns()})
	body, _ := split(t, g)
	for i := 1; i < len(body); i++ {
		a, b := body[i-1], body[i]
		ka := whenRank(a.When)*100 + a.Topic.rank()
		kb := whenRank(b.When)*100 + b.Topic.rank()
		if ka > kb {
			t.Errorf("%s (%s, %s) before %s (%s, %s): not in flow order",
				a.ID, a.When, a.Topic, b.ID, b.When, b.Topic)
		}
	}
	if body[0].When != WhenEarly {
		t.Errorf("guide opens with %s, want an early question", body[0].ID)
	}
	// Unknown topics are kept, after the eight known ones.
	odd := Question{ID: "u-odd", Topic: "hobbies", Text: "What do you do outside work?", Favourite: true}
	g = Build(Input{Minutes: 15, Questions: append(BuiltIns(), odd)})
	body, _ = split(t, g)
	if body[len(body)-1].ID != "u-odd" {
		t.Errorf("unknown topic not placed last among topic questions: %v", ids(body))
	}
}

func TestBuildDeterministicAndFresh(t *testing.T) {
	in := Input{
		Minutes:   45,
		Questions: bankWith(func(q *Question) { q.Favourite = strings.HasSuffix(q.ID, "s") }),
		Covered:   map[Topic]int{TopicWork: 2, TopicTrends: 1, TopicPath: 1},
		Opening:   "I'm Sam.",
	}
	first := Build(in)
	for range 50 {
		if again := Build(in); !reflect.DeepEqual(first, again) {
			t.Fatalf("Build is not deterministic:\n%v\n%v", ids(first.Questions), ids(again.Questions))
		}
	}
	if first.Opening != "I'm Sam." {
		t.Errorf("opening %q not carried into the guide", first.Opening)
	}
	before := slices.Clone(in.Questions)
	first.Questions[0].Text = "changed"
	if !reflect.DeepEqual(before, in.Questions) {
		t.Error("editing the guide changed the input bank")
	}
}

func TestOpeningStatement(t *testing.T) {
	tests := []struct {
		name, program, field, intro string
		want                        string
	}{
		{"Dana Brown", "a history junior at UMass Amherst", "public policy", "",
			"I'm Dana Brown, a history junior at UMass Amherst. I'm exploring a career in public policy and would like to learn from your experience."},
		{"  Sam\nLee ", "a nurse moving into health informatics.", "health informatics", "my hospital's new records system got me curious",
			"I'm Sam Lee, a nurse moving into health informatics. My hospital's new records system got me curious. I'm exploring a career in health informatics and would like to learn from your experience."},
		{"Ana", "", "", "",
			"I'm Ana. I'd like to learn from your experience."},
		{"", "a second-year engineering student", "water engineering", "",
			"I'm a second-year engineering student. I'm exploring a career in water engineering and would like to learn from your experience."},
		{"", "", "", "", "I'd like to learn from your experience."},
		{"Ana", "", "", "I loved my internship!", "I'm Ana. I loved my internship! I'd like to learn from your experience."},
		// An intro that says who the user is is not said twice.
		{"Maya Cohen", "a junior at State", "marine biology", "I'm Maya, a biology junior at State",
			"I'm Maya, a biology junior at State. I'm exploring a career in marine biology and would like to learn from your experience."},
		{"Maya Cohen", "a junior at State", "", "I am a biology junior at State who grew up by the sea.",
			"I'm Maya Cohen. I am a biology junior at State who grew up by the sea. I'd like to learn from your experience."},
		{"", "a junior at State", "", "My name is Maya and I study biology.",
			"My name is Maya and I study biology. I'd like to learn from your experience."},
	}
	for _, tt := range tests {
		if got := OpeningStatement(tt.name, tt.program, tt.field, tt.intro); got != tt.want {
			t.Errorf("OpeningStatement(%q, %q, %q, %q) =\n%q\nwant\n%q", tt.name, tt.program, tt.field, tt.intro, got, tt.want)
		}
	}
	// About ten seconds spoken: at a relaxed 2.5 words a second, 30 words.
	typical := OpeningStatement("Dana Brown", "a history junior at UMass Amherst", "public policy", "")
	if n := len(strings.Fields(typical)); n > 30 {
		t.Errorf("typical opening statement has %d words, too long to say in ten seconds", n)
	}
}
