package store_test

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// TestAskedAndAnswerTimesEqualACountInGo checks the volunteers asked
// most and least (more volunteers than either list names, many of them
// tied), the volunteers asked and answering, and the median and 90th
// percentile of the minutes to answer of random periods against the same
// figures worked out in Go from the requests loaded, with no grouping
// (the statements that rank the volunteers in a bounded sort and take
// the percentiles from a count of answers by minutes).
func TestAskedAndAnswerTimesEqualACountInGo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set, rng, loaded := randomCenter(t, db, 3, 9, 120, 7, 11)
		for round := range 12 {
			from, to := randomPeriod(rng)
			f, err := db.Store.CenterFigures(ctx, set, from, to, now, "")
			if err != nil {
				t.Fatal(err)
			}
			type asked struct {
				id       int64
				n        int
				answered bool
			}
			counts := map[int64]*asked{}
			var minutes []int
			for _, r := range loaded {
				if r.CreatedAt.Before(from) || !r.CreatedAt.Before(to) {
					continue
				}
				a := counts[r.VolunteerID]
				if a == nil {
					a = &asked{id: r.VolunteerID}
					counts[r.VolunteerID] = a
				}
				a.n++
				if !r.AnsweredAt.IsZero() {
					a.answered = true
					minutes = append(minutes, int(r.AnsweredAt.Sub(r.CreatedAt)/time.Minute))
				}
			}
			var all []asked
			active := 0
			for _, a := range counts {
				all = append(all, *a)
				if a.answered {
					active++
				}
			}
			ids := func(as []center.Asked) (out []string) {
				for _, a := range as {
					out = append(out, fmt.Sprintf("%d:%d", a.VolunteerID, a.Requests))
				}
				return out
			}
			ranked := func(order func(a, b asked) int) (out []string) {
				slices.SortFunc(all, order)
				for _, a := range all[:min(5, len(all))] {
					out = append(out, fmt.Sprintf("%d:%d", a.id, a.n))
				}
				return out
			}
			most := ranked(func(a, b asked) int { return cmp.Or(b.n-a.n, cmp.Compare(a.id, b.id)) })
			least := ranked(func(a, b asked) int { return cmp.Or(a.n-b.n, cmp.Compare(a.id, b.id)) })
			if !slices.Equal(ids(f.MostAsked), most) || !slices.Equal(ids(f.LeastAsked), least) {
				t.Errorf("round %d, %s to %s: most asked %v, least %v; want %v and %v", round, from, to, ids(f.MostAsked), ids(f.LeastAsked), most, least)
			}
			if f.VolunteersAsked != len(all) || f.VolunteersActive != active {
				t.Errorf("round %d: %d volunteers asked, %d answering; want %d and %d", round, f.VolunteersAsked, f.VolunteersActive, len(all), active)
			}
			var med, p90 *float64
			if n := len(minutes); n > 0 {
				slices.Sort(minutes)
				m := float64(minutes[(n+1)/2-1]+minutes[(n+2)/2-1]) / 2
				p := float64(minutes[(9*n+9)/10-1])
				med, p90 = &m, &p
			}
			if !sameFloat(f.MedianMinutesToAnswer, med) || !sameFloat(f.P90MinutesToAnswer, p90) {
				t.Errorf("round %d: %d answers, median %v and 90th percentile %v minutes; want %v and %v", round, len(minutes),
					showMinutes(f.MedianMinutesToAnswer), showMinutes(f.P90MinutesToAnswer), showMinutes(med), showMinutes(p90))
			}
		}
	})
}

func showMinutes(f *float64) string {
	if f == nil {
		return "none"
	}
	return fmt.Sprint(*f)
}

// TestFieldFiguresEqualACountInGo checks, per field, the figures that do
// not add up across days (the volunteers asked and answering, the
// students helped, and the median and 90th percentile of the minutes to
// answer) of random periods against the same figures worked out in Go
// from the requests loaded: PostgreSQL reads them a field at a time from
// the index by field and time, SQLite in one grouping.
func TestFieldFiguresEqualACountInGo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set, rng, loaded := randomCenter(t, db, 6, 5, 150, 5, 17)
		for round := range 8 {
			from, to := randomPeriod(rng)
			f, err := db.Store.CenterFigures(ctx, set, from, to, now, center.ByField)
			if err != nil {
				t.Fatal(err)
			}
			type field struct {
				asked, active, helped map[int64]bool
				minutes               []int
			}
			want := map[string]*field{}
			for _, r := range loaded {
				if r.CreatedAt.Before(from) || !r.CreatedAt.Before(to) {
					continue
				}
				k := center.Key(r.Field)
				g := want[k]
				if g == nil {
					g = &field{asked: map[int64]bool{}, active: map[int64]bool{}, helped: map[int64]bool{}}
					want[k] = g
				}
				g.asked[r.VolunteerID] = true
				if !r.AnsweredAt.IsZero() {
					g.active[r.VolunteerID] = true
					g.minutes = append(g.minutes, int(r.AnsweredAt.Sub(r.CreatedAt)/time.Minute))
				}
				if !r.HeldAt.IsZero() {
					g.helped[r.StudentID] = true
				}
			}
			var got []string
			for _, g := range f.By {
				if g.RequestsSent > 0 {
					got = append(got, fmt.Sprintf("%s: %d asked, %d answering, %d helped, times %s/%s", center.Key(g.KeyText()), g.VolunteersAsked,
						g.VolunteersActive, g.StudentsHelped, showMinutes(g.MedianMinutesToAnswer), showMinutes(g.P90MinutesToAnswer)))
				}
			}
			var expect []string
			for k, g := range want {
				med, p90 := "none", "none"
				if n := len(g.minutes); n > 0 {
					slices.Sort(g.minutes)
					med = fmt.Sprint(float64(g.minutes[(n+1)/2-1]+g.minutes[(n+2)/2-1]) / 2)
					p90 = fmt.Sprint(float64(g.minutes[(9*n+9)/10-1]))
				}
				expect = append(expect, fmt.Sprintf("%s: %d asked, %d answering, %d helped, times %s/%s", k, len(g.asked),
					len(g.active), len(g.helped), med, p90))
			}
			slices.Sort(got)
			slices.Sort(expect)
			if !slices.Equal(got, expect) {
				t.Errorf("round %d, %s to %s by field:\n got %q\nwant %q", round, from, to, got, expect)
			}
		}
	})
}

// randomCenter is a center of n students and m volunteers (figureAccounts)
// with k requests of random histories (randomRequests) loaded, drawn from
// the seeds given, and the random source to go on with.
func randomCenter(t *testing.T, db *storetest.DB, n, m, k int, seed1, seed2 uint64) (center.Settings, *rand.Rand, []store.LoadedRequest) {
	t.Helper()
	set := requestRules(t, db)
	students, volunteers := figureAccounts(t, db, n, m)
	rng := rand.New(rand.NewPCG(seed1, seed2))
	loaded := randomRequests(rng, k, students, volunteers)
	if _, err := db.Store.LoadCenterRequests(context.Background(), set, slices.Values(loaded), model.CLIActor(), now); err != nil {
		t.Fatal(err)
	}
	return set, rng, loaded
}

// randomPeriod is a period of whole hours, up to 30 days long, around the
// random histories' requests.
func randomPeriod(rng *rand.Rand) (from, to time.Time) {
	from = now.Add(time.Duration(rng.IntN(30*24)-24*24) * time.Hour)
	return from, from.Add(time.Duration(1+rng.IntN(30*24)) * time.Hour)
}
