package etiquette

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// phrases is every table compiled into one index, built once at start-up
// and only read afterwards.
var phrases = mustIndex(jobAskPhrases, resumePhrases, invitedPhrases, purposePhrases, flexibilityPhrases,
	bigTimePhrases, askPhrases, thanksPhrases, easyLookupPhrases, openFormPhrases)

func mustIndex(tables ...[]phrase) *phraseIndex {
	ix, err := newPhraseIndex(tables...)
	if err != nil {
		panic("etiquette: " + err.Error()) // the tables are source code; a test compiles them
	}
	return ix
}

// The longest first request the method recommends, in minutes.
const maxFirstRequestMinutes = 30

// suggestedMinutes is the time Ally proposes when the user has not said.
const suggestedMinutes = 20

// Rule ids.
const (
	RuleJobAsk             = "job_ask"
	RuleResumeOffer        = "resume_offer"
	RuleNoReferrer         = "no_referrer"
	RuleSubjectNotReferrer = "subject_not_referrer"
	RuleNoCommonality      = "no_commonality"
	RuleNoTime             = "no_time"
	RuleTooMuchTime        = "too_much_time"
	RuleNoPurpose          = "no_purpose"
	RuleNoQuestion         = "no_question"
	RuleNoFlexibility      = "no_flexibility"
	RuleTooLong            = "too_long"
	RuleSelfFocus          = "self_focus"
	RuleNoThanks           = "no_thanks"
	RuleEasyLookup         = "easy_lookup"
	RuleClosedQuestion     = "closed_question"
)

// RuleInfo describes a rule, for help pages and `ally check --help`.
type RuleInfo struct {
	ID       string    `json:"id"`
	Severity Severity  `json:"severity"`
	Kinds    []Kind    `json:"kinds"`              // the message kinds it applies to; empty for question rules
	Channels []Channel `json:"channels,omitempty"` // empty means every channel
	Summary  string    `json:"summary"`
}

type rule struct {
	RuleInfo
	run func(*checker, *rule)
}

var (
	allKinds      = Kinds()
	requestKinds  = []Kind{FirstRequest, FollowUp}
	notFeelerKind = []Kind{FirstRequest, FollowUp, Confirm, ThankYou, ReportBack, KeepInTouch}
)

// messageRules are the rules Check runs, in the order they are documented.
// Which kinds each applies to is the method, not an implementation detail:
//   - a follow-up restates the request, so it is held to the same rules;
//   - confirmations, thank-yous, report-backs and keep-in-touch notes ask for
//     nothing, so only job_ask, resume_offer and too_long (and no_thanks for
//     a thank-you) apply;
//   - the feeler note, sent much later and only if the user pursues the
//     field, is where PRODUCT.md allows a resume: resume_offer does not apply
//     to it, and job_ask lets through the soft "if you hear of an opening"
//     and "keep me in mind" while still catching a direct ask.
var messageRules = []rule{
	{RuleInfo{ID: RuleJobAsk, Severity: Error, Kinds: allKinds,
		Summary: "asks or hopes for a job, an opening, a referral to a posting or to hiring, to be kept in mind, offers to work for them, or says the writer is applying"}, (*checker).jobAsk},
	{RuleInfo{ID: RuleResumeOffer, Severity: Error, Kinds: notFeelerKind,
		Summary: "attaches, encloses, sends, offers, links to or points to a resume or CV"}, (*checker).resumeOffer},
	{RuleInfo{ID: RuleNoReferrer, Severity: Warning, Kinds: requestKinds,
		Summary: "the contact came through a referrer who is not named"}, (*checker).noReferrer},
	{RuleInfo{ID: RuleSubjectNotReferrer, Severity: Warning, Kinds: []Kind{FirstRequest}, Channels: []Channel{Email},
		Summary: `with a referrer, the subject is not simply "<Referrer> suggested I contact you"`}, (*checker).subjectNotReferrer},
	{RuleInfo{ID: RuleNoCommonality, Severity: Warning, Kinds: requestKinds,
		Summary: "with no referrer, the shared connection (school, association, article) is not mentioned"}, (*checker).noCommonality},
	{RuleInfo{ID: RuleNoTime, Severity: Warning, Kinds: requestKinds,
		Summary: "no bounded time is asked for"}, (*checker).timeRules},
	{RuleInfo{ID: RuleTooMuchTime, Severity: Warning, Kinds: requestKinds,
		Summary: "more than 30 minutes is asked for (an hour, an afternoon, lunch, a tour)"}, nil}, // reported by timeRules
	{RuleInfo{ID: RuleNoPurpose, Severity: Warning, Kinds: requestKinds,
		Summary: "does not say the aim is to learn from their experience and field"}, (*checker).noPurpose},
	{RuleInfo{ID: RuleNoQuestion, Severity: Warning, Kinds: requestKinds,
		Summary: "the ask is not phrased as a question"}, (*checker).noQuestion},
	{RuleInfo{ID: RuleNoFlexibility, Severity: Warning, Kinds: requestKinds,
		Summary: "does not offer to meet at their convenience or to take a call instead"}, (*checker).noFlexibility},
	{RuleInfo{ID: RuleTooLong, Severity: Warning, Kinds: allKinds,
		Summary: "over 100 words (email, social, phone script) or 200 (letter), subject and signature excluded; 150 and 250 for notes sent after the meeting"}, (*checker).tooLong},
	{RuleInfo{ID: RuleSelfFocus, Severity: Warning, Kinds: requestKinds,
		Summary: `far more "I/me/my" than "you/your", or the connection and the ask buried after a long self-description`}, (*checker).selfFocus},
	{RuleInfo{ID: RuleNoThanks, Severity: Warning, Kinds: []Kind{ThankYou},
		Summary: "a thank-you note that never says thank you"}, (*checker).noThanks},
}

