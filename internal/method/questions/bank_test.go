package questions

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method/etiquette"
)

func TestBuiltInsSizeAndTopics(t *testing.T) {
	qs := BuiltIns()
	if len(qs) < 80 {
		t.Errorf("%d built-in questions, want at least 80", len(qs))
	}
	perTopic := map[Topic]int{}
	for _, q := range qs {
		if !q.Topic.Valid() {
			t.Errorf("%s: unknown topic %q", q.ID, q.Topic)
		}
		perTopic[q.Topic]++
	}
	for _, tp := range Topics() {
		if perTopic[tp] < 6 {
			t.Errorf("topic %s has %d questions, want at least 6", tp, perTopic[tp])
		}
	}
	// The guide builder relies on the bank being grouped in topic order.
	for i := 1; i < len(qs); i++ {
		if qs[i].Topic.rank() < qs[i-1].Topic.rank() {
			t.Errorf("%s (%s) listed after %s (%s): bank not in topic order",
				qs[i].ID, qs[i].Topic, qs[i-1].ID, qs[i-1].Topic)
		}
	}
}

func TestBuiltInsIDs(t *testing.T) {
	idPattern := regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)+$`)
	seen := map[string]bool{}
	for _, q := range BuiltIns() {
		if seen[q.ID] {
			t.Errorf("duplicate id %q", q.ID)
		}
		seen[q.ID] = true
		if !idPattern.MatchString(q.ID) {
			t.Errorf("id %q is not lower-case words joined by hyphens", q.ID)
		}
		if !strings.HasPrefix(q.ID, string(q.Topic)+"-") {
			t.Errorf("id %q does not start with its topic %q", q.ID, q.Topic)
		}
	}
	if !seen[WhoElseID] {
		t.Errorf("WhoElseID %q is not a built-in", WhoElseID)
	}
}

func TestBuiltInsText(t *testing.T) {
	// Words that would turn the professional from ally into assessor.
	jobWords := []string{"hire", "hiring", "job opening", "vacanc", "resume", "résumé", "position open", "apply"}
	seenText := map[string]string{}
	for _, q := range BuiltIns() {
		if !strings.HasSuffix(q.Text, "?") {
			t.Errorf("%s: %q does not end with a question mark", q.ID, q.Text)
		}
		// The guide's checker is the one judge of an open question.
		for _, f := range etiquette.CheckQuestion(q.Text) {
			t.Errorf("%s: %q: %s (%s)", q.ID, q.Text, f.Message, f.Rule)
		}
		if strings.Count(q.Text, "?") != 1 {
			t.Errorf("%s: %q asks more than one question at once", q.ID, q.Text)
		}
		lower := strings.ToLower(q.Text)
		for _, w := range jobWords {
			if strings.Contains(lower, w) {
				t.Errorf("%s: %q mentions %q, which sounds like a job request", q.ID, q.Text, w)
			}
		}
		if other, dup := seenText[lower]; dup {
			t.Errorf("%s repeats the text of %s", q.ID, other)
		}
		seenText[lower] = q.ID
		switch q.When {
		case "", WhenEarly, WhenMiddle, WhenClosing:
		default:
			t.Errorf("%s: unknown When hint %q", q.ID, q.When)
		}
		if !q.BuiltIn || q.Favourite || q.Hidden {
			t.Errorf("%s: built-in flags wrong: %+v", q.ID, q)
		}
	}
}

func TestBuiltInsFlags(t *testing.T) {
	var closing []string
	skillWords := 0
	for _, q := range BuiltIns() {
		if q.Closing {
			closing = append(closing, q.ID)
			if q.Topic != TopicResources || q.When != WhenClosing {
				t.Errorf("closing question %s must be in topic resources with hint closing", q.ID)
			}
		}
		if q.SkillWords {
			skillWords++
		}
	}
	want := []string{WhoElseID, "resources-mention-name", "resources-keep-in-touch"}
	if strings.Join(closing, ",") != strings.Join(want, ",") {
		t.Errorf("closing questions = %v, want %v", closing, want)
	}
	if skillWords < 3 {
		t.Errorf("%d skill-word questions, want several", skillWords)
	}
	byID := map[string]Question{}
	for _, q := range BuiltIns() {
		byID[q.ID] = q
	}
	if !byID["skills-success"].SkillWords {
		t.Error(`"what makes someone successful" must carry the SkillWords flag`)
	}
	if !strings.Contains(byID[WhoElseID].Notes, "Who might know") {
		t.Error(`the who-else question must carry the "who might know?" fallback`)
	}
}

func TestBuiltInsFresh(t *testing.T) {
	a := BuiltIns()
	a[0].Text = "changed"
	a[0].Hidden = true
	b := BuiltIns()
	if b[0].Text == "changed" || b[0].Hidden {
		t.Fatal("BuiltIns returned shared state: an edit leaked into the next call")
	}
}
