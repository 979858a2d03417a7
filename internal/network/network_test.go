package network

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/outreach"
	"github.com/ally-dev/ally/internal/store"
)

var now = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

func settings() method.Settings {
	s := method.DefaultSettings()
	s.TimeZone = "UTC"
	s.UserName = "Maya"
	return s
}

func days(n int) time.Time { return now.Add(-time.Duration(n) * 24 * time.Hour) }

// story: Joe (a professor) suggested Dana, who suggested Ann and <Eve>;
// Cy is a cold contact; Lou and Max refer each other (a loop).
func story() []*store.NetworkPerson {
	return []*store.NetworkPerson{
		{ID: 1, Name: "Joe Serra", Source: model.SourceProfessor, LastTouch: days(10), States: []model.State{model.StateKeepingInTouch}, InField: true},
		{ID: 2, Name: "Dana Brown", ReferredByID: 1, LastTouch: days(60), States: []model.State{model.StateThanked, model.StateIdea}, InField: true},
		{ID: 3, Name: "Ann Lee", ReferredByID: 2, LastTouch: days(100), States: []model.State{model.StateRequested}, InField: true},
		{ID: 4, Name: "<Eve> & co", ReferredByID: 2, InField: true},
		{ID: 5, Name: "Cy Cold", Source: model.SourceCold, LastTouch: days(400), States: []model.State{model.StateHeld}, InField: true},
		{ID: 6, Name: "Lou Loop", ReferredByID: 7, InField: true},
		{ID: 7, Name: "Max Loop", ReferredByID: 6, InField: true},
	}
}

func TestBuildFollowsTheSuggestions(t *testing.T) {
	g := Build(story(), settings(), now)
	var got []string
	walk(g.People, func(n *Node) {
		got = append(got, fmt.Sprintf("%s%s %s %s %d", strings.Repeat("  ", n.Depth-1), n.Name, n.Warmth, n.Stage, n.Conversations))
	})
	want := []string{
		"Cy Cold cold held 1",
		"Joe Serra hot keeping_in_touch 1",
		"  Dana Brown warm held 2",
		"    <Eve> & co cold  0",
		"    Ann Lee cooling requested 1",
		"Lou Loop cold  0", // the loop is entered at its first name
		"  Max Loop cold  0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("graph:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if g.You != "Maya" || g.Drawn != 7 || g.Quiet != 0 {
		t.Errorf("you %q, drawn %d, quiet %d", g.You, g.Drawn, g.Quiet)
	}
	f := g.Figures
	if f.ReferralDepth != 2 || f.HeldDepth != 2 || f.Held != 3 {
		t.Errorf("figures: %+v", f)
	}
	want3 := []Share{{outreach.GroupReferral, 1, 0.333}, {outreach.GroupCommonality, 1, 0.333}, {outreach.GroupCold, 1, 0.333}}
	for i, sh := range f.HeldBySource {
		if sh != want3[i] {
			t.Errorf("held by source %d: %+v, want %+v", i, sh, want3[i])
		}
	}
}

func TestAFieldKeepsTheChainsThatLeadToIt(t *testing.T) {
	people := story()
	for _, p := range people {
		p.InField = p.ID == 3 // only Ann is in the field
	}
	g := Build(people, settings(), now)
	var got []string
	walk(g.People, func(n *Node) { got = append(got, fmt.Sprintf("%s %v", n.Name, n.InField)) })
	if want := "Joe Serra false|Dana Brown false|Ann Lee true"; strings.Join(got, "|") != want {
		t.Errorf("field graph: %s, want %s", strings.Join(got, "|"), want)
	}
	if f := g.Figures; f.Held != 0 || f.ReferralDepth != 2 {
		t.Errorf("figures count the field's people only: %+v", f)
	}
	var svg bytes.Buffer
	if err := g.WriteSVG(&svg, SVGOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(svg.String(), "other field") || strings.Count(svg.String(), `fill="none" stroke="currentColor" stroke-width="1.5"/>`) != 2 {
		t.Errorf("the way to the field is drawn hollow and says so:\n%s", svg.String())
	}
}

func TestALargeNetworkCountsTheQuietInsteadOfDrawingThem(t *testing.T) {
	var people []*store.NetworkPerson
	for i := 1; i <= MaxDrawn+10; i++ {
		people = append(people, &store.NetworkPerson{ID: int64(i), Name: fmt.Sprintf("P%03d", i), InField: true})
	}
	people[0].States = []model.State{model.StateIdea}
	people[2].ReferredByID = 2 // P002 suggested P003
	g := Build(people, settings(), now)
	if g.Quiet != MaxDrawn+10-3 || g.Drawn != 3 || len(g.People) != 2 {
		t.Errorf("quiet %d, drawn %d, top %d", g.Quiet, g.Drawn, len(g.People))
	}
}

func TestSVGIsWellFormedAndSaysWhatColourSays(t *testing.T) {
	g := Build(story(), settings(), now)
	for _, standalone := range []bool{false, true} {
		var b bytes.Buffer
		if err := g.WriteSVG(&b, SVGOptions{Standalone: standalone, Link: func(id int64) string { return "/people/" + strconv.FormatInt(id, 10) }}); err != nil {
			t.Fatal(err)
		}
		s := b.String()
		d := xml.NewDecoder(strings.NewReader(s))
		for {
			if _, err := d.Token(); err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("standalone %v: not well-formed: %v\n%s", standalone, err, s)
				}
				break
			}
		}
		for _, want := range []string{`href="/people/2"`, "Dana Brown suggested Ann Lee", "&lt;Eve&gt; &amp; co", "warm · held",
			"cooling · requested", Colours[method.WarmthHot], "<rect x=", "marker-end"} {
			if !strings.Contains(s, want) {
				t.Errorf("standalone %v: no %q", standalone, want)
			}
		}
		if standalone != strings.Contains(s, `xmlns="http://www.w3.org/2000/svg"`) || standalone == strings.Contains(s, `aria-hidden="true"`) {
			t.Errorf("standalone %v: namespace and aria-hidden wrong", standalone)
		}
	}
}

