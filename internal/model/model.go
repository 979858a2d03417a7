// Package model holds Ally's plain data types and their validation.
// It knows nothing of storage, HTTP or the method's timing rules.
package model

import (
	"time"
)

// Length limits for user text. They protect the database and the pages
// from accidental pastes, not from determined users.
const (
	MaxName  = 200
	MaxShort = 500    // role, location, place, commonality, website...
	MaxNotes = 100000 // Markdown notes and research
	MaxTags  = 50
	MaxEmail = 254
	MaxURL   = 2000
)

// User is the owner of every personal record. Personal mode has one local user.
type User struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Email     string    `json:"email,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Source says how the user came to know a person. A referral is the best way
// in, a commonality the next best, a cold contact the last.
type Source string

// The sources PRODUCT.md lists.
const (
	SourceReferral      Source = "referral"
	SourceFriend        Source = "friend"
	SourceFamily        Source = "family"
	SourceClassmate     Source = "classmate"
	SourceProfessor     Source = "professor"
	SourceSupervisor    Source = "supervisor"
	SourceCoworker      Source = "coworker"
	SourceAlumni        Source = "alumni"
	SourceAssociation   Source = "association"
	SourceArticleAuthor Source = "article_author"
	SourceSocial        Source = "social"
	SourceEvent         Source = "event"
	SourceCold          Source = "cold"
	SourceOther         Source = "other"
)

// Sources lists every valid source in display order.
func Sources() []Source {
	return []Source{SourceReferral, SourceFriend, SourceFamily, SourceClassmate, SourceProfessor,
		SourceSupervisor, SourceCoworker, SourceAlumni, SourceAssociation,
		SourceArticleAuthor, SourceSocial, SourceEvent, SourceCold, SourceOther}
}

// Valid reports whether s is a known source. The empty source is valid (unknown).
func (s Source) Valid() bool {
	if s == "" {
		return true
	}
	for _, v := range Sources() {
		if v == s {
			return true
		}
	}
	return false
}

// NamePermission is a referrer's answer to "may I use your name?".
type NamePermission string

// The answers; the empty one means it was not asked.
const (
	NameNotAsked NamePermission = ""
	NameYes      NamePermission = "yes"
	NameNo       NamePermission = "no"
)

// Valid reports whether n is a known answer.
func (n NamePermission) Valid() bool { return n == NameNotAsked || n == NameYes || n == NameNo }

// Label is the answer in plain words.
func (n NamePermission) Label() string {
	switch n {
	case NameYes:
		return "yes, you may use their name"
	case NameNo:
		return "no, do not use their name"
	}
	return "not asked"
}

// KnowsPersonally reports whether the source means the user knows the
// person already: they get a "someone you know" request, not a cold one.
func (s Source) KnowsPersonally() bool {
	switch s {
	case SourceFriend, SourceFamily, SourceProfessor, SourceSupervisor, SourceCoworker, SourceClassmate:
		return true
	}
	return false
}

// Ref is a short reference to another record: enough to name and link it.
type Ref struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Person is someone the user knows or wants to talk to.
type Person struct {
	ID           int64    `json:"id"`
	Name         string   `json:"name"`
	Organization *Ref     `json:"organization,omitempty"`
	Role         string   `json:"role,omitempty"`
	Emails       []string `json:"emails"`
	Phone        string   `json:"phone,omitempty"`
	URL          string   `json:"url,omitempty"`
	Location     string   `json:"location,omitempty"`
	Fields       []Ref    `json:"fields"`
	Source       Source   `json:"source,omitempty"`
	Commonality  string   `json:"commonality,omitempty"`
	ReferredBy   *Ref     `json:"referred_by,omitempty"`
	// NamePermission is the referrer's answer to "may I use your name?"
	// when suggesting this person: drafts cite the referrer only on a yes.
	NamePermission NamePermission `json:"name_permission,omitempty"`
	Tags           []string       `json:"tags"`
	Notes          string         `json:"notes,omitempty"`
	DoNotContact   bool           `json:"do_not_contact"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// Field is a career field the user explores.
type Field struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Why    string `json:"why,omitempty"`
	Notes  string `json:"notes,omitempty"`
	Target int    `json:"target"`
	// Pursuing marks a field the user has decided to pursue: only then
	// may a feeler note follow, much later.
	Pursuing  bool      `json:"pursuing"`
	Held      int       `json:"held"` // held conversations (computed)
	People    int       `json:"people"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// DefaultTarget is how many perspectives per field the method asks for:
// one or two conversations mislead.
const DefaultTarget = 3

// Organization is an employer or institution with the user's research notes.
type Organization struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Website   string    `json:"website,omitempty"`
	Notes     string    `json:"notes,omitempty"`
	People    int       `json:"people"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Channel is how a conversation takes place.
type Channel string

// Conversation channels.
const (
	ChannelInPerson Channel = "in_person"
	ChannelVideo    Channel = "video"
	ChannelPhone    Channel = "phone"
	ChannelEmail    Channel = "email"
)

// Channels lists the valid channels.
func Channels() []Channel {
	return []Channel{ChannelInPerson, ChannelVideo, ChannelPhone, ChannelEmail}
}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	for _, v := range Channels() {
		if v == c {
			return true
		}
	}
	return false
}

// State is a conversation's place in its lifecycle.
type State string

