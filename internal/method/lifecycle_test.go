package method

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

func TestCheckStep(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	earlier := now.Add(-24 * time.Hour)
	tests := []struct {
		name      string
		state     model.State
		followUps int
		stateAt   time.Time
		step      Step
		wantErr   string // "" means allowed
	}{
		{"idea to requested", model.StateIdea, 0, time.Time{}, Step{To: model.StateRequested, At: now}, ""},
		{"idea cannot be held", model.StateIdea, 0, time.Time{}, Step{To: model.StateHeld, At: now}, "allowed next steps: requested, scheduled, cancelled"},
		{"requested to followed up", model.StateRequested, 0, earlier, Step{To: model.StateFollowedUp, At: now}, ""},
		{"second follow-up allowed", model.StateFollowedUp, 1, earlier, Step{To: model.StateFollowedUp, At: now}, ""},
		{"third follow-up refused", model.StateFollowedUp, 2, earlier, Step{To: model.StateFollowedUp, At: now}, "never sends more than 2 follow-ups"},
		{"scheduling needs a meeting time", model.StateRequested, 0, earlier, Step{To: model.StateScheduled, At: now}, "needs the meeting time"},
		{"scheduling with a meeting time", model.StateRequested, 0, earlier, Step{To: model.StateScheduled, At: now, MeetingAt: now.Add(72 * time.Hour)}, ""},
		{"meeting time only with scheduled", model.StateScheduled, 0, earlier, Step{To: model.StateConfirmed, At: now, MeetingAt: now}, "only with the scheduled step"},
		{"declined may be requested again", model.StateDeclined, 0, earlier, Step{To: model.StateRequested, At: now}, ""},
		{"cancelled may be requested again", model.StateCancelled, 0, earlier, Step{To: model.StateRequested, At: now}, ""},
		{"no reply is closed", model.StateNoReply, 0, earlier, Step{To: model.StateRequested, At: now}, "takes no further step"},
		{"held may report back before the thank-you", model.StateHeld, 0, earlier, Step{To: model.StateReportedBack, At: now}, ""},
		{"held keeps in touch only after a thank-you", model.StateHeld, 0, earlier, Step{To: model.StateKeepingInTouch, At: now}, "allowed next steps: thanked, reported_back"},
		{"future steps refused", model.StateIdea, 0, time.Time{}, Step{To: model.StateRequested, At: now.Add(time.Hour)}, "in the future"},
		{"steps before the last one refused", model.StateRequested, 0, now, Step{To: model.StateFollowedUp, At: earlier}, "before the conversation's last step"},
		{"unknown step", model.StateIdea, 0, time.Time{}, Step{To: "celebrated", At: now}, "is not a step"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &model.Conversation{State: tt.state, FollowUps: tt.followUps, StateAt: tt.stateAt}
			err := CheckStep(c, tt.step, now)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckStep: %v", err)
				}
				return
			}
			var se *StepError
			if !errors.As(err, &se) {
				t.Fatalf("CheckStep error = %v, want a *StepError", err)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("CheckStep error %q does not contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestApplyTracksDerivedDates(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	c := &model.Conversation{State: model.StateIdea}
	steps := []Step{
		{To: model.StateRequested, At: t0},
		{To: model.StateFollowedUp, At: t0.Add(240 * time.Hour)},
		{To: model.StateScheduled, At: t0.Add(250 * time.Hour), MeetingAt: t0.Add(300 * time.Hour)},
		{To: model.StateHeld, At: t0.Add(300 * time.Hour)},
	}
	for _, st := range steps {
		if err := CheckStep(c, st, t0.Add(1000*time.Hour)); err != nil {
			t.Fatalf("step %s: %v", st.To, err)
		}
		Apply(c, st)
	}
	if c.State != model.StateHeld || c.FollowUps != 1 {
		t.Fatalf("state %s follow-ups %d", c.State, c.FollowUps)
	}
	if !c.RequestedAt.Equal(t0) || !c.FollowedUpAt.Equal(t0.Add(240*time.Hour)) || !c.HeldAt.Equal(t0.Add(300*time.Hour)) || !c.MeetingAt.Equal(t0.Add(300*time.Hour)) {
		t.Fatalf("derived dates wrong: %+v", c)
	}
}

func TestCancelIsLateWithinADayOfTheMeeting(t *testing.T) {
	meeting := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		at   time.Time
		want bool
	}{
		{"two days before", meeting.Add(-48 * time.Hour), false},
		{"exactly a day before", meeting.Add(-24 * time.Hour), false},
		{"a minute under a day before", meeting.Add(-24*time.Hour + time.Minute), true},
		{"an hour before", meeting.Add(-time.Hour), true},
		{"at the meeting time", meeting, false},
		{"after the meeting", meeting.Add(time.Hour), false},
	}
	for _, tt := range tests {
		if got := CancelIsLate(meeting, tt.at); got != tt.want {
			t.Errorf("%s: CancelIsLate = %v, want %v", tt.name, got, tt.want)
		}
	}
	if CancelIsLate(time.Time{}, meeting) {
		t.Errorf("no meeting time: nothing is late")
	}
}

// The thank-you and the report-back come in either order, each once per
// meeting; a new meeting (held again) allows both again.
func TestThankYouAndReportBackAreIndependentAndOnce(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	c := &model.Conversation{State: model.StateScheduled, StateAt: at(0), Events: []model.Event{{Step: model.StateScheduled, At: at(0)}}}
	take := func(to model.State, h int) error {
		st := Step{To: to, At: at(h)}
		if err := CheckStep(c, st, at(h)); err != nil {
			return err
		}
		Apply(c, st)
		c.Events = append(c.Events, model.Event{Step: to, At: at(h)})
		return nil
	}
	for _, step := range []struct {
		to      model.State
		wantErr string
	}{
		{model.StateHeld, ""},
		{model.StateReportedBack, ""},
		{model.StateReportedBack, "already logged"},
		{model.StateThanked, ""},
		{model.StateThanked, "the thank-you was already logged"},
		{model.StateReportedBack, "the report to the referrer was already logged"},
		{model.StateKeepingInTouch, ""},
	} {
		err := take(step.to, len(c.Events))
		if step.wantErr == "" && err != nil {
			t.Fatalf("%s from %s: %v", step.to, c.State, err)
		}
		if step.wantErr != "" && (err == nil || !strings.Contains(err.Error(), step.wantErr)) {
			t.Fatalf("%s from %s: error %v, want %q", step.to, c.State, err, step.wantErr)
		}
	}
	if got := Next(&model.Conversation{State: model.StateReportedBack, Events: []model.Event{{Step: model.StateHeld}, {Step: model.StateReportedBack}}}); len(got) != 2 || got[0] != model.StateThanked {
		t.Errorf("after a report-back, next = %v, want thanked first", got)
	}
	held := &model.Conversation{State: model.StateHeld, Events: []model.Event{{Step: model.StateHeld}, {Step: model.StateThanked}, {Step: model.StateHeld}}}
	if TookSinceHeld(held, model.StateThanked) {
		t.Errorf("a thank-you before the last meeting counts for it")
	}
}

func TestThankedLateAfterTheSettingsHours(t *testing.T) {
	held := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	s := DefaultSettings() // 12 hours
	convo := func(thanked time.Duration) *model.Conversation {
		return &model.Conversation{Events: []model.Event{{Step: model.StateHeld, At: held}, {Step: model.StateThanked, At: held.Add(thanked)}}}
	}
	if ThankedLate(convo(12*time.Hour), s) || !ThankedLate(convo(12*time.Hour+time.Minute), s) {
		t.Errorf("the 12-hour line is wrong")
	}
	if ThankedLate(&model.Conversation{Events: []model.Event{{Step: model.StateHeld, At: held}}}, s) {
		t.Errorf("no thank-you yet is not a late one")
	}
}
