package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// requestRules are the center's rules for the request tests: the
// defaults, in the center's zone as the store reads it.
func requestRules(t *testing.T, db *storetest.DB) center.Settings {
	t.Helper()
	initCenter(t, db)
	set, err := db.Store.CenterRules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func studentAccount(t *testing.T, db *storetest.DB, email string) int64 {
	t.Helper()
	return mustAccount(t, db, email, model.RoleStudent).ID
}

// draftTo is a complete request from a student to a volunteer in a field.
func draftTo(student, volunteer int64, field string) center.Draft {
	return center.Draft{StudentID: student, VolunteerID: volunteer, Field: field, Purpose: "how the work really goes",
		Message: "Dear Dana, I study planning at Westlake. Could I ask you about your work for 20 minutes, at your convenience?",
		Minutes: 20, Channel: "video"}
}

func refusedBy(err error) center.Rule {
	var ref *center.Refusal
	if errors.As(err, &ref) {
		return ref.Rule
	}
	return ""
}

func TestSendAndAnswerARequest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 2,
			Channels: []model.Channel{model.ChannelVideo, model.ChannelPhone}})
		eli := volunteer(t, db, "eli@example.com", model.VolunteerProfile{DisplayName: "Eli Novak", MonthlyCapacity: 1})
		farah := volunteer(t, db, "farah@example.com", model.VolunteerProfile{DisplayName: "Farah Haddad", MonthlyCapacity: 1})

		d := draftTo(sam, dana, "Urban planning")
		d.ProposedTimes = []time.Time{now.Add(50 * time.Hour), now.Add(26 * time.Hour)}
		r, err := db.Store.SendRequest(ctx, set, d, nil, now)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Store.Request(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != center.StatePending || got.StudentID != sam || got.VolunteerID != dana || got.Message != d.Message ||
			got.Channel != model.ChannelVideo || len(got.ProposedTimes) != 2 || !got.ProposedTimes[0].Equal(now.Add(26*time.Hour)) ||
			!got.CreatedAt.Equal(now) || got.Flagged {
			t.Errorf("stored request: %+v", got)
		}

		// The limits and the draft's checks, each refused in its words.
		if _, err := db.Store.SendRequest(ctx, set, draftTo(sam, dana, "Public policy"), nil, now); refusedBy(err) != center.RuleOnePerVolunteer {
			t.Errorf("a second request to Dana: %v", err)
		}
		phone := draftTo(sam, dana, "Public policy")
		phone.Channel = "in person"
		if _, err := db.Store.SendRequest(ctx, set, phone, nil, now); model.AsErrors(err).For("channel") == "" {
			t.Errorf("a channel Dana does not offer: %v", err)
		}
		if _, err := db.Store.SendRequest(ctx, set, draftTo(sam, sam, "Public policy"), nil, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a request to a student: %v", err)
		}
		jobAsk := []etiquette.Finding{{Rule: "job_ask", Severity: etiquette.Error, Message: "asks for a job"}}
		if _, err := db.Store.SendRequest(ctx, set, draftTo(sam, eli, "urban  planning"), jobAsk, now); refusedBy(err) != center.RuleChecker {
			t.Errorf("a job ask: %v", err)
		}
		overridden := draftTo(sam, eli, "urban  planning")
		overridden.Override = "I ask how hiring works in the field, not for a job"
		flagged, err := db.Store.SendRequest(ctx, set, overridden, jobAsk, now)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Store.Request(ctx, flagged.ID); !got.Flagged || got.Override != overridden.Override {
			t.Errorf("an overridden request is not flagged: %+v", got)
		}
		other, err := db.Store.SendRequest(ctx, set, draftTo(sam, farah, "Data science"), nil, now)
		if err != nil {
			t.Fatal(err)
		}

		// Only the volunteer accepts; acceptance withdraws the other
		// request in the field, not the one in another field.
		meeting := now.Add(26 * time.Hour)
		accept := center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(time.Hour), MeetingAt: meeting}
		if _, _, err := db.Store.StepRequest(ctx, set, r.ID, eli, accept); err == nil {
			t.Error("Eli accepted a request to Dana")
		}
		studentAccept := accept
		studentAccept.By = center.ActorStudent
		var se *center.StepError
		if _, _, err := db.Store.StepRequest(ctx, set, r.ID, sam, studentAccept); !errors.As(err, &se) {
			t.Errorf("the student accepted: %v", err)
		}
		accepted, withdrawn, err := db.Store.StepRequest(ctx, set, r.ID, dana, accept)
		if err != nil {
			t.Fatal(err)
		}
		if accepted.State != center.StateAccepted || !accepted.MeetingAt.Equal(meeting) || len(withdrawn) != 1 || withdrawn[0].ID != flagged.ID {
			t.Errorf("accepted %+v, withdrawn %+v", accepted, withdrawn)
		}
		for id, want := range map[int64]center.State{r.ID: center.StateAccepted, flagged.ID: center.StateWithdrawn, other.ID: center.StatePending} {
			if got, _ := db.Store.Request(ctx, id); got.State != want {
				t.Errorf("request %d is %s, want %s", id, got.State, want)
			}
		}
		list, err := db.Store.RequestsOf(ctx, sam)
		if err != nil || len(list) != 3 {
			t.Errorf("Sam's requests: %d, %v", len(list), err)
		}
	})
}

