package model

import (
	"slices"
	"strings"
	"time"
)

// A Role is what an account may do in a career center. One account may
// hold several.
type Role string

// The roles of a career center.
const (
	RoleStudent   Role = "student"   // explores careers in a private space
	RoleVolunteer Role = "volunteer" // talks to students; may also explore
	RoleAdvisor   Role = "advisor"   // career-center staff: manages accounts
)

// Roles lists every role in the order they are shown.
func Roles() []Role { return []Role{RoleStudent, RoleVolunteer, RoleAdvisor} }

// ParseRole reads a role name, refusing any other word.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Roles(), r) {
		return r, nil
	}
	return "", Invalid("role", "%q is not a role: use student, volunteer or advisor", s)
}

// ParseRoles reads a comma-separated list of roles ("student,volunteer"),
// sorted and without repeats; at least one is needed.
func ParseRoles(s string) ([]Role, error) {
	var out []Role
	for part := range strings.SplitSeq(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		r, err := ParseRole(part)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, Invalid("role", "give at least one role: student, volunteer or advisor")
	}
	return SortRoles(out), nil
}

// SortRoles puts roles in the order of Roles() and drops repeats.
func SortRoles(rs []Role) []Role {
	var out []Role
	for _, r := range Roles() {
		if slices.Contains(rs, r) {
			out = append(out, r)
		}
	}
	return out
}

// Account statuses.
const (
	StatusActive   = "active"
	StatusDisabled = "disabled"
)

// An Account is a user who signs in to a career center. Its id is the
// user's id: every personal record the user owns has it as owner_id.
type Account struct {
	ID           int64      `json:"id"`
	Email        string     `json:"email"`
	Name         string     `json:"name"`
	Roles        []Role     `json:"roles"`
	Status       string     `json:"status"`
	PasswordHash string     `json:"-"` // never printed or exported
	CreatedAt    time.Time  `json:"created_at"`
	LastSignInAt *time.Time `json:"last_signin_at"` // nil: never signed in
}

// Has reports whether the account holds the role.
func (a Account) Has(r Role) bool { return slices.Contains(a.Roles, r) }

// Active reports whether the account may sign in.
func (a Account) Active() bool { return a.Status == StatusActive }

// EmailKey is the form an email is compared in: trimmed and lower-cased, so
// that one address cannot hold two accounts by changing case.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// NewAccount is what creating an account needs.
type NewAccount struct {
	Email        string
	Name         string
	Roles        []Role
	PasswordHash string // empty: the account cannot sign in with a password yet
}

// Validate trims the fields and checks them.
func (n *NewAccount) Validate() error {
	n.Email = strings.TrimSpace(n.Email)
	n.Name = strings.TrimSpace(n.Name)
	var es Errors
	if !ValidEmail(n.Email) {
		es = append(es, &FieldError{Field: "email", Message: "enter an email address like name@example.edu"})
	}
	if n.Name == "" {
		es = append(es, &FieldError{Field: "name", Message: "enter the person's name"})
	}
	if len(n.Roles) == 0 {
		es = append(es, &FieldError{Field: "role", Message: "give at least one role: student, volunteer or advisor"})
	}
	if len(es) > 0 {
		return es
	}
	n.Roles = SortRoles(n.Roles)
	return nil
}

// Center modes.
const (
	ModePersonal = "personal" // one local user, no sign-in
	ModeCenter   = "center"   // many accounts, everyone signs in
)

// A Center is the career center a database serves. A personal database
// has none.
type Center struct {
	Name          string    `json:"name"`
	Mode          string    `json:"mode"`
	SignupDomains []string  `json:"signup_domains"` // email domains allowed to sign up alone; empty: nobody
	CreatedAt     time.Time `json:"created_at"`
}

// ParseDomains reads a comma-separated list of email domains
// ("westlake.edu, alumni.westlake.edu"), lower-cased, sorted and without
// repeats; an empty list is allowed (nobody signs up alone).
func ParseDomains(s string) ([]string, error) {
	out := []string{}
	for part := range strings.SplitSeq(s, ",") {
		d := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(part), "@")))
		if d == "" {
			continue
		}
		if !validDomain(d) {
			return nil, Invalid("signup_domains", "%q is not an email domain like westlake.edu", strings.TrimSpace(part))
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out, nil
}

func validDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(d) > 253 || len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range l {
			if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
				return false
			}
		}
	}
	return true
}

// A Session is one signed-in browser. Only the token's hash is kept.
type Session struct {
	TokenHash  string
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	// Account is the session's account as read with it, so that a request
	// learns who it is and what they may do in one statement; nil when
	// the store did not read it.
	Account *Account
	// Version and Settings are the user's write counter and stored
	// settings (JSON) as read with the session, when Account is: what a
	// read-only request would otherwise ask for again (store.WithSnapshot).
	Version  int64
	Settings string
}

// A SessionOpening is a session to open together with the sign-in that
// earns it, in the same transaction: the new session, and the hash of the
// browser's previous session to end ("" for none).
type SessionOpening struct {
	Session Session
	EndHash string
}

// An APIToken lets a program act as its user. Only the token's hash is
// kept; the token itself is shown once when it is made.
type APIToken struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// An AuditEntry records one security-relevant act.
type AuditEntry struct {
	ID      int64     `json:"id"`
	At      time.Time `json:"at"`
	ActorID int64     `json:"actor_id,omitempty"` // 0: nobody signed in (the CLI, a failed sign-in)
	Actor   string    `json:"actor"`              // who, in words: an email, "cli"
	Action  string    `json:"action"`             // e.g. signin.failed, user.add, token.revoke
	Target  string    `json:"target"`             // what it was done to, e.g. an email or "token 4"
	Detail  string    `json:"detail"`
}

// An Actor is who does an audited act: a signed-in user, or the command
// line (ID 0, Name "cli").
type Actor struct {
	ID   int64
	Name string
}

// CLIActor is the actor of `ally` commands run on the server's machine.
func CLIActor() Actor { return Actor{Name: "cli"} }

// A FailureHit asks to count one failed sign-in for Key. The key's window
// is over, and counting starts again, when it opened at or before
// WindowStart.
type FailureHit struct {
	Key         string
	WindowStart time.Time
}

// A FailureCount is how many failed sign-ins a key has had since its
// window opened.
type FailureCount struct {
	N     int
	Since time.Time // when the window opened; zero when N is 0
}
