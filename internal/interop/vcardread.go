package interop

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// Why not github.com/emersion/go-vcard: its decoder has no quoted-printable
// (so vCard 2.1 soft line breaks end a property in the middle of a
// character), drops bare 2.1 type words such as TEL;WORK;VOICE, reads lines
// without a bound, and reports no line numbers. The rules below are small
// enough to own.

// ReadVCard reads a file of vCards (version 2.1, 3.0 or 4.0, as Outlook,
// Android, Google and Apple write them) and calls fn for each card, in file
// order.
//
// It unfolds folded lines; decodes QUOTED-PRINTABLE (whose soft line breaks
// may fall inside a multibyte character) and base64; converts the CHARSET a
// property names, and reads 2.1 text that is not UTF-8 and names no charset
// as Windows-1252, Outlook's habit, with a Problem; accepts CRLF, LF and
// CR CR LF line ends; understands bare 2.1 type words (TEL;WORK;VOICE) and
// TYPE= lists; unescapes \, \; \n and \\ and splits N, ORG and ADR on
// unescaped semicolons and CATEGORIES (the tags) on unescaped commas; takes
// TEL;VALUE=uri:tel:+1... as the number; labels values from their types or
// from an Apple X-ABLabel in the same item group, "_$!<HomePage>!$_"
// becoming "Home Page"; keeps a base64 or data: PHOTO up to 4 MiB when it is
// a JPEG, PNG, GIF or WebP image and otherwise leaves it out with a
// Problem. A card without FN or N, or without END:VCARD, is skipped with a
// Problem, and so is a 3.0 or 4.0 card whose text is not UTF-8, saying where
// (a file wholly in another encoding is an error; see encoding.go).
//
// An error returned by fn, or by r, stops reading and is returned as is;
// any other error is a *FormatError. After an error, nothing fn received
// should be kept.
func ReadVCard(r io.Reader, fn func(Contact) error) ([]Problem, error) {
	const want = "a vCard (.vcf) file"
	br, kind, err := openText(r, want)
	if err != nil {
		return nil, err
	}
	if kind == kindCalendar {
		return nil, formatErr(0, ErrWrongKind, "this is %s, not %s", kind, want)
	}
	v := vcardReader{lines: lineReader{br: br}}
	var (
		p      problems
		card   *cardBuilder
		cards  int
		strays int
		enc    encodingTally // of the cards
	)
	for {
		text, line, over, err := v.logicalLine()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		prop, ok := parseProperty(text)
		isBegin := ok && prop.name == "BEGIN" && strings.EqualFold(strings.TrimSpace(prop.value), "VCARD")
		isEnd := ok && prop.name == "END" && strings.EqualFold(strings.TrimSpace(prop.value), "VCARD")
		switch {
		case cards == 0 && card == nil && !isBegin:
			return nil, formatErr(line, ErrWrongKind,
				"not a vCard file: it should start with BEGIN:VCARD, not %s", quoteShort(string(text)))
		case isBegin:
			if card != nil {
				enc.card(card)
				card.skip(&p, "card has no END:VCARD before line %d; skipped", line)
			}
			card = newCardBuilder(line, &p)
			cards++
			v.version = ""
		case isEnd:
			if card == nil {
				p.add(line, false, "END:VCARD without BEGIN:VCARD; ignored")
				continue
			}
			enc.card(card)
			c, ok := Contact{}, false
			if card.notUTF8 != nil {
				card.skip(&p, "card %s", rowNotUTF8(card.line, *card.notUTF8, true))
			} else {
				c, ok = card.finish(&p)
			}
			card = nil
			if ok {
				if err := fn(c); err != nil {
					return nil, err
				}
			}
		case card == nil:
			if strays++; strays == 1 {
				p.add(line, false, "text between cards; ignored")
			}
		case !ok:
			p.add(line, false, "not a vCard property: %s; ignored", quoteShort(string(text)))
		case over:
			p.add(line, false, "%s is larger than %d MiB; left out", prop.name, limitFor(prop.name)>>20)
		default:
			if prop.name == "VERSION" {
				v.version = strings.TrimSpace(prop.value)
			}
			card.add(prop, line, v.version, v.bad, &p)
		}
	}
	if card != nil {
		enc.card(card)
		card.skip(&p, "card has no END:VCARD (is the file cut short?); skipped")
	}
	if err := enc.fileError("cards"); err != nil {
		return nil, err
	}
	return p.result(), nil
}

