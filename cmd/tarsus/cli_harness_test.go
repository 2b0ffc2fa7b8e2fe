package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const testAdminToken = "tsk_cli_test_admin_token_0123456789"

// startServer runs a real `tarsus serve` in-process on 127.0.0.1:0 over a
// fresh data folder and returns its URL.
func startServer(t *testing.T) string {
	t.Helper()
	addr, _, _ := serveOnce(t, serveConfig{
		Addr: "127.0.0.1:0", Data: t.TempDir(), AdminToken: testAdminToken,
		Timeout: 10 * time.Second, IdleTimeout: time.Minute, MaxRuntimes: 2, LogLevel: "error",
	})
	return "http://" + addr
}

// cli runs tarsus commands in-process with their own environment: a
// private config folder and whatever variables a test sets.
type cli struct {
	t    testing.TB
	vars map[string]string
}

func newCLI(t testing.TB) *cli {
	home := t.TempDir()
	return &cli{t: t, vars: map[string]string{"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, "config")}}
}

type result struct {
	stdout, stderr string
	err            error
}

func (r result) String() string {
	return "stdout:\n" + r.stdout + "\nstderr:\n" + r.stderr + "\nerr: " + errString(r.err)
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// runIn runs one command with stdin and ctx.
func (c *cli) runIn(ctx context.Context, stdin string, stdout io.Writer, args ...string) result {
	var errb bytes.Buffer
	var outb bytes.Buffer
	if stdout == nil {
		stdout = &outb
	}
	e := &env{stdout: stdout, stderr: &errb, stdin: strings.NewReader(stdin), getenv: func(k string) string { return c.vars[k] }}
	root := newRoot(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return result{stdout: outb.String(), stderr: errb.String(), err: err}
}

func (c *cli) run(args ...string) result {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	return c.runIn(ctx, "", nil, args...)
}

func (c *cli) input(stdin string, args ...string) result {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	return c.runIn(ctx, stdin, nil, args...)
}

// ok runs a command that must succeed and returns its stdout.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	if r.err != nil {
		c.t.Fatalf("tarsus %s failed:\n%s", strings.Join(args, " "), r)
	}
	return r.stdout
}

// okJSON runs a command with -o json and decodes its stdout into v.
func (c *cli) okJSON(v any, args ...string) {
	c.t.Helper()
	out := c.ok(append(args, "-o", "json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		c.t.Fatalf("tarsus %s: output is not JSON: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// loggedIn returns a CLI logged in to server as admin.
func loggedIn(t *testing.T, server string) *cli {
	c := newCLI(t)
	c.ok("login", "--server", server, "--token", testAdminToken)
	return c
}

func mustContain(t *testing.T, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, got)
		}
	}
}

// copyTree copies src to dst, leaving out node_modules and .tarsus.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".tarsus") {
			return filepath.SkipDir
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func npm(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("npm", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("npm %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
}

// deployPart is one part of a recorded deploy request.
type deployPart struct{ field, name, value string }

// recorder is a real reverse proxy in front of a server that records the
// parts of every deploy request it forwards.
type recorder struct {
	URL     string
	mu      sync.Mutex
	deploys [][]deployPart
}

func newRecorder(t *testing.T, target string) *recorder {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	proxy := httputil.NewSingleHostReverseProxy(u)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	proxy.Transport = tr
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path == "/api/v1/deploy" {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			rec.record(r.Header.Get("Content-Type"), body)
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		srv.Close()
		tr.CloseIdleConnections() // before the server behind it stops
	})
	rec.URL = srv.URL
	return rec
}

func (r *recorder) record(ctype string, body []byte) {
	_, params, _ := mime.ParseMediaType(ctype)
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var parts []deployPart
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		_, dp, _ := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
		b, _ := io.ReadAll(p)
		dp2 := deployPart{field: dp["name"], name: dp["filename"]}
		if dp2.name == "" {
			dp2.value = string(b)
		}
		parts = append(parts, dp2)
	}
	r.mu.Lock()
	r.deploys = append(r.deploys, parts)
	r.mu.Unlock()
}

// take returns the deploys recorded since the last call.
func (r *recorder) take() [][]deployPart {
	r.mu.Lock()
	defer r.mu.Unlock()
	d := r.deploys
	r.deploys = nil
	return d
}