// TestNoShowsBlockUntilAnAdvisorClears: two no-shows within 90 days
// block new requests; an advisor clears the block with a note.
func TestNoShowsBlockUntilAnAdvisorClears(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		var vols []int64
		for i := range 4 {
			vols = append(vols, volunteer(t, db, fmt.Sprintf("v%d@example.com", i), model.VolunteerProfile{DisplayName: fmt.Sprintf("Volunteer %d", i), MonthlyCapacity: 2}))
		}
		start := now.AddDate(0, 0, -40)
		for i, v := range vols[:2] {
			at := start.AddDate(0, 0, 10*i)
			r, err := db.Store.SendRequest(ctx, set, draftTo(sam, v, fmt.Sprintf("Field %d", i)), nil, at)
			if err != nil {
				t.Fatal(err)
			}
			meeting := at.AddDate(0, 0, 3)
			if _, _, err := db.Store.StepRequest(ctx, set, r.ID, v, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: at.Add(time.Hour), MeetingAt: meeting}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.Store.StepRequest(ctx, set, r.ID, v, center.Step{Action: center.ActNoShow, By: center.ActorVolunteer, At: meeting.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Store.SendRequest(ctx, set, draftTo(sam, vols[2], "Field 2"), nil, now); refusedBy(err) != center.RuleBlocked {
			t.Fatalf("after two no-shows: %v", err)
		}
		if err := db.Store.ClearBlock(ctx, sam, " ", cli, now); model.AsErrors(err).For("note") == "" {
			t.Errorf("a clearing without a note: %v", err)
		}
		if err := db.Store.ClearBlock(ctx, sam, "We talked; Sam will cancel in time.", cli, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.SendRequest(ctx, set, draftTo(sam, vols[2], "Field 2"), nil, now.Add(time.Minute)); err != nil {
			t.Errorf("after the block was cleared: %v", err)
		}
		// A volunteer's report: the student cannot write to them again.
		r, err := db.Store.SendRequest(ctx, set, draftTo(sam, vols[3], "Field 3"), nil, now.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, r.ID, vols[3], center.Step{Action: center.ActReport, By: center.ActorVolunteer, At: now.Add(time.Hour), Text: "asked for my home address"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.SendRequest(ctx, set, draftTo(sam, vols[3], "Field 3"), nil, now.Add(2*time.Hour)); refusedBy(err) != center.RuleReported {
			t.Errorf("after a report: %v", err)
		}
	})
}

// 32 students ask one volunteer with room for 3 pending requests (one
// conversation a month, none used): exactly 3 requests are sent, the
// others are refused as "full".
func TestRequestRaceKeepsAVolunteerFullForNow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 1})
		students := make([]int64, racers)
		for i := range students {
			students[i] = studentAccount(t, db, fmt.Sprintf("s%d@westlake.edu", i))
		}
		warmPool(t, db)
		errs := race(func(i int) error {
			_, err := db.Store.SendRequest(ctx, set, draftTo(students[i], dana, "Public policy"), nil, now)
			return err
		})
		sent, full := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				sent++
			case refusedBy(err) == center.RuleFull:
				full++
			default:
				t.Errorf("a request failed with something other than full: %v", err)
			}
		}
		if want := set.PendingRoom(1, 0); sent != want || full != racers-want {
			t.Errorf("%d sent and %d refused as full; want %d and %d", sent, full, want, racers-want)
		}
		if n := countRequests(t, db, dana, center.StatePending); n != 3 {
			t.Errorf("Dana has %d pending requests, want 3", n)
		}
	})
}

