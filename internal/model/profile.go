package model

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Profile limits.
const (
	MaxListItems     = 20   // majors, clubs, fields, ... in one list
	MaxBio           = 2000 // a volunteer's short bio
	MaxAskMeAbout    = 1000
	MaxCapacity      = 30 // conversations a month a volunteer may offer
	MinYear, MaxYear = 1900, 2100
)

// Label is the channel in words.
func (c Channel) Label() string {
	switch c {
	case ChannelInPerson:
		return "in person"
	}
	return string(c)
}

// ParseChannel reads a channel name ("in person" and "in-person" too).
func ParseChannel(s string) (Channel, error) {
	k := Channel(strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s))))
	if slices.Contains(Channels(), k) {
		return k, nil
	}
	return "", Invalid("channel", "%q is not a channel: use video, phone, in person or email", s)
}

// A StudentProfile is what a student tells the center about themselves:
// what the directory's ranking finds in common with volunteers.
type StudentProfile struct {
	AccountID     int64    `json:"account_id"`
	ClassYear     int      `json:"class_year,omitempty"` // 0: not given
	Degree        string   `json:"degree"`
	Majors        []string `json:"majors"`
	HomeTown      string   `json:"home_town"`
	Clubs         []string `json:"clubs"` // clubs and associations
	PastEmployers []string `json:"past_employers"`
	Interests     []string `json:"interests"`
	// FirstGen says whether the student is the first of their family at
	// university, as the center's roster says (nil: not known). Only a
	// roster import sets it: the student's own profile form leaves it.
	FirstGen  *bool     `json:"first_gen,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

// A VolunteerProfile is a volunteer's directory entry. Its contact
// details are apart (VolunteerContact): a student sees them only once the
// volunteer accepted their request.
type VolunteerProfile struct {
	AccountID   int64     `json:"account_id"`
	DisplayName string    `json:"display_name"`
	GradYear    int       `json:"grad_year,omitempty"` // 0: not given
	Degree      string    `json:"degree"`
	Majors      []string  `json:"majors"`
	Employer    string    `json:"employer"`
	Title       string    `json:"title"` // role at the employer
	Fields      []string  `json:"fields"`
	City        string    `json:"city"`
	Country     string    `json:"country"`
	Industries  []string  `json:"industries"`
	AskMeAbout  string    `json:"ask_me_about"`
	Languages   []string  `json:"languages"`
	Channels    []Channel `json:"channels"`
	// MonthlyCapacity is how many conversations a month the volunteer
	// offers (default 2).
	MonthlyCapacity int `json:"monthly_capacity"`
	// PausedUntil, when set, is the day the volunteer takes requests again.
	PausedUntil *time.Time `json:"paused_until,omitempty"`
	Bio         string     `json:"bio"`
	// What a student may share with the volunteer, beyond majors: the
	// handouts' commonality.
	HomeTown      string    `json:"home_town"`
	Clubs         []string  `json:"clubs"`
	PastEmployers []string  `json:"past_employers"`
	HasPhoto      bool      `json:"has_photo"` // a directory photo is set (GET /directory/{id}/photo)
	UpdatedAt     time.Time `json:"updated_at"`
}

// DefaultCapacity is a new volunteer's monthly capacity.
const DefaultCapacity = 2

// Location is the city and country in one line.
func (v VolunteerProfile) Location() string { return JoinLocation(v.City, v.Country) }

// JoinLocation writes "City, Country", or whichever is given.
func JoinLocation(city, country string) string {
	switch {
	case city == "":
		return country
	case country == "":
		return city
	}
	return city + ", " + country
}

// VolunteerContact is how to reach a volunteer, hidden from students
// until the volunteer accepts their request.
type VolunteerContact struct {
	Email    string `json:"email"`
	Phone    string `json:"phone"`
	LinkedIn string `json:"linkedin"`
}

// SplitList reads a list typed in one box: items separated by commas,
// semicolons or line ends, trimmed, without empty ones or repeats (in any
// case).
func SplitList(s string) []string {
	out := []string{}
	seen := map[string]bool{}
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' }) {
		p := strings.Join(strings.Fields(part), " ")
		if p == "" || seen[strings.ToLower(p)] {
			continue
		}
		seen[strings.ToLower(p)] = true
		out = append(out, p)
	}
	return out
}

func (c *checker) list(field string, items []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, it := range items {
		it = strings.Join(strings.Fields(it), " ")
		if it == "" || seen[strings.ToLower(it)] {
			continue
		}
		seen[strings.ToLower(it)] = true
		c.maxLen(field, it, MaxName)
		out = append(out, it)
	}
	if len(out) > MaxListItems {
		c.add(field, "has %d items; at most %d", len(out), MaxListItems)
	}
	return out
}

func (c *checker) year(field string, y int) {
	if y != 0 && (y < MinYear || y > MaxYear) {
		c.add(field, "%d is not a year between %d and %d", y, MinYear, MaxYear)
	}
}

// ParseYesNo reads an optional yes-or-no cell (yes/no, true/false, y/n,
// 1/0, in any case; "" is nil: not known).
func ParseYesNo(field, s string) (*bool, error) {
	var v bool
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return nil, nil
	case "yes", "y", "true", "t", "1":
		v = true
	case "no", "n", "false", "f", "0":
		v = false
	default:
		return nil, Invalid(field, "%q is not yes or no", s)
	}
	return &v, nil
}

// NotKnown reports whether a cell says that a yes-or-no fact is not
// known ("unknown", "not known", "not recorded"): a roster that says so
// forgets a flag recorded before, where an empty cell leaves it be.
func NotKnown(s string) bool {
	switch strings.Join(strings.Fields(strings.ToLower(s)), " ") {
	case "unknown", "not known", "not recorded":
		return true
	}
	return false
}

// ParseYear reads an optional year ("" is 0).
func ParseYear(field, s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < MinYear || y > MaxYear {
		return 0, Invalid(field, "%q is not a year like 2019", s)
	}
	return y, nil
}

// Validate trims the profile and checks it.
func (p *StudentProfile) Validate() error {
	var c checker
	p.Degree = strings.TrimSpace(p.Degree)
	p.HomeTown = strings.Join(strings.Fields(p.HomeTown), " ")
	c.year("class_year", p.ClassYear)
	c.maxLen("degree", p.Degree, MaxName)
	p.Majors = c.list("majors", p.Majors)
	c.maxLen("home_town", p.HomeTown, MaxName)
	p.Clubs = c.list("clubs", p.Clubs)
	p.PastEmployers = c.list("past_employers", p.PastEmployers)
	p.Interests = c.list("interests", p.Interests)
	return c.err()
}

// Validate trims the profile and checks it.
func (p *VolunteerProfile) Validate() error {
	var c checker
	for _, s := range []*string{&p.DisplayName, &p.Degree, &p.Employer, &p.Title, &p.City, &p.Country, &p.HomeTown} {
		*s = strings.Join(strings.Fields(*s), " ")
	}
	p.AskMeAbout, p.Bio = strings.TrimSpace(p.AskMeAbout), strings.TrimSpace(p.Bio)
	c.required("display_name", p.DisplayName, MaxName)
	c.year("grad_year", p.GradYear)
	c.maxLen("degree", p.Degree, MaxName)
	p.Majors = c.list("majors", p.Majors)
	c.maxLen("employer", p.Employer, MaxName)
	c.maxLen("title", p.Title, MaxName)
	p.Fields = c.list("fields", p.Fields)
	c.maxLen("city", p.City, MaxName)
	c.maxLen("country", p.Country, MaxName)
	p.Industries = c.list("industries", p.Industries)
	c.multiLine("ask_me_about", p.AskMeAbout, MaxAskMeAbout)
	p.Languages = c.list("languages", p.Languages)
	var chans []Channel
	for _, ch := range Channels() {
		if slices.Contains(p.Channels, ch) {
			chans = append(chans, ch)
		}
	}
	for _, ch := range p.Channels {
		if !slices.Contains(Channels(), ch) {
			c.add("channels", "%q is not a channel: use video, phone, in person or email", ch)
		}
	}
	p.Channels = chans
	if p.Channels == nil {
		p.Channels = []Channel{}
	}
	if p.MonthlyCapacity < 0 || p.MonthlyCapacity > MaxCapacity {
		c.add("monthly_capacity", "give a number of conversations a month from 0 to %d", MaxCapacity)
	}
	if p.PausedUntil != nil {
		d := time.Date(p.PausedUntil.Year(), p.PausedUntil.Month(), p.PausedUntil.Day(), 0, 0, 0, 0, time.UTC)
		p.PausedUntil = &d
	}
	c.multiLine("bio", p.Bio, MaxBio)
	c.maxLen("home_town", p.HomeTown, MaxName)
	p.Clubs = c.list("clubs", p.Clubs)
	p.PastEmployers = c.list("past_employers", p.PastEmployers)
	return c.err()
}

// Validate trims the contact details and checks them.
func (c *VolunteerContact) Validate() error {
	var ch checker
	c.Phone = strings.TrimSpace(c.Phone)
	c.LinkedIn = strings.TrimSpace(c.LinkedIn)
	ch.maxLen("phone", c.Phone, 50)
	for _, r := range c.Phone {
		if !strings.ContainsRune("0123456789+-() .", r) {
			ch.add("phone", "write a phone number with digits, spaces, + - ( ) only")
			break
		}
	}
	ch.url("linkedin", c.LinkedIn)
	return ch.err()
}

// ParseDate reads an optional calendar date, 2026-12-31 ("" is nil).
func ParseDate(field, s string) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, Invalid(field, "%q is not a date like 2026-12-31", s)
	}
	return &d, nil
}

// A DirectoryQuery is one search of the volunteer directory.
type DirectoryQuery struct {
	Text      string  `json:"q"`        // words in the name, employer, role, bio or "ask me about"
	Field     string  `json:"field"`    // a career field, exactly (in any case)
	Employer  string  `json:"employer"` // part of the employer's name
	Role      string  `json:"role"`     // part of the role (title)
	Location  string  `json:"location"` // part of the city or country
	Major     string  `json:"major"`    // a major, exactly (in any case)
	GradYear  int     `json:"grad_year"`
	Channel   Channel `json:"channel"`
	Available bool    `json:"available"` // only those with room this month
	Page      int     `json:"page"`      // from 1
	PerPage   int     `json:"per_page"`
}

// Directory paging.
const (
	DefaultPerPage = 20
	MaxPerPage     = 100
)

// Normalize bounds the paging and trims the words.
func (q *DirectoryQuery) Normalize() {
	for _, s := range []*string{&q.Text, &q.Field, &q.Employer, &q.Role, &q.Location, &q.Major} {
		*s = strings.Join(strings.Fields(*s), " ")
	}
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PerPage < 1 {
		q.PerPage = DefaultPerPage
	}
	q.PerPage = min(q.PerPage, MaxPerPage)
}

// A DirectoryCard is one volunteer as a search shows them: the profile
// without contact details, what the volunteer has in common with the
// student searching, and when they last signed in.
type DirectoryCard struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Title      string     `json:"title"`
	Employer   string     `json:"employer"`
	Fields     []string   `json:"fields"`
	City       string     `json:"city"`
	Country    string     `json:"country"`
	GradYear   int        `json:"grad_year,omitempty"`
	Degree     string     `json:"degree"`
	Majors     []string   `json:"majors"`
	Industries []string   `json:"industries"`
	Languages  []string   `json:"languages"`
	Channels   []Channel  `json:"channels"`
	AskMeAbout string     `json:"ask_me_about"`
	Bio        string     `json:"bio"`
	HasPhoto   bool       `json:"has_photo"`
	HasRoom    bool       `json:"has_room"` // can take a request this month
	Paused     bool       `json:"paused"`
	InCommon   []Common   `json:"in_common"`
	LastActive *time.Time `json:"last_active"` // last sign-in; null: never
}

// Location is the city and country in one line.
func (c DirectoryCard) Location() string { return JoinLocation(c.City, c.Country) }

// A Common is one thing the volunteer shares with the student (the
// center's ranking says what: a major, the home town, a club, an
// employer), with its sentence for the card.
type Common struct {
	Kind  string `json:"kind"`
	Label string `json:"label"`
	Text  string `json:"text"`
}

// A FacetCount is how many matching volunteers have one value.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// A DirectoryPage is one page of a directory search.
type DirectoryPage struct {
	Cards     []DirectoryCard `json:"cards"`
	Total     int             `json:"total"` // matches on every page
	Page      int             `json:"page"`
	PerPage   int             `json:"per_page"`
	Pages     int             `json:"pages"`
	Fields    []FacetCount    `json:"fields"`    // counts per career field among the matches
	Locations []FacetCount    `json:"locations"` // counts per city/country among the matches
}
