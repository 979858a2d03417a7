package web

import (
	"math"
	"net/http"

	"github.com/ally-dev/ally/internal/model"
)

// auditPageSize is how many audit entries one page lists.
const auditPageSize = 100

// auditPage is the audit log, newest first, one page of it.
type auditPage struct {
	page
	Entries []model.AuditEntry
	// Older is the ?before= of the next page; 0 when this page is the last.
	Older int64
	// Paged says this is not the first page.
	Paged bool
}

// auditShow serves GET /center/audit to advisors: every sign-in, failed
// sign-in, role change, token and refusal, newest first, a page at a time.
func (s *server) auditShow(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	before, err := queryInt(r, "before", 0, math.MaxInt32)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	// One more than a page tells whether an older page exists.
	entries, err := s.Store.AuditLog(r.Context(), auditPageSize+1, int64(before))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := &auditPage{page: s.newPage("audit", loc), Paged: before > 0}
	if len(entries) > auditPageSize {
		entries = entries[:auditPageSize]
		data.Older = entries[len(entries)-1].ID
	}
	data.Entries = entries
	s.render(w, r, http.StatusOK, "center_audit", data)
}
