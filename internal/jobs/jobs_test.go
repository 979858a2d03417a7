package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	centerpkg "github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/jobs"
	"github.com/ally-dev/ally/internal/mailer"
	"github.com/ally-dev/ally/internal/mailer/mailtest"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

var now = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

// center makes db a center that sends through a new sink.
func center(t *testing.T, db *storetest.DB) *mailtest.Sink {
	t.Helper()
	ctx := context.Background()
	if _, err := db.Store.InitCenter(ctx, "Westlake Career Center", model.NewAccount{Email: "ada@westlake.edu", Name: "Ada Admin"}, now); err != nil {
		t.Fatal(err)
	}
	k := mailtest.Start(t)
	if err := db.Store.SetCenterSMTP(ctx, model.CenterSMTP{Host: k.Host, Port: k.Port, From: "Career Center <career@westlake.edu>", TLS: "none"}, false, model.CLIActor(), now); err != nil {
		t.Fatal(err)
	}
	return k
}

func queue(t *testing.T, st *store.Store, key, to string, due time.Time) {
	t.Helper()
	ok, err := st.Enqueue(context.Background(), model.Email{Kind: "test", To: to, Subject: "Hello " + key, Body: "Body of " + key, DueAt: due, DedupeKey: key}, now)
	if err != nil || !ok {
		t.Fatalf("queue %s: %v %v", key, ok, err)
	}
}

func run(t *testing.T, st *store.Store, at time.Time) jobs.Report {
	t.Helper()
	rep, err := (&jobs.Runner{Store: st}).RunDue(context.Background(), at)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func outbox(t *testing.T, st *store.Store) map[string]model.OutboxMessage {
	t.Helper()
	ms, err := st.Outbox(context.Background(), store.OutboxFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]model.OutboxMessage{}
	for _, m := range ms {
		out[strings.TrimPrefix(m.Subject, "Hello ")] = m
	}
	return out
}

// Four runners on two instances (two Stores on one database) run at once
// over forty due emails: the sink receives each exactly once.
func TestRunDueSendsEachEmailOnceAcrossInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		k := center(t, db)
		other := secondInstance(t, db)
		const n = 40
		for i := range n {
			queue(t, db.Store, fmt.Sprintf("m%02d", i), fmt.Sprintf("student%02d@westlake.edu", i), now.Add(-time.Minute))
		}
		queue(t, db.Store, "later", "later@westlake.edu", now.Add(time.Hour))
		var wg sync.WaitGroup
		reps := make([]jobs.Report, 4)
		errs := make([]error, 4)
		for i := range 4 {
			st := db.Store
			if i%2 == 1 {
				st = other
			}
			wg.Go(func() { reps[i], errs[i] = (&jobs.Runner{Store: st}).RunDue(context.Background(), now) })
		}
		wg.Wait()
		sent := 0
		for i := range 4 {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			sent += reps[i].Sent
		}
		got := map[string]int{}
		for _, m := range k.Received() {
			got[m.To[0]]++
		}
		if sent != n || len(k.Received()) != n || len(got) != n {
			t.Fatalf("runners say %d sent; the sink got %d messages for %d addresses, want %d each once", sent, len(k.Received()), len(got), n)
		}
		for to, c := range got {
			if c != 1 {
				t.Errorf("%s got %d copies", to, c)
			}
		}
		box := outbox(t, db.Store)
		if box["m07"].Status() != model.OutboxSent || box["m07"].Attempts != 1 || box["later"].Status() != model.OutboxWaiting {
			t.Fatalf("outbox after the run: %+v / %+v", box["m07"], box["later"])
		}
		if m, _ := db.Store.OutboxMessage(context.Background(), box["m07"].ID); m.Body != "" {
			t.Errorf("a sent message keeps its body %q: it may carry a one-time link", m.Body)
		}
		msg := k.To("student07@westlake.edu")[0]
		if msg.Subject() != "Hello m07" || !strings.Contains(msg.Body(), "Body of m07") || !strings.Contains(msg.Data, "career@westlake.edu") {
			t.Errorf("the email as sent: %q", msg.Data)
		}
		if rep := run(t, db.Store, now.Add(2*time.Hour)); rep.Sent != 1 || len(k.To("later@westlake.edu")) != 1 {
			t.Errorf("the later email at its time: %+v", rep)
		}
	})
}

