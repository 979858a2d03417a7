package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// The question bank: Ally's questions by topic with the user's favourite
// and hidden choices, and the user's own questions, written with the
// etiquette checker looking over their shoulder.

type questionsPage struct {
	page
	Topics []bankSection
	Own    []questionView
}

type bankSection struct {
	Topic     questions.Topic
	Title     string
	Questions []questionView
}

// questionView is one question of the bank as the page lists it.
type questionView struct {
	questions.Question
	TopicTitle string
	Findings   []etiquette.Finding
}

func newQuestionView(q questions.Question) questionView {
	v := questionView{Question: q, TopicTitle: q.Topic.Title()}
	if !q.BuiltIn {
		v.Findings = etiquette.CheckQuestion(q.Text)
	}
	return v
}

// questionAnchor is the id of a question's row on the bank page.
func questionAnchor(id string) string { return "q-" + id }

func (s *server) questionsIndex(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	bank, err := sc.Questions(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &questionsPage{page: s.newPage("questions", loc)}
	for _, t := range questions.Topics() {
		sec := bankSection{Topic: t, Title: t.Title()}
		for _, q := range bank {
			if q.BuiltIn && q.Topic == t {
				sec.Questions = append(sec.Questions, newQuestionView(q))
			}
		}
		data.Topics = append(data.Topics, sec)
	}
	for _, q := range bank {
		if !q.BuiltIn {
			data.Own = append(data.Own, newQuestionView(q))
		}
	}
	s.render(w, r, http.StatusOK, "questions", data)
}

// questionToggle sets a question's favourite or hidden choice. htmx gets
// the question's row back; a plain post returns to it on the bank page.
func (s *server) questionToggle(w http.ResponseWriter, r *http.Request,
	set func(ctx context.Context, sc *store.Scope, id string, on bool) (questions.Question, error), said func(questions.Question) string) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	id := r.PathValue("id")
	q, err := set(r.Context(), s.scope(r), id, r.PostFormValue("on") == "1")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if isPartial(r) {
		s.renderPart(w, r, "questions", "question-item", newQuestionView(q))
		return
	}
	s.redirect(w, r, "/questions#"+questionAnchor(id), said(q))
}

func (s *server) questionFavourite(w http.ResponseWriter, r *http.Request) {
	s.questionToggle(w, r, func(ctx context.Context, sc *store.Scope, id string, on bool) (questions.Question, error) {
		return sc.FavouriteQuestion(ctx, id, on, s.now())
	}, func(q questions.Question) string {
		if q.Favourite {
			return "A favourite now, picked first for new guides: “" + q.Text + "”."
		}
		return "No longer a favourite: “" + q.Text + "”."
	})
}

func (s *server) questionHide(w http.ResponseWriter, r *http.Request) {
	s.questionToggle(w, r, func(ctx context.Context, sc *store.Scope, id string, on bool) (questions.Question, error) {
		return sc.HideQuestion(ctx, id, on, s.now())
	}, func(q questions.Question) string {
		if q.Hidden {
			return "Hidden from new guides: “" + q.Text + "”."
		}
		return "Shown in new guides again: “" + q.Text + "”."
	})
}

// Add and edit own questions.

type questionFormPage struct {
	page
	Title, Action, Cancel, Submit string
	Form                          *form
	Findings                      []etiquette.Finding
	// Keep, when set, offers to keep anyway a question the checker finds
	// asks for a job or offers a resume.
	Keep *method.Caution
	// From is the built-in question being reworded, if any.
	From *questions.Question
}

func topicOptions() []option {
	var opts []option
	for _, t := range questions.Topics() {
		opts = append(opts, option{string(t), t.Title()})
	}
	return opts
}

func questionForm(q questions.Question, isNew bool) *form {
	f := newForm()
	f.add("text", "Question", q.Text).required().rows(3).auto("off").
		hint("Open-ended, about their experience: what, how, why. Nothing a quick search answers.")
	f.add("topic", "Topic", string(q.Topic)).required().options(topicOptions())
	f.add("when", "When to ask it", q.When).options([]option{{"", "Anywhere"}, {questions.WhenEarly, "Early: a warm-up"},
		{questions.WhenMiddle, "In the middle"}, {questions.WhenClosing, "Near the end"}})
	f.add("notes", "Your notes", q.Notes).rows(3).hint("What to listen for, or why you ask it.")
	f.add("closing", "A closing question: ask it before every goodbye, with who else to talk to", "on").checked(q.Closing)
	f.add("skill_words", "Its answers carry skill words for your resume", "on").checked(q.SkillWords)
	if isNew {
		f.add("favourite", "Favourite: pick it first when a guide is built", "on").checked(q.Favourite)
	}
	return f
}

func (s *server) questionNew(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &questionFormPage{page: s.newPage("questions", loc), Title: "Add a question", Action: "/questions",
		Cancel: "/questions", Submit: "Add the question"}
	q := questions.Question{Topic: questions.Topic(r.URL.Query().Get("topic"))}
	if from := r.URL.Query().Get("from"); from != "" {
		b, err := sc.Question(r.Context(), from)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		q = questions.Question{Topic: b.Topic, Text: b.Text, When: b.When, Closing: b.Closing, SkillWords: b.SkillWords}
		if b.BuiltIn {
			data.From, data.Title = &b, "Put a question in your own words"
		}
	}
	data.Form = questionForm(q, true)
	if data.From != nil {
		data.Form.add("hide_original", hideOriginalLabel, "on").checked(true)
	}
	s.render(w, r, http.StatusOK, "question_form", data)
}

