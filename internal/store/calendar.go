package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// interopKeys is an owner's row of interop_keys: the key UIDs are derived
// from, and how far a restore moved the ids they are derived from.
type interopKeys struct {
	uidKey                  string
	personShift, convoShift int64
}

// keys returns the owner's interop keys, making them on first use.
func (sc *Scope) keys(ctx context.Context) (interopKeys, error) {
	var k interopKeys
	read := func(q queryer) error {
		return q.QueryRowContext(ctx, `SELECT uid_key, person_uid_shift, conversation_uid_shift FROM interop_keys
			WHERE owner_id = $1`, sc.owner).Scan(&k.uidKey, &k.personShift, &k.convoShift)
	}
	err := read(sc.r)
	if err == nil {
		return k, nil
	}
	if !isNoRows(err) {
		return k, fmt.Errorf("read interop keys: %w", err)
	}
	if _, err := sc.w.ExecContext(ctx, `INSERT INTO interop_keys (owner_id, uid_key) VALUES ($1, $2)
		ON CONFLICT (owner_id) DO NOTHING`, sc.owner, randomToken()); err != nil {
		return k, fmt.Errorf("make interop keys: %w", err)
	}
	if err := read(sc.w); err != nil {
		return k, fmt.Errorf("read interop keys: %w", err)
	}
	return k, nil
}

// randomToken is 256 random bits in URL-safe base64 (43 characters).
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand documents it)
	return base64.RawURLEncoding.EncodeToString(b)
}

// uid derives a stable "urn:uuid:" UID for a record from the owner's key:
// the same record gets the same UID in every export and feed refresh, and
// nobody can tell from it how many records the owner has. The UUID is
// version 8 (RFC 9562's custom kind), made of an HMAC-SHA-256.
func (k interopKeys) uid(kind, key string) string {
	mac := hmac.New(sha256.New, []byte(k.uidKey))
	mac.Write([]byte(kind + " " + key))
	b := mac.Sum(nil)[:16]
	b[6] = b[6]&0x0f | 0x80
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return "urn:uuid:" + h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func (k interopKeys) personUID(id int64) string {
	return k.uid("person", strconv.FormatInt(id-k.personShift, 10))
}

func (k interopKeys) convoUID(id int64) string {
	return k.uid("conversation", strconv.FormatInt(id-k.convoShift, 10))
}

func (k interopKeys) actionUID(actionID string) string { return k.uid("action", actionID) }

// CalendarFeed is an owner's private calendar subscription.
type CalendarFeed struct {
	// Secret is the last part of the feed's address, /calendar/{Secret}.ics.
	Secret    string    `json:"secret"`
	CreatedAt time.Time `json:"created_at"`
}

// CalendarFeed returns the owner's feed, or nil when there is none.
func (sc *Scope) CalendarFeed(ctx context.Context) (*CalendarFeed, error) {
	var secret sql.NullString
	var created nullTime
	err := sc.r.QueryRowContext(ctx, `SELECT feed_secret, feed_created_at FROM interop_keys WHERE owner_id = $1`, sc.owner).Scan(&secret, &created)
	if isNoRows(err) || (err == nil && !secret.Valid) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read calendar feed: %w", err)
	}
	return &CalendarFeed{Secret: secret.String, CreatedAt: created.Time}, nil
}

// NewCalendarFeed makes a new secret feed address. A previous address
// stops working: that is how a user who shared it by mistake takes it back.
func (sc *Scope) NewCalendarFeed(ctx context.Context, now time.Time) (*CalendarFeed, error) {
	if _, err := sc.keys(ctx); err != nil {
		return nil, err
	}
	f := &CalendarFeed{Secret: randomToken(), CreatedAt: now.UTC().Truncate(time.Microsecond)}
	if _, err := sc.w.ExecContext(ctx, `UPDATE interop_keys SET feed_secret = $2, feed_created_at = $3 WHERE owner_id = $1`,
		sc.owner, f.Secret, ts(f.CreatedAt)); err != nil {
		return nil, fmt.Errorf("make calendar feed: %w", err)
	}
	return f, nil
}

