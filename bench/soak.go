package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The soak: a population of users under churn (a short idle timeout, so
// runtimes are made and dropped all the time) for a long run while a few
// attackers do their worst, with the server's RSS and goroutines sampled
// throughout and the victims' latency measured against a baseline taken
// before the attackers start. It is not part of the default run: select it
// with -scenario soak (or -only soak); -soak sets the duration.

// Attacker functions, deployed for the user "attacker".
const (
	// allocSource keeps allocating until the deadline or the memory
	// watchdog stops it.
	allocSource = `export default [{}, async () => { const keep = []; for (;;) keep.push(new Array(1 << 16).fill(7)); }];
`
	soakAttacker = "attacker"
)

// attack is one attacker's tally.
type attack struct {
	name, what string

	mu      sync.Mutex
	n       int
	status  map[string]int // "200", "503 TARSUS_MEMORY"
	errs    int
	lastErr string
	lat     []time.Duration
	extra   map[string]int64 // attacker-specific counters
}

func newAttack(name, what string) *attack {
	return &attack{name: name, what: what, status: map[string]int{}, extra: map[string]int64{}}
}

func (a *attack) record(status int, err error, d time.Duration) {
	a.recordCode(status, "", err, d)
}

// recordCode records an answer with its machine-readable code, if any.
func (a *attack) recordCode(status int, code string, err error, d time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.n++
	if err != nil {
		a.errs++
		a.lastErr = err.Error()
		return
	}
	key := strconv.Itoa(status)
	if code != "" {
		key += " " + code
	}
	a.status[key]++
	if len(a.lat) < 100000 {
		a.lat = append(a.lat, d)
	}
}

func (a *attack) count(key string, n int64) {
	a.mu.Lock()
	a.extra[key] += n
	a.mu.Unlock()
}

// answers is "504 ×12, 401 ×3, errors ×1".
func (a *attack) answers() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	codes := make([]string, 0, len(a.status))
	for c := range a.status {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var parts []string
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%s ×%d", c, a.status[c]))
	}
	if a.errs > 0 {
		parts = append(parts, fmt.Sprintf("no answer ×%d (%s)", a.errs, tailString(a.lastErr, 80)))
	}
	keys := make([]string, 0, len(a.extra))
	for k := range a.extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %d", k, a.extra[k]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func (a *attack) p50() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.lat) == 0 {
		return "—"
	}
	return ms(dist(slices.Clone(a.lat)).pct(50))
}

// loop runs f until ctx ends, waiting pause between rounds.
func loop(ctx context.Context, wg *sync.WaitGroup, pause time.Duration, f func(ctx context.Context)) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			f(ctx)
			if pause > 0 {
				select {
				case <-time.After(pause):
				case <-ctx.Done():
				}
			}
		}
	}()
}

// post sends one request and records its answer.
func (a *attack) post(ctx context.Context, c *http.Client, url string, hdr map[string]string, body []byte) {
	req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
	if err != nil {
		return
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	t0 := time.Now()
	resp, err := c.Do(req)
	if ctx.Err() != nil {
		if err == nil {
			resp.Body.Close()
		}
		return // the run ended, not the server
	}
	if err != nil {
		a.record(0, err, 0)
		return
	}
	got, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	code := ""
	if resp.StatusCode >= 400 {
		var e struct{ Code string }
		if err := json.Unmarshal(got, &e); err == nil {
			code = e.Code
		}
	}
	a.recordCode(resp.StatusCode, code, nil, time.Since(t0))
}

// gzipBomb is size zero bytes, gzip-compressed (about size/1000 on the wire).
func gzipBomb(size int) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := make([]byte, 1<<20)
	for n := 0; n < size; n += len(chunk) {
		_, _ = zw.Write(chunk)
	}
	_ = zw.Close()
	return buf.Bytes()
}

