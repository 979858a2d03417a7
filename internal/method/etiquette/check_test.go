package etiquette

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// A request that passes every rule; cases below change one thing in it.
const goodRequest = `Subject: Joe Serra suggested I contact you

Dear Ms. Lopez,

Joe Serra suggested I contact you. I am a junior at UMass Amherst exploring public policy, and I would value learning about your experience. Would you have 20 minutes in the coming weeks, at a time that suits you? A phone call works just as well.

Best,
Dana Brown`

var joe = Context{ReferrerName: "Joe Serra", ContactName: "Maria Lopez"}

// ruleCase checks one rule: want lists the exact text each of the rule's
// findings must cover, in order; an empty want means the rule must not fire.
type ruleCase struct {
	name string
	text string
	ctx  Context
	want []string
}

func runRuleCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range Check(tc.text, tc.ctx) {
				if f.Start < 0 || f.End > len(tc.text) || f.Start > f.End {
					t.Fatalf("finding %+v has a span outside the text", f)
				}
				if f.Rule == rule {
					got = append(got, tc.text[f.Start:f.End])
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s spans = %q, want %q\ntext: %s", rule, got, tc.want, tc.text)
			}
		})
	}
}

func TestGoodRequestHasNoFinding(t *testing.T) {
	if fs := Check(goodRequest, joe); len(fs) != 0 {
		t.Errorf("Check(goodRequest) = %+v, want none", fs)
	}
}

func TestJobAsk(t *testing.T) {
	feeler := Context{Kind: Feeler}
	runRuleCases(t, RuleJobAsk, []ruleCase{
		{"kept in mind", "Could you keep me in mind for openings?", joe, []string{"keep me in mind"}},
		{"looking for a job", "I'm looking for a job in policy.", joe, []string{"I'm looking for a job"}},
		{"pass my name along", "Could you pass my name along to your manager?", joe, []string{"pass my name"}},
		{"good word, one finding for overlapping phrases", "Would you put in a good word for me?", joe, []string{"put in a good word"}},
		{"applying to their company", "I have applied to your company.", joe, []string{"I have applied to your"}},
		{"are you hiring", "Are you hiring?", joe, []string{"Are you hiring"}},
		{"help applying", "Could you help me apply?", joe, []string{"help me apply"}},
		{"referral to a posting", "Could you refer me for the analyst opening?", joe, []string{"refer me for the analyst opening"}},
		{"curly apostrophe", "I’m looking for an internship.", joe, []string{"I’m looking for an internship"}},
		{"two separate asks", "I'm looking for a job. Please keep me in mind.", joe, []string{"I'm looking for a job", "keep me in mind"}},
		{"negated: not asking", "I am not asking for a job.", joe, nil},
		{"negated: not looking", "I'm not looking for a position.", joe, nil},
		{"negated: not a request", "This is not a request for a job or an internship.", joe, nil},
		{"negated: never", "I would never ask you for a job.", joe, nil},
		{"negated: rather than", "I want advice rather than to ask for a job.", joe, nil},
		{"negation stops at the clause", "I'm not looking for a job, but please keep me in mind.", joe, []string{"keep me in mind"}},
		{"don't hesitate is no negation", "Don't hesitate to pass my name along.", joe, []string{"pass my name"}},
		{"exploration: fits me", "I want to understand whether a job in public health fits me.", joe, nil},
		{"exploration: positions differ", "I'd like to learn how positions differ between agencies.", joe, nil},
		{"exploration: like to work at", "I wonder what it is like to work at your organization.", joe, nil},
		{"exploration: advice on jobs", "I'm looking for advice on jobs in the field.", joe, nil},
		{"exploration: joining an association", "I would love to join your association as a student member.", joe, nil},
		{"joining their team", "I would love to join your team.", joe, []string{"I would love to join your team"}},
		{"inquiring about employment", "I am writing to inquire about employment opportunities.", joe, []string{"inquire about employment"}},
		{"exploration: getting a job in the field", "What is the best way to get a job in this field?", joe, nil},
		{"feeler may hope to hear of openings", "If you hear of any openings, I would appreciate hearing from you.", feeler, nil},
		{"feeler may ask to be kept in mind", "Please keep me in mind.", feeler, nil},
		{"feeler still may not ask outright", "Could you hire me?", feeler, []string{"hire me"}},
		{"first request may not hope to hear of openings", "If you hear of any openings, let me know.", joe, []string{"If you hear of any openings"}},
		{"a postscript after the signature counts", "Would you have 20 minutes?\n\nBest,\nDana\nP.S. Are you hiring?", joe, []string{"Are you hiring"}},
		{"in the subject", "Subject: Any openings on your team?\n\nHello.", joe, []string{"Any openings on your"}},
		{"every kind", "Thank you! If anything opens up, please let me know.", Context{Kind: ThankYou}, []string{"If anything opens up"}},
	})
}

