package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
)

// joinLines keeps a list in one column, an item a line.
func joinLines(items []string) string { return strings.Join(items, "\n") }

// splitLines reads a list kept by joinLines.
func splitLines(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, "\n")
}

// nullYear writes an optional year (0: none).
func nullYear(y int) any {
	if y == 0 {
		return nil
	}
	return y
}

// nullDate scans an optional calendar date: PostgreSQL's DATE, or
// SQLite's YYYY-MM-DD text.
type nullDate struct{ t *time.Time }

func (n *nullDate) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		n.t = nil
		return nil
	case time.Time:
		d := time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)
		n.t = &d
		return nil
	case []byte:
		v = string(x)
	}
	s, ok := v.(string)
	if !ok || len(s) < 10 {
		return fmt.Errorf("cannot scan %T %v into a date", v, v)
	}
	d, err := time.Parse(time.DateOnly, s[:10])
	if err != nil {
		return fmt.Errorf("read date %q: %w", s, err)
	}
	n.t = &d
	return nil
}

// dateArg writes an optional date as YYYY-MM-DD, which both databases read.
func dateArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format(time.DateOnly)
}

// StudentProfile returns a student's profile; found is false when they
// have not written one.
func (s *Store) StudentProfile(ctx context.Context, id int64) (p model.StudentProfile, found bool, err error) {
	return studentProfile(ctx, s.r, id)
}

func studentProfile(ctx context.Context, q queryer, id int64) (p model.StudentProfile, found bool, err error) {
	var year sql.NullInt64
	var firstGen sql.NullBool
	var majors, clubs, employers, interests string
	var updated nullTime
	err = q.QueryRowContext(ctx, `SELECT account_id, class_year, degree, majors, home_town, clubs, past_employers, interests, first_gen, updated_at
		FROM student_profiles WHERE account_id = $1`, id).
		Scan(&p.AccountID, &year, &p.Degree, &majors, &p.HomeTown, &clubs, &employers, &interests, &firstGen, &updated)
	if isNoRows(err) {
		return model.StudentProfile{AccountID: id, Majors: []string{}, Clubs: []string{}, PastEmployers: []string{}, Interests: []string{}}, false, nil
	}
	if err != nil {
		return p, false, fmt.Errorf("read student profile: %w", err)
	}
	p.ClassYear, p.FirstGen = int(year.Int64), nullBool(firstGen)
	p.Majors, p.Clubs, p.PastEmployers, p.Interests = splitLines(majors), splitLines(clubs), splitLines(employers), splitLines(interests)
	p.UpdatedAt = updated.Time
	return p, true, nil
}

// SaveStudentProfile writes a student's profile, replacing the one before
// but for its first-generation flag, which only a roster sets.
func (s *Store) SaveStudentProfile(ctx context.Context, p *model.StudentProfile, now time.Time) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.UpdatedAt = stored(now)
	return s.profileTx(ctx, p.AccountID, func(q queryer) error {
		_, err := q.ExecContext(ctx, `INSERT INTO student_profiles (account_id, class_year, degree, majors, home_town, clubs, past_employers, interests, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (account_id) DO UPDATE SET class_year = excluded.class_year, degree = excluded.degree, majors = excluded.majors,
				home_town = excluded.home_town, clubs = excluded.clubs, past_employers = excluded.past_employers,
				interests = excluded.interests, updated_at = excluded.updated_at`,
			p.AccountID, nullYear(p.ClassYear), p.Degree, joinLines(p.Majors), p.HomeTown, joinLines(p.Clubs),
			joinLines(p.PastEmployers), joinLines(p.Interests), ts(now))
		if err != nil {
			return fmt.Errorf("save student profile: %w", err)
		}
		return nil
	})
}

