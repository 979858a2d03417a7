package store_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// uploadOwners makes the database a center with two students and
// returns their scopes.
func uploadOwners(t *testing.T, db *storetest.DB) (*store.Scope, *store.Scope) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.Store.InitCenter(ctx, "Upload Center", model.NewAccount{Email: "ada@up.edu", Name: "Ada"}, storetest.Now); err != nil {
		t.Fatal(err)
	}
	var scopes []*store.Scope
	for _, e := range []string{"sam@up.edu", "tina@up.edu"} {
		a, err := db.Store.AddAccount(ctx, model.NewAccount{Email: e, Name: e, Roles: []model.Role{model.RoleStudent}}, model.CLIActor(), storetest.Now)
		if err != nil {
			t.Fatal(err)
		}
		scopes = append(scopes, db.Store.For(a.ID))
	}
	return scopes[0], scopes[1]
}

func keepUpload(t *testing.T, sc *store.Scope, hash string, data []byte, now time.Time) store.ImportUpload {
	t.Helper()
	up, err := sc.KeepImportUpload(context.Background(), hash,
		store.ImportUpload{Format: store.ImportLinkedIn, Name: "Connections.csv", ExpiresAt: now.Add(30 * time.Minute)},
		bytes.NewReader(data), 5, now)
	if err != nil {
		t.Fatal(err)
	}
	return up
}

func readUpload(t *testing.T, sc *store.Scope, up store.ImportUpload) ([]byte, error) {
	t.Helper()
	rc, err := sc.OpenImportUpload(context.Background(), up)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func TestImportUploadReadsBackWholeForItsOwnerOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sam, tina := uploadOwners(t, db)
		now := storetest.Now
		// Random bytes do not compress: several pieces of 1 MiB.
		data := make([]byte, 2<<20+12345)
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		up := keepUpload(t, sam, "hash-a", data, now)
		if up.Size != int64(len(data)) {
			t.Errorf("size %d, want %d", up.Size, len(data))
		}
		found, err := sam.ImportUpload(ctx, "hash-a", now.Add(29*time.Minute))
		if err != nil || found.ID != up.ID || found.Name != "Connections.csv" || found.Format != store.ImportLinkedIn {
			t.Fatalf("the owner's upload: %+v, %v", found, err)
		}
		got, err := readUpload(t, sam, found)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("read back %d bytes (%v), want the %d kept", len(got), err, len(data))
		}
		// An empty file is kept and read back too.
		empty := keepUpload(t, sam, "hash-empty", nil, now)
		if got, err := readUpload(t, sam, empty); err != nil || len(got) != 0 {
			t.Errorf("an empty upload: %q, %v", got, err)
		}

		// Another user finds nothing, by token or by id.
		if _, err := tina.ImportUpload(ctx, "hash-a", now); !errors.Is(err, store.ErrUploadGone) {
			t.Errorf("another user's lookup: %v, want ErrUploadGone", err)
		}
		if _, err := readUpload(t, tina, up); !errors.Is(err, store.ErrUploadGone) {
			t.Errorf("another user's read by id: %v, want ErrUploadGone", err)
		}
		if _, err := tina.ClaimImportUpload(ctx, "hash-a", now); !errors.Is(err, store.ErrUploadGone) {
			t.Errorf("another user's claim: %v, want ErrUploadGone", err)
		}
		if err := tina.DropImportUpload(ctx, "hash-a"); err != nil {
			t.Fatal(err)
		}
		if _, err := sam.ImportUpload(ctx, "hash-a", now); err != nil {
			t.Errorf("another user's drop removed the upload: %v", err)
		}

		// It expires after its time, and the sweep deletes it.
		if _, err := sam.ImportUpload(ctx, "hash-a", now.Add(30*time.Minute)); !errors.Is(err, store.ErrUploadGone) {
			t.Errorf("an expired upload: %v, want ErrUploadGone", err)
		}
		if n, err := db.Store.SweepImportUploads(ctx, now.Add(30*time.Minute)); err != nil || n != 2 {
			t.Errorf("sweep: %d, %v; want the 2 expired", n, err)
		}
		if _, err := readUpload(t, sam, up); !errors.Is(err, store.ErrUploadGone) {
			t.Errorf("a swept upload's file: %v, want ErrUploadGone", err)
		}
	})
}

func TestImportUploadsKeepTheNewestPerOwner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sam, tina := uploadOwners(t, db)
		keepUpload(t, tina, "tina-1", []byte("x"), storetest.Now)
		hashes := []string{"s0", "s1", "s2", "s3", "s4", "s5", "s6"}
		for i, h := range hashes {
			keepUpload(t, sam, h, []byte("x"), storetest.Now.Add(time.Duration(i)*time.Second))
		}
		now := storetest.Now.Add(time.Minute)
		for i, h := range hashes {
			_, err := sam.ImportUpload(ctx, h, now)
			if kept := i >= len(hashes)-5; kept != (err == nil) {
				t.Errorf("upload %d: kept %v (%v), want the newest 5 kept", i, err == nil, err)
			}
		}
		if _, err := tina.ImportUpload(ctx, "tina-1", now); err != nil {
			t.Errorf("Sam's uploads pushed out Tina's: %v", err)
		}
		// A new upload sweeps what expired, anyone's.
		keepUpload(t, sam, "late", []byte("x"), storetest.Now.Add(time.Hour))
		if n, err := db.Store.SweepImportUploads(ctx, storetest.Now.Add(time.Hour)); err != nil || n != 0 {
			t.Errorf("after a new upload, %d expired ones were left (%v)", n, err)
		}
	})
}

func TestImportUploadClaimRaceImportsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sam, _ := uploadOwners(t, db)
		keepUpload(t, sam, "hash-race", []byte("x"), storetest.Now)
		errs := race(func(int) error {
			_, err := sam.ClaimImportUpload(ctx, "hash-race", storetest.Now)
			return err
		})
		oneWins(t, "claims of one upload", errs, store.ErrUploadBusy)
		// A failed import gives it back; a finished one drops it.
		if err := sam.UnclaimImportUpload(ctx, "hash-race"); err != nil {
			t.Fatal(err)
		}
		if _, err := sam.ClaimImportUpload(ctx, "hash-race", storetest.Now); err != nil {
			t.Fatalf("claim after release: %v", err)
		}
		if err := sam.DropImportUpload(ctx, "hash-race"); err != nil {
			t.Fatal(err)
		}
		if _, err := sam.ClaimImportUpload(ctx, "hash-race", storetest.Now); !errors.Is(err, store.ErrUploadGone) {
			t.Errorf("claim after the import: %v, want ErrUploadGone", err)
		}
	})
}
