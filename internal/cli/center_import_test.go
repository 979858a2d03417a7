package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/cli"
)

func writeRoster(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "roster.csv")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCenterImportPreviewsImportsAndInvitesARoster(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		initCenterCLI(a)
		file := writeRoster(t, "Alumni ID,E-mail,Full Name,Company,Career Field\nA1,maria@alumni.westlake.edu,Maria Lopez,Genentech,Biotech\nA2,sam@alumni.westlake.edu,Sam Okafor,City Library,Libraries\n")
		out := a.runIn("", "center", "import", file, "--role", "volunteer", "--map", "Alumni ID=external_id", "--dry-run")
		if !strings.Contains(out, "nothing was changed: 2 accounts to add") || !strings.Contains(out, "line 2      Maria Lopez <maria@alumni.westlake.edu>") ||
			!strings.Contains(out, "Alumni ID                → external_id (mapped)") {
			t.Errorf("dry run:\n%s", out)
		}
		var res cli.CenterImportOut
		a.json(&res, "center", "import", file, "--role", "volunteer", "--map", "Alumni ID=external_id", "--invite")
		if !res.Applied || res.NewCount != 2 || res.Invited == nil || res.Invited.Invited != 2 {
			t.Fatalf("import: %+v", res)
		}
		out = a.runIn("", "user", "list", "--role", "volunteer")
		if !strings.Contains(out, "maria@alumni.westlake.edu") || !strings.Contains(out, "sam@alumni.westlake.edu") {
			t.Errorf("volunteers:\n%s", out)
		}
		moved := writeRoster(t, "Alumni ID,E-mail,Full Name\nA1,maria.lopez@alumni.westlake.edu,Maria Lopez\n")
		out = a.runIn("", "center", "import", moved, "--role", "volunteer", "--map", "Alumni ID=external_id")
		if !strings.Contains(out, "0 accounts new, 1 updated") {
			t.Errorf("re-import:\n%s", out)
		}
		a.runIn("", "center", "set", "--smtp-per-minute", "30")
		if out := a.runIn("", "center", "show", "--json"); !strings.Contains(out, `"smtp_per_minute": 30`) {
			t.Errorf("center show: %s", out)
		}
	})
}

// --skip-rejected leaves a row that is not UTF-8 out, listed with its
// line, and imports the others.
func TestCenterImportSkipsARowNotUTF8WhenAsked(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		initCenterCLI(a)
		file := writeRoster(t, "Email,Name\na@westlake.edu,A\nb@westlake.edu,Jos\xe9\nc@westlake.edu,C\n")
		out := a.runIn("", "center", "import", file, "--role", "volunteer", "--skip-rejected")
		if !strings.Contains(out, "2 accounts new") || !strings.Contains(out, "1 row left out") ||
			!strings.Contains(out, "\nCannot be imported:\n  line 3      not valid UTF-8 (byte 0xE9 at column 19); save the file as UTF-8\n") {
			t.Errorf("import:\n%s", out)
		}
	})
}

func TestCenterImportRefusesBadInputsInOneLineAndWritesNothing(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		initCenterCLI(a)
		for _, tt := range []struct{ text, msg string }{
			{"Name,Major\nJo,Art\n", "line 1: no column holds the email"},
			{"Email,Name\na@westlake.edu,A\nA@westlake.edu,B\n", "line 3: A@westlake.edu is also on line 2"},
			{"Email,Name,Role\na@westlake.edu,A,alumnus\n", `line 2: "alumnus" is not a role`},
			{"Email,Name,Bio\na@westlake.edu,A," + strings.Repeat("x", 10<<20) + "\n", "line 2: a cell or row longer than 1 MiB"},
			{"%PDF-1.7\n\x00\x01binary", "this is a PDF document, not a roster"},
			{"Email,Name\na@westlake.edu,Jos\xe9\n", "line 2: not valid UTF-8 (byte 0xE9 at column 19); save the file as UTF-8"},
			{"Email,Name\na@westlake.edu,A\nb@westlake.edu,Jos\xe9\nc@westlake.edu,C\n", "line 3: not valid UTF-8 (byte 0xE9 at column 19); save the file as UTF-8; nothing was imported (fix the file, or add --skip-rejected"},
		} {
			a.fails(cli.ExitError, tt.msg, "", "center", "import", writeRoster(t, tt.text), "--role", "volunteer")
		}
		a.fails(cli.ExitUsage, "--role must be student or volunteer", "", "center", "import", writeRoster(t, "Email\n"), "--role", "advisor")
		a.fails(cli.ExitUsage, "not a roster field", "", "center", "import", writeRoster(t, "Email\n"), "--role", "student", "--map", "X=shoe size")
		if out := a.runIn("", "user", "list"); strings.Contains(out, "\na@westlake.edu") || strings.Count(out, "\n") != 2 {
			t.Errorf("a refused import wrote accounts:\n%s", out)
		}
	})
}
