package e2e

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/store"
)

// shown is a script that says whether the element the selector finds is
// drawn: not hidden, not inside a closed menu (whose content a layout query
// would still measure, hence checkVisibility).
func shown(selector string) string {
	return `(() => { const el = document.querySelector(` + strconv.Quote(selector) + `);
		return !!el && el.checkVisibility({visibilityProperty: true}); })()`
}

// On a phone the header is one row: the brand, the search box and a menu
// that opens the navigation; on a desktop the navigation shows without a
// menu. Conversation mode gets the same short header.
func TestHeaderFoldsIntoAMenuOnAPhone(t *testing.T) {
	app := storyApp(t)
	ctx := NewBrowser(t)
	convos, err := app.Scope().Conversations(context.Background(), store.ConversationFilter{Limit: 1})
	if err != nil || len(convos) == 0 {
		t.Fatalf("the story's conversations: %v", err)
	}
	people := `.site-nav a[href="/people"]`
	for _, path := range []string{"/", "/conversations/" + itoa(convos[0].ID) + "/live"} {
		mustDo(t, ctx, Mobile(), chromedp.Navigate(app.URL+path))
		if h := eval[float64](t, ctx, `document.querySelector(".site-header").getBoundingClientRect().height`); h > 80 {
			t.Errorf("%s: the header is %.0f px tall on a phone, want one row (at most 80)", path, h)
		}
		if !eval[bool](t, ctx, shown("#site-q")) || !eval[bool](t, ctx, shown(".site-menu > summary")) {
			t.Errorf("%s: on a phone the search box and the menu should show", path)
		}
		if eval[bool](t, ctx, shown(people)) {
			t.Errorf("%s: the navigation shows on a phone before the menu is opened", path)
		}
		FitsWidth(t, ctx)
	}
	mustDo(t, ctx, chromedp.Click(`.site-menu > summary`))
	if !eval[bool](t, ctx, shown(people)) {
		t.Fatal("opening the menu does not show the navigation")
	}
	Axe(t, ctx)
	navigating(t, ctx, chromedp.Click(people))
	wantText(t, ctx, "People")
	if eval[bool](t, ctx, shown(people)) {
		t.Errorf("the menu stays open on the next page")
	}

	mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+"/"))
	if !eval[bool](t, ctx, shown(people)) || eval[bool](t, ctx, shown(".site-menu > summary")) {
		t.Errorf("on a desktop the navigation should show without a menu")
	}
	Axe(t, ctx)
}

// On a phone the field report's and the stats' tables are stacks of cards,
// each cell named by its column, instead of a table to scroll sideways.
func TestReportTablesStackOnAPhone(t *testing.T) {
	app := storyApp(t)
	ctx := NewBrowser(t)
	field, _, err := app.Scope().ResolveField(context.Background(), "Public policy")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/fields/" + itoa(field), "/stats", "/conversations"} {
		mustDo(t, ctx, Mobile(), chromedp.Navigate(app.URL+path))
		n := eval[int](t, ctx, `document.querySelectorAll("table.stack").length`)
		if n == 0 {
			t.Fatalf("%s has no report table", path)
		}
		wide := eval[[]string](t, ctx, `[...document.querySelectorAll("table.stack")].filter(t => {
			const box = t.parentElement; return box.scrollWidth > box.clientWidth + 1 || getComputedStyle(t.querySelector("tbody tr")).display !== "block";
		}).map(t => (t.querySelector("caption, th") || t).textContent.trim().slice(0, 40))`)
		if len(wide) > 0 {
			t.Errorf("%s: tables still scroll sideways or are not cards on a phone: %q", path, wide)
		}
		label := eval[string](t, ctx, `getComputedStyle(document.querySelector("table.stack td[data-label]"), "::before").content`)
		if label == "" || label == "none" || label == "normal" {
			t.Errorf("%s: a card's cell does not name its column (::before is %q)", path, label)
		}
		FitsWidth(t, ctx)
		Axe(t, ctx)
		mustDo(t, ctx, Desktop(), chromedp.Navigate(app.URL+path))
		if d := eval[string](t, ctx, `getComputedStyle(document.querySelector("table.stack tbody tr")).display`); d != "table-row" {
			t.Errorf("%s: on a desktop a report table's row is %q, want a table row", path, d)
		}
	}
}
