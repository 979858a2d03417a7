package store

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"
)

var lineInError = regexp.MustCompile(`^line (\d+): `)

// FuzzReadExportDoc reads any file as an Ally JSON export (ally import
// json): it never panics, an error that names a line names one of the
// file's, and a document read has only known sections, each row of which
// starts inside the file.
func FuzzReadExportDoc(f *testing.F) {
	for _, s := range []string{
		`{"format":"ally-export","version":1,"exported_at":"2026-01-01T00:00:00Z","user":{"name":"A"},"people":[{"id":1,"name":"Ada"},{"id":2}],"tags":[]}`,
		"{\n\"format\": \"ally-export\",\n\"version\": 2\n}",
		"{\"format\":\"ally-export\",\"version\":1,\n\"people\":[\n{\"id\":1},\n\"x\"],\"people\":[]}",
		`{"format":"ally-export","version":1,"nope":[]}`,
		"[1,2,3]", "{", "{\"format\":1}", "\n\n{\"version\":\"1\"}", "{} {}", "\xef\xbb\xbf{}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte{'\n'}) + 1
		doc, err := readExportDoc(bytes.NewReader(data))
		if err != nil {
			if m := lineInError.FindStringSubmatch(err.Error()); m != nil {
				if n, _ := strconv.Atoi(m[1]); n < 1 || n > lines {
					t.Fatalf("%v in a file of %d lines", err, lines)
				}
			}
			return
		}
		known := map[string]bool{}
		for _, tb := range exportTables() {
			known[tb.name] = true
		}
		for name, raw := range doc.sections {
			if !known[name] {
				t.Fatalf("unknown section %q read", name)
			}
			for _, at := range doc.rowStarts(name, raw) {
				if at < 0 || at > int64(len(data)) {
					t.Fatalf("a row of %s starts at %d of %d bytes", name, at, len(data))
				}
				if n := doc.line(at); n < 1 || n > lines {
					t.Fatalf("a row of %s on line %d of %d", name, n, lines)
				}
			}
		}
	})
}
