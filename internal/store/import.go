package store

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/model"
)

// ImportFormat is a kind of contacts file Ally imports.
type ImportFormat string

// The contacts files Ally imports.
const (
	ImportLinkedIn ImportFormat = "linkedin" // LinkedIn's Connections.csv
	ImportVCard    ImportFormat = "vcard"    // vCard 2.1, 3.0 or 4.0
	ImportGoogle   ImportFormat = "google"   // Google Contacts CSV
)

// ImportFormats lists the formats.
func ImportFormats() []ImportFormat { return []ImportFormat{ImportLinkedIn, ImportVCard, ImportGoogle} }

// Label names the format for people.
func (f ImportFormat) Label() string {
	switch f {
	case ImportLinkedIn:
		return "LinkedIn connections"
	case ImportVCard:
		return "vCard contacts"
	case ImportGoogle:
		return "Google contacts"
	}
	return string(f)
}

func (f ImportFormat) reader() func(io.Reader, func(interop.Contact) error) ([]interop.Problem, error) {
	switch f {
	case ImportLinkedIn:
		return interop.ReadLinkedIn
	case ImportVCard:
		return interop.ReadVCard
	case ImportGoogle:
		return interop.ReadGoogleCSV
	}
	return nil
}

// LinkedInNote is the note of the activity an import logs for the day a
// LinkedIn connection was made.
const LinkedInNote = "Connected on LinkedIn"

// ImportListMax is how many entries each list of an ImportPreview holds:
// the first ones, in line order. Its counts say how many there are in all.
// Holding every row of an 850,000-row file took a gigabyte; what a person
// reads is the counts and the first rows of each kind.
const ImportListMax = 1000

// ImportPreview is what importing one file does (a preview) or did.
type ImportPreview struct {
	Format   ImportFormat `json:"format"`
	Applied  bool         `json:"applied"`
	Contacts int          `json:"contacts"` // read from the file; skipped rows are among the problems

	// The people added, updated, left out as duplicates and the problems
	// noted: how many, and the first ImportListMax of each.
	NewCount       int               `json:"new_count"`
	New            []ImportNew       `json:"new"`
	UpdateCount    int               `json:"update_count"`
	Updates        []ImportUpdate    `json:"updates"`
	Unchanged      int               `json:"unchanged"` // people already known as the file has them
	DuplicateCount int               `json:"duplicate_count"`
	Duplicates     []ImportDuplicate `json:"duplicates"`
	ProblemCount   int               `json:"problem_count"`
	Problems       []ImportProblem   `json:"problems"`

	NewOrganizations []string `json:"new_organizations"`
	Activities       int      `json:"activities"` // "Connected on LinkedIn" notes added
	Photos           int      `json:"photos"`     // pictures kept
}

// ImportNew is a person an import adds.
type ImportNew struct {
	Line         int      `json:"line"`
	ID           int64    `json:"id,omitempty"` // once applied
	Name         string   `json:"name"`
	Organization string   `json:"organization,omitempty"`
	Role         string   `json:"role,omitempty"`
	Emails       []string `json:"emails,omitempty"`
	URL          string   `json:"url,omitempty"`
}

// ImportUpdate is a person already known whom an import changes.
type ImportUpdate struct {
	Line      int            `json:"line"`
	ID        int64          `json:"id"`
	Name      string         `json:"name"`
	MatchedBy string         `json:"matched_by"` // "profile URL", "email" or "name and organization"
	Changes   []ImportChange `json:"changes"`
}

// ImportChange is one field an import changes. From is empty when the
// field was.
type ImportChange struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// ImportDuplicate is a row or card that repeats an earlier one of the same
// file, and was left out.
type ImportDuplicate struct {
	Line    int    `json:"line"`
	SameAs  int    `json:"same_as"`
	Message string `json:"message"`
}

// ImportProblem is a row or card left out (Skipped), or something in one
// that was left out or changed.
type ImportProblem struct {
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
	Skipped bool   `json:"skipped"`
}

func (p ImportProblem) String() string {
	if p.Line == 0 {
		return p.Message
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Message)
}

// PreviewImport reads a contacts file and says what importing it would
// do, changing nothing. A file that cannot be imported at all gives an
// error (an *interop.FormatError for a file of the wrong kind, empty, with
// no known header, wholly in another encoding than UTF-8, or with a line
// too long); a row that is not UTF-8 is a skipped problem.
func (sc *Scope) PreviewImport(ctx context.Context, f ImportFormat, r io.Reader, now time.Time) (*ImportPreview, error) {
	var out *ImportPreview
	err := sc.readTx(ctx, func(tx *Scope) error {
		im, err := tx.planImport(ctx, f, r, nil)
		if err == nil {
			out = &im.preview
		}
		return err
	})
	return out, err
}

// ApplyImport imports a contacts file in one transaction: people added,
// people already known updated (only fields that change; the file's empty
// values never erase anything), organizations made, LinkedIn connection
// days logged once. On any error nothing is kept. Importing the same file
// again changes nothing. It reads the file again rather than trusting an
// earlier preview, since the records may have changed since.
func (sc *Scope) ApplyImport(ctx context.Context, f ImportFormat, r io.Reader, now time.Time) (*ImportPreview, error) {
	var out *ImportPreview
	err := sc.InTx(ctx, func(tx *Scope) error {
		tx.touchedInBulk()
		w, err := tx.newImportWriter(ctx, now)
		if err != nil {
			return err
		}
		defer w.close()
		im, err := tx.planImport(ctx, f, r, w)
		if err != nil {
			return err
		}
		if err := w.finish(ctx); err != nil {
			return err
		}
		im.preview.Applied = true
		out = &im.preview
		return nil
	})
	return out, err
}

