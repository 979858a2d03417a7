package e2e

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/web"
)

// App is a real Ally server, as `ally serve` builds it, on a temporary
// SQLite database.
type App struct {
	URL   string
	Store *store.Store
	Owner int64
	Clock method.Clock
}

// Scope is the local user's view of the store, to set up or check data.
func (a *App) Scope() *store.Scope { return a.Store.For(a.Owner) }

// StartApp starts Ally on a fresh database in t.TempDir(), served over
// HTTP for the browser. A nil clock is the real one.
func StartApp(t testing.TB, clock method.Clock) *App {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ally.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	if clock == nil {
		clock = method.SystemClock{}
	}
	owner, err := st.LocalUser(ctx, "E2E", clock.Now())
	if err != nil {
		t.Fatalf("local user: %v", err)
	}
	srv := httptest.NewServer(web.NewServer(web.Deps{Store: st, Owner: owner, Clock: clock}))
	t.Cleanup(srv.Close)
	return &App{URL: srv.URL, Store: st, Owner: owner, Clock: clock}
}

// LoadStory fills the app with the demo story in zone loc, which also
// becomes the user's time zone setting.
func (a *App) LoadStory(t testing.TB, loc *time.Location) {
	t.Helper()
	ctx := context.Background()
	sc := a.Scope()
	s, err := sc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.TimeZone = loc.String()
	if err := sc.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.LoadBulk(ctx, demo.Story(a.Clock.Now(), loc), a.Clock.Now()); err != nil {
		t.Fatalf("load the demo story: %v", err)
	}
}
