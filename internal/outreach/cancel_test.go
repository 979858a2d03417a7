package outreach_test

import (
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/outreach"
)

func TestLateCancelNoteApologisesAndOffersNewTimes(t *testing.T) {
	note := outreach.LateCancelNote("Dana Brown", "Thursday, December 3 at 10:30", "Jordan Lee")
	for _, want := range []string{"Hi Dana,", "our meeting on Thursday, December 3 at 10:30", "sorry", "another time that suits you", "phone call", "Jordan Lee"} {
		if !strings.Contains(note, want) {
			t.Errorf("the note lacks %q:\n%s", want, note)
		}
	}
	if got := outreach.LateCancelNote("Dr. Vasquez", "", ""); !strings.HasPrefix(got, "Hi Dr. Vasquez,") || !strings.Contains(got, "cannot make our meeting.") {
		t.Errorf("a titled name and no time:\n%s", got)
	}
	// Ally's own text passes Ally's own checker: no job ask, no résumé.
	findings := etiquette.Check(note, etiquette.Context{Channel: etiquette.Email, Kind: etiquette.KeepInTouch})
	if etiquette.HasErrors(findings) {
		t.Errorf("the note has error findings: %+v", findings)
	}
}
