package interop

import (
	"bufio"
	"bytes"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffLen is how much of a file's start is looked at to tell its kind.
const sniffLen = 512

// Text kinds that sniff recognizes by their first line.
const (
	kindVCard    = "a vCard file"
	kindCalendar = "an iCalendar (.ics) file"
)

// openText prepares r for one of the text readers: it refuses an empty file
// and other kinds of file by their first bytes, turns UTF-16 (which Windows
// tools write) into UTF-8 and drops a byte-order mark. It returns the reader
// to go on with and the kind of text seen ("" for plain text such as CSV,
// kindVCard or kindCalendar); want names the expected file in messages.
func openText(r io.Reader, want string) (*bufio.Reader, string, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		// BOMOverride reads the byte-order mark to pick the byte order.
		dec := unicode.BOMOverride(transform.Nop)
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	}
	head, err = br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	if len(bytes.TrimSpace(head)) == 0 && len(head) < sniffLen {
		return nil, "", formatErr(0, ErrEmpty, "the file is empty; expected %s", want)
	}
	kind := sniff(head)
	if kind != "" && kind != kindVCard && kind != kindCalendar {
		return nil, "", formatErr(0, ErrWrongKind, "this is %s, not %s", kind, want)
	}
	return br, kind, nil
}

// sniff names the kind of file head starts, or returns "" for text it does
// not recognize. Binary kinds are told by their magic bytes.
func sniff(head []byte) string {
	magic := []struct {
		prefix, kind string
	}{
		{"%PDF-", "a PDF document"},
		{"PK\x03\x04", "a ZIP archive (an Excel .xlsx file or a zipped export: unzip it first)"},
		{"\x1f\x8b", "a gzip-compressed file (uncompress it first)"},
		{"\xd0\xcf\x11\xe0", "a Microsoft Office document (save it as CSV first)"},
		{"\x89PNG", "a PNG image"},
		{"\xff\xd8\xff", "a JPEG image"},
		{"GIF8", "a GIF image"},
		{"{\\rtf", "an RTF document"},
	}
	for _, m := range magic {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return m.kind
		}
	}
	// UTF-16 text has a NUL in every other byte and binary data many; a
	// stray NUL in text is left to the importer, which removes it and
	// says so on its line.
	if nuls := bytes.Count(head, []byte{0}); nuls > 0 && nuls*16 >= len(head) {
		return "binary data, or UTF-16 text without a byte-order mark (save it as UTF-8 text)"
	}
	first := bytes.TrimSpace(head)
	if i := bytes.IndexAny(first, "\r\n"); i >= 0 {
		first = first[:i]
	}
	first = bytes.TrimSpace(first)
	switch {
	case bytes.EqualFold(first, []byte("BEGIN:VCARD")):
		return kindVCard
	case bytes.EqualFold(first, []byte("BEGIN:VCALENDAR")):
		return kindCalendar
	case hasPrefixFold(first, "<!doctype html"), hasPrefixFold(first, "<html"):
		return "a web page (HTML)"
	case hasPrefixFold(first, "<?xml"):
		return "an XML document"
	}
	return ""
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}