// A runner that claimed a message and died leaves it held for the lease;
// then another run sends it: the crash lost nothing.
func TestAClaimHeldByADeadRunnerIsSentWhenItsLeaseEnds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		k := center(t, db)
		queue(t, db.Store, "orphan", "sam@westlake.edu", now)
		if ms, err := db.Store.ClaimDue(ctx, now, jobs.Lease, 10); err != nil || len(ms) != 1 {
			t.Fatalf("claim: %v %v", ms, err)
		} // …and the runner dies here.
		if rep := run(t, db.Store, now.Add(jobs.Lease-time.Second)); rep.Sent != 0 || len(k.Received()) != 0 {
			t.Fatalf("a message under another runner's lease was sent: %+v", rep)
		}
		if rep := run(t, db.Store, now.Add(jobs.Lease)); rep.Sent != 1 || len(k.Received()) != 1 {
			t.Fatalf("after the lease: %+v, %d received", rep, len(k.Received()))
		}
		if m := outbox(t, db.Store)["orphan"]; m.Attempts != 2 || m.Status() != model.OutboxSent {
			t.Fatalf("the orphan: %+v", m)
		}
	})
}

// A 4xx answer is tried again after the backoff; a 5xx answer fails the
// message for good, with the server's words kept for advisors.
func TestTemporaryFailuresRetryWithBackoffAndPermanentOnesFail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		k := center(t, db)
		k.Refuse("busy@westlake.edu", 451, 2)
		k.Refuse("gone@westlake.edu", 550, 0)
		queue(t, db.Store, "busy", "busy@westlake.edu", now)
		queue(t, db.Store, "gone", "gone@westlake.edu", now)
		if rep := run(t, db.Store, now); rep.Retrying != 1 || rep.Failed != 1 || rep.Sent != 0 {
			t.Fatalf("first run: %+v", rep)
		}
		box := outbox(t, db.Store)
		if g := box["gone"]; g.Status() != model.OutboxFailed || !strings.Contains(g.LastError, "550") {
			t.Fatalf("the refused message: %+v", g)
		}
		if b := box["busy"]; b.Status() != model.OutboxWaiting || !b.DueAt.Equal(now.Add(time.Minute)) || !strings.Contains(b.LastError, "451") {
			t.Fatalf("the deferred message: %+v", b)
		}
		if rep := run(t, db.Store, now.Add(59*time.Second)); rep.Sent+rep.Retrying != 0 {
			t.Fatalf("tried before its backoff: %+v", rep)
		}
		if rep := run(t, db.Store, now.Add(time.Minute)); rep.Retrying != 1 {
			t.Fatalf("second try: %+v", rep)
		}
		if b := outbox(t, db.Store)["busy"]; !b.DueAt.Equal(now.Add(6 * time.Minute)) {
			t.Fatalf("the second backoff: due %v, want 5 minutes after the second try", b.DueAt)
		}
		if rep := run(t, db.Store, now.Add(6*time.Minute)); rep.Sent != 1 || len(k.To("busy@westlake.edu")) != 1 {
			t.Fatalf("third try: %+v", rep)
		}
		if rep := run(t, db.Store, now.Add(48*time.Hour)); rep.Sent+rep.Failed+rep.Retrying != 0 || len(k.To("gone@westlake.edu")) != 0 {
			t.Fatalf("a failed or sent message was tried again: %+v", rep)
		}
		failed, err := db.Store.Outbox(context.Background(), store.OutboxFilter{Status: model.OutboxFailed})
		if err != nil || len(failed) != 1 || failed[0].To != "gone@westlake.edu" {
			t.Fatalf("the failed list: %+v %v", failed, err)
		}
	})
}

// idSender records the Message-ID of each try and fails while fail is set.
type idSender struct {
	ids  []string
	fail bool
}

func (s *idSender) Send(_ context.Context, m mailer.Message) error {
	s.ids = append(s.ids, m.ID)
	if s.fail {
		return errors.New("connection reset by the mail server")
	}
	return nil
}

