package outreach

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/mailer"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// KindLabel names a kind of message in plain words.
func KindLabel(k etiquette.Kind) string {
	switch k {
	case etiquette.FirstRequest:
		return "first request"
	case etiquette.FollowUp:
		return "follow-up"
	case etiquette.Confirm:
		return "confirmation"
	case etiquette.ThankYou:
		return "thank-you"
	case etiquette.ReportBack:
		return "report-back"
	case etiquette.KeepInTouch:
		return "keep-in-touch note"
	case etiquette.Feeler:
		return "feeler note"
	}
	return string(k)
}

// Effect is what sending a message does to the records.
type Effect struct {
	Step       model.State        // the lifecycle step to log; "" for none
	Activity   model.ActivityKind // the touch to log
	ToReferrer bool               // the message goes to the person's referrer (a report-back)
}

// Plan says what logging a sent message of this kind does to conversation
// c (nil for a person with no conversation):
//
//	first request  → requested             (email_sent, or call for a phone script)
//	follow-up      → followed_up           (email_sent or call)
//	confirmation   → confirmed             (email_sent or call)
//	thank-you      → thanked               (thank_you_sent)
//	report-back    → reported_back         (email_sent or call, with the referrer)
//	keep in touch  → keeping_in_touch when thanked or reported back; no step
//	                 when already keeping in touch or without a conversation
//	                 (update_sent, or article_shared when an article is shared)
//	feeler         → no step               (email_sent), only after a thank-you
//
// Whether the step is legal now is method.CheckStep's to say; Plan refuses
// only what no state allows.
func Plan(kind etiquette.Kind, c *model.Conversation, ch etiquette.Channel, article bool) (Effect, error) {
	sent := model.ActEmailSent
	if ch == etiquette.Phone {
		sent = model.ActCall
	}
	needConvo := func(e Effect) (Effect, error) {
		if c == nil {
			return e, model.Invalid("conversation_id", "a %s belongs to a conversation; give its id", KindLabel(kind))
		}
		return e, nil
	}
	after := func(states ...model.State) bool {
		return c == nil || slices.Contains(states, c.State)
	}
	switch kind {
	case etiquette.FirstRequest:
		return needConvo(Effect{Step: model.StateRequested, Activity: sent})
	case etiquette.FollowUp:
		return needConvo(Effect{Step: model.StateFollowedUp, Activity: sent})
	case etiquette.Confirm:
		return needConvo(Effect{Step: model.StateConfirmed, Activity: sent})
	case etiquette.ThankYou:
		return needConvo(Effect{Step: model.StateThanked, Activity: model.ActThankYouSent})
	case etiquette.ReportBack:
		return needConvo(Effect{Step: model.StateReportedBack, Activity: sent, ToReferrer: true})
	case etiquette.KeepInTouch:
		e := Effect{Activity: model.ActUpdateSent}
		if article {
			e.Activity = model.ActArticleShared
		}
		switch {
		case c == nil || c.State == model.StateKeepingInTouch:
		case c.State == model.StateThanked || c.State == model.StateReportedBack && method.TookSinceHeld(c, model.StateThanked):
			e.Step = model.StateKeepingInTouch
		default:
			return e, &method.StepError{From: c.State, To: model.StateKeepingInTouch,
				Reason: fmt.Sprintf("keeping in touch comes after the thank-you; conversation #%d is %s", c.ID, c.State.Label())}
		}
		return e, nil
	case etiquette.Feeler:
		if !after(model.StateThanked, model.StateReportedBack, model.StateKeepingInTouch) {
			return Effect{}, &method.StepError{From: c.State, Reason: fmt.Sprintf("a feeler note comes much later, after a conversation was held and thanked; conversation #%d is %s", c.ID, c.State.Label())}
		}
		return Effect{Activity: model.ActEmailSent}, nil
	}
	return Effect{}, model.Invalid("kind", "%q is not a kind of message", kind)
}

