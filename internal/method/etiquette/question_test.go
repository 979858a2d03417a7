package etiquette

import (
	"fmt"
	"slices"
	"testing"
)

func TestCheckQuestion(t *testing.T) {
	tests := []struct {
		name, q string
		want    []string // "rule: covered text", in order
	}{
		{"job ask", "Are you hiring?", []string{"job_ask: Are you hiring"}},
		{"openings", "Do you have any openings on your team?", []string{"job_ask: any openings on your"}},
		{"kept in mind", "Could you keep me in mind for future roles?", []string{"job_ask: keep me in mind"}},
		{"resume", "Could you look over my resume?", []string{"resume_offer: look over my resume"}},
		{"job search advice is fine", "What are the most effective techniques for getting a job in this field?", nil},
		{"a first job is fine", "What should weigh most in my first job in this field?", nil},
		{"easy: what does it do", "What does your company do?", []string{"easy_lookup: What does your company do"}},
		{"easy: employees", "How many employees does the firm have?", []string{"easy_lookup: How many employees"}},
		{"easy: headquarters", "Where is the company headquartered?", []string{"easy_lookup: Where is the company headquartered"}},
		{"easy: founded", "When was the organization founded?", []string{"easy_lookup: When was the organization founded"}},
		{"easy and closed: the lookup is the problem", "Is the company publicly traded?", []string{"easy_lookup: Is the company publicly traded"}},
		{"not easy: a team's habits", "What does your team do when a project fails?", nil},
		{"not easy: where jobs are", "Where are most jobs in this field located?", nil},
		{"closed", "Do you like your job?", []string{"closed_question: Do you like your job?"}},
		{"closed: does", "Does your work change during the year?", []string{"closed_question: Does your work change during the year?"}},
		{"closed after a lead-in", "If you were starting out now, would you train the same way?", []string{"closed_question: If you were starting out now, would you train the same way?"}},
		{"closed without its question mark", "Do you enjoy the travel", []string{"closed_question: Do you enjoy the travel"}},
		{"open: could you tell", "Could you tell me about your career path?", nil},
		{"open: would you describe", "Would you describe a typical day?", nil},
		{"open: can you recommend", "Can you recommend other professionals I should speak with?", nil},
		{"open: anyone else", "Is there anyone else I should talk to?", nil},
		{"open: any advice", "Do you have any advice for someone starting out?", nil},
		{"open: permission", "May I use your name when I contact them?", nil},
		{"open: wh-question", "What do you like best about your job?", nil},
		// Cases kept from the question bank's own open-question test, now
		// that this checker is the only judge.
		{"closed after a scene-setting clause", "When you travel, do you enjoy it?", []string{"closed_question: When you travel, do you enjoy it?"}},
		{"closed: did", "Did you study for it?", []string{"closed_question: Did you study for it?"}},
		{"closed: have", "Have you always worked here?", []string{"closed_question: Have you always worked here?"}},
		{"closed: don't", "Don't you find it stressful?", []string{"closed_question: Don't you find it stressful?"}},
		{"open after a lead-in", "Looking back, what would you do differently?", nil},
		{"open: when did", "When did you know this was for you?", nil},
		{"open: walk me through", "Would you walk me through a recent project?", nil},
		{"two questions, one closed", "Would you describe a typical week? Does it change during the year?", []string{"closed_question: Does it change during the year?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range CheckQuestion(tt.q) {
				got = append(got, fmt.Sprintf("%s: %s", f.Rule, tt.q[f.Start:f.End]))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("CheckQuestion(%q) = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
}

func TestCheckQuestionSeverities(t *testing.T) {
	fs := CheckQuestion("Do you have any openings? Do you like it? What does your company do?")
	sev := map[string]Severity{}
	for _, f := range fs {
		sev[f.Rule] = f.Severity
	}
	want := map[string]Severity{RuleJobAsk: Error, RuleClosedQuestion: Warning, RuleEasyLookup: Warning}
	for r, s := range want {
		if sev[r] != s {
			t.Errorf("%s severity = %q, want %q (findings %+v)", r, sev[r], s, fs)
		}
	}
	if len(QuestionRules()) != 4 {
		t.Errorf("QuestionRules() = %+v", QuestionRules())
	}
}

// Open questions in the style of the built-in bank (internal/method/questions)
// must pass clean, or the guide would warn about Ally's own questions.
func TestCheckQuestionAcceptsOpenBankStyleQuestions(t *testing.T) {
	for _, q := range []string{
		"Could you walk me through a typical day or week in your work?",
		"What kinds of decisions do you make on your own, and which ones go to someone else?",
		"How did you come to work in this field?",
		"If a friend of yours were weighing this field, what would you want them to know first?",
		"In your experience, what makes someone successful in this field?",
		"How did you learn to do your work: on the job, through training, or somewhere else?",
		"If you were in my position, which skills would you start building now?",
		"What range of pay is realistic when starting out, and further along?",
		"How does working at your organisation differ from working elsewhere in the field?",
		"Where do you see demand for people in this field growing, and where shrinking?",
		"Beyond the obvious websites, where can I learn what this work is really like?",
		"How could I get a small taste of this work before committing to it?",
		"Who else would you suggest I talk to, perhaps two or three people?",
		"When I get in touch with them, how would you feel about me mentioning your name?",
		"If you are open to it, how would you like me to keep in touch?",
	} {
		if fs := CheckQuestion(q); len(fs) != 0 {
			t.Errorf("CheckQuestion(%q) = %+v, want none", q, fs)
		}
	}
}