// Rules describes the rules Check applies, and to which kinds of message.
func Rules() []RuleInfo {
	out := make([]RuleInfo, len(messageRules))
	for i, r := range messageRules {
		out[i] = r.RuleInfo
		out[i].Kinds = slices.Clone(r.Kinds)
		out[i].Channels = slices.Clone(r.Channels)
	}
	return out
}

func (r *rule) appliesTo(c Context) bool {
	return slices.Contains(r.Kinds, c.Kind) && (len(r.Channels) == 0 || slices.Contains(r.Channels, c.Channel))
}

// Check reviews a message against the method's etiquette and returns the
// problems found, sorted by position. An email may start with a
// "Subject:" line. Word counts and the presence rules (purpose, time,
// flexibility...) ignore a signature block starting with a closing such as
// "Best," or "-- "; job_ask and resume_offer read everything, a postscript
// included. An unknown kind is checked as a first request and an unknown
// channel as email.
func Check(text string, c Context) []Finding {
	c = c.normalized()
	if !slices.Contains(Kinds(), c.Kind) {
		c.Kind = FirstRequest
	}
	if !slices.Contains(Channels(), c.Channel) {
		c.Channel = Email
	}
	a := analyze(text, true)
	ch := &checker{a: a, c: c, m: phrases.scan(a, 0, len(a.toks)), out: make([]Finding, 0, 4)}
	for i := range messageRules {
		r := &messageRules[i]
		if r.run != nil && r.appliesTo(c) {
			r.run(ch, r)
		}
	}
	sortFindings(ch.out)
	return ch.out
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(x, y Finding) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return x.End - y.End
	})
}

// checker carries one check's state.
type checker struct {
	a   *analysis
	c   Context
	m   *matches
	out []Finding

	det     *detector // built on first use by jobAsk or resumeOffer
	noModel bool      // the structure and the phrase tables only (to train the model)

	asksDone bool
	softDone bool
	soft     uint8 // what the foreign lexicons found (foreign.go)
	asks     []int // sentences carrying the request
	durs     []duration
}

func (ch *checker) add(r *rule, start, end int, msg string) {
	ch.out = append(ch.out, Finding{Rule: r.ID, Severity: r.Severity, Message: msg, Start: start, End: end})
}

// addPhrase reports a matched phrase unless an earlier finding of the same
// rule already covers part of it.
func (ch *checker) addPhrase(r *rule, start, end int, format string) {
	for i := len(ch.out) - 1; i >= 0; i-- {
		if f := ch.out[i]; f.Rule == r.ID && start < f.End && f.Start < end {
			return
		}
	}
	ch.add(r, start, end, fmt.Sprintf(format, ch.a.quote(start, end)))
}

// inMessage reports whether a match lies in the subject or body, not in the
// signature.
func (ch *checker) inMessage(m match) bool { return m.t0 < ch.a.bodyT1 }

func (ch *checker) found(g group) bool {
	for _, m := range ch.m[g] {
		if ch.inMessage(m) {
			return true
		}
	}
	return false
}

// negators turn the phrase that follows into its opposite: "I am not asking
// for a job" is the honest thing to say.
var negators = map[string]bool{
	"not": true, "never": true, "no": true, "nor": true, "neither": true,
	"without": true, "cannot": true,
	// Contractions typed without the apostrophe (phones, non-native
	// writers): "I dont ask for job", "im not looking", "i wont ask".
	"dont": true, "doesnt": true, "didnt": true, "wont": true, "wouldnt": true, "cant": true,
	"isnt": true, "arent": true, "wasnt": true, "werent": true, "havent": true, "shouldnt": true, "couldnt": true,
	// French, Italian, Portuguese, Dutch and German: "mon CV n'est pas
	// joint", "non porterò il curriculum", "não", "niet", "nicht", "geen".
	"pas": true, "non": true, "nao": true, "niet": true, "nicht": true, "geen": true, "kein": true, "keine": true, "keinen": true,
}

// negated reports whether a negation governs the match: a negator inside it
// or in the four words before it, within the same clause.
func (ch *checker) negated(m match) bool {
	toks := ch.a.toks
	for k := m.t1 - 1; k >= max(0, m.t0-4); k-- {
		if k < m.t0 && (toks[k].clause != toks[m.t0].clause || toks[k].sent != toks[m.t0].sent) {
			break
		}
		if ch.isNegator(k) {
			return true
		}
	}
	return ch.negatedThroughOr(m.t0)
}

// negatedThroughOr reports whether the words from t0 on are the second
// half of a negated "or": "I won't ask you to forward my résumé or put in a
// word", "I'm not after a job or an internship". The negation reaches past
// the "or" inside its clause, up to twelve words back.
func (ch *checker) negatedThroughOr(t0 int) bool {
	toks := ch.a.toks
	or := -1
	for k := t0 - 1; k >= max(0, t0-12); k-- {
		if toks[k].clause != toks[t0].clause || toks[k].sent != toks[t0].sent {
			return false
		}
		switch {
		case toks[k].norm == "or" || toks[k].norm == "nor":
			if or < 0 {
				or = k
			}
		case or >= 0 && ch.isNegator(k):
			return true
		}
	}
	return false
}

// portugueseNoIn follow "no" as "in the", not as a negation.
var portugueseNoIn = wordSet(`meu seu teu nosso linkedin perfil site drive github`)

func (ch *checker) isNegator(k int) bool {
	toks := ch.a.toks
	w := toks[k].norm
	prev := ""
	if k > 0 {
		prev = toks[k-1].norm
	}
	switch {
	case w == "than" && prev == "rather", w == "of" && prev == "instead":
		return true
	case !negators[w] && !strings.HasSuffix(w, "n't"):
		return false
	}
	// Portuguese "no" is "in the" before a possessive or a place: "Meu
	// currículo está no meu LinkedIn".
	if w == "no" && k+1 < len(toks) && portugueseNoIn[toks[k+1].norm] {
		return false
	}
	// "at no charge", "no strings attached": an offer's terms, not a denial.
	if (w == "no" || w == "without") && k+1 < len(toks) {
		switch toks[k+1].norm {
		case "charge", "cost", "fee", "strings", "payment", "pay":
			return false // "without payment": the terms again
		}
	}
	if politeHedge(toks, k) {
		return false // "si no es mucho preguntar", "if it's not too much to ask": a courtesy, not a denial
	}
	// "don't hesitate to", "not only … but": negative words that do not negate.
	if k+1 < len(toks) {
		switch toks[k+1].norm {
		case "hesitate", "only", "just", "mind":
			return false // "if you wouldn't mind passing it along" is a request
		}
	}
	return true
}

