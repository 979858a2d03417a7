package center

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

func TestFormatTimeInEachReadersZone(t *testing.T) {
	instant := time.Date(2026, 3, 3, 14, 30, 0, 0, time.UTC)
	for name, want := range map[string]string{
		"America/New_York":   "Tue 3 Mar 2026, 09:30 EST",
		"Europe/Paris":       "Tue 3 Mar 2026, 15:30 CET",
		"Asia/Kolkata":       "Tue 3 Mar 2026, 20:00 IST",
		"Pacific/Auckland":   "Wed 4 Mar 2026, 03:30 NZDT",
		"UTC":                "Tue 3 Mar 2026, 14:30 UTC",
		"Asia/Dubai":         "Tue 3 Mar 2026, 18:30 UTC+4",
		"Asia/Kathmandu":     "Tue 3 Mar 2026, 20:15 UTC+5:45",
		"America/Sao_Paulo":  "Tue 3 Mar 2026, 11:30 UTC-3",
		"America/St_Johns":   "Tue 3 Mar 2026, 11:00 NST",
		"Australia/Adelaide": "Wed 4 Mar 2026, 01:00 ACDT",
	} {
		if got := FormatTime(instant, zone(t, name)); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	if got := FormatDate(instant, zone(t, "Pacific/Auckland")); got != "Wed 4 Mar 2026" {
		t.Errorf("FormatDate = %q", got)
	}
}

func TestFormatForBothShowsTheOtherSidesClock(t *testing.T) {
	meeting := time.Date(2026, 3, 3, 14, 30, 0, 0, time.UTC)
	ny, paris, akl, bogota := zone(t, "America/New_York"), zone(t, "Europe/Paris"), zone(t, "Pacific/Auckland"), zone(t, "America/Bogota")
	for _, tc := range []struct {
		mine, theirs *time.Location
		name, want   string
	}{
		{ny, paris, "Dana", "Tue 3 Mar 2026, 09:30 EST (15:30 CET for Dana)"},
		{paris, ny, "Ari", "Tue 3 Mar 2026, 15:30 CET (09:30 EST for Ari)"},
		{ny, akl, "Ari", "Tue 3 Mar 2026, 09:30 EST (Wed 4 Mar, 03:30 NZDT for Ari)"},
		{ny, bogota, "Dana", "Tue 3 Mar 2026, 09:30 EST"}, // the same clock in winter
		{ny, paris, " ", "Tue 3 Mar 2026, 09:30 EST (15:30 CET for them)"},
	} {
		if got := FormatForBoth(meeting, tc.mine, tc.theirs, tc.name); got != tc.want {
			t.Errorf("%q, want %q", got, tc.want)
		}
	}
}

func TestFormatProposal(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	if got := FormatProposal(nil, paris); !slices.Equal(got, []string{"At your convenience"}) {
		t.Errorf("no times: %q", got)
	}
	times := []time.Time{time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC), time.Date(2026, 6, 2, 16, 0, 0, 0, time.UTC)}
	want := []string{"Mon 1 Jun 2026, 10:00 CEST", "Tue 2 Jun 2026, 18:00 CEST"}
	if got := FormatProposal(times, paris); !slices.Equal(got, want) {
		t.Errorf("FormatProposal = %q, want %q", got, want)
	}
}

func TestLoadZoneRefusesNoZoneAndTheServers(t *testing.T) {
	for _, name := range []string{"", " ", "Local", "local", "Mars/Olympus_Mons", "EST5EDT6"} {
		_, err := LoadZone(name)
		var fe *model.FieldError
		if !errors.As(err, &fe) || fe.Field != "time_zone" {
			t.Errorf("LoadZone(%q) = %v, want a time_zone field error", name, err)
		}
	}
	loc, err := LoadZone(" Europe/Paris ")
	if err != nil || loc.String() != "Europe/Paris" {
		t.Errorf("LoadZone(Europe/Paris) = %v, %v", loc, err)
	}
}
