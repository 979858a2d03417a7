package center

import (
	"errors"
	"github.com/ally-dev/ally/internal/model"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestEveryStepByWhomAndFromWhere checks the whole table of the package
// doc: every action, by every actor, from every state.
func TestEveryStepByWhomAndFromWhere(t *testing.T) {
	open := []State{StatePending, StateMoreInfo}
	want := map[Action]map[Actor][]State{
		ActAskMore:   {ActorVolunteer: {StatePending}},
		ActAnswer:    {ActorStudent: {StateMoreInfo}},
		ActAccept:    {ActorVolunteer: open},
		ActDecline:   {ActorVolunteer: open},
		ActRefer:     {ActorVolunteer: open},
		ActReport:    {ActorVolunteer: {StatePending, StateMoreInfo, StateAccepted}},
		ActWithdraw:  {ActorStudent: open},
		ActSupersede: {ActorAlly: open},
		ActExpire:    {ActorAlly: open},
		ActSchedule:  {ActorStudent: {StateAccepted}, ActorVolunteer: {StateAccepted}},
		ActCancel: {ActorStudent: {StateAccepted}, ActorVolunteer: {StateAccepted},
			ActorAdvisor: {StatePending, StateMoreInfo, StateAccepted}},
		ActHeld: {ActorStudent: {StateAccepted}, ActorVolunteer: {StateAccepted, StateHeld},
			ActorAdvisor: {StateAccepted, StateNoShow}},
		ActNoShow:  {ActorVolunteer: {StateAccepted, StateHeld}, ActorAdvisor: {StateAccepted, StateHeld}},
		ActExplain: {ActorStudent: {StateNoShow, StateCancelled}},
	}
	if len(want) != len(Actions()) {
		t.Fatalf("the test covers %d actions, the package has %d", len(want), len(Actions()))
	}
	for _, a := range Actions() {
		for _, by := range []Actor{ActorStudent, ActorVolunteer, ActorAdvisor, ActorAlly} {
			for _, from := range States() {
				err := mayTake(a, by, from)
				_, anyState := want[a][by]
				allowed := slices.Contains(want[a][by], from)
				switch {
				case allowed && err != nil:
					t.Errorf("%s by %s from %s: refused (%v), want allowed", a, by, from, err)
				case !allowed && err == nil:
					t.Errorf("%s by %s from %s: allowed, want refused", a, by, from)
				case !allowed && !anyState && !strings.HasPrefix(err.Error(), "Only "):
					t.Errorf("%s by %s: the refusal %q does not say who may", a, by, err)
				case !allowed && anyState && !strings.Contains(err.Error(), "the request is "):
					t.Errorf("%s by %s from %s: the refusal %q does not say where the request stands", a, by, from, err)
				}
			}
		}
	}
	if err := mayTake("approve", ActorAdvisor, StatePending); err == nil || !strings.Contains(err.Error(), "accept") {
		t.Errorf("an unknown action: %v, want a refusal listing the steps", err)
	}
}

// testRequest is a request sent on Mon 2 Nov 2026 at 09:00 in New York,
// for 20 minutes, with the meeting (when accepted) on Tue 10 Nov at 10:00.
func testRequest(t *testing.T, state State) (Settings, Request) {
	t.Helper()
	s := centerIn("America/New_York")
	ny := zone(t, "America/New_York")
	r := Request{ID: 7, StudentID: 1, VolunteerID: 2, Field: "Urban planning", Minutes: 20, Channel: model.ChannelVideo,
		State: state, CreatedAt: wall(ny, 2026, 11, 2, 9, 0), StateAt: wall(ny, 2026, 11, 2, 9, 0)}
	if state != StatePending && state != StateMoreInfo {
		r.AcceptedAt = wall(ny, 2026, 11, 3, 8, 0)
		r.AnsweredAt = r.AcceptedAt
		r.MeetingAt = wall(ny, 2026, 11, 10, 10, 0)
	}
	return s, r
}

func TestStepRefusalsSayWhy(t *testing.T) {
	ny := zone(t, "America/New_York")
	before := wall(ny, 2026, 11, 9, 12, 0) // the day before the meeting
	after := wall(ny, 2026, 11, 10, 11, 0) // after it
	for _, tc := range []struct {
		name  string
		state State
		edit  func(*Request)
		step  Step
		want  string
	}{
		{"a student cannot accept", StatePending, nil, Step{Action: ActAccept, By: ActorStudent, At: before}, "Only the volunteer can accept"},
		{"a volunteer cannot withdraw", StatePending, nil, Step{Action: ActWithdraw, By: ActorVolunteer, At: before}, "Only the student can withdraw"},
		{"an advisor cannot expire", StatePending, nil, Step{Action: ActExpire, By: ActorAdvisor, At: before}, "Only Ally can let this request expire"},
		{"a declined request cannot be accepted", StateDeclined, nil, Step{Action: ActAccept, By: ActorVolunteer, At: before}, "the request is declined"},
		{"no expiry before day 14", StatePending, nil, Step{Action: ActExpire, By: ActorAlly, At: wall(ny, 2026, 11, 16, 8, 59)}, "does not expire before Mon 16 Nov 2026, 09:00 EST"},
		{"one question only", StatePending, func(r *Request) { r.Question = "Which part of planning?"; r.Answer = "Transport" },
			Step{Action: ActAskMore, By: ActorVolunteer, At: before, Text: "And why?"}, "already asked"},
		{"a question needs words", StatePending, nil, Step{Action: ActAskMore, By: ActorVolunteer, At: before, Text: "  "}, "Write the question"},
		{"an answer needs words", StateMoreInfo, func(r *Request) { r.Question = "Which part?" }, Step{Action: ActAnswer, By: ActorStudent, At: before}, "Write your answer"},
		{"accepting a past time", StatePending, nil, Step{Action: ActAccept, By: ActorVolunteer, At: before, MeetingAt: wall(ny, 2026, 11, 9, 11, 0)}, "has already passed"},
		{"a decline needs a reason", StatePending, nil, Step{Action: ActDecline, By: ActorVolunteer, At: before}, "Choose a reason"},
		{"suggesting someone needs a name", StatePending, nil, Step{Action: ActDecline, By: ActorVolunteer, At: before, DeclineReason: DeclineSuggest}, "Give the name"},
		{"own words need words", StatePending, nil, Step{Action: ActDecline, By: ActorVolunteer, At: before, DeclineReason: DeclineOwn}, "Write a word"},
		{"refer needs a colleague", StatePending, nil, Step{Action: ActRefer, By: ActorVolunteer, At: before}, "Choose the colleague"},
		{"refer not to oneself", StatePending, nil, Step{Action: ActRefer, By: ActorVolunteer, At: before, ReferTo: 2}, "someone else"},
		{"schedule needs a time", StateAccepted, nil, Step{Action: ActSchedule, By: ActorStudent, At: before}, "Choose the meeting time"},
		{"cancel needs a reason", StateAccepted, nil, Step{Action: ActCancel, By: ActorVolunteer, At: before}, "Say why"},
		{"a student cannot cancel after the start", StateAccepted, nil, Step{Action: ActCancel, By: ActorStudent, At: after, Text: "sorry"}, "can no longer be cancelled"},
		{"held not before the meeting", StateAccepted, nil, Step{Action: ActHeld, By: ActorVolunteer, At: before}, "planned for Tue 10 Nov 2026, 10:00 EST"},
		{"no-show not before the meeting", StateAccepted, nil, Step{Action: ActNoShow, By: ActorVolunteer, At: before}, "once that time has come"},
		{"no-show needs an agreed time", StateAccepted, func(r *Request) { r.MeetingAt = time.Time{} }, Step{Action: ActNoShow, By: ActorVolunteer, At: after}, "No meeting time was agreed"},
		{"held without a time asks when", StateAccepted, func(r *Request) { r.MeetingAt = time.Time{} }, Step{Action: ActHeld, By: ActorStudent, At: after}, "Say when"},
		{"held at a time to come", StateAccepted, func(r *Request) { r.MeetingAt = time.Time{} },
			Step{Action: ActHeld, By: ActorStudent, At: after, MeetingAt: after.Add(time.Hour)}, "still to come"},
		{"the volunteer's own held stands", StateHeld, func(r *Request) { r.OutcomeBy = ActorVolunteer }, Step{Action: ActNoShow, By: ActorVolunteer, At: after}, "already said"},
		{"an early cancellation needs no explaining", StateCancelled, func(r *Request) { r.CancelledBy = ActorStudent }, Step{Action: ActExplain, By: ActorStudent, At: after, Text: "ill"}, "Only a late cancellation"},
		{"explain once", StateNoShow, func(r *Request) { r.StudentWhy = "overslept" }, Step{Action: ActExplain, By: ActorStudent, At: after, Text: "again"}, "already explained"},
		{"explain needs words", StateNoShow, nil, Step{Action: ActExplain, By: ActorStudent, At: after}, "Tell us"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, r := testRequest(t, tc.state)
			if tc.edit != nil {
				tc.edit(&r)
			}
			got, err := s.Apply(r, tc.step)
			var se *StepError
			if !errors.As(err, &se) {
				t.Fatalf("Apply = %v, want a *StepError", err)
			}
			if !strings.Contains(se.Error(), tc.want) {
				t.Errorf("refusal %q, want it to contain %q", se, tc.want)
			}
			if se.Action != tc.step.Action || se.By != tc.step.By || se.From != r.State {
				t.Errorf("StepError = %+v, want action %s by %s from %s", se, tc.step.Action, tc.step.By, r.State)
			}
			if !equalRequests(got, r) {
				t.Errorf("a refused step changed the request:\n got %+v\nwant %+v", got, r)
			}
		})
	}
}