// lineReader returns physical lines, each without its line end, bounded by
// maxPicture. It takes LF, CRLF and CR CR LF (a CRLF file converted once
// more by a Windows tool) alike.
type lineReader struct {
	br    *bufio.Reader
	buf   []byte
	n     int  // lines read
	held  bool // the last line is to be returned again
	cut   bool // the last line was longer than maxPicture
	atEOF bool
}

func (lr *lineReader) next() (line []byte, cut bool, err error) {
	if lr.held {
		lr.held = false
		return lr.buf, lr.cut, nil
	}
	if lr.atEOF {
		return nil, false, io.EOF
	}
	lr.buf, lr.cut = lr.buf[:0], false
	for {
		chunk, err := lr.br.ReadSlice('\n')
		if !lr.cut {
			if room := maxPicture - len(lr.buf); len(chunk) > room {
				chunk, lr.cut = chunk[:room], true
			}
			lr.buf = append(lr.buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			lr.atEOF = true
			if len(lr.buf) == 0 && !lr.cut {
				return nil, false, io.EOF
			}
		} else if err != nil {
			return nil, false, err
		}
		break
	}
	lr.n++
	lr.buf = bytes.TrimRight(lr.buf, "\r\n")
	return lr.buf, lr.cut, nil
}

// unread makes next return the last line again.
func (lr *lineReader) unread() { lr.held = true }

// vcardReader joins physical lines into logical ones.
type vcardReader struct {
	lines   lineReader
	version string // of the card being read: 2.1 unfolds differently
	logical []byte
	// bad is the first byte that is not UTF-8 on the physical lines of the
	// logical line last returned, or nil.
	bad    *badUTF8
	badBuf badUTF8
}

// check notes the first byte of the physical line phys, numbered n, that
// is not UTF-8, unless one was noted already.
func (v *vcardReader) check(phys []byte, n int) {
	if v.bad != nil || utf8.Valid(phys) {
		return
	}
	i := firstBad(phys)
	v.badBuf = badUTF8{line: n, col: utf8.RuneCount(phys[:i]) + 1, b: phys[i]}
	v.bad = &v.badBuf
}

// logicalLine returns the next unfolded line, valid until the next call, and
// the line it starts on. over is true when the line was longer than its
// limit (see limitFor) and was cut; its start is still there to name the
// property. A non-picture line too long for any vCard is a FormatError.
func (v *vcardReader) logicalLine() (text []byte, line int, over bool, err error) {
	phys, cut, err := v.lines.next()
	if err != nil {
		return nil, 0, false, err
	}
	line = v.lines.n
	v.bad = nil
	v.check(phys, line)
	v.logical = append(v.logical[:0], phys...)
	limit := limitFor(propertyName(phys))
	over = cut || len(v.logical) > limit
	params := paramsUpper(phys)
	qp := bytes.Contains(params, []byte("QUOTED-PRINTABLE"))
	// Some 2.1 writers put base64 on unindented lines up to a blank one;
	// base64 has no colon, so such a line cannot be a property.
	b64 := v.version == "2.1" && (bytes.Contains(params, []byte("BASE64")) || bytes.Contains(params, []byte("ENCODING=B")))
	for {
		if qp {
			if t := bytes.TrimRight(v.logical, " \t"); bytes.HasSuffix(t, []byte("=")) {
				v.logical = t[:len(t)-1] // a soft line break: the next line goes on
			} else {
				qp = false
			}
		}
		next, cut, err := v.lines.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, false, err
		}
		folded := len(next) > 0 && (next[0] == ' ' || next[0] == '\t')
		softBreak := qp && !bytes.EqualFold(bytes.TrimSpace(next), []byte("END:VCARD"))
		bareBase64 := b64 && len(next) > 0 && bytes.IndexByte(next, ':') < 0
		if !folded && !softBreak && !bareBase64 {
			v.lines.unread()
			break
		}
		v.check(next, v.lines.n)
		if folded && !qp && v.version != "2.1" {
			// 3.0 and 4.0 fold by inserting CRLF and one space; 2.1 by
			// inserting CRLF before existing white space, which stays.
			next = next[1:]
		}
		over = over || cut || len(v.logical)+len(next) > limit
		if !over {
			v.logical = append(v.logical, next...)
		}
	}
	if over && limit == maxRecord {
		return nil, 0, false, formatErr(line, ErrTooLarge,
			"a line longer than %d MiB; this is not a vCard file, or it is damaged", maxRecord>>20)
	}
	return v.logical, line, over, nil
}

