package etiquette

import "strings"

// Job asks and resume offers in the languages the five-language lexicon
// of detect.go (foreignAsk) does not read, with the same structure as in
// English: a target (an opening, a place, a chance, an internship, a
// referral, hiring) with an ask addressed to the reader or a condition
// about the reader's place, for the writer, not negated and not a question
// about how the field works.
//
//   - Hinglish, Taglish, Vietnamese and Mandarin written in pinyin are
//     read word by word, from one small lexicon per element (csKinds);
//     English words of the same sentence count too ("koi fresher opening
//     ho toh please batana": an English target, a Hindi condition and a
//     Hindi request). A sentence with none of these words is left to the
//     English structure, so they never change an English reading.
//   - Chinese, Japanese and Korean are not spaced into words, so their
//     sentences are read by substring (cjkJob, cjkResume), and only when a
//     sentence holds a character of those scripts.
const (
	csTarget  uint16 = 1 << iota // jagah, mauka, naukri, bakante, pwesto, keng, shixi, việc
	csRequest                    // an imperative to the reader: batana, dijiye, pakisabi, bang, nhắn
	csCond                       // agar, toh, kung, baka, ruguo, nếu
	csWriter                     // mujhe, ako, akin, wo, em, tôi
	csReader                     // aapki, niyo, kayo, nimen, anh, chị
	csNeg                        // nahi, hindi, bushi, không
	csInfo                       // kaisa, kaise, paano, zenme, shenme, sao: how the field works
	csResume                     // jianli, rirekisho, iryeokseo, biodata
	csSend                       // bhej, padala, gửi, kèm, fujian
	csDirect                     // a request for a referral or a recommendation, direct even in a feeler
)

var csKinds = func() map[string]uint16 {
	m := map[string]uint16{}
	for _, set := range []struct {
		kind  uint16
		words string
	}{
		// Hindi in Latin letters; Tagalog; Mandarin in pinyin; Vietnamese.
		{csTarget, `jagah jagha mauka moka naukri naukari requirement vacancy
			trabaho pwesto bakante
			keng shixi zhiwei gangwei neitui zhaopin queren
			việc tuyển`},
		{csRequest, `batana bataiye batayein batayiye bata dijiye dijiyega dilwa dilwaiye kijiye kijiyega kijiye rakhna rakhiyega rakhiye
			pakisabi sabihan paki-refer i-refer irefer ireco i-recommend pakirefer
			bang mafan liuyi tuijian
			nhắn báo xin`},
		{csCond, `agar agr toh kung baka sana ruguo yaoshi nếu`},
		{csWriter, `mujhe mujhko mera meri main ako akin wo em tôi mình cháu`},
		{csReader, `aapki aapke aapka aap apki apke apka tumhari niyo ninyo inyo kayo nimen nin anh chị`},
		{csNeg, `nahi nahin nai mat hindi bushi meiyou không chưa`},
		{csInfo, `kaisa kaise kaisi paano zenme shenme sao`},
		{csResume, `jianli rirekisho iryeokseo`},
		{csSend, `bhej bheja bhejta bhejti bhejna bhejunga bhejungi bhejdi bhejenge ipapadala padala pinadala sinend i-send fujian gửi kèm`},
		{csDirect, `neitui tuijian paki-refer i-refer irefer pakirefer ireco i-recommend dilwa dilwaiye`},
	} {
		for _, w := range strings.Fields(set.words) {
			m[normalize(w)] |= set.kind
		}
	}
	return m
}()

// csRequestsSoft are the requests that only ask to be told: in a feeler
// note, "koi opening ho toh batana" is the soft hint the method allows.
var csRequestsSoft = wordSet(`batana bataiye batayein batayiye bata pakisabi sabihan nhắn báo`)

