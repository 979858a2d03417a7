package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
)

// The request composer: a student writes to a volunteer from their card.
// The message goes through the same etiquette checker, and the same
// findings panel, as the personal composer (compose.go): htmx posts the
// form to …/request/check as the student types; without JavaScript the
// Check button does the same with a whole page. An error finding stops
// the request unless the student says why the checker is wrong here: it
// then goes out flagged for an advisor.

// requestFormPage is the data of request_form.html.
type requestFormPage struct {
	page
	Card  model.DirectoryCard
	Path  string // /directory/{id}/request
	Form  *form
	Times []*field // the proposed times, in the student's zone
	Check checkView
	// Refusal is a limit's plain message (center.Refusal) and Rule its
	// name; Next says where to go instead.
	Refusal, Rule string
	Next          []link
	ZoneName      string // the student's time zone, for the times' hint
}

// link is a labelled address.
type link struct{ Href, Label string }

const proposedSlots = 3

// requestCard reads the volunteer of the address as the student sees them
// in the directory.
func (s *server) requestCard(r *http.Request) (model.DirectoryCard, error) {
	id, err := pathID(r, "volunteer")
	if err != nil {
		return model.DirectoryCard{}, err
	}
	student, err := s.viewerProfile(r)
	if err != nil {
		return model.DirectoryCard{}, err
	}
	card, found, err := s.Store.DirectoryCard(r.Context(), id, student, s.now())
	if err == nil && !found {
		err = &store.NotFoundError{Kind: "volunteer", Key: strconv.FormatInt(id, 10)}
	}
	return card, err
}

// requestForm is the composer's form, filled from values (a posted form,
// or nothing for a new request).
func requestForm(card model.DirectoryCard, set center.Settings, get func(string) string) *form {
	f := newForm()
	field := get("field")
	if field == "" && len(card.Fields) > 0 {
		field = card.Fields[0]
	}
	fl := f.add("field", "Career field", field).required().auto("off")
	if len(card.Fields) > 0 {
		var opts []option
		for _, x := range card.Fields {
			opts = append(opts, option{x, x})
		}
		if !containsOption(opts, field) && field != "" {
			opts = append(opts, option{field, field})
		}
		fl.options(opts)
	}
	f.add("purpose", "What you hope to learn", get("purpose")).auto("off").
		hint("In a line, such as “what a first year in urban planning is like”.")
	f.add("message", "Your message", get("message")).required().rows(10).
		hint("About a hundred words: who you are, what you share with them, what you would like to ask, and the time you ask for.")
	minutes := get("minutes")
	if minutes == "" {
		minutes = "20"
	}
	var mins []option
	for _, m := range set.Minutes {
		mins = append(mins, option{strconv.Itoa(m), strconv.Itoa(m) + " minutes"})
	}
	f.add("minutes", "How long", minutes).options(mins)
	channels := card.Channels
	if len(channels) == 0 {
		channels = model.Channels()
	}
	var chOpts []option
	for _, c := range channels {
		chOpts = append(chOpts, option{string(c), sentence(c.Label())})
	}
	ch := get("channel")
	if ch == "" {
		ch = string(channels[0])
	}
	f.add("channel", "How you would talk", ch).options(chOpts)
	f.add("convenience", "At their convenience: I propose no time", "on").checked(get("convenience") != "")
	f.add("override", "The checker is wrong here", "on").checked(get("override") != "")
	f.add("override_why", "Why, in a word", get("override_why")).auto("off").
		hint("Your request then goes out, and an advisor reads it.")
	return f
}

func containsOption(opts []option, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

// timeFields are the proposed times' inputs.
func timeFields(get func(string) string) []*field {
	out := make([]*field, proposedSlots)
	for i := range out {
		name := "time" + strconv.Itoa(i+1)
		out[i] = &field{ID: "f-" + name, Name: name, Label: "Time " + strconv.Itoa(i+1), Value: get(name), Type: "datetime-local"}
	}
	return out
}

// requestCheck runs the etiquette checker on the message, as the
// personal composer does.
func requestCheck(card model.DirectoryCard, f *form, path string) (checkView, []etiquette.Finding) {
	msg := strings.TrimSpace(strings.ReplaceAll(f.F["message"].Value, "\r\n", "\n"))
	if msg == "" {
		return checkView{ComposePath: path}, nil
	}
	if len(msg) > maxComposeBytes {
		return checkView{ComposePath: path, Problem: fmt.Sprintf("The message is longer than %d characters, too long to check or send; a request is about a hundred words.", maxComposeBytes)}, nil
	}
	common := ""
	if len(card.InCommon) > 0 {
		common = card.InCommon[0].Label
	}
	minutes, _ := strconv.Atoi(f.F["minutes"].Value)
	d := &outreach.Draft{Channel: etiquette.Social, Context: center.CheckContext(card.Name, common, minutes)}
	d.Recheck("", msg)
	return checkOf(d, path), d.Findings
}

func (s *server) requestFormData(r *http.Request, card model.DirectoryCard, set center.Settings, get func(string) string) (*requestFormPage, error) {
	loc, err := s.Store.AccountTimeZone(r.Context(), s.ownerOf(r))
	if err != nil {
		return nil, err
	}
	p := &requestFormPage{page: s.newPage("directory", loc), Card: card, Path: fmt.Sprintf("/directory/%d/request", card.ID),
		Form: requestForm(card, set, get), Times: timeFields(get), ZoneName: loc.String()}
	p.Check, _ = requestCheck(card, p.Form, p.Path)
	return p, nil
}

// requestNew serves GET /directory/{id}/request: the composer.
func (s *server) requestNew(w http.ResponseWriter, r *http.Request) {
	card, err := s.requestCard(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data, err := s.requestFormData(r, card, set, r.URL.Query().Get)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "request_form", data)
}

// requestPosted reads the posted composer and draws it again, checked.
func (s *server) requestPosted(w http.ResponseWriter, r *http.Request) (*requestFormPage, center.Settings, bool) {
	var set center.Settings
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return nil, set, false
	}
	card, err := s.requestCard(r)
	if err == nil {
		set, err = s.Store.CenterRules(r.Context())
	}
	var data *requestFormPage
	if err == nil {
		data, err = s.requestFormData(r, card, set, r.PostForm.Get)
	}
	if err != nil {
		s.pageError(w, r, err)
		return nil, set, false
	}
	return data, set, true
}

