package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// population is a data folder with users u00000… each with the seed's ping
// function (answering its own name, so no two bundles are the same), and a
// "spinner" user whose function spins until its deadline.
type population struct {
	data    string
	users   int
	spinner bool
	// How long building it took, for the density report.
	createTook, deployTook time.Duration
	setupRSS               mem
	bundleBytes            int
}

// idleVerdict judges the idle cost of deployed users; under 1,000 users a
// difference of RSS between two processes is mostly noise.
func idleVerdict(extraKiB int64, users int) string {
	if users < 1000 {
		return "not judged: too few users to tell from the noise between two processes"
	}
	return verdict(extraKiB <= int64(users))
}

// liveMB is the live heap of a gctrace summary "A->B->C MB".
func liveMB(gc string) float64 {
	f := strings.Split(strings.TrimSuffix(gc, " MB"), "->")
	if len(f) != 3 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[2], 64)
	return v
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func userName(i int) string { return fmt.Sprintf("u%05d", i) }

// setupWorkers is the client concurrency while populating: creating a user
// hashes its password with bcrypt, which is CPU-bound on the server.
const setupWorkers = 4

// ensurePopulation makes sure the run's population has at least n users
// (and the spinner, if asked). The server that builds it is not pinned, so
// both cores hash passwords; the measuring servers are started afresh.
func (b *bench) ensurePopulation(ctx context.Context, n int, spinner bool) (*population, error) {
	if b.pop == nil {
		b.pop = &population{data: filepath.Join(b.cfg.Work, "data-population")}
	}
	pop := b.pop
	if pop.users >= n && (pop.spinner || !spinner) {
		return pop, nil
	}
	b.rep.command("tarsus serve --addr 127.0.0.1:<port> --data <population dir> --admin-token <token> --log-level warn   # populating, not pinned")
	s, err := b.startServer(ctx, "populate", pop.data, false, nil)
	if err != nil {
		return nil, err
	}
	defer s.stop()
	seed, err := seedPing(b.cfg)
	if err != nil {
		return nil, err
	}
	from := pop.users
	if from < n {
		logf("population: creating users %s…%s", userName(from), userName(n-1))
		t0 := time.Now()
		var done atomic.Int64
		stopProgress := progress(ctx, "population: users created", &done, n-from)
		err = pool(ctx, n-from, setupWorkers, func(ctx context.Context, i int) error {
			defer done.Add(1)
			return s.createUser(ctx, userName(from+i))
		})
		stopProgress()
		if err != nil {
			return nil, fmt.Errorf("creating users: %w", err)
		}
		pop.createTook += time.Since(t0)
		logf("population: deploying %d functions", n-from)
		t0 = time.Now()
		done.Store(0)
		var bundle atomic.Int64
		stopProgress = progress(ctx, "population: functions deployed", &done, n-from)
		err = pool(ctx, n-from, setupWorkers, func(ctx context.Context, i int) error {
			defer done.Add(1)
			u := userName(from + i)
			res, err := s.putFunction(ctx, u, "ping.ts", pingWith(seed, u))
			bundle.Store(int64(res.Sizes.Bundle))
			return err
		})
		stopProgress()
		if err != nil {
			return nil, fmt.Errorf("deploying functions: %w", err)
		}
		pop.deployTook += time.Since(t0)
		pop.bundleBytes = int(bundle.Load())
		pop.users = n
	}
	if spinner && !pop.spinner {
		if err := s.createUser(ctx, "spinner"); err != nil {
			return nil, err
		}
		if _, err := s.putFunction(ctx, "spinner", "spin.ts", []byte(spinSource)); err != nil {
			return nil, err
		}
		pop.spinner = true
	}
	pop.setupRSS, _ = s.mem()
	return pop, nil
}

// progress logs done/total every 15 s until the returned stop is called.
func progress(ctx context.Context, what string, done *atomic.Int64, total int) func() {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		tick := time.NewTicker(15 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				logf("%s: %d/%d", what, done.Load(), total)
			}
		}
	}()
	return cancel
}

