package method

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// The agenda tests run in New York on fixed dates around late November
// 2026: Friday the 20th, the weekend, and the daylight-saving change on
// 1 November.
func TestAgendaRules(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	d := wallClock(t, ny)
	settings := DefaultSettings()
	settings.TimeZone = "America/New_York"
	settings.KeepInTouchByTag = map[string]int{"mentor": 30}
	policy := []model.Ref{{ID: 1, Name: "Public policy"}}

	type want struct {
		id      string
		due     string
		overdue bool
	}
	tests := []struct {
		name   string
		now    string
		convos []ConvoFacts
		people []PersonFacts
		fields []FieldFacts
		marks  map[string]Mark
		want   []want
	}{
		{
			name:   "fresh request has nothing due yet but shows the coming follow-ups",
			now:    "2026-11-20 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", Fields: policy, State: model.StateRequested, RequestedAt: d("2026-11-20 08:00")}},
			want: []want{
				{"contact_another-c1", "2026-11-25 08:00", false},
				{"follow_up-c1", "2026-12-01 08:00", false},
			},
		},
		{
			name:   "request sent on a Friday: contact another on Wednesday, follow up the Tuesday after next",
			now:    "2026-11-26 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", Fields: policy, State: model.StateRequested, RequestedAt: d("2026-11-20 16:00")}},
			want: []want{
				{"contact_another-c1", "2026-11-25 16:00", true},
				{"follow_up-c1", "2026-12-01 16:00", false},
			},
		},
		{
			name:   "request sent on Saturday counts from Monday",
			now:    "2026-11-23 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", State: model.StateRequested, RequestedAt: d("2026-11-21 11:00")}},
			want: []want{
				{"contact_another-c1", "2026-11-25 11:00", false},
				{"follow_up-c1", "2026-12-01 11:00", false},
			},
		},
		{
			name: "a later request in the same field fulfils contact_another",
			now:  "2026-11-30 09:00",
			convos: []ConvoFacts{
				{ID: 1, PersonID: 10, Person: "Dana", Fields: policy, State: model.StateRequested, RequestedAt: d("2026-11-16 08:00")},
				{ID: 2, PersonID: 11, Person: "Eli", Fields: policy, State: model.StateRequested, RequestedAt: d("2026-11-27 08:00")},
			},
			want: []want{
				{"follow_up-c1", "2026-11-25 08:00", true},
				{"contact_another-c2", "2026-12-02 08:00", false},
				{"follow_up-c2", "2026-12-08 08:00", false},
			},
		},
		{
			name:   "a reply after the request silences the chase",
			now:    "2026-12-10 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", State: model.StateRequested, RequestedAt: d("2026-11-16 08:00"), LastReplyAt: d("2026-11-17 08:00")}},
		},
		{
			name:   "after a follow-up, mark no reply seven business days later",
			now:    "2026-12-10 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", State: model.StateFollowedUp, RequestedAt: d("2026-11-16 08:00"), FollowedUpAt: d("2026-11-27 10:00")}},
			want:   []want{{"mark_no_reply-c1", "2026-12-08 10:00", true}},
		},
		{
			name:   "scheduled and not confirmed: confirm 48 h and prepare 24 h before",
			now:    "2026-11-20 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", State: model.StateScheduled, MeetingAt: d("2026-11-26 10:30")}},
			want: []want{
				{"confirm-c1", "2026-11-24 10:30", false},
				{"prepare-c1", "2026-11-25 10:30", false},
			},
		},
		{
			name:   "a Monday meeting: confirming and preparing move from the weekend to the Friday before",
			now:    "2026-11-20 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", State: model.StateScheduled, MeetingAt: d("2026-11-23 10:30")}},
			want: []want{
				{"confirm-c1", "2026-11-20 10:30", false},
				{"prepare-c1", "2026-11-20 10:30", false},
			},
		},
		{
			name:   "a Tuesday meeting: the confirmation moves from Sunday to Friday, preparing stays on Monday",
			now:    "2026-11-20 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", State: model.StateScheduled, MeetingAt: d("2026-11-24 09:00")}},
			want: []want{
				{"confirm-c1", "2026-11-20 09:00", false},
				{"prepare-c1", "2026-11-23 09:00", false},
			},
		},
		{
			name:   "confirmed and prepared: nothing to do",
			now:    "2026-11-20 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", State: model.StateConfirmed, MeetingAt: d("2026-11-23 10:30"), Prepared: true}},
		},
		{
			name:   "after the autumn clock change, 48 hours before a Wednesday meeting is Monday at the same time",
			now:    "2026-10-30 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", State: model.StateScheduled, MeetingAt: d("2026-11-04 10:00"), Prepared: true}},
			want:   []want{{"confirm-c1", "2026-11-02 10:00", false}},
		},
		{
			name:   "48 hours before a meeting just after the clock change is an absolute 48 hours (Saturday 11:00), moved to Friday 11:00",
			now:    "2026-10-29 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", State: model.StateScheduled, MeetingAt: d("2026-11-02 10:00"), Prepared: true}},
			want:   []want{{"confirm-c1", "2026-10-30 11:00", false}},
		},
		{
			name:   "held with a referrer: notes, thank-you, report back",
			now:    "2026-11-20 23:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", ReferrerID: 9, Referrer: "Joe Serra", State: model.StateHeld, HeldAt: d("2026-11-20 10:30")}},
			want: []want{
				{"write_notes-c1", "2026-11-20 11:30", true},
				{"thank-c1", "2026-11-20 22:30", true},
				{"report_back-c1", "2026-11-22 10:30", false},
			},
		},
		{
			name:   "held with notes and no referrer: only the thank-you",
			now:    "2026-11-20 12:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", State: model.StateHeld, HeldAt: d("2026-11-20 10:30"), HasNotes: true}},
			want:   []want{{"thank-c1", "2026-11-20 22:30", false}},
		},
		{
			name:   "reported back before the thank-you: the thank-you is still due",
			now:    "2026-11-20 23:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", ReferrerID: 9, Referrer: "Joe", State: model.StateReportedBack, HeldAt: d("2026-11-20 10:30"), HasNotes: true, ReportedBack: true}},
			want:   []want{{"thank-c1", "2026-11-20 22:30", true}},
		},
		{
			name:   "thanked after reporting back: nothing left but keeping in touch",
			now:    "2026-11-21 12:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", ReferrerID: 9, Referrer: "Joe", State: model.StateThanked, HeldAt: d("2026-11-20 10:30"), HasNotes: true, Thanked: true, ReportedBack: true}},
		},
		{
			name:   "thanked: report back still due",
			now:    "2026-11-21 12:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", ReferrerID: 9, Referrer: "Joe", State: model.StateThanked, HeldAt: d("2026-11-20 10:30"), HasNotes: true}},
			want:   []want{{"report_back-c1", "2026-11-22 10:30", false}},
		},
		{
			name:   "keep in touch 90 days after the last touch, sooner for mentors",
			now:    "2027-02-20 12:00",
			people: []PersonFacts{{ID: 10, Name: "Dana", LastTouch: d("2026-11-20 10:30")}, {ID: 11, Name: "Eli", Tags: []string{"mentor"}, LastTouch: d("2026-11-20 10:30")}},
			want: []want{
				{"keep_in_touch-p11", "2026-12-20 10:30", true},
				{"keep_in_touch-p10", "2027-02-18 10:30", true},
			},
		},
		{
			name:   "a field short of its target asks for another perspective",
			now:    "2026-11-20 12:00",
			fields: []FieldFacts{{ID: 1, Name: "Public policy", Target: 3, Held: 1, Booked: 1, CreatedAt: d("2026-10-01 09:00")}, {ID: 2, Name: "Design", Target: 3, Held: 3}},
			want:   []want{{"find_perspective-f1", "2026-10-01 09:00", false}},
		},
		{
			name:   "done hides an action; snooze hides it until the snooze ends",
			now:    "2026-11-20 23:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", ReferrerID: 9, Referrer: "Joe", State: model.StateHeld, HeldAt: d("2026-11-20 10:30")}},
			marks: map[string]Mark{
				"write_notes-c1": {Due: d("2026-11-20 11:30"), Done: true},
				"thank-c1":       {Due: d("2026-11-20 22:30"), SnoozedUntil: d("2026-11-21 08:00")},
				"report_back-c1": {Due: d("2026-11-01 10:30"), Done: true}, // an older occurrence: no effect
			},
			want: []want{{"report_back-c1", "2026-11-22 10:30", false}},
		},
		{
			name:   "a snooze that has ended brings the action back",
			now:    "2026-11-21 09:00",
			convos: []ConvoFacts{{ID: 1, PersonID: 10, Person: "Dana", State: model.StateHeld, HeldAt: d("2026-11-20 10:30"), HasNotes: true}},
			marks:  map[string]Mark{"thank-c1": {Due: d("2026-11-20 22:30"), SnoozedUntil: d("2026-11-21 08:00")}},
			want:   []want{{"thank-c1", "2026-11-20 22:30", true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Agenda(AgendaInput{Now: d(tt.now), Settings: settings, Convos: tt.convos, People: tt.people, Fields: tt.fields, Marks: tt.marks})
			var gotW []want
			for _, a := range got {
				gotW = append(gotW, want{a.ID, a.Due.In(ny).Format("2006-01-02 15:04"), a.Overdue})
				if a.Reason == "" {
					t.Errorf("%s has no reason", a.ID)
				}
			}
			if !reflect.DeepEqual(gotW, tt.want) {
				t.Errorf("agenda\n got %v\nwant %v", gotW, tt.want)
			}
		})
	}
}

