package store

import "testing"

func TestSnippet(t *testing.T) {
	tests := []struct {
		name, text string
		terms      []string
		n          int
		want       string
	}{
		{"marks every match, keeps punctuation", "Grants, grants and more grants.", []string{"grant"}, 16,
			"<mark>Grants</mark>, <mark>grants</mark> and more <mark>grants</mark>."},
		{"escapes HTML", `She said <b>"hi"</b> & left`, []string{"hi"}, 16,
			`She said &lt;b&gt;&#34;<mark>hi</mark>&#34;&lt;/b&gt; &amp; left`},
		{"windows around the first match", "one two three four five six seven eight nine ten eleven twelve", []string{"nine"}, 4,
			"… eight <mark>nine</mark> ten eleven …"},
		{"folds line breaks", "first line\n\n  second line", []string{"second"}, 16, "first line <mark>second</mark> line"},
		{"no match shows the start", "alpha beta gamma", []string{"zeta"}, 2, "alpha beta …"},
		{"empty text", "", []string{"x"}, 16, ""},
		{"stemmed match", "She was running late", []string{"runnin"}, 16, "She was <mark>running</mark> late"},
	}
	for _, tt := range tests {
		if got := snippet(tt.text, tt.terms, tt.n); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
