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
	// A bounded number of queries, however many conversations and
	// referrals: the people of the conversations, then everyone they
	// referred with the state of the latest conversation with each.
	ids := make([]int64, 0, len(held))
	for _, c := range held {
		ids = append(ids, c.Person.ID)
	}
	people, err := sc.PeopleByID(ctx, ids)
	if err != nil {
		return in, fmt.Errorf("field report: %w", err)
	}
	var referrers []int64
	for _, c := range held {
		p, ok := people[c.Person.ID]
		if !ok {
			return in, fmt.Errorf("field report: %w", &store.NotFoundError{Kind: "person", Key: fmt.Sprint(c.Person.ID)})
		}
		rc := Conversation{Conversation: c, Role: p.Role}
		if p.Organization != nil {
			rc.Organization = p.Organization.Name
		}
		in.Conversations = append(in.Conversations, rc)
		if !slices.Contains(referrers, p.ID) {
			referrers = append(referrers, p.ID)
		}
	}
	if in.QuestionNotes, err = sc.QuestionNotes(ctx, store.QuestionNoteFilter{FieldID: fieldID}); err != nil {
		return in, fmt.Errorf("field report: %w", err)
	}
	if in.Captures, err = sc.Captures(ctx, store.CaptureFilter{FieldID: fieldID}); err != nil {
		return in, fmt.Errorf("field report: %w", err)
	}
	leads, err := sc.ReferralsBy(ctx, referrers)
	if err != nil {
		return in, fmt.Errorf("field report: %w", err)
	}
	for _, l := range leads {
		in.Referrals = append(in.Referrals, Referral{Person: l.Person, By: l.By, Organization: l.Organization, State: l.State})
	}
	return in, nil
}
