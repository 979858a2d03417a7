package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

//go:embed static
var staticFiles embed.FS

// asset is one static file, held in memory with its gzip form and a
// fingerprint of its content.
type asset struct {
	body, gz    []byte
	contentType string
	hash        string // first 12 hex digits of the SHA-256 of body
}

type assets struct{ files map[string]*asset }

// loadAssets reads and compresses every static file once, at start.
func loadAssets() (*assets, error) {
	a := &assets{files: map[string]*asset{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "text/plain; charset=utf-8"
		}
		f := &asset{body: body, contentType: ct, hash: hex.EncodeToString(sum[:6])}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		if buf.Len() < len(body) {
			f.gz = buf.Bytes()
		}
		a.files[strings.TrimPrefix(p, "static/")] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	return a, nil
}

// url is a static file's address with its fingerprint: the file can be
// cached for a year, and a new version has a new address.
func (a *assets) url(name string) string {
	f := a.files[name]
	if f == nil {
		return "/static/" + name
	}
	return "/static/" + name + "?v=" + f.hash
}

// static serves a file from memory, gzip-compressed when the client
// accepts it.
func (s *server) static(w http.ResponseWriter, r *http.Request) {
	f := s.ui.assets.files[r.PathValue("file")]
	if f == nil {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	etag := `"` + f.hash + `"`
	h.Set("ETag", etag)
	if r.URL.Query().Get("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", f.contentType)
	body := f.body
	if f.gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = f.gz
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		if q, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			v, err := strconv.ParseFloat(q, 64)
			return err != nil || v > 0
		}
		return true
	}
	return false
}

// contentSecurityPolicy allows only Ally's own scripts, styles and
// requests: no inline script or style anywhere, so injected markup cannot
// run. Images may be data: URLs; Markdown notes cannot pull in others.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// pageHeaders sets the security headers of every page and compresses HTML
// when the client accepts gzip. The JSON API passes through untouched.
func (s *server) pageHeaders(next http.Handler) http.Handler {
	pool := &sync.Pool{New: func() any {
		// Pages drawn for one request are compressed as the kept ones are
		// (gzipBytes): at the fastest level, whose CPU matters more under
		// load than the few per cent of bytes the default level saves.
		zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
		return zw
	}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Vary", "Accept-Encoding")
		if !acceptsGzip(r) {
			next.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w, pool: pool}
		defer gw.close()
		next.ServeHTTP(gw, r)
	})
}

// gzipWriter compresses an HTML response on the fly. It decides at the
// first header write: responses already encoded (static files), empty
// ones and anything but HTML go out as they are.
type gzipWriter struct {
	http.ResponseWriter
	pool    *sync.Pool
	zw      *gzip.Writer
	decided bool
}

func (g *gzipWriter) WriteHeader(status int) {
	if !g.decided {
		g.decided = true
		h := g.Header()
		ct := h.Get("Content-Type")
		if h.Get("Content-Encoding") == "" && status != http.StatusNoContent && status != http.StatusNotModified &&
			status >= 200 && strings.HasPrefix(ct, "text/html") {
			h.Del("Content-Length")
			h.Set("Content-Encoding", "gzip")
			g.zw = g.pool.Get().(*gzip.Writer)
			g.zw.Reset(g.ResponseWriter)
		}
	}
	g.ResponseWriter.WriteHeader(status)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.zw != nil {
		return g.zw.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) close() {
	if g.zw != nil {
		g.zw.Close()
		g.zw.Reset(io.Discard)
		g.pool.Put(g.zw)
		g.zw = nil
	}
}

func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }
