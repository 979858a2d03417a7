package outreach_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestSourceGroup(t *testing.T) {
	tests := []struct {
		source      model.Source
		referred    bool
		commonality string
		want        string
	}{
		{model.SourceCold, true, "", outreach.GroupReferral},
		{model.SourceAlumni, true, "RSU '14", outreach.GroupReferral},
		{model.SourceSocial, false, "RSU '24", outreach.GroupCommonality},
		{model.SourceAlumni, false, "", outreach.GroupCommonality},
		{model.SourceArticleAuthor, false, "", outreach.GroupCommonality},
		{model.SourceClassmate, false, "", outreach.GroupCommonality},
		{model.SourceSocial, false, "  ", outreach.GroupCold},
		{model.SourceCold, false, "", outreach.GroupCold},
		{model.SourceOther, false, "", outreach.GroupCold},
		{"", false, "", outreach.GroupCold},
	}
	for _, tc := range tests {
		if got := outreach.SourceGroup(tc.source, tc.referred, tc.commonality); got != tc.want {
			t.Errorf("SourceGroup(%q, %v, %q) = %s, want %s", tc.source, tc.referred, tc.commonality, got, tc.want)
		}
	}
}

func TestChannelFromNote(t *testing.T) {
	tests := map[string]string{
		"Email":                                 "email",
		"Email via the MAWEA mentoring program": "email",
		"sent an e-mail":                        "email",
		"LinkedIn message":                      "social",
		"Alumni database message":               "social",
		"Text message":                          "social",
		"Asked in person: 30 minutes":           "in_person",
		"Asked at the gym; he will text me":     "in_person",
		"Phone call to her office":              "phone",
		"Letter to the office":                  "letter",
		"":                                      "unknown",
		"Through Linda":                         "unknown",
	}
	for note, want := range tests {
		if got := outreach.ChannelFromNote(note); got != want {
			t.Errorf("ChannelFromNote(%q) = %s, want %s", note, got, want)
		}
	}
}

// day is noon UTC on day n of November 2026.
func day(n int) time.Time { return time.Date(2026, 11, n, 12, 0, 0, 0, time.UTC) }

func ev(step model.State, n int, note string, ch etiquette.Channel) store.OutreachEvent {
	return store.OutreachEvent{Step: step, At: day(n), Note: note, Channel: ch}
}

func TestStatsOnFixedData(t *testing.T) {
	convos := []*store.OutreachConvo{
		// A referral by email answered in 1 day, then held.
		{ConversationID: 1, Source: model.SourceFriend, Referred: true,
			Events:     []store.OutreachEvent{ev(model.StateRequested, 2, "", etiquette.Email), ev(model.StateScheduled, 4, "", ""), ev(model.StateHeld, 9, "", "")},
			Activities: []store.OutreachActivity{{Kind: model.ActEmailSent, At: day(2)}, {Kind: model.ActReplyReceived, At: day(3)}}},
		// A referral, declined after 4 days; asked again (a second attempt), still waiting.
		{ConversationID: 2, Referred: true,
			Events: []store.OutreachEvent{ev(model.StateRequested, 2, "Email", ""), ev(model.StateDeclined, 6, "", ""),
				ev(model.StateRequested, 16, "LinkedIn message", ""), ev(model.StateFollowedUp, 20, "", "")}},
		// Alumni by social message, answered after the follow-up in 9 days.
		{ConversationID: 3, Source: model.SourceAlumni,
			Events: []store.OutreachEvent{ev(model.StateRequested, 1, "", etiquette.Social), ev(model.StateFollowedUp, 8, "", ""),
				ev(model.StateScheduled, 10, "", "")}},
		// Cold by email, closed with no reply: sent, not answered, not waiting.
		{ConversationID: 4, Source: model.SourceCold,
			Events: []store.OutreachEvent{ev(model.StateRequested, 1, "", ""), ev(model.StateFollowedUp, 10, "", ""), ev(model.StateNoReply, 19, "", "")},
			Activities: []store.OutreachActivity{{Kind: model.ActEmailSent, At: day(1).Add(30 * time.Second)},
				// a reply logged before the request does not count
				{Kind: model.ActReplyReceived, At: day(1).Add(-time.Hour)}}},
		// Cold by phone, answered within the hour.
		{ConversationID: 5, Source: model.SourceOther,
			Events:     []store.OutreachEvent{ev(model.StateRequested, 5, "", ""), ev(model.StateHeld, 5, "", "")},
			Activities: []store.OutreachActivity{{Kind: model.ActCall, At: day(5)}}},
	}
	attempts := outreach.Attempts(convos)
	if len(attempts) != 6 {
		t.Fatalf("%d attempts, want 6", len(attempts))
	}
	got := outreach.ComputeStats(attempts)
	f := func(x float64) *float64 { return &x }
	want := outreach.Stats{
		All: outreach.Group{Key: "all", Sent: 6, Replied: 4, Awaiting: 1, ReplyRate: 0.667, MedianDaysToReply: f(2.5)},
		BySource: []outreach.Group{
			{Key: "referral", Sent: 3, Replied: 2, Awaiting: 1, ReplyRate: 0.667, MedianDaysToReply: f(2.5)},
			{Key: "commonality", Sent: 1, Replied: 1, ReplyRate: 1, MedianDaysToReply: f(9)},
			{Key: "cold", Sent: 2, Replied: 1, ReplyRate: 0.5, MedianDaysToReply: f(0)},
		},
		ByChannel: []outreach.Group{
			{Key: "email", Sent: 3, Replied: 2, ReplyRate: 0.667, MedianDaysToReply: f(2.5)},
			{Key: "phone", Sent: 1, Replied: 1, ReplyRate: 1, MedianDaysToReply: f(0)},
			{Key: "social", Sent: 2, Replied: 1, Awaiting: 1, ReplyRate: 0.5, MedianDaysToReply: f(9)},
		},
	}
	gj, _ := json.MarshalIndent(got, "", " ")
	wj, _ := json.MarshalIndent(want, "", " ")
	if string(gj) != string(wj) {
		t.Errorf("stats:\n%s\nwant:\n%s", gj, wj)
	}

	empty := outreach.ComputeStats(nil)
	if empty.All.Sent != 0 || empty.All.MedianDaysToReply != nil || len(empty.BySource) != 3 || len(empty.ByChannel) != 0 {
		t.Errorf("no requests: %+v", empty)
	}
}

