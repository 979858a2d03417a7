package store_test

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

var respondLink = regexp.MustCompile(`https://ally\.westlake\.edu/respond/([A-Za-z0-9_.-]+)`)

// mailedClaims sends a request from a new student to volunteer with one
// proposed time and returns it with the claims of the one-click links of
// its email, in the email's order (yes at the time, yes later, not this
// month, not my field).
func mailedClaims(t *testing.T, db *storetest.DB, set center.Settings, student, volunteer int64, field string) (center.Request, []requestmail.Claim) {
	t.Helper()
	ctx := context.Background()
	if err := db.Store.RecordBaseURL(ctx, "https://ally.westlake.edu"); err != nil {
		t.Fatal(err)
	}
	d := draftTo(student, volunteer, field)
	d.ProposedTimes = []time.Time{now.Add(50 * time.Hour)}
	r, err := db.Store.SendRequest(ctx, set, d, nil, now)
	if err != nil {
		t.Fatal(err)
	}
	box, err := db.Store.Outbox(ctx, store.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	key, ok, err := db.Store.RequestLinkKeyIfMade(ctx)
	if err != nil || !ok {
		t.Fatalf("the link key: %v, %v", ok, err)
	}
	var claims []requestmail.Claim
	for _, m := range box {
		if m.Kind != "request.sent" || m.AccountID != volunteer {
			continue
		}
		for _, sub := range respondLink.FindAllStringSubmatch(m.Body, -1) {
			c, err := requestmail.Verify(key, sub[1], now)
			if err != nil {
				t.Fatalf("a link of the email does not verify: %v", err)
			}
			if c.RequestID == r.ID {
				claims = append(claims, c)
			}
		}
	}
	if len(claims) != 4 {
		t.Fatalf("the email's links to request %d: %d, want 4", r.ID, len(claims))
	}
	return r, claims
}

func TestARequestLinkActsOnceAsItsVolunteer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 1})
		r, claims := mailedClaims(t, db, set, sam, dana, "Urban planning")
		yes := claims[0]
		if yes.Action != requestmail.LinkAccept || yes.TimeIndex != 1 || !yes.Expires.Equal(set.ExpiresAt(r).Truncate(time.Second)) {
			t.Errorf("the first link: %+v, request expires %v", yes, set.ExpiresAt(r))
		}
		// Reading the page's facts writes nothing.
		if used, err := db.Store.RequestLinkUsed(ctx, yes.Nonce); err != nil || used {
			t.Fatalf("a fresh link used: %v, %v", used, err)
		}

		// A refused step leaves the link unused: Dana has used her one
		// conversation this month with another student, so the acceptance
		// is refused, and the link still works once she has room.
		tina := studentAccount(t, db, "tina@westlake.edu")
		other, err := db.Store.SendRequest(ctx, set, draftTo(tina, dana, "Transport"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, other.ID, dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now, MeetingAt: r.ProposedTimes[0]}); err != nil {
			t.Fatal(err)
		}
		at := now.Add(time.Hour)
		_, _, err = db.Store.StepRequestByLink(ctx, set, yes, center.Step{Action: center.ActAccept, At: at, MeetingAt: r.ProposedTimes[0]})
		if refusedBy(err) != center.RuleCapacity {
			t.Fatalf("accepting over capacity by link: %v", err)
		}
		if used, err := db.Store.RequestLinkUsed(ctx, yes.Nonce); err != nil || used {
			t.Fatalf("a refused link is used: %v, %v", used, err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, other.ID, dana, center.Step{Action: center.ActCancel, By: center.ActorVolunteer, At: at, Text: "Travelling"}); err != nil {
			t.Fatal(err)
		}

		got, _, err := db.Store.StepRequestByLink(ctx, set, yes, center.Step{Action: center.ActAccept, At: at, MeetingAt: r.ProposedTimes[0]})
		if err != nil {
			t.Fatal(err)
		}
		if got.State != center.StateAccepted || !got.MeetingAt.Equal(r.ProposedTimes[0]) {
			t.Errorf("after the link: %s at %v", got.State, got.MeetingAt)
		}
		// The same path as the web page: the student's space has the conversation.
		if convo, err := db.Store.RequestConversation(ctx, r.ID); err != nil || convo == 0 {
			t.Errorf("no conversation after the link's acceptance: %d, %v", convo, err)
		}
		if used, err := db.Store.RequestLinkUsed(ctx, yes.Nonce); err != nil || !used {
			t.Errorf("the link after acting: used %v, %v", used, err)
		}
		if _, _, err := db.Store.StepRequestByLink(ctx, set, yes, center.Step{Action: center.ActAccept, At: at}); !errors.Is(err, store.ErrLinkUsed) {
			t.Errorf("the link again: %v, want ErrLinkUsed", err)
		}
		// Another link of the same email finds the request answered.
		var se *center.StepError
		if _, _, err := db.Store.StepRequestByLink(ctx, set, claims[3], center.Step{Action: center.ActDecline, At: at,
			DeclineReason: center.DeclineNotMyField}); !errors.As(err, &se) {
			t.Errorf("declining an accepted request by link: %v", err)
		}
	})
}

