// Package requestmail writes the emails a career center's requests cause:
// to the volunteer when a request arrives or waits, to the student when
// the volunteer answers or the request expires, to either side when the
// other cancels. Each email has a plain-text and an HTML part said in the
// same words, shows every time in its reader's own zone, and carries an
// unsubscribe link; an email to a volunteer about a request that waits
// for them carries one-click links (signed by the caller) that open a
// confirmation page. It is pure: the store gathers the facts and queues
// the result in the transaction of the step that caused it.
package requestmail

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/model"
)

// A Kind is what happened, which decides who is written to and what.
type Kind string

// The events that send email.
const (
	Sent       Kind = "sent"        // a new request: to the volunteer
	AskedMore  Kind = "asked_more"  // the volunteer's question: to the student
	Answered   Kind = "answered"    // the student's answer: to the volunteer
	Accepted   Kind = "accepted"    // to the student
	Scheduled  Kind = "scheduled"   // a time agreed after the acceptance: to the other side
	Declined   Kind = "declined"    // to the student, with similar volunteers
	Referred   Kind = "referred"    // to the student
	Withdrawn  Kind = "withdrawn"   // by the student: to the volunteer
	Superseded Kind = "superseded"  // another request in the field was accepted: to the volunteer
	Expired    Kind = "expired"     // no answer in time: to the student, with similar volunteers
	Cancelled  Kind = "cancelled"   // to the other side
	Reminder   Kind = "reminder"    // day 10: to the side the request waits on
	AskOutcome Kind = "ask_outcome" // after the meeting: to each side
	Invitation Kind = "invitation"  // the calendar invitation: to each side when a time is agreed
	// Suggested is an advisor's word to the student of a stale request
	// (unanswered after the reminder, or accepted with no time agreed):
	// other volunteers with room. The volunteer is not written to.
	Suggested Kind = "suggested"
)

// A Party is one side of a request.
type Party struct {
	Name  string
	Email string
	Zone  *time.Location // nil: UTC
}

func (p Party) zone() *time.Location {
	if p.Zone == nil {
		return time.UTC
	}
	return p.Zone
}

// A Link is a labelled address in an email.
type Link struct {
	Label string
	URL   string
}

// A Suggestion is a volunteer with room this month, offered to a student
// whose request expired or was declined.
type Suggestion struct {
	ID     int64 // the volunteer's account
	Name   string
	Title  string // "Senior planner at City of Westlake"; may be empty
	Common string // what they have in common with the student; may be empty
	URL    string // their page in the directory
}

// A Message is everything an email about a request says.
type Message struct {
	Kind    Kind
	To      center.Actor // ActorStudent or ActorVolunteer
	Center  string       // the center's name
	Request center.Request

	Student, Volunteer Party

	RequestURL  string       // the request's page in the app
	Actions     []Link       // signed one-click links, for a volunteer asked to answer
	Suggestions []Suggestion // Declined, Expired: at most five
	ReferredTo  string       // Referred: the colleague's name
	Unsubscribe string       // the reader's unsubscribe link
	// SlowToAnswer tells the student that this volunteer has stopped
	// taking emails and answers in the app, so may take longer.
	SlowToAnswer bool
	// Stamp is when the email is written (the invitation's DTSTAMP).
	Stamp time.Time
	// ExpiresAt is when a waiting request closes by itself.
	ExpiresAt time.Time
}

// An Email is a rendered message.
type Email struct {
	To      string
	Subject string
	Text    string
	HTML    string
	ICS     string // an iCalendar invitation, or ""
}

// MaxSuggestions bounds the similar volunteers an email offers.
const MaxSuggestions = 5

// doc is an email's content before it is written as text and as HTML.
type doc struct {
	Subject     string
	Greeting    string
	Paras       []string
	Quote       string   // the other side's words, shown apart
	ListTitle   string   // what List holds
	List        []string // times, or similar volunteers as lines
	Suggestions []Suggestion
	Actions     []Link
	Open        Link // the request in the app
	Center      string
	Unsubscribe string
}

