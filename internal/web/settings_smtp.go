package web

import (
	"strconv"
	"strings"

	"github.com/ally-dev/ally/internal/mailer"
	"github.com/ally-dev/ally/internal/method"
)

// The settings page's "Sending email" part: the user's own SMTP server,
// which lets the composer send a message itself. The password is never
// sent back to the browser: the page says one is saved, and keeps it
// unless a new one is typed or the user asks to forget it.

// smtpFields adds the SMTP settings to the settings form; values are what
// the user typed (nil to show what is stored).
func smtpFields(f *form, st *method.Settings, values map[string]string) {
	get := func(name, stored string) string {
		if v, ok := values[name]; ok {
			return v
		}
		return stored
	}
	port := ""
	if st.SMTPPort != 0 {
		port = strconv.Itoa(st.SMTPPort)
	}
	f.add("smtp_host", "SMTP server", get("smtp_host", st.SMTPHost)).auto("off").
		hint("Like smtp.example.org. Leave it empty to send from your own mail app only.")
	f.add("smtp_port", "Port", get("smtp_port", port)).kind("number").hint("Empty means 587 with STARTTLS, 465 with TLS.")
	f.add("smtp_tls", "Security", get("smtp_tls", st.SMTPTLS)).options([]option{
		{"", "STARTTLS (the usual, port 587)"}, {string(mailer.ImplicitTLS), "TLS from the start (port 465)"},
		{string(mailer.NoTLS), "None: a relay on this computer only"}})
	f.add("smtp_username", "User name", get("smtp_username", st.SMTPUsername)).auto("off")
	pw := f.add("smtp_password", "Password", "").kind("password").auto("off")
	if st.SMTPPassword != "" {
		pw.hint("A password is set. Leave this empty to keep it.")
		f.add("smtp_password_forget", "Forget the saved password", "on").checked(values["smtp_password_forget"] != "")
	}
	f.add("smtp_from", "From", get("smtp_from", st.SMTPFrom)).auto("off").
		hint("Your address, as people will see it: Dana Brown <dana@example.org>.")
}

// readSMTP puts the typed SMTP settings in st and marks what cannot work.
func readSMTP(f *form, st *method.Settings, values map[string]string) {
	st.SMTPHost = strings.TrimSpace(values["smtp_host"])
	st.SMTPPort = f.intValue("smtp_port", 0)
	st.SMTPTLS = strings.TrimSpace(values["smtp_tls"])
	if st.SMTPTLS == string(mailer.StartTLS) {
		st.SMTPTLS = ""
	}
	st.SMTPUsername = strings.TrimSpace(values["smtp_username"])
	st.SMTPFrom = strings.TrimSpace(values["smtp_from"])
	switch {
	case values["smtp_password"] != "":
		st.SMTPPassword = values["smtp_password"]
	case values["smtp_password_forget"] != "":
		st.SMTPPassword = ""
	}
	cfg, on := mailer.ConfigFromSettings(*st)
	if !on {
		return
	}
	if cfg.From == "" {
		f.invalid("smtp_from", "is needed to send: the address your messages come from")
		return
	}
	if err := cfg.Validate(); err != nil {
		// mailer says "smtp_name: what is wrong".
		name, msg, _ := strings.Cut(err.Error(), ": ")
		f.invalid(name, msg)
	}
}
