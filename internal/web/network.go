package web

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/network"
	"github.com/ally-dev/ally/internal/store"
)

// networkPage is the data of network.html.
type networkPage struct {
	page
	Filter  *form
	Graph   *network.Graph
	Picture template.HTML // the SVG, written by the network package
	Shares  []networkShare
	Tables  []statsTable
}

// networkShare is one source group's part of the conversations held.
type networkShare struct {
	Label   string
	Count   int
	Percent int
}

// networkShow is the network: who led to whom, as a picture and as the
// same chains in a nested list, with the figures beside them.
func (s *server) networkShow(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	fields, err := s.fieldOptions(ctx, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := newForm()
	f.add("field", "Field", r.URL.Query().Get("field")).options(append([]option{{"", "Every field"}}, fields...))
	var fieldID int64
	if v := f.F["field"].Value; v != "" {
		known := false
		for _, o := range fields {
			known = known || o.Value == v
		}
		if known {
			fieldID, _ = strconv.ParseInt(v, 10, 64)
		} else {
			f.invalid("field", "That is not one of your fields: the whole network is shown.")
		}
	}
	f.collect()
	g, err := network.Load(ctx, sc, fieldID, s.now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var pic bytes.Buffer
	if err := g.WriteSVG(&pic, network.SVGOptions{Link: personLink}); err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &networkPage{page: s.newPage("network", loc), Filter: f, Graph: g,
		Picture: template.HTML(pic.String()), Tables: statsTables(g.Figures.Outreach)}
	for _, sh := range g.Figures.HeldBySource {
		data.Shares = append(data.Shares, networkShare{Label: strings.ToLower(sourceGroupLabel(sh.Group)), Count: sh.Count, Percent: int(sh.Share*100 + 0.5)})
	}
	s.render(w, r, http.StatusOK, "network", data)
}

func personLink(id int64) string { return "/people/" + strconv.FormatInt(id, 10) }

func warmthColour(w method.Warmth) string { return network.Colours[w] }

// standing is a person's warmth and the stage their conversations
// reached, as the people list and the person page show them.
type standing struct {
	Warmth method.Warmth
	Stage  method.Stage
}

// standings reads the standing of the given people in one go.
func standings(ctx context.Context, sc *store.Scope, st method.Settings, now time.Time, ids []int64) (map[int64]standing, error) {
	facts, err := sc.Standing(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]standing, len(facts))
	for id, p := range facts {
		out[id] = standing{Warmth: st.WarmthOf(p.LastTouch, now, p.Tags), Stage: method.StageReached(p.States)}
	}
	return out, nil
}

// withStanding fills the rows' warmth and stage.
func (s *server) withStanding(ctx context.Context, sc *store.Scope, st method.Settings, rows []personRow) error {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	got, err := standings(ctx, sc, st, s.now(), ids)
	for i := range rows {
		rows[i].Standing = got[rows[i].ID]
	}
	return err
}
