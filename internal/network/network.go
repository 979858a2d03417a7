// Package network builds the referral graph: the user, the people they
// reached directly, whom those people suggested, and so on, with each
// person's warmth and the stage their conversations reached. The graph is
// plain data, built here once from one set of store reads, and written
// here once as SVG, Graphviz DOT or JSON, for the web page and the CLI.
package network

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
)

// Node is one person in the graph, with the people they suggested.
type Node struct {
	ID            int64         `json:"id"`
	Name          string        `json:"name"`
	Depth         int           `json:"depth"` // 1: reached directly; 2: suggested by one of those…
	Warmth        method.Warmth `json:"warmth"`
	Stage         method.Stage  `json:"stage"`
	Conversations int           `json:"conversations"`
	Held          int           `json:"held"`         // conversations held or later
	SourceGroup   string        `json:"source_group"` // referral, commonality or cold
	// InField is false for a person drawn only because they lead to
	// someone in the field asked for.
	InField   bool    `json:"in_field"`
	Suggested []*Node `json:"suggested"`

	x, y float64 // the layout's centre
}

// Graph is the referral graph from the user outward.
type Graph struct {
	You   string `json:"you"`
	Field string `json:"field,omitempty"`
	// People are those the user reached directly, each with whom they
	// suggested. A chain that loops (A referred by B, B by A) is cut
	// where it was entered.
	People []*Node `json:"people"`
	// Quiet counts the people reached directly, with no conversation and
	// who suggested nobody, left out of a large picture (see MaxDrawn).
	Quiet   int     `json:"quiet"`
	Drawn   int     `json:"drawn"` // people in People, at every depth
	Figures Figures `json:"figures"`
}

// MaxDrawn is the size above which the people reached directly who have
// no conversation and suggested nobody are counted instead of drawn:
// they say nothing about who led to whom.
const MaxDrawn = 150

// Figures are the numbers shown beside the picture.
type Figures struct {
	// ReferralDepth is the longest run of suggestions: 2 when someone
	// suggested a person who suggested another.
	ReferralDepth int `json:"referral_depth"`
	// HeldDepth is how many steps from the user the furthest person a
	// conversation was held with is: 1 for someone reached directly.
	HeldDepth int `json:"held_depth"`
	// HeldBySource is how the conversations held came about: referral,
	// commonality and cold, always all three.
	HeldBySource []Share `json:"held_by_source"`
	Held         int     `json:"held"`
	// Outreach is the reply rates by source and channel of the requests
	// to the people in the picture (the whole of them without a field).
	Outreach outreach.Stats `json:"outreach"`
}

// Share is one part of a whole.
type Share struct {
	Group string  `json:"group"`
	Count int     `json:"count"`
	Share float64 `json:"share"` // Count over the whole, to the thousandth
}

// Load reads the owner's network, narrowed to a field when fieldID is not
// zero, as of now.
func Load(ctx context.Context, sc *store.Scope, fieldID int64, now time.Time) (*Graph, error) {
	s, err := sc.Settings(ctx)
	if err != nil {
		return nil, err
	}
	field := ""
	if fieldID != 0 {
		f, err := sc.Field(ctx, fieldID)
		if err != nil {
			return nil, err
		}
		field = f.Name
	}
	people, err := sc.NetworkFacts(ctx, fieldID)
	if err != nil {
		return nil, err
	}
	convos, err := sc.OutreachFacts(ctx)
	if err != nil {
		return nil, err
	}
	g := Build(people, s, now)
	g.Field = field
	g.Figures.Outreach = outreachOf(g, convos, fieldID != 0)
	return g, nil
}

