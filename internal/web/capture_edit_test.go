package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

func TestCapturesCanBeEditedAndTermsClarifiedFromTheWeb(t *testing.T) {
	eachDB(t, false, func(t *testing.T, b *browser) {
		ctx := context.Background()
		c := planned(t, b, "Lee Park", "Urban planning", 20, model.StateHeld)
		other := planned(t, b, "Ann Roe", "Urban planning", 20, model.StateHeld)
		term := &store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: "varianse"}
		res := &store.Capture{ConversationID: c.ID, Kind: store.CaptureResource, Text: "APA", ResourceKind: store.ResourceOther}
		for _, k := range []*store.Capture{term, res} {
			if err := b.sc.AddCapture(ctx, k, pagesNow); err != nil {
				t.Fatal(err)
			}
		}
		stored := func(id int64) *store.Capture {
			t.Helper()
			k, err := b.sc.Capture(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return k
		}
		editPath := convoPath(c, "/captures/"+itoa(term.ID)+"/edit")

		// The write-up lists them with an edit link and, for a term, a button.
		page := b.get(convoPath(c, "/writeup"))
		wantIn(t, "write-up", page.body, `href="`+editPath+`"`, `action="`+convoPath(c, "/captures/"+itoa(term.ID)+"/resolve")+`"`)
		wantIn(t, "live", b.get(convoPath(c, "/live")).body, `href="`+editPath+`?back=`)

		// Mark clarified with a plain post, then open again.
		r := b.post(convoPath(c, "/captures/"+itoa(term.ID)+"/resolve"), url.Values{"resolved": {"yes"}})
		if r.status != 303 || !stored(term.ID).Resolved || r.header.Get("Location") != convoPath(c, "/writeup")+"#captured" {
			t.Fatalf("mark clarified: %d to %q, resolved %v", r.status, r.header.Get("Location"), stored(term.ID).Resolved)
		}
		wantIn(t, "clarified", readable(b.get(r.header.Get("Location")).body), "Marked “varianse” clarified.", "Mark as still to clarify")
		b.post(convoPath(c, "/captures/"+itoa(term.ID)+"/resolve"), url.Values{"resolved": {"no"}})
		if stored(term.ID).Resolved {
			t.Fatal("the term stays clarified")
		}
		// Only a term can be clarified.
		r = b.follow(convoPath(c, "/captures/"+itoa(res.ID)+"/resolve"), url.Values{"resolved": {"yes"}})
		wantIn(t, "resource resolved", readable(r.body), "not a term to clarify")

		// The edit form shows what is stored and saves a fix.
		wantIn(t, "edit form", b.get(editPath).body, `value="varianse"`, `name="resolved"`, "What it means")
		r = b.post(convoPath(c, "/captures/"+itoa(term.ID)), url.Values{"text": {"variance"}, "note": {"a permit exception"}, "resolved": {"yes"}})
		if k := stored(term.ID); r.status != 303 || k.Text != "variance" || k.Note != "a permit exception" || !k.Resolved {
			t.Fatalf("edit: %d, stored %+v", r.status, k)
		}
		// A bad edit keeps what was typed, with the error by the field.
		r = b.post(convoPath(c, "/captures/"+itoa(term.ID)), url.Values{"text": {" "}, "note": {"kept note"}})
		if r.status != 422 {
			t.Fatalf("empty text: %d", r.status)
		}
		wantIn(t, "refused edit", r.body, "kept note", `aria-invalid="true"`, "is required")
		if stored(term.ID).Text != "variance" {
			t.Fatal("a refused edit changed the capture")
		}
		// A resource keeps its kind choice.
		b.post(convoPath(c, "/captures/"+itoa(res.ID)), url.Values{"text": {"APA"}, "resource_kind": {"association"}})
		if k := stored(res.ID); k.ResourceKind != store.ResourceAssociation {
			t.Fatalf("resource kind: %q", k.ResourceKind)
		}
		// A capture is reached only through its own conversation.
		for _, path := range []string{convoPath(other, "/captures/"+itoa(term.ID)+"/edit"), convoPath(c, "/captures/999/edit")} {
			if r := b.get(path); r.status != 404 {
				t.Errorf("GET %s: %d", path, r.status)
			}
		}
		if r := b.post(convoPath(other, "/captures/"+itoa(term.ID)), url.Values{"text": {"x"}}); r.status != 404 || stored(term.ID).Text != "variance" {
			t.Errorf("edit through another conversation: %d", r.status)
		}
		if strings.Contains(b.get(convoPath(c, "/writeup")).body, "varianse") {
			t.Error("the write-up still shows the old spelling")
		}
	})
}
