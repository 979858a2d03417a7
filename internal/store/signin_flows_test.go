package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestSignInFlowIsUsedOnceAndKeepsItsVerifierSealed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		f := model.SignInFlow{Kind: model.FlowOIDC, KeyHash: "k1", BrowserHash: "b1", Nonce: "n1", Verifier: "pkce-verifier-1", Next: "/people", ExpiresAt: now.Add(10 * time.Minute)}
		if err := db.Store.CreateSignInFlow(ctx, f, now); err != nil {
			t.Fatal(err)
		}
		var stored string
		if err := rawDB(t, db).QueryRowContext(ctx, `SELECT verifier FROM signin_flows WHERE key_hash = 'k1'`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored == "" || strings.Contains(stored, "pkce-verifier-1") {
			t.Errorf("the verifier is kept as %q, want it sealed", stored)
		}
		if _, found, err := db.Store.ConsumeSignInFlow(ctx, model.FlowSAML, "k1"); err != nil || found {
			t.Errorf("an OIDC flow taken as SAML: found %v, %v", found, err)
		}
		got, found, err := db.Store.ConsumeSignInFlow(ctx, model.FlowOIDC, "k1")
		if err != nil || !found {
			t.Fatalf("take: found %v, %v", found, err)
		}
		if !got.ExpiresAt.Equal(f.ExpiresAt) {
			t.Errorf("expires %v, want %v", got.ExpiresAt, f.ExpiresAt)
		}
		got.ExpiresAt = f.ExpiresAt
		if got != f {
			t.Errorf("took %+v, want %+v", got, f)
		}
		if _, found, err := db.Store.ConsumeSignInFlow(ctx, model.FlowOIDC, "k1"); err != nil || found {
			t.Errorf("taken twice: found %v, %v", found, err)
		}
		if err := db.Store.CreateSignInFlow(ctx, model.SignInFlow{Kind: model.FlowSAML, KeyHash: "k2", BrowserHash: "b", Next: "/", ExpiresAt: now.Add(time.Minute)}, now); err != nil {
			t.Fatal(err)
		}
		if err := db.Store.CreateSignInFlow(ctx, model.SignInFlow{Kind: model.FlowSAML, KeyHash: "k2", BrowserHash: "b", Next: "/", ExpiresAt: now.Add(time.Minute)}, now); err == nil {
			t.Error("a second flow with the same key was kept")
		}
		// A new flow deletes those that expired.
		if err := db.Store.CreateSignInFlow(ctx, model.SignInFlow{Kind: model.FlowOIDC, KeyHash: "k3", BrowserHash: "b", Next: "/", ExpiresAt: now.Add(20 * time.Minute)}, now.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := rawDB(t, db).QueryRowContext(ctx, `SELECT COUNT(*) FROM signin_flows`).Scan(&n); err != nil || n != 1 {
			t.Errorf("%d flows left after the expired one was pruned (%v), want 1", n, err)
		}
	})
}

// Of 32 concurrent takes of one flow, on separate connections as on
// separate instances, exactly one gets it.
func TestSignInFlowRaceHasOneWinner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		if err := db.Store.CreateSignInFlow(ctx, model.SignInFlow{Kind: model.FlowOIDC, KeyHash: "race", BrowserHash: "b", Verifier: "v", Next: "/", ExpiresAt: now.Add(time.Minute)}, now); err != nil {
			t.Fatal(err)
		}
		won := make([]bool, racers)
		errs := race(func(i int) error {
			_, found, err := db.Store.ConsumeSignInFlow(ctx, model.FlowOIDC, "race")
			won[i] = found
			return err
		})
		winners := 0
		for i, err := range errs {
			if err != nil {
				t.Errorf("racer %d: %v", i, err)
			}
			if won[i] {
				winners++
			}
		}
		if winners != 1 {
			t.Errorf("%d racers took the flow, want exactly 1", winners)
		}
	})
}

// A newcomer's first sign-in through a provider in 32 tabs at once, on
// any instances: one account is made, and every tab is signed in to it.
func TestConcurrentFirstSignInsThroughAProviderMakeOneAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		if _, err := db.Store.InitCenter(ctx, "Westlake Career Center", model.NewAccount{Email: "ada@westlake.edu", Name: "Ada"}, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.UpdateCenter(ctx, "", []string{"westlake.edu"}, model.CLIActor(), now); err != nil {
			t.Fatal(err)
		}
		x := &auth.External{Store: db.Store, Audit: db.Store, Clock: method.FixedClock(now)}
		ids := make([]int64, racers)
		errs := race(func(i int) error {
			acct, err := x.SignIn(ctx, auth.Identity{Kind: model.FlowOIDC, Provider: "https://login.westlake.edu", Email: "nora@westlake.edu", EmailVerified: true, Name: "Nora"}, "192.0.2.1")
			ids[i] = acct.ID
			return err
		})
		for i, err := range errs {
			if err != nil || ids[i] == 0 || ids[i] != ids[0] {
				t.Errorf("tab %d: account %d, %v (tab 0: %d)", i, ids[i], err, ids[0])
			}
		}
		students, err := db.Store.Accounts(ctx, model.RoleStudent)
		if err != nil || len(students) != 1 {
			t.Fatalf("%d students after 32 first sign-ins, want 1 (%v)", len(students), err)
		}
	})
}

// A database that had 00009 before 00008 existed (as one made before the
// sign-in flows landed) gets 00008 when it is opened next.
func TestAnEarlierMigrationLandingLateIsApplied(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		raw := rawDB(t, db)
		for _, q := range []string{`DROP TABLE signin_flows`, `DELETE FROM goose_db_version WHERE version_id = 8`} {
			if _, err := raw.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		reopen(t, db)
		if err := db.Store.CreateSignInFlow(ctx, model.SignInFlow{Kind: model.FlowSAML, KeyHash: "late", BrowserHash: "b", Next: "/", ExpiresAt: now.Add(time.Minute)}, now); err != nil {
			t.Fatalf("00008 was not applied on reopening: %v", err)
		}
	})
}
