package requestmail_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/requestmail"
)

var now = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// A new request reaches the volunteer in their own zone, with the
// student's words, the one-click links and an unsubscribe link, in both
// parts; the HTML escapes what the student typed.
func TestTheVolunteerReadsANewRequestInTheirZone(t *testing.T) {
	r := center.Request{ID: 7, Field: "Urban planning", Minutes: 20, Channel: "video", CreatedAt: now,
		Message: "Dear Dana, <b>could</b> I ask you about your work?", ProposedTimes: []time.Time{now.Add(48 * time.Hour)}, State: center.StatePending}
	m := requestmail.Message{Kind: requestmail.Sent, To: center.ActorVolunteer, Center: "Westlake Career Center", Request: r,
		Student:     requestmail.Party{Name: "Sam Lee", Email: "sam@westlake.edu", Zone: zone(t, "America/New_York")},
		Volunteer:   requestmail.Party{Name: "Dana Brown", Email: "dana@example.com", Zone: zone(t, "Europe/Paris")},
		Actions:     []requestmail.Link{{Label: "Yes", URL: "https://ally.example/respond/abc"}},
		Unsubscribe: "https://ally.example/unsubscribe/1.x", RequestURL: "https://ally.example/requests/7", ExpiresAt: now.Add(14 * 24 * time.Hour)}
	e, err := requestmail.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	if e.To != "dana@example.com" || !strings.Contains(e.Subject, "Sam Lee") {
		t.Errorf("to %q, subject %q", e.To, e.Subject)
	}
	for _, want := range []string{"Hello Dana,", "> Dear Dana, <b>could</b>", "Sun 22 Nov 2026, 16:00 CET", "https://ally.example/respond/abc",
		"https://ally.example/unsubscribe/1.x", "Fri 4 Dec 2026"} {
		if !strings.Contains(e.Text, want) {
			t.Errorf("the text lacks %q:\n%s", want, e.Text)
		}
	}
	for _, want := range []string{`href="https://ally.example/respond/abc"`, "&lt;b&gt;could&lt;/b&gt;", "16:00 CET"} {
		if !strings.Contains(e.HTML, want) {
			t.Errorf("the HTML lacks %q:\n%s", want, e.HTML)
		}
	}
	if e.ICS != "" {
		t.Error("a new request carries an invitation")
	}
}

// An agreed time comes with an invitation in the reader's zone; an expiry
// offers at most five similar volunteers.
func TestInvitationAndSuggestions(t *testing.T) {
	r := center.Request{ID: 9, Field: "Law", Minutes: 30, Channel: "phone", CreatedAt: now, MeetingAt: now.Add(72 * time.Hour), State: center.StateAccepted}
	sam := requestmail.Party{Name: "Sam Lee", Email: "sam@westlake.edu", Zone: zone(t, "America/New_York")}
	dana := requestmail.Party{Name: "Dana Brown", Email: "dana@example.com", Zone: zone(t, "Europe/Paris")}
	e, err := requestmail.Render(requestmail.Message{Kind: requestmail.Invitation, To: center.ActorStudent, Center: "Westlake", Request: r, Student: sam, Volunteer: dana, Stamp: now})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.ICS, "BEGIN:VEVENT") || !strings.Contains(e.ICS, "TZID=America/New_York") || !strings.Contains(e.ICS, "UID:request-9@ally") ||
		!strings.Contains(e.Text, "Mon 23 Nov 2026, 10:00 EST (16:00 CET for Dana)") {
		t.Errorf("invitation:\n%s\n%s", e.Text, e.ICS)
	}
	r.State = center.StateExpired
	var many []requestmail.Suggestion
	for _, n := range []string{"Ana", "Ben", "Cy", "Di", "Ed", "Flo"} {
		many = append(many, requestmail.Suggestion{Name: n + " Volunteer", Common: "Both studied Law"})
	}
	e, err = requestmail.Render(requestmail.Message{Kind: requestmail.Expired, To: center.ActorStudent, Center: "Westlake", Request: r, Student: sam, Volunteer: dana, Suggestions: many})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Text, "Ed Volunteer (Both studied Law)") || strings.Contains(e.Text, "Flo Volunteer") {
		t.Errorf("suggestions:\n%s", e.Text)
	}
}

// A link acts only as signed, and only until it expires.
func TestSignedLinks(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	c := requestmail.Claim{RequestID: 7, Action: requestmail.LinkAccept, TimeIndex: 1, Expires: now.Add(time.Hour)}
	token, err := requestmail.Sign(key, c, strings.NewReader("twelve bytes"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := requestmail.Verify(key, token, now)
	if err != nil || got.RequestID != 7 || got.Action != requestmail.LinkAccept || got.TimeIndex != 1 || got.Nonce == "" {
		t.Fatalf("verify: %+v, %v", got, err)
	}
	if _, err := requestmail.Verify(key, token, now.Add(time.Hour)); err != requestmail.ErrLinkExpired {
		t.Errorf("at its expiry: %v", err)
	}
	if _, err := requestmail.Verify([]byte("another key, another center....."), token, now); err != requestmail.ErrLinkTampered {
		t.Errorf("another key: %v", err)
	}
	if _, err := requestmail.Verify(key, "OC5hY2NlcHQuMS4xLng."+strings.SplitN(token, ".", 2)[1], now); err != requestmail.ErrLinkTampered {
		t.Errorf("another request: %v", err)
	}
	if id, err := requestmail.VerifyAccount(key, requestmail.SignAccount(key, 42)); err != nil || id != 42 {
		t.Errorf("unsubscribe: %d, %v", id, err)
	}
	if _, err := requestmail.VerifyAccount(key, "43."+strings.SplitN(requestmail.SignAccount(key, 42), ".", 2)[1]); err != requestmail.ErrLinkTampered {
		t.Errorf("unsubscribe for another account: %v", err)
	}
}