// Render writes m as an email to its reader.
func Render(m Message) (Email, error) {
	reader, other := m.Volunteer, m.Student
	if m.To == center.ActorStudent {
		reader, other = m.Student, m.Volunteer
	}
	if reader.Email == "" {
		return Email{}, fmt.Errorf("requestmail: no address for the %s", m.To)
	}
	d, err := compose(m, reader, other)
	if err != nil {
		return Email{}, err
	}
	d.Center, d.Unsubscribe = m.Center, m.Unsubscribe
	if m.RequestURL != "" {
		d.Open = Link{Label: "Open the request in Ally", URL: m.RequestURL}
	}
	var text, html bytes.Buffer
	if err := textTmpl.Execute(&text, d); err != nil {
		return Email{}, fmt.Errorf("requestmail: %w", err)
	}
	if err := htmlTmpl.Execute(&html, d); err != nil {
		return Email{}, fmt.Errorf("requestmail: %w", err)
	}
	e := Email{To: reader.Email, Subject: d.Subject, Text: text.String(), HTML: html.String()}
	if m.Kind == Invitation {
		if e.ICS, err = invitation(m, reader, other); err != nil {
			return Email{}, err
		}
	}
	return e, nil
}

func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return "there"
}

func minutes(r center.Request) string {
	return fmt.Sprintf("%d minutes", r.Minutes)
}

