package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// day is an instant of autumn 2026 in UTC (the test center's zone).
func day(month time.Month, d, hour, minute int) time.Time {
	return time.Date(2026, month, d, hour, minute, 0, 0, time.UTC)
}

// careCenter is a center whose volunteers' requests went each their own
// way in October and November 2026 (now is 20 November):
//
//	dana (capacity 3, Urban planning): three requests in November; one
//	  accepted after 120 minutes, one declined after 360, one pending.
//	eli (capacity 1, Data science): one in October, accepted after 30
//	  minutes and missed by the student; one in November, accepted after 90.
//	farah (capacity 2): one in October, expired.
//	gus: a volunteer with no profile (the default capacity, 2).
type careCenter struct {
	set                    center.Settings
	dana, eli, farah, gus  int64
	sam, ria, tom, uma     int64
	danaPending, eliLatest int64
}

func newCareCenter(t *testing.T, db *storetest.DB) careCenter {
	t.Helper()
	ctx := context.Background()
	c := careCenter{set: requestRules(t, db)}
	c.dana = volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 3, Fields: []string{"Urban planning"}, Employer: "City of Chicago"})
	c.eli = volunteer(t, db, "eli@example.com", model.VolunteerProfile{DisplayName: "Eli Novak", MonthlyCapacity: 1, Fields: []string{"Data science"}})
	c.farah = volunteer(t, db, "farah@example.com", model.VolunteerProfile{DisplayName: "Farah Haddad", MonthlyCapacity: 2, Fields: []string{"Public policy"}})
	c.gus = mustAccount(t, db, "gus@example.com", model.RoleVolunteer).ID
	c.sam = studentAccount(t, db, "sam@westlake.edu")
	c.ria = studentAccount(t, db, "ria@westlake.edu")
	c.tom = studentAccount(t, db, "tom@westlake.edu")
	c.uma = studentAccount(t, db, "uma@westlake.edu")
	send := func(student, vol int64, field string, at time.Time) center.Request {
		t.Helper()
		r, err := db.Store.SendRequest(ctx, c.set, draftTo(student, vol, field), nil, at)
		if err != nil {
			t.Fatalf("send at %s: %v", at, err)
		}
		return r
	}
	step := func(r center.Request, by int64, st center.Step) {
		t.Helper()
		if _, _, err := db.Store.StepRequest(ctx, c.set, r.ID, by, st); err != nil {
			t.Fatalf("%s at %s: %v", st.Action, st.At, err)
		}
	}
	accepted := send(c.sam, c.dana, "Urban planning", day(11, 10, 9, 0))
	step(accepted, c.dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: day(11, 10, 11, 0)})
	declined := send(c.ria, c.dana, "Urban planning", day(11, 10, 9, 0))
	step(declined, c.dana, center.Step{Action: center.ActDecline, By: center.ActorVolunteer, At: day(11, 10, 15, 0), DeclineReason: center.DeclineNoTime})
	c.danaPending = send(c.tom, c.dana, "Urban planning", day(11, 12, 9, 0)).ID

	missed := send(c.sam, c.eli, "Data science", day(10, 20, 9, 0))
	step(missed, c.eli, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: day(10, 20, 9, 30), MeetingAt: day(10, 25, 10, 0)})
	step(missed, c.eli, center.Step{Action: center.ActNoShow, By: center.ActorVolunteer, At: day(10, 25, 11, 0)})
	latest := send(c.ria, c.eli, "Data science", day(11, 15, 9, 0))
	step(latest, c.eli, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: day(11, 15, 10, 30)})
	c.eliLatest = latest.ID

	expired := send(c.uma, c.farah, "Public policy", day(10, 1, 9, 0))
	if _, _, err := db.Store.RunRequestJobs(ctx, c.set, expired.ID, day(10, 16, 0, 0)); err != nil {
		t.Fatal(err)
	}
	return c
}

// careQuery is November's list over October and November.
func careQuery(q store.VolunteerQuery) store.VolunteerQuery {
	q.MonthFrom, q.MonthTo = day(11, 1, 0, 0), day(12, 1, 0, 0)
	q.From, q.To = day(10, 1, 0, 0), day(12, 1, 0, 0)
	return q
}

func careIDs(vs []store.VolunteerCare) []int64 {
	var out []int64
	for _, v := range vs {
		out = append(out, v.ID)
	}
	return out
}