// maxUID is the longest vCard UID kept; a longer one is not a UID an
// address book made, and is left out.
const maxUID = 500

// knownPerson is a person already in the database, as an import matches
// and updates them.
type knownPerson struct {
	idx                                     int // in importer.known
	id                                      int64
	name, orgName                           string
	orgID                                   int64
	role, phone, url, location, commonality string
	source                                  model.Source
	notes                                   string
	emails, tags                            []string
	hasPhoto, connected                     bool
	uid                                     string
}

// importRow is one contact as it will be written: checked and cut to
// what a person may hold.
type importRow struct {
	line      int
	p         model.Person // Organization, when set, holds only a name
	photo     []byte
	photoType string
	uid       string // the vCard's UID, "" for none
	connected time.Time
	// the matching keys: profile address and name with organization
	urlKey, nameKey string
}

// pendingUpdate is a known person and what an import changes on them.
type pendingUpdate struct {
	k         *knownPerson
	p         model.Person // the person as it will be, Organization holding only a name
	addTags   []string
	photo     *importRow
	uid       string // a UID to keep for a person who had none
	connected time.Time
}

// importer holds one import's plan.
type importer struct {
	format  ImportFormat
	loc     *time.Location
	known   []*knownPerson
	byURL   map[string][]int
	byEmail map[string][]int
	byName  map[string][]int
	byUID   map[string][]int
	orgs    map[string]int64 // lower-case name → id, 0 for one the import makes
	orgName map[string]string
	claimed map[int64]int // known person → line that matched them
	// Fingerprints of the keys of the people the file adds (see
	// interop.Fingerprint), to find them again in later rows: a file may
	// add 850,000 people, whose keys as text would take hundreds of MB.
	newURL, newEmail map[uint64]int     // → line
	newUID           map[uint64]int     // vCard UID → line
	newName          map[uint64]newName // name and organization → line and profile
	w                *importWriter      // nil for a preview
	preview          ImportPreview
}

// newName is a person the file adds, as found by name and organization.
type newName struct {
	line int
	url  uint64 // fingerprint of the profile key, 0 for none
}

// urlKey is a profile address as a matching key: only an address with a
// path names one person (a company's home page does not).
func urlKey(u string) string {
	n := interop.NormalizeProfileURL(u)
	if !strings.Contains(n, "/") {
		return ""
	}
	return n
}

func nameKey(name, org string) string {
	return strings.ToLower(strings.TrimSpace(name)) + "\x00" + strings.ToLower(strings.TrimSpace(org))
}

