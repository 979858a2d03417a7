package center

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
)

// A Rule names the limit that refused a request; the API returns it with
// a 409 and the CLI prints it.
type Rule string

// The rules that protect volunteers (and the etiquette checker's one).
const (
	RulePendingLimit    Rule = "pending_limit"     // the student has MaxPendingPerStudent requests waiting
	RuleOnePerVolunteer Rule = "one_per_volunteer" // the student already waits on this volunteer
	RuleCapacity        Rule = "capacity"          // the volunteer used this month's capacity
	RuleFull            Rule = "full"              // FullFactor × remaining capacity requests pending
	RulePaused          Rule = "paused"            // the volunteer is taking a break
	RuleBlocked         Rule = "blocked"           // no-shows or late cancellations, until an advisor clears it
	RuleReported        Rule = "reported"          // the volunteer reported this student
	RuleChecker         Rule = "checker"           // the message asks for a job or offers a resume
)

// Rules lists every rule in the order MaySend tries them.
func Rules() []Rule {
	return []Rule{RuleBlocked, RuleReported, RuleOnePerVolunteer, RulePendingLimit, RulePaused, RuleCapacity, RuleFull, RuleChecker}
}

// A Refusal is a limit that stops a step, with a kind message that says
// what to do instead.
type Refusal struct {
	Rule    Rule
	Message string
}

func (r *Refusal) Error() string { return r.Message }

// VolunteerLoad is what the limits need to know of the volunteer written to.
type VolunteerLoad struct {
	ID       int64
	Name     string
	Capacity int // conversations a month they offer
	// PausedUntil is a date, read from its own year, month and day: the
	// day the volunteer takes requests again. Zero: not paused.
	PausedUntil time.Time
	Used        int // capacity used this month (Settings.CapacityUsed of the current month)
	Pending     int // open requests to them, from every student
}

// A SendSnapshot is what the store reads, inside the transaction that
// creates the request, for MaySend to decide.
type SendSnapshot struct {
	Now       time.Time
	Volunteer VolunteerLoad

	Open           []Request   // the student's open requests (pending, more_info)
	Strikes        []time.Time // the student's no-shows and late cancellations (Strikes)
	BlockClearedAt time.Time   // the last time an advisor cleared the student's block; zero: never
	Reported       bool        // the volunteer reported a request of this student

	Findings []etiquette.Finding // the checker's findings on the message
	Override string              // the student's word why the checker is wrong here; empty: none
}

// MaySend decides whether the student may send this request now: nil, or
// a *Refusal naming the first rule that stops it (in the order of Rules:
// what the student cannot change by rewording comes before the checker).
func (s Settings) MaySend(snap SendSnapshot) error {
	v := snap.Volunteer
	refuse := func(rule Rule, format string, args ...any) error {
		return &Refusal{Rule: rule, Message: fmt.Sprintf(format, args...)}
	}
	if _, blocked := s.BlockedSince(snap.Strikes, snap.BlockClearedAt); blocked {
		return refuse(RuleBlocked, "You missed or cancelled late %d conversations within %d days, so new requests are on hold until an advisor clears them; talk to your career center and they will help you start again.",
			s.BlockAfter, s.BlockWindowDays)
	}
	if snap.Reported {
		return refuse(RuleReported, "You cannot write to %s again. If you think this is a mistake, talk to your career center.", nameOr(v.Name, "this volunteer"))
	}
	waiting, withThem := 0, 0
	for _, r := range snap.Open {
		if !r.State.Open() {
			continue
		}
		waiting++
		if r.VolunteerID == v.ID {
			withThem++
		}
	}
	if withThem >= s.MaxPendingPerVolunteer {
		return refuse(RuleOnePerVolunteer, "You already have %s waiting with %s; wait for their answer, or withdraw it before writing again.",
			plural(withThem, "a request", "%d requests"), nameOr(v.Name, "this volunteer"))
	}
	if waiting >= s.MaxPendingPerStudent {
		return refuse(RulePendingLimit, "You have %d requests waiting for an answer; withdraw one or wait.", waiting)
	}
	if err := s.TakesRequests(v, snap.Now); err != nil {
		return err
	}
	if etiquette.HasErrors(snap.Findings) && strings.TrimSpace(snap.Override) == "" {
		return refuse(RuleChecker, "Your message %s, which turns a helper into an assessor. Change what the checker points out; or, if it is wrong here, say why in a word and your request goes out for an advisor to review.",
			errorWords(snap.Findings))
	}
	return nil
}

// TakesRequests tells whether a volunteer takes a new request at now: nil,
// or the *Refusal (paused, capacity or full) a student would get. The
// directory's "has room this month" is the same question.
func (s Settings) TakesRequests(v VolunteerLoad, now time.Time) error {
	name := nameOr(v.Name, "This volunteer")
	loc := s.Location()
	if PausedOn(v.PausedUntil, now, loc) {
		return &Refusal{Rule: RulePaused, Message: fmt.Sprintf("%s is taking a break until %s; write to them from that day, or choose someone with room now.",
			name, v.PausedUntil.Format("Mon 2 Jan 2006"))}
	}
	if Remaining(v.Capacity, v.Used) == 0 {
		m := MonthOf(now, loc)
		return &Refusal{Rule: RuleCapacity, Message: fmt.Sprintf("%s has no room left in %s; write to them in %s, or choose someone with room now.",
			name, m.Month, m.Next().Month)}
	}
	if v.Pending >= s.PendingRoom(v.Capacity, v.Used) {
		return &Refusal{Rule: RuleFull, Message: fmt.Sprintf("%s is full for now: they have as many requests waiting as they can answer. Choose someone with room, or try again in a few days.", name)}
	}
	return nil
}

