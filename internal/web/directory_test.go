package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// directoryFixture is the center fixture with Sam's student profile and
// two volunteers, Dana (who shares Sam's major) and Eli.
func directoryFixture(t *testing.T, db *storetest.DB) (*centerFixture, int64, int64) {
	t.Helper()
	f := newCenterFixture(t, db)
	dana, eli := addDirectory(t, db, f.samID)
	return f, dana, eli
}

// addDirectory gives Sam (student) a profile and the center two
// volunteers, Dana and Eli, who sign in with Sam's password: their ids.
func addDirectory(t *testing.T, db *storetest.DB, student int64) (int64, int64) {
	t.Helper()
	ctx := context.Background()
	sp := model.StudentProfile{AccountID: student, Majors: []string{"Economics"}, HomeTown: "Dayton"}
	if err := db.Store.SaveStudentProfile(ctx, &sp, pagesNow); err != nil {
		t.Fatal(err)
	}
	hash, err := auth.NewHasher().Hash(samPassword)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, v := range []struct {
		email string
		p     model.VolunteerProfile
	}{
		{"dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", Employer: "State Department", Title: "Policy advisor",
			Fields: []string{"Public policy"}, Majors: []string{"Economics"}, City: "Washington", Country: "USA", MonthlyCapacity: 2,
			AskMeAbout: "Fellowships"}},
		{"eli@example.com", model.VolunteerProfile{DisplayName: "Eli Novak", Employer: "City of Chicago", Title: "Planner",
			Fields: []string{"Urban planning"}, City: "Chicago", Country: "USA", MonthlyCapacity: 2}},
	} {
		a, err := db.Store.AddAccount(ctx, model.NewAccount{Email: v.email, Name: v.p.DisplayName, Roles: []model.Role{model.RoleVolunteer},
			PasswordHash: hash}, model.CLIActor(), pagesNow)
		if err != nil {
			t.Fatal(err)
		}
		v.p.AccountID = a.ID
		if err := db.Store.SaveVolunteerProfile(ctx, &v.p, &model.VolunteerContact{Phone: "+1 555 0142", LinkedIn: "https://linkedin.com/in/secret-" + strconv.Itoa(len(ids))}, pagesNow); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	return ids[0], ids[1]
}

// contactMarks are what no directory answer may hold.
var contactMarks = []string{"555 0142", "secret-", "dana@example.com", "eli@example.com"}

func TestAStudentSearchesTheDirectoryByField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f, dana, _ := directoryFixture(t, db)
		if r := f.signIn(t, "sam@westlake.edu", samPassword, "/"); r.status != http.StatusSeeOther {
			t.Fatalf("Sam signs in: %d", r.status)
		}
		if r := f.b.get("/"); !strings.Contains(r.body, `href="/directory"`) || !strings.Contains(r.body, `href="/profile"`) {
			t.Error("a student's nav has no link to the directory or the profile")
		}
		r := f.b.get("/directory?field=public+policy")
		page := readable(r.body)
		if r.status != http.StatusOK || !strings.Contains(page, "Dana Brown") || strings.Contains(page, "Eli Novak") ||
			!strings.Contains(page, "In common: Also studied Economics") || !strings.Contains(page, "Has room this month") ||
			!strings.Contains(page, "Has not signed in yet") {
			t.Fatalf("the directory by field: %d\n%s", r.status, page)
		}
		for _, m := range contactMarks {
			if strings.Contains(r.body, m) {
				t.Errorf("the directory shows %q", m)
			}
		}
		// The facets link to the same search with one more filter.
		r = f.b.get("/directory")
		if !strings.Contains(r.body, `href="/directory?field=Urban&#43;planning"`) && !strings.Contains(r.body, `href="/directory?field=Urban+planning"`) {
			t.Errorf("no facet link to Urban planning:\n%s", r.body)
		}
		r = f.b.get("/directory/" + strconv.FormatInt(dana, 10))
		page = readable(r.body)
		if r.status != http.StatusOK || !strings.Contains(page, "What you have in common") || !strings.Contains(page, "Fellowships") ||
			!strings.Contains(page, "shares them once they accept") || strings.Contains(page, "Conversations a month") {
			t.Fatalf("Dana's page: %d\n%s", r.status, page)
		}
		for _, m := range contactMarks {
			if strings.Contains(r.body, m) {
				t.Errorf("Dana's page shows %q", m)
			}
		}
		if r := f.b.get("/directory/" + strconv.FormatInt(f.samID, 10)); r.status != http.StatusNotFound {
			t.Errorf("a student's id as a volunteer page: %d", r.status)
		}
		// The API gives the same page, with the CLI's keys.
		r = f.b.get("/api/v1/directory?field=Public+policy")
		var res model.DirectoryPage
		if err := json.Unmarshal([]byte(r.body), &res); err != nil || r.status != http.StatusOK || res.Total != 1 ||
			res.Cards[0].ID != dana || res.Cards[0].InCommon[0].Text != "Also studied Economics" {
			t.Fatalf("the API: %d %v\n%s", r.status, err, r.body)
		}
		for _, m := range contactMarks {
			if strings.Contains(r.body, m) {
				t.Errorf("the API shows %q", m)
			}
		}
		if r := f.b.get("/api/v1/directory?grad_year=soon"); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `"field": "grad_year"`) {
			t.Errorf("a bad year through the API: %d %s", r.status, r.body)
		}
	})
}