// limitFor is the largest size a property's logical line may have.
func limitFor(name string) int {
	switch name {
	case "PHOTO", "LOGO", "SOUND", "KEY":
		return maxPicture
	}
	return maxRecord
}

// propertyName returns the upper-case name of the property a line starts,
// without its group.
func propertyName(line []byte) string {
	end := bytes.IndexAny(line, ";:")
	if end < 0 {
		end = len(line)
	}
	name := line[:end]
	if dot := bytes.LastIndexByte(name, '.'); dot >= 0 {
		name = name[dot+1:]
	}
	return strings.ToUpper(string(bytes.TrimSpace(name)))
}

// paramsUpper returns the upper-cased part of a line before its first
// colon, where the parameters are.
func paramsUpper(line []byte) []byte {
	end := bytes.IndexByte(line, ':')
	if end < 0 {
		return nil
	}
	return bytes.ToUpper(line[:end])
}

// A property is one parsed vCard content line.
type property struct {
	group, name string
	params      []param
	value       string // still encoded and escaped
}

type param struct{ name, value string }

// parseProperty splits "group.NAME;PARAM=a,b;BARE:value". A 2.1 bare word
// such as WORK or QUOTED-PRINTABLE is a TYPE or an ENCODING.
func parseProperty(line []byte) (property, bool) {
	s := string(line)
	var p property
	end := strings.IndexAny(s, ";:")
	if end <= 0 {
		return p, false
	}
	p.name = strings.ToUpper(strings.TrimSpace(s[:end]))
	if dot := strings.LastIndexByte(p.name, '.'); dot >= 0 {
		p.group, p.name = p.name[:dot], p.name[dot+1:]
	}
	if p.name == "" {
		return p, false
	}
	s = s[end:]
	for s != "" && s[0] == ';' {
		s = s[1:]
		i, quoted := 0, false
		for ; i < len(s); i++ {
			if s[i] == '"' {
				quoted = !quoted
			} else if !quoted && (s[i] == ';' || s[i] == ':') {
				break
			}
		}
		raw := s[:i]
		s = s[i:]
		name, value, hasValue := strings.Cut(raw, "=")
		name = strings.ToUpper(strings.TrimSpace(name))
		if !hasValue {
			switch name {
			case "QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT":
				name, value = "ENCODING", name
			default:
				name, value = "TYPE", name
			}
		}
		p.params = append(p.params, param{name: name, value: strings.Trim(value, `"`)})
	}
	if s == "" || s[0] != ':' {
		return p, false
	}
	p.value = s[1:]
	return p, true
}

// param returns the value of the first parameter called name.
func (p *property) param(name string) string {
	for _, pr := range p.params {
		if pr.name == name {
			return pr.value
		}
	}
	return ""
}

