package mailer

import (
	"bytes"
	"mime"
	"net/mail"
	"strings"
	"testing"
	"time"
)

// FuzzMessageHeaders builds messages from any sender, recipients, subject,
// id and body: a message Validate lets through is written with exactly the
// headers Ally sets (no header smuggled in through a subject, a name or an
// id), the subject and the addresses read back as given, and a message
// that cannot be built is refused for good (a retry would fail the same).
func FuzzMessageHeaders(f *testing.F) {
	f.Add("Dana Brown <dana@example.org>", "ada@example.org", "", "Hello", "Hi Ada", "")
	f.Add("dana@example.org", "\"Lovelace, Ada\" <ada@example.org>", "Bob <bob@example.com>", "Zoë: a question — about ☕", "x", "ally.1.2@westlake.edu")
	f.Add("=?utf-8?q?Eve?= <eve@example.org>", "a@b", "", "Hi\x00Bcc: all@example.org", "y", "")
	f.Add("dana@example.org", "a@b", "", "=?utf-8?b?SGk=?= "+strings.Repeat("long ", 40), "z", "a@b")
	date := time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)
	allowed := map[string]bool{"From": true, "To": true, "Subject": true, "Date": true, "Message-Id": true, "Mime-Version": true,
		"Content-Type": true, "Content-Transfer-Encoding": true}
	f.Fuzz(func(t *testing.T, from, to1, to2, subject, body, id string) {
		m := Message{From: from, To: []string{to1}, Subject: subject, Body: body, ID: id}
		if from == "" {
			m.From = "career@westlake.edu" // as Send fills it in from the configuration
		}
		if to2 != "" {
			m.To = append(m.To, to2)
		}
		msg, err := m.build(date)
		if err != nil {
			if !Permanent(err) {
				t.Fatalf("%+v: %v is not permanent", m, err)
			}
			return
		}
		var buf bytes.Buffer
		if _, err := msg.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		got, err := mail.ReadMessage(&buf)
		if err != nil {
			t.Fatalf("%+v: written as an unreadable message: %v", m, err)
		}
		for k, vs := range got.Header {
			if !allowed[k] || len(vs) != 1 {
				t.Fatalf("%+v: header %s: %q", m, k, vs)
			}
		}
		// Folding may drop spaces at the ends; an encoded word typed in a
		// subject is shown decoded, as every mail program would.
		if s, err := new(mime.WordDecoder).DecodeHeader(got.Header.Get("Subject")); !strings.Contains(subject, "=?") && (err != nil || s != strings.TrimSpace(subject)) {
			t.Errorf("subject %q (%v), want %q", s, err, subject)
		}
		tos, err := got.Header.AddressList("To")
		if err != nil || len(tos) != len(m.To) {
			t.Fatalf("%+v: To %q: %v", m, got.Header.Get("To"), err)
		}
		for i, a := range tos {
			want, _ := mail.ParseAddress(m.To[i])
			if !strings.EqualFold(a.Address, want.Address) {
				t.Errorf("recipient %q, want %q", a.Address, want.Address)
			}
		}
		if id != "" && got.Header.Get("Message-Id") != "<"+id+">" {
			t.Errorf("Message-Id %q, want <%s>", got.Header.Get("Message-Id"), id)
		}
	})
}
