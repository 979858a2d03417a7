package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func linkMail(key string) model.Email {
	return model.Email{Kind: "test", To: "x@westlake.edu", Subject: "A link", Body: "Open it", DueAt: now, DedupeKey: key}
}

func invite(t *testing.T, db *storetest.DB, email, hash string, roles ...model.Role) model.Link {
	t.Helper()
	l, err := db.Store.Invite(context.Background(), model.Link{Email: email, Roles: roles, ExpiresAt: now.Add(7 * 24 * time.Hour)}, hash, linkMail("invite:"+hash), cli, now)
	if err != nil {
		t.Fatalf("invite %s: %v", email, err)
	}
	return l
}

// Of 32 concurrent uses of one invitation link, exactly one makes the
// account; the others are told the link was used.
func TestAnInvitationLinkWorksOnceUnderARace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		invite(t, db, "Vic@Westlake.edu", "h-vic", model.RoleVolunteer)
		errs := race(func(i int) error {
			_, err := db.Store.AcceptInvite(ctx, "h-vic", fmt.Sprintf("Vic %d", i), "hash", now.Add(time.Minute))
			return err
		})
		oneWins(t, "uses of one link", errs, store.ErrLinkUsed)
		acct, found, err := db.Store.AccountByEmail(ctx, "vic@westlake.edu")
		if err != nil || !found || !slices.Equal(acct.Roles, []model.Role{model.RoleVolunteer}) || acct.Email != "Vic@Westlake.edu" {
			t.Fatalf("the invited account: %+v %v %v", acct, found, err)
		}
		invs, err := db.Store.Invitations(ctx, 10)
		if err != nil || len(invs) != 1 || invs[0].State(now) != model.LinkUsed {
			t.Fatalf("the invitation after it was accepted: %+v %v", invs, err)
		}
	})
}

// Of 32 concurrent password resets with one link, exactly one sets the
// password; and the reset ends every session of the account.
func TestAResetLinkWorksOnceUnderARaceAndEndsTheSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		sam := mustAccount(t, db, "sam@westlake.edu", model.RoleStudent)
		if err := db.Store.CreateSession(ctx, model.Session{TokenHash: "s1", UserID: sam.ID, CreatedAt: now, LastSeenAt: now}); err != nil {
			t.Fatal(err)
		}
		found, err := db.Store.RequestReset(ctx, "SAM@westlake.edu", "h-reset", now.Add(time.Hour), linkMail("reset:1"), "192.0.2.1", now)
		if err != nil || !found {
			t.Fatalf("request reset: %v %v", found, err)
		}
		errs := race(func(i int) error {
			_, err := db.Store.ResetPassword(ctx, "h-reset", fmt.Sprintf("hash-%d", i), now.Add(time.Minute))
			return err
		})
		won := -1
		for i, err := range errs {
			switch {
			case err == nil && won >= 0:
				t.Fatalf("two resets won: %d and %d", won, i)
			case err == nil:
				won = i
			case !errors.Is(err, store.ErrLinkUsed):
				t.Errorf("a loser got %v", err)
			}
		}
		acct, err := db.Store.Account(ctx, sam.ID)
		if err != nil || won < 0 || acct.PasswordHash != fmt.Sprintf("hash-%d", won) {
			t.Fatalf("the password after the race: %q (winner %d) %v", acct.PasswordHash, won, err)
		}
		if _, ok, _ := db.Store.SessionByHash(ctx, "s1"); ok {
			t.Fatal("the reset left a session alive")
		}
	})
}

