package store_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// agendaKinds lists the kinds of the owner's next actions about one
// conversation.
func agendaKinds(t *testing.T, sc *store.Scope, convo int64, at time.Time) []method.ActionKind {
	t.Helper()
	actions, err := sc.Agenda(context.Background(), at)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []method.ActionKind
	for _, a := range actions {
		if a.ConversationID == convo {
			kinds = append(kinds, a.Kind)
		}
	}
	return kinds
}

func TestAnAcceptanceOpensAConversationInTheStudentsSpace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 3,
			Employer: "City of Westlake", Title: "Senior planner", City: "Westlake", Country: "US"})

		r, err := db.Store.SendRequest(ctx, set, draftTo(sam, dana, "Urban planning"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		// Accepted with no time yet: the conversation waits in "requested".
		if _, _, err := db.Store.StepRequest(ctx, set, r.ID, dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		convoID, err := db.Store.RequestConversation(ctx, r.ID)
		if err != nil || convoID == 0 {
			t.Fatalf("the accepted request has no conversation: %d, %v", convoID, err)
		}
		space := db.Store.For(sam)
		c, err := space.Conversation(ctx, convoID)
		if err != nil {
			t.Fatal(err)
		}
		if c.State != model.StateRequested || c.Minutes != 20 || c.Channel != model.ChannelVideo || c.MeetingAt != nil ||
			c.RequestedAt == nil || !c.RequestedAt.Equal(now) || len(c.Fields) != 1 || c.Fields[0].Name != "Urban planning" {
			t.Errorf("conversation before a time is agreed: %+v", c)
		}
		p, err := space.Person(ctx, c.Person.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != "Dana Brown" || p.Source != model.SourceAlumni || p.Commonality != "Westlake Career Center" ||
			!slices.Equal(p.Emails, []string{"dana@example.com"}) || p.Role != "Senior planner" ||
			p.Organization == nil || p.Organization.Name != "City of Westlake" || p.Location != "Westlake, US" {
			t.Errorf("the volunteer as the student's person: %+v", p)
		}
		// The volunteer's own space gains nothing.
		if people, _, err := db.Store.For(dana).People(ctx, store.PeopleFilter{}); err != nil || len(people) != 0 {
			t.Errorf("the volunteer's people: %d, %v", len(people), err)
		}

		// A time agreed later schedules it; the personal agenda asks to
		// confirm it 48 hours before and to prepare.
		meeting := now.Add(6 * 24 * time.Hour)
		if _, _, err := db.Store.StepRequest(ctx, set, r.ID, sam, center.Step{Action: center.ActSchedule, By: center.ActorStudent, At: now.Add(2 * time.Hour), MeetingAt: meeting}); err != nil {
			t.Fatal(err)
		}
		if c, err = space.Conversation(ctx, convoID); err != nil {
			t.Fatal(err)
		}
		if c.State != model.StateScheduled || c.MeetingAt == nil || !c.MeetingAt.Equal(meeting) {
			t.Errorf("conversation after the time was agreed: %s at %v", c.State, c.MeetingAt)
		}
		if kinds := agendaKinds(t, space, convoID, meeting.Add(-47*time.Hour)); !slices.Contains(kinds, method.ActConfirm) || !slices.Contains(kinds, method.ActPrepare) {
			t.Errorf("agenda two days before the meeting: %v", kinds)
		}

		// Cancelled by the volunteer: the student's conversation is cancelled too.
		if _, _, err := db.Store.StepRequest(ctx, set, r.ID, dana, center.Step{Action: center.ActCancel, By: center.ActorVolunteer, At: now.Add(3 * time.Hour), Text: "I am travelling that week"}); err != nil {
			t.Fatal(err)
		}
		if c, err = space.Conversation(ctx, convoID); err != nil || c.State != model.StateCancelled {
			t.Errorf("conversation after the cancellation: %v, %v", c.State, err)
		}

		// A second request to Dana, accepted with a time, is a second
		// conversation with the same person, scheduled at once.
		r2, err := db.Store.SendRequest(ctx, set, draftTo(sam, dana, "Transport"), nil, now.Add(4*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, r2.ID, dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(5 * time.Hour), MeetingAt: meeting}); err != nil {
			t.Fatal(err)
		}
		second, err := db.Store.RequestConversation(ctx, r2.ID)
		if err != nil {
			t.Fatal(err)
		}
		c2, err := space.Conversation(ctx, second)
		if err != nil {
			t.Fatal(err)
		}
		if second == convoID || c2.Person.ID != p.ID || c2.State != model.StateScheduled || !c2.MeetingAt.Equal(meeting) {
			t.Errorf("second conversation: id %d (first %d), person %d (first %d), %s", second, convoID, c2.Person.ID, p.ID, c2.State)
		}
		if people, _, err := space.People(ctx, store.PeopleFilter{}); err != nil || len(people) != 1 {
			t.Errorf("the student's people after two acceptances: %d, %v", len(people), err)
		}

		// Once it took place, held on either side's word: the student's
		// agenda asks for the notes and the thank-you.
		after := meeting.Add(time.Hour)
		if _, _, err := db.Store.StepRequest(ctx, set, r2.ID, dana, center.Step{Action: center.ActHeld, By: center.ActorVolunteer, At: after}); err != nil {
			t.Fatal(err)
		}
		if c2, err = space.Conversation(ctx, second); err != nil || c2.State != model.StateHeld {
			t.Errorf("conversation after it was held: %v, %v", c2.State, err)
		}
		if kinds := agendaKinds(t, space, second, after.Add(time.Hour)); !slices.Contains(kinds, method.ActThank) {
			t.Errorf("agenda after the conversation: %v", kinds)
		}
	})
}

// Each step queues its emails with it: the new request to the volunteer
// (with signed one-click links and an unsubscribe link), the acceptance
// to the student, an invitation to both once a time is agreed, and a kind
// word to the volunteer of the student's other request in the field,
// withdrawn by the acceptance.
func TestRequestStepsQueueTheirEmails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := mailRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 3})
		d := draftTo(sam, dana, "Urban planning")
		d.ProposedTimes = []time.Time{now.Add(50 * time.Hour)}
		r, err := db.Store.SendRequest(ctx, set, d, nil, now)
		if err != nil {
			t.Fatal(err)
		}
		box, err := db.Store.Outbox(ctx, store.OutboxFilter{})
		if err != nil || len(box) != 1 {
			t.Fatalf("outbox after sending: %d, %v", len(box), err)
		}
		sent := box[0]
		if sent.To != "dana@example.com" || sent.Kind != "request.sent" || sent.AccountID != dana ||
			strings.Count(sent.Body, "https://ally.westlake.edu/respond/") != 4 || !strings.Contains(sent.Body, "https://ally.westlake.edu/unsubscribe/") ||
			!strings.Contains(sent.HTML, "<a href=\"https://ally.westlake.edu/respond/") {
			t.Errorf("the email to the volunteer: %+v\n%s", sent, sent.Body)
		}
		// Sam also wrote to Eli in the same field: Dana's acceptance
		// withdraws it, and Eli is told kindly.
		eli := volunteer(t, db, "eli@example.com", model.VolunteerProfile{DisplayName: "Eli Novak", MonthlyCapacity: 3})
		if _, err := db.Store.SendRequest(ctx, set, draftTo(sam, eli, "Urban planning"), nil, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, r.ID, dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(time.Hour), MeetingAt: r.ProposedTimes[0]}); err != nil {
			t.Fatal(err)
		}
		box, err = db.Store.Outbox(ctx, store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, m := range box {
			got[m.Kind+" "+m.To]++
			if !strings.Contains(m.Body, "https://ally.westlake.edu/unsubscribe/") {
				t.Errorf("%s to %s has no unsubscribe link:\n%s", m.Kind, m.To, m.Body)
			}
			if m.Kind == "request.invitation" && !strings.Contains(m.ICS, "BEGIN:VCALENDAR") {
				t.Errorf("an invitation without its calendar: %+v", m)
			}
			if m.Kind == "request.superseded" && (m.AccountID != eli || !strings.Contains(m.Body, "Another volunteer has already agreed to talk with") ||
				!strings.Contains(m.Body, "Thank you for your time")) {
				t.Errorf("the word to Eli: %+v\n%s", m, m.Body)
			}
		}
		want := map[string]int{"request.sent dana@example.com": 1, "request.accepted sam@westlake.edu": 1,
			"request.invitation sam@westlake.edu": 1, "request.invitation dana@example.com": 1,
			"request.sent eli@example.com": 1, "request.superseded eli@example.com": 1}
		if !maps.Equal(got, want) {
			t.Errorf("outbox after the acceptance: %v", got)
		}
	})
}