// compose says what happened, to reader, in Ally's words.
func compose(m Message, reader, other Party) (doc, error) {
	r := m.Request
	loc := reader.zone()
	d := doc{Greeting: "Hello " + firstName(reader.Name) + ","}
	meeting := func() string { return center.FormatForBoth(r.MeetingAt, loc, other.zone(), firstName(other.Name)) }
	switch m.Kind {
	case Sent:
		d.Subject = fmt.Sprintf("%s would like %s of your time to learn about %s", other.Name, minutes(r), r.Field)
		d.Paras = []string{
			fmt.Sprintf("%s, a student at %s, asks for a short conversation about %s: %s, by %s. Here is what they wrote:", other.Name, m.Center, r.Field, minutes(r), r.Channel),
			fmt.Sprintf("You can say yes, no, or ask a question first. If you do nothing, the request closes by itself on %s, and nobody will hold it against you.",
				center.FormatDate(m.ExpiresAt, loc)),
		}
		d.Quote = r.Message
		d.ListTitle = "Times they proposed (your time)"
		d.List = center.FormatProposal(r.ProposedTimes, loc)
		d.Actions = m.Actions
	case Reminder:
		if m.To == center.ActorStudent {
			d.Subject = fmt.Sprintf("%s is waiting for your answer", other.Name)
			d.Paras = []string{fmt.Sprintf("%s asked you a question about your request on %s, and cannot answer it without you:", other.Name, r.Field),
				"A few lines are enough. Your request closes by itself if nobody answers in time."}
			d.Quote = r.Question
			break
		}
		d.Subject = fmt.Sprintf("A gentle reminder: %s's request", other.Name)
		d.Paras = []string{
			fmt.Sprintf("%s's request for a conversation about %s is still waiting. This is the only reminder we send.", other.Name, r.Field),
			"If this month does not suit you, a kind no helps them more than silence: they can then ask someone else.",
		}
		d.Actions = m.Actions
	case AskedMore:
		d.Subject = fmt.Sprintf("%s has a question about your request", other.Name)
		d.Paras = []string{fmt.Sprintf("%s would like to know a little more before answering your request about %s:", other.Name, r.Field),
			"You can answer once, in the app. The request keeps its place meanwhile."}
		d.Quote = r.Question
	case Answered:
		d.Subject = fmt.Sprintf("%s answered your question", other.Name)
		d.Paras = []string{fmt.Sprintf("%s answered the question you asked about their request on %s:", other.Name, r.Field),
			"You can now say yes or no."}
		d.Quote = r.Answer
		d.Actions = m.Actions
	case Accepted:
		d.Subject = fmt.Sprintf("%s said yes", other.Name)
		d.Paras = []string{fmt.Sprintf("Good news: %s accepted your request for a conversation about %s.", other.Name, r.Field)}
		if r.MeetingAt.IsZero() {
			d.Paras = append(d.Paras, "No time is set yet: agree on one together, then record it in Ally so that your agenda reminds you to confirm and prepare.")
		} else {
			d.Paras = append(d.Paras, "You will talk on "+meeting()+". A calendar invitation follows.")
		}
		d.Paras = append(d.Paras, "Their contact details are now on the request's page, and they are among your people in Ally. Prepare your questions, confirm two days before, and send a thank-you within a day.")
	case Scheduled:
		d.Subject = fmt.Sprintf("Your conversation with %s is set", other.Name)
		d.Paras = []string{fmt.Sprintf("%s set the time of your conversation about %s: %s.", other.Name, r.Field, meeting())}
	case Invitation:
		d.Subject = fmt.Sprintf("Invitation: %s with %s", r.Field, other.Name)
		d.Paras = []string{fmt.Sprintf("Your conversation with %s about %s is on %s, for %s by %s. The invitation is attached for your calendar.",
			other.Name, r.Field, meeting(), minutes(r), r.Channel)}
	case Declined:
		d.Subject = fmt.Sprintf("%s cannot take your request", other.Name)
		d.Paras = []string{fmt.Sprintf("%s will not be able to talk about %s this time. In their words:", other.Name, r.Field),
			"Do not take it to heart: people say no for their own reasons, most often time."}
		d.Quote = r.DeclineReason.Words(r.Reason)
		d.Suggestions = m.Suggestions
	case Referred:
		d.Subject = fmt.Sprintf("%s suggests you talk to %s", other.Name, m.ReferredTo)
		d.Paras = []string{fmt.Sprintf("%s thinks %s is better placed to talk with you about %s. You can write to them from the directory, and say who sent you.", other.Name, m.ReferredTo, r.Field)}
		d.Quote = r.Reason
	case Withdrawn:
		d.Subject = fmt.Sprintf("%s withdrew their request", other.Name)
		d.Paras = []string{fmt.Sprintf("%s withdrew their request about %s. There is nothing more to do, and thank you for being there for students.", other.Name, r.Field)}
	case Superseded:
		d.Subject = fmt.Sprintf("%s no longer needs an answer", other.Name)
		d.Paras = []string{fmt.Sprintf("Another volunteer has already agreed to talk with %s about %s, so their request to you is closed. Thank you for your time all the same.", other.Name, r.Field)}
	case Expired:
		d.Subject = fmt.Sprintf("Your request to %s has closed", other.Name)
		d.Paras = []string{fmt.Sprintf("%s did not answer your request about %s in time, so it has closed. Volunteers are busy people; it says nothing about you or your message.", other.Name, r.Field)}
		d.Suggestions = m.Suggestions
	case Cancelled:
		d.Subject = fmt.Sprintf("%s cancelled your conversation", other.Name)
		what := "your conversation about " + r.Field
		if !r.MeetingAt.IsZero() {
			what += " on " + meeting()
		}
		d.Paras = []string{fmt.Sprintf("%s had to cancel %s. In their words:", other.Name, what)}
		d.Quote = r.Reason
	case Suggested:
		d.Subject = fmt.Sprintf("Other volunteers you could talk to about %s", r.Field)
		if r.State == center.StateAccepted {
			d.Paras = []string{fmt.Sprintf("%s accepted your request about %s, but no time has been agreed yet. Write to them to settle one: their contact details are on the request's page.", other.Name, r.Field),
				fmt.Sprintf("If it does not work out, an advisor at %s picked these volunteers, who have room this month and could talk with you too.", m.Center)}
		} else {
			d.Paras = []string{fmt.Sprintf("%s has not answered your request about %s yet. It stays open until %s, but you need not wait: an advisor at %s picked these volunteers, who have room this month.",
				other.Name, r.Field, center.FormatDate(m.ExpiresAt, loc), m.Center),
				fmt.Sprintf("Writing to one of them is no slight to %s. When a volunteer says yes, your other requests about %s close by themselves, and each volunteer is told kindly.", firstName(other.Name), r.Field)}
		}
		d.Suggestions = m.Suggestions
	case AskOutcome:
		d.Subject = fmt.Sprintf("Did your conversation with %s happen?", other.Name)
		d.Paras = []string{fmt.Sprintf("Your conversation with %s about %s was planned for %s. Tell us in one click how it went, in the app.", other.Name, r.Field, meeting())}
		if m.To == center.ActorStudent {
			d.Paras = append(d.Paras, "If it happened, send your thank-you today if you have not yet.")
		}
	default:
		return d, fmt.Errorf("requestmail: no email for %q", m.Kind)
	}
	if m.SlowToAnswer && m.To == center.ActorStudent && (m.Kind == Sent || m.Kind == AskedMore) {
		d.Paras = append(d.Paras, fmt.Sprintf("%s reads requests in the app rather than by email, so an answer may take a little longer.", other.Name))
	}
	if len(d.Suggestions) > MaxSuggestions {
		d.Suggestions = d.Suggestions[:MaxSuggestions]
	}
	return d, nil
}

