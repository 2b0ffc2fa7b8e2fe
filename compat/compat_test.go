// Package compat is the npm compatibility corpus: a Node project whose
// functions (functions/<package>.ts) each do something real with one
// popular npm package. TestCorpus pushes the project with the real tarsus
// binary to a real server, calls every function, and compares each answer
// with what the same file answers under Node (node-harness.mjs), computed
// in the same run. README.md lists the result of every package; the test
// fails if a package the README lists as identical no longer is.
//
// The test needs node_modules: run `npm ci` here first (scripts/test.sh
// does).
package compat

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tarsus/tarsus/bundler"
	"github.com/tarsus/tarsus/engine"
)

const adminToken = "tsk_compat_test_admin_token_0123456789"

// answer is what one side answered for one function.
type answer struct {
	Status int             `json:"status"`
	Body   json.RawMessage `json:"body"`
	Error  string          `json:"error"`
}

// result is one package's outcome.
type result struct {
	name         string
	tarsus, node answer
	identical    bool
	why          string // for a failure: the build error or Tarsus's answer
}

func TestCorpus(t *testing.T) {
	if _, err := os.Stat("node_modules/.package-lock.json"); err != nil {
		t.Fatalf("compat/node_modules is missing: run `npm ci` in compat/ (scripts/test.sh does): %v", err)
	}
	files, err := filepath.Glob("functions/*.ts")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 60 {
		t.Fatalf("only %d functions in compat/functions; the corpus has at least 60", len(files))
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(filepath.Base(f), ".ts")
	}

	// A work folder inside the project, so that Node and esbuild resolve
	// packages from compat/node_modules.
	work, err := os.MkdirTemp(".", ".run-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(work) })

	var node map[string]answer
	var nodeErr error
	var wg sync.WaitGroup
	wg.Go(func() { node, nodeErr = runNode(filepath.Join(work, "node"), files) })

	bin := buildTarsus(t)
	addr := startServer(t, bin)
	deployed, buildErrs := pushCorpus(t, bin, addr, work, names)
	user := whoami(t, bin, addr)
	tarsus := map[string]answer{}
	for _, n := range deployed {
		tarsus[n] = invoke(t, addr, user, n)
	}
	wg.Wait()
	if nodeErr != nil {
		t.Fatal(nodeErr)
	}

	var results []result
	identical := 0
	for _, n := range names {
		r := result{name: n, tarsus: tarsus[n], node: node[n]}
		switch {
		case r.node.Error != "":
			r.why = "Node itself fails: " + r.node.Error
		case buildErrs[n] != "":
			r.why = buildErrs[n]
		case r.tarsus.Error != "":
			r.why = r.tarsus.Error
		case r.tarsus.Status != r.node.Status:
			r.why = fmt.Sprintf("status %d: %s", r.tarsus.Status, r.tarsus.Body)
		case canonical(r.tarsus.Body) != canonical(r.node.Body):
			r.why = fmt.Sprintf("different answer: Tarsus %s, Node %s", r.tarsus.Body, r.node.Body)
		default:
			r.identical = true
			identical++
		}
		results = append(results, r)
	}
	t.Logf("compat corpus: %d of %d packages identical to Node (%.1f%%)", identical, len(results), 100*float64(identical)/float64(len(results)))
	if p := os.Getenv("COMPAT_REPORT"); p != "" {
		writeReport(t, p, results)
	}

	// The ratchet: every package README.md lists as identical must stay so.
	listed := readmeTable(t)
	for _, r := range results {
		status, ok := listed[r.name]
		switch {
		case !ok:
			t.Errorf("%s: README.md's table has no row for it (%s)", r.name, map[bool]string{true: "identical", false: clip(r.why, 300)}[r.identical])
		case status == "identical" && !r.identical:
			t.Errorf("%s: README.md lists it as identical, but %s", r.name, clip(r.why, 600))
		}
		delete(listed, r.name)
	}
	for n := range listed {
		t.Errorf("README.md lists %s, which has no function file", n)
	}
}

// readmeTable reads README.md's results table, rows
// "| name | identical, differs or fails | why |", into name → result.
func readmeTable(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("^\\|\\s*`?([a-z0-9.-]+)`?\\s*\\|\\s*(identical|differs|fails)\\s*\\|")
	out := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if m := row.FindStringSubmatch(line); m != nil {
			out[m[1]] = m[2]
		}
	}
	if len(out) < 60 {
		t.Fatalf("README.md's table has %d package rows; it must list every package", len(out))
	}
	return out
}

