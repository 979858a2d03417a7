package cli_test

import (
	"encoding/base64"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/cli"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// requestCenter makes a center in New York with two students (Sam, Kim),
// two volunteers in public policy (Dana, who lives in Paris and offers one
// conversation a month, and Eli) and an advisor (Ada); it returns the
// files of a good message and of one that asks for a job.
func requestCenter(t *testing.T, a *ally) (good, jobAsk string) {
	t.Helper()
	// A request's emails seal a link key, which PostgreSQL keeps encrypted.
	a.env = map[string]string{"ALLY_SECRET_KEY": base64.StdEncoding.EncodeToString([]byte(storetest.PostgresSecretKey))}
	initCenterCLI(a)
	a.run(0, "center", "set", "--time-zone", "America/New_York")
	a.run(0, "user", "add", "sam@westlake.edu", "--name", "Sam Lee", "--role", "student")
	a.run(0, "user", "add", "kim@westlake.edu", "--name", "Kim Ortiz", "--role", "student")
	a.run(0, "user", "add", "dana@example.com", "--name", "Dana Brown", "--role", "volunteer")
	a.run(0, "user", "add", "eli@example.com", "--name", "Eli Novak", "--role", "volunteer")
	a.run(0, "volunteer", "set", "dana@example.com", "--field", "Public policy", "--capacity", "1", "--channel", "video,phone")
	a.run(0, "volunteer", "set", "eli@example.com", "--field", "Public policy", "--capacity", "2")
	st := a.openStore()
	dana, _, err := st.AccountByEmail(t.Context(), "dana@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.For(dana.ID).UpdateSettings(t.Context(), func(s *method.Settings) error { s.TimeZone = "Europe/Paris"; return nil }); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good = filepath.Join(dir, "good.txt")
	jobAsk = filepath.Join(dir, "job.txt")
	os.WriteFile(good, []byte("Dear Dana,\n\nProfessor Hall suggested I contact you. I am a junior at Westlake exploring public policy, "+
		"and I would love to hear how you came to your work. Would you have 20 minutes for a short call in the next weeks?\n\nThank you,\nSam"), 0o600)
	os.WriteFile(jobAsk, []byte("Dear Dana,\n\nI am a junior at Westlake. Could you refer me for a job at your agency? "+
		"I will attach my resume. Would you have 20 minutes for a call?\n\nSam"), 0o600)
	return good, jobAsk
}

func TestRequestCommandsSendAnswerAndFollowARequest(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		good, jobAsk := requestCenter(t, a)
		send := func(extra ...string) []string {
			return append([]string{"request", "send", "dana@example.com", "--as", "sam@westlake.edu", "--field", "Public policy",
				"--minutes", "20", "--at", "2026-11-23 09:00"}, extra...)
		}

		// Bad input: one clear line, a non-zero exit, nothing sent.
		a.fails(cli.ExitUsage, "needs --message", "", send()...)
		a.fails(cli.ExitUsage, "needs --as", "", "request", "send", "dana@example.com", "--field", "Law", "--message", good)
		a.fails(cli.ExitError, "no account has the email nobody@example.com", "", "request", "send", "nobody@example.com",
			"--as", "sam@westlake.edu", "--field", "Law", "--message", good)
		a.fails(cli.ExitError, "no account has the email nobody@example.com", "", "request", "list", "--as", "nobody@example.com")
		a.fails(cli.ExitError, "sam@westlake.edu is not a volunteer", "", "request", "send", "sam@westlake.edu",
			"--as", "kim@westlake.edu", "--field", "Law", "--message", good)
		a.fails(cli.ExitError, "dana@example.com is not a student", "", "request", "send", "eli@example.com",
			"--as", "dana@example.com", "--field", "Law", "--message", good)
		a.fails(cli.ExitError, "message", "", send("--message", filepath.Join(t.TempDir(), "missing.txt"))...)
		a.fails(cli.ExitError, "propose", "", send("--message", good, "--propose", "soonish")...)
		a.fails(cli.ExitError, "at", "", send("--message", good, "--at", "the day after")...)
		a.fails(cli.ExitError, "minutes", "", send("--message", good, "--minutes", "45")...)
		a.fails(cli.ExitError, "this volunteer talks by", "", send("--message", good, "--channel", "in person")...)

		// The checker refuses a message that asks for a job, with its
		// rule: the API's {error, rule} under --json, a plain line without.
		_, errOut, code := a.exec("", append([]string{"--json"}, send("--message", jobAsk)...)...)
		var refusal map[string]string
		if err := json.Unmarshal([]byte(errOut), &refusal); err != nil || code != cli.ExitError || refusal["rule"] != "checker" ||
			!strings.Contains(refusal["error"], "asks for a job") || len(refusal) != 2 {
			t.Fatalf("a job ask: exit %d, %q (%v)", code, errOut, err)
		}
		a.fails(cli.ExitError, "(rule: checker)", "", send("--message", jobAsk)...)

		// Sent, with a time proposed in Sam's zone (the center's, New York).
		var item store.RequestItem
		a.json(&item, send("--message", good, "--propose", "2026-11-30 10:00", "--purpose", "How policy work is really done")...)
		wantProposed := time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC)
		sent := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
		if item.State != center.StatePending || item.Volunteer.Name != "Dana Brown" || item.Volunteer.Email != "" || item.Channel != "video" ||
			item.Minutes != 20 || len(item.ProposedTimes) != 1 || !item.ProposedTimes[0].Equal(wantProposed) || !item.CreatedAt.Equal(sent) ||
			item.ExpiresAt == nil || !item.ExpiresAt.Equal(sent.AddDate(0, 0, 14)) || item.Flagged {
			t.Fatalf("the request sent: %+v", item)
		}
		danaReq := strconv.FormatInt(item.ID, 10)
		_, errOut, code = a.exec("", append([]string{"--json"}, send("--message", good)...)...)
		if code != cli.ExitError || !strings.Contains(errOut, `"rule":"one_per_volunteer"`) {
			t.Fatalf("a second request to Dana: exit %d, %s", code, errOut)
		}
		out := a.run(0, "request", "send", "eli@example.com", "--as", "sam@westlake.edu", "--field", "public policy", "--minutes", "15",
			"--message", good, "--at", "2026-11-23 09:05")
		if !strings.Contains(out, "Sent request") || !strings.Contains(out, "Eli Novak") || !strings.Contains(out, "at their convenience") ||
			!strings.Contains(out, "Mon 7 Dec 2026, 09:05 EST") {
			t.Fatalf("send as text:\n%s", out)
		}

		// The list has exactly the keys the API's GET /api/v1/requests has.
		raw := a.run(0, "--json", "request", "list", "--as", "sam@westlake.edu")
		var generic struct {
			Requests []map[string]json.RawMessage `json:"requests"`
			Pending  int                          `json:"pending"`
			Limit    int                          `json:"pending_limit"`
		}
		if err := json.Unmarshal([]byte(raw), &generic); err != nil || len(generic.Requests) != 2 || generic.Pending != 2 || generic.Limit != 5 {
			t.Fatalf("list as Sam: %v\n%s", err, raw)
		}
		keys := slices.Sorted(maps.Keys(generic.Requests[1]))
		want := []string{"answered_at", "channel", "created_at", "decline_reason", "expires_at", "field", "id", "meeting_at", "minutes",
			"proposed_times", "state", "student", "volunteer"}
		if !slices.Equal(keys, want) {
			t.Errorf("the keys of a request: %v, want %v", keys, want)
		}
		if v := string(generic.Requests[1]["volunteer"]); strings.Contains(v, "email") {
			t.Errorf("Sam sees Dana's email before she accepted: %s", v)
		}
		// Dana reads it in her own zone: Paris.
		out = a.run(0, "request", "list", "--as", "dana@example.com")
		if !strings.Contains(out, "Sam Lee") || !strings.Contains(out, "Mon 30 Nov 2026, 16:00 CET") || strings.Contains(out, "sam@westlake.edu") ||
			!strings.Contains(out, "1 request waiting for your answer") {
			t.Fatalf("list as Dana:\n%s", out)
		}
		a.fails(cli.ExitError, "is not an advisor", "", "request", "list", "--as", "dana@example.com", "--view", "advisor")
		a.fails(cli.ExitError, "no request with id", "", "request", "show", danaReq, "--as", "kim@westlake.edu")
		out = a.run(0, "request", "show", danaReq, "--as", "dana@example.com")
		if !strings.Contains(out, "Professor Hall suggested") || !strings.Contains(out, "How policy work is really done") {
			t.Fatalf("show as Dana:\n%s", out)
		}
		var meta store.RequestItem
		a.json(&meta, "request", "show", danaReq, "--as", "ada@westlake.edu")
		if meta.ID != item.ID || meta.Detail == nil || meta.Detail.Message != "" || meta.Student.Email != "sam@westlake.edu" {
			t.Fatalf("show as the advisor: %+v %+v", meta, meta.Detail)
		}

		// Dana accepts the time Sam proposed, typed in her zone; Sam's
		// other request in the field is withdrawn.
		a.fails(cli.ExitError, "Only the volunteer can accept", "", "request", "accept", danaReq, "--as", "sam@westlake.edu")
		a.fails(cli.ExitError, "time", "", "request", "accept", danaReq, "--as", "dana@example.com", "--time", "half past")
		out = a.run(0, "request", "accept", danaReq, "--as", "dana@example.com", "--time", "2026-11-30 16:00", "--at", "2026-11-24 10:00")
		if !strings.Contains(out, "other request in this field was withdrawn") || !strings.Contains(out, "Meeting:") ||
			!strings.Contains(out, "Mon 30 Nov 2026, 16:00 CET") || !strings.Contains(out, "sam@westlake.edu") {
			t.Fatalf("accept as text:\n%s", out)
		}
		var list store.RequestList
		a.json(&list, "request", "list", "--as", "sam@westlake.edu")
		if list.Pending != 0 || list.Counts[center.StateAccepted] != 1 || list.Counts[center.StateWithdrawn] != 1 {
			t.Fatalf("Sam's requests after Dana accepted: %+v", list)
		}
		for _, r := range list.Requests {
			if r.ID == item.ID && (r.Volunteer.Email != "dana@example.com" || r.MeetingAt == nil || !r.MeetingAt.Equal(wantProposed)) {
				t.Errorf("the accepted request as Sam sees it: %+v", r)
			}
		}

		// Dana's one conversation this month is taken: Kim is refused.
		_, errOut, code = a.exec("", "--json", "request", "send", "dana@example.com", "--as", "kim@westlake.edu", "--field", "Public policy",
			"--message", good, "--at", "2026-11-25 09:00")
		if err := json.Unmarshal([]byte(errOut), &refusal); err != nil || code != cli.ExitError || refusal["rule"] != "capacity" {
			t.Fatalf("Kim to a full Dana: exit %d, %s", code, errOut)
		}

		// Eli declines Kim's request kindly; Kim withdraws another.
		var kim store.RequestItem
		a.json(&kim, "request", "send", "eli@example.com", "--as", "kim@westlake.edu", "--field", "Public policy", "--message", good,
			"--at", "2026-11-25 09:00")
		a.fails(cli.ExitError, "", "", "request", "decline", strconv.FormatInt(kim.ID, 10), "--as", "eli@example.com")
		a.json(&kim, "request", "decline", strconv.FormatInt(kim.ID, 10), "--as", "eli@example.com", "--reason", "not_my_field",
			"--at", "2026-11-26 09:00")
		if kim.State != center.StateDeclined || kim.DeclineReason != "not_my_field" {
			t.Fatalf("declined: %+v", kim)
		}
		a.json(&kim, "request", "send", "eli@example.com", "--as", "kim@westlake.edu", "--field", "Urban planning", "--message", good,
			"--at", "2026-11-26 10:00")
		a.json(&kim, "request", "cancel", strconv.FormatInt(kim.ID, 10), "--as", "kim@westlake.edu", "--reason", "found a class on it",
			"--at", "2026-11-26 11:00")
		if kim.State != center.StateWithdrawn {
			t.Fatalf("Kim's cancel of a request waiting: %+v", kim)
		}

		// The meeting passes: held, then each side's feedback, once.
		a.fails(cli.ExitError, "", "", "request", "feedback", danaReq, "--as", "sam@westlake.edu", "--rating", "5", "--at", "2026-11-30 12:00")
		a.json(&item, "request", "held", danaReq, "--as", "dana@example.com", "--at", "2026-11-30 17:00")
		if item.State != center.StateHeld {
			t.Fatalf("held: %+v", item)
		}
		a.fails(cli.ExitError, "no request with id", "", "request", "feedback", danaReq, "--as", "ada@westlake.edu", "--rating", "4")
		a.fails(cli.ExitError, "from 1 (not much) to 5", "", "request", "feedback", danaReq, "--as", "sam@westlake.edu", "--rating", "9")
		var receipt store.FeedbackReceipt
		a.json(&receipt, "request", "feedback", danaReq, "--as", "sam@westlake.edu", "--rating", "5", "--note", "Thank you for the time!",
			"--at", "2026-11-30 18:00")
		if receipt.RequestID != item.ID || receipt.By != "student" || receipt.Note != "Thank you for the time!" ||
			!receipt.GivenAt.Equal(time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)) {
			t.Fatalf("feedback: %+v", receipt)
		}
		a.fails(cli.ExitError, "", "", "request", "feedback", danaReq, "--as", "sam@westlake.edu", "--rating", "4")
		out = a.run(0, "request", "show", danaReq, "--as", "dana@example.com")
		if !strings.Contains(out, "Thank you for the time!") || strings.Contains(strings.ToLower(out), "rating") {
			t.Fatalf("Dana reads Sam's thank-you note:\n%s", out)
		}
	})
}

