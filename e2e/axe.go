package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// AxePath is axe-core's script, relative to the repo root (npm devDependency).
const AxePath = "node_modules/axe-core/axe.min.js"

type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		// A target is a list of selectors, one per frame or shadow root, and
		// each of those can itself be a list; keep it as JSON.
		Target  json.RawMessage `json:"target"`
		HTML    string          `json:"html"`
		Summary string          `json:"failureSummary"`
	} `json:"nodes"`
}

// The result is trimmed in the page: the full axe result holds every passed
// check too, and can run to megabytes.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary}))
})))`

// Axe runs axe-core on the page the tab shows now, with axe's default rules
// (WCAG 2.x A and AA plus best practices), and fails the test listing every
// violation: rule id, impact, help text and each offending node.
func Axe(t testing.TB, ctx context.Context) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(RepoRoot(t), AxePath))
	Require(t, err == nil, AxePath)

	actx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	loaded, err := chromedp.Run(actx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	if !loaded {
		if err := chromedp.Do(actx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
			t.Fatalf("axe: inject %s: %v", AxePath, err)
		}
	}
	violations, err := chromedp.Run(actx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: run: %v", err)
	}
	if len(violations) == 0 {
		return
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	var b strings.Builder
	fmt.Fprintf(&b, "axe: %d violation(s) on %s", len(violations), loc)
	for _, v := range violations {
		fmt.Fprintf(&b, "\n- %s [%s] %s (%s)", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n    at %s\n       %s", n.Target, n.HTML)
			if n.Summary != "" {
				fmt.Fprintf(&b, "\n       %s", strings.ReplaceAll(n.Summary, "\n", "\n       "))
			}
		}
	}
	t.Error(b.String())
}