// jobAsk reports each sentence that asks for a job. The structure
// detector (detect.go) reads every sentence; the phrase table catches the
// fixed expressions it leaves ("a good word for me"). One finding per
// sentence: the structure's, which names its parts, when it has one.
func (ch *checker) jobAsk(r *rule) {
	d := ch.detector()
	var buf [16]ask
	done := make([]bool, len(ch.a.sents))
	for s, st := range ch.a.sents {
		h, ok := d.jobAskAt(s, st, buf[:0])
		if !ok || d.targetIsField(st, h) || d.onlyWatching(st) {
			continue
		}
		done[s] = true
		if ch.c.Kind == Feeler && (h.soft() || h.kind == askSeek) {
			continue // the feeler note may hope to hear of openings, and say the writer is looking
		}
		ch.addHit(r, h, ch.phraseIn(gJobAsk, s), jobRewrite(h.kind),
			`This asks for a job or for help getting one ("%s"), which turns your contact from an ally into an assessor, so ask only to learn from their experience, for example: "%s"`)
	}
	// In a feeler note a soft phrase is allowed, and so is whatever it
	// contains: "if you hear of any openings" holds "any openings".
	var allowed []match
	if ch.c.Kind == Feeler {
		for _, m := range ch.m[gJobAsk] {
			if m.pat.soft {
				allowed = append(allowed, m)
			}
		}
	}
	for _, m := range ch.m[gJobAsk] {
		if done[ch.a.toks[m.t0].sent] || ch.negated(m) || d.phraseVetoed(m) || slices.ContainsFunc(allowed, func(s match) bool { return m.t0 < s.t1 && s.t0 < m.t1 }) {
			continue
		}
		s, e := ch.a.span(m.t0, m.t1)
		ch.addPhraseWith(r, s, e, jobRewrite(askWish),
			`This asks for a job or for help getting one ("%s"), which turns your contact from an ally into an assessor, so ask only to learn from their experience, for example: "%s"`)
	}
	// The model backs the structure up on the sentences it left, except
	// in a feeler note, whose soft hints it cannot tell from a direct ask.
	if ch.c.Kind != Feeler {
		ch.modelFindings(r, modelJob, jobRewrite(askWish),
			`This reads like asking for work ("%s": the words that weigh most in job asks), which turns your contact from an ally into an assessor, so ask only to learn from their experience, for example: "%s"`)
	}
}

// hedgeMuch and hedgeAsk make a negation a courtesy: "si no es mucho
// preguntar", "se não for pedir muito", "se non è chiedere troppo", "si ce
// n'est pas trop demander", "wenn es nicht zu viel verlangt ist", "if it's
// not too much to ask".
var (
	hedgeMuch = wordSet(`mucho muito troppo trop viel much`)
	hedgeAsk  = wordSet(`pedir preguntar perguntar chiedere domandare demander verlangt verlangen ask asking`)
)

// politeHedge reports whether the negator at k opens such a courtesy.
func politeHedge(toks []token, k int) bool {
	much := false
	for j := k + 1; j < min(len(toks), k+7) && toks[j].sent == toks[k].sent; j++ {
		if hedgeMuch[toks[j].norm] {
			much = true
		} else if hedgeAsk[toks[j].norm] {
			return much || toks[j-1].norm == "muito"
		}
	}
	return false
}

// jobAskAt runs the structure's readings of sentence s in turn, the main
// one first, and returns the first job ask found.
func (d *detector) jobAskAt(s int, st sentence, buf []ask) (hit, bool) {
	if h, ok := d.jobAskIn(st, buf); ok {
		return h, true
	}
	if h, ok := d.appliedThenAsked(s, buf); ok {
		return h, true
	}
	if h, ok := d.appliedWithResume(s); ok {
		return h, true
	}
	if h, ok := d.askedThenWouldApply(s); ok {
		return h, true
	}
	if h, ok := d.openingThenAsked(s, buf); ok {
		return h, true
	}
	if h, ok := d.availableIfNeeded(st); ok {
		return h, true
	}
	if h, ok := d.materialsIfNeeded(st); ok {
		return h, true
	}
	if h, ok := d.wouldntSayNo(s); ok {
		return h, true
	}
	if h, ok := d.foreignAsk(st); ok {
		return h, true
	}
	// "koi opening ho toh please batana", "baka may bakante sa CRO niyo"
	if h, ok := d.codeSwitchAsk(st); ok {
		return h, true
	}
	// "如果你们组缺人的话，麻烦帮我内推一下", "하반기 공채 때 저 추천 좀 해주실 수 있을까요"
	if h, ok := d.cjkJob(st); ok {
		return h, true
	}
	// "your unit is short of night nurses, and I'm one"
	if h, ok := d.neededAndImOne(st); ok {
		return h, true
	}
	// "I put in an application, so a good word would mean a lot"
	if h, ok := d.goodWordWished(s); ok {
		return h, true
	}
	// "if u could ask ur boss to save me a spot"
	if h, ok := d.bossAskedForMe(st); ok {
		return h, true
	}
	// "I could come in one Saturday for a trial so you could see my work"
	if h, ok := d.trialOffered(st); ok {
		return h, true
	}
	// "Is the process team planning to grow? If so, I'd love to be first in line."
	if h, ok := d.ifSoAfterGrowth(s); ok {
		return h, true
	}
	// "I should be glad to hear of any position at the bindery"
	if h, ok := d.hearOfAny(st); ok {
		return h, true
	}
	// "Please feel free to share it with your associates"
	if h, ok := d.resumePassedOn(st); ok {
		return h, true
	}
	// "I could bring real value to a team like yours"
	if h, ok := d.writerServesReaders(st); ok {
		return h, true
	}
	// "I would be glad to help with the estate papers, without any fee"
	if h, ok := d.writerWorksFree(st); ok {
		return h, true
	}
	// "I've uploaded my résumé to your careers site for the Junior Copywriter role"
	if h, ok := d.resumeToCareers(st); ok {
		return h, true
	}
	// "I have an interview with your company next week"
	if h, ok := d.interviewAtYours(st); ok {
		return h, true
	}
	return hit{}, false
}

