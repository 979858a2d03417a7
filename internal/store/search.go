package store

import (
	"context"
	"fmt"
	"html"
	"sort"
	"strings"
	"unicode"

	"github.com/ally-dev/ally/internal/model"
)

// Searchable record kinds. The code is part of a document's id.
type docKind int64

const (
	kindPerson docKind = iota
	kindConversation
	kindField
	kindOrganization
)

var docKindNames = [...]string{"person", "conversation", "field", "organization"}

func docID(k docKind, id int64) int64 { return id*4 + int64(k) }

// ownerShift numbers SQLite's search documents by owner: a document's
// rowid is its owner's id times 2^ownerShift plus its docID, so an owner's
// documents are one range of rowids, which the full-text index seeks to
// in each word's list of documents (migration 00045). It leaves room for
// 2^27 owners and 2^34 records of each kind.
const ownerShift = 36

// ownerRowIDs is the range of rowids of the owner's search documents.
func (sc *Scope) ownerRowIDs() (lo, hi int64, err error) {
	if sc.owner < 0 || sc.owner >= 1<<(63-ownerShift) {
		return 0, 0, fmt.Errorf("owner %d is beyond the owners the search index numbers", sc.owner)
	}
	lo = sc.owner << ownerShift
	return lo, lo + 1<<ownerShift - 1, nil
}

// rowID is the rowid of a record's document in SQLite's full-text index.
func (sc *Scope) rowID(k docKind, id int64) (int64, error) {
	lo, _, err := sc.ownerRowIDs()
	if err == nil && (id < 0 || docID(k, id) >= 1<<ownerShift) {
		err = fmt.Errorf("%s %d is beyond the records the search index numbers", docKindNames[k], id)
	}
	return lo + docID(k, id), err
}

// index replaces the search document of one record.
func (sc *Scope) index(ctx context.Context, k docKind, id int64, title, body string) error {
	var err error
	if sc.st.dialect == SQLite {
		var rowid int64
		if rowid, err = sc.rowID(k, id); err == nil {
			if err = sc.unindex(ctx, k, id); err == nil {
				_, err = sc.w.ExecContext(ctx, `INSERT INTO search_docs (rowid, title, body, owner_id, kind, ref_id)
					VALUES ($1, $2, $3, $4, $5, $6)`, rowid, title, body, sc.owner, docKindNames[k], id)
			}
		}
	} else {
		_, err = sc.w.ExecContext(ctx, `INSERT INTO search_docs (doc_id, owner_id, kind, ref_id, title, body)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (doc_id) DO UPDATE SET title = excluded.title, body = excluded.body`,
			docID(k, id), sc.owner, docKindNames[k], id, title, body)
	}
	if err != nil {
		return fmt.Errorf("index %s %d: %w", docKindNames[k], id, err)
	}
	return nil
}

func (sc *Scope) unindex(ctx context.Context, k docKind, id int64) error {
	q, key, err := `DELETE FROM search_docs WHERE doc_id = $1`, docID(k, id), error(nil)
	if sc.st.dialect == SQLite {
		q = `DELETE FROM search_docs WHERE rowid = $1`
		key, err = sc.rowID(k, id)
	}
	if err == nil {
		_, err = sc.w.ExecContext(ctx, q, key)
	}
	if err != nil {
		return fmt.Errorf("unindex %s %d: %w", docKindNames[k], id, err)
	}
	return nil
}

func personDoc(p *model.Person) (title, body string) {
	var b strings.Builder
	if p.Organization != nil {
		b.WriteString(p.Organization.Name + "\n")
	}
	for _, s := range []string{p.Role, p.Location, p.Commonality, strings.Join(p.Tags, " "), p.Notes} {
		if s != "" {
			b.WriteString(s + "\n")
		}
	}
	return p.Name, b.String()
}

func (sc *Scope) indexPerson(ctx context.Context, p *model.Person) error {
	title, body := personDoc(p)
	return sc.index(ctx, kindPerson, p.ID, title, body)
}