func (b *bench) density(ctx context.Context) error {
	cfg, rep := b.cfg, b.rep
	sec := rep.section("density", "4. Density",
		fmt.Sprintf("%d users are created and each gets one function (the seed's ping answering the user's name, so no two bundles are alike) through the API: `POST /api/v1/users`, then `PUT /api/v1/functions/ping.ts?user=` with the admin token, %d requests in flight, the server not pinned while populating. "+
			"Then a fresh pinned server (`--idle-timeout 30m`, so nothing goes cold) opens that data folder; %d of the users are called once, %d calls in flight, and once more to check they stayed warm. RSS is VmRSS of the server process (/proc/<pid>/status). "+
			"The original design cannot be run for 1,000 users on this machine (one Node process each): %d workers are started, each called once, and the cost per user is extrapolated.",
			cfg.DensityUsers, setupWorkers, cfg.DensityWarm, 16, cfg.OriginalUsers))
	empty, err := b.freshServer(ctx, "empty")
	if err != nil {
		return err
	}
	emptyMem, err := empty.mem()
	empty.stop()
	if err != nil {
		return err
	}
	pop, err := b.ensurePopulation(ctx, cfg.DensityUsers, false)
	if err != nil {
		return err
	}
	t := &table{Title: "Tarsus", Header: []string{"measure", "value"}}
	t.add("users created", fmt.Sprintf("%d in %s (%s each, %d in flight; bcrypt password hashing dominates)", pop.users, pop.createTook.Round(time.Millisecond), ms(pop.createTook/time.Duration(max(pop.users, 1))), setupWorkers))
	t.add("functions deployed", fmt.Sprintf("%d in %s (%s each, %d in flight)", pop.users, pop.deployTook.Round(time.Millisecond), ms(pop.deployTook/time.Duration(max(pop.users, 1))), setupWorkers))
	t.add("data folder on disk", mib(dirSize(pop.data)/1024)+fmt.Sprintf(" (bundle %d bytes per function)", pop.bundleBytes))
	t.add("RSS of the populating server at the end", mib(pop.setupRSS.RSS))
	t.add("RSS of a fresh server, empty data folder", mib(emptyMem.RSS))

	b.rep.command(b.serverCommand("--idle-timeout 30m") + "   # on the population's data folder")
	s, err := b.startServer(ctx, "density", pop.data, true, []string{"GODEBUG=gctrace=1"}, "--idle-timeout", "30m")
	if err != nil {
		return err
	}
	defer s.stop()
	idle, err := s.mem()
	if err != nil {
		return err
	}
	mc := newClient(1)
	defer mc.CloseIdleConnections()
	idleM, _ := metricsSample(ctx, mc, s.base)
	idleGC, _ := lastGC(s.p.log)
	t.add(fmt.Sprintf("RSS, fresh server, %d users deployed, none warm", pop.users), mib(idle.RSS)+fmt.Sprintf(" (Go heap in use %.1f MiB, %.0f goroutines)", idleM.HeapInuse/(1<<20), idleM.Goroutines))
	logf("density: warming %d users", cfg.DensityWarm)
	c := newClient(16)
	defer c.CloseIdleConnections()
	var notCold, stayedCold atomic.Int64
	t0 := time.Now()
	err = pool(ctx, cfg.DensityWarm, 16, func(ctx context.Context, i int) error {
		u := userName(i)
		a, err := invoke(ctx, c, s.base+"/"+u+"/ping", []byte(pingBody))
		if err != nil {
			return err
		}
		if a.Status != 200 || !strings.Contains(string(a.Body), u) {
			return fmt.Errorf("%s answered %d %s", u, a.Status, tailString(string(a.Body), 200))
		}
		if !a.Cold {
			notCold.Add(1)
		}
		return nil
	})
	if err != nil {
		return err
	}
	warmTook := time.Since(t0)
	warm1, err := s.mem()
	if err != nil {
		return err
	}
	err = pool(ctx, cfg.DensityWarm, 16, func(ctx context.Context, i int) error {
		a, err := invoke(ctx, c, s.base+"/"+userName(i)+"/ping", []byte(pingBody))
		if err != nil {
			return err
		}
		if a.Cold {
			stayedCold.Add(1)
		}
		return nil
	})
	if err != nil {
		return err
	}
	warm2, err := s.mem()
	if err != nil {
		return err
	}
	warmKiB := max(warm1.RSS, warm2.RSS)
	perUser := float64(warmKiB-idle.RSS) / float64(cfg.DensityWarm)
	t.add(fmt.Sprintf("first call of %d users (all cold)", cfg.DensityWarm), fmt.Sprintf("%s in all, %d in flight", warmTook.Round(time.Millisecond), 16))
	t.add(fmt.Sprintf("RSS with %d users warm", cfg.DensityWarm), mib(warm1.RSS)+" after the first calls, "+mib(warm2.RSS)+" after the second")
	t.add("memory per warm user", fmt.Sprintf("%.0f KiB ((RSS warm − RSS idle) ÷ %d)", perUser, cfg.DensityWarm))
	warmM, _ := metricsSample(ctx, mc, s.base)
	heapPer := (warmM.HeapInuse - idleM.HeapInuse) / 1024 / float64(cfg.DensityWarm)
	t.add(fmt.Sprintf("Go heap in use with %d users warm", cfg.DensityWarm), fmt.Sprintf("%.1f MiB (%.0f KiB per warm user over idle); %.0f goroutines; %.0f warm runtimes (gauge)", warmM.HeapInuse/(1<<20), heapPer, warmM.Goroutines, warmM.Warm))
	livePer := 0.0
	if gc, ok := lastGC(s.p.log); ok {
		t.add("the server's last GC (GODEBUG=gctrace=1: heap at start → at end → live)", fmt.Sprintf("%s with %d warm; %s before any call", gc, cfg.DensityWarm, orNone(idleGC)))
		if lw, li := liveMB(gc), liveMB(idleGC); lw > 0 && li > 0 {
			livePer = (lw - li) * 1024 / float64(cfg.DensityWarm)
			t.add("live heap per warm user (from the two GC lines)", fmt.Sprintf("%.0f KiB", livePer))
		}
	}
	t.add(fmt.Sprintf("RSS of %d idle deployed users over an empty server", pop.users), mib(idle.RSS-emptyMem.RSS))
	if notCold.Load() > 0 || stayedCold.Load() > 0 {
		t.add("anomalies", fmt.Sprintf("%d first calls were not cold; %d second calls were cold again", notCold.Load(), stayedCold.Load()))
		rep.finding("density: %d first calls were not cold and %d second calls were cold again (expected 0 and 0 with --idle-timeout 30m)", notCold.Load(), stayedCold.Load())
	}
	sec.Tables = append(sec.Tables, t)

	var orig *table
	var origPerUser float64
	if b.pe.usable(ctx, "original") {
		logf("density: original design, %d workers", cfg.OriginalUsers)
		orig, origPerUser, err = b.originalDensity(ctx)
		if err != nil {
			rep.peerStatus("original", "could not run (density): "+err.Error())
			sec.Notes = append(sec.Notes, "original design: could not run: "+err.Error())
		} else {
			rep.peerStatus("original", "ran")
			sec.Tables = append(sec.Tables, orig)
		}
	}
	tg := &table{Title: "Targets", Header: []string{"target", "measured", "verdict"}}
	projected := float64(idle.RSS) + perUser*1000
	tg.add("1,000 warm users in ≤ 256 MiB RSS", fmt.Sprintf("%s for %d warm (projected %s for 1,000)", mib(warmKiB), cfg.DensityWarm, mib(int64(projected))), verdict(projected <= 256*1024))
	if projected > 256*1024 {
		live := ""
		if livePer > 0 {
			live = fmt.Sprintf(", of which about %.0f KiB is live heap after a GC (the rest is GC headroom at GOGC=100 and runtime overhead)", livePer)
		}
		rep.finding("density: a warm user costs %.0f KiB of RSS (Go heap in use +%.0f KiB per user%s), so 1,000 warm users would take about %s, over the 256 MiB target; each warm user holds one goja runtime with the prelude and globals installed (engine/prelude.js is 30 KB of source run in every runtime); `-profile` gives the in-use heap by allocation site",
			perUser, heapPer, live, mib(int64(projected)))
	}
	extra := idle.RSS - emptyMem.RSS
	tg.add(fmt.Sprintf("%d deployed idle users cost nothing beyond stored bytes (≤ 1 KiB RSS each over an empty server)", pop.users),
		fmt.Sprintf("%s more RSS than an empty server (%.2f KiB per user)", mib(extra), float64(extra)/float64(pop.users)), idleVerdict(extra, pop.users))
	if origPerUser > 0 {
		tg.add("memory per warm user against the original design", fmt.Sprintf("%.0f KiB vs %s", perUser, mib(int64(origPerUser))), ratio(origPerUser, perUser)+" less")
	}
	sec.Tables = append(sec.Tables, tg)
	return nil
}

