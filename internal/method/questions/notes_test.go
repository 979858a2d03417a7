package questions

import (
	"reflect"
	"strings"
	"testing"
)

func TestHeadingTopic(t *testing.T) {
	tests := []struct {
		heading string
		want    Topic // "" for no topic
	}{
		{"The work itself", TopicWork},
		{"the WORK itself", TopicWork},
		{"path", TopicPath},
		{"Career path", TopicPath},
		{"Work environment", TopicEnvironment},
		{"Resources and people", TopicResources},
		{"A typical week", TopicWork},
		{"A typical day", TopicWork},
		{"What makes someone successful", TopicSkills},
		{"Skills", TopicSkills},
		{"Path", TopicPath},
		{"Lifestyle", TopicLifestyle},
		{"Lifestyle and environment", TopicLifestyle},
		{"Motivation and path", TopicEntry},
		{"Environment and trends", TopicEnvironment},
		{"Trends", TopicTrends},
		{"Names", TopicResources},
		{"Who else to talk to", TopicResources},
		{"Pay and hours", TopicLifestyle},
		{"Culture", TopicEnvironment},
		{"Advice", ""},
		{"To look up", ""},
		{"Where she differs from Marcus", ""},
		{"Opening", ""},
		{"", ""},
		{"!!!", ""},
	}
	for _, tt := range tests {
		got, ok := HeadingTopic(tt.heading)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("HeadingTopic(%q) = %q, %v; want %q", tt.heading, got, ok, tt.want)
		}
	}
}

func TestSplitNotes(t *testing.T) {
	tests := []struct {
		name    string
		md      string
		general string
		topics  map[Topic]string
	}{
		{
			name:    "no headings: all general",
			md:      "Met at the café.\n\n- kind\n",
			general: "Met at the café.\n\n- kind",
			topics:  map[Topic]string{},
		},
		{
			name: "hand-written notes with topic and other headings",
			md: "**Opening:** said I am exploring.\n\n### A typical week\n- Two courses\n\n### Path\n- B.S. then PhD\n\n" +
				"### Advice\n- Take the elective\n\n### Names\n- **Marcus**\n",
			general: "**Opening:** said I am exploring.\n\n### Advice\n- Take the elective",
			topics:  map[Topic]string{TopicWork: "- Two courses", TopicPath: "- B.S. then PhD", TopicResources: "- **Marcus**"},
		},
		{
			name:    "two sections of one topic are joined",
			md:      "## Pay\n$60k\n## Hours\n45 a week\n",
			general: "",
			topics:  map[Topic]string{TopicLifestyle: "$60k\n\n45 a week"},
		},
		{
			name:    "deeper headings stay inside their topic section",
			md:      "## Lifestyle\nIntro\n### Pay\n$60k\n### Advice\nSave\n## Advice\nGeneral advice\n",
			general: "## Advice\nGeneral advice",
			topics:  map[Topic]string{TopicLifestyle: "Intro\n### Pay\n$60k\n### Advice\nSave"},
		},
		{
			name:    "headings in code fences are text",
			md:      "## Trends\n```\n## Path\n```\nmore\n",
			general: "",
			topics:  map[Topic]string{TopicTrends: "```\n## Path\n```\nmore"},
		},
		{
			name:    "a hashtag is not a heading; closing hashes are dropped",
			md:      "#path is a tag\n## Path ##\nsteps\n",
			general: "#path is a tag",
			topics:  map[Topic]string{TopicPath: "steps"},
		},
		{
			name:    "empty topic sections count for nothing",
			md:      "## Path\n\n## Trends\nAI everywhere\n",
			general: "",
			topics:  map[Topic]string{TopicTrends: "AI everywhere"},
		},
		{
			name:    "windows line endings",
			md:      "## Path\r\nsteps\r\n",
			general: "",
			topics:  map[Topic]string{TopicPath: "steps"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitNotes(tt.md)
			if got.General != tt.general {
				t.Errorf("general = %q, want %q", got.General, tt.general)
			}
			if !reflect.DeepEqual(got.Topics, tt.topics) {
				t.Errorf("topics = %q, want %q", got.Topics, tt.topics)
			}
		})
	}
}

func TestJoinNotesRoundTrips(t *testing.T) {
	topics := map[Topic]string{
		TopicWork:      "- plans all day\n### Mornings\n- email first",
		TopicResources: "Ask **Dana**.",
		TopicTrends:    "  \n",
	}
	general := "Lovely person.\n\n### Advice\n- read more"
	md := JoinNotes(general, topics)
	want := "Lovely person.\n\n### Advice\n- read more\n\n## The work itself\n\n- plans all day\n### Mornings\n- email first\n\n## Resources and people\n\nAsk **Dana**.\n"
	if md != want {
		t.Fatalf("JoinNotes =\n%s\nwant\n%s", md, want)
	}
	back := SplitNotes(md)
	if back.General != general {
		t.Errorf("general after round trip = %q", back.General)
	}
	delete(topics, TopicTrends)
	if !reflect.DeepEqual(back.Topics, topics) {
		t.Errorf("topics after round trip = %q", back.Topics)
	}
	if got := back.Covered(); !reflect.DeepEqual(got, []Topic{TopicWork, TopicResources}) {
		t.Errorf("Covered = %v", got)
	}
	if JoinNotes("", nil) != "" {
		t.Error("nothing to join should give empty notes")
	}
}

func TestSkillWordsIn(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []string
	}{
		{"emphasised words", "Skill words: *technical writing*, *GIS*, *R or Stata*.", []string{"technical writing", "GIS", "R or Stata"}},
		{"plain commas", "- skill words: budgeting; listening, Excel.", []string{"budgeting", "listening", "Excel"}},
		{"bold label", "**Skill words:** _synthesis_, _survey design_", []string{"synthesis", "survey design"}},
		{"duplicates ignoring case across lines", "Skill words: *GIS*\nSkill words: *gis*, *SQL*", []string{"GIS", "SQL"}},
		{"no label", "Skills: *GIS*\nskill wordsmith: x", nil},
		{"phrase with quotes", `Skill words: *saying "we don't know" in print*`, []string{`saying "we don't know" in print`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SkillWordsIn(tt.md); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SkillWordsIn(%q) = %q, want %q", tt.md, got, tt.want)
			}
		})
	}
}

func TestSplitNotesNeverLosesText(t *testing.T) {
	md := "intro\n## Path\nA\n### Sub\nB\n## Advice\nC\n# Trends\nD\n```\n# Pay\n```\n"
	s := SplitNotes(md)
	all := s.General
	for _, text := range s.Topics {
		all += "\n" + text
	}
	for _, w := range []string{"intro", "A", "### Sub", "B", "## Advice", "C", "D", "# Pay"} {
		if !strings.Contains(all, w) {
			t.Errorf("%q lost: %+v", w, s)
		}
	}
}
