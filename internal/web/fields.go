package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
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

// fieldEditing adds and edits fields.
func fieldEditing() editing {
	return editing{kind: "field", nav: "fields", page: "field_form", add: "Add a field", submit: "Add field", noun: "the field",
		blank: func(st method.Settings) *form { return fieldForm(&model.Field{}, strconv.Itoa(st.TargetPerspectives)) },
		load: func(ctx context.Context, sc *store.Scope, id int64) (string, *form, error) {
			f, err := sc.Field(ctx, id)
			if err != nil {
				return "", nil, err
			}
			return f.Name, fieldForm(f, strconv.Itoa(f.Target)), nil
		},
		save: func(ctx context.Context, sc *store.Scope, v url.Values, id int64, st method.Settings, now time.Time) (*form, int64, string, error) {
			f := &model.Field{ID: id, Name: v.Get("name"), Why: strings.ReplaceAll(v.Get("why"), "\r\n", "\n"),
				Notes: strings.ReplaceAll(v.Get("notes"), "\r\n", "\n"), Pursuing: v.Get("pursuing") != ""}
			fm := fieldForm(f, v.Get("target"))
			f.Target = fm.intValue("target", st.TargetPerspectives)
			if !fm.ok() {
				return fm, 0, "", nil
			}
			var err error
			if id == 0 {
				err = sc.CreateField(ctx, f, now)
			} else {
				err = sc.UpdateField(ctx, f, now)
			}
			return fm, f.ID, "the field " + f.Name, err
		}}
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

// orgEditing adds and edits organizations.
func orgEditing() editing {
	return editing{kind: "organization", nav: "orgs", page: "org_form", add: "Add an organization", submit: "Add organization", noun: "the organization",
		blank: func(method.Settings) *form { return orgForm(&model.Organization{}) },
		load: func(ctx context.Context, sc *store.Scope, id int64) (string, *form, error) {
			o, err := sc.Organization(ctx, id)
			if err != nil {
				return "", nil, err
			}
			return o.Name, orgForm(o), nil
		},
		save: func(ctx context.Context, sc *store.Scope, v url.Values, id int64, _ method.Settings, now time.Time) (*form, int64, string, error) {
			o := &model.Organization{ID: id, Name: v.Get("name"), Website: v.Get("website"), Notes: strings.ReplaceAll(v.Get("notes"), "\r\n", "\n")}
			var err error
			if id == 0 {
				err = sc.CreateOrganization(ctx, o, now)
			} else {
				err = sc.UpdateOrganization(ctx, o, now)
			}
			return orgForm(o), o.ID, o.Name, err
		}}
}

// editing is how the pages add and edit one kind of record with a plain
// form: the form on GET, the save on POST, and on a failed save the form
// again with what was typed and what is wrong next to each field.
type editing struct {
	kind   string // for errors: "field"
	nav    string // the nav entry and list URL: "fields" → /fields
	page   string // the form's template: "field_form"
	add    string // the new record's page title: "Add a field"
	submit string // the new record's button: "Add field"
	noun   string // "the field", for the edit page's title after a failed save
	// blank is the form for a new record; load reads a record's name and form.
	blank func(st method.Settings) *form
	load  func(ctx context.Context, sc *store.Scope, id int64) (name string, fm *form, err error)
	// save decodes the posted form and creates (id 0) or updates the
	// record: the form as posted, the record's id and how the flash names
	// it. A form with problems comes back without a save and without error.
	save func(ctx context.Context, sc *store.Scope, v url.Values, id int64, st method.Settings, now time.Time) (fm *form, saved int64, name string, err error)
}

// newRecord shows the form for a new record.
func (s *server) newRecord(e editing) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		st, loc, err := s.settings(r, s.scope(r))
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		list := "/" + e.nav
		s.render(w, r, http.StatusOK, e.page, &fieldFormPage{page: s.newPage(e.nav, loc), Title: e.add,
			Action: list, Cancel: list, Submit: e.submit, Form: e.blank(st)})
	}
}

// editRecord shows a record's form.
func (s *server) editRecord(e editing) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sc := s.scope(r)
		id, err := pathID(r, e.kind)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		_, loc, err := s.settings(r, sc)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		name, fm, err := e.load(r.Context(), sc, id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		here := fmt.Sprintf("/%s/%d", e.nav, id)
		s.render(w, r, http.StatusOK, e.page, &fieldFormPage{page: s.newPage(e.nav, loc), Title: "Edit " + name,
			Action: here, Cancel: here, Submit: "Save changes", Form: fm})
	}
}

// saveRecord creates a record (POST to the list) or updates one (POST to
// the record), then shows it; or shows the form again with the problems.
func (s *server) saveRecord(e editing, create bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var id int64
		if !create {
			var err error
			if id, err = pathID(r, e.kind); err != nil {
				s.pageError(w, r, err)
				return
			}
		}
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
		fm, saved, name, err := e.save(r.Context(), sc, r.PostForm, id, st, s.now())
		switch {
		case err == nil && fm.ok():
			verb := "Added "
			if !create {
				verb = "Saved "
			}
			s.redirect(w, r, fmt.Sprintf("/%s/%d", e.nav, saved), verb+name+".")
			return
		case err != nil && !fm.fail(err):
			s.pageError(w, r, err)
			return
		}
		list := "/" + e.nav
		data := &fieldFormPage{page: s.newPage(e.nav, loc), Title: e.add, Action: list, Cancel: list, Submit: e.submit, Form: fm}
		if !create {
			here := fmt.Sprintf("/%s/%d", e.nav, id)
			data.Title, data.Action, data.Cancel, data.Submit = "Edit "+e.noun, here, here, "Save changes"
		}
		s.render(w, r, http.StatusUnprocessableEntity, e.page, data)
	}
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
