package engine

import (
	"errors"
	"math"
	goruntime "runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"time"

	"github.com/dop251/goja"
)

// The memory watchdog. goja cannot bound one runtime's heap, so the engine
// watches the Go heap and decides who grew it:
//
//   - every watchEvery it reads the heap, and credits growth since the
//     last sample to the runtimes running then (invocations and compiles).
//     Where invocations run on locked threads (renice on), only fast growth
//     (at least max(minGrowth, MemoryLimit/512) in one sample) is credited,
//     by each thread's minor page faults in the interval (who touched new
//     memory) or, when none faulted, its CPU time; slower growth is mostly
//     the garbage of short invocations and is left uncredited. Otherwise
//     all growth is credited by running time in the interval (time spent
//     waiting on the event loop counts for nothing; invocations that ended
//     in the interval take their share with them). Growth credited while a
//     runtime loads a function is kept as that runtime's estimate of what
//     it holds while idle.
//   - above MemoryLimit, once a collection has shown that the heap is
//     really held and not garbage, it takes one step: it stops the running
//     runtime credited with the most recent growth, if that is at least
//     max(minGrowth, MemoryLimit/64) (ErrMemory; credit fades with a
//     half-life of growthHalfLife, and is forgotten once a step brought the
//     heap back under), or else drops the idle runtimes estimated to hold
//     the most, enough to cover the excess. A running runtime that did not
//     grow is never stopped.
//   - then it waits for the step to take effect (the stopped runtime is
//     closed, at most stopGrace) and for a garbage collection (forced at most every
//     gcEvery), and takes the next step only if the heap is still above.

const (
	watchEvery = 10 * time.Millisecond
	gcEvery    = 250 * time.Millisecond
	stopGrace  = 200 * time.Millisecond
	// growthHalfLife is how fast a running runtime's credited growth fades.
	growthHalfLife = time.Second
	// minGrowth is the least recent growth (and limit/64) for which a
	// running runtime is blamed; below it idle runtimes are dropped instead.
	minGrowth = 1 << 20
)

// memoryExceeded is the Interrupt value the watchdog uses.
type memoryExceeded struct{}

// errMemoryStop ends an event loop the watchdog woke.
var errMemoryStop = errors.New("stopped by the memory watchdog")

// isMemory reports whether err is the watchdog's interruption.
func isMemory(err error) bool {
	if err == errMemoryStop {
		return true
	}
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		_, ok := ie.Value().(memoryExceeded)
		return ok
	}
	return false
}

// track counts rt as running (an invocation of route, or a compile) from
// start, for the watchdog.
func (e *Engine) track(rt *runtime, start time.Time, route string) {
	e.busyMu.Lock()
	e.busy[rt] = struct{}{}
	rt.busySince, rt.busyFn = start, route
	rt.grown, rt.cpu, rt.faults = 0, -1, -1
	rt.memStop.Store(false)
	e.busyMu.Unlock()
}

// untrack ends what track started, for a compile (invocations end in ended).
func (e *Engine) untrack(rt *runtime) {
	e.busyMu.Lock()
	delete(e.busy, rt)
	e.busyMu.Unlock()
}

// setLoading marks rt as loading a function (its growth is what it will
// hold while idle) or done loading.
func (e *Engine) setLoading(rt *runtime, on bool) {
	e.busyMu.Lock()
	rt.loading = on
	e.busyMu.Unlock()
}

