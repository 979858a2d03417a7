package web

import (
	"strings"
	"testing"
)

func TestFieldPageShowsWhatTheFieldTaught(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		policy := b.id("field", "Public policy")
		r := b.get("/fields/" + policy)
		if r.status != 200 {
			t.Fatalf("status %d", r.status)
		}
		wantIn(t, "field page", readable(r.body), "What this field taught", "Who I talked to", "Side by side",
			"Topics nobody covered yet", "Skill words for your resume", "Referrals", "Hannah Whitfield")
		wantIn(t, "field page", r.body, `href="/fields/`+policy+`/report.md" download`, `href="/fields/`+policy+`/report.html" download`,
			`class="report-wrap" role="region" aria-labelledby="taught" tabindex="0"`)
		if strings.Contains(r.body, "<style") {
			t.Errorf("the section brought the report's own style sheet into the page")
		}
		// A field without held conversations says so.
		wantIn(t, "new field", readable(b.get("/fields/"+b.id("field", "UX research")).body), "What this field taught")
	})
}

func TestFieldReportDownloads(t *testing.T) {
	b := newBrowser(t, true)
	policy := b.id("field", "Public policy")
	tests := []struct {
		path, ctype, file string
		want              []string
	}{
		{"/fields/" + policy + "/report.md", "text/markdown; charset=utf-8", "what-public-policy-taught.md",
			[]string{"# What I learned about Public policy", "Hannah Whitfield"}},
		{"/fields/" + policy + "/report.html", "text/html; charset=utf-8", "what-public-policy-taught.html",
			[]string{"<!DOCTYPE html>", "<style>", "What I learned about Public policy", "@media print"}},
	}
	for _, tt := range tests {
		r := b.get(tt.path)
		if r.status != 200 {
			t.Fatalf("%s: status %d", tt.path, r.status)
		}
		if got := r.header.Get("Content-Type"); got != tt.ctype {
			t.Errorf("%s: Content-Type %q", tt.path, got)
		}
		if got := r.header.Get("Content-Disposition"); got != `attachment; filename=`+tt.file {
			t.Errorf("%s: Content-Disposition %q", tt.path, got)
		}
		wantIn(t, tt.path, r.body, tt.want...)
	}
	// The page's own inline style sheet is allowed; scripts are not.
	csp := b.get("/fields/" + policy + "/report.html").header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "style-src 'unsafe-inline'") || strings.Contains(csp, "script-src") {
		t.Errorf("report CSP %q", csp)
	}
	if r := b.get("/fields/99999/report.md"); r.status != 404 {
		t.Errorf("an unknown field's report: %d", r.status)
	}
}

func TestReportFilename(t *testing.T) {
	for _, tt := range []struct{ field, want string }{
		{"Public policy", "what-public-policy-taught.md"},
		{"UX / research!", "what-ux-research-taught.md"},
		{"Économie sociale", "what-économie-sociale-taught.md"},
		{"???", "what-field-taught.md"},
	} {
		if got := reportFilename(tt.field, "md"); got != tt.want {
			t.Errorf("reportFilename(%q) = %q, want %q", tt.field, got, tt.want)
		}
	}
}
