package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// Refusals of a sign-in through a provider. Each is said on the sign-in
// page as it is, so each says what to do.
var (
	ErrEmailUnverified = errors.New("Your sign-in provider has not confirmed your email address, so Ally cannot tell which account is yours. Confirm it with the provider, or sign in with your password.")
	ErrNoEmail         = errors.New("Your sign-in provider did not tell Ally your email address, so Ally cannot tell which account is yours. Ask the career center for help.")
	ErrNoSignup        = errors.New("There is no account for this email address yet, and the career center does not let addresses like it sign up on their own. Ask the career center to add you.")
)

// Identity is who a provider vouches for after a sign-in there.
type Identity struct {
	Kind          string // model.FlowOIDC or model.FlowSAML
	Provider      string // the issuer or identity provider, for the audit log
	Email         string
	EmailVerified bool // the provider says the address is the person's
	Name          string
}

// ExternalStore finds, and for sign-up makes, the accounts a provider's
// identity maps to.
type ExternalStore interface {
	AccountFinder
	Center(ctx context.Context) (c model.Center, found bool, err error)
	AddAccount(ctx context.Context, n model.NewAccount, by model.Actor, now time.Time) (model.Account, error)
}

// External signs people in on a provider's word: an identity is matched
// to an account by its verified email; an unknown email becomes a new
// student when the center lets its domain sign up alone.
type External struct {
	Store ExternalStore
	Audit Auditor
	Clock method.Clock
}

// SignIn returns the account for id, made if sign-up allows it, or
// ErrEmailUnverified, ErrNoEmail, ErrNoSignup or ErrDisabled. Every
// outcome is audited, with the client's address.
func (x *External) SignIn(ctx context.Context, id Identity, address string) (model.Account, error) {
	email := model.EmailKey(id.Email)
	via := id.Kind + " " + id.Provider
	switch {
	case email == "" || !model.ValidEmail(email):
		return model.Account{}, x.Refuse(ctx, email, via, "no usable email ("+id.Email+")", address, ErrNoEmail)
	case !id.EmailVerified:
		return model.Account{}, x.Refuse(ctx, email, via, "email not verified", address, ErrEmailUnverified)
	}
	acct, found, err := x.Store.AccountByEmail(ctx, email)
	if err != nil {
		return model.Account{}, fmt.Errorf("sign in through %s: %w", id.Kind, err)
	}
	if !found {
		if acct, err = x.signUp(ctx, id, email, via, address); err != nil {
			return model.Account{}, err
		}
	}
	if !acct.Active() {
		return model.Account{}, x.Refuse(ctx, email, via, "account disabled", address, ErrDisabled)
	}
	now := x.Clock.Now()
	e := model.AuditEntry{At: now, ActorID: acct.ID, Actor: email, Action: "signin", Target: email, Detail: via + "; address " + address}
	if err := x.Audit.Audit(ctx, e); err != nil {
		return model.Account{}, fmt.Errorf("audit sign-in: %w", err)
	}
	return acct, nil
}

// signUp makes a student account for an email whose domain the center
// lets sign up alone.
func (x *External) signUp(ctx context.Context, id Identity, email, via, address string) (model.Account, error) {
	c, _, err := x.Store.Center(ctx)
	if err != nil {
		return model.Account{}, fmt.Errorf("sign up through %s: %w", id.Kind, err)
	}
	_, domain, _ := strings.Cut(email, "@")
	if !slices.Contains(c.SignupDomains, domain) {
		return model.Account{}, x.Refuse(ctx, email, via, "no account, and "+domain+" may not sign up", address, ErrNoSignup)
	}
	name := strings.TrimSpace(id.Name)
	if name == "" {
		name, _, _ = strings.Cut(email, "@")
	}
	acct, err := x.Store.AddAccount(ctx, model.NewAccount{Email: email, Name: name, Roles: []model.Role{model.RoleStudent}},
		model.Actor{Name: email + " (sign-up through " + id.Kind + ")"}, x.Clock.Now())
	if err != nil {
		// The same person's first sign-in in two tabs at once: the other
		// made the account, which is the one to use.
		if again, found, ferr := x.Store.AccountByEmail(ctx, email); ferr == nil && found {
			return again, nil
		}
		return model.Account{}, fmt.Errorf("sign up %s through %s: %w", email, id.Kind, err)
	}
	return acct, nil
}

// Refuse audits a refused sign-in through a provider ("signin.refused",
// or "signin.disabled" for a disabled account) and returns refusal, or
// the audit's failure: the log is the only trace of an attack.
func (x *External) Refuse(ctx context.Context, email, via, why, address string, refusal error) error {
	action := "signin.refused"
	if errors.Is(refusal, ErrDisabled) {
		action = "signin.disabled"
	}
	e := model.AuditEntry{At: x.Clock.Now(), Actor: email, Action: action, Target: email, Detail: via + ": " + why + "; address " + address}
	if err := x.Audit.Audit(ctx, e); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return refusal
}