// A volunteer with one conversation left this month accepts their 3
// pending requests at once, each from several tabs (32 tries): exactly one
// acceptance is kept; the other requests are refused for capacity, the
// repeats of the kept one as a step its state no longer allows.
func TestAcceptRaceKeepsTheCapacity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 2})
		first, err := db.Store.SendRequest(ctx, set, draftTo(studentAccount(t, db, "first@westlake.edu"), dana, "Public policy"), nil, now.Add(-48*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, first.ID, dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(-47 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for i := range 3 {
			r, err := db.Store.SendRequest(ctx, set, draftTo(studentAccount(t, db, fmt.Sprintf("s%d@westlake.edu", i)), dana, "Public policy"), nil, now.Add(-time.Hour))
			if err != nil {
				t.Fatalf("pending request %d: %v", i, err)
			}
			ids = append(ids, r.ID)
		}
		warmPool(t, db)
		errs := race(func(i int) error {
			_, _, err := db.Store.StepRequest(ctx, set, ids[i%3], dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now})
			return err
		})
		won, capacity, repeated := 0, 0, 0
		for _, err := range errs {
			var se *center.StepError
			switch {
			case err == nil:
				won++
			case refusedBy(err) == center.RuleCapacity:
				capacity++
			case errors.As(err, &se):
				repeated++
			default:
				t.Errorf("an acceptance failed with something other than capacity: %v", err)
			}
		}
		if won != 1 || capacity+repeated != racers-1 {
			t.Errorf("%d acceptances kept, %d refused for capacity, %d repeats; want 1 kept", won, capacity, repeated)
		}
		if n := countRequests(t, db, dana, center.StateAccepted); n != 2 {
			t.Errorf("Dana has %d accepted requests, want 2 (her capacity)", n)
		}
		if n := countRequests(t, db, dana, center.StatePending); n != 2 {
			t.Errorf("Dana has %d pending requests, want 2", n)
		}
	})
}

// One student sends 10 requests at once against the limit of 5 pending:
// exactly 5 go out.
func TestStudentRequestRaceKeepsFivePending(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		vols := make([]int64, 10)
		for i := range vols {
			vols[i] = volunteer(t, db, fmt.Sprintf("v%d@example.com", i), model.VolunteerProfile{DisplayName: fmt.Sprintf("Volunteer %d", i), MonthlyCapacity: 2})
		}
		warmPool(t, db)
		errs := raceN(len(vols), func(i int) error {
			_, err := db.Store.SendRequest(ctx, set, draftTo(sam, vols[i], fmt.Sprintf("Field %d", i)), nil, now)
			return err
		})
		sent, limited := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				sent++
			case refusedBy(err) == center.RulePendingLimit:
				limited++
			default:
				t.Errorf("a request failed with something other than the pending limit: %v", err)
			}
		}
		if sent != set.MaxPendingPerStudent || limited != len(vols)-set.MaxPendingPerStudent {
			t.Errorf("%d sent and %d refused; want %d and %d", sent, limited, set.MaxPendingPerStudent, len(vols)-set.MaxPendingPerStudent)
		}
		reqs, err := db.Store.RequestsOf(ctx, sam)
		if err != nil || len(reqs) != set.MaxPendingPerStudent {
			t.Errorf("Sam has %d requests stored (%v), want %d", len(reqs), err, set.MaxPendingPerStudent)
		}
	})
}

