// Package e2e holds Ally's browser tests and the harness they share: a headless
// Debian Chromium driven by chromedp, axe-core for accessibility, the Nu HTML
// checker (vnu) for markup, screenshots, and phone-sized viewports.
//
// The tools come from scripts/browser-setup.sh (chromium and a JRE from apt,
// axe-core and vnu-jar from npm into the repo's node_modules). When one is
// missing, a test is skipped with a hint to run that script, except under
// CI=true, where it fails: CI must never pass by skipping.
package e2e

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// ChromiumPath is where Debian's chromium package puts the browser.
const ChromiumPath = "/usr/bin/chromium"

// The phone viewport the issue asks every journey to pass at, and the desktop
// one.
const (
	MobileWidth   = 375
	MobileHeight  = 812
	DesktopWidth  = 1280
	DesktopHeight = 800
)

var shotsDir = flag.String("shots", "", "take screenshots of the pages the tests check and keep them in this directory (default: none taken)")

// Require stops the test when a tool the browser tests need is missing: under
// CI=true it fails, elsewhere it skips with a hint to run the setup script.
func Require(t testing.TB, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing; CI must install it with scripts/browser-setup.sh", what)
	}
	t.Skipf("%s is missing: run scripts/browser-setup.sh to install the browser-test tools", what)
}

// RepoRoot returns the module's root folder, the nearest parent of the working
// directory that holds go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("working directory: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// browserOptions are the flags every test's Chromium starts with, the
// profile in dir; extra ones come after them.
func browserOptions(dir string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		chromedp.UserDataDir(dir),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// Containers often give /dev/shm only 64 MB, which crashes tabs.
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(DesktopWidth, DesktopHeight),
	}
	return append(opts, extra...)
}

// shared is the one Chromium the tests of a test binary share (started
// by the first NewBrowser without flags of its own, closed by TestMain):
// starting Chromium costs about a second of CPU, and a run started it
// some forty times. Each test reads it through a browser context of its
// own (target.createBrowserContext, like an incognito window), whose
// cookies, storage and cache no other test sees, disposed of when the
// test ends.
var shared struct {
	mu     sync.Mutex
	ctx    context.Context // the first tab's context, which holds the browser
	cancel func()          // closes the browser and removes its profile
}

// sharedBrowser returns the shared Chromium's first tab, starting the
// browser when it is not running.
func sharedBrowser(t testing.TB) context.Context {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.ctx != nil && shared.ctx.Err() == nil {
		return shared.ctx
	}
	if shared.cancel != nil {
		shared.cancel() // the browser went away: start another
	}
	shared.ctx, shared.cancel = nil, nil
	dir, err := os.MkdirTemp("", "ally-e2e-chromium-")
	if err != nil {
		t.Fatalf("chromium profile: %v", err)
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), browserOptions(dir)...)
	ctx, cancel := chromedp.NewContext(actx)
	stop := func() {
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		defer ccancel()
		_ = chromedp.Cancel(cctx)
		cancel()
		acancel()
		os.RemoveAll(dir)
	}
	if err := chromedp.Do(ctx); err != nil {
		stop()
		t.Fatalf("start chromium: %v", err)
	}
	shared.ctx, shared.cancel = ctx, stop
	return ctx
}

// CloseBrowser closes the shared Chromium, if one runs. TestMain calls it
// after the tests.
func CloseBrowser() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.cancel != nil {
		shared.cancel()
	}
	shared.ctx, shared.cancel = nil, nil
}

