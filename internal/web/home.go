package web

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// The agenda's groups, in page order, and how many actions of each the
// home page shows; the rest are one link away. A person with a normal
// load sees everything; a 5,000-person dataset still gets a small page.
var agendaGroups = []groupSpec{
	{"overdue", "Overdue", 20},
	{"today", "Today", 20},
	{"week", "This week", 20},
	{"later", "Later", 6},
}

type groupSpec struct {
	Key, Title string
	Cap        int
}

// actionView is one action as the agenda shows it, with the form that
// does it. It copies the action's fields rather than embedding it: the
// templates read a flat struct several times faster, and the agenda shows
// dozens of actions.
type actionView struct {
	ID, Label, Reason, DueText string
	Overdue, Snoozed           bool
	Person, Referrer, Field    string
	PersonID, ReferrerID       int64
	FieldID, ConversationID    int64
	DoURL, DoLabel             string
	WriteURL, WriteLabel       string // the composer, for an action that is a message
	Back                       string // where done and snooze return; "" for the agenda
}

func newActionView(a method.Action, now time.Time, loc *time.Location) actionView {
	v := actionView{ID: a.ID, Label: a.Kind.Label(), Reason: a.Reason, Overdue: a.Overdue, Snoozed: a.SnoozedUntil != nil,
		Person: a.Person, Referrer: a.Referrer, Field: a.Field, PersonID: a.PersonID, ReferrerID: a.ReferrerID,
		FieldID: a.FieldID, ConversationID: a.ConversationID}
	if a.Kind != method.ActFindPerspective {
		v.DueText = method.When(a.Due, now, loc)
	}
	return v
}

type agendaGroup struct {
	Key, Title string
	Actions    []actionView
	Total      int
}

// upcomingConvo is a scheduled or confirmed conversation still ahead.
type upcomingConvo struct {
	ID        int64
	Person    string
	PersonID  int64
	MeetingAt time.Time
	Confirmed bool
}

// fieldProgress is "Public policy: 2 of 3 perspectives".
type fieldProgress struct {
	ID                   int64
	Name                 string
	Held, Booked, Target int
}

type agendaPage struct {
	page
	Groups   []agendaGroup
	Upcoming []upcomingConvo
	Progress []fieldProgress
	Total    int
}

type agendaGroupPage struct {
	page
	Group agendaGroup
	Pager pager
}

// home is the agenda, or the welcome page while Ally holds nothing.
func (s *server) home(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	now := s.now()
	in, err := sc.AgendaInput(ctx, now)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if len(in.Convos) == 0 && len(in.People) == 0 && len(in.Fields) == 0 {
		empty, err := sc.Empty(ctx)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if empty {
			p := s.newPage("agenda", in.Settings.Location())
			s.render(w, r, http.StatusOK, "welcome", &p)
			return
		}
	}
	flash := hasFlash(r)
	key := newAgendaKey(sc.Owner(), in)
	if !flash {
		if c := s.ui.agenda.get(key); c != nil {
			c.serve(w, r)
			return
		}
	}
	data := s.agendaData(in)
	if flash {
		s.render(w, r, http.StatusOK, "agenda", data)
		return
	}
	c, err := s.cacheAgenda(key, data)
	if err != nil {
		s.logFailure(r, "render agenda", err)
		http.Error(w, "internal error: the page could not be drawn", http.StatusInternalServerError)
		return
	}
	c.serve(w, r)
}

