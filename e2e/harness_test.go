package e2e

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// These tests prove the harness on the pages that need no database (welcome,
// guide, error, and the form parts), rendered straight from the template
// files the way internal/web renders them: layout.html + form.html + one page.

// The page data below carries exactly the fields each template documents, so
// a template that starts to need more fails here.
type layoutData struct {
	Flash      string
	FlashError bool
	Nav        string
	// As web's page base: a personal app is neither signed in nor
	// anonymous, and has no audit log.
	SignedIn, Anonymous, MayAudit, MayManage bool
	MayDirectory, MayProfile                 bool
	MayRequest, MayAnswer, MayReview         bool
	MayRunProgram                            bool
}

type errorData struct {
	layoutData
	Status  int
	Message string
}

type option struct{ Value, Label string }

type field struct {
	ID, Name, Label, Value, Error, Hint, Type string
	Required                                  bool
	Autocomplete                              string
	Rows                                      int
	Options                                   []option
	Checked                                   bool
}

type formData struct {
	layoutData
	Name, Email, Source, Notes, MayUseName field
	Invalid                                []field
}

// formPage exercises every part of form.html the way a page would, with the
// state after a failed submit.
const formPage = `{{define "title"}}Add a person{{end}}
{{define "main"}}<h1>Add a person</h1>
<form method="post" action="/people" novalidate>
{{template "form-errors" .Invalid}}
{{template "field-input" .Name}}
{{template "field-input" .Email}}
{{template "field-select" .Source}}
{{template "field-textarea" .Notes}}
{{template "field-checkbox" .MayUseName}}
<p class="actions"><button type="submit">Save person</button> <a class="button secondary" href="/people">Cancel</a></p>
</form>{{end}}`

func newFormData() formData {
	name := field{ID: "name", Name: "name", Label: "Name", Value: `Ana "Ana" <Ruiz>`, Required: true, Autocomplete: "off"}
	email := field{ID: "email", Name: "email", Label: "Email", Type: "email", Value: "ana@example", Autocomplete: "off",
		Error: "This address has no domain ending, like .com or .org."}
	source := field{ID: "source", Name: "source", Label: "How do you know them?", Value: "referral", Required: true,
		Hint:    "A referral opens the most doors.",
		Options: []option{{"referral", "Someone referred me"}, {"commonality", "We share a connection"}, {"cold", "No connection yet"}}}
	notes := field{ID: "notes", Name: "notes", Label: "Private notes", Value: "\nMet at the alumni evening.", Rows: 4,
		Hint: "Only you can see these. Markdown works."}
	may := field{ID: "may-use-name", Name: "may_use_name", Label: "I may mention who referred me", Checked: true,
		Error: "Ask your referrer first."}
	return formData{
		layoutData: layoutData{Flash: "Nothing was saved: two fields need a look.", FlashError: true, Nav: "people"},
		Name:       name, Email: email, Source: source, Notes: notes, MayUseName: may,
		Invalid: []field{email, may},
	}
}

// newTemplateServer serves the static folder and the no-database pages.
func newTemplateServer(t *testing.T) *httptest.Server {
	t.Helper()
	web := filepath.Join(RepoRoot(t), "internal", "web")
	tdir := filepath.Join(web, "templates")
	// The layout asks for static files by name; the real server adds a
	// fingerprint to the address, which this one does not need.
	funcs := template.FuncMap{"asset": func(name string) string { return "/static/" + name }}
	parse := func(page string) *template.Template {
		t.Helper()
		set := template.Must(template.New("").Funcs(funcs).ParseFiles(filepath.Join(tdir, "layout.html"), filepath.Join(tdir, "form.html")))
		if strings.HasSuffix(page, ".html") {
			return template.Must(set.ParseFiles(filepath.Join(tdir, page)))
		}
		return template.Must(set.Parse(page))
	}
	render := func(tpl *template.Template, status int, data any) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			var buf bytes.Buffer
			if err := tpl.ExecuteTemplate(&buf, "layout", data); err != nil {
				t.Errorf("render %s: %v", r.URL.Path, err)
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			w.Write(buf.Bytes())
		}
	}
	errorPage := parse("error.html")
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServer(http.Dir(filepath.Join(web, "static")))))
	mux.Handle("GET /{$}", render(parse("welcome.html"), http.StatusOK,
		layoutData{Flash: "Welcome! Your data stays on this machine.", Nav: "agenda"}))
	mux.Handle("GET /guide", render(parse("guide.html"), http.StatusOK, layoutData{Nav: "guide"}))
	mux.Handle("GET /form", render(parse(formPage), http.StatusUnprocessableEntity, newFormData()))
	mux.Handle("GET /boom", render(errorPage, http.StatusInternalServerError, errorData{Status: 500}))
	mux.Handle("/", render(errorPage, http.StatusNotFound,
		errorData{Status: 404, Message: "No person has that number."}))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

var staticPages = []struct {
	path   string
	status int
}{
	{"/", http.StatusOK},
	{"/guide", http.StatusOK},
	{"/form", http.StatusUnprocessableEntity},
	{"/people/999", http.StatusNotFound},
	{"/boom", http.StatusInternalServerError},
}

func TestStaticPagesHaveValidMarkup(t *testing.T) {
	srv := newTemplateServer(t)
	html := map[string][]byte{}
	for _, p := range staticPages {
		html[p.path] = GetHTML(t, srv.URL+p.path, p.status)
	}
	VNUPages(t, html)
}

