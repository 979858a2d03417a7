package web

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// jobAsk is a request that turns the professional into an assessor.
const jobAsk = "Hi Dana,\n\nJoe Serra suggested I contact you. I am applying to your agency and would love it if you could pass my resume along to the hiring manager.\n\nJordan"

// idea adds Dana Brown, referred by Joe Serra, with a conversation still an
// idea, and the user's name; it returns Dana's id and the conversation's.
func idea(t *testing.T, b *browser) (person, convo string) {
	t.Helper()
	ctx := context.Background()
	joe := &model.Person{Name: "Joe Serra"}
	if err := b.sc.CreatePerson(ctx, joe, pagesNow); err != nil {
		t.Fatal(err)
	}
	dana := &model.Person{Name: "Dana Brown", NamePermission: model.NameYes, Emails: []string{"dana@example.org"}, Role: "Policy advisor",
		ReferredBy: &model.Ref{ID: joe.ID}}
	if err := b.sc.CreatePerson(ctx, dana, pagesNow); err != nil {
		t.Fatal(err)
	}
	c := &model.Conversation{Person: model.Ref{ID: dana.ID}, Channel: model.ChannelVideo, Minutes: 20}
	if err := b.sc.CreateConversation(ctx, c, pagesNow); err != nil {
		t.Fatal(err)
	}
	settings(t, b, func(s *method.Settings) { s.UserName = "Jordan Lee" })
	return itoa(dana.ID), itoa(c.ID)
}

func settings(t *testing.T, b *browser, edit func(*method.Settings)) {
	t.Helper()
	st, err := b.sc.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	edit(&st)
	if err := b.sc.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
}

// draftForm is the composer's form as the page fills it.
func draftForm(t *testing.T, page string) url.Values {
	t.Helper()
	v := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="(\w+)" value="([^"]*)">`).FindAllStringSubmatch(page, -1) {
		if v.Get(m[1]) == "" {
			v.Set(m[1], m[2])
		}
	}
	if m := regexp.MustCompile(`(?s)<textarea id="f-body"[^>]*>\n(.*?)</textarea>`).FindStringSubmatch(page); m != nil {
		v.Set("body", unescape(m[1]))
	}
	if m := regexp.MustCompile(`id="f-subject" name="subject" type="text" value="([^"]*)"`).FindStringSubmatch(page); m != nil {
		v.Set("subject", unescape(m[1]))
	}
	v.Set("channel", "email")
	return v
}

func unescape(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(s)
}

