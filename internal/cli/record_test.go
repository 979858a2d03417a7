package cli

import (
	"strings"
	"testing"
)

// field and org add and edit are one pair of commands each: add takes the
// name and the user's default target; edit changes only the flags given
// and keeps the rest; a bad value or an unknown record is one clear line
// and a non-zero exit.
func TestFieldAndOrgAddAndEditChangeOnlyTheFlagsGiven(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	wantIn := func(what, out string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: %q not in\n%s", what, w, out)
			}
		}
	}
	wantIn("field add", h.run(0, "field", "add", "Public policy", "--why", "budgets"), "Added field Public policy (id 1), aiming for 3 perspectives.")
	wantIn("field edit", h.run(0, "field", "edit", "Public policy", "--target", "5", "--notes", "Read the state budget."), "Saved field Public policy (id 1).")
	wantIn("field show", h.run(0, "--json", "field", "show", "1"), `"why": "budgets"`, `"target": 5`, `"notes": "Read the state budget."`)
	wantIn("field rename", h.run(0, "field", "edit", "1", "--name", "Budget policy"), "Saved field Budget policy (id 1).")
	wantIn("field show", h.run(0, "--json", "field", "show", "1"), `"why": "budgets"`, `"target": 5`)

	wantIn("org add", h.run(0, "org", "add", "Keystone Institute", "--website", "https://keystone.example.org"), "Added organization Keystone Institute (id 1).")
	wantIn("org edit", h.run(0, "org", "edit", "Keystone", "--notes", "Publishes in spring."), "Saved organization Keystone Institute (id 1).")
	wantIn("org show", h.run(0, "--json", "org", "show", "1"), `"website": "https://keystone.example.org"`, `"notes": "Publishes in spring."`)

	_, errOut, code := h.exec("org", "edit", "Nowhere Inc", "--notes", "x")
	if code == 0 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("editing an unknown organization: exit %d, %q", code, errOut)
	}
	_, errOut, code = h.exec("field", "edit", "1", "--target", "many")
	if code == 0 || !strings.Contains(errOut, "target") {
		t.Errorf("a target that is no number: exit %d, %q", code, errOut)
	}
	if _, _, code = h.exec("org", "add", "Other", "--name", "x"); code == 0 {
		t.Errorf("org add takes its name as the argument, not --name")
	}
}
