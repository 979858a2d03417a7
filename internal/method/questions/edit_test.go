package questions

import (
	"errors"
	"reflect"
	"slices"
	"testing"
)

func guide20(t *testing.T) Guide {
	t.Helper()
	g := Build(Input{Minutes: 20, Questions: BuiltIns(), Opening: "I'm Dana."})
	want := []string{"work-typical-day", "entry-story", "skills-success", "path-story",
		WhoElseID, "resources-mention-name", "resources-keep-in-touch"}
	if got := ids(g.Questions); !slices.Equal(got, want) {
		t.Fatalf("fixture guide = %v, want %v", got, want)
	}
	return g
}

func TestReorder(t *testing.T) {
	g := guide20(t)
	before := slices.Clone(g.Questions)

	got, err := Reorder(g, []string{"path-story", "skills-success", "work-typical-day", "entry-story"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"path-story", "skills-success", "work-typical-day", "entry-story",
		WhoElseID, "resources-mention-name", "resources-keep-in-touch"}
	if !slices.Equal(ids(got.Questions), want) {
		t.Errorf("reorder = %v, want %v", ids(got.Questions), want)
	}
	if got.Minutes != g.Minutes || got.Opening != g.Opening {
		t.Error("reorder lost the guide's minutes or opening")
	}
	if !reflect.DeepEqual(before, g.Questions) {
		t.Error("reorder modified its input guide")
	}

	// Closing questions dragged into the middle still end the guide, in the
	// order given; those not named follow in their old order.
	got, err = Reorder(g, []string{"resources-keep-in-touch", "path-story", "skills-success", WhoElseID, "work-typical-day", "entry-story"})
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"path-story", "skills-success", "work-typical-day", "entry-story",
		"resources-keep-in-touch", WhoElseID, "resources-mention-name"}
	if !slices.Equal(ids(got.Questions), want) {
		t.Errorf("reorder with closing ids = %v, want %v", ids(got.Questions), want)
	}
}

func TestReorderErrors(t *testing.T) {
	g := guide20(t)
	tests := []struct {
		name string
		ids  []string
		want error
	}{
		{"unknown id", []string{"work-typical-day", "entry-story", "skills-success", "path-story", "nope"}, ErrUnknownQuestion},
		{"duplicate id", []string{"work-typical-day", "entry-story", "skills-success", "path-story", "path-story"}, ErrDuplicateQuestion},
		{"missing id", []string{"work-typical-day", "entry-story", "skills-success"}, ErrMissingQuestion},
		{"nothing", nil, ErrMissingQuestion},
	}
	for _, tt := range tests {
		got, err := Reorder(g, tt.ids)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
		}
		if !reflect.DeepEqual(got, g) {
			t.Errorf("%s: guide changed on error", tt.name)
		}
	}
}

func TestAdd(t *testing.T) {
	g := guide20(t)
	before := slices.Clone(g.Questions)

	mine := Question{ID: "u-1", Topic: TopicTrends, Text: "How is the new law changing your work?", Hidden: true}
	got, err := Add(g, mine)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"work-typical-day", "entry-story", "skills-success", "path-story", "u-1",
		WhoElseID, "resources-mention-name", "resources-keep-in-touch"}
	if !slices.Equal(ids(got.Questions), want) {
		t.Errorf("add topic question = %v, want %v", ids(got.Questions), want)
	}
	if !reflect.DeepEqual(before, g.Questions) {
		t.Error("add modified its input guide")
	}

	thanks := Question{ID: "u-2", Topic: TopicResources, Text: "What would you like to hear back from me?", Closing: true}
	got, err = Add(got, thanks)
	if err != nil {
		t.Fatal(err)
	}
	if last := got.Questions[len(got.Questions)-1].ID; last != "u-2" {
		t.Errorf("added closing question not last: %v", ids(got.Questions))
	}

	for _, tt := range []struct {
		q    Question
		want error
	}{
		{Question{Topic: TopicWork, Text: "What is it like?"}, ErrNoID},
		{Question{ID: "u-3", Topic: TopicWork, Text: " "}, ErrBlankText},
		{BuiltIns()[0], ErrDuplicateQuestion},
	} {
		if _, err := Add(g, tt.q); !errors.Is(err, tt.want) {
			t.Errorf("Add(%q): error %v, want %v", tt.q.ID, err, tt.want)
		}
	}
}

func TestRemove(t *testing.T) {
	g := guide20(t)
	before := slices.Clone(g.Questions)

	got, err := Remove(g, "skills-success")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"work-typical-day", "entry-story", "path-story",
		WhoElseID, "resources-mention-name", "resources-keep-in-touch"}
	if !slices.Equal(ids(got.Questions), want) {
		t.Errorf("remove = %v, want %v", ids(got.Questions), want)
	}
	if !reflect.DeepEqual(before, g.Questions) {
		t.Error("remove modified its input guide")
	}

	got, err = Remove(got, "resources-keep-in-touch")
	if err != nil {
		t.Fatal(err)
	}
	if last := got.Questions[len(got.Questions)-1].ID; last != "resources-mention-name" {
		t.Errorf("closing questions no longer last: %v", ids(got.Questions))
	}

	if _, err := Remove(g, WhoElseID); !errors.Is(err, ErrRequiredQuestion) {
		t.Errorf("removing who-else: error %v, want %v", err, ErrRequiredQuestion)
	}
	if _, err := Remove(g, "nope"); !errors.Is(err, ErrUnknownQuestion) {
		t.Errorf("removing unknown: error %v, want %v", err, ErrUnknownQuestion)
	}

	// Removing every topic question leaves the closing questions.
	for _, id := range []string{"work-typical-day", "entry-story", "path-story"} {
		if got, err = Remove(got, id); err != nil {
			t.Fatal(err)
		}
	}
	if want := []string{WhoElseID, "resources-mention-name"}; !slices.Equal(ids(got.Questions), want) {
		t.Errorf("after removing all topic questions: %v, want %v", ids(got.Questions), want)
	}
}

func TestEditsKeepClosingLast(t *testing.T) {
	// A malformed guide (closing question in the middle) comes out of any
	// edit with its closing questions last.
	g := guide20(t)
	g.Questions = []Question{g.Questions[0], g.Questions[4], g.Questions[1]}
	check := func(op string, g Guide, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		split(t, g)
	}
	got, err := Add(g, Question{ID: "u-1", Topic: TopicWork, Text: "What is hardest?"})
	check("add", got, err)
	got, err = Remove(g, "entry-story")
	check("remove", got, err)
	got, err = Reorder(g, []string{"entry-story", "work-typical-day"})
	check("reorder", got, err)
}