func TestVolunteerCareListCountsEachVolunteersRequests(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newCareCenter(t, db)
		list, total, err := db.Store.VolunteerCarePage(ctx, c.set, careQuery(store.VolunteerQuery{}))
		if err != nil {
			t.Fatal(err)
		}
		if total != 4 || !slices.Equal(careIDs(list), []int64{c.dana, c.eli, c.farah, c.gus}) {
			t.Fatalf("by requests this month: %d %v, want dana, eli, farah, gus", total, careIDs(list))
		}
		f := f64
		want := []store.VolunteerCare{
			{ID: c.dana, Name: "Dana Brown", Email: "dana@example.com", HasProfile: true, Capacity: 3, RequestsThisMonth: 3,
				Requests: 3, MedianMinutes: f(240), Accepted: 1, Declined: 1, Acceptance: f(0.5)},
			{ID: c.eli, Name: "Eli Novak", Email: "eli@example.com", HasProfile: true, Capacity: 1, RequestsThisMonth: 1,
				Requests: 2, MedianMinutes: f(60), Accepted: 2, Acceptance: f(1), NoShows: 1},
			{ID: c.farah, Name: "Farah Haddad", Email: "farah@example.com", HasProfile: true, Capacity: 2,
				Requests: 1, Expired: 1, Acceptance: f(0)},
			{ID: c.gus, Name: "User gus@example.com", Email: "gus@example.com", Capacity: 2},
		}
		for i, w := range want {
			g := list[i]
			if g.ID != w.ID || g.Name != w.Name || g.Email != w.Email || g.HasProfile != w.HasProfile || g.Capacity != w.Capacity ||
				g.RequestsThisMonth != w.RequestsThisMonth || g.Requests != w.Requests || !sameFloat(g.MedianMinutes, w.MedianMinutes) ||
				g.Accepted != w.Accepted || g.Declined != w.Declined || g.Expired != w.Expired || !sameFloat(g.Acceptance, w.Acceptance) ||
				g.NoShows != w.NoShows || g.PausedUntil != nil {
				t.Errorf("row %d:\n got %+v\nwant %+v", i, g, w)
			}
		}

		for _, tc := range []struct {
			name string
			q    store.VolunteerQuery
			want []int64
		}{
			{"acceptance, highest first", store.VolunteerQuery{Sort: store.SortAcceptance}, []int64{c.eli, c.dana, c.farah, c.gus}},
			{"acceptance, lowest first", store.VolunteerQuery{Sort: store.SortAcceptance, Asc: true}, []int64{c.farah, c.dana, c.eli, c.gus}},
			{"answer time, fastest first", store.VolunteerQuery{Sort: store.SortAnswerTime, Asc: true}, []int64{c.eli, c.dana, c.farah, c.gus}},
			{"answer time, slowest first", store.VolunteerQuery{Sort: store.SortAnswerTime}, []int64{c.dana, c.eli, c.farah, c.gus}},
			{"no-shows", store.VolunteerQuery{Sort: store.SortNoShows}, []int64{c.eli, c.dana, c.farah, c.gus}},
			{"capacity", store.VolunteerQuery{Sort: store.SortCapacity}, []int64{c.dana, c.farah, c.gus, c.eli}},
			{"name", store.VolunteerQuery{Sort: store.SortName, Asc: true}, []int64{c.dana, c.eli, c.farah, c.gus}},
			{"name, Z to A", store.VolunteerQuery{Sort: store.SortName}, []int64{c.gus, c.farah, c.eli, c.dana}},
			{"fewest requests this month", store.VolunteerQuery{Asc: true}, []int64{c.farah, c.gus, c.eli, c.dana}},
			{"by field", store.VolunteerQuery{Field: "urban  PLANNING"}, []int64{c.dana}},
			{"by email", store.VolunteerQuery{Text: "ELI@"}, []int64{c.eli}},
			{"by employer", store.VolunteerQuery{Text: "chicago"}, []int64{c.dana}},
			{"a wildcard is a character", store.VolunteerQuery{Text: "%"}, nil},
			{"second page", store.VolunteerQuery{Limit: 2, Offset: 2}, []int64{c.farah, c.gus}},
		} {
			got, n, err := db.Store.VolunteerCarePage(ctx, c.set, careQuery(tc.q))
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if !slices.Equal(careIDs(got), tc.want) {
				t.Errorf("%s: %v, want %v", tc.name, careIDs(got), tc.want)
			}
			if tc.q.Limit == 0 && n != len(tc.want) {
				t.Errorf("%s: total %d, want %d", tc.name, n, len(tc.want))
			}
			if tc.q.Limit == 2 && n != 4 {
				t.Errorf("%s: total %d, want 4", tc.name, n)
			}
		}
	})
}

