package etiquette

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of the text.
type token struct {
	start, end int    // byte span in the original text
	norm       string // lowercased, curly apostrophes straightened, é folded to e
	sent       int    // index into analysis.sents
	clause     int    // clause number; negation never reaches across clauses
}

// sentence is a run of tokens ended by . ! ? or a line break.
type sentence struct {
	start, end int // byte span, including the closing punctuation
	t0, t1     int // token range [t0, t1)
	question   bool
}

// analysis is the tokenized text and its parts. It is built once per check
// and read by every rule.
type analysis struct {
	text  string
	toks  []token
	sents []sentence

	hasSubject           bool
	subjStart, subjEnd   int // the subject's value, without "Subject:"
	labelStart, labelEnd int // the label, "Subject:" or "Objet :"
	bodyStart, bodyEnd   int // bytes between the subject line and the signature
	bodyT0, bodyT1       int // tokens of the body
	bodyS0, bodyS1       int // sentences of the body
	subjectT1            int // the subject's tokens are [0, subjectT1)
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"jr": true, "sr": true, "vs": true, "inc": true, "ltd": true, "co": true,
	"dept": true, "univ": true, "approx": true,
}

// closings are the sign-offs that start a signature block.
var closings = map[string]bool{
	"best": true, "best regards": true, "best wishes": true, "regards": true,
	"kind regards": true, "warm regards": true, "warmest regards": true,
	"warmly": true, "warm wishes": true, "sincerely": true, "sincerely yours": true,
	"yours sincerely": true, "yours truly": true, "respectfully": true,
	"thanks": true, "thank you": true, "many thanks": true, "thanks again": true,
	"thank you again": true, "thanks so much": true, "thank you so much": true,
	"with thanks": true, "with gratitude": true, "gratefully": true,
	"with appreciation": true, "all the best": true, "cheers": true,
	"take care": true, "with best wishes": true,
	// Spanish, Portuguese, French, German and Italian sign-offs.
	"saludos": true, "saludos cordiales": true, "un saludo": true, "un cordial saludo": true,
	"atentamente": true, "cordialmente": true, "muchas gracias": true, "gracias": true,
	"atenciosamente": true, "abraços": true, "um abraço": true, "obrigado": true, "obrigada": true,
	"muito obrigado": true, "muito obrigada": true, "cordialement": true, "bien à vous": true,
	"bien cordialement": true, "merci": true, "merci beaucoup": true, "mit freundlichen grüßen": true,
	"freundliche grüße": true, "viele grüße": true, "beste grüße": true, "herzliche grüße": true,
	"vielen dank": true, "danke": true, "cordiali saluti": true, "distinti saluti": true,
	"un cordiale saluto": true, "grazie": true, "grazie mille": true, "saluti": true,
}

// analyze splits text into subject, body and signature, then into sentences
// and words. Offsets always refer to the original text.
func analyze(text string, message bool) *analysis {
	a := &analysis{text: text, bodyEnd: len(text)}
	if message {
		a.findSubject()
		a.findSignature()
	}
	a.tokenize()
	return a
}

// findSubject recognizes an email's first non-blank line when it starts with
// "Subject:".
func (a *analysis) findSubject() {
	t := a.text
	i := 0
	for i < len(t) && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n') {
		i++
	}
	colon := subjectLabel(t[i:])
	if colon < 0 {
		return
	}
	lineEnd := strings.IndexByte(t[i:], '\n')
	if lineEnd < 0 {
		lineEnd = len(t)
	} else {
		lineEnd += i
	}
	s, e := trimSpan(t, i+colon+1, lineEnd)
	a.hasSubject = true
	a.labelStart, a.labelEnd = i, i+colon+1
	a.subjStart, a.subjEnd = s, e
	a.bodyStart = min(lineEnd+1, len(t))
}

// subjectLabels name the subject line in the five other languages the
// soft rules read, besides English: "Asunto:", "Assunto:", "Betreff:",
// "Objet :", "Oggetto:".
var subjectLabels = []string{"subject", "asunto", "assunto", "betreff", "objet", "oggetto"}

// subjectLabel returns the byte index of the colon that ends a subject
// label opening t ("Subject:", "Objet :"), or -1.
func subjectLabel(t string) int {
	for _, l := range subjectLabels {
		if len(t) <= len(l) || !strings.EqualFold(t[:len(l)], l) {
			continue
		}
		j := len(l)
		for j < len(t) && (t[j] == ' ' || t[j] == '\u00a0') {
			j++ // French puts a space before the colon
		}
		if j < len(t) && t[j] == ':' {
			return j
		}
	}
	return -1
}