// modelFindings reports the sentences the model (model.go) finds over its
// threshold that no finding of rule r covers yet.
func (ch *checker) modelFindings(r *rule, m int, rewrite, format string) {
	if ch.noModel {
		return
	}
	d := ch.detector()
	for _, st := range ch.a.sents {
		if ch.hasRuleIn(r.ID, st.start, st.end) {
			continue
		}
		h, ok := d.modelHit(m, st)
		if !ok {
			continue
		}
		at := h.ask.t0
		if at < 0 || h.target.t0 >= 0 && h.target.t0 < at {
			at = h.target.t0
		}
		if m == modelResume && ch.invited(max(st.t0, at)) {
			continue // a resume they asked for
		}
		if m == modelJob && (d.generalQuestion(st) || d.ownMoveAsked(st) || d.find(st, st.t0, st.t1, cSecond) < 0 && d.fieldMusedAt(st, h.target.t0) || h.target.t0 >= 0 && d.notEmployment(st, h.target.t0) ||
			st.question && pastAuxiliaries[d.w(st.t0)] || d.onlyWatching(st) || d.targetIsField(st, h)) {
			// "are contracts available for review online?", "did your office
			// take on temps last Christmas?": the structure's vetoes hold for the model
			continue
		}
		ch.addHit(r, h, nil, rewrite, format)
	}
}

// hasRuleIn reports whether a finding of rule id overlaps bytes [start, end).
func (ch *checker) hasRuleIn(id string, start, end int) bool {
	for _, f := range ch.out {
		if f.Rule == id && f.Start < end && start < f.End {
			return true
		}
	}
	return false
}

// detector builds the structure detector once per check.
func (ch *checker) detector() *detector {
	if ch.det == nil {
		ch.det = newDetector(ch)
	}
	return ch.det
}

// jobRewrite suggests what the sentence could say instead, by how it asked.
func jobRewrite(k askKind) string {
	switch k {
	case askQuestion:
		return "What do you wish you had known when you were starting out in this field?"
	case askCond, askKeep:
		return "If you think of anyone else I could learn from, I would be grateful for a name."
	case askPass:
		return "If someone else would be good to talk to, I would be glad of an introduction."
	}
	return "I would love to hear how you found your way into this work."
}

const resumeRewrite = "I would be glad to tell you more about my background when we talk."

// phraseIn returns the first phrase of group g in sentence s that no
// negation cancels, if any.
func (ch *checker) phraseIn(g group, s int) *match {
	for i, m := range ch.m[g] {
		if ch.a.toks[m.t0].sent == s && !ch.negated(m) {
			return &ch.m[g][i]
		}
	}
	return nil
}

// addHit reports a detected structure with its parts. The span runs from
// the first part to the last, or is the sentence's known phrase.
func (ch *checker) addHit(r *rule, h hit, phrase *match, rewrite, format string) {
	a := ch.a
	f := Finding{Rule: r.ID, Severity: r.Severity, Start: len(a.text), Rewrite: rewrite}
	for _, p := range []struct {
		role string
		sp   span
	}{{PartTarget, h.target}, {PartAsk, h.ask}, {PartBeneficiary, h.who}} {
		if p.sp.t0 < 0 {
			continue
		}
		s, e := a.span(p.sp.t0, p.sp.t1)
		f.Parts = append(f.Parts, Part{Role: p.role, Start: s, End: e})
		f.Start, f.End = min(f.Start, s), max(f.End, e)
	}
	// The known phrase is the tighter quote when it holds the asking words
	// (or the sentence asks by being a question).
	if phrase != nil && (h.kind == askQuestion && r.ID == RuleJobAsk || h.ask.t0 >= 0 && phrase.t0 < h.ask.t1 && h.ask.t0 < phrase.t1) {
		f.Start, f.End = a.span(phrase.t0, phrase.t1)
	}
	f.Message = fmt.Sprintf(format, a.quote(f.Start, f.End), rewrite)
	ch.out = append(ch.out, f)
}

// addPhraseWith reports a phrase from a table, as addPhrase, with a rewrite.
func (ch *checker) addPhraseWith(r *rule, start, end int, rewrite, format string) {
	for i := len(ch.out) - 1; i >= 0; i-- {
		if f := ch.out[i]; f.Rule == r.ID && start < f.End && f.Start < end {
			return
		}
	}
	ch.out = append(ch.out, Finding{Rule: r.ID, Severity: r.Severity, Start: start, End: end, Rewrite: rewrite,
		Message: fmt.Sprintf(format, ch.a.quote(start, end), rewrite), Parts: []Part{{Role: PartPhrase, Start: start, End: end}}})
}

// invited reports whether the sentence of token t says the resume was asked for.
// A dash or a semicolon between the two ends what the invitation covers:
// "As you suggested, I've rewritten my resume — I've attached it" attaches
// it unasked.
func (ch *checker) invited(t int) bool {
	a := ch.a
	sent := a.toks[t].sent
	for _, inv := range ch.m[gInvited] {
		if a.toks[inv.t0].sent != sent {
			continue
		}
		lo, hi := a.toks[inv.t0].end, a.toks[t].start
		if lo > hi {
			lo, hi = a.toks[t].end, a.toks[inv.t0].start
		}
		if lo >= hi || !strings.ContainsAny(a.text[lo:hi], ";—–") {
			return true
		}
	}
	return false
}

