package mailtest

import (
	"io"
	"mime"
	"mime/quotedprintable"
	"strings"
)

type mimeDecoder = mime.WordDecoder

func decodeQP(s string) string {
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(s)))
	if err != nil {
		return s
	}
	return string(b)
}
