package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests in this file run the real tarsus binary as a child process:
// built once per test run by buildTarsus, removed by TestMain.

var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// buildTarsus builds ./cmd/tarsus once and returns the binary's path, in a
// folder every user may read and run.
func buildTarsus(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "tarsus-bin-")
		if built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "tarsus")
		out, err := exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		built.err = os.Chmod(built.dir, 0o755)
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// proc is a running `tarsus serve` child.
type proc struct {
	t    *testing.T
	cmd  *exec.Cmd
	out  *syncBuffer
	addr string
	done chan error
}

var listeningRe = regexp.MustCompile(`msg="tarsus listening" addr=(\S+)`)

// startProc starts `tarsus serve` on 127.0.0.1:0 over data with the extra
// environment vars, as cred's user when cred is set, and waits (up to 60 s)
// until /healthz answers 200.
func startProc(t *testing.T, bin, data string, cred *syscall.Credential, vars ...string) *proc {
	t.Helper()
	return startArgv(t, []string{bin, "serve"}, data, cred, vars...)
}

// startArgv is startProc with the whole command line (bin serve, or a
// wrapper such as setpriv in front of it).
func startArgv(t *testing.T, argv []string, data string, cred *syscall.Credential, vars ...string) *proc {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + data, "TARSUS_ADDR=127.0.0.1:0", "TARSUS_DATA=" + data, "TARSUS_ADMIN_TOKEN=" + testAdminToken}, vars...)
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	p := &proc{t: t, cmd: cmd, out: &syncBuffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(p.kill)
	deadline := time.Now().Add(60 * time.Second)
	for p.addr == "" {
		if m := listeningRe.FindStringSubmatch(p.out.String()); m != nil {
			p.addr = m[1]
			break
		}
		select {
		case err := <-p.done:
			p.done <- err
			t.Fatalf("tarsus serve ended before listening: %v\n%s", err, p.out.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("tarsus serve did not listen within 60 s:\n%s", p.out.String())
		}
	}
	for {
		res, err := http.Get("http://" + p.addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz did not answer 200 within 60 s (%v):\n%s", err, p.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// kill ends the child with SIGKILL (if still running) and waits for it.
func (p *proc) kill() {
	if p.cmd.ProcessState != nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	err := <-p.done
	p.done <- err
}

func (p *proc) url(path string) string { return "http://" + p.addr + path }

// do sends one request with the admin token and returns status and body.
func (p *proc) do(ctx context.Context, method, path, ctype string, body io.Reader) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, method, p.url(path), body)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Authorization", "Bearer "+testAdminToken)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}

// multipartTree encodes files (relative path → source) as a deploy body.
func multipartTree(files map[string]string) (ctype string, body []byte) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for name, src := range files {
		part, _ := w.CreateFormFile("file", name)
		_, _ = io.WriteString(part, src)
	}
	_ = w.Close()
	return w.FormDataContentType(), buf.Bytes()
}

// deployTree deploys files for the admin user.
func (p *proc) deployTree(ctx context.Context, files map[string]string, query string) (int, string, error) {
	ctype, body := multipartTree(files)
	return p.do(ctx, "POST", "/api/v1/deploy"+query, ctype, bytes.NewReader(body))
}

// worldWritable makes dir and its parent usable by any user (t.TempDir
// makes them 0700 for the test's user).
func worldWritable(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
}

func countLines(s, sub string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			n++
		}
	}
	return n
}