// planImport reads the file and works out what it changes; with w, it
// writes the changes as it goes.
func (sc *Scope) planImport(ctx context.Context, f ImportFormat, r io.Reader, w *importWriter) (*importer, error) {
	read := f.reader()
	if read == nil {
		return nil, model.Invalid("format", "%q is not a contacts format (one of linkedin, vcard, google)", f)
	}
	settings, err := sc.Settings(ctx)
	if err != nil {
		return nil, err
	}
	im := &importer{
		format: f, loc: settings.Location(), w: w,
		byURL: map[string][]int{}, byEmail: map[string][]int{}, byName: map[string][]int{}, byUID: map[string][]int{}, newUID: map[uint64]int{},
		orgs: map[string]int64{}, orgName: map[string]string{}, claimed: map[int64]int{},
		newURL: map[uint64]int{}, newEmail: map[uint64]int{}, newName: map[uint64]newName{},
	}
	im.preview = ImportPreview{Format: f, New: []ImportNew{}, Updates: []ImportUpdate{}, Duplicates: []ImportDuplicate{},
		Problems: []ImportProblem{}, NewOrganizations: []string{}}
	if err := sc.loadKnown(ctx, im); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	check := &rowChecker{format: f}
	problems, err := readAhead(ctx, read, r, check.check, func(c checked) error {
		im.preview.Contacts++
		if err := im.add(ctx, c); err != nil {
			return fmt.Errorf("import line %d: %w", c.line, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	pre := &im.preview
	for _, p := range problems {
		switch {
		case p.More > 0 || p.MoreSame > 0: // counted by the reader, not listed
			pre.ProblemCount += p.More
			pre.DuplicateCount += p.MoreSame
		case p.SameAs != 0:
			pre.DuplicateCount++
			pre.Duplicates = append(pre.Duplicates, ImportDuplicate{Line: p.Line, SameAs: p.SameAs, Message: p.Message})
		default:
			pre.ProblemCount++
			pre.Problems = append(pre.Problems, ImportProblem{Line: p.Line, Message: p.Message, Skipped: p.Skipped})
		}
	}
	// The readers' problems and the planner's come in line order each;
	// the user reads one list, whose first lines are kept.
	slices.SortStableFunc(pre.Problems, func(a, b ImportProblem) int { return a.Line - b.Line })
	slices.SortStableFunc(pre.Duplicates, func(a, b ImportDuplicate) int { return a.Line - b.Line })
	pre.Problems = pre.Problems[:min(len(pre.Problems), ImportListMax)]
	pre.Duplicates = pre.Duplicates[:min(len(pre.Duplicates), ImportListMax)]
	return im, nil
}

// keep appends v to the list unless it holds ImportListMax entries already,
// and counts it.
func keep[T any](list *[]T, count *int, v T) {
	*count++
	if len(*list) < ImportListMax {
		*list = append(*list, v)
	}
}

// readAhead runs a reader in a goroutine of its own, with prep for each
// contact it reads, and calls fn for each prepared contact in this one,
// so that parsing and checking the next rows overlaps with matching and
// writing the last ones. At most a few hundred contacts wait in between.
// The first error of either side stops both.
func readAhead[T any](ctx context.Context, read func(io.Reader, func(interop.Contact) error) ([]interop.Problem, error),
	r io.Reader, prep func(interop.Contact) T, fn func(T) error) ([]interop.Problem, error) {
	const chunk = 256
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan []T, 4)
	var problems []interop.Problem
	var readErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(ch)
		send := func(b []T) error {
			select {
			case ch <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		batch := make([]T, 0, chunk)
		problems, readErr = read(r, func(c interop.Contact) error {
			if batch = append(batch, prep(c)); len(batch) < chunk {
				return nil
			}
			err := send(batch)
			batch = make([]T, 0, chunk)
			return err
		})
		if readErr == nil && len(batch) > 0 {
			readErr = send(batch)
		}
	}()
	var fnErr error
	for batch := range ch {
		for _, c := range batch {
			if fnErr != nil {
				break // draining until the reader stops
			}
			if fnErr = fn(c); fnErr != nil {
				cancel()
			}
		}
	}
	<-done
	if fnErr != nil {
		return nil, fnErr
	}
	return problems, readErr
}

// loadKnown reads the people, organizations, photos and LinkedIn notes an
// import is matched against.
func (sc *Scope) loadKnown(ctx context.Context, im *importer) error {
	rows, err := sc.r.QueryContext(ctx, `SELECT id, name FROM organizations WHERE owner_id = $1`, sc.owner)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return err
		}
		im.orgs[strings.ToLower(name)] = id
		im.orgName[strings.ToLower(name)] = name
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = sc.r.QueryContext(ctx, `SELECT p.id, p.name, p.organization_id, COALESCE(o.name, ''), p.role, p.emails, p.phone,
		p.url, p.location, p.commonality, p.source, p.notes,
		EXISTS (SELECT 1 FROM person_photos ph WHERE ph.person_id = p.id),
		EXISTS (SELECT 1 FROM activities a WHERE a.person_id = p.id AND a.kind = 'note' AND a.note = $2),
		COALESCE(pu.uid, '')
		FROM people p LEFT JOIN organizations o ON o.id = p.organization_id LEFT JOIN person_uids pu ON pu.person_id = p.id
		WHERE p.owner_id = $1 ORDER BY p.id`, sc.owner, LinkedInNote)
	if err != nil {
		return err
	}
	byID := map[int64]*knownPerson{}
	for rows.Next() {
		k := &knownPerson{}
		var orgID *int64
		var emails string
		if err := rows.Scan(&k.id, &k.name, &orgID, &k.orgName, &k.role, &emails, &k.phone, &k.url, &k.location,
			&k.commonality, &k.source, &k.notes, &k.hasPhoto, &k.connected, &k.uid); err != nil {
			rows.Close()
			return err
		}
		if orgID != nil {
			k.orgID = *orgID
		}
		k.emails = splitList(emails)
		i := len(im.known)
		k.idx = i
		im.known = append(im.known, k)
		byID[k.id] = k
		if key := urlKey(k.url); key != "" {
			im.byURL[key] = append(im.byURL[key], i)
		}
		for _, e := range k.emails {
			im.byEmail[e] = append(im.byEmail[e], i)
		}
		key := nameKey(k.name, k.orgName)
		im.byName[key] = append(im.byName[key], i)
		if k.uid != "" {
			im.byUID[k.uid] = append(im.byUID[k.uid], i)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = sc.r.QueryContext(ctx, `SELECT t.person_id, t.tag FROM person_tags t JOIN people p ON p.id = t.person_id
		WHERE p.owner_id = $1 ORDER BY t.person_id, t.tag`, sc.owner)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return err
		}
		if k := byID[id]; k != nil {
			k.tags = append(k.tags, tag)
		}
	}
	return rows.Err()
}

func (im *importer) problem(line int, skipped bool, format string, args ...any) {
	keep(&im.preview.Problems, &im.preview.ProblemCount, ImportProblem{Line: line, Message: fmt.Sprintf(format, args...), Skipped: skipped})
}

func (im *importer) duplicate(line, sameAs int, format string, args ...any) {
	keep(&im.preview.Duplicates, &im.preview.DuplicateCount, ImportDuplicate{Line: line, SameAs: sameAs, Message: fmt.Sprintf(format, args...)})
}

// rowChecker checks the contacts of a file into rows, in the reader's
// goroutine (readAhead): it touches nothing of the importer's, and notes
// each contact's problems for the importer to keep in line order.
type rowChecker struct {
	format   ImportFormat
	problems []ImportProblem // the contact's being checked
}

// checked is a contact as checked: its row, nil when it cannot be
// imported, and its problems.
type checked struct {
	line     int
	row      *importRow
	problems []ImportProblem
}

func (ck *rowChecker) check(c interop.Contact) checked {
	ck.problems = nil
	row, ok := ck.row(c)
	if !ok {
		row = nil
	}
	return checked{line: c.Line, row: row, problems: ck.problems}
}

func (ck *rowChecker) problem(line int, skipped bool, format string, args ...any) {
	ck.problems = append(ck.problems, ImportProblem{Line: line, Message: fmt.Sprintf(format, args...), Skipped: skipped})
}

// cut shortens s to at most n characters, saying so.
func (ck *rowChecker) cut(line int, what, s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	ck.problem(line, false, "%s is longer than %d characters; cut", what, n)
	r := []rune(s)
	return strings.TrimSpace(string(r[:n]))
}

// quote shows a value in a message, cut to a readable length.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// webURL makes an address a person's URL may hold, adding the https://
// that exports often leave out; "" if it cannot be one.
func webURL(u string) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	if !strings.Contains(u, "://") {
		u = "https://" + strings.TrimPrefix(u, "//")
	}
	if !model.ValidURL(u) || utf8.RuneCountInString(u) > model.MaxURL {
		return ""
	}
	return u
}

// row checks a contact and cuts it to what a person may hold; false when
// it cannot be imported.
func (ck *rowChecker) row(c interop.Contact) (*importRow, bool) {
	line := c.Line
	ck.stripControl(&c)
	name := strings.Join(strings.Fields(c.Name), " ")
	if utf8.RuneCountInString(name) > model.MaxName {
		ck.problem(line, true, "the name %s is longer than %d characters; skipped", quote(name), model.MaxName)
		return nil, false
	}
	row := &importRow{line: line, connected: c.ConnectedOn}
	p := &row.p
	p.Name = name
	p.Role = ck.cut(line, "the role", strings.TrimSpace(c.Role), model.MaxShort)
	p.Location = ck.cut(line, "the location", strings.TrimSpace(c.Location), model.MaxShort)
	p.Notes = ck.cut(line, "the note", strings.TrimSpace(c.Notes), model.MaxNotes)
	if org := strings.Join(strings.Fields(c.Organization), " "); org != "" {
		p.Organization = &model.Ref{Name: ck.cut(line, "the organization", org, model.MaxName)}
	}
	if ck.format == ImportLinkedIn {
		p.Source = model.SourceSocial
	}
	for _, e := range c.Emails {
		v := strings.ToLower(strings.TrimSpace(e.Value))
		if model.ValidEmail(v) {
			p.Emails = append(p.Emails, v)
		} else {
			ck.problem(line, false, "%s is not an email address Ally can use; left out", quote(e.Value))
		}
	}
	var left []string
	for _, t := range c.Phones {
		v := strings.TrimSpace(t.Value)
		switch {
		case v == "":
		case p.Phone == "" && utf8.RuneCountInString(v) <= 50:
			p.Phone = v
		default:
			left = append(left, v)
		}
	}
	urls := make([]string, 0, len(c.URLs)+1)
	if c.ProfileURL != "" {
		urls = append(urls, c.ProfileURL)
	}
	for _, u := range c.URLs {
		if u.Value != c.ProfileURL {
			urls = append(urls, u.Value)
		}
	}
	for _, u := range urls {
		if v := webURL(u); v != "" && p.URL == "" {
			p.URL = v
		} else if strings.TrimSpace(u) != "" {
			left = append(left, u)
		}
	}
	if len(left) > 0 {
		ck.problem(line, false, "Ally keeps one phone number and one web address per person; left out: %s", quote(strings.Join(left, ", ")))
	}
	for _, t := range c.Tags {
		t = strings.Join(strings.Fields(strings.NewReplacer(",", " ", ";", " ").Replace(t)), " ")
		switch {
		case t == "":
		case utf8.RuneCountInString(t) > 50:
			ck.problem(line, false, "the category %s is longer than 50 characters; left out", quote(t))
		default:
			p.Tags = append(p.Tags, t)
		}
	}
	p.Normalize()
	if len(p.Tags) > model.MaxTags {
		ck.problem(line, false, "more than %d categories; the first %d kept", model.MaxTags, model.MaxTags)
		p.Tags = p.Tags[:model.MaxTags]
	}
	slices.Sort(p.Tags) // as the store reads them back, and as a restore indexes them
	if err := p.Validate(); err != nil {
		ck.problem(line, true, "%v; skipped", err)
		return nil, false
	}
	if c.Photo != nil {
		row.photo, row.photoType = c.Photo, c.PhotoType
	}
	if uid := strings.TrimSpace(c.UID); uid != "" && len(uid) <= maxUID {
		row.uid = uid
	}
	row.urlKey, row.nameKey = urlKey(p.URL), nameKey(p.Name, orgOf(p))
	return row, true
}

// stripControl removes from a contact's text the control characters a
// person's fields may not hold (NUL, which PostgreSQL refuses, and the
// like: see model.StripControl), with one problem for the row naming the
// fields. Line ends in one-line fields become spaces, silently.
func (ck *rowChecker) stripControl(c *interop.Contact) {
	var fields []string
	strip := func(what string, s *string, multiline bool) {
		var removed bool
		if *s, removed = model.StripControl(*s, multiline); removed && !slices.Contains(fields, what) {
			fields = append(fields, what)
		}
	}
	strip("name", &c.Name, false)
	strip("organization", &c.Organization, false)
	strip("role", &c.Role, false)
	strip("location", &c.Location, false)
	strip("notes", &c.Notes, true)
	strip("profile URL", &c.ProfileURL, false)
	for _, list := range []struct {
		what string
		l    []interop.Labeled
	}{{"e-mail", c.Emails}, {"phone", c.Phones}, {"web address", c.URLs}} {
		for i := range list.l {
			strip(list.what, &list.l[i].Value, false)
		}
	}
	for i := range c.Tags {
		strip("categories", &c.Tags[i], false)
	}
	if len(fields) > 0 {
		ck.problem(c.Line, false, "control characters (such as NUL) removed from the %s", strings.Join(fields, ", "))
	}
}

// match finds the known person a row is: by profile address, then e-mail,
// then name and organization. ambiguous lists the candidates when several
// people match equally.
func (im *importer) match(row *importRow) (k *knownPerson, by string, ambiguous []*knownPerson) {
	pick := func(idx []int) (*knownPerson, []*knownPerson) {
		var found []*knownPerson
		for _, i := range idx {
			if !slices.Contains(found, im.known[i]) {
				found = append(found, im.known[i])
			}
		}
		if len(found) == 1 {
			return found[0], nil
		}
		return nil, found
	}
	// A vCard's UID names one card: the surest key of all.
	if row.uid != "" {
		if idx := im.byUID[row.uid]; len(idx) > 0 {
			k, amb := pick(idx)
			return k, "vCard UID", amb
		}
	}
	if key := row.urlKey; key != "" {
		if idx := im.byURL[key]; len(idx) > 0 {
			k, amb := pick(idx)
			return k, "profile URL", amb
		}
	}
	var idx []int
	for _, e := range row.p.Emails {
		idx = append(idx, im.byEmail[e]...)
	}
	if len(idx) > 0 {
		k, amb := pick(idx)
		return k, "email", amb
	}
	// A name is weaker: two people of the same name and organization whose
	// profile addresses differ are two people.
	rowURL := row.urlKey
	idx = slices.DeleteFunc(slices.Clone(im.byName[row.nameKey]), func(i int) bool {
		u := urlKey(im.known[i].url)
		return rowURL != "" && u != "" && u != rowURL
	})
	if len(idx) > 0 {
		k, amb := pick(idx)
		return k, "name and organization", amb
	}
	return nil, "", nil
}

func orgOf(p *model.Person) string {
	if p.Organization == nil {
		return ""
	}
	return p.Organization.Name
}

// sameAsNew returns the line of a row of this file that adds the same
// person, or 0.
func (im *importer) sameAsNew(row *importRow) (int, string) {
	if l := im.newUID[fingerprint(row.uid)]; row.uid != "" && l != 0 {
		return l, "same vCard UID"
	}
	url := fingerprint(row.urlKey)
	if url != 0 {
		if l := im.newURL[url]; l != 0 {
			return l, "same profile URL"
		}
	}
	for _, e := range row.p.Emails {
		if l := im.newEmail[interop.Fingerprint(e)]; l != 0 {
			return l, "same email"
		}
	}
	if n, ok := im.newName[interop.Fingerprint(row.nameKey)]; ok {
		if n.url == 0 || url == 0 || n.url == url {
			return n.line, "same name and organization"
		}
	}
	return 0, ""
}

// fingerprint is the key's interop.Fingerprint, or 0 for no key.
func fingerprint(key string) uint64 {
	if key == "" {
		return 0
	}
	return interop.Fingerprint(key)
}

func (im *importer) add(ctx context.Context, c checked) error {
	for _, p := range c.problems {
		keep(&im.preview.Problems, &im.preview.ProblemCount, p)
	}
	row := c.row
	if row == nil {
		return nil
	}
	k, by, amb := im.match(row)
	if len(amb) > 0 {
		names := make([]string, len(amb))
		for i, a := range amb {
			names[i] = fmt.Sprintf("%s (id %d)", a.name, a.id)
		}
		im.problem(row.line, true, "%s matches %d people by %s: %s; skipped (merge them, or edit one, and import again)",
			row.p.Name, len(amb), by, strings.Join(names, ", "))
		return nil
	}
	if k != nil {
		if before, dup := im.claimed[k.id]; dup {
			im.duplicate(row.line, before, "%s is the same person as line %d (%s, matched by %s); skipped", row.p.Name, before, k.name, by)
			return nil
		}
		im.claimed[k.id] = row.line
		return im.update(ctx, k, row, by)
	}
	if before, why := im.sameAsNew(row); before != 0 {
		im.duplicate(row.line, before, "%s is the same person as line %d (%s); skipped", row.p.Name, before, why)
		return nil
	}
	url := fingerprint(row.urlKey)
	if url != 0 {
		im.newURL[url] = row.line
	}
	if row.uid != "" {
		im.newUID[fingerprint(row.uid)] = row.line
	}
	for _, e := range row.p.Emails {
		im.newEmail[interop.Fingerprint(e)] = row.line
	}
	im.newName[interop.Fingerprint(row.nameKey)] = newName{line: row.line, url: url}
	if row.p.Organization != nil {
		row.p.Organization.Name = im.org(row.p.Organization.Name)
	}
	if !row.connected.IsZero() {
		im.preview.Activities++
	}
	if row.photo != nil {
		im.preview.Photos++
	}
	var id int64
	if im.w != nil {
		var err error
		if id, err = im.w.addNew(ctx, im, row); err != nil {
			return err
		}
	}
	keep(&im.preview.New, &im.preview.NewCount, ImportNew{Line: row.line, ID: id, Name: row.p.Name, Organization: orgOf(&row.p),
		Role: row.p.Role, Emails: row.p.Emails, URL: row.p.URL})
	return nil
}

// org returns the name an organization is known by, noting a new one.
func (im *importer) org(name string) string {
	key := strings.ToLower(name)
	if known, ok := im.orgName[key]; ok {
		return known
	}
	im.orgs[key], im.orgName[key] = 0, name
	im.preview.NewOrganizations = append(im.preview.NewOrganizations, name)
	return name
}

// update works out what a row changes on a known person. What the file
// says of someone's job (LinkedIn's organization and position) replaces
// the old one, as jobs change; every other field is only filled when it is
// empty, so that nothing the user wrote is lost; e-mails and tags are
// added to those the person has.
func (im *importer) update(ctx context.Context, k *knownPerson, row *importRow, by string) error {
	u := &pendingUpdate{k: k}
	p := &u.p
	*p = model.Person{ID: k.id, Name: k.name, Role: k.role, Emails: slices.Clone(k.emails), Phone: k.phone, URL: k.url,
		Location: k.location, Source: k.source, Commonality: k.commonality, Notes: k.notes}
	if k.orgName != "" {
		p.Organization = &model.Ref{ID: k.orgID, Name: k.orgName}
	}
	var changes []ImportChange
	change := func(field, from, to string) {
		changes = append(changes, ImportChange{Field: field, From: from, To: to})
	}
	jobs := im.format == ImportLinkedIn
	if org := orgOf(&row.p); org != "" && (k.orgName == "" || (jobs && !strings.EqualFold(org, k.orgName))) {
		name := im.org(org)
		change("organization", k.orgName, name)
		p.Organization = &model.Ref{Name: name}
	}
	if r := row.p.Role; r != "" && (k.role == "" || (jobs && r != k.role)) {
		change("role", k.role, r)
		p.Role = r
	}
	fill := func(field string, dst *string, v string) {
		if *dst == "" && v != "" {
			change(field, "", v)
			*dst = v
		}
	}
	fill("phone", &p.Phone, row.p.Phone)
	fill("url", &p.URL, row.p.URL)
	fill("location", &p.Location, row.p.Location)
	fill("notes", &p.Notes, row.p.Notes)
	if p.Source == "" && row.p.Source != "" {
		change("source", "", string(row.p.Source))
		p.Source = row.p.Source
	}
	var added []string
	for _, e := range row.p.Emails {
		if !slices.Contains(p.Emails, e) {
			p.Emails = append(p.Emails, e)
			added = append(added, e)
		}
	}
	if len(added) > 0 {
		change("emails", strings.Join(k.emails, ", "), strings.Join(p.Emails, ", "))
	}
	for _, t := range row.p.Tags {
		if !slices.Contains(k.tags, t) && !slices.Contains(u.addTags, t) && len(k.tags)+len(u.addTags) < model.MaxTags {
			u.addTags = append(u.addTags, t)
		}
	}
	if len(u.addTags) > 0 {
		change("tags", strings.Join(k.tags, ", "), strings.Join(append(slices.Clone(k.tags), u.addTags...), ", "))
	}
	if row.uid != "" && k.uid == "" {
		change("uid", "", row.uid)
		u.uid = row.uid
	}
	if row.photo != nil && !k.hasPhoto {
		change("photo", "", row.photoType)
		u.photo = row
		im.preview.Photos++
	}
	if !row.connected.IsZero() && im.format == ImportLinkedIn && !k.connected {
		change("activity", "", LinkedInNote+", "+row.connected.Format("2 Jan 2006"))
		u.connected = row.connected
		im.preview.Activities++
	}
	if len(changes) == 0 {
		im.preview.Unchanged++
		return nil
	}
	// A later row with the address or e-mail just added is this person.
	if u.p.URL != k.url {
		if key := urlKey(u.p.URL); key != "" {
			im.byURL[key] = append(im.byURL[key], k.idx)
		}
	}
	for _, e := range added {
		im.byEmail[e] = append(im.byEmail[e], k.idx)
	}
	if u.uid != "" {
		k.uid = u.uid
		im.byUID[u.uid] = append(im.byUID[u.uid], k.idx)
	}
	keep(&im.preview.Updates, &im.preview.UpdateCount, ImportUpdate{Line: row.line, ID: k.id, Name: k.name, MatchedBy: by, Changes: changes})
	if im.w != nil {
		return im.w.update(ctx, im, u)
	}
	return nil
}

// connectedAt is when a LinkedIn connection day is logged: its noon in the
// user's zone, so that it shows on that day wherever it is read nearby.
func (im *importer) connectedAt(day time.Time) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, im.loc)
}

