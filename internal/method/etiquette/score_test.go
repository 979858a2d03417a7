package etiquette

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The checker is scored on two sets of messages written blind, by people
// briefed only with the method's etiquette (never the rules or the code):
//
//   - testdata/dev holds the development set: tune on it freely, and fix a
//     label that is clearly wrong (saying so in the file's note).
//   - testdata/testset holds the test set: it is scored, never tuned on,
//     and its labels are never edited. Every score it ever gave is appended
//     to testdata/test-set-log.md, so the figure cannot drift upward by
//     swapping failing messages out.
//
// The goal (issue 13): on the test set, job_ask and resume_offer recall at
// least 95% with no error-level false alarm, and every soft rule the
// writers were asked to break at least 90% recall.

// scoredRules are the rules the sets are labelled for, errors first.
var scoredRules = []string{RuleJobAsk, RuleResumeOffer, RuleNoTime, RuleTooMuchTime, RuleTooLong,
	RuleNoQuestion, RuleNoPurpose, RuleNoFlexibility, RuleNoReferrer, RuleSelfFocus}

// recallGoal is the lowest recall each rule may have, in percent.
func recallGoal(rule string) float64 {
	if rule == RuleJobAsk || rule == RuleResumeOffer {
		return 95
	}
	return 90
}

// ruleScore is one rule's line in a score table.
type ruleScore struct {
	rule            string
	labelled, found int      // messages labelled with the rule; of those, how many Check caught
	missed          []string // labelled but not found
	falseAlarms     []string // found but not labelled
}

func (s ruleScore) recall() float64 {
	if s.labelled == 0 {
		return 100
	}
	return 100 * float64(s.found) / float64(s.labelled)
}

// setScore scores Check on a set of labelled messages.
type setScore struct {
	messages int
	rules    []ruleScore
}

func scoreCases(cases []corpusCase) setScore {
	sc := setScore{messages: len(cases)}
	for _, id := range scoredRules {
		rs := ruleScore{rule: id}
		for _, c := range cases {
			got := slices.ContainsFunc(Check(c.text, c.ctx), func(f Finding) bool { return f.Rule == id })
			want := slices.Contains(c.expect, id)
			switch {
			case want && got:
				rs.labelled++
				rs.found++
			case want:
				rs.labelled++
				rs.missed = append(rs.missed, c.file)
			case got:
				rs.falseAlarms = append(rs.falseAlarms, c.file)
			}
		}
		sc.rules = append(sc.rules, rs)
	}
	return sc
}

// failures lists what keeps the set below the goal, one line each.
func (sc setScore) failures() []string {
	var out []string
	for _, rs := range sc.rules {
		if rs.labelled > 0 && rs.recall() < recallGoal(rs.rule) {
			out = append(out, fmt.Sprintf("%s recall %.1f%% < %.0f%% (missed: %s)", rs.rule, rs.recall(), recallGoal(rs.rule), strings.Join(rs.missed, ", ")))
		}
		if (rs.rule == RuleJobAsk || rs.rule == RuleResumeOffer) && len(rs.falseAlarms) > 0 {
			out = append(out, fmt.Sprintf("%s false alarms: %s", rs.rule, strings.Join(rs.falseAlarms, ", ")))
		}
	}
	return out
}

// table is the score as a Markdown table, the form the log keeps.
func (sc setScore) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d messages\n\n", sc.messages)
	b.WriteString("| rule | labelled | found | recall | goal | false alarms | missed | false alarm messages |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---|---|\n")
	for _, rs := range sc.rules {
		fmt.Fprintf(&b, "| %s | %d | %d | %.1f%% | %.0f%% | %d | %s | %s |\n", rs.rule, rs.labelled, rs.found, rs.recall(),
			recallGoal(rs.rule), len(rs.falseAlarms), strings.Join(rs.missed, " "), strings.Join(rs.falseAlarms, " "))
	}
	return b.String()
}

func loadSet(t *testing.T, dir string) []corpusCase {
	t.Helper()
	return loadDir(t, filepath.Join("testdata", dir))
}

// loadDir reads every message of a directory in the corpus form.
func loadDir(t *testing.T, dir string) []corpusCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := parseCorpusFile(strings.ReplaceAll(string(b), "\r\n", "\n"))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		c.file = filepath.Base(f)
		out = append(out, c)
	}
	return out
}

// TestDevSetScore scores the development set and the hand-written corpus
// the checker was tuned on. Run with -v to see the table.
func TestDevSetScore(t *testing.T) {
	cases := append(loadSet(t, "dev"), loadSet(t, "corpus")...)
	sc := scoreCases(cases)
	t.Logf("development set score\n%s", sc.table())
	for _, f := range sc.failures() {
		t.Error(f)
	}
}

