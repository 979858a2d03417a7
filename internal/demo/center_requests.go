package demo

import (
	"iter"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// CenterRequestDays is how far back the demo center's requests go: two
// years, so that every term of the figures has its own.
const CenterRequestDays = 730

// How the demo's requests end, in parts of a thousand, for those old
// enough to have ended (answered or expired): shares like those mentoring
// programs report.
var requestEnds = []struct {
	state center.State
	per   int
}{
	{center.StateAccepted, 600}, {center.StateDeclined, 160}, {center.StateExpired, 140}, {center.StateWithdrawn, 75},
	{center.StateReferred, 20}, {center.StateReported, 5},
}

// declineReasons are weighted as volunteers choose them.
var declineReasons = []struct {
	reason center.DeclineReason
	per    int
}{
	{center.DeclineNoTime, 45}, {center.DeclineNotMyField, 30}, {center.DeclineSuggest, 15}, {center.DeclineOwn, 10},
}

// monthWeight is how busy each month of the school year is (January
// first): the terms' starts are busiest, summer quietest.
var monthWeight = [12]float64{0.7, 1, 1, 0.9, 0.6, 0.3, 0.25, 0.4, 1, 1, 0.9, 0.5}

// CenterRequests generates n requests from the students to the volunteers
// among ms (loaded, so that their AccountID is set), sent over the
// CenterRequestDays before now, the same for the same seed and now. Each
// is in the state its age allows: open ones only in the last ExpiryDays,
// accepted ones with a meeting still to come, and older ones answered,
// declined with a reason, expired after the reminder, withdrawn, held
// (thanked, reported back, rated both ways, or not), missed or cancelled.
// Some students and volunteers are asked far more than others, and some
// fields far more than their volunteers can take. The requests are made
// one at a time as the caller reads them.
func CenterRequests(n int, ms []store.CenterMember, set center.Settings, seed uint64, now time.Time) iter.Seq[store.LoadedRequest] {
	return func(yield func(store.LoadedRequest) bool) {
		rng := rand.New(rand.NewPCG(seed, seed^0x2545f4914f6cdd1d))
		loc := set.Location()
		var students []int64
		byField := map[string][]int64{}
		var fields []string
		for _, m := range ms {
			switch {
			case m.Student != nil:
				students = append(students, m.Student.AccountID)
			case m.Volunteer != nil:
				for _, f := range m.Volunteer.Fields {
					if byField[f] == nil {
						fields = append(fields, f)
					}
					byField[f] = append(byField[f], m.Volunteer.AccountID)
				}
			}
		}
		if len(students) == 0 || len(fields) == 0 {
			return
		}
		// Popular fields and eager students come first in these orders.
		rng.Shuffle(len(fields), func(i, j int) { fields[i], fields[j] = fields[j], fields[i] })
		rng.Shuffle(len(students), func(i, j int) { students[i], students[j] = students[j], students[i] })
		fieldZipf := rand.NewZipf(rng, 1.3, 2, uint64(len(fields)-1))
		studentZipf := rand.NewZipf(rng, 1.1, 50, uint64(len(students)-1))
		weighted := func(items []struct {
			state center.State
			per   int
		}) center.State {
			k := rng.IntN(1000)
			for _, it := range items {
				if k < it.per {
					return it.state
				}
				k -= it.per
			}
			return items[0].state
		}
		// sentAt is a moment in the last two years, more often in term
		// time and in the day and evening of the center's zone.
		sentAt := func() time.Time {
			for {
				day := now.AddDate(0, 0, -rng.IntN(CenterRequestDays)).In(loc)
				if rng.Float64() > monthWeight[day.Month()-1] {
					continue
				}
				t := time.Date(day.Year(), day.Month(), day.Day(), 8+rng.IntN(16), rng.IntN(60), rng.IntN(60), 0, loc)
				if t.Before(now) {
					return t
				}
			}
		}
		// hours is a log-normal delay: median hours, spread sigma.
		hours := func(median, sigma float64) time.Duration {
			return time.Duration(median * math.Exp(sigma*rng.NormFloat64()) * float64(time.Hour))
		}
		expiry := time.Duration(set.ExpiryDays) * 24 * time.Hour
		// Sent in time order, as a center's requests are written: a
		// term's requests lie together in the table, as they would.
		sent := make([]time.Time, n)
		for i := range sent {
			sent[i] = sentAt()
		}
		slices.SortFunc(sent, time.Time.Compare)
		for i := range n {
			field := fields[fieldZipf.Uint64()]
			vols := byField[field]
			// Within a field, the first volunteers (the directory's top
			// cards) are asked most.
			v := vols[int(float64(len(vols))*math.Pow(rng.Float64(), 2.5))]
			r := store.LoadedRequest{Request: center.Request{
				StudentID: students[studentZipf.Uint64()], VolunteerID: v, Field: field,
				Purpose: "What the work in " + field + " is really like", Minutes: set.Minutes[rng.IntN(len(set.Minutes))],
				Channel: []model.Channel{model.ChannelVideo, model.ChannelPhone, model.ChannelInPerson}[rng.IntN(3)],
			}}
			r.Message = "Hello! I am a student exploring " + field + " and would love to hear about your path and what a typical week " +
				"looks like. I am not asking about jobs. Would you have " + strconv.Itoa(r.Minutes) + " minutes for a call some time this month?"
			r.CreatedAt = sent[i]
			r.StateAt = r.CreatedAt
			age := now.Sub(r.CreatedAt)
			answer := min(hours(20, 1.1)+time.Duration(rng.IntN(60))*time.Minute, expiry-time.Hour)
			if r.CreatedAt.Add(answer).After(now) || (age < expiry && rng.IntN(3) == 0) {
				// Still waiting for an answer, perhaps after a question.
				r.State = center.StatePending
				if rng.IntN(8) == 0 && age > 2*time.Hour {
					r.State, r.AnsweredAt = center.StateMoreInfo, r.CreatedAt.Add(age/2)
					r.StateAt, r.Question = r.AnsweredAt, "Which part of "+field+" interests you most?"
				}
				if remind := set.RemindAt(r.Request); !remind.After(now) {
					r.RemindedAt = remind
				}
				if !yield(r) {
					return
				}
				continue
			}
			r.State = weighted(requestEnds)
			answered := r.CreatedAt.Add(answer)
			switch r.State {
			case center.StateExpired:
				r.RemindedAt, r.StateAt = set.RemindAt(r.Request), set.ExpiresAt(r.Request)
				if r.StateAt.After(now) {
					r.State, r.StateAt = center.StatePending, r.CreatedAt
				}
			case center.StateDeclined:
				r.AnsweredAt, r.StateAt = answered, answered
				r.DeclineReason = weightedReason(rng)
				switch r.DeclineReason {
				case center.DeclineSuggest:
					r.Reason = pickOf(rng, firstNames) + " " + pickOf(rng, lastNames)
				case center.DeclineOwn:
					r.Reason = "I am changing jobs this month; please write again in the spring."
				}
			case center.StateWithdrawn:
				r.StateAt = r.CreatedAt.Add(answer / 2)
			case center.StateReferred, center.StateReported:
				r.AnsweredAt, r.StateAt = answered, answered
				r.Reason = "Passed on to a colleague who knows this better."
				if r.State == center.StateReported {
					r.Reason = "The message asked me for a job."
				}
			case center.StateAccepted:
				r.AnsweredAt, r.AcceptedAt, r.StateAt = answered, answered, answered
				acceptedOutcome(rng, &r, set, now, loc, hours)
			}
			if !yield(r) {
				return
			}
		}
	}
}

// acceptedOutcome takes an accepted request on from its acceptance: a
// meeting time agreed (or not yet), then, once the meeting is past, held,
// missed or cancelled, with the thank-you, the report-back and the
// ratings that follow a held conversation.
func acceptedOutcome(rng *rand.Rand, r *store.LoadedRequest, set center.Settings, now time.Time, loc *time.Location,
	hours func(median, sigma float64) time.Duration) {
	if now.Sub(r.AcceptedAt) < 20*24*time.Hour && rng.IntN(10) == 0 {
		return // no time agreed yet: stale after a week
	}
	day := r.AcceptedAt.In(loc).AddDate(0, 0, 2+rng.IntN(12))
	r.MeetingAt = time.Date(day.Year(), day.Month(), day.Day(), 9+rng.IntN(9), 30*rng.IntN(2), 0, 0, loc)
	end := r.MeetingEnd()
	if k := rng.IntN(100); k < 8 {
		// Called off: by the student now and then under 24 hours before.
		r.State, r.CancelledBy = center.StateCancelled, center.ActorVolunteer
		r.StateAt = r.AcceptedAt.Add(r.MeetingAt.Sub(r.AcceptedAt) / 2)
		if k < 5 {
			r.CancelledBy = center.ActorStudent
			if k < 2 {
				r.StateAt, r.LateCancel = r.MeetingAt.Add(-time.Duration(1+rng.IntN(20))*time.Hour), true
				r.StudentWhy = "I was ill and could not make it."
			}
		}
		if r.StateAt.After(now) {
			r.State, r.CancelledBy, r.LateCancel, r.StudentWhy, r.StateAt = center.StateAccepted, "", false, "", r.AcceptedAt
		}
		return
	}
	prompt := end.Add(time.Duration(set.OutcomePromptHours) * time.Hour)
	if prompt.After(now) {
		return // the meeting is still to come
	}
	r.PromptedAt = prompt
	outcomeAt := prompt.Add(hours(6, 1))
	if outcomeAt.After(now) {
		return // asked "did it happen?", no answer yet
	}
	if rng.IntN(100) < 4 {
		r.State, r.StateAt, r.OutcomeBy = center.StateNoShow, outcomeAt, center.ActorVolunteer
		return
	}
	r.State, r.StateAt, r.HeldAt = center.StateHeld, outcomeAt, r.MeetingAt
	r.OutcomeBy = []center.Actor{center.ActorStudent, center.ActorVolunteer}[rng.IntN(2)]
	after := func(d time.Duration) (time.Time, bool) {
		t := end.Add(d)
		return t, !t.After(now)
	}
	if rng.IntN(100) < 85 {
		d := time.Duration(1+rng.IntN(11*60)) * time.Minute
		if rng.IntN(100) < 30 {
			d = hours(30, 0.8) + 12*time.Hour
		}
		if t, ok := after(d); ok {
			r.ThankedAt = t
		}
	}
	if rng.IntN(100) < 45 {
		if t, ok := after(time.Duration(3+rng.IntN(58)) * 24 * time.Hour); ok {
			r.ReportedBackAt = t
		}
	}
	ratings := []int{5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 3, 3, 2, 1}
	if rng.IntN(100) < 70 {
		if t, ok := after(hours(20, 1)); ok {
			r.StudentRating, r.StudentRatedAt = ratings[rng.IntN(len(ratings))], t
			if rng.IntN(3) == 0 {
				r.StudentNote = "Thank you so much for your time and your honest advice."
			}
		}
	}
	if rng.IntN(100) < 55 {
		if t, ok := after(hours(30, 1)); ok {
			r.VolunteerRating, r.VolunteerRatedAt = ratings[rng.IntN(len(ratings))], t
		}
	}
}

func weightedReason(rng *rand.Rand) center.DeclineReason {
	k := rng.IntN(100)
	for _, d := range declineReasons {
		if k < d.per {
			return d.reason
		}
		k -= d.per
	}
	return center.DeclineNoTime
}

func pickOf(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }
