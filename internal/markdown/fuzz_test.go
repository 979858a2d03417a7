package markdown

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzHTML renders any notes and checks the HTML a browser would build
// from them runs nothing: no script, style, frame or form element, no
// event handler or style attribute, and links and images only to http,
// https or mailto addresses (or relative ones).
func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"Met at **the fair**.\n\n<script>alert(1)</script>",
		"[x](javascript:alert(1)) [y](JaVaScRiPt&#58;alert(1)) [z](data:text/html;base64,PHNjcmlwdD4=)",
		"![img](x \"t\" onerror=alert(1)) <img src=x onerror=alert(1)>",
		"<a href=\"java\tscript:alert(1)\">a</a> <iframe src=//evil></iframe>",
		"# Head\n- [ ] task\n- [x] done\n\n| a | b |\n|---|---|\n| <svg onload=alert(1)> | c |",
		"<https://example.org/?q=\"><script>x</script>> www.example.org `<b>`",
		"[a]: javascript:alert(1)\n\n[a]",
	} {
		f.Add(s, false)
	}
	renderers := map[bool]*Renderer{false: New(FromH3), true: New(Bold)}
	f.Fuzz(func(t *testing.T, src string, bold bool) {
		out := string(renderers[bold].HTML(src))
		doc, err := html.Parse(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "script", "style", "iframe", "frame", "object", "embed", "form", "base", "meta", "link", "svg", "math":
					t.Fatalf("a <%s> element from %q:\n%s", n.Data, src, out)
				}
				for _, a := range n.Attr {
					k := strings.ToLower(a.Key)
					if strings.HasPrefix(k, "on") || k == "style" || k == "formaction" || k == "srcdoc" {
						t.Fatalf("attribute %s=%q from %q:\n%s", a.Key, a.Val, src, out)
					}
					if k == "href" || k == "src" || k == "action" || k == "cite" {
						checkURL(t, a.Val, src, out)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	})
}

func checkURL(t *testing.T, v, src, out string) {
	t.Helper()
	// Browsers drop tabs and line breaks from URLs and trim spaces.
	v = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v))
	u, err := url.Parse(v)
	if err != nil {
		// An unparseable address is a relative one to a browser only if
		// it has no scheme at all.
		if i := strings.IndexAny(v, ":/?#"); i >= 0 && v[i] == ':' {
			t.Fatalf("address %q from %q:\n%s", v, src, out)
		}
		return
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
	default:
		t.Fatalf("a %s: address %q from %q:\n%s", u.Scheme, v, src, out)
	}
}