// slowBody holds one connection that announces a body of announce bytes
// and sends one byte a second, until the server closes it or ctx ends.
func (a *attack) slowBody(ctx context.Context, addr, path string, announce int) {
	d := net.Dialer{Timeout: 5 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		if ctx.Err() == nil {
			a.record(0, err, 0)
		}
		return
	}
	defer conn.Close()
	a.count("connections opened", 1)
	t0 := time.Now()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{", path, addr, announce)
	if _, err := io.WriteString(conn, head); err != nil {
		return
	}
	// The server may answer (a 408 or 413) and close; read in the
	// background so a close is seen at once.
	closed := make(chan int, 1)
	go func() {
		buf := make([]byte, 512)
		n, _ := conn.Read(buf)
		status := 0
		if f := strings.Fields(string(buf[:n])); len(f) > 1 {
			status, _ = strconv.Atoi(f[1])
		}
		closed <- status
	}()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case status := <-closed:
			if ctx.Err() == nil {
				a.record(status, nil, time.Since(t0))
				a.count("closed by the server", 1)
			}
			return
		case <-ctx.Done():
			return
		case <-tick.C:
			if _, err := conn.Write([]byte(" ")); err != nil {
				if ctx.Err() == nil {
					a.record(0, err, time.Since(t0))
				}
				return
			}
			a.count("bytes trickled", 1)
		}
	}
}