// A message tried again keeps its Message-ID, so that one sent twice (sent,
// then the runner stopped before recording it) reads as one.
func TestAMessageKeepsItsMessageIDAtEveryTry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		center(t, db)
		queue(t, db.Store, "first", "sam@westlake.edu", now)
		queue(t, db.Store, "second", "kim@westlake.edu", now)
		s := &idSender{fail: true}
		r := &jobs.Runner{Store: db.Store, Sender: func(model.CenterSMTP, time.Time) (mailer.Sender, error) { return s, nil }}
		if rep, err := r.RunDue(context.Background(), now); err != nil || rep.Retrying != 2 {
			t.Fatalf("first try: %+v %v", rep, err)
		}
		s.fail = false
		if rep, err := r.RunDue(context.Background(), now.Add(time.Minute)); err != nil || rep.Sent != 2 {
			t.Fatalf("second try: %+v %v", rep, err)
		}
		box := outbox(t, db.Store)
		first := jobs.MessageID(box["first"], "Career Center <career@westlake.edu>")
		if len(s.ids) != 4 || !strings.HasSuffix(first, "@westlake.edu") || s.ids[0] == s.ids[1] ||
			!slices.Equal(slices.Sorted(slices.Values(s.ids[:2])), slices.Sorted(slices.Values(s.ids[2:]))) || !slices.Contains(s.ids, first) {
			t.Fatalf("the ids of two messages tried twice: %q (the first's: %q)", s.ids, first)
		}
	})
}

// A center whose address has a Unicode domain gets Message-IDs in
// ASCII: a Message-ID holds nothing else, and the mailer refuses one.
func TestMessageIDIsASCII(t *testing.T) {
	m := model.OutboxMessage{ID: 7, CreatedAt: now}
	for from, want := range map[string]string{
		"Career Center <career@westlake.edu>": "@westlake.edu",
		"Carrières <carrieres@université.fr>": "@xn--universit-j4a.fr",
		"career@[192.0.2.1]":                  "@[192.0.2.1]",
		"not an address":                      "@ally.invalid",
		"Career <career@exa\u00admple.org>":   "@example.org", // IDNA drops the soft hyphen
	} {
		id := jobs.MessageID(m, from)
		if !strings.HasSuffix(id, want) || !mailer.ValidMessageID(id) {
			t.Errorf("MessageID(%q) = %q, want it to end with %s", from, id, want)
		}
	}
}

func TestBackoffGrowsAndEnds(t *testing.T) {
	want := []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 4 * time.Hour}
	for i, w := range want {
		if got, ok := jobs.Backoff(i + 1); !ok || got != w {
			t.Errorf("Backoff(%d) = %v %v, want %v", i+1, got, ok, w)
		}
	}
	if _, ok := jobs.Backoff(jobs.MaxAttempts); ok {
		t.Errorf("a message tried %d times is tried again", jobs.MaxAttempts)
	}
}

// A message that fails for now on every try is failed after MaxAttempts.
func TestAMessageTriedTooOftenFails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		k := center(t, db)
		k.Refuse("busy@westlake.edu", 421, 0)
		queue(t, db.Store, "busy", "busy@westlake.edu", now)
		at := now
		for range jobs.MaxAttempts {
			run(t, db.Store, at)
			at = at.Add(5 * time.Hour)
		}
		if m := outbox(t, db.Store)["busy"]; m.Status() != model.OutboxFailed || m.Attempts != jobs.MaxAttempts {
			t.Fatalf("after %d tries: %+v", jobs.MaxAttempts, m)
		}
	})
}

// One logical email is queued once, and nothing is sent without a mail
// server: the messages wait.
func TestDedupeAndNoMailServer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		if _, err := db.Store.InitCenter(ctx, "Westlake Career Center", model.NewAccount{Email: "ada@westlake.edu", Name: "Ada Admin"}, now); err != nil {
			t.Fatal(err)
		}
		queue(t, db.Store, "once", "sam@westlake.edu", now)
		ok, err := db.Store.Enqueue(ctx, model.Email{Kind: "test", To: "sam@westlake.edu", Subject: "Again", Body: "x", DueAt: now, DedupeKey: "once"}, now)
		if err != nil || ok {
			t.Fatalf("the same dedupe key queued twice: %v %v", ok, err)
		}
		if _, err := db.Store.Enqueue(ctx, model.Email{Kind: "test", To: "not an address", Subject: "x", Body: "x", DueAt: now, DedupeKey: "bad"}, now); model.AsErrors(err) == nil {
			t.Fatalf("a bad address was queued: %v", err)
		}
		rep := run(t, db.Store, now)
		if !rep.NoServer || rep.Sent != 0 || !strings.Contains(rep.Problem, "no mail server") {
			t.Fatalf("without a mail server: %+v", rep)
		}
		if m := outbox(t, db.Store)["once"]; m.Attempts != 0 || m.Status() != model.OutboxWaiting {
			t.Fatalf("the message was touched: %+v", m)
		}
	})
}

