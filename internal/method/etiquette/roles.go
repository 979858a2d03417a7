package etiquette

// Role features give the model (model.go) what a sentence does rather than
// which words it uses, so that a job ask phrased in words no batch used
// before still looks like one: who the clause is for (the writer, the
// reader, a third party), whether the reader's organisation is in it
// ("your team", "ur crew", "your lab"), whether someone becomes a member
// of something (join, take on, bring on, fit, slot in, be of use, cover,
// help out, pitch in, a spot, a seat, a pair of hands), how the clause
// asks (a request to the reader, a hope, a condition, an offer of the
// writer's, or a question for information: "how do people get in") and
// whether it is negated. Each is read from broad word classes, never from
// whole phrases; the model learns how they combine.

// roleFlags are what one clause (or a whole sentence) does.
type roleFlags uint16

const (
	rWriter  roleFlags = 1 << iota // I, me, my: the writer is in it
	rReader                        // you, your
	rThird                         // people, students, they, someone else
	rOrg                           // the reader's organisation: "your team", "your lab"
	rMember                        // someone joins or is taken on: join, take on, fit in, a spot
	rRequest                       // asks the reader: "could you", "please", "let me know"
	rHope                          // hopes or wishes: "I'd love", "I hope", "it would mean"
	rCond                          // a condition: if, should, whenever, in case
	rOffer                         // the writer offers: "I can", "happy to", "willing"
	rInfo                          // asks for information: "how do people", "what does … look like"
	rNeg                           // negated: not, never, no
	rGeneral                       // speaks of people in general: usually, typically, most
)

var roleNames = [...]string{"writer", "reader", "third", "org", "member", "request", "hope", "cond", "offer", "info", "neg", "general"}

// memberVerbs take someone into a group or put them to work there, by
// stem (model.go's stem): "join", "joined", "joining" → "join".
var memberVerbs = wordSet(`join onboard hir recruit employ enlist fit slot plug squeez tak bring brought add
	includ welcom absorb accommodat us cover pitch chip lend shadow tag assist help intern volunteer serv staff
	sign taken embed train apprentic mentor contribut fill replac relief step start get got work`)

// memberParticles complete a membership verb: "take on", "bring aboard",
// "help out", "pitch in", "slot in", "fit in".
var memberParticles = wordSet(`on aboard board in out onto into along alongside under among as`)

// memberNouns are a place in a group or a person added to one.
var memberNouns = wordSet(`member spot seat place slot role position opening vacancy job hand hands helper addition
	recruit hire trainee apprentice intern extra newcomer junior assistant backup cover vacanc room`)

// workForVerbs put the writer to work for the reader when "you" or "your"
// follows: "help with your inventory", "work for you", "cover your shifts".
var workForVerbs = wordSet(`work help assist cover serv support pitch fill lend`)

// thirdPersons are people other than the writer and the reader.
var thirdPersons = wordSet(`he she they them his her their people folks students graduates grads newcomers juniors
	someone others most everyone anyone candidates applicants beginners`)

// generalWords speak of how things usually are.
var generalWords = wordSet(`usually typically generally normally general typical usual common commonly often most
	tend tends anyone everyone people`)

// requestLeads open a clause that asks the reader: "please", "kindly",
// "lmk"; a modal followed by "you" asks too ("could you", "would you").
var requestLeads = wordSet(`please pls plz kindly lmk mind chance possible possibility`)

// offerWords say the writer is ready to do something.
var offerWords = wordSet(`happy glad willing ready available free eager keen open able`)

// Role lexicon bits: every word list above in one table, so that a token
// costs two lookups (the word and its stem).
const (
	lexMemberNoun uint8 = 1 << iota
	lexMemberVerb
	lexParticle
	lexWorkFor
	lexThird
	lexGeneral
	lexRequest
	lexOffer
)

var roleLex = func() map[string]uint8 {
	m := map[string]uint8{}
	for bit, set := range map[uint8]map[string]bool{lexMemberNoun: memberNouns, lexMemberVerb: memberVerbs,
		lexParticle: memberParticles, lexWorkFor: workForVerbs, lexThird: thirdPersons, lexGeneral: generalWords,
		lexRequest: requestLeads, lexOffer: offerWords} {
		for w := range set {
			m[w] |= bit
		}
	}
	return m
}()

