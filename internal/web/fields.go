package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// How many people and conversations a field or organization page lists.
const detailListCap = 100

type fieldsPage struct {
	page
	Fields []*model.Field
}

func (s *server) fieldsIndex(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	fields, err := sc.Fields(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "fields", &fieldsPage{page: s.newPage("fields", loc), Fields: fields})
}

type fieldPage struct {
	page
	Field         *model.Field
	Why           template.HTML
	Notes         template.HTML
	People        []*model.Person
	PeopleTotal   int
	Conversations []*model.Conversation
	Booked        int
	Taught        template.HTML // what this field taught (report_page.go)
}

func (s *server) fieldShow(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	id, err := pathID(r, "field")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, err := sc.Field(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &fieldPage{page: s.newPage("fields", loc), Field: f, Why: s.ui.md.render(f.Why), Notes: s.ui.md.render(f.Notes)}
	if data.People, data.PeopleTotal, err = sc.People(ctx, store.PeopleFilter{FieldID: id, Limit: detailListCap}); err == nil {
		data.Conversations, err = sc.Conversations(ctx, store.ConversationFilter{FieldID: id, Limit: detailListCap})
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, c := range data.Conversations {
		if c.State == model.StateScheduled || c.State == model.StateConfirmed {
			data.Booked++
		}
	}
	if data.Taught, err = s.fieldTaught(ctx, sc, id, loc); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "field", data)
}

type fieldFormPage struct {
	page
	Title, Action, Cancel, Submit string
	Form                          *form
}

func fieldForm(f *model.Field, target string) *form {
	fm := newForm()
	fm.add("name", "Name", f.Name).required().auto("off")
	fm.add("why", "Why it interests you", f.Why).rows(3)
	fm.add("target", "Perspectives to hear", target).kind("number").hint("One or two conversations can mislead; the method suggests at least three.")
	fm.add("pursuing", "I am pursuing this field", "").checked(f.Pursuing).hint("Once you have decided on it: a feeler note with your resume may then follow a thank-you, at least two months later.")
	fm.add("notes", "Research notes", f.Notes).rows(10).hint("What you read about the field: trends, terms, associations. Markdown works.")
	return fm
}

func (s *server) fieldNew(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	st, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "field_form", &fieldFormPage{page: s.newPage("fields", loc), Title: "Add a field",
		Action: "/fields", Cancel: "/fields", Submit: "Add field", Form: fieldForm(&model.Field{}, strconv.Itoa(st.TargetPerspectives))})
}

func (s *server) fieldEdit(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	id, err := pathID(r, "field")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, err := sc.Field(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	url := fmt.Sprintf("/fields/%d", id)
	s.render(w, r, http.StatusOK, "field_form", &fieldFormPage{page: s.newPage("fields", loc), Title: "Edit " + f.Name,
		Action: url, Cancel: url, Submit: "Save changes", Form: fieldForm(f, strconv.Itoa(f.Target))})
}

func (s *server) fieldCreate(w http.ResponseWriter, r *http.Request) { s.saveField(w, r, 0) }

func (s *server) fieldUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "field")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.saveField(w, r, id)
}

func (s *server) saveField(w http.ResponseWriter, r *http.Request, id int64) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	sc := s.scope(r)
	st, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := r.PostForm
	f := &model.Field{ID: id, Name: v.Get("name"), Why: strings.ReplaceAll(v.Get("why"), "\r\n", "\n"),
		Notes: strings.ReplaceAll(v.Get("notes"), "\r\n", "\n"), Pursuing: v.Get("pursuing") != ""}
	fm := fieldForm(f, v.Get("target"))
	f.Target = fm.intValue("target", st.TargetPerspectives)
	if fm.ok() {
		if id == 0 {
			err = sc.CreateField(r.Context(), f, s.now())
		} else {
			err = sc.UpdateField(r.Context(), f, s.now())
		}
		if err == nil {
			verb := "Added"
			if id != 0 {
				verb = "Saved"
			}
			s.redirect(w, r, fmt.Sprintf("/fields/%d", f.ID), verb+" the field "+f.Name+".")
			return
		}
		if !fm.fail(err) {
			s.pageError(w, r, err)
			return
		}
	}
	data := &fieldFormPage{page: s.newPage("fields", loc), Title: "Add a field", Action: "/fields", Cancel: "/fields", Submit: "Add field", Form: fm}
	if id != 0 {
		url := fmt.Sprintf("/fields/%d", id)
		data.Title, data.Action, data.Cancel, data.Submit = "Edit the field", url, url, "Save changes"
	}
	s.render(w, r, http.StatusUnprocessableEntity, "field_form", data)
}

// Organizations.

type orgsPage struct {
	page
	Orgs []*model.Organization
}

func (s *server) orgsIndex(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	orgs, err := sc.Organizations(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "orgs", &orgsPage{page: s.newPage("orgs", loc), Orgs: orgs})
}

type orgPage struct {
	page
	Org           *model.Organization
	Notes         template.HTML
	People        []*model.Person
	PeopleTotal   int
	Conversations []*model.Conversation
	Held          int
}

