package method

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// wallClockReads are the calls and values of package time that read the
// machine's clock or zone, or wait on a stopwatch. A test that uses one
// passes or fails by the hour, the zone or the speed of the machine.
var wallClockReads = map[string]bool{"Now": true, "Since": true, "Until": true, "Local": true, "Sleep": true}

// wallClockAllowed are the only places in the tests that may use them, by
// file (from the repository root) and enclosing function: helpers that
// poll for a condition up to a deadline, and the test of how iCalendar
// export treats the machine's zone, whose output does not depend on it.
var wallClockAllowed = map[string]bool{
	"e2e/journeys_test.go waitFor":                       true, // polls a condition in the page
	"e2e/convmode_test.go waitUntil":                     true, // polls a condition in Go
	"e2e/convmode_test.go restore":                       true, // waits for the address to be free again
	"internal/cli/serve_test.go waitForBaseURL":          true, // polls the database until ally serve has started
	"internal/web/center_import_test.go waitForImport":   true, // polls the import's page until the background import ends
	"internal/interop/writers_test.go TestWriteICSInUTC": true, // passes time.Local in: the output is UTC in every zone
}

// TestNoTestReadsTheWallClock scans every test file of the repository
// (and the test-only harness packages, and all the code of the packages of
// pure rules) for a direct read of the wall clock or zone outside
// wallClockAllowed: tests take a fixed clock (FixedClock, e2e.TestNow)
// and name their zones; pure rules are given the time.
func TestNoTestReadsTheWallClock(t *testing.T) {
	root := repoRoot(t)
	var found []string
	used := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if name := d.Name(); rel != "." && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || !(strings.HasSuffix(rel, "_test.go") || isTestHarness(rel) || isPureRules(rel)) {
			return nil
		}
		for _, at := range wallClockUses(t, path) {
			key := rel + " " + at.fn
			if wallClockAllowed[key] {
				used[key] = true
				continue
			}
			found = append(found, rel+":"+strconv.Itoa(at.line)+": time."+at.name+" in "+at.fn)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) > 0 {
		sort.Strings(found)
		t.Errorf("tests read the wall clock, the machine's zone or a stopwatch (inject a method.Clock, name the zone, poll for a condition):\n  %s",
			strings.Join(found, "\n  "))
	}
	// An entry no longer needed is taken off, so the list stays short.
	for key := range wallClockAllowed {
		if !used[key] {
			t.Errorf("wallClockAllowed lists %q, which no longer reads the clock: remove it", key)
		}
	}
}

// isPureRules tells the packages of rules that take the time as an
// argument in their code too, not only in their tests: a rule that read
// the clock itself could not be tested on fixed dates.
func isPureRules(rel string) bool {
	return strings.HasPrefix(rel, "internal/center/")
}

// isTestHarness tells the packages that exist only for tests.
func isTestHarness(rel string) bool {
	return strings.HasPrefix(rel, "e2e/") || strings.Contains(rel, "/storetest/") || strings.Contains(rel, "/clienttest/")
}

type clockUse struct {
	name, fn string
	line     int
}

// wallClockUses lists the uses of wallClockReads in a file, with the
// function they are in; it follows the name the file imports "time" as.
func wallClockUses(t *testing.T, path string) []clockUse {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	pkg := ""
	for _, imp := range f.Imports {
		if imp.Path.Value == `"time"` {
			pkg = "time"
			if imp.Name != nil {
				pkg = imp.Name.Name
			}
		}
	}
	if pkg == "" || pkg == "_" {
		return nil
	}
	var uses []clockUse
	for _, decl := range f.Decls {
		fn := "(package level)"
		if fd, ok := decl.(*ast.FuncDecl); ok {
			fn = fd.Name.Name
		}
		ast.Inspect(decl, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == pkg && wallClockReads[sel.Sel.Name] {
				uses = append(uses, clockUse{name: sel.Sel.Name, fn: fn, line: fset.Position(sel.Pos()).Line})
			}
			return true
		})
	}
	return uses
}

// repoRoot is the repository's folder: go test runs in internal/method.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the repository root: %v", err)
	}
	return root
}
