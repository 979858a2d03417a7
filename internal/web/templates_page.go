package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
)

// The template editor: Ally's built-in messages, which the user may edit
// (and revert to Ally's words), and the user's own. Every template is
// checked to fill (Template.Validate) before it is saved, and its edit
// page shows it filled with example details, with the checker's findings.

// templateRow is one template in the list.
type templateRow struct {
	ID, Name, Channel string
	BuiltIn, Edited   bool
}

type templateListGroup struct {
	Label string
	Rows  []templateRow
}

// templateListPage is the data of template_list.html.
type templateListPage struct {
	page
	Groups []templateListGroup
}

// templateFormPage is the data of template_form.html.
type templateFormPage struct {
	page
	Title, Action, Submit string
	ID                    string // "" for a new template
	BuiltIn, Edited       bool
	Kind                  etiquette.Kind
	KindLabel, Channel    string // a built-in's, which cannot change
	Form                  *form
	Original              *etiquette.Template // Ally's words, for an edited built-in
	Preview               *checkView          // the stored template filled with example details
	Placeholders          []placeholder
}

// placeholder is one value a template can use.
type placeholder struct{ Name, Means string }

// placeholders lists what a template can use, in the order people write.
func placeholders() []placeholder {
	return []placeholder{
		{"{{.Greeting}}", "“Dear Maria Lopez,” or “Hello,”"},
		{"{{.Hi}}", "“Hi Maria,” or “Hello,”"},
		{"{{.Intro}}", "“My name is …, and I am a senior at …” (from your settings)"},
		{"{{.About}}", "the same without your name"},
		{"{{.UserName}} {{.UserSchool}} {{.UserYear}} {{.UserIntro}}", "your profile, from settings"},
		{"{{.PersonName}} {{.PersonFirstName}}", "whom you write to"},
		{"{{.Organization}} {{.Role}}", "where they work and what they do"},
		{"{{.ReferrerName}} {{.ReferrerFirstName}}", "who suggested you contact them"},
		{"{{.Commonality}}", "what you share, completing “I am writing because of …”"},
		{"{{.Field}}", "the career field, like “public policy”"},
		{"{{.Minutes}} {{.MeetingTime}} {{.Place}}", "the conversation’s time asked, date and place"},
		{"{{.LearnedThing}} {{.Article}}", "one thing you learned; an article to share"},
		{"{{if .ReferrerName}}…{{end}}", "a part written only when the value is known"},
	}
}

func kindOptions() []option {
	var out []option
	for _, k := range etiquette.Kinds() {
		out = append(out, option{string(k), strings.TrimSuffix(sentence(outreach.KindLabel(k)), ".")})
	}
	return out
}

func templateForm(t etiquette.Template, builtIn bool) *form {
	f := newForm()
	f.add("name", "Name", t.Name).required().auto("off")
	if !builtIn {
		f.add("kind", "Kind of message", string(t.Kind)).options(kindOptions()).required()
		var chs []option
		for _, ch := range etiquette.Channels() {
			chs = append(chs, option{string(ch), messageChannelLabel(ch)})
		}
		f.add("channel", "Channel", string(t.Channel)).options(chs).required()
	}
	if !builtIn || t.Channel == etiquette.Email {
		f.add("subject", "Subject", t.Subject).auto("off").hint("Email only.")
	}
	f.add("body", "Message", t.Body).rows(14).required().hint("Placeholders are listed below the form.")
	return f
}

// templatePreview fills a template with example details, and the user's
// own profile, and checks the result. The example has a referrer and a
// commonality only when the template uses them, so that a cold request is
// not told it forgot a referrer.
func templatePreview(t etiquette.Template, st method.Settings) *checkView {
	text := t.Subject + t.Body
	d := etiquette.Data{UserName: st.UserName, UserSchool: st.School, UserYear: st.Year, UserIntro: st.Intro,
		PersonName: "Maria Lopez", Organization: "Harbor City Health Department", Role: "epidemiologist",
		Field: "public health", Minutes: 20, MeetingTime: "Thursday, March 12 at 10:00", Place: "your office",
		LearnedThing: "how an outbreak report comes together", Article: "a piece on rural clinics"}
	if d.UserName == "" {
		d.UserName = "Jordan Lee"
	}
	if strings.Contains(text, ".Referrer") {
		d.ReferrerName = "Dr. Sam Patel"
	}
	if strings.Contains(text, ".Commonality") {
		d.Commonality = "our shared Riverbend State background"
	}
	subject, body, err := t.Fill(d)
	if err != nil {
		return &checkView{Problem: sentence(err.Error())}
	}
	dr := &outreach.Draft{Kind: t.Kind, Channel: t.Channel, Subject: subject, Body: body,
		Context: etiquette.Context{Channel: t.Channel, Kind: t.Kind, ContactName: d.PersonName, ReferrerName: d.ReferrerName, Commonality: d.Commonality}}
	dr.Recheck(subject, body)
	v := checkOf(dr, "")
	return &v
}

func (s *server) templatesIndex(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ts, err := sc.Templates(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &templateListPage{page: s.newPage("settings", loc)}
	for _, k := range etiquette.Kinds() {
		g := templateListGroup{Label: strings.TrimSuffix(sentence(outreach.KindLabel(k)), ".")}
		for _, t := range ts {
			if t.Kind == k {
				g.Rows = append(g.Rows, templateRow{ID: t.ID, Name: t.Name, Channel: messageChannelLabel(t.Channel), BuiltIn: t.BuiltIn, Edited: t.Edited})
			}
		}
		if len(g.Rows) > 0 {
			data.Groups = append(data.Groups, g)
		}
	}
	s.render(w, r, http.StatusOK, "template_list", data)
}

func (s *server) templateNew(w http.ResponseWriter, r *http.Request) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	t := etiquette.Template{Kind: etiquette.FirstRequest, Channel: etiquette.Email}
	if k, err := etiquette.ParseKind(r.URL.Query().Get("kind")); err == nil {
		t.Kind = k
	}
	s.render(w, r, http.StatusOK, "template_form", &templateFormPage{page: s.newPage("settings", loc), Title: "Add a template",
		Action: "/templates", Submit: "Add the template", Form: templateForm(t, false), Placeholders: placeholders()})
}

