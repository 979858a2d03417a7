package e2e

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
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

// TestNowEnv names the harness's only switch: an RFC 3339 instant, such
// as 2026-03-06T23:59:00-05:00, at which the browser tests run instead of
// DefaultTestNow. Only this test harness reads it; the app never does.
// scripts/test runs the journeys again at other instants with it, to
// prove the hour, the weekday and daylight-saving changes do not matter.
const TestNowEnv = "ALLY_TEST_NOW"

// TestZone is the user's time zone in every browser test, so that no test
// depends on the zone of the machine running it.
const TestZone = "America/New_York"

// DefaultTestNow is a Wednesday morning in TestZone: the demo story then
// has overdue actions, some due today, this week and later.
const DefaultTestNow = "2026-11-18T10:00:00-05:00"

// TestNow is the instant the browser tests run at, in TestZone: the
// value of ALLY_TEST_NOW if set, else DefaultTestNow. Tests never read
// the wall clock.
func TestNow(t testing.TB) (time.Time, *time.Location) {
	t.Helper()
	loc, err := time.LoadLocation(TestZone)
	if err != nil {
		t.Fatal(err)
	}
	now, err := parseTestNow(os.Getenv(TestNowEnv))
	if err != nil {
		t.Fatal(err)
	}
	return now.In(loc), loc
}

func parseTestNow(v string) (time.Time, error) {
	if v == "" {
		v = DefaultTestNow
	}
	now, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s=%q is not an RFC 3339 instant such as %s: %w", TestNowEnv, v, DefaultTestNow, err)
	}
	return now, nil
}

// StartApp starts Ally on a fresh database in t.TempDir(), served over
// HTTP for the browser, with the user's time zone set to TestZone. The
// clock is required: a test that needs time to pass moves a clock it
// controls, never the wall clock.
func StartApp(t testing.TB, clock method.Clock) *App {
	t.Helper()
	if clock == nil {
		t.Fatal("StartApp needs a clock (method.FixedClock of TestNow): browser tests never read the wall clock")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ally.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	owner, err := st.LocalUser(ctx, "E2E", clock.Now())
	if err != nil {
		t.Fatalf("local user: %v", err)
	}
	sc := st.For(owner)
	settings, err := sc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	settings.TimeZone = TestZone
	if err := sc.SaveSettings(ctx, settings); err != nil {
		t.Fatal(err)
	}
	// Served as `ally serve` serves: links from the base URL, and only
	// requests for it (or localhost on its port) answered.
	srv := httptest.NewUnstartedServer(nil)
	addr := srv.Listener.Addr().String()
	h := web.NewServer(web.Deps{Store: st, Owner: owner, Clock: clock,
		BaseURL: "http://" + addr, ListenAddr: addr, ImportRoot: t.TempDir()})
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		if err := h.Close(); err != nil {
			t.Error(err)
		}
	})
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
