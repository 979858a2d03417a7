package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// samsTraces are texts only Sam wrote or that name him: none may be left
// anywhere once his account is deleted.
var samsTraces = []string{"sam@westlake.edu", "Samuel Okafor", "Dayton Robotics Club", "Quinn Zhao", "Thank you, Dana, from Samuel",
	"what a day in architecture holds", "Samuel here"}

// privacyCenter is the figures' center with more of Sam in it: a name,
// a profile, a record of his own, feedback, a session, an API token, a
// failed sign-in and a request still waiting.
type privacyCenter struct {
	figuresCenter
	pending center.Request
	token   string // Sam's session's hash
}

func newPrivacyCenter(t *testing.T, db *storetest.DB) privacyCenter {
	t.Helper()
	ctx := context.Background()
	c := privacyCenter{figuresCenter: newFiguresCenter(t, db)}
	raw := rawDB(t, db)
	if _, err := raw.Exec(`UPDATE users SET name = 'Samuel Okafor' WHERE id = $1`, c.sam); err != nil {
		t.Fatal(err)
	}
	if err := db.Store.SaveStudentProfile(ctx, &model.StudentProfile{AccountID: c.sam, ClassYear: 2027, Majors: []string{"Economics"},
		Clubs: []string{"Dayton Robotics Club"}}, now); err != nil {
		t.Fatal(err)
	}
	mustPerson(t, db.Store.For(c.sam), &model.Person{Name: "Quinn Zhao", Notes: "met at the career fair"})
	if _, err := db.Store.GiveFeedback(ctx, c.held.ID, c.sam, center.Feedback{By: center.ActorStudent, Rating: 5,
		Note: "Thank you, Dana, from Samuel"}, now.Add(26*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store.GiveFeedback(ctx, c.held.ID, c.dana, center.Feedback{By: center.ActorVolunteer, Rating: 2,
		Note: "Came without questions"}, now.Add(26*time.Hour)); err != nil {
		t.Fatal(err)
	}
	c.token = "sams-session-hash"
	if err := db.Store.CreateSession(ctx, model.Session{TokenHash: c.token, UserID: c.sam, CreatedAt: now, LastSeenAt: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store.CreateAPIToken(ctx, "sam@westlake.edu", "Sam's script", "sams-token-hash", cli, now); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store.CountAttempt(ctx, []model.FailureHit{{Key: "account:sam@westlake.edu", WindowStart: now.Add(-time.Hour)}}, now); err != nil {
		t.Fatal(err)
	}
	// Farah has room in the month: a request of Sam's waits on her.
	d := draftTo(c.sam, c.farah, "Architecture")
	d.Purpose, d.Message = "what a day in architecture holds", "Dear Farah, Samuel here: could I ask you about your work for 20 minutes, at your convenience?"
	var err error
	if c.pending, err = db.Store.SendRequest(ctx, c.set, d, nil, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	return c
}

// figureCounts are the counts of the figures, by name.
func figureCounts(f center.Figures) map[string]int {
	return map[string]int{"requests_sent": f.RequestsSent, "answered": f.Answered, "accepted": f.Accepted, "declined": f.Declined,
		"expired": f.Expired, "withdrawn": f.Withdrawn, "held": f.Held, "no_shows": f.NoShows, "late_cancels": f.LateCancels,
		"thanked_in_time": f.ThankedInTime, "reported_back": f.ReportedBack, "stale": f.Stale, "students_helped": f.StudentsHelped,
		"volunteers_asked": f.VolunteersAsked, "volunteers_active": f.VolunteersActive, "students": count(f.Students),
		"volunteers": f.Volunteers, "volunteers_never_asked": f.VolunteersNeverAsked, "capacity_offered": f.CapacityOffered}
}

func TestDeletingAnAccountKeepsTheFiguresAndNothingOfThePerson(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newPrivacyCenter(t, db)
		from, to, judged := now.Add(-24*time.Hour), now.Add(30*24*time.Hour), now.Add(16*24*time.Hour)
		figures := func() center.Figures {
			t.Helper()
			f, err := db.Store.CenterFigures(ctx, c.set, from, to, judged, "")
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		// Hand-counted: the figures' center, and Sam's request to Farah,
		// waiting (its reminder went out on day 10, so it is stale on day 16).
		want := map[string]int{"requests_sent": 5, "answered": 4, "accepted": 2, "declined": 1, "expired": 1, "withdrawn": 0, "held": 1,
			"no_shows": 0, "late_cancels": 0, "thanked_in_time": 1, "reported_back": 1, "stale": 1, "students_helped": 1,
			"volunteers_asked": 3, "volunteers_active": 2, "students": 3, "volunteers": 3, "volunteers_never_asked": 0, "capacity_offered": 12}
		if got := figureCounts(figures()); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("before:\n got %v\nwant %v", got, want)
		}
		var before int
		if err := rawDB(t, db).QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&before); err != nil {
			t.Fatal(err)
		}

		gone, err := db.Store.DeleteAccount(ctx, c.set, c.sam, model.Actor{ID: c.sam, Name: "sam@westlake.edu"}, now.Add(2*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		// He took part in three requests; two were still open (his
		// acceptance from Eli with no time agreed, his request to Farah).
		if gone.Requests != 3 || gone.Cancelled != 2 || gone.Sessions != 1 {
			t.Errorf("deleted %+v, want 3 requests kept, 2 cancelled, 1 session ended", gone)
		}
		// Every request still counts. Two cancelled requests are no
		// longer stale; the roster has one student less.
		want["stale"], want["students"] = 0, 2
		if got := figureCounts(figures()); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("after:\n got %v\nwant %v", got, want)
		}

		for table, rows := range dumpTables(t, db) {
			for _, row := range rows {
				for _, trace := range samsTraces {
					if strings.Contains(strings.ToLower(row), strings.ToLower(trace)) {
						t.Errorf("%s still holds %q: %s", table, trace, row)
					}
				}
			}
		}
		if _, found, err := db.Store.SessionByHash(ctx, c.token); err != nil || found {
			t.Errorf("Sam's session: found %v, %v; want it gone", found, err)
		}
		if _, found, err := db.Store.AccountByEmail(ctx, "sam@westlake.edu"); err != nil || found {
			t.Errorf("Sam's account by email: found %v, %v", found, err)
		}
		if _, err := db.Store.Account(ctx, gone.Tombstone); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the tombstone as an account: %v, want not found", err)
		}
		as, err := db.Store.Accounts(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			if a.ID == gone.Tombstone || a.ID == c.sam {
				t.Errorf("the accounts list shows %+v", a)
			}
		}
		// Dana still reads the conversation she held, with a former member.
		item, err := db.Store.RequestFor(ctx, c.set, c.held.ID, c.dana, false)
		if err != nil {
			t.Fatal(err)
		}
		if item.State != center.StateHeld || item.Student.Name != store.DeletedName || item.Student.Email != "" || item.Detail.Message != "" {
			t.Errorf("Dana's view of the held request: %+v %+v", item, *item.Detail)
		}
		// Eli and Farah are told their requests were cancelled; nobody
		// writes to the tombstone.
		ms, err := db.Store.Outbox(ctx, store.OutboxFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		told := map[string]bool{}
		for _, m := range ms {
			if m.Kind == "request.cancelled" {
				told[m.To] = true
			}
		}
		if !told["eli@example.com"] || !told["farah@example.com"] || len(told) != 2 {
			t.Errorf("cancellations emailed to %v, want Eli and Farah", told)
		}
		// The audit log records the deletion under the tombstone's label.
		es, err := db.Store.AuditLog(ctx, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		label := store.TombstoneLabel(gone.Tombstone)
		if e := es[0]; e.Action != "user.delete" || e.Target != label || e.Actor != label || e.ActorID != 0 {
			t.Errorf("the last audit entry: %+v", e)
		}
		var after int
		if err := rawDB(t, db).QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&after); err != nil {
			t.Fatal(err)
		}
		if after != before+1 {
			t.Errorf("the audit log has %d entries, want the %d before and the deletion", after, before)
		}
		if _, err := db.Store.DeleteAccount(ctx, c.set, c.sam, cli, now.Add(3*time.Hour)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleting Sam again: %v, want not found", err)
		}
		// Nobody reaches the tombstone by its key, as if it were an email.
		if _, err := db.Store.SetStatus(ctx, fmt.Sprintf("deleted:%d", gone.Tombstone), model.StatusActive, cli, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("enabling the tombstone: %v, want not found", err)
		}
	})
}

func TestDeletingAVolunteerLeavesStudentsTheirOwnRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newPrivacyCenter(t, db)
		if _, err := db.Store.DeleteAccount(ctx, c.set, c.dana, cli, now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		// Dana is a person in Sam's own records since she accepted: his
		// address book is his, and keeps her. Nothing else does.
		personal := map[string]bool{"search_docs": true}
		for _, name := range store.ExportedTables() {
			personal[name] = true
		}
		for table, rows := range dumpTables(t, db) {
			for _, row := range rows {
				if strings.Contains(row, "Dana Brown") || strings.Contains(row, "dana@example.com") {
					if !personal[table] || !strings.Contains(row, fmt.Sprintf("owner_id=%d|", c.sam)) {
						t.Errorf("%s still holds Dana: %s", table, row)
					}
				}
			}
		}
		people, _, err := db.Store.For(c.sam).People(ctx, store.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		kept := false
		for _, p := range people {
			kept = kept || p.Name == "Dana Brown"
		}
		if !kept {
			t.Error("Sam's own record of Dana went with her account")
		}
		r, err := db.Store.Request(ctx, c.held.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.State != center.StateHeld || r.VolunteerID == c.dana {
			t.Errorf("the held request after Dana left: %+v", r)
		}
		// Sam's rating stays for the advisors' averages; its note goes.
		sum, err := db.Store.FeedbackSummary(ctx, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Usefulness.Count != 1 || sum.Preparedness.Count != 1 || len(sum.Words) != 0 {
			t.Errorf("feedback after Dana left: %+v", sum)
		}
	})
}

func TestTheLastAdvisorCannotBeDeleted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		admin, _, err := db.Store.AccountByEmail(ctx, "admin@westlake.edu")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.DeleteAccount(ctx, set, admin.ID, cli, now); !errors.Is(err, store.ErrLastAdvisor) {
			t.Fatalf("deleting the only advisor: %v, want ErrLastAdvisor", err)
		}
		if a, err := db.Store.Account(ctx, admin.ID); err != nil || !a.Active() {
			t.Errorf("the advisor after the refusal: %+v, %v", a, err)
		}
	})
}

// Of 32 advisors each deleting their own account at once, all but one
// go: the center always keeps an active advisor.
func TestAdvisorsDeletingThemselvesAtOnceLeaveOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		admin, _, err := db.Store.AccountByEmail(ctx, "admin@westlake.edu")
		if err != nil {
			t.Fatal(err)
		}
		ids := []int64{admin.ID}
		for i := range 31 {
			ids = append(ids, mustAccount(t, db, fmt.Sprintf("advisor%d@westlake.edu", i), model.RoleAdvisor).ID)
		}
		var wg sync.WaitGroup
		errs := make([]error, len(ids))
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = db.Store.DeleteAccount(ctx, set, id, model.Actor{ID: id, Name: "advisor"}, now)
			}()
		}
		wg.Wait()
		refused := 0
		for _, err := range errs {
			switch {
			case errors.Is(err, store.ErrLastAdvisor):
				refused++
			case err != nil:
				t.Errorf("delete: %v", err)
			}
		}
		left, err := db.Store.Accounts(ctx, model.RoleAdvisor)
		if err != nil {
			t.Fatal(err)
		}
		if refused != 1 || len(left) != 1 || !left[0].Active() {
			t.Errorf("%d refused, advisors left %v; want 1 refused and 1 active advisor", refused, left)
		}
	})
}

