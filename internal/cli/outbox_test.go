package cli_test

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/cli"
	"github.com/ally-dev/ally/internal/jobs"
	"github.com/ally-dev/ally/internal/mailer/mailtest"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// centerWithMail makes a's database a center whose emails go to a sink.
func centerWithMail(t *testing.T, a *ally) *mailtest.Sink {
	t.Helper()
	a.env = map[string]string{"ALLY_SECRET_KEY": base64.StdEncoding.EncodeToString([]byte(storetest.PostgresSecretKey))}
	initCenterCLI(a)
	k := mailtest.Start(t)
	a.runIn("sink secret\n", "center", "set", "--smtp-host", k.Host, "--smtp-port", strconv.Itoa(k.Port), "--smtp-tls", "none",
		"--smtp-user", "career", "--smtp-password-stdin", "--smtp-from", "Career Center <career@westlake.edu>")
	return k
}

func TestCenterSetKeepsTheMailServerAndTickSendsWhatIsDue(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		k := centerWithMail(t, a)
		var out cli.CenterOut
		a.json(&out, "center", "show")
		if out.SMTP.Host != k.Host || out.SMTP.Port != k.Port || out.SMTP.Username != "career" || out.SMTP.From != "Career Center <career@westlake.edu>" {
			t.Fatalf("center show: %+v", out.SMTP)
		}
		ctx := context.Background()
		st, err := store.Open(ctx, a.db, store.WithSecretKey([]byte(storetest.PostgresSecretKey)))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if c, err := st.CenterSMTP(ctx); err != nil || c.Password != "sink secret" {
			t.Fatalf("the stored password: %q %v", c.Password, err)
		}
		// Changing the port keeps the password and the rest.
		a.run(0, "center", "set", "--smtp-port", strconv.Itoa(k.Port))
		if c, err := st.CenterSMTP(ctx); err != nil || c.Password != "sink secret" || c.Username != "career" {
			t.Fatalf("after changing the port: %+v %v", c, err)
		}
		a.fails(cli.ExitError, "smtp_tls", "", "center", "set", "--smtp-tls", "sometimes")
		a.fails(cli.ExitError, "smtp_from", "", "center", "set", "--smtp-from", "nobody")

		due := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC) // 09:00 in New York
		if _, err := st.Enqueue(ctx, model.Email{Kind: "test", To: "sam@westlake.edu", Subject: "Hello", Body: "Hi Sam", DueAt: due, DedupeKey: "t1"}, due); err != nil {
			t.Fatal(err)
		}
		var rep jobs.Report
		a.json(&rep, "center", "tick", "--at", "2026-12-01 08:59")
		if rep.Sent != 0 || len(k.Received()) != 0 {
			t.Fatalf("sent before it was due: %+v", rep)
		}
		if text := a.run(0, "center", "tick", "--at", "2026-12-01 09:00"); !strings.Contains(text, "Sent 1 email") || len(k.To("sam@westlake.edu")) != 1 {
			t.Fatalf("tick at the due time: %q, %d received", text, len(k.Received()))
		}
		a.fails(cli.ExitError, "at", "", "center", "tick", "--at", "someday")

		// At two a minute, three emails due at once: two go, one waits
		// and the tick says why.
		a.run(0, "center", "set", "--smtp-per-minute", "2")
		for i := range 3 {
			if _, err := st.Enqueue(ctx, model.Email{Kind: "test", To: "sam@westlake.edu", Subject: "More", Body: "Hi", DueAt: due, DedupeKey: "r" + strconv.Itoa(i)}, due); err != nil {
				t.Fatal(err)
			}
		}
		if text := a.run(0, "center", "tick", "--at", "2026-12-01 09:05"); !strings.Contains(text, "Sent 2 emails") || !strings.Contains(text, "rate (`ally center show`): 1 email,") {
			t.Fatalf("tick at the rate: %q", text)
		}
		a.json(&rep, "center", "tick", "--at", "2026-12-01 09:06")
		if rep.Sent != 1 || rep.Held != 0 || len(k.To("sam@westlake.edu")) != 4 {
			t.Fatalf("the next minute: %+v, %d received", rep, len(k.To("sam@westlake.edu")))
		}
	})
}

func TestTickWithoutAMailServerSaysSo(t *testing.T) {
	a := sqliteAlly(t)
	initCenterCLI(a)
	if text := a.run(0, "center", "tick"); !strings.Contains(text, "no mail server") {
		t.Fatalf("tick without a mail server: %q", text)
	}
	a.fails(cli.ExitError, "personal, not a career center", "", "--db", a.db+"-other", "center", "tick")
}

func TestUserInviteQueuesALinkFromTheBaseURL(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		k := centerWithMail(t, a)
		a.env["ALLY_BASE_URL"] = "https://ally.westlake.edu"
		var inv model.Link
		a.json(&inv, "user", "invite", "Kim@Westlake.edu", "--role", "volunteer", "--name", "Kim Ortiz")
		if inv.Email != "Kim@Westlake.edu" || inv.Name != "Kim Ortiz" || len(inv.Roles) != 1 || inv.Roles[0] != model.RoleVolunteer ||
			!inv.ExpiresAt.Equal(ixNow.Add(7*24*time.Hour)) {
			t.Fatalf("the invitation: %+v", inv)
		}
		a.fails(cli.ExitError, "role", "", "user", "invite", "lee@westlake.edu", "--role", "owner")
		a.fails(cli.ExitError, "already has an account", "", "user", "invite", "ada@westlake.edu", "--role", "student")
		a.run(0, "center", "tick")
		ms := k.To("Kim@Westlake.edu")
		if len(ms) != 1 || !strings.Contains(ms[0].Body(), "https://ally.westlake.edu/invite/allyl_") || !strings.Contains(ms[0].Body(), "Hello Kim Ortiz") {
			t.Fatalf("the invitation email: %+v", ms)
		}
	})
}