func TestResumeOffer(t *testing.T) {
	runRuleCases(t, RuleResumeOffer, []ruleCase{
		{"attached", "I have attached my resume for your reference.", joe, []string{"attached my resume"}},
		{"is attached", "My CV is attached.", joe, []string{"CV is attached"}},
		{"accented", "Happy to send my résumé if useful.", joe, []string{"send my résumé"}},
		{"copy of", "I am enclosing a copy of my resume.", joe, []string{"enclosing a copy of my resume"}},
		{"review", "Could you look over my resume?", joe, []string{"look over my resume"}},
		{"negated", "I won't attach a resume.", joe, nil},
		{"bringing one is fine", "I'll bring a copy of my resume in case you ask.", joe, nil},
		{"the verb resume", "Could we resume our conversation next week?", joe, nil},
		{"feeler may enclose one", "I have enclosed my resume.", Context{Kind: Feeler}, nil},
		{"thank-you may not", "I have attached my resume.", Context{Kind: ThankYou}, []string{"attached my resume"}},
		{"unless they asked for it", "As you suggested, I have attached my resume.", Context{Kind: ThankYou}, nil},
		{"asked for in another sentence does not count", "You were kind. I have attached my resume as well.", Context{Kind: ThankYou}, []string{"attached my resume"}},
	})
}

func TestNoReferrer(t *testing.T) {
	const noJoe = "Dear Ms. Lopez,\n\nI am exploring public policy. Would you have 20 minutes?"
	runRuleCases(t, RuleNoReferrer, []ruleCase{
		{"missing, points at the first sentence after the greeting", noJoe, joe, []string{"I am exploring public policy."}},
		{"first name is enough", "Joe suggested I write. Would you have 20 minutes?", joe, nil},
		{"possessive", "At Joe Serra's suggestion I am writing.", joe, nil},
		{"in the subject", "Subject: Joe Serra suggested I contact you\n\nHello.", joe, nil},
		{"no referrer known", noJoe, Context{}, nil},
		{"not for a thank-you", noJoe, Context{Kind: ThankYou, ReferrerName: "Joe Serra"}, nil},
		{"follow-up too", noJoe, Context{Kind: FollowUp, ReferrerName: "Joe Serra"}, []string{"I am exploring public policy."}},
		{"title ignored", "Dr. Serra suggested I write.", Context{ReferrerName: "Dr. Joe Serra"}, nil},
		{"signature does not count", "Hello.\n\nBest,\nDana (Joe's friend)", joe, []string{"Hello."}},
		{"a bare name as the salutation is skipped", "Jordan,\n\nI am a senior. Would you have 20 minutes?", joe, []string{"I am a senior."}},
		{"a letter's address block is skipped", "Maria Lopez\nState Department\n\nDear Ms. Lopez,\n\nI am a senior.", joe, []string{"I am a senior."}},
	})
}

