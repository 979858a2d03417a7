package outreach

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// Source groups, from the method: a referral is the best way in, a
// commonality the next best, a cold contact the last.
const (
	GroupReferral    = "referral"
	GroupCommonality = "commonality"
	GroupCold        = "cold"
)

// SourceGroup puts a person in a source group by how the user knows them
// now: referral when someone referred them; commonality when the user
// noted something they share, or knows them through a relationship that
// is one (friend, family, classmate, professor, supervisor, coworker,
// alumni, association, the author of an article they read, an event where
// they met); cold otherwise (cold, social, other or unknown source with
// nothing in common noted).
func SourceGroup(source model.Source, referred bool, commonality string) string {
	switch {
	case referred:
		return GroupReferral
	case strings.TrimSpace(commonality) != "":
		return GroupCommonality
	}
	switch source {
	case model.SourceFriend, model.SourceFamily, model.SourceClassmate, model.SourceProfessor,
		model.SourceSupervisor, model.SourceCoworker, model.SourceAlumni, model.SourceAssociation,
		model.SourceArticleAuthor, model.SourceEvent:
		return GroupCommonality
	}
	return GroupCold
}

// Outreach channels in the statistics: the four a message is written for,
// a request made face to face, and one not known.
const (
	ChannelInPerson = "in_person"
	ChannelUnknown  = "unknown"
)

// channelOrder is the order channels are listed in.
var channelOrder = []string{"email", "letter", "phone", "social", ChannelInPerson, ChannelUnknown}

// Attempt is one request and what came of it.
type Attempt struct {
	ConversationID int64
	PersonID       int64
	Group          string // SourceGroup
	Channel        string // email, letter, phone, social, in_person or unknown
	RequestedAt    time.Time
	RepliedAt      *time.Time // the first sign of an answer; nil without one
	Awaiting       bool       // no answer yet and the conversation still waits for one
}

// Attempts splits conversations into request attempts. Each requested
// step starts one, which lasts until the next requested step. Its answer
// is the earliest reply logged on the conversation, or step to scheduled,
// held or declined (an answer, even a no), within the attempt. An attempt
// with no answer is awaiting while the conversation is still requested or
// followed up. The channel is the one of the message logged with the step
// by "mark as sent"; else, for steps logged by hand, the one the step's
// note names ("Email", "LinkedIn message", "asked in person"...), then a
// call or sent email logged within a minute of it; else unknown.
func Attempts(convos []*store.OutreachConvo) []Attempt {
	var out []Attempt
	for _, c := range convos {
		group := SourceGroup(c.Source, c.Referred, c.Commonality)
		var reqs []int
		for i, e := range c.Events {
			if e.Step == model.StateRequested {
				reqs = append(reqs, i)
			}
		}
		for n, i := range reqs {
			e := c.Events[i]
			end := len(c.Events)
			if n+1 < len(reqs) {
				end = reqs[n+1]
			}
			var until time.Time // zero: open-ended
			if end < len(c.Events) {
				until = c.Events[end].At
			}
			a := Attempt{ConversationID: c.ConversationID, PersonID: c.PersonID, Group: group,
				Channel: requestChannel(c, e), RequestedAt: e.At}
			var reply time.Time
			consider := func(t time.Time) {
				if t.Before(e.At) || !until.IsZero() && !t.Before(until) {
					return
				}
				if reply.IsZero() || t.Before(reply) {
					reply = t
				}
			}
			for _, x := range c.Events[i+1 : end] {
				switch x.Step {
				case model.StateScheduled, model.StateHeld, model.StateDeclined:
					consider(x.At)
				}
			}
			for _, act := range c.Activities {
				if act.Kind == model.ActReplyReceived {
					consider(act.At)
				}
			}
			if !reply.IsZero() {
				a.RepliedAt = &reply
			} else if end == len(c.Events) {
				last := c.Events[end-1].Step
				a.Awaiting = last == model.StateRequested || last == model.StateFollowedUp
			}
			out = append(out, a)
		}
	}
	return out
}

func requestChannel(c *store.OutreachConvo, e store.OutreachEvent) string {
	if e.Channel != "" {
		return string(e.Channel)
	}
	if ch := ChannelFromNote(e.Note); ch != ChannelUnknown {
		return ch // "LinkedIn message" says more than an email_sent activity
	}
	for _, a := range c.Activities {
		d := a.At.Sub(e.At)
		if d < -time.Minute || d > time.Minute {
			continue
		}
		switch a.Kind {
		case model.ActEmailSent:
			return "email"
		case model.ActCall:
			return "phone"
		}
	}
	return ChannelUnknown
}

// channelWords are the words of a step's note that name its channel, the
// most telling first: "asked at the gym; he will text me" was in person.
var channelWords = []struct{ word, channel string }{
	{"linkedin", "social"},
	{"e-mail", "email"}, {"email", "email"}, {"mail", "email"},
	{"letter", "letter"}, {"card", "letter"},
	{"phone", "phone"}, {"call", "phone"}, {"called", "phone"}, {"voicemail", "phone"},
	{"person", ChannelInPerson}, {"face", ChannelInPerson}, {"asked", ChannelInPerson},
	{"message", "social"}, {"dm", "social"}, {"text", "social"},
}

