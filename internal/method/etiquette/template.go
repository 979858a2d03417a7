package etiquette

import (
	"fmt"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"
)

// Template is a message with placeholders in text/template syntax. Besides
// every field of Data ({{.PersonName}}, {{.Minutes}}...), a template can use
// these, computed from Data so that a missing value reads naturally:
//
//	{{.Greeting}}  "Dear Maria Lopez," or "Hello,"
//	{{.Hi}}        "Hi Maria," or "Hello,"
//	{{.Intro}}     "My name is Dana Brown, and I am a junior at UMass Amherst."
//	{{.About}}     the same without the name: the user's one-line intro, or
//	               "I am a junior at UMass Amherst.", or nothing
//
// Optional parts go inside {{if .X}}…{{end}}; Fill tidies the spaces and
// punctuation that an empty value leaves behind.
type Template struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Kind    Kind    `json:"kind"`
	Channel Channel `json:"channel"`
	Subject string  `json:"subject,omitempty"` // email only
	Body    string  `json:"body"`
	BuiltIn bool    `json:"built_in"`
}

// Data fills a template's placeholders. Every field is optional.
type Data struct {
	UserName   string
	UserSchool string // "UMass Amherst"
	UserYear   string // "junior", "second-year student", "2024 graduate"
	UserIntro  string // a first-person line from settings; replaces school and year when set

	PersonName      string
	PersonFirstName string // derived from PersonName when empty
	Organization    string
	Role            string

	ReferrerName      string
	ReferrerFirstName string // derived from ReferrerName when empty
	// Commonality completes "I am writing because of …": "our shared UMass
	// Amherst background", "your article on rural clinics".
	Commonality string
	// Suggested marks someone suggested to the user by a referrer who was
	// not asked, or said no, to being named: the draft says it neutrally
	// ("through a colleague") and names nobody.
	Suggested bool

	Field   string // "public policy"
	Minutes int    // minutes asked for; 0 means 20

	MeetingTime string // "Thursday, March 12 at 10:00"
	Place       string // "your office", "the café on Main Street"
	// LearnedThing completes "I especially valued learning …": "how much
	// of policy work is writing short memos".
	LearnedThing string
	Article      string // "a piece in Governing on state budget offices"
	// AdviceTaken completes "Since we spoke, I …": what the user did with
	// the advice, for the first keep-in-touch note ("joined the state
	// budget officers' association and read its last two reports").
	AdviceTaken string
}

// view is what templates see: Data plus the computed phrases.
type view struct {
	Data
	Greeting, Hi, Intro, About string
}

func newView(d Data) view {
	for _, p := range []*string{&d.UserName, &d.UserSchool, &d.UserYear, &d.UserIntro,
		&d.PersonName, &d.PersonFirstName, &d.Organization, &d.Role, &d.ReferrerName,
		&d.ReferrerFirstName, &d.Commonality, &d.Field, &d.MeetingTime, &d.Place,
		&d.LearnedThing, &d.Article, &d.AdviceTaken} {
		*p = strings.Join(strings.Fields(*p), " ")
	}
	if d.Minutes <= 0 {
		d.Minutes = suggestedMinutes
	}
	if d.PersonFirstName == "" {
		d.PersonFirstName = firstName(d.PersonName)
	}
	if d.ReferrerFirstName == "" {
		d.ReferrerFirstName = firstName(d.ReferrerName)
	}
	d.LearnedThing = strings.TrimRight(d.LearnedThing, ".!")
	d.Commonality = strings.TrimRight(d.Commonality, ".!")
	d.Article = strings.TrimRight(d.Article, ".!")
	d.AdviceTaken = strings.TrimRight(d.AdviceTaken, ".!")

	v := view{Data: d, Greeting: "Hello,", Hi: "Hello,"}
	if d.PersonName != "" {
		v.Greeting = "Dear " + d.PersonName + ","
	}
	if d.PersonFirstName != "" {
		v.Hi = "Hi " + d.PersonFirstName + ","
	}
	switch {
	case d.UserIntro != "":
		v.About = asSentence(d.UserIntro)
	case d.UserYear != "" || d.UserSchool != "":
		year := d.UserYear
		if year == "" {
			year = "student"
		}
		v.About = "I am " + withArticle(year)
		if d.UserSchool != "" {
			prep := " at "
			if strings.Contains(strings.ToLower(year), "graduate") || strings.Contains(strings.ToLower(year), "alum") {
				prep = " of "
			}
			v.About += prep + d.UserSchool
		}
		v.About += "."
	}
	switch {
	case d.UserName == "":
		v.Intro = v.About
	case d.UserIntro == "" && v.About != "":
		v.Intro = "My name is " + d.UserName + ", and " + lowerFirst(v.About)
	default:
		v.Intro = strings.TrimSpace("My name is " + d.UserName + ". " + v.About)
	}
	return v
}