// importWriter writes an import as it is planned, in the caller's
// transaction, so that a large file's new people are never all held at
// once: rows go out in batches of multi-row INSERTs.
type importWriter struct {
	sc                      *Scope
	now                     time.Time
	nowTS                   any           // ts(now), formatted once
	days                    map[int32]any // connection day → ts(connectedAt(day)), formatted once each
	cacheSize               int64         // SQLite's page cache setting to restore, 0 if unchanged
	nextOrg, nextPerson     int64
	orgs, tags, photo, uids *batchInserter
	people                  *shapedInserter
	acts, docs              *batchInserter
	// The people the import adds are ids firstPerson+1 to nextPerson.
	// Their search documents and their connection days' activities are
	// not sent row by row: each is one INSERT ... SELECT from the people
	// written (binding every value of every row cost more than the
	// database's own work). actsDone is the last new person whose
	// activity is written.
	firstPerson, actsDone int64
	newTags               bool // whether a person the import adds has tags
}

func (sc *Scope) newImportWriter(ctx context.Context, now time.Time) (*importWriter, error) {
	w := &importWriter{sc: sc, now: now.UTC(), nowTS: ts(now), days: map[int32]any{}}
	var err error
	if sc.st.dialect == SQLite {
		// A large write through SQLite's page cache keeps every dirty page
		// of the transaction in it: with a small cache, 50,000 rows import
		// in 10% less time and 60 MB less memory. The setting belongs to
		// the writer's connection, so close puts it back.
		if err := sc.w.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&w.cacheSize); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		if _, err := sc.w.ExecContext(ctx, `PRAGMA cache_size = -4096`); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	if w.nextOrg, err = sc.idBase(ctx, "organizations"); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if w.nextPerson, err = sc.idBase(ctx, "people"); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	w.firstPerson, w.actsDone = w.nextPerson, w.nextPerson
	w.orgs = sc.batchInserter("organizations", "id", "owner_id", "name", "website", "notes", "created_at", "updated_at")
	// Columns an import leaves at their defaults are not sent; the owner
	// and the times, the same in every row, are written into the
	// statement; the text columns a row leaves empty are left out.
	if importBindEveryColumn {
		w.people = sc.shapedInserter("people", []string{"id", "owner_id", "name", "organization_id", "role", "emails", "phone", "url",
			"location", "source", "notes", "last_touch_at", "created_at", "updated_at"}, nil,
			func(b *batchInserter) *batchInserter { return b.after(w.orgs) })
	} else {
		w.people = sc.shapedInserter("people", peopleColumns, []string{"emails", "phone", "location", "source", "notes"},
			func(b *batchInserter) *batchInserter {
				return b.literal("owner_id", sc.owner).literal("created_at", w.nowTS).literal("updated_at", w.nowTS).after(w.orgs)
			})
	}
	w.tags = sc.batchInserter("person_tags", "person_id", "tag").after(w.people)
	w.photo = sc.batchInserter("person_photos", "person_id", "media_type", "data").after(w.people)
	w.uids = sc.batchInserter("person_uids", "person_id", "uid").after(w.people)
	w.acts = sc.batchInserter("activities", "owner_id", "person_id", "conversation_id", "kind", "at", "note", "created_at").after(w.people)
	w.docs = sc.searchBatch()
	return w, nil
}

