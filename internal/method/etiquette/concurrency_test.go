package etiquette

import (
	"reflect"
	"sync"
	"testing"
)

// The package promises concurrent use: 32 goroutines check, review a
// question and fill a template at once, and each gets what one alone
// gets. scripts/test runs this package under -race, which also catches a
// shared write that happens to give the right answer.
func TestConcurrentChecks(t *testing.T) {
	type result struct {
		findings, question []Finding
		subject, body      string
		err                error
	}
	run := func() result {
		var r result
		r.findings = Check(message150, joe)
		r.question = CheckQuestion("Are you hiring?")
		r.subject, r.body, r.err = BuiltIns()[0].Fill(sampleData["student with referrer"])
		return r
	}
	want := run()
	if len(want.findings) == 0 || len(want.question) == 0 || want.body == "" || want.err != nil {
		t.Fatalf("the serial run finds nothing to compare: %+v", want)
	}
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			for range 20 {
				if got := run(); !reflect.DeepEqual(got, want) {
					t.Errorf("a concurrent run got %+v, want %+v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
