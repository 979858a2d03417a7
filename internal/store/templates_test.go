package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestTemplatesEditRevertAddAndDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := db.Scope()
		all, err := sc.Templates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		builtIns := etiquette.BuiltIns()
		if len(all) != len(builtIns) {
			t.Fatalf("a new user has %d templates, want the %d built-ins", len(all), len(builtIns))
		}
		for i, tp := range all {
			if tp.ID != builtIns[i].ID || !tp.BuiltIn || tp.Edited || tp.UpdatedAt != nil {
				t.Errorf("template %d: %+v", i, tp)
			}
		}

		// Editing a built-in keeps an edit beside Ally's words.
		edit := etiquette.Template{ID: "email-cold", Subject: "Learning about {{.Field}}",
			Body: "{{.Greeting}}\n\nI read about your work at {{.Organization}}. Would you have {{.Minutes}} minutes for a call at your convenience?\n\n{{.UserName}}"}
		got, err := sc.UpdateTemplate(ctx, edit, now)
		if err != nil {
			t.Fatalf("edit built-in: %v", err)
		}
		if !got.Edited || !got.BuiltIn || got.Kind != etiquette.FirstRequest || got.Channel != etiquette.Email || got.Name == "" {
			t.Errorf("edited built-in: %+v", got)
		}
		if _, err := sc.UpdateTemplate(ctx, edit, now.Add(1)); err != nil {
			t.Fatalf("edit again: %v", err)
		}
		read, err := sc.Template(ctx, "email-cold")
		if err != nil || read.Body != edit.Body || read.Subject != edit.Subject || !read.Edited || !read.UpdatedAt.Equal(now.Add(1).Truncate(1000)) {
			t.Fatalf("read edit back: %+v, %v", read, err)
		}
		// The kind and channel of a built-in stay.
		bad := edit
		bad.Kind = etiquette.ThankYou
		if _, err := sc.UpdateTemplate(ctx, bad, now); model.AsErrors(err) == nil {
			t.Errorf("changing a built-in's kind: %v", err)
		}

		// A template of one's own gets an id from its name.
		own := etiquette.Template{Name: "Alumni note (short)", Kind: etiquette.FirstRequest, Channel: etiquette.Social,
			Body: "{{.Hi}} I'm a fellow {{.UserSchool}} student exploring {{.Field}}. Would you have {{.Minutes}} minutes for a call when convenient? {{.UserName}}"}
		mine, err := sc.CreateTemplate(ctx, own, now)
		if err != nil {
			t.Fatalf("add: %v", err)
		}
		if mine.ID != "my-alumni-note-short" || mine.BuiltIn || mine.Edited {
			t.Errorf("added: %+v", mine)
		}
		again, err := sc.CreateTemplate(ctx, own, now)
		if err != nil || again.ID != "my-alumni-note-short-2" {
			t.Errorf("the same name again: %+v, %v", again, err)
		}
		if _, err := sc.CreateTemplate(ctx, etiquette.Template{ID: "my-alumni-note-short", Name: "x", Kind: etiquette.Confirm,
			Channel: etiquette.Email, Body: "Hi"}, now); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a taken id: %v", err)
		}
		if _, err := sc.CreateTemplate(ctx, etiquette.Template{ID: "email-cold", Name: "x", Kind: etiquette.Confirm,
			Channel: etiquette.Email, Body: "Hi"}, now); model.AsErrors(err) == nil {
			t.Errorf("an id without my-: %v", err)
		}
		mine.Kind, mine.Name = etiquette.FollowUp, "Alumni follow-up"
		if _, err := sc.UpdateTemplate(ctx, mine.Template, now); err != nil {
			t.Fatalf("edit own: %v", err)
		}

		all, err = sc.Templates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, tp := range all[len(builtIns):] {
			ids = append(ids, tp.ID)
		}
		// Own templates come after the built-ins, by kind then name.
		if strings.Join(ids, ",") != "my-alumni-note-short-2,my-alumni-note-short" {
			t.Errorf("own templates listed as %v", ids)
		}
		if !all[2].Edited || all[2].ID != "email-cold" {
			t.Errorf("the edit is not in the list: %+v", all[2])
		}

		// Deleting an edit reverts; deleting an unedited built-in is refused.
		if reverted, err := sc.DeleteTemplate(ctx, "email-cold"); err != nil || !reverted {
			t.Errorf("revert: %v %v", reverted, err)
		}
		read, _ = sc.Template(ctx, "email-cold")
		if read.Edited || read.Body != builtIns[2].Body {
			t.Errorf("after revert: %+v", read)
		}
		if _, err := sc.DeleteTemplate(ctx, "email-cold"); model.AsErrors(err) == nil {
			t.Errorf("deleting an unedited built-in: %v", err)
		}
		if reverted, err := sc.DeleteTemplate(ctx, "my-alumni-note-short"); err != nil || reverted {
			t.Errorf("delete own: %v %v", reverted, err)
		}
		if _, err := sc.Template(ctx, "my-alumni-note-short"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted template still read: %v", err)
		}
		if _, err := sc.DeleteTemplate(ctx, "my-nothing"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("delete unknown: %v", err)
		}
		if _, err := sc.UpdateTemplate(ctx, etiquette.Template{ID: "my-nothing", Name: "x", Kind: etiquette.Confirm, Channel: etiquette.Email, Body: "Hi"}, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("update unknown: %v", err)
		}

		// Another owner sees only the built-ins.
		other, err := db.Store.NewUser(ctx, "Other", now)
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := db.Store.For(other).Templates(ctx)
		if err != nil || len(theirs) != len(builtIns) {
			t.Errorf("another owner sees %d templates (%v)", len(theirs), err)
		}
	})
}

func TestTemplateValidation(t *testing.T) {
	sc := storetest.SQLite(t).Scope()
	ctx := context.Background()
	good := etiquette.Template{Name: "Mine", Kind: etiquette.ThankYou, Channel: etiquette.Email, Subject: "Thanks", Body: "{{.Hi}} Thank you. {{.UserName}}"}
	tests := []struct {
		name  string
		edit  func(*etiquette.Template)
		field string
	}{
		{"no name", func(t *etiquette.Template) { t.Name = "  " }, "name"},
		{"unknown kind", func(t *etiquette.Template) { t.Kind = "job_application" }, "kind"},
		{"unknown channel", func(t *etiquette.Template) { t.Channel = "fax" }, "channel"},
		{"subject on a letter", func(t *etiquette.Template) { t.Channel = etiquette.Letter }, "subject"},
		{"empty body", func(t *etiquette.Template) { t.Body = "\n" }, "body"},
		{"NUL in the body", func(t *etiquette.Template) { t.Body = "Hi\n\x00" }, "body"},
		{"NUL in the name", func(t *etiquette.Template) { t.Name = "a\x00b" }, "name"},
		{"unknown placeholder", func(t *etiquette.Template) { t.Body = "Hi {{.Nickname}}" }, "body"},
		{"bad syntax in the subject", func(t *etiquette.Template) { t.Subject = "Thanks {{if .Field}" }, "subject"},
		{"bad id", func(t *etiquette.Template) { t.ID = "my-Bad id" }, "id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tp := good
			tc.edit(&tp)
			_, err := sc.CreateTemplate(ctx, tp, now)
			es := model.AsErrors(err)
			if es == nil || es.For(tc.field) == "" {
				t.Errorf("got %v, want an error on %s", err, tc.field)
			}
		})
	}
	all, err := sc.Templates(ctx)
	if err != nil || len(all) != len(etiquette.BuiltIns()) {
		t.Errorf("refused templates were stored: %d, %v", len(all), err)
	}
}