// The lifecycle states, in their usual order.
const (
	StateIdea           State = "idea"
	StateRequested      State = "requested"
	StateFollowedUp     State = "followed_up"
	StateScheduled      State = "scheduled"
	StateConfirmed      State = "confirmed"
	StateHeld           State = "held"
	StateThanked        State = "thanked"
	StateReportedBack   State = "reported_back"
	StateKeepingInTouch State = "keeping_in_touch"
	StateDeclined       State = "declined"
	StateNoReply        State = "no_reply"
	StateCancelled      State = "cancelled"
)

// States lists every state, the main path first.
func States() []State {
	return []State{StateIdea, StateRequested, StateFollowedUp, StateScheduled,
		StateConfirmed, StateHeld, StateThanked, StateReportedBack,
		StateKeepingInTouch, StateDeclined, StateNoReply, StateCancelled}
}

// Valid reports whether s is a known state.
func (s State) Valid() bool {
	for _, v := range States() {
		if v == s {
			return true
		}
	}
	return false
}

// Label is the state in plain words.
func (s State) Label() string {
	switch s {
	case StateFollowedUp:
		return "followed up"
	case StateReportedBack:
		return "reported back"
	case StateKeepingInTouch:
		return "keeping in touch"
	case StateNoReply:
		return "no reply"
	}
	return string(s)
}

// Conversation is one informational interview with one person.
type Conversation struct {
	ID        int64      `json:"id"`
	Person    Ref        `json:"person"`
	Fields    []Ref      `json:"fields"`
	State     State      `json:"state"`
	StateAt   time.Time  `json:"state_at"`
	Channel   Channel    `json:"channel"`
	Minutes   int        `json:"minutes"`
	Place     string     `json:"place,omitempty"`
	WhoPays   string     `json:"who_pays,omitempty"`
	MeetingAt *time.Time `json:"meeting_at,omitempty"`
	// The times of the last requested, followed_up and held steps: the
	// agenda's rules count from them.
	RequestedAt  *time.Time `json:"requested_at,omitempty"`
	FollowedUpAt *time.Time `json:"followed_up_at,omitempty"`
	HeldAt       *time.Time `json:"held_at,omitempty"`
	Prepared     bool       `json:"prepared"`
	Notes        string     `json:"notes,omitempty"`
	Summary      string     `json:"summary,omitempty"`
	Usefulness   int        `json:"usefulness,omitempty"` // 1–5, 0 when not rated
	FollowUps    int        `json:"follow_ups"`
	Events       []Event    `json:"events,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// DefaultMinutes is the time a first request asks for.
const DefaultMinutes = 20

// MinMinutes and MaxMinutes bound the time a conversation may ask for.
const (
	MinMinutes = 5
	MaxMinutes = 240
)

// Event is one lifecycle step of a conversation.
type Event struct {
	ID             int64      `json:"id"`
	ConversationID int64      `json:"conversation_id"`
	Step           State      `json:"step"`
	At             time.Time  `json:"at"`
	MeetingAt      *time.Time `json:"meeting_at,omitempty"`
	Note           string     `json:"note,omitempty"`
}

// ActivityKind is a kind of touch with a person.
type ActivityKind string

// Activity kinds.
const (
	ActEmailSent     ActivityKind = "email_sent"
	ActReplyReceived ActivityKind = "reply_received"
	ActCall          ActivityKind = "call"
	ActMeeting       ActivityKind = "meeting"
	ActNote          ActivityKind = "note"
	ActArticleShared ActivityKind = "article_shared"
	ActUpdateSent    ActivityKind = "update_sent"
	ActThankYouSent  ActivityKind = "thank_you_sent"
)

// ActivityKinds lists the valid activity kinds.
func ActivityKinds() []ActivityKind {
	return []ActivityKind{ActEmailSent, ActReplyReceived, ActCall, ActMeeting,
		ActNote, ActArticleShared, ActUpdateSent, ActThankYouSent}
}

// Valid reports whether k is a known activity kind.
func (k ActivityKind) Valid() bool {
	for _, v := range ActivityKinds() {
		if v == k {
			return true
		}
	}
	return false
}

// Activity is one touch with a person.
type Activity struct {
	ID             int64        `json:"id"`
	Person         Ref          `json:"person"`
	ConversationID int64        `json:"conversation_id,omitempty"`
	Kind           ActivityKind `json:"kind"`
	At             time.Time    `json:"at"`
	Note           string       `json:"note,omitempty"`
	CreatedAt      time.Time    `json:"created_at"`
}

// TimelineItem is one line of a person's timeline: an activity or a lifecycle step.
type TimelineItem struct {
	At             time.Time `json:"at"`
	Kind           string    `json:"kind"` // an ActivityKind, or "step"
	Step           State     `json:"step,omitempty"`
	ConversationID int64     `json:"conversation_id,omitempty"`
	ActivityID     int64     `json:"activity_id,omitempty"`
	Note           string    `json:"note,omitempty"`
}

// SearchResult is one full-text search hit.
type SearchResult struct {
	Kind    string  `json:"kind"` // person, conversation, field, organization
	ID      int64   `json:"id"`
	Title   string  `json:"title"`
	Snippet string  `json:"snippet"` // HTML-escaped text with <mark> around the matched words
	Rank    float64 `json:"rank"`
}

// SearchHits is what a search found: the best hits first.
type SearchHits struct {
	Results []SearchResult
	// Ranked is, when more records matched than a search ranks, how many
	// of them were ranked: the results are the best of those, not of
	// every match. It is zero when every match was ranked.
	Ranked int
}
