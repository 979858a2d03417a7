package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// VNUPath is the Nu HTML checker's jar, relative to the repo root (npm
// devDependency vnu-jar). It runs on the machine's java.
const VNUPath = "node_modules/vnu-jar/build/dist/vnu.jar"

// vnuJVMFlags make the checker's JVM cheaper to start: most of a run is
// the JVM loading and compiling the checker for a few pages, so the quick
// C1 compiler alone (with a stack large enough for the schema's deep
// recursion in C1 code, which the checker needs at least 512k of) and the
// serial collector halve its CPU time. They change how Java runs the
// checker, not what it checks.
var vnuJVMFlags = []string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"}

type vnuMessage struct {
	Type        string `json:"type"`
	SubType     string `json:"subType"`
	URL         string `json:"url"`
	LastLine    int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

// VNU checks one HTML document with the Nu HTML checker and fails the test on
// any error (warnings are ignored).
func VNU(t testing.TB, html []byte) {
	t.Helper()
	VNUPages(t, map[string][]byte{"page": html})
}

// VNUPages checks several HTML documents, named by the keys (a URL path is a
// good name), in one start of the JVM, which is much faster than one each, and
// fails the test listing every error with its page, line and extract.
func VNUPages(t testing.TB, pages map[string][]byte) {
	t.Helper()
	root := RepoRoot(t)
	jar := filepath.Join(root, VNUPath)
	_, err := os.Stat(jar)
	Require(t, err == nil, VNUPath)
	java, err := exec.LookPath("java")
	Require(t, err == nil, "java")

	dir := t.TempDir()
	names := slices.Sorted(maps.Keys(pages))
	byFile := map[string]string{}
	args := append(slices.Clone(vnuJVMFlags), "-jar", jar, "--errors-only", "--format", "json", "--stdout", "--exit-zero-always")
	for i, name := range names {
		file := filepath.Join(dir, fmt.Sprintf("page%02d.html", i))
		if err := os.WriteFile(file, pages[name], 0o644); err != nil {
			t.Fatalf("vnu: %v", err)
		}
		byFile[filepath.Base(file)] = name
		args = append(args, file)
	}

	cmd := exec.CommandContext(t.Context(), java, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("vnu: %v\n%s", err, stderr.String())
	}
	var res struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("vnu: read its report: %v\n%s\n%s", err, out, stderr.String())
	}
	var b strings.Builder
	n := 0
	for _, m := range res.Messages {
		if m.Type == "info" {
			continue
		}
		n++
		page := byFile[filepath.Base(m.URL)]
		if page == "" {
			page = m.URL
		}
		fmt.Fprintf(&b, "\n- %s:%d:%d: %s %s", page, m.LastLine, m.FirstColumn, m.Type, m.Message)
		if m.Extract != "" {
			fmt.Fprintf(&b, "\n    %s", strings.ReplaceAll(strings.TrimSpace(m.Extract), "\n", "\n    "))
		}
	}
	if n > 0 {
		t.Errorf("vnu: %d error(s)%s", n, b.String())
	}
}

// GetHTML fetches url with a plain HTTP GET, as the browser first sees it,
// and fails unless the status is wantStatus and the body is text/html.
func GetHTML(t testing.TB, url string, wantStatus int) []byte {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	if resp.StatusCode != wantStatus {
		t.Fatalf("GET %s: status %d, want %d", url, resp.StatusCode, wantStatus)
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "text/html" {
		t.Fatalf("GET %s: Content-Type %q, want text/html", url, resp.Header.Get("Content-Type"))
	}
	return body
}
