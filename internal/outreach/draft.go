// Package outreach writes, checks and logs the user's messages to the
// people they talk to: it fills the right template for a person and the
// stage of their conversation, runs the etiquette checker on it, and when
// the user has sent it, logs the activity and moves the lifecycle in one
// transaction (optionally sending it by SMTP first). It also counts how
// requests fare: reply rates and days to reply by source and channel.
//
// The pure parts (Compose, StageKind, Plan, ComputeStats...) take plain
// values; the functions taking a *store.Scope load what they need and are
// what the CLI and the web composer call, so that both behave the same.
package outreach

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// Facts is everything a draft is filled from.
type Facts struct {
	Person       *model.Person
	Referrer     *model.Person       // who referred the user to Person; nil without one
	Conversation *model.Conversation // nil for a person with no conversation yet
	Settings     method.Settings     // the user's profile and time zone
	Templates    []store.Template    // built-ins with the user's edits, and the user's own
	// Pursuing says whether the conversation (or the person, without one)
	// is filed under a field the user marked as one they pursue: the
	// feeler note is for those only.
	Pursuing bool
}

// Request says which draft to write. Zero values let Compose choose.
type Request struct {
	Kind       etiquette.Kind    // zero: the message the conversation's stage calls for (StageKind)
	Channel    etiquette.Channel // zero: email when the person has an address, else phone, else social
	TemplateID string            // zero: the template Pick chooses, with the user's edit of it
	Learned    string            // one thing learned, for a thank-you, report-back or keep-in-touch note
	Article    string            // an article to share in a keep-in-touch note
	// AdviceTaken is what the user did with the advice, for the first
	// keep-in-touch note after a conversation.
	AdviceTaken string
	// Now is when the draft is written: the feeler note waits for
	// Settings.FeelerDays after the thank-you.
	Now time.Time
}

// Draft is a filled message ready to edit, check again and send.
type Draft struct {
	Kind           etiquette.Kind    `json:"kind"`
	Channel        etiquette.Channel `json:"channel"`
	TemplateID     string            `json:"template_id"`
	Person         model.Ref         `json:"person"`
	ConversationID int64             `json:"conversation_id,omitempty"`
	// To is who the message is for: the person, or their referrer for a
	// report-back; Addresses are To's email addresses.
	To        model.Ref `json:"to"`
	Addresses []string  `json:"addresses"`
	Subject   string    `json:"subject"`
	Body      string    `json:"body"`
	// Findings are the checker's, with spans in Text() (which starts with
	// the "Subject:" line for an email).
	Findings []etiquette.Finding `json:"findings"`
	Mailto   string              `json:"mailto,omitempty"` // email only: opens the user's mail client
	Notes    []string            `json:"notes,omitempty"`  // what Compose decided that the user may want to know
	// Context is what the checker knows besides the text: pass it to
	// etiquette.Check when the user edits the draft.
	Context etiquette.Context `json:"-"`
}

// Text is the draft as the checker reads it: an email starts with its
// "Subject:" line and a blank line.
func (d *Draft) Text() string { return MessageText(d.Channel, d.Subject, d.Body) }

// MessageText joins a subject and a body the way the checker reads them.
func MessageText(ch etiquette.Channel, subject, body string) string {
	if ch == etiquette.Email || subject != "" {
		return "Subject: " + subject + "\n\n" + body
	}
	return body
}

// Recheck replaces the draft's text with the user's edit and checks it
// again, refreshing the mailto link.
func (d *Draft) Recheck(subject, body string) {
	d.Subject, d.Body = strings.TrimSpace(subject), strings.TrimSpace(body)
	d.Findings = etiquette.Check(d.Text(), d.Context)
	if d.Findings == nil {
		d.Findings = []etiquette.Finding{}
	}
	if d.Channel == etiquette.Email {
		d.Mailto = etiquette.MailtoURL(d.Addresses, d.Subject, d.Body)
	}
}

// StageError says the conversation's stage calls for no message. Reason
// names no command or page: the CLI and the web each say how to write
// anyway in their own terms.
type StageError struct{ Reason string }

func (e *StageError) Error() string { return e.Reason }

