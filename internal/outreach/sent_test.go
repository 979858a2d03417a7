package outreach_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/mailer"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestPlanMapsEveryKindToItsStepAndActivity(t *testing.T) {
	convo := func(s model.State) *model.Conversation { return &model.Conversation{ID: 3, State: s} }
	tests := []struct {
		kind    etiquette.Kind
		c       *model.Conversation
		ch      etiquette.Channel
		article bool
		want    outreach.Effect
		err     bool
	}{
		{etiquette.FirstRequest, convo(model.StateIdea), etiquette.Email, false, outreach.Effect{Step: model.StateRequested, Activity: model.ActEmailSent}, false},
		{etiquette.FirstRequest, convo(model.StateIdea), etiquette.Phone, false, outreach.Effect{Step: model.StateRequested, Activity: model.ActCall}, false},
		{etiquette.FirstRequest, nil, etiquette.Email, false, outreach.Effect{Step: model.StateRequested, Activity: model.ActEmailSent}, true},
		{etiquette.FollowUp, convo(model.StateRequested), etiquette.Email, false, outreach.Effect{Step: model.StateFollowedUp, Activity: model.ActEmailSent}, false},
		{etiquette.Confirm, convo(model.StateScheduled), etiquette.Email, false, outreach.Effect{Step: model.StateConfirmed, Activity: model.ActEmailSent}, false},
		{etiquette.ThankYou, convo(model.StateHeld), etiquette.Letter, false, outreach.Effect{Step: model.StateThanked, Activity: model.ActThankYouSent}, false},
		{etiquette.ReportBack, convo(model.StateThanked), etiquette.Email, false, outreach.Effect{Step: model.StateReportedBack, Activity: model.ActEmailSent, ToReferrer: true}, false},
		{etiquette.KeepInTouch, convo(model.StateThanked), etiquette.Email, false, outreach.Effect{Step: model.StateKeepingInTouch, Activity: model.ActUpdateSent}, false},
		{etiquette.KeepInTouch, convo(model.StateReportedBack), etiquette.Email, true, outreach.Effect{Step: model.StateKeepingInTouch, Activity: model.ActArticleShared}, false},
		{etiquette.KeepInTouch, convo(model.StateKeepingInTouch), etiquette.Email, false, outreach.Effect{Activity: model.ActUpdateSent}, false},
		{etiquette.KeepInTouch, nil, etiquette.Social, true, outreach.Effect{Activity: model.ActArticleShared}, false},
		{etiquette.KeepInTouch, convo(model.StateRequested), etiquette.Email, false, outreach.Effect{Activity: model.ActUpdateSent}, true},
		{etiquette.Feeler, convo(model.StateKeepingInTouch), etiquette.Email, false, outreach.Effect{Activity: model.ActEmailSent}, false},
		{etiquette.Feeler, convo(model.StateScheduled), etiquette.Email, false, outreach.Effect{}, true},
		{"job_application", convo(model.StateIdea), etiquette.Email, false, outreach.Effect{}, true},
	}
	for _, tc := range tests {
		got, err := outreach.Plan(tc.kind, tc.c, tc.ch, tc.article)
		if (err != nil) != tc.err || err == nil && got != tc.want {
			t.Errorf("Plan(%s, %v, %s): %+v, %v; want %+v (error %v)", tc.kind, tc.c, tc.ch, got, err, tc.want, tc.err)
		}
	}
}

// journey sets up a person referred by another, with a conversation.
func journey(t *testing.T, sc *store.Scope) (referrer, person *model.Person, convoID int64) {
	t.Helper()
	ctx := context.Background()
	referrer = &model.Person{Name: "Elena Vasquez", Emails: []string{"elena@example.org"}}
	if err := sc.CreatePerson(ctx, referrer, now.Add(-100*time.Hour)); err != nil {
		t.Fatal(err)
	}
	person = &model.Person{Name: "Marcus Okafor", Emails: []string{"mokafor@example.com"}, ReferredBy: &model.Ref{ID: referrer.ID}, NamePermission: model.NameYes}
	if err := sc.CreatePerson(ctx, person, now.Add(-100*time.Hour)); err != nil {
		t.Fatal(err)
	}
	c := &model.Conversation{Person: model.Ref{ID: person.ID}}
	if err := sc.CreateConversation(ctx, c, now.Add(-100*time.Hour)); err != nil {
		t.Fatal(err)
	}
	return referrer, person, c.ID
}

func TestMarkSentLogsAndMovesTheLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		referrer, person, cid := journey(t, sc)
		at := now.Add(-90 * time.Hour)
		next := func() time.Time { at = at.Add(time.Hour); return at }
		mark := func(kind etiquette.Kind, ch etiquette.Channel, article bool) (*outreach.SentResult, error) {
			return outreach.MarkSent(ctx, sc, outreach.Sent{Target: outreach.Target{ConversationID: cid}, Kind: kind, Channel: ch,
				At: next(), Subject: "S " + string(kind), Body: "B", TemplateID: "t", Article: article}, now)
		}
		steps := []struct {
			kind     etiquette.Kind
			ch       etiquette.Channel
			article  bool
			state    model.State
			activity model.ActivityKind
			with     int64 // whom the activity is with
		}{
			{etiquette.FirstRequest, etiquette.Email, false, model.StateRequested, model.ActEmailSent, person.ID},
			{etiquette.FollowUp, etiquette.Phone, false, model.StateFollowedUp, model.ActCall, person.ID},
			{"", "", false, model.StateScheduled, "", 0}, // logged by hand
			{etiquette.Confirm, etiquette.Email, false, model.StateConfirmed, model.ActEmailSent, person.ID},
			{"", "", false, model.StateHeld, "", 0},
			{etiquette.ThankYou, etiquette.Letter, false, model.StateThanked, model.ActThankYouSent, person.ID},
			{etiquette.ReportBack, etiquette.Email, false, model.StateReportedBack, model.ActEmailSent, referrer.ID},
			{etiquette.KeepInTouch, etiquette.Email, false, model.StateKeepingInTouch, model.ActUpdateSent, person.ID},
			{etiquette.KeepInTouch, etiquette.Social, true, model.StateKeepingInTouch, model.ActArticleShared, person.ID},
			{etiquette.Feeler, etiquette.Email, false, model.StateKeepingInTouch, model.ActEmailSent, person.ID},
		}
		for _, st := range steps {
			if st.kind == "" {
				s := method.Step{To: st.state, At: next()}
				if st.state == model.StateScheduled {
					s.MeetingAt = at.Add(48 * time.Hour)
				}
				if _, err := sc.Step(ctx, cid, s, "", now); err != nil {
					t.Fatal(err)
				}
				continue
			}
			res, err := mark(st.kind, st.ch, st.article)
			if err != nil {
				t.Fatalf("%s: %v", st.kind, err)
			}
			if res.Conversation.State != st.state || res.Activity.Kind != st.activity || res.Activity.Person.ID != st.with ||
				!res.Activity.At.Equal(at) || res.Message.ID == 0 || res.Message.Person.ID != st.with || res.Message.ConversationID != cid {
				t.Errorf("%s: state %s, activity %+v, message %+v", st.kind, res.Conversation.State, res.Activity, res.Message)
			}
			if (res.Step != "") != (res.Message.EventID != 0) {
				t.Errorf("%s: step %q but event %d", st.kind, res.Step, res.Message.EventID)
			}
			if st.with == referrer.ID && res.Activity.ConversationID != 0 {
				t.Errorf("the report-back activity is filed under the interviewee's conversation")
			}
		}
		msgs, err := sc.Messages(ctx, store.MessageFilter{ConversationID: cid})
		if err != nil || len(msgs) != 8 {
			t.Fatalf("%d messages logged (%v)", len(msgs), err)
		}
		if m := msgs[len(msgs)-1]; m.Kind != etiquette.FirstRequest || m.Subject != "S first_request" || m.Via != store.ViaManual || m.TemplateID != "t" {
			t.Errorf("first message read back: %+v", m)
		}
		acts, _ := sc.Activities(ctx, store.ActivityFilter{PersonID: referrer.ID})
		if len(acts) != 1 || !strings.Contains(acts[0].Note, "about the conversation with Marcus Okafor") {
			t.Errorf("referrer's activities: %+v", acts)
		}
		// The timeline shows each message once: the step it moved the
		// conversation to, carrying the activity (to delete it); a message
		// that moves no step (an article shared) stays an activity.
		tl, err := sc.Timeline(ctx, person.ID)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		nSteps, withActivity := 0, 0
		for _, it := range tl {
			if seen[it.At.UnixNano()] {
				t.Errorf("two timeline items at %s: %+v", it.At, tl)
			}
			seen[it.At.UnixNano()] = true
			if it.Kind == "step" {
				nSteps++
				if it.ActivityID != 0 {
					withActivity++
				}
			}
		}
		// 8 steps; 5 came from a message to the person (first request,
		// follow-up call, confirmation, thank-you, update); the article and
		// the feeler move no step and stay activities; the report-back's
		// activity is the referrer's.
		if nSteps != 8 || withActivity != 5 || len(tl) != 10 {
			t.Errorf("timeline: %d items, %d steps, %d with their activity: %+v", len(tl), nSteps, withActivity, tl)
		}
	})
}

