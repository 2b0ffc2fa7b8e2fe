package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"
)

// table is one Markdown table.
type table struct {
	Title  string
	Header []string
	Rows   [][]string
	Notes  []string
}

func (t *table) add(cells ...string) { t.Rows = append(t.Rows, cells) }

// section is one scenario's results.
type section struct {
	Key    string
	Title  string
	Intro  string
	Tables []*table
	Notes  []string
	Err    error
	Took   time.Duration
}

// report collects everything the run prints and writes to RESULTS.md.
type report struct {
	cfg      *config
	started  time.Time
	total    time.Duration
	env      [][2]string
	commands []string
	peers    map[string]*peerState
	sections map[string]*section
	findings []string
	profiles [][2]string // server name, pprof summary
}

func (r *report) profile(name, summary string) {
	r.profiles = append(r.profiles, [2]string{name, summary})
}

func newReport(cfg *config) *report {
	return &report{cfg: cfg, started: time.Now(), peers: map[string]*peerState{}, sections: map[string]*section{}}
}

func (r *report) section(key, title, intro string) *section {
	s := r.sections[key]
	if s == nil {
		s = &section{Key: key, Title: title, Intro: intro}
		r.sections[key] = s
	}
	return s
}

func (r *report) failed(key string, err error) {
	r.section(key, key, "").Err = err
}

func (r *report) timing(key string, d time.Duration) { r.section(key, key, "").Took = d }

func (r *report) command(c string) {
	for _, have := range r.commands {
		if have == c {
			return
		}
	}
	r.commands = append(r.commands, c)
}

// peerStatus records whether a peer ran: "ran" once it ran anywhere, and
// each failure with its reason.
func (r *report) peerStatus(name, status string) {
	ps := r.peers[name]
	if ps == nil {
		ps = &peerState{}
		r.peers[name] = ps
	}
	if status == "ran" {
		ps.ran = true
		return
	}
	for _, f := range ps.failures {
		if f == status {
			return
		}
	}
	ps.failures = append(ps.failures, status)
}

// peerState is what the run learnt about one peer.
type peerState struct {
	ran      bool
	failures []string
}

func (ps *peerState) String() string {
	var parts []string
	if ps.ran {
		parts = append(parts, "ran")
	}
	return strings.Join(append(parts, ps.failures...), "; ")
}

// finding is an observation about the server worth the lead's attention.
func (r *report) finding(format string, args ...any) {
	r.findings = append(r.findings, fmt.Sprintf(format, args...))
}

// collectEnv records the machine and the versions of everything measured.
func (r *report) collectEnv(ctx context.Context) {
	add := func(k, v string) { r.env = append(r.env, [2]string{k, v}) }
	add("date", r.started.UTC().Format(time.RFC3339))
	mode := "full"
	if r.cfg.Quick {
		mode = "quick (-quick: short durations, few trials, small populations — a smoke run, not the figures to quote)"
	}
	add("mode", mode)
	add("cpu", cpuModel()+fmt.Sprintf(" × %d", onlineCPUs()))
	add("memory", memTotal())
	add("kernel", firstLine(ctx, "uname", "-sr"))
	add("load average at start", loadAvg())
	if r.cfg.ServerCPU != "" {
		add("pinning", fmt.Sprintf("servers (Tarsus and every peer, with all their threads and forked workers) under `taskset -c %s`; wrk (`-t1`), the harness and its single-request client under `taskset -c %s`", r.cfg.ServerCPU, r.cfg.LoadCPU))
	} else {
		add("pinning", "none (taskset missing, one core, or -no-pin): servers and load generator share the cores")
	}
	add("go", firstLine(ctx, "go", "version"))
	add("tarsus", tarsusVersion(ctx, r.cfg.Root, r.cfg.Bin))
	add("wrk", firstLine(ctx, "wrk", "-v"))
	add("node", firstLine(ctx, "node", "--version"))
	add("fastify", npmVersion(r.cfg.Peers, "fastify"))
	for _, p := range []struct{ name, pkg string }{{"deno", "deno"}, {"bun", "bun"}, {"workerd", "workerd"}} {
		if bin := peerBinary(r.cfg, p.name); bin != "" {
			add(p.name, firstLine(ctx, bin, "--version")+" (npm "+p.pkg+" "+npmVersion(r.cfg.Peers, p.pkg)+")")
		} else {
			add(p.name, "not installed (npm ci in bench/peers)")
		}
	}
}

func firstLine(ctx context.Context, name string, args ...string) string {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	if err != nil && len(out) == 0 {
		return "unavailable (" + err.Error() + ")"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return strings.TrimSpace(line)
}

// tarsusVersion names the commit the binary was built from (read-only git
// queries; the binary carries no VCS stamp when built with -buildvcs=false).
func tarsusVersion(ctx context.Context, root, bin string) string {
	if out, err := exec.CommandContext(ctx, "go", "version", "-m", bin).Output(); err == nil {
		for _, line := range strings.Split(string(out), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "build" && strings.HasPrefix(f[1], "vcs.revision=") {
				return "commit " + strings.TrimPrefix(f[1], "vcs.revision=")
			}
		}
	}
	rev, err := exec.CommandContext(ctx, "git", "-C", root, "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return "unknown commit"
	}
	v := "commit " + strings.TrimSpace(string(rev))
	if exec.CommandContext(ctx, "git", "-C", root, "diff", "--quiet", "HEAD", "--").Run() != nil {
		v += " plus uncommitted changes in the work tree"
	}
	return v
}

func npmVersion(dir, pkg string) string {
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", pkg, "package.json"))
	if err != nil {
		return "not installed"
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, `"version":`); ok {
			return strings.Trim(strings.TrimSpace(v), `",`)
		}
	}
	return "unknown"
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "unknown"
	}
	return fmt.Sprintf("%.1f GiB", float64(procField(b, "MemTotal:"))/(1<<20))
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ") + " (other work on the machine makes the figures noisy when this is high)"
}

