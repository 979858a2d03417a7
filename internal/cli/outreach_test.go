package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// withStdin runs a command with text on standard input.
func (h *harness) withStdin(stdin string, args ...string) (stdout, stderr string, code int) {
	h.t.Helper()
	var out, errb bytes.Buffer
	env := Env{Getenv: func(string) string { return "" }, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Clock: method.FixedClock(h.now)}
	code = Run(context.Background(), append([]string{"--db", h.db}, args...), env)
	return out.String(), errb.String(), code
}

// setProfile writes the user's profile straight into the database: the
// profile keys are left out of `ally settings --json` while empty, so
// `ally settings --set user_name=...` refuses them (a known bug).
func setProfile(t *testing.T, dsn string, edit func(*method.Settings)) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	owner, err := st.LocalUser(ctx, "Me", testNow)
	if err != nil {
		t.Fatal(err)
	}
	sc := st.For(owner)
	s, err := sc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	edit(&s)
	if err := sc.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
}

const jobAskMessage = `Subject: Hello

Hi Dana, I am applying to your company and attached my resume.
Could you pass my name along to the hiring manager?
Best,
Jordan
`

const goodRequest = `Subject: Joe Serra suggested I contact you

Dear Dana Brown,

Joe Serra suggested I contact you. I am a senior at Riverbend State exploring public policy, and I would value learning how you see the field from the inside. I am not asking about jobs.

Would you have 20 minutes in the coming weeks, at a time that suits you? A phone call would be just as welcome.

Best regards,
Jordan Lee
`

func TestCheckPrintsFindingsLikeALinter(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "request.txt")
	if err := os.WriteFile(file, []byte(goodRequest), 0o600); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, db: filepath.Join(dir, "ally.db"), now: testNow}
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // the whole text output, or a JSON rule list under --json
	}{
		{"a clean request from a file", "", []string{"check", file, "--referrer", "Joe Serra"}, 0, "No findings.\n"},
		{"warnings alone exit 0", "Hi Dana, I would love to learn about your work.\n", []string{"check", "-"}, 0,
			"1:1 no_time [warning] You do not say how long the conversation would take, so ask for a set time, such as 20 minutes.\n" +
				"    > Hi Dana, I would love to learn about your work.\n" +
				"1:1 no_question [warning] The request is not phrased as a question, so ask it as one, for example \"Would you have 20 minutes in the coming weeks?\"\n" +
				"    > Hi Dana, I would love to learn about your work.\n" +
				"1:1 no_flexibility [warning] You do not offer to fit their schedule, so add that you can meet at their convenience or talk by phone instead.\n" +
				"    > Hi Dana, I would love to learn about your work.\n" +
				"0 errors, 3 warnings.\n"},
		{"a job ask exits 1", jobAskMessage, []string{"check", "--referrer", "Joe Serra"}, 1, ""},
		{"explain names the parts", "Would you have 20 minutes? Should a seat ever open up in your studio, I hope you'll think of me.\n",
			[]string{"check", "-", "--explain"}, 1,
			"1:1 no_purpose [warning] The message does not say why you want to talk, so add that you hope to learn about their experience and their field.\n" +
				"    > Would you have 20 minutes?\n" +
				"1:1 no_flexibility [warning] You do not offer to fit their schedule, so add that you can meet at their convenience or talk by phone instead.\n" +
				"    > Would you have 20 minutes?\n" +
				"1:28 job_ask [error] This asks for a job or for help getting one (\"Should a seat ever open up in your studio, I\"), which turns your contact from an ally into an assessor, so ask only to learn from their experience, for example: \"If you think of anyone else I could learn from, I would be grateful for a name.\"\n" +
				"    > Should a seat ever open up in your studio, I\n" +
				"    why: target \"seat\" · ask \"Should\" · for \"I\"\n" +
				"    rewrite: If you think of anyone else I could learn from, I would be grateful for a name.\n" +
				"1 error, 2 warnings.\n"},
		{"json", jobAskMessage, []string{"--json", "check", "--referrer", "Joe Serra"}, 1,
			"subject_not_referrer,no_referrer,job_ask,resume_offer,no_time,no_purpose,no_flexibility,job_ask"},
		{"the kind changes the rules", "Thank you so much for your time on Tuesday; your advice on memos was a gift.\nJordan\n",
			[]string{"--json", "check", "--kind", "thank_you"}, 0, ""},
		{"an unknown channel is a usage error", "Hi", []string{"check", "--channel", "fax"}, 2, ""},
		{"a missing file", "", []string{"check", filepath.Join(dir, "nope.txt")}, 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.t = t
			out, errOut, code := h.withStdin(tc.stdin, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if strings.Contains(strings.Join(tc.args, " "), "--json") && code != 2 {
				var got CheckOut
				if err := json.Unmarshal([]byte(out), &got); err != nil {
					t.Fatalf("bad JSON %q: %v", out, err)
				}
				var rules []string
				for _, f := range got.Findings {
					rules = append(rules, f.Rule)
					if f.Start < 0 || f.End < f.Start || f.End > len(tc.stdin) || f.Message == "" {
						t.Errorf("finding %+v", f)
					}
				}
				if strings.Join(rules, ",") != tc.stdout {
					t.Errorf("rules %v, want %s", rules, tc.stdout)
				}
				if got.Findings == nil {
					t.Error(`no findings must print "findings": [], not null`)
				}
				return
			}
			if tc.stdout != "" && out != tc.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, tc.stdout)
			}
			if code == 1 && !strings.HasPrefix(errOut, "ally: ") {
				t.Errorf("stderr %q", errOut)
			}
		})
	}
}

