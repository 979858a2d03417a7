package markdown

import (
	"strings"
	"testing"
)

func TestNotesAreRenderedSafely(t *testing.T) {
	tests := []struct {
		h             Headings
		in, want, not string
	}{
		{FromH3, "**bold** and [a link](https://example.org)", `<strong>bold</strong>`, ""},
		{FromH3, "[a link](https://example.org)", `rel="nofollow noreferrer"`, ""},
		{FromH3, "<script>alert(1)</script>", "", "<script"},
		{Bold, "<script>alert(1)</script>", "", "<script"},
		{FromH3, `<img src=x onerror="alert(1)">`, "", "onerror"},
		{Bold, "[click](javascript:alert(1))", "", "javascript:"},
		{FromH3, "[click](javascript:alert(1))", "", "javascript:"},
		{FromH3, "# Title\n\n## Part", "<h3", "<h1"},
		{FromH3, "### Deep\n\n#### Deeper", "<h3>Deep</h3>", "<h5"},
		{Bold, "# Title\n\nText", "<p><strong>Title</strong></p>", "<h"},
		{FromH3, "- [x] researched", `type="checkbox"`, ""},
		{FromH3, "<div style=\"position:fixed\">x</div>", "", "style="},
		{Bold, "", "", "<"},
	}
	for _, tt := range tests {
		got := string(New(tt.h).HTML(tt.in))
		if tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("HTML(%q) = %q, want %q in it", tt.in, got, tt.want)
		}
		if tt.not != "" && strings.Contains(got, tt.not) {
			t.Errorf("HTML(%q) = %q, which has %q", tt.in, got, tt.not)
		}
	}
}
