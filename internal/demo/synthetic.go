// Package demo makes datasets to try Ally with: a hand-written story that
// shows every feature at once, and synthetic datasets of any size for
// benchmarks and for trying Ally at scale.
package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// statePaths lists the steps that lead from an idea to each state.
var statePaths = map[model.State][]model.State{
	model.StateIdea:           nil,
	model.StateRequested:      {model.StateRequested},
	model.StateFollowedUp:     {model.StateRequested, model.StateFollowedUp},
	model.StateScheduled:      {model.StateRequested, model.StateScheduled},
	model.StateConfirmed:      {model.StateRequested, model.StateScheduled, model.StateConfirmed},
	model.StateHeld:           {model.StateRequested, model.StateScheduled, model.StateConfirmed, model.StateHeld},
	model.StateThanked:        {model.StateRequested, model.StateScheduled, model.StateHeld, model.StateThanked},
	model.StateReportedBack:   {model.StateRequested, model.StateScheduled, model.StateHeld, model.StateThanked, model.StateReportedBack},
	model.StateKeepingInTouch: {model.StateRequested, model.StateScheduled, model.StateHeld, model.StateThanked, model.StateKeepingInTouch},
	model.StateDeclined:       {model.StateRequested, model.StateDeclined},
	model.StateNoReply:        {model.StateRequested, model.StateFollowedUp, model.StateNoReply},
	model.StateCancelled:      {model.StateRequested, model.StateScheduled, model.StateCancelled},
}

var (
	firstNames = strings.Fields(`Ada Amara Ben Chen Dana Diego Eli Emma Farah Gus Hana Ivan Jada Joe Kai Lena Luis Maya
		Nia Noah Omar Priya Quinn Rosa Sam Sofia Tariq Uma Vera Wen Yara Zoe Aiko Bruno Carmen Dev Elif Femi`)
	lastNames = strings.Fields(`Brown Serra Okafor Nguyen Patel Kim Garcia Rossi Cohen Haddad Larsen Mensah Ito Silva
		Novak Park Reyes Singh Walsh Yilmaz Ahmed Baker Costa Diaz Evans Fischer Gray Hughes Ivanova Jensen`)
	fieldNames = []string{"Public policy", "UX research", "Environmental engineering", "Data journalism",
		"Health care administration", "Museum education", "Product management", "Urban planning"}
	roles = []string{"Policy analyst", "Senior researcher", "Project engineer", "Data reporter", "Program manager",
		"Curator", "Product manager", "Planner", "Director", "Consultant", "Associate", "Team lead"}
	orgWords = strings.Fields(`North River Cedar Harbor Summit Civic Open Bright Green Metro Lake Union Pioneer Atlas`)
	orgKinds = []string{"Institute", "Group", "Agency", "Studio", "Foundation", "Partners", "Labs", "Council"}
	words    = strings.Fields(`typical day budget grants fieldwork stakeholders interviews prototypes permits
		deadlines sources editors analysis mentoring certification conference association fellowship travel
		hours flexibility pressure clients colleagues culture trends funding regulation writing statistics
		negotiation presentations teamwork curiosity patience portfolio internship volunteer networking`)
	locations = []string{"Boston, MA", "Washington, DC", "Chicago, IL", "Austin, TX", "Seattle, WA", "Denver, CO", "Remote"}
)

