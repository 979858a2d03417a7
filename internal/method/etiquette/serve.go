package etiquette

import "strings"

// Round chk21: classes rather than phrases. A job ask is often no request
// for a post at all but the writer's work, time or person placed at the
// reader's place: "I could bring real value to a team like yours", "how my
// background might serve your programme team", "I would be happy to
// support your team as a per diem interpreter", "I am exploring a move to
// your organisation", "how I might join the roster of consultants your
// unit draws on"; or the writer's work given for nothing ("I would be glad
// to offer my research on the collection on a pro bono basis"). One reading
// covers each: the writer as the doer, a verb that gives work or a person
// (serve, support, strengthen, join, bring value, a move to), and the
// reader's team or organisation as the one who gains, not negated and not
// past; or the writer's offer of work with a word that it is unpaid.

// serveVerbs give the writer's work or person to a place.
var serveVerbs = wordSet(`serve serving support supporting strengthen strengthening contribute contributing join joining
	help helping assist assisting benefit benefiting act acting move bolster bolstering`)

// valueVerbs bring something of the writer's to a place: "bring real value
// to a team like yours", "add a lot to your unit".
var valueVerbs = wordSet(`bring bringing add adding put draft drafting prepare preparing`)

// valueWords are what such a verb brings: value, skills, experience.
var valueWords = wordSet(`value skills skill experience expertise perspective background energy lot strengths strength
	knowledge insight rigour rigor proposal proposals quote quotes bid bids estimate estimates`)

// writerAssets are the writer's own that may serve a place: "my background".
var writerAssets = wordSet(`background skills skillset experience expertise profile training knowledge work research`)

// groupWords are the reader's people one joins that are no cOrg word.
var groupWords = wordSet(`roster associates bench pool consultants`)

// visitWords after the reader's team make the joining a visit: "join
// your team for lunch", "support your team's fundraiser".
var visitWords = wordSet(`lunch coffee call meeting meetings tour visit session webinar event events talk day afternoon
	morning chat conversation workshop fundraiser open drinks dinner party standup stand-up`)

// readersPlaceAt returns the noun of the reader's team or organisation
// in [from, st.t1): "your (leadership) team", "a team like yours", "the
// roster of consultants your unit draws on", or -1.
func (d *detector) readersPlaceAt(st sentence, from int) int {
	for j := max(from, st.t0); j < st.t1; j++ {
		switch w := d.w(j); {
		case w == "your" || w == "ur":
			for x := j + 1; x < min(st.t1, j+4); x++ {
				if d.is(x, cOrg) || groupWords[d.w(x)] {
					if d.w(x+1) == "'s" || visitWords[d.w(x+1)] || visitWords[d.w(x+2)] && prepositions[d.w(x+1)] || visitWords[d.w(x+3)] && prepositions[d.w(x+1)] {
						return -1
					}
					return x
				}
				if d.is(x, cFirst|cSecond) || prepositions[w] {
					break
				}
			}
		case (d.is(j, cOrg) || groupWords[w]) && d.w(j+1) == "like" && d.w(j+2) == "yours":
			return j
		}
	}
	return -1
}

// writerServesReaders finds the writer's work or person given to the
// reader's team or organisation (see above).
func (d *detector) writerServesReaders(st sentence) (hit, bool) {
	if st.t1-st.t0 < 5 {
		return hit{}, false
	}
	r := d.readersPlaceAt(st, st.t0)
	if r < 0 {
		return hit{}, false
	}
	if d.findWord(st, st.t0, st.t1, "return", "favour", "favor", "reciprocate", "thank", "thanks") >= 0 {
		return hit{}, false // "if I can ever help your team in return": thanks
	}
	for v := st.t0 + 1; v < r; v++ {
		w := d.w(v)
		verb := serveVerbs[w] || valueVerbs[w] && d.findIn(st, v+1, min(r, v+5), valueWords) >= 0 ||
			w == "part" && d.w(v-1) == "be" && d.w(v+1) == "of"
		if !verb || w == "move" && !(determiners[d.w(v-1)] && d.w(v+1) == "to") || w == "act" && d.w(v+1) != "as" {
			continue
		}
		// The doer: the writer ("I", "I'd") or the writer's own ("my
		// background") before the verb, with a modal, a wish or a plan
		// between them, and no reader or other person in between.
		f := -1
		for x := v - 1; x >= max(st.t0, v-8); x-- {
			if d.is(x, cSecond|cBarrier|cWh) && d.w(x) != "exploring" && d.w(x) != "explore" || d.w(x) == "they" || d.w(x) == "we" || d.w(x) == "he" || d.w(x) == "she" {
				break // "I'd love to hear what joining your team was like": a topic
			}
			if d.is(x, cFirst) && d.w(x) != "me" && d.w(x) != "myself" && d.w(x) != "mine" && (d.w(x) != "my" || writerAssets[d.w(x+1)]) {
				f = x
				break
			}
		}
		if f < 0 || pastAuxiliaries[d.w(f+1)] {
			continue
		}
		plan := d.find(st, f, v, cModal|cWish) >= 0 || d.findWord(st, f, v, "might", "may", "exploring", "considering", "planning", "hoping") >= 0
		if !plan || d.negatedBetween(f, r) || d.findWord(st, st.t0, f, "how", "what", "why") >= 0 && d.find(st, st.t0, f, cSecond) >= 0 {
			continue
		}
		if d.findWord(st, v, r, "learn", "hear", "understand", "ask", "know") >= 0 {
			continue // "I'd love to help … learn how your team works": a topic
		}
		return hit{target: span{r, r + 1}, ask: span{v, v + 1}, who: span{f, f + 1}, kind: askOffer}, true
	}
	return hit{}, false
}

