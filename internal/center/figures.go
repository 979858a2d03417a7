package center

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// A Term is a period the center reports on (a semester, a quarter):
// figures default to the current one. Start and End are days in the
// center's zone, both included.
type Term struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Start Day    `json:"start"`
	End   Day    `json:"end"`
}

// A Day is a calendar day, written YYYY-MM-DD.
type Day struct{ time.Time }

// ParseDay reads a YYYY-MM-DD day; field names the input in the error.
func ParseDay(field, s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return Day{}, model.Invalid(field, "%q is not a day: write it as YYYY-MM-DD, for example 2026-09-01", s)
	}
	return Day{t}, nil
}

func (d Day) String() string { return d.Format(time.DateOnly) }

// MarshalText writes the day as YYYY-MM-DD.
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// MarshalJSON writes the day as "YYYY-MM-DD" (not the embedded time's
// instant).
func (d Day) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }

// Validate checks a term before it is kept.
func (t *Term) Validate() error {
	t.Name = strings.TrimSpace(t.Name)
	var errs model.Errors
	add := func(field, format string, args ...any) {
		errs = append(errs, &model.FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if t.Name == "" {
		add("name", "give the term a name, such as Fall 2026")
	} else if len(t.Name) > 100 {
		add("name", "keep the name under 100 characters")
	}
	if t.Start.IsZero() {
		add("start", "give the term's first day")
	}
	if t.End.IsZero() {
		add("end", "give the term's last day")
	} else if !t.Start.IsZero() && t.End.Before(t.Start.Time) {
		add("end", "the last day comes before the first (%s)", t.Start)
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Range is the term as instants in loc: from its first day's midnight to
// the midnight after its last day.
func (t Term) Range(loc *time.Location) (from, to time.Time) {
	return DayRange(t.Start, t.End, loc)
}

// DayRange is the instants from the first day's midnight in loc to the
// midnight after the last day.
func DayRange(first, last Day, loc *time.Location) (from, to time.Time) {
	from = time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, loc)
	to = time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, loc)
	return from, to
}

// CurrentTerm picks the term now falls in (the latest starting, if terms
// overlap); ok is false when now is in none.
func CurrentTerm(terms []Term, now time.Time, loc *time.Location) (Term, bool) {
	var cur Term
	found := false
	for _, t := range terms {
		from, to := t.Range(loc)
		if !now.Before(from) && now.Before(to) && (!found || t.Start.After(cur.Start.Time)) {
			cur, found = t, true
		}
	}
	return cur, found
}

// A Milestone is a step of the conversation a request led to, which the
// figures count: held, and the student's thank-you and report-back as
// their own conversation records them.
type Milestone string

// The milestones.
const (
	MilestoneHeld         Milestone = "held"
	MilestoneThanked      Milestone = "thanked"
	MilestoneReportedBack Milestone = "reported_back"
)

// ThankedInTime reports whether a thank-you at thanked came within the
// method's hours (method.DefaultSettings().ThankHours, 12) of the
// conversation held at held.
func ThankedInTime(held, thanked time.Time) bool {
	if held.IsZero() || thanked.IsZero() {
		return false
	}
	return thanked.Sub(held) <= time.Duration(method.DefaultSettings().ThankHours)*time.Hour
}

// StaleAcceptedDays is how long an accepted request may wait for a
// meeting time before the advisors' stale list shows it.
const StaleAcceptedDays = 7

// StaleBefore is the instant before which an accepted request with no
// time agreed is stale at now.
func (s Settings) StaleBefore(now time.Time) time.Time {
	return method.AddDays(now, -StaleAcceptedDays, s.Location())
}

// Figures are what the program achieved with the requests sent in a
// period: counts the store aggregates, and the shares Derive works out
// of them. A time or share that has nothing to be computed from is nil.
type Figures struct {
	RequestsSent int `json:"requests_sent"`
	// CheckerOverrides are the requests sent over the etiquette checker's
	// error with the student's word on why it was wrong here (flagged for
	// an advisor's review): the checker's false alarms, as students see them.
	CheckerOverrides int            `json:"checker_overrides"`
	Answered         int            `json:"answered"`
	Accepted         int            `json:"accepted"`
	Declined         int            `json:"declined"`
	DeclinedByReason map[string]int `json:"declined_by_reason"`
	Expired          int            `json:"expired"`
	Withdrawn        int            `json:"withdrawn"`
	AcceptanceRate   *float64       `json:"acceptance_rate"`

	MedianMinutesToAnswer *float64 `json:"-"`
	P90MinutesToAnswer    *float64 `json:"-"`
	MedianHoursToAnswer   *float64 `json:"median_hours_to_answer"`
	P90HoursToAnswer      *float64 `json:"p90_hours_to_answer"`

	Held               int      `json:"held"`
	NoShows            int      `json:"no_shows"`
	LateCancels        int      `json:"late_cancellations"`
	NoShowShare        *float64 `json:"no_show_share"` // no-shows and late cancellations ÷ accepted
	ThankedInTime      int      `json:"thanked_in_time"`
	ThankedInTimeShare *float64 `json:"thanked_in_time_share"` // of those held
	ReportedBack       int      `json:"reported_back"`
	Stale              int      `json:"stale"`

	StudentsHelped   int `json:"students_helped"`   // with at least one conversation held
	VolunteersAsked  int `json:"volunteers_asked"`  // who received at least one request
	VolunteersActive int `json:"volunteers_active"` // who answered at least one

	// The center's whole roster, in the top-level figures; in a By row,
	// the students of the group when it is one of students (by major,
	// graduation year or first-generation flag), else nil (not counted):
	// a group of none is 0, not left out.
	Students             *int     `json:"students,omitempty"`     // active student accounts at the period's end
	StudentsReachedShare *float64 `json:"students_reached_share"` // StudentsHelped ÷ Students
	Volunteers           int      `json:"volunteers"`             // active volunteer accounts at the period's end (0 in a By row: not counted by group)
	VolunteersNeverAsked int      `json:"volunteers_never_asked"` // with no request received before the period's end
	VolunteersAskedShare *float64 `json:"volunteers_asked_share,omitempty"`
	CapacityOffered      int      `json:"capacity_offered"` // the volunteers' monthly capacities × the months the period touches
	VolunteerUtilisation *float64 `json:"volunteer_utilisation"`

	// The ratings given on the period's requests, both ways, in aggregate
	// only: the students' of how useful the conversation was, the
	// volunteers' of how prepared the student was (1 to 5).
	UsefulnessRatings     int      `json:"usefulness_ratings"`
	UsefulnessAverage     *float64 `json:"usefulness_average"`
	PreparednessRatings   int      `json:"preparedness_ratings"`
	PreparednessAverage   *float64 `json:"preparedness_average"`
	UsefulnessSum         int      `json:"-"`
	PreparednessSum       int      `json:"-"`
	MostAsked             []Asked  `json:"most_asked,omitempty"`  // the volunteers who received the most requests
	LeastAsked            []Asked  `json:"least_asked,omitempty"` // of those asked at least once, who received the fewest
	DemandOutrunsSupply   []Demand `json:"demand_outruns_supply,omitempty"`
	DemandOutrunsSupplyOK bool     `json:"-"` // the store counted it: an empty list means no field is short

	By []Group `json:"by,omitempty"`
}

// A Group is a By row: the grouping value and the figures of its
// requests (and, for groups of students, of its students).
type Group struct {
	// Key is the grouping value (a field, a major, a year, yes or no, a
	// month YYYY-MM); nil (JSON null) for the students whose profile does
	// not record it, so that no recorded value (a major named "Unknown")
	// can share their group.
	Key *string `json:"key"`
	// Label is how the group is shown: its key, or NotRecorded.
	Label string `json:"label"`
	Figures
}

// NotRecorded labels the group of students whose profile does not record
// the grouping's value (no major, graduation year or first-generation
// flag).
const NotRecorded = "Not recorded"

// NewGroup is the group of key ("": not recorded), shown as label (""
// for the key itself).
func NewGroup(key, label string) Group {
	if key == "" {
		return Group{Label: NotRecorded}
	}
	if label == "" {
		label = key
	}
	return Group{Key: &key, Label: label}
}

// KeyText is the group's key, "" when it is not recorded (no recorded
// value is empty).
func (g Group) KeyText() string {
	if g.Key == nil {
		return ""
	}
	return *g.Key
}

// Asked is a volunteer and the requests they received in the period.
type Asked struct {
	VolunteerID int64  `json:"volunteer_id"`
	Name        string `json:"name"`
	Requests    int    `json:"requests"`
}

// Demand is a field whose requests in the period outran the capacity its
// volunteers offered over it.
type Demand struct {
	Field    string `json:"field"`
	Requests int    `json:"requests"`
	Capacity int    `json:"capacity"` // the field's volunteers' monthly capacities × the months the period touches
}

// The groupings figures can be counted by.
const (
	ByField    = "field"
	ByMonth    = "month"
	ByMajor    = "major"
	ByGradYear = "grad_year"
	ByFirstGen = "first_gen" // the roster's first-generation flag: yes or no (or not recorded)
)

// Groupings lists what --by takes.
func Groupings() []string { return []string{ByField, ByMajor, ByGradYear, ByFirstGen, ByMonth} }

// ParseGrouping reads a --by value ("" for none).
func ParseGrouping(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || slices.Contains(Groupings(), s) {
		return s, nil
	}
	return "", model.Invalid("by", "figures are grouped by %s, not %q", strings.Join(Groupings(), ", "), s)
}

func share(n, of int) *float64 {
	if of <= 0 {
		return nil
	}
	v := float64(n) / float64(of)
	return &v
}

// Derive works out the shares and hours from the counts, in f and in
// each of f.By.
func (f *Figures) Derive() {
	f.AcceptanceRate = share(f.Accepted, f.Accepted+f.Declined+f.Expired)
	f.NoShowShare = share(f.NoShows+f.LateCancels, f.Accepted)
	f.ThankedInTimeShare = share(f.ThankedInTime, f.Held)
	hours := func(m *float64) *float64 {
		if m == nil {
			return nil
		}
		h := *m / 60
		return &h
	}
	f.MedianHoursToAnswer, f.P90HoursToAnswer = hours(f.MedianMinutesToAnswer), hours(f.P90MinutesToAnswer)
	if f.Students != nil {
		f.StudentsReachedShare = share(f.StudentsHelped, *f.Students)
	}
	if f.Volunteers > 0 {
		f.VolunteersAskedShare = share(f.Volunteers-f.VolunteersNeverAsked, f.Volunteers)
	}
	if f.CapacityOffered > 0 {
		f.VolunteerUtilisation = share(f.Held, f.CapacityOffered)
	}
	f.UsefulnessAverage = share(f.UsefulnessSum, f.UsefulnessRatings)
	f.PreparednessAverage = share(f.PreparednessSum, f.PreparednessRatings)
	if f.DeclinedByReason == nil {
		f.DeclinedByReason = map[string]int{}
	}
	for i := range f.By {
		f.By[i].Derive()
	}
}

// MonthsTouched counts the calendar months in loc that the period
// [from, to) touches: the months a volunteer's capacity is offered in.
func MonthsTouched(from, to time.Time, loc *time.Location) int {
	if !to.After(from) {
		return 0
	}
	a, b := MonthOf(from, loc), MonthOf(to.Add(-time.Nanosecond), loc)
	return (b.Year-a.Year)*12 + int(b.Month) - int(a.Month) + 1
}

// A Period is what figures are counted over: a term, or the days an
// advisor chose (First to Last, both included).
type Period struct {
	Term  string    `json:"term,omitempty"`
	First Day       `json:"first"`
	Last  Day       `json:"last"`
	From  time.Time `json:"from"` // First's midnight in the center's zone
	To    time.Time `json:"to"`   // the midnight after Last
}

// DefaultPeriodDays is the period figures cover when no term holds today
// and none was chosen: the last 90 days, today included.
const DefaultPeriodDays = 90

// ChoosePeriod reads the period asked for: a term by name (any case), or
// first and last days (YYYY-MM-DD; a missing first day is the last one's
// DefaultPeriodDays before, a missing last day is today), or by default
// the term today is in, else the last DefaultPeriodDays days.
func ChoosePeriod(terms []Term, term, first, last string, now time.Time, loc *time.Location) (Period, error) {
	term, first, last = strings.TrimSpace(term), strings.TrimSpace(first), strings.TrimSpace(last)
	of := func(t Term) Period {
		p := Period{Term: t.Name, First: t.Start, Last: t.End}
		p.From, p.To = t.Range(loc)
		return p
	}
	if term != "" {
		if first != "" || last != "" {
			return Period{}, model.Invalid("term", "choose a term or days, not both")
		}
		for _, t := range terms {
			if Key(t.Name) == Key(term) {
				return of(t), nil
			}
		}
		names := make([]string, len(terms))
		for i, t := range terms {
			names[i] = t.Name
		}
		if len(names) == 0 {
			return Period{}, model.Invalid("term", "there is no term %q: no term has been added yet", term)
		}
		return Period{}, model.Invalid("term", "there is no term %q; the terms are: %s", term, strings.Join(names, ", "))
	}
	if first == "" && last == "" {
		if t, ok := CurrentTerm(terms, now, loc); ok {
			return of(t), nil
		}
	}
	local := now.In(loc)
	p := Period{Last: Day{time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)}}
	var err error
	if last != "" {
		if p.Last, err = ParseDay("to", last); err != nil {
			return Period{}, err
		}
	}
	p.First = Day{p.Last.AddDate(0, 0, -(DefaultPeriodDays - 1))}
	if first != "" {
		if p.First, err = ParseDay("from", first); err != nil {
			return Period{}, err
		}
	}
	if p.Last.Before(p.First.Time) {
		return Period{}, model.Invalid("to", "the last day (%s) comes before the first (%s)", p.Last, p.First)
	}
	p.From, p.To = DayRange(p.First, p.Last, loc)
	return p, nil
}

// A FigureColumn is one figure as the console's tables, their CSV and the
// command line show it.
type FigureColumn struct {
	Head  string
	Value func(Figures) string
}

func countText(n int) string { return strconv.Itoa(n) }

func shareText(v *float64) string {
	if v == nil {
		return "–"
	}
	return strconv.FormatFloat(*v*100, 'f', 0, 64) + "%"
}

func hoursText(v *float64) string {
	if v == nil {
		return "–"
	}
	return strconv.FormatFloat(*v, 'f', 1, 64)
}

func averageText(v *float64) string {
	if v == nil {
		return "–"
	}
	return strconv.FormatFloat(*v, 'f', 1, 64)
}

// GroupingLabel names a grouping in a table's head.
func GroupingLabel(by string) string {
	switch by {
	case ByMajor:
		return "Major"
	case ByGradYear:
		return "Graduation year"
	case ByFirstGen:
		return "First-generation student"
	case ByMonth:
		return "Month"
	}
	return "Field"
}

// GroupingWord names a grouping in a sentence ("by major", "per major").
func GroupingWord(by string) string {
	if by == ByFirstGen {
		return "first-generation status"
	}
	return strings.ToLower(GroupingLabel(by))
}

// FigureColumns are the figures of a period or of one field, in the
// order the tables show them.
func FigureColumns() []FigureColumn {
	return []FigureColumn{
		{"Requests sent", func(f Figures) string { return countText(f.RequestsSent) }},
		{"Sent over the checker", func(f Figures) string { return countText(f.CheckerOverrides) }},
		{"Answered", func(f Figures) string { return countText(f.Answered) }},
		{"Accepted", func(f Figures) string { return countText(f.Accepted) }},
		{"Declined", func(f Figures) string { return countText(f.Declined) }},
		{"Expired", func(f Figures) string { return countText(f.Expired) }},
		{"Withdrawn", func(f Figures) string { return countText(f.Withdrawn) }},
		{"Acceptance rate", func(f Figures) string { return shareText(f.AcceptanceRate) }},
		{"Median hours to answer", func(f Figures) string { return hoursText(f.MedianHoursToAnswer) }},
		{"90th percentile hours to answer", func(f Figures) string { return hoursText(f.P90HoursToAnswer) }},
		{"Held", func(f Figures) string { return countText(f.Held) }},
		{"No-shows", func(f Figures) string { return countText(f.NoShows) }},
		{"Late cancellations", func(f Figures) string { return countText(f.LateCancels) }},
		{"Thanked within 12 h", func(f Figures) string { return shareText(f.ThankedInTimeShare) }},
		{"Reported back", func(f Figures) string { return countText(f.ReportedBack) }},
		{"Students helped", func(f Figures) string { return countText(f.StudentsHelped) }},
		{"Students reached", func(f Figures) string { return shareText(f.StudentsReachedShare) }},
		{"Usefulness ratings", func(f Figures) string { return countText(f.UsefulnessRatings) }},
		{"Average usefulness (1–5)", func(f Figures) string { return averageText(f.UsefulnessAverage) }},
		{"Preparedness ratings", func(f Figures) string { return countText(f.PreparednessRatings) }},
		{"Average preparedness (1–5)", func(f Figures) string { return averageText(f.PreparednessAverage) }},
		{"Volunteers asked", func(f Figures) string { return countText(f.VolunteersAsked) }},
		{"Volunteers who answered", func(f Figures) string { return countText(f.VolunteersActive) }},
		{"Stale now", func(f Figures) string { return countText(f.Stale) }},
	}
}

// RosterColumns are the figures only the whole center has: its roster
// against the period.
func RosterColumns() []FigureColumn {
	return []FigureColumn{
		{"Students with an account", func(f Figures) string {
			if f.Students == nil {
				return "–"
			}
			return countText(*f.Students)
		}},
		{"Volunteers with an account", func(f Figures) string { return countText(f.Volunteers) }},
		{"Volunteers never asked", func(f Figures) string { return countText(f.VolunteersNeverAsked) }},
		{"Capacity offered", func(f Figures) string { return countText(f.CapacityOffered) }},
		{"Volunteer utilisation", func(f Figures) string { return shareText(f.VolunteerUtilisation) }},
	}
}

// A Report is the figures of a period as the API and `ally center
// figures --json` give them: the period, and the figures at the top level.
type Report struct {
	Period Period `json:"period"`
	Figures
}
