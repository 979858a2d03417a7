package interop

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// linkedInSearch is how many rows may come before LinkedIn's header: the
// export opens with a "Notes:" preamble whose length has changed over the
// years.
const linkedInSearch = 50

const linkedInWant = "a LinkedIn Connections.csv export"

// ReadLinkedIn reads LinkedIn's Connections.csv (from "Get a copy of your
// data") and calls fn for each connection, in file order.
//
// It skips the "Notes:" preamble by finding the header by its column names,
// with or without the URL column older exports lack; reads quoted fields
// with commas and doubled quotes; takes dates like "03 Jan 2019"; and skips
// with a Problem the rows that are blank, have only a date, or have no name,
// and a second row for a profile (or, without profile, an e-mail) already
// seen: LinkedIn sometimes lists a person twice with the URL cased or
// slash-terminated differently; and a row that is not UTF-8, saying where
// (a file wholly in another encoding is an error instead; see encoding.go). Company maps to Organization and Position
// to Role.
//
// An error returned by fn, or by r, stops reading and is returned as is;
// any other error is a *FormatError. After an error, nothing fn received
// should be kept.
func ReadLinkedIn(r io.Reader, fn func(Contact) error) ([]Problem, error) {
	br, kind, err := openText(r, linkedInWant)
	if err != nil {
		return nil, err
	}
	if kind != "" {
		return nil, formatErr(0, ErrWrongKind, "this is %s, not %s", kind, linkedInWant)
	}
	f := newCSVFile(br)

	var cols columns
	semicolons := false
	var notUTF8 *notUTF8Error
	for n := 0; cols == nil; n++ {
		rec, err := f.next()
		var perr *csv.ParseError
		var uerr *notUTF8Error
		switch {
		case errors.As(err, &perr):
			continue // the preamble is free text
		case errors.As(err, &uerr):
			if notUTF8 == nil {
				notUTF8 = uerr // the preamble, or a damaged header
			}
			continue
		case err == io.EOF || (err == nil && n >= linkedInSearch):
			hint := ""
			if semicolons {
				hint = "; its columns are separated by semicolons (was it re-saved by a spreadsheet? use the file LinkedIn sent)"
			} else if notUTF8 != nil {
				hint = fmt.Sprintf("; line %d is %s", notUTF8.line, rowNotUTF8(notUTF8.line, notUTF8.at, false))
			}
			return nil, formatErr(0, ErrNoHeader,
				"no LinkedIn header (First Name, Last Name, URL, Email Address, Company, Position, Connected On) in the first %d rows%s",
				linkedInSearch, hint)
		case err != nil:
			return nil, err
		}
		semicolons = semicolons || semicolonHeader(rec)
		c := newColumns(rec)
		switch classifyHeader(c) {
		case headerLinkedIn:
			cols = c
		case headerGoogle:
			return nil, formatErr(f.line, ErrWrongKind, "this is a Google Contacts CSV, not %s", linkedInWant)
		}
	}

	var (
		first     = cols.index("firstname")
		last      = cols.index("lastname")
		url       = cols.index("url", "profileurl")
		email     = cols.index("emailaddress")
		company   = cols.index("company")
		position  = cols.index("position")
		connected = cols.index("connectedon")
	)
	var p problems
	seen := make(map[uint64]int) // fingerprint of the normalized profile URL or e-mail → line first seen
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
		line := f.line
		c := Contact{
			Line:         line,
			FirstName:    field(rec, first),
			LastName:     field(rec, last),
			ProfileURL:   field(rec, url),
			Organization: field(rec, company),
			Role:         field(rec, position),
		}
		date := field(rec, connected)
		switch {
		case blankRow(rec):
			p.add(line, true, "empty row; skipped")
			continue
		case c.FirstName == "" && c.LastName == "":
			if date != "" && c.ProfileURL == "" && c.Organization == "" && c.Role == "" && field(rec, email) == "" {
				p.add(line, true, "row has only a date (%s); skipped", quoteShort(date))
			} else {
				p.add(line, true, "row has no name; skipped")
			}
			continue
		}
		c.Name = joinNonEmpty(" ", c.FirstName, c.LastName)
		c.Emails = checkEmail(&p, line, field(rec, email))

		key := NormalizeProfileURL(c.ProfileURL)
		if key == "" && len(c.Emails) > 0 {
			key = "mailto:" + strings.ToLower(c.Emails[0].Value)
		}
		if key != "" {
			fp := Fingerprint(key)
			if before, dup := seen[fp]; dup {
				p.addSame(line, before, "%s is the same person as line %d; skipped", c.Name, before)
				continue
			}
			seen[fp] = line
		}

		if date != "" {
			if t, ok := parseLinkedInDate(date); ok {
				c.ConnectedOn = t
			} else {
				p.add(line, false, "Connected On %s is not a date like 03 Jan 2019; left out", quoteShort(date))
			}
		}
		if err := fn(c); err != nil {
			return nil, err
		}
	}
}

// parseLinkedInDate reads the "Connected On" column. LinkedIn writes
// "03 Jan 2019"; older exports and files that went through a spreadsheet
// have other shapes. Day-first and month-first numeric dates are not
// accepted, as they cannot be told apart.
func parseLinkedInDate(s string) (time.Time, bool) {
	for _, layout := range []string{"02 Jan 2006", "2 Jan 2006", "2-Jan-06", "2 January 2006", "Jan 2, 2006", "January 2, 2006", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
