package web

import (
	"context"
	"testing"
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
