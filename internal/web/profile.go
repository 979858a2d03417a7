package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/ally-dev/ally/internal/model"
)

// profilePage is the editor of one's own profiles: the student's, the
// volunteer's, or both, as the account's roles say.
type profilePage struct {
	page
	Form        *form
	Student     bool
	Volunteer   bool
	Channels    []*field // the volunteer's channel boxes, in order
	TimeZone    string   // the account's time zone, set on the settings page
	VolunteerID int64    // the volunteer's page in the directory, once saved
	HasPhoto    bool     // the volunteer has a directory photo
	PhotoError  string   // what was wrong with the photo just uploaded
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func listText(items []string) string { return strings.Join(items, ", ") }

// profileForm fills the editor from the stored profiles, or from what was
// posted (values) when saving failed. Student fields start with s_, the
// volunteer's with v_, as both may be on one page.
func profileForm(sp model.StudentProfile, vp model.VolunteerProfile, vc model.VolunteerContact, values map[string][]string) (*form, []*field) {
	f := newForm()
	get := func(name, stored string) string {
		if values != nil {
			return strings.Join(values[name], "")
		}
		return stored
	}
	list := "Several with commas."
	f.add("s_class_year", "Class year", get("s_class_year", yearText(sp.ClassYear))).kind("number").hint("The year you graduate, like 2027.")
	f.add("s_degree", "Degree", get("s_degree", sp.Degree)).hint("Like BA or BS.")
	f.add("s_majors", "Majors", get("s_majors", listText(sp.Majors))).hint(list)
	f.add("s_home_town", "Home town", get("s_home_town", sp.HomeTown))
	f.add("s_clubs", "Clubs and associations", get("s_clubs", listText(sp.Clubs))).hint(list)
	f.add("s_past_employers", "Where you have worked", get("s_past_employers", listText(sp.PastEmployers))).hint("Jobs, internships, summer work. " + list)
	f.add("s_interests", "Fields you are curious about", get("s_interests", listText(sp.Interests))).hint(list)

	f.add("v_display_name", "Name shown to students", get("v_display_name", vp.DisplayName)).required().auto("name")
	f.add("v_grad_year", "Graduation year", get("v_grad_year", yearText(vp.GradYear))).kind("number")
	f.add("v_degree", "Degree", get("v_degree", vp.Degree))
	f.add("v_majors", "Majors", get("v_majors", listText(vp.Majors))).hint(list)
	f.add("v_employer", "Employer", get("v_employer", vp.Employer)).auto("organization")
	f.add("v_title", "Role", get("v_title", vp.Title)).auto("organization-title")
	f.add("v_fields", "Career fields", get("v_fields", listText(vp.Fields))).hint("What students find you by. " + list)
	f.add("v_city", "City", get("v_city", vp.City)).auto("address-level2")
	f.add("v_country", "Country", get("v_country", vp.Country)).auto("country-name")
	f.add("v_industries", "Industries", get("v_industries", listText(vp.Industries))).hint(list)
	f.add("v_ask_me_about", "Ask me about", get("v_ask_me_about", vp.AskMeAbout)).rows(3).hint("What you are glad to talk about.")
	f.add("v_languages", "Languages", get("v_languages", listText(vp.Languages))).hint(list)
	var chans []*field
	for _, c := range model.Channels() {
		name := "v_channel_" + string(c)
		on := strings.Contains(","+joinChannels(vp.Channels)+",", ","+string(c)+",")
		if values != nil {
			on = len(values[name]) > 0
		}
		chans = append(chans, f.add(name, c.Label(), "on").checked(on))
	}
	f.add("v_monthly_capacity", "Conversations a month", get("v_monthly_capacity", strconv.Itoa(vp.MonthlyCapacity))).kind("number").
		hint("The most you want to hold in a month. Students see when you have room.")
	paused := ""
	if vp.PausedUntil != nil {
		paused = vp.PausedUntil.Format("2006-01-02")
	}
	f.add("v_paused_until", "Paused until", get("v_paused_until", paused)).kind("date").
		hint("No new requests before this day. Leave it empty to take requests.")
	f.add("v_bio", "Short bio", get("v_bio", vp.Bio)).rows(4)
	f.add("v_home_town", "Home town", get("v_home_town", vp.HomeTown)).hint("Students from the same place see it in common.")
	f.add("v_clubs", "Clubs and associations you were in", get("v_clubs", listText(vp.Clubs))).hint(list)
	f.add("v_past_employers", "Earlier employers", get("v_past_employers", listText(vp.PastEmployers))).hint(list)
	f.add("v_phone", "Phone", get("v_phone", vc.Phone)).kind("tel").auto("tel")
	f.add("v_linkedin", "LinkedIn", get("v_linkedin", vc.LinkedIn)).kind("url").auto("url")
	return f, chans
}

func joinChannels(cs []model.Channel) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = string(c)
	}
	return strings.Join(parts, ",")
}

// loadProfiles reads the signed-in user's account and profiles.
func (s *server) loadProfiles(r *http.Request) (model.Account, model.StudentProfile, model.VolunteerProfile, model.VolunteerContact, error) {
	ctx := r.Context()
	var sp model.StudentProfile
	var vp model.VolunteerProfile
	var vc model.VolunteerContact
	acct, err := s.Store.Account(ctx, s.ownerOf(r))
	if err == nil {
		sp, _, err = s.Store.StudentProfile(ctx, acct.ID)
	}
	if err == nil {
		var found bool
		vp, found, err = s.Store.VolunteerProfile(ctx, acct.ID)
		if !found {
			vp.DisplayName = acct.Name
		}
	}
	if err == nil {
		vc, err = s.Store.VolunteerContact(ctx, acct.ID)
	}
	return acct, sp, vp, vc, err
}

