package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/model"
)

// A roster is the list of students or alumni a university's systems
// export. ImportRoster makes or updates one account a row, with its role
// and profile, in one transaction.

// RosterOptions says how to read a roster.
type RosterOptions struct {
	// Role is given to the rows that do not name theirs in a role column:
	// student or volunteer.
	Role model.Role
	// Map chooses the field of columns by header, beside those recognised
	// by their common names.
	Map map[string]interop.RosterField
	// DryRun reads the file and says what the import would do, writing
	// nothing.
	DryRun bool
	// SkipRejected imports the other rows when some cannot be; otherwise a
	// single rejected row stops the import and nothing is written.
	SkipRejected bool
	// Progress, when set, hears how far the import got (on the goroutine
	// of ImportRoster, inside its transaction while writing).
	Progress func(RosterProgress)
}

// Phases of a roster import.
const (
	RosterReading  = "reading"
	RosterChecking = "checking"
	RosterWriting  = "writing"
)

// RosterProgress is how far an import got: rows done of total (0 while
// the file is still being read).
type RosterProgress struct {
	Phase string `json:"phase"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// A RosterEntry is a row that makes or updates an account.
type RosterEntry struct {
	Line      int        `json:"line"`
	Email     string     `json:"email"`
	Name      string     `json:"name"`
	Role      model.Role `json:"role"`
	AccountID int64      `json:"account_id,omitempty"`
	MatchedBy string     `json:"matched_by,omitempty"` // an update's match: "external_id" or "email"
	Changes   []string   `json:"changes,omitempty"`    // what an update changes
}

// A RosterReject is a row that cannot be imported, and why.
type RosterReject struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// RosterListMax is how many entries of each list a RosterResult holds;
// the counts count them all.
const RosterListMax = 1000

// RosterResult is what an import did, or would do.
type RosterResult struct {
	Role          model.Role             `json:"role"`
	Columns       []interop.RosterColumn `json:"columns"`
	Rows          int                    `json:"rows"`
	NewCount      int                    `json:"new_count"`
	UpdateCount   int                    `json:"update_count"`
	Unchanged     int                    `json:"unchanged"`
	RejectedCount int                    `json:"rejected_count"`
	New           []RosterEntry          `json:"new"`
	Updated       []RosterEntry          `json:"updated"`
	Rejected      []RosterReject         `json:"rejected"`
	Applied       bool                   `json:"applied"`
	// AccountIDs are the accounts the imported rows name (new, updated and
	// unchanged), once applied: the ones to invite.
	AccountIDs []int64 `json:"-"`
}

func (res *RosterResult) reject(line int, format string, args ...any) {
	res.RejectedCount++
	if len(res.Rejected) < RosterListMax {
		res.Rejected = append(res.Rejected, RosterReject{Line: line, Message: fmt.Sprintf(format, args...)})
	}
}

// RosterRejectedError stops an import with rejected rows: nothing was
// written.
type RosterRejectedError struct {
	Count int
	First RosterReject
}

func (e *RosterRejectedError) Error() string {
	more := ""
	if e.Count > 1 {
		more = fmt.Sprintf(" (and %d more rows that cannot be imported)", e.Count-1)
	}
	return fmt.Sprintf("line %d: %s%s; nothing was imported", e.First.Line, e.First.Message, more)
}

// maxAttribute bounds the value of a column kept as a profile attribute,
// and maxAttributeName its header.
const (
	maxAttribute     = 2000
	maxAttributeName = 100
)

// rosterItem is one row being imported.
type rosterItem struct {
	line                                                     int
	email, key, name, ext                                    string
	role                                                     model.Role
	year                                                     int
	major, degree, employer, title, location, fields, linked string
	firstGen                                                 *bool // nil: the cell is empty or says not known
	forgetFirstGen                                           bool  // the cell says not known (model.NotKnown)
	attrs                                                    []interop.RosterAttr

	// What the plan decided.
	rejected  bool
	id        int64
	isNew     bool
	matchedBy string
	changes   []string
	addRole   bool
	student   *model.StudentProfile
	volunteer *model.VolunteerProfile
	writeAttr []interop.RosterAttr
}

// rosterRoles are the roles an import gives.
var rosterRoles = []model.Role{model.RoleStudent, model.RoleVolunteer}

// ImportRoster reads a roster and makes or updates its accounts, in one
// transaction; with opt.DryRun it only says what it would do. A row is
// matched to an account by its external id when the file has one (so a
// changed email updates the account), else by email; an empty cell
// changes nothing. Errors about the whole file are *interop.FormatError;
// rows that cannot be imported stop it with *RosterRejectedError unless
// opt.SkipRejected.
func (s *Store) ImportRoster(ctx context.Context, r io.Reader, opt RosterOptions, by model.Actor, now time.Time) (*RosterResult, error) {
	if !slices.Contains(rosterRoles, opt.Role) {
		return nil, model.Invalid("role", "%q is not a role an import gives: use student or volunteer", opt.Role)
	}
	progress := opt.Progress
	if progress == nil {
		progress = func(RosterProgress) {}
	}
	res := &RosterResult{Role: opt.Role, New: []RosterEntry{}, Updated: []RosterEntry{}, Rejected: []RosterReject{}}
	var items []*rosterItem
	emailLine, extLine := map[string]int{}, map[string]int{}
	cols, err := interop.ReadRoster(r, opt.Map, func(row interop.RosterRow) error {
		res.Rows++
		if res.Rows%5000 == 0 {
			progress(RosterProgress{Phase: RosterReading, Done: res.Rows})
		}
		if row.Reject != "" {
			res.reject(row.Line, "%s", row.Reject) // not UTF-8
			return nil
		}
		it, msg := prepareRosterRow(row, opt.Role)
		if msg != "" {
			res.reject(row.Line, "%s", msg)
			return nil
		}
		if first, dup := emailLine[it.key]; dup {
			res.reject(row.Line, "%s is also on line %d: each person once, please", it.email, first)
			return nil
		}
		if it.ext != "" {
			if first, dup := extLine[it.ext]; dup {
				res.reject(row.Line, "the id %s is also on line %d: each person once, please", it.ext, first)
				return nil
			}
			extLine[it.ext] = row.Line
		}
		emailLine[it.key] = row.Line
		items = append(items, it)
		return ctx.Err()
	})
	res.Columns = cols
	if err != nil {
		return res, err
	}
	progress(RosterProgress{Phase: RosterChecking, Total: len(items)})
	// Read before the transaction: on PostgreSQL every connection of the
	// pool may be held by imports waiting for the center's lock.
	set, err := s.CenterRules(ctx)
	if err != nil {
		return res, err
	}
	capacity := set.DefaultMonthlyCapacity
	if opt.DryRun {
		err := s.planRoster(ctx, s.r, items, capacity, res)
		return res, err
	}
	// A plain transaction, not Scope.InTx: that would first write the
	// version of owner 0, a lock on users taken before the center's, which
	// deadlocks with another import's LOCK TABLE users.
	err = s.inTx(ctx, func(q queryer) error {
		tx := &Scope{st: s, r: q, w: q, inTx: true, touches: &touchedSet{}}
		if err := requireCenter(ctx, tx.w); err != nil {
			return err
		}
		if err := s.planRoster(ctx, tx.w, items, capacity, res); err != nil {
			return err
		}
		if res.RejectedCount > 0 && !opt.SkipRejected {
			return &RosterRejectedError{Count: res.RejectedCount, First: res.Rejected[0]}
		}
		if err := s.writeRoster(ctx, tx, items, progress, now); err != nil {
			return err
		}
		detail := fmt.Sprintf("%d new, %d updated, %d unchanged, %d rejected; role %s", res.NewCount, res.UpdateCount, res.Unchanged,
			res.RejectedCount, opt.Role)
		return audit(ctx, tx.w, entry(by, now, "roster.import", "center", detail))
	})
	if err != nil {
		return res, err
	}
	res.Applied = true
	for _, it := range items {
		if !it.rejected {
			res.AccountIDs = append(res.AccountIDs, it.id)
		}
	}
	if res.NewCount+res.UpdateCount >= 1000 {
		if err := s.analyzeDirectory(ctx); err != nil {
			return res, err
		}
	}
	return res, nil
}

// prepareRosterRow checks what can be checked of a row alone; msg says
// why it cannot be imported.
func prepareRosterRow(row interop.RosterRow, role model.Role) (it *rosterItem, msg string) {
	it = &rosterItem{line: row.Line, email: row.Email, key: model.EmailKey(row.Email), name: strings.Join(strings.Fields(row.Name), " "),
		ext: row.ExternalID, role: role, major: row.Major, degree: row.Degree, employer: row.Employer, title: row.JobTitle,
		location: row.Location, fields: row.Fields, linked: row.LinkedIn, attrs: row.Attributes}
	switch {
	case row.Email == "":
		return nil, "no email"
	case !model.ValidEmail(row.Email):
		return nil, fmt.Sprintf("%q is not an email address", clip(row.Email, 100))
	case len(it.name) > model.MaxName:
		return nil, fmt.Sprintf("the name is too long (at most %d characters)", model.MaxName)
	case len(it.ext) > model.MaxName:
		return nil, fmt.Sprintf("the id is too long (at most %d characters)", model.MaxName)
	}
	if row.Role != "" {
		r, err := model.ParseRole(strings.TrimSuffix(strings.ToLower(row.Role), "s"))
		if err != nil || !slices.Contains(rosterRoles, r) {
			if err == nil {
				return nil, fmt.Sprintf("an import gives the student or volunteer role, not %s: make advisors one by one on the accounts page", r)
			}
			return nil, fmt.Sprintf("%q is not a role: use student or volunteer", clip(row.Role, 100))
		}
		it.role = r
	}
	y, err := model.ParseYear("graduation_year", row.GradYear)
	if err != nil {
		return nil, fmt.Sprintf("%q is not a graduation year like 2019", clip(row.GradYear, 100))
	}
	it.year = y
	// An empty cell keeps the flag recorded; only "unknown" forgets it,
	// so that a file without the fact cannot erase it by accident.
	if model.NotKnown(row.FirstGen) {
		it.forgetFirstGen = true
	} else if it.firstGen, err = model.ParseYesNo("first_gen", row.FirstGen); err != nil {
		return nil, fmt.Sprintf("%q is not a first-generation flag: use yes or no, or unknown to forget one recorded (an empty cell keeps it)", clip(row.FirstGen, 100))
	}
	if l := strings.ToLower(it.linked); l != "" && !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") &&
		(strings.HasPrefix(l, "linkedin.com/") || strings.HasPrefix(l, "www.linkedin.com/")) {
		it.linked = "https://" + it.linked
	}
	if it.linked != "" && !model.ValidURL(it.linked) {
		return nil, fmt.Sprintf("%q is not a LinkedIn address (it should start with https://)", clip(row.LinkedIn, 100))
	}
	for _, a := range it.attrs {
		if len(a.Value) > maxAttribute {
			return nil, fmt.Sprintf("the %q cell is %d characters long; at most %d", clip(a.Name, maxAttributeName), len(a.Value), maxAttribute)
		}
		if fe := model.ControlIn("", a.Value, true); fe != nil {
			return nil, fmt.Sprintf("the %q cell %s", clip(a.Name, maxAttributeName), fe.Message)
		}
	}
	// What no profile validates (the account's name and id, and what a
	// student's profile keeps as attributes) must hold no control
	// character either: PostgreSQL refuses a NUL, and SQLite would keep
	// one that could never move.
	for _, c := range []struct{ what, v string }{{"name", it.name}, {"id", it.ext}, {"job title", it.title}, {"location", it.location}} {
		if fe := model.ControlIn("", c.v, false); fe != nil {
			return nil, "the " + c.what + " " + fe.Message
		}
	}
	return it, ""
}

// rosterAccount is an account as the plan compares a row with it.
type rosterAccount struct {
	id               int64
	key, ext         string
	name, email      string
	roles            []model.Role
	matchedLine      int
	hasStudent       bool
	hasVolunteer     bool
	student          model.StudentProfile
	volunteer        model.VolunteerProfile
	linkedin         string
	attrs            map[string]string
	profilesAreKnown bool
}

// planRoster matches each item with an account, or marks it new, and
// works out what changes, reading through q; rows that cannot be
// imported are rejected in res.
func (s *Store) planRoster(ctx context.Context, q queryer, items []*rosterItem, capacity int, res *RosterResult) error {
	byKey, byExt := map[string]*rosterAccount{}, map[string]*rosterAccount{}
	byID := map[int64]*rosterAccount{}
	rows, err := q.QueryContext(ctx, `SELECT a.user_id, a.email_key, COALESCE(a.external_id, ''), u.name, u.email FROM accounts a JOIN users u ON u.id = a.user_id`)
	if err != nil {
		return fmt.Errorf("read the accounts: %w", err)
	}
	for rows.Next() {
		a := &rosterAccount{}
		if err := rows.Scan(&a.id, &a.key, &a.ext, &a.name, &a.email); err != nil {
			rows.Close()
			return fmt.Errorf("read the accounts: %w", err)
		}
		byKey[a.key], byID[a.id] = a, a
		if a.ext != "" {
			byExt[a.ext] = a
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the accounts: %w", err)
	}
	// Match.
	var ids []int64
	rejectAt := func(it *rosterItem, format string, args ...any) {
		it.rejected = true
		res.reject(it.line, format, args...)
	}
	for _, it := range items {
		var a *rosterAccount
		if it.ext != "" {
			if a = byExt[it.ext]; a != nil {
				if other := byKey[it.key]; other != nil && other != a {
					rejectAt(it, "%s is the email of another account than the one with the id %s", it.email, it.ext)
					continue
				}
				it.matchedBy = "external_id"
			}
		}
		if a == nil {
			if a = byKey[it.key]; a != nil {
				if a.ext != "" && it.ext != "" && a.ext != it.ext {
					rejectAt(it, "%s has the id %s in Ally, not %s", it.email, a.ext, it.ext)
					continue
				}
				it.matchedBy = "email"
			}
		}
		if a != nil {
			if a.matchedLine != 0 {
				rejectAt(it, "this row and line %d are the same account (%s)", a.matchedLine, a.email)
				continue
			}
			a.matchedLine = it.line
			it.id = a.id
			ids = append(ids, a.id)
		} else {
			it.isNew = true
		}
	}
	if err := s.loadRosterAccounts(ctx, q, ids, byID); err != nil {
		return err
	}
	for _, it := range items {
		if it.rejected {
			continue
		}
		var a *rosterAccount
		if !it.isNew {
			a = byID[it.id]
		} else {
			a = &rosterAccount{student: emptyStudent(), volunteer: emptyVolunteer(capacity), attrs: map[string]string{}}
			if it.name == "" {
				rejectAt(it, "no name: a new account needs one")
				continue
			}
		}
		if msg := mergeRosterRow(it, a); msg != "" {
			rejectAt(it, "%s", msg)
			continue
		}
		e := RosterEntry{Line: it.line, Email: it.email, Name: it.name, Role: it.role, AccountID: it.id, MatchedBy: it.matchedBy, Changes: it.changes}
		if e.Name == "" {
			e.Name = a.name
		}
		switch {
		case it.isNew:
			res.NewCount++
			if len(res.New) < RosterListMax {
				res.New = append(res.New, e)
			}
		case len(it.changes) > 0:
			res.UpdateCount++
			if len(res.Updated) < RosterListMax {
				res.Updated = append(res.Updated, e)
			}
		default:
			res.Unchanged++
		}
	}
	slices.SortFunc(res.Rejected, func(a, b RosterReject) int { return a.Line - b.Line })
	return nil
}

func emptyStudent() model.StudentProfile {
	return model.StudentProfile{Majors: []string{}, Clubs: []string{}, PastEmployers: []string{}, Interests: []string{}}
}

func emptyVolunteer(capacity int) model.VolunteerProfile {
	return model.VolunteerProfile{MonthlyCapacity: capacity, Majors: []string{}, Fields: []string{}, Industries: []string{},
		Languages: []string{}, Channels: []model.Channel{}, Clubs: []string{}, PastEmployers: []string{}}
}

// loadRosterAccounts reads the roles, profiles and attributes of the
// matched accounts, a few hundred at a time.
func (s *Store) loadRosterAccounts(ctx context.Context, q queryer, ids []int64, byID map[int64]*rosterAccount) error {
	const per = 500
	for start := 0; start < len(ids); start += per {
		chunk := ids[start:min(len(ids), start+per)]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
			a := byID[id]
			a.student, a.volunteer, a.attrs = emptyStudent(), emptyVolunteer(model.DefaultCapacity), map[string]string{}
		}
		in := `(` + placeholders(1, len(chunk)) + `)`
		if err := eachRow(ctx, q, `SELECT user_id, role FROM account_roles WHERE user_id IN `+in, args, func(rs *sql.Rows) error {
			var id int64
			var role string
			if err := rs.Scan(&id, &role); err != nil {
				return err
			}
			byID[id].roles = append(byID[id].roles, model.Role(role))
			return nil
		}); err != nil {
			return fmt.Errorf("read the accounts' roles: %w", err)
		}
		if err := eachRow(ctx, q, `SELECT `+volunteerColumns+`, v.linkedin FROM volunteer_profiles v WHERE v.account_id IN `+in, args, func(rs *sql.Rows) error {
			var linkedin string
			p, err := scanVolunteer(rs, &linkedin)
			if err != nil {
				return err
			}
			a := byID[p.AccountID]
			a.volunteer, a.hasVolunteer, a.linkedin = p, true, linkedin
			return nil
		}); err != nil {
			return fmt.Errorf("read the volunteer profiles: %w", err)
		}
		if err := eachRow(ctx, q, `SELECT account_id, class_year, degree, majors, home_town, clubs, past_employers, interests, first_gen
			FROM student_profiles WHERE account_id IN `+in, args, func(rs *sql.Rows) error {
			var p model.StudentProfile
			var year sql.NullInt64
			var firstGen sql.NullBool
			var majors, clubs, employers, interests string
			if err := rs.Scan(&p.AccountID, &year, &p.Degree, &majors, &p.HomeTown, &clubs, &employers, &interests, &firstGen); err != nil {
				return err
			}
			p.ClassYear, p.FirstGen = int(year.Int64), nullBool(firstGen)
			p.Majors, p.Clubs, p.PastEmployers, p.Interests = splitLines(majors), splitLines(clubs), splitLines(employers), splitLines(interests)
			a := byID[p.AccountID]
			a.student, a.hasStudent = p, true
			return nil
		}); err != nil {
			return fmt.Errorf("read the student profiles: %w", err)
		}
		if err := eachRow(ctx, q, `SELECT account_id, name, value FROM profile_attributes WHERE account_id IN `+in, args, func(rs *sql.Rows) error {
			var id int64
			var name, value string
			if err := rs.Scan(&id, &name, &value); err != nil {
				return err
			}
			byID[id].attrs[name] = value
			return nil
		}); err != nil {
			return fmt.Errorf("read the profile attributes: %w", err)
		}
	}
	return nil
}

// eachRow runs query and calls fn on each row.
func eachRow(ctx context.Context, q queryer, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// mergeRosterRow lays the row's non-empty cells over the account a (an
// empty one for a new account), and records in it what to write and
// what changes. msg says why the row cannot be imported.
func mergeRosterRow(it *rosterItem, a *rosterAccount) (msg string) {
	change := func(what string) {
		if !slices.Contains(it.changes, what) {
			it.changes = append(it.changes, what)
		}
	}
	if it.name == "" {
		it.name = a.name
	} else if !it.isNew && it.name != a.name {
		change("name")
	}
	if !it.isNew && it.email != a.email {
		change("email")
	}
	if it.ext == "" {
		it.ext = a.ext
	} else if !it.isNew && it.ext != a.ext {
		change("id")
	}
	it.addRole = !slices.Contains(a.roles, it.role)
	if !it.isNew && it.addRole {
		change("role " + string(it.role))
	}
	// Attributes: a column no profile field names, and for a student the
	// volunteer's fields a student profile has no place for.
	attrs := slices.Clone(it.attrs)
	if it.role == model.RoleVolunteer {
		p := a.volunteer
		p.Majors, p.Fields = slices.Clone(p.Majors), slices.Clone(p.Fields)
		if it.name != "" && (p.DisplayName == "" || it.name != a.name) {
			p.DisplayName = it.name
		}
		setIf(&p.Degree, it.degree)
		setIf(&p.Employer, it.employer)
		setIf(&p.Title, it.title)
		setIf(&p.City, it.location)
		if it.year != 0 {
			p.GradYear = it.year
		}
		if it.major != "" {
			p.Majors = model.SplitList(it.major)
		}
		if it.fields != "" {
			p.Fields = model.SplitList(it.fields)
		}
		// A volunteer profile has no place for it: kept as an attribute.
		switch {
		case it.firstGen != nil:
			attrs = append(attrs, interop.RosterAttr{Name: firstGenAttribute, Value: yesNo(*it.firstGen)})
		case it.forgetFirstGen && a.attrs[firstGenAttribute] != "":
			attrs = append(attrs, interop.RosterAttr{Name: firstGenAttribute, Value: "unknown"})
		}
		linkedin := a.linkedin
		setIf(&linkedin, it.linked)
		if err := p.Validate(); err != nil {
			return rosterFieldError(err)
		}
		if !a.hasVolunteer || volunteerChanged(a.volunteer, p) || linkedin != a.linkedin {
			it.volunteer = &p
			a.linkedin = linkedin
			it.linked = linkedin
			if !it.isNew {
				change("profile")
			}
		}
	} else {
		p := a.student
		p.Majors, p.Interests, p.PastEmployers = slices.Clone(p.Majors), slices.Clone(p.Interests), slices.Clone(p.PastEmployers)
		if it.year != 0 {
			p.ClassYear = it.year
		}
		setIf(&p.Degree, it.degree)
		if it.major != "" {
			p.Majors = model.SplitList(it.major)
		}
		if it.fields != "" {
			p.Interests = model.SplitList(it.fields)
		}
		if it.firstGen != nil || it.forgetFirstGen {
			p.FirstGen = it.firstGen
		}
		if it.employer != "" && !slices.ContainsFunc(p.PastEmployers, func(e string) bool { return strings.EqualFold(e, it.employer) }) {
			p.PastEmployers = append(p.PastEmployers, it.employer)
		}
		for _, extra := range []struct {
			f interop.RosterField
			v string
		}{{interop.RosterJobTitle, it.title}, {interop.RosterLocation, it.location}, {interop.RosterLinkedIn, it.linked}} {
			if extra.v != "" {
				attrs = append(attrs, interop.RosterAttr{Name: extra.f.Label(), Value: extra.v})
			}
		}
		if err := p.Validate(); err != nil {
			return rosterFieldError(err)
		}
		if !a.hasStudent || studentChanged(a.student, p) {
			it.student = &p
			if !it.isNew {
				change("profile")
			}
		}
	}
	for _, at := range attrs {
		name, _ := model.StripControl(at.Name, false) // a header is no row's fault
		name = clip(strings.TrimSpace(name), maxAttributeName)
		if name == "" {
			continue
		}
		if old, ok := a.attrs[name]; !ok || old != at.Value {
			it.writeAttr = append(it.writeAttr, interop.RosterAttr{Name: name, Value: at.Value})
			a.attrs[name] = at.Value
			if !it.isNew {
				change("attributes")
			}
		}
	}
	return ""
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// rosterFieldError words a profile's first invalid field for a row.
func rosterFieldError(err error) string {
	if es := model.AsErrors(err); len(es) > 0 {
		return strings.ReplaceAll(es[0].Field, "_", " ") + ": " + es[0].Message
	}
	return err.Error()
}

func volunteerChanged(a, b model.VolunteerProfile) bool {
	return a.DisplayName != b.DisplayName || a.GradYear != b.GradYear || a.Degree != b.Degree || !slices.Equal(a.Majors, b.Majors) ||
		a.Employer != b.Employer || a.Title != b.Title || !slices.Equal(a.Fields, b.Fields) || a.City != b.City
}

func studentChanged(a, b model.StudentProfile) bool {
	return a.ClassYear != b.ClassYear || a.Degree != b.Degree || !slices.Equal(a.Majors, b.Majors) ||
		!slices.Equal(a.Interests, b.Interests) || !slices.Equal(a.PastEmployers, b.PastEmployers) || !sameFlag(a.FirstGen, b.FirstGen)
}

func sameFlag(a, b *bool) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// firstGenAttribute is the attribute a volunteer's first-generation flag
// is kept under.
const firstGenAttribute = "First generation"

func yesNo(v bool) string {
	if v {
		return "yes"
	}
	return "no"
}

// nullBool reads a flag that may be unknown (NULL).
func nullBool(b sql.NullBool) *bool {
	if !b.Valid {
		return nil
	}
	return &b.Bool
}

// boolArg writes an unknown flag as NULL.
func boolArg(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// writeRoster writes what the plan decided, in batches, in tx.
func (s *Store) writeRoster(ctx context.Context, tx *Scope, items []*rosterItem, progress func(RosterProgress), now time.Time) error {
	base, err := tx.idBase(ctx, "users")
	if err != nil {
		return fmt.Errorf("import the roster: %w", err)
	}
	at := ts(now)
	// An updated volunteer's directory terms (and on SQLite their
	// full-text entry) are written afresh: the old ones go first.
	var stale []int64
	for _, it := range items {
		if it.volunteer != nil && !it.isNew && it.id != 0 {
			stale = append(stale, it.id)
		}
	}
	for start := 0; start < len(stale); start += batchParams {
		chunk := stale[start:min(len(stale), start+batchParams)]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		in := `(` + placeholders(1, len(chunk)) + `)`
		if _, err := tx.w.ExecContext(ctx, `DELETE FROM volunteer_terms WHERE account_id IN `+in, args...); err != nil {
			return fmt.Errorf("import the roster: %w", err)
		}
		if s.dialect == SQLite {
			if _, err := tx.w.ExecContext(ctx, `DELETE FROM volunteer_search WHERE rowid IN `+in, args...); err != nil {
				return fmt.Errorf("import the roster: %w", err)
			}
		}
	}
	users := tx.batchInserter("users", "id", "name", "email", "settings", "created_at").
		onConflict(`ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email`)
	accounts := tx.batchInserter("accounts", "user_id", "email_key", "password_hash", "status", "created_at", "external_id").
		onConflict(`ON CONFLICT (user_id) DO UPDATE SET email_key = excluded.email_key, external_id = excluded.external_id`).after(users)
	roles := tx.batchInserter("account_roles", "user_id", "role").onConflict(`ON CONFLICT DO NOTHING`).after(accounts)
	students := tx.batchInserter("student_profiles", "account_id", "class_year", "degree", "majors", "home_town", "clubs",
		"past_employers", "interests", "first_gen", "updated_at").
		onConflict(`ON CONFLICT (account_id) DO UPDATE SET class_year = excluded.class_year, degree = excluded.degree, majors = excluded.majors,
			past_employers = excluded.past_employers, interests = excluded.interests, first_gen = excluded.first_gen,
			updated_at = excluded.updated_at`).after(accounts)
	volunteers := tx.batchInserter("volunteer_profiles", "account_id", "display_name", "grad_year", "degree", "majors", "employer",
		"title", "fields", "city", "monthly_capacity", "linkedin", "employer_key", "title_key", "location_key", "updated_at").
		onConflict(`ON CONFLICT (account_id) DO UPDATE SET display_name = excluded.display_name, grad_year = excluded.grad_year,
			degree = excluded.degree, majors = excluded.majors, employer = excluded.employer, title = excluded.title,
			fields = excluded.fields, city = excluded.city, linkedin = excluded.linkedin, employer_key = excluded.employer_key,
			title_key = excluded.title_key, location_key = excluded.location_key, updated_at = excluded.updated_at`).after(accounts)
	terms := tx.batchInserter("volunteer_terms", "account_id", "kind", "term", "label").after(volunteers)
	attrs := tx.batchInserter("profile_attributes", "account_id", "name", "value").
		onConflict(`ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value`).after(accounts)
	all := []*batchInserter{users, accounts, roles, students, volunteers, terms, attrs}
	var search *batchInserter
	if s.dialect == SQLite {
		search = tx.batchInserter("volunteer_search", "rowid", "head", "body")
		search.per = ftsBatchRows / 3
		all = append(all, search)
	}
	defer func() {
		for _, b := range all {
			b.close()
		}
	}()
	next := base
	for i, it := range items {
		if i%2000 == 0 {
			progress(RosterProgress{Phase: RosterWriting, Done: i, Total: len(items)})
		}
		if it.rejected {
			continue
		}
		if it.isNew {
			next++
			it.id = next
		}
		if it.isNew || slices.Contains(it.changes, "name") || slices.Contains(it.changes, "email") {
			if err := users.add(ctx, it.id, it.name, it.email, "{}", at); err != nil {
				return err
			}
		}
		if it.isNew || slices.Contains(it.changes, "email") || slices.Contains(it.changes, "id") {
			if err := accounts.add(ctx, it.id, it.key, "", model.StatusActive, at, nullString(it.ext)); err != nil {
				return err
			}
		}
		if it.addRole {
			if err := roles.add(ctx, it.id, string(it.role)); err != nil {
				return err
			}
		}
		if p := it.student; p != nil {
			if err := students.add(ctx, it.id, nullYear(p.ClassYear), p.Degree, joinLines(p.Majors), p.HomeTown, joinLines(p.Clubs),
				joinLines(p.PastEmployers), joinLines(p.Interests), boolArg(p.FirstGen), at); err != nil {
				return err
			}
		}
		if p := it.volunteer; p != nil {
			p.AccountID = it.id
			if err := volunteers.add(ctx, it.id, p.DisplayName, nullYear(p.GradYear), p.Degree, joinLines(p.Majors), p.Employer,
				p.Title, joinLines(p.Fields), p.City, p.MonthlyCapacity, it.linked, center.Key(p.Employer), center.Key(p.Title),
				center.Key(p.Location()), at); err != nil {
				return err
			}
			for _, t := range uniqueTerms(p) {
				if err := terms.add(ctx, it.id, t.kind, t.term, t.label); err != nil {
					return err
				}
			}
			if search != nil {
				head, body := volunteerDoc(p)
				if err := search.add(ctx, it.id, head, body); err != nil {
					return err
				}
			}
		}
		for _, a := range it.writeAttr {
			if err := attrs.add(ctx, it.id, a.Name, a.Value); err != nil {
				return err
			}
		}
	}
	for _, b := range all {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	if next > base {
		if err := tx.syncSequence(ctx, "users"); err != nil {
			return fmt.Errorf("import the roster: %w", err)
		}
	}
	progress(RosterProgress{Phase: RosterWriting, Done: len(items), Total: len(items)})
	return nil
}

// nullString writes "" as NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// A ProfileAttribute is a roster column kept on an account's profile.
type ProfileAttribute struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// ProfileAttributes lists the attributes kept on an account, by name.
func (s *Store) ProfileAttributes(ctx context.Context, id int64) ([]ProfileAttribute, error) {
	return profileAttributes(ctx, s.r, id)
}

func profileAttributes(ctx context.Context, q queryer, id int64) ([]ProfileAttribute, error) {
	out := []ProfileAttribute{}
	err := eachRow(ctx, q, `SELECT name, value FROM profile_attributes WHERE account_id = $1 ORDER BY name`, []any{id}, func(rs *sql.Rows) error {
		var a ProfileAttribute
		if err := rs.Scan(&a.Name, &a.Value); err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the profile attributes: %w", err)
	}
	return out, nil
}
