package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// directoryCenter is a center with a student, Sam, and four volunteers.
type directoryCenter struct {
	sam                        model.Account
	dana, eli, farah, gus, ivy int64
}

func volunteer(t *testing.T, db *storetest.DB, email string, p model.VolunteerProfile) int64 {
	t.Helper()
	a := mustAccount(t, db, email, model.RoleVolunteer)
	p.AccountID = a.ID
	if err := db.Store.SaveVolunteerProfile(context.Background(), &p, nil, now); err != nil {
		t.Fatalf("save %s's profile: %v", email, err)
	}
	return a.ID
}

func newDirectoryCenter(t *testing.T, db *storetest.DB) directoryCenter {
	t.Helper()
	ctx := context.Background()
	initCenter(t, db)
	var c directoryCenter
	c.sam = mustAccount(t, db, "sam@westlake.edu", model.RoleStudent)
	sp := model.StudentProfile{AccountID: c.sam.ID, ClassYear: 2027, Majors: []string{"Economics"}, HomeTown: "Dayton",
		Clubs: []string{"Debate Society"}, PastEmployers: []string{"Blue Cafe"}}
	if err := db.Store.SaveStudentProfile(ctx, &sp, now); err != nil {
		t.Fatal(err)
	}
	c.dana = volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", GradYear: 2012, Majors: []string{"Economics"},
		Employer: "State Department", Title: "Policy advisor", Fields: []string{"Public policy"}, City: "Washington", Country: "USA",
		AskMeAbout: "Foreign service exams and fellowships", Channels: []model.Channel{model.ChannelVideo, model.ChannelPhone},
		MonthlyCapacity: 2, HomeTown: "Dayton", Clubs: []string{"debate society"}})
	c.eli = volunteer(t, db, "eli@example.com", model.VolunteerProfile{DisplayName: "Eli Novak", GradYear: 2015, Majors: []string{"History"},
		Employer: "City of Chicago", Title: "Urban planner", Fields: []string{"Urban planning", "Public policy"}, City: "Chicago", Country: "USA",
		Bio: "I plan bike lanes and zoning.", Channels: []model.Channel{model.ChannelInPerson}, MonthlyCapacity: 3})
	c.farah = volunteer(t, db, "farah@example.com", model.VolunteerProfile{DisplayName: "Farah Haddad", GradYear: 2012, Majors: []string{"Economics"},
		Employer: "Acme Analytics", Title: "Data scientist", Fields: []string{"Data science"}, City: "Chicago", Country: "USA",
		PastEmployers: []string{"Blue Cafe"}, Channels: []model.Channel{model.ChannelVideo}, MonthlyCapacity: 2})
	paused := time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)
	c.gus = volunteer(t, db, "gus@example.com", model.VolunteerProfile{DisplayName: "Gus Larsen", GradYear: 2005, Majors: []string{"Economics"},
		Employer: "Federal Reserve", Title: "Economist", Fields: []string{"Public policy"}, City: "Boston", Country: "USA",
		HomeTown: "Dayton", Clubs: []string{"Debate Society"}, MonthlyCapacity: 4, PausedUntil: &paused})
	c.ivy = volunteer(t, db, "ivy@example.com", model.VolunteerProfile{DisplayName: "Ivy Chen", Employer: "Museum of Science",
		Title: "Educator", Fields: []string{"Museum education"}, City: "Boston", Country: "USA", MonthlyCapacity: 0})
	return c
}

func cardIDs(p model.DirectoryPage) []int64 {
	out := []int64{}
	for _, c := range p.Cards {
		out = append(out, c.ID)
	}
	return out
}

// facetList reads value, count pairs.
func facetList(pairs ...any) []model.FacetCount {
	var out []model.FacetCount
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, model.FacetCount{Value: pairs[i].(string), Count: pairs[i+1].(int)})
	}
	return out
}

func TestProfilesRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		a := mustAccount(t, db, "kim@example.com", model.RoleVolunteer, model.RoleStudent)
		v, found, err := db.Store.VolunteerProfile(ctx, a.ID)
		if err != nil || found || v.MonthlyCapacity != model.DefaultCapacity {
			t.Fatalf("no profile yet: %+v %v %v; want not found with capacity 2", v, found, err)
		}
		paused := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		v = model.VolunteerProfile{AccountID: a.ID, DisplayName: " Kim  Ortiz ", GradYear: 2010, Degree: "BA", Majors: []string{"Biology", "biology", "Art"},
			Employer: "Initech", Title: "Engineer", Fields: []string{"Software"}, City: "Austin", Country: "USA", Industries: []string{"Tech"},
			AskMeAbout: "Switching careers", Languages: []string{"English", "Spanish"}, Channels: []model.Channel{model.ChannelEmail, model.ChannelVideo},
			MonthlyCapacity: 3, PausedUntil: &paused, Bio: "Hello.", HomeTown: "Reno", Clubs: []string{"Chess"}, PastEmployers: []string{"Globex"}}
		contact := &model.VolunteerContact{Phone: "+1 555 0100", LinkedIn: "https://www.linkedin.com/in/kim"}
		if err := db.Store.SaveVolunteerProfile(ctx, &v, contact, now); err != nil {
			t.Fatal(err)
		}
		got, found, err := db.Store.VolunteerProfile(ctx, a.ID)
		if err != nil || !found {
			t.Fatalf("read back: %v %v", found, err)
		}
		v.UpdatedAt = got.UpdatedAt
		if !reflect.DeepEqual(got, v) || got.DisplayName != "Kim Ortiz" || len(got.Majors) != 2 ||
			!reflect.DeepEqual(got.Channels, []model.Channel{model.ChannelVideo, model.ChannelEmail}) {
			t.Errorf("read back\n%+v\nwant\n%+v", got, v)
		}
		c, err := db.Store.VolunteerContact(ctx, a.ID)
		if err != nil || c.Email != "kim@example.com" || c.Phone != "+1 555 0100" || c.LinkedIn != contact.LinkedIn {
			t.Errorf("contact %+v %v", c, err)
		}
		// Saving without contact details keeps them.
		v.MonthlyCapacity, v.PausedUntil = 1, nil
		if err := db.Store.SaveVolunteerProfile(ctx, &v, nil, now); err != nil {
			t.Fatal(err)
		}
		got, _, _ = db.Store.VolunteerProfile(ctx, a.ID)
		if c, _ := db.Store.VolunteerContact(ctx, a.ID); c.Phone != "+1 555 0100" || got.MonthlyCapacity != 1 || got.PausedUntil != nil {
			t.Errorf("after a second save: %+v, contact %+v", got, c)
		}

		s := model.StudentProfile{AccountID: a.ID, ClassYear: 2027, Degree: "BS", Majors: []string{"Physics"}, HomeTown: "Reno",
			Clubs: []string{"Rowing"}, PastEmployers: []string{"Library"}, Interests: []string{"Energy"}}
		if err := db.Store.SaveStudentProfile(ctx, &s, now); err != nil {
			t.Fatal(err)
		}
		gs, found, err := db.Store.StudentProfile(ctx, a.ID)
		s.UpdatedAt = gs.UpdatedAt
		if err != nil || !found || !reflect.DeepEqual(gs, s) {
			t.Errorf("student profile %+v %v %v, want %+v", gs, found, err, s)
		}
	})
}

func TestProfilesRefuseBadInputFieldByField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		a := mustAccount(t, db, "kim@example.com", model.RoleVolunteer)
		v := model.VolunteerProfile{AccountID: a.ID, GradYear: 12, MonthlyCapacity: -1, Channels: []model.Channel{"pigeon"}}
		err := db.Store.SaveVolunteerProfile(ctx, &v, &model.VolunteerContact{LinkedIn: "linkedin kim", Phone: "call me"}, now)
		es := model.AsErrors(err)
		for _, f := range []string{"display_name", "grad_year", "monthly_capacity", "channels", "linkedin", "phone"} {
			if es.For(f) == "" {
				t.Errorf("no error for %s in %v", f, err)
			}
		}
		if _, found, _ := db.Store.VolunteerProfile(ctx, a.ID); found {
			t.Error("a refused profile was saved")
		}
		s := model.StudentProfile{AccountID: a.ID, ClassYear: 3000}
		if es := model.AsErrors(db.Store.SaveStudentProfile(ctx, &s, now)); es.For("class_year") == "" {
			t.Errorf("class year 3000: %v", es)
		}
		s = model.StudentProfile{AccountID: 987654}
		if err := db.Store.SaveStudentProfile(ctx, &s, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an unknown account: %v", err)
		}
	})
}