// StageKind is the message the method calls for next in a conversation:
// a first request before one was sent (or after a decline or
// cancellation), a follow-up while the request waits, a confirmation once
// scheduled, a thank-you once confirmed or held, and a report-back to the
// referrer (in either order), then keep-in-touch notes. A conversation closed with no reply,
// or followed up twice already, calls for none.
func StageKind(c *model.Conversation, hasReferrer bool) (etiquette.Kind, error) {
	if c == nil {
		return etiquette.FirstRequest, nil
	}
	switch c.State {
	case model.StateIdea, model.StateDeclined, model.StateCancelled:
		return etiquette.FirstRequest, nil
	case model.StateRequested, model.StateFollowedUp:
		if c.FollowUps >= method.MaxFollowUps {
			return "", &StageError{fmt.Sprintf("conversation #%d was followed up %d times already; the method sends no more: close it as no reply and reach out to someone else", c.ID, c.FollowUps)}
		}
		return etiquette.FollowUp, nil
	case model.StateScheduled:
		return etiquette.Confirm, nil
	case model.StateConfirmed, model.StateHeld:
		return etiquette.ThankYou, nil
	case model.StateThanked, model.StateReportedBack:
		// The thank-you and the report-back come in either order.
		if !method.TookSinceHeld(c, model.StateThanked) && c.State == model.StateReportedBack {
			return etiquette.ThankYou, nil
		}
		if hasReferrer && !method.TookSinceHeld(c, model.StateReportedBack) && c.State == model.StateThanked {
			return etiquette.ReportBack, nil
		}
		return etiquette.KeepInTouch, nil
	case model.StateKeepingInTouch:
		return etiquette.KeepInTouch, nil
	case model.StateNoReply:
		return "", &StageError{fmt.Sprintf("conversation #%d closed with no reply; the method writes no more: reach out to someone else", c.ID)}
	}
	return etiquette.FirstRequest, nil
}

// KindForAction is the message an agenda action calls for, if any: the
// composer opens on it from the agenda.
func KindForAction(a method.ActionKind) (etiquette.Kind, bool) {
	switch a {
	case method.ActContactAnother, method.ActReachOut:
		return etiquette.FirstRequest, true
	case method.ActFollowUp:
		return etiquette.FollowUp, true
	case method.ActConfirm:
		return etiquette.Confirm, true
	case method.ActThank:
		return etiquette.ThankYou, true
	case method.ActReportBack:
		return etiquette.ReportBack, true
	case method.ActKeepInTouch:
		return etiquette.KeepInTouch, true
	}
	return "", false
}

// DefaultChannel is how to reach a person: by email when there is an
// address, else a phone script when there is a number, else a social
// message when there is a profile link, else email.
func DefaultChannel(p *model.Person) etiquette.Channel {
	switch {
	case len(p.Emails) > 0:
		return etiquette.Email
	case p.Phone != "":
		return etiquette.Phone
	case p.URL != "":
		return etiquette.Social
	}
	return etiquette.Email
}

