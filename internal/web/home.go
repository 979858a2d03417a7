package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"hash/fnv"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
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
	ID, Kind, Label, Reason, DueText string
	Overdue, Snoozed, ReachOut       bool
	Person, Referrer, Field          string
	PersonID, ReferrerID             int64
	FieldID, ConversationID          int64
	DoURL, DoLabel                   string
	WriteURL, WriteLabel             string // the composer, for an action that is a message
	Back                             string // where done and snooze return; "" for the agenda
	// HTML is the action drawn already (see actionFragments); "" draws it.
	HTML template.HTML
}

func newActionView(a method.Action, now time.Time, loc *time.Location) actionView {
	v := actionView{ID: a.ID, Kind: string(a.Kind), Label: a.Title(), Reason: a.Reason, Overdue: a.Overdue, Snoozed: a.SnoozedUntil != nil, ReachOut: a.Kind == method.ActReachOut,
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
	// List is the actions drawn, each followed by a new line, as the
	// template's loop over Actions writes them ("" draws them there): the
	// home page joins the drawn actions instead of looping over dozens.
	List template.HTML
}

// joinActions is the drawn actions (actionFragments.draw) as agenda.html
// lists them.
func joinActions(views []actionView) template.HTML {
	n := 0
	for _, v := range views {
		n += len(v.HTML) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, v := range views {
		b.WriteString(string(v.HTML))
		b.WriteByte('\n')
	}
	return template.HTML(b.String())
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
	empty    bool // Ally holds nothing yet: the welcome page instead
	Groups   []agendaGroup
	Upcoming []upcomingConvo
	Progress []fieldProgress
	Total    int
	Notices  []noticeRow // a center's request events for the reader
	// UpcomingHTML and ProgressHTML are those sections drawn (see
	// agendaSections); "" draws them in the page.
	UpcomingHTML, ProgressHTML template.HTML
	// after is the due time of the last later action listed, when the
	// later group lists its most of them (agendaEntry.after).
	after time.Time
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
	version, settings, err := sc.AgendaVersion(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	flash := hasFlash(r)
	var notices string
	if s.center {
		if notices, err = s.Store.NoticesStamp(ctx, sc.Owner()); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	// The cached page is the owner's own: it carries their header too.
	var nav page
	s.fillNav(r, &nav)
	key := agendaKey{owner: sc.Owner(), version: version, zone: settings.TimeZone, minute: now.Unix() / 60, notices: notices, nav: nav.navStamp()}
	if !flash {
		if c := s.ui.agenda.get(key); c != nil {
			c.serve(w, r)
			return
		}
		c, err := s.keptUnchanged(ctx, sc, key)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if c != nil {
			c.serve(w, r)
			return
		}
	}
	// Concurrent views share one computation, which finishes (and is kept)
	// even when the client that started it goes away; under a stream of
	// writes an owner's page is drawn once at a time, each time from the
	// latest records (see agendaCache.join).
	call := s.ui.agenda.join(ctx, key, func(ctx context.Context, call *agendaCall) (any, error) {
		// A draw this view started at once draws from records as new as
		// the view read (its key); one queued behind another draw reads
		// them again, as they are when it starts.
		now, settings, key := now, settings, key
		if !call.first {
			ctx = store.Fresh(ctx)
			now = s.now()
			version, st, err := sc.AgendaVersion(ctx)
			if err != nil {
				return nil, err
			}
			var notices string
			if s.center {
				if notices, err = s.Store.NoticesStamp(ctx, sc.Owner()); err != nil {
					return nil, err
				}
			}
			settings = st
			key = agendaKey{owner: sc.Owner(), version: version, zone: settings.TimeZone, minute: now.Unix() / 60, notices: notices, nav: key.nav}
		}
		s.ui.agenda.started(call, key)
		data, err := s.agendaData(ctx, sc, now, settings)
		if err != nil {
			return data, err
		}
		if s.center {
			if data.Notices, err = s.noticeRows(ctx, r, sc.Owner()); err != nil {
				return nil, err
			}
			data.empty = data.empty && len(data.Notices) == 0
		}
		if data.empty {
			return data, nil
		}
		data.takeNav(&nav)
		c, err := s.cacheAgenda(key, data)
		return agendaResult{data, c}, err
	})
	var res any
	select {
	case <-call.done:
		res, err = call.val, call.err
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	// The data is shared by the callers: the page drawn for a flash, and
	// the welcome page, are drawn from a copy.
	var data agendaPage
	switch res := res.(type) {
	case *agendaPage:
		data = *res
	case agendaResult:
		if !flash {
			res.page.serve(w, r)
			return
		}
		data = *res.data
	}
	if data.empty {
		p := s.newPage("agenda", settings.Location())
		s.render(w, r, http.StatusOK, "welcome", &p)
		return
	}
	s.render(w, r, http.StatusOK, "agenda", &data)
}

// agendaResult is a drawn agenda page and what it was drawn from.
type agendaResult struct {
	data *agendaPage
	page *cachedPage
}

// agendaData reads what the home page shows: the first actions of each
// group and their counts, the coming meetings and each field's progress.
// empty is set, and nothing else, while Ally holds nothing at all.
func (s *server) agendaData(ctx context.Context, sc *store.Scope, now time.Time, settings method.Settings) (*agendaPage, error) {
	loc := settings.Location()
	data := &agendaPage{page: page{Nav: "agenda", Loc: loc, Now: now}}
	bounds := groupBounds(now, loc)
	// The sections are read at once, on two connections: the first view
	// after a write waits for the slower half only. The groups' first
	// actions need no count (groupActions with nil counts).
	var (
		counts   []int
		fields   []method.FieldFacts
		meetings []store.Meeting
		groups   = make([][]actionView, len(agendaGroups))
		side     error
		done     = make(chan struct{})
	)
	readGroup := func(i int) error {
		actions, err := s.groupActions(ctx, sc, i, now, loc, nil, 0, agendaGroups[i].Cap)
		if err != nil {
			return err
		}
		groups[i] = viewActions(actions, now, loc)
		if n := agendaGroups[i].Cap; i == len(agendaGroups)-1 && len(actions) == n && !actions[n-1].Kind.Standing() {
			data.after = actions[n-1].Due
		}
		return s.ui.agenda.fragments.draw(s.ui.pages["agenda"], groups[i])
	}
	go func() {
		defer close(done)
		if counts, side = sc.ActionCounts(ctx, now, bounds[1:3]...); side != nil {
			return
		}
		if fields, side = sc.FieldProgress(ctx); side != nil {
			return
		}
		if meetings, side = sc.UpcomingMeetings(ctx, now.Add(-time.Hour), 10); side != nil {
			return
		}
		side = readGroup(len(agendaGroups) - 1)
	}()
	var err error
	for i := 0; i < len(agendaGroups)-1 && err == nil; i++ {
		err = readGroup(i)
	}
	<-done
	if err == nil {
		err = side
	}
	if err != nil {
		return nil, err
	}
	for _, n := range counts {
		data.Total += n
	}
	if data.Total == 0 && len(fields) == 0 {
		if data.empty, err = sc.Empty(ctx); err != nil || data.empty {
			return data, err
		}
	}
	for i, g := range agendaGroups {
		total := counts[i]
		if i == len(agendaGroups)-1 {
			total += counts[i+1] // standing goals go with later
		}
		data.Groups = append(data.Groups, agendaGroup{Key: g.Key, Title: g.Title, Total: total, Actions: groups[i], List: joinActions(groups[i])})
	}
	for _, m := range meetings {
		data.Upcoming = append(data.Upcoming, upcomingConvo{ID: m.ConversationID, Person: m.Person, PersonID: m.PersonID,
			MeetingAt: m.At, Confirmed: m.Confirmed})
	}
	for _, f := range fields {
		target := f.Target
		if target <= 0 {
			target = settings.TargetPerspectives
		}
		data.Progress = append(data.Progress, fieldProgress{ID: f.ID, Name: f.Name, Held: f.Held, Booked: f.Booked, Target: target})
	}
	slices.SortFunc(data.Progress, func(a, b fieldProgress) int { return compareFold(a.Name, b.Name) })
	if err := s.ui.agenda.sections.draw(s.ui.pages["agenda"], data); err != nil {
		return nil, err
	}
	return data, nil
}

// agendaSections keeps the home page's sections other than the actions
// (the conversations ahead, each field's progress) drawn, by everything
// they show: after a write that leaves them as they were, the first view
// copies them instead of drawing them again.
type agendaSections struct {
	mu    sync.Mutex
	drawn map[string]template.HTML
}

// agendaSectionsKept bounds the sections kept drawn.
const agendaSectionsKept = 256

// draw sets data's UpcomingHTML and ProgressHTML.
func (c *agendaSections) draw(t *template.Template, data *agendaPage) error {
	var up, pr strings.Builder
	up.WriteString("agenda_upcoming")
	for _, u := range data.Upcoming {
		fmt.Fprintf(&up, "\x00%d %q %s %q %t", u.ID, u.Person, u.MeetingAt.UTC().Format(time.RFC3339),
			method.When(u.MeetingAt, data.Now, data.Loc), u.Confirmed)
	}
	pr.WriteString("agenda_progress")
	for _, f := range data.Progress {
		fmt.Fprintf(&pr, "\x00%d %q %d %d %d", f.ID, f.Name, f.Held, f.Booked, f.Target)
	}
	for _, sec := range []struct {
		key string
		dst *template.HTML
	}{{up.String(), &data.UpcomingHTML}, {pr.String(), &data.ProgressHTML}} {
		c.mu.Lock()
		h, ok := c.drawn[sec.key]
		c.mu.Unlock()
		if !ok {
			var b bytes.Buffer
			if err := t.ExecuteTemplate(&b, sec.key[:strings.IndexByte(sec.key+"\x00", 0)], data); err != nil {
				return err
			}
			h = template.HTML(b.String())
			c.mu.Lock()
			if c.drawn == nil || len(c.drawn) >= agendaSectionsKept {
				c.drawn = map[string]template.HTML{}
			}
			c.drawn[sec.key] = h
			c.mu.Unlock()
		}
		*sec.dst = h
	}
	return nil
}

// groupBounds are the agenda groups' edges: now (before it is overdue),
// the end of today, the end of the next seven days.
func groupBounds(now time.Time, loc *time.Location) [3]time.Time {
	endOfToday := method.AddDays(method.StartOfDay(now, loc), 1, loc)
	return [3]time.Time{now, endOfToday, method.AddDays(endOfToday, 6, loc)}
}

// groupActions reads limit actions of group gi from offset, in the
// agenda's order: overdue, today, this week, and later, where standing
// goals (find another perspective) follow the later dated actions.
// counts are the store's ActionCounts at the group bounds; nil, when
// reading from the start (offset 0), reads the dated later actions without
// knowing whether there are any.
func (s *server) groupActions(ctx context.Context, sc *store.Scope, gi int, now time.Time, loc *time.Location, counts []int, offset, limit int) ([]method.Action, error) {
	b := groupBounds(now, loc)
	ranges := [4]store.ActionRange{{To: b[0]}, {From: b[0], To: b[1]}, {From: b[1], To: b[2]}, {From: b[2]}}
	rg := ranges[gi]
	rg.Offset, rg.Limit, rg.Loc = offset, limit, loc
	var out []method.Action
	if gi < 3 || counts == nil || offset < counts[3] {
		var err error
		if out, err = sc.Actions(ctx, now, rg); err != nil {
			return nil, err
		}
	}
	if gi < 3 || len(out) >= limit {
		return out, nil
	}
	skip := 0 // the standing goals to skip
	if counts != nil {
		skip = max(0, offset-counts[3])
	}
	more, err := sc.Actions(ctx, now, store.ActionRange{Standing: true, Offset: skip, Limit: limit - len(out), Loc: loc})
	return append(out, more...), err
}

func viewActions(actions []method.Action, now time.Time, loc *time.Location) []actionView {
	out := make([]actionView, len(actions))
	for i, a := range actions {
		out[i] = newActionView(a, now, loc)
		out[i].DoURL, out[i].DoLabel = doIt(a)
		out[i].WriteURL, out[i].WriteLabel = writeIt(a)
	}
	return out
}

// doIt is where an action's "do it" leads: the form that records it.
func doIt(a method.Action) (string, string) {
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
		// Reporting back is a step of its own, before or after the thank-you.
		return step(model.StateReportedBack), "Log the report-back as sent"
	case method.ActKeepInTouch:
		return fmt.Sprintf("/people/%d/activities/new?kind=update_sent&back=%%2F", a.PersonID), "Log a touch"
	case method.ActFindPerspective:
		return newConvo, "Plan a conversation"
	case method.ActReachOut:
		return writeIt(a)
	}
	return convo, "Open"
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
	ctx := r.Context()
	settings, err := sc.Settings(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	loc := settings.Location()
	b := groupBounds(now, loc)
	counts, err := sc.ActionCounts(ctx, now, b[1:3]...)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	total := counts[gi]
	if gi == len(agendaGroups)-1 {
		total += counts[gi+1]
	}
	pg := newPager(r, total, 100)
	list, err := s.groupActions(ctx, sc, gi, now, loc, counts, pg.From(), pg.Size)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	actions := viewActions(list, now, loc)
	for i := range actions {
		actions[i].Back = r.URL.RequestURI()
	}
	data := &agendaGroupPage{page: page{Nav: "agenda", Loc: loc, Now: now},
		Group: agendaGroup{Key: key, Title: agendaGroups[gi].Title, Total: total, Actions: actions}, Pager: pg}
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
		if statusFor(err) == http.StatusNotFound {
			s.actionGone(w, r)
			return
		}
		if statusFor(err) < 500 {
			s.redirectError(w, r, back, sentence(err.Error())+" It may have been done already.")
			return
		}
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, back, "Done: "+actionTitle(a)+".")
}

// actionGone answers done or snooze for an action that is not on the
// user's agenda (done already, or never theirs): 404, as for any record
// that is not the user's, saying what to do.
func (s *server) actionGone(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusNotFound, "error", &errorPage{Status: http.StatusNotFound,
		Message: "That action is not on your agenda: it may have been done already. Your agenda shows what is left to do."})
}

func actionTitle(a method.Action) string {
	t := a.Kind.Label()
	switch {
	case a.Kind == method.ActReachOut:
		t = a.Title()
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
			s.actionGone(w, r)
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
// owner's records, marks or settings (each write moves the owner's
// version) or the minute.

type agendaKey struct {
	owner, version int64
	zone           string
	minute         int64
	notices        string // the center's request notices (store.NoticesStamp)
	nav            uint16 // the header's links (page.navStamp): they follow the user's roles
}

type cachedPage struct {
	body, gz []byte
	etag     string
	header   http.Header // more headers to send, if any
}

func (c *cachedPage) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range c.header {
		h[k] = v
	}
	h.Set("ETag", c.etag)
	h.Set("Cache-Control", "no-cache")
	if r.Header.Get("If-None-Match") == c.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Add("Vary", "Accept-Encoding")
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
	mu        sync.Mutex
	entries   map[int64]agendaEntry // by owner
	lines     map[agendaLineKey]*agendaLine
	fragments actionFragments
	sections  agendaSections
	lists     ownerPages[listKey, *cachedPage]   // kept lists (pagecache.go)
	api       ownerPages[apiAgendaKey, *apiPage] // the API's agenda pages (api_agenda.go)
	draws     atomic.Int64                       // home pages drawn (read by tests)
}

type agendaEntry struct {
	key  agendaKey
	page *cachedPage
	// after is the due time of the last later action the page lists, when
	// it lists as many as it can of them (none of the standing goals):
	// a write that moved only actions due after it left the page as it
	// was (see keptUnchanged). Zero: the page lists every later action.
	after time.Time
}

// get is the page kept for a view at k: drawn from the same records, or
// newer ones (a draw that started after the view read its version).
func (c *agendaCache) get(k agendaKey) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[k.owner]; ok && e.key.nav == k.nav && e.key.covers(k) {
		return e.page
	}
	return nil
}

// last is the page kept for owner, whatever it was drawn from.
func (c *agendaCache) last(owner int64) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries[owner].page
}

func (c *agendaCache) put(k agendaKey, p *cachedPage, after time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[int64]agendaEntry{}
	}
	if e, ok := c.entries[k.owner]; ok && e.key.version > k.version {
		return // drawn from older records than the page kept
	}
	c.entries[k.owner] = agendaEntry{key: k, page: p, after: after}
}

// keptUnchanged is the page kept for a view at k that was drawn from
// older records in the same minute, when the writes since changed
// nothing it shows: they moved only next actions falling due after the
// last it lists (store.PageUnchanged). It is then kept for k too. nil:
// the page must be drawn.
func (s *server) keptUnchanged(ctx context.Context, sc *store.Scope, k agendaKey) (*cachedPage, error) {
	c := &s.ui.agenda
	c.mu.Lock()
	e, ok := c.entries[k.owner]
	c.mu.Unlock()
	drawn := e.key
	drawn.version = k.version
	if !ok || e.after.IsZero() || e.key.version >= k.version || drawn != k {
		return nil, nil
	}
	same, err := sc.PageUnchanged(ctx, e.key.version, k.version, e.after)
	if err != nil || !same {
		return nil, err
	}
	c.put(k, e.page, e.after)
	return e.page, nil
}

// Drawing an owner's agenda page after a write takes longer than the
// writes of a busy client take to follow one another: a computation per
// version seen would draw several pages at once, each soon stale, and
// share each with few views. So the draws of one owner's page (with one
// header) are a line: one runs, and the views that need newer records
// than it read wait for the next, which starts when it ends and reads
// the records then, newer than any of theirs. A view is never served a
// page older than the records it saw (its version, minute and notices).

type agendaLineKey struct {
	owner int64
	nav   uint16
}

type agendaLine struct {
	running, queued *agendaCall
}

// agendaCall is one draw of the page: done closes when val and err are set.
type agendaCall struct {
	done    chan struct{}
	val     any
	err     error
	fn      func(context.Context, *agendaCall) (any, error)
	ctx     context.Context // the asking view's, without its end
	started bool            // under agendaCache.mu: key is what the draw read
	first   bool            // started at once by the view that made it, not queued
	key     agendaKey       // the version, minute and notices drawn
}

// covers reports whether a page drawn at d is as new as a view at k needs.
func (d agendaKey) covers(k agendaKey) bool {
	return d.version >= k.version && d.minute >= k.minute && d.notices == k.notices
}

// join gives the draw a view at k waits for: the running one if it read
// records as new as k, else the one queued after it, queued now with fn
// when there is none, or fn started now when nothing runs. fn runs with
// ctx's values, not its end.
func (c *agendaCache) join(ctx context.Context, k agendaKey, fn func(context.Context, *agendaCall) (any, error)) *agendaCall {
	c.mu.Lock()
	defer c.mu.Unlock()
	lk := agendaLineKey{k.owner, k.nav}
	if c.lines == nil {
		c.lines = map[agendaLineKey]*agendaLine{}
	}
	l := c.lines[lk]
	if l == nil {
		l = &agendaLine{}
		c.lines[lk] = l
	}
	if r := l.running; r != nil && r.started && r.key.covers(k) {
		return r
	}
	if l.queued != nil {
		return l.queued
	}
	call := &agendaCall{done: make(chan struct{}), fn: fn, ctx: context.WithoutCancel(ctx)}
	if l.running == nil {
		l.running, call.first = call, true
		go c.run(lk, call)
	} else {
		l.queued = call
	}
	return call
}

// started notes what a draw read its records at.
func (c *agendaCache) started(call *agendaCall, k agendaKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	call.key, call.started = k, true
}

// run draws, detached from the view that asked (bounded by flightTimeout),
// then starts the draw queued behind, if any.
func (c *agendaCache) run(lk agendaLineKey, call *agendaCall) {
	ctx, cancel := context.WithTimeout(call.ctx, flightTimeout)
	defer func() {
		if p := recover(); p != nil {
			call.val, call.err = nil, fmt.Errorf("shared computation panicked: %v", p)
		}
		cancel()
		c.mu.Lock()
		l := c.lines[lk]
		l.running, l.queued = l.queued, nil
		if l.running != nil {
			go c.run(lk, l.running)
		} else {
			delete(c.lines, lk)
		}
		c.mu.Unlock()
		close(call.done)
	}()
	call.val, call.err = call.fn(ctx, call)
}

func (s *server) cacheAgenda(k agendaKey, data *agendaPage) (*cachedPage, error) {
	s.ui.agenda.draws.Add(1)
	var body bytes.Buffer
	if err := s.ui.pages["agenda"].ExecuteTemplate(&body, "layout", data); err != nil {
		return nil, err
	}
	// A write that changed nothing the page shows (a touch with someone
	// off the page) draws the same page again: it keeps the compressed
	// bytes and the ETag drawn before.
	if prev := s.ui.agenda.last(k.owner); prev != nil && bytes.Equal(prev.body, body.Bytes()) {
		s.ui.agenda.put(k, prev, data.after)
		return prev, nil
	}
	h := fnv.New64a()
	h.Write(body.Bytes())
	p := &cachedPage{body: body.Bytes(), gz: gzipBytes(body.Bytes()), etag: `"a` + strconv.FormatUint(h.Sum64(), 36) + `"`}
	s.ui.agenda.put(k, p, data.after)
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

// gzipWriters are kept between pages: a new writer costs more than
// compressing a page.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // the first view after a write waits for it
	return zw
}}

