package center

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
)

// sendNow is Fri 20 Nov 2026, 10:00 in New York.
func sendNow(t *testing.T) time.Time { return wall(zone(t, "America/New_York"), 2026, 11, 20, 10, 0) }

// openTo is n open requests from student 1 to volunteers 100, 101...
func openTo(n int) []Request {
	out := make([]Request, n)
	for i := range out {
		out[i] = Request{ID: int64(50 + i), StudentID: 1, VolunteerID: int64(100 + i), State: StatePending}
	}
	return out
}

// jobAsk are the checker's findings on a message that asks for a job.
func jobAsk(t *testing.T) []etiquette.Finding {
	t.Helper()
	fs := etiquette.Check("Dear Dana, I am a junior at Westlake studying planning. Could you refer me for an opening on your team? I would be grateful for 20 minutes.",
		etiquette.Context{Kind: etiquette.FirstRequest, ContactName: "Dana Reyes", Minutes: 20})
	if !etiquette.HasErrors(fs) {
		t.Fatalf("the checker finds no error in a job ask: %+v", fs)
	}
	return fs
}

func TestMaySendRefusesWithTheRuleAndWhatToDo(t *testing.T) {
	strike1 := wall(zone(t, "America/New_York"), 2026, 9, 1, 15, 0)
	strike2 := wall(zone(t, "America/New_York"), 2026, 10, 20, 15, 0)
	warningOnly := []etiquette.Finding{{Rule: "too_long", Severity: etiquette.Warning, Message: "long"}}
	for _, tc := range []struct {
		name     string
		settings func(*Settings)
		edit     func(*SendSnapshot)
		rule     Rule // "": may send
		message  string
	}{
		{"room everywhere", nil, nil, "", ""},
		{"four waiting", nil, func(s *SendSnapshot) { s.Open = openTo(4) }, "", ""},
		{"five waiting", nil, func(s *SendSnapshot) { s.Open = openTo(5) },
			RulePendingLimit, "You have 5 requests waiting for an answer; withdraw one or wait."},
		{"a question from a volunteer still counts", nil, func(s *SendSnapshot) { s.Open = openTo(5); s.Open[0].State = StateMoreInfo },
			RulePendingLimit, "withdraw one or wait"},
		{"answered requests do not count", nil, func(s *SendSnapshot) {
			s.Open = openTo(5)
			s.Open[0].State, s.Open[1].State = StateAccepted, StateDeclined
		}, "", ""},
		{"a center allowing 8", func(s *Settings) { s.MaxPendingPerStudent = 8 }, func(s *SendSnapshot) { s.Open = openTo(5) }, "", ""},
		{"already waiting on this volunteer", nil, func(s *SendSnapshot) { s.Open = openTo(2); s.Open[1].VolunteerID = 2 },
			RuleOnePerVolunteer, "You already have a request waiting with Dana Reyes; wait for their answer, or withdraw it"},
		{"one per volunteer before the limit of five", nil, func(s *SendSnapshot) { s.Open = openTo(5); s.Open[4].VolunteerID = 2 },
			RuleOnePerVolunteer, "waiting with Dana Reyes"},
		{"a center allowing two per volunteer", func(s *Settings) { s.MaxPendingPerVolunteer = 2 },
			func(s *SendSnapshot) { s.Open = openTo(1); s.Open[0].VolunteerID = 2 }, "", ""},
		{"paused until tomorrow", nil, func(s *SendSnapshot) { s.Volunteer.PausedUntil = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC) },
			RulePaused, "Dana Reyes is taking a break until Sat 21 Nov 2026; write to them from that day"},
		{"back today", nil, func(s *SendSnapshot) { s.Volunteer.PausedUntil = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC) }, "", ""},
		{"capacity used", nil, func(s *SendSnapshot) { s.Volunteer.Used = 2 },
			RuleCapacity, "Dana Reyes has no room left in November; write to them in December, or choose someone with room now."},
		{"capacity lowered below what was accepted", nil, func(s *SendSnapshot) { s.Volunteer.Capacity, s.Volunteer.Used = 1, 2 },
			RuleCapacity, "no room left in November"},
		{"no capacity offered", nil, func(s *SendSnapshot) { s.Volunteer.Capacity = 0 }, RuleCapacity, "no room left"},
		{"full at three times the room left", nil, func(s *SendSnapshot) { s.Volunteer.Used, s.Volunteer.Pending = 1, 3 },
			RuleFull, "Dana Reyes is full for now"},
		{"one under full", nil, func(s *SendSnapshot) { s.Volunteer.Used, s.Volunteer.Pending = 1, 2 }, "", ""},
		{"full at six with the month free", nil, func(s *SendSnapshot) { s.Volunteer.Pending = 6 }, RuleFull, "Choose someone with room"},
		{"a center with factor 5", func(s *Settings) { s.FullFactor = 5 }, func(s *SendSnapshot) { s.Volunteer.Pending = 6 }, "", ""},
		{"two strikes in 90 days", nil, func(s *SendSnapshot) { s.Strikes = []time.Time{strike1, strike2} },
			RuleBlocked, "You missed or cancelled late 2 conversations within 90 days, so new requests are on hold until an advisor clears them"},
		{"cleared by an advisor", nil, func(s *SendSnapshot) {
			s.Strikes = []time.Time{strike1, strike2}
			s.BlockClearedAt = strike2.Add(time.Hour)
		}, "", ""},
		{"one strike", nil, func(s *SendSnapshot) { s.Strikes = []time.Time{strike2} }, "", ""},
		{"reported by this volunteer", nil, func(s *SendSnapshot) { s.Reported = true },
			RuleReported, "You cannot write to Dana Reyes again. If you think this is a mistake, talk to your career center."},
		{"a job ask", nil, func(s *SendSnapshot) { s.Findings = jobAsk(t) },
			RuleChecker, "Your message asks for a job"},
		{"a job ask with a blank override", nil, func(s *SendSnapshot) { s.Findings, s.Override = jobAsk(t), "  " }, RuleChecker, "say why in a word"},
		{"a job ask overridden with a reason", nil, func(s *SendSnapshot) {
			s.Findings, s.Override = jobAsk(t), "I ask how referrals work in planning, not for one"
		}, "", ""},
		{"a resume offer", nil, func(s *SendSnapshot) {
			s.Findings = []etiquette.Finding{{Rule: "resume_offer", Severity: etiquette.Error}}
		}, RuleChecker, "offers a resume"},
		{"warnings only", nil, func(s *SendSnapshot) { s.Findings = warningOnly }, "", ""},
		{"no name known", nil, func(s *SendSnapshot) { s.Volunteer.Name = ""; s.Volunteer.Used = 2 }, RuleCapacity, "This volunteer has no room left"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := centerIn("America/New_York")
			if tc.settings != nil {
				tc.settings(&s)
			}
			snap := SendSnapshot{Now: sendNow(t), Volunteer: VolunteerLoad{ID: 2, Name: "Dana Reyes", Capacity: 2}, Open: openTo(2)}
			if tc.edit != nil {
				tc.edit(&snap)
			}
			err := s.MaySend(snap)
			if tc.rule == "" {
				if err != nil {
					t.Fatalf("MaySend = %v, want nil", err)
				}
				return
			}
			var ref *Refusal
			if !errors.As(err, &ref) {
				t.Fatalf("MaySend = %v, want a *Refusal", err)
			}
			if ref.Rule != tc.rule || !strings.Contains(ref.Message, tc.message) || ref.Error() != ref.Message {
				t.Errorf("MaySend = %s: %q\nwant %s: %q", ref.Rule, ref.Message, tc.rule, tc.message)
			}
		})
	}
}