func TestTheDirectoryFormKeepsWhatWasTypedAndSaysWhatIsWrong(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f, _, _ := directoryFixture(t, db)
		f.signIn(t, "sam@westlake.edu", samPassword, "/")
		r := f.b.get("/directory?q=planner&grad_year=nineteen&channel=pigeon")
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `value="nineteen"`) || !strings.Contains(r.body, `value="planner"`) ||
			!strings.Contains(r.body, `id="f-grad-year-error"`) || !strings.Contains(r.body, `id="f-channel-error"`) {
			t.Fatalf("bad filters: %d\n%s", r.status, r.body)
		}
		// The rest of the search still runs.
		if !strings.Contains(readable(r.body), "Eli Novak") {
			t.Errorf("the words were not searched for:\n%s", readable(r.body))
		}
	})
}

func TestAVolunteerWritesTheirProfile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f, dana, _ := directoryFixture(t, db)
		ctx := context.Background()
		if r := f.signIn(t, "dana@example.com", samPassword, "/"); r.status != http.StatusSeeOther {
			t.Fatalf("Dana signs in: %d", r.status)
		}
		r := f.b.get("/profile")
		if r.status != http.StatusOK || !strings.Contains(r.body, `value="Dana Brown"`) || !strings.Contains(r.body, `value="&#43;1 555 0142"`) ||
			strings.Contains(r.body, "You as a student") {
			t.Fatalf("Dana's profile page: %d\n%s", r.status, readable(r.body))
		}
		if r := f.b.get("/directory"); r.status != http.StatusForbidden || !strings.Contains(readable(r.body), "Only the center’s students and advisors may search the volunteer directory.") {
			t.Errorf("a volunteer searches the directory: %d\n%s", r.status, readable(r.body))
		}
		bad := url.Values{"v_display_name": {""}, "v_employer": {"State Department"}, "v_monthly_capacity": {"lots"},
			"v_linkedin": {"my page"}, "v_paused_until": {"next week"}, "v_channel_video": {"on"}, "v_fields": {"Public policy, Diplomacy"}}
		r = f.b.post("/profile", bad)
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("a bad profile: %d", r.status)
		}
		for _, want := range []string{`id="f-v-display-name-error"`, `id="f-v-monthly-capacity-error"`, `id="f-v-linkedin-error"`,
			`id="f-v-paused-until-error"`, `value="lots"`, `value="my page"`, `value="next week"`, `value="Public policy, Diplomacy"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("the refused form lacks %s", want)
			}
		}
		if !strings.Contains(r.body, `id="f-v-channel-video" name="v_channel_video" value="on" checked`) {
			t.Error("the ticked channel was not kept")
		}
		if p, _, _ := db.Store.VolunteerProfile(ctx, dana); p.Employer != "State Department" || p.MonthlyCapacity != 2 {
			t.Errorf("a refused form changed the profile: %+v", p)
		}
		good := url.Values{"v_display_name": {"Dana B."}, "v_employer": {"World Bank"}, "v_fields": {"Public policy, Development"},
			"v_monthly_capacity": {"4"}, "v_paused_until": {"2026-12-24"}, "v_channel_phone": {"on"}, "v_channel_email": {"on"},
			"v_phone": {"+1 555 0100"}, "v_majors": {"Economics"}}
		if r := f.b.post("/profile", good); r.status != http.StatusSeeOther || r.header.Get("Location") != "/profile" {
			t.Fatalf("a good profile: %d\n%s", r.status, readable(r.body))
		}
		p, _, _ := db.Store.VolunteerProfile(ctx, dana)
		if p.DisplayName != "Dana B." || p.Employer != "World Bank" || p.MonthlyCapacity != 4 || p.PausedUntil == nil ||
			len(p.Fields) != 2 || len(p.Channels) != 2 || p.Channels[0] != model.ChannelPhone {
			t.Errorf("saved: %+v", p)
		}
		if c, _ := db.Store.VolunteerContact(ctx, dana); c.Phone != "+1 555 0100" || c.LinkedIn != "" {
			t.Errorf("contact: %+v", c)
		}
		if r := f.b.get("/profile"); !strings.Contains(r.body, "Saved your profile.") || !strings.Contains(r.body, `href="/directory/`+strconv.FormatInt(dana, 10)+`"`) {
			t.Errorf("after saving:\n%s", readable(r.body))
		}
	})
}

func TestAStudentWritesTheirProfile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f, _, _ := directoryFixture(t, db)
		f.signIn(t, "sam@westlake.edu", samPassword, "/")
		r := f.b.post("/profile", url.Values{"s_class_year": {"27"}, "s_majors": {"History; Economics"}, "v_display_name": {"ignored"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="f-s-class-year-error"`) || !strings.Contains(r.body, `value="History; Economics"`) ||
			strings.Contains(r.body, "You in the volunteer directory") {
			t.Fatalf("a bad class year: %d\n%s", r.status, readable(r.body))
		}
		r = f.b.post("/profile", url.Values{"s_class_year": {"2027"}, "s_majors": {"History; Economics"}, "s_clubs": {"Debate Society"},
			"s_home_town": {"Dayton"}})
		if r.status != http.StatusSeeOther {
			t.Fatalf("a good profile: %d\n%s", r.status, readable(r.body))
		}
		p, _, _ := db.Store.StudentProfile(context.Background(), f.samID)
		if p.ClassYear != 2027 || len(p.Majors) != 2 || p.Clubs[0] != "Debate Society" {
			t.Errorf("saved: %+v", p)
		}
		// The advisor has no profile to write, and reads volunteers in full.
		f.signIn(t, "ada@westlake.edu", adaPassword, "/")
		if r := f.b.get("/profile"); r.status != http.StatusForbidden {
			t.Errorf("an advisor's profile: %d", r.status)
		}
		r = f.b.get("/directory")
		if r.status != http.StatusOK || !strings.Contains(readable(r.body), "Dana Brown") {
			t.Errorf("the advisor's directory: %d", r.status)
		}
	})
}

func TestPersonalModeHasNoDirectory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		b := browserOn(t, db, false)
		for _, path := range []string{"/directory", "/directory/1", "/profile", "/api/v1/directory"} {
			if r := b.get(path); r.status != http.StatusNotFound {
				t.Errorf("%s in personal mode: %d", path, r.status)
			}
		}
		if r := b.get("/"); strings.Contains(r.body, `href="/directory"`) {
			t.Error("the personal nav links to the directory")
		}
	})
}
