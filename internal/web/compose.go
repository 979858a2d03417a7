package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ally-dev/ally/internal/mailer"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
)

// The composer: the message a person's stage calls for, filled from a
// template, checked by the etiquette checker as the user types (htmx posts
// the form to …/compose/check and swaps the findings in; without
// JavaScript the Check button does the same with a whole page), opened in
// the user's mail app, marked as sent, or sent by SMTP.

// maxComposeBytes bounds the text the checker reads: a request is about a
// hundred words, and a longer text would only make the check slow.
const maxComposeBytes = 50_000

// findingView is one finding as the composer lists it.
type findingView struct {
	Rule    string
	Label   string // the rule in a few words
	Error   bool
	Message string // the problem and the fix
	Where   string // "In the subject", "Line 3", "The whole message"
	Words   string // the words concerned, "" for the whole message
}

// checkView is what the checker says about a text: the part of the page
// htmx redraws as the user types.
type checkView struct {
	Findings    []findingView
	Errors      int
	Warnings    int
	Highlighted template.HTML // the text with the words concerned in <mark>
	Mailto      string
	Checked     bool   // a text was checked (false with no draft)
	Problem     string // the text could not be checked
	Summary     string
	ComposePath string
}

// composePage is the data of compose.html.
type composePage struct {
	page
	Path       string // /people/{id}/compose
	PersonID   int64
	PersonName string
	ConvoID    int64
	ConvoState string
	Draft      *outreach.Draft // nil when nothing could be drafted
	KindLabel  string
	Notes      []string // what Ally decided that the user may want to know
	NoName     bool     // the user's name is not set: drafts go unsigned
	// Referrer and NameAnswer: who suggested the person and their answer
	// to "may I use your name?", shown beside the draft.
	Referrer    string
	NameAnswer  string
	To          string
	Subject     *field
	Body        *field
	Channel     *field
	At          *field
	Check       checkView
	Templates   []templateGroup
	TemplateID  string // the template the draft came from
	Learned     string
	Article     string
	AdviceTaken string
	Problem     string // the page's: no message for the stage, do not contact…
	SendProblem string // next to the buttons: an illegal step, a failed send
	SMTP        bool   // an SMTP server is set in settings
	Effect      string // what marking it as sent does
	PlanURL     string // set when a conversation must be planned first
}

// templateGroup is the templates of one kind, for the chooser.
type templateGroup struct {
	Label   string
	Options []option
}

// composeInput is what a request asks the composer for: a GET's query or
// a POST's form.
type composeInput struct {
	personID int64
	convoID  int64
	req      outreach.Request
	subject  string
	body     string
	at       string
	posted   bool
}

func readComposeInput(r *http.Request, posted bool) (composeInput, error) {
	in := composeInput{posted: posted}
	id, err := pathID(r, "person")
	if err != nil {
		return in, err
	}
	in.personID = id
	v := r.URL.Query()
	if posted {
		v = r.PostForm
	}
	if raw := strings.TrimSpace(v.Get("convo")); raw != "" {
		if in.convoID, err = strconv.ParseInt(raw, 10, 64); err != nil || in.convoID <= 0 {
			return in, &store.NotFoundError{Kind: "conversation", Key: raw}
		}
	}
	if k := v.Get("kind"); k != "" {
		if in.req.Kind, err = etiquette.ParseKind(k); err != nil {
			return in, badRequest{err.Error()}
		}
	}
	if ch := v.Get("channel"); ch != "" {
		if in.req.Channel, err = etiquette.ParseChannel(ch); err != nil {
			return in, badRequest{err.Error()}
		}
	}
	in.req.TemplateID = strings.TrimSpace(v.Get("template"))
	in.req.Learned = strings.TrimSpace(v.Get("learned"))
	in.req.Article = strings.TrimSpace(v.Get("article"))
	in.req.AdviceTaken = strings.TrimSpace(v.Get("advice"))
	in.subject = strings.TrimSpace(strings.ReplaceAll(v.Get("subject"), "\r\n", "\n"))
	in.body = strings.TrimSpace(strings.ReplaceAll(v.Get("body"), "\r\n", "\n"))
	in.at = v.Get("at")
	return in, nil
}

