package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ally-dev/ally/internal/model"
)

type searchHit struct {
	model.SearchResult
	URL     string
	Snippet template.HTML // escaped by the store, with <mark> around the matched words
}

type searchPage struct {
	page
	Q       string
	Form    *form
	Results []searchHit
	Ranked  int // how many matches were ranked, when more matched (SearchHits.Ranked)
}

// searchKinds names what each kind of hit is and where it lives.
var searchKinds = map[string]struct{ label, path string }{
	"person":       {"Person", "/people/"},
	"conversation": {"Conversation", "/conversations/"},
	"field":        {"Field", "/fields/"},
	"organization": {"Organization", "/orgs/"},
}

func kindLabel(kind string) string { return searchKinds[kind].label }

// searchShow searches everything: people, notes, research. htmx asks for
// the results part as the user types.
func (s *server) searchShow(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	f := newForm()
	f.add("q", "Search everything", q).kind("search").hint("Names, organizations, notes and research. The last word may be the start of a word.")
	data := &searchPage{page: s.newPage("search", loc), Q: q, Form: f}
	if q != "" {
		hits, err := sc.Search(r.Context(), q, 50)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		data.Ranked = hits.Ranked
		for _, h := range hits.Results {
			k := searchKinds[h.Kind]
			data.Results = append(data.Results, searchHit{SearchResult: h, URL: k.path + strconv.FormatInt(h.ID, 10), Snippet: template.HTML(h.Snippet)})
		}
	}
	w.Header().Add("Vary", "HX-Request")
	if isPartial(r) {
		w.Header().Set("HX-Push-Url", "/search?q="+url.QueryEscape(q))
		s.renderPart(w, r, "search", "search-results", data)
		return
	}
	s.render(w, r, http.StatusOK, "search", data)
}
