package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// figuresCenter is a small center with a hand-counted term: four
// requests, answered after 2 h, 4 h, 10 h and 1 h.
type figuresCenter struct {
	set                 center.Settings
	sam, ana, kim       int64
	dana, eli, farah    int64
	held, declined      center.Request
	expired, acceptedNT center.Request
}

func newFiguresCenter(t *testing.T, db *storetest.DB) figuresCenter {
	t.Helper()
	ctx := context.Background()
	var c figuresCenter
	c.set = requestRules(t, db)
	c.sam = studentAccount(t, db, "sam@westlake.edu")
	c.ana = studentAccount(t, db, "ana@westlake.edu")
	c.kim = studentAccount(t, db, "kim@westlake.edu")
	c.dana = volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 2,
		Fields: []string{"Urban planning"}})
	c.eli = volunteer(t, db, "eli@example.com", model.VolunteerProfile{DisplayName: "Eli Novak", MonthlyCapacity: 1})
	c.farah = volunteer(t, db, "farah@example.com", model.VolunteerProfile{DisplayName: "Farah Haddad", MonthlyCapacity: 3})
	send := func(student, vol int64, field string) center.Request {
		t.Helper()
		r, err := db.Store.SendRequest(ctx, c.set, draftTo(student, vol, field), nil, now)
		if err != nil {
			t.Fatalf("send to %d: %v", vol, err)
		}
		return r
	}
	step := func(r center.Request, actor int64, st center.Step) center.Request {
		t.Helper()
		got, _, err := db.Store.StepRequest(ctx, c.set, r.ID, actor, st)
		if err != nil {
			t.Fatalf("%s request %d: %v", st.Action, r.ID, err)
		}
		return got
	}
	c.held = send(c.sam, c.dana, "Urban planning")
	// Ana sends hers over the checker's error: one override to count.
	overridden := draftTo(c.ana, c.dana, "Urban Planning")
	overridden.Override = "I ask how hiring works, not for a job"
	declined, err := db.Store.SendRequest(ctx, c.set, overridden, []etiquette.Finding{{Rule: "job_ask", Severity: etiquette.Error, Message: "asks for a job"}}, now)
	if err != nil || !declined.Flagged {
		t.Fatalf("send over the checker: %+v, %v", declined, err)
	}
	c.declined = declined
	c.expired = send(c.ana, c.eli, "Law")
	c.acceptedNT = send(c.sam, c.eli, "Law")

	meeting := now.Add(24 * time.Hour)
	step(c.held, c.dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(2 * time.Hour), MeetingAt: meeting})
	c.held = step(c.held, c.sam, center.Step{Action: center.ActHeld, By: center.ActorStudent, At: now.Add(25 * time.Hour)})
	step(c.declined, c.dana, center.Step{Action: center.ActDecline, By: center.ActorVolunteer, At: now.Add(4 * time.Hour),
		DeclineReason: center.DeclineNoTime})
	step(c.expired, c.eli, center.Step{Action: center.ActAskMore, By: center.ActorVolunteer, At: now.Add(10 * time.Hour), Text: "Which area of law?"})
	step(c.acceptedNT, c.eli, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(time.Hour)})
	if _, _, err := db.Store.RunRequestJobs(ctx, c.set, c.expired.ID, now.Add(15*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := db.Store.RecordMilestone(ctx, c.held.ID, center.MilestoneThanked, meeting.Add(6*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := db.Store.RecordMilestone(ctx, c.held.ID, center.MilestoneReportedBack, meeting.Add(72*time.Hour)); err != nil {
		t.Fatal(err)
	}
	return c
}

// period is the figure center's period: November and December.
func (c figuresCenter) period() (from, to time.Time) {
	return now.Add(-24 * time.Hour), now.Add(30 * 24 * time.Hour)
}

// figures counts the figure center's period by by, judging stale
// requests 16 days on.
func (c figuresCenter) figures(t *testing.T, db *storetest.DB, by string) center.Figures {
	t.Helper()
	from, to := c.period()
	f, err := db.Store.CenterFigures(context.Background(), c.set, from, to, now.Add(16*24*time.Hour), by)
	if err != nil {
		t.Fatalf("by %q: %v", by, err)
	}
	return f
}

func f64(v float64) *float64 { return &v }

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	d := *a - *b
	return d < 1e-9 && d > -1e-9
}

func TestCenterFiguresAreHandCounted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newFiguresCenter(t, db)
		from, to := now.Add(-24*time.Hour), now.Add(30*24*time.Hour)
		f, err := db.Store.CenterFigures(ctx, c.set, from, to, now.Add(16*24*time.Hour), center.ByField)
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string][2]int{
			"requests_sent": {f.RequestsSent, 4}, "checker_overrides": {f.CheckerOverrides, 1}, "answered": {f.Answered, 4}, "accepted": {f.Accepted, 2},
			"declined": {f.Declined, 1}, "declined no_time": {f.DeclinedByReason["no_time"], 1}, "expired": {f.Expired, 1},
			"withdrawn": {f.Withdrawn, 0}, "held": {f.Held, 1}, "no_shows": {f.NoShows, 0}, "thanked_in_time": {f.ThankedInTime, 1},
			"reported_back": {f.ReportedBack, 1}, "stale": {f.Stale, 1}, "students_helped": {f.StudentsHelped, 1},
			"volunteers_asked": {f.VolunteersAsked, 2}, "volunteers_active": {f.VolunteersActive, 2}, "students": {count(f.Students), 3},
			"volunteers": {f.Volunteers, 3}, "volunteers_never_asked": {f.VolunteersNeverAsked, 1},
			// 2 + 1 + 3 a month, over November and December.
			"capacity_offered": {f.CapacityOffered, 12},
		}
		for name, got := range counts {
			if got[0] != got[1] {
				t.Errorf("%s = %d, want %d", name, got[0], got[1])
			}
		}
		shares := map[string][2]*float64{
			"acceptance_rate": {f.AcceptanceRate, f64(0.5)}, "median_hours_to_answer": {f.MedianHoursToAnswer, f64(3)},
			"p90_hours_to_answer": {f.P90HoursToAnswer, f64(10)}, "thanked_in_time_share": {f.ThankedInTimeShare, f64(1)},
			"students_reached_share": {f.StudentsReachedShare, f64(1.0 / 3)}, "volunteer_utilisation": {f.VolunteerUtilisation, f64(1.0 / 12)},
			"volunteers_asked_share": {f.VolunteersAskedShare, f64(2.0 / 3)}, "no_show_share": {f.NoShowShare, f64(0)},
		}
		for name, got := range shares {
			if !sameFloat(got[0], got[1]) {
				t.Errorf("%s = %v, want %v", name, got[0], *got[1])
			}
		}
		if len(f.By) != 2 {
			t.Fatalf("by field: %+v", f.By)
		}
		for _, g := range f.By {
			want := map[string]struct {
				sent, accepted, held int
				median               float64
			}{"Law": {2, 1, 0, 5.5}, "Urban Planning": {2, 1, 1, 3}}[g.Label] // a field's first spelling in sort order names it
			if g.RequestsSent != want.sent || g.Accepted != want.accepted || g.Held != want.held || !sameFloat(g.MedianHoursToAnswer, &want.median) ||
				g.CheckerOverrides != map[string]int{"Urban Planning": 1}[g.Label] {
				t.Errorf("field %q: %+v, want %+v", g.Label, g, want)
			}
		}

		// A period with nothing sent has counts of zero and no shares;
		// Farah, asked by nobody yet, is still never asked.
		empty, err := db.Store.CenterFigures(ctx, c.set, to, to.Add(24*time.Hour), now, "")
		if err != nil {
			t.Fatal(err)
		}
		if empty.RequestsSent != 0 || empty.CheckerOverrides != 0 || empty.AcceptanceRate != nil || empty.MedianHoursToAnswer != nil || empty.By != nil ||
			empty.VolunteersNeverAsked != 1 {
			t.Errorf("an empty period: %+v", empty)
		}
	})
}

