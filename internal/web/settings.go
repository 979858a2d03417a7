package web

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
)

type settingsPage struct {
	page
	Form    *form
	Machine string   // the machine's zone, used when none is set
	Feed    feedView // the calendar feed (export_page.go)
	Center  bool     // a center's account: its own data and deletion (account_data.go)
}

// settingsTimings are the method's numbers, in the order the page shows
// them, with the names Settings.Validate uses.
var settingsTimings = []struct {
	name, label, hint string
	get               func(*method.Settings) *int
}{
	{"contact_another_business_days", "Ask someone else after (business days)", "No reply yet: reach out to another person in the same field, in parallel.", func(s *method.Settings) *int { return &s.ContactAnotherBusinessDays }},
	{"follow_up_business_days", "Follow up after (business days)", "One polite follow-up when a request has no answer.", func(s *method.Settings) *int { return &s.FollowUpBusinessDays }},
	{"no_reply_business_days", "Close as no reply after (business days)", "Counted from the follow-up.", func(s *method.Settings) *int { return &s.NoReplyBusinessDays }},
	{"confirm_hours", "Confirm before the meeting (hours)", "", func(s *method.Settings) *int { return &s.ConfirmHours }},
	{"prepare_hours", "Prepare before the meeting (hours)", "", func(s *method.Settings) *int { return &s.PrepareHours }},
	{"write_notes_hours", "Write notes within (hours after)", "", func(s *method.Settings) *int { return &s.WriteNotesHours }},
	{"thank_hours", "Send the thank-you within (hours after)", "", func(s *method.Settings) *int { return &s.ThankHours }},
	{"report_back_days", "Tell the referrer within (days after)", "", func(s *method.Settings) *int { return &s.ReportBackDays }},
	{"keep_in_touch_days", "Keep in touch every (days)", "Counted from your last touch of any kind.", func(s *method.Settings) *int { return &s.KeepInTouchDays }},
	{"feeler_days", "Feeler note no sooner than (days after the thank-you)", "Only for a field you mark as one you pursue.", func(s *method.Settings) *int { return &s.FeelerDays }},
	{"target_perspectives", "Perspectives per field", "The target of a new field; one or two conversations can mislead.", func(s *method.Settings) *int { return &s.TargetPerspectives }},
}

func settingsForm(st *method.Settings, values map[string]string) *form {
	f := newForm()
	get := func(name, stored string) string {
		if v, ok := values[name]; ok {
			return v
		}
		return stored
	}
	f.add("user_name", "Your name", get("user_name", st.UserName)).auto("name")
	f.add("school", "School or program", get("school", st.School)).auto("organization")
	f.add("year", "Year", get("year", st.Year)).hint("Like “senior” or “class of 2027”.").auto("off")
	f.add("intro", "Your ten-second introduction", get("intro", st.Intro)).rows(3).hint("One or two sentences, about ten seconds aloud: what you study or do now, and what about the field makes you curious. Your name, school and year are added before it unless you start with “I'm…”. Requests and guides start with it.")
	f.add("time_zone", "Time zone", get("time_zone", st.TimeZone)).auto("off").hint("An IANA name such as America/New_York. Business days and due times count in it.")
	for _, t := range settingsTimings {
		fl := f.add(t.name, t.label, get(t.name, strconv.Itoa(*t.get(st)))).kind("number")
		if t.hint != "" {
			fl.hint(t.hint)
		}
	}
	var tags []string
	for tag, d := range st.KeepInTouchByTag {
		tags = append(tags, fmt.Sprintf("%s = %d", tag, d))
	}
	sort.Strings(tags)
	f.add("keep_in_touch_by_tag", "Keep in touch by tag", get("keep_in_touch_by_tag", strings.Join(tags, "\n"))).rows(3).
		hint("One a line, like “mentor = 30”: people with that tag get their own interval in days.")
	smtpFields(f, st, values)
	return f
}

func (s *server) settingsShow(w http.ResponseWriter, r *http.Request) {
	st, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	feed, err := s.calendarFeedView(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "settings", &settingsPage{page: s.newPage("settings", loc), Form: settingsForm(&st, nil), Machine: time.Local.String(), Feed: feed, Center: s.center})
}

func (s *server) settingsSave(w http.ResponseWriter, r *http.Request) {
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
	values := map[string]string{}
	for k := range r.PostForm {
		values[k] = r.PostForm.Get(k)
	}
	f := settingsForm(&st, values)
	// The form applies to the settings as they are in the transaction that
	// saves them: a concurrent change of a setting the form does not show
	// holds, and the owner's actions are derived again once.
	_, err = sc.UpdateSettings(r.Context(), func(st *method.Settings) error {
		readSettingsForm(f, st, values)
		if !f.ok() {
			return errFormInvalid
		}
		return nil
	})
	if err == nil {
		s.redirect(w, r, "/settings", "Saved your settings.")
		return
	}
	if !errors.Is(err, errFormInvalid) {
		// Settings.Validate says "name: what is wrong" in a plain error.
		name, msg, found := strings.Cut(err.Error(), ": ")
		if !found || f.F[name] == nil {
			s.pageError(w, r, err)
			return
		}
		f.invalid(name, msg)
		f.collect()
	}
	feed, err := s.calendarFeedView(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusUnprocessableEntity, "settings", &settingsPage{page: s.newPage("settings", loc), Form: f, Machine: time.Local.String(), Feed: feed, Center: s.center})
}

// errFormInvalid stops a settings change whose form has mistakes.
var errFormInvalid = errors.New("the settings form has mistakes")

// readSettingsForm sets the settings the form shows from its values,
// noting in f what cannot be read.
func readSettingsForm(f *form, st *method.Settings, values map[string]string) {
	st.UserName = strings.TrimSpace(values["user_name"])
	st.School = strings.TrimSpace(values["school"])
	st.Year = strings.TrimSpace(values["year"])
	st.Intro = strings.TrimSpace(strings.ReplaceAll(values["intro"], "\r\n", "\n"))
	st.TimeZone = strings.TrimSpace(values["time_zone"])
	for _, t := range settingsTimings {
		p := t.get(st)
		*p = f.intValue(t.name, *p)
	}
	byTag := map[string]int{}
	for _, line := range strings.Split(values["keep_in_touch_by_tag"], "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		tag, days, ok := strings.Cut(line, "=")
		n, err := strconv.Atoi(strings.TrimSpace(days))
		if !ok || err != nil || strings.TrimSpace(tag) == "" {
			f.invalid("keep_in_touch_by_tag", fmt.Sprintf("cannot read %q; write a tag, an equals sign and a number of days, like mentor = 30", strings.TrimSpace(line)))
			break
		}
		byTag[strings.ToLower(strings.TrimSpace(tag))] = n
	}
	st.KeepInTouchByTag = byTag
	if len(byTag) == 0 {
		st.KeepInTouchByTag = nil
	}
	readSMTP(f, st, values)
}