// accountDoc is what the tests read of an account export.
type accountDoc struct {
	Format   string `json:"format"`
	For      string `json:"for"`
	Account  struct{ Email, Name string }
	Student  *model.StudentProfile `json:"student_profile"`
	Requests []store.RequestItem   `json:"requests"`
	Feedback []struct {
		RequestID int64  `json:"request_id"`
		As        string `json:"as"`
		Rating    int    `json:"rating"`
		Note      string `json:"note"`
	} `json:"feedback_given"`
	Audit    []model.AuditEntry `json:"audit"`
	Personal *struct {
		Format string `json:"format"`
		People []struct {
			Name string `json:"name"`
		} `json:"people"`
	} `json:"personal"`
}

func TestAnAccountExportHoldsWhatItsReaderMaySee(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newPrivacyCenter(t, db)
		read := func(whose store.ExportFor) (accountDoc, string) {
			t.Helper()
			var buf bytes.Buffer
			if err := db.Store.ExportAccount(ctx, &buf, c.sam, whose, now); err != nil {
				t.Fatal(err)
			}
			var d accountDoc
			if err := json.Unmarshal(buf.Bytes(), &d); err != nil {
				t.Fatalf("the %s export is not JSON: %v\n%s", whose, err, buf.String())
			}
			return d, buf.String()
		}
		own, raw := read(store.ExportForUser)
		if own.Format != store.AccountExportFormat || own.For != "user" || own.Account.Email != "sam@westlake.edu" || own.Account.Name != "Samuel Okafor" {
			t.Errorf("Sam's export heads: %+v", own)
		}
		if own.Student == nil || own.Student.ClassYear != 2027 {
			t.Errorf("Sam's profile: %+v", own.Student)
		}
		if len(own.Requests) != 3 || own.Requests[0].Detail == nil || own.Requests[0].Detail.Message == "" {
			t.Errorf("Sam's requests with their words: %+v", own.Requests)
		}
		if len(own.Feedback) != 1 || own.Feedback[0].As != "student" || own.Feedback[0].Note != "Thank you, Dana, from Samuel" {
			t.Errorf("feedback Sam gave: %+v", own.Feedback)
		}
		// Dana's rating of Sam is the advisors', in aggregate only.
		if strings.Contains(raw, "Came without questions") {
			t.Error("Sam's export holds Dana's word about him")
		}
		if own.Personal == nil || own.Personal.Format != store.ExportFormat {
			t.Fatalf("Sam's personal export: %+v", own.Personal)
		}
		found := false
		for _, p := range own.Personal.People {
			found = found || p.Name == "Quinn Zhao"
		}
		if !found {
			t.Errorf("Sam's people in his export: %+v", own.Personal.People)
		}
		if len(own.Audit) == 0 || own.Audit[0].Action != "user.add" {
			t.Errorf("the audit entries about Sam: %+v", own.Audit)
		}

		theirs, raw := read(store.ExportForCenter)
		if theirs.For != "center" || theirs.Personal != nil || theirs.Feedback != nil {
			t.Errorf("the center's export holds personal records or feedback: %+v", theirs)
		}
		if len(theirs.Requests) != 3 || theirs.Requests[0].Detail == nil || theirs.Requests[0].Detail.Message != "" {
			t.Errorf("the center's export shows a request's words: %+v", theirs.Requests)
		}
		for _, private := range []string{"Quinn Zhao", "Thank you, Dana", "Dear Dana"} {
			if strings.Contains(raw, private) {
				t.Errorf("the center's export holds %q", private)
			}
		}
		if _, err := db.Store.DeleteAccount(ctx, c.set, c.sam, cli, now); err != nil {
			t.Fatal(err)
		}
		if err := db.Store.ExportAccount(ctx, &bytes.Buffer{}, c.sam, store.ExportForUser, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("exporting a deleted account: %v, want not found", err)
		}
	})
}

