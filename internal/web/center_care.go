package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// The advisors' care pages (issue 11, "Rosters"): the volunteers with
// their load and how their requests went, one volunteer to pause or
// remove, the thank-you to a term's volunteers, the stale requests and the
// students to reach out to. What they show is what the table "Who sees
// what in a center" gives advisors: accounts, profiles, the requests'
// metadata.

// carePageSize is how many rows a care list shows at a time.
const carePageSize = 50

// carePeriod is the period the care pages count over: the current term,
// else the last center.DefaultPeriodDays days; and its name in words.
func (s *server) carePeriod(r *http.Request, set center.Settings) (center.Period, string, error) {
	terms, err := s.Store.Terms(r.Context())
	if err != nil {
		return center.Period{}, "", err
	}
	p, err := center.ChoosePeriod(terms, "", "", "", s.now(), set.Location())
	if err != nil {
		return p, "", err
	}
	if p.Term != "" {
		return p, p.Term, nil
	}
	return p, "the " + strconv.Itoa(center.DefaultPeriodDays) + " days to " + p.Last.Format("2 January 2006"), nil
}

// sortHead is a column head of the volunteer list: a link that sorts by
// it, and the aria-sort of the column sorted by.
type sortHead struct {
	Label, URL, AriaSort string
}

// volunteerRow is one volunteer as the list shows them.
type volunteerRow struct {
	store.VolunteerCare
	Paused     string // "until Tue 1 Dec 2026", or ""
	Answer     string // the median time to answer in words, or "–"
	Acceptance string
}

// volunteersPage is the advisors' list of volunteers (center_volunteers.html).
type volunteersPage struct {
	page
	Rows   []volunteerRow
	Heads  []sortHead
	Field  string
	Text   string
	Sort   string
	Dir    string
	Total  int
	Pager  pager
	Month  string
	Period string
}

// firstDescending says which columns sort largest first when chosen.
var firstDescending = map[store.VolunteerSort]bool{store.SortRequestsThisMonth: true, store.SortCapacity: true,
	store.SortAcceptance: true, store.SortNoShows: true, store.SortPausedUntil: true}

var sortLabels = map[store.VolunteerSort]string{store.SortName: "Volunteer", store.SortCapacity: "Capacity a month",
	store.SortRequestsThisMonth: "Requests this month", store.SortAnswerTime: "Median time to answer",
	store.SortAcceptance: "Acceptance", store.SortNoShows: "Student no-shows", store.SortPausedUntil: "Paused"}

// durationWords says a number of minutes as people say it.
func durationWords(m *float64) string {
	if m == nil {
		return "–"
	}
	mins := int(*m + 0.5)
	switch {
	case mins < 60:
		return plural(mins, "minute", "minutes")
	case mins < 48*60:
		return strconv.FormatFloat(float64(mins)/60, 'f', 1, 64) + " hours"
	}
	return strconv.FormatFloat(float64(mins)/(24*60), 'f', 1, 64) + " days"
}

func percent(v *float64) string {
	if v == nil {
		return "–"
	}
	return strconv.Itoa(int(*v*100+0.5)) + "%"
}

// careRow turns a volunteer's figures into the words the pages show.
func careRow(v store.VolunteerCare, set center.Settings, now time.Time) volunteerRow {
	row := volunteerRow{VolunteerCare: v, Answer: durationWords(v.MedianMinutes), Acceptance: percent(v.Acceptance)}
	if v.PausedUntil != nil && center.PausedOn(*v.PausedUntil, now, set.Location()) {
		row.Paused = "until " + v.PausedUntil.Format("Mon 2 Jan 2006")
	}
	return row
}

// careQuery is the store's query of the month and period the pages show.
func careQuery(set center.Settings, p center.Period, now time.Time) store.VolunteerQuery {
	m := center.MonthOf(now, set.Location())
	return store.VolunteerQuery{MonthFrom: m.Start(set.Location()), MonthTo: m.End(set.Location()), From: p.From, To: p.To}
}

