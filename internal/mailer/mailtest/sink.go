// Package mailtest is an in-process SMTP server for tests: it keeps what
// it receives, and can refuse a recipient for good (550) or for now (451).
// Only tests import it.
package mailtest

import (
	"errors"
	"io"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// A Message is one email the sink accepted.
type Message struct {
	From string
	To   []string
	Data string // the whole message as sent, headers and body
}

// Body is the message's body, decoded from quoted-printable when needed.
func (m Message) Body() string {
	msg, err := mail.ReadMessage(strings.NewReader(m.Data))
	if err != nil {
		return m.Data
	}
	b, _ := io.ReadAll(msg.Body)
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		return decodeQP(string(b))
	}
	return string(b)
}

// Subject is the message's Subject header, decoded.
func (m Message) Subject() string {
	msg, err := mail.ReadMessage(strings.NewReader(m.Data))
	if err != nil {
		return ""
	}
	s, err := new(mimeDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return msg.Header.Get("Subject")
	}
	return s
}

// Sink is a running SMTP server on a loopback port.
type Sink struct {
	Host string
	Port int

	mu       sync.Mutex
	got      []Message
	refuse   map[string]int // recipient → SMTP code to refuse it with
	refusals map[string]int // recipient → how many more times to refuse it (0: always)
}

// Start serves SMTP until the test ends.
func Start(t testing.TB) *Sink {
	t.Helper()
	k := &Sink{refuse: map[string]int{}, refusals: map[string]int{}}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{k: k}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().(*net.TCPAddr)
	k.Host, k.Port = "127.0.0.1", addr.Port
	done := make(chan struct{})
	go func() { _ = srv.Serve(l); close(done) }()
	// Close the listener too: a Close that comes before Serve has taken
	// the listener (a test that never mails ends that fast) closes nothing,
	// and Serve would then accept for ever.
	t.Cleanup(func() { srv.Close(); l.Close(); <-done })
	return k
}

// Refuse makes the sink refuse mail to rcpt with code (550 for good, 451
// for now), times times (0: every time).
func (k *Sink) Refuse(rcpt string, code, times int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.refuse[strings.ToLower(rcpt)] = code
	k.refusals[strings.ToLower(rcpt)] = times
}

// Received returns the messages accepted so far, oldest first.
func (k *Sink) Received() []Message {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]Message(nil), k.got...)
}

// To returns the messages accepted for rcpt, oldest first.
func (k *Sink) To(rcpt string) []Message {
	var out []Message
	for _, m := range k.Received() {
		for _, to := range m.To {
			if strings.EqualFold(to, rcpt) {
				out = append(out, m)
			}
		}
	}
	return out
}

type session struct {
	k   *Sink
	cur Message
}

// The sink takes any user name and password: what is tested is that the
// client signs in, not with what.
func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, _ string) error {
		if user == "" {
			return errors.New("a user name is needed")
		}
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.cur = Message{From: from}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	k := s.k
	k.mu.Lock()
	defer k.mu.Unlock()
	key := strings.ToLower(to)
	if code, ok := k.refuse[key]; ok {
		if n := k.refusals[key]; n > 0 {
			if n == 1 {
				delete(k.refuse, key)
			}
			k.refusals[key] = n - 1
		}
		enh := smtp.EnhancedCode{5, 1, 1}
		msg := "no such mailbox"
		if code < 500 {
			enh, msg = smtp.EnhancedCode{4, 3, 0}, "try again later"
		}
		return &smtp.SMTPError{Code: code, EnhancedCode: enh, Message: msg}
	}
	s.cur.To = append(s.cur.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.Data = string(b)
	s.k.mu.Lock()
	s.k.got = append(s.k.got, s.cur)
	s.k.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.cur = Message{} }
func (s *session) Logout() error { return nil }