func TestProfilesNeedACenter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		s := model.StudentProfile{AccountID: db.Owner}
		if err := db.Store.SaveStudentProfile(context.Background(), &s, now); !errors.Is(err, store.ErrNotCenter) {
			t.Errorf("a personal database: %v", err)
		}
	})
}

func TestDirectoryRanksRoomThenCommonality(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newDirectoryCenter(t, db)
		sam, _, _ := db.Store.StudentProfile(ctx, c.sam.ID)
		page, err := db.Store.Directory(ctx, model.DirectoryQuery{}, sam, now)
		if err != nil {
			t.Fatal(err)
		}
		// Dana shares three things, Farah two, Eli none; Gus shares three
		// but is paused, and Ivy offers no conversations: they come last.
		if want := []int64{c.dana, c.farah, c.eli, c.gus, c.ivy}; !reflect.DeepEqual(cardIDs(page), want) {
			t.Fatalf("order %v, want %v", cardIDs(page), want)
		}
		dana := page.Cards[0]
		var texts []string
		for _, cm := range dana.InCommon {
			texts = append(texts, cm.Text)
		}
		if want := []string{"Also studied Economics", "Also from Dayton", "Also in debate society"}; !reflect.DeepEqual(texts, want) {
			t.Errorf("Dana in common: %q, want %q", texts, want)
		}
		if !dana.HasRoom || dana.Paused || dana.LastActive != nil {
			t.Errorf("Dana: room %v paused %v last active %v", dana.HasRoom, dana.Paused, dana.LastActive)
		}
		if f := page.Cards[1].InCommon; len(f) != 2 || f[1].Text != "Also worked at Blue Cafe" {
			t.Errorf("Farah in common: %+v", f)
		}
		if g := page.Cards[3]; g.HasRoom || !g.Paused {
			t.Errorf("Gus, paused until December 15: room %v paused %v", g.HasRoom, g.Paused)
		}
		if page.Total != 5 || page.Pages != 1 {
			t.Errorf("total %d pages %d", page.Total, page.Pages)
		}
		wantFields := facetList("Public policy", 3, "Data science", 1, "Museum education", 1, "Urban planning", 1)
		if !reflect.DeepEqual(page.Fields, wantFields) {
			t.Errorf("field facets %v, want %v", page.Fields, wantFields)
		}
		wantLocs := facetList("Boston, USA", 2, "Chicago, USA", 2, "Washington, USA", 1)
		if !reflect.DeepEqual(page.Locations, wantLocs) {
			t.Errorf("location facets %v, want %v", page.Locations, wantLocs)
		}
		// An advisor has no student profile: nothing in common, room first.
		page, err = db.Store.Directory(ctx, model.DirectoryQuery{}, model.StudentProfile{}, now)
		if err != nil || len(page.Cards) != 5 || len(page.Cards[0].InCommon) != 0 || page.Cards[3].HasRoom {
			t.Errorf("without a student profile: %v %v", cardIDs(page), err)
		}
	})
}

func TestDirectoryFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newDirectoryCenter(t, db)
		sam, _, _ := db.Store.StudentProfile(ctx, c.sam.ID)
		for _, tc := range []struct {
			name string
			q    model.DirectoryQuery
			want []int64
		}{
			{"field, in any case", model.DirectoryQuery{Field: "public POLICY"}, []int64{c.dana, c.eli, c.gus}},
			{"field and location", model.DirectoryQuery{Field: "Public policy", Location: "chicago"}, []int64{c.eli}},
			{"location by country", model.DirectoryQuery{Location: "usa", Available: true}, []int64{c.dana, c.farah, c.eli}},
			{"has room this month", model.DirectoryQuery{Available: true}, []int64{c.dana, c.farah, c.eli}},
			{"employer, part of it", model.DirectoryQuery{Employer: "federal"}, []int64{c.gus}},
			{"role, part of it", model.DirectoryQuery{Role: "planner"}, []int64{c.eli}},
			{"major", model.DirectoryQuery{Major: "economics"}, []int64{c.dana, c.farah, c.gus}},
			{"graduation year", model.DirectoryQuery{GradYear: 2012}, []int64{c.dana, c.farah}},
			{"channel", model.DirectoryQuery{Channel: model.ChannelVideo}, []int64{c.dana, c.farah}},
			{"words in the bio", model.DirectoryQuery{Text: "zoning"}, []int64{c.eli}},
			{"words in ask me about, stemmed", model.DirectoryQuery{Text: "fellowship exam"}, []int64{c.dana}},
			{"a name, the last word a prefix", model.DirectoryQuery{Text: "farah hadd"}, []int64{c.farah}},
			{"employer words", model.DirectoryQuery{Text: "museum"}, []int64{c.ivy}},
			{"words and filters together", model.DirectoryQuery{Text: "economist", Field: "Public policy"}, []int64{c.gus}},
			{"punctuation only is no text filter", model.DirectoryQuery{Text: "'\"*:(", Field: "Data science"}, []int64{c.farah}},
			{"a LIKE wildcard is no wildcard", model.DirectoryQuery{Employer: "%reserve"}, []int64{c.gus}},
			{"nor is an underscore", model.DirectoryQuery{Employer: "f_deral"}, []int64{}},
			{"nothing matches", model.DirectoryQuery{Field: "Astronomy"}, []int64{}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				page, err := db.Store.Directory(ctx, tc.q, sam, now)
				if err != nil {
					t.Fatal(err)
				}
				if got := cardIDs(page); !reflect.DeepEqual(got, tc.want) {
					t.Errorf("got %v, want %v", got, tc.want)
				}
				if page.Total != len(tc.want) {
					t.Errorf("total %d, want %d", page.Total, len(tc.want))
				}
			})
		}
	})
}

func TestDirectoryPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newDirectoryCenter(t, db)
		sam, _, _ := db.Store.StudentProfile(ctx, c.sam.ID)
		var all []int64
		for p := 1; p <= 3; p++ {
			page, err := db.Store.Directory(ctx, model.DirectoryQuery{Page: p, PerPage: 2}, sam, now)
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != 5 || page.Pages != 3 || page.Page != p {
				t.Errorf("page %d: total %d pages %d page %d", p, page.Total, page.Pages, page.Page)
			}
			if len(page.Fields) != 4 {
				t.Errorf("page %d: the facets count every match, not the page's: %v", p, page.Fields)
			}
			all = append(all, cardIDs(page)...)
		}
		if want := []int64{c.dana, c.farah, c.eli, c.gus, c.ivy}; !reflect.DeepEqual(all, want) {
			t.Errorf("three pages of two: %v, want %v", all, want)
		}
		page, err := db.Store.Directory(ctx, model.DirectoryQuery{Page: 9, PerPage: 2}, sam, now)
		if err != nil || len(page.Cards) != 0 || page.Total != 5 {
			t.Errorf("past the last page: %v %v", cardIDs(page), err)
		}
	})
}

func TestDirectoryHidesWhoIsNoLongerAnActiveVolunteer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newDirectoryCenter(t, db)
		if _, err := db.Store.SetStatus(ctx, "eli@example.com", model.StatusDisabled, cli, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.SetRoles(ctx, "farah@example.com", []model.Role{model.RoleStudent}, cli, now); err != nil {
			t.Fatal(err)
		}
		page, err := db.Store.Directory(ctx, model.DirectoryQuery{}, model.StudentProfile{}, now)
		if err != nil {
			t.Fatal(err)
		}
		if want := []int64{c.dana, c.gus, c.ivy}; !reflect.DeepEqual(cardIDs(page), want) {
			t.Errorf("got %v, want %v", cardIDs(page), want)
		}
		if _, found, err := db.Store.DirectoryCard(ctx, c.eli, model.StudentProfile{}, now); found || err != nil {
			t.Errorf("a disabled volunteer's card: %v %v", found, err)
		}
		if _, found, err := db.Store.DirectoryCard(ctx, c.sam.ID, model.StudentProfile{}, now); found || err != nil {
			t.Errorf("a student's card: %v %v", found, err)
		}
	})
}