// warmPool opens the connections the race will use, so that the racers
// start their transactions together instead of one by one as each
// connection is dialled (which hides a missing lock on PostgreSQL).
func warmPool(t *testing.T, db *storetest.DB) {
	t.Helper()
	for _, err := range race(func(int) error { _, err := db.Store.RequestsOf(context.Background(), 0); return err }) {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func countRequests(t *testing.T, db *storetest.DB, volunteer int64, state center.State) int {
	t.Helper()
	reqs, err := db.Store.RequestsOf(context.Background(), volunteer)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range reqs {
		if r.VolunteerID == volunteer && r.State == state {
			n++
		}
	}
	return n
}

// The reminder of day 10 and the expiry of day 14 are each done once,
// whatever the number of runners at once; then the request is no longer due.
func TestRequestJobsRunOnceAcrossRunners(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 2})
		sent := now.AddDate(0, 0, -20)
		r, err := db.Store.SendRequest(ctx, set, draftTo(sam, dana, "Public policy"), nil, sent)
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range []struct {
			at   time.Time
			want center.JobKind
		}{
			{set.RemindAt(r), center.JobRemind},
			{set.ExpiresAt(r), center.JobExpire},
		} {
			if ids, err := db.Store.DueRequests(ctx, step.at.Add(-time.Second), 10); err != nil || len(ids) != 0 {
				t.Errorf("a second before %s, due: %v %v", step.want, ids, err)
			}
			ids, err := db.Store.DueRequests(ctx, step.at, 10)
			if err != nil || len(ids) != 1 || ids[0] != r.ID {
				t.Fatalf("at %s, due: %v %v", step.want, ids, err)
			}
			warmPool(t, db)
			var jobs [racers][]center.Job
			for _, err := range race(func(i int) error {
				_, js, err := db.Store.RunRequestJobs(ctx, set, r.ID, step.at)
				jobs[i] = js
				return err
			}) {
				if err != nil {
					t.Fatal(err)
				}
			}
			did := 0
			for _, js := range jobs {
				for _, j := range js {
					if j.Kind != step.want {
						t.Errorf("did %s, want %s", j.Kind, step.want)
					}
					did++
				}
			}
			if did != 1 {
				t.Errorf("%s done %d times by %d runners, want once", step.want, did, racers)
			}
		}
		got, err := db.Store.Request(ctx, r.ID)
		if err != nil || got.State != center.StateExpired || got.RemindedAt.IsZero() {
			t.Errorf("after the jobs: %+v %v", got, err)
		}
		if ids, _ := db.Store.DueRequests(ctx, now, 10); len(ids) != 0 {
			t.Errorf("an expired request is still due: %v", ids)
		}
	})
}

// A conversation moved to another month must fit in that month's
// capacity; a move within its month always does.
func TestMovingAMeetingCountsInItsNewMonth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 1})
		december := time.Date(2026, 12, 3, 16, 0, 0, 0, time.UTC)
		november := time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC)
		accepted := func(email string, meeting time.Time, sent time.Time) center.Request {
			r, err := db.Store.SendRequest(ctx, set, draftTo(studentAccount(t, db, email), dana, "Public policy"), nil, sent)
			if err != nil {
				t.Fatal(err)
			}
			r, _, err = db.Store.StepRequest(ctx, set, r.ID, dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: sent.Add(time.Hour), MeetingAt: meeting})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		accepted("a@westlake.edu", december, now.Add(-2*time.Hour))
		b := accepted("b@westlake.edu", november, now.Add(-time.Hour))
		move := center.Step{Action: center.ActSchedule, By: center.ActorStudent, At: now, MeetingAt: december.Add(24 * time.Hour)}
		var ref *center.Refusal
		if _, _, err := db.Store.StepRequest(ctx, set, b.ID, b.StudentID, move); !errors.As(err, &ref) || ref.Rule != center.RuleCapacity ||
			ref.Message != "Dana Brown has no room left in December 2026; choose a time in another month, or cancel and write to someone with room." {
			t.Errorf("moving into a full December: %v", err)
		}
		move.MeetingAt = november.Add(24 * time.Hour)
		if got, _, err := db.Store.StepRequest(ctx, set, b.ID, b.StudentID, move); err != nil || !got.MeetingAt.Equal(move.MeetingAt) {
			t.Errorf("moving within November: %+v %v", got, err)
		}
	})
}

// The center's numbers are settings: changed ones are kept, the others
// keep the defaults, a bad one is refused and changes nothing, and the
// limits follow what is kept.
func TestCenterRulesAreSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		set.MaxPendingPerStudent, set.ExpiryDays = 1, 21
		if err := db.Store.SetCenterRules(ctx, set, model.CLIActor(), now); err != nil {
			t.Fatal(err)
		}
		bad := set
		bad.ReminderDays = 30
		if err := db.Store.SetCenterRules(ctx, bad, model.CLIActor(), now); err == nil {
			t.Fatal("a reminder after the expiry was kept")
		}
		if err := db.Store.SetCenterTimeZone(ctx, "America/Chicago", model.CLIActor(), now); err != nil {
			t.Fatal(err)
		}
		got, err := db.Store.CenterRules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := center.DefaultSettings()
		want.MaxPendingPerStudent, want.ExpiryDays, want.TimeZone = 1, 21, "America/Chicago"
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("rules %+v, want %+v", got, want)
		}
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 2})
		eli := volunteer(t, db, "eli@example.com", model.VolunteerProfile{DisplayName: "Eli Novak", MonthlyCapacity: 2})
		r, err := db.Store.SendRequest(ctx, got, draftTo(sam, dana, "Urban planning"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		if !got.ExpiresAt(r).Equal(now.AddDate(0, 0, 21)) {
			t.Errorf("expires %v, want 21 days on", got.ExpiresAt(r))
		}
		if _, err := db.Store.SendRequest(ctx, got, draftTo(sam, eli, "Urban planning"), nil, now); refusedBy(err) != center.RulePendingLimit {
			t.Errorf("a second waiting request with a limit of 1: %v", err)
		}
	})
}