// firstName is the first word of a name that is not a title.
func firstName(name string) string {
	for _, w := range strings.Fields(name) {
		if !nameStopwords[strings.ToLower(strings.TrimSuffix(w, "."))] {
			return w
		}
	}
	return ""
}

// asSentence capitalizes s and makes sure it ends with punctuation.
func asSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.ContainsRune(".!?", rune(s[len(s)-1])) {
		s += "."
	}
	return s
}

func lowerFirst(s string) string {
	if strings.HasPrefix(s, "I ") {
		return s // "I am…" keeps its capital
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// withArticle puts "a" or "an" before a noun phrase, by its first sound
// as far as spelling tells: "an MBA student", "a university senior".
func withArticle(s string) string {
	w := strings.Fields(s)[0]
	lw := strings.ToLower(w)
	an := false
	switch {
	case len(w) > 1 && strings.ToUpper(w) == w && unicode.IsLetter(rune(w[0])):
		an = strings.ContainsRune("AEFHILMNORSX", rune(w[0])) // acronyms said letter by letter
	case strings.HasPrefix(lw, "uni"), strings.HasPrefix(lw, "use"), strings.HasPrefix(lw, "one"):
	case strings.HasPrefix(lw, "hon"), strings.HasPrefix(lw, "hour"):
		an = true
	case lw != "" && strings.ContainsRune("aeiou", rune(lw[0])):
		an = true
	case strings.HasPrefix(lw, "8") || strings.HasPrefix(lw, "11") || strings.HasPrefix(lw, "18"):
		an = true // "an 8th-year", "an 18-month"
	}
	if an {
		return "an " + s
	}
	return "a " + s
}

// Fill executes the template with d. Missing optional values leave no trace:
// no "<no value>", no double spaces, no space before punctuation, no run of
// blank lines. A template that names an unknown placeholder is an error.
func (t Template) Fill(d Data) (subject, body string, err error) {
	v := newView(d)
	subject, err = execute(t.ID+".subject", t.Subject, v)
	if err != nil {
		return "", "", err
	}
	body, err = execute(t.ID+".body", t.Body, v)
	if err != nil {
		return "", "", err
	}
	return tidy(strings.Join(strings.Fields(subject), " ")), tidy(body), nil
}

// Validate reports a template the user wrote that would not fill: bad
// syntax or an unknown placeholder.
func (t Template) Validate() error {
	_, _, err := t.Fill(Data{UserName: "A", PersonName: "B", ReferrerName: "C", Field: "D"})
	return err
}

func execute(name, text string, v view) (string, error) {
	if text == "" {
		return "", nil
	}
	tm, err := template.New(name).Option("missingkey=error").Parse(text)
	if err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	var b strings.Builder
	if err := tm.Execute(&b, v); err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	return b.String(), nil
}

// tidy cleans what empty placeholders leave behind.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		for _, p := range []string{",", ".", ";", ":", "?", "!", ")"} {
			l = strings.ReplaceAll(l, " "+p, p)
		}
		l = strings.ReplaceAll(l, "( ", "(")
		if strings.Contains(l, "()") {
			l = strings.Join(strings.Fields(strings.ReplaceAll(l, "()", "")), " ")
		}
		l = strings.ReplaceAll(l, ",,", ",")
		l = strings.ReplaceAll(l, ",.", ".")
		if !strings.Contains(l, "...") {
			l = strings.ReplaceAll(l, "..", ".")
		}
		lines[i] = strings.TrimSpace(l)
	}
	s = strings.Join(lines, "\n")
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return strings.Trim(s, "\n")
}

