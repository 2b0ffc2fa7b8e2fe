package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"
)

// adminToken is the admin API token every benchmark server starts with.
const adminToken = "tsk_bench_admin_token_0123456789"

// server is a running `tarsus serve` and an API client for it.
type server struct {
	b      *bench
	name   string
	p      *proc
	base   string
	client *http.Client
}

// newClient is a keep-alive HTTP client for one server.
func newClient(conns int) *http.Client {
	return &http.Client{
		Timeout: 60 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns: conns, MaxIdleConnsPerHost: conns, IdleConnTimeout: time.Minute,
			DisableCompression: true,
		},
	}
}

// startServer starts the server on a free loopback port with data in dir
// and waits for /healthz. pinned puts it on the server core.
func (b *bench) startServer(ctx context.Context, name, data string, pinned bool, env []string, flags ...string) (*server, error) {
	cfg := b.cfg
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	// Children inherit the harness's own pinning (the load core), so an
	// unpinned server is given every CPU explicitly.
	cpu := cfg.AllCPUs
	if pinned {
		cpu = cfg.ServerCPU
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	args := append([]string{cfg.Bin, "serve", "--addr", addr, "--data", data, "--admin-token", adminToken, "--log-level", "warn"}, flags...)
	if cfg.Profile != "" {
		env = append(env, "TARSUS_BENCH_PROFILE="+profilePrefix(cfg, name))
	}
	p, err := startProc("tarsus "+name, cpu, cfg.Work, filepath.Join(cfg.Work, "tarsus-"+name+".log"), env, args...)
	if err != nil {
		return nil, err
	}
	s := &server{b: b, name: name, p: p, base: "http://" + addr, client: newClient(64)}
	err = waitFor(ctx, p, 60*time.Second, func() error {
		resp, err := s.client.Get(s.base + "/healthz")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("healthz: %d", resp.StatusCode)
		}
		return nil
	})
	if err != nil {
		p.stop(5 * time.Second)
		return nil, err
	}
	return s, nil
}

// stop stops the server; a profiled one first writes its profiles, whose
// summary goes into the report.
func (s *server) stop() {
	s.client.CloseIdleConnections()
	if s.b.cfg.Profile != "" && !s.p.exited() {
		if err := s.dumpProfiles(s.b.cfg); err != nil {
			logf("profiles: %v", err)
		} else {
			s.b.rep.profile(s.name, profileSummary(context.Background(), s.b.cfg, s.name))
		}
	}
	s.p.stop(20 * time.Second)
}

func (s *server) mem() (mem, error) { return readMem(s.p.pid()) }

// apiError is a non-2xx answer of the management API.
type apiError struct {
	Status int
	Body   string
}

func (e *apiError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.Status, e.Body) }

// call sends an admin API request and decodes a JSON answer into out.
func (s *server) call(ctx context.Context, method, path, ctype string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, s.base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+adminToken)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return &apiError{resp.StatusCode, string(b)}
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

func (s *server) createUser(ctx context.Context, name string) error {
	body, _ := json.Marshal(map[string]string{"name": name, "password": "bench-password-" + name})
	return s.call(ctx, "POST", "/api/v1/users", "application/json", body, nil)
}

// sizes is a deployed file's sizes as the API reports them.
type sizes struct {
	Source int `json:"source"`
	Bundle int `json:"bundle"`
	Stored int `json:"stored"`
}

type putResult struct {
	Route   string  `json:"route"`
	Version int     `json:"version"`
	BuildMs float64 `json:"buildMs"`
	Sizes   sizes   `json:"sizes"`
	Status  string  `json:"status"`
}

// putFunction deploys one file for user.
func (s *server) putFunction(ctx context.Context, user, path string, src []byte) (putResult, error) {
	var r putResult
	err := s.call(ctx, "PUT", "/api/v1/functions/"+path+"?user="+user, "application/typescript", src, &r)
	return r, err
}

type deployResult struct {
	Version int     `json:"version"`
	BuildMs float64 `json:"buildMs"`
	Files   []struct {
		Path   string `json:"path"`
		Status string `json:"status"`
	} `json:"files"`
}

// multipartBody encodes files (path → source) as the deploy endpoint's form.
func multipartBody(files map[string][]byte) ([]byte, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fw, _ := w.CreateFormFile("file", p)
		_, _ = fw.Write(files[p])
	}
	_ = w.Close()
	return buf.Bytes(), w.FormDataContentType()
}

// deploy sends a prepared multipart deploy for user.
func (s *server) deploy(ctx context.Context, user string, body []byte, ctype string) (deployResult, error) {
	var r deployResult
	err := s.call(ctx, "POST", "/api/v1/deploy?user="+user, ctype, body, &r)
	return r, err
}

// drop drops the user's warm runtimes.
func (s *server) drop(ctx context.Context, user string) error {
	return s.call(ctx, "POST", "/api/v1/runtimes/drop?user="+user, "", nil, nil)
}

// answer is one invocation's outcome.
type answer struct {
	Status int
	Body   []byte
	Cold   bool
}

// invoke calls POST base+path with a JSON body.
func invoke(ctx context.Context, c *http.Client, url string, body []byte) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	return answer{Status: resp.StatusCode, Body: b, Cold: resp.Header.Get("X-Tarsus-Cold") == "1"}, nil
}

// pool runs f(i) for i in [0, n) on workers goroutines and returns the
// first error.
func pool(ctx context.Context, n, workers int, f func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	done := make(chan struct{})
	for w := 0; w < workers; w++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range next {
				if err := f(ctx, i); err != nil {
					cancel(fmt.Errorf("item %d: %w", i, err))
				}
			}
		}()
	}
feed:
	for i := 0; i < n; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	for w := 0; w < workers; w++ {
		<-done
	}
	return context.Cause(ctx)
}

// ensureDir creates dir and its parents.
func ensureDir(dir string) error { return os.MkdirAll(dir, 0o755) }