// types returns the lower-case TYPE words, from TYPE=a,b lists, repeated
// TYPE parameters and 2.1 bare words.
func (p *property) types() []string {
	var out []string
	for _, pr := range p.params {
		if pr.name != "TYPE" {
			continue
		}
		for _, t := range strings.Split(pr.value, ",") {
			if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// text decodes the value: quoted-printable or base64, then the charset.
// It does not unescape, since structured values must be split first.
//
// guessed is true when 2.1 text that is not UTF-8 and names no charset was
// read as Windows-1252: vCard 2.1 has no default charset and Outlook writes
// its own. Other text that is not UTF-8 comes back as bad: the first byte
// that is not, with the line but no column when the text was encoded.
func (p *property) text(line int, version string, probs *problems) (text string, guessed bool, bad *badUTF8) {
	raw := []byte(p.value)
	in := ""
	switch strings.ToUpper(p.param("ENCODING")) {
	case "QUOTED-PRINTABLE":
		raw = decodeQuotedPrintable(raw)
		in = "the quoted-printable " + p.name
	case "B", "BASE64":
		if b, err := decodeBase64(p.value); err == nil {
			raw = b
			in = "the base64 " + p.name
		}
	}
	charset := strings.TrimSpace(p.param("CHARSET"))
	if charset != "" && !strings.EqualFold(charset, "utf-8") && !strings.EqualFold(charset, "us-ascii") {
		enc, err := htmlindex.Get(charset)
		if err != nil {
			probs.add(line, false, "unknown character set %s; read as UTF-8", quoteShort(charset))
		} else if b, err := enc.NewDecoder().Bytes(raw); err == nil {
			raw = b
		}
	}
	if !utf8.Valid(raw) {
		if version != "2.1" {
			return "", false, &badUTF8{line: line, b: raw[firstBad(raw)], in: in}
		}
		raw, _ = charmap.Windows1252.NewDecoder().Bytes(raw)
		guessed = true
	}
	// Quoted-printable carries Windows line ends (=0D=0A).
	text = strings.ReplaceAll(string(raw), "\r\n", "\n")
	return strings.ReplaceAll(text, "\r", "\n"), guessed, nil
}

// decodeQuotedPrintable decodes =XX escapes, leniently: a malformed escape
// stays as it is. Soft line breaks were removed when unfolding.
func decodeQuotedPrintable(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '=' && i+2 < len(b) {
			if h, ok1 := unhex(b[i+1]); ok1 {
				if l, ok2 := unhex(b[i+2]); ok2 {
					out = append(out, h<<4|l)
					i += 2
					continue
				}
			}
		}
		out = append(out, b[i])
	}
	return out
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// decodeBase64 decodes base64 that may be folded (2.1 keeps the folding
// white space) and may lack padding.
func decodeBase64(s string) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
	clean = strings.TrimRight(clean, "=")
	if b, err := base64.RawStdEncoding.DecodeString(clean); err == nil {
		return b, nil
	}
	return base64.RawURLEncoding.DecodeString(clean)
}

// splitEscaped splits s at each sep that is not escaped by a backslash.
func splitEscaped(s string, sep byte) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// unescape undoes vCard text escaping: \n and \N are newlines, \\ \, \; \:
// the character itself. Another escape keeps its backslash, as a 2.1 value
// such as C:\Users has no escapes at all.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		switch n := s[i+1]; n {
		case 'n', 'N':
			b.WriteByte('\n')
		case '\\', ',', ';', ':':
			b.WriteByte(n)
		default:
			b.WriteByte(c)
			b.WriteByte(n)
		}
		i++
	}
	return b.String()
}

// cardBuilder gathers one card's properties into a Contact.
type cardBuilder struct {
	c         Contact
	line      int
	size      int // text held, bounded by maxRecord
	fn        string
	n         []string // N components
	adrSet    bool
	groupRef  map[string]groupItem // item group → value it labels
	groupName map[string]string    // item group → X-ABLabel seen before its value
	guessed   bool                 // a charset was guessed, which is said once
	// notUTF8 is the first byte of the card's text that is not UTF-8: the
	// card is then skipped, saying where.
	notUTF8 *badUTF8
	sawUTF8 bool // some of its text is UTF-8 beyond ASCII
	// problemsAt is where this card's problems start in the list, so that a
	// card skipped as a whole reports only why.
	problemsAt int
	// organization is set for a card that describes an organization, which
	// is not someone to talk to.
	organization bool
	// notes gathers the NOTE texts, joined once in finish: joining at each
	// NOTE copied everything before it, which cost quadratic time on a
	// card of many NOTE lines.
	notes      []string
	notesRunes int
}

// groupItem points at a labeled value by list and index, as appends may
// move the list.
type groupItem struct {
	list *[]Labeled
	i    int
}

// card counts a card that ended, or was cut short.
func (t *encodingTally) card(b *cardBuilder) {
	t.row(b.line, b.notUTF8)
	t.sawUTF8 = t.sawUTF8 || b.sawUTF8
}

func newCardBuilder(line int, probs *problems) *cardBuilder {
	return &cardBuilder{line: line, c: Contact{Line: line}, problemsAt: len(probs.list)}
}

// skip reports the card as skipped, in place of its other problems.
func (b *cardBuilder) skip(probs *problems, format string, args ...any) {
	if b.problemsAt <= len(probs.list) {
		probs.list = probs.list[:b.problemsAt]
	}
	probs.add(b.line, true, format, args...)
}

