package store

import (
	"context"
	"database/sql"
	"fmt"
	"html"
	"strconv"
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

// index replaces the search document of one record.
func (sc *Scope) index(ctx context.Context, k docKind, id int64, title, body string) error {
	var err error
	if sc.st.dialect == SQLite {
		if err = sc.unindex(ctx, k, id); err == nil {
			_, err = sc.w.ExecContext(ctx, `INSERT INTO search_docs (rowid, title, body, owner, owner_id, kind, ref_id)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, docID(k, id), title, body, ownerToken(sc.owner), sc.owner, docKindNames[k], id)
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
	q := `DELETE FROM search_docs WHERE doc_id = $1`
	if sc.st.dialect == SQLite {
		q = `DELETE FROM search_docs WHERE rowid = $1`
	}
	if _, err := sc.w.ExecContext(ctx, q, docID(k, id)); err != nil {
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

// rankCandidates bounds how many matches a search ranks: the newest ones.
const rankCandidates = 1000

// searchQueryPostgres takes at most rankCandidates of an owner's matches,
// found through the full-text index, and ranks only those. It asks for no
// order among the candidates: an order (newest first, as on SQLite) would
// lead the planner to walk the owner's documents one by one, which for a
// rare word means all of them.
const searchQueryPostgres = `SELECT c.doc_id, ts_rank(c.tsv, q) AS rank
	FROM (SELECT doc_id, tsv FROM search_docs WHERE owner_id = $2 AND tsv @@ to_tsquery('english', $1)
		LIMIT $4) c, to_tsquery('english', $1) q
	ORDER BY rank DESC, c.doc_id LIMIT $3`

// ownerToken is the word that stands for an owner in SQLite's full-text index.
func ownerToken(owner int64) string { return "o" + strconv.FormatInt(owner, 10) }

// searchTerms splits a query into plain words: letters and digits only, so
// no user text can reach either database's query syntax.
func searchTerms(q string) []string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) > 12 {
		words = words[:12]
	}
	return words
}

// Search finds people, conversations, fields and organizations whose text
// matches every word of q (the last word as a prefix, for search as you
// type), best first, each with a highlighted snippet.
func (sc *Scope) Search(ctx context.Context, q string, limit int) ([]model.SearchResult, error) {
	terms := searchTerms(q)
	if len(terms) == 0 {
		return []model.SearchResult{}, nil
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	// First rank the matches and keep the best ids; then read just those
	// documents. Carrying every matching body through the sort, or building
	// a snippet for each, costs more than the ranking itself. A very
	// common word matches thousands of documents: only the newest
	// rankCandidates of them are ranked, so its cost stays bounded.
	var query, match, fetch string
	var args []any
	if sc.st.dialect == SQLite {
		quoted := make([]string, len(terms))
		for i, t := range terms {
			quoted[i] = `"` + t + `"`
		}
		quoted[len(quoted)-1] += "*"
		// The owner's token narrows the index itself; the words are
		// looked for in the title and body only.
		match = `owner : "` + ownerToken(sc.owner) + `" AND {title body} : (` + strings.Join(quoted, " ") + `)`
		var floor sql.NullInt64
		if err := sc.r.QueryRowContext(ctx, `SELECT MIN(rowid) FROM (SELECT rowid FROM search_docs
			WHERE search_docs MATCH $1 ORDER BY rowid DESC LIMIT $2)`, match, rankCandidates).Scan(&floor); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if !floor.Valid {
			return []model.SearchResult{}, nil
		}
		query = `SELECT rowid, -bm25(search_docs, 5.0, 1.0, 0.0) FROM search_docs
			WHERE search_docs MATCH $1 AND rowid >= $2 ORDER BY bm25(search_docs, 5.0, 1.0, 0.0) LIMIT $3`
		args = []any{match, floor.Int64, limit}
		fetch = `SELECT rowid, kind, ref_id, title, body FROM search_docs WHERE rowid IN (%s)`
	} else {
		parts := make([]string, len(terms))
		copy(parts, terms)
		parts[len(parts)-1] += ":*"
		match = strings.Join(parts, " & ")
		query = searchQueryPostgres
		args = []any{match, sc.owner, limit, rankCandidates}
		fetch = `SELECT doc_id, kind, ref_id, title, body FROM search_docs WHERE doc_id IN (%s)`
	}
	rows, err := sc.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var ids []any
	rank := map[int64]float64{}
	for rows.Next() {
		var id int64
		var r float64
		if err := rows.Scan(&id, &r); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search: %w", err)
		}
		ids = append(ids, id)
		rank[id] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return []model.SearchResult{}, err
	}
	rows, err = sc.r.QueryContext(ctx, fmt.Sprintf(fetch, placeholders(1, len(ids))), ids...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	byID := map[int64]model.SearchResult{}
	for rows.Next() {
		var id int64
		var r model.SearchResult
		var body string
		if err := rows.Scan(&id, &r.Kind, &r.ID, &r.Title, &body); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		r.Rank = rank[id]
		r.Snippet = snippet(body, terms, 16)
		byID[id] = r
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]model.SearchResult, 0, len(ids))
	for _, id := range ids {
		if r, ok := byID[id.(int64)]; ok {
			out = append(out, r)
		}
	}
	return out, nil
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
			if strings.HasPrefix(lw, t) || (len(t) > 4 && strings.HasPrefix(t, lw) && len(lw) >= len(t)-2) {
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