// agendaData computes the agenda and the home page's other parts, all
// from the input the store keeps cached.
func (s *server) agendaData(in method.AgendaInput) *agendaPage {
	loc := in.Settings.Location()
	actions := method.Agenda(in)
	data := &agendaPage{page: page{Nav: "agenda", Loc: loc, Now: in.Now}, Total: len(actions)}
	groups := groupActions(actions, in.Now, loc)
	for i, g := range agendaGroups {
		list := groups[i]
		shown := list[:min(len(list), g.Cap)]
		data.Groups = append(data.Groups, agendaGroup{Key: g.Key, Title: g.Title, Total: len(list), Actions: viewActions(shown, in, loc)})
	}
	for _, c := range in.Convos {
		if (c.State == model.StateScheduled || c.State == model.StateConfirmed) && !c.MeetingAt.IsZero() && !c.MeetingAt.Before(in.Now.Add(-time.Hour)) {
			data.Upcoming = append(data.Upcoming, upcomingConvo{ID: c.ID, Person: c.Person, PersonID: c.PersonID,
				MeetingAt: c.MeetingAt, Confirmed: c.State == model.StateConfirmed})
		}
	}
	slices.SortFunc(data.Upcoming, func(a, b upcomingConvo) int { return a.MeetingAt.Compare(b.MeetingAt) })
	data.Upcoming = data.Upcoming[:min(len(data.Upcoming), 10)]
	for _, f := range in.Fields {
		target := f.Target
		if target <= 0 {
			target = in.Settings.TargetPerspectives
		}
		data.Progress = append(data.Progress, fieldProgress{ID: f.ID, Name: f.Name, Held: f.Held, Booked: f.Booked, Target: target})
	}
	slices.SortFunc(data.Progress, func(a, b fieldProgress) int { return compareFold(a.Name, b.Name) })
	return data
}

// groupActions splits the sorted agenda into overdue, today, this week
// (the next seven days) and later. Standing goals (find another
// perspective) have no date and go last, with later.
func groupActions(actions []method.Action, now time.Time, loc *time.Location) [4][]method.Action {
	var out [4][]method.Action
	endOfToday := method.AddDays(method.StartOfDay(now, loc), 1, loc)
	endOfWeek := method.AddDays(endOfToday, 6, loc)
	for _, a := range actions {
		i := 3
		switch {
		case a.Kind == method.ActFindPerspective:
		case a.Overdue:
			i = 0
		case a.Due.Before(endOfToday):
			i = 1
		case a.Due.Before(endOfWeek):
			i = 2
		}
		out[i] = append(out[i], a)
	}
	return out
}

func viewActions(actions []method.Action, in method.AgendaInput, loc *time.Location) []actionView {
	out := make([]actionView, len(actions))
	for i, a := range actions {
		out[i] = newActionView(a, in.Now, loc)
		out[i].DoURL, out[i].DoLabel = doIt(a, in.Convos)
		out[i].WriteURL, out[i].WriteLabel = writeIt(a)
	}
	return out
}

