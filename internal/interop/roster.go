package interop

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A RosterField is what one column of a center's roster holds: the file a
// university's systems export of its students or alumni.
type RosterField string

// The fields a roster column may be mapped to.
const (
	RosterEmail      RosterField = "email"
	RosterName       RosterField = "name"
	RosterFirstName  RosterField = "first_name"
	RosterLastName   RosterField = "last_name"
	RosterRole       RosterField = "role"
	RosterGradYear   RosterField = "graduation_year"
	RosterMajor      RosterField = "major"
	RosterDegree     RosterField = "degree"
	RosterEmployer   RosterField = "employer"
	RosterJobTitle   RosterField = "job_title"
	RosterLocation   RosterField = "location"
	RosterFields     RosterField = "fields"
	RosterLinkedIn   RosterField = "linkedin"
	RosterExternalID RosterField = "external_id"
	// RosterFirstGen is whether the person is the first of their family
	// at university: yes or no (true/false, y/n, 1/0); empty is not known.
	RosterFirstGen RosterField = "first_gen"
	// RosterAttribute keeps the column as a profile attribute under its
	// header: what a column no field names becomes.
	RosterAttribute RosterField = "attribute"
	// RosterIgnore leaves the column out.
	RosterIgnore RosterField = "ignore"
)

// RosterFieldList lists every field a column may be mapped to, in the
// order they are offered.
func RosterFieldList() []RosterField {
	return []RosterField{RosterEmail, RosterName, RosterFirstName, RosterLastName, RosterRole, RosterGradYear, RosterMajor,
		RosterDegree, RosterEmployer, RosterJobTitle, RosterLocation, RosterFields, RosterLinkedIn, RosterExternalID,
		RosterFirstGen, RosterAttribute, RosterIgnore}
}

// Label names the field for a person.
func (f RosterField) Label() string {
	switch f {
	case RosterEmail:
		return "Email"
	case RosterName:
		return "Name"
	case RosterFirstName:
		return "First name"
	case RosterLastName:
		return "Last name"
	case RosterRole:
		return "Role (student or volunteer)"
	case RosterGradYear:
		return "Graduation year"
	case RosterMajor:
		return "Major"
	case RosterDegree:
		return "Degree"
	case RosterEmployer:
		return "Employer"
	case RosterJobTitle:
		return "Job title"
	case RosterLocation:
		return "Location"
	case RosterFields:
		return "Career fields"
	case RosterLinkedIn:
		return "LinkedIn URL"
	case RosterExternalID:
		return "The university’s id (matches re-imports)"
	case RosterFirstGen:
		return "First-generation student (yes or no)"
	case RosterAttribute:
		return "Keep as a profile attribute"
	case RosterIgnore:
		return "Leave out"
	}
	return string(f)
}

// rosterHeaders are the header names recognised without a mapping, as
// headerKey reduces them.
var rosterHeaders = map[string]RosterField{
	"email": RosterEmail, "emailaddress": RosterEmail, "mail": RosterEmail,
	"name": RosterName, "fullname": RosterName,
	"firstname": RosterFirstName, "givenname": RosterFirstName,
	"lastname": RosterLastName, "surname": RosterLastName, "familyname": RosterLastName,
	"role":      RosterRole,
	"classyear": RosterGradYear, "graduationyear": RosterGradYear, "gradyear": RosterGradYear, "classof": RosterGradYear,
	"major": RosterMajor, "majors": RosterMajor,
	"degree":   RosterDegree,
	"employer": RosterEmployer, "company": RosterEmployer,
	"jobtitle": RosterJobTitle, "title": RosterJobTitle, "position": RosterJobTitle,
	"city": RosterLocation, "location": RosterLocation,
	"careerfield": RosterFields, "careerfields": RosterFields, "industry": RosterFields, "fields": RosterFields,
	"linkedin": RosterLinkedIn, "linkedinurl": RosterLinkedIn, "linkedinprofile": RosterLinkedIn,
	"externalid": RosterExternalID,
	"firstgen":   RosterFirstGen, "firstgeneration": RosterFirstGen, "firstgenstudent": RosterFirstGen,
	"firstgenerationstudent": RosterFirstGen, "firstgenerationcollegestudent": RosterFirstGen, "firstgenflag": RosterFirstGen,
}