// findSignature marks where the sign-off starts: a line holding only a
// closing such as "Best," (optionally followed by a short name on the same
// line), or the conventional "-- " separator. Only a line after some body
// text counts, so a message that opens with "Thank you!" keeps its body.
func (a *analysis) findSignature() {
	t := a.text
	seenWords := false
	for ls := a.bodyStart; ls < len(t); {
		le := strings.IndexByte(t[ls:], '\n')
		if le < 0 {
			le = len(t)
		} else {
			le += ls
		}
		s, e := trimSpan(t, ls, le)
		line := t[s:e]
		if seenWords && (line == "--" || isClosingLine(line)) {
			a.bodyEnd = ls
			return
		}
		if s < e {
			seenWords = true
		}
		ls = le + 1
	}
}

func isClosingLine(line string) bool {
	if len(line) > 40 {
		return false
	}
	head, rest, hasComma := strings.Cut(line, ",")
	head = strings.ToLower(strings.TrimRight(strings.TrimSpace(head), "!."))
	if !closings[head] {
		return false
	}
	// "Thanks, Dana" is a closing; "Thanks, that was so helpful" is not.
	return !hasComma || len(strings.Fields(rest)) <= 3 && !strings.ContainsAny(rest, ".?!")
}

func trimSpan(t string, s, e int) (int, int) {
	for s < e && (t[s] == ' ' || t[s] == '\t' || t[s] == '\r') {
		s++
	}
	for e > s && (t[e-1] == ' ' || t[e-1] == '\t' || t[e-1] == '\r') {
		e--
	}
	return s, e
}

// tokenize fills toks and sents. Sentence breaks are . ! ? followed by space,
// a blank line, a line break followed by anything but a lowercase letter (a
// hard-wrapped sentence continues in lowercase, in the same clause), and the
// edges of the subject and signature. Clause breaks are , ; : ( ) quotes and
// dashes, and the words "but", "however", "although", "though".
func (a *analysis) tokenize() {
	t := a.text
	a.toks = make([]token, 0, len(t)/5+4)
	a.sents = make([]sentence, 0, len(t)/60+2)
	clause := 0
	sentStart := -1 // byte where the open sentence started, -1 if none
	sentT0 := 0

	closeSentence := func(end int, question bool) {
		if sentStart >= 0 && len(a.toks) > sentT0 {
			a.sents = append(a.sents, sentence{start: sentStart, end: end, t0: sentT0, t1: len(a.toks), question: question})
		}
		sentStart = -1
		sentT0 = len(a.toks)
		clause++
	}

	// Region edges (body start, signature start) force a sentence break,
	// so a subject never runs into the body, and record where each region's
	// tokens and sentences begin.
	edges := [2]int{a.bodyStart, a.bodyEnd}
	nextEdge := 0
	crossEdge := func() {
		if sentStart >= 0 {
			closeSentence(a.toks[len(a.toks)-1].end, false)
		}
		if nextEdge == 0 {
			a.subjectT1 = len(a.toks)
			a.bodyT0, a.bodyS0 = len(a.toks), len(a.sents)
		} else {
			a.bodyT1, a.bodyS1 = len(a.toks), len(a.sents)
		}
		nextEdge++
	}

	i := 0
	for i < len(t) {
		for nextEdge < len(edges) && i >= edges[nextEdge] {
			crossEdge()
		}
		r, size := rune(t[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(t[i:])
		}
		if isWordRune(r) {
			j := scanWord(t, i)
			if sentStart < 0 {
				sentStart = i
			}
			norm := normalize(t[i:j])
			if j-i <= 3 && j-i >= 2 {
				norm = assistantPost(t[i:j], norm)
			}
			switch norm {
			case "but", "however", "although", "though":
				clause++
			}
			a.toks = append(a.toks, token{start: i, end: j, norm: norm, sent: len(a.sents), clause: clause})
			i = j
			continue
		}
		switch r {
		case '.', '!', '?':
			end := i + size
			for end < len(t) && (t[end] == '.' || t[end] == '!' || t[end] == '?') {
				if t[end] == '?' {
					r = '?'
				}
				end++
			}
			if r == '.' && a.isAbbreviationBefore(i) {
				break
			}
			if end == len(t) || !isWordRune(firstRune(t[end:])) {
				closeSentence(end, r == '?' || strings.IndexByte(t[i:end], '?') >= 0)
				i = end
				continue
			}
		case '\uff1f', '\u061f', '\uff01', '\u3002':
			// The full-width question and exclamation marks and the
			// ideographic full stop of Chinese and Japanese, and the Arabic
			// question mark, end a sentence with or without a space after.
			closeSentence(i+size, r == '\uff1f' || r == '\u061f')
			i += size
			continue
		case ',', ';', ':', '(', ')', '"', '[', ']', '\u201c', '\u201d', '\u2014', '\u2013':
			clause++
		case '\n':
			j := i + 1
			for j < len(t) && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r') {
				j++
			}
			blank := j < len(t) && t[j] == '\n'
			// A line going on in lowercase is a hard-wrapped sentence: the
			// clause goes on too, so "I am not\nasking for a job" stays negated.
			if blank || j == len(t) || !unicode.IsLower(firstRune(t[j:])) {
				if sentStart >= 0 {
					closeSentence(a.toks[len(a.toks)-1].end, false)
				}
			}
		}
		i += size
	}
	if sentStart >= 0 {
		closeSentence(a.toks[len(a.toks)-1].end, false)
	}
	for nextEdge < len(edges) {
		crossEdge()
	}
}