// Sent is a message the user sent, to log.
type Sent struct {
	Target
	Kind       etiquette.Kind
	Channel    etiquette.Channel // zero: email
	At         time.Time         // when it was sent; zero: now
	TemplateID string
	Recipient  string // the address it went to
	Subject    string
	Body       string
	Article    bool   // a keep-in-touch note that shares an article
	Note       string // a note for the step and the activity; zero: one is written
	Via        string // store.ViaManual (zero) or store.ViaSMTP
}

// SentResult is what logging a sent message recorded.
type SentResult struct {
	Conversation *model.Conversation `json:"conversation,omitempty"` // after the step
	Step         model.State         `json:"step,omitempty"`         // the step logged; "" when none
	Activity     *model.Activity     `json:"activity"`
	Message      *store.Message      `json:"message"`
}

// MarkSent logs a sent message in one transaction: the lifecycle step
// (Plan), the activity with the person (or the referrer, for a report-back)
// and the message itself. An illegal step returns a *method.StepError and
// changes nothing.
func MarkSent(ctx context.Context, sc *store.Scope, s Sent, now time.Time) (*SentResult, error) {
	if s.At.IsZero() {
		s.At = now
	}
	if s.Channel == "" {
		s.Channel = etiquette.Email
	}
	if _, err := etiquette.ParseKind(string(s.Kind)); err != nil || s.Kind == "" {
		return nil, model.Invalid("kind", "%q is not a kind of message (want one of first_request, follow_up, confirm, thank_you, report_back, keep_in_touch, feeler)", s.Kind)
	}
	if _, err := etiquette.ParseChannel(string(s.Channel)); err != nil {
		return nil, model.Invalid("channel", "%v", err)
	}
	res := &SentResult{}
	err := sc.InTx(ctx, func(tx *store.Scope) error {
		c, p, eff, err := plan(ctx, tx, s, now)
		if err != nil {
			return err
		}
		note := s.Note
		if note == "" {
			note = sentNote(s, p, eff)
		}
		var eventID int64
		if eff.Step != "" {
			if c, err = tx.Step(ctx, c.ID, method.Step{To: eff.Step, At: s.At}, note, now); err != nil {
				return err
			}
			eventID = c.Events[len(c.Events)-1].ID
			res.Step = eff.Step
		}
		res.Conversation = c
		to := model.Ref{ID: p.ID, Name: p.Name}
		act := &model.Activity{Person: to, Kind: eff.Activity, At: s.At, Note: note}
		if eff.ToReferrer {
			if p.ReferredBy == nil {
				return model.Invalid("kind", "%s has no referrer to report back to", p.Name)
			}
			to = *p.ReferredBy
			act.Person = to
		} else if c != nil {
			act.ConversationID = c.ID
		}
		if err := tx.AddActivity(ctx, act, now); err != nil {
			return err
		}
		res.Activity = act
		m := &store.Message{Person: to, EventID: eventID, ActivityID: act.ID, Kind: s.Kind, Channel: s.Channel,
			TemplateID: s.TemplateID, Recipient: s.Recipient, Subject: s.Subject, Body: s.Body, Via: s.Via, SentAt: s.At}
		if c != nil {
			m.ConversationID = c.ID
		}
		if err := tx.AddMessage(ctx, m, now); err != nil {
			return err
		}
		res.Message = m
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// plan reads the conversation and person of a sent message and checks the
// step it would log against the lifecycle, without writing.
func plan(ctx context.Context, sc *store.Scope, s Sent, now time.Time) (*model.Conversation, *model.Person, Effect, error) {
	var c *model.Conversation
	var err error
	pid := s.PersonID
	if s.ConversationID != 0 {
		if c, err = sc.Conversation(ctx, s.ConversationID); err != nil {
			return nil, nil, Effect{}, err
		}
		if pid != 0 && pid != c.Person.ID {
			return nil, nil, Effect{}, model.Invalid("conversation_id", "conversation #%d is with %s, not with person %d", c.ID, c.Person.Name, pid)
		}
		pid = c.Person.ID
	}
	if pid == 0 {
		return nil, nil, Effect{}, model.Invalid("conversation_id", "say which conversation (or person) the message was for")
	}
	p, err := sc.Person(ctx, pid)
	if err != nil {
		return nil, nil, Effect{}, err
	}
	eff, err := Plan(s.Kind, c, s.Channel, s.Article)
	if err != nil {
		return nil, nil, Effect{}, err
	}
	if eff.ToReferrer && p.ReferredBy == nil {
		return nil, nil, Effect{}, model.Invalid("kind", "%s has no referrer to report back to", p.Name)
	}
	if eff.Step != "" {
		if err := method.CheckStep(c, method.Step{To: eff.Step, At: s.At}, now); err != nil {
			return nil, nil, Effect{}, err
		}
	}
	return c, p, eff, nil
}

func sentNote(s Sent, p *model.Person, eff Effect) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Sent a %s by %s", KindLabel(s.Kind), s.Channel)
	if s.Channel == etiquette.Phone {
		b.Reset()
		fmt.Fprintf(&b, "Called with a %s", KindLabel(s.Kind))
	}
	if eff.ToReferrer {
		fmt.Fprintf(&b, " about the conversation with %s", p.Name)
	}
	if s.Subject != "" {
		fmt.Fprintf(&b, ": %s", s.Subject)
	}
	return b.String()
}

// FindingsError refuses to send a message the checker finds an error in
// (asking for a job, offering a resume).
type FindingsError struct{ Findings []etiquette.Finding }

func (e *FindingsError) Error() string {
	var msgs []string
	for _, f := range e.Findings {
		if f.Severity == etiquette.Error {
			msgs = append(msgs, f.Rule+": "+f.Message)
		}
	}
	return "not sent: " + strings.Join(msgs, "; ")
}

// ErrNotLogged wraps the error of a message that went out but could not be
// logged afterwards: the user should log it by hand.
var ErrNotLogged = errors.New("the message was sent but not logged")

// Send sends an email through sender and then logs it as MarkSent does.
// It refuses before sending when the step would be illegal, when the
// person has no email address, or when the checker finds an error-level
// problem in the text (a *FindingsError). The message goes to the
// recipient's first address unless s.Recipient names one.
func Send(ctx context.Context, sc *store.Scope, sender mailer.Sender, s Sent, now time.Time) (*SentResult, error) {
	if s.At.IsZero() {
		s.At = now
	}
	if s.Channel == "" {
		s.Channel = etiquette.Email
	}
	if s.Channel != etiquette.Email {
		return nil, model.Invalid("channel", "only email can be sent by Ally; send a %s yourself and mark it as sent", s.Channel)
	}
	f, err := LoadFacts(ctx, sc, s.Target)
	if err != nil {
		return nil, err
	}
	_, p, eff, err := plan(ctx, sc, s, now)
	if err != nil {
		return nil, err
	}
	to := p
	if eff.ToReferrer {
		to = f.Referrer
	}
	if s.Recipient == "" {
		if to == nil || len(to.Emails) == 0 {
			return nil, model.Invalid("recipient", "%s has no email address on file", p.Name)
		}
		s.Recipient = to.Emails[0]
	}
	kind := s.Kind
	if kind == etiquette.Feeler && !f.FeelerGate(now).OK {
		kind = etiquette.KeepInTouch // too soon: its resume and job lines are flagged as in any other note
	}
	fs := etiquette.Check(MessageText(s.Channel, s.Subject, s.Body), CheckContext(f, kind, s.Channel))
	if etiquette.HasErrors(fs) {
		return nil, &FindingsError{Findings: fs}
	}
	if err := sender.Send(ctx, mailer.Message{To: []string{s.Recipient}, Subject: s.Subject, Body: s.Body, Date: s.At}); err != nil {
		return nil, err
	}
	s.Via = store.ViaSMTP
	res, err := MarkSent(ctx, sc, s, now)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotLogged, err)
	}
	return res, nil
}
