package interop

import (
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
)

const googleWant = "a Google Contacts CSV export"

// googleSep joins several values in one Google Contacts cell.
const googleSep = " ::: "

// ReadGoogleCSV reads a Google Contacts CSV export, in the current format
// (First Name, Middle Name, Last Name, ..., Organization Name, Organization
// Title, E-mail 1 - Value, Phone 1 - Value, Labels, ...) or the legacy one
// (Name, Given Name, ..., Group Membership, E-mail 1 - Type, E-mail 1 -
// Value, ...), and calls fn for each contact, in file order.
//
// Cells holding several values joined with " ::: " become several values;
// labels ("* myContacts ::: Friends") become tags without Google's system
// group, and "* Work" labels lose the star that marks the primary one. A
// contact without any name is skipped with a Problem (Google keeps e-mail
// addresses one wrote to as nameless contacts), and so is a row that is not
// UTF-8 (a file wholly in another encoding is an error; see encoding.go). WriteCSV writes this format.
//
// An error returned by fn, or by r, stops reading and is returned as is;
// any other error is a *FormatError. After an error, nothing fn received
// should be kept.
func ReadGoogleCSV(r io.Reader, fn func(Contact) error) ([]Problem, error) {
	br, kind, err := openText(r, googleWant)
	if err != nil {
		return nil, err
	}
	if kind != "" {
		return nil, formatErr(0, ErrWrongKind, "this is %s, not %s", kind, googleWant)
	}
	f := newCSVFile(br)
	header, err := f.next()
	var perr *csv.ParseError
	var uerr *notUTF8Error
	if errors.As(err, &uerr) {
		return nil, uerr.headerError()
	}
	if errors.As(err, &perr) {
		return nil, formatErr(perr.StartLine, ErrNoHeader, "the first row is not a CSV header (%v)", perr.Err)
	}
	if err == io.EOF {
		return nil, formatErr(0, ErrEmpty, "the file is empty; expected %s", googleWant)
	}
	if err != nil {
		return nil, err
	}
	cols := newColumns(header)
	switch classifyHeader(cols) {
	case headerLinkedIn:
		return nil, formatErr(f.line, ErrWrongKind, "this is a LinkedIn Connections.csv, not %s", googleWant)
	case headerUnknown:
		if strings.HasPrefix(strings.TrimSpace(field(header, 0)), "Notes:") {
			return nil, formatErr(f.line, ErrWrongKind, "this looks like a LinkedIn Connections.csv, not %s", googleWant)
		}
		hint := ""
		if semicolonHeader(header) {
			hint = "; its columns are separated by semicolons (was it re-saved by a spreadsheet?)"
		}
		return nil, formatErr(f.line, ErrNoHeader,
			"the header matches neither Google Contacts format (expected columns such as First Name, Last Name, E-mail 1 - Value)%s", hint)
	}
	g := newGoogleColumns(cols, header)

	var p problems
	f.startData()
	for {
		rec, err := f.next()
		switch {
		case err == io.EOF:
			if err := f.end(); err != nil {
				return nil, err
			}
			return p.result(), nil
		case skipBad(&p, err):
			continue
		case err != nil:
			return nil, err
		}
		if blankRow(rec) {
			p.add(f.line, true, "empty row; skipped")
			continue
		}
		c, ok := g.contact(rec, f.line, &p)
		if !ok {
			continue
		}
		if err := fn(c); err != nil {
			return nil, err
		}
	}
}

// googleColumns locates the columns of either Google format; where the two
// differ, both names are looked up.
type googleColumns struct {
	name, first, middle, last, suffix, nickname, fileAs int
	org, title, notes, labels                           int
	city, region, country, location                     int
	emails, phones, websites                            []valueColumn
}

// valueColumn is a numbered "E-mail 1 - Value" column and its label column.
type valueColumn struct{ value, label int }