// A student sends requests from 31 tabs while their account is deleted:
// each request either lands before the deletion, and is then cancelled
// under the tombstone, or is refused; none is left open, and the figures
// count exactly the requests that landed.
func TestRequestsSentWhileTheAccountGoesAreCancelledOrRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		var vols []int64
		for i := range 6 {
			vols = append(vols, volunteer(t, db, fmt.Sprintf("v%d@example.com", i), model.VolunteerProfile{DisplayName: fmt.Sprintf("Volunteer %d", i), MonthlyCapacity: 2}))
		}
		var wg sync.WaitGroup
		sent := make([]bool, 31)
		var deleted store.DeletedAccount
		var delErr error
		for i := range 32 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if i == 31 {
					deleted, delErr = db.Store.DeleteAccount(ctx, set, sam, cli, now)
					return
				}
				_, err := db.Store.SendRequest(ctx, set, draftTo(sam, vols[i%len(vols)], fmt.Sprintf("Field %d", i)), nil, now)
				sent[i] = err == nil
			}()
		}
		wg.Wait()
		if delErr != nil {
			t.Fatal(delErr)
		}
		landed := 0
		for _, ok := range sent {
			if ok {
				landed++
			}
		}
		rs, err := db.Store.RequestsOf(ctx, deleted.Tombstone)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != landed || deleted.Requests != landed || deleted.Cancelled != landed {
			t.Errorf("%d requests landed; the tombstone has %d, the deletion kept %d and cancelled %d", landed, len(rs), deleted.Requests, deleted.Cancelled)
		}
		for _, r := range rs {
			if r.State != center.StateCancelled || r.Message != "" {
				t.Errorf("request %d after the deletion: %s, message %q", r.ID, r.State, r.Message)
			}
		}
		if left, err := db.Store.RequestsOf(ctx, sam); err != nil || len(left) != 0 {
			t.Errorf("requests still Sam's: %d, %v", len(left), err)
		}
		f, err := db.Store.CenterFigures(ctx, set, now.Add(-time.Hour), now.Add(time.Hour), now, "")
		if err != nil {
			t.Fatal(err)
		}
		if f.RequestsSent != landed {
			t.Errorf("figures count %d requests sent, want %d", f.RequestsSent, landed)
		}
	})
}
