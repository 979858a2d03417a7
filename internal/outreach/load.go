package outreach

import (
	"context"
	"fmt"
	"slices"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/store"
)

// Target names what a message is about: a conversation, or a person (whose
// most recent conversation, if any, sets the stage). Give either or both.
type Target struct {
	PersonID       int64
	ConversationID int64
}

// LoadFacts reads what Compose needs for a target.
func LoadFacts(ctx context.Context, sc *store.Scope, t Target) (Facts, error) {
	var f Facts
	var err error
	switch {
	case t.ConversationID != 0:
		if f.Conversation, err = sc.Conversation(ctx, t.ConversationID); err != nil {
			return f, err
		}
		if t.PersonID != 0 && t.PersonID != f.Conversation.Person.ID {
			return f, fmt.Errorf("conversation #%d is with %s, not with person %d", t.ConversationID, f.Conversation.Person.Name, t.PersonID)
		}
		t.PersonID = f.Conversation.Person.ID
	case t.PersonID != 0:
		cs, err := sc.Conversations(ctx, store.ConversationFilter{PersonID: t.PersonID, Limit: 1})
		if err != nil {
			return f, err
		}
		if len(cs) > 0 {
			f.Conversation = cs[0]
		}
	default:
		return f, fmt.Errorf("no person or conversation to write about")
	}
	if f.Person, err = sc.Person(ctx, t.PersonID); err != nil {
		return f, err
	}
	if f.Person.ReferredBy != nil {
		if f.Referrer, err = sc.Person(ctx, f.Person.ReferredBy.ID); err != nil {
			return f, fmt.Errorf("read referrer: %w", err)
		}
	}
	if f.Settings, err = sc.Settings(ctx); err != nil {
		return f, err
	}
	if f.Templates, err = sc.Templates(ctx); err != nil {
		return f, err
	}
	pursued, err := sc.PursuedFieldIDs(ctx)
	if err != nil {
		return f, fmt.Errorf("read pursued fields: %w", err)
	}
	filed := f.Person.Fields
	if f.Conversation != nil && len(f.Conversation.Fields) > 0 {
		filed = f.Conversation.Fields
	}
	for _, r := range filed {
		f.Pursuing = f.Pursuing || slices.Contains(pursued, r.ID)
	}
	return f, nil
}

// Prepare loads the facts for a target and composes the draft for the
// request: what `ally draft` prints and the composer opens with.
func Prepare(ctx context.Context, sc *store.Scope, t Target, r Request) (*Draft, error) {
	f, err := LoadFacts(ctx, sc, t)
	if err != nil {
		return nil, err
	}
	return Compose(f, r)
}

// Check runs the etiquette checker on a message the user is writing for a
// target, with what Ally knows of the person (referrer, commonality,
// minutes): the composer calls it as the user types. kind and channel
// may be zero (first request, email).
func Check(ctx context.Context, sc *store.Scope, t Target, kind etiquette.Kind, ch etiquette.Channel, text string) ([]etiquette.Finding, error) {
	f, err := LoadFacts(ctx, sc, t)
	if err != nil {
		return nil, err
	}
	return etiquette.Check(text, CheckContext(f, kind, ch)), nil
}

// CheckContext is what the checker knows of a message of this kind and
// channel for the facts' person.
func CheckContext(f Facts, kind etiquette.Kind, ch etiquette.Channel) etiquette.Context {
	d := DataFor(f, Request{})
	c := etiquette.Context{Channel: ch, Kind: kind, ReferrerName: d.ReferrerName, Commonality: d.Commonality, Minutes: d.Minutes}
	c.ContactName = d.PersonName
	if kind == etiquette.ReportBack {
		c.ContactName = d.ReferrerName
	} else if f.Person != nil && !MayNameReferrer(f.Person) {
		// A referrer who may not be named is no missing mention.
		c.ReferrerName = ""
	}
	return c
}