// attribute credits delta bytes of heap growth, seen between from and to,
// to the runtimes running then. With readCPU (invocations on locked
// threads), a thread's minor page faults in the interval say who touched
// new memory, and, when no thread faulted, its CPU time says who ran;
// otherwise each runtime's running time in the interval does, and the
// invocations that ended in it (e.ghost) take their share with them.
func (e *Engine) attribute(delta int64, from, to time.Time, readCPU bool) {
	e.busyMu.Lock()
	defer e.busyMu.Unlock()
	ghost := e.ghost
	e.ghost, e.lastTick = 0, to
	if len(e.busy) == 0 {
		return
	}
	ws := e.shares[:0]
	tick := float64(to.Sub(from))
	decay := math.Exp2(-float64(to.Sub(from)) / float64(growthHalfLife))
	var faults float64
	for rt := range e.busy {
		sh := growthShare{rt: rt}
		if !rt.waiting.Load() {
			s := rt.busySince
			if s.Before(from) {
				s = from
			}
			sh.w = float64(to.Sub(s))
		}
		if tid := rt.tid.Load(); readCPU && tid != 0 {
			c, f := threadCPU(int(tid)), threadFaults(int(tid))
			if c >= 0 && rt.cpu >= 0 && c >= rt.cpu && to.After(rt.cpuAt) && rt.busySince.Before(from) {
				sh.w = float64(c-rt.cpu) * tick / float64(to.Sub(rt.cpuAt))
			}
			if f >= 0 && rt.faults >= 0 && f >= rt.faults && rt.busySince.Before(from) {
				sh.flt = float64(f - rt.faults)
				faults += sh.flt
			}
			rt.cpu, rt.cpuAt, rt.faults = c, to, f
		}
		ws = append(ws, sh)
	}
	sum := 0.0
	for i := range ws {
		if faults > 0 {
			ws[i].w = ws[i].flt
		}
		sum += ws[i].w
	}
	if faults == 0 {
		sum += ghost
	}
	if sum <= 0 {
		clear(ws)
		e.shares = ws[:0]
		return
	}
	// grown is recent growth: what a runtime was credited decays with a
	// half-life of growthHalfLife, so that a long invocation does not end
	// up blamed for the sum of small shares while another one allocates now.
	for rt := range e.busy {
		rt.grown = int64(float64(rt.grown) * decay)
	}
	for _, s := range ws {
		n := int64(float64(delta) * s.w / sum)
		s.rt.grown += n
		if s.rt.loading {
			s.rt.held += n
		}
	}
	clear(ws)
	e.shares = ws[:0]
}

// growthShare is one running runtime's weight in a sample's growth.
type growthShare struct {
	rt  *runtime
	w   float64
	flt float64 // minor page faults of its thread in the interval
}

// heapObjects reads the Go heap's size: live objects and those not yet
// swept.
func heapObjects(samples []metrics.Sample) int64 {
	metrics.Read(samples)
	if samples[0].Value.Kind() == metrics.KindUint64 {
		return int64(samples[0].Value.Uint64())
	}
	return 0
}

// startWatchdog takes the watchdog's first sample, so that growth from
// New on is credited, and starts it.
func (e *Engine) startWatchdog() {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap, at := heapObjects(samples), time.Now()
	e.busyMu.Lock()
	e.lastTick = at
	e.busyMu.Unlock()
	go e.watchdog(samples, heap, at)
}

func (e *Engine) watchdog(samples []metrics.Sample, prevHeap int64, prevAt time.Time) {
	read := func() int64 { return heapObjects(samples) }
	limit := e.cfg.MemoryLimit
	t := time.NewTicker(watchEvery)
	defer t.Stop()
	var (
		over    bool       // the heap is held above the limit: an episode
		acted   time.Time  // the last step, zero if none is pending
		lastGC  time.Time  // the last forced GC
		stopped []*runtime // runtimes the last step stopped
		idleLog bool       // "nothing to stop" was logged in this episode
	)
	for {
		select {
		case <-e.stop:
			return
		case <-t.C:
		}
		heap := read()
		now := time.Now()
		if heap > prevHeap {
			// Reading threads costs two small file reads per running
			// runtime: only for growth fast enough to matter.
			// With threads to read, slower growth is left uncredited:
			// it is mostly the garbage of short invocations, which
			// running time would pin on the long ones.
			d := heap - prevHeap
			if fast := d >= max(minGrowth, limit/512); fast || !e.renice {
				e.attribute(d, prevAt, now, fast && e.renice)
			}
		}
		prevHeap, prevAt = heap, now

		if heap < limit {
			if over {
				e.log.Info("heap back under the memory limit", "heap_bytes", heap, "limit", limit)
				if !acted.IsZero() {
					e.forgetGrowth()
				}
			}
			over, acted, stopped, idleLog = false, time.Time{}, nil, false
			continue
		}
		if !over {
			// Garbage or held memory? A collection tells (at most one
			// forced every gcEvery).
			if now.Sub(lastGC) < gcEvery {
				continue
			}
			goruntime.GC()
			lastGC = time.Now()
			heap = read()
			prevHeap, prevAt = heap, time.Now()
			if heap < limit {
				continue
			}
			over = true
		}
		if !acted.IsZero() {
			// Let the last step take effect: the runtimes it stopped end,
			// then a collection shows what is still held.
			if now.Sub(acted) < stopGrace && e.anyBusy(stopped) {
				continue
			}
			if now.Sub(lastGC) < gcEvery {
				continue
			}
			debug.FreeOSMemory()
			lastGC = time.Now()
			heap = read()
			prevHeap, prevAt = heap, time.Now()
			if heap < limit {
				e.log.Info("heap back under the memory limit", "heap_bytes", heap, "limit", limit)
				over, acted, stopped, idleLog = false, time.Time{}, nil, false
				// The step freed the memory: the growth others were
				// credited with meanwhile was the stopped runtime's.
				e.forgetGrowth()
				continue
			}
		}
		var did bool
		stopped, did = e.memoryStep(heap, idleLog)

		if !did {
			idleLog = true
			acted = time.Time{}
			continue
		}
		acted = time.Now()
	}
}

