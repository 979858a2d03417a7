// Package clienttest runs real clients over what Ally writes, in tests:
// Debian's khard (vCard address book), the npm ical.js parser (vCard and
// iCalendar), Python's vobject validator and Debian's vdirsyncer (calendar
// sync). Each check fails the test when the client refuses the file or
// prints an error.
//
// A missing client skips the test with a hint to run
// scripts/interop-setup.sh; under CI=true it fails it instead, so that CI
// cannot pass without having run them.
package clienttest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// missing skips or, under CI=true, fails the test for a missing client.
func missing(t testing.TB, what string) {
	t.Helper()
	msg := what + " is not installed: run scripts/interop-setup.sh"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (under CI=true the real-client checks must run)")
	}
	t.Skip(msg)
}

// Tool returns the path of a program, or skips (fails under CI) without it.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name)
	}
	return p
}

// python is Debian's interpreter, where python3-vobject and khard live;
// another python3 earlier on PATH (pyenv, a virtualenv) would not have them.
const python = "/usr/bin/python3"

// RepoRoot is the folder holding go.mod, found from the working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// run runs a client with a time limit and returns its standard output;
// a non-zero exit fails the test with everything it printed.
func run(t testing.TB, stdin []byte, name string, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "PYTHONIOENCODING=utf-8")
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", filepath.Base(name), strings.Join(args, " "), err, out.String(), errb.String())
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%s did not finish in 2 minutes", name)
	}
	return out.String(), errb.String()
}

// Component is a vCard or iCalendar component as ical.js read it.
type Component struct {
	Name string `json:"name"`
	// Props maps each property name (lower case) to its values as text,
	// one per occurrence; a structured value's parts are joined with ";".
	Props    map[string][]string `json:"props"`
	Children []Component         `json:"children"`
	// For a VEVENT: start and end in Unix seconds, time zones resolved
	// from the file's VTIMEZONE, and whether it is a whole day.
	Start  *float64 `json:"start"`
	End    *float64 `json:"end"`
	AllDay bool     `json:"allDay"`
}

