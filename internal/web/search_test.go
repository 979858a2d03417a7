package web

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// A word in more records than a search ranks gives the best of those it
// ranked, and the page and the API say so; a narrower search says nothing.
func TestSearchSaysWhenItRankedOnlySomeOfTheMatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		b := browserOn(t, db, false)
		if _, err := db.Scope().LoadBulk(context.Background(), demo.Synthetic(3000, 1, pagesNow), pagesNow); err != nil {
			t.Fatal(err)
		}
		// How many a search ranks on each database (store.rankCandidates).
		ranked := map[string]string{"sqlite": "300", "postgres": "1000"}[db.Name]
		cut := "these are the best of " + ranked + " of them. Add a word to narrow the search"
		wantIn(t, "a common word", b.get("/search?q=fieldwork").body, "50 results for “fieldwork”: more records match", cut)
		if body := b.get("/search?q=fieldwork+dana+br").body; strings.Contains(body, cut) || !strings.Contains(body, ">Dana Brown</a>") {
			t.Errorf("a narrow search says it was cut, or finds no Dana Br…:\n%s", body)
		}

		c := newAPI(t, db)
		for _, tc := range []struct{ q, header string }{{"fieldwork", ranked}, {"fieldwork+dana+br", ""}} {
			resp := get(t, c, "/api/v1/search?q="+tc.q, nil)
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var hits []map[string]any
			if err := json.Unmarshal(raw, &hits); err != nil || len(hits) == 0 {
				t.Fatalf("%s: %v in %s", tc.q, err, raw)
			}
			if got := resp.Header.Get("Ally-Search-Cut"); got != tc.header {
				t.Errorf("%s: Ally-Search-Cut %q, want %q", tc.q, got, tc.header)
			}
		}
	})
}