// ParseRosterField reads a field's name as --map and the preview's form
// give it ("graduation_year", "LinkedIn", "Job Title"): its own name or
// a header recognised without mapping.
func ParseRosterField(s string) (RosterField, error) {
	k := headerKey(s)
	for _, f := range RosterFieldList() {
		if headerKey(string(f)) == k {
			return f, nil
		}
	}
	if f, ok := rosterHeaders[k]; ok {
		return f, nil
	}
	names := make([]string, 0, len(RosterFieldList()))
	for _, f := range RosterFieldList() {
		names = append(names, string(f))
	}
	return "", fmt.Errorf("%q is not a roster field: use one of %s", s, strings.Join(names, ", "))
}

// A RosterColumn is a column of the file and the field it was mapped to.
type RosterColumn struct {
	Header string      `json:"header"`
	Field  RosterField `json:"field"`
	Mapped bool        `json:"mapped"` // chosen by the caller rather than recognised
}

// A RosterAttr is one cell of a column kept as a profile attribute.
type RosterAttr struct {
	Name, Value string
}

// A RosterRow is one person of a roster, trimmed, as the file gives them.
// Name is built from the first and last names when only they are given.
type RosterRow struct {
	Line int
	// Reject, when set, says why the row cannot be read (its text is not
	// UTF-8), and the other fields are empty: the row is to be rejected.
	Reject                                     string
	Email, Name, Role, GradYear, Major, Degree string
	Employer, JobTitle, Location, Fields       string
	LinkedIn, ExternalID, FirstGen             string
	Attributes                                 []RosterAttr
	firstName, lastName                        string
}

// ErrNoEmailColumn is the kind of the FormatError of a roster without a
// column holding the email.
var ErrNoEmailColumn = errors.New("no email column")

