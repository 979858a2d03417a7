package web

import (
	"regexp"
	"strings"
	"testing"
)

func TestNetworkPageDrawsTheChainsAndListsThem(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		r := b.get("/network")
		if r.status != 200 {
			t.Fatalf("network: %d\n%s", r.status, readable(r.body))
		}
		page := readable(r.body)
		wantIn(t, "network", page, "Your network", "Referral depth", "Conversations held", "Requests by source", "The chains", "The picture")
		wantIn(t, "markup", r.body, `<svg class="network-svg"`, `aria-hidden="true"`, `marker-end="url(#suggested-arrow)"`,
			`<ul class="chains">`, `<a href="/network" aria-current="page">Network</a>`, `href="/stats"`)
		// Every person drawn links to their page, in the picture and in the list alike.
		svg := r.body[strings.Index(r.body, "<svg"):strings.Index(r.body, "</svg>")]
		list := r.body[strings.Index(r.body, `<ul class="chains">`):]
		links := regexp.MustCompile(`href="/people/(\d+)"`)
		drawn := links.FindAllStringSubmatch(svg, -1)
		listed := links.FindAllStringSubmatch(list, -1)
		if len(drawn) < 5 || len(drawn) != len(listed) {
			t.Fatalf("%d people drawn, %d listed", len(drawn), len(listed))
		}
		for i := range drawn {
			if drawn[i][1] != listed[i][1] {
				t.Fatalf("the picture and the list differ at %d: %s and %s", i, drawn[i][1], listed[i][1])
			}
		}
		// A chain of the story: Joe suggested Dana.
		wantIn(t, "suggested", svg, "suggested")

		// A field narrows the picture; a field that is not one of the
		// user's says so and shows everything.
		field := b.id("field", "Public policy")
		nr := b.get("/network?field=" + field)
		wantIn(t, "field", readable(nr.body), "Narrowed to Public policy")
		if n := len(links.FindAllString(nr.body, -1)); n == 0 || n >= len(drawn)+len(listed) {
			t.Errorf("the field's network has %d links, the whole %d", n, len(drawn)+len(listed))
		}
		bad := b.get("/network?field=987654321")
		if bad.status != 200 || !strings.Contains(readable(bad.body), "That is not one of your fields") {
			t.Errorf("an unknown field: %d\n%s", bad.status, readable(bad.body))
		}
	})
}

func TestWarmthShowsOnPeopleAndPersonAndSorts(t *testing.T) {
	b := newBrowser(t, true)
	r := b.get("/people?sort=warmth")
	if r.status != 200 {
		t.Fatalf("people by warmth: %d", r.status)
	}
	rank := map[string]int{"hot": 0, "warm": 1, "cooling": 2, "cold": 3}
	seen := regexp.MustCompile(`</svg> (hot|warm|cooling|cold)</span>`).FindAllStringSubmatch(r.body, -1)
	if len(seen) < 5 {
		t.Fatalf("%d warmths on the people list", len(seen))
	}
	for i := 1; i < len(seen); i++ {
		if rank[seen[i][1]] < rank[seen[i-1][1]] {
			t.Errorf("%s after %s: the warmest come first", seen[i][1], seen[i-1][1])
		}
	}
	wantIn(t, "sort option", r.body, `<option value="warmth" selected>Warmth, hottest first</option>`)
	p := b.get("/people/" + b.id("person", "Priya Raman"))
	wantIn(t, "person", readable(p.body), "Warmth")
	if !regexp.MustCompile(`(hot|warm|cooling|cold)</span> · (no conversation|idea|requested|held|keeping in touch)`).MatchString(p.body) {
		t.Errorf("the person page shows no warmth and stage:\n%s", readable(p.body))
	}
}
