package etiquette

import (
	_ "embed"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The structure (detect.go) carries job asks and resume offers; a small
// statistical model backs it up for the wordings no structure foresaw. It
// is a logistic regression over the features of one sentence:
//
//	w:  a word, with its inflection cut off ("hiring", "hired" → "hir")
//	b:  two words in a row
//	c:  a word's cue class (detect.go: target, wish, condition, pass...)
//	t:  the coarse tags of two words in a row ("FIRST WISH", "COND TGT")
//	p:  two tags a few words apart, in order ("SECOND … TGT")
//	s:  the sentence: a question, a postscript, what the structure saw of
//	    it (a target, a kind of ask, a negation)
//	r:  a clause's roles (roles.go): what joins what (membership, the
//	    reader's organisation), how it asks (request, hope, condition,
//	    offer, information), for whom (writer, reader, third party), and
//	    negation; R: the same for the whole sentence
//
// trained by model_train_test.go on the development set, the hand-written
// corpus and detect_test.go's sentences only (never the test set), and
// embedded as a short text file of weights (model.txt) whose threshold was
// chosen by cross-validation so that no held-out clean message but the
// single highest reaches it (one near-miss must not move it), and that no
// clean training text reaches it.
// A sentence the structure did not flag is reported when its score reaches
// the threshold; the finding names the words that weighed most, so it
// explains itself like the structure's findings do.

//go:embed model.txt
var modelText string

// The rules the model scores, in the order of weights' pairs.
const (
	modelJob = iota
	modelResume
	numModels
)

var modelRules = [numModels]string{RuleJobAsk, RuleResumeOffer}

// modelSet is the weights of both rules: one lookup per feature gives both.
type modelSet struct {
	bias, threshold [numModels]float64
	w               map[uint64][numModels]float32
}

// models holds the weights, parsed once at start-up and only read afterwards.
var models = parseModels(modelText)

func parseModels(s string) *modelSet {
	ms := &modelSet{w: map[uint64][numModels]float32{}}
	cur := -1
	for n, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			cur = slices.Index(modelRules[:], line[1:len(line)-1])
			if cur < 0 {
				panic("etiquette: model.txt line " + strconv.Itoa(n+1) + " names no rule")
			}
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 || cur < 0 {
			panic("etiquette: model.txt line " + strconv.Itoa(n+1) + " is not a feature and a weight")
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			panic("etiquette: model.txt line " + strconv.Itoa(n+1) + ": " + err.Error())
		}
		switch name := line[:i]; name {
		case "bias":
			ms.bias[cur] = v
		case "threshold":
			ms.threshold[cur] = v
		default:
			h := hashFeature([]byte(name))
			w := ms.w[h]
			w[cur] = float32(v)
			ms.w[h] = w
		}
	}
	return ms
}

// hashFeature is FNV-1a, so that looking a feature up never allocates.
func hashFeature(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// featureSink receives one feature of a sentence: its hash, the tokens it
// was read from, and (for training) its name, valid only during the call.
type featureSink func(h uint64, k0, k1 int, name []byte)

// stem cuts an inflection off a word, crudely but the same way every time:
// "applied", "applying", "applies" → "appli"; "hiring", "hired", "hire" → "hir".
func stem(w string) string {
	w = strings.TrimSuffix(w, "'s")
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = w[:n-3]
	case n > 4 && (strings.HasSuffix(w, "ied") || strings.HasSuffix(w, "ies")):
		w = w[:n-2]
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:n-1]
	}
	if len(w) > 3 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

// tag is a word's coarse role for the model, "" for none.
func (d *detector) tag(k int) string {
	c := d.cls[k]
	switch {
	case d.ch.isNegator(k):
		return "NEG"
	case c&cFirst != 0:
		return "FIRST"
	case c&cSecond != 0:
		return "SECOND"
	case c&cResume != 0:
		return "RESUME"
	case c&(cJob|cHire|cApply) != 0:
		return "TGT"
	case c&cWeak != 0:
		return "WEAK"
	case c&cOrg != 0:
		return "ORG"
	case c&cCond != 0:
		return "COND"
	case c&cWish != 0:
		return "WISH"
	case c&cKeep != 0:
		return "KEEP"
	case c&cPass != 0:
		return "PASS"
	case c&cSend != 0:
		return "SEND"
	case c&cPlace != 0:
		return "PLACE"
	case c&cArise != 0:
		return "ARISE"
	case c&cNeed != 0:
		return "NEED"
	case c&cOffer != 0:
		return "OFFER"
	case c&cBarrier != 0:
		return "LEARN"
	case c&cModal != 0:
		return "MODAL"
	case isPersonNoun(d.w(k)):
		return "PERSON"
	}
	return ""
}

// classNames name the cue classes in feature names.
var classNames = [...]string{"job", "weak", "hire", "apply", "org", "first", "second", "wish", "cond", "arise",
	"need", "pass", "barrier", "seek", "offer", "resume", "send", "place", "school", "modal", "keep", "exist", "wh", "any"}

// askNames name the ways of asking in feature names.
var askNames = [...]string{askQuestion: "question", askWish: "wish", askSeek: "seek", askCond: "cond",
	askKeep: "keep", askPass: "pass", askOffer: "offer", askApply: "apply"}

