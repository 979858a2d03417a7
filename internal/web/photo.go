package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/photo"
	"github.com/ally-dev/ally/internal/store"
)

// photoSave serves POST /profile/photo: a volunteer's directory photo,
// sent as multipart form data, is made small (internal/photo) and kept;
// what cannot be used comes back on the profile page, next to the field.
func (s *server) photoSave(w http.ResponseWriter, r *http.Request) {
	acct, ok := s.volunteerAccount(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxPhotoUpload)
	problem, status := "", http.StatusUnprocessableEntity
	file, _, err := r.FormFile("photo")
	switch {
	case errors.Is(err, http.ErrMissingFile):
		problem = "Choose a picture to upload."
	case err != nil:
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			problem, status = "That file weighs more than 8 MB: choose a smaller picture.", http.StatusRequestEntityTooLarge
		} else {
			problem = "The upload could not be read; try again."
		}
	default:
		defer file.Close()
		jpeg, err := photo.Prepare(file)
		if err != nil {
			problem = "That file is not a picture Ally can use: upload a JPEG, PNG or GIF under 8 MB."
			break
		}
		if err := s.Store.SetVolunteerPhoto(r.Context(), acct.ID, jpeg, s.now()); err != nil {
			if fe := model.AsErrors(err); fe != nil {
				problem = fe[0].Message
				break
			}
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, "/profile", "Your photo is in the directory.")
		return
	}
	_, sp, vp, vc, err := s.loadProfiles(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, chans := profileForm(sp, vp, vc, nil)
	s.renderProfilePage(w, r, status, acct, f, chans, !vp.UpdatedAt.IsZero(), vp.HasPhoto, problem)
}

// volunteerAccount is the signed-in account when it is a volunteer's; for
// anyone else the page is not found (only volunteers have a photo).
func (s *server) volunteerAccount(w http.ResponseWriter, r *http.Request) (model.Account, bool) {
	acct, err := s.Store.Account(r.Context(), s.ownerOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return acct, false
	}
	if !acct.Has(model.RoleVolunteer) {
		s.pageError(w, r, &store.NotFoundError{Kind: "page", Key: r.URL.Path})
		return acct, false
	}
	return acct, true
}

// photoDelete serves POST /profile/photo/delete.
func (s *server) photoDelete(w http.ResponseWriter, r *http.Request) {
	acct, ok := s.volunteerAccount(w, r)
	if !ok {
		return
	}
	if err := s.Store.DeleteVolunteerPhoto(r.Context(), acct.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, "/profile", "Your photo is removed.")
}

// photoShow serves GET /directory/{id}/photo: an active volunteer's photo,
// to whoever may search the directory.
func (s *server) photoShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "volunteer")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, found, err := s.Store.VolunteerPhotoOf(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !found {
		s.pageError(w, r, &store.NotFoundError{Kind: "photo", Key: strconv.FormatInt(id, 10)})
		return
	}
	etag := `"p` + strconv.FormatInt(id, 36) + "-" + strconv.FormatInt(p.UpdatedAt.UnixMicro(), 36) + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "private, max-age=3600")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "image/jpeg")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(p.JPEG)))
	w.Write(p.JPEG)
}