// The built-in templates, in Ally's own words. Each fills to a message with
// no finding for its kind and channel (see TestBuiltInsPassCheck).
var builtIns = []Template{
	{
		ID: "email-referral", Name: "First request by email, through a referrer", Kind: FirstRequest, Channel: Email,
		Subject: `{{.ReferrerName}} suggested I contact you`,
		Body: `{{.Greeting}}

{{if .ReferrerName}}{{.ReferrerName}} suggested I contact you.{{end}} {{.Intro}}

I would value learning what work in {{if .Field}}{{.Field}}{{else}}your field{{end}} is really like{{if .Organization}}, and your experience at {{.Organization}} would help me see it from the inside{{end}}. I am not asking about jobs; I only hope to hear your perspective.

Would you have {{.Minutes}} minutes in the coming weeks, at a time that suits you? A phone call would be just as welcome.

Best regards,
{{.UserName}}`,
	},
	{
		ID: "email-commonality", Name: "First request by email, through something in common", Kind: FirstRequest, Channel: Email,
		Subject: `A question about your work{{if .Field}} in {{.Field}}{{end}}`,
		Body: `{{.Greeting}}

{{if .Commonality}}I am writing because of {{.Commonality}}.{{end}} {{.Intro}}

I would value learning what work in {{if .Field}}{{.Field}}{{else}}your field{{end}} is really like{{if .Organization}}, and your experience at {{.Organization}} would help me see it from the inside{{end}}. I am not asking about jobs; I only hope to hear your perspective.

Would you have {{.Minutes}} minutes in the coming weeks, at a time that suits you? A phone call would be just as welcome.

Best regards,
{{.UserName}}`,
	},
	{
		ID: "email-cold", Name: "First request by email, without a connection", Kind: FirstRequest, Channel: Email,
		Subject: `A request to learn from your experience{{if .Field}} in {{.Field}}{{end}}`,
		Body: `{{.Greeting}}

{{if .Suggested}}I learned about your work{{if .Organization}} at {{.Organization}}{{end}} through a colleague{{else}}I came across your work{{if .Organization}} at {{.Organization}}{{end}} while reading about {{if .Field}}{{.Field}}{{else}}your field{{end}}{{end}}, and I would value hearing how you see it from the inside. {{.Intro}}

I am not looking for a job; I am trying to understand the work before I choose a path. Would you have {{.Minutes}} minutes in the coming weeks, at your convenience? A short phone call would suit me just as well.

Best regards,
{{.UserName}}`,
	},
	{
		ID: "email-known", Name: "First request by email, to someone you know", Kind: FirstRequest, Channel: Email,
		Subject: `Could I ask you about {{if .Field}}{{.Field}}{{else}}your work{{end}}?`,
		Body: `{{.Greeting}}

I hope you are well. I am looking seriously at {{if .Field}}{{.Field}}{{else}}the work you do{{end}}, and you were one of the first people I thought of.

I would value your honest view of the work{{if .Organization}} and of {{.Organization}}{{end}}. I am not asking about jobs; I only want to understand it better.

Would you have {{.Minutes}} minutes in the next few weeks? A call or a coffee, whichever suits you.

Thank you,
{{.UserName}}`,
	},
	{
		ID: "letter-request", Name: "First request by letter", Kind: FirstRequest, Channel: Letter,
		Body: `{{if .PersonName}}{{.PersonName}}
{{end}}{{if .Role}}{{.Role}}
{{end}}{{if .Organization}}{{.Organization}}
{{end}}
{{.Greeting}}

{{if .ReferrerName}}{{.ReferrerName}} suggested I write to you.{{else if .Commonality}}I am writing because of {{.Commonality}}.{{else}}Your work{{if .Organization}} at {{.Organization}}{{end}} stood out to me while I was reading about {{if .Field}}{{.Field}}{{else}}your field{{end}}.{{end}} {{.Intro}}

As I consider {{if .Field}}{{.Field}}{{else}}your field{{end}}, I would be grateful to learn from your experience: how you came to the work, what a typical week involves, and what you wish newcomers understood. To be clear, I am not seeking a position; I am gathering advice before I choose a direction.

Would you be willing to speak with me for {{.Minutes}} minutes, at a time and place that suit you? A telephone conversation would be just as welcome. I will call your office next week to see what might work best for you.

Thank you for considering my request.

Sincerely,

{{.UserName}}`,
	},
	{
		ID: "phone-script", Name: "Phone script: the ten-second introduction and the ask", Kind: FirstRequest, Channel: Phone,
		Body: `Hello{{if .PersonName}} {{.PersonName}}{{end}}, this is {{.UserName}}. {{if .ReferrerName}}{{.ReferrerName}} suggested I call you.{{else if .Commonality}}I am calling because of {{.Commonality}}.{{end}} {{.About}}

I would like to learn from your experience{{if .Field}} in {{.Field}}{{end}}; I am not looking for a job. Would you have {{.Minutes}} minutes to talk, either now or at a time that suits you better?`,
	},
	{
		ID: "social-note", Name: "Social or LinkedIn connection note (under 300 characters)", Kind: FirstRequest, Channel: Social,
		Body: `{{.Hi}} {{if .ReferrerName}}{{.ReferrerName}} suggested I contact you.{{else if .Commonality}}I'm reaching out because of {{.Commonality}}.{{end}} I'm exploring {{if .Field}}{{.Field}}{{else}}your field{{end}} and would value learning from your experience (not a job request). Would you have {{.Minutes}} minutes for a call when convenient?
{{.UserName}}`,
	},
	{
		ID: "follow-up", Name: "Follow-up after 7 business days without a reply", Kind: FollowUp, Channel: Email,
		Subject: `Following up{{if .ReferrerName}}: {{.ReferrerName}} suggested I contact you{{else if .Field}} on my note about {{.Field}}{{end}}`,
		Body: `{{.Greeting}}

I wrote recently{{if .ReferrerName}} at {{.ReferrerName}}'s suggestion{{else if .Commonality}} because of {{.Commonality}}{{end}} to ask whether you might share {{.Minutes}} minutes about your experience{{if .Field}} in {{.Field}}{{end}}. I know how full your schedule must be, so I am following up only once.

I am still hoping to learn from your perspective, and I am not asking about a job. Would a short call in the coming weeks work for you, whenever it suits? If now is not a good time, I completely understand.

Best regards,
{{.UserName}}`,
	},
	{
		ID: "confirm", Name: "Confirmation about 48 hours before", Kind: Confirm, Channel: Email,
		Subject: `Confirming our conversation{{if .MeetingTime}} on {{.MeetingTime}}{{end}}`,
		Body: `{{.Hi}}

I am writing to confirm our {{.Minutes}}-minute conversation{{if .MeetingTime}} on {{.MeetingTime}}{{end}}{{if .Place}} at {{.Place}}{{end}}. Thank you again for making the time; I am looking forward to hearing about your work{{if .Field}} in {{.Field}}{{end}}.

If anything has changed on your side, just let me know and I will gladly adjust.

Best regards,
{{.UserName}}`,
	},
	{
		ID: "thank-you", Name: "Thank-you email within 12 hours", Kind: ThankYou, Channel: Email,
		Subject: `Thank you{{if .PersonFirstName}}, {{.PersonFirstName}}{{end}}`,
		Body: `{{.Greeting}}

Thank you for taking the time to talk with me about your work{{if .Field}} in {{.Field}}{{end}}. {{if .LearnedThing}}I especially valued learning {{.LearnedThing}}.{{else}}Your candid answers gave me a much clearer picture of the field.{{end}}

I will follow up on your suggestions and let you know where they lead.{{if .ReferrerFirstName}} I will also tell {{.ReferrerFirstName}} how helpful our conversation was.{{end}}

With thanks,
{{.UserName}}`,
	},
	{
		ID: "thank-you-letter", Name: "Thank-you card or letter within 12 hours", Kind: ThankYou, Channel: Letter,
		Body: `{{.Greeting}}

Thank you for taking the time to talk with me about your work{{if .Field}} in {{.Field}}{{end}}. {{if .LearnedThing}}I especially valued learning {{.LearnedThing}}.{{else}}Your candid answers gave me a much clearer picture of the field.{{end}}

Your suggestions have given me clear next steps, and I will let you know where they lead.

Sincerely,

{{.UserName}}`,
	},
	{
		ID: "report-back", Name: "Report back to the referrer", Kind: ReportBack, Channel: Email,
		Subject: `Thank you for {{if .PersonName}}introducing me to {{.PersonName}}{{else}}the introduction{{end}}`,
		Body: `{{if .ReferrerFirstName}}Hi {{.ReferrerFirstName}},{{else}}Hello,{{end}}

Thanks to your introduction, I spoke with {{if .PersonName}}{{.PersonName}}{{else}}the person you suggested{{end}}{{if .Organization}} at {{.Organization}}{{end}}. {{if .LearnedThing}}It was a very useful conversation; among other things, I learned {{.LearnedThing}}.{{else}}It was a very useful conversation, and it gave me a much clearer picture of {{if .Field}}{{.Field}}{{else}}the field{{end}}.{{end}}

Thank you again for making the connection. I will keep you posted on where it leads.

Best,
{{.UserName}}`,
	},
	{
		ID: "keep-in-touch", Name: "Keeping in touch: an article or an update", Kind: KeepInTouch, Channel: Email,
		Subject: `{{if .Article}}Something I thought you would enjoy{{else}}A quick update{{end}}`,
		Body: `{{.Hi}}

{{if .Article}}I came across {{.Article}} and thought of our conversation{{if .Field}} about {{.Field}}{{end}}; I hope you find it as interesting as I did.{{else}}I wanted to send a short update since we spoke{{if .Field}} about {{.Field}}{{end}}: your advice is still shaping how I approach my next steps.{{end}}{{if .LearnedThing}} Our conversation still comes back to me, especially learning {{.LearnedThing}}.{{end}}

I hope all is well with you{{if .Organization}} and everyone at {{.Organization}}{{end}}.

Best,
{{.UserName}}`,
	},
	{
		ID: AdviceUpdateID, Name: "Keeping in touch, the first time: what you did with their advice", Kind: KeepInTouch, Channel: Email,
		Subject: `What I did with your advice`,
		Body: `{{.Hi}}

When we spoke{{if .Field}} about {{.Field}}{{end}}, I promised to let you know what came of your advice.{{if .AdviceTaken}} Since then, I {{.AdviceTaken}}.{{else}} Since then, I have followed up on your suggestions, and they have already shaped my next steps.{{end}}{{if .LearnedThing}} Learning {{.LearnedThing}} still guides how I think about it.{{end}}

Thank you again for your time. I hope all is well with you{{if .Organization}} and everyone at {{.Organization}}{{end}}.

Best,
{{.UserName}}`,
	},
	{
		ID: "feeler", Name: "Feeler note, much later, with a resume", Kind: Feeler, Channel: Email,
		Subject: `An update{{if .Field}} on my path into {{.Field}}{{end}}`,
		Body: `{{.Greeting}}

Some time ago you were kind enough to talk with me about {{if .Field}}{{.Field}}{{else}}your field{{end}}. Your advice helped me decide to pursue it, and I wanted to let you know how things have gone.{{if .LearnedThing}} Learning {{.LearnedThing}} was one of the things that convinced me.{{end}}

I have enclosed my resume so you can see where I am now. If you hear of any possibilities that might suit someone with my background, I would appreciate hearing from you.

Thank you again for your generosity.

Best regards,
{{.UserName}}`,
	},
}

