package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/report"
	"github.com/ally-dev/ally/internal/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

// ui is what the pages need beyond Deps: parsed templates, fingerprinted
// static files, the Markdown renderer, the key that signs flash messages
// and the agenda page cache. It is built once by NewServer.
type ui struct {
	pages    map[string]*template.Template
	assets   *assets
	md       *markdown
	flashKey []byte
	bufs     sync.Pool // *bytes.Buffer for rendering
	agenda   agendaCache
	report   *report.HTMLRenderer // the field page's "what this field taught"
}

// pageNames are the page templates; each is parsed with layout.html,
// form.html and partials.html into a set of its own, so that every page
// can define "title" and "main".
var pageNames = []string{
	"welcome", "agenda", "agenda_group", "snooze", "error", "guide", "confirm",
	"people", "person", "person_form", "activity_form",
	"fields", "field", "field_form", "orgs", "org", "org_form",
	"conversation", "conversation_form", "step_form",
	"search", "settings",
	"import", "import_preview",
	"guide_page", "questions", "question_form", "live", "writeup",
	"compose", "compose_pick", "template_list", "template_form", "stats", "center_audit", "capture_form", "conversations",
	"signin", "network", "directory", "volunteer", "profile",
	"request_form", "requests", "request", "requests_to_me", "center_blocks", "center_reported", "respond", "unsubscribe",
	"ask_email", "link_form", "link_refused", "center_invitations", "center_import", "center_import_preview", "center_import_progress", "center_accounts", "center_account", "center_outbox", "account_delete",
	"center_figures", "center_volunteers", "center_volunteer", "center_thanks", "center_stale", "center_students",
}

func newUI() (*ui, error) {
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("flash key: %w", err)
	}
	rep, err := report.NewHTMLRenderer()
	if err != nil {
		return nil, err
	}
	u := &ui{pages: map[string]*template.Template{}, assets: a, md: newMarkdown(), flashKey: key, report: rep}
	u.bufs.New = func() any { return new(bytes.Buffer) }
	funcs := template.FuncMap{
		"asset":   a.url,
		"at":      formatTime,
		"day":     func(t time.Time, loc *time.Location) string { return t.In(loc).Format("Mon 2 Jan 2006") },
		"when":    method.When,
		"iso":     func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"plural":  plural,
		"count":   groupDigits,
		"act":     activityLabel,
		"source":  sourceLabel,
		"kind":    kindLabel,
		"channel": channelLabel,
		"active":  activeText,
	}
	funcs["warmthColour"] = warmthColour // network.go
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFiles,
			"templates/layout.html", "templates/form.html", "templates/partials.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse %s page: %w", name, err)
		}
		u.pages[name] = t
	}
	return u, nil
}

// formatTime is how pages show an instant: "Tue 3 Nov 2026, 10:30" in the
// user's zone.
func formatTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2 Jan 2006, 15:04")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// page is what every page's data carries for the layout. Loc and Now let
// templates show times in the user's zone.
type page struct {
	Flash      string
	FlashError bool
	Nav        string
	Loc        *time.Location
	Now        time.Time
	SignedIn   bool // in a center, a user is signed in: the header offers to sign out
	Anonymous  bool // in a center, nobody is signed in: the header offers nothing to follow
	MayAudit   bool // the signed-in user may read the audit log (policy.go): the nav links to it
	// MayDirectory and MayProfile: the signed-in user may search the
	// volunteer directory, and has a profile to write (policy.go).
	MayDirectory, MayProfile bool
	MayManage                bool // the signed-in user may manage the center's accounts (policy.go): the nav links to them
	// MayRequest, MayAnswer and MayReview: the signed-in user sends
	// requests, answers them, or reviews the center's (policy.go).
	MayRequest, MayAnswer, MayReview bool
	MayRunProgram                    bool // the signed-in user runs the center's program (policy.go): the nav links to the figures
}

func (p *page) base() *page { return p }

type pageData interface{ base() *page }

// render draws a whole page. It renders into a buffer first, so a template
// error gives a clean 500 instead of half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, data pageData) {
	b := data.base()
	if b.Flash == "" {
		b.Flash, b.FlashError = s.takeFlash(w, r)
	}
	if b.Loc == nil {
		b.Loc = time.Local
	}
	if b.Now.IsZero() {
		b.Now = s.now()
	}
	s.fillNav(r, b)
	s.execute(w, r, status, name, "layout", data)
}

