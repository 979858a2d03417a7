package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
)

// requestLoads reads what each volunteer's requests weigh this calendar
// month m (in the center's time zone): recv counts those received in m
// (the spread-the-load tie-break), used those using capacity in m
// (center.Settings.CountedAt), open those waiting for an answer now. Each
// part reads its own index (requests_created, requests_counted_at,
// requests_open), so a search never scans the whole requests table; a
// volunteer with no requests has no entry. It is read afresh by every
// search: requests change far more often than the directory.
func requestLoads(ctx context.Context, q queryer, m center.Month, loc *time.Location) (map[int64]requestLoad, error) {
	from, to := ts(m.Start(loc)), ts(m.End(loc))
	rows, err := q.QueryContext(ctx, `SELECT x.volunteer_id, SUM(x.recv), SUM(x.used), SUM(x.open) FROM (
			SELECT volunteer_id, 1 AS recv, 0 AS used, 0 AS open FROM requests WHERE created_at >= $1 AND created_at < $2
			UNION ALL SELECT volunteer_id, 0, 1, 0 FROM requests WHERE counted_at >= $1 AND counted_at < $2
			UNION ALL SELECT volunteer_id, 0, 0, 1 FROM requests WHERE `+openStates+`
		) x GROUP BY x.volunteer_id`, from, to)
	if err != nil {
		return nil, fmt.Errorf("search the directory: %w", err)
	}
	defer rows.Close()
	out := map[int64]requestLoad{}
	for rows.Next() {
		var id int64
		var l requestLoad
		if err := rows.Scan(&id, &l.recv, &l.used, &l.open); err != nil {
			return nil, fmt.Errorf("search the directory: %w", err)
		}
		out[id] = l
	}
	return out, rows.Err()
}

// requestLoad is one volunteer's requests this month (requestLoads).
type requestLoad struct{ recv, used, open int }

// A search's matches are kept (Store.directoryRows) while the directory's
// version (00026) is unchanged, for at most directoryMemoAge of the
// searches' own clock (the last-active tie-break and "today" move on),
// up to directoryMemoSearches searches and directoryMemoHits matches in
// all.
const (
	directoryMemoSearches = 64
	directoryMemoHits     = 200_000
	directoryMemoAge      = time.Minute
)

// directoryRows is what one search matched, read at one version.
type directoryRows struct {
	read time.Time
	hits []directoryHit
}

// facetLimit bounds the values a facet lists, most common first.
const facetLimit = 30

// directoryFilter builds the WHERE clause shared by a search's queries,
// with its arguments from $1.
type directoryFilter struct {
	where []string
	args  []any
}

func (f *directoryFilter) arg(v any) string {
	f.args = append(f.args, v)
	return "$" + strconv.Itoa(len(f.args))
}

// likeArg is a LIKE pattern matching s anywhere, its wildcards escaped.
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// textMatch turns the words searched for into each database's query:
// every word must match, the last as a prefix (search as you type).
func (s *Store) textMatch(text string) (string, bool) {
	terms := searchTerms(text)
	if len(terms) == 0 {
		return "", false
	}
	if s.dialect == SQLite {
		quoted := make([]string, len(terms))
		for i, t := range terms {
			quoted[i] = `"` + t + `"`
		}
		quoted[len(quoted)-1] += "*"
		return strings.Join(quoted, " "), true
	}
	parts := slices.Clone(terms)
	parts[len(parts)-1] += ":*"
	return strings.Join(parts, " & "), true
}

