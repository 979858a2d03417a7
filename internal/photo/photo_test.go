package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"testing"
)

// noisy is a picture that compresses badly: the worst case for the size.
func noisy(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.UintN(256))
	}
	return img
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPrepareMakesASmallJPEG(t *testing.T) {
	for _, tc := range []struct {
		name         string
		img          image.Image
		wantW, wantH int
	}{
		{"landscape noise", noisy(1200, 800), 320, 213},
		{"portrait noise", noisy(600, 1500), 128, 320},
		{"already small", noisy(100, 80), 100, 80},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Prepare(bytes.NewReader(encodePNG(t, tc.img)))
			if err != nil {
				t.Fatal(err)
			}
			if len(out) > MaxBytes {
				t.Errorf("%d bytes, over %d", len(out), MaxBytes)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(out))
			if err != nil || format != "jpeg" || cfg.Width != tc.wantW || cfg.Height != tc.wantH {
				t.Errorf("kept %s %d×%d (%v), want jpeg %d×%d", format, cfg.Width, cfg.Height, err, tc.wantW, tc.wantH)
			}
		})
	}
}

func TestFitAveragesAndLaysTransparencyOnWhite(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	for x := range 4 {
		for y := range 2 {
			c := color.NRGBA{A: 0xff} // black
			if x >= 2 {
				c = color.NRGBA{} // transparent
			}
			img.SetNRGBA(x, y, c)
		}
	}
	out := Fit(img, 2)
	if out.Bounds().Dx() != 2 || out.Bounds().Dy() != 1 {
		t.Fatalf("size %v", out.Bounds())
	}
	if got := out.RGBAAt(0, 0); got != (color.RGBA{A: 0xff}) {
		t.Errorf("black half: %v", got)
	}
	if got := out.RGBAAt(1, 0); got != (color.RGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}) {
		t.Errorf("transparent half on white: %v", got)
	}
}

// pngHeader is a PNG whose header claims w × h pixels and holds no
// image data: a decompression bomb must be refused from the header.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	chunk := func(kind string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(kind)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
	}
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

func TestPrepareRefusesWhatIsNotAPhoto(t *testing.T) {
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, noisy(50, 50), nil); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"empty":               nil,
		"text":                []byte("<svg onload=alert(1)></svg>"),
		"a bomb's header":     pngHeader(60000, 60000),
		"40 MP and more":      pngHeader(8000, 6000),
		"header, no pixels":   pngHeader(100, 100),
		"truncated jpeg":      jpg.Bytes()[:jpg.Len()/2],
		"over the upload cap": append(encodePNG(t, noisy(10, 10)), make([]byte, MaxUpload)...),
	} {
		if _, err := Prepare(bytes.NewReader(data)); !errors.Is(err, ErrNotAPhoto) {
			t.Errorf("%s: %v, want ErrNotAPhoto", name, err)
		}
	}
}

func FuzzPrepare(f *testing.F) {
	var b bytes.Buffer
	png.Encode(&b, noisy(20, 10))
	f.Add(b.Bytes())
	f.Add(pngHeader(3, 3))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Prepare(bytes.NewReader(data))
		if err != nil {
			return
		}
		if len(out) > MaxBytes {
			t.Fatalf("%d bytes", len(out))
		}
		if _, err := jpeg.DecodeConfig(bytes.NewReader(out)); err != nil {
			t.Fatalf("kept a photo that is not a JPEG: %v", err)
		}
	})
}