func equalRequests(a, b Request) bool {
	return a.State == b.State && a.StateAt.Equal(b.StateAt) && a.MeetingAt.Equal(b.MeetingAt) &&
		a.AnsweredAt.Equal(b.AnsweredAt) && a.Reason == b.Reason && a.StudentWhy == b.StudentWhy && a.Question == b.Question
}

func TestApplyRecordsEachStep(t *testing.T) {
	ny := zone(t, "America/New_York")
	day3 := wall(ny, 2026, 11, 5, 9, 0)
	after := wall(ny, 2026, 11, 10, 12, 0)
	meeting := wall(ny, 2026, 11, 12, 15, 30)
	for _, tc := range []struct {
		name  string
		state State
		edit  func(*Request)
		step  Step
		check func(t *testing.T, r Request)
	}{
		{"ask for more", StatePending, nil, Step{Action: ActAskMore, By: ActorVolunteer, At: day3, Text: " Which city? "},
			func(t *testing.T, r Request) {
				if r.State != StateMoreInfo || r.Question != "Which city?" || !r.AnsweredAt.Equal(day3) || !r.StateAt.Equal(day3) {
					t.Errorf("got %s %q answered %v", r.State, r.Question, r.AnsweredAt)
				}
			}},
		{"answer goes back to pending", StateMoreInfo, func(r *Request) { r.Question = "Which city?"; r.AnsweredAt = day3 },
			Step{Action: ActAnswer, By: ActorStudent, At: day3.Add(time.Hour), Text: "Boston"},
			func(t *testing.T, r Request) {
				if r.State != StatePending || r.Answer != "Boston" || !r.AnsweredAt.Equal(day3) {
					t.Errorf("got %s %q answered %v", r.State, r.Answer, r.AnsweredAt)
				}
			}},
		{"accept a proposed time", StatePending, func(r *Request) { r.ProposedTimes = []time.Time{meeting} },
			Step{Action: ActAccept, By: ActorVolunteer, At: day3, MeetingAt: meeting},
			func(t *testing.T, r Request) {
				if r.State != StateAccepted || !r.AcceptedAt.Equal(day3) || !r.MeetingAt.Equal(meeting) || !r.AnsweredAt.Equal(day3) {
					t.Errorf("got %+v", r)
				}
			}},
		{"accept with the time left open", StateMoreInfo, nil, Step{Action: ActAccept, By: ActorVolunteer, At: day3},
			func(t *testing.T, r Request) {
				if r.State != StateAccepted || !r.MeetingAt.IsZero() {
					t.Errorf("got %s meeting %v", r.State, r.MeetingAt)
				}
			}},
		{"decline with a suggestion", StatePending, nil, Step{Action: ActDecline, By: ActorVolunteer, At: day3, DeclineReason: DeclineSuggest, Text: "Sam Ortiz"},
			func(t *testing.T, r Request) {
				if r.State != StateDeclined || r.DeclineReason != DeclineSuggest || r.Reason != "Sam Ortiz" {
					t.Errorf("got %+v", r)
				}
				if w := r.DeclineReason.Words(r.Reason); !strings.Contains(w, "Sam Ortiz") {
					t.Errorf("the student reads %q", w)
				}
			}},
		{"refer", StatePending, nil, Step{Action: ActRefer, By: ActorVolunteer, At: day3, ReferTo: 9},
			func(t *testing.T, r Request) {
				if r.State != StateReferred || r.ReferredTo != 9 {
					t.Errorf("got %+v", r)
				}
			}},
		{"report keeps the first answer time", StateAccepted, nil, Step{Action: ActReport, By: ActorVolunteer, At: day3, Text: "asked for my home address"},
			func(t *testing.T, r Request) {
				if r.State != StateReported || r.Reason != "asked for my home address" || r.AnsweredAt.Equal(day3) {
					t.Errorf("got %+v", r)
				}
			}},
		{"a new time asks again after it", StateAccepted, func(r *Request) { r.PromptedAt = day3 },
			Step{Action: ActSchedule, By: ActorStudent, At: day3, MeetingAt: meeting},
			func(t *testing.T, r Request) {
				if !r.MeetingAt.Equal(meeting) || !r.PromptedAt.IsZero() || r.State != StateAccepted || !r.StateAt.Equal(wall(ny, 2026, 11, 2, 9, 0)) {
					t.Errorf("%s since %v, meeting %v prompted %v", r.State, r.StateAt, r.MeetingAt, r.PromptedAt)
				}
			}},
		{"the volunteer's no-show outweighs the student's held", StateHeld, func(r *Request) { r.OutcomeBy = ActorStudent },
			Step{Action: ActNoShow, By: ActorVolunteer, At: after},
			func(t *testing.T, r Request) {
				if r.State != StateNoShow || r.OutcomeBy != ActorVolunteer {
					t.Errorf("got %s by %s", r.State, r.OutcomeBy)
				}
			}},
		{"the volunteer confirms the student's held", StateHeld, func(r *Request) { r.OutcomeBy = ActorStudent },
			Step{Action: ActHeld, By: ActorVolunteer, At: after},
			func(t *testing.T, r Request) {
				if r.State != StateHeld || r.OutcomeBy != ActorVolunteer {
					t.Errorf("got %s by %s", r.State, r.OutcomeBy)
				}
			}},
		{"an advisor corrects a no-show", StateNoShow, func(r *Request) { r.OutcomeBy = ActorVolunteer },
			Step{Action: ActHeld, By: ActorAdvisor, At: after},
			func(t *testing.T, r Request) {
				if r.State != StateHeld || r.OutcomeBy != ActorAdvisor {
					t.Errorf("got %s by %s", r.State, r.OutcomeBy)
				}
			}},
		{"held without an agreed time records when", StateAccepted, func(r *Request) { r.MeetingAt = time.Time{} },
			Step{Action: ActHeld, By: ActorStudent, At: after, MeetingAt: day3},
			func(t *testing.T, r Request) {
				if r.State != StateHeld || !r.MeetingAt.Equal(day3) {
					t.Errorf("got %s at %v", r.State, r.MeetingAt)
				}
			}},
		{"the student explains a no-show", StateNoShow, nil, Step{Action: ActExplain, By: ActorStudent, At: after, Text: "my train stopped"},
			func(t *testing.T, r Request) {
				if r.State != StateNoShow || r.StudentWhy != "my train stopped" {
					t.Errorf("got %s %q", r.State, r.StudentWhy)
				}
			}},
		{"expiry on day 14", StateMoreInfo, nil, Step{Action: ActExpire, By: ActorAlly, At: wall(ny, 2026, 11, 16, 9, 0)},
			func(t *testing.T, r Request) {
				if r.State != StateExpired {
					t.Errorf("got %s", r.State)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, r := testRequest(t, tc.state)
			if tc.edit != nil {
				tc.edit(&r)
			}
			got, err := s.Apply(r, tc.step)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, got)
		})
	}
}

