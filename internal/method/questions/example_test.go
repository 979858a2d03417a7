package questions_test

import (
	"fmt"

	"github.com/ally-dev/ally/internal/method/questions"
)

func ExampleBuild() {
	g := questions.Build(questions.Input{
		Minutes:   20,
		Questions: questions.BuiltIns(),
		// Two earlier conversations in this field covered the work itself
		// and how people got in, so the guide looks elsewhere.
		Covered: map[questions.Topic]int{questions.TopicWork: 2, questions.TopicEntry: 2},
		Opening: questions.OpeningStatement("Dana Brown", "a history junior at UMass Amherst", "public policy", ""),
	})
	fmt.Println(g.Opening)
	for _, q := range g.Questions {
		fmt.Printf("[%s] %s\n", q.Topic.Title(), q.Text)
	}
	// Output:
	// I'm Dana Brown, a history junior at UMass Amherst. I'm exploring a career in public policy and would like to learn from your experience.
	// [Skills and preparation] In your experience, what makes someone successful in this field?
	// [Career path] How has your career unfolded since your first role?
	// [Lifestyle] What are the hours really like, and how much do they vary?
	// [Work environment] How would you describe the culture where you work to a friend?
	// [Resources and people] Who else would you suggest I talk to, perhaps two or three people?
	// [Resources and people] When I get in touch with them, how would you feel about me mentioning your name?
	// [Resources and people] If you are open to it, how would you like me to keep in touch?
}
