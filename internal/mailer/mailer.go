// Package mailer sends the user's messages: a Sender interface, an SMTP
// implementation over the user's own mail server (github.com/wneessen/go-mail)
// and an in-memory one for tests. A personal message goes out only when the
// user asks, from the user's address; a career center also sends its own
// emails (invitations, password resets) through its server, from the
// outbox (internal/jobs).
package mailer

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/ally-dev/ally/internal/method"
)

// Message is one plain-text email.
type Message struct {
	From    string   // "Dana Brown <dana@example.org>"; empty means the sender's configured From
	To      []string // one or more addresses, bare or "Name <addr>"
	Subject string   // one line
	Body    string   // plain text
	HTML    string   // the same message as HTML, sent as an alternative; "" for none
	// Calendar is an iCalendar invitation (text/calendar) attached as
	// invite.ics; "" for none.
	Calendar string
	Date     time.Time // zero means the time of sending
	// ID is the Message-ID, without its angle brackets ("ally.12.17…@
	// westlake.edu"); "" makes a random one. A message sent again under the
	// same ID reads as one in the recipient's mail program.
	ID string
}

// ErrInvalidMessage is wrapped by Validate's errors: sending the same
// message again cannot work.
var ErrInvalidMessage = errors.New("the message cannot be sent")

// Validate reports a message that cannot be sent: no or bad recipients, a
// bad From, a subject spanning lines (header injection) or an empty body.
func (m Message) Validate() error {
	if err := m.validate(); err != nil {
		return invalidMessage{err}
	}
	return nil
}

// invalidMessage says what is wrong in its own words and is
// ErrInvalidMessage to errors.Is.
type invalidMessage struct{ error }

func (invalidMessage) Is(target error) bool { return target == ErrInvalidMessage }

func (m Message) validate() error {
	if len(m.To) == 0 {
		return errors.New("no recipient: the person has no email address")
	}
	for _, to := range m.To {
		if _, err := mail.ParseAddress(to); err != nil {
			return fmt.Errorf("recipient %q is not an email address", to)
		}
	}
	if m.From != "" {
		if _, err := mail.ParseAddress(m.From); err != nil {
			return fmt.Errorf("sender %q is not an email address", m.From)
		}
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return errors.New("the subject must be one line")
	}
	if strings.TrimSpace(m.Body) == "" {
		return errors.New("the message is empty")
	}
	if m.ID != "" && !ValidMessageID(m.ID) {
		return fmt.Errorf("the message id %q is not left@right", m.ID)
	}
	return nil
}

// ValidMessageID reports whether id can be a Message.ID: left@right in
// printable ASCII (RFC 5322 §3.6.4), without the angle brackets that
// enclose it.
func ValidMessageID(id string) bool {
	return strings.Contains(id, "@") && !strings.ContainsFunc(id, func(r rune) bool { return r <= ' ' || r > '~' || r == '<' || r == '>' })
}

// A Sender sends messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// TLSMode says how the connection to the SMTP server is secured.
type TLSMode string

// TLS modes.
const (
	StartTLS    TLSMode = "starttls" // upgrade a plain connection, refusing a server that cannot (port 587)
	ImplicitTLS TLSMode = "tls"      // TLS from the first byte (port 465)
	NoTLS       TLSMode = "none"     // plain text: a relay on this machine only
)

// Config is how to reach the user's SMTP server.
type Config struct {
	Host     string
	Port     int // 0 means 587, or 465 with ImplicitTLS, or 25 with NoTLS
	Username string
	Password string
	From     string  // the user's address, "Name <addr>" or bare
	TLS      TLSMode // empty means StartTLS
	// TLSConfig replaces the default TLS settings (which verify the
	// server's certificate against the system roots); tests and private
	// CAs set it.
	TLSConfig *tls.Config
	Timeout   time.Duration // 0 means 30 seconds
}

// ConfigFromSettings reads the SMTP settings; ok is false when no server
// is configured (SMTPHost empty), in which case mail goes by mailto: links.
func ConfigFromSettings(s method.Settings) (c Config, ok bool) {
	c = Config{Host: strings.TrimSpace(s.SMTPHost), Port: s.SMTPPort, Username: s.SMTPUsername,
		Password: s.SMTPPassword, From: strings.TrimSpace(s.SMTPFrom), TLS: TLSMode(strings.ToLower(strings.TrimSpace(s.SMTPTLS)))}
	return c, c.Host != ""
}