func TestMarkSentRefusesAnIllegalStepAndChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		_, person, cid := journey(t, sc)
		tests := []struct {
			name string
			s    outreach.Sent
		}{
			{"a thank-you before the meeting", outreach.Sent{Target: outreach.Target{ConversationID: cid}, Kind: etiquette.ThankYou}},
			{"a follow-up before the request", outreach.Sent{Target: outreach.Target{ConversationID: cid}, Kind: etiquette.FollowUp}},
			{"keeping in touch before meeting", outreach.Sent{Target: outreach.Target{ConversationID: cid}, Kind: etiquette.KeepInTouch}},
			{"a request sent in the future", outreach.Sent{Target: outreach.Target{ConversationID: cid}, Kind: etiquette.FirstRequest, At: now.Add(time.Hour)}},
		}
		for _, tc := range tests {
			_, err := outreach.MarkSent(ctx, sc, tc.s, now)
			var se *method.StepError
			if !errors.As(err, &se) {
				t.Errorf("%s: %v, want a StepError", tc.name, err)
			}
		}
		for _, bad := range []outreach.Sent{
			{Target: outreach.Target{PersonID: person.ID}, Kind: etiquette.FirstRequest}, // a request needs its conversation
			{Target: outreach.Target{ConversationID: cid}, Kind: "job_application"},
			{Target: outreach.Target{ConversationID: cid}, Kind: etiquette.FirstRequest, Channel: "fax"},
			{Target: outreach.Target{ConversationID: cid, PersonID: person.ID + 99}, Kind: etiquette.FirstRequest},
		} {
			if _, err := outreach.MarkSent(ctx, sc, bad, now); err == nil {
				t.Errorf("%+v accepted", bad)
			}
		}
		c, _ := sc.Conversation(ctx, cid)
		acts, _ := sc.Activities(ctx, store.ActivityFilter{})
		msgs, _ := sc.Messages(ctx, store.MessageFilter{})
		if c.State != model.StateIdea || len(c.Events) != 0 || len(acts) != 0 || len(msgs) != 0 {
			t.Errorf("refused sends left state %s, %d events, %d activities, %d messages", c.State, len(c.Events), len(acts), len(msgs))
		}
		// Without a conversation, keeping in touch is an activity alone.
		res, err := outreach.MarkSent(ctx, sc, outreach.Sent{Target: outreach.Target{PersonID: person.ID}, Kind: etiquette.KeepInTouch, Article: true}, now)
		if err != nil || res.Step != "" || res.Conversation != nil || res.Activity.Kind != model.ActArticleShared {
			t.Errorf("person-level keep in touch: %+v, %v", res, err)
		}
	})
}

func TestSendMailsThenLogs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		withProfile(t, sc)
		_, _, cid := journey(t, sc)
		d, err := outreach.Prepare(ctx, sc, outreach.Target{ConversationID: cid}, outreach.Request{})
		if err != nil {
			t.Fatal(err)
		}
		var out mailer.Memory
		s := outreach.Sent{Target: outreach.Target{ConversationID: cid}, Kind: d.Kind, Channel: d.Channel, TemplateID: d.TemplateID, Subject: d.Subject, Body: d.Body}

		// A message that asks for a job is not sent.
		jobAsk := s
		jobAsk.Body += "\n\nP.S. If you have any openings on your team, I would love to be considered."
		var fe *outreach.FindingsError
		if _, err := outreach.Send(ctx, sc, &out, jobAsk, now); !errors.As(err, &fe) || !strings.Contains(err.Error(), "job_ask") {
			t.Errorf("job ask: %v", err)
		}
		// An illegal step is refused before anything leaves.
		early := s
		early.Kind = etiquette.ThankYou
		var se *method.StepError
		if _, err := outreach.Send(ctx, sc, &out, early, now); !errors.As(err, &se) {
			t.Errorf("thank-you before the meeting: %v", err)
		}
		// A failing server logs nothing.
		out.Err = errors.New("connection refused")
		if _, err := outreach.Send(ctx, sc, &out, s, now); err == nil || !strings.Contains(err.Error(), "connection refused") {
			t.Errorf("server down: %v", err)
		}
		if n := len(out.Sent()); n != 0 {
			t.Fatalf("%d messages left", n)
		}
		if msgs, _ := sc.Messages(ctx, store.MessageFilter{}); len(msgs) != 0 {
			t.Fatalf("a failed send was logged: %+v", msgs)
		}

		out.Err = nil
		res, err := outreach.Send(ctx, sc, &out, s, now)
		if err != nil {
			t.Fatal(err)
		}
		sent := out.Sent()
		if len(sent) != 1 || sent[0].To[0] != "mokafor@example.com" || sent[0].Subject != "Elena Vasquez suggested I contact you" || !sent[0].Date.Equal(now) {
			t.Errorf("sent %+v", sent)
		}
		if res.Step != model.StateRequested || res.Message.Via != store.ViaSMTP || res.Message.Recipient != "mokafor@example.com" {
			t.Errorf("logged %+v / %+v", res.Step, res.Message)
		}

		// No address, no sending.
		nobody := &model.Person{Name: "Keisha Robinson"}
		if err := sc.CreatePerson(ctx, nobody, now); err != nil {
			t.Fatal(err)
		}
		c := &model.Conversation{Person: model.Ref{ID: nobody.ID}}
		if err := sc.CreateConversation(ctx, c, now); err != nil {
			t.Fatal(err)
		}
		s.ConversationID = c.ID
		if _, err := outreach.Send(ctx, sc, &out, s, now); model.AsErrors(err).For("recipient") == "" {
			t.Errorf("no address: %v", err)
		}
	})
}
