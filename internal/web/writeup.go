package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// The write-up of a held conversation: notes per topic (prefilled from the
// quick notes typed under that topic's questions), a one-line summary and
// how useful it was, then the thank-you that is due.

type writeupPage struct {
	page
	C          *model.Conversation
	Form       *form
	Topics     []writeupTopic
	Usefulness []option
	Thank      *thankDue
	Captured   capturedList
}

type writeupTopic struct {
	Field     *field
	Quick     []store.QuestionNote
	Prefilled bool
}

// thankDue is the thank-you the write-up leads to.
type thankDue struct {
	Due                         time.Time
	When                        string
	Overdue, Sent               bool
	ComposeURL, StepURL, Agenda string
}

func topicFieldName(t questions.Topic) string { return "topic_" + string(t) }

// quickNotesText writes a topic's quick notes as Markdown to start its
// write-up from: one item per question.
func quickNotesText(notes []store.QuestionNote) string {
	var b strings.Builder
	for _, n := range notes {
		text := strings.TrimSpace(n.Text)
		if text == "" {
			continue
		}
		fmt.Fprintf(&b, "- *%s* %s\n", strings.TrimSpace(n.Question), strings.ReplaceAll(text, "\n", "\n  "))
	}
	return b.String()
}

func usefulnessOptions() []option {
	return []option{{"1", "1 — little"}, {"2", "2"}, {"3", "3 — some"}, {"4", "4"}, {"5", "5 — very"}, {"", "Not rated yet"}}
}

// writeupForm builds the form from a stored write-up, or from what was
// posted (values not nil).
func writeupForm(wu *store.WriteUp, values map[string][]string) (*form, []writeupTopic) {
	get := func(name, def string) string {
		if values == nil {
			return def
		}
		if vs := values[name]; len(vs) > 0 {
			return strings.ReplaceAll(vs[0], "\r\n", "\n")
		}
		return ""
	}
	f := newForm()
	f.add("summary", "In one line: what did you learn?", get("summary", wu.Summary)).auto("off").
		hint("The sentence you would tell a friend. It heads this conversation in the field’s report.")
	useful := ""
	if wu.Usefulness > 0 {
		useful = strconv.Itoa(wu.Usefulness)
	}
	f.add("usefulness", "How useful was it?", get("usefulness", useful)).options(usefulnessOptions())
	var topics []writeupTopic
	for _, t := range wu.Topics {
		notes, prefilled := t.Notes, false
		if strings.TrimSpace(notes) == "" && len(t.Quick) > 0 {
			notes, prefilled = quickNotesText(t.Quick), true
		}
		fl := f.add(topicFieldName(t.Topic), t.Title, get(topicFieldName(t.Topic), notes)).rows(4)
		if prefilled {
			fl.hint("Started from what you typed under this topic’s questions: tidy it up, add what you remember.")
		}
		topics = append(topics, writeupTopic{Field: fl, Quick: t.Quick, Prefilled: prefilled})
	}
	f.add("general", "Other notes", get("general", wu.General)).rows(5).
		hint("Anything outside the topics: special points, names mentioned. Markdown works.")
	return f, topics
}

func (s *server) writeupShow(w http.ResponseWriter, r *http.Request) {
	s.renderWriteup(w, r, http.StatusOK, nil, nil)
}

// renderWriteup draws the page; f and topics, when not nil, are a form
// sent back with problems.
func (s *server) renderWriteup(w http.ResponseWriter, r *http.Request, status int, f *form, topics []writeupTopic) {
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
	caps, err := sc.Captures(ctx, store.CaptureFilter{ConversationID: id})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if f == nil {
		wu, err := sc.WriteUp(ctx, id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f, topics = writeupForm(wu, nil)
	}
	now := s.now()
	data := &writeupPage{page: s.newPage("people", loc), C: c, Form: f, Topics: topics, Usefulness: usefulnessOptions(),
		Captured: newCapturedList(id, caps)}
	if c.HeldAt != nil && isHeld(c.State) {
		due := c.HeldAt.Add(time.Duration(st.ThankHours) * time.Hour)
		data.Thank = &thankDue{Due: due, When: method.When(due, now, loc), Overdue: now.After(due), Sent: c.State != model.StateHeld,
			ComposeURL: fmt.Sprintf("/people/%d/compose?kind=thank_you&convo=%d", c.Person.ID, c.ID),
			StepURL:    fmt.Sprintf("/conversations/%d/step?to=thanked", c.ID), Agenda: "/"}
	}
	s.render(w, r, status, "writeup", data)
}

func (s *server) writeupSave(w http.ResponseWriter, r *http.Request) {
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
	stored, err := sc.WriteUp(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, topics := writeupForm(stored, r.PostForm)
	wu := &store.WriteUp{ConversationID: id, Summary: f.F["summary"].Value, General: f.F["general"].Value,
		Usefulness: f.usefulnessValue()}
	for _, t := range questions.Topics() {
		wu.Topics = append(wu.Topics, store.TopicWriteUp{Topic: t, Notes: f.F[topicFieldName(t)].Value})
	}
	if f.ok() {
		c, err := sc.SaveWriteUp(ctx, wu, s.now())
		if err == nil {
			msg := "Saved your write-up."
			if c.State == model.StateHeld {
				msg += " Next: the thank-you."
			}
			s.redirect(w, r, fmt.Sprintf("/conversations/%d/writeup#thank-you", id), msg)
			return
		}
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
	}
	s.renderWriteup(w, r, http.StatusUnprocessableEntity, f, topics)
}
