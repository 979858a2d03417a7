package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// randomRequests are n requests of random histories sent over the 40
// days around now, some at a UTC or a New York midnight, in fields of
// several spellings.
func randomRequests(rng *rand.Rand, n int, students, volunteers []int64) []store.LoadedRequest {
	fields := []string{"Law", "law", "Urban planning", "Urban Planning", "Nursing"}
	states := []center.State{center.StatePending, center.StateMoreInfo, center.StateAccepted, center.StateDeclined, center.StateReferred,
		center.StateExpired, center.StateWithdrawn, center.StateCancelled, center.StateHeld, center.StateNoShow, center.StateReported}
	ny, _ := time.LoadLocation("America/New_York")
	start := now.Add(-20 * 24 * time.Hour).Truncate(time.Hour)
	var out []store.LoadedRequest
	for range n {
		at := start.Add(time.Duration(rng.IntN(40*24*60)) * time.Minute)
		switch rng.IntN(10) {
		case 0:
			at = at.UTC().Truncate(24 * time.Hour)
		case 1:
			l := at.In(ny)
			at = time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, ny)
		}
		r := store.LoadedRequest{Request: center.Request{StudentID: students[rng.IntN(len(students))],
			VolunteerID: volunteers[rng.IntN(len(volunteers))], Field: fields[rng.IntN(len(fields))], Purpose: "learn", Message: "Hello",
			Minutes: 20, Channel: model.ChannelVideo, State: states[rng.IntN(len(states))], CreatedAt: at, StateAt: at,
			Flagged: rng.IntN(5) == 0, LateCancel: rng.IntN(2) == 0}}
		later := func() time.Time { return at.Add(time.Duration(1+rng.IntN(5000)) * time.Minute) }
		if r.State != center.StatePending && r.State != center.StateExpired && r.State != center.StateWithdrawn {
			r.AnsweredAt = later()
		}
		if rng.IntN(3) == 0 {
			r.RemindedAt = later()
		}
		switch r.State {
		case center.StateDeclined:
			r.DeclineReason = center.DeclineReasons()[rng.IntN(len(center.DeclineReasons()))]
		case center.StateAccepted, center.StateHeld, center.StateNoShow, center.StateCancelled:
			r.AcceptedAt = r.AnsweredAt
			if rng.IntN(2) == 0 {
				r.MeetingAt = later()
			}
		}
		if r.State == center.StateHeld {
			r.HeldAt = later()
			if rng.IntN(2) == 0 {
				r.ThankedAt = r.HeldAt.Add(time.Duration(rng.IntN(24)) * time.Hour)
			}
			if rng.IntN(2) == 0 {
				r.ReportedBackAt = r.HeldAt.Add(48 * time.Hour)
			}
			r.StudentRating, r.VolunteerRating = rng.IntN(6), rng.IntN(6)
			r.StudentRatedAt, r.VolunteerRatedAt = r.HeldAt, r.HeldAt
		}
		out = append(out, r)
	}
	return out
}

// figureAccounts makes n students and m volunteers (volunteer i named
// "V i", with capacity 1+i, in Law) for the figures' random histories.
func figureAccounts(t *testing.T, db *storetest.DB, n, m int) (students, volunteers []int64) {
	t.Helper()
	for i := range n {
		students = append(students, studentAccount(t, db, fmt.Sprintf("s%d@westlake.edu", i)))
	}
	for i := range m {
		volunteers = append(volunteers, volunteer(t, db, fmt.Sprintf("v%d@example.com", i),
			model.VolunteerProfile{DisplayName: fmt.Sprintf("V %d", i), MonthlyCapacity: 1 + i, Fields: []string{"Law"}}))
	}
	return students, volunteers
}

