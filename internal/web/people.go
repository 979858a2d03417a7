package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

const peoplePerPage = 50

// personRow is one line of the people list. The template reads the
// person and the standing through their own names (.Person.Name, not
// .Name): a field reached through an embedded struct is looked up by a
// walk of every embedded type, at each use, for each row.
type personRow struct {
	*model.Person
	Snippet template.HTML // the search hit, already escaped by the store, with <mark>s
	// The warmth and the stage reached (network.go).
	Standing standing
}

type peoplePage struct {
	page
	Filter  *form
	Q       string
	People  []personRow
	Pager   pager
	Total   int
	Capped  bool // the search found more than it lists
	Filters bool // a filter besides the search is set
}

// peopleIndex lists people: searched as you type, filtered, sorted, a page
// at a time. htmx asks for the results part only.
func (s *server) peopleIndex(w http.ResponseWriter, r *http.Request) {
	s.keptList(w, r, s.drawPeople)
}

// drawPeople draws the people list.
func (s *server) drawPeople(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	q := r.URL.Query()
	settings, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	fields, err := s.fieldOptions(ctx, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := newForm()
	f.add("q", "Search people", strings.TrimSpace(q.Get("q"))).kind("search")
	f.add("field", "Field", q.Get("field")).options(append([]option{{"", "Any field"}}, fields...))
	f.add("source", "How you know them", q.Get("source")).options(sourceOptions("Any source"))
	f.add("tag", "Tag", strings.TrimSpace(q.Get("tag")))
	f.add("org", "Organization", strings.TrimSpace(q.Get("org")))
	f.add("state", "Conversation state", q.Get("state")).options(stateOptions("Any state"))
	f.add("sort", "Sort by", q.Get("sort")).options([]option{{"", "Name"}, {"recent", "Last in touch"}, {"warmth", "Warmth, hottest first"}, {"created", "Newest first"}})

	filter := store.PeopleFilter{Source: model.Source(f.F["source"].Value), Tag: f.F["tag"].Value,
		State: model.State(f.F["state"].Value), Sort: f.F["sort"].Value}
	if v := f.F["field"].Value; v != "" {
		if filter.FieldID, err = strconv.ParseInt(v, 10, 64); err != nil {
			f.invalid("field", fmt.Sprintf("%q is not a field", v))
		}
	}
	if !filter.Source.Valid() {
		f.invalid("source", fmt.Sprintf("%q is not a source", filter.Source))
		filter.Source = ""
	}
	if filter.State != "" && !filter.State.Valid() {
		f.invalid("state", fmt.Sprintf("%q is not a conversation state", filter.State))
		filter.State = ""
	}
	if name := f.F["org"].Value; name != "" {
		id, _, err := sc.ResolveOrganization(ctx, name)
		switch {
		case err == nil:
			filter.OrganizationID = id
		case statusFor(err) < 500:
			f.invalid("org", err.Error())
			filter.OrganizationID = -1 // an unknown organization has nobody
		default:
			s.pageError(w, r, err)
			return
		}
	}
	f.collect()
	data := &peoplePage{page: page{Nav: "people", Loc: loc, Now: s.now()}, Filter: f, Q: f.F["q"].Value,
		Filters: filter != (store.PeopleFilter{Sort: filter.Sort})}
	if filter.Sort == "warmth" {
		filter.Warmth = &store.WarmthSort{Now: data.Now, Settings: settings}
	}
	if data.Q == "" {
		data.Pager = newPager(r, 0, peoplePerPage)
		filter.Limit, filter.Offset = peoplePerPage, data.Pager.From()
		people, total, err := sc.People(ctx, filter)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		data.Pager = newPager(r, total, peoplePerPage)
		if data.Pager.From() != filter.Offset { // a page past the end: show the last
			filter.Offset = data.Pager.From()
			if people, _, err = sc.People(ctx, filter); err != nil {
				s.pageError(w, r, err)
				return
			}
		}
		data.Total = total
		for _, p := range people {
			data.People = append(data.People, personRow{Person: p})
		}
	} else if err := s.searchPeople(ctx, sc, r, data, filter); err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := s.withStanding(ctx, sc, settings, data.People); err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Add("Vary", "HX-Request")
	if isPartial(r) {
		w.Header().Set("HX-Push-Url", data.Pager.URL(data.Pager.Page))
		s.renderPart(w, r, "people", "people-results", data)
		return
	}
	s.render(w, r, http.StatusOK, "people", data)
}

// searchPeople fills the list with the people whose text matches the
// search, best first. Other filters narrow the hits.
func (s *server) searchPeople(ctx context.Context, sc *store.Scope, r *http.Request, data *peoplePage, filter store.PeopleFilter) error {
	const maxHits = 200
	hits, err := sc.Search(ctx, data.Q, maxHits)
	if err != nil {
		return err
	}
	data.Capped = len(hits.Results) == maxHits || hits.Ranked > 0
	var allowed map[int64]bool
	if data.Filters {
		// Rare and bounded by the owner's people: read the filtered ids.
		filter.Limit, filter.Offset = 0, 0
		people, _, err := sc.People(ctx, filter)
		if err != nil {
			return err
		}
		allowed = make(map[int64]bool, len(people))
		for _, p := range people {
			allowed[p.ID] = true
		}
	}
	var kept []model.SearchResult
	for _, h := range hits.Results {
		if h.Kind == "person" && (allowed == nil || allowed[h.ID]) {
			kept = append(kept, h)
		}
	}
	data.Total = len(kept)
	data.Pager = newPager(r, len(kept), peoplePerPage)
	// A hit shows the name and the snippet, which holds the organization,
	// role and notes that matched: reading each person too would cost more
	// than the search.
	for _, h := range kept[data.Pager.From():data.Pager.To()] {
		data.People = append(data.People, personRow{Person: &model.Person{ID: h.ID, Name: h.Title}, Snippet: template.HTML(h.Snippet)})
	}
	return nil
}

// isPartial reports whether htmx asks for part of a page. A history
// restore asks for the whole page.
func isPartial(r *http.Request) bool {
	return r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-History-Restore-Request") != "true"
}

// fieldOptions lists the owner's fields for a select: their names alone,
// far cheaper than counting every field's conversations as Scope.Fields
// does.
func (s *server) fieldOptions(ctx context.Context, sc *store.Scope) ([]option, error) {
	fields, err := sc.FieldNames(ctx)
	if err != nil {
		return nil, err
	}
	opts := make([]option, 0, len(fields))
	for _, f := range fields {
		opts = append(opts, option{strconv.FormatInt(f.ID, 10), f.Name})
	}
	sortOptions(opts)
	return opts, nil
}

func sortOptions(opts []option) {
	for i := 1; i < len(opts); i++ {
		for j := i; j > 0 && compareFold(opts[j].Label, opts[j-1].Label) < 0; j-- {
			opts[j], opts[j-1] = opts[j-1], opts[j]
		}
	}
}

func sourceOptions(any string) []option {
	opts := []option{{"", any}}
	for _, src := range model.Sources() {
		opts = append(opts, option{string(src), sourceLabel(src)})
	}
	return opts
}

// namePermissionOptions are the answers to "may I use your name?".
func namePermissionOptions() []option {
	return []option{{"", "Not asked"}, {string(model.NameYes), "Yes"}, {string(model.NameNo), "No"}}
}

func stateOptions(any string) []option {
	opts := []option{{"", any}}
	for _, st := range model.States() {
		opts = append(opts, option{string(st), st.Label()})
	}
	return opts
}

// sourceLabel is a source in plain words.
func sourceLabel(src model.Source) string {
	switch src {
	case model.SourceArticleAuthor:
		return "author of an article"
	case model.SourceAlumni:
		return "alumni"
	case model.SourceSocial:
		return "social media"
	case model.SourceCold:
		return "cold contact"
	case "":
		return ""
	}
	return string(src)
}

// Person pages.

type personPage struct {
	page
	Person        *model.Person
	Standing      standing // warmth and stage (network.go)
	Notes         template.HTML
	Referrals     []model.Ref
	Conversations []*model.Conversation
	Timeline      []model.TimelineItem
}

// personShow serves a person's page, kept drawn like the people list
// (pagecache.go): a page is viewed again far more often than its owner
// writes, and each view still reads the version of the owner's records.
func (s *server) personShow(w http.ResponseWriter, r *http.Request) {
	s.keptList(w, r, s.drawPerson)
}

// drawPerson draws a person's page.
func (s *server) drawPerson(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	id, err := pathID(r, "person")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	settings, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := sc.Person(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &personPage{page: page{Nav: "people", Loc: loc, Now: s.now()}, Person: p, Notes: s.ui.md.render(p.Notes)}
	if data.Referrals, err = sc.Referrals(ctx, id); err == nil {
		if data.Conversations, err = sc.Conversations(ctx, store.ConversationFilter{PersonID: id}); err == nil {
			data.Timeline, err = sc.Timeline(ctx, id)
		}
	}
	if err == nil {
		var st map[int64]standing
		st, err = standings(ctx, sc, settings, data.Now, []int64{id})
		data.Standing = st[id]
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "person", data)
}

// personForm is the add and edit form of a person.
type personFormPage struct {
	page
	Title    string
	Action   string
	Form     *form
	Fields   []fieldChoice
	OrgNames []string
	Cancel   string
	Submit   string
}

type fieldChoice struct {
	ID      int64
	Name    string
	Checked bool
}

// personInput is a person as typed in the form, with the names of the
// records it points to.
type personInput struct {
	p         model.Person
	org       string
	referrer  string
	fieldIDs  []int64
	newFields []string
}

func (s *server) personFields(f *form, in personInput) {
	p := in.p
	f.add("name", "Name", p.Name).required().auto("off")
	f.add("org", "Organization", in.org).hint("Where they work. A new name adds the organization.").auto("off")
	f.add("role", "Role", p.Role).auto("off")
	f.add("source", "Source", string(p.Source)).options(sourceOptions("Not sure")).hint("A referral opens the most doors, a shared connection the next most.")
	f.add("commonality", "What you have in common", p.Commonality).hint("Same school, same club, a friend of your parents…").auto("off")
	f.add("referred_by", "Referred by", in.referrer).hint("Who suggested them. A new name adds that person too.").auto("off")
	f.add("name_permission", "May you use the referrer's name?", string(p.NamePermission)).options(namePermissionOptions()).
		hint("Drafts mention who suggested them only when they said yes.")
	f.add("emails", "Email", strings.Join(p.Emails, ", ")).hint("Several? Separate them with commas.").auto("off")
	f.add("phone", "Phone", p.Phone).kind("tel").auto("off")
	f.add("url", "Web or LinkedIn address", p.URL).kind("url").auto("off")
	f.add("location", "Location", p.Location).auto("off")
	f.add("fields", "Fields", "")
	f.add("new_fields", "Other fields", strings.Join(in.newFields, ", ")).hint("A career field not listed above; separate several with commas.").auto("off")
	f.add("tags", "Tags", strings.Join(p.Tags, ", ")).hint("Separate with commas, like mentor, alumni.").auto("off")
	f.add("notes", "Private notes", p.Notes).hint("Only you see these. Markdown works: **bold**, lists, links.").rows(6)
	f.add("do_not_contact", "Do not contact them", "on").checked(p.DoNotContact).hint("Keeps them off the keep-in-touch reminders.")
}

func (s *server) renderPersonForm(w http.ResponseWriter, r *http.Request, status int, data *personFormPage, in personInput) {
	ctx := r.Context()
	sc := s.scope(r)
	opts, err := s.fieldOptions(ctx, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	checked := map[int64]bool{}
	for _, id := range in.fieldIDs {
		checked[id] = true
	}
	for _, o := range opts {
		id, _ := strconv.ParseInt(o.Value, 10, 64)
		data.Fields = append(data.Fields, fieldChoice{ID: id, Name: o.Label, Checked: checked[id]})
	}
	orgs, err := sc.Organizations(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, o := range orgs {
		data.OrgNames = append(data.OrgNames, o.Name)
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data.page = page{Nav: "people", Loc: loc, Now: s.now()}
	s.render(w, r, status, "person_form", data)
}

func (s *server) personNew(w http.ResponseWriter, r *http.Request) {
	in := personInput{p: model.Person{Source: model.Source(r.URL.Query().Get("source"))}}
	if !in.p.Source.Valid() {
		in.p.Source = ""
	}
	sc := s.scope(r)
	if id, err := strconv.ParseInt(r.URL.Query().Get("referred_by"), 10, 64); err == nil {
		if ref, err := sc.Person(r.Context(), id); err == nil {
			in.referrer = ref.Name
		}
	}
	if id, err := strconv.ParseInt(r.URL.Query().Get("field"), 10, 64); err == nil {
		in.fieldIDs = []int64{id}
	}
	f := newForm()
	s.personFields(f, in)
	s.renderPersonForm(w, r, http.StatusOK, &personFormPage{Title: "Add a person", Action: "/people", Form: f,
		Cancel: "/people", Submit: "Add person"}, in)
}

func (s *server) personEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "person")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := s.scope(r).Person(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in := personInput{p: *p}
	if p.Organization != nil {
		in.org = p.Organization.Name
	}
	if p.ReferredBy != nil {
		in.referrer = p.ReferredBy.Name
	}
	for _, f := range p.Fields {
		in.fieldIDs = append(in.fieldIDs, f.ID)
	}
	f := newForm()
	s.personFields(f, in)
	s.renderPersonForm(w, r, http.StatusOK, &personFormPage{Title: "Edit " + p.Name, Action: fmt.Sprintf("/people/%d", id),
		Form: f, Cancel: fmt.Sprintf("/people/%d", id), Submit: "Save changes"}, in)
}

// readPerson reads the person form.
func readPerson(r *http.Request) personInput {
	v := r.PostForm
	in := personInput{p: model.Person{
		Name: v.Get("name"), Role: v.Get("role"), Phone: v.Get("phone"), URL: v.Get("url"),
		Location: v.Get("location"), Source: model.Source(v.Get("source")), Commonality: v.Get("commonality"),
		Notes: strings.ReplaceAll(v.Get("notes"), "\r\n", "\n"), DoNotContact: v.Get("do_not_contact") != "",
		NamePermission: model.NamePermission(v.Get("name_permission")),
		Emails:         splitList(v.Get("emails"), ",; \n"), Tags: splitList(v.Get("tags"), ",\n"),
	}, org: strings.TrimSpace(v.Get("org")), referrer: strings.TrimSpace(v.Get("referred_by")),
		newFields: splitList(v.Get("new_fields"), ",\n")}
	for _, raw := range v["field"] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil && id > 0 {
			in.fieldIDs = append(in.fieldIDs, id)
		}
	}
	return in
}

func splitList(s, seps string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func (s *server) personCreate(w http.ResponseWriter, r *http.Request) {
	s.savePerson(w, r, 0)
}

func (s *server) personUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "person")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.savePerson(w, r, id)
}

// savePerson adds (id 0) or updates a person from the form. The
// organization, referrer and new fields named in it are created in the
// same transaction, so a refused person leaves nothing behind.
func (s *server) savePerson(w http.ResponseWriter, r *http.Request, id int64) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	sc := s.scope(r)
	ctx := r.Context()
	now := s.now()
	in := readPerson(r)
	p := in.p
	p.ID = id
	var old *model.Person
	if id != 0 {
		var err error
		if old, err = sc.Person(ctx, id); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	var added []string
	err := func() error {
		p.Normalize()
		if err := p.Validate(); err != nil {
			return err
		}
		return sc.InTx(ctx, func(tx *store.Scope) error {
			added = added[:0]
			if in.org != "" {
				if old != nil && old.Organization != nil && strings.EqualFold(old.Organization.Name, in.org) {
					p.Organization = old.Organization
				} else {
					ref, created, err := tx.EnsureOrganization(ctx, in.org, now)
					if err != nil {
						return reField("org", err)
					}
					p.Organization = &ref
					if created {
						added = append(added, "the organization "+ref.Name)
					}
				}
			}
			if in.referrer != "" {
				if old != nil && old.ReferredBy != nil && strings.EqualFold(old.ReferredBy.Name, in.referrer) {
					p.ReferredBy = old.ReferredBy
				} else if old != nil && strings.EqualFold(old.Name, in.referrer) {
					return model.Invalid("referred_by", "a person cannot be referred by themselves")
				} else {
					ref, created, err := tx.EnsurePerson(ctx, in.referrer, now)
					if err != nil {
						return reField("referred_by", err)
					}
					p.ReferredBy = &ref
					if created {
						added = append(added, ref.Name+", who referred them")
					}
				}
			}
			p.Fields = nil
			for _, fid := range in.fieldIDs {
				p.Fields = append(p.Fields, model.Ref{ID: fid})
			}
			for _, name := range in.newFields {
				ref, created, err := tx.EnsureField(ctx, name, now)
				if err != nil {
					return reField("new_fields", err)
				}
				p.Fields = append(p.Fields, ref)
				if created {
					added = append(added, "the field "+ref.Name)
				}
			}
			if id == 0 {
				return tx.CreatePerson(ctx, &p, now)
			}
			return tx.UpdatePerson(ctx, &p, now)
		})
	}()
	if err != nil {
		f := newForm()
		s.personFields(f, in)
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		data := &personFormPage{Title: "Add a person", Action: "/people", Form: f, Cancel: "/people", Submit: "Add person"}
		if id != 0 {
			data = &personFormPage{Title: "Edit " + old.Name, Action: fmt.Sprintf("/people/%d", id), Form: f,
				Cancel: fmt.Sprintf("/people/%d", id), Submit: "Save changes"}
		}
		s.renderPersonForm(w, r, http.StatusUnprocessableEntity, data, in)
		return
	}
	msg := "Added " + p.Name
	if id != 0 {
		msg = "Saved " + p.Name
	}
	if len(added) > 0 {
		msg += ", and added " + strings.Join(added, " and ")
	}
	s.redirect(w, r, fmt.Sprintf("/people/%d", p.ID), msg+".")
}

// reField files an error about a record named in a form under the form
// field that named it.
func reField(name string, err error) error {
	if es := model.AsErrors(err); len(es) > 0 {
		return model.Invalid(name, "%s", strings.TrimPrefix(es[0].Error(), es[0].Field+": "))
	}
	return err
}

func (s *server) personDeleteConfirm(w http.ResponseWriter, r *http.Request) {
	s.confirmPersonDelete(w, r, http.StatusOK, "")
}

func (s *server) confirmPersonDelete(w http.ResponseWriter, r *http.Request, status int, problem string) {
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
	convos, err := sc.Conversations(ctx, store.ConversationFilter{PersonID: id})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &confirmPage{page: page{Nav: "people", Loc: loc, Now: s.now()}, Title: "Delete " + p.Name + "?",
		Intro:   "This removes " + p.Name + " and every activity logged with them. It cannot be undone.",
		Details: []string{"People they referred you to stay; they just lose the link."},
		Action:  fmt.Sprintf("/people/%d/delete", id), Button: "Delete " + p.Name, Cancel: fmt.Sprintf("/people/%d", id)}
	if len(convos) > 0 {
		data.Check = &field{ID: "f-with-conversations", Name: "with_conversations", Label: "Also delete " + plural(len(convos), "conversation", "conversations") + " with them",
			Hint: "Without this, a person with conversations is kept.", Error: problem}
	}
	s.render(w, r, status, "confirm", data)
}

func (s *server) personDelete(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
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
	err = sc.DeletePerson(r.Context(), id, r.PostFormValue("with_conversations") != "")
	var has *store.ErrHasConversations
	if errors.As(err, &has) {
		s.confirmPersonDelete(w, r, http.StatusConflict, "They have "+plural(has.Count, "conversation", "conversations")+": tick this box to delete them too, or keep the person.")
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, "/people", "Deleted "+p.Name+".")
}

// activityLabel is an activity kind or a lifecycle step in plain words.
func activityLabel(kind string, step model.State) string {
	switch model.ActivityKind(kind) {
	case model.ActEmailSent:
		return "Email sent"
	case model.ActReplyReceived:
		return "Reply received"
	case model.ActCall:
		return "Call"
	case model.ActMeeting:
		return "Meeting"
	case model.ActNote:
		return "Note"
	case model.ActArticleShared:
		return "Article shared"
	case model.ActUpdateSent:
		return "Update sent"
	case model.ActThankYouSent:
		return "Thank-you sent"
	}
	if kind == "step" {
		return "Conversation " + step.Label()
	}
	return kind
}
