package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// An advisor imports a roster in three steps: upload (kept in the
// database, import_uploads, so that any instance serves the next steps),
// a preview whose column mapping can be changed, and the import itself,
// which runs in the background while a progress page (refreshing by
// itself, and polled by htmx) shows how far it got from the database.

const (
	rosterFormatPrefix = "roster-"
	rosterKeep         = time.Hour       // how long the outcome of an import stays readable
	rosterRefresh      = "3"             // seconds between two loads of the progress page without JavaScript
	rosterBeat         = 2 * time.Second // how often a running import records its progress
)

func rosterRoleOptions() []option {
	return []option{{string(model.RoleVolunteer), "Volunteers (alumni who talk to students)"}, {string(model.RoleStudent), "Students"}}
}

func rosterForm(role string) *form {
	f := newForm()
	// "kind" is the form field receiveUpload reads beside the file.
	f.add("kind", "Who is in the file", role).required().options(rosterRoleOptions()).
		hint("A role column in the file (student or volunteer) overrides it for its row.")
	f.add("file", "Roster (CSV)", "").required().kind("file").
		hint("Nothing changes yet: the next page shows what the import would do, and lets you say what each column holds.")
	return f
}

type rosterUploadPage struct {
	page
	Form *form
}

// rosterShow serves GET /center/import.
func (s *server) rosterShow(w http.ResponseWriter, r *http.Request) {
	s.renderRosterForm(w, r, http.StatusOK, rosterForm(string(model.RoleVolunteer)))
}

