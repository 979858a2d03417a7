package etiquette

import (
	"net/url"
	"strings"
	"testing"
)

func TestMailtoURL(t *testing.T) {
	tests := []struct {
		name          string
		to            []string
		subject, body string
		want          string
	}{
		{"spaces are %20, not +", []string{"maria@example.org"}, "Joe Serra suggested I contact you", "",
			"mailto:maria@example.org?subject=Joe%20Serra%20suggested%20I%20contact%20you"},
		{"line breaks are CRLF", nil, "", "Hi,\nline two\r\nthree\rfour",
			"mailto:?body=Hi%2C%0D%0Aline%20two%0D%0Athree%0D%0Afour"},
		{"reserved characters", []string{"a@b.c"}, "A&B=C?#%+", "x/y:z;@!$'()*,[]",
			"mailto:a@b.c?subject=A%26B%3DC%3F%23%25%2B&body=x%2Fy%3Az%3B%40%21%24%27%28%29%2A%2C%5B%5D"},
		{"UTF-8", []string{"lea@example.fr"}, "Léa’s note", "",
			"mailto:lea@example.fr?subject=L%C3%A9a%E2%80%99s%20note"},
		{"several recipients, display names dropped", []string{"Maria Lopez <maria@example.org>", " joe@example.org ", ""}, "", "",
			"mailto:maria@example.org,joe@example.org"},
		{"address characters escaped", []string{"odd+tag?x@example.org"}, "", "",
			"mailto:odd%2Btag%3Fx@example.org"},
		{"nothing", nil, "", "", "mailto:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MailtoURL(tt.to, tt.subject, tt.body); got != tt.want {
				t.Errorf("MailtoURL = %s\nwant        %s", got, tt.want)
			}
		})
	}
}

// A mail client decodes the link with ordinary percent-decoding; what it
// gets back must be the message, with CRLF line breaks.
func TestMailtoURLRoundTrips(t *testing.T) {
	_, body, err := Pick(FirstRequest, Email, true, false).Fill(sampleData["student with referrer"])
	if err != nil {
		t.Fatal(err)
	}
	subject := "Joe Serra suggested I contact you & more?"
	u, err := url.Parse(MailtoURL([]string{"maria@example.org"}, subject, body))
	if err != nil {
		t.Fatal(err)
	}
	if u.Scheme != "mailto" || u.Opaque != "maria@example.org" {
		t.Errorf("scheme %q, to %q", u.Scheme, u.Opaque)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		t.Fatal(err)
	}
	if q.Get("subject") != subject {
		t.Errorf("subject = %q", q.Get("subject"))
	}
	if want := strings.ReplaceAll(body, "\n", "\r\n"); q.Get("body") != want {
		t.Errorf("body = %q, want %q", q.Get("body"), want)
	}
	if strings.Contains(u.RawQuery, "+") {
		t.Error("a + in the query would turn into a space or stay a plus depending on the client")
	}
}