// requestCheckPost serves POST /directory/{id}/request/check: the
// checker's findings for htmx, or the whole composer.
func (s *server) requestCheckPost(w http.ResponseWriter, r *http.Request) {
	data, _, ok := s.requestPosted(w, r)
	if !ok {
		return
	}
	w.Header().Add("Vary", "HX-Request")
	if isPartial(r) {
		s.renderPart(w, r, "request_form", "request-check-update", data)
		return
	}
	s.render(w, r, http.StatusOK, "request_form", data)
}

// requestSend serves POST /directory/{id}/request: the request goes out,
// or the composer comes back with what the student typed and why not.
func (s *server) requestSend(w http.ResponseWriter, r *http.Request) {
	data, set, ok := s.requestPosted(w, r)
	if !ok {
		return
	}
	now, f := s.now(), data.Form
	d := center.Draft{StudentID: s.ownerOf(r), VolunteerID: data.Card.ID, Field: f.F["field"].Value, Purpose: f.F["purpose"].Value,
		Message: strings.ReplaceAll(f.F["message"].Value, "\r\n", "\n"), Channel: f.F["channel"].Value}
	d.Minutes = f.intValue("minutes", 0)
	if !f.F["convenience"].Checked {
		for _, t := range data.Times {
			if strings.TrimSpace(t.Value) == "" {
				continue
			}
			at, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(t.Value), data.Loc)
			if err != nil {
				t.Error = sentence(fmt.Sprintf("%s: %q is not a date and time; use the picker, or write it as 2026-03-05T14:30", t.Label, t.Value))
				t.Type = "text"
				continue
			}
			d.ProposedTimes = append(d.ProposedTimes, at)
		}
	}
	if f.F["override"].Checked {
		d.Override = f.F["override_why"].Value
		if strings.TrimSpace(d.Override) == "" {
			f.invalid("override_why", "say in a word why the checker is wrong here, or untick the box and change the message")
		}
	}
	_, findings := requestCheck(data.Card, f, data.Path)
	if data.Check.Problem != "" {
		f.invalid("message", data.Check.Problem)
	}
	if !f.ok() || timesInvalid(data.Times) {
		s.render(w, r, http.StatusUnprocessableEntity, "request_form", data)
		return
	}
	req, err := s.Store.SendRequest(r.Context(), set, d, findings, now)
	if err != nil {
		s.requestRefused(w, r, data, err)
		return
	}
	msg := "Your request went to " + data.Card.Name + "; they have " + strconv.Itoa(set.ExpiryDays) + " days to answer."
	if req.Flagged {
		msg += " As you said the checker was wrong, an advisor will read it too."
	}
	s.redirect(w, r, fmt.Sprintf("/requests/%d", req.ID), msg)
}

func timesInvalid(fs []*field) bool {
	for _, t := range fs {
		if t.Error != "" {
			return true
		}
	}
	return false
}

// requestRefused shows the composer again with why the request did not
// go: a field that is wrong, or a limit that protects the volunteer with
// what to do instead.
func (s *server) requestRefused(w http.ResponseWriter, r *http.Request, data *requestFormPage, err error) {
	var ref *center.Refusal
	switch {
	case errors.As(err, &ref):
		data.Refusal, data.Rule = ref.Message, string(ref.Rule)
		data.Next = refusalNext(ref.Rule, data.Form.F["field"].Value)
		s.render(w, r, http.StatusConflict, "request_form", data)
	case model.AsErrors(err) != nil:
		for _, e := range model.AsErrors(err) {
			if e.Field == "proposed_times" {
				for _, t := range data.Times {
					if t.Value != "" && t.Error == "" {
						t.Error = sentence(e.Message)
						break
					}
				}
				continue
			}
			data.Form.invalid(e.Field, e.Message)
		}
		data.Form.collect()
		s.render(w, r, http.StatusUnprocessableEntity, "request_form", data)
	default:
		s.pageError(w, r, err)
	}
}

// refusalNext is where a student refused by a limit may go instead.
func refusalNext(rule center.Rule, field string) []link {
	switch rule {
	case center.RulePendingLimit, center.RuleOnePerVolunteer:
		return []link{{"/requests", "See your requests"}}
	case center.RuleCapacity, center.RuleFull, center.RulePaused, center.RuleReported:
		return []link{{"/directory?available=on&field=" + url.QueryEscape(field), "Volunteers in this field with room now"}}
	}
	return nil
}