// composeFacts loads what the draft is filled from. A conversation named
// in the address must be with the person of the address.
func (s *server) composeFacts(r *http.Request, in composeInput) (outreach.Facts, error) {
	t := outreach.Target{PersonID: in.personID}
	if in.convoID != 0 {
		t = outreach.Target{ConversationID: in.convoID}
	}
	f, err := outreach.LoadFacts(r.Context(), s.scope(r), t)
	if err != nil {
		return f, err
	}
	if f.Person.ID != in.personID {
		return f, &store.NotFoundError{Kind: "conversation", Key: strconv.FormatInt(in.convoID, 10)}
	}
	return f, nil
}

// composeDraft fills the template asked for, then, for a posted form,
// puts the user's text and channel in its place and checks it again.
func composeDraft(f outreach.Facts, in composeInput) (*outreach.Draft, error) {
	d, err := outreach.Compose(f, in.req)
	if errors.Is(err, store.ErrNotFound) && in.req.TemplateID != "" {
		// The template was deleted since the page was drawn: use the
		// stage's own.
		in.req.TemplateID = ""
		d, err = outreach.Compose(f, in.req)
	}
	if err != nil || !in.posted {
		return d, err
	}
	if in.req.Channel != "" {
		d.Channel = in.req.Channel
		d.Context.Channel = in.req.Channel
	}
	subject := in.subject
	if d.Channel != etiquette.Email {
		subject = "" // only an email has a subject; the field keeps what was typed
	}
	d.Mailto = "" // Recheck makes it again for an email only
	d.Recheck(subject, in.body)
	return d, nil
}

// composeData builds the page for a draft, or for no draft and the
// problem that prevented one.
func (s *server) composeData(f outreach.Facts, in composeInput, d *outreach.Draft, problem error) *composePage {
	st := f.Settings
	p := &composePage{page: s.newPage("people", st.Location()), PersonID: f.Person.ID, PersonName: f.Person.Name,
		Referrer: refName(f.Person.ReferredBy), NameAnswer: f.Person.NamePermission.Label(),
		Learned: outreach.Learned(f, in.req), Article: in.req.Article, AdviceTaken: in.req.AdviceTaken}
	p.Path = fmt.Sprintf("/people/%d/compose", p.PersonID)
	p.Check.ComposePath = p.Path
	if c := f.Conversation; c != nil {
		p.ConvoID, p.ConvoState = c.ID, c.State.Label()
	}
	_, p.SMTP = mailer.ConfigFromSettings(st)
	p.At = &field{ID: "f-at", Name: "at", Label: "When you sent it", Value: in.at, Type: "datetime-local",
		Hint: "Leave empty for now; pick an earlier time to log it late."}
	current := in.req.TemplateID
	if d != nil {
		current = d.TemplateID
	}
	p.TemplateID = current
	p.Templates = templateChoices(f.Templates)
	if problem != nil {
		p.Problem = composeProblem(problem, f)
		return p
	}
	p.Draft = d
	p.KindLabel = outreach.KindLabel(d.Kind)
	for _, n := range d.Notes {
		p.Notes = append(p.Notes, sentence(n))
	}
	p.NoName = st.UserName == ""
	p.To = d.To.Name
	if len(d.Addresses) > 0 && d.Channel == etiquette.Email {
		p.To += " <" + d.Addresses[0] + ">"
	}
	subject, body := d.Subject, d.Body
	if in.posted {
		subject, body = in.subject, in.body
	}
	p.Subject = &field{ID: "f-subject", Name: "subject", Label: "Subject", Value: subject, Autocomplete: "off", Hint: "Email only."}
	if d.Context.ReferrerName != "" && (d.Kind == etiquette.FirstRequest || d.Kind == etiquette.FollowUp) {
		p.Subject.Hint = "Email only. With a referrer, it is best simply “" + d.Context.ReferrerName + " suggested I contact you”."
	}
	p.Body = &field{ID: "f-body", Name: "body", Label: "Message", Value: body, Rows: 14}
	var chOpts []option
	for _, ch := range etiquette.Channels() {
		chOpts = append(chOpts, option{string(ch), messageChannelLabel(ch)})
	}
	p.Channel = &field{ID: "f-channel", Name: "channel", Label: "How you will send it", Value: string(d.Channel), Options: chOpts}
	p.Check = checkOf(d, p.Path)
	eff, err := outreach.Plan(d.Kind, f.Conversation, d.Channel, d.Kind == etiquette.KeepInTouch && in.req.Article != "")
	switch {
	case err != nil && model.AsErrors(err) != nil && f.Conversation == nil:
		p.Effect = fmt.Sprintf("A %s belongs to a conversation: plan one with %s first, then mark this as sent.", outreach.KindLabel(d.Kind), f.Person.Name)
		p.PlanURL = fmt.Sprintf("/conversations/new?person=%d", f.Person.ID)
	case err != nil:
		p.Effect = sentence(err.Error())
	case eff.Step != "" && f.Conversation != nil:
		if err := method.CheckStep(f.Conversation, method.Step{To: eff.Step, At: s.now()}, s.now()); err != nil {
			p.Effect = "Marking it as sent would not work now: " + lowerFirst(sentence(err.Error()))
			break
		}
		p.Effect = fmt.Sprintf("Marking it as sent logs it and moves conversation #%d to %s.", f.Conversation.ID, eff.Step.Label())
	default:
		p.Effect = "Marking it as sent logs it as a touch with " + d.To.Name + "."
	}
	return p
}

