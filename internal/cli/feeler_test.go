package cli

import (
	"strings"
	"testing"
)

// A field is marked as pursued with field add/edit --pursuing, shown by
// field show, and until then `ally draft --kind feeler` explains why it
// writes a keep-in-touch note instead.
func TestFieldPursuingAndTheFeelerGate(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	h.run(0, "field", "add", "Museum education", "--pursuing")
	if out := h.run(0, "field", "show", "Museum education"); !strings.Contains(out, "You are pursuing this field") {
		t.Fatalf("field show does not say it is pursued:\n%s", out)
	}
	if out := h.run(0, "--json", "field", "show", "Museum education"); !strings.Contains(out, `"pursuing": true`) {
		t.Fatalf("field show --json: %s", out)
	}
	h.run(0, "person", "add", "Ines Moreau", "--field", "Museum education", "--email", "ines@example.org")
	draft := func() string {
		t.Helper()
		_, notes, code := h.exec("draft", "Ines Moreau", "--kind", "feeler")
		if code != 0 {
			t.Fatalf("draft --kind feeler: exit %d\n%s", code, notes)
		}
		return notes // the notes go to stderr, the text to stdout
	}
	if notes := draft(); !strings.Contains(notes, "not a feeler note yet") || !strings.Contains(notes, "none is logged yet") {
		t.Fatalf("a feeler before any thank-you:\n%s", notes)
	}
	h.run(0, "field", "edit", "Museum education", "--pursuing=false")
	if out := h.run(0, "field", "show", "Museum education"); strings.Contains(out, "pursuing") {
		t.Fatalf("--pursuing=false kept the mark:\n%s", out)
	}
	if notes := draft(); !strings.Contains(notes, "field you are pursuing") {
		t.Fatalf("a feeler for a field not pursued:\n%s", notes)
	}
}