// Thanks is the center's thank-you to a volunteer for the conversations
// they held with its students in a period.
type Thanks struct {
	Center      string
	Volunteer   Party
	Held        int    // the conversations they held in the period
	Period      string // "Fall 2026", "the last 90 days"
	Note        string // the advisor's own words, or ""
	Unsubscribe string
}

// RenderThanks writes the thank-you to its volunteer.
func RenderThanks(t Thanks) (Email, error) {
	if t.Volunteer.Email == "" {
		return Email{}, fmt.Errorf("requestmail: no address for the volunteer")
	}
	conversations := "one conversation"
	if t.Held != 1 {
		conversations = fmt.Sprintf("%d conversations", t.Held)
	}
	d := doc{Subject: "Thank you from " + t.Center, Greeting: "Hello " + firstName(t.Volunteer.Name) + ",",
		Paras: []string{fmt.Sprintf("You held %s with students of %s in %s. Each one showed a student what the work is really like, from someone who does it.", conversations, t.Center, t.Period),
			"Thank you for your time and your candour. Students remember these conversations long after they have forgotten the brochures."},
		Quote: strings.TrimSpace(t.Note), Center: t.Center, Unsubscribe: t.Unsubscribe}
	var text, html bytes.Buffer
	if err := textTmpl.Execute(&text, d); err != nil {
		return Email{}, fmt.Errorf("requestmail: %w", err)
	}
	if err := htmlTmpl.Execute(&html, d); err != nil {
		return Email{}, fmt.Errorf("requestmail: %w", err)
	}
	return Email{To: t.Volunteer.Email, Subject: d.Subject, Text: text.String(), HTML: html.String()}, nil
}

// invitation is the .ics of the agreed conversation, in the reader's zone.
func invitation(m Message, reader, other Party) (string, error) {
	r := m.Request
	if r.MeetingAt.IsZero() {
		return "", fmt.Errorf("requestmail: an invitation needs the agreed time")
	}
	var b bytes.Buffer
	ev := interop.Event{UID: fmt.Sprintf("request-%d@ally", r.ID), Start: r.MeetingAt, Minutes: r.Minutes,
		Summary: fmt.Sprintf("%s: conversation with %s", r.Field, other.Name), Location: string(r.Channel),
		Description: fmt.Sprintf("%s, %s, by %s (%s).", r.Field, fmt.Sprintf("%d minutes", r.Minutes), r.Channel, m.Center),
		URL:         m.RequestURL, Stamp: m.Stamp, Alarms: m.To == center.ActorStudent}
	if err := interop.WriteICS(&b, m.Center, reader.zone(), []interop.Event{ev}, nil); err != nil {
		return "", fmt.Errorf("requestmail: invitation: %w", err)
	}
	return b.String(), nil
}

// ToEmail makes the outbox's email of a rendered one.
func (e Email) ToEmail(kind, dedupe string, due time.Time) model.Email {
	return model.Email{Kind: kind, To: e.To, Subject: e.Subject, Body: e.Text, HTML: e.HTML, ICS: e.ICS, DueAt: due, DedupeKey: dedupe}
}

var textTmpl = texttemplate.Must(texttemplate.New("text").Funcs(texttemplate.FuncMap{"lines": lines}).Parse(`{{.Greeting}}
{{range .Paras}}
{{.}}
{{end}}{{if .Quote}}
{{range $i, $l := lines .Quote}}> {{$l}}
{{end}}{{end}}{{if .List}}
{{.ListTitle}}:
{{range .List}}  - {{.}}
{{end}}{{end}}{{if .Actions}}
Answer in one click (each link asks you to confirm first):
{{range .Actions}}  {{.Label}}: {{.URL}}
{{end}}{{end}}{{if .Suggestions}}
Volunteers with room this month you could write to:
{{range .Suggestions}}  - {{.Name}}{{if .Title}}, {{.Title}}{{end}}{{if .Common}} ({{.Common}}){{end}}{{if .URL}}: {{.URL}}{{end}}
{{end}}{{end}}{{if .Open.URL}}
{{.Open.Label}}: {{.Open.URL}}
{{end}}
With our thanks,
{{.Center}}, through Ally
{{if .Unsubscribe}}
You receive this because of a request at {{.Center}}. To stop all but the essential emails: {{.Unsubscribe}}
{{end}}`))