// A report tells every active advisor by email, with the link to their
// review; the email carries neither the message nor the volunteer's words.
func TestAReportTellsTheAdvisors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := mailRules(t, db)
		mustAccount(t, db, "bea@westlake.edu", model.RoleAdvisor)
		// Cy stopped these emails by an earlier email's link.
		cy := mustAccount(t, db, "cy@westlake.edu", model.RoleAdvisor)
		if err := db.Store.SetMailOptOut(ctx, cy.ID, true, now); err != nil {
			t.Fatal(err)
		}
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 3})
		r, err := db.Store.SendRequest(ctx, set, draftTo(sam, dana, "Urban planning"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, r.ID, dana, center.Step{Action: center.ActReport, By: center.ActorVolunteer, At: now.Add(time.Hour),
			Text: "asked for my home address"}); err != nil {
			t.Fatal(err)
		}
		box, err := db.Store.Outbox(ctx, store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var to []string
		for _, m := range box {
			if m.Kind != "request.reported" {
				continue
			}
			to = append(to, strings.ToLower(m.To))
			if !strings.Contains(m.Subject, "Dana Brown reported a request") || !strings.Contains(m.Body, "https://ally.westlake.edu/center/reported") ||
				!strings.Contains(m.Body, "Urban planning") || strings.Contains(m.Body, "home address") || strings.Contains(m.Body, r.Message) ||
				!strings.Contains(m.Body, "To stop these emails") || !strings.Contains(m.Body, "https://ally.westlake.edu/unsubscribe/") || m.AccountID == 0 {
				t.Errorf("the email to %s: %s\n%s", m.To, m.Subject, m.Body)
			}
		}
		slices.Sort(to)
		if !slices.Equal(to, []string{"admin@westlake.edu", "bea@westlake.edu"}) {
			t.Errorf("the advisors told: %v", to)
		}
	})
}

// mailRules are the center's request rules, with the base URL its
// emails' links start with recorded.
func mailRules(t *testing.T, db *storetest.DB) center.Settings {
	t.Helper()
	set := requestRules(t, db)
	if err := db.Store.RecordBaseURL(context.Background(), "https://ally.westlake.edu"); err != nil {
		t.Fatal(err)
	}
	return set
}