// TestOutreachJourneyJSON drafts, logs and counts a request to the
// report-back, on SQLite and PostgreSQL, against a golden transcript.
func TestOutreachJourneyJSON(t *testing.T) {
	dbs := map[string]func(*testing.T) string{"sqlite": sqliteDB, "postgres": func(t *testing.T) string { return storetest.MigratedPostgresURL(t) }}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, dbs[name](t))
			setProfile(t, h.db, func(s *method.Settings) {
				s.UserName, s.School, s.Year = "Jordan Lee", "Riverbend State University", "senior"
			})
			var transcript bytes.Buffer
			step := func(code int, stdin string, args ...string) {
				t.Helper()
				out, errOut, got := h.withStdin(stdin, append([]string{"--json"}, args...)...)
				if got != code {
					t.Fatalf("ally %v: exit %d, want %d\n%s%s", args, got, code, out, errOut)
				}
				if code == 0 && !json.Valid([]byte(out)) {
					t.Fatalf("ally %v printed invalid JSON: %s", args, out)
				}
				transcript.WriteString("$ ally --json " + strings.Join(args, " ") + "\n" + out + errOut)
			}
			h.run(0, "person", "add", "Joe Serra", "--email", "joe@example.org")
			h.run(0, "person", "add", "Dana Brown", "--org", "State Department", "--role", "Policy advisor",
				"--referred-by", "Joe Serra", "--may-use-name", "yes", "--field", "Public policy", "--email", "dana@example.org")
			h.run(0, "convo", "add", "Dana", "--minutes", "20", "--place", "Café Lune")
			h.now = testNow.Add(-10 * 24 * time.Hour)
			step(0, "", "draft", "Dana")
			step(0, goodRequest, "sent", "1", "--kind", "first_request", "--file", "-", "--template", "email-referral")
			step(1, "", "sent", "1", "--kind", "thank_you") // not held yet
			h.now = testNow
			step(0, "", "stats")
			h.run(0, "log", "1", "scheduled", "--for", "2026-11-25 10:30")
			step(0, "", "draft", "--convo", "1")
			h.now = time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC)
			h.run(0, "log", "1", "held", "--at", "2026-11-25 10:30")
			step(0, "", "draft", "Dana", "--learned", "that budget memos are two pages at most")
			step(0, "", "sent", "1", "--kind", "thank_you")
			h.now = time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)
			step(0, "", "sent", "1", "--kind", "report_back", "--at", "2026-11-26 09:30")
			// The first keep-in-touch note says what came of the advice.
			step(0, "", "draft", "Dana", "--kind", "keep_in_touch", "--did", "joined the state budget officers' association")
			step(0, "", "sent", "1", "--kind", "keep_in_touch", "--article")
			step(0, "", "stats")
			golden(t, "outreach-journey", transcript.Bytes())
		})
	}
}