func (ch *checker) resumeOffer(r *rule) {
	const format = `Offering your resume ("%s") makes the message read like a job application, so keep a copy ready in case they ask for it and write instead, for example: "%s"`
	d := ch.detector()
	done := make([]bool, len(ch.a.sents))
	for s, st := range ch.a.sents {
		h, ok := d.resumeIn(st)
		if !ok {
			h, ok = d.resumeThenIt(s)
		}
		if !ok {
			h, ok = d.resumeLeftForReader(st)
		}
		if !ok {
			h, ok = d.cjkResume(st) // "附上我的简历", "履歴書を添付いたしました"
		}
		if !ok {
			h, ok = d.codeSwitchResume(st) // "CV bhej raha hoon", "Em xin gửi kèm CV"
		}
		if !ok || ch.invited(max(st.t0, h.ask.t0)) {
			continue
		}
		done[s] = true
		ch.addHit(r, h, ch.phraseIn(gResume, s), resumeRewrite, format)
	}
	if h, ok := d.resumePasted(); ok && !done[ch.a.toks[h.target.t0].sent] && !ch.invited(h.target.t0) {
		s := ch.a.toks[h.target.t0].sent
		done[s] = true
		ch.addHit(r, h, ch.phraseIn(gResume, s), resumeRewrite, format)
	}
	for _, m := range ch.m[gResume] {
		if done[ch.a.toks[m.t0].sent] || ch.negated(m) || ch.invited(m.t0) || d.resumePhraseVetoed(m) || d.readerAskedToLook(m.t0) {
			continue
		}
		s, e := ch.a.span(m.t0, m.t1)
		ch.addPhraseWith(r, s, e, resumeRewrite, format)
	}
	ch.modelFindings(r, modelResume, resumeRewrite,
		`This reads like pointing to your resume ("%s": the words that weigh most in resume offers), which makes the message read like a job application, so keep a copy ready in case they ask for it and write instead, for example: "%s"`)
}

// nameWords splits a person's or group's name into the words that identify
// it, dropping titles and small words.
func nameWords(name string, minLen int) []string {
	var out []string
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return !isWordRune(r) && !isApostrophe(r) }) {
		w := normalize(f)
		if len(w) < minLen || nameStopwords[w] {
			continue
		}
		out = append(out, strings.TrimSuffix(w, "'s"))
	}
	return out
}

var nameStopwords = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "professor": true,
	"the": true, "and": true, "our": true, "your": true, "my": true, "for": true,
	"with": true, "from": true, "through": true, "because": true, "shared": true,
	"common": true, "both": true, "fellow": true, "same": true, "member": true,
	"members": true, "of": true, "in": true, "on": true, "at": true, "via": true,
	"background": true, "connection": true, "program": true, "programme": true,
	// Titles and articles of names in the letters the checker reads
	// ("Monsieur le Directeur Général", "Frau Mag. Huber", "Dona Sílvia"):
	// "le" is no name to find in the text.
	"monsieur": true, "madame": true, "mademoiselle": true, "le": true, "la": true, "les": true, "de": true,
	"del": true, "di": true, "da": true, "van": true, "von": true, "der": true, "den": true, "herr": true, "frau": true,
	"sr": true, "sra": true, "srta": true, "señor": true, "señora": true, "don": true, "doña": true, "dona": true,
	"lic": true, "ing": true, "arq": true, "dott": true, "mag": true, "sig": true, "signor": true, "signora": true,
	"mevrouw": true, "meneer": true, "dhr": true, "mw": true, "sir": true, "madam": true,
}

// mentions reports the first token in [t0, t1) that is one of words (a
// possessive "Joe's" counts as "Joe"), or -1.
func (ch *checker) mentions(words []string, t0, t1 int) int {
	if len(words) == 0 {
		return -1
	}
	for k := t0; k < t1; k++ {
		w := strings.TrimSuffix(ch.a.toks[k].norm, "'s")
		if slices.Contains(words, w) {
			return k
		}
	}
	return -1
}

// contentStart returns the first body sentence after the salutation, where
// the connection belongs. A letter's address block may come first, so short
// lines before the salutation are skipped; a long sentence means there is no
// salutation.
func (ch *checker) contentStart() int {
	a := ch.a
	for s := a.bodyS0; s < min(a.bodyS1, a.bodyS0+6); s++ {
		st := a.sents[s]
		n := st.t1 - st.t0
		if n > 6 {
			break
		}
		switch a.toks[st.t0].norm {
		case "dear", "hi", "hello", "hey", "greetings", "good":
			return s + 1
		}
		if foreignSalutations[a.toks[st.t0].norm] {
			return s + 1
		}
		// A bare name as the salutation: "Jordan,"
		if n <= 3 && strings.HasPrefix(a.text[st.end:], ",") {
			return s + 1
		}
	}
	return a.bodyS0
}

// sentenceSpan returns the span of sentence s, or of the body when s is out
// of range (an empty message).
func (ch *checker) sentenceSpan(s int) (int, int) {
	a := ch.a
	if s >= 0 && s < a.bodyS1 && s < len(a.sents) {
		return a.sents[s].start, a.sents[s].end
	}
	if a.bodyS1 > a.bodyS0 {
		return a.sents[a.bodyS1-1].start, a.sents[a.bodyS1-1].end
	}
	return a.bodyStart, a.bodyStart
}

func (ch *checker) noReferrer(r *rule) {
	words := nameWords(ch.c.ReferrerName, 2)
	if len(words) == 0 || ch.mentions(words, 0, ch.a.bodyT1) >= 0 {
		return
	}
	s, e := ch.sentenceSpan(ch.contentStart())
	name := strings.TrimSpace(ch.c.ReferrerName)
	ch.add(r, s, e, fmt.Sprintf(`You do not mention %s, who suggested this contact, so name them in your first sentence, for example "%s suggested I contact you."`, name, name))
}