func TestDirectoryCardSaysWhenTheVolunteerLastSignedIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newDirectoryCenter(t, db)
		at := now.Add(-72 * time.Hour)
		if err := db.Store.CreateSession(ctx, model.Session{TokenHash: "h1", UserID: c.eli, CreatedAt: at, LastSeenAt: at}); err != nil {
			t.Fatal(err)
		}
		sam, _, _ := db.Store.StudentProfile(ctx, c.sam.ID)
		card, found, err := db.Store.DirectoryCard(ctx, c.eli, sam, now)
		if err != nil || !found || card.LastActive == nil || !card.LastActive.Equal(at) {
			t.Fatalf("Eli's card: %+v %v %v", card, found, err)
		}
		card, _, _ = db.Store.DirectoryCard(ctx, c.dana, sam, now)
		if len(card.InCommon) != 3 || card.Name != "Dana Brown" || !card.HasRoom {
			t.Errorf("Dana's card: %+v", card)
		}
		// Among equals with room, the one active more recently comes first.
		page, err := db.Store.Directory(ctx, model.DirectoryQuery{Field: "Urban planning"}, model.StudentProfile{}, now)
		if err != nil || len(page.Cards) != 1 || page.Cards[0].LastActive == nil {
			t.Errorf("Eli in a search: %+v %v", page.Cards, err)
		}
	})
}

func TestDirectoryPauseEndsOnItsDayInTheCentersTimeZone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newDirectoryCenter(t, db)
		if err := db.Store.SetCenterTimeZone(ctx, "Pacific/Auckland", cli, now); err != nil {
			t.Fatal(err)
		}
		// 11:30 UTC on December 14 is already December 15 in Auckland:
		// Gus is back.
		at := time.Date(2026, 12, 14, 11, 30, 0, 0, time.UTC)
		card, _, err := db.Store.DirectoryCard(ctx, c.gus, model.StudentProfile{}, at)
		if err != nil || !card.HasRoom || card.Paused {
			t.Errorf("Gus on December 15 in Auckland: room %v paused %v %v", card.HasRoom, card.Paused, err)
		}
		if err := db.Store.SetCenterTimeZone(ctx, "UTC", cli, now); err != nil {
			t.Fatal(err)
		}
		if card, _, _ := db.Store.DirectoryCard(ctx, c.gus, model.StudentProfile{}, at); card.HasRoom || !card.Paused {
			t.Errorf("Gus on December 14 in UTC: room %v paused %v", card.HasRoom, card.Paused)
		}
		if es := model.AsErrors(db.Store.SetCenterTimeZone(ctx, "Mars/Olympus", cli, now)); es.For("time_zone") == "" {
			t.Errorf("a bad time zone: %v", es)
		}
	})
}

// Volunteers who save their profile from two tabs at once, 32 times over,
// end with one whole profile and its terms: the saves take turns.
func TestConcurrentProfileSavesKeepOneWholeProfile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		a := mustAccount(t, db, "kim@example.com", model.RoleVolunteer)
		var wg sync.WaitGroup
		errs := make(chan error, 32)
		for i := range 32 {
			wg.Go(func() {
				p := model.VolunteerProfile{AccountID: a.ID, DisplayName: "Kim", MonthlyCapacity: 2,
					Fields: []string{"Field " + strconv.Itoa(i), "Public policy"}, Majors: []string{"Economics"}}
				errs <- db.Store.SaveVolunteerProfile(ctx, &p, nil, now)
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("a concurrent save failed: %v", err)
			}
		}
		p, _, err := db.Store.VolunteerProfile(ctx, a.ID)
		if err != nil || len(p.Fields) != 2 {
			t.Fatalf("the profile: %+v %v", p, err)
		}
		page, err := db.Store.Directory(ctx, model.DirectoryQuery{Field: p.Fields[0]}, model.StudentProfile{}, now)
		if err != nil || page.Total != 1 || len(page.Fields) != 2 {
			t.Errorf("the last save's terms: total %d, fields %v, %v", page.Total, page.Fields, err)
		}
		page, _ = db.Store.Directory(ctx, model.DirectoryQuery{Field: "Public policy"}, model.StudentProfile{}, now)
		if page.Total != 1 {
			t.Errorf("Public policy finds %d volunteers, want 1", page.Total)
		}
	})
}

