package e2e

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/jobs"
	"github.com/ally-dev/ally/internal/mailer/mailtest"
	"github.com/ally-dev/ally/internal/model"
)

// plainText is the text/plain part of an email as sent, decoded.
func plainText(t *testing.T, m mailtest.Message) string {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(m.Data))
	if err != nil {
		t.Fatal(err)
	}
	var read func(h func(string) string, body io.Reader) string
	read = func(h func(string) string, body io.Reader) string {
		mt, params, _ := mime.ParseMediaType(h("Content-Type"))
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextRawPart()
				if err != nil {
					return ""
				}
				if s := read(p.Header.Get, p); s != "" {
					return s
				}
			}
		}
		if mt != "" && mt != "text/plain" {
			return ""
		}
		if strings.EqualFold(h("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(body)
		}
		b, _ := io.ReadAll(body)
		return string(b)
	}
	return read(msg.Header.Get, msg.Body)
}

// centerMail has the center send its emails to a sink, with links to
// the app's address.
func centerMail(t *testing.T, app *App) *mailtest.Sink {
	t.Helper()
	ctx := context.Background()
	if err := app.Store.RecordBaseURL(ctx, app.URL); err != nil {
		t.Fatal(err)
	}
	sink := mailtest.Start(t)
	if err := app.Store.SetCenterSMTP(ctx, model.CenterSMTP{Host: sink.Host, Port: sink.Port, From: "Career Center <career@westlake.edu>", TLS: "none"},
		false, model.CLIActor(), app.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	return sink
}

// respondLinks are the one-click and unsubscribe links of the one email
// sent to a volunteer, in their order.
func respondLinks(t *testing.T, app *App, sink *mailtest.Sink, to string) []string {
	t.Helper()
	got := sink.To(to)
	if len(got) != 1 {
		t.Fatalf("emails to %s: %d", to, len(got))
	}
	body := plainText(t, got[0])
	links := regexp.MustCompile(regexp.QuoteMeta(app.URL)+`/(?:respond|unsubscribe)/[A-Za-z0-9_.-]+`).FindAllString(body, -1)
	if len(links) == 0 || !strings.Contains(links[0], "/respond/") {
		t.Fatalf("the email's links: %v\n%s", links, body)
	}
	return links
}

// A volunteer answers a request from the email's link on her phone,
// never signed in: the link's page shows the request with the time it
// named chosen, she confirms, and the link is then spent. The unsubscribe
// link of the same email asks before it stops anything. Every page passes
// axe on a desktop and on a phone, and the Nu checker.
func TestAVolunteerAcceptsATimeFromTheEmailLink(t *testing.T) {
	app, dana := directoryCenter(t)
	ctx := context.Background()
	now := app.Clock.Now()
	sink := centerMail(t, app)
	set, err := app.Store.CenterRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	when := now.Add(72 * time.Hour).Truncate(time.Hour)
	r, err := app.Store.SendRequest(ctx, set, center.Draft{StudentID: app.Owner, VolunteerID: dana, Field: "Public policy", Purpose: "How policy careers start",
		Message: "Hello Dana, I also studied Economics and I am exploring public policy. Could I ask you about your path into it, for 20 minutes at a time that suits you?",
		Minutes: 20, Channel: string(model.ChannelVideo), ProposedTimes: []time.Time{when, when.Add(24 * time.Hour)}}, nil, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&jobs.Runner{Store: app.Store}).RunDue(ctx, now); err != nil {
		t.Fatal(err)
	}
	links := respondLinks(t, app, sink, "dana@example.com")
	if len(links) != 6 || !strings.Contains(links[0], "/respond/") || !strings.Contains(links[5], "/unsubscribe/") {
		t.Fatalf("the email's links: %v", links)
	}
	yes, unsubscribe := links[0], links[5]
	pages := map[string][]byte{"/respond/{token}": GetHTML(t, yes, 200), "/unsubscribe/{token}": GetHTML(t, unsubscribe, 200),
		"a forged answer link": GetHTML(t, yes+"x", 404)}

	b := NewBrowser(t)
	shots := ScreenshotDir(t)
	mustDo(t, b, Mobile(), ColorScheme("light"), chromedp.Navigate(yes))
	if text := mainText(t, b); !strings.Contains(text, "Request from Sam Lee") || !strings.Contains(text, "How policy careers start") {
		t.Fatalf("the link's page:\n%s", text)
	}
	if !eval[bool](t, b, `document.querySelector('#s-choice-0').checked && !document.querySelector('#s-choice-1').checked`) {
		t.Error("the time the link named is not the one chosen")
	}
	onDesktopAndPhone(t, b, shots, "respond")
	mustDo(t, b, Mobile())
	navigating(t, b, chromedp.Click(`#step-accept button[type=submit]`))
	if text := mainText(t, b); !strings.Contains(text, "Thank you: you said yes to Sam Lee.") || !strings.Contains(text, "sam@westlake.edu") {
		t.Fatalf("after confirming:\n%s", text)
	}
	onDesktopAndPhone(t, b, shots, "respond-done")
	q, err := app.Store.Request(ctx, r.ID)
	if err != nil || q.State != center.StateAccepted || !q.MeetingAt.Equal(when) {
		t.Fatalf("the request after the link: %s at %v, %v", q.State, q.MeetingAt, err)
	}

	// The link again: spent.
	mustDo(t, b, Desktop(), chromedp.Navigate(yes))
	if text := mainText(t, b); !strings.Contains(text, "This link has been used already") {
		t.Errorf("the link again:\n%s", text)
	}
	onDesktopAndPhone(t, b, shots, "respond-used")
	pages["a used answer link"] = GetHTML(t, yes, 410)

	// The unsubscribe link asks first.
	mustDo(t, b, Mobile(), chromedp.Navigate(unsubscribe))
	onDesktopAndPhone(t, b, shots, "unsubscribe")
	mustDo(t, b, Mobile())
	navigating(t, b, chromedp.Click(`main button[name=emails]`))
	if text := mainText(t, b); !strings.Contains(text, "Email me about requests again") {
		t.Fatalf("after unsubscribing:\n%s", text)
	}
	onDesktopAndPhone(t, b, shots, "unsubscribed")
	pages["/unsubscribe/{token} after"] = GetHTML(t, unsubscribe, 200)

	// Sam's agenda says Dana said yes, beside the email.
	mustDo(t, b, Desktop())
	signInAs(t, b, app, "sam@westlake.edu")
	mustDo(t, b, chromedp.Navigate(app.URL+"/"))
	if text := mainText(t, b); !strings.Contains(text, "Dana Brown said yes to your request on Public policy.") {
		t.Errorf("Sam's agenda:\n%s", text)
	}
	onDesktopAndPhone(t, b, shots, "agenda-notice")
	pages["/ with a notice"] = []byte(eval[string](t, b, `'<!DOCTYPE html>\n' + document.documentElement.outerHTML`))
	VNUPages(t, pages)
}
