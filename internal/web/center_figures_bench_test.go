package web

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/store"
)

// BenchmarkCenterFigures serves the advisors' figures page and the API's
// figures on the demo center with requests (ally demo --center ...
// --requests 500000), named by ALLY_BENCH_CENTER: one term of four months
// is to take under 300 ms, two years under 1 s.
func BenchmarkCenterFigures(b *testing.B) {
	s, st := benchCenterServer(b)
	ctx := context.Background()
	acct, found, err := st.AccountByEmail(ctx, "advisor@demo.westlake.edu")
	if err != nil || !found {
		b.Fatalf("the demo's advisor: %v %v", found, err)
	}
	token, err := s.signIn.sessions.Start(ctx, acct.ID)
	if err != nil {
		b.Fatal(err)
	}
	for _, path := range []string{
		"/center/figures?from=2026-08-24&to=2026-12-04",
		"/center/figures?from=2024-12-05&to=2026-12-04",
		"/api/v1/center/figures?from=2026-08-24&to=2026-12-04&by=field",
		"/api/v1/center/figures?from=2024-12-05&to=2026-12-04&by=month",
	} {
		b.Run(path, func(b *testing.B) {
			for b.Loop() {
				getAs(b, s, token, path)
			}
		})
	}
}

// benchCenterPlan opens the demo center of ALLY_BENCH_CENTER for a plan
// check, PostgreSQL's alone, with its rules.
func benchCenterPlan(b *testing.B) (*store.Store, center.Settings) {
	_, st := benchCenterServer(b)
	if st.Dialect() != store.Postgres {
		b.Skip("the plan is PostgreSQL's")
	}
	set, err := st.CenterRules(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return st, set
}

// BenchmarkCenterFiguresPlan checks on the demo center (PostgreSQL only)
// that counting one term's figures reads the requests through their time
// index, not by scanning them all: the plan is checked once, and the
// benchmark times the EXPLAIN.
func BenchmarkCenterFiguresPlan(b *testing.B) {
	st, set := benchCenterPlan(b)
	ctx := context.Background()
	from := time.Date(2026, 8, 24, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	plan, err := st.FiguresPlan(ctx, set, from, to, centerBenchNow)
	if err != nil {
		b.Fatal(err)
	}
	usesIndex := regexp.MustCompile(`(Index|Index Only|Bitmap Index) Scan (using|on) (requests_created|requests_figures|requests_reach)`)
	if !usesIndex.MatchString(plan) || regexp.MustCompile(`Seq Scan on requests`).MatchString(plan) {
		b.Fatalf("a term's figures do not read the requests through their time index:\n%s", plan)
	}
	b.Logf("a term's figures:\n%s", plan)
	for b.Loop() {
		if _, err := st.FiguresPlan(ctx, set, from, to, centerBenchNow); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCenterVolunteerCarePlan checks on the demo center (PostgreSQL
// only) that the volunteer list's period figures for the 50 volunteers of
// its first page are read from the volunteers' own index alone (an
// index-only scan of requests_volunteer_list), not from the period's
// requests of every volunteer: the plan is checked once, and the
// benchmark times the EXPLAIN.
func BenchmarkCenterVolunteerCarePlan(b *testing.B) {
	st, set := benchCenterPlan(b)
	ctx := context.Background()
	terms, err := st.Terms(ctx)
	if err != nil {
		b.Fatal(err)
	}
	p, err := center.ChoosePeriod(terms, "", "", "", centerBenchNow, set.Location())
	if err != nil {
		b.Fatal(err)
	}
	q := careQuery(set, p, centerBenchNow)
	plan, err := st.VolunteerCarePlan(ctx, set, q)
	if err != nil {
		b.Fatal(err)
	}
	if n := len(regexp.MustCompile(`Index Only Scan using requests_volunteer_list on requests`).FindAllString(plan, -1)); n != 2 ||
		regexp.MustCompile(`Seq Scan on requests|requests_created|Heap Scan on requests`).MatchString(plan) {
		b.Fatalf("the volunteers' figures are not read from their own index alone:\n%s", plan)
	}
	b.Logf("the volunteers' figures:\n%s", plan)
	for b.Loop() {
		if _, err := st.VolunteerCarePlan(ctx, set, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCenterStudentCarePlan checks on the demo center (PostgreSQL
// only) that the advisors' student lists, their counts and first pages,
// read what each student's requests came to (student_request_states)
// rather than the requests (the count of those who sent nothing still
// reads every student's role and row there), the expired list's page in
// the order of its own index: the plans are checked once, and the benchmark times the
// EXPLAINs.
func BenchmarkCenterStudentCarePlan(b *testing.B) {
	st, _ := benchCenterPlan(b)
	ctx := context.Background()
	for _, l := range []store.StudentList{store.StudentsSilent, store.StudentsExpired} {
		plan, err := st.StudentCarePlan(ctx, l)
		if err != nil {
			b.Fatal(err)
		}
		if regexp.MustCompile(`on requests\b`).MatchString(plan) ||
			(l == store.StudentsExpired && !regexp.MustCompile(`Index Scan using student_request_states_expired`).MatchString(plan)) {
			b.Fatalf("the %s students are not read from what their requests came to:\n%s", l, plan)
		}
		b.Logf("the %s students:\n%s", l, plan)
	}
	for b.Loop() {
		if _, err := st.StudentCarePlan(ctx, store.StudentsExpired); err != nil {
			b.Fatal(err)
		}
	}
}
