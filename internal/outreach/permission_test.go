package outreach_test

import (
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/outreach"
)

// "May I use your name?": only a yes lets a draft cite the referrer, and
// only then does the checker ask for the mention. How the user knows the
// person chooses the request otherwise.
func TestDraftsRespectTheReferrersAnswerAndHowTheUserKnowsThePerson(t *testing.T) {
	settings := method.DefaultSettings()
	settings.UserName, settings.School, settings.Year = "Jordan Lee", "Riverbend State University", "senior"
	facts := func(perm model.NamePermission, source model.Source) outreach.Facts {
		return outreach.Facts{Settings: settings,
			Person: &model.Person{ID: 2, Name: "Tom Becker", Emails: []string{"tom@example.com"}, Source: source,
				ReferredBy: &model.Ref{ID: 1, Name: "Sam Okafor"}, NamePermission: perm,
				Fields: []model.Ref{{ID: 1, Name: "Urban planning"}}},
			Referrer: &model.Person{ID: 1, Name: "Sam Okafor"}}
	}
	tests := []struct {
		name     string
		f        outreach.Facts
		template string
		names    bool
	}{
		{"yes", facts(model.NameYes, model.SourceReferral), "email-referral", true},
		{"no", facts(model.NameNo, model.SourceReferral), "email-cold", false},
		{"not asked", facts(model.NameNotAsked, model.SourceReferral), "email-cold", false},
		{"a friend, suggested without the name", facts(model.NameNo, model.SourceFriend), "email-known", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := outreach.Compose(tt.f, outreach.Request{Kind: etiquette.FirstRequest})
			if err != nil {
				t.Fatal(err)
			}
			if d.TemplateID != tt.template {
				t.Errorf("template %s, want %s", d.TemplateID, tt.template)
			}
			if got := strings.Contains(d.Text(), "Sam Okafor"); got != tt.names {
				t.Errorf("names the referrer: %v, want %v\n%s", got, tt.names, d.Text())
			}
			if len(d.Findings) != 0 {
				t.Errorf("findings %+v\n%s", d.Findings, d.Text())
			}
			// The user's own words without the referrer: the checker asks
			// for the mention only on a yes.
			fs := etiquette.Check("Subject: Hello\n\nHi Tom, I am a senior at Riverbend. Could I have 20 minutes at your convenience to learn about your work? A call works too.\nJordan", d.Context)
			asked := false
			for _, f := range fs {
				asked = asked || f.Rule == "no_referrer" || f.Rule == "subject_not_referrer"
			}
			if asked != tt.names {
				t.Errorf("the checker asks for the referrer: %v, want %v (%+v)", asked, tt.names, fs)
			}
		})
	}
	// The report-back goes to the referrer and names them whatever the answer.
	f := facts(model.NameNo, model.SourceReferral)
	d, err := outreach.Compose(f, outreach.Request{Kind: etiquette.ReportBack, Learned: "how zoning hearings run."})
	if err != nil || d.To.Name != "Sam Okafor" {
		t.Fatalf("report-back: %+v, %v", d, err)
	}
	if k, ok := outreach.KindForAction(method.ActReachOut); !ok || k != etiquette.FirstRequest {
		t.Errorf("reach_out calls for %q", k)
	}
}
