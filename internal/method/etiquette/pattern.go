package etiquette

import (
	"fmt"
	"strconv"
	"strings"
)

// Phrase tables are written in a small word-pattern language rather than as
// regular expressions: a line reads like the phrase it catches, matching
// works on words (so spans land on word edges and "don't" is one word), and
// all tables are scanned together in one pass over the words, which keeps a
// check well under the 200 µs budget.
//
// A pattern is a list of elements separated by spaces, matched against
// consecutive lowercased words of one sentence:
//
//	word      that word (apostrophes straight: i'm, don't)
//	a|b|c     any one of the alternatives
//	pre*      any word starting with pre (attach* catches attached, attaching)
//	[a|b]     an optional element, taken when it matches
//	~N        up to N arbitrary words, as few as possible
//	$         the phrase must end its sentence (last element only)
//	@name     all the words of a macro (see macros), usable as an alternative
//
// The first element must be a plain, required word element, so patterns can
// be indexed by their first word.

// group names the table a phrase belongs to; one scan serves all groups.
type group uint8

const (
	gJobAsk      group = iota // asks for a job, an opening, a referral to a posting
	gResume                   // offers or attaches a resume
	gInvited                  // "as you suggested": the resume was asked for
	gPurpose                  // says the aim is to learn from their experience
	gFlexibility              // offers to fit their schedule or take a call
	gBigTime                  // asks for more than a short meeting (lunch, an afternoon)
	gAsk                      // marks the sentence that carries the request
	gEasyLookup               // a question a website answers
	gOpenForm                 // yes/no in form but open in practice ("Could you tell me…")
	gThanks                   // says thank you
	numGroups
)

// phrase is one line of a table.
type phrase struct {
	g group
	p string
	// soft marks a job_ask phrase that the much-later feeler note may use:
	// PRODUCT.md allows that note to hope to hear of openings, never to
	// ask outright.
	soft bool
}

type element struct {
	words    []string
	prefixes []string
	optional bool
	gap      int // > 0: skip up to gap words
}

func (e *element) matches(w string) bool {
	for _, x := range e.words {
		if x == w {
			return true
		}
	}
	for _, p := range e.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

type pattern struct {
	phrase
	elems []element
	atEnd bool
}

func compilePattern(ph phrase) (pattern, error) {
	p := pattern{phrase: ph}
	fields := strings.Fields(ph.p)
	for i, f := range fields {
		switch {
		case f == "$":
			if i != len(fields)-1 {
				return p, fmt.Errorf("pattern %q: $ must come last", ph.p)
			}
			p.atEnd = true
			continue
		case strings.HasPrefix(f, "~"):
			n, err := strconv.Atoi(f[1:])
			if err != nil || n < 1 {
				return p, fmt.Errorf("pattern %q: bad gap %q", ph.p, f)
			}
			p.elems = append(p.elems, element{gap: n})
			continue
		}
		var e element
		if strings.HasPrefix(f, "[") && strings.HasSuffix(f, "]") {
			e.optional = true
			f = f[1 : len(f)-1]
		}
		for _, alt := range strings.Split(f, "|") {
			if strings.HasPrefix(alt, "@") {
				words, ok := macros[alt[1:]]
				if !ok {
					return p, fmt.Errorf("pattern %q: unknown macro %q", ph.p, alt)
				}
				e.words = append(e.words, strings.Fields(words)...)
				continue
			}
			switch {
			case alt == "" || strings.ContainsAny(alt, "[]~$"):
				return p, fmt.Errorf("pattern %q: bad element %q", ph.p, f)
			case strings.HasSuffix(alt, "*"):
				e.prefixes = append(e.prefixes, strings.TrimSuffix(alt, "*"))
			default:
				e.words = append(e.words, alt)
			}
		}
		p.elems = append(p.elems, e)
	}
	if len(p.elems) == 0 {
		return p, fmt.Errorf("empty pattern")
	}
	if first := p.elems[0]; first.optional || first.gap > 0 || len(first.prefixes) > 0 {
		return p, fmt.Errorf("pattern %q: must start with a required plain word", ph.p)
	}
	if p.elems[len(p.elems)-1].gap > 0 {
		return p, fmt.Errorf("pattern %q: cannot end with a gap", ph.p)
	}
	return p, nil
}

// matchFrom tries elems against toks[i:lim] and returns the end of the
// match. Optional elements are greedy so spans include them; gaps are lazy
// so spans stay tight.
func (p *pattern) matchFrom(elems []element, toks []token, i, lim int) (int, bool) {
	if len(elems) == 0 {
		if p.atEnd && i != lim {
			return 0, false
		}
		return i, true
	}
	e := &elems[0]
	if e.gap > 0 {
		for k := 0; k <= e.gap && i+k <= lim; k++ {
			if end, ok := p.matchFrom(elems[1:], toks, i+k, lim); ok {
				return end, true
			}
		}
		return 0, false
	}
	if i < lim && e.matches(toks[i].norm) {
		if end, ok := p.matchFrom(elems[1:], toks, i+1, lim); ok {
			return end, true
		}
	}
	if e.optional {
		return p.matchFrom(elems[1:], toks, i, lim)
	}
	return 0, false
}

// phraseIndex holds every table, indexed by first word. It is built once
// and only read afterwards.
type phraseIndex struct {
	pats    []pattern
	byFirst map[string][]int
}

func newPhraseIndex(tables ...[]phrase) (*phraseIndex, error) {
	ix := &phraseIndex{byFirst: make(map[string][]int)}
	for _, table := range tables {
		for _, ph := range table {
			p, err := compilePattern(ph)
			if err != nil {
				return nil, err
			}
			n := len(ix.pats)
			ix.pats = append(ix.pats, p)
			for _, w := range p.elems[0].words {
				ix.byFirst[w] = append(ix.byFirst[w], n)
			}
		}
	}
	return ix, nil
}

// match is one phrase found in the text: tokens [t0, t1).
type match struct {
	pat    *pattern
	t0, t1 int
}

// matches is the result of one scan, split by group.
type matches [numGroups][]match

// scan finds every phrase in tokens [t0, t1), never across a sentence end.
// At each word only the longest match per group is kept.
func (ix *phraseIndex) scan(a *analysis, t0, t1 int) *matches {
	var out matches
	for i := t0; i < t1; i++ {
		cands := ix.byFirst[a.toks[i].norm]
		if len(cands) == 0 {
			continue
		}
		st := a.sents[a.toks[i].sent]
		lim := min(st.t1, t1)
		var best [numGroups]int
		var bestPat [numGroups]*pattern
		for _, c := range cands {
			p := &ix.pats[c]
			end, ok := p.matchFrom(p.elems[1:], a.toks, i+1, lim)
			if ok && end > best[p.g] {
				best[p.g], bestPat[p.g] = end, p
			}
		}
		for g, p := range bestPat {
			if p != nil {
				out[g] = append(out[g], match{pat: p, t0: i, t1: best[g]})
			}
		}
	}
	return &out
}