// TestMaySendSaysTheFirstRuleInOrder turns every limit on, then off one
// at a time: the refusal names each rule in the order of Rules().
func TestMaySendSaysTheFirstRuleInOrder(t *testing.T) {
	s := centerIn("America/New_York")
	ny := zone(t, "America/New_York")
	snap := SendSnapshot{Now: sendNow(t), Volunteer: VolunteerLoad{ID: 2, Name: "Dana Reyes", Capacity: 2}}
	off := map[Rule]func(){}
	on := map[Rule]func(){
		RuleBlocked:  func() { snap.Strikes = []time.Time{wall(ny, 2026, 10, 1, 9, 0), wall(ny, 2026, 10, 8, 9, 0)} },
		RuleReported: func() { snap.Reported = true },
		RuleOnePerVolunteer: func() {
			snap.Open = openTo(5)
			snap.Open[0].VolunteerID = 2
		},
		RulePendingLimit: func() { snap.Open = openTo(5) },
		RulePaused:       func() { snap.Volunteer.PausedUntil = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) },
		RuleCapacity:     func() { snap.Volunteer.Used = 2 },
		RuleFull:         func() { snap.Volunteer.Used, snap.Volunteer.Pending = 1, 3 },
		RuleChecker:      func() { snap.Findings = jobAsk(t) },
	}
	off[RuleBlocked] = func() { snap.Strikes = nil }
	off[RuleReported] = func() { snap.Reported = false }
	off[RuleOnePerVolunteer] = func() { snap.Open[0].VolunteerID = 99 }
	off[RulePendingLimit] = func() { snap.Open = snap.Open[:4] }
	off[RulePaused] = func() { snap.Volunteer.PausedUntil = time.Time{} }
	off[RuleCapacity] = func() { snap.Volunteer.Used = 1 } // one slot left: three pending make it full
	off[RuleFull] = func() { snap.Volunteer.Pending = 0 }
	off[RuleChecker] = func() { snap.Override = "it is a question about the field" }
	for _, r := range []Rule{RuleChecker, RuleFull, RuleCapacity, RulePaused, RulePendingLimit, RuleOnePerVolunteer, RuleReported, RuleBlocked} {
		on[r]()
	}
	for _, want := range Rules() {
		var ref *Refusal
		if err := s.MaySend(snap); !errors.As(err, &ref) || ref.Rule != want {
			t.Fatalf("MaySend = %v, want the %s rule", err, want)
		}
		off[want]()
	}
	if err := s.MaySend(snap); err != nil {
		t.Errorf("with every limit off, MaySend = %v", err)
	}
	if !NeedsReview(snap.Findings, snap.Override) {
		t.Error("a request sent over the checker's error is not flagged for review")
	}
}