func TestDOTQuotesNames(t *testing.T) {
	people := story()
	people[3].Name = `Eve "E" \ Smith`
	var b bytes.Buffer
	if err := Build(people, settings(), now).WriteDOT(&b, nil); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{`p4 [label="Eve \"E\" \\ Smith\ncold · no conversation", shape=circle`, "p2 -> p3 [label=\"suggested\"]", "you -> p1 [style=dashed]", "rankdir=LR"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in\n%s", want, s)
		}
	}
}

// luminance is WCAG's relative luminance of #rrggbb.
func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		x := float64(v) / 255
		if x <= 0.04045 {
			c[i] = x / 12.92
		} else {
			c[i] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func TestColoursStandOutInBothSchemes(t *testing.T) {
	// The page's backgrounds and surfaces in app.css, light and dark, and
	// the standalone file's white.
	for _, bg := range []string{"#fbfaf7", "#ffffff", "#121618", "#1a2023"} {
		for w, c := range Colours {
			a, b := luminance(c), luminance(bg)
			ratio := (math.Max(a, b) + 0.05) / (math.Min(a, b) + 0.05)
			if ratio < 3 {
				t.Errorf("%s (%s) on %s: contrast %.2f, want 3 at least", w, c, bg, ratio)
			}
		}
	}
	if len(Colours) != len(method.Warmths()) {
		t.Error("every warmth has a colour")
	}
}

// synthetic is a network of n people, a third suggested by someone
// before them, most with a conversation or a touch.
func synthetic(n int) []*store.NetworkPerson {
	states := model.States()
	people := make([]*store.NetworkPerson, n)
	for i := range people {
		p := &store.NetworkPerson{ID: int64(i + 1), Name: fmt.Sprintf("Person %d", i+1), InField: true, LastTouch: days(i % 400)}
		if i > 0 && i%3 == 0 {
			p.ReferredByID = int64((i*2654435761>>7)%i + 1)
		}
		if i%5 < 2 {
			p.States = []model.State{states[i%len(states)]}
		}
		people[i] = p
	}
	return people
}

// BenchmarkPicture5000 builds, lays out and draws the network of 5,000
// people: the budget is 200 ms.
func BenchmarkPicture5000(b *testing.B) {
	people := synthetic(5000)
	s := settings()
	var buf bytes.Buffer
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		g := Build(people, s, now)
		if err := g.WriteSVG(&buf, SVGOptions{Link: func(id int64) string { return "/people/" + strconv.FormatInt(id, 10) }}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "svg-bytes")
}
