package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// The demo center's vocabulary: enough variety that filters, facets and
// commonality behave as at a real school.
var (
	centerMajors = []string{"Economics", "History", "Biology", "Computer Science", "English", "Psychology", "Political Science",
		"Mathematics", "Chemistry", "Sociology", "Philosophy", "Art History", "Mechanical Engineering", "Civil Engineering",
		"Environmental Studies", "Music", "Anthropology", "Physics", "Nursing", "Business Administration", "Journalism",
		"Spanish", "Statistics", "Public Health", "Architecture", "Film Studies", "Linguistics", "Neuroscience"}
	centerFields = []string{"Public policy", "UX research", "Environmental engineering", "Data journalism", "Health care administration",
		"Museum education", "Product management", "Urban planning", "Software engineering", "Investment banking", "Consulting",
		"Nonprofit management", "Marketing", "Teaching", "Law", "Medicine", "Scientific research", "Film and television",
		"Architecture", "Data science", "Human resources", "Supply chain", "Renewable energy", "Publishing", "Social work",
		"Game design", "Biotech", "Diplomacy", "Sports management", "Journalism"}
	centerEmployers = []string{"State Department", "City of Chicago", "Acme Analytics", "Federal Reserve", "Museum of Science",
		"North River Health", "Cedar Labs", "Harbor Bank", "Summit Consulting", "Civic Data Lab", "Bright Energy", "Metro Transit",
		"Lake Hospital", "Union Law Group", "Pioneer Press", "Atlas Studios", "Green Futures Foundation", "Open Map Co",
		"Westlake University", "Public Schools of Denver", "Riverbend Biotech", "Global Relief", "Northwind Logistics",
		"Blue Cafe", "Kite Games", "Oak Street Architects", "Signal Newsroom", "Evergreen Capital", "Ridge Outdoor Gear", "Harmony Records"}
	centerTitles = []string{"Policy analyst", "Senior researcher", "Project engineer", "Data reporter", "Program manager", "Curator",
		"Product manager", "Planner", "Director", "Consultant", "Associate", "Team lead", "Software engineer", "Economist",
		"Teacher", "Attorney", "Physician", "Nurse practitioner", "Designer", "Editor", "Founder", "Analyst", "Scientist", "Producer"}
	centerCities = []struct{ city, country string }{{"Boston", "USA"}, {"Washington", "USA"}, {"Chicago", "USA"}, {"Austin", "USA"},
		{"Seattle", "USA"}, {"Denver", "USA"}, {"New York", "USA"}, {"San Francisco", "USA"}, {"Atlanta", "USA"}, {"Minneapolis", "USA"},
		{"Toronto", "Canada"}, {"London", "UK"}, {"Berlin", "Germany"}, {"Mexico City", "Mexico"}, {"Nairobi", "Kenya"},
		{"Singapore", "Singapore"}, {"Paris", "France"}, {"Sydney", "Australia"}, {"Dayton", "USA"}, {"Portland", "USA"}}
	centerTowns = []string{"Dayton", "Springfield", "Fresno", "Tulsa", "Albany", "Madison", "Eugene", "Boise", "Akron", "Reno",
		"Lansing", "Tacoma", "Savannah", "Omaha", "Provo", "Duluth", "Lowell", "Bangor", "Fargo", "Laredo", "Toledo", "Peoria"}
	centerClubs = []string{"Debate Society", "Chess Club", "Rowing Team", "Model UN", "Women in Tech", "Student Government",
		"Campus Radio", "Habitat for Humanity", "Jazz Ensemble", "Hiking Club", "Black Student Union", "Latinx Student Alliance",
		"Engineers Without Borders", "The Westlake Review", "Outdoor Club", "Robotics Club", "Theatre Company", "Investment Club",
		"Pre-Law Society", "Premed Society", "First-Generation Students", "Soccer Club"}
	centerStudentJobs = []string{"Blue Cafe", "Westlake Library", "Campus Bookstore", "Summer Camp Pines", "City Pool",
		"Harbor Bank", "Cedar Labs", "Museum of Science", "Metro Transit", "Acme Analytics", "Tutoring Center", "Green Futures Foundation"}
	centerIndustries = []string{"Government", "Health care", "Finance", "Technology", "Education", "Media", "Nonprofit",
		"Energy", "Law", "Manufacturing", "Arts", "Retail"}
	centerLanguages = []string{"English", "Spanish", "French", "Mandarin", "Arabic", "Portuguese", "German", "Hindi", "Korean", "Swahili"}
	centerAsk       = []string{"how I switched careers at 30", "graduate school or not", "getting a first job in the field",
		"working abroad", "fellowships and grants", "what a typical week is like", "the licensing exams", "remote work",
		"starting something of your own", "the skills that matter most", "balancing family and a demanding job",
		"finding a mentor", "internships that lead somewhere", "moving from research to industry"}
	centerBio = []string{"I love talking about how my field really works day to day.", "Happy to share the path I took and the detours.",
		"I was a first-generation student and remember how little I knew.", "Ask me anything about the work; I will be honest.",
		"I came to this field by accident and stayed for the people.", "I hire juniors every year and know what helps."}
	centerDegrees = []string{"BA", "BS", "BA", "BS", "BFA", "BEng"}
)

