package web

import (
	"context"
	"net/url"
	"strings"
	"testing"
)

func TestTemplateEditorEditsRevertsAndAdds(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		list := readable(b.get("/templates").body)
		wantIn(t, "list", list, "Message templates", "First request by email, through a referrer", "Thank-you", "Add a template")
		wantIn(t, "settings link", b.get("/settings").body, `href="/templates"`)

		edit := readable(b.get("/templates/email-referral").body)
		wantIn(t, "edit", edit, "Ally’s template for a first request by email.", "Filled with example details", "Dr. Sam Patel suggested I contact you",
			"The checker finds nothing to change.", "{{.ReferrerName}}")
		if strings.Contains(edit, "Go back to Ally’s words") {
			t.Errorf("an unedited built-in offers to revert")
		}

		// A placeholder that does not exist: refused on the field, text kept.
		bad := url.Values{"name": {"Referral, my way"}, "subject": {"{{.ReferrerName}} suggested I write"}, "body": {"Hi {{.FirstName}}, hello."}}
		r := b.post("/templates/email-referral", bad)
		if r.status != 422 || !strings.Contains(r.body, "Message cannot be filled") || !strings.Contains(r.body, "Hi {{.FirstName}}, hello.") {
			t.Fatalf("a bad placeholder: %d %s", r.status, readable(r.body))
		}

		// An edit that asks for a job is saved, and the preview says so.
		ask := url.Values{"name": {"Referral, my way"}, "subject": {"{{.ReferrerName}} suggested I contact you"},
			"body": {"{{.Hi}}\n\n{{.ReferrerName}} suggested I contact you. Could you refer me for an opening on your team? Would you have {{.Minutes}} minutes at your convenience?\n\n{{.UserName}}"}}
		page := b.follow("/templates/email-referral", ask)
		wantIn(t, "saved", readable(page.body), "Saved the template “Referral, my way”.", "edited by you", "Asks for a job", "Ally’s words", "Go back to Ally’s words…")
		wantIn(t, "marked", page.body, `<mark class="error">`)
		if tp, err := b.sc.Template(context.Background(), "email-referral"); err != nil || !tp.Edited || tp.Name != "Referral, my way" {
			t.Fatalf("stored %+v %v", tp, err)
		}
		wantIn(t, "list after edit", readable(b.get("/templates").body), "Referral, my way", "edited")

		// Back to Ally's words, after a question.
		wantIn(t, "confirm revert", readable(b.get("/templates/email-referral/delete").body), "Go back to Ally’s words for “Referral, my way”?")
		page = b.follow("/templates/email-referral/delete", nil)
		wantIn(t, "reverted", readable(page.body), "“First request by email, through a referrer” is back in Ally’s words.")
		if r := b.get("/templates/email-referral/delete"); r.status != 422 {
			t.Errorf("reverting an unedited built-in: %d", r.status)
		}

		// One's own: the form says what is missing, then it is added, then deleted.
		r = b.post("/templates", url.Values{"name": {""}, "kind": {"thank_you"}, "channel": {"social"}, "subject": {"Thanks"}, "body": {"{{.Hi}} thank you! {{.UserName}}"}})
		if r.status != 422 || !strings.Contains(r.body, "Name is required.") || !strings.Contains(r.body, "Only an email has a subject") || !strings.Contains(r.body, "{{.Hi}} thank you!") {
			t.Fatalf("a new template with problems: %d %s", r.status, readable(r.body))
		}
		page = b.follow("/templates", url.Values{"name": {"Short thanks"}, "kind": {"thank_you"}, "channel": {"social"}, "body": {"{{.Hi}} thank you for your time today; I learned a lot. {{.UserName}}"}})
		wantIn(t, "added", readable(page.body), "Added the template “Short thanks”.", "Delete this template…")
		if _, err := b.sc.Template(context.Background(), "my-short-thanks"); err != nil {
			t.Fatalf("the new template: %v", err)
		}
		page = b.follow("/templates/my-short-thanks/delete", nil)
		wantIn(t, "deleted", readable(page.body), "Deleted the template “Short thanks”.")
		if r := b.get("/templates/my-short-thanks"); r.status != 404 {
			t.Errorf("a deleted template answers %d", r.status)
		}
	})
}
