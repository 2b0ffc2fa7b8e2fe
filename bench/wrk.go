package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// pingBody is the JSON body every warm, churn and neighbour request sends.
const pingBody = `{"hello":"world","n":1}`

// load is one wrk run: POST requests with pingBody to base+paths[i], i at
// random per request when there are several paths.
type load struct {
	Base    string
	Paths   []string
	Conns   int
	Dur     time.Duration
	Timeout time.Duration // wrk's per-request timeout (default 2s)
}

// wrkResult is what the harness's Lua done() hook prints.
type wrkResult struct {
	Requests   int64   `json:"requests"`
	DurationUS int64   `json:"duration_us"`
	Bytes      int64   `json:"bytes"`
	Connect    int64   `json:"connect_err"`
	Read       int64   `json:"read_err"`
	Write      int64   `json:"write_err"`
	Status     int64   `json:"status_err"` // answers with a status ≥ 400
	Timeout    int64   `json:"timeout_err"`
	P50        float64 `json:"p50_us"`
	P90        float64 `json:"p90_us"`
	P99        float64 `json:"p99_us"`
	Max        float64 `json:"max_us"`
	Mean       float64 `json:"mean_us"`
}

func (r wrkResult) rps() float64 {
	if r.DurationUS == 0 {
		return 0
	}
	return float64(r.Requests) / (float64(r.DurationUS) / 1e6)
}

func (r wrkResult) errors() int64 { return r.Connect + r.Read + r.Write + r.Status + r.Timeout }

func luaString(s string) string { return strconv.Quote(s) }

// wrkScript is the Lua script for l: the method, body and headers, the path
// choice, and a done() hook that prints the summary as one JSON line.
func wrkScript(l load) string {
	var b strings.Builder
	b.WriteString("wrk.method = \"POST\"\n")
	b.WriteString("wrk.headers[\"Content-Type\"] = \"application/json\"\n")
	fmt.Fprintf(&b, "wrk.body = %s\n", luaString(pingBody))
	if len(l.Paths) > 1 {
		b.WriteString("local paths = {\n")
		for _, p := range l.Paths {
			fmt.Fprintf(&b, "  %s,\n", luaString(p))
		}
		b.WriteString("}\nlocal n = #paths\n")
		b.WriteString("init = function(args) math.randomseed(os.time() + math.floor(os.clock() * 1e6)) end\n")
		b.WriteString("request = function() return wrk.format(nil, paths[math.random(n)]) end\n")
	}
	b.WriteString(`done = function(s, latency, requests)
  io.write(string.format('TARSUSBENCH {"requests":%d,"duration_us":%d,"bytes":%d,"connect_err":%d,"read_err":%d,"write_err":%d,"status_err":%d,"timeout_err":%d,"p50_us":%.1f,"p90_us":%.1f,"p99_us":%.1f,"max_us":%.1f,"mean_us":%.1f}\n',
    s.requests, s.duration, s.bytes, s.errors.connect, s.errors.read, s.errors.write, s.errors.status, s.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
`)
	return b.String()
}

// wrkArgs is the command line for l (without the script path).
func wrkArgs(cfg *config, l load, script string) []string {
	timeout := l.Timeout
	if timeout == 0 {
		timeout = 2 * time.Second
	}
	url := l.Base + l.Paths[0]
	args := []string{"wrk", "-t1", "-c" + strconv.Itoa(l.Conns), "-d" + secs(l.Dur), "--timeout", secs(timeout), "-s", script, url}
	if cfg.LoadCPU != "" {
		args = append([]string{"taskset", "-c", cfg.LoadCPU}, args...)
	}
	return args
}

func secs(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s < 1 {
		s = 1
	}
	return strconv.Itoa(s) + "s"
}

// wrkCommand is the printable command line of a run, for RESULTS.md.
func wrkCommand(cfg *config, l load) string {
	return strings.Join(wrkArgs(cfg, l, "bench.lua"), " ")
}

// runWrk runs wrk for l and returns its summary.
func runWrk(ctx context.Context, cfg *config, l load) (wrkResult, error) {
	f, err := os.CreateTemp(cfg.Work, "wrk-*.lua")
	if err != nil {
		return wrkResult{}, err
	}
	script := f.Name()
	_, err = f.WriteString(wrkScript(l))
	f.Close()
	if err != nil {
		return wrkResult{}, err
	}
	defer func() {
		if !cfg.Keep {
			os.Remove(script)
		}
	}()
	args := wrkArgs(cfg, l, script)
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = filepath.Dir(script)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %w: %s", err, tailString(string(out), 400))
	}
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "TARSUSBENCH "); ok {
			var r wrkResult
			if err := json.Unmarshal([]byte(rest), &r); err != nil {
				return r, fmt.Errorf("wrk summary %q: %w", rest, err)
			}
			return r, nil
		}
	}
	return wrkResult{}, fmt.Errorf("wrk printed no summary: %s", tailString(string(out), 400))
}

func tailString(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
