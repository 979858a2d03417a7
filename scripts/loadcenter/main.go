// Command loadcenter puts a read-mostly load on a demo career center served
// by one or more `ally serve` instances, the figure issue 9 asks for:
// 64 concurrent clients, 9 reads to 1 write, p99 under 50 ms. It is not
// part of the ally binary nor of scripts/test. Fill a center and serve it,
// twice on one database, then run it:
//
//	ally demo --center --students 100000 --volunteers 20000 --seed 1 --db "$DSN"
//	ally serve --db "$DSN" --addr 127.0.0.1:18090 &
//	ally serve --db "$DSN" --addr 127.0.0.1:18091 &
//	go run ./scripts/loadcenter -urls http://127.0.0.1:18090,http://127.0.0.1:18091
//
// Each client signs in as its own demo student (on one instance) and, the
// first time, loads the demo story into the student's space (POST /demo:
// a normal load of people, fields and conversations). Then each request
// goes to the next instance in turn, with the same session: nine reads
// (the agenda, the people list, a person, the conversations, the API's
// agenda, a directory search) to one write (a touch logged through the
// API, which also rebuilds the student's next actions). It runs for
// -duration or -max requests, whichever ends first, and prints the
// percentiles of each kind of request and of all. With -think each client
// pauses between requests; clients that start together then stay nearly in
// step, so their writes come in bursts, and -stagger starts each at another
// step of the ten. It only ever talks to loopback addresses.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ally-dev/ally/scripts/loadkit"
)

func main() {
	urls := flag.String("urls", "http://127.0.0.1:18090", "the instances' base URLs, comma-separated (loopback only)")
	clients := flag.Int("clients", 64, "concurrent clients, each its own student")
	first := flag.Int("first", 1, "the first student's number: clients sign in as student<first>… of the demo center")
	duration := flag.Duration("duration", 30*time.Second, "how long the load runs (at most 10 minutes)")
	maxReq := flag.Int64("max", 200000, "stop after this many requests in all")
	password := flag.String("password", "westlake demo center", "the demo accounts' password")
	warm := flag.Duration("warmup", 3*time.Second, "load before measuring, not counted")
	pids := flag.String("pids", "", "the instances' process ids, comma-separated: prints the CPU time they used per request, a figure the machine's other load changes less than latency")
	dbPids := flag.String("dbpids", "", "the database server's processes serving the instances (e.g. psql -tAc \"select string_agg(pid::text, ',') from pg_stat_activity where datname = 'DB'\"), comma-separated: prints their CPU time per request too")
	dbName := flag.String("dbname", "", "the PostgreSQL database the instances use: prints the CPU time per request of every server process serving it, found by its title (\"postgres: [CLUSTER: ]USER DB ...\") when the measure starts and ends, those opened meanwhile included (-dbpids lists them once, and misses the connections a pool opens later)")
	think := flag.Duration("think", 0, "each client's pause between two requests (0: none, the server saturated)")
	noDirectory := flag.Bool("no-directory", false, "leave the directory search (issue 10's) out of the reads: a person page instead")
	stagger := flag.Bool("stagger", false, "start client i at step i of the ten (reads and the write), so that the clients' writes do not all fall in the same moment, as people's would not (by default every client starts at the first read, and with a pause the clients stay nearly in step: a burst of 64 writes every ten requests)")
	flag.Parse()
	skipDirectory, thinkTime, staggered = *noDirectory, *think, *stagger
	if *duration > 10*time.Minute || *duration <= 0 {
		log.Fatal("-duration must be between 0 and 10m")
	}
	bases, err := loadkit.Bases(*urls)
	if err != nil {
		log.Fatal(err)
	}

	fmt.Printf("load before: %s\n", loadkit.Loadavg())
	ctx := context.Background()
	cs := make([]*client, *clients)
	var setup sync.WaitGroup
	setupErr := make(chan error, *clients)
	start := time.Now()
	// Sign-ins cost an argon2id hash each: a few at a time.
	gate := make(chan struct{}, 4)
	for i := range cs {
		setup.Add(1)
		go func() {
			defer setup.Done()
			gate <- struct{}{}
			defer func() { <-gate }()
			c, err := newClient(ctx, bases, i, fmt.Sprintf("student%d@demo.westlake.edu", *first+i), *password)
			if err != nil {
				setupErr <- err
				return
			}
			cs[i] = c
		}()
	}
	setup.Wait()
	close(setupErr)
	for err := range setupErr {
		log.Fatal(err)
	}
	fmt.Printf("%d clients signed in on %d instance(s), with the demo story each, in %s\n", len(cs), len(bases), time.Since(start).Round(time.Millisecond))

	// Warm up, then measure.
	run(ctx, cs, *warm, *maxReq, nil)
	rec := &recorder{byKind: map[string][]time.Duration{}}
	cpu0, db0 := cpuTicks(*pids), cpuTicksOf(*dbPids, true)
	named0 := backendTicks(*dbName)
	began := time.Now()
	total := run(ctx, cs, *duration, *maxReq, rec)
	took := time.Since(began)
	cpu1, db1 := cpuTicks(*pids), cpuTicksOf(*dbPids, true)
	named1 := backendTicks(*dbName)
	fmt.Printf("load after: %s\n", loadkit.Loadavg())
	fmt.Printf("%d requests in %s: %.0f a second; %d errors\n", total, took.Round(time.Millisecond), float64(total)/took.Seconds(), rec.errors.Load())
	if *pids != "" && total > 0 {
		// /proc counts in clock ticks of 10 ms (USER_HZ 100).
		fmt.Printf("the instances used %.2f s of CPU: %.2f ms a request\n", float64(cpu1-cpu0)/100, float64(cpu1-cpu0)*10/float64(total))
	}
	if *dbPids != "" && total > 0 {
		fmt.Printf("the database's processes used %.2f s of CPU: %.2f ms a request\n", float64(db1-db0)/100, float64(db1-db0)*10/float64(total))
	}
	if *dbName != "" && total > 0 {
		var used int64
		for pid, t := range named1 {
			used += t - named0[pid] // 0 for one opened during the measure
		}
		fmt.Printf("the database's %d processes serving %s used %.2f s of CPU: %.2f ms a request\n", len(named1), *dbName, float64(used)/100, float64(used)*10/float64(total))
	}
	rec.print()
}

