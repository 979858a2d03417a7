// Command loadrequests is issue 10's load figure for a career center's
// requests: students sending and volunteers answering at once, through the
// HTTP API of two `ally serve` instances on one PostgreSQL, while a runner
// calls `ally center tick` so that the emails go out to an SMTP sink the
// script runs. At the end it checks, from the database, that no limit was
// ever exceeded, that no request was lost and that no email was sent twice,
// and prints the percentiles of each request endpoint. It is not part of
// the ally binary nor of scripts/test. On a fresh database:
//
//	export ALLY_SECRET_KEY="$(openssl rand -base64 32)"   # the instances and the script share it
//	DSN=postgres://postgres@127.0.0.1:5432/allyload?sslmode=disable
//	go build -o /tmp/ally ./cmd/ally
//	/tmp/ally demo --center --students 200 --volunteers 50 --seed 1 --db "$DSN"
//	/tmp/ally serve --db "$DSN" --addr 127.0.0.1:18090 &
//	/tmp/ally serve --db "$DSN" --addr 127.0.0.1:18091 &
//	go run ./scripts/loadrequests -db "$DSN" -ally /tmp/ally -urls http://127.0.0.1:18090,http://127.0.0.1:18091
//
// The setup step makes an API token for each student and volunteer (as
// `ally user token` does), points the center's mail server at the sink
// (`ally center set --smtp-host`), and installs on the requests table a
// trigger that logs every change of state in the order the changes took
// the accounts' locks: the history the limits are checked against (the
// trigger is dropped at the end). Then for -duration each student sends
// requests to random volunteers (a proposed time or none), lists theirs,
// and now and then withdraws one; each volunteer lists the requests waiting
// for them and accepts (at the proposed time) or declines them, and now
// and then cancels a conversation, which frees its slot. Every call goes to
// the next instance in turn. It only ever talks to loopback addresses.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/scripts/loadkit"
)

func main() {
	dsn := flag.String("db", "", "the center's PostgreSQL URL (the instances' --db)")
	allyBin := flag.String("ally", "ally", "the ally binary: it runs `ally center set` and `ally center tick`")
	urls := flag.String("urls", "http://127.0.0.1:18090,http://127.0.0.1:18091", "the instances' base URLs, comma-separated (loopback only)")
	nStudents := flag.Int("students", 200, "students sending requests")
	nVolunteers := flag.Int("volunteers", 50, "volunteers answering them")
	duration := flag.Duration("duration", 60*time.Second, "how long the load runs (at most 10 minutes)")
	think := flag.Duration("think", 200*time.Millisecond, "each client's mean pause between two calls")
	tick := flag.Duration("tick", time.Second, "how often the runner calls `ally center tick`")
	flag.Parse()
	if !strings.HasPrefix(*dsn, "postgres://") && !strings.HasPrefix(*dsn, "postgresql://") {
		log.Fatal("-db must be the center's postgres:// URL")
	}
	if *duration <= 0 || *duration > 10*time.Minute {
		log.Fatal("-duration must be between 0 and 10m")
	}
	bases, err := loadkit.Bases(*urls)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	cfg, err := config.Load(os.Getenv, *dsn, "")
	if err != nil {
		log.Fatal(err)
	}
	st, err := store.Open(ctx, cfg.DB, store.WithSecretKey(cfg.SecretKey))
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	db, err := sql.Open("pgx", cfg.DB)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	set, err := st.CenterRules(ctx)
	if err != nil {
		log.Fatal(err)
	}

	fmt.Printf("load before: %s\n", loadkit.Loadavg())
	students, vols, err := members(ctx, db, set, *nStudents, *nVolunteers)
	if err != nil {
		log.Fatal(err)
	}
	for _, ms := range [][]member{students, vols} {
		if err := tokens(ctx, st, ms); err != nil {
			log.Fatal(err)
		}
	}
	sink, err := startSink()
	if err != nil {
		log.Fatal(err)
	}
	if out, err := exec.Command(*allyBin, "center", "set", "--db", cfg.DB, "--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(sink.port),
		"--smtp-tls", "none", "--smtp-from", "Career Center <career@demo.westlake.edu>").CombinedOutput(); err != nil {
		log.Fatalf("ally center set: %v\n%s", err, out)
	}
	hist, err := startHistory(ctx, db)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d students and %d volunteers with tokens; the sink listens on port %d; %d requests and %d emails before\n",
		len(students), len(vols), sink.port, hist.firstRequest-1, hist.firstEmail-1)

	// The load, with the runner calling the jobs beside it.
	rec := &recorder{byKind: map[string][]time.Duration{}, statuses: map[string]map[string]int{}}
	httpc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 512}}
	runCtx, stop := context.WithTimeout(ctx, *duration)
	ticks := &ticker{bin: *allyBin, db: cfg.DB}
	var tickers sync.WaitGroup
	tickers.Add(1)
	go func() { defer tickers.Done(); ticks.loop(runCtx, *tick) }()
	created := &sync.Map{} // request id → its student's id, from each 201
	began := time.Now()
	var wg sync.WaitGroup
	for i, s := range students {
		c := &client{http: httpc, bases: bases, next: i % len(bases), acct: s, rec: rec, rng: rand.New(rand.NewPCG(uint64(i), 1)), think: *think}
		wg.Add(1)
		go func() { defer wg.Done(); c.studentLoop(runCtx, vols, created) }()
	}
	for i, v := range vols {
		c := &client{http: httpc, bases: bases, next: i % len(bases), acct: v, rec: rec, rng: rand.New(rand.NewPCG(uint64(i), 2)), think: *think}
		wg.Add(1)
		go func() { defer wg.Done(); c.volunteerLoop(runCtx) }()
	}
	wg.Wait()
	took := time.Since(began)
	stop()
	tickers.Wait()
	fmt.Printf("load after: %s\n", loadkit.Loadavg())
	fmt.Printf("%d calls in %s: %.0f a second; %d transport errors; `ally center tick` ran %d times during the load\n",
		rec.total.Load(), took.Round(time.Millisecond), float64(rec.total.Load())/took.Seconds(), rec.errors.Load(), ticks.runs.Load())

	// Let the runner send what the load queued, then check.
	drained := drain(ctx, db, ticks, hist.firstEmail)
	rec.print()
	ok := true
	for _, c := range []func() (string, bool){
		func() (string, bool) {
			return checkRequests(ctx, db, created, hist.firstRequest, rec.transportSends.Load())
		},
		func() (string, bool) { return hist.checkLimits(ctx, db, set, vols) },
		func() (string, bool) { return checkEmails(ctx, db, sink, hist.firstEmail, drained) },
	} {
		msg, good := c()
		fmt.Println(msg)
		ok = ok && good
	}
	if !ok {
		fmt.Println("FAILED")
		os.Exit(1)
	}
	fmt.Println("all checks passed")
}