// ReadRoster reads a roster CSV (comma-, semicolon- or tab-separated;
// UTF-8 or UTF-16 with a byte-order mark) and calls fn with each row that
// is not blank, in order. mapping chooses the field of a column by its
// header (compared as headerKey does); the other columns are recognised
// by their common names, else kept as attributes. It returns the columns
// as mapped, also with the error when the file has no email column, so
// that a preview can offer the mapping. A row that is not UTF-8 comes to fn
// with only its Line and Reject. Errors about the whole file (among them a
// file wholly in another encoding: see encoding.go) are *FormatError, with
// the line.
func ReadRoster(r io.Reader, mapping map[string]RosterField, fn func(RosterRow) error) ([]RosterColumn, error) {
	const want = "a roster (a CSV file with a header row)"
	br, kind, err := openText(r, want)
	if err != nil {
		return nil, err
	}
	if kind != "" {
		return nil, formatErr(0, ErrWrongKind, "this is %s, not %s", kind, want)
	}
	f := newCSVFile(br)
	f.cr.Comma = sniffComma(br)
	var header []string
	for {
		rec, err := f.next()
		if err == io.EOF {
			return nil, formatErr(0, ErrEmpty, "the file has no rows; expected %s", want)
		}
		if err != nil {
			return nil, rosterReadErr(f, err)
		}
		if !blankRow(rec) {
			header = slices.Clone(rec)
			break
		}
	}
	headerLine := f.line
	keyed := map[string]RosterField{}
	for h, fl := range mapping {
		keyed[headerKey(h)] = fl
	}
	cols := make([]RosterColumn, len(header))
	has := map[RosterField]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		c := RosterColumn{Header: h, Field: RosterAttribute}
		if fl, ok := keyed[headerKey(h)]; ok {
			c.Field, c.Mapped = fl, true
		} else if fl, ok := rosterHeaders[headerKey(h)]; ok && !has[fl] {
			c.Field = fl
		}
		if h == "" && !c.Mapped {
			c.Field = RosterIgnore
		}
		if c.Field != RosterAttribute && c.Field != RosterIgnore {
			if has[c.Field] {
				return cols, formatErr(headerLine, ErrNoHeader, "two columns are mapped to %s (%q and another); map one of them to something else", c.Field, h)
			}
			has[c.Field] = true
		}
		cols[i] = c
	}
	if !has[RosterEmail] {
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = fmt.Sprintf("%q", c.Header)
		}
		return cols, formatErr(headerLine, ErrNoEmailColumn, "no column holds the email (the columns are %s); map the one that does to email", strings.Join(names, ", "))
	}
	f.startData()
	for {
		rec, err := f.next()
		var uerr *notUTF8Error
		if errors.As(err, &uerr) {
			if err := fn(RosterRow{Line: uerr.line, Reject: rowNotUTF8(uerr.line, uerr.at, false)}); err != nil {
				return cols, err
			}
			continue
		}
		if err == io.EOF {
			return cols, f.end()
		}
		if err != nil {
			return cols, rosterReadErr(f, err)
		}
		if blankRow(rec) {
			continue
		}
		row := RosterRow{Line: f.line}
		for i, c := range cols {
			v := field(rec, i)
			if c.Field == RosterAttribute {
				if v != "" {
					row.Attributes = append(row.Attributes, RosterAttr{Name: c.Header, Value: v})
				}
				continue
			}
			if p := row.slot(c.Field); p != nil {
				*p = v
			}
		}
		if row.Name == "" {
			row.Name = strings.TrimSpace(row.firstName + " " + row.lastName)
		}
		if err := fn(row); err != nil {
			return cols, err
		}
	}
}

// slot is where a row keeps a field's value; nil for none.
func (r *RosterRow) slot(f RosterField) *string {
	switch f {
	case RosterEmail:
		return &r.Email
	case RosterName:
		return &r.Name
	case RosterFirstName:
		return &r.firstName
	case RosterLastName:
		return &r.lastName
	case RosterRole:
		return &r.Role
	case RosterGradYear:
		return &r.GradYear
	case RosterMajor:
		return &r.Major
	case RosterDegree:
		return &r.Degree
	case RosterEmployer:
		return &r.Employer
	case RosterJobTitle:
		return &r.JobTitle
	case RosterLocation:
		return &r.Location
	case RosterFields:
		return &r.Fields
	case RosterLinkedIn:
		return &r.LinkedIn
	case RosterExternalID:
		return &r.ExternalID
	case RosterFirstGen:
		return &r.FirstGen
	}
	return nil
}

// rosterReadErr words a failure to read a row of a roster.
func rosterReadErr(f *csvFile, err error) error {
	var fe *FormatError
	var uerr *notUTF8Error
	if errors.As(err, &uerr) {
		return uerr.headerError()
	}
	if errors.As(err, &fe) {
		if errors.Is(err, ErrTooLarge) {
			return formatErr(fe.Line, ErrTooLarge, "a cell or row longer than %d MiB (or a quote that is never closed): the file is damaged, or holds something other than a roster", maxRecord>>20)
		}
		return err
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return formatErr(pe.StartLine, ErrWrongKind, "this row is not well-formed CSV (%s); save the file again as CSV", pe.Err)
	}
	return fmt.Errorf("read the roster near line %d: %w", f.lim.scan.line, err)
}

// sniffComma guesses the separator from the first line: a spreadsheet set
// to a European locale writes semicolons, and some tools write tabs.
func sniffComma(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	comma, semi, tab := bytes.Count(head, []byte{','}), bytes.Count(head, []byte{';'}), bytes.Count(head, []byte{'\t'})
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
}
