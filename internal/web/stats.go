package web

import (
	"net/http"
	"strconv"

	"github.com/ally-dev/ally/internal/outreach"
)

// statsRow is one group of requests as the statistics table shows it.
type statsRow struct {
	Label                   string
	Sent, Replied, Awaiting int
	Rate, Median            string
}

// statsTable is one table of the statistics page.
type statsTable struct {
	ID, Caption, Head, Note string
	Rows                    []statsRow
}

// statsPage is the data of stats.html.
type statsPage struct {
	page
	All       statsRow
	Tables    []statsTable
	ThankYous outreach.ThankYous
}

func newStatsRow(label string, g outreach.Group) statsRow {
	r := statsRow{Label: label, Sent: g.Sent, Replied: g.Replied, Awaiting: g.Awaiting, Rate: "—", Median: "—"}
	if g.Sent > 0 {
		r.Rate = strconv.Itoa(int(g.ReplyRate*100+0.5)) + "%"
	}
	if m := g.MedianDaysToReply; m != nil {
		r.Median = strconv.FormatFloat(*m, 'f', -1, 64)
		if *m == 1 {
			r.Median += " day"
		} else {
			r.Median += " days"
		}
	}
	return r
}

// sourceGroupLabel names a source group in the statistics.
func sourceGroupLabel(key string) string {
	switch key {
	case outreach.GroupReferral:
		return "Through a referral"
	case outreach.GroupCommonality:
		return "Through something in common"
	case outreach.GroupCold:
		return "Cold"
	}
	return key
}

// statsChannelLabel names a request's channel in the statistics.
func statsChannelLabel(key string) string {
	switch key {
	case "email":
		return "Email"
	case "letter":
		return "Letter"
	case "phone":
		return "Phone"
	case "social":
		return "Social message"
	case outreach.ChannelInPerson:
		return "In person"
	case outreach.ChannelUnknown:
		return "Not noted"
	}
	return key
}

// statsShow is the outreach statistics: how requests fare, by source and
// by channel.
func (s *server) statsShow(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	st, err := outreach.LoadStats(r.Context(), sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &statsPage{page: s.newPage("stats", loc), All: newStatsRow("All requests", st.All), Tables: statsTables(st), ThankYous: st.ThankYous}
	s.render(w, r, http.StatusOK, "stats", data)
}

// statsTables are the tables of the outreach figures: by source, and by
// channel once a channel was used. The network page shows them too.
func statsTables(st outreach.Stats) []statsTable {
	bySource := statsTable{ID: "by-source", Caption: "Requests by source", Head: "How you know them",
		Note: "A referral is the best way in, something in common the next best, a cold contact the last."}
	for _, g := range st.BySource {
		bySource.Rows = append(bySource.Rows, newStatsRow(sourceGroupLabel(g.Key), g))
	}
	tables := []statsTable{bySource}
	if len(st.ByChannel) > 0 {
		byChannel := statsTable{ID: "by-channel", Caption: "Requests by channel", Head: "How you asked"}
		for _, g := range st.ByChannel {
			byChannel.Rows = append(byChannel.Rows, newStatsRow(statsChannelLabel(g.Key), g))
		}
		tables = append(tables, byChannel)
	}
	return tables
}
