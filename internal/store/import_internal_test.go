package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestImportRestoresTheWritersPageCache: an import shrinks the SQLite
// writer's page cache for its own writes; the setting belongs to the
// connection, which outlives the import, so it must be put back, whether
// the import succeeds or fails.
func TestImportRestoresTheWritersPageCache(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	st, err := Open(ctx, filepath.Join(t.TempDir(), "ally.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	owner, err := st.LocalUser(ctx, "Me", now)
	if err != nil {
		t.Fatal(err)
	}
	cache := func() int64 {
		var n int64
		if err := st.w.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := cache()
	good := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,,,Acme,Engineer,01 Jan 2020\n"
	if _, err := st.For(owner).ApplyImport(ctx, ImportLinkedIn, strings.NewReader(good), now); err != nil {
		t.Fatal(err)
	}
	if _, err := st.For(owner).ApplyImport(ctx, ImportLinkedIn, strings.NewReader(good+"Caf\xe9,X,,,,,\nCaf\xe9,Y,,,,,\n"), now); err == nil {
		t.Fatal("a file mostly not UTF-8 was imported")
	}
	if after := cache(); after != before {
		t.Errorf("cache_size %d after imports, %d before", after, before)
	}
}
