package center

import (
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

func day(t *testing.T, s string) Day {
	t.Helper()
	d, err := ParseDay("day", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestChoosePeriod(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	terms := []Term{{Name: "Fall 2026", Start: day(t, "2026-09-01"), End: day(t, "2026-12-20")},
		{Name: "Spring 2027", Start: day(t, "2027-01-15"), End: day(t, "2027-05-15")}}
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		name, term, first, last string
		want                    string // term, first and last
		field                   string // the field an error names
	}{
		{name: "the current term by default", want: "Fall 2026 2026-09-01 2026-12-20"},
		{name: "a term by name in any case", term: "spring 2027", want: "Spring 2027 2027-01-15 2027-05-15"},
		{name: "days", first: "2026-10-01", last: "2026-10-31", want: " 2026-10-01 2026-10-31"},
		{name: "from a day to today", first: "2026-11-01", want: " 2026-11-01 2026-11-20"},
		{name: "an unknown term", term: "Summer", field: "term"},
		{name: "a term and days", term: "Fall 2026", first: "2026-10-01", field: "term"},
		{name: "a day that is not one", first: "2026-13-01", field: "from"},
		{name: "days the wrong way round", first: "2026-11-02", last: "2026-11-01", field: "to"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ChoosePeriod(terms, tc.term, tc.first, tc.last, now, ny)
			if tc.field != "" {
				if es := model.AsErrors(err); len(es) == 0 || es[0].Field != tc.field {
					t.Fatalf("error %v, want one on %s", err, tc.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Term + " " + p.First.String() + " " + p.Last.String(); got != tc.want {
				t.Errorf("period %q, want %q", got, tc.want)
			}
			wantFrom := time.Date(p.First.Year(), p.First.Month(), p.First.Day(), 0, 0, 0, 0, ny)
			if !p.From.Equal(wantFrom) || !p.To.Equal(time.Date(p.Last.Year(), p.Last.Month(), p.Last.Day()+1, 0, 0, 0, 0, ny)) {
				t.Errorf("instants %s to %s", p.From, p.To)
			}
		})
	}
	// With no term today, the last 90 days.
	p, err := ChoosePeriod(nil, "", "", "", now, ny)
	if err != nil || p.First.String() != "2026-08-23" || p.Last.String() != "2026-11-20" {
		t.Errorf("default period %s to %s, %v", p.First, p.Last, err)
	}
}

func TestTermValidateAndThanks(t *testing.T) {
	bad := Term{Name: " ", Start: day(t, "2026-09-02"), End: day(t, "2026-09-01")}
	es := model.AsErrors(bad.Validate())
	if es.For("name") == "" || es.For("end") == "" {
		t.Errorf("a bad term: %v", es)
	}
	held := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	if !ThankedInTime(held, held.Add(12*time.Hour)) || ThankedInTime(held, held.Add(12*time.Hour+time.Minute)) || ThankedInTime(time.Time{}, held) {
		t.Error("the 12 hours of a thank-you")
	}
	if n := MonthsTouched(held, held.AddDate(0, 1, 0), time.UTC); n != 2 {
		t.Errorf("months touched: %d", n)
	}
}