func TestAnAdvisorPausesAndRemovesAVolunteer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newCareCenter(t, db)
		ada := model.Actor{ID: 1, Name: "admin@westlake.edu"}
		dec1 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		if name, err := db.Store.PauseVolunteer(ctx, c.set, c.dana, &dec1, ada, now); err != nil || name != "Dana Brown" {
			t.Fatalf("pause Dana: %q %v", name, err)
		}
		list, _, err := db.Store.VolunteerCarePage(ctx, c.set, careQuery(store.VolunteerQuery{Sort: store.SortPausedUntil}))
		if err != nil {
			t.Fatal(err)
		}
		if list[0].ID != c.dana || list[0].PausedUntil == nil || !list[0].PausedUntil.Equal(dec1) {
			t.Errorf("paused first: %+v", list[0])
		}
		today := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
		for _, tc := range []struct {
			id    int64
			until *time.Time
		}{{c.dana, &today}, {c.gus, &dec1}} {
			if _, err := db.Store.PauseVolunteer(ctx, c.set, tc.id, tc.until, ada, now); len(model.AsErrors(err)) == 0 || model.AsErrors(err)[0].Field != "paused_until" {
				t.Errorf("pause %d until %s: %v, want a paused_until error", tc.id, tc.until, err)
			}
		}
		if _, err := db.Store.PauseVolunteer(ctx, c.set, c.sam, &dec1, ada, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("pause a student: %v", err)
		}
		if _, err := db.Store.PauseVolunteer(ctx, c.set, c.dana, nil, ada, now); err != nil {
			t.Fatal(err)
		}
		if p, _, err := db.Store.VolunteerProfile(ctx, c.dana); err != nil || p.PausedUntil != nil {
			t.Errorf("resumed: %+v %v", p.PausedUntil, err)
		}

		name, open, err := db.Store.RemoveVolunteer(ctx, c.dana, ada, now)
		if err != nil || name != "Dana Brown" || open != 1 {
			t.Fatalf("remove Dana: %q %d %v", name, open, err)
		}
		acct, err := db.Store.Account(ctx, c.dana)
		if err != nil || acct.Has(model.RoleVolunteer) {
			t.Errorf("Dana's roles after removal: %v %v", acct.Roles, err)
		}
		if reqs, err := db.Store.RequestsOf(ctx, c.dana); err != nil || len(reqs) != 3 {
			t.Errorf("Dana's requests stay: %d %v", len(reqs), err)
		}
		list, total, err := db.Store.VolunteerCarePage(ctx, c.set, careQuery(store.VolunteerQuery{}))
		if err != nil || total != 3 || slices.Contains(careIDs(list), c.dana) {
			t.Errorf("the list after removal: %d %v %v", total, careIDs(list), err)
		}
		if _, _, err := db.Store.RemoveVolunteer(ctx, c.dana, ada, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("remove twice: %v", err)
		}
		actions := strings.Join(auditActions(t, db.Store), " ")
		for _, a := range []string{"volunteer.pause", "volunteer.resume", "volunteer.remove"} {
			if !strings.Contains(actions, a) {
				t.Errorf("the audit log lacks %s: %s", a, actions)
			}
		}
	})
}