func TestSubjectNotReferrer(t *testing.T) {
	body := "\n\nJoe Serra suggested I contact you."
	runRuleCases(t, RuleSubjectNotReferrer, []ruleCase{
		{"generic subject", "Subject: Informational interview request" + body, joe, []string{"Informational interview request"}},
		{"exact", "Subject: Joe Serra suggested I contact you" + body, joe, nil},
		{"close: referred by", "Subject: Referred by Joe Serra" + body, joe, nil},
		{"close: first name", "subject: Joe suggested I reach out" + body, joe, nil},
		{"named without the referral", "Subject: Hello from a friend of Joe Serra" + body, joe, []string{"Hello from a friend of Joe Serra"}},
		{"too long", "Subject: Joe Serra suggested I contact you about a career in public policy" + body, joe, []string{"Joe Serra suggested I contact you about a career in public policy"}},
		{"empty subject points at the label", "Subject:" + body, joe, []string{"Subject:"}},
		{"no subject line", strings.TrimSpace(body), joe, nil},
		{"not for a letter", "Subject: Hi" + body, Context{Channel: Letter, ReferrerName: "Joe Serra"}, nil},
		{"not for a follow-up", "Subject: Re: my note" + body, Context{Kind: FollowUp, ReferrerName: "Joe Serra"}, nil},
		{"no referrer", "Subject: Hi" + body, Context{}, nil},
	})
}

func TestNoCommonality(t *testing.T) {
	alumni := Context{Commonality: "the UMass Amherst alumni network"}
	runRuleCases(t, RuleNoCommonality, []ruleCase{
		{"missing", "Dear Ms. Lopez,\nI study history. Would you have 20 minutes?", alumni, []string{"I study history."}},
		{"mentioned", "As a fellow UMass graduate I am writing.", alumni, nil},
		{"a referrer takes precedence", "I study history.", Context{Commonality: "UMass", ReferrerName: "Joe Serra"}, nil},
	})
}

func TestNoTime(t *testing.T) {
	ask := "I would value learning about your work. Could we talk at your convenience?"
	runRuleCases(t, RuleNoTime, []ruleCase{
		{"missing, points at the ask", ask, joe, []string{"Could we talk at your convenience?"}},
		{"vague minutes", "Could I have a few minutes of your time?", joe, []string{"Could I have a few minutes of your time?"}},
		{"minutes", "Could we talk for 20 minutes?", joe, nil},
		{"range", "Could we talk for 15-20 min?", joe, nil},
		{"a Dutch quarter hour", "Zou je een kwartiertje tijd hebben om te vertellen hoe jouw werk eruitziet?", joe, nil},
		{"a German quarter hour", "Hätten Sie eine Viertelstunde Zeit für ein Telefonat?", joe, nil},
		{"words", "Could we talk for fifteen minutes?", joe, nil},
		{"half an hour", "Could we talk for half an hour?", joe, nil},
		{"glued", "Could we talk for 20min?", joe, nil},
		{"too much is not missing", "Could we talk for an hour?", joe, nil},
		{"not for a confirmation", ask, Context{Kind: Confirm}, nil},
	})
	fs := Check(ask, Context{Minutes: 15})
	if i := slices.IndexFunc(fs, func(f Finding) bool { return f.Rule == RuleNoTime }); i < 0 || !strings.Contains(fs[i].Message, "15 minutes") {
		t.Errorf("no_time should suggest the minutes from the context: %+v", fs)
	}
}

func TestTooMuchTime(t *testing.T) {
	runRuleCases(t, RuleTooMuchTime, []ruleCase{
		{"an hour", "Could we talk for an hour?", joe, []string{"an hour"}},
		{"45 minutes", "Could you spare 45 minutes?", joe, []string{"45 minutes"}},
		{"range upper bound", "Could you spare 30-45 minutes?", joe, []string{"30-45 minutes"}},
		{"range with to", "Could you spare 30 to 45 minutes?", joe, []string{"30 to 45 minutes"}},
		{"hour and a half", "Could we meet for an hour and a half?", joe, []string{"an hour and a half"}},
		{"couple of hours", "Could I have a couple of hours?", joe, []string{"a couple of hours"}},
		{"a few hours", "Could I have a few hours?", joe, []string{"a few hours"}},
		{"forty five", "Could I have forty-five minutes?", joe, []string{"forty-five minutes"}},
		{"lunch", "Could we meet over lunch?", joe, []string{"over lunch"}},
		{"lunch and a tour", "Could I take you to lunch and get a tour of the lab?", joe, []string{"take you to lunch", "a tour"}},
		{"afternoon", "Could I spend an afternoon with your team?", joe, []string{"an afternoon"}},
		{"shadow", "Could I shadow you for 20 minutes?", joe, []string{"shadow you"}},
		{"30 is the limit", "Could you spare 30 minutes?", joe, nil},
		{"half an hour", "Could you spare half an hour?", joe, nil},
		{"other durations are not the ask", "I volunteer three hours a week. Could you spare 20 minutes?", joe, nil},
		{"within", "I will reply within 24 hours. Could you spare 20 minutes?", joe, nil},
		{"not for a thank-you", "Thank you for the hour you gave me.", Context{Kind: ThankYou}, nil},
	})
}

