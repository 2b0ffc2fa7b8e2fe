//go:build e2e

package consoleui_test

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	consoleui "github.com/tarsus/tarsus/console-ui"
	"github.com/tarsus/tarsus/internal/testserver"
)

const adminToken = "tsk_e2e_admin_token"

// TestConsoleEndToEnd serves the embedded console from a real server (a
// real Badger store in a temporary folder) and drives it in Debian's
// chromium with playwright-core: e2e/run.mjs signs in, uploads, invokes,
// edits and deploys, deploys a syntax error, tails the logs, rolls back and
// reads the metrics. Its screenshots land in e2e/screenshots/.
func TestConsoleEndToEnd(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node (20+) is needed to drive the browser: install Node, then run scripts/test.sh")
	}
	chromium := "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		t.Fatal("Debian's chromium is needed: apt-get install -y chromium (scripts/test.sh does this)")
	}
	if _, err := os.Stat(filepath.Join("e2e", "node_modules", "playwright-core")); err != nil {
		npm := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
		npm.Dir = "e2e"
		if out, err := npm.CombinedOutput(); err != nil {
			t.Fatalf("npm ci in console-ui/e2e: %v\n%s", err, out)
		}
	}

	dist, err := consoleui.Dist()
	if err != nil {
		t.Fatal(err)
	}
	index, err := fs.ReadFile(dist, "index.html")
	if err != nil {
		t.Fatalf("the embedded console has no index.html: %v (run `task ui:build`)", err)
	}
	if !strings.Contains(string(index), "/console/assets/") {
		t.Fatalf("the embedded console is not a Vite build (run `task ui:build`):\n%s", index)
	}

	url := startServer(t, dist)

	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("e2e", "run.mjs"))
	cmd.Env = append(os.Environ(), "TARSUS_URL="+url, "TARSUS_ADMIN_TOKEN="+adminToken, "CHROMIUM="+chromium)
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	t.Logf("e2e/run.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("the console's end-to-end run failed: %v", err)
	}
	if !strings.Contains(string(out), " passed, 0 failed") {
		t.Fatal("the run did not report its steps")
	}
}

// startServer runs a real Tarsus server on 127.0.0.1:0 that serves the
// console, and returns its base URL.
func startServer(t *testing.T, console fs.FS) string {
	t.Helper()
	return testserver.Start(t, testserver.Options{AdminToken: adminToken, Console: console}).URL
}
