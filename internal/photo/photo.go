// Package photo turns a picture a volunteer uploads into the small JPEG
// the directory shows: it reads JPEG, PNG or GIF, refuses what is not a
// picture or would take too much memory to decode (the size is read from
// the header before any pixel is), scales it to fit Side × Side and
// encodes it again as JPEG, which also drops whatever metadata the file
// carried (location, camera). The result is at most MaxBytes.
package photo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // decoders for image.Decode
	"image/jpeg"
	_ "image/png"
	"io"
)

const (
	// Side is the largest width and height of a kept photo, in pixels.
	Side = 320
	// MaxBytes is the most a kept photo weighs.
	MaxBytes = 200 << 10
	// MaxUpload is the most an upload may weigh.
	MaxUpload = 8 << 20
	// maxPixels bounds the pictures decoded: 40 megapixels is a large
	// phone photo; more is refused before decoding.
	maxPixels = 40_000_000
)

// ErrNotAPhoto is returned for a file that is not a JPEG, PNG or GIF
// picture of a sensible size; its message can be shown to the user.
var ErrNotAPhoto = errors.New("not a photo Ally can use: upload a JPEG, PNG or GIF picture under 8 MB")

// Prepare reads an upload and returns the JPEG to keep.
func Prepare(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxUpload+1))
	if err != nil {
		return nil, fmt.Errorf("read the photo: %w", err)
	}
	if len(data) > MaxUpload {
		return nil, fmt.Errorf("the photo weighs more than 8 MB: %w", ErrNotAPhoto)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, ErrNotAPhoto
	}
	if cfg.Width*cfg.Height > maxPixels || cfg.Width > 20000 || cfg.Height > 20000 {
		return nil, fmt.Errorf("the picture is %d × %d pixels, too large: %w", cfg.Width, cfg.Height, ErrNotAPhoto)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, ErrNotAPhoto
	}
	small := Fit(img, Side)
	for _, q := range []int{85, 70, 55, 40} {
		var out bytes.Buffer
		if err := jpeg.Encode(&out, small, &jpeg.Options{Quality: q}); err != nil {
			return nil, fmt.Errorf("encode the photo: %w", err)
		}
		if out.Len() <= MaxBytes {
			return out.Bytes(), nil
		}
	}
	return nil, fmt.Errorf("the photo could not be made small enough: %w", ErrNotAPhoto)
}

// Fit scales img down to fit side × side, keeping its proportions, by
// averaging the source pixels each output pixel covers (a box filter:
// no aliasing when shrinking a lot). A picture already small enough is
// copied as it is. Transparent parts are laid on white.
func Fit(img image.Image, side int) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	nw, nh := w, h
	if w > side || h > side {
		if w >= h {
			nw, nh = side, max(1, h*side/w)
		} else {
			nw, nh = max(1, w*side/h), side
		}
	}
	out := image.NewRGBA(image.Rect(0, 0, nw, nh))
	for y := range nh {
		y0, y1 := b.Min.Y+y*h/nh, b.Min.Y+max((y+1)*h/nh, y*h/nh+1)
		for x := range nw {
			x0, x1 := b.Min.X+x*w/nw, b.Min.X+max((x+1)*w/nw, x*w/nw+1)
			var r, g, bl, n uint64
			for sy := y0; sy < y1; sy++ {
				for sx := x0; sx < x1; sx++ {
					cr, cg, cb, ca := img.At(sx, sy).RGBA()
					// On white: a transparent pixel adds white.
					white := uint64(0xffff - ca)
					r += uint64(cr) + white
					g += uint64(cg) + white
					bl += uint64(cb) + white
					n++
				}
			}
			out.SetRGBA(x, y, color.RGBA{R: uint8(r / n >> 8), G: uint8(g / n >> 8), B: uint8(bl / n >> 8), A: 0xff})
		}
	}
	return out
}
