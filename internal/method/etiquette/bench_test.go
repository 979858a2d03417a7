package etiquette

import (
	"slices"
	"testing"
)

// message150 is a realistic first request of exactly 150 body words, with
// a subject and a signature the counter skips.
const message150 = `Subject: Joe Serra suggested I contact you

Dear Ms. Lopez,

Joe Serra suggested I contact you. I am a junior at UMass Amherst majoring in history with a minor in economics, and over the past two years I have grown more curious about how public policy is made. I have taken courses on the legislative process and on comparative government, and last summer I interned at a small nonprofit that tracks state housing bills, which taught me how much happens before a bill is written. I would value learning about your experience at the State Department: how you came to the work, what a typical week involves, and what you wish you had known as a student. I am not asking for a job; I hope to understand the field from someone inside it. Would you have 20 minutes in the coming weeks, at a time that suits you? A phone call would be just as welcome.

Best regards,
Dana Brown`

func TestBenchmarkMessageIs150Words(t *testing.T) {
	if n := len(analyze(message150, true).bodyWords()); n != 150 {
		t.Errorf("message150 has %d body words, want 150", n)
	}
}

// The budget is 200 µs per check on a 150-word message.
func BenchmarkCheck150Words(b *testing.B) {
	c := Context{ReferrerName: "Joe Serra", ContactName: "Maria Lopez", Minutes: 20}
	b.ReportAllocs()
	for b.Loop() {
		Check(message150, c)
	}
}

func BenchmarkCheckQuestion(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		CheckQuestion("If you were starting out now, would you train the same way, and does your company hire people like me?")
	}
}

// messageJobAsks150 is a 150-word first request that keeps the job-ask and
// resume-offer detector busy: job words, hiring, conditions and offers in
// nearly every sentence, most of them innocent.
const messageJobAsks150 = `Subject: A fellow Delmont alum curious about adaptive reuse

Dear Ms. Carvalho,

I saw your lecture on converting grain silos into housing, and it has stayed with me since. I'm a fourth-year architecture student; my internship last summer at a small firm taught me how much I still don't know about the hiring side of studios and what entry-level roles look like in practice. I'm not asking about a position, and I know how busy your team is. I'd love to hear how you came to adaptive reuse, how people usually land their first job in the field, and what you look for when you hire juniors. Would you have 20 minutes at a time that suits you, by phone or video? If anything comes up and you need to reschedule, just let me know. And should a seat ever open up in your studio, I hope you will think of me. My résumé is up on my LinkedIn.

Warm regards,
Tobias Grant`

func TestBenchmarkJobAskMessageIs150Words(t *testing.T) {
	if n := len(analyze(messageJobAsks150, true).bodyWords()); n != 150 {
		t.Errorf("messageJobAsks150 has %d body words, want 150", n)
	}
	rules := rulesOf(Check(messageJobAsks150, Context{}))
	if !slices.Contains(rules, RuleJobAsk) || !slices.Contains(rules, RuleResumeOffer) {
		t.Errorf("messageJobAsks150 gives %v, want a job ask and a resume offer", rules)
	}
}

// The same budget holds when most sentences carry employment words.
func BenchmarkCheckJobAsks150Words(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Check(messageJobAsks150, Context{Minutes: 20})
	}
}