func TestAgendaReasonsSpeakPlainly(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	s := DefaultSettings()
	s.TimeZone = "America/New_York"
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, ny)
	got := Agenda(AgendaInput{Now: now, Settings: s, Convos: []ConvoFacts{{ID: 1, PersonID: 1, Person: "Dana", State: model.StateHeld, HeldAt: time.Date(2026, 11, 20, 10, 30, 0, 0, ny), HasNotes: true}}})
	if len(got) != 1 || got[0].Reason != "Held yesterday 10:30 — a thank-you is due within 12 hours" {
		t.Fatalf("reason = %+v", got)
	}
	if !strings.Contains(got[0].Kind.Label(), "thank-you") {
		t.Fatalf("label %q", got[0].Kind.Label())
	}
}

func TestActionIDRoundTrip(t *testing.T) {
	for _, k := range ActionKinds() {
		id := ActionID(k, 'c', 42)
		kind, prefix, n, err := ParseActionID(id)
		if err != nil || kind != k || prefix != 'c' || n != 42 {
			t.Errorf("ParseActionID(%q) = %s %c %d %v", id, kind, prefix, n, err)
		}
	}
	for _, bad := range []string{"", "thank", "thank-", "thank-c", "thank-x1", "party-c1", "thank-c-1", "thank-c0"} {
		if _, _, _, err := ParseActionID(bad); err == nil {
			t.Errorf("ParseActionID(%q) accepted", bad)
		}
	}
}