func TestNoPurpose(t *testing.T) {
	runRuleCases(t, RuleNoPurpose, []ruleCase{
		{"missing", "Joe Serra suggested I contact you. Would you have 20 minutes next week?", joe, []string{"Would you have 20 minutes next week?"}},
		{"learn", "I hope to learn about your work. Would you have 20 minutes?", joe, nil},
		{"advice", "I would welcome your advice. Would you have 20 minutes?", joe, nil},
		{"informational interview", "Would you have 20 minutes for an informational interview?", joe, nil},
		{"signature does not count", "Would you have 20 minutes?\n\nBest,\nDana, learning about policy", joe, []string{"Would you have 20 minutes?"}},
	})
}

func TestNoQuestion(t *testing.T) {
	runRuleCases(t, RuleNoQuestion, []ruleCase{
		{"statement", "I would like to meet for 20 minutes at your convenience.", joe, []string{"I would like to meet for 20 minutes at your convenience."}},
		{"imperative", "Please let me know when you could meet for 20 minutes.", joe, []string{"Please let me know when you could meet for 20 minutes."}},
		{"a question elsewhere is not the ask", "I'd love 20 minutes of your time. How is your week going?", joe, []string{"I'd love 20 minutes of your time."}},
		{"question", "Would you have 20 minutes?", joe, nil},
		{"auxiliary question", "I'd like to learn from you. Would a short call next week work?", joe, nil},
		{"no request at all, no question", "I study history.", joe, []string{"I study history."}},
		{"not for a feeler", "I would appreciate hearing from you.", Context{Kind: Feeler}, nil},
	})
}

func TestNoFlexibility(t *testing.T) {
	runRuleCases(t, RuleNoFlexibility, []ruleCase{
		{"missing", "I hope to learn from you. Could we meet Tuesday at 3 for 20 minutes?", joe, []string{"Could we meet Tuesday at 3 for 20 minutes?"}},
		{"convenience", "Could we meet for 20 minutes at your convenience?", joe, nil},
		{"phone", "Could we talk for 20 minutes, in person or by phone?", joe, nil},
		{"suits you", "Would 20 minutes at a time that suits you be possible?", joe, nil},
		{"phone script", "Would you have 20 minutes now, or should I call you back another day?", Context{Channel: Phone}, nil},
		// A medium named beside one fixed slot leaves no choice; a medium offered as an alternative does.
		{"fixed slot, one medium", "I hope to learn from you. Could we have a 20-minute Zoom call this Friday at 2 p.m.?", joe,
			[]string{"Could we have a 20-minute Zoom call this Friday at 2 p.m.?"}},
		{"fixed slot, 4:30", "I hope to learn from you. Could we have a short call on Thursday at 4:30?", joe,
			[]string{"Could we have a short call on Thursday at 4:30?"}},
		{"fixed slot, medium offered", "Could we talk for 20 minutes on Friday at 2 p.m., by phone or on Zoom?", joe, nil},
		{"fixed slot, their choice", "Could we have a Zoom call on Friday at 2 p.m., or another time that suits you?", joe, nil},
		{"a call, no slot", "Could we have a 20-minute Zoom call in the coming weeks?", joe, nil},
	})
}