// referralWords make a subject "close to" "<Referrer> suggested I contact you".
var referralWords = map[string]bool{
	"suggested": true, "suggests": true, "recommended": true, "recommends": true,
	"referred": true, "refers": true, "referral": true, "introduced": true,
	"introduction": true, "encouraged": true, "mentioned": true, "via": true,
	"through": true, "suggestion": true,
	// The same in the subjects of Spanish, Portuguese, French, German and
	// Italian letters: "Sophie Bernard m'a suggéré de vous contacter".
	"sugirió": true, "sugirio": true, "sugerido": true, "sugeriu": true, "recomendó": true, "recomendo": true,
	"recomendou": true, "recomendado": true, "indicó": true, "indicou": true, "suggere": true, "recommande": true,
	"conseille": true, "empfohlen": true, "vorgeschlagen": true, "suggerito": true, "consigliato": true, "tramite": true,
}

// maxSubjectWords keeps a referral subject short enough to read at a glance.
const maxSubjectWords = 10

func (ch *checker) subjectNotReferrer(r *rule) {
	a := ch.a
	words := nameWords(ch.c.ReferrerName, 2)
	if !a.hasSubject || len(words) == 0 {
		return // the subject may be typed elsewhere; nothing to judge
	}
	named := ch.mentions(words, 0, a.subjectT1) >= 0
	referral := false
	for k := range a.subjectT1 {
		referral = referral || referralWords[a.toks[k].norm]
	}
	if named && referral && a.subjectT1 <= maxSubjectWords {
		return
	}
	s, e := a.subjStart, a.subjEnd
	if s == e { // an empty subject: point at the label
		s, e = a.labelStart, a.labelEnd
	}
	ch.add(r, s, e, fmt.Sprintf(`With a referral the subject line works best as simply "%s suggested I contact you", so use that.`, strings.TrimSpace(ch.c.ReferrerName)))
}

func (ch *checker) noCommonality(r *rule) {
	if nameWords(ch.c.ReferrerName, 2) != nil {
		return // a referral is the stronger connection and is checked instead
	}
	words := nameWords(ch.c.Commonality, 3)
	if len(words) == 0 || ch.mentions(words, 0, ch.a.bodyT1) >= 0 {
		return
	}
	s, e := ch.sentenceSpan(ch.contentStart())
	ch.add(r, s, e, fmt.Sprintf(`You do not mention what you share with this person (%s), so say it in your first sentence; it is the reason they will read on.`, strings.TrimSpace(ch.c.Commonality)))
}

// prepare finds the request sentences and the durations once, for the rules
// that need them.
func (ch *checker) prepare() {
	if ch.asksDone {
		return
	}
	ch.asksDone = true
	a := ch.a
	ch.durs = findDurations(a, 0, a.bodyT1)
	isAsk := make(map[int]bool)
	for _, m := range ch.m[gAsk] {
		if ch.inMessage(m) && m.t0 >= a.bodyT0 {
			isAsk[a.toks[m.t0].sent] = true
		}
	}
	for _, d := range ch.durs {
		for s := a.bodyS0; s < a.bodyS1; s++ {
			if d.start >= a.sents[s].start && d.start < a.sents[s].end {
				isAsk[s] = true
			}
		}
	}
	for s := a.bodyS0; s < a.bodyS1; s++ {
		// "Would a short call next week work?" asks without a phrase from
		// the table: a question opening with an auxiliary verb is a request.
		if st := a.sents[s]; st.question && auxiliaries[a.toks[st.t0].norm] || ch.foreignAskSentence(s) {
			isAsk[s] = true
		}
		if isAsk[s] {
			ch.asks = append(ch.asks, s)
		}
	}
}

// askSentence is where a missing element of the request belongs: the first
// request sentence phrased as a question, else the first request sentence,
// else the last sentence of the body.
func (ch *checker) askSentence() int {
	ch.prepare()
	for _, s := range ch.asks {
		if ch.a.sents[s].question {
			return s
		}
	}
	if len(ch.asks) > 0 {
		return ch.asks[0]
	}
	return ch.a.bodyS1 - 1
}

// timeRules reports both no_time (r) and too_much_time, which share the
// reading of durations and apply to the same kinds.
func (ch *checker) timeRules(r *rule) {
	ch.prepare()
	tooMuch := &rule{RuleInfo: RuleInfo{ID: RuleTooMuchTime, Severity: Warning}}
	bounded := false
	for _, d := range ch.durs {
		if d.vague {
			continue
		}
		bounded = true
		if d.minutes > maxFirstRequestMinutes {
			ch.addPhrase(tooMuch, d.start, d.end, `Asking for "%s" is a lot for a first request, so ask for 15 to 20 minutes (30 at most).`)
		}
	}
	for _, m := range ch.m[gBigTime] {
		if !ch.inMessage(m) || ch.negated(m) {
			continue
		}
		bounded = true // an unbounded ask is still an ask for time: say it is too much
		s, e := ch.a.span(m.t0, m.t1)
		ch.addPhrase(tooMuch, s, e, `Asking for "%s" is a lot for a first request, so ask for 15 to 20 minutes (30 at most).`)
	}
	if bounded {
		return
	}
	minutes := ch.c.Minutes
	if minutes <= 0 || minutes > maxFirstRequestMinutes {
		minutes = suggestedMinutes
	}
	s, e := ch.sentenceSpan(ch.askSentence())
	ch.add(r, s, e, fmt.Sprintf("You do not say how long the conversation would take, so ask for a set time, such as %d minutes.", minutes))
}

func (ch *checker) noPurpose(r *rule) {
	if ch.found(gPurpose) || ch.foreignSoft()&softPurpose != 0 {
		return
	}
	s, e := ch.sentenceSpan(ch.askSentence())
	ch.add(r, s, e, "The message does not say why you want to talk, so add that you hope to learn about their experience and their field.")
}