// originalDensity starts the original design with cfg.OriginalUsers users,
// calls each worker once, and sums the processes' memory.
func (b *bench) originalDensity(ctx context.Context) (*table, float64, error) {
	pe, cfg := b.pe, b.cfg
	if err := pe.setup(ctx); err != nil {
		return nil, 0, err
	}
	routes := filepath.Join(cfg.Work, "original-density")
	route, err := os.ReadFile(filepath.Join(pe.origin, "u0", "ping.mjs"))
	if err != nil {
		return nil, 0, err
	}
	for i := 0; i < cfg.OriginalUsers; i++ {
		d := filepath.Join(routes, userName(i))
		if err := ensureDir(d); err != nil {
			return nil, 0, err
		}
		if err := os.WriteFile(filepath.Join(d, "ping.mjs"), route, 0o644); err != nil {
			return nil, 0, err
		}
	}
	pp, err := pe.startPeer("original", routes)
	if err != nil {
		return nil, 0, err
	}
	defer pp.stop(5 * time.Second)
	c := newClient(4)
	defer c.CloseIdleConnections()
	var ws map[string]workerInfo
	err = waitFor(ctx, pp.proc, 120*time.Second, func() error {
		ws, err = originalWorkers(ctx, c, pp.control)
		if err != nil {
			return err
		}
		ready := 0
		for _, w := range ws {
			if w.Ready {
				ready++
			}
		}
		if ready < cfg.OriginalUsers {
			return fmt.Errorf("%d of %d workers ready", ready, cfg.OriginalUsers)
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	for u, w := range ws {
		if err := waitAnswer(ctx, pp.proc, c, fmt.Sprintf("http://127.0.0.1:%d/ping", w.Port), expectedPing, 30*time.Second); err != nil {
			return nil, 0, fmt.Errorf("worker %s: %w", u, err)
		}
	}
	primary, err := readMem(pp.pid())
	if err != nil {
		return nil, 0, err
	}
	var workers mem
	for _, w := range ws {
		m, err := readMem(w.Pid)
		if err != nil {
			return nil, 0, err
		}
		workers.RSS += m.RSS
		workers.PSS += m.PSS
	}
	n := int64(cfg.OriginalUsers)
	perRSS, perPSS := workers.RSS/n, workers.PSS/n
	t := &table{Title: "The original design (Fastify 5 under cluster, one worker per user)", Header: []string{"measure", "value"}}
	t.add("workers started and called once", strconv.Itoa(cfg.OriginalUsers))
	t.add("RSS of the primary", mib(primary.RSS))
	t.add("RSS per worker (mean)", mib(perRSS)+fmt.Sprintf(" (PSS %s: shared pages split among processes)", mib(perPSS)))
	t.add("RSS for one user (primary + one worker)", mib(primary.RSS+perRSS))
	t.add("projected for 1,000 warm users (primary + 1,000 workers)", fmt.Sprintf("%.1f GiB RSS (%.1f GiB PSS)", float64(primary.RSS+1000*perRSS)/(1<<20), float64(primary.PSS+1000*perPSS)/(1<<20)))
	return t, float64(perPSS), nil
}

// serverMetrics is what the harness reads from the server's /metrics.
type serverMetrics struct {
	Warm       float64 // tarsus_warm_runtimes
	Cold       float64 // tarsus_cold_starts_total, summed over users
	HeapAlloc  float64 // go_memstats_heap_alloc_bytes
	HeapInuse  float64 // go_memstats_heap_inuse_bytes
	Sys        float64 // go_memstats_sys_bytes
	Goroutines float64 // go_goroutines
}

// metricsSample reads the server's /metrics.
func metricsSample(ctx context.Context, c *http.Client, base string) (serverMetrics, error) {
	var m serverMetrics
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/metrics", nil)
	if err != nil {
		return m, err
	}
	req.Header.Set("Authorization", "Bearer "+adminToken) // /metrics needs a token
	resp, err := c.Do(req)
	if err != nil {
		return m, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		name := line
		if i := strings.IndexAny(line, "{ "); i >= 0 {
			name = line[:i]
		}
		f := strings.Fields(line)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			continue
		}
		switch name {
		case "tarsus_warm_runtimes":
			m.Warm += v
		case "tarsus_cold_starts_total":
			m.Cold += v
		case "go_memstats_heap_alloc_bytes":
			m.HeapAlloc = v
		case "go_memstats_heap_inuse_bytes":
			m.HeapInuse = v
		case "go_memstats_sys_bytes":
			m.Sys = v
		case "go_goroutines":
			m.Goroutines = v
		}
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return m, sc.Err()
}

// lastGC is the newest GODEBUG=gctrace=1 line of a server's log: the heap
// at the start of that GC, at its end, and what it found live (MB).
func lastGC(logPath string) (string, bool) {
	text := tail(logPath, 64<<10)
	lines := strings.Split(text, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if !strings.HasPrefix(l, "gc ") {
			continue
		}
		for _, part := range strings.Split(l, ",") {
			part = strings.TrimSpace(part)
			if strings.Contains(part, "->") && strings.HasSuffix(part, " MB") {
				return part, true
			}
		}
	}
	return "", false
}

func userPaths(n int, route string) []string {
	p := make([]string, n)
	for i := range p {
		p[i] = "/" + userName(i) + "/" + route
	}
	return p
}

func (b *bench) churn(ctx context.Context) error {
	cfg, rep := b.cfg, b.rep
	sec := rep.section("churn", "5. Churn",
		fmt.Sprintf("`wrk -t1 -c%d -d%s` spreads the ping requests at random over %d users (a Lua `request()` picks the path) on a pinned server started with `--idle-timeout %s`, so runtimes and pools are created and dropped all the time. "+
			"VmRSS, the warm-runtime gauge and the cold-start counter (/metrics) are sampled every %s, and so is the live heap: the server runs with `--debug-addr`, and the harness reads `/debug/pprof/heap?gc=1&debug=1`, which runs a full GC first and reports HeapAlloc (what is still reachable, so a leak shows there while RSS also swings with GC timing). Every user is called once, then the same churn runs for a fifth of the duration as a ramp (the bounded per-user state, such as the last invocation records and the duration window, fills there); after the ramp and after the measured run, once the idle timeout has dropped every runtime, the live heap is read again: what grew between the two is what the churn left behind.",
			cfg.ChurnConns, secs(cfg.ChurnDur), cfg.ChurnUsers, cfg.ChurnIdle, cfg.ChurnSample))
	pop, err := b.ensurePopulation(ctx, cfg.ChurnUsers, false)
	if err != nil {
		return err
	}
	dport, err := freePort()
	if err != nil {
		return err
	}
	debugBase := fmt.Sprintf("http://127.0.0.1:%d", dport)
	flags := []string{"--idle-timeout", cfg.ChurnIdle.String()}
	b.rep.command(b.serverCommand(append(flags, "--debug-addr", "127.0.0.1:<port>")...) + "   # on the population's data folder")
	s, err := b.startServer(ctx, "churn", pop.data, true, nil, append(flags, "--debug-addr", fmt.Sprintf("127.0.0.1:%d", dport))...)
	if err != nil {
		return err
	}
	defer s.stop()
	l := load{Base: s.base, Paths: userPaths(cfg.ChurnUsers, "ping"), Conns: cfg.ChurnConns, Dur: cfg.ChurnDur}
	rep.command(wrkCommand(cfg, load{Base: "http://127.0.0.1:<port>", Paths: l.Paths, Conns: l.Conns, Dur: l.Dur}) + "   # bench.lua picks a random user per request")
	type sample struct {
		at         time.Duration
		rss        int64
		warm, cold float64
		heapMiB    float64
		liveMiB    float64 // HeapAlloc right after a forced GC; -1 if unread
		goroutines float64
	}
	var samples []sample
	mc := newClient(1)
	defer mc.CloseIdleConnections()
	take := func(at time.Duration) {
		m, err := s.mem()
		if err != nil {
			return
		}
		sm, _ := metricsSample(ctx, mc, s.base)
		live := -1.0
		if n, err := liveHeap(ctx, mc, debugBase); err == nil {
			live = float64(n) / (1 << 20)
		}
		samples = append(samples, sample{at, m.RSS, sm.Warm, sm.Cold, sm.HeapInuse / (1 << 20), live, sm.Goroutines})
	}
	// settled waits (up to 10 s) until the idle timeout has dropped every
	// runtime and returns the live heap then: compiled routes, users,
	// stats and log rings, no runtimes.
	settled := func(name string) (float64, bool) {
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if sm, err := metricsSample(ctx, mc, s.base); err == nil && sm.Warm == 0 {
				break
			}
			select {
			case <-time.After(50 * time.Millisecond):
			case <-ctx.Done():
				return 0, false
			}
		}
		if cfg.Profile != "" {
			// The heap by allocation site, for `go tool pprof -base`.
			if err := saveHeapProfile(ctx, mc, debugBase, filepath.Join(cfg.Profile, "churn-"+name+".heap.pprof")); err != nil {
				logf("churn: heap profile: %v", err)
			}
		}
		n, err := liveHeap(ctx, mc, debugBase)
		return float64(n) / (1 << 20), err == nil
	}
	// Every user called once first, so that the baseline holds every
	// user's compiled route.
	pc := newClient(16)
	if err := pool(ctx, cfg.ChurnUsers, 16, func(ctx context.Context, i int) error {
		_, err := invoke(ctx, pc, s.base+"/"+userName(i)+"/ping", []byte(pingBody))
		return err
	}); err != nil {
		return err
	}
	pc.CloseIdleConnections()
	// A ramp of the same churn for a fifth of the run first: the bounded
	// per-user state (the last invocation records, the duration window)
	// fills there, so that what grows after it is what churn leaves behind.
	ramp := l
	ramp.Dur = cfg.ChurnDur / 5
	logf("churn: ramp of %s", secs(ramp.Dur))
	if _, err := runWrk(ctx, cfg, ramp); err != nil {
		return err
	}
	baseLive, baseOK := settled("before")
	logf("churn: %s over %d users", secs(cfg.ChurnDur), cfg.ChurnUsers)
	type result struct {
		r   wrkResult
		err error
	}
	done := make(chan result, 1)
	t0 := time.Now()
	take(0)
	go func() {
		r, err := runWrk(ctx, cfg, l)
		done <- result{r, err}
	}()
	tick := time.NewTicker(cfg.ChurnSample)
	defer tick.Stop()
	var res result
wait:
	for {
		select {
		case res = <-done:
			break wait
		case <-tick.C:
			take(time.Since(t0))
		}
	}
	take(time.Since(t0))
	if res.err != nil {
		return res.err
	}
	afterLive, afterOK := settled("after")
	if baseOK && afterOK {
		sec.Notes = append(sec.Notes, fmt.Sprintf("Live heap once every runtime was dropped (all users' routes loaded): %.1f MiB after the ramp, %.1f MiB after the measured run.", baseLive, afterLive))
	}
	r := res.r
	st := &table{Header: []string{"users", "req/s", "p50", "p99", "max", "errors", "cold starts", "cold starts/s"}}
	var coldDelta float64
	if len(samples) > 1 {
		coldDelta = samples[len(samples)-1].cold - samples[0].cold
	}
	st.add(strconv.Itoa(cfg.ChurnUsers), rps(r.rps()), usMs(r.P50), usMs(r.P99), usMs(r.Max), strconv.FormatInt(r.errors(), 10),
		fmt.Sprintf("%.0f", coldDelta), fmt.Sprintf("%.0f", coldDelta/(float64(r.DurationUS)/1e6)))
	sec.Tables = append(sec.Tables, st)
	if r.Requests > 0 {
		sec.Notes = append(sec.Notes, fmt.Sprintf("%.0f%% of the requests were cold starts.", 100*coldDelta/float64(r.Requests)))
	}
	mt := &table{Title: "Samples", Header: []string{"t", "RSS", "Go heap in use", "live heap after a GC", "goroutines", "warm runtimes", "cold starts so far"}}
	for _, sm := range samples {
		live := "?"
		if sm.liveMiB >= 0 {
			live = fmt.Sprintf("%.1f MiB", sm.liveMiB)
		}
		mt.add(sm.at.Round(time.Second).String(), mib(sm.rss), fmt.Sprintf("%.1f MiB", sm.heapMiB), live, fmt.Sprintf("%.0f", sm.goroutines), fmt.Sprintf("%.0f", sm.warm), fmt.Sprintf("%.0f", sm.cold-samples[0].cold))
	}
	sec.Tables = append(sec.Tables, mt)
	// Growth: from the first sample past the ramp-up (the first fifth of
	// the run, while pools fill) to the last, and the slope of a
	// least-squares line through those samples.
	var under []sample
	for _, sm := range samples {
		if sm.at >= cfg.ChurnDur/5 {
			under = append(under, sm)
		}
	}
	if len(under) >= 2 {
		first, last := under[0].rss, under[len(under)-1].rss
		var peak int64
		for _, sm := range under {
			peak = max(peak, sm.rss)
		}
		slope := slopeMiBPerMin(func(i int) (float64, float64) {
			return under[i].at.Minutes(), float64(under[i].rss) / 1024
		}, len(under))
		growth := float64(last-first) / float64(first)
		sec.Notes = append(sec.Notes, fmt.Sprintf("RSS past the ramp-up (from %s on): first sample %s, last %s (%+.1f%%), peak %s, trend %+.2f MiB/min.", (cfg.ChurnDur/5).Round(time.Second), mib(first), mib(last), growth*100, mib(peak), slope))
		judge := cfg.ChurnDur >= 2*time.Minute
		v := verdict(growth <= 0.10)
		if !judge {
			v = "not judged: the run is too short (under 2 minutes)"
		}
		tg := &table{Title: "Targets", Header: []string{"target", "measured", "verdict"}}
		tg.add("no growth of memory (past the ramp-up, the last RSS sample within 10% of the first)", fmt.Sprintf("%+.1f%%, %+.2f MiB/min", growth*100, slope), v)
		if baseOK && afterOK {
			rg := (afterLive - baseLive) / baseLive
			rv := verdict(rg <= 0.10)
			if !judge {
				rv = "not judged: the run is too short (under 2 minutes)"
			}
			tg.add("no growth of retained memory (live heap after a GC, once every runtime was dropped: after the ramp vs after the measured run, within 10%)",
				fmt.Sprintf("%.1f → %.1f MiB (%+.1f%%)", baseLive, afterLive, rg*100), rv)
		}
		sec.Tables = append(sec.Tables, tg)
		if judge && growth > 0.10 {
			rep.finding("churn: RSS grew %+.1f%% (%s → %s, %+.2f MiB/min) over %s of churn over %d users", growth*100, mib(first), mib(last), slope, secs(cfg.ChurnDur), cfg.ChurnUsers)
		}
	}
	if r.errors() > 0 {
		rep.finding("churn: %d errors in %d requests (status ≥ 400: %d, timeouts: %d)", r.errors(), r.Requests, r.Status, r.Timeout)
	}
	return nil
}

// saveHeapProfile writes the server's heap profile (after a GC) to file.
func saveHeapProfile(ctx context.Context, c *http.Client, debugBase, file string) error {
	b, err := getDebug(ctx, c, debugBase+"/debug/pprof/heap?gc=1")
	if err != nil {
		return err
	}
	return os.WriteFile(file, b, 0o644)
}

// liveHeap forces a GC in the server (through its pprof handler) and
// returns HeapAlloc, the bytes still reachable.
func liveHeap(ctx context.Context, c *http.Client, debugBase string) (int64, error) {
	b, err := getDebug(ctx, c, debugBase+"/debug/pprof/heap?gc=1&debug=1")
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "# HeapAlloc = "); ok {
			return strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	return 0, fmt.Errorf("no HeapAlloc in the heap profile")
}

// getDebug reads one page of the server's pprof address.
func getDebug(ctx context.Context, c *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func slopeMiBPerMin(at func(int) (float64, float64), n int) float64 {
	var sx, sy, sxx, sxy float64
	for i := 0; i < n; i++ {
		x, y := at(i)
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	den := float64(n)*sxx - sx*sx
	if den == 0 || math.IsNaN(den) {
		return 0
	}
	return (float64(n)*sxy - sx*sy) / den
}

func (b *bench) neighbour(ctx context.Context) error {
	cfg, rep := b.cfg, b.rep
	sec := rep.section("neighbour", "6. Bad neighbour",
		fmt.Sprintf("A pinned server with `--timeout %s`. Other users: `wrk -t1 -c%d -d%s` at random over %d users' ping. "+
			"The neighbour: a second wrk on the same core as the first, with 1 and then %d connections, calling the \"spinner\" user's function (`while (true) {}`), so every one of its calls spins until the deadline and is answered 504 (or waits for one of the user's runtimes first); it starts 2 s before the others' measurement and ends after it. "+
			"All conditions run on the same server, the baseline first.",
			cfg.NeighbourTimeout, cfg.NeighbourLoad, secs(cfg.NeighbourDur), cfg.NeighbourUsers, cfg.NeighbourConns))
	pop, err := b.ensurePopulation(ctx, cfg.NeighbourUsers, true)
	if err != nil {
		return err
	}
	flags := []string{"--timeout", cfg.NeighbourTimeout.String()}
	b.rep.command(b.serverCommand(flags...) + "   # on the population's data folder")
	s, err := b.startServer(ctx, "neighbour", pop.data, true, nil, flags...)
	if err != nil {
		return err
	}
	defer s.stop()
	others := load{Base: s.base, Paths: userPaths(cfg.NeighbourUsers, "ping"), Conns: cfg.NeighbourLoad, Dur: cfg.NeighbourDur}
	spin := load{Base: s.base, Paths: []string{"/spinner/spin"}, Conns: cfg.NeighbourConns, Dur: cfg.NeighbourDur + 4*time.Second, Timeout: cfg.NeighbourTimeout + 5*time.Second}
	rep.command(wrkCommand(cfg, load{Base: "http://127.0.0.1:<port>", Paths: others.Paths, Conns: others.Conns, Dur: others.Dur}) + "   # the other users")
	rep.command(wrkCommand(cfg, load{Base: "http://127.0.0.1:<port>", Paths: spin.Paths, Conns: spin.Conns, Dur: spin.Dur, Timeout: spin.Timeout}) + "   # the neighbour (also with -c1)")
	logf("neighbour: warm-up and baseline")
	if _, err := runWrk(ctx, cfg, load{Base: s.base, Paths: others.Paths, Conns: others.Conns, Dur: cfg.Warmup}); err != nil {
		return err
	}
	base, err := runWrk(ctx, cfg, others)
	if err != nil {
		return err
	}
	t := &table{Header: []string{"condition", "others' req/s", "p50", "p90", "p99", "max", "errors", "neighbour's calls (answers ≥ 400), p50"}}
	t.add("without the neighbour", rps(base.rps()), usMs(base.P50), usMs(base.P90), usMs(base.P99), usMs(base.Max), strconv.FormatInt(base.errors(), 10), "")
	type result struct {
		r   wrkResult
		err error
	}
	var worst wrkResult
	// One connection first (one spinning runtime), then enough connections
	// to fill the neighbour's share of runtimes (--max-runtimes, 4 by default).
	for _, conns := range []int{1, cfg.NeighbourConns} {
		logf("neighbour: with the spinner on %d connection(s)", conns)
		sl := spin
		sl.Conns = conns
		spun := make(chan result, 1)
		go func() {
			r, err := runWrk(ctx, cfg, sl)
			spun <- result{r, err}
		}()
		select {
		case <-time.After(2 * time.Second):
		case <-ctx.Done():
			return ctx.Err()
		}
		with, err := runWrk(ctx, cfg, others)
		sr := <-spun
		if err != nil {
			return err
		}
		if sr.err != nil {
			return fmt.Errorf("the neighbour's wrk: %w", sr.err)
		}
		t.add(fmt.Sprintf("with the neighbour on %d connection(s)", conns), rps(with.rps()), usMs(with.P50), usMs(with.P90), usMs(with.P99), usMs(with.Max), strconv.FormatInt(with.errors(), 10),
			fmt.Sprintf("%d (%d), %s", sr.r.Requests, sr.r.Status, usMs(sr.r.P50)))
		if with.P99 >= 2*base.P99 {
			rep.finding("neighbour: other users' p99 went from %s to %s (%s) and their throughput from %s to %s req/s while one user's function spun to its %s deadline on %d connection(s) (its calls answered after %s at p50)",
				usMs(base.P99), usMs(with.P99), ratio(with.P99, base.P99), rps(base.rps()), rps(with.rps()), cfg.NeighbourTimeout, conns, usMs(sr.r.P50))
		}
		worst = with
	}
	sec.Tables = append(sec.Tables, t)
	tg := &table{Title: "Targets", Header: []string{"target", "measured", "verdict"}}
	tg.add(fmt.Sprintf("a bad neighbour raises other users' p99 by less than 2× (neighbour on %d connections)", cfg.NeighbourConns), ratio(worst.P99, base.P99), verdict(worst.P99 < 2*base.P99))
	sec.Tables = append(sec.Tables, tg)
	return nil
}
