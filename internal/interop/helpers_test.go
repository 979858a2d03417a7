package interop

import (
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
)

// reader is the shape all three readers share.
type reader func(io.Reader, func(Contact) error) ([]Problem, error)

// readAll runs rd over r and gathers what it emitted.
func readAll(rd reader, r io.Reader) ([]Contact, []Problem, error) {
	var cs []Contact
	ps, err := rd(r, func(c Contact) error {
		cs = append(cs, c)
		return nil
	})
	return cs, ps, err
}

// readFile runs rd over a testdata file and fails the test on an error.
func readFile(t *testing.T, rd reader, path string) ([]Contact, []Problem) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cs, ps, err := readAll(rd, f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cs, ps
}

// wantProblem is a Problem expected at a line, found by a part of its
// message.
type wantProblem struct {
	line    int
	skipped bool
	text    string
}

func checkProblems(t *testing.T, got []Problem, want []wantProblem) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(got), len(want), problemList(got))
		return
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.line || g.Skipped != w.skipped || !strings.Contains(g.Message, w.text) {
			t.Errorf("problem %d = %+v, want line %d skipped %v containing %q", i, g, w.line, w.skipped, w.text)
		}
	}
}

func problemList(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}

// labeled builds []Labeled from value, label pairs.
func labeled(pairs ...string) []Labeled {
	var out []Labeled
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, Labeled{Value: pairs[i], Label: pairs[i+1]})
	}
	return out
}

// checkContact compares the fields of got that want sets; Photo is compared
// by type only, Line always.
func checkContact(t *testing.T, got, want Contact) {
	t.Helper()
	g := got
	g.Photo = nil
	if want.PhotoType == "" {
		g.PhotoType = ""
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("contact at line %d:\n got  %+v\n want %+v", got.Line, g, want)
	}
	if want.PhotoType != "" && len(got.Photo) == 0 {
		t.Errorf("contact at line %d: no photo", got.Line)
	}
}