// print writes the report as Markdown.
func (r *report) print(w io.Writer) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# Tarsus end-to-end benchmark results\n\n")
	p("Written by `go run ./bench%s` (bench/main.go). Ratios are Tarsus against each peer: for throughput Tarsus ÷ peer, for times peer ÷ Tarsus, so above 1× means Tarsus is ahead.\n\n", runArgs())
	p("## Machine and versions\n\n| | |\n|---|---|\n")
	for _, kv := range r.env {
		p("| %s | %s |\n", kv[0], mdCell(kv[1]))
	}
	p("| total time | %s |\n\n", r.total.Round(time.Second))

	p("## Peers\n\n| peer | status |\n|---|---|\n")
	for _, name := range allPeers {
		var st string
		ps, ok := r.peers[name]
		if ok {
			st = ps.String()
		} else {
			if r.cfg.PeerSet[name] {
				st = "not measured (no selected scenario measures it)"
			} else {
				st = "not selected (-peers)"
			}
		}
		p("| %s | %s |\n", peerLabel(name), mdCell(st))
	}
	p("\n")

	for _, key := range append(slices.Clone(allScenarios), extraScenarios...) {
		s, ok := r.sections[key]
		if !ok || (!r.cfg.Scenarios[key]) {
			continue
		}
		title := s.Title
		p("## %s\n\n", title)
		if s.Intro != "" {
			p("%s\n\n", s.Intro)
		}
		for _, t := range s.Tables {
			if t.Title != "" {
				p("**%s**\n\n", t.Title)
			}
			p("| %s |\n|%s\n", strings.Join(t.Header, " | "), strings.Repeat("---|", len(t.Header)))
			for _, row := range t.Rows {
				cells := make([]string, len(row))
				for i, c := range row {
					cells[i] = mdCell(c)
				}
				p("| %s |\n", strings.Join(cells, " | "))
			}
			p("\n")
			for _, n := range t.Notes {
				p("%s\n\n", n)
			}
		}
		for _, n := range s.Notes {
			p("- %s\n", n)
		}
		if len(s.Notes) > 0 {
			p("\n")
		}
		if s.Err != nil {
			p("**This scenario failed:** %s\n\n", mdCell(s.Err.Error()))
		}
		if s.Took > 0 {
			p("_(scenario took %s)_\n\n", s.Took.Round(time.Second))
		}
	}
	if len(r.findings) > 0 {
		p("## Observations about the server\n\n")
		for _, f := range r.findings {
			p("- %s\n", f)
		}
		p("\n")
	}
	if len(r.profiles) > 0 {
		p("## Profiles\n\nRecorded with -profile %s: every Tarsus server of the run was built with a CPU and heap profiling hook overlaid on cmd/tarsus (`go build -overlay`), which costs a few per cent of throughput.\n\n", r.cfg.Profile)
		for _, pr := range r.profiles {
			p("### Server %q\n\n%s", pr[0], pr[1])
		}
	}
	p("## Commands\n\n```sh\n")
	p("go run ./bench%s            # this run; see `go run ./bench -h` for -only, -peers, -dur, -trials …\n", runArgs())
	p("apt-get install -y wrk; (cd bench/peers && npm ci)   # what the harness needs\n")
	for _, c := range r.commands {
		p("%s\n", c)
	}
	p("```\n")
}

// runArgs is this run's flags as typed (" -quick", " -scenario soak -soak 2m"),
// without -out.
func runArgs() string {
	var out []string
	args := os.Args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "-out" || a == "--out" {
			i++
			continue
		}
		if strings.HasPrefix(a, "-out=") || strings.HasPrefix(a, "--out=") {
			continue
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return ""
	}
	return " " + strings.Join(out, " ")
}

func (r *report) write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	r.print(f)
	return f.Close()
}

func mdCell(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", "\\|")
}

// Formatting helpers.

func ms(d time.Duration) string { return fmtMs(float64(d) / 1e6) }

func fmtMs(v float64) string {
	switch {
	case v == 0:
		return "0 ms"
	case v < 0.1:
		return fmt.Sprintf("%.3f ms", v)
	case v < 10:
		return fmt.Sprintf("%.2f ms", v)
	case v < 100:
		return fmt.Sprintf("%.1f ms", v)
	}
	return fmt.Sprintf("%.0f ms", v)
}

func usMs(us float64) string { return fmtMs(us / 1000) }

func rps(v float64) string {
	if v >= 10000 {
		return fmt.Sprintf("%.1fk", v/1000)
	}
	return fmt.Sprintf("%.0f", v)
}

func mib(kib int64) string { return fmt.Sprintf("%.1f MiB", float64(kib)/1024) }

func ratio(a, b float64) string {
	if a <= 0 || b <= 0 || math.IsNaN(a) || math.IsNaN(b) {
		return "–"
	}
	v := a / b
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f×", v)
	case v >= 10:
		return fmt.Sprintf("%.1f×", v)
	}
	return fmt.Sprintf("%.2f×", v)
}

// dist is a sample of durations with percentiles by nearest rank.
type dist []time.Duration

func (d dist) pct(p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append(dist(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	i = max(0, min(i, len(s)-1))
	return s[i]
}

func (d dist) mean() time.Duration {
	if len(d) == 0 {
		return 0
	}
	var sum time.Duration
	for _, v := range d {
		sum += v
	}
	return sum / time.Duration(len(d))
}

// verdict compares a measured value with a target.
func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "missed"
}