// fillNav sets what the layout's header shows of the signed-in user: the
// sign-out button and the center's links the policy allows them.
func (s *server) fillNav(r *http.Request, b *page) {
	b.SignedIn = s.center && s.ownerOf(r) != 0
	b.Anonymous = s.center && !b.SignedIn
	if b.SignedIn {
		// The account read with the session; after a write, read again,
		// since the write may have changed the user's roles.
		read := s.account
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			read = func(r *http.Request) (model.Account, error) { return s.Store.Account(r.Context(), s.ownerOf(r)) }
		}
		if acct, err := read(r); err == nil {
			b.MayAudit = may(acct, actReadAudit)
			b.MayDirectory, b.MayProfile = may(acct, actSearchDirectory), may(acct, actEditProfile)
			b.MayManage = may(acct, actManageAccounts)
			b.MayRequest, b.MayAnswer = may(acct, actSendRequest), may(acct, actAnswerRequests)
			b.MayReview = may(acct, actReviewRequests)
			b.MayRunProgram = may(acct, actRunProgram)
		} else {
			s.Logger.Warn("read the signed-in account", "err", err)
		}
	}
}

// takeNav copies the header's part of a page that fillNav set: a page
// built once and kept (the agenda's cache) carries its owner's header.
func (p *page) takeNav(n *page) {
	p.SignedIn, p.Anonymous = n.SignedIn, n.Anonymous
	p.MayAudit, p.MayDirectory, p.MayProfile, p.MayManage = n.MayAudit, n.MayDirectory, n.MayProfile, n.MayManage
	p.MayRequest, p.MayAnswer, p.MayReview, p.MayRunProgram = n.MayRequest, n.MayAnswer, n.MayReview, n.MayRunProgram
}

// navStamp sums up the header fillNav set, one bit a link: a page kept
// drawn (the agenda, the people list, a person's page) is kept per stamp
// too, so a change of the user's roles shows in the header at once.
func (p *page) navStamp() uint16 {
	var st uint16
	for i, b := range []bool{p.SignedIn, p.Anonymous, p.MayAudit, p.MayDirectory, p.MayProfile, p.MayManage,
		p.MayRequest, p.MayAnswer, p.MayReview, p.MayRunProgram} {
		if b {
			st |= 1 << i
		}
	}
	return st
}

// renderPart draws one named template of a page's set: the part of a page
// htmx asks for.
func (s *server) renderPart(w http.ResponseWriter, r *http.Request, name, part string, data any) {
	s.execute(w, r, http.StatusOK, name, part, data)
}

func (s *server) execute(w http.ResponseWriter, r *http.Request, status int, name, tmpl string, data any) {
	buf := s.ui.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer s.ui.bufs.Put(buf)
	t := s.ui.pages[name]
	if t == nil {
		s.Logger.Error("no such page template", "page", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if err := t.ExecuteTemplate(buf, tmpl, data); err != nil {
		s.logFailure(r, "render page", err, "page", name)
		http.Error(w, "internal error: the page could not be drawn", http.StatusInternalServerError)
		return
	}
	writeHTML(w, status, buf.Bytes())
}

func writeHTML(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	w.Write(body)
}

// errorPage is the data of error.html.
type errorPage struct {
	page
	Status  int
	Message string
}

// pageError shows the friendly error page with the status statusFor gives.
// The message of a 4xx error is for the user; a 5xx one goes to the log only.
func (s *server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusFor(err)
	msg := ""
	if status >= 500 {
		s.logFailure(r, "request failed", err)
	} else {
		msg = sentence(err.Error())
	}
	s.render(w, r, status, "error", &errorPage{Status: status, Message: msg})
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusNotFound, "error", &errorPage{Status: http.StatusNotFound})
}

// sentence starts a message with a capital and ends it with a full stop.
func sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, "!") {
		msg += "."
	}
	return msg
}

