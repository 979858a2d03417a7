package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The hostile text put in every field a person, an organization, a field
// and a conversation let the user write: a script, an image with an
// event handler, a quote that would close an attribute and open another.
// xss1337 marks what came from it.
const hostile = `<script>alert('xss1337')</script><img src=x onerror=alert('xss1337')>"onmouseover="alert('xss1337')' onfocus='alert(1)`

// hostileNotes are Markdown notes with links a browser would run.
const hostileNotes = "Notes " + hostile + "\n\n[click](javascript:alert('xss1337')) [data](data:text/html;base64,PHNjcmlwdD4=) " +
	"<a href=\"javascript:alert('xss1337')\">raw</a> ![i](x \"t\" onerror=alert('xss1337'))"

// hostileURL is an address Ally accepts whose text would close an href.
const hostileURL = `https://example.org/?q="><script>alert('xss1337')</script>`

// checkEscaped parses a page as a browser would and fails on anything the
// hostile text made: a script holding it, an event handler, an image it
// added, or a link, form or source running javascript:, data: or
// vbscript:.
func checkEscaped(t *testing.T, path, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "script" && n.FirstChild != nil && strings.Contains(n.FirstChild.Data, "alert('xss1337')") {
				t.Errorf("%s: a script runs the hostile text: %.200s", path, n.FirstChild.Data)
			}
			for _, a := range n.Attr {
				k, v := strings.ToLower(a.Key), a.Val
				if strings.HasPrefix(k, "on") {
					t.Errorf("%s: <%s %s=%q>", path, n.Data, a.Key, v)
				}
				if n.Data == "img" && k == "src" && v == "x" {
					t.Errorf("%s: the hostile image made it in", path)
				}
				switch k {
				case "href", "src", "action", "formaction", "xlink:href", "hx-get", "hx-post":
					u := strings.ToLower(strings.Map(func(r rune) rune {
						if r <= ' ' {
							return -1 // browsers drop these from a URL
						}
						return r
					}, v))
					for _, scheme := range []string{"javascript:", "data:", "vbscript:"} {
						if strings.HasPrefix(u, scheme) {
							t.Errorf("%s: <%s %s=%q>", path, n.Data, a.Key, v)
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

var idIn = regexp.MustCompile(`^/(?:people|orgs|fields|conversations)/(\d+)`)

func TestHostileTextIsEscapedOnEveryPage(t *testing.T) {
	eachDB(t, true, func(t *testing.T, b *browser) {
		created := func(path string, form url.Values) string {
			t.Helper()
			r := b.post(path, form)
			checkEscaped(t, "POST "+path, r.body)
			if r.status != http.StatusSeeOther {
				t.Fatalf("POST %s: %d\n%s", path, r.status, readable(r.body))
			}
			m := idIn.FindStringSubmatch(r.header.Get("Location"))
			if m == nil {
				t.Fatalf("POST %s went to %s", path, r.header.Get("Location"))
			}
			return m[1]
		}
		// A refused form shows the hostile text back in its fields.
		r := b.post("/people", url.Values{"name": {"Eve " + hostile}, "url": {"javascript:alert('xss1337')"}, "emails": {hostile}})
		if r.status != http.StatusUnprocessableEntity {
			t.Errorf("a javascript: address and a hostile email were taken: %d", r.status)
		}
		checkEscaped(t, "the refused person form", r.body)

		org := created("/orgs", url.Values{"name": {"Org " + hostile}, "website": {hostileURL}, "notes": {hostileNotes}})
		field := created("/fields", url.Values{"name": {"Field " + hostile}, "why": {hostile}, "target": {"3"}, "notes": {hostileNotes}})
		person := created("/people", url.Values{"name": {"Eve " + hostile}, "org": {"Org " + hostile}, "role": {hostile},
			"referred_by": {"Ref " + hostile}, "commonality": {hostile}, "field": {field}, "new_fields": {"New " + hostile},
			"emails": {"eve@example.org"}, "phone": {"+1 555 0100"}, "url": {hostileURL}, "location": {hostile},
			"tags": {"<img src=x onerror=alert('xss1337')>"}, "notes": {hostileNotes}})
		convo := created("/conversations", url.Values{"person": {"Eve " + hostile}, "field": {field}, "channel": {"video"},
			"minutes": {"20"}, "place": {hostile}, "who_pays": {hostile[:90]}, "notes": {hostileNotes}})
		qid := regexp.MustCompile(`name="question_id" value="([^"]+)"`).FindStringSubmatch(b.get("/conversations/" + convo + "/live").body)
		if qid == nil {
			t.Fatal("no question in the conversation's guide")
		}
		for _, p := range []struct {
			path string
			form url.Values
		}{
			{"/people/" + person + "/activities", url.Values{"kind": {"note"}, "summary": {hostile}, "notes": {hostileNotes}}},
			{"/conversations/" + convo + "/notes", url.Values{"question_id": {qid[1]}, "text": {hostileNotes}}},
			{"/conversations/" + convo + "/captures", url.Values{"kind": {"term"}, "text": {hostile[:90]}}},
			{"/conversations/" + convo + "/steps", url.Values{"to": {"scheduled"}, "meeting_at": {"2026-11-20T10:00"}}},
		} {
			if r := b.post(p.path, p.form); r.status != http.StatusSeeOther {
				t.Errorf("POST %s: %d\n%s", p.path, r.status, readable(r.body))
			}
		}

		if page := readable(b.get("/people/" + person).body); !strings.Contains(page, "Eve <script>alert('xss1337')</script>") {
			t.Errorf("the person's name is not shown as text:\n%.2000s", page)
		}
		for _, path := range []string{
			"/", "/agenda/today", "/people", "/people?q=xss1337", "/people/" + person, "/people/" + person + "/edit",
			"/people/" + person + "/delete", "/people/" + person + "/compose", "/people/" + person + "/activities/new",
			"/orgs", "/orgs/" + org, "/orgs/" + org + "/edit", "/orgs/" + org + "/delete",
			"/fields", "/fields/" + field, "/fields/" + field + "/edit", "/fields/" + field + "/delete", "/fields/" + field + "/report.html",
			"/conversations", "/conversations/" + convo, "/conversations/" + convo + "/edit", "/conversations/" + convo + "/delete",
			"/conversations/" + convo + "/guide", "/conversations/" + convo + "/live", "/conversations/" + convo + "/writeup",
			"/conversations/" + convo + "/step?to=held", "/compose", "/search?q=xss1337", "/search?q=" + url.QueryEscape(hostile),
			"/network", "/stats", "/questions", "/templates", "/import", "/settings",
		} {
			r := b.get(path)
			if r.status != http.StatusOK {
				t.Errorf("GET %s: %d", path, r.status)
				continue
			}
			checkEscaped(t, path, r.body)
		}
		// The exports that are not HTML are not served as HTML.
		for _, path := range []string{"/fields/" + field + "/report.md", "/export/people.vcf", "/export/people.csv", "/export/ally-backup.json",
			"/conversations/" + convo + "/calendar.ics"} {
			if r := b.get(path); r.status != http.StatusOK || strings.Contains(r.header.Get("Content-Type"), "html") {
				t.Errorf("GET %s: %d, served as %s", path, r.status, r.header.Get("Content-Type"))
			}
		}
	})
}