// goroutines reads the server's goroutine count from its pprof address.
func goroutines(ctx context.Context, c *http.Client, debugBase string) (int, error) {
	b, err := getDebug(ctx, c, debugBase+"/debug/pprof/goroutine?debug=1")
	if err != nil {
		return 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	v, ok := strings.CutPrefix(line, "goroutine profile: total ")
	if !ok {
		return 0, fmt.Errorf("unexpected goroutine profile: %q", tailString(line, 80))
	}
	return strconv.Atoi(strings.TrimSpace(v))
}

func (b *bench) soak(ctx context.Context) error {
	cfg, rep := b.cfg, b.rep
	window := min(max(cfg.SoakDur/6, 10*time.Second), time.Minute)
	sample := min(max(cfg.SoakDur/30, 5*time.Second), 30*time.Second)
	sec := rep.section("soak", "7. Soak",
		fmt.Sprintf("A pinned server (`--idle-timeout %s --timeout %s --memory-limit %s --debug-addr …`) with %d users, each with the seed's ping. The victims: `wrk -t1 -c%d` at random over the %d users in consecutive windows of %s, so runtimes are made and dropped all the time (churn). "+
			"A baseline window runs first, without attackers (after every user was called once and a ramp window). Then, for %s, the attackers below run from the harness's core while the victims' windows go on. Afterwards the attackers stop, the idle timeout drops every runtime, and a last victim window runs. "+
			"Every %s the harness reads the server's VmRSS (/proc), goroutines (`/debug/pprof/goroutine?debug=1`) and /metrics (Go heap in use, warm runtimes).",
			cfg.SoakIdle, cfg.SoakTimeout, cfg.SoakMemory, cfg.SoakUsers, cfg.SoakConns, cfg.SoakUsers, secs(window), secs(cfg.SoakDur), secs(sample)))
	pop, err := b.ensurePopulation(ctx, cfg.SoakUsers, true)
	if err != nil {
		return err
	}
	dport, err := freePort()
	if err != nil {
		return err
	}
	debugAddr := fmt.Sprintf("127.0.0.1:%d", dport)
	debugBase := "http://" + debugAddr
	flags := []string{"--idle-timeout", cfg.SoakIdle.String(), "--timeout", cfg.SoakTimeout.String(), "--memory-limit", cfg.SoakMemory}
	rep.command(b.serverCommand(append(flags, "--debug-addr", "127.0.0.1:<port>")...) + "   # on the population's data folder")
	s, err := b.startServer(ctx, "soak", pop.data, true, nil, append(flags, "--debug-addr", debugAddr)...)
	if err != nil {
		return err
	}
	defer s.stop()
	addr := strings.TrimPrefix(s.base, "http://")
	if err := s.createUser(ctx, soakAttacker); err != nil {
		return fmt.Errorf("creating the attacker: %w", err)
	}
	for name, src := range map[string]string{"spin.ts": spinSource, "alloc.ts": allocSource} {
		if _, err := s.putFunction(ctx, soakAttacker, name, []byte(src)); err != nil {
			return fmt.Errorf("deploying the attacker's %s: %w", name, err)
		}
	}
	victims := load{Base: s.base, Paths: userPaths(cfg.SoakUsers, "ping"), Conns: cfg.SoakConns, Dur: window}
	rep.command(wrkCommand(cfg, load{Base: "http://127.0.0.1:<port>", Paths: victims.Paths, Conns: victims.Conns, Dur: victims.Dur}) + "   # the victims, window after window")

	type point struct {
		at         time.Duration
		phase      string
		rss        int64
		heapMiB    float64
		goroutines int
		warm       float64
	}
	var (
		pmu    sync.Mutex
		points []point
		phase  atomic.Value
	)
	phase.Store("baseline")
	mc := newClient(2)
	defer mc.CloseIdleConnections()
	t0 := time.Now()
	take := func() point {
		m, _ := s.mem()
		sm, _ := metricsSample(ctx, mc, s.base)
		g, err := goroutines(ctx, mc, debugBase)
		if err != nil {
			g = int(sm.Goroutines)
		}
		p := point{time.Since(t0), phase.Load().(string), m.RSS, sm.HeapInuse / (1 << 20), g, sm.Warm}
		pmu.Lock()
		points = append(points, p)
		pmu.Unlock()
		return p
	}
	sampCtx, stopSampling := context.WithCancel(ctx)
	var swg sync.WaitGroup
	swg.Add(1)
	go func() {
		defer swg.Done()
		tick := time.NewTicker(sample)
		defer tick.Stop()
		for {
			select {
			case <-sampCtx.Done():
				return
			case <-tick.C:
				take()
			}
		}
	}()
	defer func() { stopSampling(); swg.Wait() }()

	// Every user once, a ramp window, then the baseline.
	logf("soak: calling %d users once", cfg.SoakUsers)
	pc := newClient(16)
	if err := pool(ctx, cfg.SoakUsers, 16, func(ctx context.Context, i int) error {
		_, err := invoke(ctx, pc, s.base+"/"+userName(i)+"/ping", []byte(pingBody))
		return err
	}); err != nil {
		return err
	}
	pc.CloseIdleConnections()
	logf("soak: ramp and baseline windows (%s each)", secs(window))
	if _, err := runWrk(ctx, cfg, victims); err != nil {
		return err
	}
	base, err := runWrk(ctx, cfg, victims)
	if err != nil {
		return err
	}
	start := take()

	// The attackers.
	phase.Store("attack")
	actx, stopAttack := context.WithCancel(ctx)
	var awg sync.WaitGroup
	spinner := newAttack("spinner", "2 clients calling a function that spins until its deadline (`while (true) {}`)")
	alloc := newAttack("allocation loop", "1 client calling a function that allocates arrays until stopped")
	bomb := newAttack("gzip bomb", "1 client posting 64 MiB of zeros, gzip-compressed, to the unauthenticated `POST /api/v1/login` with `Content-Encoding: gzip`, every 500 ms")
	slow := newAttack("slow body", "50 connections announcing a 1 MiB body to a victim's route and sending one byte a second; reconnecting when closed")
	login := newAttack("wrong passwords", "1 client logging in as a victim with a wrong password, back to back")
	probe := newAttack("(victim probe)", "not an attacker: 1 client calling a random victim's ping every 50 ms, to show which answers the victims get")
	attacks := []*attack{spinner, alloc, bomb, slow, login, probe}
	fnClient := &http.Client{Timeout: cfg.SoakTimeout + 20*time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 8, DisableCompression: true}}
	apiClient := &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 4, DisableCompression: true}}
	defer fnClient.CloseIdleConnections()
	defer apiClient.CloseIdleConnections()
	jsonCT := map[string]string{"Content-Type": "application/json"}
	for range 2 {
		loop(actx, &awg, 0, func(ctx context.Context) {
			spinner.post(ctx, fnClient, s.base+"/"+soakAttacker+"/spin", jsonCT, []byte("{}"))
		})
	}
	loop(actx, &awg, 0, func(ctx context.Context) {
		alloc.post(ctx, fnClient, s.base+"/"+soakAttacker+"/alloc", jsonCT, []byte("{}"))
	})
	bombBody := gzipBomb(64 << 20)
	loop(actx, &awg, 500*time.Millisecond, func(ctx context.Context) {
		bomb.post(ctx, apiClient, s.base+"/api/v1/login", map[string]string{"Content-Type": "application/json", "Content-Encoding": "gzip"}, bombBody)
	})
	for range 50 {
		loop(actx, &awg, 100*time.Millisecond, func(ctx context.Context) { slow.slowBody(ctx, addr, "/"+userName(0)+"/ping", 1<<20) })
	}
	probeClient := newClient(1)
	defer probeClient.CloseIdleConnections()
	var probeN atomic.Int64
	loop(actx, &awg, 50*time.Millisecond, func(ctx context.Context) {
		u := userName(int(probeN.Add(1)*7919) % cfg.SoakUsers)
		probe.post(ctx, probeClient, s.base+"/"+u+"/ping", jsonCT, []byte(pingBody))
	})
	wrong := []byte(fmt.Sprintf(`{"name":%q,"password":"not-the-password"}`, userName(1)))
	loop(actx, &awg, 0, func(ctx context.Context) { login.post(ctx, apiClient, s.base+"/api/v1/login", jsonCT, wrong) })
	rep.command(fmt.Sprintf("# attackers (bench/soak.go): %d clients on the spinning function, 1 on the allocation loop, a %d-byte gzip bomb to /api/v1/login every 500 ms, 50 slow-body connections, wrong-password logins back to back", 2, len(bombBody)))

	logf("soak: %s with attackers", secs(cfg.SoakDur))
	type windowResult struct {
		at time.Duration
		r  wrkResult
	}
	var windows []windowResult
	attackStart := time.Now()
	for time.Since(attackStart)+window/2 < cfg.SoakDur && ctx.Err() == nil {
		at := time.Since(t0)
		r, err := runWrk(ctx, cfg, victims)
		if err != nil {
			stopAttack()
			awg.Wait()
			return err
		}
		windows = append(windows, windowResult{at, r})
		logf("soak: window at %s: %s req/s, p99 %s (baseline %s)", at.Round(time.Second), rps(r.rps()), usMs(r.P99), usMs(base.P99))
	}
	stopAttack()
	awg.Wait()
	phase.Store("after")

	// Let the idle timeout drop every runtime, then a last window.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if sm, err := metricsSample(ctx, mc, s.base); err == nil && sm.Warm == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	after, err := runWrk(ctx, cfg, victims)
	if err != nil {
		return err
	}
	time.Sleep(2 * cfg.SoakIdle)
	end := take()
	live := "?"
	if n, err := liveHeap(ctx, mc, debugBase); err == nil {
		live = fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	stopSampling()
	swg.Wait()

	at := &table{Title: "Attackers", Header: []string{"attacker", "what it does", "requests", "answers", "p50 answer time"}}
	for _, a := range attacks {
		a.mu.Lock()
		n := a.n
		a.mu.Unlock()
		at.add(a.name, a.what, strconv.Itoa(n), a.answers(), a.p50())
	}
	sec.Tables = append(sec.Tables, at)

	vt := &table{Title: "Victims", Header: []string{"window", "req/s", "p50", "p99", "max", "errors", "p99 against the baseline"}}
	vt.add("baseline (no attackers)", rps(base.rps()), usMs(base.P50), usMs(base.P99), usMs(base.Max), strconv.FormatInt(base.errors(), 10), "1×")
	worst := base
	for _, w := range windows {
		vt.add("attacked, from "+w.at.Round(time.Second).String(), rps(w.r.rps()), usMs(w.r.P50), usMs(w.r.P99), usMs(w.r.Max), strconv.FormatInt(w.r.errors(), 10), fmt.Sprintf("%.2f×", w.r.P99/base.P99))
		if w.r.P99 > worst.P99 {
			worst = w.r
		}
	}
	vt.add("after the attackers stopped", rps(after.rps()), usMs(after.P50), usMs(after.P99), usMs(after.Max), strconv.FormatInt(after.errors(), 10), fmt.Sprintf("%.2f×", after.P99/base.P99))
	sec.Tables = append(sec.Tables, vt)

	st := &table{Title: "Samples", Header: []string{"t", "phase", "RSS", "Go heap in use", "goroutines", "warm runtimes"}}
	pmu.Lock()
	for _, p := range points {
		st.add(p.at.Round(time.Second).String(), p.phase, mib(p.rss), fmt.Sprintf("%.1f MiB", p.heapMiB), strconv.Itoa(p.goroutines), fmt.Sprintf("%.0f", p.warm))
	}
	var peakRSS int64
	peakG := 0
	for _, p := range points {
		peakRSS, peakG = max(peakRSS, p.rss), max(peakG, p.goroutines)
	}
	pmu.Unlock()
	sec.Tables = append(sec.Tables, st)
	sec.Notes = append(sec.Notes,
		fmt.Sprintf("Before the attackers: RSS %s, %d goroutines. Peak while attacked: RSS %s, %d goroutines. At the end (attackers gone, runtimes dropped): RSS %s, %d goroutines, live heap after a GC %s.", mib(start.rss), start.goroutines, mib(peakRSS), peakG, mib(end.rss), end.goroutines, live))

	rssGrowth := float64(end.rss-start.rss) / float64(max(start.rss, 1))
	tg := &table{Title: "Targets", Header: []string{"target", "measured", "verdict"}}
	tg.add("RSS flat (at the end within 10% of before the attackers)", fmt.Sprintf("%s → %s (%+.1f%%), peak %s", mib(start.rss), mib(end.rss), rssGrowth*100, mib(peakRSS)), verdict(rssGrowth <= 0.10))
	gOK := end.goroutines <= start.goroutines+start.goroutines/10+10
	tg.add("goroutines flat (at the end within 10% + 10 of before the attackers)", fmt.Sprintf("%d → %d, peak %d", start.goroutines, end.goroutines, peakG), verdict(gOK))
	tg.add("victims' p99 within 2× of the baseline while attacked (worst window)", fmt.Sprintf("%s against %s (%.2f×)", usMs(worst.P99), usMs(base.P99), worst.P99/base.P99), verdict(worst.P99 <= 2*base.P99))
	var victimErrs int64
	for _, w := range windows {
		victimErrs += w.r.errors()
	}
	tg.add("victims get no errors while attacked", fmt.Sprintf("%d errors", victimErrs), verdict(victimErrs == 0))
	sec.Tables = append(sec.Tables, tg)
	if rssGrowth > 0.10 {
		rep.finding("soak: RSS went from %s before the attackers to %s after them (%+.1f%%, peak %s)", mib(start.rss), mib(end.rss), rssGrowth*100, mib(peakRSS))
	}
	if !gOK {
		rep.finding("soak: goroutines went from %d before the attackers to %d after them (peak %d)", start.goroutines, end.goroutines, peakG)
	}
	if worst.P99 > 2*base.P99 {
		rep.finding("soak: the victims' p99 went from %s to %s (%.1f×) while attacked", usMs(base.P99), usMs(worst.P99), worst.P99/base.P99)
	}
	if s.p.exited() {
		rep.finding("soak: the server died during the run; its log: %s", tailString(tail(s.p.log, 2000), 1500))
	}
	return nil
}
