package model

import "time"

// A Notice is a request event for one person, shown on their agenda
// beside the email (which an unsubscribed reader does not get).
type Notice struct {
	ID        int64
	RequestID int64
	Kind      string // a requestmail.Kind
	CreatedAt time.Time
	Field     string
	// StudentID and VolunteerID are the request's two sides.
	StudentID, VolunteerID int64
	// Suggestions are the volunteers offered after a decline or an
	// expiry.
	Suggestions []NoticeSuggestion
}

// A NoticeSuggestion is a volunteer with room this month, offered to a
// student whose request was declined or expired.
type NoticeSuggestion struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Common string `json:"common,omitempty"`
}
