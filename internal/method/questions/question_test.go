package questions

import (
	"slices"
	"testing"
)

func TestTopics(t *testing.T) {
	want := []Topic{"work", "entry", "skills", "path", "lifestyle", "environment", "trends", "resources"}
	got := Topics()
	if !slices.Equal(got, want) {
		t.Fatalf("Topics() = %v, want %v", got, want)
	}
	got[0] = "changed"
	if Topics()[0] != TopicWork {
		t.Fatal("Topics() shares its slice between calls")
	}
	titles := map[string]bool{}
	for _, tp := range want {
		if !tp.Valid() {
			t.Errorf("%q not valid", tp)
		}
		title := tp.Title()
		if title == "" || title == string(tp) || titles[title] {
			t.Errorf("%q has a missing or duplicate title %q", tp, title)
		}
		titles[title] = true
	}
	if TopicWork.Title() != "The work itself" {
		t.Errorf("work title = %q", TopicWork.Title())
	}
	if Topic("gossip").Valid() || Topic("gossip").Title() != "gossip" {
		t.Error("unknown topic should be invalid and titled by its value")
	}
}

func TestIsOpenEnded(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"What does a typical week look like for you?", true},
		{"How did you come to this field?", true},
		{"Why did you stay?", true},
		{"Which skills matter most?", true},
		{"Who else should I talk to?", true},
		{"Where do people go from here?", true},
		{"When did you know this was for you?", true},
		{"What's the hardest part?", true},
		{"Tell me about your path?", true},
		{"Describe a typical day?", true},
		// Polite requests for a story are open, whatever the auxiliary.
		{"Could you tell me about your career path?", true},
		{"Can you tell me about your career path?", true},
		{"Would you walk me through a recent project?", true},
		{"Can you describe your team?", true},
		// ...unless they turn into a yes/no question.
		{"Could you tell me if you like your job?", false},
		{"Can you tell me whether the pay is good?", false},
		// Lead-ins are skipped; the main clause decides.
		{"Looking back, what would you do differently?", true},
		{"If you were starting again today, how would you prepare?", true},
		{"In your experience, what makes someone successful here?", true},
		{"When you hire, do you look at grades?", false},
		{"When did you start, and did you like it?", true},
		{"Looking back, is there anything you wish you had known?", false},
		{"And what about travel?", true},
		// Yes/no phrasing is closed.
		{"Do you like your job?", false},
		{"Does the work change during the year?", false},
		{"Did you study for it?", false},
		{"Is there anyone else I should talk to?", false},
		{"Are you active in any associations?", false},
		{"Have you always worked here?", false},
		{"May I mention your name?", false},
		{"Don't you find it stressful?", false},
		{"Can you recommend someone if I ask?", false},
		{"Could you do it again?", false},
		// Nothing to judge by.
		{"Anything you would do differently?", false},
		{"", false},
		{"?", false},
	}
	for _, tt := range tests {
		if got := IsOpenEnded(tt.text); got != tt.want {
			t.Errorf("IsOpenEnded(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestTopicRankMatchesTopics(t *testing.T) {
	for i, tp := range Topics() {
		if tp.rank() != i {
			t.Errorf("%s.rank() = %d, want %d", tp, tp.rank(), i)
		}
	}
	if r := Topic("other").rank(); r != len(Topics()) {
		t.Errorf("unknown topic rank = %d, want %d", r, len(Topics()))
	}
}