func TestLinksRefuseUnknownExpiredAndUsed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		mustAccount(t, db, "sam@westlake.edu", model.RoleStudent)
		if _, err := db.Store.RequestReset(ctx, "sam@westlake.edu", "h-r", now.Add(time.Hour), linkMail("reset:r"), "ip", now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.LinkByHash(ctx, "h-r", model.LinkReset, now.Add(59*time.Minute)); err != nil {
			t.Fatalf("an open link: %v", err)
		}
		for _, tc := range []struct {
			hash    string
			purpose model.LinkPurpose
			at      time.Time
			want    error
		}{
			{"h-forged", model.LinkReset, now, store.ErrLinkUnknown},
			{"h-r", model.LinkInvite, now, store.ErrLinkUnknown}, // a reset link is no invitation
			{"h-r", model.LinkReset, now.Add(time.Hour), store.ErrLinkExpired},
		} {
			if _, err := db.Store.LinkByHash(ctx, tc.hash, tc.purpose, tc.at); !errors.Is(err, tc.want) {
				t.Errorf("LinkByHash(%s, %s, %v) = %v, want %v", tc.hash, tc.purpose, tc.at, err, tc.want)
			}
			if tc.purpose != model.LinkReset {
				continue
			}
			if _, err := db.Store.ResetPassword(ctx, tc.hash, "x", tc.at); !errors.Is(err, tc.want) {
				t.Errorf("ResetPassword(%s, %v) = %v, want %v", tc.hash, tc.at, err, tc.want)
			}
		}
		if _, err := db.Store.ResetPassword(ctx, "h-r", "new", now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.ResetPassword(ctx, "h-r", "again", now.Add(2*time.Minute)); !errors.Is(err, store.ErrLinkUsed) {
			t.Fatalf("a used link: %v", err)
		}
		// No account: nothing is made and nothing queued, and the caller
		// is told so only in found.
		found, err := db.Store.RequestReset(ctx, "nobody@westlake.edu", "h-n", now.Add(time.Hour), linkMail("reset:n"), "ip", now)
		if err != nil || found {
			t.Fatalf("a reset for no account: %v %v", found, err)
		}
		if ms, _ := db.Store.Outbox(ctx, store.OutboxFilter{}); len(ms) != 1 {
			t.Fatalf("the outbox has %d messages, want the one reset", len(ms))
		}
	})
}

// A new invitation of the same email withdraws the older link; an
// invitation can be withdrawn; an email with an account is not invited.
func TestInvitationsResendExpireAndList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		mustAccount(t, db, "sam@westlake.edu", model.RoleStudent)
		first := invite(t, db, "kim@westlake.edu", "h-k1", model.RoleVolunteer)
		invite(t, db, "KIM@westlake.edu", "h-k2", model.RoleVolunteer)
		if _, err := db.Store.AcceptInvite(ctx, "h-k1", "Kim", "x", now); !errors.Is(err, store.ErrLinkExpired) {
			t.Fatalf("the withdrawn link: %v", err)
		}
		lee := invite(t, db, "lee@westlake.edu", "h-l", model.RoleStudent)
		if _, err := db.Store.ExpireInvite(ctx, lee.ID, cli, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.ExpireInvite(ctx, lee.ID, cli, now); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("expiring twice: %v", err)
		}
		if _, err := db.Store.ExpireInvite(ctx, 987654, cli, now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("expiring nothing: %v", err)
		}
		if _, err := db.Store.AcceptInvite(ctx, "h-l", "Lee", "x", now); !errors.Is(err, store.ErrLinkExpired) {
			t.Fatalf("the expired invitation: %v", err)
		}
		_, err := db.Store.Invite(ctx, model.Link{Email: "Sam@westlake.edu", Roles: []model.Role{model.RoleStudent}, ExpiresAt: now.Add(time.Hour)}, "h-s", linkMail("s"), cli, now)
		if es := model.AsErrors(err); len(es) != 1 || es[0].Field != "email" {
			t.Fatalf("inviting an account: %v", err)
		}
		if _, err := db.Store.AcceptInvite(ctx, "h-k2", " ", "x", now); model.AsErrors(err) == nil {
			t.Fatalf("an empty name: %v", err)
		}
		invs, err := db.Store.Invitations(ctx, 10)
		if err != nil || len(invs) != 2 || invs[0].Email != "lee@westlake.edu" || invs[0].State(now) != model.LinkExpired ||
			invs[1].Email != "KIM@westlake.edu" || invs[1].State(now) != model.LinkOpen || invs[1].ID == first.ID {
			t.Fatalf("invitations: %+v %v", invs, err)
		}
		if got := auditActions(t, db.Store); !slices.Contains(got, "user.invite.expire") || !slices.Contains(got, "user.invite") {
			t.Fatalf("audit: %v", got)
		}
	})
}