func TestStudentCareListsThoseWhoSentNothingAndThoseWhoseRequestsAllExpired(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newCareCenter(t, db)
		vic := studentAccount(t, db, "vic@westlake.edu")
		studentAccount(t, db, "wes@westlake.edu")
		sp := model.StudentProfile{AccountID: vic, ClassYear: 2027, Majors: []string{"Economics", "History"}}
		if err := db.Store.SaveStudentProfile(ctx, &sp, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.SetStatus(ctx, "wes@westlake.edu", model.StatusDisabled, model.CLIActor(), now); err != nil {
			t.Fatal(err)
		}
		counts, err := db.Store.StudentCareCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Sam, Ria and Tom have requests; Uma's one request expired; Vic
		// sent nothing; Wes too, but his account is disabled.
		if counts[store.StudentsSilent] != 1 || counts[store.StudentsExpired] != 1 {
			t.Fatalf("counts: %v", counts)
		}
		silent, err := db.Store.StudentCarePage(ctx, store.StudentsSilent, 50, 0)
		if err != nil || len(silent) != 1 || silent[0].ID != vic || silent[0].ClassYear != 2027 || !slices.Equal(silent[0].Majors, []string{"Economics", "History"}) {
			t.Fatalf("silent: %+v %v", silent, err)
		}
		expired, err := db.Store.StudentCarePage(ctx, store.StudentsExpired, 50, 0)
		if err != nil || len(expired) != 1 || expired[0].ID != c.uma || expired[0].Expired != 1 || expired[0].LastExpiredAt == nil ||
			!expired[0].LastExpiredAt.Equal(day(10, 16, 0, 0)) {
			t.Fatalf("expired: %+v %v", expired, err)
		}
		if page, err := db.Store.StudentCarePage(ctx, store.StudentsSilent, 50, 1); err != nil || len(page) != 0 {
			t.Errorf("second page: %+v %v", page, err)
		}
	})
}

// staleCenter adds to the care center, on 20 November: Sam's request to
// Ivy, reminded on the 18th and still unanswered; Ria's to Jo, accepted
// on the 2nd with no time agreed; Tom's to Kim, accepted on the 15th (not
// yet stale); Uma's to Lee, sent on the 15th (not yet reminded). Mo has
// room in Urban planning, Ivy's field.
type staleCenter struct {
	careCenter
	reminded, untimed, recent, waiting int64
	ivy, mo                            int64
}

func newStaleCenter(t *testing.T, db *storetest.DB) staleCenter {
	t.Helper()
	ctx := context.Background()
	s := staleCenter{careCenter: newCareCenter(t, db)}
	s.ivy = volunteer(t, db, "ivy@example.com", model.VolunteerProfile{DisplayName: "Ivy Chen", MonthlyCapacity: 2, Fields: []string{"Urban planning"}})
	s.mo = volunteer(t, db, "mo@example.com", model.VolunteerProfile{DisplayName: "Mo Diaz", MonthlyCapacity: 2, Fields: []string{"Urban planning"}})
	jo := volunteer(t, db, "jo@example.com", model.VolunteerProfile{DisplayName: "Jo Park", MonthlyCapacity: 2, Fields: []string{"Marketing"}})
	kim := volunteer(t, db, "kim@example.com", model.VolunteerProfile{DisplayName: "Kim Lee", MonthlyCapacity: 2, Fields: []string{"Marketing"}})
	lee := volunteer(t, db, "lee@example.com", model.VolunteerProfile{DisplayName: "Lee Ray", MonthlyCapacity: 2, Fields: []string{"Law"}})
	send := func(student, vol int64, field string, at time.Time) int64 {
		t.Helper()
		r, err := db.Store.SendRequest(ctx, s.set, draftTo(student, vol, field), nil, at)
		if err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	accept := func(id, vol int64, at time.Time) {
		t.Helper()
		if _, _, err := db.Store.StepRequest(ctx, s.set, id, vol, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: at}); err != nil {
			t.Fatal(err)
		}
	}
	s.reminded = send(s.sam, s.ivy, "Urban planning", day(11, 8, 9, 0))
	if _, jobs, err := db.Store.RunRequestJobs(ctx, s.set, s.reminded, day(11, 18, 9, 30)); err != nil || len(jobs) != 1 || jobs[0].Kind != center.JobRemind {
		t.Fatalf("the reminder: %v %v", jobs, err)
	}
	s.untimed = send(s.ria, jo, "Marketing", day(11, 1, 9, 0))
	accept(s.untimed, jo, day(11, 2, 9, 0))
	s.recent = send(s.tom, kim, "Marketing", day(11, 10, 9, 0))
	accept(s.recent, kim, day(11, 15, 9, 0))
	s.waiting = send(s.uma, lee, "Law", day(11, 15, 9, 0))
	return s
}