// ChannelFromNote guesses a request's channel from the note of its step,
// as people write them: "Email", "Email via the mentoring program",
// "LinkedIn message", "Asked in person", "Phone call". Unknown when no
// word says.
func ChannelFromNote(note string) string {
	words := strings.FieldsFunc(strings.ToLower(note), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '-')
	})
	for _, cw := range channelWords {
		if slices.Contains(words, cw.word) {
			return cw.channel
		}
	}
	return ChannelUnknown
}

// Group is the outreach figures of one group of requests.
type Group struct {
	Key      string `json:"key"`
	Sent     int    `json:"sent"`
	Replied  int    `json:"replied"`
	Awaiting int    `json:"awaiting"` // no answer yet, still waiting
	// ReplyRate is Replied / Sent; requests still awaiting count as not
	// (yet) answered, so the rate can only grow as replies come.
	ReplyRate float64 `json:"reply_rate"`
	// MedianDaysToReply counts calendar days (to the tenth) from the
	// request to its answer; nil when nothing was answered.
	MedianDaysToReply *float64 `json:"median_days_to_reply"`
}

// Stats is the outreach figures: all requests, by source group and by
// channel.
type Stats struct {
	All       Group     `json:"all"`
	BySource  []Group   `json:"by_source"`  // referral, commonality, cold: always all three
	ByChannel []Group   `json:"by_channel"` // only the channels used, in a fixed order
	ThankYous ThankYous `json:"thank_yous"`
}

// ThankYous is how the thank-yous went after the meetings held: how many
// were thanked, and how many of those within the hours the method asks
// (the thank_hours setting, 12 by default).
type ThankYous struct {
	Held    int `json:"held"`
	Thanked int `json:"thanked"`
	OnTime  int `json:"on_time"`
	Hours   int `json:"hours"`
}

// ThankYouTiming counts, over the conversations' steps, each meeting held
// and whether (and how soon) a thank-you was logged after it.
func ThankYouTiming(convos []*store.OutreachConvo, hours int) ThankYous {
	t := ThankYous{Hours: hours}
	for _, c := range convos {
		var held time.Time
		thanked := false
		for _, e := range c.Events {
			switch e.Step {
			case model.StateHeld:
				t.Held++
				held, thanked = e.At, false
			case model.StateThanked:
				if held.IsZero() || thanked {
					continue
				}
				thanked = true
				t.Thanked++
				if e.At.Sub(held) <= time.Duration(hours)*time.Hour {
					t.OnTime++
				}
			}
		}
	}
	return t
}

// ComputeStats sums attempts up.
func ComputeStats(attempts []Attempt) Stats {
	type acc struct {
		sent, replied, awaiting int
		days                    []float64
	}
	all := &acc{}
	bySource := map[string]*acc{}
	byChannel := map[string]*acc{}
	get := func(m map[string]*acc, k string) *acc {
		if m[k] == nil {
			m[k] = &acc{}
		}
		return m[k]
	}
	for _, a := range attempts {
		for _, x := range []*acc{all, get(bySource, a.Group), get(byChannel, a.Channel)} {
			x.sent++
			if a.RepliedAt != nil {
				x.replied++
				x.days = append(x.days, a.RepliedAt.Sub(a.RequestedAt).Hours()/24)
			}
			if a.Awaiting {
				x.awaiting++
			}
		}
	}
	group := func(key string, x *acc) Group {
		if x == nil {
			x = &acc{}
		}
		g := Group{Key: key, Sent: x.sent, Replied: x.replied, Awaiting: x.awaiting}
		if x.sent > 0 {
			g.ReplyRate = math.Round(float64(x.replied)/float64(x.sent)*1000) / 1000
		}
		if len(x.days) > 0 {
			m := math.Round(median(x.days)*10) / 10
			g.MedianDaysToReply = &m
		}
		return g
	}
	st := Stats{All: group("all", all), BySource: []Group{}, ByChannel: []Group{}}
	for _, k := range []string{GroupReferral, GroupCommonality, GroupCold} {
		st.BySource = append(st.BySource, group(k, bySource[k]))
	}
	for _, k := range channelOrder {
		if byChannel[k] != nil {
			st.ByChannel = append(st.ByChannel, group(k, byChannel[k]))
		}
	}
	return st
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// LoadStats reads the owner's requests and sums them up.
func LoadStats(ctx context.Context, sc *store.Scope) (Stats, error) {
	convos, err := sc.OutreachFacts(ctx)
	if err != nil {
		return Stats{}, err
	}
	settings, err := sc.Settings(ctx)
	if err != nil {
		return Stats{}, err
	}
	st := ComputeStats(Attempts(convos))
	st.ThankYous = ThankYouTiming(convos, settings.ThankHours)
	return st, nil
}