// CommonalityPhrase turns what the user noted they share with someone into
// words that complete "I am writing because of …". A note written as such
// a phrase ("our shared Riverbend background", "your article on rural
// clinics") is kept; any other note ("RSU '14, also a statistics minor")
// is introduced as "our connection: …", which reads correctly and keeps
// the user's words for them to polish.
func CommonalityPhrase(note string) string {
	s := strings.TrimRight(strings.Join(strings.Fields(note), " "), ".!;, ")
	if s == "" {
		return ""
	}
	first := strings.ToLower(strings.Fields(s)[0])
	switch first {
	case "our", "your", "the", "a", "an", "my", "shared", "mutual", "having", "both":
		return lowerFirst(s)
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsLower(r) {
		return s
	}
	return "our connection: " + s
}

// FieldPhrase writes a field's name as it reads inside a sentence: "Public
// policy" becomes "public policy"; "UX research" and "Foreign Service"
// keep their capitals.
func FieldPhrase(name string) string {
	words := strings.Fields(name)
	if len(words) == 0 {
		return ""
	}
	first := words[0]
	r, n := utf8.DecodeRuneInString(first)
	if !unicode.IsUpper(r) || strings.ToUpper(first) == first && len(first) > 1 {
		return strings.Join(words, " ")
	}
	if strings.ToLower(first[n:]) != first[n:] {
		return strings.Join(words, " ") // "McKinsey", "iOS"-like names
	}
	for _, w := range words[1:] {
		if strings.ToLower(w) != w {
			return strings.Join(words, " ")
		}
	}
	return lowerFirst(strings.Join(words, " "))
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// MeetingTime writes a meeting time for a message: "Thursday, December 3
// at 10:30" in the user's zone.
func MeetingTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Monday, January 2 at 15:04")
}

// DataFor fills a template's placeholders from the facts.
func DataFor(f Facts, r Request) etiquette.Data {
	s := f.Settings
	d := etiquette.Data{
		UserName: s.UserName, UserSchool: s.School, UserYear: s.Year, UserIntro: s.Intro,
		Article: r.Article, AdviceTaken: r.AdviceTaken,
	}
	if p := f.Person; p != nil {
		d.PersonName, d.Role = p.Name, p.Role
		if p.Organization != nil {
			d.Organization = p.Organization.Name
		}
		if p.ReferredBy != nil {
			d.ReferrerName = p.ReferredBy.Name
		}
		d.Commonality = CommonalityPhrase(p.Commonality)
		if len(p.Fields) > 0 {
			d.Field = FieldPhrase(p.Fields[0].Name)
		}
	}
	if f.Referrer != nil {
		d.ReferrerName = f.Referrer.Name
	}
	if c := f.Conversation; c != nil {
		if len(c.Fields) > 0 {
			d.Field = FieldPhrase(c.Fields[0].Name)
		}
		d.Minutes = c.Minutes
		if c.Channel == model.ChannelInPerson {
			d.Place = c.Place // a video or phone "place" is a link or a note, not somewhere to meet
		}
		if c.MeetingAt != nil {
			d.MeetingTime = MeetingTime(*c.MeetingAt, s.Location())
		}
	}
	d.LearnedThing = Learned(f, r)
	return d
}

// Learned is the one thing learned that a thank-you, report-back or
// keep-in-touch note names: the user's words when given, else the
// write-up's "In short" line (the conversation's summary), so the
// thank-you speaks of what was actually said.
func Learned(f Facts, r Request) string {
	if r.Learned != "" || f.Conversation == nil {
		return r.Learned
	}
	return LearnedPhrase(f.Conversation.Summary)
}

// LearnedPhrase turns a summary into words that complete "I especially
// valued learning …": its first sentence, without the final stop, lower-
// cased unless it starts with a name, and after "that" unless it already
// reads as a clause ("how memos are written"). "Budget memos are written in
// a day. Then…" gives "that budget memos are written in a day".
func LearnedPhrase(summary string) string {
	s := strings.Join(strings.Fields(summary), " ")
	if i := strings.IndexAny(s, ".!?"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimRight(s, " ,;:-–—")
	if s == "" {
		return ""
	}
	s = FieldPhrase(s) // lower-cases the first word unless it is a name
	switch strings.ToLower(strings.Fields(s)[0]) {
	case "how", "what", "why", "where", "when", "which", "who", "whom", "that", "about", "whether":
		return s
	}
	return "that " + s
}

// Compose fills the template for the request and checks the result.
func Compose(f Facts, r Request) (*Draft, error) {
	p := f.Person
	if p == nil {
		return nil, fmt.Errorf("compose: no person")
	}
	if p.DoNotContact {
		return nil, model.Invalid("person", "%s is marked do not contact; Ally writes them nothing", p.Name)
	}
	data := DataFor(f, r)
	hasReferrer := data.ReferrerName != ""
	if !MayNameReferrer(p) && data.ReferrerName != "" {
		// Only a report-back, written to the referrer, names them.
		if r.Kind != etiquette.ReportBack && !(r.Kind == "" && f.Conversation != nil && f.Conversation.State == model.StateThanked) {
			data.ReferrerName, data.ReferrerFirstName, data.Suggested = "", "", true
		}
	}
	d := &Draft{Person: model.Ref{ID: p.ID, Name: p.Name}, To: model.Ref{ID: p.ID, Name: p.Name}, Addresses: p.Emails}
	if f.Conversation != nil {
		d.ConversationID = f.Conversation.ID
	}
	tp, notes, err := chooseTemplate(f, r, data.ReferrerName != "", data.Commonality != "")
	if err != nil {
		return nil, err
	}
	if tp.Kind == etiquette.Feeler {
		if g := f.FeelerGate(r.Now); !g.OK {
			// Not yet: the keep-in-touch note instead, checked as one, so
			// that a resume or a job line in it is flagged.
			if tp, _, err = chooseTemplate(f, Request{Kind: etiquette.KeepInTouch, Channel: tp.Channel}, false, false); err != nil {
				return nil, err
			}
			notes = append(notes, "not a feeler note yet: "+g.Reason+"; this is a keep-in-touch note instead")
		}
	}
	d.Notes = notes
	d.Kind, d.Channel, d.TemplateID = tp.Kind, tp.Channel, tp.ID
	if data.Suggested && d.Kind != etiquette.ReportBack {
		d.Notes = append(d.Notes, fmt.Sprintf("%s did not say you may use their name, so this draft does not mention them", p.ReferredBy.Name))
	}
	if d.Kind == etiquette.ReportBack {
		data.ReferrerName, data.Suggested = DataFor(f, r).ReferrerName, false
		if !hasReferrer {
			return nil, model.Invalid("kind", "%s has no referrer to report back to", p.Name)
		}
		d.To = model.Ref{Name: data.ReferrerName}
		d.Addresses = nil
		if f.Referrer != nil {
			d.To.ID, d.Addresses = f.Referrer.ID, f.Referrer.Emails
		}
	}
	if d.Addresses == nil {
		d.Addresses = []string{}
	}
	if d.Channel == etiquette.Email && len(d.Addresses) == 0 {
		d.Notes = append(d.Notes, fmt.Sprintf("%s has no email address on file; add one to send from your mail app", d.To.Name))
	}
	d.Subject, d.Body, err = tp.Fill(data)
	if err != nil {
		return nil, fmt.Errorf("fill template %s: %w", tp.ID, err)
	}
	d.Context = CheckContext(f, d.Kind, d.Channel)
	d.Recheck(d.Subject, d.Body)
	return d, nil
}

// FeelerGate says whether a feeler note may be written now: for a field
// the user pursues, FeelerDays after the thank-you.
func (f Facts) FeelerGate(now time.Time) method.FeelerGate {
	return method.Feeler(f.Pursuing, method.ThankedAt(f.Conversation), f.Settings.FeelerDays, now, f.Settings.Location())
}

// MayNameReferrer reports whether drafts to p may cite the person who
// suggested them: only when the referrer said yes to "may I use your name?".
func MayNameReferrer(p *model.Person) bool {
	return p.ReferredBy != nil && p.NamePermission == model.NameYes
}

// chooseTemplate finds the template: the one asked for, or the built-in
// Pick chooses for the stage and channel, with the user's edit of it.
func chooseTemplate(f Facts, r Request, hasReferrer, hasCommonality bool) (etiquette.Template, []string, error) {
	var notes []string
	find := func(id string) (etiquette.Template, bool) {
		for _, t := range f.Templates {
			if t.ID == id {
				return t.Template, true
			}
		}
		return etiquette.Template{}, false
	}
	if r.TemplateID != "" {
		tp, ok := find(r.TemplateID)
		if !ok {
			if tp, ok = builtIn(r.TemplateID); !ok {
				return tp, nil, &store.NotFoundError{Kind: "template", Key: r.TemplateID}
			}
		}
		if r.Kind != "" && r.Kind != tp.Kind {
			notes = append(notes, fmt.Sprintf("template %s is a %s; writing that instead of a %s", tp.ID, tp.Kind, r.Kind))
		}
		return tp, notes, nil
	}
	kind := r.Kind
	if kind == "" {
		var err error
		if kind, err = StageKind(f.Conversation, hasReferrer); err != nil {
			return etiquette.Template{}, nil, err
		}
	}
	ch := r.Channel
	if ch == "" {
		ch = DefaultChannel(f.Person)
	}
	b := etiquette.PickKnown(kind, ch, hasReferrer, hasCommonality, f.Person.Source.KnowsPersonally())
	if kind == etiquette.KeepInTouch && r.Article == "" && AdviceUpdateDue(f.Conversation) {
		b, _ = builtIn(etiquette.AdviceUpdateID)
	}
	tp, ok := find(b.ID)
	if !ok {
		tp = b
	}
	if tp.Channel != ch {
		notes = append(notes, fmt.Sprintf("there is no %s template for a %s; this is the %s one", ch, kind, tp.Channel))
	}
	return tp, notes, nil
}

// AdviceUpdateDue reports whether the next keep-in-touch note about c is
// the first since it was held: the method's "here is what I did with your
// advice" update, rather than an article or a general update. A note sent
// moves the conversation on to keeping in touch.
func AdviceUpdateDue(c *model.Conversation) bool {
	return c != nil && (c.State == model.StateThanked || c.State == model.StateReportedBack)
}

func builtIn(id string) (etiquette.Template, bool) {
	i := slices.IndexFunc(etiquette.BuiltIns(), func(t etiquette.Template) bool { return t.ID == id })
	if i < 0 {
		return etiquette.Template{}, false
	}
	return etiquette.BuiltIns()[i], true
}
