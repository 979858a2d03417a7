package center

import (
	"slices"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// Settings are the numbers a career center may change. The defaults come
// from the method (PRODUCT.md §2, "Protecting volunteers").
type Settings struct {
	// TimeZone is the center's IANA zone: capacity is counted per calendar
	// month in it and the day-based timings keep its wall-clock time.
	TimeZone string `json:"time_zone"`

	MaxPendingPerStudent   int   `json:"max_pending_per_student"`   // 5 requests waiting for an answer at once
	MaxPendingPerVolunteer int   `json:"max_pending_per_volunteer"` // 1 waiting request from one student to one volunteer
	DefaultMonthlyCapacity int   `json:"default_monthly_capacity"`  // 2 conversations a month for a new volunteer
	FullFactor             int   `json:"full_factor"`               // 3: full for now at 3 × remaining capacity pending
	ExpiryDays             int   `json:"expiry_days"`               // 14 days without an answer
	ReminderDays           int   `json:"reminder_days"`             // 10: the one reminder
	LateCancelHours        int   `json:"late_cancel_hours"`         // 24: a student's cancellation closer than this is late
	BlockAfter             int   `json:"block_after"`               // 2 no-shows or late cancellations...
	BlockWindowDays        int   `json:"block_window_days"`         // ...within 90 days block new requests
	OutcomePromptHours     int   `json:"outcome_prompt_hours"`      // 1 hour after the meeting's end: "did it happen?"
	MaxProposedTimes       int   `json:"max_proposed_times"`        // 3 proposed times (none: at your convenience)
	Suggestions            int   `json:"suggestions"`               // 5 similar volunteers with room shown after an expiry or a decline
	Minutes                []int `json:"minutes"`                   // 15, 20, 30: the lengths a student may ask for
	RetentionDays          int   `json:"retention_days"`            // 365: a closed request's texts are deleted after this many days; its counts stay
}

// DefaultSettings returns the defaults, in UTC until the center names its zone.
func DefaultSettings() Settings {
	return Settings{
		TimeZone:               "UTC",
		MaxPendingPerStudent:   5,
		MaxPendingPerVolunteer: 1,
		DefaultMonthlyCapacity: 2,
		FullFactor:             3,
		ExpiryDays:             14,
		ReminderDays:           10,
		LateCancelHours:        24,
		BlockAfter:             2,
		BlockWindowDays:        90,
		OutcomePromptHours:     1,
		MaxProposedTimes:       3,
		Suggestions:            5,
		Minutes:                []int{15, 20, 30},
		RetentionDays:          365,
	}
}

// Location is the center's zone. Validate has refused a bad name; should
// one get through, UTC is used rather than the machine's zone.
func (s Settings) Location() *time.Location {
	loc, err := LoadZone(s.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Validate checks every number is in a sensible range and the zone exists.
func (s *Settings) Validate() error {
	if _, err := LoadZone(s.TimeZone); err != nil {
		return err
	}
	checks := []struct {
		name     string
		v        int
		min, max int
	}{
		{"max_pending_per_student", s.MaxPendingPerStudent, 1, 50},
		{"max_pending_per_volunteer", s.MaxPendingPerVolunteer, 1, 10},
		{"default_monthly_capacity", s.DefaultMonthlyCapacity, 1, 60},
		{"full_factor", s.FullFactor, 1, 20},
		{"expiry_days", s.ExpiryDays, 2, 90},
		{"reminder_days", s.ReminderDays, 1, s.ExpiryDays - 1},
		{"late_cancel_hours", s.LateCancelHours, 0, 24 * 7},
		{"block_after", s.BlockAfter, 1, 20},
		{"block_window_days", s.BlockWindowDays, 1, 730},
		{"outcome_prompt_hours", s.OutcomePromptHours, 0, 24 * 7},
		{"max_proposed_times", s.MaxProposedTimes, 1, 10},
		{"suggestions", s.Suggestions, 0, 20},
		{"retention_days", s.RetentionDays, 30, 3650},
	}
	for _, c := range checks {
		if c.v < c.min || c.v > c.max {
			return model.Invalid(c.name, "must be between %d and %d", c.min, c.max)
		}
	}
	if len(s.Minutes) == 0 {
		return model.Invalid("minutes", "give at least one length a student may ask for, such as 15, 20, 30")
	}
	for _, m := range s.Minutes {
		if m < 5 || m > 120 {
			return model.Invalid("minutes", "%d minutes: each length must be between 5 and 120", m)
		}
	}
	s.Minutes = slices.Compact(slices.Sorted(slices.Values(s.Minutes)))
	return nil
}
