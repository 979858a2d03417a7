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

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/store"
)

// Limits on uploaded contacts files.
const (
	maxImportBytes   = 200 << 20        // a LinkedIn export of 50,000 rows is about 8 MB
	importTTL        = 30 * time.Minute // how long an upload waits for its "Import" button
	maxImportUploads = 5                // uploads one user has waiting at once; the oldest is dropped first
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

// importUploads is this process's part of the imports: the folder an
// upload streams into while its request lasts, and the turns at reading
// contacts files. A file that passed its first preview waits for its
// "Import" button in the database (store.KeepImportUpload), where any
// instance finds it; the browser only ever names a token.
//
// The folder is made on the first upload rather than at start, so that a
// server that never imports (or a test) leaves nothing behind even
// without close, and made again if something removed it.
type importUploads struct {
	root string // where the folder goes: Deps.ImportRoot, else the temp dir
	// parses holds one token per contacts file being read: a preview of a
	// large file takes seconds and tens of MB, and a few at once must not
	// exhaust a small server.
	parses chan struct{}

	mu  sync.Mutex
	dir string // the folder, once made
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

// close deletes the folder and whatever is being received in it.
func (u *importUploads) close() error {
	u.mu.Lock()
	defer u.mu.Unlock()
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
		status = http.StatusRequestEntityTooLarge
	case err != nil:
		s.pageError(w, r, err)
		return
	case !validImportFormat(kind):
		f.invalid("kind", "Choose the kind of file: LinkedIn, vCard or Google")
	case up.name == "" && up.size == 0:
		f.invalid("file", "Choose a file to import")
	}
	if f.ok() {
		_, err := s.runImport(r, sc.PreviewImport, store.ImportFormat(kind), up.open)
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
			token, err := s.keepUpload(r, sc, up, store.ImportFormat(kind))
			if err != nil {
				s.pageError(w, r, err)
				return
			}
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

func (up *received) open() (io.ReadCloser, error) { return os.Open(up.path) }

// keepUpload stores a file that passed its first preview in the database
// until its "Import" button, and returns the token its address carries.
func (s *server) keepUpload(r *http.Request, sc *store.Scope, up *received, format store.ImportFormat) (string, error) {
	f, err := up.open()
	if err != nil {
		return "", fmt.Errorf("open the upload: %w", err)
	}
	defer f.Close()
	tok := make([]byte, 18)
	rand.Read(tok) // never fails
	token := base64.RawURLEncoding.EncodeToString(tok)
	now := s.now()
	_, err = sc.KeepImportUpload(r.Context(), auth.HashToken(token),
		store.ImportUpload{Format: format, Name: up.name, ExpiresAt: now.Add(importTTL)}, f, maxImportUploads, now)
	return token, err
}

// receiveUpload reads the multipart form of the import page as it streams
// in: the kind, and the file into a temporary file (at most
// maxImportBytes). The caller removes the file.
func (s *server) receiveUpload(w http.ResponseWriter, r *http.Request) (string, *received, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBody)
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

// importUploadFor finds the signed-in user's upload the path names, or
// answers 404 with what to do: an upload that expired, was imported, or
// is another user's all look the same.
func (s *server) importUploadFor(w http.ResponseWriter, r *http.Request) (string, store.ImportUpload, bool) {
	hash := auth.HashToken(r.PathValue("token"))
	up, err := s.scope(r).ImportUpload(r.Context(), hash, s.now())
	if err != nil {
		s.importGone(w, r, err)
		return "", up, false
	}
	return hash, up, true
}

// importGone answers a request for an upload that is not there (404) or
// is being imported by another request (409).
func (s *server) importGone(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrUploadGone):
		s.render(w, r, http.StatusNotFound, "error", &errorPage{Status: http.StatusNotFound, Message: importGoneMessage})
	case errors.Is(err, store.ErrUploadBusy):
		s.render(w, r, http.StatusConflict, "error", &errorPage{Status: http.StatusConflict, Message: importBusyClaimMessage})
	default:
		s.pageError(w, r, err)
	}
}

const (
	importGoneMessage      = "That upload has expired (files wait 30 minutes) or was already imported. Choose the file again on the Import page."
	importBusyClaimMessage = "That file is being imported already, perhaps from a second click. Look at your people in a moment."
)

// importPreview serves GET /import/{token}: what importing the uploaded
// file would do, read afresh, with the button that does it.
func (s *server) importPreview(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, up, ok := s.importUploadFor(w, r)
	if !ok {
		return
	}
	p, err := s.runImport(r, sc.PreviewImport, up.Format, s.uploadOpener(r, sc, up))
	if err != nil {
		s.importFailed(w, r, sc, up, err)
		return
	}
	d := &importPreviewPage{page: s.newPage("people", loc), Token: r.PathValue("token"), Name: up.Name, Format: up.Format, P: p,
		Changes: p.NewCount + p.UpdateCount}
	d.New, d.MoreNew = firstOf(p.New, p.NewCount)
	d.Updates, d.MoreUpdates = firstOf(p.Updates, p.UpdateCount)
	d.Duplicates, d.MoreDuplicates = firstOf(p.Duplicates, p.DuplicateCount)
	d.Problems, d.MoreProblems = firstOf(p.Problems, p.ProblemCount)
	s.render(w, r, http.StatusOK, "import_preview", d)
}

// importApply serves POST /import/{token}: the import itself, in one
// transaction, then the people list with a summary. The upload is claimed
// first, so that of two clicks (on any instances) one imports.
func (s *server) importApply(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	hash := auth.HashToken(r.PathValue("token"))
	release, err := s.imports.parse()
	if err != nil {
		s.importBusy(w, r)
		return
	}
	defer release()
	up, err := sc.ClaimImportUpload(r.Context(), hash, s.now())
	if err != nil {
		s.importGone(w, r, err)
		return
	}
	p, err := s.readUpload(r, sc.ApplyImport, up.Format, s.uploadOpener(r, sc, up))
	if err != nil {
		var fe *interop.FormatError
		if !errors.As(err, &fe) {
			// The button may be pressed again.
			if uerr := sc.UnclaimImportUpload(context.WithoutCancel(r.Context()), hash); uerr != nil {
				s.Logger.Warn("release an upload", "err", uerr)
			}
		}
		s.importFailed(w, r, sc, up, err)
		return
	}
	if err := sc.DropImportUpload(r.Context(), hash); err != nil {
		s.Logger.Warn("drop an imported upload", "err", err)
	}
	s.redirect(w, r, "/people", importSummary(up.Name, p))
}

func (s *server) uploadOpener(r *http.Request, sc *store.Scope, up store.ImportUpload) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return sc.OpenImportUpload(r.Context(), up) }
}