// readTemplate is the template as typed in the form.
func readTemplate(r *http.Request) etiquette.Template {
	v := r.PostForm
	return etiquette.Template{Name: strings.TrimSpace(v.Get("name")), Kind: etiquette.Kind(v.Get("kind")),
		Channel: etiquette.Channel(v.Get("channel")), Subject: strings.TrimSpace(v.Get("subject")),
		Body: strings.TrimSpace(strings.ReplaceAll(v.Get("body"), "\r\n", "\n"))}
}

// validateTemplate says, on the field, why a template would not fill.
func validateTemplate(f *form, t etiquette.Template) {
	if t.Body == "" {
		return // the store says it is required
	}
	if err := t.Validate(); err != nil {
		name := "body"
		if strings.Contains(err.Error(), ".subject") {
			name = "subject"
		}
		f.invalid(name, "cannot be filled: "+err.Error()+". The placeholders are listed below the form")
	}
}

func (s *server) templateCreate(w http.ResponseWriter, r *http.Request) {
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
	t := readTemplate(r)
	f := templateForm(t, false)
	validateTemplate(f, t)
	if f.ok() {
		saved, err := sc.CreateTemplate(r.Context(), t, s.now())
		if err == nil {
			s.redirect(w, r, "/templates/"+saved.ID, "Added the template “"+saved.Name+"”.")
			return
		}
		if errors.Is(err, store.ErrConflict) {
			f.Problem = sentence(err.Error())
		} else if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusUnprocessableEntity, "template_form", &templateFormPage{page: s.newPage("settings", loc), Title: "Add a template",
		Action: "/templates", Submit: "Add the template", Form: f, Placeholders: placeholders()})
}

// templateEditData is the edit page of a stored template, with the form
// holding t (what was stored, or what the user typed).
func (s *server) templateEditData(st method.Settings, stored store.Template, t etiquette.Template) *templateFormPage {
	data := &templateFormPage{page: s.newPage("settings", st.Location()), ID: stored.ID, BuiltIn: stored.BuiltIn, Edited: stored.Edited,
		Title: "Edit “" + stored.Name + "”", Action: "/templates/" + stored.ID, Submit: "Save the template",
		Form: templateForm(t, stored.BuiltIn), Placeholders: placeholders(), Preview: templatePreview(stored.Template, st)}
	if stored.BuiltIn {
		data.Kind, data.KindLabel = stored.Kind, outreach.KindLabel(stored.Kind)
		data.Channel = string(stored.Channel)
		if stored.Channel == etiquette.Social {
			data.Channel = "a social message"
		}
		if stored.Edited {
			if b, ok := builtInTemplate(stored.ID); ok {
				data.Original = &b
			}
		}
	}
	return data
}

func builtInTemplate(id string) (etiquette.Template, bool) {
	for _, b := range etiquette.BuiltIns() {
		if b.ID == id {
			return b, true
		}
	}
	return etiquette.Template{}, false
}

func (s *server) templateShow(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	st, _, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	t, err := sc.Template(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "template_form", s.templateEditData(st, t, t.Template))
}

func (s *server) templateUpdate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	sc := s.scope(r)
	st, _, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	stored, err := sc.Template(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	t := readTemplate(r)
	t.ID = stored.ID
	if stored.BuiltIn {
		t.Kind, t.Channel = stored.Kind, stored.Channel
	}
	data := s.templateEditData(st, stored, t)
	validateTemplate(data.Form, t)
	if data.Form.ok() {
		saved, err := sc.UpdateTemplate(r.Context(), t, s.now())
		if err == nil {
			s.redirect(w, r, "/templates/"+saved.ID, "Saved the template “"+saved.Name+"”.")
			return
		}
		if !data.Form.fail(err) {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusUnprocessableEntity, "template_form", data)
}

func (s *server) templateDeleteConfirm(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	t, err := sc.Template(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &confirmPage{page: s.newPage("settings", loc), Action: "/templates/" + t.ID + "/delete", Cancel: "/templates/" + t.ID}
	switch {
	case t.BuiltIn && !t.Edited:
		s.pageError(w, r, model.Invalid("id", "“%s” is in Ally’s words already; there is no edit to undo", t.Name))
		return
	case t.BuiltIn:
		data.Title = "Go back to Ally’s words for “" + t.Name + "”?"
		data.Intro = "Your edit of this template is removed and Ally’s own words come back. Messages already written keep their text."
		data.Button = "Go back to Ally’s words"
	default:
		data.Title = "Delete the template “" + t.Name + "”?"
		data.Intro = "It is removed from your templates. Messages already written keep their text. It cannot be undone."
		data.Button = "Delete the template"
	}
	s.render(w, r, http.StatusOK, "confirm", data)
}

func (s *server) templateDelete(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	t, err := sc.Template(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	reverted, err := sc.DeleteTemplate(r.Context(), t.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if b, ok := builtInTemplate(t.ID); ok && reverted {
		s.redirect(w, r, "/templates/"+t.ID, fmt.Sprintf("“%s” is back in Ally’s words.", b.Name))
		return
	}
	s.redirect(w, r, "/templates", fmt.Sprintf("Deleted the template “%s”.", t.Name))
}