// TestLateCancellationIsUnder24Hours tries the boundary in every zone,
// on a meeting the morning after a daylight-saving change where one
// exists: 24 hours are counted, not wall-clock days.
func TestLateCancellationIsUnder24Hours(t *testing.T) {
	// Meetings on the day of a change where the zone has one: the same
	// wall-clock time the day before is 23 or 25 hours earlier.
	meetings := map[string]struct {
		at            time.Time
		dayBeforeLate bool
	}{
		"America/New_York": {time.Date(2026, 3, 8, 10, 0, 0, 0, zone(t, "America/New_York")), true},  // clocks forward at 02:00: 23 h
		"Europe/Paris":     {time.Date(2026, 10, 25, 10, 0, 0, 0, zone(t, "Europe/Paris")), false},   // back at 03:00: 25 h
		"Asia/Kolkata":     {time.Date(2026, 6, 1, 10, 0, 0, 0, zone(t, "Asia/Kolkata")), false},     // no change: 24 h
		"Pacific/Auckland": {time.Date(2026, 4, 5, 10, 0, 0, 0, zone(t, "Pacific/Auckland")), false}, // back at 03:00: 25 h
		"UTC":              {time.Date(2026, 12, 31, 23, 30, 0, 0, zone(t, "UTC")), false},
	}
	for _, name := range zones {
		s := centerIn(name)
		meeting := meetings[name].at
		for _, tc := range []struct {
			name string
			by   Actor
			at   time.Time
			late bool
		}{
			{"exactly 24 hours before", ActorStudent, meeting.Add(-24 * time.Hour), false},
			{"a minute under 24 hours", ActorStudent, meeting.Add(-24*time.Hour + time.Minute), true},
			{"the same wall-clock time the day before", ActorStudent, wallDayBefore(meeting), meetings[name].dayBeforeLate},
			{"a minute before the start", ActorStudent, meeting.Add(-time.Minute), true},
			{"a week before", ActorStudent, meeting.AddDate(0, 0, -7), false},
			{"the volunteer an hour before", ActorVolunteer, meeting.Add(-time.Hour), false},
			{"an advisor an hour before", ActorAdvisor, meeting.Add(-time.Hour), false},
		} {
			r := Request{ID: 1, StudentID: 1, VolunteerID: 2, Minutes: 20, State: StateAccepted,
				CreatedAt: meeting.AddDate(0, 0, -10), AcceptedAt: meeting.AddDate(0, 0, -9), MeetingAt: meeting}
			got, err := s.Apply(r, Step{Action: ActCancel, By: tc.by, At: tc.at, Text: "something came up"})
			if err != nil {
				t.Fatalf("%s, %s: %v", name, tc.name, err)
			}
			if got.LateCancel != tc.late || got.State != StateCancelled || got.CancelledBy != tc.by {
				t.Errorf("%s, %s: late %v (%s by %s), want late %v", name, tc.name, got.LateCancel, got.State, got.CancelledBy, tc.late)
			}
			if _, strike := StrikeAt(got); strike != tc.late {
				t.Errorf("%s, %s: a strike %v, want %v", name, tc.name, strike, tc.late)
			}
		}
	}
}

