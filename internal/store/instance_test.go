package store_test

import (
	"context"
	"testing"

	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestBaseURLIsRecordedForTheCLI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		if got, err := db.Store.RecordedBaseURL(ctx); got != "" || err != nil {
			t.Fatalf("before any server ran: %q %v", got, err)
		}
		for _, url := range []string{"http://127.0.0.1:9000", "https://ally.example.org"} {
			if err := db.Store.RecordBaseURL(ctx, url); err != nil {
				t.Fatal(err)
			}
			if got, err := db.Store.RecordedBaseURL(ctx); got != url || err != nil {
				t.Fatalf("recorded %q, read %q %v", url, got, err)
			}
		}
	})
}