// The loop runs at start and at each tick, with the clock's time, and
// stops with its context.
func TestLoopRunsAtEachTickUntilStopped(t *testing.T) {
	db := storetest.SQLite(t)
	k := center(t, db)
	queue(t, db.Store, "first", "a@westlake.edu", now)
	queue(t, db.Store, "second", "b@westlake.edu", now.Add(time.Minute))
	clock := &stepClock{t: now}
	tick := make(chan time.Time)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { (&jobs.Runner{Store: db.Store}).Loop(ctx, tick, clock); close(done) }()
	tick <- time.Time{} // the loop has run once when it takes the first tick
	if len(k.Received()) != 1 {
		t.Fatalf("after the first run: %d received", len(k.Received()))
	}
	clock.set(now.Add(time.Minute))
	tick <- time.Time{}
	tick <- time.Time{}
	if len(k.Received()) != 2 {
		t.Fatalf("after a minute: %d received", len(k.Received()))
	}
	cancel()
	<-done
}

type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *stepClock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

var _ method.Clock = (*stepClock)(nil)

// account adds an account with one role to the center.
func account(t *testing.T, st *store.Store, email string, role model.Role) int64 {
	t.Helper()
	a, err := st.AddAccount(context.Background(), model.NewAccount{Email: email, Name: "User " + email, Roles: []model.Role{role}}, model.CLIActor(), now)
	if err != nil {
		t.Fatal(err)
	}
	if role == model.RoleVolunteer {
		p := model.VolunteerProfile{AccountID: a.ID, DisplayName: "Volunteer " + email, MonthlyCapacity: 2}
		if err := st.SaveVolunteerProfile(context.Background(), &p, nil, now); err != nil {
			t.Fatal(err)
		}
	}
	return a.ID
}

// Two instances run the requests' timed work at once, twice over: each
// of 24 requests is reminded once at day 10 and expires once at day 14,
// whoever runs first, and a run before anything is due does nothing.
func TestRequestJobsRunOnceAcrossInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		center(t, db)
		other := secondInstance(t, db)
		set, err := db.Store.CenterRules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var volunteers []int64
		for v := range 4 {
			volunteers = append(volunteers, account(t, db.Store, fmt.Sprintf("v%d@example.com", v), model.RoleVolunteer))
		}
		var ids []int64
		for s := range 6 {
			student := account(t, db.Store, fmt.Sprintf("s%d@westlake.edu", s), model.RoleStudent)
			for _, v := range volunteers {
				r, err := db.Store.SendRequest(ctx, set, centerDraft(student, v), nil, now)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, r.ID)
			}
		}
		runAll := func(at time.Time) jobs.Report {
			var wg sync.WaitGroup
			reps := make([]jobs.Report, 4)
			errs := make([]error, 4)
			for i := range 4 {
				st := db.Store
				if i%2 == 1 {
					st = other
				}
				wg.Go(func() { reps[i], errs[i] = (&jobs.Runner{Store: st}).RunDue(ctx, at) })
			}
			wg.Wait()
			var sum jobs.Report
			for i := range 4 {
				if errs[i] != nil {
					t.Fatal(errs[i])
				}
				sum.Reminded, sum.Expired, sum.Prompted = sum.Reminded+reps[i].Reminded, sum.Expired+reps[i].Expired, sum.Prompted+reps[i].Prompted
			}
			return sum
		}
		if rep := runAll(now.Add(9 * 24 * time.Hour)); rep.Reminded+rep.Expired != 0 {
			t.Errorf("day 9: %+v", rep)
		}
		if rep := runAll(now.Add(10 * 24 * time.Hour)); rep.Reminded != len(ids) || rep.Expired != 0 {
			t.Errorf("day 10: %+v, want %d reminded", rep, len(ids))
		}
		if rep := runAll(now.Add(11 * 24 * time.Hour)); rep.Reminded+rep.Expired != 0 {
			t.Errorf("day 11, after the reminders: %+v", rep)
		}
		if rep := runAll(now.Add(14 * 24 * time.Hour)); rep.Expired != len(ids) || rep.Reminded != 0 {
			t.Errorf("day 14: %+v, want %d expired", rep, len(ids))
		}
		for _, id := range ids {
			r, err := db.Store.Request(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if r.State != centerpkg.StateExpired || !r.RemindedAt.Equal(now.Add(10*24*time.Hour)) {
				t.Errorf("request %d: %s, reminded %v", id, r.State, r.RemindedAt)
			}
		}
	})
}