// redirect ends a POST: it sends the browser to another page (303 See
// Other, so a reload does not post again) with a flash message for it.
func (s *server) redirect(w http.ResponseWriter, r *http.Request, to, flash string) {
	if flash != "" {
		s.setFlash(w, flash, false)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (s *server) redirectError(w http.ResponseWriter, r *http.Request, to, flash string) {
	s.setFlash(w, flash, true)
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// backTo returns the local path the form asked to return to, or def. Only
// paths on this site are followed, so a link cannot send users elsewhere.
func backTo(r *http.Request, def string) string {
	b := r.FormValue("back")
	if b == "" || !strings.HasPrefix(b, "/") || strings.HasPrefix(b, "//") || strings.HasPrefix(b, "/\\") {
		return def
	}
	if u, err := url.Parse(b); err != nil || u.Host != "" || u.Scheme != "" {
		return def
	}
	return b
}

// Flash messages travel in a short-lived cookie signed with a key made at
// start: a message survives one redirect, and nobody can plant one. A
// restart forgets the key, which loses at most a message in flight.
const flashCookie = "ally_flash"

func (s *server) flashMAC(kind byte, msg string) string {
	m := hmac.New(sha256.New, s.ui.flashKey)
	m.Write([]byte{kind})
	m.Write([]byte(msg))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

func (s *server) setFlash(w http.ResponseWriter, msg string, isErr bool) {
	kind := byte('o')
	if isErr {
		kind = 'e'
	}
	if len(msg) > 1000 {
		msg = msg[:1000]
	}
	v := string(kind) + "." + base64.RawURLEncoding.EncodeToString([]byte(msg)) + "." + s.flashMAC(kind, msg)
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: v, Path: "/", MaxAge: 120, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// takeFlash reads the flash message, if any, and clears it.
func (s *server) takeFlash(w http.ResponseWriter, r *http.Request) (string, bool) {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return "", false
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	parts := strings.Split(c.Value, ".")
	if len(parts) != 3 || len(parts[0]) != 1 {
		return "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", false
	}
	kind, msg := parts[0][0], string(raw)
	if !hmac.Equal([]byte(parts[2]), []byte(s.flashMAC(kind, msg))) {
		return "", false
	}
	return msg, kind == 'e'
}

// hasFlash reports whether a flash message waits to be shown.
func hasFlash(r *http.Request) bool {
	_, err := r.Cookie(flashCookie)
	return err == nil
}

// parseForm reads a posted form of at most maxFormBytes, URL-encoded or
// multipart: a form that cannot be read whole is refused, rather than read
// later by PostFormValue as empty.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	err := r.ParseForm()
	if err == nil {
		if err = r.ParseMultipartForm(maxFormBytes); errors.Is(err, http.ErrNotMultipart) {
			err = nil
		}
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errTooLarge
		}
		return badRequest{"the form could not be read: " + err.Error()}
	}
	return nil
}

// option is one choice of a select.
type option struct{ Value, Label string }

// field is one form control as form.html draws it: what the user typed
// and what is wrong with it.
type field struct {
	ID, Name, Label, Value, Error, Hint, Type string
	Required                                  bool
	Autocomplete                              string
	Rows                                      int
	Options                                   []option
	Checked                                   bool
}

// form is a page's form: its fields by name, the invalid ones in order for
// the summary, and a problem that belongs to no single field.
type form struct {
	F       map[string]*field
	order   []*field
	Invalid []*field
	Problem string
}

func newForm() *form { return &form{F: map[string]*field{}} }

// add puts a text field on the form.
func (f *form) add(name, label, value string) *field {
	fl := &field{ID: "f-" + strings.ReplaceAll(name, "_", "-"), Name: name, Label: label, Value: value}
	f.F[name] = fl
	f.order = append(f.order, fl)
	return fl
}

func (fl *field) required() *field             { fl.Required = true; return fl }
func (fl *field) hint(h string) *field         { fl.Hint = h; return fl }
func (fl *field) kind(t string) *field         { fl.Type = t; return fl }
func (fl *field) auto(token string) *field     { fl.Autocomplete = token; return fl }
func (fl *field) rows(n int) *field            { fl.Rows = n; return fl }
func (fl *field) options(opts []option) *field { fl.Options = opts; return fl }
func (fl *field) checked(on bool) *field       { fl.Checked = on; return fl }

// invalid marks a field wrong with a message in plain words. A message
// that continues the field's name ("is required") gets the label in front.
func (f *form) invalid(name, msg string) {
	fl := f.F[name]
	if fl == nil {
		if f.Problem == "" {
			f.Problem = sentence(msg)
		}
		return
	}
	if fl.Error != "" {
		return
	}
	for _, lead := range []string{"is ", "are ", "must ", "has ", "cannot "} {
		if strings.HasPrefix(msg, lead) {
			msg = fl.Label + " " + msg
			break
		}
	}
	fl.Error = sentence(msg)
	switch fl.Type {
	case "url", "number", "date", "datetime-local", "email":
		// What the user typed comes back as it was, which such a control
		// may not hold as its value.
		fl.Type = "text"
	}
}

// fail spreads an error over the form's fields. It reports whether the
// error was about the input (show the form again, 422) rather than a fault.
func (f *form) fail(err error) bool {
	es := model.AsErrors(err)
	var se *method.StepError
	var amb *store.AmbiguousError
	switch {
	case len(es) > 0:
		for _, e := range es {
			f.invalid(e.Field, e.Message)
		}
	case errors.As(err, &se), errors.As(err, &amb):
		f.Problem = sentence(err.Error())
	default:
		return false
	}
	f.collect()
	return true
}

// collect lists the invalid fields, in form order, for the summary.
func (f *form) collect() {
	f.Invalid = f.Invalid[:0]
	for _, fl := range f.order {
		if fl.Error != "" {
			f.Invalid = append(f.Invalid, fl)
		}
	}
}

// ok reports whether no field is invalid yet.
func (f *form) ok() bool {
	f.collect()
	return len(f.Invalid) == 0 && f.Problem == ""
}

// intValue reads a whole number typed in a form field; empty gives def.
func (f *form) intValue(name string, def int) int {
	fl := f.F[name]
	v := strings.TrimSpace(fl.Value)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.invalid(name, fmt.Sprintf("%q is not a whole number", v))
		return def
	}
	return n
}

// usefulnessValue reads the usefulness rating: empty is "not rated" (0);
// anything else must be 1 to 5, so a posted 0 is refused as the message says.
func (f *form) usefulnessValue() int {
	if strings.TrimSpace(f.F["usefulness"].Value) == "" {
		return 0
	}
	n := f.intValue("usefulness", 0)
	if f.F["usefulness"].Error != "" {
		return 0 // not a number: intValue said so
	}
	if model.CheckUsefulness(n) != nil {
		f.invalid("usefulness", model.UsefulnessRange)
		return 0
	}
	return n
}

// ratingText is a stored usefulness rating as a form value: "" when not rated.
func ratingText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// timeValue reads a time typed in a form field in the user's zone; empty
// gives def.
func (f *form) timeValue(name string, now time.Time, loc *time.Location, def time.Time) time.Time {
	v := strings.TrimSpace(f.F[name].Value)
	if v == "" {
		return def
	}
	t, err := method.ParseTime(v, now, loc)
	if err != nil {
		f.invalid(name, err.Error())
		return def
	}
	return t
}

// inputTime writes a time the way a datetime-local control shows it.
func inputTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02T15:04")
}

// settings reads the user's settings, which every page that shows a time
// needs for the zone.
func (s *server) settings(r *http.Request, sc *store.Scope) (method.Settings, *time.Location, error) {
	st, err := sc.Settings(r.Context())
	if err != nil {
		return st, time.Local, err
	}
	return st, st.Location(), nil
}

// newPage is the layout data of a page in a section of the nav.
func (s *server) newPage(nav string, loc *time.Location) page {
	return page{Nav: nav, Loc: loc, Now: s.now()}
}

// guide shows the method in Ally's words.
func (s *server) guide(w http.ResponseWriter, r *http.Request) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := s.newPage("guide", loc)
	s.render(w, r, http.StatusOK, "guide", &p)
}

// confirmPage is the data of confirm.html: the question asked before any
// destructive action, answered by posting Action.
type confirmPage struct {
	page
	Title   string
	Intro   string
	Details []string
	Action  string
	Button  string
	Cancel  string
	Check   *field // an optional choice, e.g. "also delete their conversations"
}
