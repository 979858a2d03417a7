package auth_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// A newcomer's first sign-in in 32 tabs at once, on any instances: one
// account is made, and every tab is signed in to it.
func TestConcurrentFirstSignInsMakeOneAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		if _, err := db.Store.InitCenter(ctx, "Westlake Career Center", model.NewAccount{Email: "ada@westlake.edu", Name: "Ada"}, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.UpdateCenter(ctx, "", []string{"westlake.edu"}, model.CLIActor(), now); err != nil {
			t.Fatal(err)
		}
		x := &auth.External{Store: db.Store, Audit: db.Store, Clock: method.FixedClock(now)}
		const racers = 32
		ids := make([]int64, racers)
		errs := make([]error, racers)
		var start, done sync.WaitGroup
		start.Add(1)
		for i := range racers {
			done.Add(1)
			go func() {
				defer done.Done()
				start.Wait()
				acct, err := x.SignIn(ctx, auth.Identity{Kind: model.FlowOIDC, Provider: "https://login.westlake.edu", Email: "nora@westlake.edu", EmailVerified: true, Name: "Nora"}, "192.0.2.1")
				ids[i], errs[i] = acct.ID, err
			}()
		}
		start.Done()
		done.Wait()
		for i := range racers {
			if errs[i] != nil || ids[i] == 0 || ids[i] != ids[0] {
				t.Errorf("tab %d: account %d, %v (tab 0: %d)", i, ids[i], errs[i], ids[0])
			}
		}
		students, err := db.Store.Accounts(ctx, model.RoleStudent)
		if err != nil || len(students) != 1 {
			t.Fatalf("%d students after 32 first sign-ins, want 1 (%v)", len(students), err)
		}
	})
}