// The retention setting deletes what people wrote in old closed requests
// and keeps what the figures count.
func TestOldRequestTextsArePruned(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 2})
		eli := volunteer(t, db, "eli@example.com", model.VolunteerProfile{DisplayName: "Eli Novak", MonthlyCapacity: 2})
		declined, err := db.Store.SendRequest(ctx, set, draftTo(sam, dana, "Urban planning"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, declined.ID, dana, center.Step{Action: center.ActDecline, By: center.ActorVolunteer,
			At: now.Add(time.Hour), DeclineReason: center.DeclineSuggest, Text: "Ask Farah Haddad"}); err != nil {
			t.Fatal(err)
		}
		waiting, err := db.Store.SendRequest(ctx, set, draftTo(sam, eli, "Public policy"), nil, now)
		if err != nil {
			t.Fatal(err)
		}

		// Before the retention has passed, nothing goes.
		if n, err := db.Store.PruneRequestTexts(ctx, set, now.AddDate(0, 0, set.RetentionDays-1)); err != nil || n != 0 {
			t.Fatalf("before the retention: %d emptied, %v", n, err)
		}
		later := now.AddDate(0, 0, set.RetentionDays+1)
		if n, err := db.Store.PruneRequestTexts(ctx, set, later); err != nil || n != 1 {
			t.Fatalf("after the retention: %d emptied, %v; want 1 (the open request keeps its message)", n, err)
		}
		got, err := db.Store.Request(ctx, declined.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Message != "" || got.Purpose != "" || got.Reason != "" {
			t.Errorf("texts kept: %+v", got)
		}
		if got.State != center.StateDeclined || got.DeclineReason != center.DeclineSuggest || !got.CreatedAt.Equal(now) || got.AnsweredAt.IsZero() {
			t.Errorf("what the figures count changed: %+v", got)
		}
		if w, _ := db.Store.Request(ctx, waiting.ID); w.Message == "" {
			t.Error("an open request lost its message")
		}
		if n, err := db.Store.PruneRequestTexts(ctx, set, later); err != nil || n != 0 {
			t.Errorf("a second run: %d emptied, %v", n, err)
		}
	})
}

// A referral goes only to a colleague who can take a request now, checked
// in the step's transaction: not one paused, nor one with no room left.
func TestAReferralGoesOnlyToAColleagueWithRoom(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam, kim := studentAccount(t, db, "sam@westlake.edu"), studentAccount(t, db, "kim@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 2})
		later := now.AddDate(0, 2, 0)
		pat := volunteer(t, db, "pat@example.com", model.VolunteerProfile{DisplayName: "Pat Paused", MonthlyCapacity: 2, PausedUntil: &later})
		fay := volunteer(t, db, "fay@example.com", model.VolunteerProfile{DisplayName: "Fay Full", MonthlyCapacity: 1})
		jo := volunteer(t, db, "jo@example.com", model.VolunteerProfile{DisplayName: "Jo Stone", MonthlyCapacity: 2})
		toFay, err := db.Store.SendRequest(ctx, set, draftTo(kim, fay, "Urban planning"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, toFay.ID, fay, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now}); err != nil {
			t.Fatal(err)
		}
		r, err := db.Store.SendRequest(ctx, set, draftTo(sam, dana, "Urban planning"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		refer := func(to int64) error {
			_, _, err := db.Store.StepRequest(ctx, set, r.ID, dana, center.Step{Action: center.ActRefer, By: center.ActorVolunteer, At: now.Add(time.Hour),
				ReferTo: to, Text: "She knows it better"})
			return err
		}
		for to, rule := range map[int64]center.Rule{pat: center.RulePaused, fay: center.RuleCapacity} {
			if got := refusedBy(refer(to)); got != rule {
				t.Errorf("a referral to %d: %q, want %q", to, got, rule)
			}
		}
		if got, err := db.Store.Request(ctx, r.ID); err != nil || got.State != center.StatePending || got.ReferredTo != 0 {
			t.Errorf("after the refused referrals: %+v, %v", got, err)
		}
		if err := refer(jo); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Store.Request(ctx, r.ID); err != nil || got.State != center.StateReferred || got.ReferredTo != jo {
			t.Errorf("the referral to Jo: %+v, %v", got, err)
		}
	})
}