// Load counts a volunteer's capacity used this month and open requests
// from their requests (any states; others' are left out), as the store
// counts them in SQL: the reference its tests compare with.
func (s Settings) Load(v VolunteerLoad, reqs []Request, now time.Time) VolunteerLoad {
	var mine []Request
	for _, r := range reqs {
		if r.VolunteerID == v.ID {
			mine = append(mine, r)
		}
	}
	v.Used = s.CapacityUsed(mine, MonthOf(now, s.Location()), 0)
	v.Pending = 0
	for _, r := range mine {
		if r.State.Open() {
			v.Pending++
		}
	}
	return v
}

// NeedsReview reports whether a request goes out flagged for an advisor's
// review: the checker found an error and the student said, with a reason,
// that it is wrong here. Each such request is an override to count.
func NeedsReview(findings []etiquette.Finding, override string) bool {
	return etiquette.HasErrors(findings) && strings.TrimSpace(override) != ""
}

// PausedOn reports whether a volunteer paused until a date (back on that
// day) is still paused at now, in the center's zone.
func PausedOn(pausedUntil, now time.Time, loc *time.Location) bool {
	if pausedUntil.IsZero() {
		return false
	}
	y, m, d := pausedUntil.Date()
	return now.In(loc).Before(time.Date(y, m, d, 0, 0, 0, 0, loc))
}

// errorWords says what the checker's errors are about.
func errorWords(fs []etiquette.Finding) string {
	var job, resume, other bool
	for _, f := range fs {
		switch {
		case f.Severity != etiquette.Error:
		case f.Rule == "job_ask":
			job = true
		case f.Rule == "resume_offer":
			resume = true
		default:
			other = true
		}
	}
	switch {
	case job && resume:
		return "asks for a job and offers a resume"
	case job:
		return "asks for a job"
	case resume:
		return "offers a resume"
	case other:
		return "has a problem the checker marks as an error"
	}
	return ""
}

func nameOr(name, otherwise string) string {
	if name = strings.TrimSpace(name); name != "" {
		return name
	}
	return otherwise
}

// A Draft is a request as the student wrote it in the composer.
type Draft struct {
	StudentID     int64
	VolunteerID   int64
	Field         string
	Purpose       string
	Message       string
	Minutes       int
	Channel       string
	ProposedTimes []time.Time // none: at the volunteer's convenience
	Override      string      // why the checker is wrong here, if the student says so
}

// ValidateDraft checks a draft against the center's settings and what the
// volunteer offers (offered empty: any channel), and tidies it (trimmed
// text, times in order). It returns model.Errors naming each field, so a
// form can say what is wrong next to it.
func (s Settings) ValidateDraft(d *Draft, offered []model.Channel, now time.Time) error {
	d.Field, d.Purpose, d.Message = strings.TrimSpace(d.Field), strings.TrimSpace(d.Purpose), strings.TrimSpace(d.Message)
	d.Override = strings.TrimSpace(d.Override)
	var es model.Errors
	add := func(field, format string, args ...any) {
		es = append(es, &model.FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if d.VolunteerID == 0 {
		add("volunteer", "choose the volunteer to write to")
	} else if d.VolunteerID == d.StudentID {
		add("volunteer", "you cannot send a request to yourself")
	}
	if d.Field == "" {
		add("field", "name the career field you want to learn about")
	}
	if d.Message == "" {
		add("message", "write your message to the volunteer")
	}
	if !slices.Contains(s.Minutes, d.Minutes) {
		add("minutes", "ask for %s minutes", orList(s.Minutes))
	}
	if c, err := model.ParseChannel(d.Channel); err != nil {
		add("channel", "choose how to talk: video, phone, in person or email")
	} else if len(offered) > 0 && !slices.Contains(offered, c) {
		add("channel", "this volunteer talks by %s", orList(offered))
	} else {
		d.Channel = string(c)
	}
	slices.SortFunc(d.ProposedTimes, time.Time.Compare)
	d.ProposedTimes = slices.CompactFunc(d.ProposedTimes, time.Time.Equal)
	if len(d.ProposedTimes) > s.MaxProposedTimes {
		add("proposed_times", "propose at most %d times, or none to leave it to the volunteer", s.MaxProposedTimes)
	}
	for _, t := range d.ProposedTimes {
		if !t.After(now) {
			add("proposed_times", "%s has already passed; propose times to come", FormatTime(t, s.Location()))
			break
		}
	}
	if len(es) > 0 {
		return es
	}
	return nil
}

// orList says a list the way people do: "15, 20 or 30".
func orList[T any](xs []T) string {
	words := make([]string, len(xs))
	for i, x := range xs {
		words[i] = strings.ReplaceAll(fmt.Sprint(x), "_", " ")
	}
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// CheckDraft runs the etiquette checker on a draft's message as the
// volunteer (named volunteer) will read it: a first request, by email or
// in the app, for the minutes asked. SendRequest decides on its findings.
func CheckDraft(d Draft, volunteer string) []etiquette.Finding {
	return etiquette.Check(d.Message, etiquette.Context{Channel: etiquette.Email, Kind: etiquette.FirstRequest,
		ContactName: volunteer, Minutes: d.Minutes})
}

// ParseDecline reads a decline as the CLI and the API take it: reason is
// one of DeclineReasons (text then is the suggested person's name, or the
// volunteer's own words) or, when it is none of them, the volunteer's own
// words.
func ParseDecline(reason, text string) (DeclineReason, string) {
	reason, text = strings.TrimSpace(reason), strings.TrimSpace(text)
	if slices.Contains(DeclineReasons(), DeclineReason(reason)) {
		return DeclineReason(reason), text
	}
	if reason == "" {
		return "", text
	}
	if text != "" {
		reason += " " + text
	}
	return DeclineOwn, reason
}
