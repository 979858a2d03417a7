package etiquette

// questionRules are the rules CheckQuestion runs on a question for a guide.
// resume_offer is included because "Can I send you my resume?" is as wrong in
// a guide as in a request.
var questionRules = []RuleInfo{
	{ID: RuleJobAsk, Severity: Error, Summary: "asks for a job, an opening, a referral to a posting or help applying"},
	{ID: RuleResumeOffer, Severity: Error, Summary: "offers or asks them to look at a resume"},
	{ID: RuleEasyLookup, Severity: Warning, Summary: "answerable from their website or a quick search"},
	{ID: RuleClosedQuestion, Severity: Warning, Summary: "invites a yes or no where an open question would serve"},
}

// QuestionRules describes the rules CheckQuestion applies.
func QuestionRules() []RuleInfo {
	out := make([]RuleInfo, len(questionRules))
	copy(out, questionRules)
	return out
}

// auxiliaries open a yes/no question.
var auxiliaries = map[string]bool{
	"do": true, "does": true, "did": true, "is": true, "are": true, "was": true,
	"were": true, "am": true, "have": true, "has": true, "had": true, "will": true,
	"would": true, "should": true, "shall": true, "can": true, "could": true,
	"may": true, "might": true, "must": true, "isn't": true, "aren't": true,
	"don't": true, "doesn't": true, "didn't": true, "wouldn't": true,
}

// leadIns start a subordinate clause before the real question: in "If you
// were starting now, would you train the same way?" the question starts
// after the comma.
var leadIns = map[string]bool{
	"if": true, "when": true, "as": true, "looking": true, "knowing": true,
	"given": true, "since": true, "after": true, "before": true, "thinking": true,
	"in": true, "for": true, "beyond": true, "now": true, "today": true,
}

// CheckQuestion reviews one question (or a few) written for a conversation
// guide: job_ask and resume_offer (errors), easy_lookup and closed_question
// (warnings). Findings are sorted by position.
func CheckQuestion(text string) []Finding {
	a := analyze(text, false)
	ch := &checker{a: a, c: Context{Kind: FirstRequest}, m: phrases.scan(a, 0, len(a.toks)), out: make([]Finding, 0, 2)}
	ch.jobAsk(&rule{RuleInfo: questionRules[0]})
	ch.resumeOffer(&rule{RuleInfo: questionRules[1]})
	easy := &rule{RuleInfo: questionRules[2]}
	for _, m := range ch.m[gEasyLookup] {
		s, e := a.span(m.t0, m.t1)
		ch.addPhrase(easy, s, e, `Their website or a quick search answers this ("%s"), so look it up beforehand and ask something only they can tell you.`)
	}
	closed := &rule{RuleInfo: questionRules[3]}
	for si, st := range a.sents {
		if !st.question && len(a.sents) > 1 {
			continue // a statement among questions; a lone line is a question without its mark
		}
		if ch.hasFindingIn(st.start, st.end) {
			continue // a job ask is the problem to fix, not the question's form
		}
		if ch.isClosed(si) {
			ch.add(closed, st.start, st.end, `This question invites a plain yes or no, so open it with what, how or why, for example "What do you enjoy most about your work?"`)
		}
	}
	sortFindings(ch.out)
	return ch.out
}

// isClosed reports whether sentence si is a yes/no question: it opens (after
// any lead-in clause) with an auxiliary verb, and is not one of the forms
// that are open in practice.
func (ch *checker) isClosed(si int) bool {
	a := ch.a
	st := a.sents[si]
	t0 := st.t0
	if leadIns[a.toks[t0].norm] {
		// Skip to the first word of the next clause, if any.
		for k := t0 + 1; k < st.t1; k++ {
			if a.toks[k].clause != a.toks[t0].clause {
				t0 = k
				break
			}
		}
	}
	if !auxiliaries[a.toks[t0].norm] {
		return false
	}
	for _, m := range ch.m[gOpenForm] {
		if m.t0 == t0 {
			return false
		}
	}
	return true
}

func (ch *checker) hasFindingIn(start, end int) bool {
	for _, f := range ch.out {
		if f.Start < end && start < f.End {
			return true
		}
	}
	return false
}
