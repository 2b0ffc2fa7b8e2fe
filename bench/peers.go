package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

func peerLabel(name string) string {
	switch name {
	case "original":
		return "original design (Fastify 5, cluster, worker per user)"
	case "node":
		return "plain Node http"
	case "deno":
		return "Deno (Deno.serve)"
	case "bun":
		return "Bun (Bun.serve)"
	case "workerd":
		return "workerd"
	}
	return name
}

// peerBinary finds a runtime's native binary in bench/peers/node_modules.
func peerBinary(cfg *config, name string) string {
	nm := filepath.Join(cfg.Peers, "node_modules")
	var cands []string
	switch name {
	case "node":
		if p, err := exec.LookPath("node"); err == nil {
			return p
		}
		return ""
	case "original":
		return peerBinary(cfg, "node")
	case "deno":
		cands = []string{"@deno/linux-x64-glibc/deno", "@deno/linux-arm64-glibc/deno", "deno/deno"}
	case "bun":
		cands = []string{"@oven/bun-linux-x64/bin/bun", "@oven/bun-linux-x64-baseline/bin/bun", "@oven/bun-linux-aarch64/bin/bun", "bun/bin/bun.exe"}
	case "workerd":
		cands = []string{"@cloudflare/workerd-linux-64/bin/workerd", "@cloudflare/workerd-linux-arm64/bin/workerd", "workerd/bin/workerd"}
	}
	for _, c := range cands {
		p := filepath.Join(nm, c)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 && isELF(p) {
			return p
		}
	}
	return ""
}

func isELF(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, 4)
	_, err = f.Read(b)
	return err == nil && string(b) == "\x7fELF"
}

// peerEnv prepares the peers once: node_modules, the compiled route files.
type peerEnv struct {
	cfg *config
	rep *report

	once   sync.Once
	err    error
	app    string // folder with route.mjs and the Deno, Bun and workerd entry files
	origin string // original design: routes folder with one user, u0/ping.mjs
}

func newPeerEnv(_ context.Context, cfg *config, rep *report) *peerEnv {
	return &peerEnv{cfg: cfg, rep: rep}
}

func (pe *peerEnv) setup(ctx context.Context) error {
	pe.once.Do(func() { pe.err = pe.doSetup(ctx) })
	return pe.err
}

func (pe *peerEnv) doSetup(ctx context.Context) error {
	if _, err := exec.LookPath("node"); err != nil {
		return errors.New("node is not installed (apt-get install nodejs npm)")
	}
	if _, err := os.Stat(filepath.Join(pe.cfg.Peers, "node_modules", "fastify", "package.json")); err != nil {
		logf("installing the peers: npm ci in bench/peers")
		cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
		cmd.Dir = pe.cfg.Peers
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("npm ci in bench/peers: %w: %s", err, tailString(string(out), 600))
		}
	}
	seed, err := seedPing(pe.cfg)
	if err != nil {
		return err
	}
	pe.app = filepath.Join(pe.cfg.Work, "peer-app")
	if err := pe.compile(ctx, map[string][]byte{"route.ts": seed}, []string{"route.ts"}, pe.app); err != nil {
		return err
	}
	for _, f := range []string{"web-handler.mjs", "deno.mjs", "bun.mjs", "workerd-worker.mjs", "workerd.capnp"} {
		b, err := os.ReadFile(filepath.Join(pe.cfg.Peers, f))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(pe.app, f), b, 0o644); err != nil {
			return err
		}
	}
	pe.origin = filepath.Join(pe.cfg.Work, "original-one")
	b, err := os.ReadFile(filepath.Join(pe.app, "route.mjs"))
	if err != nil {
		return err
	}
	if err := ensureDir(filepath.Join(pe.origin, "u0")); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(pe.origin, "u0", "ping.mjs"), b, 0o644)
}

// compile bundles TypeScript sources (path → text) with the peers' esbuild
// into ESM files in out: each entry e.ts becomes out/e.mjs.
func (pe *peerEnv) compile(ctx context.Context, files map[string][]byte, entries []string, out string) error {
	src, err := os.MkdirTemp(pe.cfg.Work, "peer-src-")
	if err != nil {
		return err
	}
	for p, b := range files {
		if err := ensureDir(filepath.Dir(filepath.Join(src, p))); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(src, p), b, 0o644); err != nil {
			return err
		}
	}
	args := append([]string{}, entries...)
	args = append(args, "--bundle", "--format=esm", "--platform=neutral", "--outdir="+out, "--out-extension:.js=.mjs", "--log-level=warning")
	cmd := exec.CommandContext(ctx, filepath.Join(pe.cfg.Peers, "node_modules", ".bin", "esbuild"), args...)
	cmd.Dir = src
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("esbuild: %w: %s", err, tailString(string(b), 600))
	}
	return nil
}

// peerProc is a running peer and where its ping function answers.
type peerProc struct {
	*proc
	url     string // the ping route
	control string // original design: the primary's control base URL
}

