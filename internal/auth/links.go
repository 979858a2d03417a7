package auth

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// LinkPrefix starts the token of every one-time link.
const LinkPrefix = "allyl_"

// LinkTTL is how long a link of purpose works: an invitation a week, a
// sign-up's email check a day, a password reset an hour.
func LinkTTL(p model.LinkPurpose) time.Duration {
	switch p {
	case model.LinkInvite:
		return 7 * 24 * time.Hour
	case model.LinkSignup:
		return 24 * time.Hour
	}
	return time.Hour
}

// MailPerEmail limits the emails one address can be sent by asking (a
// reset, a sign-up link): a few in a window, so that nobody can flood a
// mailbox through Ally.
func MailPerEmail() Rule { return Rule{Limit: 3, Window: 15 * time.Minute} }

// MailPerAddress limits the asking from one client address, looser, as a
// campus puts many people behind one.
func MailPerAddress() Rule { return Rule{Limit: 30, Window: 15 * time.Minute} }

// LinkStore keeps the links and queues their emails, each in one
// transaction with what it does.
type LinkStore interface {
	Counters
	RequestReset(ctx context.Context, email, hash string, expires time.Time, mail model.Email, address string, now time.Time) (bool, error)
	RequestSignup(ctx context.Context, email, hash string, expires time.Time, mail, exists model.Email, address string, now time.Time) error
	Invite(ctx context.Context, l model.Link, hash string, mail model.Email, by model.Actor, now time.Time) (model.Link, error)
	InviteAccounts(ctx context.Context, ids []int64, compose store.ComposeInvite, by model.Actor, now time.Time) (store.InviteReport, error)
}

// Links makes one-time links and queues the emails that carry them. Every
// link it writes is absolute, from BaseURL.
type Links struct {
	Store   LinkStore
	Clock   method.Clock
	BaseURL string
	Rand    io.Reader // nil means crypto/rand
}

// URL is the address a link's token opens.
func (l *Links) URL(p model.LinkPurpose, token string) string {
	return strings.TrimRight(l.BaseURL, "/") + "/" + string(p) + "/" + token
}

// throttle counts one asking for email from address and returns how long
// it must wait (zero: go ahead).
func (l *Links) throttle(ctx context.Context, what, email, address string, now time.Time) error {
	wait, err := countHits(ctx, l.Store, now, []limitedKey{
		{what + ":email:" + model.EmailKey(email), MailPerEmail()},
		{what + ":address:" + address, MailPerAddress()},
	})
	if err != nil {
		return err
	}
	if wait > 0 {
		return &LimitedError{Wait: wait, What: "Too many requests for this email or from this network"}
	}
	return nil
}

func (l *Links) newLink(p model.LinkPurpose, now time.Time) (token, hash, url string, expires time.Time, err error) {
	token, hash, err = NewToken(l.Rand, LinkPrefix)
	return token, hash, l.URL(p, token), now.Add(LinkTTL(p)), err
}

// RequestReset queues a password-reset link for email if it has an
// active account, and nothing otherwise; the caller answers the same
// either way. It is limited per email and per client address.
func (l *Links) RequestReset(ctx context.Context, center, email, address string) error {
	now := l.Clock.Now()
	if err := l.throttle(ctx, "reset", email, address, now); err != nil {
		return err
	}
	_, hash, url, expires, err := l.newLink(model.LinkReset, now)
	if err != nil {
		return err
	}
	mail := model.Email{Kind: "reset", To: email, DueAt: now, DedupeKey: "reset:" + hash,
		Subject: "Choose a new password for " + center,
		Body: "Hello,\n\nSomeone, we hope you, asked to reset the password of your account at " + center + ". " +
			"Open this link within the hour to choose a new one:\n\n" + url + "\n\n" +
			"The link works once. Choosing a new password signs you out everywhere.\n\n" +
			"If you did not ask, you can ignore this email: your password stays as it is.\n"}
	_, err = l.Store.RequestReset(ctx, email, hash, expires, mail, address, now)
	return err
}

