package web

import "testing"

func TestStatsPageTablesBySourceAndChannel(t *testing.T) {
	b := newBrowser(t, true)
	r := b.get("/stats")
	if r.status != 200 {
		t.Fatalf("stats: %d", r.status)
	}
	wantIn(t, "stats", readable(r.body), "Outreach statistics", "requests sent", "Requests by source", "Through a referral", "Through something in common", "Cold",
		"Requests by channel", "Email", "Reply rate", "Median days to reply")
	wantIn(t, "table markup", r.body, `<caption id="by-source-caption">`, `<th scope="col" class="num">Reply rate</th>`, `<th scope="row">Through a referral</th>`)
	wantIn(t, "agenda link", b.get("/").body, `href="/stats"`)
	empty := newBrowser(t, false)
	wantIn(t, "no requests", readable(empty.get("/stats").body), "No request logged yet.", "Through a referral 0 0 0 — —")
}