// peopleColumns are the columns of a person an import binds, in the order
// addNew gives them; owner_id, created_at and updated_at are literals.
var peopleColumns = []string{"id", "name", "organization_id", "role", "emails", "phone", "url", "location", "source", "notes", "last_touch_at"}

// importBindEveryColumn makes an import bind every column of each person
// it adds, as it did before the shapes and literals: tests compare the
// two.
var importBindEveryColumn = false

func (w *importWriter) batches() []rowWriter {
	return []rowWriter{w.orgs, w.people, w.tags, w.photo, w.uids, w.acts, w.docs}
}

// close releases the prepared statements and restores the page cache.
func (w *importWriter) close() {
	for _, b := range w.batches() {
		b.close()
	}
	if w.cacheSize != 0 {
		_, _ = w.sc.w.ExecContext(context.Background(), `PRAGMA cache_size = `+strconv.FormatInt(w.cacheSize, 10))
	}
}

// orgID returns the id of a person's organization, making it when it is
// one the import adds.
func (w *importWriter) orgID(ctx context.Context, im *importer, p *model.Person) (any, error) {
	if p.Organization == nil {
		return nil, nil
	}
	key := strings.ToLower(p.Organization.Name)
	id := im.orgs[key]
	if id == 0 {
		w.nextOrg++
		id = w.nextOrg
		im.orgs[key] = id
		name, now := p.Organization.Name, w.nowTS
		if err := w.orgs.add(ctx, id, w.sc.owner, name, "", "", now, now); err != nil {
			return nil, err
		}
		if err := w.docs.addDoc(ctx, kindOrganization, id, name, "\n"); err != nil {
			return nil, err
		}
	}
	p.Organization.ID = id
	return id, nil
}

