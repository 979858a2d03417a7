package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/jobs"
	"github.com/ally-dev/ally/internal/model"
)

// centerFrom is the From address the script gives the center: the
// Message-IDs of its emails end in its domain.
const centerFrom = "Career Center <career@demo.westlake.edu>"

// sink is an SMTP server on a loopback port that keeps the Message-ID of
// every message it accepts.
type sink struct {
	port int
	mu   sync.Mutex
	ids  map[string]int // Message-ID → times received
	n    int
}

func startSink() (*sink, error) {
	k := &sink{ids: map[string]int{}}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{k: k}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 30*time.Second, 30*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	k.port = l.Addr().(*net.TCPAddr).Port
	go srv.Serve(l)
	return k, nil
}

type session struct{ k *sink }

func (s *session) Mail(string, *smtp.MailOptions) error { return nil }
func (s *session) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *session) Reset()                               {}
func (s *session) Logout() error                        { return nil }

func (s *session) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	id := strings.Trim(msg.Header.Get("Message-Id"), "<> ")
	if _, err := io.Copy(io.Discard, msg.Body); err != nil {
		return err
	}
	s.k.mu.Lock()
	s.k.ids[id]++
	s.k.n++
	s.k.mu.Unlock()
	return nil
}

// ticker runs `ally center tick`, as cron would beside the servers.
type ticker struct {
	bin, db string
	runs    atomic.Int64
	sent    atomic.Int64
	failed  atomic.Int64
}

func (t *ticker) once() {
	cmd := exec.Command(t.bin, "center", "tick", "--db", t.db, "--json")
	cmd.Env = os.Environ()
	out, err := cmd.Output()
	t.runs.Add(1)
	var rep jobs.Report
	if err != nil || json.Unmarshal(out, &rep) != nil {
		if t.failed.Add(1) <= 3 {
			fmt.Printf("ally center tick: %v %s\n", err, out)
		}
		return
	}
	t.sent.Add(int64(rep.Sent))
}

func (t *ticker) loop(ctx context.Context, every time.Duration) {
	for ctx.Err() == nil {
		t.once()
		select {
		case <-ctx.Done():
		case <-time.After(every):
		}
	}
}

