package etiquette

import (
	"slices"
	"testing"
)

// The code-switched and Chinese, Japanese and Korean lexicons (codeswitch.go)
// and round chk22's guards: each class with the asks it must find and the
// near-misses, clean sentences of the same words, it must leave alone.
func TestCodeSwitchLexicons(t *testing.T) {
	for _, tc := range []struct {
		rule  string
		kind  Kind
		texts []string
		want  bool
	}{
		{RuleJobAsk, FirstRequest, []string{
			// Hinglish: a target, a condition or a request, the writer or the reader.
			"Agar aapke office mein koi internship ho toh mujhe bataiye.",
			"Sir, aapki company mein koi jagah ho toh mujhe ek mauka dijiye.",
			"Agar kabhi team mein vacancy nikle toh mujhe yaad rakhiyega.",
			"Aapke yahan analyst ki requirement ho toh please consider kijiyega.",
			// Taglish.
			"Baka po may bakante sa clinic niyo next month.",
			"Kung may opening po sa team niyo, pakisabi naman po sa akin.",
			// Pinyin.
			"Ruguo nimen gongsi you shixi de keng, mafan bang wo tuijian yixia.",
			// Vietnamese.
			"Nếu công ty anh cần thêm người thì cho em vào làm nhé.",
			// Chinese, Japanese, Korean.
			"如果贵公司有实习机会，希望您能帮我推荐一下。",
			"御社で求人があれば、ぜひ応募したいです。",
			"혹시 팀에 인턴 자리가 있으면 추천해 주실 수 있을까요?",
			// Portuguese plural interns; Spanish "anything that opens".
			"Se a empresa estiver contratando estagiários, eu adoraria participar.",
			"Cualquier cosa que se abra en su taller, aquí estoy.",
			// English: a requisition, put to work, work history.
			"Could you refer me for the open req on your team?",
			"If you need an extra pair of boots, feel free to put me to work.",
			// English classes of round chk22.
			"I'm putting in for the junior analyst post on your team.",
			"I'd gladly give my time to your museum in any capacity.",
			"If an analyst role opens up, a nudge my way would be wonderful.",
			"I'd die for a placement at your studio.",
			"I'd love to be in the running for your graduate scheme.",
			"If you ever outsource the transcription, I'd be glad to take it on.",
			"I could lend a hand with the filing a couple of mornings a week.",
			"I'd happily work on a trial basis for your crew.",
			"Could we discuss whether there's room for a trainee on your team?",
			"Is there anything suitable in your department for someone like me?",
			"Could you ask whether the workshop is taking on apprentices this year?",
			"I would kill for an apprenticeship at your forge one day.",
		}, true},
		{RuleJobAsk, FirstRequest, []string{
			// Near-misses: negated, a question of how, a field, no ask.
			"Main job ke liye nahi likh raha, bas samajhna chahta hoon.",
			"Aapki company mein hiring kaise hoti hai, yeh samajhna hai.",
			"Hindi po ako naghahanap ng trabaho, gusto ko lang matuto.",
			"Wo bushi zhao gongzuo, zhishi xiang liaojie yixia.",
			"Em không xin việc đâu ạ, chỉ muốn hỏi về nghề thôi.",
			"我不是来求职的，只是想了解一下这个行业。",
			"公司一般怎么招聘实习生呢？",
			"転職を考えておりますが、求人のお願いではございません。",
			"취업 준비를 시작하기 전에 강의부터 들어보겠습니다.",
			"Bevor ich mich irgendwo bewerbe, möchte ich den Beruf verstehen.",
			"Antes de enviar una solicitud, quiero entender el trabajo.",
			"HR is one of the fields I'm looking at after my break.",
			"Nursing informatics is an option I'm weighing this year.",
			"Any chance I could ride along with your crew one morning and just watch?",
			"You're the one to ask about what the job is really like.",
			"Is the req process at big hospitals very slow, in general?",
			"I'm not putting in for any position this year.",
			"Many volunteers serve the museum in any capacity they can.",
			"The studio outsources illustration, and I'd love to take a class on it.",
			"Could we discuss whether there's room for growth in the field?",
			"Is there anything suitable in your reading list for beginners?",
			"I'd be glad to lend a hand with the alumni panel if you need volunteers.",
			"If you know a good guide to internships, I'd welcome a link.",
		}, false},
		// In a feeler, asking only to be told is the allowed hint; a
		// request for a referral is not.
		{RuleJobAsk, Feeler, []string{
			"推薦していただくことは可能でしょうか。",
			"Koi opening ho toh refer kar dena please.",
		}, true},
		{RuleJobAsk, Feeler, []string{
			"如果您听说有合适的机会，告诉我一声就好。",
			"Se souber de alguma vaga, ficaria muito grata se me avisasse.",
			"Koi opening ho toh batana please.",
		}, false},
		{RuleResumeOffer, FirstRequest, []string{
			"Main apna CV bhej raha hoon.",
			"Biodata bhej doon sir?",
			"Em xin gửi kèm CV để chị tham khảo.",
			"我把简历发您邮箱了。",
			"履歴書を添付いたしました。",
			"이력서를 첨부드립니다.",
			"Happy to send my work history over if useful.",
			"Mein Lebenslauf ist auf Xing.",
		}, true},
		{RuleResumeOffer, FirstRequest, []string{
			"CV nahi bhej raha, bas baat karni hai.",
			"简历怎么写比较好？",
			"이력서는 어떻게 쓰는 게 좋을까요?",
			"The history of your work on the bridge fascinates me.",
		}, false},
	} {
		for _, s := range tc.texts {
			got := slices.Contains(rulesOf(Check(s, Context{Kind: tc.kind})), tc.rule)
			if got != tc.want {
				t.Errorf("%s (%s) found = %v, want %v in %q", tc.rule, tc.kind, got, tc.want, s)
			}
		}
	}
}
