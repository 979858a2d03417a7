package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// The question guide of one conversation: the opening statement, the
// questions in order with up/down/remove, the research, and the bank to add
// from by topic. Every change is a plain form post that comes back to the
// question it touched; the page prints on one sheet.

type guidePage struct {
	page
	C         *model.Conversation
	G         *store.Guide
	Questions []guideQuestion
	Research  []researchView
	Opening   *form
	Bank      []bankTopic
	Topical   int // topic questions in the guide
	Fits      int // topic questions the minutes asked hold
}

// guideQuestion is one question of the guide as the page lists it.
type guideQuestion struct {
	questions.Question
	N                int
	CanUp, CanDown   bool
	Removable        bool
	FirstClosing     bool // the closing questions start here
	TopicTitle, Anch string
}

type researchView struct {
	Kind, Name, URL, EditURL string
	Notes                    template.HTML
}

// bankTopic is one topic of the bank with the questions not in the guide.
type bankTopic struct {
	Topic     questions.Topic
	Title     string
	Covered   int // earlier held conversations in the field that covered it
	InGuide   int
	Questions []questions.Question
}

func guideURL(id int64) string { return fmt.Sprintf("/conversations/%d/guide", id) }

// guideAnchor is the id of a question's row on the guide page.
func guideAnchor(qid string) string { return "g-" + qid }

func (s *server) guideShow(w http.ResponseWriter, r *http.Request) {
	s.renderGuide(w, r, http.StatusOK, nil)
}

// renderGuide draws the guide page; opening, when not nil, is the opening
// form sent back with a problem.
func (s *server) renderGuide(w http.ResponseWriter, r *http.Request, status int, opening *form) {
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
	bank, err := sc.Questions(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &guidePage{page: s.newPage("people", loc), C: c, G: g, Opening: opening, Fits: questions.Count(g.Minutes)}
	if data.Opening == nil {
		data.Opening = openingForm(g.Opening, "")
	}
	inGuide := map[string]bool{}
	perTopic := map[questions.Topic]int{}
	for i, q := range g.Questions {
		inGuide[q.ID] = true
		gq := guideQuestion{Question: q, N: i + 1, Removable: q.ID != questions.WhoElseID, TopicTitle: q.Topic.Title(), Anch: guideAnchor(q.ID)}
		gq.CanUp = i > 0 && g.Questions[i-1].Closing == q.Closing
		gq.CanDown = i+1 < len(g.Questions) && g.Questions[i+1].Closing == q.Closing
		gq.FirstClosing = q.Closing && (i == 0 || !g.Questions[i-1].Closing)
		perTopic[q.Topic]++
		if !q.Closing {
			data.Topical++
		}
		data.Questions = append(data.Questions, gq)
	}
	for _, t := range questions.Topics() {
		bt := bankTopic{Topic: t, Title: t.Title(), Covered: g.Covered[t], InGuide: perTopic[t]}
		for _, q := range bank {
			if q.Topic == t && !inGuide[q.ID] {
				bt.Questions = append(bt.Questions, q)
			}
		}
		data.Bank = append(data.Bank, bt)
	}
	for _, rs := range g.Research {
		rv := researchView{Kind: rs.Kind, Name: rs.Name, Notes: s.ui.md.render(rs.Notes)}
		switch rs.Kind {
		case "field":
			rv.URL = fmt.Sprintf("/fields/%d", rs.ID)
		case "organization":
			rv.URL = fmt.Sprintf("/orgs/%d", rs.ID)
		default:
			rv.URL = fmt.Sprintf("/people/%d", rs.ID)
		}
		rv.EditURL = rv.URL + "/edit#f-notes"
		data.Research = append(data.Research, rv)
	}
	s.render(w, r, status, "guide_page", data)
}

func openingForm(value, problem string) *form {
	f := newForm()
	f.add("opening", "Your opening statement", value).rows(4).
		hint("About ten seconds: who you are, what draws you to the field, and what you hope to learn. Empty it to go back to the one drafted from your settings.")
	if problem != "" {
		f.invalid("opening", problem)
		f.collect()
	}
	return f
}

// guideEdit runs one edit of a conversation's guide from a posted form and
// sends the browser back to the guide, at anchor, with the flash the edit
// returns; a refused edit comes back as an error flash.
func (s *server) guideEdit(w http.ResponseWriter, r *http.Request, edit func(sc *store.Scope, id int64, qid string) (flash, anchor string, err error)) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	qid := strings.TrimSpace(r.PostFormValue("question_id"))
	flash, anchor, err := edit(s.scope(r), id, qid)
	to := guideURL(id)
	if anchor != "" {
		to += "#" + url.PathEscape(anchor)
	}
	if err != nil {
		if es := model.AsErrors(err); len(es) > 0 {
			s.redirectError(w, r, to, sentence(es[0].Message))
			return
		}
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, to, flash)
}