// Of 32 uses of one link at once (a volunteer's double click, a mail
// scanner, two instances), exactly one acts.
func TestARequestLinkRaceActsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 3})
		r, claims := mailedClaims(t, db, set, sam, dana, "Urban planning")
		errs := race(func(i int) error {
			_, _, err := db.Store.StepRequestByLink(ctx, set, claims[0], center.Step{Action: center.ActAccept, At: now.Add(time.Hour), MeetingAt: r.ProposedTimes[0]})
			return err
		})
		oneWins(t, "accepting by one link", errs, store.ErrLinkUsed)
		box, err := db.Store.Outbox(ctx, store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		accepted := 0
		for _, m := range box {
			if m.Kind == "request.accepted" {
				accepted++
			}
		}
		if accepted != 1 {
			t.Errorf("acceptance emails: %d, want 1", accepted)
		}
	})
}

// A volunteer who unsubscribed gets no email about a new request (it
// waits in the app), only what concerns a conversation they agreed to;
// the student is told the volunteer answers in the app. One who takes a
// digest gets no email per request.
func TestMailPreferencesDecideTheRequestEmails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := mailRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 3})
		eve := volunteer(t, db, "eve@example.com", model.VolunteerProfile{DisplayName: "Eve Stone", MonthlyCapacity: 3})
		if p, err := db.Store.MailPrefs(ctx, dana); err != nil || p.Mode != model.MailImmediate || p.OptedOut() {
			t.Fatalf("a new account's mail: %+v, %v", p, err)
		}
		if err := db.Store.SetMailOptOut(ctx, dana, true, now); err != nil {
			t.Fatal(err)
		}
		if err := db.Store.SetMailOptOut(ctx, dana, true, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if p, err := db.Store.MailPrefs(ctx, dana); err != nil || !p.OptedOutAt.Equal(now) {
			t.Fatalf("after unsubscribing twice: %+v, %v", p, err)
		}
		if err := db.Store.SetMailMode(ctx, eve, model.MailDigest, now); err != nil {
			t.Fatal(err)
		}
		if err := db.Store.SetMailMode(ctx, eve, "weekly", now); model.AsErrors(err) == nil {
			t.Errorf("an unknown mode: %v", err)
		}
		d := draftTo(sam, dana, "Urban planning")
		d.ProposedTimes = []time.Time{now.Add(50 * time.Hour)}
		r, err := db.Store.SendRequest(ctx, set, d, nil, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.SendRequest(ctx, set, draftTo(sam, eve, "Transport"), nil, now); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, r.ID, dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(time.Hour), MeetingAt: r.ProposedTimes[0]}); err != nil {
			t.Fatal(err)
		}
		box, err := db.Store.Outbox(ctx, store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, m := range box {
			got[m.Kind+" "+m.To] = true
		}
		for _, k := range []string{"request.sent dana@example.com", "request.sent eve@example.com"} {
			if got[k] {
				t.Errorf("%s was queued", k)
			}
		}
		for _, k := range []string{"request.accepted sam@westlake.edu", "request.invitation dana@example.com"} {
			if !got[k] {
				t.Errorf("%s was not queued: %v", k, got)
			}
		}
		// Back on: the next request is emailed.
		if err := db.Store.SetMailOptOut(ctx, dana, false, now); err != nil {
			t.Fatal(err)
		}
		if p, err := db.Store.MailPrefs(ctx, dana); err != nil || p.OptedOut() {
			t.Fatalf("after re-subscribing: %+v, %v", p, err)
		}
		if err := db.Store.SetMailOptOut(ctx, 999999, true, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unsubscribing an unknown account: %v", err)
		}
		tina := studentAccount(t, db, "tina@westlake.edu")
		if _, err := db.Store.SendRequest(ctx, set, draftTo(tina, dana, "Urban planning"), nil, now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		box, _ = db.Store.Outbox(ctx, store.OutboxFilter{})
		n := 0
		for _, m := range box {
			if m.Kind == "request.sent" && m.To == "dana@example.com" && strings.Contains(m.Body, "/respond/") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("emails of new requests to Dana once back on: %d, want 1", n)
		}
	})
}