// RevokeCalendarFeed ends the feed: its address answers 404 from now on.
// It reports whether there was a feed to revoke.
func (sc *Scope) RevokeCalendarFeed(ctx context.Context) (bool, error) {
	res, err := sc.w.ExecContext(ctx, `UPDATE interop_keys SET feed_secret = NULL, feed_created_at = NULL
		WHERE owner_id = $1 AND feed_secret IS NOT NULL`, sc.owner)
	if err != nil {
		return false, fmt.Errorf("revoke calendar feed: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// CalendarFeedOwner returns the owner of the feed with this secret. An
// unknown or revoked secret is a *NotFoundError.
func (s *Store) CalendarFeedOwner(ctx context.Context, secret string) (int64, error) {
	notFound := &NotFoundError{Kind: "calendar feed", Key: "(secret)"}
	if len(secret) != 43 || strings.Trim(secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
		return 0, notFound
	}
	var owner int64
	err := s.r.QueryRowContext(ctx, `SELECT owner_id FROM interop_keys WHERE feed_secret = $1`, secret).Scan(&owner)
	if isNoRows(err) {
		return 0, notFound
	}
	if err != nil {
		return 0, fmt.Errorf("find calendar feed: %w", err)
	}
	return owner, nil
}

// GuideLink gives the address of a conversation's guide page, for calendar
// entries to link to; the web package knows its routes. nil for no link.
type GuideLink func(conversationID int64) string

// meetingStates are the states of a conversation whose meeting is on the
// calendar: it is set, or it took place. A cancelled one leaves the feed.
var meetingStates = []model.State{model.StateScheduled, model.StateConfirmed, model.StateHeld,
	model.StateThanked, model.StateReportedBack, model.StateKeepingInTouch}

// calendarConvo is what a calendar entry says of a conversation.
type calendarConvo struct {
	id, personID     int64
	person, role     string
	org, phone       string
	emails           string
	state            model.State
	channel          model.Channel
	minutes          int
	place, whoPays   string
	meeting, updated time.Time
}

func (sc *Scope) calendarConvos(ctx context.Context, cond string, args ...any) ([]calendarConvo, error) {
	rows, err := sc.r.QueryContext(ctx, `SELECT c.id, c.person_id, p.name, p.role, COALESCE(o.name, ''), p.phone, p.emails,
		c.state, c.channel, c.minutes, c.place, c.who_pays, c.meeting_at, c.updated_at
		FROM conversations c JOIN people p ON p.id = c.person_id LEFT JOIN organizations o ON o.id = p.organization_id
		WHERE c.owner_id = $1 AND `+cond+` ORDER BY c.meeting_at, c.id`, append([]any{sc.owner}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	defer rows.Close()
	var out []calendarConvo
	for rows.Next() {
		var c calendarConvo
		var meeting, updated nullTime
		if err := rows.Scan(&c.id, &c.personID, &c.person, &c.role, &c.org, &c.phone, &c.emails, &c.state, &c.channel,
			&c.minutes, &c.place, &c.whoPays, &meeting, &updated); err != nil {
			return nil, fmt.Errorf("calendar: %w", err)
		}
		c.meeting, c.updated = meeting.Time, updated.Time
		out = append(out, c)
	}
	return out, rows.Err()
}

// event turns a conversation into its calendar entry.
func (c *calendarConvo) event(k interopKeys, guide GuideLink, now time.Time) interop.Event {
	who := c.person
	switch {
	case c.role != "" && c.org != "":
		who += ", " + c.role + " at " + c.org
	case c.role != "":
		who += ", " + c.role
	case c.org != "":
		who += " (" + c.org + ")"
	}
	lines := []string{
		"Informational interview with " + who + ".",
		fmt.Sprintf("You asked for %d minutes: keep to them unless they offer more. Arrive about 15 minutes early.", c.minutes),
	}
	var link string
	if guide != nil {
		link = guide(c.id)
		lines = append(lines, "Your guide and notes in Ally: "+link)
	}
	if c.whoPays != "" {
		lines = append(lines, "Who pays: "+c.whoPays)
	}
	if c.phone != "" {
		lines = append(lines, "Phone: "+c.phone)
	}
	if c.emails != "" {
		lines = append(lines, "Email: "+strings.ReplaceAll(c.emails, "\n", ", "))
	}
	place := c.place
	if place == "" {
		switch c.channel {
		case model.ChannelPhone:
			place = "Phone call"
		case model.ChannelVideo:
			place = "Video call"
		}
	}
	upcoming := (c.state == model.StateScheduled || c.state == model.StateConfirmed) && c.meeting.After(now)
	return interop.Event{
		UID:         k.convoUID(c.id),
		Start:       c.meeting,
		Minutes:     c.minutes,
		Summary:     "Informational interview with " + c.person,
		Location:    place,
		Description: strings.Join(lines, "\n"),
		URL:         link,
		Stamp:       orDefault(c.updated, now),
		Alarms:      upcoming,
	}
}

// ConversationEvent returns the calendar entry of one conversation's
// meeting, and the owner's time zone to write it in. A conversation with
// no meeting time is a *model.FieldError.
func (sc *Scope) ConversationEvent(ctx context.Context, id int64, guide GuideLink, now time.Time) (interop.Event, *time.Location, error) {
	settings, err := sc.Settings(ctx)
	if err != nil {
		return interop.Event{}, nil, err
	}
	k, err := sc.keys(ctx)
	if err != nil {
		return interop.Event{}, nil, err
	}
	cs, err := sc.calendarConvos(ctx, "c.id = $2", id)
	if err != nil {
		return interop.Event{}, nil, err
	}
	if len(cs) == 0 {
		return interop.Event{}, nil, notFound("conversation", id)
	}
	if cs[0].meeting.IsZero() {
		return interop.Event{}, nil, model.Invalid("meeting_at", "conversation %d with %s has no meeting time yet; schedule it first", id, cs[0].person)
	}
	return cs[0].event(k, guide, now), settings.Location(), nil
}

// CalendarFeedEvents returns what the owner's calendar feed holds: every
// conversation whose meeting is set or took place, and each dated action
// of the agenda at now as an all-day entry (an overdue one on today, where
// it is seen). Entries keep their UIDs from one refresh to the next.
func (sc *Scope) CalendarFeedEvents(ctx context.Context, guide GuideLink, now time.Time) ([]interop.Event, *time.Location, error) {
	settings, err := sc.Settings(ctx)
	if err != nil {
		return nil, nil, err
	}
	loc := settings.Location()
	k, err := sc.keys(ctx)
	if err != nil {
		return nil, nil, err
	}
	states := make([]any, len(meetingStates))
	for i, s := range meetingStates {
		states[i] = string(s)
	}
	cs, err := sc.calendarConvos(ctx, "c.meeting_at IS NOT NULL AND c.state IN ("+placeholders(2, len(states))+")", states...)
	if err != nil {
		return nil, nil, err
	}
	events := make([]interop.Event, 0, len(cs))
	for i := range cs {
		events = append(events, cs[i].event(k, guide, now))
	}
	actions, err := sc.Agenda(ctx, now)
	if err != nil {
		return nil, nil, err
	}
	today := now.In(loc)
	for _, a := range actions {
		if a.Kind == method.ActFindPerspective || a.Due.IsZero() {
			continue // ongoing, not due on a day
		}
		day, summary := a.Due.In(loc), a.Kind.Label()
		if a.Overdue {
			day, summary = today, "Overdue: "+summary
		}
		who := a.Person
		if a.Referrer != "" {
			who = a.Referrer + " (about " + a.Person + ")"
		}
		if who != "" {
			summary += " — " + who
		}
		events = append(events, interop.Event{
			UID:         k.actionUID(a.ID),
			Start:       day,
			AllDay:      true,
			Summary:     summary,
			Description: a.Reason + "\nDue " + a.Due.In(loc).Format("Mon 2 Jan 2006 15:04") + ". In Ally: ally done " + a.ID,
			// A stamp that moves at most once a day keeps an unchanged
			// entry's bytes the same across refreshes: syncing clients
			// that compare them then leave it alone.
			Stamp: now.UTC().Truncate(24 * time.Hour),
		})
	}
	return events, loc, nil
}