// profileTx runs fn in one transaction once it is sure that the database
// is a center and that account id exists.
func (s *Store) profileTx(ctx context.Context, id int64, fn func(q queryer) error) error {
	return s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		var one int
		err := q.QueryRowContext(ctx, `SELECT 1 FROM accounts WHERE user_id = $1`, id).Scan(&one)
		if isNoRows(err) {
			return notFound("account", id)
		}
		if err != nil {
			return fmt.Errorf("find account %d: %w", id, err)
		}
		return fn(q)
	})
}

// volunteerColumns are read by scanVolunteer, in its order.
const volunteerColumns = `v.account_id, v.display_name, v.grad_year, v.degree, v.majors, v.employer, v.title, v.fields, v.city, v.country,
	v.industries, v.ask_me_about, v.languages, v.channels, v.monthly_capacity, v.paused_until, v.bio, v.home_town, v.clubs,
	v.past_employers, v.updated_at, EXISTS (SELECT 1 FROM volunteer_photos ph WHERE ph.account_id = v.account_id)`

func scanVolunteer(sc interface{ Scan(...any) error }, extra ...any) (model.VolunteerProfile, error) {
	var p model.VolunteerProfile
	var year sql.NullInt64
	var majors, fields, industries, languages, channels, clubs, employers string
	var paused nullDate
	var updated nullTime
	err := sc.Scan(append([]any{&p.AccountID, &p.DisplayName, &year, &p.Degree, &majors, &p.Employer, &p.Title, &fields, &p.City, &p.Country,
		&industries, &p.AskMeAbout, &languages, &channels, &p.MonthlyCapacity, &paused, &p.Bio, &p.HomeTown, &clubs,
		&employers, &updated, &p.HasPhoto}, extra...)...)
	if err != nil {
		return p, err
	}
	p.GradYear = int(year.Int64)
	p.Majors, p.Fields, p.Industries, p.Languages = splitLines(majors), splitLines(fields), splitLines(industries), splitLines(languages)
	p.Clubs, p.PastEmployers = splitLines(clubs), splitLines(employers)
	p.Channels = []model.Channel{}
	for _, c := range splitLines(channels) {
		p.Channels = append(p.Channels, model.Channel(c))
	}
	p.PausedUntil, p.UpdatedAt = paused.t, updated.Time
	return p, nil
}

// VolunteerProfile returns a volunteer's profile, without contact
// details; found is false when they have not written one.
func (s *Store) VolunteerProfile(ctx context.Context, id int64) (model.VolunteerProfile, bool, error) {
	return volunteerProfile(ctx, s.r, id)
}

func volunteerProfile(ctx context.Context, q queryer, id int64) (model.VolunteerProfile, bool, error) {
	p, err := scanVolunteer(q.QueryRowContext(ctx, `SELECT `+volunteerColumns+` FROM volunteer_profiles v WHERE v.account_id = $1`, id))
	if isNoRows(err) {
		return model.VolunteerProfile{AccountID: id, MonthlyCapacity: model.DefaultCapacity, Majors: []string{}, Fields: []string{},
			Industries: []string{}, Languages: []string{}, Channels: []model.Channel{}, Clubs: []string{}, PastEmployers: []string{}}, false, nil
	}
	if err != nil {
		return p, false, fmt.Errorf("read volunteer profile: %w", err)
	}
	return p, true, nil
}

// VolunteerContact returns how to reach a volunteer: their account's
// email and the phone and LinkedIn of their profile. Only the volunteer
// themself reads it for now; a student will once the volunteer accepts
// their request (the requests of issue 10 decide who may).
func (s *Store) VolunteerContact(ctx context.Context, id int64) (model.VolunteerContact, error) {
	return readVolunteerContact(ctx, s.r, id)
}

func readVolunteerContact(ctx context.Context, q queryer, id int64) (model.VolunteerContact, error) {
	var c model.VolunteerContact
	var phone, linkedin sql.NullString
	err := q.QueryRowContext(ctx, `SELECT u.email, v.phone, v.linkedin FROM users u JOIN accounts a ON a.user_id = u.id
		LEFT JOIN volunteer_profiles v ON v.account_id = u.id WHERE u.id = $1`, id).Scan(&c.Email, &phone, &linkedin)
	if isNoRows(err) {
		return c, notFound("account", id)
	}
	if err != nil {
		return c, fmt.Errorf("read volunteer contact: %w", err)
	}
	c.Phone, c.LinkedIn = phone.String, linkedin.String
	return c, nil
}

