package center

import (
	"errors"
	"slices"
	"testing"

	"github.com/ally-dev/ally/internal/model"
)

func TestDefaultSettingsAreTheIssues(t *testing.T) {
	s := DefaultSettings()
	got := []int{s.MaxPendingPerStudent, s.MaxPendingPerVolunteer, s.DefaultMonthlyCapacity, s.FullFactor, s.ExpiryDays,
		s.ReminderDays, s.LateCancelHours, s.BlockAfter, s.BlockWindowDays, s.MaxProposedTimes, s.Suggestions, s.OutcomePromptHours}
	want := []int{5, 1, 2, 3, 14, 10, 24, 2, 90, 3, 5, 1}
	if !slices.Equal(got, want) || !slices.Equal(s.Minutes, []int{15, 20, 30}) || s.TimeZone != "UTC" {
		t.Errorf("DefaultSettings = %+v", s)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("the defaults do not validate: %v", err)
	}
}

func TestValidateSettingsNamesTheField(t *testing.T) {
	for _, tc := range []struct {
		edit  func(*Settings)
		field string
	}{
		{func(s *Settings) { s.TimeZone = "" }, "time_zone"},
		{func(s *Settings) { s.TimeZone = "Local" }, "time_zone"},
		{func(s *Settings) { s.MaxPendingPerStudent = 0 }, "max_pending_per_student"},
		{func(s *Settings) { s.MaxPendingPerVolunteer = 0 }, "max_pending_per_volunteer"},
		{func(s *Settings) { s.DefaultMonthlyCapacity = 0 }, "default_monthly_capacity"},
		{func(s *Settings) { s.FullFactor = 0 }, "full_factor"},
		{func(s *Settings) { s.ExpiryDays = 1 }, "expiry_days"},
		{func(s *Settings) { s.ReminderDays = 14 }, "reminder_days"},
		{func(s *Settings) { s.LateCancelHours = -1 }, "late_cancel_hours"},
		{func(s *Settings) { s.BlockAfter = 0 }, "block_after"},
		{func(s *Settings) { s.BlockWindowDays = 0 }, "block_window_days"},
		{func(s *Settings) { s.OutcomePromptHours = -1 }, "outcome_prompt_hours"},
		{func(s *Settings) { s.MaxProposedTimes = 0 }, "max_proposed_times"},
		{func(s *Settings) { s.Suggestions = 21 }, "suggestions"},
		{func(s *Settings) { s.Minutes = nil }, "minutes"},
		{func(s *Settings) { s.Minutes = []int{20, 600} }, "minutes"},
	} {
		s := DefaultSettings()
		tc.edit(&s)
		var fe *model.FieldError
		if err := s.Validate(); !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("Validate = %v, want an error on %s", err, tc.field)
		}
	}
	s := DefaultSettings()
	s.TimeZone, s.Minutes = "Asia/Kolkata", []int{30, 15, 30}
	if err := s.Validate(); err != nil || !slices.Equal(s.Minutes, []int{15, 30}) {
		t.Errorf("Validate = %v, minutes %v", err, s.Minutes)
	}
	if s.Location().String() != "Asia/Kolkata" {
		t.Errorf("Location = %v", s.Location())
	}
	s.TimeZone = "Nowhere/Else"
	if s.Location().String() != "UTC" {
		t.Errorf("a bad zone falls back to %v, want UTC", s.Location())
	}
}