// RequestSignup queues a link that lets email make a student account (or,
// when it has one, an email saying so). Whether the email's domain may
// sign up is the caller's to check first. It is limited like resets.
func (l *Links) RequestSignup(ctx context.Context, center, email, address string) error {
	now := l.Clock.Now()
	if err := l.throttle(ctx, "signup", email, address, now); err != nil {
		return err
	}
	_, hash, url, expires, err := l.newLink(model.LinkSignup, now)
	if err != nil {
		return err
	}
	mail := model.Email{Kind: "signup", DueAt: now, DedupeKey: "signup:" + hash,
		Subject: "Finish signing up for " + center,
		Body: "Hello,\n\nThank you for signing up for " + center + " on Ally. " +
			"Open this link within a day to choose your name and password:\n\n" + url + "\n\n" +
			"If it was not you, you can ignore this email: no account is made without the link.\n"}
	exists := model.Email{Kind: "signup-exists", DueAt: now, DedupeKey: "signup-exists:" + hash,
		Subject: "You already have an account at " + center,
		Body: "Hello,\n\nSomeone, we hope you, asked to sign up for " + center + " with this email, which already has an account. " +
			"Sign in at " + strings.TrimRight(l.BaseURL, "/") + "/signin, or if you have forgotten your password, choose a new one at:\n\n" +
			strings.TrimRight(l.BaseURL, "/") + "/signin/forgot\n\nIf it was not you, you can ignore this email.\n"}
	return l.Store.RequestSignup(ctx, email, hash, expires, mail, exists, address, now)
}

// Invite queues an invitation for inv.Email with inv.Roles, sent by
// inviter; an older open invitation of the same email stops working.
func (l *Links) Invite(ctx context.Context, center string, inv model.Link, inviter model.Actor, inviterName string) (model.Link, error) {
	now := l.Clock.Now()
	_, hash, url, expires, err := l.newLink(model.LinkInvite, now)
	if err != nil {
		return inv, err
	}
	inv.ExpiresAt = expires
	mail := inviteMail(center, inv, url, hash, inviterName, now)
	return l.Store.Invite(ctx, inv, hash, mail, inviter, now)
}

// InviteAccounts invites the accounts ids that cannot sign in yet (made
// by a roster import): each gets a link to choose their password. The
// emails go out at the mail server's rate (store.InviteAccounts).
func (l *Links) InviteAccounts(ctx context.Context, center string, ids []int64, inviter model.Actor, inviterName string) (store.InviteReport, error) {
	now := l.Clock.Now()
	return l.Store.InviteAccounts(ctx, ids, func(a model.Account) (store.AccountInvite, error) {
		_, hash, url, expires, err := l.newLink(model.LinkInvite, now)
		if err != nil {
			return store.AccountInvite{}, err
		}
		inv := model.Link{Purpose: model.LinkInvite, Email: a.Email, Name: a.Name, Roles: a.Roles, UserID: a.ID, ExpiresAt: expires}
		return store.AccountInvite{Link: inv, Hash: hash, Mail: inviteMail(center, inv, url, hash, inviterName, now)}, nil
	}, inviter, now)
}

// inviteMail is the email that carries an invitation.
func inviteMail(center string, inv model.Link, url, hash, inviterName string, now time.Time) model.Email {
	hello := "Hello"
	if n := strings.TrimSpace(inv.Name); n != "" {
		hello += " " + n
	}
	who := strings.TrimSpace(inviterName)
	if who == "" {
		who = "The career center"
	}
	return model.Email{Kind: "invite", DueAt: now, DedupeKey: "invite:" + hash,
		Subject: who + " invites you to " + center + " on Ally",
		Body: hello + ",\n\n" + who + " invites you to join " + center + " on Ally as " + roleWords(inv.Roles) + ". " +
			"Ally helps students learn about careers from the people who work in them, one conversation at a time.\n\n" +
			"Open this link within 7 days to choose your password and sign in:\n\n" + url + "\n\n" +
			"The link works once. If you were not expecting this, you can ignore it.\n"}
}

// roleWords names roles for a person: "a student and a volunteer".
func roleWords(rs []model.Role) string {
	words := map[model.Role]string{model.RoleStudent: "a student", model.RoleVolunteer: "a volunteer", model.RoleAdvisor: "an advisor"}
	var parts []string
	for _, r := range model.SortRoles(rs) {
		parts = append(parts, words[r])
	}
	switch len(parts) {
	case 0:
		return "a member"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// LinkToken reads a link's token from the address's last segment,
// refusing junk before the database is asked; ok is false for junk.
func LinkToken(s string) (hash string, ok bool) {
	if !WellFormed(s, LinkPrefix) {
		return "", false
	}
	return HashToken(s), true
}