// SaveVolunteerProfile writes a volunteer's profile, replacing the one
// before, and its directory entry, in one transaction. contact nil keeps
// the contact details as they were.
func (s *Store) SaveVolunteerProfile(ctx context.Context, p *model.VolunteerProfile, contact *model.VolunteerContact, now time.Time) error {
	err := p.Validate()
	if contact != nil {
		err = joinInvalid(err, contact.Validate())
	}
	if err != nil {
		return err
	}
	p.UpdatedAt = stored(now)
	return s.profileTx(ctx, p.AccountID, func(q queryer) error {
		channels := make([]string, len(p.Channels))
		for i, c := range p.Channels {
			channels[i] = string(c)
		}
		_, err := q.ExecContext(ctx, `INSERT INTO volunteer_profiles (account_id, display_name, grad_year, degree, majors, employer, title,
				fields, city, country, industries, ask_me_about, languages, channels, monthly_capacity, paused_until, bio, home_town,
				clubs, past_employers, employer_key, title_key, location_key, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
			ON CONFLICT (account_id) DO UPDATE SET display_name = excluded.display_name, grad_year = excluded.grad_year,
				degree = excluded.degree, majors = excluded.majors, employer = excluded.employer, title = excluded.title,
				fields = excluded.fields, city = excluded.city, country = excluded.country, industries = excluded.industries,
				ask_me_about = excluded.ask_me_about, languages = excluded.languages, channels = excluded.channels,
				monthly_capacity = excluded.monthly_capacity, paused_until = excluded.paused_until, bio = excluded.bio,
				home_town = excluded.home_town, clubs = excluded.clubs, past_employers = excluded.past_employers,
				employer_key = excluded.employer_key, title_key = excluded.title_key, location_key = excluded.location_key,
				updated_at = excluded.updated_at`,
			p.AccountID, p.DisplayName, nullYear(p.GradYear), p.Degree, joinLines(p.Majors), p.Employer, p.Title,
			joinLines(p.Fields), p.City, p.Country, joinLines(p.Industries), p.AskMeAbout, joinLines(p.Languages), joinLines(channels),
			p.MonthlyCapacity, dateArg(p.PausedUntil), p.Bio, p.HomeTown, joinLines(p.Clubs), joinLines(p.PastEmployers),
			center.Key(p.Employer), center.Key(p.Title), center.Key(p.Location()), ts(now))
		if err != nil {
			return fmt.Errorf("save volunteer profile: %w", err)
		}
		if contact != nil {
			if _, err := q.ExecContext(ctx, `UPDATE volunteer_profiles SET phone = $2, linkedin = $3 WHERE account_id = $1`,
				p.AccountID, contact.Phone, contact.LinkedIn); err != nil {
				return fmt.Errorf("save volunteer contact: %w", err)
			}
		}
		return s.indexVolunteer(ctx, q, p)
	})
}

// joinInvalid merges the field errors of two checks.
func joinInvalid(a, b error) error {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return append(model.AsErrors(a), model.AsErrors(b)...)
}

// A volunteerTerm is one row of volunteer_terms.
type volunteerTerm struct{ kind, term, label string }