// The first keep-in-touch note after a conversation reports what the user
// did with the advice; later ones share an article or an update. The due
// date is the same either way.
func TestFirstKeepInTouchAsksForTheAdviceUpdate(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	d := wallClock(t, ny)
	settings := DefaultSettings()
	settings.TimeZone = "America/New_York"
	now := d("2027-02-20 12:00")
	for _, tt := range []struct {
		advice bool
		reason string
	}{
		{true, "Last in touch 20 Nov 2026 10:30 — tell them what you did with their advice; then an article or an update every 90 days"},
		{false, "Last in touch 20 Nov 2026 10:30 — share an article or an update every 90 days"},
	} {
		ps := PersonActions(PersonFacts{ID: 10, Name: "Dana", LastTouch: d("2026-11-20 10:30"), AdviceUpdate: tt.advice}, settings)
		if len(ps) != 1 {
			t.Fatalf("%d actions, want the keep-in-touch", len(ps))
		}
		a, ok := ps[0].Action(now, ny, Mark{})
		if !ok || !a.Due.Equal(d("2027-02-18 10:30")) {
			t.Errorf("advice %v: due %s, want 18 Feb 2027 10:30", tt.advice, a.Due.In(ny))
		}
		if a.Reason != tt.reason {
			t.Errorf("advice %v: reason %q\nwant %q", tt.advice, a.Reason, tt.reason)
		}
	}
}