// filter is the query's WHERE: active volunteers with a profile that
// match every filter given. The text rank's expression is returned too.
func (s *Store) directoryWhere(q model.DirectoryQuery) (f *directoryFilter, rank, join string) {
	f = &directoryFilter{}
	// Only the volunteer profiles are scanned (or, with a field, major or
	// channel, only those the terms index names): a join with accounts
	// would let SQLite walk every account, students included.
	f.where = append(f.where, `EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = v.account_id AND a.status = 'active')`,
		`EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = v.account_id AND r.role = 'volunteer')`)
	rank = "0.0"
	if m, ok := s.textMatch(q.Text); ok {
		p := f.arg(m)
		if s.dialect == SQLite {
			join = ` JOIN (SELECT rowid AS id, -bm25(volunteer_search, 3.0, 1.0) AS rank FROM volunteer_search WHERE volunteer_search MATCH ` + p + `) m ON m.id = v.account_id`
			rank = "m.rank"
		} else {
			f.where = append(f.where, `v.tsv @@ to_tsquery('english', `+p+`)`)
			rank = `ts_rank(v.tsv, to_tsquery('english', ` + p + `))`
		}
	}
	term := func(kind, value string) {
		if k := center.Key(value); k != "" {
			f.where = append(f.where, `v.account_id IN (SELECT t.account_id FROM volunteer_terms t WHERE t.kind = `+
				f.arg(kind)+` AND t.term = `+f.arg(k)+`)`)
		}
	}
	term(termField, q.Field)
	term(center.CommonMajor, q.Major)
	term(termChannel, string(q.Channel))
	like := func(col, value string) {
		if k := center.Key(value); k != "" {
			f.where = append(f.where, col+` LIKE `+f.arg(likeArg(k))+` ESCAPE '\'`)
		}
	}
	like("v.employer_key", q.Employer)
	like("v.title_key", q.Role)
	like("v.location_key", q.Location)
	if q.GradYear != 0 {
		f.where = append(f.where, `v.grad_year = `+f.arg(q.GradYear))
	}
	return f, rank, join
}

// studentTraits is what the ranking compares with each volunteer.
func studentTraits(p model.StudentProfile) center.Traits {
	return center.Traits{Majors: p.Majors, HomeTown: p.HomeTown, Clubs: p.Clubs, Employers: p.PastEmployers}
}

// directoryHit is one match before ranking, with what the facets count.
type directoryHit struct {
	cand            center.Candidate
	fields          []facetValue // the career fields
	location        facetValue   // city and country
	paused, hasRoom bool
	lastActive      *time.Time
	traits          center.KeyedTraits
}

// Directory searches the volunteer directory for the student whose
// profile is given (an empty one for an advisor): every match is ranked
// (center.Rank: room this month, then what they have in common, then
// fewer requests this month), the facets count the matches per career
// field and location, and one page of cards is returned. now is read in
// the center's time zone.
func (s *Store) Directory(ctx context.Context, q model.DirectoryQuery, student model.StudentProfile, now time.Time) (model.DirectoryPage, error) {
	q.Normalize()
	set, version, err := s.centerRules(ctx)
	if err != nil {
		return model.DirectoryPage{}, err
	}
	hits, err := s.directoryHits(ctx, q, version, now.In(set.Location()))
	if err != nil {
		return model.DirectoryPage{}, err
	}
	mine := center.NewMatcher(studentTraits(student))
	byID := make(map[int64]*directoryHit, len(hits))
	cands := make([]center.Candidate, 0, len(hits))
	for _, h := range hits {
		h.hasRoom, h.paused = set.HasRoom(h.cand, now), set.Paused(h.cand, now)
		if q.Available && !h.hasRoom {
			continue
		}
		h.cand.Common = mine.InCommon(h.traits)
		byID[h.cand.ID] = h
		cands = append(cands, h.cand)
	}
	set.Rank(cands, now)
	page := model.DirectoryPage{Total: len(cands), Page: q.Page, PerPage: q.PerPage, Cards: []model.DirectoryCard{}}
	page.Pages = (len(cands) + q.PerPage - 1) / q.PerPage
	page.Fields, page.Locations = facets(cands, byID)
	from := (q.Page - 1) * q.PerPage
	if from >= len(cands) {
		return page, nil
	}
	cands = cands[from:min(from+q.PerPage, len(cands))]
	profiles, err := s.volunteerProfiles(ctx, cands)
	if err != nil {
		return page, err
	}
	for _, c := range cands {
		p, ok := profiles[c.ID]
		if !ok {
			continue // the profile went between the two reads
		}
		page.Cards = append(page.Cards, card(p, byID[c.ID], c.Common))
	}
	return page, nil
}