func TestComposerOpensTheDraftTheStageCallsFor(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		priya, marcus := b.id("person", "Priya Raman"), b.id("person", "Marcus Okafor")
		keisha, wei := b.id("person", "Keisha Robinson"), b.id("person", "Wei Zhang")
		convoOf := func(person string) string {
			cs, err := b.sc.Conversations(context.Background(), store.ConversationFilter{PersonID: mustInt(person)})
			if err != nil || len(cs) == 0 {
				t.Fatalf("conversations of %s: %v", person, err)
			}
			return itoa(cs[0].ID)
		}
		c := convoOf(priya)
		tests := []struct {
			path   string
			status int
			want   []string
		}{
			// Priya's conversation is thanked and she was referred: a report-back to Marcus.
			{"/people/" + priya + "/compose?convo=" + c, 200, []string{"Write to Priya Raman: report-back", "To Marcus Okafor <mokafor@example.com>",
				"conversation #" + c + " (thanked)", "Marking it as sent logs it and moves conversation #" + c + " to reported back.",
				"Open in my mail app", "Mark as sent", "The checker finds nothing to change."}},
			{"/people/" + priya + "/compose?convo=" + c + "&kind=keep_in_touch&learned=how+permits+work", 200, []string{"Write to Priya Raman: keep-in-touch note", "To Priya Raman <priya.raman@example.org>"}},
			// Keisha's is an idea: a first request naming her referrer.
			{"/people/" + keisha + "/compose", 200, []string{"Write to Keisha Robinson: first request", "Jamal Carter", "moves conversation #"}},
			{"/people/" + keisha + "/compose?kind=thank_you", 200, []string{"Write to Keisha Robinson: thank-you", "Marking it as sent would not work now"}},
			// Closed with no reply: nothing to write, unless the user picks a template.
			{"/people/" + wei + "/compose", 200, []string{"the method sends nothing more at this stage", "Start again from a template"}},
			// No field of Wei's is pursued, and no thank-you was sent: no feeler yet, and the page says why.
			{"/people/" + wei + "/compose?kind=feeler", 200, []string{"Write to Wei Zhang: keep-in-touch note", "Not a feeler note yet: a feeler note is only for a field you are pursuing"}},
			{"/people/" + priya + "/compose?kind=nonsense", 400, []string{"Unknown kind"}},
			{"/people/" + priya + "/compose?channel=pigeon", 400, []string{"Unknown channel"}},
			{"/people/" + marcus + "/compose?convo=" + c, 404, []string{"No conversation with id " + c}},
			{"/people/99999/compose", 404, []string{"No person with id 99999."}},
			{"/compose?field=" + b.id("field", "Public policy"), 200, []string{"Write to someone in Public policy", "Write a first request to Keisha Robinson"}},
		}
		for _, tt := range tests {
			t.Run(tt.path, func(t *testing.T) {
				r := b.get(tt.path)
				if r.status != tt.status {
					t.Fatalf("status %d, want %d:\n%s", r.status, tt.status, readable(r.body))
				}
				wantIn(t, tt.path, readable(r.body), tt.want...)
			})
		}
		page := b.get("/people/" + priya + "/compose?convo=" + c).body
		wantIn(t, "mailto", page, `href="mailto:mokafor@example.com?subject=`, `data-hx-post="/people/`+priya+`/compose/check"`,
			`data-hx-trigger="input changed delay:400ms"`, `data-copy="f-body"`, "hidden>Copy the text</button>")
		// The person and conversation pages, and the agenda, lead here.
		wantIn(t, "person page", b.get("/people/"+priya).body, `href="/people/`+priya+`/compose"`)
		wantIn(t, "conversation page", b.get("/conversations/"+c).body, `href="/people/`+priya+`/compose?convo=`+c+`"`)
		agenda := b.get("/").body
		wantIn(t, "agenda", agenda, `href="/people/`+b.id("person", "Tomás Herrera")+`/compose?convo=`+convoOf(b.id("person", "Tomás Herrera"))+`&amp;kind=thank_you"`,
			"Write the thank-you", "Log the thank-you")
	})
}

