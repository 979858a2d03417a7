package main

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
)

// The replay that checks the load's history flags each limit exceeded,
// and nothing in a history that keeps them.
func TestReplayFlagsEachLimitExceeded(t *testing.T) {
	day := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	accepted := sql.NullTime{Time: day, Valid: true}
	nextMonth := sql.NullTime{Time: day.AddDate(0, 1, 0), Valid: true}
	paused := day.AddDate(0, 0, 3)
	// Volunteer 100 offers 2 conversations a month (full at 6 waiting),
	// 101 offers 1, 102 is paused for three more days.
	vols := []member{{id: 100, capacity: 2}, {id: 101, capacity: 1}, {id: 102, capacity: 2, paused: &paused}}
	send := func(id, student, vol int64) event {
		return event{id: id, student: student, volunteer: vol, state: "pending", created: day}
	}
	with := func(e event, state string, acc, meeting sql.NullTime) event {
		e.state, e.accepted, e.meeting = state, acc, meeting
		return e
	}
	tests := []struct {
		name   string
		before []event
		events []event
		want   string // "" when no limit is exceeded
	}{
		{"a history within the limits", nil, []event{send(1, 1, 100), send(2, 2, 100), with(send(1, 1, 100), "accepted", accepted, sql.NullTime{}),
			with(send(2, 2, 100), "accepted", accepted, nextMonth), send(3, 1, 101), with(send(3, 1, 101), "withdrawn", sql.NullTime{}, sql.NullTime{}),
			send(4, 1, 101)}, ""},
		{"a sixth request waiting", []event{send(1, 1, 200), send(2, 1, 201), send(3, 1, 202), send(4, 1, 203), send(5, 1, 204)},
			[]event{send(6, 1, 205)}, "already had 5 requests waiting"},
		{"a second request to one volunteer", nil, []event{send(1, 1, 100), send(2, 1, 100)}, "already waited on volunteer 100"},
		{"a request to a paused volunteer", nil, []event{send(1, 1, 102)}, "is paused"},
		{"a request when the month is used", []event{with(send(1, 1, 101), "accepted", accepted, sql.NullTime{})},
			[]event{send(2, 2, 101)}, "had used 1 of 1"},
		{"the seventh request waiting for two slots", []event{send(1, 1, 100), send(2, 2, 100), send(3, 3, 100), send(4, 4, 100),
			send(5, 5, 100), send(6, 6, 100)}, []event{send(7, 7, 100)}, "had 6 waiting, full at 3 × 2 left"},
		{"an acceptance beyond capacity", []event{with(send(1, 1, 101), "accepted", accepted, sql.NullTime{}), send(2, 2, 101)},
			[]event{with(send(2, 2, 101), "accepted", accepted, sql.NullTime{})}, "now has 2 conversations in 2026-11, capacity 1"},
		{"a cancellation frees the slot", []event{with(send(1, 1, 101), "accepted", accepted, sql.NullTime{})},
			[]event{with(send(1, 1, 101), "cancelled", accepted, sql.NullTime{}), send(2, 2, 101),
				with(send(2, 2, 101), "accepted", accepted, sql.NullTime{})}, ""},
	}
	for _, tc := range tests {
		r := newReplay(center.DefaultSettings(), vols, tc.before)
		got := ""
		for _, e := range tc.events {
			if p := r.step(e); p != "" && got == "" {
				got = p
			}
		}
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s: replay says %q, want %q", tc.name, got, tc.want)
		}
	}
}
