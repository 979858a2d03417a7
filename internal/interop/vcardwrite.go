package interop

import (
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"time"
)

// A Card is one person to export, to vCard or CSV.
type Card struct {
	// UID identifies the person across exports, so that a phone or address
	// book updates its copy instead of adding another. Required.
	UID string

	// Name is the display name; when empty it is built from FirstName and
	// LastName.
	Name, FirstName, LastName string

	Organization, Role, Notes string
	Emails, Phones, URLs      []string
	Tags                      []string

	// Updated, when set, is written as the card's revision (REV).
	Updated time.Time

	// Photo is the person's picture and PhotoType its media type
	// ("image/jpeg"), written as a data: URI; nil for none.
	Photo     []byte
	PhotoType string
}

// displayName is the name a card is shown by: never empty, since vCard 4.0
// requires FN.
// Values are cleaned first, as a name of control characters alone would
// be written empty.
func (c *Card) displayName() string {
	for _, s := range []string{
		tidy(c.Name),
		joinNonEmpty(" ", tidy(c.FirstName), tidy(c.LastName)),
		tidy(c.Organization),
	} {
		if s != "" {
			return s
		}
	}
	for _, e := range c.Emails {
		if e = tidy(e); e != "" {
			return e
		}
	}
	return "(no name)"
}

// WriteVCards writes cs as vCard 4.0 (RFC 6350): a UID on every card, text
// escaped, lines folded at 75 octets and ended by CRLF. Empty values are
// left out. It checks every card before writing anything, so an error
// leaves w untouched.
func WriteVCards(w io.Writer, cs []Card) error {
	for i := range cs {
		if tidy(cs[i].UID) == "" {
			return fmt.Errorf("vcard export: card %d (%s) has no UID", i+1, cs[i].displayName())
		}
	}
	lw := newLineWriter(w)
	for i := range cs {
		c := &cs[i]
		lw.line("BEGIN:VCARD")
		lw.line("VERSION:4.0")
		lw.line("PRODID:-//Ally//Ally//EN")
		lw.line(uidLine(c.UID))
		text := func(name, value string) { lw.line(name + ":" + escapeVCardText(value)) }
		text("FN", c.displayName())
		// N and ORG are compound: their semicolons separate components.
		lw.line("N:" + escapeText(tidy(c.LastName)) + ";" + escapeText(tidy(c.FirstName)) + ";;;")
		if v := tidy(c.Organization); v != "" {
			lw.line("ORG:" + escapeText(v))
		}
		if v := tidy(c.Role); v != "" {
			text("TITLE", v)
		}
		for _, e := range c.Emails {
			if e = tidy(e); e != "" {
				text("EMAIL", e)
			}
		}
		for _, t := range c.Phones {
			if t = tidy(t); t != "" {
				text("TEL", t)
			}
		}
		for _, u := range c.URLs {
			if u = uriValue(u); u != "" {
				lw.line("URL:" + u)
			}
		}
		if n := tidy(c.Notes); n != "" {
			text("NOTE", n)
		}
		var tags []string
		for _, t := range c.Tags {
			if t = tidy(t); t != "" {
				tags = append(tags, escapeVCardText(t))
			}
		}
		if len(tags) > 0 {
			lw.line("CATEGORIES:" + strings.Join(tags, ","))
		}
		if len(c.Photo) > 0 && strings.HasPrefix(c.PhotoType, "image/") && !strings.ContainsAny(c.PhotoType, ",; \t\r\n") {
			lw.line("PHOTO:data:" + c.PhotoType + ";base64," + base64.StdEncoding.EncodeToString(c.Photo))
		}
		if !c.Updated.IsZero() {
			lw.line("REV:" + c.Updated.UTC().Format("20060102T150405Z"))
		}
		lw.line("END:VCARD")
	}
	return lw.flush()
}

// uidLine writes a UID as a URI when it is one (urn:uuid:...) and as text
// otherwise, which vCard 4.0 requires to be declared.
func uidLine(uid string) string {
	uid = tidy(uid)
	if scheme, rest, ok := strings.Cut(uid, ":"); ok && rest != "" && isURIScheme(scheme) && !strings.ContainsAny(uid, " \t\n\r\\") {
		return "UID:" + uriValue(uid)
	}
	return "UID;VALUE=text:" + escapeVCardText(uid)
}

func isURIScheme(s string) bool {
	for i, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case i > 0 && ('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return s != ""
}