// composeProblem says in plain words why nothing could be drafted.
func composeProblem(err error, f outreach.Facts) string {
	var se *outreach.StageError
	if errors.As(err, &se) && f.Conversation != nil {
		return fmt.Sprintf("Conversation #%d is %s: the method sends nothing more at this stage. To write anyway, choose a template below.",
			f.Conversation.ID, f.Conversation.State.Label())
	}
	if es := model.AsErrors(err); len(es) > 0 {
		return sentence(es[0].Message)
	}
	return sentence(err.Error())
}

// checkOf is what the checker found in a draft's text.
func checkOf(d *outreach.Draft, path string) checkView {
	text := d.Text()
	v := checkView{Mailto: d.Mailto, Checked: true, ComposePath: path}
	v.Highlighted = highlight(text, d.Findings)
	hasSubject := strings.HasPrefix(text, "Subject: ")
	bodyAt := len(text) - len(d.Body)
	for _, f := range d.Findings {
		fv := findingView{Rule: f.Rule, Label: ruleLabel(f.Rule), Error: f.Severity == etiquette.Error, Message: f.Message}
		start, end := spanIn(text, f.Start, f.End)
		switch {
		case start == end:
			fv.Where = "The whole message"
		case hasSubject && start < bodyAt:
			fv.Where = "In the subject"
		default:
			line, _ := etiquette.LineCol(d.Body, start-bodyAt)
			fv.Where = "Line " + strconv.Itoa(line)
		}
		if start < end {
			fv.Words = clip(strings.Join(strings.Fields(text[start:end]), " "), 120)
		}
		if fv.Error {
			v.Errors++
		} else {
			v.Warnings++
		}
		v.Findings = append(v.Findings, fv)
	}
	// Errors first: they are what must change before sending.
	slices.SortStableFunc(v.Findings, func(a, b findingView) int {
		if a.Error == b.Error {
			return 0
		}
		if a.Error {
			return -1
		}
		return 1
	})
	switch {
	case v.Errors+v.Warnings == 0:
		v.Summary = "The checker finds nothing to change."
	case v.Errors == 0:
		v.Summary = "No error; " + plural(v.Warnings, "piece of advice", "pieces of advice") + "."
	default:
		v.Summary = plural(v.Errors, "error", "errors") + " to fix"
		if v.Warnings > 0 {
			v.Summary += " and " + plural(v.Warnings, "piece of advice", "pieces of advice")
		}
		v.Summary += "."
	}
	return v
}

