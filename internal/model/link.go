package model

import (
	"slices"
	"strings"
	"time"
)

// A LinkPurpose is what a one-time link is for.
type LinkPurpose string

// The purposes of one-time links.
const (
	LinkInvite LinkPurpose = "invite" // an advisor invited someone: they set their name and password
	LinkSignup LinkPurpose = "signup" // someone signing up alone proved their email
	LinkReset  LinkPurpose = "reset"  // a password reset
)

// A Link is a one-time link as stored: only its token's hash is kept.
type Link struct {
	ID        int64       `json:"id"`
	Purpose   LinkPurpose `json:"purpose"`
	Email     string      `json:"email"`
	Name      string      `json:"name"`  // an invitation's name for the invitee
	Roles     []Role      `json:"roles"` // an invitation's roles
	UserID    int64       `json:"user_id,omitempty"`
	CreatedBy int64       `json:"created_by,omitempty"`
	CreatedAt time.Time   `json:"created_at"`
	ExpiresAt time.Time   `json:"expires_at"`
	UsedAt    *time.Time  `json:"used_at"`
	// Mail is what became of the email that carried the link (an
	// OutboxWaiting, OutboxSent or OutboxFailed), and MailError the mail
	// server's last answer; filled in by the invitations list only.
	Mail      string `json:"mail,omitempty"`
	MailError string `json:"mail_error,omitempty"`
}

// Link states.
const (
	LinkOpen    = "open"    // may still be used
	LinkUsed    = "used"    // an invitation: accepted
	LinkExpired = "expired" // too late, or withdrawn
)

// State is the link's state at now.
func (l Link) State(now time.Time) string {
	switch {
	case l.UsedAt != nil:
		return LinkUsed
	case !now.Before(l.ExpiresAt):
		return LinkExpired
	}
	return LinkOpen
}

// SignupAllowed reports whether email's domain is one of domains (exactly:
// a subdomain is a domain of its own).
func SignupAllowed(domains []string, email string) bool {
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return false
	}
	return slices.Contains(domains, strings.ToLower(strings.TrimSpace(email[at+1:])))
}
