package model

import "time"

// A MailMode is how a volunteer takes the emails of new requests.
type MailMode string

// The modes: an email per request as it arrives, or one a day listing
// those that came since the last.
const (
	MailImmediate MailMode = "immediate"
	MailDigest    MailMode = "digest"
)

// ParseMailMode reads a mode as typed ("immediate" or "digest").
func ParseMailMode(s string) (MailMode, error) {
	switch m := MailMode(s); m {
	case MailImmediate, MailDigest:
		return m, nil
	}
	return "", Invalid("mail", "choose immediate (an email per request) or digest (one email a day), not %q", s)
}

// MailPrefs is how an account takes the center's email.
type MailPrefs struct {
	Mode MailMode `json:"mail"`
	// OptedOutAt is when the person stopped all but the essential emails
	// (an unsubscribe link); zero while they take them.
	OptedOutAt time.Time `json:"opted_out_at,omitzero"`
	// BouncingAt is when the mail server refused the address for good.
	BouncingAt time.Time `json:"bouncing_at,omitzero"`
}

// OptedOut says whether the person unsubscribed.
func (p MailPrefs) OptedOut() bool { return !p.OptedOutAt.IsZero() }
