package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNetworkInEveryFormat(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	h.run(0, "person", "add", "Joe Serra", "--source", "professor")
	h.run(0, "person", "add", "Dana Brown", "--referred-by", "Joe Serra", "--field", "Public policy")
	h.run(0, "person", "add", "Ann Lee", "--referred-by", "Dana")
	h.run(0, "person", "add", "Cy Cold", "--source", "cold")
	h.run(0, "convo", "add", "Dana")
	h.run(0, "log", "1", "requested", "--at", "-2d")

	text := h.run(0, "network")
	for _, want := range []string{"├─ Cy Cold (#4): cold · no conversation\n",
		"└─ Joe Serra (#1): cold · no conversation · suggested 1\n",
		"   └─ Dana Brown (#2): hot · requested · 1 conversation · suggested 1\n",
		"      └─ Ann Lee (#3): cold · no conversation\n", "Referral depth: 2 suggestions in a row at most.\nConversations held: 0.\n", "SOURCE"} {
		if !strings.Contains(text, want) {
			t.Errorf("text: no %q in\n%s", want, text)
		}
	}
	var g struct {
		People []struct {
			Name      string `json:"name"`
			Suggested []struct {
				Name   string `json:"name"`
				Warmth string `json:"warmth"`
				Stage  string `json:"stage"`
			} `json:"suggested"`
		} `json:"people"`
		Figures struct {
			ReferralDepth int `json:"referral_depth"`
		} `json:"figures"`
	}
	for _, args := range [][]string{{"network", "--format", "json"}, {"--json", "network"}} {
		out := h.run(0, args...)
		if err := json.Unmarshal([]byte(out), &g); err != nil || len(g.People) != 2 || g.People[1].Name != "Joe Serra" ||
			g.People[1].Suggested[0].Warmth != "hot" || g.People[1].Suggested[0].Stage != "requested" || g.Figures.ReferralDepth != 2 {
			t.Errorf("%v: %v\n%s", args, err, out)
		}
	}
	// The field keeps Joe, who leads to Dana, and leaves Cy out.
	field := h.run(0, "network", "--field", "Public policy", "--format", "dot")
	if !strings.Contains(field, "p1 -> p2 [label=\"suggested\"]") || strings.Contains(field, "Cy Cold") || !strings.Contains(field, "URL=\"http://127.0.0.1:8080/people/2\"") {
		t.Errorf("dot for the field:\n%s", field)
	}
	file := filepath.Join(t.TempDir(), "network.svg")
	h.run(0, "network", "--format", "svg", "-o", file, "--base-url", "https://ally.example.org")
	svg, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(svg), `xmlns="http://www.w3.org/2000/svg"`) || !strings.Contains(string(svg), `href="https://ally.example.org/people/3"`) {
		t.Errorf("svg file: %v\n%s", err, svg)
	}

	for _, bad := range [][]string{{"network", "--format", "png"}, {"network", "--field", "Astronomy"}} {
		_, errOut, code := h.exec(bad...)
		if code == 0 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: exit %d, %q", bad, code, errOut)
		}
	}
}