// Validate reports a configuration that cannot work, naming the setting
// to change.
func (c Config) Validate() error {
	if c.Host == "" {
		return errors.New("smtp_host: no SMTP server is set")
	}
	if c.Port < 0 || c.Port > 65535 {
		return fmt.Errorf("smtp_port: %d is not a port", c.Port)
	}
	switch c.TLS {
	case "", StartTLS, ImplicitTLS, NoTLS:
	default:
		return fmt.Errorf("smtp_tls: %q is not starttls, tls or none", c.TLS)
	}
	if c.From == "" {
		return errors.New("smtp_from: set the address your messages come from, such as Dana Brown <dana@example.org>")
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return fmt.Errorf("smtp_from: %q is not an email address", c.From)
	}
	if c.TLS == NoTLS && c.Username != "" && !isLoopback(c.Host) {
		return fmt.Errorf("smtp_tls: none would send your password in clear text to %s; use starttls or tls", c.Host)
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SMTP sends through the user's own SMTP server. It is safe for concurrent
// use: each Send opens its own connection.
type SMTP struct {
	cfg Config
	now func() time.Time
}

// NewSMTP checks the configuration and returns a sender; clock dates the
// messages.
func NewSMTP(c Config, clock method.Clock) (*SMTP, error) {
	if c.TLS == "" {
		c.TLS = StartTLS
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if c.Timeout == 0 {
		c.Timeout = 30 * time.Second
	}
	return &SMTP{cfg: c, now: clock.Now}, nil
}

// Send delivers one message. Errors name the server and say whether the
// connection, the login or the delivery failed.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if m.From == "" {
		m.From = s.cfg.From
	}
	date := m.Date
	if date.IsZero() {
		date = s.now()
	}
	msg, err := m.build(date)
	if err != nil {
		return err
	}
	client, err := gomail.NewClient(s.cfg.Host, s.options()...)
	if err != nil {
		return fmt.Errorf("smtp %s: %w", s.cfg.Host, err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("send through %s:%d: %w", s.cfg.Host, s.port(), err)
	}
	return nil
}

// build checks m and makes the message to send, dated date.
func (m Message) build(date time.Time) (*gomail.Msg, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(m.From); err != nil {
		return nil, fmt.Errorf("sender: %w", err)
	}
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("recipient: %w", err)
	}
	// Spaces at a subject's ends mean nothing, and a mail program drops
	// them from a plain subject; an encoded one would keep them.
	msg.Subject(strings.TrimSpace(m.Subject))
	msg.SetDateWithValue(date)
	if m.ID != "" {
		msg.SetMessageIDWithValue(m.ID)
	} else {
		msg.SetMessageID()
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	if m.Calendar != "" {
		if err := msg.AttachReader("invite.ics", strings.NewReader(m.Calendar), gomail.WithFileContentType("text/calendar; method=PUBLISH")); err != nil {
			return nil, fmt.Errorf("attach the invitation: %w", err)
		}
	}
	return msg, nil
}

func (s *SMTP) port() int {
	switch {
	case s.cfg.Port != 0:
		return s.cfg.Port
	case s.cfg.TLS == ImplicitTLS:
		return 465
	case s.cfg.TLS == NoTLS:
		return 25
	}
	return 587
}

func (s *SMTP) options() []gomail.Option {
	opts := []gomail.Option{gomail.WithPort(s.port()), gomail.WithTimeout(s.cfg.Timeout)}
	tc := s.cfg.TLSConfig
	if tc == nil {
		tc = &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
	}
	switch s.cfg.TLS {
	case ImplicitTLS:
		opts = append(opts, gomail.WithSSL(), gomail.WithTLSConfig(tc))
	case NoTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory), gomail.WithTLSConfig(tc))
	}
	if s.cfg.Username != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if s.cfg.TLS == NoTLS {
			auth = gomail.SMTPAuthPlainNoEnc // Validate allows it only on this machine
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	return opts
}

// Memory keeps the messages it is asked to send; tests read them back.
// Err, when set, is returned by Send instead of keeping the message.
type Memory struct {
	mu   sync.Mutex
	sent []Message
	Err  error
}

// Send keeps m, or returns Err.
func (s *Memory) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return s.Err
	}
	m.To = append([]string(nil), m.To...) // the caller may reuse its slice
	s.sent = append(s.sent, m)
	return nil
}

// Sent returns a copy of the messages sent so far, oldest first.
func (s *Memory) Sent() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, len(s.sent))
	for i, m := range s.sent {
		m.To = append([]string(nil), m.To...)
		out[i] = m
	}
	return out
}

// Permanent reports whether a send failed for good: the mail server
// answered with a 5xx code (no such mailbox, refused), or the message
// itself cannot be sent. Anything else (a timeout, a refused connection, a
// 4xx "try later") may work on another try.
func Permanent(err error) bool {
	var se *gomail.SendError
	if errors.As(err, &se) {
		return se.ErrorCode() >= 500 && se.ErrorCode() < 600
	}
	return errors.Is(err, ErrInvalidMessage)
}
