package method

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// TestSettingsValidate: the defaults pass, and each bound is checked at
// its edge, where the lowest and highest allowed values pass and one
// beyond fails naming the field.
func TestSettingsValidate(t *testing.T) {
	def := DefaultSettings()
	if err := def.Validate(); err != nil {
		t.Fatalf("the defaults are refused: %v", err)
	}
	bounds := []struct {
		field    string
		set      func(*Settings, int)
		min, max int
	}{
		{"contact_another_business_days", func(s *Settings, v int) { s.ContactAnotherBusinessDays = v }, 1, 30},
		{"follow_up_business_days", func(s *Settings, v int) { s.FollowUpBusinessDays = v }, 1, 60},
		{"no_reply_business_days", func(s *Settings, v int) { s.NoReplyBusinessDays = v }, 1, 60},
		{"confirm_hours", func(s *Settings, v int) { s.ConfirmHours = v }, 1, 336},
		{"prepare_hours", func(s *Settings, v int) { s.PrepareHours = v }, 1, 336},
		{"write_notes_hours", func(s *Settings, v int) { s.WriteNotesHours = v }, 0, 72},
		{"thank_hours", func(s *Settings, v int) { s.ThankHours = v }, 1, 168},
		{"report_back_days", func(s *Settings, v int) { s.ReportBackDays = v }, 0, 60},
		{"keep_in_touch_days", func(s *Settings, v int) { s.KeepInTouchDays = v }, 7, 3650},
		{"target_perspectives", func(s *Settings, v int) { s.TargetPerspectives = v }, 1, 100},
	}
	for _, b := range bounds {
		for _, tt := range []struct {
			v  int
			ok bool
		}{{b.min, true}, {b.max, true}, {b.min - 1, false}, {b.max + 1, false}} {
			s := DefaultSettings()
			b.set(&s, tt.v)
			err := s.Validate()
			if tt.ok && err != nil {
				t.Errorf("%s = %d is refused: %v", b.field, tt.v, err)
			}
			if !tt.ok && fieldOf(err) != b.field {
				t.Errorf("%s = %d: error %v, want one on %s", b.field, tt.v, err, b.field)
			}
		}
	}

	for _, tt := range []struct {
		name  string
		set   func(*Settings)
		field string // "" when valid
	}{
		{"an IANA zone", func(s *Settings) { s.TimeZone = "Asia/Kolkata" }, ""},
		{"the machine's zone", func(s *Settings) { s.TimeZone = "" }, ""},
		{"an unknown zone", func(s *Settings) { s.TimeZone = "Mars/Base" }, "time_zone"},
		{"a tag's interval", func(s *Settings) { s.KeepInTouchByTag = map[string]int{"mentor": 30} }, ""},
		{"a tag's interval too short", func(s *Settings) { s.KeepInTouchByTag = map[string]int{"mentor": 6} }, "keep_in_touch_by_tag"},
		{"a tag's interval too long", func(s *Settings) { s.KeepInTouchByTag = map[string]int{"mentor": 3651} }, "keep_in_touch_by_tag"},
		{"a blank tag", func(s *Settings) { s.KeepInTouchByTag = map[string]int{" ": 30} }, "keep_in_touch_by_tag"},
	} {
		s := DefaultSettings()
		tt.set(&s)
		err := s.Validate()
		if got := fieldOf(err); got != tt.field {
			t.Errorf("%s: error %v, want one on %q", tt.name, err, tt.field)
		}
	}
}

func fieldOf(err error) string {
	if err == nil {
		return ""
	}
	var fe *model.FieldError
	if !errors.As(err, &fe) {
		return "(not a field error: " + err.Error() + ")"
	}
	return fe.Field
}

// TestCompareActionsOrder covers each rule of the agenda's order in turn:
// overdue first, then dated actions before standing goals, then the
// earlier due time, then the id so that equal actions keep one order.
func TestCompareActionsOrder(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		a, b Action // a comes first
	}{
		{"overdue before due later, even a goal",
			Action{ID: "find_perspective-f1", Kind: ActFindPerspective, Overdue: true, Due: at.Add(time.Hour)},
			Action{ID: "thank-c1", Kind: ActThank, Due: at}},
		{"a dated action before a standing goal due earlier",
			Action{ID: "thank-c2", Kind: ActThank, Due: at.Add(time.Hour)},
			Action{ID: "find_perspective-f1", Kind: ActFindPerspective, Due: at}},
		{"the earlier due first",
			Action{ID: "thank-c9", Kind: ActThank, Due: at},
			Action{ID: "confirm-c1", Kind: ActConfirm, Due: at.Add(time.Minute)}},
		{"the earlier due first among goals",
			Action{ID: "find_perspective-f9", Kind: ActFindPerspective, Due: at},
			Action{ID: "find_perspective-f1", Kind: ActFindPerspective, Due: at.Add(time.Minute)}},
		{"the same due: by id",
			Action{ID: "confirm-c1", Kind: ActConfirm, Due: at},
			Action{ID: "thank-c1", Kind: ActThank, Due: at}},
	} {
		if c := compareActions(&tt.a, &tt.b); c >= 0 {
			t.Errorf("%s: compare(a, b) = %d, want < 0", tt.name, c)
		}
		if c := compareActions(&tt.b, &tt.a); c <= 0 {
			t.Errorf("%s: compare(b, a) = %d, want > 0", tt.name, c)
		}
		list := []Action{tt.b, tt.a}
		slices.SortFunc(list, func(x, y Action) int { return compareActions(&x, &y) })
		if list[0].ID != tt.a.ID {
			t.Errorf("%s: sorted %s first", tt.name, list[0].ID)
		}
	}
	same := Action{ID: "thank-c1", Kind: ActThank, Due: at}
	if c := compareActions(&same, &same); c != 0 {
		t.Errorf("an action compared with itself = %d", c)
	}
}

func TestMinutesWarningAboveThirty(t *testing.T) {
	for _, m := range []int{5, 15, 20, 30, 241, 600} { // beyond 240, validation refuses it
		if w := MinutesWarning(m); w != "" {
			t.Errorf("MinutesWarning(%d) = %q, want none", m, w)
		}
	}
	for _, m := range []int{31, 45, 60, 240} {
		w := MinutesWarning(m)
		if !strings.Contains(w, strconv.Itoa(m)+" minutes is a lot") || !strings.Contains(w, "20 is usual") {
			t.Errorf("MinutesWarning(%d) = %q", m, w)
		}
	}
}