// findIn returns the first token in [from, to) of sentence st whose word
// is in set, or -1.
func (d *detector) findIn(st sentence, from, to int, set map[string]bool) int {
	for k := max(from, st.t0); k < min(to, st.t1); k++ {
		if set[d.a.toks[k].norm] {
			return k
		}
	}
	return -1
}

// freeWorkVerbs do work the writer may give for nothing.
var freeWorkVerbs = wordSet(`help helping offer offering do doing volunteer volunteering contribute contributing assist assisting
	work working come pitch research catalogue catalog write design build sweep support cover`)

// unpaidAt reports whether token k starts a word that the work is unpaid:
// "pro bono", "without (any) fee", "free of charge", "for free", "unpaid",
// "no charge", "at no cost", "without pay".
func (d *detector) unpaidAt(k int) bool {
	switch w := d.w(k); w {
	case "unpaid", "gratis", "pro-bono":
		return true
	case "pro":
		return d.w(k+1) == "bono"
	case "free":
		return d.w(k+1) == "of" && d.w(k+2) == "charge" || d.w(k-1) == "for" && !d.meansAvailable(k)
	case "without", "no":
		n := d.w(k + 1)
		if n == "any" {
			n = d.w(k + 2)
		}
		return n == "fee" || n == "fees" || n == "charge" || n == "pay" || n == "payment" || n == "salary" || n == "cost"
	}
	return false
}

// writerWorksFree finds the writer's work offered without pay: "I would be
// very glad to help with the digitisation … without any fee", "I can come
// one day to your site without pay". The writer offers with a modal or a
// wish and a work verb; not negated ("I wouldn't work for free"), not a
// question about the field ("how do people start pro bono?").
func (d *detector) writerWorksFree(st sentence) (hit, bool) {
	for u := st.t0 + 3; u < st.t1; u++ {
		if !d.unpaidAt(u) {
			continue
		}
		f := d.find(st, max(st.t0, u-22), u, cFirst)
		if f < 0 || d.w(f) == "me" || d.w(f) == "my" || pastAuxiliaries[d.w(f+1)] {
			continue
		}
		m := d.find(st, f, u, cModal|cWish)
		v := d.findIn(st, max(f, m), u, freeWorkVerbs)
		if m < 0 || v < 0 || d.negatedBetween(f, u-1) || d.find(st, st.t0, f, cWh) >= 0 || d.find(st, f, v, cSecond) >= 0 {
			continue
		}
		return hit{target: span{u, u + 1}, ask: span{v, v + 1}, who: span{f, f + 1}, kind: askOffer}, true
	}
	return hit{}, false
}

// workExperienceAtYours reports whether "work experience" ending before k
// is at the reader's place, within a few words: "in your office", "at
// your practice".
func (d *detector) workExperienceAtYours(st sentence, k int) bool {
	r := d.readersPlaceAt(st, k)
	return r >= 0 && r < k+5 && prepositions[d.w(k)] && !d.negatedBetween(st.t0, r)
}

// proveOnWork is the reader's work the writer may prove themselves on:
// "the chance to prove myself on a live engagement".
var proveOnWork = wordSet(`engagement engagements project projects job jobs shift shifts site brief briefs contract assignment assignments case cases`)