func centerDraft(student, volunteer int64) centerpkg.Draft {
	return centerpkg.Draft{StudentID: student, VolunteerID: volunteer, Field: "Urban planning", Purpose: "how the work goes",
		Message: "Dear volunteer, I study planning at Westlake. Could I ask you about your work for 20 minutes, at your convenience?",
		Minutes: 20, Channel: "video"}
}

// secondInstance opens db again, as another `ally serve` would.
func secondInstance(t *testing.T, db *storetest.DB) *store.Store {
	t.Helper()
	var opts []store.Option
	if db.Name == "postgres" {
		opts = append(opts, store.WithSecretKey([]byte(storetest.PostgresSecretKey)))
	}
	other, err := store.Open(context.Background(), db.DSN, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// A volunteer whose address the server refuses for good (550) is marked
// bouncing and the advisors are told; nothing more goes to the address.
func TestAPermanentRefusalMarksTheAddressBouncing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		k := center(t, db)
		if _, err := db.Store.AddAccount(ctx, model.NewAccount{Email: "ada.advisor@westlake.edu", Name: "Ada Advisor", Roles: []model.Role{model.RoleAdvisor}}, model.CLIActor(), now); err != nil {
			t.Fatal(err)
		}
		set, err := db.Store.CenterRules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		v := account(t, db.Store, "gone@example.com", model.RoleVolunteer)
		s := account(t, db.Store, "s@westlake.edu", model.RoleStudent)
		k.Refuse("gone@example.com", 550, 10)
		if _, err := db.Store.SendRequest(ctx, set, centerDraft(s, v), nil, now); err != nil {
			t.Fatal(err)
		}
		// The advisors' emails (the center's first account is an advisor
		// too) are queued by the refusal and sent in the same run.
		if rep := run(t, db.Store, now); rep.Failed != 1 || rep.Sent != 2 || len(k.To("ada@westlake.edu")) != 1 || len(k.To("ada.advisor@westlake.edu")) != 1 ||
			!strings.Contains(k.To("ada.advisor@westlake.edu")[0].Body(), "gone@example.com") {
			t.Fatalf("the advisor is told: %+v, %d", rep, len(k.To("ada.advisor@westlake.edu")))
		}
		// A second request to the bouncing address queues no email.
		s2 := account(t, db.Store, "s2@westlake.edu", model.RoleStudent)
		if _, err := db.Store.SendRequest(ctx, set, centerDraft(s2, v), nil, now); err != nil {
			t.Fatal(err)
		}
		if rep := run(t, db.Store, now.Add(time.Minute)); rep.Sent+rep.Failed+rep.Retrying != 0 {
			t.Errorf("after the bounce: %+v", rep)
		}
	})
}