func wallDayBefore(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d-1, t.Hour(), t.Minute(), 0, 0, t.Location())
}

func TestAllowedListsWhatEachSideMayDoNow(t *testing.T) {
	ny := zone(t, "America/New_York")
	beforeExpiry := wall(ny, 2026, 11, 5, 9, 0)
	afterExpiry := wall(ny, 2026, 11, 20, 9, 0)
	beforeMeeting := wall(ny, 2026, 11, 9, 9, 0)
	afterMeeting := wall(ny, 2026, 11, 10, 11, 0)
	for _, tc := range []struct {
		state State
		by    Actor
		now   time.Time
		want  []Action
	}{
		{StatePending, ActorVolunteer, beforeExpiry, []Action{ActAskMore, ActAccept, ActDecline, ActRefer, ActReport}},
		{StatePending, ActorStudent, beforeExpiry, []Action{ActWithdraw}},
		{StatePending, ActorAdvisor, beforeExpiry, []Action{ActCancel}},
		{StatePending, ActorAlly, beforeExpiry, []Action{ActSupersede}},
		{StatePending, ActorAlly, afterExpiry, []Action{ActSupersede, ActExpire}},
		{StateMoreInfo, ActorStudent, beforeExpiry, []Action{ActAnswer, ActWithdraw}},
		{StateAccepted, ActorStudent, beforeMeeting, []Action{ActSchedule, ActCancel}},
		{StateAccepted, ActorStudent, afterMeeting, []Action{ActSchedule, ActHeld}},
		{StateAccepted, ActorVolunteer, beforeMeeting, []Action{ActReport, ActSchedule, ActCancel}},
		{StateAccepted, ActorVolunteer, afterMeeting, []Action{ActReport, ActSchedule, ActCancel, ActHeld, ActNoShow}},
		{StateExpired, ActorVolunteer, afterExpiry, nil},
		{StateNoShow, ActorStudent, afterMeeting, []Action{ActExplain}},
	} {
		s, r := testRequest(t, tc.state)
		if got := s.Allowed(r, tc.by, tc.now); !slices.Equal(got, tc.want) {
			t.Errorf("%s, %s at %v: Allowed = %v, want %v", tc.state, tc.by, tc.now, got, tc.want)
		}
	}
}