// add takes a property into the card; at is where the first byte of its
// line that is not UTF-8 lies, if any.
func (b *cardBuilder) add(p property, line int, version string, at *badUTF8, probs *problems) {
	switch p.name {
	case "PHOTO":
		b.photo(p, line, version, probs)
		return
	case "KIND", "X-ABSHOWAS":
		// Apple's company cards and 4.0 KIND:org describe an organization.
		v := strings.ToLower(strings.TrimSpace(p.value))
		b.organization = v == "org" || v == "company"
		return
	case "FN", "N", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "URL", "NOTE", "CATEGORIES", "ADR", "UID", "X-ABLABEL", "X-SOCIALPROFILE":
	default:
		return // the rest of the vCard vocabulary has no place in a Contact
	}
	if b.size += len(p.value); b.size > maxRecord {
		if b.size-len(p.value) <= maxRecord {
			probs.add(line, false, "card holds more than %d MiB of text; the rest of it is left out", maxRecord>>20)
		}
		return
	}
	raw, guessed, bad := p.text(line, version, probs)
	if bad != nil {
		if b.notUTF8 == nil {
			if bad.in == "" && at != nil {
				copied := *at // the byte as it is in the file, with its column
				bad = &copied // (at is the reader's, used again on the next line)
			}
			b.notUTF8 = bad
		}
		return
	}
	if !guessed && !b.sawUTF8 && hasMultibyte([]byte(raw)) {
		b.sawUTF8 = true
	}
	if guessed && !b.guessed {
		b.guessed = true
		probs.add(line, false, "text is not UTF-8 and names no character set; read as Windows-1252")
	}
	text := strings.TrimSpace(unescape(raw))
	switch p.name {
	case "FN":
		b.fn = text
	case "N":
		b.n = splitEscaped(raw, ';')
		for i := range b.n {
			b.n[i] = strings.TrimSpace(unescape(b.n[i]))
		}
	case "ORG":
		parts := splitEscaped(raw, ';')
		for i := range parts {
			parts[i] = strings.TrimSpace(unescape(parts[i]))
		}
		b.c.Organization = joinNonEmpty(", ", parts...)
	case "TITLE":
		b.c.Role = text
	case "ROLE":
		if b.c.Role == "" {
			b.c.Role = text
		}
	case "EMAIL":
		b.addValue(&b.c.Emails, p, text)
	case "TEL":
		if strings.EqualFold(p.param("VALUE"), "uri") && len(text) > 4 && strings.EqualFold(text[:4], "tel:") {
			text = strings.TrimSpace(text[4:])
		}
		b.addValue(&b.c.Phones, p, text)
	case "URL":
		if version == "4.0" {
			text = strings.TrimSpace(raw) // a URI value, not escaped text
		}
		b.addValue(&b.c.URLs, p, text)
	case "X-SOCIALPROFILE":
		if b.c.ProfileURL == "" && linkedInProfile(text) {
			b.c.ProfileURL = text
		}
	case "NOTE":
		switch {
		case text == "":
		case b.notesRunes > maxNotes:
			// Past what a person's notes hold; said once, when it happened.
		default:
			if len(b.notes) > 0 {
				b.notesRunes += 2 // the blank line between two notes
			}
			b.notes = append(b.notes, text)
			if b.notesRunes += utf8.RuneCountInString(text); b.notesRunes > maxNotes {
				probs.add(line, false, "the notes are longer than %d characters; the NOTE lines after this one are left out", maxNotes)
			}
		}
	case "CATEGORIES":
		tags := splitEscaped(raw, ',')
		if version == "2.1" {
			tags = splitEscaped(raw, ';')
			tags = splitAll(tags, ',')
		}
		for _, t := range tags {
			if t = strings.TrimSpace(unescape(t)); t != "" && !isSystemGroup(t) {
				b.c.Tags = append(b.c.Tags, t)
			}
		}
	case "ADR":
		if !b.adrSet {
			parts := splitEscaped(raw, ';')
			get := func(i int) string {
				if i < len(parts) {
					return strings.TrimSpace(unescape(parts[i]))
				}
				return ""
			}
			b.c.Location = joinNonEmpty(", ", get(3), get(4), get(6))
			b.adrSet = b.c.Location != ""
		}
	case "UID":
		b.c.UID = text
	case "X-ABLABEL":
		if p.group == "" {
			return
		}
		label := appleLabel(text)
		if ref, ok := b.groupRef[p.group]; ok {
			(*ref.list)[ref.i].Label = label
		} else {
			if b.groupName == nil {
				b.groupName = make(map[string]string)
			}
			b.groupName[p.group] = label
		}
	}
}

// splitAll splits each of parts at unescaped sep.
func splitAll(parts []string, sep byte) []string {
	var out []string
	for _, p := range parts {
		out = append(out, splitEscaped(p, sep)...)
	}
	return out
}

