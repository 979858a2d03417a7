package web

import (
	"cmp"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/store"
)

// figuresPage is the advisors' figures for a period: what the program
// achieved with the requests sent in it, overall and by field, with the
// form that chooses the period and the one that adds a term.
type figuresPage struct {
	page
	Period   center.Period
	Figures  center.Figures
	Shown    bool // the period could be read: the figures are there
	Choose   *form
	TermForm *form
	Terms    []center.Term
	Columns  []center.FigureColumn
	Roster   []center.FigureColumn
	Chart    figuresChart
	Line     figuresLine // by month: requests sent and held per month
	By       string      // the grouping of the table (center.Groupings)
	ByLabel  string      // the grouping, as a table's head
	ByWord   string      // the grouping, in a sentence
	CSV      string      // the address of this period's CSV (table=groups, asked or demand)
}

// figuresLine is a line chart of requests sent and conversations held
// per month, drawn by the template as SVG; the table holds the numbers.
type figuresLine struct {
	Width, Height int
	Sent, Held    string // SVG polyline points
	Points        []figuresPoint
}

type figuresPoint struct {
	Label             string
	X, SentY, HeldY   int
	Sent, Held, TextY int
}

const (
	lineHeight = 200
	lineStep   = 48
)

func newFiguresLine(by []center.Group) figuresLine {
	l := figuresLine{Width: 60 + lineStep*max(1, len(by)), Height: lineHeight + 40}
	most := 1
	for _, f := range by {
		most = max(most, f.RequestsSent)
	}
	var sent, held []string
	for i, f := range by {
		p := figuresPoint{Label: f.Label, X: 40 + i*lineStep, Sent: f.RequestsSent, Held: f.Held, TextY: lineHeight + 24}
		p.SentY = 10 + (lineHeight-10)*(most-f.RequestsSent)/most
		p.HeldY = 10 + (lineHeight-10)*(most-f.Held)/most
		sent = append(sent, strconv.Itoa(p.X)+","+strconv.Itoa(p.SentY))
		held = append(held, strconv.Itoa(p.X)+","+strconv.Itoa(p.HeldY))
		l.Points = append(l.Points, p)
	}
	l.Sent, l.Held = strings.Join(sent, " "), strings.Join(held, " ")
	return l
}

// figuresChart is a bar chart of requests sent and held per field, drawn
// by the template as SVG; the table beside it holds the same numbers.
type figuresChart struct {
	Width, Height int
	Bars          []figuresBar
}

type figuresBar struct {
	Label                string
	Y, TextY             int
	Sent, Held           int
	SentWidth, HeldWidth int
}

const (
	chartBarsWidth = 360 // the pixels of the longest bar
	chartRow       = 36
	chartLabel     = 180
)

func newFiguresChart(by []center.Group) figuresChart {
	c := figuresChart{Width: chartLabel + chartBarsWidth + 60, Height: chartRow*len(by) + 8}
	most := 1
	for _, f := range by {
		most = max(most, f.RequestsSent)
	}
	for i, f := range by {
		label := f.Label
		if r := []rune(label); len(r) > 24 {
			label = string(r[:23]) + "…"
		}
		c.Bars = append(c.Bars, figuresBar{Label: label, Y: i*chartRow + 4, TextY: i*chartRow + 20, Sent: f.RequestsSent, Held: f.Held,
			SentWidth: f.RequestsSent * chartBarsWidth / most, HeldWidth: f.Held * chartBarsWidth / most})
	}
	return c
}

// choosePeriodForm is the form that picks the figures' period (a GET).
func choosePeriodForm(v map[string][]string, terms []center.Term) *form {
	get := func(k string) string {
		if len(v[k]) > 0 {
			return v[k][0]
		}
		return ""
	}
	f := newForm()
	opts := []option{{"", "The current term (or the last 90 days)"}}
	for _, t := range terms {
		opts = append(opts, option{t.Name, t.Name + " (" + t.Start.String() + " to " + t.End.String() + ")"})
	}
	f.add("term", "Term", get("term")).options(opts)
	f.add("from", "Or from", get("from")).kind("date").hint("The first day, YYYY-MM-DD.")
	f.add("to", "to", get("to")).kind("date").hint("The last day, included.")
	f.add("by", "Group by", get("by")).options([]option{{"", "Field"}, {center.ByMajor, "Major"},
		{center.ByGradYear, "Graduation year"}, {center.ByFirstGen, "First-generation student"}, {center.ByMonth, "Month"}})
	return f
}

func termForm(name, start, end string) *form {
	f := newForm()
	f.add("name", "Name", name).required().auto("off").hint("Such as Fall 2026.")
	f.add("start", "First day", start).kind("date").required()
	f.add("end", "Last day", end).kind("date").required()
	return f
}

// centerFigures reads the period asked for in the query (term, from, to)
// and counts its figures, grouped by by (center.Groupings; "": not).
func (s *server) centerFigures(r *http.Request, by string) (center.Period, center.Figures, []center.Term, *time.Location, error) {
	ctx := r.Context()
	set, err := s.Store.CenterRules(ctx)
	if err != nil {
		return center.Period{}, center.Figures{}, nil, nil, err
	}
	terms, err := s.Store.Terms(ctx)
	if err != nil {
		return center.Period{}, center.Figures{}, nil, nil, err
	}
	q := r.URL.Query()
	now := s.now()
	p, err := center.ChoosePeriod(terms, q.Get("term"), q.Get("from"), q.Get("to"), now, set.Location())
	if err != nil {
		return p, center.Figures{}, terms, set.Location(), err
	}
	f, err := s.Store.CenterFigures(ctx, set, p.From, p.To, now, by)
	return p, f, terms, set.Location(), err
}