// randomChanges are writes to the requests the figures count, one row or
// many at a time, and a few that touch nothing they count.
func randomChanges(rng *rand.Rand) []struct {
	query string
	args  []any
} {
	nth := `(SELECT id FROM requests ORDER BY id LIMIT 1 OFFSET $1)`
	held := now.Add(time.Duration(rng.IntN(100)) * time.Hour).UTC().Format("2006-01-02T15:04:05.000000Z")
	states := []string{"pending", "accepted", "declined", "expired", "withdrawn", "cancelled", "held", "no_show"}
	var out []struct {
		query string
		args  []any
	}
	add := func(query string, args ...any) {
		out = append(out, struct {
			query string
			args  []any
		}{query, args})
	}
	for range 12 {
		k := rng.IntN(40)
		switch rng.IntN(10) {
		case 0:
			add(`UPDATE requests SET state = $2, held_at = NULL WHERE id = `+nth, k, states[rng.IntN(len(states))])
		case 1:
			add(`UPDATE requests SET state = 'held', held_at = $2, thanked_in_time = $3 WHERE id = `+nth, k, held, rng.IntN(2) == 0)
		case 2:
			add(`UPDATE requests SET student_rating = $2, volunteer_rating = NULL WHERE id = `+nth, k, 1+rng.IntN(5))
		case 3:
			add(`UPDATE requests SET state = 'declined', decline_reason = $2, answered_at = created_at WHERE id = `+nth, k,
				string(center.DeclineReasons()[rng.IntN(4)]))
		case 4:
			add(`UPDATE requests SET flagged = NOT flagged, reported_back_at = NULL WHERE id % 3 = $1`, rng.IntN(3))
		case 5:
			add(`UPDATE requests SET message = 'kept' WHERE id % 2 = $1`, rng.IntN(2))
		case 6:
			add(`DELETE FROM requests WHERE id = `+nth+` AND id NOT IN (SELECT request_id FROM request_feedback)`, k)
		case 7:
			add(`UPDATE requests SET accepted_at = NULL, late_cancel = NOT late_cancel, state = 'cancelled' WHERE id = `+nth, k)
		case 8:
			// A request moved to another volunteer (the last request's).
			add(`UPDATE requests SET volunteer_id = (SELECT volunteer_id FROM requests ORDER BY id DESC LIMIT 1) WHERE id = `+nth, k)
		case 9:
			// One of the earliest requests moved in time, which may move
			// its volunteer's first ask.
			add(`UPDATE requests SET created_at = $2 WHERE id = (SELECT id FROM requests ORDER BY created_at, id LIMIT 1 OFFSET $1)`, k%4, held)
		}
	}
	return out
}

// TestKeptFiguresEqualTheRowsOverRandomHistories checks the figures read
// from the days kept ahead (figure_days) and the volunteers' first asks
// (volunteer_first_asks) against the same figures counted from the
// requests alone, over random histories written in bulk and then changed
// row by row and many rows at once (some moved to another volunteer or
// time), for random periods (whole
// days or not) in three zones (New York's and Kathmandu's midnights cut
// UTC's days), with no grouping, by field and by month.
func TestKeptFiguresEqualTheRowsOverRandomHistories(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		students, volunteers := figureAccounts(t, db, 4, 4)
		for history := range 3 {
			rng := rand.New(rand.NewPCG(uint64(history), 46))
			if _, err := db.Store.LoadCenterRequests(ctx, set, slices.Values(randomRequests(rng, 80, students, volunteers)),
				model.CLIActor(), now); err != nil {
				t.Fatal(err)
			}
			for _, c := range randomChanges(rng) {
				if err := store.ExecForTest(ctx, db.Store, c.query, c.args...); err != nil {
					t.Fatalf("%s %v: %v", c.query, c.args, err)
				}
			}
			kept, rows, err := store.FigureDaysForTest(ctx, db.Store)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(kept, rows) {
				t.Fatalf("history %d: the days kept ahead hold %v, the requests count %v", history, kept, rows)
			}
			if kept, rows, err := store.VolunteerFirstAsksForTest(ctx, db.Store); err != nil || !slices.Equal(kept, rows) {
				t.Fatalf("history %d: the volunteers' first asks kept ahead are %v, the requests say %v (%v)", history, kept, rows, err)
			}
			for _, zone := range []string{set.TimeZone, "America/New_York", "Asia/Kathmandu"} {
				zoned := set
				zoned.TimeZone = zone
				for range 4 {
					from := now.Add(time.Duration(rng.IntN(30*24)-24*24) * time.Hour)
					if rng.IntN(2) == 0 {
						from = from.Add(time.Duration(rng.IntN(3600)) * time.Second)
					}
					to := from.Add(time.Duration(rng.IntN(30*24)) * time.Hour)
					at := now.Add(time.Duration(rng.IntN(20*24)) * time.Hour)
					for _, by := range []string{"", center.ByField, center.ByMonth} {
						if kept, rows := keptAndRowFigures(t, db.Store, zoned, from, to, at, by); kept != rows {
							t.Fatalf("history %d, %s, %s to %s by %q:\nkept %s\nrows %s", history, zone, from, to, by, kept, rows)
						}
					}
				}
			}
		}
	})
}

