//go:build e2e

package consoleui_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	consoleui "github.com/tarsus/tarsus/console-ui"
)

// TestConsoleEnvAndKV drives the Environment and KV pages (e2e/data.mjs)
// against a real server serving the embedded console.
func TestConsoleEnvAndKV(t *testing.T) {
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
	url := startServer(t, dist)
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("e2e", "data.mjs"))
	cmd.Env = append(os.Environ(), "TARSUS_URL="+url, "TARSUS_ADMIN_TOKEN="+adminToken, "CHROMIUM="+chromium)
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	t.Logf("e2e/data.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("the Environment and KV pages' end-to-end run failed: %v", err)
	}
	if !strings.Contains(string(out), " passed, 0 failed") {
		t.Fatal("the run did not report its steps")
	}
}