// AdviceUpdateID is the built-in keep-in-touch note that comes first after
// a conversation: what the user did with the advice.
const AdviceUpdateID = "keep-in-touch-advice"

// BuiltIns returns Ally's own templates, one or more per kind. The slice
// is a copy; callers may change it.
func BuiltIns() []Template {
	out := make([]Template, len(builtIns))
	copy(out, builtIns)
	for i := range out {
		out[i].BuiltIn = true
	}
	return out
}

// Pick returns the built-in template for a stage. A first request by email
// depends on the connection: a referrer beats a commonality, which beats a
// cold note. Letter, phone and social first requests each have one template
// that adapts to the connection. Later kinds have an email template (and a
// letter for the thank-you); another channel gets the email version. Zero
// kind and channel mean first_request and email.
func Pick(kind Kind, ch Channel, hasReferrer bool, hasCommonality bool) Template {
	return PickKnown(kind, ch, hasReferrer, hasCommonality, false)
}

// PickKnown is Pick for someone the user may know already (a friend, a
// relative, a professor, a supervisor, a coworker, a classmate): a first
// request by email to them is the "someone you know" one rather than the
// cold one, unless a referrer may be named or a commonality was noted
// (their templates say how the user is connected).
func PickKnown(kind Kind, ch Channel, hasReferrer, hasCommonality, known bool) Template {
	if kind == "" {
		kind = FirstRequest
	}
	if ch == "" {
		ch = Email
	}
	id := ""
	if kind == FirstRequest && ch == Email {
		switch {
		case hasReferrer:
			id = "email-referral"
		case hasCommonality:
			id = "email-commonality"
		case known:
			id = "email-known"
		default:
			id = "email-cold"
		}
	}
	all := BuiltIns()
	var fallback *Template
	for i := range all {
		t := &all[i]
		if id != "" && t.ID == id || id == "" && t.Kind == kind && t.Channel == ch {
			return *t
		}
		if t.Kind == kind && t.Channel == Email && fallback == nil {
			fallback = t
		}
	}
	if fallback != nil {
		return *fallback
	}
	return all[0]
}