func TestComposerCheckShowsFindingsAndKeepsTheText(t *testing.T) {
	b := newBrowser(t, false)
	dana, convo := idea(t, b)
	page := b.get("/people/" + dana + "/compose").body
	wantIn(t, "draft", readable(page), "Write to Dana Brown: first request", "Joe Serra suggested I contact you", "The checker finds nothing to change.")
	form := draftForm(t, page)
	if form.Get("convo") != convo || form.Get("kind") != "first_request" || form.Get("template") != "email-referral" {
		t.Fatalf("the form carries %v", form)
	}
	form.Set("body", jobAsk)

	// Without JavaScript: the whole page, the text kept, the words marked.
	r := b.post("/people/"+dana+"/compose/check", form)
	if r.status != 200 {
		t.Fatalf("check: %d %s", r.status, readable(r.body))
	}
	wantIn(t, "check", r.body, "I am applying to your agency", `<mark class="error">`, "Asks for a job", "2 errors to fix", `data-rule="job_ask"`)
	if !strings.Contains(r.body, "<!doctype html>") {
		t.Errorf("the Check button should get the whole page")
	}
	wantIn(t, "mailto follows the text", r.body, "I%20am%20applying%20to%20your%20agency")
	// The words concerned are marked in the copy of the text.
	if m := regexp.MustCompile(`<mark class="error">([^<]*)</mark>`).FindAllStringSubmatch(r.body, -1); len(m) == 0 {
		t.Errorf("no error marked")
	} else {
		var words []string
		for _, x := range m {
			words = append(words, x[1])
		}
		if j := strings.Join(words, "|"); !strings.Contains(j, "applying to your agency") && !strings.Contains(j, "resume") {
			t.Errorf("marked %q", j)
		}
	}

	// htmx: only the findings, with the status and the mail link out of band.
	req, _ := http.NewRequest(http.MethodPost, b.base+"/people/"+dana+"/compose/check", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	part := b.do(req)
	if part.status != 200 || strings.Contains(part.body, "<html") || !strings.HasPrefix(strings.TrimSpace(part.body), `<div id="compose-check"`) {
		t.Fatalf("htmx check: %d\n%s", part.status, part.body)
	}
	wantIn(t, "htmx check", part.body, `data-rule="job_ask"`, `id="check-status" data-hx-swap-oob="innerHTML"`, `id="mailto" class="button secondary" data-hx-swap-oob="true" href="mailto:dana@example.org?subject=`)
	if !strings.Contains(strings.Join(part.header.Values("Vary"), ","), "HX-Request") {
		t.Errorf("the check answer does not vary on HX-Request")
	}

	// Fixed, the findings clear.
	form.Set("body", "Hi Dana,\n\nJoe Serra suggested I contact you. I am a senior at Riverbend State exploring public policy, and I would value hearing about your work, not asking about jobs. Would you have 20 minutes in the coming weeks, at a time that suits you? A phone call would be just as welcome.\n\nJordan Lee")
	r = b.post("/people/"+dana+"/compose/check", form)
	wantIn(t, "fixed", readable(r.body), "The checker finds nothing to change.")

	// Another channel: a phone script has no subject and no mail link.
	form.Set("channel", "phone")
	r = b.post("/people/"+dana+"/compose/check", form)
	if strings.Contains(r.body, `href="mailto:`) || !strings.Contains(r.body, `<option value="phone" selected>`) {
		t.Errorf("a phone script offers the mail app or forgot the channel:\n%s", readable(r.body))
	}

	// A text too long to check comes back as it was, with the reason.
	form.Set("body", strings.Repeat("word ", 12_000))
	r = b.post("/people/"+dana+"/compose/check", form)
	if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.body, "too long to check") || !strings.Contains(r.body, "word word word") {
		t.Errorf("a huge text: %d", r.status)
	}
	// Bad input is refused with the friendly error page.
	bad := url.Values{"kind": {"job_application"}, "body": {"x"}}
	if r := b.post("/people/"+dana+"/compose/check", bad); r.status != 400 || !strings.Contains(r.body, "Unknown kind") {
		t.Errorf("a bad kind: %d %s", r.status, readable(r.body))
	}
}