// backendTicks is the CPU time, in clock ticks, of each PostgreSQL server
// process serving database db, by process id: those whose title is
// "postgres: [CLUSTER: ]USER DB ..." (nil for db ""). A process that ends between
// the two reads is not counted.
func backendTicks(db string) map[int64]int64 {
	if db == "" {
		return nil
	}
	out := map[int64]int64{}
	dirs, err := os.ReadDir("/proc")
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range dirs {
		var pid int64
		if _, err := fmt.Sscan(d.Name(), &pid); err != nil {
			continue
		}
		cmd, err := os.ReadFile("/proc/" + d.Name() + "/cmdline")
		if err != nil {
			continue
		}
		// "postgres: [CLUSTER: ]USER DB HOST(PORT) STATE"
		f := strings.Fields(strings.ReplaceAll(string(cmd), "\x00", " "))
		if len(f) > 1 && strings.HasSuffix(f[1], ":") {
			f = append(f[:1], f[2:]...)
		}
		if len(f) < 3 || f[0] != "postgres:" || f[2] != db {
			continue
		}
		if _, err := os.Stat("/proc/" + d.Name() + "/stat"); err == nil {
			out[pid] = cpuTicksOf(d.Name(), true)
		}
	}
	return out
}

// thinkTime is each client's pause between two requests.
var thinkTime time.Duration

// skipDirectory leaves the directory search out of the reads.
var skipDirectory bool

// cpuTicks adds up the user and system time of the processes listed, in
// clock ticks; 0 when none are.
func cpuTicks(pids string) int64 {
	return cpuTicksOf(pids, false)
}

// cpuTicksOf is cpuTicks; when gone is true a process that has ended is
// left out with a warning instead of stopping the run (a database
// connection may be closed during it: its time is then not counted).
func cpuTicksOf(pids string, gone bool) int64 {
	var sum int64
	for _, pid := range strings.Split(pids, ",") {
		pid = strings.TrimSpace(pid)
		if pid == "" {
			continue
		}
		b, err := os.ReadFile("/proc/" + pid + "/stat")
		if err != nil && gone {
			log.Printf("process %s left out: %v", pid, err)
			continue
		}
		if err != nil {
			log.Fatalf("process %s: %v", pid, err)
		}
		// The command name is in parentheses and may hold spaces.
		f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
		for _, i := range []int{11, 12} { // utime, stime: fields 14 and 15
			var n int64
			fmt.Sscan(f[i], &n)
			sum += n
		}
	}
	return sum
}

// client is one student with a session, sending to each instance in turn.
type client struct {
	http   *http.Client
	bases  []string
	next   int
	person string // a person of the student's, for the person page and the write
	n      int
}

// staggered says whether clients start at different steps (-stagger).
var staggered bool

// phase is the step client i starts at: 0, or i's place in the ten under
// -stagger.
func phase(i int) int {
	if staggered {
		return i % 10
	}
	return 0
}

var personLink = regexp.MustCompile(`href="/people/(\d+)"`)

