package method

import (
	"errors"
	"testing"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
)

// One decision, kept anyway or not, worded for each interface with the
// same names: --keep-anyway, "Keep it anyway", keep_anyway.
func TestKeepAnywayIsOneDecisionWordedPerInterface(t *testing.T) {
	long := MinutesCaution(60)
	if long == nil || MinutesCaution(MaxFirstAskMinutes) != nil || MinutesCaution(model.MaxMinutes+1) != nil {
		t.Fatalf("MinutesCaution: 60 → %v; only asks over %d (and within range) are held back", long, MaxFirstAskMinutes)
	}
	job := QuestionCaution(etiquette.CheckQuestion("Are you hiring interns this summer?"))
	if job == nil || QuestionCaution(etiquette.CheckQuestion("How do permits move through your office?")) != nil {
		t.Fatalf("QuestionCaution: a job ask → %v; a fine question is not held back", job)
	}
	tests := []struct {
		c     *Caution
		via   Via
		field string
		want  string
	}{
		{long, ViaCLI, "minutes", "60 minutes is a lot for a first conversation; 20 is usual and 30 the most to ask for; ask for less, or add --keep-anyway to keep 60 minutes"},
		{long, ViaWeb, "minutes", "60 minutes is a lot for a first conversation; 20 is usual and 30 the most to ask for. Ask for less, or tick “Keep it anyway” below to keep 60 minutes."},
		{long, ViaAPI, "minutes", `60 minutes is a lot for a first conversation; 20 is usual and 30 the most to ask for; ask for less, or send "keep_anyway": true to keep 60 minutes`},
		{job, ViaCLI, "text", job.Message + " (" + etiquette.RuleJobAsk + "); rephrase it, or add --keep-anyway to keep this wording"},
		{job, ViaWeb, "text", job.Message + ". Rephrase it, or tick “Keep it anyway” below to keep this wording."},
	}
	for _, tt := range tests {
		err := KeepAnyway(tt.c, false, tt.via)
		var fe *model.FieldError
		if !errors.As(err, &fe) || fe.Field != tt.field || fe.Message != tt.want {
			t.Errorf("via %d: %v, want %s: %q", tt.via, err, tt.field, tt.want)
		}
		if err := KeepAnyway(tt.c, true, tt.via); err != nil {
			t.Errorf("via %d, kept anyway: %v", tt.via, err)
		}
	}
	if err := KeepAnyway(nil, false, ViaCLI); err != nil {
		t.Errorf("nothing to caution about: %v", err)
	}
	if got, want := long.Label(), "Keep it anyway: I have read the advice and keep 60 minutes"; got != want {
		t.Errorf("label %q, want %q", got, want)
	}
}