// forgetGrowth clears the running runtimes' credited growth.
func (e *Engine) forgetGrowth() {
	e.busyMu.Lock()
	for rt := range e.busy {
		rt.grown = 0
	}
	e.busyMu.Unlock()
}

// anyBusy reports whether one of rts is still open (its invocation has not
// ended and given it back to be closed).
func (e *Engine) anyBusy(rts []*runtime) bool {
	for _, rt := range rts {
		select {
		case <-rt.closed:
		default:
			return true
		}
	}
	return false
}

// memoryStep takes the watchdog's next step above the limit: it stops the
// running runtime that grew most, or drops the heaviest idle runtimes. It
// returns the runtimes it stopped and whether it did anything.
func (e *Engine) memoryStep(heap int64, quiet bool) ([]*runtime, bool) {
	limit := e.cfg.MemoryLimit
	e.busyMu.Lock()
	// A runtime whose recent growth is a small part of the limit is not
	// what keeps the heap above it.
	least := max(minGrowth, limit/64)
	var top *runtime
	for rt := range e.busy {
		if rt.memStop.Load() {
			continue
		}
		if rt.grown >= least && (top == nil || rt.grown > top.grown) {
			top = rt
		}
	}
	if top != nil {
		top.memStop.Store(true)
		top.vm.Interrupt(memoryExceeded{})
		top.loop.interrupt()
		user, fn, grown := top.user, top.busyFn, top.grown
		e.busyMu.Unlock()
		e.log.Warn("heap above the memory limit: stopped the function that grew it most", "user", user, "fn", fn,
			"recent_growth_bytes", grown, "heap_bytes", heap, "limit", limit)
		return []*runtime{top}, true
	}
	e.busyMu.Unlock()
	if n, freed := e.dropHeaviest(heap - limit); n > 0 {
		e.log.Warn("heap above the memory limit: dropped the idle runtimes holding the most", "dropped", n,
			"estimated_bytes", freed, "heap_bytes", heap, "limit", limit)
		return nil, true
	}
	if !quiet {
		e.log.Warn("heap above the memory limit, and no runtime left to stop or drop", "heap_bytes", heap, "limit", limit)
	}
	return nil, false
}

// dropHeaviest closes idle runtimes, those estimated to hold the most
// first, until their estimates cover excess bytes (at least one). It
// returns how many it dropped and their estimated bytes.
func (e *Engine) dropHeaviest(excess int64) (int, int64) {
	e.mu.Lock()
	users := make([]*userState, 0, len(e.users))
	for _, u := range e.users {
		users = append(users, u)
	}
	e.mu.Unlock()
	type cand struct {
		u        *userState
		rt       *runtime
		held     int64
		lastUsed time.Time
	}
	var cands []cand
	for _, u := range users {
		u.pool.mu.Lock()
		for _, rt := range u.pool.idle {
			cands = append(cands, cand{u: u, rt: rt, lastUsed: rt.lastUsed})
		}
		u.pool.mu.Unlock()
	}
	if len(cands) == 0 {
		return 0, 0
	}
	e.busyMu.Lock()
	for i := range cands {
		cands[i].held = cands[i].rt.held
	}
	e.busyMu.Unlock()
	slices.SortFunc(cands, func(a, b cand) int {
		switch {
		case a.held > b.held:
			return -1
		case a.held < b.held:
			return 1
		}
		return a.lastUsed.Compare(b.lastUsed) // then the least recently used
	})
	n, freed := 0, int64(0)
	for _, c := range cands {
		if n > 0 && freed >= excess {
			break
		}
		if c.u.pool.drop(c.rt) {
			n++
			freed += c.held
		}
	}
	return n, freed
}