func (ch *checker) noFlexibility(r *rule) {
	fixed := ch.fixedSlots()
	for _, m := range ch.m[gFlexibility] {
		if ch.inMessage(m) && !(fixed[ch.a.toks[m.t0].sent] && ch.singleMedium(m)) {
			return
		}
	}
	if ch.foreignSoft()&softFlex != 0 {
		return
	}
	s, e := ch.sentenceSpan(ch.askSentence())
	ch.add(r, s, e, "You do not offer to fit their schedule, so add that you can meet at their convenience or talk by phone instead.")
}

// fixedSlots marks the sentences that name one day and one clock time
// ("this Thursday at 4:30 p.m.", "Wednesday, 12 June, at 10 o'clock"): a
// single slot the reader can only take or refuse.
func (ch *checker) fixedSlots() map[int]bool {
	a := ch.a
	var out map[int]bool
	for s := a.bodyS0; s < a.bodyS1; s++ {
		st := a.sents[s]
		day, clock := false, false
		for k := st.t0; k < st.t1; k++ {
			day = day || slotDays[a.toks[k].norm]
			clock = clock || ch.clockTime(k)
		}
		if day && clock {
			if out == nil {
				out = map[int]bool{}
			}
			out[s] = true
		}
	}
	return out
}

// slotDays name one day.
var slotDays = wordSet(`monday tuesday wednesday thursday friday saturday sunday tomorrow tonight
	january february march april june july august september october november december`)

// clockTime reports whether token k is an hour of the clock: "4:30", "3pm",
// "11 a.m.", "10 o'clock", "at 11".
func (ch *checker) clockTime(k int) bool {
	a := ch.a
	w := a.toks[k].norm
	// Most words are not numbers: leave them before Atoi, whose error
	// for each of them was 7% of a check. Atoi reads a sign or a digit
	// first, and a minus makes no hour, so this decides nothing else.
	if w == "" || w[0] != '+' && (w[0] < '0' || w[0] > '9') {
		return false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(w, "am"), "pm"))
	if err != nil || n < 1 || n > 12 {
		return false
	}
	if strings.HasSuffix(w, "am") || strings.HasSuffix(w, "pm") {
		return true
	}
	next := ""
	if k+1 < len(a.toks) && a.toks[k+1].sent == a.toks[k].sent {
		next = a.toks[k+1].norm
		if a.toks[k+1].start == a.toks[k].end+1 && a.text[a.toks[k].end] == ':' {
			return true // "4:30"
		}
	}
	switch next {
	case "a", "p", "am", "pm", "o'clock":
		return next != "a" || k+2 < len(a.toks) && a.toks[k+2].norm == "m"
	case "minute", "minutes", "min", "mins", "hour", "hours", "or", "to", "-":
		return false
	}
	return k > 0 && a.toks[k-1].norm == "at" && a.toks[k-1].sent == a.toks[k].sent
}

// mediumWords name how to talk, not when: "a 20-minute Zoom call".
var mediumWords = wordSet(`by over via phone telephone zoom video teams call calls conversation chat a an short brief quick
	virtually remotely`)

// singleMedium reports whether flexibility phrase m only names one way to
// talk, with no "or" beside it offering another: with a fixed slot, "a Zoom
// call this Friday at 2" leaves the reader no choice.
func (ch *checker) singleMedium(m match) bool {
	a := ch.a
	for k := m.t0; k < m.t1; k++ {
		if !mediumWords[a.toks[k].norm] {
			return false
		}
	}
	st := a.sents[a.toks[m.t0].sent]
	for k := max(st.t0, m.t0-3); k < min(st.t1, m.t1+3); k++ {
		if a.toks[k].norm == "or" {
			return false
		}
	}
	return true
}

func (ch *checker) noQuestion(r *rule) {
	ch.prepare()
	a := ch.a
	if len(ch.asks) == 0 {
		// No recognizable request: any question in the body is taken as it.
		for s := a.bodyS0; s < a.bodyS1; s++ {
			if a.sents[s].question {
				return
			}
		}
	}
	for _, s := range ch.asks {
		if a.sents[s].question || ch.embeddedQuestion(s) {
			return
		}
	}
	s, e := ch.sentenceSpan(ch.askSentence())
	ch.add(r, s, e, `The request is not phrased as a question, so ask it as one, for example "Would you have 20 minutes in the coming weeks?"`)
}

// embeddedQuestion reports whether sentence s asks in reported form: "I
// wrote to ask whether you might spare twenty minutes", "I was wondering
// if you would have time" (a follow-up often restates the question so).
func (ch *checker) embeddedQuestion(s int) bool {
	a := ch.a
	st := a.sents[s]
	for k := st.t0; k+2 < st.t1; k++ {
		switch a.toks[k].norm {
		case "ask", "asking", "asked", "wonder", "wondering", "wondered", "inquire", "inquiring", "enquire", "enquiring":
		default:
			continue
		}
		if w := a.toks[k+1].norm; (w == "whether" || w == "if") && secondPerson[a.toks[k+2].norm] {
			return true
		}
	}
	// "quería preguntarle si…", "je voulais vous demander si…", "ich wollte
	// fragen, ob…", "volevo chiederle se…"
	for k := st.t0; k+1 < st.t1; k++ {
		if foreignWonder[a.toks[k].norm] && foreignWhether[a.toks[k+1].norm] {
			return true
		}
	}
	return false
}

// wordLimit is the longest a message may run, in words. Notes sent after
// the meeting carry substance (what was learned), so they get more room.
func wordLimit(k Kind, c Channel) int {
	after := k == ThankYou || k == ReportBack || k == KeepInTouch || k == Feeler
	switch {
	case c == Letter && after:
		return 250
	case c == Letter:
		return 200
	case after:
		return 150
	}
	return 100
}

func (ch *checker) tooLong(r *rule) {
	limit := wordLimit(ch.c.Kind, ch.c.Channel)
	words := ch.a.bodyWords()
	if len(words) <= limit {
		return
	}
	_, e := trimSpan(ch.a.text, words[limit], ch.a.bodyEnd)
	for e > words[limit] && ch.a.text[e-1] == '\n' {
		e--
	}
	noun := map[Channel]string{Email: "email", Letter: "letter", Phone: "phone script", Social: "message"}[ch.c.Channel]
	ch.add(r, words[limit], e, fmt.Sprintf("At %d words this %s runs past the %d a busy reader takes in, so cut it to who you are, the connection and the ask; the highlighted part is the overflow.", len(words), noun, limit))
}

