package etiquette

import "fmt"

// Channel is the medium a message is written for.
type Channel string

// The channels a message can be written for.
const (
	Email  Channel = "email"
	Letter Channel = "letter"
	Phone  Channel = "phone" // a script the user reads aloud
	Social Channel = "social"
)

// Channels lists the valid channels.
func Channels() []Channel { return []Channel{Email, Letter, Phone, Social} }

// ParseChannel turns a user-supplied name into a Channel; the empty string
// means email, the most common case.
func ParseChannel(s string) (Channel, error) {
	if s == "" {
		return Email, nil
	}
	for _, c := range Channels() {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown channel %q (want email, letter, phone or social)", s)
}

// Kind is the stage of the relationship a message belongs to.
type Kind string

// The kinds of message, in the order they usually happen.
const (
	FirstRequest Kind = "first_request"
	FollowUp     Kind = "follow_up"   // one polite nudge after 7 business days without a reply
	Confirm      Kind = "confirm"     // about 48 hours before the meeting
	ThankYou     Kind = "thank_you"   // within 12 hours after the meeting
	ReportBack   Kind = "report_back" // to the person who made the introduction
	KeepInTouch  Kind = "keep_in_touch"
	Feeler       Kind = "feeler" // much later, only if the user pursues the field
)

// Kinds lists the valid kinds.
func Kinds() []Kind {
	return []Kind{FirstRequest, FollowUp, Confirm, ThankYou, ReportBack, KeepInTouch, Feeler}
}

// ParseKind turns a user-supplied name into a Kind; the empty string means
// first_request.
func ParseKind(s string) (Kind, error) {
	if s == "" {
		return FirstRequest, nil
	}
	for _, k := range Kinds() {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown kind %q (want one of first_request, follow_up, confirm, thank_you, report_back, keep_in_touch, feeler)", s)
}

// Severity tells how serious a finding is.
type Severity string

// Severities. An error is something that would turn the professional from an
// ally into an assessor; a warning is advice.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Context is what is known about a message besides its text.
type Context struct {
	Channel Channel // zero means email
	Kind    Kind    // zero means first_request

	ContactName  string // the person written to, if known
	ReferrerName string // who suggested the contact; empty for a commonality or cold contact
	Commonality  string // what the user shares with the contact (school, association, article)

	// Minutes the user intends to ask for, 0 if unknown. The text is what
	// the professional reads, so rules judge the text; Minutes only sizes
	// the suggestion when the text names no time.
	Minutes int
}

// normalized fills in the documented defaults for zero values.
func (c Context) normalized() Context {
	if c.Channel == "" {
		c.Channel = Email
	}
	if c.Kind == "" {
		c.Kind = FirstRequest
	}
	return c
}

// Finding is one problem found in a text.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Start    int      `json:"start"` // byte offset of the words concerned in the original text
	End      int      `json:"end"`   // byte offset just past them

	// Rewrite is a suggested replacement for the sentence concerned, when
	// the rule has one (job_ask, resume_offer).
	Rewrite string `json:"rewrite,omitempty"`
	// Parts are the words that made a job_ask or resume_offer finding:
	// the employment target, the ask or wish, and who it is for. A finding
	// from the phrase table has one part, the phrase.
	Parts []Part `json:"parts,omitempty"`
}

// Part roles, as `ally check --explain` prints them.
const (
	PartTarget      = "target"      // the job, opening, hiring... (or the resume) asked about
	PartAsk         = "ask"         // the question, wish, condition or verb that asks
	PartBeneficiary = "beneficiary" // who gains: the writer (I, me, my)
	PartPhrase      = "phrase"      // a known phrase from the table
)

// Part is one piece of a sentence that made a finding.
type Part struct {
	Role  string `json:"role"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// HasErrors reports whether any finding is error-level, which is what makes
// `ally check` exit 1.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}