func TestPartyOf(t *testing.T) {
	r := Request{StudentID: 4, VolunteerID: 5}
	for id, want := range map[int64]Actor{4: ActorStudent, 5: ActorVolunteer, 6: ""} {
		if got := r.PartyOf(id); got != want {
			t.Errorf("PartyOf(%d) = %q, want %q", id, got, want)
		}
	}
}

func TestCancelWithdrawsAStudentsRequestStillWaiting(t *testing.T) {
	for _, tc := range []struct {
		state State
		by    Actor
		want  Action
	}{
		{StatePending, ActorStudent, ActWithdraw},
		{StateMoreInfo, ActorStudent, ActWithdraw},
		{StateAccepted, ActorStudent, ActCancel},
		{StateAccepted, ActorVolunteer, ActCancel},
		{StatePending, ActorAdvisor, ActCancel},
		{StatePending, ActorVolunteer, ActCancel},
	} {
		if got := (Request{State: tc.state}).CancelAction(tc.by); got != tc.want {
			t.Errorf("%s cancels a %s request: %q, want %q", tc.by, tc.state, got, tc.want)
		}
	}
}

func TestParseState(t *testing.T) {
	for _, st := range States() {
		if got, err := ParseState(string(st)); err != nil || got != st {
			t.Errorf("ParseState(%q) = %q, %v", st, got, err)
		}
		if st.Label() == "" {
			t.Errorf("%s has no label", st)
		}
	}
	if _, err := ParseState("done"); err == nil || !strings.Contains(err.Error(), "no_show") {
		t.Errorf("ParseState(done) = %v, want the list of states", err)
	}
}