// addNew writes a new person and returns their id.
func (w *importWriter) addNew(ctx context.Context, im *importer, row *importRow) (int64, error) {
	p := &row.p
	w.nextPerson++
	p.ID = w.nextPerson
	org, err := w.orgID(ctx, im, p)
	if err != nil {
		return 0, err
	}
	var touched any
	if !row.connected.IsZero() {
		touched = w.connectedTS(im, row.connected)
	}
	// The person goes first: adding a row that refers to them may flush
	// the people added so far.
	if importBindEveryColumn {
		err = w.people.add(ctx, p.ID, w.sc.owner, p.Name, org, p.Role, strings.Join(p.Emails, "\n"), p.Phone, p.URL,
			p.Location, string(p.Source), p.Notes, touched, w.nowTS, w.nowTS)
	} else {
		err = w.people.add(ctx, p.ID, p.Name, org, p.Role, strings.Join(p.Emails, "\n"), p.Phone, p.URL,
			p.Location, string(p.Source), p.Notes, touched)
	}
	if err != nil {
		return 0, err
	}
	// The connection day's activity (at last_touch_at) and the search
	// document are written from the people table: newActivities, newDocs.
	w.newTags = w.newTags || len(p.Tags) > 0
	for _, t := range p.Tags {
		if err := w.tags.add(ctx, p.ID, t); err != nil {
			return 0, err
		}
	}
	if row.photo != nil {
		if err := w.photo.add(ctx, p.ID, row.photoType, row.photo); err != nil {
			return 0, err
		}
	}
	if row.uid != "" {
		if err := w.uids.add(ctx, p.ID, row.uid); err != nil {
			return 0, err
		}
	}
	return p.ID, nil
}