// withRoles adds the role features (roles.go); model_train_test.go's
// -no-roles flag turns them off to measure what they bring.
var withRoles = true

// minModelWords is the shortest sentence the model reads.
const minModelWords = 3

// pairReach is how far apart two tags may be for a "p:" feature.
const pairReach = 6

// features sends every feature of sentence st to emit; buf is scratch.
func (d *detector) features(st sentence, buf []byte, emit featureSink) []byte {
	put := func(k0, k1 int, parts ...string) {
		buf = buf[:0]
		for _, p := range parts {
			buf = append(buf, p...)
		}
		emit(hashFeature(buf), k0, k1, buf)
	}
	var tags [64]string
	n := min(st.t1-st.t0, len(tags))
	for i := range n {
		tags[i] = d.tag(st.t0 + i)
	}
	for k := st.t0; k < st.t1; k++ {
		s := stem(d.w(k))
		put(k, k+1, "w:", s)
		if k+1 < st.t1 {
			put(k, k+2, "b:", s, " ", stem(d.w(k+1)))
		}
		for b, name := range classNames {
			if d.cls[k]&(1<<b) != 0 {
				put(k, k+1, "c:", name)
			}
		}
		i := k - st.t0
		if i >= n {
			continue
		}
		if i+1 < n && (tags[i] != "" || tags[i+1] != "") {
			put(k, k+2, "t:", tags[i], " ", tags[i+1])
		}
		if tags[i] == "" {
			continue
		}
		for j := i + 2; j < min(n, i+pairReach+1); j++ {
			if tags[j] != "" {
				put(k, st.t0+j+1, "p:", tags[i], " ", tags[j])
			}
		}
	}
	if withRoles {
		buf = d.roleFeatures(st, buf, emit)
	}
	if st.question {
		put(st.t0, st.t1, "s:question")
	}
	if st.t0 >= d.a.bodyT1 {
		put(st.t0, st.t1, "s:after-signature")
	}
	target := d.firstTarget(st)
	if target >= 0 {
		put(target, target+1, "s:target")
	}
	var ab [16]ask
	for _, as := range d.asks(st, ab[:0]) {
		put(as.sp.t0, as.sp.t1, "s:ask ", askNames[as.kind])
		if target >= 0 {
			put(as.sp.t0, as.sp.t1, "s:target+ask ", askNames[as.kind])
		}
	}
	return buf
}

// firstTarget returns the first token that starts a target in sentence
// st (see target), or -1; jobAskIn records it, so it is read once.
func (d *detector) firstTarget(st sentence) int {
	s := d.a.toks[st.t0].sent
	if d.targetAt[s] == unknownTarget {
		d.targetAt[s] = -1
		for k := st.t0; k < st.t1; k++ {
			if _, _, ok := d.target(st, k); ok {
				d.targetAt[s] = int32(k)
				break
			}
		}
	}
	return int(d.targetAt[s])
}

const unknownTarget = -2

// modelScores returns both models' log-odds for sentence st, computed on
// the first call for the sentence. When weights is not nil it also adds
// each token's share of model m's score into it.
func (d *detector) modelScores(st sentence, m int, weights []float64) [numModels]float64 {
	s := d.a.toks[st.t0].sent
	if d.scores == nil {
		d.scores = make([][numModels]float64, len(d.a.sents))
		for i := range d.scores {
			d.scores[i][0] = math.NaN()
		}
	}
	if !math.IsNaN(d.scores[s][0]) && weights == nil {
		return d.scores[s]
	}
	z := models.bias
	d.buf = d.features(st, d.buf, func(h uint64, k0, k1 int, _ []byte) {
		w, ok := models.w[h]
		if !ok {
			return
		}
		for i := range z {
			z[i] += float64(w[i])
		}
		if weights != nil {
			for k := k0; k < k1; k++ {
				weights[k-st.t0] += float64(w[m]) / float64(k1-k0)
			}
		}
	})
	d.scores[s] = z
	return z
}

// modelHit reports whether the model finds sentence st over its threshold,
// with the words that weighed most as the finding's parts.
func (d *detector) modelHit(m int, st sentence) (hit, bool) {
	if st.t1-st.t0 < minModelWords || d.modelScores(st, m, nil)[m] < models.threshold[m] {
		return hit{}, false
	}
	weights := make([]float64, st.t1-st.t0)
	d.modelScores(st, m, weights)
	h := hit{target: noSpan, ask: noSpan, who: noSpan, kind: askWish, model: true}
	// The heaviest word of each part: what is asked for, the asking, and
	// whom it is for.
	best := [3]float64{}
	for i, w := range weights {
		k := st.t0 + i
		if w <= 0.2 {
			continue
		}
		part, sp := 1, &h.ask
		switch c := d.cls[k]; {
		case c&(cJob|cWeak|cHire|cApply|cOrg|cResume) != 0 || isPersonNoun(d.w(k)) && c&cFirst == 0:
			part, sp = 0, &h.target
		case c&cFirst != 0:
			part, sp = 2, &h.who
		}
		if w > best[part] {
			best[part], *sp = w, span{k, k + 1}
		}
	}
	if h.target.t0 < 0 && h.ask.t0 < 0 {
		return hit{}, false
	}
	return h, true
}