// raceCenter is a center's rules with four volunteers (room for thirty
// requests each) and a student for each racer.
func raceCenter(t *testing.T, db *storetest.DB) (set center.Settings, volunteers, students []int64) {
	t.Helper()
	set = requestRules(t, db)
	for i := range 4 {
		volunteers = append(volunteers, volunteer(t, db, fmt.Sprintf("v%d@example.com", i),
			model.VolunteerProfile{DisplayName: fmt.Sprintf("V %d", i), MonthlyCapacity: 30}))
	}
	students = make([]int64, racers)
	for i := range students {
		students[i] = studentAccount(t, db, fmt.Sprintf("s%d@westlake.edu", i))
	}
	return set, volunteers, students
}

// TestFigureDaysRaceKeepsEveryCount sends and answers requests from
// racers goroutines at once: the counts kept ahead end equal to the
// requests' own, with no update lost between writers of one day's row.
func TestFigureDaysRaceKeepsEveryCount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set, volunteers, students := raceCenter(t, db)
		sent := 0
		errs := race(func(i int) error {
			v := volunteers[i%len(volunteers)]
			r, err := db.Store.SendRequest(ctx, set, draftTo(students[i], v, "Law"), nil, now)
			if err != nil {
				return err
			}
			st := center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(time.Hour)}
			if i%3 == 0 {
				st = center.Step{Action: center.ActDecline, By: center.ActorVolunteer, At: now.Add(time.Hour), DeclineReason: center.DeclineNoTime}
			}
			_, _, err = db.Store.StepRequest(ctx, set, r.ID, v, st)
			return err
		})
		for _, err := range errs {
			var refusal *center.Refusal
			if err != nil && !errors.As(err, &refusal) {
				t.Fatal(err)
			}
			if err == nil {
				sent++
			}
		}
		if sent == 0 {
			t.Fatal("no request went through")
		}
		kept, rows, err := store.FigureDaysForTest(ctx, db.Store)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(kept, rows) || rows[0] < int64(sent) {
			t.Fatalf("after %d requests raced: the days kept ahead hold %v, the requests count %v", sent, kept, rows)
		}
	})
}

// TestVolunteerFirstAsksRaceKeepsEveryVolunteer has racers goroutines at
// once each send a request to one of a few volunteers, move it to another
// (expired) and delete another's, so that writers of one volunteer's first
// time meet, adding and taking away: the first times kept ahead end equal
// to those the requests say, and so does what each student's requests
// came to (student_request_states) and the student lists' counts
// (student_care_counts).
func TestVolunteerFirstAsksRaceKeepsEveryVolunteer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set, volunteers, students := raceCenter(t, db)
		errs := race(func(i int) error {
			at := now.Add(time.Duration(i) * time.Minute)
			r, err := db.Store.SendRequest(ctx, set, draftTo(students[i], volunteers[i%len(volunteers)], "Law"), nil, at)
			if err != nil {
				return err
			}
			switch i % 3 {
			case 0:
				return store.ExecForTest(ctx, db.Store, `UPDATE requests SET volunteer_id = $2, state = 'expired', state_at = created_at WHERE id = $1`,
					r.ID, volunteers[(i+1)%len(volunteers)])
			case 1:
				return store.ExecForTest(ctx, db.Store, `DELETE FROM requests WHERE student_id = $1`, students[(i+racers-1)%racers])
			}
			return nil
		})
		for _, err := range errs {
			var refusal *center.Refusal
			if err != nil && !errors.As(err, &refusal) {
				t.Fatal(err)
			}
		}
		kept, rows, err := store.VolunteerFirstAsksForTest(ctx, db.Store)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(kept, rows) || len(rows) == 0 {
			t.Fatalf("after %d racers: the first asks kept ahead are %v, the requests say %v", racers, kept, rows)
		}
		if kept, rows, err := store.StudentRequestStatesForTest(ctx, db.Store); err != nil || !slices.Equal(kept, rows) {
			t.Fatalf("after %d racers: what the students' requests came to is kept as %v, the requests say %v (%v)", racers, kept, rows, err)
		}
		if kept, rows, err := store.StudentCareCountsFromRows(ctx, db.Store); err != nil || !maps.Equal(kept, rows) {
			t.Fatalf("after %d racers: the student lists' counts are kept as %v, the lists count %v (%v)", racers, kept, rows, err)
		}
	})
}