// addValue appends an e-mail, phone or URL labeled by its types, or by an
// Apple label of its item group.
func (b *cardBuilder) addValue(list *[]Labeled, p property, text string) {
	if text == "" {
		return
	}
	label := typeLabel(p.types())
	if l, ok := b.groupName[p.group]; ok {
		label = l
	}
	*list = append(*list, Labeled{Value: text, Label: label})
	if p.group != "" {
		if b.groupRef == nil {
			b.groupRef = make(map[string]groupItem)
		}
		b.groupRef[p.group] = groupItem{list: list, i: len(*list) - 1}
	}
}

// typeLabel makes a label of TYPE words, leaving out those that say nothing
// to a person (INTERNET, VOICE, PREF...).
func typeLabel(types []string) string {
	var words []string
	for _, t := range types {
		switch t {
		case "internet", "voice", "pref", "x400", "msg", "text", "uri", "x-internet":
			continue
		case "cell":
			t = "mobile"
		}
		words = append(words, t)
	}
	return strings.Join(words, " ")
}

// appleLabel turns Apple's built-in labels ("_$!<HomePage>!$_") into words
// ("Home Page"); a label the user typed is kept as it is.
func appleLabel(s string) string {
	inner, ok := strings.CutPrefix(s, "_$!<")
	if !ok {
		return s
	}
	inner, ok = strings.CutSuffix(inner, ">!$_")
	if !ok {
		return s
	}
	var b strings.Builder
	for i, r := range inner {
		if i > 0 && 'A' <= r && r <= 'Z' {
			prev := inner[i-1]
			if 'a' <= prev && prev <= 'z' {
				b.WriteByte(' ')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// photo keeps an inline picture: base64 with ENCODING=b or BASE64, or a
// data: URI. A link to a picture elsewhere is not fetched.
func (b *cardBuilder) photo(p property, line int, version string, probs *problems) {
	if b.c.Photo != nil {
		return
	}
	value := strings.TrimSpace(p.value)
	var data string
	switch enc := strings.ToUpper(p.param("ENCODING")); {
	case enc == "B" || enc == "BASE64":
		data = value
	case hasPrefixFold([]byte(value), "data:"):
		meta, payload, ok := strings.Cut(value, ",")
		if !ok || !strings.HasSuffix(strings.ToLower(meta), ";base64") {
			probs.add(line, false, "PHOTO is not a base64 picture; left out")
			return
		}
		data = payload
	default:
		return // a link, as Google writes
	}
	img, err := decodeBase64(data)
	if err != nil {
		probs.add(line, false, "PHOTO is not valid base64; left out")
		return
	}
	typ := imageType(img)
	if typ == "" {
		probs.add(line, false, "PHOTO is not a JPEG, PNG, GIF or WebP image; left out")
		return
	}
	b.c.Photo, b.c.PhotoType = img, typ
}

// imageType names the picture formats browsers show, by magic bytes.
func imageType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return "image/jpeg"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "image/gif"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "image/webp"
	}
	return ""
}

// finish returns the card as a Contact, or false (with a Problem) when it
// has no name.
func (b *cardBuilder) finish(probs *problems) (Contact, bool) {
	c := b.c
	c.Notes = strings.Join(b.notes, "\n\n")
	get := func(i int) string {
		if i < len(b.n) {
			return b.n[i]
		}
		return ""
	}
	c.LastName, c.FirstName = get(0), get(1)
	c.Name = b.fn
	if c.Name == "" {
		c.Name = joinNonEmpty(" ", get(3), get(1), get(2), get(0), get(4))
	}
	if b.organization {
		b.skip(probs, "card %s describes an organization, not a person; skipped", quoteShort(c.Name))
		return Contact{}, false
	}
	if c.Name == "" {
		what := c.Organization
		if what == "" && len(c.Emails) > 0 {
			what = c.Emails[0].Value
		}
		if what != "" {
			b.skip(probs, "card has no name (FN or N), only %s; skipped", quoteShort(what))
		} else {
			b.skip(probs, "card has no name (FN or N); skipped")
		}
		return Contact{}, false
	}
	if c.ProfileURL == "" {
		for _, u := range c.URLs {
			if linkedInProfile(u.Value) {
				c.ProfileURL = u.Value
				break
			}
		}
	}
	return c, true
}
