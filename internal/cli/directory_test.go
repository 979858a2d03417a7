package cli_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/cli"
	"github.com/ally-dev/ally/internal/model"
)

func TestVolunteerSetAndDirectory(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		initCenterCLI(a)
		a.run(0, "center", "set", "--time-zone", "America/New_York")
		a.fails(cli.ExitError, "is not a time zone", "", "center", "set", "--time-zone", "Mars/Olympus")
		a.run(0, "user", "add", "sam@westlake.edu", "--name", "Sam Lee", "--role", "student")
		a.run(0, "user", "add", "dana@example.com", "--name", "Dana Brown", "--role", "volunteer")
		a.run(0, "user", "add", "eli@example.com", "--name", "Eli Novak", "--role", "volunteer")

		a.fails(cli.ExitUsage, "at least one thing to change", "", "volunteer", "set", "dana@example.com")
		a.fails(cli.ExitError, "sam@westlake.edu is not a volunteer", "", "volunteer", "set", "sam@westlake.edu", "--capacity", "2")
		a.fails(cli.ExitError, "no account has the email", "", "volunteer", "set", "nobody@example.com", "--capacity", "2")
		a.fails(cli.ExitError, "grad_year", "", "volunteer", "set", "dana@example.com", "--grad-year", "12")
		a.fails(cli.ExitError, "monthly_capacity", "", "volunteer", "set", "dana@example.com", "--capacity", "-1")
		a.fails(cli.ExitError, "is not a date", "", "volunteer", "set", "dana@example.com", "--pause-until", "soon")
		a.fails(cli.ExitError, "is not a channel", "", "volunteer", "set", "dana@example.com", "--channel", "pigeon")
		a.fails(cli.ExitError, "choose immediate (an email per request) or digest", "", "volunteer", "set", "dana@example.com", "--mail", "weekly")
		var prefs model.MailPrefs
		a.json(&prefs, "volunteer", "set", "eli@example.com", "--mail", "digest")
		if prefs.Mode != model.MailDigest {
			t.Errorf("Eli's mail after --mail digest: %+v", prefs)
		}
		a.run(0, "volunteer", "set", "eli@example.com", "--mail", "immediate")

		var p model.VolunteerProfile
		a.json(&p, "volunteer", "set", "dana@example.com", "--field", "Public policy", "--employer", "State Department",
			"--title", "Policy advisor", "--location", "Washington, DC, USA", "--major", "Economics,History", "--grad-year", "2012",
			"--capacity", "3", "--channel", "video,in person")
		if p.DisplayName != "Dana Brown" || p.City != "Washington, DC" || p.Country != "USA" || p.MonthlyCapacity != 3 ||
			!slices.Equal(p.Majors, []string{"Economics", "History"}) ||
			!slices.Equal(p.Channels, []model.Channel{model.ChannelInPerson, model.ChannelVideo}) {
			t.Errorf("Dana's profile: %+v", p)
		}
		// Only the flags given change.
		a.json(&p, "volunteer", "set", "dana@example.com", "--pause-until", "2026-12-31")
		if p.PausedUntil == nil || p.PausedUntil.Format("2006-01-02") != "2026-12-31" || p.Employer != "State Department" || p.MonthlyCapacity != 3 {
			t.Errorf("after a pause: %+v", p)
		}
		p = model.VolunteerProfile{}
		a.json(&p, "volunteer", "set", "dana@example.com", "--pause-until", "")
		if p.PausedUntil != nil {
			t.Errorf("the pause did not end: %v", p.PausedUntil)
		}
		// A photo from a file: made small and kept; not a picture: refused.
		dir := t.TempDir()
		pic := filepath.Join(dir, "dana.png")
		img := image.NewGray(image.Rect(0, 0, 640, 640))
		var buf bytes.Buffer
		png.Encode(&buf, img)
		os.WriteFile(pic, buf.Bytes(), 0o600)
		os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a picture"), 0o600)
		a.fails(cli.ExitError, "not a photo Ally can use", "", "volunteer", "set", "dana@example.com", "--photo", filepath.Join(dir, "notes.txt"))
		a.fails(cli.ExitUsage, "not both", "", "volunteer", "set", "dana@example.com", "--photo", pic, "--no-photo")
		a.json(&p, "volunteer", "set", "dana@example.com", "--photo", pic)
		if !p.HasPhoto {
			t.Error("--photo: no photo")
		}
		a.json(&p, "volunteer", "set", "dana@example.com", "--no-photo")
		if p.HasPhoto {
			t.Error("--no-photo: the photo stayed")
		}
		a.run(0, "volunteer", "set", "eli@example.com", "--field", "Urban planning", "--major", "Economics", "--location", "Chicago, USA",
			"--bio", "I plan bike lanes.")

		st := a.openStore()
		sam, _, _ := st.AccountByEmail(t.Context(), "sam@westlake.edu")
		sp := model.StudentProfile{AccountID: sam.ID, Majors: []string{"History"}}
		if err := st.SaveStudentProfile(t.Context(), &sp, ixNow); err != nil {
			t.Fatal(err)
		}

		var page model.DirectoryPage
		a.json(&page, "directory", "--as", "sam@westlake.edu")
		if page.Total != 2 || page.Cards[0].Name != "Dana Brown" || len(page.Cards[0].InCommon) != 1 ||
			page.Cards[0].InCommon[0].Text != "Also studied History" {
			t.Errorf("the directory as Sam: %+v", page)
		}
		a.json(&page, "directory", "bike", "--as", "sam@westlake.edu", "--location", "chicago", "--available")
		if page.Total != 1 || page.Cards[0].Name != "Eli Novak" || len(page.Fields) != 1 || page.Fields[0].Value != "Urban planning" {
			t.Errorf("bike in Chicago: %+v", page)
		}
		out := a.run(0, "directory", "--as", "sam@westlake.edu", "--field", "public policy")
		if !strings.Contains(out, "Dana Brown") || !strings.Contains(out, "Also studied History") || strings.Contains(out, "Eli") ||
			strings.Contains(out, "dana@example.com") {
			t.Errorf("the directory as text:\n%s", out)
		}
		a.fails(cli.ExitUsage, "needs --as", "", "directory", "--field", "Law")
		a.fails(cli.ExitError, "is not a channel", "", "directory", "--as", "sam@westlake.edu", "--channel", "fax")
	})
}