// The statements reading the people an import added take the range of
// their ids (+owner_id: not the owner's index, in name order; see
// TestImportReadsTheNewPeopleByTheirIDs).

// newActivitiesQuery writes the connection days of the people with ids in
// ($2, $3]: $4 the kind, $5 the note, $6 the time written.
const newActivitiesQuery = `INSERT INTO activities (owner_id, person_id, kind, at, note, created_at)
	SELECT owner_id, id, $4, last_touch_at, $5, $6 FROM people
	WHERE +owner_id = $1 AND id > $2 AND id <= $3 AND last_touch_at IS NOT NULL ORDER BY id`

// newDocsQuery writes the search documents of the people with ids in
// ($2, $3], each numbered $4 plus four times the id (idCol: rowid or
// doc_id), $5 the kind, $6 the line break; collate orders the tags by
// bytes. Without tags, no person's tags are looked for.
func newDocsQuery(idCol, collate string, tags bool) string {
	tagsDoc := ""
	if tags {
		tagsDoc = `COALESCE((SELECT string_agg(t.tag, ' ' ORDER BY t.tag` + collate + `) FROM person_tags t WHERE t.person_id = p.id) || $6, '') ||`
	}
	return `INSERT INTO search_docs (` + idCol + `, owner_id, kind, ref_id, title, body)
	SELECT $4 + p.id * 4, p.owner_id, $5, p.id, p.name,
		COALESCE(o.name || $6, '') ||
		CASE WHEN p.role <> '' THEN p.role || $6 ELSE '' END ||
		CASE WHEN p.location <> '' THEN p.location || $6 ELSE '' END ||
		CASE WHEN p.commonality <> '' THEN p.commonality || $6 ELSE '' END ||
		` + tagsDoc + `
		CASE WHEN p.notes <> '' THEN p.notes || $6 ELSE '' END
	FROM people p LEFT JOIN organizations o ON o.id = p.organization_id
	WHERE +p.owner_id = $1 AND p.id > $2 AND p.id <= $3 ORDER BY p.id`
}

