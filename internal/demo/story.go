package demo

import (
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// The story's local keys. Ids in a store.Bulk are keys that its records
// use to refer to each other; the loader maps them to database ids.

// Organizations.
const (
	orgRiverbend int64 = iota + 1
	orgHollisGrant
	orgTidewater
	orgKeystone
	orgBreatheEasy
	orgCitySustainability
	orgBrightline
	orgFernwood
	orgLedger
	orgCivicSignal
	orgMAWEA
)

// Fields.
const (
	fieldPolicy int64 = iota + 1
	fieldUX
	fieldEnvEng
	fieldDataJournalism
)

// People.
const (
	pVasquez int64 = iota + 1
	pOkafor
	pRaman
	pKim
	pHerrera
	pLiu
	pBrooks
	pAdeyemi
	pWhitfield
	pSiddiqui
	pSantos
	pChenMartinez
	pCarter
	pRobinson
	pOBrien
	pPetrova
	pEze
	pGoldberg
	pNakamura
	pGonzalez
	pBello
	pZhang
	pHaddad
	pWhitaker
	pSerra
	pPark
	pDesai
	pReyes
	pAdebayo
	pBrown
)

// Conversations, named after the person they are with.
const (
	cVasquez int64 = iota + 1
	cOkafor
	cRaman
	cKim
	cHerrera
	cLiu
	cAdeyemi
	cWhitfield
	cSiddiqui
	cSantos
	cChenMartinez
	cRobinson
	cPetrova
	cEze
	cGoldberg
	cNakamura
	cGonzalez
	cBello
	cZhang
	cHaddad
	cSerra
)

// Story returns Ally's demo story: one explorer's informational interviews
// over the five months before now, ready for store.Scope.LoadBulk.
//
// The explorer is a college senior at Riverbend State University in
// Philadelphia (environmental science major and statistics minor, with an
// internship at the city's sustainability office behind them, a campus job
// in the library's usability lab and bylines in the student paper) who
// explores four fields: public policy, UX research, environmental
// engineering and data journalism. Thirty people reached through every
// kind of source, eleven organizations and twenty-one conversations cover
// every lifecycle state and referral chains three deep; held conversations
// carry real notes.
//
// Every date is relative to now, read in loc, on weekdays at sensible
// hours: steps and activities lie in the past, the meetings of scheduled
// and confirmed conversations in the coming days, so that right after
// loading the agenda shows overdue actions of most kinds, some due today or
// this week and some later. The agenda counts business days in the user's
// time zone setting, which should be loc. The result depends only on now
// and loc.
func Story(now time.Time, loc *time.Location) *store.Bulk {
	s := &storyBuilder{now: now, loc: loc}
	s.organizations()
	s.fields()
	s.people()
	s.environmentalEngineering()
	s.publicPolicy()
	s.uxResearch()
	s.dataJournalism()
	s.otherTouches()
	for _, c := range s.convos {
		s.b.Conversations = append(s.b.Conversations, *c)
	}
	return &s.b
}

// storyBuilder accumulates the story's records and turns "three business
// days ago at 10:15" into instants relative to now.
type storyBuilder struct {
	now    time.Time
	loc    *time.Location
	b      store.Bulk
	convos []*model.Conversation // walked step by step, copied into b at the end
}

// businessDay returns the n-th weekday after today (before it when n is
// negative) at hour:minute in the story's zone. n = 0 is today.
func (s *storyBuilder) businessDay(n, hour, minute int) time.Time {
	y, m, d := s.now.In(s.loc).Date()
	dir := 1
	if n < 0 {
		dir, n = -1, -n
	}
	k := 0
	for n > 0 {
		k += dir
		if s.weekday(time.Date(y, m, d+k, 12, 0, 0, 0, s.loc)) {
			n--
		}
	}
	return time.Date(y, m, d+k, hour, minute, 0, 0, s.loc)
}

// ago is n ≥ 1 business days before today at hour:minute: always in the past.
func (s *storyBuilder) ago(n, hour, minute int) time.Time { return s.businessDay(-n, hour, minute) }

// ahead is n ≥ 1 business days after today at hour:minute: always in the future.
func (s *storyBuilder) ahead(n, hour, minute int) time.Time { return s.businessDay(n, hour, minute) }

// soon is the time of the meeting that still needs confirming: the first
// weekday slot (10:00, 14:00 or 16:00) between 20 and 46 hours away, so
// that its confirmation, due 48 hours before, is overdue and its
// preparation due about now; failing that (around weekends), the first
// slot at least 3 hours away.
func (s *storyBuilder) soon() time.Time {
	y, m, d := s.now.In(s.loc).Date()
	var fallback time.Time
	for k := 0; k < 8; k++ {
		for _, h := range []int{10, 14, 16} {
			t := time.Date(y, m, d+k, h, 0, 0, 0, s.loc)
			if !s.weekday(t) {
				continue
			}
			until := t.Sub(s.now)
			if until >= 20*time.Hour && until < 46*time.Hour {
				return t
			}
			if fallback.IsZero() && until >= 3*time.Hour {
				fallback = t
			}
		}
	}
	return fallback
}

// weekday reports whether t falls on Monday to Friday.
func (s *storyBuilder) weekday(t time.Time) bool {
	return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
}

// ref refers to the record with this local key.
func (s *storyBuilder) ref(key int64) *model.Ref { return &model.Ref{ID: key} }

// refs refers to the records with these local keys.
func (s *storyBuilder) refs(keys ...int64) []model.Ref {
	out := make([]model.Ref, len(keys))
	for i, k := range keys {
		out[i] = model.Ref{ID: k}
	}
	return out
}

// org adds an organization the user first noted at created.
func (s *storyBuilder) org(key int64, name, website string, created time.Time, notes string) {
	s.b.Organizations = append(s.b.Organizations, model.Organization{ID: key, Name: name, Website: website,
		Notes: notes, CreatedAt: created, UpdatedAt: created})
}

// field adds a career field the user started exploring at created.
func (s *storyBuilder) field(key int64, name string, target int, created time.Time, why, notes string) {
	s.b.Fields = append(s.b.Fields, model.Field{ID: key, Name: name, Target: target, Why: why, Notes: notes,
		CreatedAt: created, UpdatedAt: created})
}

// person adds a person the user first noted at created.
func (s *storyBuilder) person(p model.Person, created time.Time) {
	p.CreatedAt, p.UpdatedAt = created, created
	if p.ReferredBy != nil && p.NamePermission == model.NameNotAsked {
		p.NamePermission = model.NameYes // in the story, every referrer said the user may use their name
	}
	if p.Emails == nil {
		p.Emails = []string{}
	}
	if p.Tags == nil {
		p.Tags = []string{}
	}
	s.b.People = append(s.b.People, p)
}

// convo starts a conversation in the idea state, noted at created.
func (s *storyBuilder) convo(key, person int64, created time.Time, ch model.Channel, minutes int, place, whoPays string, fields ...int64) *model.Conversation {
	c := &model.Conversation{ID: key, Person: model.Ref{ID: person}, Fields: s.refs(fields...), State: model.StateIdea,
		StateAt: created, Channel: ch, Minutes: minutes, Place: place, WhoPays: whoPays, CreatedAt: created, UpdatedAt: created}
	s.convos = append(s.convos, c)
	return c
}

// step walks the conversation one lifecycle step, as `ally log` would. A
// step the method refuses is a bug in the story.
func (s *storyBuilder) step(c *model.Conversation, to model.State, at time.Time, note string) {
	s.apply(c, method.Step{To: to, At: at}, note)
}

// schedule records the scheduled step with its meeting time.
func (s *storyBuilder) schedule(c *model.Conversation, at, meeting time.Time, note string) {
	s.apply(c, method.Step{To: model.StateScheduled, At: at, MeetingAt: meeting}, note)
}

// apply checks a step against the lifecycle, applies it and records its event.
func (s *storyBuilder) apply(c *model.Conversation, st method.Step, note string) {
	if err := method.CheckStep(c, st, s.now); err != nil {
		panic(fmt.Sprintf("demo: story conversation %d: %v", c.ID, err))
	}
	method.Apply(c, st)
	e := model.Event{ConversationID: c.ID, Step: st.To, At: st.At, Note: note}
	if !st.MeetingAt.IsZero() {
		m := st.MeetingAt
		e.MeetingAt = &m
	}
	c.Events = append(c.Events, e)
	c.UpdatedAt = st.At
}

// write records the write-up of a held conversation, done at.
func (s *storyBuilder) write(c *model.Conversation, at time.Time, usefulness int, summary, notes string) {
	c.Notes, c.Summary, c.Usefulness = notes, summary, usefulness
	if at.After(c.UpdatedAt) {
		c.UpdatedAt = at
	}
}

// act logs a touch with a person, about a conversation when convo is not 0.
func (s *storyBuilder) act(person, convo int64, kind model.ActivityKind, at time.Time, note string) {
	s.b.Activities = append(s.b.Activities, model.Activity{ID: int64(len(s.b.Activities) + 1),
		Person: model.Ref{ID: person}, ConversationID: convo, Kind: kind, At: at, Note: note, CreatedAt: at})
}

// organizations adds the employers and institutions, with research notes.
func (s *storyBuilder) organizations() {
	s.org(orgRiverbend, "Riverbend State University", "https://example.org/riverbend-state", s.ago(108, 19, 0),
		`My school. Useful offices:

- **Career Center** — alumni database (search by employer and major), mock interviews.
- **Environmental Science department** — Dr. Vasquez, the stormwater design elective in spring.
- **Library usability lab** — my campus job, with Kevin.`)
	s.org(orgHollisGrant, "Hollis & Grant Engineering", "https://example.com/hollis-grant", s.ago(99, 20, 0),
		`Mid-size consulting firm (about 400 people, 6 offices). Water resources, site remediation, stormwater.

- Philadelphia office does most of the city's green stormwater retrofit design.
- Hires engineers-in-training every spring; summer field program for students.
- Employee-owned since 2019, which people mention with pride.`)
	s.org(orgTidewater, "Tidewater Water Authority", "https://example.org/tidewater-water", s.ago(92, 20, 5),
		`Regional public water and sewer utility.

- Runs a 25-year combined-sewer-overflow program: green infrastructure first, tunnels later.
- Civil-service hiring; engineering technician is the usual way in without an engineering degree.
- Tuition support for a part-time master's after one year.`)
	s.org(orgKeystone, "Keystone Policy Institute", "https://example.org/keystone-policy", s.ago(103, 21, 0),
		`Nonpartisan state policy think tank, foundation funded.

- Programs: energy and climate, budget, housing.
- Publishes short briefs (4–8 pages) and testifies before state committees.
- Research assistant openings are posted in February.`)
	s.org(orgBreatheEasy, "Breathe Easy Coalition", "https://example.org/breathe-easy", s.ago(19, 20, 0),
		`Clean-air advocacy nonprofit. Runs a one-year **policy fellowship** for recent graduates.
Publishes neighborhood heat and air-quality maps.`)
	s.org(orgCitySustainability, "City Sustainability Office", "https://example.org/city-sustainability", s.ago(108, 19, 5),
		`Where I interned (building energy benchmarking).

- Small team (14 people) inside the Managing Director's office.
- Works through other departments; most of the job is persuasion and data.`)
	s.org(orgBrightline, "Brightline Labs", "https://example.com/brightline-labs", s.ago(45, 20, 55),
		`UX research and design consultancy; clients in health, banking and government.
Known for a public library of research methods write-ups. Hires **junior researchers** rarely, mostly from internships.`)
	s.org(orgFernwood, "Fernwood Health", "https://example.com/fernwood-health", s.ago(41, 19, 30),
		`Health-tech company (patient scheduling and telehealth apps), about 900 people.

- Research team of 11: qualitative and quantitative researchers, one research-ops lead.
- Two RSU alumni there according to the alumni database.`)
	s.org(orgLedger, "The Ledger-Dispatch", "https://example.com/ledger-dispatch", s.ago(56, 20, 0),
		`The city's daily paper. A four-person **data desk** serves the whole newsroom.
Summer data fellowship for students; applications close in early January.`)
	s.org(orgCivicSignal, "CivicSignal", "https://example.org/civicsignal", s.ago(49, 20, 0),
		`Nonprofit investigative newsroom, reader funded. Publishes its data and code with every story.
Ran the lead service line series.`)
	s.org(orgMAWEA, "Mid-Atlantic Water Environment Association", "https://example.org/mawea", s.ago(31, 19, 0),
		`Professional association for water-quality people.

- Student membership is $20 a year.
- **Young Professionals mentoring program** pairs students with practitioners each spring.
- Student night at the annual conference in the fall.`)
}

// fields adds the four career fields explored.
func (s *storyBuilder) fields() {
	s.field(fieldPolicy, "Public policy", 3, s.ago(108, 19, 30),
		`My internship at the city sustainability office showed me that rules decide what gets built. I want to know whether I would rather write the analysis behind a policy or help get it passed, and whether I need a master's degree first.`,
		`## What I know so far

- Two broad tracks: **analysis** (think tanks, agencies, legislative research offices) and **advocacy and politics** (coalitions, legislative staff, campaigns).
- Usual first jobs: research assistant, legislative aide, policy fellow.
- Many people work 2–3 years before an MPP or MPA.
- Quantitative skills seem scarcer than writing skills: my statistics minor may count for more than I thought.

## Still open

- MPP right away, or after some years of work?
- How much of the work is politics and how much evidence?

## Reading

- The state climate action plan, building-energy chapter.
- Keystone Policy Institute's brief on building benchmarking.`)
	s.field(fieldUX, "UX research", 3, s.ago(108, 19, 35),
		`Running usability sessions in the library lab is the part of my campus job I look forward to. Could studying how people use things be a career, and does my statistics minor fit the quantitative side?`,
		`## What I know so far

- Methods: interviews, usability tests, surveys, diary studies, analytics.
- Qualitative and quantitative researchers are often separate jobs at larger companies.
- Hiring asks for a **portfolio of case studies** more than a degree.
- Job market for juniors has been tight since 2023.

## Still open

- Is a master's in HCI expected?
- In-house or at an agency for a first job?`)
	s.field(fieldEnvEng, "Environmental engineering", 4, s.ago(108, 19, 40),
		`It is the most direct use of my major: water, stormwater, cleanup of polluted sites. I need to know whether I would need an engineering degree, or whether environmental science plus the right courses or a master's gets me there. The main candidate, so I want four perspectives: consulting, a utility, a regulator and academia.`,
		`## What I know so far

- Licensing path: **FE exam** → engineer-in-training (EIT) → 4 years of experience → **PE exam**.
- Eligibility for the FE without an accredited engineering degree depends on the state board.
- Employers: consulting firms, public utilities, regulators, industry.
- Permit words to understand: NPDES, MS4, combined sewer overflow (CSO).

## Disagreements so far

- Consulting teaches fastest (Marcus) vs. burns people out (Priya).

## Still open

- Master's right after graduation, or a technician job first?`)
	s.field(fieldDataJournalism, "Data journalism", 3, s.ago(56, 21, 0),
		`I wrote for The Riverbend Review and loved the one story where I built the dataset myself (the campus heating plant's emissions). Is data reporting a career, or a skill reporters pick up on the side?`,
		`## What I know so far

- Newsrooms have **data desks**, news-app developers and graphics teams; smaller papers have one data person.
- Tools: spreadsheets, SQL, Python or R, public-records requests, some mapping.
- Pay is lower than in tech and jobs are fewer, but people seem to love the work.

## Still open

- Fellowships and internships: which ones lead to jobs?
- Would an environmental beat use my science background?`)
}

// people adds everyone in the story, grouped by field.
func (s *storyBuilder) people() {
	// Environmental engineering: a chain of referrals four people long.
	s.person(model.Person{ID: pVasquez, Name: "Elena Vasquez", Organization: s.ref(orgRiverbend),
		Role: "Associate professor of environmental engineering", Emails: []string{"elena.vasquez@example.org"},
		Phone: "215-555-0142", Location: "Philadelphia, PA", Fields: s.refs(fieldEnvEng), Source: model.SourceProfessor,
		Commonality: "Took her Water Resources course (fall of junior year)", Tags: []string{"mentor"},
		Notes: `Office hours Tuesday and Thursday 2–4. Prefers email and answers within a day.

- Worked eight years in consulting before her PhD, so she knows both sides.
- Likes short updates: **what I did with her advice**, not just thanks.`}, s.ago(108, 19, 45))
	s.person(model.Person{ID: pOkafor, Name: "Marcus Okafor", Organization: s.ref(orgHollisGrant),
		Role: "Senior water resources engineer, PE", Emails: []string{"mokafor@example.com"},
		URL: "https://example.com/in/marcus-okafor", Location: "Philadelphia, PA", Fields: s.refs(fieldEnvEng),
		Source: model.SourceProfessor, Commonality: "RSU '09; Dr. Vasquez's former student", ReferredBy: s.ref(pVasquez),
		Tags: []string{"alumni"},
		Notes: `Generous with time; talks fast, so bring the question list.
Suggested I write to Priya only **after her permit season**.`}, s.ago(99, 20, 5))
	s.person(model.Person{ID: pRaman, Name: "Priya Raman", Organization: s.ref(orgTidewater),
		Role: "Stormwater program engineer", Emails: []string{"priya.raman@example.org"}, Location: "Philadelphia, PA",
		Fields: s.refs(fieldEnvEng), Source: model.SourceOther,
		Commonality: "Also started with an environmental science degree", ReferredBy: s.ref(pOkafor)}, s.ago(92, 20, 10))
	s.person(model.Person{ID: pKim, Name: "Daniel Kim",
		Role:   "Water quality permit engineer, state Department of Environmental Protection",
		Emails: []string{"daniel.kim@example.org"}, Phone: "717-555-0188", Location: "Harrisburg, PA",
		Fields: s.refs(fieldEnvEng), Source: model.SourceOther, ReferredBy: s.ref(pRaman),
		Notes: `Priya's former colleague. Regulator's view: what makes a permit application good or bad.
Prep: read the state's MS4 permit summary before the call.`}, s.ago(10, 21, 0))
	s.person(model.Person{ID: pHerrera, Name: "Tomás Herrera", Organization: s.ref(orgHollisGrant),
		Role: "Field engineer (EIT)", Emails: []string{"therrera@example.com"}, Location: "Philadelphia, PA",
		Fields: s.refs(fieldEnvEng), Source: model.SourceEvent,
		Commonality: "Met at the MAWEA student night; two years out of school", Tags: []string{"met-at-conference"}}, s.ago(24, 21, 0))
	s.person(model.Person{ID: pLiu, Name: "Grace Liu", Organization: s.ref(orgMAWEA),
		Role: "Chair, Young Professionals mentoring committee", Emails: []string{"grace.liu@example.org"},
		Location: "Wilmington, DE", Fields: s.refs(fieldEnvEng), Source: model.SourceAssociation,
		Tags: []string{"mentor-program"}}, s.ago(31, 19, 5))

	// Public policy: my aunt's former colleague and whom he led to.
	s.person(model.Person{ID: pBrooks, Name: "Linda Brooks", Role: "Retired county budget analyst",
		Emails: []string{"linda.brooks@example.net"}, Phone: "610-555-0117", Location: "Media, PA",
		Fields: s.refs(fieldPolicy), Source: model.SourceFamily, Commonality: "My aunt", Tags: []string{"family"},
		Notes: `Worked 30 years in the county budget office. Knows half of the state's policy people.
Tell her how each conversation she set up went — she asks.`}, s.ago(107, 19, 0))
	s.person(model.Person{ID: pAdeyemi, Name: "Samuel Adeyemi", Organization: s.ref(orgKeystone),
		Role: "Senior policy analyst, energy and climate", Emails: []string{"sadeyemi@example.org"},
		URL: "https://example.org/keystone-policy/staff/adeyemi", Location: "Harrisburg, PA", Fields: s.refs(fieldPolicy),
		Source: model.SourceFamily, Commonality: "Worked with Aunt Linda on the county energy budget in 2015",
		ReferredBy: s.ref(pBrooks), Tags: []string{"mentor"},
		Notes: `Reads everything on congestion pricing and building standards — good topics for an article now and then.`}, s.ago(103, 21, 5))
	s.person(model.Person{ID: pWhitfield, Name: "Hannah Whitfield",
		Role:   "Legislative director to a state senator (environmental resources committee)",
		Emails: []string{"hwhitfield@example.org"}, Location: "Harrisburg, PA", Fields: s.refs(fieldPolicy),
		Source: model.SourceOther, ReferredBy: s.ref(pAdeyemi),
		Notes: `Mornings only during session weeks. Calls rather than video.`}, s.ago(96, 20, 0))
	s.person(model.Person{ID: pSiddiqui, Name: "Ahmed Siddiqui", Organization: s.ref(orgCitySustainability),
		Role: "Program manager, building energy benchmarking", Emails: []string{"ahmed.siddiqui@example.org"},
		Phone: "215-555-0163", Location: "Philadelphia, PA", Fields: s.refs(fieldPolicy), Source: model.SourceSupervisor,
		Commonality: "My supervisor during my internship at the city", Tags: []string{"mentor"},
		Notes: `Can speak to my work (data cleaning for the benchmarking report). Ask before listing him as a reference.`}, s.ago(108, 19, 10))
	s.person(model.Person{ID: pSantos, Name: "Beatriz Santos", Organization: s.ref(orgBreatheEasy), Role: "Policy fellow",
		URL: "https://example.com/in/beatriz-santos", Location: "Philadelphia, PA", Fields: s.refs(fieldPolicy),
		Source: model.SourceSocial, Commonality: "Commented on my post about the neighborhood heat map; RSU '24"}, s.ago(19, 20, 5))
	s.person(model.Person{ID: pChenMartinez, Name: "Olivia Chen-Martinez", Organization: s.ref(orgBreatheEasy),
		Role: "Director of research", Emails: []string{"ocm@example.org"}, Location: "Philadelphia, PA",
		Fields: s.refs(fieldPolicy), Source: model.SourceArticleAuthor,
		Notes: `Wrote "Shade is infrastructure", about zoning rules for street trees and cool roofs.
Ask how research gets turned into a campaign.`}, s.ago(5, 21, 0))
	s.person(model.Person{ID: pCarter, Name: "Jamal Carter", Organization: s.ref(orgRiverbend),
		Role: "Senior, political science", Emails: []string{"jcarter@example.org"}, Location: "Philadelphia, PA",
		Fields: s.refs(fieldPolicy), Source: model.SourceClassmate, Commonality: "Statistics for social science, same lab section"}, s.ago(60, 18, 0))
	s.person(model.Person{ID: pRobinson, Name: "Keisha Robinson", Role: "Chief of staff to a city council member",
		Location: "Philadelphia, PA", Fields: s.refs(fieldPolicy), Source: model.SourceReferral,
		Commonality: "Jamal's older sister", ReferredBy: s.ref(pCarter),
		Notes: `Ask about: budget hearings, how staff decide what the member reads, how she moved from campaign to council staff.`}, s.ago(6, 20, 0))

	// UX research.
	s.person(model.Person{ID: pOBrien, Name: "Kevin O'Brien", Organization: s.ref(orgRiverbend),
		Role: "Usability lab coordinator, university library", Emails: []string{"kobrien@example.org"},
		Location: "Philadelphia, PA", Fields: s.refs(fieldUX), Source: model.SourceCoworker,
		Commonality: "My boss-ish at the library usability lab (campus job)"}, s.ago(108, 19, 15))
	s.person(model.Person{ID: pPetrova, Name: "Sofia Petrova", Organization: s.ref(orgFernwood), Role: "UX researcher",
		Emails: []string{"sofia.petrova@example.com"}, Location: "Remote (Pittsburgh, PA)", Fields: s.refs(fieldUX),
		Source: model.SourceCoworker, Commonality: "Kevin's lab-mate in grad school", ReferredBy: s.ref(pOBrien)}, s.ago(41, 19, 35))
	s.person(model.Person{ID: pEze, Name: "Ngozi Eze", Organization: s.ref(orgBrightline), Role: "Principal UX researcher",
		Emails: []string{"ngozi@example.com"}, URL: "https://example.com/in/ngozi-eze", Location: "New York, NY",
		Fields: s.refs(fieldUX), Source: model.SourceOther, ReferredBy: s.ref(pPetrova),
		Notes: `Runs Brightline's methods library. Asked for 30 minutes herself.`}, s.ago(33, 20, 30))
	s.person(model.Person{ID: pGoldberg, Name: "Leah Goldberg", Organization: s.ref(orgFernwood),
		Role: "Senior quantitative UX researcher", Emails: []string{"leah.goldberg@example.com"},
		Location: "Philadelphia, PA", Fields: s.refs(fieldUX), Source: model.SourceAlumni,
		Commonality: "RSU '14, also a statistics minor", Tags: []string{"alumni-db"},
		Notes: `Found through the career center's alumni database.

Prep: her talk on survey sampling for product teams (on the Fernwood blog).`}, s.ago(8, 20, 0))
	s.person(model.Person{ID: pNakamura, Name: "Ryan Nakamura", Organization: s.ref(orgBrightline),
		Role: "UX research lead", Emails: []string{"ryan.nakamura@example.com"}, Location: "Philadelphia, PA",
		Fields: s.refs(fieldUX), Source: model.SourceEvent, Commonality: "Met at Philly UX Night (monthly meetup)",
		Tags: []string{"met-at-meetup"}}, s.ago(45, 21, 0))
	s.person(model.Person{ID: pReyes, Name: "Carmen Reyes", Role: "Product designer at a regional bank",
		Emails: []string{"carmen.reyes@example.net"}, Location: "Camden, NJ", Fields: s.refs(fieldUX),
		Source: model.SourceFamily, Commonality: "My cousin", Tags: []string{"family"}}, s.ago(51, 19, 0))

	// Data journalism.
	s.person(model.Person{ID: pGonzalez, Name: "Maria Gonzalez", Organization: s.ref(orgLedger), Role: "Data reporter",
		Emails: []string{"mgonzalez@example.com"}, Phone: "267-555-0109", Location: "Philadelphia, PA",
		Fields: s.refs(fieldDataJournalism), Source: model.SourceFriend,
		Commonality: "Editor-in-chief of The Riverbend Review when I was a staff writer", Tags: []string{"mentor"}}, s.ago(56, 21, 5))
	s.person(model.Person{ID: pBello, Name: "Aisha Bello", Organization: s.ref(orgLedger), Role: "Data editor",
		Emails: []string{"abello@example.com"}, Location: "Philadelphia, PA", Fields: s.refs(fieldDataJournalism),
		Source: model.SourceFriend, Commonality: "Maria's editor", ReferredBy: s.ref(pGonzalez)}, s.ago(54, 21, 30))
	s.person(model.Person{ID: pZhang, Name: "Wei Zhang", Organization: s.ref(orgCivicSignal), Role: "News apps developer",
		Emails: []string{"wzhang@example.org"}, Location: "Baltimore, MD", Fields: s.refs(fieldDataJournalism),
		Source: model.SourceCold, Notes: `Found on CivicSignal's staff page. Built the lead service line lookup tool.`}, s.ago(49, 20, 5))
	s.person(model.Person{ID: pHaddad, Name: "Fatima Haddad", Role: "Graphics reporter, WRVR public radio",
		Emails: []string{"fhaddad@example.org"}, Location: "Philadelphia, PA", Fields: s.refs(fieldDataJournalism),
		Source: model.SourceProfessor, Commonality: "Prof. Desai's former student", ReferredBy: s.ref(pDesai)}, s.ago(10, 16, 0))
	s.person(model.Person{ID: pSerra, Name: "Joe Serra", Organization: s.ref(orgTidewater), Role: "GIS analyst",
		Phone: "215-555-0190", Location: "Philadelphia, PA", Fields: s.refs(fieldDataJournalism, fieldEnvEng),
		Source: model.SourceOther, Commonality: "We climb at the same gym on Tuesday nights",
		Notes: `Makes the utility's public maps. Said he helps reporters with data requests now and then.`}, s.ago(3, 21, 0))
	s.person(model.Person{ID: pPark, Name: "David Park", Organization: s.ref(orgCivicSignal), Role: "Investigative reporter",
		URL: "https://example.org/civicsignal/authors/david-park", Location: "Philadelphia, PA",
		Fields: s.refs(fieldDataJournalism), Source: model.SourceArticleAuthor,
		Notes: `Wrote the lead service line series (three parts). Ask Maria whether she knows him before writing.`}, s.ago(20, 20, 0))
	s.person(model.Person{ID: pDesai, Name: "Anita Desai", Organization: s.ref(orgRiverbend),
		Role: "Professor of journalism (Data Visualization, JRN 340)", Emails: []string{"anita.desai@example.org"},
		Location: "Philadelphia, PA", Fields: s.refs(fieldDataJournalism), Source: model.SourceProfessor,
		Commonality: "Taking her data visualization class this term"}, s.ago(57, 10, 0))

	// More people to reach later, and one not to contact.
	s.person(model.Person{ID: pAdebayo, Name: "Oluwaseun Adebayo", Organization: s.ref(orgHollisGrant),
		Role: "Environmental engineer, site remediation", Location: "Philadelphia, PA", Fields: s.refs(fieldEnvEng),
		Source: model.SourceAlumni, Commonality: "RSU '16, environmental science like me", Tags: []string{"alumni-db"}}, s.ago(5, 20, 0))
	s.person(model.Person{ID: pBrown, Name: "Dana Brown", Role: "Policy advisor, state energy office",
		Location: "Harrisburg, PA", Fields: s.refs(fieldPolicy), Source: model.SourceSocial,
		Commonality: "Second-degree connection through Samuel",
		Notes:       `Samuel mentioned her. **Ask Samuel first** whether I may use his name.`}, s.ago(13, 20, 0))
	s.person(model.Person{ID: pWhitaker, Name: "Greg Whitaker", Role: "Recruiter, engineering staffing agency",
		Phone: "484-555-0131", Location: "King of Prussia, PA", Fields: s.refs(fieldEnvEng), Source: model.SourceCold,
		DoNotContact: true,
		Notes: `Called three times pushing contract jobs after I asked a general question at the career fair.
Not an informational contact. **Do not contact.**`}, s.ago(66, 12, 0))
}

// environmentalEngineering tells the conversations about environmental
// engineering: the chain Vasquez → Okafor → Raman → Kim, a meeting held on
// the last business day and not yet written up, and a decline.
func (s *storyBuilder) environmentalEngineering() {
	// Dr. Vasquez: the first conversation, kept warm since.
	c := s.convo(cVasquez, pVasquez, s.ago(105, 20, 0), model.ChannelVideo, 20, "Zoom (she is on research leave)", "", fieldEnvEng)
	s.act(pVasquez, cVasquez, model.ActEmailSent, s.ago(104, 10, 15), "Asked for 20 minutes to hear how she went from consulting to teaching, and what the field looks like now.")
	s.step(c, model.StateRequested, s.ago(104, 10, 15), "Email")
	s.act(pVasquez, cVasquez, model.ActReplyReceived, s.ago(103, 15, 50), "Happy to; offered Monday afternoon.")
	s.schedule(c, s.ago(103, 16, 0), s.ago(100, 14, 30), "")
	s.step(c, model.StateHeld, s.ago(100, 14, 30), "Ran 30 minutes; she offered the extra time")
	s.write(c, s.ago(100, 16, 0), 5,
		"Engineering is reachable from my major with three or four extra courses and the FE exam. Talk to practitioners next: consulting and a utility.",
		`**Opening:** reminded her of Water Resources last year; said I am exploring, not looking for a job yet.

### A typical week
- Two courses, a research group of four graduate students, and proposal writing "every week of the year".
- Eight years at a consulting firm before the PhD: that is where she learned to write for clients.

### Path
- Civil engineering B.S. → site remediation consulting → PhD at 32 → Riverbend.
- Environmental science graduates do become engineers-in-training if they add **fluid mechanics, hydrology and statics**. The state board decides who may sit the FE exam without an accredited engineering degree: check.

### What makes someone successful
Skill words: *technical writing*, *hydrologic modeling*, *field data collection*, *GIS*, *client communication*, *patience with regulators*.

### Advice
- Take the stormwater design elective in spring: it has a real client.
- "My picture of the job is twelve years old" — talk to people doing it now.

### Names
- **Marcus Okafor**, Hollis & Grant — her former student. I may use her name.

### To look up
- MS4 permit, green stormwater infrastructure, FE exam eligibility rules.`)
	s.step(c, model.StateThanked, s.ago(100, 19, 15), "")
	s.act(pVasquez, cVasquez, model.ActThankYouSent, s.ago(100, 19, 15), "Thanked her; said I would register for the stormwater elective.")
	s.act(pVasquez, 0, model.ActUpdateSent, s.ago(91, 10, 0), "Told her the coffee with Marcus went well and what he said about the EIT path.")
	s.step(c, model.StateKeepingInTouch, s.ago(60, 14, 0), "Stopped by office hours at the start of term")
	s.act(pVasquez, cVasquez, model.ActMeeting, s.ago(60, 14, 0), "Office hours: showed her my schedule for the term, with the hydrology and fluid mechanics courses.")
	s.act(pVasquez, 0, model.ActUpdateSent, s.ago(9, 11, 30), "Update: the chain she started — Marcus, then Priya, now a call with Daniel Kim at the DEP.")

	// Marcus Okafor: consulting. Reported back to Dr. Vasquez.
	c = s.convo(cOkafor, pOkafor, s.ago(99, 20, 10), model.ChannelInPerson, 30, "Coffee shop near the Hollis & Grant office, Market St", "me (I invited)", fieldEnvEng)
	s.act(pOkafor, cOkafor, model.ActEmailSent, s.ago(98, 9, 30), `Subject: "Dr. Vasquez suggested I contact you". Asked for 30 minutes about consulting.`)
	s.step(c, model.StateRequested, s.ago(98, 9, 30), "Email")
	s.act(pOkafor, cOkafor, model.ActReplyReceived, s.ago(97, 13, 10), "Yes; proposed lunch hour next week near his office.")
	s.schedule(c, s.ago(97, 13, 30), s.ago(92, 12, 0), "")
	s.step(c, model.StateConfirmed, s.ago(94, 10, 0), "Confirmed by email")
	s.step(c, model.StateHeld, s.ago(92, 12, 0), "")
	s.write(c, s.ago(92, 14, 0), 5,
		"Consulting is the fastest school: varied projects, heavy hours in proposal season. Get an EIT, learn stormwater modeling and GIS.",
		`### A typical day
- Half at the desk (stormwater models, memos, cost estimates), half coordinating clients and subconsultants.
- One or two site visits a week; more in construction season.
- Billable target around 85%: "you learn to account for your time in six-minute slices".

### Path
- RSU '09, environmental engineering master's at night, EIT right away, PE in year five.
- Moved from site design to water resources because the work "is about a whole watershed, not a parking lot".

### Lifestyle
- 45–50 hours in proposal season, 40 otherwise. Regional travel only.
- Starting pay for an EIT in the city roughly $65–75k (his estimate).

### What makes someone successful
Skill words: *hydraulic modeling (SWMM)*, *cost estimating*, *permit applications*, *stakeholder meetings*, *clear memos*, *owning mistakes early*.

### Trends
- Federal infrastructure money means more work than people; firms compete for young engineers.
- Climate data changing design storms: old rainfall tables underestimate.

### Advice
- Get the EIT as soon as eligible. Learn SWMM and GIS; both show up in every project.
- Join MAWEA as a student; the student night at the fall conference is worth it.

### Names
- **Priya Raman**, Tidewater Water Authority — but wait until her permit season is over. May use his name.

### To look up
- SWMM, utilization rate, CSO long-term control plan.`)
	s.step(c, model.StateThanked, s.ago(92, 19, 0), "")
	s.act(pOkafor, cOkafor, model.ActThankYouSent, s.ago(92, 19, 0), "Thank-you email; mentioned the MAWEA student membership I signed up for.")
	s.step(c, model.StateReportedBack, s.ago(91, 10, 0), "Told Dr. Vasquez how it went")
	s.act(pOkafor, 0, model.ActArticleShared, s.ago(62, 8, 45), "Sent him the piece on updating design storms for a wetter climate.")

	// Priya Raman: a utility. Thanked; Marcus still has to hear how it went.
	c = s.convo(cRaman, pRaman, s.ago(17, 20, 30), model.ChannelVideo, 20, "Microsoft Teams", "", fieldEnvEng)
	s.act(pRaman, cRaman, model.ActEmailSent, s.ago(16, 9, 15), `Subject: "Marcus Okafor suggested I contact you". 20 minutes, any time after her permit deadlines.`)
	s.step(c, model.StateRequested, s.ago(16, 9, 15), "Email")
	s.act(pRaman, cRaman, model.ActReplyReceived, s.ago(15, 14, 0), "Offered a Teams call next week, late afternoon.")
	s.schedule(c, s.ago(15, 14, 10), s.ago(10, 16, 0), "")
	s.step(c, model.StateConfirmed, s.ago(12, 9, 0), "")
	s.step(c, model.StateHeld, s.ago(10, 16, 0), "")
	s.write(c, s.ago(10, 17, 0), 5,
		"A utility hires environmental science graduates as engineering technicians and pays for a part-time master's. Steadier than consulting.",
		`### A typical day
- Reviews developers' stormwater plans against the utility's rules, two or three a day.
- Inspections of green infrastructure sites (rain gardens, tree trenches) on Tuesdays and Thursdays.
- Pulls data from flow monitors to check whether built sites perform as designed.

### Path
- **Environmental science B.S.** (like me!) → engineering technician at the utility → part-time M.S. in environmental engineering, paid by the utility → engineer.

### Lifestyle and environment
- 37.5-hour week, pension, civil service. Slower decisions, more stability.
- Colleagues stay for decades; lots of institutional memory.

### What makes someone successful
Skill words: *plan review*, *inspection*, *regulatory compliance*, *data QA/QC*, *public outreach*, *reading construction drawings*.

### Where she differs from Marcus
- She thinks consulting burns people out; he thinks it is the fastest way to learn. Both agree the EIT matters.

### Advice
- Watch the civil-service list for engineering technician exams (they open twice a year).
- Learn to read construction drawings before anything else.

### Names
- **Daniel Kim**, state DEP permits — may use her name.

### To look up
- Civil-service exam schedule, NPDES permit basics.`)
	s.step(c, model.StateThanked, s.ago(10, 20, 15), "")
	s.act(pRaman, cRaman, model.ActThankYouSent, s.ago(10, 20, 15), "Thanked her; said I would look at the technician exam dates.")
	s.act(pRaman, 0, model.ActNote, s.ago(9, 12, 0), "Technician exam opens in February. Added to my calendar.")

	// Daniel Kim: a regulator. The fourth link of the chain, scheduled.
	c = s.convo(cKim, pKim, s.ago(9, 20, 0), model.ChannelPhone, 15, "Phone — he calls me", "", fieldEnvEng)
	s.act(pKim, cKim, model.ActEmailSent, s.ago(8, 10, 0), `Subject: "Priya Raman suggested I contact you". Asked for 15 minutes by phone.`)
	s.step(c, model.StateRequested, s.ago(8, 10, 0), "Email")
	s.act(pKim, cKim, model.ActReplyReceived, s.ago(6, 11, 30), "Agreed; a 15-minute call.")
	s.schedule(c, s.ago(6, 11, 45), s.ahead(5, 11, 0), "")

	// Tomás Herrera: met at the student night; held yesterday-ish, nothing written yet.
	s.act(pHerrera, 0, model.ActNote, s.ago(24, 18, 30), "Met at the MAWEA student night. Two years out of school; offered to show me a site.")
	c = s.convo(cHerrera, pHerrera, s.ago(13, 19, 0), model.ChannelInPerson, 30, "Site trailer, Pennypack Creek restoration project", "", fieldEnvEng)
	s.act(pHerrera, cHerrera, model.ActEmailSent, s.ago(12, 9, 0), "Reminded him of the student night; asked for 30 minutes on site if that is easier for him.")
	s.step(c, model.StateRequested, s.ago(12, 9, 0), "Email")
	s.act(pHerrera, cHerrera, model.ActReplyReceived, s.ago(11, 17, 20), "Come to the site trailer; boots required.")
	s.schedule(c, s.ago(11, 17, 30), s.ago(1, 15, 30), "")
	s.step(c, model.StateConfirmed, s.ago(3, 10, 0), "Confirmed by text; boots required")
	s.step(c, model.StateHeld, s.ago(1, 15, 30), "")

	// Grace Liu: the association's mentor program. Declined for now.
	c = s.convo(cLiu, pLiu, s.ago(31, 19, 10), model.ChannelVideo, 20, "", "", fieldEnvEng)
	s.act(pLiu, cLiu, model.ActEmailSent, s.ago(30, 10, 30), "Wrote through the mentoring program page: 20 minutes about industrial water treatment.")
	s.step(c, model.StateRequested, s.ago(30, 10, 30), "Email via the MAWEA mentoring program")
	s.act(pLiu, cLiu, model.ActReplyReceived, s.ago(28, 16, 0), "Kind no: buried in permit deadlines for two months. Suggested the association's student night, and to write again after that.")
	s.step(c, model.StateDeclined, s.ago(28, 16, 5), "Busy for two months; may ask again then")
}

// publicPolicy tells the conversations about public policy: the chain
// Brooks → Adeyemi → Whitfield, the internship supervisor, a request
// followed up without answer, a fresh one, and an idea.
func (s *storyBuilder) publicPolicy() {
	// Samuel Adeyemi: through Aunt Linda. Last touch in August: time to write.
	s.act(pBrooks, 0, model.ActCall, s.ago(106, 19, 0), "Aunt Linda offered to introduce me to Samuel at Keystone; she emailed him the same evening.")
	c := s.convo(cAdeyemi, pAdeyemi, s.ago(103, 21, 10), model.ChannelInPerson, 30, "Lunch near Keystone's Walnut St office", "me (I invited)", fieldPolicy)
	s.act(pAdeyemi, cAdeyemi, model.ActEmailSent, s.ago(102, 8, 30), `Subject: "Linda Brooks suggested I contact you". 30 minutes about think-tank work.`)
	s.step(c, model.StateRequested, s.ago(102, 8, 30), "Email")
	s.act(pAdeyemi, cAdeyemi, model.ActReplyReceived, s.ago(101, 12, 0), "Lunch next week, his favorite noodle place.")
	s.schedule(c, s.ago(101, 12, 10), s.ago(96, 12, 30), "")
	s.step(c, model.StateConfirmed, s.ago(98, 9, 0), "")
	s.step(c, model.StateHeld, s.ago(96, 12, 30), "He stayed 50 minutes")
	s.write(c, s.ago(96, 15, 0), 4,
		"Think-tank analysis: long projects, short briefs, foundation money shapes the agenda. Work two or three years before an MPP.",
		`### A typical week
- Three to five projects at once, each three to six months long, ending in a 4–8 page brief.
- Mondays: data and drafting. Later in the week: calls with agency staff, advocates, legislative staff.
- Testifies before a committee two or three times a year.

### Motivation and path
- Economics B.A. → county budget office (where he worked with Aunt Linda) → MPP after four years → Keystone, six years now.
- Came for "the numbers nobody else had time to run".

### Lifestyle
- Regular hours except the week before a release. Hybrid, two days in the office.
- Pay below government for the first years, above later.

### What makes someone successful
Skill words: *cost-benefit analysis*, *R or Stata*, *plain-language writing*, *testimony*, *data visualization*, *saying "we don't know" in print*.

### Environment and trends
- Funders shape the agenda more than the public thinks; the good institutes publish their funders.
- Building-performance standards are the next big state fight.

### Advice
- Work two or three years before an MPP: "you will know which questions you want the degree to answer".
- Write one sample policy memo (two pages) on the benchmarking data I cleaned during my internship.

### Names
- **Hannah Whitfield**, legislative director — may use his name.
- **Dana Brown**, state energy office — ask him first.`)
	s.step(c, model.StateThanked, s.ago(96, 17, 30), "")
	s.act(pAdeyemi, cAdeyemi, model.ActThankYouSent, s.ago(96, 17, 30), "Thank-you email with the two points I am acting on.")
	s.step(c, model.StateReportedBack, s.ago(95, 19, 0), "Told Aunt Linda how it went")
	s.act(pBrooks, 0, model.ActUpdateSent, s.ago(95, 19, 0), "Told her how lunch with Samuel went; she was delighted he stayed an hour.")
	s.step(c, model.StateKeepingInTouch, s.ago(72, 9, 0), "")
	s.act(pAdeyemi, 0, model.ActArticleShared, s.ago(72, 9, 0), "Sent him a piece on congestion pricing results after one year, with my two-page memo draft.")

	// Hannah Whitfield: Samuel's referral. Thanked; Samuel has not heard yet.
	c = s.convo(cWhitfield, pWhitfield, s.ago(15, 20, 0), model.ChannelPhone, 20, "Phone — she called between committee meetings", "", fieldPolicy)
	s.act(pWhitfield, cWhitfield, model.ActEmailSent, s.ago(14, 9, 0), `Subject: "Samuel Adeyemi suggested I contact you". 20 minutes by phone, at her convenience.`)
	s.step(c, model.StateRequested, s.ago(14, 9, 0), "Email")
	s.act(pWhitfield, cWhitfield, model.ActReplyReceived, s.ago(12, 18, 30), "Early morning call before session.")
	s.schedule(c, s.ago(12, 18, 45), s.ago(3, 8, 0), "")
	s.step(c, model.StateHeld, s.ago(3, 8, 0), "")
	s.write(c, s.ago(3, 9, 0), 4,
		"Legislative staff work is fast, relational and short-form. Technical people are rare in member offices; a district office job is the way in.",
		`### A typical day (in session)
- 7:30 committee prep, then back-to-back meetings with advocates, agencies and constituents.
- Drafts amendments with the bill drafting office; writes one-page memos the senator reads in the car.
- Out of session: district events, constituent casework, planning next year's bills.

### Path
- Political science → campaign field organizer → district office aide → Capitol, legislative director for four years.

### Lifestyle
- 60-hour weeks around the June budget; calmer in late summer.
- Job security tied to the member's election.

### What makes someone successful
Skill words: *bill analysis*, *one-page memos*, *stakeholder coordination*, *constituent services*, *discretion*, *reading a room*.

### Where she differs from Samuel
- Samuel: good analysis moves policy. Hannah: relationships move bills; analysis gives them cover.

### Advice
- Write short. If it does not fit on a page, the senator does not read it.
- A district office aide job gets you inside in a year; committees hire from there.
- My science plus statistics is rare in member offices: say so.

### Names
- The environmental resources committee's executive director — she will ask first.

### To look up
- How the bill drafting office works; the committee calendar.`)
	s.step(c, model.StateThanked, s.ago(3, 12, 30), "")
	s.act(pWhitfield, cWhitfield, model.ActThankYouSent, s.ago(3, 12, 30), "Thank-you email, one paragraph (she would approve).")

	// Ahmed Siddiqui: my supervisor during the internship.
	c = s.convo(cSiddiqui, pSiddiqui, s.ago(81, 10, 0), model.ChannelInPerson, 30, "His office, 4th floor", "", fieldPolicy)
	s.step(c, model.StateRequested, s.ago(80, 11, 0), "Asked in person: 30 minutes about his path, before my internship ends")
	s.schedule(c, s.ago(80, 11, 5), s.ago(78, 16, 0), "")
	s.step(c, model.StateHeld, s.ago(78, 16, 0), "")
	s.write(c, s.ago(78, 17, 30), 4,
		"City work is persuasion plus data: programs live or die on whether other departments and building owners cooperate.",
		`### A typical week
- Runs the benchmarking program: 3,000 buildings report energy use every June.
- Help desk for building owners, data cleaning, a yearly report, briefings for council staff.
- Most work happens through other departments: "we have no budget, only arguments".

### Path
- Mechanical engineering → energy auditor for a utility program → city, nine years.

### Lifestyle
- Civil service hours; crunch in June and before the report.
- Pay below private sector, stable, good benefits.

### What makes someone successful
Skill words: *program management*, *data cleaning*, *Excel and SQL*, *stakeholder outreach*, *grant reporting*, *patience*.

### Advice
- City jobs come through civil-service exams and the city's fellowship program; both open in winter.
- Keep the benchmarking memo as a writing sample.

### Names
- Samuel Adeyemi (already met), the state energy office.`)
	s.step(c, model.StateThanked, s.ago(78, 18, 30), "")
	s.act(pSiddiqui, cSiddiqui, model.ActThankYouSent, s.ago(78, 18, 30), "Thank-you email that evening; left a card on his desk the next day.")
	s.step(c, model.StateKeepingInTouch, s.ago(40, 10, 0), "")
	s.act(pSiddiqui, cSiddiqui, model.ActUpdateSent, s.ago(40, 10, 0), "Update: courses, the policy memo, the fields I am exploring.")
	s.act(pSiddiqui, 0, model.ActCall, s.ago(25, 12, 15), "Short call: he asked how the search was going and mentioned the benchmarking data release in spring.")

	// Beatriz Santos: found on social media; followed up, still silent.
	c = s.convo(cSantos, pSantos, s.ago(19, 20, 10), model.ChannelVideo, 15, "", "", fieldPolicy)
	s.act(pSantos, cSantos, model.ActEmailSent, s.ago(18, 11, 0), "LinkedIn message: thanked her for the comment, asked for 15 minutes about the fellowship.")
	s.step(c, model.StateRequested, s.ago(18, 11, 0), "LinkedIn message")
	s.act(pSantos, cSantos, model.ActEmailSent, s.ago(10, 9, 30), "One polite follow-up, shorter.")
	s.step(c, model.StateFollowedUp, s.ago(10, 9, 30), "")

	// Olivia Chen-Martinez: wrote an article I liked. Requested four business days ago.
	c = s.convo(cChenMartinez, pChenMartinez, s.ago(5, 21, 5), model.ChannelVideo, 20, "", "", fieldPolicy)
	s.act(pChenMartinez, cChenMartinez, model.ActEmailSent, s.ago(4, 9, 40), `Wrote about her article "Shade is infrastructure"; asked for 20 minutes on how research becomes a campaign.`)
	s.step(c, model.StateRequested, s.ago(4, 9, 40), "Email")

	// Keisha Robinson: an idea, not yet asked.
	s.act(pCarter, 0, model.ActNote, s.ago(6, 19, 45), "Jamal says his sister Keisha would be glad to talk about council staff work.")
	s.convo(cRobinson, pRobinson, s.ago(6, 20, 5), model.ChannelPhone, 20, "", "", fieldPolicy)
}

// uxResearch tells the conversations about UX research: the chain
// O'Brien → Petrova → Eze, a meeting soon that is not confirmed yet, and a
// cancellation.
func (s *storyBuilder) uxResearch() {
	// Sofia Petrova: through Kevin at the lab. Rescheduled once, then held.
	s.act(pOBrien, 0, model.ActNote, s.ago(42, 16, 0), "Kevin offered to introduce me to Sofia, his lab-mate from grad school.")
	c := s.convo(cPetrova, pPetrova, s.ago(41, 19, 40), model.ChannelVideo, 20, "Google Meet", "", fieldUX)
	s.act(pPetrova, cPetrova, model.ActEmailSent, s.ago(40, 10, 0), `Subject: "Kevin O'Brien suggested I contact you". 20 minutes about in-house research.`)
	s.step(c, model.StateRequested, s.ago(40, 10, 0), "Email")
	s.act(pPetrova, cPetrova, model.ActReplyReceived, s.ago(39, 15, 0), "Yes; evenings work best for her.")
	s.schedule(c, s.ago(39, 15, 10), s.ago(36, 17, 30), "")
	s.act(pPetrova, cPetrova, model.ActReplyReceived, s.ago(36, 8, 45), "Her son is sick; asked to move to later in the week.")
	s.step(c, model.StateCancelled, s.ago(36, 9, 0), "She had to cancel; rescheduled right away")
	s.schedule(c, s.ago(36, 9, 30), s.ago(33, 17, 30), "Rescheduled")
	s.step(c, model.StateConfirmed, s.ago(34, 10, 0), "")
	s.step(c, model.StateHeld, s.ago(33, 17, 30), "Went 35 minutes; she extended")
	s.write(c, s.ago(33, 19, 0), 5,
		"In-house research means working inside product teams: study, synthesize, persuade. Build two or three case studies from the library lab.",
		`### A typical week
- Plans studies with product managers and designers on Monday; five to eight interviews mid-week in a busy sprint.
- Synthesis on Thursday (sticky notes, then a short deck); readout on Friday.
- "Research is only useful if the team changes something" — half her job is getting them to.

### Path
- Psychology B.A. → master's in human-computer interaction → a university usability lab (with Kevin) → Fernwood, three years.

### What makes someone successful
Skill words: *interview moderation*, *synthesis*, *survey design*, *stakeholder management*, *storytelling with evidence*, *comfort with ambiguity*.

### Trends
- Fewer junior openings since 2023; teams want researchers who can also do quantitative work — my statistics minor helps.
- Research operations (recruiting participants, tools, consent) is becoming its own job.

### Advice
- Turn two lab projects into case studies: problem, method, what changed.
- Try a quantitative UX course; read about survey sampling.

### Names
- **Ngozi Eze**, Brightline Labs — may use her name.

### To look up
- Research ops, diary studies, SUS score.`)
	s.step(c, model.StateThanked, s.ago(33, 21, 0), "")
	s.act(pPetrova, cPetrova, model.ActThankYouSent, s.ago(33, 21, 0), "Thanked her, mentioned the case-study plan.")
	s.step(c, model.StateReportedBack, s.ago(32, 12, 0), "Told Kevin at the lab")
	s.act(pOBrien, 0, model.ActUpdateSent, s.ago(32, 12, 0), "Told Kevin how the talk with Sofia went; he offered to review my first case study.")
	s.act(pPetrova, 0, model.ActArticleShared, s.ago(20, 13, 0), "Sent her my first case study draft (library catalog search test) with thanks for the idea.")

	// Ngozi Eze: Sofia's referral, confirmed for the middle of the week.
	c = s.convo(cEze, pEze, s.ago(10, 20, 0), model.ChannelVideo, 30, "Zoom", "", fieldUX)
	s.act(pEze, cEze, model.ActEmailSent, s.ago(9, 10, 30), `Subject: "Sofia Petrova suggested I contact you". 20 minutes about agency research.`)
	s.step(c, model.StateRequested, s.ago(9, 10, 30), "Email")
	s.act(pEze, cEze, model.ActReplyReceived, s.ago(7, 8, 15), "Proposed 30 minutes by Zoom.")
	s.schedule(c, s.ago(7, 8, 30), s.ahead(2, 15, 30), "")
	s.step(c, model.StateConfirmed, s.ago(1, 10, 0), "She confirmed early; she is out the day before")

	// Leah Goldberg: alumni database. Meeting very soon, not yet confirmed.
	c = s.convo(cGoldberg, pGoldberg, s.ago(8, 20, 10), model.ChannelVideo, 20, "Google Meet", "", fieldUX)
	s.act(pGoldberg, cGoldberg, model.ActEmailSent, s.ago(7, 12, 0), "Alumni database message: fellow statistics minor, 20 minutes about quantitative UX research.")
	s.step(c, model.StateRequested, s.ago(7, 12, 0), "Alumni database message")
	s.act(pGoldberg, cGoldberg, model.ActReplyReceived, s.ago(5, 9, 0), "Glad to help a fellow Riverbend stats minor.")
	s.schedule(c, s.ago(5, 9, 15), s.soon(), "")

	// Ryan Nakamura: met at a meetup; he had to cancel.
	s.act(pNakamura, 0, model.ActNote, s.ago(45, 18, 30), "Met at Philly UX Night; he ran the lightning talks.")
	c = s.convo(cNakamura, pNakamura, s.ago(43, 20, 0), model.ChannelInPerson, 20, "Coffee shop near Rittenhouse Square", "me (I invited)", fieldUX)
	s.act(pNakamura, cNakamura, model.ActEmailSent, s.ago(42, 9, 0), "Reminded him of the meetup; asked for 20 minutes over coffee.")
	s.step(c, model.StateRequested, s.ago(42, 9, 0), "Email")
	s.act(pNakamura, cNakamura, model.ActReplyReceived, s.ago(41, 13, 0), "Sure, next week.")
	s.schedule(c, s.ago(41, 13, 15), s.ago(37, 12, 0), "")
	s.act(pNakamura, cNakamura, model.ActReplyReceived, s.ago(38, 15, 45), "Launch week crunch; asked me to write again in a couple of months.")
	s.step(c, model.StateCancelled, s.ago(38, 16, 0), "He cancelled; write again in a couple of months")

	s.act(pReyes, 0, model.ActCall, s.ago(50, 20, 0), "Cousin Carmen: long call on design vs. research roles at her bank.")
}

// dataJournalism tells the conversations about data journalism, the field
// still short of perspectives: a friend who said "call me tonight", her
// editor who has not answered, a cold email closed as no reply, a coffee
// next week and a request made at the climbing gym.
func (s *storyBuilder) dataJournalism() {
	// Maria Gonzalez: a friend from the student paper; "call me tonight".
	c := s.convo(cGonzalez, pGonzalez, s.ago(56, 21, 10), model.ChannelPhone, 20, "Phone", "", fieldDataJournalism)
	s.act(pGonzalez, cGonzalez, model.ActEmailSent, s.ago(55, 18, 0), "Texted her: could I ask 20 minutes of questions about the data desk?")
	s.step(c, model.StateRequested, s.ago(55, 18, 0), "Text message")
	s.step(c, model.StateHeld, s.ago(54, 19, 0), "She called the next evening")
	s.write(c, s.ago(54, 20, 30), 4,
		"Data reporting is reporting first: the spreadsheet is a source to interview. Build clips, apply to the summer data fellowship in December.",
		`### A typical week
- One daily story and one long project at a time.
- Public-records requests, cleaning what comes back, then checking every number with an editor.
- "The spreadsheet is a source: you interview it, and you call the people in it."

### Path
- Student paper → summer internship at the Ledger → one-year data fellowship → staff data reporter.

### Lifestyle
- Pay below tech; newsroom layoffs every few years; nights around elections.
- She loves it anyway: "I get paid to find out what is true".

### What makes someone successful
Skill words: *public-records requests*, *spreadsheets and SQL*, *Python scraping*, *fact-checking*, *news judgment*, *writing on deadline*.

### Advice
- Build clips: two data stories for the Review this year.
- Apply for the Ledger's summer data fellowship; applications close early January.
- Take Prof. Desai's data visualization class (done: taking it now).

### Names
- **Aisha Bello**, her data editor — may use her name.

### To look up
- The state's public-records law: response deadlines and fees.`)
	s.step(c, model.StateThanked, s.ago(54, 21, 0), "")
	s.act(pGonzalez, cGonzalez, model.ActThankYouSent, s.ago(54, 21, 0), "Texted thanks, then a proper email the next morning.")
	s.step(c, model.StateKeepingInTouch, s.ago(30, 12, 0), "")
	s.act(pGonzalez, cGonzalez, model.ActMeeting, s.ago(30, 12, 0), "Coffee catch-up; she showed me how the desk tracks records requests.")
	s.act(pGonzalez, 0, model.ActArticleShared, s.ago(15, 17, 0), "Sent her the state's new lead line inventory dataset; she may pitch a story.")

	// Aisha Bello: Maria's editor. Requested nine business days ago, no answer.
	c = s.convo(cBello, pBello, s.ago(10, 21, 0), model.ChannelVideo, 20, "", "", fieldDataJournalism)
	s.act(pBello, cBello, model.ActEmailSent, s.ago(9, 9, 0), `Subject: "Maria Gonzalez suggested I contact you". 20 minutes about running a data desk.`)
	s.step(c, model.StateRequested, s.ago(9, 9, 0), "Email")

	// Wei Zhang: a cold email, one follow-up, then closed.
	c = s.convo(cZhang, pZhang, s.ago(49, 20, 10), model.ChannelVideo, 15, "", "", fieldDataJournalism)
	s.act(pZhang, cZhang, model.ActEmailSent, s.ago(48, 10, 0), "Cold email about the lead line lookup tool; 15 minutes about building news apps.")
	s.step(c, model.StateRequested, s.ago(48, 10, 0), "Email")
	s.act(pZhang, cZhang, model.ActEmailSent, s.ago(38, 10, 0), "One short follow-up.")
	s.step(c, model.StateFollowedUp, s.ago(38, 10, 0), "")
	s.step(c, model.StateNoReply, s.ago(28, 17, 0), "No answer after the follow-up; closed kindly")

	// Fatima Haddad: Prof. Desai's introduction. Coffee next week.
	s.act(pDesai, 0, model.ActMeeting, s.ago(10, 14, 0), "Office hours: she suggested Fatima Haddad at WRVR and offered to introduce us.")
	c = s.convo(cHaddad, pHaddad, s.ago(10, 16, 5), model.ChannelInPerson, 20, "Café on the ground floor of the WRVR building", "me (I invited)", fieldDataJournalism)
	s.act(pHaddad, cHaddad, model.ActEmailSent, s.ago(8, 14, 0), `Subject: "Anita Desai suggested I contact you". 20 minutes about graphics reporting.`)
	s.step(c, model.StateRequested, s.ago(8, 14, 0), "Email")
	s.act(pHaddad, cHaddad, model.ActReplyReceived, s.ago(6, 10, 0), "Coffee downstairs at the station, lunchtime.")
	s.schedule(c, s.ago(6, 10, 20), s.ahead(7, 12, 30), "")

	// Joe Serra: from the climbing gym. Asked two days ago.
	c = s.convo(cSerra, pSerra, s.ago(3, 21, 5), model.ChannelInPerson, 20, "", "", fieldDataJournalism)
	s.step(c, model.StateRequested, s.ago(2, 19, 30), "Asked at the gym; he will check his calendar and text me")
}

// otherTouches logs the touches with people who have no conversation yet.
func (s *storyBuilder) otherTouches() {
	s.act(pWhitaker, 0, model.ActCall, s.ago(65, 11, 0), "Third call about contract jobs. Asked him to stop calling.")
	s.act(pPark, 0, model.ActNote, s.ago(20, 20, 0), "Read all three parts of the lead service line series. Ask Maria about him first.")
	s.act(pBrown, 0, model.ActNote, s.ago(13, 20, 0), "From Samuel's notes: ask him before writing to Dana.")
	s.act(pAdebayo, 0, model.ActNote, s.ago(5, 20, 0), "Alumni database: remediation side of Hollis & Grant. Write after the talk with Tomás.")
}