func TestTemplateCommands(t *testing.T) {
	h := newHarness(t, sqliteDB(t))
	out := h.run(0, "template", "list")
	if !strings.Contains(out, "email-referral") || strings.Contains(out, "(edited)") {
		t.Errorf("list:\n%s", out)
	}
	shown := h.run(0, "template", "show", "confirm")
	if !strings.HasPrefix(shown, "ID: confirm\nName: Confirmation about 48 hours before\nKind: confirm\nChannel: email\nSubject: Confirming") {
		t.Errorf("show:\n%s", shown)
	}
	edited := strings.Replace(shown, "If anything has changed", "If anything at all has changed", 1)
	if o, e, code := h.withStdin(edited, "template", "edit", "confirm"); code != 0 || !strings.Contains(o, "Saved template confirm") {
		t.Fatalf("edit: %d %s %s", code, o, e)
	}
	if out := h.run(0, "template", "show", "confirm"); out != edited {
		t.Errorf("edit did not round-trip:\n%s", out)
	}
	if out := h.run(0, "template", "list"); !strings.Contains(out, "Confirmation about 48 hours before (edited)") {
		t.Errorf("list after edit:\n%s", out)
	}
	// A bare body keeps the name and subject.
	h.withStdin("{{.Hi}} see you soon. {{.UserName}}", "template", "edit", "confirm")
	if out := h.run(0, "--json", "template", "show", "confirm"); !strings.Contains(out, `"subject": "Confirming our conversation`) || !strings.Contains(out, `"body": "{{.Hi}} see you soon. {{.UserName}}"`) {
		t.Errorf("bare body edit:\n%s", out)
	}
	if _, e, code := h.withStdin("Hi {{.Nickname}}", "template", "edit", "confirm"); code != 1 || !strings.Contains(e, "Nickname") {
		t.Errorf("a bad placeholder: %d %s", code, e)
	}
	if out := h.run(0, "template", "rm", "confirm"); !strings.Contains(out, "back to Ally's words") {
		t.Errorf("rm edit: %s", out)
	}
	o, e, code := h.withStdin("Name: Short alumni note\nKind: first_request\nChannel: social\n\n{{.Hi}} a fellow alum exploring {{.Field}}. Would you have {{.Minutes}} minutes for a call when convenient? {{.UserName}}\n",
		"template", "add")
	if code != 0 || !strings.Contains(o, "Added template my-short-alumni-note") {
		t.Fatalf("add: %d %s %s", code, o, e)
	}
	h.run(0, "person", "add", "Leah Goldberg", "--url", "https://example.com/in/leah", "--field", "UX research")
	draft := h.run(0, "draft", "Leah", "--template", "my-short-alumni-note")
	if draft != "Hi Leah, a fellow alum exploring UX research. Would you have 20 minutes for a call when convenient?\n" {
		t.Errorf("draft from own template: %q", draft)
	}
	h.run(0, "template", "rm", "my-short-alumni-note")
	h.run(1, "template", "rm", "my-short-alumni-note")
	h.run(1, "template", "show", "nope")
}

// TestSentSendsThroughSMTP sends a first request to an in-process SMTP
// sink and logs it.
func TestSentSendsThroughSMTP(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &sinkSession{keep: func(s string) { mu.Lock(); got = append(got, s); mu.Unlock() }}, nil
	}))
	srv.Domain, srv.ReadTimeout, srv.WriteTimeout = "localhost", 5*time.Second, 5*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = srv.Serve(l); close(done) }()
	t.Cleanup(func() { srv.Close(); l.Close(); <-done }) // l too: a Close before Serve took l closes nothing
	_, port, _ := net.SplitHostPort(l.Addr().String())

	h := newHarness(t, sqliteDB(t))
	h.run(0, "person", "add", "Joe Serra")
	h.run(0, "person", "add", "Dana Brown", "--referred-by", "Joe Serra", "--may-use-name", "yes", "--field", "Public policy", "--email", "dana@example.org")
	h.run(0, "convo", "add", "Dana")
	_, e, code := h.withStdin("", "sent", "1", "--kind", "first_request", "--send")
	if code != 1 || !strings.Contains(e, "no SMTP server is set") {
		t.Errorf("without SMTP settings: %d %s", code, e)
	}
	p, _ := strconv.Atoi(port)
	setProfile(t, h.db, func(s *method.Settings) {
		s.UserName, s.SMTPHost, s.SMTPPort, s.SMTPTLS, s.SMTPFrom = "Jordan Lee", "127.0.0.1", p, "none", "Jordan Lee <jordan@example.org>"
	})
	_, e, code = h.withStdin(jobAskMessage, "sent", "1", "--kind", "first_request", "--send", "--file", "-")
	if code != 1 || !strings.Contains(e, "not sent: job_ask") {
		t.Errorf("a job ask: %d %s", code, e)
	}
	out := h.run(0, "sent", "1", "--kind", "first_request", "--send")
	if !strings.Contains(out, "Sent and logged the first request to Dana Brown") || !strings.Contains(out, "is now requested") {
		t.Errorf("send: %s", out)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || !strings.Contains(got[0], "Subject: Joe Serra suggested I contact you") || !strings.Contains(got[0], "To: <dana@example.org>") {
		t.Errorf("the sink got %q", got)
	}
}

type sinkSession struct {
	keep func(string)
}

func (s *sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *sinkSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *sinkSession) Reset()                               {}
func (s *sinkSession) Logout() error                        { return nil }
func (s *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.keep(string(b))
	return err
}