// The center's retention runs in the job runner, once a day across
// instances: 32 runners on two instances at once delete the texts of the
// closed requests past retention_days once, keep those of an accepted
// request, and the figures count the requests as before.
func TestRetentionRunsOnceADayAcrossInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		if _, err := db.Store.InitCenter(ctx, "Westlake Career Center", model.NewAccount{Email: "ada@westlake.edu", Name: "Ada Admin"}, now); err != nil {
			t.Fatal(err)
		}
		other := secondInstance(t, db)
		set, err := db.Store.CenterRules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		student := account(t, db.Store, "sam@westlake.edu", model.RoleStudent)
		var declined []int64
		var accepted int64
		for v := range 5 {
			vol := account(t, db.Store, fmt.Sprintf("v%d@example.com", v), model.RoleVolunteer)
			d := centerDraft(student, vol)
			d.Field = fmt.Sprintf("Field %d", v) // an acceptance withdraws the others of its field
			r, err := db.Store.SendRequest(ctx, set, d, nil, now)
			if err != nil {
				t.Fatal(err)
			}
			st := centerpkg.Step{Action: centerpkg.ActDecline, By: centerpkg.ActorVolunteer, At: now.Add(time.Hour), DeclineReason: centerpkg.DeclineNoTime}
			if v == 4 {
				st = centerpkg.Step{Action: centerpkg.ActAccept, By: centerpkg.ActorVolunteer, At: now.Add(time.Hour)}
				accepted = r.ID
			} else {
				declined = append(declined, r.ID)
			}
			if _, _, err := db.Store.StepRequest(ctx, set, r.ID, vol, st); err != nil {
				t.Fatal(err)
			}
		}
		runAll := func(at time.Time) (pruned, runs int) {
			t.Helper()
			var wg sync.WaitGroup
			reps := make([]jobs.Report, 32)
			errs := make([]error, 32)
			for i := range 32 {
				st := db.Store
				if i%2 == 1 {
					st = other
				}
				wg.Go(func() { reps[i], errs[i] = (&jobs.Runner{Store: st}).RunDue(ctx, at) })
			}
			wg.Wait()
			for i := range 32 {
				if errs[i] != nil {
					t.Fatal(errs[i])
				}
				pruned += reps[i].Pruned
				if reps[i].Pruned > 0 {
					runs++
				}
			}
			return pruned, runs
		}
		if pruned, _ := runAll(now.AddDate(0, 0, set.RetentionDays-1)); pruned != 0 {
			t.Errorf("a day before retention_days, %d requests pruned", pruned)
		}
		later := now.AddDate(0, 0, set.RetentionDays+1)
		if pruned, runs := runAll(later); pruned != len(declined) || runs != 1 {
			t.Errorf("after retention_days: %d pruned by %d runners, want %d by one", pruned, runs, len(declined))
		}
		if pruned, _ := runAll(later.Add(time.Hour)); pruned != 0 {
			t.Errorf("the same day again: %d pruned", pruned)
		}
		for _, id := range declined {
			r, err := db.Store.Request(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if r.Message != "" || r.Purpose != "" || r.State != centerpkg.StateDeclined || r.DeclineReason != centerpkg.DeclineNoTime {
				t.Errorf("declined request %d after retention: %+v", id, r)
			}
		}
		if r, err := db.Store.Request(ctx, accepted); err != nil || r.Message == "" {
			t.Errorf("the accepted request lost its message: %+v %v", r, err)
		}
		f, err := db.Store.CenterFigures(ctx, set, now.Add(-time.Hour), now.Add(time.Hour), later, "")
		if err != nil {
			t.Fatal(err)
		}
		if f.RequestsSent != 5 || f.Declined != 4 || f.Accepted != 1 {
			t.Errorf("figures after retention: sent %d, declined %d, accepted %d; want 5, 4, 1", f.RequestsSent, f.Declined, f.Accepted)
		}
	})
}

// Two instances run the jobs each minute of a morning: each volunteer who
// takes a digest gets one, at 8 in her zone, sent once.
func TestDigestsAreMadeAndSentOnceAcrossInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sink := center(t, db)
		other := secondInstance(t, db)
		set, err := db.Store.CenterRules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var volunteers []int64
		for v := range 3 {
			id := account(t, db.Store, fmt.Sprintf("v%d@example.com", v), model.RoleVolunteer)
			if err := db.Store.SetMailMode(ctx, id, model.MailDigest, now); err != nil {
				t.Fatal(err)
			}
			volunteers = append(volunteers, id)
		}
		student := account(t, db.Store, "s@westlake.edu", model.RoleStudent)
		for _, v := range volunteers {
			if _, err := db.Store.SendRequest(ctx, set, centerDraft(student, v), nil, now.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
		loc := set.Location()
		morning := time.Date(now.In(loc).Year(), now.In(loc).Month(), now.In(loc).Day()+1, 8, 0, 0, 0, loc)
		digests := 0
		for minute := -2; minute < 3; minute++ {
			at := morning.Add(time.Duration(minute) * time.Minute)
			var wg sync.WaitGroup
			reps := make([]jobs.Report, 2)
			errs := make([]error, 2)
			for i, st := range []*store.Store{db.Store, other} {
				wg.Go(func() { reps[i], errs[i] = (&jobs.Runner{Store: st}).RunDue(ctx, at) })
			}
			wg.Wait()
			for i := range 2 {
				if errs[i] != nil {
					t.Fatal(errs[i])
				}
				if minute < 0 && reps[i].Digests != 0 {
					t.Errorf("a digest before 8: %+v", reps[i])
				}
				digests += reps[i].Digests
			}
		}
		if digests != len(volunteers) {
			t.Errorf("digests made: %d, want %d", digests, len(volunteers))
		}
		got := map[string]int{}
		for _, m := range sink.Received() {
			if strings.HasPrefix(m.Subject(), "A new request from") {
				for _, to := range m.To {
					got[to]++
				}
			}
		}
		for v := range 3 {
			if to := fmt.Sprintf("v%d@example.com", v); got[to] != 1 {
				t.Errorf("digests received by %s: %d, want 1 (%v)", to, got[to], got)
			}
		}
	})
}

