package requestmail

import (
	"bytes"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/center"
)

// DigestHour is the hour of the day, in the volunteer's zone, from which
// their daily digest is due.
const DigestHour = 8

// NextDigest is when a digest is next due after the instant after, in
// the volunteer's zone loc: the first DigestHour o'clock that follows.
func NextDigest(after time.Time, loc *time.Location) time.Time {
	local := after.In(loc)
	next := time.Date(local.Year(), local.Month(), local.Day(), DigestHour, 0, 0, 0, loc)
	if !next.After(after) {
		next = time.Date(local.Year(), local.Month(), local.Day()+1, DigestHour, 0, 0, 0, loc)
	}
	return next
}

// A DigestItem is one new request in a digest.
type DigestItem struct {
	Request    center.Request
	Student    string
	RequestURL string
	Actions    []Link
}

// A Digest is a volunteer's daily email: the requests that came since
// the last one, each with its one-click links.
type Digest struct {
	Center      string
	Volunteer   Party
	Items       []DigestItem
	Unsubscribe string
	Settings    string // "Requests to me", where the choice is changed
	ExpiresAt   func(center.Request) time.Time
}

// RenderDigest writes d as an email to its volunteer; it has at least one
// item.
func RenderDigest(d Digest) (Email, error) {
	if d.Volunteer.Email == "" || len(d.Items) == 0 {
		return Email{}, fmt.Errorf("requestmail: a digest needs an address and a request")
	}
	loc := d.Volunteer.zone()
	type item struct {
		DigestItem
		Lead    string
		Times   []string
		Expires string
	}
	view := struct {
		Subject, Greeting, Lead string
		Items                   []item
		Center, Unsubscribe     string
		Settings                string
	}{Greeting: "Hello " + firstName(d.Volunteer.Name) + ",", Center: d.Center, Unsubscribe: d.Unsubscribe, Settings: d.Settings}
	if len(d.Items) == 1 {
		view.Subject = fmt.Sprintf("A new request from %s", d.Items[0].Student)
		view.Lead = "One student asked you for a conversation since yesterday's email:"
	} else {
		view.Subject = fmt.Sprintf("%d new requests for a conversation", len(d.Items))
		view.Lead = fmt.Sprintf("%d students asked you for a conversation since yesterday's email:", len(d.Items))
	}
	for _, it := range d.Items {
		r := it.Request
		v := item{DigestItem: it, Times: center.FormatProposal(r.ProposedTimes, loc),
			Lead: fmt.Sprintf("%s: %s, %s by %s.", it.Student, r.Field, minutes(r), r.Channel)}
		if d.ExpiresAt != nil {
			v.Expires = center.FormatDate(d.ExpiresAt(r), loc)
		}
		view.Items = append(view.Items, v)
	}
	var text, html bytes.Buffer
	if err := digestText.Execute(&text, view); err != nil {
		return Email{}, fmt.Errorf("requestmail: %w", err)
	}
	if err := digestHTML.Execute(&html, view); err != nil {
		return Email{}, fmt.Errorf("requestmail: %w", err)
	}
	return Email{To: d.Volunteer.Email, Subject: view.Subject, Text: text.String(), HTML: html.String()}, nil
}