func outboxTo(t *testing.T, db *storetest.DB, addr string) []model.OutboxMessage {
	t.Helper()
	all, err := db.Store.Outbox(context.Background(), store.OutboxFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []model.OutboxMessage
	for _, m := range all {
		if m.To == addr {
			out = append(out, m)
		}
	}
	return out
}

func TestStaleRequestsAndTheSuggestionsSentFromThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		s := newStaleCenter(t, db)
		counts, err := db.Store.StaleCounts(ctx, s.set, now)
		if err != nil {
			t.Fatal(err)
		}
		// Dana's pending request from Tom was sent on the 12th: not reminded yet.
		// Dana accepted Sam's on the 10th with no time: stale too.
		if counts[store.StaleUnanswered] != 1 || counts[store.StaleUntimed] != 2 {
			t.Fatalf("stale counts: %v", counts)
		}
		unanswered, err := db.Store.StaleRequests(ctx, s.set, store.StaleUnanswered, now, 50, 0)
		if err != nil || len(unanswered) != 1 {
			t.Fatalf("unanswered: %+v %v", unanswered, err)
		}
		if u := unanswered[0]; u.ID != s.reminded || u.Student != "User sam@westlake.edu" || u.Volunteer != "Ivy Chen" || u.Field != "Urban planning" ||
			!u.RemindedAt.Equal(day(11, 18, 9, 30)) || !u.SentAt.Equal(day(11, 8, 9, 0)) || u.SuggestedAt != nil {
			t.Errorf("unanswered: %+v", u)
		}
		untimed, err := db.Store.StaleRequests(ctx, s.set, store.StaleUntimed, now, 50, 0)
		if err != nil || len(untimed) != 2 || untimed[0].ID != s.untimed || !untimed[0].AcceptedAt.Equal(day(11, 2, 9, 0)) || untimed[0].Volunteer != "Jo Park" ||
			untimed[1].Volunteer != "Dana Brown" {
			t.Fatalf("untimed: %+v %v", untimed, err)
		}
		// Kim's acceptance of 15 November at 9:00 turns stale seven days
		// later; Eli's, at 10:30, not yet.
		later, err := db.Store.StaleCounts(ctx, s.set, day(11, 22, 9, 1))
		if err != nil || later[store.StaleUntimed] != 3 {
			t.Errorf("on the 22nd: %v %v", later, err)
		}

		ada := model.Actor{ID: 1, Name: "admin@westlake.edu"}
		ivyBefore := len(outboxTo(t, db, "ivy@example.com"))
		sugg, err := db.Store.SuggestVolunteers(ctx, s.set, s.reminded, ada, now)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, sg := range sugg {
			names = append(names, sg.Name)
		}
		// Dana has room in Urban planning too, though Tom waits on her.
		if !slices.Equal(names, []string{"Dana Brown", "Mo Diaz"}) && !slices.Equal(names, []string{"Mo Diaz", "Dana Brown"}) {
			t.Errorf("suggested: %v, want Dana and Mo", names)
		}
		mails := outboxTo(t, db, "sam@westlake.edu")
		var suggestion *model.OutboxMessage
		for i, m := range mails {
			if m.Kind == "request.suggested" {
				suggestion = &mails[i]
			}
		}
		if suggestion == nil || !strings.Contains(suggestion.Body, "Mo Diaz") || !strings.Contains(suggestion.Subject, "Urban planning") {
			t.Fatalf("Sam's suggestion email: %+v", suggestion)
		}
		if n := len(outboxTo(t, db, "ivy@example.com")); n != ivyBefore {
			t.Errorf("Ivy got %d more emails: she is not reminded twice", n-ivyBefore)
		}
		again, err := db.Store.SuggestVolunteers(ctx, s.set, s.reminded, ada, now.Add(time.Hour))
		if !errors.Is(err, store.ErrConflict) || again != nil {
			t.Errorf("a second suggestion: %v %v", again, err)
		}
		if list, _ := db.Store.StaleRequests(ctx, s.set, store.StaleUnanswered, now, 50, 0); len(list) != 1 || list[0].SuggestedAt == nil || !list[0].SuggestedAt.Equal(now) {
			t.Errorf("the suggestion's time on the list: %+v", list)
		}
		if _, err := db.Store.SuggestVolunteers(ctx, s.set, s.recent, ada, now); !errors.Is(err, store.ErrConflict) {
			t.Errorf("suggest for a request not stale: %v", err)
		}
		if _, err := db.Store.SuggestVolunteers(ctx, s.set, s.waiting, ada, now); !errors.Is(err, store.ErrConflict) {
			t.Errorf("suggest for a request not reminded: %v", err)
		}
		if _, err := db.Store.SuggestVolunteers(ctx, s.set, 987654, ada, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("suggest for no request: %v", err)
		}
		if !slices.Contains(auditActions(t, db.Store), "request.suggest") {
			t.Errorf("the audit log lacks the suggestion")
		}
	})
}