// Thirty-two runners on two instances at once over 25 due emails of
// several kinds, with the mail server's rate set to 10 a minute: 10 go
// out in that minute, whoever sends them, and the rest wait; a minute
// after the first claims, ten more may go, then the last five.
func TestTheMailServersRateHoldsAcrossRunnersAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		k := center(t, db)
		if err := db.Store.SetCenterSMTPRate(ctx, 10, model.CLIActor(), now); err != nil {
			t.Fatal(err)
		}
		other := secondInstance(t, db)
		kinds := []string{"invite", "request", "reminder", "digest", "test"}
		for i := range 25 {
			e := model.Email{Kind: kinds[i%len(kinds)], To: fmt.Sprintf("student%02d@westlake.edu", i), Subject: fmt.Sprintf("Hello m%02d", i),
				Body: "Body", DueAt: now.Add(-time.Duration(i) * time.Second), DedupeKey: fmt.Sprintf("m%02d", i)}
			if ok, err := db.Store.Enqueue(ctx, e, now); err != nil || !ok {
				t.Fatalf("queue %d: %v %v", i, ok, err)
			}
		}
		const runners = 32
		reps := make([]jobs.Report, runners)
		errs := make([]error, runners)
		var wg sync.WaitGroup
		for i := range runners {
			st := db.Store
			if i%2 == 1 {
				st = other
			}
			wg.Go(func() { reps[i], errs[i] = (&jobs.Runner{Store: st}).RunDue(ctx, now) })
		}
		wg.Wait()
		sent, held := 0, 0
		for i := range runners {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			sent += reps[i].Sent
			held = max(held, reps[i].Held)
		}
		if sent != 10 || len(k.Received()) != 10 {
			t.Fatalf("at 10 a minute, %d runners at once sent %d (the server got %d), want 10", runners, sent, len(k.Received()))
		}
		if held != 15 {
			t.Errorf("runners say %d emails wait for the rate, want 15", held)
		}
		// The oldest due go first.
		for _, m := range k.Received() {
			var n int
			if _, err := fmt.Sscanf(m.Subject(), "Hello m%d", &n); err != nil || n < 15 {
				t.Errorf("sent %q before older emails", m.Subject())
			}
		}
		if room, err := db.Store.OutboxRoom(ctx, now.Add(30*time.Second)); err != nil || room != 0 {
			t.Errorf("room half a minute later: %d %v, want 0", room, err)
		}
		if rep := run(t, other, now.Add(59*time.Second)); rep.Sent != 0 || rep.Held != 15 {
			t.Errorf("59 seconds later: %+v, want nothing sent and 15 held", rep)
		}
		if rep := run(t, db.Store, now.Add(time.Minute)); rep.Sent != 10 || rep.Held != 5 {
			t.Errorf("a minute later: %+v, want 10 sent and 5 held", rep)
		}
		if rep := run(t, other, now.Add(2*time.Minute)); rep.Sent != 5 || rep.Held != 0 {
			t.Errorf("two minutes later: %+v, want the last 5 sent", rep)
		}
		if got := len(k.Received()); got != 25 {
			t.Errorf("the server got %d emails in all, want 25", got)
		}
	})
}