// First returns the first value of a property, or "".
func (c *Component) First(name string) string {
	if v := c.Props[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// All returns the subcomponents of a kind, recursively.
func (c *Component) All(name string) []Component {
	var out []Component
	for _, ch := range c.Children {
		if ch.Name == name {
			out = append(out, ch)
		}
		out = append(out, ch.All(name)...)
	}
	return out
}

//go:embed icaljs.mjs
var icaljsScript []byte

// ICALJS parses a vCard or iCalendar file with ical.js and returns its
// top-level components (one per vCard, or the VCALENDAR).
func ICALJS(t testing.TB, data []byte) []Component {
	t.Helper()
	node := Tool(t, "node")
	module := filepath.Join(RepoRoot(t), "node_modules", "ical.js", "dist", "ical.js")
	if _, err := os.Stat(module); err != nil {
		missing(t, "the npm package ical.js")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "parse.mjs")
	input := filepath.Join(dir, "input")
	if err := os.WriteFile(script, icaljsScript, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(input, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := run(t, nil, node, script, module, input)
	var comps []Component
	if err := json.Unmarshal([]byte(out), &comps); err != nil {
		t.Fatalf("ical.js output: %v\n%s", err, out)
	}
	return comps
}

// vobjectScript reads iCalendar or vCard text with vobject and validates
// every component; it prints how many components of each kind it saw.
const vobjectScript = `
import collections, sys, vobject
text = open(sys.argv[1], encoding="utf-8", newline="").read()
seen = collections.Counter()
def walk(c):
    seen[c.name] += 1
    for ch in c.getChildren():
        if isinstance(ch, vobject.base.Component):
            walk(ch)
if sys.argv[2] == "ics":
    cal = vobject.readOne(text, validate=True)
    walk(cal)
    cal.serialize(validate=True)
else:
    for card in vobject.readComponents(text, validate=True):
        walk(card)
        card.serialize(validate=True)
print(" ".join("%s=%d" % kv for kv in sorted(seen.items())))
`

// Vobject validates an iCalendar (kind "ics") or vCard ("vcf") file with
// Python's vobject and returns how many components of each kind it holds.
func Vobject(t testing.TB, data []byte, kind string) map[string]int {
	t.Helper()
	if _, err := os.Stat(python); err != nil {
		missing(t, python)
	}
	if _, _, err := runQuiet(python, "-c", "import vobject"); err != nil {
		missing(t, "python3-vobject")
	}
	input := filepath.Join(t.TempDir(), "input."+kind)
	if err := os.WriteFile(input, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := run(t, nil, python, "-c", vobjectScript, input, kind)
	counts := map[string]int{}
	for _, kv := range strings.Fields(out) {
		var name string
		var n int
		if _, err := fmt.Sscanf(strings.Replace(kv, "=", " ", 1), "%s %d", &name, &n); err == nil {
			counts[name] = n
		}
	}
	return counts
}

func runQuiet(name string, args ...string) (string, string, error) {
	cmd := exec.Command(name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return out.String(), errb.String(), err
}

// KhardContact is one contact as khard lists it.
type KhardContact struct {
	UID    string              `json:"uid"`
	Name   string              `json:"name"`
	Orgs   [][]string          `json:"orgs"`
	Titles []string            `json:"titles"`
	Notes  []string            `json:"notes"`
	Emails map[string][]string `json:"emails"`
	Phones map[string][]string `json:"phones"`
}

// khardFields turns the Python literals of `khard ls --parsable --fields`
// into JSON.
const khardFields = `
import ast, json, sys
keys = ["uid", "name", "orgs", "notes", "emails", "phones", "titles"]
out = []
for line in sys.stdin.read().split("\n"):
    if not line:
        continue
    cells = line.split("\t")
    row = {}
    for k, v in zip(keys, cells):
        if k in ("uid", "name"):
            row[k] = v
        else:
            row[k] = ast.literal_eval(v) if v.strip() else None
    out.append(row)
print(json.dumps(out))
`

// Khard reads a folder of .vcf files (a vdir, one card a file) with khard
// configured to refuse any card it cannot parse, and lists the contacts.
func Khard(t testing.TB, vdir string) []KhardContact {
	t.Helper()
	khard := Tool(t, "khard")
	cfg := filepath.Join(t.TempDir(), "khard.conf")
	conf := `[addressbooks]
[[ally]]
path = ` + vdir + `

[general]
default_action = list
editor = /bin/false
merge_editor = /bin/false

[contact table]
display = formatted_name
show_uids = yes
sort = formatted_name

[vcard]
search_in_source_files = no
skip_unparsable = no
`
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr := run(t, nil, khard, "-c", cfg, "list", "--parsable", "--fields", "uid,formatted_name,organisations,notes,emails,phone_numbers,titles")
	if bad := problemLine.FindString(stderr); bad != "" {
		t.Fatalf("khard complained: %s\n%s", bad, stderr)
	}
	js, _ := run(t, []byte(out), python, "-c", khardFields)
	var contacts []KhardContact
	if err := json.Unmarshal([]byte(js), &contacts); err != nil {
		t.Fatalf("khard output: %v\n%s", err, out)
	}
	return contacts
}

// problemLine finds an error or a critical message in a client's output.
var problemLine = regexp.MustCompile(`(?im)^.*\b(error|critical|warning)\b.*$`)

// SplitVCards splits a vCard file into its cards, each with its own
// BEGIN and END lines, for a vdir of one card a file.
func SplitVCards(data []byte) [][]byte {
	var out [][]byte
	for _, part := range bytes.SplitAfter(data, []byte("END:VCARD\r\n")) {
		if len(bytes.TrimSpace(part)) > 0 {
			out = append(out, part)
		}
	}
	return out
}

// Vdirsyncer syncs an iCalendar feed from an http storage at url into a
// filesystem storage, and returns the files it wrote by name. Its exit code
// is not enough: any line of its output that says error or critical fails
// the test. Calling it again with the same dir syncs again, as a calendar
// refreshing its subscription does; the output of that run is returned
// too.
func Vdirsyncer(t testing.TB, url, dir string) (files map[string][]byte, output string) {
	t.Helper()
	vdirsyncer := Tool(t, "vdirsyncer")
	cal := filepath.Join(dir, "calendar")
	status := filepath.Join(dir, "status")
	for _, d := range []string{cal, status} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, "config")
	conf := fmt.Sprintf(`[general]
status_path = %q

[pair feed]
a = "feed_remote"
b = "feed_local"
collections = null
conflict_resolution = "a wins"

[storage feed_remote]
type = "http"
url = %q

[storage feed_local]
type = "filesystem"
path = %q
fileext = ".ics"
`, status, url, cal)
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, args := range [][]string{{"discover", "feed"}, {"sync", "feed"}} {
		out, stderr := run(t, []byte("y\n"), vdirsyncer, append([]string{"-c", cfg, "--verbosity", "INFO"}, args...)...)
		all.WriteString(out + stderr)
	}
	if bad := regexp.MustCompile(`(?im)^.*\b(error|critical)\b.*$`).FindString(all.String()); bad != "" {
		t.Fatalf("vdirsyncer reported a problem: %s\n%s", bad, all.String())
	}
	files = map[string][]byte{}
	entries, err := os.ReadDir(cal)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(cal, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files, all.String()
}