func TestMilestonesFollowTheRequestAndItsConversation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newFiguresCenter(t, db)
		from, to := now.Add(-24*time.Hour), now.Add(30*24*time.Hour)
		figures := func() center.Figures {
			t.Helper()
			f, err := db.Store.CenterFigures(ctx, c.set, from, to, now.Add(16*24*time.Hour), "")
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		// The first thank-you stands; a later one changes nothing.
		if err := db.Store.RecordMilestone(ctx, c.held.ID, center.MilestoneThanked, now.Add(90*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if f := figures(); f.ThankedInTime != 1 {
			t.Errorf("a second thank-you moved the first: %+v", f)
		}
		// A conversation marked held and then found missed is no longer held.
		if _, _, err := db.Store.StepRequest(ctx, c.set, c.held.ID, c.dana, center.Step{Action: center.ActNoShow,
			By: center.ActorVolunteer, At: now.Add(26 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if f := figures(); f.Held != 0 || f.NoShows != 1 || f.ThankedInTime != 0 || f.StudentsHelped != 0 {
			t.Errorf("after the no-show: %+v", f)
		}
		if err := db.Store.RecordMilestone(ctx, c.held.ID, "lunch", now); err == nil {
			t.Error("an unknown milestone was recorded")
		}

		// The student's own conversation, born from the request, reports
		// its held and thank-you times back to it. The link column comes
		// with the request emails' migration; until it is on main the
		// test adds it as that migration does.
		linkRequest(t, db, c.acceptedNT.ID, c.sam)
		if f := figures(); f.Held != 1 || f.ThankedInTime != 0 {
			t.Errorf("after the conversation's held: %+v", f)
		}
	})
}

// linkRequest gives the request a conversation of its student's, and
// takes it through held (now+3 d) and thanked 20 h later (late).
func linkRequest(t *testing.T, db *storetest.DB, requestID, student int64) {
	t.Helper()
	ctx := context.Background()
	linked, err := store.HasColumnForTest(ctx, db.Store, "requests", "conversation_id")
	if err != nil {
		t.Fatal(err)
	}
	if !linked {
		if err := store.ExecForTest(ctx, db.Store, `ALTER TABLE requests ADD COLUMN conversation_id BIGINT`); err != nil {
			t.Fatal(err)
		}
	}
	sc := db.Store.For(student)
	dana := mustPerson(t, sc, &model.Person{Name: "Eli Novak"})
	conv := &model.Conversation{Person: model.Ref{ID: dana.ID}}
	if err := sc.CreateConversation(ctx, conv, now); err != nil {
		t.Fatal(err)
	}
	if err := store.ExecForTest(ctx, db.Store, `UPDATE requests SET conversation_id = $1 WHERE id = $2`, conv.ID, requestID); err != nil {
		t.Fatal(err)
	}
	held := now.Add(72 * time.Hour)
	for _, st := range []method.Step{{To: model.StateRequested, At: now}, {To: model.StateHeld, At: held},
		{To: model.StateThanked, At: held.Add(20 * time.Hour)}} {
		if _, err := sc.Step(ctx, conv.ID, st, "", held.Add(21*time.Hour)); err != nil {
			t.Fatalf("step %s: %v", st.To, err)
		}
	}
}

// TestCenterFiguresByGroupAreHandCounted counts the figure center by
// graduation year, major and month, with the ratings, who was asked most
// and least, and where demand outran supply: Sam (2027, Economics and
// History) sent the held request and the accepted one, Ana (2028,
// Economics) the declined and the expired one, Kim nothing.
func TestCenterFiguresByGroupAreHandCounted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newFiguresCenter(t, db)
		for id, p := range map[int64]model.StudentProfile{
			c.sam: {ClassYear: 2027, Majors: []string{"Economics", "History"}},
			c.ana: {ClassYear: 2028, Majors: []string{"Economics"}},
		} {
			p.AccountID = id
			if err := db.Store.SaveStudentProfile(ctx, &p, now); err != nil {
				t.Fatal(err)
			}
		}
		for _, fb := range []center.Feedback{{By: center.ActorStudent, Rating: 4}, {By: center.ActorVolunteer, Rating: 5}} {
			actor := c.sam
			if fb.By == center.ActorVolunteer {
				actor = c.dana
			}
			if _, err := db.Store.GiveFeedback(ctx, c.held.ID, actor, fb, now.Add(30*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		from, to := c.period()
		figures := func(by string) center.Figures { return c.figures(t, db, by) }
		f := figures("")
		if f.UsefulnessRatings != 1 || !sameFloat(f.UsefulnessAverage, f64(4)) || f.PreparednessRatings != 1 ||
			!sameFloat(f.PreparednessAverage, f64(5)) {
			t.Errorf("ratings: %d %v, %d %v", f.UsefulnessRatings, f.UsefulnessAverage, f.PreparednessRatings, f.PreparednessAverage)
		}
		// Dana and Eli were asked twice each: the tie goes to the one
		// who joined first, both ways; Farah, never asked, is in neither.
		wantAsked := []center.Asked{{VolunteerID: c.dana, Name: "Dana Brown", Requests: 2}, {VolunteerID: c.eli, Name: "Eli Novak", Requests: 2}}
		if !slices.Equal(f.MostAsked, wantAsked) || !slices.Equal(f.LeastAsked, wantAsked) {
			t.Errorf("most asked %+v, least asked %+v", f.MostAsked, f.LeastAsked)
		}
		// Law has no volunteer; Urban planning has Dana's 2 a month over
		// November and December for its 2 requests.
		if want := []center.Demand{{Field: "Law", Requests: 2, Capacity: 0}}; !slices.Equal(f.DemandOutrunsSupply, want) {
			t.Errorf("demand outruns supply: %+v", f.DemandOutrunsSupply)
		}

		type want struct {
			sent, held, helped, students int
			reached                      *float64
		}
		check := func(by string, wants map[string]want) {
			t.Helper()
			f := figures(by)
			if len(f.By) != len(wants) {
				t.Fatalf("by %s: %d groups, want %d: %+v", by, len(f.By), len(wants), f.By)
			}
			for _, g := range f.By {
				w, ok := wants[g.Label]
				if !ok || g.RequestsSent != w.sent || g.Held != w.held || g.StudentsHelped != w.helped || count(g.Students) != w.students ||
					!sameFloat(g.StudentsReachedShare, w.reached) {
					t.Errorf("by %s, %q: sent %d held %d helped %d students %d reached %v; want %+v", by, g.Label, g.RequestsSent, g.Held,
						g.StudentsHelped, count(g.Students), g.StudentsReachedShare, w)
				}
			}
		}
		// Kim, who has no profile and sent nothing, is a group of her own:
		// one student, none reached.
		check(center.ByGradYear, map[string]want{"2027": {2, 1, 1, 1, f64(1)}, "2028": {2, 0, 0, 1, f64(0)},
			center.NotRecorded: {0, 0, 0, 1, f64(0)}})
		// Sam's requests count in both his majors.
		check(center.ByMajor, map[string]want{"Economics": {4, 1, 1, 2, f64(0.5)}, "History": {2, 1, 1, 1, f64(1)},
			center.NotRecorded: {0, 0, 0, 1, f64(0)}})
		if keys := groupKeys(figures(center.ByGradYear)); !slices.Equal(keys, []string{"2027", "2028", center.NotRecorded}) {
			t.Errorf("by graduation year, the groups are in the order %q", keys)
		}
		// December, with no request, is listed too; a month's students are
		// not counted (-1: left out).
		check(center.ByMonth, map[string]want{"2026-11": {4, 1, 1, -1, nil}, "2026-12": {0, 0, 0, -1, nil}})
		byMonth := figures(center.ByMonth)
		if g := byMonth.By[0]; g.CapacityOffered != 6 || !sameFloat(g.MedianHoursToAnswer, f64(3)) || !sameFloat(g.P90HoursToAnswer, f64(10)) {
			t.Errorf("November: capacity %d, answer hours %v and %v", g.CapacityOffered, g.MedianHoursToAnswer, g.P90HoursToAnswer)
		}
		byField := figures(center.ByField)
		for _, g := range byField.By {
			if cap := map[string]int{"Law": 0, "Urban Planning": 4}[g.Label]; g.CapacityOffered != cap {
				t.Errorf("%s: capacity %d, want %d", g.Label, g.CapacityOffered, cap)
			}
		}
		if _, err := db.Store.CenterFigures(ctx, c.set, from, to, now, "club"); err == nil {
			t.Error("figures by club were counted")
		}
	})
}

func groupKeys(f center.Figures) []string {
	var keys []string
	for _, g := range f.By {
		keys = append(keys, g.Label)
	}
	return keys
}

// count is a count the figures may leave out (nil), as -1.
func count(n *int) int {
	if n == nil {
		return -1
	}
	return *n
}

// TestCenterFiguresByFirstGenerationAreHandCounted counts the figure
// center by the roster's first-generation flag: Sam (yes) sent the held
// request and the accepted one, Ana (no) the declined and the expired one;
// Lee (yes) and Kim (not known) sent nothing.
func TestCenterFiguresByFirstGenerationAreHandCounted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newFiguresCenter(t, db)
		roster := "Email,Name,First Generation\nsam@westlake.edu,,yes\nana@westlake.edu,,No\nlee@westlake.edu,Lee Park,1\nkim@westlake.edu,,\n"
		res, err := db.Store.ImportRoster(ctx, strings.NewReader(roster), store.RosterOptions{Role: model.RoleStudent}, cli, now)
		if err != nil || res.NewCount != 1 || res.UpdateCount != 3 {
			t.Fatalf("roster: %+v, %v; want Lee new, Sam, Ana and Kim (given an empty profile) updated", res, err)
		}
		f, err := db.Store.CenterFigures(ctx, c.set, now.Add(-24*time.Hour), now.Add(30*24*time.Hour), now.Add(16*24*time.Hour), center.ByFirstGen)
		if err != nil {
			t.Fatal(err)
		}
		if count(f.Students) != 4 || f.StudentsHelped != 1 || !sameFloat(f.StudentsReachedShare, f64(0.25)) {
			t.Errorf("the whole center: %d students, %d helped, reached %v", count(f.Students), f.StudentsHelped, f.StudentsReachedShare)
		}
		type want struct {
			sent, accepted, held, helped, students int
			reached, acceptance                    *float64
		}
		wants := []want{
			{2, 2, 1, 1, 2, f64(0.5), f64(1)}, // yes: Sam and Lee
			{2, 0, 0, 0, 1, f64(0), f64(0)},   // no: Ana
			{0, 0, 0, 0, 1, f64(0), nil},      // unknown: Kim
		}
		if keys := groupKeys(f); !slices.Equal(keys, []string{"yes", "no", center.NotRecorded}) {
			t.Fatalf("groups %q; want yes, no, not recorded", keys)
		}
		for i, g := range f.By {
			w := wants[i]
			if g.RequestsSent != w.sent || g.Accepted != w.accepted || g.Held != w.held || g.StudentsHelped != w.helped ||
				count(g.Students) != w.students || !sameFloat(g.StudentsReachedShare, w.reached) || !sameFloat(g.AcceptanceRate, w.acceptance) {
				t.Errorf("%s: sent %d accepted %d held %d helped %d students %d reached %v acceptance %v; want %+v", g.Label, g.RequestsSent,
					g.Accepted, g.Held, g.StudentsHelped, count(g.Students), g.StudentsReachedShare, g.AcceptanceRate, w)
			}
		}
	})
}