// codeSwitchAsk reads sentence st as a Hinglish, Taglish, pinyin or
// Vietnamese job ask.
func (d *detector) codeSwitchAsk(st sentence) (hit, bool) {
	if !d.hasCodeSwitch() {
		return hit{}, false // most messages: one look-up a word, once
	}
	var seen, native uint16 // native: the lexicon's own words, not the English ones read with them
	t, a, w := -1, -1, -1
	soft := true
	for k := st.t0; k < st.t1; k++ {
		x := d.w(k)
		c := csKinds[x]
		native |= c
		// "cần thêm người": needs more people, a target in Vietnamese;
		// "ho toh" and "hai toh": if there is.
		if x == "người" && d.w(k-1) == "them" {
			c |= csTarget
		}
		if x == "refer" || x == "recommend" {
			c |= csRequest | csDirect // "refer kar dena": an English request in a code-switched sentence
		}
		if x == "cho" && (csKinds[d.w(k+1)]&csWriter != 0) {
			c |= csRequest // "cho em vào": let me in
		}
		seen |= c
		switch {
		case c&csTarget != 0 || d.is(k, cJob) && d.cls[k]&cHire == 0:
			if t < 0 {
				t = k
			}
		}
		if c&(csRequest|csCond) != 0 && a < 0 {
			a = k
		}
		if c&csRequest != 0 && !csRequestsSoft[x] {
			soft = false
		}
		if c&(csWriter|csReader) != 0 || d.is(k, cFirst) || d.is(k, cSecond) {
			if w < 0 {
				w = k
			}
		}
	}
	if native&(csTarget|csRequest|csCond) == 0 || t < 0 || a < 0 {
		return hit{}, false // no word of these languages, or no target or ask
	}
	if seen&(csNeg|csInfo) != 0 {
		tc, ac := d.a.toks[t].clause, d.a.toks[a].clause
		for k := st.t0; k < st.t1; k++ {
			if c := d.a.toks[k].clause; (c == tc || c == ac) && csKinds[d.w(k)]&(csNeg|csInfo) != 0 {
				return hit{}, false // negated, or a question of how the field works
			}
		}
	}
	if w < 0 && seen&csRequest == 0 {
		return hit{}, false // a condition with nobody's place in it
	}
	if w < 0 {
		w = a
	}
	kind := askWish
	if soft && seen&csDirect == 0 {
		kind = askCond
	}
	return hit{target: span{t, t + 1}, ask: span{a, a + 1}, who: span{w, w + 1}, kind: kind}, true
}

// The Chinese, Japanese and Korean lexicons, read by substring.
var (
	cjkTargets = []string{"内推", "实习", "職位", "职位", "岗位", "工作机会", "机会", "缺人", "招人", "空缺", "名额",
		"推薦", "推荐", "選考", "求人", "採用", "応募", "インターン", "ポジション",
		"인턴", "공채", "추천", "채용", "자리", "일자리"}
	cjkAsks = []string{"麻烦", "帮我", "希望", "能否", "请您", "争取", "可以吗", "行吗",
		"いただけ", "可能でしょうか", "お願い", "ください", "頂け", "たいです",
		"해주실", "해 주실", "주세요", "싶어요", "싶습니다", "주실 수", "부탁"}
	cjkConds = []string{"如果", "的话", "要是", "たら", "場合", "あれば", "나면", "있으면", "혹시"}
	// cjkBarriers negate or ask how the field works: "不是求职",
	// "求人のお願いではございません", "公司一般怎么招聘", "어떻게".
	cjkBarriers = []string{"不是", "并非", "只是想", "一般", "怎么", "如何", "ではござい", "ではあり", "ではない", "じゃない",
		"아니", "어떻게", "調べ", "前に", "전에"}
	// cjkSoft only ask to be told, the hint a feeler may give.
	cjkSoft = []string{"听说", "告诉我", "知らせ", "教えて", "알려"}
	// cjkDirect ask for a referral or a recommendation: direct even in a feeler.
	cjkDirect = []string{"内推", "推薦", "推荐", "추천"}

	cjkResumes = []string{"简历", "履历", "履歴書", "職務経歴書", "レジュメ", "이력서", "경력기술서"}
	cjkSends   = []string{"附上", "附件", "发您", "发给您", "发到", "发你", "发了", "添付", "送付", "お送り", "첨부", "보내", "올려", "供您参考", "ご参考"}
	// cjkResumeBarriers make the resume a topic or the reader's request:
	// "简历怎么写", "您要的简历", "요청하신".
	cjkResumeBarriers = []string{"怎么", "如何", "どう", "어떻게", "您要的", "按您", "ご依頼", "요청하신", "말씀하신", "不发", "不用"}
)

