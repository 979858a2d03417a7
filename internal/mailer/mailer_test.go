package mailer

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/ally-dev/ally/internal/method"
)

var testNow = time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)

// received is one message the sink accepted.
type received struct {
	from string
	to   []string
	data string
	user string // who logged in, "" without AUTH
}

// sink is an in-process SMTP server that keeps what it receives.
type sink struct {
	mu       sync.Mutex
	got      []received
	user     string
	password string
	addr     string
	rejectTo string // a recipient it refuses
}

func (k *sink) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{k: k}, nil }

type session struct {
	k    *sink
	user string
	cur  received
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.k.user || pass != s.k.password {
			return errors.New("invalid username or password")
		}
		s.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.k.user != "" && s.user == "" {
		return smtp.ErrAuthRequired
	}
	s.cur = received{from: from, user: s.user}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == s.k.rejectTo {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.cur.to = append(s.cur.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = string(b)
	s.k.mu.Lock()
	s.k.got = append(s.k.got, s.cur)
	s.k.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.cur = received{} }
func (s *session) Logout() error { return nil }

func (k *sink) received() []received {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]received(nil), k.got...)
}

// startSink serves SMTP on a loopback port until the test ends. With a
// certificate it offers STARTTLS, or speaks TLS from the start (implicit).
func startSink(t *testing.T, k *sink, cert *tls.Certificate, implicit bool) {
	t.Helper()
	srv := smtp.NewServer(k)
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 5*time.Second, 5*time.Second
	srv.AllowInsecureAuth = cert == nil
	var l net.Listener
	var err error
	if cert != nil {
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*cert}}
	}
	if implicit {
		l, err = tls.Listen("tcp", "127.0.0.1:0", srv.TLSConfig)
	} else {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	k.addr = l.Addr().String()
	done := make(chan struct{})
	go func() { _ = srv.Serve(l); close(done) }()
	t.Cleanup(func() { srv.Close(); l.Close(); <-done }) // l too: a Close before Serve took l closes nothing
}

// selfSigned makes a certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ally test sink"},
		// Valid over any date a test machine may have: no wall clock read.
		NotBefore: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

func hostPort(t *testing.T, addr string) (string, int) {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	p := 0
	for _, c := range port {
		p = p*10 + int(c-'0')
	}
	return host, p
}

var letter = Message{
	To:      []string{"Marcus Okafor <mokafor@example.com>"},
	Subject: "Elena Vasquez suggested I contact you — a short request",
	Body:    "Dear Marcus Okafor,\n\nElena Vasquez suggested I contact you.\nWould you have 20 minutes?\n\nBest regards,\nJordan Lee",
}

func TestSMTPSendsToTheSink(t *testing.T) {
	cert, pool := selfSigned(t)
	tests := []struct {
		name     string
		cert     bool
		implicit bool
		mode     TLSMode
		user     string
	}{
		{"plain relay on this machine, no login", false, false, NoTLS, ""},
		{"plain relay on this machine, with login", false, false, NoTLS, "jordan"},
		{"starttls with login", true, false, StartTLS, "jordan"},
		{"implicit tls with login", true, true, ImplicitTLS, "jordan"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := &sink{user: tc.user, password: "s3cret"}
			var c *tls.Certificate
			if tc.cert {
				c = &cert
			}
			startSink(t, k, c, tc.implicit)
			host, port := hostPort(t, k.addr)
			s, err := NewSMTP(Config{Host: host, Port: port, Username: tc.user, Password: "s3cret", From: "Jordan Lee <jordan@example.org>",
				TLS: tc.mode, TLSConfig: &tls.Config{RootCAs: pool, ServerName: host}, Timeout: 5 * time.Second}, method.FixedClock(testNow))
			if err != nil {
				t.Fatal(err)
			}
			sent := letter
			sent.ID = "ally.7.42@example.org"
			if err := s.Send(context.Background(), sent); err != nil {
				t.Fatalf("send: %v", err)
			}
			got := k.received()
			if len(got) != 1 {
				t.Fatalf("sink received %d messages, want 1", len(got))
			}
			m := got[0]
			if m.from != "jordan@example.org" || len(m.to) != 1 || m.to[0] != "mokafor@example.com" || m.user != tc.user {
				t.Errorf("envelope: from %q to %v user %q", m.from, m.to, m.user)
			}
			msg, err := mail.ReadMessage(strings.NewReader(m.data))
			if err != nil {
				t.Fatalf("the sink got an unreadable message: %v\n%s", err, m.data)
			}
			subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
			if err != nil {
				t.Fatal(err)
			}
			headers := map[string]string{"Date": "Mon, 23 Nov 2026 14:00:00 +0000", "From": `"Jordan Lee" <jordan@example.org>`,
				"To": `"Marcus Okafor" <mokafor@example.com>`, "Content-Type": "text/plain; charset=UTF-8", "Message-Id": "<ally.7.42@example.org>"}
			for h, want := range headers {
				if got := msg.Header.Get(h); got != want {
					t.Errorf("%s: %q, want %q", h, got, want)
				}
			}
			if subject != letter.Subject {
				t.Errorf("subject %q, want %q", subject, letter.Subject)
			}
			if got := strings.TrimRight(strings.ReplaceAll(string(body), "\r\n", "\n"), "\n"); got != letter.Body {
				t.Errorf("body:\n%s\nwant:\n%s", got, letter.Body)
			}
		})
	}
}