// Synthetic generates a dataset of n people with about 0.4·n conversations
// across every lifecycle state and 4·n activities, the same for the same
// seed and now.
func Synthetic(n int, seed uint64, now time.Time) *store.Bulk {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := &store.Bulk{}
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	daysAgo := func(max int) time.Time {
		return now.Add(-time.Duration(rng.IntN(max*24*60)+60) * time.Minute).Truncate(time.Minute)
	}
	sentence := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = pick(words)
		}
		return strings.Join(ws, " ") + "."
	}

	nFields := min(len(fieldNames), max(1, n/50))
	for i := 0; i < nFields; i++ {
		b.Fields = append(b.Fields, model.Field{ID: int64(i + 1), Name: fieldNames[i], Why: sentence(8),
			Notes: sentence(20), Target: 3, CreatedAt: daysAgo(400)})
	}
	nOrgs := max(1, n/20)
	for i := 0; i < nOrgs; i++ {
		name := fmt.Sprintf("%s %s %s %d", pick(orgWords), pick(orgWords), pick(orgKinds), i+1)
		b.Organizations = append(b.Organizations, model.Organization{ID: int64(i + 1), Name: name,
			Website: fmt.Sprintf("https://org%d.example.org", i+1), Notes: sentence(12), CreatedAt: daysAgo(400)})
	}
	sources := model.Sources()
	for i := 0; i < n; i++ {
		id := int64(i + 1)
		first, last := pick(firstNames), pick(lastNames)
		p := model.Person{
			ID: id, Name: first + " " + last, Role: pick(roles), Location: pick(locations),
			Emails:       []string{fmt.Sprintf("%s.%s%d@example.com", strings.ToLower(first), strings.ToLower(last), id)},
			Organization: &model.Ref{ID: int64(rng.IntN(nOrgs) + 1)},
			Source:       sources[rng.IntN(len(sources))],
			Fields:       []model.Ref{{ID: int64(rng.IntN(nFields) + 1)}},
			Notes:        sentence(10 + rng.IntN(20)),
			CreatedAt:    daysAgo(400),
		}
		if i > 0 && rng.IntN(10) < 3 {
			p.ReferredBy = &model.Ref{ID: int64(rng.IntN(i) + 1)}
		}
		if rng.IntN(5) == 0 {
			p.Tags = []string{pick([]string{"mentor", "alumni-db", "conference", "family-friend"})}
		}
		b.People = append(b.People, p)
	}

	states := model.States()
	nConvos := n * 2 / 5
	for i := 0; i < nConvos; i++ {
		id := int64(i + 1)
		person := &b.People[rng.IntN(n)]
		target := states[i%len(states)]
		c := model.Conversation{ID: id, Person: model.Ref{ID: person.ID}, Fields: person.Fields, State: model.StateIdea,
			Channel: model.Channels()[rng.IntN(3)], Minutes: []int{15, 20, 20, 30}[rng.IntN(4)], Place: pick(locations)}
		path := statePaths[target]
		at := now.Add(-time.Duration(len(path)*5*24+rng.IntN(240*24)) * time.Hour).Truncate(time.Minute)
		c.CreatedAt = at.Add(-24 * time.Hour)
		var heldAt time.Time
		for k, step := range path {
			prev := at
			at = at.Add(time.Duration(24+rng.IntN(96)) * time.Hour)
			st := method.Step{To: step, At: at}
			switch {
			case step == model.StateScheduled && (target == model.StateScheduled || target == model.StateConfirmed):
				st.MeetingAt = now.Add(time.Duration(2+rng.IntN(14*24)) * time.Hour).Truncate(time.Minute)
			case step == model.StateScheduled:
				// The meeting is when the next steps say it was held.
				heldAt = at.Add(time.Duration(24+rng.IntN(96)) * time.Hour)
				st.MeetingAt = heldAt
			case step == model.StateConfirmed && !heldAt.IsZero():
				st.At = prev.Add(heldAt.Sub(prev) / 2)
			case step == model.StateHeld && !heldAt.IsZero():
				st.At = heldAt
			}
			if k == len(path)-1 && st.At.After(now) {
				st.At = now
			}
			at = st.At
			method.Apply(&c, st)
			e := model.Event{Step: st.To, At: st.At}
			if !st.MeetingAt.IsZero() {
				m := st.MeetingAt
				e.MeetingAt = &m
			}
			c.Events = append(c.Events, e)
		}
		if c.HeldAt != nil {
			c.Notes = sentence(30 + rng.IntN(40))
			c.Summary = sentence(8)
			c.Usefulness = 1 + rng.IntN(5)
		}
		c.Prepared = rng.IntN(2) == 0
		b.Conversations = append(b.Conversations, c)
	}

	kinds := model.ActivityKinds()
	convosOf := map[int64][]int64{}
	for _, c := range b.Conversations {
		convosOf[c.Person.ID] = append(convosOf[c.Person.ID], c.ID)
	}
	for i := 0; i < 4*n; i++ {
		p := b.People[rng.IntN(n)]
		a := model.Activity{ID: int64(i + 1), Person: model.Ref{ID: p.ID}, Kind: kinds[rng.IntN(len(kinds))], At: daysAgo(365), Note: sentence(6)}
		if cs := convosOf[p.ID]; len(cs) > 0 && rng.IntN(2) == 0 {
			a.ConversationID = cs[rng.IntN(len(cs))]
		}
		b.Activities = append(b.Activities, a)
	}
	return b
}
