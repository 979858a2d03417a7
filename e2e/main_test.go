package e2e

import (
	"os"
	"testing"
)

// TestMain closes the Chromium the tests shared (NewBrowser) once they
// have run.
func TestMain(m *testing.M) {
	code := m.Run()
	CloseBrowser()
	os.Exit(code)
}