var (
	firstPerson  = map[string]bool{"i": true, "me": true, "my": true, "mine": true, "myself": true, "i'm": true, "i've": true, "i'd": true, "i'll": true}
	secondPerson = map[string]bool{"you": true, "your": true, "yours": true, "yourself": true, "you're": true, "you've": true, "you'd": true, "you'll": true}
)

// Self-focus thresholds: the ratio only matters once there is enough "I"
// to notice, and fifty words is about twenty seconds of reading, twice the
// ten-second introduction the method recommends.
const (
	selfFocusMinFirst = 8
	selfFocusRatio    = 3
	buriedAfterWords  = 50
)

func (ch *checker) selfFocus(r *rule) {
	a := ch.a
	cs := ch.contentStart()
	if cs >= a.bodyS1 {
		return
	}
	t0 := a.sents[cs].t0
	contact := nameWords(ch.c.ContactName, 2)
	connection := append(nameWords(ch.c.ReferrerName, 2), nameWords(ch.c.Commonality, 3)...)
	ch.prepare()
	firstAsk := a.bodyT1
	if len(ch.asks) > 0 {
		firstAsk = a.sents[ch.asks[0]].t0
	}
	var nFirst, nSecond int
	bestSent, bestCount, count, curSent := -1, 0, 0, -1
	buriedAt := -1
	// The first sentence that lists two or more of the writer's claimed
	// qualities with the writer in it (see praiseWords).
	praiseAt, pSent, pN, pWriter := -1, -1, 0, false
	for k := t0; k < a.bodyT1; k++ {
		w := strings.TrimSuffix(a.toks[k].norm, "'s")
		person := 0
		if !secondPerson[w] && !firstPerson[w] {
			person = ch.foreignPerson(k)
		}
		if s := a.toks[k].sent; s != pSent {
			pSent, pN, pWriter = s, 0, false
		}
		if len(w) >= 5 && praiseWords[w] && (w != "learner" || k > t0 && (a.toks[k-1].norm == "quick" || a.toks[k-1].norm == "fast")) {
			pN++
		}
		pWriter = pWriter || firstPerson[w] || person == 1 || w == "soy" || w == "sou" || w == "sono"
		if praiseAt < 0 && pN >= 2 && pWriter {
			praiseAt = pSent
		}
		other := secondPerson[w] || person == 2 || slices.Contains(contact, w)
		if buriedAt < 0 && (other || k >= firstAsk || slices.Contains(connection, w)) {
			buriedAt = k
		}
		if other {
			nSecond++
		}
		if firstPerson[w] || person == 1 {
			nFirst++
			if a.toks[k].sent != curSent {
				curSent, count = a.toks[k].sent, 0
			}
			count++
			if count > bestCount {
				bestSent, bestCount = a.toks[k].sent, count
			}
		}
	}
	if buriedAt < 0 {
		buriedAt = a.bodyT1
	}
	if before := buriedAt - t0; before > buriedAfterWords {
		s, e := a.span(t0, buriedAt)
		if st := a.sents[a.toks[buriedAt-1].sent]; st.t1 <= buriedAt {
			e = st.end // include the closing period
		}
		ch.add(r, s, e, fmt.Sprintf("The connection and the ask come only after %d words about yourself, so move them to the first sentence and keep the introduction to about ten seconds.", before))
		return
	}
	if nFirst >= selfFocusMinFirst && nFirst >= selfFocusRatio*nSecond {
		s, e := a.sents[bestSent].start, a.sents[bestSent].end
		ch.add(r, s, e, fmt.Sprintf(`The message talks mostly about you (%d "I/me/my" against %d "you/your"), so trim the self-description and say what you hope to learn from them.`, nFirst, nSecond))
		return
	}
	// A list of the writer's own qualities ("I am very passionate and
	// hardworking and a quick learner", "soy muy proactivo, responsable",
	// "Dynamique, ponctuel et doté d'un bon esprit d'équipe, je…") sells
	// the writer like an application, in any language, in a message that
	// names the writer more than the reader.
	if nFirst > nSecond && praiseAt >= 0 {
		st := a.sents[praiseAt]
		ch.add(r, st.start, st.end, `This sentence lists your own qualities, which reads like a job application, so drop it and say what you hope to learn from them.`)
	}
}

// praiseWords are qualities a writer claims for themselves in an
// application ("hardworking", "proactivo", "rigoureux", "zuverlässig").
var praiseWords = wordSet(`hardworking hard-working passionate proactive motivated self-motivated dedicated diligent reliable punctual
	dynamic enthusiastic rigorous disciplined detail-oriented ambitious driven committed energetic learner
	proactivo proactiva responsable trabajador trabajadora puntual dinámico dinámica motivado motivada comprometido comprometida
	apasionado apasionada dedicado dedicada esforzado esforzada
	proativo proativa responsável esforçado esforçada dinâmico dinâmica
	rigoureux rigoureuse travailleur travailleuse passionné passionnée dynamique ponctuel ponctuelle motivé motivée sérieux sérieuse autonome
	zuverlässig engagiert motiviert fleißig fleissig teamfähig belastbar pünktlich
	proattivo proattiva responsabile dinamico dinamica motivato motivata puntuale affidabile volenteroso volenterosa
	gemotiveerd leergierig betrouwbaar zelfstandig`)

func (ch *checker) noThanks(r *rule) {
	if ch.found(gThanks) || ch.foreignSoft()&softThanks != 0 {
		return
	}
	s, e := ch.sentenceSpan(ch.contentStart())
	ch.add(r, s, e, "This thank-you note never actually says thank you, so add a sentence thanking them for their time and advice.")
}