// uniqueTerms lists what the directory filters on and finds in common,
// each kind's term once.
func uniqueTerms(p *model.VolunteerProfile) []volunteerTerm {
	var out []volunteerTerm
	seen := map[string]bool{}
	add := func(kind string, labels ...string) {
		for _, l := range labels {
			k := center.Key(l)
			if k == "" || seen[kind+"\x00"+k] {
				continue
			}
			seen[kind+"\x00"+k] = true
			out = append(out, volunteerTerm{kind, k, l})
		}
	}
	add(termField, p.Fields...)
	add(center.CommonMajor, p.Majors...)
	add(center.CommonClub, p.Clubs...)
	add(center.CommonEmployer, p.Employer)
	add(center.CommonEmployer, p.PastEmployers...)
	add(center.CommonHomeTown, p.HomeTown)
	for _, c := range p.Channels {
		add(termChannel, string(c))
	}
	return out
}

// Term kinds beside center's commonality kinds.
const (
	termField   = "field"
	termChannel = "channel"
)

// indexVolunteer rewrites a volunteer's terms and, on SQLite, their
// full-text entry (PostgreSQL's is a generated column).
func (s *Store) indexVolunteer(ctx context.Context, q queryer, p *model.VolunteerProfile) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM volunteer_terms WHERE account_id = $1`, p.AccountID); err != nil {
		return fmt.Errorf("index volunteer: %w", err)
	}
	for _, t := range uniqueTerms(p) {
		if _, err := q.ExecContext(ctx, `INSERT INTO volunteer_terms (account_id, kind, term, label) VALUES ($1, $2, $3, $4)`,
			p.AccountID, t.kind, t.term, t.label); err != nil {
			return fmt.Errorf("index volunteer: %w", err)
		}
	}
	if s.dialect != SQLite {
		return nil
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM volunteer_search WHERE rowid = $1`, p.AccountID); err != nil {
		return fmt.Errorf("index volunteer: %w", err)
	}
	head, body := volunteerDoc(p)
	if _, err := q.ExecContext(ctx, `INSERT INTO volunteer_search (rowid, head, body) VALUES ($1, $2, $3)`, p.AccountID, head, body); err != nil {
		return fmt.Errorf("index volunteer: %w", err)
	}
	return nil
}

// volunteerDoc is what the directory's words are looked for in, as
// PostgreSQL's generated column has it: the name, employer and role
// weigh more than the bio and "ask me about".
func volunteerDoc(p *model.VolunteerProfile) (head, body string) {
	return p.DisplayName + " " + p.Employer + " " + p.Title, p.AskMeAbout + " " + p.Bio
}

// CenterTimeZone is the center's time zone: the months a volunteer's
// capacity counts in and the day a pause ends.
func (s *Store) CenterTimeZone(ctx context.Context) (*time.Location, error) {
	var name string
	err := s.r.QueryRowContext(ctx, `SELECT time_zone FROM center WHERE id = 1`).Scan(&name)
	if isNoRows(err) {
		return time.UTC, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the center's time zone: %w", err)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("the center's time zone %q: %w", name, err)
	}
	return loc, nil
}

// SetCenterTimeZone changes the center's time zone (an IANA name).
func (s *Store) SetCenterTimeZone(ctx context.Context, name string, by model.Actor, now time.Time) error {
	name = strings.TrimSpace(name)
	if _, err := time.LoadLocation(name); err != nil || name == "" || name == "Local" {
		return model.Invalid("time_zone", "%q is not a time zone (use an IANA name such as America/New_York)", name)
	}
	return s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `UPDATE center SET time_zone = $1 WHERE id = 1`, name); err != nil {
			return fmt.Errorf("set the center's time zone: %w", err)
		}
		return audit(ctx, q, entry(by, now, "center.update", "center", "time zone "+name))
	})
}

// AccountTimeZone is the time zone of a center's user: the one they chose
// in their settings (the personal agenda counts in it too), else the
// center's. Requests show their times to each side in it.
func (s *Store) AccountTimeZone(ctx context.Context, id int64) (*time.Location, error) {
	st, err := s.For(id).Settings(ctx)
	if err != nil {
		return nil, err
	}
	if st.TimeZone != "" {
		if loc, err := time.LoadLocation(st.TimeZone); err == nil {
			return loc, nil
		}
	}
	return s.CenterTimeZone(ctx)
}