// A volunteer who takes a digest gets one email a day, the next morning
// in her zone, listing the requests that came since the last; of 32
// runners at once (several instances), one makes it.
func TestADailyDigestIsMadeOnceAMorning(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := mailRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		tina := studentAccount(t, db, "tina@westlake.edu")
		eve := volunteer(t, db, "eve@example.com", model.VolunteerProfile{DisplayName: "Eve Stone", MonthlyCapacity: 3})
		paris, _ := time.LoadLocation("Europe/Paris")
		sc := db.Store.For(eve)
		st, err := sc.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st.TimeZone = paris.String()
		if err := sc.SaveSettings(ctx, st); err != nil {
			t.Fatal(err)
		}
		if err := db.Store.SetMailMode(ctx, eve, model.MailDigest, now); err != nil {
			t.Fatal(err)
		}
		morning := requestmail.NextDigest(now, paris)
		if _, err := db.Store.SendRequest(ctx, set, draftTo(sam, eve, "Urban planning"), nil, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.SendRequest(ctx, set, draftTo(tina, eve, "Transport"), nil, now.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if ids, err := db.Store.DueDigests(ctx, morning.Add(-time.Second), 10); err != nil || len(ids) != 0 {
			t.Fatalf("due before the morning: %v, %v", ids, err)
		}
		ids, err := db.Store.DueDigests(ctx, morning, 10)
		if err != nil || len(ids) != 1 || ids[0] != eve {
			t.Fatalf("due in the morning: %v, %v", ids, err)
		}
		listed := make([]int, racers)
		errs := race(func(i int) error {
			n, err := db.Store.RunDigest(ctx, set, eve, morning.Add(time.Minute))
			listed[i] = n
			return err
		})
		made := 0
		for i, err := range errs {
			if err != nil {
				t.Fatalf("runner %d: %v", i, err)
			}
			switch listed[i] {
			case 0:
			case 2:
				made++
			default:
				t.Errorf("runner %d listed %d requests", i, listed[i])
			}
		}
		if made != 1 {
			t.Fatalf("digests made: %d, want 1", made)
		}
		digests := func() []model.OutboxMessage {
			box, err := db.Store.Outbox(ctx, store.OutboxFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var out []model.OutboxMessage
			for _, m := range box {
				if m.Kind == "request.digest" {
					out = append(out, m)
				} else if m.Kind == "request.sent" {
					t.Errorf("an email of its own for a request to a digest reader: %s", m.To)
				}
			}
			return out
		}
		ds := digests()
		if len(ds) != 1 || ds[0].To != "eve@example.com" || ds[0].Subject != "2 new requests for a conversation" ||
			strings.Count(ds[0].Body, "https://ally.westlake.edu/respond/") != 6 || !strings.Contains(ds[0].Body, "/unsubscribe/") {
			t.Fatalf("the digest: %+v", ds)
		}
		// Tomorrow morning nothing new came: no email, and the day passes.
		tomorrow := requestmail.NextDigest(morning.Add(time.Minute), paris)
		if n, err := db.Store.RunDigest(ctx, set, eve, tomorrow); err != nil || n != 0 {
			t.Fatalf("a day with nothing new: %d, %v", n, err)
		}
		if ids, err := db.Store.DueDigests(ctx, tomorrow, 10); err != nil || len(ids) != 0 {
			t.Fatalf("still due after the empty day: %v, %v", ids, err)
		}
		// A request the day after is in the next digest, alone.
		lee := studentAccount(t, db, "lee@westlake.edu")
		if _, err := db.Store.SendRequest(ctx, set, draftTo(lee, eve, "Housing"), nil, tomorrow.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		third := requestmail.NextDigest(tomorrow, paris)
		if n, err := db.Store.RunDigest(ctx, set, eve, third); err != nil || n != 1 {
			t.Fatalf("the third morning: %d, %v", n, err)
		}
		if ds = digests(); len(ds) != 2 {
			t.Fatalf("digests after three mornings: %d", len(ds))
		}
		// Unsubscribed: the mornings pass without email.
		if err := db.Store.SetMailOptOut(ctx, eve, true, third); err != nil {
			t.Fatal(err)
		}
		kim := studentAccount(t, db, "kim@westlake.edu")
		if _, err := db.Store.SendRequest(ctx, set, draftTo(kim, eve, "Housing"), nil, third.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n, err := db.Store.RunDigest(ctx, set, eve, requestmail.NextDigest(third, paris)); err != nil || n != 0 || len(digests()) != 2 {
			t.Errorf("a digest to an unsubscribed volunteer: %d, %v", n, err)
		}
	})
}

// Each request event is noted on its reader's agenda, emailed or not; a
// notice asking to act goes once the request moved on, the others stay
// until put away; a decline's notice carries volunteers to try next.
func TestRequestEventsAreNotedOnTheReadersAgenda(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 3, Fields: []string{"Urban planning"}})
		eve := volunteer(t, db, "eve@example.com", model.VolunteerProfile{DisplayName: "Eve Stone", MonthlyCapacity: 3, Fields: []string{"Urban planning"}})
		// Dana unsubscribed: no email, but the notice.
		if err := db.Store.SetMailOptOut(ctx, dana, true, now); err != nil {
			t.Fatal(err)
		}
		kinds := func(id int64) []string {
			ns, err := db.Store.Notices(ctx, id, 10)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, n := range ns {
				out = append(out, n.Kind)
			}
			return out
		}
		stamp0, err := db.Store.NoticesStamp(ctx, dana)
		if err != nil {
			t.Fatal(err)
		}
		r, err := db.Store.SendRequest(ctx, set, draftTo(sam, dana, "Urban planning"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		if got := kinds(dana); len(got) != 1 || got[0] != "sent" {
			t.Fatalf("Dana's notices after the request: %v", got)
		}
		if stamp, _ := db.Store.NoticesStamp(ctx, dana); stamp == stamp0 {
			t.Error("the stamp did not change with a new notice")
		}
		if _, _, err := db.Store.StepRequest(ctx, set, r.ID, dana, center.Step{Action: center.ActDecline, By: center.ActorVolunteer, At: now.Add(time.Hour),
			DeclineReason: center.DeclineNoTime}); err != nil {
			t.Fatal(err)
		}
		if got := kinds(dana); len(got) != 0 {
			t.Errorf("Dana's notices after she answered: %v", got)
		}
		ns, err := db.Store.Notices(ctx, sam, 10)
		if err != nil || len(ns) != 1 || ns[0].Kind != "declined" || ns[0].RequestID != r.ID || ns[0].Field != "Urban planning" {
			t.Fatalf("Sam's notices: %+v, %v", ns, err)
		}
		if len(ns[0].Suggestions) != 1 || ns[0].Suggestions[0].ID != eve || ns[0].Suggestions[0].Name != "Eve Stone" {
			t.Errorf("the decline's suggestions: %+v", ns[0].Suggestions)
		}
		if err := db.Store.DismissNotice(ctx, dana, ns[0].ID, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Dana putting away Sam's notice: %v", err)
		}
		if err := db.Store.DismissNotice(ctx, sam, ns[0].ID, now); err != nil {
			t.Fatal(err)
		}
		if got := kinds(sam); len(got) != 0 {
			t.Errorf("Sam's notices after putting it away: %v", got)
		}
	})
}

// An expired request shows the student up to five volunteers with room
// in its field, those with something in common first: not the one who
// did not answer, not one paused or with no room left, not one the
// student waits on, not one in another field.
func TestAnExpiredRequestSuggestsFiveWithRoomInTheField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := mailRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		if err := db.Store.SaveStudentProfile(ctx, &model.StudentProfile{AccountID: sam, Majors: []string{"Economics"}}, now); err != nil {
			t.Fatal(err)
		}
		planner := func(email, name string, p model.VolunteerProfile) int64 {
			p.DisplayName, p.Fields = name, []string{"Urban planning"}
			if p.MonthlyCapacity == 0 {
				p.MonthlyCapacity = 2
			}
			return volunteer(t, db, email, p)
		}
		dana := planner("dana@example.com", "Dana Brown", model.VolunteerProfile{})
		later := now.AddDate(0, 3, 0)
		planner("pat@example.com", "Pat Paused", model.VolunteerProfile{PausedUntil: &later})
		waited := planner("wes@example.com", "Wes Waited", model.VolunteerProfile{})
		var room []string
		for _, n := range []string{"Ann", "Bob", "Cy", "Di", "Ed", "Flo"} {
			planner(strings.ToLower(n)+"@example.com", n+" Plain", model.VolunteerProfile{})
			room = append(room, n+" Plain")
		}
		planner("zoe@example.com", "Zoe Shared", model.VolunteerProfile{Majors: []string{"Economics"}})
		volunteer(t, db, "lou@example.com", model.VolunteerProfile{DisplayName: "Lou Lawyer", Fields: []string{"Law"}, MonthlyCapacity: 2})
		// Fay's one conversation is in December, when the request expires.
		fay := planner("fay@example.com", "Fay Full", model.VolunteerProfile{MonthlyCapacity: 1})
		kim := studentAccount(t, db, "kim@westlake.edu")
		toFay, err := db.Store.SendRequest(ctx, set, draftTo(kim, fay, "Urban planning"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, toFay.ID, fay, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(time.Hour),
			MeetingAt: now.AddDate(0, 0, 20)}); err != nil {
			t.Fatal(err)
		}

		r, err := db.Store.SendRequest(ctx, set, draftTo(sam, dana, "Urban planning"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Store.SendRequest(ctx, set, draftTo(sam, waited, "Urban planning"), nil, now.AddDate(0, 0, 10)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.RunRequestJobs(ctx, set, r.ID, now.AddDate(0, 0, 15)); err != nil {
			t.Fatal(err)
		}
		ns, err := db.Store.Notices(ctx, sam, 10)
		if err != nil {
			t.Fatal(err)
		}
		var expired *model.Notice
		for i := range ns {
			if ns[i].Kind == "expired" && ns[i].RequestID == r.ID {
				expired = &ns[i]
			}
		}
		if expired == nil {
			t.Fatalf("no notice of the expiry: %+v", ns)
		}
		var names []string
		for _, s := range expired.Suggestions {
			names = append(names, s.Name)
		}
		if len(names) != 5 || names[0] != "Zoe Shared" || expired.Suggestions[0].Common == "" {
			t.Fatalf("the suggestions: %+v", expired.Suggestions)
		}
		for _, n := range names[1:] {
			if !slices.Contains(room, n) {
				t.Errorf("%s suggested: %v", n, names)
			}
		}
	})
}