func TestMarkAsSentMovesTheLifecycle(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		dana, convo := idea(t, b)
		form := draftForm(t, b.get("/people/"+dana+"/compose").body)
		form.Set("body", form.Get("body")+"\n\nP.S. Edited by hand.")

		// A time that cannot be read keeps the text and logs nothing.
		form.Set("at", "the day before yesterday-ish")
		r := b.post("/people/"+dana+"/compose/sent", form)
		if r.status != 422 || !strings.Contains(r.body, "Edited by hand.") || !strings.Contains(readable(r.body), "Nothing was logged") {
			t.Fatalf("a bad time: %d\n%s", r.status, readable(r.body))
		}

		form.Set("at", "2026-11-18T09:30")
		page := b.follow("/people/"+dana+"/compose/sent", form)
		wantIn(t, "sent", readable(page.body), "Logged the first request to Dana Brown. Conversation #"+convo+" is now requested.",
			"Conversation with Dana Brown")
		c, err := b.sc.Conversation(context.Background(), mustInt(convo))
		if err != nil || c.State != model.StateRequested {
			t.Fatalf("after mark as sent: %v %v", c.State, err)
		}
		if want := time.Date(2026, 11, 18, 14, 30, 0, 0, time.UTC); !c.StateAt.Equal(want) {
			t.Errorf("requested at %v, want %v", c.StateAt, want)
		}
		msgs, err := b.sc.Messages(context.Background(), store.MessageFilter{ConversationID: c.ID})
		if err != nil || len(msgs) != 1 || !strings.Contains(msgs[0].Body, "Edited by hand.") || msgs[0].Recipient != "dana@example.org" || msgs[0].Via != store.ViaManual {
			t.Fatalf("messages: %+v %v", msgs, err)
		}

		// The same request again is a step the lifecycle refuses: said by the
		// button, with the text kept, and nothing logged.
		form.Del("at")
		r = b.post("/people/"+dana+"/compose/sent", form)
		if r.status != http.StatusConflict {
			t.Fatalf("sent twice: %d\n%s", r.status, readable(r.body))
		}
		wantIn(t, "sent twice", r.body, `id="send-problem" role="alert">Nothing was logged: cannot go from requested to requested`, "Edited by hand.", `aria-describedby="send-problem"`)
		if msgs, _ := b.sc.Messages(context.Background(), store.MessageFilter{ConversationID: c.ID}); len(msgs) != 1 {
			t.Errorf("a refused step logged a message: %d", len(msgs))
		}

		// The follow-up the stage now calls for moves it on.
		form = draftForm(t, b.get("/people/"+dana+"/compose?convo="+convo).body)
		if form.Get("kind") != "follow_up" {
			t.Fatalf("after the request the composer writes a %s", form.Get("kind"))
		}
		page = b.follow("/people/"+dana+"/compose/sent", form)
		wantIn(t, "follow-up", readable(page.body), "Conversation #"+convo+" is now followed up.")
	})
}

// smtpSink is an in-process SMTP server that keeps what it receives.
type smtpSink struct {
	mu   sync.Mutex
	got  []string
	port int
}

func startSMTPSink(t *testing.T) *smtpSink {
	t.Helper()
	k := &smtpSink{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{k: k}, nil }))
	srv.Domain, srv.ReadTimeout, srv.WriteTimeout = "localhost", 5*time.Second, 5*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(l.Addr().String())
	k.port, _ = strconv.Atoi(port)
	done := make(chan struct{})
	go func() { _ = srv.Serve(l); close(done) }()
	t.Cleanup(func() { srv.Close(); l.Close(); <-done }) // l too: a Close before Serve took l closes nothing
	return k
}

func (k *smtpSink) received() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.got...)
}

type sinkSession struct{ k *smtpSink }

func (s *sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *sinkSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *sinkSession) Reset()                               {}
func (s *sinkSession) Logout() error                        { return nil }
func (s *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.k.mu.Lock()
	s.k.got = append(s.k.got, string(b))
	s.k.mu.Unlock()
	return err
}

