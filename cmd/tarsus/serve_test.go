package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's log writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveOnce runs `tarsus serve` in-process until stop is called.
func serveOnce(t *testing.T, cfg serveConfig) (addr string, out *syncBuffer, stop func()) {
	t.Helper()
	out = &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, cfg, out, func(a string) { ready <- a }) }()
	select {
	case addr = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve ended early: %v\n%s", err, out.String())
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("serve did not start")
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return addr, out, stop
}

func TestServeBootstrapsAdminOnce(t *testing.T) {
	dir := t.TempDir()
	cfg := serveConfig{Addr: "127.0.0.1:0", Data: dir, LogLevel: "warn"}
	addr, out, stop := serveOnce(t, cfg)
	printed := out.String()
	if !strings.Contains(printed, "password:") || !strings.Contains(printed, "token:    tsk_") {
		t.Fatalf("first start did not print the admin credentials:\n%s", printed)
	}
	token := strings.TrimSpace(strings.SplitN(strings.SplitN(printed, "token:", 2)[1], "\n", 2)[0])
	req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `"role":"admin"`) {
		t.Fatalf("printed token: %d %s", res.StatusCode, body)
	}
	// The console is embedded and / redirects to it.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if res, err := noFollow.Get("http://" + addr + "/"); err != nil || res.StatusCode != 302 || res.Header.Get("Location") != "/console/" {
		t.Errorf("/ does not redirect to the console: %v %v", err, res)
	}
	if res, err := http.Get("http://" + addr + "/console/"); err != nil || res.StatusCode != 200 {
		t.Errorf("console: %v %v", err, res)
	}
	stop()

	_, out2, _ := serveOnce(t, cfg)
	if strings.Contains(out2.String(), "password:") {
		t.Errorf("second start printed credentials again:\n%s", out2.String())
	}
}

func TestServeFlagsOverrideEnvironment(t *testing.T) {
	vars := map[string]string{"TARSUS_ADDR": "127.0.0.1:1", "TARSUS_TIMEOUT": "3s", "TARSUS_MAX_RUNTIMES": "7", "TARSUS_ADMIN_TOKEN": "tsk_env"}
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return vars[k] }}
	cmd := newServeCmd(e)
	if err := cmd.ParseFlags([]string{"--timeout", "5s"}); err != nil {
		t.Fatal(err)
	}
	f := cmd.Flags()
	get := func(name string) string { return f.Lookup(name).Value.String() }
	if get("timeout") != "5s" || get("addr") != "127.0.0.1:1" || get("max-runtimes") != "7" || get("admin-token") != "tsk_env" || get("idle-timeout") != "5m0s" || get("data") != "./tarsus-data" {
		t.Errorf("flags: timeout=%s addr=%s max=%s token=%s idle=%s data=%s", get("timeout"), get("addr"), get("max-runtimes"), get("admin-token"), get("idle-timeout"), get("data"))
	}
}

func TestVersionOutputs(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"version"}, "tarsus " + version + "\n"},
		{[]string{"version", "-o", "json"}, `"version": "` + version + `"`},
	} {
		var out bytes.Buffer
		e := &env{stdout: &out, stderr: io.Discard, getenv: func(string) string { return "" }}
		root := newRoot(e)
		root.SetArgs(c.args)
		if err := root.ExecuteContext(context.Background()); err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		if !strings.Contains(out.String(), c.want) {
			t.Errorf("%v: %q does not contain %q", c.args, out.String(), c.want)
		}
	}
}
