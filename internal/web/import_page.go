package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/store"
)

// Limits on uploaded contacts files.
const (
	maxImportBytes   = 200 << 20        // a LinkedIn export of 50,000 rows is about 8 MB
	importTTL        = 30 * time.Minute // how long an upload waits for its "Import" button
	maxImportUploads = 20               // uploads waiting at once; the oldest is dropped first
	importListLimit  = 100              // rows of each preview list drawn on the page
	importParses     = 2                // contacts files read at once, unless Deps.ImportParses says
	// importBusyRetry is the Retry-After of a request turned away because
	// importParses files are being read: reading one takes seconds.
	importBusyRetry = "5"
	// importDirPrefix starts the name of each process's uploads folder,
	// ally-import-<pid>-<random>, and of the loose files older versions
	// left in the temp dir: a server sweeps the stale ones at start.
	importDirPrefix = "ally-import-"
)

// importUploads holds the files uploaded for an import between the preview
// and the apply, each under a random token. The browser only ever names a
// token; the file's path stays on the server. Entries expire after
// importTTL and their files are deleted.
//
// The files live in a folder of this process's own, removed by close when
// the server shuts down. It is made on the first upload rather than at
// start, so that a server that never imports (or a test) leaves nothing
// behind even without close, and made again if something removed it.
type importUploads struct {
	root string // where the folder goes: Deps.ImportRoot, else the temp dir
	// parses holds one token per contacts file being read: a preview of a
	// large file takes seconds and tens of MB, and a few at once must not
	// exhaust a small server.
	parses chan struct{}

	mu  sync.Mutex
	dir string // the folder, once made
	m   map[string]*importUpload
}

var errImportBusy = errors.New("busy reading other contacts files")

// newImportUploads sweeps what earlier processes left in root (folders and
// files named ally-import-* last changed more than importTTL before now:
// their uploads have expired) and returns the registry.
func newImportUploads(root string, parses int, now time.Time, log *slog.Logger) *importUploads {
	if root == "" {
		root = os.TempDir()
	}
	if parses <= 0 {
		parses = importParses
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		log.Warn("sweep stale import uploads", "dir", root, "err", err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), importDirPrefix) {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) <= importTTL {
			continue
		}
		if err := os.RemoveAll(filepath.Join(root, e.Name())); err != nil {
			log.Warn("sweep stale import uploads", "path", e.Name(), "err", err)
		}
	}
	return &importUploads{root: root, parses: make(chan struct{}, parses)}
}

// folder returns this process's uploads folder, making it when needed.
func (u *importUploads) folder() (string, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.dir != "" {
		if err := os.Mkdir(u.dir, 0o700); err == nil || errors.Is(err, fs.ErrExist) {
			return u.dir, nil
		}
	}
	dir, err := os.MkdirTemp(u.root, fmt.Sprintf("%s%d-*", importDirPrefix, os.Getpid()))
	if err != nil {
		return "", fmt.Errorf("make the uploads folder: %w", err)
	}
	u.dir = dir
	return dir, nil
}

// close deletes every upload and the folder.
func (u *importUploads) close() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	clear(u.m)
	if u.dir == "" {
		return nil
	}
	err := os.RemoveAll(u.dir)
	u.dir = ""
	return err
}

// parse takes a turn to read a contacts file, without waiting: it returns
// errImportBusy when importParses files are being read. release gives the
// turn back.
func (u *importUploads) parse() (release func(), err error) {
	select {
	case u.parses <- struct{}{}:
		return func() { <-u.parses }, nil
	default:
		return nil, errImportBusy
	}
}

// importBusy answers a request turned away by parse: 503, with when to try
// again.
func (s *server) importBusy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", importBusyRetry)
	s.render(w, r, http.StatusServiceUnavailable, "error", &errorPage{Status: http.StatusServiceUnavailable, Message: importBusyMessage})
}

const importBusyMessage = "Ally is busy reading other contacts files; try again in a moment."

