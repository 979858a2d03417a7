package method

import (
	"fmt"
	"strings"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
)

// Keeping something anyway is Ally's one way for the user to overrule its
// advice: what the method advises against (a first conversation asking for
// more than 30 minutes, a question the checker reads as a job ask) is held
// back with a Caution until the user says to keep it anyway. The CLI, the
// web forms and the API name that answer the same way.
const (
	// KeepAnywayFlag is the CLI flag; --force is its older name and still works.
	KeepAnywayFlag = "keep-anyway"
	// KeepAnywayField is the web form's checkbox and the API's JSON key.
	KeepAnywayField = "keep_anyway"
	// KeepAnywayLabel is what the web's checkbox says before the caution's own words.
	KeepAnywayLabel = "Keep it anyway"
)

// KeepAnywayAliases are the older names of KeepAnywayField that web forms
// and API clients may still send: keep_minutes (long asks) and keep
// (questions).
var KeepAnywayAliases = []string{"keep_minutes", "keep"}

// A Caution is advice the user may overrule: what is held back, what to do
// instead, and what keeping it anyway keeps.
type Caution struct {
	Field   string // the input it is about: "minutes", "text"
	Message string // what the method advises against
	Rule    string // the checker's rule, when a checker found it (named on the CLI)
	Instead string // what to do instead, in lower case: "ask for less"
	Keeping string // what keeping it anyway keeps: "60 minutes"
}

// Via is the interface a caution is answered through; each says how to
// keep it anyway in its own terms.
type Via int

const (
	ViaCLI Via = iota
	ViaWeb
	ViaAPI
)

// Error is the caution as a field error for an interface: the advice, what
// to do instead, and how to keep it anyway there.
func (c *Caution) Error(via Via) error {
	msg := c.Message
	if c.Rule != "" && via == ViaCLI {
		msg += " (" + c.Rule + ")" // the name --rule and `ally check` use
	}
	switch via {
	case ViaWeb:
		return model.Invalid(c.Field, "%s. %s, or tick “%s” below to keep %s.", msg, upperFirst(c.Instead), KeepAnywayLabel, c.Keeping)
	case ViaAPI:
		return model.Invalid(c.Field, "%s; %s, or send %q: true to keep %s", msg, c.Instead, KeepAnywayField, c.Keeping)
	default:
		return model.Invalid(c.Field, "%s; %s, or add --%s to keep %s", msg, c.Instead, KeepAnywayFlag, c.Keeping)
	}
}

// Label is the web checkbox's text for this caution.
func (c *Caution) Label() string {
	return fmt.Sprintf("%s: I have read the advice and keep %s", KeepAnywayLabel, c.Keeping)
}

// KeepAnyway is the one decision every interface makes: nil when there is
// nothing to caution about or the user keeps it anyway, else the caution
// as an error in that interface's terms.
func KeepAnyway(c *Caution, keep bool, via Via) error {
	if c == nil || keep {
		return nil
	}
	return c.Error(via)
}

// MinutesCaution holds back a first conversation asking for more than
// MaxFirstAskMinutes; nil when the ask is fine (or out of range, which
// validation refuses outright).
func MinutesCaution(minutes int) *Caution {
	w := MinutesWarning(minutes)
	if w == "" {
		return nil
	}
	return &Caution{Field: "minutes", Message: w, Instead: "ask for less", Keeping: fmt.Sprintf("%d minutes", minutes)}
}

// QuestionCaution holds back a question of the user's own when the checker
// finds an error in it (it asks for a job, offers a resume); nil otherwise.
func QuestionCaution(fs []etiquette.Finding) *Caution {
	for _, f := range fs {
		if f.Severity == etiquette.Error {
			return &Caution{Field: "text", Message: f.Message, Rule: f.Rule, Instead: "rephrase it", Keeping: "this wording"}
		}
	}
	return nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