// DemoPassword is every demo center account's password, so that anyone
// trying the demo can sign in as any of them.
const DemoPassword = "westlake demo center"

// CenterMembers generates a career center's students and volunteers,
// varied as at a real school, the same for the same seed and now. Every
// account shares hash, one precomputed password hash: hashing 100,000
// passwords would take the load an hour. Emails are
// student1@demo.westlake.edu and volunteer1@demo.westlake.edu onwards.
func CenterMembers(students, volunteers int, seed uint64, now time.Time, hash string) []store.CenterMember {
	rng := rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	some := func(list []string, most int) []string {
		n := 1 + rng.IntN(most)
		out := make([]string, 0, n)
		for range n {
			if s := pick(list); !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		return out
	}
	name := func() string {
		return pick(firstNames) + " " + pick(lastNames)
	}
	// The first-generation flags come from a stream of their own, so that
	// the members are otherwise those of the demos before it: a third are
	// first-generation, and one in ten rosters did not say.
	gen := rand.New(rand.NewPCG(seed^0x9e3779b97f4a7c15, seed))
	out := make([]store.CenterMember, 0, students+volunteers)
	for i := range students {
		sp := &model.StudentProfile{ClassYear: now.Year() + rng.IntN(4), Degree: pick(centerDegrees), Majors: some(centerMajors, 2),
			HomeTown: pick(centerTowns), Clubs: some(centerClubs, 3), Interests: some(centerFields, 3)}
		if rng.IntN(3) > 0 {
			sp.PastEmployers = some(centerStudentJobs, 2)
		}
		if g := gen.IntN(30); g >= 3 {
			first := g < 13
			sp.FirstGen = &first
		}
		out = append(out, store.CenterMember{
			Account: model.NewAccount{Email: fmt.Sprintf("student%d@demo.westlake.edu", i+1), Name: name(),
				Roles: []model.Role{model.RoleStudent}, PasswordHash: hash},
			Student: sp,
		})
	}
	for i := range volunteers {
		loc := centerCities[rng.IntN(len(centerCities))]
		n := name()
		field := pick(centerFields)
		vp := &model.VolunteerProfile{DisplayName: n, GradYear: now.Year() - 1 - rng.IntN(35), Degree: pick(centerDegrees),
			Majors: some(centerMajors, 2), Employer: pick(centerEmployers), Title: pick(centerTitles), Fields: []string{field},
			City: loc.city, Country: loc.country, Industries: some(centerIndustries, 2),
			AskMeAbout: pick(centerAsk) + "; " + pick(centerAsk), Languages: some(centerLanguages, 2),
			Channels: someChannels(rng), MonthlyCapacity: 1 + rng.IntN(4), Bio: pick(centerBio) + " " + strings.ToLower(field) + " is what I do.",
			HomeTown: pick(centerTowns), Clubs: some(centerClubs, 2), PastEmployers: some(centerStudentJobs, 2)}
		if rng.IntN(4) == 0 {
			vp.Fields = append(vp.Fields, pick(centerFields))
		}
		if rng.IntN(10) == 0 {
			vp.MonthlyCapacity = 0
		}
		if rng.IntN(12) == 0 {
			d := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1+rng.IntN(60))
			vp.PausedUntil = &d
		}
		var last time.Time
		if rng.IntN(5) > 0 {
			last = now.Add(-time.Duration(rng.IntN(120*24*60)) * time.Minute).Truncate(time.Minute)
		}
		out = append(out, store.CenterMember{
			Account: model.NewAccount{Email: fmt.Sprintf("volunteer%d@demo.westlake.edu", i+1), Name: n,
				Roles: []model.Role{model.RoleVolunteer}, PasswordHash: hash},
			Volunteer:  vp,
			LastSignIn: last,
		})
	}
	return out
}

func someChannels(rng *rand.Rand) []model.Channel {
	var out []model.Channel
	for _, c := range model.Channels() {
		if rng.IntN(2) == 0 {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = append(out, model.ChannelVideo)
	}
	return out
}
