package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"testing"
)

func testServer(t *testing.T) *sql.DB {
	t.Helper()
	admin, err := sql.Open("pgx", serverURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	return admin
}

func exists(t *testing.T, admin *sql.DB, name string) bool {
	t.Helper()
	var n int
	if err := admin.QueryRow(`SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// A process whose template was dropped by another (found idle) builds it
// again and copies it, once.
func TestATemplateDroppedByAnotherProcessIsBuiltAgain(t *testing.T) {
	admin := testServer(t)
	server := os.Getenv("ALLY_TEST_POSTGRES")
	MigratedPostgresURL(t)
	templates.Store(server, "ally_schema_dropped_meanwhile")
	dsn := MigratedPostgresURL(t)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM users`).Scan(&n); err != nil {
		t.Fatalf("the copy has no schema: %v", err)
	}
	if name, _ := templates.Load(server); name == "ally_schema_dropped_meanwhile" || !exists(t, admin, name.(string)) {
		t.Fatalf("template after the retry: %v", name)
	}
}

// Templates of other schemas unused for a day, and any left half built,
// are dropped; one used lately and the one in use stay.
func TestIdleTemplatesOfOtherSchemasAreDropped(t *testing.T) {
	admin := testServer(t)
	ctx := context.Background()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	tag := hex.EncodeToString(b)
	stale, half, recent := "ally_schema_t"+tag+"stale", "ally_schema_t"+tag+"_building", "ally_schema_t"+tag+"recent"
	for _, name := range []string{stale, half, recent} {
		if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.Exec(`DROP DATABASE IF EXISTS ` + name) })
	}
	if _, err := admin.Exec(`COMMENT ON DATABASE ` + stale + ` IS '2020-01-01 00:00:00+00'`); err != nil {
		t.Fatal(err)
	}
	MigratedPostgresURL(t)
	inUse, _ := templates.Load(os.Getenv("ALLY_TEST_POSTGRES"))
	conn, err := admin.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, lockBuilders); err != nil {
		t.Fatal(err)
	}
	err = dropIdleTemplates(ctx, conn, inUse.(string))
	if _, uerr := conn.ExecContext(ctx, unlockBuilders); uerr != nil {
		t.Fatal(uerr)
	}
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{stale: false, half: false, recent: true, inUse.(string): true} {
		if got := exists(t, admin, name); got != want {
			t.Errorf("%s exists: %v, want %v", name, got, want)
		}
	}
}
