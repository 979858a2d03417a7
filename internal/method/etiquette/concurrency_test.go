package etiquette

import (
	"sync"
	"testing"
)

// The package promises concurrent use; run with -race to check it.
func TestConcurrentChecks(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				Check(message150, joe)
				CheckQuestion("Are you hiring?")
				BuiltIns()[0].Fill(sampleData["student with referrer"])
			}
		}()
	}
	wg.Wait()
}