// importRun is PreviewImport or ApplyImport.
type importRun func(context.Context, store.ImportFormat, io.Reader, time.Time) (*store.ImportPreview, error)

// runImport reads the upload with run, when it is its turn (see
// importUploads.parse); errImportBusy otherwise.
func (s *server) runImport(r *http.Request, run importRun, format store.ImportFormat, open func() (io.ReadCloser, error)) (*store.ImportPreview, error) {
	release, err := s.imports.parse()
	if err != nil {
		return nil, err
	}
	defer release()
	return s.readUpload(r, run, format, open)
}

// readUpload reads the upload with run; the caller holds a turn.
func (s *server) readUpload(r *http.Request, run importRun, format store.ImportFormat, open func() (io.ReadCloser, error)) (*store.ImportPreview, error) {
	f, err := open()
	if err != nil {
		return nil, fmt.Errorf("open the upload: %w", err)
	}
	defer f.Close()
	return run(r.Context(), format, f, s.now())
}

// importFailed answers an import that could not run. A file that cannot be
// imported is forgotten, with the reason; any other failure keeps the
// upload, so that the button can be pressed again.
func (s *server) importFailed(w http.ResponseWriter, r *http.Request, sc *store.Scope, up store.ImportUpload, err error) {
	var fe *interop.FormatError
	if errors.Is(err, errImportBusy) {
		s.importBusy(w, r)
		return
	}
	if errors.Is(err, store.ErrUploadGone) {
		s.importGone(w, r, err)
		return
	}
	if errors.As(err, &fe) {
		if derr := sc.DropImportUpload(r.Context(), auth.HashToken(r.PathValue("token"))); derr != nil {
			s.Logger.Warn("drop an upload that cannot be imported", "err", derr)
		}
		s.redirectError(w, r, "/import", importFileMessage(up.Name, err))
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