// member is a student or a volunteer of the load, with their API token.
type member struct {
	id       int64
	email    string
	token    string
	field    string // a volunteer's first field
	channel  string // a volunteer's first channel
	capacity int    // a volunteer's monthly capacity
	paused   *time.Time
}

// members reads the first active students and volunteers of the center.
func members(ctx context.Context, db *sql.DB, set center.Settings, nStudents, nVolunteers int) (students, vols []member, err error) {
	rows, err := db.QueryContext(ctx, `SELECT u.id, u.email FROM users u
		JOIN accounts a ON a.user_id = u.id AND a.status = 'active'
		JOIN account_roles r ON r.user_id = u.id AND r.role = 'student'
		ORDER BY u.id LIMIT $1`, nStudents)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var m member
		if err := rows.Scan(&m.id, &m.email); err != nil {
			return nil, nil, err
		}
		students = append(students, m)
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT u.id, u.email, COALESCE(p.fields, ''), COALESCE(p.channels, ''), COALESCE(p.monthly_capacity, $2), p.paused_until
		FROM users u
		JOIN accounts a ON a.user_id = u.id AND a.status = 'active'
		JOIN account_roles r ON r.user_id = u.id AND r.role = 'volunteer'
		LEFT JOIN volunteer_profiles p ON p.account_id = u.id
		ORDER BY u.id LIMIT $1`, nVolunteers, set.DefaultMonthlyCapacity)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var m member
		var fields, channels string
		var paused sql.NullTime
		if err := rows.Scan(&m.id, &m.email, &fields, &channels, &m.capacity, &paused); err != nil {
			return nil, nil, err
		}
		m.field, _, _ = strings.Cut(strings.TrimSpace(fields), "\n")
		if m.field == "" {
			m.field = "Public policy"
		}
		m.channel, _, _ = strings.Cut(strings.TrimSpace(channels), "\n")
		if m.channel == "" {
			m.channel = string(model.ChannelVideo)
		}
		if paused.Valid {
			m.paused = &paused.Time
		}
		vols = append(vols, m)
	}
	if len(students) < nStudents || len(vols) < nVolunteers {
		return nil, nil, fmt.Errorf("the center has %d students and %d volunteers; fill it with ally demo --center --students %d --volunteers %d",
			len(students), len(vols), nStudents, nVolunteers)
	}
	return students, vols, rows.Err()
}

// tokens makes an API token for each member, as `ally user token` does,
// and keeps it in ms.
func tokens(ctx context.Context, st *store.Store, ms []member) error {
	var mu sync.Mutex
	byEmail := map[string]string{}
	var wg sync.WaitGroup
	errs := make(chan error, len(ms))
	gate := make(chan struct{}, 8)
	for _, m := range ms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gate <- struct{}{}
			defer func() { <-gate }()
			token, hash, err := auth.NewToken(nil, auth.APITokenPrefix)
			if err == nil {
				_, err = st.CreateAPIToken(ctx, m.email, "loadrequests", hash, model.CLIActor(), time.Now())
			}
			if err != nil {
				errs <- fmt.Errorf("token for %s: %w", m.email, err)
				return
			}
			mu.Lock()
			byEmail[m.email] = token
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	for i := range ms {
		ms[i].token = byEmail[ms[i].email]
	}
	return nil
}