// discussReadersNeed reports whether the only learning word between the
// writer's wish at j and target t is a "discuss" of what the reader needs:
// "glad to discuss any interim cover you might need" offers the writer,
// while "discuss how hiring works" asks about the field.
func (d *detector) discussReadersNeed(j int, t span) bool {
	b := t.t0 - 1
	if determiners[d.w(b)] {
		b--
	}
	if d.w(b) != "discuss" && d.w(b) != "discussing" || d.barrierBetween(j, b) {
		return false
	}
	for x := t.t1; x < t.t1+4 && x < len(d.cls); x++ {
		if d.is(x, cSecond) {
			for y := x + 1; y < x+3 && y < len(d.cls); y++ {
				if needWords[d.w(y)] {
					return true
				}
			}
		}
	}
	return false
}

// careerSites name an employer's place for applications: "your careers
// site", "GSK's careers portal", "the jobs page", "your applicant system".
var careerSites = wordSet(`careers career jobs job applicant applicants recruitment recruiting hiring talent vacancies`)

// sitePlaces are where such a word points: a portal, a site, a page.
var sitePlaces = wordSet(`portal portals site website page system platform board`)

// postingAfter reports whether a posting is named after k in st: "for the
// Junior Copywriter role", "for the regulatory graduate scheme".
func (d *detector) postingAfter(st sentence, k int) bool {
	f := d.findWord(st, k, st.t1, "for")
	return f >= 0 && d.find(st, f+1, min(st.t1, f+7), cJob|cWeak) >= 0
}

// resumeToCareers finds the writer's resume handed to an employer's
// careers site, which is an application told: "I've uploaded my résumé to
// your careers site for the Junior Copywriter role", "I've just uploaded my
// CV to GSK's careers portal for the regulatory graduate scheme". Not a
// question ("Should I upload my CV to the careers portal?": advice asked),
// nor negated, nor someone else's resume.
func (d *detector) resumeToCareers(st sentence) (hit, bool) {
	if st.question {
		return hit{}, false
	}
	for r := st.t0 + 1; r < st.t1; r++ {
		if !d.is(r, cResume) || d.owner(r) != "my" {
			continue
		}
		v := d.find(st, max(st.t0, r-4), r, cSend)
		if v < 0 || d.negatedBetween(st.t0, r) {
			continue
		}
		for x := r + 1; x < min(st.t1, r+8); x++ {
			if careerSites[strings.TrimSuffix(d.w(x), "'s")] && sitePlaces[d.w(x+1)] && (d.postingAfter(st, x) || d.w(x-1) == "your" || d.w(x-1) != "the" && d.capitalized(x-1)) {
				return hit{target: span{x, x + 2}, ask: span{v, v + 1}, who: span{r - 1, r}, kind: askApply}, true
			}
		}
	}
	return hit{}, false
}

// resumeLeftForReader finds the writer's resume put somewhere for the
// reader to find: "I've just uploaded my CV to the careers portal, so you
// can find it there".
func (d *detector) resumeLeftForReader(st sentence) (hit, bool) {
	h, ok := d.resumeToCareers(st)
	if !ok {
		return hit{}, false
	}
	for x := h.target.t1; x < st.t1; x++ {
		if d.is(x, cSecond) && d.findWord(st, x+1, min(st.t1, x+4), "find", "see", "view", "access", "pull", "look") >= 0 {
			r := h.who.t1
			return hit{target: span{r, r + 1}, ask: h.ask, who: h.who, kind: askOffer}, true
		}
	}
	return hit{}, false
}

// interviewAtYours finds the writer's own job interview at the reader's
// place told: "I have an interview with your company next week for the
// audit trainee programme" (the talk becomes its preparation). Not the
// conversation asked for ("my interview with you"), not past ("I had an
// interview with your firm"), not a question how interviews go.
func (d *detector) interviewAtYours(st sentence) (hit, bool) {
	for k := st.t0 + 2; k < st.t1; k++ {
		if w := d.w(k); w != "interview" && w != "interviews" || !(d.w(k+1) == "with" || d.w(k+1) == "at") {
			continue
		}
		r := d.readersPlaceAt(st, k+2)
		if r != k+3 && r != k+4 || d.w(k+2) != "your" && d.w(k+2) != "ur" {
			continue
		}
		f := d.findWord(st, max(st.t0, k-5), k, "i", "i've", "i'm", "ive", "im")
		if f < 0 || d.findWord(st, f, k, "have", "got", "scheduled", "booked", "invited", "'ve", "ve") < 0 ||
			d.findWord(st, f, k, "had", "did", "was", "failed") >= 0 || d.negatedBetween(f, k) || d.find(st, st.t0, f, cWh|cCond) >= 0 {
			continue
		}
		return hit{target: span{k, r + 1}, ask: span{f + 1, k}, who: span{f, f + 1}, kind: askApply}, true
	}
	return hit{}, false
}