// DirectoryCard returns one volunteer's card as the student sees it;
// found is false for an account that is not an active volunteer with a
// profile.
func (s *Store) DirectoryCard(ctx context.Context, id int64, student model.StudentProfile, now time.Time) (model.DirectoryCard, bool, error) {
	set, err := s.CenterRules(ctx)
	if err != nil {
		return model.DirectoryCard{}, false, err
	}
	today := now.In(set.Location())
	f, _, _ := s.directoryWhere(model.DirectoryQuery{})
	f.where = append(f.where, `v.account_id = `+f.arg(id))
	hits, err := hitsIn(ctx, s.r, f, "0.0", "", today)
	if err != nil || len(hits) == 0 {
		return model.DirectoryCard{}, false, err
	}
	h := hits[0]
	h.hasRoom, h.paused = set.HasRoom(h.cand, now), set.Paused(h.cand, now)
	common := center.NewMatcher(studentTraits(student)).InCommon(h.traits)
	profiles, err := s.volunteerProfiles(ctx, []center.Candidate{h.cand})
	if err != nil {
		return model.DirectoryCard{}, false, err
	}
	p, ok := profiles[id]
	if !ok {
		return model.DirectoryCard{}, false, nil
	}
	return card(p, h, common), true, nil
}

// directoryHits is every match of q with its requests this month, today
// in the center's time zone. The matches come from the kept ones while
// the directory is at version (a negative version keeps nothing).
func (s *Store) directoryHits(ctx context.Context, q model.DirectoryQuery, version int64, today time.Time) ([]*directoryHit, error) {
	f, rank, join := s.directoryWhere(q)
	key := join + "\x00" + strings.Join(f.where, " AND ") + "\x00" + fmt.Sprint(f.args...)
	rows, ok := s.directoryRows.get(key, version)
	if !ok || version < 0 || today.Before(rows.read) || today.Sub(rows.read) > directoryMemoAge {
		hits, err := matchRows(ctx, s.r, f, rank, join)
		if err != nil {
			return nil, err
		}
		rows = directoryRows{read: today, hits: hits}
		if version >= 0 {
			s.directoryRows.put(key, version, rows, len(hits))
		}
	}
	return withLoads(ctx, s.r, rows.hits, today)
}

// hitsIn is every match of f, read in q with its requests this month
// (today in the center's time zone), none kept: a transaction that
// suggests volunteers in the email it queues reads them there.
func hitsIn(ctx context.Context, q queryer, f *directoryFilter, rank, join string, today time.Time) ([]*directoryHit, error) {
	hits, err := matchRows(ctx, q, f, rank, join)
	if err != nil {
		return nil, err
	}
	return withLoads(ctx, q, hits, today)
}

// withLoads copies hits (kept matches are shared) with each volunteer's
// requests this month, read in q.
func withLoads(ctx context.Context, q queryer, hits []directoryHit, today time.Time) ([]*directoryHit, error) {
	loads, err := requestLoads(ctx, q, center.MonthOf(today, today.Location()), today.Location())
	if err != nil {
		return nil, err
	}
	out := make([]*directoryHit, len(hits))
	for i := range hits {
		h := hits[i]
		h.setLoad(loads[h.cand.ID])
		out[i] = &h
	}
	return out, nil
}

func (h *directoryHit) setLoad(l requestLoad) {
	h.cand.RequestsThisMonth, h.cand.Used, h.cand.Pending = l.recv, l.used, l.open
}

