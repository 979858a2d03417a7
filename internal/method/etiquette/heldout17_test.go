package etiquette

import (
	"slices"
	"testing"
)

// Round chk17 held-out sentences, written before tuning this round.
func TestChk17Heldout(t *testing.T) {
	for _, tc := range []struct {
		rule string
		s    string
		want bool
	}{
		{RuleJobAsk, "Would your bureau have a desk for a junior reporter like me come autumn?", true},
		{RuleJobAsk, "If a slot on your night shift ever frees up, I'm keen.", true},
		{RuleJobAsk, "I'd happily sweep floors at your print shop if it got my foot in the door.", true},
		{RuleJobAsk, "Could you put my name forward when your lab advertises the technician post?", true},
		{RuleJobAsk, "Haben Sie vielleicht eine freie Stelle für mich?", true},
		{RuleJobAsk, "Je cherche un poste dans votre agence, auriez-vous quelque chose ?", true},
		{RuleJobAsk, "Sto cercando lavoro: avete bisogno di qualcuno in cantina?", true},
		{RuleResumeOffer, "My CV's in the shared folder I sent you yesterday, have a peek.", true},
		{RuleResumeOffer, "Happy to forward my résumé whenever it's useful to you.", true},
		{RuleResumeOffer, "Os envío mi currículum por si os sirve.", true},
		{"", "How did you land your first job at the bureau?", false},
		{"", "I'm not looking for a position right now, just trying to understand the work.", false},
		{"", "Do most studios in animation hire straight out of school?", false},
		{"", "My résumé is still a mess, so I'd rather hear about the work first.", false},
		{"", "A friend told me your firm is hiring; I'm more interested in what the day-to-day looks like.", false},
		{"", "Je ne cherche pas de poste, je voudrais simplement comprendre votre métier.", false},
		{"", "What would you put on a CV if you were starting out today?", false},
		{"", "Wie sind Sie zu Ihrer Stelle gekommen?", false},
		{"", "When you hire interns, what do you look for in their first week?", false},
		{"", "I wouldn't send a résumé to someone I haven't met yet, so this is just a request for advice.", false},
		{RuleJobAsk, "Any chance you'd need a second pair of eyes on the audit team in March? I'm free from the 1st.", true},
		{RuleJobAsk, "I've heard your unit is short of night nurses, and that's exactly the kind of post I want.", true},
		{RuleJobAsk, "Kunnen jullie nog iemand gebruiken in de werkplaats?", true},
		{RuleJobAsk, "¿Habría hueco para mí en su despacho este verano?", true},
		{RuleResumeOffer, "Please find my CV enclosed herewith for your kind perusal.", true},
		{"", "Would you recommend I apply to the MSc first, or work for a few years?", false},
		{"", "Your post about hiring juniors got me thinking about how teams train newcomers.", false},
		{"", "Should I mention my résumé gap when I talk to people in the field?", false},
		{"", "Ist es in Ihrer Branche üblich, sich initiativ zu bewerben?", false},
		{"", "I'd rather not attach my CV before we've even spoken.", false},
	} {
		rs := rulesOf(Check(tc.s, Context{}))
		var got bool
		if tc.want {
			got = slices.Contains(rs, tc.rule)
		} else {
			got = slices.Contains(rs, RuleJobAsk) || slices.Contains(rs, RuleResumeOffer)
		}
		ok := got == tc.want
		t.Logf("ok=%v want=%v %v %q", ok, tc.want, rs, tc.s)
	}
}