// figuresShow serves GET /center/figures to advisors; with format=csv,
// the figures by field as CSV.
func (s *server) figuresShow(w http.ResponseWriter, r *http.Request) {
	s.renderFigures(w, r, http.StatusOK, termForm("", "", ""))
}

func (s *server) renderFigures(w http.ResponseWriter, r *http.Request, status int, tf *form) {
	by, byErr := center.ParseGrouping(r.URL.Query().Get("by"))
	by = cmp.Or(by, center.ByField)
	p, f, terms, loc, err := s.centerFigures(r, by)
	err = cmp.Or(byErr, err)
	data := &figuresPage{page: s.newPage("figures", loc), Choose: choosePeriodForm(r.URL.Query(), terms), TermForm: tf, Terms: terms,
		Columns: center.FigureColumns(), Roster: center.RosterColumns(), By: by, ByLabel: center.GroupingLabel(by),
		ByWord: center.GroupingWord(by)}
	if data.Choose.fail(err) {
		s.render(w, r, http.StatusUnprocessableEntity, "center_figures", data)
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "csv" {
		table := r.URL.Query().Get("table")
		name := "figures-" + cmp.Or(table, by) + "-" + p.First.String() + "-to-" + p.Last.String() + ".csv"
		s.download(w, r, name, "text/csv; charset=utf-8", func(out io.Writer) error { return writeFiguresCSV(out, f, by, table) })
		return
	}
	q := r.URL.Query()
	q.Set("format", "csv")
	data.Period, data.Figures, data.Shown, data.CSV = p, f, true, "/center/figures?"+q.Encode()
	if by == center.ByMonth {
		data.Line = newFiguresLine(f.By)
	} else {
		data.Chart = newFiguresChart(f.By)
	}
	s.render(w, r, status, "center_figures", data)
}

// writeFiguresCSV writes one of the page's tables: a row per group and
// one for them all (table ""), the most and least asked volunteers
// ("asked"), or the fields where demand outran supply ("demand").
func writeFiguresCSV(out io.Writer, f center.Figures, by, table string) error {
	var rows [][]string
	switch table {
	case "asked":
		rows = append(rows, []string{"List", "Volunteer", "Requests"})
		for _, l := range []struct {
			name string
			as   []center.Asked
		}{{"Most asked", f.MostAsked}, {"Least asked", f.LeastAsked}} {
			for _, a := range l.as {
				rows = append(rows, []string{l.name, a.Name, strconv.Itoa(a.Requests)})
			}
		}
	case "demand":
		rows = append(rows, []string{"Field", "Requests", "Capacity offered"})
		for _, d := range f.DemandOutrunsSupply {
			rows = append(rows, []string{d.Field, strconv.Itoa(d.Requests), strconv.Itoa(d.Capacity)})
		}
	default:
		cols := center.FigureColumns()
		head := []string{center.GroupingLabel(by)}
		for _, c := range cols {
			head = append(head, c.Head)
		}
		rows = append(rows, head)
		for i, g := range append(f.By, center.Group{Figures: f}) {
			row := []string{g.Label}
			if i == len(f.By) {
				row[0] = map[string]string{center.ByMajor: "All majors", center.ByGradYear: "All years", center.ByFirstGen: "All students",
					center.ByMonth: "All months"}[by]
				row[0] = cmp.Or(row[0], "All fields")
			}
			for _, c := range cols {
				row = append(row, strings.ReplaceAll(c.Value(g.Figures), "–", ""))
			}
			rows = append(rows, row)
		}
	}
	cw := interop.NewSheetWriter(out, false)
	for _, row := range rows {
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// termCreate serves POST /center/terms: a new term the figures can be
// counted over.
func (s *server) termCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	_, by, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	name, start, end := r.PostForm.Get("name"), r.PostForm.Get("start"), r.PostForm.Get("end")
	f := termForm(name, start, end)
	t := center.Term{Name: name}
	if start != "" {
		if t.Start, err = center.ParseDay("start", start); err != nil {
			f.invalid("start", "Write the first day as YYYY-MM-DD.")
		}
	}
	if end != "" {
		if t.End, err = center.ParseDay("end", end); err != nil {
			f.invalid("end", "Write the last day as YYYY-MM-DD.")
		}
	}
	if !f.ok() {
		f.fail(t.Validate()) // what else is wrong, beside the days
		s.renderFigures(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if t, err = s.Store.AddTerm(r.Context(), t, by, s.now()); f.fail(err) {
		s.renderFigures(w, r, http.StatusUnprocessableEntity, f)
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, "/center/figures?term="+url.QueryEscape(t.Name), "Added the term "+t.Name+".")
}

// apiFigures serves GET /api/v1/center/figures?term=&from=&to=&by=field.
func (s *server) apiFigures(r *http.Request, _ *store.Scope) (int, any, error) {
	by, err := center.ParseGrouping(r.URL.Query().Get("by"))
	if err != nil {
		return 0, nil, err
	}
	p, f, _, _, err := s.centerFigures(r, by)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, center.Report{Period: p, Figures: f}, nil
}