func TestRequestNoShowsBlockTheStudentWithTheBlockedRule(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		good, _ := requestCenter(t, a)
		a.run(0, "volunteer", "set", "eli@example.com", "--capacity", "4")
		// Two conversations Kim does not come to, a week apart.
		for i, day := range []string{"2026-11-24", "2026-12-01"} {
			var r store.RequestItem
			a.json(&r, "request", "send", "eli@example.com", "--as", "kim@westlake.edu", "--field", "Public policy", "--message", good,
				"--at", day+" 09:00", "--propose", day+" 15:00")
			id := strconv.FormatInt(r.ID, 10)
			a.json(&r, "request", "accept", id, "--as", "eli@example.com", "--time", day+" 15:00", "--at", day+" 10:00")
			a.fails(cli.ExitError, "", "", "request", "no-show", id, "--as", "kim@westlake.edu", "--at", day+" 16:00")
			a.json(&r, "request", "no-show", id, "--as", "eli@example.com", "--at", day+" 16:00")
			if r.State != center.StateNoShow {
				t.Fatalf("no-show %d: %+v", i+1, r)
			}
		}
		_, errOut, code := a.exec("", "--json", "request", "send", "dana@example.com", "--as", "kim@westlake.edu", "--field", "Public policy",
			"--message", good, "--at", "2026-12-02 09:00")
		if code != cli.ExitError || !strings.Contains(errOut, `"rule":"blocked"`) {
			t.Fatalf("a blocked student sends: exit %d, %s", code, errOut)
		}
	})
}