func TestNeedsReviewOnlyForAnOverriddenError(t *testing.T) {
	errs := []etiquette.Finding{{Rule: "job_ask", Severity: etiquette.Error}}
	warns := []etiquette.Finding{{Rule: "no_time", Severity: etiquette.Warning}}
	for _, tc := range []struct {
		fs       []etiquette.Finding
		override string
		want     bool
	}{
		{errs, "it is about the field", true},
		{errs, " ", false},
		{warns, "it is about the field", false},
		{nil, "", false},
	} {
		if got := NeedsReview(tc.fs, tc.override); got != tc.want {
			t.Errorf("NeedsReview(%v, %q) = %v, want %v", tc.fs, tc.override, got, tc.want)
		}
	}
}

// TestPausedUntilADayInTheCentersZone: "paused until 21 Nov" means back on
// 21 Nov in the center's zone, whatever the instant is in UTC.
func TestPausedUntilADayInTheCentersZone(t *testing.T) {
	until := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	now := time.Date(2026, 11, 21, 3, 0, 0, 0, time.UTC) // 20 Nov 22:00 in New York, 21 Nov elsewhere
	want := map[string]bool{"America/New_York": true, "Europe/Paris": false, "Asia/Kolkata": false, "Pacific/Auckland": false, "UTC": false}
	for _, name := range zones {
		if got := PausedOn(until, now, zone(t, name)); got != want[name] {
			t.Errorf("%s: PausedOn = %v, want %v", name, got, want[name])
		}
	}
	if PausedOn(time.Time{}, now, time.UTC) {
		t.Error("a volunteer never paused is paused")
	}
}

