package store_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// waitingInvites lists the due times of the invitation emails waiting.
func waitingInvites(t *testing.T, st *store.Store) []time.Time {
	t.Helper()
	ms, err := st.Outbox(context.Background(), store.OutboxFilter{Status: model.OutboxWaiting, Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	var out []time.Time
	for _, m := range ms {
		if m.Kind == "invite" {
			out = append(out, m.DueAt)
		}
	}
	slices.SortFunc(out, time.Time.Compare)
	return out
}

func TestImportedAccountsAreInvitedAtTheMailServersRateAndAcceptByChoosingAPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		if err := db.Store.SetCenterSMTPRate(ctx, 2, cli, now); err != nil {
			t.Fatal(err)
		}
		if err := db.Store.SetCenterSMTPRate(ctx, 0, cli, now); err == nil {
			t.Error("a rate of 0 was taken")
		}
		res, err := importRoster(t, db.Store, "Email,Name\na@westlake.edu,Ann\nb@westlake.edu,Ben\nc@westlake.edu,Cai\n", store.RosterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		links := &auth.Links{Store: db.Store, Clock: method.FixedClock(now), BaseURL: "https://ally.westlake.edu", Rand: nil}
		rep, err := links.InviteAccounts(ctx, "Westlake", res.AccountIDs, cli, "Ada")
		if err != nil || rep.Invited != 3 || rep.Skipped != 0 {
			t.Fatalf("%+v %v", rep, err)
		}
		dues := waitingInvites(t, db.Store)
		want := []time.Time{now, now.Add(30 * time.Second), now.Add(time.Minute)}
		if !slices.EqualFunc(dues, want, time.Time.Equal) {
			t.Errorf("due at %v; want %v (2 a minute)", dues, want)
		}
		// Nobody without an open invitation is left to invite.
		if left, err := db.Store.UninvitedAccounts(ctx, "", now); err != nil || len(left) != 0 {
			t.Errorf("uninvited %v %v", left, err)
		}
		// A second bulk invitation goes out after the first.
		rep, err = links.InviteAccounts(ctx, "Westlake", res.AccountIDs[:1], cli, "Ada")
		if err != nil || !rep.FirstDue.Equal(now.Add(90*time.Second)) {
			t.Errorf("second bulk: %+v %v; want it due after the first", rep, err)
		}
		invs, err := db.Store.Invitations(ctx, 10)
		if err != nil || len(invs) != 3 {
			t.Fatalf("invitations %+v %v", invs, err)
		}
		// Accepting sets the imported account's password.
		var ann model.Link
		for _, l := range invs {
			if l.Email == "a@westlake.edu" {
				ann = l
			}
		}
		hash := ""
		ms, _ := db.Store.Outbox(ctx, store.OutboxFilter{Limit: 100})
		for _, m := range ms {
			if m.To == "a@westlake.edu" && m.DueAt.Equal(now.Add(90*time.Second)) {
				tok, ok := tokenIn(m.Body)
				if !ok {
					t.Fatalf("no link in %q", m.Body)
				}
				hash = auth.HashToken(tok)
			}
		}
		a, err := db.Store.AcceptInvite(ctx, hash, "Ann Avery", "hash:pw", now.Add(time.Hour))
		if err != nil || a.ID != ann.UserID || a.Name != "Ann Avery" || a.PasswordHash != "hash:pw" || !a.Has(model.RoleVolunteer) {
			t.Fatalf("accept: %+v %v", a, err)
		}
		if rep, err := links.InviteAccounts(ctx, "Westlake", res.AccountIDs, cli, "Ada"); err != nil || rep.Skipped != 1 || rep.Invited != 2 {
			t.Errorf("after Ann accepted: %+v %v; want her skipped", rep, err)
		}
	})
}

// tokenIn finds the invitation link's token in an email's text.
func tokenIn(body string) (string, bool) {
	const prefix = "/invite/"
	i := len(body)
	for j := 0; j+len(prefix) <= len(body); j++ {
		if body[j:j+len(prefix)] == prefix {
			i = j + len(prefix)
			break
		}
	}
	if i >= len(body) {
		return "", false
	}
	end := i
	for end < len(body) && body[end] != '\n' && body[end] != ' ' {
		end++
	}
	return body[i:end], true
}

// Bulk invitations at once never send two emails in the same slot: the
// rate holds across them.
func TestBulkInvitationsAtOnceKeepTheRate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		var csv = "Email,Name\n"
		for i := range 32 {
			csv += "p" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@westlake.edu,P\n"
		}
		res, err := importRoster(t, db.Store, csv, store.RosterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		links := &auth.Links{Store: db.Store, Clock: method.FixedClock(now), BaseURL: "https://ally.westlake.edu"}
		var wg sync.WaitGroup
		for _, id := range res.AccountIDs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := links.InviteAccounts(ctx, "Westlake", []int64{id}, cli, "Ada"); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		dues := waitingInvites(t, db.Store)
		if len(dues) != 32 {
			t.Fatalf("%d invitations waiting", len(dues))
		}
		for i := 1; i < len(dues); i++ {
			if gap := dues[i].Sub(dues[i-1]); gap != time.Second {
				t.Fatalf("emails %d and %d are %v apart; want 1 s at 60 a minute", i-1, i, gap)
			}
		}
	})
}
