package center

import (
	"reflect"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

func TestKeyFoldsCaseSpacingAndPunctuation(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Economics", "economics"},
		{"  ECONOMICS. ", "economics"},
		{"Political   Science", "political science"},
		{"Procter & Gamble", "procter & gamble"},
		{"C++", "c++"},
		{"Dayton, OH", "dayton oh"},
		{"São Paulo", "são paulo"},
		{"", ""},
		{" -- ", ""},
	} {
		if got := Key(tc.in); got != tc.want {
			t.Errorf("Key(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestInCommonFindsSharedTraits(t *testing.T) {
	student := Traits{Majors: []string{"Economics", "History"}, HomeTown: "Dayton, OH",
		Clubs: []string{"Debate Society", "Chess club"}, Employers: []string{"Acme Corp", "Blue Cafe"}}
	for _, tc := range []struct {
		name      string
		volunteer Traits
		want      []model.Common
	}{
		{"nothing shared", Traits{Majors: []string{"Biology"}, HomeTown: "Boston", Employers: []string{"Initech"}}, nil},
		{"same major, written differently", Traits{Majors: []string{"ECONOMICS"}},
			[]model.Common{c(CommonMajor, "ECONOMICS")}},
		{"home town", Traits{HomeTown: "dayton oh"}, []model.Common{c(CommonHomeTown, "dayton oh")}},
		{"an empty home town is not shared", Traits{HomeTown: ""}, nil},
		{"a club", Traits{Clubs: []string{"Rowing", "Chess Club"}}, []model.Common{c(CommonClub, "Chess Club")}},
		{"an earlier employer", Traits{Employers: []string{"Globex", "Acme Corp."}}, []model.Common{c(CommonEmployer, "Acme Corp.")}},
		{"everything, in card order, each once",
			Traits{Employers: []string{"Blue Cafe"}, Clubs: []string{"Debate Society"}, HomeTown: "Dayton, OH",
				Majors: []string{"History", "Economics", "history"}},
			[]model.Common{c(CommonMajor, "History"), c(CommonMajor, "Economics"), c(CommonHomeTown, "Dayton, OH"),
				c(CommonClub, "Debate Society"), c(CommonEmployer, "Blue Cafe")}},
		{"a major is not a club", Traits{Clubs: []string{"Economics"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := InCommon(student, tc.volunteer); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("InCommon = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSentenceSaysATraitInWords(t *testing.T) {
	for _, tc := range []struct {
		kind, label, want string
	}{
		{CommonMajor, "Economics", "Also studied Economics"},
		{CommonHomeTown, "Dayton", "Also from Dayton"},
		{CommonClub, "Debate Society", "Also in Debate Society"},
		{CommonEmployer, "Acme", "Also worked at Acme"},
	} {
		if got := Sentence(tc.kind, tc.label); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.kind, tc.label, got, tc.want)
		}
	}
}

func c(kind, label string) model.Common {
	return model.Common{Kind: kind, Label: label, Text: Sentence(kind, label)}
}

// today is a fixed day in the center's time zone.
var today = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestHasRoomThisMonth(t *testing.T) {
	set := DefaultSettings() // 3 × the remaining capacity may wait
	for _, tc := range []struct {
		name string
		c    Candidate
		want bool
	}{
		{"capacity left", Candidate{Capacity: 2, Used: 1}, true},
		{"capacity used", Candidate{Capacity: 2, Used: 2}, false},
		{"capacity zero", Candidate{Capacity: 0}, false},
		{"many received this month, none accepted: room", Candidate{Capacity: 2, RequestsThisMonth: 5}, true},
		{"waiting requests below 3 × remaining", Candidate{Capacity: 2, Used: 1, Pending: 2}, true},
		{"full for now at 3 × remaining", Candidate{Capacity: 2, Used: 1, Pending: 3}, false},
		{"paused until a later day", Candidate{Capacity: 2, PausedUntil: date("2026-11-21")}, false},
		{"back today", Candidate{Capacity: 2, PausedUntil: date("2026-11-20")}, true},
		{"pause over", Candidate{Capacity: 2, PausedUntil: date("2026-11-01")}, true},
	} {
		got := set.HasRoom(tc.c, today)
		if got != tc.want {
			t.Errorf("%s: HasRoom = %v, want %v", tc.name, got, tc.want)
		}
		// The card and a request agree: room exactly when a student's
		// request would not be refused on the volunteer's side.
		if refused := set.TakesRequests(tc.c.Load(), today) != nil; refused == got {
			t.Errorf("%s: HasRoom %v but TakesRequests refused = %v", tc.name, got, refused)
		}
		if paused := set.Paused(tc.c, today); paused != (tc.c.PausedUntil.After(today)) {
			t.Errorf("%s: Paused = %v", tc.name, paused)
		}
	}
}

func TestRankPutsRoomThenCommonalityThenFewerRequestsFirst(t *testing.T) {
	major := []model.Common{c(CommonMajor, "Economics")}
	two := []model.Common{c(CommonMajor, "Economics"), c(CommonClub, "Debate Society")}
	active := func(d string) time.Time { return date(d) }
	for _, tc := range []struct {
		name string
		in   []Candidate
		want []int64
	}{
		{"room beats commonality",
			[]Candidate{{ID: 1, Capacity: 1, Used: 1, Common: two}, {ID: 2, Capacity: 1}},
			[]int64{2, 1}},
		{"a paused volunteer goes after those with room",
			[]Candidate{{ID: 1, Capacity: 3, Common: two, PausedUntil: date("2026-12-01")}, {ID: 2, Capacity: 3}},
			[]int64{2, 1}},
		{"more in common first",
			[]Candidate{{ID: 1, Capacity: 2}, {ID: 2, Capacity: 2, Common: major}, {ID: 3, Capacity: 2, Common: two}},
			[]int64{3, 2, 1}},
		{"fewer requests this month spread the load among equals",
			[]Candidate{{ID: 1, Capacity: 5, RequestsThisMonth: 3, Common: major}, {ID: 2, Capacity: 5, RequestsThisMonth: 0, Common: major},
				{ID: 3, Capacity: 5, RequestsThisMonth: 1, Common: major}},
			[]int64{2, 3, 1}},
		{"commonality beats fewer requests",
			[]Candidate{{ID: 1, Capacity: 5}, {ID: 2, Capacity: 5, RequestsThisMonth: 4, Common: major}},
			[]int64{2, 1}},
		{"then the better text match",
			[]Candidate{{ID: 1, Capacity: 2, TextRank: 0.1}, {ID: 2, Capacity: 2, TextRank: 0.7}},
			[]int64{2, 1}},
		{"then the more recently active; never signed in last",
			[]Candidate{{ID: 1, Capacity: 2}, {ID: 2, Capacity: 2, LastActive: active("2026-10-01")}, {ID: 3, Capacity: 2, LastActive: active("2026-11-19")}},
			[]int64{3, 2, 1}},
		{"then by name, then id",
			[]Candidate{{ID: 3, Name: "bea", Capacity: 2}, {ID: 2, Name: "Ann", Capacity: 2}, {ID: 1, Name: "Bea", Capacity: 2}},
			[]int64{2, 1, 3}},
		{"among those without room, commonality still orders",
			[]Candidate{{ID: 1, Capacity: 0}, {ID: 2, Capacity: 0, Common: major}},
			[]int64{2, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := append([]Candidate(nil), tc.in...)
			DefaultSettings().Rank(cs, today)
			var got []int64
			for _, c := range cs {
				got = append(got, c.ID)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("order %v, want %v", got, tc.want)
			}
		})
	}
}