// TestTestSetScore scores the held-out test set and prints the table (run
// with -v). Every score must be in the log: the test fails when the score
// differs from the log's last entry, so a change to the checker that moves
// the test-set figure is recorded before it is merged.
//
// The goal is met since entry 11 (859 messages: job_ask 97.4%,
// resume_offer 98.2%, every soft rule at 90% or more, no error-level
// false alarm), so a score below it fails the test: it can never fall
// back unnoticed.
//
// Between a change of the set (failing messages moved out, fresh ones
// added) and its next logged score, the log ends with a line "Awaiting a
// score: N messages." naming the set's new size. While the set has exactly
// that many files the test does not score it (tuning must not see it) and
// skips; the one scoring run of the next entry sets ALLY_SCORE_TEST_SET=1.
func TestTestSetScore(t *testing.T) {
	logged, err := os.ReadFile(filepath.Join("testdata", "test-set-log.md"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "testset", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if n := awaitingScore(string(logged)); n > 0 && n == len(files) && os.Getenv("ALLY_SCORE_TEST_SET") == "" {
		t.Skipf("the test set (%d messages) changed after the last logged score and awaits its next entry: it is scored once, with ALLY_SCORE_TEST_SET=1", n)
	}
	cases := loadSet(t, "testset")
	if len(cases) < 100 {
		t.Fatalf("the test set has %d messages, want at least 100", len(cases))
	}
	sc := scoreCases(cases)
	table := sc.table()
	t.Logf("test set score\n%s", table)
	for _, f := range sc.failures() {
		t.Errorf("below the goal: %s", f)
	}
	if last := lastLoggedTable(string(logged)); last != strings.TrimSpace(table) {
		t.Errorf("the test-set score is not the last one in testdata/test-set-log.md: append it (date, table, failing messages) before anything else.\nlogged:\n%s\nnow:\n%s", last, table)
	}
}

// lastLoggedTable returns the last score table of the log, from its
// "N messages" line to its last row.
func lastLoggedTable(log string) string {
	i := strings.LastIndex(log, "\n| rule | labelled")
	if i < 0 {
		return ""
	}
	head := strings.TrimRight(log[:i], "\n")
	start := strings.LastIndex(head, "\n") + 1 // the "N messages" line
	var rows []string
	for _, line := range strings.Split(log[i+1:], "\n") {
		if !strings.HasPrefix(line, "|") {
			break
		}
		rows = append(rows, line)
	}
	return head[start:] + "\n\n" + strings.Join(rows, "\n")
}

// awaitingScore returns N when the log ends (after its last score table)
// with the line "Awaiting a score: N messages.", else 0.
func awaitingScore(log string) int {
	if i := strings.LastIndex(log, "\n| rule | labelled"); i >= 0 {
		log = log[i:]
	}
	const prefix = "Awaiting a score: "
	n := 0
	for _, line := range strings.Split(log, "\n") {
		if rest, ok := strings.CutPrefix(line, prefix); ok {
			if v, err := strconv.Atoi(strings.TrimSuffix(rest, " messages.")); err == nil {
				n = v
			}
		}
	}
	return n
}

func TestAwaitingScore(t *testing.T) {
	table := "\n| rule | labelled |\n|---|---|\n| job_ask | 1 |\n"
	for _, c := range []struct {
		log  string
		want int
	}{
		{"# Log\n\n3 messages\n" + table, 0},
		{"# Log\n\n3 messages\n" + table + "\n## Moved\n\nAwaiting a score: 5 messages.\n", 5},
		{"# Log\n\nAwaiting a score: 5 messages.\n\n3 messages\n" + table, 0}, // scored since
		{"# Log\n\n3 messages\n" + table + "\nAwaiting a score: five messages.\n", 0},
	} {
		if got := awaitingScore(c.log); got != c.want {
			t.Errorf("awaitingScore(%q) = %d, want %d", c.log, got, c.want)
		}
	}
}

func TestLastLoggedTable(t *testing.T) {
	log := "# Log\n\n## 1. first\n\n3 messages\n\n| rule | labelled |\n|---|---|\n| job_ask | 1 |\n\nBelow the goal:\n\n## 2. second\n\n4 messages\n\n| rule | labelled |\n|---|---|\n| job_ask | 2 |\n\nBelow the goal:\n- x\n"
	want := "4 messages\n\n| rule | labelled |\n|---|---|\n| job_ask | 2 |"
	if got := lastLoggedTable(log); got != want {
		t.Errorf("lastLoggedTable = %q, want %q", got, want)
	}
	if got := lastLoggedTable("no table"); got != "" {
		t.Errorf("lastLoggedTable of a log without a table = %q, want empty", got)
	}
}

// TestScoreDir scores a directory of blind messages in testdata/dev's form
// that the checker has not been tuned on, before they join development:
//
//	ALLY_SCORE_DIR=/work/blind/d8 go test ./internal/method/etiquette -run TestScoreDir -v
//
// It prints the table and, per error rule, the messages missed and the
// false alarms with the words found, so a fresh batch's untuned score can
// be recorded first. It refuses the test set (never tuned on, scored only
// by TestTestSetScore) and skips without the variable.
func TestScoreDir(t *testing.T) {
	dir := os.Getenv("ALLY_SCORE_DIR")
	if dir == "" {
		t.Skip("set ALLY_SCORE_DIR to a directory of blind development messages")
	}
	if strings.Contains(filepath.ToSlash(dir), "testset") {
		t.Fatal("the test set is scored by TestTestSetScore only")
	}
	cases := loadDir(t, dir)
	sc := scoreCases(cases)
	t.Logf("score of %s\n%s", dir, sc.table())
	for _, c := range cases {
		for _, f := range Check(c.text, c.ctx) {
			if (f.Rule == RuleJobAsk || f.Rule == RuleResumeOffer) && !slices.Contains(c.expect, f.Rule) {
				t.Logf("false alarm %s %s: %q", c.file, f.Rule, c.text[f.Start:f.End])
			}
		}
	}
}