func (s *server) orgShow(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	id, err := pathID(r, "organization")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	o, err := sc.Organization(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &orgPage{page: s.newPage("orgs", loc), Org: o, Notes: s.ui.md.render(o.Notes)}
	if data.People, data.PeopleTotal, err = sc.People(ctx, store.PeopleFilter{OrganizationID: id, Limit: detailListCap}); err != nil {
		s.pageError(w, r, err)
		return
	}
	if data.Conversations, err = sc.Conversations(ctx, store.ConversationFilter{OrganizationID: id, Limit: detailListCap}); err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, c := range data.Conversations {
		if isHeld(c.State) {
			data.Held++
		}
	}
	s.render(w, r, http.StatusOK, "org", data)
}

func isHeld(st model.State) bool {
	switch st {
	case model.StateHeld, model.StateThanked, model.StateReportedBack, model.StateKeepingInTouch:
		return true
	}
	return false
}

func orgForm(o *model.Organization) *form {
	fm := newForm()
	fm.add("name", "Name", o.Name).required().auto("off")
	fm.add("website", "Website", o.Website).kind("url").auto("off")
	fm.add("notes", "Research notes", o.Notes).rows(10).hint("What they do, recent news, what to ask about. Markdown works.")
	return fm
}

func (s *server) orgNew(w http.ResponseWriter, r *http.Request) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "org_form", &fieldFormPage{page: s.newPage("orgs", loc), Title: "Add an organization",
		Action: "/orgs", Cancel: "/orgs", Submit: "Add organization", Form: orgForm(&model.Organization{})})
}

func (s *server) orgEdit(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	id, err := pathID(r, "organization")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	o, err := sc.Organization(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	url := fmt.Sprintf("/orgs/%d", id)
	s.render(w, r, http.StatusOK, "org_form", &fieldFormPage{page: s.newPage("orgs", loc), Title: "Edit " + o.Name,
		Action: url, Cancel: url, Submit: "Save changes", Form: orgForm(o)})
}

func (s *server) orgCreate(w http.ResponseWriter, r *http.Request) { s.saveOrg(w, r, 0) }

func (s *server) orgUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "organization")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.saveOrg(w, r, id)
}

func (s *server) saveOrg(w http.ResponseWriter, r *http.Request, id int64) {
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
	v := r.PostForm
	o := &model.Organization{ID: id, Name: v.Get("name"), Website: v.Get("website"), Notes: strings.ReplaceAll(v.Get("notes"), "\r\n", "\n")}
	fm := orgForm(o)
	if id == 0 {
		err = sc.CreateOrganization(r.Context(), o, s.now())
	} else {
		err = sc.UpdateOrganization(r.Context(), o, s.now())
	}
	if err == nil {
		verb := "Added"
		if id != 0 {
			verb = "Saved"
		}
		s.redirect(w, r, fmt.Sprintf("/orgs/%d", o.ID), verb+" "+o.Name+".")
		return
	}
	if !fm.fail(err) {
		s.pageError(w, r, err)
		return
	}
	data := &fieldFormPage{page: s.newPage("orgs", loc), Title: "Add an organization", Action: "/orgs", Cancel: "/orgs", Submit: "Add organization", Form: fm}
	if id != 0 {
		url := fmt.Sprintf("/orgs/%d", id)
		data.Title, data.Action, data.Cancel, data.Submit = "Edit the organization", url, url, "Save changes"
	}
	s.render(w, r, http.StatusUnprocessableEntity, "org_form", data)
}

// deletion is how the pages ask about and delete one kind of record: the
// confirm page on GET, the delete on POST, then back to the list.
type deletion struct {
	kind string // for errors: "field"
	nav  string // the nav entry and list URL: "fields" → /fields
	// ask loads the record and words the question; name is used in the flash.
	ask    func(ctx context.Context, sc *store.Scope, id int64) (name string, q confirmPage, err error)
	remove func(sc *store.Scope, ctx context.Context, id int64) error
}

func (s *server) confirmDelete(d deletion) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sc := s.scope(r)
		id, err := pathID(r, d.kind)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		_, loc, err := s.settings(r, sc)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		_, q, err := d.ask(r.Context(), sc, id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		q.page = s.newPage(d.nav, loc)
		q.Action = fmt.Sprintf("/%s/%d/delete", d.nav, id)
		q.Cancel = fmt.Sprintf("/%s/%d", d.nav, id)
		s.render(w, r, http.StatusOK, "confirm", &q)
	}
}

func (s *server) deleteRecord(d deletion) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sc := s.scope(r)
		id, err := pathID(r, d.kind)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		name, _, err := d.ask(r.Context(), sc, id)
		if err == nil {
			err = d.remove(sc, r.Context(), id)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, "/"+d.nav, "Deleted "+name+".")
	}
}

func fieldDeletion() deletion {
	return deletion{kind: "field", nav: "fields", remove: (*store.Scope).DeleteField,
		ask: func(ctx context.Context, sc *store.Scope, id int64) (string, confirmPage, error) {
			f, err := sc.Field(ctx, id)
			if err != nil {
				return "", confirmPage{}, err
			}
			return "the field " + f.Name, confirmPage{Title: "Delete the field " + f.Name + "?",
				Intro:   "This removes the field and its research notes. It cannot be undone.",
				Details: []string{fmt.Sprintf("Its %s and their conversations stay; they are just no longer filed under %s.", plural(f.People, "person", "people"), f.Name)},
				Button:  "Delete the field"}, nil
		}}
}

func orgDeletion() deletion {
	return deletion{kind: "organization", nav: "orgs", remove: (*store.Scope).DeleteOrganization,
		ask: func(ctx context.Context, sc *store.Scope, id int64) (string, confirmPage, error) {
			o, err := sc.Organization(ctx, id)
			if err != nil {
				return "", confirmPage{}, err
			}
			return o.Name, confirmPage{Title: "Delete " + o.Name + "?",
				Intro:   "This removes the organization and its research notes. It cannot be undone.",
				Details: []string{fmt.Sprintf("Its %s stay; they just lose the link to %s.", plural(o.People, "person", "people"), o.Name)},
				Button:  "Delete the organization"}, nil
		}}
}
