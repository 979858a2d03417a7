package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method"
)

func TestSettingsKeepTheSMTPPasswordUnseen(t *testing.T) {
	b := newBrowser(t, false)
	base := url.Values{"time_zone": {"America/New_York"}, "contact_another_business_days": {"3"}, "follow_up_business_days": {"7"},
		"no_reply_business_days": {"7"}, "confirm_hours": {"48"}, "prepare_hours": {"24"}, "write_notes_hours": {"1"}, "thank_hours": {"12"},
		"report_back_days": {"2"}, "keep_in_touch_days": {"90"}, "target_perspectives": {"3"},
		"smtp_host": {"smtp.example.org"}, "smtp_port": {"587"}, "smtp_username": {"jordan"}, "smtp_from": {"Jordan Lee <jordan@example.org>"}}
	with := func(kv ...string) url.Values {
		v := url.Values{}
		for k, x := range base {
			v[k] = x
		}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	stored := func() method.Settings {
		st, err := b.sc.Settings(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	page := b.follow("/settings", with("smtp_password", "hunter2-secret"))
	wantIn(t, "saved", readable(page.body), "Saved your settings.", "A password is set. Leave this empty to keep it.", "Forget the saved password")
	if strings.Contains(page.body, "hunter2") {
		t.Fatalf("the settings page shows the password")
	}
	if st := stored(); st.SMTPPassword != "hunter2-secret" || st.SMTPHost != "smtp.example.org" || st.SMTPPort != 587 || st.SMTPUsername != "jordan" {
		t.Fatalf("stored %+v", st)
	}
	// Saving again without typing it keeps it.
	b.follow("/settings", with())
	if st := stored(); st.SMTPPassword != "hunter2-secret" {
		t.Errorf("an empty password field cleared the password")
	}
	// A form with a problem never sends it back either.
	r := b.post("/settings", with("smtp_from", "not an address", "smtp_password", "new-secret"))
	if r.status != 422 || strings.Contains(r.body, "secret") || !strings.Contains(readable(r.body), "is not an email address") {
		t.Errorf("a bad From: %d %s", r.status, readable(r.body))
	}
	r = b.post("/settings", with("smtp_from", ""))
	if r.status != 422 || !strings.Contains(readable(r.body), "From is needed to send") {
		t.Errorf("no From: %d %s", r.status, readable(r.body))
	}
	r = b.post("/settings", with("smtp_tls", "none"))
	if r.status != 422 || !strings.Contains(readable(r.body), "clear text") {
		t.Errorf("a password in clear text: %d %s", r.status, readable(r.body))
	}
	if st := stored(); st.SMTPPassword != "hunter2-secret" || st.SMTPFrom != "Jordan Lee <jordan@example.org>" {
		t.Errorf("a refused form changed the settings: %+v", st)
	}
	b.follow("/settings", with("smtp_password_forget", "on"))
	if st := stored(); st.SMTPPassword != "" {
		t.Errorf("forget kept the password")
	}
	// No server: nothing else is required.
	b.follow("/settings", with("smtp_host", "", "smtp_from", ""))
	if st := stored(); st.SMTPHost != "" {
		t.Errorf("the host stayed: %+v", st)
	}
}