func TestSendThroughSMTPThenLog(t *testing.T) {
	b := newBrowser(t, false)
	dana, convo := idea(t, b)
	form := draftForm(t, b.get("/people/"+dana+"/compose").body)

	// No server set: said next to the button, nothing sent.
	r := b.post("/people/"+dana+"/compose/send", form)
	if r.status != http.StatusConflict || !strings.Contains(r.body, "No SMTP server is set") {
		t.Fatalf("without SMTP: %d %s", r.status, readable(r.body))
	}
	if strings.Contains(r.body, "Send by email now</button>") {
		t.Errorf("the Send button shows without an SMTP server")
	}

	// A server without a From address: said in the page's words, not the CLI's.
	settings(t, b, func(s *method.Settings) { s.SMTPHost = "127.0.0.1" })
	r = b.post("/people/"+dana+"/compose/send", form)
	if page := readable(r.body); r.status != http.StatusConflict || !strings.Contains(page, "Not sent: the mail settings are incomplete: set the address your messages come from") ||
		strings.Contains(page, "ally settings") || strings.Contains(page, "smtp_from") {
		t.Fatalf("without a From address: %d %s", r.status, page)
	}

	k := startSMTPSink(t)
	settings(t, b, func(s *method.Settings) {
		s.SMTPHost, s.SMTPPort, s.SMTPTLS, s.SMTPFrom = "127.0.0.1", k.port, "none", "Jordan Lee <jordan@example.org>"
	})
	if !strings.Contains(b.get("/people/"+dana+"/compose").body, "Send by email now</button>") {
		t.Errorf("no Send button with an SMTP server set")
	}

	// The checker guards the send: a job ask is not sent.
	ask := url.Values{}
	for k, v := range form {
		ask[k] = v
	}
	ask.Set("body", jobAsk)
	r = b.post("/people/"+dana+"/compose/send", ask)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Not sent: the checker found an error") || !strings.Contains(r.body, "I am applying to your agency") {
		t.Fatalf("a job ask: %d %s", r.status, readable(r.body))
	}
	if n := len(k.received()); n != 0 {
		t.Fatalf("the sink got %d messages", n)
	}

	page := b.follow("/people/"+dana+"/compose/send", form)
	wantIn(t, "sent", readable(page.body), "Sent and logged the first request to Dana Brown. Conversation #"+convo+" is now requested. It went to dana@example.org.")
	got := k.received()
	if len(got) != 1 || !strings.Contains(got[0], "Subject: Joe Serra suggested I contact you") || !strings.Contains(got[0], "To: <dana@example.org>") ||
		!strings.Contains(got[0], "From: \"Jordan Lee\" <jordan@example.org>") {
		t.Fatalf("the sink got %q", got)
	}
	msgs, _ := b.sc.Messages(context.Background(), store.MessageFilter{ConversationID: mustInt(convo)})
	if len(msgs) != 1 || msgs[0].Via != store.ViaSMTP {
		t.Errorf("logged %+v", msgs)
	}

	// A server that is not there: said next to the button, nothing logged.
	settings(t, b, func(s *method.Settings) { s.SMTPPort = 1 })
	form = draftForm(t, b.get("/people/"+dana+"/compose?convo="+convo).body)
	r = b.post("/people/"+dana+"/compose/send", form)
	if r.status != http.StatusBadGateway || !strings.Contains(readable(r.body), "Not sent: send through 127.0.0.1:1") {
		t.Errorf("an unreachable server: %d %s", r.status, readable(r.body))
	}
	if c, _ := b.sc.Conversation(context.Background(), mustInt(convo)); c.State != model.StateRequested {
		t.Errorf("a failed send moved the conversation to %s", c.State)
	}
}

// The composer's first keep-in-touch note after a thank-you tells the
// professional what the user did with their advice, in the user's words
// when given; the field for them is on the page.
func TestComposerOffersTheAdviceUpdateFirst(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		priya := b.id("person", "Priya Raman")
		cs, err := b.sc.Conversations(context.Background(), store.ConversationFilter{PersonID: mustInt(priya)})
		if err != nil || len(cs) == 0 || cs[0].State != model.StateThanked {
			t.Fatalf("Priya Raman's conversation should be thanked: %v %v", cs, err)
		}
		page := b.get("/people/" + priya + "/compose?convo=" + itoa(cs[0].ID) + "&kind=keep_in_touch&advice=joined+the+state+budget+officers%27+association")
		if page.status != 200 {
			t.Fatalf("status %d:\n%s", page.status, readable(page.body))
		}
		wantIn(t, "advice update", page.body, `value="What I did with your advice"`, "I promised to let you know what came of your advice.",
			"Since then, I joined the state budget officers&#39; association.", `<input id="f-advice" name="advice"`,
			`<option value="keep-in-touch-advice" selected>`)
		wantIn(t, "advice update", readable(page.body), "What you did with their advice")
	})
}