// TestStatsOnTheDemoStory reads the story's requests from both databases.
func TestStatsOnTheDemoStory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		sc := loadStory(t, db)
		st, err := outreach.LoadStats(context.Background(), sc)
		if err != nil {
			t.Fatal(err)
		}
		// 21 conversations, 20 requested once, one (Nakamura) twice... the
		// story's own counts are checked loosely; the split must add up.
		if st.All.Sent < 18 || st.All.Replied < 12 || st.All.MedianDaysToReply == nil {
			t.Errorf("demo stats: %+v", st.All)
		}
		sum := 0
		for _, g := range st.BySource {
			sum += g.Sent
		}
		if sum != st.All.Sent {
			t.Errorf("by source adds up to %d, not %d", sum, st.All.Sent)
		}
		sum = 0
		for _, g := range st.ByChannel {
			sum += g.Sent
			if g.Key == "unknown" {
				t.Errorf("a demo request has no known channel: %+v", g)
			}
		}
		if sum != st.All.Sent {
			t.Errorf("by channel adds up to %d, not %d", sum, st.All.Sent)
		}
	})
}

func TestThankYouTimingCountsEachMeetingOnce(t *testing.T) {
	held := time.Date(2026, 11, 2, 15, 0, 0, 0, time.UTC)
	ev := func(st model.State, after time.Duration) store.OutreachEvent {
		return store.OutreachEvent{Step: st, At: held.Add(after)}
	}
	convos := []*store.OutreachConvo{
		{ConversationID: 1, Events: []store.OutreachEvent{ev(model.StateRequested, -72*time.Hour), ev(model.StateHeld, 0), ev(model.StateThanked, 3*time.Hour)}},
		{ConversationID: 2, Events: []store.OutreachEvent{ev(model.StateRequested, -72*time.Hour), ev(model.StateHeld, 0), ev(model.StateReportedBack, time.Hour), ev(model.StateThanked, 30*time.Hour)}},
		{ConversationID: 3, Events: []store.OutreachEvent{ev(model.StateRequested, -72*time.Hour), ev(model.StateHeld, 0)}},
		{ConversationID: 4, Events: []store.OutreachEvent{ev(model.StateRequested, -72*time.Hour)}},
	}
	got := outreach.ThankYouTiming(convos, 12)
	if want := (outreach.ThankYous{Held: 3, Thanked: 2, OnTime: 1, Hours: 12}); got != want {
		t.Errorf("ThankYouTiming = %+v, want %+v", got, want)
	}
}