func TestValidateDraftSaysWhatIsWrongPerField(t *testing.T) {
	s := centerIn("Europe/Paris")
	paris := zone(t, "Europe/Paris")
	now := wall(paris, 2026, 11, 20, 10, 0)
	t1, t2, t3 := wall(paris, 2026, 11, 24, 9, 0), wall(paris, 2026, 11, 25, 9, 0), wall(paris, 2026, 11, 26, 9, 0)
	good := func() Draft {
		return Draft{StudentID: 1, VolunteerID: 2, Field: " Urban planning ", Purpose: "how projects start", Message: "Dear Dana…",
			Minutes: 20, Channel: "In person", ProposedTimes: []time.Time{t2, t1, t1}}
	}
	d := good()
	if err := s.ValidateDraft(&d, []model.Channel{model.ChannelVideo, model.ChannelInPerson}, now); err != nil {
		t.Fatalf("a good draft: %v", err)
	}
	if d.Field != "Urban planning" || d.Channel != "in_person" || len(d.ProposedTimes) != 2 || !d.ProposedTimes[0].Equal(t1) {
		t.Errorf("the draft was not tidied: %+v", d)
	}
	for _, tc := range []struct {
		name    string
		edit    func(*Draft)
		offered []model.Channel
		field   string
		message string
	}{
		{"no volunteer", func(d *Draft) { d.VolunteerID = 0 }, nil, "volunteer", "choose the volunteer"},
		{"to oneself", func(d *Draft) { d.VolunteerID = 1 }, nil, "volunteer", "yourself"},
		{"no field", func(d *Draft) { d.Field = " " }, nil, "field", "career field"},
		{"no message", func(d *Draft) { d.Message = "" }, nil, "message", "write your message"},
		{"an hour", func(d *Draft) { d.Minutes = 60 }, nil, "minutes", "ask for 15, 20 or 30 minutes"},
		{"no channel", func(d *Draft) { d.Channel = "" }, nil, "channel", "video, phone, in person or email"},
		{"a channel not offered", func(d *Draft) { d.Channel = "phone" }, []model.Channel{model.ChannelVideo, model.ChannelInPerson}, "channel", "talks by video or in person"},
		{"four times", func(d *Draft) { d.ProposedTimes = []time.Time{t1, t2, t3, t3.Add(time.Hour)} }, nil, "proposed_times", "at most 3 times"},
		{"a past time", func(d *Draft) { d.ProposedTimes = []time.Time{now.Add(-time.Hour), t1} }, nil, "proposed_times", "Fri 20 Nov 2026, 09:00 CET has already passed"},
	} {
		d := good()
		tc.edit(&d)
		err := s.ValidateDraft(&d, tc.offered, now)
		var es model.Errors
		if !errors.As(err, &es) {
			t.Errorf("%s: %v, want model.Errors", tc.name, err)
			continue
		}
		if got := es.For(tc.field); !strings.Contains(got, tc.message) {
			t.Errorf("%s: %s says %q, want %q (all: %v)", tc.name, tc.field, got, tc.message, es)
		}
	}
	d = good()
	d.ProposedTimes = nil
	if err := s.ValidateDraft(&d, nil, now); err != nil {
		t.Errorf("at the volunteer's convenience: %v", err)
	}
}

// TestTakesRequestsIsTheDirectorysRoom: the directory's "has room" and the
// refusal a student gets are one question; Load counts what it needs.
func TestTakesRequestsIsTheDirectorysRoom(t *testing.T) {
	s := centerIn("Pacific/Auckland")
	akl := zone(t, "Pacific/Auckland")
	now := wall(akl, 2026, 11, 1, 8, 0) // 31 Oct 19:00 UTC: November in Auckland
	reqs := []Request{
		{ID: 1, VolunteerID: 2, State: StateAccepted, AcceptedAt: wall(akl, 2026, 10, 20, 9, 0), MeetingAt: wall(akl, 2026, 11, 3, 9, 0)},
		{ID: 2, VolunteerID: 2, State: StateAccepted, AcceptedAt: wall(akl, 2026, 10, 20, 9, 0), MeetingAt: wall(akl, 2026, 10, 31, 9, 0)},
		{ID: 3, VolunteerID: 2, State: StatePending},
		{ID: 4, VolunteerID: 2, State: StateMoreInfo},
		{ID: 5, VolunteerID: 2, State: StateExpired},
		{ID: 6, VolunteerID: 9, State: StatePending},
		{ID: 7, VolunteerID: 9, State: StateAccepted, AcceptedAt: now},
	}
	v := s.Load(VolunteerLoad{ID: 2, Name: "Ari Ngata", Capacity: 2, Used: 7, Pending: 7}, reqs, now)
	if v.Used != 1 || v.Pending != 2 {
		t.Fatalf("Load = used %d, pending %d; want 1 and 2", v.Used, v.Pending)
	}
	if err := s.TakesRequests(v, now); err != nil {
		t.Errorf("one slot left and two waiting: %v", err)
	}
	reqs = append(reqs, Request{ID: 8, VolunteerID: 2, State: StatePending})
	v = s.Load(v, reqs, now)
	var ref *Refusal
	if err := s.TakesRequests(v, now); !errors.As(err, &ref) || ref.Rule != RuleFull {
		t.Errorf("one slot left and three waiting: %v, want full", err)
	}
}