// drain runs the jobs until no email of the load is due and unsent (at
// most a minute): what the load queued goes out. It reports whether all
// did.
func drain(ctx context.Context, db *sql.DB, t *ticker, firstEmail int64) bool {
	for range 60 {
		var due int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE id >= $1 AND sent_at IS NULL AND failed_at IS NULL AND due_at <= now()`,
			firstEmail).Scan(&due); err != nil {
			fmt.Printf("drain: %v\n", err)
			return false
		}
		if due == 0 {
			return true
		}
		t.once()
		time.Sleep(time.Second)
	}
	return false
}

// history is the log of every change to the requests, in the order the
// changes took the accounts' locks (a trigger's sequence, drawn inside the
// transaction that holds them), and the requests as they were before.
type history struct {
	firstRequest, firstEmail int64
	before                   []event
}

// event is a request as one change left it.
type event struct {
	id, student, volunteer int64
	state                  string
	created                time.Time
	accepted, meeting      sql.NullTime
}

const historySQL = `
CREATE TABLE IF NOT EXISTS loadcheck_events (
	seq BIGSERIAL PRIMARY KEY, request_id BIGINT NOT NULL, student_id BIGINT NOT NULL, volunteer_id BIGINT NOT NULL,
	state TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, accepted_at TIMESTAMPTZ, meeting_at TIMESTAMPTZ);
TRUNCATE loadcheck_events;
CREATE OR REPLACE FUNCTION loadcheck_log() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state OR NEW.meeting_at IS DISTINCT FROM OLD.meeting_at
		OR NEW.accepted_at IS DISTINCT FROM OLD.accepted_at THEN
		INSERT INTO loadcheck_events (request_id, student_id, volunteer_id, state, created_at, accepted_at, meeting_at)
		VALUES (NEW.id, NEW.student_id, NEW.volunteer_id, NEW.state, NEW.created_at, NEW.accepted_at, NEW.meeting_at);
	END IF;
	RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS loadcheck ON requests;
CREATE TRIGGER loadcheck AFTER INSERT OR UPDATE ON requests FOR EACH ROW EXECUTE FUNCTION loadcheck_log();`

// startHistory installs the trigger and reads the requests as they are,
// in one transaction: the trigger's lock on the table holds other writers
// until both are done, so each change is either in the snapshot or logged.
func startHistory(ctx context.Context, db *sql.DB) (*history, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, historySQL); err != nil {
		return nil, fmt.Errorf("install the history trigger: %w", err)
	}
	h := &history{}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM requests`).Scan(&h.firstRequest); err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM outbox`).Scan(&h.firstEmail); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, student_id, volunteer_id, state, created_at, accepted_at, meeting_at FROM requests ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e event
		if err := rows.Scan(&e.id, &e.student, &e.volunteer, &e.state, &e.created, &e.accepted, &e.meeting); err != nil {
			return nil, err
		}
		h.before = append(h.before, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return h, tx.Commit()
}

// dropHistory removes the trigger and its log.
func dropHistory(ctx context.Context, db *sql.DB) {
	if _, err := db.ExecContext(ctx, `DROP TRIGGER IF EXISTS loadcheck ON requests; DROP FUNCTION IF EXISTS loadcheck_log(); DROP TABLE IF EXISTS loadcheck_events`); err != nil {
		fmt.Printf("drop the history trigger: %v\n", err)
	}
}

// replay is the requests' counts as the history unfolds.
type replay struct {
	set  center.Settings
	loc  *time.Location
	vols map[int64]member // the load's volunteers: their capacity and pause

	reqs      map[int64]event
	byStudent map[int64]int            // open requests
	byPair    map[[2]int64]int         // open requests, per student and volunteer
	byVol     map[int64]int            // open requests
	used      map[int64]map[string]int // volunteer → month → requests using capacity

	maxStudent, maxPair, inserts, changes int
	// atLimit counts the changes that brought a limit to its edge (the
	// next request or acceptance must be refused): how hard each was tried.
	atLimit map[string]int
}

func newReplay(set center.Settings, vols []member, before []event) *replay {
	r := &replay{set: set, loc: set.Location(), vols: map[int64]member{}, reqs: map[int64]event{}, byStudent: map[int64]int{},
		byPair: map[[2]int64]int{}, byVol: map[int64]int{}, used: map[int64]map[string]int{}, atLimit: map[string]int{}}
	for _, v := range vols {
		r.vols[v.id] = v
	}
	for _, e := range before {
		r.reqs[e.id] = e
		r.apply(e, 1)
	}
	return r
}

func open(state string) bool { return state == "pending" || state == "more_info" }

// month is the month a request uses capacity in, "" for none: an accepted
// request counts in the month of its meeting, or while none is agreed in
// the month it was accepted; a no-show counts, a cancellation does not.
func (r *replay) month(e event) string {
	switch e.state {
	case "accepted", "held", "no_show":
	default:
		return ""
	}
	at := e.accepted.Time
	if e.meeting.Valid {
		at = e.meeting.Time
	}
	return at.In(r.loc).Format("2006-01")
}

func (r *replay) apply(e event, sign int) {
	if open(e.state) {
		r.byStudent[e.student] += sign
		r.byPair[[2]int64{e.student, e.volunteer}] += sign
		r.byVol[e.volunteer] += sign
	}
	if m := r.month(e); m != "" {
		if r.used[e.volunteer] == nil {
			r.used[e.volunteer] = map[string]int{}
		}
		r.used[e.volunteer][m] += sign
	}
}

// step replays one change and says which limit it exceeded ("": none):
// at a new request, the student's requests waiting, theirs with this
// volunteer, the volunteer's pause, capacity used this month and "full
// for now"; at an acceptance or a new time, the capacity of the month it
// counts in.
func (r *replay) step(e event) string {
	prev, known := r.reqs[e.id]
	v, ours := r.vols[e.volunteer]
	problem := ""
	if !known {
		r.inserts++
		m := e.created.In(r.loc).Format("2006-01")
		used := r.used[e.volunteer][m]
		switch {
		case r.byStudent[e.student] >= r.set.MaxPendingPerStudent:
			problem = fmt.Sprintf("request %d: student %d already had %d requests waiting (limit %d)", e.id, e.student, r.byStudent[e.student], r.set.MaxPendingPerStudent)
		case r.byPair[[2]int64{e.student, e.volunteer}] >= r.set.MaxPendingPerVolunteer:
			problem = fmt.Sprintf("request %d: student %d already waited on volunteer %d", e.id, e.student, e.volunteer)
		case ours && center.PausedOn(derefDate(v.paused), e.created, r.loc):
			problem = fmt.Sprintf("request %d: volunteer %d is paused", e.id, e.volunteer)
		case ours && used >= v.capacity:
			problem = fmt.Sprintf("request %d: volunteer %d had used %d of %d conversations in %s", e.id, e.volunteer, used, v.capacity, m)
		case ours && r.byVol[e.volunteer] >= r.set.FullFactor*max(0, v.capacity-used):
			problem = fmt.Sprintf("request %d: volunteer %d had %d waiting, full at %d × %d left", e.id, e.volunteer, r.byVol[e.volunteer], r.set.FullFactor, v.capacity-used)
		}
	} else {
		r.changes++
		r.apply(prev, -1)
	}
	r.apply(e, 1)
	r.reqs[e.id] = e
	if !known {
		m := e.created.In(r.loc).Format("2006-01")
		if r.byStudent[e.student] == r.set.MaxPendingPerStudent {
			r.atLimit["pending_limit"]++
		}
		if ours && r.byVol[e.volunteer] == r.set.FullFactor*max(0, v.capacity-r.used[e.volunteer][m]) {
			r.atLimit["full"]++
		}
	}
	if m := r.month(e); ours && m != "" && (!known || r.month(prev) != m) && r.used[e.volunteer][m] == v.capacity {
		r.atLimit["capacity"]++
	}
	r.maxStudent = max(r.maxStudent, r.byStudent[e.student])
	r.maxPair = max(r.maxPair, r.byPair[[2]int64{e.student, e.volunteer}])
	if m := r.month(e); problem == "" && m != "" && ours && (!known || r.month(prev) != m) && r.used[e.volunteer][m] > v.capacity {
		problem = fmt.Sprintf("request %d: volunteer %d now has %d conversations in %s, capacity %d", e.id, e.volunteer, r.used[e.volunteer][m], m, v.capacity)
	}
	return problem
}

// checkLimits replays the history (replay.step) and drops it.
func (h *history) checkLimits(ctx context.Context, db *sql.DB, set center.Settings, vols []member) (string, bool) {
	defer dropHistory(ctx, db)
	r := newReplay(set, vols, h.before)
	rows, err := db.QueryContext(ctx, `SELECT request_id, student_id, volunteer_id, state, created_at, accepted_at, meeting_at FROM loadcheck_events ORDER BY seq`)
	if err != nil {
		return "limits: " + err.Error(), false
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var e event
		if err := rows.Scan(&e.id, &e.student, &e.volunteer, &e.state, &e.created, &e.accepted, &e.meeting); err != nil {
			return "limits: " + err.Error(), false
		}
		if p := r.step(e); p != "" && len(bad) < 20 {
			bad = append(bad, p)
		}
	}
	if err := rows.Err(); err != nil {
		return "limits: " + err.Error(), false
	}
	msg := fmt.Sprintf("limits: %d requests created and %d changes replayed in lock order; most waiting per student %d (limit %d), per student and volunteer %d (limit %d); "+
		"brought to the edge: a student's limit %d times, a volunteer's month full %d times, \"full for now\" %d times",
		r.inserts, r.changes, r.maxStudent, set.MaxPendingPerStudent, r.maxPair, set.MaxPendingPerVolunteer,
		r.atLimit["pending_limit"], r.atLimit["capacity"], r.atLimit["full"])
	if len(bad) > 0 {
		return msg + "\n  EXCEEDED:\n  " + strings.Join(bad, "\n  "), false
	}
	return msg + "; none exceeded", true
}

func derefDate(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// checkRequests checks that every request answered 201 is in the
// database with its student, and counts those created without a 201 seen
// (possible only for a send whose answer was lost on the way).
func checkRequests(ctx context.Context, db *sql.DB, created *sync.Map, first int64, unanswered int64) (string, bool) {
	want := map[int64]int64{}
	created.Range(func(k, v any) bool { want[k.(int64)] = v.(int64); return true })
	rows, err := db.QueryContext(ctx, `SELECT id, student_id FROM requests WHERE id >= $1`, first)
	if err != nil {
		return "requests: " + err.Error(), false
	}
	defer rows.Close()
	inDB := map[int64]int64{}
	for rows.Next() {
		var id, student int64
		if err := rows.Scan(&id, &student); err != nil {
			return "requests: " + err.Error(), false
		}
		inDB[id] = student
	}
	lost, wrong := 0, 0
	for id, student := range want {
		got, ok := inDB[id]
		switch {
		case !ok:
			lost++
		case got != student:
			wrong++
		}
	}
	extra := len(inDB) - (len(want) - lost)
	msg := fmt.Sprintf("requests: %d answered 201, %d in the database; %d lost, %d with another student, %d without a 201 seen (%d sends had no answer)",
		len(want), len(inDB), lost, wrong, extra, unanswered)
	return msg, lost == 0 && wrong == 0 && int64(extra) <= unanswered
}

// checkEmails checks that each email of the load marked sent reached the
// sink exactly once, under its Message-ID, and that no Message-ID came
// twice.
func checkEmails(ctx context.Context, db *sql.DB, k *sink, first int64, drained bool) (string, bool) {
	rows, err := db.QueryContext(ctx, `SELECT id, created_at, sent_at IS NOT NULL, failed_at IS NOT NULL FROM outbox WHERE id >= $1`, first)
	if err != nil {
		return "emails: " + err.Error(), false
	}
	defer rows.Close()
	k.mu.Lock()
	defer k.mu.Unlock()
	var queued, sent, failed, waiting, missing int
	for rows.Next() {
		var m model.OutboxMessage
		var isSent, isFailed bool
		if err := rows.Scan(&m.ID, &m.CreatedAt, &isSent, &isFailed); err != nil {
			return "emails: " + err.Error(), false
		}
		queued++
		switch {
		case isSent:
			sent++
			if k.ids[jobs.MessageID(m, centerFrom)] != 1 {
				missing++
			}
		case isFailed:
			failed++
		default:
			waiting++
		}
	}
	twice := 0
	for _, n := range k.ids {
		if n > 1 {
			twice++
		}
	}
	msg := fmt.Sprintf("emails: %d queued by the load, %d sent, %d failed, %d waiting (due later: digests); the sink received %d messages, %d distinct; "+
		"%d sent but not received once; %d Message-IDs received twice or more; outbox drained: %v",
		queued, sent, failed, waiting, k.n, len(k.ids), missing, twice, drained)
	return msg, twice == 0 && missing == 0 && failed == 0 && drained
}