// A sign-up link makes a student account, unless the center stopped
// taking its domain since; an email with an account gets no link.
func TestSignupLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		mustAccount(t, db, "sam@westlake.edu", model.RoleStudent)
		if _, err := db.Store.UpdateCenter(ctx, "", []string{"westlake.edu"}, cli, now); err != nil {
			t.Fatal(err)
		}
		exists := linkMail("exists")
		if err := db.Store.RequestSignup(ctx, "sam@westlake.edu", "h-sam", now.Add(time.Hour), linkMail("su:sam"), exists, "ip", now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.LinkByHash(ctx, "h-sam", model.LinkSignup, now); !errors.Is(err, store.ErrLinkUnknown) {
			t.Fatalf("an email with an account got a link: %v", err)
		}
		for _, h := range []string{"h-ana", "h-bo"} {
			if err := db.Store.RequestSignup(ctx, h[2:]+"@westlake.edu", h, now.Add(time.Hour), linkMail("su:"+h), exists, "ip", now); err != nil {
				t.Fatal(err)
			}
		}
		acct, err := db.Store.CompleteSignup(ctx, "h-ana", "Ana Ruiz", "hash", now)
		if err != nil || !slices.Equal(acct.Roles, []model.Role{model.RoleStudent}) || acct.Name != "Ana Ruiz" {
			t.Fatalf("sign-up: %+v %v", acct, err)
		}
		if _, err := db.Store.UpdateCenter(ctx, "", []string{}, cli, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.CompleteSignup(ctx, "h-bo", "Bo", "hash", now); !errors.Is(err, store.ErrLinkExpired) {
			t.Fatalf("a sign-up after the domain was turned off: %v", err)
		}
		if ms, _ := db.Store.Outbox(ctx, store.OutboxFilter{}); len(ms) != 3 {
			t.Fatalf("the outbox has %d messages, want 3", len(ms))
		}
	})
}

// The advisors' list pages by email, filters by role and finds a part of
// a name or email in any case, taking % and _ as themselves.
func TestAccountPageFiltersSearchesAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		for i := range 7 {
			mustAccount(t, db, fmt.Sprintf("student%d@westlake.edu", i), model.RoleStudent)
		}
		mustAccount(t, db, "vic_100%@westlake.edu", model.RoleVolunteer, model.RoleStudent)
		as, total, err := db.Store.AccountPage(ctx, store.AccountQuery{Role: model.RoleStudent, Limit: 3, Offset: 3})
		if err != nil || total != 8 || len(as) != 3 || as[0].Email != "student3@westlake.edu" {
			t.Fatalf("page 2 of the students: %d %v %v", total, emails(as), err)
		}
		as, total, _ = db.Store.AccountPage(ctx, store.AccountQuery{Role: model.RoleStudent, Limit: 3, Offset: 6})
		if total != 8 || len(as) != 2 || as[1].Email != "vic_100%@westlake.edu" || len(as[1].Roles) != 2 {
			t.Fatalf("the last page: %v %+v", emails(as), as)
		}
		for q, want := range map[string]int{"USER STUDENT": 7, "_100%": 1, "%": 1, "_": 1, "nobody": 0, "admin@": 1} {
			if _, total, err := db.Store.AccountPage(ctx, store.AccountQuery{Search: q}); err != nil || total != want {
				t.Errorf("search %q: %d, want %d (%v)", q, total, want, err)
			}
		}
	})
}

func emails(as []model.Account) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Email)
	}
	return out
}