func newGoogleColumns(c columns, header []string) googleColumns {
	g := googleColumns{
		name:     c.index("name"),
		first:    c.index("firstname", "givenname"),
		middle:   c.index("middlename", "additionalname"),
		last:     c.index("lastname", "familyname"),
		suffix:   c.index("namesuffix"),
		nickname: c.index("nickname"),
		fileAs:   c.index("fileas"),
		org:      c.index("organizationname", "organization1name"),
		title:    c.index("organizationtitle", "organization1title"),
		notes:    c.index("notes"),
		labels:   c.index("labels", "groupmembership"),
		city:     c.index("address1city"),
		region:   c.index("address1region"),
		country:  c.index("address1country"),
		location: c.index("location"),
	}
	g.emails = numberedColumns(c, header, "email")
	g.phones = numberedColumns(c, header, "phone")
	g.websites = numberedColumns(c, header, "website")
	return g
}

// numberedColumns finds "<kind> N - Value" columns in header order, each with
// its "- Label" (current) or "- Type" (legacy) column.
func numberedColumns(c columns, header []string, kind string) []valueColumn {
	var out []valueColumn
	for i, h := range header {
		k := headerKey(h)
		n, ok := strings.CutPrefix(k, kind)
		if !ok {
			continue
		}
		n, ok = strings.CutSuffix(n, "value")
		if _, err := strconv.Atoi(n); !ok || err != nil {
			continue
		}
		out = append(out, valueColumn{value: i, label: c.index(kind+n+"label", kind+n+"type")})
	}
	return out
}

func (g *googleColumns) contact(rec []string, line int, p *problems) (Contact, bool) {
	get := func(i int) string { return unguardCell(field(rec, i)) }
	c := Contact{
		Line:         line,
		FirstName:    get(g.first),
		LastName:     get(g.last),
		Organization: get(g.org),
		Role:         get(g.title),
		Notes:        get(g.notes),
		Location:     joinNonEmpty(", ", get(g.city), get(g.region), get(g.country)),
	}
	if c.Location == "" {
		c.Location = get(g.location)
	}
	c.Name = get(g.name)
	if c.Name == "" {
		c.Name = joinNonEmpty(" ", c.FirstName, get(g.middle), c.LastName, get(g.suffix))
	}
	for _, alt := range []int{g.nickname, g.fileAs} {
		if c.Name == "" {
			c.Name = get(alt)
		}
	}
	for _, col := range g.emails {
		for _, v := range splitCell(get(col.value), get(col.label)) {
			c.Emails = append(c.Emails, checkEmailLabeled(p, line, v)...)
		}
	}
	for _, col := range g.phones {
		c.Phones = append(c.Phones, splitCell(get(col.value), get(col.label))...)
	}
	for _, col := range g.websites {
		c.URLs = append(c.URLs, splitCell(get(col.value), get(col.label))...)
	}
	for _, u := range c.URLs {
		if linkedInProfile(u.Value) {
			c.ProfileURL = u.Value
			break
		}
	}
	for _, l := range strings.Split(get(g.labels), googleSep) {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "* "))
		if l != "" && !isSystemGroup(l) {
			c.Tags = append(c.Tags, l)
		}
	}
	if c.Name == "" {
		what := c.Organization
		if what == "" && len(c.Emails) > 0 {
			what = c.Emails[0].Value
		}
		if what == "" && len(c.Phones) > 0 {
			what = c.Phones[0].Value
		}
		if what != "" {
			p.add(line, true, "contact has no name (only %s); skipped", quoteShort(what))
		} else {
			p.add(line, true, "contact has no name; skipped")
		}
		return Contact{}, false
	}
	return c, true
}

// splitCell splits a cell of values joined by " ::: " and pairs each with
// its label. One label for several values applies to them all.
func splitCell(values, labels string) []Labeled {
	if values == "" {
		return nil
	}
	vs := strings.Split(values, googleSep)
	ls := strings.Split(labels, googleSep)
	out := make([]Labeled, 0, len(vs))
	for i, v := range vs {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		l := ls[0]
		if len(ls) == len(vs) {
			l = ls[i]
		}
		out = append(out, Labeled{Value: v, Label: strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "* "))})
	}
	return out
}

func checkEmailLabeled(p *problems, line int, v Labeled) []Labeled {
	out := checkEmail(p, line, v.Value)
	if len(out) == 1 {
		out[0].Label = v.Label
	}
	return out
}

// unguardCell undoes the apostrophe GuardCell puts before a cell a
// spreadsheet would run as a formula, and only that one.
func unguardCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && GuardCell(s[1:]) == s {
		return s[1:]
	}
	return s
}