func (sc *Scope) reindexPeople(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		p, err := sc.Person(ctx, id)
		if err != nil {
			return err
		}
		if err := sc.indexPerson(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

func conversationDoc(personName string, c *model.Conversation) (title, body string) {
	return "Conversation with " + personName, strings.Join([]string{c.Summary, c.Place, c.Notes}, "\n")
}

func (sc *Scope) indexConversation(ctx context.Context, c *model.Conversation) error {
	title, body := conversationDoc(c.Person.Name, c)
	return sc.index(ctx, kindConversation, c.ID, title, body)
}

func (sc *Scope) reindexConversationsOf(ctx context.Context, personID int64) error {
	ids, err := sc.idsWhere(ctx, `SELECT id FROM conversations WHERE owner_id = $1 AND person_id = $2`, personID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		c, err := sc.Conversation(ctx, id)
		if err != nil {
			return err
		}
		if err := sc.indexConversation(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// rankCandidates bounds how many matches a search ranks: a word in half
// of 50,000 records would otherwise rank 25,000 of them to show 20. When
// more match, the hits say so (SearchHits.Ranked). PostgreSQL ranks more
// of them for the same cost, and a smaller bound there would lead its
// planner to read the table for a word in a few hundred records instead
// of its full-text index.
const (
	rankCandidates         = 300
	rankCandidatesPostgres = 1000
)

// searchQuerySQLite reads the owner's newest matches, one more than are
// ranked to know whether more matched, with their text: ranking them in
// Go costs less than bm25(), which first counts every document holding
// each word of the query, in every owner's documents.
const searchQuerySQLite = `SELECT rowid, kind, ref_id, title, body FROM search_docs
	WHERE search_docs MATCH $1 AND rowid BETWEEN $2 AND $3 ORDER BY rowid DESC LIMIT $4`

// searchQueryPostgres takes at most rankCandidatesPostgres of an owner's matches,
// found through the full-text index, and ranks only those; found counts
// them with one more, which is not ranked, to know whether more matched.
// It asks for no order among the candidates: an order (newest first, as
// on SQLite) would lead the planner to walk the owner's documents one by
// one, which for a rare word means all of them.
const searchQueryPostgres = `SELECT doc_id, ts_rank(tsv, to_tsquery('english', $1)) AS rank, found
	FROM (SELECT doc_id, tsv, row_number() OVER () AS n, count(*) OVER () AS found
		FROM (SELECT doc_id, tsv FROM search_docs WHERE owner_id = $2 AND tsv @@ to_tsquery('english', $1)
			LIMIT $4 + 1) m) c
	WHERE n <= $4
	ORDER BY rank DESC, doc_id LIMIT $3`

// searchTerms splits a query into plain words: letters and digits only, so
// no user text can reach either database's query syntax.
func searchTerms(q string) []string {
	words := strings.FieldsFunc(strings.ToLower(q), notWordRune)
	if len(words) > 12 {
		words = words[:12]
	}
	return words
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// wordMatches tells whether a lower-case word of a document is one a
// search term found: the term starts it, or it is the term with its last
// letters stemmed away, as the full-text indexes do.
func wordMatches(word, term string) bool {
	return strings.HasPrefix(word, term) || (len(term) > 4 && strings.HasPrefix(term, word) && len(word) >= len(term)-2)
}

// searchDoc is one matching document, with its rank once ranked.
type searchDoc struct {
	key         int64 // rowid on SQLite, doc_id on PostgreSQL
	kind        string
	ref         int64
	title, body string
	rank        float64
}

// Search finds people, conversations, fields and organizations whose text
// matches every word of q (the last word as a prefix, for search as you
// type), best first, each with a highlighted snippet. A very common word
// matches thousands of documents: only a bounded number of them are
// ranked (the newest, on SQLite), so its cost stays bounded, and the hits
// say so.
func (sc *Scope) Search(ctx context.Context, q string, limit int) (model.SearchHits, error) {
	terms := searchTerms(q)
	hits := model.SearchHits{Results: []model.SearchResult{}}
	if len(terms) == 0 {
		return hits, nil
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var docs []searchDoc
	var err error
	if sc.st.dialect == SQLite {
		docs, hits.Ranked, err = sc.searchSQLite(ctx, terms)
		docs = docs[:min(len(docs), limit)]
	} else {
		docs, hits.Ranked, err = sc.searchPostgres(ctx, terms, limit)
	}
	if err != nil {
		return hits, fmt.Errorf("search: %w", err)
	}
	for _, d := range docs {
		hits.Results = append(hits.Results, model.SearchResult{Kind: d.kind, ID: d.ref, Title: d.title,
			Snippet: snippet(d.body, terms, 16), Rank: d.rank})
	}
	return hits, nil
}

// searchSQLite reads the owner's newest matches and ranks them, best first.
func (sc *Scope) searchSQLite(ctx context.Context, terms []string) ([]searchDoc, int, error) {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + t + `"`
	}
	quoted[len(quoted)-1] += "*"
	lo, hi, err := sc.ownerRowIDs()
	if err != nil {
		return nil, 0, err
	}
	rows, err := sc.r.QueryContext(ctx, searchQuerySQLite, strings.Join(quoted, " "), lo, hi, rankCandidates+1)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var docs []searchDoc
	for rows.Next() {
		var d searchDoc
		if err := rows.Scan(&d.key, &d.kind, &d.ref, &d.title, &d.body); err != nil {
			return nil, 0, err
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	ranked := 0
	if len(docs) > rankCandidates {
		docs, ranked = docs[:rankCandidates], rankCandidates
	}
	rankDocs(docs, terms)
	return docs, ranked, nil
}

// BM25's constants, and how much more a word in a title counts than one
// in a body (as bm25() was asked for before the ranking moved to Go).
const (
	bm25K1, bm25B = 1.2, 0.75
	titleWeight   = 5.0
)

// rankDocs orders documents by BM25, best first (the newer first among
// equals): a word counts titleWeight times in the title, and for more in
// a shorter document. Every document matched every term, so how rare each
// term is, which BM25 weighs too, is the same for all of them and is left
// out. A term the document holds only in a form its words do not show (an
// accent the index folded, a stem) counts once.
func rankDocs(docs []searchDoc, terms []string) {
	if len(docs) == 0 {
		return
	}
	lengths := make([]float64, len(docs))
	freqs := make([]float64, len(docs)*len(terms))
	total := 0.0
	for i, d := range docs {
		tf := freqs[i*len(terms) : (i+1)*len(terms)]
		for part, text := range [2]string{d.title, d.body} {
			weight := 1.0
			if part == 0 {
				weight = titleWeight
			}
			for _, w := range strings.FieldsFunc(strings.ToLower(text), notWordRune) {
				lengths[i]++
				for j, t := range terms {
					if wordMatches(w, t) {
						tf[j] += weight
					}
				}
			}
		}
		total += lengths[i]
	}
	avg := max(total/float64(len(docs)), 1)
	for i := range docs {
		norm := bm25K1 * (1 - bm25B + bm25B*lengths[i]/avg)
		score := 0.0
		for _, f := range freqs[i*len(terms) : (i+1)*len(terms)] {
			f = max(f, 1)
			score += f * (bm25K1 + 1) / (f + norm)
		}
		docs[i].rank = score
	}
	sort.SliceStable(docs, func(a, b int) bool {
		if docs[a].rank != docs[b].rank {
			return docs[a].rank > docs[b].rank
		}
		return docs[a].key > docs[b].key
	})
}

// searchPostgres ranks a bounded set of the owner's matches and reads the
// best limit of them.
func (sc *Scope) searchPostgres(ctx context.Context, terms []string, limit int) ([]searchDoc, int, error) {
	parts := make([]string, len(terms))
	copy(parts, terms)
	parts[len(parts)-1] += ":*"
	rows, err := sc.r.QueryContext(ctx, searchQueryPostgres, strings.Join(parts, " & "), sc.owner, limit, rankCandidatesPostgres)
	if err != nil {
		return nil, 0, err
	}
	var ids []any
	rank := map[int64]float64{}
	found := 0
	for rows.Next() {
		var id int64
		var r float64
		if err := rows.Scan(&id, &r, &found); err != nil {
			rows.Close()
			return nil, 0, err
		}
		ids = append(ids, id)
		rank[id] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, 0, err
	}
	ranked := 0
	if found > rankCandidatesPostgres {
		ranked = rankCandidatesPostgres
	}
	// Only now the kept documents' text: carrying every candidate's body
	// through the ranking costs more than the ranking itself.
	rows, err = sc.r.QueryContext(ctx, `SELECT doc_id, kind, ref_id, title, body FROM search_docs
		WHERE doc_id IN (`+placeholders(1, len(ids))+`)`, ids...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	byID := map[int64]searchDoc{}
	for rows.Next() {
		var d searchDoc
		if err := rows.Scan(&d.key, &d.kind, &d.ref, &d.title, &d.body); err != nil {
			return nil, 0, err
		}
		d.rank = rank[d.key]
		byID[d.key] = d
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	docs := make([]searchDoc, 0, len(ids))
	for _, id := range ids {
		if d, ok := byID[id.(int64)]; ok {
			docs = append(docs, d)
		}
	}
	return docs, ranked, nil
}

// snippet returns about n words of text around the first word that starts
// with one of terms, HTML-escaped, with <mark> around every such word. Both
// databases share it, so results read the same on either.
func snippet(text string, terms []string, n int) string {
	type word struct{ start, end int }
	var words []word
	start := -1
	for i, r := range text {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case isWord && start < 0:
			start = i
		case !isWord && start >= 0:
			words = append(words, word{start, i})
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, word{start, len(text)})
	}
	if len(words) == 0 {
		return ""
	}
	matches := func(w word) bool {
		lw := strings.ToLower(text[w.start:w.end])
		for _, t := range terms {
			if wordMatches(lw, t) {
				return true
			}
		}
		return false
	}
	first := 0
	for i, w := range words {
		if matches(w) {
			first = i
			break
		}
	}
	from := max(0, first-n/3)
	to := min(len(words), from+n)
	from = max(0, to-n)
	var b strings.Builder
	if from > 0 {
		b.WriteString("… ")
	}
	pos := words[from].start
	for _, w := range words[from:to] {
		b.WriteString(html.EscapeString(collapse(text[pos:w.start])))
		if matches(w) {
			b.WriteString("<mark>" + html.EscapeString(text[w.start:w.end]) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(text[w.start:w.end]))
		}
		pos = w.end
	}
	if to < len(words) {
		b.WriteString(" …")
	} else {
		b.WriteString(html.EscapeString(collapse(strings.TrimRightFunc(text[pos:], unicode.IsSpace))))
	}
	return b.String()
}

// collapse turns each run of white space (line breaks too) into one space.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
