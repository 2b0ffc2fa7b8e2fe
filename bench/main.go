package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The scenarios and peers, in the order they run and are reported.
var (
	allScenarios = []string{"cold", "warm", "deploy", "density", "churn", "neighbour"}
	allPeers     = []string{"original", "node", "deno", "bun", "workerd"}
	// extraScenarios run only when selected (-scenario / -only); they are
	// reported after the others.
	extraScenarios = []string{"soak", "compare"}
)

// bench is one run: its configuration, its report, the peers and the
// population of users that density, churn and neighbour share.
type bench struct {
	cfg *config
	rep *report
	pe  *peerEnv
	pop *population
}

// config is everything one run needs; it is filled from flags in main and
// not changed afterwards.
type config struct {
	Root  string // the repository root (holds go.mod)
	Peers string // bench/peers
	Work  string // this run's scratch folder
	Bin   string // the tarsus binary
	// compare: the git revision measured against, and the rounds.
	Baseline string
	Rounds   int
	Quick    bool

	Scenarios map[string]bool
	PeerSet   map[string]bool

	ServerCPU string // taskset CPU list for servers; "" = no pinning
	LoadCPU   string // taskset CPU list for wrk; "" = no pinning
	AllCPUs   string // taskset CPU list of every CPU, for unpinned servers; "" = no pinning

	Warmup         time.Duration
	WarmDur        time.Duration
	Conns          []int
	ColdTrials     int
	PeerColdTrials int
	DeployTrials   int
	PeerDepTrials  int

	DensityUsers  int
	DensityWarm   int
	OriginalUsers int // workers started to measure the original design's density

	ChurnUsers  int
	ChurnDur    time.Duration
	ChurnSample time.Duration
	ChurnIdle   time.Duration
	ChurnConns  int

	NeighbourUsers   int
	NeighbourDur     time.Duration
	NeighbourConns   int
	NeighbourTimeout time.Duration
	NeighbourLoad    int // connections of the other users' load

	SoakDur     time.Duration
	SoakUsers   int
	SoakIdle    time.Duration
	SoakConns   int
	SoakTimeout time.Duration
	SoakMemory  string // --memory-limit of the soak's server

	Out     string // RESULTS.md path; "" = none
	Keep    bool   // keep the scratch folder
	Profile string // folder for the servers' pprof profiles; "" = no profiling
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	var (
		quick     = flag.Bool("quick", false, "a short smoke run of every scenario (≈ 2 minutes)")
		only      = flag.String("only", strings.Join(allScenarios, ","), "scenarios to run: "+strings.Join(allScenarios, ",")+"; also "+strings.Join(extraScenarios, ",")+", which the default run leaves out")
		scenario  = flag.String("scenario", "", "same as -only (e.g. -scenario soak)")
		soakDur   = flag.Duration("soak", 0, "soak duration with the attackers (default 10m; 1m with -quick)")
		soakUsers = flag.Int("soak-users", 0, "soak: users under churn (default 1000; 200 with -quick)")
		peers     = flag.String("peers", strings.Join(allPeers, ","), "peers to measure ("+strings.Join(allPeers, ",")+"), or none")
		out       = flag.String("out", "", "results file (default bench/RESULTS.md; '-' for none)")
		bin       = flag.String("bin", "", "use this tarsus binary instead of building cmd/tarsus")
		keep      = flag.Bool("keep", false, "keep the scratch folder (data folders, logs, wrk scripts)")
		profile   = flag.String("profile", "", "record CPU and heap profiles of every Tarsus server into this folder (summaries go into the results)")
		noPin     = flag.Bool("no-pin", false, "do not pin the server and the load generator to separate cores")
		dur       = flag.Duration("dur", 0, "duration of one wrk measurement (default 10s; 3s with -quick)")
		trials    = flag.Int("trials", 0, "cold-start and deploy trials for Tarsus (default 200; 30 and 20 with -quick)")
		ptrials   = flag.Int("peer-trials", 0, "cold-start and deploy trials for each peer (default 50; 5 with -quick)")
		users     = flag.Int("users", 0, "density: users deployed (default 10000; 200 with -quick)")
		warm      = flag.Int("warm-users", 0, "density: users made warm at once (default 1000; 100 with -quick)")
		churnDur  = flag.Duration("churn", 0, "churn duration (default 5m; 20s with -quick)")
		baseline  = flag.String("baseline", "", "compare: the git revision this checkout is measured against (e.g. HEAD~3)")
		rounds    = flag.Int("rounds", 3, "compare: interleaved rounds per binary")
		churnUser = flag.Int("churn-users", 0, "churn: users the requests are spread over (default 1000; 200 with -quick)")
	)
	flag.Parse()

	root, err := findRoot()
	if err != nil {
		return err
	}
	cfg := &config{
		Root: root, Peers: filepath.Join(root, "bench", "peers"), Quick: *quick, Keep: *keep,
		Warmup: 3 * time.Second, WarmDur: 10 * time.Second, Conns: []int{32, 256},
		ColdTrials: 200, PeerColdTrials: 50, DeployTrials: 200, PeerDepTrials: 50,
		DensityUsers: 10000, DensityWarm: 1000, OriginalUsers: 20,
		ChurnUsers: 1000, ChurnDur: 5 * time.Minute, ChurnSample: 10 * time.Second, ChurnIdle: 200 * time.Millisecond, ChurnConns: 32,
		NeighbourUsers: 100, NeighbourDur: 20 * time.Second, NeighbourConns: 8, NeighbourTimeout: time.Second, NeighbourLoad: 32,
		SoakDur: 10 * time.Minute, SoakUsers: 1000, SoakIdle: 200 * time.Millisecond, SoakConns: 32, SoakTimeout: 2 * time.Second, SoakMemory: "512MiB",
	}
	if cfg.Quick {
		cfg.Warmup, cfg.WarmDur = time.Second, 3*time.Second
		cfg.ColdTrials, cfg.PeerColdTrials, cfg.DeployTrials, cfg.PeerDepTrials = 30, 5, 20, 5
		cfg.DensityUsers, cfg.DensityWarm, cfg.OriginalUsers = 200, 100, 4
		// 200 users at a few thousand req/s stay warm at 200 ms; a shorter
		// idle timeout makes the smoke run churn too.
		cfg.ChurnUsers, cfg.ChurnDur, cfg.ChurnSample, cfg.ChurnIdle = 200, 20*time.Second, 5*time.Second, 50*time.Millisecond
		cfg.NeighbourUsers, cfg.NeighbourDur = 50, 5*time.Second
		cfg.SoakDur, cfg.SoakUsers = time.Minute, 200
	}
	setIf(&cfg.WarmDur, *dur)
	setIf(&cfg.ColdTrials, *trials)
	setIf(&cfg.DeployTrials, *trials)
	setIf(&cfg.PeerColdTrials, *ptrials)
	setIf(&cfg.PeerDepTrials, *ptrials)
	setIf(&cfg.DensityUsers, *users)
	setIf(&cfg.DensityWarm, *warm)
	setIf(&cfg.ChurnDur, *churnDur)
	setIf(&cfg.ChurnUsers, *churnUser)
	setIf(&cfg.SoakDur, *soakDur)
	setIf(&cfg.SoakUsers, *soakUsers)
	if *scenario != "" {
		*only = *scenario
	}
	cfg.Baseline, cfg.Rounds = *baseline, max(*rounds, 1)
	if cfg.DensityWarm > cfg.DensityUsers {
		cfg.DensityWarm = cfg.DensityUsers
	}
	switch *out {
	case "":
		cfg.Out = filepath.Join(root, "bench", "RESULTS.md")
		if *only == "soak" {
			// A soak alone does not replace the full run's results.
			cfg.Out = filepath.Join(root, "bench", "SOAK.md")
		}
		if *only == "compare" {
			cfg.Out = filepath.Join(root, "bench", "COMPARE.md")
		}
	case "-":
	default:
		cfg.Out = *out
	}
	if cfg.Scenarios, err = parseSet(*only, append(slices.Clone(allScenarios), extraScenarios...)); err != nil {
		return fmt.Errorf("-only: %w", err)
	}
	if cfg.PeerSet, err = parseSet(*peers, allPeers); err != nil {
		return fmt.Errorf("-peers: %w", err)
	}

	if _, err := exec.LookPath("wrk"); err != nil && (cfg.Scenarios["warm"] || cfg.Scenarios["compare"] || cfg.Scenarios["churn"] || cfg.Scenarios["neighbour"] || cfg.Scenarios["soak"]) {
		return errors.New("wrk is not installed; install it with: apt-get install -y wrk")
	}
	if !*noPin {
		if _, err := exec.LookPath("taskset"); err == nil && onlineCPUs() >= 2 {
			cfg.ServerCPU, cfg.LoadCPU = "0", "1"
			cfg.AllCPUs = onlineList()
			if err := pinSelf(cfg.LoadCPU); err != nil {
				return err
			}
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	cfg.Work, err = os.MkdirTemp("", "tarsus-bench-")
	if err != nil {
		return err
	}
	if !cfg.Keep {
		defer os.RemoveAll(cfg.Work)
	} else {
		defer fmt.Fprintln(os.Stderr, "scratch folder kept:", cfg.Work)
	}

	if *profile != "" {
		if cfg.Profile, err = filepath.Abs(*profile); err != nil {
			return err
		}
		if err := ensureDir(cfg.Profile); err != nil {
			return err
		}
	}
	switch {
	case cfg.Profile != "":
		if *bin != "" {
			return errors.New("-profile builds its own binary; leave out -bin")
		}
		cfg.Bin = filepath.Join(cfg.Profile, "tarsus-profiled")
		logf("building cmd/tarsus with the profiling hook")
		if err := buildProfiled(ctx, cfg, cfg.Bin); err != nil {
			return fmt.Errorf("building the profiled server: %w", err)
		}
	case *bin != "":
		cfg.Bin = *bin
	default:
		cfg.Bin = filepath.Join(cfg.Work, "tarsus")
		logf("building cmd/tarsus")
		b := exec.CommandContext(ctx, "go", "build", "-o", cfg.Bin, "./cmd/tarsus")
		b.Dir, b.Stdout, b.Stderr = root, os.Stderr, os.Stderr
		if err := b.Run(); err != nil {
			return fmt.Errorf("building cmd/tarsus: %w", err)
		}
	}

	rep := newReport(cfg)
	rep.collectEnv(ctx)
	b := &bench{cfg: cfg, rep: rep, pe: newPeerEnv(ctx, cfg, rep)}
	start := time.Now()
	for _, s := range append(slices.Clone(allScenarios), extraScenarios...) {
		if !cfg.Scenarios[s] {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		logf("== scenario %s", s)
		t0 := time.Now()
		var err error
		switch s {
		case "cold":
			err = b.cold(ctx)
		case "warm":
			err = b.warm(ctx)
		case "deploy":
			err = b.deploy(ctx)
		case "density":
			err = b.density(ctx)
		case "churn":
			err = b.churn(ctx)
		case "neighbour":
			err = b.neighbour(ctx)
		case "soak":
			err = b.soak(ctx)
		case "compare":
			err = b.compare(ctx)
		}
		if err != nil {
			logf("scenario %s failed: %v", s, err)
			rep.failed(s, err)
		}
		rep.timing(s, time.Since(t0))
	}
	rep.total = time.Since(start)
	rep.print(os.Stdout)
	if cfg.Out != "" {
		if err := rep.write(cfg.Out); err != nil {
			return err
		}
		logf("wrote %s", cfg.Out)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return nil
}

// pinSelf re-executes the harness under taskset so that it and the load
// generators it starts stay off the server's core.
func pinSelf(cpu string) error {
	const marker = "TARSUS_BENCH_PINNED"
	if os.Getenv(marker) == cpu {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	ts, err := exec.LookPath("taskset")
	if err != nil {
		return err
	}
	args := append([]string{"taskset", "-c", cpu, exe}, os.Args[1:]...)
	return syscall.Exec(ts, args, append(os.Environ(), marker+"="+cpu))
}

// onlineCPUs counts the machine's CPUs; runtime.NumCPU counts only those in
// this process's affinity mask, which is one once the harness is pinned.
func onlineCPUs() int {
	b, err := os.ReadFile("/sys/devices/system/cpu/online")
	if err != nil {
		return runtime.NumCPU()
	}
	n := 0
	for _, r := range strings.Split(strings.TrimSpace(string(b)), ",") {
		lo, hi, found := strings.Cut(r, "-")
		a, err1 := strconv.Atoi(lo)
		z := a
		var err2 error
		if found {
			z, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil {
			return runtime.NumCPU()
		}
		n += z - a + 1
	}
	return n
}

// onlineList is the machine's online CPUs as a taskset list ("0-1").
func onlineList() string {
	if b, err := os.ReadFile("/sys/devices/system/cpu/online"); err == nil {
		return strings.TrimSpace(string(b))
	}
	return fmt.Sprintf("0-%d", onlineCPUs()-1)
}

func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.Contains(string(b), "module github.com/tarsus/tarsus\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run the harness inside the Tarsus repository (go run ./bench)")
		}
		dir = parent
	}
}

func parseSet(list string, known []string) (map[string]bool, error) {
	set := map[string]bool{}
	if list == "none" || list == "" {
		return set, nil
	}
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "all" {
			for _, k := range known {
				set[k] = true
			}
			continue
		}
		if !slices.Contains(known, s) {
			return nil, fmt.Errorf("unknown name %q (known: %s)", s, strings.Join(known, ", "))
		}
		set[s] = true
	}
	return set, nil
}

func setIf[T comparable](dst *T, v T) {
	var zero T
	if v != zero {
		*dst = v
	}
}

// logf prints progress to stderr with the time of day.
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

// tail returns the last n bytes of a file, for error messages.
func tail(path string, n int64) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > n {
		_, _ = f.Seek(st.Size()-n, io.SeekStart)
	}
	b, _ := io.ReadAll(f)
	return strings.TrimSpace(string(b))
}
