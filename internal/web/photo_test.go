package web

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/photo"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// uploadPhoto posts the photo form as a browser sends it.
func (b *browser) uploadPhoto(name string, content []byte) response {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("photo", name)
	if err != nil {
		b.t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.base+"/profile/photo", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func TestAVolunteerAddsAndRemovesAPhoto(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f, dana, _ := directoryFixture(t, db)
		photoPath := "/directory/" + strconv.FormatInt(dana, 10) + "/photo"
		if r := f.signIn(t, "dana@example.com", samPassword, "/"); r.status != http.StatusSeeOther {
			t.Fatalf("Dana signs in: %d", r.status)
		}
		if r := f.b.get("/profile"); !strings.Contains(r.body, `action="/profile/photo"`) || strings.Contains(r.body, "Remove photo") {
			t.Fatalf("the photo form:\n%s", readable(r.body))
		}
		// Not a picture: the page says so next to the field; nothing kept.
		r := f.b.uploadPhoto("me.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`))
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="photo-error"`) || !strings.Contains(r.body, `aria-invalid="true"`) ||
			!strings.Contains(readable(r.body), "not a picture Ally can use") {
			t.Fatalf("an SVG: %d\n%s", r.status, readable(r.body))
		}
		if _, found, _ := db.Store.VolunteerPhotoOf(t.Context(), dana); found {
			t.Fatal("a refused upload was kept")
		}
		// A large picture is made small.
		img := image.NewRGBA(image.Rect(0, 0, 1000, 500))
		for x := range 1000 {
			for y := range 500 {
				img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 0xff})
			}
		}
		var pngData bytes.Buffer
		png.Encode(&pngData, img)
		if r := f.b.uploadPhoto("me.png", pngData.Bytes()); r.status != http.StatusSeeOther || r.header.Get("Location") != "/profile" {
			t.Fatalf("a PNG: %d\n%s", r.status, readable(r.body))
		}
		if r := f.b.get("/profile"); !strings.Contains(r.body, "Your photo is in the directory.") || !strings.Contains(r.body, `src="`+photoPath+`"`) ||
			!strings.Contains(r.body, "Remove photo") {
			t.Errorf("after the upload:\n%s", readable(r.body))
		}

		// Students see it on the card and the page.
		f.b = newBrowserAt(t, f.b.base)
		f.signIn(t, "sam@westlake.edu", samPassword, "/")
		if r := f.b.get("/directory?field=Public+policy"); !strings.Contains(r.body, `src="`+photoPath+`"`) {
			t.Errorf("the card has no photo:\n%s", readable(r.body))
		}
		r = f.b.get(photoPath)
		cfg, format, err := image.DecodeConfig(strings.NewReader(r.body))
		if r.status != http.StatusOK || r.header.Get("Content-Type") != "image/jpeg" || err != nil || format != "jpeg" ||
			cfg.Width != photo.Side || cfg.Height != photo.Side/2 || len(r.body) > photo.MaxBytes {
			t.Fatalf("the photo: %d %s %s %dx%d %d bytes (%v)", r.status, r.header.Get("Content-Type"), format, cfg.Width, cfg.Height, len(r.body), err)
		}
		req, _ := http.NewRequest(http.MethodGet, f.b.base+photoPath, nil)
		req.Header.Set("If-None-Match", r.header.Get("ETag"))
		if r := f.b.do(req); r.status != http.StatusNotModified {
			t.Errorf("asked again with its ETag: %d", r.status)
		}
		// A student has no photo to send.
		if r := f.b.uploadPhoto("me.png", pngData.Bytes()); r.status != http.StatusNotFound {
			t.Errorf("a student uploads a photo: %d", r.status)
		}

		f.b = newBrowserAt(t, f.b.base)
		f.signIn(t, "dana@example.com", samPassword, "/")
		if r := f.b.post("/profile/photo/delete", nil); r.status != http.StatusSeeOther {
			t.Fatalf("remove: %d", r.status)
		}
		if r := f.b.get("/profile"); strings.Contains(r.body, "Remove photo") {
			t.Error("the photo is still offered for removal")
		}
		f.b = newBrowserAt(t, f.b.base)
		f.signIn(t, "sam@westlake.edu", samPassword, "/")
		if r := f.b.get(photoPath); r.status != http.StatusNotFound {
			t.Errorf("a removed photo: %d", r.status)
		}
	})
}