func TestCheckFeedback(t *testing.T) {
	held := Request{State: StateHeld}
	for _, tc := range []struct {
		name  string
		r     Request
		f     Feedback
		given bool
		want  string // "": accepted
	}{
		{"the student rates usefulness", held, Feedback{By: ActorStudent, Rating: 5, Note: " Thank you! "}, false, ""},
		{"the volunteer rates preparation", held, Feedback{By: ActorVolunteer, Rating: 1}, false, ""},
		{"an advisor", held, Feedback{By: ActorAdvisor, Rating: 3}, false, "Only the student or the volunteer"},
		{"before the conversation", Request{State: StateAccepted}, Feedback{By: ActorStudent, Rating: 3}, false, "the request is accepted"},
		{"after a no-show", Request{State: StateNoShow}, Feedback{By: ActorVolunteer, Rating: 1}, false, "marked as a no-show"},
		{"twice", held, Feedback{By: ActorStudent, Rating: 4}, true, "already given"},
		{"a zero rating from the student", held, Feedback{By: ActorStudent}, false, "rating: rate how useful"},
		{"a six from the volunteer", held, Feedback{By: ActorVolunteer, Rating: 6}, false, "rating: rate how prepared"},
		{"a note of a letter's length", held, Feedback{By: ActorStudent, Rating: 4, Note: strings.Repeat("Thank you! ", 200)}, false, "note: the note has 2199 characters"},
	} {
		f := tc.f
		err := CheckFeedback(tc.r, &f, tc.given)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		// What is wrong with a field is the field's, for the form to show
		// next to it; what cannot be done now is a step refused.
		var se *StepError
		if field := strings.HasPrefix(tc.want, "rating:") || strings.HasPrefix(tc.want, "note:"); err != nil && field != (model.AsErrors(err) != nil) || err != nil && !field && !errors.As(err, &se) {
			t.Errorf("%s: %T, a field's error: %v", tc.name, err, field)
		}
		if f.Note != strings.TrimSpace(tc.f.Note) {
			t.Errorf("%s: note %q not tidied", tc.name, f.Note)
		}
	}
}

func TestParseDecline(t *testing.T) {
	for _, c := range []struct {
		reason, text string
		want         DeclineReason
		words        string
	}{
		{"no_time", "", DeclineNoTime, ""},
		{"suggest_someone", " Joe Serra ", DeclineSuggest, "Joe Serra"},
		{"I am moving abroad this month", "", DeclineOwn, "I am moving abroad this month"},
		{"own", "Too busy", DeclineOwn, "Too busy"},
		{"", "", "", ""},
	} {
		got, words := ParseDecline(c.reason, c.text)
		if got != c.want || words != c.words {
			t.Errorf("ParseDecline(%q, %q) = %q, %q; want %q, %q", c.reason, c.text, got, words, c.want, c.words)
		}
	}
}

func TestCheckDraftFindsAJobAsk(t *testing.T) {
	d := Draft{Message: "Dear Dana, I am a junior at Westlake studying planning. Could you refer me for an opening on your team? I would be grateful for 20 minutes.", Minutes: 20}
	if !etiquette.HasErrors(CheckDraft(d, "Dana Brown")) {
		t.Errorf("no error on a job ask: %+v", CheckDraft(d, "Dana Brown"))
	}
}
