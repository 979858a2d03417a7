package model

import (
	"strings"
	"time"
)

// An Email is one message the center sends on its own behalf, as it is
// queued in the outbox.
type Email struct {
	Kind      string    // what it is for: "reset", "invite", "signup"…
	To        string    // one address
	Subject   string    // one line
	Body      string    // plain text
	HTML      string    // the same words as HTML, or ""
	ICS       string    // an iCalendar invitation sent along, or ""
	DueAt     time.Time // not sent before
	DedupeKey string    // one logical email: queued once, whatever retries its caller makes
	// AccountID is the account the address belongs to (0: none yet), so
	// that a permanent refusal marks that account's address as bouncing.
	AccountID int64
}

// Validate checks an email before it is queued.
func (e *Email) Validate() error {
	e.To, e.Subject, e.DedupeKey, e.Kind = strings.TrimSpace(e.To), strings.TrimSpace(e.Subject), strings.TrimSpace(e.DedupeKey), strings.TrimSpace(e.Kind)
	var es Errors
	if !ValidEmail(e.To) {
		es = append(es, &FieldError{Field: "to", Message: "enter an email address like name@example.edu"})
	}
	if e.Subject == "" || strings.ContainsAny(e.Subject, "\r\n") {
		es = append(es, &FieldError{Field: "subject", Message: "give the email a subject on one line"})
	}
	if strings.TrimSpace(e.Body) == "" {
		es = append(es, &FieldError{Field: "body", Message: "the email is empty"})
	}
	if e.Kind == "" || e.DedupeKey == "" {
		es = append(es, &FieldError{Field: "kind", Message: "an email needs a kind and a dedupe key"})
	}
	if e.DueAt.IsZero() {
		es = append(es, &FieldError{Field: "due_at", Message: "an email needs the time it is due"})
	}
	if len(es) > 0 {
		return es
	}
	return nil
}

// Outbox statuses, as advisors see them.
const (
	OutboxWaiting = "waiting" // not tried yet, or due again after a temporary failure
	OutboxSent    = "sent"
	OutboxFailed  = "failed" // the mail server refused it for good, or it was tried too often
)

// An OutboxMessage is a queued email with what became of it. Its body is
// emptied once it is sent.
type OutboxMessage struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	To        string     `json:"to"`
	Subject   string     `json:"subject"`
	Body      string     `json:"-"`
	HTML      string     `json:"-"`
	ICS       string     `json:"-"`
	AccountID int64      `json:"account_id,omitempty"`
	DueAt     time.Time  `json:"due_at"`
	Attempts  int        `json:"attempts"`
	SentAt    *time.Time `json:"sent_at"`
	FailedAt  *time.Time `json:"failed_at"`
	LastError string     `json:"last_error"`
	CreatedAt time.Time  `json:"created_at"`
}

// Status is what became of the message.
func (m OutboxMessage) Status() string {
	switch {
	case m.SentAt != nil:
		return OutboxSent
	case m.FailedAt != nil:
		return OutboxFailed
	}
	return OutboxWaiting
}

// CenterSMTP is the mail server a center sends its own emails through.
type CenterSMTP struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Username string `json:"username"`
	Password string `json:"-"`
	From     string `json:"from"`
	TLS      string `json:"tls"` // starttls (default), tls or none
}

// Configured reports whether a mail server is set.
func (c CenterSMTP) Configured() bool { return strings.TrimSpace(c.Host) != "" }