func TestNobodyToSuggestIsSaid(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		s := newStaleCenter(t, db)
		// Jo's field, Marketing, has only Kim besides: pause her.
		kim, _, err := db.Store.AccountByEmail(ctx, "kim@example.com")
		if err != nil {
			t.Fatal(err)
		}
		dec1 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		if _, err := db.Store.PauseVolunteer(ctx, s.set, kim.ID, &dec1, model.CLIActor(), now); err != nil {
			t.Fatal(err)
		}
		_, err = db.Store.SuggestVolunteers(ctx, s.set, s.untimed, model.CLIActor(), now)
		var refusal *store.CareRefusal
		if !errors.As(err, &refusal) || !strings.Contains(refusal.Message, "nobody to suggest") {
			t.Fatalf("nobody to suggest: %v", err)
		}
		if list, _ := db.Store.StaleRequests(ctx, s.set, store.StaleUntimed, now, 50, 0); len(list) != 2 || list[0].ID != s.untimed || list[0].SuggestedAt != nil {
			t.Errorf("a refused suggestion is not recorded: %+v", list)
		}
	})
}

func TestSuggestionRaceSendsOneEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		s := newStaleCenter(t, db)
		errs := race(func(int) error {
			_, err := db.Store.SuggestVolunteers(context.Background(), s.set, s.reminded, model.CLIActor(), now)
			return err
		})
		oneWins(t, "suggest", errs, store.ErrConflict)
		n := 0
		for _, m := range outboxTo(t, db, "sam@westlake.edu") {
			if m.Kind == "request.suggested" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d suggestion emails, want 1", n)
		}
	})
}

// thanksCenter is the care center with conversations held: Dana one on
// 5 November, Farah two in October, Eli one in September (before the
// term); Gus none.
func thanksCenter(t *testing.T, db *storetest.DB) (careCenter, center.Period) {
	t.Helper()
	ctx := context.Background()
	c := newCareCenter(t, db)
	held := func(student, vol int64, field string, sent, meeting time.Time) {
		t.Helper()
		r, err := db.Store.SendRequest(ctx, c.set, draftTo(student, vol, field), nil, sent)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []center.Step{{Action: center.ActAccept, By: center.ActorVolunteer, At: sent.Add(time.Hour), MeetingAt: meeting},
			{Action: center.ActHeld, By: center.ActorVolunteer, At: meeting.Add(time.Hour)}} {
			if _, _, err := db.Store.StepRequest(ctx, c.set, r.ID, vol, st); err != nil {
				t.Fatalf("%s: %v", st.Action, err)
			}
		}
	}
	held(c.uma, c.dana, "Urban planning", day(11, 1, 9, 0), day(11, 5, 10, 0))
	held(c.tom, c.farah, "Public policy", day(10, 2, 9, 0), day(10, 6, 10, 0))
	held(c.ria, c.farah, "Public policy", day(10, 3, 9, 0), day(10, 8, 10, 0))
	held(c.tom, c.eli, "Data science", day(9, 1, 9, 0), day(9, 4, 10, 0))
	p := center.Period{Term: "Fall 2026", First: center.Day{Time: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)},
		Last: center.Day{Time: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}}
	p.From, p.To = center.DayRange(p.First, p.Last, time.UTC)
	return c, p
}

