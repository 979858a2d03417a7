package etiquette

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The corpus in testdata/corpus holds hand-written messages, one per file.
// A file is a header of "key: value" lines, a line "---", then the message
// exactly as the user would write it:
//
//	channel: email            email, letter, phone or social (default email)
//	kind: first_request       a Kind (default first_request)
//	contact: Maria Lopez      optional
//	referrer: Joe Serra       optional
//	commonality: UMass        optional
//	minutes: 20               optional
//	expect: job_ask no_time   the rule ids Check must report, or "none"
//	note: why it is here      optional, for the reader
//	---
//	Subject: ...
type corpusCase struct {
	file   string
	text   string
	ctx    Context
	expect []string
}

func loadCorpus(t *testing.T) []corpusCase {
	t.Helper()
	return loadSet(t, "corpus")
}

func parseCorpusFile(s string) (corpusCase, error) {
	var c corpusCase
	header, text, ok := strings.Cut(s, "\n---\n")
	if !ok {
		return c, fmt.Errorf("no --- line between header and message")
	}
	c.text = text
	haveExpect := false
	for _, line := range strings.Split(header, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return c, fmt.Errorf("header line %q is not key: value", line)
		}
		value = strings.TrimSpace(value)
		var err error
		switch strings.TrimSpace(key) {
		case "channel":
			c.ctx.Channel, err = ParseChannel(value)
		case "kind":
			c.ctx.Kind, err = ParseKind(value)
		case "contact":
			c.ctx.ContactName = value
		case "referrer":
			c.ctx.ReferrerName = value
		case "commonality":
			c.ctx.Commonality = value
		case "minutes":
			if value != "" { // optional: an empty value says none was asked
				c.ctx.Minutes, err = strconv.Atoi(value)
			}
		case "expect":
			haveExpect = true
			if value != "none" {
				c.expect = strings.Fields(strings.ReplaceAll(value, ",", " "))
			}
		case "note":
		default:
			err = fmt.Errorf("unknown header key %q", key)
		}
		if err != nil {
			return c, err
		}
	}
	if !haveExpect {
		return c, fmt.Errorf("no expect: line (write expect: none for a clean message)")
	}
	slices.Sort(c.expect)
	return c, nil
}

func TestCorpus(t *testing.T) {
	cases := loadCorpus(t)
	if len(cases) < 60 {
		t.Errorf("corpus has %d messages, want at least 60", len(cases))
	}
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
	}
	covered := map[string]bool{}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.file, ".txt"), func(t *testing.T) {
			for _, id := range c.expect {
				if !known[id] {
					t.Fatalf("expect names unknown rule %q", id)
				}
				covered[id] = true
			}
			fs := Check(c.text, c.ctx)
			var got []string
			for _, f := range fs {
				if !slices.Contains(got, f.Rule) {
					got = append(got, f.Rule)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, c.expect) {
				var b strings.Builder
				for _, f := range fs {
					line, col := LineCol(c.text, f.Start)
					fmt.Fprintf(&b, "\n  %d:%d %s %q", line, col, f.Rule, c.text[f.Start:f.End])
				}
				t.Errorf("rules = %v, want %v%s", got, c.expect, b.String())
			}
		})
	}
	for id := range known {
		if !covered[id] {
			t.Errorf("no corpus message expects %s", id)
		}
	}
}