// words returns n words of filler prose.
func words(n int) string {
	w := strings.Fields("I would value learning about your experience and the field you work in")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w[i%len(w)])
	}
	return b.String() + "."
}

// fromWord returns text from its n-th word (0-based) on.
func fromWord(text string, n int) string {
	i := 0
	for range n {
		i += strings.IndexByte(text[i:], ' ') + 1
	}
	return text[i:]
}

func TestTooLong(t *testing.T) {
	long := words(101)
	overflow := fromWord(long, 100)
	sig := "\n\nBest,\nDana Brown\nHistory major, UMass Amherst, class of 2027, Phi Alpha Theta member\n(413) 555-0100"
	runRuleCases(t, RuleTooLong, []ruleCase{
		{"101 words, overflow highlighted", long, joe, []string{overflow}},
		{"100 words", words(100), joe, nil},
		{"subject and signature excluded", "Subject: Joe Serra suggested I contact you about your policy work\n\n" + words(99) + sig, joe, nil},
		{"letter allows 200", long, Context{Channel: Letter}, nil},
		{"letter over 200", words(201), Context{Channel: Letter}, []string{fromWord(words(201), 200)}},
		{"thank-you allows 150", long, Context{Kind: ThankYou}, nil},
		{"social counts like email", long, Context{Channel: Social}, []string{overflow}},
		{"trailing newlines not highlighted", long + "\n\n", joe, []string{overflow}},
	})
	fs := Check(long, joe)
	if i := slices.IndexFunc(fs, func(f Finding) bool { return f.Rule == RuleTooLong }); i < 0 || !strings.Contains(fs[i].Message, "101 words") {
		t.Errorf("too_long should give the count: %+v", fs)
	}
}

func TestSelfFocus(t *testing.T) {
	const me = "I am a senior. I have led my club and I organized my own events. I also run my blog and I tutor. I love my work. Would you have 20 minutes?"
	buried := "Hello,\n\n" + strings.Repeat("I studied history at college and then worked in retail management for years. ", 5) + "Joe Serra suggested I contact you. Would you have 20 minutes?"
	runRuleCases(t, RuleSelfFocus, []ruleCase{
		{"all about me, points at the most self-centred sentence", me, joe, []string{"I have led my club and I organized my own events."}},
		{"buried connection", buried, joe, []string{strings.TrimSpace(strings.Repeat("I studied history at college and then worked in retail management for years. ", 5))}},
		{"balanced", goodRequest, joe, nil},
		{"the contact's name counts as addressing them", "Maria, I am a senior. I led my club and I ran my events. I run my blog. I tutor. Maria, your work inspires me, Maria. Would you have 20 minutes, Maria?", Context{ContactName: "Maria Lopez"}, nil},
		{"not for a thank-you", me, Context{Kind: ThankYou}, nil},
	})
}

func TestNoThanks(t *testing.T) {
	ty := Context{Kind: ThankYou}
	runRuleCases(t, RuleNoThanks, []ruleCase{
		{"missing", "Hi Maria,\n\nGreat talking today. I learned a lot.\n\nThanks,\nDana", ty, []string{"Great talking today."}},
		{"present", "Hi Maria,\n\nThank you for your time today.\n\nBest,\nDana", ty, nil},
		{"in the subject", "Subject: Thank you\n\nGreat talking today.", ty, nil},
		{"only for a thank-you", "Great talking today.", Context{Kind: KeepInTouch}, nil},
	})
}

