package cli

import (
	"database/sql"
	"strings"
	"testing"
)

// Doctor finds stored next actions that no longer match the records and
// rebuilds them.
func TestDoctorFindsAndRebuildsStaleActions(t *testing.T) {
	db := sqliteDB(t)
	h := newHarness(t, db)
	h.run(0, "demo")
	if out := h.run(0, "doctor"); !strings.Contains(out, "match your records") {
		t.Fatalf("doctor on a fresh demo: %s", out)
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// Spoil two stored actions: one moved, one gone.
	if _, err := raw.Exec(`UPDATE next_actions SET due = '2000-01-01T00:00:00.000000Z' WHERE rowid = (SELECT MIN(rowid) FROM next_actions)`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM next_actions WHERE rowid = (SELECT MAX(rowid) FROM next_actions)`); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := h.exec("doctor")
	if code != 1 || strings.Count(out, ",") != 1 || !strings.Contains(errOut, "2 stored next actions differ") {
		t.Fatalf("doctor on spoilt actions: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if out := h.run(0, "doctor", "--rebuild-actions"); !strings.Contains(out, "Rebuilt") || !strings.Contains(out, "match your records") {
		t.Fatalf("doctor --rebuild-actions: %s", out)
	}
	h.run(0, "doctor")
}