func TestAnAccountsTimeZoneIsItsOwnElseTheCenters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		initCenter(t, db)
		a := mustAccount(t, db, "kim@example.com", model.RoleStudent)
		if err := db.Store.SetCenterTimeZone(ctx, "America/Chicago", cli, now); err != nil {
			t.Fatal(err)
		}
		if loc, err := db.Store.AccountTimeZone(ctx, a.ID); err != nil || loc.String() != "America/Chicago" {
			t.Errorf("without a zone of their own: %v %v", loc, err)
		}
		sc := db.Store.For(a.ID)
		st, _ := sc.Settings(ctx)
		st.TimeZone = "Europe/Paris"
		if err := sc.SaveSettings(ctx, st); err != nil {
			t.Fatal(err)
		}
		if loc, err := db.Store.AccountTimeZone(ctx, a.ID); err != nil || loc.String() != "Europe/Paris" {
			t.Errorf("with their own: %v %v", loc, err)
		}
		if _, err := db.Store.AccountTimeZone(ctx, 987654); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an unknown account: %v", err)
		}
	})
}

// The directory reads the requests: a volunteer whose capacity this month
// is used, or who holds 3 × their remaining capacity in waiting requests,
// has no room (as a request to them would be refused), and among equals
// the one asked less this month comes first, whatever became of the
// requests.
func TestDirectoryCountsTheMonthsRequests(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		profile := func(name string, capacity int) model.VolunteerProfile {
			return model.VolunteerProfile{DisplayName: name, MonthlyCapacity: capacity, Fields: []string{"Urban planning"},
				Channels: []model.Channel{model.ChannelVideo}}
		}
		used := volunteer(t, db, "used@example.com", profile("Uma Used", 1))
		full := volunteer(t, db, "full@example.com", profile("Fay Full", 1))
		asked := volunteer(t, db, "asked@example.com", profile("Ava Asked", 5))
		volunteer(t, db, "quiet@example.com", profile("Quinn Quiet", 5))

		send := func(student, v int64) center.Request {
			t.Helper()
			r, err := db.Store.SendRequest(ctx, set, draftTo(student, v, "Urban planning"), nil, now)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		students := make([]int64, 4)
		for i := range students {
			students[i] = studentAccount(t, db, fmt.Sprintf("s%d@westlake.edu", i))
		}
		// Uma accepts her one request: her month is used.
		r := send(students[0], used)
		if _, _, err := db.Store.StepRequest(ctx, set, r.ID, used, center.Step{Action: center.ActAccept, By: center.ActorVolunteer,
			At: now.Add(time.Hour), MeetingAt: now.Add(72 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		// Fay holds three waiting requests: 3 × her remaining 1.
		for _, s := range students[:3] {
			send(s, full)
		}
		// Ava was asked twice and declined both: she still has room, but
		// Quinn, asked by no one, comes before her.
		for _, s := range students[:2] {
			r := send(s, asked)
			if _, _, err := db.Store.StepRequest(ctx, set, r.ID, asked, center.Step{Action: center.ActDecline, By: center.ActorVolunteer,
				At: now.Add(time.Hour), DeclineReason: center.DeclineReasons()[0]}); err != nil {
				t.Fatal(err)
			}
		}

		page, err := db.Store.Directory(ctx, model.DirectoryQuery{Field: "Urban planning"}, model.StudentProfile{}, now.Add(2*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		room := map[string]bool{}
		for _, c := range page.Cards {
			order = append(order, c.Name)
			room[c.Name] = c.HasRoom
		}
		want := []string{"Quinn Quiet", "Ava Asked"}
		if len(order) != 4 || order[0] != want[0] || order[1] != want[1] {
			t.Errorf("order %v: want %v first, then those without room", order, want)
		}
		for name, want := range map[string]bool{"Uma Used": false, "Fay Full": false, "Ava Asked": true, "Quinn Quiet": true} {
			if room[name] != want {
				t.Errorf("%s: has room %v, want %v", name, room[name], want)
			}
		}
		available, err := db.Store.Directory(ctx, model.DirectoryQuery{Field: "Urban planning", Available: true}, model.StudentProfile{}, now.Add(2*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if available.Total != 2 {
			t.Errorf("has room this month: %d volunteers, want 2", available.Total)
		}
		// The card of one volunteer says the same, and a request to Fay is
		// refused as full, as her card said.
		c, _, err := db.Store.DirectoryCard(ctx, full, model.StudentProfile{}, now.Add(2*time.Hour))
		if err != nil || c.HasRoom {
			t.Errorf("Fay's card: has room %v, %v", c.HasRoom, err)
		}
		if _, err := db.Store.SendRequest(ctx, set, draftTo(students[3], full, "Urban planning"), nil, now.Add(2*time.Hour)); refusedBy(err) != center.RuleFull {
			t.Errorf("a fourth request to Fay: %v, want refused as full", err)
		}
	})
}

// A search's matches are kept between searches, but never past a change:
// what another instance writes to a profile, a role or a status shows in
// this instance's next search, and every search counts the requests
// afresh.
func TestDirectoryKeepsNoMatchPastAChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newDirectoryCenter(t, db)
		other := db.Another(t)
		policy := model.DirectoryQuery{Field: "Public policy"}
		search := func(q model.DirectoryQuery) model.DirectoryPage {
			t.Helper()
			page, err := db.Store.Directory(ctx, q, model.StudentProfile{}, now)
			if err != nil {
				t.Fatal(err)
			}
			return page
		}
		if got, want := cardIDs(search(policy)), []int64{c.dana, c.eli, c.gus}; !reflect.DeepEqual(got, want) {
			t.Fatalf("public policy: %v, want %v", got, want)
		}
		// Ivy takes up public policy, through the other instance.
		ivy, _, err := other.VolunteerProfile(ctx, c.ivy)
		if err != nil {
			t.Fatal(err)
		}
		ivy.Fields = append(ivy.Fields, "Public policy")
		if err := other.SaveVolunteerProfile(ctx, &ivy, nil, now); err != nil {
			t.Fatal(err)
		}
		if got := cardIDs(search(policy)); !slices.Contains(got, c.ivy) {
			t.Errorf("Ivy's new field does not show: %v", got)
		}
		// Eli is disabled, Gus is a volunteer no more.
		if _, err := other.SetStatus(ctx, "eli@example.com", model.StatusDisabled, cli, now); err != nil {
			t.Fatal(err)
		}
		if got := cardIDs(search(policy)); slices.Contains(got, c.eli) {
			t.Errorf("a disabled volunteer still shows: %v", got)
		}
		if _, err := other.SetRoles(ctx, "gus@example.com", []model.Role{model.RoleStudent}, cli, now); err != nil {
			t.Fatal(err)
		}
		if got, want := cardIDs(search(policy)), []int64{c.dana, c.ivy}; !reflect.DeepEqual(got, want) {
			t.Errorf("after the changes: %v, want %v", got, want)
		}
		// Dana, with room for two a month, accepts two requests: she has
		// used her month, which no profile change says.
		set, err := other.CenterRules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, email := range []string{"ann@westlake.edu", "bob@westlake.edu"} {
			st := studentAccount(t, db, email)
			r, err := other.SendRequest(ctx, set, draftTo(st, c.dana, "Public policy"), nil, now)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := other.StepRequest(ctx, set, r.ID, c.dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now}); err != nil {
				t.Fatal(err)
			}
		}
		page := search(model.DirectoryQuery{Field: "Public policy", Available: true})
		if got := cardIDs(page); slices.Contains(got, c.dana) {
			t.Errorf("Dana has used her month but shows with room: %v", got)
		}
	})
}
