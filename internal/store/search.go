package store

import (
	"context"
	"fmt"
	"html"
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

// Snippet markers: control characters never found in user text survive the
// database's highlighting and are turned into <mark> after HTML escaping.
const (
	markOpen  = "\x02"
	markClose = "\x03"
)

// index replaces the search document of one record.
func (sc *Scope) index(ctx context.Context, k docKind, id int64, title, body string) error {
	var err error
	if sc.st.dialect == SQLite {
		if err = sc.unindex(ctx, k, id); err == nil {
			_, err = sc.w.ExecContext(ctx, `INSERT INTO search_docs (rowid, title, body, owner_id, kind, ref_id)
				VALUES ($1, $2, $3, $4, $5, $6)`, docID(k, id), title, body, sc.owner, docKindNames[k], id)
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
// type), best first.
func (sc *Scope) Search(ctx context.Context, q string, limit int) ([]model.SearchResult, error) {
	terms := searchTerms(q)
	if len(terms) == 0 {
		return []model.SearchResult{}, nil
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var query, match string
	if sc.st.dialect == SQLite {
		quoted := make([]string, len(terms))
		for i, t := range terms {
			quoted[i] = `"` + t + `"`
		}
		quoted[len(quoted)-1] += "*"
		match = strings.Join(quoted, " ")
		query = `SELECT kind, ref_id, title,
			snippet(search_docs, -1, '` + markOpen + `', '` + markClose + `', '…', 16), -bm25(search_docs, 5.0, 1.0)
			FROM search_docs WHERE search_docs MATCH $1 AND owner_id = $2
			ORDER BY bm25(search_docs, 5.0, 1.0) LIMIT $3`
	} else {
		parts := make([]string, len(terms))
		for i, t := range terms {
			parts[i] = t
		}
		parts[len(parts)-1] += ":*"
		match = strings.Join(parts, " & ")
		query = `SELECT kind, ref_id, title,
			ts_headline('english', title || ' ' || body, q, 'StartSel=` + markOpen + `, StopSel=` + markClose + `, MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…'),
			ts_rank(tsv, q)
			FROM search_docs, to_tsquery('english', $1) q
			WHERE owner_id = $2 AND tsv @@ q
			ORDER BY ts_rank(tsv, q) DESC, doc_id LIMIT $3`
	}
	rows, err := sc.r.QueryContext(ctx, query, match, sc.owner, limit)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	out := []model.SearchResult{}
	for rows.Next() {
		var r model.SearchResult
		var snippet string
		if err := rows.Scan(&r.Kind, &r.ID, &r.Title, &snippet, &r.Rank); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		r.Snippet = highlight(snippet)
		out = append(out, r)
	}
	return out, rows.Err()
}

// highlight escapes text for HTML and turns the markers into <mark> tags.
func highlight(s string) string {
	s = html.EscapeString(strings.Join(strings.Fields(s), " "))
	return strings.NewReplacer(markOpen, "<mark>", markClose, "</mark>").Replace(s)
}