// Build makes the graph of people as of now. People outside the field
// (InField false) are kept only where they lead to someone in it.
func Build(people []*store.NetworkPerson, s method.Settings, now time.Time) *Graph {
	g := &Graph{You: strings.TrimSpace(s.UserName), People: []*Node{}}
	if g.You == "" {
		g.You = "You"
	}
	byID := make(map[int64]*store.NetworkPerson, len(people))
	for _, p := range people {
		byID[p.ID] = p
	}
	children := map[int64][]*store.NetworkPerson{}
	var roots []*store.NetworkPerson
	for _, p := range people {
		if p.ReferredByID != 0 && byID[p.ReferredByID] != nil && p.ReferredByID != p.ID {
			children[p.ReferredByID] = append(children[p.ReferredByID], p)
		} else {
			roots = append(roots, p)
		}
	}
	lower := make(map[int64]string, len(people))
	for _, p := range people {
		lower[p.ID] = strings.ToLower(p.Name)
	}
	byName := func(ps []*store.NetworkPerson) {
		sort.Slice(ps, func(i, j int) bool {
			a, b := lower[ps[i].ID], lower[ps[j].ID]
			if a != b {
				return a < b
			}
			return ps[i].ID < ps[j].ID
		})
	}
	for _, cs := range children {
		byName(cs)
	}
	byName(roots)
	seen := make(map[int64]bool, len(people))
	// grow builds p's subtree; it returns nil when nothing in it is in the
	// field. Depth-first with an explicit stack would be faster to read
	// for no gain: chains are as deep as people are patient.
	var grow func(p *store.NetworkPerson, depth int) *Node
	grow = func(p *store.NetworkPerson, depth int) *Node {
		seen[p.ID] = true
		n := &Node{ID: p.ID, Name: p.Name, Depth: depth, Warmth: s.WarmthOf(p.LastTouch, now, p.Tags),
			Stage: method.StageReached(p.States), Conversations: len(p.States),
			SourceGroup: outreach.SourceGroup(p.Source, p.ReferredByID != 0, p.Commonality), InField: p.InField,
			Suggested: []*Node{}}
		for _, st := range p.States {
			if method.StageOf(st) == method.StageHeld || method.StageOf(st) == method.StageKeepingInTouch {
				n.Held++
			}
		}
		for _, c := range children[p.ID] {
			if seen[c.ID] {
				continue
			}
			if cn := grow(c, depth+1); cn != nil {
				n.Suggested = append(n.Suggested, cn)
			}
		}
		if !n.InField && len(n.Suggested) == 0 {
			return nil
		}
		return n
	}
	var nodes []*Node
	add := func(p *store.NetworkPerson) {
		if n := grow(p, 1); n != nil {
			nodes = append(nodes, n)
		}
	}
	for _, p := range roots {
		add(p)
	}
	// What is left sits on a loop of referrals: enter each loop at its
	// first person by name.
	var rest []*store.NetworkPerson
	for _, p := range people {
		if !seen[p.ID] {
			rest = append(rest, p)
		}
	}
	byName(rest)
	for _, p := range rest {
		if !seen[p.ID] {
			add(p)
		}
	}
	drawn := 0
	walk(nodes, func(*Node) { drawn++ })
	for _, n := range nodes {
		if drawn > MaxDrawn && n.Conversations == 0 && len(n.Suggested) == 0 {
			g.Quiet++
			continue
		}
		g.People = append(g.People, n)
	}
	g.Drawn = drawn - g.Quiet
	g.Figures = figures(g)
	return g
}

// walk calls fn on every node, parents before their suggestions.
func walk(nodes []*Node, fn func(*Node)) {
	for _, n := range nodes {
		fn(n)
		walk(n.Suggested, fn)
	}
}

func figures(g *Graph) Figures {
	f := Figures{}
	held := map[string]int{}
	walk(g.People, func(n *Node) {
		f.ReferralDepth = max(f.ReferralDepth, n.Depth-1)
		if n.Held > 0 {
			f.HeldDepth = max(f.HeldDepth, n.Depth)
		}
		if n.InField {
			held[n.SourceGroup] += n.Held
			f.Held += n.Held
		}
	})
	for _, k := range []string{outreach.GroupReferral, outreach.GroupCommonality, outreach.GroupCold} {
		sh := Share{Group: k, Count: held[k]}
		if f.Held > 0 {
			sh.Share = float64(int(float64(held[k])/float64(f.Held)*1000+0.5)) / 1000
		}
		f.HeldBySource = append(f.HeldBySource, sh)
	}
	return f
}

// outreachOf sums up the requests to the people of the field (all of
// them without one), with the outreach package's own rules.
func outreachOf(g *Graph, convos []*store.OutreachConvo, narrowed bool) outreach.Stats {
	if narrowed {
		in := map[int64]bool{}
		walk(g.People, func(n *Node) {
			if n.InField {
				in[n.ID] = true
			}
		})
		kept := convos[:0:0]
		for _, c := range convos {
			if in[c.PersonID] {
				kept = append(kept, c)
			}
		}
		convos = kept
	}
	return outreach.ComputeStats(outreach.Attempts(convos))
}