// NewBrowser returns the context of a fresh tab for the test: in a new
// browser context of the shared headless Chromium (no cookie, storage or
// cache of another test), or, when the test gives extra options
// (command-line flags, after the usual ones), in a Chromium of its own
// with a fresh profile. The tab and its browser context (or the test's
// own browser) are closed, and any uncaught JavaScript exception a page
// threw is reported as a test error, when the test ends.
func NewBrowser(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	_, err := os.Stat(ChromiumPath)
	Require(t, err == nil, ChromiumPath)

	var mu sync.Mutex
	var exceptions []string
	listen := func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			mu.Lock()
			exceptions = append(exceptions, describeException(e.ExceptionDetails))
			mu.Unlock()
		case *cdplog.EventEntryAdded:
			// The console's security messages: a Content-Security-Policy
			// violation (an inline style or script) shows up here.
			if e.Entry != nil && e.Entry.Source == cdplog.EntrySourceSecurity {
				mu.Lock()
				exceptions = append(exceptions, "security: "+e.Entry.Text+" ("+e.Entry.URL+")")
				mu.Unlock()
			}
		}
	}
	var ctx context.Context
	var cancel, acancel context.CancelFunc
	if len(extra) == 0 {
		ctx, cancel = chromedp.NewContext(sharedBrowser(t), chromedp.WithNewBrowserContext(), chromedp.WithListener(listen))
		acancel = func() {}
	} else {
		var actx context.Context
		actx, acancel = chromedp.NewExecAllocator(context.Background(), browserOptions(t.TempDir(), extra...)...)
		ctx, cancel = chromedp.NewContext(actx, chromedp.WithListener(listen))
	}
	t.Cleanup(func() {
		mu.Lock()
		for _, e := range exceptions {
			t.Errorf("uncaught JavaScript exception or console security error: %s", e)
		}
		mu.Unlock()
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		defer ccancel()
		if err := chromedp.Cancel(cctx); err != nil && !errors.Is(err, context.Canceled) {
			t.Logf("closing chromium: %v", err)
		}
		cancel()
		acancel()
	})
	// Open the tab now, so a broken install fails here and not in the
	// middle of a journey.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

func describeException(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	msg := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		msg = d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d:%d)", msg, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

// Mobile makes the tab a 375×812 phone: mobile layout rules (the viewport
// meta tag counts), touch, and a device pixel ratio of 2.
func Mobile() chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(MobileWidth, MobileHeight,
		chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
}

// Desktop makes the tab a 1280×800 desktop window again.
func Desktop() chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(DesktopWidth, DesktopHeight)
}

// ColorScheme emulates the user's preferred colour scheme, "light" or "dark";
// "" returns to the browser's own.
func ColorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		p := emulation.SetEmulatedMediaParams{}
		if scheme != "" {
			p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
		}
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, p)
		return err
	})
}

// Media emulates a CSS media type: "print" to see the print styles, "" for
// the screen again.
func Media(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

// ScreenshotDir is where a test should put its screenshots: the folder given
// with -shots (created when missing), else a temporary one.
func ScreenshotDir(t testing.TB) string {
	t.Helper()
	if *shotsDir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(*shotsDir, 0o755); err != nil {
		t.Fatalf("screenshot dir: %v", err)
	}
	return *shotsDir
}

// Screenshot writes a PNG of the whole page, beyond the visible part, to
// path, and returns path. The pictures are for people (no test reads
// them), so without -shots, whose folder keeps them, none is taken: a
// full-page capture costs 0.3 to 9 seconds of rendering on a busy
// two-core machine, and a temporary folder would only delete it.
func Screenshot(t testing.TB, ctx context.Context, path string) string {
	t.Helper()
	if *shotsDir == "" {
		return path
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", path, err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return path
}

// FitsWidth fails when the page scrolls sideways in the current viewport,
// naming the elements that stick out. On a phone nothing should.
func FitsWidth(t testing.TB, ctx context.Context) {
	t.Helper()
	const script = `(() => {
		const w = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= w) return [];
		const out = [];
		for (const el of document.querySelectorAll("body *")) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > w + 1 && out.length < 8) {
				out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
					(el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") +
					" right=" + Math.round(r.right));
			}
		}
		return out.length ? out : ["(page wider than " + w + " px)"];
	})()`
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](script))
	if err != nil {
		t.Fatalf("measure page width: %v", err)
	}
	if len(wide) > 0 {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Errorf("%s scrolls sideways; elements past the right edge:\n  %s", loc, strings.Join(wide, "\n  "))
	}
}

// Press types keys the way a keyboard does: each key's text travels with its
// keydown, so a page that cancels the keydown (a shortcut) also stops the
// text. chromedp.KeyEvent sends the text in a separate char event, which types
// it even when the page cancelled the keydown.
func Press(keys string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, r := range keys {
			events := kb.Encode(r)
			var send []*input.DispatchKeyEventParams
			for _, k := range events {
				if k.Type == kb.KeyChar {
					// Fold the char into the keydown before it.
					send[len(send)-1].Text, send[len(send)-1].UnmodifiedText = k.Text, k.UnmodifiedText
					continue
				}
				send = append(send, k)
			}
			for _, k := range send {
				if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *k); err != nil {
					return fmt.Errorf("press %q: %w", r, err)
				}
			}
		}
		return nil
	})
}
