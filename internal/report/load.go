package report

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// Load gathers a field's report input from the store: its held
// conversations with their people, quick notes and captures, and the people
// those professionals referred the user to, with the state of the user's
// latest conversation with each. Dates are shown in loc.
func Load(ctx context.Context, sc *store.Scope, fieldID int64, asOf time.Time, loc *time.Location) (Input, error) {
	in := Input{AsOf: asOf, Location: loc}
	f, err := sc.Field(ctx, fieldID)
	if err != nil {
		return in, err
	}
	in.Field = *f
	held, err := sc.Conversations(ctx, store.ConversationFilter{FieldID: fieldID, States: []model.State{
		model.StateHeld, model.StateThanked, model.StateReportedBack, model.StateKeepingInTouch}})
	if err != nil {
		return in, fmt.Errorf("field report: %w", err)
	}
	people := map[int64]*model.Person{}
	person := func(id int64) (*model.Person, error) {
		if p, ok := people[id]; ok {
			return p, nil
		}
		p, err := sc.Person(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("field report: %w", err)
		}
		people[id] = p
		return p, nil
	}
	var referrers []model.Ref
	for _, c := range held {
		p, err := person(c.Person.ID)
		if err != nil {
			return in, err
		}
		rc := Conversation{Conversation: c, Role: p.Role}
		if p.Organization != nil {
			rc.Organization = p.Organization.Name
		}
		in.Conversations = append(in.Conversations, rc)
		if !slices.ContainsFunc(referrers, func(r model.Ref) bool { return r.ID == p.ID }) {
			referrers = append(referrers, model.Ref{ID: p.ID, Name: p.Name})
		}
	}
	if in.QuestionNotes, err = sc.QuestionNotes(ctx, store.QuestionNoteFilter{FieldID: fieldID}); err != nil {
		return in, fmt.Errorf("field report: %w", err)
	}
	if in.Captures, err = sc.Captures(ctx, store.CaptureFilter{FieldID: fieldID}); err != nil {
		return in, fmt.Errorf("field report: %w", err)
	}
	for _, by := range referrers {
		refs, err := sc.Referrals(ctx, by.ID)
		if err != nil {
			return in, fmt.Errorf("field report: referrals of %s: %w", by.Name, err)
		}
		for _, ref := range refs {
			p, err := person(ref.ID)
			if err != nil {
				return in, err
			}
			r := Referral{Person: ref, By: by}
			if p.Organization != nil {
				r.Organization = p.Organization.Name
			}
			// Conversations come most recently changed first.
			convos, err := sc.Conversations(ctx, store.ConversationFilter{PersonID: ref.ID, Limit: 1})
			if err != nil {
				return in, fmt.Errorf("field report: conversations with %s: %w", ref.Name, err)
			}
			if len(convos) > 0 {
				r.State = convos[0].State
			}
			in.Referrals = append(in.Referrals, r)
		}
	}
	return in, nil
}