// matchRows reads every match of f with what ranking and facets need —
// a few short columns a volunteer, the traits a student may share among
// them — in one query, so that ranking all of them stays cheap; the
// page's cards are read apart.
func matchRows(ctx context.Context, q queryer, f *directoryFilter, rank, join string) ([]directoryHit, error) {
	query := `SELECT v.account_id, v.display_name, v.monthly_capacity, v.paused_until,
			(SELECT a.last_signin_at FROM accounts a WHERE a.user_id = v.account_id), ` + rank + `,
			v.fields, v.city, v.country, v.majors, v.home_town, v.clubs, v.employer, v.past_employers
		FROM volunteer_profiles v` + join + `
		WHERE ` + strings.Join(f.where, " AND ")
	rows, err := q.QueryContext(ctx, query, f.args...)
	if err != nil {
		return nil, fmt.Errorf("search the directory: %w", err)
	}
	defer rows.Close()
	var out []directoryHit
	for rows.Next() {
		var h directoryHit
		var paused nullDate
		var last nullTime
		var fields, city, country, majors, home, clubs, employer, past string
		if err := rows.Scan(&h.cand.ID, &h.cand.Name, &h.cand.Capacity, &paused, &last, &h.cand.TextRank,
			&fields, &city, &country, &majors, &home, &clubs, &employer, &past); err != nil {
			return nil, fmt.Errorf("search the directory: %w", err)
		}
		for _, f := range splitLines(fields) {
			if v := newFacetValue(f); v.key != "" {
				h.fields = append(h.fields, v)
			}
		}
		h.location = newFacetValue(model.JoinLocation(city, country))
		h.traits = center.Traits{Majors: splitLines(majors), HomeTown: home, Clubs: splitLines(clubs),
			Employers: append([]string{employer}, splitLines(past)...)}.Keyed()
		if paused.t != nil {
			h.cand.PausedUntil = *paused.t
		}
		h.cand.LastActive, h.lastActive = last.Time, last.ptr()
		out = append(out, h)
	}
	return out, rows.Err()
}

// facetValue is a value the facets count, keyed once when read: values
// that differ only in case or punctuation count as one.
type facetValue struct{ key, label string }

func newFacetValue(label string) facetValue { return facetValue{center.Key(label), label} }

// facets counts the ranked matches per career field and per location,
// most common first, at most facetLimit of each.
func facets(cands []center.Candidate, byID map[int64]*directoryHit) (fields, locations []model.FacetCount) {
	type tally struct {
		label string
		n     int
	}
	count := func(m map[string]*tally, v facetValue) {
		if v.key == "" {
			return
		}
		if t, ok := m[v.key]; ok {
			t.n++
			return
		}
		m[v.key] = &tally{v.label, 1}
	}
	fm, lm := map[string]*tally{}, map[string]*tally{}
	for _, c := range cands {
		h := byID[c.ID]
		for _, f := range h.fields {
			count(fm, f)
		}
		count(lm, h.location)
	}
	list := func(m map[string]*tally) []model.FacetCount {
		out := make([]model.FacetCount, 0, len(m))
		for _, t := range m {
			out = append(out, model.FacetCount{Value: t.label, Count: t.n})
		}
		slices.SortFunc(out, func(a, b model.FacetCount) int {
			if c := cmp.Compare(b.Count, a.Count); c != 0 {
				return c
			}
			return cmp.Compare(strings.ToLower(a.Value), strings.ToLower(b.Value))
		})
		return out[:min(len(out), facetLimit)]
	}
	return list(fm), list(lm)
}

// volunteerProfiles reads the profiles of one page's volunteers.
func (s *Store) volunteerProfiles(ctx context.Context, cands []center.Candidate) (map[int64]model.VolunteerProfile, error) {
	out := make(map[int64]model.VolunteerProfile, len(cands))
	if len(cands) == 0 {
		return out, nil
	}
	args := make([]any, len(cands))
	for i, c := range cands {
		args[i] = c.ID
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+volunteerColumns+` FROM volunteer_profiles v WHERE v.account_id IN (`+
		placeholders(1, len(args))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("read volunteer profiles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanVolunteer(rows)
		if err != nil {
			return nil, fmt.Errorf("read volunteer profiles: %w", err)
		}
		out[p.AccountID] = p
	}
	return out, rows.Err()
}

// card is a volunteer's profile as a student may see it: no contact
// details, which the profile read here does not even hold.
func card(p model.VolunteerProfile, h *directoryHit, common []model.Common) model.DirectoryCard {
	if common == nil {
		common = []model.Common{}
	}
	return model.DirectoryCard{ID: p.AccountID, Name: p.DisplayName, Title: p.Title, Employer: p.Employer, Fields: p.Fields,
		City: p.City, Country: p.Country, GradYear: p.GradYear, Degree: p.Degree, Majors: p.Majors, Industries: p.Industries,
		Languages: p.Languages, Channels: p.Channels, AskMeAbout: p.AskMeAbout, Bio: p.Bio, HasPhoto: p.HasPhoto,
		HasRoom: h.hasRoom, Paused: h.paused, InCommon: common, LastActive: h.lastActive}
}