// startPeer starts one peer serving the seed's ping function; for the
// original design, routes is the folder of users' compiled routes (the first
// user's worker answers at url).
func (pe *peerEnv) startPeer(name, routes string) (*peerProc, error) {
	cfg := pe.cfg
	bin := peerBinary(cfg, name)
	if bin == "" {
		return nil, fmt.Errorf("its binary is missing from bench/peers/node_modules (npm ci there; the npm package may not ship one for this platform)")
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	ps := strconv.Itoa(port)
	logPath := filepath.Join(cfg.Work, "peer-"+name+".log")
	var argv, env []string
	dir := pe.app
	pp := &peerProc{url: "http://127.0.0.1:" + ps + "/ping"}
	switch name {
	case "original":
		wport, err := freePort()
		if err != nil {
			return nil, err
		}
		dir = cfg.Peers
		argv = []string{bin, "original.mjs", routes, ps, strconv.Itoa(wport)}
		pp.control = "http://127.0.0.1:" + ps
		pp.url = "http://127.0.0.1:" + strconv.Itoa(wport) + "/ping"
	case "node":
		argv = []string{bin, filepath.Join(cfg.Peers, "node-http.mjs"), filepath.Join(pe.app, "route.mjs"), ps}
	case "deno":
		argv = []string{bin, "run", "--allow-net", "--allow-read", "--allow-env", "deno.mjs", ps}
		env = []string{"DENO_NO_UPDATE_CHECK=1", "DENO_NO_PROMPT=1", "NO_COLOR=1", "DENO_DIR=" + filepath.Join(cfg.Work, "deno-dir")}
	case "bun":
		argv = []string{bin, "bun.mjs", ps}
		env = []string{"DO_NOT_TRACK=1", "BUN_INSTALL_CACHE_DIR=" + filepath.Join(cfg.Work, "bun-cache")}
	case "workerd":
		argv = []string{bin, "serve", "workerd.capnp", "--socket-addr", "http=127.0.0.1:" + ps}
	default:
		return nil, fmt.Errorf("unknown peer %q", name)
	}
	p, err := startProc(name, cfg.ServerCPU, dir, logPath, env, argv...)
	if err != nil {
		return nil, err
	}
	pp.proc = p
	return pp, nil
}

// peerCommand is a printable command line for RESULTS.md.
func peerCommand(cfg *config, name string) string {
	pin := ""
	if cfg.ServerCPU != "" {
		pin = "taskset -c " + cfg.ServerCPU + " "
	}
	switch name {
	case "original":
		return "(cd bench/peers && " + pin + "node original.mjs <routes-dir> <control-port> <worker-port>)"
	case "node":
		return "(cd bench/peers && " + pin + "node node-http.mjs <route.mjs> <port>)"
	case "deno":
		return "(cd <app> && " + pin + "deno run --allow-net --allow-read --allow-env deno.mjs <port>)"
	case "bun":
		return "(cd <app> && " + pin + "bun bun.mjs <port>)"
	case "workerd":
		return "(cd <app> && " + pin + "workerd serve workerd.capnp --socket-addr http=127.0.0.1:<port>)"
	}
	return name
}

// waitAnswer polls url until it answers 200 with a body containing want.
func waitAnswer(ctx context.Context, p *proc, c *http.Client, url, want string, limit time.Duration) error {
	return waitFor(ctx, p, limit, func() error {
		a, err := invoke(ctx, c, url, []byte(pingBody))
		if err != nil {
			return err
		}
		if a.Status != 200 || !strings.Contains(string(a.Body), want) {
			return fmt.Errorf("answered %d %s", a.Status, tailString(string(a.Body), 200))
		}
		return nil
	})
}

// peerColdStart is process start to first answer, once.
func (pe *peerEnv) peerColdStart(ctx context.Context, name string) (time.Duration, error) {
	c := newClient(1)
	defer c.CloseIdleConnections()
	t0 := time.Now()
	pp, err := pe.startPeer(name, pe.origin)
	if err != nil {
		return 0, err
	}
	defer pp.kill()
	if err := waitAnswer(ctx, pp.proc, c, pp.url, expectedPing, 30*time.Second); err != nil {
		return 0, err
	}
	return time.Since(t0), nil
}

// originalWorkers lists the original design's workers from its control port.
type workerInfo struct {
	Pid   int  `json:"pid"`
	Port  int  `json:"port"`
	Ready bool `json:"ready"`
}

func originalWorkers(ctx context.Context, c *http.Client, control string) (map[string]workerInfo, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", control+"/workers", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var ws map[string]workerInfo
	err = json.NewDecoder(resp.Body).Decode(&ws)
	return ws, err
}

func originalReset(ctx context.Context, c *http.Client, control, user string) error {
	req, err := http.NewRequestWithContext(ctx, "POST", control+"/reset/"+user, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("reset %s: HTTP %d", user, resp.StatusCode)
	}
	return nil
}

// usable reports whether the named peer is selected and set up; a reason
// is recorded for the report when it is not.
func (pe *peerEnv) usable(ctx context.Context, name string) bool {
	if !pe.cfg.PeerSet[name] {
		return false
	}
	if err := pe.setup(ctx); err != nil {
		pe.rep.peerStatus(name, "could not run: "+err.Error())
		return false
	}
	if peerBinary(pe.cfg, name) == "" {
		pe.rep.peerStatus(name, "could not run: its binary is missing from bench/peers/node_modules after npm ci (the npm package ships none for this platform, or its install script did not run)")
		return false
	}
	return true
}
