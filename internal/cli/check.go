package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
)

// CheckOut is what `ally check --json` prints.
type CheckOut struct {
	Findings []etiquette.Finding `json:"findings"`
}

// maxMessageBytes bounds what check, sent and template read: a message, not a book.
const maxMessageBytes = 1 << 20

// readText reads a file, or standard input for "" and "-".
func (a *app) readText(name string) (string, error) {
	var r io.Reader = a.env.Stdin
	if name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", fmt.Errorf("read message: %w", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxMessageBytes+1))
	if err != nil {
		return "", fmt.Errorf("read message: %w", err)
	}
	if len(b) > maxMessageBytes {
		return "", model.Invalid("file", "the message is over %d bytes", maxMessageBytes)
	}
	if !utf8.Valid(b) {
		return "", model.Invalid("file", "the message is not UTF-8 text")
	}
	return string(b), nil
}

// parseKindChannel reads --kind and --channel; empty means first request by email.
func parseKindChannel(kind, channel string) (etiquette.Kind, etiquette.Channel, error) {
	k, err := etiquette.ParseKind(kind)
	if err != nil {
		return "", "", usageError{err}
	}
	ch, err := etiquette.ParseChannel(channel)
	if err != nil {
		return "", "", usageError{err}
	}
	return k, ch, nil
}

func (a *app) checkCommand() *cobra.Command {
	var kind, channel string
	var explain bool
	var c etiquette.Context
	cmd := &cobra.Command{
		Use:   "check [FILE|-]",
		Short: "Check a message against the method's etiquette, like a linter (exit 1 on an error)",
		Long: `Check reads a message (from FILE, or standard input) and prints what would
put the professional off, one finding a line: line:col rule [severity] message.
An email may start with a "Subject:" line. Errors (asking for a job, offering a
resume) make the exit status 1; warnings alone leave it 0.

Tell what you know of the person, and the checker says more: --referrer checks
that you name who suggested the contact (and the subject line), --commonality
that you say what you share, --minutes sizes the time to ask for.

--explain shows, under each job ask or resume offer, the parts of the sentence
that made it (the target: a job, an opening, hiring, the resume; the ask: a
question, a wish, a condition, a verb; and for whom: the writer) and a
suggested rewrite of the sentence.`,
		Example: `  ally check request.txt --referrer "Joe Serra"
  ally draft "Dana Brown" | ally check - --referrer "Joe Serra"
  ally check thanks.txt --kind thank_you --json
  ally check request.txt --explain`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			var err error
			if c.Kind, c.Channel, err = parseKindChannel(kind, channel); err != nil {
				return err
			}
			if c.Minutes < 0 || c.Minutes > 24*60 {
				return model.Invalid("minutes", "must be between 0 and 1440")
			}
			name := ""
			if len(as) == 1 {
				name = as[0]
			}
			text, err := a.readText(name)
			if err != nil {
				return err
			}
			fs := etiquette.Check(text, c)
			if fs == nil {
				fs = []etiquette.Finding{}
			}
			if err := a.emit(CheckOut{fs}, func(w io.Writer) { printFindingsExplained(w, text, fs, explain) }); err != nil {
				return err
			}
			if etiquette.HasErrors(fs) {
				return fmt.Errorf("the message has %s: fix %s before sending", countWords(countErrors(fs), "error", "errors"), pluralIt(countErrors(fs)))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&channel, "channel", "email", "email, letter, phone (a script) or social")
	fl.StringVar(&kind, "kind", "first_request", "first_request, follow_up, confirm, thank_you, report_back, keep_in_touch or feeler")
	fl.StringVar(&c.ReferrerName, "referrer", "", "who suggested the contact")
	fl.StringVar(&c.Commonality, "commonality", "", "what you share with the person")
	fl.StringVar(&c.ContactName, "contact", "", "the person you write to")
	fl.IntVar(&c.Minutes, "minutes", 0, "minutes you intend to ask for")
	fl.BoolVar(&explain, "explain", false, "show which parts of the sentence made each job ask or resume offer, and a rewrite")
	return cmd
}

// printFindings writes findings like a linter, each with the words concerned.
func printFindings(w io.Writer, text string, fs []etiquette.Finding) {
	printFindingsExplained(w, text, fs, false)
}

// partLabels name the parts of a finding as --explain prints them.
var partLabels = map[string]string{
	etiquette.PartTarget:      "target",
	etiquette.PartAsk:         "ask",
	etiquette.PartBeneficiary: "for",
	etiquette.PartPhrase:      "phrase",
}

// printFindingsExplained is printFindings with, when explain is set, the
// parts that made each finding and the suggested rewrite.
func printFindingsExplained(w io.Writer, text string, fs []etiquette.Finding, explain bool) {
	if len(fs) == 0 {
		fmt.Fprintln(w, "No findings.")
		return
	}
	for _, f := range fs {
		line, col := etiquette.LineCol(text, f.Start)
		fmt.Fprintf(w, "%d:%d %s [%s] %s\n", line, col, f.Rule, f.Severity, f.Message)
		if q := quoteSpan(text, f.Start, f.End); q != "" {
			fmt.Fprintf(w, "    > %s\n", q)
		}
		if explain {
			printExplanation(w, text, f)
		}
	}
	errs := countErrors(fs)
	fmt.Fprintf(w, "%s, %s.\n", countWords(errs, "error", "errors"), countWords(len(fs)-errs, "warning", "warnings"))
}

// printExplanation writes the parts of a finding on one line, then its
// rewrite: `target "seat" · ask "Should" · for "I"`.
func printExplanation(w io.Writer, text string, f etiquette.Finding) {
	if len(f.Parts) > 0 {
		var parts []string
		hasFor := false
		for _, p := range f.Parts {
			hasFor = hasFor || p.Role == etiquette.PartBeneficiary
			parts = append(parts, fmt.Sprintf("%s %q", partLabels[p.Role], quoteSpan(text, p.Start, p.End)))
		}
		if !hasFor && f.Parts[0].Role == etiquette.PartTarget {
			parts = append(parts, "for the writer (implied)")
		}
		fmt.Fprintf(w, "    why: %s\n", strings.Join(parts, " · "))
	}
	if f.Rewrite != "" {
		fmt.Fprintf(w, "    rewrite: %s\n", f.Rewrite)
	}
}

// quoteSpan is the text of a span on one line, shortened to about 70 characters.
func quoteSpan(text string, start, end int) string {
	start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
	if start >= end {
		return ""
	}
	q := strings.Join(strings.Fields(text[start:end]), " ")
	if utf8.RuneCountInString(q) > 70 {
		r := []rune(q)
		q = string(r[:67]) + "..."
	}
	return q
}

func countErrors(fs []etiquette.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == etiquette.Error {
			n++
		}
	}
	return n
}

func countWords(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func pluralIt(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