func TestThankingTheVolunteersOfATermWritesToEachOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c, p := thanksCenter(t, db)
		plan, err := db.Store.PlanThanks(ctx, p)
		if err != nil || plan != (store.ThanksPlan{ToWrite: 2}) {
			t.Fatalf("plan: %+v %v", plan, err)
		}
		if _, err := db.Store.ThankVolunteers(ctx, c.set, p, "Fall 2026", strings.Repeat("x", 2001), model.CLIActor(), now); len(model.AsErrors(err)) == 0 {
			t.Errorf("a note too long: %v", err)
		}
		set := c.set
		sent, err := db.Store.ThankVolunteers(ctx, set, p, "Fall 2026", "The dean read your names at the board meeting.", model.CLIActor(), now)
		if err != nil || sent != 2 {
			t.Fatalf("thanks: %d %v", sent, err)
		}
		for addr, words := range map[string]string{"dana@example.com": "You held one conversation", "farah@example.com": "You held 2 conversations"} {
			var got *model.OutboxMessage
			for _, m := range outboxTo(t, db, addr) {
				if m.Kind == "volunteer.thanks" {
					got = &m
				}
			}
			if got == nil || !strings.Contains(got.Body, words) || !strings.Contains(got.Body, "Fall 2026") || !strings.Contains(got.Body, "the board meeting") {
				t.Errorf("%s's thanks: %+v", addr, got)
			}
		}
		if slices.ContainsFunc(outboxTo(t, db, "eli@example.com"), func(m model.OutboxMessage) bool { return m.Kind == "volunteer.thanks" }) {
			t.Error("Eli held his before the term and is thanked")
		}
		again, err := db.Store.ThankVolunteers(ctx, set, p, "Fall 2026", "", model.CLIActor(), now.Add(time.Minute))
		if err != nil || again != 0 {
			t.Errorf("a second click: %d %v", again, err)
		}
		if plan, err := db.Store.PlanThanks(ctx, p); err != nil || plan != (store.ThanksPlan{Thanked: 2}) {
			t.Errorf("plan after: %+v %v", plan, err)
		}
	})
}

func TestThanksRaceWritesToEachVolunteerOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c, p := thanksCenter(t, db)
		var sent [racers]int
		errs := race(func(i int) error {
			n, err := db.Store.ThankVolunteers(context.Background(), c.set, p, "Fall 2026", "", model.CLIActor(), now)
			sent[i] = n
			return err
		})
		total := 0
		for i, err := range errs {
			if err != nil {
				t.Errorf("racer %d: %v", i, err)
			}
			total += sent[i]
		}
		if total != 2 {
			t.Errorf("%d thank-yous queued, want 2", total)
		}
		for _, addr := range []string{"dana@example.com", "farah@example.com"} {
			n := 0
			for _, m := range outboxTo(t, db, addr) {
				if m.Kind == "volunteer.thanks" {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s got %d thank-yous", addr, n)
			}
		}
	})
}

// TestStudentRequestStatesKeptEqualTheRows checks what each student's
// requests came to, kept ahead for the student lists, against the
// requests themselves, over random histories written in bulk and then
// changed row by row and many rows at once: requests expired and revived,
// expired again at another time, moved to another student, deleted.
func TestStudentRequestStatesKeptEqualTheRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		_, rng, loaded := randomCenter(t, db, 6, 3, 60, 3, 67)
		var students []int64
		for _, r := range loaded {
			students = append(students, r.StudentID)
		}
		nth := `(SELECT id FROM requests ORDER BY id LIMIT 1 OFFSET $1)`
		at := func() string {
			return now.Add(time.Duration(rng.IntN(1000)) * time.Minute).UTC().Format("2006-01-02T15:04:05.000000Z")
		}
		for step := range 40 {
			k := rng.IntN(50)
			var query string
			var args []any
			switch rng.IntN(7) {
			case 0:
				query, args = `UPDATE requests SET state = 'expired', state_at = $2 WHERE id = `+nth, []any{k, at()}
			case 1:
				query, args = `UPDATE requests SET state = 'pending' WHERE id = `+nth, []any{k}
			case 2:
				query, args = `UPDATE requests SET state_at = $2 WHERE id = `+nth, []any{k, at()}
			case 3:
				query, args = `UPDATE requests SET student_id = $2 WHERE id = `+nth, []any{k, students[rng.IntN(len(students))]}
			case 4:
				query, args = `DELETE FROM requests WHERE id = `+nth+` AND id NOT IN (SELECT request_id FROM request_feedback)`, []any{k}
			case 5:
				query, args = `UPDATE requests SET state = CASE WHEN state = 'expired' THEN 'declined' ELSE 'expired' END, state_at = $2 WHERE student_id = $1`,
					[]any{students[rng.IntN(len(students))], at()}
			case 6:
				query, args = `DELETE FROM requests WHERE student_id = $1 AND state = 'expired' AND id NOT IN (SELECT request_id FROM request_feedback)`,
					[]any{students[rng.IntN(len(students))]}
			}
			if err := store.ExecForTest(ctx, db.Store, query, args...); err != nil {
				t.Fatalf("%s %v: %v", query, args, err)
			}
			kept, rows, err := store.StudentRequestStatesForTest(ctx, db.Store)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(kept, rows) {
				t.Fatalf("step %d, after %s %v: kept %v, the requests say %v", step, query, args, kept, rows)
			}
		}
	})
}