// hasCodeSwitch reports whether the message holds any word of the
// code-switch lexicons, looked up once per message.
func (d *detector) hasCodeSwitch() bool {
	if d.codeSwitch == 0 {
		d.codeSwitch = 1
		for _, t := range d.a.toks {
			if csKinds[t.norm] != 0 {
				d.codeSwitch = 2
				break
			}
		}
	}
	return d.codeSwitch == 2
}

// hasCJK reports whether sentence st holds a kana, CJK or Hangul
// character (all are three-byte runes from U+3000 on).
func (d *detector) hasCJK(st sentence) bool {
	if d.cjk == 0 {
		d.cjk = 1
		for i := 0; i < len(d.a.text); i++ {
			if d.a.text[i] >= 0xE3 {
				d.cjk = 2
				break
			}
		}
	}
	if d.cjk == 1 {
		return false
	}
	s := d.a.text[st.start:st.end]
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE3 {
			return true
		}
	}
	return false
}

// tokenAt returns the token of sentence st whose span holds byte offset
// off (or the nearest before it).
func (d *detector) tokenAt(st sentence, off int) int {
	k := st.t0
	for j := st.t0; j < st.t1 && d.a.toks[j].start <= off; j++ {
		k = j
	}
	return k
}

// firstOf returns the byte offset in s of the first of words found, or -1.
func firstOf(s string, words []string) int {
	at := -1
	for _, w := range words {
		if i := strings.Index(s, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}

// cjkJob reads a Chinese, Japanese or Korean sentence as a job ask: a
// target with an ask or a condition, and no barrier.
func (d *detector) cjkJob(st sentence) (hit, bool) {
	if st.t1 <= st.t0 || !d.hasCJK(st) {
		return hit{}, false
	}
	s := d.a.text[st.start:st.end]
	ti := firstOf(s, cjkTargets)
	if ti < 0 || firstOf(s, cjkBarriers) >= 0 {
		return hit{}, false
	}
	ai := firstOf(s, cjkAsks)
	if ai < 0 {
		ai = firstOf(s, cjkConds)
	}
	if ai < 0 {
		return hit{}, false
	}
	kind := askWish
	if firstOf(s, cjkSoft) >= 0 && firstOf(s, cjkDirect) < 0 {
		kind = askCond
	}
	t, a := d.tokenAt(st, st.start+ti), d.tokenAt(st, st.start+ai)
	return hit{target: span{t, t + 1}, ask: span{a, a + 1}, who: span{a, a + 1}, kind: kind}, true
}

// cjkResume reads a Chinese, Japanese or Korean sentence as a resume
// offer: a resume with a verb that sends, attaches or posts it.
func (d *detector) cjkResume(st sentence) (hit, bool) {
	if st.t1 <= st.t0 || !d.hasCJK(st) {
		return hit{}, false
	}
	s := d.a.text[st.start:st.end]
	ri, si := firstOf(s, cjkResumes), firstOf(s, cjkSends)
	if ri < 0 || si < 0 || firstOf(s, cjkResumeBarriers) >= 0 {
		return hit{}, false
	}
	r, a := d.tokenAt(st, st.start+ri), d.tokenAt(st, st.start+si)
	return hit{target: span{r, r + 1}, ask: span{a, a + 1}, who: span{r, r + 1}}, true
}

// codeSwitchResume reads a Hinglish, Taglish, pinyin or Vietnamese
// sentence as a resume offer: a resume ("CV", "biodata", "jianli", "hồ
// sơ") with a verb of these languages that sends or attaches it ("CV
// bhej raha hoon", "Em xin gửi kèm CV"), not negated.
func (d *detector) codeSwitchResume(st sentence) (hit, bool) {
	if !d.hasCodeSwitch() {
		return hit{}, false
	}
	r, sv := -1, -1
	for k := st.t0; k < st.t1; k++ {
		x := d.w(k)
		c := csKinds[x]
		if c&csNeg != 0 {
			return hit{}, false
		}
		if (c&csResume != 0 || d.is(k, cResume) || x == "sơ" && d.w(k-1) == "hồ") && r < 0 {
			r = k
		}
		if c&csSend != 0 && sv < 0 {
			sv = k
		}
	}
	if r < 0 || sv < 0 {
		return hit{}, false
	}
	return hit{target: span{r, r + 1}, ask: span{sv, sv + 1}, who: span{r, r + 1}}, true
}