func newClient(ctx context.Context, bases []string, i int, email, password string) (*client, error) {
	jar, _ := cookiejar.New(nil)
	c := &client{bases: bases, next: i % len(bases), n: phase(i), http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		Transport:     &http.Transport{MaxIdleConnsPerHost: 4},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	// The cookie is set for the instance signed in on; every instance is
	// sent it (they share the session, by the database).
	status, _, err := c.send(ctx, "POST", "/signin", url.Values{"email": {email}, "password": {password}, "next": {"/"}}, "")
	if err != nil || status != http.StatusSeeOther {
		return nil, fmt.Errorf("sign in as %s: %d %v", email, status, err)
	}
	if _, _, err := c.send(ctx, "POST", "/demo", url.Values{}, ""); err != nil {
		return nil, fmt.Errorf("demo story for %s: %w", email, err)
	}
	_, body, err := c.send(ctx, "GET", "/people", nil, "")
	if err != nil {
		return nil, err
	}
	m := personLink.FindStringSubmatch(body)
	if m == nil {
		return nil, fmt.Errorf("%s has no people after the demo story", email)
	}
	c.person = m[1]
	return c, nil
}

// send makes one request on the next instance, with the session cookie of
// the first.
func (c *client) send(ctx context.Context, method, path string, form url.Values, json string) (int, string, error) {
	base := c.bases[c.next]
	c.next = (c.next + 1) % len(c.bases)
	var body io.Reader
	switch {
	case form != nil:
		body = strings.NewReader(form.Encode())
	case json != "":
		body = strings.NewReader(json)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, body)
	if err != nil {
		return 0, "", err
	}
	switch {
	case form != nil:
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	case json != "":
		req.Header.Set("Content-Type", "application/json")
	}
	for _, b := range c.bases {
		if b != base {
			u, _ := url.Parse(b)
			for _, k := range c.http.Jar.Cookies(u) {
				req.AddCookie(k)
			}
		}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	// A cookie set by one instance is kept for every instance.
	for _, other := range c.bases {
		if other != base {
			u, _ := url.Parse(other)
			c.http.Jar.SetCookies(u, resp.Cookies())
		}
	}
	return resp.StatusCode, string(b), err
}

// step is the client's next request: nine reads, then a write.
func (c *client) step(ctx context.Context) (kind string, err error) {
	c.n++
	reads := []struct{ kind, path string }{
		{"agenda page", "/"},
		{"people page", "/people"},
		{"person page", "/people/" + c.person},
		{"agenda page", "/"},
		{"conversations", "/conversations"},
		{"api agenda", "/api/v1/agenda"},
		{"directory", "/directory?field=Public+policy"},
		{"agenda page", "/"},
		{"person page", "/people/" + c.person},
	}
	i := c.n % 10
	if i == 9 {
		status, body, err := c.send(ctx, "POST", "/api/v1/activities", nil,
			`{"person_id":`+c.person+`,"kind":"article_shared","note":"Sent the article we talked about."}`)
		if err == nil && status != http.StatusCreated {
			err = fmt.Errorf("write: %d %.200s", status, body)
		}
		return "write (api activity)", err
	}
	r := reads[i]
	if skipDirectory && r.kind == "directory" {
		r = reads[2]
	}
	status, body, err := c.send(ctx, "GET", r.path, nil, "")
	if err == nil && status != http.StatusOK {
		err = fmt.Errorf("%s: %d %.200s", r.path, status, body)
	}
	return r.kind, err
}

// run sends from every client until d has passed or max requests were
// sent, recording in rec (nil: not recorded).
func run(ctx context.Context, cs []*client, d time.Duration, max int64, rec *recorder) int64 {
	deadline := time.Now().Add(d)
	var sent atomic.Int64
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) && sent.Add(1) <= max {
				t0 := time.Now()
				kind, err := c.step(ctx)
				if rec != nil {
					rec.add(kind, time.Since(t0), err)
				}
				time.Sleep(thinkTime)
			}
		}()
	}
	wg.Wait()
	return min(sent.Load(), max)
}

type recorder struct {
	mu     sync.Mutex
	byKind map[string][]time.Duration
	errors atomic.Int64
	shown  atomic.Int64
}

func (r *recorder) add(kind string, d time.Duration, err error) {
	if err != nil {
		r.errors.Add(1)
		if r.shown.Add(1) <= 5 {
			log.Printf("error: %v", err)
		}
		return
	}
	r.mu.Lock()
	r.byKind[kind] = append(r.byKind[kind], d)
	r.mu.Unlock()
}

func (r *recorder) print() {
	var kinds []string
	var all []time.Duration
	for k, ds := range r.byKind {
		kinds = append(kinds, k)
		all = append(all, ds...)
	}
	slices.Sort(kinds)
	fmt.Printf("%-22s %7s %8s %8s %8s %8s\n", "request", "n", "p50", "p90", "p99", "max")
	for _, k := range kinds {
		line(k, r.byKind[k])
	}
	line("all", all)
}

func line(name string, ds []time.Duration) {
	slices.Sort(ds)
	if len(ds) == 0 {
		return
	}
	q := func(p float64) string {
		return fmt.Sprintf("%.1fms", float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Microseconds())/1000)
	}
	fmt.Printf("%-22s %7d %8s %8s %8s %8s\n", name, len(ds), q(0.50), q(0.90), q(0.99), q(1))
}