// newActivities writes the activities of the connection days of the
// people added since the last call (a new person's last touch is that
// day), after the activities pending for known people, so that
// activities are numbered in the file's order as the rows were.
func (w *importWriter) newActivities(ctx context.Context) error {
	if w.actsDone == w.nextPerson {
		return nil
	}
	if err := w.acts.flush(ctx); err != nil {
		return err
	}
	if err := w.people.flush(ctx); err != nil {
		return err
	}
	_, err := w.sc.w.ExecContext(ctx, newActivitiesQuery, w.sc.owner, w.actsDone, w.nextPerson, string(model.ActNote), LinkedInNote, w.nowTS)
	if err != nil {
		return fmt.Errorf("insert into activities: %w", err)
	}
	w.actsDone = w.nextPerson
	return nil
}

// newDocs writes the search documents of the people the import added,
// as personDoc makes them: the organization's name, role, location,
// commonality, tags (in byte order, as the store sorts them) and notes,
// each ended by a line break when not empty.
func (w *importWriter) newDocs(ctx context.Context) error {
	if w.nextPerson == w.firstPerson {
		return nil
	}
	// A document's id is the person's id times four plus base.
	base, collate := docID(kindPerson, 0), ""
	if w.sc.st.dialect == SQLite {
		// The rowid of the last one fails as addDoc would past the ids
		// the index numbers; the owner's range starts at lo.
		if _, err := w.sc.rowID(kindPerson, w.nextPerson); err != nil {
			return fmt.Errorf("index person %d: %w", w.nextPerson, err)
		}
		lo, _, _ := w.sc.ownerRowIDs()
		base += lo
	} else {
		collate = ` COLLATE "C"`
	}
	_, err := w.sc.w.ExecContext(ctx, newDocsQuery(w.docs.cols[0], collate, w.newTags), w.sc.owner, w.firstPerson, w.nextPerson, base, docKindNames[kindPerson], "\n")
	if err != nil {
		return fmt.Errorf("index people: %w", err)
	}
	return nil
}

// connectedTS is the stored time a LinkedIn connection day is logged at
// (connectedAt). A file's rows fall on a few thousand days at most, each
// formatted once.
func (w *importWriter) connectedTS(im *importer, day time.Time) any {
	key := int32(day.Year())*10000 + int32(day.Month())*100 + int32(day.Day())
	v, ok := w.days[key]
	if !ok {
		v = ts(im.connectedAt(day))
		w.days[key] = v
	}
	return v
}

// update writes what an import changes on a known person.
func (w *importWriter) update(ctx context.Context, im *importer, u *pendingUpdate) error {
	p := &u.p
	org, err := w.orgID(ctx, im, p)
	if err != nil {
		return err
	}
	if org != nil {
		// The organization may be one this import has not written yet.
		if err := w.orgs.flush(ctx); err != nil {
			return err
		}
	}
	_, err = w.sc.w.ExecContext(ctx, `UPDATE people SET organization_id = $3, role = $4, emails = $5, phone = $6, url = $7,
		location = $8, source = $9, notes = $10, updated_at = $11 WHERE owner_id = $1 AND id = $2`,
		w.sc.owner, p.ID, org, p.Role, strings.Join(p.Emails, "\n"), p.Phone, p.URL, p.Location, string(p.Source), p.Notes, w.nowTS)
	if err != nil {
		return fmt.Errorf("update %s: %w", p.Name, err)
	}
	for _, t := range u.addTags {
		if err := w.tags.add(ctx, p.ID, t); err != nil {
			return err
		}
	}
	if u.photo != nil {
		if err := w.photo.add(ctx, p.ID, u.photo.photoType, u.photo.photo); err != nil {
			return err
		}
	}
	if u.uid != "" {
		if err := w.uids.add(ctx, p.ID, u.uid); err != nil {
			return err
		}
	}
	if !u.connected.IsZero() {
		if err := w.newActivities(ctx); err != nil {
			return err
		}
		at := im.connectedAt(u.connected)
		if err := w.acts.add(ctx, w.sc.owner, p.ID, nil, string(model.ActNote), ts(at), LinkedInNote, w.nowTS); err != nil {
			return err
		}
		if err := w.sc.touch(ctx, p.ID, at, false); err != nil {
			return err
		}
	}
	p.Tags = append(slices.Clone(u.k.tags), u.addTags...)
	slices.Sort(p.Tags)
	title, body := personDoc(p)
	return w.sc.index(ctx, kindPerson, p.ID, title, body)
}

// finish writes the rows still pending.
func (w *importWriter) finish(ctx context.Context) error {
	for _, b := range w.batches() {
		if err := b.flush(ctx); err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	if err := w.newActivities(ctx); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := w.newDocs(ctx); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := w.sc.addPeople(ctx, int64(w.people.written())); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	for _, t := range []string{"organizations", "people", "activities"} {
		if err := w.sc.syncSequence(ctx, t); err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	return nil
}
