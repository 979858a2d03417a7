package interop

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGuardCellNeutralisesFormulasOnly(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"Ada Lovelace", "Ada Lovelace"},
		{"=1+1", "'=1+1"},
		{`=HYPERLINK("http://evil.example","x")`, `'=HYPERLINK("http://evil.example","x")`},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\tAda", "'\tAda"},
		{"\r=1+1", "'\r=1+1"},
		{"  =1+1", "'  =1+1"},
		{"\n=1+1", "'\n=1+1"},
		{"-A1", "'-A1"},
		{"+", "'+"},
		{"-", "'-"},
		{"a=1", "a=1"},
		{"'=1", "'=1"}, // already text in a spreadsheet (read back as "=1")
		// Numbers and phone numbers: no letters, so no function or reference.
		{"-3", "-3"},
		{"-12.5", "-12.5"},
		{"-45%", "-45%"},
		{"+1 555 0100", "+1 555 0100"},
		{"+1 (555) 010-9999", "+1 (555) 010-9999"},
		{"- 1,234", "- 1,234"},
		{"2026-11", "2026-11"},
		{"12", "12"},
	} {
		if got := GuardCell(tt.in); got != tt.want {
			t.Errorf("GuardCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := unguardCell(GuardCell(tt.in)); got != tt.in && tt.in[0] != '\'' {
			t.Errorf("unguardCell(GuardCell(%q)) = %q", tt.in, got)
		}
	}
}

func TestSheetWriterGuardsEveryCell(t *testing.T) {
	var buf bytes.Buffer
	w := NewSheetWriter(&buf, false)
	row := []string{"=1+1", "-3", "@x"}
	if err := w.Write(row); err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{"a", "\tb"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "'=1+1,-3,'@x\na,'\tb\n"; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
	if row[0] != "=1+1" {
		t.Errorf("Write changed its row: %q", row)
	}
	buf.Reset()
	w = NewSheetWriter(&buf, true)
	if err := w.Write([]string{"a"}); err != nil || w.Flush() != nil || buf.String() != "a\r\n" {
		t.Errorf("CRLF: %q", buf.String())
	}
}

// TestOnlySheetWriterWritesCSV keeps every CSV file Ally writes guarded:
// a csv.Writer made anywhere but in the SheetWriter would not be.
func TestOnlySheetWriterWritesCSV(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte("csv.NewWriter(")) && filepath.ToSlash(path) != "../../internal/interop/csvwrite.go" {
			t.Errorf("%s makes its own csv.Writer: write through interop.NewSheetWriter", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWriteCSVGuardsHostileNames(t *testing.T) {
	hostile := Card{UID: "1", FirstName: "=cmd|' /C calc'!A0", LastName: "@SUM(A1)", Name: "+x", Organization: "\t=1+1",
		Role: "-2+3+cmd|' /C calc'!A0", Tags: []string{"=tag"}, Emails: []string{"=a@example.org"}, URLs: []string{"=HYPERLINK(\"http://x\")"},
		Phones: []string{"+1 555 0100"}}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []Card{hostile}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`'=cmd|' /C calc'!A0`, `'@SUM(A1)`, `'+x`, `'=1+1`, `'-2+3+cmd|' /C calc'!A0`, `'=tag`, `'=a@example.org`, `'=HYPERLINK(`, ",+1 555 0100,"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	for _, cell := range strings.Split(strings.SplitN(out, "\r\n", 2)[1], ",") {
		if c := strings.TrimPrefix(cell, `"`); c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !numberLike(c) {
			t.Errorf("unguarded cell %q", cell)
		}
	}
}