// roleWord returns the flags a single token gives, and its word's
// lexicon bits.
func (d *detector) roleWord(k int) (roleFlags, uint8) {
	w := d.w(k)
	c := d.cls[k]
	lw := roleLex[w]
	var f roleFlags
	switch {
	case c&cFirst != 0:
		f |= rWriter
	case c&cSecond != 0:
		f |= rReader
	case lw&lexThird != 0:
		f |= rThird
	}
	if d.ch.isNegator(k) {
		f |= rNeg
	}
	if lw&lexGeneral != 0 {
		f |= rGeneral
	}
	if c&cCond != 0 {
		f |= rCond
	}
	if c&cWish != 0 && lw&lexOffer == 0 && (w != "like" || k > 0 && d.cls[k-1]&(cFirst|cModal) != 0) {
		f |= rHope // "I'd like", "would like"; not "look like", "someone like me"
	}
	if lw&lexRequest != 0 {
		f |= rRequest
	}
	s := stem(w)
	ls := lw
	if s != w {
		ls = roleLex[s]
	}
	if (lw|ls)&lexMemberNoun != 0 || c&(cJob|cHire) != 0 {
		f |= rMember
	} else if (lw|ls)&lexMemberVerb != 0 {
		// A membership verb counts with its particle or its object near:
		// "take me on", "bring someone aboard", "join your team".
		if s == "join" || s == "onboard" || s == "hir" || s == "recruit" || s == "employ" || s == "enlist" {
			f |= rMember
		} else {
			serves := ls&lexWorkFor != 0
			for j := k + 1; j <= k+3 && j < len(d.cls); j++ {
				if roleLex[d.w(j)]&lexParticle != 0 || d.cls[j]&cOrg != 0 || serves && d.cls[j]&cSecond != 0 {
					f |= rMember
					break
				}
			}
		}
	}
	return f, lw
}

// roleFeatures reads the roles of each clause of sentence st and sends
// their combinations to emit ("r:"), then those of the whole sentence,
// every clause's flags together ("R:": "if your crew needs a hand, I can
// start Monday" joins a condition on the reader's crew to an offer). buf
// is scratch for the names.
func (d *detector) roleFeatures(st sentence, buf []byte, emit featureSink) []byte {
	var sent roleFlags
	k := st.t0
	for k < st.t1 {
		c := d.a.toks[k].clause
		k0 := k
		var f roleFlags
		first := true
		for ; k < st.t1 && d.a.toks[k].clause == c; k++ {
			w := d.w(k)
			fw, lw := d.roleWord(k)
			f |= fw
			offer := lw&lexOffer != 0
			// the reader's organisation: "your team", "ur small crew", "you guys"
			if d.cls[k]&cSecond != 0 && (w == "your" || w == "ur" || w == "yours" || w == "aapki" || w == "aapke") {
				for j := k + 1; j <= k+3 && j < st.t1; j++ {
					if d.cls[j]&cOrg != 0 {
						f |= rOrg
						break
					}
				}
			}
			if d.cls[k]&cOrg != 0 && (d.w(k+1) == "yours" || d.w(k+2) == "yours" || d.w(k+1) == "ur") {
				f |= rOrg // "a crew like yours", "a lab of yours"
			}
			if first && offer {
				f |= rOffer // "Happy to take some pieces off your plate"
			}
			if d.cls[k]&cModal != 0 && k+1 < st.t1 {
				switch {
				case d.cls[k+1]&cSecond != 0 && (first || st.question):
					f |= rRequest // "could you", "would you"
				case k > st.t0 && d.cls[k-1]&cFirst != 0 || d.cls[k]&cFirst != 0:
					f |= rOffer // "I can", "I could", "I'd"
				}
			}
			if offer && k > st.t0 && (d.cls[k-1]&cFirst != 0 || d.w(k-1) == "be" || d.w(k-1) == "am" || d.w(k-1) == "im") {
				f |= rOffer // "I'm happy to", "I'd be glad to", "I am available"
			}
			if first && d.cls[k]&cWh != 0 {
				f |= rInfo // "how do people", "what does hiring look like"
			}
			if w != "and" && w != "but" && w != "so" && w != "also" {
				first = false
			}
		}
		if st.question && f&(rInfo|rRequest) == 0 && f&rReader != 0 {
			f |= rRequest // "do you ever take on…?", "any chance your team…?"
		}
		sent |= f
		buf = emitRoles(buf, emit, k0, k, "r:", f)
	}
	return emitRoles(buf, emit, st.t0, st.t1, "R:", sent)
}

// emitRoles sends the combinations of flags f that tell an ask from
// information: how it asks × membership × for whom × where.
func emitRoles(buf []byte, emit featureSink, k0, k1 int, prefix string, f roleFlags) []byte {
	who := roleKeys[(f>>0)&7][0]
	how := roleKeys[(f>>5)&31][1]
	not := roleKeys[(f>>10)&3][2]
	what := roleKeys[(f>>3)&3][3]
	for i := range 5 {
		buf = append(append(append(buf[:0], prefix...), "what="...), what...)
		if i != 1 {
			buf = append(append(buf, " how="...), how...)
		}
		if i == 1 || i == 2 || i == 4 {
			buf = append(append(buf, " who="...), who...)
		}
		if i >= 3 {
			buf = append(append(buf, " not="...), not...)
		}
		emit(hashFeature(buf), k0, k1, buf)
	}
	return buf
}

// roleKeys name each combination of the flags of a group, readable in
// model.txt: [bits][group] with groups who (3 bits from rWriter), how (5
// bits from rRequest), not (2 bits from rNeg), what (2 bits from rOrg).
var roleKeys = func() (t [32][4]string) {
	for i := range t {
		for g, shift := range [4]int{0, 5, 10, 3} {
			name := ""
			for b := range 5 {
				if i&(1<<b) != 0 && shift+b < len(roleNames) {
					if name != "" {
						name += "+"
					}
					name += roleNames[shift+b]
				}
			}
			if name == "" {
				name = "-"
			}
			t[i][g] = name
		}
	}
	return t
}()