func (s *server) renderRosterForm(w http.ResponseWriter, r *http.Request, status int, f *form) {
	_, loc, err := s.settings(r, s.scope(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "center_import", &rosterUploadPage{page: s.newPage("accounts", loc), Form: f})
}

// rosterUpload serves POST /center/import: it keeps the file and sends
// the browser to its preview; a file that cannot be a roster comes back
// with the reason.
func (s *server) rosterUpload(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	role, up, err := s.receiveUpload(w, r)
	if up != nil {
		defer func() {
			if up.path != "" {
				os.Remove(up.path)
			}
		}()
	}
	f := rosterForm(role)
	status := http.StatusUnprocessableEntity
	switch {
	case errors.Is(err, errTooLarge):
		f.invalid("file", fmt.Sprintf("is larger than %d MB; split it into smaller files", maxImportBytes>>20))
		status = http.StatusRequestEntityTooLarge
	case err != nil:
		s.pageError(w, r, err)
		return
	case role != string(model.RoleVolunteer) && role != string(model.RoleStudent):
		f.invalid("kind", "Choose volunteers or students")
	case up.name == "" && up.size == 0:
		f.invalid("file", "Choose a file to import")
	}
	if f.ok() {
		_, err := rosterHeader(up.open)
		var fe *interop.FormatError
		switch {
		case errors.As(err, &fe) && !errors.Is(err, interop.ErrNoEmailColumn):
			f.F["file"].Error = importFileMessage(up.name, err)
		case err != nil && !errors.Is(err, interop.ErrNoEmailColumn):
			s.pageError(w, r, err)
			return
		default:
			token, err := s.keepUpload(r, sc, up, store.ImportFormat(rosterFormatPrefix+role))
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			http.Redirect(w, r, "/center/import/"+token, http.StatusSeeOther)
			return
		}
	}
	f.collect()
	s.renderRosterForm(w, r, status, f)
}

var errHeaderRead = errors.New("header read")

// rosterHeader reads the columns of a roster, and no row.
func rosterHeader(open func() (io.ReadCloser, error)) ([]interop.RosterColumn, error) {
	f, err := open()
	if err != nil {
		return nil, fmt.Errorf("open the upload: %w", err)
	}
	defer f.Close()
	cols, err := interop.ReadRoster(f, nil, func(interop.RosterRow) error { return errHeaderRead })
	if errors.Is(err, errHeaderRead) {
		err = nil
	}
	return cols, err
}

// rosterUploadFor finds the advisor's roster upload the path names.
func (s *server) rosterUploadFor(w http.ResponseWriter, r *http.Request) (store.ImportUpload, model.Role, bool) {
	_, up, ok := s.importUploadFor(w, r)
	if !ok {
		return up, "", false
	}
	role, isRoster := strings.CutPrefix(string(up.Format), rosterFormatPrefix)
	if !isRoster {
		s.importGone(w, r, store.ErrUploadGone)
		return up, "", false
	}
	return up, model.Role(role), true
}

// rosterMapping reads the column mapping of the preview's forms: col_N is
// the field of column N; those not given keep what was recognised.
func rosterMapping(cols []interop.RosterColumn, v url.Values) map[string]interop.RosterField {
	m := map[string]interop.RosterField{}
	for i, c := range cols {
		if f, err := interop.ParseRosterField(v.Get("col_" + strconv.Itoa(i))); err == nil && v.Get("col_"+strconv.Itoa(i)) != "" {
			m[c.Header] = f
		}
	}
	return m
}

type rosterColumnChoice struct {
	Index  int
	Header string
	Field  interop.RosterField
}

type rosterPreviewPage struct {
	page
	Token     string
	Name      string
	Role      model.Role
	Columns   []rosterColumnChoice
	Fields    []interop.RosterField
	Problem   string // the file cannot be imported as mapped
	R         *store.RosterResult
	New       []store.RosterEntry
	Updated   []store.RosterEntry
	Rejected  []store.RosterReject
	MoreNew   int
	MoreUpd   int
	MoreRej   int
	Importing int
}

// rosterPreview serves GET /center/import/{token}: what the import would
// do with the mapping in the address, and the forms that change the
// mapping and import.
func (s *server) rosterPreview(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	up, role, ok := s.rosterUploadFor(w, r)
	if !ok {
		return
	}
	if run, err := sc.UploadRunOf(r.Context(), auth.HashToken(r.PathValue("token")), s.now()); err == nil && run.Claimed {
		http.Redirect(w, r, "/center/import/"+r.PathValue("token")+"/progress", http.StatusSeeOther)
		return
	}
	open := s.uploadOpener(r, sc, up)
	cols, err := rosterHeader(open)
	if err != nil && !errors.Is(err, interop.ErrNoEmailColumn) {
		s.importFailed(w, r, sc, up, err)
		return
	}
	d := &rosterPreviewPage{page: s.newPage("accounts", loc), Token: r.PathValue("token"), Name: up.Name, Role: role,
		Fields: interop.RosterFieldList()}
	mapping := rosterMapping(cols, r.URL.Query())
	release, err := s.imports.parse()
	if err != nil {
		s.importBusy(w, r)
		return
	}
	defer release()
	f, err := open()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	defer f.Close()
	res, err := s.Store.ImportRoster(r.Context(), f, store.RosterOptions{Role: role, Map: mapping, DryRun: true}, model.Actor{}, s.now())
	var fe *interop.FormatError
	switch {
	case errors.As(err, &fe):
		d.Problem = sentence(err.Error())
	case err != nil:
		s.pageError(w, r, err)
		return
	}
	shown := cols
	if res != nil && res.Columns != nil {
		shown = res.Columns
	}
	for i, c := range shown {
		d.Columns = append(d.Columns, rosterColumnChoice{Index: i, Header: c.Header, Field: c.Field})
	}
	if res != nil && d.Problem == "" {
		d.R = res
		d.New, d.MoreNew = firstOf(res.New, res.NewCount)
		d.Updated, d.MoreUpd = firstOf(res.Updated, res.UpdateCount)
		d.Rejected, d.MoreRej = firstOf(res.Rejected, res.RejectedCount)
		d.Importing = res.NewCount + res.UpdateCount + res.Unchanged
	}
	s.render(w, r, http.StatusOK, "center_import_preview", d)
}

// rosterOutcome is what a finished import keeps for its progress page.
type rosterOutcome struct {
	Result  *store.RosterResult `json:"result,omitempty"`
	Invited *store.InviteReport `json:"invited,omitempty"`
	Error   string              `json:"error,omitempty"`
}

// rosterApply serves POST /center/import/{token}: the upload is claimed
// (of two clicks, on any instances, one imports), the import starts in
// the background, and the browser goes to its progress page.
func (s *server) rosterApply(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	sc := s.scope(r)
	up, role, ok := s.rosterUploadFor(w, r)
	if !ok {
		return
	}
	cols, err := rosterHeader(s.uploadOpener(r, sc, up))
	if err != nil && !errors.Is(err, interop.ErrNoEmailColumn) {
		s.importFailed(w, r, sc, up, err)
		return
	}
	acct, by, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	hash := auth.HashToken(r.PathValue("token"))
	up, err = sc.ClaimImportUpload(r.Context(), hash, s.now())
	if err != nil {
		s.importGone(w, r, err)
		return
	}
	opt := store.RosterOptions{Role: role, Map: rosterMapping(cols, r.PostForm), SkipRejected: r.PostForm.Get("skip_rejected") != ""}
	invite := r.PostForm.Get("invite") != ""
	centerName := s.centerName(r)
	s.rosterRuns.Add(1)
	go s.runRoster(context.WithoutCancel(r.Context()), sc, hash, up, opt, invite, by, acct.Name, centerName)
	http.Redirect(w, r, "/center/import/"+r.PathValue("token")+"/progress", http.StatusSeeOther)
}

// runRoster imports a claimed upload and records its progress and
// outcome in the database, where every instance reads them.
func (s *server) runRoster(ctx context.Context, sc *store.Scope, hash string, up store.ImportUpload, opt store.RosterOptions,
	invite bool, by model.Actor, inviterName, centerName string) {
	defer s.rosterRuns.Done()
	var last time.Time
	record := func(phase string, done, total int) {
		now := s.now()
		if phase != store.RosterChecking && now.Sub(last) < rosterBeat {
			return
		}
		last = now
		if err := sc.UploadProgress(ctx, hash, phase, done, total, now); err != nil {
			s.Logger.Warn("record a roster import's progress", "err", err)
		}
	}
	opt.Progress = func(p store.RosterProgress) {
		// SQLite has one writer, held by the import's transaction while it
		// writes: the page then says "writing" until the end.
		if p.Phase == store.RosterWriting && s.Store.Dialect() == store.SQLite {
			return
		}
		record(p.Phase, p.Done, p.Total)
	}
	record(store.RosterReading, 0, 0)
	var out rosterOutcome
	f, err := sc.OpenImportUpload(ctx, up)
	if err == nil {
		out.Result, err = s.Store.ImportRoster(ctx, f, opt, by, s.now())
		f.Close()
	}
	if err == nil && invite && s.signIn != nil {
		if err = sc.UploadProgress(ctx, hash, store.UploadInviting, 0, len(out.Result.AccountIDs), s.now()); err == nil {
			var rep store.InviteReport
			rep, err = s.signIn.links.InviteAccounts(ctx, centerName, out.Result.AccountIDs, by, inviterName)
			out.Invited = &rep
		}
	}
	phase := store.UploadDone
	if err != nil {
		phase, out.Error = store.UploadFailed, sentence(err.Error())
		var fe *interop.FormatError
		var re *store.RosterRejectedError
		if !errors.As(err, &fe) && !errors.As(err, &re) {
			s.Logger.Error("import a roster", "err", err)
			out.Error = "The import stopped on an error; nothing was imported. Try again in a moment."
		}
	}
	if out.Result != nil {
		out.Result.AccountIDs = nil
	}
	b, _ := json.Marshal(out) // plain data
	now := s.now()
	if err := sc.FinishUpload(ctx, hash, phase, string(b), now, now.Add(rosterKeep)); err != nil {
		s.Logger.Error("record a roster import's outcome", "err", err)
	}
}

type rosterProgressPage struct {
	page
	Token   string
	Name    string
	Run     store.UploadRun
	Running bool
	Out     rosterOutcome
	Percent int
}

// rosterProgress serves GET /center/import/{token}/progress: how far the
// import got, read from the database. While it runs, the page asks to be
// loaded again (a Refresh header) and htmx polls its status part.
func (s *server) rosterProgress(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	run, err := sc.UploadRunOf(r.Context(), auth.HashToken(r.PathValue("token")), s.now())
	if err != nil || !strings.HasPrefix(string(run.Format), rosterFormatPrefix) {
		s.importGone(w, r, store.ErrUploadGone)
		return
	}
	d := &rosterProgressPage{page: s.newPage("accounts", loc), Token: r.PathValue("token"), Name: run.Name, Run: run,
		Running: run.Phase != store.UploadDone && run.Phase != store.UploadFailed}
	if run.Total > 0 {
		d.Percent = min(100, run.Done*100/run.Total)
	}
	if !d.Running {
		if err := json.Unmarshal([]byte(run.Outcome), &d.Out); err != nil {
			s.pageError(w, r, fmt.Errorf("read a roster import's outcome: %w", err))
			return
		}
	} else {
		w.Header().Set("Refresh", rosterRefresh)
	}
	s.render(w, r, http.StatusOK, "center_import_progress", d)
}