// writeReport writes the results as README table rows, for updating it.
func writeReport(t *testing.T, path string, results []result) {
	var b strings.Builder
	for _, r := range results {
		status, why := "identical", ""
		if !r.identical {
			status, why = "fails", clip(strings.ReplaceAll(r.why, "|", "\\|"), 300)
			if strings.HasPrefix(r.why, "different answer") {
				status = "differs"
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", r.name, status, strings.ReplaceAll(why, "\n", " "))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Error(err)
	}
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// canonical re-encodes JSON so that key order and spacing do not matter.
func canonical(b json.RawMessage) string {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return "invalid JSON: " + string(b)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

// runNode runs every function under Node through node-harness.mjs.
func runNode(work string, files []string) (map[string]answer, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", append([]string{"node-harness.mjs", work}, files...)...)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("node harness: %v\n%s", err, stderr.String())
	}
	res := map[string]answer{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var line struct {
			File string `json:"file"`
			answer
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return nil, fmt.Errorf("node harness line %q: %v", sc.Text(), err)
		}
		res[strings.TrimSuffix(filepath.Base(line.File), ".ts")] = line.answer
	}
	if len(res) != len(files) {
		return nil, fmt.Errorf("node harness answered for %d of %d files\n%s", len(res), len(files), stderr.String())
	}
	return res, nil
}

// buildTarsus builds ./cmd/tarsus into the test's temp folder.
func buildTarsus(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tarsus")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/tarsus").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

var listeningRe = regexp.MustCompile(`msg="tarsus listening" addr=(\S+)`)

// syncBuffer is a bytes.Buffer safe for a child's output and the test.
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

// startServer runs `tarsus serve` on 127.0.0.1:0 over a fresh data folder
// and returns its address once /healthz answers.
func startServer(t *testing.T, bin string) string {
	t.Helper()
	data := t.TempDir()
	cmd := exec.Command(bin, "serve")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + data, "TZ=UTC", "TARSUS_ADDR=127.0.0.1:0", "TARSUS_DATA=" + data,
		"TARSUS_ADMIN_TOKEN=" + adminToken, "TARSUS_LOG_LEVEL=info"}
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
	})
	deadline := time.Now().Add(60 * time.Second)
	addr := ""
	for addr == "" {
		if m := listeningRe.FindStringSubmatch(out.String()); m != nil {
			addr = m[1]
			break
		}
		select {
		case err := <-done:
			t.Fatalf("tarsus serve ended: %v\n%s", err, out.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("tarsus serve did not listen within 60 s:\n%s", out.String())
		}
	}
	for {
		res, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return addr
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz did not answer within 60 s: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// cli runs the tarsus binary as a user of the server at addr.
func cli(t *testing.T, bin, addr, dir string, args ...string) (string, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	home := t.TempDir() // TARSUS_URL and TARSUS_TOKEN stand for a login
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"TARSUS_URL=http://" + addr, "TARSUS_TOKEN=" + adminToken}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return stdout.String(), stderr.String(), err
}

// pushCorpus copies the functions into a project under work and pushes it
// with `tarsus push`. Each function is first built alone with the bundler
// push uses (same options) and loaded in the engine as the server loads a
// route when it deploys it (the server refuses the whole deploy if one
// route fails): a function whose build or load fails is left out of the
// project, so that one package's failure does not hide the others', and
// that error is its result. It returns the pushed function names and each
// build or load error by name.
func pushCorpus(t *testing.T, bin, addr, work string, names []string) ([]string, map[string]string) {
	t.Helper()
	proj := filepath.Join(work, "project")
	if err := os.MkdirAll(filepath.Join(proj, "functions"), 0o755); err != nil {
		t.Fatal(err)
	}
	b := bundler.New(bundler.Options{SourceMap: true, Builtins: engine.BuiltinModules(), Check: engine.CheckSyntax})
	e, err := engine.New(engine.Config{Lower: b.Lower})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	buildErrs := map[string]string{}
	var pushed []string
	for _, n := range names {
		src, err := os.ReadFile(filepath.Join("functions", n+".ts"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(proj, "functions", n+".ts"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		outs, err := b.BuildDir(filepath.Join(proj, "functions"), []string{n + ".ts"})
		if err == nil {
			// The server runs a route's top level when it deploys it, and
			// refuses the whole deploy if one fails: do the same here.
			_, err = e.Compile(context.Background(), engine.Source{Path: n + ".ts", Route: n, URL: "/compat/" + n, Code: outs[0].Code, Map: outs[0].Map, Hash: n})
			if err != nil {
				err = fmt.Errorf("load: %w", err)
			}
		}
		if err != nil {
			buildErrs[n] = strings.Join(strings.Fields(err.Error()), " ")
			if err := os.Remove(filepath.Join(proj, "functions", n+".ts")); err != nil {
				t.Fatal(err)
			}
			continue
		}
		pushed = append(pushed, n)
	}
	if err := os.WriteFile(filepath.Join(proj, "tarsus.json"), []byte(`{"functionsDir": "functions"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := cli(t, bin, addr, proj, "push", ".", "--progress", "never", "--yes")
	if err != nil {
		t.Fatalf("tarsus push: %v\nstdout:\n%s\nstderr:\n%s", err, stdout, stderr)
	}
	return pushed, buildErrs
}

func whoami(t *testing.T, bin, addr string) string {
	t.Helper()
	stdout, stderr, err := cli(t, bin, addr, ".", "whoami", "-o", "json")
	if err != nil {
		t.Fatalf("tarsus whoami: %v\n%s%s", err, stdout, stderr)
	}
	var me struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(stdout), &me); err != nil || me.Name == "" {
		t.Fatalf("tarsus whoami -o json: %v\n%s", err, stdout)
	}
	return me.Name
}

// invoke calls a deployed function with POST {} and returns its answer.
func invoke(t *testing.T, addr, user, route string) answer {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", "http://"+addr+"/"+user+"/"+route, strings.NewReader("{}"))
	req.Header.Set("content-type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{Error: "request: " + err.Error()}
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return answer{Error: "reading the answer: " + err.Error()}
	}
	if res.StatusCode != 200 {
		return answer{Status: res.StatusCode, Error: fmt.Sprintf("status %d: %s", res.StatusCode, body)}
	}
	if !json.Valid(body) {
		return answer{Status: res.StatusCode, Error: "not JSON: " + string(body)}
	}
	return answer{Status: res.StatusCode, Body: body}
}
