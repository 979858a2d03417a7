package etiquette

import (
	"slices"
	"strings"
	"unicode"
)

// The job-ask and resume-offer detector reads each sentence for a
// structure rather than for a fixed phrase, so that it catches wordings no
// table lists ("should a seat ever open up in your studio, I hope you'll
// think of me"). A job ask is
//
//	an employment target   (a job, role, opening, vacancy, internship, hiring,
//	                        a recruiter, an application, "room on your team",
//	                        "someone like me", freelance or trial work...)
//	× an ask or a wish     (a question to the reader, a conditional "if/should
//	                        … open up", an imperative, "would love", "hope",
//	                        "grateful", an offer to work for them)
//	× for the writer       (I, me, my: or a question about their openings)
//
// that is not negated ("I'm not asking about a position") and not a
// question about the field ("how do people land…", "what do entry-level
// jobs look like": a learning word such as how, what, learn or hear stands
// between the ask and the target). A resume offer is a resume or CV that is
// the writer's, with a verb that hands it over (attach, send, drop, link)
// or a place that points to it (a link, "on my LinkedIn", "in this chat").
//
// Words are looked up in one table of cue classes, with their inflections
// written out (apply, applied, applying, application), and a target word
// misspelt by one letter ("posiiton", "oppurtunity") still counts, for
// writers typing fast or in a second language.

// cue is a bit set of the roles a word can play in the structure.
type cue uint32

const (
	cJob     cue = 1 << iota // an employment target by itself: job, opening, vacancy, internship
	cWeak                    // a target only with support: role, spot, seat, room, opportunity, work
	cHire                    // the reader's side of hiring: hire, hiring, recruit, recruiter, hr
	cApply                   // the writer's application: apply, application, candidacy, considered
	cOrg                     // a place one joins: team, company, firm, crew, studio
	cFirst                   // the writer: I, me, my
	cSecond                  // the reader: you, your
	cWish                    // love, hope, grateful, keen, eager, honored
	cCond                    // if, should, whenever, once
	cArise                   // arise, open, free, unfilled, available
	cNeed                    // need, needs, looking, expanding, short-staffed
	cPass                    // pass, forward, put, mention, nudge, flag, refer, introduce
	cBarrier                 // learn, hear, how, what: what follows is a topic, not the thing asked
	cSeek                    // looking, searching, seeking, hunting (with I)
	cOffer                   // start, work, help, pitch, volunteer, intern
	cResume                  // resume, cv, vitae
	cSend                    // attach, enclose, send, drop, link, upload
	cPlace                   // linkedin, drive, link, website, profile, chat, here, below
	cSchool                  // program, school, degree, master's: applying there is not to them
	cModal                   // can, could, would, will, happy, glad, willing, ready, available
	cKeep                    // keep, bear, think, remember (of me, in mind, on your radar)
	cExist                   // openings, vacancies, positions, postings: what a question asks exists
	cWh                      // how, what, which, why, where, who: an information question
	cAny                     // any, anything, something, open, available
	cAddr                    // a word inside a web address or a file name (set by newDetector)
)

// addressCues are the classes a word keeps inside a web address or a file
// name: what it names ("cv", "resume") and where it is ("linkedin").
const addressCues = cResume | cPlace

// cueWords lists every cue word, grouped by class; a word may be in several.
var cueWords = map[cue]string{
	cJob: `job jobs position positions posiiton opening openings vacancy vacancies internship internships praktikum praktika
		externship externships returnship returnships practicum practicums placement placements apprenticeship apprenticeships traineeship traineeships
		learnership learnerships cadetship cadetships pupillage pupillages articleship articleships ojt
		employment employ hire hiring hires posting postings freelance freelancing contract contracts
		gig gigs shifts post posts secondment secondments headcount
		req reqs requisition requisitions siwes
		bakante`,
	cWeak: `role roles spot spots seat seats room place places opportunity opportunities opening slot slots
		work position chance cover locum temp temps scheme schemes desk desks chair chairs bench benches interim scope`,
	cHire: `hire hired hiring hires recruit recruits recruiting recruited recruiter recruiters recruitment
		hr talent employ employing onboard onboarding staffing`,
	cApply: `apply applies applied applying application applications applicant applicants candidacy candidate
		candidates candidature candidatures consideration considered consider considering suitability`,
	cOrg: `team teams company firm organization organisation crew studio lab practice shop kitchen department
		office agency group unit staff newsroom bureau clinic startup business outfit division institute institution
		centre center facility hospital museum gallery foundation collective chambers
		cafe café bakery restaurant salon pharmacy garage vineyard winery brewery bank`,
	cFirst: `i me my mine myself i'm i've i'd i'll im ive id lmk hmu
		mera meri mujhe mujhko ako`,
	cSecond: `you your yours you're you've you'd you'll u ur ya y'all yall
		aapki aapke aapka apki apke apka ninyo niyo nyo inyo`,
	cWish: `love like hope hoping hoped grateful appreciate appreciative keen eager honored honoured
		thrilled delighted wish wishes wished dream dreams dreamed dreamt dreaming want wanted interested interest interesting excited jump welcome glad happy happily gladly
		wonder wondering wondered privilege goal aim ambition confident value chuffed stoked leap relish`,
	cCond: `if should whenever once case
		agar agr kung`,
	cArise: `arise arises arising arose open opens opened opening free frees unfilled available availability
		vacant emerge emerges come comes coming pop pops crop crops become becomes spare`,
	cNeed: `need needs needed looking expanding grow grows growing short-staffed shorthanded understaffed
		slammed swamped take takes taking bring bringing adding strengthen strengthening bolster bolstering`,
	cPass: `pass passing passed forward forwarding put putting mention mentioning nudge nudging flag flagging
		refer referring recommend recommending introduce introducing connect send sending share sharing
		loop point pointing vouch drop hand handing recommend
		pa-forward`,
	cBarrier: `learn learning hear hearing understand understanding explore exploring discuss discussing
		how what why which where describe explain compare comparing curious advice insight insights perspective
		story experience experiences tips tip look looks process trends about true common typical usual normal`,
	cSeek: `looking searching seeking hunting search seek angling gunning vying`,
	cOffer: `start work working help helping pitch volunteer intern contribute assist cover show jump step fill serve do take
		shadow pick`,
	cResume: `resume resumes cv cvs vitae résumé lebenslauf curriculum currículum currículo curriculo cv's resume's résumé's bewerbungsunterlagen
		credentials dossier biodata bio-data bewerbungsmappe bewerbungsfoto`,
	cSend: `attach attached attaching attaches enclose enclosed enclosing encloses include included including
		send sending sent forward forwarding forwarded share sharing shared submit submitting submitted
		provide providing email emailing emailed link links linked linking drop dropped dropping upload uploaded
		uploading post posted paste pasted pinned pin add added pass passing hand handed handing left leave leaving
		mail mailing mailed text texting texted bring bringing tuck tucked tucking slip slipped dm dmed message messaged
		whatsapp whatsapped flick flicking flicked shoot shooting whip whipping ping pinging pinged bung bunging
		angehängt beigefügt beigelegt anbei allego allegato allegata alleghiamo anexo anexei pfa
		jointe joint porterò porto portare portarle portarlo apporterai apporter mitbringen bijlage bijgevoegd meenemen meebrengen
		stuur stuurde verstuur mee sturen opsturen doorsturen toesturen versturen mailen
		schicken zuschicken zusenden senden enviarte mandarte inviarti mandarti
		adjunto adjunta adjuntar adjuntarle envío envio enviar enviarle envia envía mando mandar giro girare
		envoyer t'envoyer envoie envoierai enverrai t'envoie lege füge fuege schicke sende übersende
		invio inviare inviarle inviato inoltro inoltrare mando mandare mandarle lascio lasciarle consegnarle
		déposer deposer dépose déposerai laisser laisserai transmets transmettre transmettrai segue seguem`,
	cPlace: `linkedin drive dropbox link links website site profile chat dm dms thread inbox here below above file
		attached featured http https www url github notion folder onedrive linktree bio behance
		website dribbble attachment attachments wetransfer envelope follows overleaf
		anhang anlage beilage evidenza destacados destaque profilo perfil profil doc xing`,
	cSchool: `program programs programme programmes school schools degree degrees master's masters mba phd
		university universities college colleges grad graduate bootcamp course courses scholarship
		scholarships fellowship fellowships certificate certification residency mph mla msw msc mfa llm mphil mres meng bsc`,
	cModal: `can could would will happy glad willing ready available able i'd i'll
		pwede puwede`,
	cKeep:  `keep keeping kept bear bearing borne think thinking remember remembering`,
	cExist: `openings vacancies positions postings internships jobs roles opportunities opening vacancy position`,
	cWh:    `how what which why where`,
	cAny: `any anything something anyone open available
		koi`,
}

// cues maps each word to its classes; built once at start-up, then only read.
var cues = func() map[string]cue {
	m := make(map[string]cue)
	for c, ws := range cueWords {
		for _, w := range strings.Fields(ws) {
			m[normalize(w)] |= c
		}
	}
	return m
}()

// fuzzyTargets are the target words a one-letter slip still finds.
var fuzzyTargets = strings.Fields(`position positions opening openings vacancy vacancies internship internships
	opportunity opportunities application applications recruiter recruiters employment apprenticeship resume`)

// cueOf returns a word's classes, forgiving one slip in a long target word.
func cueOf(w string) cue {
	if c, ok := cues[w]; ok {
		return c
	}
	// A verb that hands a document over, in an inflection the table does
	// not write out: "links", "uploads".
	for _, suf := range inflections {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			if c := cues[w[:len(w)-len(suf)]] & cSend; c != 0 {
				return c
			}
		}
	}
	if len(w) < 7 {
		return 0
	}
	for _, t := range fuzzyTargets {
		if t[0] == w[0] && oneEditApart(w, t) {
			return cues[t]
		}
	}
	return 0
}

// inflections are the endings cueOf takes off a word it does not know.
var inflections = []string{"s", "es", "ed", "d", "ing"}

// oneEditApart reports whether a and b differ by one inserted, deleted,
// substituted or swapped letter (and are not equal).
func oneEditApart(a, b string) bool {
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 || a == b {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

// bossWords are who takes people on: "tell your manager about me".
var bossWords = wordSet(`manager managers boss director directors supervisor owner chef partner partners lead head editor
	recruiter recruiters hr principal superintendent foreman super supers forewoman gaffer`)

// personNouns are who a team may need: "if you ever need another analyst",
// "take on apprentices". Job titles are open-ended, so a word ending like
// a doer (-er, -or, -ist, -ant, -ee) counts too.
var personNouns = wordSet(`someone somebody anyone anybody help hand hands people folks person staff helper helpers
	intern interns apprentice apprentices junior juniors trainee trainees grads graduates me freelancer
	freelancers volunteer volunteers associate associates newcomer newcomers hire hires tech techs kid kids
	assistance trainee pupil pupils student students backup postdoc postdocs fellow fellows locum locums
	temp temps casuals aide aides analyst analysts nurse nurses medic medics chef chefs cook cooks clerk clerks`)

var doerSuffixes = []string{"er", "ers", "or", "ors", "ist", "ists", "ant", "ants", "ee", "ees", "ian", "ians", "hand", "hands"}

// wordSet makes a set of the words in s, each normalized the way the
// tokenizer normalizes the text, so an entry with an accent ("intérim",
// "présente") matches the words it names.
func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[normalize(w)] = true // folded as tokens are: "intérim" matches "interim"
	}
	return m
}

// notDoers end like a doer but name none.
var notDoers = wordSet(`another other others either neither whether rather together later never ever number order
	paper water summer winter matter matters corner letter after under over better sooner longer faster
	bigger larger smaller wider roomier quieter cheaper newer greater
	minor major color colour error errors favor favour honor honour labor labour calendar weather
	remember consider anymore however otherwise whatever whenever wherever important relevant different
	current recent pleasant constant instant distant significant beforehand firsthand secondhand offhand shorthand
	mentee mentees career careers restaurant restaurants elegant brilliant vibrant abundant computer computers poster posters chapter chapters`)

// personWithin returns the first person noun in the n tokens from k, past
// the words that qualify it ("a field technician"), or -1.
func (d *detector) personWithin(st sentence, k, n int) int {
	for j := k; j < min(st.t1, k+n); j++ {
		if d.personAt(j) {
			return j
		}
		if d.is(j, cFirst|cSecond) || prepositions[d.w(j)] {
			break
		}
	}
	return -1
}

// personAt reports whether token k is a person noun (isPersonNoun) that
// is a word of the sentence, not of an address ("linkedin.com/in/connor").
func (d *detector) personAt(k int) bool {
	return isPersonNoun(d.w(k)) && !d.is(k, cAddr) && !(d.w(k) == "person" && d.w(k-1) == "in") // "by phone or in person": a way to meet
}

func isPersonNoun(w string) bool {
	if personNouns[w] {
		return true
	}
	if len(w) < 5 || notDoers[w] {
		return false
	}
	for _, suf := range doerSuffixes {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// offerMarks make an offer of the writer's time an offer to work: "paid or
// not", "for free", "off your plate", "start Monday".
var offerMarks = wordSet(`unpaid paid pay free plate monday immediately asap away exchange trial shifts shift project projects
	freelance contract hands pieces tasks overflow backlog capacity rate services`)

// materials are what a writer asks to have passed to someone who hires:
// "pass my portfolio to your creative director".
var materials = wordSet(`portfolio details info information profile samples reel`)

// roomWords are what a team may have for one more person: "budget for a
// contractor", "headcount for a junior".
var roomWords = wordSet(`budget headcount funding space capacity room need`)

// notPeople are what a team may look for that is no one: "a new tool".
var notPeople = wordSet(`new tool tools vendor way time place venue space break change better good few lot reason solution
	partner sponsor donor grant`)

// sizeWords measure what a growing place needs, and thingsNeeded are
// things, not people: "a bigger space", "a larger office".
var (
	sizeWords    = wordSet(`bigger larger smaller wider roomier quieter cheaper newer second`)
	thingsNeeded = wordSet(`office offices room building studio premises warehouse site location kitchen shop store van truck
		server machine printer budget desk desks lab workshop unit boat`)
)

// assets are what a writer offers to bring to a team.
var assets = wordSet(`value skills talents experience expertise energy background strengths perspective`)

// chances are what a writer asks to be given: "give me a shot".
var chances = wordSet(`shot try tryout trial go chance opportunity job role position place spot break start opening crack
	work projects tasks assignments commissions shifts hours gigs`)

// pleaseVerbs follow "please" or "kindly" when the reader is asked to take
// the writer on: "kindly consider my candidature".
var pleaseVerbs = []string{"consider", "treat", "accept", "regard", "keep", "add", "put", "take", "find", "assist", "help", "grant", "facilitate", "allow"}

// requestWords are what the writer asks the reader to consider that is no
// application: "considering my request".
var requestWords = wordSet(`request requests message note email letter question questions proposal invitation idea`)

// determiners may stand between "give me" and what is given: "a few shifts".
var determiners = wordSet(`a an the some any few couple of more extra`)

// handMyWay send work to the writer: "throw some projects my way".
var handMyWay = []string{"throw", "send", "pass", "toss", "steer", "push", "direct", "point", "put", "flick"}

// roomFor returns the person a team has room for, budget for or capacity
// for ("budget for a contractor", "capacity in your lab for a visiting
// researcher"), or -1.
func (d *detector) roomFor(st sentence, k int) int {
	f := k + 1
	if d.w(f) != "for" {
		// past where the room is: "in your lab", "on the team"
		if !prepositions[d.w(f)] || d.w(f) == "for" {
			return -1
		}
		f = d.findWord(st, f+1, f+5, "for")
		if f < 0 {
			return -1
		}
	}
	switch d.w(f + 1) {
	case "a", "an", "another", "one", "more":
		return d.personWithin(st, f+2, 3)
	}
	return -1
}

// roomAt returns the room at k for someone (roomFor) or for the writer in
// the reader's place (roomForMe), or noSpan.
func (d *detector) roomAt(st sentence, k int) span {
	if d.w(k+1) == "for" && d.w(k+2) == "me" {
		if y := d.roomForMe(st, k); y >= 0 {
			return span{y, k + 3}
		}
	}
	if r := d.roomFor(st, k); r >= 0 {
		return span{k, r + 1}
	}
	return noSpan
}

// roomForMe returns where the reader's place starts when it has the room
// at k for the writer ("your team has space for me", "your programme had
// room for me"), or -1; a field's room is no one's ("your field has room").
func (d *detector) roomForMe(st sentence, k int) int {
	cs := d.clauseStart(k)
	for y := k - 1; y >= max(cs, k-6); y-- {
		if d.w(y) != "your" && d.w(y) != "ur" {
			continue
		}
		if fieldWords[d.w(y+1)] || d.findWord(st, y+1, k, "has", "have", "had", "got", "with") < 0 {
			return -1
		}
		return y
	}
	return -1
}

// wishNouns say what working somewhere would be to the writer: "a dream".
var wishNouns = wordSet(`dream honour honor privilege thrill joy`)

// wishedAt reports whether the wish noun at j is what something "would be":
// "would be a dream", "would be such an honour".
func (d *detector) wishedAt(st sentence, j int) bool {
	b := d.findWord(st, j-4, j, "be")
	if b < 0 || !(d.w(b-1) == "would" || d.w(b-1) == "'d") {
		return false
	}
	for x := b + 1; x < j; x++ {
		switch d.w(x) {
		case "a", "an", "such", "my", "the", "absolute", "real", "true", "huge", "great":
		default:
			return false
		}
	}
	return true
}

// wishedGerund returns the wish noun that a work verb opening its clause
// is the subject of ("Working at your agency would be a dream come true"),
// or -1.
func (d *detector) wishedGerund(st sentence, k int) int {
	if !strings.HasSuffix(d.w(k), "ing") || k != d.clauseStart(k) && !leadWords[d.w(k-1)] && !intensifiers[d.w(k-1)] {
		return -1
	}
	for j := k + 1; j < min(st.t1, k+14); j++ {
		if wishNouns[d.w(j)] && d.wishedAt(st, j) {
			return j
		}
	}
	return -1
}

// bidWords compete for a piece of the reader's work: "a shot at bidding",
// "bid on your remodels".
var bidWords = wordSet(`bid bidding bids tender tendering subbing pitching quoting`)

// beingHired follow "to be" in a wish to be taken on: "to be shortlisted".
var beingHired = wordSet(`shortlisted hired employed recruited taken onboarded`)

// getVerbs win an interview: "land an interview at your firm".
var getVerbs = wordSet(`get getting land landing secure securing score scoring earn earning win winning`)

// trialSpans are trial work: "a trial shift", "a trial day".
var trialSpans = wordSet(`shift shifts day days week weeks period run project`)

// notRoles are people the writer may wish to be to the reader that are not
// hires: "your mentee", "your guest".
var notRoles = wordSet(`mentee mentees student students pupil guest guests fan fans reader readers follower followers
	listener listeners subscriber customer client neighbour neighbor partner friend`)

// pronounObjects stand for work named earlier: "take them on", "do it".
var pronounObjects = wordSet(`them it those some any one on`)

// ownWork are job words that, after "your" or "my", name someone's own
// work ("your first role", "my current job"), not one being asked for.
var openWords = wordSet(`openings vacancies postings hiring recruiter recruiters recruiting hr talent opening vacancy`)

// prepositions place a thing at the reader's: "at your firm".
var prepositions = wordSet(`at with in on within for`)

// leadWords may come before a question's auxiliary: "also, do you…".
var leadWords = wordSet(`also and so plus oh btw anyway`)

// listWords are the lists a writer asks to be put on: "on your radar".
var listWords = wordSet(`radar file shortlist list roster books bench mix running pool pipeline cohort intake`)

// poolWords are lists one is kept or stays in ("keep my name in the mix",
// "stay in the running"); "I'm in the running for a scholarship" is news.
var poolWords = wordSet(`mix running pool cohort intake`)

// workVerbs offer the writer's work when they go "for you", "with your team".
var workVerbs = wordSet(`work working intern interning volunteer volunteering contribute contributing serve serving
	freelance freelancing land landing start started starting apprentice apprenticing train training bid bidding tender tendering
	stage staging rotate rotating extern externing trial trialling trialing`)

// tradeVerbs are work verbs of a trade that are also common nouns or
// verbs of something else ("stage" a cook's trial shifts, "rotate" a
// student's placement): work only after a word that makes them a verb or
// an engagement and with a place that takes people on after them.
var tradeVerbs = wordSet(`stage staging rotate rotating extern externing trial trialling trialing`)
var tradeVerbLead = wordSet(`to me i i'd i'll could can would a do doing and or him her them she he they`)

// keptOtherThing reports whether the list at k keeps a thing named
// between the keeping verb and it, not the writer: "kept this message on
// file", "keep the link on file"; not "keep me on file", "keep my CV on
// file", "keep my name in the mix".
func (d *detector) keptOtherThing(st sentence, k int) bool {
	kw := d.findWord(st, k-7, k, "keep", "kept", "keeping", "put", "file")
	if kw < 0 || kw == k {
		return false
	}
	p := d.findWord(st, kw+1, k, "on", "onto", "in", "into")
	if p <= kw+1 {
		return false
	}
	for x := kw + 1; x < p; x++ {
		if d.is(x, cFirst|cResume) || d.w(x) == "name" || d.w(x) == "details" || materials[d.w(x)] {
			return false
		}
	}
	return true
}

// readersGroupIn reports whether the reader's group ("your crew", "ur
// team") is named in [from, to): a visit with it "to see if I'd be a fit"
// is a try-out, while "your story would help me see if I'd be a fit" is not.
func (d *detector) readersGroupIn(st sentence, from, to int) bool {
	for j := max(st.t0, from); j < min(st.t1, to); j++ {
		if (d.w(j) == "your" || d.w(j) == "ur") && (d.is(j+1, cOrg) || d.is(j+2, cOrg)) {
			return true
		}
	}
	return false
}

// familyWords are the writer's family, for whom a job may be asked as for
// the writer: "my daughter … Could she intern with your firm?".
var familyWords = wordSet(`son sons daughter daughters husband wife partner spouse kid kids child children boy girl
	nephew niece brother sister cousin grandson granddaughter stepson stepdaughter`)

// familyFor reports whether the work verb at k is done by the writer's
// family member, named with "my" in this sentence or the one before and
// its subject here ("my daughter Ana is finishing her degree. Could she
// intern with your firm?", "could my son intern with you?").
func (d *detector) familyFor(st sentence, k int) bool { return d.familyAt(st, k) >= 0 }

// familyAt returns where familyFor found the family member ("daughter"), or -1.
func (d *detector) familyAt(st sentence, k int) int {
	subj := false
	for j := max(st.t0, k-4); j < k; j++ {
		if w := d.w(j); w == "she" || w == "he" || w == "they" || w == "her" || w == "him" || familyWords[w] || d.capitalized(j) && j > st.t0 {
			subj = true
		}
	}
	if !subj {
		return -1
	}
	lo := st.t0
	if s := d.a.toks[st.t0].sent; s > 0 {
		lo = d.a.sents[s-1].t0
	}
	for j := lo; j < k; j++ {
		if familyWords[d.w(j)] && (d.w(j-1) == "my" || d.w(j-1) == "our") {
			return j
		}
	}
	return -1
}

// span is a run of tokens [t0, t1); t0 < 0 means none (an implicit part).
type span struct{ t0, t1 int }

var noSpan = span{-1, -1}

// intensifiers may stand inside "I'd really like".
var intensifiers = wordSet(`really very truly so also still just honestly genuinely much especially particularly sincerely greatly definitely`)

// askKind says how a sentence asks; it chooses the suggested rewrite and
// whether a feeler note may say it.
type askKind uint8

const (
	askQuestion askKind = iota // "Are you hiring?"
	askWish                    // "I'd love to join your crew"
	askSeek                    // "I am searching a position"
	askCond                    // "should a seat open up…" (soft)
	askKeep                    // "keep me in mind" (soft)
	askPass                    // "put my name forward", "pass it to HR"
	askOffer                   // "I could start Monday"
	askApply                   // "I applied for the analyst role at your firm"
)

// hit is one detected job ask or resume offer: the parts that made it.
type hit struct {
	target, ask, who span
	kind             askKind
	model            bool // found by the model (model.go), not the structure
}

func (h hit) soft() bool { return h.kind == askCond || h.kind == askKeep }

// detector holds one text's cue classes for the structure rules.
type detector struct {
	a   *analysis
	ch  *checker
	cls []cue
	buf []byte // scratch for the model's feature names

	targetAt        []int32      // per sentence: its first target's token, -1 for none, unknownTarget before the first look
	codeSwitch, cjk int8         // whether the message holds a code-switch lexicon word, a CJK character: 0 before the first look, 1 no, 2 yes
	scores          [][2]float64 // per sentence: the models' log-odds (job_ask, resume_offer), nil before the first look
}

func newDetector(ch *checker) *detector {
	d := &detector{a: ch.a, ch: ch, cls: make([]cue, len(ch.a.toks)), targetAt: make([]int32, len(ch.a.sents))}
	for k, t := range ch.a.toks {
		d.cls[k] = cueOf(strings.TrimSuffix(t.norm, "'s"))
		// A word of a web address or a file name is no word of the sentence
		// ("tomharris.me/cv", "linkedin.com/in/connor-byrne-cv"): it may name
		// a resume or a place, nothing else. Hyphens carry the address on.
		if d.inAddress(k) || k > 0 && d.cls[k-1]&cAddr != 0 && ch.a.toks[k-1].end+1 == t.start && ch.a.text[t.start-1] == '-' {
			d.cls[k] = d.cls[k]&addressCues | cAddr
		}
	}
	for k := 1; k < len(d.cls); k++ {
		if historyOf[ch.a.toks[k-1].norm] && ch.a.toks[k].norm == "history" {
			d.cls[k] |= cResume // "my work history", "my employment history": the resume by another name
		}
	}
	for s := range d.targetAt {
		d.targetAt[s] = unknownTarget
	}
	return d
}

// historyOf make "history" the writer's resume: "work history".
var historyOf = wordSet(`work employment career job professional`)

func (d *detector) w(k int) string {
	if k < 0 || k >= len(d.a.toks) {
		return ""
	}
	return d.a.toks[k].norm
}

func (d *detector) is(k int, c cue) bool { return k >= 0 && k < len(d.cls) && d.cls[k]&c != 0 }

// within reports the first token in [from, to) of sentence st with class c, or -1.
func (d *detector) find(st sentence, from, to int, c cue) int {
	for k := max(from, st.t0); k < min(to, st.t1); k++ {
		if d.cls[k]&c != 0 {
			return k
		}
	}
	return -1
}

func (d *detector) findWord(st sentence, from, to int, words ...string) int {
	for k := max(from, st.t0); k < min(to, st.t1); k++ {
		for _, w := range words {
			if d.a.toks[k].norm == w {
				return k
			}
		}
	}
	return -1
}

func (d *detector) clauseStart(k int) int {
	toks := d.a.toks
	j := k
	for j > 0 && toks[j-1].clause == toks[k].clause && toks[j-1].sent == toks[k].sent {
		j--
	}
	return j
}

// owner returns the possessive that governs a noun at k ("your first
// role", "my current job"), or "".
func (d *detector) owner(k int) string {
	cs := d.clauseStart(k)
	verb := false
	for j := k - 1; j >= max(cs, k-3); j-- {
		switch w := d.w(j); w {
		case "your", "my", "our", "his", "her", "their", "its":
			if verb && w == "your" {
				return "" // "is your firm taking articleship trainees?": the reader's place takes it, it owns none
			}
			return w
		case "taking", "takes", "accepting", "accepts", "offering", "offers", "hiring", "recruiting", "posting", "posts":
			verb = true
		case "mein", "meinen", "meine", "mio", "mia", "meu", "minha", "mon", "mijn", "mi", "mis":
			return "my" // "meinen Lebenslauf", "il mio curriculum", "o meu currículo", "mon CV", "mijn cv", "mi CV"
		case "votre", "vos", "ton", "tes", "tuo", "tua", "jouw", "uw", "jullie", "ihr", "ihren", "ihre", "dein", "deinen", "deine", "tu", "teu", "tua's":
			return "your" // "votre CV", "il tuo curriculum", "jouw cv", "Ihren Lebenslauf"
		case "a", "an", "any", "the", "some", "this", "that", "for", "to", "of", "in", "on", "at",
			"un", "une", "le", "la", "les", "des", "du", "il", "lo", "gli", "el", "los", "las", "um", "uma", "een", "het", "ein", "eine", "einen", "der", "die", "das":
			return "" // and their foreign articles: "un CV", "een cv", "el currículum"
		}
	}
	return ""
}

// target reports whether token k starts (or is) an employment target in
// sentence st, with the target's span and whether it names the writer too
// ("my application", "someone like me").
func (d *detector) target(st sentence, k int) (sp span, self, ok bool) {
	w, c := d.w(k), d.cls[k]
	next, prev := d.w(k+1), ""
	if k > st.t0 {
		prev = d.w(k - 1)
	}
	one := span{k, k + 1}
	switch {
	case w == "consideration" && prev == "your" && (k+1 >= st.t1 || d.a.toks[k+1].clause != d.a.toks[k].clause || next == "and"):
		// "I remain grateful for your consideration": the reader's
		// consideration of the request itself; not "your consideration for
		// the analyst role"
		return span{}, false, false
	case (w == "adding" || w == "onboarding") && d.findWord(st, k-4, k, "your", "ur") >= 0 && d.personAt(k+1) && d.firstNear(st, k, 4) < 0:
		// "is your team adding analysts this cycle?": the reader's place taking people on
		return span{k, k + 2}, false, true
	case w == "work" && next == "experience" && d.owner(k) == "" && d.workExperienceAtYours(st, k+2):
		// "the opportunity of a week's work experience in your office": a
		// British school placement; not the writer's own work experience
		return span{k, k + 2}, false, true
	case (w == "looking" || w == "hiring" || w == "recruiting" || w == "expanding" || w == "growing") && k+1 < st.t1 &&
		d.a.toks[k+1].clause != d.a.toks[k].clause && d.findWord(st, k-5, k, "your", "ur") >= 0 && d.find(st, k-4, k, cOrg) >= 0 && d.writerOffered(st, k+1):
		// "if your team is ever looking, I'm around!"
		return span{d.findWord(st, k-5, k, "your", "ur"), k + 1}, false, true
	case (w == "stay" || w == "staying" || w == "remain" || w == "remaining") && next == "on" && d.retainedAfter(st, k+2) && d.firstNear(st, k, 6) >= 0,
		(w == "keep" || w == "keeping") && next == "me" && d.w(k+2) == "on" && d.retainedAfter(st, k+3),
		w == "kept" && next == "on" && d.w(k-1) == "be" && d.retainedAfter(st, k+2) && d.firstNear(st, k, 6) >= 0:
		// Kept on where the writer is placed now: "I'd love to stay on after
		// my placement ends", "would your lab keep me on after the summer?"
		return span{k, k + 2}, true, true
	case (w == "anyone" || w == "anybody" || w == "someone" || w == "somebody") && d.networkNeed(st, k) > k:
		// Asked through the reader's network: "if you know anyone around
		// town who needs a line cook for the summer, I'm all ears"
		v := k - 1 // from the knowing: "hear of" is no learning barrier here
		if d.w(v) == "of" || d.w(v) == "across" {
			v--
		}
		return span{v, d.networkNeed(st, k) + 1}, false, true
	case w == "stage" && d.stageAtYours(st, k):
		// "a possibility of stage in your agency": an internship, in
		// French or Moroccan English; not "at this stage in your career"
		return span{k, k + 1}, false, true
	case w == "attachment" && (attachmentKinds[prev] || attachmentOpenings[next]) && prev != "the" && prev != "this" && prev != "my":
		// "kindly assist with attachment opportunity", "an industrial
		// attachment at your firm": a student's placement in Kenya and
		// Nigeria; not the attachment of an email
		if attachmentOpenings[next] {
			return span{k, k + 2}, false, true
		}
		return span{k - 1, k + 1}, false, true
	case w == "door" && prev == "the" && (d.w(k-2) == "in" || d.w(k-2) == "through") && d.doorAtYours(st, k) > k:
		// "how someone like me gets in the door at your firm": the writer's
		// way in at the reader's place, asked even with how
		return span{k - 2, d.doorAtYours(st, k) + 1}, d.find(st, max(st.t0, k-8), k, cFirst) >= 0, true
	case next == "me" && writeInVerbs[w] && d.writtenIntoFunding(st, k+2) > 0:
		// "would you consider writing me into your next NSF proposal as
		// personnel?": paid work on the reader's grant
		return span{k, d.writtenIntoFunding(st, k+2) + 1}, true, true
	case (w == "practice" || w == "practise") && (prev == "make" || prev == "making" || prev == "do" || prev == "doing") && d.practiceAtYours(st, k):
		// "I wish to make practice in your laboratory": a placement, in non-native English
		return span{k - 1, k + 1}, true, true
	case w == "assignment" && prev == "primary" || w == "ppa" && d.w(k-1) != "the" || w == "nysc" && (next == "posting" || next == "placement"):
		// "accept me as my place of primary assignment for my service year":
		// the Nigerian service-year placement (NYSC PPA)
		return one, true, true
	case (w == "nominate" || w == "nominating") && next == "me" && d.nominatedAtYours(st, k+2) >= 0:
		// "would you consider nominating me for your foundation's fellowship?"
		return span{k, d.nominatedAtYours(st, k+2) + 1}, true, true
	case (w == "make" || w == "making" || w == "state" || w == "plead" || w == "pitch") && next == "my" && d.w(k+2) == "case" && d.caseForJob(st, k+3):
		return span{k, k + 3}, true, true // "ten minutes to make my case for the associate role"
	case (w == "anything" || w == "something") && d.doneForYours(st, k) > 0:
		return span{k, d.doneForYours(st, k)}, true, true // "is there anything I could do for your company?"
	case w == "start" && d.startAsJob(st, k):
		// "a wee start going at the distillery", "could you give me a start?"
		return span{k - 1, k + 1}, prev == "me", true
	case (w == "short" && (next == "of" || next == "on") || w != "short" && shortWords[w]) && d.readerShort(st, k) >= 0:
		// "your unit is short of night nurses, and that's exactly the kind
		// of post I want": the reader's need told, then the writer's wish
		if o := d.readerShort(st, k); o > k {
			return span{k, o + 2}, false, true // "how stretched your team is"
		}
		return span{d.readerShort(st, k), k + 1}, false, true
	case (w == "grow" || w == "grows" || w == "growing" || w == "expand" || w == "expands" || w == "expanding") && d.readerGrows(st, k) >= 0:
		// "if your team ever grows, you know where to find me"; the writer
		// must speak after it, not "if your team grows, how will you keep the culture?"
		return span{d.readerGrows(st, k), k + 1}, false, true
	case (w == "put" || w == "putting") && (next == "me" || next == "myself") && d.w(k+2) == "forward" &&
		d.findWord(st, k+3, k+7, gatherings...) < 0 && d.findWord(st, k+3, k+7, eventWords...) < 0:
		return span{k, k + 3}, true, true // "put me forward for the graduate intake"; not "as a speaker for your panel"
	case w == "like" && next == "me" && k+1 < st.t1:
		// "someone like me", "folks from bootcamps like me"
		for j := k - 1; j >= max(st.t0, k-4); j-- {
			if p := d.w(j); p == "someone" || p == "somebody" || p == "folks" || p == "people" || p == "anyone" || isPersonNoun(p) {
				if d.w(j-1) == "from" {
					return // "too many questions from students like me": who writes, not who is hired
				}
				return span{j, k + 2}, true, true
			}
		}
	case w == "introduced" && prev == "be":
		// "I'd love to be introduced about the site engineer opening you
		// posted", "to be introduced to your manager regarding the role"
		if p := d.findWord(st, k+1, k+6, "about", "regarding", "for", "re"); p >= 0 {
			if j := d.find(st, p+1, p+5, cJob); j >= 0 {
				return span{k - 1, j + 1}, true, true
			}
		}
	case w == "with" && next == "my" && backgroundNouns[d.w(k+2)] && k+2 < st.t1:
		// "someone with my background", "people with my experience": the
		// writer, like "someone like me"
		if p := d.w(k - 1); (p == "someone" || p == "somebody" || p == "anyone" || p == "people" || isPersonNoun(p)) && d.w(k-2) != "from" {
			return span{k - 1, k + 3}, true, true
		}
	case w == "mind" && (prev == "in"):
		// "keep me in mind", "be borne in mind"; not "keep in mind that"
		if next == "that" || d.findWord(st, k-5, k, "keep", "keeping", "kept", "bear", "bearing", "borne", "me", "my") < 0 {
			return
		}
		return span{k - 1, k + 1}, true, true
	case listWords[w] && d.findWord(st, k-3, k, "on", "onto", "in", "into") >= 0 && (w != "books" || d.w(k-1) == "your" || d.w(k-1) == "the" || d.w(k-1) == "ur"):
		// "on your books"; not "working in picture books"
		// "keep me on your radar", "on your shortlist", "get me onto your substitute list",
		// "keep my name in the mix"
		if d.keptOtherThing(st, k) {
			return // "if you kept this message on file for reference": a thing kept, not the writer
		}
		if d.findWord(st, k-8, k, "me", "my", "keep", "kept", "keeping", "i", "i'd", "i'm") >= 0 &&
			(!poolWords[w] || d.findWord(st, k-6, k, "keep", "kept", "keeping", "stay", "remain", "put") >= 0 ||
				d.w(d.findWord(st, k-3, k, "in", "into")-1) == "be" && d.hiringNear(st, k)) {
			// "I'm curious how your team picks its summer interns. I'd love to
			// be in that pool next year", "I'd like to be in the running"
			return span{d.findWord(st, k-3, k, "on", "onto", "in", "into"), k + 1}, true, true
		}
	case listWords[w] && d.joinsList(st, k) >= 0:
		// "a chance I could be added to your agency's pool of contract
		// translators", "to audition for your orchestra's substitute list"
		return span{d.joinsList(st, k), k + 1}, true, true
	case (w == "suit" || w == "fit") && (prev == "i'd" || prev == "i" || prev == "might" || prev == "would" || prev == "could") &&
		d.firstNear(st, k, 3) >= 0:
		// "if you think I'd suit one of your contract slots", "whether I might fit on your team"
		for j := k + 1; j < min(st.t1, k+7); j++ {
			if d.is(j, cSecond|cOrg|cJob|cWeak) {
				return span{d.firstNear(st, k, 3), j + 1}, true, true
			}
		}
	case (w == "anything" || w == "something") && d.findWord(st, k+1, k+6, "fit", "fits", "suit", "suits", "match", "matches") >= 0:
		// "if anything in your department would fit my profile"; not "if anything
		// about my question doesn't fit your schedule"
		f := d.findWord(st, k+1, k+6, "fit", "fits", "suit", "suits", "match", "matches")
		if m := d.findWord(st, f+1, f+3, "me", "my"); m >= 0 && !d.negatedBetween(k, f) {
			return span{k, m + 1}, true, true
		}
	case w == "be" && d.w(k-1) == "to" && beingHired[next] && d.firstNear(st, k, 8) >= 0:
		return span{k, k + 2}, true, true // "I would be honoured to be shortlisted"
	case w == "interview" && (prev == "an" || prev == "a") && getVerbs[d.w(k-2)]:
		return span{k - 2, k + 1}, false, true // "any way to get an interview at your firm"
	case w == "trial" && trialSpans[next]:
		return span{k, k + 2}, d.firstNear(st, k, 8) >= 0, true // "could I come in for a trial shift?"
	case w == "interview" && prev == "working":
		return span{k - 1, k + 1}, d.firstNear(st, k, 8) >= 0, true // "I'd love to come in for a working interview": a trial
	case w == "let" && (next == "your" || next == "the") && bossWords[d.w(k+2)] && d.w(k+3) == "know" &&
		(d.findWord(st, k+4, k+7, "i'm", "i", "about", "me") >= 0):
		return span{k, k + 4}, true, true // "could you let your manager know I'm interested?"
	case w == "way" && next == "into" && (d.w(k+2) == "your" || d.findWord(st, k+2, k+7, "yours") >= 0 && d.find(st, k+2, k+7, cOrg) >= 0):
		return span{k, k + 2}, true, true // "a way into a firm like yours"
	case w == "way" && next == "in" && (d.w(k+2) == "at" || d.w(k+2) == "with" || d.w(k+2) == "there"):
		return span{k, k + 2}, true, true // "a way in at Harbor & Pine"
	case w == "put" && next == "in" && d.w(k+2) == "for" && d.firstNear(st, k, 3) >= 0:
		return span{d.firstNear(st, k, 3), k + 3}, true, true // "I've put in for the coordinator vacancy": applied
	case (w == "consider" || w == "considering") && (next == "a" || next == "an" || next == "another") &&
		(d.personAt(k+2) || (d.w(k+2) == "part" || d.w(k+2) == "full") && d.personAt(k+3)) &&
		d.firstNear(st, k, 3) < 0:
		return span{k, k + 3}, false, true // "if you'd ever consider a part-timer"
	case prev == "your" && d.w(k-2) == "as" && isPersonNoun(w) && !notRoles[w] && d.firstNear(st, k, 14) >= 0:
		return span{k - 2, k + 1}, true, true // "to learn the trade under you as your apprentice"
	case isPersonNoun(w) && !notRoles[w] && d.owner(k) == "your" && d.findWord(st, k-4, k, "be", "become") >= 0 && d.firstNear(st, k, 8) >= 0:
		return span{d.findWord(st, k-4, k, "be", "become"), k + 1}, true, true // "I'd love to be your next intern"
	case isPersonNoun(w) && !notRoles[w] && (prev == "a" || prev == "an") && (d.w(k-2) == "be" || d.w(k-2) == "become") &&
		(next == "at" || next == "in" || next == "for" || next == "on" || next == "with") && d.findWord(st, k+2, k+4, "your", "ur") >= 0 &&
		d.firstNear(st, k, 8) >= 0 && d.findWord(st, k+2, st.t1, eventWords...) < 0 && d.findWord(st, k+2, st.t1, gatherings...) < 0:
		return span{k - 2, k + 1}, false, true // "Could I be a TA for your course next term?", "be an assistant in your lab"
	case (w == "try" || w == "test" || w == "trial") && next == "me":
		return span{k, k + 2}, true, true // "if you ever want to try me out on a spot illustration"
	case (w == "give" || w == "gave" || w == "offer") && next == "me":
		// "give me a shot on the line", "could give me opportunity"; not "give me a
		// chance to ask a few questions"
		x := k + 2
		for x < k+5 && determiners[d.w(x)] {
			x++ // "a few shifts", "a couple of projects"
		}
		// "give me some work", not "give me some work advice"
		if chances[d.w(x)] && !d.is(x+1, cBarrier) && !(d.w(x+1) == "to" && (d.is(x+2, cBarrier) || d.w(x+2) == "ask" || d.w(x+2) == "talk" || d.w(x+2) == "speak" || d.w(x+2) == "meet")) {
			return span{k, x + 1}, true, true
		}
	case chances[w] && next == "at" && bidWords[d.w(k+2)]:
		return span{k, k + 3}, false, true // "I'd love a shot at bidding"
	case (w == "audition" || w == "tryout" || w == "try-out") && d.asInterview(st, k) >= 0:
		// "let me tag along on a site visit, think of it as an audition"
		return span{d.asInterview(st, k), k + 1}, true, true
	case isHeldPlace(w) && d.heldForMe(st, k) >= 0:
		// "keep a spot warm for me!", "save me a place on the crew"
		return span{d.heldForMe(st, k), k + 1}, true, true
	case isHeldPlace(w) && (prev == "a" || prev == "my") && (d.w(k-2) == "earn" || d.w(k-2) == "win" || d.w(k-2) == "earning" || d.w(k-2) == "winning") &&
		d.firstNear(st, k, 8) >= 0 && d.find(st, st.t0, k, cModal|cWish) >= 0 && !d.otherContest(st, k):
		// "I'd work hard to earn a spot": a place on the reader's team won by work
		return span{k - 2, k + 1}, true, true
	case w == "interview" && d.asInterview(st, k) >= 0:
		return span{d.asInterview(st, k), k + 1}, true, true // "happy to treat it as an informal first interview"
	case w == "have" && next == "me" && d.findWord(st, k-3, k, "you'd", "you'll", "would", "will") >= 0 && d.findWord(st, k-5, k, "if") >= 0:
		return span{k, k + 2}, true, true // "I'd happily work weekends at your bakery if you'd have me"
	case (w == "start" || w == "begin") && d.startsAt(st, k+1) >= 0 && (d.firstNear(st, k, 8) >= 0 || d.coordinatedWithWriter(st, k)) && d.find(st, k-3, k, cModal|cWish) >= 0:
		// "I graduate in May and could start right after", "I can start in
		// June": a start date offered; not "I could start by asking…"
		return span{k, d.startsAt(st, k+1)}, false, true
	case w == "show" && (next == "you" || next == "u") && d.w(k+2) == "what" && d.findWord(st, k+3, k+5, "i", "i'm", "i'd") >= 0 &&
		d.findWord(st, k+3, k+7, "can", "could", "do") >= 0:
		return span{k, k + 3}, true, true // "a chance to show you what I can do"
	case w == "show" && next == "what" && d.findWord(st, k+2, k+4, "i", "i'm", "i'd") >= 0 && d.findWord(st, k+2, k+6, "can", "could") >= 0 &&
		d.firstNear(st, k, 8) >= 0:
		return span{k, k + 4}, true, true // "I'd be glad to show what I can do on a small art test"
	case roomWords[w] && d.roomAt(st, k).t0 >= 0 && !d.fieldsRoom(st, k):
		// "if your team has budget for a contractor", "funding for a field technician",
		// "any capacity in your lab for a visiting researcher"; and "whether
		// your returnship programme has space for me": the writer's way in,
		// even asked as something to hear; not "room for me in this field"
		sp := d.roomAt(st, k)
		return sp, sp.t0 < k, true
	case w == "way" && prev == "my" && d.findWord(st, k-6, k-1, handMyWay...) >= 0 && d.find(st, st.t0, st.t1, cSecond) >= 0:
		// "could you throw some projects my way?", "send any overflow my way"
		v := d.findWord(st, k-6, k-1, handMyWay...)
		for j := v + 1; j < k-1; j++ {
			if chances[d.w(j)] || d.is(j, cJob|cWeak) || d.w(j) == "anything" || d.w(j) == "overflow" || d.w(j) == "clients" {
				return span{v, k + 1}, true, true
			}
		}
	case w == "capacity" && (prev == "paid" || prev == "professional" || prev == "official" || prev == "junior") && (d.w(k-2) == "any" || d.w(k-2) == "some" || d.w(k-2) == "a") &&
		d.w(k-3) == "in" && d.firstNear(st, k, 18) >= 0:
		return span{k - 3, k + 1}, true, true // "if I can be of use to your team in any paid capacity"
	case w == "capacity" && (prev == "any" || prev == "whatever") && d.w(k-2) == "in" && d.firstNear(st, k, 18) >= 0 &&
		(d.findWord(st, k-8, k, "join", "joining", "work", "working", "serve", "start", "contribute", "employed", "support", "supporting",
			"help", "helping", "assist", "assisting", "involved") >= 0 || d.find(st, d.clauseStart(k), k, cModal|cWish) >= 0 && !d.barrierBetween(d.clauseStart(k), k)):
		// "thrilled to join Orla & Co. in any capacity", "I'd happily muck in at the lab in any capacity"
		return span{k - 2, k + 1}, true, true
	case (w == "quote" || w == "quoting") && next == "on" && (d.w(k+2) == "your" || d.w(k+2) == "the") && d.firstNear(st, k, 8) >= 0:
		return span{k, k + 3}, false, true // "the chance to quote on your next refit"
	case (w == "be" || w == "get") && next == "on" && (d.w(k+2) == "the" || d.w(k+2) == "your") && d.is(k+3, cOrg) && d.firstNear(st, k, 6) >= 0:
		return span{k, k + 4}, true, true // "I'd love to be on the crew when the season starts"
	case (w == "interview" || w == "interviewing") && next == "with" && d.w(k+2) == "your" && d.is(k+3, cOrg) && d.firstNear(st, k, 8) >= 0:
		return span{k, k + 4}, true, true // "the chance to interview with your team"; not "an interview with you"
	case (w == "interview" || w == "interviewing") && next == "for" && d.firstNear(st, k, 6) >= 0:
		// "I'd welcome the chance to interview for it": a thank-you that
		// recalls the interview they had says "thank you for the interview".
		switch d.w(k + 2) {
		case "it", "this", "that", "the", "a", "an", "one", "any", "your", "them":
			return span{k, k + 3}, true, true
		}
	case w == "get" && next == "me" && (d.w(k+2) == "onto" || d.w(k+2) == "into" || d.w(k+2) == "on" || d.w(k+2) == "in"):
		return span{k, k + 3}, true, true
	case (w == "recommend" || w == "recommending") && next == "me":
		switch d.w(k + 2) {
		case "to":
			// "recommending me to Jonas", "to your manager"; not "recommend me to read…"
			if n := d.w(k + 3); !(d.capitalized(k+3) || n == "your" || n == "the" || n == "whoever" || n == "someone" || n == "anyone") {
				return
			}
		case "a", "an", "some", "any", "books", "resources":
			return
		}
		if recommendedThings[d.w(k+2)] || recommendedThings[d.w(k+3)] {
			return // "could you recommend me one book on this?": a thing recommended to the writer
		}
		return span{k, k + 2}, true, true
	case w == "it" && d.is(k-1, cPass) && d.readerSubject(st, k-1) && d.resumeEarlier(st, k):
		// "I've attached my résumé and would be so grateful if you could
		// pass it along to the principal": the resume passed on as "it"
		for j := k + 1; j < min(st.t1, k+3); j++ {
			if d.w(j) != "to" {
				continue
			}
			switch d.w(j + 1) {
			case "your", "the", "whoever", "hr", "hiring", "recruiting":
				if meetingWords[d.w(j+2)] || broughtTo[d.w(j+2)] || d.w(j+2) == "right" {
					return
				}
				return span{k - 1, min(j+3, st.t1)}, true, true
			}
		}
	case (c&cResume != 0 || materials[w]) && (prev == "my" || prev == "it") && d.find(st, k-3, k-1, cPass|cSend) >= 0:
		// "hand my résumé to your shop foreman": passed on to someone who hires
		for j := k + 1; j < min(st.t1, k+4); j++ {
			switch d.w(j) {
			case "to", "with", "toward", "towards":
				switch d.w(j + 1) {
				case "you", "u":
					return
				case "a", "any", "anyone", "someone":
					// "to a recruiter", "to anyone hiring"; not "to a colleague who knows the field"
					if d.find(st, j+2, min(st.t1, j+7), cHire|cJob) >= 0 || bossWords[d.w(j+2)] {
						return span{k - 1, j + 2}, true, true
					}
				case "your", "the", "whoever", "hr", "hiring", "recruiting":
					if meetingWords[d.w(j+2)] || broughtTo[d.w(j+2)] {
						return // "should I bring my portfolio along to the review?": to a meeting, not to a hirer
					}
					return span{k - 1, j + 2}, true, true
				}
			}
		}
	case (w == "pitch" || w == "pitching") && (prev == "me" || prev == "i" || prev == "i'd" || prev == "could") && d.piecesPitched(st, k) > k:
		// "would you be open to me pitching you a couple of ideas for the
		// weekend section?": the writer's work sold to the reader, a
		// freelance commission asked for; not "how do freelancers pitch you?"
		return span{k, d.piecesPitched(st, k) + 1}, true, true
	case (w == "help" || w == "helping" || w == "pitch" || w == "pitching") && (next == "out" || next == "in" && w != "help" && w != "helping"):
		// "I'd be glad to help out at the shop", "open to me shadowing a shift and
		// pitching in": an offer of work
		if f := d.firstNear(st, k, 12); f >= 0 && d.a.toks[f].clause == d.a.toks[k].clause && d.find(st, f, k, cModal|cWish) >= 0 {
			return span{k, k + 2}, false, true
		}
		if d.findWord(st, st.t0, k, "me") >= 0 && d.findWord(st, st.t0, k, "open") >= 0 {
			return span{k, k + 2}, false, true
		}
	case (w == "anything" || w == "something") && (prev == "has" || prev == "have" || prev == "had") && d.readersPlaceHas(st, k) >= 0:
		return span{d.readersPlaceHas(st, k), k + 1}, false, true // "if your depot has anything, shout"
	case (w == "anything" || w == "something") && d.find(st, k+1, k+3, cArise) >= 0:
		// "if anything pops up on your team"; not "if anything comes up and you need to reschedule"
		for j := k + 2; j < min(st.t1, k+6); j++ {
			if prepositions[d.w(j)] && ((d.w(j+1) == "your" || d.w(j+1) == "the") && d.is(j+2, cOrg) || d.w(j+1) == "me") {
				return span{k, min(j+3, st.t1)}, false, true
			}
		}
	case w == "get" && next == "in" && (d.w(k+2) == "at" || d.w(k+2) == "with") && d.w(k-1) == "me":
		return span{k - 1, k + 3}, true, true // "help me get in at Marlow"
	case w == "foot" && next == "in" && (d.w(k+2) == "at" || d.w(k+2) == "with" || d.w(k+2) == "somewhere"):
		return span{k, k + 2}, true, true // "get a foot in at your studio"
	case (w == "skills" || w == "talents" || w == "experience" || w == "expertise") && prev == "my" && next == "to" &&
		(d.w(k+2) == "your" || d.w(k+2) == "you"):
		return span{k - 1, k + 3}, true, true // "bring my skills to your team"
	case (w == "skills" || w == "talents" || w == "experience" || w == "expertise") && prev == "my" && next == "to" &&
		d.findWord(st, k+2, k+4, "use", "work") >= 0:
		// "put my skills to use at Harrow & Finch"; not "in my own projects"
		u := d.findWord(st, k+2, k+4, "use", "work")
		if p := d.w(u + 1); (p == "at" || p == "with" || p == "for" || p == "on") && (d.is(u+2, cSecond|cOrg) || d.capitalized(u+2) || d.w(u+2) == "the") {
			return span{k - 1, u + 3}, true, true
		}
	case (w == "bring" || w == "add") && d.firstNear(st, k, 4) >= 0:
		// "I could bring real value to your team"; not "bring my kids to your open day"
		for j := k + 1; j < min(st.t1, k+5); j++ {
			if assets[d.w(j)] && d.w(j+1) == "to" && (d.w(j+2) == "your" || d.w(j+2) == "you") {
				return span{k, j + 3}, true, true
			}
		}
	case (w == "member" || w == "members") && next == "of" && d.w(k+2) == "your" && d.is(k+3, cOrg) && d.firstNear(st, k, 6) >= 0:
		return span{k, k + 4}, true, true // "a valuable member of your team"
	case (w == "program" || w == "programme" || w == "scheme" || w == "pipeline" || w == "intake") && cohortWords[prev] &&
		(d.owner(k) == "your" || d.findWord(st, k-4, k, "the") >= 0 && d.findWord(st, k-4, k, "runs", "run", "running", "leads", "manages", "coordinates", "oversees", "handles") >= 0):
		// "introduce me to whoever runs your summer associate program": the way in that hires
		return span{k - 1, k + 1}, false, true
	case (w == "leads" || w == "lead") && (prev == "any" || prev == "some" || prev == "job" || prev == "a" && next == "on"):
		// "any leads inside your shop", "a lead on an opening"; not "your team leads"
		if prev == "job" {
			return span{k - 1, k + 1}, false, true
		}
		for j := k + 2; j < min(st.t1, k+6); j++ {
			if prepositions[d.w(k+1)] || d.w(k+1) == "inside" {
				if d.w(j) == "your" || d.w(j) == "ur" || d.is(j, cOrg) && d.w(j-1) == "your" || d.is(j, cJob) {
					end := j + 1
					if d.is(end, cOrg) {
						end++
					}
					return span{k - 1, end}, false, true
				}
			}
		}
	case (w == "week" || w == "month" || w == "weekend") && (prev == "a" || prev == "per" || prev == "each" || prev == "every") && recurringSpans[d.w(k-2)]:
		// "wedge clay for you a couple of days a week": the writer's regular work, offered
		f := d.firstNear(st, k, 16)
		if f < 0 || d.find(st, f, k-2, cModal|cWish) < 0 {
			return
		}
		for j := f + 1; j < k-2; j++ {
			if (d.w(j) == "for" || d.w(j) == "with" || d.w(j) == "alongside") && (d.w(j+1) == "you" || d.w(j+1) == "u" || d.w(j+1) == "your") ||
				prepositions[d.w(j)] && d.w(j+1) == "your" && d.is(j+2, cOrg) {
				return span{k - 2, k + 1}, false, true
			}
		}
	case (w == "possibility" || w == "chance" || w == "opportunity" || w == "way") && next == "for" && d.w(k+2) == "me" && d.w(k+3) == "to" &&
		!d.chanceToTalk(k+3):
		// "any possibility for me to make practice in your clinic": a place for the writer at theirs
		for j := k + 5; j < min(st.t1, k+10); j++ {
			if prepositions[d.w(j)] && (d.w(j+1) == "your" || d.w(j+1) == "ur") {
				return span{k, min(j+3, st.t1)}, true, true
			}
		}
	case w == "services" && prev == "my":
		return span{k - 1, k + 1}, true, true
	case (w == "hear" || w == "know" || w == "learn") && (next == "of" || next == "about") &&
		(d.w(k+2) == "anything" || d.w(k+2) == "something"):
		// "if you hear of anything at your agency"
		switch d.w(k + 3) {
		case "at", "in", "on", "for", "suitable", "going", "open":
			return span{k, k + 3}, false, true
		}
		if d.is(k+3, cArise) && d.w(k+4) != "to" {
			return span{k, k + 4}, false, true // "if you hear of anything opening up on your unit"
		}
		switch d.w(k + 3) {
		case "", "please", "let", "i", "i'd", "i'll", "do", "just", "i'm":
			// "if you hear of anything, let me know": the classic hint
			if d.find(st, k+3, st.t1, cFirst) >= 0 || d.findWord(st, k+3, st.t1, "let") >= 0 {
				return span{k, k + 3}, false, true
			}
		case "that", "which":
			if m := d.findWord(st, k+4, k+8, "me", "someone"); m >= 0 {
				return span{k, m + 1}, true, true // "anything that might suit me"
			}
		}
	case (w == "tell" || w == "telling" || w == "mention" || w == "mentioning") && (next == "your" || next == "the") && bossWords[d.w(k+2)] &&
		d.w(k+3) == "about" && (d.w(k+4) == "me" || d.w(k+4) == "my"):
		return span{k, k + 5}, true, true // "could you tell your manager about me?"
	case (w == "mention" || w == "mentioning" || w == "introduce" || w == "recommend") && next == "me" && d.w(k+2) == "to" &&
		d.find(st, k+3, st.t1, cJob|cWeak|cHire) >= 0 && (!d.is(k+3, cSecond) ||
		(w == "mention" || w == "mentioning" || w == "recommend") && (d.w(k+3) == "your" || d.w(k+3) == "ur") && hiringPeople[d.w(k+4)]):
		// "did you get a chance to mention me to your recruiter?"
		return span{k, k + 2}, true, true // "mention me to the person running the graduate scheme"
	case (w == "mention" || w == "mentioning" || w == "recommend" || w == "recommending" || w == "introduce" || w == "introducing" || w == "refer") &&
		next == "me" && d.w(k+2) == "to" && d.toWhoHires(k+3):
		// "could you mention me to your site super?", "introduce me to
		// whoever staffs the projects in your office": put to the one who
		// takes people on; not "introduce me to your colleague in policy"
		return span{k, k + 2}, true, true
	case w == "name" && prev == "my":
		if d.find(st, k-4, k-1, cPass|cKeep) >= 0 || next == "forward" || next == "along" {
			return span{k - 1, k + 1}, true, true
		}
	case w == "plate" && prev == "your" && d.w(k-2) == "off":
		return span{k - 2, k + 1}, false, true
	case w == "door" && prev == "the" && d.w(k-2) == "in" && d.w(k-3) == "foot":
		return span{k - 3, k + 1}, true, true
	case (w == "door" || w == "doors") && (prev == "a" || prev == "some") && doorOpeners[d.w(k-2)] && d.findWord(st, k+1, min(st.t1, k+8), "me") >= 0:
		// "I'm hoping it might open a door at Ridgeview for me": a way in
		// at the reader's place, or one they name, for the writer; not "your
		// advice opened a door for me" (no place)
		if e := d.doorPlace(st, k); e > k {
			return span{k - 2, e + 1}, true, true
		}
	case (w == "doors" || w == "door") && (prev == "open" || prev == "opening" || prev == "any" && (next == "open" || next == "opening")):
		// "any pointers toward open doors", "any doors opening at firms like yours": openings, for the writer
		if prev == "opening" && d.firstNear(st, k, 4) >= 0 {
			return // "I'm opening doors for my own students"
		}
		return span{k - 1, k + 1}, true, true
	case w == "interest" && prev == "of" && next == "to" && (d.w(k+2) == "your" || d.w(k+2) == "ur") && d.find(st, k+3, min(st.t1, k+6), cOrg) >= 0:
		// "I hope my profile may be of interest to your company": the writer offered
		if m := d.findWord(st, max(st.t0, k-7), k, "my", "i", "me"); m >= 0 && d.w(m) != "my" || m >= 0 && (assets[d.w(m+1)] || materials[d.w(m+1)] || d.is(m+1, cApply|cResume)) {
			return span{m, d.find(st, k+3, min(st.t1, k+6), cOrg) + 1}, true, true
		}
	case w == "front" && prev == "in" && next == "of" && d.findWord(st, max(st.t0, k-6), k, "my", "me") >= 0 &&
		(d.find(st, k+2, min(st.t1, k+6), cHire) >= 0 || bossWords[d.w(k+3)] || d.w(k+3) == "right" || d.w(k+4) == "right" || bossWords[d.w(k+4)]):
		// "put my CV in front of the right person", "get me in front of your hiring manager"
		return span{d.findWord(st, max(st.t0, k-6), k, "my", "me"), min(st.t1, k+5)}, true, true
	case (w == "start" || w == "begin" || w == "starting") && next == "as" && (d.w(k+2) == "a" || d.w(k+2) == "an") &&
		(entryPeople[d.w(k+3)] || d.personAt(k+3)) && d.findWord(st, k+4, min(st.t1, k+7), "your", "ur") >= 0 &&
		d.find(st, d.clauseStart(k), k, cWh) < 0:
		return span{k, k + 4}, false, true // "any chances to start as a trainee in your team?"
	case (w == "anything" || w == "something") && d.anythingAtYours(st, k) > 0:
		// "see if there's anything at ur company", "is there anything open on your team?"
		return span{k, d.anythingAtYours(st, k)}, false, true
	case (w == "fit" || w == "match" || w == "candidate" || w == "asset" || w == "addition") && d.findWord(st, k-5, k, "i", "i'd", "i'm", "i'll", "me", "myself") >= 0:
		// "whether I'd be a good fit", "a good match for your team", "a strong candidate", "an asset to your team"
		if w == "match" {
			w = "fit" // the same noun: "a good match" is "a good fit", "my skills match" neither
		}
		if w == "fit" && (next == "for" || next == "in") && d.findWord(st, k+2, min(st.t1, k+6), "your", "ur") < 0 {
			for x := k + 2; x < min(st.t1, k+6); x++ {
				if fieldWords[d.w(x)] && d.w(x) != "role" && d.w(x) != "work" || d.w(x) == "team" && fieldWords[d.w(x+1)] {
					return // "a good fit for the field", "a fit for almost any team sport"
				}
			}
			if d.fitForActivity(st, k+2) {
				return // "a natural fit for air traffic control"
			}
		}
		if w == "fit" && d.findWord(st, k-2, k, "good", "great", "strong", "right", "perfect", "ideal", "natural", "fit", "excellent", "solid", "real") < 0 &&
			!(d.w(k-1) == "a" && d.findWord(st, k+1, k+2, "for", "on", "with", "at", "in") >= 0 && d.find(st, k+2, min(st.t1, k+6), cSecond|cOrg|cJob|cWeak) >= 0) &&
			!(d.w(k-1) == "a" && k+1 >= st.t1-1 && d.findWord(st, k-6, k, "see", "tell", "judge", "gauge") >= 0 && d.readersGroupIn(st, st.t0, k-3)) {
			return // "a fit for the analytics team" is the writer fitting a place; "fit" alone is not
		}
		return one, true, true
	case w == "considered" || (w == "consider" || w == "considering") && (next == "me" || next == "my"):
		if w == "considered" && d.findWord(st, k-4, k, "be", "being") < 0 {
			return
		}
		if w == "considered" && d.consideredForOther(st, k) {
			return // "to be considered someday for a scholarship", "for the award"
		}
		if next == "my" && requestWords[d.w(k+2)] {
			return // "thank you for considering my request"
		}
		return one, true, true
	case w == "consideration" && prev == "your":
		return span{k - 1, k + 1}, true, true
	case w == "hand" && prev == "a" && (d.w(k-2) == "lend" || d.w(k-2) == "lending") && (next == "on" || next == "at") &&
		(d.w(k+2) == "your" || d.w(k+2) == "ur") && d.findWord(st, k+3, k+6, gatherings...) < 0 && d.findWord(st, k+3, k+6, eventWords...) < 0:
		return span{k - 2, k + 3}, false, true // "I'd be glad to lend a hand on your next installation"
	case w == "hands" || w == "hand" && (prev == "extra" || prev == "helping" || prev == "spare"):
		if prev == "extra" || prev == "of" || prev == "more" || prev == "spare" || prev == "helping" {
			return span{k - 1, k + 1}, false, true
		}
	case (w == "take" || w == "taking" || w == "takes" || w == "bring" || w == "bringing" || w == "brings" || w == "took") && next == "on":
		// "take on apprentices", "bringing on folks from bootcamps", "taking on any new PTAs"
		if d.firstNear(st, k, 4) >= 0 {
			return // "I'm hoping to take on more responsibility"
		}
		switch d.w(k + 2) {
		case "any", "new", "more", "a", "an", "another", "extra", "additional", "someone", "anyone":
			return span{k, min(k+4, st.t1)}, false, true
		}
		for j := k + 2; j < min(st.t1, k+5); j++ {
			if d.personAt(j) {
				return span{k, j + 1}, d.w(j) == "me", true
			}
		}
	case c&cNeed != 0 && (w == "need" || w == "needs" || w == "needed" || w == "looking") || w == "short" && d.w(k-1) != "a" ||
		(w == "wants" || w == "want" || w == "wanted") && d.firstNear(st, k, 3) < 0 && d.findWord(st, max(st.t0, k-6), k, "if", "whenever", "should") >= 0 ||
		w == "use" && (prev == "could" || prev == "can" || prev == "might") && d.firstNear(st, k, 2) < 0:
		// "if your team could use an extra analyst"
		// "if Quiverlabs ever wants a contractor" (not "I want a mentor")
		// "if your crew ever needs a helper", "if you're looking for a junior analyst"
		if d.otherPutForward(st) {
			return // "if your team ever needs a designer, my friend Priya would be great"
		}
		if (w == "need" || w == "needed") && (d.w(k-1) == "i" || d.w(k-1) == "we") {
			return // "my mentor gave me a few hours if I needed help": the writer's need
		}
		for j := k + 1; j < min(st.t1, k+6); j++ {
			pw := d.w(j)
			if pw == "to" || pw == "time" && d.w(j-1) != "part" && d.w(j-1) != "full" || pw == "anything" || d.is(j, cBarrier) {
				return
			}
			if d.personAt(j) {
				if (d.findWord(st, st.t0, st.t1, gatherings...) >= 0 || d.findWord(st, st.t0, st.t1, eventWords...) >= 0 && pw != "me") && eventHelpers[pw] {
					// "a hand with the alumni panel if you need volunteers": help
					// at an event; a role the reader's work needs is work: "if you
					// ever need a runner for sessions", "a second shooter for weddings".
					return
				}
				return span{k, j + 1}, pw == "me", true
			}
		}
		// Titles are open-ended: what an organization of the reader's
		// looks for is a person ("if your firm were ever looking for a
		// paralegal"), unless it is a thing.
		if o := d.findWord(st, k-5, k, "your", "ur"); o >= 0 && d.is(o+1, cOrg) {
			x := k + 1
			if d.w(x) == "for" {
				x++
			}
			if a := d.w(x); (a == "a" || a == "an" || a == "another") && x+1 < st.t1 && !notPeople[d.w(x+1)] && !d.is(x+1, cBarrier) {
				// A size names a thing's: "you'll need a bigger space", not
				// "an extra analyst".
				if h := x + 1; !sizeWords[d.w(h)] || h+1 >= st.t1 || !notPeople[d.w(h+1)] && !thingsNeeded[d.w(h+1)] {
					return span{k, x + 2}, false, true
				}
			}
		}
	case c&cHire != 0 && (w == "hire" || w == "hiring" || w == "recruit" || w == "recruiting" || w == "employ" || w == "onboard"):
		if next == "me" {
			return span{k, k + 2}, true, true
		}
		switch next {
		case "process", "processes", "season", "trends", "market", "practices", "side", "cycle", "cycles",
			"timeline", "timelines", "works", "work", "landscape", "culture", "freeze", "decisions", "criteria":
			return // "the hiring process" is a topic
		}
		if d.notEmployment(st, k) {
			return // "recruiting as a career"
		}
		if o := d.owner(k); o != "" && o != "your" {
			return
		}
		return one, false, true
	case c&cHire != 0: // recruiter, hr, talent, recruitment, staffing
		if w == "talent" && next != "team" && next != "acquisition" && next != "partner" {
			return
		}
		if (w == "hires" || w == "hire") && (prev == "new" || prev == "recent" || prev == "latest") && peopleDoing[next] {
			return // "I hope the new hires are settling in": people, not a hiring
		}
		return one, false, true
	case c&cApply != 0 && w != "consider" && w != "considering" && w != "candidates" && w != "candidate":
		return d.application(st, k)
	case w == "join" || w == "joining" || w == "part" && next == "of" || w == "involved" && (next == "in" || next == "with"):
		// "join your crew one day", "be part of your team", "be involved with
		// your group"; not "join the webinar"
		for j := k + 1; j < min(st.t1, k+4); j++ {
			if d.is(j, cOrg) && strings.HasSuffix(d.w(j), "'s") && d.findWord(st, j+1, j+4, eventWords...) >= 0 {
				break // "join your team's open lab day", "your team's reading group"
			}
			if j == k+1 && (next == "you" || next == "u") && (d.findWord(st, j+1, j+8, eventWords...) >= 0 || d.findWord(st, j+1, j+8, gatherings...) >= 0) {
				break // "I'd love to join you at the studio's open day"
			}
			if d.is(j, cOrg) && orgNotJoined[d.w(j+1)] {
				break // "join your group chat", "your team newsletter": a thing the place runs, not the place
			}
			if d.is(j, cOrg) || j == k+1 && (next == "you" || next == "u" || d.capitalized(j) && d.w(k-1) == "to") {
				return span{k, j + 1}, false, true // "the opportunity to join Halden Labs"
			}
		}
		if w == "part" && (d.w(k-1) == "be" || d.w(k-1) == "being") && (d.w(k+2) == "what" || d.w(k+2) == "whatever") && d.is(k+3, cSecond) {
			return span{k - 1, k + 4}, false, true // "I'd love to be part of what you're building"
		}
		ref := k + 1 // "join them"
		if w == "part" {
			ref = k + 2 // "be part of it"
		}
		be := d.w(k - 1)
		if be == "a" {
			be = d.w(k - 2) // "be a part of it"
		}
		if (w != "part" || be == "be" || be == "being") && (d.w(ref) == "it" || d.w(ref) == "them") && d.readersGroupBefore(st) {
			// "Is your team planning to grow this year? I'd be very
			// interested in being part of it."
			return span{k, ref + 1}, false, true
		}
	case (w == "having" || w == "have") && next == "me" && prepositions[d.w(k+2)] && d.find(st, k+3, min(st.t1, k+7), cWeak|cOrg) >= 0:
		// "would you ever consider having me at a spare bench on weekends"
		return span{k, d.find(st, k+3, min(st.t1, k+7), cWeak|cOrg) + 1}, true, true
	case (w == "take" || w == "taking" || w == "takes" || w == "hire" || w == "hiring") && (weekdays[next] || personQualifiers[next]) &&
		helperKids[d.w(k+2)] && d.firstNear(st, k, 4) < 0:
		return span{k, k + 3}, false, true // "do u ever take saturday girls", "are you hiring summer kids?"
	case (w == "take" || w == "taking" || w == "takes" || w == "accept" || w == "accepting") && isPersonNoun(next) && next != "me" &&
		d.firstNear(st, k, 4) < 0:
		return span{k, k + 2}, false, true // "whether your chambers might be taking pupils"
	case (w == "take" || w == "taking" || w == "takes" || w == "accept" || w == "accepting") && (next == "any" || next == "some") &&
		(isPersonNoun(d.w(k+2)) && d.w(k+2) != "me" || personQualifiers[d.w(k+2)] && d.personAt(k+3)) && d.firstNear(st, k, 4) < 0:
		return span{k, k + 3}, false, true // "is your shop taking any apprentices this year?"
	case (w == "take" || w == "taking" || w == "takes" || w == "accept" || w == "accepting") && personQualifiers[next] && d.personAt(k+2) &&
		d.firstNear(st, k, 4) < 0 && d.writerOffered(st, k+3):
		// "whether your clinic takes summer interns, since I'd love to be
		// one"; not "Does your lab take summer interns?" asked alone
		return span{k, k + 3}, false, true
	case (w == "take" || w == "taking" || w == "takes") && (next == "new" || next == "more" || next == "any" || next == "extra" || next == "on") &&
		d.personAt(k+2) && d.w(k+2) != "me" && d.firstNear(st, k, 4) < 0 && (next == "on" || d.w(k+3) == "on"):
		return span{k, k + 3}, false, true // "are you taking new people on at the moment?"
	case w == "prove" && (next == "myself" || next == "me") && prepositions[d.w(k+2)] &&
		(d.w(k+3) == "your" || d.w(k+3) == "a" && d.findIn(st, k+4, k+7, proveOnWork) >= 0 || d.is(k+3, cOrg) || d.w(k+3) == "the" && d.w(k+2) != "in" || d.capitalized(k+3) ||
			d.w(k+3) == "one" && d.w(k+4) == "of" && (d.w(k+5) == "your" || d.w(k+5) == "ur")):
		// "prove myself on your crew", "prove myself at Brightwater"; not "in a new field"
		return span{k, min(k+4, st.t1)}, true, true
	case handVerbs[w] && d.firstNear(st, k, 8) >= 0:
		// "I'd jump at the chance to assist on one of your shoots", "help
		// out on your next build": a hand on the reader's work
		if e := d.onYourWork(st, k+1); e > 0 {
			return span{k, e}, false, true
		}
	case workVerbs[w]:
		// "work for you", "intern with you", "contribute to your lab", "work unpaid", "any freelance work"
		if tradeVerbs[w] && (!tradeVerbLead[prev] || d.find(st, k+1, min(st.t1, k+8), cOrg) < 0) {
			break // "at this stage in your career": only "let me stage in your kitchen", "rotate through your unit"
		}
		if tradeVerbs[w] && d.firstNear(st, k, 12) >= 0 {
			// past what is done: "to trial a few services in your kitchen"
			if y := d.findWord(st, k+1, min(st.t1, k+8), "your", "ur"); y >= 0 && prepositions[d.w(y-1)] && d.is(y+1, cOrg) {
				return span{k, y + 2}, false, true
			}
		}
		switch prev {
		case "would", "will", "might", "could", "does", "should", "that", "it", "this", "which", "can", "may":
			if w == "work" || w == "works" {
				return // "would a short call work for you" is about the call
			}
		}
		if d.firstNear(st, k, 12) < 0 && !d.familyFor(st, k) && !(d.find(st, d.clauseStart(k), k, cWish) >= 0 && d.impliedWriter(st, d.find(st, d.clauseStart(k), k, cWish))) &&
			d.wishedGerund(st, k) < 0 && !d.writerDoesAfter(st, k) {
			break // "any freelance edits you've got" is still a job word
		}
		// Past when and where: "work weekends at your bakery", "get
		// started somewhere like your firm".
		at := k + 1
		if workTimes[d.w(at)] {
			at++
		} else if (d.w(at) == "my" || d.w(at) == "some" || d.w(at) == "a") && givenTimes[d.w(at+1)] &&
			d.findWord(st, at+2, at+9, gatherings...) < 0 && d.findWord(st, at+2, at+9, eventWords...) < 0 {
			at += 2 // "volunteer my time at your practice", "help out a few weekends with your crew"
		}
		if (d.w(at) == "somewhere" || d.w(at) == "someplace" || d.w(at) == "anywhere") && d.w(at+1) == "like" {
			at++
		}
		switch d.w(at) {
		case "for", "with", "at", "on", "alongside", "under", "to", "in", "within", "like", "through":
			if n2 := d.w(at + 1); n2 == "you" || n2 == "your" || n2 == "free" || n2 == "nothing" || n2 == "u" {
				if strings.HasSuffix(d.w(at+2), "'s") && (d.findWord(st, at+3, at+6, eventWords...) >= 0 || d.findWord(st, at+3, at+6, gatherings...) >= 0) {
					break // "a volunteer at your museum's open day": help at an event, as with "join your team's open lab day"
				}
				if !(w == "work" && (d.w(at+2) == "schedule" || d.w(at+2) == "calendar")) {
					return span{k, at + 2}, false, true
				}
			}
			if y := d.findWord(st, at+1, at+6, "yours"); y >= 0 && d.find(st, at+1, y, cOrg) >= 0 {
				return span{k, y + 1}, false, true // "work at a firm like yours"
			}
			if d.w(at+1) == "one" && d.w(at+2) == "of" && (d.w(at+3) == "your" || d.w(at+3) == "ur") {
				return span{k, at + 4}, false, true // "assist on one of your cases"
			}
			if y := d.findWord(st, at+1, at+6, "your"); y >= 0 && prepositions[d.w(y-1)] && d.is(y+1, cOrg) {
				return span{k, y + 2}, false, true // "start at the bottom at your firm"
			}
		}
		if (next == "unpaid" || next == "free") && w != "start" && w != "started" && w != "starting" {
			return span{k, k + 2}, false, true // "shadow unpaid for a couple weeks", "volunteer free"
		}
		if w != "work" && w != "working" {
			break
		}
		if y := d.findWord(st, k+1, k+4, "your", "you", "u", "ur"); y >= 0 && d.findWord(st, y+1, y+4, "has", "have", "need", "needs", "got") >= 0 {
			return span{k, y + 1}, false, true // "help with any grunt work your team has going"
		}
		if next == "unpaid" || next == "free" {
			return span{k, k + 2}, false, true
		}
		if d.w(k-2) == "any" && d.firstNear(st, k, 8) >= 0 {
			return span{k - 2, k + 1}, false, true // "happy to help with any grunt work"
		}
		if prev == "any" || prev == "paid" || prev == "freelance" || prev == "contract" || prev == "overflow" || prev == "some" && d.findWord(st, st.t0, k, "i", "i'd", "i'm") >= 0 {
			return span{k - 1, k + 1}, false, true
		}
	}
	if (w == "free" && prev == "for" || w == "unpaid" || w == "gratis") && !d.meansAvailable(k) {
		// Shadowing offered for no pay over weeks, or with chores, is work
		// offered: "I'd gladly shadow you on site for a couple of weeks for
		// free, carrying, tidying"; not "could I shadow you for a day?"
		for j := k - 1; j >= max(st.t0, k-14); j-- {
			writer := d.firstNear(st, j, 6) >= 0 || j-st.t0 <= 3 && d.is(st.t0, cModal|cWish) // "Happy to shadow…"
			if d.w(j) == "shadow" && writer && d.shadowAsWork(st) && !d.negatedBetween(j, k) {
				return span{j, k + 1}, false, true
			}
		}
	}
	if ((w == "free" || w == "nothing") && prev == "for" || w == "unpaid" || w == "gratis") && d.freeOnYours(st, k) >= 0 {
		// "I'd happily hump cable on your next shoot for free": work of any
		// name offered for nothing on the reader's set, site or shift
		return span{d.freeOnYours(st, k), k + 1}, false, true
	}
	if offerMarks[w] && w != "services" && !d.meansAvailable(k) && !(timeMarks[w] && (next == "on" || next == "with")) {
		// not "I'll start right away on the reading list you sent"
		// "a small test project for your studio, free", "take it on at a friendly rate":
		// a mark of work offered by the writer.
		for j := k - 1; j >= max(st.t0, k-8); j-- {
			if d.w(j) == "around" {
				break // "I can work around your shifts": the writer fits the reader's time
			}
			if (d.w(j) == "shadow" || d.w(j) == "shadowing") && w != "trial" {
				break // "could I shadow you for a full shift next Friday?": watching, not working
			}
			doing := d.cls[j]&cOffer != 0 || d.w(j+1) == "for" && (d.w(j+2) == "you" || d.w(j+2) == "u") && d.find(st, j-3, j, cModal|cWish) >= 0
			if doing && (d.firstNear(st, j, 6) >= 0 || d.impliedWriter(st, d.clauseStart(j)+1) && d.find(st, d.clauseStart(j), j, cWish) >= 0) {
				return span{j, k + 1}, false, true // "would happily stage for you sometime, no pay needed"
			}
		}
		// Or handed to the writer: "could you pass some of your overflow cases to me?"
		for j := max(st.t0, k-6); j < k && handedWork[w]; j++ {
			if m := d.handedToWriter(st, j); m > k {
				return span{k, m + 1}, true, true
			}
		}
		// Or the work named first and taken on after: "should you ever have
		// overflow projects to hand off, I'd be glad to take them on".
		for j := k + 1; j < min(st.t1, k+14); j++ {
			if d.cls[j]&cOffer == 0 || d.firstNear(st, j, 6) < 0 || d.find(st, j-4, j, cModal|cWish) < 0 {
				continue
			}
			if pronounObjects[d.w(j+1)] {
				return span{k, j + 2}, false, true
			}
			if j+1 == st.t1 || d.a.toks[j+1].clause != d.a.toks[j].clause {
				return span{k, j + 1}, false, true // "…overflow documentation…, I'm available and would love to help"
			}
		}
	}
	if c&(cJob|cWeak) != 0 {
		return d.jobWord(st, k)
	}
	return
}

// oneOfYours returns where "one of your" starts before the plural job word
// at k ("one of your summer internships", "one of your spots"), or -1.
func (d *detector) oneOfYours(st sentence, k int) int {
	y := d.findWord(st, k-3, k, "your", "ur")
	if y < 0 || d.w(y-1) != "of" || d.w(y-2) != "one" {
		return -1
	}
	return y - 2
}

// jobWord judges a job noun: a strong one (job, vacancy) is a target unless
// it is someone's own ("your first job", "my internship") or the head of a
// topic ("job market", "job postings" as advice); a weak one (role, spot,
// opportunity) needs support: it opens up, is "for me", is "on your team".
func (d *detector) jobWord(st sentence, k int) (sp span, self, ok bool) {
	w, c := d.w(k), d.cls[k]
	one := span{k, k + 1}
	if d.notEmployment(st, k) {
		return
	}
	if o := d.owner(k); o == "my" && c&cJob != 0 && prepositions[d.w(k+1)] && (d.w(k+2) == "your" || d.w(k+2) == "ur") {
		return span{k - 1, k + 3}, true, true // "to do my internship in your laboratory"
	} else if o == "your" && strings.HasSuffix(w, "s") && d.oneOfYours(st, k) >= 0 {
		return span{d.oneOfYours(st, k), k + 1}, false, true // "a shot at one of your summer internships": one of the reader's places
	} else if o != "" && !(o == "your" && openWords[w]) {
		return
	}
	if w == "job" && d.w(k-1) == "the" && d.w(k-2) == "on" {
		return // "learned on the job"
	}
	if d.jobHeld(st, k) {
		return // "my cousin just got a job at your firm": a fact told
	}
	if d.readerFeelsAbout(st, k) {
		return // "could you tell me if you like your job?" asks about their experience
	}
	switch d.w(k + 1) {
	case "market", "title", "titles", "description", "descriptions", "fair", "fairs", "board", "boards",
		"search", "searches", "hunt", "hunting", "security", "satisfaction", "history", "interview", "interviews",
		"offer", "offers", "shadowing", "experience", "duties", "responsibilities", "hunters", "seekers", "seeker",
		"season", "seasons", "cycle", "cycles", "deadline", "deadlines":
		return // "when internship season comes round": a time of year, not a place asked for
	}
	if w == "opening" && (eventOpenings[d.w(k-1)] || d.w(k-1) == "the" && d.w(k+1) == "of") {
		return // "the new warehouse opening", "the exhibit opening": an event
	}
	if w == "opening" && d.w(k-1) == "eye" {
		return // "your advice was eye-opening": an adjective
	}
	// A weak word, and a strong one too when something can follow it,
	// looks for support around it.
	supported := false
	for j := k + 1; j < min(st.t1, k+10) && d.a.toks[j].clause == d.a.toks[k].clause; j++ {
		if d.is(j, cArise) && d.w(j) != "opening" && d.w(j) != "availability" || (d.w(j) == "present" || d.w(j) == "presents") && d.w(j+1) == "itself" {
			supported = true // "should an opportunity present itself at your firm"
			break
		}
	}
	if y := d.findWord(st, k+1, k+3, "your", "you", "ur", "u"); y >= 0 && d.findWord(st, y+1, y+4, outsourcing...) >= 0 {
		supported = true // "the editing work your team outsources"
	}
	switch d.w(k + 1) {
	case "for":
		if n := d.w(k + 2); n == "me" || n == "someone" || n == "somebody" || (n == "a" || n == "an") && d.personAt(k+3) {
			supported = !d.chanceToTalk(k + 3) // not "a chance for me to ask you a few questions"
		}
	case "on", "in", "at", "with", "within", "inside":
		for j := k + 2; j < min(st.t1, k+5); j++ {
			if d.w(j) == "your" || d.is(j, cOrg) && d.w(j-1) == "your" {
				supported = true
			}
		}
		if d.namedPlaceAsked(st, span{k, k + 1}) {
			supported = true // "any junior roles at Brightwell?"
		}
		if p := d.w(k - 1); d.w(k+1) == "with" && (d.w(k+2) == "you" || d.w(k+2) == "u") && (p == "a" || p == "an" || p == "any" || p == "some") {
			supported = true // "this chat could lead to a role with you"
		}
	case "available", "open", "opening":
		supported = true
	case "going":
		// "a bit of work going in the practice", "any work going?" (Irish
		// and British English: available), not "how is the work going"
		if p := d.w(k - 1); p == "of" || p == "any" || p == "some" || p == "extra" || p == "casual" || p == "odd" {
			supported = true
		}
	}
	if d.namedPlaceHas(st, one) {
		supported = true // "does Brightwell have any junior roles?"
	}
	if w == "temps" || w == "temp" {
		// "does your office take on temps over the holidays?", "any temp
		// work going": agency or seasonal work, not French "le temps"
		switch d.w(k - 1) {
		case "on", "any", "some", "extra", "more", "holiday", "seasonal", "christmas", "summer", "need", "needs", "hire", "hires", "hiring", "use", "uses", "a",
			"take", "takes", "taking", "accept", "accepts", "accepting", "ever":
			supported = d.w(k-1) != "a" || d.w(k+1) == "job" || d.w(k+1) == "role" || d.w(k+1) == "post"
		}
	}
	if h := d.findWord(st, k-3, k, "have", "has", "got"); h >= 0 && w != "chance" && w != "opportunity" &&
		d.findWord(st, st.t0, h, "if", "whether") >= 0 {
		supported = true // "if you have a spot"
	}
	if v := d.findWord(st, k-4, k, "view"); v >= 0 && d.w(v+1) == "to" && d.w(v-2) == "with" {
		supported = true // "shadow your team for a week, with a view to a trainee role"
	}
	p := d.w(k - 1)
	if p == "time" && (d.w(k-2) == "part" || d.w(k-2) == "full") {
		p = d.w(k - 3) // "any part-time work going"
	}
	if p == "any" || p == "whatever" || p == "open" || p == "available" || p == "vacant" || p == "paid" || p == "unpaid" || p == "upcoming" || p == "current" && w != "role" {
		supported = supported || d.w(k+1) != "to"
	}
	if a := d.findWord(st, k-4, k-1, "any"); a >= 0 && c&cWeak != 0 && d.w(k+1) != "to" && d.w(k+1) != "of" && d.qualifiersOnly(a+1, k) {
		supported = true // "any new-grad RN spots", "any summer dock jobs": the words between only say which
	}
	if c&cJob != 0 {
		if w == "post" || w == "contract" || w == "contracts" || w == "gig" || w == "gigs" || w == "shifts" {
			if p := d.findWord(st, k-5, k, "pick", "picks", "picking", "grab", "grabbing"); p >= 0 && d.findWord(st, p+1, k, "up") >= 0 &&
				d.findWord(st, p-4, p, "i", "me", "i'd", "i'm", "let", "lets", "allow", "allows") >= 0 {
				supported = true // "lets new grads pick up per-diem shifts", "could I pick up some shifts": work taken by the writer; not "do nurses pick up extra shifts?"
			}
			return one, false, supported || d.w(k-1) == "freelance" || d.w(k-1) == "some" || d.w(k-1) == "any" ||
				casualWork[d.w(k-1)] && d.findWord(st, k-3, k-1, "any", "some", "extra", "additional", "spare", "occasional", "more") >= 0
		}
		return one, false, true
	}
	return one, false, supported
}

// longSpans and chores make shadowing for no pay work: weeks of it, or
// fetching and carrying.
var (
	longSpans = wordSet(`weeks fortnight fortnights months month summer summers term semester season`)
	chores    = wordSet(`carrying carry tidying tidy fetching fetch cleaning clean sweeping errands useful pitch pitching
		muck mucking grunt labouring laboring`)
)

// shadowAsWork reports whether shadowing in sentence st runs for weeks or
// comes with chores.
func (d *detector) shadowAsWork(st sentence) bool {
	for j := st.t0; j < st.t1; j++ {
		if longSpans[d.w(j)] || chores[d.w(j)] {
			return true
		}
	}
	return false
}

// casualWork name work taken by the shift or the piece: "any per diem
// shifts", "some weekend gigs", "any locum contracts".
var casualWork = wordSet(`diem weekend weekends night nights extra relief locum overtime holiday seasonal summer temp casual
	agency cover evening evenings bank part-time short-term`)

// recommendedThings are recommended to the writer, who is not recommended:
// "recommend me one book", "a good podcast", "two or three people to read".
var recommendedThings = wordSet(`one two three few several good great favorite favourite best book books article articles
	podcast podcasts reading readings resource course courses blog blogs newsletter newsletters tool tools author authors
	paper papers journal journals text texts site sites website websites`)

// consideredForOther reports whether "considered" at k is for a school's
// place or an award: "for a scholarship", "for the teaching award"; not
// "for the fellowship you run", the reader's own.
func (d *detector) consideredForOther(st sentence, k int) bool {
	return d.appliesToSchool(st, k) && d.find(st, k+1, st.t1, cSecond) < 0 || d.findWord(st, k+1, k+5, awards...) >= 0
}

// readerGrows returns where "your team" starts before the growth word at k
// when a condition governs them and the writer offers themself after
// ("me", "I'd", "I'm"), or -1; not "…, I hope you'll still find time".
func (d *detector) readerGrows(st sentence, k int) int {
	o := d.findWord(st, k-4, k, "your", "ur")
	if o < 0 {
		// "the development team" grows, with the reader asked after it
		// ("…, I'd appreciate it if you'd think of me"): the reader's team
		o = d.findWord(st, k-4, k, "the")
		if o < 0 || !d.is(k-1, cOrg) || d.find(st, k+1, st.t1, cSecond) < 0 {
			return -1
		}
		if !d.is(o+1, cOrg) {
			o = k - 2 // "the development team": from the word before the team
		}
	}
	if !d.is(o+1, cOrg) || !d.writerOffered(st, k+1) {
		return -1
	}
	if c := d.findWord(st, max(st.t0, o-3), o, "if", "should", "whenever", "once"); c < 0 || d.a.toks[c].clause != d.a.toks[k].clause {
		return -1
	}
	return o
}

// readersPlaceHas reports where the reader's place starts when a
// condition says it has anything at k ("if your depot has anything,
// shout"), or -1; not "if you have anything to add" nor "if your team has
// anything planned".
func (d *detector) readersPlaceHas(st sentence, k int) int {
	o := d.findWord(st, k-5, k-1, "your", "ur")
	if o < 0 || !d.is(o+1, cOrg) && (o+2 != k-1 || timeHolders[d.w(o+1)]) || d.findWord(st, max(st.t0, o-3), o, "if", "whenever", "should") < 0 {
		return -1 // the reader's place, or one word naming it ("your depot"); not "your calendar"
	}
	if d.findWord(st, k+1, st.t1, gatherings...) >= 0 || d.findWord(st, k+1, st.t1, eventWords...) >= 0 {
		return -1 // "if your team has anything coming up at the conference, shout and I'll come say hi"
	}
	if k+1 >= st.t1 || d.a.toks[k+1].clause != d.a.toks[k].clause {
		return o
	}
	switch d.w(k + 1) {
	case "going", "open", "available", "suitable", "coming", "on":
		return o
	case "for":
		if d.is(k+2, cFirst) || d.personWithin(st, k+2, 4) >= 0 {
			return o // "if your lab has anything for me", "anything for a junior animator"
		}
	}
	return -1
}

// timeHolders hold the reader's time, not work: "if your calendar has anything free".
var timeHolders = wordSet(`schedule calendar diary week weekend agenda inbox day month morning afternoon evening`)

// shortOfThings are what a place is short of that is no person.
var shortOfThings = []string{"time", "money", "cash", "budget", "space", "room", "sleep", "patience", "notice", "funds", "funding",
	"parts", "supplies", "stock", "ideas", "words", "breath", "desks", "equipment"}

// shortTold reports whether target t is the reader's place said to be
// short of people (readerShort), whose wish comes after it.
func (d *detector) shortTold(t span) bool {
	return shortWords[d.w(t.t1-1)] || d.w(t.t0) == "stretched" || d.w(t.t0) == "overstretched" // "your team is short", "how stretched your small team is"
}

// shortWords say a place is short of people.
var shortWords = wordSet(`short understaffed short-staffed shorthanded stretched overstretched`)

// readerShort reports where the reader's place starts when it is said to
// be short of people at k and the writer wishes for the post after it
// ("your unit is short of night nurses, and that's the post I want", "…
// and I'd love to be one of them"), or -1; not "…; I'd love to hear how
// you cope".
func (d *detector) readerShort(st sentence, k int) int {
	o := d.findWord(st, k-4, k, "your", "ur")
	if o < 0 && d.w(k-1) == "how" {
		o = d.findWord(st, k+1, k+2, "your", "ur") // "given how stretched your small team is"
		if o >= 0 && !d.is(o+1, cOrg) {
			o++ // "your small team"
		}
		if o >= 0 && !d.is(o+1, cOrg) {
			o = -1
		} else if o >= 0 && d.w(o) != "your" && d.w(o) != "ur" {
			o--
		}
	}
	if o < 0 || !d.is(o+1, cOrg) && !d.is(o+2, cOrg) || d.findWord(st, k+1, k+4, shortOfThings...) >= 0 {
		return -1 // not "your team is short on time this month"
	}
	for j := k + 1; j < st.t1; j++ {
		if d.is(j, cBarrier|cWh) && d.w(j) != "about" && !((d.w(j) == "hear" || d.w(j) == "heard") && d.is(j-1, cFirst)) {
			return -1 // not "…; I'd love to hear how you cope"; "I hear" only reports it
		}
	}
	for j := k + 1; j < st.t1; j++ {
		if !d.is(j, cFirst) {
			continue
		}
		for x := j + 1; x < min(st.t1, j+4); x++ {
			if w := d.w(x); w == "want" || w == "love" || w == "after" || w == "keen" || w == "one" {
				return o
			}
		}
		if d.find(st, j, min(st.t1, j+3), cModal) >= 0 {
			// "…, I'd be happy to come in and help sort the collection": the writer's hands offered
			if h := d.findWord(st, j+1, min(st.t1, j+9), "help", "assist", "volunteer", "lend"); h >= 0 && !d.is(h+1, cSecond) {
				return o
			}
		}
	}
	return -1
}

// neededAndImOne finds the reader's place said to need people and the
// writer saying they are one: "Your unit is short of night nurses, and
// I'm one", "I hear your crew needs a welder; I happen to be one". Not
// "…, and I know one" (someone else) nor "and so is mine".
func (d *detector) neededAndImOne(st sentence) (hit, bool) {
	for j := st.t0 + 4; j < st.t1; j++ {
		if d.w(j) != "one" || j+1 < st.t1 && d.a.toks[j+1].clause == d.a.toks[j].clause && !fillers[d.w(j+1)] && d.w(j+1) != "myself" {
			continue
		}
		me := -1
		switch {
		case d.w(j-1) == "i'm" || d.w(j-1) == "im":
			me = j - 1
		case d.w(j-1) == "am" && d.w(j-2) == "i":
			me = j - 2
		case d.w(j-1) == "be" && d.findWord(st, j-4, j-1, "i", "i'd", "i'll") >= 0:
			me = d.findWord(st, j-4, j-1, "i", "i'd", "i'll")
		}
		if me < 0 || d.negatedBetween(me, j) {
			continue
		}
		for n := st.t0; n < me; n++ {
			if !networkNeeds[d.w(n)] && !needWords[d.w(n)] && !d.is(n, cHire) {
				continue
			}
			if d.findWord(st, max(st.t0, n-5), n, "your", "ur", "you", "u") < 0 || d.negatedBetween(n, n) {
				continue
			}
			// Who is needed: a person noun, or the last word of the need's
			// clause ("short of night nurses, and I'm one").
			for p := n + 1; p < min(me, n+6); p++ {
				if d.is(p, cFirst|cSecond) || slices.Contains(shortOfThings, d.w(p)) {
					break
				}
				if d.personAt(p) || d.a.toks[p+1].clause != d.a.toks[p].clause && !determiners[d.w(p)] && !prepositions[d.w(p)] {
					return hit{target: span{n, p + 1}, ask: span{me, j + 1}, who: span{me, me + 1}, kind: askOffer}, true
				}
			}
		}
	}
	return hit{}, false
}

// wordWishes say a good word is wished: "would mean a lot", "would help",
// "would go a long way", "I'd appreciate", "grateful".
var wordWishes = wordSet(`would mean means help helps go appreciate appreciated grateful love welcome`)

// goodWordWished finds a good word wished for the writer's application,
// told in the sentence or the one before: "I put in an application, so a
// good word would mean a lot", "I applied for the spring internship; a
// kind word from you would help so much". Not a word told of ("a good word
// from my teacher helped me") nor one with no application to carry.
func (d *detector) goodWordWished(s int) (hit, bool) {
	a := d.a
	st := a.sents[s]
	for k := st.t0 + 1; k < st.t1; k++ {
		if d.w(k) != "word" || d.w(k-1) != "good" && d.w(k-1) != "kind" && d.w(k-1) != "positive" && d.w(k-1) != "quick" {
			continue
		}
		wish := -1
		for j := k + 1; j < min(st.t1, k+7) && wish < 0; j++ {
			if wordWishes[d.w(j)] && (d.w(j-1) == "would" || d.w(j-1) == "could" || d.w(j-1) == "'d" || d.w(j) == "means") {
				wish = j
			}
		}
		if wish < 0 || d.negatedBetween(k, wish) {
			continue
		}
		for _, x := range []sentence{st, a.sents[max(0, s-1)]} {
			for j := x.t0; j < x.t1; j++ {
				if x.t0 == st.t0 && j >= k {
					break
				}
				if d.cls[j]&cApply == 0 || directWords[d.w(j)] || d.findWord(x, max(x.t0, j-4), j, "i", "i've", "i'd", "my", "i'm") < 0 {
					continue
				}
				if sp, _, ok := d.application(x, j); ok && !d.negatedBetween(sp.t0, j) {
					return hit{target: sp, ask: span{k - 1, wish + 1}, who: span{sp.t0, sp.t0 + 1}, kind: askPass}, true
				}
			}
		}
	}
	return hit{}, false
}

// scheduleWords are where a boss may put the writer: "save me a spot on
// the summer schedule", "get me on the roster".
var scheduleWords = wordSet(`schedule schedules roster rota rotation books payroll crew team list shift shifts`)

// bossAskedForMe finds the reader asked to ask their boss, or whoever
// hires, for the writer's place: "if u could ask ur boss to save me a spot
// on the summer schedule", "could you ask your manager whether there's
// room for one more line cook?", "check with whoever does the hiring if
// they'd take me on". Not "could you ask your boss if it's okay for me to
// visit the site for our chat?" (nothing of work asked) nor "should I ask
// my boss…" (the writer's own boss).
func (d *detector) bossAskedForMe(st sentence) (hit, bool) {
	for k := st.t0; k < st.t1; k++ {
		w := d.w(k)
		if w != "ask" && w != "asking" && w != "check" && w != "checking" && w != "talk" && w != "speak" {
			continue
		}
		b := k + 1
		if d.w(b) == "with" || d.w(b) == "to" {
			b++
		}
		if !d.toWhoHires(b) {
			continue
		}
		// The reader is asked: "could you", "if u could", "would you mind", "please", or the clause opens with the verb.
		if d.findWord(st, max(st.t0, k-5), k, "you", "u", "ya", "please", "pls", "plz") < 0 && k != d.clauseStart(k) {
			continue
		}
		if d.negatedBetween(k, k) {
			continue
		}
		end := min(st.t1, b+16)
		for j := b + 2; j < end; j++ {
			x := d.w(j)
			switch {
			case (x == "me" || x == "my") && d.placeForWriterAfter(st, j):
				return hit{target: span{j, min(st.t1, j+4)}, ask: span{k, b + 2}, who: span{j, j + 1}, kind: askPass}, true
			case x == "room" && d.w(j+1) == "for" && (d.w(j+2) == "me" || d.w(j+2) == "one" || d.w(j+2) == "another" || d.w(j+2) == "a" || d.w(j+2) == "an"):
				return hit{target: span{j, j + 3}, ask: span{k, b + 2}, who: noSpan, kind: askPass}, true
			case d.is(j, cJob|cHire) && !d.notEmployment(st, j) || networkNeeds[x] && d.personWithin(st, j+1, 4) >= 0:
				return hit{target: span{j, j + 1}, ask: span{k, b + 2}, who: noSpan, kind: askPass}, true
			}
		}
	}
	return hit{}, false
}

// placeForWriterAfter reports whether a place on the work follows the
// writer at j: "me a spot", "me on the roster", "my name on the list".
func (d *detector) placeForWriterAfter(st sentence, j int) bool {
	for y := j + 1; y < min(st.t1, j+8); y++ {
		switch x := d.w(y); {
		case x == "spot" || x == "place" || x == "slot" || x == "shot" || x == "job" || x == "position" || scheduleWords[x]:
			// not "my place at the workshop": a seat at an event
			return d.findWord(st, y+1, min(st.t1, y+5), gatherings...) < 0 && d.findWord(st, y+1, min(st.t1, y+5), eventWords...) < 0
		case x == "on" && d.w(y+1) == "board":
			return true
		}
	}
	return false
}

// trialNouns name a trial of the writer's work; "stage" only after an
// article ("a stage in your kitchen", not "at this stage").
var trialNouns = wordSet(`trial trials tryout tryouts try-out stage stages`)

// seeVerbs are what the reader would do with the writer's work on a trial.
var seeVerbs = wordSet(`see judge watch check try test assess gauge evaluate`)

// trialOffered finds the writer offering a trial of their work to the
// reader: "Maybe I could come in one Saturday for a trial so you could see
// my blowouts?", "I can also make a stage (a trial day) in your kitchen,
// like this you see my work". Not a trial told ("I did a trial day at a
// bakery last year"), asked about ("how long are your trials?") or
// another's ("my trial period ends Friday").
func (d *detector) trialOffered(st sentence) (hit, bool) {
	for t := st.t0 + 1; t < st.t1; t++ {
		w := d.w(t)
		if !trialNouns[w] || strings.HasPrefix(w, "stage") && !determiners[d.w(t-1)] && d.w(t-1) != "one" {
			continue
		}
		if d.owner(t) != "" || d.find(st, st.t0, t, cWh|cBarrier) >= 0 || d.negatedBetween(st.t0, t) {
			continue
		}
		if n := d.w(t + 1); t+1 < st.t1 && d.a.toks[t+1].clause == d.a.toks[t].clause && !trialSpans[n] && !prepositions[n] && n != "so" && n != "to" && n != "like" && n != "and" && n != "a" {
			continue // "the trial results": the trial only qualifies another thing
		}
		f := d.find(st, st.t0, t, cFirst)
		if f < 0 || d.find(st, max(st.t0, f-2), t, cModal|cWish) < 0 || pastAuxiliaries[d.w(f+1)] {
			continue
		}
		end := -1
		for j := t + 1; j < min(st.t1, t+14) && end < 0; j++ {
			switch {
			case (d.w(j) == "your" || d.w(j) == "ur") && prepositions[d.w(j-1)]:
				end = j + 2
			case d.is(j, cSecond) && d.find(st, j+1, min(st.t1, j+4), cModal) >= 0 || d.is(j, cSecond) && seeVerbs[d.w(j+1)]:
				for x := j + 1; x < min(st.t1, j+4); x++ {
					if seeVerbs[d.w(x)] {
						end = x + 1
					}
				}
			}
		}
		if end < 0 {
			continue
		}
		return hit{target: span{t, t + 1}, ask: span{f, min(st.t1, end)}, who: span{f, f + 1}, kind: askOffer}, true
	}
	return hit{}, false
}

// resumeNear reports whether a resume is named in sentence st or the one
// before it, for an "it" that hands it on.
func (d *detector) resumeNear(st sentence) bool {
	s := d.a.toks[st.t0].sent
	from := st.t0
	if s > 0 {
		from = d.a.sents[s-1].t0
	}
	for k := from; k < st.t1; k++ {
		if d.is(k, cResume) {
			return true
		}
	}
	return false
}

// passOnVerbs hand the writer's resume on; readersPeople are whom to.
var (
	passOnVerbs   = wordSet(`share sharing pass passing forward forwarding send sending show showing circulate`)
	readersPeople = wordSet(`associates colleagues network contacts team hr recruiter recruiters boss manager people partners peers`)
)

// resumePassedOn finds the writer's resume, named in this sentence or the
// one before, asked to be handed on to the reader's people: "Please feel
// free to share it with your associates if anything comes up". Passing a
// resume around the reader's firm is a referral asked for.
func (d *detector) resumePassedOn(st sentence) (hit, bool) {
	if !d.resumeNear(st) {
		return hit{}, false
	}
	for k := st.t0; k < st.t1; k++ {
		if !passOnVerbs[d.w(k)] || d.findWord(st, k+1, min(st.t1, k+5), "it", "them", "cv", "resume", "résumé", "those") < 0 {
			continue
		}
		to := d.findWord(st, k+2, min(st.t1, k+7), "with", "to", "among", "around")
		if to < 0 || d.w(to+1) != "your" && d.w(to+1) != "ur" || !readersPeople[d.w(to+2)] || d.negatedBetween(st.t0, k) || d.readerSubject(st, k) || d.shouldIAsk(st, k) ||
			d.readerAskedToLook(k) || d.findWord(st, st.t0, k, "please", "free", "could", "would", "can", "kindly", "mind") < 0 {
			// not "thanks for offering to pass my résumé to your team": the reader's offer, told back
			continue
		}
		return hit{target: span{to + 1, to + 3}, ask: span{k, k + 1}, who: noSpan, kind: askPass}, true
	}
	return hit{}, false
}

// takingVerbs take people on.
var takingVerbs = wordSet(`taking hiring recruiting accepting`)

// growthWords ask whether the reader's place grows or takes people on.
var growthWords = wordSet(`grow growing expand expanding hire hiring recruit recruiting add adding build building staff staffing`)

// ifSoAfterGrowth finds "If so, I'd love to be first in line" after a
// question whether the reader's team grows or hires: "Is the process team
// planning to grow? If so, I'd love to be first in line."
func (d *detector) ifSoAfterGrowth(s int) (hit, bool) {
	a := d.a
	st := a.sents[s]
	if s == 0 || d.w(st.t0) != "if" || d.w(st.t0+1) != "so" && d.w(st.t0+1) != "yes" && d.w(st.t0+1) != "it" && d.w(st.t0+1) != "they" {
		return hit{}, false
	}
	prev := a.sents[s-1]
	if !prev.question {
		return hit{}, false
	}
	g := -1
	for k := prev.t0; k < prev.t1 && g < 0; k++ {
		if growthWords[d.w(k)] && d.find(prev, prev.t0, k, cOrg) >= 0 && d.find(prev, prev.t0, k, cWh) < 0 {
			g = k
		}
	}
	f := d.find(st, st.t0, st.t1, cFirst)
	if g < 0 || f < 0 || d.find(st, f, min(st.t1, f+4), cWish|cModal) < 0 || d.negatedBetween(st.t0, st.t1-1) {
		return hit{}, false
	}
	return hit{target: span{g, g + 1}, ask: span{st.t0, st.t0 + 2}, who: span{f, f + 1}, kind: askWish}, true
}

// hearOfAny finds the writer glad to hear of any post: "I should be glad
// to hear of any position at the bindery, however junior". Not "any books
// you'd recommend" nor "how you found your first position".
func (d *detector) hearOfAny(st sentence) (hit, bool) {
	for k := st.t0 + 2; k < st.t1; k++ {
		if d.w(k) != "hear" || d.w(k-1) != "to" || d.w(k+1) != "of" && d.w(k+1) != "about" || d.w(k+2) != "any" {
			continue
		}
		t := d.find(st, k+3, min(st.t1, k+6), cJob|cExist)
		wish := d.find(st, max(st.t0, k-5), k, cWish|cModal)
		if t < 0 || wish < 0 || d.find(st, max(st.t0, wish-3), k, cFirst) < 0 || d.negatedBetween(wish, t) || d.notEmployment(st, t) {
			continue
		}
		return hit{target: span{k + 2, t + 1}, ask: span{wish, k + 1}, who: span{d.find(st, max(st.t0, wish-3), k, cFirst), d.find(st, max(st.t0, wish-3), k, cFirst) + 1}, kind: askKeep}, true
	}
	return hit{}, false
}

// writerOffered reports whether the writer is at hand after token k: "me"
// ("you know where to find me", "think of me"), "I'd" (not "I'd hope"),
// or "I'm" ready ("I'm around", "I'm keen"); not "I'm sure you'll need a
// bigger space".
func (d *detector) writerOffered(st sentence, k int) bool {
	for j := k; j < st.t1; j++ {
		switch d.w(j) {
		case "me":
			return true
		case "i'd", "id":
			return d.w(j+1) != "hope" && d.w(j+1) != "imagine" && d.w(j+1) != "guess"
		case "i'm", "im":
			switch d.w(j + 1) {
			case "available", "here", "around", "keen", "interested", "ready", "happy", "glad", "free", "yours", "in":
				return true
			}
		}
	}
	return false
}

// staffVerbs say who puts people on the work: "whoever staffs the projects".
var staffVerbs = wordSet(`staffs staffed hires hired books assigns crews recruits manages`)

// toWhoHires reports whether the words from k name the reader's boss or
// whoever puts people on the work: "your site super", "your foreman",
// "whoever staffs the projects in your office". A mention to them is a
// job asked, not an introduction to learn.
func (d *detector) toWhoHires(k int) bool {
	switch d.w(k) {
	case "your", "ur":
		return d.w(k+1) != "partner" && (bossWords[d.w(k+1)] || bossWords[d.w(k+2)] && !d.is(k+1, cFirst|cSecond))
	case "whoever", "whomever":
		return staffVerbs[d.w(k+1)] || (d.w(k+1) == "does" || d.w(k+1) == "handles" || d.w(k+1) == "runs") && d.is(k+2, cHire) || d.is(k+3, cHire)
	}
	return false
}

// needVerbs of a person someone in the reader's network may need.
var networkNeeds = wordSet(`needs need needed wants wanted hiring hires recruiting looking short`)

// networkNeed returns where the person or post ends that someone the
// reader knows needs, at k ("anyone", "someone") after "know" or "know
// of" ("if you know anyone who's hiring", "if you know of someone who
// needs a line cook"), with the writer in the sentence; or -1. Not
// "someone who has done this work" nor "anyone I should talk to".
func (d *detector) networkNeed(st sentence, k int) int {
	p := d.w(k - 1)
	if p == "of" || p == "across" {
		p = d.w(k - 2) // "know of anyone", "hear of anybody", "come across someone"
	}
	if p != "know" && p != "knows" && p != "hear" && p != "come" && p != "meet" || d.find(st, st.t0, st.t1, cFirst) < 0 || d.otherPutForward(st) || d.findWord(st, k+1, st.t1, "recommend", "suggest") >= 0 {
		return -1 // not "…who needs a mentor, I can recommend my old professor"
	}
	for j := k + 1; j < min(st.t1, k+8) && d.a.toks[j].clause == d.a.toks[k].clause || j == k+1; j++ {
		x := d.w(j)
		if d.is(j, cBarrier) || meetingWords[x] || x == "talk" || x == "speak" {
			return -1
		}
		if !networkNeeds[x] && !(x == "use" && d.w(j-1) == "could") {
			continue
		}
		if x == "hiring" || x == "hires" || x == "recruiting" {
			return j // "anyone who's hiring"
		}
		for y := j + 1; y < min(st.t1, j+5); y++ {
			if companions[d.w(y)] || d.is(y, cBarrier) || d.w(y) == "to" {
				return -1 // "anyone who needs a second opinion", "looking to talk"
			}
			if d.is(y, cJob|cWeak) || d.personAt(y) {
				return y
			}
			if (d.w(y-1) == "a" || d.w(y-1) == "an") && !notPeople[d.w(y)] {
				// "a line cook", "a deckhand": the head of the noun phrase
				e := y
				for e+1 < min(st.t1, y+3) && !prepositions[d.w(e+1)] && d.a.toks[e+1].clause == d.a.toks[y].clause && !d.is(e+1, cFirst|cSecond) &&
					d.w(e+1) != "who" && d.w(e+1) != "that" && !determiners[d.w(e+1)] && d.w(e+1) != "this" && d.w(e+1) != "next" {
					e++
				}
				return e
			}
		}
		return -1
	}
	return -1
}

// stageAtYours reports whether "stage" at k is an internship at the
// reader's place: "a possibility of stage in your agency", "a stage at
// your firm"; not "at this stage in your career" nor a theatre's stage.
func (d *detector) stageAtYours(st sentence, k int) bool {
	switch d.w(k - 1) {
	case "of", "a", "an", "for", "any", "summer", "my", "internship", "pre-employment":
	default:
		return false
	}
	if d.w(k-1) == "a" && (d.w(k-2) == "at" || d.w(k-2) == "on" || d.w(k-2) == "to") {
		return false // "at a stage where", "on a stage"
	}
	switch d.w(k + 1) {
	case "in", "at", "with", "within":
		return (d.w(k+2) == "your" || d.w(k+2) == "ur") && d.is(k+3, cOrg) || d.is(k+2, cOrg) && d.w(k+2) != "career"
	}
	return false
}

// attachmentKinds and attachmentOpenings make "attachment" a student's
// placement: "industrial attachment", "attachment opportunity".
var (
	attachmentKinds    = wordSet(`industrial clinical field student students hospital work placement`)
	attachmentOpenings = wordSet(`opportunity opportunities slot slots place places placement position positions vacancy vacancies period programme program`)
)

// doorAtYours returns where the reader's place ends after "in the door" at
// k ("gets in the door at your firm", "through the door with you"), with
// the writer getting in; or -1.
func (d *detector) doorAtYours(st sentence, k int) int {
	g := d.findWord(st, k-5, k-2, "get", "gets", "getting", "got", "foot", "way")
	if g < 0 || d.find(st, max(st.t0, g-4), g, cFirst) < 0 && d.firstNear(st, k, 8) < 0 {
		return -1
	}
	if p := d.w(k + 1); p == "at" || p == "with" || p == "of" {
		if n := d.w(k + 2); n == "you" || n == "u" {
			return k + 2
		}
		if (d.w(k+2) == "your" || d.w(k+2) == "ur") && d.is(k+3, cOrg) {
			return k + 3
		}
	}
	return -1
}

// doorOpeners open a door for someone.
var doorOpeners = wordSet(`open opens opened opening`)

// doorPlace returns where the place ends after the door at k ("a door at
// Ridgeview", "a door for me at your winery"): the reader's place or one
// named with a capital, within a few words; or -1.
func (d *detector) doorPlace(st sentence, k int) int {
	for x := k + 1; x < min(st.t1-1, k+5); x++ {
		if d.w(x) != "at" && d.w(x) != "with" {
			continue
		}
		if (d.w(x+1) == "your" || d.w(x+1) == "ur") && d.is(x+2, cOrg) {
			return x + 2
		}
		if d.capitalized(x+1) && !d.is(x+1, cFirst) {
			return x + 1
		}
	}
	return -1
}

// writeInVerbs put the writer onto the reader's funding: "write me into
// your proposal", "budget me in your grant".
var writeInVerbs = wordSet(`write writing put putting include including add adding budget budgeting name naming`)

// fundingWords are what pays people on a project: a grant, a proposal.
var fundingWords = wordSet(`grant grants proposal proposals budget budgets bid bids tender tenders award contract`)

// writtenIntoFunding returns where the reader's grant or proposal ends
// after "me into" at k, or -1: "writing me into your next NSF proposal".
func (d *detector) writtenIntoFunding(st sentence, k int) int {
	if p := d.w(k); p != "into" && p != "in" && p != "on" && p != "onto" {
		return -1
	}
	// "into your next NSF proposal", "into the budget of your next project"
	y := d.findWord(st, k+1, k+5, "your", "ur")
	if y < 0 {
		return -1
	}
	for j := k + 1; j < min(st.t1, y+5); j++ {
		if fundingWords[d.w(j)] {
			return max(j, y)
		}
	}
	return -1
}

// freeOfferAfter reports whether the writer's modal at j offers unpaid
// work on the reader's site later in its clause (see freeOnYours).
func (d *detector) freeOfferAfter(st sentence, j int) bool {
	for x := j + 1; x < st.t1 && d.a.toks[x].clause == d.a.toks[j].clause; x++ {
		if ((d.w(x) == "free" || d.w(x) == "nothing") && d.w(x-1) == "for" || d.w(x) == "unpaid" || d.w(x) == "gratis") && d.freeOnYours(st, x) >= 0 {
			return true
		}
	}
	return false
}

// workSites are the reader's work a hand may join: a shoot, a site, a shift.
var workSites = wordSet(`shoot shoots set sets site sites project projects build builds job jobs production productions
	shift shifts crew crews season dig digs harvest kitchen line`)

// handVerbs lend a hand; on the reader's shoot, site or shift they offer work.
var handVerbs = wordSet(`help helping assist assisting crew crewing pitch`)

// onYourWork returns the end of "on one of your shoots", "out at your
// next build", "in on your site" starting at k, or 0: a preposition, the
// reader's own and a work site (not an event: "help at your open day").
func (d *detector) onYourWork(st sentence, k int) int {
	if d.w(k) == "out" || d.w(k) == "in" && (d.w(k+1) == "on" || d.w(k+1) == "at") {
		k++
	}
	if d.w(k) != "on" && d.w(k) != "at" && d.w(k) != "with" {
		return 0
	}
	y := k + 1
	if (d.w(y) == "one" || d.w(y) == "any" || d.w(y) == "some") && d.w(y+1) == "of" {
		y += 2
	}
	if d.w(y) != "your" && d.w(y) != "ur" {
		return 0
	}
	for j := y + 1; j < min(st.t1, y+4); j++ {
		if workSites[d.w(j)] {
			return j + 1
		}
		if slices.Contains(eventWords, d.w(j)) || slices.Contains(gatherings, d.w(j)) {
			return 0
		}
	}
	return 0
}

// freeOnYours returns where "your" starts when the unpaid work at k is on
// the reader's shoot, site or shift, offered by the writer with a modal or
// a wish before it in its clause ("I'd happily hump cable on your next
// shoot for free", "I can sweep up on your site unpaid"), or -1. Help at
// an event ("your fundraiser") and a call for free are no work.
func (d *detector) freeOnYours(st sentence, k int) int {
	cs := max(st.t0, d.clauseStart(k))
	y := d.findWord(st, max(cs, k-8), k, "your", "ur")
	if y < 0 || d.findWord(st, y, k, gatherings...) >= 0 || d.findWord(st, y, k, eventWords...) >= 0 || d.findWord(st, cs, k, "call", "chat", "coffee") >= 0 {
		return -1
	}
	site := false
	for j := y + 1; j < min(k, y+4); j++ {
		site = site || workSites[d.w(j)] || d.is(j, cOrg)
	}
	f := d.find(st, cs, y, cFirst)
	if !site || f < 0 || d.find(st, f, y, cModal|cWish) < 0 || d.negatedBetween(f, y) {
		return -1
	}
	return y
}

// qualifiersOnly reports whether the words in [from, to) only qualify the
// noun after them: no verb, reader, writer, place or preposition.
func (d *detector) qualifiersOnly(from, to int) bool {
	for j := from; j < to; j++ {
		x := d.w(j)
		if d.is(j, cFirst|cSecond|cOrg|cBarrier|cWh|cModal) || prepositions[x] || determiners[x] || auxiliaries[x] || x == "and" || x == "or" || x == "time" ||
			d.a.toks[j].clause != d.a.toks[to].clause || strings.HasSuffix(x, "ing") {
			return false
		}
	}
	return true
}

// writerDoesAfter reports whether the work named at k is taken on by the
// writer after it, the object put first: "even volunteering at your
// clinic i can do", "weekend shifts at your bakery I'd happily do".
func (d *detector) writerDoesAfter(st sentence, k int) bool {
	for j := k + 1; j < min(st.t1, k+10); j++ {
		if !d.is(j, cFirst) || !d.is(j+1, cModal|cWish) && !d.is(j, cModal) {
			continue
		}
		for x := j + 1; x < min(st.t1, j+4); x++ {
			if w := d.w(x); w == "do" || w == "manage" || w == "handle" {
				return !d.negatedBetween(j, x) && d.w(x+1) != "you" && d.w(x+1) != "with"
			}
		}
	}
	return false
}

// hiringPeople hire: "mention me to your recruiter".
var hiringPeople = wordSet(`recruiter recruiters hr hiring talent`)

// retainedAfter reports whether "stay on" or "keep me on" ending before
// token k is about staying in a post: followed by the sentence's end or a
// time ("after my placement", "once my internship wraps up", "past the end
// of my contract", "permanently"); not "stay on top of", "stay on track".
func (d *detector) retainedAfter(st sentence, k int) bool {
	if k >= st.t1 {
		return true
	}
	switch d.w(k) {
	case "after", "once", "when", "past", "beyond", "permanently", "afterwards", "afterward", "full", "longer", "through", "as", "with", "at":
		for j := k + 1; j < min(st.t1, k+5); j++ {
			if meetingWords[d.w(j)] || slices.Contains(gatherings, d.w(j)) || slices.Contains(eventWords, d.w(j)) || d.w(j) == "line" {
				return false // "could I stay on after the webinar to ask you one question?"
			}
		}
		return true
	}
	return false
}

// caseForJob reports whether "make my case" before token k is for a post
// or to those who hire: "for the associate role", "to your hiring team";
// not "for why this question matters".
func (d *detector) caseForJob(st sentence, k int) bool {
	for j := k; j < min(st.t1, k+6); j++ {
		if d.is(j, cJob|cHire|cApply) || d.w(j) == "role" || d.w(j) == "roles" || d.w(j) == "spot" || d.w(j) == "place" || d.w(j) == "seat" {
			return true
		}
		if d.is(j, cWh) {
			return false
		}
	}
	return false
}

// doneForYours returns the end of "anything I could do for your company"
// from "anything" at k, or 0: work offered to the reader's place. "Anything
// I could do for you in return" is thanks, and stays clean.
func (d *detector) doneForYours(st sentence, k int) int {
	do := d.findWord(st, k+1, k+5, "do")
	if do < 0 || d.find(st, k+1, do, cFirst) < 0 || d.w(do+1) != "for" || d.w(do+2) != "your" && d.w(do+2) != "ur" {
		return 0
	}
	for j := do + 3; j < st.t1; j++ {
		if slices.Contains(gatherings, d.w(j)) || slices.Contains(eventWords, d.w(j)) || d.w(j) == "thank" || d.w(j) == "return" || d.w(j) == "favour" || d.w(j) == "favor" {
			return 0 // "anything I could do for your team's outreach event as a thank-you"
		}
	}
	for o := do + 3; o < min(st.t1, do+5); o++ {
		if d.is(o, cOrg) && !strings.HasSuffix(d.w(o), "'s") {
			return o + 1
		}
	}
	return 0
}

// awards are what one is considered for besides work.
var awards = []string{"award", "awards", "grant", "grants", "prize", "prizes", "bursary", "bursaries", "stipend", "scholarship", "scholarships", "nomination"}

// peopleDoing follow a noun for people: "the new hires are settling in".
var peopleDoing = wordSet(`are were have had seem seemed settle settling settled started who that did do all`)

// startAsJob reports whether "start" at k is a job (Scottish and northern
// English): "a wee start going at the distillery", "any start going",
// "gie me a start", "get a start at your yard"; not "a good start", "the
// start of the season", "a start on your reading list".
func (d *detector) startAsJob(st sentence, k int) bool {
	p := d.w(k - 1)
	if p == "wee" || p == "little" {
		p = d.w(k - 2)
	}
	if p != "a" && p != "any" {
		return false
	}
	switch d.w(k + 1) {
	case "going":
		return true
	case "at", "with", "in", "on":
		// a place of the reader's, or one named, and a getter or giver of the start
		if d.findWord(st, k-5, k-1, "get", "getting", "got", "give", "gie", "giving", "offer", "offering") < 0 {
			return false
		}
		return d.w(k+2) == "your" || d.w(k+2) == "ur" || d.is(k+3, cOrg) && d.w(k+2) == "the" || d.capitalized(k+2)
	}
	return d.findWord(st, k-4, k-1, "give", "gie", "giving") >= 0 && d.findWord(st, k-3, k-1, "me", "us") >= 0
}

// fitForActivity reports whether what the writer would "fit for" from
// token x on is an activity or a field ("a natural fit for air traffic
// control", "well suited to nursing"): it names no place (no team,
// company or capitalised name), no post and nothing said before ("it",
// "this"), up to the clause's end.
func (d *detector) fitForActivity(st sentence, x int) bool {
	toks := d.a.toks
	if x >= st.t1 {
		return false
	}
	n := 0
	for j := x; j < st.t1 && toks[j].clause == toks[x].clause && j < x+6; j++ {
		switch d.w(j) {
		case "it", "this", "that", "them", "one", "here", "there", "us", "yours", "both", "either":
			return false
		}
		if d.is(j, cSecond|cOrg|cJob|cWeak|cHire|cApply|cExist) || unicode.IsUpper(firstRune(d.a.text[toks[j].start:])) {
			return false
		}
		n++
	}
	return n > 0
}

// fieldWords are a field, not a place: "a good fit for the field".
var fieldWords = wordSet(`field fields industry sector profession career careers path sport sports area discipline specialty
	specialism subject line work role`)

// placeForMe reports whether target t is asked for the writer at the
// reader's place by name, which a learning word does not make a topic:
// "I'm keen to explore whether there might be a place for me at Arup".
func (d *detector) placeForMe(st sentence, t span) bool {
	x := t.t1
	if d.w(x) != "for" || d.w(x+1) != "me" || !prepositions[d.w(x+2)] || d.w(x+2) == "for" {
		return false
	}
	return d.w(x+3) == "your" || d.w(x+3) == "ur" || d.capitalized(x+3) && !d.is(x+3, cFirst)
}

// anythingAtYours returns the end of "anything [open] at your company"
// when the reader's place closes the clause (not "anything at your company
// you'd recommend I read"), or 0.
func (d *detector) anythingAtYours(st sentence, k int) int {
	toks := d.a.toks
	x := k + 1
	opening := x < st.t1 && (d.w(x) == "open" || d.w(x) == "going" || d.w(x) == "available" || d.w(x) == "vacant")
	if opening || x < st.t1 && d.w(x) == "suitable" {
		x++
	}
	switch d.w(x) {
	case "at", "in", "on", "with", "within", "for":
	default:
		return 0
	}
	// "anything going in the practice": an opening at the place named,
	// the reader's when it is "the" one (Irish and British English).
	if d.w(x+1) != "your" && d.w(x+1) != "ur" && !(opening && d.w(x+1) == "the") {
		return 0
	}
	for o := x + 2; o < min(st.t1, x+5); o++ {
		if d.is(o, cOrg) {
			if o+1 < st.t1 && toks[o+1].clause == toks[o].clause && !laterWords[d.w(o+1)] && !(k <= st.t0+1 && d.is(o+1, cModal)) {
				return 0 // not "anything at your firm surprised me"; "Anything at your firm would mean the world to me" asks
			}
			cs := d.clauseStart(k)
			from := max(cs, d.findWord(st, cs, k, "if", "whether"))
			if d.find(st, cs, k, cWh) >= 0 || d.barrierBetween(from-1, k) {
				return 0 // "how do you find out if there's anything at your company…"
			}
			return o + 1
		}
	}
	return 0
}

// atYour returns where "at your [entire] disposal" starts before token j, or -1.
func (d *detector) atYour(j int) int {
	y := j - 1
	switch d.w(y) {
	case "entire", "full", "complete", "whole", "total", "kind":
		y--
	}
	if (d.w(y) == "your" || d.w(y) == "ur") && d.w(y-1) == "at" || (d.w(y) == "sus" || d.w(y) == "su") && d.w(y-1) == "a" {
		return y - 1 // "at your disposal", "a sus órdenes"
	}
	return -1
}

// goodWishes are what one wishes the reader: "I wish you every success".
var goodWishes = []string{"success", "luck", "best", "well", "all", "congratulations", "happy", "merry", "smooth", "safe", "speedy"}

// laterWords may follow the reader's place in "anything at your company
// down the line" without naming something else there.
var laterWords = wordSet(`right now currently someday eventually later down soon`)

// eventOpenings name what opens as an event: "the new warehouse opening".
var eventOpenings = wordSet(`exhibit exhibition grand official soft store shop warehouse plant site branch restaurant
	gallery museum factory facility show season campus clinic hospital library cafe bakery`)

// meansAvailable reports whether "free" at k is someone's free time, not
// unpaid work: "whenever ur free", "if you're free", "feel free".
func (d *detector) meansAvailable(k int) bool {
	if d.w(k) != "free" {
		return false
	}
	switch d.w(k - 1) {
	case "ur", "you're", "youre", "are", "is", "am", "i'm", "im", "be", "feel", "get", "you", "u", "whenever", "when", "if":
		return true
	}
	switch d.w(k + 1) {
	case "time", "moment", "minute", "minutes", "slot", "slots", "day", "days", "hour", "hours", "evening", "morning", "afternoon", "weekend":
		return true
	}
	return false
}

// meansConvenient reports whether token k, in the condition opened at j,
// makes it the reader's convenience: "whenever suits your shifts", "if
// it works for your rota", "whenever fits around your clinic", "if
// that's convenient for your team". A verb or word of fit right after the
// conditional word (or after "it"/"that"): the condition sets when to
// talk, not what the reader needs.
func (d *detector) meansConvenient(j, k int) bool {
	switch d.w(k) {
	case "suits", "suit", "fits", "works", "convenient", "easiest", "easier":
	default:
		return false
	}
	for x := j + 1; x < k; x++ {
		switch d.w(x) {
		case "it", "that", "that's", "it's", "is", "ever", "best", "most":
		default:
			return false
		}
	}
	return true
}

// startsAt returns the end of a start date at token k ("right after",
// "right away", "immediately", "in June", "next week", "Monday", "after
// graduation"), or -1 if none is there: what follows "I could start" when
// it is work that starts, not the call ("start by asking", "start the call").
func (d *detector) startsAt(st sentence, k int) int {
	if k >= st.t1 {
		return -1
	}
	w := d.w(k)
	if w == "right" || w == "straight" || w == "pretty" {
		k++
		w = d.w(k)
	}
	end := k + 1
	switch {
	case w == "after" || w == "afterwards" || w == "away" || w == "immediately" || w == "asap" || w == "tomorrow" || w == "anytime":
		if w == "after" && k+1 < st.t1 && !startEvents[d.w(k+1)] && !months[d.w(k+1)] && !fillers[d.w(k+1)] && d.w(k+1) != "my" && d.w(k+1) != "that" {
			return -1 // "right after our call"
		}
		if w == "after" && k+1 < st.t1 && (d.w(k+1) == "my" || d.w(k+1) == "that") {
			end++
		}
	case w == "the" && (d.w(k+1) == "following" || d.w(k+1) == "next") && (weekdays[d.w(k+2)] || startUnits[d.w(k+2)]):
		end += 2 // "the following Monday"
	case w == "next" && startUnits[d.w(k+1)]:
		end++
	case (w == "in" || w == "from" || w == "on" || w == "by") && (months[d.w(k+1)] || weekdays[d.w(k+1)]):
		end++
	case weekdays[w] || months[w] && w != "may" && w != "mar":
	default:
		return -1
	}
	if end < st.t1 && d.a.toks[end].clause == d.a.toks[k].clause && (meetingWords[d.w(end)] || d.w(end) == "on" || d.w(end) == "with" || d.w(end) == "by") {
		return -1 // "start Monday's call", "start in June on the course you recommended"
	}
	return min(end, st.t1)
}

// workTimes may follow a work verb before where the work is: "work
// weekends at your bakery".
var workTimes = wordSet(`weekends weekdays nights evenings mornings afternoons summers shifts days`)

// givenTimes are time or skill a writer offers before saying where: "my
// time", "my weekends", "some evenings", "my skills".
var givenTimes = wordSet(`time weekends weekdays nights evenings mornings afternoons summer summers saturdays sundays
	hours skills services days few`)

// asInterview returns where the conversation is taken for an interview
// ("treat it as an informal first interview", "think of our chat as an
// interview"), or -1.
func (d *detector) asInterview(st sentence, k int) int {
	as := -1
	for j := k - 1; j >= max(st.t0, k-4); j-- {
		if d.w(j) == "as" {
			as = j
			break
		}
	}
	if as < 0 || d.findWord(st, as+1, k, "a", "an") < 0 {
		return -1
	}
	return d.findWord(st, as-5, as, "treat", "treating", "consider", "count", "think", "see", "view", "take")
}

// wouldntSayNo finds a job denied and then wished for with a double
// negation: "I'm not asking for a job — though if one were going, I
// wouldn't say no!", "I'm not looking for work, but if something came up
// I wouldn't turn it down".
func (d *detector) wouldntSayNo(s int) (hit, bool) {
	st := d.a.sents[s]
	for k := st.t0 + 1; k+1 < st.t1; k++ {
		w := d.w(k)
		if !(w == "say" && d.w(k+1) == "no" && d.w(k+2) != "to" || w == "turn" && d.findWord(st, k+1, k+3, "down") >= 0) || !d.ch.isNegator(k-1) {
			continue
		}
		f := d.firstNear(st, k, 4)
		c := d.findWord(st, st.t0, k, "if")
		if f < 0 || c < 0 || d.findWord(st, c+1, c+3, "one", "something", "anything", "it") < 0 {
			continue
		}
		from := st.t0
		if s > 0 {
			from = d.a.sents[s-1].t0
		}
		for j := from; j < c; j++ {
			if d.is(j, cJob|cWeak) && !d.notEmployment(d.a.sents[d.a.toks[j].sent], j) {
				return hit{target: span{j, j + 1}, ask: span{k - 1, k + 2}, who: span{f, f + 1}, kind: askWish}, true
			}
		}
	}
	return hit{}, false
}

// eventHelpers are who an event needs for an hour, not a role at the
// reader's place: "if you need volunteers for the panel".
var eventHelpers = wordSet(`volunteer volunteers helper helpers speaker speakers panelist panelists panellist panellists
	judge judges mentor mentors attendee attendees moderator moderators host hosts presenter presenters usher ushers
	greeter greeters chaperone chaperones participant participants tester testers facilitator facilitators others
	hand hands helping`)

// eventWords are what one joins for an hour, not for a job.
// gatherings are more events the writer may offer to help at, which is no job.
var gatherings = []string{"panel", "panels", "fair", "fairs", "conference", "conferences", "fundraiser", "gala", "festival", "hackathon", "workshop", "workshops"}

var eventWords = []string{"day", "days", "event", "events", "webinar", "talk", "talks", "meetup", "session", "sessions",
	"tour", "tours", "reading", "seminar", "seminars", "call", "meeting", "standup", "demo", "lunch", "walk"}

// outsourcing verbs hand the reader's work to people outside.
var outsourcing = []string{"outsource", "outsources", "outsourced", "farm", "farms", "sub", "subs", "subcontract", "subcontracts", "contract"}

// timeMarks are the offer marks that say when: "start Monday".
var timeMarks = wordSet(`monday immediately asap away`)

// handedWork is work the reader may hand the writer: "pass some of your
// overflow to me" (not "send the project brief to me").
var handedWork = wordSet(`overflow backlog shifts freelance tasks pieces`)

// fillers may close a typed sentence: "can start straight after lol".
var fillers = wordSet(`lol haha tbh though too if so and honestly`)

// startUnits follow "next": "next week".
var startUnits = wordSet(`week month term semester day`)

// startEvents end what a start date may follow: "right after graduation".
var startEvents = wordSet(`graduation graduating exams finals school university college term semester contract notice`)

var months = wordSet(`january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec`)

var weekdays = wordSet(`monday tuesday wednesday thursday friday saturday sunday`)

// chanceToTalk reports whether "to" at k leads into learning or talking:
// "a chance for me to ask you a few questions", "to hear how you started".
func (d *detector) chanceToTalk(k int) bool {
	if d.w(k) != "to" {
		return false
	}
	v := d.w(k + 1)
	return d.is(k+1, cBarrier) || meetingWords[v] || v == "ask" || v == "observe" || v == "listen" || v == "pick"
}

// cohortWords name who a program takes on: "your summer associate program",
// "the graduate trainee scheme".
var cohortWords = wordSet(`intern interns internship associate associates trainee trainees apprentice apprentices
	apprenticeship clerkship fellows returnship returnships returner returners learnership learnerships traineeship
	traineeships cadet cadets cadetship`)

// recurringSpans are the units of regular work: "two days a week".
var recurringSpans = wordSet(`day days hour hours morning mornings afternoon afternoons evening evenings shift shifts night nights`)

// feelingVerbs say how someone finds their work: "you like the job".
var feelingVerbs = wordSet(`like likes liked love loves loved enjoy enjoys enjoyed hate hates dislike dislikes miss misses
	prefer prefers find finds found`)

// readerFeelsAbout reports whether the job word at k is what the reader
// likes, enjoys or finds (so theirs, as experience): "whether you like the
// job", "do you still enjoy the role". Not "would you like…", a polite ask.
func (d *detector) readerFeelsAbout(st sentence, k int) bool {
	cs := d.clauseStart(k)
	for j := k - 1; j >= max(st.t0, cs, k-5); j-- {
		if !feelingVerbs[d.w(j)] {
			continue
		}
		y := j - 1
		if intensifiers[d.w(y)] {
			y--
		}
		if d.w(y) == "you" || d.w(y) == "u" {
			return !modalsOfOffer[d.w(y-1)] // "would you like a trial shift?" offers, "do you like the job" asks
		}
	}
	return false
}

// notEmployment reports whether the job word at k means something else by
// what follows it: a time ("an opening in your calendar", "a spot for a
// call on Thursday") or the field at large ("any roles in the field you
// think are underrated").
func (d *detector) notEmployment(st sentence, k int) bool {
	if d.cls[k]&cJob == 0 && meetingLength(d.w(k-1)) {
		return true // "any 20-minute slot", "a half-hour spot", "a quick coffee slot": a slot of the reader's time
	}
	if roomWords[d.w(k)] && d.fieldsRoom(st, k) {
		return true // "whether the trade has room for more apprentices": the field's room is no one's
	}
	if d.atWritersPlace(st, k) {
		return true // "I'll reach out if a position opens at my school": the writer's own place, nothing asked of the reader
	}
	if p := d.w(k - 1); (p == "to" || p == "on" || p == "about") && topicNouns[d.w(k-2)] {
		return true // "a good guide to internships", "a book on hiring": the post as a topic of something read
	}
	toks := d.a.toks
	for x := k - 1; x > max(st.t0, k-6) && toks[x].clause == toks[k].clause; x-- {
		switch d.w(x) {
		case "has", "have", "had", "offers", "offer":
			if fieldWords[d.w(x-1)] && (d.w(x-2) == "your" || d.w(x-2) == "the" || d.w(x-2) == "this") {
				return true // "if your field has many openings": the field's, no one's
			}
		}
	}
	for j := k + 1; j < min(st.t1, k+6); j++ {
		switch d.w(j) {
		case "schedule", "schedules", "calendar", "diary", "week", "day", "inbox", "time", "call", "chat", "meeting",
			"conversation", "coffee", "minutes", "zoom", "afternoon", "morning", "evening":
			if p := d.w(j - 1); p == "part" || p == "full" || p == "half" {
				continue // "any openings for a part-time barista"
			}
			if laterDays[d.w(j-1)] {
				continue // "an apprenticeship at ur shop one day", "the sous chef position … next week": when, not a slot in the reader's day
			}
			return true
		case "talk", "talks", "lecture", "lectures", "seminar", "seminars", "webinar", "webinars", "panel", "reading", "screening", "concert", "show", "dinner":
			// "a seat at your talk", "a spot at the screening": a seat at an event
			if x := d.w(j - 1); (x == "your" || x == "ur" || x == "the" || x == "our") && toks[j].clause == toks[k].clause && prepositions[d.w(j-2)] {
				return true
			}
		case "review", "reviewing", "signing", "signature", "template", "templates", "clause", "clauses", "law", "negotiation", "negotiations":
			if w := d.w(k); w == "contract" || w == "contracts" {
				return true // "are contracts available for review online?": documents
			}
		case "career", "careers", "profession", "path", "vocation":
			if d.w(j-1) == "a" && d.w(j-2) == "as" {
				return true // "interested in recruiting as a career": the field itself
			}
			if d.w(j) == "profession" && st.question && (d.w(j-1) == "the" || d.w(j-1) == "in" || d.w(j-1) == "your" || d.w(j-1) == "this") {
				return true
			}
		case "field", "industry", "sector", "general", "world":
			if st.question && (d.w(j-1) == "the" || d.w(j-1) == "in" || d.w(j-1) == "your" || d.w(j-1) == "this") {
				return true // a question about the field; "I'm looking for a job in the field" is not
			}
		}
	}
	return false
}

// meetingLength reports whether w measures or names a meeting, so that a
// weak target after it ("slot", "spot", "window") is a time in the
// reader's day: "20-minute", "15-min", "half-hour", "quick", "coffee",
// "call". Not "part-time" or "two-week": those are the work's own terms.
func meetingLength(w string) bool {
	switch w {
	case "minute", "minutes", "min", "mins", "hour", "half-hour", "quick", "short", "brief", "coffee", "call", "phone", "zoom", "chat", "meeting":
		return true
	}
	for _, unit := range []string{"-minute", "-min", "-mins", "-hour", "minute", "min"} {
		if strings.HasSuffix(w, unit) && len(w) > len(unit) && w[0] >= '0' && w[0] <= '9' {
			return true // "20-minute", "15-min", "30min"
		}
	}
	return false
}

// atWritersPlace reports whether the opening at k is at the writer's own
// place, named with "my" or "our" just after it: "if a position opens at
// my school", "an opening in our department"; not "a role at your firm"
// nor "a spot for my daughter".
func (d *detector) atWritersPlace(st sentence, k int) bool {
	for j := k + 1; j < min(st.t1, k+5); j++ {
		switch d.w(j) {
		case "at", "in", "on", "within":
			o := d.w(j + 1)
			return (o == "my" || o == "our") && (d.is(j+2, cOrg|cSchool) || d.w(j+2) == "work" || d.w(j+2) == "job" || d.w(j+2) == "company's")
		case "for", "with", "to":
			return false
		}
	}
	return false
}

// condAtWritersPlace reports whether the condition opening at j is about
// an opening at the writer's own place (atWritersPlace).
func (d *detector) condAtWritersPlace(st sentence, j int) bool {
	for x := j + 1; x < st.t1 && d.a.toks[x].clause == d.a.toks[j].clause; x++ {
		if d.is(x, cJob|cWeak) && d.atWritersPlace(st, x) {
			return true
		}
	}
	return false
}

// fieldAsked reports whether a question's words from cs up to the target
// at k name a field and no place: "Does your field have room for someone
// like me?", "Is there room in your industry for people like me?"; not
// "Would your lab in the biotech field have room for me?".
func (d *detector) fieldAsked(st sentence, cs, k int) bool {
	field := false
	for x := max(cs, st.t0); x < k; x++ {
		if d.is(x, cOrg|cHire) || d.capitalized(x) && !d.is(x, cFirst) {
			return false
		}
		field = field || fieldWords[d.w(x)] && d.w(x) != "role" && d.w(x) != "work" || d.w(x) == "trade" || d.w(x) == "market" || d.w(x) == "world" || d.w(x) == "scene"
	}
	return field
}

// fieldsRoom reports whether the room at k is a field's: "the industry
// has room for newcomers", "room in the trade for career changers"; not
// "your team has room for another junior".
func (d *detector) fieldsRoom(st sentence, k int) bool {
	for j := k - 1; j >= max(d.clauseStart(k), k-4); j-- {
		if fieldWords[d.w(j)] || d.w(j) == "trade" || d.w(j) == "market" {
			return true
		}
		if d.is(j, cOrg|cSecond) {
			return false
		}
	}
	return (d.w(k+1) == "in" || d.w(k+1) == "within") && (d.w(k+2) == "the" || d.w(k+2) == "this") &&
		(fieldWords[d.w(k+3)] || d.w(k+3) == "trade" || d.w(k+3) == "market")
}

// otherAskers are who else asks, when a phrase such as "asking for jobs"
// follows them: the writer describes others' requests.
var otherAskers = wordSet(`messages message emails notes requests people students folks others dms inquiries
	enquiries letters strangers applicants graduates grads candidates everyone everybody someone somebody`)

// phraseVetoed reports whether a phrase-table match's job word means
// something else (see notEmployment), so the table agrees with the
// structure.
func (d *detector) phraseVetoed(m match) bool {
	st := d.a.sents[d.a.toks[m.t0].sent]
	if m.t0 > st.t0 && otherAskers[d.w(m.t0-1)] {
		return true // "you probably get a lot of messages asking for jobs": others ask, not the writer
	}
	if d.generalQuestion(st) {
		return true // "why does your company take on so many juniors like me?"
	}
	if d.w(m.t0) == "hat" || d.w(m.t0+1) == "hat" || d.w(m.t0+2) == "hat" {
		if c := d.findWord(st, m.t1, min(st.t1, m.t1+5), hatContests...); c >= 0 {
			return true // "throwing my hat in the ring for the half-marathon": a race, not a post
		}
	}
	if st.question && (d.genericEmployerBefore(st, d.clauseStart(m.t0), m.t0) >= 0 || d.fieldAsked(st, d.clauseStart(m.t0), m.t0) || d.ownMoveAsked(st)) {
		return true // "do companies ever take on someone like me?", "does your industry have space for people like me?"
	}
	if d.w(m.t1-1) == "word" && d.w(m.t1) == "for" && (thirdParties[d.w(m.t1+1)] || d.w(m.t1+1) == "a" || d.w(m.t1+1) == "an" || d.w(m.t1+1) == "the" || d.w(m.t1+1) == "his" || d.w(m.t1+1) == "their") {
		return true // "my boss asked me to put in a word for a colleague": a word for someone else, not the writer
	}
	if x := m.t1 - 1; foreignAbouts[d.w(x-1)] || foreignAbouts[d.w(x-2)] && d.a.toks[x-2].clause == d.a.toks[x].clause && x-2 > m.t0 {
		return true // "¿Sabe si su empresa tiene un blog sobre empleo?": the post as a topic
	}
	if d.readAbout(st, m.t0) {
		return true // "I loved reading about one of your internships": the reader's place as something read of
	}
	for k := m.t0 + 1; k < m.t1-1; k++ {
		if d.is(k, cWh) && (d.w(k-1) == "about" || d.w(k-1) == "regarding") {
			return true // "the person to ask about what the job is really like": the work asked about
		}
	}
	if d.onlyWatching(st) {
		return true // "any chance i could ride along with ur crew for a day and just watch?"
	}
	if d.planMomentBefore(st, m.t0) {
		return true // "Bevor ich irgendwo eine Bewerbung schreibe": a plan's moment, not an application to the reader
	}
	if d.w(m.t0) == "if" && d.answeredOtherwise(st, m.t0) {
		return true // "if your team is hiring, what does the process look like?"
	}
	for k := m.t0; k < m.t1; k++ {
		if d.cls[k]&cApply != 0 && (d.takesAdvice(st, k) || d.appliesToSchool(st, k) || d.applicationSettled(st, k)) ||
			d.w(k) == "considered" && d.consideredForOther(st, k) {
			return true // "I applied your tip": advice put to use; "applying to the fellowship you mentioned"
		}
	}
	for k := m.t0; k < m.t1; k++ {
		if d.cls[k]&(cJob|cWeak) != 0 && (d.notEmployment(st, k) || d.jobHeld(st, k)) {
			return true
		}
		if d.cls[k]&cOrg != 0 && k == m.t1-1 && orgNotJoined[d.w(k+1)] {
			return true // "I'd love to join your group chat": a thing the place runs
		}
	}
	return false
}

// orgNotJoined follow a place's name when what is joined is a thing it
// runs: "your group chat", "the team newsletter", "your lab's mailing list".
var orgNotJoined = wordSet(`chat chats call calls thread threads channel channels newsletter newsletters list server meeting meetings
	webinar webinars talk talks event events photo outing dinner lunch picnic run walk ride hike tour`)

// foreignAbouts make what follows a topic: "sobre empleo", "über Praktika".
var foreignAbouts = wordSet(`sobre acerca über ueber riguardo`)

// foreignMany ask how many, a question about the field: "¿Hay muchas
// vacantes en su sector?", "Ci sono molte posizioni aperte?".
var foreignMany = wordSet(`muchas muchos muitas muitos molte molti tante tanti tantas tantos viele beaucoup veel`)

// readVerbs are what was done about a topic, told: "I loved reading about
// your internships", "I heard about your openings on the radio".
var readVerbs = wordSet(`read reading heard hearing learned learnt learning saw seeing seen watched watching`)

// readAbout reports whether the words at k are the topic of something
// read or heard ("reading about one of your internships") in a statement
// with no wish, condition or modal before it: "I'd love to hear about
// your openings" still asks.
func (d *detector) readAbout(st sentence, k int) bool {
	if st.question {
		return false
	}
	ab := d.findWord(st, k-4, k, "about", "of")
	if ab < 0 || !readVerbs[d.w(ab-1)] {
		return false
	}
	cs := d.clauseStart(ab)
	return d.find(st, cs, ab, cWish|cModal|cCond) < 0 && d.findWord(st, cs, ab, "please", "let", "tell") < 0
}

// hatContests are what a hat goes in the ring for besides a post.
var hatContests = []string{"race", "marathon", "half-marathon", "election", "elections", "senate", "council", "board", "contest",
	"competition", "raffle", "tournament", "presidency", "chair", "seat", "triathlon", "award", "prize"}

// jobHeld reports whether the job word at k is one someone got or holds,
// a fact told: "my cousin just got a job at your firm and loves it".
func (d *detector) jobHeld(st sentence, k int) bool {
	v := d.findWord(st, k-4, k, "got", "gotten", "landed", "found", "accepted", "started", "took", "began", "held", "holds", "hold")
	if v < 0 || d.findWord(st, v+1, k, "to", "me", "if", "whether") >= 0 || d.find(st, v+1, k, cSecond) >= 0 {
		return false
	}
	if d.w(v) == "got" && (d.w(v-1) == "you've" || d.w(v-1) == "you" || d.w(v-1) == "ya" || d.w(v-1) == "have" && d.w(v-2) == "you") ||
		d.findWord(st, max(d.clauseStart(v), v-4), v, "if", "whether", "should") >= 0 {
		return false // "if you've got a slot on your crew": had now, or asked on a condition, not a fact told
	}
	return !auxiliaries[d.w(v-1)] && d.w(v-1) != "to" && d.w(v-1) != "i'd" && d.w(v-1) != "would"
}

// application judges apply, applied, application: the writer's own
// application to the reader's organization, not to a school.
func (d *detector) application(st sentence, k int) (sp span, self, ok bool) {
	w := d.w(k)
	if (w == "applied" || w == "apply" || w == "applying") && (d.takesAdvice(st, k) || d.readerSubject(st, k)) {
		return // "I applied your tip to two more calls": advice put to use; "did you apply to many studios"
	}
	first := d.findWord(st, k-4, k, "i", "i'm", "i've", "i'd", "i'll", "my", "we", "we've", "we're", "im", "ive")
	if first < 0 {
		if w == "applications" || w == "application" || w == "applicant" || w == "applicants" {
			if d.owner(k) == "your" || d.w(k-1) == "the" {
				return // "your applications", "the application process" are topics
			}
		}
		// "support my application" needs "my"; a bare "apply" may still
		// be the object of a wish: "I'd love to apply to your team".
		if w != "apply" {
			return
		}
	}
	if (d.find(st, k-3, k, cSchool) >= 0 || nonJobApplications[d.w(k-1)]) && (w == "application" || w == "applications") {
		return // "my graduate school application", "my grant application"
	}
	if d.appliesToSchool(st, k) {
		return // "applying to MLA programs"
	}
	if d.applicationSettled(st, k) {
		return // "I applied … and I was accepted last week": news of an outcome
	}
	if w == "apply" && d.planMomentBefore(st, k) {
		return // "Before I apply anywhere, I'd like to understand your work": a plan's moment, not an application to the reader
	}
	start := k
	if first >= 0 {
		start = first
	}
	return span{start, k + 1}, true, true
}

// secondInClause reports whether the reader (your, you) is named in the
// clause of k after it, within eight words: "once I apply to your firm".
func (d *detector) secondInClause(st sentence, k int) bool {
	for j := k + 1; j < min(st.t1, k+8) && d.a.toks[j].clause == d.a.toks[k].clause; j++ {
		if d.is(j, cSecond) {
			return true
		}
	}
	return false
}

// appliesToSchool reports whether the application word at k goes to a
// school, a program or a fellowship that is not the reader's: "applying to
// MLA programs", "I'll be applying to the fellowship you mentioned" (not
// "the graduate engineer scheme at your firm").
func (d *detector) appliesToSchool(st sentence, k int) bool {
	for j := k + 1; j < min(st.t1, k+9); j++ {
		if d.is(j, cJob|cWeak) && !d.is(j, cSchool) && d.is(j+1, cSchool) && d.w(j-1) != "your" {
			continue // "the county HVAC apprenticeship program": the program is the head
		}
		if d.is(j, cSecond) || d.is(j, cJob|cWeak) && !d.is(j, cSchool) {
			return false // "at your firm", "the Program Associate role"
		}
		if nonJobApplications[d.w(j)] && d.find(st, j+1, j+3, cJob|cWeak) < 0 {
			return true // "I applied for a grant last year": money or a permit, not a post
		}
		if d.is(j, cSchool) && d.find(st, j+1, j+3, cJob|cWeak) < 0 {
			if y := d.findWord(st, j+1, j+6, "your"); y >= 0 && (prepositions[d.w(y-1)] || d.w(y-1) == "of") {
				return false // "the graduate engineer scheme at your firm"
			}
			return true
		}
	}
	return false
}

// nonJobApplications are what one applies for besides a post or a school.
// credentials name an application for a title or a register, not a post:
// "my CEng application", "my chartership application", "licensure".
var credentials = wordSet(`ceng ieng chartership chartered registration licensing licensure membership certification accreditation
	citizenship naturalisation naturalization pe cpa rn nclex bar`)

var nonJobApplications = wordSet(`grant grants scholarship scholarships bursary bursaries loan loans visa visas permit permits
	mortgage passport funding licence license`)

// applicationSettled reports whether the writer's past application at k
// is news told to the reader, not put to them: its outcome or the next
// step it reached follows in the sentence ("I applied to the
// apprenticeship you told me about, and I was accepted last week", "I
// applied and got in", "…, and I have a first interview with one of them
// next Tuesday", "I applied and was shortlisted"), or it went to places
// the reader only named ("I applied to the two firms you described",
// "the programs you recommended"), with nothing of the reader's own. A
// report back leaves nothing to ask of the reader.
func (d *detector) applicationSettled(st sentence, k int) bool {
	if w := d.w(k); w != "applied" {
		return false
	}
	for j := k + 1; j < st.t1; j++ {
		switch d.w(j) {
		case "accepted", "admitted", "hired", "offered", "in":
			if d.w(j) == "in" && d.w(j-1) != "got" {
				continue
			}
			switch d.w(j - 1) {
			case "was", "were", "been", "got", "am", "i'm", "i've", "and":
				return true
			}
		case "interview", "interviews", "callback", "call-back", "shortlisted", "short-listed", "waitlisted", "rejected", "declined":
			// A step the writer reached: "I have a first interview", "I've
			// got two interviews lined up", "was shortlisted".
			if d.firstNear(st, j, 5) >= 0 && d.findWord(st, max(k+1, j-5), j, reachedSteps...) >= 0 {
				return true
			}
		}
	}
	return d.appliedWhereReaderNamed(st, k)
}

// reachedSteps tell that an application got somewhere: "I have a first
// interview", "landed an interview", "was shortlisted", "heard back".
var reachedSteps = []string{"have", "has", "had", "got", "get", "landed", "scheduled", "booked", "lined", "was", "were", "been", "i've", "i'm"}

// appliedWhereReaderNamed reports whether the places the writer applied to
// at k are ones the reader only named, with nothing of the reader's own in
// the sentence: "I applied to the two firms you described as good training
// grounds" (not "the opening you mentioned at your firm", nor a question
// or a request to the reader).
func (d *detector) appliedWhereReaderNamed(st sentence, k int) bool {
	if st.question {
		return false
	}
	named := false
	for j := k + 1; j < st.t1; j++ {
		switch d.w(j) {
		case "you", "u":
			if readerNamed[d.w(j+1)] && !auxiliaries[d.w(j-1)] {
				named = true
				continue
			}
			return false // "could you…", "if you…": something asked of the reader
		case "your", "ur", "yours", "you're", "you'd", "you'll":
			return false
		}
		if !named && d.is(j, cJob|cWeak|cHire) {
			return false // "the opening you mentioned" may be the reader's own
		}
	}
	return named
}

// readerNamed are what a reader did in naming places to the writer: "the
// firms you described", "the programs you recommended".
var readerNamed = wordSet(`described mentioned recommended suggested named listed told pointed flagged singled highlighted
	praised recommend mention suggest`)

// writersPage reports whether the writer's own profile or page starts at k,
// where the reader can see what was put there: "to my Alumni Connect
// profile" (not "to my old manager").
func (d *detector) writersPage(st sentence, k int) bool {
	return d.w(k) == "my" && d.find(st, k+1, k+4, cPlace) >= 0
}

// firstNear returns a first-person word within n tokens before k in the
// same sentence, or -1.
func (d *detector) firstNear(st sentence, k, n int) int {
	for j := k - 1; j >= max(st.t0, k-n); j-- {
		if d.cls[j]&cFirst != 0 {
			return j
		}
	}
	return -1
}

// ask is a way sentence st asks, found at token j.
type ask struct {
	sp   span
	kind askKind
}

// asks lists the ways sentence st asks or wishes something of the reader.
func (d *detector) asks(st sentence, out []ask) []ask {
	a := d.a
	for j := st.t0; j < st.t1; j++ {
		w, c := d.w(j), d.cls[j]
		clauseStart := j == st.t0 || a.toks[j-1].clause != a.toks[j].clause
		switch {
		case c&cCond != 0 && (w == "if" || w == "whenever" || w == "once" && clauseStart || w == "should" && (clauseStart || leadWords[d.w(j-1)]) && !d.is(j+1, cFirst) ||
			w == "case" && d.w(j-1) == "in"):
			out = append(out, ask{span{j, j + 1}, askCond})
		case (w == "disposal" || w == "orders" || w == "service" || w == "command" || w == "órdenes" || w == "ordenes" || w == "disposición" || w == "disposicion") &&
			d.atYour(j) >= 0 && (d.firstNear(st, j, 7) >= 0 || d.w(d.atYour(j)-1) == "quedo" || d.w(d.atYour(j)-1) == "estoy"):
			out = append(out, ask{span{d.atYour(j), j + 1}, askOffer}) // "I remain at your (entire) disposal for any opportunity", "a sus órdenes"
		case wishNouns[w] && d.wishedAt(st, j):
			out = append(out, ask{span{j, j + 1}, askWish}) // "working at your agency would be a dream"
		case c&cWish != 0:
			if (w == "wish" || w == "wishing") && d.is(j+1, cSecond) && d.findWord(st, j+2, j+6, goodWishes...) >= 0 {
				continue // "I wish you great success with the opening": a wish for the reader
			}
			if (d.w(j-1) == "was" || d.w(j-1) == "were") && !strings.HasSuffix(w, "ing") {
				continue // "My sister was happy to volunteer at your museum": a feeling told of the past, not a wish ("I was hoping…" still asks)
			}
			if w == "like" && d.w(j-1) != "would" && d.w(j-1) != "i'd" && d.w(j-1) != "id" &&
				!(intensifiers[d.w(j-1)] && (d.w(j-2) == "would" || d.w(j-2) == "i'd" || d.w(j-2) == "id")) &&
				!(d.w(j-1) == "much" && intensifiers[d.w(j-2)] && (d.w(j-3) == "would" || d.w(j-3) == "i'd" || d.w(j-3) == "id")) { // "I would very much like"
				continue
			}
			// "I'd love", "would love", and a wish with no subject at all
			// ("low-key hoping this turns into a spot…") is the writer's.
			if d.firstNear(st, j, 4) >= 0 || d.w(j-1) == "would" || w == "hope" && d.w(j-1) == "the" && d.w(j-2) == "in" && d.firstNear(st, j, 7) >= 0 || d.w(j-1) == "be" && d.firstNear(st, j, 6) >= 0 || d.impliedWriter(st, j) ||
				w == "happily" || w == "gladly" || d.coordinatedWithWriter(st, j) {
				out = append(out, ask{span{j, j + 1}, askWish})
			}
		case (clauseStart || leadWords[d.w(j-1)]) && auxiliaries[w] && (d.is(j+1, cSecond) || d.w(j+1) == "there") && !st.question &&
			!d.likewise(j):
			// "do u guys need a summer kid on the docks": a question typed without its mark
			out = append(out, ask{span{j, j + 1}, askQuestion})
		case w == "chance" && (d.w(j-1) == "any" || d.w(j-1) == "a") && j-d.clauseStart(j) <= 3:
			out = append(out, ask{span{j - 1, j + 1}, askQuestion}) // "any chance ur team needs a junior"
		case (w == "open" || w == "attentive") && d.w(j+1) == "to" && d.firstNear(st, j, 4) >= 0:
			out = append(out, ask{span{j, j + 2}, askWish}) // "I'd be open to any contract work", "I remain attentive to any opportunity"
		case w == "keep" && d.w(j+1) == "an" && d.w(j+2) == "eye":
			out = append(out, ask{span{j, j + 3}, askKeep}) // "keep an eye out for it"
		case c&cApply != 0 && d.firstNear(st, j, 3) >= 0 && d.findWord(st, j+1, j+9, "your", "you") >= 0 &&
			!d.appliesToSchool(st, j) && !d.applicationSettled(st, j):
			out = append(out, ask{span{j, j + 1}, askApply}) // "I applied for the analyst role at your firm"
		case c&cSeek != 0 && d.firstNear(st, j, 8) >= 0:
			out = append(out, ask{span{j, j + 1}, askSeek})
		case c&cKeep != 0 && (d.w(j+1) == "me" || (d.w(j+1) == "of" || d.w(j+1) == "about") && d.w(j+2) == "me" || w == "borne" || d.w(j+1) == "my"):
			out = append(out, ask{span{j, j + 1}, askKeep})
		case c&cPass != 0 && (clauseStart && !strings.HasSuffix(w, "ed") || d.w(j-1) == "please" ||
			d.findWord(st, j-4, j, "you", "you'd", "you'll") >= 0 && (!strings.HasSuffix(w, "ed") || d.findWord(st, max(d.clauseStart(j), j-4), j, "you", "you'd", "you'll") >= 0)) &&
			d.findWord(st, j+1, j+4, "my", "me", "it", "them", "name", "application", "resume", "cv", "details", "info", "along", "forward") >= 0:
			// not "…, passed it last week, and applied to the college's
			// apprenticeship program": the writer's own past, told
			// "could you pass it along", "mention my name", "connect me with"
			out = append(out, ask{span{j, j + 1}, askPass})
		case c&cOffer != 0 && (d.firstNear(st, j, 4) >= 0 || d.coordinatedWithWriter(st, j) || d.w(j-1) == "to" && d.is(j-2, cWish) && d.impliedWriter(st, j-2)) &&
			d.find(st, j-3, j, cModal|cWish) >= 0 && !d.takesAdvice(st, j):
			// "Happy to help with any grunt work": the writer understood before the wish
			out = append(out, ask{span{j, j + 1}, askOffer})
		case w == "be" && d.w(j-1) == "to" && (beingHired[d.w(j+1)] || d.w(j+1) == "considered") && d.firstNear(st, j, 8) >= 0:
			out = append(out, ask{span{j, j + 2}, askWish}) // "I'd be over the moon to be considered"
		case w == "mean" && (d.w(j-1) == "would" || d.w(j-1) == "'d") && (d.w(j+2) == "world" || d.w(j+2) == "lot" || d.w(j+2) == "great" || d.w(j+1) == "so"):
			out = append(out, ask{span{j - 1, j + 3}, askWish}) // "it would mean the world to…"
		case w == "be" && modalsOfOffer[d.w(j-1)] && d.firstNear(st, j, 3) >= 0 && !strings.HasSuffix(d.w(j+1), "ing"):
			// not "I'll be applying to Tartu this autumn", a plan told
			out = append(out, ask{span{j - 1, j + 1}, askOffer}) // "I could be an asset on your next dig" (with a target about the writer)
		case w == "available" && (d.w(j+1) == "for" || d.w(j+1) == "to") && d.firstNear(st, j, 8) >= 0:
			out = append(out, ask{span{j, j + 1}, askOffer}) // "I'll be … available for any shifts you can spare"
		case w == "help" && d.w(j+1) == "me":
			out = append(out, ask{span{j, j + 2}, askWish})
		case (w == "ask" || w == "asking") && d.w(j-1) != "to" && (d.w(j+1) == "whether" || d.w(j+1) == "if") && d.firstNear(st, j, 4) >= 0 && !d.negatedBetween(j, j):
			// "I'd also ask whether your unit ever lets new grads pick up
			// per-diem shifts": the writer's question put indirectly
			out = append(out, ask{span{j, j + 2}, askWish})
		case (w == "kindly" || w == "please") && d.findWord(st, j+1, j+3, pleaseVerbs...) >= 0:
			// "kindly consider my candidature", "please treat this letter as my
			// application": an imperative to the reader (not "please thank your recruiter")
			out = append(out, ask{span{j, j + 1}, askWish})
		case (w == "maybe" || w == "perhaps") && d.is(j+1, cSecond) && !st.question:
			out = append(out, ask{span{j, j + 2}, askWish}) // "maybe you have some vacancy for me": a hedged request
		case w == "feel" && d.w(j+1) == "free" && d.w(j+2) == "to" && (d.findWord(st, j+3, j+6, "my", "me") >= 0 || d.findWord(st, j+3, j+6, "it", "them") >= 0 && d.resumeNear(st)):
			// "feel free to share it with your associates if anything comes up", the CV named just before
			out = append(out, ask{span{j, j + 2}, askPass}) // "feel free to share my profile with whoever handles hiring"
		case w == "beg" && d.w(j+1) == "to" && d.firstNear(st, j, 2) >= 0:
			out = append(out, ask{span{j, j + 2}, askWish}) // "I beg to submit my candidature"
		case (w == "request" || w == "requesting") && (d.firstNear(st, j, 3) >= 0 || d.w(j-1) == "to") && j+1 < st.t1 &&
			(d.is(j+1, cSecond) || d.w(j+1) == "that"):
			out = append(out, ask{span{j, j + 1}, askWish}) // "I would request you to…"
		case w == "forward" && (d.w(j-1) == "look" || d.w(j-1) == "looking") && d.w(j+1) == "to" && d.firstNear(st, j, 3) >= 0:
			out = append(out, ask{span{j - 1, j + 2}, askWish}) // "I look forward to the possibility of joining your team"
		case w == "know" && (d.w(j+1) == "where" || d.w(j+1) == "how") && d.w(j+2) == "to" &&
			(d.w(j+3) == "find" || d.w(j+3) == "reach" || d.w(j+3) == "contact") && d.w(j+4) == "me":
			out = append(out, ask{span{j, j + 5}, askKeep}) // "if your group ever grows, you know where to find me"
		case (w == "keep" || w == "save" || w == "hold" || w == "reserve") && (clauseStart || leadWords[d.w(j-1)] || d.w(j-1) == "please" || d.w(j-1) == "just") && !st.question &&
			d.holdsPlace(st, j):
			out = append(out, ask{span{j, j + 1}, askWish}) // "keep a spot warm for me!": an imperative to the reader
		case w == "let" && d.w(j+1) == "me" && d.w(j+2) == "know":
			out = append(out, ask{span{j, j + 3}, askWish})
		case (w == "i'd" || w == "i'll" || w == "id" || c&cModal != 0 && d.is(j-1, cFirst)) && d.freeOfferAfter(st, j):
			out = append(out, ask{span{j, j + 1}, askOffer}) // "I'd carry gear on your next shoot for nothing"
		case w == "anything" && d.w(j-1) == "give" && d.w(j+1) == "to" && d.firstNear(st, j, 4) >= 0:
			out = append(out, ask{span{j - 1, j + 2}, askWish}) // "I'd give anything to earn a seat on your desk"
		case w == "would" && d.w(j+1) == "be" && d.findWord(st, j+2, j+5, "help", "amazing", "wonderful", "great", "appreciated", "godsend", "lifesaver", "incredible") >= 0 &&
			j > st.t0 && !d.is(j-1, cFirst|cSecond) && d.w(j-1) != "it" && d.w(j-1) != "that" && d.w(j-1) != "this":
			// "Any leads at your firm would be a huge help": what is asked, as the subject of the thanks
			out = append(out, ask{span{j, j + 2}, askWish})
		case w == "forget" && (d.w(j+1) == "me" || d.w(j+1) == "about" && d.w(j+2) == "me") && j > st.t0 && d.ch.isNegator(j-1):
			// "please don't forget me if anything comes up at the bank": keep me in mind
			out = append(out, ask{span{j - 1, j + 2}, askKeep})
		case w == "mind" && (d.w(j-1) == "wouldn't" || d.w(j-1) == "wouldnt" || d.w(j-1) == "not" && d.w(j-2) == "would") && d.firstNear(st, j, 3) >= 0:
			out = append(out, ask{span{j - 1, j + 1}, askWish}) // "I wouldn't mind a shot at one of your internships": a wish
		case (w == "shout" || w == "holler") && (clauseStart || d.w(j-1) == "just" || d.w(j-1) == "please" || d.w(j-1) == "a" && d.w(j-2) == "me" && d.w(j-3) == "give"):
			out = append(out, ask{span{j, j + 1}, askWish}) // "if your depot has anything, shout", "give me a shout": "let me know"
		case w == "reach" && d.w(j+1) == "out" && (d.w(j-1) == "please" || d.w(j-1) == "to" && (d.w(j-2) == "hesitate" || d.w(j-2) == "free")):
			out = append(out, ask{span{j, j + 2}, askWish}) // "please don't hesitate to reach out if a position opens": "let me know"
		}
	}
	// A condition decides how the sentence asks ("if a role opens up,
	// I'd be grateful…" hopes, softly); a question is the last resort.
	slices.SortStableFunc(out, func(x, y ask) int { return askRank[x.kind] - askRank[y.kind] })
	if st.question {
		out = append(out, ask{span{st.t0, st.t0 + 1}, askQuestion})
	}
	return out
}

// practiceAtYours reports whether the practice at k is done at the
// reader's place: "make practice in your laboratory".
func (d *detector) practiceAtYours(st sentence, k int) bool {
	for j := k + 1; j < min(st.t1, k+4); j++ {
		if prepositions[d.w(j)] && (d.w(j+1) == "your" || d.w(j+1) == "ur") {
			return true
		}
	}
	return false
}

// nominatedFor are what a reader may nominate the writer for at theirs.
var nominatedFor = wordSet(`fellowship fellowships program programme cohort award residency scholarship position role post`)

// nominatedAtYours returns where "for your … fellowship" ends after
// "nominate me" at k, or -1: the reader's own programme, not an award
// elsewhere ("nominated me for a regional prize" told as news is past).
func (d *detector) nominatedAtYours(st sentence, k int) int {
	if d.w(k) != "for" {
		return -1
	}
	your := false
	for j := k + 1; j < min(st.t1, k+6); j++ {
		if d.w(j) == "your" || d.w(j) == "ur" {
			your = true
		}
		if your && nominatedFor[d.w(j)] {
			return j
		}
	}
	return -1
}

// likewise reports whether the auxiliary at j is inverted after "so",
// "nor" or "neither" to say the same of something else ("…was
// eye-opening, and so was your description of peak season"): a statement,
// not a question typed without its mark.
func (d *detector) likewise(j int) bool {
	switch d.w(j - 1) {
	case "so":
		p := d.w(j - 2)
		return p == "and" || p == "but" || p == "as"
	case "nor", "neither":
		return true
	}
	return false
}

var askRank = [...]int{askCond: 0, askKeep: 1, askPass: 2, askApply: 3, askSeek: 4, askOffer: 5, askWish: 6, askQuestion: 7}

// takesAdvice reports whether the offer verb at j takes up the reader's
// advice rather than work: "I'll take up your suggestion", "I'll follow
// your tip".
func (d *detector) takesAdvice(st sentence, j int) bool {
	for x := j + 1; x < min(st.t1, j+5); x++ {
		switch d.w(x) {
		case "suggestion", "suggestions", "advice", "tip", "tips", "recommendation", "recommendations", "idea", "offer", "point":
			return true
		}
	}
	return false
}

// capitalized reports whether token k starts with a capital letter inside
// its sentence: a name ("at Brightwater").
func (d *detector) capitalized(k int) bool {
	if k < 0 || k >= len(d.a.toks) {
		return false
	}
	b := d.a.text[d.a.toks[k].start]
	return b >= 'A' && b <= 'Z' && d.a.sents[d.a.toks[k].sent].t0 != k
}

// barrierBetween reports whether a learning word or a wh-word stands
// between tokens i and k: "I'd love to hear how you got your first role".
// A second question joined after it ("…what the business side demands of
// you, and whether your pharmacy takes on locum cover") is the ask's own
// again when it is about the reader's place: the barrier governs only its
// own question ("…, and whether studios usually hire" is still the field).
func (d *detector) barrierBetween(i, k int) bool {
	lo, hi := min(i, k), max(i, k)
	seen := false
	for j := lo + 1; j < hi; j++ {
		switch {
		case d.cls[j]&cBarrier != 0:
			seen = true
		case seen && (d.w(j) == "whether" || d.w(j) == "if") && d.joinedAt(j) && d.readersPlaceAsked(j):
			seen = false
		case seen && (d.w(j) == "whether" || d.w(j) == "if") && d.w(j-1) == "about" && d.is(hi, cJob) && d.readersGroupIn(d.a.sents[d.a.toks[hi].sent], hi+1, hi+5):
			seen = false // "a chat about whether a secondment to your team might be an option": the place asked, not a topic
		}
	}
	return seen
}

// joinedAt reports whether the "if" or "whether" at j is joined by "and"
// or "also" to what comes before, past a filler: "…, and, honestly, if
// your team has anything open".
func (d *detector) joinedAt(j int) bool {
	x := j - 1
	for x > j-4 && (intensifiers[d.w(x)] && d.w(x) != "also" || d.w(x) == "frankly" || d.w(x) == "finally" || d.w(x) == "lastly") {
		x--
	}
	return d.w(x) == "and" || d.w(x) == "also" || d.w(x) == "plus"
}

// opinionVerbs ask what the reader thinks: "whether you think…".
var opinionVerbs = wordSet(`think thought believe feel reckon find expect see suppose imagine consider say know`)

// readersPlaceAsked reports whether the question joined at j ("and
// whether…") is about the reader's place ("whether your pharmacy takes on
// locums", "whether you take interns"), not the reader's view of the field
// ("whether you think the industry has room for newcomers"); a view of the
// reader's own place is still about it ("whether you think your team…").
func (d *detector) readersPlaceAsked(j int) bool {
	st := d.a.sents[d.a.toks[j].sent]
	x := d.find(st, j+1, j+3, cSecond)
	if x < 0 {
		return false
	}
	if fieldWords[d.w(x+1)] {
		return false // "and if your field has many openings": the field, not the reader's place
	}
	if w := d.w(x); w != "you" && w != "u" && w != "you'd" && w != "ya" {
		// "and whether, in your view, the field…" is still the reader's view
		return !(d.w(x-1) == "in" && (d.w(x+1) == "view" || d.w(x+1) == "opinion" || d.w(x+1) == "experience"))
	}
	v := x + 1
	for v < x+3 && (d.w(v) == "would" || d.w(v) == "might" || d.w(v) == "still" || d.w(v) == "really" || d.w(v) == "honestly" || d.w(v) == "personally") {
		v++
	}
	if !opinionVerbs[d.w(v)] {
		return true
	}
	return d.findWord(st, v+1, v+5, "your", "ur", "yours") >= 0
}

// negatedBetween reports whether a negation governs the target or the ask:
// a negator from a few words before the first of them up to the last, in
// their clauses. Offers such as "paid or not" and "without pay" keep theirs.
func (d *detector) negatedBetween(i, k int) bool {
	toks := d.a.toks
	lo, hi := min(i, k), max(i, k)
	for j := hi; j >= max(0, lo-6); j-- {
		if j < lo && toks[j].clause != toks[lo].clause {
			break
		}
		if toks[j].sent != toks[lo].sent {
			break
		}
		if d.w(j) == "too" && d.w(j+2) == "to" && j+2 <= hi {
			return true // "I'm too young to be hired anywhere": not asked
		}
		if !d.ch.isNegator(j) {
			continue
		}
		if n := d.w(j + 1); n == "pay" || n == "paid" || n == "matter" || d.w(j-1) == "or" {
			continue
		}
		if d.w(j+1) == "forget" && (d.w(j+2) == "me" || d.w(j+2) == "about") {
			continue // "don't forget me": remember me, no denial
		}
		return true
	}
	return d.ch.negatedThroughOr(lo)
}

// jobAskIn looks for a job ask in sentence st.
func (d *detector) jobAskIn(st sentence, buf []ask) (hit, bool) {
	var targets [8]struct {
		sp   span
		self bool
	}
	nt := 0
	for k := st.t0; k < st.t1 && nt < len(targets); k++ {
		if sp, self, ok := d.target(st, k); ok {
			targets[nt].sp, targets[nt].self = sp, self
			nt++
		}
	}
	if nt > 0 {
		d.targetAt[d.a.toks[st.t0].sent] = int32(targets[0].sp.t0)
	} else {
		d.targetAt[d.a.toks[st.t0].sent] = -1
	}
	if nt == 0 || d.generalQuestion(st) || d.ownMoveAsked(st) {
		return hit{}, false
	}
	asks := d.asks(st, buf[:0])
	if len(asks) == 0 {
		return hit{}, false
	}
	firstAt := d.find(st, st.t0, st.t1, cFirst)
	readerAt := d.find(st, st.t0, st.t1, cSecond)
	mused0, mused1 := -2, -2 // where fieldMused finds a field weighed, once asked
	for _, t := range targets[:nt] {
		for _, as := range asks {
			h := hit{target: t.sp, ask: as.sp, kind: as.kind, who: noSpan}
			j, k := as.sp.t0, t.sp.t0
			if as.kind == askQuestion {
				// A question asks from the auxiliary that opens its clause
				// ("Are you hiring?"), or from where the clause starts.
				cs := d.clauseStart(k)
				// How the writer gets onto the reader's list is still asked
				// for the writer: "how does someone like me get on your radar?"
				ownList := d.ownPlace(st, t.sp, t.self)
				if !ownList && (d.is(st.t0, cWh) || d.is(cs, cWh) || d.find(st, cs, k, cWh) >= 0 || d.is(d.questionOpener(st), cWh)) {
					continue // "how do people land…", "what do entry-level jobs look like"
				}
				if g := d.findWord(st, cs, k, "people", "folks", "most", "students", "graduates", "grads", "others", "they", "newcomers", "beginners"); g >= 0 && d.find(st, cs, min(st.t1, t.sp.t1+3), cFirst) < 0 &&
					!(d.w(g) == "they" && d.readersPlaceAfter(st, t.sp.t1)) {
					continue // "do most people in your field start in internships?"
				}
				if d.genericEmployerBefore(st, cs, k) >= 0 || d.fieldAsked(st, cs, k) {
					continue // "do firms in your field hire people like me?", "does your field have room for someone like me?": the field
				}
				if !t.self && d.find(st, cs, min(st.t1, t.sp.t1+3), cSecond|cFirst) < 0 && d.findWord(st, cs, min(st.t1, k+3), "any", "there") < 0 &&
					!d.stillOpen(st, t.sp) {
					continue // "do people post jobs?" asks about the field
				}
				j = cs
				for x := cs; x < k; x++ {
					if auxiliaries[d.w(x)] {
						j = x
						break
					}
				}
				if !t.self && st.question && pastAuxiliaries[d.w(j)] {
					continue // "Did your studio hire many juniors last year?" asks about the past
				}
				if j == cs && !auxiliaries[d.w(cs)] && d.questionTagAfter(st, k) {
					continue // "I've heard your firm hires through internships; is that typical?"
				}
				h.ask = span{j, j + 1}
			} else if k < j && d.a.toks[k].clause != d.a.toks[j].clause && (as.kind != askKeep && as.kind != askPass || d.a.toks[k].sent != d.a.toks[j].sent || t.sp.t1 < d.clauseStart(j)-8) &&
				!d.shortTold(t.sp) {
				continue // a wish governs what follows it: "I'd never ask for a job, I just want to learn"
			} else if j < k && as.kind != askCond && d.subjectBetween(j, k) {
				continue // "interested in research, and I've read that hiring…": another statement
			} else if k < j && as.kind == askWish && d.w(d.clauseStart(j)) != "if" && d.subjectBetween(t.sp.t1, j) && d.findWord(st, t.sp.t1, j, "and", "so") >= 0 &&
				d.findWord(st, j+1, min(st.t1, j+6), "it", "this", "that", "them") < 0 && !d.shortTold(t.sp) {
				continue // "I applied for a job at Acme last year and I'd love to hear…": a new statement
			} else if k < j && as.kind == askWish && d.learnsFromReader(st, j) {
				continue // "I'm exploring HR and would love to hear how you made that transition": the field named, then learning asked
			}
			if mused0 == -2 {
				mused0, mused1 = d.fieldMused(st)
			}
			if mused0 < k && k < mused1 && (j < mused1 || j == k) {
				continue // "I'm now wondering whether HR could suit me": the writer weighs a field, and asks the reader nothing
			}
			if d.barrierBetween(j, k) && !d.talkAboutJoining(j, t.sp) && !d.discussReadersNeed(j, t.sp) && !d.ownPlace(st, t.sp, t.self) && !d.placeForMe(st, t.sp) || d.negatedBetween(j, k) && !d.restoredBetween(k, j) {
				continue
			}
			if as.kind == askCond && k < j {
				continue // the condition must be about the target
			}
			if as.kind == askCond && d.condAtWritersPlace(st, j) {
				continue // "If a position opens at my school, I'll pass the posting to your students"
			}
			if as.kind == askCond && d.condLeadsIn(st, j, t.sp) {
				continue // "if your studio is recruiting, I'd love to hear how you run interviews"
			}
			if c := d.clauseStart(k); (d.w(c) == "if" || leadWords[d.w(c)] && d.w(c+1) == "if") && (d.answeredOtherwise(st, c) || d.condLeadsIn(st, c, t.sp) || d.favourNeeded(st, c)) {
				continue // "if your team needs an analyst, I'm not your man", "…, who decides?"
			}
			if as.kind == askCond && d.passesOn(st, j) {
				continue // "if your team is looking for speakers, I'd be glad to pass that along"
			}
			if as.kind == askOffer && d.w(as.sp.t1-1) == "be" && !t.self {
				continue // "I could be …" offers the writer only as what the target says they are
			}
			switch {
			case t.self:
				h.who = t.sp
			case firstAt >= 0:
				h.who = span{firstAt, firstAt + 1}
				if f := d.nearest(st, k, cFirst); f >= 0 {
					h.who = span{f, f + 1}
				}
			case (as.kind == askQuestion || as.kind == askCond) && readerAt >= 0:
				// "Are you hiring?": the writer is the one who would gain.
			case as.kind == askQuestion && (d.namedPlaceAsked(st, t.sp) || d.namedPlaceHas(st, t.sp)):
				// "quick chat and any junior roles at Brightwell?": the reader's company by its name
			case as.kind == askQuestion && d.stillOpen(st, t.sp):
				// "Is the junior designer post still open?": asked for the writer.
			case as.kind == askQuestion && auxiliaries[d.w(st.t0)] && d.w(st.t0+1) == "the" && takingVerbs[d.w(k)] && d.findWord(st, k, min(st.t1, k+3), "any", "on") >= 0:
				// "Is the yard taking on any electronics techs for the spring season?": the reader's place as "the yard"
			case as.kind == askWish && d.wishedGerund(st, t.sp.t0) == as.sp.t0:
				// "Working at your agency would be a dream": the writer's wish.
			case as.kind == askWish && d.impliedWriter(st, as.sp.t0):
				// "hoping this turns into a spot on your team": the wish is the writer's.
			case (as.kind == askCond || as.kind == askWish) && d.imperativeToReader(st):
				// "Please don't hesitate to reach out if a position opens": the reader told, the writer served.
			case as.kind == askWish && d.w(as.sp.t0) == "would" && k < j:
				// "Any leads at your firm would be a huge help": asked by the writer as its subject.
			case as.kind == askOffer && d.find(st, st.t0, j, cModal|cWish) >= 0 && d.impliedWriter(st, d.find(st, st.t0, j, cModal|cWish)):
				// "Happy to help with any grunt work in exchange for experience": the writer understood.
			default:
				continue
			}
			if (as.kind == askWish || as.kind == askSeek) && !t.self && !d.linkedToReader(st, k) && !d.namedOpening(as, t.sp) && !d.groupNamedBefore(st, t.sp) &&
				!(k < j && t.sp.t0 <= st.t0+1 && (d.w(st.t0) == "any" || d.w(j) == "would" || d.w(j+1) == "mean")) && // "Any job leads would mean the world to me"
				d.w(as.sp.t0) != "kindly" && d.w(as.sp.t0) != "please" && // "kindly assist with attachment opportunity": an imperative to the reader

				!((offerMarks[d.w(t.sp.t1-1)] || bidWords[d.w(t.sp.t1-1)]) && readerAt >= 0) {
				// Work offered to a reader named in the sentence asks of them:
				// "you outsource some copy; I'd welcome the chance to pitch for any overflow".
				continue // "I'm hoping to land an internship next summer" is a plan, not an ask of them
			}
			if f := d.familyAt(st, k); f > st.t0 && !t.self {
				h.who = span{f - 1, f + 1} // "Could my daughter intern at your studio?": for "my daughter"
			}
			if h.soft() && directWords[d.w(t.sp.t0)] {
				h.kind = askWish // "I'd be grateful if you would consider me" asks outright
			}
			return h, true
		}
	}
	return hit{}, false
}

// learnsFromReader reports whether the wish at j asks to learn the
// reader's own story: a learning word, a wh-word and the reader as its
// subject close after it ("would love to hear how you made that
// transition", "I'd like to understand what your days look like"). A field
// or a job named before such a wish is its topic, not the thing wished.
func (d *detector) learnsFromReader(st sentence, j int) bool {
	for x := j + 1; x < min(st.t1, j+5); x++ {
		if !d.is(x, cBarrier) || d.is(x, cWh) {
			continue
		}
		for y := x + 1; y < min(st.t1, x+3); y++ {
			if d.is(y, cWh) || d.w(y) == "about" {
				return d.findWord(st, y+1, min(st.t1, y+3), "you", "your", "you've", "you'd") >= 0
			}
		}
	}
	return false
}

// fieldMused finds the writer wondering whether a line of work would
// suit them ("I find myself wondering whether museum work could become a
// second career", "wondering whether HR could suit me", "I first want to
// know whether the switch suits someone like me"): a verb of weighing
// ("wonder", "know", "figure out", "decide", "sure") and "whether" or
// "if", then a verb of fit or becoming, with a modal or in the present.
// It returns the span from "whether" to the verb, where the field is
// named, and on to the writer when the writer is what it would suit
// ("suits me", "suits someone like me"); or (-1, -1). The reader may not
// be in it; a post or a place named with "the", "this" or "any" stays an
// ask ("whether the opening could suit me") unless it is a move or a line
// of work ("the switch", "this path"), and so does a place that could
// take the writer on ("I wonder whether there'd be room for me" has no
// verb of fit).
func (d *detector) fieldMused(st sentence) (int, int) {
	for j := st.t0; j < st.t1-3; j++ {
		if !musingVerbs[d.w(j)] {
			continue
		}
		if d.w(j) == "sure" && d.w(j-1) != "not" && d.w(j-1) != "unsure" && d.w(j-2) != "not" {
			continue // "make sure", "I'm sure": no weighing
		}
		w0 := j + 1
		if d.w(w0) == "out" {
			w0++ // "figure out whether", "work out if"
		}
		if w := d.w(w0); w != "whether" && w != "if" {
			continue
		}
		verb, modal := -1, false
	subject:
		for x := w0 + 1; x < min(st.t1-1, w0+8); x++ {
			w := d.w(x)
			switch {
			case d.is(x, cSecond):
				break subject
			case w == "the" || w == "this" || w == "that" || w == "these" || w == "those" || w == "any" || w == "one":
				if !moveWords[d.w(x+1)] && !(d.w(x+1) == "kind" && d.w(x+2) == "of") {
					break subject // a post or a place named: "whether the opening could suit me"
				}
			case w == "there" || w == "i":
				break subject // a place or the writer named
			case fitVerbs[w]:
				verb = x // "the switch suits me", "this path fits someone like me"
				break subject
			case w == "could" || w == "might" || w == "would" || w == "can" || w == "will":
				if !d.is(x, cModal) {
					break subject
				}
				switch d.w(x + 1) {
				case "suit", "become", "fit":
					verb, modal = x+1, true
				case "be":
					if d.w(x+2) == "for" && d.w(x+3) == "me" || d.w(x+2) == "right" || d.w(x+2) == "my" {
						verb, modal = x+1, true
					}
				}
				break subject
			}
		}
		if verb < 0 {
			continue
		}
		// With a modal the span ends at it, as the field is named before it
		// ("whether HR could suit me"); in the present, at the verb.
		end, writer := verb, false
		if modal {
			end = verb - 1
		}
		// The writer as what it would suit: "me", "someone like me",
		// "people like me", "my background".
		for x := verb + 1; x < min(st.t1, verb+5); x++ {
			if d.is(x, cSecond) {
				break
			}
			if d.is(x, cFirst) {
				end, writer = x+1, true
				break
			}
		}
		if !modal && !writer {
			continue // a present verb of fit with no writer after it: "whether the role fits"
		}
		return w0, end
	}
	return -1, -1
}

// musingVerbs weigh a question for oneself: "wondering whether", "want to
// know if", "figure out whether", "not sure if".
var musingVerbs = wordSet(`wonder wondering wondered know figure figuring decide deciding sure unsure work working see seeing gauge test testing`)

// moveWords name a change of career or a line of work, not a post: "the
// switch", "this path", "the field".
var moveWords = wordSet(`switch move change transition jump shift pivot career path field work line profession industry route leap life lifestyle sector trade world side`)

// fitVerbs are verbs of fit in the present: "whether the switch suits me".
var fitVerbs = wordSet(`suits fits suit fit`)

// readersPlaceAfter reports whether the reader's place follows token k
// closely ("at ur hospital", "in your unit"): "they" asked about before
// it are the reader's employer ("r they hiring CNAs at ur hospital rn?"),
// not people in the field ("do they hire juniors in your field?").
func (d *detector) readersPlaceAfter(st sentence, k int) bool {
	for j := k; j < min(st.t1, k+4); j++ {
		if (d.w(j) == "at" || d.w(j) == "in" || d.w(j) == "on" || d.w(j) == "for") && (d.w(j+1) == "your" || d.w(j+1) == "ur") &&
			j+2 < st.t1 && !fieldWords[d.w(j+2)] {
			return true
		}
	}
	return false
}

// pastAuxiliaries open a question about what happened.
var pastAuxiliaries = wordSet(`did was were had didn't wasn't weren't`)

// questionTagAfter reports whether a later clause of st asks about what
// was said before it: "…; is that typical?", "…, does that sound right?".
func (d *detector) questionTagAfter(st sentence, k int) bool {
	toks := d.a.toks
	for x := k + 1; x < st.t1-1; x++ {
		if toks[x].clause != toks[x-1].clause && auxiliaries[d.w(x)] {
			switch d.w(x + 1) {
			case "that", "this", "it":
				return true
			}
		}
	}
	return false
}

// ownPlace reports whether target t puts the writer in a place of the
// reader's: "your apprentice", "on your radar". Learning words and wh-words
// do not make it a topic: "how does someone like me get on your radar?".
func (d *detector) ownPlace(st sentence, t span, self bool) bool {
	if self && d.findWord(st, t.t0, t.t1, "your", "ur") >= 0 {
		return true
	}
	// "what it would take for me to get a seat on your team": the writer's
	// own way in, asked with what.
	for g := max(st.t0+2, t.t0-4); g < t.t0; g++ {
		if getVerbs[d.w(g)] && d.w(g-1) == "to" && d.w(g-2) == "me" && d.findWord(st, t.t0, t.t1+4, "your", "ur") >= 0 {
			return true
		}
	}
	// "what would it take for you to hire someone like me?", "what would
	// it take for someone like me to get hired at your firm?": the price
	// of the writer's way in, asked of the reader; not "what does it take
	// for someone like me to break into the field?"
	for x := max(st.t0+2, t.t0-8); x < t.t0; x++ {
		if (d.w(x) == "take" || d.w(x) == "takes") && d.w(x-1) == "it" && d.findWord(st, x-4, x-1, "what") >= 0 &&
			(d.find(st, x+1, t.t0, cSecond) >= 0 || d.findWord(st, t.t0, min(st.t1, t.t1+4), "your", "ur") >= 0) &&
			(self || d.find(st, x+1, min(st.t1, t.t1+4), cFirst) >= 0) {
			return true
		}
	}
	return false
}

// condLeadsIn reports whether the condition at j only leads into a
// request to learn: what follows its clause wants to hear or learn how,
// what or why, and the target is in the condition.
func (d *detector) condLeadsIn(st sentence, j int, t span) bool {
	toks := d.a.toks
	end := j + 1
	for end < st.t1 && toks[end].clause == toks[j].clause {
		end++
	}
	if t.t0 >= end {
		return false // the target is in the main clause: "if you can, I'd love a spot on your team"
	}
	for k := end; k+1 < st.t1; k++ {
		if d.is(k, cBarrier) && !d.is(k, cWh) && d.is(k+1, cWh) {
			return true // "hear how", "learn what"
		}
	}
	return false
}

// passesOn reports whether the clause after the condition at j has the
// writer pass something on ("I'd be glad to pass that along"), which
// answers a need with a favour, not with work.
func (d *detector) passesOn(st sentence, j int) bool {
	toks := d.a.toks
	for k := j + 1; k < st.t1-1; k++ {
		if toks[k].clause != toks[j].clause && d.is(k, cSend|cPass) && !d.is(k, cOffer) {
			switch d.w(k + 1) {
			case "that", "it", "this", "them", "along", "on":
				return true
			case "the":
				if d.w(k+2) == "word" || d.w(k+2) == "call" || d.w(k+2) == "news" {
					return true // "I'd be happy to pass the word to the organisers"
				}
			}
		}
	}
	return false
}

// questionOpener returns the word that opens the main question of st: the
// first auxiliary or wh-word at the start of a clause, past lead-ins such
// as "When you were hiring your first employee, what surprised you?"; -1
// if none.
func (d *detector) questionOpener(st sentence) int {
	for x := st.t0; x < st.t1; x++ {
		if x > st.t0 && d.a.toks[x-1].clause == d.a.toks[x].clause && !leadWords[d.w(x-1)] {
			continue
		}
		switch w := d.w(x); {
		case subordinators[w]:
			continue
		case auxiliaries[w] || d.is(x, cWh):
			return x
		}
	}
	return -1
}

// generalQuestion reports whether st asks how or why others do or did
// things, or what the field was like: "How do employee referrals usually
// work at firms like yours?", "Why does your company take on so many
// juniors like me?", "Was there room for people like me twenty years
// ago?". Nothing is asked for the writer. "How do I…" and "how do you…"
// stay open to the other readings.
func (d *detector) generalQuestion(st sentence) bool {
	if !st.question {
		return false
	}
	o := d.questionOpener(st)
	if o < 0 {
		return false
	}
	switch d.w(o) {
	case "why", "how":
		switch d.w(o + 1) {
		case "do", "does", "did", "was", "were", "is", "are", "has", "have":
			s := d.w(o + 2)
			return !d.is(o+2, cFirst) && s != "you" && s != "u" && s != "ya" && d.find(st, o+2, o+5, cFirst) < 0
		}
	case "was", "were":
		return d.w(o+1) == "there" && d.findWord(st, o+2, st.t1, "ago", "then", "back") >= 0
	}
	return false
}

// ownMoveAsked reports whether st asks advice on the writer's own next
// step, with no word of the reader's place in it: "Should I attach my CV
// when I apply through the portal?", "Do I need to send my CV with the
// application form?". Not "Should I apply to your team?".
func (d *detector) ownMoveAsked(st sentence) bool {
	if !st.question || st.t1-st.t0 < 3 {
		return false
	}
	o := d.questionOpener(st)
	if o < 0 {
		o = st.t0
	}
	switch d.w(o) {
	case "should", "shall", "must", "do":
	default:
		return false
	}
	if d.w(o+1) != "i" || d.w(o) == "do" && d.w(o+2) != "need" && d.w(o+2) != "have" {
		return false
	}
	for x := st.t0; x < st.t1; x++ {
		if d.is(x, cSecond) || d.capitalized(x) && x > o+1 && !d.is(x, cResume|cFirst) || d.w(x) == "there" || d.w(x) == "yours" {
			return false // the reader, their place by name, or "should I go there"
		}
	}
	return true
}

// subordinators open a lead-in clause before the main question.
var subordinators = wordSet(`when while since as after before once if though although because`)

// impliedWriter reports whether the wish at j has no subject, as in notes
// typed fast ("low-key hoping…", "Would love to…"): it is the writer's.
func (d *detector) impliedWriter(st sentence, j int) bool {
	cs := d.clauseStart(j)
	if cs < st.t0 {
		cs = st.t0
	}
	return j-cs <= 3 && d.find(st, cs, j, cSecond|cFirst) < 0 && d.findWord(st, cs, j, "he", "she", "they", "it", "this", "that") < 0
}

// directWords open a target that asks outright even inside a condition.
var directWords = wordSet(`consider considered considering consideration hire recruit employ recommend get`)

// subjectBetween reports whether a new first-person subject starts between
// tokens j and k ("…, and I've read that…").
func (d *detector) subjectBetween(j, k int) bool {
	for x := j + 1; x < k; x++ {
		switch d.w(x) {
		case "i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've", "im", "ive":
			return true
		}
	}
	return false
}

// availableIfNeeded finds the writer's availability offered on a condition
// about the reader's need: "If your module ends up short a body this
// summer, I can be on the road within the hour", "should your practice
// ever deepen its bench, I'd be first in line", "I'm available if you ever
// have overflow". The condition names the reader (you, your team) and a
// need (short, need, a person, work to hand off, growing); the rest of the
// sentence has the writer ready, glad or able. Neither part may be about
// the conversation itself ("if your schedule is full, I'm glad to call
// instead").
func (d *detector) availableIfNeeded(st sentence) (hit, bool) {
	for j := st.t0; j < st.t1; j++ {
		end, need, ok := d.needCondition(st, j)
		if !ok {
			continue
		}
		if e := d.findWord(st, st.t0, st.t1, eventWords...); e >= 0 && d.w(e+1) != "away" && d.w(e+2) != "away" || d.findWord(st, st.t0, st.t1, gatherings...) >= 0 {
			return hit{}, false // "glad to lend a hand with the alumni panel if you need volunteers"; not "a phone call away"
		}
		if d.otherPutForward(st) {
			return hit{}, false // "if your team ever needs an illustrator, my classmate Jo would be perfect"
		}
		// The writer, ready or glad, elsewhere in the sentence; a condition
		// joined by "and" after a question about the field starts its own
		// ask ("I'd love to hear how you came to the field, and, honestly,
		// if your team has anything open for a junior researcher, I'd be
		// glad to know").
		from := st.t0
		if j > st.t0 && d.joinedAt(j) {
			from = j
		}
		who, ready := -1, -1
		for k := from; k < st.t1; k++ {
			if k >= j && k < end {
				continue
			}
			x := d.w(k)
			if m := d.handedToWriter(st, k); m >= 0 {
				// "if you have too many texts, maybe you can pass some to me"
				who, ready = m, k
				break
			}
			if x == "minutes" && d.findWord(st, k-3, k, "in", "within") >= 0 && d.findWord(st, k-6, k, "there", "over", "on-site", "onsite") >= 0 {
				continue // "I can be there in twenty minutes": how fast the writer arrives
			}
			if d.personAt(k) && d.findWord(st, k-4, k, "as") >= 0 && d.findWord(st, k-3, k, "a", "an", "extra", "another", "spare") >= 0 {
				continue // "as a seasonal hand": a person, not a verb that hands something over
			}
			if x == "away" && d.findWord(st, k-3, k, "call", "text", "message", "drive", "walk", "ride", "minutes") >= 0 && d.firstNear(st, k, 6) >= 0 {
				if ready < 0 {
					ready = k // "I'm a phone call away", "ten minutes away"
				}
				continue
			}
			if meetingWords[x] && (d.w(k+1) == "away" || d.w(k+2) == "away") {
				continue // "a phone call away": how near the writer is
			}
			if meetingWords[x] || thanksWords[x] || d.ch.isNegator(k) || d.is(k, cBarrier) && !d.discussesPay(k) || d.is(k, cSend|cPass) && !d.is(k, cOffer) {
				return hit{}, false // "…, I'd love to hear what you pick"
			}
			if who < 0 && d.is(k, cFirst) {
				who = k
			}
			if m := d.writerAsWorker(st, k); m >= 0 {
				// "I'm your man", "happy to be your next junior", "I'm around", "count me in"
				if who < 0 {
					who = m
				}
				if ready < 0 {
					ready = k
				}
			}
			// A modal before "you" is the reader's ("could you tell me if…"): it asks, it offers nothing.
			if ready < 0 && (readyWords[x] || d.is(k, cWish) && !thanksWords[x] || modalsOfOffer[x] && !d.is(k+1, cSecond)) {
				ready = k
			}
		}
		if who < 0 && ready >= 0 && ready < j && d.impliedWriter(st, ready) {
			who = ready // "Happy to work weekends if your shop ever gets busy": the writer, unsaid
		}
		if who < 0 || ready < 0 {
			continue
		}
		if d.companionIn(j, end) {
			continue // "if you ever need a hiking buddy, I'm your man"
		}
		return hit{target: span{need, need + 1}, ask: span{j, j + 1}, who: span{who, who + 1}, kind: askCond}, true
	}
	return hit{}, false
}

// writersPeople are people of the writer's put forward in the writer's
// place: "my friend", "my classmate".
var writersPeople = wordSet(`friend friends cousin cousins colleague colleagues classmate classmates sister brother partner
	roommate flatmate mentee student students daughter son wife husband niece nephew neighbour neighbor`)

// otherPutForward reports whether sentence st puts someone else forward
// for a need: "my classmate Jo would be perfect", "I know a guy from my
// cohort who'd be great".
func (d *detector) otherPutForward(st sentence) bool {
	for k := st.t0; k < st.t1; k++ {
		if d.w(k) == "my" && writersPeople[d.w(k+1)] || d.w(k) == "know" && d.otherPersonKnown(st, k) {
			return true
		}
	}
	return false
}

// otherPersonKnown reports whether "know" at k puts someone else forward:
// "I know a guy from my cohort who'd be great"; a sentence that stops at
// the person ("I know a guy.") is the writer's joke about themself.
func (d *detector) otherPersonKnown(st sentence, k int) bool {
	p := d.findWord(st, k+1, k+4, "guy", "gal", "someone", "somebody", "person", "people", "folks", "one")
	return p >= 0 && (p+1 < st.t1 || p-k >= 3 && d.w(k+1) != "just") // "I know a great one." is someone else too
}

// needCondition reports whether a condition opens at token j of st ("if",
// "should", "whenever", "in case") that names the reader (you, your team)
// and a need of theirs (short, need, looking, hiring, a person, work to
// hand off, growing), not the conversation ("whenever you're free") nor the
// writer's own ("if I can help"), and not negated. It returns where the
// condition's clause ends and the need word.
func (d *detector) needCondition(st sentence, j int) (end, need int, ok bool) {
	toks := d.a.toks
	w := d.w(j)
	if !(w == "if" || w == "should" && (j == st.t0 || toks[j-1].clause != toks[j].clause || leadWords[d.w(j-1)]) ||
		w == "whenever" || w == "case" && d.w(j-1) == "in") {
		return 0, -1, false
	}
	// The condition runs to the end of its clause.
	end = j + 1
	for end < st.t1 && toks[end].clause == toks[j].clause {
		end++
	}
	reader, meeting := false, false
	need = -1
	for k := j + 1; k < end; k++ {
		x := d.w(k)
		switch {
		case (x == "time" || x == "times") && d.seasonTime(k):
			// "short at silage time", "at busy times": a season of the work, not the call
		case x == "schedule" && (d.w(k-1) == "on" || d.w(k-1) == "behind" || d.w(k-1) == "ahead"):
			// "an ops guy who keeps convoys on schedule": the work, not the call
		case need >= 0 && (weekdays[x] || x == "weekend" || x == "day" || x == "days" || x == "morning" || x == "evening" || x == "afternoon"):
			// "a body short on a Friday": when the reader is short, not when to talk
		case meetingWords[x] || d.meansAvailable(k) || d.meansConvenient(j, k):
			meeting = true // "whenever you're free", "whenever suits your shifts": about the conversation
		case d.is(k, cFirst):
			meeting = true // "if I can help": the writer's condition, not the reader's need
		case (d.is(k, cSecond) || d.is(k, cOrg)) && !fieldWords[d.w(k+1)]:
			reader = true // not "if your field has openings"
		case k <= j+2 && d.capitalized(k) && x != "i" && (k == j+1 || d.w(k-1) == "ever"):
			// "if Garrison ever needs an ops guy": the reader's company by its name
			reader = true
		case x == "there" && k <= j+2 && d.roomForOneMore(k, end):
			// "if there were ever space for one more": the reader's team, understood
			reader = true
			if need < 0 {
				need = k
			}
		}
		if (x == "much" || x == "many") && d.w(k-1) == "too" && need < 0 {
			need = k // "if you ever have too many texts"
		}
		if x == "stuck" && d.w(k+1) == "for" && need < 0 {
			for p := k + 2; p < min(end, k+6); p++ {
				if needWords[d.w(p)] || d.personAt(p) {
					need = k // "if you're ever stuck for a sub", not "stuck for a restaurant recommendation"
					break
				}
			}
		}
		if (x == "anything" || x == "something") && needWords[d.w(k-1)] {
			meeting = true // "if you need anything": a courtesy
		}
		if x == "help" && (d.is(k-1, cModal) || d.w(k-1) == "to" || d.is(k+1, cSecond)) {
			continue // "if that would help you decide": help done, not a helper needed
		}
		if need < 0 && (needWords[x] || engagements[x] && d.owner(k) != "my" || d.is(k, cJob|cHire) && !d.readerFeelsAbout(st, k) || offerMarks[x] || listWords[x] || roomWords[x] && x != "room" || d.personAt(k) && !d.is(k, cSecond|cFirst) && !d.capitalized(k)) {
			need = k
		}
	}
	if !reader || need < 0 || meeting || d.negatedBetween(j, end-1) {
		return 0, -1, false
	}
	return end, need, true
}

// answeredOtherwise reports whether the clause after the condition at j
// denies the writer ("if your team needs an analyst, I'm not your man") or
// asks a wh-question ("if your team needs someone, who decides?").
func (d *detector) answeredOtherwise(st sentence, j int) bool {
	toks := d.a.toks
	end := j + 1
	for end < st.t1 && toks[end].clause == toks[j].clause {
		end++
	}
	if end >= st.t1 {
		return false
	}
	if st.question && (d.is(end, cWh) || d.w(end) == "who" || d.w(end) == "whom" || d.w(end) == "when") {
		return true
	}
	for k := end; k < st.t1 && toks[k].clause == toks[end].clause; k++ {
		if d.ch.isNegator(k) && d.findWord(st, k+1, k+3, "hesitate", "wait") < 0 {
			return true
		}
	}
	return false
}

// companions are needs that are no work: "if you ever need a hiking
// buddy", "a second opinion on a draft" (a favour). Not "another pair of
// eyes on the grant reports, I'd jump at it", which is work.
var companions = wordSet(`buddy buddies friend friends company ride lift roommate roommates opinion opinions feedback
	perspective advice input`)

// favourNeeded reports whether the condition at j needs a favour or a
// companion, no worker: "if your team ever needs an extra set of eyes on a
// draft".
func (d *detector) favourNeeded(st sentence, j int) bool {
	end := j + 1
	for end < st.t1 && d.a.toks[end].clause == d.a.toks[j].clause {
		end++
	}
	return d.companionIn(j, end)
}

func (d *detector) companionIn(from, to int) bool {
	for k := from; k < to; k++ {
		if companions[d.w(k)] {
			return true
		}
	}
	return false
}

// namedPlaceAsked reports whether the target t is asked for as something
// there is, at a company named by its name: "any junior roles at
// Brightwell?", "are there any openings at Garrison Freight?". The
// message goes to someone there; "are junior roles at Deloitte
// competitive?" asks about them, not for one.
func (d *detector) namedPlaceAsked(st sentence, t span) bool {
	if !st.question || d.w(t.t1) != "at" || !d.capitalized(t.t1+1) || d.is(t.t1+1, cFirst) {
		return false
	}
	a := d.findWord(st, max(st.t0, t.t0-3), t.t0, "any")
	return a >= 0 && !d.barrierBetween(st.t0-1, a)
}

// namedPlaceHas reports whether the target t is asked for as something a
// company named by its name has: "does Brightwell have any junior roles?".
func (d *detector) namedPlaceHas(st sentence, t span) bool {
	a := d.findWord(st, max(st.t0, t.t0-3), t.t0, "any")
	if !st.question || a < 0 || d.w(a-1) != "have" && d.w(a-1) != "has" || !d.capitalized(a-2) || d.is(a-2, cFirst) {
		return false
	}
	x := d.findWord(st, max(st.t0, a-5), a-2, "does", "do", "would", "will")
	return x >= 0 && (x == st.t0 || leadWords[d.w(x-1)]) && !d.barrierBetween(st.t0-1, x)
}

// genericEmployerBefore returns where employers in general are the
// subject between from and k ("do firms in your field hire…"), not the
// reader's ("do firms like yours…" is still general; "does your firm…"
// has no plural), or -1.
func (d *detector) genericEmployerBefore(st sentence, from, k int) int {
	for x := from; x < k; x++ {
		if genericEmployers[d.w(x)] && d.w(x-1) != "your" && d.w(x-1) != "ur" && !d.is(x-1, cFirst) {
			return x
		}
	}
	return -1
}

// shouldIAsk reports whether the verb at j is asked about as the writer's
// own choice: "should I bring…", "do I need to bring…", "shall I take…".
func (d *detector) shouldIAsk(st sentence, j int) bool {
	i := d.findWord(st, max(st.t0, j-4), j, "i")
	if i < 0 || d.findWord(st, max(st.t0, i-2), i, "should", "shall", "do", "must") < 0 {
		return false
	}
	return i == j-1 || d.w(i+1) == "need" || d.w(i+1) == "have" || d.w(i+1) == "ought"
}

// notToReader reports whether the resume at k, handed over by the verb at
// j, goes to no one named as the reader: "bring my CV along to the
// interview", "attach my CV when I apply"; not "send you my resume",
// "send my resume over", "bring my CV for you".
func (d *detector) notToReader(st sentence, j, k int) bool {
	if bw := d.w(j); bw == "bring" || bw == "take" {
		return true // brought or taken along: to a meeting, as before
	}
	for x := j + 1; x < min(st.t1, k+7); x++ {
		if d.is(x, cSecond) || d.w(x) == "over" || d.w(x) == "across" || d.w(x) == "through" && x == k+1 {
			return false
		}
	}
	return true
}

// isHeldPlace reports whether w is a place on a team that may be held or
// earned: "keep a spot warm for me", "earn a place". (A switch: target
// asks it of every word.)
func isHeldPlace(w string) bool {
	switch w {
	case "spot", "place", "seat", "desk", "slot", "berth", "chair":
		return true
	}
	return false
}

// contests are places won that are no job: "a spot in the finals".
var contests = wordSet(`final finals playoffs playoff tournament race competition team's squad university college school
	program programme course class cohort conference panel lineup line-up`)

// otherContest reports whether the place at k is in a contest, a school or
// an event ("earn a spot in the finals"), not on the reader's team.
func (d *detector) otherContest(st sentence, k int) bool {
	for j := k + 1; j < min(st.t1, k+5); j++ {
		if contests[d.w(j)] || slices.Contains(eventWords, d.w(j)) || meetingWords[d.w(j)] {
			return true
		}
	}
	return slices.Contains(gatherings, d.w(k+2)) || slices.Contains(gatherings, d.w(k+3))
}

// heldForMe reports where a verb holds the place at k for the writer
// ("keep a spot warm for me", "save me a place", "hold a seat for me on
// your crew"), or -1; not a seat at an event or a meal ("save me a seat
// at the panel", "keep a place for me at lunch").
func (d *detector) heldForMe(st sentence, k int) int {
	v := -1
	for j := k - 1; j >= max(st.t0, k-3); j-- {
		switch d.w(j) {
		case "keep", "save", "hold", "reserve", "keeping", "saving", "holding":
			v = j
		}
		if v >= 0 {
			break
		}
	}
	if v < 0 {
		return -1
	}
	forMe := d.w(v+1) == "me"
	for j := k + 1; !forMe && j < min(st.t1, k+3); j++ {
		if d.w(j) == "for" && d.w(j+1) == "me" {
			forMe = true
		}
	}
	if !forMe || d.otherContest(st, k) || d.negatedBetween(v, k) {
		return -1
	}
	for j := k + 1; j < st.t1; j++ {
		if broughtTo[d.w(j)] || meetingWords[d.w(j)] || slices.Contains(eventWords, d.w(j)) || slices.Contains(gatherings, d.w(j)) ||
			d.w(j) == "table" && d.w(j-1) != "the" {
			return -1 // "keep a chair for me at the talk on Thursday"
		}
	}
	return v
}

// holdsPlace reports whether the verb at j holds a place for the writer:
// "keep a spot warm for me".
func (d *detector) holdsPlace(st sentence, j int) bool {
	for k := j + 1; k < min(st.t1, j+4); k++ {
		if isHeldPlace(d.w(k)) && d.heldForMe(st, k) == j {
			return true
		}
	}
	return false
}

// appliedWithResume finds the writer's application told with their resume
// handed over in the same sentence or the next: "I've just submitted an
// application for the analyst program at Whitmore & Kane, so I'm eager to
// learn more; my résumé is linked here". The resume goes with the
// application, so the message asks the reader to weigh it. An application
// to a school, one settled ("…and was accepted"), someone else's, or
// denied asks nothing.
func (d *detector) appliedWithResume(s int) (hit, bool) {
	st := d.a.sents[s]
	if st.question {
		return hit{}, false
	}
	for k := st.t0; k < st.t1; k++ {
		switch d.w(k) {
		case "applied", "application", "applying", "candidacy":
		default:
			continue
		}
		f := d.firstNear(st, k, 6)
		if f < 0 || d.negatedBetween(f, k) || d.applicationSettled(st, k) || d.takesAdvice(st, k) ||
			d.appliesToSchool(st, k) && !d.jobProgram(st, k) || d.barrierBetween(f, k) || d.degreeAfter(st, k) {
			continue
		}
		if d.w(k) == "applying" && d.findWord(st, k-3, k, "thinking", "considering", "planning", "plan", "might", "may") >= 0 {
			continue // "I'm thinking of applying": a plan told
		}
		if credentials[d.w(k-1)] {
			continue // "I finished my CEng application": a credential applied for, not a post
		}
		for _, x := range []int{s, s + 1} {
			if x >= len(d.a.sents) {
				break
			}
			if r, ok := d.resumeIn(d.a.sents[x]); ok && r.ask.t0 >= 0 && !d.ch.invited(r.ask.t0) {
				return hit{target: span{k, k + 1}, ask: r.ask, who: span{f, f + 1}}, true
			}
		}
	}
	return hit{}, false
}

// jobProgram reports whether the program the writer applied to at k is a
// job's, named by who it trains ("the analyst program", "the engineer
// programme"), not a school's.
func (d *detector) jobProgram(st sentence, k int) bool {
	for j := k + 1; j < min(st.t1, k+9); j++ {
		if d.is(j, cSchool) {
			return j > k+1 && (isPersonNoun(d.w(j-1)) || jobPrograms[d.w(j-1)]) && !d.is(j-1, cSchool)
		}
	}
	return false
}

// jobPrograms name a program an employer runs to hire: "the analyst
// program", "the rotational programme".
var jobPrograms = wordSet(`analyst analysts associate associates engineering management leadership rotational trainee
	banking sales apprentice`)

// degreeAfter reports whether a degree follows the application at k: "I
// applied to the MSc at Leeds".
func (d *detector) degreeAfter(st sentence, k int) bool {
	for j := k + 1; j < min(st.t1, k+5); j++ {
		if degrees[d.w(j)] {
			return true
		}
	}
	return false
}

// degrees are schools by their abbreviation: "the MSc at Leeds".
var degrees = wordSet(`msc bsc ba ma ms mba llm jd md mphil dphil mfa phd bachelor's master's`)

// resumeHeadings head the sections of a resume.
var resumeHeadings = wordSet(`education experience skills employment certifications certificates qualifications
	projects internships languages training publications awards`)

// sectionQualifiers may stand before a resume heading: "Work experience:".
var sectionQualifiers = wordSet(`work key technical professional relevant core`)

// resumePasted finds a resume pasted into the message, wherever it is (under
// the signature, in a postscript): two or more lines that open with
// different resume headings and a colon ("Education: B.E. Mechanical",
// "Experience: Intern, Precision Castings", "Skills: SolidWorks"). The
// target is the first heading.
func (d *detector) resumePasted() (hit, bool) {
	t := d.a.text
	first, kinds := -1, 0
	var seen [4]string
	for k, tok := range d.a.toks {
		w := tok.norm
		if !resumeHeadings[w] {
			continue
		}
		// At the start of its line, past a bullet and a word that
		// qualifies it ("Work experience:", "Key skills:").
		i := tok.start
		if k > 0 && sectionQualifiers[d.a.toks[k-1].norm] && strings.TrimSpace(t[d.a.toks[k-1].end:tok.start]) == "" {
			i = d.a.toks[k-1].start
		}
		for i > 0 && (t[i-1] == ' ' || t[i-1] == '\t' || t[i-1] == '-' || t[i-1] == '*' || t[i-1] == '>') {
			i--
		}
		if i > 0 && t[i-1] != '\n' && !strings.HasSuffix(t[:i], "\u2022") {
			continue
		}
		// Then a colon, past one more word ("Work experience:", "Key skills:").
		end := tok.end
		if k+1 < len(d.a.toks) && strings.TrimSpace(t[tok.end:d.a.toks[k+1].start]) == "" && strings.HasPrefix(t[d.a.toks[k+1].end:], ":") {
			end = d.a.toks[k+1].end
		}
		if !strings.HasPrefix(t[end:], ":") && !strings.HasPrefix(t[tok.end:], ":") {
			continue
		}
		if slices.Contains(seen[:min(kinds, len(seen))], w) {
			continue
		}
		if line, _, _ := strings.Cut(t[end:], "\n"); strings.Contains(line, "?") {
			continue // "Education: would you do the MSc again?": a question headed, not a section
		}
		if kinds < len(seen) {
			seen[kinds] = w
		}
		kinds++
		if first < 0 {
			first = k
		}
	}
	if kinds < 2 {
		return hit{}, false
	}
	return hit{target: span{first, first + 1}, ask: noSpan, who: noSpan}, true
}

// genericEmployers are employers in general, as the subject of a question
// about the field: "do firms in your field hire people like me?".
var genericEmployers = wordSet(`firms companies employers studios agencies practices hospitals clinics labs organisations organizations
	businesses places schools banks startups shops kitchens restaurants bakeries garages salons crews outfits contractors hotels wards units`)

// workerWords name the writer as the reader's worker: "I'm your man",
// "happy to be your next junior".
var workerWords = wordSet(`man guy gal girl woman person lad lass junior intern hire apprentice trainee recruit helper
	cook hand sub temp locum`)

// writerAsWorker reports where the writer is offered as a worker at k, or
// -1: "I'm your man", "I'd be your person", "happy to be your next
// junior", "I'm around", "count me in", "one more pair of hands". It
// returns the token that stands for the writer.
func (d *detector) writerAsWorker(st sentence, k int) int {
	switch x := d.w(k); {
	case x == "your" || x == "ur":
		b := d.findWord(st, k-2, k, "i'm", "im", "am", "be")
		if b < 0 {
			return -1
		}
		n := k + 1
		for n < st.t1 && n < k+3 && (d.w(n) == "next" || d.w(n) == "new" || d.w(n) == "newest" || d.w(n) == "go-to" || d.w(n) == "extra" || d.w(n) == "first") {
			n++
		}
		if workerWords[d.w(n)] && d.w(n+1) != "for" && d.w(n+1) != "on" {
			return b
		}
	case x == "around" && (d.w(k-1) == "i'm" || d.w(k-1) == "im" || d.w(k-1) == "be" && d.firstNear(st, k, 3) >= 0) && k+1 == st.t1:
		return k - 1 // "I'm around", "I'll be around"
	case x == "count" && d.w(k+1) == "me" && d.w(k+2) == "in", x == "sign" && d.w(k+1) == "me" && d.w(k+2) == "up",
		x == "pencil" && d.w(k+1) == "me" && d.w(k+2) == "in", x == "put" && d.w(k+1) == "me" && d.w(k+2) == "down":
		return k + 1 // "count me in", "sign me up", "pencil me in", "put me down"
	case x == "hmu", (x == "ping" || x == "dm" || x == "holler") && d.w(k+1) == "me", x == "give" && d.w(k+1) == "me" && d.w(k+2) == "a" && (d.w(k+3) == "shout" || d.w(k+3) == "holler" || d.w(k+3) == "ring"):
		return k // "hmu", "ping me", "give me a shout": the writer to be called on
	case x == "hands" && d.w(k-1) == "of" && d.w(k-2) == "pair" && d.firstNear(st, k, 6) >= 0:
		return d.firstNear(st, k, 6)
	}
	return -1
}

// roomForOneMore reports whether the existential "there" at k is followed,
// before end, by room for one more person: "if there were ever space for
// one more", "if there's room for another", not "one more question".
func (d *detector) roomForOneMore(k, end int) bool {
	for x := k + 1; x < end-2; x++ {
		switch d.w(x) {
		case "room", "space", "spot", "place", "seat":
			if d.w(x+1) != "for" {
				continue
			}
			y := x + 2
			if d.w(y) == "one" && d.w(y+1) == "more" {
				y += 2
			} else if d.w(y) == "another" {
				y++
			} else {
				continue
			}
			return y >= end || d.personAt(y) || workerWords[d.w(y)]
		}
	}
	return false
}

// payWords are the terms of paid work: "discuss terms", "talk rates".
var payWords = wordSet(`terms rates rate fees fee pay compensation remuneration salary day-rate`)

// discussesPay reports whether the barrier at k ("discuss") is about the
// terms of paid work, which is no question about the field: "I'd be
// delighted to discuss terms".
func (d *detector) discussesPay(k int) bool {
	switch d.w(k) {
	case "discuss", "discussing", "explore", "exploring":
		return payWords[d.w(k+1)] || payWords[d.w(k+2)] && d.w(k+1) != "your"
	}
	return false
}

// seasonTime reports whether "time" at k names a season of the reader's
// work after "at", "around" or "during" and a noun ("at silage time",
// "around harvest time", "during busy times"), not an hour of the
// conversation ("at a time that suits you", "at the same time").
func (d *detector) seasonTime(k int) bool {
	switch d.w(k - 2) {
	case "at", "around", "during", "over", "come", "by":
	default:
		return false
	}
	switch d.w(k - 1) {
	case "a", "the", "this", "that", "any", "some", "your", "my", "one", "same", "short", "no", "little", "free", "spare", "what":
		return false
	}
	return true
}

// materialsIfNeeded finds the writer's resume or work handed over on a
// condition about the reader's need: "I could swing by your office and
// leave my résumé with you, in case your group is looking", "here's my CV
// in case you're hiring". The resume offer alone is resume_offer; the
// condition makes it an application too.
func (d *detector) materialsIfNeeded(st sentence) (hit, bool) {
	for j := st.t0; j < st.t1; j++ {
		end, need, ok := d.needCondition(st, j)
		if !ok {
			continue
		}
		for k := st.t0; k < st.t1; k++ {
			if k >= j && k < end || !(d.is(k, cResume) || workNouns[strings.TrimSuffix(d.w(k), "'s")]) || d.owner(k) != "my" {
				continue
			}
			if d.find(st, max(st.t0, k-8), k, cSend) < 0 && d.find(st, k+1, min(st.t1, k+8), cSend|cPlace) < 0 {
				continue // "my résumé is thin": named, not handed over
			}
			if d.negatedBetween(k, k) {
				continue
			}
			m := d.findWord(st, k-3, k, "my")
			return hit{target: span{need, need + 1}, ask: span{j, j + 1}, who: span{m, m + 1}, kind: askCond}, true
		}
	}
	return hit{}, false
}

// handedToWriter reports where the writer is named as who receives what
// the verb at k hands over ("pass some to me", "send a few my way", "give
// me some"), or -1.
func (d *detector) handedToWriter(st sentence, k int) int {
	switch d.w(k) {
	case "pass", "send", "give", "throw", "toss", "hand", "forward", "share", "refer", "steer", "farm", "sub":
	default:
		return -1
	}
	for j := k + 1; j < min(st.t1, k+8); j++ {
		switch d.w(j) {
		case "me":
			if j == k+1 || d.w(j-1) == "to" || d.w(j-1) == "with" {
				return j
			}
		case "my":
			if d.w(j+1) == "way" {
				return j
			}
		case "you", "u", "them", "him", "her", "us":
			return -1
		}
	}
	return -1
}

// personQualifiers say which people a place takes on: "summer interns",
// "seasonal hands".
// helperKids are the young helpers a shop takes for a day of the week or
// a season: "Saturday girls", "summer kids", "weekend lads".
var helperKids = wordSet(`girl girls boy boys lad lads kid kids teens teenagers help`)

var personQualifiers = wordSet(`summer seasonal winter spring autumn fall holiday weekend new more extra additional
	part-time full-time paid unpaid visiting temporary student junior trainee graduate volunteer saturday sunday`)

// engagements are paid work for a place, which a condition about the
// reader may name: "should a consultancy arrangement with your office
// ever prove feasible".
var engagements = wordSet(`consultancy consultancies consulting retainer retainers secondment secondments`)

// needWords say a team needs someone: "short a body", "deepen its bench".
var needWords = wordSet(`need needs needed short shorthanded short-handed short-staffed understaffed slammed swamped stretched busy
	looking expanding expand expands grow grows growing deepen deepens add adds adding staff staffing scale scaling
	help hand hands overflow backlog sub subs outsource outsources outsourcing subcontract subcontracts subcontracting
	strengthen strengthens strengthening bolster bolstering reinforce reinforcing`)

// dutchToUs follow "naar" when the resume goes to the reader or the talk
// with them: "naar je", "naar het gesprek", "naar ons gesprek".
var dutchToUs = wordSet(`je jou u jullie het ons onze de`)

// foreignShoulds are "should I" and "must" in other languages: a send
// after one is advice asked or told, not an offer.
var foreignShoulds = []string{"soll", "sollte", "muss", "debo", "debería", "deberia", "devo", "dovrei", "moet", "dois", "devrais", "devo"}

// broughtElsewhere reports whether the resume at k is taken to an
// occasion that is not the reader's: "my CV to the interview with the
// bank", "to my interview at Deloitte", "to the job fair on Friday"; not
// "to our coffee" nor "to the interview with you".
func (d *detector) broughtElsewhere(st sentence, k int) bool {
	to := d.findWord(st, k+1, k+4, "to")
	if to < 0 {
		return false
	}
	for x := to + 1; x < min(st.t1, to+4); x++ {
		if !broughtTo[d.w(x)] && d.w(x) != "fair" && d.w(x) != "fairs" {
			continue
		}
		if d.findWord(st, to+1, x, "our", "your", "ur") >= 0 {
			return false
		}
		if d.w(x-1) == "my" || d.w(x) == "fair" || d.w(x) == "fairs" {
			return true
		}
		p := x + 1
		return (d.w(p) == "with" || d.w(p) == "at" || d.w(p) == "for") && !d.is(p+1, cSecond)
	}
	return false
}

// broughtTo are occasions work is brought to, beyond meetingWords: "to
// the review", "to our interview".
var broughtTo = wordSet(`review reviews interview session appointment crit crits workshop fair lunch breakfast dinner`)

// meetingWords are about the conversation asked for, not work.
var meetingWords = wordSet(`call calls chat talk talking speak speaking meet meeting conversation coffee minute minutes phone zoom
	visit visiting attend attending tour
	video questions question schedule reschedule calendar time times convenient convenience easier prefer rather
	afternoon morning evening week weekend day days monday tuesday wednesday thursday friday email reply answer`)

// thanksWords thank for a favour rather than offer work: "I'd be grateful".
var thanksWords = wordSet(`grateful appreciate appreciated appreciative thankful thanks thank understand`)

// modalsOfOffer have the writer do something in answer to a need: "I'd
// be over the moon", "I could take that on".
var modalsOfOffer = wordSet(`can could i'd id would i'll will`)

// readyWords have the writer ready to work: "available", "first in line".
var readyWords = wordSet(`available ready line count free start nearby`)

// appliedThenAsked finds an application announced in sentence s and a
// request about it in the next one: "I've submitted an application for
// the Program Associate role. Would you have any advice on making sure it
// lands on the right desk?"
// askedThenWouldApply finds a question about room for the writer's kind
// at the reader's place followed by the writer saying they would apply:
// "Does your lab take summer interns? I would apply in a heartbeat." Each
// sentence alone asks nothing of the reader; together they ask for a place.
func (d *detector) askedThenWouldApply(s int) (hit, bool) {
	a := d.a
	if s+1 >= len(a.sents) {
		return hit{}, false
	}
	st, next := a.sents[s], a.sents[s+1]
	if !st.question || d.find(st, st.t0, st.t1, cSecond) < 0 && !d.bareNeedQuestion(st) {
		return hit{}, false
	}
	t := -1
	for k := st.t0; k < st.t1 && t < 0; k++ {
		if d.is(k, cJob|cWeak|cHire) && !d.notEmployment(st, k) || entryPeople[d.w(k)] || d.personAt(k) && !d.is(k, cFirst|cSecond) && !notRoles[d.w(k)] {
			t = k
		}
	}
	if t < 0 {
		return hit{}, false
	}
	for k := next.t0; k < next.t1; k++ {
		if w := d.w(k); w == "be" && d.w(k+1) == "one" && (d.w(k+2) == "of" || k+2 == next.t1) &&
			d.findWord(st, st.t0, t, "use", "uses", "using", "hire", "hires", "take", "takes", "need", "needs", "bring", "have", "has", "employ", "contract", "recruit") >= 0 {
			// "Do you ever use freelancers for the overflow? I'd love to be one of them."
			m := d.find(next, k-4, k, cModal|cWish)
			f := d.firstNear(next, k, 5)
			if m >= 0 && f >= 0 && !d.negatedBetween(m, k) {
				return hit{target: span{t, t + 1}, ask: span{m, k + 2}, who: span{f, f + 1}, kind: askWish}, true
			}
		}
		if h, ok := d.offersToBeOne(st, next, t, k); ok {
			return h, true
		}
		if w := d.w(k); w != "apply" && w != "applying" {
			continue
		}
		m := d.findWord(next, k-3, k, "would", "i'd", "id", "'d", "will", "i'll")
		f := d.firstNear(next, k, 4)
		if m < 0 || f < 0 || d.negatedBetween(m, k) || d.takesAdvice(next, k) {
			continue
		}
		return hit{target: span{t, t + 1}, ask: span{m, k + 1}, who: span{f, f + 1}, kind: askWish}, true
	}
	return hit{}, false
}

// imperativeToReader reports whether st opens by telling the reader what
// to do: "Please don't hesitate to reach out…", "Kindly let me know…",
// "Feel free to…".
func (d *detector) imperativeToReader(st sentence) bool {
	x := st.t0
	for x < st.t1 && leadWords[d.w(x)] {
		x++
	}
	switch d.w(x) {
	case "please", "kindly", "pls", "plz":
		return true
	case "feel":
		return d.w(x+1) == "free"
	case "don't", "dont":
		return d.w(x+1) == "hesitate"
	}
	return false
}

// bareNeedQuestion reports whether question st asks the reader's need
// with its subject left out, as in a text: "Also, need anyone for harvest
// this fall?", "hiring any hands?", "could use a runner?".
func (d *detector) bareNeedQuestion(st sentence) bool {
	x := st.t0
	for x < st.t1 && (leadWords[d.w(x)] || d.w(x) == "just" || d.w(x) == "any" && d.w(x+1) == "chance") {
		x++
	}
	switch d.w(x) {
	case "need", "needing", "hiring", "looking", "taking":
		return true
	case "could":
		return d.w(x+1) == "use"
	}
	return false
}

// takeOnVerbs ask whether the reader's place takes people on.
var takeOnVerbs = []string{"use", "uses", "using", "hire", "hires", "take", "takes", "need", "needs", "bring", "brings",
	"have", "has", "employ", "employs", "contract", "contracts", "recruit", "recruits", "work", "works", "outsource", "outsources", "hiring", "needing"}

// offersToBeOne reports the writer's offer of work in sentence next, at
// token k, after a question whether the reader's place takes on people
// of some kind (st, person at t): "Do you ever bring in freelancers? I'd
// love to lend a hand on a project if so." The offer is an offer verb
// (help, lend, pitch, jump, work) after a wish or modal of the writer's,
// not negated, not a learning, a meeting or a passing-on of news ("I'd
// be glad to help spread the word at my school").
func (d *detector) offersToBeOne(st, next sentence, t, k int) (hit, bool) {
	if !d.is(k, cOffer) && d.w(k) != "lend" || d.w(k-1) != "to" && d.w(k-1) != "out" && !d.is(k-1, cModal|cWish) {
		return hit{}, false
	}
	if d.findWord(st, st.t0, st.t1, takeOnVerbs...) < 0 || d.takesAdvice(next, k) {
		return hit{}, false
	}
	if s := d.w(k - 2); d.is(k-1, cModal) && (s == "that" || s == "it" || s == "this") || d.w(k) == "help" && d.is(k+1, cSecond) {
		return hit{}, false // "I can send my résumé if that would help you decide": a thing helps the reader, no work offered
	}
	m := d.find(next, max(next.t0, k-4), k, cModal|cWish)
	f := d.firstNear(next, k, 5)
	if f < 0 && m >= 0 && m-next.t0 <= 1 && d.impliedWriter(next, m) {
		f = m // "Happy to pick.": the writer understood
	}
	if m < 0 || f < 0 || d.negatedBetween(m, k) || d.find(next, k+1, next.t1, cBarrier) >= 0 {
		return hit{}, false
	}
	for x := k + 1; x < next.t1; x++ {
		if meetingWords[d.w(x)] || spreadWords[d.w(x)] {
			return hit{}, false
		}
	}
	for p := st.t0; p < st.t1; p++ {
		if d.personAt(p) && !d.is(p, cFirst|cSecond) && !notRoles[d.w(p)] {
			t = p // the people taken on name the target: "freelancers", not "work with"
			break
		}
	}
	return hit{target: span{t, t + 1}, ask: span{m, k + 1}, who: span{f, f + 1}, kind: askWish}, true
}

// spreadWords pass news on rather than do work: "help spread the word".
var spreadWords = wordSet(`spread share post promote circulate advertise word`)

// groupNamedBefore reports whether target t ends in "it" or "them" for
// the reader's team named in the sentence before: "Your studio's museum
// work is wonderful. I'd really like to join them one day."
func (d *detector) groupNamedBefore(st sentence, t span) bool {
	last := d.w(t.t1 - 1)
	return (last == "them" || last == "it") && d.readersGroupBefore(st)
}

// readersGroupBefore reports whether the reader's team, company or the
// like is named just before sentence st (in the sentence before it) for
// "it" or "them" to stand for.
func (d *detector) readersGroupBefore(st sentence) bool {
	s := d.a.toks[st.t0].sent
	if s == 0 {
		return false
	}
	prev := d.a.sents[s-1]
	for j := prev.t0; j+1 < prev.t1; j++ {
		if (d.w(j) == "your" || d.w(j) == "ur") && (d.is(j+1, cOrg) || d.is(j+2, cOrg) && j+2 < prev.t1 ||
			strings.HasSuffix(d.w(j+1), "'s") && cues[strings.TrimSuffix(d.w(j+1), "'s")]&cOrg != 0) {
			return true // "your team", "your design team", "your studio's museum work"
		}
		if d.readerExpands(prev, j) {
			return true // "Lena says you're opening a second location next year. When you do, I'd love to be part of it."
		}
	}
	return false
}

// expansionVerbs and newSites: the reader's place growing by a new site.
var (
	expansionVerbs = wordSet(`opening open expanding expand growing grow launching launch adding add starting building`)
	newSites       = wordSet(`location locations office offices branch branches clinic clinics site sites store stores shop shops
		practice studio restaurant lab team department unit kitchen outlet`)
)

// readerExpands reports whether token j of sentence st says the reader
// (you, your team) will open a new site or grow: "you're opening a second
// location", "your practice is expanding"; the writer's wish to be part of
// "it" in the next sentence is a job asked. Not an event opened.
func (d *detector) readerExpands(st sentence, j int) bool {
	y := d.find(st, max(st.t0, j-4), j, cSecond)
	if !expansionVerbs[d.w(j)] || y < 0 || d.find(st, y, j, cFirst) >= 0 {
		return false // not "I'm opening my own studio"
	}
	switch d.w(j) {
	case "expanding", "expand", "growing", "grow":
		return d.w(j+1) != "your" && !d.is(j+1, cFirst)
	}
	for x := j + 1; x < min(st.t1, j+5); x++ {
		if newSites[d.w(x)] {
			return d.findWord(st, j+1, x, "new", "second", "third", "another", "fourth") >= 0
		}
	}
	return false
}

// restoredBetween reports whether a target denied before an ask comes
// back between them by ellipsis: "your house isn't hiring right now, but
// when you are, I hope you'll think of me".
func (d *detector) restoredBetween(k, j int) bool {
	for x := k + 1; x < j-2; x++ {
		if d.w(x) != "but" {
			continue
		}
		switch d.w(x + 1) {
		case "when", "once", "if", "whenever", "should":
			switch d.w(x + 3) {
			case "are", "do", "is", "does", "were", "did":
				return d.is(x+2, cSecond) || d.w(x+2) == "they" || d.w(x+2) == "it"
			}
		}
	}
	return false
}

// joinsList returns where the writer is added to, or tries out for, a
// list of the reader's (token k): "add me to your roster", "I could be
// added to your agency's pool", "audition for your substitute list", "I'd
// also be glad to simply be added to your team's pipeline"; or -1.
func (d *detector) joinsList(st sentence, k int) int {
	v := d.findWord(st, k-9, k, "add", "added", "adding", "audition", "auditioning", "included", "include")
	if v < 0 || newsLists[d.w(k-1)] || d.findWord(st, v+1, k, "to", "for", "on", "in", "onto") < 0 || d.findWord(st, v+1, k, "your", "ur") < 0 && !d.placesOwnBetween(v+1, k) {
		return -1
	}
	if d.firstNear(st, v, 9) < 0 && d.findWord(st, v+1, v+3, "me", "myself") < 0 || d.negatedBetween(v, k) {
		return -1
	}
	return v
}

// hireeWords are people a place takes on, which make a pool a hiring one.
var hireeWords = wordSet(`intern interns apprentice apprentices trainee trainees candidate candidates applicant applicants
	hires juniors grads graduates recruits cohort cohorts fellows residents`)

// hiringNear reports whether the sentence of k, or the one before it,
// speaks of hiring or of the people hired: the pool one wishes to be in
// ("I'd love to be in that pool") is then the candidates'.
func (d *detector) hiringNear(st sentence, k int) bool {
	lo := st.t0
	if s := d.a.toks[st.t0].sent; s > 0 {
		lo = d.a.sents[s-1].t0
	}
	for j := lo; j < st.t1; j++ {
		if j != k && (d.is(j, cJob|cHire|cApply) || hireeWords[d.w(j)]) {
			return true
		}
	}
	return false
}

// placesOwnBetween reports whether a place's possessive stands between
// tokens i and k: "the school's substitute teaching list", the reader's
// place named rather than "your".
func (d *detector) placesOwnBetween(i, k int) bool {
	for j := i; j < k; j++ {
		if w := d.w(j); len(w) > 2 && strings.HasSuffix(w, "'s") && d.w(j-1) == "the" {
			return true
		}
	}
	return false
}

// newsLists are lists that carry news, not work: "add me to your mailing list".
var newsLists = wordSet(`mailing email newsletter distribution contact contacts guest invite invitation reading events event`)

// entryPeople are who a place takes on at the start.
var entryPeople = wordSet(`intern interns apprentice apprentices junior juniors trainee trainees`)

func (d *detector) appliedThenAsked(s int, buf []ask) (hit, bool) {
	a := d.a
	if s+1 >= len(a.sents) {
		return hit{}, false
	}
	st, next := a.sents[s], a.sents[s+1]
	for k := st.t0; k < st.t1; k++ {
		if d.cls[k]&cApply == 0 || directWords[d.w(k)] || d.w(k) == "candidate" || d.w(k) == "candidates" {
			continue
		}
		sp, _, ok := d.application(st, k)
		if !ok || d.find(st, k+1, k+9, cJob|cWeak|cSecond) < 0 || d.negatedBetween(sp.t0, k) {
			continue
		}
		if !next.question && len(d.asks(next, buf[:0])) == 0 {
			return hit{}, false
		}
		ref := d.findWord(next, next.t0, next.t1, "it", "this", "that", "them", "application")
		if ref < 0 {
			return hit{}, false
		}
		return hit{target: sp, ask: span{ref, ref + 1}, who: span{sp.t0, sp.t0 + 1}, kind: askApply}, true
	}
	return hit{}, false
}

// talkAboutJoining reports whether the only learning word between the ask
// at j and the target is a "talk about" or "discuss" right before the
// writer joining: "I'd love to talk about joining your team", "discuss me
// joining your practice" (not "hear about what joining your team is like").
func (d *detector) talkAboutJoining(j int, t span) bool {
	k := t.t0
	switch d.w(k) {
	case "join", "joining", "working", "interning", "apprenticing":
	case "my":
		if s := d.w(k + 1); s != "suitability" && s != "candidacy" && s != "candidature" {
			return false
		}
		k++
	case "suitability", "candidacy", "candidature":
		if d.w(k-1) != "my" {
			return false // "discuss my suitability for it": the writer's candidacy, not a topic
		}
	default:
		return false
	}
	b := k - 1
	if d.w(b) == "me" || d.w(b) == "my" {
		b--
	}
	if d.w(b) != "about" && d.w(b) != "discuss" && d.w(b) != "discussing" {
		return false
	}
	if d.w(b) == "about" && d.w(b-1) != "talk" && d.w(b-1) != "talking" && d.w(b-1) != "chat" {
		return false
	}
	return !d.barrierBetween(j, b)
}

// stillOpen reports whether target t is a named opening asked after: "the
// junior designer post still open".
func (d *detector) stillOpen(st sentence, t span) bool {
	return d.findWord(st, t.t0-4, t.t0, "the", "that") >= 0 && d.findWord(st, t.t1, t.t1+3, "still") >= 0
}

// coordinatedWithWriter reports whether the verb at j shares the writer's
// subject through "and", past a modal: "I've put in for the vacancy and
// wondered if…", "I'm moving to Lisbon and would be glad to…".
func (d *detector) coordinatedWithWriter(st sentence, j int) bool {
	a := j - 1
	for a > st.t0 && a > j-4 && (modalsOfOffer[d.w(a)] || intensifiers[d.w(a)] || d.w(a) == "be" || d.w(a) == "might" || d.w(a) == "should") {
		a--
	}
	if d.w(a) != "and" {
		return false
	}
	f := d.firstNear(st, a+1, 12)
	if f < 0 {
		return false
	}
	return d.findWord(st, f+1, j, "you", "he", "she", "they", "it", "we", "u") < 0
}

// namedOpening reports whether the wish is the writer's interest in one
// particular opening, which needs no "your": "I'm writing to express my
// interest in the analyst position" (not "the job of a sommelier").
func (d *detector) namedOpening(as ask, t span) bool {
	if d.w(as.sp.t0) != "interest" || d.findWord(d.a.sents[d.a.toks[as.sp.t0].sent], as.sp.t0-3, as.sp.t0, "my") < 0 {
		return false
	}
	k := t.t0
	if !d.is(k, cJob) || d.w(k+1) == "of" || t.t0-as.sp.t0 > 8 {
		return false
	}
	return d.findWord(d.a.sents[d.a.toks[k].sent], as.sp.t1, k, "the", "this", "that") >= 0
}

// linkedToReader reports whether a target at k belongs with the reader, in
// its clause: "your", "you", a team or firm ("at a firm like yours"), or a
// word of employment by them (hire, recruit).
func (d *detector) linkedToReader(st sentence, k int) bool {
	toks := d.a.toks
	end := k
	for end < st.t1 && toks[end].clause == toks[k].clause {
		end++
	}
	return d.find(st, d.clauseStart(k), end, cSecond|cOrg|cHire) >= 0
}

// nearest returns the token of class c closest to k in sentence st, or -1.
func (d *detector) nearest(st sentence, k int, c cue) int {
	best := -1
	for j := st.t0; j < st.t1; j++ {
		if d.cls[j]&c != 0 && (best < 0 || abs(j-k) < abs(best-k)) {
			best = j
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// resumeIn looks for a resume offer in sentence st: the writer's resume
// handed over by a verb or pointed to by a place.
func (d *detector) resumeIn(st sentence) (hit, bool) {
	for k := st.t0; k < st.t1; k++ {
		if d.cls[k]&cResume == 0 || !d.resumeNoun(st, k) {
			continue
		}
		if h, ok := d.resumeAt(st, k); ok {
			return h, true
		}
		if d.inAddress(k) && !d.readersAddress(st, k) && !d.negatedBetween(k, k) {
			// A file or an address named for a resume is one being pointed
			// to: "(Resume_Reel_2024.pdf)", "samadewale.github.io/resume".
			h := hit{target: span{k, k + 1}, ask: span{k, k + 1}, who: span{k, k + 1}}
			if f := d.nearest(st, k, cFirst); f >= 0 {
				h.who = span{f, f + 1}
			}
			return h, true
		}
	}
	if h, ok := d.workShown(st); ok {
		return h, true
	}
	if h, ok := d.profilePassedOn(st); ok {
		return h, true
	}
	if h, ok := d.applicationEnclosed(st); ok {
		return h, true
	}
	return d.backgroundAttached(st)
}

// resumeThenIt finds the writer's resume named in sentence s and handed
// over as "it" at the start of the next: "I've rewritten my CV that way.
// Here it is attached so you can see", "…my résumé. It's attached if
// you'd like a look", "…my CV. I've attached it". Not a story of where it
// went ("She sent it back", "I sent it to three firms") nor "it" doing
// anything else ("It took ages").
func (d *detector) resumeThenIt(s int) (hit, bool) {
	a := d.a
	if s+1 >= len(a.sents) {
		return hit{}, false
	}
	st, nx := a.sents[s], a.sents[s+1]
	k := -1
	for j := st.t0; j < st.t1; j++ {
		if d.is(j, cResume) && d.resumeNoun(st, j) && d.owner(j) == "my" && !d.negatedBetween(j, j) {
			k = j
		}
	}
	if k < 0 {
		return hit{}, false
	}
	// A sentence more about it in between ("…my résumé around the words
	// you used. It reads like a different person's now. It's attached in
	// case you're curious.") keeps "it" the resume.
	if s+2 < len(a.sents) && (d.w(nx.t0) == "it" || d.w(nx.t0) == "it's") && !d.handsOverIt(nx) && !st.question {
		nx = a.sents[s+2]
		if d.w(nx.t0) != "it" && d.w(nx.t0) != "it's" && d.w(nx.t0) != "here" && !d.attachedNote(nx) {
			return hit{}, false
		}
	}
	if d.attachedNote(nx) && !st.question {
		// "…my CV after our chat. It's much tighter now. Attached, in case it's useful."
		m := d.findWord(st, k-3, k, "my")
		return hit{target: span{k, k + 1}, ask: span{nx.t0, nx.t0 + 1}, who: span{m, m + 1}}, true
	}
	for i := nx.t0; i < min(nx.t1, nx.t0+6); i++ {
		w := d.w(i)
		if w != "it" && w != "it's" && w != "het" {
			continue
		}
		ask := -1
		switch {
		case w == "het" && (d.w(i-1) == "stuur" || d.w(i-1) == "verstuur" || d.w(i-1) == "mail") && d.w(i-2) == "ik" && i-2 >= nx.t0:
			ask = i - 1 // Dutch "Ik stuur het je zo"
		case w == "het":
		case st.question && !(i-1 >= nx.t0 && d.is(i-1, cSend) && !pastSends[d.w(i-1)] && d.firstNear(nx, i-1, 3) >= 0):
			// "Have you seen my CV?": only the writer sending it now or
			// later hands it over after a question ("Could you pass my CV
			// to HR? I'll send it over now")
		case w == "it" && d.w(i-1) == "here" && i-1 >= nx.t0 && (d.w(i+1) == "is" || d.w(i+1) == "comes"):
			ask = i - 1 // "Here it is attached"
		case w == "it's" && (d.is(i+1, cSend) || d.w(i+1) == "here" || d.w(i+1) == "below"),
			w == "it" && d.w(i+1) == "is" && (d.is(i+2, cSend) || d.w(i+2) == "here" || d.w(i+2) == "below"):
			ask = i // "It's attached", "it is enclosed"
		case i-1 >= nx.t0 && d.is(i-1, cSend) && d.firstNear(nx, i-1, 3) >= 0 && !d.readerSubject(nx, i-1):
			if to := d.findWord(nx, i+1, i+4, "to"); pastSends[d.w(i-1)] && to >= 0 && !d.is(to+1, cSecond) {
				return hit{}, false // "I sent it to three firms": a story
			}
			ask = i - 1 // "I've attached it", "I'm sending it over"
		}
		if ask < 0 || d.negatedBetween(ask, i) {
			return hit{}, false
		}
		m := d.findWord(st, k-3, k, "my")
		return hit{target: span{k, k + 1}, ask: span{ask, ask + 1}, who: span{m, m + 1}}, true
	}
	return hit{}, false
}

// attachedNote reports whether sentence st is a note that opens with a
// participle handing the thing just named over: "Attached, in case it's
// useful.", "Enclosed for your reference."; not "Attached is the article".
func (d *detector) attachedNote(st sentence) bool {
	switch d.w(st.t0) {
	case "attached", "enclosed", "linked", "uploaded", "included":
	default:
		return false
	}
	return st.t1 == st.t0+1 || d.a.toks[st.t0+1].clause != d.a.toks[st.t0].clause || contextFollowers[d.w(st.t0+1)] && d.w(st.t0+1) != "to" && d.w(st.t0+1) != "and"
}

// howAsked reports whether question st asks how, in one of the checker's
// languages, before token j: "How do I send my CV…?", "¿Cómo envío mi
// CV…?": advice on the writer's own move, nothing handed over.
func (d *detector) howAsked(st sentence, j int) bool {
	return st.question && d.findWord(st, st.t0, min(j, st.t0+3), "how", "cómo", "como", "comment", "come", "wie", "hoe") >= 0
}

// handsOverIt reports whether sentence st hands "it" over near its start:
// "It's attached", "it is enclosed", "Here it is".
func (d *detector) handsOverIt(st sentence) bool {
	for i := st.t0; i < min(st.t1, st.t0+6); i++ {
		if d.is(i, cSend|cPlace) || d.w(i) == "here" {
			return true
		}
	}
	return false
}

// resumePhraseVetoed reports whether a resume phrase ("CV is attached")
// is about someone else's resume or any resume: "your CV is attached to
// your application", "whether a resume is attached".
func (d *detector) resumePhraseVetoed(m match) bool {
	st := d.a.sents[d.a.toks[m.t0].sent]
	if d.howAsked(st, m.t0) {
		return true // "¿Cómo envío mi CV a una empresa grande?"
	}
	if d.findWord(st, max(st.t0, m.t0-6), m.t0, foreignShoulds...) >= 0 {
		return true // "me dijo que debo enviar mi CV a muchas empresas": advice told
	}
	if m.t1 < st.t1 && d.a.toks[m.t1].clause == d.a.toks[m.t1-1].clause && d.ch.isNegator(m.t1) {
		return true // "Hier ist mein Lebenslauf nicht dabei": the negation right after (German, Dutch)
	}
	for k := m.t0; k < m.t1; k++ {
		if !d.is(k, cResume) {
			continue
		}
		o := d.owner(k)
		return o != "" && o != "my" || o == "" && d.resumeInGeneral(st, k)
	}
	return false
}

// resumeInGeneral reports whether the resume at k, owned by no one, is any
// resume rather than the writer's: "every CV is attached to the file",
// "whether a resume is attached", "when a CV is included", "is a resume
// attached to every application?"; not "A CV is attached in case it
// helps" nor "The CV is attached".
func (d *detector) resumeInGeneral(st sentence, k int) bool {
	switch p := d.w(k - 1); p {
	case "every", "each", "any", "no", "most", "all":
		return true
	case "a", "an", "un", "une", "uno", "una", "um", "uma", "een", "ein", "einen":
		if st.question {
			return true
		}
	}
	return d.findWord(st, max(d.clauseStart(k), k-4), k, "whether", "if", "when", "once", "whenever", "unless") >= 0
}

// readerAskedLooks tell that the reader, not the writer, wanted the resume
// looked at: "you asked to look at my CV", "you kindly offered to review
// my CV", "you were kind enough to look over my CV".
var readerAskedLooks = wordSet(`asked offered offering wanted requested agreed volunteered insisted enough time trouble`)

// backgroundNouns follow "someone with my": the writer described.
var backgroundNouns = wordSet(`background backgrounds experience profile skills skillset training qualifications`)

// resumeEarlier reports whether the writer's resume is named before token k
// in sentence st or in the sentence before it: what "it" passed on stands
// for.
func (d *detector) resumeEarlier(st sentence, k int) bool {
	t0 := st.t0
	if s := d.a.toks[st.t0].sent; s > 0 {
		t0 = d.a.sents[s-1].t0
	}
	for j := t0; j < k; j++ {
		if d.is(j, cResume) && d.owner(j) == "my" {
			return true
		}
	}
	return false
}

// lookVerbs take a look at a resume.
var lookVerbs = wordSet(`look see review glance critique read check`)

// readerAskedToLook reports whether the look at the resume starting at
// token t ("look at my CV", "review my CV", "see my CV") is one the reader
// asked or offered to take, told after the fact: "When we met you asked to
// look at my CV", "you offered to review my CV", "you took the time to look
// over my CV". Not a request ("could you look at my CV?", "if you want to
// see my CV, it's attached") nor a question.
func (d *detector) readerAskedToLook(t int) bool {
	st := d.a.sents[d.a.toks[t].sent]
	if st.question || d.w(t-1) != "to" {
		return false
	}
	v := t - 2
	if !readerAskedLooks[d.w(v)] {
		return false
	}
	switch d.w(v) {
	case "enough":
		v-- // "you were kind enough to"
		if d.w(v-1) == "were" {
			v--
		}
	case "time", "trouble":
		if d.w(v-1) != "the" || d.w(v-2) != "took" {
			return false
		}
		v -= 2 // "you took the time to"
	}
	for x := v - 1; x >= max(st.t0, v-3); x-- {
		switch d.w(x) {
		case "you", "u":
			return true
		case "for":
			// "Thanks also for offering to pass my résumé to your team": the
			// reader's offer, thanked for
			return d.w(v) == "offering" && d.findWord(st, max(st.t0, x-3), x, "thanks", "thank", "grateful") >= 0
		case "kindly", "generously", "also", "even", "once", "had", "so":
			continue
		}
		return false
	}
	return false
}

// readersAddress reports whether the address or file name holding token
// k is the reader's or one they gave: "you" or "your" in its clause or
// just before it ("the CV template you sent: drive.google.com/cv-tpl").
// The reader named in another clause leaves it the writer's: "📎
// cv_layla_2024.pdf (so you know who I am!)".
func (d *detector) readersAddress(st sentence, k int) bool {
	start := k
	for start > st.t0 && d.is(start-1, cAddr) {
		start--
	}
	if d.find(st, start-4, start, cSecond) >= 0 {
		return true
	}
	toks := d.a.toks
	for j := st.t0; j < st.t1; j++ {
		if toks[j].clause == toks[k].clause && d.is(j, cSecond) {
			return true
		}
	}
	return false
}

// profilePassedOn finds the writer's LinkedIn profile standing in for a
// resume and handed on by the reader in the same sentence: "My LinkedIn
// profile has my full work history; could you pass it to whoever is
// hiring?". Pointing to it alone ("I'm on LinkedIn") hands nothing on.
func (d *detector) profilePassedOn(st sentence) (hit, bool) {
	for k := st.t0 + 1; k < st.t1; k++ {
		if d.w(k) != "linkedin" || d.w(k-1) != "my" {
			continue
		}
		if v := k - 2; d.is(v, cPass) && !strings.HasSuffix(d.w(v), "ed") && d.findWord(st, v-4, v, "you", "you'd", "u", "please") >= 0 && !d.negatedBetween(v, k) {
			// "could you forward my LinkedIn (linkedin.com/in/…) to the hiring
			// manager on your team?": passed straight on to who hires
			for j := k + 1; j < min(st.t1, k+16); j++ {
				if d.w(j) == "to" && (d.find(st, j+1, j+4, cHire) >= 0 || bossWords[d.w(j+2)] || bossWords[d.w(j+3)]) {
					return hit{target: span{k - 1, k + 1}, ask: span{v, v + 1}, who: span{k - 1, k}}, true
				}
			}
		}
		for j := k + 1; j < min(st.t1, k+25); j++ {
			if d.cls[j]&cPass == 0 || d.w(j+1) != "it" && d.w(j+1) != "this" || strings.HasSuffix(d.w(j), "ed") {
				continue
			}
			if d.findWord(st, j-4, j, "you", "you'd", "you'll", "u", "please") < 0 && d.a.toks[j-1].clause == d.a.toks[j].clause {
				continue // "a friend passes it to her boss": someone else's doing, not asked of the reader
			}
			if x := d.w(j + 2); (x == "to" || x == "with" || x == "along" || x == "on") && !d.negatedBetween(k, j) {
				return hit{target: span{k - 1, k + 1}, ask: span{j, j + 2}, who: span{k - 1, k}}, true
			}
		}
	}
	return hit{}, false
}

// Work shown in place of a resume: a portfolio, a reel, clips, samples, or
// the writer's background on a profile. Naming them is no offer ("I'm
// building my portfolio"); handing the writer's own over is ("I can send my
// showreel", "my writing samples are on zaneleweb.co.za", "my full
// background is on my LinkedIn").
var (
	// workShown names what is handed over like a resume.
	workNouns = wordSet(`portfolio portfolios showreel showreels reel reels clips samples`)
	// workPointed names what is only an offer when an address or a
	// profile says where it is: "my projects are at github.com/…", not
	// "I'm happy to share my background".
	workPointed = wordSet(`background projects work designs writing story`)
	// handOver verbs give the reader something of the writer's.
	handOver = wordSet(`send sending share sharing attach attached attaching enclose enclosed enclosing forward
		forwarding email emailing drop dropping link linking pass passing`)
	// profilePlaces are where a writer's background is shown.
	profilePlaces = wordSet(`linkedin website site profile github portfolio`)
)

func (d *detector) workShown(st sentence) (hit, bool) {
	for k := st.t0; k < st.t1; k++ {
		w := strings.TrimSuffix(d.w(k), "'s") // "my portfolio's at maya.com"
		strong, pointed := workNouns[w], workPointed[w]
		if !strong && !pointed || d.owner(k) != "my" || d.negatedBetween(k, k) || strong && d.submittedToProgram(st, k) {
			continue
		}
		m := d.findWord(st, k-3, k, "my")
		h := hit{target: span{k, k + 1}, who: span{m, m + 1}, ask: noSpan}
		if strong && !st.question && d.withMeAt(st, k) {
			if v := d.findWord(st, k-4, k, "have", "bring", "carry"); v >= 0 && (d.findWord(st, v-2, v, "i'll", "will", "can", "could", "i'd", "would", "ill") >= 0) && !d.negatedBetween(v, k) {
				h.ask = span{v, v + 1} // "I'll have my portfolio with me in case you'd like a look"
				return h, true
			}
		}
		if strong {
			for j := max(st.t0, k-6); j < k; j++ {
				if handOver[d.w(j)] && (d.firstNear(st, j, 3) >= 0 || d.handedInNote(st, j)) && !d.readerSubject(st, j) && !d.negatedBetween(j, k) {
					h.ask = span{j, j + 1}
					return h, true
				}
				if (d.w(j) == "linked" || d.w(j) == "pasted") && d.firstNear(st, j, 3) >= 0 && d.pointsInMessage(st, k) && !d.negatedBetween(j, k) {
					h.ask = span{j, j + 1} // "I've linked my portfolio below"; not "I linked my portfolio to my LinkedIn"
					return h, true
				}
			}
			if p := d.hereIs(st, k); p >= 0 && !st.question {
				h.ask = span{p, p + 1} // "here's my reel so you can see what I've done"
				return h, true
			}
		}
		for j := k + 1; j < min(st.t1, k+9); j++ {
			if d.urlish(j) && d.findWord(st, j-3, j, "your", "you", "ur") < 0 {
				h.ask = span{j, j + 1} // "my writing samples are on zaneleweb.co.za"
				return h, true
			}
			if profilePlaces[d.w(j)] && d.w(j-1) == "my" && d.findWord(st, j-3, j, placePrepositions...) > k &&
				!(d.findWord(st, k-3, k, "linked", "connected", "synced") >= 0 && d.w(j-2) == "to") {
				// "my full background is on my LinkedIn"; not "I linked my portfolio to my LinkedIn profile"
				h.ask = span{j, j + 1} // "my full background is on my LinkedIn"
				return h, true
			}
		}
		if p := d.placedAsContext(st, k); p >= 0 {
			h.ask = span{p, p + 1} // "My background is in the attached", "My portfolio is below so you know who…"
			return h, true
		}
	}
	return hit{}, false
}

// submittedToProgram reports whether the work sample at k is handed in
// to a program or an audition ("my audition reel for the company's
// apprentice program", "my portfolio for the fall studio programme"): an
// entry to that program, which the job-ask rules judge, not a resume
// offered to the reader.
func (d *detector) submittedToProgram(st sentence, k int) bool {
	if w := d.w(k - 1); w == "audition" || w == "application" {
		return true
	}
	for j := k + 1; j < min(st.t1, k+8); j++ {
		if d.w(j) == "for" || d.w(j) == "with" {
			if d.find(st, j+1, j+6, cSchool) >= 0 || d.findWord(st, j+1, j+6, "audition", "auditions", "intake", "call") >= 0 {
				return true
			}
		}
	}
	return false
}

// pointsInMessage reports whether the writer's work at k is said to be
// in this message: "below", "above", "here" or an address within a few
// words after it.
func (d *detector) pointsInMessage(st sentence, k int) bool {
	for j := k + 1; j < min(st.t1, k+5); j++ {
		if w := d.w(j); w == "below" || w == "above" || w == "here" || d.urlish(j) {
			return true
		}
	}
	return false
}

// hereIs reports where "here's my <work>" or "here is my <work>" presents
// the writer's work at k, followed by the end of the sentence, an address,
// a purpose or a condition ("here's my reel so you can see…", "here is my
// portfolio: …"), or -1; "here's my portfolio problem" presents a problem.
func (d *detector) hereIs(st sentence, k int) int {
	m := k - 1
	if d.w(m) != "my" {
		m-- // "here's my design portfolio"
	}
	if d.w(m) != "my" {
		return -1
	}
	p := -1
	switch {
	case d.w(m-1) == "here's" || d.w(m-1) == "heres":
		p = m - 1
	case d.w(m-1) == "is" && d.w(m-2) == "here":
		p = m - 2
	}
	if p < 0 {
		return -1
	}
	n := k + 1
	if n < st.t1 && d.w(n) == "link" {
		n++
	}
	if n >= st.t1 || d.urlish(n) || contextFollowers[d.w(n)] && (d.w(n) != "in" || d.w(n+1) == "case") {
		return p
	}
	return -1
}

// contextPlaces say where a message puts what it hands over: "is below",
// "is in the attached", "is linked here".
var contextPlaces = wordSet(`attached attachment attachments enclosed enclosure linked below above here pasted`)

// attachedFiles name the file a thing is in: "in the attached PDF".
var attachedFiles = wordSet(`pdf file files document documents doc docx one sheet`)

// contextFollowers may come after "below", "above" or "here" when they
// say where a thing is, not how it compares ("below par", "above
// average"): the end of the sentence, a purpose, a condition.
var contextFollowers = wordSet(`so for if in as to just and`)

// placedAsContext reports where the writer's work or background at k is
// said to be in the message itself ("my portfolio is below", "my
// background is in the attached", "my work is linked here"), with a
// copula between, or -1. "My background is in teaching", "my portfolio
// is below par" place nothing.
func (d *detector) placedAsContext(st sentence, k int) int {
	j := k + 1
	switch d.w(j) {
	case "is", "are", "'s", "sits", "lives":
		j++
	default:
		if !strings.HasSuffix(d.w(k), "'s") {
			return -1
		}
	}
	for j < st.t1 && (intensifiers[d.w(j)] || d.w(j) == "all" || d.w(j) == "right") {
		j++
	}
	inThe := false
	if d.w(j) == "in" || d.w(j) == "on" {
		if d.w(j+1) != "the" && d.w(j+1) != "this" {
			return -1
		}
		j += 2
		inThe = true
		if !contextPlaces[d.w(j)] || d.w(j) == "below" || d.w(j) == "above" || d.w(j) == "here" {
			return -1
		}
	}
	if j >= st.t1 || !contextPlaces[d.w(j)] || d.negatedBetween(k, j) {
		return -1
	}
	switch d.w(j) {
	case "below", "above", "here":
	default:
		if !inThe {
			return j // "my portfolio's attached"
		}
	}
	// What follows says where it is, not how it compares ("below par") or
	// what it is ("in the attached garage"); a file may be named ("in the
	// attached PDF").
	n := j + 1
	if inThe && attachedFiles[d.w(n)] {
		n++
	}
	if n < st.t1 && !d.urlish(n) && !(contextFollowers[d.w(n)] && (d.w(n) != "in" || d.w(n+1) == "case")) {
		return -1
	}
	return j
}

// withMeAt reports whether the writer's work at k is had at hand: "my
// portfolio with me", "my reel on hand", "my samples along".
func (d *detector) withMeAt(st sentence, k int) bool {
	for j := k + 1; j < min(st.t1, k+3); j++ {
		switch {
		case d.w(j) == "with" && d.w(j+1) == "me", d.w(j) == "on" && (d.w(j+1) == "hand" || d.w(j+1) == "me"), d.w(j) == "along":
			return true
		}
	}
	return false
}

// handedInNote reports whether the hand-over verb at j opens its sentence
// with the writer left out, as notes do, and says for whom or where:
// "Sending my portfolio link so you can see…", "Attaching my reel: …";
// not "Sending my portfolio to studios taught me a lot".
func (d *detector) handedInNote(st sentence, j int) bool {
	if j != st.t0 && !leadWords[d.w(j-1)] || d.w(j+1) != "my" || st.question {
		return false
	}
	for x := j + 2; x < st.t1; x++ {
		if d.is(x, cSecond) || d.urlish(x) {
			return true
		}
	}
	return false
}

// noteWords may stand before a resume that heads a note: "Reel + CV
// linked here", "Cover letter and CV attached".
var noteWords = wordSet(`and plus cover letter updated latest current full short my portfolio portfolios showreel showreels
	reel reels clips samples`)

// noteParticiples hand over what a note heads, with no verb of the
// writer's: "CV linked here", "Résumé attached".
var noteParticiples = wordSet(`attached linked enclosed included uploaded pinned below here above`)

// resumeNote reports whether the resume at k heads a note that hands it
// over by a participle right after it (or after what it is listed with),
// the writer understood: "Reel + CV linked here: vimeo.com/…".
func (d *detector) resumeNote(st sentence, k, ask int) bool {
	if st.question || !noteParticiples[d.w(ask)] || ask != d.predicateAfter(st, k) && ask != k+1 {
		return false
	}
	for x := st.t0; x < k; x++ {
		if !noteWords[d.w(x)] && !leadWords[d.w(x)] {
			return false
		}
	}
	return true
}

// inAddress reports whether token k is glued to a web address or a file
// name: a slash, a dot, an underscore right next to it.
func (d *detector) inAddress(k int) bool {
	t, tok := d.a.text, d.a.toks[k]
	before, after := byte(' '), byte(' ')
	if tok.start > 0 {
		before = t[tok.start-1]
	}
	if tok.end < len(t) {
		after = t[tok.end]
	}
	glue := func(b byte) bool { return b == '/' || b == '_' || b == '.' && !isSpace(after) }
	return glue(before) || after == '_' || after == '/' || after == '.' && tok.end+1 < len(t) && isLetterByte(t[tok.end+1])
}

// backgroundAttached finds the writer attaching a document about
// themselves that is not called a resume: "I've attached
// Tomasz_wine_stuff_FINAL.pdf, which covers where I'm coming from", "I
// have enclosed a short bio".
func (d *detector) backgroundAttached(st sentence) (hit, bool) {
	for j := st.t0; j < st.t1; j++ {
		switch d.w(j) {
		case "attached", "attach", "attaching", "enclosed", "enclose", "enclosing":
		default:
			continue
		}
		f := d.firstNear(st, j, 3)
		if f < 0 {
			// "I have taken the liberty of enclosing…": the writer as the
			// clause's subject, with no reader between
			if f = d.find(st, max(st.t0, d.clauseStart(j)), j, cFirst); f >= 0 && d.find(st, f, j, cSecond) >= 0 {
				f = -1
			}
		}
		if f < 0 || st.question || d.negatedBetween(f, j) || d.ch.invited(j) {
			continue
		}
		for k := j + 1; k < min(st.t1, j+16); k++ {
			if d.docFile(k) || backgroundWords[d.w(k)] || d.w(f) != "me" && d.w(f) != "my" &&
				(d.w(k) == "career" && d.w(k-1) == "my" && d.w(k-2) == "of" || d.is(k, cResume) && d.resumeNoun(st, k)) {
				// "a short account of my career to date, in the form of a CV";
				// not "told me to attach my résumé" (the writer told, not sending)
				return hit{target: span{k, k + 1}, ask: span{j, j + 1}, who: span{f, f + 1}}, true
			}
		}
	}
	return hit{}, false
}

// backgroundWords name a document about the writer.
var backgroundWords = wordSet(`background bio biography credentials qualifications coming`)

// docFile reports whether token k ends a document's file name: "….pdf".
func (d *detector) docFile(k int) bool {
	tok := d.a.toks[k]
	if tok.start == 0 || d.a.text[tok.start-1] != '.' {
		return false
	}
	switch tok.norm {
	case "pdf", "doc", "docx", "odt", "pages", "rtf":
		return true
	}
	return false
}

// resumeTopics follow "resume" when it names a subject, not a document:
// "your column on résumé myths", "résumé tips".
var resumeTopics = wordSet(`myths tips advice writing workshop workshops skills format formatting template templates
	builder gap gaps help clinic screening screeners keywords words bullet bullets design mistakes questions
	question feedback review reviews writer writers critique critiques`)

func (d *detector) resumeAt(st sentence, k int) (hit, bool) {
	a := d.a
	w := d.w(k)
	if resumeTopics[d.w(k+1)] {
		return hit{}, false
	}
	o := d.owner(k)
	if o != "" && o != "my" {
		return hit{}, false // "your resume advice"
	}
	if o == "" && d.withMeAt(st, k) && d.findWord(st, k-3, k, "a", "copy", "copies", "printed") >= 0 && d.firstNear(st, k, 6) >= 0 {
		o = "my" // "I'll have a printed CV on me": the writer's, like "my CV with me"
	}
	if o == "" && d.resumeInGeneral(st, k) {
		return hit{}, false // "do recruiters care whether a resume is attached?"
	}
	if st.question {
		for j := max(st.t0, k-6); j < k; j++ {
			if d.cls[j]&cSend != 0 && d.shouldIAsk(st, j) && d.notToReader(st, j, k) {
				return hit{}, false // "Should I bring my CV along to the interview?", "do I need to attach my CV when I apply?": advice asked
			}
		}
	}
	h := hit{target: span{k, k + 1}, ask: noSpan, who: noSpan}
	if o == "my" {
		h.who = span{k - 1, k}
		if d.w(k-1) != "my" {
			if m := d.findWord(st, k-3, k, "my"); m >= 0 {
				h.who = span{m, m + 1}
			}
		}
	} else if w == "resumes" || w == "cvs" {
		return hit{}, false // "stop sending résumés blindly" is about résumés in general
	} else if f := d.firstNear(st, k, 6); f >= 0 {
		h.who = span{f, f + 1}
	}
	if o == "my" && !st.question && d.withMeAt(st, k) && !d.onlyIfAsked(st, k) && d.findWord(st, k+1, st.t1, "interview", "interviews", "fair", "fairs") < 0 {
		// "I'll have a printed CV on me tomorrow if you'd like one": at hand for the reader, like work brought along
		if v := d.findWord(st, k-4, k, "have", "bring", "carry"); v >= 0 && d.findWord(st, v-2, v, "i'll", "will", "can", "could", "i'd", "would", "ill") >= 0 && !d.negatedBetween(v, k) {
			h.ask = span{v, v + 1}
			return h, true
		}
	}
	// A label or a heading: "Résumé: sophie.me/cv.pdf", "--- RÉSUMÉ ---".
	after := strings.TrimLeft(a.text[a.toks[k].end:], " \t")
	if strings.HasPrefix(after, ":") && k+1 < st.t1 || st.t1-st.t0 <= 2 && !st.question {
		h.ask = h.target
		return h, !d.negatedBetween(k, k)
	}
	// Where its predicate starts: past what it is listed with, "my CV and
	// a couple of pipeline projects are pinned in my profile".
	pred := d.predicateAfter(st, k)
	for j := max(st.t0, k-8); j < k; j++ {
		if d.addedOnto(st, j, k) {
			return hit{}, false // "I'll be adding both to my own resume": the writer's own edit
		}
	}
	// A verb that hands it over, with the writer (not the reader) as its
	// subject: "I can email you my résumé", "find my CV attached".
	for j := max(st.t0, k-8); j < min(st.t1, pred+8); j++ {
		if j == k || d.cls[j]&cSend == 0 {
			continue
		}
		if j < k && o != "my" && d.readerSubject(st, j) {
			continue // "could you share how you'd tailor a resume"
		}
		if j < k && (lookVerbs[d.w(j)] || d.is(j, cPass)) && d.readerAskedToLook(j) {
			return hit{}, false // "you asked to see my CV", "thanks for offering to pass my résumé": the reader's doing, told after the fact
		}
		if j < k && d.reportedAdvice(st, j) {
			return hit{}, false // "a careers adviser urged me to enclose a CV": advice told, not followed
		}
		if j < k && d.w(j-1) == "to" && thirdParties[d.w(j-2)] {
			continue // "nudge her to pass my resume along to HR": someone else hands it on, not to the reader
		}
		if bw := d.w(j); (bw == "bring" || bw == "bringing") && d.onlyIfAsked(st, k) {
			continue // bringing a copy to show only if asked is the method
		}
		if d.findWord(st, max(st.t0, min(j, k)-6), min(j, k), foreignShoulds...) >= 0 {
			continue // "Soll ich meinen Lebenslauf vorher schicken?", "me dijo que debo enviar mi CV": advice asked or told
		}
		if to := d.findWord(st, max(j, k)+1, max(j, k)+3, "naar"); to >= 0 && !dutchToUs[d.w(to+1)] {
			continue // "mijn cv sturen naar tien bedrijven": sent elsewhere; not "naar het gesprek", "naar jou"
		}
		if j < k && d.broughtElsewhere(st, k) {
			return hit{}, false // "I'll bring my CV along to the interview with the bank": someone else's occasion
		}
		if j < k && d.howAsked(st, j) {
			return hit{}, false // "¿Cómo envío mi CV a una empresa grande?", "How do I send my CV…?": advice asked
		}
		if bw := d.w(j); (bw == "lege" || bw == "füge" || bw == "fuege") && d.findWord(st, j+1, st.t1, "bei") < 0 {
			continue // German "lege … bei" encloses; "ich lege Wert auf…" values
		}
		if bw := d.w(j); j < k && (bw == "left" || bw == "leave" || bw == "leaving") && (d.w(k+1) == "off" || d.w(k+1) == "out" || d.w(k+1) == "behind" ||
			d.w(k+1) == "at" && (d.w(k+2) == "home" || d.w(k+2) == "work" || d.w(k+3) == "home")) {
			continue // "I left my CV off on purpose"
		}
		if d.negatedBetween(j, k) {
			return hit{}, false
		}
		if j < k && pastSends[d.w(j)] {
			if to := d.findWord(st, k+1, k+4, "to"); to >= 0 && !d.is(to+1, cSecond) && !d.writersPage(st, to+1) {
				continue // "I sent my CV to a few places last year": a story, not an offer
			}
		}
		if j > k && pastSends[d.w(j)] {
			if to := d.findWord(st, j+1, j+4, "to"); to >= 0 && !d.is(to+1, cSecond) {
				continue // "I updated my resume and sent it to three firms"
			}
		}
		h.ask = span{j, j + 1}
		break
	}
	// Or a place that points to it: a link, "here's my CV", "on my
	// LinkedIn", "in this chat", "is up on".
	if h.ask.t0 < 0 {
		for j := max(st.t0, k-3); j < min(st.t1, pred+10); j++ {
			if j != k && d.cls[j]&cPlace != 0 && (strongPlaces[d.w(j)] && (j < k || a.toks[j].clause == a.toks[k].clause) || j > k && d.findWord(st, j-3, j, placePrepositions...) > k) {
				if j > k && d.negatedBetween(k, j) {
					return hit{}, false // "my resume is not the point here"
				}
				h.ask = span{j, j + 1} // "here's my CV", "on my LinkedIn", "in this chat"; not "after our chat"
				break
			}
		}
		// An address in the sentence is where it is: "My portfolio and
		// résumé are at annikaberg.studio", "a Drive folder with my résumé:
		// drive.google.com/…"; not an address the reader owns.
		for j := max(st.t0, k-8); h.ask.t0 < 0 && j < min(st.t1, pred+16); j++ {
			if j != k && d.urlish(j) && d.findWord(st, j-3, j, "your", "you", "ur") < 0 {
				h.ask = span{j, j + 1}
			}
		}
		if j := d.findWord(st, k+1, k+5, "online", "up"); h.ask.t0 < 0 && j >= 0 {
			h.ask = span{j, j + 1} // "my CV is up", "is online"
		}
		if r := d.findWord(st, k+1, pred+6, "request"); h.ask.t0 < 0 && r >= 0 && (d.w(r-1) == "on" || d.w(r-1) == "upon") {
			h.ask = span{r - 1, r + 1} // "full CV available on request" offers it by itself
			if h.who.t0 < 0 {
				h.who = h.target
			}
		}
	}
	// Or handed over further on as "it": "I've rewritten my resume to lead
	// with my lab work — I've attached it"; not a story of where it went
	// ("and sent it to three firms").
	if h.ask.t0 < 0 && o == "my" {
		for j := pred + 1; j+1 < min(st.t1, k+24); j++ {
			if d.cls[j]&cSend == 0 || d.w(j+1) != "it" || d.firstNear(st, j, 3) < 0 || d.readerSubject(st, j) || d.negatedBetween(k, j) {
				continue
			}
			if to := d.findWord(st, j+2, j+4, "to"); pastSends[d.w(j)] && to >= 0 && !d.is(to+1, cSecond) {
				continue
			}
			h.ask = span{j, j + 1}
			break
		}
	}
	// Or handed over as a clitic "it" in Spanish or Portuguese further on
	// ("actualicé mi CV …; se lo adjunto"), or pointed to by a note that
	// ends the sentence ("Ik heb mijn cv bijgewerkt …, zie bijlage").
	if h.ask.t0 < 0 && o == "my" {
		for j := pred + 1; j < min(st.t1, k+24); j++ {
			if d.cls[j]&cSend != 0 && foreignIt[d.w(j-1)] && !d.negatedBetween(k, j) && !pastSends[d.w(j)] {
				h.ask = span{j, j + 1}
				break
			}
			if seeWords[d.w(j)] && d.is(j+1, cSend|cPlace) && j+2 >= st.t1 {
				h.ask = span{j, j + 2}
				break
			}
		}
	}
	// Or the reader invited to want it: "if you'd like my CV".
	if h.ask.t0 < 0 && d.w(k-1) == "my" {
		if j := d.findWord(st, k-4, k-1, "like", "want", "see", "need"); j >= 0 && (d.find(st, j-3, j, cSecond) >= 0 || st.question) &&
			!(lookVerbs[d.w(j)] && d.readerAskedToLook(j)) {
			h.ask = span{j, j + 1}
		}
	}
	if h.ask.t0 >= 0 && h.who.t0 < 0 {
		if d.w(h.ask.t0-1) == "my" {
			h.who = span{h.ask.t0 - 1, h.ask.t0} // "the resume is up on my linkedin"
		} else if f := d.find(st, h.target.t1, st.t1, cFirst); f >= 0 && d.find(st, st.t0, st.t1, cSecond) < 0 && d.w(f) != "me" {
			h.who = span{f, f + 1} // "Resume's in the drive folder I shared earlier"
		} else if k == st.t0 && h.ask.t0 == k+1 && !st.question {
			h.who = h.target // "Résumé pasted below for your reference": a note that opens with it, the writer understood
		} else if d.resumeNote(st, k, h.ask.t0) {
			h.who = h.target // "Reel + CV linked here: vimeo.com/…": a note, the writer understood
		} else if (st.t1-st.t0 <= 5 || st.t0 >= d.a.bodyT1) && (d.find(st, st.t0, st.t1, cSecond) < 0 ||
			d.find(st, st.t0, st.t1, cSecond) == h.ask.t0-1 && d.find(st, h.ask.t0, st.t1, cSecond) < 0) {
			// "cv's in ur inbox btw": the reader's only as where it went
			h.who = h.target // "ps. cv in thread", a signature's "Résumé & projects: …": a note that points, with no one else in it
		}
	}
	if h.ask.t0 < 0 || h.who.t0 < 0 && !strongPlaces[d.w(h.ask.t0)] && d.w(st.t0) != "please" && !st.question {
		return hit{}, false
	}
	if d.negatedBetween(k, k) {
		return hit{}, false
	}
	return h, true
}

// applicationEnclosed finds the writer's application enclosed or
// attached, which holds a resume: "consider the application I have
// enclosed", "my application is attached"; not an application sent
// elsewhere or the reader's form.
func (d *detector) applicationEnclosed(st sentence) (hit, bool) {
	for k := st.t0; k < st.t1; k++ {
		if w := d.w(k); w != "application" && w != "candidature" && w != "candidacy" && w != "applications" {
			continue
		}
		switch d.w(k + 1) {
		case "form", "forms", "portal", "fee", "fees", "process", "deadline", "link", "system", "guidelines":
			continue // "the application form I attached": a form, not the writer's papers
		}
		if o := d.owner(k); o != "" && o != "my" {
			continue
		}
		for j := max(st.t0, k-3); j < min(st.t1, k+5); j++ {
			switch d.w(j) {
			case "enclosed", "attached", "enclose", "attach", "attaching", "enclosing":
			default:
				continue
			}
			f := d.find(st, max(st.t0, k-4), min(st.t1, j+1), cFirst)
			if f < 0 || d.negatedBetween(min(j, k), max(j, k)) || d.findWord(st, k+1, j, "to", "for", "with") >= 0 {
				continue // "the application form with the CV attached"
			}
			return hit{target: span{k, k + 1}, ask: span{j, j + 1}, who: span{f, f + 1}}, true
		}
	}
	return hit{}, false
}

// foreignIt are the clitics that stand for a resume named before a verb
// that hands it over: "se lo adjunto", "te lo mando", "o envio".
var foreignIt = wordSet(`lo la lho lha`)

// seeWords point to an attachment that ends a sentence: "zie bijlage",
// "see attached", "siehe Anhang", "vedi allegato", "ver anexo".
var seeWords = wordSet(`zie see siehe vedi veja ver voir`)

// predicateAfter returns where the predicate of the noun at k starts: the
// next token, or, when the noun is listed with others ("my CV and a couple
// of projects are…", "my résumé, with samples, is…"), the verb after the
// list, at most ten words on.
func (d *detector) predicateAfter(st sentence, k int) int {
	switch d.w(k + 1) {
	case "and", "plus", "with", "along", "together", "alongside":
	default:
		return k + 1
	}
	for j := k + 2; j < min(st.t1, k+11); j++ {
		switch d.w(j) {
		case "is", "are", "sit", "sits", "live", "lives", "can", "should", "will":
			return j
		}
	}
	return k + 1
}

// urlish reports whether token k is part of a web address: a word joined
// to the next by a dot ("annikaberg.studio", "drive.google.com") or a
// slash, or "http"/"www".
func (d *detector) urlish(k int) bool {
	t, tok := d.a.text, d.a.toks[k]
	switch tok.norm {
	case "http", "https", "www":
		return true
	}
	if tok.end+2 >= len(t) || tok.end-tok.start < 2 {
		return false
	}
	switch t[tok.end] {
	case '/':
		return isWordRune(firstRune(t[tok.end+1:]))
	case '.':
		// "annikaberg.studio", not "e.g." or "Ph.D"
		n := 0
		for n < len(t)-tok.end-1 && isLetterByte(t[tok.end+1+n]) {
			n++
		}
		return n >= 2
	}
	return false
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// reportedAdvice reports whether the verb at j is what someone told the
// writer to do: "a careers adviser urged me to enclose a CV", "everyone
// tells me to attach my résumé".
func (d *detector) reportedAdvice(st sentence, j int) bool {
	to := j - 1
	if d.w(to) != "to" {
		to-- // "told me to always attach"
	}
	if d.w(to) != "to" || d.w(to-1) != "me" {
		return false
	}
	return adviceVerbs[d.w(to-2)]
}

// thirdParties are someone else the reader is asked to get to hand a
// resume on: "ask her to pass my resume to HR".
var thirdParties = wordSet(`her him them`)

// adviceVerbs tell what someone else urged the writer to do.
var adviceVerbs = wordSet(`urged urge urges told tell tells advised advise advises asked ask asks suggested encouraged
	encourage encourages recommended pushed push pushes wanted reminded`)

// pastSends tell of a resume sent elsewhere when a destination follows.
var pastSends = wordSet(`sent submitted emailed mailed uploaded posted shared forwarded handed flicked pinged`)

// placePrepositions put a resume somewhere: "on my LinkedIn", "in this chat".
var placePrepositions = []string{"in", "on", "at", "via", "through", "into", "to", "from", "under",
	"im", "nella", "nel", "sul", "sulla", "dans", "sur", "en", "op", "na", "nos", "nas"}

// strongPlaces point at a document by themselves, whoever owns it.
var strongPlaces = wordSet(`here here's below above attached link http https www url attachment attachments overleaf follows`)

// readerSubject reports whether the verb at j has the reader as subject:
// "could you share", "if you forward".
func (d *detector) readerSubject(st sentence, j int) bool {
	for x := j - 1; x >= max(st.t0, j-3); x-- {
		switch d.w(x) {
		case "you", "u":
			switch d.w(x - 1) {
			case "could", "would", "can", "will", "do", "did", "if", "as", "when", "should", "might", "that":
				return true
			}
			return x == st.t0
		case "i", "i'm", "i'd", "i'll", "i've", "we", "we'll":
			return false
		}
	}
	return false
}

// onlyIfAsked reports whether "in case you ask", "if you ask", "if asked"
// or "in case you would like to see it" follows token k.
func (d *detector) onlyIfAsked(st sentence, k int) bool {
	c := d.findWord(st, k+1, k+5, "if", "case", "should")
	if c < 0 {
		return false
	}
	return d.findWord(st, c+1, c+3, "you", "asked", "requested", "needed", "wanted") >= 0
}

// resumeNoun tells "my resume" from "resume our conversation".
func (d *detector) resumeNoun(st sentence, k int) bool {
	w := d.w(k)
	if w == "curriculum" {
		// "Follows attached my curriculum" in Portuguese or Spanish English,
		// "il mio curriculum" in Italian; "the curriculum", "my curriculum
		// for the unit" are a syllabus.
		mine := d.w(k-1) == "my" || d.w(k-1) == "mio" || d.w(k-1) == "meu" || d.w(k-1) == "mi" || d.w(k-1) == "mon"
		switch d.w(k + 1) {
		case "for":
			return mine && (d.w(k+2) == "your" || d.w(k+2) == "you") // "for your consideration", not "for the unit"
		case "of", "on", "about", "design", "plan", "plans", "unit", "units":
			return false
		}
		return mine
	}
	if w != "resume" || strings.ContainsRune(d.a.text[d.a.toks[k].start:d.a.toks[k].end], 'é') {
		return true
	}
	switch d.w(k + 1) {
	case "is", "are", "attached", "here", "at", "on", "in", "and", "below", "link", "for", "is's", "pdf":
		return true
	}
	switch d.w(k - 1) {
	case "to", "we", "i", "can", "could", "will", "'ll", "let's", "and", "then", "would", "should", "please", "i'll", "we'll":
		return false
	}
	return true
}

// openingThenAsked finds an opening named in sentence s (a posting seen,
// a traineeship sought, "you were looking for a part-time assistant") and
// the next sentence asking for it by reference: a condition on it with
// the writer's wish ("If that's still the case, I'd jump at it!"), a
// question whether the reader's place has one ("Could you tell me whether
// your team has one available?"), or a word put in for the writer ("a
// word to Dr. Patel would mean the world").
func (d *detector) openingThenAsked(s int, buf []ask) (hit, bool) {
	a := d.a
	if s+1 >= len(a.sents) {
		return hit{}, false
	}
	st, next := a.sents[s], a.sents[s+1]
	if d.is(st.t0, cWh) || d.is(next.t0, cWh) {
		return hit{}, false
	}
	// What the next sentence asks, read first: it is cheaper than the
	// targets, and most sentences ask nothing of the kind.
	h := hit{ask: noSpan, who: noSpan}
	word := false
	if c := d.findWord(next, next.t0, next.t1, "if", "should"); c >= 0 && d.findWord(next, c+1, c+4, "that", "that's", "it", "it's", "this", "so", "still", "they", "you") >= 0 {
		// A condition on it, then the writer's wish or offer. A condition
		// on the reader must be about the opening ("if you still need
		// one"), not about their time or thoughts ("if you have a moment,
		// I'd be grateful").
		r := d.findWord(next, c+1, c+4, "that", "that's", "it", "it's", "this", "so", "still", "they", "you")
		for _, as := range d.asks(next, buf[:0]) {
			j := as.sp.t0
			if d.w(r) == "you" && d.findWord(next, r+1, j, openingRefs...) < 0 {
				continue
			}
			if (as.kind == askWish || as.kind == askOffer) && j > c && d.firstNear(next, j+1, 4) >= 0 &&
				!d.negatedBetween(c, j) && d.find(next, j+1, next.t1, cBarrier) < 0 {
				h.ask, h.kind, h.who = span{c, as.sp.t1}, askCond, d.writerNear(next, j)
				break
			}
		}
	}
	if h.ask.t0 < 0 && next.question && d.find(next, next.t0, next.t1, cSecond) >= 0 {
		// A question whether the reader's place has one: "has one available?"
		for o := next.t0; o < next.t1 && h.ask.t0 < 0; o++ {
			if w := d.w(o); w != "one" && w != "any" && w != "some" && !((w == "it" || w == "it's" || w == "that's") && d.findWord(next, o+1, o+3, "still") >= 0) {
				continue
			}
			v := d.findWord(next, o+1, o+4, "available", "open", "going", "free", "vacant", "coming")
			if v < 0 || v+1 < next.t1 && a.toks[v+1].clause == a.toks[v].clause && !timeAfter[d.w(v+1)] {
				continue // "any open days?" asks about something else
			}
			if d.negatedBetween(next.t0, v) || d.barrierBetween(next.t0-1, o) && d.findWord(next, next.t0, o, "whether", "if") < 0 {
				continue
			}
			h.ask, h.kind, h.who = span{next.t0, v + 1}, askQuestion, d.writerNear(next, o)
		}
	}
	for x := next.t0; h.ask.t0 < 0 && x < next.t1; x++ {
		// The writer put forward for it: "I'd love to throw my name in",
		// "count me in", "sign me up", "please consider me".
		w := d.w(x)
		putForward := (w == "name" || w == "hat") && d.w(x-1) == "my" && (d.w(x+1) == "in" || d.w(x+1) == "forward" || d.w(x+1) == "down") ||
			(w == "count" || w == "sign") && d.w(x+1) == "me" && (d.w(x+2) == "in" || d.w(x+2) == "up") ||
			w == "consider" && d.w(x+1) == "me" || w == "considered" && d.w(x-1) == "be"
		if !putForward || d.negatedBetween(next.t0, x) {
			continue
		}
		if f := d.findWord(next, x+1, x+4, "for"); f >= 0 && d.find(next, f+1, min(next.t1, f+5), cJob|cWeak|cHire) < 0 && d.w(f+1) != "it" && d.w(f+1) != "that" {
			continue // "count me in for the interview tips": something else
		}
		if d.find(next, max(next.t0, x-5), x, cModal|cWish) >= 0 || x <= next.t0+1 || d.w(x-1) == "please" || d.w(x-1) == "kindly" {
			h.ask, h.kind, h.who = span{x, min(next.t1, x+2)}, askWish, d.writerNear(next, x)
		}
	}
	for x := next.t0 + 1; h.ask.t0 < 0 && x+1 < next.t1; x++ {
		// A word put in with someone who decides: "a word to Dr. Patel".
		if d.w(x) != "word" || d.w(x-1) != "a" && d.w(x-1) != "good" || d.w(x+1) != "to" && d.w(x+1) != "with" {
			continue
		}
		if !d.capitalized(x+2) && !bossWords[d.w(x+2)] && !bossWords[d.w(x+3)] && d.w(x+2) != "your" && d.w(x+2) != "the" || d.negatedBetween(next.t0, x) {
			continue
		}
		end := x + 3
		if d.capitalized(end) {
			end++ // "a word to Dr. Patel"
		}
		h.ask, h.kind, h.who, word = span{x - 1, end}, askPass, d.writerNear(next, x), true
	}
	if h.ask.t0 < 0 {
		return hit{}, false
	}
	// The opening the sentence before names.
	for k := st.t0; k < st.t1; k++ {
		if sp, self, ok := d.target(st, k); ok && !self && !d.negatedBetween(sp.t0, sp.t1-1) {
			if word && !d.is(sp.t0, cJob|cHire) && !d.is(sp.t1-1, cJob|cHire) {
				continue // a word put in is for a job, not for "a spot at your open day"
			}
			h.target = sp
			return h, true
		}
		if !word && d.is(k, cNeed|cHire) && d.find(st, max(st.t0, k-4), k, cSecond|cOrg) >= 0 && !d.negatedBetween(k, k) &&
			d.findWord(st, st.t0, st.t1, gatherings...) < 0 && d.findWord(st, st.t0, st.t1, eventWords...) < 0 {
			// "you were looking for a part-time assistant"
			for p := k + 1; p < min(st.t1, k+7); p++ {
				if d.personAt(p) && !d.is(p, cFirst|cSecond) && !notRoles[d.w(p)] || entryPeople[d.w(p)] {
					h.target = span{k, p + 1}
					return h, true
				}
			}
		}
	}
	return hit{}, false
}

// openingRefs refer back to an opening in a condition on the reader:
// "if you still need one", "if you're hiring", "if it's open".
var openingRefs = []string{"still", "one", "it", "them", "need", "needs", "looking", "hiring", "open", "room", "ever"}

// writerNear is the writer's word nearest token j in st, or noSpan.
func (d *detector) writerNear(st sentence, j int) span {
	if f := d.nearest(st, j, cFirst); f >= 0 {
		return span{f, f + 1}
	}
	return noSpan
}

// timeAfter are words that may follow "any open" without naming something else.
var timeAfter = wordSet(`now right currently at this next soon there for`)

// addedOnto reports whether the resume at k is where the writer adds
// something (verb at j): "I'll be adding both skills to my own resume",
// "I put the course on my CV"; not "I've added a link to my resume" nor
// "I've added my resume to this email".
func (d *detector) addedOnto(st sentence, j, k int) bool {
	switch d.w(j) {
	case "add", "added", "adding", "put", "putting", "include", "included", "including", "list", "listed", "listing":
	default:
		return false
	}
	p := k - 1
	if d.w(p) == "own" || d.w(p) == "updated" || d.w(p) == "new" {
		p--
	}
	if d.w(p) != "my" || d.w(p-1) != "to" && d.w(p-1) != "on" && d.w(p-1) != "onto" && d.w(p-1) != "in" {
		return false
	}
	for x := j + 1; x < p-1; x++ {
		if d.is(x, cPlace|cSecond) || d.w(x) == "me" || d.w(x) == "my" {
			return false // "added a link to my resume", "add me to", "put my name on my resume"
		}
	}
	return true
}

// Asks in Spanish, Portuguese, Italian, German and French letters, read
// with the same target × ask × writer structure as English, from a small
// lexicon per language: an opening ("si su hospital abre plazas", "se
// surgir alguma vaga", "un posto nel vostro studio", "Unterstützung im
// Team") with a wish or a condition ("le agradecería", "ficaria feliz",
// "mi farebbe piacere", "würde ich gern") for the writer ("me tuviera en
// cuenta", "lembrasse de mim", "pensasse a me", "würde ich … mitarbeiten").
// A learning word ("cómo llegó a su puesto", "wie Sie Ihre Stelle
// gefunden haben") or a negation ("no busco empleo") asks nothing.
var (
	foreignTargets = wordSet(`contratando contratan contratam recrutez recrutent recrutant embauchez embauchent assumendo assumete
		einstellen praktikanten praktikantin posizioni posizione stellenangebote
		vacante vacantes puesto puestos plaza plazas empleo prácticas practicas
		vaga vagas emprego estágio estagio estagiários estagiárias estagiarios estagiarias
		posto posti tirocinio stage impiego
		stelle stellen praktikum praktikumsplatz praktikumsstelle ausbildungsstelle anstellung ausbildungsplatz unterstützung verstärkung mitarbeiten
		poste postes emploi
		freela freelas freelance freelances freelancer bico bicos chamba chambas chambita pasantía pasantías pasantia pasantias
		apprendistato l'apprendistato alternance l'alternance
		cdd cdi interim intérim stagiaire stagiaires alternant alternante commis plongeur plongeurs saisonnier saisonniers saisonnière saisonnières
		stagista stagisti tirocinante tirocinanti collaboratrice collaboratore collaboratori collaborazione lavoretto lavoretti
		estagiário estagiária estagiario estagiaria frila frilas
		becario becaria becarios pasante pasantes practicante practicantes suplencia suplencias
		aushilfe aushilfen zeitarbeit werkstudenten werkstudentinnen
		probewoche probetag probetage probearbeiten probearbeit schnupperpraktikum schnuppertag schnupperwoche hospitation hospitieren
		stageplek stageplekken stageplaats stageplaatsen vacature vacatures baan baantje bijbaan bijbaantje werkplek meeloopdag meeloopstage
		jobstudent jobstudenten studentenjob studentenjobs vakantiejob vakantiejobs
		recrute recrutes recrutiez postuler candidater apprenti apprentie apprentis apprenties solliciteren solliciteer
		stagiair stagiairs traineeplek traineeplekken traineeplaats leerwerkplek leerwerkplekken leerwerkplaats leerwerkbaan werkervaringsplek
		afstudeerplek afstudeerstage snuffelstage proefdag`)
	foreignAsks = wordSet(`busco procuro cerco suche cherche avíseme avisarme avísenme avisenme avísame avisame fammi
		si cuando agradecería agradeceria encantaría encantaria gustaría gustaria tuviera tuviese
		se caso ficaria gostaria lembrasse lembrar agradeceria
		mai piacere piacerebbe pensasse grato grata
		falls wenn würde wurde gern gerne freuen
		serais serait reconnaissant reconnaissante
		encantado encantada estaría estaria felice lieto lieta ravi ravie heureux heureuse
		disposición disposicion disposição disposicao disposizione disponible disponibile disponível disponivel bereit
		adoraría adoraria adorerei adorerais topo posso puedo potrei pourrais
		j'espere espere penserez penseriez pensiez contar cuente conte contare compter comptez
		graag zou zouden als zoek mocht
		souhaiterais souhaiterait aimerais voudrais
		quisiera quería queria vorrei möchte moechte
		solliciter sollicite sollicitons solicitar solicito solicitarle
		cualquier qualquer qualsiasi`)
	foreignWriter = wordSet(`me mí mi mim mich mir ich io moi je eu yo comigo conmigo ik mij j'ai`)
	// foreignMy own the writer's resume, which names the writer: "segue meu
	// currículo em anexo, caso surja alguma vaga".
	foreignMy = wordSet(`meu minha mon mein meinen meine mio mia mijn`)
	// foreignBarriers make a question about the field: how, what, to know.
	// Not "qué": folded like the text it is "que", the conjunction.
	foreignBarriers = wordSet(`cómo como saber conocer entender aprender
		sobre saber conhecer entender aprender
		come cosa capire sapere conoscere imparare
		wie was verstehen erfahren lernen hören hoeren
		escuchar ouvir ascoltare sentire entendre
		comment comprendre savoir apprendre
		duda dudas pregunta preguntas dúvida dúvidas duvida duvidas domanda domande dubbio dubbi frage fragen question questions
		hora horario reunión reunion llamada cita fecha horário reunião ligação chamada data orario riunione chiamata appuntamento
		termin uhrzeit gespräch horaire rendez appel réunion incontro l'incontro dell'incontro all'incontro encuentro encontro rencontre
		charla charlas conferencia ponencia palestra conférence conferenza vortrag gesprek
		üblich typisch común comun habitual comum comune normale courant habituel tipico típico
		hoe wat leren begrijpen horen weten vertellen gebruikelijk
		com'e com'era cos'e`)
	foreignNegators = wordSet(`no não nao nicht kein keine keinen non pas nunca nie niet geen nooit`)
	// foreignPaid follow a negator that only says the work is unpaid: "un
	// stage non rémunéré", "prácticas no remuneradas", "tirocinio non retribuito".
	foreignPaid = wordSet(`remunerado remunerada remunerados remuneradas remunere remuneree remuneres remunerees
		remunerato remunerata remunerati retribuito retribuita retribuiti pagato pagata pagado pagada pagados pagadas
		pago paga paye payee payes bezahlt bezahlte bezahltes vergütet`)
	// portugueseAfterNo follow "no" as "in the", not as a negation: "no verão".
	portugueseAfterNo = wordSet(`verão verao inverno outono próximo proximo ano mês mes futuro momento
		hospital setor seu meu escritório escritorio laboratório laboratorio time departamento final início inicio
		segundo primeiro terceiro semestre trimestre verão`)
	// foreignOthers own a target that is the reader's: "su puesto actual".
	foreignOthers = wordSet(`su sua suo seu ihre ihrer ihren ihr votre`)
)

// More of the same structure, read off other parts of the sentence: the
// reader's hiring side ("su jefe de contratación", "Ihrer
// Personalabteilung"), the reader's place once "with you" follows a work
// verb ("trabajar con ustedes", "bei Ihnen arbeiten", "lavorare per voi"),
// and a need for someone ("si necesitan a alguien", "caso precisem de
// ajuda"). A polite request ("¿podría…?", "könnten Sie…") or a
// recommendation ("recomendarme", "me indicar", "raccomandarmi") asks; a
// first-person verb ("estoy", "sarei", "bin") or a pronoun fused to the
// verb ("considerarme") is the writer.
var (
	foreignHiring = wordSet(`contratación contratacion selección seleccion recrutamento contratação contratacao
		assunzioni assunzione selezione personalabteilung personalverantwortlichen personalleitung recrutement embauche rh`)
	foreignWork   = wordSet(`trabajar trabalhar lavorare arbeiten mitzuarbeiten travailler colaborar collaborare werken meewerken`)
	foreignReader = wordSet(`ustedes usted vosotros vocês voces você voce voi lei ihnen euch vous jullie`)
	foreignNeed   = wordSet(`necesitan necesiten necesita necesitaran necesitasen precisem precisarem precisam precisar
		bisogno servisse serve servono servirebbe servirebbero brauchen precisarem braucht bräuchten brauchten besoin
		gebruiken gebrauchen`)
	foreignSomeone = wordSet(`alguien alguém alguem ayuda ajuda apoyo apoio refuerzo reforço qualcuno aiuto rinforzo
		jemanden jemand hilfe quelqu'un renfort mano mão mao rinforzi refuerzos reforços renforts verstärkung
		persona persone pessoa pessoas personale personnel mitarbeiter mitarbeiterin mitarbeiterinnen leute verstärkung gente
		iemand mensen versterking collega collega's medewerker medewerkers krachten`)
	foreignPersonWords = wordSet(`persona persone pessoa pessoas`)
	// foreignPlaces are a place on a team only when it is for the writer:
	// "¿Habría hueco para mí en su despacho?", "um lugar para mim"; not "un
	// hueco en su agenda" (time for a call).
	foreignPlaces = wordSet(`hueco sitio lugar espacio cabida place plek plekje espaço`)
	// foreignSeekNeed are the reader's place seeking people, a need when
	// the reader is its subject: "Zijn jullie op zoek naar nieuwe mensen?",
	// "Suchen Sie gerade Mitarbeiter?", "Cercate qualcuno in cantina?"; the
	// writer seeking someone to talk to ("ik zoek iemand die…") is no need.
	foreignSeekNeed  = wordSet(`zoek zoeken zoekt suchen sucht cherchez cherchent buscan buscando procuram procurando cercate cercano cercando ricerca`)
	foreignPolite    = wordSet(`podría podria podrías pudiera poderia poderá potrebbe potreste könnten koennten könnte pourriez pourrait`)
	foreignRecommend = wordSet(`recomendarme recomendar recomiende recomendara indicar indicasse indique recomendasse
		raccomandarmi raccomandare segnalarmi segnalare empfehlen weiterempfehlen recommander recommandiez`)
	// foreignChances are a target only when they arise: "si surge alguna
	// oportunidad", "falls sich eine Möglichkeit ergibt", "se surgir algo".
	foreignChances = wordSet(`oportunidad oportunidades oportunidade oportunidades occasione occasioni opportunità opportunita
		möglichkeit gelegenheit opportunité opportunite algo qualcosa etwas coisa cosa chose un'occasione un'opportunità l'occasione`)
	foreignArise = wordSet(`surge surgiera surgiese surja surjan surgir surgisse presenta presente presentarsi presentasse
		présente presente ergibt ergeben ergeben libera liberarsi liberasse abre abra abriera aparece apareça aparecer
		houver haja hay haya hubiera hubiese gäbe gibt sale salga saliera
		pintar pintou pinte rolar rolou libere liberer libererait liberait`)
	// foreignAskWhether are the barriers that ask whether a place exists
	// when foreignWhether follows them ("ich würde gern fragen, ob ein
	// Praktikumsplatz frei wäre", "quisiera saber si tienen prácticas"),
	// not a question about the field.
	foreignAskWhether = wordSet(`fragen saber sapere savoir`)
	// foreignSeeks are the writer seeking, in the first person: a seek
	// makes "trabajo" a target too ("busco trabajo en su empresa").
	foreignSeeks     = wordSet(`busco procuro cerco suche cherche zoek`)
	foreignWorkNouns = wordSet(`trabajo trabalho lavoro arbeit travail werk`)
	// foreignQuestionReaders make a question one put to the reader's
	// place: "¿tienen prácticas…?", "vocês estão contratando?".
	foreignQuestionReaders = wordSet(`ustedes usted vosotros vocês voces você voce voi ihnen euch vous sie
		su sus sua suo seu vuestro vuestra vostro vostra vostri ihre ihrem ihrer ihren votre vos tienen tiene têm tem avete haben avez
		jullie uw hebben heeft están estan estáis estais estão estao ihr habt`)
	foreignSelf = wordSet(`avíseme avíseme avisarme avísenme avisenme avísame avisame fammi busco procuro cerco suche cherche
		estoy estou sono bin suis sarei serei seré serai vorrei ficarei estaría estaria
		recomendarme considerarme tenerme raccomandarmi segnalarmi considerarmi
		adoraria adoraría gostaria ficaria topo posso puedo potrei pourrais
		chiederei chiedo domanderei pregunto preguntaría preguntaria pergunto perguntaria demanderais
		quisiera quería queria volevo wollte voulais voudrais sollicite solicito`)
	// foreignAlso stand between "saber" and "se": "queria saber também se
	// vocês estão contratando".
	foreignAlso = wordSet(`também tambem también tambien aussi auch anche ook ainda inoltre`)
	// foreignAs are "as" before a target: "incluso como pasante ad
	// honorem", "come stagista", "comme stagiaire"; not "cómo llegó a su
	// puesto", which folds to the same word with something between.
	foreignAs = wordSet(`como come comme`)
	// foreignArticles may stand between "as" and the target: "como un pasante".
	foreignArticles = wordSet(`un una uno um uma une`)
	// foreignTrials are a trial period or day at the reader's place:
	// "un periodo di prova", "un día de prueba", "une période d'essai".
	foreignTrialSpans = wordSet(`periodo período periode période giornata giorno día dia journée semana settimana semaine jornada`)
	foreignTrials     = wordSet(`prova prueba essai d'essai experiência experiencia`)
)

// foreignTarget reports whether token k is an opening in a foreign letter
// and whether it names the writer by itself (a recommendation for "me").
func (d *detector) foreignTarget(st sentence, k int) bool {
	switch foreignKinds[d.w(k)] {
	case fNone:
		// A German compound names a post by its head: "Werkstudentenstelle",
		// "Praktikumsplatz", "Ferienjob".
		// "collaborazione a partita IVA": freelance work in Italy.
		// A trial period or day: "anche solo per un periodo di prova ci sono".
		// An English post in a Spanish or Portuguese sentence: "si sale
		// algún part-time de aide", "se abrir alguma opening".
		if d.is(k, cJob) || switchedPosts[d.w(k)] || d.w(k) == "part" && d.w(k+1) == "time" {
			for j := max(st.t0, k-2); j < k; j++ {
				if foreignAnys[d.w(j)] {
					return true
				}
			}
		}
		return germanPost(d.w(k)) && !foreignOthers[d.w(k-1)] || d.w(k) == "iva" && d.w(k-1) == "partita" ||
			foreignTrials[d.w(k)] && (foreignTrialSpans[d.w(k-1)] || (d.w(k-1) == "di" || d.w(k-1) == "de") && foreignTrialSpans[d.w(k-2)])
	case fTarget:
		return !foreignOthers[d.w(k-1)]
	case fHiring:
		return true
	case fWork:
		// "trabajar con ustedes", "lavorare per voi", "bei Ihnen arbeiten"
		return foreignReader[d.w(k+2)] || foreignReader[d.w(k+1)] || foreignReader[d.w(k-1)] || foreignReader[d.w(k-2)] || foreignReader[d.w(k-3)] ||
			foreignAtPlace[d.w(k+1)] && readersPlaceWords[d.w(k+2)] // "trabalhar na sua equipe", "travailler dans votre équipe"
	case fNeed:
		if servesAs[d.w(k+1)] && strings.HasPrefix(d.w(k), "serv") {
			return false // "se serve de ajuda", "serve a capire": it serves, nobody needs
		}
		for j := max(st.t0, k-3); j < min(st.t1, k+4); j++ {
			if (foreignSomeone[d.w(j)] || d.personAt(j) && !foreignWriter[d.w(j)]) && !(d.w(j+1) == "da" && foreignPersonWords[d.w(j)]) {
				return true // not "una persona da intervistare": someone to interview, not to hire
			}
		}
	case fChance:
		for j := max(st.t0, k-4); j < min(st.t1, k+4); j++ {
			if foreignArise[d.w(j)] {
				return true // "si surge alguna oportunidad en su equipo"
			}
		}
	case fWorkNoun:
		for j := max(st.t0, k-3); j < k; j++ {
			if foreignSeeks[d.w(j)] {
				return true // "busco trabajo en su empresa"
			}
		}
	case fPlace:
		p := d.w(k + 1)
		return (p == "para" || p == "pour" || p == "per" || p == "voor") && foreignWriter[d.w(k+2)]
	case fSeekNeed:
		reader := false
		for j := max(st.t0, k-3); j < min(st.t1, k+3); j++ {
			reader = reader || foreignReader[d.w(j)] || seekingReaders[d.w(j)]
		}
		// The reader's place by its possessive, before the seeking or after
		// a preposition: "si en tu hospital buscan gente", "si algún día
		// buscan gente en su despacho"; not "nel vostro settore" (a field)
		// nor "la vostra storia".
		for j := max(st.t0, k-4); j < min(st.t1-1, k+6) && !reader; j++ {
			reader = readersPlaces[d.w(j)] && (j < k || foreignIn[d.w(j-1)]) && !foreignSomeone[d.w(j+1)] && !foreignFields[d.w(j+1)]
		}
		for j := k + 1; reader && j < min(st.t1, k+5); j++ {
			if foreignSomeone[d.w(j)] {
				return true // "zijn jullie op zoek naar nieuwe mensen?"
			}
		}
	}
	return false
}

// foreignAnys are "any" in Spanish, Portuguese, Italian and French: an
// English post after one is asked for in a code-switched message.
var foreignAnys = wordSet(`algún algun alguna alguno algum alguma qualche quelque`)

// switchedPosts are English posts a code-switched message names that the
// English cue table leaves weak: "algún part-time", "alguna shift".
var switchedPosts = wordSet(`part-time parttime full-time shift shifts spot role aide opening`)

// servesAs follow "serve" when it serves as something rather than is
// needed: "se isso serve de ajuda" (Portuguese), "serve a capire".
var servesAs = wordSet(`de di da a como come para per`)

// germanPosts are the heads of German compounds that name a post, and
// germanPostKinds the first parts that make "-stelle" or "-platz" one
// (not "Schnittstelle", "Anlaufstelle", "Parkplatz"); a "-job" is one
// whatever comes first ("Studentenjob", "Nebenjob", "Sommerjob").
var (
	germanPosts     = []string{"stelle", "stellen", "platz", "plätze", "plaetze"}
	germanPostKinds = []string{"werkstudent", "praktikum", "praktikant", "ausbildung", "lehr", "azubi", "trainee", "volontär",
		"volontaer", "volontariat", "aushilf", "teilzeit", "vollzeit", "minijob", "junior", "einstieg", "nachwuchs", "assistenz",
		"doktorand", "promotion", "referendar", "arbeit", "studenten", "hilfskraft", "hiwi", "berufseinsteiger", "festanstellung", "anfänger", "elternzeitvertretung", "vertretung"}
)

// germanPost reports whether w is a German compound naming a post.
func germanPost(w string) bool {
	if len(w) < 8 {
		return false // most words: one length test
	}
	if strings.HasSuffix(w, "job") || strings.HasSuffix(w, "jobs") || strings.HasSuffix(w, "praktikum") || strings.HasSuffix(w, "praktika") {
		return true // "Ferialpraktikum", "Sommerpraktikum": an internship by its head
	}
	for _, h := range germanPosts {
		if strings.HasSuffix(w, h) {
			first := w[:len(w)-len(h)]
			for _, p := range germanPostKinds {
				if strings.HasPrefix(first, p) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// The kinds of foreign target word, in one map so that a sentence without
// any costs one look-up a word.
const (
	fNone uint8 = iota
	fTarget
	fHiring
	fWork
	fNeed
	fChance
	fWorkNoun
	fSeekNeed
	fPlace
)

var foreignKinds = func() map[string]uint8 {
	m := map[string]uint8{}
	for _, set := range []struct {
		words map[string]bool
		kind  uint8
	}{{foreignWorkNouns, fWorkNoun}, {foreignChances, fChance}, {foreignNeed, fNeed}, {foreignWork, fWork}, {foreignHiring, fHiring}, {foreignTargets, fTarget}, {foreignSeekNeed, fSeekNeed}, {foreignPlaces, fPlace}} {
		for w := range set.words {
			m[w] = set.kind
		}
	}
	return m
}()

// seekingReaders are the reader as the subject of a seek, besides
// foreignReader: "Suchen Sie…", "zoekt u…", "Siete alla ricerca di…",
// "Sucht ihr…".
var seekingReaders = wordSet(`sie u siete state ihr`)

// readersPlaces are the reader's possessives before the place that seeks
// people: "tu hospital", "su despacho", "il vostro studio", "jullie zaak";
// foreignIn put such a place after the seeking ("en su despacho"), and
// foreignFields are no place but a field ("nel vostro settore").
var (
	readersPlaces = wordSet(`su sus tu tus tuo tua vostro vostra vostri seu sua seus suas votre vos ton ta ihre ihrer ihrem jullie uw`)
	foreignIn     = wordSet(`en in nel nella nello no na dans bei im em`)
	foreignFields = wordSet(`settore settori sector sectores setor setores campo campos área area ramo branche branchen secteur domaine
		vakgebied industria industrie indústria mercato mercado markt marché mundo mondo monde welt wereld`)
)

// frenchWishes follow an elided "j'" as the writer's wish: "j'aimerais",
// "j'adorerais", "j'espère".
var frenchWishes = wordSet(`aimerais adorerais aimerai espere souhaiterais souhaite`)

// foreignAtPlace and readersPlaceWords name work at the reader's place:
// "trabalhar na sua equipe", "lavorare nel vostro studio", "arbeiten in
// Ihrem Team", "werken bij jullie bedrijf" (not "trabajar en su tesis": a
// word before the place noun must be the reader's).
var (
	foreignAtPlace    = wordSet(`na no en em nel nella nello nei dans chez in im bei bij`)
	readersPlaceWords = wordSet(`sua seu su vuestro vuestra vostro vostra votre vos ihrem ihrer ihren euer eurem jullie uw`)
)

// italianYouAre put a question to the reader's place before a gerund
// ("State assumendo?", "Siete cercando…?"); alone they are English words.
var italianYouAre = wordSet(`state stai siete`)

func (d *detector) foreignAsk(st sentence) (hit, bool) {
	t, a, w := -1, -1, -1
	for k := st.t0; k < st.t1 && t < 0; k++ {
		if d.foreignTarget(st, k) {
			t = k // most sentences have none: a few look-ups a word
		}
	}
	if t < 0 {
		return hit{}, false
	}
	// A place for the writer ("posto per me", "plaza para mí", "vaga para
	// mim") is asked even inside a question of how: "se mai ci fosse posto
	// per me nel vostro studio, come potrei farmi avanti".
	forMe := (d.w(t+1) == "per" || d.w(t+1) == "para" || d.w(t+1) == "pour" || d.w(t+1) == "fur" || d.w(t+1) == "für") && foreignWriter[d.w(t+2)]
	for k := st.t0; k < st.t1; k++ {
		x := d.w(k)
		switch {
		case forMe && foreignBarriers[x]:
		case foreignAs[x] && (k+1 == t || k+2 == t && foreignArticles[d.w(k+1)]):
			// "como pasante": as an intern, not how
		case foreignAskWhether[x] && (foreignWhether[d.w(k+1)] || foreignAlso[d.w(k+1)] && foreignWhether[d.w(k+2)]):
			if a < 0 {
				a = k // "ich wollte fragen, ob…": asked whether a place is free
			}
		case foreignBarriers[x] && !(x == "cosa" && foreignAsks[d.w(k-1)]) || foreignNegators[x] && !(x == "no" && portugueseAfterNo[d.w(k+1)]) && !foreignPaid[d.w(k+1)] && !politeHedge(d.a.toks, k):
			return hit{}, false
		case strings.HasPrefix(x, "j'") && (foreignAsks[x[2:]] || frenchWishes[x[2:]]) && a < 0:
			a = k // "j'aimerais faire un stage chez vous": the ask and the writer in one word
			if w < 0 {
				w = k
			}
		case (foreignAsks[x] || foreignPolite[x] || foreignRecommend[x]) && a < 0 && !(k == t && foreignKinds[x] == fSeekNeed):
			a = k
			if foreignSelf[x] && w < 0 {
				w = k
			}
		case (foreignWriter[x] || foreignSelf[x] || foreignMy[x] && d.is(k+1, cResume) || d.is(k, cFirst) && k > t) && w < 0:
			// an English "I'd" after the post in a code-switched message: "si necesitan un aide part-time, I'd love to help"
			w = k
		}
	}
	te := t + 1
	if k := foreignKinds[d.w(t)]; k == fSeekNeed || k == fNeed {
		for j := t + 1; j < min(st.t1, t+5); j++ {
			if foreignSomeone[d.w(j)] {
				te = j + 1 // the target quoted up to whom is needed: "op zoek naar nieuwe mensen"
				break
			}
		}
	}
	if st.question && (foreignMany[d.w(t-1)] || foreignMany[d.w(t-2)]) {
		return hit{}, false // "¿Hay muchas vacantes en su sector ahora mismo?": how many, a question about the field
	}
	if (a < 0 || w < 0) && st.question && foreignKinds[d.w(t)] != fWork {
		// Not the reader's own work asked about: "Avez-vous aimé travailler dans votre équipe ?".
		// A question put to the reader's place asks for the writer: "¿tienen
		// prácticas disponibles?", "Suchen Sie gerade Praktikanten?"
		for k := st.t0; k < st.t1; k++ {
			if d.w(k) == "su" && (d.capitalized(k+1) || d.is(k+1, cPlace) || d.w(k+1) == "web" || d.w(k+1) == "sito") {
				continue // Italian "su LinkedIn", "su internet": on, not the reader's
			}
			if foreignQuestionReaders[d.w(k)] || italianYouAre[d.w(k)] && strings.HasSuffix(d.w(k+1), "ndo") || foreignKinds[d.w(t)] == fSeekNeed {
				return hit{target: span{t, te}, ask: span{st.t0, st.t0 + 1}, who: noSpan, kind: askQuestion}, true
			}
		}
	}
	if w < 0 && foreignKinds[d.w(t)] == fWork && a >= 0 {
		w = t // "¿Podría trabajar con ustedes?": who would work with the reader is the writer
	}
	if t < 0 || a < 0 || w < 0 {
		return hit{}, false
	}
	kind := askWish
	for k := st.t0; k < st.t1; k++ {
		if foreignTold[d.w(k)] {
			kind = askCond // "Se souber de alguma vaga, ficaria muito grata se me avisasse": only to be told, a feeler's hint
			break
		}
	}
	return hit{target: span{t, te}, ask: span{a, a + 1}, who: span{w, w + 1}, kind: kind}, true
}

// foreignTold ask only to hear of an opening or to be told of it, the hint
// a feeler note may give: "se souber de alguma vaga", "si sabe de algo",
// "falls Sie von einer Stelle hören", "me avisasse", "prévenez-moi".
var foreignTold = wordSet(`souber saiba soubesse sepa sepas supiera supiese sabe savez sachiez apprenez apprendrez hören hoeren erfahren
	sapesse sapete avisasse avise avisar avisarme avísame avisame avíseme avisem prévenir prévenez prevenir bescheid`)

// fieldMusedAt reports whether token k lies where fieldMused finds a field
// weighed by the writer.
func (d *detector) fieldMusedAt(st sentence, k int) bool {
	m0, m1 := d.fieldMused(st)
	return m0 < k && k < m1
}

// pieceWords are what a freelancer pitches to an editor or a client.
var pieceWords = wordSet(`idea ideas story stories piece pieces article articles feature features column columns essay essays episode episodes`)

// piecesPitched returns where the writer's pieces pitched to the reader
// end after the pitch at k ("pitching you a couple of ideas", "pitch some
// stories to you"), within a few words; or -1.
func (d *detector) piecesPitched(st sentence, k int) int {
	reader := false
	for x := k + 1; x < min(st.t1, k+7); x++ {
		switch {
		case d.is(x, cSecond):
			reader = true
		case pieceWords[d.w(x)]:
			if reader || d.findWord(st, x+1, min(st.t1, x+4), "you", "your", "ur") >= 0 {
				return x
			}
			return -1
		}
	}
	return -1
}

// topicNouns are things read or heard whose topic follows: "a guide to
// internships", "an article about openings".
var topicNouns = wordSet(`guide guides book books article articles podcast podcasts resource resources list lists course courses
	webinar webinars piece pieces primer handbook`)

// laterDays put a day or a week in the writer's plans, not in the
// reader's calendar: "one day", "next week", "every morning".
var laterDays = wordSet(`one next last following coming every per`)

// planMoments put an application at a moment of the writer's own plan, in
// English and in the five languages: "before I apply anywhere", "Bevor
// ich irgendwo eine Bewerbung schreibe", "antes de enviar una solicitud",
// "avant d'envoyer la moindre candidature".
var planMoments = wordSet(`before until till once bevor ehe antes avant prima d'envoyer`)

// planMomentBefore reports whether a plan's moment stands in the few words
// before k, in its clause, with no reader named after k in the clause
// ("once I apply to your firm" still applies to the reader).
func (d *detector) planMomentBefore(st sentence, k int) bool {
	for j := k - 1; j >= max(st.t0, k-5) && d.a.toks[j].clause == d.a.toks[k].clause; j-- {
		if planMoments[d.w(j)] {
			return !d.secondInClause(st, k)
		}
	}
	return false
}

// fieldNouns name a field or a path weighed, not a post.
var fieldNouns = wordSet(`field fields area areas option options path paths career careers direction directions sector sectors
	industry industries route routes avenue avenues possibility possibilities`)

// targetIsField reports whether the target of h is said to be a field the
// writer weighs: "HR is one of the fields I'm looking at", "nursing is an
// option I'm considering".
func (d *detector) targetIsField(st sentence, h hit) bool {
	k := h.target.t1
	if v := d.w(k); v != "is" && v != "are" && v != "was" && v != "seems" {
		return false
	}
	for j := k + 1; j < min(st.t1, k+5); j++ {
		if fieldNouns[d.w(j)] {
			return true
		}
	}
	return false
}

// watchVerbs and tagAlongs: a day tagged along to watch is shadowing, to
// learn ("any chance i could ride along with ur crew for a day and just
// watch?"), unless the writer offers work too.
var (
	watchVerbs = wordSet(`watch observe`)
	tagAlongs  = wordSet(`ride tag follow shadow sit`)
	handsOffer = wordSet(`help hand hands work pitch assist labor labour`)
)

// onlyWatching reports whether sentence st asks to come along only to watch.
func (d *detector) onlyWatching(st sentence) bool {
	watch, along := false, false
	for j := st.t0; j < st.t1; j++ {
		switch x := d.w(j); {
		case watchVerbs[x] && (d.w(j-1) == "just" || d.w(j-1) == "and" || d.w(j-1) == "to"):
			watch = true
		case tagAlongs[x]:
			along = true
		case handsOffer[x]:
			return false
		}
	}
	return watch && along
}