var htmlTmpl = htmltemplate.Must(htmltemplate.New("html").Funcs(htmltemplate.FuncMap{"lines": lines}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 36em">
<p>{{.Greeting}}</p>
{{range .Paras}}<p>{{.}}</p>
{{end}}{{if .Quote}}<blockquote style="border-left: 3px solid #999; margin-left: 0; padding-left: 1em">{{range lines .Quote}}{{.}}<br>{{end}}</blockquote>
{{end}}{{if .List}}<p>{{.ListTitle}}:</p>
<ul>{{range .List}}<li>{{.}}</li>{{end}}</ul>
{{end}}{{if .Actions}}<p>Answer in one click (each link asks you to confirm first):</p>
<ul>{{range .Actions}}<li><a href="{{.URL}}">{{.Label}}</a></li>{{end}}</ul>
{{end}}{{if .Suggestions}}<p>Volunteers with room this month you could write to:</p>
<ul>{{range .Suggestions}}<li>{{if .URL}}<a href="{{.URL}}">{{.Name}}</a>{{else}}{{.Name}}{{end}}{{if .Title}}, {{.Title}}{{end}}{{if .Common}} ({{.Common}}){{end}}</li>{{end}}</ul>
{{end}}{{if .Open.URL}}<p><a href="{{.Open.URL}}">{{.Open.Label}}</a></p>
{{end}}<p>With our thanks,<br>{{.Center}}, through Ally</p>
{{if .Unsubscribe}}<p style="font-size: small; color: #555">You receive this because of a request at {{.Center}}. <a href="{{.Unsubscribe}}">Stop all but the essential emails</a>.</p>
{{end}}</body></html>
`))

func lines(s string) []string { return strings.Split(strings.TrimSpace(s), "\n") }

var digestText = texttemplate.Must(texttemplate.New("digest").Funcs(texttemplate.FuncMap{"lines": lines}).Parse(`{{.Greeting}}

{{.Lead}}
{{range .Items}}
* {{.Lead}}
{{range $i, $l := lines .Request.Message}}  > {{$l}}
{{end}}  Times they proposed (your time):
{{range .Times}}    - {{.}}
{{end}}{{if .Expires}}  It closes by itself on {{.Expires}}.
{{end}}{{if .Actions}}  Answer in one click (each link asks you to confirm first):
{{range .Actions}}    {{.Label}}: {{.URL}}
{{end}}{{end}}{{if .RequestURL}}  Open it in Ally: {{.RequestURL}}
{{end}}{{end}}
With our thanks,
{{.Center}}, through Ally
{{if .Settings}}
You receive one email a day because you chose it; change it on {{.Settings}}
{{end}}{{if .Unsubscribe}}To stop all but the essential emails: {{.Unsubscribe}}
{{end}}`))

var digestHTML = htmltemplate.Must(htmltemplate.New("digest").Funcs(htmltemplate.FuncMap{"lines": lines}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 36em">
<p>{{.Greeting}}</p>
<p>{{.Lead}}</p>
{{range .Items}}<h2 style="font-size: 1.1em">{{.Lead}}</h2>
<blockquote style="border-left: 3px solid #999; margin-left: 0; padding-left: 1em">{{range lines .Request.Message}}{{.}}<br>{{end}}</blockquote>
<p>Times they proposed (your time):</p>
<ul>{{range .Times}}<li>{{.}}</li>{{end}}</ul>
{{if .Expires}}<p>It closes by itself on {{.Expires}}.</p>
{{end}}{{if .Actions}}<p>Answer in one click (each link asks you to confirm first):</p>
<ul>{{range .Actions}}<li><a href="{{.URL}}">{{.Label}}</a></li>{{end}}</ul>
{{end}}{{if .RequestURL}}<p><a href="{{.RequestURL}}">Open it in Ally</a></p>
{{end}}{{end}}<p>With our thanks,<br>{{.Center}}, through Ally</p>
<p style="font-size: small; color: #555">{{if .Settings}}You receive one email a day because you chose it: <a href="{{.Settings}}">change it</a>. {{end}}{{if .Unsubscribe}}<a href="{{.Unsubscribe}}">Stop all but the essential emails</a>.{{end}}</p>
</body></html>
`))
