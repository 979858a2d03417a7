package cli

import (
	"strings"
	"testing"
)

// A person added with a referrer gets source referral and a reach-out on
// the agenda; adding the same name again through a referral is refused
// with the person offered, unless --new.
func TestReferredPersonIsAReachOutAndNotADuplicate(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	h.run(0, "person", "add", "Sam Okafor")
	h.run(0, "person", "add", "Tom Becker", "--org", "City Hall", "--referred-by", "Sam Okafor", "--may-use-name", "no")
	show := h.run(0, "person", "show", "Tom Becker")
	for _, want := range []string{"referral", "no, do not use their name"} {
		if !strings.Contains(show, want) {
			t.Errorf("person show lacks %q:\n%s", want, show)
		}
	}
	next := h.run(0, "next", "--at", "2030-01-01T09:00:00Z")
	if !strings.Contains(next, "reach_out-p2") || !strings.Contains(next, "Tom Becker (suggested by Sam Okafor)") {
		t.Errorf("no reach-out in:\n%s", next)
	}
	_, errOut, code := h.exec("person", "add", "tom becker", "--org", "city hall", "--referred-by", "Sam Okafor")
	if code != 1 || !strings.Contains(errOut, "already in your people") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("duplicate: exit %d, %q", code, errOut)
	}
	h.run(0, "person", "add", "Tom Becker", "--org", "Elsewhere", "--referred-by", "Sam Okafor") // another organization
	h.run(0, "person", "add", "Tom Becker", "--org", "City Hall", "--referred-by", "Sam Okafor", "--new")
	_, errOut, code = h.exec("person", "add", "Ann", "--may-use-name", "perhaps")
	if code != 1 || !strings.Contains(errOut, "not an answer") {
		t.Errorf("bad answer: exit %d, %q", code, errOut)
	}
}