// importUpload is one uploaded contacts file waiting to be imported.
type importUpload struct {
	path    string
	owner   int64
	format  store.ImportFormat
	name    string // the file's name as the browser gave it, for messages only
	added   time.Time
	expires time.Time
}

// put keeps an upload and returns its token.
func (u *importUploads) put(up *importUpload, now time.Time) string {
	tok := make([]byte, 18)
	rand.Read(tok) // never fails
	token := base64.RawURLEncoding.EncodeToString(tok)
	up.added, up.expires = now, now.Add(importTTL)
	u.mu.Lock()
	defer u.mu.Unlock()
	u.sweepLocked(now)
	if u.m == nil {
		u.m = map[string]*importUpload{}
	}
	for len(u.m) >= maxImportUploads {
		var oldest string
		for k, v := range u.m {
			if oldest == "" || v.added.Before(u.m[oldest].added) {
				oldest = k
			}
		}
		u.dropLocked(oldest)
	}
	u.m[token] = up
	return token
}

// get returns the owner's upload under token, if it has not expired.
func (u *importUploads) get(token string, owner int64, now time.Time) (*importUpload, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.sweepLocked(now)
	up, ok := u.m[token]
	if !ok || up.owner != owner {
		return nil, false
	}
	return up, true
}

// drop forgets an upload and deletes its file.
func (u *importUploads) drop(token string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.dropLocked(token)
}

func (u *importUploads) dropLocked(token string) {
	if up, ok := u.m[token]; ok {
		os.Remove(up.path)
		delete(u.m, token)
	}
}

func (u *importUploads) sweepLocked(now time.Time) {
	for k, v := range u.m {
		if !now.Before(v.expires) {
			u.dropLocked(k)
		}
	}
}

// importFormatOptions are the kinds of file the import page offers.
func importFormatOptions() []option {
	labels := map[store.ImportFormat]string{
		store.ImportLinkedIn: "LinkedIn connections (Connections.csv)",
		store.ImportVCard:    "vCard (.vcf, from a phone, Apple, Outlook or Google)",
		store.ImportGoogle:   "Google Contacts (CSV)",
	}
	var opts []option
	for _, f := range store.ImportFormats() {
		opts = append(opts, option{string(f), labels[f]})
	}
	return opts
}

func importForm(kind string) *form {
	f := newForm()
	f.add("kind", "Kind of file", kind).required().options(importFormatOptions())
	f.add("file", "File", "").required().kind("file").
		hint("Nothing changes yet: the next page shows what the import would do.")
	return f
}

type importPage struct {
	page
	Form *form
}

// importShow serves GET /import: choose the kind of file and upload it.
func (s *server) importShow(w http.ResponseWriter, r *http.Request) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "import", &importPage{page: s.newPage("people", loc), Form: importForm(r.URL.Query().Get("kind"))})
}

// importUpload serves POST /import: it saves the file, checks that it can
// be imported, and sends the browser to its preview.
func (s *server) importUpload(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	kind, up, err := s.receiveUpload(w, r)
	status := http.StatusUnprocessableEntity
	if up != nil {
		defer func() {
			if up.path != "" {
				os.Remove(up.path)
			}
		}()
	}
	f := importForm(kind)
	var fe *interop.FormatError
	switch {
	case errors.Is(err, errTooLarge):
		f.invalid("file", fmt.Sprintf("is larger than %d MB; split it into smaller files", maxImportBytes>>20))
	case err != nil:
		s.pageError(w, r, err)
		return
	case !validImportFormat(kind):
		f.invalid("kind", "Choose the kind of file: LinkedIn, vCard or Google")
	case up.name == "" && up.size == 0:
		f.invalid("file", "Choose a file to import")
	}
	if f.ok() {
		_, err := s.runImport(r, sc.PreviewImport, &importUpload{path: up.path, format: store.ImportFormat(kind)})
		switch {
		case errors.Is(err, errImportBusy):
			// The form comes back as it was, for the file to be sent again.
			w.Header().Set("Retry-After", importBusyRetry)
			f.F["file"].Error = importBusyMessage
			status = http.StatusServiceUnavailable
		case errors.As(err, &fe):
			// Set as it is: invalid() would capitalize the file's name.
			f.F["file"].Error = importFileMessage(up.name, err)
		case err != nil:
			s.pageError(w, r, err)
			return
		default:
			token := s.imports.put(&importUpload{path: up.path, owner: s.ownerOf(r), format: store.ImportFormat(kind), name: up.name}, s.now())
			up.path = "" // the registry owns the file now
			http.Redirect(w, r, "/import/"+token, http.StatusSeeOther)
			return
		}
	}
	f.collect()
	s.render(w, r, status, "import", &importPage{page: s.newPage("people", loc), Form: f})
}

