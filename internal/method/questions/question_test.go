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
