package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

type activityFormPage struct {
	page
	Person *model.Person
	Form   *form
	Back   string
	Done   string // the agenda action this touch does, marked done with it
}

func activityKindOptions() []option {
	var opts []option
	for _, k := range model.ActivityKinds() {
		opts = append(opts, option{string(k), activityLabel(string(k), "")})
	}
	return opts
}

// activityFields builds the "log a touch" form: what happened, when, about
// which conversation, and a note.
func (s *server) activityFields(r *http.Request, p *model.Person, kind, at, note, convo string, loc *time.Location) (*form, error) {
	f := newForm()
	f.add("kind", "What happened", kind).options(activityKindOptions()).required()
	f.add("at", "When", at).kind("datetime-local").hint("Leave as it is for now, or pick the earlier time it happened.")
	convos, err := s.scope(r).Conversations(r.Context(), store.ConversationFilter{PersonID: p.ID})
	if err != nil {
		return nil, err
	}
	opts := []option{{"", "None in particular"}}
	for _, c := range convos {
		label := fmt.Sprintf("Conversation %d (%s)", c.ID, c.State.Label())
		if c.MeetingAt != nil {
			label = fmt.Sprintf("Conversation of %s (%s)", c.MeetingAt.In(loc).Format("2 Jan 2006"), c.State.Label())
		}
		opts = append(opts, option{strconv.FormatInt(c.ID, 10), label})
	}
	f.add("conversation_id", "About the conversation", convo).options(opts)
	f.add("note", "Note", note).rows(4).hint("What you sent or heard. Markdown works.")
	return f, nil
}

func (s *server) activityNew(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	id, err := pathID(r, "person")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := sc.Person(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	kind := r.URL.Query().Get("kind")
	if !model.ActivityKind(kind).Valid() {
		kind = string(model.ActEmailSent)
	}
	f, err := s.activityFields(r, p, kind, inputTime(s.now(), loc), "", r.URL.Query().Get("conversation"), loc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "activity_form", &activityFormPage{page: s.newPage("people", loc), Person: p, Form: f,
		Back: backTo(r, fmt.Sprintf("/people/%d", id)), Done: r.URL.Query().Get("done")})
}

func (s *server) activityCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	sc := s.scope(r)
	ctx := r.Context()
	id, err := pathID(r, "person")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := sc.Person(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := r.PostForm
	now := s.now()
	f, err := s.activityFields(r, p, v.Get("kind"), v.Get("at"), v.Get("note"), v.Get("conversation_id"), loc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	back := backTo(r, fmt.Sprintf("/people/%d", id))
	a := &model.Activity{Person: model.Ref{ID: id}, Kind: model.ActivityKind(v.Get("kind")),
		Note: strings.ReplaceAll(v.Get("note"), "\r\n", "\n")}
	a.At = f.timeValue("at", now, loc, now)
	if !a.At.Before(now.Add(time.Minute)) {
		f.invalid("at", "is in the future; log a touch once it has happened")
	}
	if raw := v.Get("conversation_id"); raw != "" {
		if a.ConversationID, err = strconv.ParseInt(raw, 10, 64); err != nil {
			f.invalid("conversation_id", fmt.Sprintf("%q is not a conversation", raw))
		}
	}
	if f.ok() {
		if err = sc.AddActivity(ctx, a, now); err == nil {
			msg := fmt.Sprintf("Logged: %s, %s.", strings.ToLower(activityLabel(string(a.Kind), "")), p.Name)
			if done := v.Get("done"); done != "" {
				// An action the touch fulfils but whose rule cannot see it
				// (a report to the referrer before the thank-you is logged).
				if act, err := sc.MarkDone(ctx, done, now); err == nil {
					msg += " Done: " + actionTitle(act) + "."
				}
			}
			s.redirect(w, r, back, msg)
			return
		}
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusUnprocessableEntity, "activity_form", &activityFormPage{page: s.newPage("people", loc), Person: p, Form: f, Back: back, Done: v.Get("done")})
}

func (s *server) activityDeleteConfirm(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	id, err := pathID(r, "activity")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a, err := sc.Activity(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	what := fmt.Sprintf("%s with %s on %s", strings.ToLower(activityLabel(string(a.Kind), "")), a.Person.Name, formatTime(a.At, loc))
	data := &confirmPage{page: s.newPage("people", loc), Title: "Delete this activity?",
		Intro:  "This removes the " + what + " from the timeline. It cannot be undone.",
		Action: fmt.Sprintf("/activities/%d/delete", id), Button: "Delete the activity", Cancel: fmt.Sprintf("/people/%d", a.Person.ID)}
	if a.Note != "" {
		data.Details = []string{"Its note: " + truncate(a.Note, 200)}
	}
	s.render(w, r, http.StatusOK, "confirm", data)
}

func (s *server) activityDelete(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	id, err := pathID(r, "activity")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a, err := sc.Activity(r.Context(), id)
	if err == nil {
		err = sc.DeleteActivity(r.Context(), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, fmt.Sprintf("/people/%d", a.Person.ID), "Deleted the activity.")
}

// truncate shortens text to about n characters, on a word boundary.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