func (s *server) renderProfile(w http.ResponseWriter, r *http.Request, status int, acct model.Account, f *form, chans []*field, saved bool) {
	hasPhoto := false
	if saved && acct.Has(model.RoleVolunteer) {
		vp, _, err := s.Store.VolunteerProfile(r.Context(), acct.ID)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		hasPhoto = vp.HasPhoto
	}
	s.renderProfilePage(w, r, status, acct, f, chans, saved, hasPhoto, "")
}

func (s *server) renderProfilePage(w http.ResponseWriter, r *http.Request, status int, acct model.Account, f *form, chans []*field,
	saved, hasPhoto bool, photoError string) {
	st, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &profilePage{page: s.newPage("profile", loc), Form: f, Channels: chans, Student: acct.Has(model.RoleStudent),
		Volunteer: acct.Has(model.RoleVolunteer), TimeZone: st.TimeZone, HasPhoto: hasPhoto, PhotoError: photoError}
	if data.Volunteer && saved {
		data.VolunteerID = acct.ID
	}
	s.render(w, r, status, "profile", data)
}

// profileShow serves GET /profile to students and volunteers.
func (s *server) profileShow(w http.ResponseWriter, r *http.Request) {
	acct, sp, vp, vc, err := s.loadProfiles(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, chans := profileForm(sp, vp, vc, nil)
	s.renderProfile(w, r, http.StatusOK, acct, f, chans, !vp.UpdatedAt.IsZero())
}

// profileSave serves POST /profile: the parts of the form the account's
// roles have are saved, each all or nothing; on a mistake the form comes
// back as typed with the problem next to its field.
func (s *server) profileSave(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	acct, sp, vp, _, err := s.loadProfiles(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pf := r.PostForm
	f, chans := profileForm(sp, vp, model.VolunteerContact{}, pf)
	year := func(name string) int {
		y, err := model.ParseYear(name, pf.Get(name))
		if err != nil {
			f.invalid(name, err.(*model.FieldError).Message)
		}
		return y
	}
	split := func(name string) []string { return model.SplitList(pf.Get(name)) }
	var student *model.StudentProfile
	if acct.Has(model.RoleStudent) {
		student = &model.StudentProfile{AccountID: acct.ID, ClassYear: year("s_class_year"), Degree: pf.Get("s_degree"),
			Majors: split("s_majors"), HomeTown: pf.Get("s_home_town"), Clubs: split("s_clubs"),
			PastEmployers: split("s_past_employers"), Interests: split("s_interests")}
		if err := student.Validate(); err != nil {
			spread(f, err, "s_")
		}
	}
	var volunteer *model.VolunteerProfile
	var contact *model.VolunteerContact
	if acct.Has(model.RoleVolunteer) {
		volunteer = &model.VolunteerProfile{AccountID: acct.ID, DisplayName: pf.Get("v_display_name"), GradYear: year("v_grad_year"),
			Degree: pf.Get("v_degree"), Majors: split("v_majors"), Employer: pf.Get("v_employer"), Title: pf.Get("v_title"),
			Fields: split("v_fields"), City: pf.Get("v_city"), Country: pf.Get("v_country"), Industries: split("v_industries"),
			AskMeAbout: pf.Get("v_ask_me_about"), Languages: split("v_languages"), Bio: pf.Get("v_bio"),
			HomeTown: pf.Get("v_home_town"), Clubs: split("v_clubs"), PastEmployers: split("v_past_employers"),
			MonthlyCapacity: f.intValue("v_monthly_capacity", model.DefaultCapacity)}
		for _, c := range model.Channels() {
			if pf.Get("v_channel_"+string(c)) != "" {
				volunteer.Channels = append(volunteer.Channels, c)
			}
		}
		d, err := model.ParseDate("v_paused_until", pf.Get("v_paused_until"))
		if err != nil {
			f.invalid("v_paused_until", err.(*model.FieldError).Message)
		}
		volunteer.PausedUntil = d
		contact = &model.VolunteerContact{Phone: pf.Get("v_phone"), LinkedIn: pf.Get("v_linkedin")}
		if err := volunteer.Validate(); err != nil {
			spread(f, err, "v_")
		}
		if err := contact.Validate(); err != nil {
			spread(f, err, "v_")
		}
	}
	if !f.ok() {
		s.renderProfile(w, r, http.StatusUnprocessableEntity, acct, f, chans, false)
		return
	}
	ctx := r.Context()
	if student != nil {
		if err := s.Store.SaveStudentProfile(ctx, student, s.now()); err != nil {
			s.profileFailed(w, r, acct, f, chans, err, "s_")
			return
		}
	}
	if volunteer != nil {
		if err := s.Store.SaveVolunteerProfile(ctx, volunteer, contact, s.now()); err != nil {
			s.profileFailed(w, r, acct, f, chans, err, "v_")
			return
		}
	}
	s.redirect(w, r, "/profile", "Saved your profile.")
}

func (s *server) profileFailed(w http.ResponseWriter, r *http.Request, acct model.Account, f *form, chans []*field, err error, prefix string) {
	if model.AsErrors(err) == nil {
		s.pageError(w, r, err)
		return
	}
	spread(f, err, prefix)
	f.collect()
	s.renderProfile(w, r, http.StatusUnprocessableEntity, acct, f, chans, false)
}

// spread puts a profile's field errors next to its fields, whose names
// carry prefix.
func spread(f *form, err error, prefix string) {
	for _, e := range model.AsErrors(err) {
		name := prefix + e.Field
		if e.Field == "channels" {
			name = prefix + "channel_" + string(model.Channels()[0])
		}
		f.invalid(name, e.Message)
	}
}
