package center

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/ally-dev/ally/internal/model"
)

// Key is the form a directory term (a major, a club, an employer, a town,
// a field) is compared in: lower-cased, punctuation and spacing folded,
// so that "Economics", " economics " and "ECONOMICS." are one major.
func Key(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&' || r == '+' || r == '#':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// Traits are what a student and a volunteer may share: the handouts'
// "commonality". For a student Employers are past employers; for a
// volunteer, the current employer and earlier ones.
type Traits struct {
	Majors    []string
	HomeTown  string
	Clubs     []string
	Employers []string
}

// Kinds of commonality, in the order a card lists them.
const (
	CommonMajor    = "major"
	CommonHomeTown = "home_town"
	CommonClub     = "club"
	CommonEmployer = "employer"
)

// Sentence says one shared trait in a few words for a card.
func Sentence(kind, label string) string {
	switch kind {
	case CommonMajor:
		return "Also studied " + label
	case CommonHomeTown:
		return "Also from " + label
	case CommonClub:
		return "Also in " + label
	case CommonEmployer:
		return "Also worked at " + label
	}
	return label
}

// InCommon lists what student and volunteer share, majors first, then the
// home town, clubs and employers, each once, labelled as the volunteer
// wrote it, each with its sentence.
func InCommon(student, volunteer Traits) []model.Common {
	return NewMatcher(student).InCommon(volunteer.Keyed())
}

// KeyedTraits are a volunteer's traits with their keys, in InCommon's
// order, each kind's key once: worked out once, when read, so that a
// search compares them with many students' traits cheaply.
type KeyedTraits []keyedTrait

type keyedTrait struct{ kind, key, label string }

// Keyed keys t (Key), dropping the items that key to nothing.
func (t Traits) Keyed() KeyedTraits {
	var out KeyedTraits
	seen := map[string]bool{}
	add := func(kind string, items ...string) {
		for _, s := range items {
			k := Key(s)
			if k == "" || seen[kind+"\x00"+k] {
				continue
			}
			seen[kind+"\x00"+k] = true
			out = append(out, keyedTrait{kind: kind, key: k, label: strings.TrimSpace(s)})
		}
	}
	add(CommonMajor, t.Majors...)
	add(CommonHomeTown, t.HomeTown)
	add(CommonClub, t.Clubs...)
	add(CommonEmployer, t.Employers...)
	return out
}

// A Matcher finds what one student has in common with volunteers.
type Matcher struct{ want map[keyedTrait]bool }

// NewMatcher keys the student's traits once, for many volunteers.
func NewMatcher(student Traits) Matcher {
	m := Matcher{want: map[keyedTrait]bool{}}
	for _, t := range student.Keyed() {
		m.want[keyedTrait{kind: t.kind, key: t.key}] = true
	}
	return m
}

// InCommon is what the student shares with a volunteer whose traits are v.
func (m Matcher) InCommon(v KeyedTraits) []model.Common {
	if len(m.want) == 0 {
		return nil
	}
	var out []model.Common
	for _, t := range v {
		if m.want[keyedTrait{kind: t.kind, key: t.key}] {
			out = append(out, model.Common{Kind: t.kind, Label: t.label, Text: Sentence(t.kind, t.label)})
		}
	}
	return out
}

// A Candidate is one volunteer a directory search found, with what the
// ranking needs.
type Candidate struct {
	ID       int64
	Name     string
	Capacity int // conversations a month the volunteer offers
	// RequestsThisMonth counts the requests the volunteer received this
	// calendar month, whatever became of them: the spread-the-load
	// tie-break.
	RequestsThisMonth int
	Used              int       // capacity used this month (accepted requests counted in it)
	Pending           int       // open requests to them now, from every student
	PausedUntil       time.Time // zero: not paused; else back on this day
	Common            []model.Common
	LastActive        time.Time // last sign-in; zero: never
	TextRank          float64   // how well the words searched for match; higher is better
}

// Load is the candidate as the limits on sending see them.
func (c Candidate) Load() VolunteerLoad {
	return VolunteerLoad{ID: c.ID, Name: c.Name, Capacity: c.Capacity, PausedUntil: c.PausedUntil, Used: c.Used, Pending: c.Pending}
}

// Paused reports whether the volunteer takes no requests at now: paused
// until a date means back on that day, in the center's time zone.
func (s Settings) Paused(c Candidate, now time.Time) bool {
	return PausedOn(c.PausedUntil, now, s.Location())
}

// HasRoom reports whether the volunteer takes a new request at now — the
// directory's "has room this month" —: exactly the volunteer's side of
// MaySend (TakesRequests: not paused, capacity left this month, not full
// for now), so that a card never offers what a request would be refused.
func (s Settings) HasRoom(c Candidate, now time.Time) bool {
	return s.TakesRequests(c.Load(), now) == nil
}

// Rank orders candidates for a student, best first: those with room this
// month, then those with more in common, then — to spread the load —
// those asked less this month; among equals, the better text match, the
// more recently active, then by name and id so that the order is stable.
func (s Settings) Rank(cs []Candidate, now time.Time) {
	// The keys are worked out once a candidate, not once a comparison.
	type ranked struct {
		room bool
		name string
		c    *Candidate
	}
	keys := make([]ranked, len(cs))
	for i := range cs {
		keys[i] = ranked{room: s.HasRoom(cs[i], now), name: strings.ToLower(cs[i].Name), c: &cs[i]}
	}
	// The last key, the id, is unique: the order is total, so an
	// unstable sort gives the one order.
	slices.SortFunc(keys, func(x, y ranked) int {
		a, b := x.c, y.c
		if x.room != y.room {
			if x.room {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(len(b.Common), len(a.Common)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.RequestsThisMonth, b.RequestsThisMonth); c != 0 {
			return c
		}
		if c := cmp.Compare(b.TextRank, a.TextRank); c != 0 {
			return c
		}
		if c := b.LastActive.Compare(a.LastActive); c != 0 {
			return c
		}
		if c := cmp.Compare(x.name, y.name); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	sorted := make([]Candidate, len(keys))
	for i, k := range keys {
		sorted[i] = *k.c
	}
	copy(cs, sorted)
}
