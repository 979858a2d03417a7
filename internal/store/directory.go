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

// requestLoad is the join that gives each volunteer v what their
// requests weigh this calendar month m (in the center's time zone): rq.recv
// counts those received in m (the spread-the-load tie-break), rq.used those
// using capacity in m (center.Settings.CountedAt), rq.open those waiting
// for an answer now. Each part reads its own index (requests_created,
// requests_counted_at, requests_open), so a search never scans the whole
// requests table; a volunteer with no requests has no row (NULL: 0).
func requestLoad(f *directoryFilter, m center.Month, loc *time.Location) string {
	from, to := f.arg(ts(m.Start(loc))), f.arg(ts(m.End(loc)))
	return ` LEFT JOIN (SELECT x.volunteer_id, SUM(x.recv) AS recv, SUM(x.used) AS used, SUM(x.open) AS open FROM (
			SELECT volunteer_id, 1 AS recv, 0 AS used, 0 AS open FROM requests WHERE created_at >= ` + from + ` AND created_at < ` + to + `
			UNION ALL SELECT volunteer_id, 0, 1, 0 FROM requests WHERE counted_at >= ` + from + ` AND counted_at < ` + to + `
			UNION ALL SELECT volunteer_id, 0, 0, 1 FROM requests WHERE ` + openStates + `
		) x GROUP BY x.volunteer_id) rq ON rq.volunteer_id = v.account_id`
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
	fields          string
	city, country   string
	paused, hasRoom bool
	lastActive      *time.Time
	traits          center.Traits
}

// Directory searches the volunteer directory for the student whose
// profile is given (an empty one for an advisor): every match is ranked
// (center.Rank: room this month, then what they have in common, then
// fewer requests this month), the facets count the matches per career
// field and location, and one page of cards is returned. now is read in
// the center's time zone.
func (s *Store) Directory(ctx context.Context, q model.DirectoryQuery, student model.StudentProfile, now time.Time) (model.DirectoryPage, error) {
	q.Normalize()
	set, err := s.CenterRules(ctx)
	if err != nil {
		return model.DirectoryPage{}, err
	}
	today := now.In(set.Location())
	hits, err := s.directoryHits(ctx, q, today)
	if err != nil {
		return model.DirectoryPage{}, err
	}
	mine := studentTraits(student)
	byID := make(map[int64]*directoryHit, len(hits))
	cands := make([]center.Candidate, 0, len(hits))
	for _, h := range hits {
		h.hasRoom, h.paused = set.HasRoom(h.cand, now), set.Paused(h.cand, now)
		if q.Available && !h.hasRoom {
			continue
		}
		h.cand.Common = center.InCommon(mine, h.traits)
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
	hits, err := s.queryHits(ctx, f, "0.0", "", today)
	if err != nil || len(hits) == 0 {
		return model.DirectoryCard{}, false, err
	}
	h := hits[0]
	h.hasRoom, h.paused = set.HasRoom(h.cand, now), set.Paused(h.cand, now)
	common := center.InCommon(studentTraits(student), h.traits)
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

func (s *Store) directoryHits(ctx context.Context, q model.DirectoryQuery, today time.Time) ([]*directoryHit, error) {
	f, rank, join := s.directoryWhere(q)
	return s.queryHits(ctx, f, rank, join, today)
}

// queryHits reads every match of f with what ranking and facets need —
// a few short columns a volunteer, the traits a student may share among
// them — in one query, so that ranking all of them stays cheap; the
// page's cards are read apart.
func (s *Store) queryHits(ctx context.Context, f *directoryFilter, rank, join string, today time.Time) ([]*directoryHit, error) {
	return queryHitsIn(ctx, s.r, f, rank, join, today)
}

// queryHitsIn is queryHits in q: a transaction that suggests volunteers
// in the email it queues reads them there.
func queryHitsIn(ctx context.Context, q queryer, f *directoryFilter, rank, join string, today time.Time) ([]*directoryHit, error) {
	load := requestLoad(f, center.MonthOf(today, today.Location()), today.Location())
	query := `SELECT v.account_id, v.display_name, v.monthly_capacity, v.paused_until,
			(SELECT a.last_signin_at FROM accounts a WHERE a.user_id = v.account_id),
			COALESCE(rq.recv, 0), COALESCE(rq.used, 0), COALESCE(rq.open, 0), ` + rank + `,
			v.fields, v.city, v.country, v.majors, v.home_town, v.clubs, v.employer, v.past_employers
		FROM volunteer_profiles v` + join + load + `
		WHERE ` + strings.Join(f.where, " AND ")
	rows, err := q.QueryContext(ctx, query, f.args...)
	if err != nil {
		return nil, fmt.Errorf("search the directory: %w", err)
	}
	defer rows.Close()
	var out []*directoryHit
	for rows.Next() {
		h := &directoryHit{}
		var paused nullDate
		var last nullTime
		var majors, clubs, employer, past string
		if err := rows.Scan(&h.cand.ID, &h.cand.Name, &h.cand.Capacity, &paused, &last, &h.cand.RequestsThisMonth, &h.cand.Used, &h.cand.Pending, &h.cand.TextRank,
			&h.fields, &h.city, &h.country, &majors, &h.traits.HomeTown, &clubs, &employer, &past); err != nil {
			return nil, fmt.Errorf("search the directory: %w", err)
		}
		h.traits.Majors, h.traits.Clubs = splitLines(majors), splitLines(clubs)
		h.traits.Employers = append([]string{employer}, splitLines(past)...)
		if paused.t != nil {
			h.cand.PausedUntil = *paused.t
		}
		h.cand.LastActive, h.lastActive = last.Time, last.ptr()
		out = append(out, h)
	}
	return out, rows.Err()
}

// facets counts the ranked matches per career field and per location,
// most common first, at most facetLimit of each.
func facets(cands []center.Candidate, byID map[int64]*directoryHit) (fields, locations []model.FacetCount) {
	type tally struct {
		label string
		n     int
	}
	count := func(m map[string]*tally, label string) {
		k := center.Key(label)
		if k == "" {
			return
		}
		if t, ok := m[k]; ok {
			t.n++
			return
		}
		m[k] = &tally{label, 1}
	}
	fm, lm := map[string]*tally{}, map[string]*tally{}
	for _, c := range cands {
		h := byID[c.ID]
		for _, f := range splitLines(h.fields) {
			count(fm, f)
		}
		count(lm, model.JoinLocation(h.city, h.country))
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