// TestRosterFiguresLeaveOutDisabledAndNewerAccounts counts the roster at
// a period's end: a disabled account is not in it, nor one that joined
// after the period; a volunteer asked before the end is not "never asked".
func TestRosterFiguresLeaveOutDisabledAndNewerAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		soon, later := now.Add(24*time.Hour), now.Add(20*24*time.Hour)
		figures := func(to time.Time) center.Figures {
			t.Helper()
			f, err := db.Store.CenterFigures(ctx, set, now.Add(-24*time.Hour), to, now, "")
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		before, beforeLater := figures(soon), figures(later)
		var students, volunteers []int64
		for i := range 4 {
			students = append(students, studentAccount(t, db, fmt.Sprintf("s%d@westlake.edu", i)))
		}
		for i := range 3 {
			volunteers = append(volunteers, volunteer(t, db, fmt.Sprintf("v%d@example.com", i),
				model.VolunteerProfile{DisplayName: fmt.Sprintf("V %d", i), MonthlyCapacity: 1 + 2*i}))
		}
		if _, err := db.Store.SendRequest(ctx, set, draftTo(students[0], volunteers[0], "Law"), nil, now); err != nil {
			t.Fatal(err)
		}
		joined := now.Add(10 * 24 * time.Hour).UTC().Format("2006-01-02T15:04:05.000000Z")
		for _, id := range []int64{students[1], volunteers[1]} {
			if err := store.ExecForTest(ctx, db.Store, `UPDATE accounts SET status = 'disabled' WHERE user_id = $1`, id); err != nil {
				t.Fatal(err)
			}
		}
		for _, id := range []int64{students[2], volunteers[2]} {
			if err := store.ExecForTest(ctx, db.Store, `UPDATE accounts SET created_at = $2 WHERE user_id = $1`, id, joined); err != nil {
				t.Fatal(err)
			}
		}
		type roster struct{ students, volunteers, never, capacity int }
		of := func(f center.Figures) roster {
			return roster{*f.Students, f.Volunteers, f.VolunteersNeverAsked, f.CapacityOffered}
		}
		months := func(to time.Time) int { return center.MonthsTouched(now.Add(-24*time.Hour), to, set.Location()) }
		b := of(before)
		// By the end of tomorrow: s0 and s3; v0 (capacity 1), asked.
		if got, want := of(figures(soon)), (roster{b.students + 2, b.volunteers + 1, b.never, b.capacity + 1*months(soon)}); got != want {
			t.Errorf("tomorrow: %+v, want %+v", got, want)
		}
		// Twenty days on, s2 and v2 (capacity 5, never asked) have joined.
		b = of(beforeLater)
		if got, want := of(figures(later)), (roster{b.students + 3, b.volunteers + 2, b.never + 1, b.capacity + 6*months(later)}); got != want {
			t.Errorf("in twenty days: %+v, want %+v", got, want)
		}
	})
}

// keptAndRowFigures reads the figures of a period twice, as JSON: from
// what is kept ahead (as the console does) and from the rows themselves.
func keptAndRowFigures(t *testing.T, st *store.Store, set center.Settings, from, to, at time.Time, by string) (kept, rows string) {
	t.Helper()
	ctx := context.Background()
	fast, err := st.CenterFigures(ctx, set, from, to, at, by)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := store.CenterFiguresFromRowsForTest(ctx, st, set, from, to, at, by)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(fast)
	b, _ := json.Marshal(slow)
	return string(a), string(b)
}