// volunteersShow serves GET /center/volunteers?field=&q=&sort=&dir=&page=.
func (s *server) volunteersShow(w http.ResponseWriter, r *http.Request) {
	ctx, now := r.Context(), s.now()
	set, err := s.Store.CenterRules(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, periodName, err := s.carePeriod(r, set)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := r.URL.Query()
	sort, err := store.ParseVolunteerSort(v.Get("sort"))
	if err != nil {
		s.pageError(w, r, badRequest{sentence(model.AsErrors(err)[0].Message)})
		return
	}
	dir := v.Get("dir")
	if dir != "asc" && dir != "desc" {
		dir = "asc"
		if firstDescending[sort] {
			dir = "desc"
		}
	}
	n, err := queryInt(r, "page", 1, 1_000_000)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	n = max(n, 1)
	q := careQuery(set, p, now)
	q.Field, q.Text, q.Sort, q.Asc = strings.TrimSpace(v.Get("field")), strings.TrimSpace(v.Get("q")), sort, dir == "asc"
	q.Limit, q.Offset = carePageSize, (n-1)*carePageSize
	list, total, err := s.Store.VolunteerCarePage(ctx, set, q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &volunteersPage{page: s.newPage("care", set.Location()), Field: q.Field, Text: q.Text, Sort: string(sort), Dir: dir, Total: total,
		Pager: newPager(r, total, carePageSize), Month: center.MonthOf(now, set.Location()).String(), Period: periodName}
	for _, c := range list {
		data.Rows = append(data.Rows, careRow(c, set, now))
	}
	for _, col := range store.VolunteerSorts() {
		h := sortHead{Label: sortLabels[col]}
		link := url.Values{}
		if q.Field != "" {
			link.Set("field", q.Field)
		}
		if q.Text != "" {
			link.Set("q", q.Text)
		}
		link.Set("sort", string(col))
		next := "asc"
		if firstDescending[col] {
			next = "desc"
		}
		if col == sort {
			h.AriaSort = map[string]string{"asc": "ascending", "desc": "descending"}[dir]
			next = map[string]string{"asc": "desc", "desc": "asc"}[dir]
		}
		link.Set("dir", next)
		h.URL = "/center/volunteers?" + link.Encode()
		data.Heads = append(data.Heads, h)
	}
	s.render(w, r, http.StatusOK, "center_volunteers", data)
}

// careVolunteerPage is one volunteer for the advisors: their figures, the
// pause and the removal (center_volunteer.html).
type careVolunteerPage struct {
	page
	Row    volunteerRow
	Month  string
	Period string
	Pause  *field
}

// careVolunteerData reads the volunteer of the path, with the pause field.
func (s *server) careVolunteerData(r *http.Request) (*careVolunteerPage, center.Settings, error) {
	ctx, now := r.Context(), s.now()
	set, err := s.Store.CenterRules(ctx)
	if err != nil {
		return nil, set, err
	}
	id, err := pathID(r, "volunteer")
	if err != nil {
		return nil, set, err
	}
	p, periodName, err := s.carePeriod(r, set)
	if err != nil {
		return nil, set, err
	}
	q := careQuery(set, p, now)
	q.ID = id
	list, _, err := s.Store.VolunteerCarePage(ctx, set, q)
	if err != nil {
		return nil, set, err
	}
	if len(list) == 0 {
		return nil, set, &store.NotFoundError{Kind: "volunteer", Key: strconv.FormatInt(id, 10)}
	}
	data := &careVolunteerPage{page: s.newPage("care", set.Location()), Row: careRow(list[0], set, now),
		Month: center.MonthOf(now, set.Location()).String(), Period: periodName}
	value := ""
	if data.Row.Paused != "" {
		value = data.Row.PausedUntil.Format(time.DateOnly)
	}
	data.Pause = &field{ID: "f-paused-until", Name: "paused_until", Label: "Take no new requests until", Value: value, Type: "date",
		Hint: "The day they take requests again. Requests already sent still wait for their answer."}
	return data, set, nil
}

// careVolunteerShow serves GET /center/volunteers/{id}.
func (s *server) careVolunteerShow(w http.ResponseWriter, r *http.Request) {
	data, _, err := s.careVolunteerData(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "center_volunteer", data)
}

// careVolunteerPause serves POST /center/volunteers/{id}/pause: a pause
// until a day, or (with "resume") none.
func (s *server) careVolunteerPause(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	data, set, err := s.careVolunteerData(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, actor, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	raw := strings.TrimSpace(r.PostForm.Get("paused_until"))
	var until *time.Time
	problem := ""
	if r.PostForm.Get("resume") == "" {
		day, err := time.Parse(time.DateOnly, raw)
		if err != nil {
			problem = "Write the day as 2026-12-01, or use the picker."
		} else {
			until = &day
		}
	}
	if problem == "" {
		if _, err := s.Store.PauseVolunteer(r.Context(), set, data.Row.ID, until, actor, s.now()); err != nil {
			es := model.AsErrors(err)
			if len(es) == 0 {
				s.pageError(w, r, err)
				return
			}
			problem = sentence(es[0].Message)
		}
	}
	if problem != "" {
		data.Pause.Value, data.Pause.Error, data.Pause.Type = raw, problem, "text"
		s.render(w, r, http.StatusUnprocessableEntity, "center_volunteer", data)
		return
	}
	msg := data.Row.Name + " takes requests again."
	if until != nil {
		msg = "Paused " + data.Row.Name + ": no new requests until " + until.Format("Mon 2 Jan 2006") + "."
	}
	s.redirect(w, r, "/center/volunteers/"+strconv.FormatInt(data.Row.ID, 10), msg)
}

// careVolunteerRemove serves POST /center/volunteers/{id}/remove: the
// volunteer role comes off; their past requests stay for the figures.
func (s *server) careVolunteerRemove(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "volunteer")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, actor, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	name, open, err := s.Store.RemoveVolunteer(r.Context(), id, actor, s.now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	msg := name + " is no longer a volunteer: they are out of the directory, and their past requests still count in the figures."
	if open > 0 {
		msg += " " + plural(open, "request still waits", "requests still wait") + " for their answer and will close by itself on its day."
	}
	s.redirect(w, r, "/center/volunteers", msg)
}

// thanksPage previews the thank-you to a period's volunteers (center_thanks.html).
type thanksPage struct {
	page
	Period string
	Plan   store.ThanksPlan
	Note   *field
}

func (s *server) thanksData(r *http.Request) (*thanksPage, center.Settings, center.Period, error) {
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		return nil, set, center.Period{}, err
	}
	p, name, err := s.carePeriod(r, set)
	if err != nil {
		return nil, set, p, err
	}
	plan, err := s.Store.PlanThanks(r.Context(), p)
	if err != nil {
		return nil, set, p, err
	}
	return &thanksPage{page: s.newPage("care", set.Location()), Period: name, Plan: plan,
		Note: &field{ID: "f-note", Name: "note", Label: "A word of your own", Rows: 4,
			Hint: "Optional. It goes in every email, after Ally’s thanks."}}, set, p, nil
}

// thanksShow serves GET /center/volunteers/thanks: how many would be written to.
func (s *server) thanksShow(w http.ResponseWriter, r *http.Request) {
	data, _, _, err := s.thanksData(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "center_thanks", data)
}

// thanksSend serves POST /center/volunteers/thanks: one email each,
// through the outbox, never twice for the same period.
func (s *server) thanksSend(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	data, set, p, err := s.thanksData(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, actor, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	note := r.PostForm.Get("note")
	sent, err := s.Store.ThankVolunteers(r.Context(), set, p, data.Period, note, actor, s.now())
	if err != nil {
		es := model.AsErrors(err)
		if len(es) == 0 {
			s.pageError(w, r, err)
			return
		}
		data.Note.Value, data.Note.Error = note, sentence(es[0].Message)
		s.render(w, r, http.StatusUnprocessableEntity, "center_thanks", data)
		return
	}
	msg := "Nobody is left to thank for " + data.Period + ": each volunteer is written to once."
	if sent > 0 {
		msg = "Queued " + plural(sent, "thank-you", "thank-yous") + " for " + data.Period + ": one email to each volunteer who held a conversation."
	}
	s.redirect(w, r, "/center/volunteers/thanks", msg)
}

// careTab is one of a care page's lists, with its count.
type careTab struct {
	Label   string
	URL     string
	Count   int
	Current bool
}

// staleRow is one stale request for the advisors.
type staleRow struct {
	store.StaleRequest
	Since     string // when it was reminded, or accepted
	Sent      string
	Suggested string
}

// stalePage lists stale requests (center_stale.html).
type stalePage struct {
	page
	Tabs  []careTab
	List  string
	Rows  []staleRow
	Pager pager
	Days  int // center.StaleAcceptedDays
}

// staleShow serves GET /center/stale?list=unanswered|untimed&page=.
func (s *server) staleShow(w http.ResponseWriter, r *http.Request) {
	ctx, now := r.Context(), s.now()
	set, err := s.Store.CenterRules(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	kind := store.StaleKind(r.URL.Query().Get("list"))
	if kind == "" {
		kind = store.StaleUnanswered
	}
	if kind != store.StaleUnanswered && kind != store.StaleUntimed {
		s.pageError(w, r, badRequest{"There is no such list: choose unanswered or untimed."})
		return
	}
	counts, err := s.Store.StaleCounts(ctx, set, now)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	loc := set.Location()
	data := &stalePage{page: s.newPage("care", loc), List: string(kind), Pager: newPager(r, counts[kind], carePageSize), Days: center.StaleAcceptedDays,
		Tabs: []careTab{
			{"Unanswered after the reminder", "/center/stale", counts[store.StaleUnanswered], kind == store.StaleUnanswered},
			{"Accepted, no time agreed", "/center/stale?list=untimed", counts[store.StaleUntimed], kind == store.StaleUntimed},
		}}
	rows, err := s.Store.StaleRequests(ctx, set, kind, now, carePageSize, data.Pager.From())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, q := range rows {
		row := staleRow{StaleRequest: q, Sent: center.FormatDate(q.SentAt, loc), Since: center.FormatDate(q.RemindedAt, loc)}
		if kind == store.StaleUntimed {
			row.Since = center.FormatDate(q.AcceptedAt, loc)
		}
		if q.SuggestedAt != nil {
			row.Suggested = center.FormatDate(*q.SuggestedAt, loc)
		}
		data.Rows = append(data.Rows, row)
	}
	s.render(w, r, http.StatusOK, "center_stale", data)
}

// staleSuggest serves POST /center/stale/{id}/suggest: an email to the
// student with other volunteers with room; the volunteer is not written to.
func (s *server) staleSuggest(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "request")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, actor, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	back := backTo(r, "/center/stale")
	sugg, err := s.Store.SuggestVolunteers(r.Context(), set, id, actor, s.now())
	var refusal *store.CareRefusal
	if errors.As(err, &refusal) {
		s.redirectError(w, r, back, refusal.Message)
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	names := make([]string, len(sugg))
	for i, sg := range sugg {
		names[i] = sg.Name
	}
	s.redirect(w, r, back, "Emailed the student "+plural(len(sugg), "volunteer", "volunteers")+" with room: "+strings.Join(names, ", ")+".")
}

// studentRow is one student of a care list.
type studentRow struct {
	store.StudentCare
	Joined, LastSignIn, LastExpired string
}

// studentsPage lists the students to care for (center_students.html).
type studentsPage struct {
	page
	Tabs    []careTab
	List    string
	Blocks  []store.Block
	Since   map[int64]string
	Rows    []studentRow
	Pager   pager
	Blocked int
}

// studentsShow serves GET /center/students?list=blocked|silent|expired&page=.
func (s *server) studentsShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	set, err := s.Store.CenterRules(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	list := r.URL.Query().Get("list")
	if list == "" {
		list = "blocked"
	}
	if list != "blocked" && list != string(store.StudentsSilent) && list != string(store.StudentsExpired) {
		s.pageError(w, r, badRequest{"There is no such list: choose blocked, silent or expired."})
		return
	}
	// The blocked list's page as asked (another list reads only the count),
	// read again in the rare case it was past the last.
	from := 0
	if n, _ := strconv.Atoi(r.URL.Query().Get("page")); list == "blocked" && n > 1 {
		from = (n - 1) * carePageSize
	}
	blocks, blocked, err := s.Store.BlockPage(ctx, set, carePageSize, from)
	if last := newPager(r, blocked, carePageSize).From(); err == nil && list == "blocked" && last != from {
		blocks, blocked, err = s.Store.BlockPage(ctx, set, carePageSize, last)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	counts, err := s.Store.StudentCareCounts(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	loc := set.Location()
	data := &studentsPage{page: s.newPage("care", loc), List: list, Since: map[int64]string{}, Blocked: blocked,
		Tabs: []careTab{
			{"On hold for no-shows", "/center/students", blocked, list == "blocked"},
			{"Sent nothing yet", "/center/students?list=silent", counts[store.StudentsSilent], list == string(store.StudentsSilent)},
			{"Every request expired", "/center/students?list=expired", counts[store.StudentsExpired], list == string(store.StudentsExpired)},
		}}
	if list == "blocked" {
		data.Blocks, data.Pager = blocks, newPager(r, blocked, carePageSize)
		for _, b := range blocks {
			data.Since[b.StudentID] = center.FormatDate(b.Since, loc)
		}
		s.render(w, r, http.StatusOK, "center_students", data)
		return
	}
	l := store.StudentList(list)
	data.Pager = newPager(r, counts[l], carePageSize)
	rows, err := s.Store.StudentCarePage(ctx, l, carePageSize, data.Pager.From())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, st := range rows {
		row := studentRow{StudentCare: st, Joined: center.FormatDate(st.JoinedAt, loc), LastSignIn: "Never"}
		if st.LastSignInAt != nil {
			row.LastSignIn = center.FormatDate(*st.LastSignInAt, loc)
		}
		if st.LastExpiredAt != nil {
			row.LastExpired = center.FormatDate(*st.LastExpiredAt, loc)
		}
		data.Rows = append(data.Rows, row)
	}
	s.render(w, r, http.StatusOK, "center_students", data)
}