// isAbbreviationBefore reports whether the period at i closes "Dr", "Ms",
// an initial ("J.") or "e.g." rather than a sentence.
func (a *analysis) isAbbreviationBefore(i int) bool {
	if len(a.toks) == 0 {
		return false
	}
	last := a.toks[len(a.toks)-1]
	if last.end != i {
		return false
	}
	if abbreviations[last.norm] {
		return true
	}
	return len(last.norm) == 1 && last.norm != "i" && unicode.IsLetter(rune(last.norm[0]))
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// scanWord returns the end of the word starting at i. Apostrophes inside a
// word stay in it ("don't", "Joe's"); a period or comma between digits stays
// in a number ("1.5", "1,000"); hyphens split words so "15-minute" gives 15
// and minute.
func scanWord(t string, i int) int {
	j := i
	prevDigit := false
	for j < len(t) {
		r, size := rune(t[j]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(t[j:])
		}
		switch {
		case isWordRune(r):
			prevDigit = r >= '0' && r <= '9'
			j += size
			continue
		case isApostrophe(r) && j > i && j+size < len(t) && unicode.IsLetter(firstRune(t[j+size:])):
			j += size
			continue
		case (r == '.' || r == ',') && prevDigit && j+1 < len(t) && t[j+1] >= '0' && t[j+1] <= '9':
			j++
			continue
		}
		break
	}
	return j
}

// assistantPost reads a capital PA, RA or TA as the post it names (a
// physician's, production, research or teaching assistant): "if you need
// any PAs on your next shoot", "an RA post in your lab". Written small,
// "pa" and "pas" are other words (French "pas" negates).
func assistantPost(raw, norm string) string {
	switch raw {
	case "PA", "RA", "TA":
		return "assistant"
	case "PAs", "RAs", "TAs":
		return "assistants"
	}
	return norm
}

// normalize lowercases a word without allocating in the common ASCII case.
func normalize(w string) string {
	clean := true
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			clean = false
			break
		}
	}
	if clean {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch r {
		case '\u2019':
			r = '\''
		case 'é', 'è', 'ê', 'ë', 'É', 'È':
			r = 'e'
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// span returns the byte span of tokens [t0, t1).
func (a *analysis) span(t0, t1 int) (int, int) {
	return a.toks[t0].start, a.toks[t1-1].end
}

// quote returns the words of a span on one line, for messages.
func (a *analysis) quote(start, end int) string {
	return strings.Join(strings.Fields(a.text[start:end]), " ")
}

// bodyWords returns the byte offset of each word between the subject and
// the signature. A word is a whitespace-separated run holding a letter or a
// digit: that is what "100 words" means to a person counting by eye, so
// "follow-up" is one word here although it is two tokens.
func (a *analysis) bodyWords() []int {
	var starts []int
	t := a.text
	for k := a.bodyStart; k < a.bodyEnd; {
		for k < a.bodyEnd && isSpace(t[k]) {
			k++
		}
		ws, counted := k, false
		for k < a.bodyEnd && !isSpace(t[k]) {
			r, size := utf8.DecodeRuneInString(t[k:])
			if !counted && isWordRune(r) {
				starts = append(starts, ws)
				counted = true
			}
			k += size
		}
	}
	return starts
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// LineCol converts a byte offset in text to a 1-based line and a 1-based
// column counted in runes, as linters print them. Offsets outside the text
// are clamped to it.
func LineCol(text string, offset int) (line, col int) {
	offset = max(0, min(offset, len(text)))
	lineStart := strings.LastIndexByte(text[:offset], '\n') + 1
	line = strings.Count(text[:lineStart], "\n") + 1
	return line, utf8.RuneCountInString(text[lineStart:offset]) + 1
}
