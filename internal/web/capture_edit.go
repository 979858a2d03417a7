package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// Editing what was caught during a conversation, after it: fix a term's
// spelling, say what it means, mark it clarified, tidy a note. Plain forms
// that come back to the write-up (or wherever "back" says).

type captureEditPage struct {
	page
	C    *model.Conversation
	K    *store.Capture
	Kind string // the capture's kind in words
	Form *form
	Back string
}

func captureURL(convo, id int64) string {
	return fmt.Sprintf("/conversations/%d/captures/%d", convo, id)
}

func writeupURL(id int64) string { return fmt.Sprintf("/conversations/%d/writeup", id) }

// convoCapture reads the capture the path names; a capture of another
// conversation is not found, so that no URL reaches across conversations.
func convoCapture(r *http.Request, sc *store.Scope) (int64, *store.Capture, error) {
	id, err := pathID(r, "conversation")
	if err != nil {
		return 0, nil, err
	}
	cid, err := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	if err != nil || cid <= 0 {
		return 0, nil, &store.NotFoundError{Kind: "capture", Key: r.PathValue("cid")}
	}
	k, err := sc.Capture(r.Context(), cid)
	if err == nil && k.ConversationID != id {
		err = &store.NotFoundError{Kind: "capture", Key: r.PathValue("cid")}
	}
	return id, k, err
}

// captureEditForm holds a capture's editable parts: what the user posted
// (v not nil) or what is stored.
func captureEditForm(k *store.Capture, v map[string][]string) *form {
	val := func(name, stored string) string {
		if v == nil {
			return stored
		}
		if vs := v[name]; len(vs) > 0 {
			return vs[0]
		}
		return ""
	}
	on := func(name string, stored bool) bool {
		if v == nil {
			return stored
		}
		return val(name, "") != ""
	}
	f := newForm()
	label := map[store.CaptureKind]string{store.CaptureReferral: "Name as they said it", store.CaptureTerm: "Term",
		store.CaptureSkillWord: "Skill word", store.CaptureResource: "Name", store.CaptureNextStep: "What to do"}[k.Kind]
	f.add("text", label, val("text", k.Text)).required().auto("off")
	if k.Kind == store.CaptureResource {
		kinds := []option{{"association", "An association"}, {"publication", "A publication"}, {"event", "An event"}, {"other", "Something else"}}
		f.add("resource_kind", "Kind", val("resource_kind", string(k.ResourceKind))).options(kinds)
	}
	noteLabel := "Note"
	if k.Kind == store.CaptureTerm {
		noteLabel = "What it means"
	}
	f.add("note", noteLabel, val("note", k.Note)).rows(3)
	switch k.Kind {
	case store.CaptureTerm:
		f.add("resolved", "Clarified", "yes").checked(on("resolved", k.Resolved)).hint("Tick it once you know what the term means.")
	case store.CaptureReferral:
		f.add("may_use_name", "They said I may use their name", "yes").checked(on("may_use_name", k.MayUseName))
	}
	return f
}

func captureKindText(k store.CaptureKind) string {
	return map[store.CaptureKind]string{store.CaptureReferral: "person to talk to", store.CaptureTerm: "term to clarify",
		store.CaptureSkillWord: "skill word", store.CaptureResource: "resource", store.CaptureNextStep: "next step"}[k]
}

func (s *server) captureEdit(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	id, k, err := convoCapture(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderCaptureEdit(w, r, http.StatusOK, id, k, captureEditForm(k, nil))
}

func (s *server) renderCaptureEdit(w http.ResponseWriter, r *http.Request, status int, id int64, k *store.Capture, f *form) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := sc.Conversation(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "capture_form", &captureEditPage{page: s.newPage("conversations", loc), C: c, K: k,
		Kind: captureKindText(k.Kind), Form: f, Back: backTo(r, writeupURL(id)+"#captured")})
}

// postedCapture parses a posted form and reads the capture its path names;
// false when it answered the request with an error page.
func (s *server) postedCapture(w http.ResponseWriter, r *http.Request) (*store.Scope, int64, *store.Capture, bool) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return nil, 0, nil, false
	}
	sc := s.scope(r)
	id, k, err := convoCapture(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return nil, 0, nil, false
	}
	return sc, id, k, true
}

func (s *server) captureUpdate(w http.ResponseWriter, r *http.Request) {
	sc, id, k, ok := s.postedCapture(w, r)
	if !ok {
		return
	}
	f := captureEditForm(k, r.PostForm)
	edited := *k
	edited.Text, edited.Note = f.F["text"].Value, f.F["note"].Value
	if fl := f.F["resource_kind"]; fl != nil {
		edited.ResourceKind = store.ResourceKind(fl.Value)
	}
	if fl := f.F["resolved"]; fl != nil {
		edited.Resolved = fl.Checked
	}
	if fl := f.F["may_use_name"]; fl != nil {
		edited.MayUseName = fl.Checked
	}
	if err := sc.UpdateCapture(r.Context(), &edited, s.now()); err != nil {
		if f.fail(err) {
			s.renderCaptureEdit(w, r, http.StatusUnprocessableEntity, id, k, f)
			return
		}
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, backTo(r, writeupURL(id)+"#captured"), "Saved the "+captureKindText(k.Kind)+" “"+edited.Text+"”.")
}

// captureResolve marks a term clarified (resolved=yes) or open again.
func (s *server) captureResolve(w http.ResponseWriter, r *http.Request) {
	sc, id, k, ok := s.postedCapture(w, r)
	if !ok {
		return
	}
	resolved := r.PostFormValue("resolved") == "yes"
	back := backTo(r, writeupURL(id)+"#captured")
	if _, err := sc.ResolveTerm(r.Context(), k.ID, resolved, s.now()); err != nil {
		if es := model.AsErrors(err); len(es) > 0 {
			s.redirectError(w, r, back, sentence(es[0].Message))
			return
		}
		s.pageError(w, r, err)
		return
	}
	msg := "Marked “" + k.Text + "” clarified."
	if !resolved {
		msg = "Marked “" + k.Text + "” as still to clarify."
	}
	s.redirect(w, r, back, msg)
}
