package interop

import (
	"net/url"
	"strings"
)

// NormalizeProfileURL reduces a profile address to a key for finding the
// same person twice: it lower-cases it and drops the scheme, "www." (and a
// LinkedIn country or mobile host such as "de." or "m."), user info, the
// query, the fragment and trailing slashes, and decodes percent-escapes.
// "https://www.LinkedIn.com/in/Jane-Doe/?trk=x" and
// "linkedin.com/in/jane-doe" give the same key. It returns "" for an empty
// or blank address. The key is for comparing, not for visiting.
func NormalizeProfileURL(u string) string {
	s := strings.ToLower(strings.TrimSpace(u))
	if s == "" {
		return ""
	}
	if i := strings.Index(s, "://"); i >= 0 && !strings.ContainsAny(s[:i], "/?#") {
		s = s[i+3:]
	}
	s = strings.TrimPrefix(s, "//")
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	host, path, _ := strings.Cut(s, "/")
	if at := strings.LastIndexByte(host, '@'); at >= 0 {
		host = host[at+1:]
	}
	host = strings.TrimSuffix(strings.TrimSuffix(host, "."), ":443")
	host = strings.TrimSuffix(host, ":80")
	host = strings.TrimPrefix(host, "www.")
	if strings.HasSuffix(host, ".linkedin.com") {
		host = "linkedin.com"
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = strings.ToLower(p)
	}
	path = strings.TrimRight(path, "/")
	if path == "" {
		return host
	}
	return host + "/" + path
}