func TestCheckIsSortedAndRobust(t *testing.T) {
	for _, text := range []string{"", "   \n\n", "Subject:", "Subject: hi", "Best,", "?!.", "\u00e9\u2019\u201c", "-- \n", "Dr.", "a.b.c.", strings.Repeat("word ", 2000)} {
		for _, k := range Kinds() {
			for _, c := range Channels() {
				fs := Check(text, Context{Kind: k, Channel: c, ReferrerName: "Joe", Commonality: "UMass", ContactName: "Maria"})
				if !slices.IsSortedFunc(fs, func(a, b Finding) int { return a.Start - b.Start }) {
					t.Errorf("Check(%q) not sorted: %+v", text, fs)
				}
				for _, f := range fs {
					if f.Start < 0 || f.End > len(text) || f.Start > f.End {
						t.Errorf("Check(%q) span out of range: %+v", text, f)
					}
					if f.Message == "" || strings.Count(strings.TrimSuffix(f.Message, "."), ". ") > 0 {
						t.Errorf("message should be one sentence: %q", f.Message)
					}
				}
			}
		}
	}
	if Check("", Context{}) == nil {
		t.Error("Check should return an empty slice, not nil, so JSON shows []")
	}
}

func TestUnknownKindAndChannelAreAFirstRequestByEmail(t *testing.T) {
	text := words(120)
	a := Check(text, Context{Kind: "mystery", Channel: "fax"})
	b := Check(text, Context{})
	if !reflect.DeepEqual(a, b) {
		t.Errorf("unknown kind and channel gave %+v, first request by email gave %+v", a, b)
	}
}

func TestFindingJSON(t *testing.T) {
	b, err := json.Marshal(Finding{Rule: RuleJobAsk, Severity: Error, Message: "m", Start: 1, End: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"rule":"job_ask","severity":"error","message":"m","start":1,"end":2}`; got != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
}

func TestHasErrors(t *testing.T) {
	if HasErrors(nil) || HasErrors([]Finding{{Severity: Warning}}) {
		t.Error("warnings alone are not errors")
	}
	if !HasErrors([]Finding{{Severity: Warning}, {Severity: Error}}) {
		t.Error("an error-level finding was missed")
	}
	if !HasErrors(Check("Are you hiring?", Context{})) {
		t.Error("a job ask should make HasErrors true")
	}
}

func TestLineCol(t *testing.T) {
	text := "Dear Ms. Lopez,\nJoé’s idea: keep me in mind\n"
	tests := []struct {
		offset, line, col int
	}{
		{0, 1, 1},
		{5, 1, 6},
		{16, 2, 1},
		{strings.Index(text, "keep"), 2, 13}, // é and ’ are one column each
		{len(text), 3, 1},
		{-5, 1, 1},
		{1000, 3, 1},
	}
	for _, tt := range tests {
		if l, c := LineCol(text, tt.offset); l != tt.line || c != tt.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tt.offset, l, c, tt.line, tt.col)
		}
	}
}

func TestParse(t *testing.T) {
	if c, err := ParseChannel(""); err != nil || c != Email {
		t.Errorf("ParseChannel(\"\") = %q, %v", c, err)
	}
	if _, err := ParseChannel("fax"); err == nil {
		t.Error("ParseChannel(fax) should fail")
	}
	if k, err := ParseKind("thank_you"); err != nil || k != ThankYou {
		t.Errorf("ParseKind(thank_you) = %q, %v", k, err)
	}
	if k, err := ParseKind(""); err != nil || k != FirstRequest {
		t.Errorf("ParseKind(\"\") = %q, %v", k, err)
	}
	if _, err := ParseKind("thanks"); err == nil {
		t.Error("ParseKind(thanks) should fail")
	}
}

func TestRulesDescribeEveryRule(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		seen[r.ID] = true
		if len(r.Kinds) == 0 || r.Summary == "" {
			t.Errorf("rule %s lacks kinds or summary", r.ID)
		}
	}
	for _, id := range []string{RuleJobAsk, RuleResumeOffer, RuleNoReferrer, RuleSubjectNotReferrer, RuleNoCommonality,
		RuleNoTime, RuleTooMuchTime, RuleNoPurpose, RuleNoQuestion, RuleNoFlexibility, RuleTooLong, RuleSelfFocus, RuleNoThanks} {
		if !seen[id] {
			t.Errorf("Rules() misses %s", id)
		}
	}
	r := Rules()
	r[0].Kinds[0] = "changed"
	if Rules()[0].Kinds[0] == "changed" {
		t.Error("Rules() must return a copy")
	}
}