func (s *server) guideOpening(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	text := r.PostFormValue("opening")
	g, err := s.scope(r).SetGuideOpening(r.Context(), id, text, s.now())
	if err != nil {
		if es := model.AsErrors(err); len(es) > 0 {
			s.renderGuide(w, r, http.StatusUnprocessableEntity, openingForm(text, es[0].Message))
			return
		}
		s.pageError(w, r, err)
		return
	}
	msg := "Saved your opening statement."
	if !g.OpeningEdited {
		msg = "Back to the opening statement drafted from your settings."
	}
	s.redirect(w, r, guideURL(id)+"#opening", msg)
}

func (s *server) guideMove(w http.ResponseWriter, r *http.Request) {
	s.guideEdit(w, r, func(sc *store.Scope, id int64, qid string) (string, string, error) {
		ctx := r.Context()
		g, err := sc.Guide(ctx, id, s.now())
		if err != nil {
			return "", "", err
		}
		ids, ok := moveQuestion(g.Questions, qid, r.PostFormValue("dir") == "up")
		if !ok {
			return "", guideAnchor(qid), model.Invalid("question_id", "that question cannot move further that way: the closing questions stay last")
		}
		if _, err := sc.ReorderGuide(ctx, id, ids, s.now()); err != nil {
			return "", "", err
		}
		return "", guideAnchor(qid), nil
	})
}

// moveQuestion returns the guide's question ids with qid one place up or
// down, within its group (topic questions, then closing ones); false when
// it cannot move that way.
func moveQuestion(qs []questions.Question, qid string, up bool) ([]string, bool) {
	i := -1
	ids := make([]string, len(qs))
	for k, q := range qs {
		ids[k] = q.ID
		if q.ID == qid {
			i = k
		}
	}
	if i < 0 {
		return nil, false
	}
	j := i + 1
	if up {
		j = i - 1
	}
	if j < 0 || j >= len(qs) || qs[j].Closing != qs[i].Closing {
		return nil, false
	}
	ids[i], ids[j] = ids[j], ids[i]
	return ids, true
}

func (s *server) guideAdd(w http.ResponseWriter, r *http.Request) {
	s.guideEdit(w, r, func(sc *store.Scope, id int64, qid string) (string, string, error) {
		g, err := sc.AddToGuide(r.Context(), id, qid, s.now())
		if err != nil {
			return "", "bank", err
		}
		for _, q := range g.Questions {
			if q.ID == qid {
				return "Added “" + q.Text + "”.", guideAnchor(qid), nil
			}
		}
		return "Added the question.", "questions", nil
	})
}

func (s *server) guideRemove(w http.ResponseWriter, r *http.Request) {
	s.guideEdit(w, r, func(sc *store.Scope, id int64, qid string) (string, string, error) {
		// The conversation first: another user's is not found, whatever
		// the question, rather than answered about their question bank.
		if _, err := sc.Conversation(r.Context(), id); err != nil {
			return "", "", err
		}
		if qid == questions.WhoElseID {
			return "", guideAnchor(qid), model.Invalid("question_id", "the question about who else to talk to ends every conversation; it stays")
		}
		q, err := sc.Question(r.Context(), qid)
		if errors.Is(err, store.ErrNotFound) {
			return "", "questions", model.Invalid("question_id", "that question is no longer in your bank")
		}
		if err != nil {
			return "", "", err
		}
		if _, err := sc.RemoveFromGuide(r.Context(), id, qid, s.now()); err != nil {
			return "", "questions", err
		}
		return "Removed “" + q.Text + "”. It is still in your bank below.", "questions", nil
	})
}

func (s *server) guideRebuildConfirm(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
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
	c, err := sc.Conversation(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "confirm", &confirmPage{page: s.newPage("people", loc),
		Title: "Rebuild the guide for " + c.Person.Name + "?",
		Intro: fmt.Sprintf("Ally picks the questions afresh for %d minutes: your favourites first, the topics this field has covered least, and the closing questions last.", c.Minutes),
		Details: []string{"The questions you added, removed or moved by hand are replaced. Your opening statement and your notes stay.",
			"Changed the minutes you asked for? A rebuild sizes the guide to the new time."},
		Action: guideURL(id) + "/rebuild", Button: "Rebuild the guide", Cancel: guideURL(id)})
}

func (s *server) guideRebuild(w http.ResponseWriter, r *http.Request) {
	s.guideEdit(w, r, func(sc *store.Scope, id int64, _ string) (string, string, error) {
		g, err := sc.RebuildGuide(r.Context(), id, s.now())
		if err != nil {
			return "", "", err
		}
		return fmt.Sprintf("Rebuilt the guide: %s for %d minutes.", plural(len(g.Questions), "question", "questions"), g.Minutes), "questions", nil
	})
}

// guideKeep saves the guide as drafted now: the explicit way to keep it
// without changing it (a GET of the guide never stores it).
func (s *server) guideKeep(w http.ResponseWriter, r *http.Request) {
	s.guideEdit(w, r, func(sc *store.Scope, id int64, _ string) (string, string, error) {
		if _, err := sc.KeepGuide(r.Context(), id, s.now()); err != nil {
			return "", "", err
		}
		return "Kept the guide: it stays as it is until you change it.", "questions", nil
	})
}