func TestStaticPagesAreAccessibleOnDesktopAndPhone(t *testing.T) {
	srv := newTemplateServer(t)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	views := []struct {
		name   string
		setup  chromedp.Action[chromedp.Void]
		scheme string
	}{
		{"desktop", Desktop(), "light"},
		{"phone", Mobile(), "light"},
		{"phone-dark", Mobile(), "dark"},
	}
	for _, v := range views {
		for _, p := range staticPages {
			name := v.name + strings.ReplaceAll(p.path, "/", "_")
			t.Run(name, func(t *testing.T) {
				if err := chromedp.Do(ctx, v.setup, ColorScheme(v.scheme), chromedp.Navigate(srv.URL+p.path)); err != nil {
					t.Fatal(err)
				}
				Axe(t, ctx)
				FitsWidth(t, ctx)
				Screenshot(t, ctx, filepath.Join(shots, name+".png"))
			})
		}
	}
}

func TestPrintHidesNavigationAndForms(t *testing.T) {
	srv := newTemplateServer(t)
	ctx := NewBrowser(t)
	if err := chromedp.Do(ctx, Desktop(), chromedp.Navigate(srv.URL+"/guide"), Media("print")); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[".site-header", ".site-footer", ".skip", "#flash", ".actions"]
		.filter(s => document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== "none")`))
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) > 0 {
		t.Errorf("printed page still shows %v", shown)
	}
	Screenshot(t, ctx, filepath.Join(ScreenshotDir(t), "print_guide.png"))
	if err := chromedp.Do(ctx, Media("")); err != nil {
		t.Fatal(err)
	}
}

func TestFormPartsKeepInputAndPointAtErrors(t *testing.T) {
	srv := newTemplateServer(t)
	ctx := NewBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/form")); err != nil {
		t.Fatal(err)
	}
	// What the user typed comes back verbatim, a leading newline included.
	for sel, want := range map[string]string{
		"#name":   `Ana "Ana" <Ruiz>`,
		"#email":  "ana@example",
		"#source": "referral",
		"#notes":  "\nMet at the alumni evening.",
	} {
		got, err := chromedp.Run(ctx, chromedp.Value(sel))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s value = %q, want %q", sel, got, want)
		}
	}
	// Every invalid control names, through aria-describedby, an element that
	// exists, and one of them says what is wrong.
	problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [];
		const invalid = [...document.querySelectorAll("[aria-invalid=true]")];
		if (invalid.length !== 2) out.push(invalid.length + " invalid controls, want 2");
		for (const el of invalid) {
			const ids = (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
			const found = ids.map(id => document.getElementById(id));
			if (found.some(x => !x)) out.push(el.id + ": aria-describedby names a missing id");
			if (!found.some(x => x && x.classList.contains("field-error") && x.textContent.trim())) out.push(el.id + ": no error text");
		}
		if (document.querySelectorAll(".errors a").length !== 2) out.push("summary should link both fields");
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

func TestShortcutsFocusSearchAndFollowAddLink(t *testing.T) {
	srv := newTemplateServer(t)
	ctx := NewBrowser(t)
	active := `document.activeElement ? document.activeElement.id : ""`
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady("body"), Press("/")); err != nil {
		t.Fatal(err)
	}
	if id, _ := chromedp.Run(ctx, chromedp.Evaluate[string](active)); id != "site-q" {
		t.Fatalf(`after "/", focus is on %q, want the search box`, id)
	}
	// Typing in the box types, it does not trigger shortcuts.
	if err := chromedp.Do(ctx, Press("n/")); err != nil {
		t.Fatal(err)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value("#site-q")); v != "n/" {
		t.Errorf("search box holds %q after typing n/, want %q", v, "n/")
	}
	if err := chromedp.Do(ctx, chromedp.Blur("#site-q"), Press("n"), chromedp.WaitReady("h1")); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(loc, "/people/new") {
		t.Errorf(`after "n" the page is %s, want the add-person link`, loc)
	}
}

// recorder stands in for a test so that a checker's complaints can be read
// instead of failing the real test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Error(args ...any) { r.errs = append(r.errs, fmt.Sprint(args...)) }
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// The checkers must find real problems, or every green run above means
// nothing.
func TestCheckersReportProblems(t *testing.T) {
	const bad = `<!doctype html><html><head><title>Bad</title></head><body>
<div style="width:2000px"><img src="x.png"><p style="color:#bbb;background:#fff">faint</p></div>
<span><div>block in inline</div></span></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, bad)
	}))
	t.Cleanup(srv.Close)

	want := func(rec *recorder, checker string, words ...string) {
		t.Helper()
		all := strings.Join(rec.errs, "\n")
		for _, w := range words {
			if !strings.Contains(all, w) {
				t.Errorf("%s did not report %q; it said:\n%s", checker, w, all)
			}
		}
	}

	rec := &recorder{TB: t}
	VNU(rec, []byte(bad))
	want(rec, "vnu", "alt", "“div” not allowed as child of element “span”")

	ctx := NewBrowser(t)
	if err := chromedp.Do(ctx, Mobile(), chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	rec = &recorder{TB: t}
	Axe(rec, ctx)
	want(rec, "axe", "image-alt", "color-contrast", "html-has-lang")
	rec = &recorder{TB: t}
	FitsWidth(rec, ctx)
	want(rec, "FitsWidth", "scrolls sideways", "div right=")
}
