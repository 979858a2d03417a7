package store_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// Several `ally serve` started at once on one new database (a center
// upgraded behind a load balancer) all start: one migrates, the others
// wait for it and find nothing left to do.
func TestStoresOpenedAtOnceOnANewDatabaseAllStart(t *testing.T) {
	dbs := map[string]func(t *testing.T) (string, []store.Option){
		"sqlite": func(t *testing.T) (string, []store.Option) {
			return filepath.Join(t.TempDir(), "ally.db"), nil
		},
		"postgres": func(t *testing.T) (string, []store.Option) {
			return storetest.EmptyPostgresURL(t), []store.Option{store.WithSecretKey([]byte(storetest.PostgresSecretKey))}
		},
	}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			dsn, opts := dbs[name](t)
			const instances = 4
			var wg sync.WaitGroup
			errs := make([]error, instances)
			for i := range instances {
				wg.Add(1)
				go func() {
					defer wg.Done()
					st, err := store.Open(context.Background(), dsn, opts...)
					if err == nil {
						err = st.Close()
					}
					errs[i] = err
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("instance %d: %v", i, err)
				}
			}
			st, err := store.Open(context.Background(), dsn, opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := st.LocalUser(context.Background(), "Test User", now); err != nil {
				t.Fatalf("the schema after the race: %v", err)
			}
		})
	}
}
