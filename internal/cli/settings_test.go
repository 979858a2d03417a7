package cli

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

func TestSettingsPrintATableAndJSONOnlyOnRequest(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	out := h.run(0, "settings")
	if strings.Contains(out, "{") || !regexp.MustCompile(`(?m)^thank_hours +12$`).MatchString(out) ||
		!regexp.MustCompile(`(?m)^smtp_password +not set$`).MatchString(out) ||
		!regexp.MustCompile(`(?m)^time_zone +America/New_York$`).MatchString(out) {
		t.Fatalf("ally settings is not a readable table:\n%s", out)
	}

	h.run(0, "settings", "--set", "smtp_password=hunter2-secret", "--set", `keep_in_touch_by_tag={"mentor":30,"alum":60}`)
	out = h.run(0, "settings")
	if strings.Contains(out, "hunter2") || !regexp.MustCompile(`(?m)^smtp_password +set$`).MatchString(out) ||
		!regexp.MustCompile(`(?m)^keep_in_touch_by_tag +alum=60, mentor=30$`).MatchString(out) {
		t.Fatalf("the table after setting a password and tags:\n%s", out)
	}

	out = h.run(0, "--json", "settings")
	var s map[string]any
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("--json is not JSON: %v\n%s", err, out)
	}
	if s["smtp_password"] != "set" || s["thank_hours"].(float64) != 12 || strings.Contains(out, "hunter2") {
		t.Fatalf("ally --json settings: %s", out)
	}
	if strings.Index(out, `"time_zone"`) > strings.Index(out, `"smtp_tls"`) {
		t.Errorf("the JSON keys lost the declared order:\n%s", out)
	}
}
