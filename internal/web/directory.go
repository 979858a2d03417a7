package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// directoryQuery reads a directory search from the URL's query. A filter
// that cannot be read is reported against its name and left out.
func directoryQuery(r *http.Request) (model.DirectoryQuery, model.Errors) {
	v := r.URL.Query()
	q := model.DirectoryQuery{Text: v.Get("q"), Field: v.Get("field"), Employer: v.Get("employer"), Role: v.Get("role"),
		Location: v.Get("location"), Major: v.Get("major"), Available: v.Get("available") != ""}
	var es model.Errors
	if y, err := model.ParseYear("grad_year", v.Get("grad_year")); err != nil {
		es = append(es, model.AsErrors(err)...)
	} else {
		q.GradYear = y
	}
	if c := strings.TrimSpace(v.Get("channel")); c != "" {
		if ch, err := model.ParseChannel(c); err != nil {
			es = append(es, &model.FieldError{Field: "channel", Message: err.(*model.FieldError).Message})
		} else {
			q.Channel = ch
		}
	}
	for _, p := range []struct {
		name string
		to   *int
		max  int
	}{{"page", &q.Page, 100000}, {"per_page", &q.PerPage, model.MaxPerPage}} {
		raw := strings.TrimSpace(v.Get(p.name))
		if raw == "" {
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > p.max {
			es = append(es, &model.FieldError{Field: p.name, Message: "must be a number from 1 to " + strconv.Itoa(p.max)})
			continue
		}
		*p.to = n
	}
	q.Normalize()
	return q, es
}

// viewerProfile is the signed-in user's student profile: what the
// directory finds in common with volunteers (empty for an advisor).
func (s *server) viewerProfile(r *http.Request) (model.StudentProfile, error) {
	p, _, err := s.Store.StudentProfile(r.Context(), s.ownerOf(r))
	return p, err
}

// apiDirectory serves GET /api/v1/directory: the same page of cards and
// facets, with the same keys, as `ally directory --json`.
func (s *server) apiDirectory(r *http.Request, _ *store.Scope) (int, any, error) {
	q, es := directoryQuery(r)
	if len(es) > 0 {
		return 0, nil, es
	}
	student, err := s.viewerProfile(r)
	if err != nil {
		return 0, nil, err
	}
	page, err := s.Store.Directory(r.Context(), q, student, s.now())
	return http.StatusOK, page, err
}

// directoryPage is the directory: the search form, its facets and a page
// of cards.
type directoryPage struct {
	page
	Form      *form
	Query     model.DirectoryQuery
	Result    model.DirectoryPage
	Pager     pager
	Filtered  bool   // some filter or words are set
	NoProfile bool   // a student without a profile: nothing can be in common yet
	Base      string // the search's address without page, for the facet links
}

// FacetURL is the search's address with one more filter (name=value) and
// from the first page.
func (d *directoryPage) FacetURL(name, value string) string {
	u, _ := url.Parse(d.Base)
	q := u.Query()
	q.Set(name, value)
	q.Del("page")
	return "/directory?" + q.Encode()
}

func directoryForm(r *http.Request) *form {
	v := r.URL.Query()
	f := newForm()
	f.add("q", "Words", v.Get("q")).kind("search").hint("In names, employers, roles, bios and “ask me about”.").auto("off")
	f.add("field", "Career field", v.Get("field")).auto("off")
	f.add("employer", "Employer", v.Get("employer")).auto("off")
	f.add("role", "Role", v.Get("role")).auto("off")
	f.add("location", "City or country", v.Get("location")).auto("off")
	f.add("major", "Major", v.Get("major")).auto("off")
	f.add("grad_year", "Graduation year", v.Get("grad_year")).auto("off")
	opts := []option{{"", "Any way"}}
	for _, c := range model.Channels() {
		opts = append(opts, option{string(c), c.Label()})
	}
	f.add("channel", "Talks by", v.Get("channel")).options(opts)
	f.add("available", "Only those with room this month", "on").checked(v.Get("available") != "")
	return f
}

// directoryShow serves GET /directory to students and advisors.
func (s *server) directoryShow(w http.ResponseWriter, r *http.Request) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	q, es := directoryQuery(r)
	f := directoryForm(r)
	for _, e := range es {
		f.invalid(e.Field, e.Message)
	}
	f.collect()
	student, found, err := s.Store.StudentProfile(r.Context(), s.ownerOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	res, err := s.Store.Directory(r.Context(), q, student, s.now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	acct, err := s.account(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &directoryPage{page: s.newPage("directory", loc), Form: f, Query: q, Result: res, Base: r.URL.RequestURI(),
		NoProfile: !found && acct.Has(model.RoleStudent)}
	data.Pager = newPager(r, res.Total, q.PerPage)
	data.Filtered = q.Text != "" || q.Field != "" || q.Employer != "" || q.Role != "" || q.Location != "" || q.Major != "" ||
		q.GradYear != 0 || q.Channel != "" || q.Available
	status := http.StatusOK
	if len(es) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "directory", data)
}

// volunteerPage is one volunteer's page.
type volunteerPage struct {
	page
	Card   model.DirectoryCard
	Full   *model.VolunteerProfile // for those who read profiles in full (advisors)
	CanAsk bool                    // the viewer is a student: requests will start here
	Self   bool                    // the viewer is this volunteer
}

// volunteerShow serves GET /directory/{id}: a volunteer's card in full,
// without contact details.
func (s *server) volunteerShow(w http.ResponseWriter, r *http.Request) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "volunteer")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	student, err := s.viewerProfile(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	card, found, err := s.Store.DirectoryCard(r.Context(), id, student, s.now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !found {
		s.pageError(w, r, &store.NotFoundError{Kind: "volunteer", Key: strconv.FormatInt(id, 10)})
		return
	}
	acct, err := s.account(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &volunteerPage{page: s.newPage("directory", loc), Card: card, CanAsk: acct.Has(model.RoleStudent), Self: acct.ID == id}
	if may(acct, actReadProfiles) {
		full, _, err := s.Store.VolunteerProfile(r.Context(), id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		data.Full = &full
	}
	s.render(w, r, http.StatusOK, "volunteer", data)
}

// activeText says when a volunteer last signed in, in words, so that
// students do not write to someone who has gone quiet.
func activeText(last *time.Time, now time.Time) string {
	if last == nil {
		return "Has not signed in yet"
	}
	days := int(now.Sub(*last).Hours() / 24)
	switch {
	case days < 1:
		return "Active today"
	case days < 2:
		return "Active yesterday"
	case days < 45:
		return "Active " + strconv.Itoa(days) + " days ago"
	case days < 365:
		return "Active " + strconv.Itoa(days/30) + " months ago"
	}
	return "Last active over a year ago"
}