// gzipBytes compresses a page that is kept and sent many times.
func gzipBytes(body []byte) []byte {
	var gz bytes.Buffer
	gz.Grow(len(body)/4 + 64)
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&gz)
	zw.Write(body)
	zw.Close()
	gzipWriters.Put(zw)
	return gz.Bytes()
}

// actionFragments keeps each action as drawn on the agenda, by everything
// the drawing shows: after a write, the first view draws only the actions
// that changed, and copies the others.
type actionFragments struct {
	mu    sync.Mutex
	drawn map[actionView]template.HTML
}

// actionFragmentsKept bounds the actions kept drawn.
const actionFragmentsKept = 4096

// draw sets the HTML of each action, drawing those not kept with t's
// "action" template.
func (f *actionFragments) draw(t *template.Template, views []actionView) error {
	var buf bytes.Buffer
	for i := range views {
		v := &views[i]
		f.mu.Lock()
		h, ok := f.drawn[*v]
		f.mu.Unlock()
		if !ok {
			buf.Reset()
			if err := t.ExecuteTemplate(&buf, "action", v); err != nil {
				return err
			}
			h = template.HTML(buf.String())
			f.mu.Lock()
			if f.drawn == nil || len(f.drawn) >= actionFragmentsKept {
				f.drawn = map[actionView]template.HTML{}
			}
			f.drawn[*v] = h
			f.mu.Unlock()
		}
		v.HTML = h
	}
	return nil
}