// spanIn clamps a finding's byte span to the text and to whole characters.
func spanIn(text string, start, end int) (int, int) {
	start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
	if end < start {
		end = start
	}
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	return start, end
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// highlight writes the text escaped, with each run of words that a finding
// concerns in a <mark>: class "error" when an error-level finding covers
// it, else "warning". A textarea cannot hold marks, so the page shows this
// copy beside it.
func highlight(text string, fs []etiquette.Finding) template.HTML {
	level := make([]byte, len(text)) // 0 none, 1 warning, 2 error
	for _, f := range fs {
		start, end := spanIn(text, f.Start, f.End)
		lv := byte(1)
		if f.Severity == etiquette.Error {
			lv = 2
		}
		for i := start; i < end; i++ {
			level[i] = max(level[i], lv)
		}
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && level[j] == level[i] {
			j++
		}
		run := template.HTMLEscapeString(text[i:j])
		switch level[i] {
		case 2:
			b.WriteString(`<mark class="error">` + run + `</mark>`)
		case 1:
			b.WriteString(`<mark class="warning">` + run + `</mark>`)
		default:
			b.WriteString(run)
		}
		i = j
	}
	return template.HTML(b.String())
}

// ruleLabel names a checker rule in a few words.
func ruleLabel(rule string) string {
	switch rule {
	case etiquette.RuleJobAsk:
		return "Asks for a job"
	case etiquette.RuleResumeOffer:
		return "Offers a resume"
	case etiquette.RuleNoReferrer:
		return "Referrer not named"
	case etiquette.RuleSubjectNotReferrer:
		return "Subject line"
	case etiquette.RuleNoCommonality:
		return "Connection not named"
	case etiquette.RuleNoTime:
		return "No time asked"
	case etiquette.RuleTooMuchTime:
		return "Too much time asked"
	case etiquette.RuleNoPurpose:
		return "No purpose"
	case etiquette.RuleNoQuestion:
		return "The ask is not a question"
	case etiquette.RuleNoFlexibility:
		return "Not flexible"
	case etiquette.RuleTooLong:
		return "Too long"
	case etiquette.RuleSelfFocus:
		return "All about you"
	case etiquette.RuleNoThanks:
		return "No thanks"
	}
	return strings.ReplaceAll(rule, "_", " ")
}

// messageChannelLabel names a channel a message is written for.
func messageChannelLabel(ch etiquette.Channel) string {
	switch ch {
	case etiquette.Email:
		return "Email"
	case etiquette.Letter:
		return "Letter"
	case etiquette.Phone:
		return "Phone call (a script to read)"
	case etiquette.Social:
		return "Social or LinkedIn message"
	}
	return string(ch)
}

// templateChoices groups the templates by kind for the chooser.
func templateChoices(ts []store.Template) []templateGroup {
	var out []templateGroup
	for _, k := range etiquette.Kinds() {
		g := templateGroup{Label: sentence(outreach.KindLabel(k))}
		g.Label = strings.TrimSuffix(g.Label, ".")
		for _, t := range ts {
			if t.Kind != k {
				continue
			}
			label := t.Name + " (" + string(t.Channel) + ")"
			if !t.BuiltIn {
				label += ", yours"
			} else if t.Edited {
				label += ", edited"
			}
			g.Options = append(g.Options, option{Value: t.ID, Label: label})
		}
		if len(g.Options) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// composeShow opens the composer on the draft the stage (or the address)
// asks for.
func (s *server) composeShow(w http.ResponseWriter, r *http.Request) {
	in, err := readComposeInput(r, false)
	in.req.Now = s.now()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, err := s.composeFacts(r, in)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d, err := composeDraft(f, in)
	if err != nil && !draftRefused(err) {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "compose", s.composeData(f, in, d, err))
}

// draftRefused reports an error that is the user's to see on the
// composer, rather than a fault.
func draftRefused(err error) bool {
	var se *outreach.StageError
	return errors.As(err, &se) || model.AsErrors(err) != nil
}

// composePosted reads a posted composer form and drafts it again with the
// user's text. ok is false when the answer was already written.
func (s *server) composePosted(w http.ResponseWriter, r *http.Request) (composeInput, outreach.Facts, *outreach.Draft, *composePage, bool) {
	var f outreach.Facts
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return composeInput{}, f, nil, nil, false
	}
	in, err := readComposeInput(r, true)
	in.req.Now = s.now()
	if err == nil {
		f, err = s.composeFacts(r, in)
	}
	if err != nil {
		s.pageError(w, r, err)
		return in, f, nil, nil, false
	}
	if len(in.subject)+len(in.body) > maxComposeBytes {
		// Too long to check: keep the text and say so.
		d, err := composeDraft(f, composeInput{personID: in.personID, convoID: in.convoID, req: in.req})
		data := s.composeData(f, in, d, err)
		if d != nil {
			data.Check = checkView{ComposePath: data.Path, Problem: fmt.Sprintf("The text is longer than %d characters, too long to check or send; a request is about a hundred words.", maxComposeBytes)}
		}
		s.renderCompose(w, r, http.StatusRequestEntityTooLarge, data)
		return in, f, nil, nil, false
	}
	d, err := composeDraft(f, in)
	if err != nil && !draftRefused(err) {
		s.pageError(w, r, err)
		return in, f, nil, nil, false
	}
	data := s.composeData(f, in, d, err)
	if err != nil {
		s.renderCompose(w, r, http.StatusUnprocessableEntity, data)
		return in, f, nil, nil, false
	}
	return in, f, d, data, true
}

// renderCompose draws the composer, or only its checker part for htmx.
func (s *server) renderCompose(w http.ResponseWriter, r *http.Request, status int, data *composePage) {
	w.Header().Add("Vary", "HX-Request")
	if isPartial(r) {
		s.renderPart(w, r, "compose", "compose-check-update", data)
		return
	}
	s.render(w, r, status, "compose", data)
}

// composeCheck checks the text the user is writing: htmx asks for the
// findings as they type, the Check button for the whole page.
func (s *server) composeCheck(w http.ResponseWriter, r *http.Request) {
	_, _, _, data, ok := s.composePosted(w, r)
	if !ok {
		return
	}
	s.renderCompose(w, r, http.StatusOK, data)
}

// sentOf is the message the form says was sent.
func sentOf(in composeInput, d *outreach.Draft) outreach.Sent {
	sent := outreach.Sent{Target: outreach.Target{PersonID: in.personID, ConversationID: in.convoID}, Kind: d.Kind,
		Channel: d.Channel, TemplateID: d.TemplateID, Subject: d.Subject, Body: d.Body,
		Article: d.Kind == etiquette.KeepInTouch && in.req.Article != ""}
	if d.Channel == etiquette.Email && len(d.Addresses) > 0 {
		sent.Recipient = d.Addresses[0]
	}
	return sent
}

// sentFlash says what logging the message did.
func sentFlash(verb string, kind etiquette.Kind, res *outreach.SentResult) string {
	msg := fmt.Sprintf("%s the %s to %s.", verb, outreach.KindLabel(kind), res.Message.Person.Name)
	if c := res.Conversation; c != nil {
		if res.Step != "" {
			msg += fmt.Sprintf(" Conversation #%d is now %s.", c.ID, c.State.Label())
		} else {
			msg += fmt.Sprintf(" Conversation #%d stays %s.", c.ID, c.State.Label())
		}
	}
	return msg
}

// sentTo is the page to go to once a message is logged.
func sentTo(res *outreach.SentResult, personID int64) string {
	if res.Conversation != nil {
		return fmt.Sprintf("/conversations/%d", res.Conversation.ID)
	}
	return fmt.Sprintf("/people/%d", personID)
}

// composeSent logs the message as sent: the step, the activity and the
// text, in one go. A step the conversation cannot take is said next to
// the button, with the text kept.
func (s *server) composeSent(w http.ResponseWriter, r *http.Request) {
	in, f, d, data, ok := s.composePosted(w, r)
	if !ok {
		return
	}
	now := s.now()
	sent := sentOf(in, d)
	if v := strings.TrimSpace(in.at); v != "" {
		at, err := method.ParseTime(v, now, f.Settings.Location())
		if err != nil {
			data.At.Error = sentence(err.Error())
			data.At.Type = "text"
			data.SendProblem = "Nothing was logged: " + lowerFirst(data.At.Error)
			s.render(w, r, http.StatusUnprocessableEntity, "compose", data)
			return
		}
		sent.At = at
	}
	res, err := outreach.MarkSent(r.Context(), s.scope(r), sent, now)
	if err != nil {
		s.composeRefused(w, r, data, err)
		return
	}
	s.redirect(w, r, sentTo(res, in.personID), sentFlash("Logged", d.Kind, res))
}

// composeSend sends the message through the SMTP server set in settings,
// then logs it as composeSent does.
func (s *server) composeSend(w http.ResponseWriter, r *http.Request) {
	in, f, d, data, ok := s.composePosted(w, r)
	if !ok {
		return
	}
	cfg, set := mailer.ConfigFromSettings(f.Settings)
	if !set {
		data.SendProblem = "No SMTP server is set, so Ally cannot send. Add yours in Settings, or open the message in your mail app and mark it as sent."
		s.render(w, r, http.StatusConflict, "compose", data)
		return
	}
	sender, err := mailer.NewSMTP(cfg, s.Clock)
	if err != nil {
		// mailer says "smtp_name: what is wrong"; the page names no setting key.
		_, msg, _ := strings.Cut(err.Error(), ": ")
		data.SendProblem = "Not sent: the mail settings are incomplete: " + lowerFirst(sentence(msg)) + " Fix them in Settings."
		s.render(w, r, http.StatusConflict, "compose", data)
		return
	}
	res, err := outreach.Send(r.Context(), s.scope(r), sender, sentOf(in, d), s.now())
	if err != nil {
		s.composeRefused(w, r, data, err)
		return
	}
	s.redirect(w, r, sentTo(res, in.personID), sentFlash("Sent and logged", d.Kind, res)+" It went to "+res.Message.Recipient+".")
}

// composeRefused shows why a message was not logged or sent, next to the
// buttons, with the text kept.
func (s *server) composeRefused(w http.ResponseWriter, r *http.Request, data *composePage, err error) {
	var fe *outreach.FindingsError
	var se *method.StepError
	status := http.StatusBadGateway // the mail server refused or could not be reached
	switch {
	case errors.Is(err, outreach.ErrNotLogged):
		s.Logger.Error("sent but not logged", "path", r.URL.Path, "err", err)
		data.SendProblem = "The message was sent, but Ally could not log it. Mark it as sent to log it."
		status = http.StatusInternalServerError
	case errors.As(err, &fe):
		data.SendProblem = "Not sent: the checker found an error to fix first (see the checker's findings)."
		status = http.StatusUnprocessableEntity
	case errors.As(err, &se):
		data.SendProblem = "Nothing was logged: " + lowerFirst(sentence(err.Error()))
		status = http.StatusConflict
	case model.AsErrors(err) != nil:
		data.SendProblem = "Nothing was logged: " + lowerFirst(sentence(model.AsErrors(err)[0].Message))
		status = http.StatusUnprocessableEntity
	case statusFor(err) < 500:
		s.pageError(w, r, err)
		return
	case r.Context().Err() != nil:
		return
	default:
		if strings.HasSuffix(r.URL.Path, "/sent") {
			s.pageError(w, r, err)
			return
		}
		s.Logger.Warn("smtp send", "err", err)
		data.SendProblem = "Not sent: " + lowerFirst(sentence(err.Error()))
	}
	s.render(w, r, status, "compose", data)
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == 'I' && (len(s) == 1 || s[1] == ' ') {
		return s
	}
	return strings.ToLower(string(r)) + s[n:]
}

// writeIt is where an agenda action's "write" link leads: the composer on
// the message the action calls for, if it calls for one.
func refName(r *model.Ref) string {
	if r == nil {
		return ""
	}
	return r.Name
}

func writeIt(a method.Action) (string, string) {
	kind, ok := outreach.KindForAction(a.Kind)
	if !ok {
		return "", ""
	}
	if a.Kind == method.ActContactAnother {
		u := "/compose"
		if a.FieldID != 0 {
			u += "?field=" + strconv.FormatInt(a.FieldID, 10)
		}
		return u, "Write to someone else"
	}
	if a.PersonID == 0 {
		return "", ""
	}
	q := url.Values{"kind": {string(kind)}}
	if a.Kind == method.ActReachOut {
		return fmt.Sprintf("/people/%d/compose?%s", a.PersonID, q.Encode()), "Write the request"
	}
	if a.ConversationID != 0 {
		q.Set("convo", strconv.FormatInt(a.ConversationID, 10))
	}
	return fmt.Sprintf("/people/%d/compose?%s", a.PersonID, q.Encode()), "Write the " + outreach.KindLabel(kind)
}

// composePickPage is the data of compose_pick.html: whom to write a first
// request to, among the people of a field.
type composePickPage struct {
	page
	Field  string
	People []*model.Person
}

// composePick lists the people one could write a first request to: those
// of the field when one is given, who may be contacted.
func (s *server) composePick(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	fieldID, err := queryID(r, "field")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &composePickPage{page: s.newPage("people", loc)}
	// Whom to write to: people of the field not yet asked, best first.
	filter := store.PeopleFilter{FieldID: fieldID, Prospects: true, Sort: "best", Limit: 200}
	if fieldID != 0 {
		fl, err := sc.Field(ctx, fieldID)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		data.Field = fl.Name
	}
	people, _, err := sc.People(ctx, filter)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data.People = people
	s.render(w, r, http.StatusOK, "compose_pick", data)
}
