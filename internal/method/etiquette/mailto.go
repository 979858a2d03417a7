package etiquette

import (
	"net/mail"
	"strings"
)

// MailtoURL builds a mailto: link (RFC 6068) that opens the user's own mail
// client with the message filled in. Everything but unreserved characters
// is percent-encoded as UTF-8, spaces as %20 (a "+" would reach the mail
// client as a literal plus) and every line break as %0D%0A, as RFC 6068
// requires. An address given as "Name <addr>" keeps only the address: a
// mailto URL holds bare addresses. Empty parts are left out.
func MailtoURL(to []string, subject, body string) string {
	var b strings.Builder
	b.WriteString("mailto:")
	n := 0
	for _, addr := range to {
		addr = strings.TrimSpace(addr)
		if a, err := mail.ParseAddress(addr); err == nil {
			addr = a.Address
		}
		if addr == "" {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		pctEncode(&b, addr, true)
	}
	sep := byte('?')
	for _, f := range [...]struct{ name, value string }{{"subject", subject}, {"body", body}} {
		if f.value == "" {
			continue
		}
		b.WriteByte(sep)
		sep = '&'
		b.WriteString(f.name)
		b.WriteByte('=')
		pctEncode(&b, normalizeNewlines(f.value), false)
	}
	return b.String()
}

// normalizeNewlines turns \r\n, \r and \n alike into \r\n.
func normalizeNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// pctEncode writes s keeping only RFC 3986 unreserved characters, plus "@"
// in an address where it is the separator RFC 6068 expects unencoded.
func pctEncode(b *strings.Builder, s string, address bool) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', address && c == '@':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}