// importFileMessage is a file-level error in one sentence that names the file.
func importFileMessage(name string, err error) string {
	if name == "" {
		name = "The file"
	}
	msg := name + " cannot be imported: " + err.Error()
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

func validImportFormat(kind string) bool {
	for _, f := range store.ImportFormats() {
		if string(f) == kind {
			return true
		}
	}
	return false
}

// received is an uploaded file saved to a temporary file.
type received struct {
	path string
	name string
	size int64
}

// receiveUpload reads the multipart form of the import page as it streams
// in: the kind, and the file into a temporary file (at most
// maxImportBytes). The caller removes the file.
func (s *server) receiveUpload(w http.ResponseWriter, r *http.Request) (string, *received, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, badRequest{"the upload could not be read; send the form again"}
	}
	var kind string
	up := &received{}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return kind, up, uploadErr(err)
		}
		switch p.FormName() {
		case "kind":
			b, err := io.ReadAll(io.LimitReader(p, 64))
			if err != nil {
				return kind, up, uploadErr(err)
			}
			kind = strings.TrimSpace(string(b))
		case "file":
			if up.path != "" {
				continue // one file only
			}
			dir, err := s.imports.folder()
			if err != nil {
				return kind, up, err
			}
			if err := saveUpload(dir, p, up); err != nil {
				return kind, up, err
			}
		}
	}
	return kind, up, nil
}

