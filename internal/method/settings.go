package method

import (
	"strings"
	"sync"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// Settings are the method's timings and the user's profile. Every number is
// a default from the method that a user may change.
type Settings struct {
	// TimeZone is an IANA name; empty means the machine's zone. Business days
	// and wall-clock rules are counted in it.
	TimeZone string `json:"time_zone"`

	ContactAnotherBusinessDays int `json:"contact_another_business_days"` // 3: reach out to someone else in parallel
	FollowUpBusinessDays       int `json:"follow_up_business_days"`       // 7: one polite follow-up
	NoReplyBusinessDays        int `json:"no_reply_business_days"`        // 7 after the follow-up: give up
	ConfirmHours               int `json:"confirm_hours"`                 // 48 before the meeting
	PrepareHours               int `json:"prepare_hours"`                 // 24 before the meeting
	WriteNotesHours            int `json:"write_notes_hours"`             // 1 after the meeting
	ThankHours                 int `json:"thank_hours"`                   // 12 after the meeting
	ReportBackDays             int `json:"report_back_days"`              // 2 after the meeting
	KeepInTouchDays            int `json:"keep_in_touch_days"`            // 90 after the last touch
	// ReachOutBusinessDays is how soon to write to someone suggested to
	// you, or whose conversation is still an idea (1 business day).
	ReachOutBusinessDays int `json:"reach_out_business_days"`
	// FeelerDays is how long after the thank-you a feeler note may follow,
	// for a field the user pursues (60 days).
	FeelerDays int `json:"feeler_days"`
	// KeepInTouchByTag overrides KeepInTouchDays for people with a tag
	// (close mentors more often than a one-time contact); the shortest wins.
	KeepInTouchByTag   map[string]int `json:"keep_in_touch_by_tag,omitempty"`
	TargetPerspectives int            `json:"target_perspectives"` // 3 per field

	// The user's profile, used to fill outreach templates and the opening statement.
	UserName string `json:"user_name"`
	School   string `json:"school"`
	Year     string `json:"year"`
	Intro    string `json:"intro"`

	// Outgoing mail through the user's own SMTP server, used only when
	// SMTPHost is set (otherwise messages go through the user's mail client
	// by mailto:). SMTPTLS is "starttls" (the default), "tls" (implicit TLS,
	// usually port 465) or "none" (a local relay only). No omitempty, so
	// that `ally settings --set smtp_host=...` finds the keys.
	SMTPHost     string `json:"smtp_host"`
	SMTPPort     int    `json:"smtp_port"`
	SMTPUsername string `json:"smtp_username"`
	SMTPPassword string `json:"smtp_password"`
	SMTPFrom     string `json:"smtp_from"`
	SMTPTLS      string `json:"smtp_tls"`
}

// DefaultSettings returns the method's defaults.
func DefaultSettings() Settings {
	return Settings{
		ContactAnotherBusinessDays: 3,
		FollowUpBusinessDays:       7,
		NoReplyBusinessDays:        7,
		ConfirmHours:               48,
		PrepareHours:               24,
		WriteNotesHours:            1,
		ThankHours:                 12,
		ReportBackDays:             2,
		KeepInTouchDays:            90,
		ReachOutBusinessDays:       1,
		FeelerDays:                 60,
		TargetPerspectives:         3,
	}
}

// Location returns the settings' time zone, falling back to local.
func (s Settings) Location() *time.Location {
	if s.TimeZone == "" {
		return time.Local
	}
	if loc, ok := locations.Load(s.TimeZone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return time.Local
	}
	locations.Store(s.TimeZone, loc)
	return loc
}

// locations keeps the time zones loaded, by name: time.LoadLocation reads
// and parses the zone's file at every call, and every write and page
// asks for the owner's zone. A zone never changes while Ally runs; the
// names kept are those the users' settings passed Validate with.
var locations sync.Map

// Validate checks every timing is in a sensible range.
func (s *Settings) Validate() error {
	if s.TimeZone != "" {
		if _, err := time.LoadLocation(s.TimeZone); err != nil {
			return model.Invalid("time_zone", "%q is not a time zone (use an IANA name such as America/New_York)", s.TimeZone)
		}
	}
	checks := []struct {
		name     string
		v        int
		min, max int
	}{
		{"contact_another_business_days", s.ContactAnotherBusinessDays, 1, 30},
		{"follow_up_business_days", s.FollowUpBusinessDays, 1, 60},
		{"no_reply_business_days", s.NoReplyBusinessDays, 1, 60},
		{"confirm_hours", s.ConfirmHours, 1, 24 * 14},
		{"prepare_hours", s.PrepareHours, 1, 24 * 14},
		{"write_notes_hours", s.WriteNotesHours, 0, 72},
		{"thank_hours", s.ThankHours, 1, 24 * 7},
		{"report_back_days", s.ReportBackDays, 0, 60},
		{"keep_in_touch_days", s.KeepInTouchDays, 7, 3650},
		{"reach_out_business_days", s.ReachOutBusinessDays, 1, 30},
		{"feeler_days", s.FeelerDays, 14, 3650},
		{"target_perspectives", s.TargetPerspectives, 1, 100},
	}
	for _, c := range checks {
		if c.v < c.min || c.v > c.max {
			return model.Invalid(c.name, "must be between %d and %d", c.min, c.max)
		}
	}
	for tag, d := range s.KeepInTouchByTag {
		if strings.TrimSpace(tag) == "" || d < 7 || d > 3650 {
			return model.Invalid("keep_in_touch_by_tag", "%q: days must be between 7 and 3650", tag)
		}
	}
	return nil
}

// KeepInTouchFor returns the keep-in-touch interval in days for a person
// with these tags.
func (s Settings) KeepInTouchFor(tags []string) int {
	days := s.KeepInTouchDays
	for _, t := range tags {
		if d, ok := s.KeepInTouchByTag[t]; ok && d < days {
			days = d
		}
	}
	return days
}
