package etiquette

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	for _, f := range strings.Fields(os.Getenv("ZZ")) {
		b, _ := os.ReadFile(f)
		c, err := parseCorpusFile(string(b))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("==", f, c.expect)
		for _, x := range Check(c.text, c.ctx) {
			if x.Rule == RuleJobAsk || x.Rule == RuleResumeOffer {
				fmt.Printf("  %s %q %s\n", x.Rule, c.text[x.Start:x.End], pp(c.text, x.Parts))
			}
		}
	}
	for _, s := range strings.Split(os.Getenv("ZS"), "|") {
		if s == "" {
			continue
		}
		fmt.Println("--", s)
		for _, x := range Check(s, Context{}) {
			if x.Rule == RuleJobAsk || x.Rule == RuleResumeOffer {
				fmt.Printf("  %s %q %s\n", x.Rule, s[x.Start:x.End], pp(s, x.Parts))
			}
		}
	}
}

func pp(s string, ps []Part) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "%s=%q ", p.Role, s[p.Start:p.End])
	}
	return b.String()
}