func TestSMTPReportsFailuresClearly(t *testing.T) {
	k := &sink{user: "jordan", password: "s3cret", rejectTo: "nobody@example.com"}
	startSink(t, k, nil, false)
	host, port := hostPort(t, k.addr)
	cfg := Config{Host: host, Port: port, Username: "jordan", Password: "s3cret", From: "jordan@example.org", TLS: NoTLS, Timeout: 5 * time.Second}

	bad := cfg
	bad.Password = "wrong"
	s, err := NewSMTP(bad, method.FixedClock(testNow))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), letter); err == nil || !strings.Contains(err.Error(), "send through 127.0.0.1") {
		t.Errorf("a wrong password: got %v", err)
	}

	s, _ = NewSMTP(cfg, method.FixedClock(testNow))
	m := letter
	m.To = []string{"nobody@example.com"}
	if err := s.Send(context.Background(), m); err == nil || !strings.Contains(err.Error(), "no such mailbox") {
		t.Errorf("a refused recipient: got %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Send(ctx, letter); err == nil {
		t.Error("a cancelled context sent anyway")
	}

	// STARTTLS is mandatory: a server without it is refused, not used in clear.
	s, _ = NewSMTP(Config{Host: host, Port: port, From: "jordan@example.org", TLS: StartTLS, Timeout: 5 * time.Second}, method.FixedClock(testNow))
	if err := s.Send(context.Background(), letter); err == nil {
		t.Error("starttls against a server without it: sent in clear text")
	}
	if n := len(k.received()); n != 0 {
		t.Errorf("the sink received %d messages from failed sends", n)
	}
}

func TestConfigValidation(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string // part of the error; "" for none
	}{
		{"complete", Config{Host: "smtp.example.org", From: "Jordan <jordan@example.org>", Username: "j", Password: "p"}, ""},
		{"no host", Config{From: "jordan@example.org"}, "smtp_host"},
		{"no from", Config{Host: "smtp.example.org"}, "smtp_from"},
		{"bad from", Config{Host: "smtp.example.org", From: "jordan at home"}, "smtp_from"},
		{"bad port", Config{Host: "smtp.example.org", From: "j@example.org", Port: 70000}, "smtp_port"},
		{"bad mode", Config{Host: "smtp.example.org", From: "j@example.org", TLS: "ssl3"}, "smtp_tls"},
		{"password in clear to another machine", Config{Host: "smtp.example.org", From: "j@example.org", TLS: NoTLS, Username: "j"}, "clear text"},
		{"no tls to a local relay", Config{Host: "127.0.0.1", From: "j@example.org", TLS: NoTLS, Username: "j"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("Validate() = %v, want an error containing %q", err, tc.want)
			}
		})
	}
	s := method.DefaultSettings()
	if _, ok := ConfigFromSettings(s); ok {
		t.Error("default settings configure SMTP")
	}
	s.SMTPHost, s.SMTPPort, s.SMTPFrom, s.SMTPTLS = " smtp.example.org ", 465, "j@example.org", "TLS"
	if c, ok := ConfigFromSettings(s); !ok || c.Host != "smtp.example.org" || c.Port != 465 || c.TLS != ImplicitTLS {
		t.Errorf("ConfigFromSettings = %+v, %v", c, ok)
	}
}

func TestMessageValidation(t *testing.T) {
	tests := []struct {
		name string
		m    Message
		ok   bool
	}{
		{"good", letter, true},
		{"no recipient", Message{Subject: "x", Body: "y"}, false},
		{"bad recipient", Message{To: []string{"marcus"}, Body: "y"}, false},
		{"header injection in the subject", Message{To: []string{"a@example.org"}, Subject: "Hi\r\nBcc: all@example.org", Body: "y"}, false},
		{"empty body", Message{To: []string{"a@example.org"}, Subject: "Hi", Body: " \n"}, false},
		{"a message id", Message{To: []string{"a@example.org"}, Subject: "Hi", Body: "y", ID: "ally.7.42@example.org"}, true},
		{"a message id without a domain", Message{To: []string{"a@example.org"}, Subject: "Hi", Body: "y", ID: "ally.7"}, false},
		{"a message id with a Unicode domain", Message{To: []string{"a@example.org"}, Subject: "Hi", Body: "y", ID: "ally.7.42@université.fr"}, false},
		{"a message id with a control character", Message{To: []string{"a@example.org"}, Subject: "Hi", Body: "y", ID: "ally.7.42@x\x00y"}, false},
		{"a message id that closes the header", Message{To: []string{"a@example.org"}, Subject: "Hi", Body: "y", ID: "a>\r\nBcc: x@example.org"}, false},
	}
	for _, tc := range tests {
		if err := tc.m.Validate(); (err == nil) != tc.ok {
			t.Errorf("%s: Validate() = %v", tc.name, err)
		}
	}
}

func TestMemoryKeepsWhatItSends(t *testing.T) {
	var s Memory
	var _ Sender = &s
	if err := s.Send(context.Background(), letter); err != nil {
		t.Fatal(err)
	}
	s.Err = errors.New("down")
	if err := s.Send(context.Background(), letter); err == nil {
		t.Error("Err was not returned")
	}
	got := s.Sent()
	if len(got) != 1 || got[0].Subject != letter.Subject {
		t.Errorf("Sent() = %+v", got)
	}
	got[0].To[0] = "changed"
	if s.Sent()[0].To[0] == "changed" {
		t.Error("Sent() shares its slices")
	}
}