func saveUpload(dir string, p *multipart.Part, up *received) error {
	tmp, err := os.CreateTemp(dir, "upload-*")
	if err != nil {
		return fmt.Errorf("save the upload: %w", err)
	}
	up.path = tmp.Name()
	up.name = filepath.Base(strings.ReplaceAll(p.FileName(), `\`, "/"))
	if up.name == "." || up.name == "/" {
		up.name = ""
	}
	n, err := io.Copy(tmp, io.LimitReader(p, maxImportBytes+1))
	up.size = n
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return uploadErr(err)
	}
	if n > maxImportBytes {
		return errTooLarge
	}
	return nil
}

func uploadErr(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errTooLarge
	}
	return badRequest{"the upload was cut off; send the file again"}
}

// importPreviewPage is the data of import_preview.html.
type importPreviewPage struct {
	page
	Token   string
	Name    string
	Format  store.ImportFormat
	P       *store.ImportPreview
	Changes int // people the import adds or updates

	// The lists as drawn: the first importListLimit of each, and how
	// many more there are.
	New                                                []store.ImportNew
	Updates                                            []store.ImportUpdate
	Duplicates                                         []store.ImportDuplicate
	Problems                                           []store.ImportProblem
	MoreNew, MoreUpdates, MoreDuplicates, MoreProblems int
}

// firstOf cuts a list to importListLimit and says how many of the count
// it stands for are left out: the preview itself holds only the first
// store.ImportListMax of each list.
func firstOf[T any](list []T, count int) ([]T, int) {
	list = list[:min(len(list), importListLimit)]
	return list, count - len(list)
}

// groupDigits writes n with a comma between thousands: "12,345".
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// importUploadFor finds the upload the path names, or sends the browser
// back to the import page with a message.
func (s *server) importUploadFor(w http.ResponseWriter, r *http.Request) (string, *importUpload, bool) {
	token := r.PathValue("token")
	up, ok := s.imports.get(token, s.ownerOf(r), s.now())
	if !ok {
		s.redirectError(w, r, "/import", "That upload has expired or was already imported. Choose the file again.")
		return "", nil, false
	}
	return token, up, true
}

// importPreview serves GET /import/{token}: what importing the uploaded
// file would do, read afresh, with the button that does it.
func (s *server) importPreview(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	token, up, ok := s.importUploadFor(w, r)
	if !ok {
		return
	}
	p, err := s.runImport(r, sc.PreviewImport, up)
	if err != nil {
		s.importFailed(w, r, token, up, err)
		return
	}
	d := &importPreviewPage{page: s.newPage("people", loc), Token: token, Name: up.name, Format: up.format, P: p,
		Changes: p.NewCount + p.UpdateCount}
	d.New, d.MoreNew = firstOf(p.New, p.NewCount)
	d.Updates, d.MoreUpdates = firstOf(p.Updates, p.UpdateCount)
	d.Duplicates, d.MoreDuplicates = firstOf(p.Duplicates, p.DuplicateCount)
	d.Problems, d.MoreProblems = firstOf(p.Problems, p.ProblemCount)
	s.render(w, r, http.StatusOK, "import_preview", d)
}

// importApply serves POST /import/{token}: the import itself, in one
// transaction, then the people list with a summary.
func (s *server) importApply(w http.ResponseWriter, r *http.Request) {
	token, up, ok := s.importUploadFor(w, r)
	if !ok {
		return
	}
	p, err := s.runImport(r, s.scope(r).ApplyImport, up)
	if err != nil {
		s.importFailed(w, r, token, up, err)
		return
	}
	s.imports.drop(token)
	s.redirect(w, r, "/people", importSummary(up.name, p))
}

// importRun is PreviewImport or ApplyImport.
type importRun func(context.Context, store.ImportFormat, io.Reader, time.Time) (*store.ImportPreview, error)

// runImport reads the upload with run, when it is its turn (see
// importUploads.parse); errImportBusy otherwise.
func (s *server) runImport(r *http.Request, run importRun, up *importUpload) (*store.ImportPreview, error) {
	release, err := s.imports.parse()
	if err != nil {
		return nil, err
	}
	defer release()
	f, err := os.Open(up.path)
	if err != nil {
		return nil, fmt.Errorf("open the upload: %w", err)
	}
	defer f.Close()
	return run(r.Context(), up.format, f, s.now())
}

// importFailed answers an import that could not run. A file that cannot be
// imported is forgotten, with the reason; any other failure keeps the
// upload, so that the button can be pressed again.
func (s *server) importFailed(w http.ResponseWriter, r *http.Request, token string, up *importUpload, err error) {
	var fe *interop.FormatError
	if errors.Is(err, errImportBusy) {
		s.importBusy(w, r)
		return
	}
	if errors.As(err, &fe) {
		s.imports.drop(token)
		s.redirectError(w, r, "/import", importFileMessage(up.name, err))
		return
	}
	s.pageError(w, r, err)
}

// importSummary is the flash message after an import.
func importSummary(name string, p *store.ImportPreview) string {
	if name == "" {
		name = "the file"
	}
	msg := fmt.Sprintf("Imported %s: %s added, %s updated, %d unchanged", name,
		plural(p.NewCount, "person", "people"), plural(p.UpdateCount, "person", "people"), p.Unchanged)
	if n := p.DuplicateCount; n > 0 {
		msg += ", " + plural(n, "duplicate", "duplicates") + " left out"
	}
	if n := p.ProblemCount; n > 0 {
		msg += ", " + plural(n, "problem", "problems") + " noted"
	}
	return msg + "."
}
