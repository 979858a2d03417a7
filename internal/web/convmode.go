package web

import (
	"crypto/rand"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// Conversation mode: the page held in the hand during the conversation.
// The guide with a quick note under each question, a timer against the
// minutes asked, one-tap capture of referrals, terms, skill words,
// resources and next steps, and "End". Every form works without
// JavaScript; static/live.js saves notes as they are typed, keeps what the
// server has not confirmed (in the page and in localStorage) and retries,
// and runs the timer.

type livePage struct {
	page
	C        *model.Conversation
	G        *store.Guide
	Notes    []liveNote
	Captured capturedList
	Forms    []*captureForm
	// Start is the meeting time, when one is set; the timer counts from it
	// until the user starts it by hand.
	Start                *time.Time
	Opened               time.Time
	StartClock, EndClock string // "15:04" in the user's zone
	CanEnd               bool
	Held                 bool
	// HeldClock is when a held conversation took place ("Tue 3 Nov 2026,
	// 10:30"); a held conversation runs no timer and shows its notes.
	HeldClock string
	NotesHTML template.HTML
}

// liveNote is one question of the guide with the note typed under it.
type liveNote struct {
	questions.Question
	N      int
	Anchor string
	Note   string // the note typed under it
	Rev    int64
	Error  string
	Extra  bool   // no longer in the guide, but noted on
	Status string // "Saved" after a plain post saved it
}

// capturedList is what was caught so far, drawn on its own for htmx.
type capturedList struct {
	ConvoID  int64
	Captures []captureView
}

type captureView struct {
	store.Capture
	Label string
}

func newCapturedList(convo int64, caps []store.Capture) capturedList {
	l := capturedList{ConvoID: convo, Captures: []captureView{}}
	for _, k := range caps {
		label := ""
		switch k.Kind {
		case store.CaptureReferral:
			label = "Person"
		case store.CaptureTerm:
			label = "Term"
		case store.CaptureSkillWord:
			label = "Skill word"
		case store.CaptureResource:
			label = "Resource"
			if k.ResourceKind != "" && k.ResourceKind != store.ResourceOther {
				label = strings.ToUpper(string(k.ResourceKind[:1])) + string(k.ResourceKind[1:])
			}
		default:
			label = "Next step"
		}
		l.Captures = append(l.Captures, captureView{Capture: k, Label: label})
	}
	return l
}

// captureForm is one of the small capture forms.
type captureForm struct {
	ConvoID int64
	Kind    store.CaptureKind
	Title   string // what the form catches, as its summary says it
	Button  string
	Key     string // the client key that makes a retry safe
	Form    *form
	MayUse  string // a referral's "may I use your name?": "yes", "no" or ""
	// Same are the people already known by the referral's name (and
	// organization): the form offers them instead of adding a duplicate.
	Same   []model.Ref
	Open   bool
	Status string // what a plain post just added
}

// captureResult is what htmx gets back from a capture: the form, fresh or
// with its problems, and (after a success) the status and captured list.
type captureResult struct {
	F        *captureForm
	Status   string
	Captured *capturedList
}

func liveURL(id int64) string { return fmt.Sprintf("/conversations/%d/live", id) }

// newClientKey makes the key a capture form carries, so that posting it
// twice (a retry after a dropped connection) adds one capture.
func newClientKey() string { return rand.Text() }

// newCaptureForm builds the form of one capture kind with the values
// posted (nil for a fresh one).
func newCaptureForm(convo int64, kind store.CaptureKind, v map[string][]string) *captureForm {
	get := func(name string) string {
		if vs := v[name]; len(vs) > 0 {
			return vs[0]
		}
		return ""
	}
	cf := &captureForm{ConvoID: convo, Kind: kind, Key: strings.TrimSpace(get("client_key")), Form: newForm()}
	if cf.Key == "" {
		cf.Key = newClientKey()
	}
	f := cf.Form
	switch kind {
	case store.CaptureReferral:
		cf.Title, cf.Button = "Someone to talk to", "Add the person"
		f.add("name", "Name", get("name")).required().auto("off")
		f.add("organization", "Organization", get("organization")).auto("off")
		f.add("may_use_name", "May I use your name when I contact them?", get("may_use_name"))
		cf.MayUse = get("may_use_name")
		f.add("note", "Note", get("note")).rows(2).hint("Why them, and how to reach them.")
	case store.CaptureTerm:
		cf.Title, cf.Button = "A term to clarify", "Add the term"
		f.add("text", "Term", get("text")).required().auto("off")
		f.add("note", "What you understood", get("note")).rows(2)
	case store.CaptureSkillWord:
		cf.Title, cf.Button = "A skill word", "Add the skill word"
		f.add("text", "Skill word", get("text")).required().auto("off").hint("A word they used for what it takes: it belongs on your resume.")
	case store.CaptureResource:
		cf.Title, cf.Button = "A resource to look at", "Add the resource"
		kinds := []option{{"association", "An association"}, {"publication", "A publication"}, {"event", "An event"}, {"other", "Something else"}}
		f.add("resource_kind", "Kind", get("resource_kind")).options(kinds)
		f.add("text", "Name", get("text")).required().auto("off")
		f.add("note", "Note", get("note")).rows(2)
	case store.CaptureNextStep:
		cf.Title, cf.Button = "A next step they advised", "Add the step"
		f.add("text", "What to do", get("text")).required().auto("off")
		f.add("note", "Note", get("note")).rows(2)
	}
	for _, fl := range f.order {
		fl.ID = "c-" + strings.ReplaceAll(string(kind), "_", "-") + "-" + strings.ReplaceAll(fl.Name, "_", "-")
	}
	return cf
}

// liveOverride carries what a refused post sends back into the page.
type liveOverride struct {
	noteID, noteText, noteErr string
	capture                   *captureForm
	savedID                   string
	added                     store.CaptureKind
}

// liveShow draws conversation mode. After a plain post, ?saved= names the
// question whose note was saved and ?added= the kind of capture added, so
// that the page says so where the user is, not only in the flash at the top.
func (s *server) liveShow(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.renderLive(w, r, http.StatusOK, liveOverride{savedID: q.Get("saved"), added: store.CaptureKind(q.Get("added"))})
}

func (s *server) renderLive(w http.ResponseWriter, r *http.Request, status int, o liveOverride) {
	sc := s.scope(r)
	ctx := r.Context()
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := sc.Conversation(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	g, err := sc.Guide(ctx, id, s.now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	notes, err := sc.QuestionNotes(ctx, store.QuestionNoteFilter{ConversationID: id})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	caps, err := sc.Captures(ctx, store.CaptureFilter{ConversationID: id})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &livePage{page: s.newPage("people", loc), C: c, G: g, Captured: newCapturedList(id, caps),
		Opened: s.now(), Start: c.MeetingAt, Held: isHeld(c.State), CanEnd: slices.Contains(method.Allowed(c.State, c.FollowUps), model.StateHeld)}
	byQ := map[string]store.QuestionNote{}
	for _, n := range notes {
		byQ[n.QuestionID] = n
	}
	add := func(ln liveNote) {
		ln.N, ln.Anchor = len(data.Notes)+1, "n-"+ln.ID
		if n, ok := byQ[ln.ID]; ok {
			ln.Note, ln.Rev = n.Text, n.Rev
			delete(byQ, ln.ID)
		}
		if o.savedID == ln.ID {
			ln.Status = "Saved"
		}
		if o.noteID == ln.ID {
			ln.Note, ln.Error = o.noteText, sentence(o.noteErr)
		}
		data.Notes = append(data.Notes, ln)
	}
	for _, q := range g.Questions {
		add(liveNote{Question: q})
	}
	// Notes under questions taken out of the guide since stay in view.
	for _, n := range notes {
		if _, ok := byQ[n.QuestionID]; ok {
			add(liveNote{Question: questions.Question{ID: n.QuestionID, Topic: n.Topic, Text: n.Question}, Extra: true})
		}
	}
	for _, k := range store.CaptureKinds() {
		if o.capture != nil && o.capture.Kind == k {
			data.Forms = append(data.Forms, o.capture)
			continue
		}
		cf := newCaptureForm(id, k, nil)
		if o.added == k {
			cf.Open, cf.Status = true, "Added."
		}
		data.Forms = append(data.Forms, cf)
	}
	start := data.Opened
	if c.MeetingAt != nil {
		start = *c.MeetingAt
	}
	data.StartClock = start.In(loc).Format("15:04")
	data.EndClock = start.Add(time.Duration(c.Minutes) * time.Minute).In(loc).Format("15:04")
	if data.Held {
		if c.HeldAt != nil {
			data.HeldClock = formatTime(*c.HeldAt, loc)
		}
		data.NotesHTML = s.ui.md.render(c.Notes)
	}
	s.render(w, r, status, "live", data)
}

// noteSave saves the quick note under one question. htmx (live.js) sends
// a Rev that grows with every try and reads the answer's headers: the Rev
// the server handled and whether it was saved (an older Rev arriving late
// is not). A plain post returns to the question.
func (s *server) noteSave(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := r.PostForm
	n := &store.QuestionNote{ConversationID: id, QuestionID: v.Get("question_id"), Text: strings.ReplaceAll(v.Get("text"), "\r\n", "\n")}
	if raw := strings.TrimSpace(v.Get("rev")); raw != "" {
		n.Rev, err = strconv.ParseInt(raw, 10, 64)
		if err != nil {
			err = model.Invalid("rev", "%q is not a whole number", raw)
		}
	}
	saved := false
	if err == nil {
		saved, err = s.scope(r).SaveQuestionNote(r.Context(), n, s.now())
	}
	partial := isPartial(r)
	if partial {
		w.Header().Set("X-Ally-Rev", strconv.FormatInt(n.Rev, 10))
		w.Header().Set("X-Ally-Saved", strconv.FormatBool(err == nil && saved))
	}
	if err != nil {
		status, msg := statusFor(err), ""
		if es := model.AsErrors(err); len(es) > 0 {
			msg = es[0].Message
			if es[0].Field == "text" && strings.HasPrefix(msg, "is ") {
				msg = "the note " + msg
			}
			msg = sentence(msg)
		}
		switch {
		case partial && status < 500:
			writeHTML(w, status, []byte(template.HTMLEscapeString(cmpOrString(msg, sentence(err.Error())))))
		case status == http.StatusUnprocessableEntity:
			s.renderLive(w, r, status, liveOverride{noteID: n.QuestionID, noteText: n.Text, noteErr: msg})
		default:
			s.pageError(w, r, err)
		}
		return
	}
	if partial {
		msg := "Saved"
		if !saved {
			msg = "A newer version is saved"
		}
		writeHTML(w, http.StatusOK, []byte(msg))
		return
	}
	msg := "Saved your note."
	if !saved {
		msg = "A newer version of this note was saved already; nothing changed."
	}
	s.redirect(w, r, liveURL(id)+"?saved="+url.QueryEscape(n.QuestionID)+"#n-"+n.QuestionID, msg)
}

func cmpOrString(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// captureCreate catches a referral, a term, a skill word, a resource or a
// next step. The form's client key makes a repeated post add nothing.
func (s *server) captureCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	sc := s.scope(r)
	ctx := r.Context()
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := sc.Conversation(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := r.PostForm
	kind := store.CaptureKind(v.Get("kind"))
	if !kind.Valid() {
		s.pageError(w, r, badRequest{fmt.Sprintf("%q is not something to capture", kind)})
		return
	}
	cf := newCaptureForm(id, kind, v)
	note := strings.ReplaceAll(v.Get("note"), "\r\n", "\n")
	var got *store.Capture
	if kind == store.CaptureReferral {
		may := v.Get("may_use_name")
		ref := store.Referral{ConversationID: id, Name: v.Get("name"), Organization: v.Get("organization"),
			NamePermission: model.NamePermission(may), Note: note, ClientKey: cf.Key}
		if may == "not_asked" {
			ref.NamePermission = model.NameNotAsked
		}
		switch same := v.Get("same"); same {
		case "", "new":
			ref.New = same == "new"
		default:
			ref.PersonID, _ = strconv.ParseInt(same, 10, 64)
		}
		if !ref.NamePermission.Valid() {
			err = model.Invalid("may_use_name", "must be yes, no or not asked")
		} else {
			got, err = sc.AddReferral(ctx, ref, s.now())
		}
		var samePerson *store.SamePersonError
		if errors.As(err, &samePerson) {
			cf.Same = samePerson.Matches
			err = model.Invalid("name", "%s is already in your people: choose them below, or add a new person", samePerson.Name)
		}
	} else {
		got = &store.Capture{ConversationID: id, Kind: kind, Text: v.Get("text"), Note: note,
			ResourceKind: store.ResourceKind(v.Get("resource_kind")), ClientKey: cf.Key}
		err = sc.AddCapture(ctx, got, s.now())
	}
	if err != nil {
		if !cf.Form.fail(err) {
			s.pageError(w, r, err)
			return
		}
		cf.Open = true
		if isPartial(r) {
			s.execute(w, r, http.StatusUnprocessableEntity, "live", "capture-result", &captureResult{F: cf})
			return
		}
		s.renderLive(w, r, http.StatusUnprocessableEntity, liveOverride{capture: cf})
		return
	}
	msg := capturedMessage(got, c)
	if isPartial(r) {
		caps, err := sc.Captures(ctx, store.CaptureFilter{ConversationID: id})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		fresh := newCaptureForm(id, kind, nil)
		fresh.Open = true
		list := newCapturedList(id, caps)
		s.renderPart(w, r, "live", "capture-result", &captureResult{F: fresh, Status: msg, Captured: &list})
		return
	}
	s.redirect(w, r, liveURL(id)+"?added="+string(kind)+"#cap-"+string(kind), msg)
}

// capturedMessage says what a capture added.
func capturedMessage(k *store.Capture, c *model.Conversation) string {
	switch k.Kind {
	case store.CaptureReferral:
		name := k.Text
		if k.Person != nil {
			name = k.Person.Name
		}
		msg := "Added " + name + " to your people, referred by " + c.Person.Name + "."
		if k.MayUseName {
			msg += " You may use " + c.Person.Name + "’s name."
		}
		return msg
	case store.CaptureTerm:
		return "Added the term “" + k.Text + "” to clarify later."
	case store.CaptureSkillWord:
		return "Added the skill word “" + k.Text + "”."
	case store.CaptureResource:
		return "Added the " + string(k.ResourceKind) + " “" + k.Text + "”."
	}
	return "Added the next step “" + k.Text + "”."
}

func (s *server) captureDelete(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	id, k, err := convoCapture(r, sc)
	if err == nil {
		err = sc.DeleteCapture(ctx, k.ID)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	msg := "Removed “" + k.Text + "”."
	if k.Kind == store.CaptureReferral && k.Person != nil {
		msg += " " + k.Person.Name + " stays in your people."
	}
	if isPartial(r) {
		caps, err := sc.Captures(ctx, store.CaptureFilter{ConversationID: id})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.renderPart(w, r, "live", "captured-list", newCapturedList(id, caps))
		return
	}
	s.redirect(w, r, liveURL(id)+"#captured", msg)
}

// convoEnd marks the conversation held now and leads to the write-up.
func (s *server) convoEnd(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	st, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := sc.Conversation(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	writeup := fmt.Sprintf("/conversations/%d/writeup", id)
	if isHeld(c.State) {
		s.redirect(w, r, writeup, "This conversation was marked held already.")
		return
	}
	now := s.now()
	if _, err := sc.EndConversation(ctx, id, now); err != nil {
		var se *method.StepError
		if errors.As(err, &se) {
			s.redirectError(w, r, liveURL(id), sentence(err.Error()))
			return
		}
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, writeup, fmt.Sprintf("Marked held at %s. Write your notes up while they are fresh; the thank-you is due within %d hours.",
		now.In(loc).Format("15:04"), st.ThankHours))
}
