package engine

import (
	"context"
	"errors"
	"sync"
	"time"
)

// errDeadline is the cause recorded when an invocation ran out of time.
var errDeadline = errors.New("deadline exceeded")

// deadline is one invocation's only timer. On Linux (when the process may
// renice threads) it first wakes every NiceAfter to see whether the
// invocation keeps its thread busy, and lowers that thread's priority when
// it does (see nice_linux.go); at the deadline it interrupts the runtime and
// wakes the invocation's event loop. One timer per invocation, instead of a
// context with its own timer plus a separate priority timer, keeps the warm
// path short.
type deadline struct {
	rt    *runtime
	mu    sync.Mutex
	t     *time.Timer
	at    time.Time
	every time.Duration // priority checks; 0: none

	tid     int
	lastCPU int64
	niced   bool

	done  bool
	cause error // why the runtime was interrupted: errDeadline or the caller's context error
	stopC func() bool
}

// startDeadline arms the invocation's timer on the calling goroutine's
// thread; stop must be called on the same goroutine.
func (rt *runtime) startDeadline(ctx context.Context, timeout, niceEvery time.Duration) *deadline {
	d := &deadline{rt: rt, at: time.Now().Add(timeout), lastCPU: -1}
	first := timeout
	if niceEvery > 0 {
		d.every = niceEvery
		d.tid = lockThread()
		rt.tid.Store(int32(d.tid))
		first = min(first, niceEvery)
	}
	d.mu.Lock()
	d.t = time.AfterFunc(first, d.fire)
	if ctx.Done() != nil {
		d.stopC = context.AfterFunc(ctx, func() { d.interrupt(ctx.Err()) })
	}
	d.mu.Unlock()
	return d
}

func (d *deadline) fire() {
	d.mu.Lock()
	if d.done || d.cause != nil {
		d.mu.Unlock()
		return
	}
	left := time.Until(d.at)
	if left <= 0 {
		d.mu.Unlock()
		d.interrupt(errDeadline)
		return
	}
	if d.every > 0 && !d.niced {
		cpu := threadCPU(d.tid)
		if d.lastCPU >= 0 && cpu >= 0 && time.Duration(cpu-d.lastCPU) >= d.every/5 {
			d.niced = setNice(d.tid, niceLevel)
		}
		d.lastCPU = cpu
	}
	next := left
	if d.every > 0 && !d.niced {
		next = min(next, d.every)
	}
	d.t.Reset(next)
	d.mu.Unlock()
}

// interrupt stops the running JS and wakes the event loop, once.
func (d *deadline) interrupt(cause error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done || d.cause != nil {
		return
	}
	d.cause = cause
	d.rt.vm.Interrupt(interruption{})
	d.rt.loop.interrupt()
}

// why is the cause of the interruption, if there was one.
func (d *deadline) why() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cause
}

// stop ends the invocation's timer, restores its thread and reports why
// the runtime was interrupted (nil if it was not) and whether the thread
// had been niced.
func (d *deadline) stop() (cause error, niced bool) {
	d.mu.Lock()
	d.done = true
	cause, niced = d.cause, d.niced
	d.t.Stop()
	d.mu.Unlock()
	if d.stopC != nil {
		d.stopC()
	}
	if d.every > 0 {
		d.rt.tid.Store(0)
		if niced {
			setNice(d.tid, 0)
		}
		unlockThread()
	}
	return cause, niced
}