func (s *server) questionEdit(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	id := r.PathValue("id")
	q, err := sc.Question(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if q.BuiltIn {
		s.redirect(w, r, "/questions/new?from="+url.QueryEscape(id), "Ally’s questions stay as they are: put this one in your own words instead.")
		return
	}
	s.render(w, r, http.StatusOK, "question_form", &questionFormPage{page: s.newPage("questions", loc), Title: "Edit your question",
		Action: "/questions/" + id, Cancel: "/questions#" + questionAnchor(id), Submit: "Save changes",
		Form: questionForm(q, false), Findings: etiquette.CheckQuestion(q.Text)})
}

func (s *server) questionCreate(w http.ResponseWriter, r *http.Request) { s.saveQuestion(w, r, "") }

func (s *server) questionUpdate(w http.ResponseWriter, r *http.Request) {
	s.saveQuestion(w, r, r.PathValue("id"))
}

func (s *server) saveQuestion(w http.ResponseWriter, r *http.Request, id string) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	sc := s.scope(r)
	ctx := r.Context()
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := r.PostForm
	q := questions.Question{ID: id, Text: strings.TrimSpace(v.Get("text")), Topic: questions.Topic(v.Get("topic")), When: v.Get("when"),
		Notes: strings.ReplaceAll(v.Get("notes"), "\r\n", "\n"), Closing: v.Get("closing") != "", SkillWords: v.Get("skill_words") != "",
		Favourite: v.Get("favourite") != ""}
	isNew := id == ""
	f := questionForm(q, isNew)
	data := &questionFormPage{page: s.newPage("questions", loc), Title: "Add a question", Action: "/questions",
		Cancel: "/questions", Submit: "Add the question", Form: f}
	if !isNew {
		data.Title, data.Action, data.Cancel, data.Submit = "Edit your question", "/questions/"+id, "/questions#"+questionAnchor(id), "Save changes"
	}
	hideOriginal := ""
	if from := v.Get("from"); from != "" {
		if b, err := sc.Question(ctx, from); err == nil && b.BuiltIn {
			data.From = &b
			f.add("hide_original", hideOriginalLabel, "on").checked(v.Get("hide_original") != "")
			if v.Get("hide_original") != "" {
				hideOriginal = b.ID
			}
		}
	}
	data.Findings = etiquette.CheckQuestion(q.Text)
	data.Keep = keepAnyway(f, method.QuestionCaution(data.Findings), v)
	if q.Text == "" {
		f.invalid("text", "is required")
	}
	if f.ok() {
		err := sc.InTx(ctx, func(tx *store.Scope) error {
			if isNew {
				if err := tx.AddQuestion(ctx, &q, s.now()); err != nil {
					return err
				}
			} else if err := tx.UpdateQuestion(ctx, &q, s.now()); err != nil {
				return err
			}
			if hideOriginal != "" {
				_, err := tx.HideQuestion(ctx, hideOriginal, true, s.now())
				return err
			}
			return nil
		})
		if err == nil {
			msg := "Added your question."
			if !isNew {
				msg = "Saved your question."
			}
			for _, fd := range data.Findings {
				if fd.Severity == etiquette.Warning {
					msg += " The checker has a remark: " + fd.Message
					break
				}
			}
			s.redirect(w, r, "/questions#"+questionAnchor(q.ID), msg)
			return
		}
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusUnprocessableEntity, "question_form", data)
}

const hideOriginalLabel = "Hide Ally’s wording from new guides"

// questionCheck answers htmx as the user types a question: the checker's
// findings, drawn where the form shows them.
func (s *server) questionCheck(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	text := strings.TrimSpace(r.PostFormValue("text"))
	var fs []etiquette.Finding
	if text != "" {
		fs = etiquette.CheckQuestion(text)
	}
	s.renderPart(w, r, "question_form", "question-findings", fs)
}

func (s *server) questionDeleteConfirm(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	id := r.PathValue("id")
	q, err := sc.Question(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if q.BuiltIn {
		s.pageError(w, r, model.Invalid("id", "Ally’s questions cannot be deleted; hide this one instead"))
		return
	}
	s.render(w, r, http.StatusOK, "confirm", &confirmPage{page: s.newPage("questions", loc), Title: "Delete your question?",
		Intro:   "“" + q.Text + "”",
		Details: []string{"Guides that list it drop it. Notes you took under it keep the question's words."},
		Action:  "/questions/" + id + "/delete", Button: "Delete the question", Cancel: "/questions#" + questionAnchor(id)})
}

func (s *server) questionDelete(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	id := r.PathValue("id")
	q, err := sc.Question(r.Context(), id)
	if err == nil {
		err = sc.DeleteQuestion(r.Context(), id)
	}
	if err != nil {
		if es := model.AsErrors(err); len(es) > 0 && !errors.Is(err, store.ErrNotFound) {
			s.redirectError(w, r, "/questions#"+questionAnchor(id), sentence(es[0].Message))
			return
		}
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, "/questions#own", "Deleted “"+q.Text+"”.")
}
