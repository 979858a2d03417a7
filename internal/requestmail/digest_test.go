package requestmail

import (
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
)

func TestTheNextDigestIsTheNextMorningInTheVolunteersZone(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	ny, _ := time.LoadLocation("America/New_York")
	for _, c := range []struct {
		name  string
		after time.Time
		loc   *time.Location
		want  time.Time
	}{
		{"before eight: this morning", time.Date(2026, 12, 7, 6, 0, 0, 0, paris), paris, time.Date(2026, 12, 7, 8, 0, 0, 0, paris)},
		{"at eight: tomorrow", time.Date(2026, 12, 7, 8, 0, 0, 0, paris), paris, time.Date(2026, 12, 8, 8, 0, 0, 0, paris)},
		{"in the evening: tomorrow", time.Date(2026, 12, 7, 23, 30, 0, 0, paris), paris, time.Date(2026, 12, 8, 8, 0, 0, 0, paris)},
		{"the same instant in New York is the day before", time.Date(2026, 12, 7, 6, 0, 0, 0, paris), ny, time.Date(2026, 12, 7, 8, 0, 0, 0, ny)},
		{"over the spring change of clocks", time.Date(2027, 3, 13, 9, 0, 0, 0, ny), ny, time.Date(2027, 3, 14, 8, 0, 0, 0, ny)},
		{"at the end of a month", time.Date(2026, 12, 31, 20, 0, 0, 0, paris), paris, time.Date(2027, 1, 1, 8, 0, 0, 0, paris)},
	} {
		if got := NextDigest(c.after, c.loc); !got.Equal(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestADigestListsEachRequestWithItsLinksInTheReadersZone(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	at := time.Date(2026, 12, 10, 15, 0, 0, 0, time.UTC)
	r1 := center.Request{ID: 1, Field: "Public policy", Minutes: 20, Channel: "video", Message: "Could we talk?\nThank you.", ProposedTimes: []time.Time{at}}
	r2 := center.Request{ID: 2, Field: "Urban planning", Minutes: 30, Channel: "phone", Message: "May I ask about planning?"}
	d := Digest{Center: "Westlake Career Center", Volunteer: Party{Name: "Dana Brown", Email: "dana@example.com", Zone: paris},
		Items: []DigestItem{{Request: r1, Student: "Sam Lee", RequestURL: "https://a.edu/requests/1", Actions: []Link{{"Yes", "https://a.edu/respond/x"}}},
			{Request: r2, Student: "Tina Ortiz"}},
		Unsubscribe: "https://a.edu/unsubscribe/u", Settings: "https://a.edu/requests/to-me"}
	e, err := RenderDigest(d)
	if err != nil {
		t.Fatal(err)
	}
	if e.To != "dana@example.com" || e.Subject != "2 new requests for a conversation" {
		t.Errorf("digest: %q to %q", e.Subject, e.To)
	}
	for _, want := range []string{"Hello Dana,", "Sam Lee: Public policy, 20 minutes by video.", "  > Thank you.", center.FormatTime(at, paris),
		"Yes: https://a.edu/respond/x", "Tina Ortiz: Urban planning, 30 minutes by phone.", "https://a.edu/unsubscribe/u", "https://a.edu/requests/to-me"} {
		if !strings.Contains(e.Text, want) {
			t.Errorf("the text lacks %q:\n%s", want, e.Text)
		}
	}
	if !strings.Contains(e.HTML, `<a href="https://a.edu/respond/x">Yes</a>`) {
		t.Errorf("the HTML lacks the link:\n%s", e.HTML)
	}
	if _, err := RenderDigest(Digest{Volunteer: d.Volunteer}); err == nil {
		t.Error("a digest of nothing was written")
	}
}
