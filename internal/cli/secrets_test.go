package cli_test

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestTheSMTPPasswordStaysSecret(t *testing.T) {
	check := func(t *testing.T, a *ally) {
		t.Helper()
		a.run(0, "settings", "--set", "smtp_host=smtp.example.org", "--set", "smtp_password=hunter2-secret")
		if out := a.run(0, "settings"); strings.Contains(out, "hunter2") {
			t.Errorf("ally settings shows the password:\n%s", out)
		}
		if out := a.run(0, "export", "json"); strings.Contains(out, "hunter2") || !strings.Contains(out, "smtp.example.org") {
			t.Errorf("the JSON backup carries the password")
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		a := sqliteAlly(t)
		check(t, a)
		fi, err := os.Stat(filepath.Join(filepath.Dir(a.db), "ally.key"))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("the key file beside the database: %v %v", fi, err)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		a := newAlly(t, storetest.MigratedPostgresURL(t))
		_, errOut, code := a.exec("", "settings", "--set", "smtp_password=hunter2-secret")
		if code != 1 || !strings.Contains(errOut, "ALLY_SECRET_KEY") || strings.Count(errOut, "\n") != 1 {
			t.Fatalf("without ALLY_SECRET_KEY: exit %d, %q", code, errOut)
		}
		a.env = map[string]string{"ALLY_SECRET_KEY": base64.StdEncoding.EncodeToString([]byte(storetest.PostgresSecretKey))}
		check(t, a)
		a.env["ALLY_SECRET_KEY"] = "too short"
		if _, errOut, code := a.exec("", "settings"); code != 1 || !strings.Contains(errOut, "ALLY_SECRET_KEY must be 32 random bytes") {
			t.Fatalf("a malformed ALLY_SECRET_KEY: exit %d, %q", code, errOut)
		}
	})
}