// doIt is where an action's "do it" leads: the form that records it.
func doIt(a method.Action, convos []method.ConvoFacts) (string, string) {
	step := func(to model.State) string {
		return "/conversations/" + strconv.FormatInt(a.ConversationID, 10) + "/step?to=" + string(to) + "&back=%2F"
	}
	convo := "/conversations/" + strconv.FormatInt(a.ConversationID, 10)
	newConvo := "/conversations/new?field=" + strconv.FormatInt(a.FieldID, 10)
	switch a.Kind {
	case method.ActContactAnother:
		return newConvo, "Plan another conversation"
	case method.ActFollowUp:
		return step(model.StateFollowedUp), "Log the follow-up"
	case method.ActMarkNoReply:
		return step(model.StateNoReply), "Close it"
	case method.ActConfirm:
		return step(model.StateConfirmed), "Log the confirmation"
	case method.ActPrepare:
		return convo + "/guide", "Open the guide"
	case method.ActWriteNotes:
		return convo + "/writeup", "Write the notes"
	case method.ActThank:
		return step(model.StateThanked), "Log the thank-you"
	case method.ActReportBack:
		// From held the lifecycle goes to thanked first: log the message to
		// the referrer as a touch with them instead.
		i, found := slices.BinarySearchFunc(convos, a.ConversationID, func(c method.ConvoFacts, id int64) int { return cmpInt(c.ID, id) })
		if found && convos[i].State == model.StateThanked {
			return step(model.StateReportedBack), "Log the report"
		}
		return fmt.Sprintf("/people/%d/activities/new?kind=email_sent&done=%s&back=%%2F", a.ReferrerID, a.ID), "Log the message"
	case method.ActKeepInTouch:
		return fmt.Sprintf("/people/%d/activities/new?kind=update_sent&back=%%2F", a.PersonID), "Log a touch"
	case method.ActFindPerspective:
		return newConvo, "Plan a conversation"
	}
	return convo, "Open"
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// agendaGroupPage lists every action of one group, a page at a time.
func (s *server) agendaGroup(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("group")
	gi := slices.IndexFunc(agendaGroups, func(g groupSpec) bool { return g.Key == key })
	if gi < 0 {
		s.notFound(w, r)
		return
	}
	sc := s.scope(r)
	now := s.now()
	in, err := sc.AgendaInput(r.Context(), now)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	loc := in.Settings.Location()
	list := groupActions(method.Agenda(in), now, loc)[gi]
	pg := newPager(r, len(list), 100)
	actions := viewActions(list[pg.From():pg.To()], in, loc)
	for i := range actions {
		actions[i].Back = r.URL.RequestURI()
	}
	data := &agendaGroupPage{page: page{Nav: "agenda", Loc: loc, Now: now},
		Group: agendaGroup{Key: key, Title: agendaGroups[gi].Title, Total: len(list), Actions: actions}, Pager: pg}
	s.render(w, r, http.StatusOK, "agenda_group", data)
}

// actionDonePage marks an action done.
func (s *server) actionDonePage(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	back := backTo(r, "/")
	a, err := s.scope(r).MarkDone(r.Context(), r.PathValue("id"), s.now())
	if err != nil {
		if statusFor(err) < 500 {
			s.redirectError(w, r, back, sentence(err.Error())+" It may have been done already.")
			return
		}
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, back, "Done: "+actionTitle(a)+".")
}

func actionTitle(a method.Action) string {
	t := a.Kind.Label()
	switch {
	case a.Kind == method.ActReportBack && a.Referrer != "":
		t += " (" + a.Referrer + ", about " + a.Person + ")"
	case a.Person != "":
		t += " — " + a.Person
	case a.Field != "":
		t += " — " + a.Field
	}
	return t
}

type snoozePage struct {
	page
	Title  string
	Action actionView
	Form   *form
	Back   string
}

// snoozeForm asks until when to snooze an action.
func (s *server) snoozeForm(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a, err := sc.FindAction(r.Context(), r.PathValue("id"), s.now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := newForm()
	f.add("until", "Show it again on", method.AddDays(s.now(), 7, loc).In(loc).Format("2006-01-02")).kind("date").required()
	s.renderSnooze(w, r, http.StatusOK, a, f, loc)
}

func (s *server) renderSnooze(w http.ResponseWriter, r *http.Request, status int, a method.Action, f *form, loc *time.Location) {
	data := &snoozePage{page: s.newPage("agenda", loc), Title: actionTitle(a), Action: newActionView(a, s.now(), loc), Form: f, Back: backTo(r, "/")}
	s.render(w, r, status, "snooze", data)
}

// snoozeAction hides an action for a day, a week or until a date.
func (s *server) snoozeAction(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	now := s.now()
	back := backTo(r, "/")
	id := r.PathValue("id")
	var until time.Time
	f := newForm()
	switch r.PostFormValue("for") {
	case "1d":
		until = method.AddDays(now, 1, loc)
	case "1w":
		until = method.AddDays(now, 7, loc)
	default:
		f.add("until", "Show it again on", r.PostFormValue("until")).kind("date").required()
		if f.F["until"].Value == "" {
			f.invalid("until", "is required")
		} else {
			until = f.timeValue("until", now, loc, time.Time{})
		}
	}
	var a method.Action
	if f.ok() {
		a, err = sc.Snooze(r.Context(), id, until, now)
		if err == nil {
			s.redirect(w, r, back, fmt.Sprintf("Snoozed until %s: %s.", method.When(until, now, loc), actionTitle(a)))
			return
		}
		if statusFor(err) == http.StatusNotFound {
			s.redirectError(w, r, back, sentence(err.Error())+" It may have been done already.")
			return
		}
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
	}
	if a.ID == "" {
		if a, err = sc.FindAction(r.Context(), id, now); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.renderSnooze(w, r, http.StatusUnprocessableEntity, a, f, loc)
}

// loadDemo fills an empty Ally with the demo story, dated around now in
// the user's time zone.
func (s *server) loadDemo(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	empty, err := sc.Empty(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !empty {
		s.redirectError(w, r, "/", "Ally already holds data; the demo goes only into an empty one.")
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	n, err := sc.LoadBulk(ctx, demo.Story(s.now(), loc), s.now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, "/", fmt.Sprintf("Loaded the demo: %d people, %d fields and %d conversations. Here is what to do next.",
		n.People, n.Fields, n.Conversations))
}

// The agenda page is read far more often than anything changes, so the
// page is kept, rendered and compressed, until its inputs change: the
// agenda facts (a new slice whenever the owner's records or settings
// change: the store never edits cached facts), the marks, or the minute.
// Holding the facts' pointers keeps them alive, so their address cannot
// be reused by newer facts while the entry lives.

type agendaKey struct {
	owner  int64
	convos *method.ConvoFacts
	people *method.PersonFacts
	fields *method.FieldFacts
	counts [3]int
	zone   string
	marks  uint64
	minute int64
}

func newAgendaKey(owner int64, in method.AgendaInput) agendaKey {
	k := agendaKey{owner: owner, zone: in.Settings.TimeZone, minute: in.Now.Unix() / 60,
		counts: [3]int{len(in.Convos), len(in.People), len(in.Fields)}}
	if len(in.Convos) > 0 {
		k.convos = &in.Convos[0]
	}
	if len(in.People) > 0 {
		k.people = &in.People[0]
	}
	if len(in.Fields) > 0 {
		k.fields = &in.Fields[0]
	}
	// The marks are few and change without a new version: sum a hash of
	// each, which does not depend on the map's order.
	for id, m := range in.Marks {
		h := fnv.New64a()
		h.Write([]byte(id))
		fmt.Fprint(h, m.Due.UnixNano(), m.Done, m.SnoozedUntil.UnixNano())
		k.marks += h.Sum64()
	}
	return k
}

type cachedPage struct {
	body, gz []byte
	etag     string
}

func (c *cachedPage) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("ETag", c.etag)
	h.Set("Cache-Control", "no-cache")
	if r.Header.Get("If-None-Match") == c.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	body := c.body
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = c.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

type agendaCache struct {
	mu      sync.Mutex
	entries map[int64]agendaEntry // by owner
}

type agendaEntry struct {
	key  agendaKey
	page *cachedPage
}

func (c *agendaCache) get(k agendaKey) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[k.owner]; ok && e.key == k {
		return e.page
	}
	return nil
}

func (c *agendaCache) put(k agendaKey, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[int64]agendaEntry{}
	}
	c.entries[k.owner] = agendaEntry{key: k, page: p}
}

func (s *server) cacheAgenda(k agendaKey, data *agendaPage) (*cachedPage, error) {
	var body bytes.Buffer
	if err := s.ui.pages["agenda"].ExecuteTemplate(&body, "layout", data); err != nil {
		return nil, err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, 5) // level 6 costs half as much again for 1% less
	zw.Write(body.Bytes())
	zw.Close()
	h := fnv.New64a()
	h.Write(body.Bytes())
	p := &cachedPage{body: body.Bytes(), gz: gz.Bytes(), etag: `"a` + strconv.FormatUint(h.Sum64(), 36) + `"`}
	s.ui.agenda.put(k, p)
	return p, nil
}

// pager splits a long list into pages of a fixed size.
type pager struct {
	Page, Pages, Size, Total int
	base                     url.Values
	path                     string
}

func newPager(r *http.Request, total, size int) pager {
	p := pager{Size: size, Total: total, Pages: max(1, (total+size-1)/size), base: r.URL.Query(), path: r.URL.Path}
	p.Page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	p.Page = min(max(1, p.Page), p.Pages)
	return p
}

func (p pager) From() int { return (p.Page - 1) * p.Size }
func (p pager) To() int   { return min(p.Total, p.Page*p.Size) }

// URL is the address of another page of the same list, without the empty
// parameters a plain GET form sends.
func (p pager) URL(page int) string {
	q := url.Values{}
	for k, v := range p.base {
		if len(v) > 0 && v[0] != "" {
			q[k] = v[:1]
		}
	}
	q.Del("page")
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return p.path
	}
	return p.path + "?" + q.Encode()
}

func (p pager) Prev() string {
	if p.Page <= 1 {
		return ""
	}
	return p.URL(p.Page - 1)
}

func (p pager) Next() string {
	if p.Page >= p.Pages {
		return ""
	}
	return p.URL(p.Page + 1)
}

// compareFold orders names without regard to case.
func compareFold(a, b string) int {
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}
